"""A URL variable passed to ``fetch``, read through every value it is given, and Ollama providers.

``const url = `https://${region}.tts.speech.microsoft.com/cognitiveservices/v1`; fetch(url)``
(Azure AI Speech, the region templated) and ``let url = `${HOST}/v1/chat/completions`; if
(azure) url = `${HOST}/openai/deployments/${ID}/chat/completions`; fetch(url)`` (Azure
OpenAI) name their provider by an API path only it has. ``createOllama({baseURL})(name)`` talks
to an Ollama server whatever the model. A URL variable with no provider's path, and an
assignment to another variable, name nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_url_variables_passed_to_fetch(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/azure.js": (
                "const fetch = require('node-fetch').default;\n"
                "async function tts(region, key) {\n"
                "  const url = `https://${region}.tts.speech.microsoft.com/cognitiveservices/v1`;\n"
                "  return fetch(url, { method: 'POST' });\n"
                "}\n"
            ),
            "src/stream.ts": (
                "export const stream = async (model: string) => {\n"
                "  let url = `${OPENAI_API_HOST}/v1/chat/completions`;\n"
                "  if (OPENAI_API_TYPE === 'azure') {\n"
                "    url = `${OPENAI_API_HOST}/openai/deployments/${AZURE_DEPLOYMENT_ID}/chat/completions`;\n"
                "  }\n"
                "  return fetch(url, { method: 'POST' });\n"
                "};\n"
            ),
            "src/other.ts": (
                "export const load = async (model: string) => {\n"
                "  let url = `${HOST}/api/items`;\n"
                "  let other = `${HOST}/openai/deployments/${ID}/chat/completions`;\n"
                "  return fetch(url);\n"
                "};\n"
            ),
        }
    )
    providers = [p for p, _ in endpoints(scan(root))]
    assert sorted(providers) == ["azure-openai", "azure-speech"]


def test_ollama_provider_function_without_a_resolved_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "lib/models.ts": (
                "import { createOllama } from 'ollama-ai-provider'\n"
                "export function getModel(modelNameString: string, baseURL?: string) {\n"
                "  return { ollama: () => createOllama({ baseURL })(modelNameString) }\n"
                "}\n"
            ),
        }
    )
    assert "ollama" in {p for p, _ in endpoints(scan(root))}
