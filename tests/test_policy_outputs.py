"""JSON, JUnit, GitHub annotations and table output: exact expected findings."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from aibom.bom.read import parse_bom
from aibom.policy import CheckResult, evaluate, load_policies, load_waivers, render
from aibom.policy.outputs import FORMATS

FIXTURES = Path(__file__).parent / "fixtures" / "policy"


@pytest.fixture(scope="module")
def waivers_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("w") / "waivers.yaml"
    path.write_text(
        """\
waivers:
  - {rule: restricted-origin, component: "Qwen/*", reason: Eval only, approver: jane, expires: 2026-12-31}
  - {rule: restricted-provider, component: DeepSeek, reason: Legacy, approver: bob, expires: 2026-01-31}
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def result(waivers_file: Path) -> CheckResult:
    bom = json.loads((FIXTURES / "model-bom.json").read_text(encoding="utf-8"))
    return evaluate(
        parse_bom(bom),
        load_policies(["origin-restricted"]),
        load_waivers(waivers_file),
        today=date(2026, 6, 1),
    )


def test_json(result: CheckResult, waivers_file: Path) -> None:
    doc = json.loads(render(result, "json", bom_path="bom.json"))
    assert doc["findings"] == [
        {
            "rule": "restricted-origin",
            "severity": "error",
            "component": {
                "bom-ref": "model:hub:Qwen/Qwen2.5-7B-Instruct",
                "purl": "pkg:huggingface/Qwen/Qwen2.5-7B-Instruct",
                "name": "Qwen/Qwen2.5-7B-Instruct",
                "type": "machine-learning-model",
            },
            "message": "Qwen/Qwen2.5-7B-Instruct: lineage includes a developer in CN (families: qwen)",
            "waived": True,
            "waiver": {
                "rule": "restricted-origin",
                "component": "Qwen/*",
                "reason": "Eval only",
                "approver": "jane",
                "expires": "2026-12-31",
                "source": f"{waivers_file}:2",
                "expired": False,
            },
            "locations": [
                {"path": "app/chat.py", "line": 12},
                {"path": "notebooks/try.ipynb#cell=3", "line": 2},
            ],
        },
        {
            "rule": "restricted-origin",
            "severity": "error",
            "component": {
                "bom-ref": "model:local:models/r1-distill",
                "purl": None,
                "name": "models/r1-distill",
                "type": "machine-learning-model",
            },
            "message": "models/r1-distill: lineage includes a developer in CN (families: deepseek; qwen)",
            "waived": False,
            "waiver": None,
            "locations": [{"path": "models/r1-distill/config.json", "line": None}],
        },
        {
            "rule": "restricted-provider",
            "severity": "error",
            "component": {
                "bom-ref": "service:deepseek:https://api.deepseek.com",
                "purl": None,
                "name": "DeepSeek",
                "type": "service",
            },
            "message": "DeepSeek: hosted model API provider is in CN (endpoints: https://api.deepseek.com)",
            "waived": False,
            "waiver": {
                "rule": "restricted-provider",
                "component": "DeepSeek",
                "reason": "Legacy",
                "approver": "bob",
                "expires": "2026-01-31",
                "source": f"{waivers_file}:3",
                "expired": True,
            },
            "locations": [{"path": "app/llm.py", "line": 7}, {"path": "app/llm.py", "line": 21}],
        },
    ]
    assert doc["summary"]["unwaived"] == {"error": 2, "warning": 0, "info": 0}
    assert doc["summary"]["waived"] == 1
    assert doc["summary"]["bom"] == "bom.json"
    assert [w["source"] for w in doc["summary"]["expired_waivers"]] == [f"{waivers_file}:3"]


def test_junit(result: CheckResult) -> None:
    root = ET.fromstring(render(result, "junit", bom_path="bom.json"))
    assert root.tag == "testsuites"
    assert {k: root.get(k) for k in ("tests", "failures", "skipped", "errors")} == {
        "tests": "3",
        "failures": "2",
        "skipped": "1",
        "errors": "0",
    }
    cases = [
        (
            suite.get("name"),
            case.get("name"),
            case.get("file"),
            case.get("line"),
            [child.tag for child in case],
        )
        for suite in root
        for case in suite.iter("testcase")
    ]
    assert cases == [
        ("aibom.restricted-origin", "Qwen/Qwen2.5-7B-Instruct", "app/chat.py", "12", ["skipped"]),
        (
            "aibom.restricted-origin",
            "models/r1-distill",
            "models/r1-distill/config.json",
            None,
            ["failure"],
        ),
        ("aibom.restricted-provider", "DeepSeek", "app/llm.py", "7", ["failure"]),
    ]
    failure = root.find(".//testcase[@name='DeepSeek']/failure")
    assert failure is not None and failure.get("type") == "error"
    assert failure.text is not None and "waiver expired on 2026-01-31" in failure.text


