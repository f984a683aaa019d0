"""A provider setting holding a LiteLLM route (issue 11, round L): Crawl4AI's
``LLMConfig(provider="ollama/llama3")`` convention, ``llm_provider: str = "ollama/llama3"``
passed on to it, names the model too; a bare provider name or another path does not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_a_provider_parameter_holding_a_route_names_its_model(make_tree: MakeTree) -> None:
    source = (
        "from crawl4ai import LLMConfig\n"
        "\n"
        "async def structured_scrape(url, llm_provider: str = 'ollama/llama3', api_key=None):\n"
        "    return LLMConfig(provider=llm_provider, api_token=api_key)\n"
    )
    found = models(scan(make_tree({"loaders/crawl.py": source})))
    assert "llama3" in found


def test_provider_parameters_without_a_route_name_no_model(make_tree: MakeTree) -> None:
    source = (
        "from somewhere import Store, Client\n"
        "\n"
        "def connect(provider: str = 'openai', storage_provider: str = 's3/bucket-1'):\n"
        "    return Client(provider=provider, store=Store(storage_provider))\n"
    )
    found = everything(scan(make_tree({"app/connect.py": source})))
    assert not found & {"openai", "s3/bucket-1", "bucket-1"}
