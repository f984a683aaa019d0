"""SPDX 3.0.1 JSON-LD from an aibom CycloneDX BOM, built and checked with the official bindings.

The document is made with ``spdx-python-model`` (the SPDX project's generated bindings for the
3.0.1 model), never by hand: every property is type-checked when set, required properties
and cardinalities are checked when it is serialised, and :func:`validate_spdx3` reads the
text back with the same library. The mapping:

* the scanned project: ``software_Package`` (purpose ``application``), the ``rootElement`` of
  a ``software_Sbom`` (``sbomType: analyzed``);
* models (and their pedigree ancestors): ``ai_AIPackage`` with ``ai_typeOfModel``
  (architecture), ``ai_domain`` (from the task), ``ai_autonomyType`` (``noAssertion``:
  not knowable from code), ``ai_informationAboutTraining`` (lineage with evidence and
  datasets), ``originatedBy`` (the developer, when the model is its own release),
  ``software_packageUrl`` and ``software_packageVersion``;
* datasets: ``dataset_DatasetPackage``; hosted model APIs: ``ai_AIPackage`` whose
  ``suppliedBy`` is the provider and ``software_downloadLocation`` the endpoint; libraries:
  ``software_Package``; weight files: ``software_File`` with their SHA-256;
* relationships: ``dependsOn`` (the BOM's dependency graph; the project's on a component scoped
  ``excluded``, used only in test code, a ``LifecycleScopedRelationship`` with scope ``test``), ``ancestorOf`` (base model ->
  derived models), ``trainedOn`` (model -> datasets), ``contains`` (model -> weight files),
  ``hasDeclaredLicense`` and ``hasConcludedLicense`` (to ``simplelicensing_LicenseExpression``);
* every CycloneDX property (the aibom contract: origin country, families, licence category,
  lineage evidence, ...) as SPDX's own ``extension_CdxPropertiesExtension`` on its element, so
  the SPDX document carries the same facts as the CycloneDX one.

Element ids derive from the BOM's serial number and bom-refs, so the same BOM gives the same
bytes.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

from cyclonedx.spdx import is_supported_id

from aibom import __version__
from aibom.bom import properties as P

SPDX_VERSION = "3.0.1"
DATA_LICENSE = "CC0-1.0"

# Hugging Face pipeline tasks -> AI domain (SPDX ai_domain is free text).
_DOMAINS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        (
            "text-to-image",
            "image-to-text",
            "visual-question",
            "image-text",
            "any-to-any",
            "video-text",
            "document-question",
        ),
        "multimodal",
    ),
    (
        (
            "image",
            "object-detection",
            "depth-estimation",
            "mask-generation",
            "video",
            "zero-shot-object",
            "keypoint",
        ),
        "computer vision",
    ),
    (("audio", "speech", "text-to-speech", "voice"), "audio and speech"),
    (
        (
            "text",
            "token-classification",
            "question-answering",
            "summarization",
            "translation",
            "fill-mask",
            "sentence-similarity",
            "feature-extraction",
            "conversational",
            "table-question",
            "zero-shot-classification",
        ),
        "natural language processing",
    ),
    (("tabular", "time-series"), "tabular and time series"),
    (("reinforcement", "robotics"), "reinforcement learning"),
)
_LICENSE_OPERATORS = frozenset({"AND", "OR", "WITH"})


class Spdx3Error(ValueError):
    """The SPDX document could not be built or does not validate."""


def _model() -> Any:
    try:
        from spdx_python_model import v3_0_1
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise Spdx3Error(
            "SPDX 3 output needs the spdx-python-model package: pip install spdx-python-model"
        ) from exc
    return v3_0_1


def _props(entry: dict[str, Any], name: str) -> list[str]:
    return [
        str(p.get("value"))
        for p in entry.get("properties", []) or []
        if isinstance(p, dict) and p.get("name") == name and p.get("value") is not None
    ]


def _first(entry: dict[str, Any], name: str) -> str | None:
    values = _props(entry, name)
    return values[0] if values else None


def _license_ids(entry: dict[str, Any]) -> list[str]:
    out = []
    for lic in entry.get("licenses", []) or []:
        if not isinstance(lic, dict):
            continue
        if lic.get("expression"):
            out.append(str(lic["expression"]))
            continue
        inner = lic.get("license") or {}
        if isinstance(inner, dict) and inner.get("id"):
            out.append(str(inner["id"]))
        elif isinstance(inner, dict) and inner.get("name"):
            out.append(_license_ref(str(inner["name"])))
    return out


def _license_ref(name: str) -> str:
    """``LicenseRef-<slug>``: how SPDX names a licence that has no SPDX list id."""
    return "LicenseRef-" + (re.sub(r"[^A-Za-z0-9.-]+", "-", name).strip("-") or "unknown")


def spdx_license_expression(license_id: str) -> str:
    """An SPDX licence expression for an aibom licence id or expression.

    SPDX list ids stay; a model licence without one (``llama3.1``, ``qwen``) becomes
    ``LicenseRef-llama3.1``, the SPDX way to name a licence that is not on the list.
    """
    parts = []
    for token in re.split(r"(\s+|\(|\))", license_id.strip()):
        if not token or token.isspace() or token in "()" or token.upper() in _LICENSE_OPERATORS:
            parts.append(token.upper() if token.upper() in _LICENSE_OPERATORS else token)
        elif (
            token.startswith(("LicenseRef-", "DocumentRef-"))
            or is_supported_id(token)
            or (token.endswith("+") and is_supported_id(token[:-1]))
        ):
            parts.append(token)
        else:
            parts.append(_license_ref(token))
    return "".join(parts)


def _domain(task: str | None) -> str | None:
    if not task:
        return None
    for prefixes, domain in _DOMAINS:
        if any(task.startswith(p) or p in task for p in prefixes):
            return domain
    return None


def _timestamp(bom: dict[str, Any]) -> datetime:
    text = (bom.get("metadata") or {}).get("timestamp")
    if isinstance(text, str):
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
            return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).replace(
                microsecond=0
            )
        except ValueError:
            pass
    return datetime(1970, 1, 1, tzinfo=timezone.utc)


def _walk(components: Any) -> Iterator[dict[str, Any]]:
    for comp in components if isinstance(components, list) else []:
        if isinstance(comp, dict):
            yield comp


class _Builder:
    """Turns one CycloneDX BOM dict into an SPDX object set."""

    def __init__(self, bom: dict[str, Any]) -> None:
        self.m = _model()
        self.bom = bom
        serial = str(bom.get("serialNumber") or "urn:uuid:00000000-0000-0000-0000-000000000000")
        self.base = f"https://spdx.org/spdxdocs/aibom-{serial.rsplit(':', 1)[-1]}/"
        self.objects: list[Any] = []
        self.by_ref: dict[str, Any] = {}
        self.by_purl: dict[str, Any] = {}  # unversioned purl -> top-level model element
        self.agents: dict[str, Any] = {}
        self.licenses: dict[str, Any] = {}
        self.relationships: list[tuple[str, Any, list[Any]]] = []
        self.test_only: set[str] = set()  # ids of elements scoped "excluded" (test code only)
        self.creation = self.m.CreationInfo()
        self.creation.specVersion = SPDX_VERSION
        self.creation.created = _timestamp(bom)
        self.creation.createdBy = [self._agent("SoftwareAgent", "aibom")]
        tool = self.m.Tool()
        tool._id = self._iri("tool", "aibom")
        tool.name = f"aibom {__version__}"
        tool.creationInfo = self.creation
        self.objects.append(tool)
        self.creation.createdUsing = [tool]

    # --- ids and shared elements
    def _iri(self, kind: str, key: str) -> str:
        return f"{self.base}{kind}/{quote(key, safe='')}"

    def _agent(self, kind: str, name: str) -> Any:
        key = f"{kind}:{name}"
        if key not in self.agents:
            agent = getattr(self.m, kind)()
            agent._id = self._iri(kind.lower(), name)
            agent.name = name
            # the creating agent is made before the CreationInfo is complete; it shares it
            agent.creationInfo = self.creation
            self.agents[key] = agent
            self.objects.append(agent)
        return self.agents[key]

    def _license(self, license_id: str) -> Any:
        expression = spdx_license_expression(license_id)
        if expression not in self.licenses:
            lic = self.m.simplelicensing_LicenseExpression()
            lic._id = self._iri("license", expression)
            lic.simplelicensing_licenseExpression = expression
            lic.creationInfo = self.creation
            self.licenses[expression] = lic
            self.objects.append(lic)
        return self.licenses[expression]

    def _relate(self, source: Any, kind: str, targets: Iterable[Any]) -> None:
        targets = [t for t in targets if t is not None]
        if source is not None and targets:
            self.relationships.append((kind, source, targets))

    # --- elements
    def _element(self, cls_name: str, comp: dict[str, Any], key: str) -> Any:
        el = getattr(self.m, cls_name)()
        el._id = self._iri(cls_name.rsplit("_", 1)[-1].lower(), key)
        el.name = str(comp.get("name") or key)
        el.creationInfo = self.creation
        if comp.get("version") and hasattr(el, "software_packageVersion"):
            el.software_packageVersion = str(comp["version"])
        if comp.get("purl") and hasattr(el, "software_packageUrl"):
            el.software_packageUrl = str(comp["purl"])
        if comp.get("description"):
            el.description = str(comp["description"])
        self._extension(el, comp.get("properties"))
        self.objects.append(el)
        return el

    def _extension(self, el: Any, properties: Any) -> None:
        entries = []
        for prop in properties or []:
            if isinstance(prop, dict) and prop.get("name"):
                entry = self.m.extension_CdxPropertyEntry()
                entry.extension_cdxPropName = str(prop["name"])
                if prop.get("value") is not None:
                    entry.extension_cdxPropValue = str(prop["value"])
                entries.append(entry)
        if entries:
            ext = self.m.extension_CdxPropertiesExtension()
            ext.extension_cdxProperty = entries
            el.extension = [ext]

    def _licences(self, el: Any, comp: dict[str, Any], inherited: Iterable[str] = ()) -> None:
        # the normalised id (``llama3.1``) when aibom recognised the licence, else the BOM's own
        normalised = _first(comp, P.LICENSE_DECLARED)
        declared = [normalised] if normalised else _license_ids(comp)
        for lic in declared:
            self._relate(el, "hasDeclaredLicense", [self._license(lic)])
        # aibom's conclusion: the model's own licence plus every licence its bases impose.
        concluded = list(dict.fromkeys([*declared, *inherited]))
        if concluded:
            text = " AND ".join(f"({c})" if " " in c else c for c in concluded)
            self._relate(el, "hasConcludedLicense", [self._license(text)])

    def _model_package(self, comp: dict[str, Any], key: str) -> Any:
        el = self._element("ai_AIPackage", comp, key)
        el.software_primaryPurpose = self.m.software_SoftwarePurpose.model
        params = (comp.get("modelCard") or {}).get("modelParameters") or {}
        kinds = [
            str(params[k]) for k in ("architectureFamily", "modelArchitecture") if params.get(k)
        ]
        if kinds:
            el.ai_typeOfModel = list(dict.fromkeys(kinds))
        task = params.get("task") or _first(comp, P.TASK)
        domain = _domain(str(task) if task else None)
        if domain:
            el.ai_domain = [domain]
        el.ai_autonomyType = self.m.PresenceType.noAssertion
        if comp.get("manufacturer", {}).get("name"):
            el.originatedBy = [self._agent("Organization", comp["manufacturer"]["name"])]
        for purl_type, site in (
            ("huggingface", "https://huggingface.co/"),
            ("github", "https://github.com/"),
        ):
            if comp.get("purl", "").startswith(f"pkg:{purl_type}/"):
                el.software_downloadLocation = site + comp["purl"].split("/", 1)[1].split("@")[0]
        info = self._training_info(comp)
        if info:
            el.ai_informationAboutTraining = info
        if task:
            el.ai_informationAboutApplication = f"task: {task}"
        return el

    def _training_info(self, comp: dict[str, Any]) -> str | None:
        lines = []
        relation = _first(comp, P.RELATION)
        ancestors = (comp.get("pedigree") or {}).get("ancestors") or []
        direct = [a for a in ancestors if _first(a, P.ANCESTOR_DEPTH) in (None, "1")]
        if direct:
            names = ", ".join(str(a.get("name")) for a in direct)
            source = _first(comp, P.LINEAGE_SOURCE) or "unknown"
            confidence = _first(comp, P.LINEAGE_CONFIDENCE) or "unknown"
            lines.append(
                f"{relation or 'derived'} of {names} (lineage {source}, confidence {confidence})"
            )
        family = _first(comp, P.FAMILY_NAME) or _first(comp, P.FAMILY)
        if family:
            lines.append(f"foundation family: {family}")
        tune = _first(comp, P.CDX_TUNE_METHOD)
        if tune:
            lines.append(f"tuning method: {tune}")
        datasets = [
            str(d.get("ref"))
            for d in ((comp.get("modelCard") or {}).get("modelParameters") or {}).get(
                "datasets", []
            )
            if isinstance(d, dict) and d.get("ref")
        ]
        if datasets:
            lines.append("trained on: " + ", ".join(d.removeprefix("dataset:") for d in datasets))
        lines.extend(f"evidence: {e}" for e in _props(comp, P.LINEAGE_EVIDENCE))
        return "\n".join(lines) or None

    def _weight_files(self, model: Any, comp: dict[str, Any]) -> None:
        files = []
        for sub in _walk(comp.get("components")):
            if sub.get("type") != "file":
                continue
            key = str(sub.get("bom-ref") or sub.get("name"))
            el = self.m.software_File()
            el._id = self._iri("file", key)
            el.name = str(sub.get("name") or key)
            el.creationInfo = self.creation
            el.software_primaryPurpose = self.m.software_SoftwarePurpose.model
            hashes = []
            for h in sub.get("hashes", []) or []:
                if isinstance(h, dict) and h.get("alg") == "SHA-256" and h.get("content"):
                    digest = self.m.Hash()
                    digest.algorithm = self.m.HashAlgorithm.sha256
                    digest.hashValue = str(h["content"])
                    hashes.append(digest)
            if hashes:
                el.verifiedUsing = hashes
            self._extension(el, sub.get("properties"))
            self.objects.append(el)
            files.append(el)
        self._relate(model, "contains", files)

    def _ancestors(self, model: Any, comp: dict[str, Any]) -> None:
        """Pedigree ancestors as AI packages; ``ancestorOf`` from each base to what derives from it."""
        ancestors = [
            a for a in (comp.get("pedigree") or {}).get("ancestors") or [] if isinstance(a, dict)
        ]
        by_name: dict[str, Any] = {}
        for anc in ancestors:
            key = str(anc.get("purl") or anc.get("name"))
            # an ancestor that is also used directly is one element, not two
            el = self.by_purl.get(key) or self.by_ref.get(f"ancestor:{key}")
            if el is None:
                el = self._model_package(anc, f"ancestor:{key}")
                self._licences(el, anc)
                self.by_ref[f"ancestor:{key}"] = el
            by_name[str(anc.get("name"))] = el
        for anc in ancestors:
            child_name = _first(anc, P.ANCESTOR_CHILD)
            child = by_name.get(child_name, model) if child_name else model
            self._relate(by_name[str(anc.get("name"))], "ancestorOf", [child])

    def build(self) -> Any:
        bom = self.bom
        meta = (bom.get("metadata") or {}).get("component") or {"name": "project"}
        project = self._element("software_Package", meta, str(meta.get("bom-ref", "project")))
        project.software_primaryPurpose = self.m.software_SoftwarePurpose.application
        self.by_ref[str(meta.get("bom-ref", "project"))] = project

        models: list[tuple[Any, dict[str, Any]]] = []
        for comp in _walk(bom.get("components")):
            ref = str(comp.get("bom-ref") or comp.get("purl") or comp.get("name"))
            kind = comp.get("type")
            if kind == "machine-learning-model":
                el = self._model_package(comp, ref)
                self._licences(el, comp, _props(comp, P.LICENSE_INHERITED))
                models.append((el, comp))
                if comp.get("purl") and "@" not in str(comp["purl"]):
                    self.by_purl.setdefault(str(comp["purl"]), el)
            elif kind == "data":
                el = self._element("dataset_DatasetPackage", comp, ref)
                el.software_primaryPurpose = self.m.software_SoftwarePurpose.data
                el.dataset_datasetType = [self.m.dataset_DatasetType.noAssertion]
                if str(comp.get("name", "")).count("/") == 1:
                    el.software_downloadLocation = "https://huggingface.co/datasets/" + comp["name"]
                self._licences(el, comp)
            else:
                el = self._element("software_Package", comp, ref)
                purpose = {
                    "library": "library",
                    "framework": "framework",
                    "application": "application",
                }
                el.software_primaryPurpose = getattr(
                    self.m.software_SoftwarePurpose, purpose.get(str(kind), "other")
                )
                self._licences(el, comp)
            self.by_ref[ref] = el
            if comp.get("scope") == "excluded":
                self.test_only.add(el._id)
        for svc in _walk(bom.get("services")):
            ref = str(svc.get("bom-ref") or svc.get("name"))
            el = self._element("ai_AIPackage", svc, ref)
            el.software_primaryPurpose = self.m.software_SoftwarePurpose.model
            el.comment = "hosted model API (CycloneDX service)"
            models_used = _props(svc, P.SERVICE_MODEL)
            if models_used:
                el.ai_informationAboutApplication = "models used: " + ", ".join(models_used)
            provider = (svc.get("provider") or {}).get("name")
            if provider:
                el.suppliedBy = self._agent("Organization", str(provider))
            endpoints = svc.get("endpoints") or []
            if endpoints:
                el.software_downloadLocation = str(endpoints[0])
            self.by_ref[ref] = el

        for el, comp in models:
            self._weight_files(el, comp)
            self._ancestors(el, comp)
            params = (comp.get("modelCard") or {}).get("modelParameters") or {}
            datasets = [
                self.by_ref.get(str(d.get("ref")))
                for d in params.get("datasets", []) or []
                if isinstance(d, dict)
            ]
            self._relate(el, "trainedOn", datasets)
        for dep in bom.get("dependencies", []) or []:
            source = self.by_ref.get(str(dep.get("ref")))
            self._relate(
                source, "dependsOn", [self.by_ref.get(str(r)) for r in dep.get("dependsOn", [])]
            )

        # one relationship per (type, source, test scope), its targets in first-seen order without
        # repeats; the project's dependency on a component it uses only in test code is scoped to
        # the test phase (a model's dependency on its base is lineage, not a phase)
        merged: dict[tuple[str, str, bool], tuple[Any, dict[str, Any]]] = {}
        for kind, source, targets in self.relationships:
            for target in targets:
                test = kind == "dependsOn" and source is project and target._id in self.test_only
                _, seen = merged.setdefault((kind, source._id, test), (source, {}))
                seen.setdefault(target._id, target)
        for n, ((kind, _, test), (source, seen)) in enumerate(merged.items()):
            targets = list(seen.values())
            if test:
                rel = self.m.LifecycleScopedRelationship()
                rel.scope = self.m.LifecycleScopeType.test
            else:
                rel = self.m.Relationship()
            rel._id = self._iri("relationship", f"{n}-{kind}" + ("-test" if test else ""))
            rel.creationInfo = self.creation
            rel.from_ = source
            rel.to = targets
            rel.relationshipType = getattr(self.m.RelationshipType, kind)
            self.objects.append(rel)

        sbom = self.m.software_Sbom()
        sbom._id = self._iri("sbom", "aibom")
        sbom.creationInfo = self.creation
        sbom.name = f"AI-BOM of {project.name}"
        sbom.software_sbomType = [self.m.software_SbomType.analyzed]
        sbom.rootElement = [project]
        sbom.element = [o for o in self.objects if o is not project] + [project]
        self.objects.append(sbom)

        doc = self.m.SpdxDocument()
        doc._id = self._iri("document", "aibom")
        doc.creationInfo = self.creation
        doc.name = f"aibom SPDX 3 AI-BOM of {project.name}"
        doc.dataLicense = self._license(DATA_LICENSE)
        profiles = self.m.ProfileIdentifierType
        doc.profileConformance = [
            profiles.core,
            profiles.software,
            profiles.ai,
            profiles.dataset,
            profiles.simpleLicensing,
            # not profiles.extension: the 3.0.1 JSON-LD context compacts that value to the
            # ``extension`` property's IRI, which SHACL validation rejects
        ]
        doc.rootElement = [sbom]
        doc.element = [*self.objects]
        objset = self.m.SHACLObjectSet()
        for obj in [*self.objects, doc]:
            objset.add(obj)
        return objset


def to_spdx3(bom: dict[str, Any]) -> str:
    """SPDX 3.0.1 JSON-LD text for a CycloneDX JSON BOM dict (as written by ``aibom scan``)."""
    builder = _Builder(bom)
    objset = builder.build()
    buffer = io.BytesIO()
    try:
        builder.m.JSONLDSerializer(indent=2, sort_keys=True, ensure_ascii=False).write(
            objset, buffer
        )
    except (ValueError, TypeError) as exc:
        raise Spdx3Error(f"SPDX 3 document does not satisfy the model: {exc}") from exc
    text = buffer.getvalue().decode("utf-8") + "\n"
    problems = validate_spdx3(text)
    if problems:
        raise Spdx3Error("SPDX 3 document does not validate: " + "; ".join(problems[:5]))
    return text


def validate_spdx3(text: str) -> list[str]:
    """Problems of an SPDX 3.0.1 JSON-LD document, read back with the SPDX bindings; [] if valid.

    Checks: known types and properties only, property types and enumerations, required
    properties and cardinalities (by re-serialising), every referenced element defined in the
    document, one ``SpdxDocument`` and the 3.0.1 context.
    """
    m = _model()
    try:
        data = json.loads(text)
    except ValueError as exc:
        return [f"not JSON: {exc}"]
    if data.get("@context") != "https://spdx.org/rdf/3.0.1/spdx-context.jsonld":
        return ["@context is not the SPDX 3.0.1 context"]
    objset = m.SHACLObjectSet()
    try:
        m.JSONLDDeserializer().deserialize_data(data, objset)
    except (KeyError, TypeError, ValueError) as exc:
        return [f"does not match the SPDX 3.0.1 model: {exc}"]
    problems = [f"referenced but not defined: {iri}" for iri in sorted(objset.link())]
    documents = list(objset.foreach_type(m.SpdxDocument))
    if len(documents) != 1:
        problems.append(f"expected one SpdxDocument, found {len(documents)}")
    try:
        m.JSONLDSerializer().serialize_data(objset)
    except (ValueError, TypeError) as exc:
        problems.append(f"does not satisfy the model's cardinalities: {exc}")
    return problems
