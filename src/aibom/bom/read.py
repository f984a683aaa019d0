"""One typed view of any CycloneDX JSON BOM (1.5/1.6, written by aibom or any other tool).

Policy facts, reports, diffs and ``aibom lineage BOM.json`` read BOMs through this module
only. Input is untrusted JSON: nothing here assumes a field exists or has the right type,
and nothing raises on odd input except :func:`read_bom` when the file is not a BOM at all.

The reading rules, the same for every consumer:

- **Strings** (names, versions, purls, licence ids, endpoints, property names and values)
  must be JSON strings; they are stripped, and an empty string counts as absent. A value
  of another type (a number, a bool, an object) is never turned into text: it is dropped,
  and for properties the drop is recorded in :attr:`BomView.notes` so it is not silent.
- **Properties** keep every value of a repeated name, in BOM order (:class:`Properties`);
  multi-valued facts are repeated properties (``docs/bom-contract.md``).
- **Line numbers** are positive integers (bools are not numbers); anything else is absent.
- **Scope** (``components[].scope``) is kept lower-cased as written; ``excluded`` marks a
  component used only in test or other non-runtime code (:attr:`Component.test_only`), and
  absent means the spec's default (``required``).
- **Countries** are upper-cased ISO 3166-1 alpha-2 text as written.
- **Family** (``aibom:family``) is the model line (``qwen``); the release is
  ``aibom:family.release`` (``qwen2_5``). BOMs written before that contract carried the
  release id in ``aibom:family`` and ``aibom:lineage.family``; :attr:`Component.family`,
  :attr:`Component.family_release` and the ``lineage_*`` views read both forms the same way
  (an old release id is split into its line and release by ``properties.LEGACY_FAMILY_IDS``).
- Nested ``components``/``services`` are flattened depth first (``nesting`` says how deep);
  pedigree ancestors are not components of the BOM but of the model they belong to.
  At most :data:`MAX_ITEMS` entries are read, so hostile input cannot exhaust memory.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aibom.bom import properties as P
from aibom.limits import load_json
from aibom.text import clean_strings

MAX_BOM_BYTES = 512 * 1024 * 1024
MAX_ITEMS = 1_000_000
MAX_NOTES = 20  # notes kept word for word; the rest are counted


class BomError(ValueError):
    """The BOM cannot be read or is not a CycloneDX JSON BOM; the message names the file."""


# --------------------------------------------------------------------------- typed view


@dataclass(frozen=True)
class Properties:
    """``properties[]`` as name -> values, in BOM order (repeated names keep every value)."""

    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def first(self, name: str) -> str | None:
        """The first value of ``name``, or None."""
        vals = self.values.get(name)
        return vals[0] if vals else None

    def all(self, name: str) -> tuple[str, ...]:
        """Every value of ``name`` (empty when absent)."""
        return self.values.get(name, ())

    def __contains__(self, name: object) -> bool:
        return name in self.values


@dataclass(frozen=True)
class Occurrence:
    """Where a component or service was seen: a path (relative to the scanned root) and line."""

    location: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.location}:{self.line}" if self.line else self.location


@dataclass(frozen=True)
class Entity:
    """An organisation (``manufacturer``, ``provider``): its name and country."""

    name: str | None = None
    country: str | None = None  # upper-cased as written in address.country


def split_family(value: str | None) -> tuple[str | None, str | None]:
    """(line, release) of one ``aibom:family``/``aibom:lineage.family`` value: a line slug
    (``qwen`` -> (``qwen``, None)), or a release id as BOMs before the family contract wrote it
    (``qwen2_5`` -> (``qwen``, ``qwen2_5``))."""
    if not value:
        return None, None
    line = P.LEGACY_FAMILY_IDS.get(value)
    return (line, value) if line else (value, None)


def _family_and_release(props: Properties) -> tuple[str | None, str | None]:
    line, old_release = split_family(props.first(P.FAMILY))
    return line, props.first(P.FAMILY_RELEASE) or old_release


def _uniq(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


@dataclass(frozen=True)
class Ancestor:
    """One ``pedigree.ancestors[]`` entry, nearest base first."""

    name: str | None
    purl: str | None = None
    bom_ref: str | None = None
    type: str | None = None
    licenses: tuple[str, ...] = ()
    properties: Properties = field(default_factory=Properties)
    depth: int | None = None  # aibom:lineage.depth (1 = direct base) when recorded
    child: str | None = None  # aibom:lineage.child (the model this is a base of) when recorded

    @property
    def family(self) -> str | None:
        """Model line of this ancestor (``qwen``), from either form of ``aibom:family``."""
        return _family_and_release(self.properties)[0]

    @property
    def family_release(self) -> str | None:
        """Knowledge-base release of this ancestor (``qwen2_5``) when recorded."""
        return _family_and_release(self.properties)[1]


@dataclass(frozen=True)
class Component:
    """One ``components[]`` entry (top-level or nested)."""

    type: str | None
    name: str | None = None
    bom_ref: str | None = None
    group: str | None = None
    version: str | None = None
    purl: str | None = None
    licenses: tuple[str, ...] = ()  # each entry's expression, licence id or licence name
    hashes: Mapping[str, str] = field(default_factory=dict)  # "SHA-256" -> lower-case hex
    manufacturer: Entity | None = None
    properties: Properties = field(default_factory=Properties)
    occurrences: tuple[Occurrence, ...] = ()  # evidence.occurrences, then aibom:occurrence
    ancestors: tuple[Ancestor, ...] = ()
    children: tuple[Component, ...] = ()  # nested components (weight files of a model)
    nesting: int = 0  # 0 = top level
    scope: str | None = None  # CycloneDX scope as written (required | optional | excluded)

    @property
    def test_only(self) -> bool:
        """True when the component is scoped ``excluded``: used only in test or other non-runtime code."""
        return self.scope == "excluded"

    @property
    def family(self) -> str | None:
        """Model line of the foundation (``qwen``), from either form of ``aibom:family``."""
        return _family_and_release(self.properties)[0]

    @property
    def family_release(self) -> str | None:
        """Knowledge-base release of the foundation (``qwen2_5``) when recorded."""
        return _family_and_release(self.properties)[1]

    @property
    def lineage_families(self) -> tuple[str, ...]:
        """``aibom:lineage.family`` as model lines (old BOMs recorded release ids), in BOM order."""
        return _uniq([split_family(v)[0] or v for v in self.properties.all(P.FAMILIES)])

    @property
    def lineage_releases(self) -> tuple[str, ...]:
        """``aibom:lineage.release``, plus the releases old BOMs recorded in ``aibom:lineage.family``."""
        split = [split_family(v)[1] or "" for v in self.properties.all(P.FAMILIES)]
        return _uniq([*self.properties.all(P.RELEASES), *split])


@dataclass(frozen=True)
class Service:
    """One ``services[]`` entry (top-level or nested)."""

    name: str | None = None
    bom_ref: str | None = None
    group: str | None = None
    version: str | None = None
    provider: Entity | None = None
    endpoints: tuple[str, ...] = ()
    licenses: tuple[str, ...] = ()
    properties: Properties = field(default_factory=Properties)
    occurrences: tuple[Occurrence, ...] = ()  # aibom:occurrence (services have no evidence)
    nesting: int = 0

    @property
    def test_models(self) -> tuple[str, ...]:
        """Model names used with the service only in test code (``aibom:service.test-model``)."""
        return _uniq(list(self.properties.all(P.SERVICE_TEST_MODEL)))


@dataclass(frozen=True)
class Tool:
    """One entry of ``metadata.tools`` (1.5+ components/services, or the legacy 1.4 array)."""

    name: str | None
    version: str | None = None


@dataclass(frozen=True)
class Metadata:
    """``metadata``: project, tools, timestamp and aibom's scan properties."""

    timestamp: str | None = None
    project: str | None = None  # metadata.component.name
    tools: tuple[Tool, ...] = ()
    properties: Properties = field(default_factory=Properties)

    @property
    def diagnostics(self) -> tuple[str, ...]:
        """aibom's ``aibom:diagnostic`` entries (``path[:line]: message``)."""
        return self.properties.all(P.DIAGNOSTIC)


