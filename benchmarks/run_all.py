"""All of aibom's speed benchmarks, side by side with the peer ``airom`` in the same run.

Prints one table: for each workload, aibom's and airom's wall time, the ratio
(aibom / airom, lower is better), files per second and each tool's peak RSS; then
start-up, rescan (warm findings cache), and in-process micro benchmarks (BOM
build, JSON render, schema validation, HTML and PDF reports of large BOMs).

Workloads: generated trees (``--sizes``, default 6,000 and 100,000 files; the
generator of ``bench_scan.py``) and real repositories given as arguments
(checkouts under /tmp, e.g. extracted from a bare clone with ``git archive``).

    python benchmarks/run_all.py [REPO_DIR ...] [--sizes 6000,100000] \
        [--airom /path/to/airom] [--work DIR] [--skip micro,startup,rescan] [--src DIR]

The peer is installed in its own environment, never in aibom's:
``python -m venv /tmp/airom-venv && /tmp/airom-venv/bin/pip install airom``.
Timings on a shared machine are noisy: compare the ratios, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scan import generate

SRC = Path(__file__).resolve().parent.parent / "src"


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the process and its workers
    rss_mb: float
    returncode: int
    stderr: str


def run(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a command; wall time and the peak RSS of that child alone (``wait4``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(elapsed, cpu, usage.ru_maxrss / 1024, proc.returncode, err.decode(errors="replace"))


def count_files(root: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(root))


class Tools:
    """How to invoke aibom and airom, with a private cache directory per aibom run."""

    def __init__(self, airom: str | None, work: Path, extra: list[str], src: Path) -> None:
        self.airom = airom
        self.work = work
        self.extra = extra
        # Byte-compiled like an installed package (the caches go to the work directory).
        self.env = dict(os.environ, PYTHONPATH=str(src), PYTHONPYCACHEPREFIX=str(work / "pyc"))
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)

    def aibom(self, root: Path, out: Path, cache: Path, *args: str) -> Run:
        env = dict(self.env, AIBOM_CACHE_DIR=str(cache))
        cmd = [sys.executable, "-m", "aibom", "scan", str(root), "-o", str(out), "-q"]
        return run([*cmd, "--no-hash", *self.extra, *args], env)

    def peer(self, root: Path, out: Path) -> Run | None:
        if not self.airom:
            return None
        cmd = [self.airom, "fs", str(root), "--offline", "-q", "-o", f"cyclonedx={out}"]
        return run(cmd)


def findings(path: Path) -> str:
    """'models/services' of a CycloneDX JSON BOM, or '?'."""
    try:
        bom = json.loads(path.read_text())
    except (OSError, ValueError):
        return "?"
    comps = bom.get("components", [])
    models = sum(1 for c in comps if c.get("type") == "machine-learning-model")
    return f"{models}/{len(bom.get('services', []))}/{len(comps)}"


def workload(tools: Tools, name: str, root: Path, rows: list[list[str]]) -> None:
    files = count_files(root)
    out = tools.work / f"{name}.aibom.json"
    peer_out = tools.work / f"{name}.airom.json"
    cache = tools.work / f"cache-{name}"
    shutil.rmtree(cache, ignore_errors=True)
    if files < 20_000:  # warm the page cache and the bytecode cache (big trees: too slow)
        tools.aibom(root, out, tools.work / "cache-warmup")
    ours = tools.aibom(root, out, cache)
    if ours.returncode != 0:
        print(f"aibom failed on {name}:\n{ours.stderr[-2000:]}", file=sys.stderr)
    peer = tools.peer(root, peer_out)
    ratio = f"{ours.seconds / peer.seconds:.2f}x" if peer else "-"
    rows.append(
        [
            name,
            f"{files:,}",
            f"{ours.seconds:.2f}",
            f"{peer.seconds:.2f}" if peer else "-",
            ratio,
            f"{ours.cpu:.2f} / {peer.cpu:.2f}" if peer else f"{ours.cpu:.2f}",
            f"{ours.cpu / peer.cpu:.2f}x" if peer and peer.cpu else "-",
            f"{files / ours.seconds:,.0f}",
            f"{files / peer.seconds:,.0f}" if peer else "-",
            f"{ours.rss_mb:.0f}",
            f"{peer.rss_mb:.0f}" if peer else "-",
            findings(out),
            findings(peer_out) if peer else "-",
        ]
    )


def startup(tools: Tools, rows: list[list[str]]) -> None:
    empty = tools.work / "empty"
    empty.mkdir(exist_ok=True)
    out = tools.work / "empty.json"
    cache = tools.work / "cache-empty"
    help_cmd = [sys.executable, "-m", "aibom", "--help"]
    scan_runs = [tools.aibom(empty, out, cache) for _ in range(5)]
    help_runs = [run(help_cmd, tools.env) for _ in range(5)]
    scans = [r.seconds for r in scan_runs]
    helps = [r.seconds for r in help_runs]
    peer = [tools.peer(empty, tools.work / "empty.airom.json") for _ in range(5)]
    peer_s = min(p.seconds for p in peer if p) if tools.airom else None
    scan_cpu = min(r.cpu for r in scan_runs)
    help_cpu = min(r.cpu for r in help_runs)
    rows.append(
        [
            "scan of an empty dir (best of 5)",
            f"{min(scans):.3f} s, CPU {scan_cpu:.3f} s",
            "<= 0.3 s",
        ]
    )
    rows.append(["--help (best of 5)", f"{min(helps):.3f} s, CPU {help_cpu:.3f} s", "<= 0.2 s"])
    if peer_s is not None:
        rows.append(["airom fs of an empty dir", f"{peer_s:.3f} s", ""])


def rescan(tools: Tools, name: str, root: Path, rows: list[list[str]]) -> None:
    out = tools.work / f"{name}.rescan.json"
    cache = tools.work / f"cache-rescan-{name}"
    shutil.rmtree(cache, ignore_errors=True)
    first = tools.aibom(root, out, cache)
    second = tools.aibom(root, out, cache)
    touched = next(root.rglob("*.py"), None)
    third = None
    if touched is not None:
        original = touched.read_bytes()
        touched.write_bytes(original + b"\n# changed\n")
        third = tools.aibom(root, out, cache)
        touched.write_bytes(original)
    rows.append(
        [
            f"rescan {name}",
            f"first {first.seconds:.2f} s (CPU {first.cpu:.2f}), unchanged {second.seconds:.2f} s "
            f"(CPU {second.cpu:.2f}; {first.seconds / second.seconds:.1f}x faster, "
            f"{first.cpu / second.cpu:.1f}x less CPU)"
            + (f", one file changed {third.seconds:.2f} s (CPU {third.cpu:.2f})" if third else ""),
            ">= 5x",
        ]
    )


def micro(rows: list[list[str]], src: Path) -> None:
    """In-process: building, rendering and validating big BOMs, and reports of them."""
    sys.path.insert(0, str(src))
    from aibom.bom.build import build_bom
    from aibom.bom.serialize import serialize, validate_text
    from aibom.inventory import Inventory, LibraryFinding, Location, ModelFinding, ModelKind
    from aibom.lineage.resolve import resolve_lineage
    from aibom.report import render_report

    families = ["Qwen/Qwen2.5-{}B-Instruct", "meta-llama/Llama-3.1-{}B", "mistralai/Mistral-{}B"]

    def inventory(models: int, libraries: int) -> Inventory:
        inv = Inventory(root="bench")
        for i in range(models):
            name = families[i % 3].format(i)
            for j in range(2):
                loc = Location(f"src/mod{i}.py", line=j + 1, source="python")
                inv.add(ModelFinding(name, ModelKind.HUB, loc, framework="transformers"))
        for i in range(libraries):
            loc = Location("requirements.txt", line=i + 1, source="requirements")
            inv.add(LibraryFinding(f"lib{i}", "pypi", loc, version="1.0"))
        return inv

    for models, libraries in ((2000, 8000), (2000, 0)):
        inv = inventory(models, libraries)
        t = time.perf_counter()
        lineage, _ = resolve_lineage(inv, online=False, hf_cache=False, cache_dir=None)
        t_lineage = time.perf_counter() - t
        t = time.perf_counter()
        built = build_bom(inv, lineage, project_name="bench")
        t_build = time.perf_counter() - t
        t = time.perf_counter()
        text = serialize(built, validate=False)
        t_render = time.perf_counter() - t
        t = time.perf_counter()
        validate_text(text, "cyclonedx-json")
        t_validate = time.perf_counter() - t
        n = models + libraries
        rows.append([f"{n:,} components: lineage", f"{t_lineage:.2f} s", ""])
        rows.append([f"{n:,} components: build_bom", f"{t_build:.2f} s", "linear"])
        rows.append([f"{n:,} components: render JSON", f"{t_render:.2f} s", "linear"])
        try:  # what `aibom scan` runs for JSON: written straight from the inventory
            from aibom.bom.cdx_json import serialize_json

            t = time.perf_counter()
            serialize_json(inv, lineage, project_name="bench", timestamp=None, validate=False)
            rows.append(
                [
                    f"{n:,} components: write JSON directly (scan's path)",
                    f"{time.perf_counter() - t:.2f} s",
                    "linear",
                ]
            )
        except ImportError:
            pass
        rows.append([f"{n:,} components: validate JSON", f"{t_validate:.2f} s", "< 0.2 s"])
        if libraries == 0:
            doc = json.loads(text)
            try:  # reports read BOMs through bom/read.py since the layered redesign
                from aibom.bom.read import parse_bom

                doc = parse_bom(doc)
            except ImportError:
                pass
            for fmt, target in (("html", "< 1 s"), ("pdf", "< 5 s")):
                t = time.perf_counter()
                render_report(doc, fmt)
                rows.append(
                    [
                        f"{models:,}-model {fmt.upper()} report",
                        f"{time.perf_counter() - t:.2f} s",
                        target,
                    ]
                )


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines += [
        "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
        for r in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("repos", nargs="*", type=Path, help="real repository checkouts to scan")
    ap.add_argument("--sizes", default="6000,100000", help="generated tree sizes ('' for none)")
    ap.add_argument("--airom", default=shutil.which("airom") or "/tmp/speed/airom-venv/bin/airom")
    ap.add_argument("--work", type=Path, help="work directory (default: a temporary one)")
    ap.add_argument("--skip", default="", help="comma list of: micro, startup, rescan, peer")
    ap.add_argument(
        "--aibom-arg", action="append", default=[], help="extra argument for aibom scan"
    )
    ap.add_argument(
        "--src", type=Path, default=SRC, help="aibom source tree to run (e.g. an older commit's)"
    )
    args = ap.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    airom = None if "peer" in skip or not Path(args.airom).exists() else args.airom
    work = args.work or Path(tempfile.mkdtemp(prefix="aibom-runall-"))
    work.mkdir(parents=True, exist_ok=True)
    tools = Tools(airom, work, args.aibom_arg, args.src)
    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs, load average {load[0]:.1f}; airom: {airom or 'not run'}")

    workloads: list[tuple[str, Path]] = []
    for size in filter(None, args.sizes.split(",")):
        root = work / f"gen{size}"
        if not root.exists():
            root.mkdir(parents=True)
            generate(root, int(size))
        workloads.append((f"generated {int(size):,}", root))
    workloads += [(repo.name, repo) for repo in args.repos]

    rows: list[list[str]] = []
    for name, root in workloads:
        workload(tools, name, root, rows)
    print()
    head = ["workload", "files", "aibom s", "airom s", "ratio", "CPU s aibom / airom"]
    head += ["CPU ratio", "aibom f/s", "airom f/s"]
    head += ["aibom MB", "airom MB", "aibom models/services/components", "airom m/s/c"]
    print(table(head, rows))

    other: list[list[str]] = []
    if "startup" not in skip:
        startup(tools, other)
    if "rescan" not in skip and workloads:
        rescan(tools, workloads[0][0].replace(" ", "-"), workloads[0][1], other)
    if "micro" not in skip:
        micro(other, args.src)
    if other:
        print()
        print(table(["measure", "value", "target"], other))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
