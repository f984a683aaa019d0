"""Property-based fuzzing of every scanner's parser with arbitrary bytes and arbitrary file names.

CI runs a modest number of examples per target. The long run (>= 100,000 examples per
parser) is the same test with a bigger budget::

    AIBOM_FUZZ_EXAMPLES=100000 PYTHONPATH=src python -m pytest -p no:cacheprovider \\
        tests/test_fuzz_parsers.py --hypothesis-show-statistics

(``-k notebook`` etc. to fuzz one parser; see docs/limits.md.)
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aibom.inventory import Diagnostic
from aibom.scanners import directory_scanners, file_scanners
from aibom.scanners.base import ScanContext
from aibom.text import bom_text, clean_strings, csv_cell, display_text
from aibom.walk import SourceFile, walk

EXAMPLES = int(os.environ.get("AIBOM_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# (scanner, file name, a small valid seed the mutations start from)
FILE_TARGETS: list[tuple[str, str, bytes]] = [
    ("python", "app.py", b"from transformers import AutoModel\nAutoModel.from_pretrained('a/b')\n"),
    (
        "notebook",
        "nb.ipynb",
        b'{"cells":[{"cell_type":"code","source":["import openai\\n"]}],"nbformat":4}',
    ),
    (
        "manifests",
        "requirements.txt",
        b"torch==2.3.0\ntransformers>=4.40 ; python_version>'3.8'\n-r x.txt\n",
    ),
    (
        "manifests",
        "pyproject.toml",
        b"[project]\nname='x'\ndependencies=['openai>=1']\n[tool.poetry.dependencies]\nvllm='*'\n",
    ),
    ("manifests", "setup.cfg", b"[options]\ninstall_requires =\n    torch\n"),
    ("manifests", "Pipfile", b"[packages]\ntorch = '*'\n"),
    ("manifests", "Pipfile.lock", b'{"default":{"torch":{"version":"==2.0"}}}'),
    ("manifests", "uv.lock", b'[[package]]\nname = "torch"\nversion = "2.3.0"\n'),
    ("manifests", "poetry.lock", b'[[package]]\nname = "openai"\nversion = "1.0"\n'),
    ("npm", "package.json", b'{"dependencies":{"openai":"^4.0.0","@anthropic-ai/sdk":"1"}}'),
    (
        "npm",
        "package-lock.json",
        b'{"lockfileVersion":3,"packages":{"node_modules/openai":{"version":"4.1.0"}}}',
    ),
    ("npm", "yarn.lock", b'openai@^4:\n  version "4.1.0"\n'),
    ("npm", "pnpm-lock.yaml", b"lockfileVersion: '9.0'\npackages:\n  openai@4.1.0: {}\n"),
    ("containers", "Dockerfile", b'FROM vllm/vllm-openai\nCMD ["--model", "a/b"]\nENV MODEL=$X\n'),
    (
        "containers",
        "docker-compose.yml",
        b"services:\n  a:\n    image: ollama/ollama\n    command: serve ${M:-a/b}\n",
    ),
    ("config", "values.yaml", b"model: gpt-4o\nbase_url: https://api.openai.com/v1\n"),
    ("config", ".env", b"OPENAI_MODEL=gpt-4o\nA=${B:-x}\nB=$A$A\n"),
    ("config", "config.json", b'{"llm":{"model":"claude-3-5-sonnet","provider":"anthropic"}}'),
    ("config", "settings.toml", b"[llm]\nmodel = 'mistral-large'\n"),
    ("config", "app.ini", b"[llm]\nmodel = gpt-4o\n"),
    ("config", ".github/workflows/ci.yml", b"jobs:\n  a:\n    env:\n      MODEL: gpt-4o\n"),
    (
        "javascript",
        "app.ts",
        b"import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({model: `gpt-${v}`});\n",
    ),
    (
        "html",
        "index.html",
        b'<h4>OpenAI Model</h4><select id="model_openai_select"><optgroup label="GPT">'
        b'<option value="gpt-4o">x<option>o1-mini</select><!-- c --><script>"<select>"</script>',
    ),
    (
        "modelfile",
        "Modelfile",
        b'FROM llama3.1:8b\nPARAMETER temperature 1\nTEMPLATE """{{ .Prompt }}"""\n',
    ),
]

_SAFETENSORS = (
    struct.pack("<Q", 60)
    + b'{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}    '
    + b"\0" * 4
)
# (file of a model directory that is fuzzed, seed); the others are valid
DIR_TARGETS: list[tuple[str, bytes]] = [
    ("config.json", b'{"model_type":"llama","architectures":["LlamaForCausalLM"],"vocab_size":32000}'),
    ("README.md", b"---\nbase_model: meta-llama/Llama-3.1-8B\nlicense: llama3.1\ndatasets: [a/b]\n---\n# x\n"),
    ("tokenizer_config.json", b'{"chat_template":"{% for m in messages %}{{m}}{% endfor %}"}'),
    ("adapter_config.json", b'{"base_model_name_or_path":"a/b","peft_type":"LORA"}'),
    ("model.safetensors", _SAFETENSORS),
    ("model.gguf", b"GGUF\x03\x00\x00\x00" + struct.pack("<QQ", 0, 1) + struct.pack("<Q", 3) + b"a.b\x08\x00\x00\x00" + struct.pack("<Q", 1) + b"x"),
    ("pytorch_model.bin", b"\x80\x02}q\x00X\x01\x00\x00\x00wq\x01Ns."),
    ("model.onnx", b"\x08\x07\x12\x04test:\x02\x10\x01"),
]  # fmt: skip

_ALPHABET = st.sampled_from(
    list("{}[]():,;=\"'`$#!%-*&|<>\\/.\n\t ")
    + list("azAZ09_")
    + ["\x1b", "\x9b", "\udcff", "\ufeff", "é", "9" * 50]
)


def _payloads(seed: bytes) -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, arbitrary structured-looking text, and mutations of a valid seed."""

    def mutate(edits: list[tuple[int, int, bytes]]) -> bytes:
        data = bytearray(seed)
        for pos, cut, insert in edits:
            pos %= len(data) + 1
            data[pos : pos + cut] = insert
        return bytes(data)

    text = st.lists(_ALPHABET, max_size=300).map(
        lambda xs: "".join(xs).encode("utf-8", "surrogatepass")
    )
    edits = st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 8), st.binary(max_size=12) | text),
        min_size=1,
        max_size=6,
    )
    return st.one_of(st.binary(max_size=2000), text, edits.map(mutate))


