"""Model-keyed dispatch tables and model-named lists with aliases (issue 11).

A product routes each model name to its code: ``model_info = {"gpt-4o": {"fn": chat,
"endpoint": openai_endpoint}}`` (and ``model_info.update({...})`` blocks). The keys are the
models; an endpoint field holding a known provider's URL names their provider and is a service.
A constant named as a collection of models (``AVAIL_LLM_MODELS``) may mix real model names with
the product's own aliases: the recognised members count when they are the majority.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

DISPATCH = """\
openai_endpoint = "https://api.openai.com/v1/chat/completions"
volc_endpoint = "https://ark.cn-beijing.volces.com/api/v3/chat/completions"
yi_endpoint = "https://api.lingyiwanwu.com/v1/chat/completions"
if openai_endpoint in REDIRECT:
    openai_endpoint = REDIRECT[openai_endpoint]

model_info = {
    "gpt-4o": {"fn_with_ui": chat_ui, "endpoint": openai_endpoint, "max_token": 128000},
    "o3-mini": {"fn_with_ui": chat_ui, "endpoint": openai_endpoint, "max_token": 128000},
    "my-local-alias": {"fn_with_ui": local_ui, "endpoint": None, "max_token": 4096},
}
if "yi" in AVAIL:
    model_info.update({
        "yi-large": {"fn_with_ui": yi_ui, "endpoint": yi_endpoint, "max_token": 16000},
    })
model_info.update({
    "deepseek-r1-250120": {"max_token": 16384, "endpoint": volc_endpoint, "tokenizer": tok},
})
"""


def test_model_keyed_dispatch_table_reports_keys_with_the_endpoint_provider(
    make_tree: MakeTree,
) -> None:
    inv = scan(make_tree({"app/bridge_all.py": DISPATCH}))
    found = hosted(inv)
    assert found["gpt-4o"] == {"openai"}
    assert found["o3-mini"] == {"openai"}
    # the endpoint variable names the provider of a key the name table does not know
    assert found["yi-large"] == {"01-ai"}
    # and overrides the name's own family: DeepSeek R1 served by Volcano Engine Ark
    assert found["deepseek-r1-250120"] == {"bytedance-ark"}
    assert "my-local-alias" not in everything(inv)
    providers = {p for p, _ in endpoints(inv)}
    assert {"openai", "01-ai", "bytedance-ark"} <= providers


def test_lookup_tables_keyed_by_model_stay_out(make_tree: MakeTree) -> None:
    src = (
        "model_info = {\n"
        '    "gpt-4o": {"max_token": 128000, "vision": True},\n'
        '    "gpt-4o-mini": {"max_token": 128000, "vision": True},\n'
        "}\n"
        'style_map = {"gpt-4o": {"fn": chat_ui}, "gpt-4o-mini": {"fn": chat_ui}}\n'
        'settings.update({"gpt-4o": {"fn": chat_ui}})\n'
    )
    inv = scan(make_tree({"app/limits.py": src}))
    assert not {"gpt-4o", "gpt-4o-mini"} & everything(inv)


def test_model_named_list_with_aliases_reports_the_recognised_members(
    make_tree: MakeTree,
) -> None:
    src = (
        "AVAIL_LLM_MODELS = [\n"
        '    "gpt-4o", "gpt-4o-mini", "glm-4", "azure-gpt-3.5", "my-bridge-a",\n'
        '    "qwen-max", "volc-r1",\n'
        "]\n"
    )
    inv = scan(make_tree({"config.py": src}))
    found = hosted(inv)
    assert {"gpt-4o", "gpt-4o-mini", "glm-4", "qwen-max"} <= set(found)
    assert not {"azure-gpt-3.5", "my-bridge-a", "volc-r1"} & everything(inv)


def test_a_weakly_named_or_mostly_alias_list_stays_out(make_tree: MakeTree) -> None:
    src = (
        # the name does not say models: 80% must be recognised
        'CHOICES_FOR_LLM_UI = ["gpt-4o", "gpt-4o-mini", "alias-a", "alias-b", "alias-c"]\n'
        # named as models, but aliases are the majority
        'LOCAL_MODELS = ["gpt-4o", "gpt-4o-mini", "alias-a", "alias-b", "alias-c", "alias-d"]\n'
    )
    inv = scan(make_tree({"config.py": src}))
    assert not {"gpt-4o", "gpt-4o-mini"} & everything(inv)


LM_MODULE = """\
import litellm
import json


