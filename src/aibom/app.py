"""The application layer: what each command does, as functions returning typed results.

scan -> build BOM -> serialise -> check -> report. Nothing here prints, reads options or
exits: :mod:`aibom.cli` maps options to these calls and their results (or typed errors:
``ScanError``, ``BomValidationError``, ``BomError``, ``PolicyError``, ``ReportError``) to
output and exit codes.

May import every package below it (pipeline, bom, policy, report, diff); nothing imports it
but the CLI.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aibom.bom.validate import BomFormat
from aibom.pipeline import Progress, ScanRequest, ScanResult, WalkedTree, run_scan, walk_tree

# The BOM library, policy, reports and diffs are imported by the functions that use them:
# a rescan answered by the result cache never needs them (start-up time is part of the goal).
if TYPE_CHECKING:
    from aibom.bom.build import BuiltBom
    from aibom.bom.read import BomView
    from aibom.diff import BomDiff
    from aibom.inventory import Diagnostic
    from aibom.lineage.types import Lineage
    from aibom.policy import CheckResult, Policy, Waiver
    from aibom.policy.results import Finding
    from aibom.result_cache import ResultCache


@dataclass
class ScannedBom:
    """A scanned project and its BOM: the scan result, the BOM model and its serialised text."""

    # the scan result, or (from the result cache) what decodes it when first asked for
    _result: ScanResult | Callable[[], ScanResult]
    # the library model behind the text; None when JSON was written directly or came from the cache
    built: BuiltBom | None
    text: str  # the BOM in the requested format, schema-validated
    fmt: BomFormat

    @property
    def result(self) -> ScanResult:
        """The inventory and lineage behind the BOM (a cached one is decoded on first use)."""
        if callable(self._result):
            self._result = self._result()
        return self._result

    def view(self) -> BomView:
        """The written BOM read back through :mod:`aibom.bom.read`, exactly as ``aibom check`` reads it.

        Policies and reports see the document that was written, not the in-memory model, so
        ``scan --policy`` and ``check`` of the written file can never disagree. An XML BOM
        is also rendered as JSON (same serial number) for this.
        """
        from aibom.bom.read import parse_bom

        if self.fmt == "cyclonedx-json" or self.built is None:
            text = self.text
        else:
            from aibom.bom.serialize import serialize

            text = serialize(self.built, "cyclonedx-json", serial=self.built.bom.serial_number)
        return parse_bom(json.loads(text))


def scan_project(
    request: ScanRequest, fmt: BomFormat = "cyclonedx-json", progress: Progress | None = None
) -> ScannedBom:
    """Scan ``request.root`` and write its BOM as ``fmt`` (text, validated against the schema).

    Raises ``ScanError`` when the root cannot be scanned and ``BomValidationError`` when the
    BOM would be invalid (a bug in aibom).
    """
    walked = walk_tree(request)
    cache = _result_cache(request, walked, fmt)
    if cache is not None:
        hit = cache.load()
        if hit is not None:
            if progress is not None:
                total = walked.tree.file_count
                progress("walk", total, total)

            def decoded() -> ScanResult:
                scan = hit.decoded()
                return ScanResult(scan.inventory, scan.lineage)

            return ScannedBom(decoded, None, hit.text, fmt)
    deps: set[str] = set()
    idle = functools.partial(_prepare_bom, fmt)
    if progress is not None:
        result = run_scan(request, progress, walked=walked, dependencies=deps, idle=idle)
    else:
        result = run_scan(request, walked=walked, dependencies=deps, idle=idle)
    from aibom.bom.isolate import build_isolated
    from aibom.bom.reproducible import source_date_epoch

    # An item that cannot be written is left out alone, with a diagnostic (aibom.bom.isolate).
    built, text, dropped = build_isolated(
        result.inventory,
        result.lineage,
        project_name=request.root.resolve().name or "project",
        timestamp=source_date_epoch(),
        fmt=fmt,
    )
    result.inventory.extend(dropped)
    scanned = ScannedBom(result, built, text, fmt)
    if cache is not None:
        from aibom.result_cache import CachedScan

        listed = {f.rel for f in walked.tree.files()}
        # a store that cannot be written is not an error: the next run scans afresh
        cache.store(
            walked.root, CachedScan(result.inventory, result.lineage, scanned.text), deps - listed
        )
    return scanned


def _prepare_bom(fmt: BomFormat) -> None:
    """Import the BOM writer and build the validator (what writing the BOM first does).

    Called while worker processes scan, so a parallel scan's BOM is not written after
    that wait (a scan in this process does the same work after scanning, as before).
    """
    import aibom.bom.isolate
    import aibom.bom.reproducible  # noqa: F401
    from aibom.bom.validate import prepare

    prepare(fmt)


def _result_cache(request: ScanRequest, walked: WalkedTree, fmt: BomFormat) -> ResultCache | None:
    """The whole-scan cache for this request, or None when its result cannot be reused."""
    if (
        not request.use_cache
        or fmt != "cyclonedx-json"
        or request.online
        or request.hf_cache
        or request.ollama_store is not None
    ):
        return None
    from aibom.cachedir import default_cache_dir
    from aibom.modelfacts.hf_cache import default_hf_cache_dir
    from aibom.result_cache import open_cache

    cache_dir = request.cache_dir or default_cache_dir()
    options = {
        "excludes": list(request.excludes),
        "gitignore": request.use_gitignore,
        "hash": request.hash_weights,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        "prefilter": os.environ.get("AIBOM_PREFILTER"),
    }
    return open_cache(
        walked.root,
        walked.tree,
        store_path=cache_dir / "findings.sqlite3",
        options=options,
        hub_cache_dir=cache_dir / "hub",
        hf_cache_dir=request.hf_cache_dir or default_hf_cache_dir(),
    )


def check_bom(bom: BomView, policy: Policy, waivers: Sequence[Waiver] = ()) -> CheckResult:
    """Check a BOM against loaded policies and waivers."""
    from aibom.policy import evaluate

    return evaluate(bom, policy, waivers)


def policy_findings(
    bom: BomView, policy_specs: Sequence[str], waivers: Path | None
) -> tuple[Finding, ...] | None:
    """Findings of ``--policy`` packs on a BOM (typed); None when no policy is given."""
    if not policy_specs:
        return None
    from aibom.policy import run_check

    return run_check(bom, policy_specs, waivers).findings


def report_bytes(
    bom: BomView,
    fmt: str,
    *,
    findings: Sequence[Finding] | None = None,
    title: str | None = None,
) -> bytes:
    """A report of a BOM (html, pdf, md or csv), with policy findings when given."""
    from aibom.report import render_report

    return render_report(bom, fmt, findings=findings, title=title)


def compare_boms(
    old: BomView, new: BomView, policy_specs: Sequence[str] = (), waivers: Path | None = None
) -> BomDiff:
    """What changed between two BOMs, with the policy findings of each when policies are given."""
    from aibom.diff import diff_boms

    return diff_boms(
        old,
        new,
        old_findings=policy_findings(old, policy_specs, waivers),
        new_findings=policy_findings(new, policy_specs, waivers),
    )


def lineage_of_target(
    target: str | Path,
    *,
    online: bool = False,
    hf_cache: bool = True,
    cache_dir: Path | None = None,
) -> tuple[dict[str, Lineage], list[Diagnostic]]:
    """Lineage for ``aibom lineage TARGET``, keyed by model name.

    A BOM written by aibom answers with the lineage it recorded (the evidence of its scan); the
    models of another tool's BOM are resolved afresh. Any other target (hub id, Ollama tag, model
    directory, weight file) goes to the resolver. Raises ValueError for an unusable target.
    """
    from aibom.bom.read import BomError, read_bom
    from aibom.bom.recorded import bom_models, recorded_lineages
    from aibom.inventory import Inventory
    from aibom.lineage.resolve import is_bom_path, lineage_by_name, resolve_target

    path = Path(str(target)).expanduser()
    if not is_bom_path(path):
        return resolve_target(target, online=online, hf_cache=hf_cache, cache_dir=cache_dir)
    try:
        view = read_bom(path)
    except BomError as exc:
        raise ValueError(f"not a readable JSON BOM: {exc}") from exc
    recorded = recorded_lineages(view)
    if recorded:
        return recorded, []
    inv = Inventory()
    for model in bom_models(view):
        inv.models.setdefault(model.key, model)
    return lineage_by_name(inv, online=online, hf_cache=hf_cache, cache_dir=cache_dir)
