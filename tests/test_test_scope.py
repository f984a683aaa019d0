"""Models used only in test code: the test-path rule, scope "excluded" in the BOM, and its readers.

A model id seen only under tests/ is not a production dependency; CycloneDX 1.6 says so with
``scope: "excluded"`` ("component usage for test and other non-runtime purposes").
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType

import pytest
from conftest import component, props, scan_to_bom, validate_cyclonedx

from aibom.bom.build import build_bom
from aibom.bom.read import parse_bom
from aibom.bom.serialize import serialize
from aibom.inventory import (
    TEST_DIRS,
    TEST_FILE_SUFFIXES,
    Inventory,
    Location,
    ServiceFinding,
    is_test_path,
    only_in_tests,
)
from aibom.pipeline import ScanRequest, run_scan
from aibom.policy import run_check
from aibom.policy.facts import bom_facts
from aibom.report.csv_out import render_csv
from aibom.report.html import render_html
from aibom.report.markdown import render_markdown
from aibom.report.model import build_report

SCORER = Path(__file__).resolve().parent.parent / "benchmarks" / "realworld" / "score.py"

TEST_PATHS = [
    "tests/test_app.py",
    "tests/fixtures/models/tiny/config.json",
    "pkg/test/helpers.py",
    "web/src/__tests__/chat.tsx",
    "spec/models_spec.rb",
    "test_embeddings.py",
    "src/app/embeddings_test.py",
    "conftest.py",
    "src/conftest.py",
    "web/chat.test.ts",
    "web/chat.test.tsx",
    "web/chat.test.js",
    "web/chat.test.jsx",
    "web/chat.test.mjs",
    "web/chat.test.cjs",
    "web/chat.spec.ts",
    "web/chat.spec.jsx",
    "web/chat.spec.cjs",
    "web/chat.vitest.ts",
    "server/client_test.go",
    "tests\\windows\\style.py",
    "web/src/components/DataTable.stories.tsx",  # Storybook: demo data, not the product
    "web/src/Button.stories.mdx",
    "web/src/__mocks__/openai.ts",  # Jest manual mocks
    "web/src/__fixtures__/models.json",
]

RUNTIME_PATHS = [
    "src/contest/app.py",  # "contest" contains "test" but is not a test directory
    "latest/run.py",
    "src/attest.py",
    "src/testing_utils.py",
    "src/testing/x.py",  # testing/ is as often product code (numpy.testing)
    "web/src/pages/dataset/testing/index.tsx",  # ragflow's retrieval-testing page
    "src/tests.py",  # a module named tests, not a directory
    "app/test.py",  # test.py is not test_*.py
    "docs/specification/models.md",
    "web/chat.ts",
    "web/chat.tests.ts",
    "web/contest.ts",
    "server/client.go",
    "server/test.go",
    "notebooks/test-drive.ipynb",
    "Dockerfile",
    "my_tests/run.py",
    "web/src/stories.ts",  # a module named stories, not a story file
    "web/src/mocks/handlers.ts",  # only the Jest spelling __mocks__ is test code
]


@pytest.mark.parametrize("path", TEST_PATHS)
def test_test_code_paths(path: str) -> None:
    assert is_test_path(path)


@pytest.mark.parametrize("path", RUNTIME_PATHS)
def test_runtime_code_paths(path: str) -> None:
    assert not is_test_path(path)


def test_only_in_tests_needs_every_location_in_tests_and_at_least_one() -> None:
    assert only_in_tests([Location("tests/a.py", 1), Location("web/a.test.ts", 3)])
    assert not only_in_tests([Location("tests/a.py", 1), Location("src/a.py", 3)])
    assert not only_in_tests([])
    # a model store outside the tree says nothing about test code, whatever its path
    assert not only_in_tests([Location("/home/me/tests/hf/models--x", source="hf-cache")])


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("realworld_score_testpaths", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["realworld_score_testpaths"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def test_the_realworld_scorer_uses_the_same_test_path_rule() -> None:
    """benchmarks/realworld/score.py imports nothing from aibom; its copy of the rule must agree."""
    score = _scorer()
    if not hasattr(score, "is_test_path"):
        pytest.skip("the scorer has no test-path rule yet")
    assert set(score.TEST_DIRS) == set(TEST_DIRS)
    assert set(score.TEST_FILE_SUFFIXES) == set(TEST_FILE_SUFFIXES)
    for path in TEST_PATHS + RUNTIME_PATHS:
        assert score.is_test_path(path) == is_test_path(path), path


# --------------------------------------------------------------------------- scan -> BOM

APP = """\
from sentence_transformers import SentenceTransformer
from openai import OpenAI

