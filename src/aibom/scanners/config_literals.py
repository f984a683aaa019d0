"""Model names kept as whole values of a config file where no rule looked.

The config rules read a value as a model when its key, its record or its file says so. Values
that can only be model names (:func:`aibom.knowledge.classify.strong_model_literal`: a known
organisation's hub id, a versioned hosted name, a sized Ollama tag) are models where a config
file keeps them as a catalog, whatever its keys are called: a list of three or more of them
(at least half its scalars), or the keys of a table of per-model settings (two or more,
``models: {gpt-4o: {...}, o3-mini: {...}}``). Never under a key naming data, a destination, a
template, a flag, a lookup table or aliases (``dataset: openai/gsm8k``,
:func:`aibom.scanners.kernel.names_no_use`), nor under ``example``/``description`` keys
(documentation of a schema), nor in tests (the caller decides).
"""

from __future__ import annotations

from collections.abc import Iterator

from aibom.inventory import Diagnostic
from aibom.knowledge.classify import strong_model_literal
from aibom.scanners.kernel import (
    Emitter,
    Node,
    catalog_like,
    finding_model_name,
    is_setting_key,
    key_words,
    names_no_use,
    strong_literal_finding,
)

_DOC_WORDS = frozenset({"example", "examples", "description", "title", "summary", "comment"})


def stray_config_literals(root: Node, em: Emitter) -> None:
    """Report the strong model literals of ``root`` that ``em`` has not reported yet, at
    lines it has not read."""
    known = {finding_model_name(f) for f in em.findings if not isinstance(f, Diagnostic)}
    lines = {f.location.line for f in em.findings if not isinstance(f, Diagnostic)}
    for value, line in _values(root, 0, set()):
        if value.lower() in known or (line is not None and line + em.line_offset in lines):
            continue
        if _emit(em, value, line):
            known.add(value.lower())


def _values(node: Node, depth: int, seen: set[int]) -> Iterator[tuple[str, int | None]]:
    """The strong literals of ``node``'s catalog-like lists and per-model tables, each node
    visited once (YAML aliases share nodes: a billion-laughs document is a small graph, not a
    huge tree)."""
    if depth > 64 or id(node) in seen:
        return
    seen.add(id(node))
    if node.kind == "seq":
        members = [_strong(el) for el in node.elements if el.kind == "scalar"]
        strong = [m for m in members if m is not None]
        if catalog_like(len(strong), len(members)):
            yield from strong
        for el in node.elements:
            if el.kind != "scalar":
                yield from _values(el, depth + 1, seen)
    elif node.kind == "map":
        kept = [(k, line, v) for k, line, v in node.items if not _no_use(k)]
        tables = [
            (k.strip(), line)
            for k, line, v in kept
            if v.kind == "map" and strong_model_literal(k.strip()) and not _names_own_model(v)
        ]
        if len(tables) >= 2:  # a table of per-model settings: models: {gpt-4o: {...}, ...}
            yield from tables
        for _, _, value in kept:
            yield from _values(value, depth + 1, seen)


def _strong(node: Node) -> tuple[str, int | None] | None:
    value = (node.value or "").strip()
    return (value, node.line) if value and strong_model_literal(value) else None


def _names_own_model(entry: Node) -> bool:
    """An entry carrying its own model (``gpt-5-high: {model_name: gpt-5}``): its key is an
    alias the model rules read through that field."""
    return any(is_setting_key(k) for k, _, _ in entry.items)


def _no_use(key: str) -> bool:
    return names_no_use(key) or any(w in _DOC_WORDS for w in key_words(key))


def _emit(em: Emitter, value: str, line: int | None) -> bool:
    finding = strong_literal_finding(value, em.loc(line))
    if finding is not None:
        em.findings.append(finding)
    return finding is not None
