"""Unit tests for the numeric check primitives (Simulation, OrderFit, Probability, MonteCarlo), their
helpers (relative_margin, precise_margin, loglog_fit, clopper_pearson) and the array notation they
evaluate. Every check must hold on a true statement and FAIL on a false one -- a wrong rate, a wrong
constant, a wrong probability -- and must not report round-off or thin evidence as a counterexample."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from scipy import stats

from verify.core.model import NUMERIC, Budget, Context, Outcome, Statement
from verify.maths.kernels import relu_ntk
from verify.maths.flows import batched_flow
from verify.maths.models import TwoLayerReLU, relu_gram
from verify.core.notation import FrobNorm, LambdaMin, MatVec, MaxEntry, Norm, OpNorm, Prob
from verify.checks.numeric import (MonteCarlo, OrderFit, Probability, Simulation, array_value, clopper_pearson,
                            loglog_fit, precise_margin, relative_margin)


@pytest.fixture
def ctx():
    return Context(seed=0, claim_id="test")


@pytest.fixture
def standard():
    return Context(seed=0, claim_id="test", budget=Budget.named("standard"))


y, y0, t, k, q = sp.symbols("y y0 t k q", real=True)
A, B, v, w, c = sp.symbols("A B v w c", real=True)


def constant(env):
    """A simulator returning a fixed environment (and recording the ``precise`` flags it was called with)."""
    calls = []

    def simulate(ctx, precise):
        calls.append(precise)
        return env

    simulate.calls = calls
    return simulate


# ---------------------------------------------------------------------------------------------
# Simulation
# ---------------------------------------------------------------------------------------------

def decay(ctx, precise, horizon=5.0, points=50, dim=3):
    """y' = -2y from random y0 (one solve for all seeds): y(t) = y0 e^{-2t}."""
    rng = ctx.rng("decay")
    Y0 = rng.standard_normal((ctx.budget.samples, dim))
    tt = np.linspace(0.0, horizon, points)
    Y = batched_flow(lambda _, u: -2.0 * u, Y0, tt, precise)
    return {"y": Y, "y0": Y0[:, None, :], "t": tt.reshape(1, -1, 1)}


