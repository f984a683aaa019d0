"""One hostile tree per class of bad input (issue 12), each scanned by a real `aibom scan` process.

Every case plants an ordinary model reference beside the hostile file and asserts:
the exit code, a schema-valid BOM, the planted model still reported, no control
character in any output (terminal, BOM, Markdown report), the tree unchanged,
and the child process's peak RSS (``ru_maxrss`` from ``os.wait4``) under budget.
Sizes are scaled down where the class shows at a smaller size; set
``AIBOM_HOSTILE_SCALE=10`` to run the large variants. Set ``AIBOM_RSS_LOG`` to a
file to record the peak RSS of every case (one JSON line each).
"""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import validate_cyclonedx

SRC = Path(__file__).resolve().parents[1] / "src"
SCALE = int(os.environ.get("AIBOM_HOSTILE_SCALE", "1"))
PLANTED = "Qwen/Qwen2.5-0.5B"
PLANT = f"from transformers import AutoModel\nAutoModel.from_pretrained({PLANTED!r})\n"
HOSTILE_RSS_MB = 1024  # issue 12: any input
ORDINARY_RSS_MB = 300  # issue 12: ordinary projects
# Any C0 control but tab/LF/CR, DEL, any C1 control: none may reach an output.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
ESC_SEQUENCES = "\x1b[2J\x1b]0;pwned\x07\x1bP+q\x1b\\\u009b31m"


def _write(root: Path, rel: str | bytes, content: str | bytes) -> Path:
    path = Path(os.fsdecode(rel)) if isinstance(rel, bytes) else Path(rel)
    path = root / path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content
    )
    return path


# --- one builder per class ------------------------------------------------------------------


def non_utf8(root: Path) -> None:
    _write(
        root,
        b"bad\xffdir/svc\xfe.py",
        "import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o')\n",
    )
    _write(
        root,
        "literal.py",
        b"x = '\xff\xfe'\nfrom transformers import pipeline\npipeline(model='org/a\xffb')\n",
    )
    _write(
        root,
        "surrogate.py",
        "from transformers import AutoModel\nAutoModel.from_pretrained('org/m\\udcff-x')\n",
    )
    _write(
        root,
        "settings.json",
        '{"model": "gpt-4o\\udcff", "llm_model": "' + "\\ud800" * 50_000 + '"}',
    )


def bad_gitignore(root: Path) -> None:
    _write(root, ".gitignore", "[z-a]\nsecret/\n\\\n")
    _write(root, "secret/leak.py", PLANT.replace(PLANTED, "org/ignored-model"))


def big_numbers(root: Path) -> None:
    n = "9" * (5000 * SCALE)
    _write(
        root,
        "package.json",
        '{"name":"x","version":"1.0.0","dependencies":{"openai":"4.0.0"},"n":' + n + "}",
    )
    _write(
        root,
        "package-lock.json",
        '{"lockfileVersion":' + n + ',"packages":{"node_modules/openai":{"version":"4.0.0"}}}',
    )
    _write(
        root,
        "pyproject.toml",
        "[project]\nname='x'\nversion='1'\ndependencies=['openai==1."
        + n
        + "']\n[tool.x]\nn = "
        + n
        + "\n",
    )
    _write(root, "requirements.txt", f"torch=={n}\ntransformers>=4.40\n")
    _write(
        root,
        "docker-compose.yml",
        f"services:\n  llm:\n    image: vllm/vllm-openai\n    deploy:\n      replicas: {n}\n    ports: ['{n}:80']\n",
    )
    _write(root, "config.json", '{"model": "gpt-4o", "port": ' + n + "}")
    _write(root, "app.toml", f"model = 'gpt-4o'\nport = {n}\n")
    _write(root, "values.yaml", f"model: gpt-4o\nport: {n}\n")
    _write(root, ".env", f"OPENAI_MODEL=gpt-4o\nPORT={n}\n")
    _write(root, "m/config.json", '{"model_type":"llama","vocab_size":' + n + "}")
    _write(root, "m/model.safetensors", struct.pack("<Q", 2) + b"{}")


