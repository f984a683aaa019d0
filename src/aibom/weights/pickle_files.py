"""Plain pickle files (``.pkl``, ``.pickle``, ``.joblib``, ``.dill``), possibly compressed.

joblib may compress the whole stream (zlib, gzip, bz2, xz/lzma); decompression
is streamed and bounded by the pickle scanner's byte limit, so a compression
bomb costs at most that many bytes of work. joblib also writes numpy array data
*inside* the pickle stream right after each ``NumpyArrayWrapper``; the walker
models the wrapper's state (dtype, shape, alignment) to skip that data, and walks
the nested pickle of object arrays (see :mod:`aibom.weights.pickle_opcodes`).
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from typing import Any, BinaryIO

from aibom.inventory import Diagnostic, WeightFile
from aibom.weights.common import file_size
from aibom.weights.pickle_opcodes import MAX_PICKLES, PickleScan, apply_scan, scan_pickle


class _ZlibStream:
    """Minimal read-only file over a zlib stream, never expanding more than asked."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.z = zlib.decompressobj()
        self.pending = b""

    def read(self, n: int = -1) -> bytes:
        out = b""
        want = n if n >= 0 else 1 << 20
        while len(out) < want:
            if self.z.unconsumed_tail:
                data = self.z.unconsumed_tail
            else:
                data = self.raw.read(64 * 1024)
                if not data:
                    break
            out += self.z.decompress(data, want - len(out))
            if self.z.eof:
                break
        return out


def compression(head: bytes) -> str | None:
    """Name of the compression wrapping a pickle stream, from its first bytes."""
    if head[:2] == b"\x1f\x8b":
        return "gzip"
    if head[:3] == b"BZh":
        return "bz2"
    if head[:6] == b"\xfd7zXZ\x00":
        return "xz"
    if head[:3] == b"\x5d\x00\x00":
        return "lzma"
    if len(head) >= 2 and head[0] == 0x78 and (head[0] << 8 | head[1]) % 31 == 0:
        return "zlib"
    return None


def _open(fh: BinaryIO, kind: str | None) -> Any:
    if kind == "gzip":
        return gzip.GzipFile(fileobj=fh, mode="rb")
    if kind == "bz2":
        return bz2.BZ2File(fh, mode="rb")
    if kind in ("xz", "lzma"):
        return lzma.LZMAFile(fh, mode="rb")
    if kind == "zlib":
        return _ZlibStream(fh)
    return fh


def read_pickle_file(
    fh: BinaryIO, rel: str, scan: PickleScan | None = None
) -> tuple[WeightFile, list[Diagnostic]]:
    """Walk a pickle file's opcodes and report its globals (``scan``: an uncompressed stream's walk, reused)."""
    size = file_size(fh)
    head = fh.read(8)
    fh.seek(0)
    kind = None if scan is not None else compression(head)
    if scan is None:
        scan = scan_pickle(_open(fh, kind), max_pickles=MAX_PICKLES)
    wf = WeightFile(path=rel, format="pickle", size=size)
    if kind:
        wf.metadata["compression"] = kind
    if scan.protocols:
        wf.metadata["pickle_protocol"] = max(scan.protocols)
    wf.metadata["pickle_count"] = scan.pickles
    joblib = any(
        g.startswith("joblib.") or g.startswith("sklearn.externals.joblib.") for g in scan.imports
    )
    if joblib:
        wf.metadata["joblib"] = True
        wf.metadata["joblib_arrays"] = scan.joblib_arrays
    diags = apply_scan(wf, scan, rel)
    return wf, diags
