"""Compare two CycloneDX JSON BOMs: what a change adds, removes or alters in the AI supply chain.

Models and services are matched by bom-ref, then by purl without its version, then by
name, so a model whose revision moved shows up as changed rather than removed + added.
Reads BOMs through their typed view (:mod:`aibom.bom.read`) and the report view model
(:mod:`aibom.report.model`), so BOMs from other tools work; findings are the typed
findings of :mod:`aibom.policy`. May import: ``bom.read``, ``report``, ``policy.results``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, TypeVar

from aibom.bom.read import BomView
from aibom.policy.results import Finding
from aibom.report.markdown import md_escape, md_table
from aibom.report.model import (
    UNKNOWN,
    FindingView,
    ModelView,
    ServiceView,
    build_report,
)

DiffFormat = Literal["text", "md", "json"]
DIFF_FORMATS: tuple[str, ...] = ("text", "md", "json")


@dataclass(frozen=True)
class ComponentRef:
    """A model or service that was added or removed, with the facts a reviewer needs first."""

    kind: str  # "model" | "service"
    name: str
    bom_ref: str
    purl: str = ""
    family: str = UNKNOWN
    country: str = UNKNOWN
    license: str = UNKNOWN
    detail: str = ""  # services: endpoints; models: lineage chain


@dataclass(frozen=True)
class Change:
    """One fact of a model or service that differs between the two BOMs."""

    kind: str  # "model" | "service"
    name: str
    aspect: (
        str  # version | lineage | licence | origin | hash | weights | scope | endpoint | provider
    )
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class FindingRef:
    """A policy finding that appeared or went away."""

    rule: str
    severity: str
    component: str
    message: str
    waived: bool


@dataclass
class BomDiff:
    """Everything that differs between two BOMs (all lists sorted)."""

    old_serial: str = UNKNOWN
    new_serial: str = UNKNOWN
    models_added: list[ComponentRef] = field(default_factory=list)
    models_removed: list[ComponentRef] = field(default_factory=list)
    services_added: list[ComponentRef] = field(default_factory=list)
    services_removed: list[ComponentRef] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    new_findings: list[FindingRef] = field(default_factory=list)
    resolved_findings: list[FindingRef] = field(default_factory=list)
    waiver_changes: list[FindingRef] = field(default_factory=list)  # now waived, or no longer
    findings_compared: bool = False

    @property
    def has_new_models(self) -> bool:
        """True when the new BOM contains a model the old one did not."""
        return bool(self.models_added)

    @property
    def is_empty(self) -> bool:
        """True when nothing relevant changed."""
        return not (
            self.models_added
            or self.models_removed
            or self.services_added
            or self.services_removed
            or self.changes
            or self.new_findings
            or self.resolved_findings
            or self.waiver_changes
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        out = asdict(self)
        out["summary"] = {
            "models_added": len(self.models_added),
            "models_removed": len(self.models_removed),
            "services_added": len(self.services_added),
            "services_removed": len(self.services_removed),
            "changes": len(self.changes),
            "new_findings": len(self.new_findings),
            "resolved_findings": len(self.resolved_findings),
            "waiver_changes": len(self.waiver_changes),
        }
        return out


# --------------------------------------------------------------------------- matching

T = TypeVar("T", ModelView, ServiceView)


def _purl_base(purl: str) -> str:
    return purl.split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[0] if purl else ""


def _match(
    old: Sequence[T], new: Sequence[T], keys: Sequence[Callable[[T], str]]
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pair old and new items by the first key that matches uniquely, in key order."""
    left = list(old)
    right = list(new)
    pairs: list[tuple[T, T]] = []
    for key in keys:
        index: dict[str, list[T]] = {}
        for item in right:
            k = key(item)
            if k:
                index.setdefault(k, []).append(item)
        still: list[T] = []
        for item in left:
            k = key(item)
            candidates = index.get(k, []) if k else []
            if candidates:
                other = candidates.pop(0)
                right.remove(other)
                pairs.append((item, other))
            else:
                still.append(item)
        left = still
    return pairs, left, right


