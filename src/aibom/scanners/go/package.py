"""A Go package's string constants: ``const``/``var`` declarations resolved across its files.

Go code names a model once (``const DefaultModel = "gpt-4o"``, ``ModelProviderOpenRouter
ModelProvider = "openrouter"``) and uses the identifier elsewhere, often in another file of the
same package. :class:`Constants` reads every string-valued ``const``/``var`` spec of the file
(any scope) and the top-level ones of its sibling files, and evaluates identifiers, string
concatenation and conversions to the package's own string types (``ModelName("gpt-4o")``).
``iota`` constants and anything computed at run time have no value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from aibom.scanners.go.syntax import string_value, text_of, unwrap

_MAX_DEPTH = 16


def _specs(node: Any, *, top_only: bool) -> Iterator[tuple[str, Any]]:
    """(name, value expression) of each ``const``/``var`` spec with one value per name."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in ("const_spec", "var_spec"):
            names = [c for c in n.children_by_field_name("name") if c.type == "identifier"]
            values = n.child_by_field_name("value")
            exprs = list(values.named_children) if values is not None else []
            if names and len(names) == len(exprs):
                yield from zip((text_of(c) for c in names), exprs, strict=True)
            continue
        if (
            n.type in ("const_declaration", "var_declaration", "var_spec_list", "source_file")
            or not top_only
        ):
            stack.extend(reversed(n.named_children))


def type_names(root: Any) -> set[str]:
    """Names of the types a file declares (``type ModelName string``)."""
    out: set[str] = set()
    for decl in root.named_children:
        if decl.type != "type_declaration":
            continue
        for spec in decl.named_children:
            name = spec.child_by_field_name("name")
            if name is not None:
                out.add(text_of(name))
    return out


def imports(root: Any) -> dict[str, str]:
    """Local package name -> import path of a file's imports (the path's last element by default)."""
    out: dict[str, str] = {}
    stack = [c for c in root.named_children if c.type == "import_declaration"]
    while stack:
        n = stack.pop()
        if n.type in ("import_declaration", "import_spec_list"):
            stack.extend(n.named_children)
            continue
        if n.type != "import_spec":
            continue
        path_node = n.child_by_field_name("path")
        path = string_value(path_node) if path_node is not None else None
        if not path:
            continue
        alias = n.child_by_field_name("name")
        name = text_of(alias) if alias is not None else path.rstrip("/").rsplit("/", 1)[-1]
        if name in ("_", "."):
            continue
        if alias is None and name.startswith("v") and name[1:].isdigit() and "/" in path:
            name = path.rstrip("/").rsplit("/", 2)[-2]  # github.com/x/openai-go/v2 -> openai-go
        out[name.replace("-", "_")] = path
    return out


class Constants:
    """String values of identifiers: the file's own specs first, then the package's."""

    def __init__(self, root: Any, siblings: Iterable[Any] = ()) -> None:
        siblings = list(siblings)
        self.exprs: dict[str, Any] = {}
        for other in siblings:
            for name, expr in _specs(other, top_only=True):
                self.exprs.setdefault(name, expr)
        self.types: set[str] = type_names(root)
        for other in siblings:
            self.types |= type_names(other)
        own: dict[str, Any] = {}
        for name, expr in _specs(root, top_only=False):
            own.setdefault(name, expr)
        self.exprs.update(own)
        self._cache: dict[str, str | None] = {}

    def lookup(self, name: str, depth: int = 0) -> str | None:
        if name in self._cache:
            return self._cache[name]
        expr = self.exprs.get(name)
        self._cache[name] = None  # a cycle resolves to nothing
        value = self.value(expr, depth + 1) if expr is not None else None
        self._cache[name] = value
        return value

    def value(self, node: Any, depth: int = 0) -> str | None:
        """The string ``node`` evaluates to, when the package's constants decide it."""
        node = unwrap(node)
        if node is None or depth > _MAX_DEPTH:
            return None
        t = node.type
        if t in ("interpreted_string_literal", "raw_string_literal"):
            return string_value(node)
        if t == "identifier":
            return self.lookup(text_of(node), depth)
        if t == "binary_expression" and text_of(node.child_by_field_name("operator")) == "+":
            left = self.value(node.child_by_field_name("left"), depth + 1)
            if left is None:
                return None
            right = self.value(node.child_by_field_name("right"), depth + 1)
            return None if right is None else left + right
        if t == "call_expression":
            # a conversion to one of the package's string types: ModelName("gpt-4o")
            fn = node.child_by_field_name("function")
            args = node.child_by_field_name("arguments")
            if (
                fn is not None
                and fn.type == "identifier"
                and (text_of(fn) in self.types or text_of(fn) == "string")
                and args is not None
                and len(args.named_children) == 1
            ):
                return self.value(args.named_children[0], depth + 1)
        return None
