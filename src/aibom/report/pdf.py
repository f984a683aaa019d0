"""PDF report from the same content as the HTML one: title page, sections, page numbers.

Uses fpdf2 (pure Python, no system libraries) with its built-in Helvetica, so output
is identical on every machine; the charts and lineage graphs are the same SVG the
HTML report embeds. Text outside Latin-1 is transliterated (core PDF fonts cannot
show it). The creation date is the BOM's timestamp, so the same BOM gives the same bytes.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from fpdf import FPDF

from aibom.report import svg
from aibom.report.model import (
    UNKNOWN,
    ReportModel,
    country_label,
    inherited_other,
    some,
)

_REPLACEMENTS = {
    "—": "-",
    "–": "-",
    "→": "->",
    "←": "<-",
    "…": "...",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "•": "-",
    "≥": ">=",
    "≤": "<=",
    "\u00a0": " ",
}

NAVY = (31, 78, 121)
INK = (26, 26, 26)
MUTED = (74, 74, 74)
RED = (165, 14, 31)
HEAD_FILL = (233, 237, 242)
MAX_GRAPHS = 40  # lineage graphs drawn; further models get a text table (keeps big PDFs fast)
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_LINE_H = 4.0  # grid: line height (mm) of 8 pt text, cell padding, first baseline below the top
_PAD = 1.2
_BASELINE = 3.0


def latin1(text: object) -> str:
    """Text the core PDF fonts can show: common symbols mapped, the rest transliterated or '?'."""
    value = str(text)
    for src, dst in _REPLACEMENTS.items():
        value = value.replace(src, dst)
    try:
        value.encode("latin-1")
        return value
    except UnicodeEncodeError:
        pass
    out = []
    for ch in value:
        try:
            ch.encode("latin-1")
            out.append(ch)
        except UnicodeEncodeError:
            decomposed = (
                unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
            )
            out.append(decomposed or "?")
    return "".join(out)


def _svg_for_pdf(markup: str) -> bytes:
    """The report's SVG made digestible for fpdf2: no <title>, Latin-1 text, one font."""
    markup = re.sub(r"<title>.*?</title>", "", markup, flags=re.S)
    markup = re.sub(r' aria-label="[^"]*"', "", markup)  # latin1() could unescape its quotes
    markup = re.sub(r'font-family="[^"]*"', 'font-family="Helvetica"', markup)
    return latin1(markup).encode("utf-8")


