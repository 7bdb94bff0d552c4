"""JUnit XML for CI dashboards: one test case per claim, one test suite per note.

A case fails when a verdict (the statement's or its correction's) differs from its recorded expectation,
with the first finding as the message; a claim whose checks could not run (verdict ``error``) is an
error case; a plugin error is an error case of its own suite. Claims without an expectation pass unless
they are errors. Written atomically (temporary file, then ``os.replace``); deterministic: no timestamps,
and durations only when given.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Mapping, Sequence

from ..core.files import write_atomically
from ..core.model import ClaimResult, Verdict
from ..core.model import PluginError
from .document import replay_command

SUITES = "verify"
PLUGIN_SUITE = "plugin errors"
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(s: str) -> str:
    """Text XML 1.0 can hold (control characters dropped)."""
    return _INVALID_XML.sub("", str(s))


def _problem(r: ClaimResult) -> tuple[str, str] | None:
    """("failure" | "error", message) for a claim that is not as expected; None when it is."""
    c = r.claim
    verdicts = [("statement", r.verdict, c.expected, r.statement.findings)]
    if c.correction is not None and r.correction is not None:
        verdicts.append(("correction", r.correction.verdict, c.correction.expected, r.correction.findings))
    for what, verdict, expected, findings in verdicts:
        finding = findings[0] if findings else "no finding"
        if verdict == Verdict.ERROR and expected != Verdict.ERROR:
            return "error", f"{what}: verdict error: {finding}"
        if expected is not None and verdict != expected:
            return "failure", f"{what}: verdict {verdict.value}, expected {expected.value}: {finding}"
    return None


def _details(r: ClaimResult, seed: int, budget: str) -> str:
    c = r.claim
    lines = [f"{c.id}: {c.title}", f"source: {c.source.file}, {c.source.section}",
             f"verdict: {r.verdict.value} (expected {c.expected.value if c.expected else 'none recorded'})"]
    lines += [f"  - {f}" for f in r.statement.findings]
    if c.correction is not None and r.correction is not None:
        exp = c.correction.expected.value if c.correction.expected else "none recorded"
        lines.append(f"correction: {r.correction.verdict.value} (expected {exp})")
        lines += [f"  - {f}" for f in r.correction.findings]
    lines.append(f"replay: {replay_command(c.id, seed, budget, r.plugin)}")
    return "\n".join(lines)


def junit_xml(results: Sequence[ClaimResult], seed: int, budget: str,
              plugin_errors: Sequence[PluginError] = (), timings: Mapping[str, float] | None = None) -> str:
    """The JUnit XML document (text)."""
    root = ET.Element("testsuites", name=SUITES)
    notes: dict[str, list[ClaimResult]] = {}
    for r in results:
        notes.setdefault(r.claim.note, []).append(r)
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for note, rows in notes.items():
        suite = ET.SubElement(root, "testsuite", name=_text(note))
        counts = {"tests": len(rows), "failures": 0, "errors": 0}
        for r in rows:
            case = ET.SubElement(suite, "testcase", name=r.claim.id, classname=_text(note))
            if timings is not None and r.claim.id in timings:
                case.set("time", f"{timings[r.claim.id]:.3f}")
            problem = _problem(r)
            if problem is not None:
                tag, message = problem
                counts["failures" if tag == "failure" else "errors"] += 1
                ET.SubElement(case, tag, message=_text(message), type="verdict")\
                    .text = _text(_details(r, seed, budget))
            else:
                ET.SubElement(case, "system-out").text = _text(_details(r, seed, budget))
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
    if plugin_errors:
        suite = ET.SubElement(root, "testsuite", name=PLUGIN_SUITE, tests=str(len(plugin_errors)), failures="0",
                              errors=str(len(plugin_errors)))
        for e in plugin_errors:
            case = ET.SubElement(suite, "testcase", name=_text(e.claim or e.plugin), classname=_text(e.plugin))
            ET.SubElement(case, "error", message=_text(str(e)), type="plugin")
        totals["tests"] += len(plugin_errors)
        totals["errors"] += len(plugin_errors)
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_junit(path: str | Path, results: Sequence[ClaimResult], seed: int, budget: str,
                plugin_errors: Sequence[PluginError] = (), timings: Mapping[str, float] | None = None) -> Path:
    """Write :func:`junit_xml` to ``path`` atomically (a failure leaves any previous file untouched)."""
    path = Path(path)
    text = junit_xml(results, seed, budget, plugin_errors, timings)
    write_atomically(path, text)
    return path
