"""Model lists grown by ``extend`` (issue 11): a ``/models`` handler extending a model-named list
with a literal catalog (or a local list named as models) offers those models; decoys stay out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

_HANDLER = """\
def handle_models(self):
    embedding_models = [self.config.get("embedding_model_name")]
    embedding_models.extend([
        "microsoft/harrier-oss-v1-0.6b",
        "Qwen/Qwen3-Embedding-4B",
        "Qwen/Qwen3-Embedding-8B",
    ])
    return {"embedding_models": embedding_models}


def handle_models_v2(self):
    embedding_models = []
    huggingface_embedding_models = [
        "BAAI/bge-small-en-v1.5",
        "BAAI/bge-base-en-v1.5",
    ]
    embedding_models.extend(huggingface_embedding_models)
    return embedding_models
"""


def test_a_model_list_extended_with_a_literal_catalog(make_tree: MakeTree) -> None:
    found = models(scan(make_tree({"backend/server.py": _HANDLER})))
    assert "backend/server.py:5" in found["qwen/qwen3-embedding-4b"]
    assert "qwen/qwen3-embedding-8b" in found
    assert "baai/bge-small-en-v1.5" in found
    assert "baai/bge-base-en-v1.5" in found


def test_other_lists_extended_are_no_catalog(make_tree: MakeTree) -> None:
    src = (
        "def build(self):\n"
        "    paths = []\n"
        '    paths.extend(["docs/intro.md", "docs/setup.md"])\n'
        "    model_args = []\n"
        '    model_args.extend(["--port", "8080", "--host"])\n'
        "    model_names = []\n"
        "    model_names.extend(m for m in self.pulled if m)\n"
        "    return paths, model_args, model_names\n"
    )
    names = everything(scan(make_tree({"app.py": src})))
    assert not any(n.startswith(("docs/", "--")) or n == "8080" for n in names)
