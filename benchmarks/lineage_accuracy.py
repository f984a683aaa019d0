"""Lineage accuracy on two labelled sets.

1. The hand-written cases in tests/fixtures/lineage/cases.yaml (trimmed real snippets).
2. ``--real FETCH_ROOT``: real model directories of public GitHub repositories, listed with their
   provenance and labels in benchmarks/lineage_real/labels.yaml. Each directory's metadata files
   (JSON, Markdown, Jinja, text; never weights) are read from the fetched bare snapshots under
   FETCH_ROOT (``<owner>+<name>/repo``, as the search tool's ``fetch`` leaves them) into a temporary
   directory and resolved like ``aibom lineage DIR``. Scores are printed for the dev and the
   held-out split separately.

Prints family, country, licence and ancestor accuracy, the high-confidence wrong answers and
each miss. Runs offline (no Hugging Face cache, no network).

    python benchmarks/lineage_accuracy.py [--verbose] [--real /work/.mirror]
"""

from __future__ import annotations

import argparse
import posixpath
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from aibom.inventory import Inventory, LocalModelFacts, Model, ModelKind, WeightFile
from aibom.licenses import normalize_license
from aibom.lineage.knowledge import get_family, line_name, match_hub_id
from aibom.lineage.resolve import resolve_lineage, resolve_target
from aibom.lineage.types import Lineage

CASES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "lineage" / "cases.yaml"
REAL_LABELS = Path(__file__).resolve().parent / "lineage_real" / "labels.yaml"
_METADATA_SUFFIXES = (".json", ".md", ".jinja", ".txt", ".yaml", ".yml", ".py")
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


def _family_matches(lin: Lineage, expected: str | None) -> bool:
    """A case expects a line slug (``qwen``) or, more precisely, a release id (``qwen2_5``)."""
    if expected is not None and line_name(expected) is None:
        return lin.release == expected
    return lin.family == expected


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
                    family_ok=_family_matches(lin, exp.get("family")),
                    country_ok=lin.country == exp.get("country"),
                    families_ok=fams is None or sorted(fams) in (lin.families, lin.releases),
                    conflict_ok=not exp.get("conflict") or bool(lin.conflicts),
                )
            )
    return report


# ---------------------------------------------------------------------------------------------
# real model directories


def _line(family_or_release: str | None) -> str | None:
    """The line slug of a family id or a release id (``qwen2_5`` -> ``qwen``; ``qwen`` -> ``qwen``)."""
    fam = get_family(family_or_release)
    return fam.line if fam is not None else family_or_release


def _release(lin: Lineage) -> str | None:
    return getattr(lin, "release", None) or (lin.family if get_family(lin.family) else None)


def _norm(lic: str | None) -> str | None:
    return normalize_license(lic) if lic else None


def effective_license(lin: Lineage) -> str | None:
    """The licence that governs the model: the nearest ancestor's known licence, else the
    inherited licence of a foundation named without a specific repo, else its own."""
    for anc in lin.ancestors:
        if anc.license:
            return anc.license
    if lin.licenses_inherited:
        return lin.licenses_inherited[0]
    return lin.license_declared


def materialise(fetch_root: Path, entry: dict[str, Any], dest: Path) -> Path:
    """Copy the metadata files of one labelled directory out of its fetched snapshot into ``dest``."""
    owner, name = entry["repo"].split("/", 1)
    git_dir = fetch_root / f"{owner}+{name}" / "repo"
    if not git_dir.is_dir():
        raise FileNotFoundError(f"{entry['repo']}: not fetched under {fetch_root}")
    sub = entry["path"].strip("/")
    target = dest / (posixpath.basename(sub) if sub not in ("", ".") else name)
    listing = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "-r", "-l", entry["commit"], "--", sub or "."],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    prefix = "" if sub in ("", ".") else sub + "/"
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        size = meta.split()[3]
        rel = path[len(prefix) :]
        depth_ok = rel.count("/") == 0 or (rel.count("/") == 1 and rel.split("/")[0][:1].isdigit())
        if not depth_ok or not rel.endswith(_METADATA_SUFFIXES) or not size.isdigit():
            continue  # subdirectories other than sentence-transformers modules, weights, binaries
        if int(size) > 2_000_000:
            continue
        blob = subprocess.run(
            ["git", f"--git-dir={git_dir}", "show", f"{entry['commit']}:{path}"],
            capture_output=True,
            check=True,
        ).stdout
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(blob)
    target.mkdir(parents=True, exist_ok=True)
    return target


@dataclass
class RealOutcome:
    entry: dict[str, Any]
    lineage: Lineage
    checks: dict[str, bool | None]  # None: not labelled for this directory
    wrong_specific: list[str]


def _ancestor_names(lin: Lineage) -> set[str]:
    names = {a.name.lower().rstrip("/") for a in lin.ancestors}
    return names | {posixpath.basename(n) for n in names}


