"""Model facts: what a model directory or a Hugging Face cache snapshot says about itself.

Owns reading ``config.json``, model-card front matter, tokenizer and chat-template
files, ``adapter_config.json``, weight headers (through :mod:`aibom.weights`) and
the offline HF-cache listing, into :class:`~aibom.inventory.LocalModelFacts`.

Sits below both scanners and lineage. May import: the standard library,
:mod:`aibom.filereader`, :mod:`aibom.inventory`, :mod:`aibom.walk`,
:mod:`aibom.yamlio`, :mod:`aibom.weights`. Never scanners, lineage, bom or above.
"""

from __future__ import annotations

from aibom.modelfacts.directory import (
    declared_framework,
    parse_front_matter,
    read_model_directory,
    read_model_facts,
)
from aibom.modelfacts.hf_cache import CachedSnapshot, list_cached_models, read_snapshot_facts

__all__ = [
    "CachedSnapshot",
    "declared_framework",
    "list_cached_models",
    "parse_front_matter",
    "read_model_directory",
    "read_model_facts",
    "read_snapshot_facts",
]
