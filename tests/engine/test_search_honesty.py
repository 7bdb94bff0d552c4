"""The counterexample search never refutes a true statement, and says what it searched.

True inequalities with tiny, huge and cancelling arguments must never be refuted, at several seeds;
false ones must still be; a search whose points mostly miss the hypotheses must be undecided."""
from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from verify.core.model import Context, Outcome, Statement
from verify.checks.search import (Domain, SearchStats, certain_sign, confirmed_negative, find_counterexample,
                                  hypothesis_box, ordered_pairs, valid_floor)
from verify.checks.symbolic import Inequality

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
X = sp.Symbol("x", nonnegative=True)
P = sp.Symbol("p", positive=True)
n = sp.Symbol("n", positive=True)
SEEDS = (0, 1, 2)
TINY = Domain(1e-300, 1e-3, log=True)
HUGE = Domain(1e3, 1e300, log=True)
WIDE = Domain(1e-300, 1e300, log=True)

# (name, margin that is >= 0 (or > 0 when strict), domains, strict)
TRUE = [
    ("log(1+x) >= x - x^2/2", sp.log(1 + X) - (X - X ** 2 / 2), {}, False),
    ("log(1+x) >= x - x^2/2, tiny x", sp.log(1 + P) - (P - P ** 2 / 2), {"p": TINY}, False),
    ("exp(x) >= 1 + x, tiny x", sp.exp(P) - 1 - P, {"p": TINY}, False),
    ("exp(-x) >= 1 - x, tiny x", sp.exp(-P) - 1 + P, {"p": TINY}, False),
    ("x - sin(x) >= 0, tiny x", P - sp.sin(P), {"p": TINY}, False),
    ("1 - cos(x) <= x^2/2, tiny x", P ** 2 / 2 - 1 + sp.cos(P), {"p": TINY}, False),
    ("log(1+x) <= x, any scale", P - sp.log(1 + P), {"p": WIDE}, False),
    ("sqrt(x^2+1) >= x, huge x", sp.sqrt(P ** 2 + 1) - P, {"p": HUGE}, True),
    ("log(1+x) > log(x), huge x", sp.log(1 + P) - sp.log(P), {"p": HUGE}, True),
    ("(1+1/n)^n < e, huge n", sp.E - (1 + 1 / n) ** n, {"n": HUGE}, True),
    ("log(x) <= x - 1 near 1", P - 1 - sp.log(P), {"p": Domain(0.999, 1.001)}, False),
    ("atan(x) + atan(1/x) >= pi/2", sp.atan(P) + sp.atan(1 / P) - sp.pi / 2, {"p": WIDE}, False),
]


@pytest.mark.parametrize("name,margin,domains,strict", TRUE, ids=[t[0] for t in TRUE])
@pytest.mark.parametrize("seed", SEEDS)
def test_true_inequalities_are_never_refuted_by_the_search(name, margin, domains, strict, seed):
    symbols = sorted(margin.free_symbols, key=str)
    doms = {s: domains.get(str(s), Domain(0.0, 100.0) if s.is_nonnegative and not s.is_positive else WIDE)
            for s in symbols}
    stats = SearchStats()
    found = find_counterexample(symbols, doms, confirmed_negative(margin, strict=strict), seed, 150, stats)
    assert found is None, f"{name} refuted at {found}"


# SymPy's sign inference on these reparametrized domains takes minutes (the search alone is tested above)
CHECKED = [t for t in TRUE if not t[0].startswith(("(1+1/n)", "log(x) <= x - 1"))]


@pytest.mark.parametrize("name,margin,domains,strict", CHECKED, ids=[t[0] for t in CHECKED])
def test_true_inequalities_are_never_refuted_by_the_check(name, margin, domains, strict):
    rel = sp.StrictGreaterThan(margin, 0) if strict else sp.GreaterThan(margin, 0)
    for seed in SEEDS:
        r = Inequality(domains=domains).run(Statement(rel), Context(seed=seed, claim_id="t"))
        assert r.outcome is not Outcome.FAILS, (name, seed, r.summary)


def test_the_issue_example_is_accepted():
    st = Statement(sp.Ge(sp.log(1 + X), X - X ** 2 / 2))
    for seed in range(5):
        r = Inequality().run(st, Context(seed=seed, claim_id="t"))
        assert r.outcome is Outcome.HOLDS, r.summary


# ---------------------------------------------------------------------------------------------
# certain signs: a false margin is still negative, an uncertain one is no verdict
# ---------------------------------------------------------------------------------------------

def test_cancellation_is_resolved_by_interval_arithmetic():
    margin = sp.log(1 + X) - X + X ** 2 / 2
    sign, how = certain_sign(margin, {X: 1e-272})
    assert sign == 1 and "interval" in how
    assert certain_sign(sp.log(1 + X) - X + X ** 2 / 3, {X: 1e-272})[0] == -1     # must FAIL: truly negative


