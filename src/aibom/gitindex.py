"""Read the paths git tracks from a work tree's index file, without running git.

git applies .gitignore only to untracked files: a file listed in the index is part of the
project even when a rule matches it (added before the rule, or with ``git add -f``). The walk
asks this module which paths are tracked so it can follow the same semantics.

The index is parsed by its documented format (gitformat-index(5)): a 12-byte header
(``DIRC``, version 2, 3 or 4, entry count), then the entries, then extensions (not needed
here, so never read), then a trailing SHA-1 or SHA-256 checksum. Version 3 adds 16 bits of
extended flags to entries that set the "extended" flag; version 4 drops the padding and
prefix-compresses each path against the previous one. Git itself is never run: a
repository's configuration can make git run hooks or an fsmonitor, that is, execute what we
scan.
"""

from __future__ import annotations

import hashlib
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

MAX_INDEX_BYTES = 256 << 20  # a 2M-file monorepo's index is ~200 MB; more is not an index
_ENTRY_FIXED = 40 + 2  # ctime..size (10 x 32 bits) + flags; the object id sits between them
_EXTENDED = 0x4000
_GITLINK_MODE = 0o160000


class GitIndexError(ValueError):
    """The index cannot be trusted: corrupt, truncated, too big or of an unknown version."""


@dataclass
class TrackedPaths:
    """Tracked paths relative to the scan root (POSIX, as the walk spells them)."""

    files: set[str] = field(default_factory=set)
    dirs: set[str] = field(default_factory=set)  # every ancestor directory of a tracked path
    trees: set[str] = field(default_factory=set)  # submodules and sparse dirs: all beneath

    def tracks_file(self, rel: str) -> bool:
        if rel in self.files:
            return True
        if self.trees:
            parts = rel.split("/")
            return any("/".join(parts[:i]) in self.trees for i in range(1, len(parts)))
        return False

    def tracks_dir(self, rel: str) -> bool:
        return rel in self.dirs or rel in self.trees or self.tracks_file(rel)


def find_index(root: Path) -> tuple[Path, str] | None:
    """The index of the work tree holding ``root`` and root's path inside that work tree.

    Looks for ``.git`` in root and its ancestors; a ``.git`` file (worktrees, submodules)
    names the git directory with a ``gitdir:`` line. None when no index is found.
    """
    prefix: list[str] = []
    here = root
    while True:
        dot_git = here / ".git"
        git_dir: Path | None = None
        if dot_git.is_dir():
            git_dir = dot_git
        elif dot_git.is_file():
            git_dir = _gitdir_from_file(dot_git)
        if git_dir is not None:
            index = git_dir / "index"
            if index.is_file():
                return index, "/".join(reversed(prefix))
            return None
        if here.parent == here:
            return None
        prefix.append(here.name)
        here = here.parent


def _gitdir_from_file(dot_git: Path) -> Path | None:
    try:
        with dot_git.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    line = head.split(b"\n", 1)[0].strip()
    if not line.startswith(b"gitdir:"):
        return None
    target = Path(os.fsdecode(line[len(b"gitdir:") :].strip()))
    if not target.is_absolute():
        target = dot_git.parent / target
    return target if target.is_dir() else None


def read_tracked(index: Path, prefix: str) -> TrackedPaths:
    """Tracked paths under ``prefix`` (the scan root inside the work tree), relative to it.

    Raises GitIndexError for an index that cannot be trusted.
    """
    try:
        size = index.stat().st_size
        if size > MAX_INDEX_BYTES:
            raise GitIndexError(f"index is {size} bytes, more than {MAX_INDEX_BYTES}")
        data = index.read_bytes()
    except OSError as exc:
        raise GitIndexError(f"cannot read: {exc.strerror}") from exc
    paths = parse_index(data)
    tracked = TrackedPaths()
    lead = prefix + "/" if prefix else ""
    for raw, mode in paths:
        if raw.endswith(b"/"):  # sparse directory entry (index.sparse): the whole tree
            raw, mode = raw[:-1], _GITLINK_MODE
        rel = os.fsdecode(raw)
        if lead:
            if not rel.startswith(lead):
                continue
            rel = rel[len(lead) :]
        if mode == _GITLINK_MODE:
            tracked.trees.add(rel)
        else:
            tracked.files.add(rel)
        cut = rel.rfind("/")
        while cut > 0:
            parent = rel[:cut]
            if parent in tracked.dirs:
                break
            tracked.dirs.add(parent)
            cut = rel.rfind("/", 0, cut)
    return tracked


def parse_index(data: bytes) -> list[tuple[bytes, int]]:
    """(path, mode) of every entry of an index file's bytes; GitIndexError if not valid."""
    if len(data) < 12 + 20 or data[:4] != b"DIRC":
        raise GitIndexError("not a git index (no DIRC signature)")
    version, count = struct.unpack_from(">II", data, 4)
    if version not in (2, 3, 4):
        raise GitIndexError(f"unknown index version {version}")
    if count > (len(data) - 12) // (_ENTRY_FIXED + 20 + 1):
        raise GitIndexError(f"index claims {count} entries, more than its size can hold")
    for oid_len in _hash_lengths(data):
        try:
            return _entries(data, version, count, oid_len)
        except (GitIndexError, struct.error, IndexError):
            continue
    raise GitIndexError("truncated or corrupt index entries")


def _hash_lengths(data: bytes) -> list[int]:
    """Object-id lengths to try: the one whose checksum matches the trailer, else both."""
    if hashlib.sha1(data[:-20]).digest() == data[-20:]:
        return [20]
    if len(data) >= 12 + 32 and hashlib.sha256(data[:-32]).digest() == data[-32:]:
        return [32]
    if data[-20:] == bytes(20):  # index.skipHash: the trailer is left as zeros
        return [20, 32]
    raise GitIndexError("checksum does not match: the index is corrupt or truncated")


def _entries(data: bytes, version: int, count: int, oid_len: int) -> list[tuple[bytes, int]]:
    end = len(data) - oid_len  # entries and extensions end where the checksum starts
    out: list[tuple[bytes, int]] = []
    pos = 12
    previous = b""
    flags_at = 40 + oid_len
    for _ in range(count):
        start = pos
        if start + flags_at + 2 > end:
            raise GitIndexError("truncated entry")
        (mode,) = struct.unpack_from(">I", data, start + 24)
        (flags,) = struct.unpack_from(">H", data, start + flags_at)
        pos = start + flags_at + 2
        if flags & _EXTENDED:
            if version < 3:
                raise GitIndexError("extended flags in a version 2 index")
            pos += 2
        if version == 4:
            strip, pos = _varint(data, pos)
            if strip > len(previous):
                raise GitIndexError("path prefix longer than the previous path")
            nul = data.index(b"\0", pos, end)
            path = previous[: len(previous) - strip] + data[pos:nul]
            pos = nul + 1
        else:
            nul = data.index(b"\0", pos, end)
            path = data[pos:nul]
            pos = start + ((nul - start) // 8 + 1) * 8  # 1 to 8 NULs pad to a multiple of 8
        if not path or pos > end:
            raise GitIndexError("truncated entry")
        out.append((path, mode))
        previous = path
    return out


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    """git's offset encoding (varint.c): each continuation adds one before shifting."""
    byte = data[pos]
    pos += 1
    value = byte & 0x7F
    while byte & 0x80:
        if value > 1 << 32:
            raise GitIndexError("path prefix length overflows")
        byte = data[pos]
        pos += 1
        value = ((value + 1) << 7) | (byte & 0x7F)
    return value, pos
