"""The well-formedness check (verify.checks.wellformed): each finding, when it fails, and no finding on
a built-in statement or correction that holds."""
from __future__ import annotations

import pytest
import sympy as sp

from verify import Context, Outcome, Statement
from verify.checks.wellformed import WellFormed, codomain, findings

x, y, k = sp.symbols("x y k", real=True)
i, j, n = sp.symbols("i j n", integer=True, positive=True)
a, b = sp.IndexedBase("a"), sp.IndexedBase("b")


def run(rel, assuming=()):
    return WellFormed().run(Statement(rel, assuming=assuming), Context())


def kinds(rel, assuming=()):
    return [f.kind for f in findings(Statement(rel, assuming=assuming))]


def test_well_formed_statement_holds_without_findings():
    r = run(sp.Le(sp.Sum(a[i] ** 2, (i, 1, n)), n * sp.Sum(a[i] ** 4, (i, 1, n))))
    assert r.outcome is Outcome.HOLDS and r.evidence["findings"] == []


def test_unused_bound_index():
    assert kinds(sp.Eq(sp.Sum(a[j], (i, 1, n)), n * a[j], evaluate=False)) == ["unused-bound"]
    r = run(sp.Eq(sp.Sum(a[j], (i, 1, n)), n * a[j], evaluate=False))
    assert r.outcome is Outcome.HOLDS                 # a finding, not certainly ill-formed


def test_a_count_is_no_slip():
    assert kinds(sp.Eq(sp.Sum(1, (i, 1, n)), n, evaluate=False)) == []


def test_free_and_bound():
    assert kinds(sp.Le(sp.Sum(a[i], (i, 1, n)) + b[i], y)) == ["free-and-bound"]


@pytest.mark.parametrize("expr,expected", [
    (sp.sign(x), "sign"), (2 * sp.Heaviside(x, 1) - 1, "sign"), (sp.Heaviside(x, 1), "indicator"),
    (sp.Heaviside(x), "indicator"), (sp.KroneckerDelta(i, j), "indicator"),
    (sp.Product(sp.Heaviside(a[i], 1), (i, 1, n)), "indicator"), (sp.Le(x, y), "truth value"),
    (x, None), (sp.sign(x) * x, None)])
def test_codomains(expr, expected):
    assert codomain(expr) == expected


def test_sign_against_indicator_is_a_finding():
    r = run(sp.Eq(sp.sign(x), sp.Heaviside(x, 1), evaluate=False))
    assert r.outcome is Outcome.HOLDS
    assert [f["kind"] for f in r.evidence["findings"]] == ["codomain"]
    assert "(a sign)" in r.summary and "(an indicator)" in r.summary


def test_sign_against_sign_is_fine():
    assert kinds(sp.Eq(sp.sign(x), 2 * sp.Heaviside(x, 1) - 1, evaluate=False)) == []


def test_truth_value_against_number_fails():
    r = run(sp.Eq(sp.Heaviside(x, 1), sp.Piecewise((sp.true, x >= 0), (sp.false, True)), evaluate=False))
    assert r.outcome is Outcome.FAILS


def test_index_ranks_fail():
    r = run(sp.Le(a[i], a[i, j]))
    assert r.outcome is Outcome.FAILS
    assert r.evidence["findings"] == [{"kind": "index", "message": "a is used with 1 and 2 indices", "certain": True}]


def test_hypotheses_are_read_too():
    assert kinds(sp.Le(x, y), assuming=[sp.Le(a[i], a[i, j])]) == ["index"]


def test_an_expression_strictly_compared_with_itself_fails():
    F = sp.Symbol("F", real=True)
    assert run(sp.Gt(F, F, evaluate=False)).outcome is Outcome.FAILS
    assert run(sp.And(sp.Lt(x, y), sp.Lt(y, y, evaluate=False))).outcome is Outcome.FAILS
    assert kinds(sp.Gt(F, F, evaluate=False)) == ["contradiction"]
    # not strict, not the same sides, or only one side of a disjunction: no finding
    assert run(sp.Ge(F, F, evaluate=False)).outcome is Outcome.HOLDS
    assert run(sp.Gt(F, x)).outcome is Outcome.HOLDS
    assert run(sp.Or(sp.Lt(x, y), sp.Lt(y, y, evaluate=False))).outcome is Outcome.HOLDS
