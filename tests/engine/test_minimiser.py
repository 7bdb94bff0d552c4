"""Sums over a vector's entries and ArgMin as notation; LimitIsMinimiser compares a simulated limit with the
solved minimiser: gradient descent from zero on underdetermined least squares converges to the minimum-norm
interpolant (holds), and not to the minimiser of another norm (must fail)."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verify.checks import LimitIsMinimiser, Simulation
from verify.checks.numeric import array_value
from verify.checks.scaling import Scaling, analyse
from verify.core.model import Context, Outcome, Statement
from verify.notation import ArgMin, MatVec, Norm, SumEntries

X, y, beta, b_inf = sp.symbols("X y beta beta_inf", real=True)
INTERPOLATES = sp.Eq(MatVec(X, beta), y)


def gradient_descent(ctx, precise):
    """8 instances of X (3 x 6) and y; beta_inf: gradient descent on ||X beta - y||^2 / 2 from 0."""
    rng = ctx.rng("least squares")
    n, d = 3, 6
    X_ = rng.standard_normal((8, 1, n, d))
    y_ = rng.standard_normal((8, 1, 1, n))
    b = np.zeros((8, 1, 1, d))
    step = 1.0 / np.linalg.norm(X_, ord=2, axis=(-2, -1), keepdims=True) ** 2
    for _ in range(4000 if precise else 2000):
        r = np.einsum("...ij,...kj->...ki", X_, b) - y_
        b = b - step * np.einsum("...ij,...ki->...kj", X_, r)
    return {"X": X_, "y": y_, "beta_inf": b}


def test_the_limit_of_gradient_descent_is_the_minimum_norm_interpolant():
    st = Statement(sp.Eq(b_inf, ArgMin(Norm(beta) ** 2, beta, INTERPOLATES)))
    r = LimitIsMinimiser(gradient_descent).run(st, Context(claim_id="t"))
    assert r.outcome is Outcome.HOLDS, r.summary
    assert "quadratic program" in r.evidence["worst"]["solver"] and r.evidence["worst"]["distance"] < 1e-6


def test_the_same_bias_written_with_a_sum_over_entries_and_an_index():
    i, d = sp.symbols("i d", integer=True)
    B = sp.IndexedBase("beta")
    st = Statement(sp.Eq(b_inf, ArgMin(sp.Sum(B[i] ** 2, (i, 1, d)), beta, INTERPOLATES)))
    assert LimitIsMinimiser(gradient_descent).run(st, Context(claim_id="t")).outcome is Outcome.HOLDS


def test_another_norm_is_not_the_implicit_bias():
    """The minimiser of the sum of fourth powers (an l4 norm) is another interpolant: must fail."""
    st = Statement(sp.Eq(b_inf, ArgMin(SumEntries(beta ** 4), beta, INTERPOLATES)))
    r = LimitIsMinimiser(gradient_descent).run(st, Context(claim_id="t"))
    assert r.outcome is Outcome.FAILS, r.summary
    w = r.evidence["worst"]
    assert "SLSQP" in w["solver"] and w["objective_limit"] > w["minimum"] + w["gap"] and w["distance"] > 1e-3


def test_a_limit_off_the_constraints_fails():
    def stopped_early(ctx, precise):
        env = gradient_descent(ctx, precise)
        env["beta_inf"] = env["beta_inf"] * 0.9
        return env
    st = Statement(sp.Eq(b_inf, ArgMin(Norm(beta) ** 2, beta, INTERPOLATES)))
    r = LimitIsMinimiser(stopped_early).run(st, Context(claim_id="t"))
    assert r.outcome is Outcome.FAILS and "violates the constraints" in str(r.summary)


def test_a_statement_without_argmin_says_what_is_expected():
    with pytest.raises(TypeError, match=r"limit = ArgMin\(objective, variable, constraints\)"):
        LimitIsMinimiser(gradient_descent).run(Statement(sp.Eq(b_inf, beta)), Context(claim_id="t"))


def test_sums_over_entries_evaluate_and_scale_as_their_summand():
    i, d = sp.symbols("i d", integer=True)
    B = sp.IndexedBase("beta")
    env = {"beta": np.arange(12.0).reshape(2, 1, 6)}
    assert np.allclose(array_value(sp.Sum(B[i] ** 2, (i, 1, d)), env), (env["beta"] ** 2).sum(-1, keepdims=True))
    assert np.allclose(array_value(SumEntries(beta) ** 2, env), env["beta"].sum(-1, keepdims=True) ** 2)
    checks = Simulation(lambda ctx, precise: env)
    assert checks.run(Statement(sp.Le(SumEntries(beta ** 2), Norm(beta) ** 2 * (1 + sp.Float(1e-12)))),
                      Context(claim_id="t")).outcome is Outcome.HOLDS
    assert checks.run(Statement(sp.Le(SumEntries(beta ** 2), Norm(beta) ** 2 / 2)),
                      Context(claim_id="t")).outcome is Outcome.FAILS                       # must fail
    L = sp.Symbol("L", positive=True)
    s = Scaling({L: "a length"}, {beta: L, X: 1, y: L, b_inf: L})
    assert analyse(Statement(sp.Eq(b_inf, ArgMin(Norm(beta) ** 2, beta, INTERPOLATES))), s).violations == []
    assert analyse(Statement(sp.Le(SumEntries(beta ** 2), Norm(beta))), s).violations               # must fail
    assert sp.latex(ArgMin(Norm(beta) ** 2, beta, INTERPOLATES)).startswith(r"\operatorname{argmin}_{\beta : X \beta = y}")
