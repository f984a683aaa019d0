"""``provider:model`` Literal catalogs and provider-named Literal aliases (issue 11).

Pydantic AI's ``KnownModelName = TypeAliasType("KnownModelName", Literal["anthropic:...", ...])``
offers every member at the provider its prefix names; per-provider aliases named after their
provider (``LatestSnowflakeModelNames``, ``ProductionGroqModelNames``) hold that provider's offer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan, service_places

from aibom.knowledge.classify import catalog_prefixed_model

MakeTree = Callable[[dict[str, str | bytes]], Path]

KNOWN = (
    "from typing import Literal\n"
    "from typing_extensions import TypeAliasType\n"
    "KnownModelName = TypeAliasType(\n"
    "    'KnownModelName',\n"
    "    Literal[\n"
    "        'anthropic:claude-sonnet-4-5',\n"
    "        'bedrock:us.amazon.nova-pro-v1:0',\n"
    "        'gateway/openai:gpt-4.1-mini',\n"
    "        'heroku:claude-4-5-haiku',\n"
    "        'snowflake:openai-gpt-5-6-luna',\n"
    "        'crusoe:zai/GLM-5.1',\n"
    "        'moonshotai:kimi-k2.5',\n"
    "        'zai:autoglm-phone-multilingual',\n"
    "        'openai-chat:o3-pro',\n"
    "        'test',\n"
    "    ],\n"
    ")\n"
)


def test_a_type_alias_type_literal_of_prefixed_names_is_a_catalog_at_each_prefix(
    make_tree: MakeTree,
) -> None:
    inv = scan(make_tree({"pkg/models/_names.py": KNOWN}))
    found = hosted(inv)
    assert found["claude-sonnet-4-5"] == {"anthropic"}
    assert found["us.amazon.nova-pro-v1:0"] == {"aws-bedrock"}
    assert found["gpt-4.1-mini"] == {"openai"}  # through the gateway: the upstream vendor
    assert found["claude-4-5-haiku"] == {"heroku"}
    assert found["openai-gpt-5-6-luna"] == {"snowflake"}
    assert found["zai/glm-5.1"] == {"crusoe"}
    assert found["kimi-k2.5"] == {"moonshot"}
    assert found["autoglm-phone-multilingual"] == {"zhipu"}
    assert found["o3-pro"] == {"openai"}
    assert "gpt-5-6-luna" not in found
    assert "test" not in everything(inv)
    # each at the member's own line
    assert "pkg/models/_names.py:9" in service_places(inv, "heroku")


def test_ollama_tags_and_prose_are_no_prefixed_models() -> None:
    assert catalog_prefixed_model("mistral:7b") is None
    assert catalog_prefixed_model("mistral:instruct") is None
    assert catalog_prefixed_model("openai:gpt-4o") == ("openai", "gpt-4o")
    assert catalog_prefixed_model("note: see gpt-4o") is None
    assert catalog_prefixed_model("unknownco:model-1") is None


def test_a_literal_of_few_prefixed_names_is_not_split(make_tree: MakeTree) -> None:
    # an Ollama catalog with one provider-looking tag stays an Ollama catalog
    src = (
        "from typing import Literal\n"
        "LocalModels = Literal['llama3.1:8b', 'qwen2.5:7b', 'gemma2:9b', 'mistral:7b-instruct']\n"
    )
    found = hosted(scan(make_tree({"local.py": src})))
    assert "7b-instruct" not in found


def test_a_provider_named_alias_keeps_another_vendors_open_model_at_its_provider(
    make_tree: MakeTree,
) -> None:
    src = (
        "from typing import Literal\n"
        "ProductionGroqModelNames = Literal[\n"
        "    'llama-3.1-8b-instant',\n"
        "    'llama-3.3-70b-versatile',\n"
        "    'whisper-large-v3',\n"
        "    'whisper-large-v3-turbo',\n"
        "]\n"
        "LatestSnowflakeModelNames = Literal[\n"
        "    'claude-4-sonnet',\n"
        "    'mistral-large2',\n"
        "    'llama3.1-405b',\n"
        "    'openai-gpt-5-mini',\n"
        "]\n"
    )
    found = hosted(scan(make_tree({"pkg/models/hosts.py": src})))
    assert found["whisper-large-v3"] == {"groq"}
    assert found["claude-4-sonnet"] == {"snowflake"}
    assert found["mistral-large2"] == {"snowflake"}
    assert found["openai-gpt-5-mini"] == {"snowflake"}
    assert "gpt-5-mini" not in found


def test_a_base_url_property_returning_a_provider_url_is_its_service(make_tree: MakeTree) -> None:
    src = (
        "class FireworksProvider:\n"
        "    @property\n"
        "    def name(self) -> str:\n"
        "        return 'fireworks'\n"
        "    @property\n"
        "    def base_url(self) -> str:\n"
        "        '''The API root.'''\n"
        "        return 'https://api.fireworks.ai/inference/v1'\n"
        "def get_api_base() -> str:\n"
        "    return 'https://api.together.xyz/v1'\n"
    )
    found = endpoints(scan(make_tree({"providers/fireworks.py": src})))
    assert ("fireworks", "https://api.fireworks.ai/inference/v1") in found
    assert ("together", "https://api.together.xyz/v1") in found


def test_urls_methods_return_under_other_names_or_hosts_are_no_service(
    make_tree: MakeTree,
) -> None:
    src = (
        "class Docs:\n"
        "    def homepage(self) -> str:\n"
        "        return 'https://api.fireworks.ai/inference/v1'\n"
        "    def docs_url(self) -> str:\n"
        "        return 'https://docs.example.com/guide'\n"
        "    def base_url(self) -> str:\n"
        "        if self.region:\n"
        "            return 'https://api.together.xyz/v1'\n"
        "        return 'https://example.org'\n"
    )
    found = endpoints(scan(make_tree({"docs.py": src})))
    assert not {p for p, _ in found} & {"fireworks", "together", "unknown"}


def test_a_literal_alias_named_by_two_words_of_a_provider_is_its_catalog(
    make_tree: MakeTree,
) -> None:
    src = (
        "from typing import Literal\n"
        "DeepSeekModelName = Literal[\n"
        "    'deepseek-chat', 'deepseek-reasoner', 'deepseek-v4-flash', 'deepseek-v4-pro'\n"
        "]\n"
        "KnownModelName = Literal['gpt-4o', 'claude-3-5-haiku-latest']\n"
    )
    found = hosted(scan(make_tree({"providers/deepseek.py": src})))
    assert found["deepseek-v4-flash"] == {"deepseek"}
    assert found["claude-3-5-haiku-latest"] == {"anthropic"}  # no provider in "Known Model Name"


def test_a_provider_named_alias_offers_its_dashed_names_but_no_mode_words(
    make_tree: MakeTree,
) -> None:
    src = (
        "from typing import Literal\n"
        "PreviewGroqModelNames = Literal[\n"
        "    'meta-llama/llama-prompt-guard-2-22m',\n"
        "    'openai/gpt-oss-safeguard-20b',\n"
        "    'playai-tts',\n"
        "    'playai-tts-arabic',\n"
        "]\n"
        "GroqModelMode = Literal['fast', 'balanced', 'slow']\n"
    )
    inv = scan(make_tree({"models/groq.py": src}))
    found = hosted(inv)
    assert found["playai-tts"] == {"groq"}
    assert found["openai/gpt-oss-safeguard-20b"] == {"groq"}
    assert not {"fast", "balanced", "slow"} & everything(inv)


def test_a_model_named_list_or_dict_of_prefixed_names_is_a_catalog_at_each_prefix(
    make_tree: MakeTree,
) -> None:
    src = (
        "AVAILABLE_MODELS = [\n"
        "    'openai:gpt-4o',\n"
        "    'anthropic:claude-sonnet-4-0',\n"
        "    'groq:llama-3.3-70b-versatile',\n"
        "    'google-gla:gemini-2.5-flash',\n"
        "]\n"
        "MODEL_CHOICES = {'fast': 'openai:gpt-4o-mini', 'smart': 'anthropic:claude-opus-4-1'}\n"
    )
    found = hosted(scan(make_tree({"app.py": src})))
    assert found["claude-sonnet-4-0"] == {"anthropic"}
    assert found["llama-3.3-70b-versatile"] == {"groq"}
    assert found["gemini-2.5-flash"] == {"google"}
    assert found["gpt-4o-mini"] == {"openai"}
    assert found["claude-opus-4-1"] == {"anthropic"}


def test_ollama_tags_and_flag_lists_are_no_prefixed_catalog(make_tree: MakeTree) -> None:
    src = (
        "OLLAMA_MODELS = ['mistral:7b', 'mistral:latest', 'llama3:8b', 'gemma2:2b']\n"
        "FEATURES = ['openai:enabled', 'anthropic:disabled', 'groq:beta-2']\n"
    )
    inv = scan(make_tree({"local.py": src}))
    found = hosted(inv)
    assert "7b" not in found and "latest" not in found
    assert "beta-2" not in found and "enabled" not in found
    assert "mistral:7b" in everything(inv)
