"""Load and validate policy files (bundled packs or paths) into one :class:`Policy`.

A policy file::

    name: my-company
    description: What this policy is for.
    extends: [default]               # bundled pack names or paths (relative to this file)
    parameters:                      # override or add parameters
      restricted_countries: [CN, RU]
    rules:                           # new rules; a rule with an existing id replaces it
      - id: no-gguf
        description: GGUF files are not allowed in production images.
        severity: warning            # error | warning | info
        when:
          field: weights.formats
          in: [gguf]
        message: "{name} ships GGUF weights"   # {fact} placeholders, {matched}
        help: How to fix it or ask for a waiver.
        tags: [supply-chain]
    overrides:                       # change inherited rules
      unpinned-revision: {severity: warning}
      unhashed-weights: {enabled: false}
    waivers: [...]                   # see aibom.policy.waivers

Several ``--policy`` options merge in order, like ``extends``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from aibom.policy.conditions import (
    COMBINATORS,
    OPS,
    AllOf,
    AnyOf,
    Condition,
    FieldTest,
    Not,
    ParamRef,
    check_value,
    param_refs,
    resolve_params,
)
from aibom.policy.facts import FIELDS
from aibom.policy.schema import (
    LineMap,
    PolicyError,
    check_keys,
    expect_list,
    expect_map,
    expect_str,
    load_yaml,
    suggest,
)
from aibom.policy.waivers import Waiver, parse_waivers

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
POLICY_KEYS: tuple[str, ...] = (
    "name",
    "description",
    "extends",
    "parameters",
    "rules",
    "overrides",
    "waivers",
)
RULE_KEYS: tuple[str, ...] = ("id", "description", "severity", "when", "message", "help", "tags")
OVERRIDE_KEYS: tuple[str, ...] = ("severity", "enabled")
BUNDLED_PACKS: tuple[str, ...] = (
    "default",
    "license-commercial",
    "origin-restricted",
    "provenance",
)

_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_PARAM = re.compile(r"^\$([A-Za-z_][A-Za-z0-9_]*)$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Rule:
    """One named check."""

    id: str
    description: str
    severity: str
    condition: Condition
    message: str = ""  # template with {fact} and {matched} placeholders
    help: str = ""
    tags: tuple[str, ...] = ()
    source: str = ""  # "file:line"


@dataclass
class Policy:
    """Rules, parameters and waivers merged from one or more policy files."""

    rules: tuple[Rule, ...]
    parameters: dict[str, Any] = field(default_factory=dict)
    waivers: list[Waiver] = field(default_factory=list)
    sources: tuple[str, ...] = ()  # pack names / paths, in load order
    names: tuple[str, ...] = ()  # the `name:` (else the path) of every pack loaded, in order


def bundled_pack_text(name: str) -> str:
    """Text of a bundled pack (``default``, ``origin-restricted``, ...)."""
    return (
        resources.files("aibom.policy")
        .joinpath("data")
        .joinpath(f"{name}.yaml")
        .read_text(encoding="utf-8")
    )


# --- parsing


def _parse_value(value: Any) -> Any:
    if isinstance(value, str):
        m = _PARAM.match(value.strip())
        if m:
            return ParamRef(m.group(1))
    return value


def _reject_embedded_params(value: Any, label: str, line: int, op: str) -> None:
    """A parameter is a whole value (`in: $name`); `[$name, X]` or `{{ params.x }}` would be inert text."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if not isinstance(item, str):
            continue
        text = item.strip()
        if "{{" in text or (isinstance(value, list) and _PARAM.match(text)):
            name = re.sub(r"[^A-Za-z0-9_]", "", text.split(".")[-1]) or "name"
            raise PolicyError(
                f"{label}:{line}: parameter reference {text!r} inside a value; a parameter is the whole"
                f" value: write '{op}: ${name}'"
            )


