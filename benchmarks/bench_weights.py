"""Benchmark the weight-file readers and the hasher (not a test).

(a) Header pass: writes 200 weight files of mixed formats with realistic-size
    headers (7B-class tensor tables, Llama-2/Llama-3 sized GGUF vocabularies,
    torch ``data.pkl`` for ~300 tensors, ONNX graphs with external data) and
    sparse bodies, then times ``read_weight_file`` over all of them.
(b) Hashing: writes one random file (default 2 GiB), warms the page cache, then
    times ``sha256sum`` and ``hash_files`` on the same file and prints the ratio.

Usage: python benchmarks/bench_weights.py [--size 2G] [--files 200] [--dir DIR] [--skip-hash]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pickle
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from aibom.weights import hash_files, read_weight_file

# --------------------------------------------------------------------------------------
# realistic headers

_LAYER_TENSORS = [
    ("self_attn.q_proj.weight", [4096, 4096]),
    ("self_attn.k_proj.weight", [1024, 4096]),
    ("self_attn.v_proj.weight", [1024, 4096]),
    ("self_attn.o_proj.weight", [4096, 4096]),
    ("mlp.gate_proj.weight", [14336, 4096]),
    ("mlp.up_proj.weight", [14336, 4096]),
    ("mlp.down_proj.weight", [4096, 14336]),
    ("input_layernorm.weight", [4096]),
    ("post_attention_layernorm.weight", [4096]),
]


def llama_tensors(layers: int = 32) -> list[tuple[str, list[int]]]:
    """Tensor names and shapes of a Llama-3-8B-like model (291 tensors)."""
    out = [("model.embed_tokens.weight", [128256, 4096])]
    for i in range(layers):
        out += [(f"model.layers.{i}.{n}", s) for n, s in _LAYER_TENSORS]
    out += [("model.norm.weight", [4096]), ("lm_head.weight", [128256, 4096])]
    return out


def write_safetensors(path: Path, tensors: list[tuple[str, list[int]]]) -> None:
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    off = 0
    for name, shape in tensors:
        n = 2 * int(np.prod(shape))
        header[name] = {"dtype": "BF16", "shape": shape, "data_offsets": [off, off + n]}
        off += n
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    with path.open("wb") as fh:
        fh.write(struct.pack("<Q", len(raw)) + raw)
        fh.truncate(8 + len(raw) + off)  # sparse body


def _gs(s: str) -> bytes:
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def _kv_str(key: str, value: str) -> bytes:
    return _gs(key) + struct.pack("<I", 8) + _gs(value)


def _kv_u32(key: str, value: int) -> bytes:
    return _gs(key) + struct.pack("<II", 4, value)


def _kv_str_array(key: str, values: list[str]) -> bytes:
    return _gs(key) + struct.pack("<IIQ", 9, 8, len(values)) + b"".join(_gs(v) for v in values)


def _kv_num_array(key: str, etype: int, fmt: str, values: np.ndarray) -> bytes:
    return _gs(key) + struct.pack("<IIQ", 9, etype, len(values)) + values.astype(fmt).tobytes()


def gguf_bytes(vocab: int, merges: int) -> bytes:
    """A GGUF header with a ``vocab``-token tokenizer (and ``merges`` BPE merges), 291 tensor infos."""
    tensors = llama_tensors()
    kv = [
        _kv_str("general.architecture", "llama"),
        _kv_str("general.name", "Bench Llama"),
        _kv_u32("general.file_type", 15),
        _kv_u32("llama.context_length", 8192),
        _kv_str("tokenizer.ggml.model", "gpt2" if merges else "llama"),
        _kv_str("tokenizer.ggml.pre", "llama-bpe"),
        _kv_str_array("tokenizer.ggml.tokens", [f"tok{i:06d}" for i in range(vocab)]),
        _kv_num_array("tokenizer.ggml.token_type", 5, "<i4", np.ones(vocab)),
        _kv_num_array("tokenizer.ggml.scores", 6, "<f4", np.zeros(vocab)),
        _kv_str(
            "tokenizer.chat_template", "{% for m in messages %}{{ m['content'] }}{% endfor %}" * 20
        ),
    ]
    if merges:
        kv.append(_kv_str_array("tokenizer.ggml.merges", [f"t{i} o{i}" for i in range(merges)]))
    infos = b""
    off = 0
    for name, shape in tensors:
        dims = list(reversed(shape))
        infos += _gs(name) + struct.pack("<I", len(dims)) + struct.pack(f"<{len(dims)}Q", *dims)
        infos += struct.pack("<IQ", 12, off)
        off += int(np.prod(shape)) * 144 // 256  # Q4_K: 144 bytes per 256 weights
        off += -off % 32
    head = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(kv)) + b"".join(kv) + infos
    return head + b"\0" * (-len(head) % 32), off


def write_gguf(path: Path, header: tuple[bytes, int]) -> None:
    raw, data = header
    with path.open("wb") as fh:
        fh.write(raw)
        fh.truncate(len(raw) + data)


def torch_pickle(tensors: list[tuple[str, list[int]]]) -> bytes:
    """data.pkl as torch.save writes it: protocol 2, OrderedDict of _rebuild_tensor_v2 calls.

    Like the real pickler, each global and the repeated 'storage'/'cpu' strings are
    written once and fetched back from the memo afterwards.
    """
    out = bytearray(b"\x80\x02")
    memo: dict[bytes, int] = {}
    counter = 0

    def put() -> bytes:
        nonlocal counter
        counter += 1
        return b"q" + bytes([counter]) if counter < 256 else b"r" + struct.pack("<I", counter)

    def get(i: int) -> bytes:
        return b"h" + bytes([i]) if i < 256 else b"j" + struct.pack("<I", i)

    def once(key: bytes, raw: bytes) -> bytes:
        if key in memo:
            return get(memo[key])
        data = raw + put()
        memo[key] = counter
        return data

    def ustr(text: str) -> bytes:
        raw = text.encode()
        return b"X" + struct.pack("<I", len(raw)) + raw

    out += once(b"od", b"ccollections\nOrderedDict\n") + b")R" + put() + b"("
    for i, (name, shape) in enumerate(tensors):
        out += ustr(name) + put()
        out += once(b"rebuild", b"ctorch._utils\n_rebuild_tensor_v2\n")
        out += b"((" + once(b"storage", ustr("storage"))
        out += once(b"bf16", b"ctorch\nBFloat16Storage\n")
        out += ustr(str(i)) + put() + once(b"cpu", ustr("cpu"))
        out += (
            b"J"
            + struct.pack("<i", min(int(np.prod(shape)), 2**31 - 1))
            + b"t"
            + put()
            + b"QK\x00("
        )
        for d in shape:
            out += b"J" + struct.pack("<i", d)
        out += b"t" + put() + b"("
        stride = 1
        strides = []
        for d in reversed(shape):
            strides.insert(0, stride)
            stride *= d
        for st in strides:
            out += b"J" + struct.pack("<i", min(st, 2**31 - 1))
        out += b"t" + put() + b"\x89" + once(b"od", b"") + b")R" + put() + b"tR" + put()
    out += b"u."
    return bytes(out)


def write_torch_zip(path: Path, pkl: bytes, n_storages: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("archive/data.pkl", pkl)
        zf.writestr("archive/byteorder", "little")
        for i in range(n_storages):
            zf.writestr(f"archive/data/{i}", b"\0" * 64)
        zf.writestr("archive/version", "3\n")


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _pb(field: int, raw: bytes) -> bytes:
    return _varint(field << 3 | 2) + _varint(len(raw)) + raw


def _pv(field: int, v: int) -> bytes:
    return _varint(field << 3) + _varint(v)


def onnx_bytes(tensors: list[tuple[str, list[int]]]) -> bytes:
    graph = b""
    for i, (name, _shape) in enumerate(tensors):
        node = (
            _pb(1, f"in{i}".encode())
            + _pb(1, name.encode())
            + _pb(2, f"out{i}".encode())
            + _pb(4, b"MatMul")
        )
        graph += _pb(1, node)
    graph += _pb(2, b"main_graph")
    for name, shape in tensors:
        ext = _pb(1, b"location") + _pb(2, b"model.onnx.data")
        init = _pb(1, b"".join(_varint(d) for d in shape)) + _pv(2, 16) + _pb(8, name.encode())
        init += _pb(13, ext) + _pv(14, 1)
        graph += _pb(5, init)
    return (
        _pv(1, 8)
        + _pb(2, b"pytorch")
        + _pb(3, b"2.3.0")
        + _pb(7, graph)
        + _pb(8, _pv(2, 17))
        + _pb(14, _pb(1, b"author") + _pb(2, b"bench"))
    )


def keras_bytes() -> bytes:
    layers = [
        {"module": "keras.layers", "class_name": "Dense", "config": {"name": f"d{i}", "units": 64}}
        for i in range(200)
    ]
    config = {
        "module": "keras",
        "class_name": "Sequential",
        "config": {"name": "s", "layers": layers},
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("metadata.json", json.dumps({"keras_version": "3.4.1"}))
        zf.writestr("config.json", json.dumps(config))
        zf.writestr("model.weights.h5", b"\x89HDF\r\n\x1a\n" + b"\0" * 1024)
    return buf.getvalue()


def sklearn_like_pickle() -> bytes:
    state = {
        "coef_": np.zeros((10, 512), dtype=np.float64),
        "intercept_": np.zeros(10),
        "classes_": np.arange(10),
        "params": {f"p{i}": i for i in range(200)},
    }
    return pickle.dumps(state, protocol=4)


def build_corpus(root: Path, count: int) -> list[Path]:
    """Write ``count`` weight files; returns their paths."""
    tensors = llama_tensors()
    gguf_small = gguf_bytes(32000, 0)  # Llama-2 / Mistral sized SentencePiece vocabulary
    gguf_large = gguf_bytes(128256, 280147)  # Llama-3 sized BPE vocabulary with merges
    pkl = torch_pickle(tensors)
    onnx = onnx_bytes(tensors)
    keras = keras_bytes()
    skl = sklearn_like_pickle()
    plan = (
        ["safetensors"] * 60
        + ["gguf-llama2"] * 20
        + ["gguf-llama3"] * 5
        + ["pytorch"] * 45
        + ["onnx"] * 30
        + ["npy"] * 15
        + ["pkl"] * 15
        + ["keras"] * 10
    )
    paths = []
    for i in range(count):
        kind = plan[i % len(plan)]
        d = root / f"model{i:03d}"
        d.mkdir(parents=True, exist_ok=True)
        if kind == "safetensors":
            shard = tensors[(i % 4) * 73 : (i % 4 + 1) * 73]
            p = d / f"model-0000{i % 4 + 1}-of-00004.safetensors"
            write_safetensors(p, shard)
        elif kind.startswith("gguf"):
            p = d / "model.Q4_K_M.gguf"
            write_gguf(p, gguf_small if kind == "gguf-llama2" else gguf_large)
        elif kind == "pytorch":
            p = d / "pytorch_model.bin"
            write_torch_zip(p, pkl, len(tensors))
        elif kind == "onnx":
            p = d / "model.onnx"
            p.write_bytes(onnx)
        elif kind == "npy":
            p = d / "embeddings.npy"
            with p.open("wb") as fh:
                np.lib.format.write_array_header_1_0(
                    fh, {"descr": "<f4", "fortran_order": False, "shape": (100000, 768)}
                )
                fh.truncate(fh.tell() + 100000 * 768 * 4)
        elif kind == "pkl":
            p = d / "classifier.pkl"
            p.write_bytes(skl)
        else:
            p = d / "model.keras"
            p.write_bytes(keras)
        paths.append(p)
    return paths


def bench_headers(root: Path, count: int) -> None:
    t0 = time.perf_counter()
    paths = build_corpus(root, count)
    print(
        f"[headers] wrote {len(paths)} files in {time.perf_counter() - t0:.1f}s "
        f"({sum(p.stat().st_size for p in paths) / 1e9:.0f} GB apparent, sparse)"
    )
    best = best_cpu = float("inf")
    per_format: Counter[str] = Counter()
    by_kind: dict[str, float] = {}
    for _round in range(3):
        start = time.perf_counter()
        cpu_start = time.process_time()
        kinds: dict[str, float] = {}
        for p in paths:
            t = time.perf_counter()
            wf, diags = read_weight_file(p, p.relative_to(root).as_posix())
            key = p.suffix + (
                f"[{wf.metadata.get('tokenizer.ggml.tokens')}]"
                if wf and wf.format == "gguf"
                else ""
            )
            kinds[key] = kinds.get(key, 0.0) + time.perf_counter() - t
            if wf is None or any(d.code != "weights-unsafe" for d in diags):
                raise SystemExit(f"unexpected result for {p}: {wf} {diags}")
            if _round == 0:
                per_format[wf.format] += 1
        elapsed = time.perf_counter() - start
        best_cpu = min(best_cpu, time.process_time() - cpu_start)
        if elapsed < best:
            best, by_kind = elapsed, kinds
    print(f"[headers] formats: {dict(sorted(per_format.items()))}")
    for key, t in sorted(by_kind.items()):
        print(f"[headers]   {key:28s} {t * 1000:8.1f} ms total")
    verdict = "OK" if best < 1.0 else "SLOW"
    print(
        f"[headers] read {len(paths)} headers in {best:.3f}s wall, {best_cpu:.3f}s CPU (best of 3; target < 1 s) {verdict}"
    )


def _parse_size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().removesuffix("B").removesuffix("I")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def bench_hash(root: Path, size: int) -> None:
    path = root / "big.safetensors"
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    with path.open("wb") as fh:
        left = size
        while left:
            n = min(left, 64 << 20)
            fh.write(rng.bytes(n))
            left -= n
    print(
        f"[hash] wrote {size / (1 << 30):.2f} GiB of random bytes in {time.perf_counter() - t0:.1f}s"
    )
    if shutil.which("sha256sum") is None:
        print("[hash] sha256sum not found; skipping comparison")
        return
    subprocess.run(["sha256sum", str(path)], check=True, capture_output=True)  # warm the page cache
    tool_times, ours_times = [], []
    tool_digest = ours_digest = ""
    for _ in range(2):
        t = time.perf_counter()
        out = subprocess.run(
            ["sha256sum", str(path)], check=True, capture_output=True, text=True
        ).stdout
        tool_times.append(time.perf_counter() - t)
        tool_digest = out.split()[0]
        t = time.perf_counter()
        result, diags = hash_files([(path, "big.safetensors")])
        ours_times.append(time.perf_counter() - t)
        ours_digest = result["big.safetensors"]
        assert not diags
    if tool_digest != ours_digest:
        raise SystemExit(f"digest mismatch: sha256sum {tool_digest} vs hash_files {ours_digest}")
    tool, ours = min(tool_times), min(ours_times)
    gib = size / (1 << 30)
    print(f"[hash] sha256sum : {tool:.2f}s ({gib / tool:.2f} GiB/s)")
    print(f"[hash] hash_files: {ours:.2f}s ({gib / ours:.2f} GiB/s)")
    ratio = ours / tool
    print(
        f"[hash] ratio hash_files/sha256sum = {ratio:.2f}x (target <= 1.3x) {'OK' if ratio <= 1.3 else 'SLOW'}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--size", default="2G", help="size of the file to hash (e.g. 2G, 512M); default 2G"
    )
    ap.add_argument(
        "--files", type=int, default=200, help="number of weight files for the header pass"
    )
    ap.add_argument(
        "--dir", type=Path, default=None, help="work directory (default: a temporary directory)"
    )
    ap.add_argument("--skip-hash", action="store_true", help="only run the header pass")
    ap.add_argument("--skip-headers", action="store_true", help="only run the hashing comparison")
    args = ap.parse_args(argv)
    base = args.dir or Path(tempfile.mkdtemp(prefix="aibom-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, work dir {base}")
        if not args.skip_headers:
            bench_headers(base / "headers", args.files)
        if not args.skip_hash:
            bench_hash(base, _parse_size(args.size))
    finally:
        if args.dir is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
