"""A tree full of hostile and broken files: the scan finishes, names every bad file, never a traceback."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import validate_cyclonedx

HOSTILE: dict[str, bytes | str] = {
    "deep.json": "[" * 100_000 + "]" * 100_000,
    "config/deep.yaml": "a: " + "[" * 50_000 + "]" * 50_000,
    "bomb.yaml": "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nmodel: [*e,*e,*e,*e]\n",
    # "model" lets it past the byte pre-filter, so the parser's depth guard is what is tested
    "deep.py": "model = " + "(" * 5000 + ")" * 5000 + "\n",
    "binary.py": bytes(range(256)) * 8,
    "latin1.py": "# caf\xe9\nmodel = 'x'\n".encode("latin-1"),
    "nb/bad.ipynb": '{"cells": [{"cell_type": "code", "source": 42}], "nbformat": 4}',
    "nb/notjson.ipynb": "{{{{",
    "weights/trunc.safetensors": struct.pack("<Q", 10**12) + b"{",
    "weights/trunc.gguf": b"GGUF" + struct.pack("<I", 3) + struct.pack("<Q", 2**60) * 2,
    "weights/wrong_magic.gguf": b"NOTGGUF" * 10,
    "weights/evil.pkl": b"\x80\x02cos\nsystem\nq\x00X\x06\x00\x00\x00whoamiq\x01\x85q\x02Rq\x03.",
    "weights/empty.onnx": b"",
    "weights/x.keras": b"PK\x03\x04garbage",
    "weights/a.npy": b"\x93NUMPY\x01\x00" + struct.pack("<H", 60000) + b"{",
    "m/README.md": "---\nbase_model: [unclosed\n---\n",
    "m/config.json": '{"model_type": "llama", "vocab_size": "lots", "architectures": 5}',
    "m/tokenizer_config.json": json.dumps(
        {"chat_template": ["a", {"template": 1}], "added_tokens_decoder": {"1": 5}}
    ),
    "Dockerfile": "FROM x\nRUN " + "\\\n" * 10_000 + "vllm serve\n",
    "requirements.txt": "-r requirements.txt\n-r ../../etc/passwd\n===bad===\ntransformers>=4.40\n",
    "pyproject.toml": "[project\nname=",
    "web/app.ts": "const x = " + "[" * 20_000 + "]" * 20_000 + ";\nnew OpenAI({baseURL: `${" * 100,
    ".env": "MODEL=\x00\x00\n",
}


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("archive/data.pkl", b"\x00" * (20 * 1024 * 1024))
    return buf.getvalue()


def test_hostile_tree_scans_cleanly(make_tree, tmp_path: Path) -> None:
    root = make_tree({**HOSTILE, "weights/bomb.pt": _zip_bomb()})
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "fifo.json")
    (root / "loop").symlink_to(root, target_is_directory=True)
    out = tmp_path / "bom.json"
    env = dict(os.environ, COLUMNS="300")
    proc = subprocess.run(
        [sys.executable, "-m", "aibom", "scan", str(root), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    text = out.read_text()
    validate_cyclonedx(text)
    diagnostics = [
        p["value"]
        for p in json.loads(text)["metadata"]["properties"]
        if p["name"] == "aibom:diagnostic"
    ]
    named = {d.split(":", 1)[0] for d in diagnostics}
    for path in (
        "deep.json",
        "config/deep.yaml",
        "deep.py",
        "binary.py",
        "latin1.py",
        "nb/bad.ipynb",
        "nb/notjson.ipynb",
        "weights/trunc.safetensors",
        "weights/trunc.gguf",
        "weights/wrong_magic.gguf",
        "weights/evil.pkl",
        "weights/bomb.pt",
        "weights/empty.onnx",
        "weights/x.keras",
        "weights/a.npy",
        "m/README.md",
        "requirements.txt",
        "pyproject.toml",
        ".env",
    ):
        assert path in named, f"no diagnostic names {path}: {sorted(named)}"
    assert not any("scanner-error" in d or "failed:" in d for d in diagnostics), diagnostics
    assert any(d.startswith("weights/evil.pkl") and "os.system" in d for d in diagnostics)


@pytest.mark.parametrize("name", ["deep.json", "bomb.yaml", "deep.py", "web/app.ts"])
def test_each_hostile_file_alone_is_bounded(make_tree, name: str) -> None:
    from aibom.pipeline import ScanRequest, scan_tree

    root = make_tree({name: HOSTILE[name]})
    inv = scan_tree(ScanRequest(root=root, hash_weights=False))
    assert inv.sorted_models() == []
    assert not [d for d in inv.diagnostics if d.code == "scanner-error"]
