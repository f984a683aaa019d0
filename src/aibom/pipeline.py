"""The scan pipeline: files -> findings -> inventory -> hashes -> lineage.

The CLI and tests call :func:`run_scan`; the BOM writer takes its result.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aibom.cachedir import default_cache_dir
from aibom.walk import WalkResult, walk

# The inventory, scanners and lineage types are imported by the stages that use them: a rescan
# the result cache answers whole only walks the tree (aibom.app), and start-up is part of it.
if TYPE_CHECKING:
    from aibom.inventory import Finding, Inventory, WeightFile
    from aibom.lineage.types import Lineage
    from aibom.scan_units import UnitResult
    from aibom.scanners.base import ScanContext

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
    cache_dir: Path | None = None  # hash, hub and findings caches; None = default_cache_dir()
    jobs: int = 0  # scanning processes and hashing threads; 0 = one per CPU
    use_cache: bool = True  # reuse findings of files scanned before (same content, same aibom)


@dataclass
class ScanResult:
    inventory: Inventory
    lineage: dict[str, Lineage] = field(default_factory=dict)


def _noop(stage: str, done: int, total: int) -> None:
    return None


@dataclass
class WalkedTree:
    """The resolved scan root and its walk (the file listing every later stage works from)."""

    root: Path
    tree: WalkResult


def walk_tree(request: ScanRequest) -> WalkedTree:
    """Check ``request.root`` and walk it; ScanError when it cannot be scanned."""
    root = request.root
    if not root.exists():
        raise ScanError(f"{root}: no such file or directory")
    if not root.is_dir():
        raise ScanError(f"{root}: not a directory (aibom scan takes a project directory)")
    if not os.access(root, os.R_OK | os.X_OK):
        raise ScanError(f"{root}: permission denied")
    root = root.resolve()
    return WalkedTree(
        root, walk(root, excludes=request.excludes, use_gitignore=request.use_gitignore)
    )


def scan_tree(
    request: ScanRequest,
    progress: Progress = _noop,
    *,
    walked: WalkedTree | None = None,
    dependencies: set[str] | None = None,
    meanwhile: Callable[[UnitResult], None] | None = None,
) -> Inventory:
    """Walk the tree and run every scanner; return the merged inventory (no hashing, no lineage).

    Directories are scanned in parallel over ``request.jobs`` processes (0: all CPUs) and
    merged in sorted order, so the result is identical for any number of jobs; files whose
    content was scanned before come from the findings cache unless ``request.use_cache`` is off.
    ``walked`` is the tree's walk when the caller has it; other files the scanners read or
    probed (imported modules) are added to ``dependencies`` when given; ``meanwhile`` sees
    each directory's result that worker processes send while they still scan.
    """
    from aibom.inventory import Inventory
    from aibom.scanners.base import ScanContext

    walked = walked or walk_tree(request)
    root, tree = walked.root, walked.tree
    inventory = Inventory(root=root.name or str(root))
    inventory.extend(tree.diagnostics)
    total = tree.file_count
    progress("walk", total, total)
    ctx = ScanContext(root=root)
    late: list[Finding] = []  # scanners' context diagnostics, merged after all findings
    if total:  # an empty tree needs no scanner (nor their imports)
        from aibom import scan_units

        store_path = None
        if request.use_cache:
            store_path = (request.cache_dir or default_cache_dir()) / "findings.sqlite3"
        units = [(d, tree.directories[d]) for d in sorted(tree.directories)]
        results, problems = scan_units.scan(
            root,
            units,
            store_path=store_path,
            jobs=request.jobs,
            progress=lambda done: progress("scan", done, total),
            meanwhile=meanwhile,
        )
        for result in results:
            inventory.extend(result.findings)
            late.extend(result.diagnostics)
            if dependencies is not None:
                dependencies.update(result.deps)
        late.extend(problems)
    inventory.files_scanned = total
    inventory.extend(_extra_sources(request, ctx))
    inventory.extend(late)
    inventory.extend(ctx.diagnostics)
    ctx.diagnostics.clear()
    inventory.fold_endpointless_services()
    return inventory


def _extra_sources(request: ScanRequest, ctx: ScanContext) -> list[Finding]:
    from aibom.scan_units import guarded as _guarded

    found: list[Finding] = []
    if request.hf_cache:
        from aibom.scanners.hf_cache import scan_hf_cache

        found.extend(_guarded("hf-cache", "hf-cache", ctx, [], scan_hf_cache, request.hf_cache_dir))
    if request.ollama_store is not None:
        from aibom.scanners.ollama import scan_ollama_store

        store = request.ollama_store
        found.extend(_guarded("ollama-store", str(store), ctx, [], scan_ollama_store, store))
    return found


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


class _LineagePreload:
    """Loads lineage's tables once worker processes report a model, while they still scan.

    ``idle`` (the caller's own preparation, e.g. the BOM writer's imports and validator) is
    run once, at the first result workers send: this process only waits for them then.
    """

    def __init__(self, idle: Callable[[], None] | None = None) -> None:
        self.done = False
        self.idle = idle

    def __call__(self, result: UnitResult) -> None:
        from aibom.inventory import ModelFinding

        if self.idle is not None:
            idle, self.idle = self.idle, None
            with contextlib.suppress(Exception):  # the caller meets the same problem later
                idle()
        if self.done or not any(isinstance(f, ModelFinding) for f in result.findings):
            return
        self.done = True
        with contextlib.suppress(Exception):  # run_scan meets the same problem and reports it
            from aibom.lineage.resolve import preload

            preload()


def run_scan(
    request: ScanRequest,
    progress: Progress = _noop,
    *,
    walked: WalkedTree | None = None,
    dependencies: set[str] | None = None,
    idle: Callable[[], None] | None = None,
) -> ScanResult:
    """Scan, hash (unless disabled) and resolve lineage (``walked``, ``dependencies``: see scan_tree).

    ``idle`` is called at most once, while worker processes scan (never when the scan runs
    in this process): preparation of the caller's that would otherwise wait for the scan.
    """
    from aibom.inventory import Diagnostic
    from aibom.limits import drop_unrepresentable_versions
    from aibom.text import clean_strings

    inventory = scan_tree(
        request, progress, walked=walked, dependencies=dependencies, meanwhile=_LineagePreload(idle)
    )
    root = request.root.resolve()
    if request.hash_weights:
        hash_weight_files(inventory, root, request, progress)
    progress("lineage", 0, len(inventory.models))
    if not inventory.models:
        # nothing to resolve: spare the resolver's import (~80 ms of tables and signatures)
        progress("lineage", 0, 0)
        return ScanResult(inventory=inventory, lineage={})
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