class TestSimulation:
    def test_true_bound_on_exponential_decay_holds(self, ctx):
        r = Simulation(decay).run(Statement(sp.Le(Norm(y), Norm(y0) * sp.exp(-t))), ctx)
        assert r.outcome is Outcome.HOLDS
        assert r.kind == NUMERIC
        assert r.evidence["instances"] == ctx.budget.samples * 50
        assert r.evidence["hypotheses_held"] == r.evidence["instances"]
        assert r.evidence["min_relative_margin"] >= -1e-6
        assert "--seed 0" in r.evidence["replay"] and "test" in r.evidence["replay"]

    def test_exact_rate_holds_up_to_integration_error(self, ctx):
        r = Simulation(decay).run(Statement(sp.Le(Norm(y), Norm(y0) * sp.exp(-2 * t))), ctx)
        assert r.outcome is Outcome.HOLDS

    def test_false_rate_fails_with_evidence(self, ctx):
        r = Simulation(decay).run(Statement(sp.Le(Norm(y), Norm(y0) * sp.exp(-3 * t))), ctx)
        assert r.outcome is Outcome.FAILS
        ev = r.evidence
        assert ev["relative_margin_precise"] < -1e-6
        assert ev["relative_margin"] < -1e-6
        assert isinstance(ev["replay"], str) and ev["replay"].startswith("python -m verify run test")
        assert ev["violations"] >= 1
        # the index points at a genuine violation: ||y(t)|| > ||y0|| e^{-3t} there
        env = decay(ctx, True)
        s_, t_, _ = ev["index"]
        tv = env["t"][0, t_, 0]
        assert tv > 0
        assert np.linalg.norm(env["y"][s_, t_]) > np.linalg.norm(env["y0"][s_, 0]) * np.exp(-3 * tv)
        # worst margin: exp(-2t) vs exp(-3t) at the last time is (e^{-15} - e^{-10}) / (e^{-15} + e^{-10})
        T = 5.0
        assert ev["relative_margin_precise"] == pytest.approx((np.exp(-3 * T) - np.exp(-2 * T)) /
                                                              (np.exp(-3 * T) + np.exp(-2 * T)), rel=1e-6)
        assert ev["instance"]["t"] == pytest.approx(T)

    def test_precise_replay_only_on_suspicion(self, ctx):
        env = decay(ctx, False)
        ok = constant(env)
        assert Simulation(ok).run(Statement(sp.Le(Norm(y), Norm(y0) * sp.exp(-t))), ctx).outcome is Outcome.HOLDS
        assert ok.calls == [False]
        bad = constant(env)
        assert Simulation(bad).run(Statement(sp.Le(Norm(y), Norm(y0) * sp.exp(-3 * t))), ctx).outcome is Outcome.FAILS
        assert bad.calls == [False, True]

    def test_violation_absent_from_precise_replay_is_not_a_counterexample(self, ctx):
        def sim(ctx, precise):
            env = decay(ctx, precise)
            if not precise:             # the fast run overshoots by a relative 1e-5 (a sloppy integrator)
                env = dict(env, y=env["y"] * (1 + 1e-5))
            return env

        # a strict tolerance (the default, 1e-3, would not even flag this fast run): the replay decides,
        # and with no violation anywhere in the precise simulation the (true) bound holds
        r = Simulation(sim, rtol=1e-6).run(Statement(sp.Le(Norm(y), Norm(y0) * sp.exp(-2 * t))), ctx)
        assert r.outcome is Outcome.HOLDS
        assert "precise replay" in r.summary
        assert r.evidence["relative_margin"] < -1e-6
        assert r.evidence["relative_margin_precise"] >= -1e-6
        assert r.evidence["min_relative_margin_precise"] >= -1e-6
        # the same fast run against a false rate is still refuted
        r = Simulation(sim, rtol=1e-6).run(Statement(sp.Le(Norm(y), Norm(y0) * sp.exp(-3 * t))), ctx)
        assert r.outcome is Outcome.FAILS

    def test_precise_violation_elsewhere_leaves_the_check_undecided(self, ctx):
        tt = np.linspace(0.0, 1.0, 3).reshape(1, -1, 1)

        def sim(ctx, precise):         # fast: an artifact at t = 1; precise: that one gone, another at t = 0.5
            q = [1.0, 1.0 + 1e-3, 1.0] if precise else [1.0, 1.0, 1.5]
            return {"q": np.array(q).reshape(1, -1, 1), "y0": np.ones((1, 3, 1)), "t": tt}

        r = Simulation(sim, rtol=1e-6).run(Statement(sp.Le(q, y0)), ctx)
        assert r.outcome is Outcome.UNDECIDED

    def test_precise_replay_floors_roundoff_too(self, ctx):
        # the fast run is sloppy where the quantity has decayed (1e-10 against a bound of 1e-20): flagged;
        # the precise run has 1e-18 there, round-off relative to the instance's magnitude: not a counterexample
        tt = np.linspace(0.0, 1.0, 3).reshape(1, -1, 1)
        bound = np.array([2.0, 1.0, 1e-20]).reshape(1, -1, 1)

        def sim(ctx, precise):
            last = 1e-18 if precise else 1e-10
            return {"q": np.array([1.0, 0.5, last]).reshape(1, -1, 1), "y0": bound, "t": tt}

        r = Simulation(sim, rtol=1e-6).run(Statement(sp.Le(q, y0)), ctx)
        assert r.outcome is Outcome.HOLDS                 # round-off in the precise run decides nothing
        assert r.evidence["index"] == [0, 2, 0]
        assert r.evidence["relative_margin"] < -1e-6 <= r.evidence["relative_margin_precise"] <= 0

        # the same for an equation x = 0 whose natural magnitude (scale) is 1
        def zero(ctx, precise):
            return {"q": np.full((2, 3, 1), 1e-17 if precise else 1e-9), "s": np.ones((2, 1, 1))}

        r = Simulation(zero, scale="s", rtol=1e-12).run(Statement(sp.Eq(q, 0, evaluate=False)), ctx)
        assert r.outcome is Outcome.HOLDS
        assert r.evidence["relative_margin_precise"] == pytest.approx(-1e-17)

    def test_quantity_decayed_into_roundoff_is_not_a_violation(self, ctx):
        # the quantity reaches 1e-18, the bound 1e-20: a violation in absolute terms, round-off relative to
        # the instance's own magnitude (order 1 at t = 0)
        tt = np.linspace(0.0, 1.0, 7).reshape(1, -1, 1)
        quantity = np.array([1.0, 0.5, 1e-3, 1e-8, 1e-12, 1e-16, 1e-18]).reshape(1, -1, 1)
        bound = np.array([2.0, 1.0, 2e-3, 2e-8, 2e-12, 2e-16, 1e-20]).reshape(1, -1, 1)
        env = {"q": np.repeat(quantity, 3, axis=0), "y0": np.repeat(bound, 3, axis=0), "t": tt}
        r = Simulation(constant(env)).run(Statement(sp.Le(q, y0)), ctx)
        assert r.outcome is Outcome.HOLDS
        # the same shortfall at an order-one magnitude is a violation
        env2 = dict(env, y0=np.where(env["y0"] == 1e-20, 0.5, env["y0"]), q=np.where(env["q"] == 1e-18, 1.0, env["q"]))
        assert Simulation(constant(env2)).run(Statement(sp.Le(q, y0)), ctx).outcome is Outcome.FAILS

    def test_flow_at_moderate_decay_is_not_refuted(self, ctx):
        # the exact rate (equality) on a flow decayed by e^{-20}: integration error only
        r = Simulation(lambda c, p: decay(c, p, horizon=10.0, points=51, dim=3)).run(
            Statement(sp.Le(Norm(y), Norm(y0) * sp.exp(-2 * t))), ctx)
        assert r.outcome in (Outcome.HOLDS, Outcome.UNDECIDED)
    @pytest.mark.parametrize("start,horizon", [(1.0, 30.0), (1e-6, 20.0)])
    def test_flow_decayed_into_roundoff_is_not_refuted(self, ctx, start, horizon):
        def sim(ctx, precise):
            Y0 = np.full((1, 1), start)
            tt = np.linspace(0.0, horizon, 11)
            return {"y": batched_flow(lambda _, u: -2.0 * u, Y0, tt, precise), "y0": Y0[:, None, :],
                    "t": tt.reshape(1, -1, 1)}

        r = Simulation(sim).run(Statement(sp.Le(Norm(y), Norm(y0) * sp.exp(-2 * t))), ctx)
        assert r.outcome is not Outcome.FAILS

    def test_equation_zero_with_scale_is_roundoff(self, ctx):
        S, T = 4, 5
        rng = np.random.default_rng(3)
        x = 1e-17 * rng.standard_normal((S, T, 1))
        env = {"q": x, "s": np.ones((S, 1, 1))}
        st = Statement(sp.Eq(q, 0, evaluate=False))
        assert Simulation(constant(env), scale="s", rtol=1e-12).run(st, ctx).outcome is Outcome.HOLDS
        # without the natural magnitude, x = 0 with x = 1e-17 is 100% off: the scale is what decides
        r = Simulation(constant(env), rtol=1e-12).run(st, ctx)
        assert r.outcome is Outcome.FAILS
        # and with the scale, a value of order one is still a violation
        env_bad = dict(env, q=x + np.where(np.arange(T) == 2, 0.3, 0.0).reshape(1, T, 1))
        r = Simulation(constant(env_bad), scale="s", rtol=1e-12).run(st, ctx)
        assert r.outcome is Outcome.FAILS
        assert r.evidence["index"][1] == 2

    def test_relu_symmetric_init_jw_is_zero_with_scale(self, ctx):
        rng = np.random.default_rng(0)
        X = rng.standard_normal((7, 5))
        net = TwoLayerReLU.symmetric(rng, 6, 64, X)
        J = net.jac()
        w0 = net.W.reshape(6, 1, -1)
        J_0, w_0 = sp.symbols("J_0 w_0", real=True)
        env = {"J_0": J, "w_0": w0,
               "scale": (np.linalg.norm(J, ord=2, axis=(-2, -1)) * np.linalg.norm(w0, axis=(-2, -1)))[:, None, None]}
        st = Statement(sp.Eq(Norm(MatVec(J_0, w_0)), 0, evaluate=False))
        assert Simulation(constant(env), rtol=1e-12, scale="scale").run(st, ctx).outcome is Outcome.HOLDS
        # moving the neurons of a pair apart breaks the cancellation: J_0 w != 0
        env_bad = dict(env, w_0=env["w_0"] + 0.1 * rng.standard_normal(w0.shape))
        r = Simulation(constant(env_bad), rtol=1e-12, scale="scale").run(st, ctx)
        assert r.outcome is Outcome.FAILS

    @staticmethod
    def rates(ctx, precise):
        """y = e^{-k t} for k in {0.5, 1, 2, 3} (one instance each)."""
        ks = np.array([0.5, 1.0, 2.0, 3.0]).reshape(-1, 1, 1)
        tt = np.linspace(0.0, 4.0, 41).reshape(1, -1, 1)
        return {"y": np.exp(-ks * tt), "k": ks, "t": tt}

    def test_hypotheses_filter_instances(self, ctx):
        bound = sp.Le(y, sp.exp(-t))
        assert Simulation(self.rates).run(Statement(bound), ctx).outcome is Outcome.FAILS
        r = Simulation(self.rates).run(Statement(bound, assuming=[sp.Ge(k, 1)]), ctx)
        assert r.outcome is Outcome.HOLDS
        assert r.evidence["instances"] == 4 * 41
        assert r.evidence["hypotheses_held"] == 3 * 41

    def test_hypothesis_on_time_filters_entries(self, ctx):
        # for k = 0.5, y = e^{-t/2} <= 2 e^{-t} only while t <= 2 log 2
        bound = sp.Le(y, 2 * sp.exp(-t))
        assert Simulation(self.rates).run(Statement(bound), ctx).outcome is Outcome.FAILS
        r = Simulation(self.rates).run(Statement(bound, assuming=[sp.Le(t, 1.25)]), ctx)
        assert r.outcome is Outcome.HOLDS
        assert r.evidence["hypotheses_held"] == 4 * 13

    def test_hypotheses_never_satisfied_is_undecided(self, ctx):
        r = Simulation(self.rates).run(Statement(sp.Le(y, sp.exp(-t)), assuming=[sp.Ge(k, 10)]), ctx)
        assert r.outcome is Outcome.UNDECIDED
        assert r.evidence["hypotheses_held"] == 0

    def test_where_definitions_are_substituted(self, ctx):
        rate = sp.Symbol("rate", positive=True)
        st = Statement(sp.Le(y, sp.exp(-rate * t)), where={rate: k / 2})
        assert Simulation(self.rates).run(st, ctx).outcome is Outcome.HOLDS
        st = Statement(sp.Le(y, sp.exp(-rate * t)), where={rate: 2 * k})
        assert Simulation(self.rates).run(st, ctx).outcome is Outcome.FAILS

    def test_and_of_two_relations(self, ctx):
        sandwich = sp.And(sp.Le(y, sp.exp(-k * t / 2)), sp.Ge(y, sp.exp(-2 * k * t)))
        assert Simulation(self.rates).run(Statement(sandwich), ctx).outcome is Outcome.HOLDS
        # the upper half holds, the lower half is false: the conjunction fails
        wrong_lower = sp.And(sp.Le(y, sp.exp(-k * t / 2)), sp.Ge(y, sp.exp(-k * t / 2)))
        r = Simulation(self.rates).run(Statement(wrong_lower), ctx)
        assert r.outcome is Outcome.FAILS
        # the lower half holds, the upper half is false
        wrong_upper = sp.And(sp.Le(y, sp.exp(-2 * k * t)), sp.Ge(y, sp.exp(-2 * k * t)))
        assert Simulation(self.rates).run(Statement(wrong_upper), ctx).outcome is Outcome.FAILS

    def test_missing_value_is_an_error(self, ctx):
        with pytest.raises(KeyError, match="y0"):
            Simulation(self.rates).run(Statement(sp.Le(y, y0)), ctx)
    def test_overflow_does_not_hide_a_violation(self, ctx):
        env = {"q": np.array([3.0, 1.0, np.inf]).reshape(1, 3, 1)}
        with np.errstate(all="ignore"):
            r = Simulation(constant(env)).run(Statement(sp.Le(q, 2)), ctx)
        assert r.outcome is Outcome.FAILS
    def test_nan_is_not_reported_as_holding(self, ctx):
        env = {"q": np.array([1.0, np.nan]).reshape(1, 2, 1)}
        with np.errstate(all="ignore"):
            r = Simulation(constant(env)).run(Statement(sp.Le(q, 2)), ctx)
        assert r.outcome is not Outcome.HOLDS

    def test_entrywise_bound_violation_is_replayed(self, ctx):
        G, K = sp.symbols("G K", real=True)
        rng = np.random.default_rng(0)
        env = {"G": rng.standard_normal((4, 3, 3)), "K": np.zeros((1, 3, 3))}
        assert Simulation(constant(env)).run(Statement(sp.Le(MaxEntry(sp.Abs(G - K)), 10)), ctx).outcome \
            is Outcome.HOLDS
        r = Simulation(constant(env)).run(Statement(sp.Le(MaxEntry(sp.Abs(G - K)), 0.5)), ctx)
        assert r.outcome is Outcome.FAILS


