"""Ollama tags: a library model only when the Ollama library (knowledge/data) has that name."""

from __future__ import annotations

import pytest

from aibom.inventory import Inventory, Model, ModelKind
from aibom.knowledge.tables import ollama_library
from aibom.lineage.knowledge import (
    KnowledgeBaseError,
    get_family,
    load_repackaging,
    strip_quant_suffixes,
)
from aibom.lineage.naming import strip_repackaging
from aibom.lineage.resolve import resolve_lineage
from aibom.lineage.types import Lineage


def _resolve(tag: str) -> Lineage:
    model = Model(name=tag, kind=ModelKind.OLLAMA)
    inv = Inventory()
    inv.models[model.key] = model
    result, _ = resolve_lineage(inv, hf_cache=False)
    return result[model.key]


def test_minimax_ollama_pattern_agrees_with_the_library() -> None:
    fam = get_family("minimax")
    assert fam is not None
    library_minimax = sorted(n for n in ollama_library() if n.startswith("minimax"))
    assert library_minimax == ["minimax-m2"]
    assert all(any(p.search(n) for p in fam.ollama_patterns) for n in library_minimax)
    assert not any(p.search("minimax") for p in fam.ollama_patterns)


def test_a_library_tag_is_declared_and_a_tag_the_library_lacks_is_not() -> None:
    m2 = _resolve("minimax-m2:latest")
    assert (m2.family, m2.source, m2.confidence) == ("minimax", "declared", "high")
    bare = _resolve("minimax:latest")  # no such library model: a local tag that says MiniMax
    assert bare.source != "declared" and bare.confidence != "high"
    assert not any("Ollama library" in e for e in bare.evidence)


def test_repackaging_suffixes_are_one_table() -> None:
    assert strip_quant_suffixes("DeepSeek-R1-Distill-Qwen-7B-Q4_K_M-GGUF") == (
        "DeepSeek-R1-Distill-Qwen-7B"
    )
    assert strip_repackaging("Llama-2-7B-bf16-sharded") == "Llama-2-7B"
    assert strip_repackaging("Qwen2.5-3B-Instruct-unsloth-bnb-4bit") == "Qwen2.5-3B-Instruct"
    with pytest.raises(KnowledgeBaseError, match="suffixes"):
        load_repackaging("schema: 1\nsuffixes: []\nmarkers: [gguf]\n")
