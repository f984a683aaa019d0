"""A function that returns its model parameter or a fixed name: the fixed name is a model.

``def fallback_model(model): try: check(model); return model  except ...: return "gpt-3.5-turbo-16k"``
picks the model the program runs with; a string it returns instead of its model parameter is the
fallback model. Only names a known naming pattern recognises are read (the caller classifies).
"""

from __future__ import annotations

import ast
import re

_MODEL_PARAM = re.compile(r"(?i)^(?:model|model_name|model_id|llm_model|engine)$")


def _own_returns(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.Return]:
    found: list[ast.Return] = []
    stack: list[ast.AST] = list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue  # a nested function's returns are its own
        if isinstance(node, ast.Return):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def fallback_model_returns(tree: ast.Module) -> list[tuple[str, int]]:
    """String constants returned by functions that otherwise return their model parameter."""
    out: list[tuple[str, int]] = []
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        params = {a.arg for a in fn.args.args + fn.args.kwonlyargs if _MODEL_PARAM.match(a.arg)}
        if not params:
            continue
        returns = _own_returns(fn)
        if not any(isinstance(r.value, ast.Name) and r.value.id in params for r in returns):
            continue
        for r in returns:
            if (
                isinstance(r.value, ast.Constant)
                and isinstance(r.value.value, str)
                and r.value.value.strip()
            ):
                out.append((r.value.value.strip(), r.value.lineno))
    return out
