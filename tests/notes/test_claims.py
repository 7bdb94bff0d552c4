"""Every built-in claim module, end to end: quotes verbatim and in the note's order, ids unique with one
prefix per note, every flagged claim corrected, and every computed verdict (statement and correction)
equal to the oracle recorded with it. Note-specific tests (the note's errors found by the right checks,
the reusable math of each note) live in tests/test_noteNNN.py."""
from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path

import pytest

import claims
from verify.core.model import Verdict
from verify.run.registry import module_claims
from verify.run.runner import run_claim

SEEDS = Path(os.environ.get("VERIFY_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))
MODULES = [importlib.import_module(f"claims.{m.name}") for m in pkgutil.iter_modules(claims.__path__)
           if not m.name.startswith("_")]
# as a run sees them (the module's declared scalings attached)
CLAIMS = [(module.__name__.split(".")[-1], claim) for module in MODULES for claim in module_claims(module)]
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
def test_computed_verdict_matches_oracle(claim):
    statement, correction = run_claim(claim, seed=0, budget="quick")
    assert statement.verdict == claim.expected, statement.findings
    if claim.correction is not None:
        assert correction is not None
        assert correction.verdict == claim.correction.expected, correction.findings
