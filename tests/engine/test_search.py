"""Unit tests for the counterexample search: determinism, shrinking, confirmation at high precision,
hypotheses, and the domains values are drawn from."""
from __future__ import annotations

import math

import numpy as np
import sympy as sp
from hypothesis import HealthCheck, given, settings

from verify.checks.search import (Domain, SearchStats, confirmed_negative, default_domain, domains_for, find_counterexample,
                           high_precision, replay_text)

EXAMPLES = 150  # the quick budget

x, y = sp.symbols("x y", real=True)
a, b = sp.symbols("a b", positive=True)

fast = settings(max_examples=60, database=None, deadline=None, suppress_health_check=list(HealthCheck))


# ---------------------------------------------------------------------------------------------
# find_counterexample
# ---------------------------------------------------------------------------------------------

class TestFindCounterexample:
    def test_a_narrow_region_the_hypotheses_allow_is_swept_around_the_points_in_it(self):
        # |x + y - 1| <= 0.05 holds on a thin band of [-100, 100]^2: the random sweep puts a handful of its
        # points there (about 0.05%), the second sweep, around them, thousands; the statement holds on it
        band = [sp.Le(sp.Abs(x + y - 1), sp.Rational(1, 20))]
        doms = {x: Domain(-100, 100), y: Domain(-100, 100)}
        stats = SearchStats()
        first = 100 * EXAMPLES
        found = find_counterexample([x, y], doms, confirmed_negative(250 - (x - y), band), 3, EXAMPLES, stats)
        assert found is None
        assert stats.swept == 2 * first
        assert stats.swept_valid > first // 40           # the first sweep alone: about 8

    def test_same_seed_same_counterexample(self):
        doms = domains_for([a, b])
        pred = confirmed_negative(a + b - a * b)
        first = find_counterexample([a, b], doms, pred, 1234, EXAMPLES)
        second = find_counterexample([a, b], doms, pred, 1234, EXAMPLES)
        assert first is not None
        assert first == second

    def test_symbol_order_does_not_matter(self):
        doms = domains_for([a, b])
        pred = confirmed_negative(a + b - a * b)
        assert find_counterexample([a, b], doms, pred, 5, EXAMPLES) == find_counterexample([b, a], doms, pred, 5, EXAMPLES)

    def test_shrinks_to_simple_values(self):
        found = find_counterexample([x], {x: Domain(0, 100)}, lambda v: v[x] > 10.5, 0, EXAMPLES)
        assert found == {x: 11.0}

    def test_shrinks_log_domain_to_simple_values(self):
        found = find_counterexample([a, b], domains_for([a, b]), confirmed_negative(a + b - a * b), 0, EXAMPLES)
        assert found is not None
        assert all(float(v).is_integer() for v in found.values())
        assert found[a] + found[b] - found[a] * found[b] < 0

    def test_keys_are_the_symbols(self):
        found = find_counterexample([x, y], {x: Domain(-1, 1), y: Domain(-1, 1)}, lambda v: v[x] + v[y] > 1, 0, EXAMPLES)
        assert found is not None
        assert set(found) == {x, y}
        assert found[x] + found[y] > 1

    def test_none_when_never_violated(self):
        assert find_counterexample([x], {x: Domain(-100, 100)}, lambda v: False, 0, EXAMPLES) is None
        assert find_counterexample([x], {x: Domain(-100, 100)}, confirmed_negative(x ** 2 + 1), 0, EXAMPLES) is None

    def test_none_for_true_inequality_on_its_domain(self):
        assert find_counterexample([x], {x: Domain(0, 1)}, confirmed_negative(1 - x), 0, EXAMPLES) is None
        assert find_counterexample([x], {x: Domain(0, 2)}, confirmed_negative(1 - x), 0, EXAMPLES) is not None

    def test_arithmetic_errors_count_as_no_violation(self):
        def boom(v):
            return 1 / (v[x] - v[x]) > 0
        assert find_counterexample([x], {x: Domain(0, 100)}, boom, 0, 30) is None

    def test_no_symbols(self):
        assert find_counterexample([], {}, lambda v: True, 0, 5) == {}
        assert find_counterexample([], {}, lambda v: False, 0, 5) is None


# ---------------------------------------------------------------------------------------------
# confirmed_negative
# ---------------------------------------------------------------------------------------------

N = 10 ** 8
# exactly zero, but float evaluation of the expanded square loses the low-order terms
CANCEL = (x + N) ** 2 - N ** 2 - 2 * N * x - x ** 2
GRID = [0.1 + 0.01 * i for i in range(80)]


