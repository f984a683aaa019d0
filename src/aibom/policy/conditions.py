"""The rule condition language: field tests combined with all / any / not.

A condition is one of::

    field: <fact name>        # one of aibom.policy.facts.FIELDS
    <op>: <value>             # one or more ops; all must hold

    all: [<condition>, ...]   # every one holds
    any: [<condition>, ...]   # at least one holds
    not: <condition>          # does not hold

Ops (string comparisons ignore case, except ``regex``):

- ``equals`` / ``not_equals``: the fact (or, for a list fact, any element) equals the value
- ``in`` / ``not_in``: the fact (or any element of a list fact) is one of the listed values
- ``matches``: shell-style glob (``*``, ``?``, ``[...]``), a string or a list of globs
- ``regex``: Python regular expression, searched anywhere in the value
- ``exists``: ``true`` when the fact is known (non-empty), ``false`` when it is absent
- ``gte`` / ``lte``: ordered comparison; ``lineage.confidence`` orders low < medium < high

Negative ops (``not_equals``, ``not_in``) hold when the fact is absent; combine them with
``exists: true`` to require the fact. A value written ``$name`` (the whole value) is the
policy parameter ``name``, e.g. ``in: $restricted_countries``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from aibom.policy.facts import FIELDS, ComponentFacts

OPS: tuple[str, ...] = (
    "equals",
    "not_equals",
    "in",
    "not_in",
    "matches",
    "regex",
    "exists",
    "gte",
    "lte",
)
COMBINATORS: tuple[str, ...] = ("all", "any", "not")
CONFIDENCE_ORDER: dict[str, int] = {"low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True)
class ParamRef:
    """A ``$name`` reference to a policy parameter, resolved when the policy is loaded."""

    name: str


@dataclass(frozen=True)
class FieldTest:
    """``field`` tested with one op."""

    field: str
    op: str
    value: Any
    line: int | None = None


@dataclass(frozen=True)
class AllOf:
    """Every sub-condition holds."""

    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one sub-condition holds."""

    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    """The sub-condition does not hold."""

    item: Condition


Condition = FieldTest | AllOf | AnyOf | Not


@dataclass(frozen=True)
class Match:
    """Outcome of a condition: whether it holds and the fact values that made it hold.

    ``matched`` collects the values picked out by ``in``, ``matches``, ``regex``, ``gte`` and
    ``lte`` tests (the ``{matched}`` message placeholder), e.g. the restricted countries found.
    """

    ok: bool
    matched: tuple[str, ...] = ()


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _eq(fact: Any, value: Any) -> bool:
    if isinstance(fact, bool) or isinstance(value, bool):
        return isinstance(fact, bool) and isinstance(value, bool) and fact is value
    return bool(_fold(fact) == _fold(value))


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _order(field: str, value: Any) -> float | None:
    if FIELDS[field].kind == "confidence" or (
        isinstance(value, str) and value.lower() in CONFIDENCE_ORDER
    ):
        return CONFIDENCE_ORDER.get(str(value).lower())
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return None


def _present(fact: Any) -> bool:
    return fact is not None and fact != [] and fact != ""


def _element_test(test: FieldTest, element: Any) -> bool:
    op, value = test.op, test.value
    if op in ("equals", "not_equals"):
        return _eq(element, value)
    if op in ("in", "not_in"):
        return any(_eq(element, v) for v in value)
    if op == "matches":
        patterns = value if isinstance(value, list) else [value]
        text = _as_text(element).casefold()
        return any(fnmatchcase(text, str(p).casefold()) for p in patterns)
    if op == "regex":
        return re.search(value, _as_text(element)) is not None
    if op in ("gte", "lte"):
        left, right = _order(test.field, element), _order(test.field, value)
        if left is None or right is None:
            return False
        return left >= right if op == "gte" else left <= right
    raise ValueError(f"unknown op {op}")  # pragma: no cover - validated on load


def _field_test(test: FieldTest, facts: ComponentFacts) -> Match:
    fact = facts.get(test.field)
    if test.op == "exists":
        return Match(_present(fact) is bool(test.value))
    elements = fact if isinstance(fact, list) else ([fact] if _present(fact) else [])
    hits = [e for e in elements if _element_test(test, e)]
    if test.op in ("not_equals", "not_in"):
        return Match(not hits)
    if test.op == "equals":  # the value is already in the rule; nothing to report
        return Match(bool(hits))
    return Match(bool(hits), tuple(_as_text(h) for h in hits))


