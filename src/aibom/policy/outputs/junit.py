"""JUnit XML output: one test suite per rule, one test case per finding.

Unwaived error and warning findings are failures; waived findings are skipped (with the
waiver); info findings pass with the message in ``system-out``. A rule without findings
has one passing test case, so every rule checked shows up in CI test reports.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from aibom.policy.results import CheckResult, Finding


def _case(suite: ET.Element, rule: str, finding: Finding) -> tuple[int, int]:
    case = ET.SubElement(suite, "testcase", classname=f"aibom.{rule}", name=finding.component.label)
    if finding.locations:
        loc = finding.locations[0]
        case.set("file", loc.path.partition("#")[0])
        if loc.line is not None:
            case.set("line", str(loc.line))
    text = finding.message + (f"\n{finding.note}" if finding.note else "")
    if finding.waived:
        ET.SubElement(case, "skipped", message=f"waived: {finding.note}")
        return 0, 1
    if finding.severity in ("error", "warning"):
        failure = ET.SubElement(case, "failure", type=finding.severity, message=finding.message)
        failure.text = text
        return 1, 0
    out = ET.SubElement(case, "system-out")
    out.text = f"info: {text}"
    return 0, 0


def render_junit(result: CheckResult, *, bom_path: str | None = None) -> str:
    """JUnit XML text."""
    root = ET.Element("testsuites", name="aibom check")
    total = failures = skipped = 0
    by_rule: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_rule.setdefault(f.rule, []).append(f)
    for rule in sorted(result.rules, key=lambda r: r.id):
        findings = by_rule.get(rule.id, [])
        suite = ET.SubElement(root, "testsuite", name=f"aibom.{rule.id}")
        s_fail = s_skip = 0
        if findings:
            for f in findings:
                fail, skip = _case(suite, rule.id, f)
                s_fail += fail
                s_skip += skip
        else:
            ET.SubElement(suite, "testcase", classname=f"aibom.{rule.id}", name="no findings")
        tests = max(len(findings), 1)
        suite.set("tests", str(tests))
        suite.set("failures", str(s_fail))
        suite.set("errors", "0")
        suite.set("skipped", str(s_skip))
        props = ET.Element("properties")
        ET.SubElement(props, "property", name="severity", value=rule.severity)
        ET.SubElement(props, "property", name="description", value=rule.description)
        if bom_path:
            ET.SubElement(props, "property", name="bom", value=bom_path)
        suite.insert(0, props)
        total += tests
        failures += s_fail
        skipped += s_skip
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("skipped", str(skipped))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