class TestConfirmedNegative:
    def test_true_negative_is_confirmed(self):
        pred = confirmed_negative(1 - x)
        assert pred({x: 2.0}) is True
        assert pred({x: 0.5}) is False

    def test_cancellation_is_a_float_negative_but_exactly_zero(self):
        # sanity: the construction really produces float "violations"
        f = sp.lambdify([x], CANCEL, modules="mpmath")
        negatives = [v for v in GRID if f(v) < 0]
        assert negatives
        assert all(high_precision(CANCEL, {x: v}) == 0 for v in negatives)

    def test_float_only_violation_is_not_confirmed_even_without_tolerance(self):
        f = sp.lambdify([x], CANCEL, modules="mpmath")
        negatives = [v for v in GRID if f(v) < 0]
        pred = confirmed_negative(CANCEL, tol=0)
        assert negatives and not any(pred({x: v}) for v in negatives)

    def test_float_only_violation_is_not_reported_by_search(self):
        # the factor y keeps the expression a single term, so the relative tolerance does not mask
        # the float violation: only the 50-digit confirmation rejects it
        expr = y * CANCEL
        f = sp.lambdify([x, y], expr, modules="mpmath")
        assert any(f(v, 1.0) < -1e-3 for v in GRID)
        doms = {x: Domain(0.1, 0.9), y: Domain(1, 10)}
        assert find_counterexample([x, y], doms, confirmed_negative(expr), 0, EXAMPLES) is None
        assert find_counterexample([x], {x: Domain(0.1, 0.9)}, confirmed_negative(CANCEL, tol=0), 0, EXAMPLES) is None

    def test_round_off_at_equality_is_not_a_violation(self):
        pred = confirmed_negative((a + b) ** 2 - 4 * a * b)
        for v in (0.1, 1 / 3, 7.3, 123.456):
            assert pred({a: v, b: v}) is False

    def test_small_but_real_violation_is_confirmed(self):
        # 1e-6 below zero is far beyond round-off
        pred = confirmed_negative(x - sp.Rational(1, 10 ** 6))
        assert pred({x: 0.0}) is True
    def test_violation_small_in_absolute_terms_is_confirmed(self):
        e = sp.Symbol("epsilon", positive=True)
        margin = sp.log(1 + e) - e
        assert high_precision(margin, {e: 1e-5}) < -4e-11
        assert confirmed_negative(margin)({e: 1e-5}) is True
        assert find_counterexample([e], {e: Domain(1e-6, 1e-5, log=True)}, confirmed_negative(margin), 0, EXAMPLES)

    def test_hypotheses_filter_candidates(self):
        # 1 - x < 0 needs x > 1, excluded by x <= 1/2
        pred = confirmed_negative(1 - x, [sp.Le(x, sp.Rational(1, 2))])
        assert pred({x: 2.0}) is False
        assert find_counterexample([x], {x: Domain(-100, 100)}, pred, 0, EXAMPLES) is None
        # without the hypothesis there is one
        assert find_counterexample([x], {x: Domain(-100, 100)}, confirmed_negative(1 - x), 0, EXAMPLES) is not None

    def test_counterexample_satisfies_the_hypotheses(self):
        pred = confirmed_negative(1 - x, [sp.Ge(x, 50)])
        found = find_counterexample([x], {x: Domain(-100, 100)}, pred, 0, EXAMPLES)
        assert found is not None and found[x] >= 50

    def test_non_real_values_are_not_violations(self):
        pred = confirmed_negative(sp.sqrt(x) - 1)
        assert pred({x: -4.0}) is False
        assert pred({x: 0.25}) is True


# ---------------------------------------------------------------------------------------------
# high_precision
# ---------------------------------------------------------------------------------------------

class TestHighPrecision:
    def test_none_for_complex_and_infinite(self):
        assert high_precision(sp.sqrt(x), {x: -1.0}) is None
        assert high_precision(sp.log(x), {x: -2.5}) is None
        assert high_precision(1 / x, {x: 0.0}) is None

    def test_floats_are_taken_exactly(self):
        v = high_precision(x ** 2, {x: 0.1})
        # 0.1 is not 1/10 in binary: the square differs from 1/100 at the 18th digit
        assert v != sp.Rational(1, 100)
        assert abs(v - sp.Rational(1, 100)) < 1e-17
        assert abs(v - sp.Rational(0.1) ** 2) < sp.Float(10) ** -45

    def test_integers_are_exact(self):
        assert high_precision(x ** 2 - 4, {x: 2.0}) == 0

    def test_digits(self):
        v = high_precision(sp.pi * x, {x: 1.0}, digits=40)
        assert abs(v - sp.pi) < sp.Float(10) ** -38

    def test_relations_give_booleans(self):
        assert high_precision(sp.Le(x, 2), {x: 1.5}) is True
        assert high_precision(sp.Le(x, 2), {x: 3.0}) is False


# ---------------------------------------------------------------------------------------------
# Domain
# ---------------------------------------------------------------------------------------------