def self_expanding_variables(root: Path) -> None:
    depth = 30
    lines = [f"V{depth}=xxxxxxxxxx"]
    lines += [f"V{i}=" + f"${{V{i + 1}}}" * 20 for i in range(depth - 1, -1, -1)]
    _write(root, ".env", "\n".join(lines) + "\nMODEL=$V0\n")
    _write(
        root,
        "docker-compose.yml",
        "services:\n  a:\n    image: ${V0}\n    env_file: .env\n    environment:\n      - MODEL=${V0}${V0}\n",
    )


def huge_safetensors_header(root: Path) -> None:
    # The length prefix claims a 90 MB header; the file is sparse, so nothing big is written.
    (root / "weights").mkdir()
    with (root / "weights" / "model.safetensors").open("wb") as fh:
        fh.write(struct.pack("<Q", 90 * 1024 * 1024) + b'{"a":')
        fh.truncate(90 * 1024 * 1024 + 8)
    entries = 20_000 * SCALE  # a real, parseable header of a few MB: read within budget
    header = json.dumps(
        {
            f"t{i}": {"dtype": "F16", "shape": [2], "data_offsets": [4 * i, 4 * i + 4]}
            for i in range(entries)
        }
    ).encode()
    _write(
        root,
        "big/model.safetensors",
        struct.pack("<Q", len(header)) + header + b"\x00" * (4 * entries),
    )


def flat_python_expression(root: Path) -> None:
    # an AI import first, so the byte pre-filter hands both files to the Python parser
    _write(root, "generated.py", "import openai\nx = [" + "1," * (1_500_000 * SCALE) + "]\n")
    # importing it makes the project-module loader want its constants: same budget there
    _write(
        root,
        "uses.py",
        "from generated import x\nfrom transformers import AutoModel\nAutoModel.from_pretrained(x)\n",
    )
    _write(root, "chain.py", "import openai\ny = " + "a+" * (400_000 * SCALE) + "a\n")


def control_sequences(root: Path) -> None:
    _write(
        root,
        "esc.py",
        f"from transformers import AutoModel\nAutoModel.from_pretrained({'evil/m' + ESC_SEQUENCES!r})\nimport openai\nopenai.OpenAI(base_url={'http://x' + ESC_SEQUENCES!r})\n",
    )
    card = {
        "license": "mit" + ESC_SEQUENCES,
        "base_model": "meta-llama/Llama-3.1-8B" + ESC_SEQUENCES,
        "datasets": ["ds" + ESC_SEQUENCES],
        "model_name": ESC_SEQUENCES,
    }
    _write(root, "m/README.md", "---\n" + json.dumps(card) + "\n---\n# \x1b[31mred\n")
    _write(
        root,
        "m/config.json",
        json.dumps({"model_type": "llama" + ESC_SEQUENCES, "architectures": ["\x1b[2JLlama"]}),
    )
    _write(root, "m/model.safetensors", struct.pack("<Q", 2) + b"{}")
    _write(root, "dir\x1b[2J/x.py", PLANT.replace(PLANTED, "org/in-odd-dir"))


def symlinks(root: Path) -> None:
    outside = root.parent.parent / "outside"  # beside the scan root <work>/project
    outside.mkdir()
    _write(outside, "secret.py", PLANT.replace(PLANTED, "org/outside-model"))
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "a").mkdir()
    (root / "a" / "b").symlink_to("../a", target_is_directory=True)
    (root / "out").symlink_to(outside, target_is_directory=True)
    (root / "out.py").symlink_to(outside / "secret.py")
    (root / "dangling.safetensors").symlink_to(root / "nowhere")


