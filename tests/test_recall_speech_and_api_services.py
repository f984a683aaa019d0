"""Hosted speech, rerank and inference APIs, and endpoint settings in config dicts.

Speech SDKs (Azure AI Speech ``SpeechConfig``, Tencent Cloud ``AsrClient``/``TtsClient``),
Oracle's OCI Generative AI client and iFlytek's ``ChatSparkLLM`` talk to their vendor's
hosted models without a URL in the code. Endpoint-named settings are read in config dict
entries (``{"modelscope_base_url": "https://api-inference.modelscope.cn/v1"}``) and in a
lookup's fallback (``conf().get("xunfei_spark_url", "wss://spark-api.xf-yun.com/v3.5/chat")``),
WebSocket URLs included. A URL at no known API host, a lookup without a fallback and a
class of the project's own named like an SDK are none.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_speech_and_inference_sdk_clients(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "voice/azure_voice.py": (
                "import azure.cognitiveservices.speech as speechsdk\n"
                "cfg = speechsdk.SpeechConfig(subscription=key, region=region)\n"
            ),
            "voice/tencent_voice.py": (
                "from tencentcloud.asr.v20190614 import asr_client\n"
                "from tencentcloud.tts.v20190823 import tts_client\n"
                "asr = asr_client.AsrClient(cred, 'ap-shanghai')\n"
                "tts = tts_client.TtsClient(cred, 'ap-shanghai')\n"
            ),
            "llm/oci_chat.py": (
                "from oci.generative_ai_inference import GenerativeAiInferenceClient\n"
                "client = GenerativeAiInferenceClient(config=cfg, service_endpoint=ep)\n"
            ),
            "llm/spark.py": (
                "from sparkai.llm.llm import ChatSparkLLM\n"
                "client = ChatSparkLLM(spark_api_url='wss://spark-api.xf-yun.com/v3.5/chat',\n"
                "                      spark_llm_domain='generalv3.5')\n"
            ),
        }
    )
    providers = {p for p, _ in endpoints(scan(root))}
    assert {"azure-speech", "tencent-hunyuan", "oci", "iflytek-spark"} <= providers


def test_sdk_names_of_the_project_s_own_are_not_clients(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "voice/own.py": (
                "class SpeechConfig:\n"
                "    pass\n"
                "\n"
                "class AsrClient:\n"
                "    pass\n"
                "\n"
                "cfg = SpeechConfig()\n"
                "asr = AsrClient()\n"
            ),
        }
    )
    assert endpoints(scan(root)) == set()


def test_endpoint_settings_in_config_dicts_and_lookup_fallbacks(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "config.py": (
                "available_setting = {\n"
                "    'modelscope_base_url': 'https://api-inference.modelscope.cn/v1',\n"
                "    'xunfei_spark_url': 'wss://spark-api.xf-yun.com/v3.5/chat',\n"
                "    'patronus_url': 'https://api.patronus.ai/v1',\n"
                "    'docs_url': 'https://example.com/docs',\n"  # no API host
                "    'home_page': 'https://api.contextual.ai/v1',\n"  # not named as an endpoint
                "}\n"
            ),
            "voice/xunfei_asr.py": (
                "import requests\nfrom config import conf\n"
                "class Asr:\n"
                "    def __init__(self):\n"
                "        self.tts_url = conf().get('tts_url', 'wss://tts-api.xfyun.cn/v2/tts')\n"
                "        self.asr_url = conf().get('asr_url')\n"  # no fallback
                "        self.nls_url = conf().get('nls_url', 'https://nls-gateway-cn-shanghai.aliyuncs.com/stream/v1/tts')\n"
            ),
        }
    )
    found = endpoints(scan(root))
    assert ("modelscope", "https://api-inference.modelscope.cn/v1") in found
    assert ("iflytek-spark", "wss://spark-api.xf-yun.com/v3.5/chat") in found
    assert ("patronus", "https://api.patronus.ai/v1") in found
    assert ("iflytek-spark", "wss://tts-api.xfyun.cn/v2/tts") in found
    assert (
        "aliyun-nls",
        "https://nls-gateway-cn-shanghai.aliyuncs.com/stream/v1/tts",
    ) in found
    providers = {p for p, _ in found}
    assert "contextual-ai" not in providers
    assert "unknown" not in providers


def test_host_named_settings(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/ollama_llm.py": (
                "import os\n"
                "class Ollama:\n"
                "    def __init__(self, host=None, model='llama3'):\n"
                "        self.host = host or os.getenv('OLLAMA_HOST', 'http://localhost:11434')\n"
                "        self.model = model\n"
            ),
            "app/db.py": (
                "import requests\n"
                "db_host = 'http://localhost:5432'\n"  # a local server, no model API
                "search_host = 'https://search.example.com'\n"  # no API host aibom knows
            ),
        }
    )
    found = endpoints(scan(root))
    assert ("ollama", "http://localhost:11434") in found
    assert {p for p, _ in found} == {"ollama"}


def test_endpoint_field_defaults(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "providers/roboflow_provider.py": (
                "from pydantic import BaseModel, Field\n"
                "class RoboflowProvider(BaseModel):\n"
                "    model_name: str = 'clip'\n"
                "    api_url: str = Field(default='https://infer.roboflow.com', description='API URL')\n"
                "    docs_url: str = Field(default='https://docs.roboflow.com')\n"  # no API host
                "    other_url: str = Field(description='no default')\n"
            ),
        }
    )
    found = endpoints(scan(root))
    assert ("roboflow", "https://infer.roboflow.com") in found
    assert {p for p, _ in found} == {"roboflow"}


def test_open_interpreter_hosted_model_api(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "interpreter/llm.py": (
                "class Llm:\n"
                "    def load(self, model):\n"
                "        if model == 'i':\n"
                "            self.model = 'openai/i'\n"
                "            self.api_base = 'https://api.openinterpreter.com/v0'\n"
                "        self.docs_url = 'https://docs.openinterpreter.com/'\n"  # not the API host
            ),
        }
    )
    found = endpoints(scan(root))
    assert ("openinterpreter", "https://api.openinterpreter.com/v0") in found
    assert all(e != "https://docs.openinterpreter.com" for _, e in found)


def test_xinference_client(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "legacy/xinference.py": (
                "from xinference_client.client.restful.restful_client import Client\n"
                "class Xinference:\n"
                "    def __init__(self, config):\n"
                "        self.client = Client(base_url=config['base_url'])\n"
            ),
            "legacy/other.py": (
                "from mylib.http import Client\nclient = Client(base_url=settings.base_url)\n"
            ),
        }
    )
    found = endpoints(scan(root))
    assert found == {("self-hosted", None)}
