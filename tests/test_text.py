"""The one text representation (aibom.text): what reaches the BOM and what reaches a person."""

from __future__ import annotations

from pathlib import Path

import pytest

from aibom.inventory import Diagnostic, Location, Service
from aibom.text import bom_text, clean_strings, csv_cell, display_text, uri_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[2Jb", "ab"),  # CSI: clear screen
        ("a\x1b[38;5;196mb", "ab"),  # CSI with parameters
        ("a\x1b]0;title\x07b", "ab"),  # OSC ended by BEL
        ("a\x1b]8;;http://x\x1b\\b", "ab"),  # OSC hyperlink ended by ST
        ("a\x1bP+q544e\x1b\\b", "ab"),  # DCS request
        ("a\x9b31mb", "ab"),  # 8-bit CSI
        ("a\x9d0;t\x9cb", "ab"),  # 8-bit OSC and ST
        ("a\x1bcb", "ab"),  # RIS: reset terminal
        ("a\x00\x07\x08\x7fb", "ab"),  # NUL, BEL, BS, DEL
        ("a\u202eb\u2066c", "abc"),  # bidi overrides (Trojan Source)
        ("line1\nline2\tx", "line1 line2 x"),
        ("caf\xe9 \u4e2d", "caf\xe9 \u4e2d"),  # printable Unicode untouched
        ("bad\udcffname", "bad\\xffname"),  # undecodable byte
    ],
)
def test_display_text_removes_sequences_and_controls(raw: str, shown: str) -> None:
    assert display_text(raw) == shown


def test_display_text_can_keep_line_breaks() -> None:
    assert display_text("a\nb\x1b[2J", single_line=False) == "a\nb"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("plain/model", "plain/model"),
        ("bad\udcff\udcfename", "bad\\xff\\xfename"),  # surrogateescape bytes
        ("lone\ud800", "lone\\ud800"),  # other lone surrogates
        ("esc\x1b[2J", "esc\\x1b[2J"),
        ("c1\x9b", "c1\\x9b"),
        ("tab\tnl\ncr\r", "tab\tnl\ncr\r"),  # allowed in JSON and XML: kept
        ("\ufffe", "\\ufffe"),  # an XML non-character
    ],
)
def test_bom_text(raw: str, stored: str) -> None:
    assert bom_text(raw) == stored
    assert bom_text(stored) == stored
    stored.encode("utf-8")


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\x1b[2J=1", "'=1"),  # stripped first, then defused
        ("a=1", "a=1"),
        ("multi\nline", "multi\nline"),
    ],
)
def test_csv_cell(raw: str, cell: str) -> None:
    assert csv_cell(raw) == cell


def test_uri_text_percent_encodes() -> None:
    assert uri_text("https://api.openai.com/v1?x=%20") == "https://api.openai.com/v1?x=%20"
    assert uri_text("http://h/\x1b[2J\udcff a\\b") == "http://h/%1B[2J%FF%20a%5Cb"


def test_clean_strings_rewrites_nested_values_and_rehashes_sets() -> None:
    loc = Location("d\udcff/x.py", 1)
    svc = Service(
        provider="openai", endpoint="http://x\x1b", models={"gpt\x1b[2J"}, occurrences=[loc]
    )
    diag = Diagnostic("d\udcff/x.py", "bad \x1b]0;t\x07")
    data = {"k\udcff": [svc, diag], "s": {loc}}
    out = clean_strings(data)
    assert list(out) == ["k\\xff", "s"]
    assert svc.endpoint == "http://x%1B"
    assert svc.models == {"gpt\\x1b[2J"}
    assert svc.occurrences[0].path == "d\\xff/x.py"
    assert diag.message == "bad \\x1b]0;t\\x07"
    assert Location("d\\xff/x.py", 1) in out["s"]  # the set was rebuilt with the new hash


def test_cli_errors_show_names_without_escape_sequences_or_markup(tmp_path: Path) -> None:
    """A file name in an error message reaches the terminal cleaned, Rich markup shown as text."""
    import re

    from typer.testing import CliRunner

    from aibom.cli import app

    missing = tmp_path / "no\x1b[2Jsuch[bold]\u009b31m.json"
    for args in (
        ["report", str(missing), "-o", str(tmp_path / "r.md")],
        ["check", str(missing)],
        ["convert", str(missing)],
    ):
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 2, res.output
        assert "such[bold]" in res.output, res.output
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", res.output), res.output