shared = SentenceTransformer("BAAI/bge-small-en-v1.5")
client = OpenAI()
client.chat.completions.create(model="gpt-4o", messages=[])
"""
TEST = """\
from sentence_transformers import SentenceTransformer
from openai import OpenAI

tiny = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")
multilingual = SentenceTransformer("BAAI/bge-m3")
shared = SentenceTransformer("BAAI/bge-small-en-v1.5")
client = OpenAI()
client.chat.completions.create(model="gpt-4o-mini", messages=[])
client.chat.completions.create(model="gpt-4o", messages=[])
"""
LATEST = """\
from transformers import AutoModel

AutoModel.from_pretrained("Qwen/Qwen2.5-0.5B")
"""
JS_TEST = """\
import { pipeline } from "@huggingface/transformers";
const embed = await pipeline("feature-extraction", "Xenova/all-MiniLM-L12-v2");
"""

TREE = {
    "src/contest/app.py": APP,
    "tests/test_embeddings.py": TEST,
    "latest/run.py": LATEST,
    "web/embed.test.ts": JS_TEST,
}

TEST_ONLY_REF = "model:hub:sentence-transformers/all-MiniLM-L6-v2"
CN_TEST_ONLY_REF = "model:hub:BAAI/bge-m3"
JS_TEST_ONLY_REF = "model:hub:Xenova/all-MiniLM-L12-v2"
SHARED_REF = "model:hub:BAAI/bge-small-en-v1.5"
DECOY_REF = "model:hub:Qwen/Qwen2.5-0.5B"


@pytest.fixture
def tree(make_tree) -> Path:  # type: ignore[no-untyped-def]
    return make_tree(TREE)  # type: ignore[no-any-return]


def _openai(bom: dict) -> dict:  # type: ignore[type-arg]
    (svc,) = [s for s in bom["services"] if s["bom-ref"].startswith("service:openai")]
    return svc  # type: ignore[no-any-return]


def test_scan_marks_models_seen_only_in_tests_as_excluded(tree: Path) -> None:
    bom = scan_to_bom(tree)  # also: the direct JSON writer and the library agree, schema-valid
    assert component(bom, TEST_ONLY_REF)["scope"] == "excluded"
    assert component(bom, CN_TEST_ONLY_REF)["scope"] == "excluded"
    assert component(bom, JS_TEST_ONLY_REF)["scope"] == "excluded"
    # the same model also in src/ is a runtime dependency: no scope (the default, required)
    assert "scope" not in component(bom, SHARED_REF)
    # latest/ and src/contest/ are not test directories
    assert "scope" not in component(bom, DECOY_REF)
    svc = _openai(bom)
    assert props(svc, "aibom:service.model") == ["gpt-4o", "gpt-4o-mini"]  # every name, as before
    assert props(svc, "aibom:service.test-model") == ["gpt-4o-mini"]


def test_no_scope_and_no_test_model_property_without_test_code(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({"src/contest/app.py": APP, "latest/run.py": LATEST})
    text = json.dumps(scan_to_bom(root))
    assert '"scope"' not in text
    assert "aibom:service.test-model" not in text


def _xml(root: Path) -> str:
    result = run_scan(ScanRequest(root=root, hash_weights=False))
    built = build_bom(
        result.inventory,
        result.lineage,
        project_name=root.name,
        timestamp=datetime(2026, 12, 7, tzinfo=timezone.utc),
    )
    return serialize(built, "cyclonedx-xml", serial=uuid.UUID(int=7))


def test_xml_bom_carries_the_same_scope_and_validates(tree: Path) -> None:
    text = _xml(tree)
    validate_cyclonedx(text, "cyclonedx-xml")
    from xml.etree import ElementTree as ET

    ns = {"c": "http://cyclonedx.org/schema/bom/1.6"}
    doc = ET.fromstring(text)
    scopes = {
        c.get("bom-ref"): c.findtext("c:scope", namespaces=ns)
        for c in doc.iterfind("c:components/c:component", ns)
    }
    assert scopes[TEST_ONLY_REF] == "excluded"
    assert scopes[JS_TEST_ONLY_REF] == "excluded"
    assert scopes[SHARED_REF] is None
    assert scopes[DECOY_REF] is None
    names = [
        p.text
        for p in doc.iterfind("c:services/c:service/c:properties/c:property", ns)
        if p.get("name") == "aibom:service.test-model"
    ]
    assert names == ["gpt-4o-mini"]


def test_a_hosted_name_folded_into_its_endpoint_keeps_where_it_was_seen() -> None:
    inv = Inventory()
    inv.add(ServiceFinding("openai", Location("src/app.py", 3), "https://api.openai.com/v1"))
    inv.add(ServiceFinding("openai", Location("tests/test_app.py", 9), model="gpt-4o-mini"))
    inv.add(ServiceFinding("openai", Location("src/settings.py", 2), model="gpt-4o"))
    inv.fold_endpointless_services()
    (svc,) = inv.services.values()
    assert svc.endpoint == "https://api.openai.com/v1"
    assert svc.models == {"gpt-4o", "gpt-4o-mini"}
    assert svc.test_only_models == ["gpt-4o-mini"]


# --------------------------------------------------------------------------- readers


def test_read_policy_and_report_see_test_only_models(tree: Path) -> None:
    view = parse_bom(scan_to_bom(tree))
    by_ref = {c.bom_ref: c for c in view.components}
    assert by_ref[TEST_ONLY_REF].scope == "excluded" and by_ref[TEST_ONLY_REF].test_only
    assert by_ref[SHARED_REF].scope is None and not by_ref[SHARED_REF].test_only
    (svc,) = [s for s in view.services if (s.bom_ref or "").startswith("service:openai")]
    assert svc.test_models == ("gpt-4o-mini",)

    facts = {f.ref.bom_ref: f for f in bom_facts(view)}
    assert facts[TEST_ONLY_REF].get("model.test_only") is True
    assert facts[SHARED_REF].get("model.test_only") is False
    assert facts[svc.bom_ref].get("service.test_models") == ["gpt-4o-mini"]
    assert facts[svc.bom_ref].get("service.models") == ["gpt-4o", "gpt-4o-mini"]

    report = build_report(view)
    models = {m.bom_ref: m for m in report.models}
    assert models[TEST_ONLY_REF].test_only and not models[SHARED_REF].test_only
    markdown = render_markdown(report)
    assert "sentence-transformers/all-MiniLM-L6-v2 (test only)" in markdown
    assert "BAAI/bge-small-en-v1.5 (test only)" not in markdown
    assert "gpt-4o-mini (test only)" in markdown
    assert "models (3 used only in tests)" in markdown  # MiniLM, bge-m3, the JS test's model
    assert "gpt-4o (test only)" not in markdown
    html = render_html(report)
    assert "test only: used only in test code" in html
    assert "gpt-4o-mini (test only)" in html
    assert "<dt>Models (3 used only in tests)</dt><dd>5</dd>" in html
    rows = {r["bom_ref"]: r for r in csv.DictReader(io.StringIO(render_csv(report)))}
    assert rows[TEST_ONLY_REF]["test_only"] == "true"
    assert rows[SHARED_REF]["test_only"] == "false"


POLICY = """\
name: ship-only
rules:
  - id: hub-model
    description: every hub model that ships
    severity: warning
    when:
      all:
        - field: model.kind
          equals: hub
        - field: model.test_only
          equals: false
  - id: test-hosted-name
    description: hosted model names used only in tests
    severity: info
    when:
      field: service.test_models
      exists: true
    message: "{name}: {service.test_models}"
