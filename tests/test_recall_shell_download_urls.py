"""Shell assignments holding a Hugging Face file download URL (issue 11): the hub repo a
later step downloads (``export WEIGHTS_URL="https://huggingface.co/ORG/REPO/resolve/..."``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import model_kinds, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_a_download_url_assignment_names_its_hub_repo(make_tree: MakeTree) -> None:
    script = (
        "#!/bin/bash\n"
        'case "$size" in\n'
        "  small)\n"
        '    export WEIGHTS_URL="https://huggingface.co/acme-labs/Tiny-Chat-3B-GGUF/resolve/main/tiny.Q4_K_M.gguf"\n'
        "    ;;\n"
        "  big)\n"
        "    FETCH=https://huggingface.co/acme-labs/Big-Chat-34B-GGUF/resolve/v1.2/big.Q4_0.gguf\n"
        "    ;;\n"
        "esac\n"
    )
    kinds = model_kinds(scan(make_tree({"scripts/start.sh": script})))
    assert kinds["acme-labs/tiny-chat-3b-gguf"] == "hub"
    assert kinds["acme-labs/big-chat-34b-gguf"] == "hub"


def test_hub_pages_and_datasets_in_assignments_are_no_models(make_tree: MakeTree) -> None:
    script = (
        'export DOCS_URL="https://huggingface.co/docs/transformers/index"\n'
        'export CARD="https://huggingface.co/acme-labs/Tiny-Chat-3B"\n'
        'export DATA_URL="https://huggingface.co/datasets/acme-labs/chats/resolve/main/a.json"\n'
        'export SPACE="https://huggingface.co/spaces/acme-labs/demo/resolve/main/app.py"\n'
    )
    kinds = model_kinds(scan(make_tree({"scripts/env.sh": script})))
    assert not kinds
