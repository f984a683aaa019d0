"""Jupyter notebooks: code cells through the Python scanner, IPython lines as shell, outputs ignored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders.findings import Row, Shape, as_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aibom.inventory import (
    DatasetFinding,
    Diagnostic,
    Finding,
    LibraryFinding,
    ModelFinding,
    ServiceFinding,
)
from aibom.scanners.base import ScanContext
from aibom.scanners.notebook import (
    NotebookScanner,
    pip_install_requirements,
    scan_notebook,
    strip_ipython,
)
from aibom.walk import SourceFile

SHAPE = Shape(
    model=("kind", "name", "revision", "framework", "relation_hint", "location", "source"),
    library=("ecosystem", "name", "version", "specifier", "category", "location"),
    dataset=("name", "location"),
)


def summary(findings: list[Finding]) -> list[Row]:
    return as_rows(findings, SHAPE)


def code(
    source: str | list[str], outputs: list[dict[str, object]] | None = None
) -> dict[str, object]:
    return {
        "cell_type": "code",
        "metadata": {},
        "execution_count": None,
        "outputs": outputs or [],
        "source": source,
    }


def markdown(source: str) -> dict[str, object]:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def notebook(*cells: dict[str, object]) -> dict[str, object]:
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": list(cells)}


NB = notebook(
    # cell 1: markdown prose naming models: never scanned
    markdown(
        "# Try Qwen/Qwen2.5-7B-Instruct\n\n```python\nm = AutoModel.from_pretrained('meta-llama/Llama-3.1-8B')\n```"
    ),
    # cell 2: IPython lines mixed with Python; the output names a model but is never read
    code(
        [
            "!pip install -q transformers==4.44.2 'sentence-transformers>=3' -r reqs.txt git+https://github.com/x/y\n",
            "%pip install -U openai\n",
            "!huggingface-cli download BAAI/bge-m3 --local-dir bge\n",
            "import transformers\n",
            "if True:\n",
            "    !ollama pull llama3.1:8b\n",
            "files = !ls\n",
            "transformers?\n",
        ],
        outputs=[
            {"output_type": "stream", "name": "stdout", "text": ["Fetching google/gemma-2-2b\n"]}
        ],
    ),
    # cell 3: plain Python
    code(
        'from transformers import AutoModel\nm = AutoModel.from_pretrained("Qwen/Qwen2.5-0.5B")\n'
    ),
    # cell 4: a %%bash cell is shell
    code("%%bash\nvllm serve mistralai/Mistral-7B-Instruct-v0.3 \\\n  --port 8000\n"),
    # cell 5: another cell magic: not Python, not shell
    code("%%html\n<b>from_pretrained('org/model')</b>\n"),
    # cell 6: %%capture keeps the cell Python
    code(
        "%%capture\nfrom openai import OpenAI\nclient = OpenAI(base_url='https://api.deepseek.com')\n"
        "client.chat.completions.create(model='deepseek-chat', messages=[])\n"
    ),
    # cell 7: a raw cell
    {"cell_type": "raw", "metadata": {}, "source": "model: Qwen/Qwen2-7B"},
    # cell 8: shell line continuation and decoys in shell
    code(
        "!pip install \\\n    peft==0.13.0\n!echo 'vllm serve not/this'\nmodel = 'RandomForest'\n"
    ),
)


def test_notebook_findings_are_cell_aware_and_exact() -> None:
    assert summary(scan_notebook(NB, "nb/demo.ipynb")) == sorted(
        [
            (
                "library",
                "pypi",
                "transformers",
                "4.44.2",
                "==4.44.2",
                "ai-framework",
                "nb/demo.ipynb#cell=2:1",
            ),
            (
                "library",
                "pypi",
                "sentence-transformers",
                None,
                ">=3",
                "ai-framework",
                "nb/demo.ipynb#cell=2:1",
            ),
            ("library", "pypi", "openai", None, None, "ai-provider-sdk", "nb/demo.ipynb#cell=2:2"),
            (
                "library",
                "pypi",
                "peft",
                "0.13.0",
                "==0.13.0",
                "ai-framework",
                "nb/demo.ipynb#cell=8:1",
            ),
            ("model", "hub", "BAAI/bge-m3", None, None, None, "nb/demo.ipynb#cell=2:3", "notebook"),
            (
                "model",
                "ollama",
                "llama3.1:8b",
                None,
                "ollama",
                None,
                "nb/demo.ipynb#cell=2:6",
                "notebook",
            ),
            (
                "model",
                "hub",
                "Qwen/Qwen2.5-0.5B",
                None,
                "transformers",
                None,
                "nb/demo.ipynb#cell=3:2",
                "notebook",
            ),
            (
                "model",
                "hub",
                "mistralai/Mistral-7B-Instruct-v0.3",
                None,
                "vllm",
                None,
                "nb/demo.ipynb#cell=4:2",
                "notebook",
            ),
            (
                "service",
                "deepseek",
                "https://api.deepseek.com",
                None,
                "nb/demo.ipynb#cell=6:3",
                "notebook",
            ),
            (
                "service",
                "deepseek",
                "https://api.deepseek.com",
                "deepseek-chat",
                "nb/demo.ipynb#cell=6:4",
                "notebook",
            ),
        ],
        key=repr,
    )


def test_decoys_in_markdown_outputs_and_other_magics_are_not_models() -> None:
    names = {getattr(f, "name", None) for f in scan_notebook(NB, "nb.ipynb")}
    assert not names & {
        "Qwen/Qwen2.5-7B-Instruct",
        "meta-llama/Llama-3.1-8B",
        "google/gemma-2-2b",
        "org/model",
        "Qwen/Qwen2-7B",
        "not/this",
        "RandomForest",
    }


def test_strip_ipython_keeps_line_numbers_and_indentation() -> None:
    text, commands = strip_ipython(
        "import os\nif x:\n    !pip install a \\\n      b\n%matplotlib inline\ny = !ls\nos?\n"
    )
    assert text == "import os\nif x:\n    pass\n\npass\npass\npass\n"
    assert commands == [(3, "pip install a b"), (6, "ls")]


def test_pip_install_parsing() -> None:
    assert pip_install_requirements(
        [
            "pip",
            "install",
            "-U",
            "--index-url",
            "https://x",
            "torch>=2",
            "vllm==0.6.3",
            "./local",
            "x.whl",
            "-e",
            ".",
        ]
    ) == [
        ("torch", None, ">=2"),
        ("vllm", "0.6.3", "==0.6.3"),
    ]
    assert pip_install_requirements(
        ["python", "-m", "pip", "install", "accelerate[deepspeed]~=1.0"]
    ) == [("accelerate", None, "~=1.0")]
    assert pip_install_requirements(["uv", "pip", "install", "openai"]) == [("openai", None, None)]
    assert pip_install_requirements(["pip", "list"]) is None
    assert pip_install_requirements(["conda", "install", "pytorch"]) is None


def test_malformed_notebooks_give_diagnostics(tmp_path: Path) -> None:
    assert summary(scan_notebook({"nbformat": 4}, "x.ipynb")) == [
        ("diag", "notebook", "warning", "x.ipynb", None)
    ]
    assert summary(scan_notebook([1, 2], "x.ipynb")) == [
        ("diag", "notebook", "warning", "x.ipynb", None)
    ]
    bad_cells = notebook(code(["ok = 1\n"]), "not a cell", {"cell_type": "code", "source": 42})  # type: ignore[arg-type]
    assert summary(scan_notebook(bad_cells, "x.ipynb")) == [
        ("diag", "notebook", "warning", "x.ipynb", None)
    ]
    # invalid JSON and truncated files go through the context: a diagnostic naming the file
    p = tmp_path / "broken.ipynb"
    p.write_text('{"cells": [', encoding="utf-8")
    ctx = ScanContext(root=tmp_path)
    scanner = NotebookScanner()
    f = SourceFile("broken.ipynb", p, p.stat().st_size)
    assert scanner.wants(f)
    assert list(scanner.scan(f, ctx)) == []
    assert [(d.path, d.code) for d in ctx.diagnostics] == [("broken.ipynb", "json")]


def test_python_syntax_errors_in_cells_do_not_stop_other_cells() -> None:
    nb = notebook(code("def broken(:\n"), code("!ollama pull qwen2.5:7b\n"))
    out = summary(scan_notebook(nb, "n.ipynb"))
    assert (
        "model",
        "ollama",
        "qwen2.5:7b",
        None,
        "ollama",
        None,
        "n.ipynb#cell=2:1",
        "notebook",
    ) in out
    assert all(t[0] in ("model", "diag") for t in out)


def test_nbformat3_worksheets(tmp_path: Path) -> None:
    nb = {
        "nbformat": 3,
        "worksheets": [
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "input": "!hf download Qwen/Qwen2.5-1.5B\n",
                        "outputs": [],
                    }
                ]
            }
        ],
    }
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    f = SourceFile("old.ipynb", path, path.stat().st_size)
    out = summary(list(NotebookScanner().scan(f, ScanContext(root=tmp_path))))
    assert out == [
        ("model", "hub", "Qwen/Qwen2.5-1.5B", None, None, None, "old.ipynb#cell=1:1", "notebook")
    ]


# invalid escapes in generated cells make ast.parse warn (inside the Python scanner): not our concern here
@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::SyntaxWarning")
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.sampled_from(
            [
                *list("ab=:/-.'\"\\\n #!%()"),
                "!pip install ",
                "%pip install ",
                "%%bash\n",
                "%%capture\n",
                "    ",
                "if x:\n",
                "from_pretrained('",
                "Qwen/Qwen2",
                "x = !",
                "?",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_cells_never_raise(source: str) -> None:
    for f in scan_notebook(notebook(code(source)), "n.ipynb"):
        assert isinstance(
            f, (ModelFinding, ServiceFinding, LibraryFinding, DatasetFinding, Diagnostic)
        )


def test_writefile_cells_are_read_as_the_file_they_write() -> None:
    nb = notebook(
        code(
            '%%writefile Dockerfile\nFROM vllm/vllm-openai\nCMD ["--model", "Qwen/Qwen2.5-1.5B-Instruct"]\n'
        ),
        code("%%writefile -a config.yaml\nembedding:\n  model: BAAI/bge-base-en-v1.5\n"),
        code("%%writefile notes.md\nvllm serve not/this\n"),
        code(
            "%%writefile app.py\nfrom sentence_transformers import SentenceTransformer\nSentenceTransformer('BAAI/bge-m3')\n"
        ),
    )
    assert summary(scan_notebook(nb, "n.ipynb")) == sorted(
        [
            (
                "model",
                "hub",
                "Qwen/Qwen2.5-1.5B-Instruct",
                None,
                "vllm",
                None,
                "n.ipynb#cell=1:3",
                "notebook",
            ),
            (
                "model",
                "hub",
                "BAAI/bge-base-en-v1.5",
                None,
                None,
                None,
                "n.ipynb#cell=2:3",
                "notebook",
            ),
            (
                "model",
                "hub",
                "BAAI/bge-m3",
                None,
                "sentence-transformers",
                None,
                "n.ipynb#cell=4:3",
                "notebook",
            ),
        ],
        key=repr,
    )


def test_kernel_python_pip_and_env_magic() -> None:
    nb = notebook(
        code(
            "import sys\n!{sys.executable} -m pip install bitsandbytes==0.44.1\n%env MODEL_ID=Qwen/Qwen2.5-3B-Instruct\n%env HF_HOME /tmp/hf\n"
        )
    )
    assert summary(scan_notebook(nb, "n.ipynb")) == [
        (
            "library",
            "pypi",
            "bitsandbytes",
            "0.44.1",
            "==0.44.1",
            "ai-framework",
            "n.ipynb#cell=1:2",
        ),
        (
            "model",
            "hub",
            "Qwen/Qwen2.5-3B-Instruct",
            None,
            None,
            None,
            "n.ipynb#cell=1:3",
            "notebook",
        ),
    ]


def test_notebook_cells_resolve_project_constants_and_local_paths(make_tree) -> None:
    import json as _json

    from aibom.pipeline import ScanRequest, scan_tree

    nb = {
        "cells": [
            {
                "cell_type": "code",
                "source": [
                    "from app.config import GENERATOR\n",
                    "from transformers import AutoModel\n",
                    "AutoModel.from_pretrained(GENERATOR)\n",
                ],
                "outputs": [],
            },
            {
                "cell_type": "code",
                "source": ["AutoModel.from_pretrained('./ckpt')\n"],
                "outputs": [],
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    root = make_tree(
        {
            "app/__init__.py": "",
            "app/config.py": 'GENERATOR = "Qwen/Qwen3-8B"\n',
            "notebooks/ckpt/weights.txt": "",
            "notebooks/run.ipynb": _json.dumps(nb),
        }
    )
    inv = scan_tree(ScanRequest(root=root, hash_weights=False))
    assert sorted((m.kind.value, m.name, str(m.occurrences[0])) for m in inv.sorted_models()) == [
        ("hub", "Qwen/Qwen3-8B", "notebooks/run.ipynb#cell=1:3"),
        ("local", "notebooks/ckpt", "notebooks/run.ipynb#cell=2:1"),
    ]
