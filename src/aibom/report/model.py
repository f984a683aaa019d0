"""Report view model: a BOM (typed view of :mod:`aibom.bom.read`) plus typed policy findings -> what a report shows.

Works on BOMs written by any tool and by any aibom version (see ``docs/bom-contract.md``).
A fact that is absent or malformed is shown as ``unknown``. Every list is sorted so output
is stable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aibom.bom import properties as P
from aibom.bom.read import Ancestor, BomView, Component, Properties, Service
from aibom.knowledge.tables import country_names
from aibom.policy.results import Finding

UNKNOWN = "unknown"
TEST_ONLY = "test only"  # the marker of a model used only in test code

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}

LICENSE_CATEGORIES = (
    "permissive",
    "copyleft",
    "non-commercial",
    "research-only",
    "custom-restricted",
    UNKNOWN,
)

# Formats whose loading cannot execute code (headers and tensors only).
SAFE_FORMATS = frozenset({"safetensors", "gguf", "onnx", "ggml"})
# Formats that are (or may be) pickles or carry code.
CODE_FORMATS = frozenset({"pickle", "pytorch", "keras", "numpy", "joblib"})


def some(names: Iterable[str], limit: int = 12) -> str:
    """``"a, b, c"``, or the first ``limit`` names and how many more."""
    items = list(names)
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


def country_label(code: str | None) -> str:
    """``"CN"`` -> ``"CN (China)"``; unknown or absent -> ``"unknown"``."""
    if not code or code == UNKNOWN:
        return UNKNOWN
    name = country_names().get(code.upper())
    return f"{code} ({name})" if name else code


# --------------------------------------------------------------------------- view model


@dataclass(frozen=True)
class AncestorView:
    """One step up a model's lineage; ``relation`` is how the step below relates to it."""

    name: str
    relation: str = UNKNOWN
    source: str = UNKNOWN
    family: str = UNKNOWN
    license: str = UNKNOWN
    purl: str = ""
    child: str = ""  # the model this ancestor is a base of (aibom:lineage.child), when recorded


@dataclass(frozen=True)
class WeightFileView:
    """A weight file of a model with its hash and a safety verdict."""

    model: str
    path: str
    format: str = UNKNOWN
    sha256: str = ""
    verdict: str = UNKNOWN  # "unsafe", "safe", "no dangerous imports found", "unknown"
    unsafe: bool | None = None
    imports: tuple[str, ...] = ()


@dataclass
class ModelView:
    """One model component as the report shows it."""

    bom_ref: str
    name: str
    version: str = ""
    purl: str = ""
    kind: str = UNKNOWN
    family: str = UNKNOWN
    developer: str = UNKNOWN
    country: str = UNKNOWN
    lineage_countries: list[str] = field(default_factory=list)
    lineage_families: list[str] = field(default_factory=list)
    license: str = UNKNOWN
    license_name: str = ""  # the catalogue's full name of the licence, when known
    license_category: str = UNKNOWN
    inherited_licenses: list[str] = field(default_factory=list)
    obligations: list[str] = field(default_factory=list)
    lineage_source: str = UNKNOWN
    lineage_confidence: str = UNKNOWN
    relation: str = UNKNOWN
    ancestors: list[AncestorView] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    weights: list[WeightFileView] = field(default_factory=list)
    weights_unsafe: bool | None = None
    revision_pinned: bool | None = None
    frameworks: list[str] = field(default_factory=list)
    test_only: bool = False  # used only in test code (CycloneDX scope "excluded")

    @property
    def display_name(self) -> str:
        """The name with a short revision when one is pinned (``org/name@a09a35458c70``)."""
        return f"{self.name}@{self.version[:12]}" if self.version else self.name

    @property
    def display_label(self) -> str:
        """:attr:`display_name`, marked ``(test only)`` for a model used only in test code."""
        return f"{self.display_name} ({TEST_ONLY})" if self.test_only else self.display_name


