"""Keras models: ``.keras`` (zip with ``config.json``) and legacy HDF5 ``.h5``.

A ``Lambda`` layer carries marshalled Python bytecode that runs when the model
is loaded (with ``safe_mode`` off), and any ``{"module": m, "class_name": c}``
entry of a Keras 3 config names something the loader imports; both are
reported the same way as pickle globals ("m.c", classified by
:func:`aibom.weights.pickle_opcodes.classify_global`). A Lambda layer is reported as the
import ``keras.layers.Lambda`` and makes the file unsafe.

HDF5 is not parsed (no h5py): the magic is checked and the first 16 MiB are
searched for the JSON text of the ``model_config`` attribute, which Keras stores
as a plain string; when found it is decoded and walked like ``config.json``.
"""

from __future__ import annotations

import json
import zipfile
from typing import Any, BinaryIO

from aibom.inventory import Diagnostic, WeightFile
from aibom.limits import load_json
from aibom.weights.common import (
    BAD_MAGIC,
    CORRUPT,
    INCOMPLETE,
    MAX_JSON_HEADER,
    UNSAFE,
    WeightsError,
    file_size,
)
from aibom.weights.pickle_opcodes import classify_global
from aibom.weights.zips import open_zip, read_member

HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
H5_SCAN_BYTES = 16 * 1024 * 1024  # Keras writes model_config before the weights
H5_JSON_BYTES = 16 * 1024 * 1024
MAX_CANDIDATES = 16  # JSON decode attempts per file, per kind of anchor
MAX_NODES = 2_000_000
LAMBDA = "keras.layers.Lambda"
_LAMBDA_CLASSES = frozenset({"Lambda", "__lambda__"})