class TestDomain:
    @fast
    @given(Domain(1e-3, 1e3, log=True).strategy())
    def test_log_strategy_in_bounds(self, v):
        assert 1e-3 <= v <= 1e3

    @fast
    @given(Domain(1e-6, 1.0, log=True).strategy())
    def test_log_strategy_in_bounds_below_one(self, v):
        assert 1e-6 <= v <= 1.0

    @fast
    @given(Domain(2, 9, integer=True).strategy())
    def test_integer_strategy_in_bounds(self, v):
        assert isinstance(v, int) and 2 <= v <= 9

    @fast
    @given(Domain(-1.5, 2.5).strategy())
    def test_plain_strategy_in_bounds(self, v):
        assert -1.5 <= v <= 2.5 and math.isfinite(v)

    def test_log_strategy_endpoint_rounding(self):
        @settings(max_examples=5, database=None, deadline=None, suppress_health_check=list(HealthCheck))
        @given(Domain(0.3, 0.3, log=True).strategy())
        def check(v):
            assert 0.3 <= v <= 0.3
        check()

    def test_log_strategy_covers_decades(self):
        from hypothesis import find
        import random
        dom = Domain(1e-3, 1e3, log=True)
        cfg = settings(max_examples=300, database=None, deadline=None, suppress_health_check=list(HealthCheck))
        assert find(dom.strategy(), lambda v: v < 1e-2, random=random.Random(0), settings=cfg) >= 1e-3
        assert find(dom.strategy(), lambda v: v > 1e2, random=random.Random(0), settings=cfg) <= 1e3

    def test_sample_respects_bounds(self):
        rng = np.random.default_rng(0)
        logs = Domain(1e-4, 1e2, log=True).sample(rng, 2000)
        assert logs.min() >= 1e-4 and logs.max() <= 1e2
        # log-uniform: about a sixth of the draws per decade
        assert 0.1 < np.mean(logs < 1e-3) < 0.25
        ints = Domain(3, 7, integer=True).sample(rng, 2000)
        assert set(np.unique(ints)) == {3.0, 4.0, 5.0, 6.0, 7.0}
        plain = Domain(-2, 5).sample(rng, 2000)
        assert plain.min() >= -2 and plain.max() <= 5

    def test_default_domains_from_assumptions(self):
        assert default_domain(sp.Symbol("n", integer=True, positive=True)) == Domain(1, 50, integer=True)
        assert default_domain(sp.Symbol("k", integer=True, nonnegative=True)) == Domain(0, 50, integer=True)
        assert default_domain(sp.Symbol("j", integer=True)) == Domain(-50, 50, integer=True)
        assert default_domain(a) == Domain(1e-3, 1e3, log=True)
        assert default_domain(sp.Symbol("z", nonnegative=True)) == Domain(0.0, 100.0)
        assert default_domain(x) == Domain(-100.0, 100.0)

    def test_domains_for_prefers_given_by_name(self):
        doms = domains_for([a, x], {"a": Domain(0, 1)})
        assert doms == {a: Domain(0, 1), x: Domain(-100.0, 100.0)}
        assert domains_for([a], {a: Domain(2, 3)}) == {a: Domain(2, 3)}


def test_replay_text():
    text = replay_text("c1", 7, {y: 2.0, x: 0.5})
    assert text == "python -m verify run c1 --seed 7   # counterexample: x = 0.5, y = 2.0"


# ---------------------------------------------------------------------------------------------
# the same draws in every process
# ---------------------------------------------------------------------------------------------

class TestSameDrawsInEveryProcess:
    """Hypothesis mixes "local constants" into a few draws, read from the source of every module the
    process loaded from outside site-packages; the search pins them, so what it finds does not depend on
    which claims or modules a process (a forked worker, a Dask worker, ``verify all``) has loaded."""

    ODD = 0.7182818284

    def _search(self):
        class Exactly:                         # violated at one value only: found only as a constant
            def __call__(self, values):
                return next(iter(values.values())) == TestSameDrawsInEveryProcess.ODD
        return find_counterexample([x], {x: Domain(-1.0, 1.0)}, Exactly(), 7, 300)

    def test_a_module_loaded_with_a_constant_changes_nothing(self, tmp_path, monkeypatch):
        before = self._search()
        (tmp_path / "loaded_constants.py").write_text(f"VALUE = {self.ODD!r}\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        import loaded_constants                # noqa: F401  (a "local" module: outside site-packages)
        try:
            assert self._search() == before
        finally:
            monkeypatch.delitem(__import__("sys").modules, "loaded_constants")

    def test_the_constants_are_pinned_only_during_the_search(self):
        from hypothesis.internal.conjecture import providers
        from verify.checks.search import SIMPLE_CONSTANTS, _no_local_constants
        outside = providers._get_local_constants
        with _no_local_constants():
            pinned = providers._get_local_constants()
            assert sorted(pinned.floats) == SIMPLE_CONSTANTS[1] and 0.5 in pinned.floats and 0.02 in pinned.floats
            assert sorted(pinned.integers) == SIMPLE_CONSTANTS[0]
        assert providers._get_local_constants is outside
