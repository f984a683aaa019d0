"""Findings of a policy check and their summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aibom.policy.facts import ComponentRef, Location
from aibom.policy.loader import SEVERITIES, Rule
from aibom.policy.waivers import Waiver

SEVERITY_RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1}
FAIL_ON: tuple[str, ...] = SEVERITIES  # what --fail-on accepts: the lowest severity that fails


@dataclass(frozen=True)
class Finding:
    """One rule that holds for one component."""

    rule: str
    severity: str
    component: ComponentRef
    message: str
    locations: tuple[Location, ...] = ()
    waiver: Waiver | None = None  # the active waiver that covers this finding
    expired_waiver: Waiver | None = None  # a waiver that would cover it but has expired

    @property
    def waived(self) -> bool:
        """Covered by an active waiver."""
        return self.waiver is not None

    @property
    def note(self) -> str:
        """Waiver status in words ("" when there is none)."""
        if self.waiver is not None:
            w = self.waiver
            return f"waived until {w.expires.isoformat()} by {w.approver}: {w.reason}"
        if self.expired_waiver is not None:
            w = self.expired_waiver
            return f"waiver expired on {w.expires.isoformat()} (approved by {w.approver}; {w.source}); renew it or fix the finding"
        return ""

    def sort_key(self) -> tuple[int, str, str, str]:
        """Errors first, then rule id, then component identity."""
        return (-SEVERITY_RANK[self.severity], self.rule, self.component.identity, self.message)


@dataclass(frozen=True)
class CheckResult:
    """Outcome of checking one BOM against a policy."""

    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...]
    components_checked: int = 0
    services_checked: int = 0
    policies: tuple[str, ...] = ()
    unused_waivers: tuple[Waiver, ...] = ()
    expired_waivers: tuple[Waiver, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)  # what the BOM reader ignored, and why

    def unwaived(self, severity: str | None = None) -> list[Finding]:
        """Findings not covered by an active waiver (optionally of one severity)."""
        return [
            f
            for f in self.findings
            if not f.waived and (severity is None or f.severity == severity)
        ]

    @property
    def summary(self) -> dict[str, Any]:
        """Counts and waiver status, JSON-ready."""
        return {
            "policies": list(self.policies),
            "rules": len(self.rules),
            "components_checked": self.components_checked,
            "services_checked": self.services_checked,
            "findings": len(self.findings),
            "unwaived": {sev: len(self.unwaived(sev)) for sev in SEVERITIES},
            "waived": sum(1 for f in self.findings if f.waived),
            "expired_waivers": [w.as_dict() for w in self.expired_waivers],
            "unused_waivers": [w.as_dict() for w in self.unused_waivers],
        }

    def exit_code(self, fail_on: str = "error") -> int:
        """1 when an unwaived finding is at or above ``fail_on`` (error|warning|info), else 0."""
        if fail_on not in SEVERITY_RANK:
            raise ValueError(f"fail_on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
        threshold = SEVERITY_RANK[fail_on]
        return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in self.unwaived()) else 0
