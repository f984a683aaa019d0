"""The knowledge base: every entry complete and valid, and the lookups by hub id / Ollama tag / name."""

from __future__ import annotations

import re

import pytest

from aibom.lineage import knowledge as kb
from aibom.lineage.knowledge import KnowledgeBaseError, load_families

REQUIRED = {
    # Chinese families named by the issue
    "qwen1", "qwen1_5", "qwen2", "qwen2_5", "qwen3", "qwq", "qwen_vl",
    "deepseek_llm", "deepseek_coder", "deepseek_v2", "deepseek_v3", "deepseek_r1",
    "chatglm", "glm4", "glm45", "yi", "baichuan", "internlm", "minimax", "kimi", "hunyuan",
    "ernie45", "step", "mimo", "seed_oss",
    # the major others
    "llama2", "llama3", "llama4", "mistral", "gemma", "gemma4", "phi", "falcon", "olmo", "gpt_oss",
    "granite", "command_r", "starcoder", "bloom", "stablelm", "smollm", "nemotron",
    # embedding families used in RAG
    "bge", "e5", "gte", "jina", "nomic", "sbert", "arctic_embed", "mxbai",
}  # fmt: skip


def test_knowledge_base_is_complete() -> None:
    fams = kb.families()
    assert len(fams) >= 40
    assert {f.id for f in fams} >= REQUIRED
    for f in fams:
        assert re.fullmatch(r"[A-Z]{2}", f.country), f.id
        assert f.developer and f.name and f.country_basis and f.line, f.id
        assert f.hf_orgs and f.hub_patterns and f.sources, f.id
        assert f.releases and all(r.license for r in f.releases), f.id
        assert f.releases[-1].match is None, f"{f.id}: last release must be the default"
        assert kb.match_hub_id(f.reference_repo) is not None, f.id
        kinds = {fp.kind for fp in f.fingerprints}
        assert kinds & {"model_type", "architecture", "gguf_arch"}, f.id
        assert all(fp.verified in (True, False, "secondary") for fp in f.fingerprints), f.id
        for other in f.builds_on:
            assert kb.get_family(other) is not None


def test_language_model_families_carry_tokenizer_fingerprints() -> None:
    """LLM families have at least one tokenizer-level fact (vocab, token, template or pre-tokenizer)."""
    embeddings = {"bge", "e5", "gte", "jina", "nomic", "sbert", "arctic_embed", "mxbai", "m3e"}
    for f in kb.families():
        if f.id in embeddings or f.id in {"step", "minimax", "hunyuan", "ernie45", "mimo"}:
            continue
        kinds = {fp.kind for fp in f.fingerprints}
        parts = {p.kind for fp in f.fingerprints for p in fp.all}
        assert (kinds | parts) & {"vocab_size", "token", "chat_marker", "gguf_pre"}, f.id


def test_countries_of_key_families() -> None:
    expect = {
        "qwen2_5": "CN", "deepseek_v3": "CN", "glm4": "CN", "yi": "CN", "kimi": "CN", "bge": "CN", "gte": "CN",
        "llama3": "US", "gemma": "US", "phi": "US", "gpt_oss": "US", "e5": "US", "nomic": "US",
        "mistral": "FR", "command_r": "CA", "falcon": "AE", "stablelm": "GB", "jina": "DE", "mxbai": "DE",
    }  # fmt: skip
    assert {k: kb.family(k).country for k in expect} == expect


