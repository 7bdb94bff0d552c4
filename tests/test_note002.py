"""Note 002 encoded end to end (quotes verbatim and in the note's order, every flagged claim corrected,
every computed verdict equal to its oracle, the note's errors found by the checks), and unit tests of
the new engine modules :mod:`verify.checks.enumeration` and :mod:`verify.maths.features`: every check and formula
must hold where it should and FAIL on a wrong identity, constant or rate."""
from __future__ import annotations

import math
from math import comb

import numpy as np
import pytest
import sympy as sp

import claims.note002_training_dynamics as note
from verify.checks.enumeration import MAX_POINTS, CaseSplit, CubeMean, Enumeration, InitialValueGronwall, cube_mean
from verify.maths.features import (CoshWell, CosineLandscape, LogCoshConvex, ReLU, SineModel, TanhNet,
                             compositions_up_to, cube, empirical_kernel, flow_020, hat_sym, network,
                             network_jacobian, parity_matrix, path_norm, relu_abs,
                             risk_gradient, sphere_points, step_sym, torus_cosine_gram)
from verify.maths.kernels import arccos, empirical_ntk, ntk_limit
from verify.core.model import NUMERIC, SYMBOLIC, Context, Outcome, Statement, Verdict
from verify.run.registry import module_claims
from verify.run.runner import run_claim
from verify.checks.symbolic import Identity

BY_ID = {c.id: c for c in module_claims(note)}


@pytest.fixture
def ctx():
    return Context(seed=0, claim_id="test")


# ---------------------------------------------------------------------------------------------
# the note's claims
# ---------------------------------------------------------------------------------------------

def _run(claim_id):
    return run_claim(BY_ID[claim_id], seed=0, budget="quick")


def test_pl_condition_without_square_is_refuted_by_a_replayed_flow():
    statement, correction = _run("dyn.theorem3")
    check = statement.checks[0]
    assert check.outcome is Outcome.FAILS
    assert check.evidence["relative_margin_precise"] < -0.5 and "replay" in check.evidence
    assert correction.checks[0].outcome is Outcome.HOLDS
    rate, _ = _run("dyn.pl.rate")
    assert rate.checks[0].outcome is Outcome.GAP and "C**2" in rate.checks[0].evidence["comparison_solution"]
    assert rate.verdict is Verdict.REFUTED and rate.checks[-1].kind == "scaling"


def test_scaling_analysis_finds_the_unsquared_pl_condition_without_simulation():
    """With ||grad R|| >= C (R - inf R) the constant C scales as 1/[theta], so e^{-Ct} is not scale-free: the
    analysis refutes Theorem 3 and its Gronwall step with no flow; the squared condition's rate mu passes."""
    from verify.checks.scaling import analyse
    for claim_id in ("dyn.pl.rate", "dyn.theorem3"):
        claim = BY_ID[claim_id]
        report = analyse(claim.statement, claim.scaling)
        assert any("exp(-C*t)" in str(v) and "[theta]" in str(v) for v in report.violations), claim_id
        assert not analyse(claim.correction.statement, claim.scaling).violations, claim_id
        statement, _ = run_claim(claim, seed=0, budget="quick")
        assert next(c for c in statement.checks if c.kind == "scaling").outcome is Outcome.FAILS


def test_step_limit_fails_exactly_at_zero():
    statement, correction = _run("dyn.hardness.step_limit")
    check = statement.checks[0]
    assert check.outcome is Outcome.FAILS and check.kind == SYMBOLIC
    assert "t = 0" in check.summary
    assert correction.verdict is Verdict.PROVED


def test_sign_of_g_is_a_pm1_label_found_by_exact_enumeration():
    statement, correction = _run("dyn.hardness.sign_g")
    check = statement.checks[0]
    assert check.outcome is Outcome.FAILS and check.evidence["exact"]
    assert "lhs = -1, rhs = 0" in check.summary
    assert correction.checks[0].outcome is Outcome.HOLDS


def test_path_norm_of_g_is_undercounted():
    statement, _ = _run("dyn.hardness.path_norm")
    assert statement.checks[0].outcome is Outcome.FAILS
    margin = note.NOTE_PATH_BOUND - note.PATH_NORM_G          # the note's bound minus the path norm
    assert sp.simplify(margin - (sp.Rational(1, 3) - note.k / 2 - note.SB) / note.k) == 0
    # the path norm is computed from g's neurons, not typed in
    k_, W_, B_ = 3, 5, 2
    value = note.PATH_NORM_G.subs({note.k: k_, note.SW: k_ * W_, note.SB: k_ * B_})
    by_hand = (k_ * ((2 * W_ + 2 * B_ + 1) + (2 * W_ + 2 * B_ + 2)) + (k_ - sp.Rational(1, 3))) / (2 * k_)
    assert sp.simplify(value - by_hand) == 0


