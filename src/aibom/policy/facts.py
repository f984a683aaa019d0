"""Facts about one BOM component or service, read from raw CycloneDX JSON.

Policies never look at the BOM directly: every component and service becomes a flat
mapping of *facts* (``type``, ``license.category``, ``lineage.countries``, ...) that
rule conditions test. Facts come from aibom's own properties (see
``docs/bom-contract.md``) and, where a BOM was written by another tool, from the
standard CycloneDX fields. A fact that cannot be known is simply absent; nothing here
assumes a field exists or has the right type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from aibom.bom import properties as P
from aibom.lineage.knowledge import split_family

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
    "model.kind": FieldSpec("str", "where a model reference points: hub, local, ollama, cache"),
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


# --- helpers over untrusted JSON


def _str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _props(obj: Mapping[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for prop in _list(obj.get("properties")):
        if not isinstance(prop, dict):
            continue
        name, value = _str(prop.get("name")), _str(prop.get("value"))
        if name and value is not None:
            out.setdefault(name, []).append(value)
    return out


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    low = value.lower()
    if low in ("true", "yes", "1"):
        return True
    if low in ("false", "no", "0"):
        return False
    return None


def _uniq(values: list[str]) -> list[str]:
    return sorted(set(values))


def _country(value: Any) -> str | None:
    text = _str(value)
    return text.upper() if text else None


def _license_texts(obj: Mapping[str, Any]) -> list[str]:
    texts: list[str] = []
    for entry in _list(obj.get("licenses")):
        if not isinstance(entry, dict):
            continue
        expr = _str(entry.get("expression"))
        if expr:
            texts.append(expr)
            continue
        lic = _dict(entry.get("license"))
        text = _str(lic.get("id")) or _str(lic.get("name"))
        if text:
            texts.append(text)
    return texts


def _normalize(text: str) -> str:
    from aibom.licenses import normalize_license

    try:
        return normalize_license(text) or text
    except Exception:  # licence knowledge must never crash a check
        return text


def _declared_license(obj: Mapping[str, Any], props: dict[str, list[str]]) -> str | None:
    declared = props.get(P.LICENSE_DECLARED)
    if declared:
        return _normalize(declared[0])
    texts = _license_texts(obj)
    if not texts:
        return None
    if len(texts) == 1:
        return _normalize(texts[0])
    return _normalize(" AND ".join(f"({t})" if " " in t else t for t in texts))


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


def _occurrences(obj: Mapping[str, Any], props: dict[str, list[str]]) -> tuple[Location, ...]:
    locs: set[Location] = set()
    for occ in _list(_dict(obj.get("evidence")).get("occurrences")):
        if not isinstance(occ, dict):
            continue
        path = _str(occ.get("location"))
        if not path:
            continue
        line = occ.get("line")
        locs.add(
            Location(
                path,
                line if isinstance(line, int) and not isinstance(line, bool) and line > 0 else None,
            )
        )
    for text in props.get(P.OCCURRENCE, []):
        path, _, tail = text.rpartition(":")
        if path and tail.isdigit() and int(tail) > 0:
            locs.add(Location(path, int(tail)))
        else:
            locs.add(Location(text))
    return tuple(sorted(locs, key=lambda loc: (loc.path, loc.line or 0)))


def _ref(obj: Mapping[str, Any], kind: str) -> ComponentRef:
    return ComponentRef(
        bom_ref=_str(obj.get("bom-ref")),
        purl=_str(obj.get("purl")),
        name=_str(obj.get("name")) or "",
        type=kind,
        version=_str(obj.get("version")),
    )


def _set(values: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == [] or value == "":
        return
    values[key] = value


def component_facts(comp: Mapping[str, Any]) -> ComponentFacts:
    """Facts of one ``components[]`` entry (any type, any producer)."""
    props = _props(comp)
    kind = _str(comp.get("type")) or "unknown"
    ref = _ref(comp, kind)
    values: dict[str, Any] = {"type": kind}
    _set(values, "name", ref.name)
    _set(values, "group", _str(comp.get("group")))
    _set(values, "version", ref.version)
    _set(values, "purl", ref.purl)
    _set(values, "bom-ref", ref.bom_ref)

    first = {name: vals[0] for name, vals in props.items()}
    model_kind = first.get(P.MODEL_KIND)
    if (
        model_kind is None
        and kind == "machine-learning-model"
        and (ref.purl or "").startswith("pkg:huggingface/")
    ):
        model_kind = "hub"  # other tools: a Hugging Face purl is a hub reference
    _set(values, "model.kind", model_kind)
    line, old_release = split_family(first.get(P.FAMILY))  # older BOMs wrote the release here
    _set(values, "family", line)
    _set(values, "family.release", first.get(P.FAMILY_RELEASE) or old_release)
    manufacturer = _dict(comp.get("manufacturer"))
    _set(values, "developer", first.get(P.DEVELOPER) or _str(manufacturer.get("name")))
    origin = _country(first.get(P.ORIGIN_COUNTRY)) or _country(
        _dict(manufacturer.get("address")).get("country")
    )
    _set(values, "origin.country", origin)

    ancestors = [
        a for a in _list(_dict(comp.get("pedigree")).get("ancestors")) if isinstance(a, dict)
    ]
    families: list[str] = []
    releases = list(props.get(P.RELEASES, []))
    for value in props.get(P.FAMILIES, []):
        fam_line, fam_release = split_family(value)
        families.append(fam_line or value)
        if fam_release:
            releases.append(fam_release)
    if values.get("family"):
        families.append(values["family"])
    if values.get("family.release"):
        releases.append(values["family.release"])
    inherited = [_normalize(v) for v in props.get(P.LICENSE_INHERITED, [])]
    ancestor_names: list[str] = []
    for anc in ancestors:
        anc_props = _props(anc)
        for value in anc_props.get(P.FAMILY, []):
            fam_line, fam_release = split_family(value)
            families.append(fam_line or value)
            releases.extend(r for r in (fam_release, *anc_props.get(P.FAMILY_RELEASE, [])) if r)
        name = _str(anc.get("name"))
        if name:
            ancestor_names.append(name)
        if not props.get(P.LICENSE_INHERITED):
            inherited.extend(_normalize(t) for t in _license_texts(anc))
    _set(values, "lineage.families", _uniq(families))
    _set(values, "lineage.releases", _uniq(releases))
    countries = [c for c in (_country(v) for v in props.get(P.ORIGIN_COUNTRIES, [])) if c]
    if origin:
        countries.append(origin)
    _set(values, "lineage.countries", _uniq(countries))
    _set(values, "lineage.ancestors", ancestor_names)
    _set(values, "lineage.source", first.get(P.LINEAGE_SOURCE))
    _set(values, "lineage.confidence", first.get(P.LINEAGE_CONFIDENCE))
    _set(values, "lineage.relation", first.get(P.RELATION))
    _set(values, "lineage.conflicts", list(props.get(P.LINEAGE_CONFLICT, [])))

    _license_facts(values, _declared_license(comp, props), inherited, first.get(P.LICENSE_CATEGORY))

    _set(values, "weights.formats", _uniq(props.get(P.WEIGHTS_FORMAT, [])))
    _set(values, "weights.unsafe", _bool(first.get(P.WEIGHTS_UNSAFE)))
    _set(values, "weights.imports", _uniq(props.get(P.WEIGHTS_IMPORTS, [])))
    _set(values, "weights.files", _uniq(props.get(P.WEIGHTS_FILE, [])))
    hashed = _bool(first.get(P.WEIGHTS_HASHED))
    if hashed is None and _list(comp.get("hashes")):
        hashed = True
    _set(values, "weights.hashed", hashed)

    pinned = _bool(first.get(P.REVISION_PINNED))
    if pinned is None and ref.purl and ref.purl.startswith("pkg:huggingface/"):
        _, _, rev = ref.purl.partition("@")
        pinned = bool(_SHA.fullmatch(rev.split("?")[0].lower()))
    _set(values, "revision.pinned", pinned)
    _set(values, "library.category", first.get(P.LIBRARY_CATEGORY))
    return ComponentFacts(ref, values, _occurrences(comp, props))


def service_facts(svc: Mapping[str, Any]) -> ComponentFacts:
    """Facts of one ``services[]`` entry."""
    props = _props(svc)
    ref = _ref(svc, "service")
    values: dict[str, Any] = {"type": "service"}
    _set(values, "name", ref.name)
    _set(values, "group", _str(svc.get("group")))
    _set(values, "version", ref.version)
    _set(values, "bom-ref", ref.bom_ref)
    provider = _dict(svc.get("provider"))
    first = {name: vals[0] for name, vals in props.items()}
    _set(values, "service.provider", first.get(P.SERVICE_PROVIDER) or _str(provider.get("name")))
    country = _country(first.get(P.SERVICE_COUNTRY)) or _country(
        _dict(provider.get("address")).get("country")
    )
    _set(values, "service.country", country)
    endpoints = [e for e in (_str(x) for x in _list(svc.get("endpoints"))) if e]
    _set(values, "service.endpoints", _uniq(endpoints))
    hosts = []
    for url in endpoints:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if host:
            hosts.append(host.lower())
    _set(values, "service.hosts", _uniq(hosts))
    _set(values, "service.models", _uniq(props.get(P.SERVICE_MODEL, [])))
    _license_facts(values, _declared_license(svc, props), [], first.get(P.LICENSE_CATEGORY))
    return ComponentFacts(ref, values, _occurrences(svc, props))


def _walk(items: Any, key: str) -> Iterator[dict[str, Any]]:
    stack = list(reversed(_list(items)))
    seen = 0
    while stack:
        item = stack.pop()
        if not isinstance(item, dict):
            continue
        seen += 1
        if seen > 1_000_000:  # hostile input: stop rather than exhaust memory
            return
        yield item
        stack.extend(reversed(_list(item.get(key))))


def bom_facts(bom: Mapping[str, Any]) -> list[ComponentFacts]:
    """Facts of every component (nested ones included) and service of a BOM, in BOM order.

    ``metadata.component`` (the project itself) and pedigree ancestors are not checked:
    ancestors are facts of the model that descends from them.
    """
    out: list[ComponentFacts] = []
    seen: set[str] = set()
    for comp in _walk(bom.get("components"), "components"):
        facts = component_facts(comp)
        key = facts.ref.bom_ref
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        out.append(facts)
    for svc in _walk(bom.get("services"), "services"):
        facts = service_facts(svc)
        key = facts.ref.bom_ref
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        out.append(facts)
    return out
