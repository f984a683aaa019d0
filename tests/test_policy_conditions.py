"""Condition language: every op, the combinators, parameters, and the facts read from raw BOM JSON."""

from __future__ import annotations

from typing import Any

import pytest

from aibom.bom.read import parse_bom, parse_component, parse_service
from aibom.licenses import get_license
from aibom.policy.conditions import (
    AllOf,
    AnyOf,
    FieldTest,
    Not,
    ParamRef,
    evaluate_condition,
    resolve_params,
)
from aibom.policy.facts import (
    ComponentFacts,
    ComponentRef,
    bom_facts,
    component_facts,
    service_facts,
)

QWEN_FINETUNE: dict[str, Any] = {
    "type": "machine-learning-model",
    "bom-ref": "model:hub:acme/qwen-ft",
    "name": "acme/qwen-ft",
    "purl": "pkg:huggingface/acme/qwen-ft",
    "licenses": [{"license": {"id": "Apache-2.0"}}],
    "pedigree": {
        "ancestors": [
            {
                "type": "machine-learning-model",
                "name": "Qwen/Qwen2.5-7B",
                "licenses": [{"license": {"name": "qwen-research"}}],
                "properties": [{"name": "aibom:family", "value": "qwen2_5"}],
            }
        ]
    },
    "properties": [
        {"name": "aibom:model.kind", "value": "hub"},
        {"name": "aibom:family", "value": "qwen2_5"},
        {"name": "aibom:lineage.country", "value": "cn"},
        {"name": "aibom:lineage.source", "value": "declared"},
        {"name": "aibom:lineage.confidence", "value": "medium"},
        {"name": "aibom:weights.format", "value": "safetensors"},
        {"name": "aibom:weights.format", "value": "gguf"},
        {"name": "aibom:weights.unsafe", "value": "false"},
    ],
}


@pytest.fixture
def facts() -> ComponentFacts:
    return component_facts(parse_component(QWEN_FINETUNE))


def ok(cond: Any, facts: ComponentFacts) -> bool:
    return evaluate_condition(cond, facts).ok


def test_facts_from_aibom_properties_and_standard_fields(facts: ComponentFacts) -> None:
    assert dict(facts.values) == {
        "type": "machine-learning-model",
        "name": "acme/qwen-ft",
        "purl": "pkg:huggingface/acme/qwen-ft",
        "bom-ref": "model:hub:acme/qwen-ft",
        "model.kind": "hub",
        "model.test_only": False,  # no scope: required, the spec's default
        "family": "qwen",  # a release id written by older aibom versions reads as its line
        "family.release": "qwen2_5",
        "lineage.families": ["qwen"],
        "lineage.releases": ["qwen2_5"],
        "lineage.countries": ["CN"],
        "lineage.ancestors": ["Qwen/Qwen2.5-7B"],
        "lineage.source": "declared",
        "lineage.confidence": "medium",
        "license.id": "Apache-2.0",
        "license.name": "Apache License 2.0",
        "license.category": "permissive",
        "license.obligations": list(get_license("Apache-2.0").obligations),  # type: ignore[union-attr]
        "license.inherited": ["qwen-research"],
        "license.conflicts": facts.values["license.conflicts"],
        "weights.formats": ["gguf", "safetensors"],
        "weights.unsafe": False,
        "revision.pinned": False,
    }
    assert len(facts.values["license.conflicts"]) == 1
    assert "qwen-research" in facts.values["license.conflicts"][0]


@pytest.mark.parametrize(
    ("cond", "expected"),
    [
        (FieldTest("type", "equals", "machine-learning-model"), True),
        (FieldTest("type", "equals", "MACHINE-learning-model"), True),  # case-insensitive
        (FieldTest("type", "equals", "library"), False),
        (FieldTest("weights.formats", "equals", "gguf"), True),  # any element of a list fact
        (FieldTest("weights.unsafe", "equals", False), True),
        (FieldTest("weights.unsafe", "equals", True), False),
        (FieldTest("developer", "equals", "Meta"), False),  # absent fact
        (FieldTest("type", "not_equals", "library"), True),
        (FieldTest("type", "not_equals", "machine-learning-model"), False),
        (FieldTest("developer", "not_equals", "Meta"), True),  # negative ops hold when absent
        (FieldTest("lineage.countries", "in", ["RU", "CN"]), True),
        (FieldTest("lineage.countries", "in", ["US", "FR"]), False),
        (FieldTest("developer", "in", ["Meta"]), False),
        (FieldTest("lineage.countries", "not_in", ["US"]), True),
        (FieldTest("lineage.countries", "not_in", ["CN"]), False),
        (FieldTest("developer", "not_in", ["Meta"]), True),
        (FieldTest("purl", "matches", "pkg:huggingface/ACME/*"), True),
        (FieldTest("purl", "matches", ["pkg:pypi/*", "pkg:npm/*"]), False),
        (FieldTest("name", "matches", "acme/qwen-f?"), True),
        (FieldTest("name", "regex", r"qwen-\w+$"), True),
        (FieldTest("name", "regex", r"^qwen"), False),
        (FieldTest("name", "regex", r"QWEN"), False),  # regex is case-sensitive
        (FieldTest("license.id", "exists", True), True),
        (FieldTest("developer", "exists", True), False),
        (FieldTest("developer", "exists", False), True),
        (FieldTest("lineage.conflicts", "exists", False), True),  # empty list = absent
        (FieldTest("lineage.confidence", "gte", "medium"), True),
        (FieldTest("lineage.confidence", "gte", "high"), False),
        (FieldTest("lineage.confidence", "lte", "medium"), True),
        (FieldTest("lineage.confidence", "lte", "low"), False),
    ],
)
def test_every_op(cond: Any, expected: bool, facts: ComponentFacts) -> None:
    assert ok(cond, facts) is expected


