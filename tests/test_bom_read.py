"""bom/read.py: one typed view of any CycloneDX JSON BOM, with one rule for properties."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aibom.bom.read import (
    BomError,
    Occurrence,
    parse_bom,
    parse_component,
    parse_service,
    read_bom,
)

FIXTURES = Path(__file__).parent / "fixtures" / "report"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_aibom_bom_models_ancestors_and_weights() -> None:
    view = parse_bom(load("aibom-example.json"))
    assert view.spec_version == "1.6"
    bot = next(m for m in view.models if m.name == "models/support-bot")
    assert bot.properties.first("aibom:family") == "qwen2_5"
    assert bot.ancestors[0].name == "Qwen/Qwen2.5-7B-Instruct"
    assert bot.licenses == ("Apache-2.0",)
    assert [str(o) for o in bot.occurrences] == ["app/chat.py:12", "models/support-bot/config.json"]
    assert {c.type for c in bot.children} == {"file"}
    assert all(c.nesting == 1 for c in bot.children)
    # nested components are listed right after their parent, depth first
    index = view.components.index(bot)
    assert view.components[index + 1] == bot.children[0]
    gguf = next(m for m in view.models if m.name.endswith(".gguf"))  # type: ignore[union-attr]
    assert gguf.children[0].hashes["SHA-256"].startswith("e1c6e2ec")
    assert view.metadata.project == "support-assistant"
    assert view.metadata.tools[0].name == "aibom"
    assert len(view.metadata.diagnostics) == 1
    ds = next(s for s in view.services if s.name == "DeepSeek API")
    assert ds.provider is not None and ds.provider.country == "CN"
    assert ds.endpoints == ("https://api.deepseek.com",)
    assert ds.occurrences == (Occurrence("app/summarise.py", 21),)
    assert view.notes == ()


def test_other_tool_bom() -> None:
    view = parse_bom(load("other-tool-bom.json"))
    assert view.spec_version == "1.5"
    assert [t.name for t in view.metadata.tools] == ["cyclonedx-py"]
    assert [c.type for c in view.top_level_components] == [
        "library",
        "machine-learning-model",
        "machine-learning-model",
        "machine-learning-model",
    ]
    bert, nameless, weird = view.models[0], view.models[1], view.models[2]
    assert bert.ancestors[0].name == "google/bert" and bert.ancestors[0].depth is None
    assert nameless.name is None
    assert weird.licenses == () and weird.occurrences == ()
    assert weird.children[0].name == "w.bin" and dict(weird.children[0].hashes) == {}
    assert [s.bom_ref for s in view.services] == [None, "x"]


def test_property_rule_strip_lists_and_no_silent_stringify() -> None:
    comp = {
        "type": "machine-learning-model",
        "name": "  m  ",
        "properties": [
            {"name": " aibom:framework ", "value": " vllm "},
            {"name": "aibom:framework", "value": "transformers"},
            {"name": "aibom:framework", "value": "   "},
            {"name": "aibom:weights.unsafe", "value": True},
            {"name": 3, "value": "x"},
            "junk",
        ],
    }
    view = parse_bom({"bomFormat": "CycloneDX", "components": [comp]})
    [m] = view.components
    assert m.name == "m"
    assert m.properties.all("aibom:framework") == ("vllm", "transformers")
    assert "aibom:weights.unsafe" not in m.properties  # a bool is never read as "True"
    assert view.notes == (
        "component m: property aibom:weights.unsafe has a non-string value; ignored",
        "component m: a property name is not a string; ignored",
    )


def test_ancestor_depth_and_child_and_dependencies() -> None:
    comp = parse_component(
        {
            "type": "machine-learning-model",
            "name": "m",
            "pedigree": {
                "ancestors": [
                    {
                        "name": "a/b",
                        "purl": "pkg:huggingface/a/b",
                        "properties": [
                            {"name": "aibom:lineage.depth", "value": "2"},
                            {"name": "aibom:lineage.child", "value": "c/d"},
                        ],
                    },
                    {"name": "x", "properties": [{"name": "aibom:lineage.depth", "value": "0"}]},
                ]
            },
        }
    )
    assert [(a.name, a.depth, a.child) for a in comp.ancestors] == [
        ("a/b", 2, "c/d"),
        ("x", None, None),
    ]
    view = parse_bom(
        {"dependencies": [{"ref": "project", "dependsOn": ["a", 3, ""]}, {"ref": 1}, "x"]}
    )
    assert [(d.ref, d.depends_on) for d in view.dependencies] == [("project", ("a",))]


def test_service_occurrences_from_properties() -> None:
    svc = parse_service(
        {
            "name": "S",
            "provider": {"name": "P", "address": {"country": "cn"}},
            "endpoints": ["https://x", 5, " "],
            "properties": [
                {"name": "aibom:occurrence", "value": "a.py:3"},
                {"name": "aibom:occurrence", "value": "b.py:0"},
            ],
        }
    )
    assert svc.provider is not None and (svc.provider.name, svc.provider.country) == ("P", "CN")
    assert svc.endpoints == ("https://x",)
    assert svc.occurrences == (Occurrence("a.py", 3), Occurrence("b.py:0"))


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "text",
        {"components": "x", "services": {"a": 1}, "metadata": []},
        {"components": [{"type": 5, "name": 5, "pedigree": {"ancestors": [1, None]}}]},
        {"metadata": {"tools": {"components": "x"}, "properties": [{"name": 1}, "x"]}},
    ],
)
def test_hostile_json_never_raises(data: Any) -> None:
    view = parse_bom(data)
    assert all(c.name is None for c in view.components)


def test_deep_nesting_is_read_without_recursion() -> None:
    comp: dict[str, Any] = {"type": "file", "name": "leaf"}
    for i in range(300):
        comp = {"type": "library", "name": f"n{i}", "components": [comp]}
    data = json.loads(json.dumps({"components": [comp]}))
    view = parse_bom(data)
    assert len(view.components) == 301
    assert view.components[-1].name == "leaf" and view.components[-1].nesting == 300


def test_read_bom_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"bomFormat": "SPDX"}', encoding="utf-8")
    with pytest.raises(BomError, match=r"b\.json: not a CycloneDX BOM"):
        read_bom(path)
    path.write_text("<bom/>", encoding="utf-8")
    with pytest.raises(BomError, match="looks like an XML BOM"):
        read_bom(path)
    with pytest.raises(BomError, match="cannot read BOM"):
        read_bom(tmp_path / "missing.json")


def test_notes_are_capped_and_reach_the_check_table() -> None:
    from aibom.policy import evaluate, load_policies, render

    props = [{"name": f"p{i}", "value": i} for i in range(25)]
    view = parse_bom({"components": [{"type": "library", "name": "lib", "properties": props}]})
    assert len(view.notes) == 21 and view.notes[-1] == "5 more like these"
    table = render(evaluate(view, load_policies([])), "table")
    assert "BOM: component lib: property p0 has a non-string value; ignored" in table
