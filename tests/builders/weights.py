"""Builders of tiny real weight files, in code (shared by the weights tests).

Nothing here needs torch, onnx, keras or h5py: torch checkpoints are assembled
opcode by opcode (the way torch.save lays them out), ONNX from the protobuf wire
format, GGUF with gguf-py's own writer.
"""

from __future__ import annotations

import io
import json
import pickletools
import struct
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

_OPS = {op.name: op for op in pickletools.opcodes}


# --------------------------------------------------------------------------------------
# Pickle assembler


def _arg_bytes(desc: pickletools.ArgumentDescriptor, arg: Any) -> bytes:
    name = desc.name
    fixed = {
        "uint1": "<B",
        "uint2": "<H",
        "int4": "<i",
        "uint4": "<I",
        "uint8": "<Q",
        "float8": ">d",
    }
    if name in fixed:
        return struct.pack(fixed[name], arg)
    if name in ("long1", "long4"):
        raw = arg.to_bytes((arg.bit_length() + 8) // 8, "little", signed=True) if arg else b""
        return (
            struct.pack("<B", len(raw)) if name == "long1" else struct.pack("<i", len(raw))
        ) + raw
    prefixed = {
        "string1": ("<B", "latin-1"),
        "string4": ("<i", "latin-1"),
        "bytes1": ("<B", None),
        "bytes4": ("<I", None),
        "bytes8": ("<Q", None),
        "bytearray8": ("<Q", None),
        "unicodestring1": ("<B", "utf-8"),
        "unicodestring4": ("<I", "utf-8"),
        "unicodestring8": ("<Q", "utf-8"),
    }
    if name in prefixed:
        fmt, enc = prefixed[name]
        raw = arg.encode(enc) if enc else bytes(arg)
        return struct.pack(fmt, len(raw)) + raw
    if name == "stringnl_noescape_pair":
        return f"{arg[0]}\n{arg[1]}\n".encode()
    if name == "stringnl_noescape":
        return f"{arg}\n".encode()
    if name == "stringnl":
        return f"{arg!r}\n".encode()
    if name == "decimalnl_short":
        return f"{int(arg)}\n".encode()
    if name == "decimalnl_long":
        return f"{int(arg)}L\n".encode()
    if name == "floatnl":
        return f"{arg!r}\n".encode()
    if name == "unicodestringnl":
        return arg.encode("raw-unicode-escape") + b"\n"
    raise ValueError(name)


def asm(*ops: str | tuple[str, Any]) -> bytes:
    """Assemble pickle opcodes: asm(("PROTO", 2), ("GLOBAL", ("os", "system")), ..., "STOP")."""
    out = bytearray()
    for item in ops:
        name, arg = (item, None) if isinstance(item, str) else item
        op = _OPS[name]
        out += op.code.encode("latin-1")
        if op.arg is not None:
            out += _arg_bytes(op.arg, arg)
    return bytes(out)


def torch_tensor_ops(
    key: str, storage: str, numel: int, shape: tuple[int, ...], memo: int
) -> list[Any]:
    """Opcodes torch.save (protocol 2) emits for one tensor: _rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())."""
    stride = []
    acc = 1
    for d in reversed(shape):
        stride.insert(0, acc)
        acc *= d
    return [
        ("GLOBAL", ("torch._utils", "_rebuild_tensor_v2")),
        ("BINPUT", memo),
        "MARK",
        "MARK",
        ("BINUNICODE", "storage"),
        ("GLOBAL", ("torch", storage)),
        ("BINPUT", memo + 1),
        ("BINUNICODE", key),
        ("BINUNICODE", "cpu"),
        ("BININT", numel),
        "TUPLE",
        ("BINPUT", memo + 2),
        "BINPERSID",
        ("BININT1", 0),
        "MARK",
        *[("BININT", d) for d in shape],
        "TUPLE",
        "MARK",
        *[("BININT", s) for s in stride],
        "TUPLE",
        "NEWFALSE",
        ("GLOBAL", ("collections", "OrderedDict")),
        "EMPTY_TUPLE",
        "REDUCE",
        "TUPLE",
        "REDUCE",
    ]


def torch_state_dict_pickle(
    tensors: dict[str, tuple[str, tuple[int, ...]]], extra: list[Any] | None = None
) -> bytes:
    """A torch.save-style pickle of an OrderedDict state dict {name: (StorageClass, shape)}."""
    ops: list[Any] = [
        ("PROTO", 2),
        ("GLOBAL", ("collections", "OrderedDict")),
        ("BINPUT", 0),
        "EMPTY_TUPLE",
        "REDUCE",
        ("BINPUT", 1),
        "MARK",
    ]
    memo = 2
    for i, (name, (storage, shape)) in enumerate(tensors.items()):
        numel = 1
        for d in shape:
            numel *= d
        ops.append(("BINUNICODE", name))
        ops += torch_tensor_ops(str(i), storage, numel, shape, memo)
        memo += 3
    ops.append("SETITEMS")
    ops += extra or []
    ops.append("STOP")
    return asm(*ops)


def torch_zip(
    tensors: dict[str, tuple[str, tuple[int, ...]]],
    archive: str = "archive",
    pkl: bytes | None = None,
) -> bytes:
    """A zip-format torch checkpoint (as torch >= 1.6 writes it), storages zero-filled."""
    buf = io.BytesIO()
    sizes = {"FloatStorage": 4, "HalfStorage": 2, "BFloat16Storage": 2, "LongStorage": 8}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(
            f"{archive}/data.pkl", pkl if pkl is not None else torch_state_dict_pickle(tensors)
        )
        zf.writestr(f"{archive}/byteorder", "little")
        for i, (storage, shape) in enumerate(tensors.values()):
            numel = 1
            for d in shape:
                numel *= d
            zf.writestr(f"{archive}/data/{i}", b"\0" * numel * sizes.get(storage, 4))
        zf.writestr(f"{archive}/version", "3\n")
        zf.writestr(f"{archive}/.data/serialization_id", "0123456789")
    return buf.getvalue()


def torch_legacy(tensors: dict[str, tuple[str, tuple[int, ...]]]) -> bytes:
    """A legacy (non-zip) torch.save stream: magic, protocol, sys_info, object, storage keys, data."""
    magic = asm(("PROTO", 2), ("LONG1", 0x1950A86A20F9469CFC6C), "STOP")
    proto = asm(("PROTO", 2), ("BININT2", 1001), "STOP")
    sys_info = asm(
        ("PROTO", 2), "EMPTY_DICT", ("BINUNICODE", "little_endian"), "NEWTRUE", "SETITEM", "STOP"
    )
    keys = asm(
        ("PROTO", 2),
        "EMPTY_LIST",
        "MARK",
        *[("BINUNICODE", str(i)) for i in range(len(tensors))],
        "APPENDS",
        "STOP",
    )
    return (
        magic
        + proto
        + sys_info
        + torch_state_dict_pickle(tensors)
        + keys
        # each storage: int64 numel, then raw data; numel 128 starts with byte 0x80 (= PROTO)
        + struct.pack("<q", 128)
        + b"\x02" * 64
    )


def joblib_like(data: bytes, aligned: bool = True) -> bytes:
    """A joblib.dump-style stream: a NumpyArrayWrapper, raw array bytes, then more pickle."""
    state = [
        ("SHORT_BINUNICODE", "subclass"),
        ("GLOBAL", ("numpy", "ndarray")),
        ("SHORT_BINUNICODE", "shape"),
        ("BININT1", 2),
        ("BININT1", 3),
        "TUPLE2",
        ("SHORT_BINUNICODE", "order"),
        ("SHORT_BINUNICODE", "C"),
        ("SHORT_BINUNICODE", "dtype"),
        ("GLOBAL", ("numpy", "dtype")),
        ("SHORT_BINUNICODE", "f4"),
        "NEWFALSE",
        "NEWTRUE",
        "TUPLE3",
        "REDUCE",
        "MARK",
        ("BININT1", 3),
        ("SHORT_BINUNICODE", "<"),
        "NONE",
        "NONE",
        "NONE",
        ("BININT", -1),
        ("BININT", -1),
        ("BININT1", 0),
        "TUPLE",
        "BUILD",
        ("SHORT_BINUNICODE", "allow_mmap"),
        "NEWTRUE",
    ]
    if aligned:
        state += [("SHORT_BINUNICODE", "numpy_array_alignment_bytes"), ("BININT1", 16)]
    head = asm(
        ("PROTO", 4),
        "EMPTY_DICT",
        "MARK",
        ("SHORT_BINUNICODE", "coef"),
        ("GLOBAL", ("joblib.numpy_pickle", "NumpyArrayWrapper")),
        "EMPTY_TUPLE",
        "NEWOBJ",
        "EMPTY_DICT",
        "MARK",
        *state,
        "SETITEMS",
        "BUILD",
    )
    pad = bytes([3]) + b"\xff" * 3 if aligned else b""
    tail = asm(("SHORT_BINUNICODE", "evil"), ("GLOBAL", ("os", "system")), "SETITEMS", "STOP")
    return head + pad + data + tail


# --------------------------------------------------------------------------------------
# safetensors, GGUF, ONNX, Keras, HDF5


def safetensors_bytes(
    tensors: dict[str, tuple[str, list[int]]], metadata: dict[str, str] | None = None
) -> bytes:
    """A safetensors file with zeroed data."""
    sizes = {"F32": 4, "F16": 2, "BF16": 2, "I32": 4, "I8": 1, "U8": 1, "I64": 8, "F8_E4M3": 1}
    header: dict[str, Any] = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    off = 0
    for name, (dtype, shape) in tensors.items():
        n = sizes[dtype]
        for d in shape:
            n *= d
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [off, off + n]}
        off += n
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    return struct.pack("<Q", len(raw)) + raw + b"\0" * off


