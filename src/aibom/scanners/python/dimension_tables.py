"""Embedding dimension tables that gate a class's model: ``OPENAI_MODEL_DIM_MAP[model]``.

An embedding class must know the vector size of its model to create the vector index, so many
keep a module-level table from model name to dimension (``{"text-embedding-3-small": 1536,
...}``) and read it with an unguarded subscript by the model they were given
(``self.dim = OPENAI_MODEL_DIM_MAP[model]``, ``return VOYAGE_MODEL_DIM_MAP[self.model]``):
any other model fails with ``KeyError``, so the table is the set of embedding models the
class accepts, a catalog. A table only read with ``.get(model, default)`` (any model works,
the table only fills in a size), indexed by something else, or never read at all is a
capability lookup and is left alone, like token-limit and price tables.
"""

from __future__ import annotations

import ast
import re

MIN_ENTRIES = 2
# a table named for models and their dimension: OPENAI_MODEL_DIM_MAP, EMBEDDING_MODEL_DIMENSIONS
_DIM_TABLE = re.compile(r"(?i)(model|embed).*dim|dim.*(model|embed)")
# the index a class reads the table with: its model (model, model_name, self.model, self._model_id)
_MODEL_INDEX = re.compile(r"(?i)^_?(embedding_|embed_)?model(_name|_id)?$")


def dimension_table(name: str, value: ast.expr | None) -> bool:
    """``name = {key: int, ...}``: a model -> dimension table (not yet known to gate anything)."""
    return (
        isinstance(value, ast.Dict)
        and len(value.keys) >= MIN_ENTRIES
        and bool(_DIM_TABLE.search(name))
        and all(k is not None for k in value.keys)
        and all(
            isinstance(v, ast.Constant)
            and isinstance(v.value, int)
            and not isinstance(v.value, bool)
            for v in value.values
        )
    )


def _model_index(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return bool(_MODEL_INDEX.match(node.id))
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id == "self" and bool(_MODEL_INDEX.match(node.attr))
    return False


def gating_tables(tree: ast.Module) -> frozenset[str]:
    """Names of the module tables read by an unguarded subscript with the model
    (``TABLE[model]``, ``TABLE[self.model]``) and never with ``TABLE.get(...)``.
    Walks the tree: ask only when a :func:`dimension_table` qualifies."""
    indexed: set[str] = set()
    fallback: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and isinstance(node.value, ast.Name)
            and _model_index(node.slice)
        ):
            indexed.add(node.value.id)
        elif (
            isinstance(node, ast.Attribute)
            and node.attr == "get"
            and isinstance(node.value, ast.Name)
        ):
            fallback.add(node.value.id)
    return frozenset(indexed - fallback)
