"""Recognise a weight file by name and content, and dispatch it to its header reader."""

from __future__ import annotations

import lzma
import os
import stat
import struct
from pathlib import Path
from typing import BinaryIO

from aibom.inventory import Diagnostic, WeightFile
from aibom.weights.common import BAD_MAGIC, CORRUPT, TRUNCATED, UNREADABLE, WeightsError, file_size
from aibom.weights.gguf_reader import MAGIC as GGUF_MAGIC
from aibom.weights.gguf_reader import read_gguf
from aibom.weights.keras import HDF5_MAGIC, read_h5, read_keras_zip
from aibom.weights.numpy_files import MAGIC as NPY_MAGIC
from aibom.weights.numpy_files import read_npy, read_npz
from aibom.weights.onnx import read_onnx
from aibom.weights.pickle_files import read_pickle_file
from aibom.weights.pickle_opcodes import scan_pickle
from aibom.weights.pytorch import LEGACY_PICKLES, is_legacy, read_pytorch_legacy, read_pytorch_zip
from aibom.weights.safetensors import looks_like_safetensors, read_safetensors
from aibom.weights.zips import EMPTY_ZIP_MAGIC, ZIP_ERRORS, ZIP_MAGIC, open_zip

WEIGHT_SUFFIXES: frozenset[str] = frozenset(
    {
        ".safetensors",
        ".gguf",
        ".ggml",
        ".onnx",
        ".bin",
        ".pt",
        ".pth",
        ".ckpt",
        ".keras",
        ".h5",
        ".hdf5",
        ".npy",
        ".npz",
        ".pkl",
        ".pickle",
        ".joblib",
        ".dill",
    }
)
_MALFORMED: tuple[type[BaseException], ...] = (*ZIP_ERRORS, lzma.LZMAError)
_TORCH_SUFFIXES = frozenset({".bin", ".pt", ".pth", ".ckpt"})
_PICKLE_SUFFIXES = frozenset({".pkl", ".pickle", ".joblib", ".dill"})

# Legacy (pre-GGUF) llama.cpp files: uint32 magic, little-endian on disk.
_GGML_MAGICS = {b"lmgg": "ggml", b"fmgg": "ggmf", b"tjgg": "ggjt", b"algg": "ggla"}


# Tesseract OCR models (an LSTM recogniser and its language data), shipped plain or gzipped
# for tesseract.js: the format is Tesseract's own, recorded by name and size.
_TESSERACT_SUFFIXES = (".traineddata", ".traineddata.gz")


def _suffix(name: str) -> str:
    low = name.lower()
    for compound in _TESSERACT_SUFFIXES:
        if low.endswith(compound) and len(low) > len(compound):
            return compound
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def is_weight_file(name: str) -> bool:
    """True when a file name has a weight-file suffix (see :data:`WEIGHT_SUFFIXES`).

    Every ``.bin`` counts by name: ``pytorch_model.bin``, ``adapter_model.bin``,
    ``training_args.bin`` and legacy ggml ``*.bin`` are all weights or pickles.
    The content decides: :func:`read_weight_file` returns ``(None, [])`` for a
    ``.bin`` that is none of the known formats, so other binaries cost one small read.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    suffix = _suffix(base)
    return suffix in WEIGHT_SUFFIXES or suffix in _TESSERACT_SUFFIXES


def _is_pickle_start(head: bytes) -> bool:
    return len(head) >= 2 and head[0] == 0x80 and 2 <= head[1] <= 5


def _zip_kind(names: list[str]) -> str:
    """'pytorch', 'keras', 'npz' or 'zip' from a zip archive's member names."""
    if "config.json" in names and ("model.weights.h5" in names or "metadata.json" in names):
        return "keras"
    if any(
        n == "data.pkl" or n.endswith("/data.pkl") or n.endswith("/constants.pkl") for n in names
    ):
        return "pytorch"
    if names and all(n.endswith(".npy") for n in names):
        return "npz"
    return "zip"


def _read_ggml(fh: BinaryIO, rel: str, head: bytes) -> tuple[WeightFile, list[Diagnostic]]:
    size = file_size(fh)
    kind = _GGML_MAGICS[head[:4]]
    meta: dict[str, object] = {"ggml_magic": kind}
    if kind != "ggml" and len(head) >= 8:
        meta["ggml_version"] = struct.unpack("<I", head[4:8])[0]
    return WeightFile(path=rel, format="ggml", size=size, metadata=meta), []