# ---------------------------------------------------------------------------------------------
# relative_margin, precise_margin and the notation's numpy/mpmath evaluations
# ---------------------------------------------------------------------------------------------

def notation_env(S=3, n=4, seed=1):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((S, n, n))
    return {"A": a + np.swapaxes(a, -1, -2), "B": rng.standard_normal((S, n, n)),
            "v": rng.standard_normal((S, 1, n)), "w": rng.standard_normal((S, 1, n)),
            "c": rng.uniform(0.5, 2.0, (S, 1, 1))}


class TestNotation:
    def test_numpy_values(self):
        env = notation_env()
        a, b, vv, ww = env["A"], env["B"], env["v"], env["w"]
        np.testing.assert_allclose(array_value(Norm(v - w), env)[:, 0, 0], np.linalg.norm((vv - ww)[:, 0], axis=-1))
        np.testing.assert_allclose(array_value(OpNorm(B), env)[:, 0, 0], [np.linalg.svd(m)[1][0] for m in b])
        np.testing.assert_allclose(array_value(FrobNorm(B), env)[:, 0, 0], np.sqrt((b**2).sum(axis=(1, 2))))
        np.testing.assert_allclose(array_value(LambdaMin(A), env)[:, 0, 0], [np.linalg.eigvalsh(m)[0] for m in a])
        np.testing.assert_allclose(array_value(MaxEntry(B), env)[:, 0, 0], b.max(axis=(1, 2)))
        np.testing.assert_allclose(array_value(MatVec(B, v), env)[:, 0, :], np.einsum("sij,sj->si", b, vv[:, 0]))
        # reductions keep their axes, so every value has the environment's rank
        for expr in (Norm(v), OpNorm(B), FrobNorm(B), LambdaMin(A), MaxEntry(B)):
            assert array_value(expr, env).shape == (3, 1, 1)
        assert array_value(MatVec(B, v), env).shape == (3, 1, 4)

    def test_scalar_arguments_evaluate(self):
        assert Norm(sp.Integer(-3)) == 3
        assert OpNorm(sp.Integer(-2)) == 2
        assert LambdaMin(sp.Integer(5)) == 5
        assert MatVec(sp.Integer(2), sp.Integer(3)) == 6

    @pytest.mark.parametrize("expr", [
        Norm(v - w), Norm(v - c) * c, Norm(v) ** 2 + c, OpNorm(B), OpNorm(A - B), FrobNorm(B), LambdaMin(A),
        LambdaMin(A / 2 + c * A), MaxEntry(B), Norm(MatVec(B, v)),
        MaxEntry(sp.Abs(B - A)),
    ], ids=str)
    def test_precise_margin_agrees_with_float_margin(self, expr):
        env = notation_env()
        env["k"] = np.full((3, 1, 1), 0.7)
        rel = sp.Le(expr, sp.Symbol("k"))
        m = relative_margin(rel, env)
        assert m.shape == (3, 1, 1)
        for s in range(3):
            assert precise_margin(rel, env, (s, 0, 0), m.shape) == pytest.approx(m[s, 0, 0], rel=1e-10, abs=1e-12)

    def test_relative_margin_signs_and_equations(self):
        env = {"q": np.array([1.0, 2.0, 3.0]).reshape(1, 3, 1)}
        np.testing.assert_allclose(relative_margin(sp.Le(q, 2), env).ravel(), [1 / 3, 0, -1 / 5])
        np.testing.assert_allclose(relative_margin(sp.Ge(q, 2), env).ravel(), [-1 / 3, 0, 1 / 5])
        np.testing.assert_allclose(relative_margin(sp.Eq(q, 2), env).ravel(), [-1 / 3, 0, -1 / 5])
        # a floor (natural magnitude) shrinks the relative difference
        np.testing.assert_allclose(relative_margin(sp.Eq(q, 2), env, floor=np.full((1, 1, 1), 100.0)).ravel(),
                                   [-0.01, 0, -0.01])
        # And: the smaller margin of the two
        np.testing.assert_allclose(relative_margin(sp.And(sp.Le(q, 2), sp.Ge(q, 2)), env).ravel(), [-1 / 3, 0, -1 / 5])


