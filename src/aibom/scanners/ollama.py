"""Ollama: Modelfiles in the scanned tree, and the local Ollama model store.

Modelfile (``Modelfile``, ``Modelfile.*``, ``*.modelfile``):

* ``FROM qwen2.5:7b`` -> an Ollama model; ``FROM hf.co/org/repo:Q4_K_M`` -> the hub
  model ``org/repo``; ``FROM ./model.gguf`` / ``FROM ../weights`` -> a local model,
  its path normalised against the Modelfile's directory (POSIX, relative to the
  scan root; absolute paths and paths leaving the root are kept as written);
* ``ADAPTER ./lora.gguf`` -> a local model with relation hint ``adapter`` and the
  ``FROM`` model as base; ``TEMPLATE``, ``SYSTEM``, ``LICENSE``, ``PARAMETER``,
  ``MESSAGE`` are not models (multi-line ``\"\"\"`` values are skipped as a whole).

Store (:func:`scan_ollama_store`): ``manifests/<registry>/<namespace>/<name>/<tag>``
JSON manifests; the model layer's digest is its SHA-256 (Ollama names blobs by
digest, so nothing is re-hashed), the template/licence/params layers are small
text read into :class:`~aibom.inventory.LocalModelFacts`.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from aibom.inventory import (
    Diagnostic,
    Finding,
    LocalModelFacts,
    Location,
    ModelFinding,
    ModelKind,
    WeightFile,
)
from aibom.knowledge.classify import parse_hub_id, parse_ollama_hub_ref, parse_ollama_tag
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.kernel import Emitter, dedupe
from aibom.walk import SourceFile

__all__ = ["ModelfileScanner", "default_ollama_store", "scan_modelfile_text", "scan_ollama_store"]

_WEIGHT_SUFFIX = re.compile(r"\.(gguf|bin|safetensors|ggml)$", re.IGNORECASE)
_NOT_MODELFILE = (
    ".py",
    ".js",
    ".ts",
    ".go",
    ".rs",
    ".md",
    ".txt",
    ".json",
    ".yaml",
    ".yml",
    ".sh",
    ".java",
)
_MODELFILE = re.compile(r"^(?:Modelfile(?:\.[\w.-]+)?|[\w.-]+\.modelfile)$", re.IGNORECASE)


def _is_path(value: str) -> bool:
    return (
        value.startswith(("./", "../", "/", "~", ".\\"))
        or value in (".", "..")
        or bool(_WEIGHT_SUFFIX.search(value))
        or bool(re.match(r"^[A-Za-z]:[\\/]", value))
    )


def _local_name(value: str, directory: str) -> str | None:
    """The path relative to the scan root; absolute paths (the serving host's) as written.

    None when a relative path climbs out of the scan root: it names nothing in this project.
    """
    v = value.replace("\\", "/")
    if v.startswith(("/", "~")) or re.match(r"^[A-Za-z]:/", v):
        return v
    joined = (
        posixpath.normpath(posixpath.join(directory, v)) if directory else posixpath.normpath(v)
    )
    if joined == ".." or joined.startswith("../"):
        return None
    return joined


def _local_model(
    em: Emitter, value: str, directory: str, line: int, **kw: str | None
) -> str | None:
    """Emit a local model for a Modelfile path, or a diagnostic when it leaves the project."""
    name = _local_name(value, directory)
    if name is None:
        em.diag(
            f"path {value!r} leaves the scanned project; not recorded as a model",
            line,
            code="model-path-outside",
            level="info",
        )
        return None
    em.model(name, ModelKind.LOCAL, line, framework="ollama", **kw)
    return name


def _instructions(text: str) -> list[tuple[str, str, int]]:
    """(KEYWORD, argument, line) for each instruction; triple-quoted values swallowed whole."""
    out: list[tuple[str, str, int]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        raw = lines[i].strip()
        line = i + 1
        i += 1
        if not raw or raw.startswith("#"):
            continue
        kw, _, arg = raw.partition(" ")
        arg = arg.strip()
        if arg.startswith('"""') and (arg.count('"""') == 1):
            while i < len(lines) and '"""' not in lines[i]:
                i += 1
            i += 1
        out.append((kw.upper(), arg, line))
    return out


def scan_modelfile_text(text: str, rel: str) -> list[Finding]:
    """Findings for an Ollama Modelfile."""
    em = Emitter(rel, "modelfile")
    directory = rel.rsplit("/", 1)[0] if "/" in rel else ""
    base: str | None = None
    adapters: list[tuple[str, int]] = []
    has_from = False
    for kw, arg, line in _instructions(text):
        value = arg.strip().strip('"').strip("'")
        if kw == "FROM" and value:
            has_from = True
            base = _from(em, value, line, directory)
        elif kw == "ADAPTER" and value:
            adapters.append((value, line))
    for value, line in adapters:
        hub = parse_ollama_hub_ref(value)
        if hub is not None:
            em.model(
                hub[0], ModelKind.HUB, line, framework="ollama", relation_hint="adapter", base=base
            )
        else:  # Ollama adapters are GGUF files or safetensors directories
            _local_model(em, value, directory, line, relation_hint="adapter", base=base)
    if not has_from:
        em.diag("Modelfile has no FROM instruction", None, code="modelfile", level="info")
    return dedupe(em.findings)


def _from(em: Emitter, value: str, line: int, directory: str) -> str | None:
    hub = parse_ollama_hub_ref(value)
    if hub is not None:
        em.model(hub[0], ModelKind.HUB, line, framework="ollama")
        return hub[0]
    if _is_path(value):
        return _local_model(em, value, directory, line)
    tag = parse_ollama_tag(value, strict=False)
    if tag is not None:
        em.model(tag, ModelKind.OLLAMA, line, framework="ollama")
        return tag
    # a bare directory name (safetensors directory next to the Modelfile)
    return _local_model(em, value, directory, line)


class ModelfileScanner(FileScanner):
    """Ollama Modelfiles."""

    name = "modelfile"
    globs = ("Modelfile", "Modelfile.*", "*.modelfile")

    def wants(self, f: SourceFile) -> bool:
        return bool(_MODELFILE.match(f.name)) and not f.name.lower().endswith(_NOT_MODELFILE)

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        text = ctx.read_text(f)
        if text is None:
            return []
        return scan_modelfile_text(text, f.rel)


# ---------------------------------------------------------------------------
# The local store


MEDIA_MODEL = "application/vnd.ollama.image.model"
MEDIA_ADAPTER = "application/vnd.ollama.image.adapter"
MEDIA_PROJECTOR = "application/vnd.ollama.image.projector"
MEDIA_TEMPLATE = "application/vnd.ollama.image.template"
MEDIA_LICENSE = "application/vnd.ollama.image.license"
MEDIA_PARAMS = "application/vnd.ollama.image.params"
MEDIA_SYSTEM = "application/vnd.ollama.image.system"
_MAX_MANIFEST = 1024 * 1024
_MAX_TEXT_LAYER = 256 * 1024
_DIGEST = re.compile(r"^sha256[:-]([0-9a-f]{64})$")
STORE_SOURCE = "ollama-store"


def default_ollama_store() -> Path:
    """``$OLLAMA_MODELS`` or ``~/.ollama/models``."""
    env = os.environ.get("OLLAMA_MODELS")
    return Path(env).expanduser() if env else Path.home() / ".ollama" / "models"


def scan_ollama_store(path: Path) -> list[Finding]:
    """One Ollama model per manifest in an Ollama model store, with its facts.

    Locations are the manifest paths relative to the store (``manifests/registry.ollama.ai/
    library/qwen2.5/7b``) with source ``ollama-store``. Blobs are never hashed (their
    name is their SHA-256); text layers are read capped.
    """
    findings: list[Finding] = []
    manifests = path / "manifests"
    if not manifests.is_dir():
        return [
            Diagnostic(
                str(path),
                "not an Ollama model store (no manifests directory)",
                code="ollama-store",
                level="info",
            )
        ]
    entries: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(manifests, followlinks=False):
        dirnames.sort()
        entries.extend(Path(dirpath) / n for n in sorted(filenames))
    for manifest in entries:
        rel = manifest.relative_to(path).as_posix()
        where = (
            manifest.as_posix()
        )  # diagnostics name the file on disk (the store is outside the root)
        parts = manifest.relative_to(manifests).parts
        if len(parts) != 4:
            continue
        registry, namespace, name, tag = parts
        try:
            if manifest.is_symlink() or manifest.stat().st_size > _MAX_MANIFEST:
                findings.append(
                    Diagnostic(
                        where, "manifest is a link or too large; skipped", code="ollama-store"
                    )
                )
                continue
            data = json.loads(manifest.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            findings.append(
                Diagnostic(where, f"unreadable Ollama manifest: {exc}", code="ollama-store")
            )
            continue
        if not isinstance(data, dict) or not isinstance(data.get("layers"), list):
            findings.append(
                Diagnostic(where, "Ollama manifest without layers; skipped", code="ollama-store")
            )
            continue
        facts = _facts(path, data, findings, where)
        if registry in ("hf.co", "huggingface.co"):
            hub = parse_hub_id(f"{namespace}/{name}")
            if hub is not None:
                findings.append(
                    ModelFinding(
                        hub[0], ModelKind.HUB, _store_loc(rel), framework="ollama", facts=facts
                    )
                )
                continue
        model = f"{name}:{tag}" if namespace == "library" else f"{namespace}/{name}:{tag}"
        if registry != "registry.ollama.ai":
            model = f"{registry}/{model}"
        findings.append(
            ModelFinding(
                model.lower(), ModelKind.OLLAMA, _store_loc(rel), framework="ollama", facts=facts
            )
        )
    return findings


def _store_loc(rel: str) -> Location:
    return Location(rel, None, None, STORE_SOURCE)


def _blob(store: Path, digest: str) -> Path | None:
    m = _DIGEST.match(digest or "")
    if not m:
        return None
    return store / "blobs" / f"sha256-{m.group(1)}"


def _read_small(store: Path, digest: str, limit: int = _MAX_TEXT_LAYER) -> str | None:
    blob = _blob(store, digest)
    if blob is None or not blob.is_file() or blob.is_symlink():
        return None
    try:
        with blob.open("rb") as fh:
            data = fh.read(limit)
    except OSError:
        return None
    return data.decode("utf-8", errors="replace")


def _read_blob_header(blob: Path, blob_rel: str, findings: list[Finding]) -> WeightFile | None:
    """The weight blob's header (GGUF metadata: architecture, base model, chat template), never its tensors."""
    if blob.is_symlink():
        return None
    try:
        from aibom.weights import read_weight_file
    except ImportError:  # pragma: no cover - the weights package ships with aibom
        return None
    wf, diags = read_weight_file(blob, blob_rel)
    store = blob.parent.parent
    findings.extend(replace(d, path=(store / d.path).as_posix()) for d in diags)
    return wf


def _facts(
    store: Path, manifest: dict[str, Any], findings: list[Finding], rel: str
) -> LocalModelFacts:
    facts = LocalModelFacts()
    config_meta: dict[str, Any] = {}
    cfg = manifest.get("config")
    if isinstance(cfg, dict) and isinstance(cfg.get("digest"), str):
        text = _read_small(store, cfg["digest"])
        if text:
            try:
                parsed = json.loads(text)
                if isinstance(parsed, dict):
                    config_meta = {
                        k: parsed[k]
                        for k in (
                            "model_format",
                            "model_family",
                            "model_families",
                            "model_type",
                            "file_type",
                        )
                        if k in parsed
                    }
            except ValueError:
                pass
    for layer in manifest["layers"]:
        if not isinstance(layer, dict):
            continue
        media = layer.get("mediaType")
        raw_digest = layer.get("digest")
        digest: str = raw_digest if isinstance(raw_digest, str) else ""
        raw_size = layer.get("size")
        size: int = raw_size if isinstance(raw_size, int) else 0
        m = _DIGEST.match(digest)
        if media in (MEDIA_MODEL, MEDIA_ADAPTER, MEDIA_PROJECTOR) and m:
            blob_rel = f"blobs/sha256-{m.group(1)}"
            meta = (
                {f"ollama.{k}": v for k, v in config_meta.items()} if media == MEDIA_MODEL else {}
            )
            meta["ollama.media_type"] = media
            blob = _blob(store, digest)
            wf = (
                _read_blob_header(blob, blob_rel, findings)
                if blob is not None and blob.is_file()
                else None
            )
            if wf is None:
                wf = WeightFile(
                    path=blob_rel,
                    format=str(config_meta.get("model_format") or "gguf"),
                    size=size,
                    quantization=str(config_meta["file_type"])
                    if media == MEDIA_MODEL and config_meta.get("file_type")
                    else None,
                )
            elif media == MEDIA_MODEL and wf.format == "gguf" and facts.gguf is None:
                facts.gguf = dict(wf.metadata)
            wf.path = blob_rel
            wf.sha256 = m.group(1)  # Ollama names blobs by their SHA-256: no need to hash
            wf.size = wf.size or size
            wf.metadata = {**wf.metadata, **meta}
            facts.weights.append(wf)
            facts.files.append(blob_rel)
            if blob is not None and not blob.is_file():
                findings.append(
                    Diagnostic(
                        rel,
                        f"blob {blob_rel} listed in the manifest is missing",
                        code="ollama-store",
                        level="info",
                    )
                )
        elif media == MEDIA_TEMPLATE:
            facts.chat_template = _read_small(store, digest)
        elif media == MEDIA_LICENSE:
            text = _read_small(store, digest, 4096)
            first = next((ln.strip() for ln in (text or "").splitlines() if ln.strip()), None)
            if first:
                facts.card = {**(facts.card or {}), "license": first}
        elif media == MEDIA_PARAMS:
            text = _read_small(store, digest)
            if text:
                try:
                    params = json.loads(text)
                    if isinstance(params, dict):
                        facts.generation_config = params
                except ValueError:
                    pass
    return facts
