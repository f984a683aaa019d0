"""Dependency manifests and lockfiles -> library findings, AI packages tagged.

Formats: requirements files (``requirements*.txt``/``.in``, ``requirements/*.txt``,
``constraints*.txt``, following ``-r``/``-c`` includes inside the root),
``pyproject.toml`` (PEP 621, PEP 735 dependency groups, Poetry, PDM, uv),
``setup.cfg``, ``Pipfile``, ``Pipfile.lock``, ``poetry.lock``, ``uv.lock`` and
``pdm.lock``. Lockfiles list every package; all are kept (the BOM is complete).
"""

from __future__ import annotations

import ast
import configparser
import posixpath
import re
import stat
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement

from aibom.inventory import (
    Diagnostic,
    Finding,
    LibraryFinding,
    Location,
    ModelFinding,
    ModelKind,
)
from aibom.knowledge.tables import ai_packages, frameworks
from aibom.limits import load_json, load_toml, python_size_problem
from aibom.scanners.base import FileScanner, ScanContext
from aibom.scanners.python_resolve import ModuleIndex, Scope, dotted
from aibom.walk import SourceFile

MAX_INCLUDES = 64  # requirement files followed through -r/-c from one file

_REQ_NAME = re.compile(
    r"^(?:.*[-_./])?(?:requirements?|reqs)(?:[-_.].*)?\.(?:txt|in)$", re.IGNORECASE
)
_CONSTRAINTS_NAME = re.compile(r"^constraints?(?:[-_.].*)?\.txt$", re.IGNORECASE)
_RAW_SPEC = re.compile(r"^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\])?\s*(?P<spec>[^;@]*)")
_LOCK_NAME = re.compile(r'^\s*name\s*=\s*"([^"]+)"')
_JSON_KEY = re.compile(r'^\s*"([^"]+)"\s*:\s*\{')
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")


# ---------------------------------------------------------------------------
# AI package table


def _normalise(name: str, ecosystem: str) -> str:
    if ecosystem == "pypi":
        return re.sub(r"[-_.]+", "-", name).lower()
    return name.strip().lower()


@cache
def _ai_table() -> dict[str, list[tuple[str, str]]]:
    """(pattern, category) pairs per ecosystem from ``data/ai_packages.yaml``."""
    table: dict[str, list[tuple[str, str]]] = {}
    for ecosystem, rows in ai_packages().items():
        entries: list[tuple[str, str]] = []
        for pattern, category in rows:
            star = pattern.endswith("*")
            base = _normalise(pattern.rstrip("*"), ecosystem)
            entries.append((base + ("*" if star else ""), category))
        table[ecosystem] = entries
    return table


def ai_package_category(name: str, ecosystem: str) -> str | None:
    """``"ai-framework"``, ``"ai-provider-sdk"`` or None for a package name in ``ecosystem`` ("pypi" | "npm" | "golang")."""
    key = _normalise(name, ecosystem)
    best: tuple[int, str] | None = None
    for pattern, category in _ai_table().get(ecosystem, []):
        if pattern.endswith("*"):
            prefix = pattern[:-1]
            if key.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), category)
        elif key == pattern:
            return category
    return best[1] if best else None


# ---------------------------------------------------------------------------
# Helpers


