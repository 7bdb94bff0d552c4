"""Vectors and matrices evaluate the same way in every path: NumPy (array_value), the 50-digit replay
(arrays of mpmath numbers), mpmath intervals (certain signs) and the scaling analysis; a false vector
statement is refuted after its 50-digit replay, never an error; wrong shapes are errors that name the
symbol and both shapes."""
from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

from verify.checks import Simulation
from verify.checks.numeric import ShapeError, array_value, mp_array_value, precise_margin, relative_margin
from verify.checks.scaling import Scaling, analyse
from verify.checks.search import certain_sign
from verify.core import notation as N
from verify.core.model import Context, Outcome, Statement
from verify.notation import FrobNorm, LambdaMin, MatVec, MaxEntry, Norm, OpNorm, Quad, Rank, Rayleigh, ReLU, W0

A, X, J, ones = sp.symbols("A X J ones", real=True)
x, u, beta, y, t = sp.symbols("x u beta y t", real=True)
alpha, c = sp.symbols("alpha c", positive=True)


def q(z):
    """The hyperbolic-entropy potential of diagonal networks, a function of numbers applied entry by entry."""
    return 2 - sp.sqrt(4 + z ** 2) + z * sp.asinh(z / 2)


S, T, n = 3, 4, 5
rng = np.random.default_rng(7)
M = rng.standard_normal((S, T, n, n))
ENV = {"A": M + np.swapaxes(M, -1, -2), "J": rng.standard_normal((S, T, n, n)),
       "x": rng.standard_normal((S, T, 1, n)), "u": rng.standard_normal((S, T, 1, n)),
       "alpha": rng.uniform(0.5, 2.0, (S, T, 1, 1)), "c": rng.uniform(0.5, 2.0, (S, 1, 1, 1)),
       "ones": np.ones((S, T, 1, n)), "t": np.broadcast_to(np.arange(1.0, T + 1)[None, :, None, None], (S, T, 1, 1))}

# every notation class and elementwise function, on vector and matrix arguments
EXPRESSIONS = {
    "Norm": Norm(x), "OpNorm": OpNorm(A), "FrobNorm": FrobNorm(A), "LambdaMin": LambdaMin(A), "MaxEntry": MaxEntry(A),
    "MatVec": MatVec(J, x), "Quad": Quad(A, x, u), "Rayleigh": Rayleigh(A, x, u), "Rank": Rank(J), "ReLU": ReLU(x),
    "W0": W0(x ** 2), "LambertW": sp.LambertW(x ** 2),
    "elementwise q of a vector": alpha ** 2 * MatVec(ones, q(x / alpha ** 2)),
    "powers, roots, abs": sp.sqrt(x ** 2 + 1) + sp.Abs(x) ** 3 + sp.Abs(u) ** sp.Rational(1, 3) + c * x ** 2,
    "exp, log, asinh, tanh": sp.exp(-x ** 2) + sp.log(1 + x ** 2) + sp.asinh(x) - sp.tanh(c * x),
    "Max, Min, Piecewise, Heaviside": sp.Max(x, 0, u) + sp.Min(x, c) + sp.Piecewise((x, x > 0), (u ** 2, True))
    + sp.Heaviside(x),
    "matrix entries elementwise": sp.Abs(A) ** 2 + sp.cos(J) * t,
    "norm of a matrix-vector product": Norm(MatVec(J, ReLU(x)) - u) ** 2 / t,
    "sum over the entries": MatVec(ones, sp.Abs(x) ** 3),
}


