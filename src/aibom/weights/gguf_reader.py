"""GGUF: a bounded header reader following the GGUF specification (llama.cpp ``docs/gguf.md``).

Layout: magic ``GGUF``, uint32 version (1-3), tensor count, metadata KV count,
the KV pairs (``key``: string, ``type``: uint32, value), then one info record per
tensor (name, n_dims, dims, ggml type, offset), then aligned tensor data.
Counts and string lengths are uint64 from version 2 on, uint32 in version 1.
Files written on big-endian hosts store every number big-endian.

Why not ``gguf.GGUFReader``: it memory-maps the whole file, builds a numpy view
per field element (slow for 150k-token vocabularies) and trusts counts, so a
hostile header can make it allocate without bound. This reader only walks the
header, validates every length against the file size and caps what it keeps:
scalars and arrays of up to :data:`SHORT_ARRAY` elements are kept; longer
arrays (``tokenizer.ggml.tokens``, ``merges``, ``token_type``, ...) are replaced
by their length; strings are cut at 64 KiB (enough for chat templates).
"""

from __future__ import annotations

import math
import mmap
import struct
from collections import Counter
from typing import Any, BinaryIO

from aibom.inventory import Diagnostic, WeightFile
from aibom.weights.common import (
    BAD_MAGIC,
    CORRUPT,
    HEADER_TOO_LARGE,
    INCOMPLETE,
    MAX_STRING,
    TRUNCATED,
    WeightsError,
    file_size,
)

MAGIC = b"GGUF"
MAX_TENSORS = 1_000_000
MAX_KV = 100_000
MAX_KEY = 64 * 1024
MAX_DIMS = 8
MAX_NESTING = 3
SHORT_ARRAY = 64  # arrays up to this many elements are kept, longer ones become their length
SHORT_ARRAY_STRING = 1024  # characters kept per string inside a short array
KEEP_BUDGET = 16 * 1024 * 1024  # characters of string metadata kept per file

# ggml_type -> name (gguf.constants.GGMLQuantizationType, plus removed historical types)
GGML_TYPES = {
    0: "F32",
    1: "F16",
    2: "Q4_0",
    3: "Q4_1",
    4: "Q4_2",
    5: "Q4_3",
    6: "Q5_0",
    7: "Q5_1",
    8: "Q8_0",
    9: "Q8_1",
    10: "Q2_K",
    11: "Q3_K",
    12: "Q4_K",
    13: "Q5_K",
    14: "Q6_K",
    15: "Q8_K",
    16: "IQ2_XXS",
    17: "IQ2_XS",
    18: "IQ3_XXS",
    19: "IQ1_S",
    20: "IQ4_NL",
    21: "IQ3_S",
    22: "IQ2_S",
    23: "IQ4_XS",
    24: "I8",
    25: "I16",
    26: "I32",
    27: "I64",
    28: "F64",
    29: "IQ1_M",
    30: "BF16",
    31: "Q4_0_4_4",
    32: "Q4_0_4_8",
    33: "Q4_0_8_8",
    34: "TQ1_0",
    35: "TQ2_0",
    36: "IQ4_NL_4_4",
    37: "IQ4_NL_4_8",
    38: "IQ4_NL_8_8",
    39: "MXFP4",
    40: "NVFP4",
    41: "Q1_0",
}

# general.file_type (llama_ftype) -> name (gguf.constants.LlamaFileType without "MOSTLY_")
FILE_TYPES = {
    0: "F32",
    1: "F16",
    2: "Q4_0",
    3: "Q4_1",
    4: "Q4_1_SOME_F16",
    5: "Q4_2",
    6: "Q4_3",
    7: "Q8_0",
    8: "Q5_0",
    9: "Q5_1",
    10: "Q2_K",
    11: "Q3_K_S",
    12: "Q3_K_M",
    13: "Q3_K_L",
    14: "Q4_K_S",
    15: "Q4_K_M",
    16: "Q5_K_S",
    17: "Q5_K_M",
    18: "Q6_K",
    19: "IQ2_XXS",
    20: "IQ2_XS",
    21: "Q2_K_S",
    22: "IQ3_XS",
    23: "IQ3_XXS",
    24: "IQ1_S",
    25: "IQ4_NL",
    26: "IQ3_S",
    27: "IQ3_M",
    28: "IQ2_S",
    29: "IQ2_M",
    30: "IQ4_XS",
    31: "IQ1_M",
    32: "BF16",
    33: "Q4_0_4_4",
    34: "Q4_0_4_8",
    35: "Q4_0_8_8",
    36: "TQ1_0",
    37: "TQ2_0",
    38: "MXFP4_MOE",
    39: "NVFP4",
    40: "Q1_0",
    1024: "GUESSED",
}

# Plain ggml types -> the canonical dtype names used for the other formats.
_PLAIN = {
    "F32": "float32",
    "F16": "float16",
    "BF16": "bfloat16",
    "F64": "float64",
    "I8": "int8",
    "I16": "int16",
    "I32": "int32",
    "I64": "int64",
}

