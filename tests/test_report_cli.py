"""aibom report: format from the extension or --format, policy findings, clear errors (exit 2)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aibom.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "report"
EXAMPLE = FIXTURES / "aibom-example.json"
runner = CliRunner()


@pytest.mark.parametrize(
    ("name", "magic"),
    [
        ("r.html", b"<!DOCTYPE html>"),
        ("r.pdf", b"%PDF-"),
        ("r.md", b"## AI Bill"),
        ("r.csv", b"bom_ref,name,"),
    ],
)
def test_report_each_format(tmp_path: Path, name: str, magic: bytes) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    assert f"Report written to {out}" in result.stderr


def test_report_explicit_format_and_stdout(tmp_path: Path) -> None:
    out = tmp_path / "models.txt"
    result = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 4
    result = runner.invoke(app, ["report", str(EXAMPLE), "-o", "-", "--title", "Q4 AI audit"])
    assert result.exit_code == 0
    assert result.stdout.startswith("## Q4 AI audit\n")


def test_report_with_policy_includes_findings(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "-p", "default", "-p", "origin-restricted", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    md = out.read_text(encoding="utf-8")
    findings = md.split("### Findings", 1)[1].split("<details>", 1)[0]
    assert "`restricted-provider` | DeepSeek API |" in findings
    assert "`restricted-origin` | models/support-bot |" in findings
    assert "`unsafe-weights` | models/legacy-classifier |" in findings


def test_report_waivers_file(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n"
        "  - rule: restricted-provider\n"
        "    component: DeepSeek API\n"
        "    reason: contract with data processing addendum\n"
        "    approver: risk@example.com\n"
        "    expires: 2099-01-01\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.md"
    result = runner.invoke(
        app,
        [
            "report",
            str(EXAMPLE),
            "-p",
            "origin-restricted",
            "--waivers",
            str(waivers),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    md = out.read_text(encoding="utf-8")
    assert "<summary>Waived findings (1)</summary>" in md
    assert (
        "contract with data processing addendum; approved by risk@example.com; expires 2099-01-01"
        in md
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "r.txt"], "cannot tell the report format from"),
        (["-o", "r.html", "--format", "docx"], "unknown report format 'docx'"),
        (["-o", "r.html", "-p", "no-such-pack"], "no-such-pack"),
    ],
)
def test_report_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(
        app,
        [
            "report",
            str(EXAMPLE),
            *[a if not a.startswith("r.") else str(tmp_path / a) for a in args],
        ],
    )
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "invalid JSON"),
        ('{"bomFormat": "SPDX"}', "not a CycloneDX BOM"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_report_bad_bom(tmp_path: Path, content: str | bytes, message: str) -> None:
    bom = tmp_path / "bad.json"
    if isinstance(content, bytes):
        bom.write_bytes(content)
    else:
        bom.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["report", str(bom), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert message in result.stderr and "bad.json" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_report_unwritable_output(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["report", str(EXAMPLE), "-o", str(tmp_path / "missing" / "r.html")]
    )
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_report_other_tool_bom(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(
        app, ["report", str(FIXTURES / "other-tool-bom.json"), "-o", str(out), "-p", "default"]
    )
    assert result.exit_code == 0, result.output
    assert "bert-base-uncased" in out.read_text(encoding="utf-8")
    json.loads((FIXTURES / "other-tool-bom.json").read_text(encoding="utf-8"))
