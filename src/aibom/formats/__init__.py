"""Renderers for `aibom check` results: table, json, sarif, junit, github."""

from __future__ import annotations

from aibom.policy.results import CheckResult

FORMATS: tuple[str, ...] = ("table", "json", "sarif", "junit", "github")


def render(result: CheckResult, fmt: str, *, bom_path: str | None = None) -> str:
    """Render ``result`` as ``fmt`` (one of :data:`FORMATS`); ``bom_path`` is the checked BOM file."""
    if fmt == "table":
        from aibom.formats.table import render_table

        return render_table(result, bom_path=bom_path)
    if fmt == "json":
        from aibom.formats.json_out import render_json

        return render_json(result, bom_path=bom_path)
    if fmt == "sarif":
        from aibom.formats.sarif import render_sarif

        return render_sarif(result, bom_path=bom_path)
    if fmt == "junit":
        from aibom.formats.junit import render_junit

        return render_junit(result, bom_path=bom_path)
    if fmt == "github":
        from aibom.formats.github import render_github

        return render_github(result, bom_path=bom_path)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render"]
