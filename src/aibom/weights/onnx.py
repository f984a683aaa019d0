"""ONNX: read the top-level fields of a ``ModelProto`` straight from the protobuf wire format.

Read: ``ir_version`` (1), ``producer_name`` (2), ``producer_version`` (3),
``domain`` (4), ``model_version`` (5), ``doc_string`` (6), ``opset_import`` (8)
and ``metadata_props`` (14). Inside ``graph`` (7) only the graph name, the node
count and each initializer's name/dims/data type are read (``raw_data`` and
other payloads are skipped with a seek), which yields a parameter count and the
dtypes without loading the graph. The ``onnx`` package is not needed.
"""

from __future__ import annotations

import math
from typing import Any, BinaryIO

from aibom.inventory import Diagnostic, WeightFile
from aibom.weights.common import (
    BAD_MAGIC,
    CORRUPT,
    INCOMPLETE,
    MAX_STRING,
    TRUNCATED,
    WeightsError,
    file_size,
)

# TensorProto.DataType -> canonical dtype name
DATA_TYPES = {
    1: "float32",
    2: "uint8",
    3: "int8",
    4: "uint16",
    5: "int16",
    6: "int32",
    7: "int64",
    8: "string",
    9: "bool",
    10: "float16",
    11: "float64",
    12: "uint32",
    13: "uint64",
    14: "complex64",
    15: "complex128",
    16: "bfloat16",
    17: "float8_e4m3fn",
    18: "float8_e4m3fnuz",
    19: "float8_e5m2",
    20: "float8_e5m2fnuz",
    21: "uint4",
    22: "int4",
    23: "float4_e2m1",
}

MAX_FIELDS = 5_000_000  # protobuf fields visited per file
MAX_OPSETS = 1000
MAX_PROPS = 1000
MAX_DIMS = 64

_VARINT, _I64, _LEN, _I32 = 0, 1, 2, 5


class _Wire:
    """Bounded protobuf wire reader over a seekable file, through a 1 MiB read window."""

    WINDOW = 1024 * 1024

    def __init__(self, fh: BinaryIO, size: int) -> None:
        self.fh = fh
        self.size = size
        self.fields = 0
        self.p = 0  # absolute position
        self.base = 0  # file offset of buf[0]
        self.buf = b""

    def pos(self) -> int:
        return self.p

    def seek(self, pos: int) -> None:
        self.p = pos

    def _window(self, n: int) -> int:
        """Make ``n`` bytes from ``p`` available (as far as the file goes); return their offset in buf."""
        off = self.p - self.base
        if off < 0 or off + n > len(self.buf):
            self.fh.seek(self.p)
            self.buf = self.fh.read(max(n, self.WINDOW))
            self.base = self.p
            off = 0
        return off

    def varint(self, end: int) -> int:
        off = self.p - self.base
        if 0 <= off < len(self.buf) and self.p < end:  # fast path: one-byte varint in the window
            b = self.buf[off]
            if b < 0x80:
                self.p += 1
                return b
        limit = min(end, self.size) - self.p
        if limit <= 0:
            raise WeightsError(TRUNCATED, "ONNX protobuf ends inside a varint")
        off = self._window(min(limit, 10))
        buf = self.buf
        result = 0
        shift = 0
        for i in range(min(limit, 10, len(buf) - off)):
            b = buf[off + i]
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                self.p += i + 1
                return result
            shift += 7
        if limit < 10:
            raise WeightsError(TRUNCATED, "ONNX protobuf ends inside a varint")
        raise WeightsError(CORRUPT, "ONNX protobuf varint longer than 10 bytes")

    def tag(self, end: int) -> tuple[int, int]:
        self.fields += 1
        if self.fields > MAX_FIELDS:
            raise WeightsError(INCOMPLETE, f"more than {MAX_FIELDS} protobuf fields; scan stopped")
        key = self.varint(end)
        field, wire = key >> 3, key & 7
        if field == 0 or wire not in (_VARINT, _I64, _LEN, _I32):
            raise WeightsError(CORRUPT, f"invalid protobuf tag {key} at byte {self.p}")
        return field, wire

    def length(self, end: int) -> int:
        n = self.varint(end)
        if self.p + n > end:
            raise WeightsError(TRUNCATED, f"ONNX field of {n} bytes runs past its end")
        return n

    def end_of(self, end: int) -> int:
        """Read a length prefix; return the end offset of the field it introduces."""
        n = self.length(end)
        return self.p + n

    def skip(self, wire: int, end: int) -> None:
        if wire == _VARINT:
            self.varint(end)
            return
        n = {_I64: 8, _I32: 4}.get(wire)
        if n is None:
            n = self.length(end)
        if self.p + n > end:
            raise WeightsError(TRUNCATED, "ONNX field runs past its end")
        self.p += n

    def string(self, end: int, keep: int = MAX_STRING) -> str:
        n = self.length(end)
        take = min(n, keep * 4)
        off = self._window(take)
        data = self.buf[off : off + take]
        if len(data) < take:
            raise WeightsError(TRUNCATED, "ONNX file ends inside a string")
        self.p += n
        return data.decode("utf-8", "replace")[:keep]


def _expect(wire: int, want: int, what: str) -> None:
    if wire != want:
        raise WeightsError(CORRUPT, f"ONNX field {what} has wire type {wire}, expected {want}")


def _signed64(v: int) -> int:
    return v - (1 << 64) if v >= 1 << 63 else v


