"""Notation classes print the note's way, evaluate on arrays and in mpmath (and agree), and declare how
they scale; the lambdify tables are derived from the classes; a wrong dimension is caught."""
from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

from verify.checks.scaling import Scaling, ScalingCheck, analyse
from verify.core import notation as N
from verify.core.model import Context, Outcome, Statement
from verify.notation import (FrobNorm, LambdaMin, MatVec, MaxEntry, Norm, Notation, OpNorm, Prob, Quad, Rank,
                             Rayleigh, ReLU, SumEntries, W0)

A, B, J, x, y, w, z, c = sp.symbols("A B J x y w z c")
EVALUATED = [Norm, OpNorm, FrobNorm, LambdaMin, MaxEntry, MatVec, Quad, Rayleigh, Rank, W0, ReLU, SumEntries]


# ---------------------------------------------------------------------------------------------
# the tables are derived from the classes
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cls", EVALUATED)
def test_every_evaluated_class_is_in_every_table_with_its_own_evaluations(cls):
    assert N.NUMPY[cls.__name__] is cls.numpy and N.MPMATH[cls.__name__] is cls.mpmath
    assert N.SCALAR_NUMPY[cls.__name__] is (cls.scalar_numpy or cls.numpy)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_the_tables_hold_the_classes_and_sympys_own_functions_only():
    # the core's classes, and those other Notation subclasses joined when their modules were imported
    # (the LaTeX front end's, a plugin's): nothing else
    names = {c.__name__ for c in EVALUATED}
    joined = {c.__name__ for c in _subclasses(Notation) if c.__module__ != N.__name__} - names
    for table, extra in ((N.NUMPY, {"LambertW"}), (N.SCALAR_NUMPY, {"LambertW"}), (N.MP_ARRAYS, set()),
                         (N.MPMATH, {"abs"})):
        assert names | extra <= set(table) <= names | extra | joined
    assert "Prob" not in N.NUMPY and "Prob" not in N.MPMATH      # estimated by the probability checks


def test_a_plugins_own_notation_joins_the_tables_and_evaluates():
    class Cube(Notation):
        nargs = 1
        numpy = staticmethod(lambda v: v ** 3)
        mpmath = staticmethod(lambda v: v ** 3)

        def _scaling_dim(self, analysis):
            return analysis.product(*[analysis.dim(self.args[0])] * 3)
    try:
        f = sp.lambdify([x], Cube(x) + 1, modules=[N.NUMPY, "numpy"])
        assert np.array_equal(f(np.array([1.0, 2.0])), [2.0, 9.0])
        assert Cube(sp.Integer(2)).evalf() == sp.Float(8)
        s = Scaling({c: "a scale"}, {x: c, y: c**3, z: c**2})
        assert analyse(Statement(sp.Eq(Cube(x), y)), s).violations == []
        assert analyse(Statement(sp.Eq(Cube(x), z)), s).violations          # a wrong dimension is caught
    finally:
        for table in (N.NUMPY, N.MPMATH, N.SCALAR_NUMPY, N.MP_ARRAYS, N.INTERVAL):
            table.pop("Cube", None)


def test_a_private_intermediate_class_is_not_registered():
    assert not any(name.startswith("_") for name in N.NUMPY)


# ---------------------------------------------------------------------------------------------
# printing
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("expr, latex", [
    (Norm(x), r"\left\|x\right\|_2"),
    (Norm(x) ** 2, r"\left(\left\|x\right\|_2\right)^{2}"),
    (OpNorm(A), r"\left\|A\right\|_2"),
    (FrobNorm(A), r"\left\|A\right\|_F"),
    (LambdaMin(A), r"\lambda_{\min}\left(A\right)"),
    (MaxEntry(A), r"\max_{i,j}\left[A\right]_{ij}"),
    (MatVec(J, w), r"J w"),
    (Prob(sp.Gt(x, y)), r"\Pr\left[x > y\right]"),
    (Quad(A, x, y), r"x^T A y"),
    (Quad(A, x, y) ** 2, r"\left(x^T A y\right)^{2}"),
    (Rayleigh(A, x, y), r"\mathcal{R}\left(A; x, y\right)"),
    (Rank(A), r"\operatorname{rank}\left(A\right)"),
    (W0(x), r"W_0\left(x\right)"),
    (W0(x) ** 2, r"W_0^{2}\left(x\right)"),
    (ReLU(z), r"\operatorname{ReLU}\left(z\right)"),
    (ReLU(z) ** 2, r"\operatorname{ReLU}\left(z\right)^{2}"),
])
def test_prints_the_notes_way(expr, latex):
    assert sp.latex(expr) == latex


def test_one_dimensional_cases_evaluate_symbolically():
    assert Norm(sp.Integer(-3)) == 3 and LambdaMin(sp.Integer(2)) == 2 and MatVec(sp.Integer(2), sp.Integer(3)) == 6
    assert Quad(sp.Integer(2), sp.Integer(3), sp.Integer(5)) == 30 and ReLU(sp.Integer(-2)) == 0
    assert W0(0) == 0 and W0(sp.Symbol("p", positive=True)).is_positive


