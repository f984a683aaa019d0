"""Model names written as whole string literals where no recogniser looked.

The other rules read a literal as a model when its context says so: a known call, a model-ish
setting name, a catalog, a wrapper aibom could follow. Real projects keep model names in shapes
no rule has met yet (a record a project class builds, a table the program checks membership
against, a preset's field, a getter's fallback). A literal that can only be a model name
(:func:`aibom.knowledge.classify.strong_model_literal`: a known organisation's hub id, a
versioned hosted name, a sized Ollama tag) is a model wherever the program keeps it as a
*value*:

* assigned, annotated, returned, a parameter's default, a call's argument, a member of a list,
  tuple or set, a dict's key or value, a branch of ``or`` / ``if``;

never where it is only compared or looked up, and never as text:

* not in docstrings or bare string statements, f-strings, ``assert`` / ``raise``,
  comparisons (``model == "gpt-4o"``, ``"gpt-4" in name``: capability branches), subscripts
  (``TABLE["gpt-4o"]``), concatenations and ``%`` formats;
* not as arguments of string methods, messages (``print``, logging), or callees named for
  data, a destination, a template or a flag (``load_dataset``, ``push_to_hub``);
* not bound to a name, keyword or key naming such things (``DATASET = "openai/gsm8k"``), , to a name
  saying lookup, capability or retired list (``TOKEN_LIMITS``, ``VISION_MODELS``), nor to
  aliases (:func:`aibom.scanners.kernel.names_no_use`).

Tests are left out by the caller (tests name models to exercise code, not to use them).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from aibom.knowledge.classify import strong_model_literal
from aibom.scanners.kernel import names_no_use
from aibom.scanners.python.loose_literals import is_text_callee
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
        yield from _defaults(stmt.args)
        yield from _statements(stmt.body)
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


def _defaults(args: ast.arguments) -> Iterator[ast.Constant]:
    positional = args.posonlyargs + args.args
    for arg, default in zip(
        positional[len(positional) - len(args.defaults) :], args.defaults, strict=True
    ):
        if not names_no_use(arg.arg):
            yield from _expression(default)
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if kw_default is not None and not names_no_use(arg.arg):
            yield from _expression(kw_default)


def _binds_no_use(target: ast.expr) -> bool:
    name = tail_name(target)
    return bool(name) and names_no_use(name)


def _expression(expr: ast.expr) -> Iterator[ast.Constant]:
    if isinstance(expr, ast.Constant):
        if isinstance(expr.value, str) and strong_model_literal(expr.value):
            yield expr
        return
    if isinstance(expr, _SKIPPED_EXPRESSIONS):
        return
    if isinstance(expr, ast.Subscript):
        yield from _expression(expr.value)  # the table, not the key looked up
        return
    if isinstance(expr, ast.BinOp):
        return  # "gpt-4" + suffix, "%s" % name: pieces of a text
    if isinstance(expr, ast.Call):
        yield from _call(expr)
        return
    if isinstance(expr, ast.Dict):
        for key, value in zip(expr.keys, expr.values, strict=True):
            if (
                isinstance(key, ast.Constant)
                and isinstance(key.value, str)
                and names_no_use(key.value)
            ):
                continue
            if key is not None and isinstance(value, (ast.Dict, ast.Call)):
                yield from _expression(key)  # a table of per-model records, not of numbers
            yield from _expression(value)
        return
    for child in ast.iter_child_nodes(expr):
        if isinstance(child, ast.expr):
            yield from _expression(child)
        elif isinstance(child, ast.comprehension):
            yield from _expression(child.iter)


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