def test_functions_without_intervals_use_stable_precision():
    sign, how = certain_sign(sp.erf(P) - P, {P: 1e-30})           # erf(p) = 2p/sqrt(pi) + ...: positive
    assert sign == 1 and "stable" in how
    assert certain_sign(P - sp.erf(P), {P: 1e-30})[0] == -1


def test_an_exact_zero_without_exact_arithmetic_is_not_certain():
    sign, why = certain_sign(sp.atan(P) + sp.atan(1 / P) - sp.pi / 2, {P: 3.0})
    assert sign is None and "not certain" in why


def test_exact_rationals_are_exact():
    assert certain_sign(X ** 2 - 2 * X + 1, {X: 1.0}) == (0, "exact")
    assert certain_sign(X - Fraction(1, 3), {X: Fraction(1, 3)}) == (0, "exact")


def test_uncertain_candidates_are_discarded_and_counted():
    pred = confirmed_negative(sp.atan(P) + sp.atan(1 / P) - sp.pi / 2 - sp.Float(1e-30) * 0)
    stats = SearchStats()
    assert find_counterexample([P], {P: Domain(0.5, 5)}, pred, 0, 50, stats) is None
    assert stats.uncertain == pred.uncertain[0]


def test_false_inequality_with_a_tiny_margin_is_refuted():
    st = Statement(sp.Ge(sp.log(1 + X), X - X ** 2 / 3))
    for seed in SEEDS:
        r = Inequality().run(st, Context(seed=seed, claim_id="t"))
        assert r.outcome is Outcome.FAILS
        assert "interval" in r.evidence["sign_certified_by"] or r.evidence["sign_certified_by"] == "exact"


def test_counterexamples_are_shrunk_to_simple_rationals():
    st = Statement(sp.Ge(sp.log(1 + X), X - X ** 2 / 3))
    for seed in SEEDS:
        r = Inequality().run(st, Context(seed=seed, claim_id="t"))
        value = r.evidence.get("counterexample_exact", r.evidence["counterexample"])["x"]
        exact = Fraction(value) if isinstance(value, str) else Fraction(value)
        assert exact.denominator <= 12 or len(repr(float(exact))) <= 8, value


def test_shrinking_keeps_a_float_when_it_is_exact():
    found = find_counterexample([x], {x: Domain(0, 100)}, lambda v: v[x] > 10.25, 0, 50)
    assert found == {x: 11.0}


# ---------------------------------------------------------------------------------------------
# honest evidence
# ---------------------------------------------------------------------------------------------

NARROW = [sp.Ge(x, sp.Rational(4999, 100)), sp.Le(x, sp.Rational(5001, 100))]


@pytest.mark.parametrize("seed", range(10))
def test_false_statement_in_a_narrow_box_is_never_held(seed):
    r = Inequality().run(Statement(sp.Le(x, sp.Rational(50005, 1000)), assuming=NARROW), Context(seed=seed, claim_id="t"))
    assert r.outcome in (Outcome.FAILS, Outcome.UNDECIDED), r.summary


def test_the_search_draws_inside_the_hypotheses_box():
    doms = hypothesis_box({x: Domain(-100, 100), y: Domain(-100, 100)}, NARROW + [sp.Ge(x, y)])
    assert doms[x] == Domain(49.99, 50.01) and doms[y] == Domain(-100, 100)
    outside = hypothesis_box({x: Domain(0, 1)}, [sp.Ge(x, 5)])
    assert outside[x] == Domain(5, 105)


def test_a_pair_a_hypothesis_orders_is_drawn_sorted():
    z = sp.Symbol("z", real=True)
    same, other = Domain(0.1, 10), Domain(0, 1)
    assert ordered_pairs([sp.Le(x, y)], {x: same, y: same}) == [(x, y)]
    assert ordered_pairs([sp.Gt(x, y)], {x: same, y: same}) == [(y, x)]
    assert ordered_pairs([sp.Le(x, y)], {x: same, y: other}) == []          # two domains: assumed only
    assert ordered_pairs([sp.Le(x, 2 * y)], {x: same, y: same}) == []       # not two symbols
    assert ordered_pairs([sp.Le(x, y), sp.Le(y, z)], {x: same, y: same, z: same}) == [(x, y)]   # one pair each
    # every drawn point meets the ordering: the sweep and Hypothesis count all they draw
    margin = 2 * y - x        # >= 0 wherever x <= y on positive values
    stats = SearchStats()
    assert find_counterexample([x, y], {x: same, y: same}, confirmed_negative(margin, [sp.Le(x, y)]), 0, 150,
                               stats) is None
    assert stats.swept_valid == stats.swept


