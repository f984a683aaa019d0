"""Library defaults (issue 11, round Q): models a library picks when the caller names none.

* a parameter or config key defaulted to a hub id in the body (``path = path if path else
  "org/name"``, ``{"path": path if path else ...}``, ``config["path"] = "org/name"``);
* a typed config getter's default and options (``self._get_str("model", "gpt-4")``,
  ``self._get_enum("embedding_model", candidates, ...)``) and endpoint;
* a config class of a model's asset paths (``vocos_ckpt_path: str = "asset/Vocos.safetensors"``);
* a settings store's model key set (``settings.set("config.model", name)``);
* providers a LiteLLM program hands credentials to (``litellm.cohere_key = ...``) and
  LangChain's Azure Machine Learning endpoint clients.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, model_kinds, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]

PIPELINES = """\
from .hfmodel import HFModel
from .factory import PoolingFactory


class Summary(HFModel):
    def __init__(self, path=None, quantize=False):
        # Default model
        path = path if path else "sshleifer/distilbart-cnn-12-6"
        super().__init__(path, quantize)


class Questions(HFModel):
    def __init__(self, path=None):
        path = path or "distilbert-base-cased-distilled-squad"
        super().__init__(path)


class Translation(HFModel):
    DEFAULT_LANG_DETECT = "neuml/language-id-quantized"

    def __init__(self, path=None, langdetect=None):
        super().__init__(path if path else "facebook/m2m100_418M")
        self.langdetect = langdetect

    def detect(self):
        path = self.langdetect if self.langdetect else Translation.DEFAULT_LANG_DETECT
        return self.build(path)


class LateEncoder:
    def __init__(self, path=None, **kwargs):
        self.model = PoolingFactory.create({"path": path if path else "colbert-ir/colbertv2.0"})


class Embeddings:
    def defaults(self):
        self.config["path"] = "sentence-transformers/all-MiniLM-L6-v2"

    def sparse(self, sparse):
        sparse["path"] = sparse.get("path", "opensearch-project/opensearch-neural-sparse-encoding-doc-v2-mini")
"""

NOT_MODELS = """\
def load(path=None, repo=None, name=None, output=None):
    path = path if path else "data/train.csv"
    repo = repo or "acme/widget-service"
    name = name if name else "acme/widget"
    output = output or "runs/latest"
    files = {"path": path if path else "docs/index.md"}
    return path, repo, name, output, files
"""


def test_a_library_default_hub_id_is_a_model(make_tree: MakeTree) -> None:
    found = models(scan(make_tree({"lib/pipeline.py": PIPELINES})))
    assert "lib/pipeline.py:8" in found["sshleifer/distilbart-cnn-12-6"]
    assert "distilbert-base-cased-distilled-squad" in found  # a legacy bare hub id
    assert "lib/pipeline.py:22" in found["facebook/m2m100_418M".lower()]
    assert "neuml/language-id-quantized" in found  # the named fallback, folded
    assert "colbert-ir/colbertv2.0" in found
    assert "sentence-transformers/all-minilm-l6-v2" in found
    assert "opensearch-project/opensearch-neural-sparse-encoding-doc-v2-mini" in found


def test_defaults_of_other_parameters_are_no_models(make_tree: MakeTree) -> None:
    names = everything(scan(make_tree({"lib/io.py": NOT_MODELS})))
    assert not names & {"data/train.csv", "acme/widget-service", "acme/widget", "runs/latest"}
    assert not any(n.startswith("docs/") for n in names)


SERVICES = """\
import os

from sentence_transformers import SentenceTransformer


class OpenAIServiceConfig(LLMServiceConfig):
    def _configure(self) -> None:
        shared_model = self.llm_module_config.model
        self.model = self._get_str(
            "model",
            shared_model if shared_model is not None else "gpt-4",
        )


class AnthropicServiceConfig(LLMServiceConfig):
    def _configure(self) -> None:
        self.model = self._get_str("model", "claude-3-opus-20240229")
        self.style = self._get_str("style", "deepseek-chat")


class OllamaServiceConfig(LLMServiceConfig):
    def _configure(self) -> None:
        shared = self.llm_module_config.api_base
        self.api_base = self._get_str(
            "api_base",
            shared if shared is not None else "http://localhost:11434",
        )


class SentenceTransformerServiceConfig(LLMServiceConfig):
    def _configure(self) -> None:
        self.embedding_model_candidates = [
            "all-mpnet-base-v2",
            "multi-qa-mpnet-base-dot-v1",
        ]
        shared = self.llm_module_config.embedding_model
        self.embedding_model = self._get_enum(
            "embedding_model",
            self.embedding_model_candidates,
            shared if shared is not None else self.embedding_model_candidates[0],
        )
        self.language = self._get_enum("language", ["en-core", "fr-core"], "en-core")


class SentenceTransformerService:
    def __init__(self, config):
        self.model = SentenceTransformer(config.embedding_model)
