"""Run the scanners over a tree's directories: in parallel processes, through the findings cache.

A *unit* is one directory with its files: the directory scanners run first and claim
files (a model directory), then each remaining file goes to the file scanners that want
it. Units are independent, so they are spread over worker processes and their results
merged in sorted directory order: the inventory is the same for any number of jobs.

Per file: its bytes are read once (scanners get them through the scan context), a byte
pre-filter (:mod:`aibom.scanners.prefilter`) skips parsers that could find nothing, and the
findings cache (:mod:`aibom.findings_cache`) answers for content scanned before. Like git's
index, the cache also remembers each file's content digest under its stamp (path, size,
mtime, ctime, inode): a file whose stamp is unchanged is answered without being read. Files
modified in the second before the scan started are never remembered that way.
"""

from __future__ import annotations

import gc
import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from aibom.filereader import MAX_TEXT_BYTES, read_capped
from aibom.findings_cache import Entry, FindingsStore, content_digest, entry_key
from aibom.inventory import Diagnostic, Finding
from aibom.scanners import directory_scanners, file_scanners, prefilter
from aibom.scanners.base import FileScanner, ScanContext
from aibom.walk import SourceFile

T = TypeVar("T")
Unit = tuple[str, list[SourceFile]]
# Below this many files an automatic --jobs scans in-process (starting workers costs more).
PARALLEL_MIN_FILES = 200
# files scanned (not answered by a warm findings cache) before the pool is started
WARM_MISS_BUDGET = 64
STAMP_RACY_NS = 1_000_000_000


def stamp_key(root: str, f: SourceFile) -> str:
    """The findings-store key under which a file's content digest is kept, by its stamp."""
    text = f"stamp\0{root}\0{f.rel}\0{f.size}\0{f.stamp[0]}\0{f.stamp[1]}\0{f.stamp[2]}"
    return "s:" + hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


_OTHERS_BUDGET = 32 * 1024 * 1024  # bytes of imported modules kept per process


@dataclass
class UnitResult:
    """Findings of one directory, its context diagnostics, and new cache entries."""

    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    entries: list[tuple[str, str]] = field(default_factory=list)
    cached: int = 0  # files answered by the findings cache
    scanned: int = 0  # files the scanners ran on
    deps: set[str] = field(default_factory=set)  # other files the scans read or probed


def guarded(
    name: str, where: str, ctx: ScanContext, default: T, fn: Callable[..., T], *args: Any
) -> T:
    """Run one scanner call; a bug in one scanner becomes a diagnostic, never a traceback."""
    try:
        return fn(*args)
    except (MemoryError, RecursionError, Exception) as exc:
        ctx.diag(
            where,
            f"scanner {name} failed: {type(exc).__name__}: {exc}",
            code="scanner-error",
            level="error",
        )
        return default


class _FileContext(ScanContext):
    """A scan context that serves the current file's bytes and records what else a scan reads."""

    current: str | None = None
    raw: bytes | None = None

    def __init__(self, root: Path) -> None:
        super().__init__(root=root)
        self._top = os.fspath(root)
        self.deps: set[str] = set()
        self.digests: dict[str, str | None] = {}
        self._others: dict[str, bytes] = {}  # imported modules' bytes, so each is read once
        self._others_bytes = 0

    def note_dependency(self, rel: str) -> None:
        if self.current is not None and rel != self.current:
            self.deps.add(rel)

    def _read_raw(self, f: SourceFile, limit: int) -> bytes:
        if f.rel == self.current and self.raw is not None:
            return self.raw[:limit]
        self.note_dependency(f.rel)
        kept = self._others.get(f.rel)
        if kept is not None and len(kept) < limit:  # the whole file, read for another importer
            return kept
        data = super()._read_raw(f, limit)
        if len(data) < limit:  # the whole file: keep it for the next importer, digest for free
            self.digests.setdefault(f.rel, content_digest(data))
            if self._others_bytes + len(data) > _OTHERS_BUDGET:
                self._others.clear()
                self._others_bytes = 0
            self._others[f.rel] = data
            self._others_bytes += len(data)
        return data

    def digest_of(self, rel: str) -> str | None:
        """Content digest of another file (None when absent or not a regular file)."""
        if rel not in self.digests:
            # most are import paths probed and absent (thousands): joined without pathlib
            # unless pathlib's normalising could matter (a trailing "/" would follow a link)
            plain = rel and not rel.endswith("/")
            path = os.path.join(self._top, rel) if plain else os.fspath(self.root / rel)
            self.digests[rel] = _digest_file(path)
        return self.digests[rel]


def _digest_file(path: str) -> str | None:
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            return None
        if st.st_size > MAX_TEXT_BYTES:
            return f"large:{st.st_size}:{st.st_mtime_ns}"
        with open(path, "rb") as fh:
            return content_digest(fh.read())
    except OSError:
        return None


