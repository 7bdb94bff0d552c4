"""The scope of a proof: a derivation on instances of fixed sizes proves those sizes only. A check declares
them with ``sizes=``; its result says "proved for d = 2, 3", the verdict logic turns a claim whose derivations
are all limited that way into ``supported`` (never ``proved``), and the evaluation says how far it reaches."""
from __future__ import annotations

import pytest
import sympy as sp

from verify.checks import AtSizes, Identity, Inequality, Simulation
from verify.core.model import NUMERIC, SYMBOLIC, CheckResult, Evaluation, Outcome, Statement, Verdict, validated_sizes
from verify.core.verdict import evaluation, scope, verdict_of
from verify.run.runner import run_checks


def _vec(name: str, d: int) -> sp.Matrix:
    return sp.Matrix(sp.symbols(f"{name}1:{d + 1}", real=True))


def expansion(d: int):
    """||a + b||^2 = ||a||^2 + 2 a.b + ||b||^2 on explicit d-vectors."""
    a, b = _vec("a", d), _vec("b", d)
    return sp.Eq(((a + b).T * (a + b))[0], (a.T * a)[0] + 2 * (a.T * b)[0] + (b.T * b)[0], evaluate=False)


def wrong_expansion(d: int):
    """||a + b||^2 = ||a||^2 + ||b||^2: false at every size."""
    a, b = _vec("a", d), _vec("b", d)
    return sp.Eq(((a + b).T * (a + b))[0], (a.T * a)[0] + (b.T * b)[0], evaluate=False)


def general_expansion():
    """The same identity entrywise over a symbolic index i = 1..d: general in d."""
    i, d = sp.Symbol("i", integer=True), sp.Symbol("d", integer=True, positive=True)
    a, b = sp.IndexedBase("a", real=True), sp.IndexedBase("b", real=True)
    s = lambda e: sp.Sum(e, (i, 1, d))      # noqa: E731
    return sp.Eq(s(sp.expand((a[i] + b[i]) ** 2)), s(a[i] ** 2) + 2 * s(a[i] * b[i]) + s(b[i] ** 2), evaluate=False)


def run(relation, *checks, budget="standard"):
    return run_checks(Statement(relation), checks, 0, budget, "test.scope")


class TestSizesField:
    def test_normalised_to_sorted_tuples(self):
        check = Identity(sizes={"d": [3, 2, 3], "n": 2})
        assert check.sizes == {"d": (2, 3), "n": (2,)}
        assert Identity().sizes is None

    @pytest.mark.parametrize("bad", [{}, {"d": 0}, {"d": []}, {"d": 2.5}, {"d": True}, {"2d": 2}, [("d", 2)], {"d": "23"}])
    def test_bad_sizes_name_the_check_and_field(self, bad):
        with pytest.raises(ValueError, match=r"Identity 'hessian', field sizes"):
            Identity(name="hessian", sizes=bad)

    def test_every_symbolic_check_validates(self):
        with pytest.raises(ValueError, match=r"Inequality 'cs', field sizes"):
            Inequality(name="cs", sizes={"d": -1})
        with pytest.raises(ValueError, match=r"AtSizes 'beyond', field sizes: the sizes to evaluate at are required"):
            AtSizes(expansion, name="beyond")
        assert validated_sizes(Simulation(lambda ctx, precise: {}), None) is None


class TestFixedSizeDerivation:
    def test_a_fixed_size_derivation_is_not_proved(self):
        ev = run(expansion(3), Identity(name="expand", sizes={"d": 3}))
        assert ev.verdict is Verdict.SUPPORTED
        (r,) = ev.checks
        assert r.outcome is Outcome.HOLDS and r.kind == SYMBOLIC
        assert "proved for d = 3 only" in r.summary
        assert r.evidence["sizes"] == {"d": [3]} and r.evidence["scope"] == "proved for d = 3 only"
        assert ev.findings == ["scope: proved for d = 3 only; not checked beyond"]

    def test_the_same_derivation_without_sizes_is_proved(self):
        # the engine cannot see that a Matrix of symbols is one instance: declaring the scope is the claim's duty
        assert run(expansion(3), Identity(name="expand")).verdict is Verdict.PROVED

    def test_supported_beyond_with_the_sizes_checked_numerically(self):
        ev = run(expansion(2), Identity(name="expand", sizes={"d": (2, 3)}),
                 AtSizes(expansion, sizes={"d": (5, 8)}, name="expand at d = 5, 8"))
        assert ev.verdict is Verdict.SUPPORTED
        beyond = ev.checks[1]
        assert beyond.kind == NUMERIC and beyond.outcome is Outcome.HOLDS and "at d = 5, 8" in beyond.summary
        assert [row["size"] for row in beyond.evidence["per_size"]] == [{"d": 5}, {"d": 8}]
        assert ev.findings == ["scope: proved for d = 2, 3; supported beyond (checked numerically at d = 5, 8)"]

    def test_a_small_budget_checks_the_smallest_larger_size_and_says_so(self):
        ev = run(expansion(2), Identity(name="expand", sizes={"d": (2, 3)}),
                 AtSizes(expansion, sizes={"d": (8, 5)}, name="expand beyond"), budget="quick")
        beyond = ev.checks[1]
        assert [row["size"] for row in beyond.evidence["per_size"]] == [{"d": 5}]
        assert beyond.evidence["sizes_declared"] == {"d": [5, 8]} and "every size at budget standard" in beyond.summary
        assert ev.findings == ["scope: proved for d = 2, 3; supported beyond (checked numerically at d = 5)"]

    def test_a_general_derivation_in_the_claim_proves_it(self):
        results = [CheckResult("instance", SYMBOLIC, Outcome.HOLDS, "s", {"sizes": {"d": [2]}}),
                   CheckResult("general", SYMBOLIC, Outcome.HOLDS, "s", {})]
        assert verdict_of(results) is Verdict.PROVED and scope(results) is None
        assert evaluation(results).findings == []

    def test_a_general_entrywise_derivation_is_proved(self):
        ev = run(general_expansion(), Identity(name="entrywise over i = 1..d"))
        assert ev.verdict is Verdict.PROVED and ev.findings == []

    def test_a_counterexample_at_a_fixed_size_still_refutes(self):
        ev = run(wrong_expansion(2), Identity(name="expand", sizes={"d": 2}))
        assert ev.verdict is Verdict.REFUTED
        assert ev.checks[0].evidence["scope"] == "at d = 2"

    def test_the_larger_sizes_find_a_counterexample(self):
        ev = run(expansion(2), Identity(name="expand", sizes={"d": 2}), AtSizes(wrong_expansion, sizes={"d": 4}))
        assert ev.verdict is Verdict.REFUTED
        assert ev.checks[1].summary.startswith("at d = 4: differs from its other side")

    def test_scope_survives_json(self):
        ev = run(expansion(2), Identity(name="expand", sizes={"d": 2}), AtSizes(expansion, sizes={"d": 4}))
        again = Evaluation.from_json(ev.to_json())
        assert again.checks[0].sizes == {"d": (2,)}
        assert verdict_of(again.checks) is Verdict.SUPPORTED and scope(again.checks) == scope(ev.checks)

    def test_a_numeric_check_without_sizes_is_named(self):
        results = [CheckResult("instance", SYMBOLIC, Outcome.HOLDS, "s", {"sizes": {"d": [2]}}),
                   CheckResult("simulation", NUMERIC, Outcome.HOLDS, "s", {})]
        assert scope(results) == "proved for d = 2; supported beyond by simulation (sizes not stated)"
