"""Unit tests for the reusable mathematics of claims (verify.maths.models): models and their Jacobians,
Lipschitz constants, ReLU Gram matrices and the arccos kernel, losses, and the batched flows -- each
against an independent computation (finite differences, closed forms, explicit loops, Monte Carlo)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.linalg import expm

from verify.maths.flows import batched_flow
from verify.maths.models import (QuadraticLoss, QuadraticModel, TwoLayerReLU, flow_velocity,
                           model_gradient_flow, preconditioned_flow, random_orthogonal, relu_gram,
                           sigma_min, spd_with_spectrum, unit_vectors)
from verify.maths.kernels import relu_ntk


@pytest.fixture
def rng():
    return np.random.default_rng(12345)


def central_differences(f, w, h=1e-5):
    """d f / d w[..., j] by central differences, stacked as (..., n, p) for f: (..., p) -> (..., n)."""
    cols = []
    for j in range(w.shape[-1]):
        e = np.zeros_like(w)
        e[..., j] = h
        cols.append((f(w + e) - f(w - e)) / (2 * h))
    return np.stack(cols, axis=-1)


def opnorm(a):
    return np.linalg.norm(a, ord=2, axis=(-2, -1))


# ---------------------------------------------------------------------------------------------
# QuadraticModel
# ---------------------------------------------------------------------------------------------

class TestQuadraticModel:
    S, N, P = 5, 3, 7

    def model(self, rng, beta=None):
        beta = rng.uniform(0.3, 2.0, self.S) if beta is None else beta
        return QuadraticModel.random(rng, self.S, self.N, self.P, beta)

    @pytest.mark.parametrize("middle", [(), (4,), (2, 3)])
    def test_jacobian_matches_central_differences(self, rng, middle):
        model = self.model(rng)
        w = rng.standard_normal((self.S,) + middle + (self.P,))
        J = model.jac(w)
        assert J.shape == (self.S,) + middle + (self.N, self.P)
        assert model.f(w).shape == (self.S,) + middle + (self.N,)
        # f is quadratic: central differences are exact up to round-off
        np.testing.assert_allclose(J, central_differences(model.f, w), atol=1e-8)

    def test_batched_evaluation_matches_per_instance(self, rng):
        model = self.model(rng)
        w = rng.standard_normal((self.S, 4, self.P))
        f = model.f(w)
        for b in range(self.S):
            for i in range(4):
                Bw = model.B[b] @ w[b, i]
                expected = model.A[b] @ w[b, i] + 0.5 * model.beta[b] * Bw**2
                np.testing.assert_allclose(f[b, i], expected, rtol=1e-12, atol=1e-14)
                np.testing.assert_allclose(model.jac(w)[b, i], model.A[b] + model.beta[b] * Bw[:, None] * model.B[b],
                                           rtol=1e-12, atol=1e-14)

    def test_value_and_jacobian_at_zero(self, rng):
        model = self.model(rng)
        zero = np.zeros((self.S, self.P))
        np.testing.assert_array_equal(model.f(zero), 0.0)
        np.testing.assert_allclose(model.jac(zero), model.A)

    def test_lipschitz_bounds_jacobian_differences(self, rng):
        model = self.model(rng)
        L = model.lipschitz()
        assert L.shape == (self.S,) and np.all(L > 0)
        K = 200
        w = rng.standard_normal((self.S, K, self.P)) * rng.uniform(0.01, 3.0, (self.S, K, 1))
        v = rng.standard_normal((self.S, K, self.P))
        ratio = opnorm(model.jac(w) - model.jac(v)) / np.linalg.norm(w - v, axis=-1)
        assert np.all(ratio <= L[:, None] * (1 + 1e-12))
        # along the longest row b_j of B the ratio reaches beta ||b_j||^2 >= L / sqrt(n): L is not vacuous
        rows = np.linalg.norm(model.B, axis=-1)
        bj = model.B[np.arange(self.S), rows.argmax(axis=1)]
        d = (bj / np.linalg.norm(bj, axis=-1, keepdims=True))[:, None, :] * rng.uniform(0.1, 2.0, (self.S, K, 1))
        ratio_j = opnorm(model.jac(v + d) - model.jac(v)) / np.linalg.norm(d, axis=-1)
        assert np.all(ratio_j <= L[:, None] * (1 + 1e-12))
        assert np.all(ratio_j.max(axis=1) >= L / np.sqrt(self.N) * (1 - 1e-12))

    def test_linear_model_has_zero_lipschitz_constant(self, rng):
        model = self.model(rng, beta=0.0)
        np.testing.assert_array_equal(model.lipschitz(), 0.0)
        w = rng.standard_normal((self.S, self.P))
        np.testing.assert_allclose(model.jac(w), model.A)
    def test_lipschitz_for_negative_beta(self, rng):
        model = self.model(rng, beta=-1.0)
        L = model.lipschitz()
        w, v = rng.standard_normal((2, self.S, 50, self.P))
        ratio = opnorm(model.jac(w) - model.jac(v)) / np.linalg.norm(w - v, axis=-1)
        assert np.all(ratio <= L[:, None] * (1 + 1e-12))


# ---------------------------------------------------------------------------------------------
# TwoLayerReLU, relu_gram, relu_ntk
# ---------------------------------------------------------------------------------------------

class TestTwoLayerReLU:
    def test_symmetric_initialisation_outputs_zero(self, rng):
        X = rng.standard_normal((9, 4))
        net = TwoLayerReLU.symmetric(rng, 6, 40, X, scale=0.7)
        assert net.W.shape == (6, 40, 4) and net.c.shape == (6, 40)
        np.testing.assert_array_equal(net.W[:, :20], net.W[:, 20:])
        np.testing.assert_array_equal(net.c[:, :20], -net.c[:, 20:])
        np.testing.assert_allclose(np.abs(net.c), 0.7)
        f = net.f()
        assert f.shape == (6, 9)
        assert np.max(np.abs(f)) <= 1e-12
        # ... while each half alone does not vanish
        half = TwoLayerReLU(net.W[:, :20], net.c[:, :20], X)
        assert np.max(np.abs(half.f())) > 0.1

    def test_output_matches_explicit_sum(self, rng):
        X = rng.standard_normal((5, 3))
        W, c = rng.standard_normal((2, 8, 3)), rng.standard_normal((2, 8))
        f = TwoLayerReLU(W, c, X).f()
        for b in range(2):
            for i in range(5):
                assert f[b, i] == pytest.approx(sum(c[b, k] * max(W[b, k] @ X[i], 0.0) for k in range(8)), rel=1e-12)

    def test_jacobian_matches_finite_differences_away_from_kinks(self, rng):
        S, m, d, n = 3, 10, 4, 6
        X = rng.standard_normal((n, d))
        W, c = rng.standard_normal((S, m, d)), rng.standard_normal((S, m))
        h = 1e-6
        # no pre-activation within reach of the perturbation: relu is linear along every difference
        assert np.min(np.abs(W @ X.T)) > 10 * h * np.max(np.linalg.norm(X, axis=1))
        J = TwoLayerReLU(W, c, X).jac()
        assert J.shape == (S, n, m * d)

        def f_of(flat):
            return TwoLayerReLU(flat.reshape(S, m, d), c, X).f()

        np.testing.assert_allclose(J, central_differences(f_of, W.reshape(S, m * d), h=h), atol=1e-8)

    def test_jacobian_of_symmetric_network_matches_finite_differences(self, rng):
        X = rng.standard_normal((5, 3))
        net = TwoLayerReLU.symmetric(rng, 2, 12, X)
        h = 1e-6
        assert np.min(np.abs(net.W @ X.T)) > 10 * h * np.max(np.linalg.norm(X, axis=1))

        def f_of(flat):
            return TwoLayerReLU(flat.reshape(net.W.shape), net.c, X).f()

        np.testing.assert_allclose(net.jac(), central_differences(f_of, net.W.reshape(2, -1), h=h), atol=1e-8)

    def test_euler_homogeneity_and_zero_at_symmetric_init(self, rng):
        # relu is 1-homogeneous: J_w w = f(w); at the symmetric initialisation both vanish
        X = rng.standard_normal((7, 5))
        W, c = rng.standard_normal((4, 16, 5)), rng.standard_normal((4, 16))
        net = TwoLayerReLU(W, c, X)
        np.testing.assert_allclose(np.einsum("bnp,bp->bn", net.jac(), W.reshape(4, -1)), net.f(), rtol=1e-12, atol=1e-12)
        sym = TwoLayerReLU.symmetric(rng, 4, 16, X)
        Jw = np.einsum("bnp,bp->bn", sym.jac(), sym.W.reshape(4, -1))
        scale = opnorm(sym.jac()) * np.linalg.norm(sym.W.reshape(4, -1), axis=-1)
        assert np.all(np.abs(Jw).max(axis=1) <= 1e-12 * scale)
        assert np.all(np.abs(sym.jac()).max(axis=(1, 2)) > 0.1)
    def test_symmetric_odd_width(self, rng):
        X = rng.standard_normal((4, 3))
        try:
            net = TwoLayerReLU.symmetric(rng, 2, 7, X)
        except ValueError:
            return
        assert net.W.shape[1] == 7 and np.max(np.abs(net.f())) <= 1e-12


class TestReluGram:
    def test_gram_is_jjt_for_unit_output_weights(self, rng):
        S, m, d, n = 4, 30, 3, 6
        X = rng.standard_normal((n, d))
        W = rng.standard_normal((S, m, d))
        c = rng.choice([-1.0, 1.0], (S, m))
        J = TwoLayerReLU(W, c, X).jac()
        G = relu_gram(W, X)
        assert G.shape == (S, n, n)
        np.testing.assert_allclose(G, J @ np.swapaxes(J, -1, -2), rtol=1e-12, atol=1e-12)
        # with output weights of size 2 the Gram matrix scales by c^2 = 4
        J2 = TwoLayerReLU(W, 2 * c, X).jac()
        np.testing.assert_allclose(4 * G, J2 @ np.swapaxes(J2, -1, -2), rtol=1e-12, atol=1e-12)

    def test_gram_matches_explicit_sum(self, rng):
        X = rng.standard_normal((4, 3))
        W = rng.standard_normal((9, 3))
        G = relu_gram(W, X)
        for i in range(4):
            for j in range(4):
                expected = X[i] @ X[j] * sum(float(W[k] @ X[i] > 0) * float(W[k] @ X[j] > 0) for k in range(9))
                assert G[i, j] == pytest.approx(expected, rel=1e-12, abs=1e-14)

    @pytest.mark.parametrize("batch_floats", [2**21, 50])
    def test_streamed_random_counts_equal_the_gram_of_one_big_draw(self, batch_floats):
        from verify.maths.kernels import random_network_counts
        X = np.random.default_rng(1).standard_normal((4, 3))
        big = relu_gram(np.random.default_rng(7).standard_normal((11, 40, 3)), X)
        counts = random_network_counts(np.random.default_rng(7), 11, 40, X, batch_floats=batch_floats)
        np.testing.assert_array_equal((X @ X.T) * counts, big)       # the same draws, exact counts
        assert not np.array_equal(counts, random_network_counts(np.random.default_rng(8), 11, 40, X))

    def test_symmetric_network_doubles_the_half_gram(self, rng):
        X = rng.standard_normal((5, 4))
        net = TwoLayerReLU.symmetric(rng, 3, 20, X)
        J = net.jac()
        np.testing.assert_allclose(J @ np.swapaxes(J, -1, -2), 2 * relu_gram(net.W[:, :10], X), rtol=1e-12, atol=1e-12)


class TestReluNtkKernel:
    def test_matches_arccos_formula(self, rng):
        X = rng.standard_normal((6, 4)) * rng.uniform(0.2, 3.0, (6, 1))
        K = relu_ntk(X)
        for i in range(6):
            for j in range(6):
                if i == j:
                    continue       # arccos loses accuracy at cos = 1; the diagonal is tested exactly below
                dot = X[i] @ X[j]
                cos = np.clip(dot / (np.linalg.norm(X[i]) * np.linalg.norm(X[j])), -1, 1)
                assert K[i, j] == pytest.approx(dot * (np.pi - np.arccos(cos)) / (2 * np.pi), rel=1e-10, abs=1e-14)
        np.testing.assert_allclose(K, K.T, rtol=0, atol=0)
        np.testing.assert_allclose(np.diag(K), (X**2).sum(axis=1) / 2, rtol=1e-7)
        assert np.linalg.eigvalsh(K)[0] > -1e-12        # a kernel: positive semidefinite

    def test_diagonal_is_exact(self, rng):
        X = rng.standard_normal((6, 4)) * rng.uniform(0.2, 3.0, (6, 1))
        np.testing.assert_allclose(np.diag(relu_ntk(X)), (X**2).sum(axis=1) / 2, rtol=1e-12)

    def test_known_angles(self):
        X = np.array([[1.0, 0.0], [0.5, np.sqrt(3) / 2], [0.0, 2.0], [-1.0, 0.0]])
        K = relu_ntk(X)
        assert K[0, 1] == pytest.approx(0.5 * (np.pi - np.pi / 3) / (2 * np.pi))      # 60 degrees: 1/6
        assert K[0, 1] == pytest.approx(1 / 6)
        assert K[0, 2] == pytest.approx(0.0, abs=1e-15)                                 # orthogonal
        assert K[0, 3] == pytest.approx(0.0, abs=1e-15)                                 # antiparallel: theta = pi
        assert K[2, 2] == pytest.approx(2.0)                                            # ||x||^2 / 2

    def test_matches_large_monte_carlo_average(self, rng):
        X = unit_vectors(rng, 5, 3) * np.array([[1.0], [2.0], [0.5], [1.0], [1.5]])
        m = 200_000
        estimate = relu_gram(rng.standard_normal((m, 3)), X) / m
        # each entry averages x_i.x_j times an indicator (standard deviation <= 1/2): 6 standard errors
        norms = np.linalg.norm(X, axis=1)
        assert np.max(np.abs(estimate - relu_ntk(X)) / np.outer(norms, norms)) < 6 * 0.5 / np.sqrt(m)
        # and the plain inner product (no arccos factor) is far from it
        assert np.max(np.abs(estimate - X @ X.T / 2)) > 0.05
    def test_zero_input(self, rng):
        X = np.array([[1.0, 0.0], [0.0, 0.0], [0.6, 0.8]])
        with np.errstate(all="ignore"):
            K = relu_ntk(X)
        np.testing.assert_allclose(K[1], 0.0)
        np.testing.assert_allclose(K, relu_gram(rng.standard_normal((20000, 2)), X) / 20000, atol=0.02)


# ---------------------------------------------------------------------------------------------
# spectra, losses
# ---------------------------------------------------------------------------------------------

class TestSpectra:
    def test_spd_with_spectrum_has_the_requested_extreme_eigenvalues(self, rng):
        lo = np.array([0.1, 1.0, 2.0, 5.0, 1.0])
        hi = np.array([0.2, 1.0, 30.0, 5.5, 1e3])
        H = spd_with_spectrum(rng, lo, hi, 6)
        assert H.shape == (5, 6, 6)
        np.testing.assert_allclose(H, np.swapaxes(H, -1, -2), atol=1e-12)
        eig = np.linalg.eigvalsh(H)
        np.testing.assert_allclose(eig[:, 0], lo, rtol=1e-10)
        np.testing.assert_allclose(eig[:, -1], hi, rtol=1e-10)
        assert np.all(eig >= lo[:, None] * (1 - 1e-10)) and np.all(eig <= hi[:, None] * (1 + 1e-10))
        # random eigenvectors: not simply diagonal
        assert np.max(np.abs(H[2] - np.diag(np.diag(H[2])))) > 0.1

    def test_random_orthogonal(self, rng):
        Qm = random_orthogonal(rng, 4, 5)
        np.testing.assert_allclose(Qm @ np.swapaxes(Qm, -1, -2), np.broadcast_to(np.eye(5), (4, 5, 5)), atol=1e-12)

    def test_sigma_min_is_the_smallest_singular_value(self, rng):
        J = rng.standard_normal((6, 3, 8))
        np.testing.assert_allclose(sigma_min(J), np.linalg.svd(J, compute_uv=False)[:, -1], rtol=1e-10)
        J2 = rng.standard_normal((2, 4, 3, 8))
        np.testing.assert_allclose(sigma_min(J2), np.linalg.svd(J2, compute_uv=False)[..., -1], rtol=1e-10)
        # rank deficient: zero, never NaN
        J3 = np.zeros((1, 2, 5))
        J3[0, 0, 0] = 1.0
        assert sigma_min(J3)[0] == pytest.approx(0.0, abs=1e-8)


class TestQuadraticLoss:
    S, N = 4, 5

    def loss(self, rng):
        lo, hi = rng.uniform(0.2, 1.0, self.S), rng.uniform(2.0, 10.0, self.S)
        return QuadraticLoss(spd_with_spectrum(rng, lo, hi, self.N), rng.standard_normal((self.S, self.N))), lo, hi

    def test_mu_nu_are_the_extreme_eigenvalues(self, rng):
        loss, lo, hi = self.loss(rng)
        np.testing.assert_allclose(loss.mu, lo, rtol=1e-10)
        np.testing.assert_allclose(loss.nu, hi, rtol=1e-10)

    @pytest.mark.parametrize("middle", [(), (3,), (2, 3)])
    def test_gradient_matches_finite_differences_of_value(self, rng, middle):
        loss, _, _ = self.loss(rng)
        z = rng.standard_normal((self.S,) + middle + (self.N,))
        g = loss.grad(z)
        assert g.shape == z.shape and loss.value(z).shape == z.shape[:-1]
        fd = central_differences(lambda u: loss.value(u)[..., None], z)[..., 0, :]
        np.testing.assert_allclose(g, fd, atol=1e-7)

    def test_minimiser_and_sandwich(self, rng):
        loss, _, _ = self.loss(rng)
        np.testing.assert_allclose(loss.grad(loss.zstar), 0.0, atol=1e-14)
        np.testing.assert_allclose(loss.value(loss.zstar), 0.0, atol=1e-14)
        z = rng.standard_normal((self.S, 100, self.N)) * 3
        dist2 = ((z - loss.zstar[:, None, :]) ** 2).sum(-1)
        val = loss.value(z)
        assert np.all(val >= loss.mu[:, None] / 2 * dist2 * (1 - 1e-12))
        assert np.all(val <= loss.nu[:, None] / 2 * dist2 * (1 + 1e-12))
        # Polyak-Lojasiewicz: g - g* <= ||grad g||^2 / (2 mu)
        assert np.all(val <= (loss.grad(z) ** 2).sum(-1) / (2 * loss.mu[:, None]) * (1 + 1e-12))
        # mu-strong monotonicity of the gradient and nu-Lipschitz gradient
        d = z - loss.zstar[:, None, :]
        inner = (loss.grad(z) * d).sum(-1)
        assert np.all(inner >= loss.mu[:, None] * dist2 * (1 - 1e-12))
        assert np.all(np.linalg.norm(loss.grad(z), axis=-1) <= loss.nu[:, None] * np.sqrt(dist2) * (1 + 1e-12))


# ---------------------------------------------------------------------------------------------
# flows
# ---------------------------------------------------------------------------------------------

class TestFlows:
    def test_batched_flow_exponential_decay(self, rng):
        y0 = rng.standard_normal((3, 4))
        rates = np.array([0.5, 1.0, 2.0])[:, None]
        tt = np.linspace(0.0, 3.0, 13)
        Y = batched_flow(lambda _, y: -rates * y, y0, tt)
        assert Y.shape == (3, 13, 4)
        exact = y0[:, None, :] * np.exp(-rates[:, :, None] * tt[None, :, None])
        np.testing.assert_allclose(Y, exact, rtol=1e-7, atol=1e-11)
        np.testing.assert_array_equal(Y[:, 0], y0)

    def test_precise_mode_agrees_with_fast_mode(self, rng):
        y0 = rng.standard_normal((4, 3))
        M = rng.standard_normal((4, 3, 3))
        M = M - np.swapaxes(M, -1, -2) - 0.5 * np.eye(3)              # rotation with damping

        def rhs(s, y):
            return np.einsum("bij,bj->bi", M, y) + np.sin(s)

        tt = np.linspace(0.0, 4.0, 21)
        fast, precise = batched_flow(rhs, y0, tt), batched_flow(rhs, y0, tt, precise=True)
        np.testing.assert_allclose(fast, precise, rtol=1e-7, atol=1e-8)
        assert np.max(np.abs(fast - precise)) > 0          # two different integrations
        # the precise one is the more accurate (against a matrix-exponential solution without forcing)
        tt = np.linspace(0.0, 4.0, 5)
        free = lambda s, y: np.einsum("bij,bj->bi", M, y)      # noqa: E731
        exact = np.stack([np.einsum("bij,bj->bi", np.stack([expm(m * s) for m in M]), y0) for s in tt], axis=1)
        err_fast = np.max(np.abs(batched_flow(free, y0, tt) - exact))
        err_precise = np.max(np.abs(batched_flow(free, y0, tt, precise=True) - exact))
        assert err_precise < 1e-10 and err_fast < 1e-7 and err_precise < err_fast

    def test_stiff_mode_solves_a_stiff_batch_accurately_with_fewer_evaluations(self, rng):
        # instances with rates 1 and 1000 in one batch: RK45's step is bounded by the fast one
        rates = np.array([1.0, 1000.0, 30.0])[:, None]
        y0 = rng.standard_normal((3, 2))
        tt = np.linspace(0.0, 5.0, 11)
        calls = {"rk": 0, "stiff": 0}

        def counted(name):
            def rhs(_, y):
                calls[name] += 1
                return -rates * y
            return rhs

        exact = y0[:, None, :] * np.exp(-rates[:, :, None] * tt[None, :, None])
        stiff = batched_flow(counted("stiff"), y0, tt, stiff=True)
        explicit = batched_flow(counted("rk"), y0, tt)
        np.testing.assert_allclose(stiff, exact, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(explicit, exact, rtol=1e-6, atol=1e-9)
        assert calls["stiff"] * 5 < calls["rk"]
        precise = batched_flow(counted("stiff"), y0, tt, precise=True, stiff=True)     # Radau
        assert np.max(np.abs(precise - exact)) < np.max(np.abs(stiff - exact))

    def test_block_sparsity_keeps_instances_apart(self):
        from verify.maths.flows import _block_sparsity
        pattern = _block_sparsity((3, 2, 2)).toarray()
        assert pattern.shape == (12, 12)
        np.testing.assert_array_equal(pattern, np.kron(np.eye(3), np.ones((4, 4))))

    def test_model_gradient_flow_linear_model_matches_closed_form(self, rng):
        S, n, p = 4, 3, 6
        model = QuadraticModel.random(rng, S, n, p, beta=0.0)
        loss = QuadraticLoss(spd_with_spectrum(rng, np.array([1.0, 0.5, 2.0, 1.0]), np.array([3.0, 4.0, 2.5, 10.0]), n),
                             rng.standard_normal((S, n)))
        alpha = np.array([0.5, 1.0, 2.0, 4.0])
        w0 = 0.3 * rng.standard_normal((S, p))
        tt = np.linspace(0.0, 3.0, 7)
        W = model_gradient_flow(model, loss, alpha, w0, tt)
        assert W.shape == (S, len(tt), p)
        # w' = -(1/alpha) A^T H (alpha A w - z*) = M w + b, solved through the augmented matrix exponential
        for s in range(S):
            A, H = model.A[s], loss.H[s]
            aug = np.zeros((p + 1, p + 1))
            aug[:p, :p] = -A.T @ H @ A
            aug[:p, p] = A.T @ H @ loss.zstar[s] / alpha[s]
            for i, ti in enumerate(tt):
                E = expm(aug * ti)
                np.testing.assert_allclose(W[s, i], E[:p, :p] @ w0[s] + E[:p, p], rtol=1e-6, atol=1e-8)
        # alpha f(w(t)) approaches z* (A has full row rank)
        F = alpha[:, None] * model.f(model_gradient_flow(model, loss, alpha, w0, np.array([0.0, 200.0]))[:, -1])
        np.testing.assert_allclose(F, loss.zstar, atol=1e-6)

    def test_flow_velocity_is_the_negative_gradient_of_the_scaled_objective(self, rng):
        S, n, p = 3, 3, 5
        model = QuadraticModel.random(rng, S, n, p, beta=np.array([0.5, 1.0, 2.0]))
        loss = QuadraticLoss(spd_with_spectrum(rng, np.ones(S), np.full(S, 4.0), n), rng.standard_normal((S, n)))
        alpha = np.array([0.5, 2.0, 8.0])
        w = rng.standard_normal((S, 2, p))

        def objective(u):
            a = alpha.reshape(-1, 1, 1)
            return (loss.value(a * model.f(u)) / alpha[:, None] ** 2)[..., None]

        grad = central_differences(objective, w, h=1e-6)[..., 0, :]
        np.testing.assert_allclose(flow_velocity(model, loss, alpha, w), -grad, rtol=1e-6, atol=1e-7)

    def test_model_gradient_flow_decreases_the_objective(self, rng):
        S, n, p = 3, 3, 8
        model = QuadraticModel.random(rng, S, n, p, beta=1.0)
        loss = QuadraticLoss(spd_with_spectrum(rng, np.ones(S), np.full(S, 3.0), n), 0.3 * rng.standard_normal((S, n)))
        alpha = np.array([1.0, 2.0, 4.0])
        tt = np.linspace(0.0, 10.0, 41)
        W = model_gradient_flow(model, loss, alpha, np.zeros((S, p)), tt)
        obj = loss.value(alpha[:, None, None] * model.f(W))
        assert np.all(np.diff(obj, axis=1) <= 1e-12)
        assert np.all(obj[:, -1] < 1e-3 * obj[:, 0])

    def test_preconditioned_flow_decreases_g(self, rng):
        S, n = 4, 3
        loss = QuadraticLoss(spd_with_spectrum(rng, np.ones(S), np.full(S, 6.0), n), rng.standard_normal((S, n)))
        R0, R1 = rng.standard_normal((2, S, n, n))

        def Q(s):
            R = R0 * np.cos(2 * s) + R1 * np.sin(2 * s)
            return 0.5 * np.eye(n) + R @ np.swapaxes(R, -1, -2)

        tt = np.linspace(0.0, 6.0, 61)
        Z = preconditioned_flow(Q, loss, 3 * rng.standard_normal((S, n)), tt)
        assert Z.shape == (S, 61, n)
        g = loss.value(Z)
        assert np.all(np.diff(g, axis=1) <= 1e-12 * g[:, :1])
        assert np.all(g[:, -1] < 1e-6 * g[:, 0])
        # the rate of Lemma 2 (corrected): g(z(t)) <= g(z(0)) e^{-2 mu lambda t}, lambda_min(Q) >= 1/2
        bound = g[:, :1] * np.exp(-2 * loss.mu[:, None] * 0.5 * tt[None, :])
        assert np.all(g <= bound * (1 + 1e-6) + 1e-14)

    def test_preconditioned_flow_with_identity_is_gradient_flow(self, rng):
        S, n = 2, 3
        loss = QuadraticLoss(spd_with_spectrum(rng, np.ones(S), np.full(S, 2.0), n), rng.standard_normal((S, n)))
        z0 = rng.standard_normal((S, n))
        tt = np.linspace(0.0, 2.0, 5)
        Z = preconditioned_flow(lambda s: np.broadcast_to(np.eye(n), (S, n, n)), loss, z0, tt)
        for s in range(S):
            for i, ti in enumerate(tt):
                exact = loss.zstar[s] + expm(-loss.H[s] * ti) @ (z0[s] - loss.zstar[s])
                np.testing.assert_allclose(Z[s, i], exact, rtol=1e-7, atol=1e-9)


class TestReluGradientFlow:
    """The batched gradient flow also runs two-layer ReLU networks from the symmetric initialisation."""

    def test_parameters_as_argument_match_the_network(self):
        rng = np.random.default_rng(3)
        net = TwoLayerReLU.symmetric(rng, 3, 8, rng.standard_normal((4, 2)))
        np.testing.assert_array_equal(net.f(net.w0), net.f())
        np.testing.assert_array_equal(net.jac(net.w0), net.jac())
        stacked = np.stack([net.w0, 2 * net.w0], axis=1)                      # (S, 2, p)
        np.testing.assert_allclose(net.f(stacked)[:, 1], 2 * net.f(), atol=1e-12)   # ReLU is 1-homogeneous

    def test_flow_fits_the_data_from_f_zero(self):
        rng = np.random.default_rng(4)
        X = rng.standard_normal((3, 4))
        net = TwoLayerReLU.symmetric(rng, 2, 16, X, scale=1 / 4)
        loss = QuadraticLoss(np.broadcast_to(np.eye(3), (2, 3, 3)).copy(), rng.standard_normal((2, 3)))
        t = np.linspace(0, 8, 5)
        W = model_gradient_flow(net, loss, np.ones(2), net.w0, t, tolerances=(1e-6, 1e-9))
        residual = np.linalg.norm(net.f(W) - loss.zstar[:, None], axis=-1)
        np.testing.assert_allclose(net.f(W[:, 0]), 0, atol=1e-12)
        assert np.all(np.diff(residual, axis=1) <= 1e-9)        # the loss decreases along the flow
        assert np.all(residual[:, -1] < 0.5 * residual[:, 0])   # and the network moves towards the data
        # a wrong claim about the flow must fail: the residual does not stay at its initial value
        assert not np.allclose(residual[:, -1], residual[:, 0])