def test_gte_lte_absent() -> None:
    bare = ComponentFacts(ComponentRef(None, None, "x", "machine-learning-model"), {"type": "x"})
    assert not ok(FieldTest("lineage.confidence", "gte", "low"), bare)
    assert not ok(FieldTest("lineage.confidence", "lte", "high"), bare)


def test_combinators_and_matched(facts: ComponentFacts) -> None:
    is_model = FieldTest("type", "equals", "machine-learning-model")
    restricted = FieldTest("lineage.countries", "in", ["CN", "RU"])
    us = FieldTest("lineage.countries", "in", ["US"])
    assert evaluate_condition(AllOf((is_model, restricted)), facts).matched == ("CN",)
    assert not ok(AllOf((is_model, us)), facts)
    assert ok(AnyOf((us, restricted)), facts)
    assert not ok(AnyOf((us, FieldTest("developer", "exists", True))), facts)
    assert ok(Not(us), facts)
    assert not ok(Not(restricted), facts)
    assert evaluate_condition(Not(us), facts).matched == ()


def test_parameters_resolve() -> None:
    cond = AllOf((FieldTest("lineage.countries", "in", ParamRef("restricted"), 3),))
    resolved = resolve_params(cond, {"restricted": ["CN"]})
    assert resolved == AllOf((FieldTest("lineage.countries", "in", ["CN"], 3),))
    with pytest.raises(KeyError):
        resolve_params(cond, {})


def test_service_facts_from_provider_fields_only() -> None:
    svc = service_facts(
        parse_service(
            {
                "bom-ref": "svc-1",
                "name": "Some API",
                "provider": {"name": "Moonshot AI", "address": {"country": "cn"}},
                "endpoints": ["https://api.moonshot.cn/v1", "not a url", 7],
            }
        )
    )
    assert dict(svc.values) == {
        "type": "service",
        "name": "Some API",
        "bom-ref": "svc-1",
        "service.provider": "Moonshot AI",
        "service.country": "CN",
        "service.endpoints": ["https://api.moonshot.cn/v1", "not a url"],
        "service.hosts": ["api.moonshot.cn"],
    }
    assert svc.locations == ()


def test_hostile_shapes_do_not_crash() -> None:
    bom: dict[str, Any] = {
        "bomFormat": "CycloneDX",
        "components": [
            None,
            "text",
            {
                "type": 5,
                "name": ["x"],
                "properties": "nope",
                "licenses": [None, {"license": "MIT"}],
            },
            {"type": "machine-learning-model", "properties": [{"name": "aibom:weights.unsafe"}, 3]},
            {"evidence": {"occurrences": [{"location": "a.py", "line": "7"}, {"line": 3}]}},
        ],
        "services": {"not": "a list"},
    }
    facts = bom_facts(parse_bom(bom))
    assert [f.ref.type for f in facts] == ["unknown", "machine-learning-model", "unknown"]
    assert facts[2].locations[0].path == "a.py" and facts[2].locations[0].line is None


def test_occurrences_and_pinned_from_purl() -> None:
    facts = component_facts(
        parse_component(
            {
                "type": "machine-learning-model",
                "name": "org/m",
                "purl": "pkg:huggingface/org/m@" + "a" * 40,
                "hashes": [{"alg": "SHA-256", "content": "0" * 64}],
                "evidence": {
                    "occurrences": [
                        {"location": "b.py", "line": 9},
                        {"location": "a.py", "line": 2},
                    ]
                },
            }
        )
    )
    assert facts.get("revision.pinned") is True
    assert facts.get("weights.hashed") is True
    assert [(loc.path, loc.line) for loc in facts.locations] == [("a.py", 2), ("b.py", 9)]
    unpinned = component_facts(
        parse_component(
            {"type": "machine-learning-model", "name": "o/m", "purl": "pkg:huggingface/o/m@main"}
        )
    )
    assert unpinned.get("revision.pinned") is False
