"""Go sources: model catalogs, request structs, model constants and provider SDK calls.

Files are parsed with tree-sitter (``tree-sitter-go``, imported with the first file scanned):
comments, struct tags and log messages never look like values. Identifiers resolve through
the string constants of the file and of the other files of its package (same directory,
not ``_test.go``). Nothing is executed.

Layers (each imports only those above it):

* :mod:`.syntax` - the parser, string literals, node helpers.
* :mod:`.package` - a package's string constants, declared types and imports.
* :mod:`.sdk` - provider SDKs (``sdk_go.yaml``): model constants, clients, model options, and
  model names passed loose to calls outside the package.
* :mod:`.literals` - composite literals, catalogs and declarations -> findings (calls go
  through :mod:`.sdk`).
* this module - the :class:`GoScanner` and :func:`scan_source`.
* :mod:`.modules` - ``go.mod`` requirements as libraries (a scanner of its own).

Skipped: ``_test.go`` files, ``vendor/`` and ``testdata/`` trees, generated files larger
than :data:`~aibom.scanners.go.syntax.MAX_GO_BYTES`.
"""

from __future__ import annotations

import os
import stat
import weakref
from collections.abc import Callable, Iterable
from typing import ClassVar

from aibom.inventory import Diagnostic, Finding
from aibom.scanners.base import FileScanner, ScanContext, too_large
from aibom.scanners.go.syntax import MAX_GO_BYTES, relevant
from aibom.walk import SourceFile

_SKIP_DIRS = frozenset({"vendor", "testdata", "third_party", "node_modules"})
_MAX_SIBLINGS = 200  # a package this large is generated code: constants of the file only

SiblingReader = Callable[[], list[tuple[str, str]]]


def wanted(rel: str) -> bool:
    """True for a Go source file that is not a test and not vendored or test data."""
    low = rel.lower()
    if not low.endswith(".go") or low.endswith("_test.go"):
        return False
    return not any(part in _SKIP_DIRS for part in rel.split("/")[:-1])


class GoScanner(FileScanner):
    """AI models and model APIs named in Go source."""

    name: ClassVar[str] = "go"
    globs = ("*.go",)

    def wants(self, f: SourceFile) -> bool:
        return wanted(f.rel)

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        if f.size > MAX_GO_BYTES:
            return [too_large(f.rel, "Go", MAX_GO_BYTES, "go-too-large")]
        text = ctx.read_text(f)
        if text is None:
            return []
        return scan_source(text, f.rel, _sibling_reader(f.rel, ctx))


def _sibling_reader(rel: str, ctx: ScanContext) -> SiblingReader:
    """The other Go files of ``rel``'s package (its directory), read through the context."""

    def read() -> list[tuple[str, str]]:
        directory = rel.rsplit("/", 1)[0] if "/" in rel else ""
        cache = _cache_of(ctx)
        if directory in cache:
            found = cache[directory]
        else:
            found = _read_package(directory, ctx)
            cache[directory] = found
        for other, _ in found:
            ctx.note_dependency(other)
        return [(r, t) for r, t in found if r != rel]

    return read


def _read_package(directory: str, ctx: ScanContext) -> list[tuple[str, str]]:
    base = os.path.join(ctx.root, directory) if directory else os.fspath(ctx.root)
    try:
        names = sorted(os.listdir(base))
    except OSError:
        return []
    out: list[tuple[str, str]] = []
    for name in names:
        rel = f"{directory}/{name}" if directory else name
        if not wanted(rel):
            continue
        if len(out) >= _MAX_SIBLINGS:
            return []
        try:
            st = os.stat(os.path.join(base, name))  # one call: the kind and the size
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_GO_BYTES:
            continue
        f = SourceFile(rel=rel, path=ctx.root / rel, size=st.st_size)
        mark = len(ctx.diagnostics)
        text = ctx.read_text(f)
        ctx.forget(f)  # read for its constants; the file's own scan reads it again
        if text is not None and len(ctx.diagnostics) == mark:  # a clean read only
            out.append((rel, text))
    return out


_cache: tuple[weakref.ref[ScanContext], dict[str, list[tuple[str, str]]]] | None = None


def _cache_of(ctx: ScanContext) -> dict[str, list[tuple[str, str]]]:
    """Package directory -> its files' texts, for one scan (one context)."""
    global _cache
    if _cache is None or _cache[0]() is not ctx:
        _cache = (weakref.ref(ctx), {})
    cache = _cache[1]
    if len(cache) > 64:
        cache.clear()
    return cache


def scan_source(text: str, rel: str, siblings: SiblingReader | None = None) -> list[Finding]:
    """Findings for one Go source text; ``siblings()`` gives the package's other files."""
    if not relevant(text):
        return []
    from aibom.scanners.go.literals import analyse
    from aibom.scanners.go.package import Constants
    from aibom.scanners.go.syntax import parse

    try:
        tree = parse(text)
    except ImportError:
        return [
            Diagnostic(
                rel,
                "tree-sitter Go grammar is not installed; file skipped",
                code="go-parser-missing",
            )
        ]
    package = (lambda: [t for _, t in siblings()]) if siblings is not None else None
    consts = Constants(tree.root_node, package)
    return analyse(tree.root_node, rel, consts)


__all__ = ["GoScanner", "scan_source"]
