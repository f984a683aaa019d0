"""Parallel scanning, the findings cache and the byte pre-filter never change what a scan finds."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest
from conftest import validate_cyclonedx
from typer.testing import CliRunner

from aibom import scan_units
from aibom.cli import app
from aibom.pipeline import ScanRequest, scan_tree

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "rag-service"
runner = CliRunner()


def _scan_bytes(root: Path, out: Path, *args: str) -> bytes:
    result = runner.invoke(app, ["scan", str(root), "-o", str(out), "-q", "--no-hash", *args])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_same_bytes_for_any_jobs_with_and_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = tmp_path / "rag-service"
    shutil.copytree(EXAMPLE, root)
    cache = tmp_path / "cache"
    runs = {
        "1 job, no cache": ("-j", "1", "--no-cache"),
        "2 jobs, no cache": ("-j", "2", "--no-cache"),
        "2 jobs, cold cache": ("-j", "2", "--cache-dir", str(cache)),
        "1 job, warm cache": ("-j", "1", "--cache-dir", str(cache)),
        "2 jobs, warm cache": ("-j", "2", "--cache-dir", str(cache)),
    }
    outputs = {name: _scan_bytes(root, tmp_path / "bom.json", *args) for name, args in runs.items()}
    reference = outputs["1 job, no cache"]
    assert b"machine-learning-model" in reference
    assert {name: out == reference for name, out in outputs.items()} == dict.fromkeys(runs, True)
    assert (cache / "findings.sqlite3").is_file()


def _units(root: Path) -> list[scan_units.Unit]:
    from aibom.walk import walk

    tree = walk(root)
    return [(d, tree.directories[d]) for d in sorted(tree.directories)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_unchanged_files_come_from_the_cache(tmp_path: Path, jobs: int) -> None:
    root = tmp_path / "rag-service"
    shutil.copytree(EXAMPLE, root)
    store = tmp_path / "findings.sqlite3"
    units = _units(root)
    first, _ = scan_units.scan(root, units, store_path=store, jobs=jobs)
    second, problems = scan_units.scan(root, units, store_path=store, jobs=jobs)
    assert not problems
    assert sum(r.cached for r in first) == 0
    assert sum(r.cached for r in second) > 0
    assert [r.findings for r in second] == [r.findings for r in first]
    assert [r.diagnostics for r in second] == [r.diagnostics for r in first]


def test_a_warm_rescan_starts_no_workers_until_enough_files_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "rag-service"
    shutil.copytree(EXAMPLE, root)
    store = tmp_path / "findings.sqlite3"
    units = _units(root)
    first, _ = scan_units.scan(root, units, store_path=store, jobs=2)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(multiprocessing, "get_context", no_pool)
    second, _ = scan_units.scan(root, units, store_path=store, jobs=2)
    assert [r.findings for r in second] == [r.findings for r in first]
    # with every file a miss (a budget of 0), the pool takes over after the first unit
    monkeypatch.setattr(scan_units, "WARM_MISS_BUDGET", 0)
    (tmp_path / "other.sqlite3").write_bytes(store.read_bytes())
    with pytest.raises(AssertionError, match="a pool was started"):
        scan_units.scan(root, units, store_path=tmp_path / "other.sqlite3", jobs=2)


def test_files_with_unchanged_stamps_are_answered_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "rag-service"
    shutil.copytree(EXAMPLE, root)
    for path in root.rglob("*"):
        os.utime(path, ns=(1_600_000_000 * 10**9, 1_600_000_000 * 10**9))  # long before the scan
    store = tmp_path / "findings.sqlite3"
    first, _ = scan_units.scan(root, _units(root), store_path=store, jobs=1)
    digested: list[int] = []
    real_digest = scan_units.content_digest

    def counting(data: bytes) -> str:
        digested.append(len(data))
        return real_digest(data)

    monkeypatch.setattr(scan_units, "content_digest", counting)
    second, _ = scan_units.scan(root, _units(root), store_path=store, jobs=1)
    assert [r.findings for r in second] == [r.findings for r in first]
    assert sum(r.cached for r in second) == sum(r.scanned for r in first) > 0
    assert sum(r.scanned for r in second) == 0
    deps = set().union(*(r.deps for r in second))
    assert len(digested) <= len(deps)  # only files other files import are read, to check them
    # an edit that keeps size and mtime still changes the stamp (ctime): the file is read again
    settings = root / "app" / "settings.py"
    settings.write_bytes(settings.read_bytes().replace(b"bge-small-en-v1.5", b"bge-small-en-v1.6"))
    os.utime(settings, ns=(1_600_000_000 * 10**9, 1_600_000_000 * 10**9))
    third, _ = scan_units.scan(root, _units(root), store_path=store, jobs=1)
    assert 1 <= sum(r.scanned for r in third) < sum(r.scanned for r in first)  # and importers
    names = {str(getattr(f, "name", "")) for r in third for f in r.findings}
    assert "BAAI/bge-small-en-v1.6" in names
    fresh, _ = scan_units.scan(root, _units(root), store_path=None, jobs=1)
    assert [r.findings for r in third] == [r.findings for r in fresh]


def _models(root: Path, cache: Path) -> list[str]:
    inv = scan_tree(ScanRequest(root=root, hash_weights=False, cache_dir=cache))
    return [m.name for m in inv.sorted_models()]


def test_cached_importer_sees_a_changed_or_new_imported_module(make_tree, tmp_path: Path) -> None:
    app_py = "from settings import MODEL\nfrom transformers import AutoModel\n"
    app_py += "AutoModel.from_pretrained(MODEL)\n"
    root = make_tree({"app.py": app_py, "settings.py": 'MODEL = "org-a/model-a"\n'})
    cache = tmp_path / "cache"
    assert _models(root, cache) == ["org-a/model-a"]
    (root / "settings.py").write_text('MODEL = "org-b/model-b"\n')
    assert _models(root, cache) == ["org-b/model-b"]
    (root / "settings.py").unlink()
    (root / "settings").mkdir()  # the import now resolves to a package that did not exist
    (root / "settings" / "__init__.py").write_text('MODEL = "org-c/model-c"\n')
    assert _models(root, cache) == ["org-c/model-c"]


def test_a_broken_cache_is_reported_and_the_scan_goes_on(make_tree, tmp_path: Path) -> None:
    root = make_tree({"app.py": 'import ollama\nollama.chat(model="llama3.1:8b")\n'})
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "findings.sqlite3").write_bytes(b"this is not a database" * 100)
    inv = scan_tree(ScanRequest(root=root, hash_weights=False, cache_dir=cache))
    assert [m.name for m in inv.sorted_models()] == ["llama3.1:8b"]
    assert [d.code for d in inv.diagnostics if "findings cache" in d.message] == ["cache"]


def test_concurrent_scans_share_one_store(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    root = tmp_path / "rag-service"
    shutil.copytree(EXAMPLE, root)
    store = tmp_path / "findings.sqlite3"
    units = _units(root)
    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda _: scan_units.scan(root, units, store_path=store), range(4)))
    assert [problems for _, problems in runs] == [[]] * 4
    assert len({repr([r.findings for r in results]) for results, _ in runs}) == 1
    again, problems = scan_units.scan(root, units, store_path=store)
    assert not problems and sum(r.cached for r in again) > 0


@pytest.mark.parametrize(
    "plain",
    [
        # the byte pre-filter: nothing that could be a model
        pytest.param("def f(:\n    return 1\n", id="no-model-word"),
        # passes the byte pre-filter ("http") but names nothing a Python detector looks for
        pytest.param("import http\ndef f(:\n    return 1\n", id="no-python-trigger"),
    ],
)
def test_prefilter_skips_files_that_cannot_name_a_model(
    make_tree, plain: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "plain.py": plain,  # a syntax error, reported only when the file is parsed
        "ai.py": "from openai import OpenAI\nOpenAI().chat.completions.create(model='gpt-4o')\n",
    }
    root = make_tree(files)
    request = ScanRequest(root=root, hash_weights=False, use_cache=False)
    filtered = scan_tree(request)
    assert [s.provider for s in filtered.sorted_services()] == ["openai"]
    assert not [d for d in filtered.diagnostics if d.path == "plain.py"]
    monkeypatch.setenv("AIBOM_PREFILTER", "0")
    unfiltered = scan_tree(request)
    assert [d.code for d in unfiltered.diagnostics if d.path == "plain.py"] == ["python-syntax"]
    assert unfiltered.sorted_services() == filtered.sorted_services()


def _age(root: Path, seconds: float = 3600) -> None:
    """Date every file back, as in a checkout made a while ago (fresh edits are never cached)."""
    import os
    import time

    then = time.time() - seconds
    for path in root.rglob("*"):
        os.utime(path, (then, then), follow_symlinks=False)


def _scan_app(root: Path, cache: Path, **kw: object) -> tuple[str, list[str]]:
    from aibom.app import scan_project

    request = ScanRequest(root=root, hash_weights=False, cache_dir=cache, **kw)  # type: ignore[arg-type]
    scanned = scan_project(request)
    return scanned.text, [m.name for m in scanned.result.inventory.sorted_models()]


def _no_scanning(monkeypatch: pytest.MonkeyPatch) -> None:
    import aibom.app

    def fail(*args: object, **kw: object) -> None:
        raise AssertionError("scanned although nothing changed")

    monkeypatch.setattr(aibom.app, "run_scan", fail)


def test_unchanged_tree_reuses_the_whole_result_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = tmp_path / "rag-service"
    shutil.copytree(EXAMPLE, root)
    _age(root)
    cache = tmp_path / "cache"
    fresh, models = _scan_app(root, cache, use_cache=False)
    first, _ = _scan_app(root, cache)
    with monkeypatch.context() as m:
        _no_scanning(m)
        again, again_models = _scan_app(root, cache)
    assert first == fresh and again == fresh and again_models == models and models
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    with monkeypatch.context() as m:  # another key (no fixed timestamp): scanned once more
        stamped, _ = _scan_app(root, cache)
        _no_scanning(m)
        restamped, _ = _scan_app(root, cache)
    a, b = json.loads(stamped), json.loads(restamped)
    assert a["serialNumber"] != b["serialNumber"]  # a fresh serial and timestamp every run
    for doc in (a, b):
        del doc["serialNumber"], doc["metadata"]["timestamp"]
    assert a == b
    validate_cyclonedx(restamped)


def test_whole_result_is_rescanned_when_anything_it_read_changes(
    make_tree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_py = "from vendored.settings import MODEL\nfrom transformers import AutoModel\n"
    app_py += "AutoModel.from_pretrained(MODEL)\n"
    root = make_tree(
        {
            ".gitignore": "vendored/\n",
            "app.py": app_py,
            "vendored/settings.py": 'MODEL = "org-a/model-a"\n',
            "other.py": "import os\n",
        }
    )
    _age(root)
    cache = tmp_path / "cache"
    assert _scan_app(root, cache)[1] == ["org-a/model-a"]
    with monkeypatch.context() as m:
        _no_scanning(m)
        assert _scan_app(root, cache)[1] == ["org-a/model-a"]
    # an imported module outside the walked listing (ignored by .gitignore) changes
    (root / "vendored" / "settings.py").write_text('MODEL = "org-b/model-b"\n')
    _age(root)
    assert _scan_app(root, cache)[1] == ["org-b/model-b"]
    # a listed file changes: same size, new content
    (root / "other.py").write_text("import io\n")
    _age(root, 7200)
    assert _scan_app(root, cache)[1] == ["org-b/model-b"]
    with monkeypatch.context() as m:
        _no_scanning(m)
        assert _scan_app(root, cache)[1] == ["org-b/model-b"]
    # different options are another slot
    assert _scan_app(root, cache, use_gitignore=False)[1] == ["org-b/model-b"]


def test_files_edited_just_now_are_never_cached_whole(
    make_tree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree({"app.py": 'import ollama\nollama.chat(model="llama3.1:8b")\n'})
    cache = tmp_path / "cache"
    _scan_app(root, cache)
    calls = []
    import aibom.app

    real = aibom.app.run_scan
    monkeypatch.setattr(aibom.app, "run_scan", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert _scan_app(root, cache)[1] == ["llama3.1:8b"]
    assert calls == [1]


def test_an_in_process_scan_restores_the_garbage_collector_thresholds(make_tree) -> None:
    import gc

    root = make_tree({"ai.py": "from openai import OpenAI\nOpenAI(base_url='http://x')\n"})
    before = gc.get_threshold()
    scan_tree(ScanRequest(root=root, hash_weights=False, use_cache=False, jobs=1))
    assert gc.get_threshold() == before


def test_an_entry_that_found_nothing_is_written_as_the_full_encoder_would() -> None:
    from aibom.findings_cache import Entry

    empty = Entry([], [], {}, None)
    text = empty.to_json()
    full = {"f": [], "g": [], "d": {}, "l": None}
    assert text == json.dumps(full, separators=(",", ":"), sort_keys=True)
    assert text is not None and Entry.from_json(text) == empty
    assert Entry([], [], {"a.py": None}, None).to_json() != text  # a dependency is kept


def test_the_fingerprint_covers_every_code_and_data_file_of_the_package() -> None:
    from importlib import resources

    from aibom.findings_cache import _package_files

    top = resources.files("aibom")
    assert isinstance(top, Path)
    expected = sorted(
        str(p)
        for p in top.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.relative_to(top).parts
        and p.name.endswith((".py", ".yaml", ".yml", ".json", ".txt"))
    )
    listed = _package_files(str(top))
    assert listed == expected
    assert str(top / "findings_cache.py") in listed
    assert any(name.endswith(".yaml") for name in listed)  # the knowledge data, not only code


def test_a_relative_cache_path_opens_read_only_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers open the store read-only by URI; ``--cache-dir cache`` (relative) must work."""
    from aibom.findings_cache import FindingsStore

    monkeypatch.chdir(tmp_path)
    writer = FindingsStore(Path("cache") / "findings.sqlite3")
    assert writer.problem is None
    reader = FindingsStore(Path("cache") / "findings.sqlite3", readonly=True)
    assert reader.problem is None
