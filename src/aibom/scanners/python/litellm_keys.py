"""Providers a LiteLLM program is set up to call: the credentials it hands LiteLLM per provider.

A program that sends every request through LiteLLM names no provider at the call: the model
string the user configures picks one (``groq/llama3-70b``). What the program ships is the set
up for each provider it supports, in LiteLLM's own globals or in the environment variables
LiteLLM reads::

    litellm.cohere_key = get_settings().cohere.key          # cohere
    litellm.api_key = get_settings().groq.key               # groq (the settings section says it)
    litellm.vertex_project = get_settings().vertexai.vertex_project   # google
    os.environ["DEEPSEEK_API_KEY"] = get_settings().get("DEEPSEEK.KEY")  # deepseek

Each such assignment, in a module that imports ``litellm``, says the program can call that
provider: a service (provider, no endpoint) at its line. The provider is read from the
attribute's or variable's prefix (``cohere_key``, ``GEMINI_API_KEY``) through the provider
aliases (``gemini`` is Google's), or, for LiteLLM's generic ``api_key`` / ``api_base``, from
the settings path the value is read from. Nothing else is walked: the module index's
assignments are read, and each value only for its names.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator

from aibom.knowledge.classify import provider_from_name
from aibom.knowledge.providers import provider_alias

# LiteLLM globals naming a provider's credential or project: cohere_key, vertex_project
_KEYED_GLOBAL = re.compile(r"(?P<p>[a-z][a-z0-9]*?)_(?:api_)?(?:key|token|project|location)")
# LiteLLM globals that hold whatever provider's credential or base URL the program sets
_GENERIC_GLOBALS = frozenset({"api_key", "api_base"})
# environment variables LiteLLM reads per provider: DEEPSEEK_API_KEY, GEMINI_API_KEY
_PROVIDER_ENV = re.compile(r"(?P<p>[A-Z][A-Z0-9]*?)_API_(?:KEY|TOKEN|BASE)")
# the settings path words of a provider section: get_settings().groq.key, get("XAI.KEY")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _provider(word: str) -> str | None:
    w = word.strip().lower()
    return provider_from_name(w) or provider_alias(w, "names")


def _value_provider(value: ast.expr) -> str | None:
    """The one provider the names in a value's settings path spell (``get_settings().groq.key``)."""
    found: set[str] = set()
    stack: list[ast.AST] = [value]
    budget = 64
    while stack and budget > 0:
        node = stack.pop()
        budget -= 1
        words: list[str] = []
        if isinstance(node, ast.Attribute):
            words = [node.attr]
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 80
        ):
            words = _WORD.findall(node.value)
        for w in words:
            if (p := _provider(w)) is not None:
                found.add(p)
        stack.extend(ast.iter_child_nodes(node))
    return next(iter(found)) if len(found) == 1 else None


def litellm_providers(
    assigns: Iterable[ast.Assign | ast.AnnAssign], is_litellm: Iterable[str]
) -> Iterator[tuple[str, int]]:
    """(provider, line) of every provider set-up described in the module docstring;
    ``is_litellm``: the local names bound to the ``litellm`` module."""
    modules = set(is_litellm)
    if not modules:
        return
    for node in assigns:
        if node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            provider: str | None = None
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id in modules
            ):
                if target.attr in _GENERIC_GLOBALS:
                    provider = _value_provider(node.value)
                elif (m := _KEYED_GLOBAL.fullmatch(target.attr)) is not None:
                    provider = _provider(m["p"])
            elif (
                isinstance(target, ast.Subscript)
                and isinstance(target.value, ast.Attribute)
                and target.value.attr == "environ"
                and isinstance(target.value.value, ast.Name)
                and target.value.value.id == "os"
                and isinstance(target.slice, ast.Constant)
                and isinstance(target.slice.value, str)
                and (m := _PROVIDER_ENV.fullmatch(target.slice.value)) is not None
            ):
                provider = _provider(m["p"])
            if provider is not None:
                yield provider, node.lineno
