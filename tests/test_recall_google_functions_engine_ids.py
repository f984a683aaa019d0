"""google-generativeai's module functions and Stability's engine ids.

``palm.generate_embeddings(model=self.model)`` / ``genai.embed_content(model=...)`` (with
``import google.generativeai as palm``) call the Gemini/PaLM API, so the wrapper's default
``model="models/embedding-gecko-001"`` is sent there. Stability AI's REST API calls its model
an engine: ``ENGINE_ID: "stable-diffusion-xl-beta-v2-2-2"`` in a shipped config names one.
A function of another module with the same name, and an engine id that is no model (a
search engine's id), are none.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_google_generativeai_module_functions(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "embedding/palm.py": (
                "import google.generativeai as palm\n"
                "\n"
                "class PalmEmbedding:\n"
                "    def __init__(self, api_key, model='models/embedding-gecko-001'):\n"
                "        self.model = model\n"
                "\n"
                "    def get_embedding(self, text):\n"
                "        return palm.generate_embeddings(model=self.model, text=text)\n"
            ),
            "embedding/gemini.py": (
                "import google.generativeai as genai\n"
                "vec = genai.embed_content(model='models/text-embedding-004', content='x')\n"
            ),
            "embedding/other.py": (
                "import mylib\n"
                "vec = mylib.embed_content(model='models/gemini-embedding-001', content='x')\n"
            ),
        }
    )
    names = hosted(scan(root))
    assert names.get("models/embedding-gecko-001") == {"google"}
    assert names.get("models/text-embedding-004") == {"google"}
    assert "models/gemini-embedding-001" not in names


def test_engine_id_settings(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "config_template.yaml": (
                "STABILITY_API_KEY: YOUR_STABILITY_API_KEY\n"
                'ENGINE_ID: "stable-diffusion-xl-beta-v2-2-2"\n'
                'SEARCH_ENGINE_ID: "017576662512468239146:omuauf_lfve"\n'
            ),
        }
    )
    names = hosted(scan(root))
    assert names.get("stable-diffusion-xl-beta-v2-2-2") == {"stability"}
    assert not any("omuauf" in n for n in everything(scan(root)))