# ---------------------------------------------------------------------------------------------
# OrderFit, loglog_fit
# ---------------------------------------------------------------------------------------------

x = sp.Symbol("x", positive=True)
Q = sp.Symbol("Q", positive=True)
BIG_O = Statement(sp.Eq(Q, sp.O(1 / x, (x, sp.oo))))


def power_law(power, noise=0.02):
    """Q = c_s x^power (c_s differs per seed) with small multiplicative noise; records its calls."""
    calls = []

    def simulate(ctx, variable, precise):
        calls.append((variable, precise))
        rng = ctx.rng("power law")
        S = ctx.budget.samples
        xs = np.array([2.0, 4.0, 8.0, 16.0, 32.0, 64.0])
        cs = rng.uniform(0.2, 5.0, S)
        return xs, cs[None, :] * xs[:, None] ** power * np.exp(noise * rng.standard_normal((len(xs), S)))

    simulate.calls = calls
    return simulate


class TestOrderFit:
    def test_right_rate_holds(self, ctx):
        sim = power_law(-1.0)
        r = OrderFit(sim).run(BIG_O, ctx)
        assert r.outcome is Outcome.HOLDS
        lo, hi = r.evidence["slope_interval"]
        assert lo <= -1.0 <= hi
        assert r.evidence["claimed_exponent"] == -1.0
        assert r.evidence["seeds_per_x"] == ctx.budget.samples
        assert sim.calls == [("x", False)]

    def test_simulator_receives_the_statements_variable(self, ctx):
        alpha = sp.Symbol("alpha", positive=True)
        sim = power_law(-1.0)
        r = OrderFit(sim).run(Statement(sp.Eq(Q, sp.O(1 / alpha, (alpha, sp.oo)), evaluate=False)), ctx)
        assert r.outcome is Outcome.HOLDS
        assert sim.calls == [("alpha", False)]
        assert r.evidence["variable"] == "alpha"

    def test_no_decay_fails(self, ctx):
        sim = power_law(0.0)
        r = OrderFit(sim).run(BIG_O, ctx)
        assert r.outcome is Outcome.FAILS
        assert r.evidence["replayed_precisely"] is True
        assert sim.calls == [("x", False), ("x", True)]
        assert r.evidence["slope"] == pytest.approx(0.0, abs=0.05)

    def test_slower_rate_fails(self, ctx):
        r = OrderFit(power_law(-0.5)).run(BIG_O, ctx)
        assert r.outcome is Outcome.FAILS
        assert r.evidence["slope_interval"][0] > -1.0 + r.evidence["slack"]

    def test_faster_rate_makes_an_upper_bound_loose(self, ctx):
        r = OrderFit(power_law(-2.0)).run(BIG_O, ctx)
        assert r.outcome is Outcome.LOOSE
        assert r.evidence["better_than_claimed"] is True
        assert "better than claimed (x**(-1.99" in r.summary or "better than claimed (x**(-2" in r.summary

    @pytest.mark.parametrize("stated", ["~", "Theta"])
    def test_exact_order_refuted_by_another_order(self, ctx, stated):
        assert OrderFit(power_law(-1.0), stated=stated).run(BIG_O, ctx).outcome is Outcome.HOLDS
        assert OrderFit(power_law(-2.0), stated=stated).run(BIG_O, ctx).outcome is Outcome.FAILS
        assert OrderFit(power_law(-0.5), stated=stated).run(BIG_O, ctx).outcome is Outcome.FAILS

    def test_a_rate_the_note_does_not_state_is_never_loose(self, ctx):
        r = OrderFit(power_law(-2.0), rate_stated=False).run(BIG_O, ctx)
        assert r.outcome is Outcome.HOLDS and r.evidence["better_than_claimed"] is True
        assert OrderFit(power_law(0.0), rate_stated=False).run(BIG_O, ctx).outcome is Outcome.FAILS
        with pytest.raises(ValueError, match="field rate_stated"):
            OrderFit(power_law(-1.0), stated="~", rate_stated=False)

    def test_unknown_order_symbol_is_refused(self):
        with pytest.raises(ValueError, match="field stated"):
            OrderFit(power_law(-1.0), stated="o")

    def test_within_slack_of_the_rate_is_not_refuted(self, ctx):
        assert OrderFit(power_law(-0.9)).run(BIG_O, ctx).outcome is Outcome.HOLDS
        assert OrderFit(power_law(-0.85, noise=0.2)).run(BIG_O, ctx).outcome is Outcome.UNDECIDED

    def test_failure_that_vanishes_in_precise_replay_is_undecided(self, ctx):
        def sim(ctx, variable, precise):
            return power_law(-1.0 if precise else 0.0)(ctx, variable, precise)

        assert OrderFit(sim).run(BIG_O, ctx).outcome is Outcome.UNDECIDED

    def test_small_x_limit(self, ctx):
        # Q = O(x) as x -> 0 needs slope >= 1
        st = Statement(sp.Eq(Q, sp.O(x, (x, 0)), evaluate=False))
        assert OrderFit(power_law(1.0)).run(st, ctx).outcome is Outcome.HOLDS
        assert OrderFit(power_law(2.0)).run(st, ctx).outcome is Outcome.LOOSE
        assert OrderFit(power_law(0.5)).run(st, ctx).outcome is Outcome.FAILS

    def test_statement_without_order_is_rejected(self, ctx):
        with pytest.raises(TypeError):
            OrderFit(power_law(-1.0)).run(Statement(sp.Eq(Q, 1 / x, evaluate=False)), ctx)


