"""Note 001 encoded end to end (quotes verbatim and in the note's order, every flagged claim corrected,
every computed verdict equal to its oracle, the note's errors found by the checks), and unit tests of
the reusable kernel mathematics in verify/kernels.py -- each with a case where a wrong formula fails."""
from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

import claims.note001_gd_global_convergence as note
from verify.maths.kernels import (WidthBatch, active, finite_width_gram, orthant_probability_integral, relu_ntk,
                            relu_ntk_entry)
from verify.core.model import Context, Outcome, Statement, Verdict
from verify.maths.models import unit_vectors
from verify.checks.numeric import OrderFit, Simulation
from verify.run.registry import module_claims
from verify.run.runner import run_claim
from verify.checks.search import Domain
from verify.checks.symbolic import Identity

BY_ID = {c.id: c for c in module_claims(note)}


def run(claim_id):
    return run_claim(BY_ID[claim_id], seed=0, budget="quick")


def check(evaluation, name):
    return next(c for c in evaluation.checks if c.check == name)


# ---------------------------------------------------------------------------------------------
# the note's claims
# ---------------------------------------------------------------------------------------------

def test_dropped_minus_one_over_n_is_found_at_a_point():
    statement, correction = run("gd.s3.bracket_form")
    r = statement.checks[0]
    assert r.outcome is Outcome.FAILS and r.kind == "numeric" and "counterexample" in r.evidence
    assert correction.checks[0].outcome is Outcome.HOLDS and correction.checks[0].kind == "symbolic"


def test_loss_without_one_half_doubles_the_dynamics():
    """Along the flow of the written objective (1/n) sum (f - y)^2, du/dt = -(2/n) H (u - y) exactly."""
    doubled = Statement(sp.Eq(note._dudt, -2 * note._H_GEN * note._RES_GEN / note.N_DATA, evaluate=False))
    r = Identity(flow=note._gen_flow(note.OBJECTIVE_AS_WRITTEN)).run(doubled, Context(claim_id="t"))
    assert r.outcome is Outcome.HOLDS and r.kind == "symbolic"
    assert run("gd.s5.objective")[0].checks[0].outcome is Outcome.FAILS


def test_gradient_with_a_sum_over_r_is_refuted_for_relu():
    statement, correction = run("gd.s5.gradient")
    assert statement.checks[0].outcome is Outcome.FAILS and "counterexample" in statement.checks[0].evidence
    assert correction.verdict is Verdict.PROVED


def test_theorem_rate_is_twice_the_stated_one():
    """Grönwall on the proof's own inequality gives exp(-2 lambda_0 t/n); the flow with H = lambda_0 I
    attains it, so exp(-3 lambda_0 t/n) fails in simulation while the corrected rate holds."""
    statement, correction = run("gd.theorem3_1.rate")
    assert statement.verdict is Verdict.LOOSE
    assert "exp(-2*lambda_0*t/n)" in statement.checks[0].evidence["comparison_solution"]
    sim = Simulation(note.convergence_flows, name="flows")
    ctx = Context(claim_id="gd.theorem3_1", check_name="flows")
    assume = [sp.Ge(note.LambdaMin(note.H_t), note.lam0)]

    def bound(k):
        rel = sp.Le(note.Norm(note.u_t - note.y) ** 2 / 2, note.Norm(note.u_0 - note.y) ** 2 / 2 * sp.exp(-k * note.lam0 * note.t / note.n))
        return sim.run(Statement(rel, assuming=assume), ctx)

    tight = bound(2)
    assert tight.outcome is Outcome.HOLDS and tight.evidence["min_relative_margin"] < 1e-6
    too_fast = bound(3)
    assert too_fast.outcome is Outcome.FAILS and too_fast.evidence["relative_margin_precise"] < 0


def test_hoeffding_fails_for_every_constant_and_the_correction_holds():
    statement, correction = run("gd.s5_1.hoeffding")
    own = [c for c in statement.checks if c.kind != "scaling"]            # the scaling check holds (|Z_i| <= 1 fixes [Z])
    assert [c.outcome for c in own] == [Outcome.FAILS] * 3
    assert all(c.evidence["interval"][1] < c.evidence["required_probability"] for c in own)
    assert sp.simplify(note.HOEFFDING_N - 2 * sp.log(2 / note.delta) / note.eps**2) == 0
    assert [c.outcome for c in correction.checks] == [Outcome.HOLDS, Outcome.HOLDS, Outcome.HOLDS]


