"""Each Python module is parsed once per scan: its own scan and the imports of it share the tree."""

from __future__ import annotations

import ast
import gc
import weakref
from collections import Counter
from pathlib import Path

import pytest

import aibom.scanners.python_source as python_source
from aibom.pipeline import ScanRequest, scan_tree
from aibom.scanners.python_resolve import ModuleIndex


def _project(root: Path) -> None:
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "settings.py").write_text('MODEL_ID = "Qwen/Qwen2-7B-Instruct"\n')
    (root / "app" / "chat.py").write_text(
        "from transformers import AutoModelForCausalLM\n"
        "from .settings import MODEL_ID\n"
        "model = AutoModelForCausalLM.from_pretrained(MODEL_ID)\n"
    )
    (root / "main.py").write_text(
        "from transformers import AutoTokenizer\n"
        "from app.settings import MODEL_ID\n"
        "tok = AutoTokenizer.from_pretrained(MODEL_ID)\n"
    )


def _parses(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Counter[str], list[str]]:
    parsed: Counter[str] = Counter()
    real_parse = ast.parse

    def counting_parse(source: str, filename: str = "<unknown>", *a: object, **k: object):  # type: ignore[no-untyped-def]
        parsed[filename] += 1
        return real_parse(source, filename, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(python_source.ast, "parse", counting_parse)
    inventory = scan_tree(ScanRequest(root=root, jobs=1, use_cache=False))
    monkeypatch.undo()
    places = sorted(
        f"{m.name}@{o.path}:{o.line}" for m in inventory.models.values() for o in m.occurrences
    )
    return parsed, places


def test_imported_modules_are_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    parsed, names = _parses(tmp_path, monkeypatch)
    assert {"app/settings.py", "app/chat.py", "main.py"} <= set(parsed)
    assert set(parsed.values()) == {1}
    # the imported constant still resolves, at both call sites
    assert {"Qwen/Qwen2-7B-Instruct@app/chat.py:3", "Qwen/Qwen2-7B-Instruct@main.py:3"} <= set(
        names
    )


def test_a_tiny_cache_parses_again_and_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    _, reference = _parses(tmp_path, monkeypatch)
    monkeypatch.setattr(python_source.ProjectModules, "MAX_CACHED_CHARS", 1)
    monkeypatch.setattr(python_source.ProjectModules, "MAX_PROBATION_CHARS", 1)
    parsed, names = _parses(tmp_path, monkeypatch)
    assert names == reference
    assert parsed["app/settings.py"] >= 1


def test_module_index_holds_every_dict_literal() -> None:
    """Dicts in annotations and lambda defaults too: the walk skips them, the index does not."""
    source = (
        'x = {"a": {"b": 1}}\n'
        'def f(a: {"k": 1} = {"d": 2}, *r: {"v": 0}, **kw: {"w": 0}) -> {"r": 3}:\n'
        '    g = lambda q={"l": 4}, *, z={"z": 6}: {"m": 5}\n'
        "class C:\n"
        '    t: {"t": 7} = {"u": 8}\n'
    )
    tree = ast.parse(source)
    expected = sorted(id(n) for n in ast.walk(tree) if isinstance(n, ast.Dict))
    assert len(expected) == 12
    assert sorted(id(n) for n in ModuleIndex(tree).dicts) == expected


@pytest.mark.parametrize("released", [True, False])
def test_dropped_module_index_frees_its_tree_without_the_collector(released: bool) -> None:
    """Class and method scopes bind each other; the index breaks those cycles when done."""
    source = (
        "class A:\n    def f(self):\n        return 1\n"
        'class B(A):\n    x = 1\n    def g(self, m="gpt-4o"):\n        self.m = m\n'
    )
    enabled = gc.isenabled()
    gc.disable()
    try:
        index = ModuleIndex(ast.parse(source))
        module_scope = weakref.ref(index.module)
        if released:
            index.release()
        del index
        assert module_scope() is None  # freed by reference counting alone
    finally:
        if enabled:
            gc.enable()


_WRAPPED = ("gpt-4o-mini", "gpt-4o", "o3-mini", "gpt-4.1")


def _wrapper_project(root: Path, importers: int) -> None:
    (root / "app").mkdir()
    (root / "app" / "wrap.py").write_text(
        "import litellm\n\ndef ask(prompt, model):\n"
        "    return litellm.completion(model=model, messages=[prompt])\n"
    )
    for i, model in enumerate(_WRAPPED[:importers]):  # each also imports a module of its own
        (root / "app" / f"names{i}.py").write_text(f'MODEL = "{model}"\n')
        (root / "app" / f"use{i}.py").write_text(
            f"from app.wrap import ask\nfrom app.names{i} import MODEL\nask('hi', model=MODEL)\n"
        )


def test_a_wrapper_summary_outlives_an_evicted_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project bigger than the module cache does not analyse a wrapper once per importer."""
    _wrapper_project(tmp_path, 4)
    monkeypatch.setattr(python_source.ProjectModules, "MAX_CACHED_CHARS", 1)
    monkeypatch.setattr(python_source.ProjectModules, "MAX_PROBATION_CHARS", 1)
    summaries: Counter[str] = Counter()
    real_init = python_source._Analyzer.__init__

    def counting_init(self, tree, filename, *a, **k):  # type: ignore[no-untyped-def]
        summaries[filename] += 1
        real_init(self, tree, filename, *a, **k)

    monkeypatch.setattr(python_source._Analyzer, "__init__", counting_init)
    inventory = scan_tree(ScanRequest(root=tmp_path, jobs=1, use_cache=False))
    services = inventory.services.values()
    found = {(m, str(p)) for s in services for m, ps in s.model_locations.items() for p in ps}
    assert found >= {(model, f"app/use{i}.py:3") for i, model in enumerate(_WRAPPED)}
    assert summaries["<summary>"] == 1  # computed once, not once per importer
    assert not python_source._COMPLETE  # the scan's end forgets them
