"""verify.maths.kernels: the ReLU NTK closed form, cross kernels, finite-width Gram matrices and batched width flows, each with a case where a wrong formula fails."""
from __future__ import annotations

import math
import numpy as np
import pytest
import sympy as sp
from verify.maths.kernels import relu_ntk
from verify.maths.kernels import (WidthBatch, active, finite_width_gram, orthant_probability_integral, relu_ntk_entry)
from verify.core.model import Context, Outcome, Statement
from verify.maths.models import unit_vectors
from verify.checks.search import Domain
from verify.checks.symbolic import Identity


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
