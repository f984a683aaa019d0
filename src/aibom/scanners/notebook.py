"""Jupyter notebooks: code cells through the Python scanner, ``!``/``%`` lines as shell.

* Cells are numbered **1-based by position in the notebook, markdown and raw cells
  included** (the "Cell N" a reader counts from the top); lines are 1-based within
  the cell. A finding's location is ``nb.ipynb#cell=N:line``.
* IPython syntax never breaks parsing: ``!cmd``, ``%magic``, ``x = !cmd`` and
  ``obj?`` lines are replaced by ``pass`` (same indentation) before the Python
  scanner sees the cell. ``%%bash``/``%%sh``/``%%script`` cells are read as shell;
  ``%%capture``/``%%time``/``%%timeit`` cells as Python; ``%%writefile x.py`` as
  Python; other cell magics (``%%html``, ``%%javascript``, ...) are skipped.
* ``pip install`` lines (``!pip``, ``%pip``, ``!python -m pip``, ``!uv pip``) give
  PyPI library findings; ``huggingface-cli download``/``hf download``/``ollama pull``/
  ``vllm serve`` lines give model findings like a shell script does.
* Outputs are never read.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packaging.requirements import InvalidRequirement, Requirement

from aibom.inventory import Diagnostic, Finding, LibraryFinding
from aibom.limits import MAX_NOTEBOOK_CELLS
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.commandline import CommandScope, scan_shell_text
from aibom.scanners.kernel import Emitter, dedupe
from aibom.walk import SourceFile

if TYPE_CHECKING:
    from aibom.scanners.python_resolve import ModuleLoader

__all__ = ["NotebookScanner", "pip_install_requirements", "scan_notebook", "strip_ipython"]

SOURCE = "notebook"
_SHELL_CELL_MAGICS = frozenset({"bash", "sh", "script", "system", "zsh"})
_PYTHON_CELL_MAGICS = frozenset(
    {"capture", "time", "timeit", "prun", "debug", "memit", "memory", "px"}
)
_PIP_VALUE_OPTIONS = frozenset(
    {
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
        "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--src",
        "--upgrade-strategy", "--platform", "--python-version", "--implementation", "--abi",
        "--progress-bar", "--no-binary", "--only-binary", "--trusted-host", "--cache-dir", "--log",
        "--proxy", "--retries", "--timeout", "--exists-action", "--global-option", "--config-settings",
        "-C", "--python", "--report",
    }
)  # fmt: skip
# how notebooks name "this kernel's Python": !{sys.executable} -m pip install x
_PYTHON_PLACEHOLDERS = frozenset({"{sys.executable}", "$PYTHON", "${PYTHON}", "{python}"})
_HELP = re.compile(r"^\s*[\w.]+\?\??\s*$")
_ASSIGN_SHELL = re.compile(r"^\s*[\w.]+\s*=\s*[!%]")


def pip_install_requirements(argv: list[str]) -> list[tuple[str, str | None, str | None]] | None:
    """(name, exact version, specifier) of each package a ``pip install`` command names.

    Returns None when ``argv`` is not a pip install. Options, requirement files,
    editable/local paths, URLs and wheels are skipped.
    """
    i = 0
    while i < len(argv) and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", argv[i]):
        i += 1
    words = argv[i:]
    start = None
    for j, w in enumerate(words):
        prog = w.rsplit("/", 1)[-1]
        nxt = words[j + 1] if j + 1 < len(words) else ""
        if re.fullmatch(r"pip\d?(\.\d+)?", prog) and nxt == "install":
            start = j + 2
            break
        if (
            (re.fullmatch(r"python\d?(\.\d+)?", prog) or prog in _PYTHON_PLACEHOLDERS)
            and nxt == "-m"
            and j + 3 < len(words)
            and words[j + 2] == "pip"
            and words[j + 3] == "install"
        ):
            start = j + 4
            break
        if prog == "uv" and nxt == "pip" and j + 2 < len(words) and words[j + 2] == "install":
            start = j + 3
            break
    if start is None:
        return None
    out: list[tuple[str, str | None, str | None]] = []
    k = start
    while k < len(words):
        w = words[k]
        if w in ("&&", "||", ";", "|", "&"):
            break
        if w.startswith("-"):
            if "=" not in w and w in _PIP_VALUE_OPTIONS:
                k += 1
            k += 1
            continue
        k += 1
        if "://" in w or w.startswith((".", "/", "~")) or w.endswith((".whl", ".tar.gz", ".zip")):
            continue
        try:
            req = Requirement(w)
        except InvalidRequirement:
            continue
        specs = list(req.specifier)
        version = None
        if len(specs) == 1 and specs[0].operator in ("==", "===") and "*" not in specs[0].version:
            version = specs[0].version
        out.append((req.name, version, str(req.specifier) or None))
    return out


def strip_ipython(source: str) -> tuple[str, list[tuple[int, str]]]:
    """The cell as plain Python plus the IPython shell commands it held.

    Returns (python text with the same line count, [(1-based line, shell command)]).
    ``%pip``/``%conda``/``%sx``/``%system`` magics are returned as shell commands
    (``pip install ...``); other line magics are dropped.
    """
    lines = source.split("\n")
    out: list[str] = []
    commands: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        if stripped.startswith(("!", "%")) or _ASSIGN_SHELL.match(line):
            first = i
            text = stripped
            while text.endswith("\\") and i + 1 < len(lines):
                i += 1
                text = text[:-1].rstrip() + " " + lines[i].strip()
            command = _shell_of(text)
            if command:
                commands.append((first + 1, command))
            out.append(indent + "pass")
            out.extend("" for _ in range(i - first))
        elif _HELP.match(line):
            out.append(indent + "pass")
        else:
            out.append(line)
        i += 1
    return "\n".join(out), commands


def _shell_of(text: str) -> str | None:
    if _ASSIGN_SHELL.match(text):
        text = text.split("=", 1)[1].strip()
    if text.startswith("!"):
        return text.lstrip("!").strip() or None
    if text.startswith("%"):
        magic, _, rest = text.lstrip("%").partition(" ")
        if magic in ("pip", "conda", "mamba", "uv"):
            return f"{magic} {rest}".strip()
        if magic in ("sx", "system", "sh"):
            return rest.strip() or None
        if magic == "env" and rest.strip():
            # %env NAME=value / %env NAME value: an assignment, read like a shell one
            name, sep, value = rest.strip().partition("=")
            if not sep:
                name, _, value = rest.strip().partition(" ")
            if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name.strip()) and value.strip():
                return f"{name.strip()}={shlex.quote(value.strip())}"
    return None


def _cell_source(cell: dict[str, Any]) -> str | None:
    src = cell.get("source", cell.get("input"))
    if isinstance(src, str):
        return src
    if isinstance(src, list) and all(isinstance(s, str) for s in src):
        return "".join(src)
    return None


def _cells(data: Any) -> list[Any] | None:
    if not isinstance(data, dict):
        return None
    cells = data.get("cells")
    if isinstance(cells, list):
        return cells
    worksheets = data.get("worksheets")  # nbformat 3
    if isinstance(worksheets, list):
        out: list[Any] = []
        for ws in worksheets:
            if isinstance(ws, dict) and isinstance(ws.get("cells"), list):
                out.extend(ws["cells"])
        return out
    return None


def scan_notebook(
    data: Any, rel: str, *, root: Path | None = None, loader: ModuleLoader | None = None
) -> list[Finding]:
    """Findings for a parsed notebook (the JSON document)."""
    cells = _cells(data)
    if cells is None:
        return [Diagnostic(rel, "not a Jupyter notebook (no cells list); skipped", code="notebook")]
    findings: list[Finding] = []
    bad = 0
    if len(cells) > MAX_NOTEBOOK_CELLS:
        findings.append(Diagnostic(rel, f"{len(cells):,} cells; only the first "
                                   f"{MAX_NOTEBOOK_CELLS:,} were scanned", code="truncated"))  # fmt: skip
        cells = cells[:MAX_NOTEBOOK_CELLS]
    for index, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            bad += 1
            continue
        if cell.get("cell_type") != "code":
            continue
        source = _cell_source(cell)
        if source is None:
            bad += 1
            continue
        findings.extend(scan_cell(source, rel, index, root=root, loader=loader))
    if bad:
        findings.append(Diagnostic(rel, f"{bad} malformed cell(s) skipped", code="notebook"))
    return dedupe(findings)


def scan_cell(
    source: str,
    rel: str,
    cell: int,
    *,
    root: Path | None = None,
    loader: ModuleLoader | None = None,
) -> list[Finding]:
    """Findings for one code cell's source (``cell`` is its 1-based position).

    With ``root`` and ``loader`` (see :class:`~aibom.scanners.python_source.ProjectModules`),
    local model paths and constants imported from the project resolve as in ``.py`` files.
    """
    em = Emitter(rel, SOURCE, cell=cell)
    lines = source.split("\n")
    first = lines[0].strip() if lines else ""
    python: str | None = source
    if first.startswith("%%"):
        magic, _, args = first[2:].partition(" ")
        body = "\n".join(lines[1:])
        if magic in _SHELL_CELL_MAGICS and (
            magic != "script" or args.strip().split()[:1] in (["bash"], ["sh"], ["zsh"])
        ):
            _shell(body, em, first_line=2)
            return em.findings
        target = args.strip().split()[-1] if args.strip() else ""
        if magic in _PYTHON_CELL_MAGICS or (magic == "writefile" and target.endswith(".py")):
            python = "\n" + body
        elif magic == "writefile" and target:
            return _written_file(body, target.rsplit("/", 1)[-1], rel, cell)
        else:
            return []
    assert python is not None
    text, commands = strip_ipython(python)
    for line, command in commands:
        _shell(command, em, first_line=line)
    findings: list[Finding] = list(em.findings)
    from aibom.scanners.python_source import scan_python_text

    findings.extend(scan_python_text(text, rel, cell=cell, source=SOURCE, root=root, loader=loader))
    return findings


def _written_file(body: str, name: str, rel: str, cell: int) -> list[Finding]:
    """``%%writefile NAME``: the body read as the kind of file NAME is (Dockerfile, YAML, shell...)."""
    from aibom.scanners.config_files import config_kind, scan_config_text
    from aibom.scanners.containers import (
        container_kind,
        scan_compose_text,
        scan_dockerfile_text,
        scan_shell_script,
    )
    from aibom.scanners.ollama import scan_modelfile_text

    kind = container_kind(name)
    found: list[Finding]
    if kind == "dockerfile":
        found = scan_dockerfile_text(body, rel)
    elif kind == "compose":
        found = scan_compose_text(body, rel)
    elif kind == "shell":
        found = scan_shell_script(body, rel)
    elif name == "Modelfile" or name.lower().endswith(".modelfile"):
        found = scan_modelfile_text(body, rel)
    elif config_kind(name) is not None:
        found = scan_config_text(body, rel, config_kind(name) or "")
    else:
        return []
    return [_in_cell(f, cell, 1) for f in found]


def _in_cell(f: Finding, cell: int, offset: int) -> Finding:
    """Move a finding made from a cell body into the cell (lines shifted by ``offset``)."""
    if isinstance(f, Diagnostic):
        return replace(f, line=None if f.line is None else f.line + offset)
    loc = f.location
    return replace(
        f,
        location=replace(
            loc, cell=cell, source=SOURCE, line=None if loc.line is None else loc.line + offset
        ),
    )


def _shell(text: str, em: Emitter, *, first_line: int) -> None:
    """Shell text of a cell: pip installs become libraries, model commands models."""
    for offset, logical in enumerate(text.split("\n")):
        if "install" not in logical:
            continue
        try:
            argv = shlex.split(logical, comments=True)
        except ValueError:
            continue
        reqs = pip_install_requirements(argv)
        for name, version, spec in reqs or ():
            em.findings.append(
                LibraryFinding(
                    name=name,
                    ecosystem="pypi",
                    location=em.loc(first_line + offset),
                    version=version,
                    specifier=spec,
                    category=_category(name),
                )
            )
    scan_shell_text(text, CommandScope(em), first_line=first_line)


def _category(name: str) -> str | None:
    try:
        from aibom.scanners.manifests import ai_package_category
    except ImportError:  # pragma: no cover - the manifest scanner ships with aibom
        return None
    return ai_package_category(name, "pypi")


class NotebookScanner(FileScanner):
    """Jupyter notebooks (``*.ipynb``)."""

    name = "notebook"
    globs = ("*.ipynb",)

    def __init__(self) -> None:
        from aibom.scanners.python_source import ProjectModules

        self._modules = ProjectModules()

    def wants(self, f: SourceFile) -> bool:
        return f.name.lower().endswith(".ipynb")

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        data = ctx.read_json(f)
        if data is None:
            return []
        try:
            return scan_notebook(
                data, f.rel, root=ctx.root, loader=self._modules.loader(f.rel, ctx)
            )
        except RecursionError:
            return [Diagnostic(f.rel, "notebook nested too deeply; skipped", code="notebook")]
