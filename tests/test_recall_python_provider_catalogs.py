"""Python catalogs keyed by provider, downloads given as Hugging Face file URLs, spaCy pipelines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, model_kinds, models, scan, service_places

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_provider_keyed_lists_of_display_name_and_id_pairs(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/llm.py": (
                "class LLM:\n"
                "    def __init__(self):\n"
                "        self.models = {\n"
                "            'CLAUDE': [\n"
                "                ('Claude 3 Haiku', 'claude-3-haiku-20240307'),\n"
                "            ],\n"
                "            'OPENAI': [\n"
                "                ('GPT-4o', 'gpt-4o'),\n"
                "                ('GPT-3.5 Turbo', 'gpt-3.5-turbo-0125'),\n"
                "            ],\n"
                "            'GROQ': [\n"
                "                ('GEMMA 7B', 'gemma-7b-it'),\n"
                "                ('Mixtral', 'mixtral-8x7b-32768'),\n"
                "            ],\n"
                "            'OLLAMA': [],\n"
                "        }\n"
            )
        }
    )
    inv = scan(root)
    found = hosted(inv)
    assert found["claude-3-haiku-20240307"] == {"anthropic"}
    assert found["gpt-3.5-turbo-0125"] == {"openai"}
    assert found["gemma-7b-it"] == {"groq"}  # a name only its provider key attributes
    assert "app/llm.py:12" in service_places(inv, "groq")
    assert "claude 3 haiku" not in everything(inv)  # the display name is a label


def test_provider_keyed_tables_of_other_things_are_no_catalog(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/keys.py": (
                "class Settings:\n"
                "    def __init__(self):\n"
                "        self.models = {\n"
                "            'OPENAI': [('API key', 'OPENAI_API_KEY'), ('Org', 'org-id')],\n"
                "            'GROQ': [('API key', 'GROQ_API_KEY')],\n"
                "        }\n"
                "        self.routes = {\n"
                "            'OPENAI': ['gpt-4o', 'gpt-4o-mini'],\n"
                "        }\n"
            )
        }
    )
    inv = scan(root)
    assert not hosted(inv)


def test_hub_file_download_urls_name_their_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/setup.py": (
                "import urllib.request\n"
                "\n"
                "model_list = [\n"
                "    {\n"
                "        'name': 'Phi-3-mini',\n"
                "        'url': 'https://huggingface.co/someorg/Phi-3-mini-llamafile/resolve/main/phi.llamafile?download=true',\n"
                "    },\n"
                "]\n"
                "urllib.request.urlretrieve('https://hf.co/other-org/tiny-gguf/resolve/v1.0/tiny.gguf', 'x')\n"
            ),
            "app/docs.py": (
                '"""See https://huggingface.co/docs-org/doc-model/resolve/main/README.md."""\n'
                "HOME = 'https://huggingface.co/page-org/page-model'\n"
                "DATA = 'https://huggingface.co/datasets/data-org/corpus/resolve/main/train.json'\n"
                "BLOB = 'https://huggingface.co/blob-org/blob-model/blob/main/config.json'\n"
            ),
        }
    )
    inv = scan(root)
    found = everything(inv)
    assert "someorg/phi-3-mini-llamafile" in found
    assert "other-org/tiny-gguf" in found
    for decoy in ("docs-org", "page-org", "data-org", "blob-org"):
        assert not any(decoy in name for name in found), decoy


def test_hub_revision_base_url_names_its_model(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "voice/config.py": (
                "import os\n"
                "\n"
                "class VoiceConfig:\n"
                '    """Files: https://huggingface.co/doc-org/doc-voice/tree/main/ (docs)."""\n'
                "\n"
                "    REMOTE_BASE_URL = 'https://huggingface.co/voice-org/voice-small/tree/main/'\n"
                "    CARD = 'https://huggingface.co/card-org/card-voice/tree/main'\n"
                "\n"
                "    def files(self):\n"
                "        return [os.path.join(self.REMOTE_BASE_URL, 'coarse.pt')]\n"
            ),
        }
    )
    found = everything(scan(root))
    assert "voice-org/voice-small" in found
    # a docstring's link and a repository page without a trailing slash are no downloads
    assert not any(org in name for name in found for org in ("doc-org", "card-org"))


