"""SHA-256 hashing: exact digests, HF cache blob reuse, on-disk cache, progress, errors."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from aibom.weights import hash_files, hf_blob_sha256
from aibom.weights import hashing as hashing_mod


def _files(tmp_path: Path, n: int = 3) -> list[tuple[Path, str]]:
    out = []
    for i in range(n):
        p = tmp_path / "models" / f"w{i}.safetensors"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(os.urandom(1000 + i * 5_000_000 // max(n, 1)))
        out.append((p, f"models/w{i}.safetensors"))
    return out


def test_digests_match_hashlib(tmp_path: Path) -> None:
    files = _files(tmp_path)
    result, diags = hash_files(files, jobs=2)
    assert diags == []
    assert result == {rel: hashlib.sha256(p.read_bytes()).hexdigest() for p, rel in files}
    assert list(result) == sorted(result)


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.bin"
    p.write_bytes(b"")
    result, _ = hash_files([(p, "empty.bin")])
    assert result == {
        "empty.bin": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    }


def test_hf_cache_blob_name_is_reused_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digest = "a" * 64
    repo = tmp_path / "hub" / "models--Qwen--Qwen2.5-0.5B"
    blob = repo / "blobs" / digest
    blob.parent.mkdir(parents=True)
    blob.write_bytes(b"not really the content")
    snap = repo / "snapshots" / ("0" * 40)
    snap.mkdir(parents=True)
    (snap / "model.safetensors").symlink_to(Path("../../blobs") / digest)
    small = repo / "blobs" / ("b" * 40)  # git sha1 of a small non-LFS file: must be hashed
    small.write_bytes(b"{}")
    (snap / "config.json").symlink_to(Path("../../blobs") / ("b" * 40))

    calls: list[str] = []
    real = hashing_mod.sha256_file
    monkeypatch.setattr(
        hashing_mod,
        "sha256_file",
        lambda p, rel="", progress=None: calls.append(rel) or real(p, rel, progress),
    )
    result, diags = hash_files(
        [
            (snap / "model.safetensors", "m/model.safetensors"),
            (snap / "config.json", "m/config.json"),
        ]
    )
    assert diags == []
    assert result == {
        "m/config.json": hashlib.sha256(b"{}").hexdigest(),
        "m/model.safetensors": digest,
    }
    assert calls == ["m/config.json"]
    assert hf_blob_sha256(blob) == digest
    assert hf_blob_sha256(tmp_path / "blobs" / digest) is None  # not under a models--* dir


def test_disk_cache_skips_unchanged_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files(tmp_path, 2)
    cache = tmp_path / "cache"
    first, _ = hash_files(files, cache_dir=cache)
    doc = json.loads((cache / "sha256-cache.json").read_text())
    assert doc["version"] == 1 and set(doc["entries"]) == {os.path.abspath(p) for p, _ in files}

    calls: list[str] = []
    real = hashing_mod.sha256_file
    monkeypatch.setattr(
        hashing_mod,
        "sha256_file",
        lambda p, rel="", progress=None: calls.append(rel) or real(p, rel, progress),
    )
    second, _ = hash_files(files, cache_dir=cache)
    assert second == first and calls == []

    # a changed file (size and mtime differ) is hashed again; the other is not
    p0, rel0 = files[0]
    p0.write_bytes(b"changed")
    third, _ = hash_files(files, cache_dir=cache)
    assert calls == [rel0]
    assert third[rel0] == hashlib.sha256(b"changed").hexdigest()


def test_corrupt_cache_file_is_ignored(tmp_path: Path) -> None:
    files = _files(tmp_path, 1)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "sha256-cache.json").write_text("{not json")
    result, diags = hash_files(files, cache_dir=cache)
    assert diags == [] and len(result) == 1
    assert json.loads((cache / "sha256-cache.json").read_text())["version"] == 1


def test_progress_reports_start_and_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hashing_mod, "PROGRESS_STEP", 1024 * 1024)
    p = tmp_path / "big.gguf"
    p.write_bytes(os.urandom(9 * 1024 * 1024 + 7))
    events: list[tuple[str, int, int]] = []
    hash_files(
        [(p, "big.gguf")], progress=lambda rel, done, total: events.append((rel, done, total))
    )
    total = 9 * 1024 * 1024 + 7
    assert events[0] == ("big.gguf", 0, total) and events[-1] == ("big.gguf", total, total)
    assert [d for _, d, _ in events] == sorted(d for _, d, _ in events) and len(events) >= 4


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    files = [*_files(tmp_path, 1), (tmp_path / "gone.bin", "gone.bin")]
    result, diags = hash_files(files)
    assert list(result) == ["models/w0.safetensors"]
    assert [(d.path, d.code) for d in diags] == [("gone.bin", "weights-unreadable")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_not_hashed(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.bin"
    os.mkfifo(fifo)
    result, diags = hash_files([(fifo, "pipe.bin")])
    assert result == {} and [(d.path, d.code) for d in diags] == [
        ("pipe.bin", "weights-unreadable")
    ]
