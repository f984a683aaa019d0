"""Model galleries: entries' ``files:`` downloaded from Hugging Face, and big gallery files."""

from __future__ import annotations

from pathlib import Path

from aibom.inventory import Finding, ModelFinding
from aibom.scanners.base import ScanContext
from aibom.scanners.config_files import MAX_CONFIG_BYTES, ConfigFileScanner, scan_config_text
from aibom.scanners.gallery import hub_file_repo, looks_like_gallery
from aibom.walk import SourceFile

GALLERY = """---
- name: "qwen3-8b"
  url: "github:example/gallery/base.yaml@master"
  urls:
    - https://huggingface.co/Qwen/Qwen3-8B
  icon: https://huggingface.co/Qwen/Qwen3-8B/resolve/main/logo.png
  description: |
    Quantized from https://huggingface.co/Qwen/Qwen3-8B-Base/resolve/main/model.safetensors
  overrides:
    parameters:
      model: llama-cpp/models/Qwen3-8B-Q4_K_M.gguf
  files:
    - filename: llama-cpp/models/Qwen3-8B-Q4_K_M.gguf
      sha256: 0123
      uri: huggingface://bartowski/Qwen3-8B-GGUF/Qwen3-8B-Q4_K_M.gguf
    - filename: llama-cpp/mmproj/mmproj-f16.gguf
      sha256: 4567
      uri: https://huggingface.co/unsloth/Qwen3-8B-GGUF/resolve/main/mmproj-F16.gguf
- name: "voice"
  files:
    - filename: voice.onnx
      uri: https://github.com/example/voices/releases/download/v1/voice.onnx
    - filename: data.parquet
      uri: https://huggingface.co/datasets/org/some-data/resolve/main/data.parquet
"""


def _models(findings: list[Finding]) -> list[tuple[str, int | None]]:
    return sorted((f.name, f.location.line) for f in findings if isinstance(f, ModelFinding))


def test_hub_file_repo() -> None:
    assert hub_file_repo("huggingface://org/repo/sub/file.gguf") == "org/repo"
    assert hub_file_repo("hf://org/repo/file.bin") == "org/repo"
    assert hub_file_repo("https://huggingface.co/org/repo/resolve/main/x.gguf") == "org/repo"
    assert hub_file_repo("https://hf.co/org/repo/resolve/abc123/dir/x.onnx") == "org/repo"
    # decoys: model cards, datasets, spaces, other hosts, a repo without a file
    assert hub_file_repo("https://huggingface.co/org/repo") is None
    assert hub_file_repo("https://huggingface.co/datasets/org/ds/resolve/main/x.json") is None
    assert hub_file_repo("https://huggingface.co/spaces/org/app/resolve/main/x.py") is None
    assert hub_file_repo("https://github.com/org/repo/releases/download/v1/x.gguf") is None
    assert hub_file_repo("huggingface://org/repo") is None


def test_gallery_files_name_the_hub_repositories_downloaded() -> None:
    found = _models(scan_config_text(GALLERY, "gallery/index.yaml", "yaml"))
    # the files' repositories; not the model card link, the icon, the prose, the dataset,
    # nor the GitHub-hosted voice
    assert ("bartowski/Qwen3-8B-GGUF", 15) in found
    assert ("unsloth/Qwen3-8B-GGUF", 18) in found
    names = {n for n, _ in found}
    assert not names & {"Qwen/Qwen3-8B", "Qwen/Qwen3-8B-Base", "org/some-data", "org/repo"}


def test_a_record_without_a_file_name_is_no_download() -> None:
    text = "- name: x\n  files:\n    - uri: huggingface://org/model-x/a.gguf\n"
    assert _models(scan_config_text(text, "g.yaml", "yaml")) == []


def test_looks_like_gallery() -> None:
    assert looks_like_gallery(GALLERY)
    assert looks_like_gallery(
        "# gallery\n- &base\n  name: a\n  files:\n    - uri: hf://o/r/f.gguf\n"
    )
    # a mapping at the top, a list without hub downloads, a list without files
    assert not looks_like_gallery("models:\n  - name: a\n    files:\n      - uri: hf://o/r/f\n")
    assert not looks_like_gallery("- name: a\n  files:\n    - uri: https://example.com/f.gguf\n")
    assert not looks_like_gallery("- name: a\n  uri: huggingface://o/r/f.gguf\n")


