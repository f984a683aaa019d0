"""Which provider serves each member of a model enum.

An agent framework's model enum lists every model of every platform it supports, and the
same name is often offered by several platforms (``gpt-4o`` at OpenAI, Azure and CometAPI) or
by a platform other than the one its pattern suggests (``grok-3`` through CometAPI, ``GLM-4.5``
through Nebius). The enum itself says which platform each member belongs to:

* a predicate named after a provider that tests membership of a literal set of the enum's own
  members (``def is_cerebras(self): return self in {ModelType.CEREBRAS_LLAMA_3_1_8B, ...}``);
  a family's name counts here (``is_gemini``, ``is_qwen``: the family's vendor), and so does a
  short provider name (``is_yi``);
* else a member name that starts with a word spelling a provider itself (``CEREBRAS_``,
  ``COMETAPI_``, ``NEBIUS_``; not a family such as ``CLAUDE_`` or ``GPT_``, which says what the
  model is, not who serves it).

Members the enum attributes this way are that provider's models whatever their shape (a
platform's own spelling, ``llama3.1-8b`` at Cerebras); other members keep the provider their
name's pattern gives.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from aibom.inventory import ModelKind
from aibom.knowledge.classify import classify_model_value
from aibom.knowledge.providers import get_provider, provider_alias, provider_spelled_in
from aibom.knowledge.tables import model_strings
from aibom.scanners.kernel import key_words
from aibom.scanners.python.emission import ServiceEmitter

# a name a hosted API takes as its model: no spaces, at least one letter, not a bare word
_MODEL_SHAPE = re.compile(r"[A-Za-z0-9][\w.:/-]{0,159}")
MAX_PREDICATES = 200  # provider predicates read per enum
_LOCAL = frozenset({"self-hosted", "ollama"})  # servers of the user's own, not a hosted API


def _predicate_provider(name: str) -> str | None:
    """The provider an ``is_<provider>`` predicate names (``is_aws_bedrock``, ``is_yi``)."""
    if not name.startswith("is_") or len(name) <= 3:
        return None
    words = tuple(w for w in name[3:].lower().split("_") if w)
    for joined in ("-".join(words), "".join(words)):
        if get_provider(joined) is not None:
            return joined
        pid = provider_alias(joined, "names", "config", "litellm")
        if pid is not None:
            return pid
    found = provider_spelled_in(words)
    return found[0] if found is not None else None


def _set_members(fn: ast.FunctionDef, enum: str) -> list[str] | None:
    """``return self in {Enum.A, Enum.B}``: the member names tested (None for any other body)."""
    body = [
        s for s in fn.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    ]
    if len(body) != 1 or not isinstance(body[0], ast.Return):
        return None
    test = body[0].value
    if not (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "self"
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.In)
        and isinstance(test.comparators[0], (ast.Set, ast.List, ast.Tuple))
    ):
        return None
    names: list[str] = []
    for elt in test.comparators[0].elts:
        if isinstance(elt, ast.Attribute) and isinstance(elt.value, ast.Name):
            if elt.value.id not in (enum, "cls", "self"):
                return None
            names.append(elt.attr)
        else:
            return None
    return names


def _name_provider(member: str) -> str | None:
    """The provider a member's first word spells (``CEREBRAS_LLAMA_3_1_8B`` -> cerebras)."""
    words = key_words(member)
    if not words:
        return None
    found = provider_spelled_in(words[:1])
    return found[0] if found is not None and found[1] else None


def member_providers(cls: ast.ClassDef, members: list[str]) -> dict[str, list[str]]:
    """Member name -> the providers that serve it, for the members the enum attributes."""
    out: dict[str, list[str]] = {}
    read = 0
    for stmt in cls.body:
        if not isinstance(stmt, ast.FunctionDef) or read >= MAX_PREDICATES:
            continue
        provider = _predicate_provider(stmt.name)
        if provider is None:
            continue
        tested = _set_members(stmt, cls.name)
        if tested is None:
            continue
        read += 1
        for member in tested:
            if provider not in out.setdefault(member, []):
                out[member].append(provider)
    for member in members:
        if member not in out:
            provider = _name_provider(member)
            if provider is not None:
                out[member] = [provider]
    return out


def served_name(value: object) -> str | None:
    """``value`` when it is shaped like a model name a platform serves, else None."""
    if not isinstance(value, str):
        return None
    v = value.strip()
    if (
        not _MODEL_SHAPE.fullmatch(v)
        or not any(c.isalpha() for c in v)
        or v[-1] in "-/:._"
        or v.lower() in model_strings().generic_names
        or not any(c.isdigit() or c in "-./" for c in v)
    ):
        return None
    return v


def emit_enum_members(
    out: ServiceEmitter,
    cls: ast.ClassDef,
    names: list[str],
    members: list[tuple[object, int]],
    recognised: Callable[[object], bool],
) -> list[tuple[object, int]] | None:
    """Report the members of a model enum that the enum attributes to a provider, each as that
    provider's model; the members left to the catalog's patterns are returned (None: the enum
    is no catalog).

    The enum is a catalog when two or more members are recognised model names and four in five
    are recognised or attributed names. A hub id a hosted platform serves is also a hub model
    (returned as well); at a local server (LM Studio, SGLang) a name some pattern knows keeps
    its pattern's reading and only other names are the server's.
    """
    providers = member_providers(cls, names)
    strict = sum(1 for value, _ in members if recognised(value))
    ok = sum(
        1
        for name, (value, _) in zip(names, members, strict=True)
        if recognised(value) or (name in providers and served_name(value) is not None)
    )
    if strict < 2 or ok * 5 < len(members) * 4:
        return None
    plain: list[tuple[object, int]] = []
    for name, (value, line) in zip(names, members, strict=True):
        served = served_name(value)
        serving = providers.get(name, [])
        if served is None or not serving:
            plain.append((value, line))
            continue
        mv = classify_model_value(served)
        if mv is not None and (mv.kind is ModelKind.HUB or set(serving) <= _LOCAL):
            plain.append((value, line))
        for provider in serving:
            if provider in _LOCAL and mv is not None:
                continue
            out.emit_service(provider, None, served, None, line)
    return plain
