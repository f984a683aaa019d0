"""What a BOM recorded, back in inventory and lineage terms: for ``aibom lineage BOM.json``.

An aibom BOM carries each model's resolved lineage (properties and pedigree); a BOM of another
tool names models only. Both are read through :mod:`aibom.bom.read`.
"""

from __future__ import annotations

from aibom.bom import properties as P
from aibom.bom.read import BomView
from aibom.inventory import Model, ModelKind, is_hub_id
from aibom.lineage.knowledge import get_family
from aibom.lineage.types import Ancestor, Lineage


def bom_models(view: BomView) -> list[Model]:
    """Models named by a CycloneDX JSON BOM (hub ids from purls or names)."""
    models: list[Model] = []
    for comp in view.top_level_components:
        if comp.type != "machine-learning-model":
            continue
        name, purl, rev = comp.name, comp.purl, comp.version
        kind = ModelKind.LOCAL
        if purl and purl.startswith("pkg:huggingface/"):
            ident = purl[len("pkg:huggingface/") :].split("?", 1)[0]
            ident, _, ver = ident.partition("@")
            name, kind, rev = ident, ModelKind.HUB, ver or rev
        elif purl and purl.startswith("pkg:github/"):
            ident = purl[len("pkg:github/") :].split("?", 1)[0]
            ident, _, ver = ident.partition("@")
            name, kind, rev = ident, ModelKind.GITHUB, ver or rev
        elif name and is_hub_id(name):
            kind = ModelKind.HUB
        elif name and ":" in name and "/" not in name:
            kind = ModelKind.OLLAMA
        if name:
            models.append(Model(name=name, kind=kind, revision=rev))
    return models


def recorded_lineages(view: BomView) -> dict[str, Lineage]:
    """Lineage an aibom BOM recorded for its models (empty for BOMs of other tools)."""
    out: dict[str, Lineage] = {}
    for comp in view.top_level_components:
        props = comp.properties
        if comp.type != "machine-learning-model" or P.LINEAGE_SOURCE not in props or not comp.name:
            continue
        source = props.first(P.LINEAGE_SOURCE)
        confidence = props.first(P.LINEAGE_CONFIDENCE)
        lin = Lineage(
            source=source if source in ("declared", "inferred", "unknown") else "unknown",  # type: ignore[arg-type]
            confidence=confidence if confidence in ("high", "medium", "low") else None,  # type: ignore[arg-type]
            family=comp.family,
            family_name=props.first(P.FAMILY_NAME),
            release=comp.family_release,
            release_name=props.first(P.FAMILY_RELEASE_NAME),
            developer=props.first(P.DEVELOPER),
            country=props.first(P.ORIGIN_COUNTRY),
            families=sorted(comp.lineage_families),
            releases=sorted(comp.lineage_releases),
            countries=list(props.all(P.ORIGIN_COUNTRIES)),
            relation=props.first(P.RELATION),
            evidence=list(props.all(P.LINEAGE_EVIDENCE)),
            conflicts=list(props.all(P.LINEAGE_CONFLICT)),
            license_declared=props.first(P.LICENSE_DECLARED),
            licenses_inherited=list(props.all(P.LICENSE_INHERITED)),
            tune_method=props.first(P.CDX_TUNE_METHOD),
        )
        child = comp.name
        for position, anc in enumerate(a for a in comp.ancestors if a.name):
            assert anc.name is not None
            ap = anc.properties
            child = anc.child or child
            fam, rel = anc.family, anc.family_release
            known = get_family(rel) if rel else None
            src = ap.first(P.LINEAGE_SOURCE) or "declared"
            lin.ancestors.append(
                Ancestor(
                    name=anc.name,
                    relation=ap.first(P.RELATION) or "base",
                    source=src if src in ("declared", "inferred") else "declared",  # type: ignore[arg-type]
                    purl=anc.purl,
                    family=fam,
                    license=ap.first(P.LICENSE_DECLARED),
                    evidence=list(ap.all(P.LINEAGE_EVIDENCE)),
                    depth=anc.depth or position + 1,
                    child=child,
                    country=ap.first(P.ORIGIN_COUNTRY) or (known.country if known else None),
                    release=rel,
                )
            )
            child = anc.name
        out[comp.name] = lin
    return dict(sorted(out.items()))
