"""End to end: notebooks, configs, containers, deployment files and Modelfiles through the scan pipeline and the BOM."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import component, props, scan_to_bom

from aibom.pipeline import ScanRequest, run_scan

NOTEBOOK = {
    "nbformat": 4,
    "nbformat_minor": 5,
    "metadata": {},
    "cells": [
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": "We tried `mistralai/Mistral-7B-v0.1` too (prose only).",
        },
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": 1,
            "source": "%pip install -q peft==0.13.2\n",
        },
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": 2,
            "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "loading google/gemma-2-2b\n"}
            ],
            "source": "from transformers import AutoModel\n\nm = AutoModel.from_pretrained('Qwen/Qwen2.5-0.5B')\n",
        },
    ],
}

TREE: dict[str, str | bytes] = {
    "nb/explore.ipynb": json.dumps(NOTEBOOK),
    "Dockerfile": 'FROM vllm/vllm-openai:v0.6.4\nCMD ["--model", "Qwen/Qwen2.5-7B-Instruct"]\n',
    "docker-compose.yml": "services:\n  ollama:\n    image: ollama/ollama\n    entrypoint: [ollama, pull, nomic-embed-text]\n",
    "deploy/chart/values.yaml": "generator:\n  model: Qwen/Qwen2.5-7B-Instruct\nname: my-app\n",
    "deploy/k8s/tgi.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: tgi}\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: tgi\n          image: ghcr.io/huggingface/text-generation-inference:2.4\n"
        "          env:\n            - name: MODEL_ID\n              value: HuggingFaceTB/SmolLM2-360M-Instruct\n"
    ),
    "config/llm.yaml": "llm:\n  base_url: https://api.deepseek.com\n  model: deepseek-chat\nclassifier:\n  model: RandomForest\n",
    ".env.example": "OPENAI_MODEL=gpt-4o-mini\nAPP_NAME=demo\n",
    "scripts/fetch.sh": "#!/bin/sh\nhuggingface-cli download BAAI/bge-small-en-v1.5\n",
    "ollama/Modelfile": "FROM qwen2.5:7b\nADAPTER ./lora.gguf\n",
    "README.md": "Run `vllm serve meta-llama/Llama-3.1-8B-Instruct` or `ollama pull llama3.1`.\n",
}


def test_every_source_reaches_the_inventory_with_provenance(make_tree: Callable[..., Path]) -> None:
    root = make_tree(TREE)
    inv = run_scan(ScanRequest(root=root, hash_weights=False)).inventory
    models = {
        (m.kind.value, m.name): sorted((str(o), o.source) for o in m.occurrences)
        for m in inv.sorted_models()
    }
    assert models == {
        ("hub", "BAAI/bge-small-en-v1.5"): [("scripts/fetch.sh:2", "shell")],
        ("hub", "HuggingFaceTB/SmolLM2-360M-Instruct"): [("deploy/k8s/tgi.yaml:12", "kubernetes")],
        ("hub", "Qwen/Qwen2.5-0.5B"): [("nb/explore.ipynb#cell=3:3", "notebook")],
        ("hub", "Qwen/Qwen2.5-7B-Instruct"): [
            ("Dockerfile:2", "dockerfile"),
            ("deploy/chart/values.yaml:2", "helm"),
        ],
        ("local", "ollama/lora.gguf"): [("ollama/Modelfile:2", "modelfile")],
        ("ollama", "nomic-embed-text"): [("docker-compose.yml:4", "compose")],
        ("ollama", "qwen2.5:7b"): [("ollama/Modelfile:1", "modelfile")],
    }
    services = {
        (s.provider, s.endpoint): (
            sorted(s.models),
            sorted((str(o), o.source) for o in s.occurrences),
        )
        for s in inv.sorted_services()
    }
    assert services == {
        ("deepseek", "https://api.deepseek.com"): (
            ["deepseek-chat"],
            [("config/llm.yaml:2", "yaml-config"), ("config/llm.yaml:3", "yaml-config")],
        ),
        ("openai", None): (["gpt-4o-mini"], [(".env.example:1", "dotenv")]),
    }
    assert [(lib.name, lib.version) for lib in inv.sorted_libraries()] == [("peft", "0.13.2")]
    lora = next(m for m in inv.sorted_models() if m.name == "ollama/lora.gguf")
    assert (lora.relation_hints, lora.bases) == ({"adapter"}, {"qwen2.5:7b"})


def test_bom_occurrences_point_to_cells_and_lines(make_tree: Callable[..., Path]) -> None:
    bom = scan_to_bom(make_tree(TREE))
    qwen = component(bom, "model:hub:Qwen/Qwen2.5-0.5B")
    assert qwen["evidence"]["occurrences"] == [{"location": "nb/explore.ipynb#cell=3", "line": 3}]
    served = component(bom, "model:hub:Qwen/Qwen2.5-7B-Instruct")
    assert sorted((o["location"], o["line"]) for o in served["evidence"]["occurrences"]) == [
        ("Dockerfile", 2),
        ("deploy/chart/values.yaml", 2),
    ]
    assert props(served, "aibom:framework") == ["vllm"]
    assert props(component(bom, "model:ollama:qwen2.5:7b"), "aibom:model.kind") == ["ollama"]
