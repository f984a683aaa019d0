"""HTML report: parsed, not grepped. Self-contained, accessible, escaped."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from builders.policy import findings as typed_findings

from aibom.bom.read import parse_bom
from aibom.report import render_report

FIXTURES = Path(__file__).parent / "fixtures" / "report"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def parse(data: bytes) -> ET.Element:
    """The report is well-formed: parse it as XML (doctype removed)."""
    text = data.decode("utf-8")
    assert text.startswith("<!DOCTYPE html>\n")
    return ET.fromstring(text.removeprefix("<!DOCTYPE html>\n"))


def text_of(el: ET.Element) -> str:
    return " ".join(" ".join(el.itertext()).split())


def table(root: ET.Element, table_id: str) -> tuple[str, list[str], list[list[str]]]:
    """(caption, header cells, body rows) of a table."""
    t = root.find(f".//table[@id='{table_id}']")
    assert t is not None, table_id
    caption = t.find("caption")
    assert caption is not None
    heads = t.findall("./thead/tr/th")
    assert all(h.get("scope") == "col" for h in heads)
    rows = []
    for tr in t.findall("./tbody/tr"):
        rows.append([text_of(c) for c in tr])
    return text_of(caption), [text_of(h) for h in heads], rows


@pytest.fixture
def report() -> ET.Element:
    data = render_report(
        parse_bom(load("aibom-example.json")),
        "html",
        findings=typed_findings(load("findings.json")["findings"]),
    )
    return parse(data)


def test_document_structure(report: ET.Element) -> None:
    assert report.get("lang") == "en"
    assert report.find("./head/meta[@charset='utf-8']") is not None
    h1 = report.findall(".//h1")
    assert [text_of(h) for h in h1] == ["AI Bill of Materials — compliance report"]
    h2 = [text_of(h) for h in report.findall(".//main//h2")]
    assert h2 == [
        "1. Executive summary",
        "2. Policy findings",
        "3. Models",
        "4. Licences and obligations",
        "5. Lineage",
        "6. Hosted model services",
        "7. Weight files",
        "8. Scan metadata",
    ]
    # headings never skip a level: h3 only inside sections that have an h2
    for section in report.findall(".//main/section"):
        assert section.find("h2") is not None
        assert section.get("aria-labelledby") == section.find("h2").get("id")  # type: ignore[union-attr]


def test_self_contained_no_scripts_no_fetches(report: ET.Element) -> None:
    for el in report.iter():
        assert el.tag not in ("script", "link", "img", "iframe", "object", "embed"), el.tag
        for attr in ("src", "href", "xlink:href"):
            value = el.get(attr)
            if value is not None:
                assert value.startswith("#"), (el.tag, value)
    style = report.find("./head/style")
    assert style is not None and style.text
    assert "url(" not in style.text and "@import" not in style.text
    assert "@media print" in style.text and "break-before: page" in style.text


def test_summary_tables(report: ET.Element) -> None:
    caption, heads, rows = table(report, "by-country")
    assert caption == "Models and services by origin country"
    assert heads == ["Country", "Models", "Services"]
    assert rows == [
        ["CN (China)", "2", "1"],
        ["US (United States)", "1", "1"],
        ["unknown", "1", "0"],
    ]
    _, _, rows = table(report, "by-licence-category")
    assert rows == [["permissive", "2"], ["custom-restricted", "1"], ["unknown", "1"]]
    _, _, rows = table(report, "by-severity")
    assert rows == [["error", "2", "1"], ["warning", "1", "0"], ["info", "1", "0"]]
    kpis = {
        text_of(d.find("dt")): text_of(d.find("dd"))
        for d in report.findall(".//dl[@class='kpis']/div")
    }  # type: ignore[arg-type]
    assert kpis == {
        "Models": "4",
        "Hosted services": "2",
        "Origin countries": "2",
        "Open findings": "4",
        "Waived findings": "1",
        "Unsafe weight files": "1",
    }
    verdict = report.find(".//p[@class='verdict fail']")
    assert verdict is not None
    assert text_of(verdict) == "Action required: 2 open error findings (4 open in total, 1 waived)."


def test_models_table(report: ET.Element) -> None:
    _, heads, rows = table(report, "models-table")
    assert heads == [
        "Model",
        "Kind",
        "Family",
        "Developer",
        "Origin",
        "Licence",
        "Category",
        "Obligations",
        "Lineage source",
        "Where used",
    ]
    by_name = {r[0]: r for r in rows}
    assert list(by_name) == [
        "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
        "models/legacy-classifier",
        "models/llama-3.1-8b-instruct-q4_k_m.gguf",
        "models/support-bot",
    ]
    bot = by_name["models/support-bot"]
    assert bot[1:7] == [
        "local",
        "Qwen2.5",
        "Alibaba Cloud (Qwen team)",
        "CN (China)",
        "Apache-2.0 Apache License 2.0",
        "permissive",
    ]
    assert bot[8] == "declared, high confidence"
    assert bot[7] == "3 obligations under Apache-2.0"
    llama = by_name["models/llama-3.1-8b-instruct-q4_k_m.gguf"]
    assert llama[7] == "6 obligations under llama3.1"
    legacy = by_name["models/legacy-classifier"]
    assert legacy[2:8] == [
        "unknown",
        "unknown",
        "unknown",
        "unknown",
        "unknown",
        "no licence: terms unknown",
    ]
    distill = by_name["deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"]
    assert distill[5] == "MIT MIT License inherits: apache-2.0"
    assert distill[7] == (
        "3 obligations under Apache-2.0 (from a base model) 1 obligation under MIT"
    )
    # obligation counts link to the licence rows of section 4
    links = {a.get("href") for a in report.findall(".//table[@id='models-table']//a")}
    assert links == {"#licence-Apache-2.0", "#licence-llama3.1", "#licence-MIT"}
    assert all(report.find(f".//*[@id='{h[1:]}']") is not None for h in links)
    # every body row starts with a row header
    t = report.find(".//table[@id='models-table']")
    assert t is not None
    assert all(tr[0].tag == "th" and tr[0].get("scope") == "row" for tr in t.findall("./tbody/tr"))


def test_findings_table(report: ET.Element) -> None:
    _, heads, rows = table(report, "findings-table")
    assert heads == ["Severity", "Rule", "Component", "Reason", "Evidence location", "Waiver"]
    assert [r[:3] for r in rows] == [
        ["ERROR", "restricted-origin", "DeepSeek API"],
        ["ERROR", "unsafe-weights", "models/legacy-classifier"],
        ["WARNING", "license-obligations", "models/llama-3.1-8b-instruct-q4_k_m.gguf"],
        ["INFO", "unpinned-revision", "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"],
        ["ERROR", "restricted-origin", "models/support-bot"],
    ]
    assert rows[1][4] == "jobs/triage.py:30"
    assert rows[0][5] == "—"
    assert rows[4][5] == (
        "Waived: On-prem weights, no data leaves the network; approved by j.doe@example.com; expires 2027-03-31"
    )


def test_licences_services_weights_scan(report: ET.Element) -> None:
    _, _, rows = table(report, "licences-table")
    assert [r[0] for r in rows] == [
        "Apache-2.0 Apache License 2.0",
        "llama3.1 Llama 3.1 Community License Agreement",
        "MIT MIT License",
        "unknown",
    ]
    assert rows[3][3] == "No licence declared: terms cannot be assessed"
    _, heads, rows = table(report, "services-table")
    assert heads == [
        "Service",
        "Provider",
        "Provider country",
        "Endpoints",
        "Models used",
        "Where used",
    ]
    assert rows == [
        [
            "DeepSeek API",
            "DeepSeek",
            "CN (China)",
            "https://api.deepseek.com",
            "deepseek-chat",
            "app/summarise.py:21",
        ],
        [
            "OpenAI API",
            "OpenAI",
            "US (United States)",
            "https://api.openai.com/v1",
            "gpt-4o-mini",
            "app/chat.py:40",
        ],
    ]
    _, _, rows = table(report, "weights-table")
    assert rows[0] == [
        "models/legacy-classifier/pytorch_model.bin",
        "models/legacy-classifier",
        "pytorch",
        "6d08a4e630e4aa0d5cd873e65aea0a23df42de61073ecb49ef17158fe6a9dcea",
        "unsafe: executes code when loaded imports: builtins.exec, os.system",
    ]
    _, _, rows = table(report, "scan-table")
    assert dict((r[0], r[1]) for r in rows) == {
        "Project": "support-assistant",
        "Scanned root": "examples/support-assistant",
        "Files scanned": "42",
        "Scan time (UTC)": "2026-11-24T12:00:00Z",
        "BOM serial number": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
        "CycloneDX spec version": "1.6",
        "Generated by": "aibom 0.1.0",
    }


SVG = "{http://www.w3.org/2000/svg}"


def test_svg_graphics_accessible_and_lineage_edges(report: ET.Element) -> None:
    svgs = list(report.iter(f"{SVG}svg"))
    # 3 charts + 3 lineage graphs (the pickle has no ancestors)
    assert len(svgs) == 6
    for s in svgs:
        assert s.get("role") == "img"
        assert s.get("aria-label")
        assert s.find(f"{SVG}title") is not None
    lineage = [s for s in svgs if (s.findtext(f"{SVG}title") or "").startswith("Lineage of")]
    bot = next(s for s in lineage if s.findtext(f"{SVG}title") == "Lineage of models/support-bot")
    texts = [t.text for t in bot.iter(f"{SVG}text")]
    assert texts == [
        "models/support-bot",
        "family: Qwen2.5 · licence: Apache-2.0",
        "this model",
        "finetune (declared)",
        "Qwen/Qwen2.5-7B-Instruct",
        "family: Qwen2.5 · licence: Apache-2.0",
        "finetune (inferred)",
        "Qwen/Qwen2.5-7B",
        "family: Qwen2.5 · licence: Apache-2.0",
        "foundation",
    ]
    # the inferred edge is dashed, the declared one is not
    lines = list(bot.iter(f"{SVG}line"))
    assert [ln.get("stroke-dasharray") for ln in lines] == [None, "5 3"]
    # models without ancestors are listed, not drawn
    _, _, rows = table(report, "no-lineage-table")
    assert rows == [["models/legacy-classifier", "unknown", "unknown"]]


def test_hostile_names_are_escaped() -> None:
    bom = copy.deepcopy(load("aibom-example.json"))
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'
    bom["components"][0]["name"] = evil
    bom["metadata"]["component"]["name"] = '"><svg onload=alert(1)>'
    findings = [
        {
            "rule": "<b>r</b>",
            "severity": "error",
            "component": {"name": evil},
            "message": "</td>",
            "waived": False,
        }
    ]
    data = render_report(parse_bom(bom), "html", findings=typed_findings(findings))
    root = parse(data)  # still well-formed
    assert not [el for el in root.iter() if el.tag in ("script", "img", "b") or el.get("onerror")]
    assert evil in text_of(root)


def test_other_tool_bom_renders_unknowns() -> None:
    root = parse(render_report(parse_bom(load("other-tool-bom.json")), "html"))
    _, _, rows = table(root, "models-table")
    assert [r[0] for r in rows] == ["bert-base-uncased", "unknown", "weird"]
    assert rows[0][2:5] == ["unknown", "unknown", "unknown"]
    assert root.find(".//table[@id='findings-table']") is None
    assert "No policy was evaluated" in text_of(root)
    _, _, rows = table(root, "scan-table")
    assert dict((r[0], r[1]) for r in rows)["Generated by"] == "cyclonedx-py 4.6.1"


class _Strict(HTMLParser):
    """html.parser check: every opened non-void element is closed in order."""

    VOID = {"meta", "br", "hr", "input", "link", "img", "rect", "line", "path"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()


def test_html_parser_balanced_and_deterministic() -> None:
    bom = load("aibom-example.json")
    a = render_report(
        parse_bom(bom), "html", findings=typed_findings(load("findings.json")["findings"])
    )
    b = render_report(
        parse_bom(copy.deepcopy(bom)),
        "html",
        findings=typed_findings(load("findings.json")["findings"]),
    )
    assert a == b
    p = _Strict()
    p.feed(a.decode("utf-8"))
    p.close()
    assert p.stack == []
