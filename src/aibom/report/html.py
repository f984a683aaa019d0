"""HTML report: one self-contained, accessible file (inline CSS and SVG, no scripts, no fetches).

Built with :func:`html.escape` on every value taken from the BOM; the output is
well-formed (every element closed, attributes quoted) so it also parses as XML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape

from aibom.report import svg
from aibom.report.model import (
    TEST_ONLY,
    UNKNOWN,
    FindingView,
    LicenseView,
    ModelView,
    ReportModel,
    country_label,
    inherited_other,
)
from aibom.text import display_text

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  font-size: 15px; line-height: 1.45; color: #1a1a1a; background: #f4f5f7; }
body { margin: 0; }
.page { max-width: 1180px; margin: 0 auto; background: #ffffff; padding: 32px 48px 48px;
  border-left: 1px solid #d9dce1; border-right: 1px solid #d9dce1; }
header.doc { border-bottom: 3px solid #1f4e79; padding-bottom: 16px; margin-bottom: 24px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: #1f4e79;
  font-weight: bold; margin: 0 0 4px; }
h1 { font-size: 28px; margin: 0 0 8px; line-height: 1.2; }
h2 { font-size: 21px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid #c8ccd2; }
h3 { font-size: 16px; margin: 22px 0 8px; }
.docmeta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0;
  font-size: 13px; }
.docmeta dt { color: #4a4a4a; }
.docmeta dd { margin: 0; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
nav.toc { font-size: 14px; }
nav.toc ol { columns: 2; margin: 4px 0 0; padding-left: 20px; }
.verdict { padding: 10px 14px; border-left: 5px solid #1f4e79; background: #eef3f8; margin: 12px 0 18px; }
.verdict.fail { border-left-color: #a50e1f; background: #fbeeee; }
.verdict.pass { border-left-color: #2e6b30; background: #eef6ee; }
.kpis { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; margin: 0 0 20px; }
.kpi { border: 1px solid #c8ccd2; border-radius: 4px; padding: 8px 10px; }
.kpi dt { font-size: 12px; color: #4a4a4a; }
.kpi dd { margin: 2px 0 0; font-size: 24px; font-weight: bold; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px 28px; align-items: start; }
.charts table { margin-top: 0; }
figure { margin: 0 0 16px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 13px; color: #4a4a4a; margin-top: 4px; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 4px 0 6px; font-size: 14px; }
th, td { border: 1px solid #c8ccd2; padding: 5px 7px; vertical-align: top; text-align: left;
  overflow-wrap: break-word; }
thead th { background: #e9edf2; }
tbody th { font-weight: normal; }
td.num, th.num { text-align: right; }
tr { break-inside: avoid; page-break-inside: avoid; }
code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
span.mono { word-break: break-all; }
.hash { word-break: break-all; }
.name { word-break: break-word; font-weight: bold; }
ul.tight { margin: 0; padding-left: 16px; }
.sev { white-space: nowrap; display: inline-block; padding: 0 6px; border-radius: 3px; font-weight: bold; font-size: 12px;
  border: 1px solid currentColor; }
.sev-error { color: #a50e1f; } .sev-warning { color: #8a4b00; } .sev-info { color: #1f4e79; }
.waived { color: #4a4a4a; }
.bad { color: #a50e1f; font-weight: bold; }
.good { color: #2e6b30; }
.muted { color: #4a4a4a; }
.unknown { color: #4a4a4a; font-style: italic; }
.lineage-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 28px; }
footer { margin-top: 40px; border-top: 1px solid #c8ccd2; padding-top: 8px; font-size: 12px; color: #4a4a4a; }
@media (max-width: 900px) { .kpis { grid-template-columns: repeat(3, 1fr); }
  .charts, .lineage-grid { grid-template-columns: 1fr; } .page { padding: 16px; } }
@page { size: A4; margin: 16mm 14mm 18mm; }
@page wide { size: A4 landscape; margin: 14mm 14mm 16mm; }
@media print {
  html { background: #ffffff; font-size: 11pt; }
  .page { border: 0; padding: 0; max-width: none; }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section.major { break-before: page; page-break-before: always; }
  section#models { page: wide; }
  thead { display: table-header-group; }
  .verdict, thead th { background: #ffffff !important; }
  a { color: inherit; text-decoration: none; }
}
"""

