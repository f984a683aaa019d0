"""aibom's own data tables load through a parsed JSON copy: shipped, else in the cache directory."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from aibom import yamlio


def _copies(cache: Path) -> list[Path]:
    return sorted((cache / "data").glob("*.json")) if (cache / "data").is_dir() else []


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AIBOM_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_every_bundled_table_comes_back_identical_from_its_copy(cache: Path) -> None:
    for package in yamlio.BUNDLED_PACKAGES:
        for entry in resources.files(package).joinpath("data").iterdir():
            if not entry.name.endswith(".yaml"):
                continue
            text = entry.read_text("utf-8")
            first = yamlio.load_data(text)
            assert first == yamlio.safe_load(text)
            assert repr(first) == repr(yamlio.safe_load(text))  # the same order of keys too
            assert yamlio.load_data(text) == first  # from the copy
    assert _copies(cache) == []  # every table came from its shipped copy: nothing parsed


def test_the_shipped_copies_are_current() -> None:
    """After editing a table: ``PYTHONPATH=src python scripts/bundle_tables.py``."""
    shipped = {p.name: p.read_text("utf-8") for p in Path(yamlio.BUNDLED_DIR).glob("*.json")}
    expected = yamlio.bundled_copies()
    assert sorted(shipped) == sorted(expected), "run scripts/bundle_tables.py"
    assert shipped == expected, "run scripts/bundle_tables.py"
    assert len(expected) > 15


def test_a_table_edited_since_its_copy_is_parsed_from_its_text(cache: Path) -> None:
    entry = resources.files("aibom.knowledge").joinpath("data/countries.yaml")
    text = entry.read_text("utf-8") + "# edited\n"
    assert yamlio.load_data(text) == yamlio.safe_load(text)
    assert len(_copies(cache)) == 1  # not shipped: parsed, and copied into the cache


def test_the_copy_is_what_is_read(cache: Path) -> None:
    text = "schema: 1\nnames: [a, b]\n"
    assert yamlio.load_data(text) == {"schema": 1, "names": ["a", "b"]}
    (copy,) = _copies(cache)
    copy.write_text('{"schema": 1, "names": ["c"]}')
    assert yamlio.load_data(text) == {"schema": 1, "names": ["c"]}
    copy.write_text("{not json")  # a broken copy is parsed afresh and replaced
    assert yamlio.load_data(text) == {"schema": 1, "names": ["a", "b"]}
    assert yamlio.load_data(text + "# changed\n") == {"schema": 1, "names": ["a", "b"]}
    assert len(_copies(cache)) == 2


def test_documents_json_cannot_keep_are_never_copied(cache: Path) -> None:
    for text in ("1: one\n", "when: 2024-01-02\n", "x: .nan\n"):
        doc = yamlio.load_data(text)
        assert repr(doc) == repr(yamlio.safe_load(text))
    assert _copies(cache) == []


def test_an_unusable_cache_directory_only_means_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("AIBOM_CACHE_DIR", str(blocker))
    assert yamlio.load_data("a: 1\n") == {"a": 1}
