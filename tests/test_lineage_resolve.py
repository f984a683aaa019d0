"""The resolver: declared sources, transitive chains, conflicts, guards, and ``aibom lineage TARGET`` inputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aibom.app import lineage_of_target
from aibom.inventory import (
    Inventory,
    LocalModelFacts,
    Location,
    ModelFinding,
    ModelKind,
    WeightFile,
)
from aibom.lineage.resolve import resolve_lineage, resolve_one, resolve_target
from aibom.lineage.types import Lineage

QWEN_CFG = {"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"], "vocab_size": 152064}
QWEN25_TMPL = "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>"
LLAMA3_CFG = {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "vocab_size": 128256}


def local(name: str, **facts: Any) -> ModelFinding:
    return ModelFinding(
        name, ModelKind.LOCAL, Location(f"{name}/README.md", 1), facts=LocalModelFacts(**facts)
    )


def resolve(*findings: ModelFinding) -> tuple[dict[str, Lineage], Inventory]:
    inv = Inventory()
    inv.extend(findings)
    result, diags = resolve_lineage(inv, hf_cache=False)
    inv.extend(diags)
    return result, inv


def chain(lin: Lineage) -> list[tuple[str, str, str, int]]:
    return [(a.name, a.relation, a.source, a.depth) for a in lin.ancestors]


# ------------------------------------------------------------------ declared sources


def test_card_base_model_string() -> None:
    result, _ = resolve(
        local("models/ft", card={"base_model": "Qwen/Qwen2.5-7B-Instruct", "license": "apache-2.0"})
    )
    lin = result["local:models/ft@"]
    assert (lin.release, lin.release_name, lin.country, lin.source, lin.confidence) == (
        "qwen2_5",
        "Qwen2.5",
        "CN",
        "declared",
        "high",
    )
    assert lin.developer == "Alibaba Cloud (Qwen team)"
    assert chain(lin) == [
        ("Qwen/Qwen2.5-7B-Instruct", "finetune", "declared", 1),
        ("Qwen/Qwen2.5-7B", "finetune", "inferred", 2),
    ]
    assert lin.ancestors[0].purl == "pkg:huggingface/Qwen/Qwen2.5-7B-Instruct"
    assert lin.relation == "finetune"
    assert lin.license_declared == "Apache-2.0"
    assert lin.licenses_inherited == ["Apache-2.0"]
    assert lin.evidence[0] == "model card: base_model Qwen/Qwen2.5-7B-Instruct"


def test_card_base_model_list_is_a_merge() -> None:
    result, _ = resolve(
        local(
            "models/merge",
            card={"base_model": ["meta-llama/Llama-3.1-8B-Instruct", "someone/llama-3.1-8b-rp"]},
            config=LLAMA3_CFG,
        )
    )
    lin = result["local:models/merge@"]
    assert lin.relation == "merge"
    assert [(a.name, a.relation, a.depth) for a in lin.ancestors if a.depth == 1] == [
        ("meta-llama/Llama-3.1-8B-Instruct", "merge", 1),
        ("someone/llama-3.1-8b-rp", "merge", 1),
    ]
    assert (lin.release, lin.country, lin.license_declared) == ("llama3", "US", None)
    assert "llama3.1" in lin.licenses_inherited


def test_card_base_model_relation() -> None:
    result, _ = resolve(
        local("models/q", card={"base_model": "Qwen/Qwen3-8B", "base_model_relation": "quantized"})
    )
    lin = result["local:models/q@"]
    assert chain(lin) == [("Qwen/Qwen3-8B", "quantized", "declared", 1)]
    assert (lin.release, lin.relation) == ("qwen3", "quantized")


def test_peft_adapter() -> None:
    result, _ = resolve(
        local(
            "adapters/lora",
            adapter_config={
                "base_model_name_or_path": "google/gemma-2-9b-it",
                "peft_type": "LORA",
                "r": 8,
            },
        )
    )
    lin = result["local:adapters/lora@"]
    assert (lin.release, lin.relation, lin.tune_method, lin.country) == (
        "gemma",
        "adapter",
        "lora",
        "US",
    )
    assert chain(lin)[0] == ("google/gemma-2-9b-it", "adapter", "declared", 1)
    assert (
        lin.evidence[0]
        == "adapter_config.json: base_model_name_or_path google/gemma-2-9b-it (peft_type LORA)"
    )
    assert lin.licenses_inherited == ["LicenseRef-gemma"] or lin.licenses_inherited == ["gemma"]


def test_gguf_base_model() -> None:
    gguf = {
        "general.architecture": "qwen2",
        "general.name": "Support Bot 7B",
        "general.base_model.count": 1,
        "general.base_model.0.repo_url": "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct",
        "tokenizer.ggml.pre": "qwen2",
    }
    result, _ = resolve(local("models/bot.Q4_K_M.gguf", gguf=gguf))
    lin = result["local:models/bot.Q4_K_M.gguf@"]
    assert chain(lin)[0] == ("Qwen/Qwen2.5-7B-Instruct", "quantized", "declared", 1)
    assert (
        lin.evidence[0]
        == "GGUF general.base_model.0.repo_url https://huggingface.co/Qwen/Qwen2.5-7B-Instruct"
    )
    assert (lin.release, lin.confidence) == ("qwen2_5", "high")


def test_gguf_source_repo_then_its_bases() -> None:
    gguf = {
        "general.architecture": "llama",
        "general.source.repo_url": "https://huggingface.co/acme/helper-8b",
        "general.base_model.count": 1,
        "general.base_model.0.repo_url": "https://huggingface.co/meta-llama/Llama-3.1-8B",
    }
    result, _ = resolve(local("models/helper.gguf", gguf=gguf))
    lin = result["local:models/helper.gguf@"]
    assert chain(lin)[0] == ("acme/helper-8b", "quantized", "declared", 1)
    assert lin.release == "llama3"  # from the source repo's name, not its (unknown) card


def test_config_name_or_path_is_weak() -> None:
    result, _ = resolve(
        local("models/a", config={**QWEN_CFG, "_name_or_path": "Qwen/Qwen2-7B-Instruct"})
    )
    lin = result["local:models/a@"]
    assert chain(lin)[0] == ("Qwen/Qwen2-7B-Instruct", "finetune", "declared", 1)
    assert "weak" in lin.evidence[0]
    assert lin.release == "qwen2"
    # a local absolute path says nothing
    result, _ = resolve(
        local("models/b", config={**QWEN_CFG, "_name_or_path": "/home/me/ckpt/run-3"})
    )
    assert result["local:models/b@"].ancestors[0].source == "inferred"
    # a stronger declaration wins over _name_or_path
    result, _ = resolve(
        local(
            "models/c",
            card={"base_model": "Qwen/Qwen2.5-7B"},
            config={**QWEN_CFG, "_name_or_path": "Qwen/Qwen2-7B"},
        )
    )
    assert [a.name for a in result["local:models/c@"].ancestors] == ["Qwen/Qwen2.5-7B"]


def test_safetensors_metadata() -> None:
    wf = WeightFile(
        "models/m/model.safetensors",
        "safetensors",
        10,
        metadata={"__metadata__": {"format": "pt", "base_model": "meta-llama/Llama-3.2-3B"}},
    )
    result, _ = resolve(local("models/m", weights=[wf]))
    lin = result["local:models/m@"]
    assert chain(lin) == [("meta-llama/Llama-3.2-3B", "finetune", "declared", 1)]
    assert lin.licenses_inherited == ["LicenseRef-llama3.2"] or lin.licenses_inherited == [
        "llama3.2"
    ]


def test_call_site_base() -> None:
    inv = Inventory()
    inv.add(
        ModelFinding(
            "acme/lora-x",
            ModelKind.HUB,
            Location("app.py", 4),
            relation_hint="adapter",
            base="mistralai/Mistral-7B-v0.1",
        )
    )
    result, _ = resolve_lineage(inv, hf_cache=False)
    lin = result["hub:acme/lora-x@"]
    assert chain(lin) == [("mistralai/Mistral-7B-v0.1", "adapter", "declared", 1)]
    assert (lin.release, lin.country, lin.relation) == ("mistral", "FR", "adapter")


def test_official_hub_id_and_kb_release_bases() -> None:
    inv = Inventory()
    for name in (
        "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
        "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
        "meta-llama/Llama-3.1-8B",
    ):
        inv.add(ModelFinding(name, ModelKind.HUB, Location("app.py", 1)))
    result, _ = resolve_lineage(inv, hf_cache=False)
    qwen = result["hub:deepseek-ai/deepseek-r1-distill-qwen-7b@"]
    assert (qwen.release, qwen.releases, qwen.countries) == (
        "deepseek_r1",
        ["deepseek_r1", "qwen2_5"],
        ["CN"],
    )
    assert chain(qwen) == [
        ("Qwen/Qwen2.5-Math-7B", "finetune", "declared", 1),
        ("deepseek-ai/DeepSeek-R1", "distillation", "declared", 1),
    ]
    assert qwen.license_declared == "MIT"
    llama = result["hub:deepseek-ai/deepseek-r1-distill-llama-8b@"]
    assert (llama.release, llama.country, llama.releases, llama.countries) == (
        "deepseek_r1", "CN", ["deepseek_r1", "llama3"], ["CN", "US"],
    )  # fmt: skip
    assert "llama3.1" in llama.licenses_inherited  # the Llama licence travels with the distill
    base = result["hub:meta-llama/llama-3.1-8b@"]
    assert (base.release, base.source, base.confidence, base.ancestors) == (
        "llama3",
        "declared",
        "high",
        [],
    )


def test_r1_distill_finetune_undeclared() -> None:
    result, _ = resolve(
        local(
            "models/thinker",
            config=QWEN_CFG,
            tokenizer_config={"bos_token": {"content": "<｜begin▁of▁sentence｜>"}},
            chat_template="<｜User｜>{{q}}<｜Assistant｜><think>\n",
        )
    )
    lin = result["local:models/thinker@"]
    assert (lin.release, lin.source, lin.releases, lin.countries) == (
        "deepseek_r1",
        "inferred",
        ["deepseek_r1", "qwen2_5"],
        ["CN"],
    )
    assert [(a.name, a.relation, a.release) for a in lin.ancestors] == [
        ("deepseek-ai/DeepSeek-R1", "base", "deepseek_r1"),
        ("Qwen/Qwen2.5-7B", "base", "qwen2_5"),
    ]


# ------------------------------------------------------------------ conflicts, chains, guards


def test_card_contradicted_by_fingerprints() -> None:
    result, _ = resolve(
        local(
            "models/bot",
            card={"base_model": "mistralai/Mistral-7B-v0.1"},
            config=QWEN_CFG,
            tokenizer_config={"added_tokens_decoder": {"151644": {"content": "<|im_start|>"}}},
            chat_template=QWEN25_TMPL,
        )
    )
    lin = result["local:models/bot@"]
    assert len(lin.conflicts) == 1
    assert lin.conflicts[0].startswith(
        "declared lineage names Mistral (model card: base_model mistralai/Mistral-7B-v0.1), "
        "but the model's fingerprints point to Qwen2.5 (high confidence"
    )
    assert (lin.release, lin.country, lin.source, lin.confidence) == (
        "qwen2_5",
        "CN",
        "inferred",
        "medium",
    )
    assert lin.releases == ["mistral", "qwen2_5"] and lin.countries == ["CN", "FR"]
    assert [(a.name, a.depth, a.child) for a in lin.ancestors] == [
        ("mistralai/Mistral-7B-v0.1", 1, None),
        ("Qwen/Qwen2.5-7B", 1, None),
    ]


def test_agreeing_card_has_no_conflict() -> None:
    result, _ = resolve(
        local(
            "models/ok",
            card={"base_model": "Qwen/Qwen2.5-7B"},
            config=QWEN_CFG,
            chat_template=QWEN25_TMPL,
        )
    )
    lin = result["local:models/ok@"]
    assert lin.conflicts == [] and lin.confidence == "high"


def test_three_level_chain_through_the_inventory() -> None:
    """A GGUF quantization of a local fine-tune of an official base: nearest first."""
    quant = local(
        "models/bot-gguf",
        card={"base_model": "./bot-ft", "base_model_relation": "quantized"},
        gguf={"general.architecture": "qwen2"},
    )
    ft = local("models/bot-ft", card={"base_model": "acme/qwen-sft"}, config=QWEN_CFG)
    sft = ModelFinding(
        "acme/qwen-sft",
        ModelKind.CACHE,
        Location("/hf/models--acme--qwen-sft/snapshots/x"),
        revision="d" * 40,
        facts=LocalModelFacts(
            card={"base_model": "Qwen/Qwen2.5-7B-Instruct", "license": "apache-2.0"},
            config=QWEN_CFG,
        ),
    )
    result, _ = resolve(quant, ft, sft)
    lin = result["local:models/bot-gguf@"]
    assert chain(lin) == [
        ("models/bot-ft", "quantized", "declared", 1),
        ("acme/qwen-sft", "finetune", "declared", 2),
        ("Qwen/Qwen2.5-7B-Instruct", "finetune", "declared", 3),
        ("Qwen/Qwen2.5-7B", "finetune", "inferred", 4),
    ]
    assert [a.child for a in lin.ancestors] == [
        None,
        "models/bot-ft",
        "acme/qwen-sft",
        "Qwen/Qwen2.5-7B-Instruct",
    ]
    assert (
        lin.ancestors[0].purl is None and lin.ancestors[1].purl == "pkg:huggingface/acme/qwen-sft"
    )
    assert (lin.release, lin.country, lin.relation) == ("qwen2_5", "CN", "quantized")
    # each model of the chain has its own lineage too
    assert [a.name for a in result["local:models/bot-ft@"].ancestors][:2] == [
        "acme/qwen-sft",
        "Qwen/Qwen2.5-7B-Instruct",
    ]


def test_cycle_is_cut() -> None:
    a = local("models/a", card={"base_model": "./b"}, config=QWEN_CFG)
    b = local("models/b", card={"base_model": "./a"}, config=QWEN_CFG)
    result, inv = resolve(a, b)
    assert [x.name for x in result["local:models/a@"].ancestors][:1] == ["models/b"]
    assert any(d.code == "lineage-cycle" for d in inv.diagnostics)


def test_depth_is_limited() -> None:
    findings = [local(f"m/{i}", card={"base_model": f"./{i + 1}"}) for i in range(14)]
    result, inv = resolve(*findings)
    lin = result["local:m/0@"]
    assert max(a.depth for a in lin.ancestors) == 10
    assert any(d.code == "lineage-depth" for d in inv.diagnostics)


def test_hostile_card_values_do_not_crash() -> None:
    result, _ = resolve(
        local(
            "models/x",
            card={
                "base_model": [{"a": 1}, 5, None],
                "base_model_relation": ["x"],
                "license": {"k": "v"},
            },
        ),
        local("models/y", card={"base_model": "x" * 5000}),
        local(
            "models/z", gguf={"general.base_model.count": 10**9, "general.base_model.0.repo_url": 5}
        ),
        local("models/w", adapter_config={"base_model_name_or_path": ["a"], "peft_type": 3}),
    )
    assert all(isinstance(lin, Lineage) for lin in result.values())
    assert result["local:models/x@"].ancestors == []


def test_unknown_model() -> None:
    inv = Inventory()
    inv.add(ModelFinding("acme/mystery", ModelKind.HUB, Location("app.py", 1)))
    result, _ = resolve_lineage(inv, hf_cache=False)
    assert result["hub:acme/mystery@"] == Lineage()


def test_ollama_tags() -> None:
    inv = Inventory()
    inv.add(ModelFinding("qwen2.5:7b", ModelKind.OLLAMA, Location("app.py", 1)))
    inv.add(ModelFinding("someone/custom-llama3:8b", ModelKind.OLLAMA, Location("app.py", 2)))
    inv.add(ModelFinding("my-model:latest", ModelKind.OLLAMA, Location("app.py", 3)))
    result, _ = resolve_lineage(inv, hf_cache=False)
    q = result["ollama:qwen2.5:7b@"]
    assert (q.release, q.source, q.confidence, q.relation) == (
        "qwen2_5",
        "declared",
        "high",
        "quantized",
    )
    u = result["ollama:someone/custom-llama3:8b@"]
    assert (u.release, u.source, u.confidence) == ("llama3", "inferred", "medium")
    assert result["ollama:my-model:latest@"].release is None


# ------------------------------------------------------------------ targets of `aibom lineage`


def test_resolve_one_directory_with_relative_base(tmp_path: Path) -> None:
    base = tmp_path / "base-model"
    base.mkdir()
    (base / "config.json").write_text(json.dumps(LLAMA3_CFG))
    (base / "README.md").write_text(
        "---\nbase_model: meta-llama/Llama-3.1-8B\nlicense: llama3.1\n---\n"
    )
    ft = tmp_path / "ft"
    ft.mkdir()
    (ft / "config.json").write_text(json.dumps(LLAMA3_CFG))
    (ft / "README.md").write_text(
        "---\nbase_model: ./base-model\nlicense: llama3.1\n---\n# my fine-tune\n"
    )
    lin = resolve_one(ft, hf_cache=False)
    assert [(a.name, a.depth) for a in lin.ancestors] == [
        ("base-model", 1),
        ("meta-llama/Llama-3.1-8B", 2),
    ]
    assert (lin.release, lin.country, lin.license_declared) == ("llama3", "US", "llama3.1")
    assert lin.ancestors[0].license == "llama3.1"


def test_resolve_one_gguf_file(tmp_path: Path) -> None:
    import gguf
    import numpy as np

    path = tmp_path / "bot.Q4_K_M.gguf"
    w = gguf.GGUFWriter(str(path), "qwen2")
    w.add_string("general.name", "Support Bot 7B")
    w.add_uint32("general.base_model.count", 1)
    w.add_string("general.base_model.0.repo_url", "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct")
    w.add_string("tokenizer.ggml.pre", "qwen2")
    w.add_tensor("x", np.zeros((4,), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    lin = resolve_one(path, hf_cache=False)
    assert (lin.release, lin.relation) == ("qwen2_5", "quantized")
    assert lin.ancestors[0].name == "Qwen/Qwen2.5-7B-Instruct"


def test_resolve_target_bom(tmp_path: Path) -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {
                "type": "machine-learning-model",
                "name": "Qwen/Qwen3-8B",
                "purl": "pkg:huggingface/Qwen/Qwen3-8B",
            },
            {"type": "machine-learning-model", "name": "llama3.1:8b"},
            {"type": "library", "name": "torch", "purl": "pkg:pypi/torch@2.3.0"},
        ],
    }
    path = tmp_path / "bom.json"
    path.write_text(json.dumps(bom))
    result, _ = lineage_of_target(path, hf_cache=False)
    assert sorted(result) == ["Qwen/Qwen3-8B", "llama3.1:8b"]
    assert result["Qwen/Qwen3-8B"].release == "qwen3"
    assert result["llama3.1:8b"].release == "llama3"
    with pytest.raises(ValueError, match="a BOM"):  # one model per target; BOMs go through the app
        resolve_one(path, hf_cache=False)


def test_resolve_target_rejects_garbage(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        resolve_target("Not A Model!!", hf_cache=False)
    bad = tmp_path / "bom.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="not a readable JSON BOM"):
        lineage_of_target(bad, hf_cache=False)
    with pytest.raises(ValueError, match="a BOM"):  # the resolver itself never reads BOMs
        resolve_target(bad, hf_cache=False)


def test_resolve_target_missing_path() -> None:
    with pytest.raises(ValueError, match="no such file or directory"):
        resolve_target("./models/does-not-exist", hf_cache=False)
    with pytest.raises(ValueError, match="no such file or directory"):
        resolve_target("model.Q4_K_M.gguf", hf_cache=False)


def test_community_repackaging_of_a_known_release() -> None:
    """unsloth's GGUF of R1-Distill-Qwen: guessed source, then the KB bases; both families, medium."""
    inv = Inventory()
    inv.add(
        ModelFinding(
            "unsloth/DeepSeek-R1-Distill-Qwen-7B-GGUF", ModelKind.HUB, Location("app.py", 1)
        )
    )
    inv.add(ModelFinding("TheBloke/Llama-2-7B-Chat-GGUF", ModelKind.HUB, Location("app.py", 2)))
    result, _ = resolve_lineage(inv, hf_cache=False)
    lin = result["hub:unsloth/deepseek-r1-distill-qwen-7b-gguf@"]
    assert (lin.release, lin.source, lin.confidence, lin.relation) == (
        "deepseek_r1",
        "inferred",
        "medium",
        "quantized",
    )
    assert lin.releases == ["deepseek_r1", "qwen2_5"]
    assert chain(lin) == [
        ("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "quantized", "inferred", 1),
        ("Qwen/Qwen2.5-Math-7B", "finetune", "declared", 2),
        ("deepseek-ai/DeepSeek-R1", "distillation", "declared", 2),
    ]
    # a known quantiser's repo maps to the official repo it packages, spelled as meta-llama does
    llama2 = result["hub:thebloke/llama-2-7b-chat-gguf@"]
    assert [(a.name, a.relation, a.source) for a in llama2.ancestors] == [
        ("meta-llama/Llama-2-7b-chat", "quantized", "inferred"),
        ("meta-llama/Llama-2-7b", "finetune", "inferred"),
    ]
    assert llama2.ancestors[0].license == "llama2"
    assert (llama2.release, llama2.confidence) == ("llama2", "medium")


def test_ollama_library_tag_carries_its_upstream_licence_when_the_family_has_one() -> None:
    nomic = resolve_one("nomic-embed-text", hf_cache=False)
    assert (nomic.release, nomic.license_declared, nomic.licenses_inherited) == (
        "nomic",
        "Apache-2.0",
        ["Apache-2.0"],
    )
    # Qwen2.5 sizes differ in licence: the tag's size picks the release
    licences = {
        tag: resolve_one(tag, hf_cache=False).license_declared
        for tag in ("qwen2.5:7b", "qwen2.5:3b", "qwen2.5:72b-instruct-q4_K_M")
    }
    assert licences == {
        "qwen2.5:7b": "Apache-2.0",
        "qwen2.5:3b": "qwen-research",
        "qwen2.5:72b-instruct-q4_K_M": "qwen",
    }


def test_lineage_of_an_aibom_bom_is_the_lineage_it_recorded(tmp_path: Path) -> None:
    from conftest import scan_to_bom

    example = Path(__file__).resolve().parents[1] / "examples" / "rag-service"
    bom_path = tmp_path / "bom.json"
    bom_path.write_text(json.dumps(scan_to_bom(example)))
    result, diags = lineage_of_target(bom_path)
    assert diags == []
    lora = result["models/support-bot-lora"]
    assert (lora.release, lora.country, lora.source, lora.tune_method) == (
        "qwen2_5",
        "CN",
        "declared",
        "lora",
    )
    assert [(a.name, a.relation, a.depth, a.child, a.country) for a in lora.ancestors] == [
        ("Qwen/Qwen2.5-7B-Instruct", "adapter", 1, "models/support-bot-lora", "CN"),
        ("Qwen/Qwen2.5-7B", "finetune", 2, "Qwen/Qwen2.5-7B-Instruct", "CN"),
    ]


def test_lineage_of_a_third_party_bom_is_resolved_from_names(tmp_path: Path) -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [{"type": "machine-learning-model", "name": "Qwen/Qwen2.5-7B-Instruct"}],
    }
    path = tmp_path / "other.json"
    path.write_text(json.dumps(bom))
    result, _ = lineage_of_target(path, hf_cache=False)
    assert result["Qwen/Qwen2.5-7B-Instruct"].release == "qwen2_5"