SECTIONS = (
    ("summary", "Executive summary"),
    ("findings", "Policy findings"),
    ("models", "Models"),
    ("licences", "Licences and obligations"),
    ("lineage", "Lineage"),
    ("services", "Hosted model services"),
    ("weights", "Weight files"),
    ("scan", "Scan metadata"),
)


def _e(value: object) -> str:
    return escape(display_text(value, single_line=False), quote=True)


def _val(value: str) -> str:
    """A value, with ``unknown`` styled so absent facts stand out."""
    if not value or value == UNKNOWN:
        return '<span class="unknown">unknown</span>'
    return _e(value)


def _list(values: Iterable[str], empty: str = "—") -> str:
    items = [v for v in values if v]
    if not items:
        return f'<span class="muted">{_e(empty)}</span>'
    if len(items) == 1:
        return _e(items[0])
    return '<ul class="tight">' + "".join(f"<li>{_e(v)}</li>" for v in items) + "</ul>"


def _table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    table_id: str = "",
    num_cols: Sequence[int] = (),
    row_header: bool = True,
) -> str:
    """A data table; cells are already-escaped HTML. The first cell of each row is a row header."""
    attr = f' id="{_e(table_id)}"' if table_id else ""
    out = [f"<table{attr}>", f"<caption>{_e(caption)}</caption>", "<thead><tr>"]
    for i, h in enumerate(headers):
        cls = ' class="num"' if i in num_cols else ""
        out.append(f'<th scope="col"{cls}>{_e(h)}</th>')
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            cls = ' class="num"' if i in num_cols else ""
            if i == 0 and row_header:
                out.append(f'<th scope="row"{cls}>{cell}</th>')
            else:
                out.append(f"<td{cls}>{cell}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _sev(severity: str) -> str:
    return f'<span class="sev sev-{_e(severity)}">{_e(severity.upper())}</span>'


def _verdict(report: ReportModel) -> str:
    s = report.summary
    if not report.findings_given:
        return (
            '<p class="verdict">No policy was evaluated for this report: run '
            "<code>aibom report BOM.json --policy FILE</code> to include findings.</p>"
        )
    errors = next((o for sev, o, _ in s.findings_by_severity if sev == "error"), 0)
    if errors:
        return (
            f'<p class="verdict fail"><strong>Action required:</strong> {errors} open '
            f"error finding{'s' if errors != 1 else ''} "
            f"({s.open_findings} open in total, {s.waived_findings} waived).</p>"
        )
    return (
        f'<p class="verdict pass"><strong>No open errors.</strong> {s.open_findings} open '
        f"finding{'s' if s.open_findings != 1 else ''} of lower severity, "
        f"{s.waived_findings} waived.</p>"
    )


def _chart_block(heading: str, chart: str, caption: str, table: str) -> str:
    return (
        f'<h3>{_e(heading)}</h3>\n<div class="charts"><figure>{chart}'
        f"<figcaption>{_e(caption)}</figcaption></figure>\n{table}</div>"
    )


def _summary(report: ReportModel) -> str:
    s = report.summary
    countries = {c for c, _, _ in s.by_country if c != UNKNOWN}
    kpis = [
        ("Models", s.models),
        ("Hosted services", s.services),
        ("Origin countries", len(countries)),
        ("Open findings", s.open_findings if report.findings_given else "—"),
        ("Waived findings", s.waived_findings if report.findings_given else "—"),
        ("Unsafe weight files", s.unsafe_weight_files),
    ]
    if s.test_only_models:  # in the same box: the row keeps its six columns
        kpis[0] = (f"Models ({s.test_only_models} used only in tests)", s.models)
    out = [_verdict(report), '<dl class="kpis">']
    for label, value in kpis:
        out.append(f'<div class="kpi"><dt>{_e(label)}</dt><dd>{_e(value)}</dd></div>')
    out.append("</dl>")
    country_rows = [(country_label(c), (m, sv)) for c, m, sv in s.by_country]
    out.append(
        _chart_block(
            "Origin: where the AI comes from",
            svg.bar_chart(
                "Models and services by origin country", country_rows, ("models", "services")
            ),
            "Origin is the country of the foundation developer (models) or of the provider "
            "(services).",
            _table(
                "Models and services by origin country",
                ("Country", "Models", "Services"),
                ([_val(country_label(c)), str(m), str(sv)] for c, m, sv in s.by_country),
                table_id="by-country",
                num_cols=(1, 2),
            ),
        )
    )
    out.append(
        _chart_block(
            "Licences: what the models may be used for",
            svg.bar_chart(
                "Models by licence category",
                [(c, (n,)) for c, n in s.by_license_category],
                ("models",),
            ),
            "Category of the licence each model declares; obligations are listed in section 4.",
            _table(
                "Models by licence category",
                ("Licence category", "Models"),
                ([_val(c), str(n)] for c, n in s.by_license_category),
                table_id="by-licence-category",
                num_cols=(1,),
            ),
        )
    )
    if report.findings_given:
        out.append(
            _chart_block(
                "Findings: what the policy flags",
                svg.severity_chart(s.findings_by_severity),
                "Waived findings stay visible; open ones need action or a waiver.",
                _table(
                    "Findings by severity",
                    ("Severity", "Open", "Waived"),
                    ([_e(sev), str(o), str(w)] for sev, o, w in s.findings_by_severity),
                    table_id="by-severity",
                    num_cols=(1, 2),
                ),
            )
        )
    return "\n".join(out)


def _findings(findings: Sequence[FindingView], given: bool) -> str:
    if not given:
        return '<p class="muted">No policy was evaluated.</p>'
    if not findings:
        return '<p class="good">No findings: every component passes the policy.</p>'
    rows = []
    for f in findings:
        if f.waived:
            waiver = f'<span class="waived">Waived{": " + _e(f.waiver) if f.waiver else ""}</span>'
        elif f.waiver:
            waiver = f'<span class="bad">Waiver not applied: {_e(f.waiver)}</span>'
        else:
            waiver = "—"
        rows.append(
            [
                _sev(f.severity),
                f"<code>{_e(f.rule)}</code>",
                f'<span class="name">{_e(f.component)}</span>',
                _e(f.message) or '<span class="unknown">no message</span>',
                _list((f"{loc}" for loc in f.locations), empty="not recorded"),
                waiver,
            ]
        )
    return _table(
        "Findings, open first, by severity",
        ("Severity", "Rule", "Component", "Reason", "Evidence location", "Waiver"),
        rows,
        table_id="findings-table",
        row_header=False,
    )


def _lineage_cell(m: ModelView) -> str:
    parts = [_val(m.lineage_source)]
    if m.lineage_confidence != UNKNOWN:
        parts.append(f"{_e(m.lineage_confidence)} confidence")
    text = ", ".join(parts)
    if m.conflicts:
        text += '<br/><span class="bad">conflict recorded</span>'
    return text


def _licence_anchor(licence: str) -> str:
    return "licence-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", licence).strip("-") or "x")


