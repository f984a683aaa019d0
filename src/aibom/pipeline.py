"""The scan pipeline: files -> findings -> inventory -> hashes -> lineage.

The CLI and tests call :func:`run_scan`; the BOM writer takes its result.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from aibom.cachedir import default_cache_dir
from aibom.inventory import Diagnostic, Finding, Inventory, WeightFile
from aibom.limits import drop_unrepresentable_versions
from aibom.lineage.types import Lineage
from aibom.scanners import directory_scanners, file_scanners
from aibom.scanners.base import FileScanner, ScanContext
from aibom.text import clean_strings
from aibom.walk import SourceFile, walk

T = TypeVar("T")

# progress(stage, done, total): stage is "walk", "scan", "hash" or "lineage".
Progress = Callable[[str, int, int], None]


class ScanError(Exception):
    """The scan cannot start (missing or unreadable root). The CLI exits 2."""


@dataclass
class ScanRequest:
    """Everything a scan needs to know."""

    root: Path
    excludes: Sequence[str] = ()
    use_gitignore: bool = True
    hash_weights: bool = True
    online: bool = False
    hf_cache: bool = False  # also inventory the local Hugging Face cache
    hf_cache_dir: Path | None = None
    ollama_store: Path | None = None  # also inventory a local Ollama model store
    cache_dir: Path | None = None  # hash + hub cache; None = default_cache_dir()
    jobs: int = 0


@dataclass
class ScanResult:
    inventory: Inventory
    lineage: dict[str, Lineage] = field(default_factory=dict)


def _noop(stage: str, done: int, total: int) -> None:
    return None


def scan_tree(request: ScanRequest, progress: Progress = _noop) -> Inventory:
    """Walk the tree and run every scanner; return the merged inventory (no hashing, no lineage)."""
    root = request.root
    if not root.exists():
        raise ScanError(f"{root}: no such file or directory")
    if not root.is_dir():
        raise ScanError(f"{root}: not a directory (aibom scan takes a project directory)")
    if not os.access(root, os.R_OK | os.X_OK):
        raise ScanError(f"{root}: permission denied")
    root = root.resolve()
    ctx = ScanContext(root=root)
    tree = walk(root, excludes=request.excludes, use_gitignore=request.use_gitignore)
    inventory = Inventory(root=root.name or str(root))
    inventory.extend(tree.diagnostics)
    total = tree.file_count
    progress("walk", total, total)
    dir_scanners = directory_scanners()
    scanners = file_scanners()
    done = 0
    for directory in sorted(tree.directories):
        files = tree.directories[directory]
        claimed: set[str] = set()
        for ds in dir_scanners:
            empty: tuple[list[Finding], set[str]] = ([], set())
            findings, taken = _guarded(
                ds.name, directory or ".", ctx, empty, ds.scan_directory, directory, files, ctx
            )
            inventory.extend(findings)
            claimed |= taken
        for f in files:
            if f.rel not in claimed:
                for scanner in scanners:
                    if scanner.wants(f):
                        inventory.extend(
                            _guarded(scanner.name, f.rel, ctx, [], _scan_file, scanner, f, ctx)
                        )
            ctx.forget(f)
            done += 1
        progress("scan", done, total)
    inventory.files_scanned = total
    inventory.extend(_extra_sources(request, ctx))
    inventory.extend(ctx.diagnostics)
    ctx.diagnostics.clear()
    return inventory


def _extra_sources(request: ScanRequest, ctx: ScanContext) -> list[Finding]:
    found: list[Finding] = []
    if request.hf_cache:
        from aibom.scanners.hf_cache import scan_hf_cache

        found.extend(_guarded("hf-cache", "hf-cache", ctx, [], scan_hf_cache, request.hf_cache_dir))
    if request.ollama_store is not None:
        from aibom.scanners.ollama import scan_ollama_store

        store = request.ollama_store
        found.extend(_guarded("ollama-store", str(store), ctx, [], scan_ollama_store, store))
    return found


def _guarded(
    name: str, where: str, ctx: ScanContext, default: T, fn: Callable[..., T], *args: Any
) -> T:
    """Run one scanner call; a bug in one scanner becomes a diagnostic, never a traceback."""
    try:
        return fn(*args)
    except (MemoryError, RecursionError, Exception) as exc:
        ctx.diag(
            where,
            f"scanner {name} failed: {type(exc).__name__}: {exc}",
            code="scanner-error",
            level="error",
        )
        return default


def _scan_file(scanner: FileScanner, f: SourceFile, ctx: ScanContext) -> list[Finding]:
    return list(scanner.scan(f, ctx))


def hash_weight_files(
    inventory: Inventory, root: Path, request: ScanRequest, progress: Progress = _noop
) -> None:
    """Fill in SHA-256 for every weight file of every local model (parallel, cached)."""
    weights: dict[str, list[WeightFile]] = {}
    for model in inventory.sorted_models():
        if model.facts is None:
            continue
        for wf in model.facts.weights:
            if wf.sha256 is None:
                weights.setdefault(wf.path, []).append(wf)
    if not weights:
        return
    from aibom.weights import hash_files

    paths = [(root / rel, rel) for rel in sorted(weights)]
    total = sum(w[0].size for w in weights.values())
    sizes = {rel: w[0].size for rel, w in weights.items()}
    hashed: dict[str, int] = {}
    lock = threading.Lock()

    def on_progress(rel: str, done: int, size: int) -> None:  # called from hashing threads
        with lock:
            hashed[rel] = min(done, sizes.get(rel, done))
            progress("hash", sum(hashed.values()), total)

    digests, diags = hash_files(
        paths,
        cache_dir=(request.cache_dir or default_cache_dir()) / "hashes",
        jobs=request.jobs,
        progress=on_progress,
    )
    for rel, digest in digests.items():
        for wf in weights.get(rel, []):
            wf.sha256 = digest
    inventory.extend(diags)


def run_scan(request: ScanRequest, progress: Progress = _noop) -> ScanResult:
    """Scan, hash (unless disabled) and resolve lineage."""
    inventory = scan_tree(request, progress)
    root = request.root.resolve()
    if request.hash_weights:
        hash_weight_files(inventory, root, request, progress)
    progress("lineage", 0, len(inventory.models))
    try:
        from aibom.lineage.resolve import resolve_lineage

        lineage, diags = resolve_lineage(
            inventory,
            online=request.online,
            hf_cache=True,
            cache_dir=(request.cache_dir or default_cache_dir()) / "hub",
            hf_cache_dir=request.hf_cache_dir,
        )
    except Exception as exc:
        lineage, diags = (
            {},
            [
                Diagnostic(
                    ".",
                    f"lineage resolution failed: {type(exc).__name__}: {exc}",
                    code="lineage-error",
                    level="error",
                )
            ],
        )
    inventory.extend(diags)
    progress("lineage", len(inventory.models), len(inventory.models))
    # One place: every string headed for the BOM, reports and terminal is valid UTF-8 without
    # control characters (undecodable bytes as \xNN, see aibom.text).
    inventory.extend(drop_unrepresentable_versions(inventory))
    clean_strings(inventory)
    clean_strings(lineage)
    return ScanResult(inventory=inventory, lineage=lineage)
