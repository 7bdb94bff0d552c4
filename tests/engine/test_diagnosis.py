"""The kind of a flagged claim, its root cause and its proof status (verify.core.diagnosis), on small
claims run end to end (their checks decide the verdicts; nothing here types a verdict in, except the
evaluations built for the proof-status cases, which come from verify.core.verdict.evaluation)."""
from __future__ import annotations

import json

import pytest
import sympy as sp

from verify import Claim, Correction, Source, Statement
from verify.checks import Derivation, Identity, Inequality
from verify.core.diagnosis import diagnose, difference, kind_of, proof_status, root_causes
from verify.core.model import NUMERIC, SYMBOLIC, CheckResult, ClaimResult, Outcome, Verdict
from verify.core.verdict import evaluation
from verify.testing import run_claim

x, y, k, kappa, alpha = sp.symbols("x y k kappa alpha", real=True)
i = sp.Symbol("i", integer=True, positive=True)
SRC = Source("t.txt", "Section", "quote")


def claim(rel, corr=None, check=None, assuming=(), corr_assuming=(), cid="t.claim", **kw) -> Claim:
    correction = Correction(Statement(corr, assuming=corr_assuming), why="the fix") if corr is not None else None
    return Claim(cid, "title", SRC, Statement(rel, assuming=assuming), (check or Identity(),), correction=correction, **kw)


def result(c: Claim) -> ClaimResult:
    statement, correction = run_claim(c, 0, "quick")
    return ClaimResult(c, statement, correction)


def kind(c: Claim):
    r = result(c)
    return kind_of(c, r.statement, r.correction)


def eq(a, b):
    return sp.Eq(a, b, evaluate=False)


# ---------------------------------------------------------------------------------------------
# kinds
# ---------------------------------------------------------------------------------------------

def test_bound_variable_slip_is_notation():
    # sum_{i=1}^3 k = 6: the sum binds i, which the summand does not use
    k_ = kind(claim(eq(sp.Sum(k, (i, 1, 3)), 6), eq(sp.Sum(i, (i, 1, 3)), 6)))
    assert k_.kind == "notation" and not k_.declared
    assert "unused-bound" in k_.why


def test_codomain_slip_is_notation():
    # sign(x) (+-1) against the indicator 1(x >= 0) ({0, 1})
    k_ = kind(claim(eq(sp.sign(x), sp.Heaviside(x, 1)), eq(sp.sign(x), 2 * sp.Heaviside(x, 1) - 1),
                    corr_assuming=[sp.Ne(x, 0)]))
    assert k_.kind == "notation"
    assert "codomain" in k_.why


def test_symbol_swap_is_symbol():
    k_ = kind(claim(eq(sp.diff(x * y, x), x), eq(sp.diff(x * y, x), y)))
    assert k_.kind == "symbol"
    assert k_.substitution == (("x", "y"),)


def test_wrong_constant_is_constant():
    k_ = kind(claim(eq(sp.diff(x**2, x), x), eq(sp.diff(x**2, x), 2 * x)))
    assert k_.kind == "constant"
    assert "a factor 2" in k_.why


def test_wrong_exponent_is_rate():
    assert kind(claim(eq(sp.diff(x**3, x), 3 * x), eq(sp.diff(x**3, x), 3 * x**2))).kind == "rate"


def test_changed_order_is_rate():
    m = sp.Symbol("m", positive=True)
    d = difference(Statement(eq(y, sp.O(1 / m, (m, sp.oo)))), Statement(eq(y, sp.O(1 / sp.sqrt(m), (m, sp.oo)))))
    assert d.kind == "rate"


def test_missing_hypothesis_is_hypothesis():
    k_ = kind(claim(sp.Le(x, x**2), sp.Le(x, x**2), Inequality(), corr_assuming=[sp.Ge(x, 1)]))
    assert k_.kind == "hypothesis"
    assert "adds x >= 1" in k_.why


def test_broken_proof_step_is_proof():
    k_ = kind(claim(sp.Le(y, x), check=Derivation(derived=sp.Le(y, 2 * x)), assuming=[sp.Ge(x, 0)]))
    assert k_.kind == "proof"


def test_no_correction_is_false():
    assert kind(claim(eq(sp.diff(x**2, x), x))).kind == "false"


def test_wholly_different_correction_is_false():
    assert kind(claim(eq(sp.diff(x**2, x), x), eq(sp.diff(sp.sin(x), x), sp.cos(x)))).kind == "false"


def test_correct_claim_has_no_kind():
    r = result(claim(eq(sp.diff(x**2, x), 2 * x)))
    assert r.statement.verdict == Verdict.PROVED
    assert kind_of(r.claim, r.statement, r.correction) is None
    assert diagnose([r]).claims["t.claim"].kind is None


def test_declared_kind_says_declared():
    c = claim(eq(sp.diff(x**2, x), x), eq(sp.diff(x**2, x), 2 * x), kind="notation", kind_why="the note's prime is a typo")
    d = diagnose([result(c)]).claims["t.claim"]
    assert (d.kind.kind, d.kind_declared, d.why) == ("notation", True, "the note's prime is a typo")
    assert d.to_json()["kind_declared"] is True


