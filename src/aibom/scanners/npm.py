"""npm manifests and lockfiles -> library findings (``pkg:npm`` purls), AI packages tagged.

Formats: ``package.json`` (dependencies, devDependencies, peerDependencies,
optionalDependencies), ``package-lock.json`` / ``npm-shrinkwrap.json`` (lockfile
v1, v2 and v3), ``yarn.lock`` (classic v1 and Berry), ``pnpm-lock.yaml`` (v5 to v9).
JSON and YAML go through real parsers; yarn classic's own format is read line by line.
Lockfiles list every package; all are kept (the BOM is complete).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, ClassVar

import yaml

from aibom.inventory import Diagnostic, Finding, LibraryFinding, Location
from aibom.limits import load_json
from aibom.scanners.base import MAX_LOCKFILE_BYTES, FileScanner, ScanContext
from aibom.walk import SourceFile

DEPENDENCY_SECTIONS = (
    "dependencies",
    "devDependencies",
    "peerDependencies",
    "optionalDependencies",
)
LOCKFILES = {
    "package.json": "package-json",
    "package-lock.json": "npm-lock",
    "npm-shrinkwrap.json": "npm-lock",
    "yarn.lock": "yarn-lock",
    "pnpm-lock.yaml": "pnpm-lock",
}

_EXACT = re.compile(r"^=?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$")
_LOCKED = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
_NAME = re.compile(r"^(?:@[a-z0-9][\w.~-]*/)?[a-z0-9_.~][\w.~-]*$", re.IGNORECASE)
_JSON_OBJECT_KEY = re.compile(r'^\s*"((?:[^"\\]|\\.)*)"\s*:\s*\{')


@cache
def _category_function() -> Callable[[str, str], str | None] | None:
    try:
        from aibom.scanners.manifests import ai_package_category
    except ImportError:  # the manifests module is optional for this scanner
        return None
    return ai_package_category


def _category(name: str) -> str | None:
    fn = _category_function()
    return fn(name, "npm") if fn is not None else None


def _split_spec(spec: str) -> tuple[str, str] | None:
    """``@scope/name@range`` -> (name, range); None when there is no name."""
    at = spec.find("@", 1)
    if at <= 0:
        return None
    return spec[:at], spec[at + 1 :]


class NpmScanner(FileScanner):
    """Libraries declared in package.json and locked in npm / yarn / pnpm lockfiles."""

    name: ClassVar[str] = "npm"
    globs = tuple(LOCKFILES)

    def wants(self, f: SourceFile) -> bool:
        return f.name in LOCKFILES

    def scan(self, f: SourceFile, ctx: ScanContext) -> Iterable[Finding]:
        text = ctx.read_text(f, max_bytes=MAX_LOCKFILE_BYTES)
        if text is None:
            return []
        return scan_npm_text(text, f.rel, f.name)


def scan_npm_text(text: str, rel: str, filename: str | None = None) -> list[Finding]:
    """Findings for one npm manifest or lockfile; ``filename`` picks the format (default: from ``rel``)."""
    name = filename or rel.rsplit("/", 1)[-1]
    source = LOCKFILES.get(name)
    if source is None:
        return []
    if name == "package.json":
        return _package_json(text, rel)
    if source == "npm-lock":
        return _package_lock(text, rel)
    if source == "yarn-lock":
        if re.search(r"^__metadata:", text, re.MULTILINE):
            return _yarn_berry(text, rel)
        return _yarn_classic(text, rel)
    return _pnpm_lock(text, rel)


class _Offsets:
    """Byte offset -> line number."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def _lib(name: str, rel: str, line: int | None, source: str, *, version: str | None = None,
         specifier: str | None = None) -> LibraryFinding:  # fmt: skip
    return LibraryFinding(
        name=name,
        ecosystem="npm",
        location=Location(rel, line, source=source),
        version=version,
        specifier=specifier,
        category=_category(name),
    )


def _load_json(text: str, rel: str) -> tuple[Any, Diagnostic | None]:
    try:
        return load_json(text), None
    except (ValueError, RecursionError) as exc:
        return None, Diagnostic(rel, f"invalid JSON: {exc}", code="json")


# ---------------------------------------------------------------------------
# package.json


