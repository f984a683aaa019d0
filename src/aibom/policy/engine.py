"""Evaluate a policy over a BOM: every rule against every component and service."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from aibom.bom.read import BomView
from aibom.policy.conditions import evaluate_condition
from aibom.policy.facts import ComponentFacts, bom_facts
from aibom.policy.loader import Policy, Rule
from aibom.policy.results import CheckResult, Finding
from aibom.policy.waivers import Waiver, find_waiver

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _show(value: Any) -> str:
    if value is None or value == []:
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def render_message(rule: Rule, facts: ComponentFacts, matched: Sequence[str]) -> str:
    """The rule's message with ``{fact}`` and ``{matched}`` filled in (default: its description)."""
    template = rule.message or f"{{name}}: {rule.description}"

    def fill(m: re.Match[str]) -> str:
        key = m.group(1)
        if key == "matched":
            return ", ".join(matched) if matched else "unknown"
        if key == "name":
            return facts.ref.label
        return _show(facts.get(key))

    return _PLACEHOLDER.sub(fill, template)


def evaluate(
    bom: BomView,
    policy: Policy,
    waivers: Sequence[Waiver] = (),
    *,
    today: date | None = None,
) -> CheckResult:
    """Check ``bom`` (read by :mod:`aibom.bom.read`) against ``policy``; ``waivers`` add to the policy's own."""
    today = today or date.today()
    all_waivers = [*policy.waivers, *waivers]
    components = bom_facts(bom)
    findings: list[Finding] = []
    used: set[int] = set()
    for facts in components:
        for rule in policy.rules:
            match = evaluate_condition(rule.condition, facts)
            if not match.ok:
                continue
            active, expired = find_waiver(all_waivers, rule.id, facts.ref, today)
            for i, w in enumerate(all_waivers):
                if w is active or w is expired:
                    used.add(i)
            findings.append(
                Finding(
                    rule=rule.id,
                    severity=rule.severity,
                    component=facts.ref,
                    message=render_message(rule, facts, match.matched),
                    locations=facts.locations,
                    waiver=active,
                    expired_waiver=expired,
                )
            )
    findings.sort(key=Finding.sort_key)
    expired_all = tuple(w for w in all_waivers if w.expired(today))
    unused = tuple(w for i, w in enumerate(all_waivers) if i not in used and not w.expired(today))
    n_services = sum(1 for f in components if f.ref.type == "service")
    return CheckResult(
        findings=tuple(findings),
        rules=policy.rules,
        components_checked=len(components) - n_services,
        services_checked=n_services,
        policies=policy.names or policy.sources,
        unused_waivers=unused,
        expired_waivers=expired_all,
        notes=bom.notes,
    )
