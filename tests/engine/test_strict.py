"""Strict inequalities at equality: a numeric check counts near-ties as holding (no false alarms), so a
strict inequality whose sides are exactly equal at a valid instance must still FAIL (the precise replay
finds the sides equal at 50 and at 100 digits), while a true, tiny difference, or one float rounds to zero,
never refutes it; non-strict relations are unchanged."""
from __future__ import annotations

import numpy as np
import sympy as sp

from verify.checks.numeric import Simulation, sides_exactly_equal
from verify.core.model import Context, Outcome, Statement
from verify.core.notation import Norm

x, a, b, u = sp.symbols("x a b u", real=True)
g = sp.Symbol("g", real=True)


def ctx():
    return Context(seed=0, claim_id="test")


def constant(fast, precise=None):
    def simulate(_, is_precise):
        return precise if (is_precise and precise is not None) else fast
    return simulate


def run(conclusion, simulate, hypotheses=(), **kw):
    return Simulation(simulate, **kw).run(Statement(conclusion, assuming=tuple(hypotheses)), ctx())


def test_strict_inequality_fails_where_the_value_is_exactly_zero():
    env = {"x": np.array([1.0, 0.5, 0.0, 2.0])}
    r = run(sp.Gt(x, 0), constant(env))
    assert r.outcome is Outcome.FAILS, r.summary
    assert r.evidence["index"] == [2]
    assert r.evidence["strict_equality"]["relative_difference"] == [0.0, 0.0]
    assert "exactly equal" in r.summary


def test_strict_less_than_fails_at_equal_sides():
    env = {"a": np.array([1.0, 3.0]), "b": np.array([2.0, 3.0])}
    assert run(sp.Lt(a, b), constant(env)).outcome is Outcome.FAILS


def test_zero_gradient_norm_fails_a_strict_bound():
    grad = np.zeros((3, 1, 4))
    grad[0, 0] = [1.0, 2.0, 0.0, 0.0]
    grad[2, 0] = [0.5, 0.0, 0.0, 1.0]
    r = run(sp.Gt(Norm(g), 0), constant({"g": grad}))
    assert r.outcome is Outcome.FAILS, r.summary
    assert r.evidence["index"][0] == 1


def test_tiny_true_positive_does_not_fail():
    env = {"x": np.array([1.0, 1e-30, 2.0])}
    r = run(sp.Gt(x, 0), constant(env))
    assert r.outcome is Outcome.HOLDS, r.summary


def test_non_strict_relation_holds_at_equality():
    env = {"x": np.array([1.0, 0.0, 2.0])}
    assert run(sp.Ge(x, 0), constant(env)).outcome is Outcome.HOLDS


def test_float_zero_with_a_tiny_positive_precise_value_does_not_fail():
    # the fast simulation rounds the value to 0; the precise one resolves it (1e-30)
    fast = {"x": np.array([1.0, 0.0])}
    precise = {"x": np.array([1.0, 1e-30])}
    assert run(sp.Gt(x, 0), constant(fast, precise)).outcome is Outcome.HOLDS


def test_cancellation_float_rounds_to_zero_is_not_a_counterexample():
    # (a + b) - a is 0 in float64 but 1e-30 > 0 exactly: mpmath at 50 digits sees it
    env = {"a": np.array([1.0, 1.0]), "b": np.array([1.0, 1e-30])}
    assert run(sp.Gt((a + b) - a, 0), constant(env)).outcome is Outcome.HOLDS


def test_violation_needs_the_hypotheses_at_the_instance():
    env = {"x": np.array([1.0, 0.0, 2.0]), "u": np.array([1.0, -1.0, 1.0])}
    assert run(sp.Gt(x, 0), constant(env), hypotheses=[sp.Gt(u, 0)]).outcome is Outcome.HOLDS


def test_equality_decided_by_precision_not_by_a_stable_tiny_value():
    # exp(-u) at u = 1000 is ~1e-435: tiny relative to the input but the same at both precisions
    env = {"u": np.array([1.0, 1000.0])}
    assert sides_exactly_equal(sp.Gt(sp.exp(-u), 0, evaluate=False), env, (1,), (2,)) is None
    zero = {"u": np.array([0.0, 0.0])}
    assert sides_exactly_equal(sp.Gt(u, 0), zero, (1,), (2,)) is not None
    assert run(sp.Gt(sp.exp(-u), 0, evaluate=False), constant(env)).outcome is Outcome.HOLDS


def test_conjunction_with_a_strict_part_fails_at_its_tie():
    env = {"x": np.array([1.0, 0.0])}
    assert run(sp.And(sp.Ge(x, 0), sp.Lt(x, 2)), constant(env)).outcome is Outcome.HOLDS
    assert run(sp.And(sp.Gt(x, 0), sp.Lt(x, 2)), constant(env)).outcome is Outcome.FAILS


def test_singular_gram_matrix_fails_a_strictly_positive_smallest_eigenvalue():
    from verify.core.notation import LambdaMin
    G = sp.Symbol("G")
    env = {"G": np.array([[[1.0, 1.0], [1.0, 1.0]], [[2.0, 1.0], [1.0, 2.0]]])}     # parallel inputs: singular
    r = run(sp.Gt(LambdaMin(G), 0), constant(env))
    assert r.outcome is Outcome.FAILS, r.summary
    assert r.evidence["index"][0] == 0
    env = {"G": env["G"][1:]}
    assert run(sp.Gt(LambdaMin(G), 0), constant(env)).outcome is Outcome.HOLDS


def test_a_strict_hypothesis_at_equality_does_not_make_the_instance_valid():
    # x * u > 0 assuming u > 0: at u = 0 (the hypothesis' boundary, counted as held) the sides are equal,
    # but u = 0 is not an instance of the statement
    env = {"x": np.array([1.0, 1.0]), "u": np.array([1.0, 0.0])}
    assert run(sp.Gt(x * u, 0), constant(env), hypotheses=[sp.Gt(u, 0)]).outcome is Outcome.HOLDS
    assert run(sp.Gt(x * u, 0), constant(env), hypotheses=[sp.Ge(u, 0)]).outcome is Outcome.FAILS


def _draws(values):
    def simulate(ctx, trials, precise):
        rng = ctx.rng("strict draws")
        return {"x": rng.choice(np.asarray(values, dtype=float), size=(trials, 1))}
    return simulate


def test_probability_of_a_strict_event_does_not_count_exact_ties():
    from verify.checks.numeric import Probability
    from verify.core.model import Budget
    from verify.core.notation import Prob
    c = Context(seed=0, claim_id="test", budget=Budget.named("standard"))
    # x = 1 exactly in every trial: Pr(x < 1) = 0, Pr(x <= 1) = 1
    assert Probability(_draws([1.0])).run(Statement(sp.Ge(Prob(sp.Lt(x, 1)), sp.Rational(1, 2))), c).outcome \
        is Outcome.FAILS
    assert Probability(_draws([1.0])).run(Statement(sp.Ge(Prob(sp.Le(x, 1)), sp.Rational(1, 2))), c).outcome \
        is Outcome.HOLDS
    # a value just below 1 (1 - 1e-12 is not a tie at 50 digits): the strict event holds
    assert Probability(_draws([1.0 - 1e-12])).run(Statement(sp.Ge(Prob(sp.Lt(x, 1)), sp.Rational(1, 2))), c).outcome \
        is Outcome.HOLDS