def test_theorem7_factor_two_refuted_with_parseval_instances():
    statement, correction = _run("dyn.theorem7")
    check = statement.checks[0]
    assert check.outcome is Outcome.FAILS
    assert check.evidence["instance"]["F_size"] == 16.0          # the complete parity class
    assert correction.verdict is Verdict.SUPPORTED


def test_theorem8_step_015_fails_along_the_flows():
    statement, correction = _run("dyn.theorem8.step_015")
    check = statement.checks[0]
    assert check.outcome is Outcome.FAILS and check.evidence["relative_margin_precise"] < -1e-3
    assert check.evidence["instance"]["t"] > 0
    assert correction.checks[0].outcome is Outcome.HOLDS


def test_gronwall_rate_missing_sqrt2():
    statement, correction = _run("dyn.theorem8.gronwall")
    assert statement.checks[0].outcome is Outcome.GAP
    assert "sqrt(2)" in statement.checks[0].evidence["comparison_solution"]
    assert correction.verdict is Verdict.PROVED


def test_union_bound_refuted_with_confidence():
    statement, correction = _run("dyn.lemma11.union_bound")
    ev = statement.checks[0].evidence
    assert ev["interval"][1] < ev["required_probability"]
    cev = correction.checks[0].evidence
    assert cev["interval"][0] >= cev["required_probability"]


def test_lemma11_width_and_theorem10_rate_gaps():
    width, _ = _run("dyn.lemma11.width")
    assert width.checks[0].outcome is Outcome.GAP
    assert sp.simplify(note.L11_NEEDED - 2 * sp.log(note.n**2 / note.delta) / note.lam**2) == 0
    rate, _ = _run("dyn.theorem10")
    assert rate.checks[0].outcome is Outcome.GAP
    assert note.LEMMA12_RATE == -note.m * note.lam / 2


def test_lazy_scalings_are_fitted_not_typed():
    statement, _ = _run("dyn.theorem13")
    ev = statement.checks[0].evidence
    assert ev["slope_interval"][1] < -1.0           # the gap decays much faster than 1/sqrt(m)
    lazy, _ = _run("dyn.lazy.displacement")
    lo, hi = lazy.checks[0].evidence["slope_interval"]
    assert lo < -0.5 < hi


def test_sd_barron_norm_representation_and_constant():
    # cos(t) = 1 - int_0^T cos(s) relu(t - s) ds on [0, T], and the path norm of that representation
    T = 2 * np.pi * 2
    sgrid = np.linspace(0.0, T, 200001)
    ds = sgrid[1] - sgrid[0]
    for t_ in (0.3, 2.0, 7.5, 12.0):
        integrand = np.cos(sgrid) * np.maximum(t_ - sgrid, 0.0)
        approx = 1 - ds * (integrand.sum() - 0.5 * (integrand[0] + integrand[-1]))
        assert abs(approx - np.cos(t_)) < 1e-6
    pn = 1 + ds * np.sum(np.abs(np.cos(sgrid)) * (2 + sgrid))
    assert abs(pn - float(note.PATH_NORM_COS.subs(note.d, 2))) < 1e-3
    assert sp.simplify(note.C_COS - (5 + 4 * sp.pi)) == 0
    statement, _ = _run("dyn.sd.barron_norm")
    assert statement.verdict is Verdict.PROVED


def test_theorem10_integral_constant_and_a_wrong_rate_is_a_gap(ctx):
    statement, _ = _run("dyn.theorem10.integral")
    assert statement.checks[0].evidence["constants"] == {"C": "2*sqrt(2)"}
    claim = BY_ID["dyn.theorem10.integral"]
    wrong = Statement(sp.Le(note.Gam, note.C * note.M_th / (note.m**2 * note.lam)))
    assert claim.checks[0].run(wrong, ctx).outcome is Outcome.GAP


def test_gamma_le_one_search_finds_a_too_small_bound(ctx):
    claim = BY_ID["dyn.theorem10.gamma_le_one"]
    st = claim.statement
    wrong = Statement(sp.Le(note.gam, sp.Rational(1, 10)), assuming=st.assuming, where=st.where)
    assert claim.checks[0].run(wrong, ctx).outcome is Outcome.FAILS
    statement, _ = _run("dyn.theorem10.gamma_le_one")
    assert statement.verdict is Verdict.SUPPORTED


