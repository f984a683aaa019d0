"""Checkpoint download tables (issue 11): ``_MODELS = {"tiny.en": "https://.../tiny.en.pt"}``.

The names of a name -> weight-file URL table that a function looks up by its caller's argument
are checkpoints the code downloads and loads by name (reported as local models); hub-hosted
tables, file-name keys, tables only indexed by names built inside and other URL tables stay out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, model_kinds, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_the_names_of_a_checkpoint_url_table_are_models(make_tree: MakeTree) -> None:
    src = (
        "_MODELS = {\n"
        '    "tiny.en": "https://cdn.example.org/asr/0a1b/tiny.en.pt",\n'
        '    "large-v9": "https://cdn.example.org/asr/2c3d/large-v9.pt",\n'
        "}\n"
        "def load_model(name):\n"
        "    return _download(_MODELS[name])\n"
    )
    inv = scan(make_tree({"asr/__init__.py": src}))
    found = models(inv)
    assert found["tiny.en"] == {"asr/__init__.py:2"}
    assert found["large-v9"] == {"asr/__init__.py:3"}
    assert model_kinds(inv)["tiny.en"] == "local"


def test_other_url_tables_stay_out(make_tree: MakeTree) -> None:
    src = (
        "FILES = {\n"  # keyed by file names
        '    "vocoder.pth": "https://cdn.example.org/tts/vocoder.pth",\n'
        '    "decoder.pth": "https://cdn.example.org/tts/decoder.pth",\n'
        "}\n"
        "DOCS = {\n"  # pages, not weight files
        '    "intro": "https://example.org/docs/intro.html",\n'
        '    "api": "https://example.org/docs/api.html",\n'
        "}\n"
        "model_urls = {\n"  # a backbone's weights, looked up by a name built inside
        '    "resnet18": "https://cdn.example.org/models/resnet18-5c10.pth",\n'
        '    "resnet34": "https://cdn.example.org/models/resnet34-333f.pth",\n'
        "}\n"
        "def backbone(num_layers):\n"
        "    return load_url(model_urls['resnet{}'.format(num_layers)])\n"
        "def load(name):\n"
        "    return DOCS[name], FILES[name]\n"
        "ONE = {\n"  # a single entry
        '    "small": "https://cdn.example.org/asr/small.pt",\n'
        "}\n"
    )
    names = everything(scan(make_tree({"tts/urls.py": src})))
    assert not names & {
        "vocoder.pth",
        "decoder.pth",
        "intro",
        "api",
        "small",
        "resnet18",
        "resnet34",
    }
