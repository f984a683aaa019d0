"""Stray literals (issue 11): strings that can only be model names, where no rule looked.

Held-out repositories keep model names in shapes no context rule has met (provider enums,
record lists, presets built by the project's own classes, config catalogs). A hub id of a known
model organisation, a versioned lower-case hosted API name or a sized Ollama tag is a model as a
member of a catalog-like collection (three or more such strings, at least half of it; records'
values count), under a model-named keyword or property of any call or object, and as a key of a
config table of per-model settings — in Python, JS/TS and YAML/JSON/TOML — and never where it is
only compared, looked up, typed or printed, nor bound to data, aliases or a lookup table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan

from aibom.knowledge.classify import strong_model_literal

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_python_catalog_like_lists_and_model_keywords(make_tree: MakeTree) -> None:
    src = (
        "from .records import Preset, Spec\n"
        'PRESETS = [Preset("ibm-granite/granite-4.0-micro"), Preset("ibm-granite/granite-4.0-h-tiny")]\n'
        "SUPPORTED = [\n"  # not named as models: a catalog by its members
        '    {"name": "gpt-5.4-2026-03-05", "context_window": 272000},\n'
        '    {"name": "claude-3-5-haiku-20241022", "context_window": 200000},\n'
        '    Spec("gemini-2.0-flash-001", 1),\n'
        '    "llama3.1:8b",\n'
        "]\n"
        "class Service:\n"
        "    def __init__(self):\n"
        '        self.settings = self.Settings(model="nvidia/nemotron-3-nano-30b-a3b")\n'
    )
    tree = {"app/__init__.py": "", "app/records.py": "", "app/models.py": src}
    inv = scan(make_tree(tree))
    found = models(inv)
    assert "ibm-granite/granite-4.0-micro" not in found  # two records: no catalog yet
    assert found["llama3.1:8b"] == {"app/models.py:7"}
    # one model keyword of the project's own call: the wrapper rules' business, not a catalog
    assert "nvidia/nemotron-3-nano-30b-a3b" not in found
    names = hosted(inv)
    assert names["gpt-5.4-2026-03-05"] == {"openai"}
    assert names["claude-3-5-haiku-20241022"] == {"anthropic"}
    assert names["gemini-2.0-flash-001"] == {"google"}


def test_python_single_values_and_short_lists_are_left_to_the_named_rules(
    make_tree: MakeTree,
) -> None:
    src = (
        'FALLBACK = "gpt-4o-mini-2024-07-18"\n'  # one value, no model name: another rule's call
        'PAIR = ["claude-3-opus-20240229", "claude-3-sonnet-20240229"]\n'  # two: no catalog
        'MIXED = ["gpt-4-0613", "fast", "smart", "cheap", "slow"]\n'  # mostly labels
        'DEFAULTS = {"PER_MODEL": {"gemini-2.0-flash-001": {"vision": True}}}\n'  # keyed by model
    )
    names = everything(scan(make_tree({"app/choices.py": src})))
    assert not names & {
        "gpt-4o-mini-2024-07-18", "claude-3-opus-20240229", "claude-3-sonnet-20240229",
        "gpt-4-0613", "gemini-2.0-flash-001",
    }  # fmt: skip


def test_python_lookups_text_data_and_aliases_stay_out(make_tree: MakeTree) -> None:
    src = (
        'DATASET = "HuggingFaceH4/zephyr-7b-beta"\n'  # bound to a data name
        "TOKEN_LIMITS = {'gpt-4o-2024-08-06': 128000}\n"  # a lookup table by name
        "PRICES = {'o3-mini-2025-01-31': 1.1}\n"  # keyed numbers: a lookup, whatever the name
        "VISION_MODELS = ['gpt-4.1-nano', 'gpt-4.1-mini', 'gpt-4.1']\n"  # a capability list
        "aliases = ['claude-3-7-sonnet-20250219', 'claude-3-5-sonnet-20241022', 'o1-2024-12-17']\n"
        "def pick(model):\n"
        "def route(model, fallback='claude-3-opus-20240229'):\n"  # a default the body ignores
        "    if model in {'mistral-large-2407'}:\n"  # a membership test
        "        return LIMITS['gpt-4-0613']\n"  # a lookup
        "    assert model != 'o1-mini-2024-09-12'\n"
        "    return f'{model}-gpt-4-0314'\n"
        "NAME = 'gpt-4o-mini' + '-2024-07-18'\n"  # pieces of a text
        "REPORT = 'gpt-4o-mini.json'\n"  # a file named after a model
        "REPLY = {'id': 'x', 'model': 'text-moderation-001', 'results': []}\n"  # an API reply
    )
    names = everything(scan(make_tree({"app/limits.py": src})))
    assert not names & {
        "huggingfaceh4/zephyr-7b-beta", "gpt-4o-2024-08-06", "o3-mini-2025-01-31",
        "gpt-4.1-nano", "claude-3-7-sonnet-20250219", "mistral-large-2407", "gpt-4-0613",
        "o1-mini-2024-09-12", "gpt-4-0314", "gpt-4o-mini", "gpt-4o-mini.json",
        "claude-3-opus-20240229", "text-moderation-001", "gpt-4.1-mini", "gpt-4.1",
        "claude-3-5-sonnet-20241022", "o1-2024-12-17",
    }  # fmt: skip


def test_python_tests_are_not_read(make_tree: MakeTree) -> None:
    src = 'CHOICES = ["gpt-4o-mini-2024-07-18", "o3-mini-2025-01-31", "gpt-4.1-2025-04-14"]\n'
    assert not everything(scan(make_tree({"tests/test_models.py": src})))
    assert "o3-mini-2025-01-31" in everything(scan(make_tree({"app/models.py": src})))


def test_js_catalog_like_arrays_and_model_properties(make_tree: MakeTree) -> None:
    src = (
        'import { z } from "zod";\n'
        "export const GroqIds = z.enum([\n"
        '  "meta-llama/llama-4-scout-17b-16e-instruct",\n'
        '  "qwen/qwen3-32b",\n'
        '  "openai/gpt-oss-20b",\n'
        "]);\n"
        "const offered = [\n"
        '  { id: "claude-3-5-haiku-20241022", label: "Haiku" },\n'
        '  { id: "o3-mini-2025-01-31", label: "o3" },\n'
        '  { id: "gemini-2.0-flash-001", label: "Flash" },\n'
        "];\n"
        'const evalConfig = { executionModel: "deepseek-ai/DeepSeek-R1" };\n'
    )
    inv = scan(make_tree({"src/models.ts": src}))
    found = models(inv)
    assert found["meta-llama/llama-4-scout-17b-16e-instruct"] == {"src/models.ts:3"}
    assert found["openai/gpt-oss-20b"] == {"src/models.ts:5"}
    assert found["deepseek-ai/deepseek-r1"] == {"src/models.ts:12"}
    names = hosted(inv)
    for name, provider in (
        ("claude-3-5-haiku-20241022", "anthropic"),
        ("o3-mini-2025-01-31", "openai"),
        ("gemini-2.0-flash-001", "google"),
    ):
        assert names[name] == {provider}


def test_js_lookups_and_named_tables_stay_out(make_tree: MakeTree) -> None:
    src = (
        "export const TOKEN_LIMITS = { 'gpt-4-turbo-2024-04-09': { input: 128000 } };\n"
        "const prices = { 'claude-3-opus-20240229': 15 };\n"
        "const VISION_MODELS = ['gpt-4o-2024-08-06', 'gpt-4.1-2025-04-14', 'o1-2024-12-17'];\n"
        "const pair = ['claude-3-opus-20240229', 'claude-3-sonnet-20240229'];\n"
        "const fallback = 'gpt-4o-mini-2024-07-18';\n"
        "const dataset = ['HuggingFaceH4/zephyr-7b-beta', 'Qwen/Qwen2.5-7B', 'Qwen/Qwen2.5-14B'];\n"
        "const modelAliases = { sonnet: 'claude-3-7-sonnet-20250219' };\n"
        "const perModel = { 'gpt-4.1-2025-04-14': { vision: true } };\n"
        "function pick(m = 'o1-preview-2024-09-12') { return m.length }\n"
    )
    names = everything(scan(make_tree({"src/limits.ts": src})))
    assert not names & {
        "gpt-4-turbo-2024-04-09", "claude-3-opus-20240229", "gpt-4o-2024-08-06",
        "huggingfaceh4/zephyr-7b-beta", "claude-3-7-sonnet-20250219", "gpt-4.1-2025-04-14",
        "o1-preview-2024-09-12", "o1-2024-12-17", "claude-3-sonnet-20240229",
        "gpt-4o-mini-2024-07-18",
    }  # fmt: skip


def test_config_catalog_lists_and_per_model_tables(make_tree: MakeTree) -> None:
    yaml_text = (
        "apis:\n"
        "  groq:\n"
        "    models:\n"
        "      meta-llama/llama-4-scout-17b-16e-instruct:\n"
        "        aliases: [scout, llama-4-scout-17b-16e-instruct-2025, qwen/qwen3-32b, o1-2024-12-17]\n"
        "      o3-mini-2025-01-31: {}\n"
        "train:\n"
        "  datasets: [HuggingFaceH4/ultrachat_200k, Qwen/Qwen2.5-7B, Qwen/Qwen2.5-14B]\n"
        "  description: Qwen/Qwen2.5-7B-Instruct is the base\n"
        "  pick: gemini-2.0-flash-lite-001\n"  # one value under no model key: another rule's
    )
    json_text = (
        '{"presets": [{"default_model": "x",'
        ' "offer": ["gemini-2.0-flash-001", "gpt-4.1-2025-04-14", "llama3.2:3b"]}]}\n'
    )
    inv = scan(make_tree({"config/app.yml": yaml_text, "presets/default.json": json_text}))
    found = models(inv)
    assert found["meta-llama/llama-4-scout-17b-16e-instruct"] == {"config/app.yml:4"}
    assert "llama3.2:3b" in found
    names = hosted(inv)
    assert names["gemini-2.0-flash-001"] == {"google"}
    assert names["o3-mini-2025-01-31"] == {"openai"}
    assert not everything(inv) & {
        "llama-4-scout-17b-16e-instruct-2025", "qwen/qwen3-32b", "o1-2024-12-17",
        "huggingfaceh4/ultrachat_200k", "qwen/qwen2.5-7b", "qwen/qwen2.5-7b-instruct",
        "gemini-2.0-flash-lite-001",
    }  # fmt: skip


def test_hostile_yaml_aliases_are_walked_once(make_tree: MakeTree) -> None:
    lines = ['a0: &a0 ["gpt-4o-mini-2024-07-18", "o3-mini-2025-01-31", "gpt-4.1-2025-04-14"]']
    for i in range(1, 20):
        lines.append(f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]")
    inv = scan(make_tree({"config/laughs.yaml": "\n".join(lines) + "\n"}))
    # scanned in bounded time (the alias graph is walked once, not unrolled 9**19 times)
    assert hosted(inv)["gpt-4o-mini-2024-07-18"] == {"openai"}


def test_file_names_are_not_model_literals() -> None:
    assert not strong_model_literal("gpt-4o-mini.json")
    assert not strong_model_literal("Qwen/Qwen2.5-7B-Instruct.yaml")
    assert strong_model_literal("Qwen/Qwen2.5-7B-Instruct")


def test_python_record_lists_count_nested_sources_but_not_placeholders(make_tree: MakeTree) -> None:
    src = (
        "from .spec import Spec, Source\n"
        "supported = [\n"
        '    Spec(model="BAAI/bge-small-en-v1.5", sources=Source(hf="Qdrant/bge-small-en-onnx")),\n'
        '    Spec(model="BAAI/bge-base-en-v1.5", sources=Source(hf="Qdrant/bge-base-en-onnx")),\n'
        '    Spec(model="BAAI/bge-large-en-v1.5", placeholder="BAAI/bge-m3"),\n'
        "]\n"
    )
    found = models(scan(make_tree({"lib/__init__.py": "", "lib/spec.py": "", "lib/text.py": src})))
    assert found["qdrant/bge-small-en-onnx"] == {"lib/text.py:3"}
    assert found["baai/bge-large-en-v1.5"] == {"lib/text.py:5"}
    assert "baai/bge-m3" not in found  # a placeholder field is no member's model


def test_a_record_with_a_model_field_names_its_model_there_not_in_its_label(
    make_tree: MakeTree,
) -> None:
    py = (
        "from .variants import Variant, Llm\n"
        "variants = [\n"
        '    Variant(name="claude-sonnet-4", llm=Llm(model="claude-sonnet-4-20250514")),\n'
        '    Variant(name="claude-opus-4", llm=Llm(model="claude-opus-4-20250514")),\n'
        '    Variant(name="gpt-4.1", llm=Llm(model="gpt-4.1-2025-04-14")),\n'
        "]\n"
    )
    ts = (
        "export const variants = [\n"
        '  { name: "gemini-2.5", model: "gemini-2.5-flash-001" },\n'
        '  { name: "gpt-4o", model: "gpt-4o-2024-08-06" },\n'
        '  { name: "o3", model: "o3-mini-2025-01-31" },\n'
        "];\n"
    )
    tree = {
        "evals/__init__.py": "",
        "evals/variants.py": "",
        "evals/compare.py": py,
        "web/v.ts": ts,
    }
    names = everything(scan(make_tree(tree)))
    assert {"claude-sonnet-4-20250514", "gpt-4.1-2025-04-14", "gpt-4o-2024-08-06"} <= names
    assert not {"claude-sonnet-4", "claude-opus-4", "gpt-4.1", "gemini-2.5", "gpt-4o"} & names
