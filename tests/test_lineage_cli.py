"""``aibom lineage TARGET``: thin command over the resolver and renderer."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aibom.cli import app

runner = CliRunner()


def test_lineage_hub_id_text() -> None:
    res = runner.invoke(
        app, ["lineage", "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "--no-hf-cache"]
    )
    assert res.exit_code == 0, res.output
    assert "family: DeepSeek (deepseek)" in res.stdout
    assert "release: DeepSeek-R1 (deepseek_r1)" in res.stdout
    assert (
        "lineage families: deepseek, qwen; releases: deepseek_r1, qwen2_5; countries: CN"
        in res.stdout
    )
    assert (
        "├─ finetune -> Qwen/Qwen2.5-Math-7B  [declared, qwen/qwen2_5, CN, licence Apache-2.0]"
        in res.stdout
    )


def test_lineage_directory_json(tmp_path: Path) -> None:
    model = tmp_path / "bot"
    model.mkdir()
    (model / "config.json").write_text(
        json.dumps(
            {"model_type": "gemma2", "architectures": ["Gemma2ForCausalLM"], "vocab_size": 256000}
        )
    )
    res = runner.invoke(app, ["lineage", str(model), "--format", "json", "--no-hf-cache"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["bot"]["family"] == "gemma" and data["bot"]["source"] == "inferred"


def test_lineage_mermaid_and_errors() -> None:
    res = runner.invoke(app, ["lineage", "qwen2.5:7b", "-f", "mermaid"])
    assert res.exit_code == 0 and res.stdout.startswith("graph TD\n")
    bad = runner.invoke(app, ["lineage", "qwen2.5:7b", "-f", "svg"])
    assert bad.exit_code == 2
    worse = runner.invoke(app, ["lineage", "not a model!"])
    assert worse.exit_code == 2


def test_lineage_output_carries_no_control_character(tmp_path: Path) -> None:
    """Issue 12: card fields with escape sequences are shown as \\xNN in every lineage format."""
    import re

    esc = "\x1b[2J\x1b]0;pwned\x07\u009b31m"
    model = tmp_path / "m"
    model.mkdir()
    card = {"base_model": "meta-llama/Llama-3.1-8B" + esc, "license": "mit" + esc}
    (model / "README.md").write_text("---\n" + json.dumps(card) + "\n---\n", "utf-8")
    (model / "config.json").write_text(json.dumps({"model_type": "llama" + esc}), "utf-8")
    for fmt in ("text", "json", "mermaid", "dot"):
        res = runner.invoke(app, ["lineage", str(model), "--format", fmt, "--no-hf-cache"])
        assert res.exit_code == 0, res.output
        assert "Llama-3.1-8B" in res.stdout
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", res.output), (fmt, res.output)
