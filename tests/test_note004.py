"""Note 004 encoded end to end, and unit tests of verify.maths.regimes.

Quotes are verbatim and in the note's order; every computed verdict equals the oracle recorded with the
claim (the verdicts themselves are computed by the checks); the note's errors are found by the checks;
and every formula, simulator and check primitive of verify.maths.regimes is tested, each also on a case where
it must fail (a wrong identity, constant or limit).
"""
from __future__ import annotations

import functools

import numpy as np
import pytest
import sympy as sp
from scipy.integrate import quad

import claims.note004_kernel_rich as note
from verify.checks import convergence
from verify.maths import regimes as R
from verify.maths.kernels import arccos, empirical_ntk, ntk_limit
from verify.core.model import Context, Outcome, Statement, Verdict
from verify.maths.flows import batched_flow
from verify.run.registry import module_claims
from verify.run.runner import run_claim

BY_ID = {c.id: c for c in module_claims(note)}


@functools.lru_cache(maxsize=None)
def result(claim_id):
    """Each claim is run once per test session (statement and correction)."""
    return run_claim(BY_ID[claim_id], seed=0, budget="quick")


def check(evaluation, name):
    return next(c for c in evaluation.checks if c.check == name)


# ---------------------------------------------------------------------------------------------
# the note's claims
# ---------------------------------------------------------------------------------------------

def test_large_z_expansion_misses_linear_term():
    statement, correction = result("kr.q.large_z")
    assert statement.checks[0].outcome is Outcome.FAILS and statement.checks[0].evidence["ratio_limit"] == "-oo"
    assert correction.checks[0].outcome is Outcome.HOLDS


def test_theorem_2_2_prediction_order_is_one_over_alpha():
    statement, correction = result("kr.theorem2_2.predictions")
    lo, hi = statement.checks[0].evidence["slope_interval"]
    assert -2 + 0.15 < lo < -1 < hi < -0.5
    assert correction.checks[0].outcome is Outcome.HOLDS


def test_q_and_r_differ_by_two_in_the_kernel_limit_and_a_log_in_the_rich_limit():
    statement, correction = result("kr.remark_r.limits")
    assert statement.checks[0].outcome is Outcome.FAILS and "oo" in statement.checks[0].summary
    assert correction.checks[0].outcome is Outcome.HOLDS


def test_gunasekar_dynamics_sign_and_commutator_are_found():
    x_stmt, x_corr = result("kr.gunasekar.x_dynamics")
    u_stmt, u_corr = result("kr.gunasekar.u_dynamics")
    assert x_stmt.checks[0].outcome is Outcome.FAILS and x_corr.checks[0].outcome is Outcome.HOLDS
    assert u_stmt.checks[0].outcome is Outcome.FAILS and "counterexample" in u_stmt.checks[0].evidence


def test_arora_formula_fails_only_without_balancedness():
    statement, correction = result("kr.arora.theorem3")
    sim = statement.checks[0]
    assert sim.outcome is Outcome.FAILS and sim.evidence["relative_margin_precise"] < -0.1
    assert sim.evidence["instance"]["imbalance"] > 0          # the violation is at an unbalanced start
    assert correction.checks[0].outcome is Outcome.HOLDS and correction.checks[0].evidence["hypotheses_held"] > 0


def test_theorem_2_4_threshold_matches_the_proof_and_is_twice_note_000s_when_h0_vanishes():
    threshold, _ = result("kr.theorem2_4.threshold")
    assert threshold.verdict is Verdict.PROVED
    vs, corr = result("kr.theorem2_4.threshold_vs_note000")
    assert vs.verdict is Verdict.LOOSE and "16" in vs.checks[0].summary
    assert corr.verdict is Verdict.PROVED
    assert sp.simplify(note.C0_NEEDED - note.C0_STATED) == 0


def test_theorem_2_4_bound_agrees_with_note_000_term_by_term():
    statement, _ = result("kr.theorem2_4.bound")
    names = [c.check for c in statement.checks]
    assert "note 000's corrected bound (lazy.theorem.bound)" in names
    assert all(c.outcome is Outcome.HOLDS for c in statement.checks)


def test_output_input_scaling_counterexample():
    statement, correction = result("kr.setup.output_input_scaling")
    assert "counterexample" in statement.checks[0].evidence
    assert correction.verdict is Verdict.PROVED


