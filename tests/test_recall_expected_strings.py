"""Code kept in a string is scanned, but not the expected answer a check compares to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_PROGRAM = (
    "from transformers import AutoTokenizer\n"
    "tokenizer = AutoTokenizer.from_pretrained('tiiuae/falcon-11B')\n"
)


def test_expected_answer_string_is_not_run(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "ci/check_agent.py": (
                "from agent import run\n"
                "output = run('Provide the code to use Falcon 11B')\n"
                f'expected_output = """{_PROGRAM}"""\n'
                f'GOLDEN_SNIPPET: str = """{_PROGRAM}"""\n'
                "assert output == expected_output\n"
            ),
        }
    )
    assert "tiiuae/falcon-11b" not in everything(scan(root))


def test_program_string_under_another_name_is_scanned(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/tools.py": (
                "from interpreter import interpreter\n"
                f'custom_tool = """{_PROGRAM}"""\n'
                "interpreter.computer.run('python', custom_tool)\n"
            ),
        }
    )
    assert models(scan(root))["tiiuae/falcon-11b"] == {"app/tools.py:3"}
