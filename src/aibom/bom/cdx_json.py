"""CycloneDX 1.6 JSON written straight from the inventory: the fast path of ``aibom scan``.

Same bytes as rendering the cyclonedx-python-lib model of :mod:`aibom.bom.build` with the
library's JSON outputter and :mod:`aibom.bom.serialize`'s fix-ups (tests/test_bom_writer_identity.py
compares both on every fixture and on generated BOMs), in linear time: the library keeps
every component in sorted sets keyed by ~30-field tuples and serialises through a generic
reflective encoder, which made building and rendering 10,000 components take seconds.

The document is assembled as plain dictionaries in the library's order: objects' keys
alphabetically (its encoder's order), components by (type, group, name, version, bom-ref),
services by (group, name, version, bom-ref), dependencies by bom-ref; properties by name
then value with numbers by value, evidence by (location, line), ancestors nearest first
(the orders :mod:`aibom.bom.serialize` restores). What the library would rename or refuse
(a repeated bom-ref) raises :class:`Unsupported`; the caller then takes the library path.
"""

from __future__ import annotations

import gc
import json
import re
import uuid
import warnings
from datetime import datetime, timezone
from json.encoder import encode_basestring as _quote
from typing import Any

from aibom import __version__
from aibom.bom.contents import (
    PROJECT_REF,
    ancestor_pairs,
    ancestor_purl,
    file_pairs,
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
from aibom.bom.reproducible import with_serial
from aibom.inventory import Inventory, Location
from aibom.lineage.types import Lineage

SCHEMA_URI = "http://cyclonedx.org/schema/bom-1.6.schema.json"
# cyclonedx-python-lib's XsUri: what it refuses, and the characters it escapes (in its order)
_INVALID_URI = re.compile(r"%(?![0-9A-F]{2})|#.*#", re.IGNORECASE | re.MULTILINE)
_URI_ESCAPES = (
    (" ", "%20"),
    ('"', "%22"),
    ("'", "%27"),
    ("[", "%5B"),
    ("]", "%5D"),
    ("<", "%3C"),
    (">", "%3E"),
    ("{", "%7B"),
    ("}", "%7D"),
)
_ROOT_WITHOUT_DEPENDENCIES = (
    "The Component this BOM is describing None has no defined dependencies which means the "
    'Dependency Graph is incomplete - you should add direct dependencies to this "root" '
    "Component to complete the Dependency Graph data."
)


class Unsupported(Exception):
    """The inventory needs what only the library path does (e.g. renaming a repeated bom-ref)."""


def xs_uri(uri: str) -> str:
    """``str(XsUri(uri))`` of cyclonedx-python-lib without importing its model (~13 ms): the
    same escapes; a URI it refuses is handed to it, to raise its own error."""
    if _INVALID_URI.search(uri):
        from cyclonedx.model import XsUri

        return str(XsUri(uri))
    for char, escape in _URI_ESCAPES:
        uri = uri.replace(char, escape)
    return uri


def natural_key(text: str) -> list[tuple[int, object]]:
    """Sort key that orders numbers by value: ``a.ts:4`` before ``a.ts:14``."""
    return [
        (0, (len(part.lstrip("0")), part)) if part.isdigit() else (1, part)  # no int(): 5000 digits
        for part in re.split(r"(\d+)", text)
        if part
    ]


def serialize_json(
    inventory: Inventory,
    lineage: dict[str, Lineage],
    *,
    project_name: str,
    timestamp: datetime | None,
    validate: bool = True,
) -> str:
    """The JSON of ``serialize(build_bom(...))``, byte for byte, written straight from the inventory.

    Validated against the schema unless told not to; raises :class:`Unsupported` for what
    only the library path writes.
    """

    def render(number: uuid.UUID) -> str:
        return render_json(
            inventory, lineage, project_name=project_name, timestamp=timestamp, serial=number
        )

    text, _ = with_serial(render, None)
    if validate:
        from aibom.bom.validate import validate_text

        validate_text(text, "cyclonedx-json")
    return text


def render_json(
    inventory: Inventory,
    lineage: dict[str, Lineage],
    *,
    project_name: str,
    timestamp: datetime | None,
    serial: uuid.UUID,
) -> str:
    """The BOM of ``inventory`` as CycloneDX 1.6 JSON text (not validated here).

    The cyclic garbage collector is paused meanwhile: the document is a tree of fresh
    dictionaries without cycles, freed as soon as it is written, and the collector would
    otherwise rescan it as it grows (a fifth of the time for 10,000 components).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        doc = bom_document(
            inventory, lineage, project_name=project_name, timestamp=timestamp, serial=serial
        )
        out: list[str] = []
        _encode(doc, "\n", out)
        out.append("\n")
        return "".join(out)
    finally:
        if collecting:
            gc.enable()


def _encode(value: Any, newline: str, out: list[str]) -> None:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, the same text in half the time.

    With ``indent`` the standard library falls back to its pure-Python encoder; a document
    of only dicts, lists, strings and numbers needs much less of it. ``newline`` is the line
    break plus the current indentation.
    """
    if type(value) is str:
        out.append(_quote(value))
    elif type(value) is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            out.append(separator + _quote(key) + ": ")
            _encode(item, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    elif type(value) is list:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _encode(item, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    else:  # numbers (and anything else): exactly as the standard encoder writes them
        out.append(json.dumps(value, ensure_ascii=False))


def bom_document(
    inventory: Inventory,
    lineage: dict[str, Lineage],
    *,
    project_name: str,
    timestamp: datetime | None,
    serial: uuid.UUID,
) -> dict[str, Any]:
    """The BOM as a JSON-ready dictionary (see the module docstring for its orders)."""
    refs: set[str] = {PROJECT_REF}

    def claim(ref: str) -> str:
        if ref in refs:
            raise Unsupported(f"bom-ref {ref!r} is used twice")
        refs.add(ref)
        return ref

    components: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    top_refs: list[str] = []
    dependencies: dict[str, list[str]] = {}

    dataset_refs_by_model: dict[str, list[str]] = {}
    for ds in inventory.sorted_datasets():
        ref = claim(f"dataset:{ds.name}")
        components.append(_component("data", ds.name, ref, evidence=ds.occurrences))
        dependencies[ref] = []
        for user in ds.used_by:
            dataset_refs_by_model.setdefault(user, []).append(ref)

    models = inventory.sorted_models()
    ref_by_name: dict[str, str] = {}
    for model in models:
        ref_by_name.setdefault(model.name.lower(), model_ref(model))
    for model in models:
        lin = lineage.get(model.key) or Lineage()
        ref = claim(model_ref(model))
        weights, lone = model_weights(model)
        developer, country = official_developer(model, lineage=lin)
        files = (
            None
            if lone
            else [
                _component(
                    "file",
                    w.path,
                    claim(f"file:{w.path}"),
                    hashes=w.sha256,
                    properties=file_pairs(w),
                )
                for w in weights
            ]
        )
        purl = model_purl(model)
        key, comp = _component(
            "machine-learning-model",
            model.name,
            ref,
            version=model.revision,
            purl=purl.to_string() if purl else None,
            manufacturer=_organisation(developer, country),
            licenses=lin.license_declared,
            ancestors=[_ancestor(a, i, ref) for i, a in enumerate(lin.ancestors)],
            evidence=model.occurrences,
            components=sorted(files) if files else None,
            hashes=weights[0].sha256 if lone else None,
            properties=model_pairs(model, lin),
            scope=model_scope(model),
        )
        card = model_card(model, sorted(dataset_refs_by_model.get(model.name, [])))
        if card:
            comp["modelCard"] = card
        components.append((key, comp))
        top_refs.append(ref)
        dependencies[ref] = model_dependencies(model, lin, ref_by_name)

    seen_libraries: set[str] = set()
    for lib in inventory.sorted_libraries():
        purl = library_purl(lib)
        ref = purl.to_string()
        if ref in seen_libraries:
            continue
        seen_libraries.add(ref)
        components.append(
            _component(
                "library",
                library_name(lib, purl),
                claim(ref),
                version=lib.version,
                purl=ref,
                evidence=lib.occurrences,
                properties=library_pairs(lib),
            )
        )
        top_refs.append(ref)
        dependencies[ref] = []

    services: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for svc in inventory.sorted_services():
        parts = service_parts(svc)
        ref = claim(parts.ref)
        service: dict[str, Any] = {"bom-ref": ref}
        if parts.endpoint:
            service["endpoints"] = [xs_uri(parts.endpoint)]
        service["name"] = parts.name
        if parts.pairs:
            service["properties"] = _properties(parts.pairs)
        if parts.provider:
            service["provider"] = _organisation(*parts.provider)
        services.append(((parts.name, ref), service))
        top_refs.append(ref)
        dependencies[ref] = []

    dependencies[PROJECT_REF] = sorted(set(top_refs))
    if components and not dependencies[PROJECT_REF]:
        warnings.warn(_ROOT_WITHOUT_DEPENDENCIES, UserWarning, stacklevel=1)

    when = timestamp or datetime.now(tz=timezone.utc)
    metadata = {
        "component": {"bom-ref": PROJECT_REF, "name": project_name, "type": "application"},
        "properties": _properties(metadata_pairs(inventory)),
        "timestamp": (when if when.tzinfo is not None else when.astimezone()).isoformat(),
        "tools": {"components": [{"name": "aibom", "type": "application", "version": __version__}]},
    }
    if not metadata["properties"]:
        del metadata["properties"]
    doc: dict[str, Any] = {
        "$schema": SCHEMA_URI,
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": serial.urn,
        "version": 1,
        "metadata": metadata,
    }
    if components:
        doc["components"] = [c for _, c in sorted(components, key=lambda kc: kc[0])]
    if services:
        doc["services"] = [s for _, s in sorted(services, key=lambda ks: ks[0])]
    doc["dependencies"] = [
        {"dependsOn": deps, "ref": ref} if deps else {"ref": ref}
        for ref, deps in sorted(dependencies.items())
    ]
    return doc


def _component(
    kind: str,
    name: str,
    ref: str,
    *,
    version: str | None = None,
    purl: str | None = None,
    manufacturer: dict[str, Any] | None = None,
    licenses: str | None = None,
    ancestors: list[dict[str, Any]] | None = None,
    evidence: list[Location] | None = None,
    components: list[tuple[tuple[Any, ...], dict[str, Any]]] | None = None,
    hashes: str | None = None,
    properties: list[tuple[str, str]] | None = None,
    scope: str | None = None,
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """(the library's sort key, the component's JSON object, keys in its order)."""
    comp: dict[str, Any] = {"bom-ref": ref}
    if components:
        comp["components"] = [c for _, c in components]
    if evidence:
        comp["evidence"] = {"occurrences": _occurrences(evidence)}
    if hashes:
        comp["hashes"] = [{"alg": "SHA-256", "content": hashes}]
    if licenses and (entries := _licenses(licenses)):
        comp["licenses"] = entries
    if manufacturer:
        comp["manufacturer"] = manufacturer
    comp["name"] = name
    if ancestors:
        comp["pedigree"] = {"ancestors": ancestors}
    if properties:
        comp["properties"] = _properties(properties)
    if purl:
        comp["purl"] = purl
    if scope:
        comp["scope"] = scope
    comp["type"] = kind
    if version is not None:
        comp["version"] = version
    return (kind, name, version is None, version or "", ref), comp


def _ancestor(a: Any, index: int, child_ref: str) -> dict[str, Any]:
    purl = ancestor_purl(a)
    _, comp = _component(
        "machine-learning-model",
        a.name,
        f"ancestor:{index}:{child_ref}",
        purl=purl.to_string() if purl else None,
        licenses=a.license,
        properties=ancestor_pairs(a),
    )
    return comp


def _occurrences(locations: list[Location]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for location, line in occurrence_pairs(locations):
        if line is not None and line < 0:
            raise Unsupported(f"line {line} of {location!r} is negative")
        out.append(
            {"line": line, "location": location} if line is not None else {"location": location}
        )
    return out


def _licenses(license_id: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for kind, value in license_entries(license_id):
        if not value:
            raise Unsupported(f"licence {license_id!r} has no id or name")
        out.append({"expression": value} if kind == "expression" else {"license": {kind: value}})
    return out


def _organisation(name: str | None, country: str | None) -> dict[str, Any] | None:
    if not name:
        return None
    return {"address": {"country": country}, "name": name} if country else {"name": name}


def _properties(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    unique = sorted(set(pairs), key=lambda p: (p[0], natural_key(p[1])))
    return [{"name": name, "value": value} for name, value in unique]
