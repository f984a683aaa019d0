"""Waivers: valid ones waive (and stay visible), expired ones stop applying and say so, mismatched ones waive nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aibom.bom.read import parse_bom
from aibom.policy import PolicyError, evaluate, load_policies, load_waivers

BOM_PATH = Path(__file__).parent / "fixtures" / "policy" / "model-bom.json"
TODAY = date(2026, 6, 1)

WAIVERS = """\
waivers:
  - rule: restricted-origin
    component: "pkg:huggingface/Qwen/*"
    reason: Evaluation only, never shipped (RISK-142)
    approver: jane@acme.example
    expires: 2026-06-01
  - rule: restricted-*
    component: DeepSeek
    reason: Legacy integration being removed
    approver: bob@acme.example
    expires: 2026-05-31
  - rule: unsafe-weights
    component: "models/support-*"
    reason: Wrong component
    approver: bob@acme.example
    expires: 2027-01-01
"""


@pytest.fixture(scope="module")
def bom() -> dict[str, Any]:
    return json.loads(BOM_PATH.read_text(encoding="utf-8"))


def test_valid_expired_and_mismatched(tmp_path: Path, bom: dict[str, Any]) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(WAIVERS, encoding="utf-8")
    waivers = load_waivers(path)
    assert [(w.rule, w.component, w.expires.isoformat(), w.source) for w in waivers] == [
        ("restricted-origin", "pkg:huggingface/Qwen/*", "2026-06-01", f"{path}:2"),
        ("restricted-*", "DeepSeek", "2026-05-31", f"{path}:7"),
        ("unsafe-weights", "models/support-*", "2027-01-01", f"{path}:12"),
    ]
    result = evaluate(parse_bom(bom), load_policies(["origin-restricted"]), waivers, today=TODAY)
    rows = [(f.rule, f.component.name, f.waived, f.note) for f in result.findings]
    assert rows == [
        # the valid waiver applies through its expiry day; the finding stays visible
        (
            "restricted-origin",
            "Qwen/Qwen2.5-7B-Instruct",
            True,
            "waived until 2026-06-01 by jane@acme.example: Evaluation only, never shipped (RISK-142)",
        ),
        ("restricted-origin", "models/r1-distill", False, ""),
        # the expired waiver stops applying and says so
        (
            "restricted-provider",
            "DeepSeek",
            False,
            f"waiver expired on 2026-05-31 (approved by bob@acme.example; {path}:7); renew it or fix the finding",
        ),
    ]
    assert result.exit_code() == 1
    assert [w.source for w in result.expired_waivers] == [f"{path}:7"]
    # the mismatched waiver covers nothing and is reported unused
    assert [w.source for w in result.unused_waivers] == [f"{path}:12"]
    assert result.summary["waived"] == 1
    assert result.summary["unwaived"] == {"error": 2, "warning": 0, "info": 0}


def test_everything_waived_passes(tmp_path: Path, bom: dict[str, Any]) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "waivers:\n  - {rule: 'restricted-*', component: '*', reason: Accepted risk, approver: ciso, expires: 2026-12-31}\n",
        encoding="utf-8",
    )
    result = evaluate(
        parse_bom(bom), load_policies(["origin-restricted"]), load_waivers(path), today=TODAY
    )
    assert [f.waived for f in result.findings] == [True, True, True]
    assert result.exit_code("info") == 0


def test_waiver_matches_purl_without_version_and_bom_ref(
    bom: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        """\
- rule: license-non-commercial
  component: pkg:huggingface/acme/nc-classifier
  reason: Internal research tool
  approver: legal
  expires: 2026-12-31
- rule: license-conflict
  component: model:local:models/support-bot
  reason: Licence clarified with Meta
  approver: legal
  expires: 2026-12-31
""",
        encoding="utf-8",
    )
    result = evaluate(
        parse_bom(bom), load_policies(["license-commercial"]), load_waivers(path), today=TODAY
    )
    assert {
        f.rule: f.waived
        for f in result.findings
        if f.rule.startswith("license-n") or f.rule == "license-conflict"
    } == {
        "license-non-commercial": True,
        "license-conflict": True,
    }


def test_no_waivers_file() -> None:
    assert load_waivers(None) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "waivers:\n  - rule: x\n    component: y\n    reason: r\n    approver: a\n",
            "w.yaml:2: waiver is missing 'expires'; add it",
        ),
        (
            "waivers:\n  - rule: x\n    component: y\n    reason: r\n    approver: a\n    expires: soon\n",
            "w.yaml:6: waiver 'expires' must be a date written YYYY-MM-DD",
        ),
        (
            "waivers:\n  - rule: x\n    componnet: y\n",
            "w.yaml:3: unknown key 'componnet' in waiver; did you mean 'component'?",
        ),
        (
            "waivers:\n  - rule: x\n    component: ''\n    reason: r\n    approver: a\n    expires: 2026-01-01\n",
            "w.yaml:3: waiver 'component' must be non-empty text",
        ),
        (
            "waiver:\n  - rule: x\n",
            "w.yaml:1: unknown key 'waiver' in a waivers file; did you mean 'waivers'?",
        ),
        ("waivers: {rule: x}\n", "w.yaml:1: 'waivers' must be a list"),
        ("waivers:\n  - just text\n", "w.yaml:1: each waiver must be a mapping"),
    ],
)
def test_invalid_waivers(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_waivers(path)
    assert str(info.value).startswith(str(tmp_path / expected.split(":", 1)[0]))
    assert expected in str(info.value), str(info.value)


def test_unreadable_waivers_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read waivers file"):
        load_waivers(tmp_path / "missing.yaml")
