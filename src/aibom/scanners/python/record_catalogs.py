"""Catalogs keyed by model name whose values are each model's metadata.

``OPENAI_MODELS = {"gpt-4o": {"context": 128_000, "price_input": 2.5}, ...}``: a dict named as
*the* models (its name's words say ``models``), every value a record of the key's properties
(context, prices, capabilities). Unlike a lookup table named after what it looks up
(``MODEL_TOKEN_LIMITS``), its keys are the set of models the product knows and offers.

Such dicts are merged: ``{**_ACTIVE_MODELS, **DEPRECATED_MODELS}`` or, per provider,
``MODELS = {"anthropic": {..., **ANTHROPIC_MODELS_DEPRECATED}, "openrouter": {...}}``. A dict
spread into a catalog is part of it whatever its own name says, and is read here from the
module index (its own module, or the project module it is imported from).
"""

from __future__ import annotations

import ast

from aibom.scanners.kernel import key_words
from aibom.scanners.python_resolve import ModuleIndex

# the words of a name saying "the models": OPENAI_MODELS, _OPENAI_MODELS_ACTIVE, chat_llms
_COLLECTION_WORDS = frozenset({"models", "llms"})


def names_models(name: str) -> bool:
    """A name whose words say it holds the models (``_OPENAI_MODELS_ACTIVE``), not one model."""
    return bool(_COLLECTION_WORDS.intersection(key_words(name)))


def spread_dict(ix: ModuleIndex, expr: ast.expr) -> ast.Dict | None:
    """The dict literal a ``**NAME`` spread unpacks: NAME bound once at module level, in this
    module or in the project module it is imported from."""
    if not isinstance(expr, ast.Name):
        return None
    owner = ix
    bindings = ix.module.bindings.get(expr.id)
    if expr.id in ix.import_from or expr.id in ix.import_module:
        found = ix.imported(expr.id)
        if found is None:
            return None
        owner, orig = found
        bindings = owner.module.bindings.get(orig) if orig is not None else None
    if not bindings or len(bindings) != 1:
        return None
    value = bindings[0].value
    return value if isinstance(value, ast.Dict) else None


def model_keys(ix: ModuleIndex, table: ast.Dict, *, spreads: bool) -> list[tuple[str, int]]:
    """The string keys of ``table`` at their lines; with ``spreads``, the keys of each dict it
    spreads (``**OTHER``, one level) at the spread's line."""
    out: list[tuple[str, int]] = []
    for k, v in zip(table.keys, table.values, strict=False):
        if isinstance(k, ast.Constant) and isinstance(k.value, str):
            out.append((k.value, k.lineno))
        elif k is None and spreads:
            inner = spread_dict(ix, v)
            if inner is not None:
                out.extend(
                    (ik.value, v.lineno)
                    for ik in inner.keys
                    if isinstance(ik, ast.Constant) and isinstance(ik.value, str)
                )
    return out


def wrapped_dict(value: ast.expr) -> ast.Dict | None:
    """A dict literal as a provider's entry: itself, or the one argument of a call that
    transforms it (``_mark_subscription({"grok-4": {...}})``)."""
    if isinstance(value, ast.Dict):
        return value
    if (
        isinstance(value, ast.Call)
        and len(value.args) == 1
        and not value.keywords
        and isinstance(value.args[0], ast.Dict)
    ):
        return value.args[0]
    return None


def is_metadata_table(table: ast.Dict) -> bool:
    """Every entry a record (dict) or a spread: ``{"gpt-4o": {...}, **OLDER}``."""
    records = [v for k, v in zip(table.keys, table.values, strict=False) if k is not None]
    return bool(table.keys) and all(isinstance(v, ast.Dict) for v in records)
