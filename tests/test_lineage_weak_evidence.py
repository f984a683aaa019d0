"""No specific ancestor without evidence: weak fingerprints and another size name no repo."""

from __future__ import annotations

import json

from aibom.inventory import Inventory, LocalModelFacts, Model, ModelKind
from aibom.lineage.resolve import resolve_lineage
from aibom.lineage.types import Lineage
from aibom.pipeline import ScanRequest, scan_tree

BERT = {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": 512}


def _resolve(name: str, facts: LocalModelFacts) -> Lineage:
    model = Model(name=name, kind=ModelKind.LOCAL, facts=facts)
    inv = Inventory()
    inv.models[model.key] = model
    result, _ = resolve_lineage(inv, hf_cache=False)
    return result[model.key]


def test_a_bare_bert_config_names_no_embedding_repo() -> None:
    lin = _resolve("models/encoder", LocalModelFacts(config=BERT))
    assert lin.confidence in (None, "low")
    assert [a for a in lin.ancestors if a.source == "inferred"] == []


MODELSCOPE = {"framework": "pytorch", "task": "sentence-embedding", "model": {"type": "m3e-small"}}


def test_a_name_of_another_size_names_no_representative_repo() -> None:
    lin = _resolve("models/m3e-small", LocalModelFacts(config=BERT, modelscope_config=MODELSCOPE))
    assert (lin.family, lin.country, lin.confidence) == ("m3e", "CN", "medium")
    assert "moka-ai/m3e-base" not in [a.name for a in lin.ancestors]
    assert any("gives size small" in e for e in lin.evidence)


def test_family_licence_is_inherited_without_a_specific_repo() -> None:
    lin = _resolve("models/m3e-small", LocalModelFacts(config=BERT))
    assert lin.licenses_inherited == ["LicenseRef-other"]  # no licence granted (research use)


def test_modelscope_model_type_names_the_model(make_tree) -> None:
    root = make_tree(
        {
            "emb/configuration.json": json.dumps(
                {
                    "framework": "pytorch",
                    "task": "sentence-embedding",
                    "model": {"type": "m3e-small"},
                }
            ),
            "emb/config.json": json.dumps(BERT),
        }
    )
    models = scan_tree(ScanRequest(root=root, hash_weights=False)).sorted_models()
    facts = models[0].facts
    assert facts is not None and facts.modelscope_config is not None
    lin = _resolve("emb", facts)
    assert lin.family == "m3e"
    assert any("ModelScope configuration.json model.type" in e for e in lin.evidence)
