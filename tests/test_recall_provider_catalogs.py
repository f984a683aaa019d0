"""Hosted models named by their provider (issue 11): LinkAI's own ``linkai-*`` models, a model
list constant named after a provider (``GITEE_AI_MODEL_LIST``), a config mapping's ``api_type``
naming the provider of its ``model``, and decoys that stay out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_linkai_models_and_endpoint_are_linkai(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "common/const.py": (
                'LINKAI_35 = "linkai-3.5"\n'
                'LINKAI_4o = "linkai-4o"\n'
                'MODEL_LIST = [LINKAI_35, LINKAI_4o, "gpt-4o"]\n'
            ),
            "bot.py": (
                "from openai import OpenAI\n"
                'client = OpenAI(base_url="https://api.link-ai.tech/v1")\n'
            ),
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["linkai-3.5"] == {"linkai"}
    assert found["linkai-4o"] == {"linkai"}
    assert ("linkai", "https://api.link-ai.tech/v1") in endpoints(inv)


def test_linkai_lookalikes_are_no_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "common/const.py": (
                'MODEL_LIST = ["gpt-4o", "claude-3-opus", "ilinkai-bot", "linkaid-2"]\n'
                'WEIXIN_BASE_URL = "https://ilinkai.weixin.qq.com"\n'
            ),
        }
    )
    names = everything(scan(root))
    assert "ilinkai-bot" not in names
    assert "linkaid-2" not in names


def test_a_provider_named_model_list_holds_that_providers_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "common/const.py": (
                "GITEE_AI_MODEL_LIST = [\n"
                '    "Yi-34B-Chat", "InternVL2-8B", "Qwen2.5-32B-Instruct",\n'
                '    "glm-4-9b-chat", "code-raccoon-v1",\n'
                "]\n"
            ),
        }
    )
    found = hosted(scan(root))
    for name in ("yi-34b-chat", "internvl2-8b", "qwen2.5-32b-instruct", "code-raccoon-v1"):
        assert found[name] == {"giteeai"}, name


def test_lists_that_do_not_name_a_hosted_catalog_stay_out(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            # a family name is no provider: these may be local checkpoints
            "a.py": 'QWEN_MODELS = ["Qwen2-VL-72B", "InternVL2-8B"]\n',
            # an Azure list holds the user's deployments
            "b.py": 'AZURE_MODELS = ["my-deploy-4", "prod-chat-2"]\n',
            # a provider-named list of words with no version is no model list
            "c.py": 'GITEE_AI_MODEL_LIST = ["chat", "embedding", "rerank"]\n',
            # a provider's name but not a model collection
            "d.py": 'GITEE_AI_REGIONS = ["cn-east-1", "cn-north-2"]\n',
        }
    )
    names = everything(scan(root))
    for name in ("qwen2-vl-72b", "internvl2-8b", "my-deploy-4", "prod-chat-2", "chat", "cn-east-1"):
        assert name not in names, name


_ROLES = """\
llm:
  api_type: "openai"
  model: "gpt-4-turbo"
roles:
  - role: "ProjectManager"
    llm:
      api_type: "azure"
      api_version: "YOUR_API_VERSION"
      model: "gpt-4-1106"
  - role: "Engineer"
    llm:
      api_type: "azure"
      model: "gpt-35-turbo-1106"
search:
  api_type: "google"
  api_key: "YOUR_API_KEY"
"""


def test_api_type_names_the_provider_of_the_models_beside_it(make_tree: MakeTree) -> None:
    found = hosted(scan(make_tree({"config/config2.yaml": _ROLES})))
    assert found["gpt-4-1106"] == {"azure-openai"}
    assert found["gpt-35-turbo-1106"] == {"azure-openai"}
    assert found["gpt-4-turbo"] == {"openai"}


def test_api_type_without_a_model_names_nothing(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"config/search.yaml": 'search:\n  api_type: "azure"\n  key: "k"\n'}))
    assert not everything(inv)
    assert not any(s.provider == "azure-openai" for s in inv.services.values())


_SMOL_CLI = """\
import os
from smolagents import OpenAIModel


def load_model(model_type: str, model_id: str, api_base: str | None = None):
    if model_type == "OpenAIModel":
        return OpenAIModel(
            api_key=os.getenv("FIREWORKS_API_KEY"),
            api_base=api_base or "https://api.fireworks.ai/inference/v1",
            model_id=model_id,
        )