def parse_condition(node: Any, label: str, line: int) -> Condition:
    """Parse one condition mapping (see :mod:`aibom.policy.conditions`)."""
    cond = expect_map(node, label, line, "a condition")
    if not cond:
        raise PolicyError(
            f"{label}:{line}: empty condition; write 'field:' with an op, or all/any/not"
        )
    combinators = [k for k in cond if k in COMBINATORS]
    if combinators:
        if len(cond) != 1:
            other = next(k for k in cond if k != combinators[0])
            raise PolicyError(
                f"{label}:{cond.line_of(other)}: '{combinators[0]}' must stand alone in its condition;"
                f" move '{other}' into a separate list item"
            )
        key = combinators[0]
        kline = cond.line_of(key)
        if key == "not":
            return Not(parse_condition(cond[key], label, kline))
        items = expect_list(cond[key], label, kline, f"'{key}'")
        if not items:
            raise PolicyError(f"{label}:{kline}: '{key}' needs at least one condition")
        parsed = tuple(parse_condition(item, label, kline) for item in items)
        return AllOf(parsed) if key == "all" else AnyOf(parsed)
    check_keys(cond, ("field", *OPS), label, "a condition (use field + op, or all/any/not)")
    if "field" not in cond:
        raise PolicyError(
            f"{label}:{cond.line}: condition has no 'field'; add 'field: <fact name>' or use all/any/not"
        )
    fname = cond["field"]
    fline = cond.line_of("field")
    if not isinstance(fname, str) or fname not in FIELDS:
        raise PolicyError(
            f"{label}:{fline}: unknown field '{fname}'{suggest(str(fname), FIELDS)}"
            f" (known fields: {', '.join(FIELDS)})"
        )
    ops = [k for k in cond if k != "field"]
    if not ops:
        raise PolicyError(
            f"{label}:{fline}: field '{fname}' has no op; add one of: {', '.join(OPS)}"
        )
    tests: list[Condition] = []
    for op in ops:
        test = FieldTest(fname, op, _parse_value(cond[op]), cond.line_of(op))
        _reject_embedded_params(cond[op], label, cond.line_of(op), op)
        if not isinstance(test.value, ParamRef):
            problem = check_value(test)
            if problem:
                raise PolicyError(f"{label}:{test.line}: {problem}")
        tests.append(test)
    return tests[0] if len(tests) == 1 else AllOf(tuple(tests))


def _check_message(template: str, label: str, line: int) -> None:
    for name in _PLACEHOLDER.findall(template):
        if name != "matched" and name not in FIELDS:
            raise PolicyError(
                f"{label}:{line}: unknown placeholder '{{{name}}}' in message{suggest(name, [*FIELDS, 'matched'])}"
                " (placeholders are fact names or {matched})"
            )


def parse_rule(node: Any, label: str, line: int) -> Rule:
    """Parse and validate one rule."""
    rule = expect_map(node, label, line, "each rule")
    check_keys(rule, RULE_KEYS, label, "rule", required=("id", "description", "severity", "when"))
    rid = rule["id"]
    if not isinstance(rid, str) or not _RULE_ID.match(rid):
        raise PolicyError(
            f"{label}:{rule.line_of('id')}: rule id {rid!r} must be lowercase letters, digits, '-', '.' or '_'"
        )
    severity = rule["severity"]
    if severity not in SEVERITIES:
        raise PolicyError(
            f"{label}:{rule.line_of('severity')}: severity {severity!r} must be one of"
            f" {', '.join(SEVERITIES)}{suggest(str(severity), SEVERITIES)}"
        )
    description = expect_str(
        rule["description"], label, rule.line_of("description"), "rule 'description'"
    )
    message = ""
    if "message" in rule:
        message = expect_str(rule["message"], label, rule.line_of("message"), "rule 'message'")
        _check_message(message, label, rule.line_of("message"))
    help_text = ""
    if "help" in rule:
        help_text = expect_str(rule["help"], label, rule.line_of("help"), "rule 'help'")
    tags: tuple[str, ...] = ()
    if "tags" in rule:
        raw = expect_list(rule["tags"], label, rule.line_of("tags"), "rule 'tags'")
        tags = tuple(expect_str(t, label, rule.line_of("tags"), "each tag") for t in raw)
    condition = parse_condition(rule["when"], label, rule.line_of("when"))
    return Rule(
        id=rid,
        description=description,
        severity=severity,
        condition=condition,
        message=message,
        help=help_text,
        tags=tags,
        source=f"{label}:{rule.line}",
    )


# --- merging packs


@dataclass
class _State:
    rules: dict[str, Rule] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    param_sources: dict[str, str] = field(default_factory=dict)
    waivers: list[Waiver] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    loaded: set[str] = field(default_factory=set)


