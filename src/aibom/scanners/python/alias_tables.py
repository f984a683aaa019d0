"""Model alias tables: ``_GEMINI_MODEL_ALIASES = {"nano-banana": "gemini-2.5-flash-image", ...}``,
and short-name -> hub id tables (``{"paraformer-zh": "iic/speech_seaco_paraformer_...", ...}``).

A dict named as aliases of models maps the short names users type to the real model ids the
program sends; the real ids are the values. The catalog rule reads a dict's keys when they
look like models (aliases often do: ``nano-banana``), so the values are read here as well.
"""

from __future__ import annotations

import ast
import re

from aibom.knowledge.classify import is_model_org, parse_hub_id

# MODEL_ALIASES, _QWEN_MODEL_ALIASES, model_alias_map
_ALIAS_NAME = re.compile(r"(?i)(model|llm)s?_?alias")


def alias_targets(name: str, value: ast.expr | None) -> list[ast.expr]:
    """The values of a model alias table (each a string literal), or nothing."""
    if not _ALIAS_NAME.search(name) or not isinstance(value, ast.Dict) or not value.values:
        return []
    if not all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in value.values):
        return []
    return list(value.values)


MIN_HUB_MAP = 3  # entries of a short-name -> hub id table
_NOT_HUB_MAP_NAME = re.compile(r"(?i)data|corpus|space|dataset")


def hub_id_map_values(name: str, value: ast.expr | None) -> list[tuple[str, int]]:
    """``name_maps = {"paraformer": "iic/speech_paraformer-large_...", ...}``: the hub ids.

    A table from the short names users type to hub repo ids (whatever the table is called)
    is a catalog of the ids: at least ``MIN_HUB_MAP`` string entries, nearly all values hub
    ids and most keys not, and at least half of the values' organisations known to publish
    models (``model_orgs``; a table of dataset ids has other organisations). The keys are the
    product's own names and are not reported here.
    """
    if _NOT_HUB_MAP_NAME.search(name) or not isinstance(value, ast.Dict):
        return []
    if len(value.values) < MIN_HUB_MAP:
        return []
    entries: list[tuple[str, str, int]] = []
    for k, v in zip(value.keys, value.values, strict=False):
        if not (
            isinstance(k, ast.Constant)
            and isinstance(k.value, str)
            and isinstance(v, ast.Constant)
            and isinstance(v.value, str)
        ):
            return []
        entries.append((k.value.strip(), v.value.strip(), v.lineno))
    hubs = [(val, line) for _, val, line in entries if parse_hub_id(val) is not None]
    keyed = sum(1 for key, _, _ in entries if parse_hub_id(key) is not None)
    if len(hubs) * 5 < len(entries) * 4 or keyed * 2 >= len(entries):
        return []
    orgs = {val.split("/", 1)[0].lower() for val, _ in hubs}
    if sum(1 for org in orgs if is_model_org(org)) * 2 < len(orgs):
        return []
    return hubs
