"""Note 000: the note's mix-ups are found by the checks that should find them (the generic checks of
every claim module, quotes and oracles included, are in tests/test_claims.py)."""
from __future__ import annotations

import claims.note000_lazy_training as note
from verify.runner import run_claim

BY_ID = {c.id: c for c in note.CLAIMS}


def test_kappa_alpha_mixup_is_found_by_the_gradient_flow():
    """The theorem as written fails in simulation at a replayed instance; the alpha version holds there."""
    claim = BY_ID["lazy.theorem.bound"]
    statement, correction = run_claim(claim, seed=0, budget="quick")
    flow = next(c for c in statement.checks if c.check == "gradient flow")
    assert flow.outcome.value == "fails"
    assert flow.evidence["relative_margin_precise"] < 0 and "replay" in flow.evidence
    assert next(c for c in correction.checks if c.check == "gradient flow").outcome.value == "holds"


def test_n_for_m_mixup_is_found_by_monte_carlo():
    statement, correction = run_claim(BY_ID["lazy.lemma3.spectral"], seed=0, budget="quick")
    assert statement.checks[0].evidence["interval"][1] < statement.checks[0].evidence["required_probability"]
    assert correction.checks[0].evidence["interval"][0] >= correction.checks[0].evidence["required_probability"]
