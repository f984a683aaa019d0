"""Serialize a built BOM to CycloneDX 1.6 JSON or XML, reproducibly, and validate it.

cyclonedx-python-lib cannot hold ``modelCard``; it is inserted into the serialized
document here (JSON: a key on the component; XML: an element at its schema
position), and the result is validated against the official schema.

Reproducibility (serial numbers, ``SOURCE_DATE_EPOCH``): :mod:`aibom.bom.reproducible`.
JSON for a scan is written by :mod:`aibom.bom.cdx_json` (same bytes, linear); this module
is its reference and the writer of XML.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from xml.etree import ElementTree as ET

from cyclonedx.contrib.bom.utils import BomDependencyGraphFlatMerger, BomRefDiscriminator
from cyclonedx.model.bom_ref import BomRef
from cyclonedx.model.dependency import Dependency
from cyclonedx.output import make_outputter
from cyclonedx.schema import OutputFormat, SchemaVersion

from aibom.bom.build import BuiltBom, _settled, without_cyclic_gc
from aibom.bom.cdx_json import natural_key
from aibom.bom.reproducible import source_date_epoch, with_serial
from aibom.bom.validate import BomFormat, BomValidationError, validate_text

__all__ = ["BomFormat", "BomValidationError", "serialize", "source_date_epoch", "validate_text"]

SCHEMA = SchemaVersion.V1_6
XML_NS = "http://cyclonedx.org/schema/bom/1.6"
_TOP_LEVEL_ORDER = (
    "$schema",
    "bomFormat",
    "specVersion",
    "serialNumber",
    "version",
    "metadata",
    "components",
    "services",
    "dependencies",
)
# XML component children that come after modelCard in the 1.6 schema.
_AFTER_MODEL_CARD = ("data", "cryptoProperties", "tags", "signature")


def serialize(
    built: BuiltBom,
    fmt: BomFormat = "cyclonedx-json",
    *,
    serial: uuid.UUID | None = None,
    validate: bool = True,
) -> str:
    """Render the BOM; the serial is random unless given or ``SOURCE_DATE_EPOCH`` is set."""
    bom = built.bom

    def render(number: uuid.UUID) -> str:
        bom.serial_number = number
        return _render(built, fmt)

    text, bom.serial_number = with_serial(render, serial)
    if validate:
        validate_text(text, fmt)
    return text


def _discriminate_linear(self: BomRefDiscriminator) -> None:
    """The library's ``discriminate`` with a set instead of a list: O(n), not O(n^2).

    Same rule: a bom-ref that is missing or repeats an earlier value gets a fresh one
    (aibom's refs are unique, so none does); 4 s of a 10,000-component render otherwise.
    """
    known: set[str] = set()
    for bomref, _ in self._bomrefs:
        value = bomref.value
        if value is None or value in known:
            value = self._make_unique()
            bomref.value = value
        known.add(value)


def _flatten_merge_settled(deps: Iterable[Dependency]) -> Iterable[Dependency]:
    """The library's flat merge of the dependency graph, with each new node's sort key built once.

    Same graph and order as ``BomDependencyGraphFlatMerger._flatten_merge``: the nodes are new
    and unchanged while the document is written, so their sort keys (which walk every child on
    each comparison in the library) are computed once: ~10 s of a 10,000-component render.
    """
    flat: dict[BomRef, list[BomRef]] = {}
    todos = list(deps)
    seen = set()
    while todos:
        todo = todos.pop()
        if (todo_id := id(todo)) in seen:
            continue
        seen.add(todo_id)
        ds = flat.setdefault(todo.ref, [])
        if todo_deps := todo.dependencies:
            ds.extend(d.ref for d in todo_deps)
            todos.extend(todo_deps)
    return [
        _settled(Dependency(br, [_settled(Dependency(d)) for d in ds])) for br, ds in flat.items()
    ]


@contextmanager
def _linear_library_steps() -> Iterator[None]:
    """Swap two quadratic steps of the library's outputters for linear equivalents, while rendering."""
    # the class dictionaries' own entries are put back as they were (descriptors included)
    saved = (
        BomRefDiscriminator.__dict__["discriminate"],
        BomDependencyGraphFlatMerger.__dict__["_flatten_merge"],
    )
    BomRefDiscriminator.discriminate = _discriminate_linear  # type: ignore[method-assign]
    BomDependencyGraphFlatMerger._flatten_merge = staticmethod(_flatten_merge_settled)  # type: ignore[method-assign]
    try:
        yield
    finally:
        BomRefDiscriminator.discriminate = saved[0]  # type: ignore[method-assign]
        BomDependencyGraphFlatMerger._flatten_merge = saved[1]  # type: ignore[method-assign]


def _render(built: BuiltBom, fmt: BomFormat) -> str:
    with _linear_library_steps(), without_cyclic_gc():
        return _render_with_library(built, fmt)


def _render_with_library(built: BuiltBom, fmt: BomFormat) -> str:
    if fmt == "cyclonedx-json":
        raw = make_outputter(built.bom, OutputFormat.JSON, SCHEMA).output_as_string()
        doc = json.loads(raw)
        _insert_model_cards_json(doc, built.model_cards)
        _fix_order_json(doc)
        ordered = {k: doc[k] for k in _TOP_LEVEL_ORDER if k in doc}
        ordered.update((k, v) for k, v in doc.items() if k not in ordered)
        return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"
    raw = make_outputter(built.bom, OutputFormat.XML, SCHEMA).output_as_string()
    return _insert_model_cards_xml(raw, built.model_cards)


def _insert_model_cards_json(doc: dict[str, Any], cards: dict[str, dict[str, Any]]) -> None:
    for comp in doc.get("components", []):
        card = cards.get(comp.get("bom-ref", ""))
        if card:
            comp["modelCard"] = card


def _ancestor_index(bom_ref: str | None) -> int:
    """Position of an ancestor, from its bom-ref ``ancestor:<n>:<child>``."""
    try:
        return int((bom_ref or "").split(":", 2)[1])
    except (IndexError, ValueError):
        return 0


def _fix_order_json(node: Any) -> None:
    """Restore the orders the library's sorted sets lose.

    Properties sort by name, then value with numbers by value (``path:4`` before ``path:14``);
    pedigree ancestors go nearest first (the library sorts them by name), and
    evidence occurrences by (location, line) (their library order is undefined
    without bom-refs).
    """
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, list) and all(isinstance(p, dict) for p in properties):
            properties.sort(key=lambda p: (p.get("name", ""), natural_key(p.get("value", ""))))
        evidence = node.get("evidence")
        if isinstance(evidence, dict) and isinstance(evidence.get("occurrences"), list):
            evidence["occurrences"].sort(key=lambda o: (o.get("location", ""), o.get("line", 0)))
        pedigree = node.get("pedigree")
        if isinstance(pedigree, dict) and isinstance(pedigree.get("ancestors"), list):
            pedigree["ancestors"].sort(key=lambda a: _ancestor_index(a.get("bom-ref")))
        for value in node.values():
            _fix_order_json(value)
    elif isinstance(node, list):
        for item in node:
            _fix_order_json(item)


