"""Mutation testing: the operators make the edits notes suffer; a weak check lets mutants survive, a
strong one kills them; weaker and equivalent mutants are not counted against the checks."""
from __future__ import annotations

import json

import sympy as sp

from verify.core.model import SYMBOLIC, CheckResult, Claim, Correction, Outcome, Source, Statement
from verify.core.model import RunSettings
from verify.run.mutation import equivalent, mutants, mutate_claim, run_mutation, weaker
from verify.report.mutation import MutationReport, tally, to_markdown
from verify.checks.search import Domain
from verify.checks.symbolic import Identity, Inequality
from verify.core.notation import Prob

x, alpha, kappa = sp.symbols("x alpha kappa", positive=True)
n, m = sp.symbols("n m", positive=True, integer=True)
SRC = Source("note.txt", "s", "q")


def changes(statement):
    return {(mu.operator, mu.change) for mu in mutants(statement, limit=None)}


def test_each_operator_makes_its_edit():
    st = Statement(sp.Le(kappa * x + 2, alpha * sp.sqrt(x) * n / m))
    got = changes(st)
    assert ("swap", "alpha written for kappa") in got and ("swap", "m written for n") in got
    assert ("swap", "kappa written for alpha") in got
    assert not any(c in ("alpha written for n", "n written for alpha") for _, c in got)   # kinds differ
    assert ("constant", "constant 2 times 2") in got and ("constant", "constant 2 divided by 2") in got
    assert ("exponent", "exponent of x: 1/2 -> 1") in got and ("exponent", "exponent of m: -1 -> -2") in got
    assert ("flip", "LessThan flipped") in got
    assert ("drop", "term 2 dropped") in got and ("drop", "term kappa*x dropped") in got


def test_definitions_are_mutated_and_the_sample_is_reproducible():
    M = sp.Symbol("M", positive=True)
    st = Statement(sp.Gt(alpha, 1 / M), where={M: x**3 / 16})
    assert ("constant", "in the definition of M: constant 1/16 times 2") in changes(st)
    a = [mu.change for mu in mutants(st, limit=3, salt="s")]
    assert a == [mu.change for mu in mutants(st, limit=3, salt="s")] and len(a) == 3


def test_weaker_and_equivalent_mutants_are_recognised():
    y = sp.Symbol("y", real=True)
    st = Statement(sp.Le(y, 2 * x + 1))
    assert weaker(st, Statement(sp.Le(y, 4 * x + 1)))
    assert not weaker(st, Statement(sp.Le(y, x + 1 / sp.Integer(2))))
    assert equivalent(Statement(sp.Le(y + 1, 2 * x)), Statement(sp.Le(1 + y, x + x, evaluate=False)))
    assert not equivalent(st, Statement(sp.Le(y, 2 * x)))
    # a stronger hypothesis gives a weaker statement; a weaker hypothesis does not
    r = sp.Symbol("r", positive=True)
    hyp = Statement(sp.Ge(y, 1), assuming=(sp.Ge(y, r),), where={r: 2 * x})
    assert weaker(hyp, Statement(sp.Ge(y, 1), assuming=(sp.Ge(y, r),), where={r: 4 * x}))
    assert not weaker(hyp, Statement(sp.Ge(y, 1), assuming=(sp.Ge(y, r),), where={r: x}))
    assert not equivalent(hyp, Statement(sp.Ge(y, 1), assuming=(sp.Ge(y, r),), where={r: x}))
    # a mutant that is always true is implied by anything
    assert weaker(Statement(sp.Ge(m, n)), Statement(sp.Ge(n, n, evaluate=False)))
    assert weaker(Statement(sp.Eq(alpha, kappa)), Statement(sp.Eq(kappa, kappa, evaluate=False)))


class OnePoint:
    """A deliberately weak check: evaluates the statement at x = 1 only."""
    name, kind = "one point", SYMBOLIC

    def run(self, statement, ctx):
        ok = bool(statement.conclusion.subs({x: 1, alpha: 1, kappa: 1}))
        return CheckResult(self.name, self.kind, Outcome.HOLDS if ok else Outcome.FAILS, f"at x = 1: {ok}")


def claim(check, relation):
    return Claim("t.c", "AM-GM", SRC, Statement(relation), (check,))


