"""Hosted model API providers: who runs an endpoint and where they are established.

The table lives in ``data/providers.yaml``; this module only looks things up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from aibom import yamlio

OLLAMA_PORT = 11434


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    country: str | None
    hosts: tuple[str, ...] = ()
    host_contains: tuple[str, ...] = ()
    default_endpoint: str | None = None
    clients: tuple[str, ...] = ()
    model_prefixes: tuple[str, ...] = field(default=())


class ProviderTableError(ValueError):
    """The bundled provider table is malformed (a packaging bug)."""


@cache
def providers() -> dict[str, Provider]:
    """All providers by id, loaded and checked once."""
    raw = yamlio.safe_load(
        resources.files("aibom.knowledge").joinpath("data/providers.yaml").read_text("utf-8")
    )
    table: dict[str, Provider] = {}
    for entry in raw.get("providers", []):
        unknown = set(entry) - {
            "id", "name", "country", "hosts", "host_contains", "default_endpoint", "clients", "model_prefixes",
        }  # fmt: skip
        if unknown or not entry.get("id") or not entry.get("name"):
            raise ProviderTableError(
                f"bad provider entry {entry.get('id')!r}: unknown keys {sorted(unknown)}"
            )
        country = entry.get("country")
        if country is not None and (len(country) != 2 or not country.isupper()):
            raise ProviderTableError(f"provider {entry['id']}: country must be ISO 3166-1 alpha-2")
        table[entry["id"]] = Provider(
            id=entry["id"],
            name=entry["name"],
            country=country,
            hosts=tuple(h.lower() for h in entry.get("hosts") or ()),
            host_contains=tuple(entry.get("host_contains") or ()),
            default_endpoint=entry.get("default_endpoint"),
            clients=tuple(entry.get("clients") or ()),
            model_prefixes=tuple(p.lower() for p in entry.get("model_prefixes") or ()),
        )
    return table


def get_provider(provider_id: str) -> Provider | None:
    """The provider with this id, or None."""
    return providers().get(provider_id)


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
    for p in providers().values():
        for h in p.hosts:
            if host == h or host.endswith("." + h):
                if p.host_contains and not any(c in host for c in p.host_contains):
                    continue
                if best is None or len(h) > best[0]:
                    best = (len(h), p.id)
    if best and best[1] == "self-hosted" and port == OLLAMA_PORT:
        return "ollama"
    return best[1] if best else None


def provider_for_client(client: str) -> str | None:
    """Provider id a client library talks to by default (``anthropic`` -> ``anthropic``)."""
    c = client.lower()
    for p in providers().values():
        if c in (x.lower() for x in p.clients):
            return p.id
    return None


def provider_for_model_name(model: str) -> str | None:
    """Provider id that serves a bare API model name (``deepseek-chat`` -> ``deepseek``)."""
    m = model.lower().strip()
    if not m or "/" in m:
        return None
    best: tuple[int, str] | None = None
    for p in providers().values():
        for prefix in p.model_prefixes:
            if not m.startswith(prefix) or (
                prefix[-1].isalnum() and len(m) > len(prefix) and m[len(prefix)].isalpha()
            ):
                continue  # "command" matches "command-r", not "commander"
            if best is None or len(prefix) > best[0]:
                best = (len(prefix), p.id)
    return best[1] if best else None


def is_provider_model_name(model: str) -> bool:
    """True when ``model`` looks like a hosted API model name of a known provider."""
    return provider_for_model_name(model) is not None
