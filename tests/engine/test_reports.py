"""Reports: content, results.json schema, determinism and atomic writes."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from verify.report import write as reports
from verify.core.model import CheckResult, ClaimResult, Outcome
from verify.run.registry import PluginError, load
from verify.report.document import replay_command
from verify.core.model import RunSettings
from verify.report.document import Report
from verify.report.write import write_reports
from verify.run.runner import run_claim
from verify.core.verdict import evaluation
from tests.helpers import FIXTURES

GOOD = FIXTURES / "good"
ERRORS = [PluginError("plugins/bad.py", "bad.claim", "title", "must be a non-empty string"),
          PluginError("plugins/worse.py", None, None, "failed to load: SyntaxError: oops (worse.py, line 1)")]


@pytest.fixture(scope="module")
def results() -> list[ClaimResult]:
    reg = load(builtin=False, entry_points=False, paths=[GOOD])
    return [ClaimResult(c, *run_claim(c, 0, "quick"), plugin=reg.plugin_of[c.id]) for c in reg.claims]


def report_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def strict_json(text: str):
    def refuse(constant):
        raise ValueError(f"non-standard JSON constant {constant}")
    return json.loads(text, parse_constant=refuse)


# ---------------------------------------------------------------------------------------------
# results.json
# ---------------------------------------------------------------------------------------------

def test_results_json_schema(tmp_path, results):
    write_reports(Report.of(results, RunSettings(0, "quick"), ERRORS), tmp_path)
    text = (tmp_path / "results.json").read_text()
    data = strict_json(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert set(data) == {"schema", "seed", "budget", "claims", "plugin_errors", "root_causes", "diagnosis_problems",
                         "environment"}      # no note_titles: the fixture notes are not files with titles
    assert set(data["environment"]) == {"python", "packages", "engine"}
    assert (data["schema"], data["seed"], data["budget"]) == (4, 0, "quick")
    assert [c["id"] for c in data["claims"]] == ["fx.trig", "fx.square", "fx.amgm"]
    claim_keys = {"id", "title", "note", "source", "statement", "hypotheses", "definitions", "typeset", "depends_on",
                  "verdict", "expected", "findings", "checks", "correction", "kind", "root_cause", "proof"}
    assert all(set(c) == claim_keys for c in data["claims"])
    trig, square, amgm = data["claims"]
    assert trig["source"] == {"file": "fixture_algebra.md", "section": "§1",
                              "quote": "For all real x, sin^2 x + cos^2 x = 1."}
    assert trig["statement"] == r"\sin^{2}{\left(x \right)} + \cos^{2}{\left(x \right)} = 1"
    assert (trig["verdict"], trig["expected"], trig["findings"], trig["correction"]) == ("proved", "proved", [], None)
    assert trig["checks"][0] == {"check": "identity", "kind": "symbolic", "outcome": "holds",
                                 "summary": "SymPy simplifies lhs - rhs to 0", "evidence": {"difference": "0"}}
    assert [(c["kind"], c["outcome"]) for c in trig["checks"][1:]] == [("wellformed", "holds")]
    assert amgm["depends_on"] == ["fx.square"]
    # a finding with math is a list of parts: strings, and the counterexample's values as {latex, plain}
    finding = square["findings"][0]
    assert square["verdict"] == "refuted" and finding[0].startswith("identity: lhs - rhs =")
    assert any(isinstance(p, dict) and set(p) == {"latex", "plain"} and p["latex"].startswith("x = ") for p in finding)
    assert set(square["correction"]) == {"statement", "hypotheses", "definitions", "typeset", "why", "verdict",
                                         "expected", "findings", "checks", "marked"}
    # the parts the correction changes, marked in both relations
    assert r"\color{red}" in square["correction"]["marked"]["correction"]
    assert square["correction"]["verdict"] == square["correction"]["expected"] == "proved"
    assert square["correction"]["statement"] == "\\left(x + y\\right)^{2} = x^{2} + 2 x y + y^{2}"
    assert data["plugin_errors"] == [e.to_json() for e in ERRORS]


def test_evidence_is_made_json_safe(tmp_path, results):
    odd = CheckResult("odd", "numeric", Outcome.HOLDS, "odd evidence",
                      evidence={"nan": float("nan"), "minf": -np.inf, "x": 0.1, "np": np.float32(0.5),
                                "sym": sp.Rational(1, 3), "arr": np.arange(3), 7: {"nested": {2, 1}}})
    claim = results[0].claim
    write_reports(Report.of([ClaimResult(claim, evaluation([odd]))], RunSettings(1, "thorough")), tmp_path)
    data = strict_json((tmp_path / "results.json").read_text())
    assert data["claims"][0]["checks"][0]["evidence"] == {
        "nan": "nan", "minf": "-inf", "x": 0.1, "np": 0.5, "sym": "1/3", "arr": [0, 1, 2], "7": {"nested": [1, 2]}}
    assert data["claims"][0]["verdict"] == "supported"
    assert (data["seed"], data["budget"]) == (1, "thorough")


# ---------------------------------------------------------------------------------------------
# markdown
# ---------------------------------------------------------------------------------------------

def test_index_groups_by_note_and_counts_verdicts(tmp_path, results):
    write_reports(Report.of(results, RunSettings(0, "quick"), ERRORS), tmp_path)
    index = (tmp_path / "index.md").read_text()
    assert "| proved | 1 | 2 |" in index          # statements, corrections
    assert "| refuted | 2 | 0 |" in index
    assert "### fixture_algebra.md" in index
    assert "| [fx.trig](claims/fx.trig.md) | §1 | proved |  | — |" in index       # holds: no kind
    [row] = [ln for ln in index.splitlines() if ln.startswith("| [fx.amgm]")]
    assert "| §3 | refuted → corrected: proved | constant | inequality: counterexample" in row
    assert "## Plugin errors" in index
    assert "plugins/bad.py: claim bad.claim, field title: must be a non-empty string" in index
    assert "Recorded expectations met: 3 of 3." in index


def test_index_marks_verdicts_that_differ_from_the_expected_one(tmp_path, results):
    trig = results[0]
    wrong = ClaimResult(trig.claim, evaluation([CheckResult("identity", "symbolic", Outcome.FAILS, "no | way")]))
    write_reports(Report.of([wrong], RunSettings(0, "quick")), tmp_path)
    index = (tmp_path / "index.md").read_text()
    assert r"| refuted (expected proved) | false | identity: no \| way |" in index
    assert "Recorded expectations met: 0 of 1." in index


def test_claim_page_shows_source_statement_checks_correction_and_replay(tmp_path, results):
    write_reports(Report.of(results, RunSettings(5, "standard")), tmp_path)
    page = (tmp_path / "claims" / "fx.amgm.md").read_text()
    assert page.startswith("# fx.amgm — Two-term AM-GM\n")
    assert "**Source:** `fixture_algebra.md`, §3" in page
    assert "> x^2 + y^2 >= 3xy for all real x, y." in page
    assert "$$\nx^{2} + y^{2} \\geq 3 x y\n$$" in page
    assert "**Hypotheses:** none" in page
    assert "**Depends on:** [fx.square](fx.square.md)" in page
    assert "**Verdict:** refuted (expected: refuted) ✓" in page
    assert "## Correction" in page and "$$\nx^{2} + y^{2} \\geq 2 x y\n$$" in page
    assert "**Why:** the constant is 2, from (x - y)^2 >= 0" in page
    assert "**Verdict:** proved (expected: proved) ✓" in page
    evidence = page.split("```json\n", 1)[1].split("```", 1)[0]
    assert json.loads(evidence)["margin"] == "x**2 - 3*x*y + y**2"
    plugin = results[2].plugin
    assert f"python -m verify run fx.amgm --seed 5 --budget standard --plugin {plugin}" in page
    assert page.index("## Verdict") < page.index("## Correction") < page.index("## Replay")


def test_replay_command():
    assert replay_command("a.b", 3, "quick", "claims.note000") == "python -m verify run a.b --seed 3 --budget quick"
    assert replay_command("a.b", 0, "thorough", "entry point x = m") == "python -m verify run a.b --seed 0 --budget thorough"
    assert replay_command("a.b", 0, "quick", "my plugins/p.py") == \
        "python -m verify run a.b --seed 0 --budget quick --plugin 'my plugins/p.py'"


# ---------------------------------------------------------------------------------------------
# determinism
# ---------------------------------------------------------------------------------------------

def test_reports_carry_no_timings_and_timings_go_to_their_own_file(tmp_path, results):
    write_reports(Report.of(results, RunSettings(0, "quick")), tmp_path, timings={"fx.trig": 0.123456, "fx.amgm": 1.5})
    assert strict_json((tmp_path / "timings.json").read_text())["seconds"] == {"fx.trig": 0.123456, "fx.amgm": 1.5}
    for name, data in report_files(tmp_path).items():
        if name != "timings.json":
            assert b"0.123456" not in data and b"seconds" not in data


# ---------------------------------------------------------------------------------------------
# atomic writes
# ---------------------------------------------------------------------------------------------

def test_a_failing_render_leaves_the_previous_reports_untouched(tmp_path, results, monkeypatch):
    out = tmp_path / "reports"
    write_reports(Report.of(results, RunSettings(0, "quick")), out, timings={"fx.trig": 1.0})
    before = report_files(out)
    original = reports.render_claim_page

    def failing(claim, report, *args):
        if claim.id == "fx.amgm":
            raise RuntimeError("render failed")
        return original(claim, report, *args)

    monkeypatch.setattr(reports, "render_claim_page", failing)
    with pytest.raises(RuntimeError, match="render failed"):
        write_reports(Report.of(results, RunSettings(9, "thorough")), out, timings={"fx.trig": 2.0})
    assert report_files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]     # no temporary folder left


def test_the_html_rendered_in_two_processes_is_the_html_rendered_in_one(results):
    from verify.report.html import render_html
    report = Report.of(results, RunSettings(0, "quick"))
    files = reports.render_all(report)
    html = [(k[len("html/"):], v) for k, v in files.items() if k.startswith("html/")]
    assert html == list(render_html(report).items())
    assert list(files)[-1] == "index.md"


@pytest.fixture
def forking(monkeypatch):
    """Forked forks, whatever threads the test process runs."""
    monkeypatch.setattr(reports, "may_fork", lambda: True)


def test_a_render_beside_threads_or_without_fork_runs_in_this_process(monkeypatch):
    import os
    import threading
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not reports.may_fork()
        with reports.Forked(os.getpid) as forked:
            assert forked.result() == os.getpid()
    finally:
        stop.set()
        thread.join()
    monkeypatch.setattr(reports, "can_fork", lambda: False)
    assert not reports.may_fork()


def test_a_forked_render_runs_in_another_process(forking):
    import os
    with reports.Forked(os.getpid) as forked:
        assert forked.result() != os.getpid()


def test_a_forked_render_raises_what_it_raised_there(forking):
    with pytest.raises(KeyError, match="boom") as info:
        with reports.Forked(lambda: {}["boom"]) as forked:
            forked.result()
    assert "raised in the forked process" in "".join(info.value.__notes__)


def test_a_forked_render_that_dies_is_an_error_and_one_left_behind_is_ended(forking):
    import os
    import time
    with pytest.raises(RuntimeError, match="exit code 3"):
        with reports.Forked(lambda: os._exit(3)) as forked:
            forked.result()
    with pytest.raises(ValueError, match="here"):
        with reports.Forked(lambda: time.sleep(60)) as forked:
            raise ValueError("here")
    assert not forked._process.is_alive()


def test_a_failing_write_leaves_no_temporary_folder(tmp_path, results, monkeypatch):
    out = tmp_path / "reports"
    write_reports(Report.of(results, RunSettings(0, "quick")), out)
    before = report_files(out)

    def refuse(src, dst):
        raise OSError("disk full")
    monkeypatch.setattr(reports, "switch_folder", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_reports(Report.of(results, RunSettings(1, "quick")), out)
    assert report_files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_pages_of_claims_no_longer_present_are_removed(tmp_path, results):
    out = tmp_path / "deep" / "reports"            # a folder that does not exist yet
    write_reports(Report.of(results, RunSettings(0, "quick")), out)
    (out / "claims" / "notes.txt").write_text("not a report page")
    assert (out / "claims" / "fx.amgm.md").exists()
    write_reports(Report.of(results[:2], RunSettings(0, "quick")), out)
    assert sorted(p.name for p in (out / "claims").iterdir()) == ["fx.square.md", "fx.trig.md", "notes.txt"]
    assert "fx.amgm" not in (out / "index.md").read_text()
    assert [c["id"] for c in strict_json((out / "results.json").read_text())["claims"]] == ["fx.trig", "fx.square"]


def test_previous_timings_are_read_back_and_anything_unreadable_is_empty(tmp_path):
    from verify.report.write import previous_timings
    assert previous_timings(tmp_path) == {}
    (tmp_path / "timings.json").write_text('{"seconds": {"a.b": 1.5, "c": 2}}')
    assert previous_timings(tmp_path) == {"a.b": 1.5, "c": 2.0}
    (tmp_path / "timings.json").write_text('{"seconds": [1, 2]')
    assert previous_timings(tmp_path) == {}
