"""JSON/YAML model catalogs keyed by node or class names (issue 11, round H).

A low-code product lists, per node kind, the models each provider node offers:
``{"chat": [{"name": "awsChatBedrock", "models": [{"label": ..., "name": "<id>"}]}]}``.
The node name spells the provider among role words (``chat``, ``Embeddings``,
``LlamaIndex``); each member is that provider's model, at its own line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from recall_scan import everything, hosted, scan, service_places

from aibom.knowledge.classify import provider_in_identifier

MakeTree = Callable[[dict[str, str | bytes]], Path]


def _entry(node: str, *names: str) -> dict[str, object]:
    return {
        "name": node,
        "models": [{"label": n.upper(), "name": n, "input_cost": 0.000001} for n in names],
    }


@pytest.mark.parametrize(
    ("identifier", "provider"),
    [
        ("awsChatBedrock", "aws-bedrock"),
        ("AWSBedrockEmbeddings", "aws-bedrock"),
        ("azureChatOpenAI_LlamaIndex", "azure-openai"),  # the leftmost provider wins
        ("chatOpenAI", "openai"),
        ("voyageAIEmbeddings", "voyage"),
        ("chatGoogleVertexAI", "google"),
        ("googlevertexaiEmbeddings", "google"),  # run together: google + vertexai
        ("chatBaiduWenxin", "baidu"),
        ("groqChat", "groq"),
        ("chatMistral_LlamaIndex", "mistral"),
    ],
)
def test_provider_in_identifier(identifier: str, provider: str) -> None:
    assert provider_in_identifier(identifier) == provider


@pytest.mark.parametrize(
    "identifier",
    ["darkMode", "translations", "chatQwen2", "messages", "chatLocalAI", "hfTools", "en"],
)
def test_identifiers_naming_no_provider(identifier: str) -> None:
    assert provider_in_identifier(identifier) is None


def test_node_catalog_members_under_the_node_provider(make_tree: MakeTree) -> None:
    doc = {
        "chat": [
            _entry(
                "awsChatBedrock",
                "amazon.nova-lite-v1:0",
                "writer.palmyra-x9-v1:0",  # no pattern knows it: the Bedrock node vouches
                "anthropic.claude-sonnet-9-20300101-v1:0",
            ),
            _entry("azureChatOpenAI", "gpt-4o", "gpt-35-turbo", "o3-mini"),
            _entry("chatGoogleVertexAI", "gemini-2.5-pro", "claude-sonnet-4@20250514"),
            _entry("groqChat", "llama-3.3-70b-versatile", "qwen-qwq-32b"),
        ],
        "embedding": [_entry("voyageAIEmbeddings", "voyage-3", "voyage-code-3")],
    }
    root = make_tree({"packages/core/models.json": json.dumps(doc, indent=4)})
    inv = scan(root)
    names = hosted(inv)
    assert names["amazon.nova-lite-v1:0"] == {"aws-bedrock"}
    assert names["writer.palmyra-x9-v1:0"] == {"aws-bedrock"}
    assert names["anthropic.claude-sonnet-9-20300101-v1:0"] == {"aws-bedrock"}
    assert names["gpt-35-turbo"] == {"azure-openai"}
    assert names["gpt-4o"] == {"azure-openai"}
    # Claude served by Vertex AI is Google's, not Anthropic's
    assert names["claude-sonnet-4@20250514"] == {"google"}
    assert names["qwen-qwq-32b"] == {"groq"}
    assert names["voyage-code-3"] == {"voyage"}
    text = json.dumps(doc, indent=4).splitlines()
    line = next(i for i, t in enumerate(text, 1) if '"name": "writer.palmyra-x9-v1:0"' in t)
    assert f"packages/core/models.json:{line}" in service_places(inv, "aws-bedrock")


def test_provider_record_catalog_vouches_for_plain_names(make_tree: MakeTree) -> None:
    doc = {
        "llm": [
            _entry(
                "azureOpenAI",
                "gpt-35-turbo-instruct",
                "text-davinci-003",
                "text-curie-001",
                "davinci-002",
                "ada",
            ),
            _entry(
                "cohere",
                "command-r",
                "command-r-plus",
                "command-light",
                "command-a-03-2025",
                "base",
            ),
        ]
    }
    root = make_tree({"models.json": json.dumps(doc, indent=2)})
    names = hosted(scan(root))
    assert names["ada"] == {"azure-openai"}
    assert names["base"] == {"cohere"}
    assert names["command-light"] == {"cohere"}


def test_plain_names_need_a_provider_node_and_a_recognised_majority(
    make_tree: MakeTree,
) -> None:
    doc = {
        "chat": [
            # the node names no provider: plain words are no models
            _entry(
                "favourites", "gpt-4o", "gpt-4o-mini", "o3-mini", "claude-3-5-haiku-latest", "ada"
            ),
            # a provider node whose list is mostly plain words: not vouched for
            _entry("chatOpenAI", "gpt-4o", "fast", "smart", "cheap"),
        ]
    }
    root = make_tree({"models.json": json.dumps(doc, indent=2)})
    found = everything(scan(root))
    assert "ada" not in found
    assert not {"fast", "smart", "cheap"} & found


def test_json_files_with_name_lists_are_no_catalogs(make_tree: MakeTree) -> None:
    i18n = {
        "languages": [
            {"name": "chatOpenAI", "label": "Chat"},
            {"name": "English", "models": [{"name": "formal"}, {"name": "casual"}]},
        ]
    }
    ts_config = {"compilerOptions": {"target": "es2020"}, "references": [{"path": "./ui"}]}
    vehicles = {"makes": [{"name": "awsFleet", "models": [{"name": "model-s"}, {"name": "ion"}]}]}
    root = make_tree(
        {
            "locales/en.json": json.dumps(i18n, indent=2),
            "tsconfig.build.json": json.dumps(ts_config, indent=2),
            "data/vehicles.json": json.dumps(vehicles, indent=2),
            "package.json": json.dumps({"name": "chatOpenAI", "version": "1.0.0"}),
        }
    )
    found = everything(scan(root))
    assert not found & {"formal", "casual", "ion", "model-s", "chatopenai"}


def test_yaml_node_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "config/nodes.yaml": (
                "embedding:\n"
                "  - name: cohereEmbeddings\n"
                "    models:\n"
                "      - label: English v3\n"
                "        name: embed-english-v3.0\n"
                "      - label: Multilingual v3\n"
                "        name: embed-multilingual-v3.0\n"
                "  - name: chatMistralAI\n"
                "    models:\n"
                "      - {label: Large, name: mistral-large-latest}\n"
                "      - {label: Small, name: mistral-small-2409}\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["embed-multilingual-v3.0"] == {"cohere"}
    assert names["mistral-small-2409"] == {"mistral"}
    assert "config/nodes.yaml:7" in service_places(inv, "cohere")