"""


def test_typed_config_getters_give_defaults_options_and_endpoints(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"app/llm.py": SERVICES}))
    names = hosted(inv)
    assert names["gpt-4"] == {"openai"}
    assert names["claude-3-opus-20240229"] == {"anthropic"}
    assert "deepseek-chat" not in names  # a "style" setting is no model
    found = models(inv)
    assert "app/llm.py:33" in found["sentence-transformers/all-mpnet-base-v2"]
    assert "sentence-transformers/multi-qa-mpnet-base-dot-v1" in found
    assert not {n for n in everything(inv) if "core" in n}  # a language enum's options
    assert ("ollama", "http://localhost:11434") in endpoints(inv)


ASSETS = """\
from dataclasses import dataclass


@dataclass
class Path:
    vocos_ckpt_path: str = "asset/Vocos.safetensors"
    gpt_ckpt_path: str = "asset/gpt"
    tokenizer_path: str = "asset/tokenizer"
    embed_path: str = "asset/Embed.safetensors"
    log_path: str = "logs/run.log"
    data_path: str = "asset/speakers.csv"


@dataclass
class Folders:
    tokenizer_path: str = "asset/tokenizer2"
    cache_dir: str = "cache/models"
"""


def test_a_config_class_of_model_asset_paths(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"pkg/config.py": ASSETS}))
    found = models(inv)
    kinds = model_kinds(inv)
    for name in (
        "asset/vocos.safetensors",
        "asset/gpt",
        "asset/tokenizer",
        "asset/embed.safetensors",
    ):
        assert kinds.get(name) == "local", name
    assert "pkg/config.py:6" in found["asset/vocos.safetensors"]
    # not model parts, and a class naming no weight file is no asset table
    assert not {"logs/run.log", "asset/speakers.csv", "asset/tokenizer2", "cache/models"} & set(
        found
    )


STORE = """\
from dynaconf import Dynaconf

settings = Dynaconf()


def use_claude():
    model_claude = "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0"
    settings.set("config.model", model_claude)
    settings.set("config.theme", "deepseek-chat")
"""


def test_a_settings_store_model_key_set(make_tree: MakeTree) -> None:
    names = hosted(scan(make_tree({"app/utils.py": STORE})))
    assert names["anthropic.claude-3-5-sonnet-20240620-v1:0"] == {"aws-bedrock"}
    assert "deepseek-chat" not in names


HANDLER = """\
import os

import litellm


class Handler:
    def __init__(self, settings):
        litellm.drop_params = True
        litellm.api_key = DUMMY_KEY
        if settings.get("COHERE.KEY"):
            litellm.cohere_key = settings.cohere.key
        if settings.get("GROQ.KEY"):
            litellm.api_key = settings.groq.key
        if settings.get("VERTEXAI.VERTEX_PROJECT"):
            litellm.vertex_project = settings.vertexai.vertex_project
        if settings.get("DEEPSEEK.KEY"):
            os.environ["DEEPSEEK_API_KEY"] = settings.get("DEEPSEEK.KEY")
        os.environ["HTTP_PROXY"] = settings.proxy
"""

NOT_LITELLM = """\
import os


def setup(settings):
    os.environ["DEEPSEEK_API_KEY"] = settings.get("DEEPSEEK.KEY")
"""


def test_providers_a_litellm_program_is_set_up_for(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"app/handler.py": HANDLER, "tools/env.py": NOT_LITELLM}))
    assert "app/handler.py:11" in service_places(inv, "cohere")
    assert "app/handler.py:13" in service_places(inv, "groq")
    assert "app/handler.py:15" in service_places(inv, "google")
    assert service_places(inv, "deepseek") == {"app/handler.py:17"}  # not tools/env.py
    providers = {p for p, _ in endpoints(inv)}
    assert providers <= {"cohere", "groq", "google", "deepseek"}


def test_azure_machine_learning_endpoint_clients(make_tree: MakeTree) -> None:
    src = (
        "from langchain_community.chat_models.azureml_endpoint import AzureMLChatOnlineEndpoint\n"
        "\n"
        "def build(config):\n"
        "    return AzureMLChatOnlineEndpoint(endpoint_url=config.api_base, endpoint_api_key=config.key)\n"
    )
    inv = scan(make_tree({"eval/evaluator.py": src}))
    assert "eval/evaluator.py:4" in service_places(inv, "azure-ml")


def test_a_path_default_must_read_as_a_model(make_tree: MakeTree) -> None:
    src = (
        "def route(path=None, cfg=None):\n"
        '    path = path if path else "api/v1"\n'
        '    cfg["path"] = "assets/images"\n'
        '    base = cfg.get("path", "user/profile")\n'
        '    return {"path": path or "static-site/home"}, base\n'
    )
    names = everything(scan(make_tree({"web/routes.py": src})))
    assert not names & {"api/v1", "assets/images", "user/profile", "static-site/home"}