class _Worker:
    """Scanner instances, a scan context and a read-only view of the cache, per process."""

    def __init__(self, root: Path, store_path: Path | None, listing: str) -> None:
        self.dir_scanners = directory_scanners()
        self.file_scanners = file_scanners()
        self.ctx = _FileContext(root)
        self.listing = listing
        self.store_path = store_path
        self.store: FindingsStore | None = None
        # no store when first asked: none appears during the scan (it is written after it),
        # so each file is not another stat of it
        self.store_absent = False
        self.prefilter = prefilter.enabled()
        self.root = os.fspath(root)
        self.known_digests: dict[str, str] = {}  # of the current directory (see _prefetch)
        self.known_entries: dict[str, str] = {}
        # stamps of files modified after this may not tell a later edit in the same clock tick
        self.stable_before = time.time_ns() - STAMP_RACY_NS

    def close(self) -> None:
        """Let the scanners drop their caches."""
        for scanner in self.file_scanners:
            scanner.close()

    def _store(self) -> FindingsStore | None:
        if self.store is None and self.store_path is not None and not self.store_absent:
            if self.store_path.exists():
                self.store = FindingsStore(self.store_path, readonly=True)
            else:
                self.store_absent = True
        return self.store

    def run(self, unit: Unit) -> UnitResult:
        directory, files = unit
        ctx = self.ctx
        mark = len(ctx.diagnostics)
        result = UnitResult()
        claimed: set[str] = set()
        for ds in self.dir_scanners:
            empty: tuple[list[Finding], set[str]] = ([], set())
            found, taken = guarded(
                ds.name, directory or ".", ctx, empty, ds.scan_directory, directory, files, ctx
            )
            result.findings.extend(found)
            claimed |= taken
        self._prefetch(files)
        for f in files:
            if f.rel in claimed:
                continue
            wanting = [s for s in self.file_scanners if s.wants(f)]
            if wanting:
                result.findings.extend(self._scan_file(f, wanting, result))
        result.diagnostics = ctx.diagnostics[mark:]
        del ctx.diagnostics[mark:]
        return result

    def _stamped(self, f: SourceFile) -> bool:
        return self.store_path is not None and f.size <= MAX_TEXT_BYTES and f.stamp != (0, 0, 0)

    def _prefetch(self, files: list[SourceFile]) -> None:
        """Look up a directory's stamps, and the entries they point to, in two queries."""
        self.known_digests = {}
        self.known_entries = {}
        store = self._store() if self.store_path is not None else None
        if store is None:
            return
        stamped = [f for f in files if self._stamped(f)]
        self.known_digests = store.get_texts([stamp_key(self.root, f) for f in stamped])
        if self.known_digests:
            keys = []
            for f in stamped:
                digest = self.known_digests.get(stamp_key(self.root, f))
                if digest is not None:
                    keys.append(entry_key(f.rel, digest))
            self.known_entries = store.get_texts(keys)

    def _scan_file(
        self, f: SourceFile, wanting: list[FileScanner], out: UnitResult
    ) -> list[Finding]:
        ctx = self.ctx
        store = self._store() if self.store_path is not None else None
        skey = None
        if self._stamped(f):
            skey = stamp_key(self.root, f)
            known = self.known_digests.get(skey)
            if known is not None:
                text = self.known_entries.get(entry_key(f.rel, known))
                entry = _entry(text) if text is not None else None
                if entry is not None and self._valid(entry):
                    ctx.diagnostics.extend(entry.diagnostics)
                    out.cached += 1
                    out.deps.update(entry.deps)
                    return entry.findings
        raw: bytes | None = None
        if f.size <= MAX_TEXT_BYTES:
            try:
                raw = read_capped(f.path, MAX_TEXT_BYTES + 1, f.size)
            except OSError:
                raw = None  # the scanner reads it again and reports why it cannot
            if raw is not None and len(raw) > MAX_TEXT_BYTES:
                raw = None  # grew since the walk
        key = None
        if raw is not None and self.store_path is not None:
            digest = content_digest(raw)
            key = entry_key(f.rel, digest)
            if skey is not None and f.stamp[0] < self.stable_before:
                out.entries.append((skey, digest))
            entry = store.get(key) if store is not None else None
            if entry is not None and self._valid(entry):
                ctx.diagnostics.extend(entry.diagnostics)
                out.cached += 1
                out.deps.update(entry.deps)
                return entry.findings
        ctx.current, ctx.raw, ctx.deps = f.rel, raw, set()
        out.scanned += 1
        mark = len(ctx.diagnostics)
        found: list[Finding] = []
        try:
            for scanner in wanting:
                if (
                    raw is not None
                    and self.prefilter
                    and not (prefilter.may_matter(scanner.name, raw) and scanner.may_matter(raw))
                ):
                    continue
                found.extend(guarded(scanner.name, f.rel, ctx, [], _scan_file, scanner, f, ctx))
        finally:
            ctx.forget(f)
            ctx.current = ctx.raw = None
        out.deps.update(ctx.deps)
        if key is not None:
            diagnostics = ctx.diagnostics[mark:]
            deps = {rel: ctx.digest_of(rel) for rel in sorted(ctx.deps)}
            listing = self.listing if (found or diagnostics or deps) else None
            text = Entry(found, diagnostics, deps, listing).to_json()
            if text is not None:
                out.entries.append((key, text))
        return found

    def _valid(self, entry: Entry) -> bool:
        if entry.listing is not None and entry.listing != self.listing:
            return False
        return all(self.ctx.digest_of(rel) == digest for rel, digest in entry.deps.items())


