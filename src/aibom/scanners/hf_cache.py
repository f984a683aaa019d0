"""Inventory of the local Hugging Face cache (``aibom scan --hf-cache``).

Each cached model snapshot becomes a ``cache``-kind model finding named by its hub id, at the
snapshot's commit, with the facts its files give (card, config, tokenizer, weight headers; weight
SHA-256 from the blob names, never by hashing). Nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path

from aibom.inventory import Diagnostic, Finding, Location, ModelFinding, ModelKind
from aibom.modelfacts import declared_framework, list_cached_models, read_snapshot_facts


def scan_hf_cache(cache_dir: Path | None = None) -> list[Finding]:
    """Findings for every model snapshot in the Hugging Face cache (default: the one huggingface_hub uses)."""
    snaps, diags = list_cached_models(cache_dir)
    findings: list[Finding] = list(diags)
    for snap in snaps:
        label = f"hf-cache:{snap.repo_id}@{snap.commit[:12]}"
        try:
            facts, fdiags = read_snapshot_facts(snap.path, label)
        except (OSError, ValueError) as exc:
            findings.append(
                Diagnostic(label, f"cannot read cached snapshot: {exc}", code="hf-cache")
            )
            continue
        findings.extend(fdiags)
        card = facts.card or {}
        framework = declared_framework(facts)
        findings.append(
            ModelFinding(
                name=snap.repo_id,
                kind=ModelKind.CACHE,
                location=Location(path=snap.path.as_posix(), source="hf-cache"),
                revision=snap.commit,
                framework=framework,
                task=card.get("pipeline_tag")
                if isinstance(card.get("pipeline_tag"), str)
                else None,
                relation_hint="adapter" if facts.adapter_config is not None else None,
                facts=facts,
            )
        )
    return findings