def _package_json(text: str, rel: str) -> list[Finding]:
    data, diag = _load_json(text, rel)
    if diag is not None:
        return [diag]
    if not isinstance(data, dict):
        return [Diagnostic(rel, "package.json is not a JSON object", code="json")]
    offsets = _Offsets(text)
    out: list[Finding] = []
    for section in DEPENDENCY_SECTIONS:
        deps = data.get(section)
        if deps is None:
            continue
        if not isinstance(deps, dict):
            out.append(Diagnostic(rel, f"{section} is not an object", code="package-json"))
            continue
        m = re.search(r'"' + re.escape(section) + r'"\s*:\s*\{', text)
        start = m.end() if m else 0
        for dep, spec in deps.items():
            if not isinstance(dep, str) or not _NAME.match(dep):
                continue
            spec_text = spec if isinstance(spec, str) else None
            name = dep
            version = None
            if spec_text is not None:
                target = spec_text
                if spec_text.startswith("npm:"):
                    alias = _split_spec(spec_text[4:])
                    if alias is not None:
                        name, target = alias
                    else:
                        name, target = spec_text[4:], ""
                vm = _EXACT.match(target.strip())
                version = vm.group(1) if vm else None
            km = re.compile(r'"' + re.escape(json.dumps(dep)[1:-1]) + r'"\s*:').search(text, start)
            line = offsets.line(km.start()) if km else None
            out.append(_lib(name, rel, line, "package-json", version=version, specifier=spec_text))
    return out


# ---------------------------------------------------------------------------
# package-lock.json / npm-shrinkwrap.json


def _key_lines(text: str) -> dict[str, int]:
    """Line of the first ``"key": {`` per key (cheap positions for JSON lockfiles)."""
    lines: dict[str, int] = {}
    for i, line in enumerate(text.splitlines(), 1):
        m = _JSON_OBJECT_KEY.match(line)
        if m:
            lines.setdefault(m.group(1), i)
    return lines


def _package_lock(text: str, rel: str) -> list[Finding]:
    data, diag = _load_json(text, rel)
    if diag is not None:
        return [diag]
    if not isinstance(data, dict):
        return [Diagnostic(rel, "lockfile is not a JSON object", code="json")]
    key_lines = _key_lines(text)
    seen: set[tuple[str, str | None]] = set()
    out: list[Finding] = []

    def add(name: str, version: Any, key: str) -> None:
        if not _NAME.match(name):
            return
        v = version if isinstance(version, str) and _LOCKED.match(version) else None
        if (name, v) in seen:
            return
        seen.add((name, v))
        out.append(_lib(name, rel, key_lines.get(key), "npm-lock", version=v))

    packages = data.get("packages")
    if isinstance(packages, dict) and packages:
        for key, entry in packages.items():
            if (
                not isinstance(key, str)
                or "node_modules/" not in key
                or not isinstance(entry, dict)
            ):
                continue  # the root project and workspace folders
            if entry.get("link"):
                continue
            declared = entry.get("name")
            name = declared if isinstance(declared, str) else key.rsplit("node_modules/", 1)[1]
            add(name, entry.get("version"), key)
        return out
    # lockfile v1: nested "dependencies"
    stack: list[tuple[Any, int]] = [(data.get("dependencies"), 0)]
    while stack:
        deps, depth = stack.pop()
        if not isinstance(deps, dict) or depth > 64:
            continue
        for name, entry in deps.items():
            if not isinstance(entry, dict):
                continue
            version = entry.get("version")
            if isinstance(version, str) and version.startswith("npm:"):
                alias = _split_spec(version[4:])
                if alias is not None:
                    add(alias[0], alias[1], name)
            else:
                add(name, version, name)
            stack.append((entry.get("dependencies"), depth + 1))
    return out


# ---------------------------------------------------------------------------
# yarn.lock


def _yarn_classic(text: str, rel: str) -> list[Finding]:
    """Yarn v1's own format: unindented ``spec[, spec]:`` headers, indented ``version "x"``."""
    out: list[Finding] = []
    seen: set[tuple[str, str | None]] = set()
    header: tuple[str, int] | None = None
    for i, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():
            stripped = raw.rstrip()
            if not stripped.endswith(":"):
                out.append(
                    Diagnostic(
                        rel,
                        f"unexpected line in yarn.lock: {stripped[:80]!r}",
                        line=i,
                        code="yarn-lock",
                    )
                )
                return out
            first = stripped[:-1].split(",")[0].strip().strip('"')
            header = (first, i)
            continue
        if header is None:
            continue
        body = raw.strip()
        if not body.startswith("version "):
            continue
        version = body[len("version ") :].strip().strip('"')
        spec, line = header
        header = None
        parsed = _split_spec(spec)
        if parsed is None:
            continue
        name, rng = parsed
        if rng.startswith(("file:", "link:", "portal:", "workspace:")):
            continue  # the project's own folders, not registry packages
        if rng.startswith("npm:"):
            alias = _split_spec(rng[4:])
            name = alias[0] if alias is not None else rng[4:]
        if not _NAME.match(name):
            continue
        v = version if _LOCKED.match(version) else None
        if (name, v) not in seen:
            seen.add((name, v))
            out.append(_lib(name, rel, line, "yarn-lock", version=v))
    return out


