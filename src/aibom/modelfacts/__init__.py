"""Model facts: what a model directory or a Hugging Face cache snapshot says about itself.

Owns reading ``config.json``, model-card front matter, tokenizer and chat-template
files, ``adapter_config.json``, weight headers (through :mod:`aibom.weights`) and
the offline HF-cache listing, into :class:`~aibom.inventory.LocalModelFacts`.

Sits below both scanners and lineage. May import: the standard library,
:mod:`aibom.filereader`, :mod:`aibom.inventory`, :mod:`aibom.walk`,
:mod:`aibom.yamlio`, :mod:`aibom.weights`. Never scanners, lineage, bom or above.

The names below are imported on first use: a scan that only asks where the HF cache is
(``hf_cache.default_hf_cache_dir``, on every cached scan) does not load the readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aibom.modelfacts.directory import (
        declared_framework,
        parse_front_matter,
        read_model_directory,
        read_model_facts,
    )
    from aibom.modelfacts.hf_cache import (
        CachedSnapshot,
        list_cached_models,
        read_snapshot_facts,
    )

_HOME = {
    "CachedSnapshot": "hf_cache",
    "declared_framework": "directory",
    "list_cached_models": "hf_cache",
    "parse_front_matter": "directory",
    "read_model_directory": "directory",
    "read_model_facts": "directory",
    "read_snapshot_facts": "hf_cache",
}

__all__ = [
    "CachedSnapshot",
    "declared_framework",
    "list_cached_models",
    "parse_front_matter",
    "read_model_directory",
    "read_model_facts",
    "read_snapshot_facts",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
