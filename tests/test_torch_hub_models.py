"""torch.hub models: a GitHub repository loaded with ``torch.hub.load`` is a model of kind github.

torch.hub fetches the repository (its ``hubconf.py`` runs on load) and the weights it names, so the
BOM records the repository as the model, with a ``pkg:github`` purl and the ref as its version.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from conftest import scan_to_bom

from aibom.bom.contents import github_purl
from aibom.bom.read import parse_bom
from aibom.bom.recorded import bom_models
from aibom.inventory import ModelKind
from aibom.policy import evaluate, load_policies
from aibom.scanners.python_source import scan_python_text

CODE = """\
import torch
from torch import hub

VAD_REPO = "snakers4/silero-vad"

def tts(speaker):
    # torch.hub.load("someone/in-a-comment", "x") is prose
    return torch.hub.load(repo_or_dir="snakers4/silero-models", model="silero_tts", speaker=speaker)

detector = torch.hub.load("ultralytics/yolov5:v7.0", "yolov5s")
vad = hub.load(VAD_REPO, "silero_vad")
mine = torch.hub.load("./vendor/yolov5", "custom", source="local")
other = torch.hub.load(user_repo, "model")
url = "see github.com/pytorch/vision for more"
"""


def github_models(code: str) -> list[tuple[str, str | None, int | None, str | None]]:
    findings = scan_python_text(textwrap.dedent(code), "app/models.py")
    return sorted(
        (f.name, f.revision, f.location.line, f.framework)
        for f in findings
        if getattr(f, "kind", None) is ModelKind.GITHUB
    )


def test_torch_hub_load_names_a_github_model() -> None:
    assert github_models(CODE) == [
        ("snakers4/silero-models", None, 8, "torch-hub"),
        ("snakers4/silero-vad", None, 11, "torch-hub"),
        ("ultralytics/yolov5", "v7.0", 10, "torch-hub"),
    ]


def test_local_sources_unknown_repos_and_other_calls_are_not_github_models() -> None:
    code = """\
    import torch
    torch.hub.load("./models/yolo", "custom", source="local")
    torch.hub.load("/abs/path", "m", source="local")
    torch.hub.load(repo, "m")
    torch.hub.load("not a repo", "m")
    torch.hub.list("pytorch/vision")
    load("pytorch/vision", "resnet18")
    """
    assert github_models(code) == []


def test_a_repository_loading_itself_in_its_hubconf_is_not_a_dependency() -> None:
    code = """\
    import torch
    def tts(): ...
    if __name__ == "__main__":
        synthesizer = torch.hub.load("acme/tts:dev", "tts", source="github")
    """
    assert scan_python_text(textwrap.dedent(code), "hubconf.py") == []
    assert github_models(code) == [("acme/tts", "dev", 4, "torch-hub")]  # elsewhere it is one


def test_github_purl_follows_the_purl_spec() -> None:
    purl = github_purl("Snakers4/Silero-Models", "v4.0")
    assert purl is not None and purl.to_string() == "pkg:github/snakers4/silero-models@v4.0"
    plain = github_purl("pytorch/vision")
    assert plain is not None and plain.to_string() == "pkg:github/pytorch/vision"
    assert github_purl("no-slash") is None
    assert github_purl("a/b/c") is None


def _project(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "models.py").write_text(textwrap.dedent(CODE), encoding="utf-8")
    return tmp_path


def _component(bom: dict[str, Any], purl: str) -> dict[str, Any]:
    [comp] = [c for c in bom["components"] if c.get("purl") == purl]
    return comp


def test_bom_records_the_repository_with_purl_version_and_kind(tmp_path: Path) -> None:
    bom = scan_to_bom(_project(tmp_path))  # validated against the CycloneDX 1.6 schema
    yolo = _component(bom, "pkg:github/ultralytics/yolov5@v7.0")
    assert yolo["type"] == "machine-learning-model"
    assert yolo["name"] == "ultralytics/yolov5" and yolo["version"] == "v7.0"
    props = {(p["name"], p["value"]) for p in yolo["properties"]}
    assert ("aibom:model.kind", "github") in props
    assert ("aibom:framework", "torch-hub") in props
    tts = _component(bom, "pkg:github/snakers4/silero-models")
    assert "version" not in tts
    names = {c["name"] for c in bom["components"]}
    assert "someone/in-a-comment" not in names and "pytorch/vision" not in names


def test_reading_the_bom_back_keeps_the_kind(tmp_path: Path) -> None:
    bom = scan_to_bom(_project(tmp_path))
    models = {(m.name, m.kind, m.revision) for m in bom_models(parse_bom(bom))}
    assert ("ultralytics/yolov5", ModelKind.GITHUB, "v7.0") in models
    assert ("snakers4/silero-models", ModelKind.GITHUB, None) in models


def test_provenance_pack_warns_that_loading_runs_remote_code(tmp_path: Path) -> None:
    bom = scan_to_bom(_project(tmp_path))
    result = evaluate(parse_bom(bom), load_policies(["provenance"]))
    remote = sorted(
        (f.severity, f.component.name) for f in result.findings if f.rule == "remote-code-model"
    )
    assert remote == [
        ("warning", "snakers4/silero-models"),
        ("warning", "snakers4/silero-vad"),
        ("warning", "ultralytics/yolov5"),
    ]
    [yolo] = [
        f
        for f in result.findings
        if f.rule == "remote-code-model" and f.component.name == "ultralytics/yolov5"
    ]
    assert "hubconf.py" in yolo.message and "v7.0" in yolo.message