def walk_config(config: Any) -> tuple[set[str], int, bool]:
    """(imports named, layer count, complete) of a Keras config tree, walked iteratively."""
    imports: set[str] = set()
    layers = 0
    stack = [config]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > MAX_NODES:
            return imports, layers, False
        if isinstance(node, dict):
            cls = node.get("class_name")
            if isinstance(cls, str):
                module = node.get("module")
                if cls in _LAMBDA_CLASSES:
                    imports.add(LAMBDA)
                elif isinstance(module, str) and module:
                    imports.add(f"{module[:200]}.{cls[:200]}")
            if node.get("class_name") == "function" and isinstance(node.get("config"), str):
                module = node.get("module")
                if isinstance(module, str):
                    imports.add(f"{module[:200]}.{node['config'][:200]}")
            if isinstance(node.get("layers"), list):
                layers += sum(isinstance(x, dict) for x in node["layers"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return imports, layers, True


def _apply(wf: WeightFile, config: dict[str, Any], rel: str) -> list[Diagnostic]:
    imports, layers, complete = walk_config(config)
    diags: list[Diagnostic] = []
    wf.imports = sorted(imports)
    dangerous = sorted(i for i in imports if i == LAMBDA or classify_global(i) == "dangerous")
    wf.dangerous_imports = dangerous
    unknown = sorted(
        i
        for i in imports
        if i != LAMBDA and classify_global(i) == "unknown" and not i.startswith("keras.")
    )
    if unknown:
        wf.metadata["unknown_imports"] = unknown
    wf.metadata["model_class"] = (
        str(config.get("class_name"))[:200] if config.get("class_name") else None
    )
    wf.metadata["layer_count"] = layers
    if dangerous:
        wf.unsafe = True
        what = (
            "a Lambda layer (Python bytecode run on load)"
            if LAMBDA in dangerous
            else "dangerous objects"
        )
        diags.append(
            Diagnostic(
                path=rel,
                message=f"Keras model config has {what}: {', '.join(dangerous[:10])}",
                code=UNSAFE,
                level="error",
            )
        )
    if not complete:
        diags.append(
            Diagnostic(
                path=rel, message="Keras config too large; only part was checked", code=INCOMPLETE
            )
        )
    return diags


def _json(raw: bytes, what: str) -> Any:
    try:
        return load_json(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise WeightsError(CORRUPT, f"{what} is not valid JSON: {str(exc)[:200]}") from None


def read_keras_zip(
    fh: BinaryIO, rel: str, opened: zipfile.ZipFile | None = None
) -> tuple[WeightFile, list[Diagnostic]]:
    """Read a Keras 3 ``.keras`` archive's ``config.json`` and ``metadata.json``."""
    size = file_size(fh)
    wf = WeightFile(path=rel, format="keras", size=size)
    with opened or open_zip(fh) as zf:
        members = {i.filename: i for i in zf.infolist()}
        wf.metadata["members"] = sorted(members)[:100]
        if "metadata.json" in members:
            meta = _json(read_member(zf, members["metadata.json"], 1024 * 1024), "metadata.json")
            if isinstance(meta, dict):
                for key in ("keras_version", "date_saved"):
                    if isinstance(meta.get(key), str):
                        wf.metadata[key] = meta[key][:200]
        if "config.json" not in members:
            raise WeightsError(BAD_MAGIC, ".keras archive has no config.json")
        config = _json(read_member(zf, members["config.json"], MAX_JSON_HEADER), "config.json")
    if not isinstance(config, dict):
        raise WeightsError(CORRUPT, "config.json is not a JSON object")
    return wf, _apply(wf, config, rel)


def _decode_at(fh: BinaryIO, pos: int) -> dict[str, Any] | None:
    """Decode the JSON object starting at ``pos`` (bounded read), if it looks like a model config.

    64 KiB are tried first; only when the JSON runs past them is up to 16 MiB read.
    """
    for size in (64 * 1024, H5_JSON_BYTES):
        fh.seek(pos)
        blob = fh.read(size)
        end = blob.find(b"\x00")
        text = blob[: end if end >= 0 else len(blob)].decode("utf-8", "replace")
        try:
            obj, _ = json.JSONDecoder().raw_decode(text)
        except ValueError as exc:
            # Valid up to late in a full read: it probably just ran out of bytes; read more.
            if end < 0 and len(blob) == size and getattr(exc, "pos", 0) > len(text) // 2:
                continue
            return None
        except RecursionError:
            return None
        if (
            isinstance(obj, dict)
            and isinstance(obj.get("class_name"), str)
            and isinstance(obj.get("config"), dict | list)
        ):
            return obj
        return None
    return None


def _find_model_config(fh: BinaryIO) -> dict[str, Any] | None:
    """Find and decode the JSON ``model_config`` string inside an HDF5 file (bounded search).

    Preferred: the first ``{`` within 4 KiB after an attribute named ``model_config``;
    fallback: the first decodable ``{"class_name"`` object. At most
    :data:`MAX_CANDIDATES` positions are decoded.
    """
    chunk_size = 8 * 1024 * 1024
    overlap = 4096
    fallback: list[int] = []
    tried = 0
    offset = 0
    while offset < H5_SCAN_BYTES:
        fh.seek(offset)
        chunk = fh.read(chunk_size)
        if not chunk:
            break
        start = 0
        while tried < MAX_CANDIDATES and (idx := chunk.find(b"model_config", start)) >= 0:
            brace = chunk.find(b"{", idx, idx + 4096)
            if brace >= 0:
                tried += 1
                found = _decode_at(fh, offset + brace)
                if found is not None:
                    return found
            start = idx + 1
        start = 0
        while len(fallback) < MAX_CANDIDATES and (idx := chunk.find(b'{"class_name"', start)) >= 0:
            fallback.append(offset + idx)
            start = idx + 1
        if len(chunk) < chunk_size:
            break
        offset += chunk_size - overlap
    for pos in sorted(set(fallback)):
        if tried >= 2 * MAX_CANDIDATES:
            break
        tried += 1
        found = _decode_at(fh, pos)
        if found is not None:
            return found
    return None


def read_h5(fh: BinaryIO, rel: str) -> tuple[WeightFile, list[Diagnostic]]:
    """Check the HDF5 magic and look for a Keras ``model_config`` with Lambda layers."""
    size = file_size(fh)
    head = fh.read(8)
    if head != HDF5_MAGIC:
        # HDF5 allows a user block of 512, 1024, 2048, ... bytes before the superblock.
        found = False
        for off in (512, 1024, 2048, 4096, 8192):
            if off + 8 > size:
                break
            fh.seek(off)
            if fh.read(8) == HDF5_MAGIC:
                found = True
                break
        if not found:
            raise WeightsError(BAD_MAGIC, "not an HDF5 file: magic not found")
    config = _find_model_config(fh)
    if config is None:
        wf = WeightFile(path=rel, format="hdf5", size=size, metadata={"keras_model_config": False})
        return wf, []
    wf = WeightFile(path=rel, format="keras", size=size, metadata={"keras_model_config": True})
    return wf, _apply(wf, config, rel)
