"""Score aibom's model recall on real repositories against hand-made labels.

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/realworld/score.py /tmp/realworld/repos
    PYTHONPATH=src python benchmarks/realworld/score.py /tmp/realworld/repos/khoj-ai__khoj --json

Each checkout directory is named ``OWNER__NAME`` and scored against
``labels/OWNER__NAME.json`` (format and conventions: README.md next to this file).
aibom runs as ``python -m aibom scan DIR -o BOM --no-hash -q`` from this source tree.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
LABELS_DIR = HERE / "labels"

# Prefixes naming a provider in front of a model id ("openai:gpt-4o", "openai/gpt-4o").
PROVIDER_PREFIXES = {
    "openai": "openai",
    "anthropic": "anthropic",
    "google": "google",
    "google_genai": "google",
    "google-genai": "google",
    "google_vertexai": "google",
    "vertex_ai": "google",
    "gemini": "google",
    "azure": "azure-openai",
    "azure_openai": "azure-openai",
    "ollama": "ollama",
    "groq": "groq",
    "mistral": "mistral",
    "mistralai": "mistral",
    "together": "together",
    "together_ai": "together",
    "deepseek": "deepseek",
    "bedrock": "aws-bedrock",
    "bedrock_converse": "aws-bedrock",
    "dashscope": "alibaba-dashscope",
    "xai": "xai",
    "openrouter": "openrouter",
    "cohere": "cohere",
    "cohere_chat": "cohere",
    "fireworks": "fireworks",
    "fireworks_ai": "fireworks",
    "huggingface": "huggingface",
    # further LiteLLM provider prefixes whose provider aibom knows
    "anyscale": "anyscale",
    "perplexity": "perplexity",
    "replicate": "replicate",
    "deepinfra": "deepinfra",
    "sambanova": "sambanova",
    "cerebras": "cerebras",
    "nvidia_nim": "nvidia",
    "watsonx": "watsonx",
    "ollama_chat": "ollama",
    "moonshot": "moonshot",
    "volcengine": "bytedance-ark",
}
HF_URL_PREFIXES = ("https://huggingface.co/", "http://huggingface.co/", "hf://")
ST_ORG = "sentence-transformers/"

# Test code is optional (README: "tests are optional"): directory names and file-name
# patterns that mark a path as test code.
# The same lists as aibom.inventory (this scorer imports nothing from aibom);
# tests/test_test_scope.py checks that the two agree.
TEST_DIRS = frozenset({"tests", "test", "__tests__", "spec", "__mocks__", "__fixtures__"})
TEST_FILE_SUFFIXES = (
    "_test.py",
    "_test.go",
    ".test.ts",
    ".test.tsx",
    ".test.js",
    ".test.jsx",
    ".test.mjs",
    ".test.cjs",
    ".spec.ts",
    ".spec.tsx",
    ".spec.js",
    ".spec.jsx",
    ".spec.mjs",
    ".spec.cjs",
    ".vitest.ts",
    ".stories.ts",
    ".stories.tsx",
    ".stories.js",
    ".stories.jsx",
    ".stories.mjs",
    ".stories.mdx",
)


@dataclass(frozen=True)
class Label:
    """One labelled model id."""

    id: str
    kind: str
    provider: str | None
    locations: tuple[str, ...]
    also_providers: tuple[str, ...] = ()


@dataclass
class Reported:
    """One model id aibom reported, with where it saw it."""

    id: str
    kind: str
    provider: str | None
    locations: list[str] = field(default_factory=list)
    # where the name itself is spelled (service model names: the service's occurrences
    # whose line spells it); None: the same as ``locations``
    placed: list[str] | None = None

    @property
    def own_locations(self) -> list[str]:
        return self.locations if self.placed is None else self.placed


@dataclass
class RepoScore:
    """Scores of one repository."""

    repo: str
    split: str
    required: int
    found: int
    reported: int
    matched: int
    decoy_hits: list[dict[str, Any]]
    services: int
    services_found: int
    endpoints: int
    endpoints_found: int
    misses: list[dict[str, Any]]
    false_positives: list[dict[str, Any]]
    services_missed: list[dict[str, Any]] = field(default_factory=list)
    found_elsewhere: list[dict[str, Any]] = field(default_factory=list)
    locations: int = 0
    locations_found: int = 0
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.reported if self.reported else 1.0

    @property
    def services_recall(self) -> float:
        return self.services_found / self.services if self.services else 1.0


def _base(raw: str) -> str:
    value = raw.strip().lower()
    for prefix in HF_URL_PREFIXES:
        if value.startswith(prefix):
            value = value[len(prefix) :]
    if value.startswith("models/"):
        value = value[len("models/") :]
    while value.startswith("./"):
        value = value[2:]
    return value


def split_provider_prefix(raw: str) -> tuple[str | None, str]:
    """``openai:gpt-4o`` / ``openai/gpt-4o`` -> (``openai``, ``gpt-4o``); otherwise (None, id)."""
    value = _base(raw)
    for sep in (":", "/"):
        head, found, tail = value.partition(sep)
        if found and tail and head in PROVIDER_PREFIXES:
            return PROVIDER_PREFIXES[head], tail
    return None, value


def id_keys(raw: str) -> set[str]:
    """Every normalised spelling an id can match under (see README: id normalisation)."""
    value = _base(raw)
    keys = {value}
    _, bare = split_provider_prefix(value)
    keys.add(bare)
    for key in list(keys):
        if "/" in key and "@" in key:  # hub revision
            keys.add(key.split("@", 1)[0])
    for key in list(keys):
        # sentence-transformers loads a bare name from its own organisation
        # (SentenceTransformer("all-MiniLM-L6-v2") is sentence-transformers/all-MiniLM-L6-v2)
        if key.startswith(ST_ORG):
            keys.add(key[len(ST_ORG) :])
        elif "/" not in key and ":" not in key:
            keys.add(ST_ORG + key)
    for key in list(keys):
        if "/" not in key:
            if ":" not in key:
                keys.add(key + ":latest")
            elif key.endswith(":latest"):
                keys.add(key[: -len(":latest")])
    return keys


def canonical_provider(name: str | None) -> str | None:
    """A label's provider name as aibom's provider id (``voyageai`` -> ``voyage``).

    Labels written before aibom knew a provider may spell it differently; the alias
    table of aibom's knowledge layer says which id the name means. Unknown names stay.
    """
    if not name:
        return name
    try:
        from aibom.knowledge.providers import get_provider, provider_alias
    except ImportError:  # pragma: no cover - scorer run without aibom on the path
        return name
    if get_provider(name) is not None:
        return name
    return provider_alias(name, "names", "config", "litellm") or name


def providers_compatible(label: str | None, reported: str | None) -> bool:
    """A label without provider matches any; a report with a known provider must agree with the label's."""
    if reported in ("unknown", ""):
        reported = None
    return label is None or reported is None or canonical_provider(label) == reported