def _obligations_cell(m: ModelView, licences: Sequence[LicenseView]) -> str:
    """How many obligations each licence binding the model carries, linked to section 4."""
    parts = []
    for lic in licences:
        own = m.name in lic.models
        if not own and m.name not in lic.inherited_by:
            continue
        link = f'<a href="#{_licence_anchor(lic.license)}">{_e(lic.license)}</a>'
        if lic.license == UNKNOWN:
            parts.append('<span class="bad">no licence: terms unknown</span>')
        else:
            n = len(lic.obligations)
            via = "" if own else " (from a base model)"
            noun = "obligation" if n == 1 else "obligations"
            parts.append(f"{n} {noun} under {link}{via}" if n else f"none listed under {link}{via}")
    return "<br/>".join(parts) or '<span class="muted">none listed</span>'


def _models(models: Sequence[ModelView], licences: Sequence[LicenseView]) -> str:
    if not models:
        return '<p class="muted">No models found.</p>'
    rows = []
    for m in models:
        country = _val(country_label(m.country))
        others = [c for c in m.lineage_countries if c != m.country]
        if others:
            country += f'<br/><span class="muted">lineage also: {_e(", ".join(others))}</span>'
        licence = _val(m.license)
        if m.license_name and m.license_name.lower() != m.license.lower():
            licence += f'<br/><span class="muted">{_e(m.license_name)}</span>'
        inherited = inherited_other(m)
        if inherited:
            licence += f'<br/><span class="muted">inherits: {_e(", ".join(inherited))}</span>'

        name = f'<span class="name">{_e(m.name)}</span>'
        if m.version:
            name += f'<br/><span class="muted mono">revision {_e(m.version)}</span>'
        if m.test_only:
            name += f'<br/><span class="muted">{TEST_ONLY}: used only in test code</span>'
        rows.append(
            [
                name,
                _val(m.kind),
                _val(m.family),
                _val(m.developer),
                country,
                licence,
                _val(m.license_category),
                _obligations_cell(m, licences),
                _lineage_cell(m),
                _list(m.locations, empty="not recorded"),
            ]
        )
    return _table(
        f"All {len(models)} models",
        (
            "Model",
            "Kind",
            "Family",
            "Developer",
            "Origin",
            "Licence",
            "Category",
            "Obligations",
            "Lineage source",
            "Where used",
        ),
        rows,
        table_id="models-table",
    )


