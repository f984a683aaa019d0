"""Report view model: a CycloneDX JSON BOM (raw dict) plus policy findings -> what a report shows.

Reads the BOM as plain JSON so it works on BOMs written by any tool and by any aibom
version (see ``docs/bom-contract.md``). Nothing here raises on odd input: a fact that is
absent or malformed is shown as ``unknown``. Every list is sorted so output is stable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aibom.bom import properties as P

UNKNOWN = "unknown"

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

# ISO 3166-1 alpha-2 -> short English name, for the countries that matter in AI supply chains.
COUNTRY_NAMES: dict[str, str] = {
    "AE": "United Arab Emirates",
    "AU": "Australia",
    "BR": "Brazil",
    "CA": "Canada",
    "CH": "Switzerland",
    "CN": "China",
    "CU": "Cuba",
    "DE": "Germany",
    "ES": "Spain",
    "FI": "Finland",
    "FR": "France",
    "GB": "United Kingdom",
    "HK": "Hong Kong",
    "IE": "Ireland",
    "IL": "Israel",
    "IN": "India",
    "IR": "Iran",
    "IT": "Italy",
    "JP": "Japan",
    "KP": "North Korea",
    "KR": "South Korea",
    "MO": "Macao",
    "NL": "Netherlands",
    "RU": "Russia",
    "SA": "Saudi Arabia",
    "SE": "Sweden",
    "SG": "Singapore",
    "TW": "Taiwan",
    "US": "United States",
    "VE": "Venezuela",
}


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
    name = COUNTRY_NAMES.get(code.upper())
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

    @property
    def display_name(self) -> str:
        """The name with a short revision when one is pinned (``org/name@a09a35458c70``)."""
        return f"{self.name}@{self.version[:12]}" if self.version else self.name


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


# --------------------------------------------------------------------------- raw JSON access


def _s(value: Any) -> str:
    """A JSON scalar as text ("" for containers and None)."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _dicts(value: Any) -> list[dict[str, Any]]:
    """The dict items of a JSON list (anything else -> [])."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


def props(obj: Mapping[str, Any]) -> dict[str, list[str]]:
    """``properties[]`` of a component/service/metadata as name -> values (in order)."""
    out: dict[str, list[str]] = {}
    for p in _dicts(obj.get("properties")):
        name = _s(p.get("name"))
        value = _s(p.get("value"))
        if name and value:
            out.setdefault(name, []).append(value)
    return out


def _one(pr: Mapping[str, list[str]], name: str) -> str:
    values = pr.get(name)
    return values[0] if values else ""


def _bool(value: str) -> bool | None:
    if value.lower() == "true":
        return True
    if value.lower() == "false":
        return False
    return None


def _uniq_sorted(values: Iterable[str]) -> list[str]:
    return sorted({v for v in values if v})


def license_text(obj: Mapping[str, Any]) -> str:
    """The licence(s) a component declares in CycloneDX ``licenses[]``, as display text."""
    names: list[str] = []
    for entry in _dicts(obj.get("licenses")):
        expr = _s(entry.get("expression"))
        if expr:
            names.append(expr)
            continue
        lic = entry.get("license")
        if isinstance(lic, dict):
            name = _s(lic.get("id")) or _s(lic.get("name"))
            if name:
                names.append(name)
    return " AND ".join(dict.fromkeys(names))


def _hashes(obj: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for h in _dicts(obj.get("hashes")):
        alg = _s(h.get("alg")).upper()
        content = _s(h.get("content")).lower()
        if alg and content:
            out[alg] = content
    return out


def sha256_of(obj: Mapping[str, Any]) -> str:
    """The SHA-256 of a file component, or ""."""
    return _hashes(obj).get("SHA-256", "")


def occurrences(obj: Mapping[str, Any]) -> list[str]:
    """Where a component/service was seen: ``path:line`` strings, sorted."""
    out: list[str] = []
    evidence = obj.get("evidence")
    if isinstance(evidence, dict):
        for occ in _dicts(evidence.get("occurrences")):
            loc = _s(occ.get("location"))
            if not loc:
                continue
            line = _s(occ.get("line"))
            out.append(f"{loc}:{line}" if line else loc)
    out.extend(props(obj).get(P.OCCURRENCE, []))
    return _uniq_sorted(out)


def _entity_name(value: Any) -> str:
    return _s(value.get("name")) if isinstance(value, dict) else ""


def _entity_country(value: Any) -> str:
    if isinstance(value, dict):
        address = value.get("address")
        if isinstance(address, dict):
            return _s(address.get("country")).upper()
    return ""


def walk_components(bom: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Top-level components plus nested ones (not pedigree ancestors), depth first."""
    out: list[dict[str, Any]] = []
    stack = list(reversed(_dicts(bom.get("components"))))
    seen = 0
    while stack and seen < 100_000:  # bounded: hostile BOMs cannot loop us forever
        comp = stack.pop()
        seen += 1
        out.append(comp)
        stack.extend(reversed(_dicts(comp.get("components"))))
    return out


