"""SHA-256 of weight files: streamed, parallel across files, cached, and free for HF cache blobs.

* Files are read in 4 MiB blocks into one reused buffer; :mod:`hashlib` releases
  the GIL while hashing, so a thread pool hashes several files at once.
* A file that is (or resolves, through symlinks, to) ``.../models--*/blobs/<64 hex>``
  in a Hugging Face cache is named by its SHA-256 already (LFS object id): the name
  is used and nothing is read. (Blobs named by 40 hex digits are git SHA-1s of small
  non-LFS files and are hashed normally.)
* With ``cache_dir``, results are kept in ``cache_dir/sha256-cache.json`` keyed by
  absolute path and validated by size, mtime_ns and inode, so an unchanged file is
  never hashed twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from aibom.inventory import Diagnostic
from aibom.weights.common import UNREADABLE

BLOCK = 4 * 1024 * 1024
PROGRESS_STEP = 64 * 1024 * 1024  # progress callback granularity (bytes)
CACHE_FILE = "sha256-cache.json"
CACHE_VERSION = 1
MAX_JOBS = 8

_HEX64 = re.compile(r"^[0-9a-f]{64}$")

Progress = Callable[[str, int, int], None]


def hf_blob_sha256(path: Path) -> str | None:
    """The SHA-256 a Hugging Face cache blob is named by, if ``path`` is (or links to) one."""
    for candidate in (str(path), os.path.realpath(path)):
        parts = candidate.replace("\\", "/").split("/")
        if (
            len(parts) >= 3
            and parts[-2] == "blobs"
            and _HEX64.match(parts[-1])
            and parts[-3].startswith(("models--", "datasets--", "spaces--"))
        ):
            return parts[-1]
    return None


def sha256_file(path: Path, rel: str = "", progress: Progress | None = None) -> str:
    """Stream ``path`` through SHA-256 (4 MiB blocks, one reused buffer)."""
    h = hashlib.sha256()
    buf = bytearray(BLOCK)
    view = memoryview(buf)
    with open(path, "rb", buffering=0) as fh:
        total = os.fstat(fh.fileno()).st_size
        done = 0
        next_report = PROGRESS_STEP
        if progress is not None:
            progress(rel, 0, total)
        while True:
            n = fh.readinto(buf)
            if not n:
                break
            h.update(view[:n])
            done += n
            if progress is not None and done >= next_report:
                progress(rel, done, total)
                next_report = done + PROGRESS_STEP
        if progress is not None:
            progress(rel, done, max(total, done))
    return h.hexdigest()


def _key(st: os.stat_result) -> dict[str, int]:
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ino": st.st_ino}


class _Cache:
    """The on-disk hash cache (a JSON file); tolerant of absence and corruption."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.path = cache_dir / CACHE_FILE if cache_dir is not None else None
        self.entries: dict[str, dict[str, Any]] = {}
        self.dirty = False
        self.lock = threading.Lock()
        if self.path is not None:
            try:
                doc = json.loads(self.path.read_text("utf-8"))
                if (
                    isinstance(doc, dict)
                    and doc.get("version") == CACHE_VERSION
                    and isinstance(doc.get("entries"), dict)
                ):
                    self.entries = {k: v for k, v in doc["entries"].items() if isinstance(v, dict)}
            except (OSError, ValueError, RecursionError):
                self.entries = {}

    def get(self, abspath: str, st: os.stat_result) -> str | None:
        entry = self.entries.get(abspath)
        if entry is None:
            return None
        if all(entry.get(k) == v for k, v in _key(st).items()):
            digest = entry.get("sha256")
            if isinstance(digest, str) and _HEX64.match(digest):
                return digest
        return None

    def put(self, abspath: str, st: os.stat_result, digest: str) -> None:
        if self.path is None:
            return
        with self.lock:
            self.entries[abspath] = {**_key(st), "sha256": digest}
            self.dirty = True

    def save(self) -> Diagnostic | None:
        if self.path is None or not self.dirty:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".sha256-cache.", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(
                        {"version": CACHE_VERSION, "entries": dict(sorted(self.entries.items()))},
                        out,
                    )
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            return Diagnostic(
                path=str(self.path),
                message=f"cannot write the hash cache: {exc.strerror or exc}",
                code=UNREADABLE,
                level="info",
            )
        return None


def hash_files(
    files: Sequence[tuple[Path, str]],
    *,
    cache_dir: Path | None = None,
    jobs: int = 0,
    progress: Progress | None = None,
) -> tuple[dict[str, str], list[Diagnostic]]:
    """SHA-256 of each ``(path, rel)``; returns ``{rel: hex digest}`` and diagnostics.

    ``jobs`` threads hash files in parallel (0 = automatic: CPU count, at most 8).
    ``progress(rel, done_bytes, total_bytes)`` is called from worker threads at the
    start and end of each hashed file and every 64 MiB in between; files whose hash
    comes from the HF cache name or the on-disk cache are not reported. Unreadable
    files are left out of the result with a ``weights-unreadable`` diagnostic.
    """
    cache = _Cache(cache_dir)
    results: dict[str, str] = {}
    diags: list[Diagnostic] = []
    todo: list[tuple[Path, str, str, os.stat_result]] = []
    for path, rel in files:
        blob = hf_blob_sha256(path)
        if blob is not None:
            results[rel] = blob
            continue
        try:
            st = os.stat(path)
        except OSError as exc:
            diags.append(
                Diagnostic(
                    path=rel, message=f"cannot hash file: {exc.strerror or exc}", code=UNREADABLE
                )
            )
            continue
        if not stat.S_ISREG(st.st_mode):
            diags.append(
                Diagnostic(path=rel, message="not a regular file; not hashed", code=UNREADABLE)
            )
            continue
        abspath = os.path.abspath(path)
        cached = cache.get(abspath, st)
        if cached is not None:
            results[rel] = cached
            continue
        todo.append((path, rel, abspath, st))

    def work(item: tuple[Path, str, str, os.stat_result]) -> tuple[str, str | None, str | None]:
        path, rel, abspath, st = item
        try:
            digest = sha256_file(path, rel, progress)
            after = os.stat(path)
        except OSError as exc:
            return rel, None, f"cannot hash file: {exc.strerror or exc}"
        if _key(after) == _key(st):
            cache.put(abspath, st, digest)
        return rel, digest, None

    if todo:
        n_jobs = jobs if jobs > 0 else min(os.cpu_count() or 1, MAX_JOBS)
        n_jobs = max(1, min(n_jobs, len(todo)))
        # Largest first so one big file does not end up last on an otherwise idle pool.
        todo.sort(key=lambda item: -item[3].st_size)
        if n_jobs == 1:
            outcomes = [work(item) for item in todo]
        else:
            with ThreadPoolExecutor(max_workers=n_jobs, thread_name_prefix="aibom-hash") as pool:
                outcomes = list(pool.map(work, todo))
        for rel, digest, error in outcomes:
            if digest is not None:
                results[rel] = digest
            else:
                diags.append(
                    Diagnostic(path=rel, message=error or "cannot hash file", code=UNREADABLE)
                )
    saved = cache.save()
    if saved is not None:
        diags.append(saved)
    return dict(sorted(results.items())), sorted(diags, key=lambda d: (d.path, d.message))
