"""Model catalogs grown by key with another table's names: ``models["anthropic"] = anthropic_names``.

A catalog dict named as models (``prompt_type_to_model_name``) often gets entries after its
literal: ``CAT["anthropic"] = sorted(anthropic_mapping.keys())`` or ``CAT.update({"openai":
[...], "openai_chat": list(gpt_token_mapping.keys())})``. The entry's members are the models
the catalog offers under that key, even when the table they come from is a token-limit map
(a lookup table on its own): taking its keys into a model catalog makes them an offer.

Nothing runs: the entry is a literal list, or the keys of a dict literal reached through
names (``names = sorted(table.keys())``), in this module or one it imports.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from aibom.scanners.python_resolve import ModuleIndex, dotted

_END = 1 << 30  # a module's final bindings
_KEY_VIEWS = frozenset({"sorted", "list", "tuple", "set", "frozenset"})


@dataclass(frozen=True)
class KeyedEntry:
    """One entry added to a model catalog: its key and its members (value, line)."""

    key: str
    members: list[tuple[str, int]]


def _strings(node: ast.expr, line: int | None) -> list[tuple[str, int]]:
    """String members of a list/tuple literal, or the string keys of a dict literal.

    ``line`` replaces the members' own lines (they were written in another module).
    """
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = node.elts
    elif isinstance(node, ast.Dict):
        items = [k for k in node.keys if k is not None]
    else:
        return []
    return [
        (e.value, line or e.lineno)
        for e in items
        if isinstance(e, ast.Constant) and isinstance(e.value, str)
    ]


def _definition(ix: ModuleIndex, name: str, line: int) -> tuple[ast.expr, int | None] | None:
    """The module-level expression ``name`` is bound to (through one import), and the line
    its members count at when it lies in another module."""
    found = ix.definition(ast.Name(id=name, ctx=ast.Load()), ix.module, line)
    if found is not None:
        return found[0], None
    imported = ix.imported(name)
    if imported is None:
        return None
    other, orig = imported
    if orig is None:
        return None
    found = other.definition(ast.Name(id=orig, ctx=ast.Load()), other.module, _END)
    return (found[0], line) if found is not None else None


def _members(ix: ModuleIndex, expr: ast.expr, line: int, depth: int = 0) -> list[tuple[str, int]]:
    """What a catalog entry's value lists: a literal, or a table's keys through names."""
    at: int | None = None
    if isinstance(expr, ast.Name) and depth < 3:
        found = _definition(ix, expr.id, line)
        if found is None:
            return []
        expr, at = found
        if isinstance(expr, (ast.List, ast.Tuple)):
            return _strings(expr, at)
        if at is not None:  # an imported name: only literals there
            return []
        return _members(ix, expr, line, depth + 1)
    if isinstance(expr, (ast.List, ast.Tuple)):
        return _strings(expr, None)
    if isinstance(expr, ast.Call) and dotted(expr.func) in _KEY_VIEWS and len(expr.args) == 1:
        table = expr.args[0]  # sorted(table.keys()), list(table)
        if (
            isinstance(table, ast.Call)
            and isinstance(table.func, ast.Attribute)
            and table.func.attr == "keys"
            and not table.args
        ):
            table = table.func.value
        if isinstance(table, ast.Name):
            found = _definition(ix, table.id, line)
            if found is not None and isinstance(found[0], ast.Dict):
                return _strings(found[0], found[1])
    return []


def keyed_entries(ix: ModuleIndex, named_as_models: Callable[[str], bool]) -> Iterator[KeyedEntry]:
    """Entries added by key to module-level model catalogs (dict literals named as models)."""

    def catalog(target: ast.expr) -> bool:
        if not isinstance(target, ast.Name) or not named_as_models(target.id):
            return False
        binding = ix.lookup(target.id, ix.module, _END)
        return binding is not None and isinstance(binding.value, ast.Dict)

    for node, scope in ix.assigns:
        if scope.kind != "module" or not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if (
            isinstance(target, ast.Subscript)
            and isinstance(target.slice, ast.Constant)
            and isinstance(target.slice.value, str)
            and catalog(target.value)
        ):
            members = _members(ix, node.value, node.lineno)
            if members:
                yield KeyedEntry(target.slice.value, members)
    for call, scope in ix.calls:
        if (
            scope.kind == "module"
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "update"
            and len(call.args) == 1
            and isinstance(call.args[0], ast.Dict)
            and catalog(call.func.value)
        ):
            for k, v in zip(call.args[0].keys, call.args[0].values, strict=False):
                if isinstance(k, ast.Constant) and isinstance(k.value, str):
                    members = _members(ix, v, v.lineno)
                    if members:
                        yield KeyedEntry(k.value, members)
