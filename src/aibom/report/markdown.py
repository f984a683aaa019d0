"""Markdown report for pull-request comments: a compact summary, details folded away.

GitHub-flavoured Markdown: tables, and ``<details>`` sections reviewers open on demand.
Every value from the BOM is escaped so it cannot break a table or inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from aibom.report.model import (
    UNKNOWN,
    FindingView,
    ReportModel,
    country_label,
    inherited_other,
    some,
)
from aibom.text import display_text

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_escape(text: object) -> str:
    """Escape text for a Markdown table cell (one line, no markup, no HTML)."""
    value = " ".join(display_text(text).split())
    value = value.replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def _code(text: str, *, table: bool = True) -> str:
    """Inline code that survives backticks in the value; pipes escaped inside tables."""
    value = " ".join(display_text(text).split())
    if table:
        value = value.replace("|", "\\|")
    fence = "``" if "`" in value else "`"
    return f"{fence} {value} {fence}" if fence == "``" else f"`{value}`"


MAX_ROWS = 60  # per table: a PR comment must stay well under GitHub's 65,536 characters


def md_table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, limit: int = MAX_ROWS
) -> str:
    """A GitHub table; cells must already be escaped. Rows beyond ``limit`` are counted, not shown."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    all_rows = list(rows)
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in all_rows[:limit])
    if len(all_rows) > limit:
        lines.append("")
        lines.append(
            f"_… and {len(all_rows) - limit} more rows: see the full HTML, PDF or CSV report._"
        )
    return "\n".join(lines)


def _details(summary: str, body: str) -> str:
    return f"<details>\n<summary>{summary}</summary>\n\n{body}\n\n</details>"


_SEV_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}


