"""`aibom scan` end to end through the CLI: options, exit codes, output, determinism."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import validate_cyclonedx
from typer.testing import CliRunner

from aibom import __version__
from aibom.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"aibom {__version__}"
    assert re.fullmatch(r"knowledge base [0-9a-f]{12} \(\d+ files: .*families\.yaml.*\)", lines[1])
    assert lines[2] == "standards: CycloneDX 1.6, SPDX 3.0.1, SARIF 2.1.0"
    assert lines[3].startswith("libraries: cyclonedx-python-lib ")


def test_scan_help_explains_options_with_examples() -> None:
    result = runner.invoke(app, ["scan", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0
    for option in (
        "--output",
        "--format",
        "--exclude",
        "--no-gitignore",
        "--quiet",
        "--no-hash",
        "--policy",
        "--report",
    ):
        assert option in result.stdout
    assert "Examples" in result.stdout
    assert "Exit codes" in result.stdout


def test_missing_path_exits_2_with_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(tmp_path / "nope"), "-o", str(tmp_path / "b.json")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr
    assert "Traceback" not in result.output


def test_file_instead_of_directory_exits_2(tmp_path: Path) -> None:
    f = tmp_path / "a.py"
    f.write_text("x = 1")
    result = runner.invoke(app, ["scan", str(f), "-o", str(tmp_path / "b.json")])
    assert result.exit_code == 2
    assert "not a directory" in result.stderr


def test_unwritable_output_exits_2(make_tree, tmp_path: Path) -> None:
    root = make_tree({"a.py": "x = 1"})
    result = runner.invoke(app, ["scan", str(root), "-o", str(tmp_path / "missing-dir" / "b.json")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_empty_project_gives_a_valid_bom_on_stdout(make_tree) -> None:
    root = make_tree({"README.md": "# nothing here\n"})
    result = runner.invoke(app, ["scan", str(root), "-o", "-", "-q"])
    assert result.exit_code == 0
    validate_cyclonedx(result.stdout)
    bom = json.loads(result.stdout)
    assert bom["metadata"]["component"]["name"] == "project"
    assert bom.get("components", []) == []


def test_xml_format(make_tree) -> None:
    root = make_tree({"README.md": "# x\n"})
    result = runner.invoke(app, ["scan", str(root), "-o", "-", "-q", "--format", "cyclonedx-xml"])
    assert result.exit_code == 0
    validate_cyclonedx(result.stdout, "cyclonedx-xml")
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_same_tree_same_bytes_with_source_date_epoch(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "rag-service"
    outs = []
    for n in range(2):
        out = tmp_path / f"bom{n}.json"
        result = runner.invoke(
            app,
            ["scan", str(example), "-o", str(out), "-q"],
            env={"SOURCE_DATE_EPOCH": "1700000000"},
        )
        assert result.exit_code == 0, result.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    validate_cyclonedx(outs[0].decode())


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "aibom", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[0] == f"aibom {__version__}"


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", "def broken(:\n", "x" * 10])
def test_bad_files_become_diagnostics_not_crashes(make_tree, content: str | bytes) -> None:
    root = make_tree({"bad.py": content, "ok.py": "import os\n"})
    result = runner.invoke(app, ["scan", str(root), "-o", "-", "-q"])
    assert result.exit_code == 0, result.output
    validate_cyclonedx(result.stdout)


def test_summary_lists_models_services_and_libraries(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "rag-service"
    result = runner.invoke(
        app,
        ["scan", str(example), "-o", str(tmp_path / "b.json"), "--no-hash"],
        env={"COLUMNS": "250"},
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "AI models (8)" in out
    assert "Hosted model APIs (2)" in out
    assert "models/support-bot-lora" in out and "Qwen2.5" in out
    assert "DeepSeek (Hangzhou DeepSeek Artificial Intelligence)" in out
    assert (
        "Libraries: 14 declared, 6 AI-related: datasets, openai, peft, sentence-transformers, torch, transformers"
        in out
    )
    assert f"BOM written to {tmp_path / 'b.json'}" in out


def test_scan_with_policy_fails_on_errors_and_writes_a_report(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "rag-service"
    report = tmp_path / "r.md"
    args = [
        "scan",
        str(example),
        "-o",
        "-",
        "-q",
        "--no-hash",
        "--policy",
        "origin-restricted",
        "--report",
        str(report),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 1  # Qwen, BGE, DeepSeek and Moonshot are of CN origin
    validate_cyclonedx(result.stdout)  # the policy table does not pollute the BOM on stdout
    text = report.read_text()
    assert "restricted-origin" in text and "models/support-bot-lora" in text


def test_invalid_policy_or_report_name_fails_before_scanning(make_tree, tmp_path: Path) -> None:
    root = make_tree({"a.py": "x = 1"})
    out = tmp_path / "b.json"
    bad_policy = runner.invoke(app, ["scan", str(root), "-o", str(out), "--policy", "no-such-pack"])
    assert bad_policy.exit_code == 2
    assert not out.exists()  # nothing was scanned or written
    bad_report = runner.invoke(
        app, ["scan", str(root), "-o", str(out), "--report", str(tmp_path / "r.docx")]
    )
    assert bad_report.exit_code == 2
    assert not out.exists()


def test_quiet_scan_prints_nothing_and_builds_no_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "app.py").write_text(
        'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n'
    )
    import aibom.summary

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the summary was built in a quiet run")

    monkeypatch.setattr(aibom.summary, "print_summary", fail)
    out = tmp_path / "bom.json"
    result = runner.invoke(app, ["scan", str(tmp_path), "-o", str(out), "-q", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert "gpt-4o" in out.read_text()