def _model_keys() -> list[Callable[[ModelView], str]]:
    return [
        lambda m: m.bom_ref if m.bom_ref != UNKNOWN else "",
        lambda m: _purl_base(m.purl),
        lambda m: m.name.lower() if m.name != UNKNOWN else "",
        # nameless components (other tools' BOMs): identical facts are the same component
        lambda m: repr((_model_facts(m), [(w.path, w.sha256) for w in m.weights])),
    ]


def _service_keys() -> list[Callable[[ServiceView], str]]:
    return [
        lambda s: s.bom_ref if s.bom_ref != UNKNOWN else "",
        lambda s: f"{s.provider}|{s.name}".lower() if s.name != UNKNOWN else "",
        lambda s: repr(_service_facts(s)),
    ]


# --------------------------------------------------------------------------- comparing


def _joined(values: Iterable[str]) -> str:
    return ", ".join(values) or "none"


def _chain(m: ModelView) -> str:
    return " -> ".join(f"{a.name} ({a.relation})" for a in m.ancestors) or "none"


def _model_facts(m: ModelView) -> list[tuple[str, str, str]]:
    """(aspect, field, value) facts compared between two versions of a model."""
    return [
        ("version", "version", m.version or "none"),
        ("version", "purl", m.purl or "none"),
        ("lineage", "family", m.family),
        ("lineage", "lineage families", _joined(m.lineage_families)),
        ("lineage", "ancestors", _chain(m)),
        ("lineage", "lineage source", m.lineage_source),
        ("licence", "licence", m.license),
        ("licence", "licence category", m.license_category),
        ("licence", "inherited licences", _joined(m.inherited_licenses)),
        ("origin", "developer", m.developer),
        ("origin", "origin country", m.country),
        ("origin", "lineage countries", _joined(m.lineage_countries)),
        (
            "weights",
            "unsafe weights",
            UNKNOWN if m.weights_unsafe is None else str(m.weights_unsafe).lower(),
        ),
        ("scope", "used only in tests", str(m.test_only).lower()),
    ]


def _service_facts(s: ServiceView) -> list[tuple[str, str, str]]:
    return [
        ("provider", "provider", s.provider),
        ("origin", "provider country", s.country),
        ("endpoint", "endpoints", _joined(s.endpoints)),
        ("provider", "models used", _joined(s.models)),
        ("scope", "models used only in tests", _joined(s.test_models)),
    ]


def _hash_changes(old: ModelView, new: ModelView) -> list[Change]:
    a = {w.path: w.sha256 or "none" for w in old.weights}
    b = {w.path: w.sha256 or "none" for w in new.weights}
    out: list[Change] = []
    for path in sorted(set(a) | set(b)):
        before = a.get(path, "absent")
        after = b.get(path, "absent")
        if before != after:
            out.append(Change("model", new.name, "hash", f"sha256 {path}", before, after))
    return out


def _compare(
    kind: str,
    name: str,
    old: list[tuple[str, str, str]],
    new: list[tuple[str, str, str]],
) -> list[Change]:
    return [
        Change(kind, name, aspect, fld, before, after)
        for (aspect, fld, before), (_, _, after) in zip(old, new, strict=True)
        if before != after
    ]


def _model_ref(m: ModelView) -> ComponentRef:
    return ComponentRef(
        kind="model",
        name=m.name,
        bom_ref=m.bom_ref,
        purl=m.purl,
        family=m.family,
        country=m.country,
        license=m.license,
        detail=_chain(m) if m.ancestors else "",
    )


def _service_ref(s: ServiceView) -> ComponentRef:
    return ComponentRef(
        kind="service",
        name=s.name,
        bom_ref=s.bom_ref,
        family=s.provider,
        country=s.country,
        detail=_joined(s.endpoints),
    )


def _finding_ref(f: FindingView) -> FindingRef:
    return FindingRef(f.rule, f.severity, f.component, f.message, f.waived)


