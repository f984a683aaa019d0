"""JSON output: ``{"findings": [...], "summary": {...}}``."""

from __future__ import annotations

import json
from typing import Any

from aibom.policy.results import CheckResult, Finding


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding, JSON-ready (keys: rule, severity, component, message, waived, waiver, locations)."""
    waiver: dict[str, Any] | None = None
    if finding.waiver is not None:
        waiver = {**finding.waiver.as_dict(), "expired": False}
    elif finding.expired_waiver is not None:
        waiver = {**finding.expired_waiver.as_dict(), "expired": True}
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "component": {
            "bom-ref": finding.component.bom_ref,
            "purl": finding.component.purl,
            "name": finding.component.name,
            "type": finding.component.type,
        },
        "message": finding.message,
        "waived": finding.waived,
        "waiver": waiver,
        "locations": [{"path": loc.path, "line": loc.line} for loc in finding.locations],
    }


def render_json(result: CheckResult, *, bom_path: str | None = None) -> str:
    """The result as indented, key-stable JSON."""
    summary = dict(result.summary)
    if bom_path is not None:
        summary["bom"] = bom_path
    doc = {"findings": [finding_dict(f) for f in result.findings], "summary": summary}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