def _creation_date(timestamp: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        return EPOCH
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _cap(text: str, width_mm: float, max_lines: int = 40) -> str:
    """Cut a cell's text so its row still fits on one page (at most ``max_lines`` of 8 pt)."""
    per_line = max(4, int(width_mm / 1.7))  # Helvetica 8 pt: ~1.5 mm a character, plus padding
    kept: list[str] = []
    used = 0
    for line in text.split("\n"):
        need = max(1, -(-len(line) // per_line))
        if used + need > max_lines:
            room = max(0, max_lines - used - 1) * per_line
            if room:
                kept.append(line[:room])
            kept.append("... (truncated; see the HTML report)")
            return "\n".join(kept)
        kept.append(line)
        used += need
    return text


class _ReportPDF(FPDF):
    """A4 portrait with a running header and "Page n of m" footer (none on the title page)."""

    def __init__(self, report: ReportModel) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report = report
        self.set_margins(16, 18, 16)
        self.set_auto_page_break(auto=True, margin=18)
        self.alias_nb_pages()
        self._widths: dict[tuple[str, str], float] = {}  # string widths in the grid font

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("Helvetica", "", 8)
        self.set_text_color(*MUTED)
        left = latin1(f"{self.report.title} - {self.report.meta.project}")
        self.cell(0, 5, left, align="L")
        self.ln(7)
        self.set_text_color(*INK)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, latin1(f"BOM {self.report.meta.serial}"), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(*INK)

    # -- building blocks
    def h1(self, text: str) -> None:
        """Section heading, with an outline entry (PDF bookmarks)."""
        if self.get_y() > self.h - 60:
            self.add_page()
        self.ln(2)
        self.start_section(latin1(text), level=0)
        self.set_font("Helvetica", "B", 15)
        self.set_text_color(*NAVY)
        self.cell(0, 9, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*NAVY)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)
        self.set_text_color(*INK)

    def h2(self, text: str) -> None:
        """Subsection heading."""
        if self.get_y() > self.h - 50:
            self.add_page()
        self.set_font("Helvetica", "B", 11)
        self.cell(0, 7, latin1(text), new_x="LMARGIN", new_y="NEXT")

    def para(self, text: str, *, size: float = 9.5, color: tuple[int, int, int] = INK) -> None:
        """A wrapped paragraph."""
        self.set_font("Helvetica", "", size)
        self.set_text_color(*color)
        self.multi_cell(0, 5, latin1(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        self.ln(1.5)

    def grid(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        """A table with a repeated heading row and wrapped cells.

        Laid out here rather than with ``FPDF.table``, which line-breaks every cell twice
        through its general text engine (43 s for 2,000 models); this wraps words with
        cached Helvetica widths and draws each line once.
        """
        total = min(self.epw, sum(widths))
        cols = [total * w / sum(widths) for w in widths]
        self.set_draw_color(170, 176, 184)
        self.set_line_width(0.2)
        head = [latin1(h) for h in headers]
        body = [
            [
                latin1(_cap(value, width)) if value else "-"
                for value, width in zip(r, widths, strict=False)
            ]
            for r in rows
        ]
        self._grid_row(head, cols, heading=True)
        for cells in body:
            lines = self._wrap_row(cells, cols, "")
            height = max(len(c) for c in lines) * _LINE_H + 2 * _PAD
            if self.get_y() + height > self.page_break_trigger:
                self.add_page()
                self._grid_row(head, cols, heading=True)
            self._draw_row(lines, cols, height, heading=False)
        self.set_x(self.l_margin)
        self.ln(3)

    def _grid_row(self, cells: list[str], cols: list[float], *, heading: bool) -> None:
        lines = self._wrap_row(cells, cols, "B" if heading else "")
        height = max(len(c) for c in lines) * _LINE_H + 2 * _PAD
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()
        self._draw_row(lines, cols, height, heading=heading)

    def _wrap_row(self, cells: list[str], cols: list[float], style: str) -> list[list[str]]:
        self.set_font("Helvetica", style, 8)
        return [
            self._wrap(text, width - 2 * _PAD, style)
            for text, width in zip(cells, cols, strict=False)
        ]

    def _width(self, text: str, style: str) -> float:
        key = (text, style)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.get_string_width(text)
        return width

    def _wrap(self, text: str, room: float, style: str) -> list[str]:
        """Greedy word wrap into lines no wider than ``room`` mm (long words are cut)."""
        out: list[str] = []
        space = self._width(" ", style)
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                w = self._width(word, style)
                if line and used + space + w <= room:
                    line, used = f"{line} {word}", used + space + w
                    continue
                if line:
                    out.append(line)
                while w > room and len(word) > 1:  # cut a word wider than the column
                    cut = len(word) - 1
                    while cut > 1 and self._width(word[:cut], style) > room:
                        cut = max(1, int(cut * room / self._width(word[:cut], style)))
                    out.append(word[:cut])
                    word = word[cut:]
                    w = self._width(word, style)
                line, used = word, w
            out.append(line)
        return out or [""]

    def _draw_row(
        self, lines: list[list[str]], cols: list[float], height: float, *, heading: bool
    ) -> None:
        x, y = self.l_margin, self.get_y()
        self.set_font("Helvetica", "B" if heading else "", 8)
        if heading:
            self.set_fill_color(*HEAD_FILL)
        for cell_lines, width in zip(lines, cols, strict=False):
            self.rect(x, y, width, height, style="DF" if heading else "D")
            for i, text in enumerate(cell_lines):
                if text:
                    self.text(x + _PAD, y + _PAD + i * _LINE_H + _BASELINE, text)
            x += width
        self.set_xy(self.l_margin, y + height)

    def svg_image(self, markup: str, width_mm: float) -> None:
        """Place one of the report's SVG graphics, starting a new page when it would not fit."""
        data = _svg_for_pdf(markup)
        m = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', markup)
        ratio = float(m.group(2)) / float(m.group(1)) if m else 0.5
        height = width_mm * ratio
        if self.get_y() + height > self.h - self.b_margin:
            self.add_page()
        logging.getLogger("fpdf.svg").setLevel(logging.ERROR)
        self.image(io.BytesIO(data), x=self.l_margin, y=self.get_y(), w=width_mm)
        self.set_y(self.get_y() + height + 2)


def _title_page(pdf: _ReportPDF, report: ReportModel) -> None:
    m = report.meta
    s = report.summary
    pdf.add_page()
    pdf.set_y(50)
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_text_color(*NAVY)
    pdf.cell(0, 6, "AI SUPPLY CHAIN - AUDIT EVIDENCE", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 24)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 11, latin1(report.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.set_line_width(0.2)
    pdf.ln(8)
    pdf.set_font("Helvetica", "", 13)
    pdf.multi_cell(0, 7, latin1(f"Project: {m.project}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    figures = [
        ("Models", str(s.models)),
        ("Hosted services", str(s.services)),
        ("Open findings", str(s.open_findings) if report.findings_given else "-"),
        ("Waived findings", str(s.waived_findings) if report.findings_given else "-"),
        ("Unsafe weight files", str(s.unsafe_weight_files)),
    ]
    box_w = pdf.epw / len(figures)
    y = pdf.get_y()
    for i, (label, value) in enumerate(figures):
        x = pdf.l_margin + i * box_w
        pdf.set_draw_color(170, 176, 184)
        pdf.rect(x + 1, y, box_w - 2, 20)
        pdf.set_xy(x + 3, y + 2)
        pdf.set_font("Helvetica", "", 8)
        pdf.set_text_color(*MUTED)
        pdf.cell(box_w - 6, 4, label)
        pdf.set_xy(x + 3, y + 8)
        pdf.set_font("Helvetica", "B", 18)
        pdf.set_text_color(*INK)
        pdf.cell(box_w - 6, 9, value)
    pdf.set_y(y + 28)
    pdf.set_font("Helvetica", "", 10)
    tool = f"{m.tool} {m.tool_version}" if m.tool != UNKNOWN else UNKNOWN
    for label, value in (
        ("Scan time (UTC)", m.timestamp),
        ("Scanned root", m.root),
        ("BOM serial number", m.serial),
        ("CycloneDX version", m.spec_version),
        ("Generated by", tool),
    ):
        pdf.set_text_color(*MUTED)
        pdf.cell(45, 6, label)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 6, latin1(value), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-40)
    pdf.set_font("Helvetica", "I", 8.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        0,
        4.5,
        "Generated from a CycloneDX AI bill of materials. Facts marked 'unknown' were not "
        "recorded in the BOM. The HTML edition of this report carries the same content.",
    )
    pdf.set_text_color(*INK)


def _verdict_text(report: ReportModel) -> tuple[str, tuple[int, int, int]]:
    s = report.summary
    if not report.findings_given:
        return "No policy was evaluated for this report.", MUTED
    errors = next((o for sev, o, _ in s.findings_by_severity if sev == "error"), 0)
    if errors:
        return (
            f"Action required: {errors} open error finding{'s' if errors != 1 else ''} "
            f"({s.open_findings} open in total, {s.waived_findings} waived).",
            RED,
        )
    return f"No open errors ({s.open_findings} open findings, {s.waived_findings} waived).", INK


def render_pdf(report: ReportModel) -> bytes:
    """The report as PDF bytes."""
    pdf = _ReportPDF(report)
    pdf.set_title(latin1(f"{report.title} - {report.meta.project}"))
    pdf.set_author("aibom")
    pdf.set_creator("aibom")
    pdf.set_subject(latin1(f"CycloneDX BOM {report.meta.serial}"))
    pdf.set_creation_date(_creation_date(report.meta.timestamp))
    _title_page(pdf, report)
    s = report.summary

    pdf.add_page()
    pdf.h1("1. Executive summary")
    text, color = _verdict_text(report)
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, 6, latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.ln(2)
    pdf.h2("Origin: where the AI comes from")
    pdf.svg_image(
        svg.bar_chart(
            "Models and services by origin country",
            [(country_label(c), (n, sv)) for c, n, sv in s.by_country],
            ("models", "services"),
        ),
        110,
    )
    pdf.grid(
        ("Country", "Models", "Services"),
        [[country_label(c), str(n), str(sv)] for c, n, sv in s.by_country],
        (60, 25, 25),
    )
    pdf.h2("Licences: what the models may be used for")
    pdf.svg_image(
        svg.bar_chart(
            "Models by licence category",
            [(c, (n,)) for c, n in s.by_license_category],
            ("models",),
        ),
        110,
    )
    pdf.grid(
        ("Licence category", "Models"),
        [[c, str(n)] for c, n in s.by_license_category],
        (60, 25),
    )
    if report.findings_given:
        pdf.h2("Findings by severity")
        pdf.grid(
            ("Severity", "Open", "Waived"),
            [[sev, str(o), str(w)] for sev, o, w in s.findings_by_severity],
            (60, 25, 25),
        )

    pdf.h1("2. Policy findings")
    if not report.findings_given:
        pdf.para("No policy was evaluated.", color=MUTED)
    elif not report.findings:
        pdf.para("No findings: every component passes the policy.")
    else:
        pdf.grid(
            ("Severity", "Rule", "Component", "Reason", "Evidence location", "Waiver"),
            [
                [
                    f.severity.upper(),
                    f.rule,
                    f.component,
                    f.message,
                    ", ".join(f.locations) or "not recorded",
                    (f"Waived: {f.waiver}" if f.waiver else "Waived")
                    if f.waived
                    else (f"Waiver not applied: {f.waiver}" if f.waiver else "-"),
                ]
                for f in report.findings
            ],
            (17, 25, 30, 56, 28, 22),
        )

    pdf.add_page()
    pdf.h1("3. Models")
    if not report.models:
        pdf.para("No models found.", color=MUTED)
    else:
        rows = []
        for mv in report.models:
            licence = mv.license
            inherited = inherited_other(mv)
            if inherited:
                licence += f" (inherits {', '.join(inherited)})"
            lineage = mv.lineage_source
            if mv.lineage_confidence != UNKNOWN:
                lineage += f", {mv.lineage_confidence} confidence"
            origin = country_label(mv.country)
            others = [c for c in mv.lineage_countries if c != mv.country]
            if others:
                origin += f"; lineage also {', '.join(others)}"
            rows.append(
                [
                    mv.display_label,
                    mv.family,
                    mv.developer,
                    origin,
                    licence,
                    mv.license_category,
                    lineage,
                    ", ".join(mv.locations) or "not recorded",
                ]
            )
        pdf.grid(
            (
                "Model",
                "Family",
                "Developer",
                "Origin",
                "Licence",
                "Category",
                "Lineage",
                "Where used",
            ),
            rows,
            (32, 17, 22, 20, 22, 20, 20, 25),
        )

    pdf.h1("4. Licences and obligations")
    if not report.licenses:
        pdf.para("No models, so no model licences.", color=MUTED)
    else:
        rows = []
        for lic in report.licenses:
            name = lic.license if not lic.name else f"{lic.license} ({lic.name})"
            applies = some(lic.models, 20)
            if lic.inherited_by:
                applies += f"; through a base model: {some(lic.inherited_by, 20)}"
            obligations = (
                "\n".join(f"- {o}" for o in lic.obligations) or "none listed"
                if lic.license != UNKNOWN
                else "No licence declared: terms cannot be assessed"
            )
            rows.append([name, lic.category, applies, obligations])
        pdf.grid(("Licence", "Category", "Applies to", "Obligations"), rows, (34, 22, 40, 82))

    pdf.add_page()
    pdf.h1("5. Lineage")
    pdf.para(
        "Each graph starts at the model and goes up to its foundation model; the label on each "
        "arrow is how the upper model relates to the lower one. Dashed arrows are inferred "
        "from fingerprints rather than declared.",
        color=MUTED,
    )
    with_lineage = [m for m in report.models if m.ancestors]
    for i, mv in enumerate(with_lineage[:MAX_GRAPHS]):
        pdf.h2(mv.display_name)
        pdf.svg_image(svg.lineage_graph(mv, id_prefix=f"pdf-{i}"), 120)
    if len(with_lineage) > MAX_GRAPHS:
        pdf.h2(f"Lineage of the other {len(with_lineage) - MAX_GRAPHS} models")
        pdf.grid(
            ("Model", "Lineage, nearest base first"),
            [
                [mv.display_name, " -> ".join(f"{a.name} ({a.relation})" for a in mv.ancestors)]
                for mv in with_lineage[MAX_GRAPHS:]
            ],
            (60, 118),
        )
    without = [mv for mv in report.models if not mv.ancestors]
    if without:
        pdf.h2("Models without recorded ancestors")
        pdf.grid(
            ("Model", "Family", "Lineage source"),
            [[mv.name, mv.family, mv.lineage_source] for mv in without],
            (90, 44, 44),
        )
    conflicts = [(mv.name, c) for mv in report.models for c in mv.conflicts]
    if conflicts:
        pdf.h2("Declared lineage contradicted by fingerprints")
        pdf.grid(("Model", "Conflict"), [list(c) for c in conflicts], (60, 118))

    pdf.h1("6. Hosted model services")
    if not report.services:
        pdf.para("No hosted model services found.", color=MUTED)
    else:
        pdf.para(
            "Prompts and data sent to these services leave the organisation and are processed "
            "by the provider, in the provider's country.",
            color=MUTED,
        )
        pdf.grid(
            ("Service", "Provider", "Country", "Endpoints", "Models used", "Where used"),
            [
                [
                    sv.name,
                    sv.provider,
                    country_label(sv.country),
                    ", ".join(sv.endpoints) or "not recorded",
                    ", ".join(sv.model_labels) or "not recorded",
                    ", ".join(sv.locations) or "not recorded",
                ]
                for sv in report.services
            ],
            (28, 24, 26, 40, 28, 32),
        )

    pdf.h1("7. Weight files")
    weights = report.weights
    if not weights:
        pdf.para("No weight files were read.", color=MUTED)
    else:
        pdf.grid(
            ("File", "Format", "SHA-256", "Safety verdict"),
            [
                [
                    w.path,
                    w.format,
                    w.sha256 or "NO HASH",
                    w.verdict + (f" (imports {', '.join(w.imports)})" if w.imports else ""),
                ]
                for w in weights
            ],
            (52, 18, 62, 46),
        )

    pdf.h1("8. Scan metadata")
    m = report.meta
    tool = f"{m.tool} {m.tool_version}" if m.tool != UNKNOWN else UNKNOWN
    pdf.grid(
        ("Field", "Value"),
        [
            ["Project", m.project],
            ["Scanned root", m.root],
            ["Files scanned", m.files_scanned],
            ["Scan time (UTC)", m.timestamp],
            ["BOM serial number", m.serial],
            ["CycloneDX spec version", m.spec_version],
            ["Generated by", tool],
        ],
        (50, 128),
    )
    if m.diagnostics:
        pdf.h2("Diagnostics: what the scan could not read or resolve")
        pdf.grid(("Diagnostic",), [[d] for d in m.diagnostics], (178,))
    out: Any = pdf.output()
    return bytes(out)
