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
from typing import ClassVar

from aibom.filereader import MAX_TEXT_BYTES, FileReader
from aibom.inventory import Diagnostic, Finding
from aibom.limits import MAX_LOCKFILE_BYTES as MAX_LOCKFILE_BYTES  # budgets: aibom.limits
from aibom.walk import SourceFile


def too_large(rel: str, what: str, limit: int, code: str) -> Diagnostic:
    """The info diagnostic for a source file over ``limit`` bytes, skipped unparsed."""
    mib = limit // (1024 * 1024)
    return Diagnostic(
        rel,
        f"{what} file larger than {mib} MiB (likely generated); skipped",
        code=code,
        level="info",
    )


@dataclass
class ScanOptions:
    """Knobs every scanner may consult."""

    max_text_bytes: int = MAX_TEXT_BYTES


@dataclass
class ScanContext(FileReader):
    """Shared read access for scanners: capped, decoded once, diagnostics collected."""

    options: ScanOptions = field(default_factory=ScanOptions)

    def text_limit(self) -> int:
        """Bytes of a text file read by default (``options.max_text_bytes``)."""
        return self.options.max_text_bytes

    def note_dependency(self, rel: str) -> None:
        """The file being scanned depends on file ``rel`` (an imported module); a hook for caches."""


class FileScanner(ABC):
    """Turns one file into findings."""

    name: ClassVar[str]

    @abstractmethod
    def wants(self, f: SourceFile) -> bool:
        """Cheap decision from the file name (and size) whether to scan ``f``."""

    @abstractmethod
    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        """Yield findings for ``f``; report problems through ``ctx.diag`` or as Diagnostic findings."""

    def may_matter(self, data: bytes) -> bool:
        """False when ``data`` (the whole file) cannot give this scanner a finding: not scanned.

        A finer pre-filter after :mod:`aibom.scanners.prefilter`, under the same rules
        (only clean UTF-8 text is ever ruled out; ``AIBOM_PREFILTER=0`` turns it off).
        """
        return True

    def close(self) -> None:  # noqa: B027 - optional hook, nothing to do by default
        """The scan is over: drop what the scanner kept between files (caches)."""


class DirectoryScanner(ABC):
    """Turns a directory's files into findings, claiming the files it consumed."""

    name: ClassVar[str]

    @abstractmethod
    def scan_directory(
        self, directory: str, files: list[SourceFile], ctx: ScanContext
    ) -> tuple[list[Finding], set[str]]:
        """Return (findings, relative paths of the files this scanner consumed)."""
