"""Size caps: ordinary text files are capped, lockfiles get a larger cap."""

from __future__ import annotations

import json

from aibom.pipeline import ScanRequest, scan_tree


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


def test_large_source_file_is_capped_with_a_diagnostic(make_tree) -> None:
    big = "x = 1\n" * (800_000)  # 4.8 MB of Python
    root = make_tree({"big.py": big})
    inv = scan_tree(ScanRequest(root=root, hash_weights=False))
    assert [(d.path, d.code) for d in inv.diagnostics if d.code == "truncated"] == [
        ("big.py", "truncated")
    ]
