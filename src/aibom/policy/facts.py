"""Facts about one BOM component or service, read from the typed BOM view (:mod:`aibom.bom.read`).

Policies never look at the BOM directly: every component and service becomes a flat
mapping of *facts* (``type``, ``license.category``, ``lineage.countries``, ...) that
rule conditions test. Facts come from aibom's own properties (see
``docs/bom-contract.md``) and, where a BOM was written by another tool, from the
standard CycloneDX fields. A fact that cannot be known is simply absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from aibom.bom import properties as P
from aibom.bom.read import BomView, Component, Entity, Occurrence, Properties, Service

FieldKind = Literal["str", "list", "bool", "confidence"]


@dataclass(frozen=True)
class FieldSpec:
    """One fact a condition can test."""

    kind: FieldKind
    description: str


#: Every fact a policy condition may name. "lineage.*" facts hold for the model *or any
#: of its ancestors*.
FIELDS: dict[str, FieldSpec] = {
    "type": FieldSpec(
        "str",
        "CycloneDX component type (machine-learning-model, library, data, file, ...) or 'service'",
    ),
    "name": FieldSpec("str", "component or service name"),
    "group": FieldSpec("str", "component group"),
    "version": FieldSpec("str", "component version (a model's revision)"),
    "purl": FieldSpec("str", "package URL"),
    "bom-ref": FieldSpec("str", "bom-ref of the component or service"),
    "model.kind": FieldSpec(
        "str", "where a model reference points: hub, local, ollama, cache, github (torch.hub)"
    ),
    "model.test_only": FieldSpec(
        "bool",
        "true when the component is used only in test code (CycloneDX scope 'excluded')",
    ),
    "family": FieldSpec("str", "model line of the foundation (qwen, llama, deepseek, glm, ...)"),
    "family.release": FieldSpec(
        "str", "knowledge-base release of the foundation (qwen2_5, llama3)"
    ),
    "developer": FieldSpec("str", "foundation developer organisation"),
    "origin.country": FieldSpec("str", "ISO 3166-1 alpha-2 country of the model's own developer"),
    "lineage.families": FieldSpec("list", "every model line of the model or any ancestor"),
    "lineage.releases": FieldSpec("list", "every release of the model or any ancestor"),
    "lineage.countries": FieldSpec("list", "every developer country of the model or any ancestor"),
    "lineage.ancestors": FieldSpec("list", "names of the ancestors, nearest first"),
    "lineage.source": FieldSpec("str", "how the lineage is known: declared, inferred, unknown"),
    "lineage.confidence": FieldSpec("confidence", "confidence of the lineage: low < medium < high"),
    "lineage.relation": FieldSpec(
        "str", "relation to the nearest base: finetune, adapter, quantized, merge, distillation"
    ),
    "lineage.conflicts": FieldSpec("list", "declared lineage contradicted by fingerprints"),
    "license.id": FieldSpec(
        "str", "normalised licence id the component declares (Apache-2.0, llama3.1, qwen)"
    ),
    "license.name": FieldSpec("str", "human name of the declared licence"),
    "license.category": FieldSpec(
        "str", "permissive, copyleft, non-commercial, research-only, custom-restricted, unknown"
    ),
    "license.obligations": FieldSpec("list", "obligations of the declared licence"),
    "license.inherited": FieldSpec("list", "normalised licence ids of the ancestors"),
    "license.conflicts": FieldSpec(
        "list", "declared licence more permissive than an ancestor's licence allows"
    ),
    "weights.formats": FieldSpec(
        "list", "weight file formats: safetensors, gguf, onnx, pytorch, pickle, ..."
    ),
    "weights.unsafe": FieldSpec("bool", "true when any weight file executes code when loaded"),
    "weights.imports": FieldSpec("list", "dangerous pickle globals found in the weights"),
    "weights.files": FieldSpec("list", "relative paths of the weight files"),
    "weights.hashed": FieldSpec("bool", "true when every weight file has a SHA-256"),
    "revision.pinned": FieldSpec("bool", "true when a hub reference pins a full commit sha"),
    "service.provider": FieldSpec("str", "provider id (openai, deepseek, ...) or provider name"),
    "service.country": FieldSpec("str", "ISO 3166-1 alpha-2 country of the service provider"),
    "service.endpoints": FieldSpec("list", "endpoint URLs of the service"),
    "service.hosts": FieldSpec("list", "host names of the endpoints"),
    "service.models": FieldSpec("list", "model names used with the service"),
    "service.test_models": FieldSpec(
        "list", "model names used with the service only in test code (also in service.models)"
    ),
    "library.category": FieldSpec("str", "ai-framework or ai-provider-sdk"),
}

_SHA = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True, order=True)
class Location:
    """A place in the scanned tree where a component was seen."""

    path: str
    line: int | None = None


@dataclass(frozen=True)
class ComponentRef:
    """Identity of a checked component or service."""

    bom_ref: str | None
    purl: str | None
    name: str
    type: str
    version: str | None = None

    @property
    def identity(self) -> str:
        """Stable identity: bom-ref, else purl, else type:name@version."""
        if self.bom_ref:
            return self.bom_ref
        if self.purl:
            return self.purl
        return f"{self.type}:{self.name}" + (f"@{self.version}" if self.version else "")

    @property
    def label(self) -> str:
        """Short human label."""
        return self.name or self.identity


@dataclass(frozen=True)
class ComponentFacts:
    """The facts of one component or service, its identity and where it was seen."""

    ref: ComponentRef
    values: Mapping[str, Any]
    locations: tuple[Location, ...] = field(default_factory=tuple)

    def get(self, name: str) -> Any:
        """The fact's value, or None when unknown."""
        return self.values.get(name)


