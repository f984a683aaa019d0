"""The family contract: aibom:family is the model line, aibom:family.release the release."""

from __future__ import annotations

from aibom.bom import properties as P
from aibom.bom.read import Component, parse_component, split_family
from aibom.inventory import Inventory, LocalModelFacts, Model, ModelKind
from aibom.lineage.knowledge import families, get_family, line_name, lines
from aibom.lineage.resolve import resolve_lineage
from aibom.policy.facts import component_facts


def _resolve(model: Model) -> object:
    inv = Inventory()
    inv.models[model.key] = model
    result, _ = resolve_lineage(inv, hf_cache=False)
    return result[model.key]


def test_every_release_belongs_to_a_named_line() -> None:
    known = lines()
    assert {"qwen", "deepseek", "llama", "glm", "mistral", "gemma", "phi", "yi"} <= set(known)
    for fam in families():
        assert fam.line in known, fam.id
    assert line_name("glm") == "GLM / ChatGLM"


def test_split_family_reads_old_and_new_values() -> None:
    assert split_family("qwen2_5") == ("qwen", "qwen2_5")  # BOMs before the contract
    assert split_family("chatglm") == ("glm", "chatglm")
    assert split_family("qwen") == ("qwen", None)
    assert split_family("gemma") == ("gemma", None)  # a line whose release shares its slug
    assert split_family("acme-lm") == ("acme-lm", None)
    assert split_family(None) == (None, None)


def test_legacy_family_ids_agree_with_the_knowledge_base() -> None:
    known_lines = lines()
    for old_id, line in P.LEGACY_FAMILY_IDS.items():
        fam = get_family(old_id)
        assert fam is not None and fam.line == line, old_id  # the id still names that release
        assert old_id not in known_lines, old_id  # a line slug never reads as an old release id


def test_lineage_carries_line_and_release_on_model_and_ancestors() -> None:
    lin = _resolve(
        Model(
            name="models/sql-bot",
            kind=ModelKind.LOCAL,
            facts=LocalModelFacts(
                adapter_config={
                    "base_model_name_or_path": "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
                    "peft_type": "LORA",
                }
            ),
        )
    )
    assert (lin.family, lin.family_name, lin.release, lin.release_name) == (
        "deepseek",
        "DeepSeek",
        "deepseek_r1",
        "DeepSeek-R1",
    )
    assert lin.families == ["deepseek", "llama"]
    assert lin.releases == ["deepseek_r1", "llama3"]
    assert lin.countries == ["CN", "US"]
    by_name = {a.name: a for a in lin.ancestors}
    llama = by_name["meta-llama/Llama-3.1-8B"]
    assert (llama.family, llama.release, llama.country) == ("llama", "llama3", "US")
    distill = by_name["deepseek-ai/DeepSeek-R1-Distill-Llama-8B"]
    assert (distill.family, distill.release, distill.country) == ("deepseek", "deepseek_r1", "CN")


def _component(props: dict[str, list[str]], ancestors: list[dict[str, list[str]]]) -> Component:
    return parse_component(
        {
            "type": "machine-learning-model",
            "name": "models/bot",
            "properties": [{"name": k, "value": v} for k, vs in props.items() for v in vs],
            "pedigree": {
                "ancestors": [
                    {
                        "type": "machine-learning-model",
                        "name": f"anc{i}",
                        "properties": [{"name": k, "value": v} for k, vs in a.items() for v in vs],
                    }
                    for i, a in enumerate(ancestors)
                ]
            },
        }
    )


def test_policy_facts_match_a_line_or_a_release() -> None:
    new = component_facts(
        _component(
            {P.FAMILY: ["deepseek"], P.FAMILY_RELEASE: ["deepseek_r1"], P.FAMILIES: ["deepseek"]},
            [{P.FAMILY: ["qwen"], P.FAMILY_RELEASE: ["qwen2_5"]}],
        )
    )
    assert new.get("family") == "deepseek"
    assert new.get("family.release") == "deepseek_r1"
    assert new.get("lineage.families") == ["deepseek", "qwen"]
    assert new.get("lineage.releases") == ["deepseek_r1", "qwen2_5"]


def test_policy_facts_of_a_bom_written_before_the_contract() -> None:
    old = component_facts(
        _component(
            {P.FAMILY: ["deepseek_r1"], P.FAMILIES: ["deepseek_r1", "qwen2_5"]},
            [{P.FAMILY: ["qwen2_5"]}],
        )
    )
    assert old.get("family") == "deepseek"
    assert old.get("family.release") == "deepseek_r1"
    assert old.get("lineage.families") == ["deepseek", "qwen"]
    assert old.get("lineage.releases") == ["deepseek_r1", "qwen2_5"]
