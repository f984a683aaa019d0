"""Tables of tuples walked with the model in one position: ``for model_name, key, label in TABLE``.

``gemini_models = [("gemini-2.5-pro", "VERTEX_GEMINI_2.5_PRO", "Gemini 2.5 Pro"), ...]`` then
``for model_name, vertex_key, label in gemini_models: mapping[model_name] = ...``: the loop
unpacks each row, and the target named as a model setting (``model_name``, ``model``,
``llm_model``) says which column holds the model; that column, over every row, is the set of
models the code offers. Read from the loops the module index collected; the table is a list
or tuple literal, written in the loop or bound once to a name in the loop's scope or the
module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from aibom.scanners.python_resolve import ModuleIndex, Scope
from aibom.scanners.python_settings import is_setting_name

MIN_ROWS = 3  # a loop over fewer rows is no catalog


def _rows(ix: ModuleIndex, table: ast.expr, scope: Scope) -> list[ast.expr] | None:
    if isinstance(table, (ast.List, ast.Tuple)):
        return table.elts
    if not isinstance(table, ast.Name):
        return None
    for where in (scope, ix.module):
        bindings = where.bindings.get(table.id)
        if bindings:
            if len(bindings) != 1:
                return None
            value = bindings[0].value
            return value.elts if isinstance(value, (ast.List, ast.Tuple)) else None
    return None


def tuple_loop_members(ix: ModuleIndex) -> Iterator[list[tuple[object, int]]]:
    """The model column of each table a tuple-unpacking loop walks, as ``(value, line)``."""
    for names, table, scope in ix.tuple_loops:
        columns = [i for i, name in enumerate(names) if name is not None and is_setting_name(name)]
        if len(columns) != 1:
            continue
        rows = _rows(ix, table, scope)
        if rows is None or len(rows) < MIN_ROWS:
            continue
        column = columns[0]
        members: list[tuple[object, int]] = []
        for row in rows:
            if not (isinstance(row, ast.Tuple) and len(row.elts) == len(names)):
                continue
            cell = row.elts[column]
            if isinstance(cell, ast.Constant) and isinstance(cell.value, str):
                members.append((cell.value, cell.lineno))
        if len(members) >= MIN_ROWS:
            yield members
