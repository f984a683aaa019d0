"""Lineage beyond the scanned tree: the local Hugging Face cache (offline) and opt-in hub enrichment.

The online test runs the real ``huggingface_hub`` client against a loopback HTTP server that
serves recorded hub responses; nothing is mocked on the client side.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

import pytest

from aibom.inventory import Inventory, Location, ModelFinding, ModelKind
from aibom.lineage.hub import HubSource, list_cached_models
from aibom.lineage.resolve import resolve_lineage, resolve_one
from aibom.scanners.hf_cache import scan_hf_cache

# --------------------------------------------------------------------------- a fake HF cache


def _add_cached_repo(cache: Path, repo_id: str, commit: str, files: dict[str, str]) -> Path:
    """Lay out ``models--org--name/{blobs,refs/main,snapshots/<commit>/...}`` like huggingface_hub does."""
    repo = cache / ("models--" + repo_id.replace("/", "--"))
    (repo / "blobs").mkdir(parents=True, exist_ok=True)
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text(commit)
    snap = repo / "snapshots" / commit
    snap.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode()
        blob = (
            hashlib.sha256(data).hexdigest()
            if name.endswith(".safetensors")
            else hashlib.sha1(data).hexdigest()
        )
        (repo / "blobs" / blob).write_bytes(data)
        link = snap / name
        link.symlink_to(os.path.relpath(repo / "blobs" / blob, link.parent))
    return snap


COMMIT_FT = "a" * 40
COMMIT_BASE = "b" * 40
FT_CARD = "---\nbase_model: Qwen/Qwen2.5-7B-Instruct\nlicense: apache-2.0\nlibrary_name: transformers\n---\n# Support bot\n"
FT_CONFIG = json.dumps(
    {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "vocab_size": 152064}
)


@pytest.fixture
def hf_cache(tmp_path: Path) -> Path:
    cache = tmp_path / "hf-cache"
    _add_cached_repo(
        cache, "acme/support-bot-7b", COMMIT_FT, {"README.md": FT_CARD, "config.json": FT_CONFIG}
    )
    _add_cached_repo(
        cache,
        "acme/base-chat",
        COMMIT_BASE,
        {
            "README.md": "---\nbase_model: meta-llama/Llama-3.1-8B-Instruct\nlicense: llama3.1\n---\n"
        },
    )
    (cache / "datasets--acme--data" / "snapshots").mkdir(parents=True)  # not a model: ignored
    return cache


def test_list_cached_models_reads_layout(hf_cache: Path) -> None:
    snaps, diags = list_cached_models(hf_cache)
    assert [(s.repo_id, s.commit, s.refs) for s in snaps] == [
        ("acme/base-chat", COMMIT_BASE, ("main",)),
        ("acme/support-bot-7b", COMMIT_FT, ("main",)),
    ]
    assert all(d.code == "hf-cache" for d in diags)


def test_missing_cache_is_empty(tmp_path: Path) -> None:
    assert list_cached_models(tmp_path / "nope") == ([], [])
    assert scan_hf_cache(tmp_path / "nope") == []


def test_scan_hf_cache_inventories_snapshots(hf_cache: Path) -> None:
    findings = [f for f in scan_hf_cache(hf_cache) if isinstance(f, ModelFinding)]
    assert [(f.name, f.kind, f.revision) for f in findings] == [
        ("acme/base-chat", ModelKind.CACHE, COMMIT_BASE),
        ("acme/support-bot-7b", ModelKind.CACHE, COMMIT_FT),
    ]
    ft = findings[1]
    assert ft.facts is not None and ft.facts.card == {
        "base_model": "Qwen/Qwen2.5-7B-Instruct",
        "license": "apache-2.0",
        "library_name": "transformers",
    }
    assert ft.facts.config is not None and ft.facts.config["model_type"] == "qwen2"
    assert ft.framework == "transformers"
    assert ft.location.source == "hf-cache"


def test_offline_resolution_reads_cached_cards(hf_cache: Path) -> None:
    """A hub reference in code resolves through the cached snapshot's card, with no network."""
    inv = Inventory()
    inv.add(ModelFinding("acme/support-bot-7b", ModelKind.HUB, Location("app.py", 3)))
    inv.add(ModelFinding("acme/base-chat", ModelKind.HUB, Location("app.py", 9)))
    result, _ = resolve_lineage(inv, hf_cache=True, hf_cache_dir=hf_cache)
    bot = result["hub:acme/support-bot-7b@"]
    assert (bot.release, bot.country, bot.source, bot.confidence) == (
        "qwen2_5",
        "CN",
        "declared",
        "high",
    )
    assert [(a.name, a.relation, a.depth) for a in bot.ancestors] == [
        ("Qwen/Qwen2.5-7B-Instruct", "finetune", 1),
        ("Qwen/Qwen2.5-7B", "finetune", 2),
    ]
    assert bot.license_declared == "Apache-2.0"
    assert (
        bot.evidence[0]
        == f"model files read from local Hugging Face cache (acme/support-bot-7b@{COMMIT_FT[:12]})"
    )
    assert any(
        e.startswith("model card: base_model Qwen/Qwen2.5-7B-Instruct") for e in bot.evidence
    )
    base = result["hub:acme/base-chat@"]
    assert (base.release, base.country) == ("llama3", "US")
    assert base.license_declared == "llama3.1"
    # without the cache the same references stay unknown
    result2, _ = resolve_lineage(inv, hf_cache=False)
    assert result2["hub:acme/support-bot-7b@"].release is None