def special_files(root: Path) -> None:
    (root / "fifodir").mkdir()
    for name in ("model.safetensors", "config.json", "requirements.txt", "model.gguf", "main.py"):
        os.mkfifo(root / "fifodir" / name)
    for dev, name in (
        ("/dev/zero", "pytorch_model.bin"),
        ("/dev/urandom", "weights.gguf"),
        ("/dev/null", "main.py"),
    ):
        (root / name).symlink_to(dev)


def sparse_weights(root: Path) -> None:
    header = json.dumps(
        {"w": {"dtype": "F32", "shape": [1024, 1024, 1024], "data_offsets": [0, 4 * 1024**3]}}
    ).encode()
    with (root / "model.safetensors").open("wb") as fh:
        fh.write(struct.pack("<Q", len(header)) + header)
        fh.truncate(8 + len(header) + 4 * 1024**3)
    with (root / "pytorch_model.bin").open("wb") as fh:
        fh.truncate(3 * 1024**3)
    with (root / "model.gguf").open("wb") as fh:
        fh.write(b"GGUF" + struct.pack("<I", 3) + struct.pack("<QQ", 0, 0))
        fh.truncate(5 * 1024**3)


def zip_bombs(root: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        # 32 MiB of zeros: over the 16 MiB floor and ~1000:1, so a bomb (128 MiB x SCALE: large)
        z.writestr("archive/data.pkl", b"\x00" * (32 * 1024 * 1024 * SCALE))
        z.writestr("archive/version", b"3\n")
    _write(root, "weights/bomb.pt", buf.getvalue())
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_STORED) as z:
        for i in range(20_000):
            z.writestr(f"archive/data/{i}", b"")
    _write(root, "weights/many.pt", many.getvalue())
    _write(root, "weights/model.keras", buf.getvalue())
    _write(root, "data.npz", buf.getvalue())


class _Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch /tmp/aibom-pwned",))


def pickle_payloads(root: Path) -> None:
    _write(root, "weights/evil.pkl", pickle.dumps(_Evil(), protocol=2))
    _write(root, "weights/evil.bin", pickle.dumps({"x": _Evil()}, protocol=4))
    _write(root, "weights/huge_len.pkl", b"\x80\x04\x8d" + struct.pack("<Q", 2**60) + b"x")
    _write(root, "weights/memo.pkl", b"\x80\x02" + b"N\x94" * 200_000 + b".")
    _write(root, "weights/deep.pkl", b"\x80\x02" + b"]" * 200_000 + b".")


def deep_nesting(root: Path) -> None:
    n = 100_000 * SCALE
    _write(root, "deep.json", "[" * n + "]" * n)
    _write(root, "config/deep.yaml", "a: " + "[" * n + "]" * n)
    _write(root, "deep.toml", "a = " + "[" * n + "]" * n)
    _write(root, "deep.py", "x = " + "(" * 5000 + ")" * 5000 + "\n")
    _write(root, "Dockerfile", "FROM vllm/vllm-openai\nCMD " + "[" * n + "\n")
    _write(root, "setup.py", "x = [" + "1," * 500_000 + "]\n")
    _write(root, "deep.ipynb", '{"cells": ' + "[" * n + "]" * n + "}")
    for _ in range(200):
        root = root / "d"
    _write(root, "deep-dir.py", PLANT)


