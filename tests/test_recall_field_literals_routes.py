"""A model catalog typing a TypedDict field, the OpenAI Agents SDK's routing prefixes, and a
setting getter's fallback URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_typed_dict_not_required_literal_catalog(make_tree: MakeTree) -> None:
    src = (
        "from typing import Literal, TypedDict\n"
        "from typing_extensions import NotRequired\n"
        "\n"
        "class TranscriptionConfig(TypedDict):\n"
        "    language: NotRequired[str]\n"
        "    model: NotRequired[\n"
        "        Literal[\n"
        '            "gpt-9o-transcribe",\n'
        '            "gpt-9o-mini-transcribe-2030-12-15",\n'
        '            "whisper-1",\n'
        "        ]\n"
        "        | str\n"
        "    ]\n"
        '    mode: NotRequired[Literal["near_field", "far_field"]]\n'
    )
    inv = scan(make_tree({"app/config.py": src}))
    found = hosted(inv)
    for name in ("gpt-9o-transcribe", "gpt-9o-mini-transcribe-2030-12-15", "whisper-1"):
        assert found[name] == {"openai"}, name
    assert not {"near_field", "far_field"} & everything(inv)


def test_openai_agents_any_llm_prefix_names_what_follows(make_tree: MakeTree) -> None:
    src = (
        "from agents import Agent\n"
        "\n"
        'a = Agent(name="a", model="any-llm/openrouter/openai/gpt-9-mini")\n'
        'b = Agent(name="b", model="litellm/anthropic/claude-opus-9-1")\n'
    )
    inv = scan(make_tree({"app/agent.py": src}))
    found = hosted(inv)
    assert found["openai/gpt-9-mini"] == {"openrouter"}
    assert found["claude-opus-9-1"] == {"anthropic"}
    assert not any(name.startswith(("any-llm/", "litellm/")) for name in everything(inv))


def test_setting_getter_fallback_url_is_the_service(make_tree: MakeTree) -> None:
    src = (
        "def list_models(config):\n"
        '    base_url = config.get_env("OPENAI_BASE_URL", "http://localhost:11434/v1")\n'
        '    docs_url = config.get_env("DOCS_URL", "https://example.org/docs")\n'
        "    return base_url, docs_url\n"
    )
    inv = scan(make_tree({"app/local.py": src}))
    found = endpoints(inv)
    assert ("ollama", "http://localhost:11434/v1") in found
    assert not any(e and "example.org" in e for _, e in found)