def test_cached_base_continues_a_local_chain(hf_cache: Path, tmp_path: Path) -> None:
    """A local fine-tune names a hub id that is only in the cache: the chain continues through it."""
    from aibom.inventory import LocalModelFacts

    inv = Inventory()
    inv.add(
        ModelFinding(
            "models/ft",
            ModelKind.LOCAL,
            Location("models/ft/README.md", 1),
            facts=LocalModelFacts(card={"base_model": "acme/support-bot-7b"}),
        )
    )
    result, _ = resolve_lineage(inv, hf_cache_dir=hf_cache)
    lin = result["local:models/ft@"]
    assert [a.name for a in lin.ancestors] == [
        "acme/support-bot-7b",
        "Qwen/Qwen2.5-7B-Instruct",
        "Qwen/Qwen2.5-7B",
    ]
    assert any("local Hugging Face cache" in e for e in lin.ancestors[0].evidence)
    assert (lin.release, lin.country) == ("qwen2_5", "CN")


# --------------------------------------------------------------------------- the loopback hub

SHA = "c" * 40
README = "---\nbase_model: Qwen/Qwen2.5-7B-Instruct\nbase_model_relation: quantized\nlicense: apache-2.0\n---\n# GGUF quants\n"
MODELS: dict[str, dict[str, Any]] = {
    "community/helper-7b-GGUF": {
        "id": "community/helper-7b-GGUF",
        "modelId": "community/helper-7b-GGUF",
        "sha": SHA,
        "private": False,
        "tags": ["gguf", "base_model:quantized:Qwen/Qwen2.5-7B-Instruct"],
        "cardData": {
            "base_model": "Qwen/Qwen2.5-7B-Instruct",
            "base_model_relation": "quantized",
            "license": "apache-2.0",
        },
        "siblings": [{"rfilename": "README.md"}, {"rfilename": "helper-7b.Q4_K_M.gguf"}],
    }
}


