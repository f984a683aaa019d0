"""YAML/JSON/TOML platform catalogs (issue 11, rule 1): a provider entry names the provider of
the models listed under it (``llm_models``, ``embed_models``, ``llm: [{llm_name}]``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_yaml_factory_entries_named_after_their_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "conf/factories.yaml": (
                "factories:\n"
                "  - name: DeepSeek\n"
                "    tags: LLM\n"
                "    llm:\n"
                "      - llm_name: deepseek-chat\n"
                "        max_tokens: 65536\n"
                "      - llm_name: deepseek-v9-preview\n"
                "        max_tokens: 65536\n"
                "  - name: Moonshot\n"
                "    llm:\n"
                "      - llm_name: moonshot-v1-8k\n"
                "      - llm_name: kimi-k2-turbo-preview\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["deepseek-chat"] == {"deepseek"}
    # a name no pattern knows, listed by the DeepSeek entry: DeepSeek's
    assert names["deepseek-v9-preview"] == {"deepseek"}
    assert names["kimi-k2-turbo-preview"] == {"moonshot"}
    assert "conf/factories.yaml:7" in service_places(inv, "deepseek")


def test_toml_and_json_provider_lists(make_tree: MakeTree) -> None:
    doc = {
        "platforms": [
            {
                "platform_name": "zhipu",
                "llm_models": ["glm-4-plus", "glm-4-airx"],
                "embed_models": ["embedding-3"],
            }
        ]
    }
    root = make_tree(
        {
            "conf/platforms.json": json.dumps(doc, indent=2),
            "conf/providers.toml": (
                "[[provider]]\n"
                'name = "mistral"\n'
                'chat_models = ["mistral-large-latest", "ministral-8b-latest"]\n'
            ),
        }
    )
    names = hosted(scan(root))
    assert names["glm-4-airx"] == {"zhipu"}
    assert names["embedding-3"] == {"zhipu"}
    assert names["ministral-8b-latest"] == {"mistral"}


def test_entries_not_named_after_a_provider_and_non_model_lists_stay_out(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "conf/tools.yaml": (
                "tools:\n"
                "  - name: Weather\n"
                "    llm:\n"
                "      - llm_name: forecast\n"
                "      - llm_name: radar\n"
                "  - name: DeepSeek\n"
                "    datasets:\n"
                "      - tatsu-lab/alpaca\n"
                "    tags: [chat, code]\n"
            )
        }
    )
    inv = scan(root)
    assert everything(inv) == set()
    assert "tatsu-lab/alpaca" not in models(inv)
