"""Organisations and well-known releases outside the foundation families (data/organisations.yaml)."""

from __future__ import annotations

import pytest

from aibom.inventory import Inventory, LocalModelFacts, Model, ModelKind
from aibom.lineage.knowledge import KnowledgeBaseError
from aibom.lineage.organisations import known_release, load_organisations, organisation_of
from aibom.lineage.resolve import resolve_lineage, resolve_one


@pytest.mark.parametrize(
    ("name", "country", "licence"),
    [
        ("bert-base-uncased", "US", "apache-2.0"),  # legacy id without an organisation
        ("google-bert/bert-base-uncased", "US", "apache-2.0"),
        ("Helsinki-NLP/opus-mt-en-de", "FI", "cc-by-4.0"),
        ("openai/whisper-small", "US", "apache-2.0"),
        ("openai/clip-vit-base-patch32", "US", "mit"),
        ("stabilityai/stable-diffusion-xl-base-1.0", "GB", "openrail++"),
        ("cross-encoder/ms-marco-MiniLM-L-6-v2", "DE", "apache-2.0"),
        ("t5-small", "US", "apache-2.0"),
    ],
)
def test_known_releases(name: str, country: str, licence: str) -> None:
    org = organisation_of(name)
    release = known_release(name)
    assert org is not None and org.country == country
    assert release is not None and release.license == licence


def test_unknown_names_stay_unknown() -> None:
    assert organisation_of("acme/secret-model") is None
    assert known_release("acme/bert-base-uncased") is None


def test_table_is_validated() -> None:
    with pytest.raises(KnowledgeBaseError, match="not in the table"):
        load_organisations(
            "schema: 1\norganisations: []\n"
            "releases: [{name: X, match: x, org: nobody, license: mit}]\n"
        )
    with pytest.raises(KnowledgeBaseError, match="alpha-2"):
        load_organisations(
            "schema: 1\norganisations: [{org: a, developer: A, country: Finland, basis: b,"
            " verified: false}]\n"
        )


def test_hub_model_outside_the_families_gets_developer_country_and_licence() -> None:
    lin = resolve_one("Helsinki-NLP/opus-mt-en-de", hf_cache=False)
    assert lin.family is None
    assert (lin.developer, lin.country, lin.license_declared) == (
        "University of Helsinki (Language Technology Research Group)",
        "FI",
        "CC-BY-4.0",
    )
    assert lin.countries == ["FI"]


def test_finetune_of_bert_inherits_its_licence_and_country() -> None:
    model = Model(
        name="models/ner",
        kind=ModelKind.LOCAL,
        facts=LocalModelFacts(config={"_name_or_path": "bert-base-cased"}),
    )
    inv = Inventory()
    inv.models[model.key] = model
    result, _ = resolve_lineage(inv, hf_cache=False)
    lin = result[model.key]
    assert [a.name for a in lin.ancestors] == ["bert-base-cased"]
    assert (lin.ancestors[0].country, lin.ancestors[0].license) == ("US", "Apache-2.0")
    assert (lin.country, lin.licenses_inherited) == ("US", ["Apache-2.0"])
