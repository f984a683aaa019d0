"""A function that returns its model parameter or a fixed name: the fixed name is a model.

``def fallback_model(model): try: check(model); return model  except ...: return "gpt-3.5-turbo-16k"``
picks the model the program runs with; a string it returns instead of its model parameter is the
fallback model. Only names a known naming pattern recognises are read (the caller classifies).

So is every value of a literal table a function named as the (default) model picks from
and returns: ``def default_model(self): return {self.COHERE: "rerank-v3.5", self.JINA:
"jina-reranker-v2-base-multilingual"}[self]`` (``.get(key)`` too).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence

_MODEL_PARAM = re.compile(r"(?i)^(?:model|model_name|model_id|llm_model|engine)$")
# default_model, get_default_model, model_name: a function (or property) naming the model it returns
_MODEL_FUNCTION = re.compile(
    r"(?i)^_?(?:get_)?(?:default_)?(?:model|model_name|model_id|llm_model)$"
)


_BLOCKS = (ast.stmt, ast.excepthandler, ast.match_case)  # nodes that may hold statements
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_STATEMENT_FIELDS: dict[type, tuple[str, ...]] = {}  # node type -> fields of statement lists


def _statement_fields(t: type) -> tuple[str, ...]:
    fields = _STATEMENT_FIELDS.get(t)
    if fields is None:
        names = ("body", "orelse", "finalbody", "handlers", "cases")
        fields = _STATEMENT_FIELDS[t] = tuple(f for f in getattr(t, "_fields", ()) if f in names)
    return fields


def _own_returns(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.Return]:
    """``fn``'s return statements (not those of functions nested in it), in a fixed order.

    Only statements are visited (an expression holds no statement: a lambda's body is an
    expression), in the order a last-in-first-out walk of every child node meets them.
    """
    found: list[ast.Return] = []
    stack: list[ast.AST] = list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, _NESTED):
            continue  # a nested function's returns are its own
        if isinstance(node, ast.Return):
            found.append(node)
            continue
        for name in _statement_fields(type(node)):
            value = getattr(node, name, None)
            if isinstance(value, list):
                stack.extend(child for child in value if isinstance(child, _BLOCKS))
    return found


def _returns_param(value: ast.expr | None, params: set[str]) -> bool:
    """``return model`` or ``return model.value``: the model parameter itself, or the string of
    the model enum member it is (``def _api_name(model: Llm): if model in [...]: return
    "gemini-3-flash-preview" ... return model.value``)."""
    if isinstance(value, ast.Attribute) and value.attr == "value":
        value = value.value
    return isinstance(value, ast.Name) and value.id in params


def _fallbacks(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[str, int]]:
    params = {a.arg for a in fn.args.args + fn.args.kwonlyargs if _MODEL_PARAM.match(a.arg)}
    if not params:
        return []
    returns = _own_returns(fn)
    if not any(_returns_param(r.value, params) for r in returns):
        return []
    return [
        (r.value.value.strip(), r.value.lineno)
        for r in returns
        if isinstance(r.value, ast.Constant)
        and isinstance(r.value.value, str)
        and r.value.value.strip()
    ]


def fallback_model_returns(
    tree: ast.Module,
    functions: Sequence[ast.FunctionDef | ast.AsyncFunctionDef] | None = None,
) -> list[tuple[str, int]]:
    """String constants returned by functions that otherwise return their model parameter.

    In the order of :func:`ast.walk` over ``tree``. ``functions``: every def of the module in
    any order, when the caller has them (:attr:`ModuleIndex.function_defs`), so the whole tree
    is walked only when more than one function returns a fallback (to order them).
    """
    if functions is not None:
        found = [out for out in map(_fallbacks, functions) if out]
        if len(found) <= 1:
            return found[0] if found else []
    defs = (fn for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef))
    return [pair for fn in defs for pair in _fallbacks(fn)]


def _table_choice(value: ast.expr | None) -> ast.Dict | None:
    """The literal dict of ``{...}[key]`` or ``{...}.get(key)``."""
    if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Dict):
        return value.value
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "get"
        and isinstance(value.func.value, ast.Dict)
    ):
        return value.func.value
    return None


def keyed_model_returns(
    functions: Sequence[ast.FunctionDef | ast.AsyncFunctionDef],
) -> list[tuple[str, int]]:
    """The string values of a literal table a function named as the model returns a pick of
    (``return {A: "m1", B: "m2"}[key]``), at their own lines."""
    found: list[tuple[str, int]] = []
    for fn in functions:
        if not _MODEL_FUNCTION.match(fn.name):
            continue
        for ret in _own_returns(fn):
            table = _table_choice(ret.value)
            if table is None:
                continue
            found.extend(
                (v.value.strip(), v.lineno)
                for v in table.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value.strip()
            )
    return found
