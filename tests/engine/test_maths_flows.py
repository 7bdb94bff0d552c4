"""The modes of the one batched integrator :func:`verify.maths.flows.batched_flow` that its callers
choose beyond the default: loosened tolerances, fixed-step RK4, LSODA with per-instance Jacobian
blocks, and the mode checks (the default and BDF modes are tested in tests/test_models.py)."""
from __future__ import annotations

import numpy as np
import pytest

from verify.maths.flows import _block_jacobian, batched_flow
from verify.maths.kernels import WidthBatch


@pytest.fixture
def linear():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((3, 4, 4))
    A = -(A @ np.swapaxes(A, -1, -2)) / 4 - 0.1 * np.eye(4)
    return A, rng.standard_normal((3, 4)), (lambda _, y: np.einsum("sij,sj->si", A, y))


def test_loosened_tolerances_and_precise_mode():
    y0 = np.array([[1.0, -2.0], [0.5, 3.0]])
    tt = np.linspace(0.0, 3.0, 7)
    exact = y0[:, None, :] * np.exp(-2.0 * tt)[None, :, None]
    Y = batched_flow(lambda _, y: -2.0 * y, y0, tt, tolerances=(1e-7, 1e-11))
    assert np.allclose(Y, exact, rtol=1e-5, atol=1e-8)
    assert not np.allclose(Y, y0[:, None, :] * np.exp(-3.0 * tt)[None, :, None], rtol=1e-3)   # a wrong rate
    loose = np.max(np.abs(batched_flow(lambda _, y: -2.0 * y, y0, tt, tolerances=(1e-3, 1e-7)) - exact))
    assert loose > np.max(np.abs(Y - exact))                       # must fail: looser is less accurate
    P = batched_flow(lambda _, y: -2.0 * y, y0, tt, precise=True, tolerances=(1e-3, 1e-7))   # ignored when precise
    assert np.allclose(P, exact, rtol=1e-11, atol=1e-14)


def test_fixed_step_rk4_matches_the_precise_flow(linear):
    _, y0, rhs = linear
    t = np.linspace(0.0, 2.0, 11)
    fast, precise = batched_flow(rhs, y0, t, substeps=8), batched_flow(rhs, y0, t, precise=True, substeps=8)
    assert fast.shape == (3, 11, 4) and np.array_equal(fast[:, 0], y0)
    assert np.max(np.abs(fast - precise)) < 1e-4 * np.max(np.abs(y0))
    assert np.max(np.abs(batched_flow(rhs, y0, t, substeps=1) - precise)) > np.max(np.abs(fast - precise))
    assert np.array_equal(precise, batched_flow(rhs, y0, t, precise=True))      # precise: DOP853, as by default


def test_lsoda_with_and_without_jacobian_blocks(linear):
    A, y0, rhs = linear
    t = np.array([0.0, 1.0, 3.0])
    exact = batched_flow(rhs, y0, t, precise=True)
    for precise in (False, True):
        with_jac = batched_flow(rhs, y0, t, precise, stiff="lsoda", jac=lambda y: A)
        without = batched_flow(rhs, y0, t, precise, stiff="lsoda")
        tol = 1e-10 if precise else 1e-7
        np.testing.assert_allclose(with_jac, exact, atol=tol * np.max(np.abs(y0)))
        np.testing.assert_allclose(without, exact, atol=tol * np.max(np.abs(y0)))


def test_a_stiff_linear_system():
    A = -np.array([[[1.0, 0.0], [0.0, 100.0]]])
    for mode in (True, "bdf", "lsoda"):
        y = batched_flow(lambda _, z: np.einsum("bij,bj->bi", A, z), np.ones((1, 2)), np.array([0.0, 1.0]), stiff=mode)
        assert np.allclose(y[0, -1], np.exp([-1.0, -100.0]), rtol=1e-6, atol=1e-12)


def test_block_jacobian_assembles_the_instances_blocks():
    blocks = np.arange(2 * 3 * 3, dtype=float).reshape(2, 3, 3)
    dense = _block_jacobian(lambda y: blocks, (2, 3), dense=True)(0.0, np.zeros(6))
    sparse = _block_jacobian(lambda y: blocks, (2, 3), dense=False)(0.0, np.zeros(6)).toarray()
    expected = np.zeros((6, 6))
    expected[:3, :3], expected[3:, 3:] = blocks
    assert np.array_equal(dense, expected) and np.array_equal(sparse, expected)


def test_mode_errors_name_the_function():
    with pytest.raises(ValueError, match="batched_flow: stiff must be"):
        batched_flow(lambda _, y: -y, np.ones((1, 1)), np.array([0.0, 1.0]), stiff="radau")
    with pytest.raises(ValueError, match="fixed-step mode"):
        batched_flow(lambda _, y: -y, np.ones((1, 1)), np.array([0.0, 1.0]), stiff=True, substeps=4)


def test_width_batch_flow_starts_at_its_weights_and_lowers_the_loss():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((4, 3))
    batch = WidthBatch.coupled(rng, [8, 32], 2, X).with_labels(rng.standard_normal(4))
    t = np.linspace(0.0, 2.0, 5)
    W = batch.flow(t)
    assert W.shape == (5,) + batch.W0.shape and W.flags.c_contiguous and np.array_equal(W[0], batch.W0)
    loss = ((batch.outputs(W) - batch.y) ** 2).sum(-1)              # (T, I)
    assert np.all(loss[-1] < loss[0])


def test_a_converged_flow_does_not_follow_the_round_off_of_its_field():
    """Two evaluations of one field that differ in their summation order (as BLAS kernels for two CPUs
    do) give the same values at t once the flow has converged to a non-zero state: the steps are capped
    at the grid's spacing, below the stability limit where amplified round-off would pick them (without
    the cap the two differ by about 1e-9 here)."""
    rng = np.random.default_rng(1)
    Q = np.linalg.qr(rng.standard_normal((3, 4, 4)))[0]
    A = -np.einsum("sij,j,skj->sik", Q, np.array([0.1, 0.5, 1.0, 2.0]), Q)
    ys = 3 * rng.standard_normal((3, 4))
    y0 = rng.standard_normal((3, 4))
    t = np.linspace(0.0, 100.0, 201)
    one = batched_flow(lambda _, y: np.einsum("sij,sj->si", A, y - ys), y0, t)
    other = batched_flow(lambda _, y: (A[..., ::-1] * (y - ys)[:, None, ::-1]).sum(-1), y0, t)
    assert np.max(np.abs(one - other)) <= 1e-13 * np.max(np.abs(ys))