def _dispatch(fh: BinaryIO, rel: str, suffix: str) -> tuple[WeightFile | None, list[Diagnostic]]:
    head = fh.read(64)
    fh.seek(0)
    if suffix in _TESSERACT_SUFFIXES:
        wf = WeightFile(path=rel, format="tesseract", size=file_size(fh))
        if suffix.endswith(".gz"):
            wf.metadata["compression"] = "gzip"
        return wf, []
    if suffix == ".safetensors":
        return read_safetensors(fh, rel)
    if suffix == ".gguf":
        return read_gguf(fh, rel)
    if suffix == ".onnx":
        return read_onnx(fh, rel)
    if suffix == ".npy":
        return read_npy(fh, rel)
    if suffix in (".h5", ".hdf5"):
        return read_h5(fh, rel)
    if not head:
        if suffix == ".bin":
            return None, []
        raise WeightsError(TRUNCATED, "file is empty")
    if head[:4] == GGUF_MAGIC:
        return read_gguf(fh, rel)
    if head[:4] in _GGML_MAGICS:
        return _read_ggml(fh, rel, head)
    if head[:4] in (ZIP_MAGIC, EMPTY_ZIP_MAGIC):
        zf = open_zip(fh)
        kind = _zip_kind(zf.namelist())
        if kind == "keras":
            return read_keras_zip(fh, rel, zf)
        if kind == "pytorch":
            return read_pytorch_zip(fh, rel, zf)
        if kind == "npz":
            return read_npz(fh, rel, zf)
        zf.close()
        if suffix == ".bin":
            return None, []
        raise WeightsError(
            BAD_MAGIC, f"zip archive is not a {suffix} model (no data.pkl / config.json / .npy)"
        )
    if suffix == ".npz":
        raise WeightsError(BAD_MAGIC, "not a .npz archive: zip magic not found")
    if suffix == ".keras":
        if head[:8] == HDF5_MAGIC:
            return read_h5(fh, rel)
        raise WeightsError(BAD_MAGIC, "not a .keras archive: zip magic not found")
    if suffix in _PICKLE_SUFFIXES:
        return read_pickle_file(fh, rel)
    if head[:6] == NPY_MAGIC:
        return read_npy(fh, rel)
    if _is_pickle_start(head):
        # Legacy torch files hold exactly five pickles, then raw storages (which may start with 0x80).
        scan = scan_pickle(fh, max_pickles=LEGACY_PICKLES)
        if is_legacy(scan):
            return read_pytorch_legacy(fh, rel, scan)
        fh.seek(0)
        more = scan.complete and scan.pickles == LEGACY_PICKLES  # a plain stream of more pickles
        wf, diags = read_pickle_file(fh, rel, None if more else scan)
        if suffix in _TORCH_SUFFIXES:
            wf.format = "pytorch"
        return wf, diags
    if looks_like_safetensors(head):
        return read_safetensors(fh, rel)
    if suffix == ".bin":
        return None, []
    if suffix == ".ggml":
        raise WeightsError(BAD_MAGIC, "not a ggml file: unknown magic")
    raise WeightsError(
        BAD_MAGIC,
        f"not a PyTorch checkpoint: neither a zip archive nor a pickle ({head[:8].hex()})",
    )


def read_weight_file(path: Path, rel: str) -> tuple[WeightFile | None, list[Diagnostic]]:
    """Read a weight file's header (never its tensors) into a :class:`WeightFile`.

    ``rel`` is the path relative to the scan root, used for ``WeightFile.path`` and
    diagnostics. Never raises: unreadable, truncated, malformed or hostile files give
    ``(None, [diagnostic])``; partial problems give a WeightFile plus diagnostics.
    A ``.bin`` that is not a known format gives ``(None, [])``.
    """
    suffix = _suffix(path.name)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or device would block or never end
            return None, [
                Diagnostic(path=rel, message="not a regular file; not read", code=UNREADABLE)
            ]
        with path.open("rb") as fh:
            return _dispatch(fh, rel, suffix)
    except WeightsError as exc:
        return None, [exc.diagnostic(rel)]
    except OSError as exc:
        return None, [
            Diagnostic(
                path=rel, message=f"cannot read weight file: {exc.strerror or exc}", code=UNREADABLE
            )
        ]
    except _MALFORMED as exc:
        return None, [
            Diagnostic(
                path=rel,
                message=f"malformed file: {type(exc).__name__}: {str(exc)[:200]}",
                code=CORRUPT,
            )
        ]
    except MemoryError:
        return None, [
            Diagnostic(
                path=rel, message="weight file header too large to read into memory", code=CORRUPT
            )
        ]
    except RecursionError:
        return None, [
            Diagnostic(path=rel, message="weight file header nested too deeply", code=CORRUPT)
        ]
    except Exception as exc:  # last resort: hostile input must never produce a traceback
        return None, [
            Diagnostic(
                path=rel,
                message=f"cannot parse weight file: {type(exc).__name__}: {str(exc)[:200]}",
                code=CORRUPT,
            )
        ]
