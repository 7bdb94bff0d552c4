"""The diagnosis in the reports: kind, root cause and proof status per claim, root causes per note in
results.json (schema 3), and the one screen per note that opens index.md, the HTML index and each note
page (the distinct errors with their fixes, the proof gaps, then the counts). Small claims run end to
end; nothing here loads the built-in claims."""
from __future__ import annotations

import json

import pytest
import sympy as sp

from verify import Claim, Correction, Source, Statement
from verify.checks import Identity, Inequality
from verify.core.model import NUMERIC, CheckResult, ClaimResult, Outcome, RunSettings, Verdict
from verify.core.verdict import evaluation
from verify.report.document import SCHEMA, Report
from verify.report.summary import first_sentence, note_summary
from verify.report.write import read_report, render_all, write_reports
from verify.testing import run_claim

x, y = sp.symbols("x y", real=True)
NOTE = "note.md"
SRC = Source(NOTE, "Section", "quote")


def eq(a, b):
    return sp.Eq(a, b, evaluate=False)


def claim(cid, rel, corr=None, check=None, corr_assuming=(), **kw) -> Claim:
    correction = Correction(Statement(corr, assuming=corr_assuming), why="Differentiate again. Then it holds.") \
        if corr is not None else None
    return Claim(cid, f"title of {cid}", SRC, Statement(rel), (check or Identity(),), correction=correction, **kw)


def result(c: Claim) -> ClaimResult:
    return ClaimResult(c, *run_claim(c, 0, "quick"))


def supported() -> CheckResult:
    return CheckResult("flows at m = 8", NUMERIC, Outcome.HOLDS, "holds at 40 instances")


@pytest.fixture(scope="module")
def results() -> list[ClaimResult]:
    # one dropped factor 2, made in t.a and inherited by t.b and t.c: one error
    a = claim("t.a", eq(sp.Derivative(x**2, x), x), eq(sp.Derivative(x**2, x), 2 * x))
    b = claim("t.b", eq(sp.Derivative(x**2 + y, x), x), eq(sp.Derivative(x**2 + y, x), 2 * x), because_of="t.a")
    c = claim("t.c", eq(sp.Derivative(3 * x**2, x), 3 * x), eq(sp.Derivative(3 * x**2, x), 6 * x), because_of="t.b",
              kind="constant", kind_why="the factor 2 of t.a, dropped again")
    holds = claim("t.holds", eq(sp.Derivative(x**3, x), 3 * x**2))
    # a missing hypothesis
    hyp = claim("t.hyp", sp.Le(x, x**2), sp.Le(x, x**2), Inequality(), corr_assuming=[sp.Ge(x, 1)])
    # accepted numerically while its proof step t.a is refuted
    parent = Claim("t.parent", "title of t.parent", SRC, Statement(sp.Le(y, x)), (Inequality(),), depends_on=("t.a",))
    return [result(a), result(b), result(c), result(holds), result(hyp),
            ClaimResult(parent, evaluation([supported()]))]


@pytest.fixture(scope="module")
def report(results) -> Report:
    return Report.of(results, RunSettings(0, "quick"))


@pytest.fixture(scope="module")
def files(report) -> dict[str, str]:
    return render_all(report)


def summary_part(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end)]


# ---------------------------------------------------------------------------------------------
# the document and results.json
# ---------------------------------------------------------------------------------------------

def test_each_claim_report_carries_kind_root_cause_and_proof(report):
    by_id = report.by_id()
    assert [by_id[i].kind.kind for i in ("t.a", "t.b", "t.c", "t.hyp")] == ["constant", "constant", "constant",
                                                                           "hypothesis"]
    assert (by_id["t.c"].kind.declared, by_id["t.c"].kind.why) == (True, "the factor 2 of t.a, dropped again")
    assert not by_id["t.a"].kind.declared and "a factor 2" in by_id["t.a"].kind.why
    assert {by_id[i].root_cause for i in ("t.a", "t.b", "t.c")} == {"t.a"}
    assert by_id["t.holds"].kind is None and by_id["t.holds"].root_cause is None
    assert by_id["t.parent"].verdict == Verdict.SUPPORTED and by_id["t.parent"].kind is None
    assert by_id["t.parent"].proof.broken and by_id["t.parent"].proof.broken_at == (("t.a", "refuted", "constant"),)
    [cause] = [r for r in report.root_causes_of(NOTE) if r.id == "t.a"]
    assert (cause.claims, cause.how, cause.also) == (("t.a", "t.b", "t.c"), "declared", ("t.b", "t.c"))