def _locate(
    spec: str, base: Path | None, label: str, line: int | None
) -> tuple[str, str | None, Path | None]:
    """(label, bundled name, path) for a spec."""
    where = f"{label}:{line}: " if label else ""
    candidate = Path(spec) if base is None else base / spec
    looks_like_path = "/" in spec or "\\" in spec or spec.endswith((".yaml", ".yml"))
    if candidate.is_file():
        return str(candidate), None, candidate
    if not looks_like_path and spec in BUNDLED_PACKS:
        return f"bundled:{spec}", spec, None
    if looks_like_path:
        raise PolicyError(f"{where}policy file '{candidate}' not found; check the path")
    raise PolicyError(
        f"{where}unknown policy '{spec}': not a file and not a bundled pack"
        f"{suggest(spec, BUNDLED_PACKS)} (bundled: {', '.join(BUNDLED_PACKS)})"
    )


def _merge_policy(
    spec: str,
    base: Path | None,
    state: _State,
    stack: tuple[str, ...],
    origin: str,
    line: int | None,
) -> None:
    """Read one policy (file or bundled pack) and merge what it extends, then itself, into ``state``."""
    label, bundled, path = _locate(spec, base, origin, line)
    key = f"bundled:{bundled}" if bundled else str(path.resolve() if path else label)
    if key in stack:
        raise PolicyError(
            f"{origin}:{line}: 'extends' cycle: {' -> '.join([*stack, key])}; remove one 'extends'"
        )
    if key in state.loaded:
        return
    if bundled:
        text = bundled_pack_text(bundled)
    else:
        assert path is not None
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyError(f"{label}: cannot read policy file: {exc}") from None
    data = load_yaml(text, label)
    if data is None:
        raise PolicyError(f"{label}: empty policy file; add 'rules:' or 'extends:'")
    root = expect_map(data, label, 1, "a policy file")
    check_keys(root, POLICY_KEYS, label, "a policy file")
    if not any(k in root for k in ("rules", "extends", "parameters", "overrides", "waivers")):
        raise PolicyError(f"{label}:{root.line}: policy has no rules; add 'rules:' or 'extends:'")
    state.loaded.add(key)
    here = path.parent if path is not None else None

    # 1. what it extends, in order
    if "extends" in root:
        ext = root["extends"]
        eline = root.line_of("extends")
        specs = [ext] if isinstance(ext, str) else expect_list(ext, label, eline, "'extends'")
        for item in specs:
            target = expect_str(item, label, eline, "each 'extends' entry")
            # bundled packs extend bundled packs by name; files resolve paths relative to themselves
            _merge_policy(target, here, state, (*stack, key), label, eline)

    name = root.get("name")
    if name is not None:
        state.names.append(expect_str(name, label, root.line_of("name"), "'name'"))
    else:
        state.names.append(bundled or label)
    if "description" in root:
        expect_str(root["description"], label, root.line_of("description"), "'description'")
    state.sources.append(bundled or label)

    # 2. its parameters override
    if "parameters" in root:
        params = expect_map(root["parameters"], label, root.line_of("parameters"), "'parameters'")
        for pname, value in params.items():
            if not isinstance(pname, str) or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", pname):
                raise PolicyError(
                    f"{label}:{params.line_of(pname)}: parameter name {pname!r} must be a word (letters, digits, _)"
                )
            state.params[pname] = value
            state.param_sources[pname] = f"{label}:{params.line_of(pname)}"

    # 3. its rules add or replace
    if "rules" in root and root["rules"] is not None:
        rules = expect_list(root["rules"], label, root.line_of("rules"), "'rules'")
        seen: dict[str, int] = {}
        for item in rules:
            rule = parse_rule(item, label, root.line_of("rules"))
            line_no = int(rule.source.rsplit(":", 1)[1])
            if rule.id in seen:
                raise PolicyError(
                    f"{label}:{line_no}: rule id '{rule.id}' is used twice in this file (first at line {seen[rule.id]});"
                    " give each rule its own id"
                )
            seen[rule.id] = line_no
            state.rules[rule.id] = rule

    # 4. its overrides change inherited rules
    if "overrides" in root and root["overrides"] is not None:
        overrides = expect_map(root["overrides"], label, root.line_of("overrides"), "'overrides'")
        for rid, change in overrides.items():
            oline = overrides.line_of(rid)
            if rid not in state.rules:
                raise PolicyError(
                    f"{label}:{oline}: override for unknown rule '{rid}'{suggest(str(rid), state.rules)}"
                    f" (rules so far: {', '.join(sorted(state.rules)) or 'none'})"
                )
            change_map = expect_map(change, label, oline, f"override of '{rid}'")
            check_keys(change_map, OVERRIDE_KEYS, label, f"override of '{rid}'")
            if "enabled" in change_map:
                enabled = change_map["enabled"]
                if not isinstance(enabled, bool):
                    raise PolicyError(
                        f"{label}:{change_map.line_of('enabled')}: 'enabled' must be true or false"
                    )
                if not enabled:
                    del state.rules[rid]
                    continue
            if "severity" in change_map:
                sev = change_map["severity"]
                if sev not in SEVERITIES:
                    raise PolicyError(
                        f"{label}:{change_map.line_of('severity')}: severity {sev!r} must be one of"
                        f" {', '.join(SEVERITIES)}{suggest(str(sev), SEVERITIES)}"
                    )
                old = state.rules[rid]
                state.rules[rid] = Rule(
                    old.id,
                    old.description,
                    sev,
                    old.condition,
                    old.message,
                    old.help,
                    old.tags,
                    old.source,
                )

    # 5. its waivers
    if "waivers" in root and root["waivers"] is not None:
        state.waivers.extend(parse_waivers(root["waivers"], label, root.line_of("waivers")))


