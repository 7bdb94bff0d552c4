"""Reusable mathematics for claims: models, losses and their gradient flows (integrated by
:func:`verify.maths.flows.batched_flow`).

Everything is batched over a leading axis of independent instances (seeds), so a check simulates all
its instances in one array computation.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .flows import batched_flow


# ---------------------------------------------------------------------------------------------
# losses
# ---------------------------------------------------------------------------------------------

def random_orthogonal(rng: np.random.Generator, batch: int, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((batch, n, n)))
    return q * np.sign(np.diagonal(r, axis1=-2, axis2=-1))[:, None, :]


def spd_with_spectrum(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, n: int) -> np.ndarray:
    """Random symmetric matrices whose extreme eigenvalues are exactly ``lo`` and ``hi`` (per batch)."""
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    batch = lo.shape[0]
    inner = rng.uniform(size=(batch, n))
    inner[:, 0], inner[:, -1] = 0.0, 1.0
    eig = lo[:, None] + (hi - lo)[:, None] * inner
    q = random_orthogonal(rng, batch, n)
    return np.einsum("bij,bj,bkj->bik", q, eig, q)


@dataclass(frozen=True)
class QuadraticLoss:
    """g(z) = 1/2 (z - z*)^T H (z - z*): mu-strongly convex and nu-smooth with mu, nu = extreme eigenvalues of H."""
    H: np.ndarray        # (S, n, n)
    zstar: np.ndarray    # (S, n)

    def grad(self, z: np.ndarray) -> np.ndarray:
        return np.einsum("bij,b...j->b...i", self.H, z - self._star(z))

    def value(self, z: np.ndarray) -> np.ndarray:
        d = z - self._star(z)
        return 0.5 * np.einsum("b...i,bij,b...j->b...", d, self.H, d)

    def _star(self, z):
        return self.zstar.reshape(self.zstar.shape[:1] + (1,) * (z.ndim - 2) + self.zstar.shape[1:])

    @property
    def mu(self) -> np.ndarray:
        return np.linalg.eigvalsh(self.H)[:, 0]

    @property
    def nu(self) -> np.ndarray:
        return np.linalg.eigvalsh(self.H)[:, -1]


# ---------------------------------------------------------------------------------------------
# models with Jacobians
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QuadraticModel:
    """f_j(w) = a_j . w + (beta/2) (b_j . w)^2: a smooth model whose Jacobian is Lipschitz with a
    computable constant, f(0) = 0 and J_0 = A. Batched: A, B of shape (S, n, p), beta of shape (S,)."""
    A: np.ndarray
    B: np.ndarray
    beta: np.ndarray

    @staticmethod
    def random(rng: np.random.Generator, batch: int, n: int, p: int, beta) -> "QuadraticModel":
        A = rng.standard_normal((batch, n, p)) / np.sqrt(p)
        B = rng.standard_normal((batch, n, p)) / np.sqrt(p)
        return QuadraticModel(A, B, np.broadcast_to(np.asarray(beta, float), (batch,)).copy())

    @staticmethod
    def tight(rng: np.random.Generator, batch: int, n: int, p: int, sigma, lipschitz) -> tuple["QuadraticModel", np.ndarray]:
        """Models on which Lemma 1's bound sigma_min(J_w) >= sigma_min(J_0) - L ||w - w(0)|| is attained:
        J_w = A - L (v.w) e_0 v^T, with (e_0, v) the singular pair of A's smallest singular value
        ``sigma`` (the others at least 2 sigma). Returns the models and the directions v, shape (S, p)."""
        sigma = np.broadcast_to(np.asarray(sigma, float), (batch,))
        lipschitz = np.broadcast_to(np.asarray(lipschitz, float), (batch,))
        U, _ = np.linalg.qr(rng.standard_normal((batch, n, n)))
        V, _ = np.linalg.qr(rng.standard_normal((batch, p, p)))
        U[:, :, 0] = 0.0
        U[:, 0, :] = 0.0
        U[:, 0, 0] = 1.0                                               # left singular vector e_0 for sigma
        U[:, 1:, 1:], _ = np.linalg.qr(rng.standard_normal((batch, n - 1, n - 1)))
        spectrum = sigma[:, None] * np.concatenate([np.ones((batch, 1)), rng.uniform(2, 4, (batch, n - 1))], axis=1)
        A = np.einsum("bij,bj,bkj->bik", U, spectrum, V[:, :, :n])
        v = V[:, :, 0]
        B = np.zeros((batch, n, p))
        B[:, 0, :] = v
        return QuadraticModel(A, B, -lipschitz), v

    def f(self, w: np.ndarray) -> np.ndarray:
        """w of shape (S, ..., p) -> (S, ..., n)."""
        return self._value(w, *self._quadratic(w))

    def jac(self, w: np.ndarray) -> np.ndarray:
        """(S, ..., p) -> (S, ..., n, p)."""
        return self._jacobian(w, *self._quadratic(w))

    def f_and_jac(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """f(w) and J_w from one product B w (:func:`flow_velocity` needs both at every step)."""
        beta, Bw = self._quadratic(w)
        return self._value(w, beta, Bw), self._jacobian(w, beta, Bw)

    def _quadratic(self, w):
        """beta per instance (broadcasting against w) and B w, (S, ..., n)."""
        return per_instance(self.beta, w.ndim), np.einsum("bij,b...j->b...i", self.B, w)

    def _value(self, w, beta, Bw):
        return np.einsum("bij,b...j->b...i", self.A, w) + 0.5 * beta * Bw ** 2

    def _jacobian(self, w, beta, Bw):
        quad = beta * Bw
        middle = (1,) * (w.ndim - 2)
        A = self.A.reshape(self.A.shape[:1] + middle + self.A.shape[1:])
        B = self.B.reshape(self.B.shape[:1] + middle + self.B.shape[1:])
        return A + quad[..., None] * B

    def lipschitz(self) -> np.ndarray:
        """L with ||J_w - J_v||_2 <= L ||w - v||: beta * max_j ||b_j|| * ||B||_2."""
        rows = np.linalg.norm(self.B, axis=-1).max(axis=-1)
        return np.abs(self.beta) * rows * np.linalg.norm(self.B, ord=2, axis=(-2, -1))


def per_instance(a, ndim: int) -> np.ndarray:
    """A per-instance scalar of shape (S,) (or a list) as a float array of ``ndim`` axes, (S, 1, ..., 1),
    broadcasting against the other axes of a batch."""
    return np.asarray(a, float).reshape((-1,) + (1,) * (ndim - 1))


def sigma_min(J: np.ndarray) -> np.ndarray:
    """sqrt(lambda_min(J J^T)) over the leading axes."""
    return np.sqrt(np.clip(np.linalg.eigvalsh(J @ np.swapaxes(J, -1, -2))[..., 0], 0, None))


def inner_products(W: np.ndarray, X: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """W @ X.T, the same numbers, for rows W (..., k, d) and points X (n, d): the products flows take at
    every step. NumPy's route for the transposed view X.T is slow there (seven times slower for 48 000
    rows by 4 x 3); against a contiguous copy of X.T BLAS runs the same kernel (it packs either layout),
    so two or more rows give the view's numbers bit for bit (checked, batched or not). A single row is
    a matrix-vector product, where the two layouts round differently: it keeps the view."""
    XT = X.T
    return np.matmul(W, np.ascontiguousarray(XT) if W.shape[-2] > 1 else XT, out=out)


def relu(z):
    return np.maximum(z, 0.0)


def relu_prime(z):
    return (z > 0).astype(float)


@dataclass(frozen=True)
class TwoLayerReLU:
    """f(x; w, c) = sum_k c_k relu(w_k . x), batched: W (S, m, d), c (S, m), data X (n, d)."""
    W: np.ndarray
    c: np.ndarray
    X: np.ndarray

    @staticmethod
    def symmetric(rng: np.random.Generator, batch: int, m: int, X: np.ndarray, scale: float = 1.0) -> "TwoLayerReLU":
        """Symmetric initialisation: neurons in pairs with equal w and opposite c, so f(w(0)) = 0."""
        if m % 2:
            raise ValueError(f"the symmetric initialisation pairs neurons: the width must be even, not {m}")
        half = rng.standard_normal((batch, m // 2, X.shape[1]))
        c = scale * rng.choice([-1.0, 1.0], size=(batch, m // 2))
        return TwoLayerReLU(np.concatenate([half, half], axis=1), np.concatenate([c, -c], axis=1), X)

    @property
    def w0(self) -> np.ndarray:
        """The parameters flattened, (S, m*d): the state of a gradient flow."""
        return self.W.reshape(self.W.shape[0], -1)

    def _weights(self, w):
        """Parameters w of shape (S, ..., m*d) as (S, ..., m, d); the network's own when None."""
        return self.W if w is None else w.reshape(w.shape[:-1] + self.W.shape[1:])

    def _c(self, ndim):
        return self.c.reshape(self.c.shape[:1] + (1,) * (ndim - 3) + self.c.shape[1:])

    def f(self, w: np.ndarray | None = None) -> np.ndarray:
        """Outputs on the data, (S, ..., n), at parameters w (default: the network's)."""
        W = self._weights(w)
        return np.einsum("b...k,b...kn->b...n", self._c(W.ndim), relu(inner_products(W, self.X)))

    def jac(self, w: np.ndarray | None = None) -> np.ndarray:
        """(S, ..., n, m*d): d f(x_i) / d w_k = c_k relu'(w_k . x_i) x_i."""
        W = self._weights(w)
        act = relu_prime(inner_products(W, self.X))               # (S, ..., m, n)
        J = np.einsum("b...k,b...kn,nd->b...nkd", self._c(W.ndim), act, self.X)
        return J.reshape(J.shape[:-2] + (-1,))


