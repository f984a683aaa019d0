"""Pydantic AI model classes (issue 11): ``OpenAIChatModel("llama3.2", provider=OllamaProvider(...))``
sends its model to the provider its ``provider`` argument names, else to the class's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_pydantic_ai_model_classes_name_their_provider(make_tree: MakeTree) -> None:
    src = (
        "from pydantic_ai.models.openai import OpenAIChatModel, OpenAIModel\n"
        "from pydantic_ai.models.anthropic import AnthropicModel\n"
        "from pydantic_ai.providers.ollama import OllamaProvider\n"
        "from pydantic_ai.providers.openai import OpenAIProvider\n"
        "a = AnthropicModel('claude-sonnet-4-5')\n"
        "b = OpenAIChatModel('llama3.2', provider=OllamaProvider(base_url='http://localhost:11434/v1'))\n"
        "c = OpenAIModel('deepseek-chat', provider=OpenAIProvider(base_url='https://api.deepseek.com'))\n"
        "d = OpenAIChatModel('kimi-k2-0711-preview', provider='moonshotai')\n"
        "e = OpenAIChatModel(model_name='house-model-1', provider=OllamaProvider())\n"
    )
    inv = scan(make_tree({"app/agent.py": src}))
    found = hosted(inv)
    assert found["claude-sonnet-4-5"] == {"anthropic"}
    assert found["llama3.2"] == {"ollama"}
    assert found["deepseek-chat"] == {"deepseek"}
    assert found["kimi-k2-0711-preview"] == {"moonshot"}
    assert found["house-model-1"] == {"ollama"}
    assert ("ollama", "http://localhost:11434/v1") in endpoints(inv)


def test_other_model_classes_of_the_same_name_are_no_pydantic_ai_model(
    make_tree: MakeTree,
) -> None:
    src = (
        "class OpenAIChatModel:\n"
        "    def __init__(self, name: str) -> None:\n"
        "        self.name = name\n"
        "m = OpenAIChatModel('house-model-1')\n"
        "from mylib.models import GroqModel\n"
        "g = GroqModel('house-model-2')\n"
    )
    names = everything(scan(make_tree({"app/models.py": src})))
    assert "house-model-1" not in names
    assert "house-model-2" not in names


def test_a_project_class_named_like_a_pydantic_ai_model_stays_a_wrapper(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "mylm/lm.py": (
                "import google.generativeai as genai\n"
                "class GoogleModel:\n"
                "    def __init__(self, model: str, **kwargs) -> None:\n"
                "        self.model = genai.GenerativeModel(model_name=model)\n"
            ),
            "run.py": (
                "from mylm.lm import GoogleModel\n"
                "lm = GoogleModel(model='models/gemini-1.5-flash', max_tokens=500)\n"
            ),
        }
    )
    found = hosted(scan(root))
    assert "google" in found.get("models/gemini-1.5-flash", set()) | found.get(
        "gemini-1.5-flash", set()
    )
