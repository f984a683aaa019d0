"""``go.mod`` -> library findings (``pkg:golang`` purls), AI SDK modules tagged.

Every module of a ``require`` directive (one line or a block, ``// indirect`` ones too) is a
library at its exact version, as npm lockfiles' packages are; AI frameworks and provider SDKs
(``github.com/sashabaranov/go-openai``, ``github.com/anthropics/anthropic-sdk-go``, ...) carry
their category from ``ai_packages.yaml`` ``golang``. ``replace``/``exclude``/``retract`` name no
dependency and are skipped; ``vendor/`` and ``testdata/`` copies are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from aibom.inventory import Finding, LibraryFinding, Location
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.manifests import ai_package_category
from aibom.walk import SourceFile

_SKIP_DIRS = frozenset({"vendor", "testdata"})
_REQUIRE_ONE = re.compile(r"^require\s+(?!\()(\S+)\s+(\S+)")
_REQUIRE_OPEN = re.compile(r"^require\s*\(\s*$")
_ENTRY = re.compile(r"^(\S+)\s+(v\S+)")


def requirements(text: str) -> list[tuple[str, str, int]]:
    """(module path, version, line) of every ``require``d module of a go.mod text."""
    out: list[tuple[str, str, int]] = []
    in_block = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("//", 1)[0].strip()
        if not line:
            continue
        if in_block:
            if line.startswith(")"):
                in_block = False
                continue
            m = _ENTRY.match(line)
            if m is not None:
                out.append((_unquote(m.group(1)), m.group(2), number))
            continue
        if _REQUIRE_OPEN.match(line):
            in_block = True
            continue
        m = _REQUIRE_ONE.match(line)
        if m is not None and m.group(2).startswith("v"):
            out.append((_unquote(m.group(1)), m.group(2), number))
    return out


def _unquote(path: str) -> str:
    return path[1:-1] if len(path) > 1 and path[0] == path[-1] and path[0] in '"`' else path


class GoModScanner(FileScanner):
    """Go module dependencies (``go.mod``)."""

    name: ClassVar[str] = "go-mod"
    globs = ("go.mod",)

    def wants(self, f: SourceFile) -> bool:
        return f.name == "go.mod" and not any(p in _SKIP_DIRS for p in f.rel.split("/")[:-1])

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        text = ctx.read_text(f)
        if text is None:
            return []
        return [
            LibraryFinding(
                name=path,
                ecosystem="golang",
                location=Location(f.rel, line, source="go-mod"),
                version=version,
                category=ai_package_category(path, "golang"),
            )
            for path, version, line in requirements(text)
        ]
