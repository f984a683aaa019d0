"""Ollama: Modelfiles and the local model store."""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path

import pytest
from builders.findings import Row, Shape, as_rows

from aibom.inventory import Diagnostic, Finding, ModelFinding
from aibom.scanners.base import ScanContext
from aibom.scanners.ollama import (
    ModelfileScanner,
    default_ollama_store,
    scan_modelfile_text,
    scan_ollama_store,
)
from aibom.walk import SourceFile

SHAPE = Shape(
    model=("kind", "name", "framework", "relation_hint", "base", "location", "source"),
    library=None,
    dataset=None,
)


def summary(findings: list[Finding]) -> list[Row]:
    return as_rows(findings, SHAPE)


MODELFILE = '''\
# A support bot on Qwen
FROM qwen2.5:7b
ADAPTER ./adapters/support-lora.gguf
PARAMETER temperature 0.2
PARAMETER stop "<|im_end|>"
TEMPLATE """{{ if .System }}<|im_start|>system
FROM llama3.1:8b
{{ .System }}<|im_end|>{{ end }}"""
SYSTEM """You answer questions about org/product."""
LICENSE """Apache License 2.0
FROM mistral"""
'''


def test_modelfile_with_tag_and_adapter() -> None:
    assert summary(scan_modelfile_text(MODELFILE, "bots/support/Modelfile")) == [
        (
            "model",
            "local",
            "bots/support/adapters/support-lora.gguf",
            "ollama",
            "adapter",
            "qwen2.5:7b",
            "bots/support/Modelfile:3",
            "modelfile",
        ),
        (
            "model",
            "ollama",
            "qwen2.5:7b",
            "ollama",
            None,
            None,
            "bots/support/Modelfile:2",
            "modelfile",
        ),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("FROM ./model.gguf", ("local", "m/model.gguf")),
        ("FROM ../weights/q4.gguf", ("local", "weights/q4.gguf")),
        ("FROM /srv/models/llama.gguf", ("local", "/srv/models/llama.gguf")),
        (
            "from hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
            ("hub", "bartowski/Llama-3.2-1B-Instruct-GGUF"),
        ),
        (
            "FROM huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF",
            ("hub", "Qwen/Qwen2.5-0.5B-Instruct-GGUF"),
        ),
        ("FROM deepseek-r1:14b", ("ollama", "deepseek-r1:14b")),
        ("FROM Llama3.1", ("ollama", "llama3.1")),
        ("FROM jmorgan/custom:latest", ("ollama", "jmorgan/custom:latest")),
    ],
)
def test_modelfile_from_forms(line: str, expected: tuple[str, str]) -> None:
    out = scan_modelfile_text(line + "\n", "m/Modelfile")
    assert [(f.kind.value, f.name) for f in out if isinstance(f, ModelFinding)] == [expected]


def test_modelfile_without_from_and_decoys() -> None:
    text = "# FROM qwen2.5\nPARAMETER num_ctx 4096\nSYSTEM You are llama3 the helper\nMESSAGE user FROM mistral?\n"
    assert summary(scan_modelfile_text(text, "Modelfile.bot")) == [
        ("diag", "modelfile", "info", "Modelfile.bot", None)
    ]


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("Modelfile", True),
        ("Modelfile.chat", True),
        ("bot.modelfile", True),
        ("modelfile.py", False),
        ("Models.txt", False),
    ],
)
def test_modelfile_names(name: str, wanted: bool, tmp_path: Path) -> None:
    assert ModelfileScanner().wants(SourceFile(name, tmp_path / name, 1)) is wanted


def test_modelfile_scanner_through_context(tmp_path: Path) -> None:
    (tmp_path / "Modelfile").write_text("FROM gemma2:2b\n", encoding="utf-8")
    f = SourceFile("Modelfile", tmp_path / "Modelfile", 15)
    assert summary(list(ModelfileScanner().scan(f, ScanContext(root=tmp_path)))) == [
        ("model", "ollama", "gemma2:2b", "ollama", None, None, "Modelfile:1", "modelfile")
    ]


# ---------------------------------------------------------------------------
# The local store


def _blob(store: Path, content: bytes) -> tuple[str, int]:
    digest = hashlib.sha256(content).hexdigest()
    (store / "blobs").mkdir(parents=True, exist_ok=True)
    (store / "blobs" / f"sha256-{digest}").write_bytes(content)
    return f"sha256:{digest}", len(content)


def _manifest(
    store: Path,
    registry: str,
    namespace: str,
    name: str,
    tag: str,
    layers: list[tuple[str, bytes]],
    config: bytes,
) -> None:
    cfg_digest, cfg_size = _blob(store, config)
    doc = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {
            "mediaType": "application/vnd.docker.container.image.v1+json",
            "digest": cfg_digest,
            "size": cfg_size,
        },
        "layers": [],
    }
    for media, content in layers:
        d, size = _blob(store, content)
        doc["layers"].append({"mediaType": media, "digest": d, "size": size})  # type: ignore[attr-defined]
    path = store / "manifests" / registry / namespace / name / tag
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc), encoding="utf-8")


def _gguf(**kv: str) -> bytes:
    """A minimal GGUF v3 file: string metadata, no tensors."""
    out = b"GGUF" + struct.pack("<IQQ", 3, 0, len(kv))
    for key, value in kv.items():
        k, v = key.encode(), value.encode()
        out += struct.pack("<Q", len(k)) + k + struct.pack("<IQ", 8, len(v)) + v
    return out


