"""Python scanner: static value resolution and model catalogs."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path
from typing import Any

from aibom.inventory import Diagnostic, ModelFinding, ServiceFinding
from aibom.scanners.base import ScanContext
from aibom.scanners.python_resolve import NOT_STRING, UNRESOLVED, ModuleIndex, Value
from aibom.scanners.python_source import PythonScanner, scan_python_text
from aibom.walk import SourceFile


def run(code: str) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for f in scan_python_text(textwrap.dedent(code), "app/x.py"):
        if isinstance(f, ModelFinding):
            out.append(("M", f.name, f.kind.value, f.location.line, f.revision, f.framework, f.task,
                        f.relation_hint, f.base))  # fmt: skip
        elif isinstance(f, ServiceFinding):
            out.append(("S", f.provider, f.endpoint, f.model, f.client, f.location.line))
        elif isinstance(f, Diagnostic):
            out.append(("!", f.code, f.line))
    return out


def resolve_last(code: str) -> Value:
    """Resolve the first argument of the last ``f(...)`` call in ``code`` (in its scope)."""
    ix = ModuleIndex(ast.parse(textwrap.dedent(code)))
    call, scope = [
        (c, s) for c, s in ix.calls if isinstance(c.func, ast.Name) and c.func.id == "f"
    ][-1]
    return ix.resolve(call.args[0], scope, call.lineno)


def test_constants_fstrings_and_concatenations() -> None:
    code = """\
    import os
    from transformers import AutoModel
    ORG = "meta-llama"
    SIZE = 8
    NAME = f"{ORG}/Llama-3.1-{SIZE}B"
    NAME2 = ORG + "/" + "Llama-3.2-1B"
    NAME3 = "%s/%s" % ("google", "gemma-2b")
    NAME4 = "{}/{}".format("Qwen", "Qwen2-7B")
    NAME5 = "{org}/phi-{v}".format(org="microsoft", v=2)
    CFG = {"model": "tiiuae/falcon-7b", "other": 1}
    CHOICES = ["openai-community/gpt2", "x"]
    AutoModel.from_pretrained(NAME)
    AutoModel.from_pretrained(NAME2)
    AutoModel.from_pretrained(NAME3)
    AutoModel.from_pretrained(NAME4)
    AutoModel.from_pretrained(NAME5)
    AutoModel.from_pretrained(CFG["model"])
    AutoModel.from_pretrained(CHOICES[0])
    AutoModel.from_pretrained(os.getenv("MODEL_ID") or "Qwen/Qwen2.5-0.5B")
    AutoModel.from_pretrained(os.environ.get("MODEL_ID", "Qwen/Qwen2.5-1.5B").strip())
    AutoModel.from_pretrained(os.getenv("MODEL_ID", default=ORG + "/Llama-3.2-3B"))
    """
    assert [(f[1], f[3]) for f in run(code)] == [
        ("meta-llama/Llama-3.1-8B", 12),
        ("meta-llama/Llama-3.2-1B", 13),
        ("google/gemma-2b", 14),
        ("Qwen/Qwen2-7B", 15),
        ("microsoft/phi-2", 16),
        ("tiiuae/falcon-7b", 17),
        ("openai-community/gpt2", 18),
        ("Qwen/Qwen2.5-0.5B", 19),
        ("Qwen/Qwen2.5-1.5B", 20),
        ("meta-llama/Llama-3.2-3B", 21),
    ]


def test_settings_dataclasses_argparse_params_and_self() -> None:
    code = """\
    import argparse
    from dataclasses import dataclass, field
    from enum import Enum
    from pydantic import BaseModel, Field
    from pydantic_settings import BaseSettings
    from transformers import AutoModel

    @dataclass
    class ModelArguments:
        model_name_or_path: str = field(default="EleutherAI/pythia-160m")

    class Settings(BaseSettings):
        llm: str = "THUDM/glm-4-9b-chat"
        embedder: str = Field(default="BAAI/bge-m3")
        reranker: str = Field("BAAI/bge-reranker-v2-m3", description="x")

    class Kind(str, Enum):
        BIG = "Qwen/Qwen2.5-72B"

    settings = Settings()

    class Service:
        default = "openbmb/MiniCPM-V-2_6"
        def __init__(self, name="01-ai/Yi-6B"):
            self.name = name
        def load(self):
            AutoModel.from_pretrained(self.name)
            AutoModel.from_pretrained(self.default)

    def load(model_id="bigscience/bloom-560m"):
        local = "facebook/opt-125m"
        AutoModel.from_pretrained(local)
        AutoModel.from_pretrained(model_id)

    def main():
        parser = argparse.ArgumentParser()
        parser.add_argument("--base-model", type=str, default="baichuan-inc/Baichuan2-7B-Chat")
        parser.add_argument("-m", "--model", dest="model_dir")
        args = parser.parse_args()
        AutoModel.from_pretrained(args.base_model)
        AutoModel.from_pretrained(args.model_dir)
        AutoModel.from_pretrained(settings.llm)
        AutoModel.from_pretrained(settings.embedder)
        AutoModel.from_pretrained(Settings().reranker)
        AutoModel.from_pretrained(Settings(llm="01-ai/Yi-1.5-9B").llm)
        margs = ModelArguments()
        AutoModel.from_pretrained(margs.model_name_or_path)
        AutoModel.from_pretrained(Kind.BIG.value)

    def train(model_args):
        AutoModel.from_pretrained(model_args.model_name_or_path)
    """
    found = [(f[0], f[1], f[3]) if f[0] == "M" else f for f in run(code)]
    assert found == [
        ("M", "01-ai/Yi-6B", 27),
        ("M", "openbmb/MiniCPM-V-2_6", 28),
        ("M", "facebook/opt-125m", 32),
        ("M", "bigscience/bloom-560m", 33),
        ("M", "baichuan-inc/Baichuan2-7B-Chat", 40),
        ("!", "unresolved-model", 41),
        ("M", "THUDM/glm-4-9b-chat", 42),
        ("M", "BAAI/bge-m3", 43),
        ("M", "BAAI/bge-reranker-v2-m3", 44),
        ("M", "01-ai/Yi-1.5-9B", 45),
        ("M", "EleutherAI/pythia-160m", 47),
        ("M", "Qwen/Qwen2.5-72B", 48),
        ("M", "EleutherAI/pythia-160m", 51),
    ]


def test_resolver_markers() -> None:
    assert resolve_last('X = "a/b"\nf(X)\n') == "a/b"
    assert resolve_last("X = 3\nf(X)\n") is NOT_STRING
    assert resolve_last("m = RandomForestClassifier()\nf(m)\n") is NOT_STRING
    assert resolve_last("import os\nf(os.environ['X'])\n") is UNRESOLVED
    assert resolve_last("A = B\nB = A\nf(A)\n") is UNRESOLVED  # cycle
    assert resolve_last("f(g())\n") is UNRESOLVED
    # width specs could allocate gigabytes: never evaluated
    assert resolve_last("X = '{:>999999999}'.format('a')\nf(X)\n") is UNRESOLVED
    assert resolve_last("X = '%999999999s' % 'a'\nf(X)\n") is UNRESOLVED
    assert resolve_last("X = '{0.__class__}'.format('a')\nf(X)\n") is UNRESOLVED
    assert resolve_last("from pathlib import Path\nf(Path('models') / 'qwen')\n") == "models/qwen"
    assert resolve_last("import os\nf(os.path.join('models', 'qwen'))\n") == "models/qwen"
    assert resolve_last("f('/'.join(['Qwen', 'Qwen2-7B']))\n") == "Qwen/Qwen2-7B"
    assert resolve_last("X = 'a' if flag else 'b'\nf(X)\n") == "a"


def test_local_assignment_before_the_call_wins() -> None:
    code = """\
    from transformers import AutoModel
    def f():
        name = "Qwen/Qwen2-0.5B"
        AutoModel.from_pretrained(name)
        name = "Qwen/Qwen2-1.5B"
        AutoModel.from_pretrained(name)
    """
    assert [(f[1], f[3]) for f in run(code)] == [("Qwen/Qwen2-0.5B", 4), ("Qwen/Qwen2-1.5B", 6)]


# ---------------------------------------------------------------------------
# Catalogs


def test_catalogs_lists_dicts_enums() -> None:
    code = """\
    from enum import Enum
    SUPPORTED_MODELS = ["gpt-4o", "gpt-4o-mini", "deepseek-chat", "qwen-max"]
    AVAILABLE_MODELS = {
        "claude-3-5-sonnet-latest": "Claude",
        "gemini-1.5-pro": "Gemini",
    }
    MODEL_ALIASES = {"fast": "gpt-4o-mini", "smart": "o1-preview"}
    EMBEDDING_MODELS = ("BAAI/bge-m3", "intfloat/multilingual-e5-large")
    OLLAMA_MODELS = ["qwen2.5:7b", "llama3.1:8b"]

    class ModelType(str, Enum):
        GPT4O = "gpt-4o"
        SONNET = "claude-3-5-sonnet-20241022"

    class Config:
        LLM_MODELS = ["mistral-large-latest", "codestral-latest"]
    """
    assert run(code) == [
        ("S", "openai", None, "gpt-4o", None, 2),
        ("S", "openai", None, "gpt-4o-mini", None, 2),
        ("S", "deepseek", None, "deepseek-chat", None, 2),
        ("S", "alibaba-dashscope", None, "qwen-max", None, 2),
        ("S", "anthropic", None, "claude-3-5-sonnet-latest", None, 4),
        ("S", "google", None, "gemini-1.5-pro", None, 5),
        ("S", "openai", None, "gpt-4o-mini", None, 7),
        ("S", "openai", None, "o1-preview", None, 7),
        ("M", "BAAI/bge-m3", "hub", 8, None, None, None, None, None),
        ("M", "intfloat/multilingual-e5-large", "hub", 8, None, None, None, None, None),
        ("M", "qwen2.5:7b", "ollama", 9, None, None, None, None, None),
        ("M", "llama3.1:8b", "ollama", 9, None, None, None, None, None),
        ("S", "openai", None, "gpt-4o", None, 12),
        ("S", "anthropic", None, "claude-3-5-sonnet-20241022", None, 13),
        ("S", "mistral", None, "mistral-large-latest", None, 16),
        ("S", "mistral", None, "codestral-latest", None, 16),
    ]


def test_catalog_decoys_lookup_tables_and_unrelated_names() -> None:
    code = """\
    from enum import Enum
    MODEL_TOKEN_LIMITS = {"gpt-4o": 128000, "gpt-4": 8192}
    CONTEXT_WINDOWS = {"gpt-4o": 128000, "claude-3-opus": 200000}
    MODEL_PREFIXES = ["gpt-4", "gpt-3.5", "claude-"]
    MODELS = {"gpt-4o": 128000, "gpt-4": 8192}
    MIXED_MODELS = ["gpt-4o", "hello", "world", "foo"]
    ONE_MODEL = ["gpt-4o"]
    COLORS = ["gpt-4o", "gpt-4o-mini"]
    MAX_MODEL_LEN = {"gpt-4o": "128k", "gpt-4o-mini": "128k"}

    class Color(Enum):
        RED = "gpt-4o"
        BLUE = "gpt-4o-mini"

    def f():
        MODELS = ["gpt-4o", "gpt-4o-mini"]
    """
    assert run(code) == []


def test_constants_imported_from_other_project_modules(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    files = {
        "app/__init__.py": "",
        "app/config.py": (
            "import os\n"
            "from pydantic_settings import BaseSettings\n"
            "BASE_MODEL = os.getenv('BASE_MODEL', 'Qwen/Qwen2.5-7B-Instruct')\n"
            "class Settings(BaseSettings):\n"
            "    embedder: str = 'BAAI/bge-m3'\n"
            "    chat_model: str = 'deepseek-chat'\n"
            "    base_url: str = 'https://api.deepseek.com'\n"
            "settings = Settings()\n"
        ),
        "app/constants/__init__.py": "RERANKER = 'BAAI/bge-reranker-v2-m3'\n",
        "app/main.py": (
            "from openai import OpenAI\n"
            "from transformers import AutoModel\n"
            "from sentence_transformers import SentenceTransformer, CrossEncoder\n"
            "from .config import BASE_MODEL, settings, Settings\n"
            "from app import constants\n"
            "import app.config as cfg\n"
            "AutoModel.from_pretrained(BASE_MODEL)\n"
            "SentenceTransformer(settings.embedder)\n"
            "CrossEncoder(constants.RERANKER)\n"
            "client = OpenAI(base_url=settings.base_url)\n"
            "client.chat.completions.create(model=Settings().chat_model, messages=[])\n"
            "AutoModel.from_pretrained(cfg.BASE_MODEL)\n"
            "from .missing import NOPE\n"
            "AutoModel.from_pretrained(NOPE)\n"
        ),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    f = SourceFile(rel="app/main.py", path=root / "app/main.py", size=1)
    found = list(PythonScanner().scan(f, ScanContext(root=root)))
    out = [
        (x.name, x.location.line) if isinstance(x, ModelFinding)
        else (x.provider, x.model, x.location.line) if isinstance(x, ServiceFinding)
        else (x.code, x.line) if isinstance(x, Diagnostic) else x
        for x in found
    ]  # fmt: skip
    assert out == [
        ("Qwen/Qwen2.5-7B-Instruct", 7),
        ("BAAI/bge-m3", 8),
        ("BAAI/bge-reranker-v2-m3", 9),
        ("deepseek", None, 10),
        ("deepseek", "deepseek-chat", 11),
        ("Qwen/Qwen2.5-7B-Instruct", 12),
        ("unresolved-model", 14),
    ]


def test_cached_settings_factory_and_pickling() -> None:
    import pickle

    code = """\
    from functools import lru_cache
    from pydantic_settings import BaseSettings
    from transformers import AutoModel
    class Settings(BaseSettings):
        model_id: str = "Qwen/Qwen3-8B"
    @lru_cache
    def get_settings() -> Settings:
        return Settings()
    def load():
        settings = get_settings()
        AutoModel.from_pretrained(settings.model_id)
        AutoModel.from_pretrained(get_settings().model_id)
    """
    assert [(f[1], f[3]) for f in run(code)] == [("Qwen/Qwen3-8B", 11), ("Qwen/Qwen3-8B", 12)]
    scanner = pickle.loads(pickle.dumps(PythonScanner()))
    assert scanner.name == "python"


def test_huge_catalogs_are_capped_and_deep_chains_unresolved() -> None:
    big = "MODELS = [" + ",".join(f'"org/model-{i}"' for i in range(1500)) + "]\n"
    found = scan_python_text(big, "x.py")
    assert len(found) == 1001
    assert [(d.code, d.line) for d in found if isinstance(d, Diagnostic)] == [
        ("catalog-truncated", 1)
    ]
    chain = "X = 'a/b'\nAutoModel.from_pretrained(X" + ".value" * 900 + ")\n"
    assert [
        (d.code, d.line) for d in scan_python_text(chain, "x.py") if isinstance(d, Diagnostic)
    ] == [("unresolved-model", 2)]


def test_cli_option_defaults_typer_and_click() -> None:
    code = """\
    import click
    import typer
    from transformers import AutoModel
    def main(model: str = typer.Option("Qwen/Qwen2.5-3B", help="x"), other: str = typer.Option(...)):
        AutoModel.from_pretrained(model)
        AutoModel.from_pretrained(other)
    @click.command()
    @click.option("--base-model", "-b", default="google/gemma-2-2b-it")
    @click.option("--adapter", "adapter_path", default="me/gemma-lora")
    def cli(base_model, adapter_path):
        AutoModel.from_pretrained(base_model)
        AutoModel.from_pretrained(adapter_path)
    """
    assert [f[1:4:2] if f[0] == "M" else f for f in run(code)] == [
        ("Qwen/Qwen2.5-3B", 5),
        ("!", "unresolved-model", 6),
        ("google/gemma-2-2b-it", 11),
        ("me/gemma-lora", 12),
    ]


def test_a_name_feeding_itself_is_folded_once_per_step(monkeypatch: Any) -> None:
    """``m = d.m or m; d.m = m`` branches at every step: each step is resolved once, same answer."""
    code = (
        "def handler(d, m):\n"
        "    if m == 'x':\n"
        "        m = d.m or m\n"
        "    else:\n"
        "        f(m)\n"
        "        d.m = m\n"
    )
    steps = 0
    real = ModuleIndex._resolve

    def counting(self: ModuleIndex, *args: Any) -> Value:
        nonlocal steps
        steps += 1
        return real(self, *args)

    monkeypatch.setattr(ModuleIndex, "_resolve", counting)
    assert resolve_last(code) is UNRESOLVED
    assert steps < 500  # without the table: millions (two branches per step, 40 steps deep)
