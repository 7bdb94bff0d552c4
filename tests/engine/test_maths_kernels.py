"""The arc-cosine kernel family of :mod:`verify.maths.kernels`: k0, k1 (Gaussian and sphere laws), the
first-layer NTK and the two-layer NTK limit, each against Monte Carlo and against known angles, and
each able to tell a wrong normalisation apart."""
from __future__ import annotations

import numpy as np
import pytest

from verify.maths.kernels import arccos, empirical_ntk, ntk_limit, pairwise_angles, relu_ntk


@pytest.fixture
def rng():
    return np.random.default_rng(12)


def _monte_carlo(X, draws, rng, sphere=False):
    W = rng.standard_normal((draws, X.shape[1]))
    if sphere:
        W /= np.linalg.norm(W, axis=1, keepdims=True)
    pre = W @ X.T
    act, der = np.maximum(pre, 0.0), (pre > 0).astype(float)
    return der.T @ der / draws, act.T @ act / draws


@pytest.mark.parametrize("sphere", [False, True])
def test_degrees_0_and_1_against_monte_carlo(rng, sphere):
    X = rng.standard_normal((5, 3))
    k0, k1 = _monte_carlo(X, 400_000, rng, sphere)
    scale = np.outer(*2 * [np.linalg.norm(X, axis=1)])
    assert np.max(np.abs(arccos(X) - k0)) < 0.01
    assert np.max(np.abs(arccos(X, degree=1, sphere=sphere) - k1) / scale) < 0.01
    # must fail: the other law's normalisation is a factor d away
    assert np.max(np.abs(arccos(X, degree=1, sphere=not sphere) - k1) / scale) > 0.05


def test_known_angles_and_cross_kernels():
    e = np.array([[1.0, 0.0]])
    Y = np.array([[1.0, 0.0], [0.0, 2.0], [-1.0, 0.0]])          # angles 0, pi/2, pi
    np.testing.assert_allclose(arccos(e, Y), [[0.5, 0.25, 0.0]], atol=1e-15)
    np.testing.assert_allclose(arccos(e, Y, 1), [[0.5, 2 / (2 * np.pi), 0.0]], atol=1e-15)
    np.testing.assert_allclose(relu_ntk(e, Y), [[0.5, 0.0, 0.0]], atol=1e-15)
    np.testing.assert_allclose(ntk_limit(e, Y), [[1.0, 1 / np.pi, 0.0]], atol=1e-15)
    assert not np.allclose(ntk_limit(e, Y), arccos(e, Y, 1))        # must fail without the k0 x.y term


def test_family_compositions_and_batches(rng):
    X, Y = rng.standard_normal((6, 4)), rng.standard_normal((3, 4))
    assert np.array_equal(relu_ntk(X, X), relu_ntk(X))
    np.testing.assert_allclose(relu_ntk(X, Y), (X @ Y.T) * arccos(X, Y), rtol=1e-14)
    np.testing.assert_allclose(ntk_limit(X, Y, sphere=True), arccos(X, Y, 1) / 4 + arccos(X, Y) * (X @ Y.T), rtol=1e-14)
    batch = rng.standard_normal((5, 6, 4))
    np.testing.assert_allclose(ntk_limit(batch)[2], ntk_limit(batch[2]), rtol=1e-14)
    assert np.array_equal(arccos(batch, degree=1)[3], arccos(batch[3], degree=1))
    norms, theta = pairwise_angles(X)
    np.testing.assert_allclose(np.diag(theta), 0.0, atol=1e-15)
    np.testing.assert_allclose(np.diag(norms), (X**2).sum(1), rtol=1e-14)


def test_ntk_limit_against_monte_carlo_of_both_layers(rng):
    X = rng.standard_normal((4, 3))
    k0, k1 = _monte_carlo(X, 400_000, rng)
    assert np.max(np.abs(ntk_limit(X) - (k1 + k0 * (X @ X.T)))) < 0.03
    assert np.max(np.abs(relu_ntk(X) - k0 * (X @ X.T))) < 0.02


def test_only_degrees_0_and_1():
    with pytest.raises(ValueError, match="degree 0 and 1"):
        arccos(np.eye(2), degree=2)


def test_empirical_ntk_of_wide_networks_approaches_the_limit(rng):
    X = rng.standard_normal((4, 3))
    A, b = rng.standard_normal((8, 4096, 3)), rng.standard_normal((8, 4096))
    theta = empirical_ntk(A, b, X)
    assert np.max(np.abs(theta.mean(0) - ntk_limit(X))) < 0.05
    np.testing.assert_allclose(empirical_ntk(A, b, X, mean=False) / 4096, theta, rtol=1e-12)
    # must fail: the output layer's term alone (b = 0) is k1, not the NTK
    assert np.max(np.abs(empirical_ntk(A, 0 * b, X).mean(0) - ntk_limit(X))) > 0.1
    smooth = empirical_ntk(A[:1, :8], b[:1, :8], X, np.tanh, lambda z: 1 / np.cosh(z) ** 2)
    np.testing.assert_allclose(smooth, np.swapaxes(smooth, -1, -2), rtol=1e-12)
    assert np.all(np.linalg.eigvalsh(smooth) > -1e-12)              # a Gram matrix