# ---------------------------------------------------------------------------------------------
# verify.maths.regimes: potentials
# ---------------------------------------------------------------------------------------------

def test_q_is_the_integral_of_arcsinh_and_a_wrong_closed_form_fails():
    for z in (-7.0, -0.3, 1e-4, 0.8, 25.0):
        integral = quad(lambda u: np.arcsinh(u / 2), 0, z, epsabs=1e-13, epsrel=1e-13)[0]
        assert R.q(z) == pytest.approx(integral, rel=1e-9, abs=1e-14)
        wrong = 2 + np.sqrt(4 + z**2) - z * np.arcsinh(z / 2)           # signs flipped
        assert wrong != pytest.approx(integral, rel=1e-3)


def test_q_small_z_is_accurate():
    z = np.array([1e-9, 1e-6, 1e-3])
    assert np.allclose(R.q(z), z**2 / 4 - z**4 / 96, rtol=1e-12)


def test_q_potential_limits():
    beta = np.array([[0.5, -2.0, 1.0]])
    big = np.array([1e3])
    assert R.q_potential(beta, big) * 4 * big**2 == pytest.approx((beta**2).sum(), rel=1e-6)
    small = np.array([1e-8])
    ratio = R.q_potential(beta, small) / np.log(1 / small**2)
    assert ratio == pytest.approx(np.abs(beta).sum(), rel=0.1)
    assert not ratio == pytest.approx((beta**2).sum(), rel=0.1)       # not l2 in the rich limit


@pytest.mark.parametrize("D", [3, 4])
def test_h_depth_inverse_antiderivative_and_q_depth(D):
    y = np.array([-50.0, -1.0, 0.0, 1e-3, 2.0, 1e4])
    x = R.h_depth_inverse(y, D)
    assert np.allclose(R.h_depth(x, D), y, rtol=1e-10, atol=1e-12)
    z, dz = np.linspace(-0.9, 0.9, 7), 1e-6
    assert np.allclose((R.h_depth_antiderivative(z + dz, D) - R.h_depth_antiderivative(z - dz, D)) / (2 * dz), R.h_depth(z, D), rtol=1e-6)
    assert np.allclose((R.q_depth(y[1:] + dz, D) - R.q_depth(y[1:] - dz, D)) / (2 * dz), x[1:], rtol=1e-5, atol=1e-6)
    assert np.allclose(R.h_depth_prime(z, D), (R.h_depth(z + dz, D) - R.h_depth(z - dz, D)) / (2 * dz), rtol=1e-6)
    assert not np.allclose(R.h_depth(z, D), R.h_depth(z, D + 1))         # the depth matters
    expr = R.h_depth_expr(sp.Symbol("z"), D)
    assert float(expr.subs("z", 0.3)) == pytest.approx(float(R.h_depth(0.3, D)), rel=1e-12)


def test_r_potential_matches_its_lagrange_form_and_is_not_q():
    lam, alpha, beta, Rl = R.r_parametric()
    for lv, av in ((0.1, 1.0), (0.5, 0.3), (0.9, 2.0)):
        b = float(beta.subs({lam: lv, alpha: av}))
        assert R.r_potential(np.array([[b]]), np.array([av]))[0] == pytest.approx(float(Rl.subs({lam: lv, alpha: av})), rel=1e-9)
        assert not R.r_potential(np.array([[b]]), np.array([av]))[0] == pytest.approx(
            R.q_potential(np.array([[b]]), np.array([av]))[0], rel=1e-2)


# ---------------------------------------------------------------------------------------------
# verify.maths.regimes: minimisers and flows
# ---------------------------------------------------------------------------------------------

def _problem(seed=0, S=4, N=3, d=6, positive=False):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((S, N, d))
    star = rng.uniform(0.2, 1, (S, d)) if positive else rng.standard_normal((S, d)) * (rng.random((S, d)) < 0.4)
    return X, np.einsum("bnd,bd->bn", X, star)


