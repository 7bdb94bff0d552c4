"""Unit tests for the symbolic check primitives: every check must hold on true statements and FAIL
(or report a gap) on wrong ones -- a wrong identity, a false bound, a wrong rate, a wrong constant."""
from __future__ import annotations

import pytest
import sympy as sp

from verify.core.model import NUMERIC, SYMBOLIC, Context, Outcome, Statement
from verify.checks.search import Domain
from verify.checks.symbolic import Derivation, Gronwall, Identity, Inequality


@pytest.fixture
def ctx():
    return Context(seed=0, claim_id="test")


def exact(values: dict, names) -> dict:
    """A counterexample's floats as exact rationals, keyed by the symbols named in it."""
    by_name = {str(s): s for s in names}
    return {by_name[k]: sp.Rational(v) for k, v in values.items()}


x, y = sp.symbols("x y", real=True)
X = sp.Symbol("x", positive=True)


# ---------------------------------------------------------------------------------------------
# Identity
# ---------------------------------------------------------------------------------------------

class TestIdentity:
    def test_trig_identity_holds_symbolically(self, ctx):
        r = Identity().run(Statement(sp.Eq(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1)), ctx)
        assert r.outcome is Outcome.HOLDS
        assert r.kind == SYMBOLIC
        assert r.evidence["difference"] == "0"

    def test_an_identity_expansion_proves_needs_no_simplify(self, ctx, monkeypatch):
        def refuse(*args, **kwargs):
            raise AssertionError("simplify should not be needed")
        monkeypatch.setattr(sp, "simplify", refuse)
        r = Identity().run(Statement(sp.Eq((x + 1) ** 2, x ** 2 + 2 * x + 1)), ctx)
        assert (r.outcome, r.evidence["difference"]) == (Outcome.HOLDS, "0")
        with pytest.raises(AssertionError, match="simplify"):         # a wrong one goes on to simplify
            Identity().run(Statement(sp.Eq((x + 1) ** 2, x ** 2 + x + 1)), ctx)

    def test_double_angle_holds(self, ctx):
        r = Identity().run(Statement(sp.Eq(sp.sin(2 * x), 2 * sp.sin(x) * sp.cos(x))), ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, SYMBOLIC)

    def test_wrong_polynomial_identity_fails_with_counterexample(self, ctx):
        lhs, rhs = (x + y) ** 2, x ** 2 + y ** 2
        r = Identity().run(Statement(sp.Eq(lhs, rhs)), ctx)
        assert r.outcome is Outcome.FAILS
        assert r.kind == NUMERIC
        ce = r.evidence["counterexample"]
        assert set(ce) == {"x", "y"}
        # the reported point really separates the two sides
        assert (lhs - rhs).subs(exact(ce, (x, y))) != 0
        assert "replay" in r.evidence and "--seed 0" in r.evidence["replay"]

    def test_nonzero_constant_difference_fails_symbolically(self, ctx):
        r = Identity().run(Statement(sp.Eq(sp.sin(x) ** 2, 4 - sp.cos(x) ** 2)), ctx)
        assert r.outcome is Outcome.FAILS
        assert r.kind == SYMBOLIC
        assert r.evidence["difference"] == "-3"

    def test_derivative_right(self, ctx):
        st = Statement(sp.Eq(sp.Derivative(sp.exp(2 * x), x), 2 * sp.exp(2 * x)))
        r = Identity().run(st, ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, SYMBOLIC)

    def test_derivative_wrong_factor_fails(self, ctx):
        st = Statement(sp.Eq(sp.Derivative(sp.exp(2 * x), x), sp.exp(2 * x)))
        r = Identity().run(st, ctx)
        assert r.outcome is Outcome.FAILS
        # the difference exp(2x) is reported (decided symbolically or at a counterexample)
        assert "exp(2*x)" in str(r.evidence["difference"])

    def test_integral_right(self, ctx):
        st = Statement(sp.Eq(sp.Integral(x, (x, 0, 1)), sp.Rational(1, 2), evaluate=False))
        r = Identity().run(st, ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, SYMBOLIC)

    def test_integral_wrong_value_fails(self, ctx):
        # evaluate=False: SymPy itself would collapse Eq(Integral(x, (x, 0, 1)), 1) to False
        st = Statement(sp.Eq(sp.Integral(x, (x, 0, 1)), 1, evaluate=False))
        r = Identity().run(st, ctx)
        assert (r.outcome, r.kind) == (Outcome.FAILS, SYMBOLIC)
        assert r.evidence["difference"] == "-1/2"

    def test_limit_right(self, ctx):
        st = Statement(sp.Eq(sp.Limit(sp.sin(x) / x, x, 0), 1, evaluate=False))
        r = Identity().run(st, ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, SYMBOLIC)

    def test_limit_wrong_fails(self, ctx):
        st = Statement(sp.Eq(sp.Limit(sp.sin(x) / x, x, 0), 0, evaluate=False))
        r = Identity().run(st, ctx)
        assert (r.outcome, r.kind) == (Outcome.FAILS, SYMBOLIC)
        assert r.evidence["difference"] == "1"

    def test_series_right(self, ctx):
        st = Statement(sp.Eq(sp.sin(x), x - x ** 3 / 6 + sp.O(x ** 5)))
        r = Identity().run(st, ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, SYMBOLIC)

    def test_series_wrong_coefficient_fails(self, ctx):
        st = Statement(sp.Eq(sp.sin(x), x - x ** 3 / 3 + sp.O(x ** 5)))
        r = Identity().run(st, ctx)
        assert r.outcome is Outcome.FAILS
        assert "x**3/6" in str(r.evidence["difference"])

    def test_series_respects_stated_order(self, ctx):
        # sin x = x + O(x^3) is true; sin x = x + O(x^4) is false (the x^3 term is missing)
        ok = Identity().run(Statement(sp.Eq(sp.sin(x), x + sp.O(x ** 3))), ctx)
        bad = Identity().run(Statement(sp.Eq(sp.sin(x), x + sp.O(x ** 4))), ctx)
        assert ok.outcome is Outcome.HOLDS
        assert bad.outcome is Outcome.FAILS
    def test_series_at_nonzero_point_right(self, ctx):
        st = Statement(sp.Eq(sp.exp(x), sp.E + sp.E * (x - 1) + sp.O((x - 1) ** 2, (x, 1))))
        r = Identity().run(st, ctx)
        assert r.outcome is Outcome.HOLDS
    def test_series_at_infinity_right(self, ctx):
        st = Statement(sp.Eq(1 / (x + 1), 1 / x - 1 / x ** 2 + sp.O(x ** -3, (x, sp.oo))))
        r = Identity().run(st, ctx)
        assert r.outcome is Outcome.HOLDS

    def test_true_identity_sympy_cannot_simplify_is_numeric(self, ctx):
        # Euler's reflection formula for the dilogarithm on (0, 1)
        p = sp.Symbol("p", positive=True)
        st = Statement(sp.Eq(sp.polylog(2, p) + sp.polylog(2, 1 - p), sp.pi ** 2 / 6 - sp.log(p) * sp.log(1 - p)))
        r = Identity(domains={"p": Domain(0.01, 0.99)}).run(st, ctx)
        assert r.outcome is Outcome.HOLDS
        assert r.kind == NUMERIC
        assert r.evidence["points"] == ctx.budget.points

    def test_false_identity_sympy_cannot_simplify_fails_numerically(self, ctx):
        p = sp.Symbol("p", positive=True)
        st = Statement(sp.Eq(sp.polylog(2, p) + sp.polylog(2, 1 - p), sp.pi ** 2 / 6 + sp.log(p) * sp.log(1 - p)))
        r = Identity(domains={"p": Domain(0.01, 0.99)}).run(st, ctx)
        assert (r.outcome, r.kind) == (Outcome.FAILS, NUMERIC)
        assert 0.01 <= r.evidence["counterexample"]["p"] <= 0.99

    def test_arctan_identity_holds_for_positive_fails_for_real(self, ctx):
        p = sp.Symbol("p", positive=True)
        pos = Identity().run(Statement(sp.Eq(sp.atan(p) + sp.atan(1 / p), sp.pi / 2)), ctx)
        assert (pos.outcome, pos.kind) == (Outcome.HOLDS, NUMERIC)
        real = Identity().run(Statement(sp.Eq(sp.atan(x) + sp.atan(1 / x), sp.pi / 2)), ctx)
        assert real.outcome is Outcome.FAILS
        assert real.evidence["counterexample"]["x"] < 0

    def test_undefined_function_with_instance(self, ctx):
        f = sp.Function("f")
        st = Statement(sp.Eq(f(x + y), f(x) * f(y)))
        r = Identity(instances={f: sp.Lambda(x, sp.exp(x))}).run(st, ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, NUMERIC)
        assert r.evidence["instances"] == {"f": "Lambda(x, exp(x))"}
        bad = Identity(instances={f: sp.Lambda(x, sp.exp(x) + 1)}).run(st, ctx)
        assert (bad.outcome, bad.kind) == (Outcome.FAILS, NUMERIC)

    def test_distinct_applications_of_undefined_function_are_not_identified(self, ctx):
        g = sp.Function("g")
        a, b = sp.symbols("a b", real=True)
        r = Identity().run(Statement(sp.Eq(g(a), g(b))), ctx)
        assert r.outcome is Outcome.FAILS

    def test_derivatives_of_undefined_function_at_different_points_are_not_identified(self, ctx):
        g = sp.Function("g")
        a = sp.Symbol("a", real=True)
        gp = lambda arg: g(x).diff(x).subs(x, arg)  # noqa: E731
        r = Identity().run(Statement(sp.Eq(gp(2 * a), gp(3 * a))), ctx)
        assert r.outcome is Outcome.FAILS

    # --- derivative along a flow -------------------------------------------------------------

    @staticmethod
    def _flow_setup():
        t = sp.Symbol("t", nonnegative=True)
        z = sp.Symbol("z", real=True)
        alpha, kappa = sp.symbols("alpha kappa", positive=True)
        f, g, w = sp.Function("f"), sp.Function("g"), sp.Function("w")
        W = w(t)
        fp = lambda arg: f(z).diff(z).subs(z, arg)  # noqa: E731
        gp = lambda arg: g(z).diff(z).subs(z, arg)  # noqa: E731
        flow = {W: -(1 / alpha) * fp(W) * gp(alpha * f(W))}
        instances = {f: sp.Lambda(z, z ** 2 / 2 + sp.sin(z)), g: sp.Lambda(z, sp.log(1 + z ** 2))}
        return t, alpha, kappa, f, W, fp, gp, flow, instances

    def test_derivative_along_flow_holds(self, ctx):
        t, alpha, kappa, f, W, fp, gp, flow, instances = self._flow_setup()
        st = Statement(sp.Eq(sp.Derivative(alpha * f(W), t), -fp(W) ** 2 * gp(alpha * f(W))))
        r = Identity(flow=flow, instances=instances).run(st, ctx)
        assert r.outcome is Outcome.HOLDS

    def test_derivative_along_flow_needs_the_flow(self, ctx):
        # without the flow, w'(t) stays free and the identity is false
        t, alpha, kappa, f, W, fp, gp, flow, instances = self._flow_setup()
        st = Statement(sp.Eq(sp.Derivative(alpha * f(W), t), -fp(W) ** 2 * gp(alpha * f(W))))
        r = Identity(instances=instances).run(st, ctx)
        assert r.outcome is Outcome.FAILS

    def test_derivative_along_flow_wrong_scale_fails_numerically(self, ctx):
        t, alpha, kappa, f, W, fp, gp, flow, instances = self._flow_setup()
        st = Statement(sp.Eq(sp.Derivative(kappa * f(W), t), -fp(W) ** 2 * gp(kappa * f(W))))
        r = Identity(flow=flow, instances=instances).run(st, ctx)
        assert (r.outcome, r.kind) == (Outcome.FAILS, NUMERIC)
        ce = r.evidence["counterexample"]
        assert {"alpha", "kappa", "w(t)"} <= set(ce)
        assert ce["alpha"] != ce["kappa"]

    # --- matrices ----------------------------------------------------------------------------

    @staticmethod
    def _hessian():
        v = sp.Matrix(sp.symbols("v1:4", real=True))
        z = sp.Matrix(sp.symbols("z1:4", real=True))
        sq = ((v - z).T * (v - z))[0]
        return sp.hessian(sq, list(v))

    def test_matrix_identity_holds(self, ctx):
        r = Identity().run(Statement(sp.Eq(self._hessian(), 2 * sp.eye(3), evaluate=False)), ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, SYMBOLIC)

    def test_matrix_identity_wrong_fails(self, ctx):
        r = Identity().run(Statement(sp.Eq(self._hessian(), sp.eye(3), evaluate=False)), ctx)
        assert (r.outcome, r.kind) == (Outcome.FAILS, SYMBOLIC)
        assert r.evidence["difference"] == "1"

    def test_non_equation_is_rejected(self, ctx):
        with pytest.raises(TypeError):
            Identity().run(Statement(sp.Le(x, 1)), ctx)

    def test_identity_under_hypothesis(self, ctx):
        r = Identity().run(Statement(sp.Eq(sp.sqrt(x ** 2), x), assuming=[sp.Ge(x, 0)]), ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, NUMERIC)

    def test_wrong_identity_under_hypothesis_fails(self, ctx):
        r = Identity().run(Statement(sp.Eq(sp.sqrt(x ** 2), -x), assuming=[sp.Ge(x, 0)]), ctx)
        assert (r.outcome, r.kind) == (Outcome.FAILS, NUMERIC)
        assert r.evidence["counterexample"]["x"] >= 0
    def test_difference_never_real_is_not_holds(self, ctx):
        yy = sp.Symbol("y", real=True)
        r = Identity().run(Statement(sp.Eq(yy * sp.sqrt(-x ** 2 - 1), 0, evaluate=False)), ctx)
        assert r.outcome in (Outcome.FAILS, Outcome.UNDECIDED)

    def test_small_but_nonzero_difference_fails(self, ctx):
        r = Identity(domains={"x": Domain(100, 200)}).run(Statement(sp.Eq(x * sp.exp(-x), 0, evaluate=False)), ctx)
        assert r.outcome is Outcome.FAILS

    def test_identity_false_without_its_hypothesis(self, ctx):
        r = Identity().run(Statement(sp.Eq(sp.sqrt(x ** 2), x)), ctx)
        assert r.outcome is Outcome.FAILS
        assert r.evidence["counterexample"]["x"] < 0


