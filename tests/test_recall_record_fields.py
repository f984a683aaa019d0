"""Model fields set where a project's record class is built, and a default-model property's
table of choices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, model_kinds, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_record_built_with_model_fields(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "core/base.py": "from pydantic import BaseModel\nclass BaseConfig(BaseModel):\n    pass\n",
            "core/config.py": (
                "from core.base import BaseConfig\n"
                "class LLMConfig(BaseConfig):\n"
                "    max_context_tokens: int | None = None\n"
                "    tokenizer_hub: str | None = None\n"
                "    embedder: str | None = None\n"
                "DEFAULTS = {\n"
                "    'gpt-4o': LLMConfig(\n"
                "        max_context_tokens=128000,\n"
                "        tokenizer_hub='Quivr/gpt-4o',\n"
                "    ),\n"
                "    'claude-3-opus': LLMConfig(tokenizer_hub='Quivr/claude-tokenizer'),\n"
                "    'other': LLMConfig(embedder='acme-lab/embed-small-v2'),\n"
                "}\n"
            ),
        }
    )
    inv = scan(root)
    found = models(inv)
    assert found["quivr/gpt-4o"] == {"core/config.py:9"}
    assert "core/config.py:11" in found["quivr/claude-tokenizer"]
    assert model_kinds(inv)["quivr/claude-tokenizer"] == "hub"
    assert "acme-lab/embed-small-v2" in found


def test_record_fields_that_are_no_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/config.py": (
                "from dataclasses import dataclass\n"
                "@dataclass\n"
                "class Limits:\n"
                "    tokenizer_hub: str = ''\n"
                "    dataset_name: str = ''\n"
                "class Runner:\n"
                "    model_name: str = ''\n"
                "    def __init__(self, path):\n"
                "        self.path = path\n"
                "A = Limits(tokenizer_hub='cl100k_base', dataset_name='tatsu-lab/alpaca')\n"
                "B = Limits(output_model='acme-lab/finetuned-v2')\n"  # not a field of the record
                "C = Runner('acme-lab/weights-v3')\n"  # its own __init__ that forwards nothing
            ),
            "tests/test_config.py": (  # a test's records are its fixtures
                "from app.config import Limits\n"
                "def test_limits():\n"
                "    for name in ['gpt-4', 'gpt-3.5-turbo']:\n"
                "        assert Limits(tokenizer_hub='acme-lab/tok-test', model=name)\n"
            ),
        }
    )
    found = everything(scan(root))
    assert "cl100k_base" not in found  # an encoding name, not a hub repo
    assert "tatsu-lab/alpaca" not in found
    assert "acme-lab/finetuned-v2" not in found
    assert "acme-lab/weights-v3" not in found
    assert "acme-lab/tok-test" not in found


def test_default_model_property_picks_from_a_table(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "rag/config.py": (
                "from enum import Enum\n"
                "class Rerankers(str, Enum):\n"
                "    COHERE = 'cohere'\n"
                "    JINA = 'jina'\n"
                "    @property\n"
                "    def default_model(self) -> str:\n"
                "        return {\n"
                "            self.COHERE: 'rerank-v3.5',\n"
                "            self.JINA: 'jina-reranker-v2-base-multilingual',\n"
                "        }[self]\n"
                "    @property\n"
                "    def display(self) -> str:\n"
                "        return {self.COHERE: 'gpt-4.1-nano', self.JINA: 'Jina'}[self]\n"
                "def get_model(kind):\n"
                "    return {'fast': 'gpt-4o-mini', 'label': 'Fast model'}.get(kind)\n"
            ),
        }
    )
    found = hosted(scan(root))
    assert found["jina-reranker-v2-base-multilingual"] == {"jina"}
    assert found["rerank-v3.5"] == {"cohere"}
    assert found["gpt-4o-mini"] == {"openai"}
    # a table a function named for something else returns is no model choice
    assert "gpt-4.1-nano" not in found
    assert set(found) == {"jina-reranker-v2-base-multilingual", "rerank-v3.5", "gpt-4o-mini"}


_LLM_SCHEMA = (
    "from dataclasses import dataclass, field\n"
    "from typing import ClassVar\n"
    "@dataclass(frozen=True)\n"
    "class LLMConfigBase:\n"
    "    model_name: str\n"
    "    required_env_vars: list[str]\n"
    "    supports_vision: bool\n"
    "@dataclass(frozen=True)\n"
    "class LLMConfig(LLMConfigBase):\n"
    "    kind: ClassVar[str] = 'chat'\n"
    "    litellm_params: dict | None = field(default=None)\n"
    "    max_tokens: int | None = None\n"
    "class Params(dict):\n"
    "    pass\n"
)


def test_dataclass_record_model_given_positionally(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/schema.py": _LLM_SCHEMA,
            "app/settings.py": (
                "from pydantic_settings import BaseSettings\n"
                "class Settings(BaseSettings):\n"
                "    INCEPTION_API_BASE: str = 'https://api.inceptionlabs.ai/v1'\n"
                "    AZURE_O3_DEPLOYMENT: str = 'o3-mini'\n"
                "settings = Settings()\n"
            ),
            "app/registry.py": (
                "from app.schema import LLMConfig, Params\n"
                "from app.settings import settings\n"
                "class Registry:\n"
                "    _configs = {}\n"
                "    @classmethod\n"
                "    def register_config(cls, key, config):\n"
                "        cls._configs[key] = config\n"
                "Registry.register_config('OPENAI_GPT5', LLMConfig('gpt-5-2025-08-07', ['OPENAI_API_KEY'], True))\n"
                "Registry.register_config(\n"
                "    'CLAUDE',\n"
                "    LLMConfig('anthropic/claude-sonnet-4-5-20250929', ['ANTHROPIC_API_KEY'], True),\n"
                ")\n"
                "Registry.register_config(\n"
                "    'NOVITA_R1',\n"
                "    LLMConfig(\n"
                "        'openai/deepseek/deepseek-r1',\n"
                "        ['NOVITA_API_KEY'],\n"
                "        False,\n"
                "        litellm_params=Params(api_base='https://api.novita.ai/v3/openai'),\n"
                "    ),\n"
                ")\n"
                "Registry.register_config(\n"
                "    'MERCURY',\n"
                "    LLMConfig(\n"
                "        'openai/mercury-2',\n"
                "        [],\n"
                "        False,\n"
                "        litellm_params={'api_base': settings.INCEPTION_API_BASE},\n"
                "    ),\n"
                ")\n"
                "Registry.register_config('AZ', LLMConfig(f'azure/{settings.AZURE_O3_DEPLOYMENT}', [], True))\n"
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["gpt-5-2025-08-07"] == {"openai"}
    assert "app/registry.py:8" in service_places(inv, "openai")
    assert names["claude-sonnet-4-5-20250929"] == {"anthropic"}
    assert names["deepseek/deepseek-r1"] == {"novita"}  # the record's api_base names the provider
    assert names["mercury-2"] == {"inception"}
    assert names["o3-mini"] == {"azure-openai"}


def test_positional_record_arguments_that_are_no_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/schema.py": _LLM_SCHEMA,
            "app/records.py": (
                "from dataclasses import dataclass, field\n"
                "from typing import NamedTuple\n"
                "from app.external import Base\n"
                "@dataclass(kw_only=True)\n"
                "class KwOnly:\n"
                "    title: str\n"
                "    model_name: str = ''\n"
                "@dataclass\n"
                "class Hidden:\n"
                "    model_name: str = field(init=False, default='')\n"
                "    title: str = ''\n"
                "@dataclass\n"
                "class Inherits(Base):\n"  # the imported base may declare fields first
                "    model_name: str = ''\n"
                "class Plain:\n"  # no generated __init__: positional order unknown
                "    model_name: str = ''\n"
                "class Row(NamedTuple):\n"
                "    label: str\n"
                "    model_name: str\n"
                "A = KwOnly('gpt-4o-mini')\n"
                "B = Hidden('gpt-4o-mini')\n"
                "C = Inherits('gpt-4o-mini')\n"
                "D = Plain('gpt-4o-mini')\n"
                "E = Row('gpt-4o-mini', 'o4-mini')\n"
            ),
            "app/external.py": "class Base:\n    pass\n",
            "app/use.py": (
                "from app.schema import LLMConfig\n"
                # the model field resolves to no model: the api_base alone reports nothing
                "X = LLMConfig(USER_MODEL, [], False, litellm_params={'api_base': 'http://localhost:1/v1'})\n"
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert "gpt-4o-mini" not in everything(inv)
    assert names["o4-mini"] == {"openai"}  # a NamedTuple's second field is model_name
