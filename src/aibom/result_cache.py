"""Whole-scan cache: an unchanged tree, scanned with the same options, reuses its last BOM.

The per-file findings cache (:mod:`aibom.findings_cache`) saves the scanners' work; an
unchanged tree still paid for lineage, building, rendering and validating the BOM. This
cache keeps the last result of each (root, options) *slot*: the inventory, the lineage and
the CycloneDX JSON text, under a key that changes whenever anything the result depends on
may have changed:

* aibom itself (the findings cache's fingerprint of every code and data file);
* the options that shape the BOM (excludes, .gitignore, hashing, ``SOURCE_DATE_EPOCH``);
* every walked file's path, size, mtime, ctime and inode;
* files outside the listing that scanners read (an imported module under an ignored
  directory), by the same stamps;
* the local Hugging Face cache and aibom's hub-answer cache (lineage reads both offline).

A file modified in the second before the walk makes the result uncachable (a later edit in
the same clock tick could keep its stamp). Online scans and scans of stores outside the
tree (``--hf-cache``, ``--ollama-store``) are never cached. On a hit the BOM gets a fresh
serial number and timestamp unless ``SOURCE_DATE_EPOCH`` is set (then the bytes are the
same as a fresh scan's). Entries are JSON (decoded into aibom's own types and compared with
what was stored before they are written), never pickles; the store is the findings cache's
SQLite database, so concurrent runs are safe.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
import types
import typing
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aibom.findings_cache import FindingsStore, aibom_fingerprint
from aibom.walk import WalkResult

if TYPE_CHECKING:  # decoding imports them: a quiet hit never decodes (see CachedHit)
    from aibom.inventory import Inventory
    from aibom.lineage.types import Lineage

RACY_SECONDS = 1.0  # files modified this recently before the walk make a result uncachable
Stamp = list[int]


def file_stamp(path: Path) -> Stamp | None:
    """(size, mtime_ns, ctime_ns, inode) of a path (not followed), or None when absent."""
    return _stamp(str(path))


def _stamp(path: str) -> Stamp | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _outside_stamp(root: Path, top: str, rel: str) -> Stamp | None:
    """:func:`file_stamp` of ``root / rel``; thousands are probed import paths, so joined
    without pathlib unless its normalising could matter (a trailing "/" would follow a link)."""
    if rel and not rel.endswith("/"):
        return _stamp(os.path.join(top, rel))
    return file_stamp(root / rel)


def _dir_stamps(top: Path, depth: int) -> list[Any]:
    """Names and stamps of everything under ``top`` down to ``depth`` levels (sorted)."""
    out: list[Any] = []
    stack: list[tuple[Path, str, int]] = [(top, "", 0)]
    while stack:
        path, rel, level = stack.pop()
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            out.append([rel, None])
            continue
        for e in entries:
            sub = f"{rel}/{e.name}" if rel else e.name
            try:
                st = e.stat(follow_symlinks=False)
            except OSError:
                continue
            out.append([sub, st.st_size, st.st_mtime_ns, st.st_ctime_ns])
            if level + 1 < depth and e.is_dir(follow_symlinks=False):
                stack.append((Path(e.path), sub, level + 1))
    return out


@dataclass
class CachedScan:
    """A stored scan: what the CLI prints and writes."""

    inventory: Inventory
    lineage: dict[str, Lineage]
    text: str  # the CycloneDX JSON BOM, validated when it was written


@dataclass
class CachedHit:
    """A stored scan as loaded: the BOM text now, the inventory and lineage when asked for.

    A quiet scan only writes the text; decoding a large inventory (ragflow: 0.4 s) would be
    most of its rescan. The entry was decoded and compared with the scan it came from when
    it was stored, under a slot keyed by aibom's own code, so decoding it later cannot fail
    where decoding it now would have succeeded.
    """

    text: str
    _inventory: Any
    _lineage: Any

    def decoded(self) -> CachedScan:
        from aibom.inventory import Inventory
        from aibom.lineage.types import Lineage

        inventory = decode(Inventory, self._inventory)
        lineage = decode(dict[str, Lineage], self._lineage)
        return CachedScan(inventory, lineage, self.text)


class ResultCache:
    """The whole-scan cache slot of one (root, options) pair; never raises for I/O trouble."""

    def __init__(self, store_path: Path, slot: str, tree_key: str, racy: bool) -> None:
        self.store_path = store_path
        self.slot = slot
        self.tree_key = tree_key
        self.racy = racy

    def load(self) -> CachedHit | None:
        """The stored scan when nothing it depends on changed (fresh serial and timestamp)."""
        if not self.store_path.exists():
            return None
        store = FindingsStore(self.store_path, readonly=True)
        try:
            raw = store.get_result(self.slot)
        finally:
            store.close()
        if raw is None:
            return None
        try:
            entry = json.loads(raw)
            if entry.get("tree") != self.tree_key:
                return None
            root = entry["root"]
            for rel, stamp in entry["outside"].items():
                if _stamp(os.path.join(root, rel)) != stamp:
                    return None
            if not isinstance(entry["inventory"], dict) or not isinstance(entry["lineage"], dict):
                return None
            text = _restamp(entry["text"], entry["serial"], entry["timestamp"])
        except (TypeError, ValueError, KeyError, AttributeError):
            return None
        return CachedHit(text, entry["inventory"], entry["lineage"])

    def store(
        self,
        root: Path,
        scan: CachedScan,
        outside: set[str],
    ) -> str | None:
        """Keep ``scan`` for the next run; returns a problem description or None."""
        if self.racy:
            return None
        from aibom.inventory import Inventory
        from aibom.lineage.types import Lineage

        try:
            doc_head = scan.text[: scan.text.find('"components"')]
            serial = _between(doc_head, '"serialNumber": "urn:uuid:', '"')
            timestamp = _between(doc_head, '"timestamp": "', '"')
            top = str(root)
            entry = {
                "tree": self.tree_key,
                "root": top,
                "outside": {rel: _outside_stamp(root, top, rel) for rel in sorted(outside)},
                "inventory": encode(scan.inventory),
                "lineage": encode(scan.lineage),
                "text": scan.text,
                "serial": serial,
                "timestamp": timestamp,
            }
            value = json.dumps(entry, separators=(",", ":"), sort_keys=True)
            back = json.loads(value)
            if decode(Inventory, back["inventory"]) != scan.inventory or (
                decode(dict[str, Lineage], back["lineage"]) != scan.lineage
            ):
                return None  # would not come back identical: not cached
        except (TypeError, ValueError, KeyError, AttributeError):
            return None
        store = FindingsStore(self.store_path)
        store.put_result(self.slot, value)
        store.close()
        return store.problem


def open_cache(
    root: Path,
    walked: WalkResult,
    *,
    store_path: Path,
    options: dict[str, Any],
    hub_cache_dir: Path,
    hf_cache_dir: Path,
) -> ResultCache:
    """The cache slot for scanning ``root`` with ``options``, keyed by the walked tree."""
    fingerprint = aibom_fingerprint()
    slot_doc = {"root": str(root), "options": options, "aibom": fingerprint}
    slot = hashlib.blake2b(
        json.dumps(slot_doc, sort_keys=True, default=str).encode(), digest_size=16
    ).hexdigest()
    h = hashlib.blake2b(slot.encode(), digest_size=16)
    newest = 0
    lines: list[str] = []
    for directory in sorted(walked.directories):
        for f in walked.directories[directory]:
            mtime, ctime, inode = f.stamp
            if mtime > newest:
                newest = mtime
            lines.append(f"{f.rel}\0{f.size}\0{mtime}\0{ctime}\0{inode}\n")
    # one update of the lines joined hashes the same bytes as one update per line
    h.update("".join(lines).encode("utf-8", "surrogatepass"))  # names that are not UTF-8
    h.update(json.dumps([str(d) for d in walked.diagnostics]).encode())
    h.update(json.dumps(_dir_stamps(hf_cache_dir, 3)).encode())
    h.update(json.dumps(_dir_stamps(hub_cache_dir, 2)).encode())
    h.update((os.environ.get("HF_ENDPOINT") or "").encode())
    racy = newest >= time.time_ns() - int(RACY_SECONDS * 1e9)
    return ResultCache(store_path, slot, h.hexdigest(), racy)


def _between(text: str, start: str, end: str) -> str | None:
    i = text.find(start)
    if i < 0:
        return None
    i += len(start)
    j = text.find(end, i)
    return text[i:j] if j >= 0 else None


def _restamp(text: str, serial: str | None, timestamp: str | None) -> str:
    """A stored BOM with a new serial and timestamp (unchanged when SOURCE_DATE_EPOCH is set)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return text  # the key holds SOURCE_DATE_EPOCH: these are a fresh scan's exact bytes
    if serial is not None:
        old = f'"serialNumber": "urn:uuid:{serial}"'
        text = text.replace(old, f'"serialNumber": "urn:uuid:{uuid.uuid4()}"', 1)
    if timestamp is not None:
        now = datetime.now(tz=timezone.utc).isoformat()
        text = text.replace(f'"timestamp": "{timestamp}"', f'"timestamp": "{now}"', 1)
    return text


# ---------------------------------------------------------------------------
# aibom's dataclasses <-> JSON


def encode(value: Any) -> Any:
    """A dataclass tree as JSON-ready data (sets become sorted lists, enums their values)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        items = [encode(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot encode {type(value).__name__}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(tp: Any, data: Any) -> Any:
    """The inverse of :func:`encode`, guided by the type annotations of aibom's dataclasses."""
    if tp is Any:
        return data
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return decode(inner, data)
    if origin is typing.Literal:
        return data
    if origin in (list, set, frozenset, tuple):
        (inner,) = typing.get_args(tp)[:1]
        return origin(decode(inner, v) for v in data)
    if origin is dict:
        _, inner = typing.get_args(tp)
        return {k: decode(inner, v) for k, v in data.items()}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in data:
                kwargs[f.name] = decode(hints[f.name], data[f.name])
        return tp(**kwargs)
    if tp in (str, int, float, bool):
        if not isinstance(data, tp) and not (tp is float and isinstance(data, int)):
            raise TypeError(f"expected {tp.__name__}")
        return data
    raise TypeError(f"cannot decode {tp!r}")
