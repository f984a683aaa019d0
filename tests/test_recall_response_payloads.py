"""A dict literal that is an API reply is not a model setting.

An OpenAI-compatible server builds replies such as ``{"id": ..., "model":
"text-moderation-001", "results": [...]}``; the ``model`` field echoes a name for the
client. A request or a settings dict with the same name is still read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_reply_dicts_do_not_name_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "api/moderations.py": (
                "import time\n"
                "\n"
                "def moderations(text):\n"
                "    results = {\n"
                '        "id": f"modr-{int(time.time())}",\n'
                '        "model": "text-moderation-001",\n'
                '        "results": [],\n'
                "    }\n"
                "    return results\n"
                "\n"
                "def completion(text):\n"
                '    return {"id": "cmpl-1", "object": "text_completion", "created": 0,\n'
                '            "model": "gpt-3.5-turbo-instruct", "choices": []}\n'
            ),
        }
    )
    found = everything(scan(root))
    assert not {"text-moderation-001", "gpt-3.5-turbo-instruct"} & found


def test_settings_dicts_with_an_id_are_still_read(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/settings.py": (
                'AGENT = {"id": "writer", "model": "gpt-4o-mini", "temperature": 0.2}\n'
            ),
        }
    )
    assert hosted(scan(root)).get("gpt-4o-mini") == {"openai"}
