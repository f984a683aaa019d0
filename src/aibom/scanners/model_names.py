"""Is this string plausibly a model? Shared by every scanner, so precision is decided once.

A value counts as a model only when it has the syntax of a Hugging Face hub id
(and does not look like a path, URL, file or Docker image), is a known hosted
provider model name, or is a known Ollama library tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aibom.inventory import ModelKind, is_hub_id
from aibom.lineage.providers import provider_for_model_name

# Ollama library names (https://ollama.com/library), the part before ":tag".
OLLAMA_LIBRARY = frozenset(
    [
        "llama2",
        "llama2-uncensored",
        "llama2-chinese",
        "llama3",
        "llama3.1",
        "llama3.2",
        "llama3.2-vision",
        "llama3.3",
        "llama4",
        "llama3-chatqa",
        "llama3-gradient",
        "llama-guard3",
        "llava",
        "llava-llama3",
        "llava-phi3",
        "bakllava",
        "codellama",
        "qwen",
        "qwen2",
        "qwen2.5",
        "qwen2.5-coder",
        "qwen2.5vl",
        "qwen2-math",
        "qwen3",
        "qwen3-coder",
        "qwen3-vl",
        "qwen3-embedding",
        "qwq",
        "deepseek-r1",
        "deepseek-v3",
        "deepseek-v3.1",
        "deepseek-v2",
        "deepseek-v2.5",
        "deepseek-coder",
        "deepseek-coder-v2",
        "deepseek-llm",
        "gemma",
        "gemma2",
        "gemma3",
        "gemma3n",
        "codegemma",
        "shieldgemma",
        "embeddinggemma",
        "mistral",
        "mistral-nemo",
        "mistral-small",
        "mistral-small3.1",
        "mistral-small3.2",
        "mistral-large",
        "mistral-openorca",
        "mixtral",
        "codestral",
        "mathstral",
        "ministral",
        "devstral",
        "magistral",
        "phi",
        "phi3",
        "phi3.5",
        "phi4",
        "phi4-mini",
        "phi4-reasoning",
        "yi",
        "yi-coder",
        "glm4",
        "chatglm3",
        "codegeex4",
        "internlm2",
        "baichuan2",
        "minicpm-v",
        "kimi-k2",
        "minimax-m2",
        "falcon",
        "falcon2",
        "falcon3",
        "olmo2",
        "olmo-3",
        "gpt-oss",
        "granite-code",
        "granite3-dense",
        "granite3.1-dense",
        "granite3.2",
        "granite3.3",
        "granite4",
        "granite-embedding",
        "command-r",
        "command-r-plus",
        "command-r7b",
        "command-a",
        "aya",
        "aya-expanse",
        "starcoder",
        "starcoder2",
        "stablelm2",
        "stablelm-zephyr",
        "stable-code",
        "smollm",
        "smollm2",
        "nemotron",
        "nemotron-mini",
        "tinyllama",
        "vicuna",
        "wizardlm2",
        "zephyr",
        "openchat",
        "neural-chat",
        "dolphin-mistral",
        "dolphin-llama3",
        "dolphin3",
        "orca-mini",
        "nomic-embed-text",
        "mxbai-embed-large",
        "all-minilm",
        "bge-m3",
        "bge-large",
        "snowflake-arctic-embed",
        "moondream",
        "exaone3.5",
        "hermes3",
        "openhermes",
        "nous-hermes2",
        "solar",
        "sqlcoder",
        "cogito",
        # more library names (added with the Ollama scanner)
        "dolphin-mixtral",
        "dolphin-phi",
        "codeqwen",
        "starling-lm",
        "nous-hermes",
        "wizardcoder",
        "wizard-math",
        "phind-codellama",
        "snowflake-arctic-embed2",
        "paraphrase-multilingual",
        "granite3-moe",
        "granite3.1-moe",
        "marco-o1",
        "tulu3",
        "athene-v2",
        "openthinker",
        "deepscaler",
        "deepcoder",
        "exaone-deep",
        "smallthinker",
        "reader-lm",
        "nuextract",
        "phi4-mini-reasoning",
        "r1-1776",
        "meditron",
        "medllama2",
        "llama3-groq-tool-use",
        "command-r7b-arabic",
    ]
)

_OLLAMA_TAG = re.compile(
    r"^(?:(?P<ns>[a-z0-9][a-z0-9_.-]*)/)?(?P<name>[a-z0-9][a-z0-9_.-]*)(?::(?P<tag>[\w.-]+))?$"
)

# Things with a slash that are not hub ids.
_NOT_HUB_PREFIXES = (
    "http:", "https:", "s3:", "gs:", "file:", "hf:", "./", "../", "/", "~",
    "src/", "lib/", "app/", "data/", "tests/", "test/", "docs/", "models/", "model/",
    "static/", "public/", "config/", "configs/", "output/", "outputs/", "checkpoints/", "tmp/",
    "application/", "text/", "image/", "audio/", "video/", "multipart/",
)  # fmt: skip
_FILE_SUFFIX = re.compile(
    r"\.(py|js|ts|tsx|json|ya?ml|toml|txt|md|csv|html?|png|jpe?g|gif|svg|pdf|zip|tar|gz|sh|cfg|ini|lock|log|pkl|pt|bin|onnx|gguf|safetensors)$",
    re.IGNORECASE,
)
_DOCKER_IMAGE_ORGS = frozenset(
    {"library", "docker", "bitnami", "nginx", "postgres", "redis", "grafana", "prom"}
)
_GENERIC_WORDS = frozenset(
    {"model", "models", "name", "none", "null", "default", "auto", "true", "false", "test"}
)


@dataclass(frozen=True)
class ModelValue:
    """A string recognised as a model reference."""

    kind: ModelKind | None  # HUB or OLLAMA; None for a hosted provider model
    name: str
    provider: str | None = None  # provider id for hosted API model names
    revision: str | None = None


def parse_hub_id(value: str) -> tuple[str, str | None] | None:
    """Split ``org/name[@rev]`` (or ``hf.co/org/name``) into (id, revision) when it is hub id syntax."""
    v = value.strip()
    for prefix in ("https://huggingface.co/", "huggingface.co/", "hf.co/"):
        if v.startswith(prefix):
            v = v[len(prefix) :]
            v = re.split(r"/(?:tree|blob|resolve)/", v)[0]
            break
    else:
        if v.lower().startswith(_NOT_HUB_PREFIXES):
            return None
    revision = None
    if "@" in v:
        v, revision = v.split("@", 1)
    if not is_hub_id(v) or _FILE_SUFFIX.search(v):
        return None
    org, name = v.split("/", 1)
    if org.lower() in _DOCKER_IMAGE_ORGS or name.lower() in _GENERIC_WORDS:
        return None
    if ":" in v:  # docker image tag, not a hub id
        return None
    if not any(c.isalpha() for c in name):
        return None
    return v, revision


def parse_ollama_tag(value: str, *, strict: bool = True) -> str | None:
    """Normalised Ollama tag (``qwen2.5:7b``) when ``value`` names a known Ollama library model.

    With ``strict=False`` any ``name:tag`` shaped value is accepted (used where the
    context already says it is an Ollama model, e.g. ``ollama.chat(model=...)``).
    """
    v = value.strip().lower()
    m = _OLLAMA_TAG.match(v)
    if not m:
        return None
    name = m.group("name")
    if m.group("ns") is None and name in OLLAMA_LIBRARY:
        return v
    if not strict and (m.group("tag") or m.group("ns")):
        return v
    if not strict and name and any(c.isalpha() for c in name):
        return v
    return None


def classify_model_value(value: object, *, context: str | None = None) -> ModelValue | None:
    """Recognise ``value`` as a model reference, or None.

    ``context`` narrows the reading: ``"ollama"`` accepts any Ollama-shaped tag,
    ``"provider"`` accepts any non-empty model name for a hosted API,
    ``"hub"`` accepts hub ids only. Without context, hub ids, known provider model
    names and known Ollama library tags are accepted.
    """
    if not isinstance(value, str):
        return None
    v = value.strip()
    if not v or len(v) > 200 or any(ch.isspace() for ch in v) or "{" in v or "$" in v:
        return None
    if context == "ollama":
        tag = parse_ollama_tag(v, strict=False)
        return ModelValue(ModelKind.OLLAMA, tag) if tag else None
    hub = parse_hub_id(v)
    if hub is not None:
        return ModelValue(ModelKind.HUB, hub[0], revision=hub[1])
    if context == "hub":
        return None
    provider = provider_for_model_name(v)
    if provider is not None:
        return ModelValue(None, v, provider=provider)
    if context == "provider" and re.fullmatch(r"[\w.:\-]+", v) and any(c.isalpha() for c in v):
        return ModelValue(None, v)
    tag = parse_ollama_tag(v, strict=True)
    if tag is not None:
        return ModelValue(ModelKind.OLLAMA, tag)
    return None
