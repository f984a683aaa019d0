"""Policy files: loading, extends/parameters/overrides, and the documented errors for invalid files."""

from __future__ import annotations

from pathlib import Path

import pytest

from aibom.policy import PolicyError, load_policies
from aibom.policy.conditions import AllOf, FieldTest
from aibom.policy.loader import BUNDLED_PACKS, bundled_pack_text

ROOT = Path(__file__).resolve().parent.parent
FOREIGN_ADVERSARIES = ["CN", "HK", "MO", "CU", "IR", "KP", "RU", "VE"]

GOOD = """\
name: acme
description: Acme policy
rules:
  - id: no-gguf
    description: GGUF weights are not allowed.
    severity: warning
    when:
      field: weights.formats
      in: [gguf]
    message: "{name} ships {matched}"
"""


def write(tmp_path: Path, text: str, name: str = "policy.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path | str) -> str:
    with pytest.raises(PolicyError) as info:
        load_policies([str(path)])
    return str(info.value)


def test_bundled_packs_are_the_repo_policies() -> None:
    for name in BUNDLED_PACKS:
        assert (ROOT / "policies" / f"{name}.yaml").read_text(
            encoding="utf-8"
        ) == bundled_pack_text(name)
        assert bundled_pack_text(name).startswith("# aibom")  # documented at its top
    assert sorted(p.stem for p in (ROOT / "policies").glob("*.yaml")) == sorted(BUNDLED_PACKS)


def test_empty_spec_means_default() -> None:
    policy = load_policies([])
    assert policy.names == ("default",)
    assert policy.parameters == {"restricted_countries": FOREIGN_ADVERSARIES}
    assert {r.id: r.severity for r in policy.rules} == {
        "license-conflict": "warning",
        "license-non-commercial": "warning",
        "license-unknown": "info",
        "lineage-conflict": "error",
        "lineage-undeclared": "info",
        "remote-code-model": "info",
        "restricted-origin": "warning",
        "restricted-provider": "warning",
        "unhashed-weights": "info",
        "unpinned-revision": "info",
        "unsafe-weights": "error",
    }


def test_good_file(tmp_path: Path) -> None:
    policy = load_policies([write(tmp_path, GOOD)])
    assert policy.names == ("acme",)
    (rule,) = policy.rules
    assert rule.id == "no-gguf" and rule.severity == "warning"
    assert rule.condition == FieldTest("weights.formats", "in", ["gguf"], 9)
    assert rule.source == f"{tmp_path / 'policy.yaml'}:4"


def test_extends_parameters_and_overrides(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
extends: [origin-restricted, provenance]
parameters:
  restricted_countries: [RU, "NO"]
overrides:
  unpinned-revision: {severity: warning}
  unhashed-weights: {enabled: false}
""",
    )
    policy = load_policies([path])
    assert policy.names == ("origin-restricted", "provenance", str(path))
    assert policy.parameters == {"restricted_countries": ["RU", "NO"]}
    severities = {r.id: r.severity for r in policy.rules}
    assert severities == {
        "lineage-conflict": "error",
        "lineage-undeclared": "warning",
        "remote-code-model": "warning",
        "restricted-origin": "error",
        "restricted-provider": "error",
        "unpinned-revision": "warning",
        "unsafe-weights": "error",
    }
    origin = next(r for r in policy.rules if r.id == "restricted-origin")
    assert isinstance(origin.condition, AllOf)
    assert origin.condition.items[1] == FieldTest(
        "lineage.countries", "in", ["RU", "NO"], origin.condition.items[1].line
    )  # type: ignore[union-attr]


def test_unquoted_no_is_a_country_not_false(tmp_path: Path) -> None:
    path = write(
        tmp_path, "extends: origin-restricted\nparameters:\n  restricted_countries: [NO, RU]\n"
    )
    assert load_policies([path]).parameters == {"restricted_countries": ["NO", "RU"]}


def test_extends_relative_path_and_later_policy_wins(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "base.yaml")
    child = write(
        tmp_path, "extends: base.yaml\noverrides:\n  no-gguf: {severity: error}\n", "child.yaml"
    )
    assert [(r.id, r.severity) for r in load_policies([child]).rules] == [("no-gguf", "error")]
    merged = load_policies(["default", "license-commercial"])
    sev = {r.id: r.severity for r in merged.rules}
    assert sev["license-non-commercial"] == "error"  # license-commercial replaced default's rule
    assert sev["unsafe-weights"] == "error" and len(sev) == 13


def test_waivers_section_in_policy(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        GOOD
        + """\
waivers:
  - rule: no-gguf
    component: "models/*"
    reason: Benchmarks only
    approver: risk@acme.example
    expires: 2030-01-31
""",
    )
    (waiver,) = load_policies([path]).waivers
    assert (waiver.rule, waiver.component, waiver.expires.isoformat()) == (
        "no-gguf",
        "models/*",
        "2030-01-31",
    )
    assert waiver.source == f"{path}:12"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a typo in a field name is an error with the line and a suggestion
        (
            GOOD.replace("field: weights.formats", "field: weights.format"),
            "policy.yaml:8: unknown field 'weights.format'; did you mean 'weights.formats'?",
        ),
        (
            GOOD.replace("severity: warning", "serverity: warning"),
            "policy.yaml:6: unknown key 'serverity' in rule; did you mean 'severity'?",
        ),
        (
            GOOD.replace("in: [gguf]", "inn: [gguf]"),
            "policy.yaml:9: unknown key 'inn' in a condition",
        ),
        (
            GOOD.replace("rules:", "rulez:"),
            "policy.yaml:3: unknown key 'rulez' in a policy file; did you mean 'rules'?",
        ),
        (
            GOOD.replace("severity: warning", "severity: warn"),
            "policy.yaml:6: severity 'warn' must be one of error, warning, info; did you mean 'warning'?",
        ),
        (
            GOOD.replace("    severity: warning\n", ""),
            "policy.yaml:4: rule is missing 'severity'; add it",
        ),
        (
            GOOD.replace("in: [gguf]", "in: gguf"),
            "policy.yaml:9: 'in' takes a non-empty list of values",
        ),
        (
            GOOD.replace("in: [gguf]", "regex: '(unclosed'"),
            "policy.yaml:9: invalid regular expression",
        ),
        (
            GOOD.replace("in: [gguf]", "in: $formats"),
            "policy.yaml:9: rule 'no-gguf' uses undefined parameter '$formats'; define it under 'parameters:'",
        ),
        (
            GOOD.replace("{matched}", "{weights.fromats}"),
            "policy.yaml:10: unknown placeholder '{weights.fromats}' in message; did you mean 'weights.formats'?",
        ),
        (
            GOOD.replace("      in: [gguf]\n", ""),
            "policy.yaml:8: field 'weights.formats' has no op",
        ),
        (
            GOOD.replace("  - id: no-gguf", "  - id: No GGUF"),
            "policy.yaml:4: rule id 'No GGUF' must be lowercase",
        ),
        (
            GOOD + GOOD[GOOD.index("  - id") :],
            "policy.yaml:11: rule id 'no-gguf' is used twice in this file (first at line 4)",
        ),
        (
            GOOD.replace("name: acme\n", "name: acme\nname: other\n"),
            "policy.yaml:2: duplicate key 'name' (first at line 1)",
        ),
        (GOOD.replace("    when:\n", "    when:\n   bad"), "policy.yaml:"),
        (
            "extends: defualt\n",
            "policy.yaml:1: unknown policy 'defualt': not a file and not a bundled pack; did you mean 'default'?",
        ),
        (
            "extends: default\noverrides:\n  unsafe-weight: {severity: info}\n",
            "policy.yaml:3: override for unknown rule 'unsafe-weight'; did you mean 'unsafe-weights'?",
        ),
        (
            "extends: origin-restricted\nparameters:\n  restricted_countires: [RU]\n",
            "policy.yaml:3: parameter 'restricted_countires' is not used by any rule; did you mean 'restricted_countries'?",
        ),
        ("", "policy.yaml: empty policy file"),
        ("- a\n- b\n", "policy.yaml:1: a policy file must be a mapping"),
        ("name: x\n", "policy.yaml:1: policy has no rules"),
        (
            GOOD.replace(
                "      field: weights.formats\n      in: [gguf]",
                "      all:\n        - field: type\n          equals: x\n      any: []",
            ),
            "policy.yaml:11: 'all' must stand alone in its condition; move 'any' into a separate list item",
        ),
        (
            GOOD.replace("in: [gguf]", "in: [$formats, onnx]"),
            "policy.yaml:9: parameter reference '$formats' inside a value; a parameter is the whole value: write 'in: $formats'",
        ),
        (
            GOOD.replace("in: [gguf]", 'in: "{{ params.formats }}"'),
            "policy.yaml:9: parameter reference '{{ params.formats }}' inside a value; a parameter is the whole value: write 'in: $formats'",
        ),
        (
            GOOD.replace("      in: [gguf]", "      exists: maybe"),
            "policy.yaml:9: 'exists' takes true or false",
        ),
        (
            GOOD.replace("      in: [gguf]", "      gte: 3"),
            "policy.yaml:9: 'gte' compares ordered facts only (lineage.confidence)",
        ),
    ],
)
def test_invalid_policies(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    message = error_of(path)
    assert expected in message, message
    assert message.startswith(str(tmp_path)) or message.startswith("bundled:"), message


def test_parameter_type_error_points_to_where_it_is_set(tmp_path: Path) -> None:
    path = write(tmp_path, "extends: origin-restricted\nparameters:\n  restricted_countries: RU\n")
    message = error_of(path)
    assert message.startswith(
        f"{path}:3: parameter 'restricted_countries' does not fit rule 'restricted-origin' (bundled:origin-restricted:"
    )
    assert message.endswith("'in' takes a non-empty list of values")


def test_confidence_values_are_checked(tmp_path: Path) -> None:
    text = GOOD.replace(
        "field: weights.formats\n      in: [gguf]", "field: lineage.confidence\n      gte: certain"
    )
    assert "policy.yaml:9: 'lineage.confidence' is compared with low, medium or high" in error_of(
        write(tmp_path, text)
    )


def test_missing_and_cyclic_files(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.yaml").endswith("not found; check the path")
    assert "not a file and not a bundled pack" in error_of("strict")
    write(tmp_path, "extends: b.yaml\n", "a.yaml")
    write(tmp_path, "extends: a.yaml\n", "b.yaml")
    assert "'extends' cycle" in error_of(tmp_path / "a.yaml")


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    path = write(tmp_path, "rules:\n  - id: x\n    description: [unclosed\n")
    message = error_of(path)
    assert message.startswith(f"{path}:4: invalid YAML") or message.startswith(
        f"{path}:3: invalid YAML"
    ), message


def test_ci_examples_parse_and_example_policy_loads() -> None:
    import yaml

    policy = load_policies([ROOT / "examples" / "ci" / "policy.yaml"])
    assert policy.names == (
        "default",
        "origin-restricted",
        "license-commercial",
        "provenance",
        "acme-ai-policy",
    )
    sev = {r.id: r.severity for r in policy.rules}
    assert sev["unpinned-revision"] == "warning" and sev["no-pickle-weights"] == "warning"
    assert [w.rule for w in policy.waivers] == ["license-obligations"]
    workflow = yaml.safe_load(
        (ROOT / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    )
    steps = workflow["jobs"]["aibom"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in steps)
    gitlab = yaml.safe_load(
        (ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8")
    )
    assert gitlab["aibom"]["artifacts"]["reports"] == {
        "junit": "aibom-junit.xml",
        "cyclonedx": "aibom.cdx.json",
    }
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (
        hook["id"] == "aibom" and hook["language"] == "python" and hook["pass_filenames"] is False
    )


def test_readme_documents_every_field() -> None:
    from aibom.policy.facts import FIELDS

    readme = (ROOT / "policies" / "README.md").read_text(encoding="utf-8")
    for name, spec in FIELDS.items():
        assert f"| `{name}` | {spec.kind} | {spec.description} |" in readme
