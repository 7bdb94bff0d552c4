"""The report document: results.json round trip, renderers reading it alone, RunSettings, the enums."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from verify.cli import ExitCode, main
from verify.core.model import (BUDGETS, CheckKind, CheckResult, ClaimResult, Evaluation, MutationStatus, Outcome,
                               RunSettings, Target, Verdict)
from verify.core.verdict import evaluation
from verify.report.document import Report
from verify.report.mutation import MutationReport, to_markdown
from verify.report.write import read_report, render_all, write_reports
from verify.run.registry import PluginError, load
from verify.run.runner import run_claim

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPORTS = Path(__file__).resolve().parents[2] / "reports"


@pytest.fixture(scope="module")
def results() -> list[ClaimResult]:
    reg = load(builtin=False, entry_points=False, paths=[FIXTURES / "good"])
    return [ClaimResult(c, *run_claim(c, 0, "quick"), plugin=reg.plugin_of[c.id]) for c in reg.claims]


def test_the_document_round_trips_through_results_json(results):
    report = Report.of(results, RunSettings(3, "standard"), [PluginError("p.py", "x.y", "id", "bad")])
    again = Report.from_json(json.loads(report.dumps()))
    assert again == report and again.dumps() == report.dumps()
    assert (again.seed, again.budget, again.plugin_errors[0].field) == (3, "standard", "id")
    # the plugin is not in results.json: outside the comparison, and empty when read back
    assert any(c.plugin for c in report.claims) and not any(c.plugin for c in again.claims)


def test_the_committed_results_json_is_read_and_written_byte_for_byte():
    text = (REPORTS / "results.json").read_text(encoding="utf-8")
    report = read_report(REPORTS)
    assert report.dumps() == text and Report.from_json(report.to_json()) == report
    mutation = (REPORTS / "mutation.json").read_text(encoding="utf-8")
    doc = MutationReport.from_json(json.loads(mutation))
    assert json.dumps(doc.to_json(), indent=1, sort_keys=True) + "\n" == mutation
    assert to_markdown(doc) == (REPORTS / "mutation.md").read_text(encoding="utf-8")
    assert {r.status for c in doc.claims for t in c.targets for r in t.mutants} <= set(MutationStatus)


def test_renderers_read_only_the_document(results, tmp_path):
    report = Report.of(results, RunSettings(0, "quick"))
    files = render_all(report)
    assert files["results.json"] == report.dumps()
    write_reports(report, tmp_path)
    assert read_report(tmp_path) == report


def test_a_report_of_another_schema_is_refused(results):
    data = Report.of(results, RunSettings()).to_json()
    with pytest.raises(ValueError, match="schema"):
        Report.from_json({**data, "schema": 1})


def test_show_renders_from_results_json_without_running(results, tmp_path, capsys, monkeypatch):
    write_reports(Report.of(results, RunSettings(7, "quick")), tmp_path)
    import verify.cli as cli

    def no_run(*args, **kwargs):
        raise AssertionError("show ran claims")

    monkeypatch.setattr(cli, "run_claims", no_run)
    assert main(["show", "fx.square", "--no-builtin", "--reports", str(tmp_path)]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "fx.square" in out and "--seed 7" in out
    assert main(["show", "fx.none", "--no-builtin", "--reports", str(tmp_path)]) == ExitCode.USAGE
    assert main(["show", "fx.square", "--no-builtin", "--reports", str(tmp_path / "nothing")]) == ExitCode.FAILED


def test_run_settings_normalise_the_budget_once_and_refuse_nonsense():
    assert RunSettings(budget="thorough").budget is BUDGETS["thorough"]
    assert RunSettings(budget=BUDGETS["standard"]) == RunSettings(budget="standard")
    with pytest.raises(ValueError, match="unknown budget"):
        RunSettings(budget="huge")
    with pytest.raises(ValueError, match="jobs"):
        RunSettings(jobs=0)
    with pytest.raises(ValueError, match="timeout"):
        RunSettings(timeout=0)
    with pytest.raises(TypeError, match="seed"):
        RunSettings(seed="1")


def test_enums_are_their_strings_in_json_and_text():
    r = CheckResult("c", CheckKind.NUMERIC, Outcome.HOLDS, "ok", {"x": 1})
    assert r.to_json()["kind"] == "numeric" and f"{CheckKind.SYMBOLIC}" == "symbolic"
    assert json.dumps({"t": Target.CORRECTION, "s": MutationStatus.WEAKER}) == '{"t": "correction", "s": "weaker"}'
    assert CheckKind.of("runner") == "runner" and CheckKind.of("scaling") is CheckKind.SCALING
    assert ExitCode.USAGE == 2 and [int(c) for c in ExitCode] == [0, 1, 2, 3]


def test_evaluations_round_trip_through_json():
    e = evaluation([CheckResult("a", CheckKind.SYMBOLIC, Outcome.FAILS, "no", {"k": [1.5]}, {"kind": "estimate"}),
                    CheckResult("b", "custom", Outcome.HOLDS, "yes")])
    assert Evaluation.from_json(json.loads(json.dumps(e.to_json()))) == e
    assert e.verdict is Verdict.REFUTED
    with pytest.raises(ValueError):
        CheckResult.from_json({**e.checks[0].to_json(), "outcome": "maybe"})     # not an outcome: refused