# ---------------------------------------------------------------------------------------------
# Inequality
# ---------------------------------------------------------------------------------------------

class TestInequality:
    def test_a_simplified_margin_is_not_simplified_again_unless_a_hypothesis_changed_it(self, monkeypatch):
        """Inequality's margin is ``simplify``'s output: sign_nonnegative skips that step for it, and
        still simplifies after substituting a hypothesis x >= b (which a decision may need)."""
        import verify.checks.symbolic as symbolic
        from verify.checks.symbolic import sign_nonnegative
        a, x = sp.Symbol("a", real=True), sp.Symbol("x", real=True)
        cases = [(sp.simplify(a ** 2 + 1), ()), (sp.simplify(-(a ** 2) - 1), ()),
                 (sp.simplify((x ** 2 - 1) / (x + 1) - 1), (sp.Ge(x, 2),)),
                 (sp.simplify(x ** 2 - 2 * x), (sp.Ge(x, 2),)), (sp.simplify(sp.sin(x)), ())]
        expected = [sign_nonnegative(e, hypotheses=h) for e, h in cases]
        assert expected[:4] == [True, False, True, True]
        calls = []
        simplify = sp.simplify
        monkeypatch.setattr(symbolic.sp, "simplify", lambda e, *a, **k: calls.append(e) or simplify(e, *a, **k))
        assert [sign_nonnegative(e, hypotheses=h, simplified=True) for e, h in cases] == expected
        assert not any(c in {e for e, _ in cases} for c in calls)      # none simplified as given

    def test_am_gm_holds_symbolically(self, ctx):
        a, b = sp.symbols("a b", real=True)
        r = Inequality().run(Statement(sp.Le(2 * a * b, a ** 2 + b ** 2)), ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, SYMBOLIC)

    def test_false_bound_fails_with_confirmed_counterexample(self, ctx):
        a, b = sp.symbols("a b", positive=True)
        rel = sp.Le(a * b, a + b)
        r = Inequality().run(Statement(rel), ctx)
        assert (r.outcome, r.kind) == (Outcome.FAILS, NUMERIC)
        ce = r.evidence["counterexample"]
        assert set(ce) == {"a", "b"}
        assert all(v > 0 for v in ce.values())
        # substituting the counterexample exactly really violates the statement
        assert rel.subs(exact(ce, (a, b))) == sp.false
        assert float(sp.sympify(r.evidence["value_at_80_digits"])) < 0
        # and it is shrunk to simple values
        assert all(float(v).is_integer() for v in ce.values())

    def test_counterexample_is_deterministic(self, ctx):
        a, b = sp.symbols("a b", positive=True)
        st = Statement(sp.Le(a * b, a + b))
        first = Inequality().run(st, ctx).evidence
        second = Inequality().run(st, Context(seed=0, claim_id="test")).evidence
        assert first["counterexample"] == second["counterexample"]
        assert first["search_seed"] == second["search_seed"]

    def test_true_bound_sympy_cannot_decide_holds_numerically(self, ctx):
        r = Inequality().run(Statement(sp.Le(sp.log(1 + X), X)), ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, NUMERIC)
        assert "counterexample" not in r.evidence
        assert r.evidence["examples"] == ctx.budget.examples

    def test_reversed_bound_fails(self, ctx):
        r = Inequality().run(Statement(sp.Ge(sp.log(1 + X), X)), ctx)
        assert r.outcome is Outcome.FAILS
        ce = r.evidence["counterexample"]
        xv = sp.Rational(ce["x"])
        assert sp.log(1 + xv) < xv

    def test_wrong_direction_of_sin_bound(self, ctx):
        assert Inequality().run(Statement(sp.Le(sp.sin(X), X)), ctx).outcome is Outcome.HOLDS
        assert Inequality().run(Statement(sp.Ge(sp.sin(X), X)), ctx).outcome is Outcome.FAILS

    def test_hypothesis_respected(self, ctx):
        st = Statement(sp.Le(x, 1), assuming=[sp.Le(x, sp.Rational(1, 2))])
        r = Inequality().run(st, ctx)
        assert r.outcome is Outcome.HOLDS

    def test_hypothesis_written_either_way(self, ctx):
        # x >= 2 written as 2 <= x: x >= 1 follows, x <= 1 is false everywhere under it
        assert Inequality().run(Statement(sp.Ge(x, 1), assuming=[sp.Le(2, x)]), ctx).outcome is Outcome.HOLDS
        r = Inequality().run(Statement(sp.Le(x, 1), assuming=[sp.Le(2, x)]), ctx)
        assert r.outcome is Outcome.FAILS

    def test_two_sided_hypothesis(self, ctx):
        st = Statement(sp.Le(x ** 2, x), assuming=[sp.Ge(x, 0), sp.Le(x, 1)])
        assert Inequality().run(st, ctx).outcome is Outcome.HOLDS

    def test_same_statement_false_without_hypothesis(self, ctx):
        r = Inequality().run(Statement(sp.Le(x, 1)), ctx)
        assert r.outcome is Outcome.FAILS
        assert r.evidence["counterexample"]["x"] > 1

    def test_insufficient_hypothesis_fails(self, ctx):
        st = Statement(sp.Le(x, 1), assuming=[sp.Le(x, 2)])
        r = Inequality().run(st, ctx)
        assert r.outcome is Outcome.FAILS
        ce = r.evidence["counterexample"]
        assert 1 < ce["x"] <= 2
    def test_strict_inequality_with_zero_margin_fails(self, ctx):
        r = Inequality().run(Statement(sp.Lt(sp.sin(x) ** 2, 1 - sp.cos(x) ** 2)), ctx)
        assert r.outcome is Outcome.FAILS

    def test_equality_along_a_curve_is_not_refuted(self, ctx):
        a, b = sp.symbols("a b", real=True)
        r = Inequality().run(Statement(sp.Ge((a + b) ** 2, 4 * a * b)), ctx)
        assert r.outcome is Outcome.HOLDS

    def test_equality_along_a_curve_is_not_refuted_by_search(self, ctx):
        # SymPy cannot decide cosh(u - v) >= 1; equality holds on the line u = v, where float
        # evaluation sits at round-off level: the search must not report it
        u, v = sp.symbols("u v", real=True)
        r = Inequality().run(Statement(sp.Ge(sp.cosh(u - v), 1)), ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, NUMERIC)
        r2 = Inequality().run(Statement(sp.Ge(sp.exp(u - v) + sp.exp(v - u), 2)), ctx)
        assert (r2.outcome, r2.kind) == (Outcome.HOLDS, NUMERIC)

    def test_declared_domain_is_used(self, ctx):
        # 1 - x >= 0 is false on the default real domain but true on [0, 1]
        assert Inequality().run(Statement(sp.Ge(1 - x, 0)), ctx).outcome is Outcome.FAILS
        r = Inequality(domains={"x": Domain(0, 1)}).run(Statement(sp.Ge(1 - x, 0)), ctx)
        assert r.outcome is Outcome.HOLDS

    def test_non_inequality_is_rejected(self, ctx):
        with pytest.raises(TypeError):
            Inequality().run(Statement(sp.Eq(x, 1)), ctx)


