"""Model -> number tables the program enumerates or filters by: their keys are its catalog.

``GOOGLE_MODEL_TO_CONTEXT_LENGTH = {"gemini-2.5-pro": 1048576, ...}`` reads as a context-window
lookup, left alone. It is the product's catalog when the program builds what it offers from
its keys: ``for model, ctx in TABLE.items(): configs.append(LLMConfig(model=model, ...))`` (the
key handed to a model-named keyword or a record's ``"id"``/``"model"`` entry, in a loop or a
comprehension, ``[Model(name=k) for k in TABLE]``), or a function named for models returns
them (``return list(TABLE.keys())``); and when it filters a provider's model list by it in a
loop: ``if model_name not in TABLE: continue``, or ``ctx = TABLE.get(model_name)`` (directly or
through a function or method that only returns that look-up) followed by ``if not ctx:
continue``. The gated-tables family (:mod:`gated_tables`, :mod:`dimension_tables`) reads the
tables that refuse a model; these are the ones that make the list.

Only a dict literal of two or more string keys whose values are all plain numbers counts,
bound once at module level here or in the project module it is imported from (through
re-exports, :func:`gated_tables.module_table`); a table only looked up (``TABLE.get(name)``,
``TABLE[name]``, ``if name in TABLE: return TABLE[name]``) stays a lookup, and so does a price
or cost table whatever the program does with it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from aibom.scanners.python.gated_tables import module_literal, names_model, number_keys
from aibom.scanners.python_resolve import ModuleIndex, Scope

MIN_ENTRIES = 2
# the keyword or record key a model name goes to: model, model_name, embedding_model, name, id
_MODEL_SLOT = re.compile(r"(?i)model|^(name|id)$")
# a function that hands out the models: list_models, get_available_models, supported_models
_MODELS_FUNCTION = re.compile(r"(?i)models?(_|$)")
_PRICE_TABLE = re.compile(r"(?i)price|pricing|cost")

_Comprehension = ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp


@dataclass(frozen=True)
class EnumeratedTable:
    """A model -> number table the module builds its offer from or filters models by: its
    name, its keys with their lines, the file it is written in (None: this module) and the
    scope that uses it."""

    name: str
    members: tuple[tuple[str, int], ...]
    path: str | None
    scope: Scope


def _iterated(it: ast.expr) -> tuple[str, bool] | None:
    """(table name, items?) of ``T``, ``T.keys()``, ``T.items()``, ``sorted(T)``, ``list(...)``."""
    if isinstance(it, ast.Name):
        return it.id, False
    if not isinstance(it, ast.Call):
        return None
    func = it.func
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.attr in ("keys", "items")
        and not it.args
    ):
        return func.value.id, func.attr == "items"
    if isinstance(func, ast.Name) and func.id in ("sorted", "list", "tuple") and len(it.args) == 1:
        return _iterated(it.args[0])
    return None


def _key_variable(target: ast.expr, items: bool) -> str | None:
    if not items:
        return target.id if isinstance(target, ast.Name) else None
    if isinstance(target, ast.Tuple) and len(target.elts) == 2:
        first = target.elts[0]
        return first.id if isinstance(first, ast.Name) else None
    return None


def _is_var(expr: ast.expr | None, var: str) -> bool:
    return isinstance(expr, ast.Name) and expr.id == var


def _slot_source(expr: ast.expr | None, var: str, aliases: dict[str, str]) -> str | None:
    """What of the loop variable ``var`` reaches a model slot: "" for ``var`` itself (a
    table's key), the field of ``var["name"]`` (a record's), directly or through a local
    ``name = var["name"]``; None for anything else."""
    if isinstance(expr, ast.Name):
        if expr.id == var:
            return ""
        return aliases.get(expr.id)
    if (
        isinstance(expr, ast.Subscript)
        and _is_var(expr.value, var)
        and isinstance(expr.slice, ast.Constant)
        and isinstance(expr.slice.value, str)
    ):
        return expr.slice.value
    return None


def _offered(nodes: list[ast.AST], var: str) -> set[str]:
    """What of ``var`` goes to a model-named keyword (``LLMConfig(model=var)``,
    ``Config(model=var["name"])``) or a record's model-named entry (``{"id": var, "object":
    "model"}``) somewhere in ``nodes``: "" for ``var`` itself, else the record fields."""
    aliases: dict[str, str] = {}
    for root in nodes:
        for node in ast.walk(root):
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and (field := _slot_source(node.value, var, {})) is not None
                and field
            ):
                aliases[node.targets[0].id] = field
    out: set[str] = set()
    for root in nodes:
        for node in ast.walk(root):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg and _MODEL_SLOT.search(kw.arg):
                        source = _slot_source(kw.value, var, aliases)
                        if source is not None:
                            out.add(source)
            elif isinstance(node, ast.Dict):
                for k, v in zip(node.keys, node.values, strict=False):
                    if (
                        isinstance(k, ast.Constant)
                        and isinstance(k.value, str)
                        and _MODEL_SLOT.search(k.value)
                        and (source := _slot_source(v, var, aliases)) is not None
                    ):
                        out.add(source)
    return out


def _candidate(ix: ModuleIndex, name: str) -> bool:
    """``name`` may be a table: imported, or bound to a dict or list literal at module level."""
    if name in ix.import_from:
        return True
    bindings = ix.module.bindings.get(name) or []
    return bool(bindings) and all(
        isinstance(b.value, (ast.Dict, ast.List, ast.Tuple)) for b in bindings
    )


def _enumerations(ix: ModuleIndex, tree: ast.AST) -> set[tuple[str, str]]:
    """(table, "" or record field) of the tables whose keys, or whose records' field, a loop
    or comprehension hands to a model slot."""
    out: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.AsyncFor)):
            loops = [(node.target, node.iter)]
            body: list[ast.AST] = list(node.body)
        elif isinstance(node, _Comprehension):
            loops = [(g.target, g.iter) for g in node.generators]
            body = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        else:
            continue
        for target, it in loops:
            found = _iterated(it)
            if found is None or not _candidate(ix, found[0]):
                continue
            var = _key_variable(target, found[1])
            if var is not None:
                out.update((found[0], field) for field in _offered(body, var))
    return out


def _returned_keys(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Tables whose keys a function named for models returns: ``list(T)``, ``sorted(T.keys())``,
    ``T.keys()``, ``[k for k in T]``."""
    out: set[str] = set()
    if not _MODELS_FUNCTION.search(fn.name):
        return out
    for node in ast.walk(fn):
        if not isinstance(node, ast.Return) or node.value is None:
            continue
        value = node.value
        if isinstance(value, (ast.ListComp, ast.SetComp)) and len(value.generators) == 1:
            gen = value.generators[0]
            found = _iterated(gen.iter)
            if found is not None and not gen.ifs:
                var = _key_variable(gen.target, found[1])
                if var is not None and _is_var(value.elt, var):
                    out.add(found[0])
            continue
        if isinstance(value, ast.Call) and (
            (isinstance(value.func, ast.Name) and value.func.id in ("sorted", "list", "tuple"))
            or (isinstance(value.func, ast.Attribute) and value.func.attr == "keys")
        ):
            found = _iterated(value)
            if found is not None and not found[1]:
                out.add(found[0])
    return out


