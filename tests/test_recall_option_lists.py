"""Model option lists: the models an application offers its user or falls back to.

A function named as a model list returning a literal list (the offline fallback of a
``/models`` request, also through a local variable), a UI option object offering models
(under a ``"Model"`` key or labelled as a model, its list inline or in a variable) and a settings
lookup's fallback for a model key all name models; bare names offered to the module's
sentence-transformers loader are its organisation's. Lists of languages, devices or
voices, and option objects that do not offer models, stay silent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_fallback_lists_of_model_listing_functions(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/voyage.py": (
                "class VoyageEmbedder:\n"
                "    @staticmethod\n"
                "    def get_models(token, url):\n"
                '        return ["voyage-2", "voyage-law-2"]\n'
            ),
            "app/openai_gen.py": (
                "import requests\n"
                "\n"
                "def get_models(token, url):\n"
                '    default_models = ["gpt-4o", "gpt-3.5-turbo"]\n'
                "    if token is None:\n"
                "        return default_models\n"
                '    return [m["id"] for m in requests.get(url).json()["data"]]\n'
            ),
            "app/anthropic_gen.py": (
                "from app.types import InputConfig\n"
                "\n"
                "class AnthropicGenerator:\n"
                "    def __init__(self):\n"
                '        models = ["claude-3-5-sonnet-20240620"]\n'
                "        self.config = {}\n"
                '        self.config["Model"] = InputConfig(value=models[0], values=models)\n'
                "\n"
                "def unrelated():\n"
                '    models = ["gpt-4-turbo", "o1-mini"]  # a local list used as no option\n'
                "    return len(models)\n"
            ),
        }
    )
    names = hosted(scan(root))
    assert names.get("voyage-2") == {"voyage"} and names.get("voyage-law-2") == {"voyage"}
    assert names.get("gpt-4o") == {"openai"} and names.get("gpt-3.5-turbo") == {"openai"}
    assert names.get("claude-3-5-sonnet-20240620") == {"anthropic"}
    assert "gpt-4-turbo" not in names and "o1-mini" not in names


def test_ui_option_objects_and_lookup_fallbacks(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/cohere_embed.py": (
                "from app.types import InputConfig\n"
                "\n"
                "class CohereEmbedder:\n"
                "    def __init__(self):\n"
                "        self.config = {}\n"
                '        self.config["Model"] = InputConfig(\n'
                '            type="dropdown", value="embed-english-v3.0",\n'
                '            values=["embed-english-v3.0", "embed-multilingual-v3.0"],\n'
                "        )\n"
                "\n"
                "    def vectorize(self, config):\n"
                '        return config.get("Model", {"value": "embed-english-light-v3.0"}).value\n'
            ),
            "app/ui.py": (
                "import gradio as gr\n"
                "\n"
                "def ui():\n"
                "    gr.Dropdown(label='Chat Model', value='gpt-4o-mini',\n"
                "                choices=['gpt-4o-mini', 'o3-mini'])\n"
            ),
        }
    )
    names = hosted(scan(root))
    for name in ("embed-english-v3.0", "embed-multilingual-v3.0", "embed-english-light-v3.0"):
        assert names.get(name) == {"cohere"}, name
    assert names.get("gpt-4o-mini") == {"openai"} and names.get("o3-mini") == {"openai"}


def test_bare_names_offered_to_a_sentence_transformers_loader(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/st_embed.py": (
                "from sentence_transformers import SentenceTransformer\n"
                "from app.types import InputConfig\n"
                "\n"
                "class STEmbedder:\n"
                "    def __init__(self):\n"
                "        self.config = {\n"
                '            "Model": InputConfig(\n'
                '                type="dropdown", value="all-MiniLM-L6-v2",\n'
                '                values=["all-MiniLM-L6-v2", "BAAI/bge-m3", "all-mpnet-base-v2"],\n'
                "            ),\n"
                "        }\n"
                "\n"
                "    def vectorize(self, config, content):\n"
                '        return SentenceTransformer(config.get("Model").value).encode(content)\n'
            ),
        }
    )
    found = models(scan(root))
    assert {
        "sentence-transformers/all-minilm-l6-v2",
        "sentence-transformers/all-mpnet-base-v2",
        "baai/bge-m3",
    } <= set(found)


def test_option_lists_that_offer_no_models_stay_silent(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/ui.py": (
                "import gradio as gr\n"
                "from app.types import InputConfig\n"
                "\n"
                "def get_languages():\n"
                '    return ["english", "german", "o1"]\n'
                "\n"
                "def ui():\n"
                "    gr.Dropdown(label='Device', choices=['cuda', 'cpu'])\n"
                "    gr.Dropdown(label='Voice', value='gpt-4o', choices=['gpt-4o', 'nova'])\n"
                '    voices = ["alloy", "gpt-4"]\n'
                "    cfg = {\n"
                '        "Mode": InputConfig(type="dropdown", value="gpt-4", values=["gpt-4", "o1"]),\n'
                "    }\n"
                "    return voices, cfg\n"
                "\n"
                "def list_models():\n"
                '    return ["my-assistant", "house-bot", "gpt-4o"]\n'
                "\n"
                "def read(settings):\n"
                '    return settings.get("Theme", "gpt-4-turbo")\n'
            ),
        }
    )
    found = everything(scan(root))
    assert not {"o1", "gpt-4o", "gpt-4", "gpt-4-turbo", "my-assistant"} & found


def test_groq_gemma2_and_upstage_embedding_names(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/groq_gen.py": 'DEFAULT_MODEL_LIST = ["gemma2-9b-it", "llama3-8b-8192"]\n',
            "app/upstage.py": (
                'def get_models(token, url):\n    return ["embedding-query", "embedding-passage"]\n'
            ),
            "app/hub.py": (
                "from transformers import AutoModel\n"
                'm = AutoModel.from_pretrained("google/gemma-7b-it")\n'
            ),
        }
    )
    inv = scan(root)
    names = hosted(inv)
    assert names.get("gemma2-9b-it") == {"groq"}  # Groq's spelling (Google's is gemma-2-9b-it)
    assert names.get("embedding-query") == {"upstage"}
    assert names.get("embedding-passage") == {"upstage"}
    assert "google/gemma-7b-it" in models(inv)  # an organisation's hub id stays a hub model
