"""Note 000 (lazy training): the note's kappa/alpha and n/m mix-ups are found by the checks that should find
them -- the gradient flow, Monte Carlo and the scaling analysis without simulation.

Each claim's evaluations come from the session's one run of the built-in claims (``evaluated``,
tests/notes/conftest.py); quotes, ids and every verdict against its oracle are checked for all notes in
tests/notes/test_claims.py."""
from __future__ import annotations

import claims.note000_lazy_training as note
from tests.helpers import by_id

BY_ID = by_id(note)


def test_kappa_alpha_mixup_is_found_by_the_gradient_flow(evaluated):
    """The theorem as written fails in simulation at a replayed instance; the alpha version holds there."""
    claim = BY_ID["lazy.theorem.bound"]
    statement, correction = evaluated(claim.id)
    flow = next(c for c in statement.checks if c.check == "gradient flow")
    assert flow.outcome.value == "fails"
    assert flow.evidence["relative_margin_precise"] < 0 and "replay" in flow.evidence
    assert next(c for c in correction.checks if c.check == "gradient flow").outcome.value == "holds"


def test_n_for_m_mixup_is_found_by_monte_carlo(evaluated):
    statement, correction = evaluated("lazy.lemma3.spectral")
    assert statement.checks[0].evidence["interval"][1] < statement.checks[0].evidence["required_probability"]
    assert correction.checks[0].evidence["interval"][0] >= correction.checks[0].evidence["required_probability"]


def test_scaling_analysis_finds_the_kappa_alpha_mixup_without_simulation():
    from verify.checks.scaling import analyse
    for claim_id in ("lazy.theorem.bound", "lazy.proof.velocity", "lazy.theorem.threshold"):
        claim = BY_ID[claim_id]
        assert analyse(claim.statement, claim.scaling).violations, claim_id
        assert not analyse(claim.correction.statement, claim.scaling).violations, claim_id
    bound = analyse(BY_ID["lazy.theorem.bound"].statement, BY_ID["lazy.theorem.bound"].scaling)
    assert any("f_t*kappa" in str(v) and "f_star" in str(v) for v in bound.violations)



def test_corrected_theorem_holds_at_the_smallest_admissible_alpha(evaluated):
    """The corrected theorem's flow is searched from alpha = ||f*||/M (alpha_scale -> 1), kappa = 1 up."""
    _, correction = evaluated("lazy.theorem.bound")
    search = correction.checks[0].evidence["configuration_search"]
    rows = search["per_configuration"]
    assert min(r["configuration"]["alpha_scale"] for r in rows) < 1.001
    assert min(r["configuration"]["kappa"] for r in rows) == 1.0
    assert all(r["valid"] and r["outcome"] == "holds" for r in rows)


def test_fold_models_need_the_threshold(evaluated):
    """On fold models the corrected theorem holds at the proof's threshold, at every scale of sigma_min; without its
    hypothesis on alpha the flow stalls at the fold (alpha at half the reach) and the same check fails."""
    from dataclasses import replace
    _, correction = evaluated("lazy.theorem.bound")
    fold = [r for r in correction.checks if "fold" in r.check][0]
    rows = fold.evidence["configuration_search"]["per_configuration"]
    assert {r["configuration"]["sigma_min"] for r in rows if r["valid"]} == {1 / 32, 1.0, 32.0}
    assert all(r["outcome"] == "holds" for r in rows if r["valid"])
    claim = BY_ID["lazy.theorem.bound"]
    check = [c for c in claim.correction.checks if "fold" in c.name][0]
    unconditional = replace(claim.correction.statement, assuming=[])
    assert _run(claim.id, unconditional, (check,)).checks[0].outcome.value == "fails"


def test_lemma3_on_s0_is_computed_exactly(evaluated):
    """On S^0 the Gram matrix is a function of N ~ Bin(m/2, 1/2): the probabilities are summed exactly."""
    statement, correction = evaluated("lazy.lemma3.spectral")
    for evaluation, outcome in ((statement, "fails"), (correction, "holds")):
        search = evaluation.checks[0].evidence["configuration_search"]
        s0 = [r for r in search["per_configuration"] if r["configuration"]["data"] == "S^0"]
        assert s0 and all(r["outcome"] == outcome for r in s0)
        assert search["exact_configurations"] == len(s0)


def _run(claim_id, statement, checks=None):
    """A claim's checks (or ``checks``) on another statement, as the runner runs them."""
    from verify.run.runner import run_checks
    claim = BY_ID[claim_id]
    return run_checks(statement, checks or claim.checks, 0, "quick", claim.id, "statement")


def test_the_flow_stays_in_the_ball_at_the_smallest_admissible_alpha_and_a_smaller_ball_fails(evaluated):
    """T = oo holds with room at alpha = ||f*||/M (alpha_scale -> 1), kappa = 1 up; a radius tau_0/100 fails:
    the check sees the displacement."""
    from dataclasses import replace
    import sympy as sp
    statement, _ = evaluated("lazy.proof.no_exit")
    rows = statement.checks[0].evidence["configuration_search"]["per_configuration"]
    assert min(r["configuration"]["alpha_scale"] for r in rows) < 1.001
    assert all(r["valid"] and r["outcome"] == "holds" for r in rows)
    claim = BY_ID["lazy.proof.no_exit"]
    small = replace(claim.statement, relation=sp.Le(claim.statement.relation.lhs, claim.statement.relation.rhs / 100))
    assert _run(claim.id, small).checks[0].outcome.value == "fails"


def test_lemma2_combined_step_fails_with_a_faster_rate():
    """mu/2 ||z(t) - z*||^2 <= e^{-2 mu lambda t} nu/2 ||z(0) - z*||^2 is attained (Q = lambda I, bottom eigenvector,
    kappa = 1): with e^{-3 mu lambda t} it fails."""
    from dataclasses import replace
    import sympy as sp
    from claims._lazy_setting import lam, mu, t
    claim = BY_ID["lazy.lemma2.combined"]
    rel = claim.statement.relation
    faster = replace(claim.statement, relation=sp.Le(rel.lhs, rel.rhs * sp.exp(-mu * lam * t)))
    assert _run(claim.id, faster).checks[0].outcome.value == "fails"


def test_remark_objective_needs_the_sign_of_y0():
    """With y_0 = y - J w(0) the two objectives differ: the identity check sees the sign."""
    from dataclasses import replace
    import sympy as sp
    claim = BY_ID["lazy.remark1.objective"]
    rel = claim.statement.relation
    w0 = sp.IndexedBase("omega_0", real=True)
    flipped = rel.rhs.replace(lambda e: isinstance(e, sp.Indexed) and e.base == w0, lambda e: -e)
    wrong = replace(claim.statement, relation=sp.Eq(rel.lhs, flipped, evaluate=False))
    assert _run(claim.id, wrong).verdict.value == "refuted"
