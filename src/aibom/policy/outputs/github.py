"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding."""

from __future__ import annotations

from aibom.policy.facts import Location
from aibom.policy.results import CheckResult, Finding

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _file_line(loc: Location) -> tuple[str, int | None]:
    path, _, _cell = loc.path.partition("#")
    return path, (loc.line if not _cell else None)


def annotation(finding: Finding, bom_path: str | None) -> str:
    """One workflow command for ``finding``; waived findings become notices."""
    command = "notice" if finding.waived else _COMMAND[finding.severity]
    props: list[str] = []
    if finding.locations:
        path, line = _file_line(finding.locations[0])
        props.append(f"file={_prop(path)}")
        if line is not None:
            props.append(f"line={line}")
    elif bom_path:
        props.append(f"file={_prop(bom_path)}")
    title = f"aibom {finding.rule}" + (" (waived)" if finding.waived else "")
    props.append(f"title={_prop(title)}")
    message = finding.message
    if finding.note:
        message += f" [{finding.note}]"
    return f"::{command} {','.join(props)}::{_data(message)}"


def render_github(result: CheckResult, *, bom_path: str | None = None) -> str:
    """Annotations for every finding, then a plain summary line."""
    lines = [annotation(f, bom_path) for f in result.findings]
    un = result.summary["unwaived"]
    lines.append(
        f"aibom check: {un['error']} errors, {un['warning']} warnings, {un['info']} info, "
        f"{result.summary['waived']} waived"
    )
    for w in result.expired_waivers:
        lines.append(
            f"::warning title=aibom expired waiver::{_data(f'{w.rule} on {w.component} expired {w.expires.isoformat()} ({w.source})')}"
        )
    return "\n".join(lines) + "\n"
