"""Every bundled pack against a hand-built aibom BOM (docs/bom-contract.md): exact findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aibom.bom.read import parse_bom
from aibom.policy import evaluate, load_policies

BOM_PATH = Path(__file__).parent / "fixtures" / "policy" / "model-bom.json"
SHA = "0e9e39f249a16976918f6564b8830bc894c89659"
QWEN = "model:hub:Qwen/Qwen2.5-7B-Instruct"
LLAMA = f"model:hub:meta-llama/Llama-3.1-8B-Instruct@{SHA}"
BOT = "model:local:models/support-bot"
R1 = "model:local:models/r1-distill"
NC = f"model:hub:acme/nc-classifier@{SHA}"
OLLAMA = "model:ollama:llama3.2:3b"
DEEPSEEK = "service:deepseek:https://api.deepseek.com"


@pytest.fixture(scope="module")
def bom() -> dict[str, Any]:
    return json.loads(BOM_PATH.read_text(encoding="utf-8"))


def triples(bom: dict[str, Any], *packs: str) -> list[tuple[str, str, str]]:
    result = evaluate(parse_bom(bom), load_policies(list(packs)))
    return [(f.severity, f.rule, f.component.identity) for f in result.findings]


def test_default_pack(bom: dict[str, Any]) -> None:
    assert triples(bom) == [
        ("error", "lineage-conflict", R1),
        ("error", "unsafe-weights", R1),
        ("warning", "license-conflict", BOT),
        ("warning", "license-non-commercial", NC),
        ("warning", "restricted-origin", QWEN),
        ("warning", "restricted-origin", R1),
        ("warning", "restricted-provider", DEEPSEEK),
        ("info", "license-unknown", R1),
        ("info", "lineage-undeclared", R1),
        ("info", "unhashed-weights", R1),
        ("info", "unpinned-revision", QWEN),
    ]


def test_origin_restricted_pack(bom: dict[str, Any]) -> None:
    result = evaluate(parse_bom(bom), load_policies(["origin-restricted"]))
    assert [(f.severity, f.rule, f.component.identity, f.message) for f in result.findings] == [
        (
            "error",
            "restricted-origin",
            QWEN,
            "Qwen/Qwen2.5-7B-Instruct: lineage includes a developer in CN (families: qwen)",
        ),
        (
            "error",
            "restricted-origin",
            R1,
            "models/r1-distill: lineage includes a developer in CN (families: deepseek; qwen)",
        ),
        (
            "error",
            "restricted-provider",
            DEEPSEEK,
            "DeepSeek: hosted model API provider is in CN (endpoints: https://api.deepseek.com)",
        ),
    ]
    assert result.exit_code() == 1


def test_origin_restricted_country_parameter(bom: dict[str, Any], tmp_path: Path) -> None:
    custom = tmp_path / "us-only.yaml"
    custom.write_text(
        "extends: origin-restricted\nparameters:\n  restricted_countries: [US]\n", encoding="utf-8"
    )
    assert triples(bom, str(custom)) == [
        ("error", "restricted-origin", LLAMA),
        ("error", "restricted-origin", BOT),
        ("error", "restricted-origin", OLLAMA),
        ("error", "restricted-provider", "service:openai"),
    ]


def test_license_commercial_pack(bom: dict[str, Any]) -> None:
    result = evaluate(parse_bom(bom), load_policies(["license-commercial"]))
    assert [(f.severity, f.rule, f.component.identity) for f in result.findings] == [
        ("error", "license-conflict", BOT),
        ("error", "license-non-commercial", NC),
        ("error", "license-unknown-local", R1),
        ("warning", "license-obligations", LLAMA),
        ("warning", "license-obligations", OLLAMA),
    ]
    obligations = result.findings[3].message
    assert obligations.startswith(
        "meta-llama/Llama-3.1-8B-Instruct: Llama 3.1 Community License Agreement (llama3.1) obligations: "
    )
    assert (
        "Acceptable Use Policy" in obligations and "700 million monthly active users" in obligations
    )
    assert result.findings[0].message.startswith("models/support-bot: declares Apache-2.0")
    # services are never judged by licence rules, permissive models pass
    assert all(f.component.type == "machine-learning-model" for f in result.findings)


def test_license_unknown_hub_model_is_a_warning() -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "components": [
            {"type": "machine-learning-model", "name": "org/unlicensed", "bom-ref": "m1"},
            {
                "type": "machine-learning-model",
                "name": "weights/x.gguf",
                "bom-ref": "m2",
                "properties": [{"name": "aibom:weights.format", "value": "gguf"}],
            },
            {
                "type": "machine-learning-model",
                "name": "org/mit",
                "bom-ref": "m3",
                "licenses": [{"license": {"id": "MIT"}}],
            },
        ],
    }
    assert triples(bom, "license-commercial") == [
        ("error", "license-unknown-local", "m2"),
        ("warning", "license-unknown", "m1"),
    ]


def test_provenance_pack(bom: dict[str, Any]) -> None:
    assert triples(bom, "provenance") == [
        ("error", "lineage-conflict", R1),
        ("error", "unsafe-weights", R1),
        ("warning", "lineage-undeclared", R1),
        ("info", "unhashed-weights", R1),
        ("info", "unpinned-revision", QWEN),
    ]


def test_provenance_overrides_raise_info(bom: dict[str, Any], tmp_path: Path) -> None:
    strict = tmp_path / "strict.yaml"
    strict.write_text(
        "extends: provenance\noverrides:\n  unpinned-revision: {severity: warning}\n  unhashed-weights: {severity: warning}\n",
        encoding="utf-8",
    )
    result = evaluate(parse_bom(bom), load_policies([str(strict)]))
    assert [(f.severity, f.rule) for f in result.findings][-3:] == [
        ("warning", "lineage-undeclared"),
        ("warning", "unhashed-weights"),
        ("warning", "unpinned-revision"),
    ]
    assert result.exit_code("error") == 1


def test_exit_code_thresholds() -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "components": [
            {
                "type": "machine-learning-model",
                "name": "org/m",
                "bom-ref": "m",
                "properties": [{"name": "aibom:revision.pinned", "value": "false"}],
                "licenses": [{"license": {"id": "MIT"}}],
            }
        ],
    }
    result = evaluate(parse_bom(bom), load_policies(["default"]))
    assert [(f.severity, f.rule) for f in result.findings] == [("info", "unpinned-revision")]
    assert (result.exit_code("error"), result.exit_code("warning"), result.exit_code("info")) == (
        0,
        0,
        1,
    )
    with pytest.raises(ValueError):
        result.exit_code("fatal")


def test_summary(bom: dict[str, Any]) -> None:
    summary = evaluate(parse_bom(bom), load_policies([])).summary
    assert summary == {
        "policies": ["default"],
        "rules": 11,
        "components_checked": 9,
        "services_checked": 2,
        "findings": 11,
        "unwaived": {"error": 2, "warning": 5, "info": 4},
        "waived": 0,
        "expired_waivers": [],
        "unused_waivers": [],
    }


def test_custom_rules_every_kind(tmp_path: Path, bom: dict[str, Any]) -> None:
    policy = tmp_path / "custom.yaml"
    policy.write_text(
        """\
rules:
  - id: gguf-or-pickle
    description: Non-safetensors weights.
    severity: info
    when:
      any:
        - field: weights.formats
          in: [gguf, pytorch]
        - field: name
          matches: "*.gguf"
    message: "{name}: {matched}"
  - id: weak-lineage
    description: Lineage known with less than high confidence.
    severity: warning
    when:
      all:
        - field: lineage.confidence
          lte: medium
        - not:
            field: lineage.source
            equals: declared
  - id: qwen-family
    description: Anything descending from Qwen.
    severity: info
    when:
      field: lineage.families
      regex: "^qwen"
    message: "{name} descends from {matched}"
""",
        encoding="utf-8",
    )
    result = evaluate(parse_bom(bom), load_policies([str(policy)]))
    assert [(f.rule, f.component.identity, f.message) for f in result.findings] == [
        ("weak-lineage", R1, "models/r1-distill: Lineage known with less than high confidence."),
        ("gguf-or-pickle", R1, "models/r1-distill: pytorch"),
        ("qwen-family", QWEN, "Qwen/Qwen2.5-7B-Instruct descends from qwen"),
        ("qwen-family", R1, "models/r1-distill descends from qwen"),
    ]