@pytest.mark.parametrize("kw,field", [({"kind": "typo", "kind_why": "w"}, "kind"), ({"kind": "symbol"}, "kind_why"),
                                      ({"kind_why": "w"}, "kind_why"), ({"because_of": "t.claim"}, "because_of")])
def test_bad_declarations_name_claim_and_field(kw, field):
    bad = claim(eq(x, x), **kw)                # recorded, not raised: the claim becomes an error verdict
    assert [name for name, _ in bad.problems] == [field]
    assert bad.problem_text().startswith(f"claim t.claim, field {field}: ")


# ---------------------------------------------------------------------------------------------
# root causes
# ---------------------------------------------------------------------------------------------

def test_three_claims_with_one_declared_error_form_one_root_cause():
    first = claim(eq(sp.diff(x**2, x), x), eq(sp.diff(x**2, x), 2 * x), cid="t.a")
    second = claim(eq(sp.diff(x**2 + y, x), x), eq(sp.diff(x**2 + y, x), 2 * x), cid="t.b", because_of="t.a")
    third = claim(eq(sp.diff(x**2 * 3, x), 3 * x), eq(sp.diff(x**2 * 3, x), 6 * x), cid="t.c", because_of="t.b")
    diag = diagnose([result(c) for c in (first, second, third)])
    assert [r.claims for r in diag.root_causes] == [("t.a", "t.b", "t.c")]
    assert diag.root_causes[0].how == "declared"
    assert {d.root_cause for d in diag.claims.values()} == {"t.a"}
    assert len(diag.of_note("t.txt")) == 1


def test_three_corrections_with_one_substitution_form_one_root_cause():
    # the note writes kappa where alpha belongs, three times
    claims = [claim(eq(sp.diff(f * alpha, x), f0 * kappa), eq(sp.diff(f * alpha, x), f0 * alpha), cid=f"t.{n}")
              for n, (f, f0) in enumerate([(x**2, 2 * x), (sp.sin(x), sp.cos(x)), (sp.exp(x), sp.exp(x))])]
    diag = diagnose([result(c) for c in claims])
    assert [d.kind.kind for d in diag.claims.values()] == ["symbol"] * 3
    assert len(diag.root_causes) == 1
    assert diag.root_causes[0].claims == ("t.0", "t.1", "t.2")
    assert "kappa -> alpha" in diag.root_causes[0].how


def test_different_errors_are_different_root_causes():
    a = claim(eq(sp.diff(x**2, x), x), eq(sp.diff(x**2, x), 2 * x), cid="t.a")
    b = claim(eq(sp.diff(x * y, x), x), eq(sp.diff(x * y, x), y), cid="t.b")
    assert [r.claims for r in diagnose([result(a), result(b)]).root_causes] == [("t.a",), ("t.b",)]


def test_because_of_unknown_claim_is_a_problem():
    c = claim(eq(sp.diff(x**2, x), x), eq(sp.diff(x**2, x), 2 * x), because_of="t.nowhere")
    r = result(c)
    causes, problems = root_causes([c], {"t.claim": kind_of(c, r.statement, r.correction)})
    assert problems == ["claim t.claim, field because_of: 't.nowhere' is not a claim id"]
    assert causes[0].claims == ("t.claim",)


# ---------------------------------------------------------------------------------------------
# proof status
# ---------------------------------------------------------------------------------------------

def numeric(outcome: Outcome, name: str = "flows at m = 8") -> CheckResult:
    return CheckResult(name, NUMERIC, outcome, "summary")


def test_supported_parent_over_refuted_step_says_the_proof_is_broken():
    step = claim(eq(sp.diff(x**2, x), x), eq(sp.diff(x**2, x), 2 * x), cid="t.step")
    parent = claim(sp.Le(y, x), cid="t.parent", depends_on=("t.step",))
    results = [result(step), ClaimResult(parent, evaluation([numeric(Outcome.HOLDS)]))]
    assert results[1].verdict == Verdict.SUPPORTED
    diag = diagnose(results)
    p = diag.claims["t.parent"].proof
    assert p.status == "broken"
    assert p.broken_at == (("t.step", "refuted", "constant"),)
    assert p.words == "supported numerically at flows at m = 8; the proof is broken at t.step (constant)"
    json.dumps(diag.to_json())


def test_broken_steps_are_found_transitively():
    low = claim(eq(sp.diff(x**2, x), x), cid="t.low")
    mid = claim(eq(sp.diff(x**2, x), 2 * x), cid="t.mid", depends_on=("t.low",))
    top = claim(sp.Le(y, x), cid="t.top", depends_on=("t.mid",))
    results = [result(low), result(mid), ClaimResult(top, evaluation([numeric(Outcome.HOLDS)]))]
    by_id = {r.claim.id: r for r in results}
    kinds = {"t.low": kind_of(low, results[0].statement)}
    assert proof_status("t.top", by_id, kinds).broken_at == (("t.low", "refuted", "false"),)
    assert proof_status("t.mid", by_id, kinds).words.startswith("proved by its own derivation; the written proof is broken")