# ---------------------------------------------------------------------------------------------
# Derivation
# ---------------------------------------------------------------------------------------------

m, n, delta, k, s, alpha, lam, C = sp.symbols("m n delta k s alpha lambda C", positive=True)


class TestDerivation:
    def test_equal_holds_symbolically(self, ctx):
        r = Derivation(derived=sp.Le(X, 4 / (2 * m))).run(Statement(sp.Le(X, 2 / m)), ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, SYMBOLIC)
        assert r.evidence["required_nonnegative"] == "0"

    def test_derived_strictly_better_is_loose(self, ctx):
        stated = Statement(sp.Le(X, 8 * n ** 2 * sp.log(n / delta) / m))
        chk = Derivation(derived=sp.Le(X, 4 * n ** 2 * sp.log(n ** 2 / delta) / m), domains={"delta": Domain(0, 1)})
        r = chk.run(stated, ctx)
        assert r.outcome is Outcome.LOOSE
        assert "4*n**2*log(n**2/delta)/m" in r.summary

    def test_same_comparison_without_delta_below_one_is_a_gap(self, ctx):
        # for delta > 1 the derived bound is worse: the domain declaration matters
        stated = Statement(sp.Le(X, 8 * n ** 2 * sp.log(n / delta) / m))
        r = Derivation(derived=sp.Le(X, 4 * n ** 2 * sp.log(n ** 2 / delta) / m)).run(stated, ctx)
        assert r.outcome is Outcome.GAP
        assert r.evidence["counterexample"]["delta"] > 1

    def test_wrong_constant_is_a_gap(self, ctx):
        r = Derivation(derived=sp.Le(X, 3 / m)).run(Statement(sp.Le(X, 2 / m)), ctx)
        assert (r.outcome, r.kind) == (Outcome.GAP, SYMBOLIC)
        assert r.evidence["required_nonnegative"] == "-1/m"

    def test_weaker_constant_is_loose(self, ctx):
        r = Derivation(derived=sp.Le(X, 2 / m)).run(Statement(sp.Le(X, 3 / m)), ctx)
        assert (r.outcome, r.kind) == (Outcome.LOOSE, SYMBOLIC)

    def test_sides_may_be_written_either_way(self, ctx):
        r = Derivation(derived=sp.Le(X, 3 / m)).run(Statement(sp.Ge(2 / m, X)), ctx)
        assert r.outcome is Outcome.GAP

    def test_hypothesis_sense_gap_for_small_s(self, ctx):
        stated = Statement(sp.Gt(alpha, 32 * k / s ** 2))
        r = Derivation(derived=sp.Gt(alpha, 16 * k / s ** 3), sense="hypothesis").run(stated, ctx)
        assert r.outcome is Outcome.GAP
        assert r.evidence["sense"] == "hypothesis"
        assert r.evidence["counterexample"]["s"] < 0.5

    def test_hypothesis_sense_stronger_than_needed_is_loose(self, ctx):
        stated = Statement(sp.Gt(alpha, 32 * k / s ** 2))
        r = Derivation(derived=sp.Gt(alpha, 16 * k / s ** 2), sense="hypothesis").run(stated, ctx)
        assert (r.outcome, r.kind) == (Outcome.LOOSE, SYMBOLIC)

    def test_hypothesis_sense_weaker_than_needed_is_gap(self, ctx):
        stated = Statement(sp.Gt(alpha, 16 * k / s ** 2))
        r = Derivation(derived=sp.Gt(alpha, 32 * k / s ** 2), sense="hypothesis").run(stated, ctx)
        assert (r.outcome, r.kind) == (Outcome.GAP, SYMBOLIC)

    def test_omega_constant_found(self, ctx):
        stated = Statement(sp.Ge(m, C * n ** 2 * sp.log(n / delta) / lam ** 2))
        chk = Derivation(derived=sp.Ge(m, 128 * n ** 2 * sp.log(n / delta) / lam ** 2), constants=(C,))
        r = chk.run(stated, ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, SYMBOLIC)
        assert r.evidence["constants"] == {"C": "128"}

    def test_omega_wrong_power_is_gap(self, ctx):
        stated = Statement(sp.Ge(m, C * n ** 2 * sp.log(n / delta) / lam ** 2))
        chk = Derivation(derived=sp.Ge(m, 128 * n ** 3 * sp.log(n / delta) / lam ** 2), constants=(C,))
        r = chk.run(stated, ctx)
        assert r.outcome is Outcome.GAP
        assert "constants" not in r.evidence

    def test_omega_nonpositive_constant_is_gap(self, ctx):
        stated = Statement(sp.Ge(m, C * n ** 2 * sp.log(n / delta) / lam ** 2))
        chk = Derivation(derived=sp.Ge(m, -128 * n ** 2 * sp.log(n / delta) / lam ** 2), constants=(C,))
        assert chk.run(stated, ctx).outcome is Outcome.GAP

    def test_definitions_are_substituted(self, ctx):
        kappa, nu, mu = sp.symbols("kappa nu mu", positive=True)
        stated = Statement(sp.Le(X, kappa / m), where={kappa: nu / mu})
        assert Derivation(derived=sp.Le(X, nu / (mu * m))).run(stated, ctx).outcome is Outcome.HOLDS
        assert Derivation(derived=sp.Le(X, 2 * kappa / m)).run(stated, ctx).outcome is Outcome.GAP

    def test_no_common_side_gap(self, ctx):
        yy = sp.Symbol("y", positive=True)
        r = Derivation(derived=sp.Le(X + yy, 2)).run(Statement(sp.Le(X, 1)), ctx)
        assert r.outcome is Outcome.GAP
        ce = r.evidence["counterexample"]
        assert ce["x"] > 1 and ce["x"] + ce["y"] <= 2