def test_expansion_remainder_is_first_order_small_not_second():
    statement, _ = _run("dyn.lazy.expansion")
    lo, hi = statement.checks[0].evidence["slope_interval"]
    assert 0.9 < lo <= hi < 1.1                       # remainder / ||theta - theta_0|| ~ epsilon
    claim = BY_ID["dyn.lazy.expansion"]
    wrong = Statement(sp.Eq(note.Rem, sp.O(note.eps**2, (note.eps, 0)), evaluate=False))
    assert claim.checks[0].run(wrong, Context(seed=0, claim_id="test")).outcome is Outcome.FAILS


def test_tangent_kernel_as_written_ignores_x_prime_and_is_refuted():
    env = note.tangent_kernels(Context(seed=0, claim_id="test"), False)
    Kw, Kc, Kl = env["K_w"], env["K_c"], env["K_lin"]
    assert np.allclose(Kw, Kw[:, :, :1])                # constant in x'
    assert not np.allclose(Kw, np.swapaxes(Kw, 1, 2))   # not symmetric
    assert np.allclose(Kc, Kl) and np.allclose(np.diagonal(Kw, axis1=1, axis2=2), np.diagonal(Kl, axis1=1, axis2=2))
    statement, correction = _run("dyn.lazy.tangent_kernel")
    check = statement.checks[0]
    assert check.outcome is Outcome.FAILS and "replay" in check.evidence
    assert correction.checks[0].outcome is Outcome.HOLDS


def test_lambda_n_decay_is_fitted_far_faster_than_n_to_minus_one_over_d():
    statement, correction = _run("dyn.lemma11.remark_decay")
    ev = statement.checks[0].evidence
    assert statement.checks[0].outcome is Outcome.FAILS and ev["slope_interval"][0] > 1.0
    assert correction.checks[0].outcome is Outcome.HOLDS
    env = note.pair_interlacing(Context(seed=0, claim_id="test"), False)
    lam_min = np.linalg.eigvalsh(env["Kmat"])[:, 0]
    assert np.all(lam_min <= env["pair_gap"] + 1e-15) and np.all(env["pair_gap"] < 1e-3)


# ---------------------------------------------------------------------------------------------
# Enumeration
# ---------------------------------------------------------------------------------------------
i_ = sp.Symbol("i", integer=True)
d_ = sp.Symbol("d", positive=True, integer=True)
X, V, W = sp.IndexedBase("x"), sp.IndexedBase("v"), sp.IndexedBase("w")