def gguf_file(
    path: Path, *, big_endian: bool = False, tokens: int = 300, file_type: int = 15
) -> Path:
    """A GGUF model written by gguf-py's GGUFWriter (llama-like metadata, two tiny tensors)."""
    import gguf

    endian = gguf.GGUFEndian.BIG if big_endian else gguf.GGUFEndian.LITTLE
    w = gguf.GGUFWriter(path, "llama", endianess=endian)
    w.add_name("Tiny Llama")
    w.add_basename("tiny-llama")
    w.add_base_model_count(1)
    w.add_base_model_name(0, "Llama 3.1 8B")
    w.add_base_model_organization(0, "Meta Llama")
    w.add_base_model_repo_url(0, "https://huggingface.co/meta-llama/Llama-3.1-8B")
    w.add_context_length(4096)
    w.add_block_count(2)
    w.add_file_type(file_type)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("llama-bpe")
    w.add_token_list([f"tok{i}" for i in range(tokens)])
    w.add_token_types([1] * tokens)
    w.add_token_merges([f"t o{i}" for i in range(tokens)])
    w.add_chat_template("{% for m in messages %}{{ m.content }}{% endfor %}")
    w.add_array("test.short_array", [1, 2, 3])
    w.add_tensor("token_embd.weight", np.zeros((tokens, 8), dtype=np.float32))
    w.add_tensor("output_norm.weight", np.zeros((8,), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def _varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def pb_varint(field: int, value: int) -> bytes:
    """A protobuf varint field."""
    return _varint(field << 3) + _varint(value)


def pb_bytes(field: int, value: bytes | str) -> bytes:
    """A protobuf length-delimited field."""
    raw = value.encode() if isinstance(value, str) else value
    return _varint(field << 3 | 2) + _varint(len(raw)) + raw


def onnx_bytes() -> bytes:
    """An ONNX ModelProto: one MatMul node, two float initializers, opsets, metadata props."""
    dims_packed = pb_bytes(1, _varint(4) + _varint(3))
    init_w = dims_packed + pb_varint(2, 1) + pb_bytes(8, "W") + pb_bytes(9, b"\0" * 48)
    init_b = pb_varint(1, 3) + pb_varint(2, 10) + pb_bytes(8, "B") + pb_bytes(9, b"\0" * 6)
    node = pb_bytes(1, "X") + pb_bytes(1, "W") + pb_bytes(2, "Y") + pb_bytes(4, "MatMul")
    graph = (
        pb_bytes(1, node) + pb_bytes(2, "tiny-graph") + pb_bytes(5, init_w) + pb_bytes(5, init_b)
    )
    model = (
        pb_varint(1, 9)
        + pb_bytes(2, "pytorch")
        + pb_bytes(3, "2.4.0")
        + pb_varint(5, 7)
        + pb_bytes(7, graph)
        + pb_bytes(8, pb_bytes(1, "") + pb_varint(2, 17))
        + pb_bytes(8, pb_bytes(1, "com.microsoft") + pb_varint(2, 1))
        + pb_bytes(14, pb_bytes(1, "author") + pb_bytes(2, "ACME"))
    )
    return model


def keras_config(
    lambda_layer: bool = False, extra_module: tuple[str, str] | None = None
) -> dict[str, Any]:
    """A Keras 3 Sequential config (Dense layers, optionally a Lambda / a custom module object)."""
    layers: list[dict[str, Any]] = [
        {
            "module": "keras.layers",
            "class_name": "InputLayer",
            "config": {"name": "input", "batch_shape": [None, 4]},
        },
        {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 2}},
    ]
    if lambda_layer:
        layers.append(
            {
                "module": "keras.layers",
                "class_name": "Lambda",
                "config": {
                    "name": "lambda",
                    "function": {"class_name": "__lambda__", "config": {"code": "4wEAAA=="}},
                },
            }
        )
    if extra_module:
        layers.append(
            {"module": extra_module[0], "class_name": extra_module[1], "config": {"name": "x"}}
        )
    return {
        "module": "keras",
        "class_name": "Sequential",
        "config": {"name": "seq", "layers": layers},
    }


def keras_zip(config: dict[str, Any]) -> bytes:
    """A Keras 3 ``.keras`` archive."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "metadata.json",
            json.dumps({"keras_version": "3.4.1", "date_saved": "2024-07-01@10:00:00"}),
        )
        zf.writestr("config.json", json.dumps(config))
        zf.writestr("model.weights.h5", b"\x89HDF\r\n\x1a\n" + b"\0" * 64)
    return buf.getvalue()


def h5_bytes(config: dict[str, Any] | None) -> bytes:
    """HDF5 magic plus (when given) the model_config JSON string where an attribute would hold it."""
    body = b"\x89HDF\r\n\x1a\n" + b"\0" * 200
    if config is not None:
        body += b"model_config\0\0\0\0" + json.dumps(config).encode() + b"\0" * 16
    return body + b"\0" * 256


def npy_bytes(array: np.ndarray) -> bytes:
    """``np.save`` output (object arrays pickled, as numpy does)."""
    buf = io.BytesIO()
    np.save(buf, array, allow_pickle=True)
    return buf.getvalue()
