"""Hosted model API providers: who runs an endpoint, and the names ecosystems give them.

The table is ``data/providers.yaml`` (loaded by :mod:`aibom.knowledge.tables`);
this module only looks things up.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from urllib.parse import urlsplit

from aibom.knowledge.tables import Provider, provider_table

OLLAMA_PORT = 11434

__all__ = [
    "OLLAMA_PORT",
    "Provider",
    "get_provider",
    "is_provider_model_name",
    "provider_alias",
    "provider_for_client",
    "provider_for_endpoint",
    "provider_for_model_name",
    "provider_for_url_text",
    "provider_spelled",
    "provider_spelled_in",
    "providers",
]


def providers() -> dict[str, Provider]:
    """All providers by id."""
    return dict(provider_table().providers)


def get_provider(provider_id: str) -> Provider | None:
    """The provider with this id, or None."""
    return provider_table().providers.get(provider_id)


def provider_alias(name: str, *ecosystems: str) -> str | None:
    """Provider id for ``name`` in the first of ``ecosystems`` that knows it (case-insensitive)."""
    key = name.strip().lower()
    index = provider_table().aliases
    for eco in ecosystems:
        pid = index[eco].get(key)
        if pid is not None:
            return pid
    return None


def provider_for_endpoint(url: str) -> str | None:
    """Provider id for a base URL (``https://api.deepseek.com/v1`` -> ``deepseek``); None if unknown."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    best: tuple[int, str] | None = None
    for p in provider_table().providers.values():
        for h in p.hosts:
            if host == h or host.endswith("." + h):
                if p.host_contains and not any(c in host for c in p.host_contains):
                    continue
                if best is None or len(h) > best[0]:
                    best = (len(h), p.id)
    if best and best[1] == "self-hosted" and port == OLLAMA_PORT:
        return "ollama"
    return best[1] if best else None


def provider_for_url_text(text: str) -> str | None:
    """Provider whose API path marker a (possibly templated) URL contains, or None.

    ``${ENDPOINT}/openai/deployments/${ID}`` is Azure OpenAI whatever the resource host.
    """
    low = text.lower()
    for p in provider_table().providers.values():
        if any(marker in text for marker in p.path_markers) and (
            p.hosts or p.id in low  # a host-less server's paths count only where it is named
        ):
            return p.id
    return None


def provider_for_client(client: str) -> str | None:
    """Provider id a client library talks to by default (``anthropic`` -> ``anthropic``)."""
    c = client.lower()
    for p in provider_table().providers.values():
        if c in (x.lower() for x in p.clients):
            return p.id
    return None


@lru_cache(maxsize=1)
def _model_name_index() -> tuple[
    tuple[tuple[re.Pattern[str], str], ...], dict[str, tuple[tuple[str, str], ...]]
]:
    """The providers' ``model_patterns`` in table order, and their ``model_prefixes`` by first
    letter (table order kept within a letter), for :func:`provider_for_model_name`."""
    table = provider_table().providers.values()
    patterns = tuple((pattern, p.id) for p in table for pattern in p.model_patterns)
    by_letter: dict[str, list[tuple[str, str]]] = {}
    for p in table:
        for prefix in p.model_prefixes:
            by_letter.setdefault(prefix[0], []).append((prefix, p.id))
    return patterns, {k: tuple(v) for k, v in by_letter.items()}


@lru_cache(maxsize=1)
def _open_weight_names() -> re.Pattern[str] | None:
    names = provider_table().open_weight_names
    return re.compile("|".join(f"(?:{n})" for n in names), re.IGNORECASE) if names else None


def open_weight_name(model: str) -> bool:
    """``gpt-oss-120b``, ``whisper-large-v3-turbo``: a name a closed vendor's patterns match
    that is open weights any host serves (``providers.yaml`` ``open_weight_names``)."""
    pattern = _open_weight_names()
    return pattern is not None and pattern.fullmatch(model.strip()) is not None


@lru_cache(maxsize=65536)
def provider_for_model_name(model: str) -> str | None:
    """Provider id that serves a bare API model name (``deepseek-chat`` -> ``deepseek``).

    A provider's whole-name ``model_patterns`` decide first (they may contain ``/``, as in
    SiliconFlow's ``Pro/org/name``); otherwise the longest matching ``model_prefixes``
    entry, for names without ``/``.
    """
    m = model.lower().strip()
    if not m or len(m) > 200:
        return None
    patterns, prefixes = _model_name_index()
    for pattern, pid in patterns:
        if pattern.fullmatch(m):
            return pid
    if "/" in m:
        return None
    best: tuple[int, str] | None = None
    for prefix, pid in prefixes.get(m[0], ()):
        if not m.startswith(prefix) or (
            prefix[-1].isalnum() and len(m) > len(prefix) and m[len(prefix)].isalpha()
        ):
            continue  # "command" matches "command-r", not "commander"
        if best is None or len(prefix) > best[0]:
            best = (len(prefix), pid)
    return best[1] if best else None


def is_provider_model_name(model: str) -> bool:
    """True when ``model`` looks like a hosted API model name of a known provider."""
    return provider_for_model_name(model) is not None


@lru_cache(maxsize=4096)
def provider_spelled(word: str) -> tuple[str, bool] | None:
    """(provider id, spelled) for a provider's id or alias (``names``, ``config``, ``litellm``).

    ``spelled`` is True when the word spells the provider itself (``openai``, ``mistralai``,
    ``togetherai``, ``01-ai``) and False for a family or product it serves (``claude``,
    ``qwen``, ``gemini``): a control or setting named after a family does not say who serves it.
    Words under four letters count only as a provider's own id (``hf`` and ``yi`` do not).
    """
    w = word.strip().lower()
    known = get_provider(w) is not None
    if len(w) < 4 and not known:
        return None
    pid = w if known else provider_alias(w, "names", "config", "litellm")
    if pid is None:
        return None
    flat_id, flat_word = re.sub(r"[^a-z0-9]", "", pid), re.sub(r"[^a-z0-9]", "", w)
    return pid, flat_word in flat_id or flat_id in flat_word


def provider_spelled_in(words: tuple[str, ...]) -> tuple[str, bool] | None:
    """The first provider a run of words names (:func:`provider_spelled`), adjacent pairs
    first: ``("novel", "ai", "model")`` is NovelAI, ``("01", "ai")`` is 01.AI."""
    for a, b in itertools.pairwise(words):
        for joined in (a + b, f"{a}-{b}"):
            found = provider_spelled(joined)
            if found is not None:
                return found
    for w in words:
        found = provider_spelled(w)
        if found is not None:
            return found
    return None