@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
def test_numpy_and_the_50_digit_replay_agree_at_every_entry(name):
    expr = EXPRESSIONS[name]
    fast = array_value(expr, ENV)
    shape = fast.shape
    with mp.workdps(50):
        indices = list(np.ndindex(shape))
        for index in indices[::max(1, len(indices) // 40)] + indices[-1:]:
            precise = mp_array_value(expr, ENV, index, shape)
            assert isinstance(precise, (mp.mpf, mp.mpc)), (name, index, precise)
            assert abs(float(mp.re(precise)) - fast[index]) <= 1e-9 * (1 + abs(fast[index])), (name, index)


@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
def test_the_replayed_margin_is_the_fast_margin(name):
    rel = sp.Le(EXPRESSIONS[name], 2 + t)
    margin = relative_margin(rel, ENV)
    for index in [(0,) * margin.ndim, tuple(s - 1 for s in margin.shape)]:
        assert abs(precise_margin(rel, ENV, index, margin.shape) - margin[index]) < 1e-9


# mpmath intervals: vectors and matrices as sp.Matrix of symbols
a1, a2, a3, v1, v2, w1, w2 = sp.symbols("a1 a2 a3 v1 v2 w1 w2", real=True)
MA, V, W = sp.Matrix([[a1, a2], [a2, a3]]), sp.Matrix([v1, v2]), sp.Matrix([w1, w2])
POINT = {a1: 2.0, a2: -0.5, a3: 1.25, v1: 0.75, v2: -1.5, w1: 1.0, w2: 0.25}
INTERVALS = {"Norm": Norm(V), "FrobNorm": FrobNorm(MA), "MaxEntry": MaxEntry(MA), "Quad": Quad(MA, V, W),
             "Rayleigh": Rayleigh(MA, V, W), "ReLU": ReLU(v2), "MatVec": Quad(sp.eye(2), MatVec(MA, V), W),
             "MatVec of a ReLU": Norm(MatVec(MA, sp.Matrix([ReLU(v1), ReLU(v2)])))}


@pytest.mark.parametrize("name", sorted(INTERVALS))
def test_certain_signs_use_intervals_on_vectors_and_matrices(name):
    expr = INTERVALS[name]
    value = float(expr.xreplace({k: sp.Float(v) for k, v in POINT.items()}).evalf(30))
    for offset, sign in ((value - 0.01, 1), (value + 0.01, -1)):
        got, how = certain_sign(expr - sp.Float(offset), POINT)
        assert got == sign and how.startswith("interval"), (name, got, how)


def test_the_scaling_analysis_reads_vector_notation():
    L, Y = sp.symbols("L Y", positive=True)
    s = Scaling({L: "a length", Y: "outputs"}, {x: L, u: L, A: Y / L ** 2, J: Y / L, ones: 1, alpha: L, c: 1, t: 1})
    for rel in [sp.Le(alpha ** 2 * MatVec(ones, q(x / alpha)), Norm(x) ** 2), sp.Le(Quad(A, x, u), FrobNorm(A) * Norm(x) * Norm(u)),
                sp.Le(Norm(MatVec(J, x)), OpNorm(J) * Norm(x))]:
        assert analyse(Statement(rel), s).violations == [], rel
    assert analyse(Statement(sp.Le(Norm(MatVec(J, x)), OpNorm(J))), s).violations        # must fail: a length apart
    assert analyse(Statement(sp.Le(MatVec(ones, q(x)), 1)), s).violations                # must fail: q of a length


# ---------------------------------------------------------------------------------------------
# whole checks: a true and a false vector statement, a vector equation as a hypothesis
# ---------------------------------------------------------------------------------------------

Xs, ys = sp.symbols("X y", real=True)


def _interpolation(ctx, precise):
    """An instance axis, a time axis, vectors as (..., 1, d) beside the matrices X (n x d); y = X beta
    in floating point, so the hypothesis X beta = y holds up to round-off only."""
    r = np.random.default_rng(3)
    d, m = 6, 3
    X_ = np.broadcast_to(r.standard_normal((8, 1, m, d)), (8, 5, m, d))
    beta_ = r.standard_normal((8, 5, 1, d)) * np.geomspace(1e-3, 2, 5)[None, :, None, None]
    return {"X": X_, "beta": beta_, "y": np.einsum("...ij,...kj->...ki", X_, beta_),
            "alpha": np.full((8, 5, 1, 1), 0.7), "ones": np.ones((8, 5, 1, d))}


HYPOTHESES = [sp.And(sp.Eq(MatVec(Xs, beta), ys), sp.Gt(alpha, 0))]
# q(z) <= z^2 / 4 (q'' = 1/sqrt(4 + z^2) <= 1/2): summed over the entries of beta / alpha^2
POTENTIAL = alpha ** 2 * MatVec(ones, q(beta / alpha ** 2))


def test_an_elementwise_vector_bound_holds_under_a_vector_equation():
    st = Statement(sp.Le(POTENTIAL, Norm(beta) ** 2 / (4 * alpha ** 2)), assuming=HYPOTHESES)
    r = Simulation(_interpolation).run(st, Context(claim_id="t"))
    assert r.outcome is Outcome.HOLDS and r.evidence["hypotheses_held"] == 40, r.summary


def test_a_false_elementwise_vector_bound_is_refuted_at_50_digits():
    st = Statement(sp.Le(POTENTIAL, Norm(beta) ** 2 / (5 * alpha ** 2)), assuming=HYPOTHESES)
    r = Simulation(_interpolation).run(st, Context(claim_id="t"))
    assert r.outcome is Outcome.FAILS, r.summary                        # must fail, and not with an error
    assert "50 digits" in str(r.summary) and r.evidence["relative_margin_precise"] < -0.1


def test_a_false_entrywise_vector_relation_is_refuted_at_50_digits():
    z = beta / alpha ** 2
    assert Simulation(_interpolation).run(Statement(sp.Le(q(z), z ** 2 / 4), assuming=HYPOTHESES),
                                          Context(claim_id="t")).outcome is Outcome.HOLDS
    r = Simulation(_interpolation).run(Statement(sp.Ge(q(z), z ** 2 / 4 - sp.Abs(z) ** 3 / 100), assuming=HYPOTHESES),
                                       Context(claim_id="t"))
    assert r.outcome is Outcome.FAILS, r.summary


def test_a_broken_vector_hypothesis_excludes_the_instance():
    def broken(ctx, precise):
        env = _interpolation(ctx, precise)
        env["y"] = env["y"] + np.where(np.arange(8)[:, None, None, None] < 3, 1.0, 0.0)
        return env
    st = Statement(sp.Le(POTENTIAL, Norm(beta) ** 2 / (5 * alpha ** 2)), assuming=HYPOTHESES)
    r = Simulation(broken).run(st, Context(claim_id="t"))
    assert r.evidence["hypotheses_held"] == 25 and r.outcome is Outcome.FAILS


# ---------------------------------------------------------------------------------------------
# the shape convention, validated
# ---------------------------------------------------------------------------------------------

def _with(**changes):
    def simulate(ctx, precise):
        env = _interpolation(ctx, precise)
        env.update({k: f(env) for k, f in changes.items()})
        return env
    return simulate


@pytest.mark.parametrize("change, message", [
    ({"beta": lambda e: e["beta"][:, :, 0, :]}, r"beta: expected an array with 4 axes like .* got shape \(8, 5, 6\)"),
    ({"beta": lambda e: np.swapaxes(e["beta"], -1, -2)}, r"beta: a vector \(argument 2 of MatVec\) is expected with "
                                                         r"shape \(\.\.\., 1, n\) such as \(8, 5, 1, 1\), got shape \(8, 5, 6, 1\)"),
    ({"alpha": lambda e: np.full((7, 5, 1, 1), 0.7)}, r"alpha: shape \(7, 5, 1, 1\) does not broadcast with .* along "
                                                       r"the instance axis \(axis 0\): expected extent 1 or 8"),
])
def test_a_wrong_shape_is_an_error_naming_the_symbol_and_both_shapes(change, message):
    st = Statement(sp.Le(POTENTIAL, Norm(beta) ** 2 / (4 * alpha ** 2)), assuming=HYPOTHESES)
    with pytest.raises(ShapeError, match=message):
        Simulation(_with(**change)).run(st, Context(claim_id="t"))


def test_every_notation_class_has_an_array_evaluation_of_its_own_or_derived():
    for name in N.NUMPY:
        if name != "LambertW":
            assert name in N.MP_ARRAYS, name
