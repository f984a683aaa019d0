"""Licence catalogue: normalisation, categories and licence-conflict checks.

The data lives in ``data/licenses.yaml`` (validated on load). SPDX ids and expressions are
parsed with the ``license-expression`` library; model-specific licences (Llama, Gemma, Qwen,
DeepSeek, ...) have lowercase catalogue ids, preferably the Hugging Face ``license:`` id.

Normalised ids returned by :func:`normalize_license` are one of:

* a catalogue id (``"Apache-2.0"``, ``"llama3.1"``, ``"qwen-research"``),
* an SPDX id that is not in the catalogue (``"Zlib"``),
* a canonical SPDX expression (``"MIT OR Apache-2.0"``) whose parts are ids as above,
* ``"LicenseRef-<slug>"`` for a licence that is present but not recognised.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import yaml
from license_expression import (
    BaseSymbol,
    LicenseSymbol,
    LicenseWithExceptionSymbol,
    Licensing,
    build_spdx_licensing,
    get_license_index,
)

from aibom import yamlio

CATEGORIES: tuple[str, ...] = (
    "permissive",
    "copyleft",
    "custom-restricted",
    "non-commercial",
    "research-only",
    "unknown",
)
# How restrictive a category is; "unknown" has no rank (nothing can be concluded from it).
_RANK: dict[str, int] = {
    "permissive": 0,
    "copyleft": 1,
    "custom-restricted": 2,
    "non-commercial": 3,
    "research-only": 4,
}
_CONFIDENCES = ("high", "medium", "low")

_REQUIRED_KEYS = frozenset(
    {
        "id", "name", "spdx", "category", "obligations", "derivatives_must_carry", "url",
        "hf_ids", "aliases",
    }
)  # fmt: skip
_OPTIONAL_KEYS = frozenset({"family", "confidence", "notes", "sources", "urls"})
_OBLIGATION_KEYS = frozenset({"text", "confidence"})

_SLUG_ID = re.compile(r"[a-z0-9][a-z0-9.+-]*")
_LICENSEREF = re.compile(r"LicenseRef-[A-Za-z0-9.-]+")
_MAX_TEXT = 200  # longer values are licence texts or garbage: only their title line is read
_MAX_SLUG = 64


class CatalogueError(ValueError):
    """The bundled licence catalogue is malformed (a packaging bug)."""


@dataclass(frozen=True)
class LicenseInfo:
    """One licence of the catalogue."""

    id: str  # catalogue id: the SPDX id when one exists, else a lowercase slug (HF id preferred)
    name: str  # human name, e.g. "Llama 3.1 Community License Agreement"
    spdx: str | None  # SPDX id if this licence has one
    category: str  # one of CATEGORIES
    obligations: tuple[str, ...]  # short, concrete duties; doubtful ones end in "(unverified)"
    derivatives_must_carry: bool  # derivatives must be distributed under/with these terms
    url: str | None
    hf_ids: tuple[str, ...]  # Hugging Face `license:` ids / license_name values that map here
    aliases: tuple[str, ...]  # free-text names that normalise here
    family: str | None = None  # licences of one family (llama, qwen) count as carrying each other
    confidence: str = "high"  # how well the entry was verified: high | medium | low
    notes: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Catalogue:
    entries: dict[str, LicenseInfo]
    keys: dict[str, str]  # strict text key -> id
    loose: dict[str, str]  # loose text key -> id
    urls: dict[str, str]  # normalised URL -> id


# --- text keys -------------------------------------------------------------------------------

_STOPWORDS = frozenset(
    {"the", "license", "licence", "licensed", "agreement", "version", "v", "terms", "of", "use",
     "international", "public"}
)  # fmt: skip


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+|\+", text.lower().replace("licence", "license"))


def _strict_key(text: str) -> str:
    return " ".join(_words(text))


def _loose_key(text: str) -> str:
    words = [re.sub(r"^v(?=\d)", "", w) for w in _words(text) if w not in _STOPWORDS]
    return "".join(words)


def _url_key(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not host:
        return None
    host = host.removeprefix("www.")
    path = parts.path.rstrip("/").lower()
    for suffix in (".html", ".htm", ".md", ".txt"):
        path = path.removesuffix(suffix)
    return host + path


# --- loading ---------------------------------------------------------------------------------


def _str_tuple(entry_id: str, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogueError(f"licence {entry_id!r}: {key} must be a list of non-empty strings")
    return tuple(value)


def _obligations(entry_id: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise CatalogueError(f"licence {entry_id!r}: obligations must be a list")
    out: list[str] = []
    for item in value:
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
            continue
        if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
            unknown = set(item) - _OBLIGATION_KEYS
            conf = item.get("confidence", "high")
            if unknown or conf not in _CONFIDENCES:
                raise CatalogueError(
                    f"licence {entry_id!r}: bad obligation {item!r} (keys text, confidence: high|medium|low)"
                )
            text = item["text"].strip()
            out.append(text if conf == "high" else f"{text} (unverified)")
            continue
        raise CatalogueError(f"licence {entry_id!r}: bad obligation {item!r}")
    return tuple(out)


def _parse_entry(entry: Any, spdx_keys: Mapping[str, str]) -> tuple[LicenseInfo, tuple[str, ...]]:
    if not isinstance(entry, dict):
        raise CatalogueError(f"licence entry must be a mapping, got {entry!r}")
    entry_id = entry.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        raise CatalogueError(f"licence entry without an id: {entry!r}")
    unknown = set(entry) - _REQUIRED_KEYS - _OPTIONAL_KEYS
    if unknown:
        raise CatalogueError(f"licence {entry_id!r}: unknown keys {sorted(unknown)}")
    missing = _REQUIRED_KEYS - set(entry)
    if missing:
        raise CatalogueError(f"licence {entry_id!r}: missing keys {sorted(missing)}")
    name = entry["name"]
    if not isinstance(name, str) or not name.strip():
        raise CatalogueError(f"licence {entry_id!r}: name must be a non-empty string")
    spdx = entry["spdx"]
    if spdx is not None:
        if not isinstance(spdx, str) or spdx_keys.get(spdx.lower()) != spdx:
            raise CatalogueError(f"licence {entry_id!r}: spdx {spdx!r} is not a canonical SPDX id")
        if entry_id != spdx:
            raise CatalogueError(
                f"licence {entry_id!r}: the id of an SPDX licence must be its SPDX id"
            )
    elif not _SLUG_ID.fullmatch(entry_id):
        raise CatalogueError(f"licence {entry_id!r}: a non-SPDX id must be a lowercase slug")
    elif entry_id.lower() in spdx_keys:
        raise CatalogueError(f"licence {entry_id!r}: id is an SPDX id, set spdx")
    category = entry["category"]
    if category not in CATEGORIES:
        raise CatalogueError(f"licence {entry_id!r}: category {category!r} not one of {CATEGORIES}")
    carry = entry["derivatives_must_carry"]
    if not isinstance(carry, bool):
        raise CatalogueError(f"licence {entry_id!r}: derivatives_must_carry must be true/false")
    url = entry["url"]
    if url is not None and (not isinstance(url, str) or not url.startswith("https://")):
        raise CatalogueError(f"licence {entry_id!r}: url must be an https URL or null")
    family = entry.get("family")
    if family is not None and (not isinstance(family, str) or not _SLUG_ID.fullmatch(family)):
        raise CatalogueError(f"licence {entry_id!r}: family must be a lowercase slug")
    confidence = entry.get("confidence", "high")
    if confidence not in _CONFIDENCES:
        raise CatalogueError(f"licence {entry_id!r}: confidence must be one of {_CONFIDENCES}")
    notes = entry.get("notes", "")
    if not isinstance(notes, str):
        raise CatalogueError(f"licence {entry_id!r}: notes must be a string")
    info = LicenseInfo(
        id=entry_id,
        name=name.strip(),
        spdx=spdx,
        category=category,
        obligations=_obligations(entry_id, entry["obligations"]),
        derivatives_must_carry=carry,
        url=url,
        hf_ids=_str_tuple(entry_id, "hf_ids", entry["hf_ids"]),
        aliases=_str_tuple(entry_id, "aliases", entry["aliases"]),
        family=family,
        confidence=confidence,
        notes=notes.strip(),
        sources=_str_tuple(entry_id, "sources", entry.get("sources")),
    )
    return info, _str_tuple(entry_id, "urls", entry.get("urls"))


def _add_key(table: dict[str, str], key: str, entry_id: str, what: str) -> None:
    if not key:
        return
    other = table.setdefault(key, entry_id)
    if other != entry_id:
        raise CatalogueError(f"{what} {key!r} names both {other!r} and {entry_id!r}")


def load_catalogue(text: str) -> _Catalogue:
    """Parse and validate catalogue YAML text (raises CatalogueError on any defect)."""
    try:
        raw = yamlio.load_data(text)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"licence catalogue is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or set(raw) - {"schema", "licenses"} or raw.get("schema") != 1:
        raise CatalogueError(
            "licence catalogue must be a mapping with schema: 1 and licenses: [...]"
        )
    items = raw.get("licenses")
    if not isinstance(items, list) or not items:
        raise CatalogueError("licence catalogue has no licenses")
    spdx_keys = _spdx_keys()
    entries: dict[str, LicenseInfo] = {}
    keys: dict[str, str] = {}
    loose: dict[str, str] = {}
    urls: dict[str, str] = {}
    for item in items:
        info, extra_urls = _parse_entry(item, spdx_keys)
        if info.id in entries:
            raise CatalogueError(f"licence {info.id!r} listed twice")
        entries[info.id] = info
        names = (info.id, info.name, *info.hf_ids, *info.aliases)
        for text in names:
            _add_key(keys, _strict_key(text), info.id, "licence name")
            _add_key(loose, _loose_key(text), info.id, "licence name (loosely)")
        for url in (info.url, *extra_urls):
            if url:
                key = _url_key(url)
                if key is None:
                    raise CatalogueError(f"licence {info.id!r}: bad url {url!r}")
                _add_key(urls, key, info.id, "licence url")
    return _Catalogue(entries=entries, keys=keys, loose=loose, urls=urls)


@cache
def _catalogue() -> _Catalogue:
    text = resources.files("aibom.licenses").joinpath("data/licenses.yaml").read_text("utf-8")
    return load_catalogue(text)


def all_licenses() -> dict[str, LicenseInfo]:
    """Every catalogue entry by id (a copy; loaded and validated once)."""
    return dict(_catalogue().entries)


# --- SPDX ------------------------------------------------------------------------------------


@cache
def _license_index() -> list[dict[str, Any]]:
    """ScanCode's licence index shipped with license-expression, read once for both uses."""
    index: list[dict[str, Any]] = get_license_index()
    return index