_COUNT_LOG = os.environ.get("AIBOM_FUZZ_COUNT_LOG")
_counts: dict[str, int] = {}


def _count(target: str) -> None:
    """With AIBOM_FUZZ_COUNT_LOG set, record how many examples each target has run."""
    _counts[target] = n = _counts.get(target, 0) + 1
    if _COUNT_LOG and n % 1000 == 0:
        with open(_COUNT_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{target} {n}\n")


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="aibom-fuzz-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _check_findings(findings: list[Any]) -> None:
    """Whatever a parser returns survives the one cleaning step and is valid UTF-8 after it."""
    for finding in findings:
        assert dataclasses.is_dataclass(finding)
    cleaned = clean_strings(list(findings))
    for finding in cleaned:
        _all_strings_encodable(finding)


def _all_strings_encodable(obj: Any, depth: int = 0) -> None:
    if depth > 50:
        return
    if isinstance(obj, str):
        obj.encode("utf-8")
        assert re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", obj) is None, obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            _all_strings_encodable(getattr(obj, f.name), depth + 1)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            _all_strings_encodable(k, depth + 1)
            _all_strings_encodable(v, depth + 1)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            _all_strings_encodable(v, depth + 1)


def _scan_file(workdir: Path, scanner_name: str, name: str, data: bytes) -> list[Any]:
    root = workdir / scanner_name
    shutil.rmtree(root, ignore_errors=True)
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    scanner = next(s for s in file_scanners() if s.name == scanner_name)
    ctx = ScanContext(root=root)
    f = SourceFile(rel=name, path=path, size=len(data))
    assert scanner.wants(f)
    found = list(scanner.scan(f, ctx)) + list(ctx.diagnostics)
    assert not [d for d in found if isinstance(d, Diagnostic) and d.code == "scanner-error"]
    return found


@pytest.mark.parametrize(
    ("scanner_name", "name", "seed"), FILE_TARGETS, ids=[f"{s}:{n}" for s, n, _ in FILE_TARGETS]
)
def test_file_parser_never_raises(workdir: Path, scanner_name: str, name: str, seed: bytes) -> None:
    @FUZZ
    @given(data=_payloads(seed))
    def run(data: bytes) -> None:
        _count(f"{scanner_name}:{name}")
        _check_findings(_scan_file(workdir, scanner_name, name, data))

    run()


@pytest.mark.parametrize(("name", "seed"), DIR_TARGETS, ids=[n for n, _ in DIR_TARGETS])
def test_model_directory_parser_never_raises(workdir: Path, name: str, seed: bytes) -> None:
    valid = {DIR_TARGETS[0][0]: DIR_TARGETS[0][1], "model.safetensors": _SAFETENSORS}

    @FUZZ
    @given(data=_payloads(seed))
    def run(data: bytes) -> None:
        _count(f"model-directory:{name}")
        root = workdir / "model-dir"
        shutil.rmtree(root, ignore_errors=True)
        (root / "m").mkdir(parents=True)
        for n, content in {**valid, name: data}.items():
            (root / "m" / n).write_bytes(content)
        files = [
            SourceFile(rel=f"m/{p.name}", path=p, size=p.stat().st_size)
            for p in sorted((root / "m").iterdir())
        ]
        ctx = ScanContext(root=root)
        for scanner in directory_scanners():
            found, _claimed = scanner.scan_directory("m", files, ctx)
            _check_findings(list(found) + list(ctx.diagnostics))

    run()


_NAME_BYTES = st.binary(min_size=1, max_size=40).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
)


