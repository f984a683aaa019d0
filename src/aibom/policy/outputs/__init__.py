"""Renderers of policy check results (:class:`~aibom.policy.results.CheckResult`): table, json, sarif, junit, github.

Each module turns a typed result into text; none reads text back. May import: ``policy.results``
and what it carries (findings, waivers, facts), rich (table).
"""

from __future__ import annotations

from aibom.policy.results import CheckResult

FORMATS: tuple[str, ...] = ("table", "json", "sarif", "junit", "github")


def render(result: CheckResult, fmt: str, *, bom_path: str | None = None) -> str:
    """Render ``result`` as ``fmt`` (one of :data:`FORMATS`); ``bom_path`` is the checked BOM file."""
    if fmt == "table":
        from aibom.policy.outputs.table import render_table

        return render_table(result, bom_path=bom_path)
    if fmt == "json":
        from aibom.policy.outputs.json_out import render_json

        return render_json(result, bom_path=bom_path)
    if fmt == "sarif":
        from aibom.policy.outputs.sarif import render_sarif

        return render_sarif(result, bom_path=bom_path)
    if fmt == "junit":
        from aibom.policy.outputs.junit import render_junit

        return render_junit(result, bom_path=bom_path)
    if fmt == "github":
        from aibom.policy.outputs.github import render_github

        return render_github(result, bom_path=bom_path)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render"]
