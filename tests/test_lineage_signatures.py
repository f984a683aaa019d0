"""Release and size of an undeclared checkpoint from its dimensions (data/signatures.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from aibom.inventory import Inventory, LocalModelFacts, Model, ModelKind
from aibom.lineage.knowledge import KnowledgeBaseError
from aibom.lineage.resolve import resolve_lineage
from aibom.lineage.signatures import config_dims, load_signatures, matching, signatures
from aibom.lineage.types import Lineage

CHATML = "{% for m in messages %}{{'<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>'}}{% endfor %}"


def _resolve(config: dict[str, Any], chat_template: str | None = None) -> Lineage:
    model = Model(
        name="models/ft",
        kind=ModelKind.LOCAL,
        facts=LocalModelFacts(config=config, chat_template=chat_template),
    )
    inv = Inventory()
    inv.models[model.key] = model
    result, _ = resolve_lineage(inv, hf_cache=False)
    return result[model.key]


def test_every_row_names_a_known_release_a_source_and_how_it_was_checked() -> None:
    rows = signatures()
    assert len(rows) >= 40
    assert all(r.source and "hidden_size" in dict(r.dims) for r in rows)
    assert {r.verified for r in rows} <= {"secondary", "partial", "false"}
    # most rows were re-read in a copy of the official config.json, not recalled
    assert sum(r.verified == "secondary" for r in rows) >= 45


_SOURCES = "schema: 1\nsources: {s: a copy}\n"


def test_loader_rejects_bad_rows() -> None:
    with pytest.raises(KnowledgeBaseError, match="unknown release"):
        load_signatures(_SOURCES + "signatures: {qwen9: []}\n")
    with pytest.raises(KnowledgeBaseError, match="positive integer"):
        load_signatures(_SOURCES + "signatures: {qwen2_5: [{repo: a/b, source: s}]}\n")
    row = "{repo: a/b, hidden_size: 1, num_hidden_layers: 1"
    with pytest.raises(KnowledgeBaseError, match="source must be one of"):
        load_signatures(
            _SOURCES + f"signatures: {{qwen2_5: [{row}, source: x, verified: false}}]}}\n"
        )
    with pytest.raises(KnowledgeBaseError, match="verified must be"):
        load_signatures(
            _SOURCES + f"signatures: {{qwen2_5: [{row}, source: s, verified: yes}}]}}\n"
        )
    with pytest.raises(KnowledgeBaseError, match="sources must map"):
        load_signatures("schema: 1\nsignatures: {}\n")


def test_llama1_and_llama2_sizes_are_not_told_apart_by_dimensions() -> None:
    # early Llama-2 configs carried LLaMA-1's max_position_embeddings (2048): no row may use it
    dims = {
        "hidden_size": 4096,
        "num_hidden_layers": 32,
        "intermediate_size": 11008,
        "vocab_size": 32000,
        "max_position_embeddings": 2048,
    }
    assert sorted(r.repo for r in matching(dims, {"llama1", "llama2"})) == [
        "huggyllama/llama-7b",
        "meta-llama/Llama-2-7b-hf",
    ]


def test_phi4_mini_and_phi35_mini_are_not_phi3_mini() -> None:
    base = {"hidden_size": 3072, "num_hidden_layers": 32, "intermediate_size": 8192}
    phi4_mini = {**base, "num_attention_heads": 24, "num_key_value_heads": 8, "vocab_size": 200064}
    assert [
        r.repo for r in matching({**phi4_mini, "max_position_embeddings": 131072}, {"phi"})
    ] == ["microsoft/Phi-4-mini-instruct"]
    phi35 = {
        **base,
        "num_key_value_heads": 32,
        "vocab_size": 32064,
        "max_position_embeddings": 131072,
    }
    assert sorted(r.repo for r in matching(phi35, {"phi"})) == [
        "microsoft/Phi-3-mini-128k-instruct",
        "microsoft/Phi-3.5-mini-instruct",
    ]  # alike: no specific ancestor from dimensions alone


def test_config_dims_reads_moe_and_text_config() -> None:
    assert config_dims({"text_config": {"hidden_size": 8, "num_hidden_layers": 2}}) == {
        "hidden_size": 8,
        "num_hidden_layers": 2,
    }
    assert (
        config_dims({"hidden_size": 1, "num_hidden_layers": 1, "num_experts": 64})[
            "num_local_experts"
        ]
        == 64
    )


def test_mixtral_is_not_mistral_7b() -> None:
    dims = {"hidden_size": 4096, "num_hidden_layers": 32, "intermediate_size": 14336}
    assert [
        r.repo for r in matching({**dims, "num_local_experts": 8, "vocab_size": 32000}, {"mistral"})
    ] == ["mistralai/Mixtral-8x7B-v0.1"]
    assert [r.repo for r in matching({**dims, "vocab_size": 32768}, {"mistral"})] == [
        "mistralai/Mistral-7B-v0.3"
    ]


def test_a_14b_qwen15_finetune_is_not_qwen25_7b() -> None:
    lin = _resolve(
        {
            "architectures": ["Qwen2ForCausalLM"],
            "model_type": "qwen2",
            "vocab_size": 152064,
            "hidden_size": 5120,
            "num_hidden_layers": 40,
            "intermediate_size": 13696,
        },
        CHATML,
    )
    assert (lin.family, lin.release) == ("qwen", "qwen1_5")
    assert [a.name for a in lin.ancestors] == ["Qwen/Qwen1.5-14B"]
    assert lin.ancestors[0].license == "tongyi-qianwen"


def test_qwen_7b_dimensions_alone_do_not_pick_qwen2_or_qwen25() -> None:
    lin = _resolve(
        {
            "architectures": ["Qwen2ForCausalLM"],
            "model_type": "qwen2",
            "vocab_size": 152064,
            "hidden_size": 3584,
            "num_hidden_layers": 28,
            "intermediate_size": 18944,
        },
        CHATML,
    )
    # Qwen2-7B and Qwen2.5-7B have the same dimensions and a plain ChatML template names neither
    assert lin.family == "qwen"
    assert lin.ancestors == []
    assert lin.confidence != "high"
    assert any("Qwen/Qwen2-7B, Qwen/Qwen2.5-7B alike" in e for e in lin.evidence)


def test_a_release_marker_breaks_the_tie() -> None:
    qwen25 = (
        "{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful"
        " assistant.<|im_end|>\\n' }}"
    )
    lin = _resolve(
        {
            "architectures": ["Qwen2ForCausalLM"],
            "model_type": "qwen2",
            "hidden_size": 3584,
            "num_hidden_layers": 28,
            "intermediate_size": 18944,
        },
        qwen25,
    )
    assert (lin.release, [a.name for a in lin.ancestors]) == ("qwen2_5", ["Qwen/Qwen2.5-7B"])


def test_dimensions_of_no_official_size_name_no_specific_ancestor() -> None:
    lin = _resolve(
        {
            "architectures": ["Phi3ForCausalLM"],
            "model_type": "phi3",
            "hidden_size": 1234,
            "num_hidden_layers": 7,
        }
    )
    assert lin.family == "phi"
    assert lin.ancestors == []
    assert lin.confidence != "high"
    assert any("no specific ancestor" in e for e in lin.evidence)


def test_phi3_mini_is_not_phi4() -> None:
    lin = _resolve(
        {
            "architectures": ["Phi3ForCausalLM"],
            "model_type": "phi3",
            "hidden_size": 3072,
            "num_hidden_layers": 32,
            "intermediate_size": 8192,
            "max_position_embeddings": 4096,
        }
    )
    assert [a.name for a in lin.ancestors] == ["microsoft/Phi-3-mini-4k-instruct"]


def test_a_model_type_newer_than_the_knowledge_base_names_no_older_release() -> None:
    lin = _resolve(
        {
            "model_type": "deepseek_v9",
            "architectures": ["DeepseekV3ForCausalLM"],
            "vocab_size": 129280,
        }
    )
    assert lin.family == "deepseek"
    assert lin.ancestors == []
    assert any("'deepseek_v9' is no known deepseek release" in e for e in lin.evidence)


def test_a_small_qwen15_size_carries_the_research_licence() -> None:
    lin = _resolve(
        {
            "architectures": ["Qwen2ForCausalLM"],
            "model_type": "qwen2",
            "vocab_size": 151936,
            "hidden_size": 1024,
            "num_hidden_layers": 24,
            "intermediate_size": 2816,
        },
        CHATML,
    )
    assert [a.name for a in lin.ancestors] == ["Qwen/Qwen1.5-0.5B"]
    assert lin.ancestors[0].license == "tongyi-qianwen-research"


def test_dimensions_two_releases_share_give_no_licence() -> None:
    # a LLaMA-1 7B and an early Llama-2 7B config are the same: neither licence is claimed
    lin = _resolve(
        {
            "architectures": ["LlamaForCausalLM"],
            "model_type": "llama",
            "vocab_size": 32000,
            "hidden_size": 4096,
            "num_hidden_layers": 32,
            "intermediate_size": 11008,
            "max_position_embeddings": 2048,
        }
    )
    assert lin.family == "llama" and lin.ancestors == []
    assert lin.licenses_inherited == []
    assert any("release uncertain" in e and "LLaMA (1)" in e for e in lin.evidence)