def _finding_key(f: FindingView, canon: dict[str, str] | None = None) -> tuple[str, str]:
    """(rule, component identity); old components are mapped to their match in the new BOM."""
    ref = f.bom_ref or f.component
    if canon:
        ref = canon.get(ref, ref)
    return (f.rule, ref.lower())


def diff_boms(
    old: BomView,
    new: BomView,
    *,
    old_findings: Sequence[Finding] | None = None,
    new_findings: Sequence[Finding] | None = None,
) -> BomDiff:
    """Models and services added/removed; lineage, licence, origin or hash changes; findings."""
    a = build_report(old, old_findings)
    b = build_report(new, new_findings)
    out = BomDiff(old_serial=a.meta.serial, new_serial=b.meta.serial)

    pairs, removed, added = _match(a.models, b.models, _model_keys())
    out.models_added = sorted((_model_ref(m) for m in added), key=lambda r: (r.name, r.bom_ref))
    out.models_removed = sorted((_model_ref(m) for m in removed), key=lambda r: (r.name, r.bom_ref))
    for om, nm in pairs:
        out.changes.extend(_compare("model", nm.name, _model_facts(om), _model_facts(nm)))
        out.changes.extend(_hash_changes(om, nm))

    spairs, sremoved, sadded = _match(a.services, b.services, _service_keys())
    out.services_added = sorted(
        (_service_ref(s) for s in sadded), key=lambda r: (r.name, r.bom_ref)
    )
    out.services_removed = sorted(
        (_service_ref(s) for s in sremoved), key=lambda r: (r.name, r.bom_ref)
    )
    for os_, ns in spairs:
        out.changes.extend(_compare("service", ns.name, _service_facts(os_), _service_facts(ns)))
    out.changes.sort(key=lambda c: (c.kind, c.name, c.aspect, c.field))

    if old_findings is not None or new_findings is not None:
        out.findings_compared = True
        canon = {o.bom_ref: n.bom_ref for o, n in pairs}
        canon.update({o.bom_ref: n.bom_ref for o, n in spairs})
        old_by_key = {_finding_key(f, canon): f for f in a.findings}
        new_by_key = {_finding_key(f): f for f in b.findings}
        out.new_findings = [_finding_ref(f) for k, f in new_by_key.items() if k not in old_by_key]
        out.resolved_findings = [
            _finding_ref(f) for k, f in old_by_key.items() if k not in new_by_key
        ]
        out.waiver_changes = [
            _finding_ref(f)
            for k, f in new_by_key.items()
            if k in old_by_key and old_by_key[k].waived != f.waived
        ]
    return out


# --------------------------------------------------------------------------- rendering


def _ref_line(r: ComponentRef) -> str:
    if r.kind == "service":
        return f"{r.name} (provider {r.family}, {r.country}; {r.detail})"
    extra = f"; lineage {r.detail}" if r.detail else ""
    return f"{r.name} (family {r.family}, origin {r.country}, licence {r.license}{extra})"


def _render_text(d: BomDiff) -> str:
    lines = [f"aibom diff: {d.old_serial} -> {d.new_serial}"]
    changed = sorted({(c.kind, c.name) for c in d.changes})
    lines.append(
        f"models: +{len(d.models_added)} -{len(d.models_removed)} "
        f"~{sum(1 for k, _ in changed if k == 'model')}; "
        f"services: +{len(d.services_added)} -{len(d.services_removed)} "
        f"~{sum(1 for k, _ in changed if k == 'service')}"
    )
    if d.is_empty:
        lines.append("No changes to models, services or findings.")
        return "\n".join(lines) + "\n"
    for r in d.models_added:
        lines.append(f"+ model    {_ref_line(r)}")
    for r in d.models_removed:
        lines.append(f"- model    {_ref_line(r)}")
    for r in d.services_added:
        lines.append(f"+ service  {_ref_line(r)}")
    for r in d.services_removed:
        lines.append(f"- service  {_ref_line(r)}")
    for kind, name in changed:
        lines.append(f"~ {kind:<8} {name}")
        for c in d.changes:
            if (c.kind, c.name) == (kind, name):
                lines.append(f"    {c.aspect}: {c.field}: {c.old} -> {c.new}")
    if d.findings_compared:
        lines.append(f"findings: {len(d.new_findings)} new, {len(d.resolved_findings)} resolved")
        for f in d.new_findings:
            waived = " (waived)" if f.waived else ""
            lines.append(f"+ [{f.severity}] {f.rule} {f.component}: {f.message}{waived}")
        for f in d.resolved_findings:
            lines.append(f"- [{f.severity}] {f.rule} {f.component}: {f.message}")
        for f in d.waiver_changes:
            state = "now waived" if f.waived else "no longer waived"
            lines.append(f"~ [{f.severity}] {f.rule} {f.component}: {state}")
    return "\n".join(lines) + "\n"


