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


def test_lemma3_on_s0_is_computed_exactly(evaluated):
    """On S^0 the Gram matrix is a function of N ~ Bin(m/2, 1/2): the probabilities are summed exactly."""
    statement, correction = evaluated("lazy.lemma3.spectral")
    for evaluation, outcome in ((statement, "fails"), (correction, "holds")):
        search = evaluation.checks[0].evidence["configuration_search"]
        s0 = [r for r in search["per_configuration"] if r["configuration"]["data"] == "S^0"]
        assert s0 and all(r["outcome"] == outcome for r in s0)
        assert search["exact_configurations"] == len(s0)