def test_pattern_change_bound_fails_exactly_when_inputs_are_negatively_correlated():
    claim = BY_ID["gd.s5_2.pattern_change"]
    env = note.pattern_configurations(Context(), False)
    from verify.checks.numeric import relative_margin
    margin = relative_margin(claim.statement.conclusion, env)
    negative = env["x_ij"] < 0
    assert np.all(margin[~negative] >= 0) and np.any(margin[negative] < 0)
    assert np.all(relative_margin(claim.correction.statement.conclusion, env) >= 0)


def test_frobenius_and_width_constants():
    assert sp.simplify(note.FROB_FROM_ENTRIES - note.n * note.eps) == 0
    assert sp.simplify(note.WIDTH_NEEDED - 8 * note.n**6 * note.rho_res**2 / (sp.pi * note.lam0**2 * note.eps**2)) == 0
    assert sp.simplify(note.DISPLACEMENT_UNIFORM - sp.sqrt(note.n) * note.R0 / (sp.sqrt(note.m) * note.lam0)) == 0
    statement, correction = run("gd.s5_2.width")
    assert statement.verdict is Verdict.GAP and correction.checks[0].evidence["constants"] == {"C": "8/pi"}


def test_kernel_predictor_misses_the_initial_output():
    lhs, rhs = note.F_TE_LIMIT, (note._Kte * note._Hsym.inv() * note._ysym)[0]
    missing = note._f0 - (note._Kte * note._Hsym.inv() * note._u0sym)[0]
    assert sp.simplify(lhs - rhs - missing) == 0
    assert run("gd.s5_3.kernel_predictor")[0].checks[0].outcome is Outcome.FAILS


def test_lazy_fit_rejects_a_wrong_rate():
    """The displacement simulation is not a check that cannot fail: claiming O(1/m) is refuted."""
    wrong = Statement(sp.Eq(note.D_sup, sp.O(1 / note.m, (note.m, sp.oo)), evaluate=False))
    r = OrderFit(note.lazy_displacement, name="displacement order in m").run(wrong, Context(claim_id="gd.s5_2.lazy_scaling"))
    assert r.outcome is Outcome.FAILS and -0.6 < r.evidence["slope"] < -0.4


# ---------------------------------------------------------------------------------------------
# verify/kernels.py
# ---------------------------------------------------------------------------------------------

@pytest.fixture
def rng():
    return np.random.default_rng(7)


class TestKernelSymbolic:
    rho = sp.Symbol("rho", real=True)

    def test_integral_derives_the_closed_form(self):
        st = Statement(sp.Eq(self.rho * orthant_probability_integral(self.rho), relu_ntk_entry(self.rho), evaluate=False))
        r = Identity(domains={"rho": Domain(-1, 1)}).run(st, Context())
        assert r.outcome is Outcome.HOLDS and r.kind == "symbolic"

    def test_wrong_closed_form_fails(self):
        wrong = self.rho * (sp.pi - sp.acos(self.rho)) / sp.pi          # 1/pi instead of 1/(2 pi)
        st = Statement(sp.Eq(self.rho * orthant_probability_integral(self.rho), wrong, evaluate=False))
        assert Identity(domains={"rho": Domain(-1, 1)}).run(st, Context()).outcome is Outcome.FAILS

    def test_known_probabilities(self):
        for value, prob in ((1, sp.Rational(1, 2)), (0, sp.Rational(1, 4)), (-1, 0)):
            assert sp.simplify(orthant_probability_integral(sp.Integer(value)).doit() - prob) == 0


