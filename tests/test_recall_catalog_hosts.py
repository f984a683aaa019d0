"""A catalog of a closed vendor's model names inside an Azure (Bedrock, Vertex) class or module
is that cloud's: the names its own class, module or name spells decide the provider."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import hosted, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]

_CATALOG = (
    "    SUPPORTED_MODELS: ClassVar[list[str]] = [\n"
    "        'gpt-5.4-pro',\n"
    "        'gpt-35-turbo',\n"
    "        'codex-mini',\n"
    "        'gpt-4o',\n"
    "    ]\n"
)


def test_catalog_in_an_azure_class_is_azure_openai(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "gen/chat/azure.py": (
                "from typing import ClassVar\n"
                "class AzureOpenAIChatGenerator(OpenAIChatGenerator):\n" + _CATALOG
            ),
            "gen/chat/openai.py": (
                "from typing import ClassVar\n"
                "class OpenAIChatGenerator:\n"
                "    SUPPORTED_MODELS: ClassVar[list[str]] = ['gpt-4o', 'gpt-4o-mini', 'o3']\n"
            ),
        }
    )
    inv = scan(root)
    found = hosted(inv)
    for name in ("gpt-5.4-pro", "gpt-35-turbo", "codex-mini"):
        assert found[name] == {"azure-openai"}, name
    assert found["gpt-4o"] == {"azure-openai", "openai"}  # in both classes' lists
    assert found["gpt-4o-mini"] == {"openai"}
    assert "gen/chat/azure.py:4" in service_places(inv, "azure-openai")


def test_module_file_spells_the_cloud(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            # a registry named after Azure in a neutral module: each name its own provider's
            "app/consts.py": (
                "OPENAI_MODELS = ['gpt-4o-mini', 'o3-mini']\n"
                "AZURE_MODELS = ['gpt-4o-mini', 'gpt-4.1-nano', 'o3-mini']\n"
            ),
            "app/providers/azure.py": "MODELS = ['gpt-4.1', 'gpt-5-nano']\n",
            "app/providers/bedrock.py": (
                "MODELS = ['claude-3-5-haiku-20241022', 'claude-3-7-sonnet-20250219']\n"
            ),
        }
    )
    found = hosted(scan(root))
    for name in ("gpt-4o-mini", "gpt-4.1-nano", "o3-mini"):
        assert found[name] == {"openai"}, name
    for name in ("gpt-4.1", "gpt-5-nano"):
        assert found[name] == {"azure-openai"}, name
    assert found["claude-3-5-haiku-20241022"] == {"aws-bedrock"}


def test_other_classes_keep_each_members_own_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            # an OpenAI class, a neutral module, and a cloud that does not resell the vendor
            "app/openai_models.py": (
                "class OpenAIChat:\n    MODELS = ['gpt-4o', 'gpt-4o-mini', 'o3']\n"
            ),
            "app/catalog.py": "CHAT_MODELS = ['gpt-4.1', 'claude-3-5-haiku-20241022']\n",
            "app/bedrock.py": (
                "class BedrockChat:\n"
                "    MODELS = ['gpt-4.1-mini', 'gpt-5-mini', 'claude-3-7-sonnet-20250219']\n"
            ),
            "app/azure.py": (
                "class AzureChat:\n"
                "    MODELS = ['claude-3-opus-20240229', 'gemini-2.0-flash', 'gpt-5-nano']\n"
            ),
        }
    )
    found = hosted(scan(root))
    assert found["gpt-4o"] == {"openai"}
    assert found["gpt-4.1"] == {"openai"}
    assert found["claude-3-5-haiku-20241022"] == {"anthropic"}
    assert found["gpt-4.1-mini"] == {"openai"}  # Bedrock does not serve OpenAI's closed models
    assert found["claude-3-7-sonnet-20250219"] == {"aws-bedrock"}
    assert found["claude-3-opus-20240229"] == {"anthropic"}  # nor Azure OpenAI Anthropic's
    assert found["gemini-2.0-flash"] == {"google"}
    assert found["gpt-5-nano"] == {"azure-openai"}


def test_azure_spelling_of_gpt_35_turbo(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/models.py": (
                "CHAT_MODELS = ['gpt-35-turbo', 'gpt-35-turbo-16k', 'gpt-3.5-turbo', 'gpt-4o']\n"
            ),
        }
    )
    found = hosted(scan(root))
    assert found["gpt-35-turbo"] == {"azure-openai"}  # Azure's dotless name
    assert found["gpt-35-turbo-16k"] == {"azure-openai"}
    assert found["gpt-3.5-turbo"] == {"openai"}
    assert found["gpt-4o"] == {"openai"}