class _Hub(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        return

    def _send(self, code: int, body: bytes, headers: dict[str, str], head: bool = False) -> None:
        self.send_response(code)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _handle(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        type(self).requests.append(f"{self.command} {path}")
        for repo_id, info in MODELS.items():
            if path in (
                f"/api/models/{repo_id}",
                f"/api/models/{repo_id}/revision/main",
                f"/api/models/{repo_id}/revision/{SHA}",
            ):
                body = json.dumps(info).encode()
                return self._send(200, body, {"Content-Type": "application/json"}, head)
            if path in (
                f"/{repo_id}/resolve/{SHA}/README.md",
                f"/{repo_id}/resolve/main/README.md",
            ):
                body = README.encode()
                etag = hashlib.sha1(body).hexdigest()
                return self._send(
                    200,
                    body,
                    {"Content-Type": "text/plain", "ETag": f'"{etag}"', "X-Repo-Commit": SHA},
                    head,
                )
        self._send(
            404,
            b'{"error": "Repository not found"}',
            {"Content-Type": "application/json", "X-Error-Code": "RepoNotFound"},
            head,
        )

    def do_GET(self) -> None:
        self._handle(head=False)

    def do_HEAD(self) -> None:
        self._handle(head=True)


@pytest.fixture
def loopback_hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    import huggingface_hub.constants as hf_constants

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("HF_ENDPOINT", endpoint)
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setattr(hf_constants, "HF_HUB_OFFLINE", False)  # read once at import by the client
    _Hub.requests = []
    try:
        yield endpoint
    finally:
        server.shutdown()
        server.server_close()


def test_online_enrichment_then_cached(loopback_hub: str, tmp_path: Path) -> None:
    cache_dir = tmp_path / "aibom-hub"
    inv = Inventory()
    inv.add(ModelFinding("community/helper-7b-GGUF", ModelKind.HUB, Location("app.py", 1)))
    offline, _ = resolve_lineage(inv, hf_cache=False, cache_dir=cache_dir)
    assert offline["hub:community/helper-7b-gguf@"].release is None  # nothing known offline
    assert _Hub.requests == []

    first, diags = resolve_lineage(inv, online=True, hf_cache=False, cache_dir=cache_dir)
    lin = first["hub:community/helper-7b-gguf@"]
    assert (lin.release, lin.country, lin.source, lin.relation) == (
        "qwen2_5",
        "CN",
        "declared",
        "quantized",
    )
    assert [(a.name, a.relation) for a in lin.ancestors] == [
        ("Qwen/Qwen2.5-7B-Instruct", "quantized"),
        ("Qwen/Qwen2.5-7B", "finetune"),
    ]
    assert lin.license_declared == "Apache-2.0"
    made = list(_Hub.requests)
    assert "GET /api/models/community/helper-7b-GGUF" in made
    assert any(r.endswith("/README.md") for r in made)
    # bases were looked up too (official Qwen repos are not on this hub: 404, cached as missing)
    assert any("Qwen/Qwen2.5-7B-Instruct" in r for r in made)
    assert not [d for d in diags if d.code == "online-failed" and d.level == "warning"]

    _Hub.requests.clear()
    second, _ = resolve_lineage(inv, online=True, hf_cache=False, cache_dir=cache_dir)
    assert _Hub.requests == []  # everything came from the on-disk cache
    assert second["hub:community/helper-7b-gguf@"] == lin
    # and offline runs can use what was cached
    third, _ = resolve_lineage(inv, online=False, hf_cache=False, cache_dir=cache_dir)
    assert third["hub:community/helper-7b-gguf@"].release == "qwen2_5"
    assert _Hub.requests == []


def test_online_failure_degrades_with_diagnostic(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import socket

    import huggingface_hub.constants as hf_constants

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setattr(hf_constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_HUB_ETAG_TIMEOUT", "2")
    inv = Inventory()
    inv.add(
        ModelFinding("bartowski/Qwen2.5-7B-Instruct-GGUF", ModelKind.HUB, Location("app.py", 1))
    )
    inv.add(ModelFinding("other/thing", ModelKind.HUB, Location("app.py", 2)))
    result, diags = resolve_lineage(inv, online=True, hf_cache=False, cache_dir=tmp_path / "c")
    failed = [d for d in diags if d.code == "online-failed"]
    assert (
        len(failed) == 1 and failed[0].level == "warning"
    )  # the first failure stops further requests
    lin = result["hub:bartowski/qwen2.5-7b-instruct-gguf@"]
    assert (lin.release, lin.source, lin.confidence) == (
        "qwen2_5",
        "inferred",
        "medium",
    )  # offline answer


def test_hub_source_respects_offline_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    hub = HubSource(online=True, hf_cache=False, cache_dir=tmp_path)
    assert hub.remote("Qwen/Qwen2.5-7B") is None
    assert hub.requests == 0
    assert [d.code for d in hub.diagnostics] == ["online-failed"]


def test_resolve_one_hub_id_from_cache(hf_cache: Path) -> None:
    lin = resolve_one("acme/support-bot-7b", hf_cache_dir=hf_cache)
    assert lin.release == "qwen2_5"
    assert lin.ancestors[0].name == "Qwen/Qwen2.5-7B-Instruct"


def test_scan_pipeline_with_hf_cache(hf_cache: Path, tmp_path: Path) -> None:
    """``aibom scan --hf-cache``: cached snapshots become cache-kind models with lineage."""
    from aibom.pipeline import ScanRequest, run_scan

    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(
        'from transformers import AutoModel\nAutoModel.from_pretrained("acme/support-bot-7b")\n'
    )
    result = run_scan(
        ScanRequest(root=project, hf_cache=True, hf_cache_dir=hf_cache, hash_weights=False)
    )
    kinds = {(m.name, m.kind) for m in result.inventory.sorted_models()}
    assert ("acme/support-bot-7b", ModelKind.CACHE) in kinds
    assert ("acme/base-chat", ModelKind.CACHE) in kinds
    cached = result.lineage[f"cache:acme/support-bot-7b@{COMMIT_FT}"]
    assert (cached.release, cached.country, cached.confidence) == ("qwen2_5", "CN", "high")
    in_code = [k for k in result.lineage if k.startswith("hub:acme/support-bot-7b")]
    assert in_code and result.lineage[in_code[0]].release == "qwen2_5"
    from conftest import validate_cyclonedx

    from aibom.bom.build import build_bom
    from aibom.bom.serialize import serialize

    for fmt in ("cyclonedx-json", "cyclonedx-xml"):
        built = build_bom(result.inventory, result.lineage, project_name="project")
        validate_cyclonedx(serialize(built, fmt), fmt)


def test_broken_cache_entries_are_diagnostics(tmp_path: Path) -> None:
    cache = tmp_path / "hf"
    (cache / "models--acme--broken").mkdir(parents=True)  # no snapshots/refs: corrupted repo
    (cache / "not-a-repo.txt").parent.mkdir(parents=True, exist_ok=True)
    (cache / "not-a-repo.txt").write_text("x")
    snaps, diags = list_cached_models(cache)
    assert snaps == []
    assert diags and all(d.code == "hf-cache" for d in diags)
