"""verify.maths.regimes: potentials, minimisers, flows, kernels and Barron's construction, each also on a case where it must fail (a wrong identity, constant or limit)."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from scipy.integrate import quad
from verify.maths.kernels import arccos, empirical_ntk, ntk_limit  # noqa: F401
from verify.maths import regimes as R
from verify.maths.models import batched_flow


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
