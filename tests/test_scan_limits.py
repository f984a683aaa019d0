"""Size caps: ordinary text files are capped, lockfiles get a larger cap."""

from __future__ import annotations

import json
from pathlib import Path

from aibom.pipeline import ScanRequest, scan_tree
from aibom.scanners.base import ScanContext, ScanOptions
from aibom.walk import SourceFile


def test_large_lockfile_is_read_whole(make_tree) -> None:
    packages = {"": {"name": "app", "version": "1.0.0"}}
    for i in range(30_000):
        packages[f"node_modules/pkg-{i}"] = {
            "version": "1.0.0",
            "resolved": "https://example.invalid/" + "x" * 100,
        }
    packages["node_modules/openai"] = {"version": "4.73.0"}
    text = json.dumps({"name": "app", "lockfileVersion": 3, "packages": packages}, indent=2)
    assert len(text) > 4 * 1024 * 1024
    root = make_tree({"package-lock.json": text})
    inv = scan_tree(ScanRequest(root=root, hash_weights=False))
    assert [d.code for d in inv.diagnostics] == []
    assert "npm:openai@4.73.0" in inv.libraries
    assert len(inv.libraries) == 30_001


def test_text_is_capped_at_the_context_limit_with_a_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "big.py"
    path.write_text("x = 1\n" * 400, encoding="utf-8")  # 2,400 bytes
    ctx = ScanContext(root=tmp_path, options=ScanOptions(max_text_bytes=1024))
    text = ctx.read_text(SourceFile("big.py", path, path.stat().st_size))
    assert text is not None and len(text) == 1024
    assert [(d.path, d.code, d.level) for d in ctx.diagnostics] == [("big.py", "truncated", "info")]


def test_cap_inside_a_multibyte_character_keeps_the_whole_characters(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("é" * 600, encoding="utf-8")  # 1,200 bytes, the cap falls mid-character
    ctx = ScanContext(root=tmp_path, options=ScanOptions(max_text_bytes=1023))
    text = ctx.read_text(SourceFile("notes.md", path, path.stat().st_size))
    assert text == "é" * 511
    assert [d.code for d in ctx.diagnostics] == ["truncated"]


def test_explicit_larger_cap_reads_past_the_default(tmp_path: Path) -> None:
    path = tmp_path / "package-lock.json"
    path.write_text("a" * 3000, encoding="utf-8")
    ctx = ScanContext(root=tmp_path, options=ScanOptions(max_text_bytes=1024))
    text = ctx.read_text(SourceFile("package-lock.json", path, 3000), max_bytes=4096)
    assert text is not None and len(text) == 3000 and ctx.diagnostics == []
