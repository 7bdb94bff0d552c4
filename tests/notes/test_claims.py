"""Every built-in claim module, end to end: quotes verbatim and in the note's order, ids unique with one
prefix per note, every flagged claim corrected, and every computed verdict (statement and correction)
equal to the oracle recorded with it (the oracle test reads the session's one evaluation of each claim,
shared with the note tests). Note-specific tests (the note's errors found by the right checks) live in
tests/notes/test_noteNNN.py; the engine modules a note introduced are unit-tested in tests/engine."""
from __future__ import annotations

import pytest

from verify.core.model import Verdict
from tests.helpers import SEEDS, builtin_claims, builtin_modules

MODULES = builtin_modules()
CLAIMS = builtin_claims()            # as a run sees them (the module's declared scalings attached)
UNFLAGGED = (Verdict.PROVED, Verdict.SUPPORTED, Verdict.INCONCLUSIVE)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_quotes_are_verbatim_and_in_the_notes_order(module):
    path = SEEDS / module.NOTE
    assert path.is_file(), f"note {module.NOTE} not found under {SEEDS} (set VERIFY_SEEDS)"
    text, position = path.read_text(), 0
    for claim in module.CLAIMS:
        assert claim.source.file == module.NOTE, claim.id
        assert text.find(claim.source.quote) >= 0, f"{claim.id}: quote not found verbatim: {claim.source.quote!r}"
        later = text.find(claim.source.quote, position)
        assert later >= 0, f"{claim.id} is out of the note's order"
        position = later


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_ids_are_unique_with_one_prefix_per_note(module):
    ids = [c.id for c in module.CLAIMS]
    assert len(ids) == len(set(ids))
    assert len({i.split(".")[0] for i in ids}) == 1, "one id prefix per note"


def test_ids_are_unique_across_notes():
    ids = [c.id for _, c in CLAIMS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_every_flagged_claim_has_a_checked_correction(module):
    for claim in module.CLAIMS:
        assert claim.expected is not None and claim.checks, claim.id
        if claim.expected not in UNFLAGGED:
            assert claim.correction is not None, f"{claim.id}: flagged without a correction"
            assert claim.correction.expected is not None, claim.id


@pytest.mark.parametrize("claim", [c for _, c in CLAIMS], ids=[f"{m}:{c.id}" for m, c in CLAIMS])
def test_computed_verdict_matches_oracle(claim, evaluated):
    statement, correction = evaluated(claim.id)
    assert statement.verdict == claim.expected, statement.findings
    if claim.correction is not None:
        assert correction is not None
        assert correction.verdict == claim.correction.expected, correction.findings
