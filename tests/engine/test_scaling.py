"""Scaling analysis: homogeneous statements pass; a swapped symbol, a wrong exponent and a scaled
argument of exp fail with the offending term named; pins and undeclared symbols are reported."""
from __future__ import annotations

import textwrap

import pytest
import sympy as sp

from verify.run import registry
from verify.core.model import SCALING, SYMBOLIC, CheckResult, Claim, Context, Outcome, Source, Statement, Verdict
from verify.core.notation import Norm
from verify.run.runner import run_claim
from verify.checks.scaling import Scaling, ScalingCheck, analyse
from verify.core.verdict import evaluation, verdict_of

# the lazy-training setting of note 000: parameters W, outputs Y, loss argument Z, loss values E
W, Y, Z, E = sp.symbols("W Y Z E", positive=True)
alpha, kappa, mu, nu, sigma, J0, L, t = sp.symbols("alpha kappa mu nu sigma_min J0 L t", positive=True)
f_t, f_0, f_star = sp.symbols("f_t f_0 f_star", real=True)
T = W**2 * Z**2 / (Y**2 * E)
LAZY = Scaling(scales={W: "parameters", Y: "outputs", Z: "loss argument", E: "loss values"},
               dims={alpha: Z / Y, kappa: 1, mu: E / Z**2, nu: E / Z**2, sigma: Y / W, J0: Y / W,
                     L: Y / W**2, t: T, f_t: Y, f_0: Y, f_star: Z})
RATE = sp.exp(-mu * sigma**2 * t / 4)


def check(relation, scaling=LAZY, **kw):
    return ScalingCheck(scaling).run(Statement(relation, **kw), Context())


def test_the_theorem_with_alpha_is_scale_consistent():
    r = check(sp.Le(Norm(alpha * f_t - f_star), sp.sqrt(kappa) * Norm(alpha * f_0 - f_star) * RATE))
    assert r.outcome is Outcome.HOLDS and r.kind == SCALING and not r.evidence["violations"]


def test_kappa_for_alpha_breaks_a_sum_and_names_the_terms_and_the_scaling():
    r = check(sp.Le(Norm(kappa * f_t - f_star), sp.sqrt(kappa) * Norm(kappa * f_0 - f_star) * RATE))
    assert r.outcome is Outcome.FAILS
    assert "terms of a sum" in r.summary and "f_t*kappa" in r.summary and "f_star" in r.summary
    assert "Y (outputs)" in r.summary or "Z (loss argument)" in r.summary


def test_sigma_squared_where_sigma_cubed_belongs():
    needed = 16 * kappa**sp.Rational(3, 2) * J0 * L * Norm(f_star)
    assert check(sp.Gt(alpha, needed / sigma**3)).outcome is Outcome.HOLDS
    r = check(sp.Gt(alpha, needed / sigma**2))
    assert r.outcome is Outcome.FAILS and "the two sides" in r.summary and "sigma_min**2" in r.summary
    assert "W (parameters)" in r.summary


def test_exponent_must_be_scale_free():
    r = check(sp.Le(Norm(alpha * f_t - f_star), Norm(alpha * f_0 - f_star) * sp.exp(-mu * sigma * t)))
    assert r.outcome is Outcome.FAILS and "argument of exp" in r.summary and "mu*sigma_min*t" in r.summary.replace(" ", "")


def test_log_of_a_scaled_quantity_and_a_symbolic_exponent():
    D, y = sp.symbols("D y", positive=True)
    s = Scaling({Y: "outputs"}, {alpha: Y**D, kappa: 1, D: 1, y: Y})
    assert check(sp.Eq(alpha**2, kappa * alpha**2), s).outcome is Outcome.HOLDS
    assert check(sp.Le(sp.log(alpha), kappa), s).outcome is Outcome.FAILS
    assert check(sp.Eq(alpha**(1 / D), y), s).outcome is Outcome.HOLDS
    r = analyse(Statement(sp.Eq(alpha**(2 / D), y)), s)
    assert r.violations and "Y^2" in r.violations[0].first_dim


def test_undeclared_symbols_are_reported_not_guessed():
    x = sp.Symbol("x_unknown")
    r = check(sp.Le(Norm(alpha * f_t - f_star), x))
    assert r.outcome is Outcome.UNDECIDED and "x_unknown" in r.summary


