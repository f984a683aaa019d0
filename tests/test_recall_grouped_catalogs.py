"""Model catalogs as groups: LiteLLM routes under provider keys, dicts of model lists, entries
added by key from another table's names, bare legacy hub ids, Vertex ``model@version`` names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_litellm_routes_under_provider_keys(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/choices.py": (
                "MODELS = {\n"
                "    'nvidia_nim': [\n"
                "        'nvidia_nim/acme/chat-9b-instruct',\n"
                "        'nvidia_nim/other/llama-4-70b-instruct',\n"
                "    ],\n"
                "    'watson': ['watsonx/ibm/granite-9-8b-instruct', 'watsonx/meta-llama/llama-5-8b'],\n"
                "    'bedrock': ['bedrock/us.amazon.nova-ultra-v2:0', 'bedrock/amazon.titan-text-lite-v1'],\n"
                "    'sambanova': ['sambanova/Big-Llama-9-70B-Instruct', 'sambanova/QwQ-64B'],\n"
                "    'ollama': ['ollama/llama3.1', 'ollama/mixtral'],\n"
                "    'openai': ['gpt-4o', 'gpt-4o-mini'],\n"
                "}\n"
            )
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["acme/chat-9b-instruct"] == {"nvidia"}
    assert found["other/llama-4-70b-instruct"] == {"nvidia"}
    assert found["ibm/granite-9-8b-instruct"] == {"watsonx"}  # the key names no provider
    assert found["us.amazon.nova-ultra-v2:0"] == {"aws-bedrock"}
    assert found["big-llama-9-70b-instruct"] == {"sambanova"}
    assert model_kinds(inv)["llama3.1"] == "ollama"
    assert model_kinds(inv)["mixtral"] == "ollama"  # two members on one line
    assert "sambanova/big-llama-9-70b-instruct" not in models(inv)  # a route, not a hub id


def test_routes_of_another_provider_or_settings_are_no_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/choices.py": (
                "MODELS = {\n"
                "    'groq': ['bedrock/us.amazon.nova-ultra-v2:0', 'watsonx/ibm/granite-9-8b'],\n"
                "    'openai': ['nvidia_nim/acme/chat-9b-instruct'],\n"
                "}\n"
                "ENV_MODELS = {\n"
                "    'bedrock': ['bedrock/AWS_REGION_NAME', 'bedrock/AWS_PROFILE'],\n"
                "}\n"
            )
        }
    )
    found = hosted(scan(root))
    assert "us.amazon.nova-ultra-v2:0" not in found
    assert "acme/chat-9b-instruct" not in found
    assert "aws_region_name" not in found


def test_dict_of_model_lists_is_a_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/templates.py": (
                "plain = 'plain'\n"
                "template_to_model_name = {\n"
                "    plain: ['someorg/chat-7b', 'someorg/chat-13b', 'someorg/chat-30b', 'someorg/chat-70b', 'gpt2'],\n"
                "    'llama': ['otherorg/Llama-9-7b-chat-hf', 'otherorg/Llama-9-13b-chat-hf',\n"
                "              'otherorg/Llama-9-70b-chat-hf', 'otherorg/Llama-9-7b-hf', 'distilgpt2'],\n"
                "    'empty': [],\n"
                "}\n"
                "model_groups_of_flags = {'a': ['--fast', '--slow'], 'b': ['--quiet']}\n"
            )
        }
    )
    inv = scan(root)
    kinds = model_kinds(inv)
    assert kinds["someorg/chat-13b"] == "hub"
    assert kinds["otherorg/llama-9-7b-chat-hf"] == "hub"
    assert kinds["gpt2"] == "hub"  # a bare legacy hub id in a catalog of hub ids
    assert kinds["distilgpt2"] == "hub"
    assert "--fast" not in everything(inv)


def test_bare_legacy_ids_outside_hub_catalogs_stay_silent(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/names.py": (
                "chat_models = ['gpt-4o', 'gpt-4o-mini', 'o3-mini', 'gpt2']\n"
                "tokenizer_names = ['gpt2', 't5-small']\n"
            )
        }
    )
    inv = scan(root)
    assert "gpt-4o" in hosted(inv)
    assert "gpt2" not in models(inv)


def test_catalog_entries_taken_from_another_tables_keys(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/limits.py": (
                "claude_limits = {'claude-9-opus-20300101': 200000, 'claude-9-haiku-20300101': 200000}\n"
                "mistral_limits = {'mistral-large-latest': 32768, 'open-mistral-99b': 32768}\n"
                "unused_limits = {'gpt-9-turbo': 128000, 'gpt-9-mini': 128000}\n"
            ),
            "app/catalog.py": (
                "from limits import claude_limits, mistral_limits\n"
                "\n"
                "kind_to_model_name = {\n"
                "    'chat': ['someorg/chat-7b', 'someorg/chat-13b'],\n"
                "}\n"
                "claude_names = sorted(claude_limits.keys())\n"
                "kind_to_model_name['anthropic'] = claude_names\n"
                "kind_to_model_name['mistralai'] = list(mistral_limits)\n"
                "kind_to_model_name.update({\n"
                "    'openai': ['text-davinci-003', 'text-curie-001'],\n"
                "    'openai_chat': ['gpt-9-chat', 'gpt-9-chat-mini'],\n"
                "})\n"
                "flags = {}\n"
                "flags['anthropic'] = sorted(claude_limits.keys())\n"
            ),
        }
    )
    found = hosted(scan(root))
    assert found["claude-9-opus-20300101"] == {"anthropic"}
    assert found["mistral-large-latest"] == {"mistral"}
    assert found["open-mistral-99b"] == {"mistral"}
    assert found["text-curie-001"] == {"openai"}
    assert found["gpt-9-chat-mini"] == {"openai"}  # "openai_chat" names openai
    assert "gpt-9-turbo" not in found  # a token-limit table nobody offers stays a lookup table


def test_vertex_versioned_embedding_names(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/vertex.py": (
                "from typing import Annotated, Literal, TypedDict\n"
                "\n"
                "class VertexEmbedderConfig(TypedDict, total=False):\n"
                "    model_name: Annotated[\n"
                "        Literal['textembedding-gecko', 'textembedding-gecko@003',\n"
                "                'textembedding-gecko-multilingual@latest', 'text-embedding-005'],\n"
                "        'textembedding-gecko',\n"
                "    ]\n"
                "    region: Literal['us-central1', 'europe-west4']\n"
            )
        }
    )
    found = hosted(scan(root))
    assert found["textembedding-gecko@003"] == {"google"}
    assert found["textembedding-gecko-multilingual@latest"] == {"google"}
    assert "us-central1" not in found


def test_local_model_list_a_setting_is_picked_from(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/tool.py": (
                "def main(args, url):\n"
                "    if url.startswith('https://api.openai.com'):\n"
                "        available_models = ['dall-e-3', 'dall-e-2']\n"
                "    else:\n"
                "        available_models = ['our-painter', 'our-sketcher']\n"
                "    if args.model not in available_models:\n"
                "        args.model = available_models[0]\n"
                "    return args\n"
                "\n"
                "def report():\n"
                "    retired_models = ['gpt-4-0314', 'gpt-4-32k-0314']\n"
                "    listed_models = ['gpt-4o-2024-05-13', 'o1-preview']\n"
                "    print(listed_models, retired_models)\n"
            )
        }
    )
    found = hosted(scan(root))
    assert found["dall-e-3"] == {"openai"}
    assert found["dall-e-2"] == {"openai"}
    assert "our-painter" not in found
    assert "gpt-4o-2024-05-13" not in found  # a list nothing picks a model from
