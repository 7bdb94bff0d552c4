"""Note 000 encoded end to end: quotes are verbatim and in the note's order, and every computed verdict
equals the expected one recorded as a test oracle (the verdicts themselves are computed by the checks)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import claims.note000_lazy_training as note
from verify.model import Verdict
from verify.runner import run_claim

SEEDS = Path(os.environ.get("VERIFY_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))
BY_ID = {c.id: c for c in note.CLAIMS}


def note_text() -> str:
    path = SEEDS / note.NOTE
    assert path.is_file(), f"note {note.NOTE} not found under {SEEDS} (set VERIFY_SEEDS)"
    return path.read_text()


def test_quotes_are_verbatim_and_in_the_notes_order():
    text, position = note_text(), 0
    for claim in note.CLAIMS:
        assert claim.source.file == note.NOTE
        found = text.find(claim.source.quote)
        assert found >= 0, f"{claim.id}: quote not found verbatim: {claim.source.quote!r}"
        later = text.find(claim.source.quote, position)
        assert later >= 0, f"{claim.id} is out of the note's order"
        position = later


def test_every_claim_has_an_oracle_and_checks():
    for claim in note.CLAIMS:
        assert claim.expected is not None, claim.id
        assert claim.checks, claim.id
        if claim.expected not in (Verdict.PROVED, Verdict.SUPPORTED):
            assert claim.correction is not None, f"{claim.id}: flagged without a correction"


@pytest.mark.parametrize("claim_id", list(BY_ID))
def test_computed_verdict_matches_oracle(claim_id):
    claim = BY_ID[claim_id]
    statement, correction = run_claim(claim, seed=0, budget="quick")
    assert statement.verdict == claim.expected, statement.findings
    if claim.correction is not None:
        assert correction is not None
        assert correction.verdict == claim.correction.expected, correction.findings


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
