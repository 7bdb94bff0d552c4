"""Reusable mathematics for Kurdyka-Łojasiewicz (KL) and Rayleigh-quotient arguments.

* Notation the numeric checks can evaluate on arrays and at 50 digits: the principal Lambert branch
  :class:`W0` (evaluated with mpmath), the bilinear form :class:`Quad`, the Rayleigh quotient
  :class:`Rayleigh` and the matrix :class:`Rank`. Each is a SymPy function carrying its own evaluator
  (``_imp_``), which ``lambdify`` uses for NumPy arrays (vectors in the last axis, matrices in the last
  two, reductions keeping their axes), for mpmath values (precise replays) and for SymPy's ``evalf``.
* Desingularizers: the power family phi_p and the one of the cross-entropy, computed with SymPy.
* Losses with known KL constants and their batched gradient flows: power losses (theta^T H theta)^{q/2},
  exponential losses on separable data, least squares on a smooth model, multi-class logistic regression
  with a linear model (softargmax and cross-entropy), and a two-layer tanh regression network whose
  loss over a continuous input distribution is computed by Gauss-Legendre quadrature.

Everything is batched over a leading axis of independent instances.
"""
from __future__ import annotations

from dataclasses import dataclass

import mpmath as mp
import numpy as np
import sympy as sp
from scipy.special import lambertw

from .flows import batched_flow
from .models import QuadraticModel, per_instance

# ---------------------------------------------------------------------------------------------
# notation evaluated on arrays and at high precision
# ---------------------------------------------------------------------------------------------

_MP_TYPES = (mp.mpf, mp.mpc, mp.matrix)


def _is_mp(*args) -> bool:
    return any(isinstance(a, _MP_TYPES) for a in args)


def _mp_col(v):
    return v if isinstance(v, mp.matrix) else mp.matrix([v])


def _lambertw_mp(x):
    """Principal branch at mpmath's working precision; NaN off the real domain x >= -1/e."""
    if x < -mp.exp(-1):
        return mp.nan
    value = mp.lambertw(x)
    return mp.re(value) if isinstance(value, mp.mpc) else value


def _w0_impl(x):
    if isinstance(x, sp.Basic):                  # SymPy's evalf fallback hands over a Float
        with mp.workdps(80):
            return _lambertw_mp(mp.mpf(sp.Float(x, 90)._mpf_))
    if _is_mp(x):
        return _lambertw_mp(x)
    # float arrays (screening): SciPy's double-precision branch 0; replays and evalf use mpmath above
    a = np.asarray(x, dtype=float)
    with np.errstate(invalid="ignore"):
        out = np.where(a >= -np.exp(-1.0), lambertw(np.where(a >= -np.exp(-1.0), a, 0.0)).real, np.nan)
    out = np.where(np.isposinf(a), np.inf, out)
    return out if out.ndim else float(out)


class W0(sp.LambertW):
    r"""The principal branch W_0 of the Lambert function, W_0(x) e^{W_0(x)} = x for x >= -1/e.

    Evaluated with mpmath (``mp.lambertw``) at the working precision in replays (50 digits) and in
    ``evalf``, and with SciPy's double-precision branch on float arrays (the screening pass), so
    statements written with W_0 run in every check. Positive exactly for positive arguments."""

    _imp_ = staticmethod(_w0_impl)

    def _eval_is_positive(self):
        x = self.args[0]
        if x.is_positive:
            return True
        if x.is_nonpositive:
            return False
        return None

    def _eval_is_nonnegative(self):
        x = self.args[0]
        if x.is_nonnegative:
            return True
        if x.is_negative:
            return False
        return None

    def _latex(self, printer, exp=None):
        text = r"W_0\left(%s\right)" % printer._print(self.args[0])
        return text if exp is None else r"W_0^{%s}\left(%s\right)" % (exp, printer._print(self.args[0]))


def _directions(x, y):
    """Quad's and Rayleigh's directions are vectors, (..., 1, n) arrays or mpmath rows or columns: a matrix
    written where a direction belongs (a swapped symbol) is an error, not a bilinear form of its rows."""
    for v in (x, y):
        shape = (v.rows, v.cols) if isinstance(v, mp.matrix) else np.shape(v)
        if len(shape) >= 2 and min(shape[-2:]) > 1:
            raise ValueError(f"a direction of a bilinear form must be a vector, got shape {tuple(shape)}")


def _quad_impl(A, x, y):
    _directions(x, y)
    if _is_mp(A, x, y):
        if not isinstance(A, mp.matrix):
            return A * x * y
        return (_mp_col(x).T * A * _mp_col(y))[0]
    A, x, y = (np.asarray(v, dtype=float) for v in (A, x, y))
    return np.einsum("...ai,...ij,...aj->...a", x, A, y)[..., None]


