"""A model class's ``id`` field default is its model, at the vendor its folder, ``provider``
field, base URL or module name says (:mod:`aibom.scanners.python.model_classes`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_BASE = (
    "from dataclasses import dataclass\n"
    "@dataclass\n"
    "class Model:\n"
    "    id: str\n"
    "    name: str = None\n"
    "    provider: str = None\n"
)
_CHAT = (
    "from dataclasses import dataclass\n"
    "from lib.models.base import Model\n"
    "@dataclass\n"
    "class VendorChat(Model):\n"
    '    id: str = "gpt-4o"\n'
    '    provider: str = "OpenAI"\n'
    "    base_url: str = None\n"
)


def _tree(extra: dict[str, str | bytes]) -> dict[str, str | bytes]:
    return {
        "lib/models/base.py": _BASE,
        "lib/models/openai/__init__.py": "from lib.models.openai.chat import VendorChat\n",
        "lib/models/openai/chat.py": _CHAT,
        **extra,
    }


def test_vendor_folder_and_provider_field_name_the_vendor(make_tree: MakeTree) -> None:
    root = make_tree(
        _tree(
            {
                "lib/models/ollama/chat.py": (
                    "from dataclasses import dataclass\n"
                    "from lib.models.base import Model\n"
                    "@dataclass\n"
                    "class Ollama(Model):\n"
                    '    id: str = "llama3.1"\n'
                    '    name: str = "Ollama"\n'
                    '    provider: str = "Ollama"\n'
                ),
                # the base comes through the package's re-export, under another name
                "lib/models/aws/claude.py": (
                    "from dataclasses import dataclass\n"
                    "from lib.models.openai import VendorChat as Base\n"
                    "@dataclass\n"
                    "class Claude(Base):\n"
                    '    id: str = "global.anthropic.claude-sonnet-4-5-20250929-v1:0"\n'
                    '    name: str = "AwsBedrockAnthropicClaude"\n'
                    '    provider: str = "AwsBedrock"\n'
                ),
                "lib/models/vertexai/claude.py": (
                    "from dataclasses import dataclass\n"
                    "from lib.models.openai import VendorChat\n"
                    "@dataclass\n"
                    "class Claude(VendorChat):\n"
                    '    id: str = "claude-sonnet-4@20250514"\n'
                    '    provider: str = "VertexAI"\n'
                ),
                "lib/models/fireworks/fireworks.py": (
                    "from dataclasses import dataclass\n"
                    "from lib.models.openai import VendorChat\n"
                    "@dataclass\n"
                    "class Fireworks(VendorChat):\n"
                    '    id: str = "accounts/fireworks/models/gpt-oss-120b"\n'
                    '    provider: str = "Fireworks"\n'
                    '    base_url: str = "https://api.fireworks.ai/inference/v1"\n'
                ),
                "lib/models/perplexity/perplexity.py": (
                    "from dataclasses import dataclass\n"
                    "from lib.models.openai import VendorChat\n"
                    "@dataclass\n"
                    "class Perplexity(VendorChat):\n"
                    '    id: str = "sonar"\n'
                    '    base_url: str = "https://api.perplexity.ai/"\n'
                ),
            }
        )
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["gpt-4o"] == {"openai"}
    assert found["global.anthropic.claude-sonnet-4-5-20250929-v1:0"] == {"aws-bedrock"}
    assert found["claude-sonnet-4@20250514"] == {"google"}
    assert found["accounts/fireworks/models/gpt-oss-120b"] == {"fireworks"}
    assert found["sonar"] == {"perplexity"}
    assert model_kinds(inv)["llama3.1"] == "ollama"
    assert "lib/models/ollama/chat.py:5" in models(inv)["llama3.1"]
    # a class's display name and its provider's name are no models
    names = everything(inv)
    assert "awsbedrockanthropicclaude" not in names
    assert "ollama" not in names


def test_unknown_vendor_at_its_base_url(make_tree: MakeTree) -> None:
    root = make_tree(
        _tree(
            {
                "lib/models/acme/acme.py": (
                    "from dataclasses import dataclass\n"
                    "from lib.models.openai.chat import VendorChat\n"
                    "@dataclass\n"
                    "class Acme(VendorChat):\n"
                    '    id: str = "acme-large-2"\n'
                    '    provider: str = "Acme"\n'
                    '    base_url: str = "https://api.acme-llm.example/v1"\n'
                ),
            }
        )
    )
    inv = scan(root)
    assert hosted(inv)["acme-large-2"] == {"unknown"}
    assert ("unknown", "https://api.acme-llm.example/v1") in endpoints(inv)


def test_embedders_and_rerankers_by_base_url_module_name_or_hub_id(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "lib/embedder/base.py": "class Embedder:\n    dimensions: int = 1536\n",
            "lib/embedder/openai.py": (
                "from lib.embedder.base import Embedder\n"
                "class OpenAIEmbedder(Embedder):\n"
                '    id: str = "text-embedding-3-small"\n'
                "    base_url: str = None\n"
            ),
            "lib/embedder/together.py": (
                "from lib.embedder.openai import OpenAIEmbedder\n"
                "class TogetherEmbedder(OpenAIEmbedder):\n"
                '    id: str = "togethercomputer/m2-bert-80M-32k-retrieval"\n'
                '    base_url: str = "https://api.together.xyz/v1"\n'
            ),
            "lib/embedder/ollama.py": (
                "from lib.embedder.base import Embedder\n"
                "class OllamaEmbedder(Embedder):\n"
                '    id: str = "openhermes"\n'
                "    host: str = None\n"
            ),
            "lib/reranker/base.py": "class Reranker:\n    top_n: int = 5\n",
            "lib/reranker/aws_bedrock.py": (
                "from pydantic import Field\n"
                "from lib.reranker.base import Reranker\n"
                'AMAZON_RERANK_V1 = "amazon.rerank-v1:0"\n'
                "class AwsBedrockReranker(Reranker):\n"
                "    model: str = Field(default=AMAZON_RERANK_V1)\n"
            ),
            "lib/embedder/fastembed.py": (
                "from lib.embedder.base import Embedder\n"
                "class FastEmbedEmbedder(Embedder):\n"
                '    id: str = "BAAI/bge-small-en-v1.5"\n'
            ),
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["text-embedding-3-small"] == {"openai"}
    assert found["togethercomputer/m2-bert-80m-32k-retrieval"] == {"together"}
    assert found["amazon.rerank-v1:0"] == {"aws-bedrock"}  # the module constant's default
    kinds = model_kinds(inv)
    assert kinds["openhermes"] == "ollama"
    assert kinds["baai/bge-small-en-v1.5"] == "hub"


def test_constructor_id_and_vendor_owns_its_default(make_tree: MakeTree) -> None:
    root = make_tree(
        _tree(
            {
                "lib/eval/accuracy.py": (
                    "def judge(model=None):\n"
                    "    if model is None:\n"
                    "        from lib.models.openai import VendorChat\n"
                    '        model = VendorChat(id="o4-mini")\n'
                    "    return model\n"
                ),
                "lib/models/cerebras/cerebras.py": (
                    "from dataclasses import dataclass\n"
                    "from cerebras.cloud.sdk import Cerebras as Client\n"
                    "from lib.models.base import Model\n"
                    "@dataclass\n"
                    "class Cerebras(Model):\n"
                    '    id: str = "gpt-oss-120b"\n'
                    '    provider: str = "Cerebras"\n'
                    "    def invoke(self, messages):\n"
                    "        return Client().chat.completions.create(model=self.id, messages=messages)\n"
                ),
            }
        )
    )
    found = hosted(scan(root))
    assert found["o4-mini"] == {"openai"}
    assert found["gpt-oss-120b"] == {"cerebras"}


def test_decoys_records_placeholders_and_library_bases(make_tree: MakeTree) -> None:
    root = make_tree(
        _tree(
            {
                # pydantic's BaseModel and a library's class are no model hierarchy
                "lib/records.py": (
                    "from pydantic import BaseModel\n"
                    "from somelib import ChatModel\n"
                    "class Item(BaseModel):\n"
                    '    id: str = "widget-large-2"\n'
                    "class Job(ChatModel):\n"
                    '    id: str = "runner-v2"\n'
                ),
                # a project class not named as a model
                "lib/tools/base.py": "class Toolkit:\n    name: str = 'toolkit'\n",
                "lib/tools/search.py": (
                    "from lib.tools.base import Toolkit\n"
                    "class SearchTools(Toolkit):\n"
                    '    id: str = "search-v2"\n'
                ),
                "lib/models/openai/like.py": (
                    "from dataclasses import dataclass\n"
                    "from lib.models.openai.chat import VendorChat\n"
                    "@dataclass\n"
                    "class Like(VendorChat):\n"
                    '    id: str = "not-provided"\n'
                    '    name: str = "OpenAILike"\n'
                    '    provider: str = "OpenAI"\n'
                ),
                # a role map is no model setting
                "lib/models/google/gemini.py": (
                    "from dataclasses import dataclass\n"
                    "from lib.models.base import Model\n"
                    "@dataclass\n"
                    "class Gemini(Model):\n"
                    '    id: str = "gemini-2.5-flash"\n'
                    '    role_map = {"model": "assistant"}\n'
                ),
                "tests/test_models.py": (
                    "from lib.models.openai import VendorChat\n"
                    "class FakeChat(VendorChat):\n"
                    '    id: str = "fake-model-1"\n'
                ),
            }
        )
    )
    names = everything(scan(root))
    for decoy in (
        "widget-large-2",
        "runner-v2",
        "search-v2",
        "not-provided",
        "openailike",
        "assistant",
        "fake-model-1",
    ):
        assert decoy not in names, decoy
    assert "gemini-2.5-flash" in names