class TestEnumeration:
    def test_identity_on_a_fixed_cube_is_a_proof(self, ctx):
        y1, y2 = sp.symbols("y1 y2")
        r = Enumeration(cubes={"y1": "pm1", "y2": "pm1"}).run(Statement(sp.Eq(y1**2 * y2**2, 1, evaluate=False)), ctx)
        assert r.outcome is Outcome.HOLDS and r.kind == SYMBOLIC and r.evidence["exact"]
        assert r.evidence["points"] == 4

    def test_wrong_identity_fails_with_exact_counterexample(self, ctx):
        y1, y2 = sp.symbols("y1 y2")
        r = Enumeration(cubes={"y1": "pm1", "y2": "pm1"}).run(Statement(sp.Eq(y1 * y2, 1, evaluate=False)), ctx)
        assert r.outcome is Outcome.FAILS and r.kind == SYMBOLIC
        y = r.evidence["counterexample"]
        assert y["y1"] * y["y2"] == -1

    def test_dimensions_make_it_numeric_evidence(self, ctx):
        st = Statement(sp.Eq((-1) ** sp.Sum(X[i_], (i_, 1, d_)) * (-1) ** sp.Sum(X[i_], (i_, 1, d_)), 1, evaluate=False))
        r = Enumeration(cubes={"x": "01"}, dims={"d": (1, 2, 3)}).run(st, ctx)
        assert r.outcome is Outcome.HOLDS and r.kind == NUMERIC
        assert r.evidence["points"] == 2 + 4 + 8

    def test_parity_orthonormality_and_a_wrong_gram(self, ctx):
        VX = sp.Sum((V[i_] + W[i_]) * X[i_], (i_, 1, d_))
        delta = sp.Product(sp.KroneckerDelta(V[i_], W[i_]), (i_, 1, d_))
        good = Statement(sp.Eq(cube_mean((-1) ** VX, X, d_), delta, evaluate=False))
        bad = Statement(sp.Eq(cube_mean((-1) ** VX, X, d_), 1, evaluate=False))
        chk = Enumeration(cubes={"x": "01", "v": "01", "w": "01"}, dims={"d": (1, 2, 3)})
        assert chk.run(good, ctx).outcome is Outcome.HOLDS
        r = chk.run(bad, ctx)
        assert r.outcome is Outcome.FAILS and r.evidence["exact"]
        assert "x[1]" not in r.evidence["counterexample"]          # x is averaged over, not a free variable

    def test_hat_representation_holds_and_a_shifted_one_fails(self, ctx):
        s = sp.Sum(V[i_] * X[i_], (i_, 1, d_))
        j = sp.Symbol("j", integer=True)
        net = sp.Sum((-1) ** j * hat_sym(s - j), (j, 0, d_))
        chk = Enumeration(cubes={"x": "01", "v": "01"}, dims={"d": (1, 2, 3, 4)})
        assert chk.run(Statement(sp.Eq((-1) ** s, net, evaluate=False)), ctx).outcome is Outcome.HOLDS
        shifted = sp.Sum((-1) ** j * hat_sym(s - j - sp.Rational(1, 4)), (j, 0, d_))
        assert chk.run(Statement(sp.Eq((-1) ** s, shifted, evaluate=False)), ctx).outcome is Outcome.FAILS

    def test_hypotheses_restrict_the_points(self, ctx):
        y1, y2 = sp.symbols("y1 y2")
        st = Statement(sp.Ge(y1 + y2, 1), assuming=[sp.Ge(y1, 1), sp.Ge(y2, 0)])
        r = Enumeration(ranges={"y1": range(0, 3), "y2": range(0, 3)}).run(st, ctx)
        assert r.outcome is Outcome.HOLDS and r.evidence["points"] == 6
        assert r.kind == NUMERIC                                   # truncated ranges
        r = Enumeration(ranges={"y1": range(0, 3), "y2": range(0, 3)}, complete=True).run(st, ctx)
        assert r.kind == SYMBOLIC

    def test_float_fallback_confirms_failures_at_50_digits(self, ctx):
        st = Statement(sp.Le(sp.cos(sp.pi * sp.Sum(X[i_], (i_, 1, d_))), sp.Rational(1, 2)))
        r = Enumeration(cubes={"x": "01"}, dims={"d": (2,)}).run(st, ctx)
        assert r.outcome is Outcome.FAILS and r.kind == NUMERIC and not r.evidence["exact"]
        ok = Statement(sp.Le(sp.cos(sp.pi * sp.Sum(X[i_], (i_, 1, d_))), 1))
        assert Enumeration(cubes={"x": "01"}, dims={"d": (2,)}).run(ok, ctx).outcome is Outcome.HOLDS

    def test_roundoff_is_not_a_counterexample(self, ctx):
        # cos(pi x) for x in {0, 1} equals (-1)^x up to float round-off only
        y = sp.Symbol("y")
        st = Statement(sp.Eq(sp.cos(sp.pi * y / 3) ** 2 + sp.sin(sp.pi * y / 3) ** 2, 1, evaluate=False))
        assert Enumeration(ranges={"y": range(0, 7)}).run(st, ctx).outcome is Outcome.HOLDS

    def test_exact_arithmetic_with_negative_powers(self, ctx):
        y = sp.Symbol("y")
        st = Statement(sp.Eq(2 ** (-y) * 2**y, 1, evaluate=False))
        r = Enumeration(ranges={"y": range(-3, 4)}, complete=True).run(st, ctx)
        assert r.outcome is Outcome.HOLDS and r.evidence["exact"]

    def test_functions_numpy_lacks_are_evaluated_pointwise(self, ctx):
        st = Statement(sp.Eq(sp.binomial(2 * d_, d_), sp.factorial(2 * d_) / sp.factorial(d_) ** 2, evaluate=False))
        assert Enumeration(dims={"d": (1, 5, 10)}).run(st, ctx).outcome is Outcome.HOLDS
        wrong = Statement(sp.Ge(sp.binomial(2 * d_, d_), 4**d_ / 2))
        assert Enumeration(dims={"d": (1, 5, 10)}).run(wrong, ctx).outcome is Outcome.FAILS

    def test_too_many_points_is_an_error(self, ctx):
        st = Statement(sp.Ge(sp.Sum(X[i_], (i_, 1, d_)), 0))
        with pytest.raises(ValueError):
            Enumeration(cubes={"x": "01"}, dims={"d": (int(math.log2(MAX_POINTS)) + 2,)}).run(st, ctx)

    def test_missing_values_are_an_error(self, ctx):
        y = sp.Symbol("y")
        with pytest.raises(KeyError):
            Enumeration().run(Statement(sp.Ge(y, 0)), ctx)


