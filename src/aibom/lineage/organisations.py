"""Organisations and well-known releases outside the foundation-model families.

BERT, T5, Whisper, CLIP, OPUS-MT, Stable Diffusion and the like are not foundation families of the
knowledge base, but a risk officer still needs their developer, country and licence. The table is
data (``data/organisations.yaml``); this module loads it and answers lookups by hub id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from aibom import yamlio
from aibom.lineage.knowledge import VERIFIED, KnowledgeBaseError


@dataclass(frozen=True)
class Organisation:
    """A hub organisation: who it is, where, and why aibom says so."""

    org: str
    developer: str
    country: str | None
    basis: str


@dataclass(frozen=True)
class KnownRelease:
    """A well-known release outside the families, with its licence."""

    name: str
    match: re.Pattern[str]
    org: str
    license: str


def load_organisations(text: str) -> tuple[dict[str, Organisation], tuple[KnownRelease, ...]]:
    """Parse and validate the organisations YAML; raise :class:`KnowledgeBaseError` on problems."""
    try:
        raw: Any = yamlio.load_data(text)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"organisations.yaml is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or raw.get("schema") != 1:
        raise KnowledgeBaseError("organisations.yaml: expected a mapping with schema: 1")
    errors: list[str] = []
    orgs: dict[str, Organisation] = {}
    for e in raw.get("organisations") or []:
        if not isinstance(e, dict) or not all(
            isinstance(e.get(k), str) and e[k] for k in ("org", "developer", "basis")
        ):
            errors.append(f"organisation {e!r} needs org, developer and basis")
            continue
        country = e.get("country")
        if country is not None and not (
            isinstance(country, str) and len(country) == 2 and country.isupper()
        ):
            errors.append(f"organisation {e['org']}: country must be ISO 3166-1 alpha-2 or null")
            continue
        if e.get("verified") not in VERIFIED:
            errors.append(f"organisation {e['org']}: verified must be true|false|secondary")
        orgs[e["org"].lower()] = Organisation(e["org"], e["developer"], country, e["basis"])
    releases: list[KnownRelease] = []
    for e in raw.get("releases") or []:
        if not isinstance(e, dict) or not all(
            isinstance(e.get(k), str) and e[k] for k in ("name", "match", "org", "license")
        ):
            errors.append(f"release {e!r} needs name, match, org and license")
            continue
        if e["org"].lower() not in orgs:
            errors.append(f"release {e['name']}: organisation {e['org']!r} is not in the table")
        try:
            pattern = re.compile(e["match"], re.IGNORECASE)
        except re.error as exc:
            errors.append(f"release {e['name']}: bad regex: {exc}")
            continue
        releases.append(KnownRelease(e["name"], pattern, e["org"], e["license"]))
    if errors:
        raise KnowledgeBaseError("organisations.yaml: " + "; ".join(errors))
    return orgs, tuple(releases)


@cache
def _table() -> tuple[dict[str, Organisation], tuple[KnownRelease, ...]]:
    text = resources.files("aibom.lineage").joinpath("data/organisations.yaml").read_text("utf-8")
    return load_organisations(text)


def known_release(name: str) -> KnownRelease | None:
    """The well-known release a hub id (or legacy id such as ``t5-small``) is, or None."""
    text = name.strip().split("@", 1)[0]
    return next((r for r in _table()[1] if r.match.search(text)), None)


def organisation_of(name: str) -> Organisation | None:
    """The organisation behind a hub id: its org part, or the org of the release it is."""
    text = name.strip()
    if "/" in text:
        org = _table()[0].get(text.split("/", 1)[0].lower())
        if org is not None:
            return org
    release = known_release(text)
    return _table()[0].get(release.org.lower()) if release is not None else None
