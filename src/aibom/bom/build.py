"""Inventory + lineage -> a CycloneDX document model (see docs/bom-contract.md).

The cyclonedx-python-lib model has no ``modelCard``; :func:`build_bom` returns the
model cards beside the BOM, keyed by bom-ref, and :mod:`aibom.bom.serialize`
inserts them into the serialized document.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from cyclonedx.model import HashAlgorithm, HashType, Property, XsUri
from cyclonedx.model.bom import Bom, BomMetaData
from cyclonedx.model.bom_ref import BomRef
from cyclonedx.model.component import Component, ComponentScope, ComponentType, Pedigree
from cyclonedx.model.component_evidence import ComponentEvidence, Occurrence
from cyclonedx.model.contact import OrganizationalEntity, PostalAddress
from cyclonedx.model.dependency import Dependency
from cyclonedx.model.license import DisjunctiveLicense, LicenseExpression
from cyclonedx.model.service import Service as CdxService

from aibom import __version__
from aibom.bom.contents import (
    PROJECT_REF,
    ancestor_pairs,
    ancestor_purl,
    file_pairs,
    hub_purl,
    library_name,
    library_pairs,
    library_purl,
    license_entries,
    metadata_pairs,
    model_card,
    model_dependencies,
    model_pairs,
    model_purl,
    model_ref,
    model_scope,
    model_weights,
    occurrence_pairs,
    official_developer,
    service_parts,
)
from aibom.inventory import (
    Dataset,
    Inventory,
    Library,
    Location,
    Model,
    Service,
    WeightFile,
)
from aibom.lineage.types import Ancestor, Lineage

__all__ = ["PROJECT_REF", "BuiltBom", "build_bom", "hub_purl", "library_purl", "model_ref"]

T = TypeVar("T")


def _settled(item: T) -> T:
    """``item`` with its sort key computed once, for a component that will not change again.

    cyclonedx-python-lib keeps components in sorted sets and rebuilds a ~30-field comparison
    tuple (sorting nested property and evidence sets) on every comparison and hash: building a
    BOM cost O(n log n) of those, ~60 s for 10,000 components. The tuple is remembered on the
    instance (it shadows the library's private method of the same name), so comparisons are
    cheap and the order is exactly the library's own.
    """
    for klass in type(item).__mro__:
        method = klass.__dict__.get(f"_{klass.__name__}__comparable_tuple")
        if method is not None:
            key = method(item)
            setattr(item, f"_{klass.__name__}__comparable_tuple", lambda key=key: key)
            break
    return item


def _leaf(ref: str) -> Dependency:
    """A dependency edge's target: a node without children, never changed, so settled.

    The project's node holds one per component, sorted by the library on construction with
    a key rebuilt on every comparison otherwise.
    """
    return _settled(Dependency(ref=BomRef(ref)))


def _index_dependencies(bom: Bom) -> None:
    """Make ``bom.register_dependency`` a dictionary lookup instead of a linear search.

    The library's outputters call ``Bom.validate``, which registers every component with a
    linear search over all dependencies: O(n^2), minutes for 10,000 components. Same result.
    """
    index = {d.ref: d for d in bom.dependencies}

    def register(target: Any, depends_on: Any = None) -> None:
        existing = index.get(target.bom_ref)
        if existing is not None:
            if depends_on:
                existing.dependencies.update(Dependency(ref=d.bom_ref) for d in depends_on)
        else:
            refs = [Dependency(ref=d.bom_ref) for d in depends_on] if depends_on else []
            dependency = Dependency(ref=target.bom_ref, dependencies=refs)
            bom.dependencies.add(dependency)
            index[dependency.ref] = dependency
        for d in depends_on or ():
            register(d)

    bom.register_dependency = register  # type: ignore[method-assign]


@dataclass
class BuiltBom:
    """A BOM plus what the library cannot hold: model cards by bom-ref."""

    bom: Bom
    model_cards: dict[str, dict[str, Any]] = field(default_factory=dict)


def _properties(pairs: list[tuple[str, str]]) -> list[Property]:
    return [Property(name=name, value=value) for name, value in pairs]


def _evidence(locations: list[Location]) -> ComponentEvidence | None:
    if not locations:
        return None
    return ComponentEvidence(
        occurrences=[Occurrence(location=p, line=line) for p, line in occurrence_pairs(locations)]
    )


def _licenses(license_id: str | None) -> list[DisjunctiveLicense | LicenseExpression]:
    """CycloneDX licence entries: an SPDX id, an SPDX expression, or a named licence."""
    out: list[DisjunctiveLicense | LicenseExpression] = []
    for kind, value in license_entries(license_id):
        if kind == "expression":
            out.append(LicenseExpression(value))
        elif kind == "id":
            out.append(DisjunctiveLicense(id=value))
        else:
            out.append(DisjunctiveLicense(name=value))
    return out


def _organisation(name: str | None, country: str | None) -> OrganizationalEntity | None:
    if not name:
        return None
    return OrganizationalEntity(
        name=name, address=PostalAddress(country=country) if country else None
    )


def _file_component(w: WeightFile) -> Component:
    return Component(
        type=ComponentType.FILE,
        name=w.path,
        bom_ref=f"file:{w.path}",
        hashes=[HashType(alg=HashAlgorithm.SHA_256, content=w.sha256)] if w.sha256 else None,
        properties=_properties(file_pairs(w)),
    )


def _ancestor_component(a: Ancestor, index: int, child_ref: str) -> Component:
    return Component(
        type=ComponentType.MACHINE_LEARNING_MODEL,
        name=a.name,
        bom_ref=f"ancestor:{index}:{child_ref}",
        purl=ancestor_purl(a),
        licenses=_licenses(a.license),
        properties=_properties(ancestor_pairs(a)),
    )


def _model_component(
    model: Model, lineage: Lineage, dataset_refs: list[str]
) -> tuple[Component, dict[str, Any]]:
    ref = model_ref(model)
    weights, lone = model_weights(model)
    developer, country = official_developer(model, lineage)
    scope = model_scope(model)
    component = Component(
        type=ComponentType.MACHINE_LEARNING_MODEL,
        name=model.name,
        version=model.revision,
        bom_ref=ref,
        purl=model_purl(model),
        manufacturer=_organisation(developer, country),
        licenses=_licenses(lineage.license_declared),
        pedigree=Pedigree(
            ancestors=[_ancestor_component(a, i, ref) for i, a in enumerate(lineage.ancestors)]
        )
        if lineage.ancestors
        else None,
        evidence=_evidence(model.occurrences),
        components=None if lone else [_file_component(w) for w in weights] or None,
        hashes=[HashType(alg=HashAlgorithm.SHA_256, content=weights[0].sha256)]
        if lone and weights[0].sha256
        else None,
        properties=_properties(model_pairs(model, lineage)),
        scope=ComponentScope(scope) if scope else None,
    )
    return component, model_card(model, dataset_refs)


def _service_component(svc: Service) -> CdxService:
    parts = service_parts(svc)
    return CdxService(
        name=parts.name,
        bom_ref=parts.ref,
        provider=_organisation(*parts.provider) if parts.provider else None,
        endpoints=[XsUri(parts.endpoint)] if parts.endpoint else None,
        properties=_properties(parts.pairs),
    )


def _library_component(lib: Library) -> Component:
    purl = library_purl(lib)
    return Component(
        type=ComponentType.LIBRARY,
        name=library_name(lib, purl),
        version=lib.version,
        bom_ref=purl.to_string(),
        purl=purl,
        evidence=_evidence(lib.occurrences),
        properties=_properties(library_pairs(lib)),
    )


def _dataset_component(ds: Dataset) -> Component:
    return Component(
        type=ComponentType.DATA,
        name=ds.name,
        bom_ref=f"dataset:{ds.name}",
        evidence=_evidence(ds.occurrences),
    )


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large object graph is built or written.

    Building or rendering a BOM allocates hundreds of thousands of long-lived objects and
    frees no cycles, yet each allocation burst makes the collector rescan the growing heap:
    ~60% of the build and ~15% of the render of a 10,000-component BOM. Restored afterwards,
    with what was allocated meanwhile frozen (``gc.freeze``: left to reference counting), so
    the next collection does not pay for the whole graph at once (~1.3 s at 10,000).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


def build_bom(
    inventory: Inventory,
    lineage: dict[str, Lineage],
    *,
    project_name: str,
    timestamp: datetime | None = None,
) -> BuiltBom:
    """Assemble the CycloneDX model for an inventory and its lineage."""
    with without_cyclic_gc():
        return _build_bom(inventory, lineage, project_name=project_name, timestamp=timestamp)


def _build_bom(
    inventory: Inventory,
    lineage: dict[str, Lineage],
    *,
    project_name: str,
    timestamp: datetime | None,
) -> BuiltBom:
    project = Component(type=ComponentType.APPLICATION, name=project_name, bom_ref=PROJECT_REF)
    tool = Component(type=ComponentType.APPLICATION, name="aibom", version=__version__, group=None)
    metadata = BomMetaData(
        component=project,
        timestamp=timestamp,
        properties=_properties(metadata_pairs(inventory)),
    )
    metadata.tools.components.add(tool)
    bom = Bom(metadata=metadata)
    built = BuiltBom(bom=bom)

    dataset_refs_by_model: dict[str, list[str]] = {}
    for ds in inventory.sorted_datasets():
        bom.components.add(_settled(_dataset_component(ds)))
        for user in ds.used_by:
            dataset_refs_by_model.setdefault(user, []).append(f"dataset:{ds.name}")

    ref_by_name: dict[str, str] = {}
    models = inventory.sorted_models()
    for model in models:
        ref_by_name.setdefault(model.name.lower(), model_ref(model))
    top_refs: list[str] = []
    for model in models:
        lin = lineage.get(model.key) or Lineage()
        comp, card = _model_component(model, lin, sorted(dataset_refs_by_model.get(model.name, [])))
        bom.components.add(_settled(comp))
        if card:
            built.model_cards[model_ref(model)] = card
        top_refs.append(model_ref(model))
        deps = model_dependencies(model, lin, ref_by_name)
        if deps:
            bom.dependencies.add(
                Dependency(
                    ref=BomRef(model_ref(model)),
                    dependencies=[_leaf(d) for d in deps],
                )
            )
    seen_refs: set[str] = set()
    for lib in inventory.sorted_libraries():
        comp = _library_component(lib)
        if str(comp.bom_ref.value) in seen_refs:
            continue
        seen_refs.add(str(comp.bom_ref.value))
        bom.components.add(_settled(comp))
        top_refs.append(str(comp.bom_ref.value))
    for svc in inventory.sorted_services():
        cdx = _service_component(svc)
        bom.services.add(_settled(cdx))
        top_refs.append(str(cdx.bom_ref.value))
    bom.dependencies.add(
        Dependency(
            ref=BomRef(PROJECT_REF),
            dependencies=[_leaf(r) for r in sorted(set(top_refs))],
        )
    )
    _index_dependencies(bom)
    return built
