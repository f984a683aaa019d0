"""Go composite literals, catalogs and string constants -> findings.

* Composite literals (``openai.ChatCompletionRequest{Model: "gpt-4o"}``, ``[]*Config{{Provider:
  ModelProviderOpenRouter, ModelName: "anthropic/claude-sonnet-4"}, ...}``, ``map[string]Info{...}``)
  become the kernel's :class:`~aibom.scanners.kernel.Node` tree, struct fields as snake_case keys
  (``ModelName`` -> ``model_name``), identifiers resolved through the package's constants, and
  go through the config-tree analyser: model-named fields, a record's ``provider`` field, base
  URLs, catalogs under model-named variables are read exactly as in a YAML/JSON config.
* Catalogs the names do not announce: a slice, array or map (keys or values) of strong model
  literals, or of records whose model/name field holds one, is reported when it is catalog-like
  (:func:`~aibom.scanners.kernel.catalog_like`) and its variable names no lookup table.
* ``const``/``var`` declarations and assignments of model-named identifiers or fields
  (``DefaultModel = "gpt-4o-mini"``, ``req.Model = "o3"``) and base-URL constants go through the
  kernel's flat key/value rules.

Arguments of error constructors and log calls are never read; comments are not in the tree.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from aibom.inventory import Diagnostic, Finding, Location
from aibom.knowledge.classify import strong_model_literal
from aibom.scanners.go.package import Constants, imports
from aibom.scanners.go.sdk import SdkCalls, declared_in, package_name
from aibom.scanners.go.syntax import line, nodes_of, string_value, text_of, unwrap
from aibom.scanners.kernel import (
    RECORD_NAME_KEYS,
    Emitter,
    Node,
    ValueContext,
    analyse_pairs,
    catalog_like,
    finding_model_name,
    hub_download_finding,
    is_endpoint_key,
    is_error_name,
    is_model_key,
    is_setting_key,
    is_tokenizer_key,
    key_words,
    names_no_use,
    strong_literal_finding,
)
from aibom.scanners.tree import analyse_tree

SOURCE = "go"
_HUB_HOST = re.compile(rb"(?:huggingface|hf)\.co/")
_MAX_DEPTH = 48
_LITERALS = frozenset({"interpreted_string_literal", "raw_string_literal"})
_SEQ_TYPES = frozenset({"slice_type", "array_type", "implicit_length_array_type"})
_STRING_NODES = frozenset(
    {
        "interpreted_string_literal",
        "raw_string_literal",
        "identifier",
        "binary_expression",
        "call_expression",
    }
)
# what the walk stops at: declarations, assignments, composite literals, calls (log messages)
_ROOT_TYPES = frozenset(
    {
        "const_declaration",
        "var_declaration",
        "short_var_declaration",
        "assignment_statement",
        "composite_literal",
        "call_expression",
    }
)
# callees whose arguments are a message, not a value the program uses
_LOG_RECEIVERS = frozenset({"log", "slog", "fmt", "errors", "logger", "logrus", "zap", "klog"})


def worth_resolving(key: str) -> bool:
    """True for a key whose value some rule reads: a model, setting, tokenizer, endpoint or
    provider key, a URL (other keys' identifiers are not looked up across the package)."""
    words = key_words(key)
    return (
        is_model_key(key)
        or is_setting_key(key)
        or is_tokenizer_key(key)
        or is_endpoint_key(key)
        or "provider" in words
        or "url" in words
        or "deployment" in words
    )


def snake(name: str) -> str:
    """``ModelName`` -> ``model_name``, ``BaseURL`` -> ``base_url``: a Go field as a config key."""
    return "_".join(key_words(name)) or name


class _Builder:
    """Go expressions -> kernel nodes; remembers which mappings are Go maps (data keys)."""

    def __init__(self, consts: Constants) -> None:
        self.consts = consts
        self.data_maps: set[int] = set()

    def node(
        self, expr: Any, elem_type: Any = None, depth: int = 0, *, resolve: bool = True
    ) -> Node:
        """``expr`` as a node; with ``resolve`` False only a literal string has a value (an
        identifier under a key no rule reads is not looked up in the package)."""
        expr = unwrap(expr)
        if expr is None or depth > _MAX_DEPTH:
            return Node("scalar")
        if expr.type == "composite_literal":
            body = expr.child_by_field_name("body")
            return self.literal(body, expr.child_by_field_name("type"), depth)
        if expr.type == "literal_value":
            return self.literal(expr, elem_type, depth)
        if expr.type in _STRING_NODES:
            if not resolve and expr.type not in _LITERALS:
                return Node("scalar", line(expr))
            return Node("scalar", line(expr), value=self.consts.value(expr))
        return Node("scalar", line(expr))

    def literal(self, body: Any, typ: Any, depth: int) -> Node:
        while typ is not None and typ.type in ("pointer_type", "parenthesized_type"):
            typ = typ.named_children[0] if typ.named_children else None
        at = line(body) if body is not None else None
        if body is None:
            return Node("scalar", at)
        elements = [
            c for c in body.named_children if c.type in ("keyed_element", "literal_element")
        ]
        if typ is not None and typ.type == "map_type":
            value_type = typ.child_by_field_name("value")
            out = Node("map", at)
            self.data_maps.add(id(out))
            for el in elements:
                if el.type != "keyed_element" or len(el.named_children) != 2:
                    continue
                k, v = el.named_children
                key_expr = unwrap(k)
                key = self.consts.value(key_expr) if key_expr is not None else None
                if key is None:
                    key = text_of(key_expr) if key_expr is not None else ""
                out.items.append((key, line(k), self.node(v, value_type, depth + 1)))
            return out
        if typ is not None and typ.type in _SEQ_TYPES:
            elem = typ.child_by_field_name("element")
            out = Node("seq", at)
            for el in elements:
                value = el.named_children[-1] if el.type == "keyed_element" else el
                out.elements.append(self.node(value, elem, depth + 1))
            return out
        # a struct (named, qualified or generic type): field names as keys
        if elements and all(el.type == "keyed_element" for el in elements):
            out = Node("map", at)
            for el in elements:
                if len(el.named_children) != 2:
                    continue
                k, v = el.named_children
                key_expr = unwrap(k)
                key = snake(text_of(key_expr)) if key_expr is not None else ""
                read = worth_resolving(key) or key in RECORD_NAME_KEYS
                out.items.append((key, line(k), self.node(v, None, depth + 1, resolve=read)))
            if _lists_providers(out):
                # the entry's own id is the catalog's name for the model; what is called is
                # each provider's name for it (its ``providers`` records)
                out.items = [
                    (k, ln, c)
                    for k, ln, c in out.items
                    if c.kind != "scalar" or not is_model_key(k)
                ]
            return out
        seq = Node("seq", at)
        seq.elements = [self.node(el, None, depth + 1) for el in elements]
        return seq


def _lists_providers(record: Node) -> bool:
    """A model entry listing the providers that serve it: a list of records each naming a
    provider and a model (``Providers: []X{{Provider: P, ModelName: "..."}, ...}``)."""
    for _, _, child in record.items:
        if child.kind != "seq" or not child.elements:
            continue
        if all(
            el.kind == "map"
            and any(key_words(k)[-1:] == ("provider",) for k, _, _ in el.items)
            and any(is_model_key(k) for k, _, c in el.items if c.kind == "scalar")
            for el in child.elements
        ):
            return True
    return False


def _callee_is_message(call: Any) -> bool:
    """``fmt.Errorf(...)``, ``log.Printf(...)``, ``errors.New``, ``NewConfigError(...)``."""
    fn = call.child_by_field_name("function")
    if fn is None:
        return False
    if fn.type == "selector_expression":
        operand = fn.child_by_field_name("operand")
        field = fn.child_by_field_name("field")
        if operand is not None and text_of(operand).lower() in _LOG_RECEIVERS:
            return True
        name = text_of(field) if field is not None else ""
    else:
        name = text_of(fn)
    return is_error_name(name) or name.startswith(("Errorf", "Error", "Warn", "Log", "Print"))


class _Analysis:
    def __init__(self, root: Any, rel: str, consts: Constants) -> None:
        self.root = root
        self.rel = rel
        self.consts = consts
        self.builder = _Builder(consts)
        self.em = Emitter(rel, SOURCE)
        self.stray: list[Finding] = []
        self.flat = False
        self.consumed: list[tuple[int, int]] = []
        self.messages: list[tuple[int, int]] = []  # spans of message and log calls
        self.sdk = SdkCalls(
            root, self.em, consts, imports(root, package_name), self._strong, self._declared
        )
        self._declared_in: Any = None

    def _declared(self, name: str) -> bool:
        if self._declared_in is None:
            self._declared_in = declared_in([text_of(self.root), *self.consts.package_texts()])
        return bool(self._declared_in(name))

    def _strong(self, value: str, at: int) -> None:
        f = strong_literal_finding(value, Location(self.rel, at, source=SOURCE))
        if f is not None:
            self.stray.append(f)

    def run(self) -> list[Finding]:
        if self.root.has_error:
            self.flat = False
            self._visit(self.root, 0)
        else:
            self.flat = True
            for node in nodes_of(self.root, _ROOT_TYPES):
                if not self._consumed(node.start_byte):
                    self._dispatch(node, 0)
                elif node.type == "call_expression" and not self._in_message(node.start_byte):
                    self.sdk.call(node)  # a call inside a composite literal
        self.sdk.constants()
        self._hub_urls()
        out = self._kept()
        seen = {(finding_model_name(f), _line_of(f)) for f in out}
        for f in self.stray:
            key = (finding_model_name(f), _line_of(f))
            if key not in seen:
                seen.add(key)
                out.append(f)
        return out

    def _hub_urls(self) -> None:
        """``"https://huggingface.co/org/repo/resolve/main/model.gguf"``: a hub model's file
        downloaded, wherever the string goes (not in a message or log call)."""
        if not _HUB_HOST.search(self.root.text or b""):
            return
        for lit in nodes_of(self.root, _LITERALS):
            if self._in_message(lit.start_byte):
                continue
            value = string_value(lit)
            if value:
                f = hub_download_finding(value, Location(self.rel, line(lit), source=SOURCE))
                if f is not None:
                    self.stray.append(f)

    def _kept(self) -> list[Finding]:
        return [f for f in self.em.findings if not isinstance(f, Diagnostic)]

    # -- walking the file: every node of _ROOT_TYPES in preorder (one query), skipping the
    # subtrees a handler consumed; a tree with syntax errors is walked in Python instead

    def _consume(self, node: Any) -> None:
        if self.flat:
            bisect.insort(self.consumed, (node.start_byte, node.end_byte))

    def _consumed(self, start: int) -> bool:
        return _inside(self.consumed, start)

    def _in_message(self, start: int) -> bool:
        return _inside(self.messages, start)

    def _descend(self, node: Any, depth: int) -> None:
        """Look for more under ``node`` (the flat walk reaches it by itself)."""
        if not self.flat:
            self._visit(node, depth)

    def _visit(self, node: Any, depth: int) -> None:
        if depth > _MAX_DEPTH or node.type in ("comment", "import_declaration", "package_clause"):
            return
        if node.type in _ROOT_TYPES:
            self._dispatch(node, depth)
            return
        for c in node.named_children:
            self._visit(c, depth + 1)

    def _dispatch(self, node: Any, depth: int) -> None:
        t = node.type
        if t == "call_expression":
            if _callee_is_message(node):
                self._consume(node)
                bisect.insort(self.messages, (node.start_byte, node.end_byte))
                return
            self.sdk.call(node)
            if not self.flat:
                for c in node.named_children:
                    self._visit(c, depth + 1)
        elif t == "const_declaration" or t == "var_declaration":
            self._declaration(node, depth)
        elif t in ("short_var_declaration", "assignment_statement"):
            self._assignment(node, depth)
        elif t == "composite_literal":
            self._consume(node)
            self._composite("", node)

    def _declaration(self, decl: Any, depth: int) -> None:
        pairs: list[tuple[str, int | None, str]] = []
        stack = list(reversed(decl.named_children))
        while stack:
            spec = stack.pop()
            if spec.type == "var_spec_list":
                stack.extend(reversed(spec.named_children))
                continue
            if spec.type not in ("const_spec", "var_spec"):
                continue
            names = [c for c in spec.children_by_field_name("name") if c.type == "identifier"]
            values = spec.child_by_field_name("value")
            exprs = list(values.named_children) if values is not None else []
            if len(names) != len(exprs):
                for e in exprs:
                    self._descend(e, depth + 1)
                continue
            for name_node, expr in zip(names, exprs, strict=True):
                self._bound(text_of(name_node), expr, pairs, depth)
        if pairs:
            analyse_pairs(self.em, pairs)

    def _assignment(self, stmt: Any, depth: int) -> None:
        left = stmt.child_by_field_name("left")
        right = stmt.child_by_field_name("right")
        if left is None or right is None:
            return
        lhs = list(left.named_children)
        rhs = list(right.named_children)
        if len(lhs) != len(rhs):
            for e in rhs:
                self._descend(e, depth + 1)
            return
        pairs: list[tuple[str, int | None, str]] = []
        for target, expr in zip(lhs, rhs, strict=True):
            if target.type == "selector_expression":
                field = target.child_by_field_name("field")
                name = text_of(field) if field is not None else ""
            elif target.type == "identifier":
                name = text_of(target)
            else:
                name = ""
            self._bound(name, expr, pairs, depth)
        if pairs:
            analyse_pairs(self.em, pairs)

    def _bound(
        self, name: str, expr: Any, pairs: list[tuple[str, int | None, str]], depth: int
    ) -> None:
        """``name = expr``: a composite literal under its name, or a string setting."""
        inner = unwrap(expr)
        if inner is None:
            return
        if inner.type == "composite_literal":
            self._consume(inner)
            self._composite(name, inner)
            return
        if (
            inner.type in _STRING_NODES
            and name
            and name != "_"
            and (inner.type in _LITERALS or worth_resolving(name))
        ):
            value = self.consts.value(inner)
            if value is not None:
                pairs.append((name, line(inner), value))
                return
        self._descend(inner, depth + 1)

    # -- composite literals

    def _composite(self, name: str, lit: Any) -> None:
        node = self.builder.node(lit)
        if node.kind == "scalar":
            return
        if name and names_no_use(name):
            return
        root = Node("map", node.line, items=[(name, node.line, node)]) if name else node
        if root.kind == "seq":
            root = Node("map", node.line, items=[("", node.line, node)])
        analyse_tree(root, self.em, scope=ValueContext())
        self._stray(node, name, 0)

    def _stray(self, node: Node, name: str, depth: int) -> None:
        """Catalog-like collections of strong model literals the names do not announce."""
        if depth > _MAX_DEPTH or (name and names_no_use(name)):
            return
        if node.kind == "seq":
            members = [_member(el) for el in node.elements]
            self._catalog(members)
            for el in node.elements:
                self._stray(el, name, depth + 1)
        elif node.kind == "map":
            if id(node) in self.builder.data_maps:
                values = [_member(c) for _, _, c in node.items]
                if self._catalog(values) or all(c.kind == "map" for _, _, c in node.items):
                    # keyed by model: an alias table's or a catalog's keys; not a set
                    # (``map[string]bool``) or a lookup of numbers, whose keys are data
                    self._catalog([(k, line) for k, line, _ in node.items])
                for _, _, c in node.items:
                    self._stray(c, name, depth + 1)
            else:
                for k, _, c in node.items:
                    self._stray(c, k, depth + 1)

    def _catalog(self, members: list[tuple[str | None, int | None]]) -> bool:
        """Report the strong literals of a catalog-like collection (True when it is one)."""
        strong = [(v, ln) for v, ln in members if v and strong_model_literal(v)]
        if not catalog_like(len(strong), len(members)):
            return False
        for value, ln in strong:
            f = strong_literal_finding(value, Location(self.rel, ln, source=SOURCE))
            if f is not None:
                self.stray.append(f)
        return True


def _inside(spans: list[tuple[int, int]], start: int) -> bool:
    """True when ``start`` lies in one of the sorted ``spans``."""
    i = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    return i >= 0 and spans[i][1] > start


def _line_of(f: Finding) -> int | None:
    loc = getattr(f, "location", None)
    return loc.line if isinstance(loc, Location) else None


def _member(node: Node) -> tuple[str | None, int | None]:
    """A collection member's model string: a scalar, or a record's model or name field."""
    if node.kind == "scalar":
        return node.value, node.line
    if node.kind != "map":
        return None, node.line
    for key, ln, child in node.items:
        if child.kind == "scalar" and child.value and is_model_key(key):
            return child.value, child.line or ln
    for key, ln, child in node.items:
        if child.kind == "scalar" and child.value and key in RECORD_NAME_KEYS:
            return child.value, child.line or ln
    return None, node.line


def analyse(root: Any, rel: str, consts: Constants) -> list[Finding]:
    """Findings of one parsed Go file."""
    return _Analysis(root, rel, consts).run()
