"""Typed policy findings from the JSON shape ``aibom check --format json`` writes.

Report and diff fixtures (tests/fixtures/report/findings.json) are kept as readable JSON;
this turns them into the typed :class:`~aibom.policy.results.Finding` the report consumes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from aibom.policy.facts import ComponentRef, Location
from aibom.policy.results import Finding
from aibom.policy.waivers import Waiver


def _waiver(data: Mapping[str, Any], rule: str, component: str) -> Waiver:
    return Waiver(
        rule=str(data.get("rule") or rule),
        component=str(data.get("component") or component),
        reason=str(data.get("reason") or ""),
        approver=str(data.get("approver") or ""),
        expires=date.fromisoformat(str(data["expires"])),
        source=str(data.get("source") or ""),
    )


def finding(data: Mapping[str, Any]) -> Finding:
    """One typed finding from its JSON object."""
    comp = data["component"]
    ref = ComponentRef(
        bom_ref=comp.get("bom-ref"),
        purl=comp.get("purl"),
        name=comp.get("name") or "",
        type=comp.get("type") or "machine-learning-model",
    )
    waiver = expired = None
    if isinstance(data.get("waiver"), Mapping):
        w = _waiver(data["waiver"], data["rule"], ref.identity)
        if data["waiver"].get("expired") or not data.get("waived"):
            expired = w
        else:
            waiver = w
    return Finding(
        rule=data["rule"],
        severity=data["severity"],
        component=ref,
        message=data.get("message", ""),
        locations=tuple(
            Location(loc["path"], loc.get("line")) for loc in data.get("locations", [])
        ),
        waiver=waiver,
        expired_waiver=expired,
    )


def findings(items: Iterable[Mapping[str, Any]]) -> list[Finding]:
    """Typed findings from a ``findings`` JSON list."""
    return [finding(item) for item in items]