class TestLoglogFit:
    def test_noiseless_recovers_slope_exactly(self):
        xs = np.array([1.0, 2.0, 4.0, 8.0, 16.0])
        cs = np.array([0.01, 1.0, 300.0])          # very different intercepts: one per seed
        slope, lo, hi = loglog_fit(xs, cs[None, :] * xs[:, None] ** -1.5, 0.999)
        assert slope == pytest.approx(-1.5, abs=1e-12)
        assert lo <= -1.5 <= hi
        assert hi - lo < 1e-9

    def test_noisy_interval_contains_slope(self):
        rng = np.random.default_rng(7)
        xs = np.geomspace(1, 100, 8)
        ys = 2.0 * xs[:, None] ** 0.7 * np.exp(0.1 * rng.standard_normal((8, 20)))
        slope, lo, hi = loglog_fit(xs, ys, 0.99)
        assert lo < 0.7 < hi
        assert lo < slope < hi
        assert hi - lo < 0.1
        # a higher confidence gives a wider interval around the same slope
        slope2, lo2, hi2 = loglog_fit(xs, ys, 0.9999)
        assert slope2 == slope and lo2 < lo and hi2 > hi

    def test_single_seed(self):
        xs = np.array([1.0, 10.0, 100.0])
        slope, lo, hi = loglog_fit(xs, 5 * xs**2, 0.95)
        assert slope == pytest.approx(2.0) and hi - lo < 1e-9