def test_cube_mean_doit_matches_enumeration():
    expr = cube_mean(X[1] * X[2] + X[1], X, 2, "pm1")
    assert isinstance(expr, CubeMean)
    assert expr.doit() == 0
    assert cube_mean(X[1] + X[2], X, 2).doit() == 1
    assert sp.latex(cube_mean(X[1], X, 2)).startswith(r"\mathbb{E}_{x \sim \mathrm{Unif}(\{0,1\}^{2})}")


# ---------------------------------------------------------------------------------------------
# CaseSplit and InitialValueGronwall
# ---------------------------------------------------------------------------------------------
z = sp.Symbol("z", real=True)
s_nn = sp.Symbol("s", nonnegative=True)
s_pos = sp.Symbol("s", positive=True)


class TestCaseSplit:
    def test_step_identity_proved_on_covering_cases(self, ctx):
        st = Statement(sp.Eq(step_sym(z), ReLU(2 * z) - ReLU(2 * z - 1), evaluate=False),
                       assuming=[sp.Ge(sp.Abs(z), sp.Rational(1, 2))])
        r = CaseSplit(z, [sp.Rational(1, 2) + s_nn, -sp.Rational(1, 2) - s_nn], Identity()).run(st, ctx)
        assert r.outcome is Outcome.HOLDS and r.kind == SYMBOLIC

    def test_cases_that_do_not_cover_stay_undecided(self, ctx):
        st = Statement(sp.Eq(step_sym(z), ReLU(2 * z) - ReLU(2 * z - 1), evaluate=False),
                       assuming=[sp.Ge(sp.Abs(z), sp.Rational(1, 4))])
        r = CaseSplit(z, [sp.Rational(1, 2) + s_nn, -sp.Rational(1, 2) - s_nn], Identity()).run(st, ctx)
        assert r.outcome is Outcome.UNDECIDED and "do not cover" in r.summary

    def test_failing_case_refutes(self, ctx):
        st = Statement(sp.Eq(step_sym(z), ReLU(2 * z) - ReLU(2 * z - 1), evaluate=False))
        r = CaseSplit(z, [s_pos, 0, -s_pos], Identity()).run(st, ctx)
        assert r.outcome is Outcome.FAILS and "case z = s" in r.summary       # fails for 0 < z < 1/2

    def test_limit_of_relu_differences(self, ctx):
        a = sp.Symbol("a", positive=True)
        lim = sp.Limit(relu_abs(a * z) - relu_abs(a * z - 1), a, sp.oo)
        good = Statement(sp.Eq(step_sym(z, 0), lim, evaluate=False))
        assert CaseSplit(z, [s_pos, 0, -s_pos], Identity()).run(good, ctx).outcome is Outcome.HOLDS


class TestInitialValueGronwall:
    dl = sp.Function("delta", nonnegative=True)
    t = sp.Symbol("t", nonnegative=True)
    A, L, G = sp.symbols("A L G", positive=True)

    def _statement(self, rate):
        dl, t, A, L, G = self.dl, self.t, self.A, self.L, self.G
        return Statement(sp.Le(dl(t), sp.sqrt(G / (2 * L)) * (sp.exp(rate * t) - 1)),
                         assuming=[sp.Le(sp.Derivative(dl(t), t), A * (sp.sqrt(2 * L) * dl(t) + sp.sqrt(G))), sp.Eq(dl(0), 0)])

    def test_exact_solution_holds(self, ctx):
        r = InitialValueGronwall().run(self._statement(self.A * sp.sqrt(2 * self.L)), ctx)
        assert r.outcome is Outcome.HOLDS and r.kind == SYMBOLIC

    def test_too_small_rate_is_a_gap(self, ctx):
        r = InitialValueGronwall().run(self._statement(self.A * sp.sqrt(self.L)), ctx)
        assert r.outcome is Outcome.GAP

    def test_needs_an_initial_value(self, ctx):
        dl, t = self.dl, self.t
        st = Statement(sp.Le(dl(t), sp.exp(t)), assuming=[sp.Le(sp.Derivative(dl(t), t), dl(t))])
        with pytest.raises(ValueError):
            InitialValueGronwall().run(st, ctx)


# ---------------------------------------------------------------------------------------------
# features: formulas against brute force, and must-fail cases
# ---------------------------------------------------------------------------------------------

def test_parity_matrix_is_a_scaled_orthogonal_basis():
    P = parity_matrix(4)
    assert np.array_equal(P @ P.T, 16 * np.eye(16))
    assert not np.array_equal(P[:, :8] @ P[:, :8].T, 8 * np.eye(16))      # half the cube is not enough