# ---------------------------------------------------------------------------------------------
# Gronwall
# ---------------------------------------------------------------------------------------------

class TestGronwall:
    t = sp.Symbol("t", nonnegative=True)
    mu = sp.Symbol("mu", positive=True)
    gbar = sp.Function("gbar", nonnegative=True)

    def statement(self, rate):
        G, t, mu = self.gbar(self.t), self.t, self.mu
        return Statement(sp.Le(G, self.gbar(0) * sp.exp(-rate * mu * lam * t)),
                         assuming=[sp.Le(sp.Derivative(G, t), -2 * mu * lam * G)])

    def test_exact_rate_holds(self, ctx):
        r = Gronwall().run(self.statement(2), ctx)
        assert (r.outcome, r.kind) == (Outcome.HOLDS, SYMBOLIC)
        assert r.evidence["comparison_solution"] == "gbar(0)*exp(-2*lambda*mu*t)"

    def test_rate_too_fast_is_gap(self, ctx):
        r = Gronwall().run(self.statement(4), ctx)
        assert r.outcome is Outcome.GAP
        ce = r.evidence["counterexample"]
        assert ce["t"] > 0 and ce["gbar(0)"] > 0
        assert "exp(-2*lambda*mu*t)" in r.evidence["comparison_solution"]

    def test_slower_rate_is_loose(self, ctx):
        r = Gronwall().run(self.statement(1), ctx)
        assert r.outcome is Outcome.LOOSE
        assert "counterexample" not in r.evidence

    def test_differential_inequality_written_the_other_way(self, ctx):
        G, t = self.gbar(self.t), self.t
        st = Statement(sp.Le(G, self.gbar(0) * sp.exp(-2 * self.mu * lam * t)),
                       assuming=[sp.Ge(-2 * self.mu * lam * G, sp.Derivative(G, t))])
        assert Gronwall().run(st, ctx).outcome is Outcome.HOLDS

    def test_needs_a_differential_inequality(self, ctx):
        with pytest.raises(ValueError):
            Gronwall().run(Statement(sp.Le(self.gbar(self.t), 1)), ctx)


