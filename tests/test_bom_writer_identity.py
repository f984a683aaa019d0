"""The direct JSON writer (bom/cdx_json.py) writes the bytes the cyclonedx-python-lib path writes.

Every tree the suite scans through ``conftest.scan_to_bom`` is also compared there; here:
the examples, the test fixtures, and generated inventories with every kind of entry.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import validate_cyclonedx

from aibom.bom.build import build_bom
from aibom.bom.cdx_json import Unsupported, render_json, serialize_json, xs_uri
from aibom.bom.isolate import build_isolated
from aibom.bom.serialize import serialize
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

REPO = Path(__file__).resolve().parent.parent
SERIAL = uuid.UUID("12345678-1234-5678-1234-567812345678")
WHEN = datetime(2026, 12, 7, 3, 4, 5, 678901, tzinfo=timezone.utc)


def _both(inv: Inventory, lineage: dict[str, Lineage], when: datetime | None = WHEN) -> str:
    """Render both ways with one serial; assert identical bytes; return the text."""
    library = serialize(
        build_bom(inv, lineage, project_name="proj", timestamp=when),
        "cyclonedx-json",
        serial=SERIAL,
        validate=False,
    )
    direct = render_json(inv, lineage, project_name="proj", timestamp=when, serial=SERIAL)
    assert direct == library
    return direct


@pytest.mark.parametrize(
    "tree",
    [
        "examples/rag-service",
        "examples/ci",
        "tests/fixtures/javascript",
        "tests/fixtures/manifests",
        "tests/fixtures/report",
        "tests/fixtures/policy",
    ],
)
def test_scanned_trees_render_identically(tree: str) -> None:
    from aibom.pipeline import ScanRequest, run_scan

    result = run_scan(ScanRequest(root=REPO / tree, hash_weights=True, use_cache=False))
    validate_cyclonedx(_both(result.inventory, result.lineage))


def test_reproducible_serial_is_the_same_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    from aibom.pipeline import ScanRequest, run_scan

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = run_scan(ScanRequest(root=REPO / "examples/rag-service", use_cache=False))
    when = datetime.fromtimestamp(1700000000, tz=timezone.utc)
    inv, lineage = result.inventory, result.lineage
    library = serialize(build_bom(inv, lineage, project_name="p", timestamp=when))
    direct = serialize_json(inv, lineage, project_name="p", timestamp=when)
    assert direct == library
    assert direct == serialize_json(inv, lineage, project_name="p", timestamp=when)


def _generated(models: int, libraries: int, seed: int) -> tuple[Inventory, dict[str, Lineage]]:
    """An inventory with every kind of entry and awkward values, and lineage for its models."""
    rnd = random.Random(seed)
    inv = Inventory(root="gen", files_scanned=models + libraries)
    lineage: dict[str, Lineage] = {}
    orgs = ["Qwen", "meta-llama", "mistralai", "BAAI", "acme"]
    licences = [None, "apache-2.0", "MIT", "llama3.1", "Apache-2.0 OR MIT", "my own licence"]
    for i in range(models):
        kind = rnd.choice(list(ModelKind))
        revision = rnd.choice([None, "main", "a" * 40, "v1.0", ""])
        if kind is ModelKind.LOCAL:
            name = f"models/m{i}" if i % 3 else f"models/w{i}.gguf"
            weights = [
                WeightFile(
                    path=name if i % 3 == 0 else f"{name}/part-{j}.safetensors",
                    format=rnd.choice(["safetensors", "gguf", "pickle"]),
                    size=rnd.randrange(10**9),
                    sha256=rnd.choice([None, f"{i:064x}"]),
                    parameters=rnd.choice([None, 7 * 10**9]),
                    quantization=rnd.choice([None, "Q4_K_M"]),
                    unsafe=rnd.random() < 0.2,
                    dangerous_imports=rnd.choice([[], ["os.system"]]),
                )
                for j in range(1 if i % 3 == 0 else rnd.randrange(0, 4))
            ]
            facts = LocalModelFacts(
                config=rnd.choice(
                    [
                        None,
                        {"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"]},
                        {"text_config": {"hidden_size": 4096}, "max_position_embeddings": 8192},
                    ]
                ),
                gguf=rnd.choice(
                    [None, {"general.architecture": "llama", "llama.context_length": 4}]
                ),
                chat_template=rnd.choice([None, "{% for m in messages %}" * 700]),
                vocab_size=rnd.choice([None, 151936]),
                weights=weights,
            )
        else:
            name = f"{rnd.choice(orgs)}/Model-{i}B" if kind is not ModelKind.OLLAMA else f"m{i}:7b"
            facts = None
        for j in range(rnd.randrange(1, 4)):
            loc = Location(
                f"src/{rnd.choice(['a', 'b'])}{i % 7}.py",
                line=rnd.choice([None, j + 1, 10 + j, 100 + j]),
                cell=rnd.choice([None, None, 2]),
            )
            inv.add(
                ModelFinding(
                    name,
                    kind,
                    loc,
                    revision=revision if kind is ModelKind.HUB else None,
                    framework=rnd.choice([None, "transformers", "vllm"]),
                    task=rnd.choice([None, "text-generation", "feature-extraction"]),
                    facts=facts,
                )
            )
        model = next(m for m in inv.models.values() if m.name == name)
        ancestors = [
            Ancestor(
                name=f"{rnd.choice(orgs)}/Base-{i}-{d}",
                relation=rnd.choice(["finetune", "adapter", "quantized"]),
                source="declared",
                purl=rnd.choice([None, f"pkg:huggingface/acme/base-{i}-{d}"]),
                family=rnd.choice([None, "qwen", "llama"]),
                license=rnd.choice(licences),
                evidence=[f"card: base_model {d}", f"config: {d * 10}"],
                depth=d + 1,
                child=name,
                country=rnd.choice([None, "CN", "US"]),
                release=rnd.choice([None, "qwen2_5"]),
            )
            for d in range(rnd.randrange(0, 3))
        ]
        if ancestors and rnd.random() < 0.3 and i > 0:  # an ancestor that is itself in the BOM
            earlier = rnd.choice(list(inv.models.values()))
            ancestors[0] = Ancestor(name=earlier.name, relation="finetune", source="inferred")
        lineage[model.key] = Lineage(
            source=rnd.choice(["declared", "inferred", "unknown"]),
            confidence=rnd.choice([None, "high", "low"]),
            family=rnd.choice([None, "qwen"]),
            family_name=rnd.choice([None, "Qwen"]),
            release=rnd.choice([None, "qwen2_5", "llama3"]),
            developer=rnd.choice([None, "Alibaba Cloud (Qwen team)"]),
            country=rnd.choice([None, "CN"]),
            families=rnd.choice([[], ["qwen", "llama"]]),
            ancestors=ancestors,
            relation=ancestors[0].relation if ancestors else None,
            evidence=[f"evidence {k}" for k in range(rnd.randrange(3))],
            license_declared=rnd.choice(licences),
            licenses_inherited=rnd.choice([[], ["apache-2.0", "llama3.1"]]),
            tune_method=rnd.choice([None, "lora"]),
        )
    for i in range(libraries):
        ecosystem = rnd.choice(["pypi", "npm"])
        name = rnd.choice([f"Lib_{i}.X", f"@scope/pkg{i}", f"lib{i}"])
        loc = Location(
            rnd.choice(["requirements.txt", "package.json"]), line=rnd.choice([None, i + 1])
        )
        inv.add(
            LibraryFinding(
                name,
                ecosystem,
                loc,
                version=rnd.choice([None, "1.0", "2.0.0rc1"]),
                specifier=rnd.choice([None, ">=1", "^2"]),
                category=rnd.choice([None, "ai-framework"]),
            )
        )
    for i in range(max(1, models // 20)):
        inv.add(
            ServiceFinding(
                rnd.choice(["openai", "deepseek", "anthropic", "unknown", "ollama"]),
                Location(f"svc{i}.py", line=i + 1),
                endpoint=rnd.choice(
                    [None, "https://api.example.com/v1", "http://x/{port}/v1", "http://h/a b[1]"]
                ),
                model=rnd.choice([None, "gpt-4o", "deepseek-chat"]),
                client=rnd.choice([None, "openai"]),
            )
        )
    model_names = [m.name for m in inv.models.values()]
    for i in range(max(1, models // 10)):
        inv.add(
            DatasetFinding(
                f"acme/data-{i}",
                Location(f"data{i}.py", line=rnd.choice([None, 3])),
                used_by=rnd.choice([None, *model_names[:5]]) if model_names else None,
            )
        )
    for i in range(rnd.randrange(0, 8)):
        inv.add(Diagnostic(f"f{i}.py", f"could not parse {i * 7}", line=rnd.choice([None, i])))
    return inv, lineage


@pytest.mark.parametrize("seed", range(12))
def test_generated_inventories_render_identically(seed: int) -> None:
    inv, lineage = _generated(models=40, libraries=30, seed=seed)
    if seed == 0:
        validate_cyclonedx(_both(inv, lineage))
    else:
        _both(inv, lineage, when=WHEN - timedelta(days=seed, microseconds=seed))


def test_large_generated_inventory_renders_identically() -> None:
    inv, lineage = _generated(models=1200, libraries=1500, seed=99)
    _both(inv, lineage)


def test_naive_timestamp_is_written_with_its_offset_both_ways() -> None:
    inv, lineage = _generated(models=3, libraries=2, seed=5)
    _both(inv, lineage, when=datetime(2026, 1, 2, 3, 4, 5))


def test_datasets_alone_render_identically() -> None:
    inv = Inventory(root="d")
    inv.add(DatasetFinding("acme/only", Location("train.py", line=1)))
    with pytest.warns(UserWarning, match="no defined dependencies"):
        library = serialize(
            build_bom(inv, {}, project_name="proj", timestamp=WHEN), serial=SERIAL, validate=False
        )
    with pytest.warns(UserWarning, match="no defined dependencies"):
        direct = render_json(inv, {}, project_name="proj", timestamp=WHEN, serial=SERIAL)
    assert direct == library


def test_repeated_bom_ref_takes_the_library_path() -> None:
    inv = Inventory(root="r")
    shared = WeightFile(path="w/model.safetensors", format="safetensors", size=1)
    for name in ("w", "w/model.safetensors/.."):
        facts = LocalModelFacts(weights=[shared])
        inv.add(ModelFinding(name, ModelKind.LOCAL, Location(f"{name}/x.py"), facts=facts))
    with pytest.raises(Unsupported, match="used twice"):
        render_json(inv, {}, project_name="p", timestamp=WHEN, serial=SERIAL)
    built, text, dropped = build_isolated(inv, {}, project_name="p", timestamp=WHEN)
    assert built is not None and dropped == []
    validate_cyclonedx(text)


def test_good_inventory_is_written_without_the_library_model() -> None:
    inv, lineage = _generated(models=5, libraries=5, seed=3)
    built, text, dropped = build_isolated(inv, lineage, project_name="p", timestamp=WHEN)
    assert built is None and dropped == []
    validate_cyclonedx(text)


@pytest.mark.parametrize(
    "uri",
    [
        "https://api.openai.com/v1",
        "http://localhost:8000/v1/{model}/chat completions",
        "https://x.example/a%20b?q='1'&r=\"2\"[3]<4>",
        "https://x.example/%2F%2f",
        "https://x.example/100%",  # refused by the library: the same error
        "https://x.example/#a#b",
        "line\nbreak#1\n#2",
    ],
)
def test_service_endpoint_escaping_is_the_library_s(uri: str) -> None:
    from cyclonedx.model import XsUri

    try:
        expected: str | type[Exception] = str(XsUri(uri))
    except Exception as exc:  # the library's own exception type
        expected = type(exc)
    if isinstance(expected, str):
        assert xs_uri(uri) == expected
    else:
        with pytest.raises(expected):
            xs_uri(uri)
