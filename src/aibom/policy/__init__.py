"""Policy checks over CycloneDX BOMs: origin, licence and provenance rules that gate CI.

Public API::

    policy = load_policies(["default"])          # bundled names or file paths
    waivers = load_waivers(Path("waivers.yaml"))
    result = evaluate(bom_dict, policy, waivers)
    text = render(result, "sarif", bom_path="aibom.cdx.json")
    code = result.exit_code("error")
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from aibom.limits import load_json
from aibom.policy.engine import evaluate
from aibom.policy.loader import BUNDLED_PACKS, Policy, Rule, load_policies
from aibom.policy.results import CheckResult, Finding
from aibom.policy.schema import PolicyError
from aibom.policy.waivers import Waiver, load_waivers
from aibom.text import clean_strings

MAX_BOM_BYTES = 512 * 1024 * 1024


class BomError(ValueError):
    """The BOM cannot be read or is not a CycloneDX JSON BOM."""


def render(result: CheckResult, fmt: str, *, bom_path: str | None = None) -> str:
    """Render ``result`` as "table" | "json" | "sarif" | "junit" | "github"."""
    from aibom.formats import render as _render

    return _render(result, fmt, bom_path=bom_path)


def read_bom(path: Path) -> dict[str, Any]:
    """Read a CycloneDX JSON BOM as raw JSON; :class:`BomError` names the file and the problem."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BomError(f"{path}: cannot read BOM: {exc.strerror or exc}") from None
    if size > MAX_BOM_BYTES:
        raise BomError(f"{path}: BOM is larger than {MAX_BOM_BYTES // 1024 // 1024} MiB")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BomError(f"{path}: cannot read BOM: {exc.strerror or exc}") from None
    if raw.lstrip()[:1] == b"<":
        raise BomError(
            f"{path}: this looks like an XML BOM; aibom check reads CycloneDX JSON (write one with --format json)"
        )
    try:
        data = load_json(raw.decode("utf-8-sig"))  # numbers over 4,300 digits stay text
    except UnicodeDecodeError:
        raise BomError(f"{path}: BOM is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BomError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise BomError(f"{path}: JSON nested too deeply") from None
    return validate_bom(clean_strings(data), str(path))  # a BOM is untrusted: aibom.text rules


def validate_bom(data: Any, label: str = "<bom>") -> dict[str, Any]:
    """Check that ``data`` is a CycloneDX BOM object; return it."""
    if not isinstance(data, dict):
        raise BomError(f"{label}: not a CycloneDX BOM (the top level must be a JSON object)")
    if data.get("bomFormat") != "CycloneDX":
        raise BomError(f"{label}: not a CycloneDX BOM ('bomFormat' must be \"CycloneDX\")")
    return data


def run_check(
    bom: Mapping[str, Any],
    policy_specs: Sequence[str | Path],
    waivers_path: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str,
    bom_path: str | None,
    *,
    today: date | None = None,
) -> int:
    """Check ``bom``, write the report (to ``output`` or stdout) and return the exit code.

    0: no unwaived finding at or above ``fail_on``; 1: some; 2: invalid policy, waivers,
    BOM, format or output (a one-line message on stderr, never a traceback).
    """
    from aibom.formats import FORMATS

    if fmt not in FORMATS:
        print(
            f"aibom check: unknown format '{fmt}'; use one of {', '.join(FORMATS)}", file=sys.stderr
        )
        return 2
    if fail_on not in ("error", "warning", "info"):
        print(
            f"aibom check: --fail-on must be error, warning or info, not '{fail_on}'",
            file=sys.stderr,
        )
        return 2
    try:
        policy = load_policies(list(policy_specs))
        waivers = load_waivers(waivers_path)
        checked = validate_bom(bom, bom_path or "<bom>")
    except (PolicyError, BomError) as exc:
        print(f"aibom check: {exc}", file=sys.stderr)
        return 2
    result = evaluate(checked, policy, waivers, today=today)
    if fmt == "table" and output is None:
        from rich.console import Console

        from aibom.formats.table import print_table

        print_table(result, Console(soft_wrap=False))
    else:
        text = render(result, fmt, bom_path=bom_path)
        if output is None:
            sys.stdout.write(text)
        else:
            try:
                output.parent.mkdir(parents=True, exist_ok=True)
                output.write_text(text, encoding="utf-8")
            except OSError as exc:
                print(f"aibom check: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
                return 2
    return result.exit_code(fail_on)


__all__ = [
    "BUNDLED_PACKS",
    "BomError",
    "CheckResult",
    "Finding",
    "Policy",
    "PolicyError",
    "Rule",
    "Waiver",
    "evaluate",
    "load_policies",
    "load_waivers",
    "read_bom",
    "render",
    "run_check",
    "validate_bom",
]
