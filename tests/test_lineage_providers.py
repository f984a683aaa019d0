"""The hosted-API provider table: whose infrastructure a service's data flows to (issue 3, item 6)."""

from __future__ import annotations

import pytest

from aibom.lineage.providers import (
    get_provider,
    provider_for_client,
    provider_for_endpoint,
    provider_for_model_name,
    providers,
)


def test_every_provider_named_by_the_issue_has_a_country() -> None:
    expect = {
        "deepseek": "CN", "alibaba-dashscope": "CN", "moonshot": "CN", "zhipu": "CN", "minimax": "CN",
        "baidu": "CN", "openai": "US", "anthropic": "US", "google": "US", "mistral": "FR", "cohere": "CA",
        "groq": "US", "together": "US", "azure-openai": "US", "aws-bedrock": "US",
        "baichuan": "CN", "sensenova": "CN", "iflytek-spark": "CN", "upstage": "KR", "nebius": "NL", "scaleway": "FR",
    }  # fmt: skip
    got = {pid: (p.country if (p := get_provider(pid)) else None) for pid in expect}
    assert got == expect
    for p in providers().values():
        assert p.default_endpoint, p.id


@pytest.mark.parametrize(
    ("url", "provider"),
    [
        ("https://api.deepseek.com/v1", "deepseek"),
        ("https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "alibaba-dashscope"),
        ("https://api.moonshot.cn/v1", "moonshot"),
        ("https://open.bigmodel.cn/api/paas/v4/", "zhipu"),
        ("https://myres.openai.azure.com", "azure-openai"),
        ("https://bedrock-runtime.eu-west-1.amazonaws.com", "aws-bedrock"),
        ("https://s3.eu-west-1.amazonaws.com", None),
        ("https://api.baichuan-ai.com/v1", "baichuan"),
        ("https://api.studio.nebius.com/v1/", "nebius"),
        ("http://localhost:11434", "ollama"),
        ("http://localhost:8000/v1", "self-hosted"),
    ],
)
def test_provider_for_endpoint(url: str, provider: str | None) -> None:
    assert provider_for_endpoint(url) == provider


def test_model_names_and_clients() -> None:
    assert provider_for_model_name("deepseek-chat") == "deepseek"
    assert provider_for_model_name("qwen-max") == "alibaba-dashscope"
    assert provider_for_model_name("Baichuan4") == "baichuan"
    assert provider_for_model_name("solar-pro") == "upstage"
    assert provider_for_model_name("Qwen/Qwen2.5-7B") is None  # a hub id, not an API model
    assert provider_for_client("anthropic") == "anthropic"