def _entry(text: str) -> Entry | None:
    try:
        return Entry.from_json(text)
    except (TypeError, ValueError, KeyError):
        return None


def _scan_file(scanner: FileScanner, f: SourceFile, ctx: ScanContext) -> list[Finding]:
    return list(scanner.scan(f, ctx))


_WORKER: _Worker | None = None


def _init_worker(root: Path, store_path: Path | None, listing: str) -> None:
    global _WORKER
    _WORKER = _Worker(root, store_path, listing)
    _collect_rarely()


def _collect_rarely() -> None:
    """Full garbage collections 10x rarer while scanning.

    Scanning keeps parsed modules alive (hundreds of MB of syntax trees on a large project)
    and each full collection walks all of them, while they hold no reference cycles and
    are freed by reference counting (``ModuleIndex.release``): with the default thresholds
    full collections took a third of a large project's scan.
    """
    gen0, gen1, _ = gc.get_threshold()
    gc.set_threshold(gen0, gen1, 100)


def _run_unit(unit: Unit) -> UnitResult:
    assert _WORKER is not None
    return _WORKER.run(unit)


def default_jobs() -> int:
    """One job per CPU this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def listing_fingerprint(units: list[Unit]) -> str:
    """A hash of the tree's file list (which files exist decides how some paths are read)."""
    h = hashlib.blake2b(digest_size=16)
    for directory, files in units:
        h.update(directory.encode("utf-8", "surrogatepass") + b"\0")  # non-UTF-8 names
        for f in files:
            h.update(f.rel.encode("utf-8", "surrogatepass") + b"\n")
    return h.hexdigest()


def scan(
    root: Path,
    units: list[Unit],
    *,
    store_path: Path | None,
    jobs: int = 0,
    progress: Callable[[int], None] | None = None,
    meanwhile: Callable[[UnitResult], None] | None = None,
) -> tuple[list[UnitResult], list[Diagnostic]]:
    """Scan every unit; results in unit order, plus diagnostics about the cache itself.

    ``meanwhile`` is called here with each result worker processes send, before the next
    is awaited: work this process would do after the scan can be done while they scan.
    """
    listing = listing_fingerprint(units)
    files = sum(len(fs) for _, fs in units)
    n = jobs if jobs > 0 else (default_jobs() if files >= PARALLEL_MIN_FILES else 1)
    n = max(1, min(n, len(units)))
    results: list[UnitResult] = []
    done = 0
    stream = _results(root, units, store_path, listing, n, meanwhile)
    for result, unit in zip(stream, units, strict=True):
        results.append(result)
        done += len(unit[1])
        if progress is not None:
            progress(done)
    problems: list[Diagnostic] = []
    if store_path is not None:
        store = FindingsStore(store_path)
        store.put_many([e for r in results for e in r.entries])
        store.close()
        if store.problem:
            problems.append(Diagnostic(".", store.problem, code="cache", level="info"))
    return results, problems


def _results(
    root: Path,
    units: list[Unit],
    store_path: Path | None,
    listing: str,
    jobs: int,
    meanwhile: Callable[[UnitResult], None] | None = None,
) -> Iterator[UnitResult]:
    # With a warm findings cache most files are usually answered by it: scan here, in this
    # process, and start the pool only when enough files miss (a rescan after a small edit
    # never pays for starting workers). Unit results do not depend on the process.
    warm = jobs > 1 and store_path is not None and store_path.exists()
    start = 0
    if jobs == 1 or warm:
        worker = _Worker(root, store_path, listing)
        gc.freeze()  # the import-time heap never needs collecting
        thresholds = gc.get_threshold()
        _collect_rarely()
        misses = 0
        try:
            for unit in units:
                if jobs > 1 and misses >= WARM_MISS_BUDGET:
                    break
                result = worker.run(unit)
                misses += result.scanned
                start += 1
                yield result
        finally:
            gc.set_threshold(*thresholds)
            worker.close()  # free the parsed modules before the BOM is built
        if start == len(units):
            return
    rest = units[start:]
    jobs = min(jobs, len(rest))
    file_scanners()  # import every scanner before forking, so workers share the modules
    directory_scanners()
    gc.freeze()  # the import-time heap never needs collecting (and stays shared after fork)
    import multiprocessing  # only here: a scan in this process never needs it (~10 ms)

    methods = multiprocessing.get_all_start_methods()
    mp = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, min(64, len(rest) // (jobs * 16)))
    with mp.Pool(jobs, initializer=_init_worker, initargs=(root, store_path, listing)) as pool:
        for result in pool.imap(_run_unit, rest, chunksize=chunk):
            if meanwhile is not None:
                meanwhile(result)
            yield result
