"""The tree walk: .gitignore, skipped trees, symlinks, excludes, determinism."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aibom.walk import any_pattern, compile_patterns, walk


def _rels(root: Path, **kw: object) -> list[str]:
    return [f.rel for f in walk(root, **kw).files()]  # type: ignore[arg-type]


def test_gitignore_is_honoured_at_every_level(make_tree) -> None:
    root = make_tree(
        {
            ".gitignore": "ignored/\n*.log\n!keep.log\n",
            "app.py": "",
            "debug.log": "",
            "keep.log": "",
            "ignored/x.py": "",
            "pkg/.gitignore": "local_only.py\n",
            "pkg/local_only.py": "",
            "pkg/mod.py": "",
            "other/local_only.py": "",
        }
    )
    assert _rels(root) == [
        ".gitignore",
        "app.py",
        "keep.log",
        "other/local_only.py",
        "pkg/.gitignore",
        "pkg/mod.py",
    ]


def test_no_gitignore_scans_ignored_files(make_tree) -> None:
    root = make_tree({".gitignore": "ignored/\n", "ignored/x.py": "", "a.py": ""})
    assert "ignored/x.py" in _rels(root, use_gitignore=False)


def test_vendored_and_cache_trees_are_skipped(make_tree) -> None:
    root = make_tree(
        {
            "src/app.py": "",
            ".git/config": "",
            "node_modules/openai/index.js": "",
            ".venv/lib/x.py": "",
            "env/pyvenv.cfg": "home = /usr",
            "env/lib/site.py": "",
            "build/lib/site-packages/transformers/x.py": "",
            "src/__pycache__/app.cpython-311.pyc": "",
            "pkg.egg-info/PKG-INFO": "",
        }
    )
    assert _rels(root) == ["src/app.py"]


def test_virtualenv_is_found_by_its_pyvenv_cfg_file_only(make_tree, tmp_path: Path) -> None:
    root = make_tree(
        {
            "env/pyvenv.cfg": "home = /usr",
            "env/lib/site.py": "",
            "notenv/pyvenv.cfg/x.py": "",  # a directory of that name is not a virtualenv
            "pkg/pyvenv.cfg.bak": "",
        }
    )
    assert _rels(root) == ["notenv/pyvenv.cfg/x.py", "pkg/pyvenv.cfg.bak"]
    # the scan root itself is scanned even when it is a virtualenv
    assert _rels(root / "env") == ["pyvenv.cfg", "lib/site.py"]
    if hasattr(os, "symlink"):  # a linked pyvenv.cfg marks a virtualenv (os.path.isfile)
        target = tmp_path / "cfg"
        target.write_text("home = /usr")
        (root / "pkg" / "pyvenv.cfg").symlink_to(target)
        assert _rels(root) == ["notenv/pyvenv.cfg/x.py"]


def test_virtualenv_below_the_depth_limit_is_skipped_without_a_diagnostic(tmp_path: Path) -> None:
    from aibom.walk import MAX_DEPTH

    d = tmp_path / "deep"
    cur = d
    for _ in range(MAX_DEPTH):
        cur = cur / "d"
    (cur / "venv-like").mkdir(parents=True)
    (cur / "venv-like" / "pyvenv.cfg").write_text("")
    (cur / "x.py").write_text("")
    result = walk(d)
    assert result.file_count == 1
    assert result.diagnostics == []


def test_excludes_are_gitignore_style(make_tree) -> None:
    root = make_tree({"tests/test_a.py": "", "src/a.py": "", "src/gen/b.py": ""})
    assert _rels(root, excludes=["tests/", "src/gen/**"]) == ["src/a.py"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlinks_are_never_followed(make_tree, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("x = 1")
    root = make_tree({"a.py": ""})
    (root / "link_dir").symlink_to(outside, target_is_directory=True)
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "link_file.py").symlink_to(outside / "secret.py")
    assert _rels(root) == ["a.py"]


def test_order_is_sorted_and_stable(make_tree) -> None:
    root = make_tree({"b/z.py": "", "a.py": "", "b/a.py": "", "B.py": ""})
    assert _rels(root) == ["B.py", "a.py", "b/a.py", "b/z.py"]
    assert _rels(root) == _rels(root)


def test_unreadable_directory_is_a_diagnostic(make_tree) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read everything")
    root = make_tree({"locked/a.py": "", "b.py": ""})
    (root / "locked").chmod(0)
    try:
        result = walk(root)
    finally:
        (root / "locked").chmod(0o755)
    assert [d.path for d in result.diagnostics] == ["locked"]


def test_deep_nesting_stops_with_a_diagnostic(tmp_path: Path) -> None:
    from aibom.walk import MAX_DEPTH

    d = tmp_path / "deep"
    d.mkdir()
    cur = d
    for _ in range(MAX_DEPTH + 3):
        cur = cur / "d"
    cur.mkdir(parents=True)
    (cur / "x.py").write_text("")
    result = walk(d)
    assert result.file_count == 0
    assert [diag.code for diag in result.diagnostics] == ["too-deep"]


def test_combined_ignore_regex_finds_exactly_what_some_pattern_matches() -> None:
    lines = ["*.pyc", "/build/", "node_modules", "!keep.txt", "docs/**/x", "# c", "", "a?[bc]/"]
    lines += ["\\#literal", "**/cache/**", "name with (?P<g>x) parens", "*.[oa]", "/only-root"]
    spec = compile_patterns(lines, [], ".gitignore")
    combined = any_pattern(spec)
    assert combined is not None
    paths = ["x.pyc", "src/x.pyc", "build/", "src/build/", "node_modules/", "a/node_modules"]
    paths += ["keep.txt", "d/keep.txt", "docs/x", "docs/a/b/x", "ab/", "ab", "#literal", "plain"]
    paths += ["a/cache/b", "name with (?P<g>x) parens", "lib.o", "only-root", "sub/only-root"]
    for path in paths:
        some = any(p.include is not None and p.match_file(path) for p in spec.patterns)
        assert (combined.search(path) is not None) == some, path
    assert any_pattern(compile_patterns(["# only a comment", ""], [], ".gitignore")) is not None


def test_the_walk_makes_source_files_equal_to_the_constructor_s(make_tree) -> None:
    import dataclasses

    from aibom.walk import SourceFile, _source_file

    root = make_tree({"pkg/a.py": "x = 1\n"})
    (made,) = walk(root).files()
    built = SourceFile(made.rel, made.path, made.size, made.stamp)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert vars(made) == vars(built)
    assert [f.name for f in dataclasses.fields(SourceFile)] == ["rel", "path", "size", "stamp"]
    assert made.name == "a.py" and made.directory == "pkg"
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.size = 0  # type: ignore[misc]
    fast = _source_file("b.py", root / "b.py", 3, (1, 2, 3))
    assert vars(fast) == vars(SourceFile("b.py", root / "b.py", 3, (1, 2, 3)))
