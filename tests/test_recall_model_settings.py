"""Model-settings catalogues (issue 11, rule 1): a YAML list of ``- name: <model>`` records
carrying role-qualified model keys (``weak_model_name``, ``editor_model_name``) names the
models a product ships settings for; each record's ``name`` is such a model.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_SETTINGS = (
    "- name: gpt-4-turbo-2024-04-09\n"
    "  edit_format: udiff\n"
    "  weak_model_name: gpt-4o-mini\n"
    "\n"
    "- name: openrouter/anthropic/claude-3-opus\n"
    "  edit_format: diff\n"
    "  weak_model_name: openrouter/anthropic/claude-3-haiku\n"
    "\n"
    "- name: gemini/gemini-1.5-flash-002\n"
    "\n"
    "- name: deepseek-coder\n"
    "  editor_model_name: deepseek-chat\n"
)


def test_model_settings_records_name_their_models(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"app/resources/model-settings.yml": _SETTINGS}))
    names = hosted(inv)
    assert "openai" in names["gpt-4-turbo-2024-04-09"]
    assert "gemini-1.5-flash-002" in names
    assert "deepseek" in names["deepseek-coder"]
    assert "openrouter" in names["anthropic/claude-3-opus"]
    assert "openrouter" in names["anthropic/claude-3-haiku"]


def test_named_records_with_their_own_model_key_are_aliases(make_tree: MakeTree) -> None:
    # agents named by ``name`` whose model is ``model``: the names are no models
    agents = (
        "- name: gpt-4-reviewer\n"
        "  model: gpt-4o\n"
        "  fallback_model_name: gpt-4o-mini\n"
        "- name: claude-3-writer\n"
        "  model: claude-3-5-sonnet-latest\n"
    )
    # Ansible-like tasks: names are prose, though a role key names a model
    tasks = (
        "- name: Install the server\n"
        "  apt: {name: nginx}\n"
        "- name: Pull the default model\n"
        "  default_model_name: llama3\n"
    )
    inv = scan(make_tree({"conf/agents.yml": agents, "deploy/tasks.yml": tasks}))
    found = everything(inv)
    assert "gpt-4o" in found
    assert "gpt-4-reviewer" not in found
    assert "claude-3-writer" not in found
    assert not any("install" in n for n in found)


def test_provider_catalog_placeholders_are_no_models(make_tree: MakeTree) -> None:
    catalog = (
        "provider: huggingface\n"
        "models:\n"
        "  - id: huggingface-local\n"
        "    display_name: Hugging Face Model\n"
        "  - id: zephyr-7b-local-tune\n"
    )
    groq = "provider: groq\nmodels:\n  - id: groq-default\n  - id: llama-3.1-8b-instant\n"
    inv = scan(make_tree({"core/models/huggingface.yaml": catalog, "core/models/groq.yaml": groq}))
    found = everything(inv)
    assert "huggingface-local" not in found
    assert "groq-default" not in found
    assert "llama-3.1-8b-instant" in found