def billion_laughs(root: Path) -> None:
    bomb = (
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\nmodel: [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    )
    _write(root, "bomb.yaml", bomb)
    _write(
        root,
        "docker-compose.yml",
        "x-" + bomb.replace("\n", "\nx-", 8) + "services:\n  a:\n    image: vllm/vllm-openai\n",
    )
    _write(root, "values.yaml", bomb)
    _write(root, "pnpm-lock.yaml", "lockfileVersion: '9.0'\n" + bomb)
    _write(root, "m/README.md", "---\n" + bomb + "---\n")
    _write(root, "m/model.safetensors", struct.pack("<Q", 2) + b"{}")


def minified_js(root: Path) -> None:
    body = (
        "var a=" + ",".join(f"x{i}=function(){{return {i}}}" for i in range(150_000 * SCALE)) + ";"
    )
    _write(root, "dist/app.min.js", body)
    _write(root, "src/app.js", "const x = " + "[" * 20_000 + "]" * 20_000 + ";" + body[:1_500_000])


def huge_notebook(root: Path) -> None:
    cells = [{"cell_type": "code", "source": "x = 1", "metadata": {}, "outputs": []}] * (
        200_000 * SCALE
    )
    _write(
        root,
        "big.ipynb",
        json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5, "metadata": {}}),
    )
    small = [{"cell_type": "code", "source": "x = 1"}] * 30_000
    _write(root, "many.ipynb", json.dumps({"cells": small, "nbformat": 4}))


def many_files(root: Path) -> None:
    count = 5_000 * SCALE  # 200k with AIBOM_HOSTILE_SCALE=40
    for d in range(count // 1000):
        sub = root / f"pkg{d}"
        sub.mkdir()
        for i in range(1000):
            (sub / f"m{i}.py").write_bytes(b"x = 1\n")


def odd_permissions(root: Path) -> None:
    locked = _write(root, "m/model.safetensors", struct.pack("<Q", 2) + b"{}")
    _write(root, "m/config.json", '{"model_type": "llama"}')
    _write(root, "closed/app.py", PLANT.replace(PLANTED, "org/closed"))
    _write(root, "noexec/app.py", PLANT.replace(PLANTED, "org/noexec"))
    _write(root, "wo.py", PLANT)
    locked.chmod(0)
    (root / "m" / "config.json").chmod(0)
    (root / "wo.py").chmod(0o200)
    (root / "closed").chmod(0)
    (root / "noexec").chmod(0o444)


CASES: dict[str, Callable[[Path], None]] = {
    f.__name__: f
    for f in (
        non_utf8,
        bad_gitignore,
        big_numbers,
        self_expanding_variables,
        huge_safetensors_header,
        flat_python_expression,
        control_sequences,
        symlinks,
        special_files,
        sparse_weights,
        zip_bombs,
        pickle_payloads,
        deep_nesting,
        billion_laughs,
        minified_js,
        huge_notebook,
        many_files,
        odd_permissions,
    )
}


# --- harness ------------------------------------------------------------------------------------


def _snapshot(root: Path) -> dict[bytes, tuple[int, int, int]]:
    """(mode, size, mtime) of every entry, links not followed: the tree must not change."""
    seen: dict[bytes, tuple[int, int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(os.fsencode(root), followlinks=False):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            seen[p] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return seen


def _restore_permissions(root: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            if not p.is_symlink():
                p.chmod(0o755 if p.is_dir() else 0o644)
    for p in root.rglob("*"):
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o755)


# Linux carries the parent's high-water RSS into a forked child's ru_maxrss, so aibom is
# started from a small launcher process (not from pytest) and the launcher reports its usage.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(p.pid, 0)\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_aibom(args: list[str], workdir: Path) -> tuple[int, str, int]:
    """Run ``python -m aibom *args``; return (exit code, stdout+stderr, peak RSS in MB)."""
    env = dict(os.environ, PYTHONPATH=str(SRC), COLUMNS="200", TERM="xterm")
    out_path, rss_path = workdir / "terminal.txt", workdir / "rss.txt"
    with out_path.open("wb") as out:
        proc = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(rss_path), sys.executable, "-m", "aibom", *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            check=False,
        )
    rss_kb = int(rss_path.read_text())
    return proc.returncode, out_path.read_bytes().decode("utf-8"), rss_kb // 1024


def _log_rss(case: str, rss: int) -> None:
    if log := os.environ.get("AIBOM_RSS_LOG"):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"case": case, "peak_rss_mb": rss}) + "\n")