# --- helpers


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    low = value.lower()
    if low in ("true", "yes", "1"):
        return True
    if low in ("false", "no", "0"):
        return False
    return None


def _uniq(values: Iterable[str]) -> list[str]:
    return sorted(set(values))


def _country(value: str | None) -> str | None:
    return value.upper() if value else None


def _normalize(text: str) -> str:
    from aibom.licenses import normalize_license

    try:
        return normalize_license(text) or text
    except Exception:  # licence knowledge must never crash a check
        return text


def _declared_license(licenses: Sequence[str], props: Properties) -> str | None:
    declared = props.first(P.LICENSE_DECLARED)
    if declared:
        return _normalize(declared)
    if not licenses:
        return None
    if len(licenses) == 1:
        return _normalize(licenses[0])
    return _normalize(" AND ".join(f"({t})" if " " in t else t for t in licenses))


def _license_facts(
    values: dict[str, Any], declared: str | None, inherited: list[str], category: str | None
) -> None:
    from aibom.licenses import get_license, licence_conflict, license_category

    if declared:
        values["license.id"] = declared
        info = None
        try:
            info = get_license(declared)
        except Exception:
            info = None
        if info is not None:
            values["license.name"] = info.name
            if info.obligations:
                values["license.obligations"] = list(info.obligations)
        if category is None:
            try:
                category = license_category(declared)
            except Exception:
                category = None
        if inherited:
            try:
                conflicts = licence_conflict(declared, inherited)
            except Exception:
                conflicts = []
            if conflicts:
                values["license.conflicts"] = sorted(set(conflicts))
    if category:
        values["license.category"] = category
    if inherited:
        values["license.inherited"] = _uniq(inherited)


def _locations(occurrences: Sequence[Occurrence]) -> tuple[Location, ...]:
    locs = {Location(o.location, o.line) for o in occurrences}
    return tuple(sorted(locs, key=lambda loc: (loc.path, loc.line or 0)))