@pytest.mark.parametrize("d", [1, 2, 3])
def test_relu_kernel_sphere_against_monte_carlo(d):
    rng = np.random.default_rng(0)
    X = sphere_points(rng, (3,), d) * np.array([[1.0], [2.0], [0.5]])
    B = sphere_points(rng, (1, 400_000), d)
    K_mc = empirical_kernel(B, X)[0]
    assert np.allclose(K_mc, arccos(X, degree=1, sphere=True), atol=5e-3)
    assert not np.allclose(K_mc, d * arccos(X, degree=1, sphere=True), atol=5e-3) or d == 1   # the Gaussian kernel is d times larger


def test_balanced_kernel_and_gram_formula():
    rng = np.random.default_rng(1)
    X = sphere_points(rng, (3,), 3)
    a = rng.standard_normal((20000, 16)) / 4.0
    B = rng.standard_normal((20000, 16, 3)) / np.sqrt(16 * 3)
    Gm = empirical_ntk(B, a, X, mean=False)
    assert np.allclose(Gm.mean(axis=0), ntk_limit(X, sphere=True), atol=1e-2)
    assert not np.allclose(Gm.mean(axis=0), arccos(X, degree=1, sphere=True), atol=1e-2)        # the a^2 term matters
    J = network_jacobian(a[:2], B[:2], X)
    assert np.allclose(J @ np.swapaxes(J, 1, 2), Gm[:2])
    assert np.allclose(arccos(X)[0, 0], 0.5)


def test_network_jacobian_and_risk_gradient_against_finite_differences():
    rng = np.random.default_rng(2)
    X, y = sphere_points(rng, (4,), 3), rng.standard_normal(4)
    a, B = rng.standard_normal((1, 5)), rng.standard_normal((1, 5, 3))
    ga, gb = risk_gradient(a, B, X, y)
    h = 1e-6

    def risk(a_, B_):
        return float(np.mean((network(a_, B_, X) - y) ** 2) / 2)

    E = np.eye(5)
    fd_a = [(risk(a + h * E[k], B) - risk(a - h * E[k], B)) / (2 * h) for k in range(5)]
    assert np.allclose(ga[0], fd_a, atol=1e-6)
    dB = np.zeros_like(B)
    dB[0, 2, 1] = h
    assert np.isclose(gb[0, 2, 1], (risk(a, B + dB) - risk(a, B - dB)) / (2 * h), atol=1e-6)
    J = network_jacobian(a, B, X)
    assert np.allclose(J[0, :, :5], np.maximum(B[0] @ X.T, 0).T)


def test_flow_020_is_n_times_the_gradient_flow():
    rng = np.random.default_rng(3)
    X, y = np.eye(3), np.array([1.0, -1.0, 0.5])
    a0, B0 = 0.1 * rng.standard_normal((1, 4)), sphere_points(rng, (1, 4), 3)
    tt = np.array([0.0, 1e-4])
    a, B, E = flow_020(a0, B0, X, y, tt, integrals=True)
    ga, gb = risk_gradient(a0, B0, X, y)
    assert np.allclose((a[0, 1] - a[0, 0]) / 1e-4, -3 * ga[0], rtol=1e-3)
    assert not np.allclose((a[0, 1] - a[0, 0]) / 1e-4, -ga[0], rtol=1e-3)
    assert np.allclose(E[0, 1], 1e-4 * (network(a0, B0, X) - y)[0], rtol=1e-3)
    ar, Br, _ = flow_020(a0, B0, X, y, tt, random_features=True)
    assert np.array_equal(Br[0, 1], B0[0])


def test_sine_model_lipschitz_constant_is_valid_and_tight_enough():
    model = SineModel(2, cube(3).astype(float))
    rng = np.random.default_rng(4)
    th1, th2 = rng.standard_normal((2, 500, 2, 4))
    lhs = np.mean(np.sum((model.grad(th1) - model.grad(th2)) ** 2, axis=(-1, -2)), axis=-1)
    dist = np.sum((th1 - th2) ** 2, axis=(-1, -2))
    assert np.all(lhs <= model.lipschitz * dist)
    assert not np.all(lhs <= 0.01 * model.lipschitz * dist)
    assert np.all(np.abs(model.value(th1)) <= 1)
    assert np.allclose(model.G(th1), np.mean(np.sum(model.grad(th1) ** 2, axis=(-1, -2)), axis=-1))


