"""Imported modules are read once per scan, not once per importer; a new scan reads afresh."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aibom.inventory import ServiceFinding
from aibom.scanners.base import ScanContext
from aibom.scanners.javascript import JavaScriptScanner
from aibom.walk import SourceFile


@dataclass
class CountingContext(ScanContext):
    reads: list[str] = field(default_factory=list)

    def _read_raw(self, f: SourceFile, limit: int) -> bytes:
        self.reads.append(f.rel)
        return super()._read_raw(f, limit)


def _write_project(root: Path, model: str) -> list[SourceFile]:
    (root / "src").mkdir(exist_ok=True)
    (root / "src" / "config.ts").write_text(f'export const MODEL = "{model}";\n')
    files = []
    for i in range(3):
        path = root / "src" / f"chat{i}.ts"
        path.write_text(
            'import OpenAI from "openai";\nimport { MODEL } from "./config";\n'
            "const client = new OpenAI();\n"
            "await client.chat.completions.create({ model: MODEL, messages: [] });\n"
        )
        files.append(SourceFile(rel=f"src/chat{i}.ts", path=path, size=path.stat().st_size))
    return files


def _models(ctx: ScanContext, files: list[SourceFile]) -> list[str | None]:
    scanner = JavaScriptScanner()
    return [
        f.model
        for sf in files
        for f in scanner.scan(sf, ctx)
        if isinstance(f, ServiceFinding) and f.model is not None  # the call, not the client
    ]


def test_a_module_imported_by_three_files_is_read_once(tmp_path: Path) -> None:
    files = _write_project(tmp_path, "gpt-4o-mini")
    ctx = CountingContext(root=tmp_path)
    assert _models(ctx, files) == ["gpt-4o-mini"] * 3
    assert ctx.reads.count("src/config.ts") == 1
    assert [r for r in ctx.reads if r != "src/config.ts"] == [f.rel for f in files]


def test_a_new_scan_reads_the_module_again(tmp_path: Path) -> None:
    files = _write_project(tmp_path, "gpt-4o-mini")
    assert _models(CountingContext(root=tmp_path), files) == ["gpt-4o-mini"] * 3
    (tmp_path / "src" / "config.ts").write_text(
        'export const MODEL = "gpt-4.1-nano";\n'
    )  # same size
    ctx = CountingContext(root=tmp_path)
    assert _models(ctx, files) == ["gpt-4.1-nano"] * 3
    assert ctx.reads.count("src/config.ts") == 1