@cache
def _spdx() -> Licensing:
    # what get_spdx_licensing() builds, from the index already read
    return build_spdx_licensing(_license_index())


@cache
def _spdx_ids() -> frozenset[str]:
    """The SPDX licence ids of CycloneDX's schema, as ``cyclonedx.spdx.is_supported_id`` reads
    them; that module also builds an expression parser of its own when imported."""
    from cyclonedx.schema._res import SPDX_JSON

    with open(SPDX_JSON, encoding="utf-8") as fh:
        return frozenset(json.load(fh).get("enum", []))


@cache
def _spdx_index() -> tuple[dict[str, str], dict[str, str]]:
    """(lowercase SPDX key -> canonical key, canonical key -> ScanCode category)."""
    keys: dict[str, str] = {}
    categories: dict[str, str] = {}
    for lic in _license_index():
        key = lic.get("spdx_license_key")
        if not key or lic.get("is_exception"):
            continue
        keys[key.lower()] = key
        categories[key] = lic.get("category") or ""
    return keys, categories


def _spdx_keys() -> dict[str, str]:
    return _spdx_index()[0]


_SCANCODE_CATEGORIES = {
    "Permissive": "permissive",
    "Public Domain": "permissive",
    "Copyleft": "copyleft",
    "Copyleft Limited": "copyleft",
}


