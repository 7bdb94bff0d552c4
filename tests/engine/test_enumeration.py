"""verify.checks.enumeration: Enumeration, CubeMean, CaseSplit and InitialValueGronwall each hold where they should and FAIL on a wrong identity, constant or rate."""
from __future__ import annotations

import math
import pytest
import sympy as sp
from verify.checks.enumeration import MAX_POINTS, CaseSplit, CubeMean, Enumeration, InitialValueGronwall, cube_mean
from verify.maths.features import relu_abs, step_sym
from verify.notation import ReLU, hat_sym
from verify.core.model import NUMERIC, SYMBOLIC, Outcome, Statement
from verify.checks.symbolic import Identity


i_ = sp.Symbol("i", integer=True)


d_ = sp.Symbol("d", positive=True, integer=True)


X, V, W = sp.IndexedBase("x"), sp.IndexedBase("v"), sp.IndexedBase("w")


class TestEnumeration:
    def test_identity_on_a_fixed_cube_is_a_proof(self, ctx):
        y1, y2 = sp.symbols("y1 y2")
        r = Enumeration(cubes={"y1": "pm1", "y2": "pm1"}).run(Statement(sp.Eq(y1**2 * y2**2, 1, evaluate=False)), ctx)
        assert r.outcome is Outcome.HOLDS and r.kind == SYMBOLIC and r.evidence["exact"]
        assert r.evidence["points"] == 4

    def test_wrong_identity_fails_with_exact_counterexample(self, ctx):
        y1, y2 = sp.symbols("y1 y2")
        r = Enumeration(cubes={"y1": "pm1", "y2": "pm1"}).run(Statement(sp.Eq(y1 * y2, 1, evaluate=False)), ctx)
        assert r.outcome is Outcome.FAILS and r.kind == SYMBOLIC
        y = r.evidence["counterexample"]
        assert y["y1"] * y["y2"] == -1

    def test_dimensions_make_it_numeric_evidence(self, ctx):
        st = Statement(sp.Eq((-1) ** sp.Sum(X[i_], (i_, 1, d_)) * (-1) ** sp.Sum(X[i_], (i_, 1, d_)), 1, evaluate=False))
        r = Enumeration(cubes={"x": "01"}, dims={"d": (1, 2, 3)}).run(st, ctx)
        assert r.outcome is Outcome.HOLDS and r.kind == NUMERIC
        assert r.evidence["points"] == 2 + 4 + 8

    def test_parity_orthonormality_and_a_wrong_gram(self, ctx):
        VX = sp.Sum((V[i_] + W[i_]) * X[i_], (i_, 1, d_))
        delta = sp.Product(sp.KroneckerDelta(V[i_], W[i_]), (i_, 1, d_))
        good = Statement(sp.Eq(cube_mean((-1) ** VX, X, d_), delta, evaluate=False))
        bad = Statement(sp.Eq(cube_mean((-1) ** VX, X, d_), 1, evaluate=False))
        chk = Enumeration(cubes={"x": "01", "v": "01", "w": "01"}, dims={"d": (1, 2, 3)})
        assert chk.run(good, ctx).outcome is Outcome.HOLDS
        r = chk.run(bad, ctx)
        assert r.outcome is Outcome.FAILS and r.evidence["exact"]
        assert "x[1]" not in r.evidence["counterexample"]          # x is averaged over, not a free variable

    def test_hat_representation_holds_and_a_shifted_one_fails(self, ctx):
        s = sp.Sum(V[i_] * X[i_], (i_, 1, d_))
        j = sp.Symbol("j", integer=True)
        net = sp.Sum((-1) ** j * hat_sym(s - j), (j, 0, d_))
        chk = Enumeration(cubes={"x": "01", "v": "01"}, dims={"d": (1, 2, 3, 4)})
        assert chk.run(Statement(sp.Eq((-1) ** s, net, evaluate=False)), ctx).outcome is Outcome.HOLDS
        shifted = sp.Sum((-1) ** j * hat_sym(s - j - sp.Rational(1, 4)), (j, 0, d_))
        assert chk.run(Statement(sp.Eq((-1) ** s, shifted, evaluate=False)), ctx).outcome is Outcome.FAILS

    def test_hypotheses_restrict_the_points(self, ctx):
        y1, y2 = sp.symbols("y1 y2")
        st = Statement(sp.Ge(y1 + y2, 1), assuming=[sp.Ge(y1, 1), sp.Ge(y2, 0)])
        r = Enumeration(ranges={"y1": range(0, 3), "y2": range(0, 3)}).run(st, ctx)
        assert r.outcome is Outcome.HOLDS and r.evidence["points"] == 6
        assert r.kind == NUMERIC                                   # truncated ranges
        r = Enumeration(ranges={"y1": range(0, 3), "y2": range(0, 3)}, complete=True).run(st, ctx)
        assert r.kind == SYMBOLIC

    def test_float_fallback_confirms_failures_at_50_digits(self, ctx):
        st = Statement(sp.Le(sp.cos(sp.pi * sp.Sum(X[i_], (i_, 1, d_))), sp.Rational(1, 2)))
        r = Enumeration(cubes={"x": "01"}, dims={"d": (2,)}).run(st, ctx)
        assert r.outcome is Outcome.FAILS and r.kind == NUMERIC and not r.evidence["exact"]
        ok = Statement(sp.Le(sp.cos(sp.pi * sp.Sum(X[i_], (i_, 1, d_))), 1))
        assert Enumeration(cubes={"x": "01"}, dims={"d": (2,)}).run(ok, ctx).outcome is Outcome.HOLDS

    def test_roundoff_is_not_a_counterexample(self, ctx):
        # cos(pi x) for x in {0, 1} equals (-1)^x up to float round-off only
        y = sp.Symbol("y")
        st = Statement(sp.Eq(sp.cos(sp.pi * y / 3) ** 2 + sp.sin(sp.pi * y / 3) ** 2, 1, evaluate=False))
        assert Enumeration(ranges={"y": range(0, 7)}).run(st, ctx).outcome is Outcome.HOLDS

    def test_exact_arithmetic_with_negative_powers(self, ctx):
        y = sp.Symbol("y")
        st = Statement(sp.Eq(2 ** (-y) * 2**y, 1, evaluate=False))
        r = Enumeration(ranges={"y": range(-3, 4)}, complete=True).run(st, ctx)
        assert r.outcome is Outcome.HOLDS and r.evidence["exact"]

    def test_functions_numpy_lacks_are_evaluated_pointwise(self, ctx):
        st = Statement(sp.Eq(sp.binomial(2 * d_, d_), sp.factorial(2 * d_) / sp.factorial(d_) ** 2, evaluate=False))
        assert Enumeration(dims={"d": (1, 5, 10)}).run(st, ctx).outcome is Outcome.HOLDS
        wrong = Statement(sp.Ge(sp.binomial(2 * d_, d_), 4**d_ / 2))
        assert Enumeration(dims={"d": (1, 5, 10)}).run(wrong, ctx).outcome is Outcome.FAILS

    def test_too_many_points_is_an_error(self, ctx):
        st = Statement(sp.Ge(sp.Sum(X[i_], (i_, 1, d_)), 0))
        with pytest.raises(ValueError):
            Enumeration(cubes={"x": "01"}, dims={"d": (int(math.log2(MAX_POINTS)) + 2,)}).run(st, ctx)

    def test_missing_values_are_an_error(self, ctx):
        y = sp.Symbol("y")
        with pytest.raises(KeyError):
            Enumeration().run(Statement(sp.Ge(y, 0)), ctx)