# ---------------------------------------------------------------------------------------------
# Probability, clopper_pearson
# ---------------------------------------------------------------------------------------------

X, r_, delta = sp.Symbol("X", real=True), sp.Symbol("r", positive=True), sp.Symbol("delta", positive=True)
NORM_BOUND = Statement(sp.Ge(Prob(sp.Le(Norm(X), r_)), 1 - delta))


def normal_draws(quantile, dim=3, delta_value=0.1):
    """Standard normal vectors (trials on axis 0) and r the given quantile of their norm (chi, dim dof)."""
    calls = []

    def simulate(ctx, trials, precise):
        calls.append((trials, precise))
        rng = ctx.rng("normal draws")
        return {"X": rng.standard_normal((trials, dim)), "r": np.full((1, 1), stats.chi.ppf(quantile, dim)),
                "delta": np.full((1, 1), delta_value)}

    simulate.calls = calls
    return simulate


class TestProbability:
    def test_high_quantile_holds(self, ctx):
        sim = normal_draws(0.999)
        res = Probability(sim).run(NORM_BOUND, ctx)
        assert res.outcome is Outcome.HOLDS
        assert res.evidence["trials"] == ctx.budget.trials
        assert res.evidence["required_probability"] == pytest.approx(0.9)
        assert res.evidence["interval"][0] >= 0.9
        assert sim.calls == [(ctx.budget.trials, False)]

    def test_median_fails(self, ctx):
        sim = normal_draws(0.5)
        res = Probability(sim).run(NORM_BOUND, ctx)
        assert res.outcome is Outcome.FAILS
        lo, hi = res.evidence["interval"]
        assert hi < 0.9 and lo < 0.5 < hi
        assert res.evidence["replay_interval"][1] < 0.9
        assert sim.calls == [(ctx.budget.trials, False), (ctx.budget.trials, True)]

    def test_close_to_the_level_with_few_trials_is_undecided(self, ctx):
        # the true probability 0.88 is below 1 - delta = 0.9, but 400 trials cannot tell at confidence 0.999
        res = Probability(normal_draws(0.88)).run(NORM_BOUND, ctx)
        assert res.outcome is Outcome.UNDECIDED
        lo, hi = res.evidence["interval"]
        assert lo < 0.9 < hi
        few = Context(seed=0, claim_id="test", budget=Budget("few", samples=4, trials=60, examples=10,
                                                              confidence=0.999, points=4))
        # with 60 trials even the 99.9% quantile cannot support 0.9 (the interval's lower end is 0.88)
        assert Probability(normal_draws(0.999)).run(NORM_BOUND, few).outcome is Outcome.UNDECIDED

    def test_near_ties_count_for_the_statement_in_the_replay(self, ctx):
        # every draw sits a relative 1e-7 above the radius: a shortfall at the first count (tolerance 1e-9),
        # a tie in the replay (tolerance 1e-6), so never a refutation
        def sim(ctx, trials, precise):
            rng = ctx.rng("ties")
            u = rng.standard_normal((trials, 3))
            return {"X": u / np.linalg.norm(u, axis=1, keepdims=True) * (1 + 1e-7), "r": np.ones((1, 1)),
                    "delta": np.full((1, 1), 0.1)}

        res = Probability(sim).run(NORM_BOUND, ctx)
        assert res.evidence["event_held"] == 0
        assert res.evidence["replay_event_held"] == ctx.budget.trials
        assert res.outcome is Outcome.UNDECIDED

    def test_hypotheses_select_trials(self, ctx):
        def sim(ctx, trials, precise):
            return {"X": ctx.rng("scalar").standard_normal((trials, 1)), "r": np.zeros((1, 1)),
                    "delta": np.full((1, 1), 0.1)}

        event = sp.Ge(Prob(sp.Le(X, r_)), 1 - delta)
        assert Probability(sim).run(Statement(event), ctx).outcome is Outcome.FAILS      # Pr[X <= 0] = 1/2
        res = Probability(sim).run(Statement(event, assuming=[sp.Lt(X, 0)]), ctx)
        assert res.outcome is Outcome.HOLDS
        assert res.evidence["trials"] == res.evidence["event_held"] < ctx.budget.trials

    def test_numeric_level(self, ctx):
        st = Statement(sp.Ge(Prob(sp.Le(Norm(X), r_)), sp.Float(0.9)))
        assert Probability(normal_draws(0.999)).run(st, ctx).outcome is Outcome.HOLDS
        assert Probability(normal_draws(0.5)).run(st, ctx).outcome is Outcome.FAILS

    def test_event_over_several_entries_must_hold_at_all(self, ctx):
        # |X_i| <= r for each of 3 coordinates with r the 95% quantile of |N(0,1)|: Pr = 0.95^3 = 0.857
        def sim(ctx, trials, precise):
            rng = ctx.rng("entries")
            return {"X": rng.standard_normal((trials, 3)), "r": np.full((1, 1), stats.norm.ppf(0.975)),
                    "delta": np.full((1, 1), 0.05)}

        per_entry = Statement(sp.Ge(Prob(sp.Le(sp.Abs(X), r_)), 1 - delta))
        res = Probability(sim).run(per_entry, Context(seed=0, claim_id="test", budget=Budget.named("standard")))
        assert res.outcome is Outcome.FAILS
        assert res.evidence["event_held"] / res.evidence["trials"] == pytest.approx(0.95**3, abs=0.03)

    def test_not_a_probability_statement_is_rejected(self, ctx):
        with pytest.raises(TypeError):
            Probability(normal_draws(0.5)).run(Statement(sp.Le(Norm(X), r_)), ctx)


