"""Shipped example configs and Azure deployments (issue 11).

``settings.yaml.example`` is the file a user copies to configure the product: it is read
like the config it stands for. Azure OpenAI calls a model through a deployment; a
deployment key under an Azure prefix names the model when its value is a known model
name, and an alias stays unreported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_example_yaml_settings_name_a_local_server_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "settings.yaml.example": (
                "encoding_model: cl100k_base\n"
                "llm:\n"
                "  type: openai_chat\n"
                "  api_base: http://127.0.0.1:11434/v1\n"
                "  model: qwen2\n"
            ),
            "config.json.sample": '{"model_id": "acme-labs/Sample-Embed-1B"}\n',
            "notes.txt.example": "model: acme-labs/Prose-Only\n",
        }
    )
    inv = scan(root)
    assert "settings.yaml.example:5" in models(inv)["qwen2"]
    assert ("ollama", "http://127.0.0.1:11434/v1") in endpoints(inv)
    assert "acme-labs/sample-embed-1b" in models(inv)
    assert not {"cl100k_base", "acme-labs/prose-only"} & everything(inv)


def test_azure_deployments_holding_model_names(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            ".env.example": (
                "AZURE_OPENAI_ENDPOINT=https://acme.openai.azure.com\n"
                "AZURE_OPENAI_CHAT_DEPLOYMENT=gpt-35-turbo\n"
                "AZURE_OPENAI_EMBEDDINGS_DEPLOYMENT=my-embedder\n"
            ),
            "deploy/.env": "RELEASE_DEPLOYMENT=gpt-4o\nOPENAI_BASE_URL=https://api.openai.com/v1\n",
            "conf/azure.yaml": (
                "llm:\n  api_base: https://acme.openai.azure.com\n  deployment_name: gpt-4o-mini\n"
            ),
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["gpt-35-turbo"] == {"azure-openai"}
    assert found["gpt-4o-mini"] == {"azure-openai"}
    assert "my-embedder" not in everything(inv)
    assert "gpt-4o" not in found  # a deployment key with no Azure word or endpoint


def test_colon_defaults_of_settings_loaders(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "settings.yaml": (
                "openai:\n"
                "  api_base: ${OPENAI_API_BASE:https://api.openai.com/v1}\n"
                "  api_key: ${OPENAI_API_KEY:}\n"
                "embedding:\n"
                "  model: ${PGPT_EMBED_MODEL:acme-labs/Colon-Default-1B}\n"
            ),
            "run.sh": '#!/bin/sh\nNAME="acme-labs/Shell-Substring-2B"\nMODEL_ID="${NAME:5}"\n',
        }
    )
    inv = scan(root)
    assert ("openai", "https://api.openai.com/v1") in endpoints(inv)
    assert "settings.yaml:5" in models(inv)["acme-labs/colon-default-1b"]
    assert not {"5", "acme-labs/shell-substring-2b"} & everything(inv)
