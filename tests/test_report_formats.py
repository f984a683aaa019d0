"""PDF (text extracted with pypdf), Markdown (sections) and CSV (parsed) reports; format choice."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from builders.policy import findings as typed_findings

from aibom.bom.read import parse_bom
from aibom.policy.results import Finding
from aibom.report import ReportError, render_report, report_format_for
from aibom.report.csv_out import COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "report"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture
def example() -> dict[str, Any]:
    return load("aibom-example.json")


@pytest.fixture
def findings() -> list[Finding]:
    return typed_findings(load("findings.json")["findings"])


# --------------------------------------------------------------------------- format choice


@pytest.mark.parametrize(
    ("name", "explicit", "expected"),
    [
        ("r.html", None, "html"),
        ("R.HTM", None, "html"),
        ("out/r.pdf", None, "pdf"),
        ("r.md", None, "md"),
        ("r.markdown", None, "md"),
        ("r.csv", None, "csv"),
        ("r.txt", "markdown", "md"),
        ("r.html", "pdf", "pdf"),
        ("-", "CSV", "csv"),
    ],
)
def test_report_format_for(name: str, explicit: str | None, expected: str) -> None:
    assert report_format_for(Path(name), explicit) == expected


def test_report_format_errors() -> None:
    with pytest.raises(ReportError, match=r"cannot tell the report format from 'r\.txt'"):
        report_format_for(Path("r.txt"), None)
    with pytest.raises(ReportError, match="unknown report format 'docx'"):
        report_format_for(Path("r.html"), "docx")
    with pytest.raises(ReportError):
        render_report(parse_bom({}), "docx")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- PDF


def pdf_pages(data: bytes) -> list[str]:
    PdfReader = pytest.importorskip("pypdf").PdfReader

    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def test_pdf_title_page_sections_and_page_numbers(
    example: dict[str, Any], findings: list[Finding]
) -> None:
    data = render_report(parse_bom(example), "pdf", findings=findings)
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data)
    n = len(pages)
    assert n >= 4
    title = pages[0]
    assert "AI Bill of Materials - compliance report" in title
    assert "Project: support-assistant" in title
    assert "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" in title
    assert "Page 1" not in title  # no number on the title page
    for i, page in enumerate(pages[1:], start=2):
        assert f"Page {i} of {n}" in page
    text = "\n".join(pages)
    flat = " ".join(text.split())
    for heading in (
        "1. Executive summary",
        "2. Policy findings",
        "3. Models",
        "4. Licences and obligations",
        "5. Lineage",
        "6. Hosted model services",
        "7. Weight files",
        "8. Scan metadata",
    ):
        assert heading in text, heading
    assert "Action required: 2 open error findings (4 open in total, 1 waived)." in flat
    assert "unsafe-weights" in flat and "jobs/triage.py:30" in flat
    assert "Alibaba Cloud (Qwen team)" in flat
    assert "Built with Llama" in flat
    assert "https://api.deepseek.com" in flat
    # hashes are wrapped in the table: compare without whitespace
    squashed = re.sub(r"\s+", "", text)
    assert "e1c6e2ecfe4184700306c9ebb38795974a330a51f22402b131273f1e00f9fdb6" in squashed
    # lineage graphs (SVG) carry their text into the PDF
    assert "finetune (inferred)" in flat
    assert "quantized (declared)" in flat


def test_pdf_is_reproducible_and_metadata(example: dict[str, Any]) -> None:
    PdfReader = pytest.importorskip("pypdf").PdfReader

    a = render_report(parse_bom(example), "pdf")
    b = render_report(parse_bom(copy.deepcopy(example)), "pdf")
    assert a == b
    meta = PdfReader(io.BytesIO(a)).metadata
    assert meta is not None
    assert meta.title == "AI Bill of Materials - compliance report - support-assistant"
    assert meta.creation_date is not None and meta.creation_date.year == 2026


def test_pdf_other_tool_and_non_latin_text() -> None:
    bom = load("other-tool-bom.json")
    bom["components"][1]["name"] = "零一万物/Yi-34B “chat” — ü"
    pages = pdf_pages(render_report(parse_bom(bom), "pdf"))
    text = " ".join(" ".join(pages).split())
    assert "cyclonedx-py 4.6.1" in text
    assert "No policy was evaluated." in text
    assert '????/Yi-34B "chat" - ü' in text
    assert "unknown" in text


# --------------------------------------------------------------------------- Markdown


def test_markdown_pr_comment(example: dict[str, Any], findings: list[Finding]) -> None:
    md = render_report(parse_bom(example), "md", findings=findings).decode("utf-8")
    lines = md.splitlines()
    assert lines[0] == "## AI Bill of Materials — compliance report"
    assert lines[2] == (
        "**4** models · **2** hosted services · **4** open findings · **1** waived · "
        "**1** unsafe weight file(s)"
    )
    assert [ln for ln in lines if ln.startswith("### ")] == ["### Summary", "### Findings"]
    summaries = re.findall(r"<summary>(.*?)</summary>", md)
    assert summaries == [
        "Waived findings (1)",
        "Models (4)",
        "Licence obligations (4 licences)",
        "Lineage (3 models with recorded ancestors)",
        "Hosted services (2)",
        "Weight files (4)",
    ]
    assert md.count("<details>") == md.count("</details>") == 6
    # open findings are visible (not folded), one table row each
    findings_block = md.split("### Findings", 1)[1].split("<details>", 1)[0]
    rows = [ln for ln in findings_block.splitlines() if ln.startswith("| ") and "---" not in ln]
    assert rows[1:] == [
        "| 🔴 error | `restricted-origin` | DeepSeek API | provider DeepSeek is in CN (restricted country) | app/summarise.py:21 |",
        "| 🔴 error | `unsafe-weights` | models/legacy-classifier | weights execute code when loaded (os.system, builtins.exec) | jobs/triage.py:30 |",
        '| 🟠 warning | `license-obligations` | models/llama-3.1-8b-instruct-q4\\_k\\_m.gguf | Llama 3.1 Community License: display "Built with Llama"; 700M MAU threshold | serve/llm.py:8 |',
        "| 🔵 info | `unpinned-revision` | deepseek-ai/DeepSeek-R1-Distill-Qwen-7B | hub reference does not pin a commit | eval/reasoning.py:5 |",
    ]
    assert (
        "- `models/support-bot` —finetune→ `Qwen/Qwen2.5-7B-Instruct` —finetune→ `Qwen/Qwen2.5-7B`"
        in lines
    )
    assert "| CN (China) | 2 | 1 |" in lines


def test_markdown_escapes_table_breakers(example: dict[str, Any]) -> None:
    bom = copy.deepcopy(example)
    bom["components"][0]["name"] = "evil | <img src=x onerror=alert(1)> [x](http://e)\nnext"
    md = render_report(parse_bom(bom), "md").decode("utf-8")
    row = next(ln for ln in md.splitlines() if ln.startswith("| evil"))
    assert row.startswith(r"| evil \| \<img src=x onerror=alert(1)\> \[x\](http://e) next |")
    outside_code = re.sub(r"`[^`]*`", "", md)
    assert not re.search(r"(?<!\\)<img", outside_code)
    assert "- `evil | <img src=x onerror=alert(1)> [x](http://e) next` —finetune→" in md


# --------------------------------------------------------------------------- CSV


def test_csv_model_table(example: dict[str, Any]) -> None:
    data = render_report(parse_bom(example), "csv")
    text = data.decode("utf-8")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0].keys()) == COLUMNS
    assert [r["name"] for r in rows] == [
        "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
        "models/legacy-classifier",
        "models/llama-3.1-8b-instruct-q4_k_m.gguf",
        "models/support-bot",
    ]
    bot = rows[3]
    assert {
        k: bot[k]
        for k in (
            "kind",
            "family",
            "developer",
            "origin_country",
            "license",
            "license_category",
            "lineage_source",
            "lineage_confidence",
            "relation",
            "base_models",
            "weights_unsafe",
            "weights_hashed",
            "locations",
        )
    } == {
        "kind": "local",
        "family": "Qwen2.5",
        "developer": "Alibaba Cloud (Qwen team)",
        "origin_country": "CN",
        "license": "Apache-2.0",
        "license_category": "permissive",
        "lineage_source": "declared",
        "lineage_confidence": "high",
        "relation": "finetune",
        "base_models": "Qwen/Qwen2.5-7B-Instruct (finetune); Qwen/Qwen2.5-7B (finetune)",
        "weights_unsafe": "false",
        "weights_hashed": "true",
        "locations": "app/chat.py:12; models/support-bot/config.json",
    }
    assert rows[1]["weights_unsafe"] == "true"
    assert rows[1]["license"] == "unknown"
    assert rows[0]["lineage_families"] == "deepseek_r1; qwen2_5"
    assert rows[0]["weights_hashed"] == ""  # no weight files: not applicable


def test_csv_neutralises_formulas_and_quotes() -> None:
    bom = {
        "components": [
            {"type": "machine-learning-model", "name": '=HYPERLINK("http://e","x")'},
            {"type": "machine-learning-model", "name": 'a,b "c"\nd'},
        ]
    }
    rows = list(
        csv.DictReader(
            io.StringIO(render_report(parse_bom(bom), "csv").decode("utf-8"), newline="")
        )
    )
    assert [r["name"] for r in rows] == ['\'=HYPERLINK("http://e","x")', 'a,b "c"\nd']
    assert rows[1]["family"] == "unknown"


def test_csv_empty_bom_has_header_only() -> None:
    assert render_report(parse_bom({}), "csv").decode("utf-8") == ",".join(COLUMNS) + "\r\n"


def test_markdown_caps_long_tables() -> None:
    bom = {
        "components": [
            {"type": "machine-learning-model", "name": f"org/model-{i:03d}"} for i in range(150)
        ]
    }
    md = render_report(parse_bom(bom), "md").decode("utf-8")
    rows = [ln for ln in md.splitlines() if ln.startswith("| org/model-")]
    assert len(rows) == 60
    assert rows[-1].startswith("| org/model-059 |")
    assert "_… and 90 more rows: see the full HTML, PDF or CSV report._" in md
    assert len(md) < 65_536


def test_pdf_huge_cells_and_many_lineages_still_render() -> None:
    """Cells too tall for a page are cut; beyond 40 lineage graphs the rest is a table."""
    from aibom.report.pdf import MAX_GRAPHS

    ancestor = {
        "type": "machine-learning-model",
        "name": "Qwen/Qwen2.5-7B",
        "properties": [{"name": "aibom:lineage.relation", "value": "finetune"}],
    }
    models = [
        {
            "type": "machine-learning-model",
            "name": f"team/ft-{i:02d}",
            "licenses": [{"license": {"name": "x" * 3000 if i == 0 else "Apache-2.0"}}],
            "pedigree": {"ancestors": [ancestor]},
        }
        for i in range(MAX_GRAPHS + 5)
    ]
    bom = {
        "metadata": {"properties": [{"name": "aibom:diagnostic", "value": "d\n" * 400}]},
        "components": models,
    }
    text = " ".join(pdf_pages(render_report(parse_bom(bom), "pdf")))
    assert "(truncated; see the HTML report)" in text
    assert "Lineage of the other 5 models" in text
    assert "team/ft-44 Qwen/Qwen2.5-7B (finetune)" in " ".join(text.split())
