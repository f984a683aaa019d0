"""Dependency manifests and lockfiles: exact libraries, AI tags, includes and broken input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aibom.inventory import Diagnostic, Finding, LibraryFinding
from aibom.scanners.base import ScanContext
from aibom.scanners.manifests import ManifestScanner, ai_package_category
from aibom.walk import SourceFile, walk

FIXTURES = Path(__file__).parent / "fixtures" / "manifests"


def scan_file(root: Path, rel: str) -> list[Finding]:
    path = root / rel
    f = SourceFile(rel=rel, path=path, size=path.stat().st_size)
    scanner = ManifestScanner()
    assert scanner.wants(f)
    return list(scanner.scan(f, ScanContext(root=root)))


def libs(findings: list[Finding]) -> list[tuple[Any, ...]]:
    return [
        (
            f.name,
            f.location.path,
            f.location.line,
            f.version,
            f.specifier,
            f.category,
            f.location.source,
        )
        for f in findings
        if isinstance(f, LibraryFinding)
    ]


def diags(findings: list[Finding]) -> list[tuple[Any, ...]]:
    return [(d.path, d.line, d.code) for d in findings if isinstance(d, Diagnostic)]


def test_ai_package_table() -> None:
    assert ai_package_category("transformers", "pypi") == "ai-framework"
    assert ai_package_category("Sentence_Transformers", "pypi") == "ai-framework"
    assert ai_package_category("langchain-openai", "pypi") == "ai-framework"
    assert ai_package_category("llama_index.core", "pypi") == "ai-framework"
    assert ai_package_category("openai", "pypi") == "ai-provider-sdk"
    assert ai_package_category("google-genai", "pypi") == "ai-provider-sdk"
    assert ai_package_category("boto3", "pypi") is None
    assert ai_package_category("requests", "pypi") is None
    assert ai_package_category("langchainx", "npm") is None
    assert ai_package_category("@langchain/openai", "npm") == "ai-framework"
    assert ai_package_category("@ai-sdk/openai", "npm") == "ai-framework"
    assert ai_package_category("@anthropic-ai/sdk", "npm") == "ai-provider-sdk"
    assert ai_package_category("openai", "npm") == "ai-provider-sdk"
    assert ai_package_category("@huggingface/transformers", "npm") == "ai-framework"
    assert ai_package_category("react", "npm") is None


@pytest.mark.parametrize(
    ("rel", "wanted"),
    [
        ("requirements.txt", True),
        ("requirements-dev.txt", True),
        ("dev-requirements.txt", True),
        ("requirements.in", True),
        ("requirements/prod.txt", True),
        ("constraints.txt", True),
        ("pyproject.toml", True),
        ("sub/setup.cfg", True),
        ("setup.py", True),
        ("Pipfile", True),
        ("Pipfile.lock", True),
        ("poetry.lock", True),
        ("uv.lock", True),
        ("notes.txt", False),
        ("package.json", False),
        ("requirements.md", False),
    ],
)
def test_wants(rel: str, wanted: bool) -> None:
    assert ManifestScanner().wants(SourceFile(rel=rel, path=Path(rel), size=1)) is wanted


def test_requirements_with_includes_loops_and_broken_lines() -> None:
    found = scan_file(FIXTURES, "reqs/requirements.txt")
    assert libs(found) == [
        (
            "transformers",
            "reqs/requirements.txt",
            5,
            "4.44.2",
            "==4.44.2",
            "ai-framework",
            "requirements",
        ),
        ("torch", "reqs/requirements.txt", 6, None, ">=2.1,<3", "ai-framework", "requirements"),
        ("openai", "reqs/requirements.txt", 7, None, None, "ai-provider-sdk", "requirements"),
        ("numpy", "reqs/requirements.txt", 8, None, "==1.26.*", None, "requirements"),
        ("requests", "reqs/requirements.txt", 9, None, ">=2.31", None, "requirements"),
        (
            "accelerate",
            "reqs/requirements.txt",
            10,
            "0.33.0",
            "==0.33.0",
            "ai-framework",
            "requirements",
        ),
        ("peft", "reqs/requirements.txt", 13, None, None, "ai-framework", "requirements"),
        # -r base.txt -> -r common.txt -> -r base.txt (loop) / -r requirements.txt (already read)
        ("bitsandbytes", "reqs/base.txt", 2, "0.43.3", "==0.43.3", "ai-framework", "requirements"),
        ("safetensors", "reqs/common.txt", 3, None, None, "ai-framework", "requirements"),
    ]
    assert diags(found) == [
        ("reqs/requirements.txt", 12, "manifest-parse"),  # "this is not a requirement"
        (
            "reqs/requirements.txt",
            14,
            "manifest-include",
        ),  # ../../../../../etc/passwd: outside the root
        ("reqs/requirements.txt", 15, "manifest-include"),  # missing.txt
    ]


def test_included_requirements_file_is_read_once_by_its_own_scan() -> None:
    # requirements/dev.txt is a requirements file in its own right: the walk offers it, the
    # include does not read it a second time.
    found = scan_file(FIXTURES, "reqs/requirements/dev.txt")
    assert [(n, p, line) for n, p, line, *_ in libs(found)] == [
        ("pytest", "reqs/requirements/dev.txt", 2),
        ("langchain-openai", "reqs/requirements/dev.txt", 3),
    ]


def test_pyproject_pep621_groups_poetry_uv() -> None:
    found = scan_file(FIXTURES, "pyproject.toml")
    assert libs(found) == [
        ("transformers", "pyproject.toml", 4, None, ">=4.40", "ai-framework", "pyproject"),
        (
            "sentence-transformers",
            "pyproject.toml",
            5,
            "3.0.1",
            "==3.0.1",
            "ai-framework",
            "pyproject",
        ),
        ("httpx", "pyproject.toml", 6, None, None, None, "pyproject"),
        ("vllm", "pyproject.toml", 10, "0.6.1", "==0.6.1", "ai-framework", "pyproject"),
        ("pytest", "pyproject.toml", 13, None, ">=8", None, "pyproject"),
        ("ruff", "pyproject.toml", 14, None, None, None, "pyproject"),
        ("ollama", "pyproject.toml", 18, None, "^0.3", "ai-framework", "pyproject"),
        ("llama-cpp-python", "pyproject.toml", 19, "0.2.90", "0.2.90", "ai-framework", "pyproject"),
        ("dashscope", "pyproject.toml", 20, None, "~1.20", "ai-provider-sdk", "pyproject"),
        ("mistralai", "pyproject.toml", 23, None, "*", "ai-provider-sdk", "pyproject"),
        ("groq", "pyproject.toml", 26, None, ">=0.9", "ai-provider-sdk", "pyproject"),
    ]
    assert diags(found) == []


def test_setup_cfg_with_a_broken_line() -> None:
    found = scan_file(FIXTURES, "setup.cfg")
    assert libs(found) == [
        ("peft", "setup.cfg", 6, "0.12.0", "==0.12.0", "ai-framework", "setup.cfg"),
        ("pyyaml", "setup.cfg", 7, None, ">=6", None, "setup.cfg"),
        ("anthropic", "setup.cfg", 12, None, ">=0.30", "ai-provider-sdk", "setup.cfg"),
    ]
    assert diags(found) == [("setup.cfg", 8, "manifest-parse")]


def test_setup_py_read_with_ast() -> None:
    found = scan_file(FIXTURES, "setup.py")
    assert libs(found) == [
        ("transformers", "setup.py", 3, None, ">=4.40", "ai-framework", "setup.py"),
        ("requests", "setup.py", 3, None, None, None, "setup.py"),
        ("openai", "setup.py", 10, "1.40.0", "==1.40.0", "ai-provider-sdk", "setup.py"),
        ("anthropic", "setup.py", 10, None, None, "ai-provider-sdk", "setup.py"),
        ("bitsandbytes", "setup.py", 11, "0.43.3", "==0.43.3", "ai-framework", "setup.py"),
        ("flash-attn", "setup.py", 11, None, None, "ai-framework", "setup.py"),
    ]
    assert scan_file(FIXTURES, "broken/pyproject.toml") != []


def test_pipfile_and_lock() -> None:
    assert libs(scan_file(FIXTURES, "Pipfile")) == [
        ("diffusers", "Pipfile", 5, "0.30.0", "==0.30.0", "ai-framework", "pipfile"),
        ("flask", "Pipfile", 6, None, "*", None, "pipfile"),
        ("cohere", "Pipfile", 9, None, ">=5", "ai-provider-sdk", "pipfile"),
    ]
    assert libs(scan_file(FIXTURES, "Pipfile.lock")) == [
        ("diffusers", "Pipfile.lock", 4, "0.30.0", "==0.30.0", "ai-framework", "pipfile-lock"),
        ("flask", "Pipfile.lock", 5, "3.0.3", "==3.0.3", None, "pipfile-lock"),
        ("cohere", "Pipfile.lock", 8, "5.9.0", "==5.9.0", "ai-provider-sdk", "pipfile-lock"),
    ]


def test_poetry_and_uv_locks_keep_every_package() -> None:
    assert libs(scan_file(FIXTURES, "poetry.lock")) == [
        ("torch", "poetry.lock", 2, "2.4.0", "==2.4.0", "ai-framework", "poetry-lock"),
        ("idna", "poetry.lock", 7, "3.8", "==3.8", None, "poetry-lock"),
    ]
    # the project itself (editable source) is not a dependency
    assert libs(scan_file(FIXTURES, "uv.lock")) == [
        ("huggingface-hub", "uv.lock", 10, "0.24.6", "==0.24.6", "ai-framework", "uv-lock"),
        ("tqdm", "uv.lock", 15, "4.66.5", "==4.66.5", None, "uv-lock"),
    ]


def test_broken_files_are_diagnostics() -> None:
    assert diags(scan_file(FIXTURES, "broken/pyproject.toml")) == [
        ("broken/pyproject.toml", None, "manifest-parse")
    ]
    assert diags(scan_file(FIXTURES, "broken/Pipfile.lock")) == [
        ("broken/Pipfile.lock", None, "manifest-parse")
    ]


def test_hostile_requirements(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / "requirements.txt").write_text(
        "-r https://example.com/reqs.txt\n-r /etc/passwd\n-r sub\nname @ file:///x\n"
        "git+https://github.com/a/b.git#egg=openai\n./local-pkg\n" + "x" * 5000 + "[[[\n",
        encoding="utf-8",
    )
    (root / "sub").mkdir()
    found = scan_file(root, "requirements.txt")
    assert libs(found) == [
        ("name", "requirements.txt", 4, None, "@ file:///x", None, "requirements"),
        ("openai", "requirements.txt", 5, None, None, "ai-provider-sdk", "requirements"),
    ]
    assert diags(found) == [
        ("requirements.txt", 1, "manifest-include"),
        ("requirements.txt", 2, "manifest-include"),
        ("requirements.txt", 3, "manifest-include"),
        ("requirements.txt", 7, "manifest-parse"),
    ]


def test_scanner_over_the_fixture_tree() -> None:
    scanner = ManifestScanner()
    files = [f.rel for f in walk(FIXTURES).files() if scanner.wants(f)]
    assert files == [
        "Pipfile",
        "Pipfile.lock",
        "poetry.lock",
        "pyproject.toml",
        "setup.cfg",
        "setup.py",
        "uv.lock",
        "broken/Pipfile.lock",
        "broken/pyproject.toml",
        "reqs/constraints.txt",
        "reqs/requirements.txt",
        "reqs/requirements/dev.txt",
    ]
