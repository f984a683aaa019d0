"""Matching logic of the real-world scorer (benchmarks/realworld/score.py) on tiny synthetic labels and BOMs."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCORER = Path(__file__).resolve().parent.parent / "benchmarks" / "realworld" / "score.py"
LABELS = SCORER.parent / "labels"


@pytest.fixture(scope="module")
def score() -> ModuleType:
    spec = importlib.util.spec_from_file_location("realworld_score", SCORER)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["realworld_score"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def _model(name: str, kind: str, *occurrences: tuple[str, int]) -> dict[str, Any]:
    return {
        "type": "machine-learning-model",
        "name": name,
        "properties": [{"name": "aibom:model.kind", "value": kind}],
        "evidence": {"occurrences": [{"location": p, "line": n} for p, n in occurrences]},
    }


def _service(provider: str, endpoint: str, models: list[str], *occurrences: str) -> dict[str, Any]:
    props = [{"name": "aibom:service.provider", "value": provider}]
    props += [{"name": "aibom:service.model", "value": m} for m in models]
    props += [{"name": "aibom:occurrence", "value": o} for o in occurrences]
    return {"name": provider, "endpoints": [endpoint], "properties": props}


def _label(**sections: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "repo": "o/r",
        "commit": "0" * 40,
        "split": "dev",
        "scope": None,
        "notes": "",
    }
    for key in ("models", "optional", "decoys", "services"):
        doc[key] = sections.get(key, [])
    if "scope" in sections:
        doc["scope"] = sections["scope"]
    return doc


def test_normalisation_case_revision_ollama_latest_and_prefixes(score: ModuleType) -> None:
    keys = score.id_keys
    assert keys("Qwen/Qwen2.5-7B-Instruct@abc123") & keys("qwen/qwen2.5-7b-instruct")
    assert keys("https://huggingface.co/BAAI/bge-m3") & keys("BAAI/bge-m3")
    assert keys("llama3") & keys("llama3:latest")
    assert not keys("llama3") & keys("llama3:8b")
    assert keys("openai:gpt-4o") & keys("gpt-4o")
    assert keys("models/gemini-2.5-flash-image") & keys("gemini-2.5-flash-image")
    # an org that is not a provider keeps its prefix
    assert not keys("Qwen/Qwen3-8B") & keys("Qwen3-8B")


def test_hosted_names_are_compared_within_provider(score: ModuleType) -> None:
    label = score.Label("mistral-large-latest", "hosted", "mistral", ())
    assert score.matches(label, score.Reported("mistral-large-latest", "hosted", "mistral"))
    assert not score.matches(label, score.Reported("mistral-large-latest", "hosted", "openrouter"))
    # a report without provider (a hub/ollama component) and a label without provider match by id
    assert score.matches(label, score.Reported("mistral-large-latest", "hub", None))
    unlabelled = score.Label("gpt-4o", "hosted", None, ())
    assert score.matches(unlabelled, score.Reported("gpt-4o", "hosted", "azure-openai"))
    # the provider in a LiteLLM-style prefix counts as the label's provider
    prefixed = score.Label("anthropic/claude-3-haiku", "hosted", None, ())
    assert score.matches(prefixed, score.Reported("claude-3-haiku", "hosted", "anthropic"))
    assert not score.matches(prefixed, score.Reported("claude-3-haiku", "hosted", "openai"))


def test_recall_precision_decoys_and_services(score: ModuleType) -> None:
    label = _label(
        models=[
            {"id": "BAAI/bge-m3", "kind": "hub", "locations": ["app/emb.py:3"]},
            {"id": "gpt-4o", "kind": "hosted", "provider": "openai", "locations": ["app/llm.py:9"]},
            {"id": "qwen2.5:7b", "kind": "ollama", "locations": ["compose.yml:4"]},
            {
                "id": "claude-3-haiku-20240307",
                "kind": "hosted",
                "provider": "anthropic",
                "locations": ["a.py:1"],
            },
        ],
        optional=[{"id": "gpt2", "kind": "hub", "locations": ["tests/t.py:2"]}],
        decoys=[{"id": "tatsu-lab/alpaca", "locations": ["train.py:5"], "why": "dataset id"}],
        services=[
            {
                "provider": "openai",
                "endpoint": "https://api.openai.com/v1",
                "locations": ["app/llm.py:8"],
            },
            {"provider": "anthropic", "locations": ["a.py:1"]},
        ],
    )
    bom = {
        "components": [
            _model("baai/bge-m3", "hub", ("app/emb.py", 3)),
            _model("qwen2.5:7b", "ollama", ("compose.yml", 4)),
            _model("gpt2", "hub", ("tests/t.py", 2)),
            _model("tatsu-lab/alpaca", "hub", ("train.py", 5)),
            _model("some/unlabelled", "hub", ("x.py", 1)),
            {"type": "library", "name": "openai"},
        ],
        "services": [_service("openai", "https://api.openai.com/v1/", ["gpt-4o"], "app/llm.py:8")],
    }
    result = score.score_repo(label, bom)
    assert (result.found, result.required) == (3, 4)
    assert [m["id"] for m in result.misses] == ["claude-3-haiku-20240307"]
    # 6 distinct reported ids; bge, qwen, gpt-4o and the optional gpt2 are labelled
    assert (result.matched, result.reported) == (4, 6)
    assert sorted(fp["id"] for fp in result.false_positives) == [
        "some/unlabelled",
        "tatsu-lab/alpaca",
    ]
    assert [d["id"] for d in result.decoy_hits] == ["tatsu-lab/alpaca"]
    assert (result.services_found, result.services) == (1, 2)
    assert (result.endpoints_found, result.endpoints) == (1, 1)


def test_decoy_hit_counted_at_a_decoy_location_even_when_the_id_is_also_required(
    score: ModuleType,
) -> None:
    label = _label(
        models=[
            {"id": "gpt-4o-mini", "kind": "hosted", "provider": "openai", "locations": ["llm.py:4"]}
        ],
        decoys=[{"id": "gpt-4o-mini", "locations": ["README.md:10"], "why": "prose"}],
    )
    from_code = {
        "services": [_service("openai", "https://api.openai.com/v1", ["gpt-4o-mini"], "llm.py:4")]
    }
    assert score.score_repo(label, from_code).decoy_hits == []
    from_prose = {"components": [_model("gpt-4o-mini", "hub", ("README.md", 10))]}
    result = score.score_repo(label, from_prose)
    assert result.found == 1 and [d["id"] for d in result.decoy_hits] == ["gpt-4o-mini"]


def test_found_only_at_unlabelled_places_is_flagged(score: ModuleType) -> None:
    label = _label(models=[{"id": "a/b", "kind": "hub", "locations": ["src/m.py:1"]}])
    elsewhere = score.score_repo(
        label, {"components": [_model("a/b", "hub", ("data/dump.json", 9))]}
    )
    assert elsewhere.found == 1 and [f["id"] for f in elsewhere.found_elsewhere] == ["a/b"]
    assert (elsewhere.locations_found, elsewhere.locations) == (0, 1)
    in_place = score.score_repo(label, {"components": [_model("a/b", "hub", ("src/m.py", 2))]})
    assert in_place.found == 1 and in_place.found_elsewhere == []
    assert (in_place.locations_found, in_place.locations) == (1, 1)


def test_scope_ignores_reports_outside_it(score: ModuleType) -> None:
    label = _label(
        scope=["src/"], models=[{"id": "a/b", "kind": "hub", "locations": ["src/m.py:1"]}]
    )
    bom = {
        "components": [
            _model("a/b", "hub", ("src/m.py", 1)),
            _model("c/d", "hub", ("docs/x.py", 2)),
        ]
    }
    result = score.score_repo(label, bom)
    assert (result.matched, result.reported, result.false_positives) == (1, 1, [])


def test_summary_micro_and_macro(score: ModuleType) -> None:
    def repo(found: int, required: int) -> Any:
        return score.RepoScore("r", "dev", required, found, 1, 1, [], 0, 0, 0, 0, [], [])

    summary = score.summarize([repo(1, 1), repo(1, 9)])
    assert summary["recall_micro"] == pytest.approx(0.2)
    assert summary["recall_macro"] == pytest.approx((1 + 1 / 9) / 2)
    # a repository with nothing to find adds nothing to the macro recall
    with_empty = score.summarize([repo(1, 1), repo(1, 9), repo(0, 0)])
    assert with_empty["recall_macro"] == pytest.approx((1 + 1 / 9) / 2)
    assert with_empty["recall_micro"] == pytest.approx(0.2)


def test_committed_label_files_are_well_formed() -> None:
    files = sorted(LABELS.glob("*.json"))
    assert files, "no label files"
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert path.stem == doc["repo"].replace("/", "__"), path
        assert len(doc["commit"]) == 40 and doc["split"] in ("dev", "heldout"), path
        for section in ("models", "optional", "decoys"):
            for entry in doc[section]:
                assert entry["id"] and entry["locations"], (path, entry)
                assert all(_is_location(loc) for loc in entry["locations"]), (path, entry)
        for entry in doc["models"] + doc["optional"]:
            assert entry["kind"] in ("hub", "ollama", "hosted", "local"), (path, entry)
            also = entry.get("also_providers", [])
            assert isinstance(also, list) and all(isinstance(p, str) and p for p in also), entry
            assert entry.get("provider") not in also, (path, entry)
        assert all(s["provider"] for s in doc["services"]), path


def test_a_reported_unknown_provider_counts_as_no_provider(score: ModuleType) -> None:
    # label "deepseek/deepseek-r1" carries provider deepseek through its prefix; aibom saw the
    # name at an aggregator it does not know (provider "unknown"): that is no provider, not a clash
    prefixed = score.Label("deepseek/deepseek-r1", "hosted", None, ())
    assert score.matches(prefixed, score.Reported("deepseek/deepseek-r1", "hosted", "unknown"))
    labelled = score.Label("gpt-4o", "hosted", "openai", ())
    assert score.matches(labelled, score.Reported("gpt-4o", "hosted", "unknown"))
    assert score.matches(labelled, score.Reported("gpt-4o", "hosted", ""))
    # a known provider that disagrees still does not match
    assert not score.matches(labelled, score.Reported("gpt-4o", "hosted", "novita"))


def test_an_org_prefixed_id_reported_whole_under_an_aggregator_matches(score: ModuleType) -> None:
    label = score.Label("deepseek/deepseek-r1", "hosted", None, ())
    assert score.matches(label, score.Reported("deepseek/deepseek-r1", "hosted", "novita"))
    # split off, the prefix still names the provider
    assert not score.matches(label, score.Reported("deepseek-r1", "hosted", "novita"))
    assert score.matches(label, score.Reported("deepseek-r1", "hosted", "deepseek"))
    # a label with an explicit provider keeps it
    pinned = score.Label("deepseek/deepseek-r1", "hosted", "novita", ())
    assert not score.matches(pinned, score.Reported("deepseek/deepseek-r1", "hosted", "apipie"))


def test_label_provider_names_are_read_as_aibom_provider_ids(score: ModuleType) -> None:
    assert score.canonical_provider("voyageai") == "voyage"
    assert score.canonical_provider("openai") == "openai"
    assert score.canonical_provider("not-a-provider") == "not-a-provider"
    label = score.Label("voyage-3-lite", "hosted", "voyageai", ())
    assert score.matches(label, score.Reported("voyage-3-lite", "hosted", "voyage"))
    found = score.services_score(
        [{"provider": "voyageai", "locations": []}],
        {"services": [_service("voyage", "https://api.voyageai.com/v1", [])]},
    )
    assert found[:2] == (1, 1)


def test_a_hub_component_organisation_is_not_a_provider(score: ModuleType) -> None:
    label = score.Label("mistralai/Mistral-7B-Instruct-v0.1", "hosted", "together", ())
    assert score.matches(label, score.Reported("mistralai/Mistral-7B-Instruct-v0.1", "hub", None))
    # reported as a hosted name under another provider it still disagrees
    assert not score.matches(
        label, score.Reported("mistralai/Mistral-7B-Instruct-v0.1", "hosted", "mistral")
    )


def test_an_id_offered_by_several_providers_matches_under_any_of_them(score: ModuleType) -> None:
    label_doc = _label(
        models=[
            {
                "id": "glm-5.1",
                "kind": "hosted",
                "provider": "zhipu",
                "also_providers": ["tencent-hunyuan"],
                "locations": ["conf/catalog.json:3"],
            }
        ]
    )
    bom = {
        "services": [
            _service("zhipu", "https://open.bigmodel.cn", ["glm-5.1"], "conf/catalog.json:3"),
            _service("tencent-hunyuan", "https://x", ["glm-5.1"], "conf/catalog.json:9"),
            _service("moonshot", "https://api.moonshot.cn", ["glm-5.1"], "conf/catalog.json:12"),
        ]
    }
    result = score.score_repo(label_doc, bom)
    assert (result.found, result.required) == (1, 1)
    # the two offering providers match; a third provider is still a false positive
    assert (result.matched, result.reported) == (2, 3)
    assert [fp["provider"] for fp in result.false_positives] == ["moonshot"]
    # recall: a report under an "also" provider alone finds the label
    only_also = {"services": [bom["services"][1]]}
    assert score.score_repo(label_doc, only_also).found == 1


@pytest.mark.parametrize(
    "location",
    [
        "tests/unit/x.py:3",
        "pkg/test/data.json:1",
        "src/__tests__/a.ts:2",
        "pkg/test_models.py:4",
        "pkg/models_test.py:4",
        "conftest.py:1",
        "core/llm/Bedrock.test.ts:9",
        "gui/a.spec.tsx:1",
        "core/config/models.vitest.ts:274",
        "web/a.test.js:1",
    ],
)
def test_test_paths_are_recognised(score: ModuleType, location: str) -> None:
    assert score.is_test_path(location)


@pytest.mark.parametrize(
    "location",
    ["src/testing/x.py:1", "contest.py:2", "latest/models.py:1", "src/attest.ts:1", "test.py:1"],
)
def test_product_paths_are_not_test_paths(score: ModuleType, location: str) -> None:
    assert not score.is_test_path(location)


def test_a_report_only_in_tests_is_optional_but_one_also_in_product_code_is_not(
    score: ModuleType,
) -> None:
    label_doc = _label(models=[{"id": "a/b", "kind": "hub", "locations": ["src/m.py:1"]}])
    bom = {
        "components": [
            _model("a/b", "hub", ("src/m.py", 1)),
            _model("t/only", "hub", ("tests/test_m.py", 3), ("src/__tests__/x.ts", 4)),
            _model("t/leaks", "hub", ("tests/test_m.py", 5), ("src/app.py", 6)),
        ]
    }
    result = score.score_repo(label_doc, bom)
    assert (result.matched, result.reported) == (2, 3)
    assert [fp["id"] for fp in result.false_positives] == ["t/leaks"]
    # a decoy reported only in tests is still a decoy hit
    with_decoy = dict(label_doc, decoys=[{"id": "t/only", "locations": ["README.md:1"]}])
    assert [d["id"] for d in score.score_repo(with_decoy, bom).decoy_hits] == ["t/only"]


def test_service_model_names_are_placed_on_the_lines_that_spell_them(
    score: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "in_scope.json").write_text('{\n "llm_name": "step-2"\n}\n')
    (tmp_path / "conf" / "other.json").write_text('{\n "name": "step-9"\n}\n')
    label_doc = _label(
        scope=["conf/in_scope.json"],
        models=[{"id": "step-2", "kind": "hosted", "locations": ["conf/in_scope.json:2"]}],
    )
    svc = _service(
        "stepfun",
        "https://api.stepfun.com/v1",
        ["step-2", "step-9"],
        "conf/in_scope.json:2",
        "conf/other.json:2",
    )
    placed = score.score_repo(label_doc, {"services": [svc]}, tmp_path)
    # step-9 is spelled only outside the scope: out of scope, not a false positive
    assert (placed.matched, placed.reported, placed.false_positives) == (1, 1, [])
    # without the checkout every model name carries all of its service's occurrences
    unplaced = score.score_repo(label_doc, {"services": [svc]})
    assert [fp["id"] for fp in unplaced.false_positives] == ["step-9"]
    # a name no occurrence line spells keeps them all
    assert score.model_occurrences(
        "step-3", ["conf/in_scope.json:2", "conf/other.json:2"], score.SourceLines(tmp_path)
    ) == ["conf/in_scope.json:2", "conf/other.json:2"]


def test_a_provider_aibom_does_not_know_is_found_as_an_unknown_service_at_its_endpoint(
    score: ModuleType,
) -> None:
    labelled = [
        {"provider": "greenpt", "endpoint": "https://api.greenpt.ai/v1", "locations": []},
        {"provider": "longcat", "endpoint": "https://api.longcat.chat/openai", "locations": []},
    ]
    bom = {"services": [_service("unknown", "https://api.greenpt.ai/v1", ["green-s"])]}
    n, found, n_ep, ep_found, missed = score.services_score(labelled, bom)
    assert (n, found, n_ep, ep_found) == (2, 1, 2, 1)
    assert [m["provider"] for m in missed] == ["longcat"]
    # a provider aibom knows must be reported under its own id
    known = [{"provider": "deepseek", "endpoint": "https://api.deepseek.com", "locations": []}]
    unknown_at = {"services": [_service("unknown", "https://api.deepseek.com", [])]}
    assert score.services_score(known, unknown_at)[1] == 0


_WHOLE_FILE_SUFFIXES = (
    # binary files with no lines: weights, sentencepiece models, 3D assets
    *(".gguf", ".ggml", ".bin", ".safetensors", ".onnx", ".pt", ".pth", ".gz", ".model"),
    *(".glb", ".gltf"),
)


def _is_location(loc: str) -> bool:
    """``path:line``, a notebook ``path#cell=N``, or a weight file's path alone (it has no lines)."""
    return ":" in loc or "#cell=" in loc or loc.lower().endswith(_WHOLE_FILE_SUFFIXES)