@dataclass(frozen=True)
class Dependency:
    """One ``dependencies[]`` entry."""

    ref: str
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class BomView:
    """A CycloneDX JSON BOM, typed. ``components`` and ``services`` are flattened depth first."""

    spec_version: str | None = None
    serial_number: str | None = None
    metadata: Metadata = field(default_factory=Metadata)
    components: tuple[Component, ...] = ()
    services: tuple[Service, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    notes: tuple[str, ...] = ()  # what the reader dropped, e.g. a non-string property value

    @property
    def top_level_components(self) -> tuple[Component, ...]:
        """Components directly under ``components[]``."""
        return tuple(c for c in self.components if c.nesting == 0)

    @property
    def models(self) -> tuple[Component, ...]:
        """Every ``machine-learning-model`` component, nested ones included."""
        return tuple(c for c in self.components if c.type == "machine-learning-model")


_NO_PROPERTIES = Properties()

# --------------------------------------------------------------------------- JSON access


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        text = value.strip()
        return text or None
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in _list(value) if isinstance(v, dict)]


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _scope(value: Any) -> str | None:
    """A component's ``scope``, lower-cased; absent unless a string."""
    text = _str(value)
    return text.lower() if text else None


def _line(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None


class _Reader:
    """Reads one BOM, collecting notes about what it drops."""

    def __init__(self) -> None:
        self._notes: list[str] = []
        self._more_notes = 0
        self.items = 0

    def note(self, text: str) -> None:
        if len(self._notes) < MAX_NOTES:
            self._notes.append(text)
        else:
            self._more_notes += 1

    @property
    def notes(self) -> tuple[str, ...]:
        more = (f"{self._more_notes} more like these",) if self._more_notes else ()
        return (*self._notes, *more)

    def properties(self, obj: Mapping[str, Any], where: str) -> Properties:
        raw = obj.get("properties")
        if not isinstance(raw, list) or not raw:
            return _NO_PROPERTIES
        out: dict[str, list[str]] = {}
        for prop in raw:
            if not isinstance(prop, dict):
                continue
            raw_name, raw_value = prop.get("name"), prop.get("value")
            if isinstance(raw_name, str) and isinstance(raw_value, str):  # the usual case
                name, value = raw_name.strip(), raw_value.strip()
                if name and value:
                    values = out.get(name)
                    if values is None:
                        out[name] = [value]
                    else:
                        values.append(value)
                continue
            if raw_name is not None and not isinstance(raw_name, str):
                self.note(f"{where}: a property name is not a string; ignored")
            elif raw_value is not None and not isinstance(raw_value, str) and _str(raw_name):
                self.note(f"{where}: property {_str(raw_name)} has a non-string value; ignored")
        return Properties({k: tuple(v) for k, v in out.items()})

    def entity(self, value: Any) -> Entity | None:
        if not isinstance(value, dict):
            return None
        country = _str(_dict(value.get("address")).get("country"))
        return Entity(_str(value.get("name")), country.upper() if country else None)

    def occurrences(self, obj: Mapping[str, Any], props: Properties) -> tuple[Occurrence, ...]:
        out: list[Occurrence] = []
        for occ in _dicts(_dict(obj.get("evidence")).get("occurrences")):
            location = _str(occ.get("location"))
            if location:
                out.append(Occurrence(location, _line(occ.get("line"))))
        for text in props.all(P.OCCURRENCE):
            path, _, tail = text.rpartition(":")
            if path and tail.isdigit() and int(tail) > 0:
                out.append(Occurrence(path, int(tail)))
            else:
                out.append(Occurrence(text))
        return tuple(out)

    def ancestor(self, obj: Mapping[str, Any], where: str) -> Ancestor:
        props = self.properties(obj, where)
        depth_text = props.first(P.ANCESTOR_DEPTH) or ""
        return Ancestor(
            name=_str(obj.get("name")),
            purl=_str(obj.get("purl")),
            bom_ref=_str(obj.get("bom-ref")),
            type=_str(obj.get("type")),
            licenses=licenses(obj),
            properties=props,
            depth=int(depth_text) if depth_text.isdigit() and int(depth_text) > 0 else None,
            child=props.first(P.ANCESTOR_CHILD),
        )

    def component(
        self, obj: Mapping[str, Any], nesting: int, children: tuple[Component, ...]
    ) -> Component:
        name = _str(obj.get("name"))
        where = f"component {_str(obj.get('bom-ref')) or name or '?'}"
        props = self.properties(obj, where)
        ancestors = tuple(
            self.ancestor(a, f"{where} ancestor")
            for a in _dicts(_dict(obj.get("pedigree")).get("ancestors"))
        )
        return Component(
            type=_str(obj.get("type")),
            name=name,
            bom_ref=_str(obj.get("bom-ref")),
            group=_str(obj.get("group")),
            version=_str(obj.get("version")),
            purl=_str(obj.get("purl")),
            licenses=licenses(obj),
            hashes=_hashes(obj),
            manufacturer=self.entity(obj.get("manufacturer")),
            properties=props,
            occurrences=self.occurrences(obj, props),
            ancestors=ancestors,
            children=children,
            nesting=nesting,
            scope=_scope(obj.get("scope")),
        )

    def service(self, obj: Mapping[str, Any], nesting: int) -> Service:
        name = _str(obj.get("name"))
        props = self.properties(obj, f"service {_str(obj.get('bom-ref')) or name or '?'}")
        return Service(
            name=name,
            bom_ref=_str(obj.get("bom-ref")),
            group=_str(obj.get("group")),
            version=_str(obj.get("version")),
            provider=self.entity(obj.get("provider")),
            endpoints=tuple(e for e in (_str(x) for x in _list(obj.get("endpoints"))) if e),
            licenses=licenses(obj),
            properties=props,
            occurrences=self.occurrences(obj, props),
            nesting=nesting,
        )

    def _flatten(self, items: Any, key: str) -> list[tuple[dict[str, Any], int, int]]:
        """Depth-first (entry, nesting, parent index) triples, bounded by MAX_ITEMS."""
        out: list[tuple[dict[str, Any], int, int]] = []
        stack: list[tuple[dict[str, Any], int, int]] = [(d, 0, -1) for d in reversed(_dicts(items))]
        while stack:
            if self.items >= MAX_ITEMS:
                self.note(f"more than {MAX_ITEMS} {key}; the rest is not read")
                break
            obj, nesting, parent = stack.pop()
            self.items += 1
            index = len(out)
            out.append((obj, nesting, parent))
            stack.extend((d, nesting + 1, index) for d in reversed(_dicts(obj.get(key))))
        return out

    def components(self, items: Any) -> tuple[Component, ...]:
        flat = self._flatten(items, "components")
        children: list[list[Component]] = [[] for _ in flat]
        built: list[Component | None] = [None] * len(flat)
        for index in range(len(flat) - 1, -1, -1):  # children are built before their parent
            obj, nesting, parent = flat[index]
            comp = self.component(obj, nesting, tuple(reversed(children[index])))
            built[index] = comp
            if parent >= 0:
                children[parent].append(comp)
        return tuple(c for c in built if c is not None)

    def services(self, items: Any) -> tuple[Service, ...]:
        return tuple(self.service(obj, n) for obj, n, _ in self._flatten(items, "services"))

    def metadata(self, value: Any) -> Metadata:
        meta = _dict(value)
        tools = meta.get("tools")
        entries: list[dict[str, Any]] = []
        if isinstance(tools, dict):  # CycloneDX 1.5+
            entries = _dicts(tools.get("components")) + _dicts(tools.get("services"))
        elif isinstance(tools, list):  # legacy 1.4 array
            entries = _dicts(tools)
        return Metadata(
            timestamp=_str(meta.get("timestamp")),
            project=_str(_dict(meta.get("component")).get("name")),
            tools=tuple(Tool(_str(t.get("name")), _str(t.get("version"))) for t in entries),
            properties=self.properties(meta, "metadata"),
        )


def licenses(obj: Mapping[str, Any]) -> tuple[str, ...]:
    """``licenses[]`` of a component or service: each entry's expression, licence id or name."""
    out: list[str] = []
    for entry in _dicts(obj.get("licenses")):
        expr = _str(entry.get("expression"))
        if expr:
            out.append(expr)
            continue
        lic = _dict(entry.get("license"))
        text = _str(lic.get("id")) or _str(lic.get("name"))
        if text:
            out.append(text)
    return tuple(out)


def _hashes(obj: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in _dicts(obj.get("hashes")):
        alg, content = _str(entry.get("alg")), _str(entry.get("content"))
        if alg and content:
            out[alg.upper()] = content.lower()
    return out


def _dependencies(value: Any) -> tuple[Dependency, ...]:
    out: list[Dependency] = []
    for entry in _dicts(value):
        ref = _str(entry.get("ref"))
        if ref:
            deps = tuple(d for d in (_str(x) for x in _list(entry.get("dependsOn"))) if d)
            out.append(Dependency(ref, deps))
    return tuple(out)


# --------------------------------------------------------------------------- entry points


def parse_bom(data: Any) -> BomView:
    """The typed view of parsed BOM JSON; anything that is not a JSON object reads as empty."""
    if not isinstance(data, dict):
        return BomView()
    reader = _Reader()
    # The view is acyclic, so the cyclic collector has nothing to free while it is built; left
    # on, it rescans the whole parsed JSON again and again (2-3x slower on a 30,000-component BOM).
    collecting = gc.isenabled()
    gc.disable()
    try:
        components = reader.components(data.get("components"))
        services = reader.services(data.get("services"))
    finally:
        if collecting:
            gc.enable()
    return BomView(
        spec_version=_str(data.get("specVersion")),
        serial_number=_str(data.get("serialNumber")),
        metadata=reader.metadata(data.get("metadata")),
        components=components,
        services=services,
        dependencies=_dependencies(data.get("dependencies")),
        notes=reader.notes,
    )


def parse_component(data: Mapping[str, Any]) -> Component:
    """One component object (with its nested components) as a :class:`Component`."""
    return _Reader().components([data])[0]


def parse_service(data: Mapping[str, Any]) -> Service:
    """One service object as a :class:`Service` (nested services are not included)."""
    return _Reader().service(data, 0)


def validate_bom(data: Any, label: str = "<bom>") -> dict[str, Any]:
    """Check that ``data`` is a CycloneDX BOM object; return it. :class:`BomError` otherwise."""
    if not isinstance(data, dict):
        raise BomError(f"{label}: not a CycloneDX BOM (the top level must be a JSON object)")
    if data.get("bomFormat") != "CycloneDX":
        raise BomError(f"{label}: not a CycloneDX BOM ('bomFormat' must be \"CycloneDX\")")
    return data


def load_bom_json(path: Path) -> dict[str, Any]:
    """Read a CycloneDX JSON BOM file as raw JSON; :class:`BomError` names the file and problem."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BomError(f"{path}: cannot read BOM: {exc.strerror or exc}") from None
    if size > MAX_BOM_BYTES:
        raise BomError(f"{path}: BOM is larger than {MAX_BOM_BYTES // 1024 // 1024} MiB")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BomError(f"{path}: cannot read BOM: {exc.strerror or exc}") from None
    if raw.lstrip()[:1] == b"<":
        raise BomError(
            f"{path}: this looks like an XML BOM; aibom check reads CycloneDX JSON (write one with --format json)"
        )
    try:
        data = load_json(raw.decode("utf-8-sig"))  # numbers over 4,300 digits stay text
    except UnicodeDecodeError:
        raise BomError(f"{path}: BOM is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BomError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise BomError(f"{path}: JSON nested too deeply") from None
    return validate_bom(clean_strings(data), str(path))  # a BOM is untrusted: aibom.text rules


def read_bom(path: Path) -> BomView:
    """Read a CycloneDX JSON BOM file into its typed view; :class:`BomError` when it is not one."""
    return parse_bom(load_bom_json(path))
