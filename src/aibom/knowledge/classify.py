"""What is this string? The one classifier every scanner (Python, JS/TS, config, shell) uses.

A value counts as a model only when it has the syntax of a Hugging Face hub id
(and does not look like a path, URL, file or Docker image), is a known hosted
provider model name, or is a known Ollama library tag. Provider routes
(``deepseek/deepseek-chat``) and Ollama's ``hf.co/org/repo:quant`` form are
parsed here and nowhere else. The tables are data (``knowledge/data``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from aibom.inventory import ModelKind, is_hub_id
from aibom.knowledge.providers import get_provider, provider_alias, provider_for_model_name
from aibom.knowledge.tables import model_strings, ollama_library, provider_table

_OLLAMA_TAG = re.compile(
    r"^(?:(?P<ns>[a-z0-9][a-z0-9_.-]*)/)?(?P<name>[a-z0-9][a-z0-9_.-]*)(?::(?P<tag>[\w.-]+))?$"
)
_HUB_PAGE = re.compile(r"/(?:tree|blob|resolve)/")
_PROVIDER_MODEL = re.compile(r"[\w.:\-]+")


@cache
def _file_suffix() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(s) for s in model_strings().file_suffixes)
    return re.compile(rf"\.(?:{alternatives})$", re.IGNORECASE)


@dataclass(frozen=True)
class ModelValue:
    """A string recognised as a model reference."""

    kind: ModelKind | None  # HUB or OLLAMA; None for a hosted provider model
    name: str
    provider: str | None = None  # provider id for hosted API model names
    revision: str | None = None


def parse_hub_id(value: str) -> tuple[str, str | None] | None:
    """Split ``org/name[@rev]`` (or ``hf.co/org/name``) into (id, revision) when it is hub id syntax."""
    strings = model_strings()
    v = value.strip()
    for prefix in strings.hub_url_prefixes:
        if v.startswith(prefix):
            v = v[len(prefix) :]
            v = _HUB_PAGE.split(v)[0]
            break
    else:
        if v.lower().startswith(strings.not_hub_prefixes):
            return None
    revision = None
    if "@" in v:
        v, revision = v.split("@", 1)
    if not v.isascii() or not is_hub_id(v) or _file_suffix().search(v):
        return None  # hub repo ids are ASCII: "LLMモデル/リクエストソース" is prose
    org, name = v.split("/", 1)
    if org.lower() in strings.docker_image_orgs or name.lower() in strings.generic_names:
        return None
    if any(p.fullmatch(org) for p in strings.api_version_orgs) or (
        org.lower() in strings.api_path_words and name.lower() in strings.api_path_words
    ):
        return None  # an API path ("v1/embeddings", "embeddings/multimodal")
    if ":" in v:  # docker image tag, not a hub id
        return None
    if not any(c.isalpha() for c in name):
        return None
    return v, revision


def is_model_org(org: str) -> bool:
    """True when ``org`` is a hub organisation known to publish models (``meta-llama``, ``iic``)."""
    return org.strip().lower() in model_strings().model_orgs


def is_model_org_id(value: str) -> bool:
    """True for a hub id (``org/name``) whose organisation is a known model publisher."""
    hub = parse_hub_id(value)
    return hub is not None and is_model_org(hub[0].split("/", 1)[0])


def is_ollama_hub_ref(value: str) -> bool:
    """True for Ollama's pull-from-the-hub form ``hf.co/org/repo[:quant]``."""
    return value.strip().lower().startswith(("hf.co/", "huggingface.co/"))


def parse_ollama_hub_ref(value: str) -> tuple[str, str | None, str | None] | None:
    """(hub id, revision, quantisation tag) for ``hf.co/org/repo[@rev][:quant]``; None otherwise."""
    v = value.strip()
    if not is_ollama_hub_ref(v) or v.count("/") != 2:
        return None
    host, repo = v.split("/", 1)
    quant = None
    if ":" in repo:
        repo, quant = repo.split(":", 1)
    hub = parse_hub_id(f"{host}/{repo}")
    return (hub[0], hub[1], quant or None) if hub is not None else None


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
    if m.group("ns") is None and name in ollama_library():
        return v
    if not strict and (m.group("tag") or m.group("ns")):
        return v
    if not strict and name and any(c.isalpha() for c in name):
        return v
    return None


def provider_from_name(value: str) -> str | None:
    """Provider id for a provider named in config (``provider: deepseek``, ``azure``, ``together_ai``)."""
    v = value.strip().lower()
    named = provider_alias(v, "litellm", "config")
    if named is not None:
        return named
    return v if get_provider(v) is not None else None


def litellm_route(value: str, *, strict: bool = True) -> tuple[str, str] | None:
    """Split a LiteLLM-style ``provider/model`` route into (provider id, model).

    With ``strict`` (outside a LiteLLM config) only prefixes that cannot be a Hugging
    Face organisation are read as routes, and ``openai/...`` only for OpenAI API names.
    """
    if "/" not in value:
        return None
    prefix, rest = value.split("/", 1)
    p = prefix.lower()
    provider = provider_alias(p, "litellm", "config")
    if not rest or provider is None:
        return None
    if (
        strict
        and p in provider_table().route_prefixes_also_hub_orgs
        and (
            p != "openai"
            or provider_for_model_name(rest) != "openai"
            or rest.lower().startswith(("gpt-oss", "whisper", "clip"))
        )
    ):
        return None
    return provider, rest


def split_provider_prefix(value: str, sep: str, *ecosystems: str) -> tuple[str, str] | None:
    """(provider id, model) for ``provider<sep>model`` when the prefix is an alias in ``ecosystems``."""
    head, found, rest = value.partition(sep)
    if not found:
        return None
    provider = provider_alias(head, *ecosystems)
    return (provider, rest) if provider is not None else None


def classify_model_value(value: object, *, context: str | None = None) -> ModelValue | None:
    """Recognise ``value`` as a model reference, or None.

    ``context`` narrows the reading: ``"ollama"`` accepts any Ollama-shaped tag,
    ``"provider"`` accepts any non-empty model name for a hosted API,
    ``"hub"`` accepts hub ids only. Without context, hub ids, known provider model
    names and known Ollama library tags are accepted. An inference server's name alone
    (``model_strings.yaml`` ``serving_software``) is never a model.
    """
    if not isinstance(value, str):
        return None
    v = value.strip()
    if not v or len(v) > 200 or any(ch.isspace() for ch in v) or "{" in v or "$" in v:
        return None
    if v.lower() in model_strings().serving_software:
        return None  # an inference server's name ("tei", "vllm") where a model name goes
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
    if context == "provider" and _PROVIDER_MODEL.fullmatch(v) and any(c.isalpha() for c in v):
        return ModelValue(None, v)
    tag = parse_ollama_tag(v, strict=True)
    if tag is not None:
        return ModelValue(ModelKind.OLLAMA, tag)
    return None
