"""A module that left the imported-module cache is not parsed again only to learn it forwards nothing.

``ProjectModules`` keeps the facts of an evicted module (names, functions, classes, identity);
a wrapper call whose callee is a function the module's complete forwarding summary says
forwards nothing is then answered from those facts and a read of the text, not a new parse.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest
from test_recall_wrapper_endpoint_defaults import CLIENTS

import aibom.scanners.python_source as python_source
from aibom.pipeline import ScanRequest, scan_tree
from aibom.scanners.python_resolve import UNKNOWN

IMPORTERS = 6


def _project(root: Path) -> None:
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "clients.py").write_text(CLIENTS)  # the wrapper-endpoint tests' module
    for i in range(IMPORTERS):
        (root / "app" / f"use{i}.py").write_text(
            "from app.clients import make_client, Chat, log_url\n"
            "from app import clients\n"
            "a = make_client(base_url='https://api.groq.com/openai/v1')\n"
            "c = Chat(api_base='https://api.together.xyz/v1')\n"
            "log_url(url='https://api.fireworks.ai/inference/v1')\n"
            "clients.log_url('https://api.deepseek.com')\n"
        )
        (root / "app" / f"log{i}.py").write_text(  # only calls what forwards nothing
            "from app.clients import log_url\n"
            "from app import clients\n"
            "log_url(url='https://api.fireworks.ai/inference/v1')\n"
            "clients.log_url('https://api.deepseek.com')\n"
        )


def _scan(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Counter[str], list[str]]:
    parsed: Counter[str] = Counter()
    real_parse = ast.parse

    def counting_parse(source: str, filename: str = "<unknown>", *a: object, **k: object):  # type: ignore[no-untyped-def]
        parsed[filename] += 1
        return real_parse(source, filename, *a, **k)  # type: ignore[arg-type]

    with monkeypatch.context() as m:
        m.setattr(python_source.ast, "parse", counting_parse)
        inventory = scan_tree(ScanRequest(root=root, jobs=1, use_cache=False))
    places = sorted(
        f"{m.name}@{o.path}:{o.line}" for m in inventory.models.values() for o in m.occurrences
    ) + sorted(
        f"{s.provider} {s.endpoint}@{o.path}:{o.line}"
        for s in inventory.services.values()
        for o in s.occurrences
    )
    return parsed, places


def test_evicted_modules_answer_from_their_facts_with_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    _, reference = _scan(tmp_path, monkeypatch)  # everything cached
    assert "groq https://api.groq.com/openai/v1@app/use0.py:3" in reference  # forwarded
    assert "together https://api.together.xyz/v1@app/use5.py:4" in reference
    assert not any("fireworks" in p or "deepseek" in p for p in reference)  # log_url: nothing

    monkeypatch.setattr(python_source.ProjectModules, "MAX_CACHED_CHARS", 1)
    monkeypatch.setattr(python_source.ProjectModules, "MAX_PROBATION_CHARS", 1)
    with_facts, places = _scan(tmp_path, monkeypatch)
    assert places == reference

    with monkeypatch.context() as m:  # the same scan with every peek answered "load it"
        m.setattr(python_source.ProjectModules, "peeker", lambda self, rel, ctx: lambda *a: UNKNOWN)
        without, places_without = _scan(tmp_path, monkeypatch)
    assert places_without == reference
    assert with_facts["app/clients.py"] < without["app/clients.py"]
