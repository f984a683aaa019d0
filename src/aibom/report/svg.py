"""The report's own SVG: bar charts and lineage graphs.

Plain SVG 1.1 text, no scripts, no external references, every label escaped. Each
graphic has ``role="img"``, an ``aria-label`` and a ``<title>`` so screen readers
announce it; the same data is always also given as a table in the report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from aibom.report.model import UNKNOWN, ModelView

FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"
INK = "#1a1a1a"
MUTED = "#4a4a4a"
GRID = "#c8c8c8"
SERIES_COLORS = ("#1f4e79", "#b35900", "#5b5b5b", "#2e6b30")
SEVERITY_COLORS = {"error": "#a50e1f", "warning": "#8a4b00", "info": "#1f4e79"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _text_width(text: str, size: float) -> float:
    """Rough width of Helvetica text: good enough to lay out labels."""
    return len(text) * size * 0.56


def _fit(text: str, size: float, width: float) -> str:
    """Truncate text with an ellipsis to fit a width."""
    if _text_width(text, size) <= width:
        return text
    keep = max(1, int(width / (size * 0.56)) - 1)
    return text[:keep] + "…"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "x"


def bar_chart(
    title: str,
    rows: Sequence[tuple[str, Sequence[int]]],
    series: Sequence[str],
    *,
    colors: Sequence[str] = SERIES_COLORS,
    width: int = 480,
) -> str:
    """Horizontal (stacked when several series) bar chart of counts per label."""
    label_w = 190
    count_w = 40
    bar_w = width - label_w - count_w - 10
    row_h = 24
    top = 30 if len(series) > 1 else 8
    height = top + max(1, len(rows)) * row_h + 8
    peak = max([sum(v) for _, v in rows] + [1])
    summary = "; ".join(
        f"{label}: " + ", ".join(f"{n} {s}" for s, n in zip(series, values, strict=False))
        for label, values in rows
    )
    aria = f"{title}. {summary}" if rows else f"{title}: none"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(aria)}" '
        f'font-family="{FONT}" font-size="12">',
        f"<title>{_e(title)}</title>",
    ]
    if len(series) > 1:
        lx = label_w
        for i, name in enumerate(series):
            color = colors[i % len(colors)]
            out.append(f'<rect x="{lx}" y="8" width="12" height="12" fill="{color}"/>')
            out.append(f'<text x="{lx + 17}" y="18" fill="{INK}">{_e(name)}</text>')
            lx += 30 + int(_text_width(name, 12))
    if not rows:
        out.append(f'<text x="{label_w}" y="{top + 16}" fill="{MUTED}">none</text>')
    for r, (label, values) in enumerate(rows):
        y = top + r * row_h
        out.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" fill="{INK}">'
            f"{_e(_fit(label, 12, label_w - 12))}</text>"
        )
        x = float(label_w)
        for i, value in enumerate(values):
            if value <= 0:
                continue
            w = max(2.0, bar_w * value / peak)
            color = colors[i % len(colors)]
            out.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{color}"/>'
            )
            x += w
        out.append(
            f'<text x="{x + 6:.1f}" y="{y + 16}" fill="{INK}" font-weight="bold">{sum(values)}</text>'
        )
    out.append(
        f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - 8}" stroke="{GRID}"/>'
    )
    out.append("</svg>")
    return "\n".join(out)


def severity_chart(rows: Sequence[tuple[str, int, int]]) -> str:
    """Findings by severity, open and waived stacked."""
    return bar_chart(
        "Findings by severity",
        [(sev, (n_open, n_waived)) for sev, n_open, n_waived in rows],
        ("open", "waived"),
        colors=("#a50e1f", "#6b6b6b"),
    )


def lineage_graph(model: ModelView, *, id_prefix: str = "g") -> str:
    """The lineage of one model drawn top-down: the model, then each base to the foundation.

    Each edge carries the relation of the node above to the node below (finetune,
    quantized, ...); inferred steps are dashed.
    """
    width = 560
    box_w = 380
    box_h = 46
    gap = 46
    x0 = 20
    nodes: list[tuple[str, str, str]] = [
        (model.name, _node_detail(model.family, model.license), "model")
    ]
    for i, anc in enumerate(model.ancestors):
        role = "foundation" if i == len(model.ancestors) - 1 else "base"
        nodes.append((anc.name, _node_detail(anc.family, anc.license), role))
    height = len(nodes) * box_h + (len(nodes) - 1) * gap + 10
    gid = f"{_slug(id_prefix)}-lineage"
    chain = " → ".join(
        [model.name] + [f"({a.relation}, {a.source}) {a.name}" for a in model.ancestors]
    )
    title = f"Lineage of {model.name}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}: {_e(chain)}" '
        f'font-family="{FONT}" font-size="12" id="{gid}">',
        f"<title>{_e(title)}</title>",
    ]
    for i, (name, detail, role) in enumerate(nodes):
        y = 5 + i * (box_h + gap)
        fill = {"model": "#e8f0f8", "foundation": "#f3efe6"}.get(role, "#ffffff")
        stroke_w = 2 if role == "model" else 1
        out.append(
            f'<rect x="{x0}" y="{y}" width="{box_w}" height="{box_h}" rx="4" fill="{fill}" '
            f'stroke="{INK}" stroke-width="{stroke_w}"/>'
        )
        out.append(
            f'<text x="{x0 + 10}" y="{y + 19}" fill="{INK}" font-weight="bold">'
            f"{_e(_fit(name, 12.5, box_w - 20))}</text>"
        )
        out.append(
            f'<text x="{x0 + 10}" y="{y + 36}" fill="{MUTED}" font-size="11">'
            f"{_e(_fit(detail, 11, box_w - 20))}</text>"
        )
        tag = {"model": "this model", "foundation": "foundation"}.get(role, "")
        if tag:
            out.append(
                f'<text x="{x0 + box_w + 10}" y="{y + 27}" fill="{MUTED}" font-size="11" '
                f'font-style="italic">{tag}</text>'
            )
        if i + 1 < len(nodes):
            anc = model.ancestors[i]
            ax = x0 + 60
            y1 = y + box_h
            y2 = y + box_h + gap
            dash = ' stroke-dasharray="5 3"' if anc.source == "inferred" else ""
            out.append(
                f'<line x1="{ax}" y1="{y1}" x2="{ax}" y2="{y2 - 8}" stroke="{INK}" '
                f'stroke-width="1.5"{dash}/>'
            )
            out.append(
                f'<path d="M{ax - 5},{y2 - 9} L{ax + 5},{y2 - 9} L{ax},{y2} Z" fill="{INK}"/>'
            )
            label = f"{anc.relation} ({anc.source})" if anc.source != UNKNOWN else anc.relation
            if anc.child and anc.child != nodes[i][0]:  # e.g. the second parent of a merge
                label += f" of {_fit(anc.child, 11, 220)}"
            out.append(
                f'<text x="{ax + 12}" y="{y1 + gap / 2 + 4:.0f}" fill="{INK}" font-size="11">'
                f"{_e(label)}</text>"
            )
    out.append("</svg>")
    return "\n".join(out)


def _node_detail(family: str, license: str) -> str:
    return f"family: {family} · licence: {license}"
