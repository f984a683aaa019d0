"""LlamaIndex provider classes, Python and TypeScript, and provider-bound model constants in TS.

Python: ``llama_index.llms.groq.Groq(model=...)``, ``llama_index.llms.anthropic.Anthropic``,
``MistralAI`` call their vendor's API. TypeScript: ``new OpenAI({model, azure: {...}})`` from
``@llamaindex/openai`` talks to Azure OpenAI. A model constant of a module whose one base-URL constant is an API's is served
there. A project's own ``Groq`` class, ``new OpenAI({model})`` without ``azure`` and a
constant in a module with two API URLs keep their usual reading.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_llama_index_python_provider_classes(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/groq_settings.py": (
                "import os\n"
                "from llama_index.llms.groq import Groq\n"
                "llm = Groq(model=os.getenv('MODEL') or 'llama-3.1-8b-instant')\n"
            ),
            "app/gen_ui.py": (
                "from llama_index.llms.anthropic import Anthropic\n"
                "from llama_index.llms.mistralai import MistralAI\n"
                "a = Anthropic(model='claude-3-7-sonnet-latest', max_tokens=8192)\n"
                "m = MistralAI(model='mistral-large-latest')\n"
            ),
            "app/own.py": (
                "class Groq:\n"
                "    def __init__(self, model):\n"
                "        self.model = model\n"
                "g = Groq(model='house-llm-1')\n"
            ),
        }
    )
    names = hosted(scan(root))
    assert names.get("llama-3.1-8b-instant") == {"groq"}
    assert names.get("claude-3-7-sonnet-latest") == {"anthropic"}
    assert names.get("mistral-large-latest") == {"mistral"}
    assert "house-llm-1" not in names


def test_llamaindex_ts_openai_with_azure_options(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "azure/settings.ts": (
                'import { OpenAI } from "@llamaindex/openai";\n'
                'import { Settings } from "llamaindex";\n'
                "Settings.llm = new OpenAI({\n"
                '  model: process.env.MODEL ?? "gpt-4o-mini",\n'
                "  azure: { endpoint: process.env.AZURE_OPENAI_ENDPOINT },\n"
                "});\n"
            ),
            "openai/settings.ts": (
                'import { OpenAI } from "@llamaindex/openai";\n'
                'export const llm = new OpenAI({ model: process.env.MODEL ?? "gpt-4.1" });\n'
            ),
        }
    )
    names = hosted(scan(root))
    assert names.get("gpt-4o-mini") == {"azure-openai"}
    assert names.get("gpt-4.1") == {"openai"}


def test_module_constants_keep_the_module_s_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "providers/llmhub.ts": (
                'export const LLMHUB_API_URL = "https://llm-server.llmhub.example.net/v2";\n'
                'const DEFAULT_MODEL = "gpt-3.5-turbo-0125";\n'
            ),
            "providers/two.ts": (  # two API URLs: no module provider
                'export const A_API_URL = "https://a.example.net/v1";\n'
                'export const B_API_URL = "https://b.example.net/v1";\n'
                'const DEFAULT_MODEL = "gpt-4o-2024-08-06";\n'
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names.get("gpt-3.5-turbo-0125") == {"unknown"}
    assert ("unknown", "https://llm-server.llmhub.example.net/v2") in endpoints(inv)
    assert names.get("gpt-4o-2024-08-06") == {"openai"}
