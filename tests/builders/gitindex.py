"""Write git index files byte by byte (gitformat-index(5)), so tests need no git binary."""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable
from pathlib import Path

_FILE_MODE = 0o100644
_GITLINK_MODE = 0o160000
_INTENT_TO_ADD = 0x2000  # an extended flag: makes git write version 3


def index_bytes(
    paths: Iterable[str],
    *,
    version: int = 2,
    extended: Iterable[str] = (),
    gitlinks: Iterable[str] = (),
    oid_len: int = 20,
) -> bytes:
    """An index listing ``paths`` (sorted like git does), checksummed with SHA-1 or SHA-256.

    ``extended`` paths carry extended flags (version 3 and 4 only); ``gitlinks`` are
    submodule entries (mode 160000).
    """
    extended, gitlinks = set(extended), set(gitlinks)
    names = sorted({*paths, *gitlinks}, key=lambda p: p.encode())
    body = bytearray(b"DIRC" + struct.pack(">II", version, len(names)))
    previous = b""
    for name in names:
        raw = name.encode()
        start = len(body)
        mode = _GITLINK_MODE if name in gitlinks else _FILE_MODE
        body += struct.pack(">10I", 0, 0, 0, 0, 0, 0, mode, 1000, 1000, 0)
        body += bytes(oid_len)
        flags = min(len(raw), 0xFFF) | (0x4000 if name in extended else 0)
        body += struct.pack(">H", flags)
        if name in extended:
            body += struct.pack(">H", _INTENT_TO_ADD)
        if version == 4:
            common = 0
            while common < min(len(raw), len(previous)) and raw[common] == previous[common]:
                common += 1
            body += _varint(len(previous) - common) + raw[common:] + b"\0"
        else:
            body += raw
            body += b"\0" * (8 - (len(body) - start) % 8)
        previous = raw
    body += b"TREE" + struct.pack(">I", 0)  # an (empty) extension, as git writes after entries
    digest = hashlib.sha1 if oid_len == 20 else hashlib.sha256
    return bytes(body) + digest(body).digest()


def write_index(root: Path, paths: Iterable[str], **kw: object) -> Path:
    """Write ``root/.git/index`` (and a HEAD, like a clone) listing ``paths``; return it."""
    git_dir = root / ".git"
    git_dir.mkdir(parents=True, exist_ok=True)
    (git_dir / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    index = git_dir / "index"
    index.write_bytes(index_bytes(paths, **kw))  # type: ignore[arg-type]
    return index


def _varint(value: int) -> bytes:
    """git's offset encoding (varint.c encode_varint)."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        value -= 1
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))