@FUZZ
@given(names=st.lists(_NAME_BYTES, min_size=1, max_size=4, unique=True))
def test_arbitrary_file_names_give_a_valid_bom(names: list[bytes]) -> None:
    """Any byte string Linux allows as a name: the walk keeps the file and the BOM stays valid."""
    from conftest import validate_cyclonedx

    from aibom.bom.build import build_bom
    from aibom.bom.serialize import serialize
    from aibom.pipeline import ScanRequest, run_scan

    with tempfile.TemporaryDirectory(prefix="aibom-names-") as tmp:
        root = Path(tmp)
        for i, raw in enumerate(names):
            directory = root / os.fsdecode(raw)
            try:
                directory.mkdir()
                (directory / os.fsdecode(raw + b".py")).write_text(
                    f"from transformers import AutoModel\nAutoModel.from_pretrained('org/m{i}')\n"
                )
            except OSError:  # a name too long for this file system
                continue
        result = run_scan(ScanRequest(root=root, hash_weights=False, use_gitignore=False))
        built = build_bom(result.inventory, result.lineage, project_name="fuzz", timestamp=0)
        for fmt in ("cyclonedx-json", "cyclonedx-xml"):
            validate_cyclonedx(serialize(built, fmt), fmt)  # type: ignore[arg-type]
        assert len(walk(root, use_gitignore=False).directories) <= len(names)


@FUZZ
@given(st.text(alphabet=st.characters(codec=None), max_size=200) | _ALPHABET.map(str))
def test_text_representation_properties(s: str) -> None:
    once = bom_text(s)
    assert bom_text(once) == once  # idempotent
    once.encode("utf-8")  # valid UTF-8 whatever came in
    shown = display_text(s)
    shown.encode("utf-8")
    assert re.search("[\x00-\x1f\x7f-\x9f]", shown) is None
    cell = csv_cell(s)
    assert not cell.startswith(("=", "+", "-", "@"))
