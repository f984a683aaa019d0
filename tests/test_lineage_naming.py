"""Real-world names of a base model (re-uploads, cache and ModelScope paths, local folders)."""

from __future__ import annotations

import pytest

from aibom.inventory import Inventory, LocalModelFacts, Model, ModelKind
from aibom.lineage.knowledge import KnowledgeBaseError
from aibom.lineage.naming import (
    hub_id_from_path,
    load_naming,
    strip_repackaging,
    upstream_of_reupload,
)
from aibom.lineage.resolve import resolve_lineage
from aibom.lineage.types import Lineage


@pytest.mark.parametrize(
    ("reupload", "official"),
    [
        ("unsloth/Qwen2.5-3B-Instruct-unsloth-bnb-4bit", "Qwen/Qwen2.5-3B-Instruct"),
        ("unsloth/qwen2.5-7b-instruct-unsloth-bnb-4bit", "Qwen/Qwen2.5-7B-Instruct"),
        ("unsloth/gemma-2-9b-it-bnb-4bit", "google/gemma-2-9b-it"),
        ("unsloth/llama-3-8b-bnb-4bit", "meta-llama/Meta-Llama-3-8B"),
        ("unsloth/llama-3.2-3b-instruct-bnb-4bit", "meta-llama/Llama-3.2-3B-Instruct"),
        ("NousResearch/Llama-2-7b-chat-hf", "meta-llama/Llama-2-7b-chat-hf"),
        ("bartowski/Mistral-7B-Instruct-v0.3-GGUF", "mistralai/Mistral-7B-Instruct-v0.3"),
        (
            "unsloth/deepseek-r1-distill-qwen-1.5b-unsloth-bnb-4bit",
            "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B",
        ),
    ],
)
def test_reuploads_map_to_the_official_repo(reupload: str, official: str) -> None:
    assert upstream_of_reupload(reupload) == official


def test_reupload_mapping_needs_a_known_reuploader_or_a_repackaging_suffix() -> None:
    # any organisation: an official name plus a repackaging suffix is a repackaging of it
    assert upstream_of_reupload("acme/Qwen2.5-7B-Instruct-GGUF") == "Qwen/Qwen2.5-7B-Instruct"
    assert (
        upstream_of_reupload("Hugofernandez/Mistral-7B-v0.1-colab-sharded")
        == "mistralai/Mistral-7B-v0.1"
    )
    # the bare official name under another organisation may be a fine-tune: not mapped
    assert upstream_of_reupload("acme/Qwen2.5-7B-Instruct") is None
    assert upstream_of_reupload("unsloth/totally-new-model") is None  # no family
    assert upstream_of_reupload("Qwen/Qwen2.5-7B") is None  # already official
    assert strip_repackaging("Qwen2.5-3B-Instruct-unsloth-bnb-4bit") == "Qwen2.5-3B-Instruct"


@pytest.mark.parametrize(
    ("path", "hub_id"),
    [
        ("/data/hf/hub/models--Qwen--Qwen3-8B/snapshots/0123abcd", "Qwen/Qwen3-8B"),
        ("/mnt/modelscope/01ai/Yi-1___5-34B-Chat", "01-ai/Yi-1.5-34B-Chat"),
        ("/root/model/Shanghai_AI_Laboratory/internlm-chat-7b", "internlm/internlm-chat-7b"),
        ("/root/autodl-tmp/models/glm-4-9b-chat", "THUDM/glm-4-9b-chat"),
        ("D:\\models\\Mistral-7B-v0.3", "mistralai/Mistral-7B-v0.3"),
        ("/content/chatglm2-6b/", "THUDM/chatglm2-6b"),
        ("models/Qwen2_5-1_5b-Instruct", "Qwen/Qwen2.5-1.5B-Instruct"),  # dots as underscores
    ],
)
def test_paths_that_name_an_official_repo(path: str, hub_id: str) -> None:
    got = hub_id_from_path(path)
    assert got is not None and got[0] == hub_id


@pytest.mark.parametrize(
    "path",
    [
        "../../Llama2-7b-chat/",  # not how meta-llama spells its repos
        "./glm_models",  # no size, no release
        "/home/nfs01/llama-hf/llama-7b-hf",  # LLaMA-1 was never an official hub repo
        "/srv/checkpoints/run-42",
        "/data/llama_3_8b",  # Llama 3, 8B - never read as "3.8b"
    ],
)
def test_paths_that_do_not_say(path: str) -> None:
    assert hub_id_from_path(path) is None


def test_naming_data_is_validated() -> None:
    with pytest.raises(KnowledgeBaseError, match="stems: unknown release"):
        load_naming("schema: 1\nstems: {qwen9: [qwen9]}\n")
    with pytest.raises(KnowledgeBaseError, match="reuploader"):
        load_naming("schema: 1\nreuploaders: [{org: x}]\n")


def _adapter(base: str, card: dict | None = None) -> Lineage:
    model = Model(
        name="models/my-adapter",
        kind=ModelKind.LOCAL,
        facts=LocalModelFacts(
            adapter_config={"base_model_name_or_path": base, "peft_type": "LORA"}, card=card
        ),
    )
    inv = Inventory()
    inv.models[model.key] = model
    result, _ = resolve_lineage(inv, hf_cache=False)
    return result[model.key]


def test_adapter_of_an_unsloth_reupload_inherits_the_release_licence() -> None:
    lin = _adapter(
        "unsloth/Qwen2.5-3B-Instruct-unsloth-bnb-4bit", {"license": "apache-2.0"}
    )  # the card claims Apache; Qwen2.5-3B is under the Qwen Research licence
    names = [a.name for a in lin.ancestors]
    assert names[:2] == ["unsloth/Qwen2.5-3B-Instruct-unsloth-bnb-4bit", "Qwen/Qwen2.5-3B-Instruct"]
    assert lin.ancestors[0].license == "qwen-research"  # the release its name says
    assert lin.ancestors[1].license == "qwen-research"
    assert lin.ancestors[1].relation == "quantized"
    assert lin.license_declared == "Apache-2.0"
    assert "qwen-research" in lin.licenses_inherited


def test_adapter_of_a_local_folder_is_read_as_the_official_repo() -> None:
    lin = _adapter("/root/autodl-tmp/models/glm-4-9b-chat")
    anc = lin.ancestors[0]
    assert (anc.name, anc.license, anc.family, anc.country) == (
        "THUDM/glm-4-9b-chat",
        "glm-4",
        "glm",
        "CN",
    )
    assert any("a local folder named like that official repo" in e for e in anc.evidence)


def test_license_other_on_a_llama_adapter_inherits_llama() -> None:
    lin = _adapter("NousResearch/Llama-2-7b-chat-hf", {"license": "other"})
    assert [a.name for a in lin.ancestors][:2] == [
        "NousResearch/Llama-2-7b-chat-hf",
        "meta-llama/Llama-2-7b-chat-hf",
    ]
    assert lin.licenses_inherited == ["llama2"]


def test_release_uncertain_is_said_not_left_blank() -> None:
    lin = _adapter("someone/qwen2.5-finetune")  # Qwen2.5 sizes differ in licence; no size here
    anc = lin.ancestors[0]
    assert anc.license is None
    assert any("licence unknown (release uncertain" in e for e in anc.evidence)