def _licences(report: ReportModel) -> str:
    if not report.licenses:
        return '<p class="muted">No models, so no model licences.</p>'
    rows = []
    for lic in report.licenses:
        name = f'<span id="{_licence_anchor(lic.license)}">{_val(lic.license)}</span>'
        if lic.name and lic.name.lower() != lic.license.lower():
            name += f'<br/><span class="muted">{_e(lic.name)}</span>'
        applies = _list(lic.models, empty="—")
        if lic.inherited_by:
            applies += (
                '<br/><span class="muted">through a base model: '
                f"{_e(', '.join(lic.inherited_by))}</span>"
            )
        obligations = (
            _list(lic.obligations, empty="none listed")
            if lic.license != UNKNOWN
            else '<span class="bad">No licence declared: terms cannot be assessed</span>'
        )
        rows.append([name, _val(lic.category), applies, obligations])
    return _table(
        "Licences that apply to the models, with what they oblige",
        ("Licence", "Category", "Applies to", "Obligations"),
        rows,
        table_id="licences-table",
    )


def _lineage(models: Sequence[ModelView]) -> str:
    with_graph = [m for m in models if m.ancestors]
    out = [
        '<p class="muted">Each graph starts at the model and goes up to its foundation model; '
        "the label on each arrow is how the upper model relates to the lower one. Dashed "
        "arrows are inferred from fingerprints rather than declared.</p>"
    ]
    if with_graph:
        out.append('<div class="lineage-grid">')
        for i, m in enumerate(with_graph):
            chain = " → ".join([m.name, *(a.name for a in m.ancestors)])
            out.append(
                f"<figure>{svg.lineage_graph(m, id_prefix=f'lineage-{i}')}"
                f"<figcaption>{_e(chain)}. Lineage {_e(m.lineage_source)}"
                f"{', ' + _e(m.lineage_confidence) + ' confidence' if m.lineage_confidence != UNKNOWN else ''}"
                "</figcaption></figure>"
            )
        out.append("</div>")
    without = [m for m in models if not m.ancestors]
    if without:
        out.append(
            _table(
                "Models without recorded ancestors",
                ("Model", "Family", "Lineage source"),
                ([_e(m.name), _val(m.family), _val(m.lineage_source)] for m in without),
                table_id="no-lineage-table",
            )
        )
    conflicts = [(m.name, c) for m in models for c in m.conflicts]
    if conflicts:
        out.append(
            _table(
                "Declared lineage contradicted by fingerprints",
                ("Model", "Conflict"),
                ([_e(n), _e(c)] for n, c in conflicts),
                table_id="conflicts-table",
            )
        )
    return "\n".join(out)


def _services(report: ReportModel) -> str:
    if not report.services:
        return '<p class="muted">No hosted model services found.</p>'
    rows = [
        [
            f'<span class="name">{_e(s.name)}</span>',
            _val(s.provider),
            _val(country_label(s.country)),
            _list(s.endpoints, empty="not recorded"),
            _list(s.model_labels, empty="not recorded"),
            _list(s.locations, empty="not recorded"),
        ]
        for s in report.services
    ]
    return (
        '<p class="muted">Prompts and data sent to these services leave the organisation and are '
        "processed by the provider, in the provider's country.</p>"
        + _table(
            "Hosted model services and where their data goes",
            ("Service", "Provider", "Provider country", "Endpoints", "Models used", "Where used"),
            rows,
            table_id="services-table",
        )
    )