def test_junit_rule_without_findings_passes() -> None:
    result = evaluate(
        parse_bom({"bomFormat": "CycloneDX", "components": []}), load_policies(["provenance"])
    )
    root = ET.fromstring(render(result, "junit"))
    assert root.get("tests") == "6" and root.get("failures") == "0"
    assert [case.get("name") for case in root.iter("testcase")] == ["no findings"] * 6


def test_junit_info_passes_with_output() -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "components": [
            {"type": "machine-learning-model", "name": "o/m", "purl": "pkg:huggingface/o/m"}
        ],
    }
    root = ET.fromstring(render(evaluate(parse_bom(bom), load_policies(["provenance"])), "junit"))
    (case,) = [c for c in root.iter("testcase") if c.get("name") == "o/m"]
    out = case.find("system-out")
    assert root.get("failures") == "0"
    assert out is not None and out.text == "info: o/m: hub reference does not pin a commit revision"


def test_github(result: CheckResult, waivers_file: Path) -> None:
    assert render(result, "github", bom_path="bom.json").splitlines() == [
        "::notice file=app/chat.py,line=12,title=aibom restricted-origin (waived)::Qwen/Qwen2.5-7B-Instruct: "
        "lineage includes a developer in CN (families: qwen) [waived until 2026-12-31 by jane: Eval only]",
        "::error file=models/r1-distill/config.json,title=aibom restricted-origin::models/r1-distill: "
        "lineage includes a developer in CN (families: deepseek; qwen)",
        "::error file=app/llm.py,line=7,title=aibom restricted-provider::DeepSeek: hosted model API provider is in CN "
        f"(endpoints: https://api.deepseek.com) [waiver expired on 2026-01-31 (approved by bob; {waivers_file}:3); "
        "renew it or fix the finding]",
        "aibom check: 2 errors, 0 warnings, 0 info, 1 waived",
        f"::warning title=aibom expired waiver::restricted-provider on DeepSeek expired 2026-01-31 ({waivers_file}:3)",
    ]


def test_github_escapes_and_falls_back_to_bom() -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "components": [
            {
                "type": "machine-learning-model",
                "name": "50%\nmodel",
                "properties": [{"name": "aibom:weights.unsafe", "value": "true"}],
            }
        ],
    }
    lines = render(
        evaluate(parse_bom(bom), load_policies(["provenance"])), "github", bom_path="a,b:c.json"
    ).splitlines()
    assert lines[0] == (
        "::error file=a%2Cb%3Ac.json,title=aibom unsafe-weights::50%25%0Amodel: weight files execute code when loaded "
        "(imports: unknown; files: unknown)"
    )


def test_table(result: CheckResult) -> None:
    text = render(result, "table", bom_path="bom.json")
    lines = text.splitlines()
    assert lines[0] == "BOM: bom.json"
    assert "aibom check" in lines[1]
    assert "restricted-provider" in text and "waiver expired on 2026-01-31" in text
    assert "waived until 2026-12-31 by jane: Eval only" in text
    assert lines[-2] == (
        "9 components and 2 services checked against 2 rules (origin-restricted): 2 errors, 0 warnings, 0 info; 1 waived"
    )
    assert lines[-1].startswith(
        "expired waiver: restricted-provider on DeepSeek (expired 2026-01-31, "
    )


def test_table_without_findings() -> None:
    result = evaluate(parse_bom({"bomFormat": "CycloneDX"}), load_policies([]))
    assert render(result, "table").splitlines() == [
        "No findings.",
        "0 components and 0 services checked against 11 rules (default): 0 errors, 0 warnings, 0 info; 0 waived",
    ]


def test_unknown_format(result: CheckResult) -> None:
    assert FORMATS == ("table", "json", "sarif", "junit", "github")
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render(result, "xml")


def test_outputs_are_deterministic(result: CheckResult) -> None:
    for fmt in FORMATS:
        assert render(result, fmt, bom_path="bom.json") == render(result, fmt, bom_path="bom.json")
