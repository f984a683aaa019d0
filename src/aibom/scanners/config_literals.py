"""Model names kept as whole values of a config file where no rule looked.

The config rules read a value as a model when its key, its record or its file says so. A value
that can only be a model name (:func:`aibom.knowledge.classify.strong_model_literal`: a known
organisation's hub id, a versioned hosted name, a sized Ollama tag) is a model wherever a
config file keeps it: a scalar value, a list member, or the key of a table of per-model
settings (``models: {gpt-4o: {...}}``). Never under a key naming data, a destination, a
template, a flag, a lookup table or aliases (``dataset: openai/gsm8k``,
:func:`aibom.scanners.kernel.names_no_use`), nor under ``example``/``description`` keys
(documentation of a schema), nor in tests (the caller decides).
"""

from __future__ import annotations

from collections.abc import Iterator

from aibom.inventory import Diagnostic, ModelKind, ServiceFinding
from aibom.knowledge.classify import classify_model_value, litellm_route, strong_model_literal
from aibom.scanners.kernel import Emitter, Node, key_words, names_no_use

_DOC_WORDS = frozenset({"example", "examples", "description", "title", "summary", "comment"})


def stray_config_literals(root: Node, em: Emitter) -> None:
    """Report the strong model literals of ``root`` that ``em`` has not reported yet, at
    lines it has not read."""
    known = {_reported(f) for f in em.findings if not isinstance(f, Diagnostic)}
    lines = {f.location.line for f in em.findings if not isinstance(f, Diagnostic)}
    for value, line in _values(root, 0, set()):
        if value.lower() in known or (line is not None and line + em.line_offset in lines):
            continue
        if _emit(em, value, line):
            known.add(value.lower())


def _reported(f: object) -> str:
    if isinstance(f, ServiceFinding):
        return (f.model or "").lower()
    return str(getattr(f, "name", "")).lower()


def _values(node: Node, depth: int, seen: set[int]) -> Iterator[tuple[str, int | None]]:
    """The strong literals under ``node``, each node visited once (YAML aliases share nodes:
    a billion-laughs document is a small graph, not a huge tree)."""
    if depth > 64 or id(node) in seen:
        return
    seen.add(id(node))
    if node.kind == "scalar":
        if node.value is not None and strong_model_literal(node.value.strip()):
            yield node.value.strip(), node.line
    elif node.kind == "seq":
        for el in node.elements:
            yield from _values(el, depth + 1, seen)
    else:
        for key, line, value in node.items:
            words = key_words(key)
            if names_no_use(key) or any(w in _DOC_WORDS for w in words):
                continue
            if value.kind == "map" and strong_model_literal(key.strip()):
                yield key.strip(), line  # a table of per-model settings
            yield from _values(value, depth + 1, seen)


def _emit(em: Emitter, value: str, line: int | None) -> bool:
    route = litellm_route(value)
    if route is not None:
        em.service(route[0], line, model=value)
        return True
    mv = classify_model_value(value)
    if mv is None:
        return False
    if mv.kind is ModelKind.HUB:
        em.model(mv.name, ModelKind.HUB, line, revision=mv.revision)
    elif mv.kind is ModelKind.OLLAMA:
        em.model(mv.name, ModelKind.OLLAMA, line, framework="ollama")
    else:
        em.service(mv.provider or "unknown", line, model=value)
    return True
