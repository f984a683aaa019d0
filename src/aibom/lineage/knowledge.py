"""The foundation-model knowledge base: families, their releases, licences and fingerprints.

The data lives in ``data/families.yaml`` (read it for the field meanings); this module loads
it once, validates every entry, and answers lookups: which family a hub id, an Ollama tag or
a free-text model name belongs to, and which release (licence, declared bases) an official
hub id is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from aibom import yamlio

WEIGHTS = {"strong": 4, "medium": 2, "weak": 1}
FACT_KINDS = frozenset(
    {
        "model_type",
        "architecture",
        "vocab_size",
        "token",
        "chat_marker",
        "gguf_arch",
        "gguf_pre",
        "config_key",
        "target_module",
        "combo",
    }
)
VERIFIED = (True, False, "secondary")
RELATIONS = frozenset({"finetune", "adapter", "quantized", "merge", "distillation", "base"})
_FAMILY_KEYS: dict[str, type] = {
    "id": str,
    "name": str,
    "line": str,
    "developer": str,
    "country": str,
    "country_basis": str,
    "hf_orgs": list,
    "reference_repo": str,
    "hub_patterns": list,
    "ollama_patterns": list,
    "releases": list,
    "fingerprints": list,
    "sources": list,
}
_OPTIONAL_FAMILY_KEYS: dict[str, type] = {"builds_on": list, "priority": int, "base_naming": bool}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*/[\w.\-]+$")

_INSTRUCT_SUFFIX = re.compile(r"-(?:instruct|chat|it)(?=$|-hf$)", re.IGNORECASE)


class KnowledgeBaseError(ValueError):
    """The bundled knowledge base is malformed (a packaging bug)."""


@dataclass(frozen=True)
class Fact:
    """One fingerprint: a fact that, when a model shows it, points to a family."""

    kind: str
    value: str | int
    weight: str
    verified: bool | str
    all: tuple[Fact, ...] = ()

    @property
    def points(self) -> int:
        return WEIGHTS[self.weight]


@dataclass(frozen=True)
class BaseRef:
    """A base a release declares (official knowledge, e.g. R1-Distill-Qwen-7B -> Qwen2.5-Math-7B)."""

    id: str
    relation: str


@dataclass(frozen=True)
class Release:
    """A group of official repos of one family sharing a licence."""

    name: str
    match: re.Pattern[str] | None
    license: str
    verified: bool | str
    bases: tuple[BaseRef, ...] = ()


@dataclass(frozen=True)
class Family:
    """A foundation-model family."""

    id: str
    name: str
    line: str
    developer: str
    country: str
    country_basis: str
    hf_orgs: tuple[str, ...]
    reference_repo: str
    hub_patterns: tuple[re.Pattern[str], ...]
    ollama_patterns: tuple[re.Pattern[str], ...]
    releases: tuple[Release, ...]
    fingerprints: tuple[Fact, ...]
    sources: tuple[str, ...]
    builds_on: tuple[str, ...] = ()
    priority: int = 0
    base_naming: bool = False

    def release_for(self, repo_name: str) -> Release | None:
        """The release an official repo name belongs to (first match; a release without match is the default)."""
        for rel in self.releases:
            if rel.match is None or rel.match.search(repo_name):
                return rel
        return None


@dataclass(frozen=True)
class HubMatch:
    """How a hub id maps to a family."""

    family: Family
    official: bool  # the org is one of the family's Hugging Face organisations
    release: Release | None  # for official repos
    pattern: str  # the part of the name that matched
    evidence: list[str] = field(default_factory=list, compare=False, hash=False)


# ---------------------------------------------------------------------------------------------
# loading and validation


def _check_fact(fam_id: str, raw: Any, errors: list[str], *, nested: bool = False) -> Fact | None:
    where = f"family {fam_id}: fingerprint {raw!r}"
    if not isinstance(raw, dict):
        errors.append(f"{where}: not a mapping")
        return None
    kind = raw.get("kind")
    if kind not in FACT_KINDS:
        errors.append(f"{where}: unknown kind {kind!r}")
        return None
    if nested:
        if kind == "combo" or set(raw) - {"kind", "value"}:
            errors.append(f"{where}: a combo part has only kind and value")
            return None
        weight: Any = "weak"
        verified: Any = True
    else:
        weight, verified = raw.get("weight"), raw.get("verified")
        if weight not in WEIGHTS:
            errors.append(f"{where}: weight must be strong|medium|weak")
            return None
        if verified not in VERIFIED:
            errors.append(f"{where}: verified must be true|false|secondary")
            return None
    if kind == "combo":
        parts_raw = raw.get("all")
        if not isinstance(parts_raw, list) or len(parts_raw) < 2:
            errors.append(f"{where}: combo needs 'all' with at least two facts")
            return None
        parts = [_check_fact(fam_id, p, errors, nested=True) for p in parts_raw]
        if any(p is None for p in parts):
            return None
        return Fact(
            kind,
            "+".join(str(p.value) for p in parts if p),
            weight,
            verified,
            tuple(p for p in parts if p),
        )
    value = raw.get("value")
    if kind == "vocab_size":
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            errors.append(f"{where}: vocab_size must be a positive integer")
            return None
    elif not isinstance(value, str) or not value:
        errors.append(f"{where}: value must be a non-empty string")
        return None
    return Fact(kind, value, weight, verified)


def _compile(fam_id: str, pattern: Any, errors: list[str]) -> re.Pattern[str] | None:
    if not isinstance(pattern, str) or not pattern:
        errors.append(f"family {fam_id}: pattern {pattern!r} is not a string")
        return None
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        errors.append(f"family {fam_id}: bad regex {pattern!r}: {exc}")
        return None


def _check_release(fam_id: str, raw: Any, errors: list[str]) -> Release | None:
    where = f"family {fam_id}: release {raw!r}"
    if not isinstance(raw, dict):
        errors.append(f"{where}: not a mapping")
        return None
    unknown = set(raw) - {"name", "match", "license", "verified", "bases"}
    if unknown:
        errors.append(f"{where}: unknown keys {sorted(unknown)}")
    name, lic, verified = raw.get("name"), raw.get("license"), raw.get("verified")
    if not isinstance(name, str) or not name or not isinstance(lic, str) or not lic:
        errors.append(f"{where}: needs name and license")
        return None
    if verified not in VERIFIED:
        errors.append(f"{where}: verified must be true|false|secondary")
        return None
    match = _compile(fam_id, raw["match"], errors) if "match" in raw else None
    bases: list[BaseRef] = []
    for b in raw.get("bases") or []:
        if (
            not isinstance(b, dict)
            or not _HUB_ID.match(str(b.get("id", "")))
            or b.get("relation") not in RELATIONS
        ):
            errors.append(f"{where}: bad base {b!r}")
            continue
        bases.append(BaseRef(b["id"], b["relation"]))
    return Release(name, match, lic, verified, tuple(bases))


def _check_family(raw: Any, errors: list[str]) -> Family | None:
    if not isinstance(raw, dict):
        errors.append(f"family entry {raw!r} is not a mapping")
        return None
    fam_id = str(raw.get("id"))
    for key, typ in _FAMILY_KEYS.items():
        if key not in raw:
            errors.append(f"family {fam_id}: missing {key}")
        elif not isinstance(raw[key], typ):
            errors.append(f"family {fam_id}: {key} must be a {typ.__name__}")
    for key, typ in _OPTIONAL_FAMILY_KEYS.items():
        if key in raw and not isinstance(raw[key], typ):
            errors.append(f"family {fam_id}: {key} must be a {typ.__name__}")
    unknown = set(raw) - set(_FAMILY_KEYS) - set(_OPTIONAL_FAMILY_KEYS)
    if unknown:
        errors.append(f"family {fam_id}: unknown keys {sorted(unknown)}")
    if errors and any(e.startswith(f"family {fam_id}:") for e in errors):
        return None
    if not _ID.match(fam_id):
        errors.append(f"family {fam_id}: id must be lowercase snake_case")
    country = raw["country"]
    if len(country) != 2 or not country.isupper() or not country.isalpha():
        errors.append(f"family {fam_id}: country must be ISO 3166-1 alpha-2")
    for key in ("name", "developer", "country_basis", "line"):
        if not raw[key].strip():
            errors.append(f"family {fam_id}: {key} is empty")
    if not raw["hf_orgs"] or not all(isinstance(o, str) and o for o in raw["hf_orgs"]):
        errors.append(f"family {fam_id}: hf_orgs must list at least one organisation")
    if not _HUB_ID.match(raw["reference_repo"]):
        errors.append(f"family {fam_id}: reference_repo is not a hub id")
    if not raw["hub_patterns"]:
        errors.append(f"family {fam_id}: hub_patterns is empty")
    if not raw["sources"]:
        errors.append(f"family {fam_id}: sources is empty")
    releases = [_check_release(fam_id, r, errors) for r in raw["releases"]]
    if not releases:
        errors.append(f"family {fam_id}: no releases")
    elif releases[-1] is not None and releases[-1].match is not None:
        errors.append(f"family {fam_id}: the last release must be the default (no match)")
    facts = [_check_fact(fam_id, f, errors) for f in raw["fingerprints"]]
    kinds = {f.kind for f in facts if f}
    if not kinds & {"model_type", "architecture", "gguf_arch"}:
        errors.append(
            f"family {fam_id}: fingerprints need an architecture, model_type or gguf_arch"
        )
    hub = [_compile(fam_id, p, errors) for p in raw["hub_patterns"]]
    oll = [_compile(fam_id, p, errors) for p in raw["ollama_patterns"]]
    return Family(
        id=fam_id,
        name=raw["name"],
        line=raw["line"],
        developer=raw["developer"],
        country=country,
        country_basis=raw["country_basis"],
        hf_orgs=tuple(raw["hf_orgs"]),
        reference_repo=raw["reference_repo"],
        hub_patterns=tuple(p for p in hub if p),
        ollama_patterns=tuple(p for p in oll if p),
        releases=tuple(r for r in releases if r),
        fingerprints=tuple(f for f in facts if f),
        sources=tuple(str(s) for s in raw["sources"]),
        builds_on=tuple(raw.get("builds_on") or ()),
        priority=int(raw.get("priority", 0)),
        base_naming=bool(raw.get("base_naming", False)),
    )


def load_families(text: str) -> dict[str, Family]:
    """Parse and validate knowledge-base YAML; raise :class:`KnowledgeBaseError` listing every problem."""
    return load_knowledge(text)[0]


def load_knowledge(text: str) -> tuple[dict[str, Family], dict[str, str]]:
    """Families (by id) and model lines (slug -> display name) of knowledge-base YAML, validated."""
    try:
        raw = yamlio.load_data(text)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"families.yaml is not valid YAML: {exc}") from exc
    if (
        not isinstance(raw, dict)
        or raw.get("schema") != 1
        or not isinstance(raw.get("families"), list)
    ):
        raise KnowledgeBaseError("families.yaml: expected {schema: 1, families: [...]}")
    errors: list[str] = []
    lines_raw = raw.get("lines", {})
    lines: dict[str, str] = {}
    if not isinstance(lines_raw, dict):
        errors.append("lines must map a line slug to its display name")
    else:
        for slug, display in lines_raw.items():
            if not isinstance(slug, str) or not _ID.match(slug):
                errors.append(f"line {slug!r}: slug must be lowercase snake_case")
            elif not isinstance(display, str) or not display.strip():
                errors.append(f"line {slug}: display name is empty")
            else:
                lines[slug] = display
    table: dict[str, Family] = {}
    for entry in raw["families"]:
        fam = _check_family(entry, errors)
        if fam is None:
            continue
        if fam.id in table:
            errors.append(f"family {fam.id}: duplicate id")
        table[fam.id] = fam
    for fam in table.values():
        for other in fam.builds_on:
            if other not in table:
                errors.append(f"family {fam.id}: builds_on names unknown family {other!r}")
        if lines and fam.line not in lines:
            errors.append(f"family {fam.id}: line {fam.line!r} is not in the lines table")
    if errors:
        raise KnowledgeBaseError("families.yaml: " + "; ".join(errors))
    return table, lines


@cache
def _knowledge() -> tuple[dict[str, Family], dict[str, str]]:
    text = resources.files("aibom.lineage").joinpath("data/families.yaml").read_text("utf-8")
    return load_knowledge(text)


def _table() -> dict[str, Family]:
    return _knowledge()[0]


def line_name(slug: str | None) -> str | None:
    """Display name of a model line (``qwen`` -> ``Qwen``); None when the line is unknown."""
    return _knowledge()[1].get(slug or "")


def lines() -> dict[str, str]:
    """Every model line: slug -> display name."""
    return dict(_knowledge()[1])


def releases_of_line(slug: str) -> list[Family]:
    """The knowledge-base entries (releases) of one model line, in knowledge-base order."""
    return [f for f in families() if f.line == slug]


def families() -> list[Family]:
    """Every family, in knowledge-base order."""
    return list(_table().values())


def family(family_id: str) -> Family:
    """The family with this id; KeyError when unknown."""
    return _table()[family_id]


def get_family(family_id: str | None) -> Family | None:
    """The family with this id, or None."""
    return _table().get(family_id or "")


# ---------------------------------------------------------------------------------------------
# lookups


def _normalise_name(text: str) -> str:
    return re.sub(r"[\s_]+", "-", text.strip())


def _best_pattern_match(name: str, fams: list[Family]) -> tuple[Family, str] | None:
    """The family whose hub pattern matches the longest part of ``name`` (ties: priority, then order)."""
    best: tuple[int, int, int, Family, str] | None = None
    for order, fam in enumerate(fams):
        for pat in fam.hub_patterns:
            m = pat.search(name)
            if not m:
                continue
            key = (len(m.group(0)), fam.priority, -order)
            if best is None or key > best[:3]:
                best = (*key, fam, m.group(0))
    return (best[3], best[4]) if best else None


def match_hub_id(hub_id: str) -> HubMatch | None:
    """Map a hub id to a family: by organisation (official release) or by name pattern (community repo)."""
    hub_id = hub_id.strip()
    if "/" not in hub_id:
        return None
    org, name = hub_id.split("/", 1)
    name = name.split("@", 1)[0]
    all_fams = families()
    org_fams = [f for f in all_fams if org.lower() in (o.lower() for o in f.hf_orgs)]
    if org_fams:
        hit = _best_pattern_match(name, org_fams)
        if hit is None and len(org_fams) == 1:
            hit = (org_fams[0], org)
        if hit is not None:
            fam, pat = hit
            return HubMatch(
                fam,
                True,
                fam.release_for(name),
                pat,
                [f"knowledge base: {hub_id} is an official {fam.name} repo (organisation {org})"],
            )
    hit = _best_pattern_match(_normalise_name(name), all_fams)
    if hit is None:
        return None
    fam, pat = hit
    return HubMatch(
        fam, False, None, pat, [f"hub id name pattern: {name!r} contains {pat!r} ({fam.name})"]
    )


def family_for_hub_id(hub_id: str) -> Family | None:
    """The family a hub id belongs to (official organisation or community name pattern), or None."""
    m = match_hub_id(hub_id)
    return m.family if m else None


def family_for_name(text: str) -> tuple[Family, str] | None:
    """Family whose hub pattern matches a free-text model name (GGUF general.name, a directory name)."""
    if not text or len(text) > 300:
        return None
    return _best_pattern_match(_normalise_name(text), families())


def family_for_ollama_tag(tag: str) -> Family | None:
    """The family of an Ollama tag such as ``qwen2.5:7b`` or ``library/llama3.1:8b``; None if unknown."""
    name = tag.strip().lower().split(":", 1)[0]
    if "/" in name:
        name = name.rsplit("/", 1)[1]
    if not name:
        return None
    best: tuple[int, int, Family] | None = None
    for fam in families():
        for pat in fam.ollama_patterns:
            m = pat.search(name)
            if m and (best is None or (len(m.group(0)), fam.priority) > best[:2]):
                best = (len(m.group(0)), fam.priority, fam)
    if best:
        return best[2]
    hit = family_for_name(name)
    return hit[0] if hit else None


def official_base_guess(hub_id: str) -> tuple[str, str] | None:
    """The repo a repo was made from by naming convention, with the relation.

    Only official repos: a quantization suffix (``-GGUF``, ``-AWQ``, ``-GPTQ-Int4``) names a
    repackaging of the same name; for families with ``base_naming``, ``-Instruct`` / ``-Chat`` /
    ``-it`` names a fine-tune of the base.

    ``Qwen/Qwen2.5-7B-Instruct-AWQ`` -> (``Qwen/Qwen2.5-7B-Instruct``, quantized);
    ``Qwen/Qwen2.5-7B-Instruct`` -> (``Qwen/Qwen2.5-7B``, finetune). None when no rule applies.
    """
    if "/" not in hub_id:
        return None
    org, name = hub_id.split("/", 1)
    hit = match_hub_id(hub_id)
    if hit is None or not hit.official:
        return None
    m = repackaging().suffix.search(name)
    if m and m.start() > 0:
        return f"{org}/{name[: m.start()]}", "quantized"
    m = _INSTRUCT_SUFFIX.search(name)
    if m and m.start() > 0 and hit.family.base_naming:
        return f"{org}/{name[: m.start()]}{name[m.end() :]}", "finetune"
    return None


@dataclass(frozen=True)
class Repackaging:
    """``data/repackaging.yaml``: name suffixes and markers of a repackaged repo."""

    suffix: re.Pattern[str]  # one suffix at the end of a name, after - _ or .
    marker: re.Pattern[str]  # a marker word between separators anywhere in a name


def load_repackaging(text: str) -> Repackaging:
    """Parse and validate repackaging YAML; raise :class:`KnowledgeBaseError` on any problem."""
    try:
        raw = yamlio.load_data(text)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"repackaging.yaml is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or raw.get("schema") != 1:
        raise KnowledgeBaseError("repackaging.yaml: expected a mapping with schema: 1")
    parts: dict[str, list[str]] = {}
    for key in ("suffixes", "markers"):
        values = raw.get(key)
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) and v for v in values)
        ):
            raise KnowledgeBaseError(f"repackaging.yaml: {key} must be a non-empty list of regexes")
        parts[key] = values
    try:
        return Repackaging(
            re.compile(r"[-_.](?:" + "|".join(parts["suffixes"]) + r")$", re.IGNORECASE),
            re.compile(r"[-_](?:" + "|".join(parts["markers"]) + r")(?:[-_]|$)", re.IGNORECASE),
        )
    except re.error as exc:
        raise KnowledgeBaseError(f"repackaging.yaml: bad regex: {exc}") from exc


@cache
def repackaging() -> Repackaging:
    """The bundled repackaging suffixes."""
    text = resources.files("aibom.lineage").joinpath("data/repackaging.yaml").read_text("utf-8")
    return load_repackaging(text)


def is_quantized_name(name: str) -> bool:
    """True when a repo/file name marks a quantized or converted repackaging (GGUF, AWQ, MLX, ...)."""
    base = name.rsplit("/", 1)[-1]
    rules = repackaging()
    return bool(rules.suffix.search(base)) or bool(rules.marker.search(base))


def strip_quant_suffixes(name: str) -> str:
    """``DeepSeek-R1-Distill-Qwen-7B-Q4_K_M-GGUF`` -> ``DeepSeek-R1-Distill-Qwen-7B``."""
    for _ in range(6):
        m = repackaging().suffix.search(name)
        if not m or m.start() == 0:
            break
        name = name[: m.start()]
    return name


def community_source_guess(hub_id: str) -> str | None:
    """For a community repackaging of a release the knowledge base knows precisely, the official repo.

    Only releases with declared bases in the knowledge base (R1-Distill, Nemotron, QwQ, ...) are
    guessed, so the guess names a real repo: ``unsloth/DeepSeek-R1-Distill-Qwen-7B-GGUF`` ->
    ``deepseek-ai/DeepSeek-R1-Distill-Qwen-7B``.
    """
    if "/" not in hub_id:
        return None
    name = hub_id.split("/", 1)[1]
    hit = match_hub_id(hub_id)
    if hit is None or hit.official:
        return None
    stripped = strip_quant_suffixes(name)
    for fam_org in hit.family.hf_orgs:
        candidate = f"{fam_org}/{stripped}"
        official = match_hub_id(candidate)
        if (
            official is not None
            and official.official
            and official.release is not None
            and official.release.match is not None
            and official.release.bases
        ):
            return candidate
    return None
