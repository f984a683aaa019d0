"""Terminal table output (rich)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from aibom.policy.results import CheckResult
from aibom.text import display_text

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def build_table(result: CheckResult) -> Table:
    """A rich Table of the findings."""
    table = Table(title="aibom check", show_lines=False, expand=False)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Rule", no_wrap=True)
    table.add_column("Component", overflow="fold")
    table.add_column("Message", overflow="fold")
    table.add_column("Status", overflow="fold")
    for f in result.findings:
        table.add_row(
            Text(f.severity, style="dim" if f.waived else _STYLE[f.severity]),
            Text(display_text(f.rule)),  # scanned text: no escape sequences, no Rich markup
            Text(display_text(f.component.label)),
            Text(display_text(f.message)),
            Text(display_text(f.note)),
        )
    return table


def summary_line(result: CheckResult) -> str:
    """One line: counts of unwaived findings and waivers."""
    s = result.summary
    un = s["unwaived"]
    return (
        f"{s['components_checked']} components and {s['services_checked']} services checked against "
        f"{s['rules']} rules ({', '.join(s['policies'])}): {un['error']} errors, {un['warning']} warnings, "
        f"{un['info']} info; {s['waived']} waived"
    )


def print_table(result: CheckResult, console: Console) -> None:
    """Print the findings table and summary to ``console``."""
    if result.findings:
        console.print(build_table(result))
    else:
        console.print("No findings.")
    console.print(summary_line(result), markup=False, highlight=False)
    for w in result.expired_waivers:
        console.print(
            f"expired waiver: {w.rule} on {w.component} (expired {w.expires.isoformat()}, {w.source})",
            markup=False,
            highlight=False,
        )
    for note in result.notes:
        console.print(f"BOM: {note}", markup=False, highlight=False)
    for w in result.unused_waivers:
        console.print(
            f"unused waiver: {w.rule} on {w.component} matches no finding ({w.source})",
            markup=False,
            highlight=False,
        )


def render_table(result: CheckResult, *, bom_path: str | None = None, width: int = 160) -> str:
    """The table as plain text (no colour)."""
    buf = io.StringIO()
    console = Console(
        file=buf, width=width, color_system=None, force_terminal=False, soft_wrap=False
    )
    if bom_path:
        console.print(f"BOM: {bom_path}", markup=False, highlight=False)
    print_table(result, console)
    return buf.getvalue()
