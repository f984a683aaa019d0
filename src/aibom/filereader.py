"""Capped, decode-once reading of project files, with diagnostics instead of exceptions.

:class:`FileReader` is what every reader of scanned files shares: the scanners'
:class:`~aibom.scanners.base.ScanContext` extends it, and the model-facts reader
(:mod:`aibom.modelfacts`) uses it directly, so lineage can read a model directory
without building a scanner context.

May import: the standard library, :mod:`aibom.inventory`, :mod:`aibom.limits` and :mod:`aibom.walk`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aibom.inventory import Diagnostic
from aibom.limits import MAX_TEXT_BYTES as MAX_TEXT_BYTES  # budgets: aibom.limits
from aibom.limits import load_json
from aibom.walk import SourceFile


def read_capped(path: Path | str, limit: int, size: int) -> bytes:
    """``open(path, "rb").read(limit)``, without allocating ``limit`` bytes for a small file.

    ``size`` is the file's size when it was listed: ``size + 1`` bytes are asked first (a
    4 MiB request costs an allocation and its release per file: 3x the reading of the
    generated 6,000-file tree); a file grown since is read on, to the same ``limit``.
    """
    with open(path, "rb") as fh:
        if size + 1 >= limit:
            return fh.read(limit)
        data = fh.read(size + 1)
        if len(data) <= size:  # the end of the file (a regular file reads short only there)
            return data
        return data + fh.read(limit - len(data))


@dataclass
class FileReader:
    """Shared read access: capped, decoded once, diagnostics collected."""

    root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _text_cache: dict[str, str | None] = field(default_factory=dict)

    def text_limit(self) -> int:
        """Bytes of a text file read by default."""
        return MAX_TEXT_BYTES

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
        """The file decoded as UTF-8 (BOM stripped), capped at ``max_bytes`` (default :meth:`text_limit`).

        Returns None, with a diagnostic, for unreadable, binary or non-UTF-8 files.
        Each file is read from disk at most once per scan.
        """
        if f.rel in self._text_cache:
            return self._text_cache[f.rel]
        text = self._read_text_uncached(f, max_bytes or self.text_limit())
        self._text_cache[f.rel] = text
        return text

    def forget(self, f: SourceFile) -> None:
        """Drop a file's cached text once no scanner needs it (keeps memory flat)."""
        self._text_cache.pop(f.rel, None)

    def _read_raw(self, f: SourceFile, limit: int) -> bytes:
        """Up to ``limit`` bytes of ``f`` (a hook: the scan pipeline serves bytes it already read)."""
        return read_capped(f.path, limit, f.size)

    def _read_text_uncached(self, f: SourceFile, limit: int) -> str | None:
        try:
            data = self._read_raw(f, limit + 1)
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