def test_complete_proof():
    step = claim(eq(sp.diff(x**2, x), 2 * x), cid="t.step")
    parent = claim(eq(sp.diff(x**3, x), 3 * x**2), cid="t.parent", depends_on=("t.step",))
    p = diagnose([result(step), result(parent)]).claims["t.parent"].proof
    assert (p.status, p.broken_at, p.words) == ("complete", (), "proved; the proof is complete (its step holds)")


def test_gap_says_what_is_known_of_its_conclusion():
    gap = CheckResult("derivation", SYMBOLIC, Outcome.GAP, "the derivation gives less")
    c = claim(sp.Le(y, x), cid="t.gap")
    untested = proof_status("t.gap", {"t.gap": ClaimResult(c, evaluation([gap]))}, {})
    holding = proof_status("t.gap", {"t.gap": ClaimResult(c, evaluation([gap, numeric(Outcome.HOLDS)]))}, {})
    assert (untested.conclusion, holding.conclusion) == ("untested", "tested and holding")
    assert untested.status is None and "the conclusion is untested" in untested.words
    assert holding.words == "the conclusion is tested and holding (flows at m = 8)"


def test_no_steps_no_status():
    r = result(claim(eq(sp.diff(x**2, x), 2 * x)))
    assert diagnose([r]).claims["t.claim"].proof is None


def test_a_gap_says_what_the_claims_testing_its_conclusion_found():
    gap = CheckResult("derivation", SYMBOLIC, Outcome.GAP, "the derivation gives less")
    c = claim(sp.Le(y, x), cid="t.gap", tested_by=("t.sim",))
    sim = claim(sp.Le(y, x), cid="t.sim")

    def status(outcome):
        results = {"t.gap": ClaimResult(c, evaluation([gap])), "t.sim": ClaimResult(sim, evaluation([numeric(outcome)]))}
        return proof_status("t.gap", results, {})

    holds, fails = status(Outcome.HOLDS), status(Outcome.FAILS)
    assert (holds.conclusion, holds.tested_by) == ("tested and holding", (("t.sim", "supported", "holds"),))
    assert holds.words == "the conclusion is tested by t.sim: holds (supported)"
    assert (fails.conclusion, fails.words) == ("tested and failing", "the conclusion is tested by t.sim: fails (refuted)")
    # its own checks and the other claim both test it; a testing claim not run says nothing
    both = proof_status("t.gap", {"t.gap": ClaimResult(c, evaluation([gap, numeric(Outcome.HOLDS)])),
                                  "t.sim": ClaimResult(sim, evaluation([numeric(Outcome.FAILS)]))}, {})
    assert both.conclusion == "tested and failing"
    assert both.words == ("the conclusion is tested and holding (flows at m = 8); "
                          "it is tested by t.sim: fails (refuted)")
    alone = proof_status("t.gap", {"t.gap": ClaimResult(c, evaluation([gap]))}, {})
    assert (alone.conclusion, alone.tested_by) == ("untested", ())
    assert [name for name, _ in claim(sp.Le(y, x), cid="t.gap", tested_by=("t.gap",)).problems] == ["tested_by"]


# ---------------------------------------------------------------------------------------------
# the analysis a worker sends with a claim's evaluations
# ---------------------------------------------------------------------------------------------

def test_the_analysis_sent_by_a_worker_is_the_one_the_report_would_compute():
    from verify.core.diagnosis import Analysis, analysis_of
    from verify.core.model import RunSettings
    from verify.run.runner import run_claims
    c = claim(eq(sp.diff(x * y, x), x), eq(sp.diff(x * y, x), y), cid="t.swap")
    sent = run_claims([c], RunSettings(jobs=1))[0]
    assert sent.analysis is not None                   # computed where the claim ran
    here = Analysis.of(c, sent.statement, sent.correction)
    assert sent.analysis == here and Analysis.from_json(json.loads(json.dumps(here.to_json()))) == here
    assert here.kind.kind == "symbol" and here.kind.substitution == (("x", "y"),)
    assert here.marked is not None and r"\color{red}" in here.marked[0]
    without = ClaimResult(c, sent.statement, sent.correction)        # e.g. a result built in process
    assert analysis_of(without) == here
    assert diagnose([sent]).claims["t.swap"].kind == diagnose([without]).claims["t.swap"].kind


def test_numeric_change_of_undefined_functions_found_or_ruled_out():
    """A numeric factor or term between expressions of undefined functions is still found; a change that
    is no number (one term of two dropped) is ruled out by the polynomial stand-ins without simplifying."""
    from verify.core.diagnosis import _numeric_change, _varies
    f, g = sp.Function("f"), sp.Function("g")
    fp = sp.Subs(sp.Derivative(f(x), x), x, y + k)
    assert _numeric_change(fp * g(x), 3 * fp * g(x)) == "a factor 3"
    assert _numeric_change(fp + g(x), fp + g(x) + 2) == "a term 2"
    assert not _varies(3 * fp * g(x) / (fp * g(x)))
    assert _varies(fp / (fp + g(x)))
    assert _numeric_change(fp + g(x), fp) is None
    assert not _varies(sp.sqrt(x) / x)             # not a rational function: left to simplify