AMGM = sp.Ge(x**2 + 1, 2 * x)


def test_a_weak_check_lets_mutants_survive_and_a_strong_one_kills_them():
    weak = mutate_claim(claim(OnePoint(), AMGM), 0, "quick", limit=None)
    strong = mutate_claim(claim(Inequality(domains={"x": Domain(1e-3, 1e3, log=True)}), AMGM), 0, "quick", limit=None)
    w, s = tally(weak["targets"][0]["mutants"]), tally(strong["targets"][0]["mutants"])
    assert w["survived"] >= 1 and s["survived"] == 0 and s["killed"] >= 3
    assert s["kill_rate"] == 1.0 and w["kill_rate"] < 1.0


def test_corrections_are_mutated_and_undecided_statements_skipped():
    c = Claim("t.c", "identity", SRC, Statement(sp.Eq((x + 1)**2, x**2 + 1, evaluate=False)),
              (Identity(),), correction=Correction(Statement(sp.Eq((x + 1)**2, x**2 + 2 * x + 1, evaluate=False)),
                                                   why="the cross term"))
    out = mutate_claim(c, 0, "quick", limit=None)
    assert [t["target"] for t in out["targets"]] == ["statement", "correction"]
    corr = tally(out["targets"][1]["mutants"])
    assert corr["killed"] >= 4 and corr["survived"] == 0

    class Undecided:
        name, kind = "undecided", SYMBOLIC

        def run(self, statement, ctx):
            return CheckResult(self.name, self.kind, Outcome.UNDECIDED, "cannot tell")
    skipped = mutate_claim(claim(Undecided(), AMGM), 0, "quick")["targets"][0]
    assert "skipped" in skipped and skipped["mutants"] == []


def test_parallel_runs_are_reproducible_and_the_report_is_written(tmp_path):
    claims = [claim(OnePoint(), AMGM), Claim("t.d", "strong", SRC, Statement(AMGM),
                                            (Inequality(domains={"x": Domain(1e-3, 1e3, log=True)}),))]
    a = run_mutation(claims, RunSettings(jobs=2, timeout=600), limit=6)
    b = run_mutation(claims, RunSettings(jobs=1, timeout=600), limit=6)
    assert a == b and [r["id"] for r in a] == ["t.c", "t.d"]
    report = MutationReport.of(a, RunSettings(0, "quick"), 6)
    report.write(tmp_path)
    first = (tmp_path / "mutation.md").read_text()
    MutationReport.of(b, RunSettings(0, "quick"), 6).write(tmp_path)
    assert (tmp_path / "mutation.md").read_text() == first
    assert "| `t.c` | statement (proved)" in first and "## Survivors" in first
    assert json.loads((tmp_path / "mutation.json").read_text())["overall"]["accepted"]["generated"] >= 6
    assert "kill rate" in to_markdown(report)


def test_equivalence_of_statements_sympy_cannot_subtract_is_false_not_an_error():
    # found on note 004: O-terms and matrices against scalars raise on subtraction
    o = Statement(sp.Eq(x, sp.O(x**2, (x, 0)), evaluate=False))
    assert not equivalent(o, Statement(sp.Eq(x, sp.O(sp.Abs(x)**3, (x, 0)), evaluate=False)))
    mat = Statement(sp.Eq(sp.Matrix([x, 1]), sp.Matrix([1, x]), evaluate=False))
    assert not equivalent(mat, Statement(sp.Eq(sp.Matrix([x, 2]), sp.Matrix([1, x]), evaluate=False)))