def relu_gram(W: np.ndarray, X: np.ndarray) -> np.ndarray:
    """[J J^T]_ij / c^2 = x_i . x_j * sum_k relu'(w_k . x_i) relu'(w_k . x_j) for W of shape (..., m, d)."""
    act = relu_prime(inner_products(W, X))
    return (X @ X.T) * np.matmul(np.swapaxes(act, -1, -2), act)      # 0/1 counts: exact, as the einsum was


def unit_vectors(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    X = rng.standard_normal((n, d))
    return X / np.linalg.norm(X, axis=1, keepdims=True)


# ---------------------------------------------------------------------------------------------
# flows
# ---------------------------------------------------------------------------------------------

def model_gradient_flow(model, loss: QuadraticLoss, alpha: np.ndarray, w0: np.ndarray,
                        t: np.ndarray, precise: bool = False, tolerances=None, stiff: bool = False) -> np.ndarray:
    """w' = -(1/alpha) J_w^T grad g(alpha f(w)): the scaled objective g(alpha f(w)) / alpha^2.

    ``model`` is any object with batched ``f(w)`` and ``jac(w)`` (a :class:`QuadraticModel`, a
    :class:`TwoLayerReLU`, or a plugin's own model)."""
    return batched_flow(lambda _, w: flow_velocity(model, loss, alpha, w), w0, t, precise, tolerances, stiff)


def flow_velocity(model, loss: QuadraticLoss, alpha: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The gradient-flow velocity at w of shape (S, ..., p). A model with ``f_and_jac(w)`` (the value and
    the Jacobian from shared products) is evaluated once; any other by ``f`` and ``jac``."""
    a = per_instance(alpha, w.ndim)
    both = getattr(model, "f_and_jac", None)
    f, J = both(w) if both is not None else (model.f(w), model.jac(w))
    g = loss.grad(a * f)
    return -np.einsum("b...ip,b...i->b...p", J, g) / a


def preconditioned_flow(Q, loss: QuadraticLoss, z0: np.ndarray, t: np.ndarray, precise: bool = False) -> np.ndarray:
    """z' = -Q(t) grad g(z) with Q(t) a callable returning (S, n, n)."""
    return batched_flow(lambda s, z: -np.einsum("bij,bj->bi", Q(s), loss.grad(z)), z0, t, precise)