def test_cube_mean_doit_matches_enumeration():
    expr = cube_mean(X[1] * X[2] + X[1], X, 2, "pm1")
    assert isinstance(expr, CubeMean)
    assert expr.doit() == 0
    assert cube_mean(X[1] + X[2], X, 2).doit() == 1
    assert sp.latex(cube_mean(X[1], X, 2)).startswith(r"\mathbb{E}_{x \sim \mathrm{Unif}(\{0,1\}^{2})}")


z = sp.Symbol("z", real=True)


s_nn = sp.Symbol("s", nonnegative=True)


s_pos = sp.Symbol("s", positive=True)


class TestCaseSplit:
    def test_step_identity_proved_on_covering_cases(self, ctx):
        st = Statement(sp.Eq(step_sym(z), ReLU(2 * z) - ReLU(2 * z - 1), evaluate=False),
                       assuming=[sp.Ge(sp.Abs(z), sp.Rational(1, 2))])
        r = CaseSplit(z, [sp.Rational(1, 2) + s_nn, -sp.Rational(1, 2) - s_nn], Identity()).run(st, ctx)
        assert r.outcome is Outcome.HOLDS and r.kind == SYMBOLIC

    def test_cases_that_do_not_cover_stay_undecided(self, ctx):
        st = Statement(sp.Eq(step_sym(z), ReLU(2 * z) - ReLU(2 * z - 1), evaluate=False),
                       assuming=[sp.Ge(sp.Abs(z), sp.Rational(1, 4))])
        r = CaseSplit(z, [sp.Rational(1, 2) + s_nn, -sp.Rational(1, 2) - s_nn], Identity()).run(st, ctx)
        assert r.outcome is Outcome.UNDECIDED and "do not cover" in r.summary

    def test_failing_case_refutes(self, ctx):
        st = Statement(sp.Eq(step_sym(z), ReLU(2 * z) - ReLU(2 * z - 1), evaluate=False))
        r = CaseSplit(z, [s_pos, 0, -s_pos], Identity()).run(st, ctx)
        assert r.outcome is Outcome.FAILS and "case z = s" in r.summary       # fails for 0 < z < 1/2

    def test_limit_of_relu_differences(self, ctx):
        a = sp.Symbol("a", positive=True)
        lim = sp.Limit(relu_abs(a * z) - relu_abs(a * z - 1), a, sp.oo)
        good = Statement(sp.Eq(step_sym(z, 0), lim, evaluate=False))
        assert CaseSplit(z, [s_pos, 0, -s_pos], Identity()).run(good, ctx).outcome is Outcome.HOLDS


