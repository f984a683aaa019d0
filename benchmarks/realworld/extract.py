"""Extract HEAD of a bare git directory into DEST, skipping blobs a partial snapshot lacks.

Usage: python benchmarks/realworld/extract.py [--git-index | --git-index-only] [--ref REF] MIRROR DEST
  e.g. MIRROR=/work/.mirror/OWNER+NAME/repo DEST=/tmp/realworld/repos/OWNER__NAME

``git archive`` stops at the first missing blob ("invalid object"); the search tool's snapshots
may omit large files (images, fonts), so this reads the tree blob by blob instead. Symlinks are
not recreated. Prints how many files were written and how many were missing.

``--git-index`` also writes ``DEST/.git/index`` (HEAD's tree, no blobs: ``git read-tree`` with
``GIT_INDEX_FILE``) and a ``DEST/.git/HEAD`` naming the commit, so the checkout looks like a
clone to aibom: files tracked despite a .gitignore rule are then scanned, as in a real clone.
``--git-index-only`` writes just those two files into an existing checkout. DEST/.git is not a
usable repository (no objects); aibom only reads its index.
"""

from __future__ import annotations

import argparse
import os
import subprocess
from pathlib import Path


def tree_blobs(git_dir: str, ref: str = "HEAD") -> list[tuple[str, str]]:
    """(sha, path) of every regular file in ``ref``."""
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "ls-tree", "-r", "-z", ref],
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


def extract(git_dir: str, dest: Path, ref: str = "HEAD") -> tuple[int, int]:
    """Write every present blob of ``ref`` under dest; return (written, missing)."""
    blobs = tree_blobs(git_dir, ref)
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


def write_git_index(git_dir: str, dest: Path, ref: str = "HEAD") -> Path:
    """Write dest/.git/index listing ``ref``'s tree (no blobs needed) and dest/.git/HEAD."""
    dot_git = dest / ".git"
    dot_git.mkdir(parents=True, exist_ok=True)
    index = dot_git / "index"
    env = {**os.environ, "GIT_INDEX_FILE": str(index.resolve())}
    subprocess.run(["git", "--git-dir", git_dir, "read-tree", ref], env=env, check=True)
    commit = subprocess.run(
        ["git", "--git-dir", git_dir, "rev-parse", ref],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.strip()
    (dot_git / "HEAD").write_text(commit + "\n", encoding="utf-8")
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mirror", help="bare git directory, e.g. /work/.mirror/OWNER+NAME/repo")
    parser.add_argument("dest", type=Path, help="checkout directory to write")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--git-index", action="store_true", help="also write DEST/.git/index")
    mode.add_argument(
        "--git-index-only", action="store_true", help="only write DEST/.git/index and HEAD"
    )
    parser.add_argument(
        "--ref", default="HEAD", help="commit or branch to extract (a label's `ref`; default HEAD)"
    )
    args = parser.parse_args()
    if not args.git_index_only:
        done, absent = extract(args.mirror, args.dest, args.ref)
        print(f"{args.dest}: {done} files written, {absent} missing from the snapshot")
    if args.git_index or args.git_index_only:
        print(f"{write_git_index(args.mirror, args.dest, args.ref)}: written")


if __name__ == "__main__":
    main()