def test_a_big_gallery_is_read_and_big_data_is_not(tmp_path: Path) -> None:
    entry = (
        "- name: m{i}\n  description: |\n    {pad}\n  files:\n"
        "    - filename: m{i}.gguf\n      uri: huggingface://org{i}/model-{i}-GGUF/m{i}.gguf\n"
    )
    pad = "x" * 2000
    n = MAX_CONFIG_BYTES // 2000 + 10
    big = "".join(entry.format(i=i, pad=pad) for i in range(n))
    data = "".join(f"- name: row{i}\n  text: {pad}\n  model: org/model-{i}\n" for i in range(n))
    (tmp_path / "index.yaml").write_text(big, encoding="utf-8")
    (tmp_path / "data.yaml").write_text(data, encoding="utf-8")
    ctx = ScanContext(root=tmp_path)
    scanner = ConfigFileScanner()
    out: list[Finding] = []
    for name in ("index.yaml", "data.yaml"):
        p = tmp_path / name
        f = SourceFile(name, p, p.stat().st_size)
        assert f.size > MAX_CONFIG_BYTES
        out.extend(scanner.scan(f, ctx))
    models = {f.name for f in out if isinstance(f, ModelFinding)}
    assert "org0/model-0-GGUF" in models and f"org{n - 1}/model-{n - 1}-GGUF" in models
    assert not any(m.startswith("org/model-") for m in models)


VOICES = """- name: voice-amy
  overrides:
    parameters:
      model: vits-piper-en_US-amy/en_US-amy.onnx
  files:
    - filename: vits-piper-en_US-amy.tar.bz2
      uri: https://github.com/example/voices/releases/download/v1/vits-piper-en_US-amy.tar.bz2
- name: quant
  overrides:
    parameters:
      model: llama-cpp/models/q.gguf
  files:
    - filename: llama-cpp/models/q.gguf
      uri: huggingface://org/model-q-GGUF/q.gguf
- name: no-files
  overrides:
    parameters:
      model: other/loaded.onnx
- name: not-a-file
  overrides:
    parameters:
      model: some-alias
  files:
    - filename: a.tar.gz
      uri: https://example.com/a.tar.gz
"""


def test_the_file_an_entry_loads_is_its_model_when_not_from_the_hub() -> None:
    found = scan_config_text(VOICES, "gallery/index.yaml", "yaml")
    local = sorted(
        (f.name, f.location.line)
        for f in found
        if isinstance(f, ModelFinding) and f.kind.value == "local"
    )
    # the voice from GitHub; not the hub entry's file (its repo is the model), not an
    # entry downloading nothing, not a name without a weight suffix
    assert ("vits-piper-en_US-amy/en_US-amy.onnx", 4) in local
    assert not {n for n, _ in local} & {
        "llama-cpp/models/q.gguf",
        "other/loaded.onnx",
        "some-alias",
    }
    assert ("org/model-q-GGUF", 14) in _models(found)


TEMPLATE = """---
name: "vllm-phi"

config_file: |
  backend: vllm
  # model: commented/out-model
  parameters:
    model: microsoft/Phi-3-vision-128k-instruct
  speculative_draft_model_path: google/gemma-4-E2B-it-assistant
description: |
  Based on microsoft/Phi-3-mini-4k-instruct.
"""


def test_an_embedded_config_file_is_read_at_its_own_lines() -> None:
    found = _models(scan_config_text(TEMPLATE, "gallery/phi.yaml", "yaml"))
    assert ("microsoft/Phi-3-vision-128k-instruct", 8) in found
    assert ("google/gemma-4-E2B-it-assistant", 9) in found
    names = {n for n, _ in found}
    assert not names & {"commented/out-model", "microsoft/Phi-3-mini-4k-instruct"}
