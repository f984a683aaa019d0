"""AI SDK provider tables, provider registries and dispatch wrappers in JS/TS (issue 11).

A table of provider instances keyed by provider name is a service per instance; a wrapper
``getModel(name, provider)`` that calls ``table[provider](name)`` names each literal model at
the provider its key maps to; ``registry.languageModel("openai:gpt-4o")`` names the model at
the provider registered under the prefix. Decoys: keys the table lacks, unregistered
prefixes, tables of labels, commented-out calls, a plain lookup helper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]

_TABLE = (
    'import { createOpenAI } from "@ai-sdk/openai";\n'
    'import { createOllama } from "ollama-ai-provider";\n'
    'import { anthropic } from "@ai-sdk/anthropic";\n'
    'import { fireworks } from "@ai-sdk/fireworks";\n'
    'import { deepinfra } from "@ai-sdk/deepinfra";\n'
    'import { createVertex } from "@ai-sdk/google-vertex";\n'
    "\n"
    'type Provider = "openai" | "ollama" | "anthropic" | "fireworks" | "deepinfra" | "vertex";\n'
    "const providers: Record<Provider, any> = {\n"
    "  openai: createOpenAI({ baseURL: process.env.OPENAI_BASE_URL }),\n"
    "  ollama: createOllama({ baseURL: process.env.OLLAMA_BASE_URL }),\n"
    "  anthropic,\n"
    "  fireworks,\n"
    "  deepinfra,\n"
    "  vertex: createVertex({\n"
    '    baseURL: "https://aiplatform.googleapis.com/v1/projects/acme/locations/global/publishers/google",\n'
    "  }),\n"
    "};\n"
    "\n"
    'export function pickModel(name: string, provider: Provider = "openai") {\n'
    "  return process.env.MODEL_OVERRIDE\n"
    "    ? providers[provider](process.env.MODEL_OVERRIDE)\n"
    "    : providers[provider](name);\n"
    "}\n"
    "\n"
    'export const pickEmbedder = (name: string, provider: Provider = "openai") =>\n'
    "  providers[provider].embedding(name);\n"
)

_VERTEX = "https://aiplatform.googleapis.com/v1/projects/acme/locations/global/publishers/google"


def test_each_instance_of_a_provider_table_is_a_service(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"src/ai/table.ts": _TABLE}))
    assert service_places(inv, "ollama") == {"src/ai/table.ts:11"}
    assert service_places(inv, "fireworks") == {"src/ai/table.ts:13"}
    assert service_places(inv, "deepinfra") == {"src/ai/table.ts:14"}
    assert "src/ai/table.ts:12" in service_places(inv, "anthropic")
    # an unresolved base URL: the key names the provider
    assert "src/ai/table.ts:10" in service_places(inv, "openai")
    assert ("google", _VERTEX) in endpoints(inv)


def test_a_dispatch_wrapper_names_models_at_the_keyed_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/ai/table.ts": _TABLE,
            "src/jobs/extract.ts": (
                'import { pickModel, pickEmbedder } from "../ai/table";\n'
                'const fast = pickModel("gemini-2.5-flash-lite", "vertex");\n'
                'const slow = pickModel("claude-3-5-sonnet-20240620", "anthropic");\n'
                'const base = pickModel("o3-mini");\n'
                'const emb = pickEmbedder("text-embedding-3-small");\n'
                '// const old = pickModel("qwen-qwq-32b", "groq");\n'
                'const none = pickModel("llama-3.1-8b-instant", "groq");\n'
                'const dyn = pickModel(process.env.NAME, "openai");\n'
            ),
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["gemini-2.5-flash-lite"] == {"google"}
    assert found["claude-3-5-sonnet-20240620"] == {"anthropic"}
    assert found["o3-mini"] == {"openai"}
    assert found["text-embedding-3-small"] == {"openai"}
    assert "src/jobs/extract.ts:2" in {
        str(o) for s in inv.services.values() if s.endpoint == _VERTEX for o in s.occurrences
    }
    # a commented-out call and a key the table does not hold name nothing
    assert "qwen-qwq-32b" not in everything(inv)
    assert "llama-3.1-8b-instant" not in everything(inv)


def test_a_wrapper_in_the_same_module_and_its_default_key(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "lib/models.js": (
                'import { openai } from "@ai-sdk/openai";\n'
                'import { anthropic } from "@ai-sdk/anthropic";\n'
                "const table = { openai, anthropic };\n"
                'function model(id, vendor = "anthropic") {\n'
                "  return table[vendor](id);\n"
                "}\n"
                'export const writer = model("claude-3-5-haiku-latest");\n'
                'export const critic = model("gpt-4.1-mini", "openai");\n'
                # a plain lookup helper: indexes a table but calls nothing with a parameter
                "function label(key, fallback) {\n"
                "  return table[key] ? key : fallback;\n"
                "}\n"
                'export const shown = label("openai", "gpt-4o");\n'
                # the instance picked first, called later
                "export function chatModel(vendor, id) {\n"
                "  const make = table[vendor];\n"
                "  if (!make) throw new Error(vendor);\n"
                "  return make.languageModel(id);\n"
                "}\n"
                'export const judge = chatModel("openai", "o4-mini");\n'
            )
        }
    )
    found = hosted(scan(root))
    assert found["claude-3-5-haiku-latest"] == {"anthropic"}
    assert found["gpt-4.1-mini"] == {"openai"}
    assert found["o4-mini"] == {"openai"}
    assert "gpt-4o" not in found


def test_provider_registry_ids_name_the_registered_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/registry.ts": (
                'import { experimental_createProviderRegistry as createProviderRegistry } from "ai";\n'
                'import { anthropic } from "@ai-sdk/anthropic";\n'
                'import { createOpenAI } from "@ai-sdk/openai";\n'
                "export const registry = createProviderRegistry({\n"
                "  anthropic,\n"
                "  openai: createOpenAI({ apiKey: process.env.OPENAI_API_KEY }),\n"
                "});\n"
                'export const local = registry.languageModel("anthropic:claude-sonnet-4-20250514");\n'
            ),
            "src/chat.ts": (
                'import { registry } from "./registry";\n'
                'import { createProviderRegistry } from "ai";\n'
                'import { mistral } from "@ai-sdk/mistral";\n'
                'const a = registry.languageModel("openai:gpt-4o");\n'
                'const b = registry.textEmbeddingModel("openai:text-embedding-3-large");\n'
                'const c = registry.languageModel("mistral:mistral-large-latest");\n'
                'const arrows = createProviderRegistry({ mistral }, { separator: " > " });\n'
                'const d = arrows.languageModel("mistral > open-mistral-nemo");\n'
            ),
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["claude-sonnet-4-20250514"] == {"anthropic"}
    assert found["gpt-4o"] == {"openai"}
    assert found["text-embedding-3-large"] == {"openai"}
    assert found["open-mistral-nemo"] == {"mistral"}
    # a prefix the registry does not hold names nothing
    assert "mistral-large-latest" not in found
    assert "src/registry.ts:5" in service_places(inv, "anthropic")
    assert "src/registry.ts:6" in service_places(inv, "openai")
    assert "src/chat.ts:7" in service_places(inv, "mistral")


def test_tables_of_labels_and_single_instances_are_not_services(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/ui.ts": (
                'import { openai } from "@ai-sdk/openai";\n'
                'const labels = { openai: "OpenAI", anthropic: "Anthropic" };\n'
                "const one = { openai };\n"
                "function show(key, text) {\n"
                "  return labels[key](text);\n"
                "}\n"
                'show("openai", "gpt-4o");\n'
            )
        }
    )
    inv = scan(root)
    assert not inv.services
    assert "gpt-4o" not in everything(inv)