def test_implications_through_conjunctions_chains_and_probability_bounds():
    y, z, lam, delta = sp.symbols("y z lambda delta", positive=True)
    a, b, c = sp.symbols("a b c", real=True)
    both = Statement(sp.And(sp.Le(a, b), sp.Le(b, c)))
    # a conjunct dropped (a duplicate of another), a chain a <= b <= c, a conjunct weakened
    assert weaker(both, Statement(sp.And(sp.Le(a, b), sp.Le(a, b))))
    assert weaker(both, Statement(sp.And(sp.Le(a, c), sp.Le(b, c))))
    assert weaker(both, Statement(sp.And(sp.Le(a, b), sp.Le(b, c + y))))
    # ... but not a flipped or strengthened conjunct, nor a chain read backwards
    assert not weaker(both, Statement(sp.And(sp.Ge(a, b), sp.Le(b, c))))
    assert not weaker(both, Statement(sp.And(sp.Le(a, b), sp.Le(b, c - y))))
    assert not weaker(both, Statement(sp.And(sp.Le(c, a), sp.Le(b, c))))
    # an equation gives both inequalities; an always-true conjunct is implied by anything
    assert weaker(Statement(sp.And(sp.Eq(a, b, evaluate=False), sp.Le(b, c))), Statement(sp.Le(a, c)))
    assert weaker(both, Statement(sp.And(sp.Eq(a, a, evaluate=False), sp.Le(b, c))))
    # Pr[E] >= p implies Pr[E'] >= p' when E => E' and p >= p'
    prob = Statement(sp.Ge(Prob(sp.Le(z, lam / 4)), 1 - delta))
    assert weaker(prob, Statement(sp.Ge(Prob(sp.Le(z, lam / 2)), 1 - delta)))
    assert weaker(prob, Statement(sp.Ge(Prob(sp.Le(z, lam / 2)), 1 - 2 * delta)))
    assert weaker(prob, Statement(sp.Ge(Prob(sp.Le(0, y, evaluate=False)), 1 - delta)))      # an event that always holds
    assert not weaker(prob, Statement(sp.Ge(Prob(sp.Le(z, lam / 8)), 1 - delta)))
    assert not weaker(prob, Statement(sp.Ge(Prob(sp.Le(z, lam / 4)), 1)))
    assert not weaker(prob, Statement(sp.Ge(Prob(sp.Le(z, lam / 2)), 1 - delta / 2)))
    assert not weaker(prob, Statement(sp.Le(Prob(sp.Le(z, lam / 4)), 1 - delta)))
    assert not weaker(prob, Statement(sp.Ge(Prob(sp.Ge(z, lam / 4)), 1 - delta)))
    # a bound lowered in its monotone context: 1 - 2 exp(-eps^2 m) <= 1 - 2 exp(-2 eps^2 m)
    eps, m_ = sp.symbols("epsilon m_", positive=True)
    hoeffding = Statement(sp.Ge(Prob(sp.Lt(z, eps)), 1 - 2 * sp.exp(-2 * eps**2 * m_)))
    assert weaker(hoeffding, Statement(sp.Ge(Prob(sp.Lt(z, eps)), 1 - 2 * sp.exp(-eps**2 * m_))))
    assert not weaker(hoeffding, Statement(sp.Ge(Prob(sp.Lt(z, eps)), 1 - 2 * sp.exp(-4 * eps**2 * m_))))
    assert not weaker(hoeffding, Statement(sp.Ge(Prob(sp.Lt(z, eps)), 1 - 2 * sp.exp(-2 * eps**3 * m_))))
    # upper bounds the other way round
    upper = Statement(sp.Le(Prob(sp.Ge(z, lam)), delta))
    assert weaker(upper, Statement(sp.Le(Prob(sp.Ge(z, 2 * lam)), delta)))
    assert not weaker(upper, Statement(sp.Le(Prob(sp.Ge(z, lam / 2)), delta)))


def test_a_doubled_bound_of_a_nonnegative_quantity_and_a_strict_hypothesis_are_implications():
    T, dist0 = sp.symbols("T dist0", positive=True)
    n, lam, R, eps = sp.symbols("n lambda_0 R_0 epsilon", positive=True)
    t = sp.Symbol("t", nonnegative=True)
    a, gap = sp.symbols("a gap", real=True)
    bound = n * sp.log(R**2 / (2 * eps * n)) / (2 * lam)       # of either sign: T <= B gives B >= T > 0
    time = Statement(sp.Le(T, bound))
    assert weaker(time, Statement(sp.Le(T, 2 * bound)))
    assert not weaker(time, Statement(sp.Le(T, bound / 2)))
    assert not weaker(Statement(sp.Le(a, bound)), Statement(sp.Le(a, 2 * bound)))    # a may be negative
    # t > 0 (a strict hypothesis on a nonnegative symbol) makes 1/t positive: gap <= d/(2t) => gap <= d/t
    flow = Statement(sp.Le(gap, dist0 / (2 * t)), assuming=[sp.Gt(t, 0)])
    assert weaker(flow, Statement(sp.Le(gap, dist0 / t), assuming=[sp.Gt(t, 0)]))
    assert not weaker(flow, Statement(sp.Le(gap, dist0 / (4 * t)), assuming=[sp.Gt(t, 0)]))
    # the scaled implication holds without the hypotheses, whatever their form: 4Q >= 4 mu v^2 => 8Q >= 4 mu v^2
    q, v, u = sp.symbols("Q v u", real=True)
    mu = sp.Symbol("mu", positive=True)
    definite = Statement(sp.Ge(4 * q, 4 * mu * v**2), assuming=[sp.Ge(u * v, mu)])
    assert weaker(definite, Statement(sp.Ge(8 * q, 4 * mu * v**2), assuming=[sp.Ge(u * v, mu)]))
    assert not weaker(definite, Statement(sp.Ge(2 * q, 4 * mu * v**2), assuming=[sp.Ge(u * v, mu)]))


