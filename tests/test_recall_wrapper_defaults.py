"""A project's wrapper whose model parameter has a default still forwards what callers pass.

``def get_llm(model="gpt-3.5-turbo"): return ChatOpenAI(model=model)``: the default is one
model, and every ``get_llm(model="gpt-4o")`` elsewhere in the project names another, also
through a local alias (``m = model``). A parameter that never reaches a model call is no
wrapper, whatever its default.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

LLMS = (
    "from functools import lru_cache\n"
    "from langchain_openai import ChatOpenAI\n"
    "\n"
    "@lru_cache(maxsize=4)\n"
    "def get_llm(model: str = 'gpt-3.5-turbo', temperature: float = 0.0):\n"
    "    chosen = model\n"
    "    return ChatOpenAI(model=chosen, temperature=temperature)\n"
    "\n"
    "def get_direct(model='gpt-4o-mini'):\n"
    "    return ChatOpenAI(model=model)\n"
    "\n"
    "def describe(label='gpt-4-turbo-preview'):\n"  # a parameter that reaches no model call
    "    return {'label': label}\n"
)


def test_callers_of_a_wrapper_with_a_default_name_their_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/__init__.py": "",
            "app/llms.py": LLMS,
            "app/agent.py": (
                "from app.llms import get_llm, get_direct, describe\n"
                "a = get_llm(model='gpt-4o')\n"
                "b = get_llm('gpt-4-turbo')\n"
                "c = get_direct(model='o3-mini')\n"
                "d = describe(label='gpt-4.1')\n"
            ),
        }
    )
    names = hosted(scan(root))
    for name in ("gpt-3.5-turbo", "gpt-4o-mini", "gpt-4o", "gpt-4-turbo", "o3-mini"):
        assert names.get(name) == {"openai"}, name
    assert "gpt-4.1" not in names  # describe() forwards nothing to a model
    assert "gpt-4-turbo-preview" not in names
