"""Common random numbers: a check's random streams are keyed by the claim id, the check's stable key
(explicit, else its position) and the salt; never by its display name or by statement vs correction."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from verify.core.model import (NUMERIC, CheckResult, Claim, Context, Correction, Outcome, Source, Statement,
                               check_key)
from verify.run.runner import run_claim

x = sp.Symbol("x", positive=True)


@dataclass
class Draw:
    """Records the first numbers of its stream in the evidence."""
    name: str = "draw"
    key: str | None = None
    kind: str = NUMERIC

    def run(self, statement, ctx):
        return CheckResult(self.name, NUMERIC, Outcome.HOLDS, "drawn",
                           {"draw": ctx.rng("instances").random(3).tolist(), "seed": ctx.int_seed("search")})


def _claim(*checks, correction_checks=None):
    return Claim(id="t.streams", title="t", source=Source("n.md", "s", "q"), statement=Statement(sp.Le(x, 2)),
                 checks=checks, correction=Correction(Statement(sp.Le(x, 3)), "why", checks=correction_checks))


def _draws(evaluation):
    return [(c.evidence["draw"], c.evidence["seed"]) for c in evaluation.checks if "draw" in c.evidence]


def test_statement_and_correction_see_the_same_instances():
    statement, correction = run_claim(_claim(Draw(), Draw("other")), 0, "quick")
    assert _draws(statement) == _draws(correction)


def test_renaming_a_check_keeps_its_instances():
    before, _ = run_claim(_claim(Draw("a title")), 0, "quick")
    after, _ = run_claim(_claim(Draw("another title")), 0, "quick")
    assert _draws(before) == _draws(after)


def test_checks_at_different_positions_get_different_streams():
    statement, _ = run_claim(_claim(Draw(), Draw()), 0, "quick")
    first, second = _draws(statement)
    assert first != second                        # must differ: two checks do not share one stream


def test_an_explicit_key_survives_reordering():
    a, _ = run_claim(_claim(Draw("a", key="sweep"), Draw("b")), 0, "quick")
    b, _ = run_claim(_claim(Draw("b"), Draw("a", key="sweep")), 0, "quick")
    assert _draws(a)[0] == _draws(b)[1]
    assert check_key(Draw(key="sweep"), 4) == "sweep" and check_key(Draw(), 4) == "#4"


def test_the_stream_depends_on_the_seed_the_claim_and_the_salt():
    base = Context(seed=0, claim_id="c", check_key="#0")
    same = Context(seed=0, claim_id="c", check_key="#0", check_name="renamed", target="correction")
    assert np.array_equal(base.rng("s").random(4), same.rng("s").random(4))
    assert base.int_seed("s") == same.int_seed("s")
    for other in (Context(seed=1, claim_id="c", check_key="#0"), Context(seed=0, claim_id="d", check_key="#0"),
                  Context(seed=0, claim_id="c", check_key="#1")):
        assert not np.array_equal(base.rng("s").random(4), other.rng("s").random(4))
    assert not np.array_equal(base.rng("s").random(4), base.rng("t").random(4))