"""
README = Path(__file__).resolve().parent.parent / "policies" / "README.md"


def _flagged(result, rule: str) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(f.component.bom_ref or "" for f in result.findings if f.rule == rule)


def test_a_policy_can_skip_test_only_models(tree: Path, tmp_path: Path) -> None:
    view = parse_bom(scan_to_bom(tree))
    policy = tmp_path / "ship-only.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    result = run_check(view, [policy])
    assert _flagged(result, "hub-model") == [SHARED_REF, DECOY_REF]
    (hosted,) = [f for f in result.findings if f.rule == "test-hosted-name"]
    assert hosted.message.endswith(": gpt-4o-mini")


def test_the_policies_readme_example_skips_test_only_models(tree: Path, tmp_path: Path) -> None:
    """The default pack still flags a test-only model; the README's replacement rule does not."""
    view = parse_bom(scan_to_bom(tree))
    text = README.read_text("utf-8").split("### Models used only in tests", 1)[1]
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    policy = tmp_path / "ship.yaml"
    policy.write_text(example, encoding="utf-8")
    default = _flagged(run_check(view, []), "restricted-origin")
    assert CN_TEST_ONLY_REF in default and SHARED_REF in default  # default packs unchanged
    assert _flagged(run_check(view, [policy]), "restricted-origin") == sorted(
        set(default) - {CN_TEST_ONLY_REF}
    )


