"""Model lists named after the hosted provider that serves them.

``GITEE_AI_MODEL_LIST = ["Yi-34B-Chat", "InternVL2-8B", "glm-4-9b-chat", ...]``: a module or
class constant whose name is a provider's name followed by a collection word, holding names
shaped like hosted model names. The provider's own catalog names models no pattern knows
(aggregators serve open models under their own spelling), so the name decides the provider.

Only when the name spells the provider itself (``GITEE_AI``, ``DEEPSEEK``, ``DASHSCOPE``), not a
model family it serves (``QWEN_MODELS`` could be local checkpoints); providers whose model
field is a user's deployment or a local tag (Azure, Ollama, a self-hosted server, the hub)
are left to the other rules.
"""

from __future__ import annotations

import ast
import re

from aibom.knowledge.classify import classify_model_value
from aibom.knowledge.providers import provider_alias
from aibom.knowledge.tables import provider_table
from aibom.scanners.python.emission import ServiceEmitter

# PROVIDER_MODEL_LIST, provider_models, PROVIDER_SUPPORTED_MODELS, PROVIDER_LLM_NAMES
_PROVIDER_LIST_NAME = re.compile(
    r"(?i)^_?(?P<provider>[a-z][a-z0-9]*(?:_[a-z0-9]+)*?)_(?:supported_|available_|chat_)?"
    r"(?:models|llms|model_list|model_names|llm_list)$"
)
MIN_MEMBERS = 2


def provider_named_by(name: str) -> str | None:
    """The hosted provider a collection constant's name spells (``GITEE_AI_MODEL_LIST`` -> giteeai)."""
    m = _PROVIDER_LIST_NAME.match(name)
    if m is None:
        return None
    words = m.group("provider").lower()
    joined = words.replace("_", "")
    provider = provider_alias(joined, "names", "litellm") or provider_alias(
        words.replace("_", "-"), "names", "litellm"
    )
    if provider is None or provider in provider_table().no_model_catalog:
        return None
    # the name spells the provider (gitee_ai ~ giteeai, dashscope ~ alibaba-dashscope), not a
    # family it serves (qwen ~ alibaba-dashscope, claude ~ anthropic)
    pid = re.sub(r"[^a-z0-9]", "", provider)
    return provider if len(joined) >= 4 and joined in pid else None


def _hosted_shape(value: object) -> bool:
    """A name a hosted API takes as its model: no repo id, no Ollama tag, with a version digit."""
    mv = classify_model_value(value, context="provider")
    if mv is None or mv.kind is not None or not isinstance(value, str):
        return False
    return any(ch.isdigit() for ch in value)


def emit_provider_catalog(
    out: ServiceEmitter, name: str, members: list[tuple[object, int]]
) -> bool:
    """Report the members of a provider-named model list as that provider's hosted models.

    True when ``name`` names a hosted provider and at least 80% of ``members`` (two or more)
    are shaped like hosted model names; members of any other shape are skipped.
    """
    provider = provider_named_by(name)
    if provider is None or len(members) < MIN_MEMBERS:
        return False
    shaped = [(v, line) for v, line in members if _hosted_shape(v)]
    if len(shaped) < MIN_MEMBERS or len(shaped) * 5 < len(members) * 4:
        return False
    for value, line in shaped:
        assert isinstance(value, str)
        out.emit_service(provider, None, value.strip(), None, line)
    return True


def emit_provider_constant(
    out: ServiceEmitter, name: str, value: ast.expr | None, line: int
) -> bool:
    """``DEEPSEEK_V4_PRO = "deepseek-v4-pro"``: a constant named after a provider, holding a
    versioned name that starts with that provider's name, is one of the provider's models.

    The name must spell the provider (as for model lists) and so must the value's first word;
    a value a pattern gives to another provider is left to the other rules.
    """
    if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return False
    words = name.lower().strip("_").split("_")
    if len(words) < 2:
        return False
    text = value.value.strip()
    head = text.lower().split("-", 1)[0]
    if head != words[0] or not _hosted_shape(text) or "-" not in text:
        return False
    provider = provider_alias(head, "names", "litellm")
    if provider is None or provider in provider_table().no_model_catalog:
        return False
    if head not in re.sub(r"[^a-z0-9]", "", provider) or len(head) < 4:
        return False  # a family's name (qwen-, claude-), not the provider's
    known = classify_model_value(text)
    if known is not None and known.provider not in (None, provider):
        return False
    out.emit_service(provider, None, text, None, line)
    return True


# SUPPORTED_ENDPOINT_TYPES, PROVIDERS, supported_providers, LLM_PROVIDER_LIST
_ROUTE_LIST_NAME = re.compile(
    r"(?i)(?:^|_)(?:endpoint_types|providers|provider_list|provider_names)$"
)
MIN_ROUTES = 3


def emit_provider_route_list(out: ServiceEmitter, name: str, value: ast.expr | None) -> bool:
    """``SUPPORTED_ENDPOINT_TYPES = ["openai", "gemini", "anthropic", ...]``: a list of provider
    route prefixes (LiteLLM's ``provider/model``) the program accepts is a provider catalog;
    each known hosted provider in it is a service it can call.

    Every member must be a LiteLLM provider name (three or more), so a list mixing other words
    is left alone; providers without a fixed API (Azure deployments, self-hosted servers,
    Ollama) are left to the rules that see their endpoint.
    """
    if not _ROUTE_LIST_NAME.search(name) or not isinstance(value, (ast.List, ast.Tuple)):
        return False
    found: list[tuple[str, int]] = []
    for elt in value.elts:
        if not (isinstance(elt, ast.Constant) and isinstance(elt.value, str)):
            return False
        provider = provider_alias(elt.value.strip().lower(), "litellm")
        if provider is None:
            return False
        found.append((provider, elt.lineno))
    if len(found) < MIN_ROUTES:
        return False
    for provider, line in found:
        if provider not in provider_table().no_model_catalog:
            out.emit_service(provider, None, None, None, line)
    return True
