"""Fuzz: mutated safetensors / GGUF / pickle / zip / ONNX / NumPy bytes only ever give documented diagnostics."""

from __future__ import annotations

import io
import json
import struct
import tempfile
from pathlib import Path

import numpy as np
import pytest
from builders.weights import (
    asm,
    gguf_file,
    joblib_like,
    keras_config,
    keras_zip,
    npy_bytes,
    onnx_bytes,
    safetensors_bytes,
    torch_legacy,
    torch_state_dict_pickle,
    torch_zip,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aibom.weights import DIAGNOSTIC_CODES, read_weight_file


def _gguf_seed() -> bytes:
    with tempfile.TemporaryDirectory() as d:
        return gguf_file(Path(d) / "s.gguf", tokens=70).read_bytes()


def _npz_seed() -> bytes:
    buf = io.BytesIO()
    np.savez(buf, a=np.zeros(3, dtype=np.float32), o=np.array([None, 1], dtype=object))
    return buf.getvalue()


SEEDS: dict[str, tuple[str, bytes]] = {
    "safetensors": (
        "model.safetensors",
        safetensors_bytes({"a": ("F16", [2, 3]), "b": ("F32", [4])}, {"format": "pt"}),
    ),
    "gguf": ("model.gguf", _gguf_seed()),
    "pickle": (
        "model.pkl",
        torch_state_dict_pickle(
            {"w": ("FloatStorage", (2, 2))},
            extra=[("GLOBAL", ("os", "system")), ("BINUNICODE", "id"), "TUPLE1", "REDUCE", "POP"],
        )
        + asm(
            ("PROTO", 4),
            ("SHORT_BINUNICODE", "builtins"),
            "MEMOIZE",
            ("SHORT_BINUNICODE", "eval"),
            "MEMOIZE",
            "STACK_GLOBAL",
            "STOP",
        ),
    ),
    "torch-zip": (
        "pytorch_model.bin",
        torch_zip({"w": ("FloatStorage", (2, 3)), "b": ("HalfStorage", (3,))}),
    ),
    "torch-legacy": ("old.pt", torch_legacy({"w": ("FloatStorage", (2,))})),
    "keras-zip": ("model.keras", keras_zip(keras_config(lambda_layer=True))),
    "npz": ("arrays.npz", _npz_seed()),
    "npy": ("a.npy", npy_bytes(np.array([1, "x"], dtype=object))),
    "onnx": ("model.onnx", onnx_bytes()),
    "joblib": ("model.joblib", joblib_like(b"\x01" * 24)),
}

_EXTREMES = [0, 1, 0x7F, 0x80, 0xFF, 0xFFFF, 0xFFFFFFFF, 1 << 31, 1 << 62, (1 << 64) - 1]

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 16), st.integers(0, 255)),
    st.tuples(st.just("u64"), st.integers(0, 1 << 16), st.sampled_from(_EXTREMES)),
    st.tuples(st.just("u32"), st.integers(0, 1 << 16), st.sampled_from(_EXTREMES)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 16), st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("delete"), st.integers(0, 1 << 16), st.integers(1, 64)),
    st.tuples(st.just("truncate"), st.integers(0, 1 << 16), st.just(0)),
)


def _mutate(data: bytes, ops: list[tuple[str, int, object]]) -> bytes:
    buf = bytearray(data)
    for kind, pos, value in ops:
        if not buf:
            break
        pos %= len(buf)
        if kind == "flip":
            buf[pos] = int(value)  # type: ignore[call-overload]
        elif kind == "u64":
            buf[pos : pos + 8] = struct.pack("<Q", int(value) & ((1 << 64) - 1))  # type: ignore[call-overload]
        elif kind == "u32":
            buf[pos : pos + 4] = struct.pack("<I", int(value) & 0xFFFFFFFF)  # type: ignore[call-overload]
        elif kind == "insert":
            buf[pos:pos] = value  # type: ignore[assignment]
        elif kind == "delete":
            del buf[pos : pos + int(value)]  # type: ignore[call-overload]
        else:
            del buf[pos:]
    return bytes(buf)


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_mutated_inputs_only_give_documented_diagnostics(fmt: str) -> None:
    name, seed = SEEDS[fmt]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name

        @settings(
            max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        @given(st.lists(mutation, min_size=1, max_size=4))
        def check(ops: list[tuple[str, int, object]]) -> None:
            path.write_bytes(_mutate(seed, ops))
            wf, diags = read_weight_file(path, name)
            for d in diags:
                assert d.code in DIAGNOSTIC_CODES, d
                assert d.path == name
                assert not d.message.startswith("cannot parse weight file:"), (
                    d
                )  # the last-resort catch-all
            if wf is not None:
                assert wf.path == name
                json.dumps(wf.metadata)
                assert wf.dtypes == sorted(set(wf.dtypes))
                assert wf.imports == sorted(set(wf.imports))

        check()


def test_seeds_read_cleanly() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, (name, seed) in SEEDS.items():
            path = Path(tmp) / name
            path.write_bytes(seed)
            wf, diags = read_weight_file(path, name)
            assert wf is not None, fmt
            assert all(d.code == "weights-unsafe" for d in diags), (fmt, diags)
