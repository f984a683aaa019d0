"""Packages import one way only (issue 10): nothing below imports what is above it.

The layer table decides between packages; FORBIDDEN adds the finer rules inside a layer
(policy never reads reports, bom.read never pulls in the builder), and two more tests keep the
application layer to the CLI and policy free of printing.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

import aibom

SRC = Path(aibom.__file__).parent

# Lower layers first; a package may import only packages on earlier (or its own) rows.
LAYERS: list[set[str]] = [
    {"inventory", "yamlio", "cachedir", "aibom", "versions", "text", "limits", "gitindex"},
    {"walk", "knowledge", "licenses"},
    {"filereader", "weights"},
    {"modelfacts"},
    {"scanners", "lineage"},
    {"bom", "summary", "pipeline", "scan_units", "findings_cache", "result_cache"},
    {"policy", "report", "diff", "integrations"},
    {"app"},
    {"cli", "cli_startup", "__main__"},
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(("aibom", *parts)).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("aibom"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("aibom"))
    return out


def _package(module: str) -> str:
    parts = module.split(".")
    if len(parts) < 2:
        return "aibom"
    is_module = (SRC / parts[1]).is_dir() or (SRC / f"{parts[1]}.py").is_file()
    return parts[1] if is_module else "aibom"


def _rank(package: str) -> int:
    for i, layer in enumerate(LAYERS):
        if package in layer:
            return i
    raise AssertionError(
        f"package {package!r} is in no layer: add it to LAYERS in tests/test_layering.py"
    )


def test_packages_import_downwards_only() -> None:
    upward: set[tuple[str, str]] = set()
    for path in SRC.rglob("*.py"):
        here = _package(_module_name(path))
        for target in _imports(path):
            there = _package(target)
            if there != here and _rank(there) > _rank(here):
                upward.add((here, there))
    assert not upward, sorted(upward)


def test_scanner_modules_have_no_cycles() -> None:
    modules = {_module_name(p): p for p in (SRC / "scanners").rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for target in _imports(path):
            # "from pkg.mod import x" depends on pkg.mod (or on pkg.mod.x when that is a module);
            # a package's own __init__ running first is import machinery, not a dependency.
            if target in modules and not name.startswith(target + "."):
                graph[name].add(target)
    seen: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        if seen.get(node) == 1:
            raise AssertionError(" -> ".join([*stack, node]))
        if seen.get(node) == 2:
            return
        seen[node] = 1
        for nxt in sorted(graph[node]):
            visit(nxt, [*stack, node])
        seen[node] = 2

    for name in sorted(modules):
        visit(name, [])


def test_every_package_says_what_it_may_import() -> None:
    for init in sorted(p.parent.name for p in SRC.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse((SRC / init / "__init__.py").read_text("utf-8")))
        assert doc and "May import" in doc, init


# Finer rules inside a layer: package -> modules it must never import.
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
        f"{_module_name(f)} imports {imp}"
        for f in _files(package)
        for imp in sorted(_imports(f))
        if _under(imp, FORBIDDEN[package])
    ]
    assert bad == []


def test_only_the_cli_uses_the_application_layer() -> None:
    users = sorted(
        _module_name(f)
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
                offenders.append(f"{_module_name(f)}:{node.lineno} {called.id}()")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("stdout", "stderr", "exit")
                and isinstance(node.value, ast.Name)
                and node.value.id == "sys"
            ):
                offenders.append(f"{_module_name(f)}:{node.lineno} sys.{node.attr}")
    assert offenders == []


def test_bom_read_depends_only_on_property_names() -> None:
    # plus the bottom-layer text rule and budgets: a BOM read back is untrusted input (issue 12)
    assert {i for i in _imports(_files("aibom.bom.read")[0])} <= {
        "aibom.bom",
        "aibom.bom.properties",
        "aibom.limits",
        "aibom.limits.load_json",
        "aibom.text",
        "aibom.text.clean_strings",
    }
