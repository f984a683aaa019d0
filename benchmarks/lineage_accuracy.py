"""Lineage accuracy on the labelled set in tests/fixtures/lineage/cases.yaml.

Prints family accuracy, country accuracy, the number of high-confidence wrong answers, and each
miss. Runs offline (no Hugging Face cache, no network).

    python benchmarks/lineage_accuracy.py [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from aibom.inventory import Inventory, LocalModelFacts, Model, ModelKind, WeightFile
from aibom.lineage.resolve import resolve_lineage
from aibom.lineage.types import Lineage

CASES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "lineage" / "cases.yaml"
_FACT_FIELDS = {
    "config",
    "generation_config",
    "tokenizer_config",
    "chat_template",
    "special_tokens",
    "vocab_size",
    "adapter_config",
    "card",
    "card_text",
    "safetensors_index",
    "gguf",
    "files",
}


@dataclass
class Outcome:
    case: str
    expected_family: str | None
    expected_country: str | None
    lineage: Lineage
    family_ok: bool
    country_ok: bool
    families_ok: bool
    conflict_ok: bool


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def family_accuracy(self) -> float:
        return sum(o.family_ok for o in self.outcomes) / max(self.total, 1)

    @property
    def country_accuracy(self) -> float:
        return sum(o.country_ok for o in self.outcomes) / max(self.total, 1)

    @property
    def high_confidence_wrong(self) -> list[Outcome]:
        return [
            o
            for o in self.outcomes
            if o.lineage.confidence == "high" and not (o.family_ok and o.country_ok)
        ]


def facts_from(raw: dict[str, Any] | None) -> LocalModelFacts | None:
    """LocalModelFacts from a case's ``facts`` mapping."""
    if raw is None:
        return None
    unknown = set(raw) - _FACT_FIELDS - {"weights"}
    if unknown:
        raise ValueError(f"unknown fact fields {sorted(unknown)}")
    facts = LocalModelFacts(**{k: v for k, v in raw.items() if k in _FACT_FIELDS})
    for w in raw.get("weights") or []:
        facts.weights.append(WeightFile(**w))
    return facts


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    """The labelled cases."""
    data = yaml.safe_load(path.read_text("utf-8"))
    return list(data["cases"])


def model_for(case: dict[str, Any]) -> Model:
    """The inventory model a case describes."""
    kind = ModelKind(case["kind"])
    return Model(name=case["name"], kind=kind, facts=facts_from(case.get("facts")))


def evaluate(path: Path = CASES) -> Report:
    """Resolve every case offline (one inventory per case) and compare with its labels."""
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        for case in load_cases(path):
            model = model_for(case)
            inv = Inventory()
            inv.models[model.key] = model
            result, _ = resolve_lineage(inv, hf_cache=False, cache_dir=Path(tmp) / "hub")
            lin = result[model.key]
            exp = case["expect"]
            fams = exp.get("families")
            report.outcomes.append(
                Outcome(
                    case=case["id"],
                    expected_family=exp.get("family"),
                    expected_country=exp.get("country"),
                    lineage=lin,
                    family_ok=lin.family == exp.get("family"),
                    country_ok=lin.country == exp.get("country"),
                    families_ok=fams is None or sorted(fams) == lin.families,
                    conflict_ok=not exp.get("conflict") or bool(lin.conflicts),
                )
            )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every case")
    parser.add_argument("--cases", type=Path, default=CASES)
    args = parser.parse_args(argv)
    report = evaluate(args.cases)
    for o in report.outcomes:
        ok = o.family_ok and o.country_ok and o.families_ok and o.conflict_ok
        if args.verbose or not ok:
            lin = o.lineage
            print(
                f"{'ok  ' if ok else 'MISS'} {o.case}: got {lin.family} ({lin.country}, {lin.confidence}, {lin.source})"
                f" families={lin.families} expected {o.expected_family} ({o.expected_country})"
            )
    wrong_high = report.high_confidence_wrong
    print(f"cases: {report.total}")
    print(f"family accuracy: {report.family_accuracy:.1%}")
    print(f"country accuracy: {report.country_accuracy:.1%}")
    print(f"high-confidence wrong answers: {len(wrong_high)}")
    conf: dict[str, int] = {}
    for o in report.outcomes:
        conf[str(o.lineage.confidence)] = conf.get(str(o.lineage.confidence), 0) + 1
    print("confidence: " + ", ".join(f"{k} {v}" for k, v in sorted(conf.items())))
    return (
        0
        if report.family_accuracy >= 0.95 and report.country_accuracy >= 0.95 and not wrong_high
        else 1
    )


if __name__ == "__main__":
    sys.exit(main())