def test_the_report_schema_round_trips_with_the_diagnosis(report, tmp_path):
    data = json.loads(report.dumps())
    assert data["schema"] == SCHEMA == 4
    assert [r["id"] for r in data["root_causes"][NOTE]] == ["t.a", "t.hyp"]
    claims = {c["id"]: c for c in data["claims"]}
    assert claims["t.c"]["kind"] == {"kind": "constant", "declared": True, "why": "the factor 2 of t.a, dropped again"}
    assert claims["t.b"]["root_cause"] == "t.a"
    assert claims["t.holds"]["kind"] is None and claims["t.holds"]["proof"] is None
    assert claims["t.parent"]["proof"]["status"] == "broken"
    again = Report.from_json(data)
    assert again == report and again.dumps() == report.dumps()
    write_reports(report, tmp_path)
    assert read_report(tmp_path) == report
    # the diagnosis is part of the document: a change is a different document
    changed = dict(claims["t.b"], root_cause=None)
    assert Report.from_json({**data, "claims": [changed if c["id"] == "t.b" else c for c in data["claims"]]}) != report
    with pytest.raises(ValueError, match="schema"):
        Report.from_json({**data, "schema": 2})


# ---------------------------------------------------------------------------------------------
# one screen per note
# ---------------------------------------------------------------------------------------------

def test_three_claims_sharing_one_error_appear_once_in_the_error_list(report, files):
    s = note_summary(report, NOTE)
    assert s.errors == 2 and s.flagged == 4
    [constant] = [g for g in s.groups if g.kind == "constant"]
    [entry] = constant.errors
    assert (entry.cause.id, entry.also) == ("t.a", ("t.b", "t.c"))
    index = files["index.md"]
    errors = summary_part(index, "## What is wrong", "## Counts")
    assert errors.count("- [t.a](claims/t.a.md)") == 1
    assert "[t.b](claims/t.b.md)" not in errors.replace("also in [t.b](claims/t.b.md)", "", 1)
    assert "  - also in [t.b](claims/t.b.md), [t.c](claims/t.c.md)" in errors
    assert "**2 distinct errors**" in errors
    html = summary_part(files["html/index.html"], "What is wrong", "<h2>Counts</h2>")
    assert html.count('<a href="claims/t.a.html">t.a</a> —') == 1 and html.count("t.b.html") == 1


def test_each_error_has_its_one_line_fix_rendered(files):
    errors = summary_part(files["index.md"], "## What is wrong", "## Counts")
    # the checked corrected relation's LaTeX, and an added hypothesis; no raw SymPy
    assert "  - fix: $\\frac{d}{d x} x^{2} = 2 x$ (checked: proved)" in errors
    assert "  - fix: assume $x \\geq 1$ (checked: proved)" in errors
    assert "**constant** — a wrong number" in errors and "**hypothesis** —" in errors
    assert "Derivative(" not in errors and "**" in errors
    html = summary_part(files["html/index.html"], "What is wrong", "<h2>Counts</h2>")
    assert '<div class="fix">fix: <math' in html and "Derivative(" not in html
    note = files["html/notes/note.md.html"]
    assert summary_part(note, "What is wrong", "<h2>Counts</h2>").count('<div class="fix">fix: ') == 2


def test_a_supported_parent_over_a_refuted_step_shows_the_proof_is_broken(files):
    page = files["claims/t.parent.md"]
    assert ("**Proof:** supported numerically at flows at m = 8; the proof is broken at t.a (constant)") in page
    assert "**Kind:**" not in page
    assert "the proof is broken at t.a (constant)" in files["html/claims/t.parent.html"]
    errors = summary_part(files["index.md"], "## What is wrong", "## Counts")
    assert ("**Accepted, but the written proof is broken**\n\n- [t.parent](claims/t.parent.md): supported "
            "numerically\n  - broken at [t.a](claims/t.a.md) (constant)") in errors


def test_a_claim_that_holds_shows_no_kind(files):
    [row] = [ln for ln in files["index.md"].splitlines() if ln.startswith("| [t.holds]")]
    assert row.split(" | ")[2:4] == ["proved", ""]
    assert "**Kind:**" not in files["claims/t.holds.md"] and "**Root cause:**" not in files["claims/t.holds.md"]
    assert "<strong>Kind:</strong>" not in files["html/claims/t.holds.html"]
    [row] = [ln for ln in files["index.md"].splitlines() if ln.startswith("| [t.b]")]
    assert " | constant | " in row


