"""Model alias tables (issue 11): ``{"nano-banana": "gemini-2.5-flash-image"}`` maps what users
type to the model the program sends; the values are models even when the keys look like ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_the_values_of_a_model_alias_table_are_models(make_tree: MakeTree) -> None:
    src = (
        "_GEMINI_MODEL_ALIASES = {\n"
        '    "nano-banana": "gemini-2.5-flash-image",\n'
        '    "nano-banana-pro": "gemini-3-pro-image-preview",\n'
        "}\n"
        "MODEL_ALIASES = {\n"
        '    "sonnet": "claude-3-5-sonnet-20241022",\n'
        '    "4o": "gpt-4o",\n'
        "}\n"
    )
    found = hosted(scan(make_tree({"scripts/generate.py": src})))
    assert found["gemini-2.5-flash-image"] == {"google"}
    assert found["gemini-3-pro-image-preview"] == {"google"}
    assert found["claude-3-5-sonnet-20241022"] == {"anthropic"}
    assert found["gpt-4o"] == {"openai"}


def test_alias_tables_of_other_things_stay_out(make_tree: MakeTree) -> None:
    src = (
        "COMMAND_ALIASES = {\n"
        '    "q": "quit-now-2",\n'
        '    "h": "help-menu-3",\n'
        "}\n"
        "MODEL_ALIASES = {\n"
        '    "fast": "house-tier-1",\n'
        '    "slow": "house-tier-2",\n'
        "}\n"
    )
    names = everything(scan(make_tree({"cli.py": src})))
    assert not names & {"quit-now-2", "help-menu-3", "house-tier-1", "house-tier-2"}
