"""CLI conventions SBOM tools share: `-o -` is only the BOM, syft's format names, NO_COLOR."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import validate_cyclonedx
from typer.testing import CliRunner

from aibom.bom.output_formats import resolve_bom_format
from aibom.bom.spdx3 import validate_spdx3
from aibom.cli import app

APP = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("Qwen/Qwen2.5-7B-Instruct")\n'
# an SGR sequence that sets a foreground/background colour (30-37, 38;..., 40-47, 90-97, 100-107)
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


@pytest.fixture
def project(make_tree) -> Path:  # type: ignore[no-untyped-def]
    return make_tree({"app.py": APP})


@pytest.mark.parametrize("fmt", ["cyclonedx-json", "cyclonedx-xml", "spdx3-json"])
def test_dash_output_is_only_the_bom_even_with_policy_and_report(
    project: Path, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    proc = CliRunner().invoke(
        app,
        ["scan", str(project), "-o", "-", "-f", fmt, "-p", "origin-restricted", "--report", "r.md"],
    )
    assert proc.exit_code == 1, proc.stderr  # the Qwen model breaks origin-restricted
    if fmt == "cyclonedx-json":
        validate_cyclonedx(proc.stdout)
    elif fmt == "cyclonedx-xml":
        validate_cyclonedx(proc.stdout, "cyclonedx-xml")
    else:
        assert validate_spdx3(proc.stdout) == []
    assert "AI models" in proc.stderr and "restricted-origin" in proc.stderr
    assert "Report written to r.md" in proc.stderr
    assert (tmp_path / "r.md").exists()


def test_default_output_file_follows_the_format(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    proc = CliRunner().invoke(app, ["scan", str(project), "-f", "spdx3", "-q"])
    assert proc.exit_code == 0, proc.stderr
    assert validate_spdx3((tmp_path / "aibom.spdx3.json").read_text(encoding="utf-8")) == []
    assert not (tmp_path / "aibom.cdx.json").exists()


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("cyclonedx-json", "cyclonedx-json"),
        ("JSON", "cyclonedx-json"),  # cyclonedx-py --of JSON
        ("cyclonedx", "cyclonedx-json"),  # trivy
        ("xml", "cyclonedx-xml"),
        ("Cyclonedx-XML", "cyclonedx-xml"),
        ("spdx3", "spdx3-json"),
    ],
)
def test_format_aliases(name: str, canonical: str) -> None:
    assert resolve_bom_format(name) == canonical


def test_unknown_and_spdx2_formats_are_refused_with_the_choices(project: Path) -> None:
    runner = CliRunner()
    spdx2 = runner.invoke(app, ["scan", str(project), "-f", "spdx-json"], env={"COLUMNS": "300"})
    assert spdx2.exit_code == 2 and "spdx3-json" in spdx2.stderr and "2.3" in spdx2.stderr
    other = runner.invoke(app, ["scan", str(project), "-f", "yaml"], env={"COLUMNS": "300"})
    assert other.exit_code == 2
    assert "cyclonedx-json, cyclonedx-xml, spdx3-json" in other.stderr


def test_no_color_is_honoured(project: Path) -> None:
    args = ["scan", str(project), "-o", "-", "-p", "origin-restricted"]
    runner = CliRunner()
    coloured = runner.invoke(app, args, env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert COLOUR.search(coloured.stderr)  # the check below can fail
    plain = runner.invoke(app, args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.exit_code == coloured.exit_code == 1
    assert not COLOUR.search(plain.stderr)
    assert "restricted-origin" in plain.stderr
    assert json.loads(plain.stdout)["bomFormat"] == "CycloneDX"
