"""JS/TS catalogs (issue 11): a ``publisher/name`` id written in Hugging Face casing
(``Qwen/Qwen3.7-Max``, as Together names models) is a hub id like its neighbours, not the
publisher's own hosted API name; the lower-case publisher ids (``qwen/qwen-max``,
``google/gemini-2.5-pro``) keep their publisher.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import hosted, model_kinds, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_hub_cased_member_of_a_hub_catalog_stays_a_hub_id(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "lib/constants.ts": (
                "export const MODELS = [\n"
                '  { label: "GLM", value: "zai-org/GLM-5.2" },\n'
                '  { label: "Qwen Max", value: "Qwen/Qwen3.7-Max" },\n'
                '  { label: "DeepSeek", value: "deepseek-ai/DeepSeek-V3" },\n'
                "];\n"
            ),
        }
    )
    inv = scan(root)
    kinds = model_kinds(inv)
    assert kinds["qwen/qwen3.7-max"] == "hub"
    assert kinds["zai-org/glm-5.2"] == "hub"
    assert "qwen/qwen3.7-max" not in hosted(inv)


def test_lower_case_publisher_ids_keep_their_publisher(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/models.ts": (
                "export const MODELS = [\n"
                '  { id: "google/gemini-2.5-pro" },\n'
                '  { id: "qwen/qwen-max" },\n'
                '  { id: "openai/gpt-4o" },\n'
                "];\n"
            ),
        }
    )
    names = hosted(scan(root))
    assert names["google/gemini-2.5-pro"] == {"google"}
    assert names["qwen/qwen-max"] == {"alibaba-dashscope"}
    assert names["openai/gpt-4o"] == {"openai"}
