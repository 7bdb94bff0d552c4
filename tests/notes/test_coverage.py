"""Every assertion of the five notes is accounted for: each displayed formula, each inline relation of a
theorem-like paragraph and each prose assertion the ledger lists maps to claims or to a reason, every claim
is reviewed against its quote, and the ledgers have no problem (quotes verbatim, ids known, fields valid)."""
from __future__ import annotations

import pytest

from verify.coverage import coverage_of
from verify.run.registry import builtin_plugins, load_plugins

PLUGINS = builtin_plugins()


@pytest.fixture(scope="module")
def coverage():
    registry = load_plugins(PLUGINS)
    return {c.note: c for c in coverage_of(PLUGINS, registry)}


def test_every_note_has_its_coverage(coverage):
    assert len(coverage) == 5 and all(c.ledger for c in coverage.values())


@pytest.mark.parametrize("note", ["000", "001", "002", "003", "004"])
def test_no_assertion_is_unaccounted_and_every_claim_is_reviewed(coverage, note):
    (c,) = [c for n, c in coverage.items() if n.startswith(note)]
    assert not c.problems, c.problems
    assert not c.unaccounted, [(u.kind, u.section, u.text[:80]) for u in c.unaccounted]
    assert not c.unreviewed, c.unreviewed
    # every repaired or differing claim says how
    assert all(r.how for r in c.reviews.values() if r.outcome != "faithful")
