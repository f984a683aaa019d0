"""Example-collection shapes: a hub-repo parameter default handed on positionally, a legacy
hub id a project wrapper hands to a loader, and a filter-bank ``.npz`` that is no model."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
from recall_scan import everything, model_kinds, models, scan

from aibom.pipeline import ScanRequest, scan_tree

MakeTree = Callable[[dict[str, str | bytes]], Path]


def _npz(**arrays: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)  # type: ignore[arg-type]
    return buf.getvalue()


def test_hub_repo_default_handed_on_positionally(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "asr/transcribe.py": (
                "from asr.holder import ModelHolder\n"
                "def transcribe(audio, *, path_or_hf_repo: str = 'acme-community/whisper-turbo'):\n"
                "    model = ModelHolder.get_model(path_or_hf_repo, 'float16')\n"
                "    return model(audio)\n"
                "def describe(model_name: str = 'acme-community/other-model'):\n"
                "    print(model_name)\n"  # printed, never handed on: no model
            ),
            "asr/holder.py": (
                "class ModelHolder:\n"
                "    @classmethod\n"
                "    def get_model(cls, path, dtype):\n"
                "        return open(path)\n"
            ),
        }
    )
    found = models(scan(root))
    assert "asr/transcribe.py:2" in found["acme-community/whisper-turbo"]
    assert "acme-community/other-model" not in found


def test_legacy_hub_id_through_a_project_wrapper(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "t5/model.py": (
                "from transformers import AutoTokenizer\n"
                "class Tokenizer:\n"
                "    def __init__(self, config, model_name):\n"
                "        self._tok = AutoTokenizer.from_pretrained(model_name, legacy=False)\n"
                "def load(config):\n"
                "    return Tokenizer(config, 't5-base')\n"
                "def other(config):\n"
                "    return Tokenizer(config, 'my-tokenizer')\n"  # no legacy hub id
            ),
        }
    )
    inv = scan(root)
    assert model_kinds(inv)["t5-base"] == "hub"
    assert "my-tokenizer" not in everything(inv)


def test_small_plain_npz_is_data_but_weights_stay(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "audio/assets/mel_filters.npz": _npz(
                mel_80=np.zeros((80, 4), dtype=np.float32),
                mel_128=np.zeros((128, 4), dtype=np.float32),
            ),
            "weights/tiny.npz": _npz(
                **{
                    "encoder.weight": np.zeros((4, 4), dtype=np.float32),
                    "encoder.bias": np.zeros((4,), dtype=np.float32),
                }
            ),
            "weights/linear.npz": _npz(W=np.zeros((4, 4)), b=np.zeros((4,))),
        }
    )
    inv = scan_tree(ScanRequest(root=root, hash_weights=False))
    found = models(inv)
    assert "audio/assets/mel_filters.npz" not in found
    assert "weights/tiny.npz" in found
    assert "weights/linear.npz" in found
    codes = {(d.path, d.code) for d in inv.diagnostics}
    assert ("audio/assets/mel_filters.npz", "weights-data-array") in codes