MODEL = "application/vnd.ollama.image.model"


def test_ollama_store(tmp_path: Path) -> None:
    store = tmp_path / "models"
    weights = _gguf(**{"general.architecture": "qwen2", "general.basename": "Qwen2.5"})
    template = "{{ if .System }}<|im_start|>system\n{{ .System }}<|im_end|>{{ end }}"
    config = json.dumps(
        {
            "model_format": "gguf",
            "model_family": "qwen2",
            "model_type": "7.6B",
            "file_type": "Q4_K_M",
        }
    ).encode()
    layers = [
        (MODEL, weights),
        ("application/vnd.ollama.image.template", template.encode()),
        (
            "application/vnd.ollama.image.license",
            b"\n  Apache License\n  Version 2.0, January 2004\n",
        ),
        ("application/vnd.ollama.image.params", b'{"stop": ["<|im_end|>"], "temperature": 0.7}'),
    ]
    _manifest(store, "registry.ollama.ai", "library", "qwen2.5", "7b", layers, config)
    llama = _gguf(**{"general.architecture": "llama"})
    _manifest(
        store, "hf.co", "bartowski", "Llama-3.2-1B-Instruct-GGUF", "Q4_K_M", [(MODEL, llama)], b"{}"
    )
    _manifest(
        store,
        "registry.ollama.ai",
        "jmorgan",
        "custom",
        "latest",
        [(MODEL, b"GGUF-no")],
        b"not json",
    )
    broken = store / "manifests" / "registry.ollama.ai" / "library" / "broken" / "latest"
    broken.parent.mkdir(parents=True)
    broken.write_text("{not json", encoding="utf-8")

    out = scan_ollama_store(store)
    bad_blob = store / "blobs" / f"sha256-{hashlib.sha256(b'GGUF-no').hexdigest()}"
    assert summary(out) == sorted(
        [
            ("diag", "ollama-store", "warning", broken.as_posix(), None),
            ("diag", "weights-truncated", "warning", bad_blob.as_posix(), None),
            ("model", "hub", "bartowski/Llama-3.2-1B-Instruct-GGUF", "ollama", None, None,
             "manifests/hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF/Q4_K_M", "ollama-store"),
            ("model", "ollama", "jmorgan/custom:latest", "ollama", None, None,
             "manifests/registry.ollama.ai/jmorgan/custom/latest", "ollama-store"),
            ("model", "ollama", "qwen2.5:7b", "ollama", None, None,
             "manifests/registry.ollama.ai/library/qwen2.5/7b", "ollama-store"),
        ],
        key=repr,
    )  # fmt: skip
    qwen = next(f for f in out if isinstance(f, ModelFinding) and f.name == "qwen2.5:7b")
    assert qwen.facts is not None
    sha = hashlib.sha256(weights).hexdigest()
    [w] = qwen.facts.weights
    assert (w.path, w.format, w.size, w.sha256) == (
        f"blobs/sha256-{sha}",
        "gguf",
        len(weights),
        sha,
    )
    assert w.metadata["ollama.model_family"] == "qwen2"
    assert w.metadata["ollama.file_type"] == "Q4_K_M"
    assert qwen.facts.gguf is not None
    assert qwen.facts.gguf["general.architecture"] == "qwen2"
    assert qwen.facts.gguf["general.basename"] == "Qwen2.5"
    assert qwen.facts.chat_template == template
    assert qwen.facts.card == {"license": "Apache License"}
    assert qwen.facts.generation_config == {"stop": ["<|im_end|>"], "temperature": 0.7}
    custom = next(
        f for f in out if isinstance(f, ModelFinding) and f.name == "jmorgan/custom:latest"
    )
    assert custom.facts is not None
    [cw] = custom.facts.weights  # header unreadable: the digest is still the SHA-256
    assert (cw.format, cw.sha256) == ("gguf", hashlib.sha256(b"GGUF-no").hexdigest())


def test_ollama_store_missing_and_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert summary(scan_ollama_store(tmp_path / "nope")) == [
        ("diag", "ollama-store", "info", str(tmp_path / "nope"), None)
    ]
    monkeypatch.setenv("OLLAMA_MODELS", str(tmp_path / "store"))
    assert default_ollama_store() == tmp_path / "store"
    monkeypatch.delenv("OLLAMA_MODELS")
    assert default_ollama_store() == Path.home() / ".ollama" / "models"


def test_modelfile_paths_leaving_the_project_are_diagnostics_not_models() -> None:
    out = scan_modelfile_text(
        "FROM ../../outside.gguf\nADAPTER ../../../etc/lora.gguf\n", "m/Modelfile"
    )
    assert [f for f in out if isinstance(f, ModelFinding)] == []
    assert [(d.code, d.line, d.level) for d in out if isinstance(d, Diagnostic)] == [
        ("model-path-outside", 1, "info"),
        ("model-path-outside", 2, "info"),
    ]
    # an absolute path names the serving host's file and stays a model
    absolute = scan_modelfile_text("FROM /models/llama.gguf\n", "Modelfile")
    assert [(f.kind.value, f.name) for f in absolute if isinstance(f, ModelFinding)] == [
        ("local", "/models/llama.gguf")
    ]