def matches(label: Label, rep: Reported) -> bool:
    """True when a reported id is the labelled id (normalised, within provider)."""
    if not id_keys(label.id) & id_keys(rep.id):
        return False
    if label.provider is None and _base(label.id) == _base(rep.id):
        # the same "org/model" string: at an aggregator (Novita, APIpie) the prefix is the
        # model's organisation, part of the aggregator's id, not the provider called
        return True
    label_provider = label.provider or split_provider_prefix(label.id)[0]
    # a hub component's organisation ("mistralai/...") is not a provider
    rep_provider = rep.provider or (None if rep.kind == "hub" else split_provider_prefix(rep.id)[0])
    # an id several providers offer matches under any of them ("also_providers")
    return any(
        providers_compatible(p, rep_provider) for p in (label_provider, *label.also_providers)
    )


def _labels(entries: Iterable[dict[str, Any]]) -> list[Label]:
    return [
        Label(
            e["id"],
            e.get("kind", ""),
            e.get("provider"),
            tuple(e.get("locations", [])),
            tuple(e.get("also_providers", [])),
        )
        for e in entries
    ]


def _props(obj: dict[str, Any], name: str) -> list[str]:
    return [p["value"] for p in obj.get("properties", []) if p.get("name") == name]


class SourceLines:
    """Lines of a checkout's files, read once, to place a service's model names."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._files: dict[str, list[str]] = {}

    def line(self, location: str) -> str | None:
        """The text at ``path:line`` or ``nb.ipynb#cell=N:line`` (lower-case), or None."""
        if self.root is None:
            return None
        path, sep, cell = location.partition("#cell=")
        if sep:
            number, _, num = cell.partition(":")
            if not (number.isdigit() and num.isdigit()):
                return None
            key = f"{path}#cell={number}"
            if key not in self._files:
                self._files[key] = _cell_lines(self.root / path, int(number))
        else:
            key, _, num = path.rpartition(":")
            if not num.isdigit():
                return None
            if key not in self._files:
                try:
                    text = (self.root / key).read_text(encoding="utf-8", errors="replace")
                except OSError:
                    text = ""
                self._files[key] = text.lower().splitlines()
        lines = self._files[key]
        n = int(num)
        return lines[n - 1] if 0 < n <= len(lines) else None


