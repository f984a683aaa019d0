"""Hosted model API providers (re-exported from :mod:`aibom.knowledge.providers`).

Kept so lineage-facing callers (bom, summary) keep their import path; the
table and the look-ups live in the knowledge layer.
"""

from __future__ import annotations

from aibom.knowledge.providers import (
    OLLAMA_PORT,
    Provider,
    get_provider,
    is_provider_model_name,
    provider_for_client,
    provider_for_endpoint,
    provider_for_model_name,
    providers,
)
from aibom.knowledge.tables import KnowledgeTableError as ProviderTableError

__all__ = [
    "OLLAMA_PORT",
    "Provider",
    "ProviderTableError",
    "get_provider",
    "is_provider_model_name",
    "provider_for_client",
    "provider_for_endpoint",
    "provider_for_model_name",
    "providers",
]