def test_survivors_get_a_computed_reason_and_true_mutants_need_a_proof_of_the_statement():
    from verify.run.mutation import survival_reason
    y = sp.Symbol("y", real=True)
    st = Statement(sp.Le(y, 2 * x + 1))
    assert survival_reason(st, Statement(sp.Le(y, x + 1)), "supported") == "stronger"
    assert survival_reason(st, Statement(sp.Le(y, x**2)), "supported") == "unrelated"
    assert survival_reason(st, Statement(sp.Le(y, x**2)), "inconclusive") == "undecided"
    # a weak check of kind symbolic defined outside the engine does not make its mutants "true"
    weak = mutate_claim(claim(OnePoint(), AMGM), 0, "quick", limit=None)
    assert all(r["status"] != "true" for r in weak["targets"][0]["mutants"])
    # the engine's own proof of a mutant does: x >= 2 under x >= 5 written x >= 4 is true, not weaker
    c = Claim("t.h", "bound", SRC, Statement(sp.Ge(x, 2, evaluate=False), assuming=(sp.Ge(x, 5),)), (Inequality(),))
    got = {r["mutant"]: r["status"] for r in mutate_claim(c, 0, "quick", limit=None)["targets"][0]["mutants"]}
    assert got == {"x >= 4": "true", "x >= 1": "weaker", "x <= 2": "killed"}


def test_one_edit_in_a_monotone_context():
    d = sp.Symbol("d", integer=True, positive=True)
    t, L0, mu = sp.symbols("t L_0 mu", nonnegative=True)
    y, r = sp.symbols("y r", real=True)
    # a smaller power of d >= 1 on the small side; a slower rate under t >= 0 (the difference defeats SymPy)
    assert weaker(Statement(sp.Ge(sp.binomial(2 * d, d), 2**d / sp.sqrt(d))), Statement(sp.Ge(sp.binomial(2 * d, d), 2**d / d)))
    assert not weaker(Statement(sp.Ge(sp.binomial(2 * d, d), 2**d / sp.sqrt(d))), Statement(sp.Ge(sp.binomial(2 * d, d), 2**d)))
    assert weaker(Statement(sp.Le(y, L0 * sp.exp(-4 * mu * t))), Statement(sp.Le(y, L0 * sp.exp(-2 * mu * t))))
    assert not weaker(Statement(sp.Le(y, L0 * sp.exp(-4 * mu * t))), Statement(sp.Le(y, L0 * sp.exp(-8 * mu * t))))
    # without a sign for t the rate's direction is unknown: not weaker
    assert not weaker(Statement(sp.Le(y, L0 * sp.exp(-4 * mu * r))), Statement(sp.Le(y, L0 * sp.exp(-2 * mu * r))))
    # log is increasing on the positive numbers only: log(1 - p) -> log(-p) is no weakening
    p, w = sp.symbols("p w", positive=True)
    st = Statement(sp.Ge(-w * sp.log(1 - p), 0), assuming=(sp.Lt(p, 1),))
    assert not weaker(st, Statement(sp.Ge(-w * sp.log(-p), 0, evaluate=False), assuming=(sp.Lt(p, 1),)))
    # 12 k - 1 > 0 for a positive integer k
    k = sp.Symbol("k", integer=True, positive=True)
    s = sp.Symbol("s", nonnegative=True)
    assert weaker(Statement(sp.Le((12 * s + 12 * k - 1) / (6 * k), 3 + s)), Statement(sp.Le((12 * s + 12 * k - 1) / (12 * k), 3 + s)))
    # C(n, k) grows with its integer n >= k >= 0: C(4d, d) >= C(2d, d), not C(d, d)
    size = sp.Symbol("S", positive=True)
    big, small = sp.binomial(4 * d, d), sp.binomial(2 * d, d)
    st = Statement(sp.Ge(size, 2**d / sp.sqrt(d)), where={size: small})
    assert weaker(st, Statement(sp.Ge(size, 2**d / sp.sqrt(d)), where={size: big}))
    assert not weaker(st, Statement(sp.Ge(size, 2**d / sp.sqrt(d)), where={size: sp.binomial(d, d)}))
    half = sp.Symbol("h", positive=True)                        # not an integer: at h = 1/8, C(2h, 2) >= -1/10 > C(4h, 2)
    r = sp.Symbol("R", real=True)
    assert not weaker(Statement(sp.Ge(r, -sp.Rational(1, 10)), where={r: sp.binomial(2 * half, 2)}),
                      Statement(sp.Ge(r, -sp.Rational(1, 10)), where={r: sp.binomial(4 * half, 2)}))