def test_special_functions_in_searches():
    """erf has no NumPy ufunc: the vectorized sweep uses SciPy's (and falls back to Hypothesis if need be)."""
    R = sp.Symbol("R", positive=True)
    ctx = Context(seed=0, claim_id="test")
    holds = Inequality().run(Statement(sp.Le(sp.erf(R / sp.sqrt(2)), 2 * R / sp.sqrt(2 * sp.pi))), ctx)
    assert holds.outcome is Outcome.HOLDS
    fails = Inequality().run(Statement(sp.Le(sp.erf(R / sp.sqrt(2)), R / sp.sqrt(2 * sp.pi))), ctx)
    assert fails.outcome is Outcome.FAILS


def test_order_term_with_an_undecided_limit_is_not_refuted():
    a, b = sp.symbols("a b", positive=True)
    g = sp.Function("g")
    st = Statement(sp.Eq(g(a * b) / sp.log(1 / a), b + sp.O(1 / sp.log(1 / a), (a, 0))))
    r = Identity().run(st, Context(seed=0, claim_id="test"))
    assert r.outcome is not Outcome.FAILS


def test_gronwall_uses_a_stated_initial_value():
    """delta' <= a delta + b with delta(0) = 0 gives delta(t) <= (b/a)(e^{at} - 1); without the start the
    bound could not be proved, and a bound with the wrong constant is a gap."""
    t = sp.Symbol("t", nonnegative=True)
    a, b = sp.symbols("a b", positive=True)
    d = sp.Function("delta", nonnegative=True)
    hyps = [sp.Le(sp.Derivative(d(t), t), a * d(t) + b), sp.Eq(d(0), 0)]
    ctx = Context(seed=0, claim_id="test")
    ok = Gronwall().run(Statement(sp.Le(d(t), b / a * (sp.exp(a * t) - 1)), assuming=hyps), ctx)
    assert ok.outcome is Outcome.HOLDS and ok.kind == SYMBOLIC
    wrong = Gronwall().run(Statement(sp.Le(d(t), b / (2 * a) * (sp.exp(a * t) - 1)), assuming=hyps), ctx)
    assert wrong.outcome is Outcome.GAP
    with pytest.raises(ValueError, match="initial value"):
        Gronwall(require_start=True).run(Statement(sp.Le(d(t), b / a * (sp.exp(a * t) - 1)), assuming=hyps[:1]), ctx)


