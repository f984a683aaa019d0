"""Evaluation commands and fine-tune labels (issue 11).

An LLM-as-judge run names its judge with ``--judge-model`` (MT-Bench, many eval
harnesses), a reward or reference model with ``--reward-model``/``--ref-model``: those are
models the project calls. The answer labels such runs compare (``mistral-dolphin-sft``)
are the project's own names, not a provider's models: Mistral's API names put a tier,
task or size right after ``mistral-``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

from aibom.knowledge.providers import provider_for_model_name

MakeTree = Callable[[dict[str, str | bytes]], Path]


def _notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "metadata": {},
                    "source": text.splitlines(keepends=True),
                    "outputs": [],
                    "execution_count": None,
                }
                for text in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


def test_judge_model_of_a_shell_cell_and_answer_labels(make_tree: MakeTree) -> None:
    nb = _notebook(
        'model_path = "/fsx/me/dolphin-dpo"\n'
        'model_id = "mistral-dolphin-dpo"\n'
        "!python gen_model_answer.py --model-id {model_id} --model-path {model_path}\n",
        '!OPENAI_API_KEY={key} python gen_judgment.py --model-list "mistral-dolphin-dpo" '
        '--judge-model "gpt-4-1106-preview" --mode pairwise-all\n',
    )
    inv = scan(make_tree({"eval/mt_bench.ipynb": nb}))
    assert hosted(inv)["gpt-4-1106-preview"] == {"openai"}
    assert "mistral-dolphin-dpo" not in everything(inv)


def test_reward_and_reference_model_flags(make_tree: MakeTree) -> None:
    script = (
        "#!/bin/bash\n"
        "python train_ppo.py --reward-model acme-labs/rm-1b --ref_model acme-labs/sft-1b \\\n"
        "    --output-dir out/acme-labs-run\n"
    )
    inv = scan(make_tree({"scripts/ppo.sh": script}))
    found = everything(inv)
    assert {"acme-labs/rm-1b", "acme-labs/sft-1b"} <= found
    assert "out/acme-labs-run" not in found


def test_mistral_api_names_follow_its_naming_scheme() -> None:
    for name in (
        "mistral-large-latest",
        "mistral-small-2503",
        "mistral-embed",
        "mistral-ocr-latest",
        "mistral-7b-instruct",
        "open-mistral-nemo",
        "codestral-latest",
    ):
        assert provider_for_model_name(name) == "mistral", name
    for label in ("mistral-dolphin-sft", "mistral-finetune-v2", "mistral-chat-app"):
        assert provider_for_model_name(label) is None, label
