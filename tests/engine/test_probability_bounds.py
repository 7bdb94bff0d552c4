"""Probability statements with upper bounds, Pr[event] <= p, as well as lower ones: Clopper-Pearson on the
other side, exact sums over finite outcomes, near-ties counted for the statement; each must FAIL when false."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from scipy import stats

from verify.checks import Probability
from verify.checks.configurations import WEIGHTS, binomial_outcomes
from verify.checks.numeric import _probability_margin, probability_bound
from verify.core.model import Context, Outcome, Statement
from verify.notation import Norm, Prob

X, r, N = sp.symbols("X r N", real=True)
TAIL = sp.Ge(sp.Abs(X), r)                              # Pr = 0.05 with r the 97.5% quantile of N(0, 1)


def gaussian(ctx, trials, precise):
    return {"X": ctx.rng("tail").standard_normal((trials, 1)), "r": np.full((1, 1), stats.norm.ppf(0.975))}


@pytest.mark.parametrize("rel, outcome", [
    (sp.Le(Prob(TAIL), sp.Rational(1, 10)), Outcome.HOLDS),
    (sp.Ge(sp.Rational(1, 10), Prob(TAIL)), Outcome.HOLDS),         # p >= Pr[...] is the same upper bound
    (sp.Lt(Prob(TAIL), sp.Rational(1, 10)), Outcome.HOLDS),
    (sp.Le(Prob(TAIL), sp.Rational(1, 100)), Outcome.FAILS),        # must fail: Pr = 0.05
    (sp.Ge(Prob(TAIL), sp.Rational(1, 10)), Outcome.FAILS),         # must fail: a lower bound above it
    (sp.Le(sp.Rational(1, 100), Prob(TAIL)), Outcome.HOLDS),        # p <= Pr[...] is a lower bound
    (sp.Ge(1 - Prob(TAIL), sp.Rational(9, 10)), Outcome.HOLDS),     # affine in Pr: Pr <= 1/10
    (sp.Ge(1 - Prob(TAIL), sp.Rational(99, 100)), Outcome.FAILS),   # must fail: Pr <= 1/100
    (sp.Le(2 * Prob(TAIL), sp.Rational(1, 100)), Outcome.FAILS),    # must fail: Pr <= 1/200
])
def test_sampled_upper_and_lower_bounds(rel, outcome):
    res = Probability(gaussian).run(Statement(rel), Context(claim_id="t"))
    assert res.outcome is outcome, res.summary
    upper = probability_bound(rel)[2]
    assert (res.evidence.get("bound") == "upper") == upper
    if outcome is Outcome.FAILS and upper:
        lo, _ = res.evidence["replay_interval"]
        assert lo > 0.01 and "Pr >= " in str(res.summary)
    assert (_probability_margin(res.evidence) >= 0) == (outcome is Outcome.HOLDS)


def binomial(ctx, trials, precise):
    n, w = binomial_outcomes(10)
    return {"N": n.reshape(-1, 1).astype(float), WEIGHTS: w}


def test_exact_upper_bounds_over_finite_outcomes():
    event = sp.Ge(N, 8)                                  # Pr[Bin(10, 1/2) >= 8] = 56/1024 = 0.0547
    ok = Probability(binomial).run(Statement(sp.Le(Prob(event), sp.Rational(6, 100))), Context(claim_id="t"))
    assert ok.outcome is Outcome.HOLDS and ok.evidence["probability"] == pytest.approx(56 / 1024, abs=1e-15)
    bad = Probability(binomial).run(Statement(sp.Le(Prob(event), sp.Rational(5, 100))), Context(claim_id="t"))
    assert bad.outcome is Outcome.FAILS and "exactly" in str(bad.summary)       # must fail: 0.0547 > 0.05
    assert _probability_margin(bad.evidence) == pytest.approx(0.05 - 56 / 1024)


def test_near_ties_count_against_the_event_for_an_upper_bound():
    """Every draw sits a relative 1e-7 past the event's boundary, many more than are settled at 50 digits:
    held at the first count (tolerance 1e-9), a tie in the replay (tolerance 1e-6), where for an upper bound
    it counts as not held: never a refutation."""
    def sim(ctx, trials, precise):
        u = ctx.rng("ties").standard_normal((trials, 3))
        return {"X": u / np.linalg.norm(u, axis=1, keepdims=True) * (1 + 1e-7), "r": np.ones((1, 1))}
    res = Probability(sim).run(Statement(sp.Le(Prob(sp.Ge(Norm(X), r)), sp.Rational(1, 2))), Context(claim_id="t"))
    assert res.evidence["event_held"] == res.evidence["trials"] and res.evidence["replay_event_held"] == 0
    assert res.outcome is Outcome.UNDECIDED


def test_exact_ties_of_an_upper_bound_are_settled_at_50_digits():
    """Few draws exactly on the boundary (|X| = r, N = 8 above): the 50-digit replay finds them held, so a
    false upper bound still fails."""
    def sim(ctx, trials, precise):
        x = np.where(np.arange(trials) % 20 == 0, 0.75, 0.0).reshape(-1, 1)
        return {"X": x, "r": np.full((1, 1), 0.75)}
    res = Probability(sim).run(Statement(sp.Le(Prob(sp.Ge(X, r)), sp.Rational(1, 100))), Context(claim_id="t"))
    assert res.outcome is Outcome.FAILS and res.evidence["replay_event_held"] == res.evidence["event_held"] == 20


def test_a_statement_that_is_no_probability_bound_says_what_is_expected():
    with pytest.raises(TypeError, match=r"Pr\[event\] >= p or Pr\[event\] <= p .* got Eq"):
        Probability(gaussian).run(Statement(sp.Eq(Prob(TAIL), sp.Rational(1, 20))), Context(claim_id="t"))
    a = sp.Symbol("a", real=True)                 # a coefficient of unknown sign: no side to decide on
    with pytest.raises(TypeError, match="coefficient of known sign"):
        Probability(gaussian).run(Statement(sp.Le(a * Prob(TAIL), sp.Rational(1, 20))), Context(claim_id="t"))
