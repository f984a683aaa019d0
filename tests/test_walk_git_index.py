"""Tracked files are part of the project even when .gitignore matches them (git's semantics).

Indexes are written byte by byte (builders.gitindex); the last tests also check the parser
against indexes git itself writes, skipped when git is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from builders.gitindex import index_bytes, write_index
from recall_scan import models, scan

from aibom.gitindex import GitIndexError, parse_index

LOADER = 'from transformers import AutoModel\nAutoModel.from_pretrained("{}")\n'
IGNORES = "/extensions\n*.ipynb\nlocal.py\n"


def _tree(make_tree) -> Path:
    return make_tree(
        {
            ".gitignore": IGNORES,
            "app.py": LOADER.format("org/app-model"),
            "extensions/tts/script.py": LOADER.format("org/tracked-extension"),
            "extensions/tts/scratch.py": LOADER.format("org/untracked-in-extension"),
            "extensions/other/x.py": LOADER.format("org/untracked-dir"),
            "local.py": LOADER.format("org/untracked-ignored"),
            "pkg/local.py": LOADER.format("org/tracked-ignored"),
        }
    )


TRACKED = [".gitignore", "app.py", "extensions/tts/script.py", "pkg/local.py"]


def _names(root: Path) -> set[str]:
    return set(models(scan(root)))


def test_without_git_gitignore_skips_as_before(make_tree) -> None:
    assert _names(_tree(make_tree)) == {"org/app-model"}


@pytest.mark.parametrize(
    "kw",
    [
        {"version": 2},
        {"version": 3, "extended": ["pkg/local.py"]},
        {"version": 4},
        {"version": 4, "extended": ["app.py"]},
        {"version": 2, "oid_len": 32},  # a SHA-256 repository
    ],
    ids=["v2", "v3", "v4", "v4-extended", "sha256"],
)
def test_tracked_but_ignored_files_are_scanned(make_tree, kw: dict[str, object]) -> None:
    root = _tree(make_tree)
    write_index(root, TRACKED, **kw)
    # tracked: scanned despite /extensions and local.py; the untracked ones stay skipped,
    # including the untracked file inside the ignored directory that holds a tracked one
    assert _names(root) == {"org/app-model", "org/tracked-extension", "org/tracked-ignored"}


def test_scan_of_a_subdirectory_finds_the_index_above(make_tree) -> None:
    root = _tree(make_tree)
    (root / "pkg/.gitignore").write_text("*.py\n", encoding="utf-8")
    (root / "pkg/untracked.py").write_text(LOADER.format("org/untracked-sub"), encoding="utf-8")
    write_index(root, TRACKED)
    assert _names(root / "pkg") == {"org/tracked-ignored"}


def test_worktree_git_file_points_to_the_index(make_tree, tmp_path: Path) -> None:
    root = _tree(make_tree)
    git_dir = tmp_path / "main-repo" / ".git" / "worktrees" / "wt"
    git_dir.mkdir(parents=True)
    (git_dir / "index").write_bytes(index_bytes(TRACKED))
    (root / ".git").write_text(f"gitdir: {git_dir}\n", encoding="utf-8")
    assert "org/tracked-extension" in _names(root)


def test_submodule_under_an_ignored_directory_is_scanned_whole(make_tree) -> None:
    root = _tree(make_tree)
    write_index(root, [".gitignore", "app.py"], gitlinks=["extensions/tts"])
    assert _names(root) == {
        "org/app-model",
        "org/tracked-extension",
        "org/untracked-in-extension",
    }


def test_tracked_files_in_vendored_trees_stay_skipped(make_tree) -> None:
    root = _tree(make_tree)
    (root / "node_modules/openai").mkdir(parents=True)
    (root / "node_modules/openai/x.py").write_text(LOADER.format("org/vendored"), "utf-8")
    write_index(root, [*TRACKED, "node_modules/openai/x.py"])
    assert "org/vendored" not in _names(root)


def test_exclude_still_applies_to_tracked_files(make_tree) -> None:
    from aibom.pipeline import ScanRequest, scan_tree

    root = _tree(make_tree)
    write_index(root, TRACKED)
    inv = scan_tree(ScanRequest(root=root, hash_weights=False, excludes=("extensions/",)))
    assert set(models(inv)) == {"org/app-model", "org/tracked-ignored"}


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-7],  # truncated
        lambda b: b[:40] + b"\xff" + b[41:],  # a flipped byte: checksum mismatch
        lambda b: b"DIRC\x00\x00\x00\x07" + b[8:],  # unknown version
        lambda b: b"not an index at all" * 3,
    ],
    ids=["truncated", "corrupt", "version", "garbage"],
)
def test_bad_index_gives_a_diagnostic_and_the_old_behaviour(make_tree, damage) -> None:
    root = _tree(make_tree)
    index = write_index(root, TRACKED)
    index.write_bytes(damage(index.read_bytes()))
    inv = scan(root)
    assert set(models(inv)) == {"org/app-model"}
    notes = [d for d in inv.diagnostics if d.code == "git-index"]
    assert len(notes) == 1 and notes[0].path == ".git/index"
    assert "apply to tracked files too" in notes[0].message


def test_index_is_not_read_when_no_rule_matches(make_tree) -> None:
    root = make_tree({"app.py": LOADER.format("org/app-model")})
    (root / ".git").mkdir()
    (root / ".git/index").write_bytes(b"garbage")  # never read: nothing is ignored
    inv = scan(root)
    assert set(models(inv)) == {"org/app-model"}
    assert not [d for d in inv.diagnostics if d.code == "git-index"]


def test_parser_rejects_entry_counts_the_file_cannot_hold() -> None:
    data = bytearray(index_bytes(["a"]))
    data[8:12] = (10**6).to_bytes(4, "big")
    with pytest.raises(GitIndexError, match="more than its size"):
        parse_index(bytes(data))


GIT = shutil.which("git")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "core.hooksPath=/dev/null", *args], cwd=cwd, check=True, capture_output=True
    )


@pytest.mark.skipif(GIT is None, reason="git is not installed")
@pytest.mark.parametrize("version", ["2", "3", "4"])
def test_parser_reads_indexes_git_writes(make_tree, version: str) -> None:
    root = _tree(make_tree)
    (root / "deep/nested/dir").mkdir(parents=True)
    (root / "deep/nested/dir/file.txt").write_text("x", "utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-f", ".gitignore", "app.py", "extensions/tts/script.py", "pkg/local.py")
    _git(root, "add", "deep")
    if version == "3":
        (root / "new.py").write_text("", "utf-8")
        _git(root, "add", "-N", "new.py")  # intent-to-add: an extended flag, version 3
    else:
        _git(root, "update-index", "--index-version", version)
    data = (root / ".git/index").read_bytes()
    assert data[4:8] == int(version).to_bytes(4, "big")
    expected = [*TRACKED, "deep/nested/dir/file.txt"] + (["new.py"] if version == "3" else [])
    assert sorted(p.decode() for p, _ in parse_index(data)) == sorted(expected)
    assert _names(root) == {"org/app-model", "org/tracked-extension", "org/tracked-ignored"}
