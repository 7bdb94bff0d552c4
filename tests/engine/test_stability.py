"""`verify stability`: seeds parsed, moves between accepted and flagged detected, the table rendered."""
from pathlib import Path

import pytest

from verify.core.model import RunSettings, Verdict
from verify.report.stability import to_markdown
from verify.run.registry import load
from verify.run.stability import moves, parse_seeds, verdicts_across_seeds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize("text, seeds", [("0-9", list(range(10))), ("0,3,5", [0, 3, 5]), ("0-2,7,1", [0, 1, 2, 7]),
                                         ("4", [4])])
def test_seed_lists(text, seeds):
    assert parse_seeds(text) == seeds


@pytest.mark.parametrize("text", ["", "3-1", "a", "-2"])
def test_bad_seed_lists_are_refused(text):
    with pytest.raises(ValueError):
        parse_seeds(text)


def test_a_move_needs_an_accepted_and_a_flagged_verdict():
    assert moves([Verdict.SUPPORTED, Verdict.REFUTED])
    assert moves([Verdict.PROVED, Verdict.LOOSE, Verdict.PROVED])
    assert not moves([Verdict.SUPPORTED, Verdict.INCONCLUSIVE])        # undecided is not a move
    assert not moves([Verdict.REFUTED, Verdict.GAP, None])
    assert not moves([Verdict.SUPPORTED] * 3)


def test_table_over_seeds_and_its_markdown():
    reg = load(builtin=False, entry_points=False, paths=[FIXTURES / "good"])
    table = verdicts_across_seeds(reg.claims, [0, 1], RunSettings(timeout=120))
    assert table["seeds"] == [0, 1] and table["moved"] == []
    assert [r["id"] for r in table["claims"]] == [c.id for c in reg.claims]
    assert all(len(r["statement"]) == 2 for r in table["claims"])
    md = to_markdown(table)
    assert "seeds 0-1" in md and "**0 move**" in md


def test_markdown_lists_a_moving_claim():
    table = {"budget": "quick", "seeds": [0, 1, 2], "moved": ["a.b"],
             "claims": [{"id": "a.b", "note": "n", "statement": ["supported", "supported", "refuted"],
                         "correction": None, "moves": True}]}
    md = to_markdown(table)
    assert "supported (0-1), refuted (2)" in md and "- `a.b`" in md and "| **yes** |" in md