@dataclass
class LicenseView:
    """One licence that applies to models (declared or inherited from an ancestor)."""

    license: str
    name: str = ""
    category: str = UNKNOWN
    models: list[str] = field(default_factory=list)
    inherited_by: list[str] = field(default_factory=list)  # models bound only through an ancestor
    obligations: list[str] = field(default_factory=list)


@dataclass
class ServiceView:
    """A hosted model API and where its data goes."""

    bom_ref: str
    name: str
    provider: str = UNKNOWN
    country: str = UNKNOWN
    endpoints: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    clients: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    test_models: list[str] = field(default_factory=list)  # models used only in test code

    @property
    def model_labels(self) -> list[str]:
        """The model names, each used only in test code marked ``(test only)``."""
        test = set(self.test_models)
        return [f"{m} ({TEST_ONLY})" if m in test else m for m in self.models]


@dataclass(frozen=True)
class FindingView:
    """One policy finding, with where it was seen and its waiver."""

    rule: str
    severity: str
    component: str
    bom_ref: str
    message: str
    waived: bool
    waiver: str = ""
    locations: tuple[str, ...] = ()


@dataclass
class ScanMeta:
    """What identifies the scan, so the report can be filed as audit evidence."""

    project: str = UNKNOWN
    tool: str = UNKNOWN
    tool_version: str = UNKNOWN
    timestamp: str = UNKNOWN
    root: str = UNKNOWN
    serial: str = UNKNOWN
    spec_version: str = UNKNOWN
    files_scanned: str = UNKNOWN
    diagnostics: list[str] = field(default_factory=list)


@dataclass
class Summary:
    """Executive-summary counts."""

    models: int = 0
    test_only_models: int = 0  # of ``models``: used only in test code
    services: int = 0
    libraries: int = 0
    datasets: int = 0
    weight_files: int = 0
    unsafe_weight_files: int = 0
    # country -> (models, services), sorted by total desc then code
    by_country: list[tuple[str, int, int]] = field(default_factory=list)
    # licence category -> models
    by_license_category: list[tuple[str, int]] = field(default_factory=list)
    # severity -> (open, waived)
    findings_by_severity: list[tuple[str, int, int]] = field(default_factory=list)
    findings_given: bool = False

    @property
    def open_findings(self) -> int:
        """Findings not covered by a waiver."""
        return sum(o for _, o, _ in self.findings_by_severity)

    @property
    def waived_findings(self) -> int:
        """Findings covered by a waiver."""
        return sum(w for _, _, w in self.findings_by_severity)


@dataclass
class ReportModel:
    """Everything a report renders, format-independent."""

    title: str
    meta: ScanMeta
    summary: Summary
    models: list[ModelView]
    services: list[ServiceView]
    findings: list[FindingView]
    findings_given: bool
    licenses: list[LicenseView] = field(default_factory=list)

    @property
    def weights(self) -> list[WeightFileView]:
        """Every weight file of every model, in model order."""
        return [w for m in self.models for w in m.weights]


# --------------------------------------------------------------------------- BOM access