chat = OpenAIModel(model_id="gpt-4o")
agent_model = load_model("OpenAIModel", "Qwen/Qwen3-8B")
"""


def test_smolagents_openai_model_names_its_endpoint_and_model(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"src/pkg/cli.py": _SMOL_CLI}))
    assert ("fireworks", "https://api.fireworks.ai/inference/v1") in endpoints(inv)
    assert hosted(inv)["gpt-4o"] == {"openai"}
    # the caller's model is the caller's choice, not the endpoint's
    assert "fireworks" not in hosted(inv).get("qwen/qwen3-8b", set())


def test_an_openai_model_at_an_unknown_caller_url_is_no_service(make_tree: MakeTree) -> None:
    src = (
        "from smolagents import OpenAIModel\n"
        "def load(model_id, api_base):\n"
        "    return OpenAIModel(api_base=api_base, model_id=model_id)\n"
    )
    inv = scan(make_tree({"src/pkg/cli.py": src}))
    assert not inv.services
    assert not everything(inv)


def test_a_watsonx_url_is_ibm_watsonx(make_tree: MakeTree) -> None:
    cfg = 'llm:\n  base_url: "https://eu-de.ml.cloud.ibm.com"\n  model: "ibm/granite-13b-chat-v2"\n'
    inv = scan(make_tree({"config.yaml": cfg}))
    assert ("watsonx", "https://eu-de.ml.cloud.ibm.com") in endpoints(inv)


def test_minimax_speech_and_image_model_names() -> None:
    from aibom.knowledge.classify import classify_model_value

    for name in ("speech-2.8-hd", "speech-2.6-turbo", "image-01", "image-01-live"):
        mv = classify_model_value(name)
        assert mv is not None and mv.provider == "minimax", name
    for near in ("speech-to-text", "speech-1", "image-012", "image-01.png"):
        assert classify_model_value(near) is None, near


def test_a_provider_named_constant_holds_that_providers_model(make_tree: MakeTree) -> None:
    src = (
        'DEEPSEEK_V4_PRO = "deepseek-v4-pro"  # DeepSeek V4 Pro\n'
        'MOONSHOT_V1_8K = "moonshot-v1-8k"\n'
        "MODEL_LIST = [DEEPSEEK_V4_PRO]\n"  # the file is about models
    )
    found = hosted(scan(make_tree({"common/const.py": src})))
    assert found["deepseek-v4-pro"] == {"deepseek"}
    assert found["moonshot-v1-8k"] == {"moonshot"}


def test_constants_that_do_not_spell_their_provider_stay_out(make_tree: MakeTree) -> None:
    src = (
        'QWEN_LOCAL = "qwen-7b-local"\n'  # a family, not a provider
        'AZURE_PROD = "azure-prod-2"\n'  # a deployment
        'DEEPSEEK_HOME = "https://www.deepseek.com"\n'
        'DEEPSEEK_LABEL = "deepseek-ui"\n'
        + 'OPENAI_KEY_NAME = "openai-key"\n'  # no version: no model
        + "DEFAULT_MODEL = None\n"
    )
    names = everything(scan(make_tree({"common/const.py": src})))
    assert not names & {"qwen-7b-local", "azure-prod-2", "deepseek-ui", "openai-key"}


def test_zhipuai_images_generations_names_its_model(make_tree: MakeTree) -> None:
    src = (
        "from zhipuai import ZhipuAI\n"
        "client = ZhipuAI(api_key='k')\n"
        "def draw(query, conf):\n"
        "    return client.images.generations(\n"
        '        prompt=query, model=conf.get("text_to_image") or "cogview-3"\n'
        "    )\n"
    )
    found = hosted(scan(make_tree({"models/zhipu_image.py": src})))
    assert found["cogview-3"] == {"zhipu"}


def test_an_images_generations_attribute_of_no_client_is_no_model(make_tree: MakeTree) -> None:
    src = (
        "class Gallery:\n"
        "    def show(self, model):\n"
        '        return self.images.generations(model="thumbnail-2")\n'
    )
    assert "thumbnail-2" not in everything(scan(make_tree({"gallery.py": src})))


def test_zai_sdk_zhipu_client_images_generations(make_tree: MakeTree) -> None:
    src = (
        "class ZhipuImage:\n"
        "    def __init__(self, key):\n"
        "        from zai import ZhipuAiClient\n"
        "        self.client = ZhipuAiClient(api_key=key)\n"
        "\n"
        "    def draw(self, query, conf):\n"
        "        return self.client.images.generations(\n"
        '            prompt=query, model=conf.get("text_to_image") or "cogview-3"\n'
        "        )\n"
    )
    found = hosted(scan(make_tree({"models/zhipu_image.py": src})))
    assert found["cogview-3"] == {"zhipu"}


def test_a_list_of_provider_route_prefixes_is_a_provider_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "models/_litellm.py": (
                "class LiteLLMInterpreter:\n"
                "    SUPPORTED_ENDPOINT_TYPES = [\n"
                '        "openai", "azure", "gemini", "anthropic", "xai", "hosted_vllm", "groq",\n'
                "    ]\n"
                "    def check(self, model):\n"
                "        return any(model.startswith(t) for t in self.SUPPORTED_ENDPOINT_TYPES)\n"
            ),
        }
    )
    providers = {p for p, _ in endpoints(scan(root))}
    assert {"openai", "google", "anthropic", "xai", "groq"} <= providers


def test_provider_lists_with_other_words_or_too_few_are_no_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "ui/choices.py": (
                'PROVIDERS = ["openai", "my own server", "anthropic", "groq"]\n'
                'SUPPORTED_PROVIDERS = ("anthropic", "groq")\n'
                'ENDPOINT_TYPES = ["anthropic", "groq", "mistral", 3]\n'
                'FAVOURITE_COLOURS = ["openai", "anthropic", "groq"]\n'
            ),
        }
    )
    assert endpoints(scan(root)) == set()