@pytest.mark.parametrize("seed", range(4))
def test_a_false_statement_under_an_ordering_is_still_refuted(seed):
    # y <= x + 1/100 fails only where y - x > 1/100: the sorted pair covers the region x <= y to its edges
    r = Inequality(domains={x: Domain(0, 1), y: Domain(0, 1)}).run(
        Statement(sp.Le(y, x + sp.Rational(1, 100)), assuming=[sp.Le(x, y)]), Context(seed=seed, claim_id="t"))
    assert r.outcome is Outcome.FAILS, r.summary
    point = r.evidence["counterexample"]
    assert point["x"] <= point["y"]
    # and a statement true on x <= y is never refuted there, though false beyond it
    r = Inequality(domains={x: Domain(0, 1), y: Domain(0, 1)}).run(
        Statement(sp.Le(x, y + sp.Rational(1, 10 ** 9)), assuming=[sp.Le(x, y)]), Context(seed=seed, claim_id="t"))
    assert r.outcome is Outcome.HOLDS, r.summary


@pytest.mark.parametrize("seed", range(4))
def test_too_few_points_meeting_the_hypotheses_is_undecided(seed):
    # the hypothesis is no box: almost every drawn point misses it
    thin = sp.Le((x - sp.Rational(373, 10)) ** 2, sp.Rational(1, 10 ** 8))
    r = Inequality().run(Statement(sp.Le(x, 40), assuming=[thin]), Context(seed=seed, claim_id="t"))
    assert r.outcome is Outcome.UNDECIDED, r.summary
    assert r.evidence["valid_points"] < valid_floor(r.evidence["examples"])
    assert "too thin" in r.summary


def test_false_statement_behind_a_thin_hypothesis_is_not_held():
    thin = sp.Le((x - 50) ** 2, sp.Rational(1, 10 ** 4))
    for seed in range(10):
        r = Inequality().run(Statement(sp.Le(x, sp.Rational(50005, 1000)), assuming=[thin]), Context(seed=seed, claim_id="t"))
        assert r.outcome is not Outcome.HOLDS, r.summary


def test_evidence_counts_the_valid_points():
    r = Inequality().run(Statement(sp.Ge(sp.log(1 + X), X - X ** 2 / 2)), Context(seed=0, claim_id="t"))
    ev = r.evidence
    assert ev["valid_points"] == ev["swept_valid"] + ev["hypothesis_valid_examples"] >= valid_floor(ev["examples"])
    assert f"{ev['valid_points']} points meeting the hypotheses" in r.summary


def test_hypotheses_on_unrelated_symbols_are_left_out():
    from verify.checks.search import involved
    z = sp.Symbol("z", real=True)
    kept, left = involved(x - 1, [sp.Ge(x, y), sp.Le(y, 3), sp.Le(z, 2)])
    assert kept == [sp.Ge(x, y), sp.Le(y, 3)] and left == [sp.Le(z, 2)]


def test_a_related_hypothesis_still_constrains_the_search():
    # x <= 2 is false for x up to 100, true under x <= y, y <= 2: the chain through y must be kept
    held = Inequality().run(Statement(sp.Le(x, 2), assuming=[sp.Le(x, y), sp.Le(y, 2)]), Context(seed=0, claim_id="t"))
    assert held.outcome is not Outcome.FAILS
    # must FAIL: x = 3 <= y = 50
    refuted = Inequality().run(Statement(sp.Le(x, 2), assuming=[sp.Le(x, y), sp.Le(y, 50)]), Context(seed=0, claim_id="t"))
    assert refuted.outcome is Outcome.FAILS


def test_a_hypothesis_that_cannot_be_evaluated_rejects_the_point():
    pred = confirmed_negative(1 - x, [sp.Le(sp.Function("f")(x), 1)])
    assert pred.valid({x: 2.0}) is False


def test_a_point_where_the_statement_cannot_be_evaluated_is_not_searched():
    # the margin is not real (a logarithm of a negative number) or not a number (a sum over a symbolic
    # bound): such points are not counted as searched, so nothing is "held" on them
    p = sp.Symbol("p", positive=True)
    k, N = sp.Symbol("k", integer=True), sp.Symbol("N", integer=True, positive=True)
    pred = confirmed_negative(-sp.log(-p), [sp.Lt(p, 1)])
    assert pred.valid({p: 0.5}) is False
    assert confirmed_negative(-sp.log(p), [sp.Lt(p, 1)]).valid({p: 0.5}) is True
    assert confirmed_negative(sp.Sum(x ** k, (k, 1, N)) - 1).valid({x: 0.5, N: 3.0}) is False


@pytest.mark.parametrize("seed", SEEDS)
def test_a_statement_not_real_on_its_hypotheses_is_never_held(seed):
    p = sp.Symbol("p", real=True)
    st = Statement(sp.Ge(-sp.log(-p), 0), assuming=[sp.Gt(p, 0), sp.Lt(p, 1)])
    r = Inequality().run(st, Context(seed=seed, claim_id="t"))
    assert r.outcome is not Outcome.HOLDS, r.summary
    k, N = sp.Symbol("k", integer=True), sp.Symbol("N", integer=True, positive=True)
    X = sp.IndexedBase("X", real=True)
    summed = sp.Sum(X[k], (k, 1, N))
    r = Inequality().run(Statement(sp.Le(summed / N, summed / N ** 2)), Context(seed=seed, claim_id="t"))
    assert r.outcome is not Outcome.HOLDS, r.summary
