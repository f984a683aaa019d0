"""Scan a built tree through the public pipeline and summarise what the recall tests assert on.

The recall tests (``test_recall_*.py``) only go through :func:`aibom.pipeline.scan_tree`
so they hold whatever the scanners look like inside.
"""

from __future__ import annotations

from pathlib import Path

from aibom.inventory import Inventory
from aibom.pipeline import ScanRequest, scan_tree


def scan(root: Path) -> Inventory:
    """The merged inventory of ``root`` (no hashing, no network)."""
    return scan_tree(ScanRequest(root=root, hash_weights=False))


def models(inv: Inventory) -> dict[str, set[str]]:
    """Model name (lower-case) -> its occurrences as ``path:line`` / ``path#cell=N:line``."""
    out: dict[str, set[str]] = {}
    for m in inv.models.values():
        out.setdefault(m.name.lower(), set()).update(str(o) for o in m.occurrences)
    return out


def model_kinds(inv: Inventory) -> dict[str, str]:
    """Model name (lower-case) -> kind value (``hub``, ``ollama``, ``local``...)."""
    return {m.name.lower(): m.kind.value for m in inv.models.values()}


def hosted(inv: Inventory) -> dict[str, set[str]]:
    """Hosted model name (lower-case) -> providers of the services that name it."""
    out: dict[str, set[str]] = {}
    for s in inv.services.values():
        for name in s.models:
            out.setdefault(name.lower(), set()).add(s.provider)
    return out


def service_places(inv: Inventory, provider: str) -> set[str]:
    """Every ``path:line`` of the services of ``provider``."""
    return {str(o) for s in inv.services.values() if s.provider == provider for o in s.occurrences}


def endpoints(inv: Inventory) -> set[tuple[str, str | None]]:
    """(provider, endpoint) of every service."""
    return {(s.provider, s.endpoint) for s in inv.services.values()}


def everything(inv: Inventory) -> set[str]:
    """Every model name and hosted model name reported (lower-case)."""
    return set(models(inv)) | set(hosted(inv))