def _lookup_table(expr: ast.expr | None) -> str | None:
    """``T`` of ``T.get(...)`` / ``T[...]``."""
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "get"
        and isinstance(expr.func.value, ast.Name)
        and expr.args
    ):
        return expr.func.value.id
    if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name):
        return expr.value.id
    return None


def _lookup_functions(ix: ModuleIndex) -> dict[str, str]:
    """Functions and methods of the module whose body only returns a table look-up
    (``def get_context_window(self, name): return MODEL_CONTEXT_WINDOWS.get(name)``)."""
    out: dict[str, str] = {}
    for fn in ix.function_defs:
        body = [
            s
            for s in fn.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        ]
        if len(body) == 1 and isinstance(body[0], ast.Return):
            table = _lookup_table(body[0].value)
            if table is not None:
                out[fn.name] = table
    return out


def _skips(stmt: ast.If) -> bool:
    return bool(stmt.body) and isinstance(stmt.body[-1], ast.Continue) and not stmt.orelse


def _tested_variable(test: ast.expr) -> str | None:
    """``v`` of ``not v`` / ``v is None``."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return test.operand.id if isinstance(test.operand, ast.Name) else None
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Is)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
        and isinstance(test.left, ast.Name)
    ):
        return test.left.id
    return None


def _gates(
    ix: ModuleIndex, fn: ast.FunctionDef | ast.AsyncFunctionDef, lookups: dict[str, str]
) -> set[str]:
    """Tables a loop skips every model not in: ``if name not in T: continue``, ``if not
    T.get(name): continue``, ``v = T.get(name)`` (or a look-up function) ... ``if not v:
    continue``."""
    out: set[str] = set()
    for loop in ast.walk(fn):
        if not isinstance(loop, (ast.For, ast.AsyncFor)):
            continue
        for stmt in (n for s in loop.body for n in ast.walk(s)):
            if not isinstance(stmt, ast.If) or not _skips(stmt):
                continue
            test = stmt.test
            if (
                isinstance(test, ast.Compare)
                and len(test.ops) == 1
                and isinstance(test.ops[0], ast.NotIn)
                and isinstance(test.comparators[0], ast.Name)
                and names_model(test.left)
            ):
                out.add(test.comparators[0].id)
                continue
            if (
                isinstance(test, ast.UnaryOp)
                and isinstance(test.op, ast.Not)
                and (table := _lookup_table(test.operand)) is not None
            ):
                out.add(table)
                continue
            var = _tested_variable(test)
            if var is None:
                continue
            for node in (n for s in loop.body for n in ast.walk(s)):
                if not (
                    isinstance(node, ast.Assign)
                    and len(node.targets) == 1
                    and _is_var(node.targets[0], var)
                ):
                    continue
                table = _lookup_table(node.value)
                if table is None and isinstance(node.value, ast.Call):
                    func = node.value.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    table = lookups.get(name)
                if table is not None:
                    out.add(table)
    return out


def _number_keys(table: ast.Dict) -> tuple[tuple[str, int], ...] | None:
    """The keys of a model -> number dict (two or more string keys, plain number values)."""
    return number_keys(table) if len(table.keys) >= MIN_ENTRIES else None


def _record_fields(table: ast.expr, field: str) -> tuple[tuple[str, int], ...] | None:
    """The ``field`` strings of a list of two or more dict literals that all give it
    (``[{"name": "MiniMax-M2.5", "context_window": 200000}, ...]``)."""
    if not isinstance(table, (ast.List, ast.Tuple)) or len(table.elts) < MIN_ENTRIES:
        return None
    members: list[tuple[str, int]] = []
    for record in table.elts:
        if not isinstance(record, ast.Dict):
            return None
        value = next(
            (
                v
                for k, v in zip(record.keys, record.values, strict=False)
                if isinstance(k, ast.Constant) and k.value == field
            ),
            None,
        )
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            return None
        members.append((value.value, value.lineno))
    return tuple(members)


def enumerated_tables(ix: ModuleIndex) -> list[EnumeratedTable]:
    """Every model -> number table the module offers models from or filters models by, and
    every list of model records it offers the models of."""
    uses: dict[tuple[str, str], Scope] = {}
    lookups = _lookup_functions(ix)
    for fn in ix.function_defs:
        scope = ix.scope_of(fn)
        if scope is None:
            continue
        found = _enumerations(ix, fn)
        found |= {(name, "") for name in _returned_keys(fn) | _gates(ix, fn, lookups)}
        for name, field in sorted(found):
            if _candidate(ix, name):
                uses.setdefault((name, field), scope)
    out: list[EnumeratedTable] = []
    for (name, field), scope in uses.items():
        if _PRICE_TABLE.search(name):
            continue
        literal = module_literal(ix, name)
        if literal is None:
            continue
        value, path = literal
        if field:
            members = _record_fields(value, field)
        else:
            members = _number_keys(value) if isinstance(value, ast.Dict) else None
        if members is not None:
            out.append(EnumeratedTable(name, members, path, scope))
    return out
