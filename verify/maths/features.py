"""Reusable mathematics for notes on training dynamics: Boolean-cube features (parities), batched
two-layer networks and their random-feature models, bounded models for the gradient-variance
arguments, and small symbolic helpers (step, path norms; ReLU is notation: :mod:`verify.notation`).

Everything numeric is batched over a leading axis of independent instances (seeds), as in
:mod:`verify.maths.models`, so a check simulates all of its instances in one array computation.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .flows import batched_flow
from .models import inner_products, relu, relu_prime


# ---------------------------------------------------------------------------------------------
# symbolic helpers
# ---------------------------------------------------------------------------------------------

def relu_abs(z):
    """ReLU as ``(z + |z|)/2``: the same function in a form SymPy can take limits of (``Max`` has no series)."""
    return (z + sp.Abs(z)) / 2


def step_sym(z, at_zero=1):
    """The step function 1(z >= 0) (``at_zero=1``) or 1(z > 0) (``at_zero=0``)."""
    return sp.Heaviside(z, at_zero)


def path_norm(neurons, output_bias=0):
    """Path norm sum_j |a_j| (||w_j||_1 + |c_j|) + |a_0| of f(x) = sum_j a_j sigma(w_j.x + c_j) + a_0.

    ``neurons`` is a sequence of ``(a_j, l1_norm_of_w_j, c_j)`` (SymPy expressions or numbers); the output
    bias counts as the path from the constant input.
    """
    return sum((sp.Abs(a) * (w1 + sp.Abs(c)) for a, w1, c in neurons), sp.Integer(0)) + sp.Abs(output_bias)


# ---------------------------------------------------------------------------------------------
# Boolean cube
# ---------------------------------------------------------------------------------------------

def cube(d: int, values=(0, 1)) -> np.ndarray:
    """All 2^d points of {values}^d as a (2^d, d) integer array, in lexicographic order."""
    return np.array(list(itertools.product(values, repeat=d)), dtype=np.int64).reshape(-1, d)


def parity_matrix(d: int) -> np.ndarray:
    """P[v, x] = (-1)^{v.x} for v, x in {0,1}^d (rows: the parity functions f_v on the cube's points).

    The rows are orthogonal with squared norm 2^d (P P^T = 2^d I): under the uniform distribution the
    parities form a complete orthonormal basis of functions on {0,1}^d.
    """
    V = cube(d)
    return (1 - 2 * ((V @ V.T) % 2)).astype(float)


# ---------------------------------------------------------------------------------------------
# points on the sphere (the closed-form ReLU kernels are :func:`verify.maths.kernels.arccos`)
# ---------------------------------------------------------------------------------------------

def sphere_points(rng: np.random.Generator, shape: tuple, d: int) -> np.ndarray:
    """Uniform points on S^{d-1} of shape ``shape + (d,)``."""
    g = rng.standard_normal(tuple(shape) + (d,))
    g /= row_norms(g)      # in place: no second array of the draws' size
    return g


def row_norms(g: np.ndarray) -> np.ndarray:
    """``np.linalg.norm(g, axis=-1, keepdims=True)``, the same numbers, for a float array: below eight
    coordinates NumPy sums the squares in order, and so does this, one coordinate at a time, with
    temporaries of a coordinate's size instead of two of the whole array's (draws of millions of points:
    most of their time); from eight on NumPy sums pairwise, and NumPy's own norm is used."""
    d = g.shape[-1]
    if not (1 <= d < 8 and g.dtype == np.float64):
        return np.linalg.norm(g, axis=-1, keepdims=True)
    out = np.square(g[..., 0])
    if d > 1:
        square = np.empty_like(out)
        for k in range(1, d):                   # coordinates (fewer than eight), each a vectorized pass
            np.square(g[..., k], out=square)
            out += square
    np.sqrt(out, out=out)
    return out[..., None]


# ---------------------------------------------------------------------------------------------
# two-layer ReLU networks f(x) = sum_j a_j relu(b_j . x) and their random-feature models
# ---------------------------------------------------------------------------------------------

def features(B: np.ndarray, X: np.ndarray) -> np.ndarray:
    """relu(b_j . x_i) of shape (S, m, n) for B (S, m, d) and X (n, d)."""
    z = inner_products(B, X)
    if isinstance(z, np.ndarray) and z.dtype.kind == "f":
        return np.maximum(z, 0.0, out=z)        # in place on the fresh product (relu, without a second array)
    return relu(z)


def network(a: np.ndarray, B: np.ndarray, X: np.ndarray, batch_floats: int = 2**22) -> np.ndarray:
    """f(x_i) = sum_j a_j relu(b_j . x_i), shape (S, n): a few networks at a time (about ``batch_floats``
    numbers of relu(B X^T) at once), so memory stays bounded however many networks and points."""
    S, m = a.shape
    step = max(1, batch_floats // max(m * X.shape[0], 1))
    out = np.empty((S, X.shape[0]), dtype=np.result_type(a, B, X))
    for s0 in range(0, S, step):
        out[s0:s0 + step] = np.einsum("sm,smn->sn", a[s0:s0 + step], features(B[s0:s0 + step], X))
    return out


def empirical_kernel(B: np.ndarray, X: np.ndarray, Y: np.ndarray | None = None) -> np.ndarray:
    """K_hat_ij = (1/m) sum_j relu(b_j.x_i) relu(b_j.y_j), shape (S, n, n')."""
    FX = features(B, X)
    FY = FX if Y is None or Y is X else features(B, Y)      # the same features once
    return np.einsum("smi,smj->sij", FX, FY) / B.shape[-2]


def network_jacobian(a: np.ndarray, B: np.ndarray, X: np.ndarray) -> np.ndarray:
    """d f(x_i) / d(a, B) of shape (S, n, m + m d) (columns: a_1..a_m, then b_1, ..., b_m)."""
    act, der = features(B, X), relu_prime(inner_products(B, X))
    ja = np.swapaxes(act, 1, 2)                                               # (S, n, m)
    jb = np.einsum("sm,smn,nd->snmd", a, der, X).reshape(a.shape[0], X.shape[0], -1)
    return np.concatenate([ja, jb], axis=-1)


def risk_gradient(a, B, X, y):
    """grad of R_n = (1/2n) sum_i (f(x_i) - y_i)^2 with respect to (a, B): shapes (S, m), (S, m, d)."""
    e = network(a, B, X) - y
    n = X.shape[0]
    ga = np.einsum("smn,sn->sm", features(B, X), e) / n
    gb = a[..., None] * np.einsum("smn,sn,nd->smd", relu_prime(inner_products(B, X)), e, X) / n
    return ga, gb


def flow_020(a0, B0, X, y, t, precise=False, random_features=False, integrals=False, rtol=None, substeps=None):
    """The flow (0.20) as written: a_j' = -sum_i e_i relu(b_j.x_i), b_j' = -sum_i e_i a_j relu'(b_j.x_i) x_i
    (no 1/n: it is the gradient flow of n R_n). ``random_features`` freezes B (the RFM's flow);
    ``integrals`` appends int_0^t e_i; ``rtol`` loosens the fast mode (RK45 at ``rtol``, absolute tolerance
    1e-4 rtol, for simulations whose compared quantities are far above it); ``substeps`` makes the fast
    mode fixed-step RK4 (see :mod:`verify.maths.flows`).
    Returns a (S, T, m), B (S, T, m, d), and the integrals (S, T, n)."""
    S, m = a0.shape
    d, n = X.shape[1], X.shape[0]
    y = np.broadcast_to(y, (S, n))
    width = m + (0 if random_features else m * d) + (n if integrals else 0)

    pre, act, moved = np.empty((S, m, n)), np.empty((S, m, n)), np.empty((S, m, d))

    def rhs(_, z):
        """The velocity written into one fresh array (no parts to concatenate), the same operations as
        the formulas above; called at every stage of every step, so its temporaries are few, and its
        largest intermediate arrays (pre, act, moved) are allocated once for all calls (fresh ones cost
        page faults at every call). The products by e_i and a_j are taken on flat rows with e tiled and
        a repeated: broadcast over an axis of length n or d, NumPy's inner loop is that short, and the
        products take twice as long."""
        a = z[:, :m]
        B = B0 if random_features else z[:, m:m + m * d].reshape(S, m, d)
        inner_products(B, X, out=pre)                                  # (S, m, n)
        np.maximum(pre, 0.0, out=act)
        e = (a[:, None, :] @ act)[:, 0] - y                            # (S, n)
        out = np.empty((S, width))
        np.negative((act @ e[..., None])[..., 0], out=out[:, :m])
        if not random_features:
            mask = np.greater(pre, 0.0, out=pre, casting="unsafe")     # relu'(pre) as 0/1 floats, in place
            flat = mask.reshape(S, m * n)
            flat *= np.tile(e, m)                                      # relu'(pre_ji) e_i
            np.matmul(mask, X, out=moved)
            np.multiply(np.repeat(-a, d, axis=1), moved.reshape(S, m * d), out=out[:, m:m + m * d])
        if integrals:
            out[:, -n:] = e
        return out

    parts = [a0] + ([] if random_features else [B0.reshape(S, -1)]) + ([np.zeros((S, n))] if integrals else [])
    z0 = np.concatenate(parts, axis=1)
    Z = batched_flow(rhs, z0, t, precise, None if rtol is None else (rtol, 1e-4 * rtol), substeps=substeps)
    a = Z[..., :m]
    B = (np.broadcast_to(B0[:, None], (S, len(t), m, d)) if random_features
         else Z[..., m:m + m * d].reshape(S, len(t), m, d))
    E = Z[..., -n:] if integrals else None
    return a, B, E


# ---------------------------------------------------------------------------------------------
# bounded models for the gradient-variance arguments (Theorems 7 and 8)
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TanhNet:
    """h(x; theta) = sum_j c_j tanh(w_j . x + b_j), theta = (c, W, b), batched over instances; used for
    gradient-variance bounds, which hold for any differentiable model."""
    c: np.ndarray      # (S, m)
    W: np.ndarray      # (S, m, d)
    b: np.ndarray      # (S, m)

    @staticmethod
    def random(rng, batch, m, d, scale=1.0):
        return TanhNet(scale * rng.standard_normal((batch, m)) / np.sqrt(m),
                       rng.standard_normal((batch, m, d)), rng.standard_normal((batch, m)))

    def value(self, X):
        return np.einsum("sm,smn->sn", self.c, np.tanh(self.W @ X.T + self.b[..., None]))

    def grad(self, X):
        """grad_theta h(x) for every x: shape (S, n, m + m d + m)."""
        pre = self.W @ X.T + self.b[..., None]                         # (S, m, n)
        th = np.tanh(pre)
        dpre = self.c[..., None] * (1 - th**2)                         # (S, m, n)
        gW = np.einsum("smn,nd->snmd", dpre, X).reshape(th.shape[0], X.shape[0], -1)
        return np.concatenate([np.swapaxes(th, 1, 2), gW, np.swapaxes(dpre, 1, 2)], axis=-1)


@dataclass(frozen=True)
class SineModel:
    """h(x; theta) = (1/m) sum_j sin(theta_j . (x, 1)): |h| <= 1, and its gradient is globally Lipschitz in
    mean square, E_x ||grad h(theta) - grad h(theta')||^2 <= L ||theta - theta'||^2 with
    L = E_x ||(x, 1)||^4 / m^2 (|cos u - cos v| <= |u - v| and Cauchy-Schwarz), as Theorem 8 assumes."""
    m: int
    X: np.ndarray      # (N, d): the input distribution's support (uniform)

    @property
    def Xt(self):
        return np.concatenate([self.X, np.ones((self.X.shape[0], 1))], axis=1)

    @property
    def lipschitz(self) -> float:
        return float(np.mean(np.sum(self.Xt**2, axis=1) ** 2)) / self.m**2

    def value(self, theta):
        """theta (..., m, d+1) -> h at every x, (..., N)."""
        return np.sin(theta @ self.Xt.T).mean(axis=-2)

    def grad(self, theta):
        """(..., m, d+1) -> (..., N, m, d+1)."""
        c = np.cos(theta @ self.Xt.T) / self.m                           # (..., m, N)
        return np.einsum("...jn,nk->...njk", c, self.Xt)

    def G(self, theta):
        """G(theta) = E_x ||grad_theta h(x; theta)||^2."""
        c = np.cos(theta @ self.Xt.T) / self.m
        return np.mean(np.sum(c**2, axis=-2) * np.sum(self.Xt**2, axis=1), axis=-1)

    def hinge_gradient(self, theta, F):
        """grad R^f for R^f = E_x max(0, 1 - h f) with |h| < 1, |f| <= 1: -E_x[f grad h], for targets F of
        shape broadcasting against theta's leading axes + (N,)."""
        c = np.cos(theta @ self.Xt.T) / self.m                           # (..., m, N)
        return -np.einsum("...jn,...n,nk->...jk", c, F, self.Xt) / self.X.shape[0]


# ---------------------------------------------------------------------------------------------
# functions on the torus [0, 2 pi]^d
# ---------------------------------------------------------------------------------------------

def torus_cosine_gram(W: np.ndarray, points: int | None = None) -> np.ndarray:
    """Gram matrix <cos(w.x), cos(w'.x)> under Unif([0, 2 pi]^d) for integer rows w of W, by the uniform
    grid with N points per axis, which integrates trigonometric polynomials of degree < N exactly
    (sum_j e^{2 pi i k j / N} = 0 unless N | k); N defaults to one more than the largest degree."""
    W = np.asarray(W)
    d = W.shape[1]
    N = points or int(2 * np.abs(W).sum(axis=1).max() + 1)
    grid = 2 * np.pi * np.arange(N) / N
    X = np.stack(np.meshgrid(*([grid] * d), indexing="ij"), axis=-1).reshape(-1, d)
    C = np.cos(X @ W.T)                                                  # (N^d, |W|)
    return C.T @ C / X.shape[0]


def compositions_up_to(d: int, total: int) -> np.ndarray:
    """All w in N^d (0 included) with sum_i w_i <= total, as rows."""
    grid = cube(d, tuple(range(total + 1)))
    return grid[grid.sum(axis=1) <= total]


# ---------------------------------------------------------------------------------------------
# objectives with known infimum for classical gradient-flow theorems (batched: leading axis S)
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CosineLandscape:
    """R(theta) = sum_k c_k (1 - cos(a_k . theta)): non-convex, inf R = 0 (attained at theta = 0)."""
    A: np.ndarray      # (S, K, p)
    c: np.ndarray      # (S, K), positive

    def value(self, theta):
        return np.einsum("sk,s...k->s...", self.c, 1 - np.cos(np.einsum("skp,s...p->s...k", self.A, theta)))

    def grad(self, theta):
        return np.einsum("sk,s...k,skp->s...p", self.c, np.sin(np.einsum("skp,s...p->s...k", self.A, theta)), self.A)


@dataclass(frozen=True)
class LogCoshConvex:
    """R(theta) = sum_k c_k log cosh(a_k . (theta - theta*)): convex, minimised at theta* with R = 0
    (unique when the a_k span R^p)."""
    A: np.ndarray      # (S, K, p)
    c: np.ndarray      # (S, K), positive
    star: np.ndarray   # (S, p)

    def _proj(self, theta):
        shift = theta - self.star.reshape(self.star.shape[:1] + (1,) * (theta.ndim - 2) + self.star.shape[1:])
        return np.einsum("skp,s...p->s...k", self.A, shift)

    def value(self, theta):
        u = self._proj(theta)
        return np.einsum("sk,s...k->s...", self.c, np.logaddexp(u, -u) - np.log(2.0))

    def grad(self, theta):
        return np.einsum("sk,s...k,skp->s...p", self.c, np.tanh(self._proj(theta)), self.A)


@dataclass(frozen=True)
class CoshWell:
    """R(theta) = sum_i a_i (cosh(c_i theta_i) - 1), inf R = 0 at theta = 0. It satisfies
    ||grad R||_2 >= C (R - inf R) with C = min_i c_i / sqrt(p) (|sinh u| >= cosh u - 1) and
    ||grad R||_2^2 >= mu (R - inf R) with mu = 2 min_i a_i c_i^2 (sinh^2 u >= 2 (cosh u - 1)), while
    near the minimum the gradient flow decays only like exp(-2 min_i a_i c_i^2 t)."""
    a: np.ndarray      # (S, p)
    c: np.ndarray      # (S, p)

    def _b(self, arr, ndim):
        return arr.reshape(arr.shape[:1] + (1,) * (ndim - 2) + arr.shape[1:])

    def value(self, theta):
        a, c = self._b(self.a, theta.ndim), self._b(self.c, theta.ndim)
        return np.sum(a * (np.cosh(c * theta) - 1), axis=-1)

    def grad(self, theta):
        a, c = self._b(self.a, theta.ndim), self._b(self.c, theta.ndim)
        return a * c * np.sinh(c * theta)

    @property
    def pl_norm_constant(self):
        """C with ||grad R|| >= C R (the PL condition with the norm not squared)."""
        return self.c.min(axis=1) / np.sqrt(self.c.shape[1])

    @property
    def pl_squared_constant(self):
        """mu with ||grad R||^2 >= mu R (the usual PL condition)."""
        return 2 * (self.a * self.c**2).min(axis=1)


def gradient_flow(objective, theta0: np.ndarray, t: np.ndarray, precise: bool = False) -> np.ndarray:
    """theta' = -grad R(theta) for a batched objective from theta0 (S, p); returns (S, T, p)."""
    return batched_flow(lambda _, th: -objective.grad(th), theta0, t, precise)
