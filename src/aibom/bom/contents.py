"""What each entry of the BOM says, as plain data: properties, licences, evidence, model cards.

One mapping from the inventory and its lineage to BOM content, shared by the two writers:
:mod:`aibom.bom.cdx_json` (JSON, directly) and :mod:`aibom.bom.build` (the cyclonedx-python-lib
model, for XML). Nothing here imports cyclonedx-python-lib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from packageurl import PackageURL

from aibom.bom import properties as P
from aibom.inventory import Inventory, Library, Location, Model, ModelKind, Service, WeightFile
from aibom.lineage.types import Ancestor, Lineage

PROJECT_REF = "project"
MAX_TEMPLATE_CHARS = 8192
_COMMIT = re.compile(r"^[0-9a-fA-F]{40}$")


def model_ref(model: Model) -> str:
    """Stable bom-ref of a model: ``model:<kind>:<name>[@<revision>]``."""
    ref = f"model:{model.kind.value}:{model.name}"
    return f"{ref}@{model.revision}" if model.revision else ref


def hub_purl(hub_id: str, revision: str | None = None) -> PackageURL | None:
    """``pkg:huggingface/<org>/<name>[@<lowercased commit>]`` for a hub id; None if not one.

    A project registry's id (``tts_models/en/ljspeech/vits``: more than ``org/name``) is
    downloaded from the project's own store, not the Hugging Face Hub: no purl.
    """
    if "/" not in hub_id or hub_id.count("/") > 1:
        return None
    org, name = hub_id.split("/", 1)
    version = revision.lower() if revision and _COMMIT.match(revision) else None
    return PackageURL(type="huggingface", namespace=org, name=name, version=version)


def library_purl(lib: Library) -> PackageURL:
    """purl of a library: pkg:pypi with the normalised name, pkg:npm with its scope, pkg:golang
    with the module path's leading elements as namespace."""
    if lib.ecosystem == "golang":
        namespace, _, name = lib.name.rpartition("/")
        return PackageURL(
            type="golang", namespace=namespace or None, name=name, version=lib.version
        )
    if lib.ecosystem == "npm":
        if lib.name.startswith("@") and "/" in lib.name:
            scope, name = lib.name.split("/", 1)
            return PackageURL(type="npm", namespace=scope, name=name, version=lib.version)
        return PackageURL(type="npm", name=lib.name, version=lib.version)
    return PackageURL(
        type="pypi", name=re.sub(r"[-_.]+", "-", lib.name).lower(), version=lib.version
    )


def property_pairs(*pairs: tuple[str, object]) -> list[tuple[str, str]]:
    """(name, value) properties as written: empty values dropped, lists one entry per value."""
    out: list[tuple[str, str]] = []
    for name, value in pairs:
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            out.extend((name, str(v)) for v in sorted({str(v) for v in value}) if v != "")
        elif isinstance(value, bool):
            out.append((name, "true" if value else "false"))
        else:
            out.append((name, str(value)))
    return out


def _location_text(loc: Location) -> str:
    return f"{loc.path}#cell={loc.cell}" if loc.cell is not None else loc.path


def occurrence_pairs(locations: list[Location]) -> list[tuple[str, int | None]]:
    """Evidence occurrences as (location, line), once each, in the order they are written."""
    occ = {(_location_text(loc), loc.line) for loc in locations}
    return sorted(occ, key=lambda x: (x[0], x[1] or 0, x[1] is None))


def license_entries(license_id: str | None) -> list[tuple[str, str]]:
    """CycloneDX licence entries as (kind, value): an SPDX ``id``, an ``expression`` or a ``name``."""
    if not license_id:
        return []
    from aibom.licenses import is_compound, spdx_or_name

    if is_compound(license_id):
        return [("expression", license_id)]
    spdx, name = spdx_or_name(license_id)
    return [("id", spdx)] if spdx else [("name", name)]


def _license_category(license_id: str | None) -> str | None:
    if not license_id:
        return None
    from aibom.licenses import license_category

    return license_category(license_id)


def official_developer(model: Model, lineage: Lineage) -> tuple[str | None, str | None]:
    """(developer, country) when the model is itself published by its family's own organisation."""
    if (
        model.kind not in (ModelKind.HUB, ModelKind.CACHE)
        or not lineage.release
        or "/" not in model.name
    ):
        return None, None
    try:
        from aibom.lineage.knowledge import family as family_by_id
    except ImportError:  # pragma: no cover
        return None, None
    try:
        fam = family_by_id(lineage.release)
    except (KeyError, LookupError):
        return None, None
    orgs = {o.lower() for o in getattr(fam, "hf_orgs", ()) or ()}
    if model.name.split("/", 1)[0].lower() in orgs:
        return lineage.developer, lineage.country
    return None, None