def _finish(state: _State) -> Policy:
    used: set[str] = set()
    rules: list[Rule] = []
    for rule in state.rules.values():
        try:
            condition = resolve_params(rule.condition, state.params, used)
        except KeyError as exc:
            pname, line = exc.args[0]
            where = f"{rule.source.rsplit(':', 1)[0]}:{line}" if line else rule.source
            raise PolicyError(
                f"{where}: rule '{rule.id}' uses undefined parameter '${pname}'"
                f"{suggest(pname, state.params)}; define it under 'parameters:'"
            ) from None
        _check_params(rule.condition, state, rule)
        rules.append(
            Rule(
                rule.id,
                rule.description,
                rule.severity,
                condition,
                rule.message,
                rule.help,
                rule.tags,
                rule.source,
            )
        )
    for pname, src in state.param_sources.items():
        if pname not in used:
            refs: set[str] = set()
            for rule in state.rules.values():
                refs |= param_refs(rule.condition)
            raise PolicyError(
                f"{src}: parameter '{pname}' is not used by any rule{suggest(pname, refs)}; remove it or fix the name"
            )
    return Policy(
        rules=tuple(sorted(rules, key=lambda r: r.id)),
        parameters=dict(state.params),
        waivers=list(state.waivers),
        sources=tuple(state.sources),
        names=tuple(state.names),
    )


def _check_params(cond: Condition, state: _State, rule: Rule) -> None:
    """Check every parameter value against the op that uses it; blame where the value is set."""
    if isinstance(cond, FieldTest):
        if isinstance(cond.value, ParamRef):
            name = cond.value.name
            problem = check_value(FieldTest(cond.field, cond.op, state.params[name], cond.line))
            if problem:
                used_at = (
                    f"{rule.source.rsplit(':', 1)[0]}:{cond.line}" if cond.line else rule.source
                )
                raise PolicyError(
                    f"{state.param_sources.get(name, used_at)}: parameter '{name}' does not fit rule"
                    f" '{rule.id}' ({used_at}): {problem}"
                )
    elif isinstance(cond, (AllOf, AnyOf)):
        for item in cond.items:
            _check_params(item, state, rule)
    elif isinstance(cond, Not):
        _check_params(cond.item, state, rule)


def load_policies(specs: Sequence[str | Path]) -> Policy:
    """Load bundled packs (by name) or policy files (by path), merged in order; none -> ``default``.

    Raises :class:`PolicyError` naming ``file:line`` and the fix on any invalid input.
    """
    state = _State()
    for spec in list(specs) or ["default"]:
        _merge_policy(str(spec), None, state, (), "", None)
    return _finish(state)


__all__ = [
    "BUNDLED_PACKS",
    "SEVERITIES",
    "LineMap",
    "Policy",
    "PolicyError",
    "Rule",
    "bundled_pack_text",
    "load_policies",
    "parse_condition",
    "parse_rule",
]