class TestInitialValueGronwall:
    dl = sp.Function("delta", nonnegative=True)
    t = sp.Symbol("t", nonnegative=True)
    A, L, G = sp.symbols("A L G", positive=True)

    def _statement(self, rate):
        dl, t, A, L, G = self.dl, self.t, self.A, self.L, self.G
        return Statement(sp.Le(dl(t), sp.sqrt(G / (2 * L)) * (sp.exp(rate * t) - 1)),
                         assuming=[sp.Le(sp.Derivative(dl(t), t), A * (sp.sqrt(2 * L) * dl(t) + sp.sqrt(G))), sp.Eq(dl(0), 0)])

    def test_exact_solution_holds(self, ctx):
        r = InitialValueGronwall().run(self._statement(self.A * sp.sqrt(2 * self.L)), ctx)
        assert r.outcome is Outcome.HOLDS and r.kind == SYMBOLIC

    def test_too_small_rate_is_a_gap(self, ctx):
        r = InitialValueGronwall().run(self._statement(self.A * sp.sqrt(self.L)), ctx)
        assert r.outcome is Outcome.GAP

    def test_needs_an_initial_value(self, ctx):
        dl, t = self.dl, self.t
        st = Statement(sp.Le(dl(t), sp.exp(t)), assuming=[sp.Le(sp.Derivative(dl(t), t), dl(t))])
        with pytest.raises(ValueError):
            InitialValueGronwall().run(st, ctx)
