"""The BOM writer: the output contract, schema validity (JSON strict + XML), reproducibility."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from conftest import component, props, validate_cyclonedx

from aibom.bom.build import build_bom, hub_purl
from aibom.bom.serialize import serialize, source_date_epoch
from aibom.bom.validate import BomValidationError, validate_text
from aibom.inventory import (
    DatasetFinding,
    Diagnostic,
    Inventory,
    LibraryFinding,
    LocalModelFacts,
    Location,
    ModelFinding,
    ModelKind,
    ServiceFinding,
    WeightFile,
)
from aibom.lineage.types import Ancestor, Lineage

COMMIT = "A09A35458C702B33EEACC393D103063234E8BC28"


def _inventory() -> tuple[Inventory, dict[str, Lineage]]:
    inv = Inventory(root="proj", files_scanned=12)
    inv.add(
        ModelFinding(
            "Qwen/Qwen2.5-7B-Instruct",
            ModelKind.HUB,
            Location("app/gen.py", 10, source="python"),
            revision=COMMIT,
            framework="transformers",
        )
    )
    inv.add(
        ModelFinding(
            "Qwen/Qwen2.5-7B-Instruct",
            ModelKind.HUB,
            Location("app/gen.py", 12, source="python"),
            revision=COMMIT,
            framework="transformers",
        )
    )
    inv.add(
        ModelFinding(
            "BAAI/bge-small-en-v1.5",
            ModelKind.HUB,
            Location("nb.ipynb", 2, cell=3, source="notebook"),
            framework="sentence-transformers",
        )
    )
    facts = LocalModelFacts(
        config={
            "model_type": "qwen2",
            "architectures": ["Qwen2ForCausalLM"],
            "max_position_embeddings": 32768,
        },
        vocab_size=152064,
        card={"license": "apache-2.0", "base_model": "Qwen/Qwen2.5-7B-Instruct"},
        weights=[
            WeightFile(
                "models/bot/model-00001.safetensors",
                "safetensors",
                100,
                sha256="a" * 64,
                parameters=10,
            ),
            WeightFile(
                "models/bot/model-00002.safetensors",
                "safetensors",
                100,
                sha256="b" * 64,
                parameters=5,
            ),
        ],
        files=["models/bot/README.md", "models/bot/config.json"],
    )
    inv.add(
        ModelFinding(
            "models/bot",
            ModelKind.LOCAL,
            Location("models/bot/README.md", 1, source="model-directory"),
            task="text-generation",
            facts=facts,
        )
    )
    inv.add(
        ModelFinding(
            "models/evil.pt",
            ModelKind.LOCAL,
            Location("models/evil.pt", source="weights"),
            facts=LocalModelFacts(
                weights=[
                    WeightFile(
                        "models/evil.pt",
                        "pytorch",
                        50,
                        sha256="c" * 64,
                        unsafe=True,
                        imports=["os.system"],
                        dangerous_imports=["os.system"],
                    )
                ],
                files=["models/evil.pt"],
            ),
        )
    )
    inv.add(
        DatasetFinding(
            "acme/tickets",
            Location("models/bot/README.md", source="model-card"),
            used_by="models/bot",
        )
    )
    inv.add(
        ServiceFinding(
            "deepseek",
            Location("app/gen.py", 20),
            endpoint="https://api.deepseek.com/v1",
            model="deepseek-chat",
            client="openai",
        )
    )
    inv.add(ServiceFinding("openai", Location("app/other.py", 3), model="gpt-4o", client="openai"))
    inv.add(
        LibraryFinding(
            "Sentence_Transformers",
            "pypi",
            Location("requirements.txt", 2),
            version="3.3.1",
            category="ai-framework",
        )
    )
    inv.add(
        LibraryFinding(
            "@anthropic-ai/sdk",
            "npm",
            Location("web/package.json", 5),
            version="0.30.1",
            category="ai-provider-sdk",
        )
    )
    inv.add(Diagnostic("broken.py", "invalid syntax", line=3, code="python-syntax"))
    qwen = Lineage(
        source="declared",
        confidence="high",
        family="qwen2_5",
        family_name="Qwen2.5",
        developer="Alibaba Cloud (Qwen team)",
        country="CN",
        families=["qwen2_5"],
        countries=["CN"],
        license_declared="Apache-2.0",
    )
    bot = Lineage(
        source="declared",
        confidence="high",
        family="qwen2_5",
        family_name="Qwen2.5",
        developer="Alibaba Cloud (Qwen team)",
        country="CN",
        families=["qwen2_5"],
        countries=["CN"],
        relation="finetune",
        license_declared="Apache-2.0",
        licenses_inherited=["Apache-2.0"],
        ancestors=[
            Ancestor(
                "Qwen/Qwen2.5-7B-Instruct",
                "finetune",
                "declared",
                family="qwen2_5",
                license="Apache-2.0",
                evidence=["card: base_model"],
            ),
            Ancestor(
                "Qwen/Qwen2.5-7B", "finetune", "declared", family="qwen2_5", license="Apache-2.0"
            ),
        ],
        evidence=["card: base_model Qwen/Qwen2.5-7B-Instruct", "config: model_type qwen2"],
    )
    keys = {m.name: m.key for m in inv.models.values()}
    return inv, {keys["Qwen/Qwen2.5-7B-Instruct"]: qwen, keys["models/bot"]: bot}


def _bom(fmt: str = "cyclonedx-json") -> str:
    inv, lineage = _inventory()
    return serialize(
        build_bom(inv, lineage, project_name="proj", timestamp=source_date_epoch()), fmt
    )  # type: ignore[arg-type]


def test_json_follows_the_contract() -> None:
    text = _bom()
    validate_cyclonedx(text)
    bom = json.loads(text)
    assert bom["specVersion"] == "1.6"
    assert bom["metadata"]["component"]["bom-ref"] == "project"
    assert [t["name"] for t in bom["metadata"]["tools"]["components"]] == ["aibom"]
    assert props(bom["metadata"], "aibom:diagnostic") == ["broken.py:3: invalid syntax"]

    qwen = component(bom, f"model:hub:Qwen/Qwen2.5-7B-Instruct@{COMMIT}")
    assert qwen["type"] == "machine-learning-model"
    assert qwen["purl"] == f"pkg:huggingface/Qwen/Qwen2.5-7B-Instruct@{COMMIT.lower()}"
    assert qwen["evidence"]["occurrences"] == [
        {"location": "app/gen.py", "line": 10},
        {"location": "app/gen.py", "line": 12},
    ]
    assert props(qwen, "aibom:revision.pinned") == ["true"]
    assert props(qwen, "aibom:origin.country") == ["CN"]
    assert qwen["licenses"] == [{"license": {"id": "Apache-2.0"}}]

    bge = component(bom, "model:hub:BAAI/bge-small-en-v1.5")
    assert bge["evidence"]["occurrences"] == [{"location": "nb.ipynb#cell=3", "line": 2}]
    assert props(bge, "aibom:revision.pinned") == ["false"]
    assert props(bge, "aibom:lineage.source") == ["unknown"]

    bot = component(bom, "model:local:models/bot")
    assert "purl" not in bot
    assert [a["name"] for a in bot["pedigree"]["ancestors"]] == [
        "Qwen/Qwen2.5-7B-Instruct",
        "Qwen/Qwen2.5-7B",
    ]
    first = bot["pedigree"]["ancestors"][0]
    assert first["purl"] == "pkg:huggingface/Qwen/Qwen2.5-7B-Instruct"
    assert props(first, "aibom:lineage.relation") == ["finetune"]
    assert props(bot, "aibom:license.inherited") == ["Apache-2.0"]
    assert props(bot, "cdx:ai-ml:model:hyperparameter:context_length") == ["32768"]
    assert props(bot, "cdx:ai-ml:model:parameter:count") == ["15"]
    assert props(bot, "aibom:weights.hashed") == ["true"]
    assert [(c["name"], c["hashes"][0]["content"]) for c in bot["components"]] == [
        ("models/bot/model-00001.safetensors", "a" * 64),
        ("models/bot/model-00002.safetensors", "b" * 64),
    ]
    assert bot["modelCard"] == {
        "modelParameters": {
            "task": "text-generation",
            "architectureFamily": "qwen2",
            "modelArchitecture": "Qwen2ForCausalLM",
            "datasets": [{"ref": "dataset:acme/tickets"}],
        }
    }

    evil = component(bom, "model:local:models/evil.pt")
    assert evil["hashes"] == [{"alg": "SHA-256", "content": "c" * 64}]
    assert props(evil, "aibom:weights.unsafe") == ["true"]
    assert props(evil, "aibom:weights.imports") == ["os.system"]

    assert component(bom, "dataset:acme/tickets")["type"] == "data"
    lib = component(bom, "pkg:pypi/sentence-transformers@3.3.1")
    assert (lib["name"], lib["version"], props(lib, "aibom:library.category")) == (
        "sentence-transformers",
        "3.3.1",
        ["ai-framework"],
    )
    assert component(bom, "pkg:npm/%40anthropic-ai/sdk@0.30.1")["name"] == "@anthropic-ai/sdk"

    services = {s["bom-ref"]: s for s in bom["services"]}
    ds = services["service:deepseek:https://api.deepseek.com/v1"]
    assert ds["endpoints"] == ["https://api.deepseek.com/v1"]
    assert ds["provider"]["address"]["country"] == "CN"
    assert props(ds, "aibom:service.model") == ["deepseek-chat"]
    oa = services["service:openai"]
    assert oa["endpoints"] == ["https://api.openai.com/v1"]
    assert props(oa, "aibom:service.country") == ["US"]

    deps = {d["ref"]: d.get("dependsOn", []) for d in bom["dependencies"]}
    assert f"model:hub:Qwen/Qwen2.5-7B-Instruct@{COMMIT}" in deps["project"]
    assert "service:openai" in deps["project"]


def test_xml_is_valid_and_carries_model_cards() -> None:
    text = _bom("cyclonedx-xml")
    validate_cyclonedx(text, "cyclonedx-xml")
    ns = {"c": "http://cyclonedx.org/schema/bom/1.6"}
    root = ET.fromstring(text)
    bot = next(
        c
        for c in root.iterfind("c:components/c:component", ns)
        if c.get("bom-ref") == "model:local:models/bot"
    )
    assert (
        bot.findtext("c:modelCard/c:modelParameters/c:architectureFamily", namespaces=ns) == "qwen2"
    )
    assert [r.text for r in bot.iterfind("c:modelCard/c:modelParameters/c:datasets/c:ref", ns)] == [
        "dataset:acme/tickets"
    ]


@pytest.mark.parametrize("fmt", ["cyclonedx-json", "cyclonedx-xml"])
def test_reproducible_with_source_date_epoch(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = _bom(fmt), _bom(fmt)
    assert first == second
    assert "2023-11-14T22:13:20" in first


def test_serial_is_random_without_source_date_epoch() -> None:
    assert json.loads(_bom())["serialNumber"] != json.loads(_bom())["serialNumber"]


def test_hub_purl_only_pins_commits() -> None:
    assert str(hub_purl("org/m", "main")) == "pkg:huggingface/org/m"
    assert (
        str(hub_purl("org/m", "ABCDEF0123456789ABCDEF0123456789ABCDEF01"))
        == "pkg:huggingface/org/m@abcdef0123456789abcdef0123456789abcdef01"
    )
    assert hub_purl("not-a-hub-id") is None
    assert hub_purl("tts_models/en/ljspeech/vits") is None  # a project registry's id


def test_licences_as_spdx_id_expression_or_name() -> None:
    inv = Inventory(root="p")
    for name in ("a/spdx", "a/expr", "a/named"):
        inv.add(ModelFinding(name, ModelKind.HUB, Location("x.py", 1)))
    keys = {m.name: m.key for m in inv.models.values()}
    lineage = {
        keys["a/spdx"]: Lineage(license_declared="MIT"),
        keys["a/expr"]: Lineage(license_declared="MIT OR Apache-2.0"),
        keys["a/named"]: Lineage(license_declared="llama3.1"),
    }
    for fmt in ("cyclonedx-json", "cyclonedx-xml"):
        validate_cyclonedx(serialize(build_bom(inv, lineage, project_name="p"), fmt), fmt)  # type: ignore[arg-type]
    bom = json.loads(serialize(build_bom(inv, lineage, project_name="p")))
    assert component(bom, "model:hub:a/spdx")["licenses"] == [{"license": {"id": "MIT"}}]
    assert component(bom, "model:hub:a/expr")["licenses"] == [{"expression": "MIT OR Apache-2.0"}]
    assert component(bom, "model:hub:a/named")["licenses"] == [
        {"license": {"name": "Llama 3.1 Community License Agreement"}}
    ]
    assert props(component(bom, "model:hub:a/named"), "aibom:license.category") == [
        "custom-restricted"
    ]


def test_ancestors_stay_nearest_first_in_xml() -> None:
    ns = {"c": "http://cyclonedx.org/schema/bom/1.6"}
    root = ET.fromstring(_bom("cyclonedx-xml"))
    bot = next(
        c
        for c in root.iterfind("c:components/c:component", ns)
        if c.get("bom-ref") == "model:local:models/bot"
    )
    names = [
        a.findtext("c:name", namespaces=ns)
        for a in bot.iterfind("c:pedigree/c:ancestors/c:component", ns)
    ]
    assert names == ["Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B"]


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda b: b["components"].append(dict(b["components"][0])), "components"),  # uniqueItems
        (lambda b: b["metadata"].update(unknown=1), "metadata"),  # strict: no extra keys
        (lambda b: b["components"][0].update(type="robot"), "components/0"),  # enum
        (lambda b: b["services"][0]["endpoints"].append("not an iri"), "services/0/endpoints"),
        (lambda b: b.update(serialNumber="urn:uuid:nope"), "serialNumber"),  # pattern
    ],
)
def test_validator_rejects_what_the_schema_rejects(mutate: Any, where: str) -> None:
    """The fast validator (jsonschema-rs) and the reference jsonschema agree on broken BOMs."""
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    bom = json.loads(_bom())
    mutate(bom)
    text = json.dumps(bom)
    reference = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
    assert reference is not None
    with pytest.raises(BomValidationError, match=f"at {where}"):
        validate_text(text, "cyclonedx-json")


def test_rendering_puts_the_library_back_as_it_was() -> None:
    """The linear stand-ins for two library steps are swapped in only while rendering."""
    from cyclonedx.contrib.bom.utils import BomDependencyGraphFlatMerger, BomRefDiscriminator

    from aibom.bom.serialize import _linear_library_steps

    before = (
        BomRefDiscriminator.__dict__["discriminate"],
        BomDependencyGraphFlatMerger.__dict__["_flatten_merge"],
    )
    with _linear_library_steps():
        assert BomRefDiscriminator.__dict__["discriminate"] is not before[0]
    after = (
        BomRefDiscriminator.__dict__["discriminate"],
        BomDependencyGraphFlatMerger.__dict__["_flatten_merge"],
    )
    assert after[0] is before[0] and after[1] is before[1]
