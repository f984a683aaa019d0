"""Issue 11: a model -> number table (context windows, dimensions) the program enumerates to
build what it offers (``for model, ctx in TABLE.items(): LLMConfig(model=model)``,
``[Model(name=k) for k in TABLE]``, ``return list(TABLE)`` from a function named for models),
or filters a provider's model list by (``if name not in TABLE: continue``, a ``.get`` look-up
whose miss skips the model), is the product's catalog; a list of model records enumerated the
same way names its models. A table only looked up, a price table and tests stay out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]

CONSTANTS = """
GOOGLE_MODEL_TO_CONTEXT_LENGTH = {
    "gemini-2.5-pro": 1048576,
    "gemini-2.0-flash-001": 1048576,
    "gemini-1.5-pro": 2097152,
}

GOOGLE_EMBEDDING_MODEL_TO_DIM = {"text-embedding-005": 768, "text-multilingual-embedding-002": 768}
"""

VERTEX = """
from app.schemas import LLMConfig, EmbeddingConfig


class GoogleVertexProvider:
    async def list_llm_models(self):
        from app.constants import GOOGLE_MODEL_TO_CONTEXT_LENGTH

        configs = []
        for model, context_length in GOOGLE_MODEL_TO_CONTEXT_LENGTH.items():
            configs.append(LLMConfig(model=model, context_window=context_length))
        return configs

    async def list_embedding_models(self):
        from app.constants import GOOGLE_EMBEDDING_MODEL_TO_DIM

        return [
            EmbeddingConfig(embedding_model=m, embedding_dim=d)
            for m, d in GOOGLE_EMBEDDING_MODEL_TO_DIM.items()
        ]
"""

SCHEMAS = """
class LLMConfig:
    def __init__(self, model, context_window=None):
        self.model = model


class EmbeddingConfig:
    def __init__(self, embedding_model, embedding_dim=None):
        self.embedding_model = embedding_model
"""

XAI = """
import logging

logger = logging.getLogger(__name__)

MODEL_CONTEXT_WINDOWS = {
    "grok-3": 131_072,
    "grok-3-mini": 131_072,
    "grok-4-0709": 256_000,
}


class XAIProvider:
    def get_model_context_window_size(self, model_name):
        return MODEL_CONTEXT_WINDOWS.get(model_name)

    def list_models(self, data):
        configs = []
        for model in data:
            model_name = model["id"]
            if "context_length" in model:
                context_window_size = model["context_length"]
            else:
                context_window_size = self.get_model_context_window_size(model_name)
            if not context_window_size:
                logger.warning("no context window for %s", model_name)
                continue
            configs.append({"model": model_name, "context_window": context_window_size})
        return configs
"""

ZAI = """
MODEL_CONTEXT_WINDOWS = {"glm-4.5": 128000, "glm-4.6": 180000, "glm-5": 180000}


def supported(api_models):
    out = []
    for entry in api_models:
        model_name = entry["id"]
        if model_name not in MODEL_CONTEXT_WINDOWS:
            continue
        out.append(model_name)
    return out
"""

COMPREHENSION = """
from dataclasses import dataclass

EMBEDDING_DIMENSIONS = {"mistral-embed": 1024, "codestral-embed-2505": 1536}
CHAT_CONTEXT = {"mistral-large-2411": 131072, "mistral-small-2503": 131072}


@dataclass
class Model:
    name: str


def offered():
    return [Model(name=k) for k in EMBEDDING_DIMENSIONS]


def list_models():
    return list(CHAT_CONTEXT.keys())
"""

MINIMAX = """
MODEL_LIST = [
    {"name": "MiniMax-M2.5", "context_window": 200000, "max_output": 128000},
    {"name": "MiniMax-M2.7", "context_window": 200000, "max_output": 128000},
]


class MiniMaxProvider:
    def list_llm_models(self):
        configs = []
        for model in MODEL_LIST:
            configs.append(dict(model=model["name"], context_window=model["context_window"]))
        return configs
