"""The HTML report in a real headless Chromium: it displays, with no console errors or fetches.

Skips when /usr/bin/chromium is absent (Debian package ``chromium``; ``.ci/run`` installs it).
Every console message (errors, CSP violations from a blocked fetch or script) is logged by
Chromium as ``INFO:CONSOLE``; a decoy page proves the check catches them.
"""

from __future__ import annotations

import json
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from builders.policy import findings as typed_findings

from aibom.bom.read import parse_bom
from aibom.report import render_report

CHROMIUM = Path("/usr/bin/chromium")
FIXTURES = Path(__file__).parent / "fixtures" / "report"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def console_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ":CONSOLE" in ln or "Uncaught" in ln]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    bom = json.loads((FIXTURES / "aibom-example.json").read_text(encoding="utf-8"))
    findings = typed_findings(
        json.loads((FIXTURES / "findings.json").read_text(encoding="utf-8"))["findings"]
    )
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_bytes(render_report(parse_bom(bom), "html", findings=findings))
    return path


def test_decoy_page_with_errors_is_caught(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>x</title></head>'
        "<body><script>missing()</script></body></html>",
        encoding="utf-8",
    )
    result = chromium(tmp_path, "--dump-dom", bad.as_uri())
    assert any(
        "Uncaught ReferenceError: missing is not defined" in ln
        for ln in console_lines(result.stderr)
    )


def test_report_displays_without_console_errors(tmp_path: Path, report_file: Path) -> None:
    result = chromium(tmp_path, "--dump-dom", report_file.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_lines(result.stderr) == []
    dom = result.stdout
    assert "<h1>AI Bill of Materials — compliance report</h1>" in dom
    # the DOM Chromium built has every table and inline SVG graphic of the report
    assert dom.count("<table") == 11
    assert dom.count("<svg") == 6
    assert 'id="models-table"' in dom and "models/support-bot" in dom


def test_report_screenshot(tmp_path: Path, report_file: Path) -> None:
    shot = tmp_path / "report.png"
    result = chromium(
        tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", report_file.as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_lines(result.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a rendered page, not a blank one


def test_print_to_pdf_works(tmp_path: Path, report_file: Path) -> None:
    """The print stylesheet gives a multi-page document (page breaks before major sections)."""
    out = tmp_path / "printed.pdf"
    result = chromium(
        tmp_path, f"--print-to-pdf={out}", "--no-pdf-header-footer", report_file.as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    PdfReader = pytest.importorskip("pypdf").PdfReader

    pages = PdfReader(str(out)).pages
    assert len(pages) >= 4
    first = pages[0].extract_text() or ""
    assert "AI Bill of Materials" in first


def test_report_is_well_formed(report_file: Path) -> None:
    ET.fromstring(report_file.read_text(encoding="utf-8").removeprefix("<!DOCTYPE html>\n"))