class Quad(sp.Function):
    r"""The bilinear form of a matrix, A(x, y) = x^T A y: A of shape (..., n, n), x and y of shape
    (..., 1, n); the result keeps the rank, (..., 1, 1)."""
    nargs = 3
    is_real = True
    _imp_ = staticmethod(_quad_impl)

    @classmethod
    def eval(cls, A, x, y):
        if A.is_number and x.is_number and y.is_number:     # the one-dimensional case
            return A * x * y

    def _latex(self, printer, exp=None):
        A, x, y = (printer._print(a) for a in self.args)
        text = r"%s^T %s %s" % (x, A, y)
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)


def _rayleigh_impl(A, x, y):
    if _is_mp(A, x, y):
        return _quad_impl(A, x, y) / (mp.norm(_mp_col(x)) * mp.norm(_mp_col(y)))
    q = _quad_impl(A, x, y)
    nx = np.linalg.norm(np.asarray(x, float), axis=-1, keepdims=True)
    ny = np.linalg.norm(np.asarray(y, float), axis=-1, keepdims=True)
    return q / (nx * ny)


class Rayleigh(sp.Function):
    r"""The Rayleigh quotient R(A; x, y) = A(x, y) / (||x|| ||y||) of a bilinear form given by a matrix,
    with Euclidean norms (the norm induced by the inner product the eigenvectors are orthonormal for)."""
    nargs = 3
    is_real = True
    _imp_ = staticmethod(_rayleigh_impl)

    def _latex(self, printer, exp=None):
        A, x, y = (printer._print(a) for a in self.args)
        text = r"\mathcal{R}\left(%s; %s, %s\right)" % (A, x, y)
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)


# The data of a replay come from float64 arrays: singular values below this fraction of the largest
# are round-off of exact zeros.
RANK_RTOL = 1e-10


def _rank_impl(A):
    if _is_mp(A):
        if not isinstance(A, mp.matrix):
            return mp.mpf(0 if A == 0 else 1)
        sv = mp.svd_r(A, compute_uv=False)
        top = max(abs(s) for s in sv)
        return mp.mpf(sum(1 for s in sv if abs(s) > RANK_RTOL * top)) if top > 0 else mp.mpf(0)
    A = np.asarray(A, dtype=float)
    sv = np.linalg.svd(A, compute_uv=False)
    top = sv.max(axis=-1, keepdims=True)
    rank = (sv > RANK_RTOL * np.maximum(top, 1e-300)).sum(axis=-1) * (top[..., 0] > 0)
    return rank.astype(float)[..., None, None]


class Rank(sp.Function):
    r"""Rank of a matrix (last two axes), counting singular values above ``RANK_RTOL`` times the largest."""
    nargs = 1
    is_integer = True
    is_nonnegative = True
    _imp_ = staticmethod(_rank_impl)

    def _latex(self, printer, exp=None):
        text = r"\operatorname{rank}\left(%s\right)" % printer._print(self.args[0])
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)


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

    @property
    def X(self):
        return np.stack([self.s, np.ones_like(self.s)], axis=1)          # (Q, 2)

    @staticmethod
    def split(theta):
        """theta (S, m, 3): rows (w_i, a_i)."""
        return theta[..., :2], theta[..., 2]

    def predict(self, theta):
        W, a = self.split(theta)
        return np.einsum("s...m,s...mq->s...q", a, np.tanh(W @ self.X.T))

    def loss(self, theta):
        return (((self.predict(theta) - self.target) ** 2) * self.weights).sum(-1)

    def grad(self, theta):
        W, a = self.split(theta)
        h = np.tanh(W @ self.X.T)                                          # (S, m, Q)
        r = 2 * (np.einsum("sm,smq->sq", a, h) - self.target) * self.weights
        out = np.empty_like(theta)
        out[..., 2] = np.einsum("smq,sq->sm", h, r)
        out[..., :2] = ((a[..., None] * (1 - h * h)) * r[:, None, :]) @ self.X
        return out

    def jacobian(self, theta):
        """dF(x_q)/dtheta (S, Q, 3m) at the quadrature nodes."""
        W, a = self.split(theta)
        h = np.tanh(W @ self.X.T)                                          # (S, m, Q)
        dW = np.einsum("sm,smq,qd->sqmd", a, 1 - h * h, self.X)
        J = np.concatenate([dW, np.swapaxes(h, 1, 2)[..., None]], axis=-1)  # (S, Q, m, 3)
        return J.reshape(J.shape[0], J.shape[1], -1)