def test_a_definition_that_uses_the_symbol_it_defines_is_no_mutant():
    g, lam, n = sp.symbols("gamma lambda n", positive=True)
    st = Statement(sp.Le(g, 1), where={g: sp.sqrt(lam / n)})
    out = mutants(st, limit=None)
    assert out and all(g not in m.statement.where[g].free_symbols for m in out)


def test_readings_of_the_notes_notation_are_not_mutated():
    # f(omega(t)) -> f_t says how the checks evaluate the note's notation; it is not what the note states
    f, omega = sp.Function("f"), sp.Function("omega")
    t, f_t, c = sp.Symbol("t", positive=True), sp.Symbol("f_t", real=True), sp.Symbol("c", positive=True)
    M = sp.Symbol("M", positive=True)
    st = Statement(sp.Le(sp.Abs(f(omega(t))), 2 * M), where={f(omega(t)): 3 * f_t, M: c ** 2})
    out = mutants(st, limit=None)
    assert out and all(m.statement.where[f(omega(t))] == 3 * f_t for m in out)
    assert any(m.statement.where[M] != c ** 2 for m in out)        # a definition of a symbol is mutated


def test_a_statement_read_through_readings_is_mutated_in_the_checked_quantities():
    # the note writes F(z(t)); the checks evaluate x: mutants are edits of the relation in x, never of the
    # notation inside a reading's key (such a mutant could not be evaluated, and would count as an error)
    F, z, t = sp.Function("F"), sp.Function("z"), sp.Symbol("t", positive=True)
    written = Statement(sp.Ge(F(z(t)) ** 2 + 1, 2 * F(z(t))), where={F(z(t)): x})
    c = Claim("t.c", "AM-GM, read", SRC, written, (Inequality(domains={"x": Domain(1e-3, 1e3, log=True)}),))
    rows = mutate_claim(c, 0, "quick", limit=None)["targets"][0]["mutants"]
    assert rows and not [r for r in rows if r["status"] == "error"]
    assert not [r for r in rows if "F(" in r["mutant"]]
    assert tally(rows)["killed"] >= 3


def test_a_definition_nothing_uses_is_not_mutated():
    # kappa is defined beside the statement but neither its relation nor its hypotheses use it: an edit
    # of it changes nothing any check evaluates
    w, tau, kappa, s, L, nu, mu = sp.symbols("w tau_0 kappa sigma L nu mu", positive=True)
    st = Statement(sp.Le(w, tau), assuming=(sp.Gt(nu, mu),), where={tau: s / (2 * L), kappa: nu / mu})
    out = mutants(st, limit=None)
    assert any(m.change.startswith("in the definition of tau_0") for m in out)
    assert not any(m.change.startswith("in the definition of kappa") for m in out)
    used = Statement(sp.Le(w, tau), where={tau: s / (2 * L * kappa), kappa: nu / mu})   # through tau_0
    assert any(m.change.startswith("in the definition of kappa") for m in mutants(used, limit=None))