class TestKernelNumeric:
    def test_cross_kernel_matches_the_square_kernel_and_known_angles(self, rng):
        X = rng.standard_normal((5, 3))
        assert np.array_equal(relu_ntk(X, X), relu_ntk(X))
        e = np.eye(2)
        K = relu_ntk(np.array([[2.0, 0.0]]), np.vstack([e, -e]))
        assert np.allclose(K, [[1.0, 0.0, 0.0, 0.0]])                  # parallel: |x||x'|/2; orthogonal, opposite: 0

    def test_cross_kernel_matches_monte_carlo_and_a_wrong_kernel_does_not(self, rng):
        A, B = rng.standard_normal((3, 4)), rng.standard_normal((2, 4))
        w = rng.standard_normal((200_000, 4))
        mc = (A @ B.T) * ((w @ A.T >= 0)[:, :, None] & (w @ B.T >= 0)[:, None, :]).mean(0)
        assert np.allclose(relu_ntk(A, B), mc, atol=0.01)
        cos = (A @ B.T) / np.outer(np.linalg.norm(A, axis=1), np.linalg.norm(B, axis=1))
        wrong = (A @ B.T) * (np.pi - np.arccos(cos)) / np.pi
        assert not np.allclose(wrong, mc, atol=0.01)

    def test_finite_width_gram_is_the_gradient_gram(self, rng):
        m, d, X = 6, 3, rng.standard_normal((4, 3))
        W, a = rng.standard_normal((m, d)), rng.choice([-1.0, 1.0], m)
        J = np.einsum("r,ri,id->ird", a, active(W, X), X).reshape(4, -1) / math.sqrt(m)
        assert np.allclose(finite_width_gram(W, X, a), J @ J.T)
        assert not np.allclose(finite_width_gram(W, X, a), m * J @ J.T)

    def test_width_batch_outputs_velocity_gram(self, rng):
        X = unit_vectors(rng, 3, 4)
        batch = WidthBatch.coupled(rng, (4, 8), 2, X).with_labels(rng.uniform(-1, 1, 3))
        assert np.array_equal(batch.sizes, [4, 8, 4, 8])
        # common random numbers: width 4 is the prefix of width 8 in each seed
        assert np.array_equal(batch.W0[:4], batch.W0[4:8]) and np.array_equal(batch.W0[12:16], batch.W0[16:20])
        u = batch.outputs(batch.W0)
        k = 1                                                            # instance 1: seed 0, width 8
        rows = slice(batch.starts[k], batch.starts[k] + 8)
        explicit = (batch.a[rows] @ np.maximum(batch.W0[rows] @ X.T, 0)) / math.sqrt(8)
        assert np.allclose(u[k], explicit)
        assert np.allclose(batch.gram(batch.W0)[k], finite_width_gram(batch.W0[rows], X, batch.a[rows]))

        def loss(W):                                                     # (1/2n) sum_i (u_i - y_i)^2 per instance, summed
            return ((batch.outputs(W) - batch.y) ** 2).sum() / (2 * X.shape[0])

        h, v = 1e-6, batch.velocity(batch.W0)
        E = np.zeros_like(batch.W0)
        grad = np.empty_like(batch.W0)
        for idx in np.ndindex(*batch.W0.shape):                          # finite differences of a test oracle
            E[idx] = h
            grad[idx] = (loss(batch.W0 + E) - loss(batch.W0 - E)) / (2 * h)
            E[idx] = 0
        assert np.allclose(v, -grad, atol=1e-6)
        assert not np.allclose(v, -2 * grad, atol=1e-6)                  # the objective without 1/2

    def test_flow_follows_the_prediction_dynamics(self, rng):
        X = unit_vectors(rng, 3, 4)
        batch = WidthBatch.coupled(rng, (64,), 2, X).with_labels(rng.uniform(-1, 1, 3))
        tt = np.array([0.0, 1e-3, 30.0])
        W = batch.flow(tt, precise=True)
        u = batch.outputs(W)
        dudt = (u[1] - u[0]) / 1e-3
        predicted = -np.einsum("kij,kj->ki", batch.gram(batch.W0), u[0] - batch.y) / X.shape[0]
        assert np.allclose(dudt, predicted, rtol=1e-2, atol=1e-4)
        assert np.all(np.linalg.norm(u[2] - batch.y, axis=1) < 0.5 * np.linalg.norm(u[0] - batch.y, axis=1))


# ---------------------------------------------------------------------------------------------
# claims on trained networks and strongly convex flows
# ---------------------------------------------------------------------------------------------

