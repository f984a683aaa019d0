"""Inferred lineage: undeclared derivatives recognised from config, tokenizer and GGUF evidence."""

from __future__ import annotations

from typing import Any

import pytest

from aibom.inventory import LocalModelFacts
from aibom.lineage.fingerprint import collect_signals, compatible, infer, infer_facts

CHATML = "{% for m in messages %}{{'<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n'}}{% endfor %}"
QWEN25 = (
    CHATML
    + "{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}<tools>"
)
LLAMA3 = (
    "{{ bos_token }}<|start_header_id|>{{ role }}<|end_header_id|>\\n\\n{{ content }}<|eot_id|>"
)
GEMMA = "<start_of_turn>user\\n{{ content }}<end_of_turn>\\n<start_of_turn>model\\n"
GLM4 = "[gMASK]<sop><|system|>\\n{{ s }}<|user|>\\n{{ u }}<|assistant|>"
DS3 = "{{bos_token}}<｜User｜>{{ q }}<｜Assistant｜>{{ a }}<｜end▁of▁sentence｜>"
R1 = DS3 + "{% if add_generation_prompt %}<｜Assistant｜><think>\\n{% endif %}"


def cfg(model_type: str, arch: str, vocab: int | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"model_type": model_type, "architectures": [arch], **extra}
    if vocab is not None:
        out["vocab_size"] = vocab
    return out


CASES: list[tuple[str, LocalModelFacts, str, str]] = [
    ("qwen2.5 config+template", LocalModelFacts(config=cfg("qwen2", "Qwen2ForCausalLM", 152064), chat_template=QWEN25), "qwen2_5", "high"),
    ("qwen2.5 gguf", LocalModelFacts(gguf={"general.architecture": "qwen2", "tokenizer.ggml.pre": "qwen2", "tokenizer.chat_template": QWEN25}), "qwen2_5", "high"),
    ("qwen2 gguf by name", LocalModelFacts(gguf={"general.architecture": "qwen2", "tokenizer.ggml.pre": "qwen2", "general.name": "Qwen2-7B-Instruct"}), "qwen2", "medium"),
    ("qwen3 config", LocalModelFacts(config=cfg("qwen3", "Qwen3ForCausalLM", 151936)), "qwen3", "high"),
    ("qwen3 gguf", LocalModelFacts(gguf={"general.architecture": "qwen3", "tokenizer.ggml.pre": "qwen2"}), "qwen3", "high"),
    ("deepseek-v3 config", LocalModelFacts(config=cfg("deepseek_v3", "DeepseekV3ForCausalLM", 129280), chat_template=DS3), "deepseek_v3", "medium"),
    ("deepseek-v3 gguf", LocalModelFacts(gguf={"general.architecture": "deepseek2", "tokenizer.ggml.pre": "deepseek-v3", "deepseek2.vocab_size": 129280}), "deepseek_v3", "medium"),
    ("llama3 config", LocalModelFacts(config=cfg("llama", "LlamaForCausalLM", 128256), tokenizer_config={"bos_token": "<|begin_of_text|>"}, chat_template=LLAMA3), "llama3", "high"),
    ("llama3 gguf", LocalModelFacts(gguf={"general.architecture": "llama", "tokenizer.ggml.pre": "llama-bpe", "tokenizer.chat_template": LLAMA3}), "llama3", "high"),
    ("glm4 remote-code config", LocalModelFacts(config=cfg("chatglm", "ChatGLMModel", padded_vocab_size=151552), chat_template=GLM4), "glm4", "medium"),
    ("glm4 gguf", LocalModelFacts(gguf={"general.architecture": "chatglm", "tokenizer.ggml.pre": "chatglm-bpe", "tokenizer.chat_template": GLM4}), "glm4", "high"),
    ("mistral config", LocalModelFacts(config=cfg("mistral", "MistralForCausalLM", 32768)), "mistral", "high"),
    ("mistral gguf tekken", LocalModelFacts(gguf={"general.architecture": "llama", "tokenizer.ggml.pre": "tekken"}), "mistral", "medium"),
    ("gemma config", LocalModelFacts(config=cfg("gemma2", "Gemma2ForCausalLM", 256000), chat_template=GEMMA), "gemma", "high"),
    ("gemma gguf", LocalModelFacts(gguf={"general.architecture": "gemma3", "tokenizer.chat_template": GEMMA}), "gemma", "high"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "facts", "family", "confidence"), CASES, ids=[c[0] for c in CASES]
)
def test_undeclared_derivatives(
    label: str, facts: LocalModelFacts, family: str, confidence: str
) -> None:
    result = infer_facts(facts)
    assert result.family is not None
    assert (result.family.id, result.confidence) == (family, confidence)
    assert result.evidence  # every answer says why


def test_r1_distill_qwen_is_both_deepseek_and_qwen() -> None:
    facts = LocalModelFacts(
        config=cfg("qwen2", "Qwen2ForCausalLM", 152064),
        tokenizer_config={"bos_token": {"content": "<｜begin▁of▁sentence｜>"}},
        chat_template=R1,
    )
    result = infer_facts(facts)
    assert result.family_ids == ["deepseek_r1", "qwen2_5"]
    assert result.confidence == "high"
    gguf = infer_facts(
        LocalModelFacts(
            gguf={"general.architecture": "qwen2", "tokenizer.ggml.pre": "deepseek-r1-qwen"}
        )
    )
    assert gguf.family_ids == ["deepseek_r1", "qwen2_5"]