def model_components(bom: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every ``machine-learning-model`` component (top-level or nested)."""
    return [c for c in walk_components(bom) if _s(c.get("type")) == "machine-learning-model"]


def services_of(bom: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Top-level and nested ``services[]``."""
    out: list[dict[str, Any]] = []
    stack = list(reversed(_dicts(bom.get("services"))))
    while stack and len(out) < 100_000:
        svc = stack.pop()
        out.append(svc)
        stack.extend(reversed(_dicts(svc.get("services"))))
    return out


def component_ref(obj: Mapping[str, Any]) -> str:
    """The best identity of a component: bom-ref, else purl, else name."""
    return _s(obj.get("bom-ref")) or _s(obj.get("purl")) or _s(obj.get("name")) or UNKNOWN


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
        return "; ".join(f"{k}: {v}" for k, v in sorted(item.items()) if _s(v))
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
    cat = _s(getattr(cat, "value", cat))
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


def _family_display(pr: Mapping[str, list[str]]) -> str:
    """``Qwen (Qwen2.5)``: the model line and, when known and different, its release."""
    line = _one(pr, P.FAMILY_NAME) or _one(pr, P.FAMILY)
    release = _one(pr, P.FAMILY_RELEASE_NAME)
    if line and release and release != line:
        return f"{line} ({release})"
    return line or UNKNOWN


def _ancestor_view(anc: Mapping[str, Any]) -> AncestorView:
    pr = props(anc)
    return AncestorView(
        name=_s(anc.get("name")) or _s(anc.get("purl")) or UNKNOWN,
        relation=_one(pr, P.RELATION) or UNKNOWN,
        source=_one(pr, P.LINEAGE_SOURCE) or UNKNOWN,
        family=_family_name(_one(pr, P.FAMILY_RELEASE))
        or _one(pr, P.FAMILY_NAME)
        or _family_name(_one(pr, P.FAMILY))
        or UNKNOWN,
        license=license_text(anc) or UNKNOWN,
        purl=_s(anc.get("purl")),
        child=_one(pr, P.ANCESTOR_CHILD) or "",
    )


def ancestors_of(comp: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``pedigree.ancestors[]`` of a component, nearest base first."""
    pedigree = comp.get("pedigree")
    if not isinstance(pedigree, dict):
        return []
    return _dicts(pedigree.get("ancestors"))


def _weights(
    model_name: str, comp: Mapping[str, Any], pr: Mapping[str, list[str]]
) -> list[WeightFileView]:
    model_unsafe = _bool(_one(pr, P.WEIGHTS_UNSAFE))
    model_imports = tuple(sorted(set(pr.get(P.WEIGHTS_IMPORTS, []))))
    files = [c for c in _dicts(comp.get("components")) if _s(c.get("type")) == "file"]
    out: list[WeightFileView] = []
    for f in files:
        fp = props(f)
        fmt = (_one(fp, P.WEIGHTS_FORMAT) or UNKNOWN).lower()
        own_unsafe = _bool(_one(fp, P.WEIGHTS_UNSAFE))
        imports = tuple(sorted(set(fp.get(P.WEIGHTS_IMPORTS, []))))
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
                path=_s(f.get("name")) or UNKNOWN,
                format=fmt,
                sha256=sha256_of(f),
                verdict=verdict,
                unsafe=own_unsafe,
                imports=imports if own_unsafe else (),
            )
        )
    known = {w.path for w in out}
    # weight files listed only as properties (no nested component): no hash to show
    for path in sorted(set(pr.get(P.WEIGHTS_FILE, [])) - known):
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


def _model_view(comp: Mapping[str, Any]) -> ModelView:
    pr = props(comp)
    name = _s(comp.get("name")) or _s(comp.get("purl")) or UNKNOWN
    ancestors = [_ancestor_view(a) for a in ancestors_of(comp)]
    license_declared = _one(pr, P.LICENSE_DECLARED)
    license_display = license_text(comp) or license_declared or UNKNOWN
    category = _one(pr, P.LICENSE_CATEGORY) or license_category_of(
        license_declared or license_display
    )
    obligations: list[str] = []
    for lic in _uniq_sorted(
        [license_declared or license_display, *pr.get(P.LICENSE_INHERITED, [])]
    ):
        for ob in license_obligations(lic):
            if ob not in obligations:
                obligations.append(ob)
    developer = _one(pr, P.DEVELOPER) or _entity_name(comp.get("manufacturer")) or UNKNOWN
    country = (
        _one(pr, P.ORIGIN_COUNTRY).upper() or _entity_country(comp.get("manufacturer")) or UNKNOWN
    )
    lineage_countries = _uniq_sorted(c.upper() for c in pr.get(P.ORIGIN_COUNTRIES, []))
    if country != UNKNOWN and country not in lineage_countries:
        lineage_countries = sorted([*lineage_countries, country])
    source = _one(pr, P.LINEAGE_SOURCE) or UNKNOWN
    view = ModelView(
        bom_ref=component_ref(comp),
        name=name,
        version=_s(comp.get("version")),
        purl=_s(comp.get("purl")),
        kind=_one(pr, P.MODEL_KIND) or UNKNOWN,
        family=_family_display(pr),
        developer=developer,
        country=country,
        lineage_countries=lineage_countries,
        lineage_families=_uniq_sorted(pr.get(P.FAMILIES, [])),
        license=license_display,
        license_name=license_full_name(license_declared or license_display),
        license_category=category if category in LICENSE_CATEGORIES else UNKNOWN,
        inherited_licenses=_uniq_sorted(pr.get(P.LICENSE_INHERITED, [])),
        obligations=obligations,
        lineage_source=source,
        lineage_confidence=_one(pr, P.LINEAGE_CONFIDENCE) or UNKNOWN,
        relation=_one(pr, P.RELATION) or (ancestors[0].relation if ancestors else UNKNOWN),
        ancestors=ancestors,
        conflicts=_uniq_sorted(pr.get(P.LINEAGE_CONFLICT, [])),
        locations=occurrences(comp),
        weights_unsafe=_bool(_one(pr, P.WEIGHTS_UNSAFE)),
        revision_pinned=_bool(_one(pr, P.REVISION_PINNED)),
        frameworks=_uniq_sorted(pr.get(P.FRAMEWORK, [])),
    )
    view.weights = _weights(name, comp, pr)
    if view.weights_unsafe is None and any(w.unsafe for w in view.weights):
        view.weights_unsafe = True
    return view


def _service_view(svc: Mapping[str, Any]) -> ServiceView:
    pr = props(svc)
    provider = svc.get("provider")
    endpoints = [e for e in (svc.get("endpoints") or []) if isinstance(e, str) and e.strip()]
    return ServiceView(
        bom_ref=component_ref(svc),
        name=_s(svc.get("name")) or UNKNOWN,
        provider=_entity_name(provider) or _one(pr, P.SERVICE_PROVIDER) or UNKNOWN,
        country=_one(pr, P.SERVICE_COUNTRY).upper() or _entity_country(provider) or UNKNOWN,
        endpoints=_uniq_sorted(e.strip() for e in endpoints),
        models=_uniq_sorted(pr.get(P.SERVICE_MODEL, [])),
        clients=_uniq_sorted(pr.get(P.SERVICE_CLIENT, [])),
        locations=occurrences(svc),
    )


def _meta(bom: Mapping[str, Any]) -> ScanMeta:
    metadata = bom.get("metadata") if isinstance(bom.get("metadata"), dict) else {}
    assert isinstance(metadata, dict)
    pr = props(metadata)
    tools = metadata.get("tools")
    tool_entries: list[dict[str, Any]] = []
    if isinstance(tools, dict):  # CycloneDX 1.5+
        tool_entries = _dicts(tools.get("components")) + _dicts(tools.get("services"))
    elif isinstance(tools, list):  # legacy 1.4 array
        tool_entries = _dicts(tools)
    tool = next((t for t in tool_entries if _s(t.get("name")).lower() == "aibom"), None)
    if tool is None and tool_entries:
        tool = tool_entries[0]
    project = metadata.get("component")
    project_name = _s(project.get("name")) if isinstance(project, dict) else ""
    return ScanMeta(
        project=project_name or UNKNOWN,
        tool=(_s(tool.get("name")) if tool else "") or UNKNOWN,
        tool_version=(_s(tool.get("version")) if tool else "") or UNKNOWN,
        timestamp=_s(metadata.get("timestamp")) or UNKNOWN,
        root=_one(pr, P.SCAN_ROOT) or UNKNOWN,
        serial=_s(bom.get("serialNumber")) or UNKNOWN,
        spec_version=_s(bom.get("specVersion")) or UNKNOWN,
        files_scanned=_one(pr, P.FILES_SCANNED) or UNKNOWN,
        diagnostics=sorted(pr.get(P.DIAGNOSTIC, [])),
    )


def _waiver_text(finding: Mapping[str, Any]) -> str:
    waiver = finding.get("waiver")
    if isinstance(waiver, dict):
        parts = []
        reason = _s(waiver.get("reason"))
        if reason:
            parts.append(reason)
        approver = _s(waiver.get("approver")) or _s(waiver.get("approved_by"))
        if approver:
            parts.append(f"approved by {approver}")
        expires = _s(waiver.get("expires"))
        if waiver.get("expired") is True:
            parts.append(f"EXPIRED {expires}".strip())
        elif expires:
            parts.append(f"expires {expires}")
        return "; ".join(parts)
    return _s(waiver) or _s(finding.get("waiver_reason"))


def _finding_locations(finding: Mapping[str, Any], fallback: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for key in ("locations", "location", "evidence"):
        value = finding.get(key)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            elif isinstance(item, dict):
                path = _s(item.get("path")) or _s(item.get("location")) or _s(item.get("uri"))
                line = _s(item.get("line"))
                if path:
                    out.append(f"{path}:{line}" if line else path)
    return tuple(_uniq_sorted(out) or fallback)


def _finding_views(
    findings: list[dict[str, Any]], locations_by_ref: Mapping[str, list[str]]
) -> list[FindingView]:
    out: list[FindingView] = []
    for f in findings:
        if not isinstance(f, dict):
            continue
        comp = f.get("component") if isinstance(f.get("component"), dict) else {}
        assert isinstance(comp, dict)
        ref = _s(comp.get("bom-ref")) or _s(comp.get("purl")) or _s(comp.get("name"))
        name = _s(comp.get("name")) or ref or UNKNOWN
        severity = _s(f.get("severity")).lower() or UNKNOWN
        fallback = locations_by_ref.get(ref, []) or locations_by_ref.get(_s(comp.get("purl")), [])
        out.append(
            FindingView(
                rule=_s(f.get("rule")) or _s(f.get("id")) or UNKNOWN,
                severity=severity,
                component=name,
                bom_ref=ref,
                message=_s(f.get("message")),
                waived=f.get("waived") is True,
                waiver=_waiver_text(f),
                locations=_finding_locations(f, fallback),
            )
        )
    out.sort(
        key=lambda x: (x.waived, SEVERITY_RANK.get(x.severity, 9), x.rule, x.component, x.message)
    )
    return out


def build_report(
    bom: Mapping[str, Any], findings: list[dict[str, Any]] | None = None, title: str | None = None
) -> ReportModel:
    """Build the report view model from a raw CycloneDX JSON BOM and policy findings (JSON shape)."""
    if not isinstance(bom, Mapping):
        bom = {}
    meta = _meta(bom)
    comps = walk_components(bom)
    models = sorted(
        (_model_view(c) for c in comps if _s(c.get("type")) == "machine-learning-model"),
        key=lambda m: (m.name.lower(), m.version, m.bom_ref),
    )
    services = sorted(
        (_service_view(s) for s in services_of(bom)),
        key=lambda s: (s.name.lower(), s.bom_ref),
    )
    locations_by_ref: dict[str, list[str]] = {}
    for m in models:
        locations_by_ref[m.bom_ref] = m.locations
        if m.purl:
            locations_by_ref.setdefault(m.purl, m.locations)
    for s in services:
        locations_by_ref[s.bom_ref] = s.locations
    finding_views = _finding_views(findings or [], locations_by_ref)

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
        services=len(services),
        libraries=sum(1 for c in comps if _s(c.get("type")) in ("library", "framework")),
        datasets=sum(1 for c in comps if _s(c.get("type")) == "data"),
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
