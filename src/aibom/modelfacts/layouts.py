"""Model directories that are not plain transformers checkpoints.

A sentence-transformers model keeps its transformer in a module folder named by ``modules.json``
(``0_Transformer/`` in older layouts; ``""`` = the root in newer ones), beside pooling and dense
modules whose ``config.json`` has no ``model_type``. ModelScope downloads add a ``configuration.json``
(``framework``, ``task``). These helpers say where the transformer config is and whether a folder is
a model directory; only :func:`is_module_folder` looks at the file system (one ``stat``).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

_TRANSFORMER_TYPES = ("sentence_transformers.models.Transformer", "models.Transformer")
# Files that make a folder a model directory even when its root config.json is no model config.
LAYOUT_MARKERS = frozenset({"modules.json", "sentence_bert_config.json", "configuration.json"})
_MODULE_FOLDER = re.compile(r"^\d+_")


def transformer_module_path(modules: Any) -> str | None:
    """The sub-folder holding the transformer of a sentence-transformers ``modules.json``.

    None when the transformer is the root itself, the file lists none, or the path leaves the
    model directory.
    """
    if not isinstance(modules, list):
        return None
    for module in modules[:64]:
        if not isinstance(module, dict):
            continue
        kind, path = module.get("type"), module.get("path")
        if not isinstance(kind, str) or not kind.endswith(_TRANSFORMER_TYPES):
            continue
        if not isinstance(path, str) or not path.strip():
            return None
        norm = posixpath.normpath(path.strip().replace("\\", "/"))
        if norm in (".", "") or norm.startswith(("..", "/")) or "/" in norm:
            return None
        return norm
    return None


def is_modelscope_config(config: Any) -> bool:
    """True for a ModelScope ``configuration.json`` (a ``framework`` and a ``task`` or ``model``)."""
    return (
        isinstance(config, dict)
        and isinstance(config.get("framework"), str)
        and ("task" in config or "model" in config)
    )


def is_module_folder(folder: Path) -> bool:
    """A module folder (``0_Transformer/``, ``1_Pooling/``) of a sentence-transformers model: its
    name is numbered and its parent holds ``modules.json``, so the model is the parent."""
    return bool(_MODULE_FOLDER.match(folder.name)) and (folder.parent / "modules.json").is_file()