class _Lines:
    """Finds the line of a needle in a text, each occurrence handed out once, in order."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self._next: dict[str, int] = {}

    def find(self, *needles: str, start: int = 0) -> int | None:
        for needle in needles:
            i = max(self._next.get(needle, 0), start)
            while i < len(self.lines):
                if needle in self.lines[i]:
                    self._next[needle] = i + 1
                    return i + 1
                i += 1
        return None

    def find_re(self, pattern: re.Pattern[str]) -> int | None:
        key = pattern.pattern
        i = self._next.get(key, 0)
        while i < len(self.lines):
            if pattern.search(self.lines[i]):
                self._next[key] = i + 1
                return i + 1
            i += 1
        return None


def _exact_version(spec: str) -> str | None:
    """The pinned version of ``==X`` / ``===X`` (no wildcard), else None."""
    s = spec.strip()
    m = re.fullmatch(r"===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)", s)
    return m.group(1) if m else None


def _library(
    name: str, source: str, rel: str, line: int | None, *, version: str | None, spec: str | None
) -> LibraryFinding:
    return LibraryFinding(
        name=name,
        ecosystem="pypi",
        location=Location(path=rel, line=line, source=source),
        version=version,
        specifier=spec or None,
        category=ai_package_category(name, "pypi"),
    )


def _pep508(text: str, rel: str, line: int | None, source: str) -> Finding:
    """A LibraryFinding for one PEP 508 requirement string, or a manifest-parse diagnostic."""
    try:
        req = Requirement(text)
    except InvalidRequirement as exc:
        reason = (str(exc).splitlines() or ["invalid requirement"])[0]
        return Diagnostic(
            rel,
            f"cannot parse requirement {text.strip()[:80]!r}: {reason}",
            line=line,
            code="manifest-parse",
        )
    m = _RAW_SPEC.match(text)
    raw = re.sub(r"\s+", "", m.group("spec")) if m else ""
    spec = raw or (str(req.specifier) if req.specifier else None)
    version = _exact_version(raw) if raw else None
    if req.url and not spec:
        spec = f"@ {req.url}"
    return _library(req.name, source, rel, line, version=version, spec=spec)


def _poetry_constraint(value: Any) -> tuple[str | None, str | None]:
    """(specifier as written, exact version) of a Poetry/Pipfile dependency value."""
    if isinstance(value, dict):
        v = value.get("version")
        if v is None:
            for k in ("git", "path", "url", "file"):
                if k in value:
                    return f"{k}={value[k]}", None
            return None, None
        value = v
    if not isinstance(value, str):
        return None, None
    s = value.strip()
    if s in ("", "*"):
        return (s or None), None
    if re.fullmatch(r"[0-9][A-Za-z0-9.+!_-]*", s):  # Poetry: a bare version means exactly that one
        return s, s
    return s, _exact_version(s)


# ---------------------------------------------------------------------------
# Scanner


class ManifestScanner(FileScanner):
    """Python dependency manifests and lockfiles."""

    name = "manifests"
    globs = (
        "requirements.txt",
        "requirements-*.txt",
        "requirements/*.txt",
        "constraints.txt",
        "pyproject.toml",
        "setup.cfg",
        "setup.py",
        "Pipfile",
        "Pipfile.lock",
        "poetry.lock",
        "uv.lock",
        "pdm.lock",
    )

    def wants(self, f: SourceFile) -> bool:
        n = f.name
        if n in (
            "pyproject.toml",
            "setup.cfg",
            "Pipfile",
            "Pipfile.lock",
            "poetry.lock",
            "uv.lock",
            "pdm.lock",
            "setup.py",
        ):
            return True
        if _REQ_NAME.match(n) or _CONSTRAINTS_NAME.match(n):
            return True
        parent = f.directory.rsplit("/", 1)[-1]
        return parent.lower() in ("requirements", "requirements.d") and n.endswith((".txt", ".in"))

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        return _with_model_packages(self._scan(f, ctx))

    def _scan(self, f: SourceFile, ctx: ScanContext) -> list[Finding]:
        text = ctx.read_text(f)
        if text is None:
            return []
        n = f.name
        try:
            if n == "pyproject.toml":
                return list(self._pyproject(text, f.rel))
            if n == "setup.cfg":
                return list(self._setup_cfg(text, f.rel))
            if n == "setup.py":
                return list(self._setup_py(text, f.rel))
            if n == "Pipfile":
                return list(self._pipfile(text, f.rel))
            if n == "Pipfile.lock":
                return list(self._pipfile_lock(text, f.rel))
            if n in ("poetry.lock", "uv.lock", "pdm.lock"):
                return list(self._toml_lock(text, f.rel, n.split(".")[0] + "-lock"))
            return list(self._requirements(f, text, ctx))
        except RecursionError:
            return [Diagnostic(f.rel, "manifest nested too deeply to read", code="manifest-parse")]

    # -- requirements files ---------------------------------------------------

    def _requirements(self, f: SourceFile, text: str, ctx: ScanContext) -> Iterator[Finding]:
        seen = {f.rel}
        queue: list[tuple[str, str]] = [(f.rel, text)]
        while queue:
            rel, body = queue.pop(0)
            for finding, include in _parse_requirements(body, rel):
                if finding is not None:
                    yield finding
                if include is None:
                    continue
                inc_line, target = include
                resolved = self._include(rel, inc_line, target, ctx, seen)
                if isinstance(resolved, Diagnostic):
                    yield resolved
                elif resolved is not None:
                    if len(seen) > MAX_INCLUDES:
                        yield Diagnostic(rel, f"more than {MAX_INCLUDES} included requirement files; stopped",
                                         line=inc_line, code="manifest-include")  # fmt: skip
                        return
                    queue.append(resolved)

    def _include(
        self, rel: str, line: int, target: str, ctx: ScanContext, seen: set[str]
    ) -> tuple[str, str] | Diagnostic | None:
        if "://" in target:
            return Diagnostic(rel, f"remote requirements include not followed: {target}", line=line,
                              code="manifest-include", level="info")  # fmt: skip
        if target.startswith(("/", "~")) or re.match(r"^[A-Za-z]:[\\/]", target):
            return Diagnostic(rel, f"include outside the project not followed: {target}", line=line,
                              code="manifest-include", level="info")  # fmt: skip
        inc = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target.replace("\\", "/")))
        if inc == ".." or inc.startswith("../"):
            return Diagnostic(rel, f"include outside the project not followed: {target}", line=line,
                              code="manifest-include", level="info")  # fmt: skip
        if inc in seen:
            return None  # already read (or an include loop)
        seen.add(inc)
        ctx.note_dependency(inc)
        path = ctx.root / inc
        try:
            st = path.lstat()
            if self.wants(SourceFile(rel=inc, path=path, size=st.st_size)):
                return None  # a requirements file in its own right: the walk offers it once
        except OSError:
            return Diagnostic(rel, f"included requirements file not found: {target}", line=line,
                              code="manifest-include")  # fmt: skip
        if not stat.S_ISREG(st.st_mode):
            return Diagnostic(rel, f"included requirements path is not a regular file: {target}", line=line,
                              code="manifest-include")  # fmt: skip
        inc_file = SourceFile(rel=inc, path=path, size=st.st_size)
        body = ctx.read_text(inc_file)
        ctx.forget(inc_file)  # not a manifest of its own: nothing else needs it cached
        return (inc, body) if body is not None else None

    # -- pyproject.toml ---------------------------------------------------------

    def _load_toml(self, text: str, rel: str) -> dict[str, Any] | Diagnostic:
        try:
            return load_toml(text)
        except (ValueError, RecursionError) as exc:
            return Diagnostic(rel, f"invalid TOML: {exc}", code="manifest-parse")

    def _pyproject(self, text: str, rel: str) -> Iterator[Finding]:
        data = self._load_toml(text, rel)
        if isinstance(data, Diagnostic):
            yield data
            return
        lines = _Lines(text)
        src = "pyproject"
        project = data.get("project") if isinstance(data.get("project"), dict) else {}
        assert isinstance(project, dict)
        yield from _pep508_list(project.get("dependencies"), rel, src, lines)
        optional = project.get("optional-dependencies")
        if isinstance(optional, dict):
            for deps in optional.values():
                yield from _pep508_list(deps, rel, src, lines)
        groups = data.get("dependency-groups")
        if isinstance(groups, dict):
            for deps in groups.values():
                yield from _pep508_list(deps, rel, src, lines)
        tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
        assert isinstance(tool, dict)
        poetry = tool.get("poetry")
        if isinstance(poetry, dict):
            tables: list[Any] = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
            group = poetry.get("group")
            if isinstance(group, dict):
                tables += [g.get("dependencies") for g in group.values() if isinstance(g, dict)]
            for table in tables:
                yield from _poetry_table(table, rel, src, lines)
        pdm = tool.get("pdm")
        if isinstance(pdm, dict) and isinstance(pdm.get("dev-dependencies"), dict):
            for deps in pdm["dev-dependencies"].values():
                yield from _pep508_list(deps, rel, src, lines)
        uv = tool.get("uv")
        if isinstance(uv, dict):
            yield from _pep508_list(uv.get("dev-dependencies"), rel, src, lines)

    # -- setup.cfg ----------------------------------------------------------------

    def _setup_cfg(self, text: str, rel: str) -> Iterator[Finding]:
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(text, source=rel)
        except configparser.Error as exc:
            yield Diagnostic(rel, f"invalid setup.cfg: {exc.message if hasattr(exc, 'message') else exc}",
                             code="manifest-parse")  # fmt: skip
            return
        lines = _Lines(text)
        values: list[str] = []
        if parser.has_option("options", "install_requires"):
            values.append(parser.get("options", "install_requires"))
        if parser.has_section("options.extras_require"):
            values.extend(v for _, v in parser.items("options.extras_require"))
        for value in values:
            for item in value.splitlines():
                item = item.split("#", 1)[0].strip()
                if not item:
                    continue
                yield _pep508(item, rel, lines.find(item), "setup.cfg")

    # -- setup.py -------------------------------------------------------------------

    def _setup_py(self, text: str, rel: str) -> Iterator[Finding]:
        """``setup(install_requires=[...], extras_require={...})`` read with ``ast``, never run."""
        if python_size_problem(text):
            return  # over the ast budget (aibom.limits); the Python scanner reports it
        try:
            index = ModuleIndex(ast.parse(text, filename=rel))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return  # the Python scanner reports the syntax error
        for call, scope in index.calls:
            name = dotted(call.func) or ""
            if name.rsplit(".", 1)[-1] != "setup":
                continue
            for kw in call.keywords:
                if kw.arg == "install_requires":
                    yield from _setup_list(index, kw.value, scope, rel)
                elif kw.arg == "extras_require":
                    found = (
                        index.definition(kw.value, scope, call.lineno)
                        if isinstance(kw.value, ast.Name)
                        else (kw.value, scope)
                    )
                    if found is not None and isinstance(found[0], ast.Dict):
                        for v in found[0].values:
                            yield from _setup_list(index, v, found[1], rel)

    # -- Pipfile / Pipfile.lock ---------------------------------------------------

    def _pipfile(self, text: str, rel: str) -> Iterator[Finding]:
        data = self._load_toml(text, rel)
        if isinstance(data, Diagnostic):
            yield data
            return
        lines = _Lines(text)
        for section in ("packages", "dev-packages"):
            yield from _poetry_table(data.get(section), rel, "pipfile", lines)

    def _pipfile_lock(self, text: str, rel: str) -> Iterator[Finding]:
        try:
            data = load_json(text)
        except (ValueError, RecursionError) as exc:
            yield Diagnostic(rel, f"invalid JSON: {exc}", code="manifest-parse")
            return
        if not isinstance(data, dict):
            yield Diagnostic(rel, "Pipfile.lock is not a JSON object", code="manifest-parse")
            return
        key_lines = _key_lines(text, _JSON_KEY)
        for section in ("default", "develop"):
            packages = data.get(section)
            if not isinstance(packages, dict):
                continue
            for name, info in packages.items():
                spec = info.get("version") if isinstance(info, dict) else None
                spec = spec if isinstance(spec, str) else None
                yield _library(str(name), "pipfile-lock", rel, _pop_line(key_lines, str(name)),
                               version=_exact_version(spec) if spec else None, spec=spec)  # fmt: skip

    # -- poetry.lock / uv.lock / pdm.lock ------------------------------------------

    def _toml_lock(self, text: str, rel: str, source: str) -> Iterator[Finding]:
        data = self._load_toml(text, rel)
        if isinstance(data, Diagnostic):
            yield data
            return
        packages = data.get("package")
        if not isinstance(packages, list):
            return
        name_lines = _key_lines(text, _LOCK_NAME)
        for pkg in packages:
            if not isinstance(pkg, dict) or not isinstance(pkg.get("name"), str):
                continue
            name = pkg["name"]
            line = _pop_line(name_lines, name)
            src = pkg.get("source")
            if (
                source == "uv-lock"
                and isinstance(src, dict)
                and ("editable" in src or "virtual" in src)
            ):
                continue  # the project itself (or a workspace member)
            version = pkg.get("version") if isinstance(pkg.get("version"), str) else None
            yield _library(
                name, source, rel, line, version=version, spec=f"=={version}" if version else None
            )


def _with_model_packages(findings: list[Finding]) -> list[Finding]:
    """A dependency that is a trained pipeline (spaCy's ``en-core-web-sm``) is also that model."""
    table = frameworks()
    out = list(findings)
    for f in findings:
        if isinstance(f, LibraryFinding) and (package := table.model_package(f.name)) is not None:
            out.append(
                ModelFinding(
                    name=package[0],
                    kind=ModelKind.HUB,
                    location=f.location,
                    framework=package[1],
                )
            )
    return out


def _key_lines(text: str, pattern: re.Pattern[str]) -> dict[str, list[int]]:
    """Lines where ``pattern`` (group 1: a name) matches, by name, in order."""
    out: dict[str, list[int]] = {}
    for i, raw in enumerate(text.splitlines(), 1):
        m = pattern.match(raw)
        if m:
            out.setdefault(m.group(1), []).append(i)
    return out


def _pop_line(lines: dict[str, list[int]], name: str) -> int | None:
    queue = lines.get(name)
    return queue.pop(0) if queue else None


def _setup_list(index: ModuleIndex, expr: ast.expr, scope: Scope, rel: str) -> Iterator[Finding]:
    found = (
        index.definition(expr, scope, expr.lineno)
        if isinstance(expr, (ast.Name, ast.Attribute))
        else (expr, scope)
    )
    if found is None:
        return
    container, cscope = found
    if isinstance(container, (ast.List, ast.Tuple)):
        for elt in container.elts:
            v = index.resolve(elt, cscope, elt.lineno)
            if isinstance(v, str) and v.strip():
                yield _pep508(v.strip(), rel, elt.lineno, "setup.py")
    elif isinstance(container, ast.Constant) and isinstance(container.value, str):
        for i, item in enumerate(container.value.splitlines()):
            item = item.split("#", 1)[0].strip()
            if item:
                multiline = (container.end_lineno or container.lineno) > container.lineno
                yield _pep508(item, rel, container.lineno + (i if multiline else 0), "setup.py")


def _pep508_list(deps: Any, rel: str, source: str, lines: _Lines) -> Iterator[Finding]:
    if not isinstance(deps, list):
        return
    for item in deps:
        if isinstance(item, str):
            yield _pep508(item, rel, lines.find(f'"{item}"', f"'{item}'", item), source)


def _poetry_table(table: Any, rel: str, source: str, lines: _Lines) -> Iterator[Finding]:
    if not isinstance(table, dict):
        return
    for name, value in table.items():
        if not isinstance(name, str) or name.lower() == "python":
            continue
        values = value if isinstance(value, list) else [value]  # Poetry multiple-constraint deps
        spec, version = _poetry_constraint(values[0])
        line = lines.find_re(re.compile(rf'^\s*"?{re.escape(name)}"?\s*='))
        yield _library(name, source, rel, line, version=version, spec=spec)


_NAMED_URL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\])?\s*@\s*\S+://")


