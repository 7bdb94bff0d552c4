"""Reusable mathematics for Kurdyka-Łojasiewicz (KL) and Rayleigh-quotient arguments.

* Desingularizers: the power family phi_p and the one of the cross-entropy, computed with SymPy.
* Losses with known KL constants and their batched gradient flows: power losses (theta^T H theta)^{q/2},
  exponential losses on separable data, least squares on a smooth model, multi-class logistic regression
  with a linear model (softargmax and cross-entropy), and a two-layer tanh regression network whose
  loss over a continuous input distribution is computed by Gauss-Legendre quadrature.

Everything is batched over a leading axis of independent instances.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .flows import batched_flow
from .models import QuadraticModel, inner_products, per_instance

# ---------------------------------------------------------------------------------------------
# desingularizers
# ---------------------------------------------------------------------------------------------

def power_desingularizer(u, p):
    """phi_p(u) = u^p / p (p < 0) and log u (p = 0): phi_0 = log and phi_{-1}(u) = -1/u are the note's
    examples; d phi_p(u) = u^{p-1} for every p. Returns (phi, its inverse as a function of v), the
    inverses solved by SymPy branch by branch."""
    v = sp.Symbol("v", real=True)
    y = sp.Symbol("y", positive=True)
    pn = sp.Symbol("p_neg", negative=True)
    inv_log = sp.solve(sp.Eq(sp.log(y), v), y)[0]
    inv_pow = sp.solve(sp.Eq(y**pn / pn, v), y)[0].subs(pn, p)
    phi = sp.Piecewise((sp.log(u), sp.Eq(p, 0)), (u**p / p, True))
    phi_inv = sp.Lambda(v, sp.Piecewise((inv_log, sp.Eq(p, 0)), (inv_pow, True)))
    return phi, phi_inv


def cross_entropy_desingularizer(u):
    """The phi with phi'(u) = 1/(1 - e^{-u})^2: a loss with ||grad|| >= c (1 - e^{-loss}) (the
    cross-entropy of softargmax, see :meth:`LinearSoftmax`) satisfies KL with it. Integrated by SymPy
    after the substitution v = e^u - 1; the result is log(v) - 1/v at v = e^u - 1."""
    v = sp.Symbol("v", positive=True)
    integrand = sp.simplify((1 / (1 - sp.exp(-u)) ** 2).subs(u, sp.log(1 + v)) * sp.diff(sp.log(1 + v), v))
    return sp.integrate(integrand, v).subs(v, sp.exp(u) - 1)


def cross_entropy_phi_numeric(u: np.ndarray) -> np.ndarray:
    """NumPy values of :func:`cross_entropy_desingularizer`, log(e^u - 1) - 1/(e^u - 1)."""
    v = np.expm1(np.asarray(u, float))
    return np.log(v) - 1.0 / v


# ---------------------------------------------------------------------------------------------
# losses with known KL constants, and their gradient flows
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PowerLoss:
    """L(theta) = (theta^T H theta)^{q/2}, H symmetric positive definite (S, d, d), q >= 2 (S,).

    KL with phi_p, p = 2/q - 1 (log for q = 2): d phi_p(L) ||grad L||^2 = q^2 theta^T H^2 theta /
    theta^T H theta >= q^2 lambda_min(H), with equality along the bottom eigenvector."""
    H: np.ndarray
    q: np.ndarray

    def value(self, th):
        return np.einsum("s...i,sij,s...j->s...", th, self.H, th) ** (per_instance(self.q, th.ndim - 1) / 2)

    def grad(self, th):
        quad = np.einsum("s...i,sij,s...j->s...", th, self.H, th)[..., None]
        q = per_instance(self.q, th.ndim)
        return q * quad ** (q / 2 - 1) * np.einsum("sij,s...j->s...i", self.H, th)

    @property
    def p(self):
        return 2.0 / self.q - 1.0

    @property
    def kl_constant(self):
        return self.q**2 * np.linalg.eigvalsh(self.H)[:, 0]


@dataclass(frozen=True)
class ExponentialLoss:
    """L(theta) = mean_i exp(-theta . z_i) for z_i = y_i x_i separable with margin gamma by a unit u:
    ||grad L|| >= <-grad L, u> >= gamma L, so KL with phi(u) = -1/u and constant gamma^2."""
    Z: np.ndarray            # (S, N, d)

    def value(self, th):
        return np.exp(-np.einsum("s...d,snd->s...n", th, self.Z)).mean(-1)

    def grad(self, th):
        e = np.exp(-np.einsum("s...d,snd->s...n", th, self.Z))
        return -np.einsum("s...n,snd->s...d", e, self.Z) / self.Z.shape[1]

    def margin(self, u):
        """min_i u . z_i for unit vectors u (S, d)."""
        return np.einsum("sd,snd->sn", u, self.Z).min(-1)


def loss_flow(grad, theta0: np.ndarray, tau: np.ndarray, speed, precise: bool = False,
              tolerances: tuple[float, float] | None = None) -> np.ndarray:
    """Gradient flow theta' = -grad(theta) in rescaled time tau = speed * t (one ODE solve for the whole
    batch; ``speed`` per instance lets instances with different rates share one output grid).
    ``tolerances``: the fast mode's, as in :func:`verify.maths.flows.batched_flow`."""
    speed = np.asarray(speed, float).reshape((-1,) + (1,) * (theta0.ndim - 1))
    return batched_flow(lambda _, th: -grad(th) / speed, theta0, tau, precise, tolerances)