def test_entrywise_identity_is_checked_where_indices_coincide():
    # j = k is where KroneckerDelta is nonzero; random indices in 1..50 almost never coincide, so the
    # numeric fallback also tries the integer symbols at their smallest values
    d = sp.Symbol("d", integer=True, positive=True)
    j, k, i = sp.symbols("j k i", integer=True, positive=True)
    v, z = sp.IndexedBase("v", real=True), sp.IndexedBase("z", real=True)
    square = sp.Sum((v[i] - z[i]) ** 2, (i, 1, d))
    hyps = [sp.Le(j, d), sp.Le(k, d)]
    ctx = Context(seed=0, claim_id="t.delta")
    for wrong in (4 * sp.KroneckerDelta(j, k), sp.KroneckerDelta(j, k)):
        st = Statement(sp.Eq(sp.Derivative(square, v[j], v[k]), wrong, evaluate=False), assuming=hyps)
        assert Identity().run(st, ctx).outcome == Outcome.FAILS
    st = Statement(sp.Eq(sp.Derivative(square, v[j], v[d]), 2 * sp.KroneckerDelta(j, k), evaluate=False), assuming=hyps)
    assert Identity().run(st, ctx).outcome == Outcome.FAILS
    right = Statement(sp.Eq(sp.Derivative(square, v[j], v[k]), 2 * sp.KroneckerDelta(j, k), evaluate=False), assuming=hyps)
    assert Identity().run(right, ctx).outcome == Outcome.HOLDS