def _weights(report: ReportModel) -> str:
    weights = report.weights
    if not weights:
        return '<p class="muted">No weight files were read.</p>'
    rows = []
    for w in weights:
        if w.unsafe:
            verdict = f'<span class="bad">{_e(w.verdict)}</span>'
            if w.imports:
                verdict += f"<br/>imports: <code>{_e(', '.join(w.imports))}</code>"
        else:
            verdict = _val(w.verdict)
        rows.append(
            [
                f'<span class="mono">{_e(w.path)}</span>',
                _e(w.model),
                _val(w.format),
                f'<code class="hash">{_e(w.sha256)}</code>'
                if w.sha256
                else '<span class="bad">no hash</span>',
                verdict,
            ]
        )
    return _table(
        "Weight files with SHA-256 and safety verdict",
        ("File", "Model", "Format", "SHA-256", "Safety verdict"),
        rows,
        table_id="weights-table",
    )


def _scan(report: ReportModel) -> str:
    m = report.meta
    rows = [
        ("Project", m.project),
        ("Scanned root", m.root),
        ("Files scanned", m.files_scanned),
        ("Scan time (UTC)", m.timestamp),
        ("BOM serial number", m.serial),
        ("CycloneDX spec version", m.spec_version),
        ("Generated by", f"{m.tool} {m.tool_version}" if m.tool != UNKNOWN else UNKNOWN),
    ]
    out = [
        _table(
            "Scan metadata, for audit evidence",
            ("Field", "Value"),
            ([_e(k), _val(v)] for k, v in rows),
            table_id="scan-table",
        )
    ]
    if m.diagnostics:
        out.append(
            _table(
                "Diagnostics: what the scan could not read or resolve",
                ("Diagnostic",),
                ([_e(d)] for d in m.diagnostics),
                table_id="diagnostics-table",
                row_header=False,
            )
        )
    return "\n".join(out)


def render_html(report: ReportModel) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    m = report.meta
    body = {
        "summary": _summary(report),
        "findings": _findings(report.findings, report.findings_given),
        "models": _models(report.models, report.licenses),
        "licences": _licences(report),
        "lineage": _lineage(report.models),
        "services": _services(report),
        "weights": _weights(report),
        "scan": _scan(report),
    }
    toc = "".join(f'<li><a href="#{sid}">{_e(title)}</a></li>' for sid, title in SECTIONS)
    sections = []
    for n, (sid, title) in enumerate(SECTIONS, 1):
        cls = "major" if sid in ("models", "lineage", "weights") else ""
        cls_attr = f' class="{cls}"' if cls else ""
        sections.append(
            f'<section id="{sid}" aria-labelledby="h-{sid}"{cls_attr}>'
            f'<h2 id="h-{sid}">{n}. {_e(title)}</h2>\n{body[sid]}\n</section>'
        )
    docmeta = [
        ("Project", m.project),
        ("Scan time", m.timestamp),
        ("Scanned root", m.root),
        ("BOM serial", m.serial),
        ("Generated by", f"{m.tool} {m.tool_version}" if m.tool != UNKNOWN else UNKNOWN),
    ]
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{_val(v)}</dd>" for k, v in docmeta)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        '<meta name="generator" content="aibom"/>\n'
        # no fetches, no scripts: the browser refuses anything but the inline style
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n"
        f"<title>{_e(report.title)} — {_e(m.project)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        '<div class="page">\n'
        '<header class="doc">\n<p class="kicker">AI supply chain · audit evidence</p>\n'
        f"<h1>{_e(report.title)}</h1>\n"
        f'<dl class="docmeta">{dl}</dl>\n</header>\n'
        f'<nav class="toc" aria-label="Contents"><h2 id="h-contents">Contents</h2><ol>{toc}</ol></nav>\n'
        "<main>\n" + "\n".join(sections) + "\n</main>\n"
        f"<footer><p>Generated by aibom from CycloneDX BOM {_e(m.serial)}. "
        "Facts marked <em>unknown</em> were not recorded in the BOM.</p></footer>\n"
        "</div>\n</body>\n</html>\n"
    )
