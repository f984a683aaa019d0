"""SPDX 3.0.1 output: AI and Dataset profiles, lineage relationships, licences, validation, determinism."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spdx_python_model import v3_0_1 as spdx
from typer.testing import CliRunner

from aibom.bom.spdx3 import spdx_license_expression, to_spdx3, validate_spdx3
from aibom.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "rag-service"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@pytest.fixture(scope="module")
def spdx_text() -> str:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("HF_HOME", "/nonexistent-aibom-test-hf-home")
        result = CliRunner().invoke(
            app, ["scan", str(EXAMPLE), "--format", "spdx3-json", "-o", "-", "-q"]
        )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def objects(spdx_text: str) -> spdx.SHACLObjectSet:
    objset = spdx.SHACLObjectSet()
    spdx.JSONLDDeserializer().deserialize_data(json.loads(spdx_text), objset)
    assert not objset.link()
    return objset


def _named(objset: spdx.SHACLObjectSet, cls: type, name: str, version: str | None = None) -> Any:
    found = [
        o
        for o in objset.foreach_type(cls)
        if o.name == name and getattr(o, "software_packageVersion", None) == version
    ]
    assert len(found) == 1, f"{len(found)} {cls.__name__} named {name!r}"
    return found[0]


def _rels(objset: spdx.SHACLObjectSet, kind: str, source: Any) -> list[Any]:
    rel_type = getattr(spdx.RelationshipType, kind)
    return [
        target
        for rel in objset.foreach_type(spdx.Relationship)
        if rel.relationshipType == rel_type and rel.from_ is source
        for target in rel.to
    ]


def _cdx_props(element: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ext in element.extension:
        for entry in ext.extension_cdxProperty:
            out.setdefault(entry.extension_cdxPropName, []).append(entry.extension_cdxPropValue)
    return out


def test_the_document_validates_and_is_spdx_3_0_1(spdx_text: str, objects: Any) -> None:
    assert validate_spdx3(spdx_text) == []
    doc = json.loads(spdx_text)
    assert doc["@context"] == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
    (document,) = objects.foreach_type(spdx.SpdxDocument)
    assert document.creationInfo.specVersion == "3.0.1"
    assert document.creationInfo.created.isoformat() == "2026-01-01T00:00:00+00:00"
    assert {spdx.ProfileIdentifierType.ai, spdx.ProfileIdentifierType.dataset} <= set(
        document.profileConformance
    )
    # the 3.0.1 JSON-LD context turns the value "extension" into the property's IRI, which the
    # SPDX SHACL shapes reject: the document must not claim that profile
    assert spdx.ProfileIdentifierType.extension not in document.profileConformance
    (sbom,) = document.rootElement
    assert sbom.rootElement[0].name == "rag-service"


def test_models_use_the_ai_profile(objects: Any) -> None:
    lora = _named(objects, spdx.ai_AIPackage, "models/support-bot-lora")
    assert lora.software_primaryPurpose == spdx.software_SoftwarePurpose.model
    assert lora.ai_autonomyType == spdx.PresenceType.noAssertion
    assert list(lora.ai_domain) == ["natural language processing"]
    training = lora.ai_informationAboutTraining
    assert training.startswith("adapter of Qwen/Qwen2.5-7B-Instruct (lineage declared")
    assert "trained on: acme/support-tickets-2024" in training
    # the same origin facts as the CycloneDX properties
    props = _cdx_props(lora)
    assert props["aibom:origin.country"] == ["CN"]
    assert props["aibom:family"] == ["qwen"]
    assert props["aibom:family.release"] == ["qwen2_5"]
    qwen = _named(objects, spdx.ai_AIPackage, "Qwen/Qwen2.5-7B-Instruct")
    assert [a.name for a in qwen.originatedBy] == ["Alibaba Cloud (Qwen team)"]
    assert qwen.software_packageUrl == "pkg:huggingface/Qwen/Qwen2.5-7B-Instruct"


def test_lineage_training_data_and_weights_are_relationships(objects: Any) -> None:
    lora = _named(objects, spdx.ai_AIPackage, "models/support-bot-lora")
    instruct = _named(objects, spdx.ai_AIPackage, "Qwen/Qwen2.5-7B-Instruct")
    base = _named(objects, spdx.ai_AIPackage, "Qwen/Qwen2.5-7B")
    # the base used directly and as an ancestor is one element
    assert lora in _rels(objects, "ancestorOf", instruct)
    assert instruct in _rels(objects, "ancestorOf", base)
    (dataset,) = _rels(objects, "trainedOn", lora)
    assert isinstance(dataset, spdx.dataset_DatasetPackage)
    assert dataset.name == "acme/support-tickets-2024"
    assert list(dataset.dataset_datasetType) == [spdx.dataset_DatasetType.noAssertion]
    (weights,) = _rels(objects, "contains", lora)
    assert weights.name == "models/support-bot-lora/adapter_model.safetensors"
    assert weights.verifiedUsing[0].algorithm == spdx.HashAlgorithm.sha256
    assert len(weights.verifiedUsing[0].hashValue) == 64
    project = _named(objects, spdx.software_Package, "rag-service")
    assert lora in _rels(objects, "dependsOn", project)


def test_licences_declared_and_concluded(objects: Any) -> None:
    llama = _named(objects, spdx.ai_AIPackage, "meta-llama/Llama-3.1-8B-Instruct")
    (declared,) = _rels(objects, "hasDeclaredLicense", llama)
    assert declared.simplelicensing_licenseExpression == "LicenseRef-llama3.1"
    lora = _named(objects, spdx.ai_AIPackage, "models/support-bot-lora")
    (concluded,) = _rels(objects, "hasConcludedLicense", lora)
    assert concluded.simplelicensing_licenseExpression == "Apache-2.0"


def test_hosted_apis_name_their_provider(objects: Any) -> None:
    deepseek = next(
        o for o in objects.foreach_type(spdx.ai_AIPackage) if o.name.startswith("DeepSeek")
    )
    assert deepseek.software_downloadLocation == "https://api.deepseek.com/v1"
    assert deepseek.suppliedBy.name.startswith("DeepSeek")
    assert _cdx_props(deepseek)["aibom:service.country"] == ["CN"]


def test_same_bom_same_bytes_and_convert_matches_scan(spdx_text: str, tmp_path: Path) -> None:
    runner = CliRunner()
    cdx = tmp_path / "bom.cdx.json"
    env = {"SOURCE_DATE_EPOCH": EPOCH, "HF_HOME": "/nonexistent-aibom-test-hf-home"}
    scanned = runner.invoke(app, ["scan", str(EXAMPLE), "-o", str(cdx), "-q"], env=env)
    assert scanned.exit_code == 0, scanned.output
    converted = runner.invoke(app, ["convert", str(cdx), "--format", "spdx3-json"])
    assert converted.exit_code == 0, converted.output
    assert converted.stdout == spdx_text
    bom = json.loads(cdx.read_text(encoding="utf-8"))
    assert to_spdx3(bom) == to_spdx3(json.loads(json.dumps(bom))) == spdx_text


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        ("drop-element", "referenced but not defined"),
        ("unknown-property", "Unknown property"),
        ("wrong-context", "@context"),
        ("missing-required", "dataset_datasetType' in dataset_DatasetPackage"),
    ],
)
def test_the_validator_rejects_broken_documents(spdx_text: str, damage: str, problem: str) -> None:
    doc = json.loads(spdx_text)
    graph = doc["@graph"]
    if damage == "drop-element":
        graph.remove(next(o for o in graph if o["type"] == "dataset_DatasetPackage"))
    elif damage == "unknown-property":
        next(o for o in graph if o["type"] == "ai_AIPackage")["ai_madeUp"] = "x"
    elif damage == "wrong-context":
        doc["@context"] = "https://spdx.org/rdf/3.0.0/spdx-context.jsonld"
    else:
        next(o for o in graph if o["type"] == "dataset_DatasetPackage")["dataset_datasetType"] = []
    problems = validate_spdx3(json.dumps(doc))
    assert any(problem in p for p in problems), problems


@pytest.mark.parametrize(
    ("aibom_id", "expression"),
    [
        ("Apache-2.0", "Apache-2.0"),
        ("MIT OR Apache-2.0", "MIT OR Apache-2.0"),
        ("llama3.1", "LicenseRef-llama3.1"),
        ("(llama3.1) AND Apache-2.0", "(LicenseRef-llama3.1) AND Apache-2.0"),
        ("LicenseRef-acme", "LicenseRef-acme"),
        ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
    ],
)
def test_licence_expressions(aibom_id: str, expression: str) -> None:
    assert spdx_license_expression(aibom_id) == expression
