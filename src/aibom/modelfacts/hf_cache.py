"""The local Hugging Face cache, read offline: which model snapshots it holds and their facts.

Below both the scanners (``aibom scan --hf-cache``) and lineage (cached bases);
nothing here touches the network or imports either of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the functions that read a cache: the scan's cache key only
    from aibom.inventory import Diagnostic, LocalModelFacts  # asks for default_hf_cache_dir


@dataclass(frozen=True)
class CachedSnapshot:
    """One revision of one model repo in the local Hugging Face cache."""

    repo_id: str
    commit: str
    path: Path
    refs: tuple[str, ...]


def default_hf_cache_dir() -> Path:
    """The Hugging Face hub cache directory as ``huggingface_hub`` resolves it (HF_HUB_CACHE, HF_HOME)."""
    env = os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
    if env:
        return Path(env)
    home = os.environ.get("HF_HOME")
    if home:
        return Path(home) / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "huggingface" / "hub"


def list_cached_models(
    hf_cache_dir: Path | None = None,
) -> tuple[list[CachedSnapshot], list[Diagnostic]]:
    """Every model snapshot in the local Hugging Face cache, sorted; never touches the network."""
    cache_dir = hf_cache_dir or default_hf_cache_dir()
    if not cache_dir.exists():
        return [], []  # no cache: no need to import huggingface_hub (0.3-0.8 s)
    from huggingface_hub import scan_cache_dir
    from huggingface_hub.errors import CacheNotFound

    from aibom.inventory import Diagnostic

    diags: list[Diagnostic] = []
    try:
        info = scan_cache_dir(cache_dir)
    except CacheNotFound:
        return [], []
    except (OSError, ValueError) as exc:
        return [], [
            Diagnostic(
                str(cache_dir), f"cannot read the Hugging Face cache: {exc}", code="hf-cache"
            )
        ]
    for warning in info.warnings:
        diags.append(
            Diagnostic(
                str(cache_dir), f"Hugging Face cache: {warning}", code="hf-cache", level="info"
            )
        )
    snaps: list[CachedSnapshot] = []
    for repo in info.repos:
        if repo.repo_type != "model":
            continue
        for rev in repo.revisions:
            snaps.append(
                CachedSnapshot(
                    repo.repo_id, rev.commit_hash, Path(rev.snapshot_path), tuple(sorted(rev.refs))
                )
            )
    snaps.sort(key=lambda s: (s.repo_id.lower(), "main" not in s.refs, s.commit))
    return snaps, diags


def read_snapshot_facts(snapshot: Path, label: str) -> tuple[LocalModelFacts, list[Diagnostic]]:
    """Read a cached snapshot like a local model directory (headers only; blob names give SHA-256).

    Diagnostics name files as ``label/<file>``.
    """
    from aibom.filereader import FileReader

    ctx = FileReader(root=snapshot)
    from aibom.modelfacts.directory import read_model_facts  # deferred: ~17 ms of imports

    facts, _ = read_model_facts(snapshot, label, ctx)
    from aibom.weights import hf_blob_sha256

    for wf in facts.weights:
        if wf.sha256 is None:
            name = wf.path[len(label) + 1 :] if wf.path.startswith(label + "/") else wf.path
            wf.sha256 = hf_blob_sha256(snapshot / name)
    return facts, list(ctx.diagnostics)
