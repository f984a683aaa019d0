"""Release x size signatures: which official base an undeclared checkpoint's dimensions match.

The table is data (``data/signatures.yaml``): per knowledge-base release, the ``config.json`` values of
each official base size. A fine-tune keeps its base's dimensions, so the rows it matches say which
base size (and, when dimensions differ between releases, which release) it was trained from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from aibom import yamlio
from aibom.lineage.knowledge import KnowledgeBaseError, get_family

KEYS = (
    "hidden_size",
    "num_hidden_layers",
    "intermediate_size",
    "num_attention_heads",
    "num_key_value_heads",
    "vocab_size",
    "max_position_embeddings",
    "num_local_experts",
)
_REQUIRED = ("hidden_size", "num_hidden_layers")
_VERIFIED = ("secondary", "partial", False)


@dataclass(frozen=True)
class Signature:
    """The dimensions of one official base repo of one release."""

    release: str  # knowledge-base release id
    repo: str
    dims: tuple[tuple[str, int], ...]
    source: str  # where the values were read (the text of the table's ``sources`` entry)
    verified: str  # "secondary" (every value read), "partial" (size keys read), "false" (recalled)


def load_signatures(text: str) -> tuple[Signature, ...]:
    """Parse and validate signature YAML; raise :class:`KnowledgeBaseError` listing every problem."""
    try:
        raw: Any = yamlio.load_data(text)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"signatures.yaml is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or raw.get("schema") != 1:
        raise KnowledgeBaseError("signatures.yaml: expected a mapping with schema: 1")
    sources = raw.get("sources")
    if not isinstance(sources, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in sources.items()
    ):
        raise KnowledgeBaseError("signatures.yaml: sources must map a source key to its text")
    table = raw.get("signatures")
    if not isinstance(table, dict):
        raise KnowledgeBaseError("signatures.yaml: signatures must map release ids to rows")
    errors: list[str] = []
    out: list[Signature] = []
    for release, rows in table.items():
        if get_family(str(release)) is None:
            errors.append(f"unknown release {release!r}")
            continue
        for row in rows if isinstance(rows, list) else []:
            if not isinstance(row, dict) or not isinstance(row.get("repo"), str):
                errors.append(f"{release}: row {row!r} needs a repo")
                continue
            unknown = set(row) - set(KEYS) - {"repo", "source", "verified"}
            if unknown:
                errors.append(f"{release} {row['repo']}: unknown keys {sorted(unknown)}")
            dims = {k: row[k] for k in KEYS if k in row}
            if not all(k in dims for k in _REQUIRED) or not all(
                isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in dims.values()
            ):
                errors.append(f"{release} {row['repo']}: needs positive integer {_REQUIRED}")
                continue
            source = sources.get(str(row.get("source")))
            if source is None:
                errors.append(f"{release} {row['repo']}: source must be one of {sorted(sources)}")
                continue
            verified = row.get("verified")
            if verified not in _VERIFIED:
                errors.append(
                    f"{release} {row['repo']}: verified must be secondary, partial or false"
                )
                continue
            out.append(
                Signature(
                    str(release),
                    row["repo"],
                    tuple(sorted(dims.items())),
                    source,
                    "false" if verified is False else str(verified),
                )
            )
    if errors:
        raise KnowledgeBaseError("signatures.yaml: " + "; ".join(errors))
    return tuple(out)


@cache
def signatures() -> tuple[Signature, ...]:
    """The bundled signature table."""
    text = resources.files("aibom.lineage").joinpath("data/signatures.yaml").read_text("utf-8")
    return load_signatures(text)


def config_dims(config: Any) -> dict[str, int]:
    """The signature keys a ``config.json`` gives (text_config of multimodal configs included)."""
    if not isinstance(config, dict):
        return {}
    out: dict[str, int] = {}
    for source in (config.get("text_config"), config):
        if not isinstance(source, dict):
            continue
        for key in KEYS:
            value = source.get(key)
            if key == "num_local_experts" and value is None:
                value = source.get("num_experts")
            if isinstance(value, int) and not isinstance(value, bool) and key not in out:
                out[key] = value
    return out


def matching(dims: dict[str, int], releases: set[str]) -> list[Signature]:
    """Rows of ``releases`` that every dimension they list (and the config gives) agrees with.

    The required keys must be in the config; other keys count when both sides have them. Empty
    when the config has no dimensions.
    """
    if not all(k in dims for k in _REQUIRED):
        return []
    out = []
    for sig in signatures():
        if sig.release not in releases:
            continue
        listed = dict(sig.dims)
        if "num_local_experts" not in listed and dims.get("num_local_experts", 0) > 1:
            continue  # a dense row never matches a mixture of experts
        if all(dims[k] == v for k, v in listed.items() if k in dims):
            out.append(sig)
    return out
