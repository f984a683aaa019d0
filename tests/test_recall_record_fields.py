"""Model fields set where a project's record class is built, and a default-model property's
table of choices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, model_kinds, models, scan

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