def test_sine_hinge_gradient_against_finite_differences():
    model = SineModel(1, cube(2).astype(float))
    P = parity_matrix(2)
    th = np.array([[[0.3, -0.2, 0.5]]])
    g = model.hinge_gradient(th, P[None, 1])
    h, e = 1e-6, np.zeros_like(th)
    e[0, 0, 1] = h

    def risk(theta):
        return float(np.mean(np.maximum(0, 1 - model.value(theta) * P[1])))

    assert np.isclose(g[0, 0, 1], (risk(th + e) - risk(th - e)) / (2 * h), atol=1e-7)


def test_tanh_net_gradient_against_finite_differences():
    rng = np.random.default_rng(5)
    net = TanhNet.random(rng, 1, 3, 2)
    X = cube(2).astype(float)
    g = net.grad(X)
    h = 1e-6
    W2 = net.W.copy()
    W2[0, 1, 0] += h
    W1 = net.W.copy()
    W1[0, 1, 0] -= h
    fd = (TanhNet(net.c, W2, net.b).value(X) - TanhNet(net.c, W1, net.b).value(X)) / (2 * h)
    assert np.allclose(g[0, :, 3 + 1 * 2 + 0], fd[0], atol=1e-7)


def test_objective_families():
    rng = np.random.default_rng(6)
    th = rng.standard_normal((3, 50, 3)) * 2
    well = CoshWell(rng.uniform(0.05, 0.3, (3, 3)), rng.uniform(0.5, 2, (3, 3)))
    R, g = well.value(th), np.linalg.norm(well.grad(th), axis=-1)
    assert np.all(g >= well.pl_norm_constant[:, None] * R)
    assert np.all(g**2 >= well.pl_squared_constant[:, None] * R - 1e-12)
    assert not np.all(g**2 >= 10 * well.pl_squared_constant[:, None] * R)      # a wrong constant fails
    cos = CosineLandscape(rng.standard_normal((3, 4, 3)), rng.uniform(0.5, 2, (3, 4)))
    assert np.all(cos.value(th) >= 0) and np.allclose(cos.value(np.zeros((3, 1, 3))), 0)
    conv = LogCoshConvex(rng.standard_normal((3, 5, 3)), rng.uniform(0.2, 3, (3, 5)), rng.standard_normal((3, 3)))
    assert np.allclose(conv.grad(conv.star[:, None]), 0) and np.all(conv.value(th) >= 0)
    h, e = 1e-6, np.zeros((3, 1, 3))
    e[..., 0] = h
    fd = (conv.value(th[:, :1] + e) - conv.value(th[:, :1] - e)) / (2 * h)
    assert np.allclose(conv.grad(th[:, :1])[..., 0], fd, atol=1e-6)


def test_torus_gram_is_exact_and_aliases_on_a_coarse_grid():
    W = compositions_up_to(2, 2)
    Gm = torus_cosine_gram(W)
    expected = 0.5 * (np.all(W[:, None] == W[None], axis=-1).astype(float) + np.all(W[:, None] == -W[None], axis=-1))
    assert np.allclose(Gm, expected, atol=1e-14)
    assert not np.allclose(torus_cosine_gram(W, points=2), expected, atol=1e-3)   # too few points alias


@pytest.mark.parametrize("d", [1, 2, 3, 4, 5])
def test_composition_count_is_binomial(d):
    assert len(compositions_up_to(d, d)) == comb(2 * d, d) == int(note.S_D_SIZE.subs(note.d, d))
    assert len(compositions_up_to(d, d)) != 2**d or d == 1


def test_relu_and_path_norm_helpers():
    x_ = sp.Symbol("x", real=True)
    assert ReLU(sp.Rational(-3, 2)) == 0 and ReLU(sp.Rational(3, 2)) == sp.Rational(3, 2)
    assert ReLU(s_nn + 1) == s_nn + 1
    assert sp.diff(ReLU(2 * x_), x_) == 2 * sp.Heaviside(2 * x_)
    assert sp.simplify(ReLU(x_).rewrite(sp.Abs) - (x_ + sp.Abs(x_)) / 2) == 0
    assert sp.latex(ReLU(x_)) == r"\operatorname{ReLU}\left(x\right)"
    assert path_norm([(2, 3, -1), (-1, 1, 2)], output_bias=-5) == 2 * 4 + 1 * 3 + 5
    assert path_norm([(2, 3, -1)]) != 2 * 3           # the bias counts
    assert hat_sym(0) == 1 and hat_sym(sp.Rational(1, 2)) == 0 and hat_sym(sp.Rational(1, 4)) == sp.Rational(1, 2)


