"""The application layer: what each command does, as functions returning typed results.

scan -> build BOM -> serialise -> check -> report. Nothing here prints, reads options or
exits: :mod:`aibom.cli` maps options to these calls and their results (or typed errors:
``ScanError``, ``BomValidationError``, ``BomError``, ``PolicyError``, ``ReportError``) to
output and exit codes.

May import every package below it (pipeline, bom, policy, report, diff); nothing imports it
but the CLI.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aibom.bom.build import BuiltBom
from aibom.bom.isolate import build_isolated
from aibom.bom.read import BomView, parse_bom
from aibom.bom.serialize import BomFormat, serialize, source_date_epoch
from aibom.diff import BomDiff, diff_boms
from aibom.pipeline import Progress, ScanRequest, ScanResult, run_scan
from aibom.policy import CheckResult, Policy, Waiver, evaluate, run_check
from aibom.policy.results import Finding
from aibom.report import render_report


@dataclass
class ScannedBom:
    """A scanned project and its BOM: the scan result, the BOM model and its serialised text."""

    result: ScanResult
    built: BuiltBom
    text: str  # the BOM in the requested format, schema-validated
    fmt: BomFormat

    def view(self) -> BomView:
        """The written BOM read back through :mod:`aibom.bom.read`, exactly as ``aibom check`` reads it.

        Policies and reports see the document that was written, not the in-memory model, so
        ``scan --policy`` and ``check`` of the written file can never disagree. An XML BOM
        is also rendered as JSON (same serial number) for this.
        """
        text = (
            self.text
            if self.fmt == "cyclonedx-json"
            else serialize(self.built, "cyclonedx-json", serial=self.built.bom.serial_number)
        )
        return parse_bom(json.loads(text))


def scan_project(
    request: ScanRequest, fmt: BomFormat = "cyclonedx-json", progress: Progress | None = None
) -> ScannedBom:
    """Scan ``request.root`` and write its BOM as ``fmt`` (text, validated against the schema).

    Raises ``ScanError`` when the root cannot be scanned and ``BomValidationError`` when the
    BOM would be invalid (a bug in aibom).
    """
    result = run_scan(request, progress) if progress is not None else run_scan(request)
    # An item that cannot be written is left out alone, with a diagnostic (aibom.bom.isolate).
    built, text, dropped = build_isolated(
        result.inventory,
        result.lineage,
        project_name=request.root.resolve().name or "project",
        timestamp=source_date_epoch(),
        fmt=fmt,
    )
    result.inventory.extend(dropped)
    return ScannedBom(result, built, text, fmt)


def check_bom(bom: BomView, policy: Policy, waivers: Sequence[Waiver] = ()) -> CheckResult:
    """Check a BOM against loaded policies and waivers."""
    return evaluate(bom, policy, waivers)


def policy_findings(
    bom: BomView, policy_specs: Sequence[str], waivers: Path | None
) -> tuple[Finding, ...] | None:
    """Findings of ``--policy`` packs on a BOM (typed); None when no policy is given."""
    if not policy_specs:
        return None
    return run_check(bom, policy_specs, waivers).findings


def report_bytes(
    bom: BomView,
    fmt: str,
    *,
    findings: Sequence[Finding] | None = None,
    title: str | None = None,
) -> bytes:
    """A report of a BOM (html, pdf, md or csv), with policy findings when given."""
    return render_report(bom, fmt, findings=findings, title=title)


def compare_boms(
    old: BomView, new: BomView, policy_specs: Sequence[str] = (), waivers: Path | None = None
) -> BomDiff:
    """What changed between two BOMs, with the policy findings of each when policies are given."""
    return diff_boms(
        old,
        new,
        old_findings=policy_findings(old, policy_specs, waivers),
        new_findings=policy_findings(new, policy_specs, waivers),
    )