def _weight_pairs(weights: list[WeightFile]) -> list[tuple[str, str]]:
    if not weights:
        return []
    dangerous = sorted({imp for w in weights for imp in w.dangerous_imports})
    params = [w.parameters for w in weights if w.parameters]
    quant = sorted({w.quantization for w in weights if w.quantization})
    return property_pairs(
        (P.WEIGHTS_FORMAT, [w.format for w in weights]),
        (P.WEIGHTS_UNSAFE, any(w.unsafe for w in weights)),
        (P.WEIGHTS_IMPORTS, dangerous),
        (P.WEIGHTS_FILE, [w.path for w in weights]),
        (P.WEIGHTS_HASHED, all(w.sha256 for w in weights)),
        (P.CDX_PARAMETER_COUNT, sum(params) if params else None),
        (P.CDX_QUANTIZATION, ",".join(quant) if quant else None),
    )


def file_pairs(w: WeightFile) -> list[tuple[str, str]]:
    """Properties of a weight file's component."""
    return property_pairs(
        (P.WEIGHTS_FORMAT, w.format),
        (P.WEIGHTS_UNSAFE, w.unsafe),
        (P.WEIGHTS_IMPORTS, w.dangerous_imports),
        (P.CDX_PARAMETER_COUNT, w.parameters),
        (P.CDX_QUANTIZATION, w.quantization),
        ("aibom:weights.size", w.size),
    )


def _config_pairs(model: Model) -> list[tuple[str, str]]:
    facts = model.facts
    if facts is None:
        return []
    cfg = facts.config or {}
    if isinstance(cfg.get("text_config"), dict):
        cfg = {**cfg["text_config"], **{k: v for k, v in cfg.items() if k not in ("text_config",)}}

    def num(key: str) -> int | None:
        v = cfg.get(key)
        return v if isinstance(v, int) and not isinstance(v, bool) else None

    template = facts.chat_template
    gguf = facts.gguf or {}
    return property_pairs(
        (
            P.CDX_CONTEXT_LENGTH,
            num("max_position_embeddings")
            or gguf.get(f"{gguf.get('general.architecture')}.context_length"),
        ),
        (P.CDX_HIDDEN_SIZE, num("hidden_size")),
        (P.CDX_NUM_LAYERS, num("num_hidden_layers")),
        (P.CDX_VOCAB_SIZE, facts.vocab_size),
        (P.CDX_CHAT_TEMPLATE, template[:MAX_TEMPLATE_CHARS] if template else None),
    )


def ancestor_purl(a: Ancestor) -> PackageURL | None:
    """purl of a pedigree ancestor: its own, else the hub's for a hub id."""
    return hub_purl(a.name) if a.purl is None else PackageURL.from_string(a.purl)


def ancestor_pairs(a: Ancestor) -> list[tuple[str, str]]:
    """Properties of a pedigree ancestor."""
    return property_pairs(
        (P.RELATION, a.relation),
        (P.LINEAGE_SOURCE, a.source),
        (P.ANCESTOR_DEPTH, a.depth),
        (P.ANCESTOR_CHILD, a.child),
        (P.FAMILY, a.family),
        (P.FAMILY_RELEASE, a.release),
        (P.ORIGIN_COUNTRY, a.country),
        (P.LICENSE_DECLARED, a.license),
        (P.LINEAGE_EVIDENCE, a.evidence),
    )


def model_pairs(model: Model, lineage: Lineage) -> list[tuple[str, str]]:
    """Properties of a model's component: kind, lineage, licence, weights and config facts."""
    facts = model.facts
    pinned = (
        bool(model.revision and _COMMIT.match(model.revision))
        if model.kind is ModelKind.HUB
        else None
    )
    pairs = property_pairs(
        (P.MODEL_KIND, model.kind.value),
        (P.REVISION_PINNED, pinned),
        (P.FRAMEWORK, model.frameworks),
        (P.TASK, sorted(model.tasks)),
        (P.FAMILY, lineage.family),
        (P.FAMILY_NAME, lineage.family_name),
        (P.FAMILY_RELEASE, lineage.release),
        (P.FAMILY_RELEASE_NAME, lineage.release_name),
        (P.FAMILIES, lineage.families),
        (P.RELEASES, lineage.releases),
        (P.DEVELOPER, lineage.developer),
        (P.ORIGIN_COUNTRY, lineage.country),
        (P.ORIGIN_COUNTRIES, lineage.countries),
        (P.LINEAGE_SOURCE, lineage.source),
        (P.LINEAGE_CONFIDENCE, lineage.confidence),
        (P.RELATION, lineage.relation),
        (P.LINEAGE_EVIDENCE, lineage.evidence),
        (P.LINEAGE_CONFLICT, lineage.conflicts),
        (P.LICENSE_DECLARED, lineage.license_declared),
        (P.LICENSE_INHERITED, lineage.licenses_inherited),
        (
            P.LICENSE_CATEGORY,
            _license_category(lineage.license_declared)
            or ("unknown" if not lineage.license_declared else None),
        ),
        (P.CDX_TUNE_METHOD, lineage.tune_method),
    )
    return pairs + _weight_pairs(facts.weights if facts else []) + _config_pairs(model)


EXCLUDED_SCOPE = "excluded"