def _assert_clean(what: str, text: str) -> None:
    bad = CONTROL.search(text)
    assert bad is None, (
        f"control character {bad.group(0)!r} in {what}: ...{text[max(0, bad.start() - 60) : bad.end() + 60]!r}"
    )


def scan_case(name: str, root: Path, work: Path) -> tuple[dict, list[str], int]:
    """Scan ``root``, assert everything issue 12 asks of every case; return (BOM, diagnostics, rss)."""
    before = _snapshot(root)
    bom_path, report_path = work / "bom.json", work / "report.md"
    code, terminal, rss = run_aibom(
        ["scan", str(root), "-o", str(bom_path), "--no-hash", "--report", str(report_path)], work
    )
    _log_rss(name, rss)
    assert code == 0, terminal
    assert "Traceback" not in terminal and "internal error" not in terminal, terminal
    text = bom_path.read_bytes().decode("utf-8")  # strict: the BOM is valid UTF-8
    validate_cyclonedx(text)
    bom = json.loads(text)
    names = {c["name"] for c in bom.get("components", [])}
    assert PLANTED in names, f"planted model missing: {sorted(names)}"
    _assert_clean("terminal output", terminal)
    _assert_clean("BOM", text)
    _assert_clean("Markdown report", report_path.read_bytes().decode("utf-8"))
    assert _snapshot(root) == before, "the scan changed the tree"
    assert rss < HOSTILE_RSS_MB, f"peak RSS {rss} MB"
    diagnostics = [
        p["value"] for p in bom["metadata"].get("properties", []) if p["name"] == "aibom:diagnostic"
    ]
    assert not any("scanner-error" in d or " failed: " in d for d in diagnostics), diagnostics
    return bom, diagnostics, rss


# Classes share one aibom process per group (a process start costs seconds on a loaded CI
# machine); each class lives in its own directory of the group's tree and is still checked on
# its own: its planted model, its diagnostics, its extra checks. Peak RSS is a group's
# maximum; AIBOM_HOSTILE_SEPARATE=1 scans every class alone (RSS per class, as in the log).
GROUPS: dict[str, tuple[str, ...]] = {
    "text": (
        "non_utf8",
        "bad_gitignore",
        "big_numbers",
        "self_expanding_variables",
        "control_sequences",
        "billion_laughs",
        "deep_nesting",
    ),
    "size": ("flat_python_expression", "minified_js", "huge_notebook", "many_files"),
    "files": ("symlinks", "special_files", "sparse_weights", "odd_permissions"),
    "weights": ("huge_safetensors_header", "zip_bombs", "pickle_payloads"),
}
if os.environ.get("AIBOM_HOSTILE_SEPARATE"):
    GROUPS = {name: (name,) for name in CASES}
GROUP_OF = {case: group for group, cases in GROUPS.items() for case in cases}
assert sorted(GROUP_OF) == sorted(CASES), "every class in exactly one group"


class GroupScan:
    """One group's tree scanned once: the BOM and its diagnostics, per class on demand."""

    def __init__(self, bom: dict, diagnostics: list[str]) -> None:
        self.bom = bom
        self.diagnostics = diagnostics

    def diagnostics_of(self, case: str) -> list[str]:
        """The diagnostics about files of ``case``, paths relative to the class's directory."""
        prefix = case + "/"
        return [d.removeprefix(prefix) for d in self.diagnostics if d.startswith(prefix)]


@pytest.fixture(scope="module")
def group_scans(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], GroupScan]:
    """Build and scan each group's tree once per module (lazily, on its first class)."""
    done: dict[str, GroupScan] = {}

    def scan(group: str) -> GroupScan:
        if group not in done:
            work = tmp_path_factory.mktemp(f"hostile-{group}")
            root = work / "project"
            cases = GROUPS[group]
            for case in cases:
                if case == "special_files" and not hasattr(os, "mkfifo"):
                    continue
                case_root = root / case
                case_root.mkdir(parents=True)
                _write(case_root, "app.py", PLANT)
                CASES[case](case_root)
            out = work / "out"
            out.mkdir()
            try:
                bom, diagnostics, _ = scan_case(group, root, out)
            finally:
                if "odd_permissions" in cases:
                    _restore_permissions(root)
            done[group] = GroupScan(bom, diagnostics)
        return done[group]

    return scan