def test_l2_and_l1_minimisers():
    X, y = _problem()
    b2, b1 = R.l2_minimiser(X, y), R.l1_minimiser(X, y)
    assert np.allclose(np.einsum("bnd,bd->bn", X, b2), y) and np.allclose(np.einsum("bnd,bd->bn", X, b1), y, atol=1e-8)
    lstsq = np.stack([np.linalg.lstsq(X[i], y[i], rcond=None)[0] for i in range(len(X))])
    assert np.allclose(b2, lstsq)
    # every other interpolant b1 + null-space direction has a larger l1 norm; the l2 solution in particular
    null = np.linalg.svd(X)[2][:, X.shape[1]:]
    rng = np.random.default_rng(1)
    for _ in range(20):
        other = b1 + np.einsum("bkd,bk->bd", null, rng.standard_normal((len(X), null.shape[1])) * 0.1)
        assert np.all(np.abs(other).sum(-1) >= np.abs(b1).sum(-1) - 1e-9)
    assert np.all(np.abs(b2).sum(-1) >= np.abs(b1).sum(-1) - 1e-9) and not np.allclose(b1, b2)
    bn = R.l1_minimiser(*_problem(positive=True), nonnegative=True)
    assert bn.min() >= -1e-12


@pytest.mark.parametrize("D", [2, 3, 4])
def test_potential_minimiser_kkt_and_not_the_l2_solution(D):
    X, y = _problem()
    a = np.full(X.shape[::2], 0.7**D)
    beta = R.potential_minimiser(X, y, a, D=D)
    assert np.allclose(np.einsum("bnd,bd->bn", X, beta), y, atol=1e-9)
    grad = np.arcsinh(beta / (2 * a)) if D == 2 else R.h_depth_inverse(beta / a, D)   # the potential's gradient
    resid = grad - np.einsum("bnd,bn->bd", X, np.linalg.lstsq(X.transpose(0, 2, 1)[0], grad[0], rcond=None)[0][None])
    assert np.abs(resid[0]).max() < 1e-8                      # in the row space of X: the KKT condition
    assert not np.allclose(beta, R.l2_minimiser(X, y), atol=1e-3)


def test_potential_minimiser_nonnegative_and_tiny_alpha():
    X, y = _problem(positive=True)
    x = R.potential_minimiser(X, y, None, log_scale=np.full(X.shape[::2], np.log(1e-30)), nonnegative=True)
    assert x.min() > 0 and np.allclose(np.einsum("bnd,bd->bn", X, x), y, atol=1e-9)
    assert np.allclose(x, R.l1_minimiser(X, y, nonnegative=True), atol=0.05)
    with pytest.raises(RuntimeError):
        R.potential_minimiser(X, y, np.full(X.shape[::2], 1.0), iterations=1)


@pytest.mark.parametrize("D", [2, 3])
def test_diagonal_flow_limit_is_the_potential_minimiser_and_conserves_the_invariant(D):
    X, y = _problem()
    tt = np.array([0.0, 1.0, 60.0])
    beta = R.diagonal_flow(X, y, np.ones(len(X)), tt, D=D)
    assert np.allclose(beta[:, -1], R.potential_minimiser(X, y, np.ones(X.shape[::2]), D=D), atol=1e-7)
    assert not np.allclose(beta[:, -1], R.l2_minimiser(X, y), atol=1e-3)
    if D == 2:     # w_+ w_- is conserved along the D = 2 flow: beta = 2 alpha^2 sinh(...) stays on its curve
        state = np.random.default_rng(2).uniform(0.5, 2.0, (len(X), 12))
        v = R.diagonal_velocity(X, y, state, 2)
        assert np.allclose(v[:, :6] * state[:, 6:] + v[:, 6:] * state[:, :6], 0)
        assert not np.allclose(v[:, :6] + v[:, 6:], 0)           # w_+ + w_- is not


def test_diagonal_jacobian_matches_finite_differences():
    X, y = _problem()
    rng = np.random.default_rng(3)
    st = rng.uniform(0.3, 1.5, (len(X), 12))
    for D in (2, 3):
        J, h = R.diagonal_jacobian(X, y, st, D), 1e-6
        fd = np.stack([(R.diagonal_velocity(X, y, st + h * e, D) - R.diagonal_velocity(X, y, st - h * e, D)) / (2 * h)
                       for e in np.eye(12)], axis=-1)
        assert np.allclose(J, fd, rtol=1e-6, atol=1e-6)
        assert not np.allclose(J, np.swapaxes(fd, -1, -2) * 0 + fd.mean(), atol=1e-3)


