"""A per-file findings cache, so an unchanged tree rescans in a fraction of the time.

An entry holds what the file scanners found in one file (findings and diagnostics) and
is keyed by the file's path and content hash under a fingerprint of aibom itself (its
version and every code and data file of the package, so an upgrade or a knowledge change
starts afresh). Besides its own content, an entry depends on:

* the files its scan read or probed (imported project modules, included requirements,
  a compose file's ``.env``), recorded with their content hashes;
* for entries that found anything, the tree's listing (a local model path in code is
  classified by whether it exists).

The store is one SQLite database in aibom's cache directory (WAL journal, busy timeout),
so concurrent scans are safe; a broken or locked store never fails a scan, it is just
not used. Entries are JSON, never pickles.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aibom import __version__

# The finding types are imported where entries are encoded or decoded: opening the store for
# the result cache (a rescan answered whole) needs neither.
if TYPE_CHECKING:
    from aibom.inventory import Diagnostic, Finding


@cache
def _tags() -> dict[type, str]:
    from aibom.inventory import (
        DatasetFinding,
        Diagnostic,
        LibraryFinding,
        ModelFinding,
        ServiceFinding,
    )

    return {
        ModelFinding: "model",
        ServiceFinding: "service",
        LibraryFinding: "library",
        DatasetFinding: "dataset",
        Diagnostic: "diagnostic",
    }


# the JSON of an entry that found nothing and depended on nothing (as Entry.to_json writes it)
_EMPTY_ENTRY = json.dumps(
    {"f": [], "g": [], "d": {}, "l": None}, separators=(",", ":"), sort_keys=True
)


def content_digest(data: bytes) -> str:
    """The content hash entries are keyed by."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


_FINGERPRINTED = (".py", ".yaml", ".yml", ".json", ".txt")  # the package's code and data files


@cache
def aibom_fingerprint() -> str:
    """aibom's version plus a hash of every code and data file of the installed package."""
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    package = resources.files("aibom")
    if isinstance(package, Path):  # an ordinary directory (every rescan pays for this hash)
        top = str(package)
        for name in _package_files(top):
            h.update(name.removeprefix(top).encode())
            with open(name, "rb") as fh:
                h.update(fh.read())
        return h.hexdigest()
    files: list[Any] = []
    stack = [package]
    while stack:
        node = stack.pop()
        for child in node.iterdir():
            if child.is_dir():
                if child.name != "__pycache__":
                    stack.append(child)
            elif child.name.endswith(_FINGERPRINTED):
                files.append(child)
    for child in sorted(files, key=str):
        h.update(str(child).removeprefix(str(package)).encode())
        h.update(child.read_bytes())
    return h.hexdigest()


def _package_files(top: str) -> list[str]:
    """The code and data files under ``top`` (as :func:`aibom_fingerprint` walks a package),
    sorted, listed with ``os.scandir`` instead of a path object and a ``stat`` per entry."""
    files: list[str] = []
    stack = [top]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir():
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.name.endswith(_FINGERPRINTED):
                    files.append(entry.path)
    return sorted(files)


