"""Browser built-in models (sdk_javascript.yaml browser_models): Chrome's Prompt API and the task
APIs on it run Gemini Nano on the device; a project's own ``LanguageModel`` stays out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_the_prompt_api_runs_gemini_nano_on_the_device(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/models/chrome.ts": (
                "export const createSession = async (prompt: string) => {\n"
                "  const session = await (globalThis as any).LanguageModel.create({\n"
                "    initialPrompts: [{ role: 'system', content: prompt }],\n"
                "  })\n"
                "  return session\n"
                "}\n"
            ),
            "src/legacy.js": (
                "export async function old() {\n"
                "  return window.ai.languageModel.create({ temperature: 0.2 })\n"
                "}\n"
            ),
        }
    )
    inv = scan(root)
    assert model_kinds(inv)["gemini-nano"] == "local"
    assert models(inv)["gemini-nano"] == {"src/models/chrome.ts:2", "src/legacy.js:2"}


def test_a_project_class_named_like_the_api_is_not_the_browser_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/model.ts": (
                "import { LanguageModel } from './language-model'\n"
                "export const m = LanguageModel.create({ name: 'mine' })\n"
            ),
            "src/other.ts": "const model = window.ai.summarize('text')\n",
        }
    )
    assert "gemini-nano" not in models(scan(root))
