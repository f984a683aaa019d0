"""aibom.cli_startup: what typer imports or builds but aibom never uses is deferred, nothing else changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parent.parent / "src")


def _run(code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=SRC)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


_PROBE = """
import json, sys
from aibom.cli import main
try:
    sys.argv = ["aibom", *sys.argv[1:]]
    main()
except SystemExit as exit:
    code = exit.code
deferred = {m: getattr(sys.modules.get(m), "_aibom_placeholder", False) for m in ("rich.markdown", "rich.traceback")}
print(json.dumps({"code": code, "pydantic": "pydantic" in sys.modules, "deferred": deferred}), file=sys.stderr)
"""


def _probe(tmp_path: Path, *args: str) -> dict[str, object]:
    done = _run(_PROBE, *args, cwd=tmp_path)
    return dict(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_does_not_load_markdown_or_tracebacks(tmp_path: Path) -> None:
    probe = _probe(tmp_path, "--help")
    assert probe["code"] == 0
    assert probe["deferred"] == {"rich.markdown": True, "rich.traceback": True}


def test_scan_converts_its_options_without_pydantic(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = tmp_path / "bom.json"
    args = [
        "scan",
        "empty",
        "-o",
        str(out),
        "-q",
        "--exclude",
        "a/**",
        "--exclude",
        "b",
        "--jobs",
        "1",
    ]
    probe = _probe(tmp_path, *args, "--cache-dir", str(tmp_path / "cache"))
    assert probe["code"] in (0, None)
    assert probe["pydantic"] is False
    assert json.loads(out.read_text())["metadata"]["component"]["name"] == "empty"


def test_a_value_typer_rejects_is_still_rejected_by_typer(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = _run(_PROBE, "scan", "empty", "--jobs", "-1", cwd=tmp_path)
    assert "Invalid value for '--jobs'" in done.stderr  # typer's own message, via pydantic
    assert json.loads(done.stderr.strip().splitlines()[-1])["code"] == 2


def test_placeholders_give_the_real_modules_on_use() -> None:
    from aibom import cli_startup

    saved = {m: sys.modules.pop(m, None) for m in ("rich.markdown", "rich.traceback")}
    try:
        for module, name in cli_startup._DEFERRED.items():
            sys.modules[module] = cli_startup._placeholder(module, name)
        from rich.console import Console
        from rich.markdown import Markdown
        from rich.traceback import Traceback

        assert getattr(sys.modules["rich.markdown"], "_aibom_placeholder", False)
        console = Console(record=True, width=40)
        console.print(Markdown("# Title"))
        assert "Title" in console.export_text()
        assert not getattr(sys.modules["rich.markdown"], "_aibom_placeholder", False)
        assert callable(Traceback.from_exception)
        import rich.traceback

        assert rich.traceback.Traceback.__module__ == "rich.traceback"
    finally:
        for module, original in saved.items():
            if original is not None:
                sys.modules[module] = original