def test_sides_with_no_difference_are_undecided_not_an_error():
    # a draft's equation between a symbol and a set, or a function and a matrix: lhs - rhs is not defined
    a, b, t = sp.symbols("a b t", real=True)
    ctx = Context(seed=0, claim_id="t", check_name="identity")
    theta = sp.Symbol("theta_t")
    r = Identity().run(Statement(sp.Eq(theta, sp.FiniteSet(a, b), evaluate=False)), ctx)
    assert r.outcome is Outcome.UNDECIDED and "not defined" in r.summary
    f = sp.Function("f")
    r = Identity().run(Statement(sp.Eq(f(t), sp.Matrix([[a], [b]]), evaluate=False)), ctx)
    assert r.outcome is Outcome.UNDECIDED and "not defined" in r.summary


def test_scalar_arguments_of_matrix_reductions():
    import mpmath as mp
    from verify.core.notation import LambdaMin, MaxEntry
    assert LambdaMin.mpmath(mp.mpf(2)) == 2 and MaxEntry.mpmath(mp.mpf(-1)) == -1     # a 1 x 1 matrix: its entry


def test_a_sum_over_a_symbolic_range_is_searched_written_out_at_small_sizes():
    f = sp.Symbol("f", integer=True, positive=True)
    N = sp.Symbol("N_F", integer=True, positive=True)
    X = sp.IndexedBase("X", nonnegative=True)
    mean = sp.Sum(X[f] / N, (f, 1, N))
    ctx = Context(seed=0, claim_id="test")
    wrong = Inequality().run(Statement(sp.Le(mean, sp.Sum(X[f], (f, 1, N)) / N**2)), ctx)
    assert wrong.outcome == Outcome.FAILS and wrong.evidence["counterexample"]["N_F"] >= 2
    # true at every size, and beyond SymPy's sign inference: held at each written-out size, numerically
    held = Inequality().run(Statement(sp.Le(sp.Sum(X[f], (f, 1, N))**2, N * sp.Sum(X[f]**2, (f, 1, N)))), ctx)
    assert held.outcome == Outcome.HOLDS and held.kind == "numeric"
    assert [s["at"] for s in held.evidence["sizes"]] == ["N_F = 1", "N_F = 2", "N_F = 3", "N_F = 4"]