def evaluate_condition(cond: Condition, facts: ComponentFacts) -> Match:
    """Evaluate ``cond`` over one component's facts."""
    if isinstance(cond, FieldTest):
        return _field_test(cond, facts)
    if isinstance(cond, AllOf):
        matched: list[str] = []
        for item in cond.items:
            m = evaluate_condition(item, facts)
            if not m.ok:
                return Match(False)
            matched.extend(m.matched)
        return Match(True, tuple(dict.fromkeys(matched)))
    if isinstance(cond, AnyOf):
        matched = []
        ok = False
        for item in cond.items:
            m = evaluate_condition(item, facts)
            if m.ok:
                ok = True
                matched.extend(m.matched)
        return Match(ok, tuple(dict.fromkeys(matched)) if ok else ())
    return Match(not evaluate_condition(cond.item, facts).ok)


def resolve_params(
    cond: Condition, params: Mapping[str, Any], used: set[str] | None = None
) -> Condition:
    """Replace every ``$name`` value by the parameter's value; KeyError(name, line) when undefined."""
    if isinstance(cond, FieldTest):
        if isinstance(cond.value, ParamRef):
            if cond.value.name not in params:
                raise KeyError((cond.value.name, cond.line))
            if used is not None:
                used.add(cond.value.name)
            return FieldTest(cond.field, cond.op, params[cond.value.name], cond.line)
        return cond
    if isinstance(cond, AllOf):
        return AllOf(tuple(resolve_params(c, params, used) for c in cond.items))
    if isinstance(cond, AnyOf):
        return AnyOf(tuple(resolve_params(c, params, used) for c in cond.items))
    return Not(resolve_params(cond.item, params, used))


def param_refs(cond: Condition) -> set[str]:
    """Names of the parameters a condition refers to."""
    if isinstance(cond, FieldTest):
        return {cond.value.name} if isinstance(cond.value, ParamRef) else set()
    if isinstance(cond, (AllOf, AnyOf)):
        out: set[str] = set()
        for c in cond.items:
            out |= param_refs(c)
        return out
    return param_refs(cond.item)


def check_value(test: FieldTest) -> str | None:
    """Why ``test``'s (resolved) value does not suit its op and field, or None when it does."""
    kind = FIELDS[test.field].kind
    op, value = test.op, test.value
    if op == "exists":
        return None if isinstance(value, bool) else "'exists' takes true or false"
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            return f"'{op}' takes a non-empty list of values"
        if kind != "bool" and any(isinstance(v, bool) for v in value):
            return (
                f"'{op}' list holds a yes/no value: quote it (YAML reads unquoted yes/no/on/off "
                "only as text here, but true/false as booleans)"
            )
        if any(isinstance(v, (dict, list)) for v in value):
            return f"'{op}' list items must be plain values"
        return None
    if op in ("equals", "not_equals"):
        if isinstance(value, (dict, list)):
            return f"'{op}' takes one value; use 'in' for a list"
        if kind == "bool" and not isinstance(value, bool):
            return f"'{test.field}' is true or false"
        return None
    if op == "matches":
        items = value if isinstance(value, list) else [value]
        if not items or not all(isinstance(v, str) for v in items):
            return "'matches' takes a glob pattern or a list of them"
        return None
    if op == "regex":
        if not isinstance(value, str):
            return "'regex' takes a regular expression string"
        try:
            re.compile(value)
        except re.error as exc:
            return f"invalid regular expression: {exc}"
        return None
    if op in ("gte", "lte"):
        if kind == "confidence":
            if not (isinstance(value, str) and value.lower() in CONFIDENCE_ORDER):
                return f"'{test.field}' is compared with low, medium or high"
            return None
        ordered = [name for name, spec in FIELDS.items() if spec.kind == "confidence"]
        return f"'{op}' compares ordered facts only ({', '.join(ordered)})"
    return f"unknown op '{op}'"  # pragma: no cover


def fields_in(cond: Condition) -> Sequence[str]:
    """Every field a condition tests (for documentation and checks)."""
    if isinstance(cond, FieldTest):
        return [cond.field]
    if isinstance(cond, (AllOf, AnyOf)):
        return [f for c in cond.items for f in fields_in(c)]
    return fields_in(cond.item)
