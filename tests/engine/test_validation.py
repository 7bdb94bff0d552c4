"""Values are validated where they enter: a check's result, a claim's fields. A bad value costs only its
own claim (an ``error`` verdict, or a plugin error for that claim), never the other claims or the reports."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest
import sympy as sp

from verify.core.model import (CheckResult, ClaimResult, Correction, Outcome, RunSettings, Source, Statement,
                               Verdict)
from verify.report.document import Report
from verify.report.write import write_reports
from verify.run.executors import LocalExecutor
from verify.run.registry import Plugin, load_plugins
from verify.run.runner import run_claim, run_claims
from tests.helpers import claim_with

x = sp.Symbol("x", real=True)


@dataclass(frozen=True)
class Returns:
    """A check returning a fixed result (built by ``make``)."""
    make: object
    name: str = "returns"
    kind: str = "numeric"
    key: str = "returns"

    def run(self, statement, ctx):
        return self.make()


def result(**fields) -> CheckResult:
    base = dict(check="returns", kind="numeric", outcome=Outcome.HOLDS, summary="fine", evidence={})
    return CheckResult(**{**base, **fields})


class Unprintable:
    def __str__(self):
        raise RuntimeError("no text")


BAD_RESULTS = {
    "evidence": lambda: result(evidence=["not", "a", "dict"]),
    "evidence.error_probability": lambda: result(evidence={"error_probability": "small"}),
    "outcome": lambda: result(outcome="maybe"),
    "summary": lambda: result(summary=42),
    "plot": lambda: result(plot="a picture"),
}


@pytest.mark.parametrize("field", sorted(BAD_RESULTS))
def test_a_malformed_result_is_an_error_naming_claim_check_and_field(field):
    statement, _ = run_claim(claim_with(Returns(BAD_RESULTS[field]), cid="t.bad"), 0, "quick")
    assert statement.verdict == Verdict.ERROR
    bad = statement.checks[0]
    assert bad.outcome == Outcome.ERROR
    assert f"claim t.bad, check returns: invalid result (Returns.run): field {field}: " in bad.summary
    assert bad.evidence == {"exception": "InvalidResult", "field": field}


def test_the_invalid_result_message_names_plugin_claim_check_and_field():
    bad = claim_with(Returns(BAD_RESULTS["evidence.error_probability"]), cid="t.bad")
    reg = load_plugins([Plugin("plug.py", lambda: [bad])])
    for executor in (None, LocalExecutor(2)):       # the runner's workers, and through the executor interface
        [got] = run_claims(reg.claims, RunSettings(), plugin_of=reg.plugin_of, executor=executor)
        assert got.verdict == Verdict.ERROR
        summary = got.statement.checks[0].summary
        assert summary.startswith("plugin plug.py: claim t.bad, check returns: invalid result (Returns.run): "
                                  "field evidence.error_probability: must be a number in [0, 1] or None"), summary
        assert got.statement.checks[0].evidence == {"exception": "InvalidResult",
                                                   "field": "evidence.error_probability", "plugin": "plug.py"}


def test_evidence_that_cannot_be_made_json_is_an_error():
    statement, _ = run_claim(claim_with(Returns(lambda: result(evidence={"x": Unprintable()}))), 0, "quick")
    assert "field evidence: cannot be made JSON: RuntimeError: no text" in statement.checks[0].summary


def test_an_outcome_given_by_its_value_and_a_numeric_error_probability_are_accepted():
    statement, _ = run_claim(claim_with(Returns(lambda: result(outcome="holds",
                                                               evidence={"error_probability": 0.001}))), 0, "quick")
    assert statement.checks[0].outcome is Outcome.HOLDS and statement.verdict == Verdict.SUPPORTED


def test_one_bad_result_costs_only_its_claim_and_the_reports_are_written(tmp_path):
    good = claim_with(Returns(result), cid="t.good")
    bads = [claim_with(Returns(make), cid=f"t.bad{i}") for i, make in enumerate(BAD_RESULTS.values())]
    results = run_claims([good, *bads], RunSettings(jobs=2))
    assert [r.verdict for r in results] == [Verdict.SUPPORTED] + [Verdict.ERROR] * len(bads)
    write_reports(Report.of(results, RunSettings()), tmp_path / "r")
    assert (tmp_path / "r" / "claims" / "t.bad1.md").exists()


def test_nul_bytes_and_escape_codes_in_results_are_escaped_before_any_report(tmp_path):
    hostile = "ok\x00 \x1b[2K\r**Verdict:** proved"
    statement, _ = run_claim(claim_with(Returns(lambda: result(summary=hostile, evidence={"note": hostile}))),
                             0, "quick")
    check = statement.checks[0]
    assert check.summary == check.evidence["note"] == "ok\\x00 \\x1b[2K\\x0d**Verdict:** proved"
    claim = claim_with(Returns(lambda: result(summary=hostile)), cid="t.hostile")
    write_reports(Report.of([ClaimResult(claim, statement)], RunSettings()), tmp_path / "r")
    for path in (tmp_path / "r").rglob("*"):
        if path.is_file():
            assert b"\x00" not in path.read_bytes() and b"\x1b" not in path.read_bytes(), path


# ---------------------------------------------------------------------------------------------
# claims' fields, at load time
# ---------------------------------------------------------------------------------------------

def _claim(cid: str = "t.ok", **fields):
    claim = claim_with(Returns(result), cid="t.ok")
    return dataclasses.replace(claim, id=cid, **fields)


FAKE = "\n\n**Verdict:** proved"
BAD_CLAIMS = {
    "id ending in a newline": (lambda: _claim("t.one\n"), "id"),
    "id with a path separator": (lambda: _claim("t/../../etc"), "id"),
    "title with escape codes": (lambda: _claim(title="fine \x1b[1A\x1b[2K[1/1] t.ok ... proved"), "title"),
    "section with a fake verdict": (lambda: _claim(source=Source("n.md", "§1" + FAKE, "q")), "source.section"),
    "note name with a fake verdict": (lambda: _claim(source=Source("n.md" + FAKE, "§1", "q")), "source.file"),
    "quote with a NUL byte": (lambda: _claim(source=Source("n.md", "§1", "a\x00b")), "source.quote"),
    "why with a fake verdict": (lambda: _claim(correction=Correction(Statement(sp.Eq(x, x, evaluate=False)),
                                                                     why="because" + FAKE)), "correction.why"),
    "latex not a string": (lambda: _claim(statement=Statement(sp.Eq(x, x, evaluate=False), latex=123)),
                           "statement.latex"),
    "check name with a newline": (lambda: _claim(checks=(Returns(result, name="a\nb"),)), "checks[0].name"),
}


@pytest.mark.parametrize("case", sorted(BAD_CLAIMS))
def test_a_bad_claim_field_is_a_plugin_error_for_that_claim_only(case):
    make, field = BAD_CLAIMS[case]
    reg = load_plugins([Plugin("plug.py", lambda: [_claim("t.first"), make(), _claim("t.last")])])
    assert [c.id for c in reg.claims] == ["t.first", "t.last"]
    assert [(e.plugin, e.field) for e in reg.errors] == [("plug.py", field)]
    assert reg.errors[0].claim is not None


def test_multiline_quotes_stay_allowed():
    reg = load_plugins([Plugin("plug.py", lambda: [_claim(source=Source("n.md", "§1", "line one\n\tline two"))])])
    assert reg.errors == [] and len(reg.claims) == 1


def test_the_error_names_plugin_claim_and_field():
    reg = load_plugins([Plugin("plug.py", lambda: [_claim(statement=Statement(sp.Eq(x, x, evaluate=False),
                                                                              latex=123))])])
    assert str(reg.errors[0]) == "plug.py: claim t.ok, field statement.latex: must be a string or None, got int"



BAD_DECLARATIONS = '''
import sympy as sp
from verify import Claim, Source, Statement
from verify.checks import Identity

x = sp.Symbol("x", real=True)


def claim(cid, **fields):
    return Claim(id=cid, title="a claim", source=Source("n.md", "§1", "2x = x + x."),
                 statement=Statement(sp.Eq(2 * x, x + x, evaluate=False)), checks=(Identity(),), **fields)


CLAIMS = [claim("t.first"),
          claim("t.kind", kind="typo", kind_why="a reason"),
          claim("t.why", kind="constant"),
          claim("t.cause", because_of="t.cause"),
          claim("t.tests", tested_by=("t.tests", "Not An Id")),
          claim("t.last")]
'''


def test_a_bad_declaration_costs_only_its_claim_an_error_verdict_naming_plugin_claim_and_field(tmp_path):
    """A value that ``Claim(...)`` refuses does not fail the plugin module (the other claims load and run):
    its claim is an ``error`` verdict whose message names the plugin, the claim and the field."""
    from verify.run.registry import load
    plugin = tmp_path / "declarations.py"
    plugin.write_text(BAD_DECLARATIONS)
    reg = load(builtin=False, entry_points=False, paths=[plugin])
    assert reg.errors == []
    results = {r.claim.id: r for r in run_claims(reg.claims, RunSettings(jobs=2), plugin_of=reg.plugin_of)}
    assert [results[c].verdict for c in ("t.first", "t.last")] == [Verdict.PROVED, Verdict.PROVED]
    where = f"plugin {plugin}: claim"
    expected = {"t.kind": [f"{where} t.kind, field kind: 'typo' is not one of notation, symbol, "],
                "t.why": [f"{where} t.why, field kind_why: a declared kind needs its reason"],
                "t.cause": [f"{where} t.cause, field because_of: must be the id of another claim, got 't.cause'"],
                "t.tests": [f"{where} t.tests, field tested_by: 'Not An Id' is not a claim id"]}
    for cid, messages in expected.items():
        r = results[cid]
        assert r.verdict == Verdict.ERROR and r.error is not None
        assert [c.check for c in r.statement.checks] == ["runner"]            # nothing of it ran
        for message in messages:
            assert message in r.error and message in r.statement.checks[0].summary, r.error
    write_reports(Report.of(list(results.values()), RunSettings()), tmp_path / "r")
    assert "field kind: 'typo'" in (tmp_path / "r" / "claims" / "t.kind.md").read_text()


def test_the_claim_records_its_problems_instead_of_raising():
    from verify.core.model import Claim
    bad = dataclasses.replace(_claim("t.bad"), kind="typo", kind_why="w\nx")
    assert isinstance(bad, Claim) and [name for name, _ in bad.problems] == ["kind", "kind_why"]
    assert _claim("t.ok").problems == ()
    statement, correction = run_claim(bad, 0, "quick", plugin="plug.py")
    assert statement.verdict == Verdict.ERROR and correction is None
    assert statement.checks[0].summary.startswith("plugin plug.py: claim t.bad, field kind: 'typo' is not one of")
