"""Rule 6 of the recall issue: notebooks at scale.

Every code cell that loads a model counts, in every translated copy of a notebook, and a
model id set in an earlier cell reaches the load in a later one. Markdown cells are prose.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def _notebook(*cells: tuple[str, str]) -> str:
    return json.dumps(
        {
            "cells": [
                {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True)}
                | ({"outputs": [], "execution_count": None} if kind == "code" else {})
                for kind, text in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


def test_model_id_defined_in_an_earlier_cell(make_tree: MakeTree) -> None:
    nb = _notebook(
        ("markdown", "# Fine-tuning\nWe start from HuggingFaceTB/SmolLM2-360M in prose.\n"),
        ("code", 'checkpoint = "HuggingFaceTB/SmolLM2-135M"\n'),
        ("code", "import torch\n"),
        (
            "code",
            "from transformers import AutoModelForCausalLM\n"
            "model = AutoModelForCausalLM.from_pretrained(checkpoint)\n",
        ),
    )
    found = models(scan(make_tree({"course/unit1/sft.ipynb": nb})))
    assert any(
        o.startswith("course/unit1/sft.ipynb#cell=") for o in found["huggingfacetb/smollm2-135m"]
    )
    assert "huggingfacetb/smollm2-360m" not in found


def test_every_translated_copy_counts(make_tree: MakeTree) -> None:
    code = (
        "from sentence_transformers import SentenceTransformer\n"
        'encoder = SentenceTransformer("sentence-transformers/all-mpnet-base-v2")\n'
    )
    files = {
        f"notebooks/{lang}/retrieval.ipynb": _notebook(("markdown", "# RAG\n"), ("code", code))
        for lang in ("en", "ja", "vi", "es", "ko", "pt")
    }
    found = models(scan(make_tree(files)))
    places = {o.split("#", 1)[0] for o in found["sentence-transformers/all-mpnet-base-v2"]}
    assert places == set(files)


def test_markdown_only_notebook_has_no_models(make_tree: MakeTree) -> None:
    nb = _notebook(("markdown", "Try `AutoModel.from_pretrained('org-x/model-y')` yourself.\n"))
    assert "org-x/model-y" not in everything(scan(make_tree({"guide.ipynb": nb})))
