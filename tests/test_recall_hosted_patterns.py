"""Per-provider model-name patterns (knowledge data): positives and near misses."""

from __future__ import annotations

import pytest

from aibom.knowledge.classify import classify_model_value
from aibom.knowledge.providers import provider_for_model_name


@pytest.mark.parametrize(
    ("name", "provider"),
    [
        ("glm-4", "zhipu"),
        ("glm-4-airx", "zhipu"),
        ("embedding-3", "zhipu"),
        ("generalv3.5", "iflytek-spark"),
        ("4.0Ultra", "iflytek-spark"),
        ("Pro/deepseek-ai/DeepSeek-R1", "siliconflow"),
        ("llama3-8b-8192", "groq"),
        ("mixtral-8x7b-32768", "groq"),  # Groq's context-length suffix beats Mistral's prefix
        ("openrouter/auto", "openrouter"),
        ("meta-llama/llama-3.1-8b-instruct:free", "openrouter"),
        ("accounts/fireworks/models/llama-v3p1-8b-instruct", "fireworks"),
        ("anthropic.claude-3-5-sonnet-20240620-v1:0", "aws-bedrock"),
        ("us.amazon.nova-pro-v1:0", "aws-bedrock"),
        ("qwen-omni-turbo", "alibaba-dashscope"),
        ("qwen-audio-turbo-latest", "alibaba-dashscope"),
        ("MiniMax-M2.7", "minimax"),
        ("learnlm-1.5-pro-experimental", "google"),
        ("gemma-3-27b-it", "google"),
        ("eleven_multilingual_v2", "elevenlabs"),
        ("nova-3", "deepgram"),
        ("voyage-3-lite", "voyage"),
        ("sd3-large-turbo", "stability"),
        ("gpt-image-1", "openai"),
        ("@cf/meta/llama-3.1-8b-instruct-fast", "cloudflare"),  # Workers AI catalog ids
        ("@hf/thebloke/zephyr-7b-beta-awq", "cloudflare"),
        ("eb-instant", "baidu"),  # Qianfan's endpoint name for ERNIE-Bot-turbo
        ("qwen-bailian-v1", "alibaba-dashscope"),
    ],
)
def test_patterns_attribute_names_to_their_provider(name: str, provider: str) -> None:
    assert provider_for_model_name(name) == provider
    mv = classify_model_value(name)
    assert mv is not None and mv.provider == provider


@pytest.mark.parametrize(
    "name",
    [
        "general",  # Spark's plain name: only a catalog naming the provider vouches for it
        "lite",
        "amazon.com",  # a domain, not a Bedrock model id
        "meta.json",
        "nova",
        "glm4",  # an Ollama tag, not Zhipu's API name
        "gemma-7b-it",  # served by many providers: no pattern decides
        "qwen2.5-coder",  # Ollama tag
        "deepseek-ai/DeepSeek-R1",  # a hub id (SiliconFlow only with Pro/)
        "@cf/meta",  # an npm-style scope, not a Workers AI model
        "@types/node",
        "eb-instant-app",
        "eb",
        "bailian-v1",
    ],
)
def test_near_misses_are_not_attributed_by_pattern(name: str) -> None:
    mv = classify_model_value(name)
    assert mv is None or mv.provider is None
