"""Strings and files that are not models: rate limits, library names, lone NumPy arrays; and a
hosted model name placed where it is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from builders.weights import npy_bytes
from recall_scan import everything, models, scan

from aibom.knowledge.classify import classify_model_value, is_library_name
from aibom.pipeline import ScanRequest, scan_tree

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_rates_are_no_hub_ids() -> None:
    for value in ("1/second", "100/minute", "5/hour", "1/10s", "30/day", "2.5/sec"):
        assert classify_model_value(value) is None, value
    for value in ("01-ai/Yi-34B-Chat", "2/bert-tiny", "someorg/second"):
        mv = classify_model_value(value)
        assert mv is not None and mv.kind is not None, value


def test_rate_limit_settings_are_no_models(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "server.py": (
                "import os\n"
                "limiter_model = os.getenv('LIMITER_MODEL', '1/second')\n"
                "MODEL_RATE = '20/minute'\n"
                "embedding_model = os.getenv('EMBED_MODEL', 'someorg/embedder-v2')\n"
            )
        }
    )
    found = everything(scan(root))
    assert "someorg/embedder-v2" in found
    assert not {"1/second", "20/minute"} & found


def test_library_names_are_no_local_models(make_tree: MakeTree) -> None:
    assert is_library_name("tiktoken") and is_library_name("Sentence_Transformers")
    assert not is_library_name("my-finetuned-model")
    root = make_tree(
        {
            "app/load.py": (
                "from transformers import AutoTokenizer\n"
                "\n"
                "def load(name):\n"
                "    if name == 'fast':\n"
                "        name = 'tiktoken'\n"
                "    return AutoTokenizer.from_pretrained(name)\n"
                "\n"
                "def load_local():\n"
                "    return AutoTokenizer.from_pretrained('my_tokenizer_dir')\n"
            ),
            "app/my_tokenizer_dir/tokenizer.json": "{}",
        }
    )
    found = models(scan(root))
    assert "tiktoken" not in found
    assert any("my_tokenizer_dir" in name for name in found)


def test_lone_plain_npy_arrays_are_data(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "spk/voice_a.npy": npy_bytes(np.zeros((512,), dtype=np.float32)),
            "spk/voice_b.npy": npy_bytes(np.ones((1, 512), dtype=np.float32)),
            "w/object.npy": npy_bytes(np.array([1, "x", None], dtype=object)),
        }
    )
    inv = scan_tree(ScanRequest(root=root, hash_weights=False))
    found = models(inv)
    assert not [n for n in found if n.startswith("spk/")]
    assert "w/object.npy" in found  # an object array is a pickle: it stays a model
    codes = {(d.path, d.code) for d in inv.diagnostics}
    assert ("spk/voice_a.npy", "weights-data-array") in codes


def test_hosted_name_from_a_variable_is_placed_where_written(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/chat.py": (
                "from openai import OpenAI\n"
                "\n"
                "def ask():\n"
                "    model = 'gpt-4o-mini'\n"
                "    client = OpenAI(base_url='http://localhost:8080/v1', api_key='x')\n"
                "    return client.chat.completions.create(\n"
                "        messages=[],\n"
                "        model=model,\n"
                "    )\n"
                "\n"
                "def embed(client):\n"
                "    return client.embeddings.create(\n"
                "        input='hi',\n"
                "        model='text-embedding-3-small',\n"
                "    )\n"
            )
        }
    )
    inv = scan(root)
    places = {
        str(o)
        for s in inv.services.values()
        if "gpt-4o-mini" in s.models or "text-embedding-3-small" in s.models
        for o in s.occurrences
    }
    assert "app/chat.py:4" in places  # model = 'gpt-4o-mini'
    assert "app/chat.py:14" in places  # the keyword line inside the call
