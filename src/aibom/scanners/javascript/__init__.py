"""JavaScript / TypeScript sources: AI SDK clients, transformers.js, LangChain.js, model catalogs.

Files are parsed with tree-sitter (a real syntax tree: comments, JSX text, template
literals and unrelated strings never look like calls). A small static evaluator
resolves values through literals, ``const`` bindings of the same file, constant
template literals, ``process.env.X ?? 'default'`` defaults and object constants.

Nothing is executed. Bundles and minified files are skipped with an info diagnostic.

Layers (each imports only those above it in this list):

* :mod:`.syntax` - tree-sitter parsers, ``<script>`` blocks, node helpers.
* :mod:`.values` - the evaluator's value model; SDK knowledge from ``sdk_javascript.yaml``.
* :mod:`.evaluator` - binder (pass 1: declarations, imports, calls) and static evaluator.
* :mod:`.recognisers` - pass 2: SDK constructions, calls, catalogs; emits findings.
* this module - the :class:`JavaScriptScanner` and :func:`scan_source`.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from aibom.inventory import (
    STORY_FILE_SUFFIXES,
    Diagnostic,
    Finding,
    Location,
    ModelFinding,
    ModelKind,
    is_test_path,
)
from aibom.knowledge.classify import parse_hub_id
from aibom.knowledge.tables import javascript_sdk
from aibom.scanners.base import FileScanner, ScanContext, too_large
from aibom.scanners.javascript.syntax import (
    _BUILD_DIRS,
    _MARKUP_SUFFIXES,
    _SKIP_SUFFIXES,
    _SUFFIXES,
    MAX_JS_BYTES,
    MAX_JS_IMPORT_BYTES,
    _first_error_line,
    _line_of,
    _parse,
    _script_blocks,
)
from aibom.walk import SourceFile

# The evaluator, recognisers and SDK catalogues (and tree-sitter, in .syntax) load with the
# first file scanned: a tree without JS/TS, or whose JS/TS all comes from the findings cache,
# never imports them.
if TYPE_CHECKING:
    from aibom.scanners.javascript.values import ModuleReader

# ---------------------------------------------------------------------------
# Scanner


class JavaScriptScanner(FileScanner):
    """AI models and model APIs referenced from JavaScript / TypeScript source."""

    name: ClassVar[str] = "javascript"
    globs = (
        "*.js",
        "*.jsx",
        "*.mjs",
        "*.cjs",
        "*.ts",
        "*.tsx",
        "*.mts",
        "*.cts",
        "*.vue",
        "*.svelte",
        "*.html",
    )

    def wants(self, f: SourceFile) -> bool:
        low = f.name.lower()
        dot = low.rfind(".")
        if dot < 0 or low.endswith(_SKIP_SUFFIXES):
            return False
        if low[dot:] not in _SUFFIXES and low[dot:] not in _MARKUP_SUFFIXES:
            return False
        return not any(part in _BUILD_DIRS for part in f.rel.split("/")[:-1])

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        if f.size > MAX_JS_BYTES:
            return [too_large(f.rel, "JavaScript/TypeScript", MAX_JS_BYTES, "js-too-large")]
        text = ctx.read_text(f)
        if text is None:
            return []
        return scan_source(text, f.rel, _module_reader(ctx))


def _module_reader(ctx: ScanContext) -> ModuleReader:
    """Read another source file of the tree (a relative import target) through the context."""
    files = _module_files(ctx)

    def read(rel: str) -> str | None:
        if rel.startswith(("/", "../")) or "/../" in rel or rel == "..":
            return None
        ctx.note_dependency(rel)  # found or not, the importing file's findings depend on it
        st = files.stat(rel)
        if st is None or not stat.S_ISREG(st.st_mode) or st.st_size > MAX_JS_IMPORT_BYTES:
            return None
        text = files.texts.get(rel)
        if text is not None:
            return text
        f = SourceFile(rel=rel, path=ctx.root / rel, size=st.st_size)
        mark = len(ctx.diagnostics)
        text = ctx.read_text(f)
        ctx.forget(f)  # read for one lookup; the file's own scan reads it again
        if text is not None and len(ctx.diagnostics) == mark:  # a clean read: remembered
            files.texts[rel] = text
            if len(files.texts) > _MODULE_TEXTS_LIMIT:
                files.texts.popitem(last=False)
        return text

    return read


class _ModuleFiles:
    """What one scan (one context) learnt about import targets: a config module imported by
    many files is read once, not once per importer, and the ~10 candidate paths an import
    specifier maps to are looked up once each. Only clean reads (no diagnostic) are kept, so
    a module read again says exactly what it said the first time; a new scan starts afresh."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.stats: dict[str, os.stat_result | None] = {}
        self.texts: OrderedDict[str, str] = OrderedDict()

    def stat(self, rel: str) -> os.stat_result | None:
        try:
            return self.stats[rel]
        except KeyError:
            pass
        try:
            st: os.stat_result | None = os.lstat(os.path.join(self.root, rel))
        except OSError:
            st = None
        if len(self.stats) >= _MODULE_STATS_LIMIT:
            self.stats.clear()
        self.stats[rel] = st
        return st


_MODULE_TEXTS_LIMIT = 256
_MODULE_STATS_LIMIT = 100_000
_files_of: tuple[weakref.ref[ScanContext], _ModuleFiles] | None = None