def test_trained_networks_keep_their_initial_output():
    """Against K_te (H*)^{-1} y the trained networks' error does not decay with m (refuted after a precise
    replay); against f(theta(0), X_te) + K_te (H*)^{-1} (y - u(0)) it decays like 1/sqrt(m)."""
    statement, correction = run("gd.s5_3.trained_networks")
    r = statement.checks[0]
    assert r.outcome is Outcome.FAILS and r.evidence["replayed_precisely"]
    assert r.evidence["ratio_slope_interval"][0] > r.evidence["slack"] and abs(r.evidence["slope"]) < 0.2
    c = correction.checks[0]
    assert c.outcome is Outcome.HOLDS and c.evidence["slope"] < -0.35
    assert correction.verdict is Verdict.SUPPORTED


def test_strongly_convex_flow_rejects_a_too_fast_rate():
    """The flows are not a check that cannot fail: claiming the rate e^{-5 mu t} is refuted."""
    claim = BY_ID["gd.s2.strongly_convex"]
    too_fast = Statement(sp.Le(note.Norm(note.th_t - note.th_s), note.Norm(note.th_0 - note.th_s) * sp.exp(-5 * note.mu * note.t)),
                         assuming=claim.statement.assuming)
    r = Simulation(note.strongly_convex_flows, name="flows").run(too_fast, Context(claim_id="gd.s2.strongly_convex"))
    assert r.outcome is Outcome.FAILS
    assert run("gd.s2.strongly_convex")[0].verdict is Verdict.SUPPORTED


def test_sign_change_fit_rejects_a_wrong_rate():
    """The sign-change fraction decays like 1/sqrt(m), not like 1/m."""
    wrong = Statement(sp.Eq(note.Fch, sp.O(1 / note.m, (note.m, sp.oo)), evaluate=False))
    r = OrderFit(note.sign_change_fraction, name="sign-change fraction in m").run(wrong, Context(claim_id="gd.s5_2.sign_change_limit"))
    assert r.outcome is Outcome.FAILS and -0.7 < r.evidence["slope"] < -0.3


def test_displacement_check_tolerance_still_rejects_a_wrong_order():
    """The 5% tolerance of gd.s5_2.displacement_linear absorbs the time grid, not a wrong order in m."""
    import sympy as sp
    from verify.core.model import Context, Outcome, Statement
    claim = BY_ID["gd.s5_2.displacement_linear"]
    check = claim.checks[0]
    wrong = Statement(sp.Le(note.D_r, note.Cv * note.t / note.m))
    assert check.run(wrong, Context(seed=0, claim_id=claim.id, check_name=check.name)).outcome is Outcome.FAILS


def test_zero_loss_pairs_exist_only_when_over_parameterised(monkeypatch):
    """Section 2's non-uniqueness is found by the computation at m = n^2; with fewer neurons than data
    (m = 3 < n = 4) the least-squares fit leaves a residual and the same check fails."""
    claim = BY_ID["gd.s2.no_unique_minimiser"]
    ctx = Context(seed=0, claim_id=claim.id)
    env = note.zero_loss_pairs(ctx, False)
    assert np.all(env["L_1"] < 1e-20) and np.all(env["L_2"] < 1e-20) and np.all(env["N_J"] >= 1)
    monkeypatch.setattr(note, "MIN_M", 3)
    bare = Statement(claim.statement.relation)                     # drop m > n: the check itself must object
    r = claim.checks[0].run(bare, ctx)
    assert r.outcome is Outcome.FAILS


def test_scaling_analysis_declares_every_symbol_and_finds_no_mismatch():
    """Note 001's errors (dropped factors -1/n and 1/2, the rate lambda_0 for 2 lambda_0, a sum over r, f(theta(0), .)
    dropped) are all scale-consistent: the analysis must accept every statement and correction, with every symbol
    declared; the width condition needs the note's unit inputs, declared on that claim."""
    from verify.checks.scaling import analyse
    for claim in BY_ID.values():
        for statement in (claim.statement,) + ((claim.correction.statement,) if claim.correction else ()):
            report = analyse(statement, claim.scaling)
            assert not report.violations and not report.undeclared, (claim.id, report)
    # without the unit-input normalisation the width condition m = O(n^6/eps^2) is not scale-free (eps ~ [x]^2)
    assert analyse(BY_ID["gd.s5_2.width"].statement, note.NETWORK).violations
    assert analyse(BY_ID["gd.s5_2.width"].statement, BY_ID["gd.s5_2.width"].scaling).absorbed
    assert not analyse(BY_ID["gd.s5_2.cauchy_schwarz"].statement, note.NETWORK).violations
