"""Model catalogs kept as JSON inside a YAML string (issue 11): a Helm ``envVars.MODELS: >``
block holding a JSON array of model records, read as the catalog it is at the file's own
lines; catalog records naming their provider by ``providerId`` (``vertex``, ``togetherai``,
``ollama``) as well as by ``provider``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, model_kinds, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]

_ROUTER_VALUES = """\
replicas: 2
envVars:
  PUBLIC_APP_NAME: "Demo"
  APP_BASE: "/chat"
  MODELS: >
    [
      { "id": "autoroute", "supportsTools": true },
      { "id": "Qwen/Qwen2.5-72B-Instruct", "description": "A large chat model." },
      { "id": "meta-llama/Llama-3.3-70B-Instruct", "parameters": { "max_tokens": 4096 } },
      { "id": "deepseek-ai/DeepSeek-R1", "description": "Reasoning." },
      { "id": "google/gemma-3-27b-it" },
      { "id": "mistralai/Mistral-Small-3.1-24B-Instruct-2503" },
      { "id": "microsoft/phi-4", "description": "Small." },
      { "id": "zai-org/GLM-4.5", "description": "Agentic." },
      { "id": "moonshotai/Kimi-K2-Instruct" },
      { "id": "openai/gpt-oss-120b" },
      { "id": "Qwen/Qwen3-8B" }
    ]
  TASK_MODEL: "Qwen/Qwen3-8B"