def _render_md(d: BomDiff) -> str:
    out = ["### AI-BOM changes", ""]
    out.append(
        f"Models **+{len(d.models_added)} −{len(d.models_removed)}** · services "
        f"**+{len(d.services_added)} −{len(d.services_removed)}** · "
        f"**{len(d.changes)}** changed facts"
        + (
            f" · findings **{len(d.new_findings)} new, {len(d.resolved_findings)} resolved**"
            if d.findings_compared
            else ""
        )
    )
    out.append("")
    if d.is_empty:
        out.append("No changes to models, services or findings.")
        return "\n".join(out) + "\n"
    refs = [("added", r) for r in d.models_added + d.services_added] + [
        ("removed", r) for r in d.models_removed + d.services_removed
    ]
    if refs:
        out.append("#### Added and removed")
        out.append("")
        out.append(
            md_table(
                (
                    "Change",
                    "Kind",
                    "Name",
                    "Family / provider",
                    "Origin",
                    "Licence",
                    "Lineage / endpoints",
                ),
                (
                    [
                        "➕ added" if what == "added" else "➖ removed",
                        r.kind,
                        md_escape(r.name),
                        md_escape(r.family),
                        md_escape(r.country),
                        md_escape(r.license) if r.kind == "model" else "—",
                        md_escape(r.detail) or "—",
                    ]
                    for what, r in refs
                ),
            )
        )
        out.append("")
    if d.changes:
        out.append("#### Changed")
        out.append("")
        out.append(
            md_table(
                ("Component", "Aspect", "Field", "Before", "After"),
                (
                    [
                        md_escape(c.name),
                        c.aspect,
                        md_escape(c.field),
                        md_escape(c.old),
                        md_escape(c.new),
                    ]
                    for c in d.changes
                ),
            )
        )
        out.append("")
    if d.findings_compared and (d.new_findings or d.resolved_findings or d.waiver_changes):
        out.append("#### Findings")
        out.append("")
        out.append(
            md_table(
                ("Status", "Severity", "Rule", "Component", "Reason"),
                [
                    [
                        "🆕 new" + (" (waived)" if f.waived else ""),
                        f.severity,
                        md_escape(f.rule),
                        md_escape(f.component),
                        md_escape(f.message),
                    ]
                    for f in d.new_findings
                ]
                + [
                    [
                        "✅ resolved",
                        f.severity,
                        md_escape(f.rule),
                        md_escape(f.component),
                        md_escape(f.message),
                    ]
                    for f in d.resolved_findings
                ]
                + [
                    [
                        "now waived" if f.waived else "⚠️ no longer waived",
                        f.severity,
                        md_escape(f.rule),
                        md_escape(f.component),
                        md_escape(f.message),
                    ]
                    for f in d.waiver_changes
                ],
            )
        )
        out.append("")
    return "\n".join(out) + "\n"


def render_diff(d: BomDiff, fmt: DiffFormat | str) -> str:
    """Render a diff as plain terminal text, Markdown (PR comment) or JSON."""
    if fmt == "json":
        return json.dumps(d.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if fmt == "md":
        return _render_md(d)
    if fmt == "text":
        return _render_text(d)
    raise ValueError(f"unknown diff format {fmt!r}: choose one of {', '.join(DIFF_FORMATS)}")