def test_an_equality_hypothesis_pins_a_scale_and_fixed_scales_are_declared():
    x = sp.Symbol("x", positive=True)
    X = sp.Symbol("X", positive=True)
    s = Scaling({X: "data"}, {x: X, kappa: 1})
    assert check(sp.Le(x, kappa), s).outcome is Outcome.FAILS
    pinned = check(sp.Le(x, kappa), s, assuming=(sp.Eq(Norm(x), 1),))
    assert pinned.outcome is Outcome.HOLDS and "absorbed" in pinned.summary
    fixed = check(sp.Le(x, kappa), s.fixing(X, why="unit-norm inputs"))
    assert fixed.outcome is Outcome.HOLDS and "unit-norm inputs" in fixed.summary


def test_hypotheses_and_definitions_are_checked_too():
    M = sp.Symbol("M", positive=True)
    bad = Statement(sp.Gt(kappa, Norm(f_star) / M), where={M: sigma**2 / (32 * kappa**sp.Rational(3, 2) * J0 * L)})
    r = analyse(bad, LAZY)
    assert r.violations and "kappa" in r.violations[0].first
    s = LAZY.with_dims({M: Y})
    r = analyse(Statement(sp.Gt(alpha, Norm(f_star) / M), where={M: sigma**3 / (J0 * L)}), s)
    assert not r.violations
    r = analyse(Statement(sp.Gt(alpha, Norm(f_star) / M), where={M: sigma**2 / (J0 * L)}), s)
    assert r.violations and "definition of M" in str(r.violations[0])
    # a hypothesis that is not scale-free pins its direction: ||x|| <= 1 gives ||x||^2 <= ||x||
    xs = sp.Symbol("x_s", positive=True)
    unit = LAZY.with_dims({xs: Y})
    assert analyse(Statement(sp.Le(xs**2, xs)), unit).violations
    bounded = analyse(Statement(sp.Le(xs**2, xs), assuming=(sp.Le(xs, 1),)), unit)
    assert not bounded.violations and bounded.absorbed and "x_s <= 1" in bounded.pins[0]
    # ... but not the directions it does not involve
    hyp = analyse(Statement(sp.Le(alpha * f_t, f_star), assuming=(sp.Gt(kappa, Norm(f_star)),)), LAZY)
    assert not hyp.violations
    assert analyse(Statement(sp.Le(kappa * f_t, f_star), assuming=(sp.Gt(kappa, Norm(f_star)),)), LAZY).violations


def test_piecewise_branches_are_compared_where_their_conditions_hold():
    p_ = sp.Symbol("p", nonnegative=True)
    Ls, xs = sp.symbols("L_s x_s", positive=True)
    s = Scaling({E: "loss"}, {p_: 1, Ls: E, xs: 1})
    ok = sp.Le(xs, sp.Piecewise((Ls**p_, sp.Eq(p_, 0)), (1, True)))        # L^p = 1 where p = 0
    assert not analyse(Statement(ok), s).violations
    bad = sp.Le(xs, sp.Piecewise((Ls**p_, sp.Eq(p_, 0)), (Ls, True)))
    assert analyse(Statement(bad), s).violations


def test_derivatives_integrals_and_undefined_functions():
    y = sp.Function("y")
    s = LAZY.with_dims({y: E})
    ok = sp.Le(sp.Derivative(y(t), t), -mu * sigma**2 * y(t))
    assert check(ok, s).outcome is Outcome.HOLDS
    assert check(sp.Le(sp.Derivative(y(t), t), -mu * y(t)), s).outcome is Outcome.FAILS
    assert check(sp.Le(sp.Integral(y(t), (t, 0, t)), y(t) * t), s).outcome is Outcome.HOLDS


def test_declarations_are_validated():
    with pytest.raises(ValueError, match="not a declared scale"):
        Scaling({W: "parameters"}, {alpha: Y})
    with pytest.raises(ValueError, match="monomial"):
        Scaling({W: "parameters"}, {alpha: W + 1})
    with pytest.raises(ValueError, match="fixed scale"):
        Scaling({W: "parameters"}, {alpha: W}, fixed=(Y,))


def test_scaling_refutes_but_never_supports():
    held = CheckResult("scaling", SCALING, Outcome.HOLDS, "consistent")
    failed = CheckResult("scaling", SCALING, Outcome.FAILS, "not scale-consistent")
    undecided = CheckResult("scaling", SCALING, Outcome.UNDECIDED, "no scaling declared for x")
    proof = CheckResult("identity", SYMBOLIC, Outcome.HOLDS, "simplifies to 0")
    assert verdict_of([held]) is Verdict.INCONCLUSIVE
    assert verdict_of([proof, held, undecided]) is Verdict.PROVED
    assert verdict_of([proof, failed]) is Verdict.REFUTED
    assert evaluation([proof, undecided]).findings == []


