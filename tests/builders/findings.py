"""Findings as comparable tuples: the one helper scanner tests compare results with.

Each test module picks the fields it asserts on per finding type (a :class:`Shape`);
``"kind"`` is the model kind's value, ``"location"`` the ``path:line`` string,
``"source"`` the location's source, ``"line"`` its line. Everything else is an
attribute of the finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from aibom.inventory import (
    DatasetFinding,
    Diagnostic,
    Finding,
    LibraryFinding,
    ModelFinding,
    ServiceFinding,
)

Row = tuple[object, ...]


@dataclass(frozen=True)
class Shape:
    """Which fields of each finding type a test compares (None: that type is not expected)."""

    model: tuple[str, ...] = ("kind", "name", "revision", "framework", "location", "source")
    service: tuple[str, ...] = ("provider", "endpoint", "model", "location", "source")
    library: tuple[str, ...] | None = ("ecosystem", "name", "version", "location")
    dataset: tuple[str, ...] | None = ("name", "location", "source")
    diagnostic: tuple[str, ...] = ("code", "level", "path", "line")
    ordered: bool = False  # keep the scanner's order instead of sorting


def _field(f: Finding, name: str) -> object:
    if name == "kind":
        return f.kind.value  # type: ignore[union-attr]
    if name == "location":
        return str(f.location)  # type: ignore[union-attr]
    if name == "source":
        return f.location.source  # type: ignore[union-attr]
    if name == "line" and not isinstance(f, Diagnostic):
        return f.location.line  # type: ignore[union-attr]
    return getattr(f, name)


def as_rows(findings: Iterable[Finding], shape: Shape = Shape()) -> list[Row]:
    """``findings`` as tuples ``(what, field...)`` per ``shape``; sorted unless ``shape.ordered``."""
    out: list[Row] = []
    for f in findings:
        if isinstance(f, ModelFinding):
            what, fields = "model", shape.model
        elif isinstance(f, ServiceFinding):
            what, fields = "service", shape.service
        elif isinstance(f, LibraryFinding) and shape.library is not None:
            what, fields = "library", shape.library
        elif isinstance(f, DatasetFinding) and shape.dataset is not None:
            what, fields = "dataset", shape.dataset
        elif isinstance(f, Diagnostic):
            what, fields = "diag", shape.diagnostic
        else:
            out.append(("other", repr(f)))
            continue
        out.append((what, *(_field(f, n) for n in fields)))
    return out if shape.ordered else sorted(out, key=repr)


def rows(*items: Row) -> list[Row]:
    """Expected rows in the order :func:`as_rows` sorts them."""
    return sorted(items, key=repr)
