"""`aibom check`: exit codes, outputs, input errors, and BOMs written by another CycloneDX tool."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import scan_to_bom
from typer.testing import CliRunner

from aibom.bom.read import BomError, parse_bom, validate_bom
from aibom.cli import app
from aibom.policy import render, run_check

FIXTURE = Path(__file__).parent / "fixtures" / "policy" / "model-bom.json"
runner = CliRunner()


def check(*args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, ["check", *args])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    return res.exit_code, res.stdout, res.stderr


def test_default_policy_fails_on_errors() -> None:
    code, out, _ = check(str(FIXTURE), "--format", "json")
    doc = json.loads(out)
    assert code == 1
    assert doc["summary"]["unwaived"] == {"error": 2, "warning": 5, "info": 4}


def test_fail_on_thresholds(tmp_path: Path) -> None:
    bom = tmp_path / "bom.json"
    bom.write_text(
        json.dumps(
            {
                "bomFormat": "CycloneDX",
                "specVersion": "1.6",
                "components": [
                    {
                        "type": "machine-learning-model",
                        "name": "org/m",
                        "purl": "pkg:huggingface/org/m",
                        "licenses": [{"license": {"id": "MIT"}}],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    assert check(str(bom), "-p", "provenance")[0] == 0
    assert check(str(bom), "-p", "provenance", "--fail-on", "warning")[0] == 0
    assert check(str(bom), "-p", "provenance", "--fail-on", "info")[0] == 1


def test_waivers_and_output_file(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - {rule: 'restricted-*', component: '*', reason: accepted, approver: ciso, expires: 2999-12-31}\n",
        encoding="utf-8",
    )
    out = tmp_path / "reports" / "check.sarif"
    code, stdout, _ = check(
        str(FIXTURE),
        "-p",
        "origin-restricted",
        "--waivers",
        str(waivers),
        "-f",
        "sarif",
        "-o",
        str(out),
    )
    assert code == 0
    assert stdout == ""
    log = json.loads(out.read_text(encoding="utf-8"))
    assert [len(r.get("suppressions", [])) for r in log["runs"][0]["results"]] == [1, 1, 1]
    assert (
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "app/chat.py"
    )


@pytest.mark.parametrize("fmt", ["table", "json", "sarif", "junit", "github"])
def test_every_format_from_the_cli(fmt: str) -> None:
    code, out, _ = check(str(FIXTURE), "-p", "origin-restricted", "-f", fmt)
    assert code == 1
    assert "restricted-provider" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "no-such-pack"], "unknown policy 'no-such-pack'"),
        (["-f", "xml"], "unknown format 'xml'"),
        (["--fail-on", "fatal"], "--fail-on must be error, warning or info"),
        (["--waivers", "/nonexistent/w.yaml"], "cannot read waivers file"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    code, out, err = check(str(FIXTURE), *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in out + err


def test_invalid_policy_file_names_line_and_fix(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "rules:\n  - id: x\n    description: d\n    severity: error\n    when:\n      feild: type\n      equals: library\n",
        encoding="utf-8",
    )
    code, _, err = check(str(FIXTURE), "-p", str(policy))
    assert code == 2
    assert f"{policy}:6: unknown key 'feild' in a condition" in err
    assert "did you mean 'field'?" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "invalid JSON"),
        (b"[1, 2]", "not a CycloneDX BOM"),
        (b'{"bomFormat": "SPDX"}', "not a CycloneDX BOM"),
        (b"<?xml version='1.0'?><bom/>", "looks like an XML BOM"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[" * 100000, "nested too deeply"),
    ],
)
def test_bad_bom_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    bom = tmp_path / "bad.json"
    bom.write_bytes(content)
    code, out, err = check(str(bom))
    assert code == 2, err
    assert str(bom) in err and message in err
    assert "Traceback" not in out + err


def test_missing_bom_exit_2(tmp_path: Path) -> None:
    code, _, err = check(str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read BOM" in err


def test_run_check_api() -> None:
    """The library checks and returns a typed result; it never prints or picks an exit code."""
    bom = parse_bom(json.loads(FIXTURE.read_text(encoding="utf-8")))
    result = run_check(bom, ["provenance"], None)
    assert json.loads(render(result, "json"))["summary"]["unwaived"]["error"] == 2
    assert result.exit_code("error") == 1
    origin = run_check(bom, ["origin-restricted"], None)
    assert origin.exit_code("error") == 1
    assert (
        render(origin, "github", bom_path="bom.json").splitlines()[-1]
        == "aibom check: 3 errors, 0 warnings, 0 info, 0 waived"
    )
    with pytest.raises(BomError, match=r"x\.json: not a CycloneDX BOM"):
        validate_bom({"nope": 1}, "x.json")


def test_bom_from_cyclonedx_py(tmp_path: Path) -> None:
    """A real BOM written by another CycloneDX tool (cyclonedx-bom's `cyclonedx-py environment`)."""
    pytest.importorskip("cyclonedx_py")
    if (
        shutil.which("cyclonedx-py") is None
        and not Path(sys.executable).with_name("cyclonedx-py").exists()
    ):
        pytest.skip("cyclonedx-py not installed")
    bom_path = tmp_path / "env.cdx.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cyclonedx_py",
            "environment",
            sys.executable,
            "--of",
            "JSON",
            "--sv",
            "1.6",
            "--no-validate",
            "-o",
            str(bom_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    bom = json.loads(bom_path.read_text(encoding="utf-8"))
    assert bom["bomFormat"] == "CycloneDX" and bom["specVersion"] == "1.6"
    n_components = len(bom["components"])
    assert n_components > 10
    code, out, err = check(
        str(bom_path),
        "-p",
        "default",
        "-p",
        "license-commercial",
        "-p",
        "origin-restricted",
        "-p",
        "provenance",
        "-f",
        "json",
        "--fail-on",
        "info",
    )
    assert code == 0, err
    doc = json.loads(out)
    # only libraries: no model or service rule applies, and nothing crashes on unknown components
    assert doc["findings"] == []
    assert doc["summary"]["components_checked"] == n_components
    for fmt in ("sarif", "junit", "github", "table"):
        assert check(str(bom_path), "-f", fmt)[0] == 0

    # the same tool's BOM with a model added in plain CycloneDX (no aibom properties) is checked too
    bom["components"].append(
        {
            "type": "machine-learning-model",
            "bom-ref": "qwen",
            "name": "Qwen2.5-7B",
            "purl": "pkg:huggingface/Qwen/Qwen2.5-7B",
            "manufacturer": {"name": "Alibaba Cloud", "address": {"country": "CN"}},
            "licenses": [{"license": {"name": "Qwen RESEARCH LICENSE AGREEMENT"}}],
            "modelCard": {"modelParameters": {"task": "text-generation"}},
        }
    )
    bom_path.write_text(json.dumps(bom), encoding="utf-8")
    code, out, _ = check(
        str(bom_path),
        "-p",
        "license-commercial",
        "-p",
        "origin-restricted",
        "-p",
        "provenance",
        "-f",
        "json",
    )
    assert code == 1
    assert [
        (f["severity"], f["rule"], f["component"]["bom-ref"]) for f in json.loads(out)["findings"]
    ] == [
        ("error", "license-non-commercial", "qwen"),
        ("error", "restricted-origin", "qwen"),
        ("info", "unpinned-revision", "qwen"),
    ]


def test_scan_then_check_end_to_end(tmp_path: Path) -> None:
    """A BOM written by aibom's own scanner, checked with the bundled packs."""
    root = tmp_path / "proj"
    (root / "app").mkdir(parents=True)
    (root / "app" / "main.py").write_text(
        "from transformers import AutoModelForCausalLM\n"
        "from openai import OpenAI\n"
        "\n"
        'model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-7B-Instruct")\n'
        'client = OpenAI(base_url="https://api.deepseek.com", api_key="x")\n'
        'ok = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct", '
        'revision="0e9e39f249a16976918f6564b8830bc894c89659")\n'
        "other = OpenAI()\n",
        encoding="utf-8",
    )
    bom = scan_to_bom(root)
    bom_path = tmp_path / "bom.json"
    bom_path.write_text(json.dumps(bom), encoding="utf-8")
    code, out, _ = check(str(bom_path), "-p", "origin-restricted", "-p", "provenance", "-f", "json")
    assert code == 1
    rows = [
        (
            f["severity"],
            f["rule"],
            f["component"]["name"],
            f["locations"][0]["path"],
            f["locations"][0]["line"],
        )
        for f in json.loads(out)["findings"]
    ]
    assert [r[:2] for r in rows] == [
        ("error", "restricted-origin"),
        ("error", "restricted-provider"),
        ("info", "unpinned-revision"),
    ]
    assert rows[0][2:] == ("Qwen/Qwen2.5-7B-Instruct", "app/main.py", 4)
    assert rows[1][3:] == ("app/main.py", 5)
    assert rows[2][2] == "Qwen/Qwen2.5-7B-Instruct"
