"""Safetensors: an 8-byte little-endian header length, then a JSON header, then raw data.

Only the header is read. Sharded checkpoints come with ``*.safetensors.index.json``
(``{"metadata": {...}, "weight_map": {tensor: shard}}``) which
:func:`read_safetensors_index` summarises.
"""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path
from typing import Any, BinaryIO

from aibom.inventory import Diagnostic, WeightFile
from aibom.weights.common import (
    BAD_MAGIC,
    CORRUPT,
    HEADER_TOO_LARGE,
    MAX_DETECT_HEADER,
    MAX_INDEX_JSON,
    MAX_JSON_HEADER,
    TRUNCATED,
    UNREADABLE,
    WeightsError,
    cap_string,
    file_size,
    human,
    read_exact,
)

# Safetensors dtype codes -> canonical lower-case names used across formats.
DTYPES = {
    "F64": "float64",
    "F32": "float32",
    "F16": "float16",
    "BF16": "bfloat16",
    "F8_E4M3": "float8_e4m3",
    "F8_E5M2": "float8_e5m2",
    "F8_E8M0": "float8_e8m0",
    "F6_E2M3": "float6_e2m3",
    "F6_E3M2": "float6_e3m2",
    "F4": "float4",
    "I64": "int64",
    "I32": "int32",
    "I16": "int16",
    "I8": "int8",
    "U64": "uint64",
    "U32": "uint32",
    "U16": "uint16",
    "U8": "uint8",
    "BOOL": "bool",
    "C64": "complex64",
}

MAX_METADATA_ENTRIES = 1000
MAX_META_VALUE = 16 * 1024  # characters kept per __metadata__ value
MAX_DIMS = 64


def looks_like_safetensors(head: bytes) -> bool:
    """True when the first bytes are a plausible safetensors prefix (length + '{')."""
    if len(head) < 9:
        return False
    (n,) = struct.unpack("<Q", head[:8])
    return 2 <= n <= MAX_DETECT_HEADER and head[8:9] == b"{"


def _quantization(names: list[str], dtypes: set[str]) -> str | None:
    """Name the quantization scheme visible in tensor names/dtypes, if any."""
    suffixes = {n.rsplit(".", 1)[-1] for n in names}
    if {"qweight", "qzeros", "scales"} <= suffixes:
        return "gptq" if "g_idx" in suffixes else "awq"
    if any("quant_state.bitsandbytes__nf4" in n for n in names):
        return "bnb-nf4"
    if any("quant_state.bitsandbytes__fp4" in n for n in names):
        return "bnb-fp4"
    if "SCB" in suffixes and "int8" in dtypes:
        return "bnb-int8"
    if any(d.startswith("float8") for d in dtypes):
        return "fp8"
    if "float4" in dtypes:
        return "fp4"
    return None


def parse_header(fh: BinaryIO, size: int) -> tuple[dict[str, Any], int]:
    """Read and validate the header; return (header dict, header length)."""
    if size < 8:
        raise WeightsError(
            TRUNCATED, f"safetensors file is {size} bytes, shorter than its 8-byte length prefix"
        )
    (n,) = struct.unpack("<Q", read_exact(fh, 8, "safetensors length prefix"))
    if n > MAX_JSON_HEADER:
        raise WeightsError(
            HEADER_TOO_LARGE,
            f"safetensors header length {n} exceeds the {human(MAX_JSON_HEADER)} limit",
        )
    if n > size - 8:
        raise WeightsError(
            TRUNCATED, f"safetensors header length {n} is larger than the file ({size} bytes)"
        )
    raw = read_exact(fh, n, "safetensors header")
    if not raw.lstrip(b" ").startswith(b"{"):
        raise WeightsError(BAD_MAGIC, "not a safetensors file: header is not a JSON object")
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise WeightsError(
            CORRUPT, f"safetensors header is not valid JSON: {str(exc)[:200]}"
        ) from None
    if not isinstance(header, dict):
        raise WeightsError(CORRUPT, "safetensors header is not a JSON object")
    return header, n