def test_squared_flow_matches_the_flow_in_u():
    X, y = _problem(positive=True)
    tt = np.array([0.0, 2.0, 10.0])
    direct = batched_flow(lambda _, u: -4 * u * np.einsum("bnd,bn->bd", X, np.einsum("bnd,bd->bn", X, u**2) - y),
                          np.full(X.shape[::2], np.sqrt(0.1)), tt) ** 2
    logs = R.squared_flow(X, y, np.full(len(X), np.log(0.1)), tt)
    assert np.allclose(direct, logs, rtol=1e-6, atol=1e-9)
    assert not np.allclose(R.squared_flow(X, y, np.full(len(X), np.log(0.2)), tt), logs, atol=1e-3)


def test_factorisation_flow_keeps_balanced_factors_balanced():
    rng = np.random.default_rng(0)
    Ws0 = R.balanced_factors(rng, 2, 3, 3)
    gap = lambda Ws, j: np.swapaxes(Ws[j + 1], -1, -2) @ Ws[j + 1] - Ws[j] @ np.swapaxes(Ws[j], -1, -2)   # noqa: E731
    assert np.all(gap(Ws0, 0) == 0) and np.all(gap(Ws0, 1) == 0)         # exactly balanced
    assert not np.allclose(R.chain(Ws0)[0], np.diag(np.diag(R.chain(Ws0)[0])))
    target = rng.standard_normal((2, 3, 3))
    Ws = R.factorisation_flow(Ws0, lambda W: W - target, np.array([0.0, 0.3]))
    assert np.abs(gap([W[:, -1] for W in Ws], 0)).max() < 1e-7       # a conservation law of the flow
    unbalanced = [rng.standard_normal((2, 3, 3)) for _ in range(3)]
    assert np.abs(gap(unbalanced, 0)).max() > 0.1


# ---------------------------------------------------------------------------------------------
# verify.maths.regimes: kernels, Barron's construction
# ---------------------------------------------------------------------------------------------

def test_arccos_kernels_and_ntk_limit_against_monte_carlo():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 2))
    W = rng.standard_normal((400000, 2))
    pre = W @ X.T
    k1 = np.einsum("mi,mj->ij", np.maximum(pre, 0), np.maximum(pre, 0)) / len(W)
    k0 = np.einsum("mi,mj->ij", (pre > 0) * 1.0, (pre > 0) * 1.0) / len(W)
    assert np.allclose(arccos(X, degree=1), k1, atol=0.02) and np.allclose(arccos(X), k0, atol=0.01)
    assert not np.allclose(arccos(X, degree=1), arccos(X), atol=0.05)
    ntk = empirical_ntk(W[None], rng.standard_normal((1, len(W))), X)[0]
    assert np.allclose(ntk, ntk_limit(X), atol=0.03)


def test_inverse_cdf_and_barron_errors_scale_like_one_over_n():
    rng = np.random.default_rng(0)
    pts = np.linspace(0.0, 1.0, 101)
    cdf = np.stack([pts, pts**2])                                    # uniform and density 2x
    x = R.inverse_cdf(cdf, pts, rng.random((2, 20000)))
    assert x[0].mean() == pytest.approx(0.5, abs=0.01) and x[1].mean() == pytest.approx(2 / 3, abs=0.01)
    err = R.barron_cosine_errors(rng, np.array([3.0]), np.array([1.0]), np.array([4, 64]), draws=400)
    assert err[0, 0] / err[0, 1] == pytest.approx(16, rel=0.25)
    assert np.all(err * np.array([4, 64]) <= (2 * 3.0) ** 2)         # Barron's bound ...
    assert not np.all(err * np.array([4, 64]) <= (3.0 / 4) ** 2)     # ... and not a quarter of C


# ---------------------------------------------------------------------------------------------
# verify.maths.regimes: the Convergence check
# ---------------------------------------------------------------------------------------------

x_, E_, V_ = sp.symbols("x E V", real=True)


def _sequence(limit_value, power=1.0):
    def simulate(ctx, precise):
        xs = 10.0 ** -np.arange(1, 7)
        rng = np.random.default_rng(0)
        c = rng.uniform(0.5, 2.0, (1, 4, 1))
        return {"x": xs[:, None, None] * np.ones((1, 4, 1)), "E": 1.0 + c * xs[:, None, None] ** power,
                "V": np.full((1, 1, 1), limit_value)}
    return simulate


