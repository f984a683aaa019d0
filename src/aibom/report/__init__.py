"""Compliance reports from a CycloneDX JSON BOM: HTML, PDF, Markdown and CSV.

Reports read the BOM through its typed view (:mod:`aibom.bom.read`), so they also work
on BOMs written by other tools; facts a BOM does not record are shown as "unknown".
Policy findings are the typed findings of :func:`aibom.policy.evaluate`.

Owns: the report view model (``model``), its renderers (``html``, ``pdf``, ``markdown``,
``csv_out``) and SVG lineage graphs (``svg``). May import: ``bom.read``, ``bom.properties``,
``policy.results`` (typed findings), ``licenses``, ``lineage.knowledge`` (names only) and
``knowledge.tables`` (country display names).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from aibom.bom.read import BomView
from aibom.policy.results import Finding
from aibom.report.model import ReportModel, build_report

ReportFormat = Literal["html", "pdf", "md", "csv"]
FORMATS: tuple[str, ...] = ("html", "pdf", "md", "csv")

_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
}
_ALIASES = {"markdown": "md", "htm": "html"}


class ReportError(ValueError):
    """A report cannot be produced as asked (unknown format, ...); the message says why."""


def report_format_for(path: Path, explicit: str | None) -> str:
    """The report format: ``explicit`` (``--format``) when given, else from the file extension."""
    if explicit:
        fmt = _ALIASES.get(explicit.strip().lower(), explicit.strip().lower())
        if fmt not in FORMATS:
            raise ReportError(
                f"unknown report format {explicit!r}: choose one of {', '.join(FORMATS)}"
            )
        return fmt
    fmt = _EXTENSIONS.get(Path(path).suffix.lower(), "")
    if not fmt:
        raise ReportError(
            f"cannot tell the report format from {str(path)!r}: use a .html, .pdf, .md or .csv "
            "file name, or --format html|pdf|md|csv"
        )
    return fmt


def render_report(
    bom: BomView,
    fmt: ReportFormat | str,
    *,
    findings: Sequence[Finding] | None = None,
    title: str | None = None,
) -> bytes:
    """Render a report of a BOM (and optional policy findings) as bytes."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r}: choose one of {', '.join(FORMATS)}")
    report = build_report(bom, findings, title)
    if fmt == "html":
        from aibom.report.html import render_html

        return render_html(report).encode("utf-8")
    if fmt == "md":
        from aibom.report.markdown import render_markdown

        return render_markdown(report).encode("utf-8")
    if fmt == "csv":
        from aibom.report.csv_out import render_csv

        return render_csv(report).encode("utf-8")
    try:
        from aibom.report.pdf import render_pdf
    except ImportError as exc:  # fpdf2 is a dependency; say what to install if it is missing
        raise ReportError(
            f"PDF reports need the fpdf2 package ({exc}): pip install fpdf2"
        ) from None
    return render_pdf(report)


__all__ = [
    "FORMATS",
    "ReportError",
    "ReportFormat",
    "ReportModel",
    "build_report",
    "render_report",
    "report_format_for",
]
