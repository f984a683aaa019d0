"""SARIF 2.1.0 output: schema-valid, rules, levels, security-severity, locations, stable fingerprints, suppressions."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from aibom.bom.read import parse_bom
from aibom.policy import CheckResult, evaluate, load_policies, load_waivers, render
from aibom.policy.outputs.sarif import fingerprint, sarif_log

FIXTURES = Path(__file__).parent / "fixtures" / "policy"
# SARIF 2.1.0 schema as shipped (MIT) in the npm package @microsoft/jest-sarif 1.0.0-beta.0
# (lib/schemas/sarif-2.1.0-rtm.5.json): the OASIS 2.1.0 schema, draft-04.
SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
BOM = "tests/fixtures/policy/model-bom.json"


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    waivers = tmp_path_factory.mktemp("w") / "waivers.yaml"
    waivers.write_text(
        """\
waivers:
  - {rule: restricted-origin, component: "Qwen/*", reason: Eval only, approver: jane, expires: 2026-12-31}
  - {rule: restricted-provider, component: DeepSeek, reason: Legacy, approver: bob, expires: 2026-01-31}
""",
        encoding="utf-8",
    )
    bom = json.loads((FIXTURES / "model-bom.json").read_text(encoding="utf-8"))
    return evaluate(
        parse_bom(bom),
        load_policies(["origin-restricted", "provenance"]),
        load_waivers(waivers),
        today=date(2026, 6, 1),
    )


def test_valid_against_the_sarif_schema(result: CheckResult) -> None:
    log = json.loads(render(result, "sarif", bom_path=BOM))
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(log), key=str)
    assert errors == []
    # the schema is strict: an unknown property is rejected, so the check above has teeth
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["severity"] = "high"
    assert list(jsonschema.Draft4Validator(SCHEMA).iter_errors(broken))


def test_rules(result: CheckResult) -> None:
    driver = sarif_log(result, bom_path=BOM)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "aibom"
    assert [
        (r["id"], r["defaultConfiguration"]["level"], r["properties"]["security-severity"])
        for r in driver["rules"]
    ] == [
        ("lineage-conflict", "error", "9.0"),
        ("lineage-undeclared", "warning", "5.0"),
        ("remote-code-model", "warning", "5.0"),
        ("restricted-origin", "error", "9.0"),
        ("restricted-provider", "error", "9.0"),
        ("unhashed-weights", "note", "2.0"),
        ("unpinned-revision", "note", "2.0"),
        ("unsafe-weights", "error", "9.0"),
    ]
    unsafe = driver["rules"][7]
    assert unsafe["shortDescription"] == {
        "text": "Weight files execute code when loaded (pickle-based formats)."
    }
    assert unsafe["fullDescription"]["text"].endswith(
        "(aibom policy rule unsafe-weights, severity error)"
    )
    assert unsafe["help"]["text"].startswith("Convert the weights to safetensors")
    assert unsafe["properties"]["tags"] == ["ai-bom", "security", "supply-chain"]


def _loc(result: dict[str, Any]) -> list[tuple[str, int | None]]:
    return [
        (
            loc["physicalLocation"]["artifactLocation"]["uri"],
            loc["physicalLocation"].get("region", {}).get("startLine"),
        )
        for loc in result["locations"]
    ]


def test_results(result: CheckResult) -> None:
    run = sarif_log(result, bom_path=BOM)["runs"][0]
    rows = [
        (r["ruleId"], r["ruleIndex"], r["level"], _loc(r), "suppressions" in r)
        for r in run["results"]
    ]
    assert rows == [
        ("lineage-conflict", 0, "error", [("models/r1-distill/config.json", None)], False),
        (
            "restricted-origin",
            3,
            "error",
            [("app/chat.py", 12), ("notebooks/try.ipynb", None)],
            True,
        ),
        ("restricted-origin", 3, "error", [("models/r1-distill/config.json", None)], False),
        ("restricted-provider", 4, "error", [("app/llm.py", 7), ("app/llm.py", 21)], False),
        ("unsafe-weights", 7, "error", [("models/r1-distill/config.json", None)], False),
        ("lineage-undeclared", 1, "warning", [("models/r1-distill/config.json", None)], False),
        ("unhashed-weights", 5, "note", [("models/r1-distill/config.json", None)], False),
        (
            "unpinned-revision",
            6,
            "note",
            [("app/chat.py", 12), ("notebooks/try.ipynb", None)],
            False,
        ),
    ]
    waived = run["results"][1]
    assert waived["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Eval only (approved by jane, expires 2026-12-31)",
            "properties": {
                "approver": "jane",
                "expires": "2026-12-31",
                "source": waived["suppressions"][0]["properties"]["source"],
            },
        }
    ]
    expired = run["results"][3]
    assert expired["message"]["text"].startswith(
        "DeepSeek: hosted model API provider is in CN (endpoints: https://api.deepseek.com) [waiver expired on 2026-01-31"
    )
    assert expired["properties"]["expiredWaiver"]["approver"] == "bob"
    assert run["results"][0]["locations"][0]["logicalLocations"] == [
        {"name": "models/r1-distill", "fullyQualifiedName": "model:local:models/r1-distill"}
    ]


def test_fallback_location_is_the_bom_file() -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "components": [
            {
                "type": "machine-learning-model",
                "name": "m",
                "properties": [{"name": "aibom:weights.unsafe", "value": "true"}],
            }
        ],
    }
    result = evaluate(parse_bom(bom), load_policies(["provenance"]))
    (res,) = sarif_log(result, bom_path="out/my bom.json")["runs"][0]["results"]
    assert _loc(res) == [("out/my%20bom.json", None)]
    (res,) = sarif_log(result)["runs"][0]["results"]
    assert "locations" not in res


def test_fingerprints_are_stable_when_lines_move(result: CheckResult) -> None:
    bom = json.loads((FIXTURES / "model-bom.json").read_text(encoding="utf-8"))
    moved = copy.deepcopy(bom)
    for comp in moved["components"]:
        for occ in comp.get("evidence", {}).get("occurrences", []):
            if "line" in occ:
                occ["line"] += 40
    policy = load_policies(["origin-restricted", "provenance"])
    before = [
        r["partialFingerprints"]
        for r in sarif_log(evaluate(parse_bom(bom), policy))["runs"][0]["results"]
    ]
    after = [
        r["partialFingerprints"]
        for r in sarif_log(evaluate(parse_bom(moved), policy))["runs"][0]["results"]
    ]
    assert before == after
    assert len({fp["aibomFinding/v1"] for fp in before}) == len(
        before
    )  # distinct per rule+component
    first = result.findings[0]
    assert before[0] == {"aibomFinding/v1": fingerprint(first)}
    assert len(fingerprint(first)) == 32
