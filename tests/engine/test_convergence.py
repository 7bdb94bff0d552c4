"""verify.checks.convergence: the Convergence check holds for the true limit, FAILS for a wrong one (replayed precisely) and for a diverging sequence, and stays undecided when convergence is too slow to tell."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from verify.checks import convergence
from verify.core.model import Context, Outcome, Statement


x_, E_, V_ = sp.symbols("x E V", real=True)


def _sequence(limit_value, power=1.0):
    def simulate(ctx, precise):
        xs = 10.0 ** -np.arange(1, 7)
        rng = np.random.default_rng(0)
        c = rng.uniform(0.5, 2.0, (1, 4, 1))
        return {"x": xs[:, None, None] * np.ones((1, 4, 1)), "E": 1.0 + c * xs[:, None, None] ** power,
                "V": np.full((1, 1, 1), limit_value)}
    return simulate


def test_convergence_holds_for_the_true_limit_and_fails_for_a_wrong_one():
    good = Statement(sp.Eq(sp.Limit(E_, x_, 0), V_, evaluate=False))
    ctx = Context(claim_id="test.convergence")
    assert convergence.Convergence(_sequence(1.0)).run(good, ctx).outcome is Outcome.HOLDS
    bad = convergence.Convergence(_sequence(1.5)).run(good, ctx)
    assert bad.outcome is Outcome.FAILS and bad.evidence["replayed_precisely"]
    assert convergence.Convergence(_sequence(1.0, power=0.01)).run(good, ctx).outcome is Outcome.UNDECIDED    # too slow to tell
    with pytest.raises(TypeError):
        convergence.Convergence(_sequence(1.0)).run(Statement(sp.Eq(E_, V_, evaluate=False)), ctx)



def test_convergence_never_mistakes_logarithmic_convergence_for_a_wrong_limit():
    def simulate(last):
        def run(ctx, precise):
            xs = 10.0 ** -np.linspace(2, last, 7)
            return {"x": xs[:, None, None] * np.ones((1, 3, 1)), "E": 1.0 + 1.0 / np.log(1 / xs)[:, None, None] * np.ones((1, 3, 1)),
                    "V": np.ones((1, 1, 1))}
        return run
    stmt = Statement(sp.Eq(sp.Limit(E_, x_, 0), V_, evaluate=False))
    assert convergence.Convergence(simulate(8)).run(stmt, Context()).outcome is Outcome.UNDECIDED      # still far: 1/log
    assert convergence.Convergence(simulate(60)).run(stmt, Context()).outcome is Outcome.HOLDS         # close enough
    wrong = Statement(sp.Eq(sp.Limit(E_, x_, 0), 2 * V_, evaluate=False))
    assert convergence.Convergence(simulate(8)).run(wrong, Context()).outcome is not Outcome.FAILS     # cannot tell yet


def test_convergence_refutes_a_diverging_sequence_but_not_a_slow_one():
    """E = 1/x (x -> 0) cannot tend to any V; a distance that grows slowly (1/log) is no divergence."""
    def run(ctx, precise):
        xs = 10.0 ** -np.arange(2.0, 7.0)
        return {"x": xs[:, None, None] * np.ones((1, 3, 1)), "E": (1.0 / xs)[:, None, None] * np.ones((1, 3, 1)),
                "V": np.ones((1, 1, 1))}
    stmt = Statement(sp.Eq(sp.Limit(E_, x_, 0), V_, evaluate=False))
    result = convergence.Convergence(run).run(stmt, Context())
    assert result.outcome is Outcome.FAILS and result.evidence["diverging"] == 3 and result.evidence["replayed_precisely"]