def _pairs(w: _Wire, end: int, a: int, b: int) -> tuple[Any, Any]:
    """Read a small message with a string/int field ``a`` and field ``b`` (opset, metadata prop)."""
    first: Any = None
    second: Any = None
    while w.pos() < end:
        field, wire = w.tag(end)
        if field == a and wire == _LEN:
            first = w.string(end, 1024)
        elif field == b and wire == _LEN:
            second = w.string(end, 8192)
        elif field == b and wire == _VARINT:
            second = _signed64(w.varint(end))
        else:
            w.skip(wire, end)
    return first, second


def _tensor(w: _Wire, end: int) -> tuple[list[int], int | None, bool]:
    """(dims, data_type, external) of a TensorProto, skipping its payload."""
    dims: list[int] = []
    dtype: int | None = None
    external = False
    while w.pos() < end:
        field, wire = w.tag(end)
        if field == 1 and wire == _VARINT:
            dims.append(_signed64(w.varint(end)))
        elif field == 1 and wire == _LEN:
            sub_end = w.end_of(end)
            while w.pos() < sub_end:
                dims.append(_signed64(w.varint(sub_end)))
                if len(dims) > MAX_DIMS:
                    raise WeightsError(CORRUPT, "ONNX initializer with more than 64 dimensions")
        elif field == 2 and wire == _VARINT:
            dtype = w.varint(end)
        elif field == 14 and wire == _VARINT:
            external = w.varint(end) == 1
        else:
            w.skip(wire, end)
        if len(dims) > MAX_DIMS:
            raise WeightsError(CORRUPT, "ONNX initializer with more than 64 dimensions")
    return dims, dtype, external


def _graph(w: _Wire, end: int, info: dict[str, Any]) -> None:
    nodes = inits = external = 0
    params = 0
    dtypes: set[str] = set()
    while w.pos() < end:
        field, wire = w.tag(end)
        if field == 2 and wire == _LEN:
            info["graph_name"] = w.string(end, 1024)
        elif field == 1 and wire == _LEN:
            nodes += 1
            w.skip(wire, end)
        elif field == 5 and wire == _LEN:
            sub_end = w.end_of(end)
            dims, dtype, ext = _tensor(w, sub_end)
            w.seek(sub_end)
            inits += 1
            external += ext
            if all(d >= 0 for d in dims):
                params += math.prod(dims)
            if dtype is not None:
                dtypes.add(DATA_TYPES.get(dtype, f"type{dtype}"))
        else:
            w.skip(wire, end)
    info["node_count"] = nodes
    info["initializer_count"] = inits
    if external:
        info["external_data_tensors"] = external
    info["_params"] = params
    info["_dtypes"] = dtypes


def read_onnx(fh: BinaryIO, rel: str) -> tuple[WeightFile, list[Diagnostic]]:
    """Read ONNX model metadata into a :class:`WeightFile` without loading the graph."""
    size = file_size(fh)
    if size == 0:
        raise WeightsError(TRUNCATED, "ONNX file is empty")
    first = fh.read(1)
    # A ModelProto starts with a field tag: field 1-25, wire type 0 or 2 (usually 0x08, ir_version).
    if not first or first[0] & 7 not in (_VARINT, _LEN) or not 1 <= first[0] >> 3 <= 15:
        raise WeightsError(
            BAD_MAGIC, "not an ONNX model: does not start with a protobuf ModelProto field"
        )
    w = _Wire(fh, size)
    info: dict[str, Any] = {}
    opsets: dict[str, int] = {}
    props: dict[str, str] = {}
    seen_graph = False
    while w.pos() < size:
        field, wire = w.tag(size)
        if field == 1:
            _expect(wire, _VARINT, "ir_version")
            info["ir_version"] = w.varint(size)
        elif field in (2, 3, 4, 6):
            _expect(wire, _LEN, str(field))
            name = {2: "producer_name", 3: "producer_version", 4: "domain", 6: "doc_string"}[field]
            info[name] = w.string(size, 4096 if field == 6 else 1024)
        elif field == 5:
            _expect(wire, _VARINT, "model_version")
            info["model_version"] = _signed64(w.varint(size))
        elif field == 7:
            _expect(wire, _LEN, "graph")
            end = w.end_of(size)
            _graph(w, end, info)
            w.seek(end)
            seen_graph = True
        elif field == 8:
            _expect(wire, _LEN, "opset_import")
            end = w.end_of(size)
            domain, version = _pairs(w, end, 1, 2)
            if len(opsets) < MAX_OPSETS and isinstance(version, int):
                opsets[domain or "ai.onnx"] = version
        elif field == 14:
            _expect(wire, _LEN, "metadata_props")
            end = w.end_of(size)
            key, value = _pairs(w, end, 1, 2)
            if key is not None and len(props) < MAX_PROPS:
                props[key] = value if isinstance(value, str) else ""
        else:
            w.skip(wire, size)
    if "ir_version" not in info and not seen_graph:
        raise WeightsError(BAD_MAGIC, "not an ONNX model: no ir_version and no graph")
    params = info.pop("_params", None)
    dtypes = info.pop("_dtypes", set())
    metadata: dict[str, Any] = dict(sorted(info.items()))
    metadata["opset_import"] = dict(sorted(opsets.items()))
    metadata["metadata_props"] = dict(sorted(props.items()))
    return (
        WeightFile(
            path=rel,
            format="onnx",
            size=size,
            parameters=params,
            dtypes=sorted(dtypes),
            metadata=metadata,
        ),
        [],
    )
