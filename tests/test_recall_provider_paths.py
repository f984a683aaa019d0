"""Routes to a provider's own model paths and the Cerebras and Writer SDK clients (issue 11).

``"fireworks/accounts/fireworks/models/deepseek-v3"``: a ``provider/model`` catalog (instructor's
``KnownModelName``, read by ``from_provider``) spells Fireworks' model paths after the route
prefix. ``fireworks`` is also a Hugging Face organisation, so ``fireworks/x`` alone stays a hub
id; with the provider's own ``accounts/.../models/...`` path after it the string has too many
slashes to be one, and it is a route. ``cerebras.cloud.sdk.Cerebras()`` and
``writerai.Writer()`` are hosted API clients like ``groq.Groq()``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import endpoints, everything, hosted, model_kinds, scan

from aibom.knowledge.classify import litellm_route, strong_model_literal

MakeTree = Callable[[dict[str, str | bytes]], Path]

CATALOG = (
    "from typing import Literal\n"
    "from typing_extensions import TypeAliasType\n"
    "KnownModelName = TypeAliasType(\n"
    "    'KnownModelName',\n"
    "    Literal[\n"
    "        'openai/gpt-4o',\n"
    "        'anthropic/claude-3-5-haiku-latest',\n"
    "        'groq/llama-3.1-8b-instant',\n"
    "        'fireworks/accounts/fireworks/models/deepseek-v3',\n"
    "        'fireworks/accounts/fireworks/models/llama4-scout-instruct-basic',\n"
    "    ],\n"
    ")\n"
)


def test_provider_paths_after_a_route_prefix_in_a_literal_catalog(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"pkg/models.py": CATALOG}))
    found = hosted(inv)
    assert found["accounts/fireworks/models/deepseek-v3"] == {"fireworks"}
    assert found["accounts/fireworks/models/llama4-scout-instruct-basic"] == {"fireworks"}
    assert "openai/gpt-4o" in everything(inv)  # the other members as before


def test_provider_paths_in_a_plain_model_list(make_tree: MakeTree) -> None:
    src = (
        "SUPPORTED_MODELS = [\n"
        "    'fireworks/accounts/fireworks/models/qwen3-30b-a3b',\n"
        "    'fireworks/accounts/fireworks/models/llama-v3p1-8b-instruct',\n"
        "]\n"
    )
    found = hosted(scan(make_tree({"app/models.py": src})))
    assert found["accounts/fireworks/models/qwen3-30b-a3b"] == {"fireworks"}


def test_route_reading_needs_the_providers_own_path() -> None:
    assert litellm_route("fireworks/accounts/fireworks/models/deepseek-v3") == (
        "fireworks",
        "accounts/fireworks/models/deepseek-v3",
    )
    assert strong_model_literal("fireworks/accounts/fireworks/models/deepseek-v3")
    # decoys: an organisation's hub repo, another provider's path, a path of no provider
    assert litellm_route("fireworks/firefunction-v2") is None
    assert litellm_route("fireworks/accounts/acme/datasets/x") is None
    assert litellm_route("together/meta-llama/Llama-3-8b-chat-hf") is None
    assert litellm_route("groq/accounts/fireworks/models/deepseek-v3") is None


def test_hub_ids_of_a_route_organisation_stay_hub_ids(make_tree: MakeTree) -> None:
    src = (
        "from transformers import AutoModel\n"
        "m = AutoModel.from_pretrained('fireworks-ai/firefunction-v1')\n"
        "MODELS = ['cerebras/Cerebras-GPT-111M', 'cerebras/Cerebras-GPT-256M']\n"
    )
    inv = scan(make_tree({"app/load.py": src}))
    kinds = model_kinds(inv)
    assert kinds["cerebras/cerebras-gpt-111m"] == "hub"
    assert not any(v for k, v in hosted(inv).items() if k.startswith("cerebras-gpt"))


def test_cerebras_and_writer_clients_are_services(make_tree: MakeTree) -> None:
    src = (
        "from cerebras.cloud.sdk import AsyncCerebras, Cerebras\n"
        "from writerai import AsyncWriter, Writer\n"
        "def make(async_client: bool):\n"
        "    a = AsyncCerebras() if async_client else Cerebras()\n"
        "    b = AsyncWriter() if async_client else Writer()\n"
        "    return a, b\n"
    )
    providers = {p for p, _ in endpoints(scan(make_tree({"pkg/auto.py": src})))}
    assert {"cerebras", "writer"} <= providers


def test_writer_classes_of_other_libraries_are_no_service(make_tree: MakeTree) -> None:
    src = (
        "from csv import writer\n"
        "from mylib.io import Writer\n"
        "from torch.utils.tensorboard import SummaryWriter\n"
        "w = Writer('out.txt')\n"
        "s = SummaryWriter()\n"
        "class Cerebras:\n"
        "    pass\n"
        "c = Cerebras()\n"
    )
    providers = {p for p, _ in endpoints(scan(make_tree({"app/io.py": src})))}
    assert "writer" not in providers
    assert "cerebras" not in providers


HOST_LIST = (
    "models = [\n"
    "    'codellama-34b-instruct',\n"
    "    'llama-2-70b-chat',\n"
    "    'mistral-7b-instruct',\n"
    "    'pplx-7b-chat',\n"
    "    'pplx-70b-chat',\n"
    "    'pplx-7b-online',\n"
    "    'pplx-70b-online',\n"
    "]\n"
)


def test_an_open_weights_name_in_a_hosts_list_is_the_hosts(make_tree: MakeTree) -> None:
    found = hosted(scan(make_tree({"examples/perplexity.py": HOST_LIST})))
    assert found["mistral-7b-instruct"] == {"perplexity"}
    assert found["pplx-70b-chat"] == {"perplexity"}
    assert found["llama-2-70b-chat"] == {"perplexity"}


def test_a_vendors_own_api_name_keeps_its_vendor_in_a_hosts_list(make_tree: MakeTree) -> None:
    src = HOST_LIST.replace("'mistral-7b-instruct'", "'mistral-large-latest'")
    found = hosted(scan(make_tree({"app/models.py": src})))
    assert found["mistral-large-latest"] == {"mistral"}  # no parameter size: Mistral's API name
    assert "llama-2-70b-chat" not in found  # the list is no longer one provider's


def test_a_closed_vendors_list_does_not_take_open_weights_names(make_tree: MakeTree) -> None:
    src = "MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'mistral-7b-instruct']\n"
    found = hosted(scan(make_tree({"app/models.py": src})))
    assert found["gpt-4o"] == {"openai"}
    assert "openai" not in found["mistral-7b-instruct"]


def test_open_weights_names_must_be_outnumbered(make_tree: MakeTree) -> None:
    src = (
        "MODELS = ['pplx-7b-chat', 'pplx-70b-chat', 'pplx-7b-online',\n"
        "          'mistral-7b-instruct', 'mistral-7b-instruct-v0.2']\n"
    )
    found = hosted(scan(make_tree({"app/models.py": src})))
    assert found["mistral-7b-instruct"] != {"perplexity"}