# --- normalisation ---------------------------------------------------------------------------


def _lookup_text(text: str, brackets: bool = False) -> str | None:
    """Catalogue id for a licence name, id or alias (exact words first, then loosely).

    With ``brackets``, a bracketed remark is also dropped or read on its own.
    """
    cat = _catalogue()
    found = cat.keys.get(_strict_key(text)) or cat.loose.get(_loose_key(text))
    if found or not brackets or "(" not in text:
        return found
    # "The MIT License (MIT)", "Mistral AI Research License (MRL-0.1)": try without, then inside
    outside = text
    for _ in range(4):  # nested brackets, innermost first
        outside = re.sub(r"\([^()]*\)", " ", outside)
    if _OPERATOR.search(outside):  # "(A) AND (B)" is an expression, not a remark
        return None
    if outside.strip() and outside != text:
        found = cat.keys.get(_strict_key(outside)) or cat.loose.get(_loose_key(outside))
    for inside in re.findall(r"\(([^()]*)\)", text):
        if found:
            break
        found = cat.keys.get(_strict_key(inside))
    return found


def _slug_ref(text: str) -> str:
    slug = re.sub(r"[^a-z0-9.]+", "-", text[: 4 * _MAX_SLUG].lower()).strip("-.")
    slug = re.sub(r"\.{2,}", ".", slug)
    if len(text) > _MAX_SLUG or len(slug) > _MAX_SLUG or not slug:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        head = slug[: _MAX_SLUG - 11].rstrip("-.")
        slug = f"{head}-{digest}" if head else digest
    return f"LicenseRef-{slug}"