def test_multilayer_initial_gram_without_the_half_is_refuted_at_every_width():
    statement, correction = _run("dyn.multilayer.init_gram")
    check = statement.checks[0]
    assert check.outcome is Outcome.FAILS and check.evidence["replay_interval"][1] < 0.5
    assert correction.checks[0].outcome is Outcome.HOLDS


def test_multilayer_displacement_order_one_over_m_is_refuted_by_the_fit():
    statement, correction = _run("dyn.multilayer.displacement")
    check = statement.checks[0]
    assert check.outcome is Outcome.FAILS and check.evidence.get("replayed_precisely")
    assert -0.6 < check.evidence["slope"] < -0.4
    assert correction.checks[0].outcome is Outcome.HOLDS


def _event_rate(claim_id, event, trials=400):
    """Fraction of the check's draws (fast mode) in which ``event`` holds: the events a wrong constant or rate
    would give, without the precise replay a refutation triggers (tens of seconds at these widths)."""
    from verify.checks.numeric import relative_margin
    claim = BY_ID[claim_id]
    env = claim.checks[0].simulate(Context(seed=0, claim_id=claim.id, check_name=claim.checks[0].name), trials, False)
    margin = relative_margin(event, env)
    return float((margin >= -1e-9).reshape(margin.shape[0], -1).all(axis=1).mean())


def test_theorem13_bound_holds_in_every_draw_and_a_bound_a_thousand_times_smaller_fails():
    event = BY_ID["dyn.theorem13.probability"].statement.relation.lhs.args[0]
    assert _event_rate("dyn.theorem13.probability", event) == 1.0
    assert _event_rate("dyn.theorem13.probability", sp.Le(event.lhs, event.rhs / 1000)) < 0.5


def test_theorem10_rate_holds_in_every_draw_and_a_rate_three_times_faster_fails():
    event = BY_ID["dyn.theorem10.probability"].statement.relation.lhs.args[0]
    assert _event_rate("dyn.theorem10.probability", event) == 1.0
    faster = sp.Le(note.R_t, sp.exp(-3 * note.m * note.lam * note.t) * note.R_0)
    assert _event_rate("dyn.theorem10.probability", faster) < 0.5


def test_pair_interlacing_compares_each_draw_with_its_own_gap():
    env = note.pair_interlacing(Context(seed=3, claim_id="dyn.lemma11.remark_decay"), False)
    assert env["pair_gap"].ndim == env["Kmat"].ndim and env["pair_gap"].shape[0] == env["Kmat"].shape[0]
    lam_min = np.linalg.eigvalsh(env["Kmat"])[:, 0]
    assert np.all(lam_min <= env["pair_gap"][:, 0, 0] + 1e-12)


def test_strengthened_instances_kill_the_mutants_that_survived():
    """Mutation testing found instances that never reached the regime where a changed constant fails: the
    neighbourhood check now has narrow initialisations (lambda_n(K_hat(theta_0)) near lambda/2), the gradient
    bound thetas with ||theta||^2 < 1/2, and the two-sided Hoeffding bound a width where it is not vacuous."""
    def outcome(claim_id, relation, assuming=(), target="statement", index=0):
        claim = BY_ID[claim_id]
        checks = claim.correction.checks if target == "correction" and claim.correction.checks else claim.checks
        check = checks[index]
        return check.run(Statement(relation, assuming=assuming), Context(seed=0, claim_id=claim_id, check_name=check.name,
                                                                          target=target)).outcome
    hyp = BY_ID["dyn.neighbourhood"].statement.assuming
    chain = note.LambdaMin(note.Kh0) - note.FrobNorm(note.Kh0 - note.Kh)
    assert outcome("dyn.neighbourhood", sp.Ge(chain, note.lam / 4), hyp) is Outcome.HOLDS
    assert outcome("dyn.neighbourhood", sp.Ge(chain, note.lam / 2), hyp) is Outcome.FAILS
    assert outcome("dyn.theorem10.gradient_bound", sp.Le(note.gradsq, 2 * note.R_theta * note.thetasq)) is Outcome.HOLDS
    assert outcome("dyn.theorem10.gradient_bound", sp.Le(note.R_theta, 2 * note.R_theta * note.thetasq)) is Outcome.FAILS
    flipped = sp.Ge(note.Prob(sp.Gt(note.D_dev, note.eps)), 1 - 2 * sp.exp(-2 * note.m * note.eps**2))
    assert outcome("dyn.lemma11.hoeffding", flipped, target="correction", index=0) is Outcome.HOLDS     # vacuous at m = 1
    assert outcome("dyn.lemma11.hoeffding", flipped, target="correction", index=1) is Outcome.FAILS