def test_convergence_holds_for_the_true_limit_and_fails_for_a_wrong_one():
    good = Statement(sp.Eq(sp.Limit(E_, x_, 0), V_, evaluate=False))
    ctx = Context(claim_id="test.convergence")
    assert convergence.Convergence(_sequence(1.0)).run(good, ctx).outcome is Outcome.HOLDS
    bad = convergence.Convergence(_sequence(1.5)).run(good, ctx)
    assert bad.outcome is Outcome.FAILS and bad.evidence["replayed_precisely"]
    assert convergence.Convergence(_sequence(1.0, power=0.01)).run(good, ctx).outcome is Outcome.UNDECIDED    # too slow to tell
    with pytest.raises(TypeError):
        convergence.Convergence(_sequence(1.0)).run(Statement(sp.Eq(E_, V_, evaluate=False)), ctx)


def test_convergence_never_mistakes_logarithmic_convergence_for_a_wrong_limit():
    def simulate(last):
        def run(ctx, precise):
            xs = 10.0 ** -np.linspace(2, last, 7)
            return {"x": xs[:, None, None] * np.ones((1, 3, 1)), "E": 1.0 + 1.0 / np.log(1 / xs)[:, None, None] * np.ones((1, 3, 1)),
                    "V": np.ones((1, 1, 1))}
        return run
    stmt = Statement(sp.Eq(sp.Limit(E_, x_, 0), V_, evaluate=False))
    assert convergence.Convergence(simulate(8)).run(stmt, Context()).outcome is Outcome.UNDECIDED      # still far: 1/log
    assert convergence.Convergence(simulate(60)).run(stmt, Context()).outcome is Outcome.HOLDS         # close enough
    wrong = Statement(sp.Eq(sp.Limit(E_, x_, 0), 2 * V_, evaluate=False))
    assert convergence.Convergence(simulate(8)).run(wrong, Context()).outcome is not Outcome.FAILS     # cannot tell yet


def test_convergence_refutes_a_wrong_limit_on_a_claims_own_sequence():
    """The depth-D minimisers tend to the l2 solution as alpha -> oo; against the l1 solution the
    distance settles (steps shrink like alpha^-4) and the check fails, replayed precisely."""
    grid = np.array([2.0, 4.0, 8.0, 16.0, 32.0])
    simulate = lambda ctx, precise: note.depth_sequence(ctx, grid)          # noqa: E731
    ctx = Context(claim_id="kr.theorem3.kernel_limit")
    to_l2 = Statement(sp.Eq(sp.Limit(note.beta_inf, note.alpha, sp.oo), note.beta_l2, evaluate=False))
    to_l1 = Statement(sp.Eq(sp.Limit(note.beta_inf, note.alpha, sp.oo), note.beta_l1, evaluate=False))
    assert convergence.Convergence(simulate, tol=1e-3).run(to_l2, ctx).outcome is Outcome.HOLDS
    wrong = convergence.Convergence(simulate, tol=1e-3).run(to_l1, ctx)
    assert wrong.outcome is Outcome.FAILS and wrong.evidence["settled_elsewhere"] > 0


# ---------------------------------------------------------------------------------------------
# the claims added for 1.3, 1.5, 2.1, Theorem 2.5's remark and Jacot et al.'s Theorem 2
# ---------------------------------------------------------------------------------------------

def test_diagonal_loss_derivatives_match_finite_differences():
    rng = np.random.default_rng(3)
    X, y = rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 3))
    wp, wm = rng.standard_normal((2, 4)), rng.standard_normal((2, 4))
    grad, hess = R.diagonal_loss_derivatives(X, y, wp, wm)

    def loss(w):
        beta = w[..., :4] ** 2 - w[..., 4:] ** 2
        return np.sum((np.einsum("bnd,bd->bn", X, beta) - y) ** 2, axis=-1)

    w, h = np.concatenate([wp, wm], axis=-1), 1e-5
    for k in range(8):
        step = np.zeros(8)
        step[k] = h
        fd = (loss(w + step) - loss(w - step)) / (2 * h)
        assert np.allclose(fd, grad[:, k], rtol=1e-6, atol=1e-6)
        g_plus, _ = R.diagonal_loss_derivatives(X, y, (w + step)[:, :4], (w + step)[:, 4:])
        g_minus, _ = R.diagonal_loss_derivatives(X, y, (w - step)[:, :4], (w - step)[:, 4:])
        assert np.allclose((g_plus - g_minus) / (2 * h), hess[:, :, k], rtol=1e-6, atol=1e-6)


