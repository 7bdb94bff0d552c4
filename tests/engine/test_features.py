"""verify.maths.features: formulas against brute force (Monte Carlo, finite differences, exact enumeration), each with a must-fail case (a wrong constant, rate or kernel)."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from verify.maths.kernels import arccos, empirical_ntk, ntk_limit  # noqa: F401
from verify.notation import ReLU, hat_sym  # noqa: F401
from verify.maths.features import (CoshWell, CosineLandscape, LogCoshConvex, SineModel, TanhNet, compositions_up_to, cube, empirical_kernel, flow_020, network,
                             network_jacobian, parity_matrix, path_norm, risk_gradient, sphere_points, torus_cosine_gram)


s_nn = sp.Symbol("s", nonnegative=True)


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






@pytest.mark.parametrize("d", range(1, 12))
def test_row_norms_are_numpys_norms_bit_for_bit(d):
    from verify.maths.features import row_norms
    rng = np.random.default_rng(d)
    for shape in [(1,), (5,), (3, 4, 7), (400, 45), (0, 2)]:
        g = rng.standard_normal(shape + (d,)) * rng.choice([1e-200, 1e-3, 1.0, 1e3, 1e150], size=shape + (1,))
        expected = np.linalg.norm(g, axis=-1, keepdims=True)
        got = row_norms(g)
        assert got.shape == expected.shape and np.array_equal(got, expected)


def test_sphere_points_are_unit_vectors_drawn_as_before():
    from verify.maths.features import sphere_points
    for d in (1, 2, 3, 9):
        g = np.random.default_rng(7).standard_normal((50, 6, d))
        g /= np.linalg.norm(g, axis=-1, keepdims=True)
        assert np.array_equal(sphere_points(np.random.default_rng(7), (50, 6), d), g)
