"""The bundled multi-language example: its expected BOM, exactly (recall and precision on real-looking code)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import component, props, scan_to_bom, validate_cyclonedx

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "rag-service"
PINNED = "a09a35458c702b33eeacc393d103063234e8bc28"

# Every model reference planted in the example, with every place it occurs.
EXPECTED_MODELS = {
    "model:hub:BAAI/bge-small-en-v1.5": [
        ("app/retrieval.py", 12),
        ("app/settings.py", 9),  # pydantic settings field (issue 11, rule 2)
        ("deploy/helm/rag/values.yaml", 9),
        ("scripts/fetch-models.sh", 4),
    ],
    f"model:hub:Qwen/Qwen2.5-7B-Instruct@{PINNED}": [
        ("Dockerfile", 4),
        ("app/generate.py", 14),
        ("app/generate.py", 15),
    ],
    "model:hub:Qwen/Qwen2.5-7B-Instruct": [
        ("Dockerfile", 2),
        ("app/settings.py", 7),  # pydantic settings field (issue 11, rule 2)
        ("deploy/helm/rag/values.yaml", 6),
    ],
    "model:hub:cross-encoder/ms-marco-MiniLM-L-6-v2": [
        ("app/retrieval.py", 13),
        ("docker-compose.yml", 7),
        ("scripts/fetch-models.sh", 5),
    ],
    "model:hub:meta-llama/Llama-3.1-8B-Instruct": [("notebooks/eval.ipynb#cell=3", 5)],
    "model:local:models/support-bot-lora": [
        ("app/generate.py", 18),
        ("models/support-bot-lora/README.md", 1),
    ],
    "model:ollama:nomic-embed-text": [("docker-compose.yml", 13)],
    "model:ollama:qwen2.5:7b": [("ollama/Modelfile", 1)],
}
EXPECTED_SERVICES = {
    "service:deepseek:https://api.deepseek.com/v1": (
        ["deepseek-chat"],
        ["app/generate.py:20", "app/generate.py:32", "app/settings.py:10"],
    ),
    "service:moonshot:https://api.moonshot.cn/v1": (
        ["moonshot-v1-8k"],
        ["web/src/chat.ts:14", "web/src/chat.ts:4"],
    ),
}
EXPECTED_OTHER = [
    "dataset:acme/support-tickets-2024",
    "pkg:npm/openai@4.73.0",
    "pkg:npm/react@18.3.1",
    "pkg:npm/typescript@5.6.3",
    "pkg:pypi/datasets@3.1.0",
    "pkg:pypi/evaluate@0.4.3",
    "pkg:pypi/fastapi@0.115.6",
    "pkg:pypi/openai@1.57.0",
    "pkg:pypi/peft@0.13.2",
    "pkg:pypi/pydantic-settings@2.6.1",
    "pkg:pypi/rouge-score@0.1.2",
    "pkg:pypi/sentence-transformers@3.3.1",
    "pkg:pypi/torch",
    "pkg:pypi/transformers@4.46.3",
    "pkg:pypi/uvicorn@0.32.1",
]


# An untracked scratch script, as a developer would leave one: .gitignore'd, so a decoy. It is
# not committed: git scans tracked files whatever .gitignore says, and so does aibom.
SCRATCH = (
    'from transformers import AutoModel\nAutoModel.from_pretrained("meta-llama/Llama-2-7b-hf")\n'
)


@pytest.fixture(scope="module")
def bom(tmp_path_factory: pytest.TempPathFactory) -> dict:
    copy = tmp_path_factory.mktemp("example") / "rag-service"  # outside any git work tree
    shutil.copytree(EXAMPLE, copy, symlinks=True)
    (copy / "scratch").mkdir(exist_ok=True)
    (copy / "scratch" / "try_llama.py").write_text(SCRATCH, encoding="utf-8")
    return scan_to_bom(copy)


def test_every_planted_model_is_found_where_it_occurs_and_nothing_else(bom: dict) -> None:
    found = {
        c["bom-ref"]: [(o["location"], o.get("line")) for o in c["evidence"]["occurrences"]]
        for c in bom["components"]
        if c["type"] == "machine-learning-model"
    }
    assert found == EXPECTED_MODELS


def test_hosted_apis(bom: dict) -> None:
    found = {
        s["bom-ref"]: (props(s, "aibom:service.model"), props(s, "aibom:occurrence"))
        for s in bom["services"]
    }
    assert found == EXPECTED_SERVICES
    assert [props(s, "aibom:service.country") for s in bom["services"]] == [["CN"], ["CN"]]
    moonshot = bom["services"][1]
    raw = [p["value"] for p in moonshot["properties"] if p["name"] == "aibom:occurrence"]
    assert raw == ["web/src/chat.ts:4", "web/src/chat.ts:14"]  # numbers sort by value


def test_libraries_and_datasets(bom: dict) -> None:
    assert (
        sorted(c["bom-ref"] for c in bom["components"] if c["type"] in ("library", "data"))
        == EXPECTED_OTHER
    )
    assert props(component(bom, "pkg:pypi/transformers@4.46.3"), "aibom:library.category") == [
        "ai-framework"
    ]
    assert props(component(bom, "pkg:pypi/openai@1.57.0"), "aibom:library.category") == [
        "ai-provider-sdk"
    ]


def test_decoys_stay_out(bom: dict) -> None:
    text = str(bom)
    for decoy in (
        "Llama-2-7b-hf",  # in a .gitignore'd, untracked scratch folder
        "Qwen2.5-72B",  # in a comment
        "Mistral-7B-Instruct-v0.3",  # in a notebook output
        "gpt-4o",  # in a console.log string
        "LogisticRegression",  # a scikit-learn "model" variable
    ):
        assert decoy not in text


def test_lineage_of_the_adapter(bom: dict) -> None:
    lora = component(bom, "model:local:models/support-bot-lora")
    assert [a["name"] for a in lora["pedigree"]["ancestors"]] == [
        "Qwen/Qwen2.5-7B-Instruct",
        "Qwen/Qwen2.5-7B",
    ]
    assert props(lora, "aibom:lineage.relation") == ["adapter"]
    assert props(lora, "aibom:family") == ["qwen"]
    assert props(lora, "aibom:family.name") == ["Qwen"]
    assert props(lora, "aibom:family.release") == ["qwen2_5"]
    assert props(lora, "aibom:family.release.name") == ["Qwen2.5"]
    assert props(lora, "aibom:origin.country") == ["CN"]
    for ancestor in lora["pedigree"]["ancestors"]:  # every ancestor carries the contract too
        assert props(ancestor, "aibom:family") == ["qwen"]
        assert props(ancestor, "aibom:family.release") == ["qwen2_5"]
        assert props(ancestor, "aibom:origin.country") == ["CN"]
    assert props(lora, "aibom:lineage.source") == ["declared"]
    assert props(lora, "cdx:ai-ml:model:parameter:tune_method") == ["lora"]
    assert props(lora, "aibom:weights.format") == ["safetensors"]
    llama = component(bom, "model:hub:meta-llama/Llama-3.1-8B-Instruct")
    assert props(llama, "aibom:origin.country") == ["US"]
    assert llama["licenses"] == [{"license": {"name": "Llama 3.1 Community License Agreement"}}]


def test_example_xml_is_valid() -> None:
    from aibom.bom.build import build_bom
    from aibom.bom.serialize import serialize
    from aibom.pipeline import ScanRequest, run_scan

    result = run_scan(ScanRequest(root=EXAMPLE, hash_weights=True))
    validate_cyclonedx(
        serialize(
            build_bom(result.inventory, result.lineage, project_name="rag-service"), "cyclonedx-xml"
        ),
        "cyclonedx-xml",
    )
