"""LangChain.js IBM watsonx.ai classes call watsonx: ``new ChatWatsonx(obj)`` from
``@langchain/community/chat_models/ibm``; a project's own class of that name does not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_langchain_js_watsonx_classes(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "nodes/ChatIBMWatsonx.ts": (
                "import { ChatWatsonx } from '@langchain/community/chat_models/ibm'\n"
                "const obj = { model: modelName, version: '2024-05-31' }\n"
                "export const model = new ChatWatsonx(obj)\n"
            ),
            "nodes/IBMWatsonxEmbedding.ts": (
                "import { WatsonxEmbeddings } from '@langchain/community/embeddings/ibm'\n"
                "export const emb = new WatsonxEmbeddings({ model: 'ibm/slate-125m-english-rtrvr' })\n"
            ),
        }
    )
    inv = scan(root)
    assert "watsonx" in {p for p, _ in endpoints(inv)}
    assert hosted(inv).get("ibm/slate-125m-english-rtrvr") == {"watsonx"}


def test_a_project_class_named_like_it_is_none(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/own.ts": (
                "class ChatWatsonx { constructor(public opts: object) {} }\n"
                "export const model = new ChatWatsonx({ model: 'house-model' })\n"
            ),
        }
    )
    assert "watsonx" not in {p for p, _ in endpoints(scan(root))}