# ---------------------------------------------------------------------------------------------
# evaluation: arrays (batched), mpmath at 50 digits, the one-dimensional case, evalf
# ---------------------------------------------------------------------------------------------

rng = np.random.default_rng(0)
S, n = 5, 3
M = rng.standard_normal((S, n, n))
SYM = M + np.swapaxes(M, -1, -2)
V = rng.standard_normal((S, 1, n))
U = rng.standard_normal((S, 1, n))
LOW = V.transpose(0, 2, 1) @ U                 # rank one
# expression, arguments, reference on the batch (shapes kept)
CASES = {
    "Norm": (Norm(x), [V], np.linalg.norm(V, axis=-1, keepdims=True)),
    "OpNorm": (OpNorm(A), [M], np.linalg.svd(M, compute_uv=False)[:, :1, None]),
    "FrobNorm": (FrobNorm(A), [M], np.sqrt((M ** 2).sum(axis=(1, 2)))[:, None, None]),
    "LambdaMin": (LambdaMin(A), [SYM], np.linalg.eigvalsh(SYM)[:, :1, None]),
    "MaxEntry": (MaxEntry(A), [M], M.max(axis=(1, 2))[:, None, None]),
    "MatVec": (MatVec(A, x), [M, V], (M @ V.transpose(0, 2, 1)).transpose(0, 2, 1)),
    "Quad": (Quad(A, x, y), [M, V, U], (V @ M @ U.transpose(0, 2, 1))),
    "Rayleigh": (Rayleigh(A, x, x), [SYM, V], (V @ SYM @ V.transpose(0, 2, 1)) / (V ** 2).sum(-1, keepdims=True)),
    "Rank": (Rank(A), [LOW], np.ones((S, 1, 1))),
    "ReLU": (ReLU(x), [V], np.maximum(V, 0)),
    "SumEntries": (SumEntries(x), [V], V.sum(axis=-1, keepdims=True)),
}


def _args(expr):
    return sorted(expr.free_symbols, key=str)


def _mp(a):
    """As the precise replays hand values over: a vector ((1, n) row) as an mpmath column, a matrix as one."""
    a = np.asarray(a)
    if a.ndim == 2 and a.shape[0] == 1:
        a = a[0]
    return mp.matrix(a.tolist()) if a.ndim >= 1 else mp.mpf(float(a))


@pytest.mark.parametrize("name", sorted(CASES))
def test_evaluates_on_batched_arrays(name):
    expr, values, expected = CASES[name]
    f = sp.lambdify(_args(expr), expr, modules=[N.NUMPY, "scipy", "numpy"])
    got = f(*values)
    assert np.shape(got) == expected.shape and np.allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", sorted(CASES))
def test_evaluates_in_mpmath_and_agrees_with_the_arrays(name):
    expr, values, expected = CASES[name]
    f = sp.lambdify(_args(expr), expr, modules=[N.MPMATH, "mpmath"])
    with mp.workdps(50):
        for i in range(S):
            got = f(*[_mp(v[i]) for v in values])
            ref = expected[i]
            got = np.array(got.tolist(), dtype=float) if isinstance(got, mp.matrix) else float(got)
            assert np.allclose(np.ravel(got), np.ravel(ref), rtol=1e-12, atol=1e-12), (name, i, got, ref)


def test_w0_on_arrays_in_mpmath_and_in_evalf():
    xs = np.array([-1.0, -0.3678794411714, 0.0, 0.5, 3.0, np.inf])
    f = sp.lambdify([x], W0(x), modules=[N.NUMPY, "scipy", "numpy"])
    got = f(xs)
    assert np.isnan(got[0]) and np.isclose(got[1], -1.0, atol=1e-5) and got[2] == 0 and np.isposinf(got[-1])
    assert np.allclose(got[3:5] * np.exp(got[3:5]), xs[3:5], rtol=1e-14)
    g = sp.lambdify([x], W0(x), modules=[N.MPMATH, "mpmath"])
    with mp.workdps(50):
        v = g(mp.mpf(3))
        assert abs(v * mp.exp(v) - 3) < mp.mpf(10) ** -48 and mp.isnan(g(mp.mpf(-1)))
        assert isinstance(g(3), mp.mpf)                        # a plain number is taken to mpmath
    e = W0(sp.Rational(1, 3)).evalf(40)
    assert abs(e * sp.exp(e) - sp.Rational(1, 3)) < sp.Float(10) ** -38
    assert e == sp.LambertW(sp.Rational(1, 3)).evalf(40)


