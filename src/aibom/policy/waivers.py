"""Waivers: approved, expiring exceptions to policy rules.

A waivers file (or a ``waivers:`` section of a policy file)::

    waivers:
      - rule: restricted-origin              # rule id; globs allowed (license-*)
        component: "pkg:huggingface/Qwen/*"  # glob over the purl, name or bom-ref
        reason: Evaluated offline only, never shipped (RISK-142)
        approver: jane.doe@example.com
        expires: 2026-06-30                   # YYYY-MM-DD; the waiver applies through this day

A waived finding stays in the output, marked waived. An expired waiver stops applying
and the finding says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from aibom.policy.facts import ComponentRef
from aibom.policy.schema import (
    LineMap,
    PolicyError,
    check_keys,
    expect_list,
    expect_map,
    expect_str,
    load_yaml,
)

WAIVER_KEYS: tuple[str, ...] = ("rule", "component", "reason", "approver", "expires")


@dataclass(frozen=True)
class Waiver:
    """One approved exception."""

    rule: str
    component: str
    reason: str
    approver: str
    expires: date
    source: str = ""  # "file:line" where the waiver is written

    def matches(self, rule_id: str, ref: ComponentRef) -> bool:
        """Whether this waiver covers ``rule_id`` on the component ``ref``."""
        if not fnmatchcase(rule_id.casefold(), self.rule.casefold()):
            return False
        pattern = self.component.casefold()
        candidates = [ref.purl, ref.name, ref.bom_ref]
        if ref.purl and "@" in ref.purl:
            candidates.append(ref.purl.split("@", 1)[0])
        return any(c is not None and fnmatchcase(c.casefold(), pattern) for c in candidates)

    def expired(self, today: date) -> bool:
        """True after the expiry day."""
        return today > self.expires

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {
            "rule": self.rule,
            "component": self.component,
            "reason": self.reason,
            "approver": self.approver,
            "expires": self.expires.isoformat(),
            "source": self.source,
        }


def _expiry(value: Any, label: str, line: int) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PolicyError(
        f"{label}:{line}: waiver 'expires' must be a date written YYYY-MM-DD (e.g. 2026-12-31)"
    )


def parse_waivers(items: Any, label: str, line: int) -> list[Waiver]:
    """Validate a ``waivers:`` list read from ``label``."""
    out: list[Waiver] = []
    for item in expect_list(items, label, line, "'waivers'"):
        entry: LineMap = expect_map(item, label, line, "each waiver")
        check_keys(entry, WAIVER_KEYS, label, "waiver", required=WAIVER_KEYS)
        fields = {
            key: expect_str(entry[key], label, entry.line_of(key), f"waiver '{key}'")
            for key in ("rule", "component", "reason", "approver")
        }
        out.append(
            Waiver(
                rule=fields["rule"],
                component=fields["component"],
                reason=fields["reason"],
                approver=fields["approver"],
                expires=_expiry(entry["expires"], label, entry.line_of("expires")),
                source=f"{label}:{entry.line}",
            )
        )
    return out


def load_waivers(path: Path | None) -> list[Waiver]:
    """Waivers from a file holding a ``waivers:`` list; [] when ``path`` is None."""
    if path is None:
        return []
    label = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{label}: cannot read waivers file: {exc}") from None
    data = load_yaml(text, label)
    if data is None:
        return []
    if isinstance(data, list):
        return parse_waivers(data, label, 1)
    root = expect_map(data, label, 1, "a waivers file")
    check_keys(root, ("waivers", "description"), label, "a waivers file")
    if "waivers" not in root or root["waivers"] is None:
        return []
    return parse_waivers(root["waivers"], label, root.line_of("waivers"))


def find_waiver(
    waivers: Iterable[Waiver], rule_id: str, ref: ComponentRef, today: date
) -> tuple[Waiver | None, Waiver | None]:
    """The active waiver covering the finding, and (when none is active) an expired one."""
    expired: Waiver | None = None
    for waiver in waivers:
        if not waiver.matches(rule_id, ref):
            continue
        if waiver.expired(today):
            expired = expired or waiver
        else:
            return waiver, None
    return None, expired
