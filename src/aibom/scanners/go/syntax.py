"""Go syntax: the tree-sitter parser (loaded on first use), string literals, node helpers."""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

MAX_GO_BYTES = 2 * 1024 * 1024
_local = threading.local()


def relevant(text: str) -> bool:
    """True when ``text`` has a word of ``prefilter.yaml`` ``go``: without one, a Go file names
    no model, model API or catalog (the byte-level pre-filter says the same before a file is
    decoded; this keeps :func:`~aibom.scanners.go.scan_source` as narrow when called directly)."""
    low = text.lower()
    return any(word in low for word in _words())


@functools.cache
def _words() -> tuple[str, ...]:
    from aibom.knowledge.tables import prefilter_words

    return tuple(w.decode() for w in prefilter_words().get("go", ()))


def parser() -> Any:
    """A tree-sitter Go parser (one per thread; the grammar is imported on first use)."""
    p = getattr(_local, "parser", None)
    if p is None:
        import tree_sitter_go
        from tree_sitter import Language, Parser

        p = _local.parser = Parser(Language(tree_sitter_go.language()))
    return p


@functools.lru_cache(maxsize=256)
def parse(text: str) -> Any:
    """The syntax tree of ``text``, remembered: a package's files are read by each sibling."""
    return parser().parse(text.encode("utf-8", "replace"))


def line(node: Any) -> int:
    """1-based line of ``node``."""
    return int(node.start_point[0]) + 1


def text_of(node: Any) -> str:
    return bytes(node.text or b"").decode("utf-8", "replace")


_ESCAPE = re.compile(r"\\(?:[abfnrtv\\'\"]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")
_SIMPLE = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _unescape(m: re.Match[str]) -> str:
    s = m.group(0)[1:]
    if s[0] in _SIMPLE:
        return _SIMPLE[s[0]]
    if s[0] in "xuU":
        return chr(int(s[1:], 16))
    return s


def string_value(node: Any) -> str | None:
    """The value of a Go string literal node (interpreted or raw), else None."""
    if node.type == "raw_string_literal":
        return text_of(node)[1:-1].replace("\r", "")
    if node.type != "interpreted_string_literal":
        return None
    body = text_of(node)[1:-1]
    if "\\" not in body:
        return body
    rest = _ESCAPE.sub("", body)
    if "\\" in rest:  # an octal escape or a malformed one: not a name we would read
        return None
    return _ESCAPE.sub(_unescape, body)


def unwrap(node: Any) -> Any:
    """The node under parentheses, ``&`` and a ``literal_element`` wrapper."""
    while node is not None:
        if node.type in ("parenthesized_expression", "literal_element"):
            node = node.named_children[0] if node.named_children else None
        elif node.type == "unary_expression" and text_of(node.child_by_field_name("operator")) in (
            "&",
            "*",
        ):
            node = node.child_by_field_name("operand")
        else:
            return node
    return None


@functools.cache
def _query(types: frozenset[str]) -> Any:
    from tree_sitter import Query

    language = parser().language
    return Query(language, "[" + " ".join(f"({t})" for t in sorted(types)) + "] @n")


def nodes_of(root: Any, types: frozenset[str]) -> list[Any]:
    """Every node of ``types`` under ``root``, in preorder (outer before inner), found by one
    tree-sitter query (in C) instead of a walk in Python."""
    from tree_sitter import QueryCursor

    found = QueryCursor(_query(types)).captures(root).get("n", [])
    found.sort(key=lambda n: (n.start_byte, -n.end_byte))
    return found