@pytest.mark.parametrize(
    ("hub_id", "family", "official", "license"),
    [
        ("Qwen/Qwen2.5-7B-Instruct", "qwen2_5", True, "apache-2.0"),
        ("Qwen/Qwen2.5-3B-Instruct", "qwen2_5", True, "qwen-research"),
        ("Qwen/Qwen2.5-72B-Instruct", "qwen2_5", True, "qwen"),
        ("Qwen/Qwen3-30B-A3B", "qwen3", True, "apache-2.0"),
        ("Qwen/QwQ-32B", "qwq", True, "apache-2.0"),
        ("Qwen/Qwen2.5-VL-7B-Instruct", "qwen_vl", True, "apache-2.0"),
        ("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "deepseek_r1", True, "mit"),
        ("deepseek-ai/DeepSeek-V3", "deepseek_v3", True, "deepseek"),
        ("deepseek-ai/deepseek-coder-6.7b-instruct", "deepseek_coder", True, "deepseek"),
        ("deepseek-ai/DeepSeek-Coder-V2-Lite-Instruct", "deepseek_v2", True, "deepseek"),
        ("meta-llama/Llama-3.3-70B-Instruct", "llama3", True, "llama3.3"),
        ("meta-llama/Llama-2-7b-chat-hf", "llama2", True, "llama2"),
        ("THUDM/glm-4-9b-chat", "glm4", True, "glm-4"),
        ("zai-org/GLM-4.5-Air", "glm45", True, "mit"),
        ("BAAI/bge-m3", "bge", True, "mit"),
        ("bartowski/Qwen2.5-7B-Instruct-GGUF", "qwen2_5", False, None),
        ("TheBloke/Llama-2-7B-GGUF", "llama2", False, None),
        ("unsloth/Meta-Llama-3.1-8B-Instruct-bnb-4bit", "llama3", False, None),
        ("mlx-community/Qwen3-8B-4bit", "qwen3", False, None),
        ("teknium/OpenHermes-2.5-Mistral-7B", "mistral", False, None),
        ("NousResearch/Nous-Hermes-2-Yi-34B", "yi", False, None),
        ("lmstudio-community/gemma-2-9b-it-GGUF", "gemma", False, None),
    ],
)
def test_match_hub_id(hub_id: str, family: str, official: bool, license: str | None) -> None:
    m = kb.match_hub_id(hub_id)
    assert m is not None
    assert (m.family.id, m.official) == (family, official)
    assert (m.release.license if m.release else None) == license
    assert kb.family_for_hub_id(hub_id) is m.family


@pytest.mark.parametrize(
    "hub_id",
    ["acme/support-bot", "openai-community/gpt2", "google-bert/bert-base-uncased", "nothing"],
)
def test_unknown_hub_ids(hub_id: str) -> None:
    assert kb.family_for_hub_id(hub_id) is None


@pytest.mark.parametrize(
    ("tag", "family"),
    [
        ("qwen2.5:7b", "qwen2_5"),
        ("qwen2.5-coder:14b", "qwen2_5"),
        ("qwen3", "qwen3"),
        ("llama3.1:8b", "llama3"),
        ("library/llama3.2:3b", "llama3"),
        ("deepseek-r1:14b", "deepseek_r1"),
        ("gemma3:4b", "gemma"),
        ("mistral-nemo", "mistral"),
        ("codellama:7b", "llama2"),
        ("phi4", "phi"),
        ("gpt-oss:20b", "gpt_oss"),
        ("nomic-embed-text", "nomic"),
        ("mxbai-embed-large:latest", "mxbai"),
        ("all-minilm", "sbert"),
        ("bge-m3", "bge"),
        ("qwen2.5vl:7b", "qwen_vl"),
    ],
)
def test_family_for_ollama_tag(tag: str, family: str) -> None:
    fam = kb.family_for_ollama_tag(tag)
    assert fam is not None and fam.id == family


def test_unknown_ollama_tag() -> None:
    assert kb.family_for_ollama_tag("my-own-model:latest") is None


def test_official_base_guess() -> None:
    assert kb.official_base_guess("Qwen/Qwen2.5-7B-Instruct") == ("Qwen/Qwen2.5-7B", "finetune")
    assert kb.official_base_guess("Qwen/Qwen2.5-7B-Instruct-AWQ") == (
        "Qwen/Qwen2.5-7B-Instruct",
        "quantized",
    )
    assert kb.official_base_guess("meta-llama/Llama-2-7b-chat-hf") == (
        "meta-llama/Llama-2-7b-hf",
        "finetune",
    )
    assert kb.official_base_guess("google/gemma-2-9b-it") == ("google/gemma-2-9b", "finetune")
    # no guess where the convention does not hold or the repo is not official
    assert kb.official_base_guess("microsoft/Phi-3-mini-4k-instruct") is None
    assert kb.official_base_guess("bartowski/Qwen2.5-7B-Instruct-GGUF") is None
    assert kb.official_base_guess("Qwen/Qwen2.5-7B") is None


def test_family_lookup_errors() -> None:
    with pytest.raises(KeyError):
        kb.family("nope")
    assert kb.get_family(None) is None


_GOOD = """
schema: 1
families:
- id: fam
  name: Fam
  line: fam
  developer: Dev
  country: US
  country_basis: test
  hf_orgs: [org]
  reference_repo: org/fam-7b
  hub_patterns: ['fam']
  ollama_patterns: []
  releases:
    - {name: all, license: mit, verified: true}
  fingerprints:
    - {kind: model_type, value: fam, weight: strong, verified: true}
  sources: [test]
"""


def test_loader_accepts_a_minimal_entry() -> None:
    table = load_families(_GOOD)
    assert list(table) == ["fam"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("country: US", "country: USA"), "country must be ISO 3166-1 alpha-2"),
        (("  developer: Dev\n", ""), "missing developer"),
        (("weight: strong", "weight: huge"), "weight must be strong|medium|weak"),
        (("kind: model_type", "kind: colour"), "unknown kind"),
        (("hub_patterns: ['fam']", "hub_patterns: ['fam(']"), "bad regex"),
        (("reference_repo: org/fam-7b", "reference_repo: fam"), "reference_repo is not a hub id"),
        (
            ("{name: all, license: mit, verified: true}", "{name: all, verified: true}"),
            "needs name and license",
        ),
        (
            (
                "{name: all, license: mit, verified: true}",
                "{name: all, match: x, license: mit, verified: true}",
            ),
            "last release must be the default",
        ),
        (("  sources: [test]\n", "  sources: [test]\n  colour: red\n"), "unknown keys"),
    ],
)
def test_loader_rejects_incomplete_entries(change: tuple[str, str], message: str) -> None:
    text = _GOOD.replace(*change)
    with pytest.raises(KnowledgeBaseError, match=re.escape(message)):
        load_families(text)


def test_loader_rejects_bad_yaml() -> None:
    with pytest.raises(KnowledgeBaseError, match="not valid YAML"):
        load_families("schema: [1")
    with pytest.raises(KnowledgeBaseError, match="expected"):
        load_families("- 1")


def test_community_source_guess() -> None:
    assert (
        kb.strip_quant_suffixes("DeepSeek-R1-Distill-Qwen-7B-Q4_K_M-GGUF")
        == "DeepSeek-R1-Distill-Qwen-7B"
    )
    assert (
        kb.community_source_guess("unsloth/DeepSeek-R1-Distill-Llama-8B-GGUF")
        == "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"
    )
    assert (
        kb.community_source_guess("bartowski/Qwen2.5-7B-Instruct-GGUF") is None
    )  # no precise release with bases
    assert (
        kb.community_source_guess("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B") is None
    )  # official itself
