"""An adapter's target_modules are its base's layer names: evidence of the family, never of a repo."""

from __future__ import annotations

from aibom.inventory import Inventory, LocalModelFacts, Model, ModelKind
from aibom.lineage.resolve import resolve_lineage
from aibom.lineage.types import Lineage


def _adapter(base: str, targets: list[str]) -> Lineage:
    facts = LocalModelFacts(
        adapter_config={
            "base_model_name_or_path": base,
            "peft_type": "LORA",
            "target_modules": targets,
        }
    )
    model = Model(name="output", kind=ModelKind.LOCAL, facts=facts)
    inv = Inventory()
    inv.models[model.key] = model
    result, _ = resolve_lineage(inv, hf_cache=False)
    return result[model.key]


def test_w_pack_points_to_baichuan() -> None:
    lin = _adapter("/data/base", ["W_pack"])
    assert (lin.family, lin.country) == ("baichuan", "CN")
    assert any("target_modules: W_pack" in e for e in lin.evidence)
    assert not [a for a in lin.ancestors if a.source == "inferred"]  # family only, no repo


def test_query_key_value_alone_does_not_decide() -> None:
    # ChatGLM, BLOOM and Falcon all name their fused attention query_key_value
    lin = _adapter("/data/base", ["query_key_value"])
    assert lin.confidence in (None, "low")
    assert not [a for a in lin.ancestors if a.source == "inferred"]


def test_a_glm_folder_is_the_glm_line_with_its_release_uncertain() -> None:
    lin = _adapter("./glm_models", ["query_key_value"])
    assert (lin.family, lin.country) == ("glm", "CN")
    assert any("release uncertain" in e for e in lin.evidence)