def test_zero_is_a_critical_point_so_the_not_a_saddle_check_fails_there():
    # the remark's check must fail where the gradient vanishes (w = 0), and the Hessian there is diag(-4X^Ty, 4X^Ty)
    rng = np.random.default_rng(4)
    X, y = rng.standard_normal((1, 4, 8)), rng.standard_normal((1, 4))
    zero = np.zeros((1, 8))
    grad, hess = R.diagonal_loss_derivatives(X, y, zero, zero)
    assert np.all(grad == 0)
    xty = np.einsum("bnd,bn->bd", X, y)[0]
    assert np.allclose(np.diag(hess[0]), np.concatenate([-4 * xty, 4 * xty]))
    assert np.allclose(hess[0], np.diag(np.diag(hess[0])))
    statement, _ = result("kr.generalisation.saddle_at_zero")
    assert statement.checks[0].outcome is Outcome.HOLDS


def test_kernel_norm_is_proportional_to_l2_but_not_to_l1():
    assert sp.simplify(note.K0_NORM - note.L2_NORM * sp.sqrt(2) / (4 * note.alpha)) == 0
    l1 = sum(sp.Abs(v) for v in note._b3)
    assert sp.simplify(note.K0_NORM / l1 - (note.K0_NORM / l1).subs(note._unit1)) != 0
    statement, _ = result("kr.linreg.kernel_norm_l2")
    assert statement.verdict is Verdict.PROVED


def test_relative_change_rejects_a_wrong_constant():
    from verify.checks.convergence import Convergence
    good, _ = result("kr.chizat.relative_change")
    assert good.checks[0].outcome is Outcome.HOLDS
    wrong = Statement(sp.Eq(sp.Limit(note.Delta_F / (2 * note.eta * note.G_2 / note.F_0), note.eta, 0), 1, evaluate=False))
    ctx = Context(claim_id="kr.chizat.relative_change")
    assert Convergence(note.relative_change_steps, tol=1e-3).run(wrong, ctx).outcome is Outcome.FAILS


def test_flow_limit_on_the_figure_eight_is_a_strictly_worse_local_minimum():
    statement, _ = result("kr.theorem2_5.not_global")
    sim = statement.checks[0]
    assert sim.outcome is Outcome.HOLDS and sim.evidence["min_relative_margin"] > 0.5


def test_ntk_change_during_training_shrinks_with_width_and_is_not_o_m_minus_2():
    statement, _ = result("kr.ntk.theorem2")
    lo, hi = statement.checks[0].evidence["slope_interval"]
    assert hi < -0.5 and lo > -2 + 0.15            # at least m^(-1/2), far from m^(-2)


