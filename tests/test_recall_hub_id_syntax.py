"""Hub repo ids are ASCII (issue 11): a UI string with a slash in another script is prose.

``"更换LLM模型/请求源": "LLMモデル/リクエストソースの変更"`` (a translation table) has the
shape ``word/word`` once Unicode letters count as word characters; the Hub only allows
``[A-Za-z0-9-_.]`` in organisation and repository names, so it is no hub id, while an ASCII
id in the same file still is one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_non_ascii_slash_strings_are_not_hub_ids(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "docs/translate_japanese.json": (
                "{\n"
                '  "更换LLM模型/请求源": "LLMモデル/リクエストソースの変更",\n'
                '  "模型": "モデル/设定"\n'
                "}\n"
            ),
            "config.yaml": "model: Qwen/Qwen2.5-7B-Instruct\nembedding_model: 模型/中文\n",
        }
    )
    inv = scan(root)
    assert everything(inv) == {"qwen/qwen2.5-7b-instruct"}
    assert "config.yaml:1" in models(inv)["qwen/qwen2.5-7b-instruct"]