# GGUF metadata value types: id -> (struct code, size); 8 = string, 9 = array
_SCALARS = {
    0: ("B", 1),
    1: ("b", 1),
    2: ("H", 2),
    3: ("h", 2),
    4: ("I", 4),
    5: ("i", 4),
    6: ("f", 4),
    7: ("?", 1),
    10: ("Q", 8),
    11: ("q", 8),
    12: ("d", 8),
}
_STRING, _ARRAY = 8, 9


class _Header:
    """Cursor over the mapped file with bounds-checked reads."""

    def __init__(self, buf: Any, size: int, endian: str, wide: bool) -> None:
        self.buf = buf
        self.size = size
        self.off = 0
        self.e = endian
        self.count_fmt = struct.Struct(endian + ("Q" if wide else "I"))
        self.u32 = struct.Struct(endian + "I")
        self.budget = KEEP_BUDGET
        self.dropped = False

    def need(self, n: int, what: str) -> None:
        if n < 0 or self.off + n > self.size:
            raise WeightsError(
                TRUNCATED, f"GGUF file ends inside {what} (offset {self.off}, size {self.size})"
            )

    def count(self, what: str) -> int:
        self.need(self.count_fmt.size, what)
        (v,) = self.count_fmt.unpack_from(self.buf, self.off)
        self.off += self.count_fmt.size
        return int(v)

    def uint32(self, what: str) -> int:
        self.need(4, what)
        (v,) = self.u32.unpack_from(self.buf, self.off)
        self.off += 4
        return int(v)

    def string(self, what: str, keep: int = MAX_STRING) -> str:
        n = self.count(what)
        self.need(n, what)
        start = self.off
        self.off += n
        take = min(n, keep * 4, self.budget * 4)
        text = bytes(self.buf[start : start + take]).decode("utf-8", "replace")
        if len(text) > keep:
            text = text[:keep]
        if len(text) > self.budget:
            text = text[: self.budget]
            self.dropped = True
        self.budget -= len(text)
        return text

    def skip_string(self, what: str) -> None:
        n = self.count(what)
        self.need(n, what)
        self.off += n

    def value(self, vtype: int, what: str, depth: int = 0) -> Any:
        scalar = _SCALARS.get(vtype)
        if scalar is not None:
            code, width = scalar
            self.need(width, what)
            (v,) = struct.unpack_from(self.e + code, self.buf, self.off)
            self.off += width
            if isinstance(v, float) and not math.isfinite(v):
                return str(v)
            return v
        if vtype == _STRING:
            return self.string(what)
        if vtype == _ARRAY:
            return self.array(what, depth)
        raise WeightsError(CORRUPT, f"unknown GGUF value type {vtype} in {what}")

    def array(self, what: str, depth: int) -> Any:
        if depth >= MAX_NESTING:
            raise WeightsError(CORRUPT, f"GGUF arrays nested deeper than {MAX_NESTING} in {what}")
        etype = self.uint32(what)
        n = self.count(what)
        scalar = _SCALARS.get(etype)
        if scalar is not None:
            code, width = scalar
            self.need(n * width, what)
            if n <= SHORT_ARRAY:
                vals = list(struct.unpack_from(f"{self.e}{n}{code}", self.buf, self.off))
                self.off += n * width
                return [
                    str(v) if isinstance(v, float) and not math.isfinite(v) else v for v in vals
                ]
            self.off += n * width
            return n
        if etype == _STRING:
            if n > (self.size - self.off) // self.count_fmt.size:
                raise WeightsError(
                    TRUNCATED, f"GGUF file ends inside {what} ({n} strings declared)"
                )
            if n <= SHORT_ARRAY:
                return [self.string(what, SHORT_ARRAY_STRING) for _ in range(n)]
            unpack, width, buf, size, off = (
                self.count_fmt.unpack_from,
                self.count_fmt.size,
                self.buf,
                self.size,
                self.off,
            )
            try:
                for _ in range(n):
                    off += (
                        width + unpack(buf, off)[0]
                    )  # raises struct.error past the end of the buffer
                if off > size:
                    raise struct.error
            except struct.error:
                self.off = min(off, size)
                raise WeightsError(TRUNCATED, f"GGUF file ends inside {what}") from None
            self.off = off
            return n
        if etype == _ARRAY:
            if n > (self.size - self.off) // 12:
                raise WeightsError(TRUNCATED, f"GGUF file ends inside {what} ({n} arrays declared)")
            items = [self.array(what, depth + 1) for _ in range(n)]
            return items if n <= SHORT_ARRAY else n
        raise WeightsError(CORRUPT, f"unknown GGUF array element type {etype} in {what}")


def _open_buffer(fh: BinaryIO, size: int) -> Any:
    """Map the file read-only (pages are read lazily, only where the header is walked)."""
    try:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        fh.seek(0)
        return fh.read(min(size, 256 * 1024 * 1024))