def test_r1_distill_llama_is_both_deepseek_and_llama() -> None:
    facts = LocalModelFacts(
        config=cfg("llama", "LlamaForCausalLM", 128256),
        tokenizer_config={"bos_token": {"content": "<｜begin▁of▁sentence｜>"}},
        chat_template=R1,
    )
    assert infer_facts(facts).family_ids == ["deepseek_r1", "llama3"]


def test_chatml_alone_is_not_qwen() -> None:
    result = infer_facts(LocalModelFacts(chat_template=CHATML))
    assert result.confidence == "low"  # a guess at most, never medium or high
    mistral = infer_facts(
        LocalModelFacts(config=cfg("mistral", "MistralForCausalLM", 32002), chat_template=CHATML)
    )
    assert mistral.family is not None and mistral.family.id == "mistral"


def test_llama_architecture_alone_is_not_llama() -> None:
    result = infer_facts(LocalModelFacts(config=cfg("llama", "LlamaForCausalLM")))
    assert result.confidence == "low"
    yi = infer_facts(LocalModelFacts(config=cfg("llama", "LlamaForCausalLM", 64000)))
    assert yi.family is not None and (yi.family.id, yi.confidence) == ("yi", "high")
    ds = infer_facts(LocalModelFacts(config=cfg("llama", "LlamaForCausalLM", 102400)))
    assert ds.family is not None and ds.family.id == "deepseek_llm"
    smol = infer_facts(
        LocalModelFacts(config=cfg("llama", "LlamaForCausalLM", 49152), chat_template=CHATML)
    )
    assert smol.family is not None and smol.family.id == "smollm"


def test_kimi_with_rewritten_model_type() -> None:
    facts = LocalModelFacts(
        config=cfg("deepseek_v3", "DeepseekV3ForCausalLM", 163840),
        tokenizer_config={
            "added_tokens_decoder": {
                "1": {"content": "<|im_middle|>"},
                "2": {"content": "<|im_user|>"},
            }
        },
    )
    result = infer_facts(facts)
    assert result.family is not None and result.family.id == "kimi"


@pytest.mark.parametrize(
    "facts",
    [
        LocalModelFacts(),
        LocalModelFacts(
            config={"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": 50257}
        ),
        LocalModelFacts(
            config={
                "model_type": "t5",
                "architectures": ["T5ForConditionalGeneration"],
                "vocab_size": 32128,
            }
        ),
        LocalModelFacts(
            config={"architectures": "not-a-list", "vocab_size": "huge", "model_type": 7}
        ),
        LocalModelFacts(
            tokenizer_config={"chat_template": 5, "bos_token": {"x": 1}},
            gguf={"general.architecture": 3},
        ),
    ],
)
def test_decoys_have_no_family(facts: LocalModelFacts) -> None:
    assert infer_facts(facts).family is None


def test_bert_alone_is_a_low_guess() -> None:
    result = infer_facts(
        LocalModelFacts(config={"model_type": "bert", "architectures": ["BertModel"]})
    )
    assert result.confidence in (None, "low")


def test_signals_from_every_source() -> None:
    sig = collect_signals(
        LocalModelFacts(
            config={
                "model_type": "qwen2_5_vl",
                "architectures": ["X"],
                "text_config": {"vocab_size": 152064},
            },
            tokenizer_config={
                "additional_special_tokens": ["<|vision_start|>"],
                "chat_template": [{"name": "default", "template": "<|im_start|>"}],
            },
            gguf={
                "general.architecture": "qwen2vl",
                "tokenizer.ggml.pre": "qwen2",
                "general.basename": "Qwen2.5-VL",
            },
            card_text="Fine-tuned from Qwen/Qwen2.5-VL-7B-Instruct. Compared with meta-llama/Llama-3.1-8B.",
        )
    )
    assert set(sig.model_types) == {"qwen2_5_vl"}
    assert 152064 in sig.vocab_sizes
    assert "<|vision_start|>" in sig.tokens
    assert sig.chat_template == "<|im_start|>"
    assert set(sig.gguf_arch) == {"qwen2vl"} and set(sig.gguf_pre) == {"qwen2"}
    assert ("GGUF general.basename", "Qwen2.5-VL", 2) in sig.names
    assert ("model card text mentions", "Qwen/Qwen2.5-VL-7B-Instruct", 1) in sig.names
    result = infer(sig)
    assert result.family is not None and result.family.id == "qwen_vl"


def test_compatible() -> None:
    qwen = infer_facts(
        LocalModelFacts(config=cfg("qwen2", "Qwen2ForCausalLM", 152064), chat_template=QWEN25)
    )
    assert compatible("qwen2_5", qwen)
    assert compatible("qwen2", qwen)  # same line: versions are hard to separate
    assert not compatible("mistral", qwen)
    assert compatible(["mistral", "qwen2_5"], qwen)
    assert compatible(None, qwen)
