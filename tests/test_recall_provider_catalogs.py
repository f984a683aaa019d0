"""Hosted models named by their provider (issue 11): LinkAI's own ``linkai-*`` models, a model
list constant named after a provider (``GITEE_AI_MODEL_LIST``), and decoys that stay out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_linkai_models_and_endpoint_are_linkai(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "common/const.py": (
                'LINKAI_35 = "linkai-3.5"\n'
                'LINKAI_4o = "linkai-4o"\n'
                'MODEL_LIST = [LINKAI_35, LINKAI_4o, "gpt-4o"]\n'
            ),
            "bot.py": (
                "from openai import OpenAI\n"
                'client = OpenAI(base_url="https://api.link-ai.tech/v1")\n'
            ),
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["linkai-3.5"] == {"linkai"}
    assert found["linkai-4o"] == {"linkai"}
    assert ("linkai", "https://api.link-ai.tech/v1") in endpoints(inv)


def test_linkai_lookalikes_are_no_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "common/const.py": (
                'MODEL_LIST = ["gpt-4o", "claude-3-opus", "ilinkai-bot", "linkaid-2"]\n'
                'WEIXIN_BASE_URL = "https://ilinkai.weixin.qq.com"\n'
            ),
        }
    )
    names = everything(scan(root))
    assert "ilinkai-bot" not in names
    assert "linkaid-2" not in names
