"""Rule 7 of the recall issue: hosted model names attributed to their provider by pattern.

A name in a catalog is attributed to its provider (and so its country) from the
knowledge layer's per-provider name patterns, even with no client in the same file; a
catalog's own ``provider`` field wins over the patterns. Names in comments and prose are
not models.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import scan_to_bom
from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

EXPECTED = {
    "gpt-4o": "openai",
    "o3-mini": "openai",
    "text-embedding-3-small": "openai",
    "whisper-1": "openai",
    "dall-e-3": "openai",
    "claude-3-5-haiku-20241022": "anthropic",
    "gemini-1.5-pro": "google",
    "grok-2-latest": "xai",
    "deepseek-chat": "deepseek",
    "qwen-turbo": "alibaba-dashscope",
    "qwen-vl-max-latest": "alibaba-dashscope",
    "glm-4-plus": "zhipu",
    "cogview-3": "zhipu",
    "moonshot-v1-32k": "moonshot",
    "ernie-4.0-8k": "baidu",
    "doubao-pro-32k": "bytedance-ark",
    "hunyuan-pro": "tencent-hunyuan",
    "abab6.5s-chat": "minimax",
}


def test_catalog_names_get_their_provider_without_a_client(make_tree: MakeTree) -> None:
    members = "".join(f'    "{name}",\n' for name in EXPECTED)
    root = make_tree({"app/offer.py": f"CHAT_MODELS = [\n{members}]\n"})
    names = hosted(scan(root))
    assert {n: names.get(n.lower()) for n in EXPECTED} == {n: {p} for n, p in EXPECTED.items()}


def test_more_provider_patterns(make_tree: MakeTree) -> None:
    expected = {
        "qwen-audio-turbo-latest": "alibaba-dashscope",
        "ERNIE-Speed-128K": "baidu",
        "Pro/deepseek-ai/DeepSeek-V3": "siliconflow",
        "4.0Ultra": "iflytek-spark",
        "grok-4": "xai",
    }
    members = "".join(f'    "{name}",\n' for name in expected)
    root = make_tree({"app/offer.py": f"LLM_MODELS = [\n{members}]\n"})
    names = hosted(scan(root))
    assert {n: names.get(n.lower()) for n in expected} == {n: {p} for n, p in expected.items()}


def test_catalog_provider_field_beats_name_patterns(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "lib/groq-list.ts": (
                "export const GROQ_LIST = [\n"
                '  { modelId: "llama3-8b-8192", provider: "groq", hostedId: "llama3-8b-8192" },\n'
                '  { modelId: "mixtral-8x7b-32768", provider: "groq", hostedId: "mixtral-8x7b-32768" },\n'
                '  { modelId: "gemma-7b-it", provider: "groq", hostedId: "gemma-7b-it" },\n'
                "];\n"
            )
        }
    )
    names = hosted(scan(root))
    assert names["llama3-8b-8192"] == {"groq"}
    assert names["mixtral-8x7b-32768"] == {"groq"}
    assert names["gemma-7b-it"] == {"groq"}


def test_country_of_a_pattern_attributed_provider(make_tree: MakeTree) -> None:
    root = make_tree({"app/offer.py": 'CHAT_MODELS = ["glm-4-plus", "glm-4-flash"]\n'})
    bom = scan_to_bom(root)
    zhipu = [s for s in bom.get("services", []) if "zhipu" in s.get("bom-ref", "")]
    assert zhipu
    values = {p["value"] for s in zhipu for p in s.get("properties", [])}
    assert "CN" in values


def test_names_in_comments_and_prose_are_not_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/notes.py": (
                "# We used gpt-4o and claude-3-opus-20240229 in the prototype.\n"
                '"""Compare with gemini-1.5-pro and glm-4-plus."""\n'
                'TITLE = "grok-2 comparison"\n'
            ),
            "README.md": "Supports deepseek-chat and qwen-turbo.\n",
        }
    )
    found = everything(scan(root))
    for decoy in ("gpt-4o", "claude-3-opus-20240229", "gemini-1.5-pro", "glm-4-plus", "grok-2"):
        assert decoy not in found
    assert "deepseek-chat" not in found and "qwen-turbo" not in found