def _wrong_specific(lin: Lineage, exp: dict[str, Any]) -> list[str]:
    """Ancestors naming an official repo of another line, another release, or (inferred) another size."""
    wrong: list[str] = []
    releases = {exp.get("release")} | set(exp.get("also_releases") or [])
    rel_fam = get_family(exp.get("release"))
    if rel_fam is not None:
        releases |= set(rel_fam.builds_on)
    for a in lin.ancestors:
        hit = match_hub_id(a.name)
        if hit is None or not hit.official:
            continue
        if hit.family.line != exp.get("family") and hit.family.id not in releases:
            wrong.append(f"{a.name} (line {hit.family.line})")
        elif exp.get("release") and hit.family.id not in releases:
            wrong.append(f"{a.name} (release {hit.family.id})")
        elif (
            a.source == "inferred"
            and exp.get("upstream")
            and hit.family.id == exp.get("release")
            and a.name.lower() != str(exp["upstream"]).lower()
            and not _same_size(a.name, str(exp["upstream"]))
        ):
            wrong.append(f"{a.name} (size/variant; expected {exp['upstream']})")
    return wrong


def _same_size(a: str, b: str) -> bool:
    import re

    size = re.compile(r"(\d+(?:\.\d+)?)[bm]\b", re.I)
    sa, sb = size.findall(a.lower()), size.findall(b.lower())
    return bool(sa) and sa == sb


def evaluate_real(
    fetch_root: Path, labels: Path = REAL_LABELS, only: str | None = None
) -> list[RealOutcome]:
    """Resolve every labelled real directory (split ``only`` when given) and score it."""
    entries = yaml.safe_load(labels.read_text("utf-8"))["dirs"]
    outcomes: list[RealOutcome] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, entry in enumerate(entries):
            if only and entry["split"] != only:
                continue
            root = Path(tmp) / f"d{n}"
            target = materialise(fetch_root, entry, root)
            result, _ = resolve_target(target, hf_cache=False, cache_dir=Path(tmp) / "hub")
            lin = next(iter(result.values())) if result else Lineage()
            exp = entry["expect"]
            names = _ancestor_names(lin)
            declared = exp.get("declared")
            upstream = exp.get("upstream")
            declared_forms = set()
            if declared:
                declared_forms = {
                    declared.lower().rstrip("/"),
                    posixpath.normpath(declared).lower(),
                    posixpath.basename(declared.rstrip("/")).lower(),
                }
                if upstream:
                    declared_forms.add(upstream.lower())
            checks: dict[str, bool | None] = {
                "family": _line(lin.family) == exp["family"],
                "family_property": lin.family == exp["family"],
                "release": None if exp.get("release") is None else _release(lin) == exp["release"],
                "country": lin.country == exp["country"],
                "license": None
                if exp.get("license") is None
                else _norm(effective_license(lin)) == _norm(exp["license"]),
                "declared": None if not declared else bool(names & declared_forms),
                "upstream": None if not upstream else upstream.lower() in names,
            }
            wrong = _wrong_specific(lin, exp)
            outcomes.append(RealOutcome(entry, lin, checks, wrong))
    return outcomes


def print_real(outcomes: list[RealOutcome], title: str, verbose: bool) -> dict[str, float]:
    """Print the scores (and misses) of one split; return the accuracies."""
    scores: dict[str, float] = {}
    for o in outcomes:
        bad = [k for k, v in o.checks.items() if v is False]
        if verbose or bad or o.wrong_specific:
            lin = o.lineage
            exp = o.entry["expect"]
            print(
                f"{'ok  ' if not bad and not o.wrong_specific else 'MISS'} {o.entry['id']}: "
                f"family {lin.family}/{_release(lin)} {lin.country} {lin.confidence} "
                f"licence {effective_license(lin)} ancestors {[a.name for a in lin.ancestors][:4]}"
                + (
                    f" | expected {exp['family']}/{exp.get('release')} {exp['country']} {exp.get('license')}"
                    f" {exp.get('upstream') or exp.get('declared')}; wrong: {bad}"
                    if bad
                    else ""
                )
                + (f" | WRONG SPECIFIC {o.wrong_specific}" if o.wrong_specific else "")
            )
    print(f"{title}: {len(outcomes)} directories")
    for key in (
        "family",
        "family_property",
        "release",
        "country",
        "license",
        "declared",
        "upstream",
    ):
        vals = [o.checks[key] for o in outcomes if o.checks[key] is not None]
        if vals:
            scores[key] = sum(bool(v) for v in vals) / len(vals)
            print(f"  {key} accuracy: {scores[key]:.1%} ({sum(bool(v) for v in vals)}/{len(vals)})")
    adapters = [
        o for o in outcomes if o.entry["kind"] == "adapter" and o.checks["license"] is not None
    ]
    if adapters:
        print(
            f"  license accuracy (adapters): "
            f"{sum(bool(o.checks['license']) for o in adapters) / len(adapters):.1%} ({len(adapters)})"
        )
    wrong = sum(1 for o in outcomes if o.wrong_specific and o.lineage.confidence == "high")
    scores["wrong_specific"] = wrong
    print(f"  wrong specific ancestor at high confidence: {wrong}")
    print(
        "  wrong specific ancestor at any confidence: "
        f"{sum(1 for o in outcomes if o.wrong_specific)}"
    )
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every case")
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument(
        "--real",
        "--fetch-root",
        dest="fetch_root",
        type=Path,
        help="also score the real directories of benchmarks/lineage_real/labels.yaml, read from "
        "the fetched snapshots under this directory (e.g. /work/.mirror)",
    )
    parser.add_argument("--labels", type=Path, default=REAL_LABELS)
    args = parser.parse_args(argv)
    if args.fetch_root is not None:
        for split in ("dev", "heldout"):
            print_real(
                evaluate_real(args.fetch_root, args.labels, split),
                f"real directories ({split})",
                args.verbose,
            )
        print()
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
