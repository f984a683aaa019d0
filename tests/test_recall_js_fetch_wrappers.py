"""A project's own fetch wrapper (issue 11, round L): ``fetchSSE(url, {body})`` imported from
another module of the project, whose function hands its first parameter to ``fetch``, is an HTTP
request like ``fetch`` itself; functions that do something else with the URL are not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_WRAPPER = (
    "export async function fetchSSE(resource, options) {\n"
    "  const { onMessage, ...fetchOptions } = options\n"
    "  const resp = await fetch(resource, fetchOptions)\n"
    "  return resp\n"
    "}\n"
)


def test_a_project_fetch_wrapper_is_an_http_request(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/utils/fetch-sse.mjs": _WRAPPER,
            "src/apis/azure.mjs": (
                "import { fetchSSE } from '../utils/fetch-sse.mjs'\n"
                "export async function ask(config, model) {\n"
                "  await fetchSSE(\n"
                "    `${config.azureEndpoint}/openai/deployments/${model}/chat/completions`,\n"
                "    { method: 'POST', body: JSON.stringify({ messages: [] }) },\n"
                "  )\n"
                "}\n"
            ),
            "src/apis/groq.mjs": (
                "import { fetchSSE } from '../utils/fetch-sse.mjs'\n"
                "export async function ask() {\n"
                "  await fetchSSE('https://api.groq.com/openai/v1/chat/completions', {\n"
                "    method: 'POST',\n"
                "    body: JSON.stringify({ model: 'llama-3.3-70b-versatile', messages: [] }),\n"
                "  })\n"
                "}\n"
            ),
        }
    )
    inv = scan(root)
    assert "azure-openai" in {p for p, _ in endpoints(inv)}
    assert hosted(inv)["llama-3.3-70b-versatile"] == {"groq"}


def test_a_project_function_that_does_not_fetch_its_url_is_not_a_request(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "src/utils/links.mjs": (
                "export function openLink(url, options) {\n"
                "  window.open(url, '_blank')\n"
                "  return fetch('/api/telemetry', options)\n"
                "}\n"
            ),
            "src/ui/help.mjs": (
                "import { openLink } from '../utils/links.mjs'\n"
                "openLink('https://api.groq.com/openai/v1/chat/completions', {\n"
                "  body: JSON.stringify({ model: 'llama-3.3-70b-versatile' }),\n"
                "})\n"
            ),
        }
    )
    inv = scan(root)
    assert "groq" not in {p for p, _ in endpoints(inv)}
