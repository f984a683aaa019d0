"""Render lineage results: an indented text tree with evidence, JSON, Mermaid or Graphviz DOT."""

from __future__ import annotations

import dataclasses
import json
from typing import Literal

from aibom.lineage.types import Ancestor, Lineage

Format = Literal["text", "json", "mermaid", "dot"]
FORMATS: tuple[str, ...] = ("text", "json", "mermaid", "dot")


def _children(lin: Lineage) -> dict[str | None, list[Ancestor]]:
    """Ancestors grouped by the node they are a base of (None = the model itself)."""
    names = {a.name for a in lin.ancestors}
    out: dict[str | None, list[Ancestor]] = {}
    for a in lin.ancestors:
        parent = a.child if a.child in names else None
        out.setdefault(parent, []).append(a)
    return out


def _ancestor_label(a: Ancestor) -> str:
    bits: list[str] = [a.source]
    if a.family:
        bits.append(f"{a.family}/{a.release}" if a.release and a.release != a.family else a.family)
    if a.country:
        bits.append(a.country)
    if a.license:
        bits.append(f"licence {a.license}")
    return f"{a.name}  [{', '.join(bits)}]"


def _text_one(name: str, lin: Lineage) -> list[str]:
    lines = [name]
    if lin.family:
        lines.append(
            f"  family: {lin.family_name} ({lin.family}) - {lin.developer}, {lin.country}"
            f"  [{lin.source}, {lin.confidence} confidence]"
        )
        if lin.release:
            lines.append(f"  release: {lin.release_name} ({lin.release})")
    elif lin.country:
        lines.append(f"  family: unknown - {lin.developer}, {lin.country}  [{lin.source}]")
    else:
        lines.append(f"  family: unknown  [{lin.source}]")
    if lin.families:
        lines.append(
            f"  lineage families: {', '.join(lin.families)};"
            + (f" releases: {', '.join(lin.releases)};" if lin.releases else "")
            + f" countries: {', '.join(lin.countries)}"
        )
    if lin.license_declared or lin.licenses_inherited:
        lic = f"  licence: {lin.license_declared or 'not declared'}"
        if lin.licenses_inherited:
            lic += f"; inherited: {', '.join(lin.licenses_inherited)}"
        lines.append(lic)
    if lin.tune_method:
        lines.append(f"  tune method: {lin.tune_method}")
    for c in lin.conflicts:
        lines.append(f"  CONFLICT: {c}")
    if lin.evidence:
        lines.append("  evidence:")
        lines.extend(f"    - {e}" for e in lin.evidence)
    if lin.ancestors:
        lines.append("  tree:")
        lines.append(f"    {name}")
        kids = _children(lin)
        seen: set[str] = set()

        def walk(parent: str | None, indent: str) -> None:
            items = kids.get(parent, [])
            for i, a in enumerate(items):
                last = i == len(items) - 1
                lines.append(
                    f"{indent}{'└─' if last else '├─'} {a.relation} -> {_ancestor_label(a)}"
                )
                cont = indent + ("   " if last else "│  ")
                for e in a.evidence:
                    lines.append(f"{cont}   · {e}")
                if a.name not in seen:
                    seen.add(a.name)
                    walk(a.name, cont)

        walk(None, "    ")
    return lines


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def render_lineage(lineage_by_name: dict[str, Lineage], fmt: Format = "text") -> str:
    """Render lineage results (keyed by model name) as text, json, mermaid or dot; sorted, deterministic."""
    items = sorted(lineage_by_name.items())
    if fmt == "json":
        data = {name: dataclasses.asdict(lin) for name, lin in items}
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if fmt == "text":
        blocks = ["\n".join(_text_one(name, lin)) for name, lin in items]
        return "\n\n".join(blocks) + "\n" if blocks else "no models\n"
    ids: dict[str, str] = {}

    def node_id(name: str) -> str:
        if name not in ids:
            ids[name] = f"n{len(ids)}"
        return ids[name]

    labels: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    for name, lin in items:
        top = f"{name}\n{lin.family or 'unknown'}" + (f" · {lin.country}" if lin.country else "")
        labels.setdefault(name, top)
        node_id(name)
        known = {a.name for a in lin.ancestors}
        for a in lin.ancestors:
            child = a.child if a.child in known else name
            labels.setdefault(
                a.name, f"{a.name}\n{a.family or '?'}" + (f" · {a.country}" if a.country else "")
            )
            node_id(child)
            node_id(a.name)
            edge = (child, a.name, f"{a.relation} ({a.source})")
            if edge not in edges:
                edges.append(edge)
    if fmt == "mermaid":
        out = ["graph TD"]
        for name, nid in ids.items():
            out.append(
                f'  {nid}["{_mermaid_text(labels.get(name, name)).replace(chr(10), "<br/>")}"]'
            )
        for child, base, label in edges:
            out.append(f"  {ids[child]} -->|{_mermaid_text(label)}| {ids[base]}")
        return "\n".join(out) + "\n"
    if fmt == "dot":
        out = ["digraph lineage {", "  rankdir=BT;", '  node [shape=box, fontname="Helvetica"];']
        for name, nid in ids.items():
            out.append(f'  {nid} [label="{_dot_text(labels.get(name, name))}"];')
        for child, base, label in edges:
            out.append(f'  {ids[child]} -> {ids[base]} [label="{_dot_text(label)}"];')
        out.append("}")
        return "\n".join(out) + "\n"
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
