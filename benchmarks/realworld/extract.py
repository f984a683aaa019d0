"""Extract HEAD of a bare git directory into DEST, skipping blobs a partial snapshot lacks.

Usage: python benchmarks/realworld/extract.py /work/.mirror/OWNER+NAME/repo /tmp/realworld/repos/OWNER__NAME

``git archive`` stops at the first missing blob ("invalid object"); the search tool's snapshots
may omit large files (images, fonts), so this reads the tree blob by blob instead. Symlinks are
not recreated. Prints how many files were written and how many were missing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def tree_blobs(git_dir: str) -> list[tuple[str, str]]:
    """(sha, path) of every regular file in HEAD."""
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "ls-tree", "-r", "-z", "HEAD"],
        capture_output=True,
        check=True,
    ).stdout
    blobs = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, path = record.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind == b"blob" and mode != b"120000":
            blobs.append((sha.decode(), path.decode()))
    return blobs


def extract(git_dir: str, dest: Path) -> tuple[int, int]:
    """Write every present blob of HEAD under dest; return (written, missing)."""
    blobs = tree_blobs(git_dir)
    proc = subprocess.Popen(
        ["git", "--git-dir", git_dir, "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    written = missing = 0
    for sha, path in blobs:
        proc.stdin.write(sha.encode() + b"\n")
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        if header[1] == b"missing":
            missing += 1
            continue
        data = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)  # the newline after the object
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    proc.stdin.close()
    proc.wait()
    return written, missing


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    done, absent = extract(sys.argv[1], Path(sys.argv[2]))
    print(f"{sys.argv[2]}: {done} files written, {absent} missing from the snapshot")
