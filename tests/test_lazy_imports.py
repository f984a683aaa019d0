"""A scan imports only what its tree needs: no JS machinery for a tree without JS, no rich when quiet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parent.parent / "src")

_PROBE = """
import json, os, sys
from aibom.cli import main
sys.argv = ["aibom", "scan", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
watched = json.loads(os.environ["WATCHED"])
print(json.dumps({"code": code, "loaded": [m for m in watched if m in sys.modules]}))
"""


_WATCHED = ("tree_sitter", "rich.console", "aibom.scanners.javascript.evaluator", "tomllib")


def _loaded(
    tmp_path: Path, root: Path, *args: str, watched: tuple[str, ...] = _WATCHED
) -> list[str]:
    env = dict(os.environ, PYTHONPATH=SRC, AIBOM_CACHE_DIR=str(tmp_path / "cache"))
    env["WATCHED"] = json.dumps(watched)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(root), "-o", str(tmp_path / "bom.json"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["code"] == 0, done.stderr
    return list(answer["loaded"])


def test_a_quiet_scan_without_js_loads_neither_tree_sitter_nor_rich(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "app.py").write_text('import openai\nopenai.OpenAI().models.retrieve("gpt-4o")\n')
    assert _loaded(tmp_path, root, "-q") == []


def test_js_is_parsed_with_tree_sitter_when_the_tree_has_it(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "app.ts").write_text('import OpenAI from "openai";\nconst c = new OpenAI();\n')
    loaded = _loaded(tmp_path, root, "-q", "--no-cache")
    assert "tree_sitter" in loaded
    assert "aibom.scanners.javascript.evaluator" in loaded
    assert "rich.console" in _loaded(tmp_path, root)  # the summary is printed


def test_a_quiet_rescan_of_an_unchanged_tree_loads_no_scanner(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "app.py").write_text('import openai\nopenai.OpenAI().models.retrieve("gpt-4o")\n')
    (root / "pyproject.toml").write_text('[project]\nname = "p"\ndependencies = ["openai"]\n')
    os.utime(root / "app.py", (1_000_000_000, 1_000_000_000))  # not modified just now: cachable
    os.utime(root / "pyproject.toml", (1_000_000_000, 1_000_000_000))
    watched = (
        "tomllib",
        "aibom.scanners.python_source",
        "aibom.lineage.resolve",
        "aibom.bom.build",
        "aibom.inventory",  # a quiet hit decodes nothing (and its walk reports nothing)
        "aibom.text",
    )
    assert set(_loaded(tmp_path, root, "-q", watched=watched)) >= {
        "tomllib",
        "aibom.scanners.python_source",
    }
    assert _loaded(tmp_path, root, "-q", watched=watched) == []  # answered by the result cache
