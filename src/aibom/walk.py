"""Walk a project tree: honour .gitignore, skip vendored trees, never leave the root.

The walk yields :class:`SourceFile` entries grouped by directory, in sorted order,
so that every later stage is deterministic.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aibom.limits import MAX_DIR_DEPTH, MAX_FILES

if TYPE_CHECKING:  # imported when a tree has ignore rules (a tree without any never needs it)
    import pathspec

    from aibom.gitindex import TrackedPaths
    from aibom.inventory import Diagnostic

# Directory names never worth scanning: VCS metadata, virtualenvs, vendored packages, caches.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".env.d",
        "env.d",
        ".tox",
        ".nox",
        "node_modules",
        "site-packages",
        "dist-packages",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        ".ipynb_checkpoints",
        ".cache",
        ".idea",
        ".vscode",
        "bower_components",
        ".gradle",
        ".terraform",
        ".eggs",
        ".aibom-cache",
    }
)


MAX_DEPTH = MAX_DIR_DEPTH


def _is_virtualenv(path: str) -> bool:
    """A directory with ``pyvenv.cfg`` is a virtualenv whatever its name."""
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def _diagnostic(path: str, message: str, **details: Any) -> Diagnostic:
    """A walk diagnostic. aibom.inventory (and aibom.text, for :func:`_bom_text`) are imported
    when a walk has something to report: a rescan the result cache answers has not."""
    from aibom.inventory import Diagnostic

    return Diagnostic(path, message, **details)


def _bom_text(value: str) -> str:
    from aibom.text import bom_text

    return bom_text(value)


def _entry_name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _child(parent: Path, name: str) -> Path:
    """``parent / name`` for a plain entry name, without parsing the path again (a walk makes
    one per file: pathlib's parsing was most of the walk's time)."""
    make = getattr(parent, "_make_child_relpath", None)  # CPython's own fast path, if present
    return make(name) if make is not None else parent / name


@dataclass(frozen=True, order=True)
class SourceFile:
    """A regular file inside the scan root."""

    rel: str  # POSIX path relative to the root; the sort key
    path: Path = field(compare=False)
    size: int = field(compare=False)
    # (mtime_ns, ctime_ns, inode) at walk time: changes whenever the content may have
    stamp: tuple[int, int, int] = field(default=(0, 0, 0), compare=False)

    @cached_property
    def name(self) -> str:  # asked by every scanner's wants(): computed once
        return self.rel.rsplit("/", 1)[-1]

    @property
    def directory(self) -> str:
        return self.rel.rsplit("/", 1)[0] if "/" in self.rel else ""


_new_object = object.__new__


def _source_file(rel: str, path: Path, size: int, stamp: tuple[int, int, int]) -> SourceFile:
    """``SourceFile(rel, path, size, stamp)`` without the frozen dataclass's ``__init__`` (one
    ``object.__setattr__`` per field; a walk makes one per file): the same object, fields
    set straight into its ``__dict__`` (a test keeps the two equal field for field)."""
    made: SourceFile = _new_object(SourceFile)
    made.__dict__.update(rel=rel, path=path, size=size, stamp=stamp)
    return made


@dataclass
class WalkResult:
    """Files by directory (relative POSIX path, "" for the root) and what was skipped."""

    directories: dict[str, list[SourceFile]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped_dirs: int = 0

    def files(self) -> Iterator[SourceFile]:
        for d in sorted(self.directories):
            yield from self.directories[d]

    @property
    def file_count(self) -> int:
        return sum(len(v) for v in self.directories.values())


class _Tracked:
    """The paths git tracks under the root, read from its index the first time a .gitignore
    rule would skip something (a tree whose rules never match never reads it). None when
    there is no readable index: .gitignore then applies to everything, as without git."""

    def __init__(self, root: Path, result: WalkResult) -> None:
        self._root = root
        self._result = result
        self._loaded = False
        self._paths: TrackedPaths | None = None

    def paths(self) -> TrackedPaths | None:
        if not self._loaded:
            self._loaded = True
            from aibom.gitindex import GitIndexError, find_index, read_tracked

            found = find_index(self._root)
            if found is not None:
                index, prefix = found
                try:
                    self._paths = read_tracked(index, prefix)
                except GitIndexError as exc:
                    self._result.diagnostics.append(
                        _diagnostic(
                            _bom_text(Path(os.path.relpath(index, self._root)).as_posix()),
                            f"git index not used ({exc}); .gitignore rules apply to tracked "
                            "files too",
                            code="git-index",
                        )
                    )
        return self._paths


class _IgnoreRules:
    """Stack of .gitignore specs, each anchored at the directory that holds it."""

    def __init__(self) -> None:
        self._specs: list[tuple[str, pathspec.GitIgnoreSpec, re.Pattern[str] | None]] = []

    def push(self, base: str, lines: Sequence[str], result: WalkResult, rel: str) -> None:
        spec = compile_patterns(lines, result.diagnostics, rel)
        self._specs.append((base, spec, any_pattern(spec)))

    def ignored(self, rel: str, is_dir: bool) -> bool:
        verdict = False
        for base, spec, anything in self._specs:
            if base and not (rel == base or rel.startswith(base + "/")):
                continue
            sub = rel[len(base) + 1 :] if base else rel
            if is_dir:
                sub += "/"
            if anything is not None and anything.search(sub) is None:
                continue  # no pattern of this file matches: it says nothing about the path
            result = spec.check_file(sub)
            if result.include is not None:
                verdict = bool(result.include)
        return verdict

    def snapshot(self) -> int:
        return len(self._specs)

    def restore(self, n: int) -> None:
        del self._specs[n:]


def walk(
    root: Path,
    *,
    excludes: Sequence[str] = (),
    use_gitignore: bool = True,
    max_files: int = MAX_FILES,
) -> WalkResult:
    """Collect the files under ``root`` that a scan should look at.

    ``excludes`` are gitignore-style patterns relative to the root. Symlinks are
    never followed; a symlinked file inside the root is skipped like any link, so
    nothing outside the root is read and no cycle can form.
    """
    result = WalkResult()
    root = root.resolve()
    exclude_spec = compile_patterns(excludes, result.diagnostics, "--exclude") if excludes else None
    rules = _IgnoreRules()
    if use_gitignore:
        info_exclude = root / ".git" / "info" / "exclude"
        if info_exclude.is_file():
            lines = _read_lines(info_exclude, result, "info/exclude")
            rules.push("", lines, result, ".git/info/exclude")
    tracked = _Tracked(root, result)
    count = 0

    def visit(dir_path: Path, rel_dir: str, depth: int, in_ignored: bool = False) -> bool:
        """``in_ignored``: rel_dir is ignored but holds tracked paths; keep only those.

        False when ``dir_path`` is a virtualenv (not scanned; found in its own listing, so
        the walk does not probe every directory for ``pyvenv.cfg`` with a system call).
        """
        nonlocal count
        if depth > MAX_DEPTH:
            if depth and _is_virtualenv(str(dir_path)):
                return False
            result.diagnostics.append(
                _diagnostic(
                    rel_dir,
                    f"directory nesting deeper than {MAX_DEPTH}; not descending",
                    code="too-deep",
                )
            )
            return True
        try:
            entries = sorted(os.scandir(dir_path), key=_entry_name)
        except OSError as exc:
            if depth and _is_virtualenv(str(dir_path)):
                return False
            result.diagnostics.append(
                _diagnostic(
                    rel_dir or ".", f"cannot list directory: {exc.strerror}", code="unreadable"
                )
            )
            return True
        if depth and any(e.name == "pyvenv.cfg" for e in entries) and _is_virtualenv(str(dir_path)):
            return False
        mark = rules.snapshot()
        if use_gitignore:
            for e in entries:
                if e.name == ".gitignore" and e.is_file(follow_symlinks=False):
                    ignore_rel = _join(rel_dir, e.name)
                    lines = _read_lines(Path(e.path), result, ignore_rel)
                    rules.push(rel_dir, lines, result, ignore_rel)
        check_rules = use_gitignore and (in_ignored or rules.snapshot() > 0)
        prefix = rel_dir + "/" if rel_dir else ""
        files: list[SourceFile] = []
        subdirs: list[tuple[Path, str, bool]] = []
        for e in entries:
            name = e.name
            rel = prefix + name
            if not name.isascii() and _SURROGATE.search(name):
                result.diagnostics.append(
                    _diagnostic(
                        _bom_text(rel),
                        "name is not valid UTF-8; shown with \\xNN for each undecodable byte",
                        code="file-name",
                        level="info",
                    )
                )
            # The entry's type comes with the listing (no system call); only regular files
            # are stat'ed, for their size and stamp.
            try:
                if e.is_symlink():
                    continue
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if exclude_spec is not None and (
                exclude_spec.match_file(rel) or (is_dir and exclude_spec.match_file(rel + "/"))
            ):
                result.skipped_dirs += is_dir
                continue
            ignored = in_ignored
            if check_rules and (in_ignored or rules.ignored(rel, is_dir)):
                git = tracked.paths()
                if git is None or not (git.tracks_dir(rel) if is_dir else git.tracks_file(rel)):
                    result.skipped_dirs += is_dir
                    continue
                ignored = is_dir  # descend for its tracked paths only
            if is_dir:
                if name in SKIP_DIRS or name.endswith(".egg-info"):
                    result.skipped_dirs += 1
                    continue
                subdirs.append((_child(dir_path, name), rel, ignored))
            elif count < max_files:
                try:
                    st = e.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not stat.S_ISREG(st.st_mode):
                    continue
                count += 1
                stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                files.append(_source_file(rel, _child(dir_path, name), st.st_size, stamp))
        if files:
            result.directories[rel_dir] = files
        for sub_path, sub_rel, sub_ignored in subdirs:
            if not visit(sub_path, sub_rel, depth + 1, sub_ignored):
                result.skipped_dirs += 1
        rules.restore(mark)
        return True

    # The walk allocates a few objects per file and none of them form cycles: the cyclic
    # collector would only re-traverse the heap every few hundred files.
    collecting = gc.isenabled()
    gc.disable()
    try:
        visit(root, "", 0)
    finally:
        if collecting:
            gc.enable()
    if count >= max_files:
        result.diagnostics.append(
            _diagnostic(
                ".",
                f"stopped after {max_files} files; narrow the scan with --exclude",
                code="too-many-files",
            )
        )
    return result


_SURROGATE = re.compile("[\ud800-\udfff]")


def compile_patterns(
    lines: Sequence[str], diagnostics: list[Diagnostic], where: str
) -> pathspec.GitIgnoreSpec:
    """Compile gitignore lines; a line that is not a valid pattern is dropped with a diagnostic."""
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # pathspec raises re.error, ValueError, ... for a bad line
        pass
    good: list[str] = []
    for number, line in enumerate(lines, 1):
        try:
            pathspec.GitIgnoreSpec.from_lines([line])
        except Exception as exc:
            diagnostics.append(
                _diagnostic(
                    _bom_text(where),
                    f"invalid ignore pattern {_bom_text(line[:200])!r} ignored: {exc}",
                    line=number,
                    code="ignore-pattern",
                )
            )
            continue
        good.append(line)
    return pathspec.GitIgnoreSpec.from_lines(good)


def any_pattern(spec: pathspec.GitIgnoreSpec) -> re.Pattern[str] | None:
    """One regex that finds a path iff some pattern of ``spec`` does (None: cannot combine).

    Checking a path against an ignore file tries each of its patterns in turn (hundreds in
    a large project's .gitignore); most paths match none, which this answers in one search.
    """
    parts: list[str] = []
    for pattern in spec.patterns:
        regex = getattr(pattern, "regex", None)
        if getattr(pattern, "include", None) is None or regex is None:
            continue  # a no-op pattern (blank line, comment) never matches
        if not isinstance(regex, re.Pattern) or not isinstance(regex.pattern, str):
            return None
        if regex.flags & ~re.UNICODE:
            return None
        parts.append(f"(?:{_GROUP_NAME.sub('(?:', regex.pattern)})")
    if not parts:
        return re.compile("(?!)")  # matches nothing
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


_GROUP_NAME = re.compile(r"\(\?P<[A-Za-z_][A-Za-z_0-9]*>")  # named groups repeat across patterns


def _join(base: str, name: str) -> str:
    return f"{base}/{name}" if base else name


def _read_lines(path: Path, result: WalkResult, rel: str) -> list[str]:
    try:
        with path.open("rb") as fh:
            data = fh.read(1 << 20)
        return data.decode("utf-8", errors="replace").splitlines()
    except OSError as exc:
        result.diagnostics.append(
            _diagnostic(rel, f"cannot read ignore file: {exc.strerror}", code="unreadable")
        )
        return []