"""


def test_helm_models_block_is_read_as_a_catalog_at_its_lines(make_tree: MakeTree) -> None:
    root = make_tree({"chart/env/prod.yaml": _ROUTER_VALUES})
    inv = scan(root)
    found = models(inv)
    assert "chart/env/prod.yaml:8" in found["qwen/qwen2.5-72b-instruct"]
    assert "chart/env/prod.yaml:9" in found["meta-llama/llama-3.3-70b-instruct"]
    assert "chart/env/prod.yaml:17" in found["qwen/qwen3-8b"]
    assert "chart/env/prod.yaml:19" in found["qwen/qwen3-8b"]  # TASK_MODEL
    assert "chart/env/prod.yaml:16" in found["openai/gpt-oss-120b"]
    # the router alias among the records is not a model
    assert "autoroute" not in everything(inv)


def test_helm_models_block_served_by_the_hf_router(make_tree: MakeTree) -> None:
    values = _ROUTER_VALUES.replace(
        '  APP_BASE: "/chat"', '  OPENAI_BASE_URL: "https://router.huggingface.co/v1"'
    )
    inv = scan(make_tree({"chart/env/prod.yaml": values}))
    names = hosted(inv)
    assert "huggingface" in names["deepseek-ai/deepseek-r1"]
    assert "huggingface" in names["google/gemma-3-27b-it"]
    assert "chart/env/prod.yaml:11" in service_places(inv, "huggingface")
    assert "autoroute" not in everything(inv)


def test_literal_block_and_one_line_json_strings(make_tree: MakeTree) -> None:
    literal = (
        "env:\n"
        "  CHAT_MODELS: |\n"
        '    [{"id": "Qwen/Qwen2.5-7B-Instruct"},\n'
        '     {"id": "meta-llama/Llama-3.1-8B-Instruct"}]\n'
    )
    one_line = 'settings:\n  note: plain\n  MODELS: \'["gpt-4o-mini", "gpt-4.1"]\'\n'
    inv = scan(make_tree({"deploy/literal.yaml": literal, "deploy/one.yaml": one_line}))
    found = models(inv)
    assert "deploy/literal.yaml:3" in found["qwen/qwen2.5-7b-instruct"]
    assert "deploy/literal.yaml:4" in found["meta-llama/llama-3.1-8b-instruct"]
    names = hosted(inv)
    assert names["gpt-4o-mini"] == {"openai"}
    assert names["gpt-4.1"] == {"openai"}
    assert "deploy/one.yaml:3" in service_places(inv, "openai")


def test_json_strings_under_other_keys_and_non_catalogs_are_not_read(
    make_tree: MakeTree,
) -> None:
    values = (
        "envVars:\n"
        "  FEATURE_FLAGS: >\n"
        '    [{"id": "Qwen/Qwen2.5-7B-Instruct"}, {"id": "gpt-4o"}]\n'
        "  MODELS: >\n"
        '    [{"id": "alpha"}, {"id": "beta"}, {"id": "gamma"}, {"id": "delta"},\n'
        '     {"id": "epsilon"}, {"id": "gpt-4o-mini"}]\n'
        "  EXTRA_MODELS: '[not json'\n"
        '  LLM_MODEL: "{not json either}"\n'
    )
    inv = scan(make_tree({"chart/values-prod.yaml": values}))
    found = everything(inv)
    assert "qwen/qwen2.5-7b-instruct" not in found
    assert "gpt-4o" not in found
    # a list of records mostly not models is not a catalog
    assert "gpt-4o-mini" not in found
    assert "alpha" not in found


def test_record_catalog_skips_one_alias_only_when_nearly_all_are_models(
    make_tree: MakeTree,
) -> None:
    many = {
        "models": [{"id": "fast-router"}]
        + [{"id": f"gpt-4.1{suffix}"} for suffix in ("", "-mini", "-nano")]
        + [{"id": n} for n in ("gpt-4o", "gpt-4o-mini", "o3", "o4-mini", "gpt-5", "gpt-5-mini")]
    }
    few = {"models": [{"id": "house-model"}, {"id": "gpt-4o"}, {"id": "gpt-4.1"}]}
    # two unrecognised names among many records: a table of display names, not a catalog
    table = {
        "models": [{"name": "Acme Vision Pro"}, {"name": "house-blend"}]
        + [{"name": n} for n in ("gpt-4o", "o3", "o1", "gpt-4.1-mini", "gpt-5-nano")]
    }
    inv = scan(
        make_tree(
            {
                "conf/many.json": json.dumps(many, indent=2),
                "conf/few.json": json.dumps(few, indent=2),
                "conf/table.json": json.dumps(table, indent=2),
            }
        )
    )
    names = hosted(inv)
    assert names["gpt-5-mini"] == {"openai"}
    assert "fast-router" not in everything(inv)
    # three records, one unknown: not vouched for as a catalog, nothing read from it
    assert "house-model" not in everything(inv)
    assert "conf/few.json:7" not in service_places(inv, "openai")
    assert "house-blend" not in everything(inv)
    assert "acme vision pro" not in everything(inv)
    assert "gpt-5-nano" not in everything(inv)


_PICKER = {
    "models": [
        {"id": "gpt-4o", "provider": "OpenAI", "providerId": "openai", "name": "GPT-4o"},
        {
            "id": "gemini-2.0-flash-001",
            "provider": "Google Vertex AI",
            "providerId": "vertex",
            "name": "Gemini 2.0 Flash",
        },
        {
            "id": "models/gemini-1.5-flash",
            "provider": "Google Generative AI",
            "providerId": "google",
            "name": "Gemini 1.5 Flash",
        },
        {
            "id": "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
            "provider": "Together AI",
            "providerId": "togetherai",
            "name": "Llama 3.1 8B",
        },
        {
            "id": "accounts/fireworks/models/acme/glm-4p5",
            "provider": "Fireworks",
            "providerId": "fireworks",
            "name": "GLM 4.5",
        },
        {"id": "mistral-nemo", "provider": "Ollama", "providerId": "ollama", "name": "Nemo"},
        {"id": "llama3.1", "provider": "Ollama", "providerId": "ollama", "name": "Llama 3.1"},
        {"id": "open-mistral-nemo", "provider": "Mistral", "providerId": "mistral", "name": "N"},
    ]
}


def test_records_name_their_provider_by_provider_id(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"lib/models.json": json.dumps(_PICKER, indent=2)}))
    names = hosted(inv)
    assert names["gpt-4o"] == {"openai"}
    assert names["gemini-2.0-flash-001"] == {"google"}
    assert names["models/gemini-1.5-flash"] == {"google"}
    assert names["meta-llama/meta-llama-3.1-8b-instruct-turbo"] == {"together"}
    assert names["accounts/fireworks/models/acme/glm-4p5"] == {"fireworks"}
    assert names["open-mistral-nemo"] == {"mistral"}
    kinds = model_kinds(inv)
    # served through Ollama: Ollama tags, not Mistral's hosted model
    assert kinds["mistral-nemo"] == "ollama"
    assert kinds["llama3.1"] == "ollama"
    assert "mistral-nemo" not in names


def test_unknown_provider_id_and_a_base_url_keep_their_reading(make_tree: MakeTree) -> None:
    doc = {
        "gateway": {
            "base_url": "https://api.groq.com/openai/v1",
            "models": [
                {"id": "llama-3.3-70b-versatile", "providerId": "ollama"},
                {"id": "openai/gpt-oss-20b", "providerId": "ollama"},
                {"id": "qwen/qwen3-32b", "providerId": "ollama"},
            ],
        },
        "models": [
            {"id": "claude-3-5-haiku-latest", "providerId": "acme-cloud"},
            {"id": "gpt-4o-mini", "providerId": "12345"},
            {"id": "deepseek-chat", "providerId": "deepseek"},
        ],
    }
    inv = scan(make_tree({"conf/catalog.json": json.dumps(doc, indent=2)}))
    names = hosted(inv)
    # a base URL in scope decides the provider, whatever the record says
    assert names["llama-3.3-70b-versatile"] == {"groq"}
    assert model_kinds(inv).get("llama-3.3-70b-versatile") != "ollama"
    # a provider id no table knows leaves the name's own provider
    assert names["claude-3-5-haiku-latest"] == {"anthropic"}
    assert names["gpt-4o-mini"] == {"openai"}
    assert names["deepseek-chat"] == {"deepseek"}
