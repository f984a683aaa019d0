"""The cloud a model catalog is offered through, read from the names around it.

``class AzureOpenAIChatGenerator: SUPPORTED_MODELS = ["gpt-5.4-pro", "gpt-35-turbo", ...]``:
the members are OpenAI's model names, but the class that offers them talks to Azure OpenAI,
so each is an Azure OpenAI deployment of that model, not a call to OpenAI's own API (the
same list in ``OpenAIChatGenerator`` is OpenAI's). The provider is the one the nearest
context that sends the request spells: the enclosing class, else the module file
(``providers/azure.py``), each read with the knowledge layer's provider names. A catalog's
own name is not enough (``AZURE_MODELS`` beside ``OPENAI_MODELS`` in a neutral constants
module is a registry the program infers a provider from, as for the provider-named lists of
:mod:`provider_catalogs`, which leave Azure alone).

The provider takes over a member only when it is a cloud that resells the member's closed
vendor (``providers.yaml`` ``closed_model_vendors``: OpenAI's models at Azure OpenAI,
Anthropic's at Bedrock or Vertex); any other member keeps the provider its own name says,
so a Bedrock module's ``"gpt-4o"`` stays OpenAI's and an OpenAI class changes nothing.
"""

from __future__ import annotations

from functools import lru_cache

from aibom.knowledge.classify import ModelValue, provider_in_identifier
from aibom.knowledge.tables import provider_table


@lru_cache(maxsize=4096)
def catalog_host(names: tuple[str, ...]) -> str | None:
    """The provider the first of ``names`` that spells one names (nearest name first)."""
    for name in names:
        if name:
            provider = provider_in_identifier(name)
            if provider is not None:
                return provider
    return None


def resold_at(vendor: str | None, host: str | None) -> bool:
    """``host`` is a cloud that serves ``vendor``'s closed models (Azure OpenAI for OpenAI)."""
    if vendor is None or host is None or host == vendor:
        return False
    return host in provider_table().closed_model_vendors.get(vendor, frozenset())


def hosted_at(mv: ModelValue, host: str | None) -> ModelValue:
    """``mv`` served by ``host`` when ``host`` resells its vendor's models, else ``mv``."""
    if mv.kind is not None or not resold_at(mv.provider, host):
        return mv
    return ModelValue(None, mv.name, provider=host, revision=mv.revision)
