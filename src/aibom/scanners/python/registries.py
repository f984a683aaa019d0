"""Model classes registered under the hub id they load: ``@tables.register("model_classes", "Qwen/Qwen3-ASR-0.6B")``.

A framework's registry decorator maps the names users pass (``AutoModel(model="Qwen/...")``)
to the class that builds the model; when the registered name is a hub repo id, the class is
that repository's loader and the id a model the program offers. Only a registry whose name
(an argument, or the registry object the decorator hangs on) says it holds models counts, and
only names with hub id syntax are read; a class's own name (``"Qwen3ASR"``) is no model.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

from aibom.knowledge.classify import parse_hub_id
from aibom.scanners.python_resolve import tail_name

_REGISTER = frozenset({"register", "register_module", "register_model"})
_MODEL_REGISTRY = re.compile(r"(?i)model")


def _call_name(call: ast.Call) -> str:
    return tail_name(call.func)


def _texts(call: ast.Call) -> list[tuple[str, int]]:
    args = [*call.args, *(kw.value for kw in call.keywords)]
    return [
        (a.value.strip(), a.lineno)
        for a in args
        if isinstance(a, ast.Constant) and isinstance(a.value, str)
    ]


def registered_hub_ids(
    tree: ast.Module, calls: Iterable[ast.Call] | None = None
) -> list[tuple[str, int]]:
    """``(hub id, line)`` of each class a model registry decorator registers under a hub id.

    ``calls`` are the module's calls when the caller already has them (the module index): the
    tree is walked only when one of them is a ``register``-style call.
    """
    if calls is not None and not any(_call_name(c) in _REGISTER for c in calls):
        return []
    out: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        for deco in node.decorator_list:
            if not isinstance(deco, ast.Call):
                continue
            if _call_name(deco) not in _REGISTER:
                continue
            func = deco.func
            owner_name = tail_name(func.value) if isinstance(func, ast.Attribute) else ""
            texts = _texts(deco)
            ids = [(text, line) for text, line in texts if parse_hub_id(text) is not None]
            says_models = _MODEL_REGISTRY.search(owner_name) or any(
                _MODEL_REGISTRY.search(text) and parse_hub_id(text) is None for text, _ in texts
            )
            if ids and says_models:
                out.extend(ids)
    return out


_PROVIDER_REGISTER = re.compile(r"(?i)regist\w*provider|provider\w*regist")


def provider_registrations(
    tree: ast.Module, calls: Iterable[ast.Call] | None = None
) -> list[tuple[ast.expr, int]]:
    """``(argument, line)`` of each name a provider registry decorator registers a class under.

    ``@register_provider([LLMType.OPENAI, LLMType.FIREWORKS])`` on ``class OpenAILLM``: the
    class is the client the program builds for each of those provider types, so each one
    the caller resolves to a known provider is a service the program offers. Only a
    decorator whose name says it registers providers counts.
    """
    if calls is not None and not any(_PROVIDER_REGISTER.search(_call_name(c)) for c in calls):
        return []
    out: list[tuple[ast.expr, int]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        for deco in node.decorator_list:
            if not isinstance(deco, ast.Call) or not _PROVIDER_REGISTER.search(_call_name(deco)):
                continue
            for arg in [*deco.args, *(kw.value for kw in deco.keywords)]:
                members = arg.elts if isinstance(arg, (ast.List, ast.Tuple, ast.Set)) else [arg]
                out.extend((m, m.lineno) for m in members if not isinstance(m, ast.Starred))
    return out
