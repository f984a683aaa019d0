"""Zip containers (PyTorch checkpoints, ``.keras``, ``.npz``) opened defensively.

The end-of-central-directory record is checked before :mod:`zipfile` parses the
central directory, so an archive claiming millions of members or a gigantic
directory is refused up front. Members are only ever read through
:func:`open_member`, which refuses members whose size or compression ratio
looks like a zip bomb; reads are additionally bounded by the caller.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import IO, BinaryIO

from aibom.weights.common import (
    CORRUPT,
    HEADER_TOO_LARGE,
    MAX_ZIP_CENTRAL_DIR,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    ZIP_BOMB,
    WeightsError,
    file_size,
    human,
)

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
BOMB_MIN_SIZE = 16 * 1024 * 1024

# What zipfile (and the decompressors under it) raise for damaged archives.
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    ValueError,
    struct.error,
    OverflowError,
)
_ZIP_OR_OS_ERRORS: tuple[type[BaseException], ...] = (*ZIP_ERRORS, OSError)
_OPEN_ERRORS: tuple[type[BaseException], ...] = (
    *ZIP_ERRORS,
    RuntimeError,
)  # ratios are only judged for members larger than this


def check_directory(fh: BinaryIO) -> None:
    """Refuse archives whose central directory is absurdly large (before zipfile reads it)."""
    size = file_size(fh)
    tail_len = min(size, 65535 + 22)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    idx = tail.rfind(EMPTY_ZIP_MAGIC)
    if idx < 0 or idx + 22 > len(tail):
        raise WeightsError(CORRUPT, "zip archive has no end-of-central-directory record")
    entries, cd_size = struct.unpack_from("<HI", tail, idx + 10)
    if (
        (entries == 0xFFFF or cd_size == 0xFFFFFFFF)
        and idx >= 20
        and tail[idx - 20 : idx - 16] == b"PK\x06\x07"
    ):
        (zip64_off,) = struct.unpack_from("<Q", tail, idx - 20 + 8)
        if zip64_off + 56 <= size:
            fh.seek(zip64_off)
            rec = fh.read(56)
            if rec[:4] == b"PK\x06\x06":
                entries, cd_size = struct.unpack_from("<QQ", rec, 32)
    if entries > MAX_ZIP_MEMBERS:
        raise WeightsError(
            HEADER_TOO_LARGE, f"zip archive declares {entries} members (limit {MAX_ZIP_MEMBERS})"
        )
    if cd_size > MAX_ZIP_CENTRAL_DIR:
        raise WeightsError(
            HEADER_TOO_LARGE,
            f"zip central directory is {human(cd_size)} (limit {human(MAX_ZIP_CENTRAL_DIR)})",
        )
    fh.seek(0)


def open_zip(fh: BinaryIO) -> zipfile.ZipFile:
    """Open ``fh`` as a zip archive after :func:`check_directory`."""
    check_directory(fh)
    try:
        return zipfile.ZipFile(fh)
    except _ZIP_OR_OS_ERRORS as exc:
        raise WeightsError(CORRUPT, f"invalid zip archive: {exc}") from None


def check_member(info: zipfile.ZipInfo, limit: int, ratio: bool = True) -> None:
    """Raise ``weights-zip-bomb`` or ``weights-header-too-large`` for a member we must not read."""
    if (
        ratio
        and info.file_size > BOMB_MIN_SIZE
        and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)
    ):
        raise WeightsError(
            ZIP_BOMB,
            f"zip member {info.filename[:200]!r} expands {info.compress_size} bytes to {info.file_size}; not read",
            level="error",
        )
    if info.file_size > limit:
        raise WeightsError(
            HEADER_TOO_LARGE,
            f"zip member {info.filename[:200]!r} is {human(info.file_size)} (limit {human(limit)}); not read",
        )


def open_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, ratio: bool = True
) -> IO[bytes]:
    """Open a member for streaming after the bomb/size checks (``ratio=False``: header reads only)."""
    check_member(info, limit, ratio)
    try:
        return zf.open(info)
    except _OPEN_ERRORS as exc:
        raise WeightsError(
            CORRUPT, f"cannot open zip member {info.filename[:200]!r}: {exc}"
        ) from None


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Read a whole (small) member, bounded by ``limit``."""
    with open_member(zf, info, limit) as fh:
        try:
            return fh.read(limit + 1)[:limit]
        except _ZIP_OR_OS_ERRORS as exc:
            raise WeightsError(
                CORRUPT, f"cannot read zip member {info.filename[:200]!r}: {exc}"
            ) from None