def send(request):
    return litellm.completion(**json.loads(request))


class LM:
    def __init__(self, model, temperature=0.0, **kwargs):
        self.model = model
        self.kwargs = kwargs

    def __call__(self, messages):
        completion = send
        return completion(json.dumps(dict(model=self.model, messages=messages, **self.kwargs)))


class LitellmModel(LM):
    def __init__(self, model, api_key=None, **kwargs):
        super().__init__(model=model, api_key=api_key, **kwargs)


class Recorder:
    def __init__(self, model):
        self.model = model

    def save(self, path):
        json.dump(dict(model=self.model, path=path), open(path, "w"))


class Named(Recorder):
    def __init__(self, model):
        super().__init__(model=model)
"""

ENGINE = """\
from .lm import LitellmModel, Named


class Engine:
    def init(self, kind):
        if kind == "openai":
            self.lm = LitellmModel(model="gpt-4o-2024-05-13", max_tokens=500)
        elif kind == "azure":
            self.lm = LitellmModel(model="azure/gpt-4o-2024-05-13", max_tokens=500)
        else:
            self.lm = LitellmModel(model="together_ai/meta-llama/Llama-3-70b-chat-hf")
        self.log = Named(model="claude-opus-latest")
"""


def test_a_wrapper_that_sends_its_model_in_a_request_body_through_super_init(
    make_tree: MakeTree,
) -> None:
    inv = scan(make_tree({"pkg/__init__.py": "", "pkg/lm.py": LM_MODULE, "pkg/engine.py": ENGINE}))
    found = hosted(inv)
    assert found["gpt-4o-2024-05-13"] == {"openai", "azure-openai"}
    assert found["meta-llama/llama-3-70b-chat-hf"] == {"together"}
    # a class that only records its model (no messages in the body) is not a model client
    assert "claude-opus-latest" not in everything(inv)


def test_a_subclass_fixing_its_model_through_super_init(make_tree: MakeTree) -> None:
    sub = (
        "from .lm import LM, Recorder\n\n\n"
        "class Fast(LM):\n"
        "    def __init__(self):\n"
        '        super().__init__(model="gpt-4o-mini-2024-07-18")\n\n\n'
        "class Quiet(Recorder):\n"
        "    def __init__(self):\n"
        '        super().__init__(model="claude-opus-latest")\n'
    )
    inv = scan(make_tree({"pkg/__init__.py": "", "pkg/lm.py": LM_MODULE, "pkg/sub.py": sub}))
    assert hosted(inv)["gpt-4o-mini-2024-07-18"] == {"openai"}
    assert "claude-opus-latest" not in everything(inv)


def test_catalog_keys_naming_their_provider_before_the_model(make_tree: MakeTree) -> None:
    src = (
        "qwen_models = [\n"
        '    "qwen-max", "qwen-turbo", "dashscope-qwen3-14b", "dashscope-deepseek-r1",\n'
        '    "dashscope-qwen3-qwen3-32b", "azure-gpt-4", "cohere-command-r-plus",\n'
        "]\n"
    )
    inv = scan(make_tree({"app/bridge.py": src}))
    found = hosted(inv)
    assert found["qwen3-14b"] == {"alibaba-dashscope"}
    assert found["deepseek-r1"] == {"alibaba-dashscope"}
    assert found["command-r-plus"] == {"cohere"}
    # a misspelt remainder is no model; after azure- comes a deployment the user names
    assert not {"qwen3-qwen3-32b", "gpt-4", "azure-gpt-4", "dashscope-qwen3-14b"} & set(found)


def test_a_function_posting_its_model_parameter_in_a_request_body(make_tree: MakeTree) -> None:
    lib = (
        "import requests\n\n\n"
        'def gen_image(conf, prompt, model="dall-e-2"):\n'
        "    url = conf['endpoint']\n"
        "    data = {'prompt': prompt, 'model': model, 'n': 1}\n"
        "    return requests.post(url, json=data)\n\n\n"
        "def save(conf, model):\n"
        "    data = {'model': model, 'path': conf}\n"
        "    return requests.post(conf['url'], json=data)\n"
    )
    use = (
        "from .lib import gen_image, save\n\n"
        'gen_image({}, "a cat", model="dall-e-3")\n'
        'save({}, model="claude-opus-latest")\n'
    )
    inv = scan(make_tree({"pkg/__init__.py": "", "pkg/lib.py": lib, "pkg/use.py": use}))
    found = hosted(inv)
    assert found["dall-e-3"] == {"openai"}
    assert "claude-opus-latest" not in everything(inv)


def test_argparse_model_choices_random_choice_and_model_selection(make_tree: MakeTree) -> None:
    src = (
        "import argparse, random\n"
        "parser = argparse.ArgumentParser()\n"
        'parser.add_argument("--model_name", default="fnlp/moss-moon-003-sft-int4",\n'
        '                    choices=["fnlp/moss-moon-003-sft", "fnlp/moss-moon-003-sft-int8"])\n'
        'parser.add_argument("--style", choices=["gpt-4o", "plain"])\n'
        'model = random.choice(["gpt-3.5-turbo-0301", "gpt-3.5-turbo-0613"])\n'
        'colour = random.choice(["gpt-4o-mini", "red"])\n'
        'QWEN_LOCAL_MODEL_SELECTION = "Qwen/Qwen-1_8B-Chat-Int8"\n'
    )
    inv = scan(make_tree({"app/run.py": src}))
    found = everything(inv)
    assert {
        "fnlp/moss-moon-003-sft",
        "fnlp/moss-moon-003-sft-int8",
        "fnlp/moss-moon-003-sft-int4",
        "gpt-3.5-turbo-0301",
        "gpt-3.5-turbo-0613",
        "qwen/qwen-1_8b-chat-int8",
    } <= found
    assert not {"gpt-4o", "gpt-4o-mini"} & found


def test_model_to_url_table_of_one_provider(make_tree: MakeTree) -> None:
    src = (
        "def send(name):\n"
        "    url_lib = {\n"
        '        "ERNIE-Bot-4": "https://aip.baidubce.com/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/pro",\n'
        '        "ERNIE-Speed-8K": "https://aip.baidubce.com/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/speed",\n'
        '        "BLOOMZ-7B": "https://aip.baidubce.com/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/bloomz",\n'
        "    }\n"
        "    routes = {\n"
        '        "chat": "https://api.openai.com/v1/chat/completions",\n'
        '        "embeddings": "https://api.openai.com/v1/embeddings",\n'
        "    }\n"
        "    return url_lib[name], routes\n"
    )
    inv = scan(make_tree({"app/qianfan.py": src}))
    found = hosted(inv)
    assert found["ernie-bot-4"] == {"baidu"}
    assert found["bloomz-7b"] == {"baidu"}
    assert not {"chat", "embeddings"} & everything(inv)


def test_a_setting_reported_at_one_provider_is_still_reported_at_another(
    make_tree: MakeTree,
) -> None:
    src = (
        "import litellm\n\n\n"
        "class Encoder:\n"
        "    def __init__(self, kind):\n"
        '        if kind == "openai":\n'
        '            self.embedding_model_name = "text-embedding-3-small"\n'
        "        else:\n"
        '            self.embedding_model_name = "azure/text-embedding-3-small"\n\n'
        "    def embed(self, text):\n"
        "        return litellm.embedding(model=self.embedding_model_name, input=text)\n"
    )
    inv = scan(make_tree({"app/encoder.py": src}))
    assert hosted(inv)["text-embedding-3-small"] == {"openai", "azure-openai"}


def test_endpoint_named_settings_of_known_apis_are_services(make_tree: MakeTree) -> None:
    src = (
        'ollama_endpoint = "http://localhost:11434/api/chat"\n'
        'AZURE_ENDPOINT = "https://你的资源.openai.azure.com/"\n'
        "azure_endpoint = AZURE_ENDPOINT + f'openai/deployments/{ENGINE}/chat/completions'\n"
        "class Spark:\n"
        "    def __init__(self):\n"
        '        self.gpt_url = "wss://spark-api.xf-yun.com/v3.5/chat"\n'
        # named as an endpoint but a page, or not named as one at all
        'DOCS = "https://api.openai.com/v1/chat/completions"\n'
        'local_url = "http://localhost:8000/v1"\n'
    )
    inv = scan(make_tree({"app/conf.py": src}))
    found = endpoints(inv)
    assert ("ollama", "http://localhost:11434/api/chat") in found
    assert ("iflytek-spark", "wss://spark-api.xf-yun.com/v3.5/chat") in found
    assert "azure-openai" in {p for p, _ in found}
    assert not any(e and "你" in e for _, e in found)
    assert "openai" not in {p for p, _ in found}
    assert "self-hosted" not in {p for p, _ in found}


def test_a_model_named_set_of_family_words_is_no_catalog(make_tree: MakeTree) -> None:
    src = 'MOD_SUPPORTED_MODELS = {"bloom", "falcon", "gemma", "llama", "mistral", "phi"}\n'
    inv = scan(make_tree({"app/constants.py": src}))
    assert not {"falcon", "gemma", "mistral", "phi"} & everything(inv)


def test_model_parameter_defaults_and_field_constructor_defaults(make_tree: MakeTree) -> None:
    src = (
        "class OpenAI(Base):\n"
        '    def __init__(self, api_key=None, model_name: str = "text-davinci-003", n: int = 1):\n'
        "        self.model_name = model_name\n\n\n"
        "class Voyage(Base):\n"
        '    model: str = Param("voyage-3", help="Model name to use")\n'
        '    user_agent: str = Param("gpt-omni", help="leave default")\n\n\n'
        'def embed(text, *, embedding_model="embed-english-v2.0", style="claude-opus-latest"):\n'
        "    return client.embed(text, model=embedding_model)\n"
    )
    inv = scan(make_tree({"app/wrappers.py": src}))
    found = hosted(inv)
    assert found["text-davinci-003"] == {"openai"}
    assert found["voyage-3"] == {"voyage"}
    assert found["embed-english-v2.0"] == {"cohere"}
    assert not {"gpt-omni", "claude-opus-latest"} & everything(inv)


def test_parameter_defaults_that_reach_nothing_stay_out(make_tree: MakeTree) -> None:
    src = (
        "class Youdao(Base):\n"
        '    def __init__(self, key=None, model_name="BAAI/bge-m3", **kwargs):\n'
        "        pass\n\n\n"
        'def scale(ratings, models, baseline_model="mixtral-8x7b-instruct-v0.1"):\n'
        "    if baseline_model in models:\n"
        "        return models.index(baseline_model)\n\n\n"
        'def make(model_name="BAAI/bge-small-en-v1.5"):\n'
        "    return Embedder(model=model_name)\n"
    )
    inv = scan(make_tree({"app/defaults.py": src}))
    found = everything(inv)
    assert "baai/bge-small-en-v1.5" in found
    assert not {"baai/bge-m3", "mixtral-8x7b-instruct-v0.1"} & found


def test_decouple_config_defaults_in_settings(make_tree: MakeTree) -> None:
    src = (
        "from decouple import config\n"
        "EMBEDDINGS = {\n"
        '    "voyageai": {"model": config("VOYAGE_MODEL", default="voyage-3-large")},\n'
        '    "other": {"label": config("LABEL", default="gpt-4o")},\n'
        "}\n"
    )
    inv = scan(make_tree({"flowsettings.py": src}))
    assert hosted(inv)["voyage-3-large"] == {"voyage"}
    assert "gpt-4o" not in everything(inv)
