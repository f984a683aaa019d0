"""The scanner interface: a scanner turns files into findings.

Two shapes exist:

* :class:`FileScanner` looks at one file at a time (Python source, a requirements
  file, a Dockerfile, ...). ``wants`` decides by name, cheaply; ``scan`` reads the
  file through the :class:`ScanContext` (never directly) and yields findings.
* :class:`DirectoryScanner` looks at a whole directory at once (a Hugging Face
  model directory is config + card + tokenizer + weights together). It returns
  the findings and the files it *claimed*; claimed files are not offered to the
  file scanners, so a model's ``config.json`` is not also read as app config.

Scanners never import or execute what they read, and never raise for bad input:
they yield a :class:`~aibom.inventory.Diagnostic` and go on.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from aibom.inventory import Diagnostic, Finding
from aibom.limits import MAX_LOCKFILE_BYTES as MAX_LOCKFILE_BYTES  # budgets: aibom.limits
from aibom.limits import MAX_TEXT_BYTES, load_json
from aibom.walk import SourceFile


@dataclass
class ScanOptions:
    """Knobs every scanner may consult."""

    max_text_bytes: int = MAX_TEXT_BYTES


@dataclass
class ScanContext:
    """Shared read access for scanners: capped, decoded once, diagnostics collected."""

    root: Path
    options: ScanOptions = field(default_factory=ScanOptions)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _text_cache: dict[str, str | None] = field(default_factory=dict)

    def diag(
        self,
        path: str,
        message: str,
        *,
        line: int | None = None,
        code: str = "scan",
        level: str = "warning",
    ) -> None:
        """Record a diagnostic for ``path``."""
        self.diagnostics.append(
            Diagnostic(path=path, message=message, line=line, code=code, level=level)
        )

    def read_text(self, f: SourceFile, *, max_bytes: int | None = None) -> str | None:
        """The file decoded as UTF-8 (BOM stripped), capped at ``max_bytes`` (default ``max_text_bytes``).

        Returns None, with a diagnostic, for unreadable, binary or non-UTF-8 files.
        Each file is read from disk at most once per scan.
        """
        if f.rel in self._text_cache:
            return self._text_cache[f.rel]
        text = self._read_text_uncached(f, max_bytes or self.options.max_text_bytes)
        self._text_cache[f.rel] = text
        return text

    def forget(self, f: SourceFile) -> None:
        """Drop a file's cached text once no scanner needs it (keeps memory flat)."""
        self._text_cache.pop(f.rel, None)

    def _read_text_uncached(self, f: SourceFile, limit: int) -> str | None:
        try:
            with f.path.open("rb") as fh:
                data = fh.read(limit + 1)
        except OSError as exc:
            self.diag(f.rel, f"cannot read file: {exc.strerror or exc}", code="unreadable")
            return None
        if len(data) > limit:
            data = data[:limit]
            self.diag(
                f.rel,
                f"file is larger than {limit // (1024 * 1024)} MiB; only the first part was scanned",
                code="truncated",
                level="info",
            )
        if b"\x00" in data[:8192]:
            self.diag(f.rel, "binary content where text was expected; skipped", code="binary")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if len(data) == limit and exc.start >= limit - 4:
                text = data[: exc.start].decode("utf-8")  # cut inside a multi-byte character
            else:  # undecodable bytes read as \xNN (aibom.text), the rest of the file is scanned
                self.diag(
                    f.rel,
                    f"not valid UTF-8 (byte {exc.start}); undecodable bytes read as \\xNN",
                    code="encoding",
                    level="info",
                )
                text = data.decode("utf-8", "backslashreplace")
        return text.removeprefix("\ufeff")

    def read_json(self, f: SourceFile) -> Any | None:
        """Parse the file as JSON; None with a diagnostic when it is not valid JSON."""
        text = self.read_text(f)
        if text is None:
            return None
        try:
            return load_json(text)
        except (ValueError, RecursionError) as exc:
            self.diag(f.rel, f"invalid JSON: {exc}", code="json")
            return None


class FileScanner(ABC):
    """Turns one file into findings."""

    name: ClassVar[str]

    @abstractmethod
    def wants(self, f: SourceFile) -> bool:
        """Cheap decision from the file name (and size) whether to scan ``f``."""

    @abstractmethod
    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        """Yield findings for ``f``; report problems through ``ctx.diag`` or as Diagnostic findings."""


class DirectoryScanner(ABC):
    """Turns a directory's files into findings, claiming the files it consumed."""

    name: ClassVar[str]

    @abstractmethod
    def scan_directory(
        self, directory: str, files: list[SourceFile], ctx: ScanContext
    ) -> tuple[list[Finding], set[str]]:
        """Return (findings, relative paths of the files this scanner consumed)."""