def _insert_model_cards_xml(raw: str, cards: dict[str, dict[str, Any]]) -> str:
    ET.register_namespace("", XML_NS)
    root = ET.fromstring(raw)
    q = f"{{{XML_NS}}}"
    for occurrences in root.iter(f"{q}occurrences"):
        items = list(occurrences)
        items.sort(
            key=lambda e: (e.findtext(f"{q}location") or "", int(e.findtext(f"{q}line") or 0))
        )
        occurrences[:] = items
    for properties in root.iter(f"{q}properties"):
        items = list(properties)
        items.sort(key=lambda e: (e.get("name") or "", natural_key(e.text or "")))
        properties[:] = items
    for ancestors in root.iter(f"{q}ancestors"):
        items = list(ancestors)
        items.sort(key=lambda e: _ancestor_index(e.get("bom-ref")))
        ancestors[:] = items
    components = root.find(f"{q}components")
    if components is not None and cards:
        for comp in components.findall(f"{q}component"):
            card = cards.get(comp.get("bom-ref", ""))
            if not card:
                continue
            element = _model_card_element(card, q)
            children = list(comp)
            position = len(children)
            for i, child in enumerate(children):
                if child.tag.removeprefix(q) in _AFTER_MODEL_CARD:
                    position = i
                    break
            comp.insert(position, element)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _model_card_element(card: dict[str, Any], q: str) -> ET.Element:
    mc = ET.Element(f"{q}modelCard")
    params = card.get("modelParameters") or {}
    if params:
        mp = ET.SubElement(mc, f"{q}modelParameters")
        for key in ("task", "architectureFamily", "modelArchitecture"):
            if key in params:
                ET.SubElement(mp, f"{q}{key}").text = str(params[key])
        if params.get("datasets"):
            ds = ET.SubElement(mp, f"{q}datasets")
            for d in params["datasets"]:
                ET.SubElement(ds, f"{q}ref").text = d["ref"]
    return mc
