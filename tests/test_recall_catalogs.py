"""Rule 1 of the recall issue: catalogs a product offers, in every language.

Every member of a catalog is a model used through that catalog's provider, reported at
its own line; prefix and capability lookup tables stay out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_python_dict_of_dicts_passed_to_a_project_function(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "pkg/registry.py": (
                "from enum import Enum\n"
                "\n"
                "class Source(str, Enum):\n"
                "    HUB = 'hub'\n"
                "    MIRROR = 'mirror'\n"
                "\n"
                "OFFERED = {}\n"
                "\n"
                "def add_family(entries, chat_format=None):\n"
                "    OFFERED.update(entries)\n"
                "\n"
                "add_family(\n"
                "    entries={\n"
                "        'Falcon-7B': {\n"
                "            Source.HUB: 'tiiuae/falcon-7b',\n"
                "            Source.MIRROR: 'mirror-org/falcon-7b',\n"
                "        },\n"
                "        'Falcon-40B': {\n"
                "            Source.HUB: 'tiiuae/falcon-40b',\n"
                "        },\n"
                "    },\n"
                "    chat_format='falcon',\n"
                ")\n"
            )
        }
    )
    found = models(scan(root))
    assert "pkg/registry.py:15" in found["tiiuae/falcon-7b"]
    assert "pkg/registry.py:19" in found["tiiuae/falcon-40b"]


def test_python_display_name_to_record_with_repo_and_hosted_name(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/choices.py": (
                "CHOICES = {\n"
                "    'Llama 2 7B (GGUF)': {'repo_id': 'TheBloke/Llama-2-7B-GGUF', 'ctx': 4096},\n"
                "    'ChatGPT': {'model_name': 'gpt-3.5-turbo', 'ctx': 16385},\n"
                "}\n"
            )
        }
    )
    inv = scan(root)
    assert "app/choices.py:2" in models(inv)["thebloke/llama-2-7b-gguf"]
    assert hosted(inv)["gpt-3.5-turbo"] == {"openai"}
    assert "app/choices.py:3" in service_places(inv, "openai")


def test_typescript_array_of_objects(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/models/openai.ts": (
                "export const OPENAI_CHOICES = [\n"
                "  { name: 'GPT-4 omni', key: 'gpt-4o', vision: true },\n"
                "  { name: 'GPT-4o mini', key: 'gpt-4o-mini', vision: true },\n"
                "  { name: 'o3 mini', key: 'o3-mini', vision: false },\n"
                "];\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    for name in ("gpt-4o", "gpt-4o-mini", "o3-mini"):
        assert names[name] == {"openai"}
    assert {"src/models/openai.ts:2", "src/models/openai.ts:4"} <= service_places(inv, "openai")
    assert "gpt-4 omni" not in everything(inv)  # display names are not model ids


def test_typescript_string_array_spread_into_a_provider_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/constant.ts": (
                "const qwenModes = ['qwen-turbo', 'qwen-plus', 'qwen-max'];\n"
                "const zhipuModes = ['glm-4-plus', 'glm-4-flash'];\n"
                "export const CATALOG = [\n"
                "  ...qwenModes.map((name) => ({ name, available: true, provider: { id: 'alibaba' } })),\n"
                "  ...zhipuModes.map((name) => ({ name, available: true, provider: { id: 'chatglm' } })),\n"
                "];\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["qwen-turbo"] == {"alibaba-dashscope"}
    assert names["glm-4-flash"] == {"zhipu"}
    assert "app/constant.ts:1" in service_places(inv, "alibaba-dashscope")


def test_yaml_platform_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "conf/platforms.yaml": (
                "platforms:\n"
                "  - platform_name: openai\n"
                "    platform_type: openai\n"
                "    api_base_url: https://api.openai.com/v1\n"
                "    llm_models:\n"
                "      - gpt-4o\n"
                "      - gpt-4o-mini\n"
                "    embed_models:\n"
                "      - text-embedding-3-small\n"
                "  - platform_name: local\n"
                "    platform_type: ollama\n"
                "    api_base_url: http://127.0.0.1:11434/v1\n"
                "    llm_models:\n"
                "      - qwen2.5:7b\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["gpt-4o-mini"] == {"openai"}
    assert names["text-embedding-3-small"] == {"openai"}
    assert "qwen2.5:7b" in models(inv)


def test_json_provider_catalog(make_tree: MakeTree) -> None:
    doc = {
        "factories": [
            {
                "name": "DeepSeek",
                "llm": [
                    {"llm_name": "deepseek-chat", "max_tokens": 65536},
                    {"llm_name": "deepseek-reasoner", "max_tokens": 65536},
                ],
            },
            {
                "name": "Moonshot",
                "llm": [{"llm_name": "moonshot-v1-8k", "max_tokens": 7900}],
            },
        ]
    }
    root = make_tree({"conf/factories.json": json.dumps(doc, indent=2)})
    names = hosted(scan(root))
    assert names["deepseek-reasoner"] == {"deepseek"}
    assert names["moonshot-v1-8k"] == {"moonshot"}


def test_toml_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "settings.toml": (
                "[providers.anthropic]\n"
                'models = ["claude-3-5-haiku-latest", "claude-sonnet-4-20250514"]\n'
                "\n"
                "[providers.local]\n"
                'models = ["BAAI/bge-m3", "Qwen/Qwen2.5-7B-Instruct"]\n'
            )
        }
    )
    inv = scan(root)
    assert hosted(inv)["claude-sonnet-4-20250514"] == {"anthropic"}
    assert "settings.toml:5" in models(inv)["qwen/qwen2.5-7b-instruct"]


def test_lookup_tables_stay_out(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/limits.py": (
                "CONTEXT_WINDOW = {'gpt-4o': 128000, 'claude-3-opus-20240229': 200000}\n"
                "PRICE_PER_1K = {'gpt-4o-mini': 0.00015, 'gpt-4.1': 0.002}\n"
                "REASONING_PREFIXES = ('o1', 'o3', 'deepseek-reasoner')\n"
                "\n"
                "def is_reasoning(name):\n"
                "    return name.startswith(REASONING_PREFIXES)\n"
            ),
            "web/limits.ts": (
                "export const TOKEN_LIMITS: Record<string, number> = {\n"
                "  'gpt-4-turbo': 128000,\n"
                "  'claude-3-haiku-20240307': 200000,\n"
                "};\n"
            ),
        }
    )
    found = everything(scan(root))
    for decoy in (
        "gpt-4o",
        "claude-3-opus-20240229",
        "gpt-4.1",
        "deepseek-reasoner",
        "gpt-4-turbo",
    ):
        assert decoy not in found


def test_dataset_lists_and_run_name_keys_are_not_catalogs(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "train/mix.py": (
                "DATA_MIX = ['tatsu-lab/alpaca', 'Open-Orca/OpenOrca']\n"
                "RUNS = {\n"
                "    'gpt-4o-mini-2024-07-18-temp0': {'model_name': 'gpt-4o-mini-2024-07-18'},\n"
                "}\n"
            )
        }
    )
    found = everything(scan(root))
    assert "tatsu-lab/alpaca" not in found
    assert "gpt-4o-mini-2024-07-18-temp0" not in found


def test_record_arrays_inside_functions_and_score_tables(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "server/models.js": (
                "async function listModels(client) {\n"
                "  const fallback = [\n"
                '    { id: "whisper-1", name: "whisper-1", organization: "OpenAi" },\n'
                '    { id: "gpt-4o-transcribe", name: "gpt-4o-transcribe", organization: "OpenAi" },\n'
                "  ];\n"
                "  return client.list().catch(() => fallback);\n"
                "}\n"
            ),
            "docs/leaderboard.tsx": (
                "const scores: Score[] = [\n"
                '  { model: "Acme/Giant-9-high", avgAcc: 48.2 },\n'
                '  { model: "Other/Small-2-mini", avgAcc: 30.5 },\n'
                "];\n"
            ),
        }
    )
    inv = scan(root)
    assert hosted(inv)["gpt-4o-transcribe"] == {"openai"}
    assert "acme/giant-9-high" not in everything(inv)


def test_a_one_record_group_handed_to_a_function_is_a_catalog_entry(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "pkg/groups.py": (
                "def add_family(entries, chat_format=None):\n"
                "    return entries\n"
                "\n"
                "add_family(\n"
                "    entries={\n"
                "        'Lone-7B-Chat': {'repo_id': 'lone-org/Lone-7B-Chat'},\n"
                "    },\n"
                ")\n"
                "add_family(entries={'Note': {'repo_id': 'not a model'}})\n"
            )
        }
    )
    found = models(scan(root))
    assert "pkg/groups.py:6" in found["lone-org/lone-7b-chat"]


def test_deprecated_model_lists_are_not_catalogs(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "serve/monitor.py": (
                "deprecated_model_name = [\n"
                '    "gpt-3.5-turbo-0314",\n'
                '    "claude-instant-1",\n'
                '    "gemini-test-9",\n'
                "]\n"
            )
        }
    )
    assert not {"gpt-3.5-turbo-0314", "claude-instant-1"} & everything(scan(root))


def test_python_capability_lists_are_not_catalogs_but_offered_lists_are(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/models.py": (
                "VISION_MODELS = ['qwen-vl-max-0809', 'glm-4v-plus-0111']\n"
                "TOOL_CALLING_MODELS = ['qwen-plus-2024-09-19', 'glm-4-plus-0111']\n"
                "SUPPORTS_JSON_MODELS = ['deepseek-chat-v9']\n"
                "AVAILABLE_MODELS = ['qwen-max-2025-01-25', 'glm-4-air-250414']\n"
            )
        }
    )
    found = everything(scan(root))
    assert {"qwen-max-2025-01-25", "glm-4-air-250414"} <= found
    assert (
        not {
            "qwen-vl-max-0809",
            "glm-4v-plus-0111",
            "qwen-plus-2024-09-19",
            "glm-4-plus-0111",
            "deepseek-chat-v9",
        }
        & found
    )


def test_not_catalog_names_are_one_table_for_every_language() -> None:
    from aibom.knowledge.tables import setting_names

    pattern = setting_names().not_catalog_name
    for name in ("MODEL_TOKEN_LIMITS", "VISION_MODELS", "deprecated_model_name", "MAX_MODELS"):
        assert pattern.search(name), name
    for name in ("AVAILABLE_MODELS", "LOCAL_MODELS", "chatModels", "MINIMAX_MODELS"):
        assert not pattern.search(name), name
    from aibom.scanners import python_source
    from aibom.scanners.javascript import values

    assert python_source._NOT_CATALOG_NAME is pattern
    assert values._NOT_CATALOG_NAME is pattern
