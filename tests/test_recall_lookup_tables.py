"""Model arguments read from a lookup table.

``client.create(model=ALIASES[tier])`` / ``m = TABLE.get(name, default)`` with a key only known
at run time sends one of the table's values (or the default): each is a model. A fixed key
still gives only its own value, and a table that is not all strings says nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_a_model_argument_looked_up_in_a_literal_table_takes_every_value(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/llm.py": (
                "from openai import OpenAI\n"
                "\n"
                "client = OpenAI()\n"
                'TIERS = {"fast": "gpt-4o-mini", "smart": "gpt-4.1"}\n'
                "\n"
                "def ask(tier, q):\n"
                "    return client.chat.completions.create(model=TIERS[tier], messages=q)\n"
                "\n"
                "def pick(name, q):\n"
                '    short = {"large": "mistral-large-latest", "small": "mistral-small-latest"}\n'
                '    chosen = short.get(name, "o3-mini")\n'
                "    return client.chat.completions.create(model=chosen, messages=q)\n"
            ),
        }
    )
    names = hosted(scan(root))
    for name in (
        "gpt-4o-mini",
        "gpt-4.1",
        "mistral-large-latest",
        "mistral-small-latest",
        "o3-mini",
    ):
        assert name in names, name


def test_lookups_that_are_not_runtime_choices_of_a_string_table_add_nothing(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/llm.py": (
                "from openai import OpenAI\n"
                "\n"
                "client = OpenAI()\n"
                'FIXED = {"chat": "gpt-4o", "old": "gpt-3.5-turbo"}\n'
                'LIMITS = {"gpt-4-turbo": 128000, "o1-preview": 200000}\n'
                'MIXED = {"a": "gpt-4-0613", "b": None}\n'
                'LABELS = {"x": "claude-3-opus-20240229", "y": "claude-3-haiku-20240307"}\n'
                "\n"
                "def ask(q, key):\n"
                '    client.chat.completions.create(model=FIXED["chat"], messages=q)\n'
                "    client.chat.completions.create(model=MIXED[key], messages=q)\n"
                "    print(LABELS[key], LIMITS[key])\n"
            ),
        }
    )
    found = everything(scan(root))
    assert "gpt-4o" in found  # the fixed key's own value
    assert not {"gpt-3.5-turbo", "gpt-4-turbo", "o1-preview", "gpt-4-0613"} & found
    assert not {"claude-3-opus-20240229", "claude-3-haiku-20240307"} & found