def encode(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings as JSON-ready dicts."""
    tags = _tags()
    return [{"t": tags[type(f)], **dataclasses.asdict(f)} for f in findings]


def decode(items: list[dict[str, Any]]) -> list[Finding]:
    """The inverse of :func:`encode`."""
    from aibom.inventory import (
        DatasetFinding,
        Diagnostic,
        LibraryFinding,
        LocalModelFacts,
        Location,
        ModelFinding,
        ModelKind,
        ServiceFinding,
        WeightFile,
    )

    out: list[Finding] = []
    for raw in items:
        item = dict(raw)
        tag = item.pop("t")
        if tag == "diagnostic":
            out.append(Diagnostic(**item))
            continue
        item["location"] = Location(**item["location"])
        if tag == "model":
            item["kind"] = ModelKind(item["kind"])
            if item.get("facts") is not None:
                facts = dict(item["facts"])
                facts["weights"] = [WeightFile(**w) for w in facts.get("weights", [])]
                item["facts"] = LocalModelFacts(**facts)
            out.append(ModelFinding(**item))
        elif tag == "service":
            out.append(ServiceFinding(**item))
        elif tag == "library":
            out.append(LibraryFinding(**item))
        elif tag == "dataset":
            out.append(DatasetFinding(**item))
        else:
            raise ValueError(f"unknown finding tag {tag!r}")
    return out


@dataclasses.dataclass
class Entry:
    """What one file's scan found and what it depended on."""

    findings: list[Finding]  # what the scanners returned
    diagnostics: list[Diagnostic]  # what they reported through the scan context
    deps: dict[str, str | None]  # other file -> content digest (None: absent or not a file)
    listing: str | None  # tree listing fingerprint, for entries that found anything

    def to_json(self) -> str | None:
        """The entry as JSON; None when it would not come back identical (then it is not cached)."""
        if not (self.findings or self.diagnostics or self.deps or self.listing is not None):
            return _EMPTY_ENTRY  # most files of a project: found nothing, read nothing else
        try:
            payload = {
                "f": encode(self.findings),
                "g": encode(list(self.diagnostics)),
                "d": self.deps,
                "l": self.listing,
            }
            text = json.dumps(payload, separators=(",", ":"), sort_keys=True)
            if not self.findings and not self.diagnostics:
                return text  # most files: nothing that could come back different
            back = Entry.from_json(text)
            if back.findings != self.findings or back.diagnostics != self.diagnostics:
                return None
        except (TypeError, ValueError, KeyError):
            return None
        return text

    @classmethod
    def from_json(cls, text: str) -> Entry:
        from aibom.inventory import Diagnostic

        payload = json.loads(text)
        diagnostics = [d for d in decode(payload["g"]) if isinstance(d, Diagnostic)]
        return cls(decode(payload["f"]), diagnostics, dict(payload["d"]), payload["l"])


def entry_key(rel: str, digest: str) -> str:
    key = f"{rel}\0{digest}".encode("utf-8", "surrogatepass")  # names that are not UTF-8
    return hashlib.blake2b(key, digest_size=16).hexdigest()


class FindingsStore:
    """The SQLite store of entries under one aibom fingerprint. Never raises for I/O trouble."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.fingerprint = aibom_fingerprint()
        self.problem: str | None = None
        self._db: sqlite3.Connection | None = None
        try:
            if readonly:
                uri = f"{path.absolute().as_uri()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                # autocommit: every write is an explicit BEGIN IMMEDIATE, which waits on the busy
                # timeout instead of failing when another scan holds the lock
                self._db = sqlite3.connect(
                    path, timeout=30, check_same_thread=False, isolation_level=None
                )
                self._retry_locked(self._create_schema)
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)

    def _create_schema(self) -> None:
        assert self._db is not None
        self._db.execute("PRAGMA journal_mode=WAL")
        with self._transaction():
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS entries "
                "(fingerprint TEXT, key TEXT, value TEXT, PRIMARY KEY (fingerprint, key))"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS results "
                "(slot TEXT PRIMARY KEY, fingerprint TEXT, value TEXT)"
            )

    @staticmethod
    def _retry_locked(action: Callable[[], None], attempts: int = 50) -> None:
        """Run ``action``; a store another process is creating ("locked") is waited for, briefly."""
        for attempt in range(attempts):
            try:
                action()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == attempts - 1:
                    raise
                time.sleep(0.05)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction that takes the write lock up front (waits, never deadlocks)."""
        assert self._db is not None
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _fail(self, exc: Exception) -> None:
        self.problem = f"findings cache {self.path} not used: {exc}"
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def get(self, key: str) -> Entry | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT value FROM entries WHERE fingerprint = ? AND key = ?",
                (self.fingerprint, key),
            ).fetchone()
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        if row is None:
            return None
        try:
            return Entry.from_json(row[0])
        except (TypeError, ValueError, KeyError):
            return None

    def get_texts(self, keys: list[str]) -> dict[str, str]:
        """The stored values of those ``keys`` that have one, as text (a few queries in all)."""
        out: dict[str, str] = {}
        if self._db is None:
            return out
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, value FROM entries WHERE fingerprint = ? AND key IN ({marks})",
                    (self.fingerprint, *chunk),
                )
                out.update((k, v) for k, v in rows if isinstance(v, str))
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}
        return out

    def put_many(self, items: list[tuple[str, str]]) -> None:
        """Store (key, entry JSON) pairs in one transaction; drop other fingerprints' entries."""
        if self._db is None or not items:
            return
        try:
            with self._transaction():
                self._db.execute("DELETE FROM entries WHERE fingerprint != ?", (self.fingerprint,))
                self._db.executemany(
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                    [(self.fingerprint, k, v) for k, v in items],
                )
        except sqlite3.Error as exc:
            self._fail(exc)

    def get_result(self, slot: str) -> str | None:
        """The whole-scan result stored in ``slot`` (see :mod:`aibom.result_cache`), or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT value FROM results WHERE slot = ? AND fingerprint = ?",
                (slot, self.fingerprint),
            ).fetchone()
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        return None if row is None else str(row[0])

    def put_result(self, slot: str, value: str) -> None:
        """Replace the whole-scan result of ``slot``; drop other fingerprints' results."""
        if self._db is None:
            return
        try:
            with self._transaction():
                self._db.execute("DELETE FROM results WHERE fingerprint != ?", (self.fingerprint,))
                self._db.execute(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                    (slot, self.fingerprint, value),
                )
        except sqlite3.Error as exc:
            self._fail(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