def least_squares_grad(model: QuadraticModel, fstar: np.ndarray):
    """grad of ||F(theta) - f*||^2 = 2 DF(theta)^T (F(theta) - f*) for a batched smooth model."""
    def grad(th):
        r = model.f(th) - fstar.reshape(fstar.shape[:1] + (1,) * (th.ndim - 2) + fstar.shape[1:])
        return 2 * np.einsum("s...np,s...n->s...p", model.jac(th), r)
    return grad


# ---------------------------------------------------------------------------------------------
# multi-class logistic regression with a linear model
# ---------------------------------------------------------------------------------------------

def softargmax(U: np.ndarray) -> np.ndarray:
    """softargmax(u)_i = e^{u_i} / sum_j e^{u_j} over the last axis (shifted for stability)."""
    E = np.exp(U - U.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class LinearSoftmax:
    """F(theta): x -> softargmax(theta x), theta in R^{c x d}, on a finite dataset with uniform weights
    1/N and one-hot targets f*(x_i) = e_{y_i}; H(theta) = mean_i -log softargmax(theta x_i)_{y_i}.

    With a unit-Frobenius separator of margin eps, ||grad H||_F >= (eps/N) sum_i (1 - e^{-l_i})
    >= (eps/N)(1 - e^{-H}): KL with the cross-entropy desingularizer and constant (eps/N)^2."""
    X: np.ndarray         # (S, N, d)
    labels: np.ndarray    # (S, N) integers in [0, c)
    classes: int

    def logits(self, th):                       # th (S, ..., c, d) -> (S, ..., N, c)
        return np.einsum("s...cd,snd->s...nc", th, self.X)

    def _onehot(self, ndim):
        Y = np.eye(self.classes)[self.labels]   # (S, N, c)
        return Y.reshape(Y.shape[:1] + (1,) * (ndim - 3) + Y.shape[1:])

    def losses(self, th):
        """Per-sample cross-entropies (S, ..., N)."""
        U = self.logits(th)
        top = U.max(axis=-1, keepdims=True)
        lse = (top + np.log(np.exp(U - top).sum(axis=-1, keepdims=True)))[..., 0]
        return lse - (U * self._onehot(U.ndim)).sum(-1)

    def loss(self, th):
        return self.losses(th).mean(-1)

    def grad(self, th):
        U = self.logits(th)
        P = softargmax(U) - self._onehot(U.ndim)
        return np.einsum("s...nc,snd->s...cd", P, self.X) / self.X.shape[1]


def separable_data(rng: np.random.Generator, batch: int, n: int, d: int, c: int, margin_floor: float,
                   candidates: int = 400):
    """Datasets separable by a random unit-Frobenius theta* (c x d): Gaussian inputs labelled by
    argmax theta* x, keeping the first n whose margin (theta* x)_y - max_{j != y} (theta* x)_j is at
    least ``margin_floor``. Returns (LinearSoftmax, theta*, eps = the smallest margin kept)."""
    star = rng.standard_normal((batch, c, d))
    star /= np.linalg.norm(star, axis=(-2, -1), keepdims=True)
    X = rng.standard_normal((batch, candidates, d)) * 2.0
    Z = np.einsum("scd,smd->smc", star, X)
    top2 = np.sort(Z, axis=-1)[..., -2:]
    margins = top2[..., 1] - top2[..., 0]
    keep = margins >= margin_floor
    if np.any(keep.sum(1) < n):
        raise RuntimeError("not enough candidate inputs clear the margin; raise `candidates`")
    order = np.argsort(~keep, axis=1, kind="stable")[:, :n]
    Xs = np.take_along_axis(X, order[..., None], axis=1)
    labels = np.take_along_axis(Z.argmax(-1), order, axis=1)
    eps = np.take_along_axis(margins, order, axis=1).min(1)
    return LinearSoftmax(Xs, labels, c), star, eps


def multiclass_margin(star: np.ndarray, data: LinearSoftmax) -> np.ndarray:
    """min_i [(theta* x_i)_{y_i} - max_{j != y_i} (theta* x_i)_j] per instance."""
    Z = np.einsum("scd,snd->snc", star, data.X)
    own = np.take_along_axis(Z, data.labels[..., None], axis=-1)[..., 0]
    other = np.where(np.eye(data.classes, dtype=bool)[data.labels], -np.inf, Z).max(-1)
    return (own - other).min(-1)


# ---------------------------------------------------------------------------------------------
# two-layer regression networks on a continuous input distribution
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TwoLayerTanh:
    """F(w, a): x -> sum_i a_i tanh(w_i . x) with x = (s, 1), s ~ uniform on [-1, 1] (infinite support;
    the constant coordinate plays the bias). The least-squares loss E_s[(F(x) - f*(s))^2] is computed by
    Gauss-Legendre quadrature on ``nodes`` points (exact to round-off for these analytic integrands)."""
    s: np.ndarray          # (Q,) quadrature nodes in [-1, 1]
    weights: np.ndarray    # (Q,) quadrature weights of the uniform distribution (sum 1)
    target: np.ndarray     # (Q,) f*(s)

    @staticmethod
    def on(fstar, nodes: int) -> "TwoLayerTanh":
        s, w = np.polynomial.legendre.leggauss(nodes)
        return TwoLayerTanh(s, w / 2, fstar(s))

    @functools.cached_property
    def X(self):
        """The inputs (s, 1) at the nodes, (Q, 2): built once (the gradient flow reads them at every step)."""
        X = np.stack([self.s, np.ones_like(self.s)], axis=1)
        X.flags.writeable = False
        return X

    @staticmethod
    def split(theta):
        """theta (S, m, 3): rows (w_i, a_i)."""
        return theta[..., :2], theta[..., 2]

    def predict(self, theta):
        W, a = self.split(theta)
        return np.einsum("s...m,s...mq->s...q", a, np.tanh(inner_products(W, self.X)))

    def loss(self, theta):
        return (((self.predict(theta) - self.target) ** 2) * self.weights).sum(-1)

    def grad(self, theta):
        W, a = self.split(theta)
        h = np.tanh(inner_products(W, self.X))                                          # (S, m, Q)
        r = 2 * (np.einsum("sm,smq->sq", a, h) - self.target) * self.weights
        out = np.empty_like(theta)
        out[..., 2] = np.einsum("smq,sq->sm", h, r)
        out[..., :2] = ((a[..., None] * (1 - h * h)) * r[:, None, :]) @ self.X
        return out

    def jacobian(self, theta):
        """dF(x_q)/dtheta (S, Q, 3m) at the quadrature nodes."""
        W, a = self.split(theta)
        h = np.tanh(inner_products(W, self.X))                                          # (S, m, Q)
        dW = np.einsum("sm,smq,qd->sqmd", a, 1 - h * h, self.X)
        J = np.concatenate([dW, np.swapaxes(h, 1, 2)[..., None]], axis=-1)  # (S, Q, m, 3)
        return J.reshape(J.shape[0], J.shape[1], -1)