class TestClopperPearson:
    def test_no_successes(self):
        lo, hi = clopper_pearson(0, 50, 0.95)
        assert lo == 0.0
        assert hi == pytest.approx(1 - 0.025 ** (1 / 50), rel=1e-12)

    def test_all_successes(self):
        lo, hi = clopper_pearson(50, 50, 0.95)
        assert hi == 1.0
        assert lo == pytest.approx(0.025 ** (1 / 50), rel=1e-12)

    @pytest.mark.parametrize("k,n,conf", [(3, 10, 0.95), (37, 100, 0.999), (1, 400, 0.99), (399, 400, 0.9)])
    def test_matches_scipy_exact_interval(self, k, n, conf):
        ci = stats.binomtest(k, n).proportion_ci(confidence_level=conf, method="exact")
        lo, hi = clopper_pearson(k, n, conf)
        assert lo == pytest.approx(ci.low, rel=1e-9)
        assert hi == pytest.approx(ci.high, rel=1e-9)

    def test_known_value(self):
        # a textbook value: 3 of 10 at 95% is [0.0667, 0.6525]
        lo, hi = clopper_pearson(3, 10, 0.95)
        assert lo == pytest.approx(0.06674, abs=1e-5) and hi == pytest.approx(0.65245, abs=1e-5)


# ---------------------------------------------------------------------------------------------
# MonteCarlo
# ---------------------------------------------------------------------------------------------

def normal_samples(ctx, draws, precise):
    rng = ctx.rng("normal samples", str(precise))
    return {"X": rng.standard_normal((draws, 1))}


class TestMonteCarlo:
    def test_second_moment_holds(self, standard):
        res = MonteCarlo(normal_samples).run(Statement(sp.Eq(X**2, 1)), standard)
        assert res.outcome is Outcome.HOLDS
        assert res.evidence["draws"] == standard.budget.trials
        assert res.evidence["estimate"][0] == pytest.approx(1.0, abs=0.15)
        assert res.evidence["max_abs_z"] <= res.evidence["critical_z"]

    def test_wrong_constant_fails(self, standard):
        res = MonteCarlo(normal_samples).run(Statement(sp.Eq(X**2, sp.Rational(6, 5))), standard)
        assert res.outcome is Outcome.FAILS
        replay = res.evidence["replay_with_4x_draws"]
        assert replay["draws"] == 4 * standard.budget.trials
        assert replay["max_abs_z"] > replay["critical_z"]

    def test_disagreement_that_vanishes_on_replay_is_undecided(self, standard):
        def sample(ctx, draws, precise):
            env = normal_samples(ctx, draws, precise)
            return env if precise else {"X": env["X"] * 1.2}

        assert MonteCarlo(sample).run(Statement(sp.Eq(X**2, 1)), standard).outcome is Outcome.UNDECIDED

    def test_first_moment_of_a_vector(self, standard):
        # E[X] = (0, 1, -2) entrywise; a wrong entry fails
        mean = np.array([0.0, 1.0, -2.0])
        M = sp.Symbol("M", real=True)

        def sample(ctx, draws, precise):
            rng = ctx.rng("vector", str(precise))
            return {"X": mean + rng.standard_normal((draws, 3)), "M": mean[None]}

        assert MonteCarlo(sample).run(Statement(sp.Eq(X, M)), standard).outcome is Outcome.HOLDS
        assert MonteCarlo(sample).run(Statement(sp.Eq(X, M + 0.3)), standard).outcome is Outcome.FAILS

    @staticmethod
    def relu_grams(ctx, draws, precise, width=256):
        rng = ctx.rng("relu gram", str(precise))
        X_ = np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.0, 0.6, 0.8], [-0.5, 0.5, 0.0]])
        return {"G": relu_gram(rng.standard_normal((draws, width, 3)), X_), "K": relu_ntk(X_)[None],
                "m": np.full((1, 1, 1), float(width))}

    def test_relu_gram_average_is_the_arccos_kernel(self, ctx):
        G, K, m = sp.symbols("G K m", positive=True)
        res = MonteCarlo(self.relu_grams).run(Statement(sp.Eq(G / m, K)), ctx)
        assert res.outcome is Outcome.HOLDS
        assert len(res.evidence["estimate"]) == 16

    def test_relu_gram_with_wrong_normalisation_fails(self, ctx):
        # the plain inner-product kernel x_i.x_j (no arccos factor) is not the limit
        G, m = sp.symbols("G m", positive=True)
        XXt = sp.Symbol("XXt", real=True)

        def sample(ctx, draws, precise):
            env = self.relu_grams(ctx, draws, precise)
            X_ = np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.0, 0.6, 0.8], [-0.5, 0.5, 0.0]])
            return dict(env, XXt=(X_ @ X_.T / 2)[None])

        assert MonteCarlo(sample).run(Statement(sp.Eq(G / m, XXt)), ctx).outcome is Outcome.FAILS

    def test_inequality_is_rejected(self, ctx):
        with pytest.raises(TypeError):
            MonteCarlo(normal_samples).run(Statement(sp.Le(X**2, 1)), ctx)


