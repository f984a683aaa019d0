"""JS/TS model getters (issue 11, rule 2): a function whose name says model and returns a
string default (``getTTSModel() { ... return "tts-1" }``) binds that model; decoys stay out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_a_model_getter_returning_its_default_is_a_model_setting(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/services/tts.ts": (
                "export const getOpenAITTSModel = async () => {\n"
                '  const data = await storage.get("openAITTSModel")\n'
                "  if (!data || data.length === 0) {\n"
                '    return "tts-1"\n'
                "  }\n"
                "  return data\n"
                "}\n"
                "export async function getMistralTTSModel() {\n"
                '  return "voxtral-mini-tts-2603"\n'
                "}\n"
                "class Settings {\n"
                "  embeddingModel() {\n"
                '    return "text-embedding-3-small"\n'
                "  }\n"
                "}\n"
            ),
            # a function whose name says nothing about a model; a model's display label
            "src/services/other.ts": (
                "export const greeting = () => {\n"
                '  return "gpt-4o"\n'
                "}\n"
                "export function getModelLabel() {\n"
                '  return "gpt-4.1"\n'
                "}\n"
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["tts-1"] == {"openai"}
    assert names["voxtral-mini-tts-2603"] == {"mistral"}
    assert names["text-embedding-3-small"] == {"openai"}
    assert "gpt-4o" not in names
    assert "gpt-4.1" not in names