def _scalar_text(value: Any) -> str:
    """A scalar from the licence catalogue as text ("" for containers and None)."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _uniq_sorted(values: Iterable[str]) -> list[str]:
    return sorted({v for v in values if v})


def _bool(value: str | None) -> bool | None:
    low = (value or "").lower()
    if low == "true":
        return True
    if low == "false":
        return False
    return None


def license_text(licenses: Sequence[str]) -> str:
    """The licence(s) a component declares in CycloneDX ``licenses[]``, as display text."""
    return " AND ".join(dict.fromkeys(licenses))


def occurrences(item: Component | Service) -> list[str]:
    """Where a component/service was seen: ``path:line`` strings, sorted."""
    return _uniq_sorted(str(o) for o in item.occurrences)


def component_ref(item: Component | Service) -> str:
    """The best identity of a component: bom-ref, else purl, else name."""
    purl = item.purl if isinstance(item, Component) else None
    return item.bom_ref or purl or item.name or UNKNOWN


# --------------------------------------------------------------------------- licence knowledge


def _catalogue_info(license_id: str) -> Any:
    """Look a licence up in :mod:`aibom.licenses` when it is available (never raises)."""
    try:
        from aibom.licenses import get_license

        return get_license(license_id)
    except Exception:  # catalogue absent or unknown id: the report still renders
        return None


def _text_of(item: Any) -> str:
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, dict):
        for key in ("text", "summary", "description", "obligation"):
            if isinstance(item.get(key), str):
                return str(item[key]).strip()
        return "; ".join(f"{k}: {v}" for k, v in sorted(item.items()) if _scalar_text(v))
    for attr in ("text", "summary", "description"):
        value = getattr(item, attr, None)
        if isinstance(value, str):
            return value.strip()
    return str(item).strip()


def license_obligations(license_id: str) -> list[str]:
    """Obligations the licence catalogue lists for a licence id ([] when unknown)."""
    if not license_id or license_id == UNKNOWN:
        return []
    info = _catalogue_info(license_id)
    if info is None:
        return []
    raw = info.get("obligations") if isinstance(info, dict) else getattr(info, "obligations", None)
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, dict):
        raw = [f"{k}: {_text_of(v)}" for k, v in sorted(raw.items())]
    if not isinstance(raw, (list, tuple)):
        return []
    return [t for t in (_text_of(x) for x in raw) if t]


def license_full_name(license_id: str) -> str:
    """Full name of a licence from the catalogue ("" when unknown)."""
    if not license_id or license_id == UNKNOWN:
        return ""
    info = _catalogue_info(license_id)
    name = info.get("name") if isinstance(info, dict) else getattr(info, "name", None)
    return name.strip() if isinstance(name, str) else ""


def license_category_of(license_id: str) -> str:
    """Category from the licence catalogue when the BOM does not carry one."""
    if not license_id or license_id == UNKNOWN:
        return UNKNOWN
    info = _catalogue_info(license_id)
    if info is None:
        return UNKNOWN
    cat = info.get("category") if isinstance(info, dict) else getattr(info, "category", None)
    cat = _scalar_text(getattr(cat, "value", cat))
    return cat if cat in LICENSE_CATEGORIES else UNKNOWN


# --------------------------------------------------------------------------- builders


def _family_name(family_id: str | None) -> str | None:
    """Human name of a knowledge-base family id (BOMs record only the id on ancestors)."""
    if not family_id:
        return None
    try:
        from aibom.lineage.knowledge import get_family

        fam = get_family(family_id)
    except Exception:  # the report renders whatever the knowledge base says
        return family_id
    return fam.name if fam is not None else family_id


def _family_display(pr: Properties) -> str:
    """``Qwen (Qwen2.5)``: the model line and, when known and different, its release."""
    line = pr.first(P.FAMILY_NAME) or pr.first(P.FAMILY)
    release = pr.first(P.FAMILY_RELEASE_NAME)
    if line and release and release != line:
        return f"{line} ({release})"
    return line or UNKNOWN


def _ancestor_view(anc: Ancestor) -> AncestorView:
    pr = anc.properties
    return AncestorView(
        name=anc.name or anc.purl or UNKNOWN,
        relation=pr.first(P.RELATION) or UNKNOWN,
        source=pr.first(P.LINEAGE_SOURCE) or UNKNOWN,
        family=_family_name(anc.family_release)
        or pr.first(P.FAMILY_NAME)
        or _family_name(pr.first(P.FAMILY))
        or UNKNOWN,
        license=license_text(anc.licenses) or UNKNOWN,
        purl=anc.purl or "",
        child=anc.child or "",
    )


def _weights(model_name: str, comp: Component) -> list[WeightFileView]:
    pr = comp.properties
    model_unsafe = _bool(pr.first(P.WEIGHTS_UNSAFE))
    model_imports = tuple(sorted(set(pr.all(P.WEIGHTS_IMPORTS))))
    files = [c for c in comp.children if c.type == "file"]
    out: list[WeightFileView] = []
    for f in files:
        fp = f.properties
        fmt = (fp.first(P.WEIGHTS_FORMAT) or UNKNOWN).lower()
        own_unsafe = _bool(fp.first(P.WEIGHTS_UNSAFE))
        imports = tuple(sorted(set(fp.all(P.WEIGHTS_IMPORTS))))
        if own_unsafe is None and model_unsafe is not None:
            if fmt in SAFE_FORMATS:
                own_unsafe = False
            elif len(files) == 1 or fmt in CODE_FORMATS:
                own_unsafe = model_unsafe
                imports = imports or model_imports
        if own_unsafe is True:
            verdict = "unsafe: executes code when loaded"
        elif fmt in SAFE_FORMATS:
            verdict = "safe: format cannot run code"
        elif own_unsafe is False:
            verdict = "no dangerous imports found"
        else:
            verdict = UNKNOWN
        out.append(
            WeightFileView(
                model=model_name,
                path=f.name or UNKNOWN,
                format=fmt,
                sha256=f.hashes.get("SHA-256", ""),
                verdict=verdict,
                unsafe=own_unsafe,
                imports=imports if own_unsafe else (),
            )
        )
    known = {w.path for w in out}
    # weight files listed only as properties (no nested component): no hash to show
    for path in sorted(set(pr.all(P.WEIGHTS_FILE)) - known):
        out.append(
            WeightFileView(
                model=model_name,
                path=path,
                verdict="unsafe: executes code when loaded" if model_unsafe else UNKNOWN,
                unsafe=model_unsafe,
                imports=model_imports if model_unsafe else (),
            )
        )
    return sorted(out, key=lambda w: w.path)


def _catalogue_id(license_id: str) -> str:
    info = _catalogue_info(license_id)
    cid = info.get("id") if isinstance(info, dict) else getattr(info, "id", None)
    return cid if isinstance(cid, str) and cid else license_id


def inherited_other(model: ModelView) -> list[str]:
    """Licences a model inherits from its ancestors that differ from the one it declares."""
    own = _catalogue_id(model.license)
    return sorted({x for x in model.inherited_licenses if _catalogue_id(x) != own})


def _license_views(models: list[ModelView]) -> list[LicenseView]:
    views: dict[str, LicenseView] = {}
    for m in models:
        own = _catalogue_id(m.license) if m.license != UNKNOWN else UNKNOWN
        inherited = {_catalogue_id(x) for x in m.inherited_licenses} - {own}
        for lic, is_own in [(own, True), *((x, False) for x in sorted(inherited))]:
            view = views.get(lic)
            if view is None:
                view = LicenseView(
                    license=lic,
                    name=license_full_name(lic),
                    category=(m.license_category if is_own else UNKNOWN),
                    obligations=license_obligations(lic),
                )
                if view.category == UNKNOWN:
                    view.category = license_category_of(lic)
                views[lic] = view
            (view.models if is_own else view.inherited_by).append(m.name)
    out = sorted(views.values(), key=lambda v: (v.license == UNKNOWN, v.license.lower()))
    for v in out:
        v.models = sorted(set(v.models))
        v.inherited_by = sorted(set(v.inherited_by) - set(v.models))
    return out


def _model_view(comp: Component) -> ModelView:
    pr = comp.properties
    name = comp.name or comp.purl or UNKNOWN
    ancestors = [_ancestor_view(a) for a in comp.ancestors]
    license_declared = pr.first(P.LICENSE_DECLARED) or ""
    license_display = license_text(comp.licenses) or license_declared or UNKNOWN
    category = pr.first(P.LICENSE_CATEGORY) or license_category_of(
        license_declared or license_display
    )
    obligations: list[str] = []
    for lic in _uniq_sorted([license_declared or license_display, *pr.all(P.LICENSE_INHERITED)]):
        for ob in license_obligations(lic):
            if ob not in obligations:
                obligations.append(ob)
    manufacturer = comp.manufacturer
    developer = pr.first(P.DEVELOPER) or (manufacturer.name if manufacturer else None) or UNKNOWN
    country = (
        (pr.first(P.ORIGIN_COUNTRY) or "").upper()
        or (manufacturer.country if manufacturer else None)
        or UNKNOWN
    )
    lineage_countries = _uniq_sorted(c.upper() for c in pr.all(P.ORIGIN_COUNTRIES))
    if country != UNKNOWN and country not in lineage_countries:
        lineage_countries = sorted([*lineage_countries, country])
    view = ModelView(
        bom_ref=component_ref(comp),
        name=name,
        version=comp.version or "",
        purl=comp.purl or "",
        kind=pr.first(P.MODEL_KIND) or UNKNOWN,
        family=_family_display(pr),
        developer=developer,
        country=country,
        lineage_countries=lineage_countries,
        lineage_families=_uniq_sorted(pr.all(P.FAMILIES)),
        license=license_display,
        license_name=license_full_name(license_declared or license_display),
        license_category=category if category in LICENSE_CATEGORIES else UNKNOWN,
        inherited_licenses=_uniq_sorted(pr.all(P.LICENSE_INHERITED)),
        obligations=obligations,
        lineage_source=pr.first(P.LINEAGE_SOURCE) or UNKNOWN,
        lineage_confidence=pr.first(P.LINEAGE_CONFIDENCE) or UNKNOWN,
        relation=pr.first(P.RELATION) or (ancestors[0].relation if ancestors else UNKNOWN),
        ancestors=ancestors,
        conflicts=_uniq_sorted(pr.all(P.LINEAGE_CONFLICT)),
        locations=occurrences(comp),
        weights_unsafe=_bool(pr.first(P.WEIGHTS_UNSAFE)),
        revision_pinned=_bool(pr.first(P.REVISION_PINNED)),
        frameworks=_uniq_sorted(pr.all(P.FRAMEWORK)),
        test_only=comp.test_only,
    )
    view.weights = _weights(name, comp)
    if view.weights_unsafe is None and any(w.unsafe for w in view.weights):
        view.weights_unsafe = True
    return view


def _service_view(svc: Service) -> ServiceView:
    pr = svc.properties
    provider = svc.provider
    return ServiceView(
        bom_ref=component_ref(svc),
        name=svc.name or UNKNOWN,
        provider=(provider.name if provider else None) or pr.first(P.SERVICE_PROVIDER) or UNKNOWN,
        country=(pr.first(P.SERVICE_COUNTRY) or "").upper()
        or (provider.country if provider else None)
        or UNKNOWN,
        endpoints=_uniq_sorted(svc.endpoints),
        models=_uniq_sorted(pr.all(P.SERVICE_MODEL)),
        clients=_uniq_sorted(pr.all(P.SERVICE_CLIENT)),
        locations=occurrences(svc),
        test_models=list(svc.test_models),
    )


def _meta(bom: BomView) -> ScanMeta:
    metadata = bom.metadata
    tools = metadata.tools
    tool = next((t for t in tools if (t.name or "").lower() == "aibom"), None)
    if tool is None and tools:
        tool = tools[0]
    pr = metadata.properties
    return ScanMeta(
        project=metadata.project or UNKNOWN,
        tool=(tool.name if tool else None) or UNKNOWN,
        tool_version=(tool.version if tool else None) or UNKNOWN,
        timestamp=metadata.timestamp or UNKNOWN,
        root=pr.first(P.SCAN_ROOT) or UNKNOWN,
        serial=bom.serial_number or UNKNOWN,
        spec_version=bom.spec_version or UNKNOWN,
        files_scanned=pr.first(P.FILES_SCANNED) or UNKNOWN,
        diagnostics=sorted(metadata.diagnostics),
    )


def _waiver_text(finding: Finding) -> str:
    waiver = finding.waiver or finding.expired_waiver
    if waiver is None:
        return ""
    parts = []
    if waiver.reason.strip():
        parts.append(waiver.reason.strip())
    if waiver.approver.strip():
        parts.append(f"approved by {waiver.approver.strip()}")
    expires = waiver.expires.isoformat()
    parts.append(f"EXPIRED {expires}" if finding.waiver is None else f"expires {expires}")
    return "; ".join(parts)


def _finding_views(
    findings: Sequence[Finding], locations_by_ref: Mapping[str, list[str]]
) -> list[FindingView]:
    out: list[FindingView] = []
    for f in findings:
        comp = f.component
        ref = comp.bom_ref or comp.purl or comp.name
        located = [f"{loc.path}:{loc.line}" if loc.line else loc.path for loc in f.locations]
        fallback = locations_by_ref.get(ref, []) or locations_by_ref.get(comp.purl or "", [])
        out.append(
            FindingView(
                rule=f.rule or UNKNOWN,
                severity=f.severity.lower() or UNKNOWN,
                component=comp.name or ref or UNKNOWN,
                bom_ref=ref,
                message=f.message.strip(),
                waived=f.waived,
                waiver=_waiver_text(f),
                locations=tuple(_uniq_sorted(located) or fallback),
            )
        )
    out.sort(
        key=lambda x: (x.waived, SEVERITY_RANK.get(x.severity, 9), x.rule, x.component, x.message)
    )
    return out


def build_report(
    bom: BomView, findings: Sequence[Finding] | None = None, title: str | None = None
) -> ReportModel:
    """Build the report view model from a BOM and the typed findings of a policy check."""
    meta = _meta(bom)
    comps = bom.components
    models = sorted(
        (_model_view(c) for c in bom.models),
        key=lambda m: (m.name.lower(), m.version, m.bom_ref),
    )
    services = sorted(
        (_service_view(s) for s in bom.services),
        key=lambda s: (s.name.lower(), s.bom_ref),
    )
    locations_by_ref: dict[str, list[str]] = {}
    for m in models:
        locations_by_ref[m.bom_ref] = m.locations
        if m.purl:
            locations_by_ref.setdefault(m.purl, m.locations)
    for s in services:
        locations_by_ref[s.bom_ref] = s.locations
    finding_views = _finding_views(findings or (), locations_by_ref)

    countries: dict[str, list[int]] = {}
    for m in models:
        countries.setdefault(m.country, [0, 0])[0] += 1
    for s in services:
        countries.setdefault(s.country, [0, 0])[1] += 1
    by_country = sorted(
        ((c, v[0], v[1]) for c, v in countries.items()),
        key=lambda t: (t[0] == UNKNOWN, -(t[1] + t[2]), t[0]),
    )
    cats = Counter(m.license_category for m in models)
    by_cat = [(c, cats[c]) for c in LICENSE_CATEGORIES if cats.get(c)]
    sev_open: Counter[str] = Counter()
    sev_waived: Counter[str] = Counter()
    for f in finding_views:
        (sev_waived if f.waived else sev_open)[f.severity] += 1
    sev_names = list(SEVERITIES) + sorted((set(sev_open) | set(sev_waived)) - set(SEVERITIES))
    weights = [w for m in models for w in m.weights]
    summary = Summary(
        models=len(models),
        test_only_models=sum(1 for m in models if m.test_only),
        services=len(services),
        libraries=sum(1 for c in comps if c.type in ("library", "framework")),
        datasets=sum(1 for c in comps if c.type == "data"),
        weight_files=len(weights),
        unsafe_weight_files=sum(1 for w in weights if w.unsafe),
        by_country=by_country,
        by_license_category=by_cat,
        findings_by_severity=[(s, sev_open[s], sev_waived[s]) for s in sev_names],
        findings_given=findings is not None,
    )
    default_title = "AI Bill of Materials — compliance report"
    return ReportModel(
        title=title or default_title,
        meta=meta,
        summary=summary,
        models=models,
        services=services,
        findings=finding_views,
        findings_given=findings is not None,
        licenses=_license_views(models),
    )