def test_claim_pages_show_kind_declared_or_computed_and_the_root_cause_linked(files):
    c = files["claims/t.c.md"]
    assert "**Kind:** constant (declared: the factor 2 of t.a, dropped again)" in c
    assert "**Root cause:** [t.a](t.a.md) (declared)" in c
    a = files["claims/t.a.md"]
    assert "**Kind:** constant (computed: the correction changes a number: a factor 2)" in a
    assert "**Root cause:** this claim; the same error is in [t.b](t.b.md), [t.c](t.c.md) (declared)" in a
    html = files["html/claims/t.c.html"]
    assert "(declared: the factor 2 of t.a, dropped again)" in html and '<a href="t.a.html">t.a</a>' in html
    assert a.index("**Kind:**") < a.index("**Verdict:**")


def test_the_index_and_note_pages_open_with_the_error_summary_before_the_counts(files):
    index = files["index.md"]
    assert index.index("## What is wrong") < index.index("- [t.a](claims/t.a.md)") < index.index("**Counts:**") \
        < index.index("## Counts") < index.index("| verdict | statements | corrections |") < index.index("## Claims")
    html = files["html/index.html"]
    assert html.index("What is wrong") < html.index('class="fix"') < html.index('<table class="counts">') \
        < html.index('<table class="claims">')
    note = files["html/notes/note.md.html"]
    assert note.index("What is wrong") < note.index('class="fix"') < note.index('<table class="counts">') \
        < note.index("Dependency graph")


def test_a_note_without_errors_says_so(results):
    report = Report.of([results[3]], RunSettings())
    s = note_summary(report, NOTE)
    assert s.clean and s.errors == 0
    assert "No errors and no proof gaps found." in render_all(report)["index.md"]


def test_first_sentence_stops_at_a_sentence_end_not_inside_one():
    assert first_sentence("Differentiate again. Then it holds.") == "Differentiate again"
    assert first_sentence("R_n has the factor 1/(2n): its flow has 1/n. More.") == "R_n has the factor 1/(2n): its flow has 1/n"
    assert first_sentence("a " * 200, 20).endswith("…") and len(first_sentence("a " * 200, 20)) == 20


def test_titles_in_the_summary_are_plain_text(results):
    c = results[0].claim
    starred = Claim(c.id, "bound on ||f*|| with <a, b> and (H*)^{-1}", c.source, c.statement, c.checks,
                    correction=c.correction)
    index = render_all(Report.of([ClaimResult(starred, results[0].statement, results[0].correction)],
                                 RunSettings()))["index.md"]
    assert r"— bound on ||f\*|| with \<a, b> and (H\*)^{-1}" in index


def test_claims_not_run_have_no_diagnosis_and_leave_their_dependants_unverified(results):
    step, parent = results[0].claim, results[5]
    report = Report.of([ClaimResult(step, None), parent], RunSettings())
    by_id = report.by_id()
    assert by_id["t.a"].kind is None and by_id["t.a"].proof is None and by_id["t.a"].root_cause is None
    assert by_id["t.parent"].proof.status == "unverified"
    assert Report.from_json(json.loads(report.dumps())) == report


# ---------------------------------------------------------------------------------------------
# the terminal (verify show) and JUnit carry the diagnosis too
# ---------------------------------------------------------------------------------------------

def _shown(report: Report, claim_id: str) -> str:
    from rich.console import Console

    from verify.report.terminal import show_claim
    console = Console(record=True, width=200, color_system=None)
    show_claim(report.by_id()[claim_id], report, console=console)
    return console.export_text()


def test_show_gives_kind_root_cause_and_proof_status(report):
    text = _shown(report, "t.b")
    assert "kind: constant (computed: the correction changes a number" in text
    assert "root cause: t.a (declared)" in text
    parent = _shown(report, "t.parent")
    assert "proof: supported numerically at flows at m = 8; the proof is broken at t.a (constant)" in parent
    assert "kind:" not in _shown(report, "t.holds") and "proof:" not in _shown(report, "t.holds")


def test_junit_gives_kind_root_cause_and_proof_status(report):
    import xml.etree.ElementTree as ET

    from verify.report.junit import junit_xml
    cases = {c.get("name"): c for c in ET.fromstring(junit_xml(report)).iter("testcase")}
    props = {n: {p.get("name"): p.get("value") for p in c.iter("property")} for n, c in cases.items()}
    assert props["t.c"] == {"kind": "constant", "root_cause": "t.a"}
    assert props["t.parent"] == {"proof": "broken"} and props["t.holds"] == {}
    out = cases["t.c"].find("system-out").text
    assert "kind: constant (declared: the factor 2 of t.a, dropped again)" in out and "root cause: t.a (declared)" in out
    assert "proof: supported numerically at flows at m = 8; the proof is broken at t.a (constant)" in \
        cases["t.parent"].find("system-out").text