def test_limiting_ntk_is_positive_definite_but_singular_on_repeated_inputs():
    X = np.array([[[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]])
    assert np.linalg.eigvalsh(ntk_limit(X))[0, 0] < 1e-12
    rng = np.random.default_rng(5)
    Y = rng.standard_normal((3, 5, 3))
    assert np.allclose(ntk_limit(Y)[1], ntk_limit(Y[1]))
    statement, _ = result("kr.ntk.limit_positive_definite")
    assert statement.checks[0].outcome is Outcome.HOLDS


# ---------------------------------------------------------------------------------------------
# the claims added for 1.2 (affine model, RKHS-nearest limit), 2.1 (Delta(Dh)) and Arora et al.'s Theorem 2
# ---------------------------------------------------------------------------------------------

def test_affine_model_counts_alpha_to_the_d_twice_unless_unbiased():
    statement, correction = result("kr.kernel.affine_model_bias")
    check_ = statement.checks[0]
    assert check_.outcome is Outcome.FAILS and "oo" in check_.evidence["ratio_limit"]
    assert correction.checks[0].outcome is Outcome.HOLDS
    # the mismatch is exactly (1 - alpha^2) f(w(0), x): it vanishes at alpha = 1 and for an unbiased w(0)
    gap = sp.expand(note._f2(note._wt) - note._f_K_at.subs(note.e, 0))
    assert sp.simplify(gap - (1 - note.alpha**2) * note._f2(note._wt)) == 0
    unbiased = dict(zip(note._wt[2:], note._wt[:2]))                     # w_- = w_+
    assert sp.simplify(gap.subs(unbiased)) == 0


def test_rkhs_limit_is_the_weighted_not_the_plain_l2_solution():
    statement, _ = result("kr.kernel.rkhs_nearest")
    assert statement.checks[0].outcome is Outcome.HOLDS and statement.checks[0].evidence["decay_exponent"] > 1
    ctx = Context(claim_id="kr.kernel.rkhs_nearest")
    env = note.rkhs_sequence(ctx, False)
    X, y = note.regression(ctx.rng("rkhs"), env["beta_inf"].shape[1])
    l2 = np.broadcast_to(R.l2_minimiser(X, y)[None], env["beta_inf"].shape)
    assert np.abs(env["beta_K"][-1] - l2[-1]).max() > 0.05              # random w0: K_0's norm is not ||.||_2
    wrong = Statement(sp.Eq(sp.Limit(note.beta_inf, note.alpha, sp.oo), note.beta_l2, evaluate=False))
    sim = lambda c, precise: {**note.rkhs_sequence(c, precise), "beta_l2": l2}          # noqa: E731
    assert convergence.Convergence(sim, tol=1e-3).run(wrong, ctx).outcome is Outcome.FAILS


def test_delta_dh_bound_fails_at_every_step_size_and_holds_with_the_segment_supremum():
    statement, correction = result("kr.chizat.delta_dh")
    sim = statement.checks[0]
    assert sim.outcome is Outcome.FAILS and sim.evidence["relative_margin_precise"] < -1e-3
    assert correction.checks[0].outcome is Outcome.HOLDS
    env = note.differential_change_steps(Context(claim_id="kr.chizat.delta_dh", check_name=sim.check), False)
    ratio = env["Delta_Dh"] / (env["eta"] * env["gradF_norm"] * env["D2h_norm"] / env["Dh_norm"])
    assert np.all((ratio > 1 + 1e-3).any(axis=0))                       # violated at eta = 1e-1, 1e-2 and 1e-3
    assert np.all(np.abs(ratio - 1).max(axis=0)[1:] < np.abs(ratio - 1).max(axis=0)[:-1])   # first order in eta


def test_depth_curve_interpolant_lies_on_the_flow_and_needs_a_feasible_cone():
    rng = np.random.default_rng(6)
    a = rng.standard_normal((3, 2, 3))
    y = np.einsum("bmd,bd->bm", a, rng.uniform(0.2, 1.0, (3, 3)))
    for depth in (3, 4):
        x = R.depth_curve_interpolant(a, y, np.full(3, 0.5), depth)
        assert np.allclose(np.einsum("bmd,bd->bm", a, x), y, rtol=1e-9)
        # x^((2-N)/N) - alpha^(2-N) lies in the row space of a (the invariant of the flow)
        v = x ** ((2 - depth) / depth) - 0.5 ** (2 - depth)
        coef = np.linalg.lstsq(np.swapaxes(a[0], 0, 1), v[0], rcond=None)[0]
        assert np.allclose(np.swapaxes(a[0], 0, 1) @ coef, v[0], atol=1e-8)
    # against a simulated nonnegative depth-3 flow x = w^3 (w' = -3 w^2 a^T (a x - y))
    w = batched_flow(lambda _, w: -3 * w**2 * np.einsum("bmd,bm->bd", a, np.einsum("bmd,bd->bm", a, w**3) - y),
                     np.full((3, 3), 0.5), np.array([0.0, 300.0, 600.0]))[:, -1]
    assert np.allclose(w**3, R.depth_curve_interpolant(a, y, np.full(3, 0.5), 3), rtol=1e-6, atol=1e-9)
    with pytest.raises(RuntimeError):                                   # y outside the cone a R_+^n: no interpolant
        R.depth_curve_interpolant(np.abs(a), -np.abs(y), np.full(3, 0.5), 3)


def test_arora_theorem2_limit_is_the_trace_minimiser_and_a_wrong_limit_is_rejected():
    statement, _ = result("kr.arora.theorem2")
    conv = statement.checks[0]
    assert conv.outcome is Outcome.HOLDS and conv.evidence["decay_exponent"] > 1
    ctx = Context(claim_id="kr.arora.theorem2")
    env = note.commuting_depth_limits(ctx, False)
    assert np.all(np.linalg.eigvalsh(env["W_nuc"][0]) > -1e-9)           # the target is PSD
    # the limit of the flow at alpha = 1 (a point of the sequence, not its limit) must be rejected as the limit
    wrong_target = env["W_deep"][0]
    wrong = Statement(sp.Eq(sp.Limit(note.W_deep, note.alpha, 0), sp.Symbol("W_wrong"), evaluate=False))
    sim = lambda c, precise: {**note.commuting_depth_limits(c, precise),                 # noqa: E731
                              "W_wrong": np.broadcast_to(wrong_target[None], env["W_deep"].shape)}
    assert convergence.Convergence(sim, tol=1e-3).run(wrong, ctx).outcome is not Outcome.HOLDS


def test_scaling_analysis_finds_the_dropped_square_in_barrons_risk_bound():
    """lambda > 5b^2/3 scales as the square of the outputs, E||f - f_hat|| as the outputs: the risk bound is on
    the squared L2 risk. The refutation comes from the scaling analysis alone (the bound is not computable)."""
    from verify.checks.scaling import analyse
    claim = BY_ID["kr.barron1993b.theorem2"]
    found = analyse(claim.statement, claim.scaling).violations
    assert found and "risk scales as [h]" in str(found[0]) and "[h]^2" in str(found[0])
    assert not analyse(claim.correction.statement, claim.scaling).violations
    statement, correction = run_claim(claim, 0, "quick")
    assert statement.verdict == Verdict.REFUTED and correction.verdict == Verdict.INCONCLUSIVE
    assert [c.outcome for c in statement.checks if c.check == "scaling"] == [Outcome.FAILS]


def test_scaling_analysis_counts_alpha_to_the_d_once_too_often_in_the_affine_model():
    from verify.checks.scaling import analyse
    claim = BY_ID["kr.kernel.affine_model_bias"]
    assert any("[w]^4*[x]" in str(v) for v in analyse(claim.statement, claim.scaling).violations)
    assert not analyse(claim.correction.statement, claim.scaling).violations


def test_scaling_analysis_flags_only_the_notes_errors():
    """Every other statement and correction is scale-consistent (Theorem 2's inhomogeneous rich threshold, a
    hypothesis, pins [w]: it is reported, and its simulation spreads ||beta_l1||_1 over six decades, where it holds)."""
    from verify.checks.scaling import analyse
    flagged = {"kr.barron1993b.theorem2", "kr.kernel.affine_model_bias"}
    for c in BY_ID.values():
        for st in [c.statement] + ([c.correction.statement] if c.correction else []):
            assert (st is c.statement and c.id in flagged) or not analyse(st, c.scaling).violations, c.id
    rich = BY_ID["kr.theorem2.rich"]
    pinned = analyse(rich.statement, rich.scaling)
    assert not pinned.violations and pinned.absorbed and "pins [w]" in pinned.pins[0]
    env = note.theorem2_rich(Context(seed=0, claim_id=rich.id, check_name="t"), False)
    n1 = env["N1_star"][:, 0]
    assert n1.max() / n1.min() > 1e4


def test_convergence_refutes_a_diverging_sequence_but_not_a_slow_one():
    """E = 1/x (x -> 0) cannot tend to any V; a distance that grows slowly (1/log) is no divergence."""
    def run(ctx, precise):
        xs = 10.0 ** -np.arange(2.0, 7.0)
        return {"x": xs[:, None, None] * np.ones((1, 3, 1)), "E": (1.0 / xs)[:, None, None] * np.ones((1, 3, 1)),
                "V": np.ones((1, 1, 1))}
    stmt = Statement(sp.Eq(sp.Limit(E_, x_, 0), V_, evaluate=False))
    result = convergence.Convergence(run).run(stmt, Context())
    assert result.outcome is Outcome.FAILS and result.evidence["diverging"] == 3 and result.evidence["replayed_precisely"]


def test_relative_change_check_kills_a_mutant_that_diverges():
    """Delta(F) / (eta^2 ||grad F||^2 / F) ~ 1/eta: the step's relative change is linear in eta, not quadratic."""
    claim = BY_ID["kr.chizat.relative_change"]
    wrong = Statement(sp.Eq(sp.Limit(note.Delta_F / (note.eta**2 * note.G_2 / note.F_0), note.eta, 0), 1, evaluate=False))
    result = claim.checks[0].run(wrong, Context(claim_id=claim.id, check_name=claim.checks[0].name))
    assert result.outcome is Outcome.FAILS and result.evidence["diverging"] > 0
