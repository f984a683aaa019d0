"""Model names written as whole string literals where no recogniser looked.

The other rules read a literal as a model when its context says so: a known call, a model-ish
setting name, a catalog named as models, a wrapper aibom could follow. Real projects keep model
names in shapes no rule has met yet. A literal that can only be a model name
(:func:`aibom.knowledge.classify.strong_model_literal`: a known organisation's hub id, a
versioned hosted name, a sized Ollama tag) is a model there when it is

a **member of a catalog-like collection**, whatever the collection is called: a list, tuple or
set (also passed to a call, ``z.enum([...])``-like, or gathering records such as
``[{"name": "gpt-5.4", "context_window": 272000}, ...]`` or ``[Spec("...", 1), ...]``, by their
``id``/``name``/``value`` or model-named field and their positional arguments) holding at least
three strong literals that are at least half of its members.

Never in docstrings, f-strings, ``assert`` / ``raise``, comparisons, subscripts,
concatenations; never as arguments of string methods, messages or exceptions, or callees named
for data, a destination, a template or a flag; never bound to a name, keyword or key naming
such things, aliases or a lookup, capability or retired list
(:func:`aibom.scanners.kernel.names_no_use`); never in an emulated API reply. Tests are left
out by the caller.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from aibom.knowledge.classify import strong_model_literal
from aibom.scanners.kernel import RECORD_NAME_KEYS, catalog_like, is_setting_key, names_no_use
from aibom.scanners.python.loose_literals import is_text_callee
from aibom.scanners.python.payloads import is_response_payload
from aibom.scanners.python_resolve import tail_name

_SKIPPED_STATEMENTS = (ast.Assert, ast.Raise, ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal)
_SKIPPED_EXPRESSIONS = (ast.Compare, ast.JoinedStr, ast.Lambda)


def stray_model_literals(tree: ast.Module) -> Iterator[ast.Constant]:
    """The strong model literals kept as values anywhere in ``tree`` (module docstring)."""
    yield from _statements(tree.body)


def _statements(body: list[ast.stmt]) -> Iterator[ast.Constant]:
    for stmt in body:
        yield from _statement(stmt)


def _statement(stmt: ast.stmt) -> Iterator[ast.Constant]:
    if isinstance(stmt, _SKIPPED_STATEMENTS):
        return
    if isinstance(stmt, ast.Expr):
        if not isinstance(stmt.value, ast.Constant):  # a bare string is a docstring or a note
            yield from _expression(stmt.value)
        return
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if stmt.value is not None and not any(_binds_no_use(t) for t in targets):
            yield from _expression(stmt.value)
        return
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        yield from _statements(stmt.body)  # defaults: the wrapper and default rules see their use
        return
    if isinstance(stmt, ast.ClassDef):
        yield from _statements(stmt.body)
        return
    for field, value in ast.iter_fields(stmt):
        if field in ("decorator_list", "test", "type_comment"):
            continue
        if isinstance(value, list):
            for item in value:
                if isinstance(item, ast.stmt):
                    yield from _statement(item)
                elif isinstance(item, ast.expr):
                    yield from _expression(item)
                elif isinstance(item, (ast.ExceptHandler, ast.match_case)):
                    yield from _statements(item.body)
        elif isinstance(value, ast.expr):
            yield from _expression(value)


def _binds_no_use(target: ast.expr) -> bool:
    name = tail_name(target)
    return bool(name) and names_no_use(name)


def _expression(expr: ast.expr) -> Iterator[ast.Constant]:
    """Strong literals of the catalog-like collections under ``expr``."""
    if isinstance(expr, (ast.Constant, *_SKIPPED_EXPRESSIONS, ast.BinOp)):
        return
    if isinstance(expr, ast.Subscript):
        yield from _expression(expr.value)  # the table, not the key looked up
        return
    if isinstance(expr, ast.Call):
        yield from _call(expr)
        return
    if isinstance(expr, ast.Dict):
        if is_response_payload(expr):
            return  # an emulated API reply echoes a model, it calls none
        for key, value in zip(expr.keys, expr.values, strict=True):
            if not names_no_use(_str_of(key) or "-"):
                yield from _expression(value)
        return
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        per_member = [_member_literals(el) for el in expr.elts]
        members = [c for found in per_member for c in found]
        strings = sum(
            1 for el, found in zip(expr.elts, per_member, strict=True) if found or _str_of(el)
        )
        if catalog_like(len(members), strings):
            yield from members
            return
    for child in ast.iter_child_nodes(expr):
        if isinstance(child, ast.expr):
            yield from _expression(child)
        elif isinstance(child, ast.comprehension):
            yield from _expression(child.iter)


def _str_of(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _strong(node: ast.expr | None) -> ast.Constant | None:
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and strong_model_literal(node.value)
    ):
        return node
    return None


def _member_literals(el: ast.expr, depth: int = 0) -> list[ast.Constant]:
    """The strong literals one member of a collection stands for: itself, or a record's (a
    dict's or a call's model field, ``id``/``name``/``value``, and positional arguments), also
    one record further down (``Spec(model=..., sources=Source(hf="org/name"))``)."""
    own = _strong(el)
    if own is not None:
        return [own]
    if depth > 1:
        return []
    fields: list[tuple[str | None, ast.expr]] = []  # (field name, value); positional: "value"
    if isinstance(el, ast.Dict) and not is_response_payload(el):
        fields = [(_str_of(k), v) for k, v in zip(el.keys, el.values, strict=True)]
    elif isinstance(el, ast.Call) and not is_text_callee(tail_name(el.func)):
        fields = [("value", a) for a in el.args] + [(kw.arg, kw.value) for kw in el.keywords]
    fields = [(k, v) for k, v in fields if k is not None and not names_no_use(k)]
    fields = [(k, v) for k, v in fields if k not in _NOT_MEMBER_KEYS]
    # a record with a model field of its own (``model=``, nested too) names its model there:
    # its ``name``/``id`` is a label (``AgentVariant(name="claude-sonnet-4", agent=...)``)
    nested = [
        c
        for _, v in fields
        if isinstance(v, (ast.Dict, ast.Call))
        for c in _member_literals(v, depth + 1)
    ]
    modelled = [c for k, v in fields if is_setting_key(k) and (c := _strong(v)) is not None]
    if modelled or nested:
        return modelled + nested
    return [
        c for k, v in fields if (_names_member(k) or depth > 0) and (c := _strong(v)) is not None
    ]


_NOT_MEMBER_KEYS = frozenset(
    {"placeholder", "label", "default", "description", "example", "examples", "title", "help"}
)


def _names_member(key: str | None) -> bool:
    """A record's field that names the record's model: ``id``, ``name``, ``value`` or a model
    setting (``model``, ``model_name``, ``repo_id``); not ``placeholder``, ``label``, ``default``."""
    return key is not None and (key in RECORD_NAME_KEYS or is_setting_key(key))


def _call(call: ast.Call) -> Iterator[ast.Constant]:
    name = tail_name(call.func)
    if is_text_callee(name):
        return
    if not isinstance(call.func, ast.Name):
        yield from _expression(call.func)  # the receiver: client("gpt-4o").chat(...)
    for arg in call.args:
        yield from _expression(arg)
    for kw in call.keywords:
        if kw.arg is None or not names_no_use(kw.arg):
            yield from _expression(kw.value)
