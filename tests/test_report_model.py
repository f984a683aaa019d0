"""Report view model: facts read from raw BOM JSON, absent facts as "unknown", never a crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from builders.policy import findings as typed_findings

from aibom.bom.read import parse_bom
from aibom.policy.facts import ComponentRef
from aibom.policy.results import Finding
from aibom.report.model import UNKNOWN, build_report, country_label

FIXTURES = Path(__file__).parent / "fixtures" / "report"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture
def example() -> dict[str, Any]:
    return load("aibom-example.json")


@pytest.fixture
def findings() -> list[Finding]:
    return typed_findings(load("findings.json")["findings"])


def test_summary_counts(example: dict[str, Any], findings: list[Finding]) -> None:
    r = build_report(parse_bom(example), findings)
    s = r.summary
    assert (s.models, s.services, s.libraries, s.weight_files, s.unsafe_weight_files) == (
        4,
        2,
        2,
        4,
        1,
    )
    assert s.by_country == [("CN", 2, 1), ("US", 1, 1), (UNKNOWN, 1, 0)]
    assert s.by_license_category == [("permissive", 2), ("custom-restricted", 1), (UNKNOWN, 1)]
    assert s.findings_by_severity == [("error", 2, 1), ("warning", 1, 0), ("info", 1, 0)]
    assert (s.open_findings, s.waived_findings) == (4, 1)


def test_models_sorted_with_facts(example: dict[str, Any]) -> None:
    r = build_report(parse_bom(example))
    assert [m.name for m in r.models] == [
        "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
        "models/legacy-classifier",
        "models/llama-3.1-8b-instruct-q4_k_m.gguf",
        "models/support-bot",
    ]
    bot = r.models[3]
    assert (bot.family, bot.developer, bot.country, bot.license, bot.license_category) == (
        "Qwen2.5",
        "Alibaba Cloud (Qwen team)",
        "CN",
        "Apache-2.0",
        "permissive",
    )
    assert (bot.lineage_source, bot.lineage_confidence, bot.relation) == (
        "declared",
        "high",
        "finetune",
    )
    assert [(a.name, a.relation, a.source) for a in bot.ancestors] == [
        ("Qwen/Qwen2.5-7B-Instruct", "finetune", "declared"),
        ("Qwen/Qwen2.5-7B", "finetune", "inferred"),
    ]
    assert bot.locations == ["app/chat.py:12", "models/support-bot/config.json"]
    # the distill: developer from the property, lineage families from both
    distill = r.models[0]
    assert distill.lineage_families == ["deepseek_r1", "qwen2_5"]
    assert distill.inherited_licenses == ["apache-2.0"]


def test_obligations_come_from_the_licence_catalogue(example: dict[str, Any]) -> None:
    r = build_report(parse_bom(example))
    llama = r.models[2]
    assert llama.license_name == "Llama 3.1 Community License Agreement"
    assert any("Built with Llama" in o for o in llama.obligations)
    assert any("700 million monthly active users" in o for o in llama.obligations)
    by_id = {lic.license: lic for lic in r.licenses}
    assert sorted(by_id) == ["Apache-2.0", "MIT", "llama3.1", UNKNOWN]
    # the distill declares MIT but inherits Apache-2.0 from its Qwen base
    assert by_id["Apache-2.0"].models == ["models/support-bot"]
    assert by_id["Apache-2.0"].inherited_by == ["deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"]
    assert by_id[UNKNOWN].models == ["models/legacy-classifier"]
    assert by_id[UNKNOWN].obligations == []


def test_weight_files_hashes_and_verdicts(example: dict[str, Any]) -> None:
    r = build_report(parse_bom(example))
    verdicts = {(w.path, w.format, w.unsafe, w.imports) for w in r.weights}
    assert verdicts == {
        (
            "models/legacy-classifier/pytorch_model.bin",
            "pytorch",
            True,
            ("builtins.exec", "os.system"),
        ),
        ("models/llama-3.1-8b-instruct-q4_k_m.gguf", "gguf", False, ()),
        ("models/support-bot/model-00001-of-00002.safetensors", "safetensors", False, ()),
        ("models/support-bot/model-00002-of-00002.safetensors", "safetensors", False, ()),
    }
    gguf = next(w for w in r.weights if w.format == "gguf")
    assert gguf.sha256 == "e1c6e2ecfe4184700306c9ebb38795974a330a51f22402b131273f1e00f9fdb6"
    assert gguf.verdict == "safe: format cannot run code"
    pickle = next(w for w in r.weights if w.unsafe)
    assert pickle.verdict == "unsafe: executes code when loaded"


def test_services_and_metadata(example: dict[str, Any]) -> None:
    r = build_report(parse_bom(example))
    ds = r.services[0]
    assert (ds.name, ds.provider, ds.country, ds.endpoints, ds.models, ds.locations) == (
        "DeepSeek API",
        "DeepSeek",
        "CN",
        ["https://api.deepseek.com"],
        ["deepseek-chat"],
        ["app/summarise.py:21"],
    )
    m = r.meta
    assert (m.project, m.tool, m.tool_version, m.timestamp, m.root, m.serial, m.files_scanned) == (
        "support-assistant",
        "aibom",
        "0.1.0",
        "2026-11-24T12:00:00Z",
        "examples/support-assistant",
        "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
        "42",
    )
    assert m.diagnostics == [
        "notebooks/explore.ipynb#cell=4: model name built at run time, not resolved"
    ]


def test_findings_order_locations_and_waiver(
    example: dict[str, Any], findings: list[Finding]
) -> None:
    r = build_report(parse_bom(example), findings)
    assert [(f.severity, f.rule, f.waived) for f in r.findings] == [
        ("error", "restricted-origin", False),
        ("error", "unsafe-weights", False),
        ("warning", "license-obligations", False),
        ("info", "unpinned-revision", False),
        ("error", "restricted-origin", True),
    ]
    # location taken from the BOM evidence when the finding has none
    assert r.findings[0].locations == ("app/summarise.py:21",)
    assert r.findings[-1].waiver == (
        "On-prem weights, no data leaves the network; approved by j.doe@example.com; expires 2027-03-31"
    )


def test_policy_json_shape_locations_and_expired_waiver(example: dict[str, Any]) -> None:
    finding = {
        "rule": "r1",
        "severity": "warning",
        "component": {"bom-ref": "nope", "purl": None, "name": "x"},
        "message": "m",
        "waived": False,
        "waiver": {"reason": "old", "approver": "a", "expires": "2020-01-01", "expired": True},
        "locations": [{"path": "a.py", "line": 3}, {"path": "b.py", "line": None}],
    }
    f = build_report(parse_bom(example), typed_findings([finding])).findings[0]
    assert f.locations == ("a.py:3", "b.py")
    assert f.waiver == "old; approved by a; EXPIRED 2020-01-01"
    assert not f.waived


def test_other_tool_bom_shows_unknown() -> None:
    r = build_report(parse_bom(load("other-tool-bom.json")))
    assert (r.meta.tool, r.meta.tool_version, r.meta.root, r.meta.spec_version) == (
        "cyclonedx-py",
        "4.6.1",
        UNKNOWN,
        "1.5",
    )
    assert [m.name for m in r.models] == ["bert-base-uncased", UNKNOWN, "weird"]
    bert = r.models[0]
    assert (bert.family, bert.country, bert.lineage_source, bert.license) == (
        UNKNOWN,
        UNKNOWN,
        UNKNOWN,
        "Apache-2.0",
    )
    assert bert.license_category == "permissive"  # from the licence catalogue
    assert [(a.name, a.relation) for a in bert.ancestors] == [("google/bert", UNKNOWN)]
    weird = r.models[2]
    assert [(w.path, w.sha256, w.verdict) for w in weird.weights] == [("w.bin", "", UNKNOWN)]
    assert r.summary.by_country == [(UNKNOWN, 3, 2)]
    assert r.findings_given is False


@pytest.mark.parametrize(
    "bom",
    [
        {},
        [],
        "text",
        {"components": "x", "services": {"a": 1}, "metadata": []},
        {
            "components": [
                {"type": "machine-learning-model", "name": 5, "pedigree": {"ancestors": [1, None]}}
            ]
        },
        {"metadata": {"tools": {"components": "x"}, "properties": [{"name": 1}, "x"]}},
    ],
)
def test_hostile_input_never_raises(bom: Any) -> None:
    nameless = Finding(
        rule="", severity="error", component=ComponentRef(None, None, "", ""), message=""
    )
    r = build_report(parse_bom(bom), [nameless])
    assert r.meta.serial == UNKNOWN
    assert [(f.rule, f.component, f.locations) for f in r.findings] == [(UNKNOWN, UNKNOWN, ())]


def test_country_label() -> None:
    assert country_label("CN") == "CN (China)"
    assert country_label("ZZ") == "ZZ"
    assert country_label(None) == UNKNOWN


def test_merge_parents_are_labelled_with_the_model_they_are_a_base_of() -> None:
    import xml.etree.ElementTree as ET

    from aibom.report.svg import lineage_graph

    def anc(name: str, n: int, child: str) -> dict[str, Any]:
        return {
            "type": "machine-learning-model",
            "name": name,
            "bom-ref": f"ancestor:{n}:model:local:m",
            "properties": [
                {"name": "aibom:lineage.relation", "value": "merge"},
                {"name": "aibom:lineage.source", "value": "declared"},
                {"name": "aibom:lineage.depth", "value": "1"},
                {"name": "aibom:lineage.child", "value": child},
                {"name": "aibom:family", "value": "qwen2_5"},
            ],
        }

    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {
                "type": "machine-learning-model",
                "name": "m",
                "bom-ref": "model:local:m",
                "pedigree": {"ancestors": [anc("a/one", 0, "m"), anc("b/two", 1, "m")]},
            }
        ],
    }
    [model] = build_report(parse_bom(bom)).models
    assert [(a.name, a.child, a.family) for a in model.ancestors] == [
        ("a/one", "m", "Qwen2.5"),
        ("b/two", "m", "Qwen2.5"),
    ]
    svg = ET.fromstring(lineage_graph(model))
    labels = [
        t.text
        for t in svg.iter("{http://www.w3.org/2000/svg}text")
        if t.text and t.text.startswith("merge")
    ]
    assert labels == ["merge (declared)", "merge (declared) of m"]