def test_the_one_dimensional_case_on_arrays_matches_the_symbolic_one():
    a, b, d = np.array([-2.0, 0.5, 3.0]), np.array([1.5, -4.0, 2.0]), np.array([0.5, 2.0, -1.0])
    for expr, subs in [(Norm(x), {x: -2.0}), (OpNorm(x), {x: -2.0}), (FrobNorm(x), {x: 3.0}), (LambdaMin(x), {x: 0.5}),
                       (MaxEntry(x), {x: 3.0}), (MatVec(x, y), {x: -2.0, y: 1.5}), (Quad(x, y, z), {x: 3.0, y: 2.0, z: -1.0}),
                       (ReLU(x), {x: -2.0})]:
        f = sp.lambdify(_args(expr), expr, modules=[N.SCALAR_NUMPY, "scipy", "numpy"])
        vals = {x: a, y: b, z: d}
        got = f(*[vals[s] for s in _args(expr)])
        i = {-2.0: 0, 0.5: 1, 3.0: 2}[subs[x]]
        assert np.isclose(got[i], float(expr.subs(subs))), expr
    f = sp.lambdify([x, y], [Rayleigh(x, y, y), Rank(x)], modules=[N.SCALAR_NUMPY, "numpy"])
    r, k = f(a, b)
    assert np.allclose(r, a) and np.array_equal(k, [1.0, 1.0, 1.0])


def test_evalf_of_numbers_uses_the_mpmath_evaluation():
    assert ReLU(sp.Integer(-3), evaluate=False).evalf() == 0
    assert Rank(sp.Integer(5), evaluate=False).evalf() == sp.Float(1)
    assert Norm(x).evalf() == Norm(x)                          # symbols stay unevaluated


def test_a_matrix_where_a_direction_belongs_is_an_error_on_both_paths():
    f = sp.lambdify([A, x, y], Quad(A, x, y), modules=[N.NUMPY, "numpy"])
    with pytest.raises(ValueError, match="direction"):
        f(M, M, U)
    g = sp.lambdify([A, x, y], Quad(A, x, y), modules=[N.MPMATH, "mpmath"])
    with pytest.raises(ValueError, match="direction"):
        g(_mp(M[0]), _mp(M[0]), _mp(U[0][0]))


# ---------------------------------------------------------------------------------------------
# scaling: each class declares its rule; a wrong dimension is caught
# ---------------------------------------------------------------------------------------------

P, F = sp.symbols("P F", positive=True)             # parameters, outputs
K, mu, f, g, v, m, t = sp.symbols("K mu f g v m t")
SETTING = Scaling({P: "parameters", F: "outputs"},
                  {K: F**2 / P**2, mu: F**2 / P**2, A: F**2 / P**2, J: F / P, w: P, f: F, g: F, m: 1, t: P**2 / F**2,
                   x: F, y: F})


def _dim(expr):
    return analyse(Statement(sp.Eq(expr, c)), SETTING.with_dims({c: 1})).to_json()


def _check(relation):
    return ScalingCheck(SETTING).run(Statement(relation), Context())


@pytest.mark.parametrize("expr, same_as", [
    (Norm(f - g), f), (OpNorm(K), K), (FrobNorm(K), K), (LambdaMin(K), K), (MaxEntry(K), K), (MatVec(J, w), f),
    (Quad(K, f, g), K * f * g), (Rayleigh(K, v, v), K), (Rank(K), m), (W0(mu * t), m), (ReLU(f - g), f),
    (Prob(sp.Gt(f, g)), m),
])
def test_each_class_scales_as_it_declares(expr, same_as):
    r = _check(sp.Le(expr, same_as))
    assert r.outcome is Outcome.HOLDS, r.summary


@pytest.mark.parametrize("relation, offending", [
    (sp.Le(Norm(f - g), K), "the two sides"),
    (sp.Le(Quad(K, f, f), K), "the two sides"),                # forgot the directions' dimension
    (sp.Ge(Rayleigh(K, f, f), mu * f), "the two sides"),
    (sp.Le(Rayleigh(K, f - w, f), mu), "terms of a sum"),     # a compound direction must be consistent
    (sp.Le(Rank(K + J), m), "terms of a sum"),
    (sp.Le(W0(mu), m), "argument of W0"),                      # argument of W0 must be scale-free
    (sp.Le(ReLU(f - w), f), "terms of a sum"),
    (sp.Le(MatVec(J, w), w), "the two sides"),
    (sp.Le(LambdaMin(K), f), "the two sides"),
    (sp.Le(Prob(sp.Gt(f, w)), m), "the two sides"),           # the event's relation is checked
])
def test_a_wrong_dimension_is_caught(relation, offending):
    r = _check(relation)
    assert r.outcome is Outcome.FAILS and offending in r.summary, r.summary


def test_bare_directions_need_no_dimension_but_undeclared_arguments_are_reported():
    assert _check(sp.Ge(Rayleigh(K, sp.Symbol("u"), sp.Symbol("u")), LambdaMin(K))).outcome is Outcome.HOLDS
    r = _check(sp.Le(Norm(sp.Symbol("q")), f))
    assert r.outcome is Outcome.UNDECIDED and "q" in r.evidence["undeclared"]


def test_a_name_declared_by_the_setting_overrides_the_class_rule():
    s = SETTING.with_dims({"Quad": F})
    assert analyse(Statement(sp.Eq(Quad(K, f, f), f)), s).violations == []


def test_a_notation_without_a_rule_is_undeclared_never_guessed():
    class _Opaque(Notation):
        nargs = 1
    r = _check(sp.Le(_Opaque(f), f))
    assert r.outcome is Outcome.UNDECIDED and "_Opaque(...)" in r.evidence["undeclared"]
