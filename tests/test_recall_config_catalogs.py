"""YAML/JSON/TOML platform catalogs (issue 11, rule 1): a provider entry names the provider of
the models listed under it (``llm_models``, ``embed_models``, ``llm: [{llm_name}]``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_yaml_factory_entries_named_after_their_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "conf/factories.yaml": (
                "factories:\n"
                "  - name: DeepSeek\n"
                "    tags: LLM\n"
                "    llm:\n"
                "      - llm_name: deepseek-chat\n"
                "        max_tokens: 65536\n"
                "      - llm_name: deepseek-v9-preview\n"
                "        max_tokens: 65536\n"
                "  - name: Moonshot\n"
                "    llm:\n"
                "      - llm_name: moonshot-v1-8k\n"
                "      - llm_name: kimi-k2-turbo-preview\n"
            )
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names["deepseek-chat"] == {"deepseek"}
    # a name no pattern knows, listed by the DeepSeek entry: DeepSeek's
    assert names["deepseek-v9-preview"] == {"deepseek"}
    assert names["kimi-k2-turbo-preview"] == {"moonshot"}
    assert "conf/factories.yaml:7" in service_places(inv, "deepseek")


def test_toml_and_json_provider_lists(make_tree: MakeTree) -> None:
    doc = {
        "platforms": [
            {
                "platform_name": "zhipu",
                "llm_models": ["glm-4-plus", "glm-4-airx"],
                "embed_models": ["embedding-3"],
            }
        ]
    }
    root = make_tree(
        {
            "conf/platforms.json": json.dumps(doc, indent=2),
            "conf/providers.toml": (
                "[[provider]]\n"
                'name = "mistral"\n'
                'chat_models = ["mistral-large-latest", "ministral-8b-latest"]\n'
            ),
        }
    )
    names = hosted(scan(root))
    assert names["glm-4-airx"] == {"zhipu"}
    assert names["embedding-3"] == {"zhipu"}
    assert names["ministral-8b-latest"] == {"mistral"}


def test_entries_not_named_after_a_provider_and_non_model_lists_stay_out(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "conf/tools.yaml": (
                "tools:\n"
                "  - name: Weather\n"
                "    llm:\n"
                "      - llm_name: forecast\n"
                "      - llm_name: radar\n"
                "  - name: DeepSeek\n"
                "    datasets:\n"
                "      - tatsu-lab/alpaca\n"
                "    tags: [chat, code]\n"
            )
        }
    )
    inv = scan(root)
    assert everything(inv) == set()
    assert "tatsu-lab/alpaca" not in models(inv)


def _factories(*entries: dict[str, object]) -> str:
    return json.dumps({"factory_llm_infos": list(entries)}, indent=4)


def test_factory_named_by_its_api_url_or_its_vendor_word_owns_its_models(
    make_tree: MakeTree,
) -> None:
    doc = _factories(
        {
            "name": "Tongyi-Qianwen",
            "url": "https://dashscope.aliyuncs.com/compatible-mode/v1",
            "llm": [
                {"llm_name": "qwen3-vl-flash", "model_type": "image2text"},
                {"llm_name": "kimi-k2.6", "model_type": "chat"},
                {"llm_name": "ZHIPU/GLM-5.1", "model_type": "chat"},
            ],
        },
        {
            "name": "Tencent Hunyuan",
            "llm": [
                {"llm_name": "hy3-preview", "model_type": "chat"},
                {"llm_name": "kimi-k2.7-code-highspeed", "model_type": "chat"},
            ],
        },
        {"name": "Voyage AI", "llm": [{"llm_name": "rerank-2.5", "model_type": "rerank"}]},
        {"name": "DeepInfra", "llm": [{"llm_name": "anthropic/claude-4-opus"}]},
    )
    inv = scan(make_tree({"conf/llm_factories.json": doc}))
    names = hosted(inv)
    # the URL says DashScope: every entry, whatever vendor's name it matches, is called there
    assert names["qwen3-vl-flash"] == {"alibaba-dashscope"}
    assert names["kimi-k2.6"] == {"alibaba-dashscope"}
    assert names["zhipu/glm-5.1"] == {"alibaba-dashscope"}
    # "Tencent Hunyuan", "Voyage AI": the vendor's word names the provider
    assert names["hy3-preview"] == {"tencent-hunyuan"}
    assert names["kimi-k2.7-code-highspeed"] == {"tencent-hunyuan"}
    assert names["rerank-2.5"] == {"voyage"}
    # an aggregator's "org/model" id is the aggregator's name for it, not a LiteLLM route
    assert names["anthropic/claude-4-opus"] == {"deepinfra"}
    assert "claude-4-opus" not in names


def test_an_entry_with_an_api_url_no_table_knows_is_an_unknown_hosted_service(
    make_tree: MakeTree,
) -> None:
    doc = _factories(
        {
            "name": "GreenPT",
            "url": "https://api.greenpt.example/v1",
            "llm": [
                {"llm_name": "green-embedding", "model_type": "embedding"},
                {"llm_name": "green-s-pro", "model_type": "speech2text"},
            ],
        },
        {
            "name": "OCR Cloud",
            "url": "https://ocr.example-app.com",
            "llm": [{"llm_name": "ocr-v5"}],
        },
        {
            "name": "GiteeAI",
            "url": "https://ai.gitee.com/v1/",
            "llm": [{"llm_name": "SenseVoiceSmall"}, {"llm_name": "InternVL3-78B"}],
        },
    )
    inv = scan(make_tree({"conf/llm_factories.json": doc}))
    names = hosted(inv)
    assert names["green-embedding"] == {"unknown"}
    assert names["green-s-pro"] == {"unknown"}
    assert ("unknown", "https://api.greenpt.example/v1") in endpoints(inv)
    assert names["ocr-v5"] == {"unknown"}  # a bare API host
    # a CamelCase name in a provider's list is a model name, not a plain word
    assert names["sensevoicesmall"] == {"giteeai"}
    assert names["internvl3-78b"] == {"giteeai"}


def test_compatible_protocol_entries_local_urls_and_non_model_lists_name_no_provider(
    make_tree: MakeTree,
) -> None:
    doc = _factories(
        {"name": "OpenAI-API-Compatible", "llm": [{"llm_name": "house-model-7"}]},
        {
            "name": "Local Box",
            "url": "http://localhost:8080/v1",
            "llm": [{"llm_name": "box-model-2"}],
        },
        {
            "name": "Vendor site",
            "url": "https://www.vendor.example",
            "llm": [{"llm_name": "vendor-chat-9"}],
        },
        # a model family named after its vendor is not the vendor's API
        {"name": "Qwen 2.5", "llm": [{"llm_name": "Qwen/Qwen2.5-7B-Instruct"}]},
        # a homepage is not an API: the family's models are nobody's hosted service
        {
            "name": "Llama family",
            "url": "https://github.com/meta-llama/llama-models",
            "llm": [{"llm_name": "house-llama-8b"}],
        },
        # a URL of a known provider on an entry without a model list changes nothing
        {"name": "Docs", "url": "https://api.openai.com/v1", "pages": ["intro", "faq"]},
        {"name": "Site", "url": "https://docs.example.com", "pages": ["setup-1", "SetupGuide"]},
    )
    inv = scan(make_tree({"conf/llm_factories.json": doc}))
    names = hosted(inv)
    assert "house-model-7" not in names
    assert "box-model-2" not in names
    assert "house-llama-8b" not in names
    assert "vendor-chat-9" not in names
    assert "qwen/qwen2.5-7b-instruct" not in names  # a hub model, no DashScope service
    assert not {"intro", "setup-1", "setupguide"} & everything(inv)
    # a plain word stays too generic even under a provider
    plain = _factories({"name": "Mistral", "llm": [{"llm_name": "chat"}, {"llm_name": "Large"}]})
    assert not {"chat", "large"} & everything(scan(make_tree({"conf/f.json": plain})))


def test_a_templated_model_id_is_expanded_over_its_sibling_list(make_tree: MakeTree) -> None:
    doc = [
        {
            "model_name": "DeepSeek-OCR",
            "model_specs": [
                {
                    "model_format": "mlx",
                    "model_src": {
                        "huggingface": {
                            "model_id": "mlx-community/DeepSeek-OCR-{quantization}",
                            "model_revision": "main",
                            "quantizations": ["8bit", "4bit"],
                        }
                    },
                },
                # no list to fill the placeholder from: nothing is guessed
                {"model_id": "someorg/Other-{variant}", "quantizations": ["8bit"]},
            ],
        }
    ]
    inv = scan(make_tree({"xinference/model/image/model_spec.json": json.dumps(doc, indent=2)}))
    found = models(inv)
    assert {"mlx-community/deepseek-ocr-8bit", "mlx-community/deepseek-ocr-4bit"} <= set(found)
    assert found["mlx-community/deepseek-ocr-8bit"] == {"xinference/model/image/model_spec.json:9"}
    assert not any("{" in name or name.startswith("someorg/") for name in everything(inv))


def test_an_organisation_named_like_a_provider_route_is_a_hub_org_outside_litellm(
    make_tree: MakeTree,
) -> None:
    spec = {
        "model_src": {
            "huggingface": {"model_id": "THUDM/CogView4-6B"},
            "modelscope": {"model_id": "ZhipuAI/CogView4-6B"},
        }
    }
    inv = scan(make_tree({"model/image/model_spec.json": json.dumps(spec, indent=2)}))
    assert {"thudm/cogview4-6b", "zhipuai/cogview4-6b"} <= set(models(inv))
    assert "cogview4-6b" not in hosted(inv)
    # in a LiteLLM config the same prefix is still a route to Zhipu
    litellm = (
        "model_list:\n  - model_name: glm\n    litellm_params:\n      model: zhipuai/glm-4-plus\n"
    )
    routed = hosted(scan(make_tree({"litellm_config.yaml": litellm})))
    assert routed.get("glm-4-plus") == {"zhipu"}


def test_keys_of_entries_that_name_their_own_model_are_aliases(make_tree: MakeTree) -> None:
    aliased = {
        "models": {
            "gpt-5-2025-08-07-high": {"model_name": "gpt-5-2025-08-07", "temperature": 0},
            "qwen3-max": {"model_name": "qwen3-max", "base_url": "https://x.example/v1"},
        }
    }
    keyed = {
        "models": {
            "gpt-4.1-mini": {"temperature": 0},
            "o4-mini": {"id": "o4-mini", "temperature": 1},
        }
    }
    inv = scan(
        make_tree(
            {
                "bench/models_config.json": json.dumps(aliased, indent=2),
                "conf/keyed.json": json.dumps(keyed, indent=2),
            }
        )
    )
    found = everything(inv)
    assert {"gpt-5-2025-08-07", "qwen3-max"} <= found
    assert "gpt-5-2025-08-07-high" not in found
    # keys of entries without another model of their own are the models
    assert {"gpt-4.1-mini", "o4-mini"} <= found
    assert "conf/keyed.json:3" in service_places(inv, "openai")


def test_a_tokenizer_config_naming_a_hub_repo_is_a_model_used(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "examples/mamba/config.yml": (
                "base_model: state-spaces/mamba-2.8b\n"
                "model_type: MambaLMHeadModel\n"
                "tokenizer_type: AutoTokenizer\n"
                "tokenizer_config: EleutherAI/gpt-neox-20b\n"
            ),
            "examples/other/config.yml": (
                "base_model: state-spaces/mamba-130m\n"
                "tokenizer_config: ./tokenizer/tokenizer_config.json\n"
            ),
        }
    )
    found = models(scan(root))
    assert found["eleutherai/gpt-neox-20b"] == {"examples/mamba/config.yml:4"}
    assert not any("tokenizer_config" in name or name == "automodel" for name in found)
    assert "autotokenizer" not in found


def test_a_pinned_model_version_listed_under_a_provider_is_its_model(make_tree: MakeTree) -> None:
    pinned = "replicate/all-mpnet-base-v2:" + "b6b7585c" * 8
    doc = _factories(
        {
            "name": "Replicate",
            "url": "https://api.replicate.com",
            "llm": [{"llm_name": pinned}, {"llm_name": "meta/meta-llama-3-70b-instruct"}],
        },
        # outside a provider's entry the same shape is nobody's model
        {"name": "Registry", "images": [{"image": "acme/worker:" + "ab12" * 10}]},
    )
    inv = scan(make_tree({"conf/llm_factories.json": doc}))
    names = hosted(inv)
    assert names[pinned] == {"replicate"}
    assert not any(name.startswith("acme/") for name in everything(inv))
