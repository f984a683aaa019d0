"""Emission for the Python front end: findings for one module, located in the scan root.

Turns a resolved model string into a hub, local, Ollama or service finding (through
:mod:`aibom.knowledge.classify`), or a diagnostic saying why it is none of them.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from pathlib import Path
from typing import Protocol

from aibom.inventory import Diagnostic, Finding, Location, ModelFinding, ModelKind, ServiceFinding
from aibom.knowledge.classify import ModelValue, classify_model_value, is_library_name
from aibom.knowledge.providers import provider_for_model_name
from aibom.knowledge.tables import model_strings

WEIGHT_SUFFIX = re.compile(
    r"\.(gguf|ggml|bin|safetensors|pt|pth|ckpt|onnx|h5|keras|pkl|joblib|msgpack|tflite)$", re.I
)


class ServiceEmitter(Protocol):
    """What the catalog helpers need of a scanner: a way to report a hosted service."""

    def emit_service(
        self,
        provider: str | None,
        endpoint: str | None,
        model: str | None,
        client: str | None,
        line: int,
    ) -> None: ...


class PythonEmission:
    """Collects one module's findings; knows where the module sits in the scan root."""

    def __init__(
        self, rel: str, *, cell: int | None, source: str, line_offset: int, root: Path | None
    ) -> None:
        self.rel = rel
        self.cell = cell
        self.source = source
        self.offset = line_offset
        self.root = root
        self.findings: list[Finding] = []
        self._written: dict[str, list[int]] | None = None  # string constant -> its lines
        self._lines: dict[int, list[str]] | None = None  # line -> string constants on it
        self.placements: list[Finding] = []  # services again at the line their model is written

    def written_lines(self) -> dict[str, list[int]]:
        """Each string constant of the module and the lines it is written on (none here)."""
        return {}

    def _on_line(self) -> dict[int, list[str]]:
        """Line -> the string constants written on it (from :meth:`written_lines`)."""
        if self._lines is None:
            self._lines = {}
            for text, lines in (self._written or {}).items():
                for at in lines:
                    self._lines.setdefault(at, []).append(text)
        return self._lines

    def spelled_at(self, model: str, line: int) -> int | None:
        """The line a model name was written on, when the finding's ``line`` is not it.

        ``create(\n    model="gpt-4o", ...)`` found at the call's first line: the name's own
        line inside the call (the first within 20 lines after); ``model = "gpt-4o"`` then
        ``create(model=model)``: the nearest earlier line holding the name as a constant.
        """
        if self._written is None:
            self._written = self.written_lines()
        lines = self._written.get(model.strip(), [])
        if not lines or line in lines:
            return None
        needle = model.strip().lower()
        if any(needle in text.lower() for text in self._on_line().get(line, ())):
            return None  # written here inside another string ("openai:gpt-4o")
        after = [at for at in lines if line < at <= line + 20]
        if after:
            return min(after)
        earlier = [at for at in lines if at < line]
        return max(earlier) if earlier else None

    # ------------------------------------------------------------------ plumbing

    def loc(self, line: int) -> Location:
        return Location(path=self.rel, line=line + self.offset, cell=self.cell, source=self.source)

    def diag(self, line: int, message: str, *, code: str, level: str = "info") -> None:
        self.findings.append(
            Diagnostic(self.rel, message, line=line + self.offset, level=level, code=code)
        )

    def emit_classified(self, mv: ModelValue, model: str, line: int) -> None:
        """A classified model string as a hub, Ollama or hosted-service finding at ``line``."""
        if mv.kind == ModelKind.HUB:
            self.findings.append(ModelFinding(name=mv.name, kind=ModelKind.HUB, location=self.loc(line),
                                              revision=mv.revision))  # fmt: skip
        elif mv.kind == ModelKind.OLLAMA:
            self.findings.append(
                ModelFinding(name=mv.name, kind=ModelKind.OLLAMA, location=self.loc(line))
            )
        else:
            self.findings.append(
                ServiceFinding(
                    provider=mv.provider or "unknown", location=self.loc(line), model=model
                )
            )

    def emit_hub(
        self, value: str, line: int, callee: str, *, framework: str | None, revision: str | None = None,
        task: str | None = None, relation: str | None = None, base: str | None = None, allow_bare_local: bool = False,
    ) -> None:  # fmt: skip
        target = self.hub_or_local(value, allow_bare_local=allow_bare_local)
        if target is None:
            self.diag(line, f"{callee} names {value!r}, which is neither a hub id nor a path inside the project",
                      code="unrecognised-model")  # fmt: skip
            return
        kind, name, rev = target
        if kind == "outside":
            self.diag(
                line,
                f"{callee} loads a model from outside the project: {value}",
                code="model-path-outside",
            )
            return
        self.findings.append(
            ModelFinding(
                name=name,
                kind=ModelKind.HUB if kind == "hub" else ModelKind.LOCAL,
                location=self.loc(line),
                revision=revision or rev,
                framework=framework,
                task=task,
                relation_hint=relation,
                base=base,
            )
        )

    def emit_own_name(self, name: str, line: int, framework: str | None) -> None:
        """A checkpoint a library downloads by its own name (openai-whisper ``small.en``)."""
        self.findings.append(
            ModelFinding(
                name=name, kind=ModelKind.LOCAL, location=self.loc(line), framework=framework
            )
        )

    def hub_or_local(
        self, value: str, *, allow_bare_local: bool = False
    ) -> tuple[str, str, str | None] | None:
        """("hub", id, rev) / ("local", rel path, None) / ("outside", value, None), or None."""
        v = value.strip()
        for prefix in ("hf_hub:", "hf-hub:", "local:"):
            if v.startswith(prefix):
                v = v[len(prefix) :]
        if not v:
            return None
        pathish = (
            v.startswith(("./", "../", "/", "~", ".\\"))
            or "\\" in v
            or bool(re.match(r"^[A-Za-z]:[\\/]", v))
        )
        if not pathish and self._exists(v):
            pathish = True
        if not pathish:
            mv = classify_model_value(v, context="hub")
            if mv is not None and mv.kind == ModelKind.HUB:
                return "hub", mv.name, mv.revision
            if v.lower() in model_strings().legacy_hub_ids:
                return "hub", v, None
            if "/" not in v and not WEIGHT_SUFFIX.search(v) and not allow_bare_local:
                return None
            if "/" not in v and is_library_name(v):
                return None  # "tiktoken": a backend's name, not a model directory
        local = self.local_name(v)
        if local is None:
            return "outside", v, None
        return "local", local, None

    def _exists(self, v: str) -> bool:
        if self.root is None or v.startswith("/"):
            return False
        here = posixpath.dirname(self.rel)
        for base in {here, ""} if here else {""}:
            cand = posixpath.normpath(posixpath.join(base, v))
            if cand.startswith(".."):
                continue
            try:
                if (self.root / cand).exists():
                    return True
            except (OSError, ValueError):
                continue
        return False

    def local_name(self, v: str) -> str | None:
        """POSIX path of a local model relative to the scan root; None when outside the project."""
        v = v.replace("\\", "/")
        if v.startswith(("/", "~")) or re.match(r"^[A-Za-z]:/", v):
            return None
        here = posixpath.dirname(self.rel)
        base = ""
        if here and self.root is not None:
            cand = posixpath.normpath(posixpath.join(here, v))
            if not cand.startswith("..") and self._exists_rel(cand):
                base = here
        norm = posixpath.normpath(posixpath.join(base, v))
        if norm in (".", "") or norm == ".." or norm.startswith("../"):
            return None
        return norm

    def _exists_rel(self, rel: str) -> bool:
        try:
            return self.root is not None and (self.root / rel).exists()
        except (OSError, ValueError):
            return False

    def emit_ollama(self, value: str, line: int, callee: str, *, framework: str | None) -> None:
        mv = classify_model_value(value, context="ollama")
        if mv is None:
            self.diag(
                line,
                f"{callee} names {value!r}, which is not an Ollama model tag",
                code="unrecognised-model",
            )
            return
        self.findings.append(
            ModelFinding(
                name=mv.name, kind=ModelKind.OLLAMA, location=self.loc(line), framework=framework
            )
        )

    def emit_service(
        self,
        provider: str | None,
        endpoint: str | None,
        model: str | None,
        client: str | None,
        line: int,
    ) -> None:
        if provider is None:
            provider = (provider_for_model_name(model) if model else None) or "unknown"
        finding = ServiceFinding(
            provider=provider,
            location=self.loc(line),
            endpoint=endpoint,
            model=model,
            client=client,
        )
        self.findings.append(finding)
        if model and (written := self.spelled_at(model, line)) is not None:
            # also where the name is written (kept apart: no other rule takes that line as done)
            self.placements.append(dataclasses.replace(finding, location=self.loc(written)))
        if provider == "ollama" and model:
            mv = classify_model_value(model, context="ollama")
            if mv is not None:
                self.findings.append(
                    ModelFinding(
                        name=mv.name,
                        kind=ModelKind.OLLAMA,
                        location=self.loc(line),
                        framework="ollama",
                    )
                )
