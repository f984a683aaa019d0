"""Model catalogs keyed by model name whose values are each model's metadata.

``OPENAI_MODELS = {"gpt-4o": {"context": 128_000, "price_input": 2.5}, ...}`` is the set of
models a product offers (named as the models), merged with older entries
(``{**ACTIVE, **DEPRECATED}``) and gathered per provider
(``MODELS = {"anthropic": {...}, "openrouter": {...}}``); a lookup table named after what it
looks up, or a weakly named one, stays out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]

OLD = """\
OPENAI_MODELS_DEPRECATED = {
    "gpt-9-turbo-0301": {"context": 4096, "deprecated": True},
    "gpt-9-turbo-0613": {"context": 4096, "deprecated": True},
}
"""

ACTIVE = """\
from .old_models import OPENAI_MODELS_DEPRECATED

_OPENAI_MODELS_ACTIVE: dict[str, dict] = {
    "gpt-9o": {"context": 128_000, "price_input": 2.5, "supports_vision": True},
    "gpt-9o-mini": {"context": 128_000, "price_input": 0.15},
    "o9-mini": {"context": 200_000, "price_input": 1.1},
}

OPENAI_MODELS = {
    **_OPENAI_MODELS_ACTIVE,
    **OPENAI_MODELS_DEPRECATED,
}
"""

PER_PROVIDER = """\
from .openai_models import OPENAI_MODELS

ANTHROPIC_OLDER = {
    "claude-9-haiku-20300101": {"context": 200_000},
}


def _mark(models):
    return {name: {**props, "plan": True} for name, props in models.items()}


MODELS = {
    "openai": OPENAI_MODELS,
    "anthropic": {
        "claude-opus-9-1": {"context": 1_000_000, "price_input": 5},
        "claude-sonnet-9-1": {"context": 1_000_000, "price_input": 3},
        **ANTHROPIC_OLDER,
    },
    "grok-subscription": _mark({"grok-9.1": {"context": 500_000}}),
    "openrouter": {
        "someorg/some-model-9b": {"context": 32_000},
        "otherorg/other-model-70b": {"context": 128_000},
    },
    "mock": {"echo": {"context": 1}},
    "local": {},
}

PROVIDER_DEFAULT_MODELS = {
    "anthropic": "anthropic/claude-opus-9-1",
    "grok-subscription": "grok-subscription/grok-9.1",
    "groq": "groq/llama-3.3-70b-versatile",
    "openrouter": "openrouter/anthropic/claude-haiku-9.5",
}
"""


def test_metadata_catalogs_merged_and_per_provider(make_tree: MakeTree) -> None:
    inv = scan(
        make_tree(
            {
                "pkg/__init__.py": "",
                "pkg/old_models.py": OLD,
                "pkg/openai_models.py": ACTIVE,
                "pkg/data.py": PER_PROVIDER,
            }
        )
    )
    found = hosted(inv)
    for name in ("gpt-9o", "gpt-9o-mini", "o9-mini", "gpt-9-turbo-0301", "gpt-9-turbo-0613"):
        assert found[name] == {"openai"}, name
    # each at its own line; a merged-in older dict at the line that spreads it
    places = service_places(inv, "openai")
    assert {"pkg/openai_models.py:4", "pkg/openai_models.py:11"} <= places
    for name in ("claude-opus-9-1", "claude-sonnet-9-1", "claude-9-haiku-20300101"):
        assert found[name] == {"anthropic"}, name
    assert found["grok-9.1"] == {"xai"}  # a provider's subscription plan; its own prefix read off
    assert found["llama-3.3-70b-versatile"] == {"groq"}
    # a router's models are its own ids, not hub repositories
    assert found["someorg/some-model-9b"] == {"openrouter"}
    assert found["otherorg/other-model-70b"] == {"openrouter"}
    assert found["anthropic/claude-haiku-9.5"] == {"openrouter"}
    reported = everything(inv)
    assert "echo" not in reported  # an offline stub's name
    assert "grok-subscription/grok-9.1" not in models(inv)
    assert "someorg/some-model-9b" not in models(inv)


def test_lookup_tables_keyed_by_model_stay_out(make_tree: MakeTree) -> None:
    src = (
        # named after what it looks up
        "MODEL_CONTEXT_WINDOWS = {\n"
        '    "gpt-9o": {"context": 128_000},\n'
        '    "gpt-9o-mini": {"context": 128_000},\n'
        "}\n"
        # named as information about a model, not the models
        "model_info = {\n"
        '    "gpt-9o": {"max_token": 128000, "vision": True},\n'
        '    "gpt-9o-mini": {"max_token": 128000, "vision": True},\n'
        "}\n"
        # retired models nobody merges back in
        "DEPRECATED_MODELS = {\n"
        '    "gpt-9-old": {"context": 4096},\n'
        '    "gpt-9-older": {"context": 4096},\n'
        "}\n"
        # the models, but keyed by display names
        "CHAT_MODELS = {\n"
        '    "Fast": {"context": 1},\n'
        '    "Smart": {"context": 2},\n'
        "}\n"
    )
    inv = scan(make_tree({"app/limits.py": src}))
    reported = everything(inv)
    assert not {"gpt-9o", "gpt-9o-mini", "gpt-9-old", "gpt-9-older", "fast", "smart"} & reported


def test_a_provider_keyed_table_of_config_records_is_no_catalog(make_tree: MakeTree) -> None:
    src = (
        "PROVIDER_MODELS = {\n"
        '    "openai": {"model": "gpt-9o", "api_key_env": "OPENAI_API_KEY"},\n'
        '    "anthropic": {"model": "claude-opus-9-1", "api_key_env": "ANTHROPIC_API_KEY"},\n'
        "}\n"
    )
    inv = scan(make_tree({"app/providers.py": src}))
    reported = everything(inv)
    assert not {"model", "api_key_env"} & reported


def test_a_route_under_its_providers_key_stays_a_route(make_tree: MakeTree) -> None:
    src = (
        "MODELS = {\n"
        '    "huggingface": [\n'
        '        "huggingface/meta-llama/Meta-Llama-3.1-8B-Instruct",\n'
        '        "huggingface/mistralai/Mixtral-8x7B-Instruct-v0.1",\n'
        "    ],\n"
        '    "groq": ["groq/llama-3.3-70b-versatile", "groq/llama-3.1-8b-instant"],\n'
        "}\n"
    )
    inv = scan(make_tree({"app/constants.py": src}))
    found = hosted(inv)
    assert found["meta-llama/meta-llama-3.1-8b-instruct"] == {"huggingface"}
    assert found["llama-3.3-70b-versatile"] == {"groq"}  # the key's own prefix read off
    assert "groq/llama-3.3-70b-versatile" not in models(inv)