class _Rename:
    """A render "template" that maps every symbol key through a table."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self.table = table

    def format(self, symbol: BaseSymbol) -> str:
        key = str(getattr(symbol, "key", ""))
        return self.table.get(key, key)


def _resolve_symbol(key: str, exception: bool) -> str | None:
    """Normalised id for one symbol of an expression, or None when unrecognised."""
    spdx_keys, _ = _spdx_index()
    if exception:
        return key if key in _spdx().known_symbols else None
    found = _lookup_text(key) if not key.startswith("LicenseRef-") else None
    if found:
        return found
    canonical = spdx_keys.get(key.lower())
    if canonical:
        return _lookup_text(canonical) or canonical
    if _LICENSEREF.fullmatch(key):
        return key
    return None


def _normalize_expression(text: str) -> str | None:
    licensing = _spdx()
    try:
        expr = licensing.parse(text, validate=False)
    except Exception:  # license-expression raises several unrelated exception types
        return None
    if expr is None:
        return None
    table: dict[str, str] = {}
    for node in licensing.license_symbols(expr, unique=True, decompose=False):
        pairs: list[tuple[str, bool]]
        if isinstance(node, LicenseWithExceptionSymbol):
            pairs = [(node.license_symbol.key, False), (node.exception_symbol.key, True)]
        else:
            pairs = [(node.key, False)]
        for key, exception in pairs:
            resolved = _resolve_symbol(key, exception)
            if resolved is None or " " in resolved:
                return None
            table[key] = resolved
    rendered = str(expr.render(_Rename(table)))
    return rendered


_OPERATOR = re.compile(r"\s(and|or|with)\s", re.IGNORECASE)


def _normalize_free_expression(text: str) -> str | None:
    """An expression whose parts are free-text names: "(apache-2.0) AND (MIT License)"."""
    if not _OPERATOR.search(text):
        return None

    def resolve(part: str) -> str | None:
        part = part.strip()
        return _lookup_text(part) if part else None

    def bracket(match: re.Match[str]) -> str:
        found = resolve(match.group(1))
        return f"({found})" if found else match.group(0)

    substituted = text
    for _ in range(4):  # innermost brackets first
        substituted = re.sub(r"\(([^()]*)\)", bracket, substituted)
    found = _normalize_expression(substituted) if substituted != text else None
    if found is None and "(" not in substituted:
        pieces = re.split(r"\s+(and|or)\s+", substituted, flags=re.IGNORECASE)
        rebuilt: list[str] = []
        for index, piece in enumerate(pieces):
            if index % 2:
                rebuilt.append(piece.upper())
                continue
            named = resolve(piece)
            rebuilt.append(f"({named})" if named else piece)
        found = _normalize_expression(" ".join(rebuilt))
    return found


@lru_cache(maxsize=4096)
def _normalize_text(text: str) -> str | None:
    """Normalised id for one non-empty, single-line, reasonably short licence string."""
    if _LICENSEREF.fullmatch(text):
        return _lookup_text(text) or text
    found = (
        _lookup_text(text)
        or _normalize_expression(text)
        or _normalize_free_expression(text)
        or _lookup_text(text, brackets=True)
    )
    if found is None and "://" in text:
        key = _url_key(text)
        found = _catalogue().urls.get(key) if key else None
    elif found is None and "/" in text:
        # "MIT/Apache-2.0" is a common way to write a choice of licences
        found = _normalize_expression(" OR ".join(part.strip() for part in text.split("/")))
    if found is None and " + " in text:
        # "NVIDIA Open Model License + Llama 3.1 Community License": both apply
        found = _normalize_expression(
            " AND ".join(f"({part.strip()})" for part in text.split(" + "))
        )
    return found


def _from_name_or_link(license_name: Any, license_link: Any) -> str | None:
    name_ref: str | None = None
    if isinstance(license_name, str) and license_name.strip():
        name = _first_line(license_name)
        found = _normalize_text(name) if name else None
        if found and not found.startswith("LicenseRef-"):
            return found
        name_ref = found or _slug_ref(license_name.strip())
    if isinstance(license_link, str) and license_link.strip():
        key = _url_key(license_link[:2000])
        if key and key in _catalogue().urls:
            return _catalogue().urls[key]
    return name_ref


def _first_line(text: str) -> str:
    for line in text.strip().splitlines():
        line = line.strip().strip("#*=").strip()
        if line:
            return line[:_MAX_TEXT]
    return ""


_PLACEHOLDERS = {"other": "LicenseRef-other", "unknown": "LicenseRef-unknown"}
_ABSENT = frozenset({"noassertion", "none", "null", "n/a", "~"})


def _normalize_one(value: Any, license_name: Any, license_link: Any) -> str | None:
    if value is None:
        return _from_name_or_link(license_name, license_link)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return "LicenseRef-invalid"
    text = str(value).strip()
    if not text:
        return _from_name_or_link(license_name, license_link)
    low = text.lower()
    if low in _PLACEHOLDERS:
        return _from_name_or_link(license_name, license_link) or _PLACEHOLDERS[low]
    if low in _ABSENT:
        return _from_name_or_link(license_name, license_link)
    if len(text) > _MAX_TEXT or "\n" in text or "\r" in text:
        title = _first_line(text)
        found = _lookup_text(title, brackets=True) if title else None
        return found or _slug_ref(text)
    return _normalize_text(text) or _slug_ref(text)


def normalize_license(
    license: str | list[Any] | None,
    license_name: str | None = None,
    license_link: str | None = None,
) -> str | None:
    """Catalogue id for a model card's license / license_name / license_link (or an SPDX expression / free text); None if absent. Unknown-but-present values return a stable "LicenseRef-<slug>"-style id, never raise.

    A list (several licences declared) normalises to the AND of its distinct members.
    ``license: other`` (or ``unknown``) is resolved through ``license_name`` then
    ``license_link``; without a usable one it gives ``"LicenseRef-other"``.
    """
    try:
        if isinstance(license, (list, tuple)):
            parts: list[str] = []
            for item in license[:32]:
                if isinstance(item, (list, tuple)):
                    continue
                one = _normalize_one(item, license_name, license_link)
                if one and one not in parts:
                    parts.append(one)
            if not parts:
                return None
            if len(parts) == 1:
                return parts[0]
            joined = " AND ".join(f"({p})" if " " in p else p for p in parts)
            return _normalize_expression(joined) or joined
        return _normalize_one(license, license_name, license_link)
    except RecursionError:  # pathological nesting in an expression
        return "LicenseRef-invalid"


# --- queries ---------------------------------------------------------------------------------


def get_license(license_id: str | None) -> LicenseInfo | None:
    """The catalogue entry for a normalised id (free text is normalised first); None if not catalogued."""
    if not license_id or not isinstance(license_id, str):
        return None
    entries = _catalogue().entries
    if license_id in entries:
        return entries[license_id]
    normalised = normalize_license(license_id)
    return entries.get(normalised) if normalised else None


def is_compound(license_id: str | None) -> bool:
    """True when the id is an SPDX expression of several licences (AND / OR / WITH)."""
    if not license_id or license_id in _catalogue().entries:
        return False
    return _tree(license_id) is not None and not isinstance(_tree(license_id), LicenseSymbol)


@lru_cache(maxsize=4096)
def _tree(license_id: str) -> Any:
    if len(license_id) > 4 * _MAX_TEXT:
        return None
    try:
        return _spdx().parse(license_id, validate=False)
    except Exception:  # see _normalize_expression
        return None


def _symbol_category(key: str) -> str:
    info = _catalogue().entries.get(key)
    if info is not None:
        return info.category
    spdx_keys, categories = _spdx_index()
    canonical = spdx_keys.get(key.lower())
    if canonical:
        return _SCANCODE_CATEGORIES.get(categories.get(canonical, ""), "unknown")
    return "unknown"


def _tree_category(node: Any) -> str:
    licensing = _spdx()
    if isinstance(node, LicenseWithExceptionSymbol):
        return _symbol_category(node.license_symbol.key)
    if isinstance(node, LicenseSymbol):
        return _symbol_category(node.key)
    if isinstance(node, (licensing.AND, licensing.OR)):
        cats = [_tree_category(arg) for arg in node.args]
        known = [c for c in cats if c in _RANK]
        if isinstance(node, licensing.AND):
            if len(known) < len(cats):
                return "unknown"
            return max(known, key=_RANK.__getitem__)
        return min(known, key=_RANK.__getitem__) if known else "unknown"
    return "unknown"


def license_category(license_id: str | None) -> str:
    """Category of a normalised id; "unknown" when None/unknown.

    Compound expressions: the most permissive choice for OR, the most restrictive part for AND.
    """
    if not license_id or not isinstance(license_id, str):
        return "unknown"
    info = _catalogue().entries.get(license_id)
    if info is not None:
        return info.category
    tree = _tree(license_id)
    return _tree_category(tree) if tree is not None else "unknown"


def _symbol_keys(license_id: str) -> set[str]:
    tree = _tree(license_id)
    if tree is None:
        return {license_id}
    keys: set[str] = set()
    for node in _spdx().license_symbols(tree, unique=True, decompose=True):
        keys.add(str(node.key))
    return keys


def _carries(child_id: str, parent: LicenseInfo) -> bool:
    """The child's declared licence keeps the parent's terms (same licence or same family)."""
    entries = _catalogue().entries
    for key in _symbol_keys(child_id):
        if key == parent.id:
            return True
        info = entries.get(key)
        if info is not None and parent.family and info.family == parent.family:
            return True
    return False


def _restriction(child_id: str | None, parent_id: str | None) -> str | None:
    """Why a child licence drops the parent's restrictions, or None when it does not."""
    if not child_id or not parent_id or child_id == parent_id:
        return None
    child_cat, parent_cat = license_category(child_id), license_category(parent_id)
    if child_cat not in _RANK or parent_cat not in _RANK:
        return None
    parent = get_license(parent_id)
    if _RANK[child_cat] < _RANK[parent_cat]:
        return f"a {child_cat} licence drops {parent_cat} terms"
    if (
        _RANK[child_cat] == _RANK[parent_cat]
        and parent_cat != "permissive"
        and parent is not None
        and parent.derivatives_must_carry
        and not _carries(child_id, parent)
    ):
        return f"derivatives must carry the {parent.name} terms"
    return None