def _parse_requirements(
    text: str, rel: str
) -> Iterator[tuple[Finding | None, tuple[int, str] | None]]:
    """(finding, include) per logical line of a requirements file; include = (line, target)."""
    logical: list[tuple[int, str]] = []
    buf = ""
    start = 0
    for i, raw in enumerate(text.splitlines(), 1):
        if not buf:
            start = i
        stripped = re.sub(r"(^|\s)#.*$", "", raw)
        if stripped.rstrip().endswith("\\"):
            buf += stripped.rstrip()[:-1] + " "
            continue
        buf += stripped
        if buf.strip():
            logical.append((start, buf.strip()))
        buf = ""
    if buf.strip():
        logical.append((start, buf.strip()))
    for line, item in logical:
        m = re.match(r"^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?=[^\s-]))(\S+)", item)
        if m:
            yield None, (line, m.group(2))
            continue
        if item.startswith(("-e", "--editable")):
            egg = _EGG.search(item)
            if egg:
                yield (
                    _library(egg.group(1), "requirements", rel, line, version=None, spec=None),
                    None,
                )
            continue
        if item.startswith("-"):
            continue  # --index-url, --hash, -f, --pre, ...
        item = re.split(r"\s+--?[a-zA-Z]", item, maxsplit=1)[
            0
        ].strip()  # trailing per-requirement options
        if not _NAMED_URL.match(item) and (
            "://" in item.split("@", 1)[0]
            or item.startswith((".", "/"))
            or item.endswith((".whl", ".tar.gz", ".zip"))
        ):  # a bare URL or path; "name @ https://.../x.whl" is a named requirement
            egg = _EGG.search(item)
            if egg:
                yield (
                    _library(egg.group(1), "requirements", rel, line, version=None, spec=None),
                    None,
                )
            continue
        yield _pep508(item, rel, line, "requirements"), None