def _set(values: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == [] or value == "":
        return
    values[key] = value


def component_facts(comp: Component) -> ComponentFacts:
    """Facts of one component (any type, any producer)."""
    props = comp.properties
    kind = comp.type or "unknown"
    ref = ComponentRef(comp.bom_ref, comp.purl, comp.name or "", kind, comp.version)
    values: dict[str, Any] = {"type": kind}
    _set(values, "name", ref.name)
    _set(values, "group", comp.group)
    _set(values, "version", ref.version)
    _set(values, "purl", ref.purl)
    _set(values, "bom-ref", ref.bom_ref)

    model_kind = props.first(P.MODEL_KIND)
    if (
        model_kind is None
        and kind == "machine-learning-model"
        and (ref.purl or "").startswith("pkg:huggingface/")
    ):
        model_kind = "hub"  # other tools: a Hugging Face purl is a hub reference
    _set(values, "model.kind", model_kind)
    values["model.test_only"] = comp.test_only  # no scope: the spec's default, required
    _set(values, "family", comp.family)  # the model line; BOMs before issue 14 wrote a release
    _set(values, "family.release", comp.family_release)
    manufacturer = comp.manufacturer or Entity()
    _set(values, "developer", props.first(P.DEVELOPER) or manufacturer.name)
    origin = _country(props.first(P.ORIGIN_COUNTRY)) or manufacturer.country
    _set(values, "origin.country", origin)

    families = list(comp.lineage_families)
    releases = list(comp.lineage_releases)
    if values.get("family"):
        families.append(values["family"])
    if values.get("family.release"):
        releases.append(values["family.release"])
    inherited = [_normalize(v) for v in props.all(P.LICENSE_INHERITED)]
    ancestor_names: list[str] = []
    for anc in comp.ancestors:
        if anc.family:
            families.append(anc.family)
        if anc.family_release:
            releases.append(anc.family_release)
        if anc.name:
            ancestor_names.append(anc.name)
        if not props.all(P.LICENSE_INHERITED):
            inherited.extend(_normalize(t) for t in anc.licenses)
    _set(values, "lineage.families", _uniq(families))
    _set(values, "lineage.releases", _uniq(releases))
    countries = [c for c in (_country(v) for v in props.all(P.ORIGIN_COUNTRIES)) if c]
    if origin:
        countries.append(origin)
    _set(values, "lineage.countries", _uniq(countries))
    _set(values, "lineage.ancestors", ancestor_names)
    _set(values, "lineage.source", props.first(P.LINEAGE_SOURCE))
    _set(values, "lineage.confidence", props.first(P.LINEAGE_CONFIDENCE))
    _set(values, "lineage.relation", props.first(P.RELATION))
    _set(values, "lineage.conflicts", list(props.all(P.LINEAGE_CONFLICT)))

    _license_facts(
        values,
        _declared_license(comp.licenses, props),
        inherited,
        props.first(P.LICENSE_CATEGORY),
    )

    _set(values, "weights.formats", _uniq(props.all(P.WEIGHTS_FORMAT)))
    _set(values, "weights.unsafe", _bool(props.first(P.WEIGHTS_UNSAFE)))
    _set(values, "weights.imports", _uniq(props.all(P.WEIGHTS_IMPORTS)))
    _set(values, "weights.files", _uniq(props.all(P.WEIGHTS_FILE)))
    hashed = _bool(props.first(P.WEIGHTS_HASHED))
    if hashed is None and comp.hashes:
        hashed = True
    _set(values, "weights.hashed", hashed)

    pinned = _bool(props.first(P.REVISION_PINNED))
    if pinned is None and ref.purl and ref.purl.startswith("pkg:huggingface/"):
        _, _, rev = ref.purl.partition("@")
        pinned = bool(_SHA.fullmatch(rev.split("?")[0].lower()))
    _set(values, "revision.pinned", pinned)
    _set(values, "library.category", props.first(P.LIBRARY_CATEGORY))
    return ComponentFacts(ref, values, _locations(comp.occurrences))


def service_facts(svc: Service) -> ComponentFacts:
    """Facts of one service."""
    props = svc.properties
    ref = ComponentRef(svc.bom_ref, None, svc.name or "", "service", svc.version)
    values: dict[str, Any] = {"type": "service"}
    _set(values, "name", ref.name)
    _set(values, "group", svc.group)
    _set(values, "version", ref.version)
    _set(values, "bom-ref", ref.bom_ref)
    provider = svc.provider or Entity()
    _set(values, "service.provider", props.first(P.SERVICE_PROVIDER) or provider.name)
    country = _country(props.first(P.SERVICE_COUNTRY)) or provider.country
    _set(values, "service.country", country)
    _set(values, "service.endpoints", _uniq(svc.endpoints))
    hosts = []
    for url in svc.endpoints:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if host:
            hosts.append(host.lower())
    _set(values, "service.hosts", _uniq(hosts))
    _set(values, "service.models", _uniq(props.all(P.SERVICE_MODEL)))
    _set(values, "service.test_models", list(svc.test_models))
    _license_facts(
        values, _declared_license(svc.licenses, props), [], props.first(P.LICENSE_CATEGORY)
    )
    return ComponentFacts(ref, values, _locations(svc.occurrences))


def bom_facts(bom: BomView) -> list[ComponentFacts]:
    """Facts of every component (nested ones included) and service of a BOM, in BOM order.

    ``metadata.component`` (the project itself) and pedigree ancestors are not checked:
    ancestors are facts of the model that descends from them. A bom-ref seen twice is
    checked once.
    """
    out: list[ComponentFacts] = []
    seen: set[str] = set()
    for facts in [
        *(component_facts(c) for c in bom.components),
        *(service_facts(s) for s in bom.services),
    ]:
        key = facts.ref.bom_ref
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        out.append(facts)
    return out