def test_the_runner_adds_the_scaling_check_to_statement_and_correction():
    from verify.core.model import Correction
    claim = Claim("x.scaled", "a kappa/alpha mix-up", Source("n", "s", "q"),
                  Statement(sp.Eq(kappa * f_t, f_star, evaluate=False)),
                  checks=(_Always(),),
                  correction=Correction(Statement(sp.Eq(alpha * f_t, f_star, evaluate=False)), why="alpha"),
                  scaling=LAZY)
    statement, correction = run_claim(claim, 0, "quick")
    assert statement.verdict is Verdict.REFUTED and any("scaling" in f for f in statement.findings)
    assert correction.verdict is Verdict.PROVED


class _Always:
    name, kind = "stand-in proof", SYMBOLIC

    def run(self, statement, ctx):
        return CheckResult(self.name, self.kind, Outcome.HOLDS, "holds")


PLUGIN = '''
import sympy as sp
from verify.core.model import Claim, Source, Statement, CheckResult, Outcome, SYMBOLIC
from verify.checks.scaling import Scaling

class Always:
    name, kind = "always", SYMBOLIC
    def run(self, statement, ctx):
        return CheckResult(self.name, self.kind, Outcome.HOLDS, "holds")

a, b = sp.symbols("a b", positive=True)
X = sp.Symbol("X", positive=True)
SCALING = {scaling}
CLAIMS = [Claim("p.mixed", "a = b^2", Source("n", "s", "q"), Statement(sp.Eq(a, b**2, evaluate=False)), (Always(),))]
'''


def test_a_plugin_module_declares_its_scaling_once(tmp_path):
    good = tmp_path / "good.py"
    good.write_text(textwrap.dedent(PLUGIN.format(scaling='Scaling({X: "data"}, {a: X, b: X})')))
    reg = registry.load(builtin=False, entry_points=False, paths=[good])
    assert not reg.errors and reg.claims[0].scaling is not None
    statement, _ = run_claim(reg.claims[0], 0, "quick")
    assert statement.verdict is Verdict.REFUTED and "a scales as X but b**2 as X^2" in statement.findings[0]
    bad = tmp_path / "bad.py"
    bad.write_text(textwrap.dedent(PLUGIN.format(scaling='{"a": "X"}')))
    reg = registry.load(builtin=False, entry_points=False, paths=[bad])
    assert [(e.field, "Scaling" in e.message) for e in reg.errors] == [("SCALING", True)]


def test_a_definition_that_refers_to_itself_is_not_expanded_forever():
    # mutants of definitions produce these ("gamma written for lambda" in gamma := sqrt(lambda) gamma)
    g, lam_ = sp.symbols("gamma lambda", positive=True)
    X = sp.Symbol("[x]", positive=True)
    s = Scaling(scales={X: "x"}, dims={lam_: X**2})
    r = analyse(Statement(sp.Le(g, 1), where={g: sp.sqrt(lam_) * g}), s)
    assert not r.violations and r.undeclared == []
    declared = analyse(Statement(sp.Le(g, 1), where={g: sp.sqrt(lam_) * g}), s.with_dims({g: 1}))
    assert declared.violations and "definition of gamma" in str(declared.violations[0])


def test_notation_scales_by_its_class_not_by_its_name():
    """Quad, Rayleigh, Rank, W0 and ReLU declare their scaling (no name list, no per-note declaration);
    a function merely named like a notation is not taken for it."""
    from verify.notation import Quad, Rank, Rayleigh, ReLU, W0
    K, v = sp.symbols("K v")
    s = LAZY.with_dims({K: Y**2 / W**2})
    assert check(sp.Le(Quad(K, f_t, f_0), K * f_t * f_0), s).outcome is Outcome.HOLDS
    assert check(sp.Ge(Rayleigh(K, v, v), K), s).outcome is Outcome.HOLDS
    assert check(sp.Le(Rank(K), kappa * W0(alpha * f_t / f_star) + ReLU(kappa - 1)), s).outcome is Outcome.HOLDS
    assert check(sp.Le(Quad(K, f_t, f_0), K), s).outcome is Outcome.FAILS
    assert check(sp.Le(W0(f_t), kappa), s).outcome is Outcome.FAILS

    class Norm(sp.Function):            # not the notation: its scaling is unknown
        nargs = 1
    r = check(sp.Le(Norm(f_t), f_t))
    assert r.outcome is Outcome.UNDECIDED and "Norm(...)" in r.evidence["undeclared"]