"""

LOOKUPS = """
MODEL_CONTEXT_WINDOWS = {"grok-3-fast": 131_072, "grok-4-fast-reasoning": 2_000_000}
AZURE_MODEL_TO_CONTEXT_LENGTH = {"gpt-4o-2024-11-20": 128000, "gpt-4.1-nano": 1047576}
MODEL_PRICES = {"o3-deep-research": 10.0, "o4-mini-deep-research": 2.0}
TOKEN_LIMITS = {"claude-opus-4-1-20250805": 200000, "claude-3-5-haiku-20241022": 200000}


def context_window(model_name):
    return MODEL_CONTEXT_WINDOWS.get(model_name, 8192)


def azure_context(model_name):
    if model_name in AZURE_MODEL_TO_CONTEXT_LENGTH:
        return AZURE_MODEL_TO_CONTEXT_LENGTH[model_name]
    return 4096


def priced(make):
    return [make(model=m) for m, _ in MODEL_PRICES.items()]


def total_tokens():
    total = 0
    for name, limit in TOKEN_LIMITS.items():
        total += limit
    return total


def describe():
    return list(TOKEN_LIMITS.keys())
"""


def test_a_context_table_a_provider_builds_its_configs_from(make_tree: MakeTree) -> None:
    inv = scan(
        make_tree(
            {
                "app/__init__.py": "",
                "app/constants.py": CONSTANTS,
                "app/schemas.py": SCHEMAS,
                "app/providers/google_vertex.py": VERTEX,
            }
        )
    )
    names = hosted(inv)
    for name in ("gemini-2.5-pro", "gemini-2.0-flash-001", "gemini-1.5-pro"):
        assert names[name] == {"google"}
    assert names["text-embedding-005"] == {"google"}
    assert names["text-multilingual-embedding-002"] == {"google"}
    # each key where the table writes it, not where the loop reads it
    places = service_places(inv, "google")
    assert "app/constants.py:3" in places
    assert "app/constants.py:8" in places


def test_a_context_table_that_filters_the_api_model_list(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"app/xai.py": XAI, "app/zai.py": ZAI}))
    names = hosted(inv)
    for name in ("grok-3", "grok-3-mini", "grok-4-0709"):
        assert names[name] == {"xai"}
    for name in ("glm-4.5", "glm-4.6", "glm-5"):
        assert names[name] == {"zhipu"}
    assert "app/xai.py:7" in service_places(inv, "xai")


def test_keys_offered_by_a_comprehension_or_a_models_function(make_tree: MakeTree) -> None:
    names = hosted(scan(make_tree({"app/mistral.py": COMPREHENSION})))
    assert names["mistral-embed"] == {"mistral"}
    assert names["codestral-embed-2505"] == {"mistral"}
    assert names["mistral-large-2411"] == {"mistral"}
    assert names["mistral-small-2503"] == {"mistral"}


def test_a_record_list_a_provider_offers_the_names_of(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"app/providers/minimax.py": MINIMAX}))
    names = hosted(inv)
    assert names["minimax-m2.5"] == {"minimax"}
    assert names["minimax-m2.7"] == {"minimax"}


def test_tables_only_looked_up_priced_or_summed_stay_out(make_tree: MakeTree) -> None:
    found = everything(scan(make_tree({"app/limits.py": LOOKUPS})))
    for name in (
        "grok-3-fast",
        "grok-4-fast-reasoning",
        "gpt-4o-2024-11-20",
        "gpt-4.1-nano",
        "o3-deep-research",
        "o4-mini-deep-research",
        "claude-opus-4-1-20250805",
        "claude-3-5-haiku-20241022",
    ):
        assert name not in found


def test_an_enumerated_table_in_tests_stays_out(make_tree: MakeTree) -> None:
    found = everything(scan(make_tree({"tests/test_xai.py": XAI})))
    assert "grok-4-0709" not in found
