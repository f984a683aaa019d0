"""A Go package's string constants: ``const``/``var`` declarations resolved across its files.

Go code names a model once (``const DefaultModel = "gpt-4o"``, ``ModelProviderOpenRouter
ModelProvider = "openrouter"``) and uses the identifier elsewhere, often in another file of the
same package. :class:`Constants` reads every string-valued ``const``/``var`` spec of the file
(any scope) and the top-level ones of its sibling files, and evaluates identifiers, string
concatenation and conversions to the package's own string types (``ModelName("gpt-4o")``).
``iota`` constants and anything computed at run time have no value.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from aibom.scanners.go.syntax import nodes_of, parse, string_value, text_of, unwrap

_MAX_DEPTH = 16
_SPEC_TYPES = frozenset({"const_spec", "var_spec"})


def _spec_pairs(spec: Any) -> Iterator[tuple[str, Any]]:
    """(name, value expression) of a ``const``/``var`` spec with one value per name."""
    names = [c for c in spec.children_by_field_name("name") if c.type == "identifier"]
    values = spec.child_by_field_name("value")
    exprs = list(values.named_children) if values is not None else []
    if names and len(names) == len(exprs):
        yield from zip((text_of(c) for c in names), exprs, strict=True)


def _top_specs(root: Any) -> Iterator[tuple[str, Any]]:
    """The package-level specs of a file (what its siblings can use)."""
    stack = [c for c in root.named_children if c.type in ("const_declaration", "var_declaration")]
    stack.reverse()
    while stack:
        n = stack.pop()
        if n.type in ("const_spec", "var_spec"):
            yield from _spec_pairs(n)
        elif n.type in ("const_declaration", "var_declaration", "var_spec_list"):
            stack.extend(reversed(n.named_children))


def _all_specs(root: Any) -> Iterator[tuple[str, Any]]:
    """Every spec of a file, function bodies included."""
    for spec in nodes_of(root, _SPEC_TYPES):
        yield from _spec_pairs(spec)


@functools.lru_cache(maxsize=512)
def _package_level(text: str) -> tuple[dict[str, Any], frozenset[str]]:
    """A sibling file's package-level specs and declared types (each file parsed and read once)."""
    root = parse(text).root_node
    specs: dict[str, Any] = {}
    for name, expr in _top_specs(root):
        specs.setdefault(name, expr)
    return specs, frozenset(type_names(root))


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


def imports(root: Any, name_of: Callable[[str], str | None] | None = None) -> dict[str, str]:
    """Local package name -> import path of a file's imports: the alias, else the package's own
    name when ``name_of(path)`` knows it, else the path's last element."""
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
        known = name_of(path) if name_of is not None and alias is None else None
        if known:
            out[known] = path
            continue
        name = text_of(alias) if alias is not None else path.rstrip("/").rsplit("/", 1)[-1]
        if name in ("_", "."):
            continue
        if alias is None and name.startswith("v") and name[1:].isdigit() and "/" in path:
            name = path.rstrip("/").rsplit("/", 2)[-2]  # github.com/x/openai-go/v2 -> openai-go
        out[name.replace("-", "_")] = path
    return out


_LINE_HEAD = re.compile(r"(?m)^[ \t]*(?:(?:const|var|type)[ \t]+)?([A-Za-z_]\w*)")


@functools.lru_cache(maxsize=1024)
def _line_heads(text: str) -> frozenset[str]:
    """The identifiers that start a line of ``text``, after ``const``/``var``/``type`` or not:
    every name the file can declare at package level is among them."""
    return frozenset(_LINE_HEAD.findall(text))


class Constants:
    """String values of identifiers: the file's own specs first, then the package's.

    ``siblings()`` gives the texts of the package's other files; they are parsed only when the
    file itself leaves an identifier unresolved.
    """

    def __init__(self, root: Any, siblings: Callable[[], Iterable[str]] | None = None) -> None:
        self._siblings = siblings
        self._package: list[str] | None = None
        self.exprs: dict[str, Any] = {}
        for name, expr in _all_specs(root):
            self.exprs.setdefault(name, expr)
        self.own_types: set[str] = type_names(root)
        self._cache: dict[str, str | None] = {}

    def _package_files(self, word: str) -> Iterator[tuple[dict[str, Any], frozenset[str]]]:
        """The package-level specs and types of the sibling files that may declare ``word``
        (a line starting with it, after ``const``/``var``/``type`` or not: most are never
        parsed, since a local variable's name is rarely at the start of a line)."""
        if self._package is None:
            self._package = list(self._siblings()) if self._siblings is not None else []
        for text in self._package:
            if word in text and word in _line_heads(text):
                yield _package_level(text)

    def package_texts(self) -> list[str]:
        """The texts of the package's other files."""
        if self._package is None:
            self._package = list(self._siblings()) if self._siblings is not None else []
        return self._package

    def _expr(self, name: str) -> Any:
        expr = self.exprs.get(name)
        if expr is not None:
            return expr
        for specs, _ in self._package_files(name):
            expr = specs.get(name)
            if expr is not None:
                return expr
        return None

    def is_type(self, name: str) -> bool:
        """True for ``string`` and a type the package declares (a conversion target)."""
        if name == "string" or name in self.own_types:
            return True
        return any(name in types for _, types in self._package_files(name))

    def lookup(self, name: str, depth: int = 0) -> str | None:
        if name in self._cache:
            return self._cache[name]
        self._cache[name] = None  # a cycle resolves to nothing
        expr = self._expr(name)
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
                and self.is_type(text_of(fn))
                and args is not None
                and len(args.named_children) == 1
            ):
                return self.value(args.named_children[0], depth + 1)
        return None
