"""Trained pipelines installed as packages (issue 11): spaCy's ``en_core_web_sm``.

A spaCy pipeline is a model (weights, a vocabulary, a licence) shipped as a pip package and
loaded by name. It is reported as its hub id ``spacy/NAME`` wherever a project names it: a
requirement (``en-core-web-sm @ https://...whl``), ``python -m spacy download``, and a
config's model key (Presidio's NLP engine ``model_name``). Names outside spaCy's
``{lang}_{type}_{genre}_{size}`` scheme are not pipelines.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, models, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_spacy_pipelines_named_by_requirements_commands_and_configs(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "pii/requirements.txt": (
                "# spaCy models\n"
                "en-core-web-sm @ https://github.com/explosion/spacy-models/releases/download/"
                "en_core_web_sm-3.8.0/en_core_web_sm-3.8.0-py3-none-any.whl\n"
                "presidio-analyzer>=2.2.0\n"
            ),
            "Dockerfile": (
                "FROM python:3.11-slim\nRUN pip install spacy && python -m spacy download de_core_news_md\n"
            ),
            "conf/presidio.yaml": (
                "nlp_engine_name: spacy\nmodels:\n  - lang_code: en\n    model_name: en_core_web_trf\n"
            ),
        }
    )
    inv = scan(root)
    found = models(inv)
    assert "pii/requirements.txt:2" in found["spacy/en_core_web_sm"]
    assert "Dockerfile:2" in found["spacy/de_core_news_md"]
    assert "conf/presidio.yaml:4" in found["spacy/en_core_web_trf"]
    libraries = {lib.name for lib in inv.libraries.values()}
    assert "en-core-web-sm" in libraries  # still a dependency too


def test_names_outside_the_pipeline_scheme_are_not_pipelines(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "requirements.txt": "core-web-utils==1.0\nen-core-sci-sm==0.5\n",
            "conf/app.yaml": "model_name: my_core_web_app\n",
            "run.sh": "#!/bin/sh\npython -m spacy download\n",
        }
    )
    found = everything(scan(root))
    assert not {n for n in found if n.startswith("spacy/")}
    assert "my_core_web_app" not in found
