"""NumPy ``.npy`` and ``.npz``: parse the array header; object arrays are pickles, so walk them.

``.npy`` = magic ``\\x93NUMPY``, version (1.0, 2.0, 3.0), header length (uint16 for
1.0, uint32 otherwise), then a Python dict literal (``descr``, ``fortran_order``,
``shape``) parsed with :func:`ast.literal_eval` (literals only, nothing runs). An
object dtype means the data is a pickle, which is walked. ``.npz`` is a zip of ``.npy``.
"""

from __future__ import annotations

import ast
import math
import re
import struct
import zipfile
from typing import IO, Any, BinaryIO

from aibom.inventory import Diagnostic, WeightFile
from aibom.weights.common import (
    BAD_MAGIC,
    CORRUPT,
    HEADER_TOO_LARGE,
    INCOMPLETE,
    TRUNCATED,
    WeightsError,
    file_size,
)
from aibom.weights.pickle_opcodes import PickleScan, apply_scan, scan_pickle
from aibom.weights.zips import ZIP_ERRORS, open_member, open_zip

MAGIC = b"\x93NUMPY"
MAX_HEADER = 1024 * 1024
MAX_ARRAYS = 10_000
MAX_LISTED = 1000
MAX_NPY_PICKLE = 1024 * 1024 * 1024

_KIND = {"f": "float", "i": "int", "u": "uint", "c": "complex"}


def dtype_name(descr: Any) -> str:
    """A canonical dtype name for a numpy ``descr`` ('<f4' -> 'float32'; structured -> 'structured')."""
    if not isinstance(descr, str):
        return "structured"
    code = descr.lstrip("<>|=")
    if code in ("b1", "?"):
        return "bool"
    if code.startswith("O"):
        return "object"
    kind, width = code[:1], code[1:]
    if kind in _KIND and width.isdigit():
        return f"{_KIND[kind]}{int(width) * 8}"
    if kind == "U":
        return "str"
    if kind == "S":
        return "bytes"
    if kind == "V":
        return "void"
    return code[:32] or "unknown"


def _has_object(descr: Any, depth: int = 0) -> bool:
    if depth > 32:
        return True
    if isinstance(descr, str):
        return descr.lstrip("<>|=").startswith("O")
    if isinstance(descr, list | tuple):
        return any(_has_object(d, depth + 1) for d in descr)
    return False


def read_npy_header(fh: IO[bytes]) -> dict[str, Any]:
    """Parse the header of a ``.npy`` stream positioned at its start; leaves it at the data."""
    head = fh.read(10)
    if len(head) < 8 or head[:6] != MAGIC:
        raise WeightsError(BAD_MAGIC, "not a .npy array: magic is not \\x93NUMPY")
    major = head[6]
    if major == 1:
        if len(head) < 10:
            raise WeightsError(TRUNCATED, "file ends inside the .npy header")
        (hlen,) = struct.unpack("<H", head[8:10])
    elif major in (2, 3):
        more = fh.read(2)
        if len(head) + len(more) < 12:
            raise WeightsError(TRUNCATED, "file ends inside the .npy header")
        (hlen,) = struct.unpack("<I", head[8:10] + more)
    else:
        raise WeightsError(CORRUPT, f"unsupported .npy format version {major}.{head[7]}")
    if hlen > MAX_HEADER:
        raise WeightsError(HEADER_TOO_LARGE, f".npy header length {hlen} exceeds {MAX_HEADER}")
    raw = fh.read(hlen)
    if len(raw) < hlen:
        raise WeightsError(
            TRUNCATED, f"file ends inside the .npy header ({len(raw)} of {hlen} bytes)"
        )
    try:
        text = raw.decode("utf-8" if major == 3 else "latin-1")
        header = ast.literal_eval(text.strip())
    except (
        ValueError,
        SyntaxError,
        UnicodeDecodeError,
        MemoryError,
        RecursionError,
        TypeError,
    ) as exc:
        raise WeightsError(
            CORRUPT, f".npy header is not a Python literal: {str(exc)[:120]}"
        ) from None
    if not isinstance(header, dict) or not {"descr", "fortran_order", "shape"} <= set(header):
        raise WeightsError(CORRUPT, ".npy header lacks descr/fortran_order/shape")
    shape = header["shape"]
    if (
        not isinstance(shape, tuple)
        or len(shape) > 64
        or not all(
            isinstance(d, int) and not isinstance(d, bool) and 0 <= d < 1 << 63 for d in shape
        )
    ):
        raise WeightsError(CORRUPT, ".npy header has an invalid shape")
    return {
        "descr": header["descr"],
        "shape": list(shape),
        "fortran_order": bool(header["fortran_order"]),
    }