def read_safetensors(fh: BinaryIO, rel: str) -> tuple[WeightFile, list[Diagnostic]]:
    """Read a safetensors header into a :class:`WeightFile`."""
    size = file_size(fh)
    header, n = parse_header(fh, size)
    data_len = size - 8 - n
    meta_raw = header.pop("__metadata__", None)
    params = 0
    dtypes: set[str] = set()
    names: list[str] = []
    max_end = 0
    for name, info in header.items():
        if not isinstance(info, dict):
            raise WeightsError(CORRUPT, f"safetensors entry {name[:80]!r} is not an object")
        dtype, shape, offsets = info.get("dtype"), info.get("shape"), info.get("data_offsets")
        if (
            not isinstance(dtype, str)
            or not isinstance(shape, list)
            or len(shape) > MAX_DIMS
            or not all(
                isinstance(d, int) and not isinstance(d, bool) and 0 <= d < 1 << 63 for d in shape
            )
            or not isinstance(offsets, list)
            or len(offsets) != 2
            or not all(isinstance(o, int) and not isinstance(o, bool) for o in offsets)
        ):
            raise WeightsError(
                CORRUPT, f"safetensors entry {name[:80]!r} lacks a valid dtype/shape/data_offsets"
            )
        begin, end = offsets
        if not 0 <= begin <= end:
            raise WeightsError(CORRUPT, f"safetensors entry {name[:80]!r} has invalid data_offsets")
        max_end = max(max_end, end)
        params += math.prod(shape)
        dtypes.add(DTYPES.get(dtype, dtype.lower()[:32]))
        names.append(name)
    diags: list[Diagnostic] = []
    if max_end > data_len:
        diags.append(
            Diagnostic(
                path=rel,
                message=f"safetensors data is truncated: tensors need {max_end} bytes, file has {data_len}",
                code=TRUNCATED,
            )
        )
    metadata: dict[str, Any] = {"tensor_count": len(names), "header_bytes": n}
    if isinstance(meta_raw, dict):
        metadata["__metadata__"] = {
            str(k)[:256]: cap_string(
                v if isinstance(v, str) else json.dumps(v)[:MAX_META_VALUE], MAX_META_VALUE
            )
            for k, v in sorted(meta_raw.items())[:MAX_METADATA_ENTRIES]
        }
    elif meta_raw is not None:
        diags.append(
            Diagnostic(
                path=rel, message="safetensors __metadata__ is not an object; ignored", code=CORRUPT
            )
        )
    return (
        WeightFile(
            path=rel,
            format="safetensors",
            size=size,
            parameters=params,
            dtypes=sorted(dtypes),
            quantization=_quantization(names, dtypes),
            metadata=metadata,
        ),
        diags,
    )


def read_safetensors_index(path: Path, rel: str) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Summarise a sharded-checkpoint index (``*.safetensors.index.json`` or ``*.bin.index.json``).

    Returns ``{"total_size", "tensor_count", "shards", "metadata"}`` (shards sorted,
    metadata holding the index's other string/number metadata), or None with a
    diagnostic when the file is unreadable or not an index.
    """
    try:
        with path.open("rb") as fh:
            size = file_size(fh)
            if size > MAX_INDEX_JSON:
                return None, [
                    Diagnostic(
                        path=rel,
                        message=f"index file is {human(size)}, over the {human(MAX_INDEX_JSON)} limit; skipped",
                        code=HEADER_TOO_LARGE,
                    )
                ]
            raw = fh.read(MAX_INDEX_JSON + 1)
    except OSError as exc:
        return None, [
            Diagnostic(
                path=rel, message=f"cannot read index file: {exc.strerror or exc}", code=UNREADABLE
            )
        ]
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return None, [
            Diagnostic(
                path=rel, message=f"index file is not valid JSON: {str(exc)[:200]}", code=CORRUPT
            )
        ]
    weight_map = doc.get("weight_map") if isinstance(doc, dict) else None
    if not isinstance(weight_map, dict):
        return None, [
            Diagnostic(path=rel, message="index file has no weight_map object", code=CORRUPT)
        ]
    shards = sorted({v for v in weight_map.values() if isinstance(v, str)})
    meta = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
    total = meta.get("total_size")
    extra = {
        str(k)[:256]: (cap_string(v) if isinstance(v, str) else v)
        for k, v in sorted(meta.items())
        if k != "total_size" and isinstance(v, str | int | float | bool)
    }
    result: dict[str, Any] = {
        "total_size": total if isinstance(total, int) and not isinstance(total, bool) else None,
        "tensor_count": len(weight_map),
        "shards": shards,
        "metadata": extra,
    }
    if "total_parameters" in meta and isinstance(meta["total_parameters"], int):
        result["total_parameters"] = meta["total_parameters"]
    return result, []
