"""Issue 11, round R: a provider-keyed model -> number table the program refuses other models by
(``if model not in models_tokens[provider]: raise``, or a comprehension over its blocks that
finds the provider and a ``raise`` when none has the model) is the product's catalog; the same
table only read with ``.get`` for a limit is a token-limit lookup and stays out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, model_kinds, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]

TABLE = """
models_tokens = {
    "openai": {"gpt-4o-2024-08-06": 128000, "o3-pro": 200000},
    "anthropic": {"claude-3-haiku-20240307": 200000},
    "ollama": {"llama3.1:8b": 128000, "nomic-embed-text": 8192},
    "google_genai": {"gemini-2.0-flash": 1000000},
    "mygateway": {"Llama-3.1-405b": 128000},
}
"""

INIT = "from .models_tokens import models_tokens\n"

FACTORY_COMPREHENSION = """
from ..helpers import models_tokens


class Graph:
    def _create_llm(self, llm_config: dict):
        llm_params = dict(llm_config)
        providers = [p for p, models_d in models_tokens.items() if llm_params["model"] in models_d]
        if not providers:
            raise ValueError("Provider is not supported")
        return providers[0]
"""

FACTORY_SUBSCRIPT = """
from .tables import models_tokens


def check(provider: str, model: str) -> None:
    if model not in models_tokens[provider]:
        raise ValueError(f"unsupported model {model}")
"""

LOOKUP_ONLY = """
from .tables import models_tokens


def limit(provider: str, model: str) -> int:
    return models_tokens.get(provider, {}).get(model, 8192)


def known(provider: str, key: str) -> bool:
    if key in models_tokens[provider]:  # not a model name
        raise KeyError(key)
    return True
"""


def test_a_table_the_factory_refuses_other_models_by_is_the_catalog(make_tree: MakeTree) -> None:
    inv = scan(
        make_tree(
            {
                "pkg/helpers/__init__.py": INIT,
                "pkg/helpers/models_tokens.py": TABLE,
                "pkg/graphs/graph.py": FACTORY_COMPREHENSION,
            }
        )
    )
    names = hosted(inv)
    assert names["gpt-4o-2024-08-06"] == {"openai"}
    assert names["o3-pro"] == {"openai"}
    assert names["claude-3-haiku-20240307"] == {"anthropic"}
    assert names["gemini-2.0-flash"] == {"google"}
    assert names["llama-3.1-405b"] == {"unknown"}  # a gateway aibom does not know
    kinds = model_kinds(inv)
    assert kinds["llama3.1:8b"] == "ollama"
    assert kinds["nomic-embed-text"] == "ollama"
    # each model where the table writes it, not where it is checked
    assert "pkg/helpers/models_tokens.py:3" in service_places(inv, "openai")
    assert models(inv)["llama3.1:8b"] == {"pkg/helpers/models_tokens.py:5"}


def test_a_not_in_check_of_a_provider_block(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"pkg/tables.py": TABLE, "pkg/check.py": FACTORY_SUBSCRIPT}))
    names = hosted(inv)
    assert names["o3-pro"] == {"openai"}
    assert names["claude-3-haiku-20240307"] == {"anthropic"}


def test_a_token_table_only_looked_up_stays_a_lookup(make_tree: MakeTree) -> None:
    inv = scan(make_tree({"pkg/tables.py": TABLE, "pkg/limits.py": LOOKUP_ONLY}))
    found = everything(inv)
    for name in ("gpt-4o-2024-08-06", "o3-pro", "claude-3-haiku-20240307", "llama-3.1-405b"):
        assert name not in found


def test_a_checked_table_that_is_not_provider_keyed_is_left_alone(make_tree: MakeTree) -> None:
    table = """
limits = {
    "small": {"gpt-4o-2024-08-06": 1, "o3-pro": 2},
    "large": {"claude-3-haiku-20240307": 3},
}
"""
    check = """
from .tables import limits


def check(tier: str, model: str) -> None:
    if model not in limits[tier]:
        raise ValueError(model)
"""
    found = everything(scan(make_tree({"pkg/tables.py": table, "pkg/check.py": check})))
    assert "o3-pro" not in found
    assert "claude-3-haiku-20240307" not in found