def test_other_tools_scopes_are_read_as_written() -> None:
    view = parse_bom(
        {
            "bomFormat": "CycloneDX",
            "specVersion": "1.6",
            "components": [
                {"type": "library", "name": "pytest", "scope": "Excluded"},
                {"type": "library", "name": "requests", "scope": "required"},
                {"type": "library", "name": "odd", "scope": 3},
            ],
        }
    )
    scopes = {c.name: (c.scope, c.test_only) for c in view.components}
    assert scopes == {
        "pytest": ("excluded", True),
        "requests": ("required", False),
        "odd": (None, False),
    }


def test_scan_summary_marks_test_only_models(tree: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from aibom.cli import app

    result = CliRunner().invoke(
        app,
        ["scan", str(tree), "-o", str(tmp_path / "bom.json")],
        env={"COLUMNS": "300", "NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.output.splitlines() if "│" in line}
    assert "sentence-transformers/all-MiniLM-L6-v2 (test only)" in rows
    assert "BAAI/bge-small-en-v1.5" in rows  # also used in src/: not marked
    assert "gpt-4o, gpt-4o-mini (test only)" in result.output


def test_diff_says_when_a_model_moves_out_of_tests(make_tree, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from aibom.diff import diff_boms, render_diff

    before = make_tree(TREE, root=tmp_path / "before")
    after = make_tree(
        {**TREE, "src/contest/rank.py": 'import x\nx.SentenceTransformer("BAAI/bge-m3")\n'},
        root=tmp_path / "after",
    )
    after_bom = scan_to_bom(after)
    assert "scope" not in component(after_bom, CN_TEST_ONLY_REF)
    d = diff_boms(parse_bom(scan_to_bom(before)), parse_bom(after_bom))
    scope_changes = [(c.name, c.field, c.old, c.new) for c in d.changes if c.aspect == "scope"]
    assert scope_changes == [("BAAI/bge-m3", "used only in tests", "true", "false")]
    assert "scope: used only in tests: true -> false" in render_diff(d, "text")


def test_spdx3_scopes_the_dependency_on_a_test_only_model_to_the_test_phase(tree: Path) -> None:
    from aibom.bom.spdx3 import to_spdx3, validate_spdx3

    text = to_spdx3(scan_to_bom(tree))
    assert validate_spdx3(text) == []
    graph = json.loads(text)["@graph"]
    names = {e.get("spdxId"): e.get("name") for e in graph}
    scoped = [e for e in graph if e.get("type") == "LifecycleScopedRelationship"]
    assert [(e["relationshipType"], e["scope"]) for e in scoped] == [("dependsOn", "test")]
    assert names[scoped[0]["from"]] == "project"
    assert sorted(names[t] for t in scoped[0]["to"]) == [
        "BAAI/bge-m3",
        "Xenova/all-MiniLM-L12-v2",
        "sentence-transformers/all-MiniLM-L6-v2",
    ]
    runtime = [
        names[t]
        for e in graph
        if e.get("type") == "Relationship"
        and e["relationshipType"] == "dependsOn"
        and names[e["from"]] == "project"
        for t in e["to"]
    ]
    assert "BAAI/bge-small-en-v1.5" in runtime and "BAAI/bge-m3" not in runtime


STORY_TEXT = """const MODELS = [
  { name: "gpt-4o", base: 12 },
  { name: "claude-3-5-sonnet", base: 8 },
  { name: "gemini-2.5-flash", base: 5 },
];
export const Default = { args: { series: MODELS } };
"""


@pytest.mark.parametrize("name", ["Chart.stories.tsx", "Chart.stories.js", "Chart.stories.ts"])
def test_storybook_stories_name_no_models(tmp_path: Path, name: str) -> None:
    """A story's props are made up to render a component: no model, hosted or otherwise."""
    from recall_scan import everything, scan

    (tmp_path / "web").mkdir()
    (tmp_path / "web" / name).write_text(STORY_TEXT)
    assert everything(scan(tmp_path)) == set()


def test_the_same_catalog_outside_a_story_is_read(tmp_path: Path) -> None:
    from recall_scan import everything, scan

    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "Chart.tsx").write_text(STORY_TEXT)
    assert {"gpt-4o", "claude-3-5-sonnet"} <= everything(scan(tmp_path))