def read_npy(fh: BinaryIO, rel: str) -> tuple[WeightFile, list[Diagnostic]]:
    """Read a ``.npy`` header; walk the pickle of an object array."""
    size = file_size(fh)
    header = read_npy_header(fh)
    dtype = dtype_name(header["descr"])
    wf = WeightFile(
        path=rel,
        format="numpy",
        size=size,
        parameters=math.prod(header["shape"]),
        dtypes=[dtype],
        metadata={
            "shape": header["shape"],
            "fortran_order": header["fortran_order"],
            "descr": str(header["descr"])[:1024],
        },
    )
    diags: list[Diagnostic] = []
    if _has_object(header["descr"]):
        wf.metadata["needs_pickle"] = True
        diags += apply_scan(
            wf, scan_pickle(fh, max_bytes=MAX_NPY_PICKLE), rel, "object array pickle"
        )
    return wf, diags


def read_npz(
    fh: BinaryIO, rel: str, opened: zipfile.ZipFile | None = None
) -> tuple[WeightFile, list[Diagnostic]]:
    """Read every ``.npy`` header in a ``.npz`` archive (object arrays' pickles are walked)."""
    size = file_size(fh)
    diags: list[Diagnostic] = []
    wf = WeightFile(path=rel, format="numpy", size=size)
    arrays: dict[str, Any] = {}
    params = 0
    dtypes: set[str] = set()
    total = PickleScan()
    with opened or open_zip(fh) as zf:
        infos = [i for i in zf.infolist() if i.filename.endswith(".npy")]
        if len(infos) > MAX_ARRAYS:
            diags.append(
                Diagnostic(
                    path=rel,
                    message=f"only the first {MAX_ARRAYS} arrays were read",
                    code=INCOMPLETE,
                )
            )
        for info in infos[:MAX_ARRAYS]:
            try:
                with open_member(zf, info, 1 << 62, ratio=False) as member:
                    header = read_npy_header(member)
                    if _has_object(header["descr"]):
                        scan = scan_pickle(member, max_bytes=MAX_NPY_PICKLE)
                        if scan.problem is not None:
                            scan.problem.message = f"{info.filename[:200]}: {scan.problem.message}"
                        diags += apply_scan(wf, scan, rel, "object array pickle")
                        total.merge(scan)
            except ZIP_ERRORS as exc:
                diags.append(
                    Diagnostic(
                        path=rel,
                        message=f"{info.filename[:200]}: damaged zip member: {exc}",
                        code=CORRUPT,
                    )
                )
                continue
            except WeightsError as exc:
                diags.append(
                    Diagnostic(
                        path=rel,
                        message=f"{info.filename[:200]}: {exc.message}",
                        code=exc.code,
                        level=exc.level,
                    )
                )
                continue
            dtype = dtype_name(header["descr"])
            dtypes.add(dtype)
            params += math.prod(header["shape"])
            if len(arrays) < MAX_LISTED:
                arrays[info.filename[:-4]] = {"dtype": dtype, "shape": header["shape"]}
    wf.parameters = params
    wf.dtypes = sorted(dtypes)
    wf.metadata["arrays"] = dict(sorted(arrays.items()))
    wf.metadata["array_count"] = len(infos)
    if total.imports or total.pickles:
        wf.metadata["needs_pickle"] = True
    return wf, diags


# array names that name a layer's parameters (``dense.weight``, ``W``, ``b``, ``conv1_kernel``)
_PARAM_NAME = re.compile(
    r"(?i)[./]|^[wb]\d*$|(?:^|_)(?:weights?|bias|kernel|embed\w*|layers?\d*|conv\w*|linear|"
    r"norm|params?|gamma|beta|fc\d*|attn|mlp|ln\d*)(?:_|\d|$)"
)
# at most this many arrays, none named as parameters: a data archive, not a model's weights
_DATA_ARCHIVE_MAX = 4


def is_data_array(wf: WeightFile) -> bool:
    """True for one plain ``.npy`` array (no object pickle): data such as a speaker embedding or
    a filter bank, not a model (a model's weights are many arrays: ``.npz``, safetensors); also
    for a ``.npz`` of a few plain arrays none of which is named as a layer's parameters
    (``mel_filters.npz``: ``mel_80``, ``mel_128``)."""
    if wf.format != "numpy" or wf.metadata.get("needs_pickle"):
        return False
    path = wf.path.lower()
    if path.endswith(".npy"):
        return "shape" in wf.metadata
    arrays = wf.metadata.get("arrays")
    return (
        path.endswith(".npz")
        and isinstance(arrays, dict)
        and 0 < wf.metadata.get("array_count", 0) <= _DATA_ARCHIVE_MAX
        and len(arrays) == wf.metadata.get("array_count")
        and not any(_PARAM_NAME.search(str(name)) for name in arrays)
    )
