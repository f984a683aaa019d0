"""JS/TS catalogs (issue 11): a catalog whose own name spells a provider, or that sits in a
module configuring one base URL, is offered through that provider, not the provider the
members' name patterns suggest; with decoys that keep their pattern's provider.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, hosted, model_kinds, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_a_catalog_named_after_a_provider_takes_it(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/deployments.ts": (
                "const AZURE_OPENAI_DEPLOYMENT_MODELS: Record<string, { openAIModel: string }> = {\n"
                '  "gpt-35-turbo-16k": { openAIModel: "gpt-3.5-turbo-16k" },\n'
                '  "gpt-4o": { openAIModel: "gpt-4o" },\n'
                '  "gpt-4-32k": { openAIModel: "gpt-4-32k" },\n'
                "};\n"
                'export const pick = (k: string) => AZURE_OPENAI_DEPLOYMENT_MODELS[k] ?? "gpt-4o";\n'
            ),
            "src/groq.ts": 'export const groqChatModels = ["llama-3.3-70b-versatile", "gemma2-9b-it"];\n',
        }
    )
    names = hosted(scan(root))
    assert names["gpt-35-turbo-16k"] == {"azure-openai"}
    # the value under a key naming OpenAI is OpenAI's name for the deployment's model
    assert names["gpt-3.5-turbo-16k"] == {"openai"}
    assert names["gpt-4-32k"] == {"azure-openai"}
    assert names["gemma2-9b-it"] == {"groq"}


def test_a_family_or_local_runner_in_the_name_does_not_say_who_serves(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/lists.ts": (
                'export const claudeModels = ["claude-3-5-haiku-latest", "claude-3-opus-20240229"];\n'
                'export const COMPARE_MODELS = ["gpt-4o-mini", "gpt-4.1"];\n'
            ),
        }
    )
    names = hosted(scan(root))
    assert names["claude-3-5-haiku-latest"] == {"anthropic"}
    assert names["gpt-4o-mini"] == {"openai"}


def test_a_module_base_url_gives_its_catalogs_the_endpoint(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/providers/gateway.ts": (
                'export const ACME_GATEWAY_API_URL = "https://inference.acme-cloud.example/v1";\n'
                "const GATEWAY_MODELS = [\n"
                '  "gpt-4o-eu",\n'
                '  "Qwen2-72B-Instruct",\n'
                '  "mixtral-8x22b-eu",\n'
                '  "Phi3-Medium",\n'
                "];\n"
                "const GATEWAY_EMBEDDING_MODELS = [\n"
                '  "text-embedding-3-small-eu",\n'
                '  "jina-embeddings-v3-eu",\n'
                "];\n"
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    for name in ("gpt-4o-eu", "qwen2-72b-instruct", "phi3-medium", "jina-embeddings-v3-eu"):
        assert names[name] == {"unknown"}, name
    assert ("unknown", "https://inference.acme-cloud.example/v1") in endpoints(inv)


def test_a_known_host_base_url_gives_its_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "src/providers/fw.ts": (
                'const FIREWORKS_BASE = "https://api.fireworks.ai/inference/v1";\n'
                "export const MODELS = [\n"
                '  "accounts/fireworks/models/llama-v3p1-8b-instruct",\n'
                '  "accounts/fireworks/models/qwen2p5-72b-instruct",\n'
                "];\n"
            ),
        }
    )
    names = hosted(scan(root))
    assert names["accounts/fireworks/models/qwen2p5-72b-instruct"] == {"fireworks"}


def test_base_url_decoys_leave_the_patterns_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            # two different base URLs: the module does not configure one provider
            "src/two.ts": (
                'const PRIMARY_API_URL = "https://llm.one.example/v1";\n'
                'const FALLBACK_API_URL = "https://llm.two.example/v1";\n'
                'export const MODELS = ["gpt-4o", "gpt-4o-mini"];\n'
            ),
            # a local server is not the hosted provider of the list
            "src/local.ts": (
                'const SERVER_URL = "http://localhost:8080/v1";\n'
                'export const MODELS = ["claude-3-haiku-20240307", "claude-3-opus-20240229"];\n'
            ),
            # a URL constant not named as a base URL (documentation link)
            "src/docs.ts": (
                'const DOCS_LINK = "https://docs.example.org/models";\n'
                'export const MODELS = ["gemini-1.5-pro", "gemini-1.5-flash"];\n'
            ),
            # a list whose name says no models is no catalog, whatever the module's URL
            "src/colours.ts": (
                'const PALETTE_API_URL = "https://palette.example.com/v1";\n'
                'export const COLOURS = ["red-500", "blue-700"];\n'
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["gpt-4o"] == {"openai"}
    assert names["claude-3-haiku-20240307"] == {"anthropic"}
    assert names["gemini-1.5-pro"] == {"google"}
    assert "red-500" not in names
    assert not any(p == "unknown" for p, _ in endpoints(inv))


def test_weight_file_paths_in_a_model_catalog_are_local_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "web/types/models.ts": (
                "export enum ChatModelId {\n"
                "  GPT_4O = 'gpt-4o',\n"
                "  MISTRAL_7B = '/srv/weights/mistral-7b-instruct.Q4_K_M.gguf',\n"
                "  PHI_2 = './weights/phi-2.Q5_0.gguf',\n"
                "  ORCA = '/srv/weights/orca-mini-3b.ggmlv3.bin',\n"
                "}\n"
            ),
            # decoys: a list not named as models, and a model list whose paths are no weights
            "web/assets.ts": (
                'export const ICON_FILES = ["/static/icons/a.bin", "/static/icons/b.bin"];\n'
                'export const MODEL_DOCS = ["/docs/models/intro.md", "/docs/models/faq.md"];\n'
            ),
        }
    )
    inv = scan(root)
    kinds = model_kinds(inv)
    assert kinds["/srv/weights/mistral-7b-instruct.q4_k_m.gguf"] == "local"
    assert kinds["./weights/phi-2.q5_0.gguf"] == "local"
    assert kinds["/srv/weights/orca-mini-3b.ggmlv3.bin"] == "local"
    assert not any("icons" in k or "docs" in k for k in kinds)