def _planted_in(bom: dict, name: str, directory: str) -> bool:
    """A component ``name`` found (among others) in a file under ``directory``."""
    for comp in bom.get("components", []):
        if comp["name"] == name:
            locations = [
                o.get("location", "") for o in comp.get("evidence", {}).get("occurrences", [])
            ]
            if any(loc.startswith(directory + "/") for loc in locations):
                return True
    return False


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_class(name: str, group_scans: Callable[[str], GroupScan]) -> None:
    if name == "special_files" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    scanned = group_scans(GROUP_OF[name])  # exit code, schema, clean outputs, tree, RSS: asserted
    assert _planted_in(scanned.bom, PLANTED, name), f"planted model of {name} missing"
    CHECKS.get(name, lambda b, d: None)(scanned.bom, scanned.diagnostics_of(name))


# --- what each class must additionally show ------------------------------------------------


def _named(diagnostics: list[str], path: str, words: str = "") -> bool:
    return any(d.startswith(path + ":") and words in d for d in diagnostics)


def _check_non_utf8(bom: dict, diagnostics: list[str]) -> None:
    assert _named(diagnostics, "bad\\xffdir/svc\\xfe.py", "not valid UTF-8")
    refs = json.dumps(bom)
    assert "bad\\\\xffdir/svc\\\\xfe.py" in refs  # the file's findings kept, name escaped
    assert "org/m\\\\udcff" in refs or "org/m\\\\xff" in refs


def _check_gitignore(bom: dict, diagnostics: list[str]) -> None:
    assert _named(diagnostics, ".gitignore:1", "invalid ignore pattern")
    assert "org/ignored-model" not in {c["name"] for c in bom["components"]}  # other lines kept


def _check_big_numbers(bom: dict, diagnostics: list[str]) -> None:
    assert _planted_in(bom, "openai", "big_numbers"), "openai of package.json/pyproject.toml"
    assert _planted_in(bom, "transformers", "big_numbers"), "transformers of requirements.txt"


def _check_safetensors(bom: dict, diagnostics: list[str]) -> None:
    assert _named(diagnostics, "weights/model.safetensors", "limit")
    assert not _named(diagnostics, "big/model.safetensors")


def _check_flat_python(bom: dict, diagnostics: list[str]) -> None:
    assert _named(diagnostics, "generated.py", "tokens")
    assert _named(diagnostics, "chain.py", "tokens")


def _check_control(bom: dict, diagnostics: list[str]) -> None:
    names = {c["name"] for c in bom["components"]}
    assert any(n.startswith("evil/m\\x1b[2J") for n in names), sorted(names)  # escaped, kept


def _check_symlinks(bom: dict, diagnostics: list[str]) -> None:
    assert "org/outside-model" not in json.dumps(bom)


def _check_pickles(bom: dict, diagnostics: list[str]) -> None:
    assert _named(diagnostics, "weights/evil.pkl", "system")
    assert not Path("/tmp/aibom-pwned").exists()


def _check_deep_dir(bom: dict, diagnostics: list[str]) -> None:
    assert any("too-deep" in d or "nesting deeper" in d for d in diagnostics), diagnostics


def _check_notebook(bom: dict, diagnostics: list[str]) -> None:
    assert _named(diagnostics, "big.ipynb") and _named(diagnostics, "many.ipynb", "cells")


