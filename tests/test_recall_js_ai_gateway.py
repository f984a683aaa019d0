"""The Vercel AI Gateway as a provider of the AI SDK (issue 11).

``@ai-sdk/gateway``'s ``gateway`` instance (``gateway("vendor/model")``,
``gateway.languageModel(id)``) and ``createGateway()`` call the gateway, a US service with
its own host; a ``createGateway`` pointed elsewhere is not the gateway.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_gateway_models_are_services_of_the_vercel_ai_gateway(make_tree: MakeTree) -> None:
    code = """
import { gateway, createGateway } from "@ai-sdk/gateway";
import { generateText } from "ai";

export function getTitleModel() {
  return gateway.languageModel("google/gemini-2.5-flash-lite");
}
export const artifact = gateway("anthropic/claude-haiku-4.5");
const own = createGateway({ baseURL: "https://ai-gateway.vercel.sh/v1/ai" });
export const reply = () => generateText({ model: own("openai/gpt-4o-mini"), prompt: "hi" });
"""
    inv = scan(make_tree({"lib/ai/providers.ts": code}))
    found = hosted(inv)
    for model in (
        "google/gemini-2.5-flash-lite",
        "anthropic/claude-haiku-4.5",
        "openai/gpt-4o-mini",
    ):
        assert found[model] == {"vercel-ai-gateway"}, model
    assert ("vercel-ai-gateway", "https://ai-gateway.vercel.sh/v1/ai") in endpoints(inv)


def test_a_gateway_created_for_another_host_is_not_vercels(make_tree: MakeTree) -> None:
    code = """
import { createGateway } from "@ai-sdk/gateway";
const proxy = createGateway({ baseURL: "https://llm-proxy.internal.example.com/v1/ai" });
export const model = proxy("openai/gpt-4o-mini");
"""
    inv = scan(make_tree({"lib/ai.ts": code}))
    assert "vercel-ai-gateway" not in hosted(inv).get("openai/gpt-4o-mini", set())
