"""Provider-keyed model tables a program checks a model against before it accepts it.

``models_tokens = {"openai": {"gpt-4o": 128000, ...}, "ollama": {"llama3": 8192, ...}}`` looks
like a token-limit table, a lookup left alone. It is the product's catalog when the code refuses
a model that is not in it: ``if model not in models_tokens[provider]: raise ...``, or
``[p for p, models in models_tokens.items() if model in models]`` followed by a ``raise`` in the
same function (the table decides the provider, and any other name fails). Then each block's
keys are the models of the block's provider.

Only a table of provider name -> {model name: number} (most keys naming a known provider), a
membership test whose left side names a model (``model``, ``self.model``, ``cfg["model"]``)
and a ``raise`` in the testing function count; a table only read with ``.get`` for a limit
stays out. The tests come from the module index (no second walk of the module); the table may
live in the module or in the project module it is imported from.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from aibom.knowledge.providers import provider_alias
from aibom.scanners.kernel import key_words
from aibom.scanners.python_resolve import ModuleIndex, Scope

MIN_PROVIDERS = 2
MAX_HOPS = 4
_MODEL_SIDE = re.compile(r"(?i)model")


@dataclass(frozen=True)
class GatedBlock:
    """One provider block of a gated table: its key, the provider it names (None when
    aibom does not know it), the file it is written in (None: this module) and its members."""

    key: str
    provider: str | None
    path: str | None
    members: tuple[tuple[str, int], ...]


def block_provider(key: str, whole: tuple[str, ...] = ("litellm", "config", "names")) -> str | None:
    """The hosted provider a block key names: the whole key read in the ``whole`` alias
    tables, else its first word (``azure_openai``, ``google_genai``, a plan or gateway key
    such as ``grok-subscription``)."""
    provider = provider_alias(key, *whole)
    words = key_words(key)
    if provider is None and words and len(words[0]) >= 4:
        provider = provider_alias(words[0], "litellm", "config", "names")
    return provider


def names_model(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Name):
        return bool(_MODEL_SIDE.search(expr.id))
    if isinstance(expr, ast.Attribute):
        return bool(_MODEL_SIDE.search(expr.attr))
    if isinstance(expr, ast.Subscript):
        s = expr.slice
        return (
            isinstance(s, ast.Constant)
            and isinstance(s.value, str)
            and bool(_MODEL_SIDE.search(s.value))
        )
    return False


def _raises(scope: Scope) -> bool:
    node = scope.node
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    return any(isinstance(n, ast.Raise) for n in ast.walk(node))


def _tested_tables(ix: ModuleIndex) -> list[tuple[str, Scope]]:
    """Names of tables whose per-provider blocks a model is tested against."""
    out: list[tuple[str, Scope]] = []
    for node, scope in ix.membership_tests:
        if isinstance(node, ast.Compare):  # model not in TABLE[provider]
            sub = node.comparators[0]
            if (
                isinstance(sub, ast.Subscript)
                and isinstance(sub.value, ast.Name)
                and names_model(node.left)
            ):
                out.append((sub.value.id, scope))
            continue
        # [p for p, models in TABLE.items() if model in models]
        it, target = node.iter, node.target
        if not (
            isinstance(it, ast.Call)
            and isinstance(it.func, ast.Attribute)
            and it.func.attr == "items"
            and isinstance(it.func.value, ast.Name)
            and not it.args
            and isinstance(target, ast.Tuple)
            and len(target.elts) == 2
            and isinstance(target.elts[1], ast.Name)
        ):
            continue
        inner = target.elts[1].id
        for cond in node.ifs:
            if (
                isinstance(cond, ast.Compare)
                and len(cond.ops) == 1
                and isinstance(cond.ops[0], ast.In)
                and isinstance(cond.comparators[0], ast.Name)
                and cond.comparators[0].id == inner
                and names_model(cond.left)
            ):
                out.append((it.func.value.id, scope))
    return out


def module_table(ix: ModuleIndex, name: str) -> tuple[ast.Dict, str | None] | None:
    """The dict literal ``name`` is bound to once at module level, here or in the project
    module it is imported from (with that module's path)."""
    found = module_literal(ix, name)
    if found is None or not isinstance(found[0], ast.Dict):
        return None
    return found[0], found[1]


def module_literal(ix: ModuleIndex, name: str) -> tuple[ast.expr, str | None] | None:
    """The expression ``name`` is bound to once at module level, here or in the project
    module it is imported from (with that module's path)."""
    owner, orig, path = ix, name, None
    for _ in range(MAX_HOPS):  # through re-exports: helpers/__init__.py's `from .x import T`
        if orig not in owner.import_from:
            break
        found = owner.imported(orig)
        if found is None or found[1] is None or found[0].identity is None:
            return None
        owner, orig, path = found[0], found[1], found[0].identity[1]
    bindings = owner.module.bindings.get(orig)
    if not bindings or len(bindings) != 1:
        return None
    value = bindings[0].value
    return (value, path) if value is not None else None


def number_keys(table: ast.Dict) -> tuple[tuple[str, int], ...] | None:
    """(key, line) of a model -> number dict (string keys, plain number values), else None."""
    members: list[tuple[str, int]] = []
    for k, v in zip(table.keys, table.values, strict=False):
        if not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
            return None
        if not (
            isinstance(v, ast.Constant)
            and isinstance(v.value, (int, float))
            and not isinstance(v.value, bool)
        ):
            return None  # model -> number only
        members.append((k.value, k.lineno))
    return tuple(members)


def _blocks(table: ast.Dict, path: str | None) -> list[GatedBlock] | None:
    blocks: list[GatedBlock] = []
    for k, v in zip(table.keys, table.values, strict=False):
        if not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
            return None
        members = number_keys(v) if isinstance(v, ast.Dict) else None
        if members is None:
            return None
        blocks.append(GatedBlock(k.value, block_provider(k.value), path, members))
    known = sum(1 for b in blocks if b.provider is not None)
    if known < MIN_PROVIDERS or known * 2 <= len(blocks):
        return None
    return blocks


def gated_provider_tables(ix: ModuleIndex) -> list[GatedBlock]:
    """The blocks of every provider-keyed model -> number table the module gates a model by."""
    if not ix.membership_tests:
        return []
    out: list[GatedBlock] = []
    seen: set[str] = set()
    for name, scope in _tested_tables(ix):
        if name in seen or not _raises(scope):
            continue
        seen.add(name)
        found = module_table(ix, name)
        if found is None:
            continue
        blocks = _blocks(*found)
        if blocks:
            out.extend(blocks)
    return out