def test_enum_keyed_default_models_follow_their_key_provider(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "app/loop.py": (
                "from enum import StrEnum\n"
                "\n"
                "class APIProvider(StrEnum):\n"
                "    ANTHROPIC = 'anthropic'\n"
                "    BEDROCK = 'bedrock'\n"
                "    VERTEX = 'vertex'\n"
                "\n"
                "PROVIDER_TO_DEFAULT_MODEL_NAME: dict[APIProvider, str] = {\n"
                "    APIProvider.ANTHROPIC: 'claude-3-5-sonnet-20241022',\n"
                "    APIProvider.BEDROCK: 'anthropic.claude-3-5-sonnet-20241022-v2:0',\n"
                "    APIProvider.VERTEX: 'claude-3-5-sonnet-v2@20241022',\n"
                "}\n"
            )
        }
    )
    found = hosted(scan(root))
    assert found["claude-3-5-sonnet-20241022"] == {"anthropic"}
    assert found["anthropic.claude-3-5-sonnet-20241022-v2:0"] == {"aws-bedrock"}
    # Vertex names Anthropic's models its own way: not an Anthropic API model
    assert "anthropic" not in found.get("claude-3-5-sonnet-v2@20241022", set())


def test_a_program_kept_in_a_string_is_scanned_at_its_lines(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "profiles/docs.py": (
                "from interpreter import interpreter\n"
                "\n"
                'custom_tool = """\n'
                "import requests\n"
                "\n"
                "def search(query):\n"
                "    url = 'https://api.perplexity.ai/chat/completions'\n"
                "    payload = {'model': 'llama-3.1-sonar-small-128k-online', 'messages': []}\n"
                "    return requests.post(url, json=payload).json()\n"
                '"""\n'
                "interpreter.computer.run('python', custom_tool)\n"
            ),
            "profiles/prompt.py": (
                'SYSTEM = """You can import things. For example, call\n'
                "openai with model='gpt-4o-mini' when asked.\n"
                '"""\n'
            ),
        }
    )
    inv = scan(root)
    assert hosted(inv)["llama-3.1-sonar-small-128k-online"] == {"perplexity"}
    assert "profiles/docs.py:8" in service_places(inv, "perplexity")
    assert "gpt-4o-mini" not in everything(inv)  # prose in a prompt is no program


def test_spacy_pipelines_loaded_or_set_by_package_name(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "nlp/extract.py": (
                "import spacy\n\nnlp = spacy.load('de_core_news_sm', exclude=['ner'])\n"
            ),
            "nlp/defaults.py": (
                "from dataclasses import dataclass\n"
                "\n"
                "@dataclass\n"
                "class TextAnalyzerDefaults:\n"
                "    model_name: str = 'en_core_web_md'\n"
                "    encoding_model: str = 'cl100k_base'\n"
                "    language: str = 'en_core'\n"
            ),
        }
    )
    found = models(scan(root))
    assert "nlp/extract.py:3" in found["spacy/de_core_news_sm"]
    assert "nlp/defaults.py:5" in found["spacy/en_core_web_md"]
    assert set(found) == {"spacy/de_core_news_sm", "spacy/en_core_web_md"}


def test_a_loop_over_literal_model_names(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "setup/local.py": (
                "import subprocess\n"
                "\n"
                "names = []\n"
                "for model in ['llama3.1', 'phi3', 'mistral-nemo', 'gemma2']:\n"
                "    names.append('Download ' + model)\n"
                "for word in ['llama3', 'codestral', 'qwen2']:\n"
                "    names.sort(key=lambda n: word in n)\n"
                "for model in ['llama3', 'codestral']:\n"
                "    print(model)\n"
                "for model in ['small', 'large', 'phi3']:\n"
                "    print(model)\n"
            )
        }
    )
    inv = scan(root)
    found = everything(inv)
    assert {"llama3.1", "phi3", "mistral-nemo", "gemma2"} <= found
    # among Ollama tags, mistral-nemo is the Ollama library's, not Mistral's API model
    assert model_kinds(inv)["mistral-nemo"] == "ollama"
    assert "mistral-nemo" not in hosted(inv)
    # a keyword list under a non-model variable, a pair, a list of sizes: no catalog
    assert not {"llama3", "codestral", "qwen2"} & found