def render_markdown(report: ReportModel) -> str:
    """The report as GitHub-flavoured Markdown for a PR comment."""
    s = report.summary
    m = report.meta
    out = [f"## {md_escape(report.title)}", ""]
    facts = [
        f"**{s.models}** model{'s' if s.models != 1 else ''}"
        + (f" ({s.test_only_models} used only in tests)" if s.test_only_models else ""),
        f"**{s.services}** hosted service{'s' if s.services != 1 else ''}",
    ]
    if report.findings_given:
        facts.append(f"**{s.open_findings}** open finding{'s' if s.open_findings != 1 else ''}")
        facts.append(f"**{s.waived_findings}** waived")
    if s.unsafe_weight_files:
        facts.append(f"**{s.unsafe_weight_files}** unsafe weight file(s)")
    out.append(" · ".join(facts))
    out.append("")
    out.append(f"Project {_code(m.project)} · scanned {_code(m.timestamp)} · BOM {_code(m.serial)}")
    out.append("")

    out.append("### Summary")
    out.append("")
    out.append(
        md_table(
            ("Origin country", "Models", "Services"),
            ([md_escape(country_label(c)), str(n), str(sv)] for c, n, sv in s.by_country),
        )
    )
    out.append("")
    out.append(
        md_table(
            ("Licence category", "Models"),
            ([md_escape(c), str(n)] for c, n in s.by_license_category),
        )
    )
    out.append("")
    if report.findings_given:
        out.append(
            md_table(
                ("Severity", "Open", "Waived"),
                ([md_escape(sev), str(o), str(w)] for sev, o, w in s.findings_by_severity),
            )
        )
        out.append("")

    out.append("### Findings")
    out.append("")
    if not report.findings_given:
        out.append("No policy was evaluated.")
    elif not report.findings:
        out.append("No findings: every component passes the policy.")
    else:
        open_f = [f for f in report.findings if not f.waived]
        waived = [f for f in report.findings if f.waived]
        headers = ("Severity", "Rule", "Component", "Reason", "Location")

        def _row(f: FindingView) -> list[str]:
            return [
                f"{_SEV_ICON.get(f.severity, '')} {md_escape(f.severity)}".strip(),
                _code(f.rule),
                md_escape(f.component),
                md_escape(f.message),
                md_escape(", ".join(f.locations)) or "—",
            ]

        if open_f:
            out.append(md_table(headers, (_row(f) for f in open_f)))
        else:
            out.append("No open findings.")
        if waived:
            out.append("")
            out.append(
                _details(
                    f"Waived findings ({len(waived)})",
                    md_table(
                        ("Severity", "Rule", "Component", "Reason", "Waiver"),
                        (
                            [
                                md_escape(f.severity),
                                _code(f.rule),
                                md_escape(f.component),
                                md_escape(f.message),
                                md_escape(f.waiver) or "waived",
                            ]
                            for f in waived
                        ),
                    ),
                )
            )
    out.append("")

    model_rows = []
    for mv in report.models:
        licence = mv.license
        inherited = inherited_other(mv)
        if inherited:
            licence += f" (inherits {', '.join(inherited)})"
        lineage = mv.lineage_source
        if mv.lineage_confidence != UNKNOWN:
            lineage += f", {mv.lineage_confidence}"
        model_rows.append(
            [
                md_escape(mv.display_label),
                md_escape(mv.family),
                md_escape(mv.developer),
                md_escape(country_label(mv.country)),
                md_escape(licence),
                md_escape(mv.license_category),
                md_escape(lineage),
            ]
        )
    out.append(
        _details(
            f"Models ({len(report.models)})",
            md_table(
                ("Model", "Family", "Developer", "Origin", "Licence", "Category", "Lineage"),
                model_rows,
            )
            if model_rows
            else "No models found.",
        )
    )
    out.append("")

    lic_lines = []
    for lic in report.licenses:
        if lic.license == UNKNOWN:
            lic_lines.append(
                f"- **unknown** ({md_escape(some(lic.models))}): no licence declared, "
                "terms cannot be assessed"
            )
            continue
        who = some([*lic.models, *lic.inherited_by])
        lic_lines.append(
            f"- **{md_escape(lic.license)}** ({md_escape(lic.category)}; {md_escape(who)})"
        )
        lic_lines.extend(f"  - {md_escape(o)}" for o in lic.obligations)
    out.append(
        _details(
            f"Licence obligations ({len(report.licenses)} licences)",
            "\n".join(lic_lines) if lic_lines else "No model licences.",
        )
    )
    out.append("")

    chains = []
    for mv in report.models:
        if not mv.ancestors:
            continue
        steps = [_code(mv.name, table=False)]
        steps.extend(
            f"—{md_escape(a.relation)}→ {_code(a.name, table=False)}" for a in mv.ancestors
        )
        chains.append("- " + " ".join(steps))
    if len(chains) > MAX_ROWS:
        more = len(chains) - MAX_ROWS
        chains = [*chains[:MAX_ROWS], f"- _… and {more} more: see the full HTML or PDF report._"]
    out.append(
        _details(
            f"Lineage ({len(chains)} models with recorded ancestors)",
            "\n".join(chains) if chains else "No ancestors recorded.",
        )
    )
    out.append("")

    out.append(
        _details(
            f"Hosted services ({len(report.services)})",
            md_table(
                ("Service", "Provider", "Country", "Endpoints", "Models"),
                (
                    [
                        md_escape(sv.name),
                        md_escape(sv.provider),
                        md_escape(country_label(sv.country)),
                        md_escape(", ".join(sv.endpoints)) or "—",
                        md_escape(", ".join(sv.model_labels)) or "—",
                    ]
                    for sv in report.services
                ),
            )
            if report.services
            else "No hosted model services found.",
        )
    )
    out.append("")

    weights = report.weights
    out.append(
        _details(
            f"Weight files ({len(weights)})",
            md_table(
                ("File", "Format", "SHA-256", "Verdict"),
                (
                    [
                        md_escape(w.path),
                        md_escape(w.format),
                        _code(w.sha256) if w.sha256 else "**no hash**",
                        ("**" + md_escape(w.verdict) + "**") if w.unsafe else md_escape(w.verdict),
                    ]
                    for w in weights
                ),
            )
            if weights
            else "No weight files were read.",
        )
    )
    out.append("")
    tool = f"{m.tool} {m.tool_version}" if m.tool != UNKNOWN else UNKNOWN
    out.append(
        f"<sub>Scan root {_code(m.root, table=False)} · {md_escape(m.files_scanned)} files · "
        f"CycloneDX {md_escape(m.spec_version)} · generated by {md_escape(tool)}</sub>"
    )
    return "\n".join(out) + "\n"