def test_sums_of_equal_summands_are_equal_without_carrying_them_out():
    i, q = sp.symbols("i q", integer=True, positive=True)
    n, p = sp.symbols("n p", integer=True, positive=True)
    J, w, w0, y = sp.IndexedBase("J"), sp.IndexedBase("w"), sp.IndexedBase("w0"), sp.IndexedBase("y")
    inner = sp.Sum(J[i, q] * (w[q] - w0[q]), (q, 1, p))
    split = sp.Sum(J[i, q] * w[q], (q, 1, p)) - sp.Sum(J[i, q] * w0[q], (q, 1, p))
    same = sp.Eq(sp.Sum((inner - y[i]) ** 2, (i, 1, n)) / 2, sp.Sum((split - y[i]) ** 2, (i, 1, n)) / 2, evaluate=False)
    r = Identity().run(Statement(same), Context(seed=0, claim_id="t"))
    assert r.outcome is Outcome.HOLDS and r.kind == SYMBOLIC, r.summary
    # a summand off by a factor is no identity: it must fail
    off = sp.Eq(sp.Sum((inner - y[i]) ** 2, (i, 1, n)), sp.Sum(2 * (split - y[i]) ** 2, (i, 1, n)), evaluate=False)
    r = Identity().run(Statement(off), Context(seed=0, claim_id="t"))
    assert r.outcome is Outcome.FAILS, r.summary