def _compose(text: str, rel: str) -> tuple[Any, Diagnostic | None]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader), None
    except (yaml.YAMLError, RecursionError) as exc:
        return None, Diagnostic(
            rel, f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else exc}", code="yaml"
        )


def _mapping(node: Any) -> list[tuple[Any, Any]]:
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def _scalar(node: Any) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _fields(node: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in _mapping(node):
        ks, vs = _scalar(k), _scalar(v)
        if ks is not None and vs is not None:
            out[ks] = vs
    return out


def _yarn_berry(text: str, rel: str) -> list[Finding]:
    root, diag = _compose(text, rel)
    if diag is not None:
        return [diag]
    if not isinstance(root, yaml.MappingNode):
        return [Diagnostic(rel, "yarn.lock is not a YAML mapping", code="yarn-lock")]
    out: list[Finding] = []
    seen: set[tuple[str, str | None]] = set()
    for k, v in _mapping(root):
        key = _scalar(k)
        if key is None or key == "__metadata":
            continue
        fields = _fields(v)
        resolution = fields.get("resolution") or key.split(",")[0].strip()
        parsed = _split_spec(resolution)
        if parsed is None:
            continue
        name, ref = parsed
        protocol = ref.split(":", 1)[0] if ":" in ref else "npm"
        if protocol in ("workspace", "link", "portal", "patch", "exec"):
            continue
        version = fields.get("version")
        v = version if protocol == "npm" and version and _LOCKED.match(version) else None
        if not _NAME.match(name) or (name, v) in seen:
            continue
        seen.add((name, v))
        out.append(_lib(name, rel, k.start_mark.line + 1, "yarn-lock", version=v))
    return out


# ---------------------------------------------------------------------------
# pnpm-lock.yaml


def _pnpm_key(key: str, legacy: bool) -> tuple[str, str] | None:
    """(name, version) from a pnpm ``packages`` key; ``legacy`` for lockfile v5 (``/name/1.0.0_peer``)."""
    k = key.strip().lstrip("/")
    for prefix in ("registry.npmjs.org/", "registry.yarnpkg.com/"):
        k = k.removeprefix(prefix)
    if legacy:
        name, slash, version = k.rpartition("/")
        return (name, version.split("_", 1)[0]) if slash and name else None
    k = k.split("(", 1)[0]  # v6+/v9 peer suffix: name@1.0.0(react@18.0.0)
    at = k.find("@", 1)
    return (k[:at], k[at + 1 :]) if at > 0 else None


def _pnpm_lock(text: str, rel: str) -> list[Finding]:
    root, diag = _compose(text, rel)
    if diag is not None:
        return [diag]
    if not isinstance(root, yaml.MappingNode):
        return [Diagnostic(rel, "pnpm-lock.yaml is not a YAML mapping", code="pnpm-lock")]
    top = {_scalar(k): v for k, v in _mapping(root)}
    packages = top.get("packages")
    m = re.match(r"\d+", _scalar(top.get("lockfileVersion")) or "")
    legacy = m is not None and int(m.group()) < 6
    out: list[Finding] = []
    seen: set[tuple[str, str | None]] = set()
    for k, v in _mapping(packages):
        key = _scalar(k)
        if key is None:
            continue
        fields = _fields(v)
        parsed = _pnpm_key(key, legacy)
        name = fields.get("name") or (parsed[0] if parsed else None)
        version = fields.get("version") or (parsed[1] if parsed else None)
        if not name or not _NAME.match(name) or key.startswith(("file:", "link:", "workspace:")):
            continue
        ver = version if version and _LOCKED.match(version) else None
        if (name, ver) in seen:
            continue
        seen.add((name, ver))
        out.append(_lib(name, rel, k.start_mark.line + 1, "pnpm-lock", version=ver))
    return out
