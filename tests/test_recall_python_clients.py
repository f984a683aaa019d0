"""Recall round 5, Python clients: SDK modules re-exported by the project, client methods
that take the model first, and providers known only by their host or naming pattern.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, model_kinds, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_litellm_reexported_by_the_project_under_its_own_name(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/llm.py": "import importlib\nlitellm = importlib.import_module('litellm')\n",
            "app/voice.py": (
                "from app.llm import litellm\n"
                "\n"
                "def transcribe(fh):\n"
                '    return litellm.transcription(model="whisper-1", file=fh)\n'
            ),
        }
    )
    assert hosted(scan(root))["whisper-1"] == {"openai"}


def test_a_project_helper_with_a_litellm_like_function_is_not_litellm(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/voice.py": (
                "from app import speech\n"
                "from app.helpers import litellm_tools\n"
                "\n"
                "def transcribe(fh):\n"
                '    speech.transcription(model="house-voice", file=fh)\n'
                '    return litellm_tools.completion(model="house-router")\n'
            ),
        }
    )
    found = everything(scan(root))
    assert "house-voice" not in found
    assert "house-router" not in found


def test_replicate_client_run_names_the_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "tools/image.py": (
                "import replicate\n"
                "\n"
                "def draw(key, prompt):\n"
                "    client = replicate.Client(key)\n"
                "    return client.run(\n"
                '        "stability-ai/stable-diffusion"\n'
                '        ":db21e45d3f7023abc2a46ee38a23973f6dce16bb082a930b0c49861f96d1e5bf",\n'
                '        input={"prompt": prompt},\n'
                "    )\n"
            ),
        }
    )
    inv = scan(root)
    ref = "stability-ai/stable-diffusion:db21e45d3f7023abc2a46ee38a23973f6dce16bb082a930b0c49861f96d1e5bf"
    assert hosted(inv)[ref] == {"replicate"}


def test_run_on_another_client_is_not_a_replicate_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "tools/jobs.py": (
                "from app.jobs import JobClient\n"
                "\n"
                "def go():\n"
                "    client = JobClient()\n"
                '    return client.run("acme/nightly-build:42")\n'
            ),
        }
    )
    assert "acme/nightly-build:42" not in everything(scan(root))


def test_providers_known_by_host_and_naming_pattern(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/llms/sarvam.py": (
                "import os\n"
                "\n"
                "class SarvamLLM:\n"
                "    def __init__(self, config):\n"
                "        self.config = config\n"
                "        if not self.config.model:\n"
                '            self.config.model = "sarvam-m"\n'
                '        self.base_url = os.getenv("SARVAM_API_BASE") or "https://api.sarvam.ai/v1"\n'
            ),
            "app/rerank/zero.py": (
                "from zeroentropy import ZeroEntropy\n"
                "\n"
                "class Reranker:\n"
                "    def __init__(self, config):\n"
                '        self.model = config.model or "zerank-1"\n'
                "        self.client = ZeroEntropy(api_key=config.api_key)\n"
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["sarvam-m"] == {"sarvam"}
    assert names["zerank-1"] == {"zeroentropy"}
    assert {p for p, _ in endpoints(inv)} >= {"sarvam", "zeroentropy"}


def test_provider_pattern_names_in_prose_are_not_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/notes.py": (
                'GREETING = "sarvam-m was a fine evening"\n'
                "def log(msg):\n"
                '    print("zerank-1 is the first rank", msg)\n'
            ),
        }
    )
    found = everything(scan(root))
    assert "sarvam-m" not in found
    assert "zerank-1" not in found


def test_library_default_and_short_model_names(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/keywords.py": (
                "from keybert import KeyBERT\n"
                "\n"
                "class Keywords:\n"
                "    def __init__(self):\n"
                "        self.kw_model = KeyBERT()\n"
            ),
            "app/stt.py": (
                "class FasterWhisperSTT:\n"
                '    def __init__(self, model_size: str = "base"):\n'
                "        self.model_size = model_size\n"
                "\n"
                "    def load(self):\n"
                "        from faster_whisper import WhisperModel\n"
                "\n"
                '        return WhisperModel(self.model_size, device="auto")\n'
            ),
        }
    )
    inv = scan(root)
    found = models(inv)
    kinds = model_kinds(inv)
    assert "app/keywords.py:5" in found["sentence-transformers/all-minilm-l6-v2"]
    assert kinds["sentence-transformers/all-minilm-l6-v2"] == "hub"
    assert "app/stt.py:8" in found["systran/faster-whisper-base"]


def test_short_names_and_defaults_belong_to_their_library_only(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/keywords.py": (
                "from app.extract import KeyBERT\n"
                "from transformers import WhisperModel, WhisperConfig\n"
                "\n"
                "kw = KeyBERT()\n"
                "kw2 = KeyBERT(**settings)\n"
                'net = WhisperModel(WhisperConfig(model_type="base"))\n'
            ),
            "app/local_stt.py": (
                "from faster_whisper import WhisperModel\n"
                "\n"
                'model = WhisperModel("/srv/models/whisper-ct2")\n'
            ),
        }
    )
    found = everything(scan(root))
    assert "sentence-transformers/all-minilm-l6-v2" not in found
    assert not any("faster-whisper" in name for name in found)


SPARK = (
    "def gen_params(appid, inputs, llm_kwargs, file_manifest):\n"
    "    domains = {\n"
    '        "spark": "general",\n'
    '        "sparkv3.5": "generalv3.5",\n'
    '        "sparkv4": "4.0Ultra",\n'
    "    }\n"
    "    domain = domains[llm_kwargs['llm_model']]\n"
    "    if file_manifest:\n"
    '        domain = "image"\n'
    "    data = {\n"
    '        "header": {"app_id": appid, "uid": "1234"},\n'
    '        "parameter": {"chat": {"domain": domain, "temperature": 0.5}},\n'
    '        "payload": {"message": {"text": inputs}},\n'
    "    }\n"
    "    return data\n"
)


def test_spark_request_body_names_its_models_in_the_domain_field(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"llms/spark.py": SPARK}))
    names = hosted(inv)
    for model in ("general", "generalv3.5", "4.0ultra", "image"):
        assert names[model] == {"iflytek-spark"}, model
    assert "llms/spark.py:5" in service_places(inv, "iflytek-spark")


def test_a_domain_field_outside_the_spark_request_format_is_not_a_model(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/site.py": (
                "def payload(kind):\n"
                '    domains = {"shop": "general", "blog": "image"}\n'
                "    return {\n"
                '        "header": {"user": "x"},\n'
                '        "parameter": {"chat": {"domain": domains[kind]}},\n'
                "    }\n"
                "\n"
                "def config(appid):\n"
                '    cfg = {"header": {"app_id": appid}, "parameter": {"site": {"domain": "general"}}}\n'
                "    return cfg\n"
            ),
        }
    )
    found = everything(scan(root))
    assert "general" not in found
    assert "image" not in found


def test_checkpoint_path_settings_naming_hub_checkpoints(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "router/controller.py": (
                "CONFIG = {\n"
                '    "bert": {"checkpoint_path": "routellm/bert_gpt4_augmented"},\n'
                '    "mf": {"checkpoint_path": "routellm/mf_gpt4_augmented"},\n'
                "}\n"
            ),
        }
    )
    found = models(scan(root))
    assert found["routellm/bert_gpt4_augmented"] == {"router/controller.py:2"}
    assert "routellm/mf_gpt4_augmented" in found


def test_checkpoint_paths_that_are_files_or_outputs_are_not_hub_models(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "train/config.py": (
                "CONFIG = {\n"
                '    "resume": {"save_checkpoint_path": "acme/run-save"},\n'
                '    "save": {"output_checkpoint_path": "acme/finetuned-run"},\n'
                '    "log": {"checkpoint_path_template": "ckpt/{step}"},\n'
                "}\n"
            ),
        }
    )
    found = everything(scan(root))
    assert "acme/run-save" not in found
    assert "acme/finetuned-run" not in found


def test_anyscale_route_in_a_model_setting(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "server.py": (
                "import argparse\n"
                "parser = argparse.ArgumentParser()\n"
                'parser.add_argument("--weak-model", default="anyscale/mistralai/Mixtral-8x7B-Instruct-v0.1")\n'
                "args = parser.parse_args()\n"
            ),
        }
    )
    inv = scan(root)
    assert hosted(inv)["mistralai/mixtral-8x7b-instruct-v0.1"] == {"anyscale"}


def test_backend_constants_pair_a_model_with_its_base_url(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/llm/house_provider.py": (
                'HOUSE_API_KEY = "sk-public"\n'
                'HOUSE_BASE_URL = "https://llm.house-ai.example/v1"\n'
                'HOUSE_MODEL = "house-chat"\n'
            ),
        }
    )
    inv = scan(root)
    assert "house-chat" in hosted(inv)
    assert ("unknown", "https://llm.house-ai.example/v1") in endpoints(inv)
    assert service_places(inv, "unknown") >= {"app/llm/house_provider.py:3"}


def test_settings_fields_pair_a_model_with_its_base_url(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/config.py": (
                "from pydantic_settings import BaseSettings\n"
                "class Settings(BaseSettings):\n"
                "    YUTORI_API_KEY: str | None = None\n"
                '    YUTORI_API_BASE: str = "https://api.yutori.com/v1"\n'
                '    YUTORI_MODEL: str = "n1.5-latest"\n'
                '    SEARCH_BASE_URL: str = "https://search.example.com"\n'
                "class Other(BaseSettings):\n"  # another class's field is another backend's
                '    SEARCH_MODEL: str = "search-ranker"\n'
            ),
        }
    )
    inv = scan(root)
    assert "n1.5-latest" in hosted(inv)
    assert ("unknown", "https://api.yutori.com/v1") in endpoints(inv)
    assert "app/config.py:5" in service_places(inv, "unknown")
    assert "search-ranker" not in everything(inv)


def test_constants_of_different_backends_or_placeholders_are_not_paired(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/settings.py": (
                'SEARCH_BASE_URL = "https://search.example.com"\n'
                'HOUSE_MODEL = "house-chat"\n'
                'DOCS_BASE_URL = "<your docs server>"\n'
                'DOCS_MODEL = "docs-writer"\n'
                'SHOP_ENDPOINT = "https://shop.example.com/api"\n'
                'SHOP_MODEL = "pick a model here"\n'
                "def configure():\n"
                '    LOCAL_BASE_URL = "https://local.example.com"\n'
                '    LOCAL_MODEL = "local-writer"\n'
                "    return LOCAL_BASE_URL, LOCAL_MODEL\n"
            ),
        }
    )
    found = everything(scan(root))
    for name in ("house-chat", "docs-writer", "pick a model here", "local-writer"):
        assert name not in found, name


def test_function_local_model_lookup_table_names_the_models_served(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "serve/api_provider.py": (
                "import os\n"
                "\n"
                "def nvidia_stream(model_name, messages, api_base):\n"
                "    model_2_api = {\n"
                '        "nemotron-4-340b": "/b0fcd392-e905-4ab4-8eb9-aeae95c30b37",\n'
                "    }\n"
                "    api_base += model_2_api[model_name]\n"
                '    return api_base, os.environ["NVIDIA_API_KEY"]\n'
            ),
        }
    )
    inv = scan(root)
    assert hosted(inv)["nemotron-4-340b"] == {"nvidia"}
    assert "serve/api_provider.py:5" in service_places(inv, "nvidia")


def test_function_local_price_tables_and_other_lookups_are_not_models(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "billing.py": (
                "def cost(model, key, tokens):\n"
                '    model_prices = {"nemotron-4-340b": 0.5}\n'
                '    model_aliases = {"nemotron-4-340b-reward": "/x"}\n'
                '    model_routes = {"house-a": "/a", "house-b": "/b"}\n'
                "    return model_prices[model] * tokens, model_aliases[key], model_routes[model]\n"
            ),
        }
    )
    found = everything(scan(root))
    for name in ("nemotron-4-340b", "nemotron-4-340b-reward", "house-a", "house-b"):
        assert name not in found, name


def test_wrapper_signature_pairs_a_default_model_with_its_base_url(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "rag/llm/asr.py": (
                "class TencentSeq2txt:\n"
                '    def __init__(self, key, model_name="16k_zh", base_url="https://asr.tencentcloudapi.com"):\n'
                "        self.model_name = model_name\n"
                "\n"
                "class FunASRSeq2txt:\n"
                '    def __init__(self, key, model_name="sensevoice", base_url=None, **kwargs):\n'
                "        if not base_url:\n"
                '            base_url = "http://localhost:8000/v1"\n'
                "        self.base_url = base_url\n"
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["16k_zh"] == {"tencent-hunyuan"}  # a host the knowledge layer knows
    assert names["sensevoice"] == {"self-hosted"}
    assert ("tencent-hunyuan", "https://asr.tencentcloudapi.com") in endpoints(inv)


def test_signatures_without_an_api_url_or_with_placeholder_models_name_nothing(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/wrappers.py": (
                "class A:\n"
                '    def __init__(self, model_name="house-writer", base_url=None):\n'
                "        self.base_url = base_url or load_url()\n"
                "\n"
                "class B:\n"
                '    def __init__(self, model_name="default", base_url="http://localhost:8000/v1"):\n'
                "        pass\n"
                "\n"
                "class C:\n"
                '    def __init__(self, model_name="house-reader", cache_dir="/tmp/cache"):\n'
                "        pass\n"
                "\n"
                'def d(model="pick one", endpoint="https://api.example.com"):\n'
                "    return model, endpoint\n"
            ),
        }
    )
    found = everything(scan(root))
    for name in ("house-writer", "default", "house-reader", "pick one"):
        assert name not in found, name


def test_another_providers_model_at_a_reseller_url_is_not_paired(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "rag/llm/asr.py": (
                "class GiteeSeq2txt:\n"
                '    def __init__(self, key, model_name="whisper-1", base_url="https://ai.gitee.com/v1/"):\n'
                "        self.model_name = model_name\n"
            ),
        }
    )
    assert "giteeai" not in hosted(scan(root)).get("whisper-1", set())


def test_azure_deployment_filled_into_an_endpoint_template(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "loaders/vlm.py": (
                "from decouple import config\n"
                "\n"
                "DEFAULT_VLM_ENDPOINT = (\n"
                '    "{0}openai/deployments/{1}/chat/completions?api-version={2}".format(\n'
                '        config("AZURE_OPENAI_ENDPOINT", default=""),\n'
                '        "gpt-4-vision",\n'
                '        config("OPENAI_API_VERSION", default=""),\n'
                "    )\n"
                ")\n"
            ),
        }
    )
    assert hosted(scan(root))["gpt-4-vision"] == {"azure-openai"}


def test_format_templates_that_are_not_deployment_endpoints_name_no_model(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/urls.py": (
                'REPORT_ENDPOINT = "{0}reports/{1}/summary".format(HOST, "weekly-digest")\n'
                'SEARCH_URL = "{}/openai/search/{}".format(HOST, "site-index")\n'
            ),
        }
    )
    found = everything(scan(root))
    assert "weekly-digest" not in found
    assert "site-index" not in found


def test_api_base_set_to_a_local_openai_compatible_server(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "setup_local.py": (
                "from interpreter import interpreter\n"
                "\n"
                "def lm_studio():\n"
                '    interpreter.llm.api_base = "http://localhost:1234/v1"\n'
                "\n"
                "def llamafile():\n"
                '    interpreter.llm.api_base = "http://localhost:8080/v1"\n'
            ),
        }
    )
    found = endpoints(scan(root))
    assert ("self-hosted", "http://localhost:1234/v1") in found
    assert ("self-hosted", "http://localhost:8080/v1") in found


def test_local_urls_that_are_not_api_roots_are_not_services(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "settings.py": (
                'frontend_url = "http://localhost:3000"\n'
                'api_base = "http://localhost:3000/api"\n'
                'callback_url = "http://localhost:8000/v1"\n'
                'base_url = "http://localhost:8000/v1/oauth/callback"\n'
            ),
        }
    )
    assert not any(p == "self-hosted" for p, _ in endpoints(scan(root)))


def test_endpoint_setting_read_from_the_environment_with_a_default(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "llm.py": (
                "import os\n"
                "\n"
                "class Llm:\n"
                "    def load(self):\n"
                '        api_base = getattr(self, "api_base", None) or os.getenv(\n'
                '            "OLLAMA_HOST", "http://localhost:11434"\n'
                "        )\n"
                "        return api_base\n"
            ),
        }
    )
    assert ("ollama", "http://localhost:11434") in endpoints(scan(root))


def test_environment_defaults_that_are_no_known_api_are_not_services(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app.py": (
                "import os\n"
                'search_url = os.getenv("SEARCH_URL", "https://search.example.com/q")\n'
                'frontend_url = os.environ.get("FRONTEND_URL") or "http://localhost:3000"\n'
                'webhook_endpoint = os.getenv("HOOK", default="not set")\n'
            ),
        }
    )
    assert endpoints(scan(root)) == set()


def test_a_wrappers_allow_list_for_its_model_names_the_backends_models(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/cloud.py": (
                "import os\n"
                "\n"
                "class ChatCloud:\n"
                '    def __init__(self, model="cl-2-0", api_key=None, base_url=None):\n'
                '        allowed = ["cl-latest", "cl-1-0", "cl-2-0", "cl-qa-1"]\n'
                "        if model not in allowed and '/' not in model:\n"
                '            raise ValueError(f"unknown model {model}")\n'
                "        self.model = model\n"
                '        self.base_url = base_url or os.getenv("CLOUD_URL", "https://llm.cloud.example")\n'
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    for name in ("cl-latest", "cl-1-0", "cl-2-0", "cl-qa-1"):
        assert names.get(name) == {"unknown"}, name
    assert "app/cloud.py:5" in service_places(inv, "unknown")


def test_capability_lists_and_lists_not_checked_against_the_model_name_nothing(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/cloud.py": (
                "import os\n"
                "\n"
                "class ChatCloud:\n"
                '    def __init__(self, model="cl-2-0", voice="v1", base_url=None):\n'
                '        vision_models = ["cl-vision-1", "cl-vision-2"]\n'
                '        voices = ["vx-1", "vx-2"]\n'
                "        if voice not in voices:\n"
                "            raise ValueError(voice)\n"
                "        self.vision = model in vision_models\n"
                '        self.base_url = base_url or "https://llm.cloud.example"\n'
                "\n"
                'def helper(model="house-1"):\n'
                '    known = ["house-2", "house-3"]\n'
                "    return model in known\n"
            ),
        }
    )
    found = everything(scan(root))
    assert "cl-2-0" in found
    assert not {"cl-vision-1", "cl-vision-2", "vx-1", "vx-2", "house-2", "house-3"} & found


def test_colbert_loads_its_checkpoint_from_the_hub(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/rerank.py": (
                "class ColBERTRerankerLocal:\n"
                '    def __init__(self, colbert_config=None, checkpoint: str = "bert-base-uncased"):\n'
                "        self.checkpoint = checkpoint\n"
                "        self.colbert_config = colbert_config\n"
                "\n"
                "    def forward(self, q):\n"
                "        from colbert.modeling.colbert import ColBERT\n"
                "\n"
                "        return ColBERT(self.checkpoint, self.colbert_config).query(q)\n"
            ),
        }
    )
    kinds = model_kinds(scan(root))
    assert kinds["bert-base-uncased"] == "hub"


def test_a_project_class_named_colbert_loads_no_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/model.py": (
                "class ColBERT:\n"
                "    def __init__(self, name):\n"
                "        self.name = name\n"
                "\n"
                'net = ColBERT("bert-base-cased")\n'
            ),
        }
    )
    assert "bert-base-cased" not in everything(scan(root))


def test_a_default_closed_model_is_not_every_providers_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/llm.py": (
                "from pydantic import BaseModel\n"
                "from langchain_anthropic import ChatAnthropic\n"
                "from langchain_mistralai import ChatMistralAI\n"
                "from langchain_openai import ChatOpenAI\n"
                "\n"
                "class EndpointConfig(BaseModel):\n"
                '    supplier: str = "openai"\n'
                '    model: str = "gpt-4o"\n'
                "\n"
                "def build(config: EndpointConfig = EndpointConfig()):\n"
                '    if config.supplier == "anthropic":\n'
                "        return ChatAnthropic(model_name=config.model)\n"
                '    if config.supplier == "mistral":\n'
                "        return ChatMistralAI(model_name=config.model)\n"
                "    return ChatOpenAI(model=config.model)\n"
            ),
        }
    )
    inv = scan(root)
    assert hosted(inv)["gpt-4o"] == {"openai"}
    providers = {p for p, _ in endpoints(inv)}
    assert {"anthropic", "mistral", "openai"} <= providers  # still services the code calls


def test_a_closed_model_at_a_reseller_or_written_at_the_call_stays(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/llm.py": (
                "from langchain_anthropic import ChatAnthropic\n"
                "from langchain_aws import ChatBedrock\n"
                "\n"
                'CLAUDE = "claude-3-5-haiku-20241022"\n'
                'odd = ChatAnthropic(model="gpt-4o-mini")\n'
                "claude = ChatAnthropic(model=CLAUDE)\n"
                "bedrock = ChatBedrock(model_id=CLAUDE)\n"
            ),
        }
    )
    found = hosted(scan(root))
    assert found["gpt-4o-mini"] == {"anthropic"}
    assert "anthropic" in found["claude-3-5-haiku-20241022"]


def test_langchain_jina_rerank_calls_jina(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/rerank.py": (
                "from langchain_community.document_compressors import JinaRerank\n"
                "\n"
                "def reranker(model, key):\n"
                "    return JinaRerank(model=model, top_n=5, jina_api_key=key)\n"
            ),
            "app/own.py": (
                "class JinaRerank:\n"
                "    def __init__(self, key, model_name):\n"
                "        self.key = key\n"
                "\n"
                "class GreenRerank(JinaRerank):\n"
                "    pass\n"
                "\n"
                'r = GreenRerank("k", "green-rerank-1")\n'
            ),
        }
    )
    places = service_places(scan(root), "jina")
    assert places == {"app/rerank.py:4"}
