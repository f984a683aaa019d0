"""JS/TS catalogs of publisher-prefixed hosted ids (``google/gemini-2.5-pro``, the form Vertex AI's
OpenAI-compatible endpoint and aggregators use): the publisher's hosted model, not a hub repo;
with decoys (open weights under the same organisation, result tables of hub ids)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import hosted, model_kinds, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_a_function_returning_publisher_ids_is_a_catalog_of_the_publisher(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "src/libs/vertex.ts": (
                "export const getVertexModels = (kind: string) => {\n"
                '  if (kind === "embedding") {\n'
                "    return [\n"
                '      { id: "google/text-embedding-005", name: "text-embedding-005" },\n'
                '      { id: "google/gemini-embedding-001", name: "gemini-embedding-001" },\n'
                "    ]\n"
                "  }\n"
                "  return [\n"
                '    { id: "google/gemini-2.5-pro", name: "gemini-2.5-pro" },\n'
                '    { id: "google/gemini-flash-latest", name: "gemini-flash-latest" },\n'
                "  ]\n"
                "}\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["google/gemini-2.5-pro"] == {"google"}
    assert names["google/gemini-flash-latest"] == {"google"}
    assert names["google/text-embedding-005"] == {"google"}
    assert "google/gemini-2.5-pro" not in model_kinds(inv)  # not a Hugging Face repo


def test_open_weights_under_a_publisher_stay_hub_repos(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/models.ts": (
                "export const VERTEX_MODELS = [\n"
                '  "google/gemini-2.5-pro",\n'
                '  "google/gemma-3-27b-it",\n'
                '  "mistralai/mistral-7b-instruct",\n'
                '  "mistralai/mistral-large-latest",\n'
                '  "openai/gpt-oss-120b",\n'
                "]\n"
            ),
            # hub ids returned by a function, no publisher model among them: results
            "src/results.ts": (
                "export function rows() {\n"
                '  return [{ id: "google/gemma-2-9b-it" }, { id: "openai/whisper-large-v3" }]\n'
                "}\n"
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    kinds = model_kinds(inv)
    assert names["google/gemini-2.5-pro"] == {"google"}
    assert names["mistralai/mistral-large-latest"] == {"mistral"}
    for repo in ("google/gemma-3-27b-it", "mistralai/mistral-7b-instruct", "openai/gpt-oss-120b"):
        assert repo not in names
        assert kinds[repo] == "hub"
    assert "google/gemma-2-9b-it" not in kinds
    assert "openai/whisper-large-v3" not in kinds
