"""The scanner registry: every source is one module + one line, declares its globs, never raises."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aibom.inventory import DatasetFinding, Diagnostic, LibraryFinding, ModelFinding, ServiceFinding
from aibom.scanners import FILE_SCANNERS, directory_scanners, file_scanners
from aibom.scanners.base import FileScanner, ScanContext
from aibom.walk import SourceFile

SCANNERS = {type(s).__name__: s for s in file_scanners()}
FINDING_TYPES = (ModelFinding, ServiceFinding, LibraryFinding, DatasetFinding, Diagnostic)

# Fragments of every format the registered scanners read, so random text reaches deep paths.
_TOKENS = st.sampled_from(
    [
        *list("abcMODEL_=:/-.${}()[]\"'\\\n #!%&|;<>\t`0123456789@,"),
        "model: ", "- ", "{{", "hf.co/", "Qwen/Qwen2", "base_url: ", "http://localhost:11434",
        "models:\n", "[llm]\n", '"model": ', "FROM ", "RUN ", "CMD [", "vllm serve ", "--model ",
        "ollama pull ", "import ", "from transformers import AutoModel\n", "AutoModel.from_pretrained(",
        "new OpenAI({", "const m = ", "require('openai')", "<script>", '{"cells": [', "ADAPTER ",
        '"dependencies": {', "openai==1.0\n", "[project]\n", "apiVersion: v1\nkind: Pod\n",
    ]
)  # fmt: skip


def _sample(glob: str) -> str:
    return glob.replace("*", "x")


def test_registry_is_one_line_per_scanner_and_each_declares_globs() -> None:
    assert len(SCANNERS) == len(FILE_SCANNERS)
    assert list(FILE_SCANNERS) == sorted(FILE_SCANNERS)
    for name, scanner in SCANNERS.items():
        assert scanner.globs, name
        assert scanner.name, name
    assert [type(s).__name__ for s in directory_scanners()] == ["ModelDirectoryScanner"]


@pytest.mark.parametrize("name", sorted(SCANNERS))
def test_every_declared_glob_is_wanted(name: str, tmp_path: Path) -> None:
    scanner = SCANNERS[name]
    for glob in scanner.globs:
        sample = _sample(glob)
        f = SourceFile(rel=f"src/{sample}", path=tmp_path / sample, size=10)
        assert scanner.wants(f), (name, glob)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _scan(scanner: FileScanner, root: Path, name: str, data: bytes) -> list[object]:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    f = SourceFile(rel=name, path=path, size=len(data))
    return list(scanner.scan(f, ScanContext(root=root)))


@pytest.mark.parametrize("name", sorted(SCANNERS))
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_never_raises_on_arbitrary_text(name: str, scratch: Path, data: st.DataObject) -> None:
    scanner = SCANNERS[name]
    glob = data.draw(st.sampled_from(scanner.globs))
    text = data.draw(st.lists(_TOKENS, max_size=60).map("".join))
    for finding in _scan(scanner, scratch, _sample(glob), text.encode("utf-8")):
        assert isinstance(finding, FINDING_TYPES)


@pytest.mark.parametrize("name", sorted(SCANNERS))
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_never_raises_on_arbitrary_bytes(name: str, scratch: Path, data: st.DataObject) -> None:
    scanner = SCANNERS[name]
    glob = data.draw(st.sampled_from(scanner.globs))
    raw = data.draw(st.binary(max_size=400))
    for finding in _scan(scanner, scratch, _sample(glob), raw):
        assert isinstance(finding, FINDING_TYPES)