def is_more_permissive(child_id: str | None, parent_id: str | None) -> bool:
    """True when a derivative declares a licence that drops the parent's restrictions.

    E.g. ``Apache-2.0`` declared on a ``llama3.1`` or ``qwen-research`` base. False when either
    side is absent or of unknown category (nothing can be concluded).
    """
    return _restriction(child_id, parent_id) is not None


def _display(license_id: str) -> str:
    info = _catalogue().entries.get(license_id)
    if info is None or info.name == license_id:
        return license_id
    return f"{license_id} ({info.name})"


def licence_conflict(child_id: str | None, ancestor_ids: Iterable[str | None]) -> list[str]:
    """Human-readable messages, one per ancestor licence whose restrictions the child drops."""
    messages: list[str] = []
    seen: set[str] = set()
    for parent_id in ancestor_ids:
        if not parent_id or parent_id in seen:
            continue
        seen.add(parent_id)
        reason = _restriction(child_id, parent_id)
        if reason is None or child_id is None:
            continue
        messages.append(
            f"declares {_display(child_id)} [{license_category(child_id)}] but ancestor licence "
            f"{_display(parent_id)} [{license_category(parent_id)}] is more restrictive: {reason}"
        )
    return messages


def spdx_or_name(license_id: str) -> tuple[str | None, str]:
    """(SPDX id for CycloneDX ``license.id`` or None, name for ``license.name`` otherwise).

    Compound expressions return (None, expression): put them in CycloneDX ``expression``
    (see :func:`is_compound`). LicenseRef ids return (None, the id).
    """
    info = _catalogue().entries.get(license_id)
    if info is not None:
        return (info.spdx, info.name)
    canonical = _spdx_keys().get(license_id.lower()) if license_id else None
    if canonical and canonical in _spdx_ids():
        return (canonical, canonical)
    return (None, license_id)
