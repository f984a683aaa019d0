"""JS catalogs of ``{value, desc}`` records keyed by a mode name (issue 11, round L): entries
whose model is the empty string (a custom or web mode that sends no model) do not count against
the catalog; the ChatGPT web backend's own model slugs are OpenAI's; with decoys.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_MODES = (
    "export const Models = {\n"
    "  chatgptFree35: { value: 'text-davinci-002-render-sha', desc: 'ChatGPT (Web)' },\n"
    "  chatgptApi4o: { value: 'gpt-4o', desc: 'ChatGPT (GPT-4o)' },\n"
    "  chatgptApi35: { value: 'gpt-3.5-turbo', desc: 'ChatGPT (GPT-3.5-turbo)' },\n"
    "  claude3HaikuApi: { value: 'claude-3-haiku-20240307', desc: 'Claude 3 Haiku' },\n"
    "  claude2WebFree: { value: '', desc: 'Claude.ai (Web)' },\n"
    "  bingFree4: { value: '', desc: 'Bing (Web, GPT-4)' },\n"
    "  bardWebFree: { value: '', desc: 'Gemini (Web)' },\n"
    "  customModel: { value: '', desc: 'Custom Model' },\n"
    "  ollamaModel: { value: '', desc: 'Ollama API' },\n"
    "  chatglmTurbo: { value: 'GLM-4-Air', desc: 'ChatGLM (GLM-4-Air)' },\n"
    "  moonshot_v1_8k: { value: 'moonshot-v1-8k', desc: 'Kimi (8k)' },\n"
    "}\n"
)


def test_empty_model_entries_do_not_count_against_a_catalog(make_tree: MakeTree) -> None:
    names = hosted(scan(make_tree({"src/config/index.mjs": _MODES})))
    assert names["gpt-4o"] == {"openai"}
    assert names["claude-3-haiku-20240307"] == {"anthropic"}
    assert names["glm-4-air"] == {"zhipu"}
    assert names["moonshot-v1-8k"] == {"moonshot"}
    # the ChatGPT web backend's model slug
    assert names["text-davinci-002-render-sha"] == {"openai"}


def test_empty_entries_do_not_make_a_catalog_of_two_non_models(make_tree: MakeTree) -> None:
    # one model name among labels and empty modes: not a catalog
    source = (
        "export const Models = {\n"
        "  sage: { value: 'Assistant', desc: 'Assistant' },\n"
        "  web: { value: '', desc: 'Web' },\n"
        "  custom: { value: '', desc: 'Custom' },\n"
        "  other: { value: '', desc: 'Other' },\n"
        "  api: { value: 'gpt-4o', desc: 'API' },\n"
        "  helper: { value: 'Helper', desc: 'Helper' },\n"
        "}\n"
    )
    found = everything(scan(make_tree({"src/config.mjs": source})))
    assert "assistant" not in found
    assert "helper" not in found
    assert "gpt-4o" not in found


def test_text_davinci_render_slugs_only_as_written(make_tree: MakeTree) -> None:
    source = (
        "export const Models = {\n"
        "  a: { value: 'text-davinci-002-render-sha-mobile', desc: 'Mobile' },\n"
        "  b: { value: 'text-davinci-002-render-paid', desc: 'Paid' },\n"
        "  c: { value: 'gpt-4', desc: 'GPT-4' },\n"
        "  d: { value: 'gpt-4o', desc: 'GPT-4o' },\n"
        "  e: { value: 'gpt-4o-mini', desc: 'GPT-4o mini' },\n"
        "}\n"
    )
    names = hosted(scan(make_tree({"src/config.mjs": source})))
    assert names["text-davinci-002-render-sha-mobile"] == {"openai"}
    assert "text-davinci-002-render-paid" not in names
