"""Build and serialise a BOM item by item when the whole fails: one bad item never costs the BOM.

:func:`build_isolated` first builds and serialises everything at once (the normal,
fast path). Only if that fails does it look for the items responsible, by bisection
over models, services, libraries, datasets and diagnostics; each is left out with an
error diagnostic naming it and the reason, and the rest is written as usual.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aibom.bom.cdx_json import serialize_json
from aibom.bom.validate import BomFormat
from aibom.inventory import Diagnostic, Inventory
from aibom.lineage.types import Lineage
from aibom.text import bom_text

if TYPE_CHECKING:
    from aibom.bom.build import BuiltBom

Item = tuple[str, str]  # (inventory table, key); table "diagnostics" is keyed by index
KINDS = {"models": "model", "services": "service", "libraries": "library", "datasets": "dataset"}
TABLES = tuple(KINDS)


def build_isolated(
    inventory: Inventory,
    lineage: dict[str, Lineage],
    *,
    project_name: str,
    timestamp: datetime | None,
    fmt: BomFormat = "cyclonedx-json",
) -> tuple[BuiltBom | None, str, list[Diagnostic]]:
    """Return (built BOM, its text, diagnostics for items left out).

    JSON is written straight from the inventory (:func:`serialize_json`), so there is no
    built BOM (None) unless that path declined and the library's model was used.

    Raises the original error when the failure cannot be pinned on items (a bug in aibom).
    """

    def attempt(inv: Inventory) -> tuple[BuiltBom | None, str]:
        if fmt == "cyclonedx-json":
            try:  # linear, and the same bytes as the library path below
                return None, serialize_json(
                    inv, lineage, project_name=project_name, timestamp=timestamp
                )
            except Exception:  # the library path below writes it, or raises the error to report
                pass
        # the library's model (XML, or JSON the direct writer declined); imported only then
        from aibom.bom.build import build_bom
        from aibom.bom.serialize import serialize

        built = build_bom(inv, lineage, project_name=project_name, timestamp=timestamp)
        return built, serialize(built, fmt)

    try:
        built, text = attempt(inventory)
        return built, text, []
    except Exception as first:
        failure = first
    items: list[Item] = [(t, k) for t in TABLES for k in sorted(getattr(inventory, t))]
    items += [("diagnostics", str(i)) for i in range(len(inventory.diagnostics))]
    reasons: dict[Item, str] = {}

    def ok(subset: list[Item]) -> bool:
        try:
            attempt(_restrict(inventory, subset))
            return True
        except Exception as exc:
            if len(subset) == 1:
                reasons[subset[0]] = f"{type(exc).__name__}: {str(exc)[:200]}"
            return False

    bad = _bisect(items, ok)
    if not bad:
        raise failure
    dropped = [_diagnostic(inventory, item, reasons.get(item, "")) for item in bad]
    kept = [i for i in items if i not in set(bad)]
    restricted = _restrict(inventory, kept)
    restricted.diagnostics.extend(dropped)
    built, text = attempt(restricted)
    return built, text, dropped


def _bisect(items: list[Item], ok: Callable[[list[Item]], bool]) -> list[Item]:
    """The items that fail on their own (each found in O(log n) attempts)."""
    if not items or ok(items):
        return []
    if len(items) == 1:
        return items
    mid = len(items) // 2
    return _bisect(items[:mid], ok) + _bisect(items[mid:], ok)


def _restrict(inventory: Inventory, items: list[Item]) -> Inventory:
    keep: dict[str, set[str]] = {}
    for table, key in items:
        keep.setdefault(table, set()).add(key)

    def pick(table: str) -> dict[str, Any]:
        wanted = keep.get(table, set())
        return {k: v for k, v in getattr(inventory, table).items() if k in wanted}

    diagnostics = [
        d for i, d in enumerate(inventory.diagnostics) if str(i) in keep.get("diagnostics", ())
    ]
    return dataclasses.replace(
        inventory,
        models=pick("models"),
        services=pick("services"),
        libraries=pick("libraries"),
        datasets=pick("datasets"),
        diagnostics=diagnostics,
    )


def _diagnostic(inventory: Inventory, item: Item, reason: str) -> Diagnostic:
    table, key = item
    if table == "diagnostics":
        original = inventory.diagnostics[int(key)]
        return Diagnostic(
            bom_text(original.path)[:300],
            "a diagnostic could not be written to the BOM; left out",
            code="bom-item",
            level="error",
        )
    entry = getattr(inventory, table)[key]
    occurrences = getattr(entry, "occurrences", None) or []
    where = occurrences[0].path if occurrences else "."
    name = getattr(entry, "name", None) or getattr(entry, "provider", key)
    return Diagnostic(
        bom_text(where),
        f"{KINDS[table]} {bom_text(str(name))[:120]!r} could not be written "
        f"to the BOM ({bom_text(reason)}); left out, the rest of the BOM is complete",
        code="bom-item",
        level="error",
    )