def _cell_lines(path: Path, number: int) -> list[str]:
    """Lower-cased source lines of a notebook's cell ``number`` (1-based over all cells)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8", errors="replace")).get("cells", [])
        source = cells[number - 1].get("source", "")
    except (OSError, ValueError, AttributeError, IndexError):
        return []
    text = "".join(source) if isinstance(source, list) else str(source)
    return text.lower().splitlines()


def model_occurrences(model: str, occurrences: list[str], source: SourceLines) -> list[str]:
    """The occurrences of a service that name ``model`` on their line (all when none does).

    A BOM lists a service's occurrences, not each model name's; with the checkout at hand
    the scorer keeps the lines that spell the name, so scope and test-path rules see where
    the name itself was found.
    """
    # the whole name, not a longer id that starts with it ("gpt-4o" in "gpt-4o-mini")
    spelled = re.compile(r"(?<![\w.:-])" + re.escape(model.lower()) + r"(?![\w.:-])")
    own = [loc for loc in occurrences if spelled.search(source.line(loc) or "")]
    return own or list(occurrences)


def reported_from_bom(bom: dict[str, Any], checkout: Path | None = None) -> list[Reported]:
    """Every model id in a BOM: model components and the model names of services."""
    source = SourceLines(checkout)
    out: list[Reported] = []
    for comp in bom.get("components", []):
        if comp.get("type") != "machine-learning-model":
            continue
        kind = (_props(comp, "aibom:model.kind") or [""])[0]
        locs = [
            f"{o['location']}:{o['line']}" if o.get("line") else o["location"]
            for o in comp.get("evidence", {}).get("occurrences", [])
        ]
        out.append(Reported(comp["name"], kind, None, locs))
    for svc in bom.get("services", []):
        provider = (_props(svc, "aibom:service.provider") or [None])[0]
        locs = _props(svc, "aibom:occurrence")
        for model in _props(svc, "aibom:service.model"):
            placed = model_occurrences(model, locs, source)
            out.append(Reported(model, "hosted", provider, list(locs), placed))
    return out


def _path_of(location: str) -> str:
    head = location.split("#", 1)[0]
    path, _, line = head.rpartition(":")
    return path if line.isdigit() else head


def is_test_path(location: str) -> bool:
    """True for a location in test code: a tests/test/__tests__ directory or a test file name."""
    parts = _path_of(location).replace("\\", "/").split("/")
    if any(part in TEST_DIRS for part in parts[:-1]):
        return True
    name = parts[-1]
    return (
        name == "conftest.py"
        or (name.startswith("test_") and name.endswith(".py"))
        or name.endswith(TEST_FILE_SUFFIXES)
    )


def only_in_tests(rep: Reported) -> bool:
    """True when every occurrence of a report lies in test code (optional, README: Scope)."""
    locs = rep.own_locations
    return bool(locs) and all(is_test_path(loc) for loc in locs)


def in_scope(rep: Reported, scope: Sequence[str] | None) -> bool:
    """A report is in scope when no scope is set or one of its occurrences lies inside it."""
    if not scope:
        return True
    if not rep.locations:
        return True
    return any(_path_of(loc).startswith(tuple(scope)) for loc in rep.locations)


def _norm_endpoint(url: str) -> str:
    return url.strip().lower().rstrip("/")


def _same_endpoint(reported: str, labelled: str) -> bool:
    a, b = _norm_endpoint(reported), _norm_endpoint(labelled)
    return a.startswith(b) or b.startswith(a)


def _known_provider(name: str) -> bool:
    try:
        from aibom.knowledge.providers import get_provider
    except ImportError:  # pragma: no cover - scorer run without aibom on the path
        return True
    return get_provider(name) is not None


def services_score(
    label_services: list[dict[str, Any]], bom: dict[str, Any]
) -> tuple[int, int, int, int, list[dict[str, Any]]]:
    """(labelled providers, found, labelled endpoints, found, missed) for one repository."""
    bom_services: dict[str, list[str]] = {}
    for svc in bom.get("services", []):
        provider = (_props(svc, "aibom:service.provider") or [svc.get("name", "")])[0]
        bom_services.setdefault(provider, []).extend(svc.get("endpoints", []))
    label_services = [
        {**s, "provider": canonical_provider(s["provider"]) or s["provider"]}
        for s in label_services
    ]
    # a provider aibom's table does not know is found as an "unknown" service at its endpoint
    for s in label_services:
        if (
            s["provider"] not in bom_services
            and not _known_provider(s["provider"])
            and s.get("endpoint")
            and any(_same_endpoint(b, s["endpoint"]) for b in bom_services.get("unknown", []))
        ):
            bom_services.setdefault(s["provider"], []).append(s["endpoint"])
    providers = sorted({s["provider"] for s in label_services})
    found = [p for p in providers if p in bom_services]
    endpoints = {
        (s["provider"], _norm_endpoint(s["endpoint"])) for s in label_services if s.get("endpoint")
    }
    endpoints_found = {
        (p, e) for p, e in endpoints if any(_same_endpoint(b, e) for b in bom_services.get(p, []))
    }
    missed = [s for s in label_services if s["provider"] not in bom_services]
    return len(providers), len(found), len(endpoints), len(endpoints_found), missed


def score_repo(
    label_doc: dict[str, Any], bom: dict[str, Any], checkout: Path | None = None
) -> RepoScore:
    """Match one BOM against one label file (``checkout``: place service model names by line)."""
    required = _labels(label_doc.get("models", []))
    optional = _labels(label_doc.get("optional", []))
    decoys = _labels(label_doc.get("decoys", []))
    scope = label_doc.get("scope")
    reported = [r for r in reported_from_bom(bom, checkout) if in_scope(r, scope)]
    # one entry per distinct (id, provider) the BOM reports
    unique: dict[tuple[str, str | None], Reported] = {}
    for rep in reported:
        key = (_base(rep.id), rep.provider)
        if key not in unique:
            unique[key] = Reported(rep.id, rep.kind, rep.provider, [], [])
        unique[key].locations.extend(rep.locations)
        assert unique[key].placed is not None
        unique[key].placed.extend(rep.own_locations)
    reps = list(unique.values())

    req_unique: dict[tuple[str, str | None], Label] = {}
    for lab in required:
        req_unique.setdefault((_base(lab.id), lab.provider), lab)
    misses = []
    found_elsewhere = []
    found = 0
    n_locations = n_locations_found = 0
    for lab in req_unique.values():
        hits = [r for r in reps if matches(lab, r)]
        reported_paths = {_path_of(loc) for r in hits for loc in r.locations}
        label_files = {_path_of(loc) for loc in lab.locations}
        n_locations += len(label_files)
        n_locations_found += len(label_files & reported_paths)
        if hits:
            found += 1
            label_paths = {_path_of(loc) for loc in lab.locations}
            if not any(_path_of(loc) in label_paths for r in hits for loc in r.locations):
                seen = sorted({loc for r in hits for loc in r.locations})[:3]
                found_elsewhere.append(
                    {"id": lab.id, "locations": list(lab.locations), "reported_at": seen}
                )
        else:
            misses.append(
                {
                    "id": lab.id,
                    "kind": lab.kind,
                    "provider": lab.provider,
                    "locations": list(lab.locations),
                }
            )

    matched = 0
    false_positives = []
    decoy_hits = []
    # precision: a service's model name counts where its own lines are (recall above credits
    # a name anywhere its service was seen in scope, as the BOM cannot say more)
    reps = [r for r in reps if in_scope(Reported(r.id, r.kind, r.provider, r.own_locations), scope)]
    for rep in reps:
        is_labelled = any(matches(lab, rep) for lab in required + optional)
        decoy = next((d for d in decoys if id_keys(d.id) & id_keys(rep.id)), None)
        if decoy is not None:
            at_decoy = set(rep.locations) & set(decoy.locations)
            if at_decoy or not is_labelled:
                decoy_hits.append(
                    {
                        "id": rep.id,
                        "provider": rep.provider,
                        "locations": sorted(at_decoy or rep.locations),
                    }
                )
        if is_labelled or only_in_tests(rep):
            matched += 1
        else:
            false_positives.append(
                {
                    "id": rep.id,
                    "kind": rep.kind,
                    "provider": rep.provider,
                    "locations": sorted(set(rep.own_locations))[:5],
                }
            )
    n_svc, n_svc_found, n_ep, n_ep_found, svc_missed = services_score(
        label_doc.get("services", []), bom
    )
    return RepoScore(
        repo=label_doc["repo"],
        split=label_doc.get("split", "dev"),
        required=len(req_unique),
        found=found,
        reported=len(reps),
        matched=matched,
        decoy_hits=decoy_hits,
        services=n_svc,
        services_found=n_svc_found,
        endpoints=n_ep,
        endpoints_found=n_ep_found,
        misses=misses,
        false_positives=false_positives,
        services_missed=svc_missed,
        found_elsewhere=found_elsewhere,
        locations=n_locations,
        locations_found=n_locations_found,
    )


def run_aibom(checkout: Path, bom_path: Path) -> float:
    """Scan one checkout with aibom from this source tree; return the wall time in seconds."""
    import time

    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    start = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "aibom",
            "scan",
            str(checkout),
            "-o",
            str(bom_path),
            "--no-hash",
            "-q",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1) or not bom_path.exists():
        raise RuntimeError(
            f"aibom failed on {checkout} (exit {proc.returncode}): {proc.stderr[-2000:]}"
        )
    return time.monotonic() - start


def find_checkouts(paths: Sequence[Path], labels_dir: Path) -> list[Path]:
    """Checkout directories named OWNER__NAME: given directly, or found under a root."""
    out: list[Path] = []
    for path in paths:
        if (labels_dir / f"{path.name}.json").exists():
            out.append(path)
        elif path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_dir() and (labels_dir / f"{p.name}.json").exists()
                )
            )
    return out


def summarize(scores: Sequence[RepoScore]) -> dict[str, Any]:
    """Micro (pooled) and macro (mean over repositories) numbers of a set of repositories."""
    if not scores:
        return {}
    req = sum(s.required for s in scores)
    rep = sum(s.reported for s in scores)
    svc = sum(s.services for s in scores)
    # a repository with nothing to find (or nothing reported) has no recall (precision) to
    # average: counting it as 1.0 would flatter the macro mean
    with_required = [s.recall for s in scores if s.required]
    with_reports = [s.precision for s in scores if s.reported]
    return {
        "repos": len(scores),
        "recall_micro": sum(s.found for s in scores) / req if req else 1.0,
        "recall_macro": sum(with_required) / len(with_required) if with_required else 1.0,
        "precision_micro": sum(s.matched for s in scores) / rep if rep else 1.0,
        "precision_macro": sum(with_reports) / len(with_reports) if with_reports else 1.0,
        "services_recall_micro": sum(s.services_found for s in scores) / svc if svc else 1.0,
        "decoy_hits": sum(len(s.decoy_hits) for s in scores),
        "location_recall_micro": (
            sum(s.locations_found for s in scores) / sum(s.locations for s in scores)
            if sum(s.locations for s in scores)
            else 1.0
        ),
    }


def _row(s: RepoScore) -> str:
    return (
        f"{s.repo:32} {s.split:8} {s.found:4}/{s.required:<4} {s.recall:6.3f} "
        f"{s.matched:4}/{s.reported:<4} {s.precision:6.3f} {s.services_found:3}/{s.services:<3} "
        f"{len(s.decoy_hits):5} {s.seconds:6.1f}s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, help="checkout dirs (OWNER__NAME) or a root holding them"
    )
    parser.add_argument(
        "--labels", type=Path, default=LABELS_DIR, help="label directory (default: %(default)s)"
    )
    parser.add_argument(
        "--bom-dir", type=Path, help="keep BOMs here (OWNER__NAME.json) and reuse existing ones"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument(
        "--details", action="store_true", help="list misses, false positives and decoy hits"
    )
    args = parser.parse_args(argv)

    checkouts = find_checkouts(args.paths, args.labels)
    if not checkouts:
        parser.error(f"no checkout named after a label file in {args.labels}")
    bom_dir = args.bom_dir or Path(tempfile.mkdtemp(prefix="aibom-realworld-"))
    bom_dir.mkdir(parents=True, exist_ok=True)
    scores: list[RepoScore] = []
    for checkout in checkouts:
        label_doc = json.loads((args.labels / f"{checkout.name}.json").read_text(encoding="utf-8"))
        bom_path = bom_dir / f"{checkout.name}.json"
        seconds = 0.0
        if not (args.bom_dir and bom_path.exists()):
            seconds = run_aibom(checkout, bom_path)
        score = score_repo(label_doc, json.loads(bom_path.read_text(encoding="utf-8")), checkout)
        score.seconds = seconds
        scores.append(score)

    splits = {split: [s for s in scores if s.split == split] for split in ("dev", "heldout")}
    if args.json:
        out = {
            "repos": [
                dict(
                    vars(s),
                    recall=s.recall,
                    precision=s.precision,
                    services_recall=s.services_recall,
                )
                for s in scores
            ],
            "summary": {split: summarize(group) for split, group in splits.items() if group},
        }
        print(json.dumps(out, indent=1))
        return 0
    print(
        f"{'repository':32} {'split':8} {'recall':>16} {'precision':>16} {'svc':>7} {'decoy':>5} {'scan':>7}"
    )
    for s in scores:
        print(_row(s))
    for split, group in splits.items():
        if not group:
            continue
        summ = summarize(group)
        print(
            f"{split}: {summ['repos']} repos  recall micro {summ['recall_micro']:.3f} macro {summ['recall_macro']:.3f}  "
            f"precision micro {summ['precision_micro']:.3f} macro {summ['precision_macro']:.3f}  "
            f"services {summ['services_recall_micro']:.3f}  decoy hits {summ['decoy_hits']}  "
            f"file-level recall {summ['location_recall_micro']:.3f}"
        )
    if args.details:
        for s in scores:
            print(f"\n## {s.repo}")
            for m in s.misses:
                print(
                    f"  MISS {m['id']} [{m['kind']}{'/' + m['provider'] if m['provider'] else ''}] {' '.join(m['locations'][:3])}"
                )
            for fp in s.false_positives:
                print(
                    f"  FP   {fp['id']} [{fp['kind']}{'/' + fp['provider'] if fp['provider'] else ''}] {' '.join(fp['locations'][:3])}"
                )
            for fe in s.found_elsewhere:
                print(
                    f"  ELSEWHERE {fe['id']} labelled {' '.join(fe['locations'][:2])} reported {' '.join(fe['reported_at'])}"
                )
            for sv in s.services_missed:
                print(
                    f"  SVC  {sv['provider']} {sv.get('endpoint', '')} {' '.join(sv['locations'][:2])}"
                )
            for d in s.decoy_hits:
                print(f"  DECOY {d['id']} {' '.join(d['locations'][:3])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
