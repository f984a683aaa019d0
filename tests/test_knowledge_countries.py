"""Country display names: one table in knowledge/data, complete for every country the data names."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from aibom import yamlio
from aibom.knowledge import tables
from aibom.knowledge.tables import KnowledgeTableError, country_names
from aibom.report.model import country_label


def _countries_in(package: str, file: str) -> set[str]:
    text = resources.files(package).joinpath(file).read_text("utf-8")
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "country" and isinstance(value, str):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yamlio.safe_load(text))
    return found


@pytest.mark.parametrize(
    ("package", "file"),
    [
        ("aibom.lineage", "data/families.yaml"),
        ("aibom.lineage", "data/organisations.yaml"),
        ("aibom.knowledge", "data/providers.yaml"),
    ],
)
def test_every_country_the_knowledge_names_has_a_display_name(package: str, file: str) -> None:
    countries = _countries_in(package, file)
    assert countries, f"{file} names no country: the walk is looking in the wrong place"
    missing = sorted(c for c in countries if c not in country_names())
    assert not missing, f"add {missing} to knowledge/data/countries.yaml"


def test_codes_are_iso_alpha2_and_names_are_plain() -> None:
    names = country_names()
    assert names["CN"] == "China" and names["US"] == "United States"
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in names)


def test_report_label_uses_the_table() -> None:
    assert country_label("kr") == "kr (South Korea)"
    assert country_label("ZZ") == "ZZ"


def test_a_bad_code_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "_load", lambda file: {"schema": 1, "names": {"China": "CN"}})
    tables.country_names.cache_clear()
    try:
        with pytest.raises(KnowledgeTableError, match=r"countries\.yaml: names\.China"):
            tables.country_names()
    finally:
        tables.country_names.cache_clear()
