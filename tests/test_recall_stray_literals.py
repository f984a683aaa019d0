"""Stray literals (issue 11): a string that can only be a model name, kept as a value.

Held-out repositories keep model names in shapes no context rule has met (records a project
class builds, presets, provider tables, config catalogs). A hub id of a known model
organisation, a versioned lower-case hosted API name or a sized Ollama tag is a model wherever
the program keeps it as a value — in Python, JS/TS and YAML/JSON/TOML — and never where it is
only compared, looked up, typed, printed, or bound to data, aliases or a lookup table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan

from aibom.knowledge.classify import strong_model_literal

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_python_values_are_models(make_tree: MakeTree) -> None:
    src = (
        "from .records import LLMConfig, Preset\n"
        'DEFAULT = "gpt-4o-mini-2024-07-18"\n'
        "PRESETS = {\n"
        '    "fast": Preset(repo_id="ibm-granite/granite-4.0-micro"),\n'
        '    "best": {"model": "claude-3-5-haiku-20241022"},\n'
        "}\n"
        "class Embedder:\n"
        '    name: str = "BAAI/bge-m3"\n'
        'def load(path=None, size="llama3.1:8b"):\n'
        '    return path if path else "sentence-transformers/all-MiniLM-L6-v2"\n'
        'CONFIGS = [LLMConfig("gpt-5-2025-08-07", ["vision"])]\n'
        'PER_MODEL = {"gemini-2.0-flash-001": {"vision": True}}\n'
    )
    tree = {"app/__init__.py": "", "app/records.py": "", "app/models.py": src}
    inv = scan(make_tree(tree))
    found = models(inv)
    assert found["ibm-granite/granite-4.0-micro"] == {"app/models.py:4"}
    assert found["baai/bge-m3"] == {"app/models.py:8"}
    assert found["llama3.1:8b"] == {"app/models.py:9"}
    assert "sentence-transformers/all-minilm-l6-v2" in found
    names = hosted(inv)
    assert names["gpt-4o-mini-2024-07-18"] == {"openai"}
    assert names["claude-3-5-haiku-20241022"] == {"anthropic"}
    assert names["gpt-5-2025-08-07"] == {"openai"}
    assert names["gemini-2.0-flash-001"] == {"google"}


def test_python_lookups_text_data_and_aliases_stay_out(make_tree: MakeTree) -> None:
    src = (
        'DATASET = "HuggingFaceH4/zephyr-7b-beta"\n'  # bound to a data name
        "TOKEN_LIMITS = {'gpt-4o-2024-08-06': 128000}\n"  # a lookup table by name
        "PRICES = {'o3-mini-2025-01-31': 1.1}\n"  # keyed numbers: a lookup, whatever the name
        "VISION_MODELS = ['gpt-4.1-nano']\n"  # a capability list
        "MODEL_ALIASES = ['claude-3-7-sonnet-20250219']\n"  # aliases
        "def pick(model):\n"
        "    if model in {'mistral-large-2407'}:\n"  # a membership test
        "        return LIMITS['gpt-4-0613']\n"  # a lookup
        "    assert model != 'o1-mini-2024-09-12'\n"
        "    return f'{model}-gpt-4-0314'\n"
        "NAME = 'gpt-4o-mini' + '-2024-07-18'\n"  # pieces of a text
        "REPORT = 'gpt-4o-mini.json'\n"  # a file named after a model
    )
    names = everything(scan(make_tree({"app/limits.py": src})))
    assert not names & {
        "huggingfaceh4/zephyr-7b-beta", "gpt-4o-2024-08-06", "o3-mini-2025-01-31",
        "gpt-4.1-nano", "claude-3-7-sonnet-20250219", "mistral-large-2407", "gpt-4-0613",
        "o1-mini-2024-09-12", "gpt-4-0314", "gpt-4o-mini", "gpt-4o-mini.json",
    }  # fmt: skip


def test_python_tests_are_not_read(make_tree: MakeTree) -> None:
    src = 'PICKED = "claude-3-5-haiku-20241022"\nCHOICES = ["gpt-4o-mini-2024-07-18"]\n'
    assert not everything(scan(make_tree({"tests/test_models.py": src})))
    assert {"claude-3-5-haiku-20241022", "gpt-4o-mini-2024-07-18"} <= everything(
        scan(make_tree({"app/models.py": src}))
    )


def test_js_values_are_models(make_tree: MakeTree) -> None:
    src = (
        'import { helper } from "./helper";\n'
        'export const DEFAULT = "gpt-4o-mini-2024-07-18";\n'
        "export const models = [\n"
        '  { id: "claude-3-5-haiku-20241022", label: "Haiku" },\n'
        '  "o3-mini-2025-01-31",\n'
        "];\n"
        'function pick(m: string = "gemini-2.0-flash-001") {\n'
        '  return helper("mistralai/Mistral-7B-Instruct-v0.3");\n'
        "}\n"
        'class Chat { model = "deepseek-ai/DeepSeek-R1"; }\n'
        'const perModel = { "gpt-4.1-2025-04-14": { vision: true } };\n'
    )
    inv = scan(make_tree({"src/models.ts": src}))
    names = hosted(inv)
    for name, provider in (
        ("gpt-4o-mini-2024-07-18", "openai"),
        ("claude-3-5-haiku-20241022", "anthropic"),
        ("o3-mini-2025-01-31", "openai"),
        ("gemini-2.0-flash-001", "google"),
        ("gpt-4.1-2025-04-14", "openai"),
    ):
        assert names[name] == {provider}
    found = models(inv)
    assert found["mistralai/mistral-7b-instruct-v0.3"] == {"src/models.ts:8"}
    assert found["deepseek-ai/deepseek-r1"] == {"src/models.ts:10"}


def test_js_lookups_and_named_tables_stay_out(make_tree: MakeTree) -> None:
    src = (
        "export const TOKEN_LIMITS = { 'gpt-4-turbo-2024-04-09': { input: 128000 } };\n"
        "const prices = { 'claude-3-opus-20240229': 15 };\n"
        "const VISION_MODELS = ['gpt-4o-2024-08-06'];\n"
        "const dataset = 'HuggingFaceH4/zephyr-7b-beta';\n"
        "const modelAliases = { sonnet: 'claude-3-7-sonnet-20250219' };\n"
    )
    names = everything(scan(make_tree({"src/limits.ts": src})))
    assert not names & {
        "gpt-4-turbo-2024-04-09", "claude-3-opus-20240229", "gpt-4o-2024-08-06",
        "huggingfaceh4/zephyr-7b-beta", "claude-3-7-sonnet-20250219",
    }  # fmt: skip


def test_config_values_and_per_model_tables_are_models(make_tree: MakeTree) -> None:
    yaml_text = (
        "apis:\n"
        "  groq:\n"
        "    models:\n"
        "      meta-llama/llama-4-scout-17b-16e-instruct:\n"
        "        aliases: [scout, llama-4-scout-17b-16e-instruct-2025]\n"
        "      deepseek-r1-distill-llama-70b: {}\n"
        "  ollama:\n"
        "    models:\n"
        '      "llama3.2:3b":\n'
        '        fallback: "qwen2.5:7b"\n'
        "train:\n"
        "  dataset: HuggingFaceH4/ultrachat_200k\n"
        "  description: Qwen/Qwen2.5-7B-Instruct is the base\n"
        "  example: mistralai/Mistral-7B-v0.3\n"
    )
    json_text = '{"presets": [{"default_model": "x", "models": ["gemini-2.0-flash-001"]}]}\n'
    inv = scan(make_tree({"config/app.yml": yaml_text, "presets/default.json": json_text}))
    found = models(inv)
    assert found["meta-llama/llama-4-scout-17b-16e-instruct"] == {"config/app.yml:4"}
    assert found["llama3.2:3b"] == {"config/app.yml:9"}
    assert found["qwen2.5:7b"] == {"config/app.yml:10"}
    assert hosted(inv)["gemini-2.0-flash-001"] == {"google"}
    names = everything(inv)
    assert not names & {
        "llama-4-scout-17b-16e-instruct-2025", "huggingfaceh4/ultrachat_200k",
        "qwen/qwen2.5-7b-instruct", "mistralai/mistral-7b-v0.3",
    }  # fmt: skip


def test_hostile_yaml_aliases_are_walked_once(make_tree: MakeTree) -> None:
    lines = ['a0: &a0 ["gpt-4o-mini-2024-07-18"]']
    for i in range(1, 20):
        lines.append(f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]")
    inv = scan(make_tree({"config/laughs.yaml": "\n".join(lines) + "\n"}))
    # scanned in bounded time (the alias graph is walked once, not unrolled 9**19 times)
    assert hosted(inv)["gpt-4o-mini-2024-07-18"] == {"openai"}


def test_file_names_are_not_model_literals() -> None:
    assert not strong_model_literal("gpt-4o-mini.json")
    assert not strong_model_literal("Qwen/Qwen2.5-7B-Instruct.yaml")
    assert strong_model_literal("Qwen/Qwen2.5-7B-Instruct")
