"""Fine-tuning loaders name the model with a keyword of their own (issue 11).

Unsloth's ``FastLanguageModel`` / ``FastModel`` / ``FastVisionModel`` ``.from_pretrained``
take the hub id as ``model_name=`` (frameworks.yaml ``pretrained_loader_args``), not
transformers' ``pretrained_model_name_or_path``. The keyword counts only on those classes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def _notebook(*codes: str) -> str:
    cells = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": c.splitlines(keepends=True)}
        for c in codes
    ]  # fmt: skip
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_unsloth_loaders_read_model_name_in_scripts_and_notebooks(make_tree: MakeTree) -> None:
    script = (
        "from unsloth import FastLanguageModel, FastModel\n"
        "model, tok = FastLanguageModel.from_pretrained(\n"
        '    model_name = "unsloth/Llama-3.1-8B",\n'
        "    max_seq_length = 2048,\n"
        ")\n"
        'm2, t2 = FastModel.from_pretrained(model_name="unsloth/gemma-3-270m-it")\n'
    )
    nb = _notebook(
        "from unsloth import FastVisionModel\n",
        'model, proc = FastVisionModel.from_pretrained(model_name = "unsloth/Qwen2-VL-7B-Instruct")\n',
    )
    found = models(scan(make_tree({"train.py": script, "nb/vision.ipynb": nb})))
    assert found["unsloth/llama-3.1-8b"] == {"train.py:2"}
    assert "unsloth/gemma-3-270m-it" in found
    assert any(o.startswith("nb/vision.ipynb#cell=") for o in found["unsloth/qwen2-vl-7b-instruct"])


def test_model_name_keyword_is_not_read_on_other_from_pretrained_classes(
    make_tree: MakeTree,
) -> None:
    code = (
        "from mylib import Wrapper\n"
        "from transformers import AutoModel\n"
        'w = Wrapper.from_pretrained(model_name="acme/not-a-loader")\n'
        'm = AutoModel.from_pretrained("bert-base-uncased", model_name="acme/ignored-kw")\n'
    )
    found = everything(scan(make_tree({"app.py": code})))
    assert "bert-base-uncased" in found or "google-bert/bert-base-uncased" in found
    assert not {"acme/not-a-loader", "acme/ignored-kw"} & found
