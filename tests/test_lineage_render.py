"""Rendering lineage as a text tree with evidence, JSON, Mermaid and DOT."""

from __future__ import annotations

import json

import pytest

from aibom.lineage.render import render_lineage
from aibom.lineage.types import Ancestor, Lineage


def sample() -> dict[str, Lineage]:
    lin = Lineage(
        source="declared",
        confidence="high",
        family="qwen2_5",
        family_name="Qwen2.5",
        developer="Alibaba Cloud (Qwen team)",
        country="CN",
        families=["qwen2_5"],
        countries=["CN"],
        relation="quantized",
        ancestors=[
            Ancestor("models/ft", "quantized", "declared", evidence=["model card: base_model ./ft"], depth=1),
            Ancestor(
                "Qwen/Qwen2.5-7B-Instruct", "finetune", "declared", purl="pkg:huggingface/Qwen/Qwen2.5-7B-Instruct",
                family="qwen2_5", license="Apache-2.0", evidence=["model card: base_model Qwen/Qwen2.5-7B-Instruct"],
                depth=2, child="models/ft", country="CN",
            ),
        ],
        evidence=["model card: base_model ./ft"],
        conflicts=['card says "Mistral"'],
        license_declared="Apache-2.0",
        licenses_inherited=["Apache-2.0"],
    )  # fmt: skip
    return {"models/bot.gguf": lin, "acme/unknown": Lineage()}


def test_text_tree() -> None:
    text = render_lineage(sample(), "text")
    assert text == (
        "acme/unknown\n"
        "  family: unknown  [unknown]\n"
        "\n"
        "models/bot.gguf\n"
        "  family: Qwen2.5 (qwen2_5) - Alibaba Cloud (Qwen team), CN  [declared, high confidence]\n"
        "  lineage families: qwen2_5; countries: CN\n"
        "  licence: Apache-2.0; inherited: Apache-2.0\n"
        '  CONFLICT: card says "Mistral"\n'
        "  evidence:\n"
        "    - model card: base_model ./ft\n"
        "  tree:\n"
        "    models/bot.gguf\n"
        "    └─ quantized -> models/ft  [declared]\n"
        "          · model card: base_model ./ft\n"
        "       └─ finetune -> Qwen/Qwen2.5-7B-Instruct  [declared, qwen2_5, CN, licence Apache-2.0]\n"
        "             · model card: base_model Qwen/Qwen2.5-7B-Instruct\n"
    )


def test_json_round_trips() -> None:
    data = json.loads(render_lineage(sample(), "json"))
    assert list(data) == ["acme/unknown", "models/bot.gguf"]
    assert (
        data["models/bot.gguf"]["ancestors"][1]["purl"]
        == "pkg:huggingface/Qwen/Qwen2.5-7B-Instruct"
    )
    assert data["acme/unknown"]["family"] is None


def test_mermaid() -> None:
    out = render_lineage(sample(), "mermaid")
    assert out.splitlines()[0] == "graph TD"
    assert '  n1["models/bot.gguf<br/>qwen2_5 · CN"]' in out
    assert "  n1 -->|quantized (declared)| n2" in out
    assert "  n2 -->|finetune (declared)| n3" in out


def test_dot() -> None:
    out = render_lineage(sample(), "dot")
    assert out.startswith("digraph lineage {\n  rankdir=BT;")
    assert '  n1 -> n2 [label="quantized (declared)"];' in out
    assert '  n3 [label="Qwen/Qwen2.5-7B-Instruct\\nqwen2_5 · CN"];' in out
    assert out.endswith("}\n")


def test_empty_and_unknown_format() -> None:
    assert render_lineage({}, "text") == "no models\n"
    with pytest.raises(ValueError, match="unknown format"):
        render_lineage(sample(), "xml")  # type: ignore[arg-type]
