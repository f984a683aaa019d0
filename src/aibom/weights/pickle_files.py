"""Plain pickle files (``.pkl``, ``.pickle``, ``.joblib``, ``.dill``), possibly compressed.

joblib may compress the whole stream (zlib, gzip, bz2, xz/lzma); decompression
is streamed and bounded by the pickle scanner's byte limit, so a compression
bomb costs at most that many bytes of work. joblib also writes numpy array data
*inside* the pickle stream right after each ``NumpyArrayWrapper``; the walk
stops there (``weights-incomplete``) since the array length is only known to
joblib's own unpickler. Globals imported before that point are still reported.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from typing import Any, BinaryIO

from aibom.inventory import Diagnostic, WeightFile
from aibom.weights.common import INCOMPLETE, file_size
from aibom.weights.pickles import MAX_PICKLES, apply_scan, scan_pickle


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


def read_pickle_file(fh: BinaryIO, rel: str) -> tuple[WeightFile, list[Diagnostic]]:
    """Walk a pickle file's opcodes and report its globals."""
    size = file_size(fh)
    head = fh.read(8)
    fh.seek(0)
    kind = compression(head)
    stream = _open(fh, kind)
    scan = scan_pickle(stream, max_pickles=MAX_PICKLES)
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
    diags = apply_scan(wf, scan, rel)
    if joblib and scan.problem is not None and scan.problem.code != INCOMPLETE:
        # Expected: joblib array data follows the wrapper inside the stream.
        for i, d in enumerate(diags):
            if d.code == scan.problem.code and "scan incomplete" in d.message:
                diags[i] = Diagnostic(
                    path=rel,
                    message=f"pickle scan stopped at byte {scan.bytes_read} where joblib array data is embedded; "
                    "globals after that point were not checked",
                    code=INCOMPLETE,
                    level="info",
                )
    return wf, diags
