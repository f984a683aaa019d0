"""Positional fields of a project's record class, and the API base a record is built with.

``LLMConfig("gpt-5-2025-08-07", ["OPENAI_API_KEY"], supports_vision=True)``: a dataclass (or
attrs class, or ``NamedTuple``) takes its fields positionally in declaration order, base
classes' fields first, so the first argument is the ``model_name`` field the class declares
(``class LLMConfigBase: model_name: str``). A registry of such records is the catalog of
models the program offers, each one as much a model setting as ``LLMConfig(model_name=...)``.

A record that also carries the API base it talks to (``litellm_params=LiteLLMParams(
api_base="https://api.novita.ai/v3/openai")``, one level of nesting) names the provider: a
LiteLLM ``openai/<model>`` route sent to Novita's OpenAI-compatible endpoint is Novita's model,
as ``litellm.completion(model=..., api_base=...)`` is read.
"""

from __future__ import annotations

import ast
import re

from aibom.scanners.python.inheritance import class_lineage
from aibom.scanners.python_resolve import ClassInfo, ModuleIndex, tail_name

# decorators making a class take its annotated fields as __init__ parameters, in order
_RECORD_DECORATORS = frozenset({"dataclass", "define", "frozen", "mutable", "attrs", "s"})
_TUPLE_BASES = frozenset({"NamedTuple"})
_API_BASE_KEY = re.compile(r"(?i)^(api_base|base_url|api_base_url)$")


def _decorator_record(node: ast.ClassDef) -> bool | None:
    """True for a positional record decorator, False for one with ``kw_only=True``, else None."""
    for deco in node.decorator_list:
        func = deco.func if isinstance(deco, ast.Call) else deco
        if tail_name(func) not in _RECORD_DECORATORS:
            continue
        kw_only = isinstance(deco, ast.Call) and any(
            kw.arg == "kw_only" and not (isinstance(kw.value, ast.Constant) and not kw.value.value)
            for kw in deco.keywords
        )
        return not kw_only
    return None


def _init_field(stmt: ast.stmt) -> str | None:
    """The name of an annotated class-body field the generated ``__init__`` takes."""
    if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
        return None
    ann = stmt.annotation
    if tail_name(ann.value if isinstance(ann, ast.Subscript) else ann) in ("ClassVar", "KW_ONLY"):
        return None
    value = stmt.value
    if isinstance(value, ast.Call) and any(
        kw.arg in ("init", "kw_only") and isinstance(kw.value, ast.Constant)
        and kw.value.value is (kw.arg == "kw_only")
        for kw in value.keywords
    ):  # fmt: skip
        return None  # field(init=False) / field(kw_only=True)
    return stmt.target.id


def positional_fields(ix: ModuleIndex, cls: ClassInfo) -> list[str]:
    """The fields ``cls(...)`` fills positionally, in order; empty when that is not known.

    Known for a dataclass-style record whose whole lineage is in the module (an imported base
    may declare fields of its own) and for a ``NamedTuple``.
    """
    lineage = list(class_lineage(ix, cls))
    records = [_decorator_record(c.node) for c in lineage]
    tuple_record = any(tail_name_of(b) in _TUPLE_BASES for c in lineage for b in c.bases)
    if False in records or not (records[0] or tuple_record):
        return []
    names = {c.name for c in lineage}
    for c in lineage:
        if len(c.bases) > 1 or any(
            tail_name_of(b) not in names and tail_name_of(b) not in _TUPLE_BASES
            and tail_name_of(b) not in ("object", "Generic")
            for b in c.bases
        ):  # fmt: skip
            return []  # an imported or second base: field order unknown
    out: list[str] = []
    for c in reversed(lineage):  # base classes' fields first
        for stmt in c.node.body:
            name = _init_field(stmt)
            if name is not None and name not in out:
                out.append(name)
    return out


def tail_name_of(base: str) -> str:
    """``typing.NamedTuple`` -> ``NamedTuple``; ``Generic[T]`` -> ``Generic``."""
    return base.split("[", 1)[0].rsplit(".", 1)[-1]


def record_api_base(call: ast.Call) -> ast.expr | None:
    """The API base a record call is built with: its own ``api_base=``/``base_url=`` keyword or
    that of a call or dict literal passed as one of its keywords (one level)."""
    for kw in call.keywords:
        if kw.arg is not None and _API_BASE_KEY.match(kw.arg):
            return kw.value
    for kw in call.keywords:
        inner = kw.value
        if isinstance(inner, ast.Call):
            for ikw in inner.keywords:
                if ikw.arg is not None and _API_BASE_KEY.match(ikw.arg):
                    return ikw.value
        elif isinstance(inner, ast.Dict):
            for k, v in zip(inner.keys, inner.values, strict=False):
                if (
                    isinstance(k, ast.Constant)
                    and isinstance(k.value, str)
                    and (_API_BASE_KEY.match(k.value))
                ):
                    return v
    return None