def test_untestable_is_undecided_with_its_reason():
    from verify.checks.untestable import Untestable
    r = Untestable("a cryptographic hardness assumption").run(Statement(sp.Le(q, 2)), Context(claim_id="t"))
    assert r.outcome is Outcome.UNDECIDED and "cryptographic" in r.summary


def test_lambert_w_evaluates_in_simulations():
    env = {"x": np.array([0.0, 1.0, np.e]).reshape(1, 3, 1)}
    assert Simulation(constant(env)).run(Statement(sp.Le(sp.LambertW(sp.Symbol("x", real=True)), 1)), Context(claim_id="t")).outcome is Outcome.HOLDS
    assert Simulation(constant(env)).run(Statement(sp.Le(sp.LambertW(sp.Symbol("x", real=True)), sp.Rational(1, 2))), Context(claim_id="t")).outcome is Outcome.FAILS


def test_hypotheses_known_true_are_dropped_and_false_ones_rejected():
    mu = sp.Symbol("mu", positive=True)
    st = Statement(sp.Le(q, 2), assuming=[sp.Gt(mu, 0)])
    assert st.hypotheses == ()
    with pytest.raises(ValueError, match="false"):
        Statement(sp.Le(q, 2), assuming=[sp.Lt(mu, 0)]).hypotheses          # noqa: B018 (the access raises)


def test_hypothesis_holding_with_equality_is_kept():
    env = {"q": np.array([1.0, 3.0]).reshape(1, 2, 1), "p": np.array([0.1 + 0.2, 0.3]).reshape(1, 2, 1)}
    p = sp.Symbol("p", real=True)
    # p <= 0.3 holds with equality up to round-off at both points: both instances count, and q <= 2 fails at the second
    r = Simulation(constant(env)).run(Statement(sp.Le(q, 2), assuming=[sp.Le(p, sp.Float(0.3))]), Context(claim_id="t"))
    assert r.evidence["hypotheses_held"] == 2 and r.outcome is Outcome.FAILS


def test_order_fit_accounts_for_log_factors():
    """Q = log(x)/x^2 is O(log(x)/x^2) exactly, but not O(1/x^2)."""
    x = sp.Symbol("x", positive=True)

    def sim(ctx, var, precise):
        xs = np.array([4.0, 8.0, 16.0, 32.0, 64.0])
        return xs, (np.log(xs) / xs**2)[:, None] * np.array([1.0, 2.0, 3.0])

    ctx = Context(claim_id="t")
    with_log = OrderFit(sim).run(Statement(sp.Eq(q, sp.O(sp.log(x) / x**2, (x, sp.oo)))), ctx)
    assert with_log.outcome is Outcome.HOLDS
    without = OrderFit(sim).run(Statement(sp.Eq(q, sp.O(1 / x**2, (x, sp.oo)))), ctx)
    assert without.outcome is not Outcome.HOLDS


def test_default_tolerance_ignores_fast_integration_error_but_not_a_wrong_constant(ctx):
    """The default rtol (1e-3) sits above the fast ODE mode's accuracy and far below any wrong constant."""
    env = {"q": np.array([1.0, 0.5, 1e-10]).reshape(1, -1, 1), "y0": np.array([2.0, 1.0, 1e-20]).reshape(1, -1, 1)}
    assert Simulation(constant(env)).run(Statement(sp.Le(q, y0)), ctx).outcome is Outcome.HOLDS
    off = {"q": np.array([1.0, 0.5, 0.3]).reshape(1, -1, 1), "y0": np.array([2.0, 1.0, 0.3 / 1.01]).reshape(1, -1, 1)}
    assert Simulation(constant(off)).run(Statement(sp.Le(q, y0)), ctx).outcome is Outcome.FAILS


def test_precise_margin_when_a_symbol_cancels_between_the_sides():
    # found by mutation testing: sigma - L x >= sigma has sigma on both sides, cancelling in the difference
    sig, L_, x_ = sp.symbols("sigma L x", positive=True)
    rel = sp.Ge(sig - L_ * x_, sig, evaluate=False)
    env = {"sigma": np.array([2.0]), "L": np.array([1.0]), "x": np.array([0.5])}
    assert precise_margin(rel, env, (0,), (1,)) < 0


def test_order_fit_decides_an_explicit_left_hand_side_symbolically():
    # found by mutation testing: "alpha written for D_sup" gave Eq(alpha, O(1/alpha)), which the fit never read
    a = sp.Symbol("alpha", positive=True)
    never = OrderFit(lambda ctx, var, precise: (_ for _ in ()).throw(AssertionError("not simulated")))
    bad = never.run(Statement(sp.Eq(a, sp.O(1 / a, (a, sp.oo)), evaluate=False)), Context())
    assert bad.outcome is Outcome.FAILS and "explicit function of alpha" in bad.summary
    good = never.run(Statement(sp.Eq(1 / a**2, sp.O(1 / a, (a, sp.oo)), evaluate=False)), Context())
    assert good.outcome is Outcome.HOLDS
    with pytest.raises(TypeError, match="one symbol"):
        never.run(Statement(sp.Eq(2 * sp.Symbol("Q", positive=True) * sp.Symbol("R", positive=True),
                                  sp.O(1 / a, (a, sp.oo)), evaluate=False)), Context())