def model_scope(model: Model) -> str | None:
    """CycloneDX ``scope`` of a model's component: ``excluded`` when it is used only in test code.

    CycloneDX 1.6: "components that are excluded provide the ability to document component
    usage for test and other non-runtime purposes". Runtime models are written without a scope
    (the spec's default, ``required``), so BOMs without test-only models do not change.
    """
    return EXCLUDED_SCOPE if model.test_only else None


def model_weights(model: Model) -> tuple[list[WeightFile], bool]:
    """(weight files, lone): lone when the model is a single weight file named as itself."""
    weights = model.facts.weights if model.facts else []
    return weights, len(weights) == 1 and weights[0].path == model.name


def model_purl(model: Model) -> PackageURL | None:
    """The purl of a hub, cache or GitHub (torch.hub) model; None for other kinds."""
    if model.kind in (ModelKind.HUB, ModelKind.CACHE):
        return hub_purl(model.name, model.revision)
    if model.kind is ModelKind.GITHUB:
        return github_purl(model.name, model.revision)
    return None


def github_purl(repo: str, ref: str | None = None) -> PackageURL | None:
    """``pkg:github/<owner>/<repo>[@<ref>]`` (owner and name lowercased, as the purl spec says)."""
    owner, _, name = repo.partition("/")
    if not owner or not name or "/" in name:
        return None
    return PackageURL(
        type="github", namespace=owner.lower(), name=name.lower(), version=ref or None
    )


def model_card(model: Model, dataset_refs: list[str]) -> dict[str, Any]:
    """The CycloneDX ``modelCard`` of a model (empty when there is nothing to say)."""
    facts = model.facts
    card: dict[str, Any] = {}
    task = sorted(model.tasks)[0] if model.tasks else None
    cfg = (facts.config if facts else None) or {}
    arch_family = cfg.get("model_type") if isinstance(cfg.get("model_type"), str) else None
    if arch_family is None and facts and facts.gguf:
        arch = facts.gguf.get("general.architecture")
        arch_family = arch if isinstance(arch, str) else None
    archs = cfg.get("architectures")
    params: dict[str, Any] = {}
    if task:
        params["task"] = task
    if arch_family:
        params["architectureFamily"] = arch_family
    if isinstance(archs, list) and archs and isinstance(archs[0], str):
        params["modelArchitecture"] = archs[0]
    if dataset_refs:
        params["datasets"] = [{"ref": r} for r in dataset_refs]
    if params:
        card["modelParameters"] = params
    return card


@dataclass(frozen=True)
class ServiceParts:
    """What a service entry says: name, bom-ref, provider (name, country), endpoint, properties."""

    name: str
    ref: str
    provider: tuple[str, str | None] | None
    endpoint: str | None
    pairs: list[tuple[str, str]]


def service_parts(svc: Service) -> ServiceParts:
    """The written form of a hosted-model service, from the provider table."""
    # deferred: the provider tables cost ~40 ms to load and a BOM without services never needs them
    from aibom.lineage.providers import get_provider

    provider = get_provider(svc.provider)
    endpoint = svc.endpoint or (provider.default_endpoint if provider else None)
    return ServiceParts(
        name=provider.name if provider else svc.provider,
        ref=f"service:{svc.provider}" + (f":{svc.endpoint}" if svc.endpoint else ""),
        provider=(provider.name, provider.country) if provider and provider.name else None,
        endpoint=endpoint if endpoint and "{" not in endpoint else None,
        pairs=property_pairs(
            (P.SERVICE_PROVIDER, svc.provider),
            (P.SERVICE_COUNTRY, provider.country if provider else None),
            (P.SERVICE_MODEL, svc.models),
            (P.SERVICE_TEST_MODEL, svc.test_only_models),
            (P.SERVICE_CLIENT, svc.clients),
            (P.OCCURRENCE, [str(loc) for loc in svc.occurrences]),
        ),
    )


def library_pairs(lib: Library) -> list[tuple[str, str]]:
    """Properties of a library's component."""
    return property_pairs(
        (P.LIBRARY_CATEGORY, lib.category), ("aibom:library.specifier", sorted(lib.specifiers))
    )


def library_name(lib: Library, purl: PackageURL) -> str:
    """The component name of a library: npm names and Go module paths as written, others as
    normalised in the purl."""
    return lib.name if lib.ecosystem in ("npm", "golang") else purl.name


def metadata_pairs(inventory: Inventory) -> list[tuple[str, str]]:
    """Properties of the BOM's metadata: scan root, files scanned, diagnostics."""
    return property_pairs(
        (P.SCAN_ROOT, inventory.root),
        (P.FILES_SCANNED, inventory.files_scanned),
        (P.DIAGNOSTIC, [str(d) for d in inventory.diagnostics]),
    )


def model_dependencies(model: Model, lineage: Lineage, ref_by_name: dict[str, str]) -> list[str]:
    """bom-refs a model depends on: its nearest ancestor when that model is in the BOM too."""
    return sorted(
        {
            ref_by_name[a.name.lower()]
            for a in lineage.ancestors[:1]
            if a.name.lower() in ref_by_name
        }
        - {model_ref(model)}
    )
