"""SARIF 2.1.0 output for code-scanning tools (GitHub, GitLab, Azure DevOps).

Every policy rule is a ``tool.driver.rules`` entry; every finding a result located at the
component's evidence occurrences in the scanned tree (services: their ``aibom:occurrence``
properties), or at the BOM file when the component has none. ``partialFingerprints``
hash the rule id and the component identity, never line numbers, so a finding keeps its
identity when code moves. Waived findings carry an accepted external suppression.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aibom import __version__
from aibom.policy.facts import Location
from aibom.policy.loader import Rule
from aibom.policy.results import CheckResult, Finding
from aibom.text import display_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SECURITY_SEVERITY = {"error": "9.0", "warning": "5.0", "info": "2.0"}
FINGERPRINT_KEY = "aibomFinding/v1"
INFORMATION_URI = "https://github.com/aibom/aibom"


def fingerprint(finding: Finding) -> str:
    """Stable hash of the rule id and the component identity."""
    text = f"{finding.rule}\x00{finding.component.identity}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _uri(path: str) -> str:
    return quote(display_text(path).replace("\\", "/"), safe="/:@-._~")


def _bom_uri(bom_path: str) -> str:
    p = Path(bom_path)
    if p.is_absolute():
        try:
            return _uri(p.relative_to(Path.cwd()).as_posix())
        except ValueError:
            return p.as_uri()
    return _uri(p.as_posix())


def _location(loc: Location) -> dict[str, Any]:
    path, _, cell = loc.path.partition("#")
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
    if loc.line is not None and not cell:
        physical["region"] = {"startLine": loc.line}
    return {"physicalLocation": physical}


def _rule(rule: Rule) -> dict[str, Any]:
    help_text = rule.help or rule.description
    return {
        "id": rule.id,
        "name": "".join(
            part.capitalize() for part in rule.id.replace(".", "-").replace("_", "-").split("-")
        ),
        "shortDescription": {"text": rule.description},
        "fullDescription": {
            "text": f"{rule.description} (aibom policy rule {rule.id}, severity {rule.severity})"
        },
        "help": {"text": help_text, "markdown": f"**{rule.description}**\n\n{help_text}"},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "security-severity": SECURITY_SEVERITY[rule.severity],
            "tags": sorted({"ai-bom", "supply-chain", *rule.tags}),
            "precision": "high",
            "problem.severity": "recommendation" if rule.severity == "info" else rule.severity,
        },
    }


def _result(finding: Finding, index: dict[str, int], bom_path: str | None) -> dict[str, Any]:
    text = finding.message if not finding.note else f"{finding.message} [{finding.note}]"
    text = display_text(text, single_line=False)
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVEL[finding.severity],
        "message": {"text": text},
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding)},
        "properties": {
            "component": {
                "bom-ref": finding.component.bom_ref,
                "purl": finding.component.purl,
                "name": display_text(finding.component.name),
                "type": finding.component.type,
            }
        },
    }
    if finding.locations:
        result["locations"] = [_location(loc) for loc in finding.locations]
    elif bom_path:
        result["locations"] = [
            {"physicalLocation": {"artifactLocation": {"uri": _bom_uri(bom_path)}}}
        ]
    if finding.locations or bom_path:
        result["locations"][0]["logicalLocations"] = [
            {"name": finding.component.label, "fullyQualifiedName": finding.component.identity}
        ]
    if finding.waiver is not None:
        w = finding.waiver
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{w.reason} (approved by {w.approver}, expires {w.expires.isoformat()})",
                "properties": {
                    "approver": w.approver,
                    "expires": w.expires.isoformat(),
                    "source": w.source,
                },
            }
        ]
    elif finding.expired_waiver is not None:
        w = finding.expired_waiver
        result["properties"]["expiredWaiver"] = {
            "approver": w.approver,
            "expires": w.expires.isoformat(),
            "reason": w.reason,
            "source": w.source,
        }
    return result


def sarif_log(result: CheckResult, *, bom_path: str | None = None) -> dict[str, Any]:
    """The SARIF log as a dict."""
    rules = sorted(result.rules, key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aibom",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "results": [
                    _result(f, index, bom_path) for f in result.findings if f.rule in index
                ],
                "columnKind": "unicodeCodePoints",
                "properties": {"summary": result.summary},
            }
        ],
    }


def render_sarif(result: CheckResult, *, bom_path: str | None = None) -> str:
    """SARIF 2.1.0 JSON text."""
    log = _displayable(sarif_log(result, bom_path=bom_path))
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _displayable(node: Any) -> Any:
    """Every string of the log through :func:`display_text` (a BOM is untrusted input too)."""
    if isinstance(node, str):
        return display_text(node, single_line=False)
    if isinstance(node, dict):
        return {_displayable(k): _displayable(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_displayable(v) for v in node]
    return node
