"""Rule 2 of the recall issue: model-ish settings bound to a value the classifier recognises.

A setting whose name says "model" and whose value is a model is a model at the binding's
line, even when it reaches no call aibom knows in the same file. A model-ish name with an
unrecognised value stays out (a diagnostic at most); so does a recognised value under a
name that is not model-ish.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_getenv_default_of_a_model_setting(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "rag/settings.py": (
                "import os\n"
                "\n"
                'DEFAULT_GENERATION_MODEL = os.getenv("GENERATION_MODEL", "qwen2.5:7b")\n'
                'RERANK_MODEL = os.environ.get("RERANK_MODEL", "BAAI/bge-reranker-v2-m3")\n'
            )
        }
    )
    found = models(scan(root))
    assert "rag/settings.py:3" in found["qwen2.5:7b"]
    assert "rag/settings.py:4" in found["baai/bge-reranker-v2-m3"]


def test_config_dict_entry(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "svc/config.py": (
                "import os\n"
                "\n"
                "CONFIG = {\n"
                '    "generation_model": os.getenv("WX_GENERATION_MODEL", "ibm-granite/granite-3.3-8b-instruct"),\n'
                '    "temperature": 0.2,\n'
                "}\n"
            )
        }
    )
    assert "svc/config.py:4" in models(scan(root))["ibm-granite/granite-3.3-8b-instruct"]


def test_provider_prefixed_config_entry(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "agent/defaults.py": (
                "DEFAULTS = {\n"
                '    "FAST_LLM": "openai:gpt-4o-mini",\n'
                '    "EMBEDDING": "openai:text-embedding-3-small",\n'
                '    "RETRIEVER": "tavily",\n'
                "}\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["gpt-4o-mini"] == {"openai"}
    assert names["text-embedding-3-small"] == {"openai"}
    assert {"agent/defaults.py:2", "agent/defaults.py:3"} <= service_places(inv, "openai")


def test_pydantic_and_dataclass_fields(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "core/settings.py": (
                "from dataclasses import dataclass, field\n"
                "from pydantic_settings import BaseSettings\n"
                "\n"
                "class Settings(BaseSettings):\n"
                '    embed_model: str = "BAAI/bge-m3"\n'
                "    chunk_size: int = 512\n"
                "\n"
                "@dataclass\n"
                "class Options:\n"
                '    reranker_model: str = field(default="BAAI/bge-reranker-base")\n'
            ),
            "core/use.py": (
                "from FlagEmbedding import BGEM3FlagModel\n"
                "from core.settings import Settings\n"
                "\n"
                "settings = Settings()\n"
                "encoder = BGEM3FlagModel(settings.embed_model)\n"
            ),
        }
    )
    found = models(scan(root))
    assert "core/settings.py:5" in found["baai/bge-m3"]
    assert "core/settings.py:10" in found["baai/bge-reranker-base"]


def test_self_attribute_fallback_in_init(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "llm/qwen.py": (
                "class BaseChat:\n"
                "    def __init__(self, cfg):\n"
                '        self.model = cfg.get("model")\n'
                "\n"
                "class QwenChat(BaseChat):\n"
                "    def __init__(self, cfg):\n"
                "        super().__init__(cfg)\n"
                '        self.model = self.model or "qwen-max"\n'
            )
        }
    )
    inv = scan(root)
    assert hosted(inv)["qwen-max"] == {"alibaba-dashscope"}
    assert "llm/qwen.py:8" in service_places(inv, "alibaba-dashscope")


def test_attribute_assignments_in_a_provider_chain(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "cfg/config.py": (
                "class Config:\n"
                "    def set_embedding(self, provider):\n"
                '        if provider == "openai":\n'
                '            self.embedding_model = "text-embedding-3-large"\n'
                '        elif provider == "huggingface":\n'
                '            self.embedding_model = "sentence-transformers/all-MiniLM-L6-v2"\n'
                '        elif provider == "google":\n'
                '            self.embedding_model = "text-embedding-004"\n'
            )
        }
    )
    inv = scan(root)
    assert hosted(inv)["text-embedding-3-large"] == {"openai"}
    assert hosted(inv)["text-embedding-004"] == {"google"}
    assert "cfg/config.py:6" in models(inv)["sentence-transformers/all-minilm-l6-v2"]


def test_django_field_defaults_and_orm_create(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "db/models.py": (
                "from django.db import models\n"
                "\n"
                "class SpeechConfig(models.Model):\n"
                '    model_name = models.CharField(max_length=200, default="whisper-1")\n'
                "\n"
                "class SearchConfig(models.Model):\n"
                '    bi_encoder = models.CharField(max_length=200, default="thenlper/gte-small")\n'
            ),
            "db/init.py": (
                "from db.models import SpeechConfig\n"
                "\n"
                "def setup(base_url=None):\n"
                '    default_image_model = "dall-e-3" if base_url is None else None\n'
                "    SpeechConfig.objects.create(model_name=default_image_model)\n"
            ),
        }
    )
    inv = scan(root)
    assert hosted(inv)["whisper-1"] == {"openai"}
    assert hosted(inv)["dall-e-3"] == {"openai"}
    assert "db/models.py:7" in models(inv)["thenlper/gte-small"]


def test_nested_config_dict_with_model_ish_key(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/constants.py": (
                "DEFAULT_CONFIG = {\n"
                '    "search-type": {\n'
                '        "image": {"encoder": "sentence-transformers/clip-ViT-B-32", "batch": 8},\n'
                "    },\n"
                "}\n"
            )
        }
    )
    found = models(scan(root))
    assert "app/constants.py:3" in found["sentence-transformers/clip-vit-b-32"]


def test_argparse_model_path_default_to_a_project_worker(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "serve/worker.py": (
                "import argparse\n"
                "from serve.engine import Engine\n"
                "\n"
                "parser = argparse.ArgumentParser()\n"
                'parser.add_argument("--model-path", type=str, default="microsoft/phi-2")\n'
                "args = parser.parse_args()\n"
                "engine = Engine(args.model_path)\n"
            )
        }
    )
    assert "serve/worker.py:5" in models(scan(root))["microsoft/phi-2"]


def test_unrecognised_values_and_non_model_names_stay_out(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/settings.py": (
                "import os\n"
                "\n"
                'MODEL_NAME = os.getenv("MODEL_NAME", "house-special")\n'
                'DATASET_NAME = "tatsu-lab/alpaca"\n'
                'OUTPUT_MODEL_DIR = "acme/fine-tuned-out"\n'
                'GREETING = "hello world"\n'
                'AUTHOR = "openai"\n'
            )
        }
    )
    found = everything(scan(root))
    for decoy in ("house-special", "tatsu-lab/alpaca", "acme/fine-tuned-out", "openai"):
        assert decoy not in found


def test_javascript_settings_fallbacks_and_destructuring_defaults(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "server/providers/router.js": (
                "class RouterLLM {\n"
                "  constructor(modelPreference = null) {\n"
                '    this.model = modelPreference || process.env.ROUTER_MODEL_PREF || "openrouter/auto";\n'
                "  }\n"
                "}\n"
                "function embedder(config = {}) {\n"
                '  const { embeddingModel = "text-embedding-3-small" } = config;\n'
                "  return embeddingModel;\n"
                "}\n"
                'const summaryModel = process.env.SUMMARY_MODEL ?? "claude-3-5-haiku-latest";\n'
                "track({ model: 'gpt-4o', event: 'select' });\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["openrouter/auto"] == {"openrouter"}
    assert names["text-embedding-3-small"] == {"openai"}
    assert names["claude-3-5-haiku-latest"] == {"anthropic"}
    assert "gpt-4o" not in names  # a model-ish key inside a function call's argument is no setting


def test_a_setting_joins_the_providers_only_service(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/settings.py": 'FALLBACK_MODEL = "deepseek-chat"\n',
            "app/client.py": (
                "from openai import OpenAI\n"
                "\n"
                'client = OpenAI(base_url="https://api.deepseek.com/v1")\n'
                'reply = client.chat.completions.create(model="deepseek-reasoner", messages=[])\n'
            ),
        }
    )
    inv = scan(root)
    deepseek = [s for s in inv.services.values() if s.provider == "deepseek"]
    assert [(s.endpoint, sorted(s.models)) for s in deepseek] == [
        ("https://api.deepseek.com/v1", ["deepseek-chat", "deepseek-reasoner"])
    ]
    assert "app/settings.py:1" in {str(o) for o in deepseek[0].occurrences}


def test_dataset_kernel_and_version_settings_are_not_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "tools/gen.py": (
                "import argparse\n"
                "\n"
                "parser = argparse.ArgumentParser()\n"
                'parser.add_argument("--dataset_repo_id", default="someone/exam-questions")\n'
                'KERNELS = {"moe": {"repo_id": "kernels-org/fast-moe", "revision": "main"}}\n'
            ),
            "web/config.ts": 'export const modelVersion = "v0_2_83/base";\n',
        }
    )
    found = everything(scan(root))
    assert not {"someone/exam-questions", "kernels-org/fast-moe", "v0_2_83/base"} & found