def read_gguf(fh: BinaryIO, rel: str) -> tuple[WeightFile, list[Diagnostic]]:
    """Read a GGUF header into a :class:`WeightFile` (metadata keys as GGUF names them)."""
    size = file_size(fh)
    if size < 24:
        raise WeightsError(TRUNCATED, f"GGUF file is {size} bytes, shorter than its header")
    head = fh.read(8)
    if head[:4] != MAGIC:
        raise WeightsError(BAD_MAGIC, "not a GGUF file: magic is not 'GGUF'")
    (version,) = struct.unpack("<I", head[4:8])
    endian = "<"
    if version not in (1, 2, 3):
        (swapped,) = struct.unpack(">I", head[4:8])
        if swapped in (1, 2, 3):
            version, endian = swapped, ">"
        else:
            raise WeightsError(CORRUPT, f"unsupported GGUF version {version}")
    buf = _open_buffer(fh, size)
    try:
        return _parse(buf, min(size, len(buf)), size, version, endian, rel)
    finally:
        if isinstance(buf, mmap.mmap):
            buf.close()


def _parse(
    buf: Any, avail: int, size: int, version: int, endian: str, rel: str
) -> tuple[WeightFile, list[Diagnostic]]:
    h = _Header(buf, avail, endian, wide=version >= 2)
    h.off = 8
    n_tensors = h.count("tensor count")
    n_kv = h.count("metadata count")
    if n_kv > MAX_KV:
        raise WeightsError(
            HEADER_TOO_LARGE, f"GGUF declares {n_kv} metadata entries (limit {MAX_KV})"
        )
    if n_tensors > MAX_TENSORS:
        raise WeightsError(
            HEADER_TOO_LARGE, f"GGUF declares {n_tensors} tensors (limit {MAX_TENSORS})"
        )
    diags: list[Diagnostic] = []
    meta: dict[str, Any] = {}
    for i in range(n_kv):
        key_len_off = h.off
        n = h.count(f"metadata key #{i}")
        h.need(n, f"metadata key #{i}")
        if n > MAX_KEY:
            raise WeightsError(CORRUPT, f"GGUF metadata key #{i} is {n} bytes long")
        h.off = key_len_off
        key = h.string(f"metadata key #{i}", MAX_KEY)
        vtype = h.uint32(f"type of {key[:80]!r}")
        meta[key] = h.value(vtype, f"value of {key[:80]!r}")
    alignment = meta.get("general.alignment", 32)
    if (
        not isinstance(alignment, int)
        or isinstance(alignment, bool)
        or alignment <= 0
        or alignment & (alignment - 1)
    ):
        diags.append(
            Diagnostic(
                path=rel, message=f"GGUF general.alignment {alignment!r} is invalid", code=CORRUPT
            )
        )
        alignment = 32
    params = 0
    counts: Counter[str] = Counter()
    max_offset = 0
    for i in range(n_tensors):
        h.skip_string(f"name of tensor #{i}")
        n_dims = h.uint32(f"tensor #{i}")
        if n_dims > MAX_DIMS:
            raise WeightsError(CORRUPT, f"GGUF tensor #{i} has {n_dims} dimensions")
        h.need(8 * n_dims + 12, f"tensor #{i}")
        dims = struct.unpack_from(f"{endian}{n_dims}Q", buf, h.off)
        h.off += 8 * n_dims
        ttype = h.uint32(f"tensor #{i}")
        (offset,) = struct.unpack_from(endian + "Q", buf, h.off)
        h.off += 8
        params += math.prod(dims)
        counts[GGML_TYPES.get(ttype, f"type{ttype}")] += 1
        max_offset = max(max_offset, offset)
    data_start = -(-h.off // alignment) * alignment
    if n_tensors and (data_start > size or max_offset > size - data_start):
        diags.append(
            Diagnostic(
                path=rel,
                message=f"GGUF tensor data is truncated: a tensor starts at byte {data_start + max_offset}, file has {size}",
                code=TRUNCATED,
            )
        )
    if h.dropped:
        diags.append(
            Diagnostic(
                path=rel,
                message="GGUF string metadata over 16 MiB; the rest was cut",
                code=INCOMPLETE,
                level="info",
            )
        )
    ftype = meta.get("general.file_type")
    quant: str | None = None
    if isinstance(ftype, int) and not isinstance(ftype, bool):
        quant = FILE_TYPES.get(ftype, f"type{ftype}")
    elif counts:
        quant = counts.most_common(1)[0][0]  # no file type recorded: the most common tensor type
    metadata: dict[str, Any] = dict(sorted(meta.items()))
    metadata["gguf.version"] = version
    metadata["gguf.tensor_count"] = n_tensors
    if endian == ">":
        metadata["gguf.endian"] = "big"
    return (
        WeightFile(
            path=rel,
            format="gguf",
            size=size,
            parameters=params,
            dtypes=sorted({_PLAIN.get(t, t) for t in counts}),
            quantization=quant,
            metadata=metadata,
        ),
        diags,
    )
