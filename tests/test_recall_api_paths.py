"""API paths are never model names (issue 11): ``v1/embeddings``, ``v2/embed`` and
``embeddings/multimodal`` look like ``org/name`` hub ids but are URL path fragments.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_url_suffix_tables_of_a_provider_catalog_are_not_models(make_tree: MakeTree) -> None:
    doc = {
        "name": "Mistral",
        "url": "https://api.mistral.ai",
        "url_suffix": {
            "chat": "v1/chat/completions",
            "embedding": "v1/embeddings",
            "rerank": "v2/embed",
            "multimodal_embedding": "embeddings/multimodal",
        },
        "models": [{"name": "mistral-large-latest"}, {"name": "mistral-embed"}],
    }
    inv = scan(make_tree({"conf/models/mistral.json": json.dumps(doc, indent=2)}))
    found = everything(inv)
    assert not {"v1/embeddings", "v2/embed", "embeddings/multimodal", "v1/chat/completions"} & found
    assert hosted(inv)["mistral-large-latest"] == {"mistral"}


def test_python_settings_holding_api_paths_are_not_models_but_hub_ids_are(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "app/settings.py": (
                'EMBEDDING_MODEL = "v1/embeddings"\n'
                'RERANK_MODEL = "audio/speech"\n'
                'LOCAL_EMBEDDING_MODEL = "BAAI/bge-m3"\n'
                'VISION_MODEL = "v1beta/models"\n'
            ),
        }
    )
    inv = scan(root)
    found = models(inv)
    assert "baai/bge-m3" in found
    assert not {"v1/embeddings", "audio/speech", "v1beta/models"} & everything(inv)
    # hub ids whose names merely contain API words stay hub ids
    hub = make_tree(
        {"app/m.py": 'EMBED_MODEL = "nomic-ai/nomic-embed-text-v1"\nASR = "openai/whisper-1"\n'}
    )
    assert "nomic-ai/nomic-embed-text-v1" in models(scan(hub))
