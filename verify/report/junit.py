"""JUnit XML for CI dashboards: one test case per claim, one test suite per note.

A case fails when a verdict (the statement's or its correction's) differs from its recorded expectation,
with the first finding as the message; a claim whose checks could not run (verdict ``error``) is an
error case; a plugin error is an error case of its own suite. A flagged claim's kind, root cause and
proof status are the case's properties (``kind``, ``root_cause``, ``proof``) and lines of its text, in
the words of the claim's page. Claims without an expectation pass unless
they are errors. Written atomically (temporary file, then ``os.replace``); deterministic: no timestamps,
and durations only when given.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Mapping

from ..core.files import write_atomically
from ..core.model import Verdict
from .document import ClaimReport, Report
from .summary import diagnosis_lines

SUITES = "verify"
PLUGIN_SUITE = "plugin errors"
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(s: str) -> str:
    """Text XML 1.0 can hold (control characters dropped)."""
    return _INVALID_XML.sub("", str(s))


def _problem(c: ClaimReport) -> tuple[str, str] | None:
    """("failure" | "error", message) for a claim that is not as expected; None when it is."""
    for what, e in c.evaluations():
        if e.verdict is None:          # a correction that did not run
            continue
        finding = e.findings[0] if e.findings else "no finding"
        if e.verdict == Verdict.ERROR and e.expected != Verdict.ERROR:
            return "error", f"{what}: verdict error: {finding}"
        if e.mismatch:
            return "failure", f"{what}: verdict {e.verdict.value}, expected {e.expected.value}: {finding}"
    return None


def _details(c: ClaimReport, report: Report) -> str:
    lines = [f"{c.id}: {c.title}", f"source: {c.source.file}, {c.source.section}",
             f"verdict: {c.verdict.value} (expected {c.expected.value if c.expected else 'none recorded'})"]
    lines += [f"{label}: {text}" for label, text in diagnosis_lines(c, report)]
    lines += [f"  - {f}" for f in c.statement.findings]
    if c.correction_verdict is not None:
        expected = c.correction.evaluation.expected
        lines.append(f"correction: {c.correction_verdict.value} (expected {expected.value if expected else 'none recorded'})")
        lines += [f"  - {f}" for f in c.correction.evaluation.findings]
    lines.append(f"replay: {report.replay(c)}")
    return "\n".join(lines)


def _properties(c: ClaimReport) -> list[tuple[str, str]]:
    """The claim's diagnosis as test case properties: ``kind``, ``root_cause``, ``proof`` (its status)."""
    out = []
    if c.kind is not None:
        out.append(("kind", c.kind.kind))
    if c.root_cause is not None:
        out.append(("root_cause", c.root_cause))
    if c.proof is not None and c.proof.status is not None:
        out.append(("proof", c.proof.status))
    return out


def junit_xml(report: Report, timings: Mapping[str, float] | None = None) -> str:
    """The JUnit XML document (text)."""
    root = ET.Element("testsuites", name=SUITES)
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for note, rows in report.notes().items():
        suite = ET.SubElement(root, "testsuite", name=_text(note))
        counts = {"tests": len(rows), "failures": 0, "errors": 0}
        for c in rows:
            case = ET.SubElement(suite, "testcase", name=c.id, classname=_text(note))
            if timings is not None and c.id in timings:
                case.set("time", f"{timings[c.id]:.3f}")
            properties = _properties(c)
            if properties:
                props = ET.SubElement(case, "properties")
                for name, value in properties:
                    ET.SubElement(props, "property", name=name, value=_text(value))
            problem = _problem(c)
            if problem is not None:
                tag, message = problem
                counts["failures" if tag == "failure" else "errors"] += 1
                ET.SubElement(case, tag, message=_text(message), type="verdict").text = _text(_details(c, report))
            else:
                ET.SubElement(case, "system-out").text = _text(_details(c, report))
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
    errors = report.plugin_errors
    if errors:
        suite = ET.SubElement(root, "testsuite", name=PLUGIN_SUITE, tests=str(len(errors)), failures="0",
                              errors=str(len(errors)))
        for e in errors:
            case = ET.SubElement(suite, "testcase", name=_text(e.claim or e.plugin), classname=_text(e.plugin))
            ET.SubElement(case, "error", message=_text(str(e)), type="plugin")
        totals["tests"] += len(errors)
        totals["errors"] += len(errors)
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_junit(path: str | Path, report: Report, timings: Mapping[str, float] | None = None) -> Path:
    """Write :func:`junit_xml` to ``path`` atomically (a failure leaves any previous file untouched)."""
    path = Path(path)
    write_atomically(path, junit_xml(report, timings))
    return path
