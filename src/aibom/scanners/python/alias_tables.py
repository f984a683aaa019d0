"""Model alias tables: ``_GEMINI_MODEL_ALIASES = {"nano-banana": "gemini-2.5-flash-image", ...}``.

A dict named as aliases of models maps the short names users type to the real model ids the
program sends; the real ids are the values. The catalog rule reads a dict's keys when they
look like models (aliases often do: ``nano-banana``), so the values are read here as well.
"""

from __future__ import annotations

import ast
import re

# MODEL_ALIASES, _QWEN_MODEL_ALIASES, model_alias_map
_ALIAS_NAME = re.compile(r"(?i)(model|llm)s?_?alias")


def alias_targets(name: str, value: ast.expr | None) -> list[ast.expr]:
    """The values of a model alias table (each a string literal), or nothing."""
    if not _ALIAS_NAME.search(name) or not isinstance(value, ast.Dict) or not value.values:
        return []
    if not all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in value.values):
        return []
    return list(value.values)
