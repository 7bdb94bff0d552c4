"""JUnit XML: one case per claim, failing exactly when a verdict differs from its expectation."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from verify.cli import main
from verify.report.junit import junit_xml, write_junit
from verify.core.model import CheckResult, ClaimResult, Outcome, RunSettings
from verify.report.document import Report
from verify.run.registry import PluginError, load
from verify.run.runner import run_claim
from verify.core.verdict import evaluation
from tests.helpers import FIXTURES



@pytest.fixture(scope="module")
def results() -> list[ClaimResult]:
    reg = load(builtin=False, entry_points=False, paths=[FIXTURES / "good"])
    return [ClaimResult(c, *run_claim(c, 0, "quick"), plugin=reg.plugin_of[c.id]) for c in reg.claims]


QUICK = RunSettings(0, "quick")


def cases(xml: str) -> dict[str, ET.Element]:
    return {c.get("name"): c for c in ET.fromstring(xml.encode()).iter("testcase")}


def test_matching_verdicts_pass_with_one_case_per_claim(results):
    xml = junit_xml(Report.of(results, QUICK), timings={"fx.trig": 0.25})
    root = ET.fromstring(xml.encode())
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "0", "0")
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "fixture_algebra.md"
    c = cases(xml)
    assert list(c) == ["fx.trig", "fx.square", "fx.amgm"]
    assert all(case.find("failure") is None and case.find("error") is None for case in c.values())
    assert c["fx.trig"].get("time") == "0.250" and c["fx.square"].get("time") is None
    assert "replay: python -m verify run fx.amgm --seed 0 --budget quick" in c["fx.amgm"].find("system-out").text


def test_an_oracle_mismatch_fails_with_the_finding_as_message(results):
    trig = results[0]
    wrong = ClaimResult(trig.claim, evaluation([CheckResult("identity", "symbolic", Outcome.FAILS, "lhs - rhs = 1 <&>")]))
    xml = junit_xml(Report.of([wrong, results[1]], QUICK))
    failure = cases(xml)["fx.trig"].find("failure")
    assert failure is not None
    assert failure.get("message") == "statement: verdict refuted, expected proved: identity: lhs - rhs = 1 <&>"
    assert cases(xml)["fx.square"].find("failure") is None
    assert ET.fromstring(xml.encode()).get("failures") == "1"


def test_a_correction_mismatch_fails_too(results):
    square = results[1]
    bad = ClaimResult(square.claim, square.statement,
                      evaluation([CheckResult("identity", "symbolic", Outcome.GAP, "half-done")]))
    failure = cases(junit_xml(Report.of([bad], QUICK)))["fx.square"].find("failure")
    assert failure.get("message") == "correction: verdict gap, expected proved: identity: half-done"


def test_error_verdicts_and_plugin_errors_are_error_cases(results):
    dead = ClaimResult(results[0].claim, evaluation([CheckResult("runner", "runner", Outcome.ERROR, "timed out\x00")]))
    xml = junit_xml(Report.of([dead], QUICK, [PluginError("p.py", None, None, "failed to load")]))
    root = ET.fromstring(xml.encode())
    assert (root.get("tests"), root.get("errors"), root.get("failures")) == ("2", "2", "0")
    c = cases(xml)
    assert c["fx.trig"].find("error").get("message") == "statement: verdict error: runner: timed out"
    assert c["p.py"].find("error").get("message") == "p.py: failed to load"


def test_cli_writes_junit_on_run_and_all(tmp_path, capsys):
    path = tmp_path / "out" / "junit.xml"
    assert main(["run", "fx.*", "--no-builtin", "--plugin", str(FIXTURES / "mismatch"), "--jobs", "1",
                 "--junit-xml", str(path)]) == 1
    c = cases(path.read_text())
    assert c["fx.wrong"].find("failure").get("message").startswith("statement: verdict refuted, expected proved")
    other = tmp_path / "all.xml"
    assert main(["all", "--no-builtin", "--plugin", str(FIXTURES / "good"), "--jobs", "1",
                 "--output", str(tmp_path / "reports"), "--junit-xml", str(other)]) == 0
    assert ET.fromstring(other.read_bytes()).get("tests") == "3"


def test_an_unwritable_junit_path_exits_1_after_the_run(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["run", "fx.trig", "--no-builtin", "--plugin", str(FIXTURES / "good"), "--jobs", "1",
                 "--junit-xml", str(blocker / "junit.xml")]) == 1
    assert "could not write JUnit XML" in capsys.readouterr().err


def test_write_junit_leaves_no_temporary_file(tmp_path, results):
    write_junit(tmp_path / "j.xml", Report.of(results, QUICK))
    assert [p.name for p in tmp_path.iterdir()] == ["j.xml"]
