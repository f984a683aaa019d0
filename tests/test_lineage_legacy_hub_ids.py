"""Lineage of hub ids without an organisation (``bert-base-uncased``, ``gpt2``, ``t5-base``).

The hub still serves these legacy ids at the top level; they name real models that projects
load every day, so resolving them must not fail (an ``IndexError`` once cost every such model
its lineage and wrote an error diagnostic into the BOM).
"""

from __future__ import annotations

import pytest

from aibom.inventory import Inventory, Model, ModelKind
from aibom.lineage.resolve import resolve_lineage


@pytest.mark.parametrize("name", ["bert-base-uncased", "gpt2", "t5-base", "distilgpt2"])
def test_a_legacy_hub_id_resolves_without_a_lineage_error(name: str) -> None:
    model = Model(name=name, kind=ModelKind.HUB)
    inv = Inventory()
    inv.models[model.key] = model
    result, diags = resolve_lineage(inv, hf_cache=False)
    assert [d for d in diags if d.code == "lineage-error"] == []
    assert model.key in result


def test_bert_base_uncased_keeps_what_the_knowledge_base_says_of_it() -> None:
    model = Model(name="bert-base-uncased", kind=ModelKind.HUB)
    inv = Inventory()
    inv.models[model.key] = model
    result, _ = resolve_lineage(inv, hf_cache=False)
    lineage = result[model.key]
    assert lineage.country == "US"
    assert lineage.license_declared == "Apache-2.0" or "Apache-2.0" in lineage.licenses_inherited
