"""Policy checks over CycloneDX BOMs: origin, licence and provenance rules that gate CI.

Owns: policy packs and their language (``loader``, ``schema``, ``conditions``), waivers,
the facts a rule tests (``facts``, read from :mod:`aibom.bom.read`), evaluation (``engine``)
and typed results (``results``); ``outputs/`` renders a result as table, JSON, SARIF, JUnit
or GitHub annotations. Never prints and never decides an exit status: that is the CLI's job.
May import: ``bom.read``, ``bom.properties``, ``licenses`` (and the package version);
nothing above it (report, diff, app, cli, pipeline, scanners): tests/test_layers.py checks this.

Public API::

    bom = read_bom(Path("aibom.cdx.json"))       # aibom.bom.read
    result = run_check(bom, ["default"], Path("waivers.yaml"))
    text = render(result, "sarif", bom_path="aibom.cdx.json")
    failed = result.exit_code("error") == 1
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from aibom.bom.read import BomView
from aibom.policy.engine import evaluate
from aibom.policy.loader import BUNDLED_PACKS, Policy, Rule, load_policies
from aibom.policy.outputs import FORMATS, render
from aibom.policy.results import FAIL_ON, CheckResult, Finding
from aibom.policy.schema import PolicyError
from aibom.policy.waivers import Waiver, load_waivers


def run_check(
    bom: BomView,
    policy_specs: Sequence[str | Path],
    waivers_path: Path | None = None,
    *,
    today: date | None = None,
) -> CheckResult:
    """Load the policies (bundled names or files; none: ``default``) and waivers, and check ``bom``.

    Raises :class:`PolicyError` naming the file when a policy or waivers file is invalid.
    """
    policy = load_policies(list(policy_specs))
    waivers = load_waivers(waivers_path)
    return evaluate(bom, policy, waivers, today=today)


__all__ = [
    "BUNDLED_PACKS",
    "FAIL_ON",
    "FORMATS",
    "CheckResult",
    "Finding",
    "Policy",
    "PolicyError",
    "Rule",
    "Waiver",
    "evaluate",
    "load_policies",
    "load_waivers",
    "render",
    "run_check",
]
