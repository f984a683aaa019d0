"""Benchmark: `aibom scan` on a generated 20,000-file tree.

Generates a project of mostly ordinary code with a few hundred AI references,
times `aibom scan` (as a subprocess, so peak RSS is measured for that process
alone), and times `grep -rE` over the same tree in the same run as a peer: a
naive text search that reads every byte but understands nothing. Prints
files/second, peak RSS and the ratio to grep.

    python benchmarks/bench_scan.py [--files 20000] [--keep DIR]

Targets (2 cores): 20k files in under 10 s, peak RSS under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY_PLAIN = '''"""Module {i}: ordinary business logic."""

import json
import os
from dataclasses import dataclass


@dataclass
class Record{i}:
    name: str
    value: int = {i}

    def to_json(self) -> str:
        return json.dumps({{"name": self.name, "value": self.value}})


def handler_{i}(event: dict) -> dict:
    path = os.environ.get("DATA_DIR", "/tmp")
    items = [Record{i}(str(k), v) for k, v in event.items()]
    return {{"ok": True, "count": len(items), "path": path}}
'''

PY_AI = [
    'from transformers import AutoModelForCausalLM\nm = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-{n}B-Instruct")\n',
    'from sentence_transformers import SentenceTransformer\ne = SentenceTransformer("BAAI/bge-small-en-v1.5")\n',
    'from openai import OpenAI\nc = OpenAI(base_url="https://api.deepseek.com")\nc.chat.completions.create(model="deepseek-chat", messages=[])\n',
    'import ollama\nollama.chat(model="llama3.1:{n}b", messages=[])\n',
    'from vllm import LLM\nllm = LLM(model="mistralai/Mistral-7B-Instruct-v0.{n}")\n',
]
JS_PLAIN = "export function f{i}(a, b) {{\n  const s = `${{a}}-${{b}}`;\n  return s.split('-').map((x) => x.trim());\n}}\n"
YAML_PLAIN = "service: svc-{i}\nreplicas: 2\nports:\n  - 80{i2}\nlabels:\n  team: platform\n"
MD_PLAIN = (
    "# Notes {i}\n\nWe evaluated Qwen/Qwen2.5-7B-Instruct in prose only; this must not count.\n"
)


def generate(root: Path, files: int, seed: int = 7) -> int:
    """Write the tree; return the number of AI references planted."""
    rng = random.Random(seed)
    planted = 0
    for i in range(files):
        d = root / f"pkg{i % 200:03d}" / f"sub{i % 7}"
        d.mkdir(parents=True, exist_ok=True)
        kind = rng.random()
        if kind < 0.6:
            text = PY_PLAIN.format(i=i)
            if i % 60 == 0:
                text += PY_AI[(i // 60) % len(PY_AI)].format(n=1 + (i // 300) % 3)
                planted += 1
            (d / f"mod_{i}.py").write_text(text)
        elif kind < 0.8:
            (d / f"util_{i}.js").write_text(JS_PLAIN.format(i=i))
        elif kind < 0.93:
            (d / f"conf_{i}.yaml").write_text(YAML_PLAIN.format(i=i, i2=i % 10))
        else:
            (d / f"notes_{i}.md").write_text(MD_PLAIN.format(i=i))
    (root / "requirements.txt").write_text("transformers==4.46.3\nopenai==1.57.0\nvllm==0.6.4\n")
    (root / "node_modules" / "big").mkdir(parents=True)
    for j in range(500):  # vendored tree that must be skipped
        (root / "node_modules" / "big" / f"f{j}.js").write_text(JS_PLAIN.format(i=j))
    return planted


def run(cmd: list[str]) -> tuple[float, int, subprocess.CompletedProcess[bytes]]:
    """Run a command; return (seconds, peak RSS in KiB of that child, result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before), proc


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="aibom-bench-")) if args.keep is None else args.keep
    root = tmp / "tree"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    t0 = time.perf_counter()
    planted = generate(root, args.files)
    print(
        f"generated {args.files} files ({planted} AI references) in {time.perf_counter() - t0:.1f} s"
    )

    out = tmp / "bom.json"
    env = dict(os.environ, AIBOM_CACHE_DIR=str(tmp / "cache"))
    aibom = [sys.executable, "-m", "aibom", "scan", str(root), "-o", str(out), "-q", "--no-hash"]
    subprocess.run(
        aibom, capture_output=True, env=env, check=False
    )  # warm the page cache and imports
    secs, rss_kib, proc = run(aibom)
    if proc.returncode != 0:
        print(proc.stderr.decode()[-2000:])
        return 1
    bom = json.loads(out.read_text())
    models = [c for c in bom.get("components", []) if c["type"] == "machine-learning-model"]
    services = bom.get("services", [])
    grep_cmd = [
        "grep",
        "-rlE",
        "--exclude-dir=node_modules",
        "from_pretrained|SentenceTransformer|deepseek|ollama|vllm",
        str(root),
    ]
    grep_secs, _, _ = run(grep_cmd)

    print(
        f"aibom scan: {secs:.2f} s, {args.files / secs:,.0f} files/s, peak RSS {rss_kib / 1024:.0f} MB"
    )
    print(f"found {len(models)} models, {len(services)} services")
    print(
        f"peer (grep -rlE, text only): {grep_secs:.2f} s; ratio aibom/grep = {secs / grep_secs:.1f}x"
    )
    ok = secs < 10 and rss_kib / 1024 < 300
    print("targets (<10 s, <300 MB):", "met" if ok else "NOT met")
    if args.keep is None:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
