"""The GitHub Action: action.yml's shape, and its shell step run locally with GitHub's variables."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import validate_cyclonedx

from aibom.bom.spdx3 import validate_spdx3

REPO = Path(__file__).resolve().parents[1]
ACTION = REPO / "action.yml"
SCRIPT = REPO / "scripts" / "action.sh"

BASE_APP = """from transformers import AutoModelForCausalLM

chat = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")
"""
PR_APP = BASE_APP + 'coder = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-7B-Instruct")\n'


def _action() -> dict[str, Any]:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def _step(name: str) -> dict[str, Any]:
    return next(s for s in _action()["runs"]["steps"] if s.get("name") == name)


def test_action_is_composite_and_maps_every_input_the_script_reads() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert "docker" not in ACTION.read_text(encoding="utf-8").lower()
    step = _step("Scan, check, report")
    read = set(re.findall(r"\bINPUT_[A-Z_]+", SCRIPT.read_text(encoding="utf-8")))
    assert read <= set(step["env"]), f"not passed by action.yml: {read - set(step['env'])}"
    for var, value in step["env"].items():
        name = var.removeprefix("INPUT_").lower().replace("_", "-")
        assert value == "${{ inputs." + name + " }}" and name in action["inputs"]
    assert "scripts/action.sh" in step["run"]


def test_sarif_upload_is_gated_by_its_input_and_fork_prs() -> None:
    upload = _step("Upload SARIF to code scanning")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "inputs.upload-sarif == 'true'" in upload["if"]
    assert "always()" in upload["if"]  # even when the gate is about to fail
    assert "head.repo.full_name == github.repository" in upload["if"]
    gate = _step("Policy gate")
    assert "steps.aibom.outputs.exit-code" in gate["if"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
        },
    )


def _pull_request_checkout(root: Path) -> Path:
    """A repository whose main has one model and whose checked-out PR branch adds another."""
    work = root / "workspace"
    work.mkdir()
    _git(work, "init", "-q", "-b", "main")
    (work / "app.py").write_text(BASE_APP, encoding="utf-8")
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "base")
    _git(work, "checkout", "-q", "-b", "feature")
    (work / "app.py").write_text(PR_APP, encoding="utf-8")
    _git(work, "commit", "-q", "-am", "add a coder model")
    return work


def _run_action(
    workspace: Path, tmp: Path, **inputs: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    runner_temp = tmp / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    summary, outputs = tmp / "summary.md", tmp / "github-output"
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "GITHUB_", "NO_COLOR"))
    }
    env.update(
        {
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_OUTPUT": str(outputs),
            "RUNNER_TEMP": str(runner_temp),
            "GITHUB_ACTIONS": "true",
            "AIBOM_CMD": f"{sys.executable} -m aibom",
            "PYTHONPATH": str(REPO / "src"),
            "HF_HUB_OFFLINE": "1",
            "HF_HOME": str(tmp / "hf-home"),
            "AIBOM_CACHE_DIR": str(tmp / "cache"),
        }
    )
    env.update({"INPUT_" + k.upper(): v for k, v in inputs.items()})
    proc = subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=300
    )
    out: dict[str, str] = {}
    if outputs.exists():
        for line in outputs.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            out[key] = value
    text = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return proc, out, text


def test_pull_request_run_writes_bom_sarif_spdx_summary_and_new_models(tmp_path: Path) -> None:
    work = _pull_request_checkout(tmp_path)
    proc, out, summary = _run_action(
        work,
        tmp_path,
        policies="default, origin-restricted",
        formats="cyclonedx-json,spdx3-json",
        fail_on="error",
        base_ref="main",
        output_dir="aibom-results",
    )
    assert proc.returncode == 0, proc.stderr
    bom_path = work / out["bom"]
    validate_cyclonedx(bom_path.read_text(encoding="utf-8"))
    assert validate_spdx3((work / out["spdx"]).read_text(encoding="utf-8")) == []
    sarif = json.loads((work / out["sarif"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    rules = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert "restricted-origin" in rules
    # annotations for the pull request on standard output
    assert re.search(r"^::error .*restricted-origin", proc.stdout, re.M)
    assert out["exit-code"] == "1" and out["new-models"] == "true"
    # the summary: new models first, then the report with lineage and findings
    assert summary.startswith("# aibom: AI supply chain\n\n## New models in this PR")
    new_part, report_part = summary.split("## AI Bill of Materials", 1)
    assert "| ➕ added | model | Qwen/Qwen2.5-7B-Instruct |" in new_part
    assert "meta-llama" not in new_part  # on main already: not new
    assert "### Findings" in report_part and "restricted-origin" in report_part
    assert "Alibaba Cloud (Qwen team)" in report_part  # lineage: the developer behind it
    # the base was scanned in a temporary worktree that is gone again
    assert not (tmp_path / "runner-temp" / "aibom-base-tree").exists()
    assert (
        "feature"
        in subprocess.run(
            ["git", "branch", "--show-current"], cwd=work, capture_output=True, text=True
        ).stdout
    )


def test_clean_run_without_base_passes_the_gate(tmp_path: Path) -> None:
    work = tmp_path / "workspace"
    work.mkdir()
    (work / "app.py").write_text(BASE_APP, encoding="utf-8")
    proc, out, summary = _run_action(work, tmp_path, policies="origin-restricted")
    assert proc.returncode == 0, proc.stderr
    assert out["exit-code"] == "0" and out["new-models"] == "false"
    assert "diff" not in out and "New models" not in summary
    assert "meta-llama/Llama-3.1-8B-Instruct" in summary


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"policies": "no-such-pack"}, "no-such-pack"),
        ({"formats": "spdx-tag-value"}, "unknown format 'spdx-tag-value'"),
    ],
)
def test_bad_inputs_fail_the_step_with_a_message(
    tmp_path: Path, inputs: dict[str, str], message: str
) -> None:
    work = tmp_path / "workspace"
    work.mkdir()
    (work / "app.py").write_text(BASE_APP, encoding="utf-8")
    proc, out, _ = _run_action(work, tmp_path, **inputs)
    assert proc.returncode == 2
    assert message in proc.stdout + proc.stderr
    assert "exit-code" not in out


def test_the_example_workflow_uses_only_inputs_the_action_declares() -> None:
    workflow = yaml.safe_load((REPO / "examples" / "ci" / "github-action.yml").read_text("utf-8"))
    steps = workflow["jobs"]["aibom"]["steps"]
    (uses,) = [s for s in steps if s.get("uses", "").startswith("aibom/aibom@")]
    assert set(uses["with"]) <= set(_action()["inputs"])
    assert workflow["permissions"]["security-events"] == "write"
