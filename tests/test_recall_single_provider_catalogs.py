"""A catalog whose recognised members are all one hosted provider's vouches for its other names.

Groq's ``gemma-7b-it`` (served under the same name elsewhere, so no pattern attributes it) in a
list of Groq names is Groq's; a hub load of ``google/gemma-7b-it`` stays a hub model. A mixed
list, a word, or a name led by another provider's (``dashscope-...``) is vouched for by nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_a_single_provider_catalog_vouches_for_its_versioned_names(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "gen/groq.py": (
                'GROQ_BASE_URL = "https://api.groq.com/openai/v1/"\n'
                "DEFAULT_MODEL_LIST = [\n"
                '    "gemma-7b-it", "gemma2-9b-it", "llama3-8b-8192",\n'
                '    "llama-3.1-8b-instant", "mixtral-8x7b-32768",\n'
                "]\n"
            ),
            "gen/hub.py": (
                "from transformers import AutoModel\n"
                'm = AutoModel.from_pretrained("google/gemma-7b-it")\n'
            ),
        }
    )
    inv = scan(root)
    assert hosted(inv).get("gemma-7b-it") == {"groq"}
    assert "google/gemma-7b-it" in models(inv)


def test_catalogs_of_several_providers_or_words_vouch_for_nothing(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/catalogs.py": (
                'MIXED_MODELS = ["gpt-4o", "claude-3-5-sonnet-20240620", "gemma-7b-it", "o1"]\n'
                "CHAT_MODELS = [\n"
                '    "llama3-70b-8192", "llama3-8b-8192", "mixtral-8x7b-32768", "gemma2-9b-it",\n'
                '    "llama-3.1-8b-instant", "llama-3.3-70b-versatile", "llama-guard-3-8b",\n'
                '    "llama3-groq-70b-8192-tool-use-preview", "house-bot", "dashscope-qwen3-qwen3-32b",\n'
                "]\n"
                'OPENAI_MODELS = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "acme/phi-2-ft"]\n'
            ),
        }
    )
    found = everything(scan(root))
    assert "llama3-70b-8192" in found and "gpt-4.1" in found
    assert not {"gemma-7b-it", "house-bot", "dashscope-qwen3-qwen3-32b"} & found
