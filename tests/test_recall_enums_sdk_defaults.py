"""Rule 4 of the recall issue: framework model enums and SDK default hosts.

Agent frameworks name models through enums whose member -> model id and platform ->
provider tables are data in the knowledge layer; SDK clients built without a host talk to
their SDK's default host. A project's own enum of the same name is not a framework enum.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_camel_model_type_and_platform(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "agents/society.py": (
                "from camel.models import ModelFactory\n"
                "from camel.types import ModelPlatformType, ModelType\n"
                "\n"
                "writer = ModelFactory.create(\n"
                "    model_platform=ModelPlatformType.OPENAI,\n"
                "    model_type=ModelType.GPT_4O_MINI,\n"
                ")\n"
                "critic = ModelFactory.create(\n"
                "    model_platform=ModelPlatformType.QWEN,\n"
                '    model_type="qwen-plus",\n'
                ")\n"
            )
        }
    )
    names = hosted(scan(root))
    assert names["gpt-4o-mini"] == {"openai"}
    assert names["qwen-plus"] == {"alibaba-dashscope"}


def test_a_project_enum_named_like_a_framework_enum_is_not_mapped(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/kinds.py": (
                "from enum import Enum\n"
                "\n"
                "class ModelType(Enum):\n"
                '    GPT_4O_MINI = "small"\n'
                '    LARGE = "large"\n'
                "\n"
                "def pick(kind=ModelType.GPT_4O_MINI):\n"
                "    return kind.value\n"
            )
        }
    )
    assert "gpt-4o-mini" not in everything(scan(root))


def test_sdk_default_hosts(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "chains/llms.py": (
                "from langchain_anthropic import ChatAnthropic\n"
                "from langchain_google_genai import ChatGoogleGenerativeAI\n"
                "from groq import Groq\n"
                "\n"
                'claude = ChatAnthropic(model="claude-3-5-sonnet-latest")\n'
                'gemini = ChatGoogleGenerativeAI(model="gemini-2.0-flash")\n'
                "client = Groq()\n"
                'reply = client.chat.completions.create(model="llama-3.1-8b-instant", messages=[])\n'
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["claude-3-5-sonnet-latest"] == {"anthropic"}
    assert names["gemini-2.0-flash"] == {"google"}
    assert names["llama-3.1-8b-instant"] == {"groq"}
    providers = {p for p, _ in endpoints(inv)}
    assert {"anthropic", "google", "groq"} <= providers


def test_azure_openai_client_in_a_helper(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "util/helpers.py": (
                "import os\n"
                "import openai\n"
                "\n"
                "def get_client(api_key, api_base):\n"
                "    if api_base and '.openai.azure.com' in api_base:\n"
                "        return openai.AzureOpenAI(api_key=api_key, azure_endpoint=api_base,\n"
                '                                  api_version="2024-10-21")\n'
                "    return openai.OpenAI(api_key=api_key, base_url=api_base)\n"
            )
        }
    )
    assert "azure-openai" in {p for p, _ in endpoints(scan(root))}


def test_smolagents_default_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "agent.py": (
                "from smolagents import CodeAgent, HfApiModel\n"
                "\n"
                "agent = CodeAgent(tools=[], model=HfApiModel())\n"
            )
        }
    )
    inv = scan(root)
    assert "qwen/qwen2.5-coder-32b-instruct" in everything(inv)
    assert "huggingface" in {p for p, _ in endpoints(inv)}


def test_distilabel_llm_classes(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "gen.py": (
                "from distilabel.models import InferenceEndpointsLLM, TransformersLLM\n"
                "\n"
                'local = TransformersLLM(model="HuggingFaceTB/SmolLM2-1.7B-Instruct")\n'
                'remote = InferenceEndpointsLLM(model_id="Qwen/Qwen2.5-7B-Instruct")\n'
            )
        }
    )
    inv = scan(root)
    assert "gen.py:3" in models(inv)["huggingfacetb/smollm2-1.7b-instruct"]
    assert "qwen/qwen2.5-7b-instruct" in everything(inv)
