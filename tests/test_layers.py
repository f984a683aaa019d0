"""Import direction between the packages that read BOMs: one way only, checked from the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "aibom"


def _module(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every aibom module ``path`` imports (at any depth of the file, lazy imports included)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("aibom"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("aibom"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def _files(package: str) -> list[Path]:
    target = SRC.joinpath(*package.split(".")[1:])
    return sorted(target.rglob("*.py")) if target.is_dir() else [target.with_suffix(".py")]


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


# package -> packages above it that it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "aibom.bom.read": ("aibom.bom.build", "aibom.bom.serialize", "aibom.policy", "aibom.report"),
    "aibom.policy": (
        "aibom.report",
        "aibom.diff",
        "aibom.app",
        "aibom.cli",
        "aibom.pipeline",
        "aibom.scanners",
    ),
    "aibom.report": ("aibom.diff", "aibom.app", "aibom.cli", "aibom.pipeline", "aibom.scanners"),
    "aibom.diff": ("aibom.app", "aibom.cli", "aibom.pipeline", "aibom.scanners"),
    "aibom.app": ("aibom.cli",),
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_upward_imports(package: str) -> None:
    bad = [
        f"{_module(f)} imports {imp}"
        for f in _files(package)
        for imp in sorted(_imports(f))
        if _under(imp, FORBIDDEN[package])
    ]
    assert bad == []


def test_only_the_cli_uses_the_application_layer() -> None:
    users = sorted(
        _module(f)
        for f in SRC.rglob("*.py")
        if f.name != "app.py" and any(_under(i, ("aibom.app",)) for i in _imports(f))
    )
    assert users == ["aibom.cli"]


def test_policy_never_prints_or_exits() -> None:
    offenders = []
    for f in _files("aibom.policy"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            called = node.func if isinstance(node, ast.Call) else None
            if isinstance(called, ast.Name) and called.id in ("print", "exit"):
                offenders.append(f"{_module(f)}:{node.lineno} {called.id}()")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("stdout", "stderr", "exit")
                and isinstance(node.value, ast.Name)
                and node.value.id == "sys"
            ):
                offenders.append(f"{_module(f)}:{node.lineno} sys.{node.attr}")
    assert offenders == []


def test_bom_read_depends_only_on_property_names() -> None:
    assert {i for i in _imports(_files("aibom.bom.read")[0])} <= {
        "aibom.bom",
        "aibom.bom.properties",
    }
