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
from aibom.scanners.python_resolve import ModuleIndex, Scope, child_nodes

MIN_ENTRIES = 2
# the keyword or record key a model name goes to: model, model_name, embedding_model, name, id
_MODEL_SLOT = re.compile(r"(?i)model|^(name|id)$")
# a function that hands out the models: list_models, get_available_models, supported_models
_MODELS_FUNCTION = re.compile(r"(?i)models?(_|$)")
_PRICE_TABLE = re.compile(r"(?i)price|pricing|cost")

_Comprehension = ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp
_LOOPS = frozenset(
    {ast.For, ast.AsyncFor, ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp}
)


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


def _enumeration(ix: ModuleIndex, node: ast.AST) -> set[tuple[str, str]]:
    """(table, "" or record field) of the tables whose keys, or whose records' field, the loop
    or comprehension ``node`` hands to a model slot."""
    if isinstance(node, (ast.For, ast.AsyncFor)):
        loops = [(node.target, node.iter)]
        body: list[ast.AST] = list(node.body)
    elif isinstance(node, _Comprehension):
        loops = [(g.target, g.iter) for g in node.generators]
        body = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
    else:
        return set()
    out: set[tuple[str, str]] = set()
    for target, it in loops:
        found = _iterated(it)
        if found is None or not _candidate(ix, found[0]):
            continue
        var = _key_variable(target, found[1])
        if var is not None:
            out.update((found[0], field) for field in _offered(body, var))
    return out


def _returned_key(node: ast.Return) -> str | None:
    """The table whose keys ``node`` returns: ``list(T)``, ``sorted(T.keys())``, ``T.keys()``,
    ``[k for k in T]`` (counted in a function named for models)."""
    value = node.value
    if value is None:
        return None
    if isinstance(value, (ast.ListComp, ast.SetComp)) and len(value.generators) == 1:
        gen = value.generators[0]
        found = _iterated(gen.iter)
        if found is not None and not gen.ifs:
            var = _key_variable(gen.target, found[1])
            if var is not None and _is_var(value.elt, var):
                return found[0]
        return None
    if isinstance(value, ast.Call) and (
        (isinstance(value.func, ast.Name) and value.func.id in ("sorted", "list", "tuple"))
        or (isinstance(value.func, ast.Attribute) and value.func.attr == "keys")
    ):
        found = _iterated(value)
        if found is not None and not found[1]:
            return found[0]
    return None


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


def _gate(stmt: ast.If) -> tuple[str | None, str | None]:
    """(table, None) of ``if name not in T: continue`` / ``if not T.get(name): continue``;
    (None, v) of ``if not v: continue`` / ``if v is None: continue``; (None, None) else."""
    if not _skips(stmt):
        return None, None
    test = stmt.test
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.NotIn)
        and isinstance(test.comparators[0], ast.Name)
        and names_model(test.left)
    ):
        return test.comparators[0].id, None
    if (
        isinstance(test, ast.UnaryOp)
        and isinstance(test.op, ast.Not)
        and (table := _lookup_table(test.operand)) is not None
    ):
        return table, None
    return None, _tested_variable(test)


def _assigned_lookup(node: ast.Assign, lookups: dict[str, str]) -> tuple[str, str] | None:
    """(v, T) of ``v = T.get(name)``, ``v = T[name]`` or ``v = lookup_function(name)``."""
    if not (len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
        return None
    table = _lookup_table(node.value)
    if table is None and isinstance(node.value, ast.Call):
        func = node.value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        table = lookups.get(name)
    return (node.targets[0].id, table) if table is not None else None


class _Loop:
    """What one ``for`` loop's body holds for the gate rule: the tables it skips models not
    in, the variables it skips on when empty, and the look-ups assigned to variables."""

    __slots__ = ("assigned", "tables", "tested")

    def __init__(self) -> None:
        self.tables: set[str] = set()
        self.tested: set[str] = set()
        self.assigned: list[tuple[str, str]] = []

    def gates(self) -> set[str]:
        return self.tables | {table for var, table in self.assigned if var in self.tested}


_Def = ast.FunctionDef | ast.AsyncFunctionDef


def _uses(ix: ModuleIndex) -> dict[int, set[tuple[str, str]]]:
    """id(def) -> (table, "" or record field) of each def of the module: the tables a loop or
    comprehension anywhere in it (nested defs too) offers models from, a loop in it skips
    every model not in (``if name not in T: continue``, ``if not T.get(name): continue``,
    ``v = T.get(name)`` (or a look-up function) ... ``if not v: continue``, anywhere in the
    loop's body), or, for a function named for models, it returns the keys of.

    One walk of the module: each node is read once, whatever the nesting of defs and loops.
    """
    lookups = _lookup_functions(ix)
    found: dict[int, set[tuple[str, str]]] = {}
    loops: dict[int, tuple[_Loop, tuple[_Def, ...]]] = {}
    # (node, enclosing defs (the node's own included when it is one), enclosing loop bodies)
    stack: list[tuple[ast.AST, tuple[_Def, ...], tuple[_Loop, ...]]] = [(ix.tree, (), ())]
    while stack:
        node, defs, in_loops = stack.pop()
        t = type(node)
        if t is ast.FunctionDef or t is ast.AsyncFunctionDef:
            defs = (*defs, node)  # type: ignore[arg-type]
        elif t is ast.Return:
            if defs and (table := _returned_key(node)) is not None:  # type: ignore[arg-type]
                for fn in defs:
                    if _MODELS_FUNCTION.search(fn.name):
                        found.setdefault(id(fn), set()).add((table, ""))
        elif t is ast.If:
            if in_loops:
                table, var = _gate(node)  # type: ignore[arg-type]
                for loop in in_loops:
                    if table is not None:
                        loop.tables.add(table)
                    elif var is not None:
                        loop.tested.add(var)
        elif t is ast.Assign and in_loops:
            pair = _assigned_lookup(node, lookups)  # type: ignore[arg-type]
            if pair is not None:
                for loop in in_loops:
                    loop.assigned.append(pair)
        if defs and t in _LOOPS and (offered := _enumeration(ix, node)):
            for fn in defs:
                found.setdefault(id(fn), set()).update(offered)
        if t is ast.For or t is ast.AsyncFor:
            assert isinstance(node, (ast.For, ast.AsyncFor))
            this = _Loop()
            loops[id(node)] = (this, defs)
            inner = (*in_loops, this)
            stack.extend((stmt, defs, inner) for stmt in node.body)
            parts: list[ast.AST] = [*node.orelse, node.iter, node.target]
            stack.extend((part, defs, in_loops) for part in parts)
            continue
        stack.extend((child, defs, in_loops) for child in child_nodes(node))
    for loop, defs in loops.values():
        gates = loop.gates()
        if gates:
            for fn in defs:
                found.setdefault(id(fn), set()).update((table, "") for table in gates)
    return found


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
    if not ix.function_defs:
        return []
    found_in = _uses(ix)
    for fn in ix.function_defs:
        found = found_in.get(id(fn))
        if not found:
            continue
        scope = ix.scope_of(fn)
        if scope is None:
            continue
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
