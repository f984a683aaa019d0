"""Absolute imports of an application kept in a subdirectory of the repository.

``backend/app/agent.py`` says ``from app.llms import get_llm``: the backend runs with
``backend/`` on its path, so the module is ``backend/app/llms.py``. Absolute imports are
looked up from the root, ``src/``, the importing file's directory and every directory above
it; never from a directory beside them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

LLMS = (
    "from langchain_openai import ChatOpenAI\n"
    "\n"
    "def get_llm(model: str = 'gpt-3.5-turbo'):\n"
    "    return ChatOpenAI(model=model)\n"
)


def test_an_application_in_a_subdirectory_imports_its_own_package(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "backend/app/__init__.py": "",
            "backend/app/llms.py": LLMS,
            "backend/app/agent.py": (
                "from app.llms import get_llm\nllm = get_llm(model='gpt-4o')\n"
            ),
            "backend/app/api/runs.py": (  # deeper: still under backend/
                "from app import llms\nllm = llms.get_llm('gpt-4-turbo')\n"
            ),
        }
    )
    names = hosted(scan(root))
    for name in ("gpt-3.5-turbo", "gpt-4o", "gpt-4-turbo"):
        assert names.get(name) == {"openai"}, name


def test_a_package_beside_the_importing_file_is_not_on_its_path(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "lib/helpers/__init__.py": "",
            "lib/helpers/llms.py": LLMS,
            # lib/ is not above tools/: helpers is some installed package ("o1" is too short
            # a name for the loose-literal rule: only a followed wrapper would report it)
            "tools/run.py": ("from helpers.llms import get_llm\nllm = get_llm(model='o1')\n"),
        }
    )
    names = hosted(scan(root))
    assert names.get("gpt-3.5-turbo") == {"openai"}  # the wrapper's own default
    assert "o1" not in names
