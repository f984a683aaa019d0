"""CLI conventions SBOM tools share: `-o -` is only the BOM, syft's format names, NO_COLOR."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import validate_cyclonedx

from aibom.bom.output_formats import resolve_bom_format
from aibom.bom.spdx3 import validate_spdx3

REPO = Path(__file__).resolve().parents[1]
APP = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("Qwen/Qwen2.5-7B-Instruct")\n'
# an SGR sequence that sets a foreground/background colour (30-37, 38;..., 40-47, 90-97, 100-107)
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def _aibom(args: list[str], tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    base.update(
        {
            "PYTHONPATH": str(REPO / "src"),
            "HF_HUB_OFFLINE": "1",
            "HF_HOME": str(tmp / "hf"),
            "AIBOM_CACHE_DIR": str(tmp / "cache"),
            **env,
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "aibom", *args],
        capture_output=True,
        text=True,
        env=base,
        cwd=tmp,
        timeout=120,
    )


@pytest.fixture
def project(make_tree) -> Path:  # type: ignore[no-untyped-def]
    return make_tree({"app.py": APP})


@pytest.mark.parametrize("fmt", ["cyclonedx-json", "cyclonedx-xml", "spdx3-json"])
def test_dash_output_is_only_the_bom_even_with_policy_and_report(
    project: Path, tmp_path: Path, fmt: str
) -> None:
    proc = _aibom(
        ["scan", str(project), "-o", "-", "-f", fmt, "-p", "origin-restricted", "--report", "r.md"],
        tmp_path,
    )
    assert proc.returncode == 1, proc.stderr  # the Qwen model breaks origin-restricted
    if fmt == "cyclonedx-json":
        validate_cyclonedx(proc.stdout)
    elif fmt == "cyclonedx-xml":
        validate_cyclonedx(proc.stdout, "cyclonedx-xml")
    else:
        assert validate_spdx3(proc.stdout) == []
    assert "AI models" in proc.stderr and "restricted-origin" in proc.stderr
    assert "Report written to r.md" in proc.stderr
    assert (tmp_path / "r.md").exists()


def test_default_output_file_follows_the_format(project: Path, tmp_path: Path) -> None:
    proc = _aibom(["scan", str(project), "-f", "spdx3", "-q"], tmp_path)
    assert proc.returncode == 0, proc.stderr
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


def test_unknown_and_spdx2_formats_are_refused_with_the_choices(
    project: Path, tmp_path: Path
) -> None:
    spdx2 = _aibom(["scan", str(project), "-f", "spdx-json"], tmp_path)
    assert spdx2.returncode == 2 and "spdx3-json" in spdx2.stderr and "2.3" in spdx2.stderr
    other = _aibom(["scan", str(project), "-f", "yaml"], tmp_path)
    assert other.returncode == 2 and "cyclonedx-json, cyclonedx-xml, spdx3-json" in other.stderr


def test_no_color_is_honoured(project: Path, tmp_path: Path) -> None:
    args = ["scan", str(project), "-o", "-", "-p", "origin-restricted"]
    coloured = _aibom(args, tmp_path, FORCE_COLOR="1", COLUMNS="120")
    assert COLOUR.search(coloured.stderr)  # the check below can fail
    plain = _aibom(args, tmp_path, FORCE_COLOR="1", NO_COLOR="1", COLUMNS="120")
    assert plain.returncode == coloured.returncode == 1
    assert not COLOUR.search(plain.stderr)
    assert "restricted-origin" in plain.stderr
    assert json.loads(plain.stdout)["bomFormat"] == "CycloneDX"
