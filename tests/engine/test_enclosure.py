"""Proof of a sign by interval enclosure on the statement's region: it proves what holds there, and
never what fails somewhere in the region, whatever the check's search domains."""
import sympy as sp

from verify.checks import Domain, Inequality
from verify.checks.enclosure import integer_valued, prove_nonnegative, region
from verify.core.model import Context, Outcome, Statement


def run_check(check, statement):
    return check.run(statement, Context(seed=0, claim_id="test"))

lam, delta = sp.symbols("lambda delta", positive=True)
n = sp.Symbol("n", positive=True, integer=True)
x = sp.Symbol("x", nonnegative=True)
t = sp.Symbol("t", real=True)
GAMMA = sp.sqrt(lam / (10 * n * sp.log(2 * n**2 / delta)))


def test_proves_on_an_unbounded_region_with_infinite_ends():
    proof = prove_nonnegative(1 - GAMMA, [sp.Le(lam, sp.Rational(1, 2)), sp.Lt(delta, 1)])
    assert proof is not None
    assert proof.region == {"delta": "(0, 1)", "lambda": "(0, 1/2]", "n": "the integers from 1"}


def test_fails_where_the_region_is_larger_than_where_it_holds():
    assert prove_nonnegative(1 - GAMMA, [sp.Lt(delta, 1)]) is None              # lambda unbounded: false
    assert prove_nonnegative(x - 1) is None                                        # false at x = 0
    assert prove_nonnegative(sp.Rational(50005, 1000) - x, [sp.Ge(x, sp.Rational(4999, 100)),
                                                            sp.Le(x, sp.Rational(5001, 100))]) is None
    assert prove_nonnegative(sp.exp(t) - 2) is None
    assert prove_nonnegative(t**2, [], strict=True) is None                      # 0 at t = 0


def test_a_singularity_at_an_end_takes_the_one_sided_limit():
    y1, y2 = sp.symbols("y1 y2", nonnegative=True)
    p1 = sp.Symbol("p1", positive=True)
    assert prove_nonnegative(-y1 * sp.log(p1) - y2 * sp.log(1 - p1), [sp.Lt(p1, 1)]) is not None
    assert prove_nonnegative(-y1 * sp.log(p1) - y2 * sp.log(1 - p1)) is None      # p1 > 1: not real


def test_branch_and_bound_splits_until_each_box_is_decided():
    s = sp.Symbol("s", real=True)
    proof = prove_nonnegative(s**2 - s + 1, [sp.Ge(s, -4), sp.Le(s, 4)])
    assert proof is not None and proof.boxes > 1
    assert prove_nonnegative(s - sp.Rational(1, 4), [sp.Ge(s, sp.Rational(1, 4))]) is not None   # exact ends
    assert prove_nonnegative(s - sp.Rational(1, 4), [sp.Gt(s, sp.Rational(1, 5))]) is None


def test_an_integer_plus_a_half_is_at_least_a_half_away_from_zero():
    w, xs, b = (sp.IndexedBase(name, integer=True) for name in ("w", "x", "b"))
    j, d = sp.symbols("j d", integer=True, positive=True)
    c = sp.Sum(w[j] * xs[j], (j, 1, d)) - b[1] - sp.Rational(1, 2)
    assert integer_valued(c + sp.Rational(1, 2))
    proof = prove_nonnegative(sp.Abs(c) - sp.Rational(1, 2))
    assert proof is not None and "an integer plus" in proof.stand_ins[0]
    assert prove_nonnegative(sp.Abs(c) - sp.Rational(1, 2), strict=True) is None
    assert prove_nonnegative(sp.Abs(c) - sp.Rational(3, 4)) is None
    plain = sp.IndexedBase("v")                                                    # not declared integer
    assert prove_nonnegative(sp.Abs(plain[1] - sp.Rational(1, 2)) - sp.Rational(1, 2)) is None


def test_an_undeclared_sign_or_a_complex_symbol_proves_nothing():
    z = sp.Symbol("z")
    assert prove_nonnegative(z**2 + 1) is None
    assert region([z]) is None


def test_inequality_proves_on_the_statement_region_not_on_its_search_domain():
    stated = Statement(sp.Le(GAMMA, 1), assuming=[sp.Le(lam, sp.Rational(1, 2)), sp.Lt(delta, 1)])
    res = run_check(Inequality(domains={"n": Domain(1, 50, integer=True)}), stated)
    assert res.outcome == Outcome.HOLDS and res.kind == "symbolic"
    assert res.evidence["region"]["n"] == "the integers from 1"
    # true on the search domain n <= 50 only: never proved, and refuted beyond it
    capped = run_check(Inequality(domains={"n": Domain(1, 50, integer=True)}), Statement(sp.Le(n, 50)))
    assert capped.outcome != Outcome.HOLDS or capped.kind != "symbolic"


def test_an_integer_region_from_strict_and_weaker_bounds():
    assert region([n], [sp.Gt(n, 0)])[n][0].value == 1                      # n > 0 adds nothing to n >= 1
    assert region([n], [sp.Gt(n, 2)])[n][0].value == 3
    assert region([n], [sp.Le(n, sp.Rational(5, 2))])[n][1].value == 2
    assert prove_nonnegative(n - 2, [sp.Gt(n, 0)]) is None                    # n = 1 is in the region
    assert prove_nonnegative(n - 2, [sp.Gt(n, 1)]) is not None


def test_what_review_found_proves_nothing():
    i = sp.Symbol("i", integer=True)
    half = sp.Rational(1, 2)
    xr = sp.Symbol("x", real=True)
    # a Sum with a real limit is not integer-valued (Sum(1, (i, 0, x)) = x + 1); nor a reversed Product
    assert prove_nonnegative(sp.Abs(sp.Sum(1, (i, 0, xr)) - half) - half) is None
    m = sp.Symbol("m", integer=True)
    assert prove_nonnegative(sp.Abs(sp.Product(2, (i, 1, m)) - half) - half) is None
    # an exponent SymPy cannot sign, on a base touching 0
    e = 1 - sp.cos(sp.Rational(1, 10**60))
    assert prove_nonnegative(x**e - sp.Rational(9, 10), [sp.Le(x, 1)]) is None
    # ends beyond the floats: no proof, no exception
    assert prove_nonnegative(sp.exp(xr) - xr - 10**400, [sp.Ge(xr, sp.Integer(10)**300)]) is None
    # an empty region, and two symbols of one name
    assert prove_nonnegative(xr - 1, [sp.Gt(xr, 1), sp.Lt(xr, 1)]) is None
    assert prove_nonnegative(x + sp.Symbol("x", real=True) ** 2) is None


def test_an_undeclared_function_is_not_taken_real_by_inequality():
    f = sp.Function("f")
    res = run_check(Inequality(), Statement(sp.Ge(f(x) ** 2, 0)))
    assert not (res.outcome == Outcome.HOLDS and res.kind == "symbolic")
