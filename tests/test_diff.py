"""aibom diff: what a change adds, removes or alters; text, Markdown and JSON; CLI exit codes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from builders.policy import findings as typed_findings
from typer.testing import CliRunner

from aibom.bom.read import parse_bom
from aibom.cli import app
from aibom.diff import Change, ComponentRef, diff_boms, render_diff

FIXTURES = Path(__file__).parent / "fixtures" / "report"
SHA_OLD = "e1c6e2ecfe4184700306c9ebb38795974a330a51f22402b131273f1e00f9fdb6"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def prop(comp: dict[str, Any], name: str, value: str) -> None:
    """Set every property ``name`` of a component to one value."""
    comp["properties"] = [p for p in comp["properties"] if p["name"] != name]
    comp["properties"].append({"name": name, "value": value})


def by_name(bom: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in bom["components"] if c.get("name") == name)


KIMI = {
    "type": "machine-learning-model",
    "bom-ref": "model:hub:moonshotai/Kimi-K2-Instruct",
    "name": "moonshotai/Kimi-K2-Instruct",
    "purl": "pkg:huggingface/moonshotai/Kimi-K2-Instruct",
    "licenses": [{"license": {"name": "modified-mit"}}],
    "properties": [
        {"name": "aibom:family.name", "value": "Kimi K2"},
        {"name": "aibom:origin.country", "value": "CN"},
    ],
}


@pytest.fixture
def old() -> dict[str, Any]:
    return load("aibom-example.json")


@pytest.fixture
def new(old: dict[str, Any]) -> dict[str, Any]:
    """The example after a change: one model added, one removed, one service removed, facts changed."""
    bom = copy.deepcopy(old)
    bom["serialNumber"] = "urn:uuid:00000000-0000-4000-8000-0000000000ff"
    bom["components"].append(copy.deepcopy(KIMI))
    bom["components"] = [
        c for c in bom["components"] if c.get("name") != "models/legacy-classifier"
    ]
    bom["services"] = [s for s in bom["services"] if s["name"] != "OpenAI API"]
    gguf = by_name(bom, "models/llama-3.1-8b-instruct-q4_k_m.gguf")
    gguf["components"][0]["hashes"][0]["content"] = "0" * 64
    bot = by_name(bom, "models/support-bot")
    bot["licenses"] = [{"license": {"name": "qwen-research"}}]
    prop(bot, "aibom:license.category", "research-only")
    # re-based on Llama: family, origin and ancestors change
    prop(bot, "aibom:family.name", "Llama 3.1")
    prop(bot, "aibom:origin.country", "US")
    prop(bot, "aibom:developer", "Meta Platforms")
    bot["pedigree"]["ancestors"] = bot["pedigree"]["ancestors"][:1]
    # a hub model moves to a pinned revision: matched by purl, not removed + added
    distill = by_name(bom, "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B")
    distill["bom-ref"] += "@abc123"
    distill["purl"] += "@abc123"
    distill["version"] = "abc123"
    return bom


def test_added_removed_and_changed(old: dict[str, Any], new: dict[str, Any]) -> None:
    d = diff_boms(parse_bom(old), parse_bom(new))
    assert d.models_added == [
        ComponentRef(
            kind="model",
            name="moonshotai/Kimi-K2-Instruct",
            bom_ref="model:hub:moonshotai/Kimi-K2-Instruct",
            purl="pkg:huggingface/moonshotai/Kimi-K2-Instruct",
            family="Kimi K2",
            country="CN",
            license="modified-mit",
        )
    ]
    assert [r.name for r in d.models_removed] == ["models/legacy-classifier"]
    assert d.services_added == []
    assert [(r.name, r.country, r.detail) for r in d.services_removed] == [
        ("OpenAI API", "US", "https://api.openai.com/v1")
    ]
    assert d.has_new_models
    assert d.changes == [
        Change(
            "model",
            "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
            "version",
            "purl",
            "pkg:huggingface/deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
            "pkg:huggingface/deepseek-ai/DeepSeek-R1-Distill-Qwen-7B@abc123",
        ),
        Change(
            "model",
            "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
            "version",
            "version",
            "none",
            "abc123",
        ),
        Change(
            "model",
            "models/llama-3.1-8b-instruct-q4_k_m.gguf",
            "hash",
            "sha256 models/llama-3.1-8b-instruct-q4_k_m.gguf",
            SHA_OLD,
            "0" * 64,
        ),
        Change("model", "models/support-bot", "licence", "licence", "Apache-2.0", "qwen-research"),
        Change(
            "model",
            "models/support-bot",
            "licence",
            "licence category",
            "permissive",
            "research-only",
        ),
        Change(
            "model",
            "models/support-bot",
            "lineage",
            "ancestors",
            "Qwen/Qwen2.5-7B-Instruct (finetune) -> Qwen/Qwen2.5-7B (finetune)",
            "Qwen/Qwen2.5-7B-Instruct (finetune)",
        ),
        Change("model", "models/support-bot", "lineage", "family", "Qwen2.5", "Llama 3.1"),
        Change(
            "model",
            "models/support-bot",
            "origin",
            "developer",
            "Alibaba Cloud (Qwen team)",
            "Meta Platforms",
        ),
        Change("model", "models/support-bot", "origin", "lineage countries", "CN", "CN, US"),
        Change("model", "models/support-bot", "origin", "origin country", "CN", "US"),
    ]


def test_identical_boms_have_no_changes(old: dict[str, Any]) -> None:
    d = diff_boms(parse_bom(old), parse_bom(copy.deepcopy(old)))
    assert d.is_empty and not d.has_new_models
    assert render_diff(d, "text").splitlines()[-1] == "No changes to models, services or findings."


def test_service_changes_and_weight_files(old: dict[str, Any]) -> None:
    new = copy.deepcopy(old)
    ds = new["services"][0]
    ds["endpoints"] = ["https://api.deepseek.com/v1"]
    prop(ds, "aibom:service.model", "deepseek-reasoner")
    bot = by_name(new, "models/support-bot")
    bot["components"].pop()  # one shard removed
    bot["properties"] = [
        p for p in bot["properties"] if not p["value"].endswith("00002.safetensors")
    ]
    d = diff_boms(parse_bom(old), parse_bom(new))
    assert [(c.name, c.aspect, c.field, c.old, c.new) for c in d.changes] == [
        (
            "models/support-bot",
            "hash",
            "sha256 models/support-bot/model-00002-of-00002.safetensors",
            "e39e61423ee6eba5859a37f14e4c397bd6826d26d04c4c397df5c6638e13695b",
            "absent",
        ),
        (
            "DeepSeek API",
            "endpoint",
            "endpoints",
            "https://api.deepseek.com",
            "https://api.deepseek.com/v1",
        ),
        ("DeepSeek API", "provider", "models used", "deepseek-chat", "deepseek-reasoner"),
    ]


def test_new_and_resolved_findings(old: dict[str, Any]) -> None:
    findings = load("findings.json")["findings"]
    added = {
        "rule": "restricted-origin",
        "severity": "error",
        "component": {
            "bom-ref": "model:hub:moonshotai/Kimi-K2-Instruct",
            "name": "moonshotai/Kimi-K2-Instruct",
        },
        "message": "lineage includes a developer in CN",
        "waived": False,
    }
    d = diff_boms(
        parse_bom(old),
        parse_bom(old),
        old_findings=typed_findings(findings),
        new_findings=typed_findings([*findings[1:], added]),
    )
    assert d.findings_compared
    assert [(f.rule, f.component) for f in d.new_findings] == [
        ("restricted-origin", "moonshotai/Kimi-K2-Instruct")
    ]
    assert [(f.rule, f.component) for f in d.resolved_findings] == [
        ("unsafe-weights", "models/legacy-classifier")
    ]


def test_render_text_md_json(old: dict[str, Any], new: dict[str, Any]) -> None:
    d = diff_boms(parse_bom(old), parse_bom(new))
    text = render_diff(d, "text").splitlines()
    assert text[0] == (
        "aibom diff: urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79 -> "
        "urn:uuid:00000000-0000-4000-8000-0000000000ff"
    )
    assert text[1] == "models: +1 -1 ~3; services: +0 -1 ~0"
    assert (
        "+ model    moonshotai/Kimi-K2-Instruct (family Kimi K2, origin CN, licence modified-mit)"
        in text
    )
    assert "- service  OpenAI API (provider OpenAI, US; https://api.openai.com/v1)" in text
    assert "    origin: origin country: CN -> US" in text
    md = render_diff(d, "md")
    assert md.startswith(
        "### AI-BOM changes\n\nModels **+1 −1** · services **+0 −1** · **10** changed facts\n"
    )
    assert (
        "| ➕ added | model | moonshotai/Kimi-K2-Instruct | Kimi K2 | CN | modified-mit | — |" in md
    )
    assert "| models/support-bot | origin | origin country | CN | US |" in md
    data = json.loads(render_diff(d, "json"))
    assert data["summary"] == {
        "models_added": 1,
        "models_removed": 1,
        "services_added": 0,
        "services_removed": 1,
        "changes": 10,
        "new_findings": 0,
        "resolved_findings": 0,
        "waiver_changes": 0,
    }
    assert data["models_added"][0]["name"] == "moonshotai/Kimi-K2-Instruct"
    with pytest.raises(ValueError, match="unknown diff format"):
        render_diff(d, "xml")


def test_other_tool_boms_diff_without_crashing(old: dict[str, Any]) -> None:
    other = load("other-tool-bom.json")
    d = diff_boms(parse_bom(other), parse_bom(other))
    assert d.is_empty
    d = diff_boms(parse_bom(other), parse_bom(old))
    assert len(d.models_added) == 4 and len(d.models_removed) == 3


# --------------------------------------------------------------------------- CLI

runner = CliRunner()


def write(tmp_path: Path, name: str, bom: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(bom), encoding="utf-8")
    return path


def test_cli_diff_exit_codes(tmp_path: Path, old: dict[str, Any], new: dict[str, Any]) -> None:
    a = write(tmp_path, "old.json", old)
    b = write(tmp_path, "new.json", new)
    result = runner.invoke(app, ["diff", str(a), str(b)])
    assert result.exit_code == 0, result.output
    assert "+ model    moonshotai/Kimi-K2-Instruct" in result.stdout
    result = runner.invoke(app, ["diff", str(a), str(b), "--fail-on-new-model"])
    assert result.exit_code == 1
    assert "1 new model(s) need review: moonshotai/Kimi-K2-Instruct" in result.stderr
    # removing models only does not fail the gate
    fewer = copy.deepcopy(old)
    fewer["components"] = [
        c for c in fewer["components"] if c.get("name") != "models/legacy-classifier"
    ]
    c = write(tmp_path, "fewer.json", fewer)
    result = runner.invoke(app, ["diff", str(a), str(c), "--fail-on-new-model", "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["models_removed"] == 1
    out = tmp_path / "diff.md"
    result = runner.invoke(app, ["diff", str(a), str(b), "--format", "md", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("### AI-BOM changes")


def test_cli_diff_with_policy_reports_findings(
    tmp_path: Path, old: dict[str, Any], new: dict[str, Any]
) -> None:
    a = write(tmp_path, "old.json", old)
    b = write(tmp_path, "new.json", new)
    result = runner.invoke(app, ["diff", str(a), str(b), "-p", "origin-restricted", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["findings_compared"] is True
    assert ("restricted-origin", "moonshotai/Kimi-K2-Instruct") in {
        (f["rule"], f["component"]) for f in data["new_findings"]
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "invalid JSON"),
        ("[1]", "not a CycloneDX BOM"),
        ("<bom/>", "looks like an XML BOM"),
    ],
)
def test_cli_diff_bad_input(
    tmp_path: Path, old: dict[str, Any], content: str, message: str
) -> None:
    a = write(tmp_path, "old.json", old)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(a), str(bad)])
    assert result.exit_code == 2
    assert message in result.stderr and "bad.json" in result.stderr
    assert "Traceback" not in result.output


def test_cli_diff_missing_file_and_bad_format(tmp_path: Path, old: dict[str, Any]) -> None:
    a = write(tmp_path, "old.json", old)
    result = runner.invoke(app, ["diff", str(a), str(tmp_path / "nope.json")])
    assert result.exit_code == 2 and "nope.json" in result.stderr
    result = runner.invoke(app, ["diff", str(a), str(a), "--format", "xml"])
    assert result.exit_code == 2 and "unknown diff format 'xml'" in result.stderr


def test_findings_follow_matched_components_and_waivers(
    old: dict[str, Any], new: dict[str, Any]
) -> None:
    """A finding on a model whose bom-ref moved (pinned revision) is neither new nor resolved;
    a finding that became waived is reported as a waiver change, not as resolved."""
    findings = load("findings.json")["findings"]
    moved = copy.deepcopy(findings)
    for f in moved:
        if f["rule"] == "unpinned-revision":
            f["component"]["bom-ref"] += "@abc123"
        if f["rule"] == "license-obligations":
            f["waived"] = True
            f["waiver"] = {
                "reason": "attribution added",
                "approver": "legal",
                "expires": "2099-01-01",
            }
    d = diff_boms(
        parse_bom(old),
        parse_bom(new),
        old_findings=typed_findings(findings),
        new_findings=typed_findings(moved),
    )
    assert d.new_findings == [] and d.resolved_findings == []
    assert [(f.rule, f.waived) for f in d.waiver_changes] == [("license-obligations", True)]
    text = render_diff(d, "text")
    assert (
        "~ [warning] license-obligations models/llama-3.1-8b-instruct-q4_k_m.gguf: now waived"
        in text
    )