def test_a_bare_sentence_transformers_name_matches_its_organisation(score: ModuleType) -> None:
    label_doc = _label(
        models=[{"id": "all-MiniLM-L6-v2", "kind": "hub", "locations": ["app/cache.py:3"]}]
    )
    bom = {
        "components": [
            {
                "type": "machine-learning-model",
                "name": "sentence-transformers/all-MiniLM-L6-v2",
                "evidence": {"occurrences": [{"location": "app/cache.py", "line": 3}]},
            }
        ]
    }
    result = score.score_repo(label_doc, bom)
    assert (result.found, result.matched, result.reported) == (1, 1, 1)
    # another organisation's model of the same name is not it
    bom["components"][0]["name"] = "someorg/all-MiniLM-L6-v2"
    assert score.score_repo(label_doc, bom).found == 0


def test_a_notebook_cell_location_is_read_for_placing_model_names(
    score: ModuleType, tmp_path: Path
) -> None:
    cells = [
        {"cell_type": "markdown", "source": ["# Embeddings\n"]},
        {"cell_type": "code", "source": ["import x\n", 'm = "text-embedding-3-small"\n']},
    ]
    (tmp_path / "nb.ipynb").write_text(json.dumps({"cells": cells}), encoding="utf-8")
    (tmp_path / "defaults.py").write_text("MODEL = DEFAULT\n", encoding="utf-8")
    lines = score.SourceLines(tmp_path)
    assert lines.line("nb.ipynb#cell=2:2") == 'm = "text-embedding-3-small"'
    assert lines.line("nb.ipynb#cell=9:1") is None
    assert score.model_occurrences(
        "text-embedding-3-small", ["defaults.py:1", "nb.ipynb#cell=2:2"], lines
    ) == ["nb.ipynb#cell=2:2"]