def _module_files(ctx: ScanContext) -> _ModuleFiles:
    global _files_of
    if _files_of is None or _files_of[0]() is not ctx:
        _files_of = (weakref.ref(ctx), _ModuleFiles(os.fspath(ctx.root)))
    return _files_of[1]


def scan_source(text: str, rel: str, read_module: ModuleReader | None = None) -> list[Finding]:
    """Findings for one JS/TS source text; ``rel`` is its path relative to the scan root.

    ``read_module(rel)`` returns the text of another file of the tree (or None); with it,
    constants imported from relative modules (``import { MODEL } from './config'``) resolve.
    """
    from aibom.scanners.javascript.recognisers import _Analysis

    if rel.endswith(STORY_FILE_SUFFIXES):  # Storybook: props made up to render a component
        return []
    parsed = _parse(text, rel)
    if isinstance(parsed, Diagnostic):
        return [parsed]
    if parsed is None:
        return []
    tree, source = parsed
    analysis = _Analysis(tree.root_node, rel, source, read_module=read_module, tree=tree)
    try:
        analysis.run()
    except RecursionError:  # pragma: no cover - the evaluator is depth-bounded
        analysis.out.append(
            Diagnostic(rel, "expression nesting too deep; file partly scanned", code="js-too-deep")
        )
    if not is_test_path(rel):
        from aibom.scanners.javascript.loose_literals import (
            loose_literal_findings,
            stray_literal_findings,
        )

        analysis.out.extend(
            loose_literal_findings(
                tree, rel, analysis.source, analysis.out, analysis.project_callee
            )
        )
        analysis.out.extend(stray_literal_findings(tree, rel, analysis.source, analysis.out))
    seen = {(f.name.lower(), f.location.line) for f in analysis.out if isinstance(f, ModelFinding)}
    analysis.out.extend(
        f
        for f in _published_models(_code_of(text, rel), rel, analysis.source)
        if isinstance(f, ModelFinding) and (f.name.lower(), f.location.line) not in seen
    )
    analysis.out.sort(key=_line_of)
    if tree.root_node.has_error:
        analysis.out.append(
            Diagnostic(
                rel,
                "syntax errors; parts of the file may not have been understood",
                line=_first_error_line(tree.root_node),
                code="js-syntax",
                level="info",
            )
        )
    return analysis.out


def _code_of(text: str, rel: str) -> str:
    """The code of a file: a markup file's ``<script>`` blocks (other lines blank), else all."""
    low = rel.lower()
    if "." in low and low[low.rfind(".") :] in _MARKUP_SUFFIXES:
        return _script_blocks(text)[0]
    return text


@functools.cache
def _import_of(package: str) -> re.Pattern[str]:
    """``from "pkg"``, ``import("pkg")``, ``require("pkg")`` (subpaths included)."""
    return re.compile(
        rf"""(?:\bfrom|\bimport|\brequire)\s*\(?\s*["']{re.escape(package)}(?:/[^"']*)?["']"""
    )


@functools.cache
def _org_literal() -> re.Pattern[str] | None:
    """A whole quoted string literal ``"<org>/<name>"`` for an org of ``model_only_orgs``."""
    orgs = sorted(javascript_sdk().model_only_orgs)
    if not orgs:
        return None
    alternatives = "|".join(re.escape(o) for o in orgs)
    return re.compile(rf"""(["'`])((?:{alternatives})/[A-Za-z0-9][\w.-]*)\1""", re.IGNORECASE)


@functools.cache
def _prefixed_literal(prefix: str) -> re.Pattern[str]:
    """A whole quoted literal ``"<prefix><name>"`` whose name has a hyphen or a digit."""
    return re.compile(
        rf"""(["'`])({re.escape(prefix)}[A-Za-z][\w.]*(?:-[\w.]+)+|{re.escape(prefix)}[A-Za-z]+\d[\w.-]*)\1"""
    )


def _published_models(text: str, rel: str, source: str) -> list[Finding]:
    """String literals that name a model by how it is published, wherever they are passed.

    ``"Xenova/bge-reranker-base"``: an organisation of ``model_only_orgs`` publishes only
    models (transformers.js ports), so the literal is a hub model even when it goes to the
    project's own class or keys a table. ``"fast-bge-small-en-v1.5"`` in a module importing
    fastembed (``enum_model_packages``): the package's model enum value.
    """
    out: list[Finding] = []
    org_literal = _org_literal()
    if org_literal is not None:
        for m in org_literal.finditer(text):
            hub = parse_hub_id(m.group(2))
            if hub is None:
                continue
            line = text.count("\n", 0, m.start()) + 1
            loc = Location(rel, line, source=source)
            out.append(
                ModelFinding(hub[0], ModelKind.HUB, loc, hub[1], framework="transformers.js")
            )
    for pkg, prefix in javascript_sdk().enum_model_packages.items():
        if pkg not in text or not _import_of(pkg).search(text):
            continue
        for m in _prefixed_literal(prefix).finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            loc = Location(rel, line, source=source)
            out.append(ModelFinding(m.group(2), ModelKind.HUB, loc, framework=pkg))
    return out


def __getattr__(name: str) -> object:
    if name == "ModuleReader":  # loaded on first use, like the evaluator
        from aibom.scanners.javascript.values import ModuleReader

        return ModuleReader
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["MAX_JS_BYTES", "JavaScriptScanner", "ModuleReader", "scan_source"]
