"""What the lineage resolver concludes about one model (the resolver's output contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

LineageSource = Literal["declared", "inferred", "unknown"]
Confidence = Literal["high", "medium", "low"]


@dataclass
class Ancestor:
    """One step up the lineage, nearest base first."""

    name: str  # hub id ("Qwen/Qwen2.5-7B") or, for an inferred foundation, the family's reference repo
    relation: str  # how the child relates to this ancestor: finetune | adapter | quantized | merge | distillation | base
    source: LineageSource  # declared (a card/config said so) or inferred (fingerprints)
    purl: str | None = None  # pkg:huggingface/... when a hub id
    family: str | None = None  # model line slug ("qwen", "llama") from the knowledge base
    license: str | None = None  # normalised licence id of this ancestor when known
    evidence: list[str] = field(default_factory=list)
    depth: int = 1  # 1 = direct base of the model, 2 = base of a direct base, ...
    child: str | None = (
        None  # name of the model (or ancestor) this one is a base of; None = the model itself
    )
    country: str | None = None  # ISO 3166-1 alpha-2 of this ancestor's family developer, when known
    release: str | None = None  # knowledge-base release id ("qwen2_5", "llama3") when known


@dataclass
class Lineage:
    """Lineage of one model: its foundation family, developer, origin, and the path to it."""

    source: LineageSource = "unknown"
    confidence: Confidence | None = None
    family: str | None = None  # model line of the foundation, e.g. "qwen" (the family people name)
    family_name: str | None = None  # display name of the line, "Qwen"
    release: str | None = None  # knowledge-base release id, e.g. "qwen2_5"
    release_name: str | None = None  # "Qwen2.5"
    developer: str | None = None  # "Alibaba Cloud (Qwen team)"
    country: str | None = None  # ISO 3166-1 alpha-2 of the developer
    families: list[str] = field(default_factory=list)  # every line in the lineage, sorted
    releases: list[str] = field(default_factory=list)  # every release in the lineage, sorted
    countries: list[str] = field(
        default_factory=list
    )  # every developer country in the lineage, sorted
    relation: str | None = None  # relation of the model to its nearest ancestor
    ancestors: list[Ancestor] = field(default_factory=list)  # nearest first
    evidence: list[str] = field(default_factory=list)  # "source: fact" strings used to decide
    conflicts: list[str] = field(default_factory=list)  # declared vs inferred disagreements
    license_declared: str | None = None  # normalised licence id the model itself declares
    licenses_inherited: list[str] = field(
        default_factory=list
    )  # licences of ancestors, normalised ids
    tune_method: str | None = None  # cdx tune_method when known (lora, full, ...)
