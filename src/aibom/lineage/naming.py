"""Real-world names of a base model mapped back to the official hub repo.

Adapters and fine-tunes name their base the way their author downloaded it: a community re-upload or
quantisation (``unsloth/qwen2.5-7b-instruct-unsloth-bnb-4bit``), a Hugging Face cache snapshot
(``.../models--Qwen--Qwen3-8B/snapshots/<sha>``), a ModelScope download
(``.../Shanghai_AI_Laboratory/internlm-chat-7b``, ``01ai/Yi-1___5-34B-Chat``) or a local folder named
like the official repo (``/root/models/glm-4-9b-chat``). The conventions are data
(``data/naming.yaml``); this module loads them and answers "which official repo is this?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from aibom import yamlio
from aibom.lineage.knowledge import (
    Family,
    KnowledgeBaseError,
    family_for_name,
    get_family,
    match_hub_id,
    strip_quant_suffixes,
)

_HF_CACHE = re.compile(
    r"(?:^|/)models--([A-Za-z0-9][\w.\-]*?)--([\w.\-]+?)(?:/snapshots/[^/]+)?/?$"
)
_SIZE = re.compile(r"^\d+(?:\.\d+)?[bm]$", re.IGNORECASE)


@dataclass(frozen=True)
class Naming:
    """The naming conventions of ``data/naming.yaml``."""

    reuploaders: frozenset[str]  # lowercase organisation names
    spellings: dict[str, str]  # lowercase word -> its spelling in official repo names
    modelscope_orgs: dict[str, str | None]  # lowercase ModelScope org -> hub org (None: by name)
    renames: tuple[tuple[str, re.Pattern[str], str], ...]  # (hub org, pattern, replacement)
    stems: dict[str, tuple[str, ...]]  # release id -> first words of its official repo names
    local_dirs: frozenset[str]  # first path segments that are folders, not hub organisations


def load_naming(text: str) -> Naming:
    """Parse and validate naming YAML; raise :class:`KnowledgeBaseError` listing every problem."""
    try:
        raw: Any = yamlio.load_data(text)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"naming.yaml is not valid YAML: {exc}") from exc
    errors: list[str] = []
    if not isinstance(raw, dict) or raw.get("schema") != 1:
        raise KnowledgeBaseError("naming.yaml: expected a mapping with schema: 1")

    def entries(key: str) -> list[dict[str, Any]]:
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            errors.append(f"{key} must be a list of mappings")
            return []
        return value

    def regex(pattern: Any, where: str) -> re.Pattern[str] | None:
        try:
            return re.compile(str(pattern), re.IGNORECASE)
        except re.error as exc:
            errors.append(f"{where}: bad regex {pattern!r}: {exc}")
            return None

    reuploaders = set()
    for e in entries("reuploaders"):
        if not isinstance(e.get("org"), str) or not e.get("basis"):
            errors.append(f"reuploader {e!r} needs org and basis")
        else:
            reuploaders.add(e["org"].lower())
    spellings_raw = raw.get("spellings") or {}
    spellings: dict[str, str] = {}
    if not isinstance(spellings_raw, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k.lower() == v.lower()
        for k, v in spellings_raw.items()
    ):
        errors.append("spellings must map a word to the same word as official names spell it")
    else:
        spellings = {k.lower(): v for k, v in spellings_raw.items()}
    modelscope: dict[str, str | None] = {}
    for e in entries("modelscope_orgs"):
        if not isinstance(e.get("modelscope"), str) or not e.get("basis"):
            errors.append(f"modelscope org {e!r} needs modelscope, hub and basis")
        else:
            modelscope[e["modelscope"].lower()] = e.get("hub")
    renames = []
    for e in entries("renames"):
        pat = regex(e.get("match"), f"rename {e!r}")
        if (
            pat is None
            or not isinstance(e.get("org"), str)
            or not isinstance(e.get("replace"), str)
        ):
            errors.append(f"rename {e!r} needs org, match and replace")
        else:
            renames.append((e["org"].lower(), pat, e["replace"]))
    stems_raw = raw.get("stems") or {}
    stems: dict[str, tuple[str, ...]] = {}
    if not isinstance(stems_raw, dict):
        errors.append("stems must map a release id to a list of words")
    else:
        for rel, words in stems_raw.items():
            if get_family(str(rel)) is None:
                errors.append(f"stems: unknown release {rel!r}")
            elif not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                errors.append(f"stems: {rel} must list words")
            else:
                stems[str(rel)] = tuple(w.lower() for w in words)
    local_dirs = raw.get("local_dirs") or []
    if not isinstance(local_dirs, list) or not all(isinstance(d, str) for d in local_dirs):
        errors.append("local_dirs must list folder names")
        local_dirs = []
    if errors:
        raise KnowledgeBaseError("naming.yaml: " + "; ".join(errors))
    return Naming(
        frozenset(reuploaders),
        spellings,
        modelscope,
        tuple(renames),
        stems,
        frozenset(d.lower() for d in local_dirs),
    )


def looks_like_local_folder(ref: str) -> bool:
    """True when an ``a/b`` reference is more likely a project folder (``models/gemma-3-270m``)."""
    first = ref.replace("\\", "/").split("/", 1)[0].lower()
    return first in naming().local_dirs


@cache
def naming() -> Naming:
    """The bundled naming conventions."""
    text = resources.files("aibom.lineage").joinpath("data/naming.yaml").read_text("utf-8")
    return load_naming(text)


def strip_repackaging(name: str) -> str:
    """``Qwen2.5-3B-Instruct-unsloth-bnb-4bit`` -> ``Qwen2.5-3B-Instruct`` (the suffixes of
    ``data/repackaging.yaml``)."""
    return strip_quant_suffixes(name)


def _official_org(fam: Family) -> str | None:
    org = fam.reference_repo.split("/", 1)[0]
    return org if org.lower() in (o.lower() for o in fam.hf_orgs) else None


def official_spelling(fam: Family, org: str, name: str) -> str:
    """``org/name`` spelled the way the family's official repos are (``qwen2.5-7b-instruct`` ->
    ``Qwen2.5-7B-Instruct``; ``llama-3-8b`` -> ``Meta-Llama-3-8B``)."""
    ref_name = fam.reference_repo.split("/", 1)[1]
    ref_tokens = ref_name.split("-")
    ref_sizes = [t for t in ref_tokens if _SIZE.match(t)]
    upper_sizes = any(t[-1].isupper() for t in ref_sizes) if ref_sizes else ref_name[:1].isupper()
    tokens = name.split("-")
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if i == 0 and tok.lower() == ref_tokens[0].lower():
            tok = ref_tokens[0]
        elif _SIZE.match(tok):
            tok = tok[:-1] + (tok[-1].upper() if upper_sizes else tok[-1].lower())
        elif tok.lower() in naming().spellings:
            tok = naming().spellings[tok.lower()] if upper_sizes else tok.lower()
        out.append(tok)
    spelled = "-".join(out)
    for rename_org, pat, replace in naming().renames:
        if rename_org == org.lower():
            spelled = pat.sub(replace, spelled, count=1)
    return f"{org}/{spelled}"


def _official(candidate: str) -> bool:
    hit = match_hub_id(candidate)
    return hit is not None and hit.official


def upstream_of_reupload(hub_id: str) -> str | None:
    """The official repo a re-uploader's repo copies (``unsloth/gemma-2-9b-it-bnb-4bit`` ->
    ``google/gemma-2-9b-it``); None when no family matches. Any other organisation's repo counts
    only when its name is an official name plus a repackaging suffix
    (``someone/Mistral-7B-v0.1-sharded``): the same name without one may be a fine-tune."""
    if "/" not in hub_id:
        return None
    org, name = hub_id.split("/", 1)
    stripped = strip_repackaging(name)
    if org.lower() not in naming().reuploaders and stripped == name:
        return None
    hit = family_for_name(stripped)
    if hit is None:
        return None
    fam = hit[0]
    official_org = _official_org(fam)
    if official_org is None:
        return None
    candidate = official_spelling(fam, official_org, stripped)
    return candidate if _official(candidate) and candidate.lower() != hub_id.lower() else None


def _stems(fam: Family) -> tuple[str, ...]:
    return naming().stems.get(fam.id) or (
        fam.reference_repo.split("/", 1)[1].split("-")[0].lower(),
    )


def hub_id_from_path(path: str) -> tuple[str, str] | None:
    """(hub id, how) when a local path names an official repo; None when it does not say.

    ``/cache/models--Qwen--Qwen3-8B/snapshots/abc`` -> ``Qwen/Qwen3-8B`` (a Hugging Face cache
    snapshot); ``/models/01ai/Yi-1___5-34B-Chat`` -> ``01-ai/Yi-1.5-34B-Chat`` (a ModelScope
    download); ``/root/models/glm-4-9b-chat`` -> ``THUDM/glm-4-9b-chat`` (a folder spelled like an
    official repo of a known release, with a size).
    """
    text = path.strip().replace("\\", "/").rstrip("/")
    if not text or len(text) > 1000:
        return None
    m = _HF_CACHE.search(text)
    if m:
        return f"{m.group(1)}/{m.group(2)}", "a Hugging Face cache snapshot of that repo"
    parts = [p for p in text.split("/") if p not in ("", ".", "..")]
    if not parts:
        return None
    folder = parts[-1].replace("___", ".")
    parent = parts[-2].lower() if len(parts) > 1 else ""
    found = _folder_repo(folder, parent)
    dotted = _DIGIT_UNDERSCORE.sub(".", folder)
    if found is None and dotted != folder:
        # Qwen2_5-1_5b-Instruct: dots written as underscores; only an official repo counts, so
        # llama_3_8b (Llama 3, 8B) never becomes "llama_3.8b"
        found = _folder_repo(dotted, parent)
        if found is not None:
            found = (found[0], found[1] + " (dots written as underscores)")
    return found


_DIGIT_UNDERSCORE = re.compile(r"(?<=\d)_(?=\d)")


def _folder_repo(folder: str, parent: str) -> tuple[str, str] | None:
    """The official repo a folder name spells (under a ModelScope org or on its own)."""
    hit = family_for_name(folder)
    fam = hit[0] if hit else None
    if parent in naming().modelscope_orgs:
        org = naming().modelscope_orgs[parent] or (_official_org(fam) if fam else None)
        if org is not None:
            candidate = f"{org}/{folder}"
            if _official(candidate):
                return candidate, "a ModelScope download path of that repo"
    if fam is None or not re.search(r"\d(?:\.\d+)?[bm](?:$|[-_])", folder, re.IGNORECASE):
        return None
    org = _official_org(fam)
    if org is None or folder.split("-")[0].lower() not in _stems(fam):
        return None
    candidate = official_spelling(fam, org, folder)
    hit_official = match_hub_id(candidate)
    if hit_official is None or not hit_official.official or hit_official.family.id != fam.id:
        return None
    return candidate, "a local folder named like that official repo"
