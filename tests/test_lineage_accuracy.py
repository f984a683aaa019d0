"""Accuracy on the labelled set (tests/fixtures/lineage/cases.yaml), as benchmarks/lineage_accuracy.py reports it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "lineage_accuracy.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lineage_accuracy", BENCH)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("lineage_accuracy", mod)  # dataclasses look their module up
    spec.loader.exec_module(sys.modules["lineage_accuracy"])
    mod = sys.modules["lineage_accuracy"]
    return mod


def test_labelled_set_accuracy() -> None:
    bench = _bench()
    cases = bench.load_cases()
    assert len(cases) >= 60
    assert len({c["id"] for c in cases}) == len(cases)
    report = bench.evaluate()
    misses = [o.case for o in report.outcomes if not (o.family_ok and o.country_ok)]
    assert report.family_accuracy >= 0.95, misses
    assert report.country_accuracy >= 0.95, misses
    assert [o.case for o in report.high_confidence_wrong] == []
    assert [o.case for o in report.outcomes if not o.families_ok] == []
    assert [o.case for o in report.outcomes if not o.conflict_ok] == []


def test_labelled_set_covers_the_tricky_cases() -> None:
    ids = {c["id"] for c in _bench().load_cases()}
    for needed in (
        "yi-34b-llama-arch",
        "smollm2-llama-arch",
        "deepseek-llm-7b-llama-arch",
        "mistral-chatml-finetune",
        "llama3-merge-community",
        "qwen25-gguf-bartowski",
        "misleading-card-qwen-body",
        "r1-distill-qwen-undeclared",
        "chatml-alone-is-not-qwen",
    ):
        assert needed in ids