CHECKS: dict[str, Callable[[dict, list[str]], None]] = {
    "non_utf8": _check_non_utf8,
    "bad_gitignore": _check_gitignore,
    "big_numbers": _check_big_numbers,
    "huge_safetensors_header": _check_safetensors,
    "flat_python_expression": _check_flat_python,
    "control_sequences": _check_control,
    "symlinks": _check_symlinks,
    "pickle_payloads": _check_pickles,
    "deep_nesting": _check_deep_dir,
    "huge_notebook": _check_notebook,
}


def test_ordinary_project_stays_small(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "rag-service"
    code, terminal, rss = run_aibom(
        ["scan", str(example), "-o", str(tmp_path / "bom.json"), "--no-hash"], tmp_path
    )
    _log_rss("ordinary:examples/rag-service", rss)
    assert code == 0, terminal
    assert rss < ORDINARY_RSS_MB, f"peak RSS {rss} MB"


def invoke(args: list[str]) -> tuple[int, str]:
    """Run an aibom command in this process (no RSS to measure): (exit code, stdout+stderr).

    An exception escaping the command is re-raised: it would be exit 3 from the real CLI.
    """
    from typer.testing import CliRunner

    from aibom.cli import app

    res = CliRunner().invoke(app, args)
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise res.exception
    return res.exit_code, res.output


def test_every_output_format_is_clean_of_controls(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    _write(root, "app.py", PLANT)
    control_sequences(root)
    bom = tmp_path / "bom.json"
    code, terminal = invoke(["scan", str(root), "-o", str(bom), "--no-hash"])
    assert code == 0, terminal
    for ext in ("md", "csv", "html"):
        out = tmp_path / f"report.{ext}"
        code, terminal = invoke(["report", str(bom), "-o", str(out)])
        assert code == 0, terminal
        _assert_clean(f"{ext} report", out.read_text("utf-8"))
    sarif = tmp_path / "out.sarif"
    code, terminal = invoke(
        ["check", str(bom), "--format", "sarif", "-o", str(sarif), "--fail-on", "info"]
    )
    assert code in (0, 1), terminal
    _assert_clean("SARIF", sarif.read_text("utf-8"))
    spdx = tmp_path / "bom.spdx3.json"
    code, converted = invoke(["convert", str(bom), "-o", str(spdx)])
    assert code == 0, converted
    _assert_clean("SPDX 3 document", spdx.read_text("utf-8"))
    _assert_clean("convert terminal", converted)
    terminal += converted
    _assert_clean("terminal", terminal)


def test_untrusted_bom_from_another_tool_is_cleaned_everywhere(tmp_path: Path) -> None:
    """A BOM is input too: escape sequences, lone surrogates and huge numbers in it never
    reach a report, a check format, a diff or the terminal, and never cost exit 3."""
    component = {
        "type": "machine-learning-model",
        "name": "evil\udcff" + ESC_SEQUENCES,
        "bom-ref": "m1",
        "licenses": [{"license": {"name": "x\ud800" + ESC_SEQUENCES}}],
    }
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [component]}
    path = tmp_path / "bom.json"
    # json.dumps escapes the surrogates as \udcff: valid JSON that decodes to lone surrogates
    path.write_text(json.dumps(bom)[:-1] + ', "n": ' + "9" * 5000 + "}", "utf-8")
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({**bom, "components": []}), "utf-8")
    runs = [
        (["report", str(path), "-o", str(tmp_path / f"r.{ext}")], tmp_path / f"r.{ext}")
        for ext in ("md", "csv", "html")
    ]
    runs += [
        (["check", str(path), "--format", f, "-o", str(tmp_path / f"c.{f}")], tmp_path / f"c.{f}")
        for f in ("json", "sarif", "junit", "github")
    ]
    runs += [(["check", str(path)], None), (["diff", str(empty), str(path)], None)]
    for args, out in runs:
        code, terminal = invoke(args)
        assert code in (0, 1), (args, terminal)
        _assert_clean(f"terminal of {args[:3]}", terminal)
        if out is not None:
            text = out.read_bytes().decode("utf-8")
            _assert_clean(str(out.name), text)
            assert "evil" in text
