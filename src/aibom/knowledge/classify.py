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
from aibom.knowledge.tables import ai_packages, model_strings, ollama_library, provider_table

_OLLAMA_TAG = re.compile(
    r"^(?:(?P<ns>[a-z0-9][a-z0-9_.-]*)/)?(?P<name>[a-z0-9][a-z0-9_.-]*)(?::(?P<tag>[\w.-]+))?$"
)
_HUB_PAGE = re.compile(r"/(?:tree|blob|resolve)/")
_PROVIDER_MODEL = re.compile(r"[\w.:\-]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


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


@cache
def _library_names() -> frozenset[str]:
    return frozenset(
        re.sub(r"[-_.]+", "-", name).lower()
        for name, _ in ai_packages().get("pypi", ())
        if not name.endswith("*")
    )


def is_library_name(value: str) -> bool:
    """True for the bare name of a Python AI library (``tiktoken``, ``sentence-transformers``).

    Code compares a model setting with a library's name to pick a backend; as a bare name the
    value is never a local model directory.
    """
    return re.sub(r"[-_.]+", "-", value.strip()).lower() in _library_names()


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
    if _NUMBER.fullmatch(org) and re.sub(r"^\d+", "", name.lower()) in strings.rate_units:
        return None  # a rate or quantity ("1/second", "100/minute", "1/10s")
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


_IDENT_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
# Aliases this short name a provider only as a whole identifier ("hf", "yi"), never as a word in one.
_MIN_WORD_ALIAS = 3


def _named_provider(text: str) -> str | None:
    """Provider ``text`` names in any ecosystem (config, LiteLLM, LangChain, free-form names)."""
    return provider_from_name(text) or provider_alias(
        text, "names", "langchain", "langchain_js", "pydantic_ai"
    )


def _run_together(word: str) -> str | None:
    """``googlevertexai``: a lower-case word made of two names of one provider (``google`` + ``vertexai``)."""
    for cut in range(_MIN_WORD_ALIAS, len(word) - 1):
        head = _named_provider(word[:cut])
        if head is not None and _named_provider(word[cut:]) == head:
            return head
    return None


def provider_in_identifier(name: str) -> str | None:
    """Provider an identifier names: ``awsChatBedrock``, ``azureChatOpenAI``, ``voyageAIEmbeddings``.

    Class and node names put the provider among role words (``chat``, ``embeddings``,
    ``LlamaIndex``); the leftmost run of words naming a provider wins (``azureChatOpenAI``
    is Azure's), the longest run at that place first (``voyage``+``AI``). An identifier with
    a digit names a model family or version (``chatQwen2``), not a provider.
    """
    text = name.strip()
    if not text or len(text) > 100 or any(c.isdigit() for c in text):
        return None
    whole = _named_provider(text)
    if whole is not None:
        return whole
    words = [
        w.lower() for part in re.split(r"[^A-Za-z0-9]+", text) for w in _IDENT_WORDS.findall(part)
    ]
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            for sep in ("", "-", "_"):
                candidate = sep.join(words[i:j])
                if len(candidate) < _MIN_WORD_ALIAS:
                    continue
                named = _named_provider(candidate)
                if named is not None:
                    return named
                if j == i + 1:
                    break  # one word: no separator to vary
        if len(words[i]) > 2 * _MIN_WORD_ALIAS and (joined := _run_together(words[i])):
            return joined
    return None


def litellm_route(value: str, *, strict: bool = True) -> tuple[str, str] | None:
    """Split a LiteLLM-style ``provider/model`` route into (provider id, model).

    With ``strict`` (outside a LiteLLM config) only prefixes that cannot be a Hugging
    Face organisation are read as routes, and ``openai/...`` only for OpenAI API names; a
    prefix that is also an organisation still routes a model path of that provider's own
    (``fireworks/accounts/fireworks/models/deepseek-v3``): with its slashes the whole string
    is no hub id.
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
        and ("/" not in rest or provider_for_model_name(rest) != provider)
    ):
        return None
    return provider, rest


def own_path_route(value: str) -> tuple[str, str] | None:
    """(provider id, model) of a route whose prefix is also a hub organisation (``fireworks/``)
    followed by a model path of that provider's own (``accounts/fireworks/models/deepseek-v3``):
    with its slashes no hub id, so the route's provider serves it (instructor's
    ``"fireworks/accounts/fireworks/models/deepseek-v3"`` catalog members). Other routes in a
    catalog are left to the rules that see the key or the config they sit under."""
    route = litellm_route(value)
    if (
        route is None
        or "/" not in route[1]
        or value.partition("/")[0].lower() not in provider_table().route_prefixes_also_hub_orgs
        or classify_model_value(route[1]) is None
    ):
        return None
    return route


def keyed_route(value: object, provider: str | None) -> tuple[str, str] | None:
    """(provider id, model) for a LiteLLM route listed under its provider's key.

    ``"nvidia_nim/meta/llama3-8b-instruct"`` in a table's ``"nvidia_nim"`` entry (``provider``
    the key's provider, None when the key names none): the prefix must be that provider's
    LiteLLM alias, or one that is no hub organisation when the key names no provider, and what
    follows a hosted model name (``org/name`` or ``us.amazon.nova-pro-v1:0``).
    """
    if not isinstance(value, str):
        return None
    route = litellm_route(value.strip(), strict=provider is None)
    if route is None or (provider is not None and route[0] != provider):
        return None
    parts = route[1].split("/")
    if len(parts) > 2 or not all(
        _PROVIDER_MODEL.fullmatch(p) and any(c.isalpha() for c in p) for p in parts
    ):
        return None
    if not any(c.isdigit() for c in route[1]) and classify_model_value(route[1]) is None:
        return None  # "bedrock/AWS_REGION_NAME": a setting, not a versioned model name
    return route


def split_provider_prefix(value: str, sep: str, *ecosystems: str) -> tuple[str, str] | None:
    """(provider id, model) for ``provider<sep>model`` when the prefix is an alias in ``ecosystems``."""
    head, found, rest = value.partition(sep)
    if not found:
        return None
    provider = provider_alias(head, *ecosystems)
    return (provider, rest) if provider is not None else None


_PREFIXED_ECOSYSTEMS = ("pydantic_ai", "langchain")


def catalog_prefixed_model(value: str) -> tuple[str, str] | None:
    """(provider id, model) of a ``provider:model`` catalog entry, or None.

    Pydantic AI's ``KnownModelName`` and LangChain's ``init_chat_model`` spell a model as
    ``provider:model`` (``"anthropic:claude-sonnet-4-5"``, ``"bedrock:us.amazon.nova-pro-v1:0"``);
    ``gateway/openai:gpt-5`` routes through a gateway to the provider after the slash. An
    Ollama tag (``"mistral:7b"``, ``"mistral:instruct"``) is a size or variant after the
    colon, not a model name: the part after the colon must start with a letter and hold a
    digit, a dash, a dot or a slash.
    """
    head, found, rest = value.strip().partition(":")
    rest = rest.strip()
    if not found or not head or not rest or any(ch.isspace() for ch in value.strip()):
        return None
    if not rest[0].isalpha() or not any(ch.isdigit() or ch in "-./" for ch in rest):
        return None
    for name in (head, head.rsplit("/", 1)[1]) if "/" in head else (head,):
        provider = provider_alias(name, *_PREFIXED_ECOSYSTEMS)
        if provider is not None:
            return provider, rest
    return None


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


_API_VERSION = re.compile(r"v\d+(?:\.\d+)?", re.IGNORECASE)  # "openai/v1": an API path
_HOST_PORT = re.compile(r":\d{2,5}$")
_MODEL_CHARS = re.compile(r"[A-Za-z0-9][\w.:/@+-]*")
_DATA_FILE = re.compile(
    r"\.(?:json|jsonl|ya?ml|toml|txt|csv|tsv|md|html?|py|js|ts|png|jpe?g|svg|log|pkl|db)$",
    re.IGNORECASE,
)


@cache
def strong_model_literal(value: str) -> bool:
    """True when ``value`` can only be a model name, whatever the code around it says.

    A hub id of a known model organisation (``Qwen/Qwen2.5-7B-Instruct``), a hosted model
    name of a known provider with a version in it (``gpt-4o-mini``, ``claude-3-5-haiku-latest``,
    also as a LiteLLM route ``anthropic/claude-3-haiku``), or an Ollama library tag with its size
    (``llama3.1:8b``). Family names without a version (``deepseek-chat``, ``llama3``) are
    left to the recognisers that see their context.
    """
    if not 3 <= len(value) <= 120 or "://" in value or not _MODEL_CHARS.fullmatch(value):
        return False
    if value.lower().startswith(("huggingface.co/", "hf.co/", "www.")):
        return False  # a link to a model's page is no use of it
    if _DATA_FILE.search(value):
        return False  # "gpt-4o-mini.json": a file named after a model
    route = litellm_route(value)
    name = route[1] if route is not None else value
    mv = classify_model_value(name)
    if mv is None:
        return False
    if route is None and mv.kind == ModelKind.HUB:
        org, repo = mv.name.split("/", 1)
        return is_model_org(org) and not _API_VERSION.fullmatch(repo)
    if route is None and mv.kind == ModelKind.OLLAMA:
        return ":" in value
    return _versioned_hosted(name, mv)


def _versioned_hosted(name: str, mv: ModelValue) -> bool:
    """``gpt-4o-mini`` (``mv``: its reading): a provider's API name, lower case as APIs spell
    them (``GPT-4o`` is a display name), with a version, ending with a letter or digit (``o1-``
    is a prefix), without underscores (``gpt-4o_27-01_browseruse`` names a run) or a port
    (``gpt-researcher:8000`` is a host)."""
    return (
        mv.kind is None
        and mv.provider is not None
        and name == name.lower()
        and name[-1].isalnum()
        and "_" not in name
        and not _HOST_PORT.search(name)
        and any(c.isdigit() for c in name)
        and any(c in "-." for c in name)
        and any(c.isalpha() for c in name)
    )
