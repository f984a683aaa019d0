"""``typing.Literal`` model catalogs (issue 11): an SDK or framework spells the models its
client takes as a ``Literal`` alias typing the model field; the members are that provider's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_a_literal_alias_typing_a_gateway_class_model_field_is_its_catalog(
    make_tree: MakeTree,
) -> None:
    src = (
        "from dataclasses import dataclass\n"
        "from typing import Literal, TypeAlias\n"
        "GatewayModel: TypeAlias = Literal[\n"
        "    'alibaba/qwen-3-14b',\n"
        "    'meta/llama-3.3-70b',\n"
        "    'openai/gpt-oss-20b',\n"
        "]\n"
        "@dataclass\n"
        "class ChatGateway:\n"
        "    model: GatewayModel | str\n"
        "    base_url: str = 'https://ai-gateway.vercel.sh/v1'\n"
    )
    found = hosted(scan(make_tree({"llm/gateway/chat.py": src})))
    assert found["alibaba/qwen-3-14b"] == {"vercel-ai-gateway"}
    assert found["meta/llama-3.3-70b"] == {"vercel-ai-gateway"}


def test_a_model_named_literal_alias_belongs_to_the_provider_its_class_names(
    make_tree: MakeTree,
) -> None:
    src = (
        "from typing import Literal\n"
        "GroqVerifiedModels = Literal[\n"
        "    'meta-llama/llama-4-scout-17b-16e-instruct',\n"
        "    'qwen/qwen3-32b',\n"
        "]\n"
        "class ChatGroq:\n"
        "    model: GroqVerifiedModels | str\n"
        "VerifiedGeminiModels = Literal['gemma-3-27b-it', 'gemini-3-pro-preview', 'gemma-3n-e2b']\n"
    )
    found = hosted(scan(make_tree({"llm/chat.py": src})))
    assert found["meta-llama/llama-4-scout-17b-16e-instruct"] == {"groq"}
    assert found["gemma-3-27b-it"] == {"google"}
    assert found["gemma-3n-e2b"] == {"google"}


def test_an_inline_literal_on_a_model_parameter_is_a_catalog(make_tree: MakeTree) -> None:
    src = (
        "from typing import Literal\n"
        "def ask(prompt: str, model: Literal['gpt-4o-mini', 'gpt-4.1'] = 'gpt-4o-mini') -> str:\n"
        "    return prompt\n"
    )
    found = hosted(scan(make_tree({"ask.py": src})))
    assert found["gpt-4.1"] == {"openai"}


def test_literal_types_of_roles_modes_voices_and_sizes_are_no_catalog(make_tree: MakeTree) -> None:
    src = (
        "from typing import Literal, TypeAlias\n"
        "Role = Literal['user', 'system', 'assistant']\n"
        "Voice: TypeAlias = Literal['alloy', 'echo', 'shimmer']\n"
        "ImageSize = Literal['256x256', '1024x1024', '1792-1024']\n"
        "ModelMode = Literal['fast', 'balanced', 'slow']\n"
        "Revision = Literal['house-tier-1', 'house-tier-2']\n"
        "class ChatGroq:\n"
        "    role: Role\n"
        "    voice: Voice\n"
        "    size: ImageSize\n"
        "    tier: Revision\n"
        "    model_mode: ModelMode\n"
        "    model: Literal['auto', 'default'] = 'auto'\n"
    )
    names = everything(scan(make_tree({"llm/chat.py": src})))
    assert not names & {"user", "alloy", "1024x1024", "1792-1024", "fast", "house-tier-1", "auto"}


def test_a_name_returned_instead_of_the_model_parameter_is_the_fallback_model(
    make_tree: MakeTree,
) -> None:
    src = (
        "import openai\n"
        "def fallback_model(model: str) -> str:\n"
        "    try:\n"
        "        openai.Model.retrieve(model)\n"
        "        return model\n"
        "    except openai.InvalidRequestError:\n"
        "        return 'gpt-3.5-turbo-16k'\n"
    )
    found = hosted(scan(make_tree({"ai.py": src})))
    assert found["gpt-3.5-turbo-16k"] == {"openai"}


def test_other_strings_a_model_function_returns_are_no_models(make_tree: MakeTree) -> None:
    src = (
        "def describe(model: str) -> str:\n"
        "    if model:\n"
        "        return model\n"
        "    return 'house-tier-2'\n"
        "def pick(name: str) -> str:\n"
        "    if name:\n"
        "        return name\n"
        "    return 'gpt-4o-mini'\n"
    )
    names = everything(scan(make_tree({"util.py": src})))
    assert not names & {"house-tier-2", "gpt-4o-mini"}


def test_a_test_stub_class_named_like_a_loader_is_no_loader(make_tree: MakeTree) -> None:
    src = (
        "def test_warning():\n"
        "    class LLM:\n"
        "        def __init__(self, model):\n"
        "            self.model = model\n"
        "    for model in ['deepseek-chat', 'grok-2']:\n"
        "        run(llm=LLM(model))\n"
    )
    names = everything(scan(make_tree({"check_agent.py": src})))
    assert "grok-2" not in names
    loader = everything(scan(make_tree({"cell.py": "llm = LLM('Qwen/Qwen2.5-7B-Instruct')\n"})))
    assert "qwen/qwen2.5-7b-instruct" in loader


def test_a_wrapper_default_model_at_the_base_url_its_body_falls_back_to(
    make_tree: MakeTree,
) -> None:
    src = (
        "import os\n"
        "class ChatBrowserUse:\n"
        "    def __init__(self, model: str = 'bu-2-0', base_url: str | None = None):\n"
        "        self.model = model\n"
        "        self.base_url = base_url or os.getenv('BROWSER_USE_LLM_URL', 'https://llm.api.browser-use.com')\n"
    )
    found = hosted(scan(make_tree({"llm/chat.py": src})))
    assert found["bu-2-0"] == {"browser-use"}


def test_a_wrapper_whose_base_url_falls_back_to_no_url_names_no_model(make_tree: MakeTree) -> None:
    src = (
        "import os\n"
        "class Formatter:\n"
        "    def __init__(self, model: str = 'house-tier-2', base_url: str | None = None):\n"
        "        self.base_url = base_url or os.getenv('FORMAT_DIR', 'templates/')\n"
    )
    names = everything(scan(make_tree({"fmt.py": src})))
    assert "house-tier-2" not in names


def test_a_literal_of_two_providers_models_keeps_each_at_its_own(make_tree: MakeTree) -> None:
    # an image toolkit at xAI's URL also offers OpenAI's models: each at its own vendor
    src = (
        "from typing import Literal, Optional\n"
        "class ImageGenToolkit:\n"
        "    def __init__(\n"
        "        self,\n"
        "        model: Optional[Literal['gpt-image-1', 'dall-e-3', 'grok-2-image']] = 'dall-e-3',\n"
        "        url: Optional[str] = None,\n"
        "    ) -> None:\n"
        "        self.grok_url = url or 'https://api.x.ai/v1'\n"
    )
    found = hosted(scan(make_tree({"toolkits/image_generation_toolkit.py": src})))
    assert found["dall-e-3"] == {"openai"}
    assert found["gpt-image-1"] == {"openai"}
    assert found["grok-2-image"] == {"xai"}


def test_an_aggregator_literal_of_other_vendors_models_stays_at_the_aggregator(
    make_tree: MakeTree,
) -> None:
    # only other vendors' names (none of the class provider's own): the gateway offers them all
    src = (
        "from typing import Literal\n"
        "class ChatRouter:\n"
        "    base_url = 'https://openrouter.ai/api/v1'\n"
        "    def __init__(self, model: Literal['gpt-4o', 'claude-3-5-haiku-latest'] = 'gpt-4o'):\n"
        "        self.model = model\n"
    )
    found = hosted(scan(make_tree({"llm/router.py": src})))
    assert "openrouter" in found["claude-3-5-haiku-latest"]
    assert "anthropic" not in found["claude-3-5-haiku-latest"]
