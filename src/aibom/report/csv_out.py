"""CSV of the model table for spreadsheets (RFC 4180: CRLF line ends, quoted when needed).

Columns are fixed and in a stable order; multi-valued cells are joined with ``"; "``.
Cells that a spreadsheet would run as a formula (starting with ``= + - @`` or a tab)
are prefixed with a single quote, so a hostile model name cannot execute in Excel.
"""

from __future__ import annotations

import csv
import io

from aibom.report.model import ModelView, ReportModel
from aibom.text import csv_cell

COLUMNS: tuple[str, ...] = (
    "bom_ref",
    "name",
    "version",
    "purl",
    "kind",
    "family",
    "developer",
    "origin_country",
    "lineage_countries",
    "lineage_families",
    "license",
    "license_name",
    "license_category",
    "inherited_licenses",
    "obligations",
    "lineage_source",
    "lineage_confidence",
    "relation",
    "base_models",
    "weight_files",
    "weights_unsafe",
    "weights_hashed",
    "locations",
    "test_only",
)


def _cell(value: object) -> str:
    return "" if value is None else csv_cell(value)


def _flag(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def model_row(m: ModelView) -> dict[str, str]:
    """One CSV row (column -> text) for a model."""
    hashed: bool | None = None
    if m.weights:
        hashed = all(w.sha256 for w in m.weights)
    values: dict[str, object] = {
        "bom_ref": m.bom_ref,
        "name": m.name,
        "version": m.version,
        "purl": m.purl,
        "kind": m.kind,
        "family": m.family,
        "developer": m.developer,
        "origin_country": m.country,
        "lineage_countries": "; ".join(m.lineage_countries),
        "lineage_families": "; ".join(m.lineage_families),
        "license": m.license,
        "license_name": m.license_name,
        "license_category": m.license_category,
        "inherited_licenses": "; ".join(m.inherited_licenses),
        "obligations": "; ".join(m.obligations),
        "lineage_source": m.lineage_source,
        "lineage_confidence": m.lineage_confidence,
        "relation": m.relation,
        "base_models": "; ".join(f"{a.name} ({a.relation})" for a in m.ancestors),
        "weight_files": "; ".join(w.path for w in m.weights),
        "weights_unsafe": _flag(m.weights_unsafe),
        "weights_hashed": _flag(hashed),
        "locations": "; ".join(m.locations),
        "test_only": _flag(m.test_only),
    }
    return {k: _cell(values[k]) for k in COLUMNS}


def render_csv(report: ReportModel) -> str:
    """The model table as CSV text with a header row."""
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(
        buf, fieldnames=COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writeheader()
    for m in report.models:
        writer.writerow(model_row(m))
    return buf.getvalue()
