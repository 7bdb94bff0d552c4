"""Kernel mathematics of two-layer ReLU networks in the NTK scaling, reusable by claims of any note.

* The neural tangent kernel of f(x) = (1/sqrt m) sum_r a_r relu(w_r . x) with a_r = +-1 and only the
  first layer trained, H*(x, x') = x . x' Pr_{w ~ N(0, I)}[w . x >= 0, w . x' >= 0]: its derivation
  as a polar-coordinate integral (so a symbolic check can carry it out), its closed form, and the
  closed form between two point sets (test against training points).
* The empirical NTK of a finite network (any activation), and finite-width Gram matrices H(W) = (1/m) x_i . x_j sum_r a_r^2 1{w_r . x_i >= 0} 1{w_r . x_j >= 0}.
* :class:`WidthBatch`: many such networks of several widths, trained together by gradient flow on
  (1/2n) sum_i (u_i - y_i)^2 in one ODE solve, so an order-in-m fit needs one integration.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .flows import batched_flow
from .models import inner_products, relu, relu_prime



# ---------------------------------------------------------------------------------------------
# the kernel, symbolically
# ---------------------------------------------------------------------------------------------

def orthant_probability_integral(rho):
    """Pr_{w ~ N(0, I_d)}[w . x >= 0, w . x' >= 0] for unit x, x' with x . x' = rho, unevaluated.

    Why this form: w enters only through (w . x, w . x'), so by rotational invariance w may be taken
    in the plane of x = (1, 0) and x' = (cos theta, sin theta), theta = arccos rho in [0, pi]. In polar
    coordinates w = r (cos phi, sin phi) the event is cos phi >= 0 and cos(phi - theta) >= 0, i.e.
    phi in [theta - pi/2, pi/2] (an arc of length pi - theta), and the density is r e^{-r^2/2} / (2 pi).
    Carrying out the integral (``.doit()``) derives the closed form instead of assuming it.
    """
    r = sp.Symbol("r", positive=True)
    phi = sp.Symbol("phi", real=True)
    theta = sp.acos(rho)
    density = r * sp.exp(-r**2 / 2) / (2 * sp.pi)
    return sp.Integral(density, (r, 0, sp.oo), (phi, theta - sp.pi / 2, sp.pi / 2))


def relu_ntk_entry(rho):
    """The closed form x . x' (pi - arccos(x . x')) / (2 pi) for unit inputs (SymPy)."""
    return rho * (sp.pi - sp.acos(rho)) / (2 * sp.pi)


# ---------------------------------------------------------------------------------------------
# the arc-cosine kernel family, numerically
# ---------------------------------------------------------------------------------------------

def pairwise_angles(X: np.ndarray, Y: np.ndarray | None = None):
    """Products of norms and angles between the rows of X and of Y (default X), batched over leading
    axes: (..., n, m) each. The angle is 2 atan2(|u - v|, |u + v|) of the unit vectors, accurate also for
    (nearly) parallel rows, where arccos of the cosine is not; a zero row gets norm product 0."""
    X = np.asarray(X, float)
    Y = X if Y is None else np.asarray(Y, float)
    nx, ny = np.linalg.norm(X, axis=-1), np.linalg.norm(Y, axis=-1)
    U = np.divide(X, nx[..., None], out=np.zeros_like(X), where=nx[..., None] > 0)
    V = np.divide(Y, ny[..., None], out=np.zeros_like(Y), where=ny[..., None] > 0)
    minus = np.linalg.norm(U[..., :, None, :] - V[..., None, :, :], axis=-1)
    plus = np.linalg.norm(U[..., :, None, :] + V[..., None, :, :], axis=-1)
    return nx[..., :, None] * ny[..., None, :], 2 * np.arctan2(minus, plus)


def _inner(X: np.ndarray, Y: np.ndarray | None) -> np.ndarray:
    """The inner products x . y of the rows: one BLAS product for a single point set, an einsum over
    the leading axes for a batch (the arithmetic each kernel's callers have always had)."""
    Y = X if Y is None else Y
    return X @ Y.T if X.ndim == 2 and Y.ndim == 2 else np.einsum("...id,...jd->...ij", X, Y)


def arccos(X: np.ndarray, Y: np.ndarray | None = None, degree: int = 0, sphere: bool = False) -> np.ndarray:
    """The arc-cosine kernels k_k(x, y) = E_{w ~ N(0, I)}[relu(w.x)^k relu(w.y)^k] between the rows of X
    and of Y (default X), batched over leading axes: with theta the angle between x and y,

    * degree 0: E[relu'(w.x) relu'(w.y)] = (pi - theta) / (2 pi), the same for any rotation-invariant
      law of w (it depends on w's direction only);
    * degree 1: |x||y| (sin theta + (pi - theta) cos theta) / (2 pi).

    ``sphere``: w uniform on the unit sphere S^{d-1} (degree 1 divided by d). Why: w = g/|g| with
    g ~ N(0, I_d) has its direction independent of |g| and E|g|^2 = d, so the sphere average is the
    Gaussian kernel divided by d; it is also E_{w ~ N(0, I_d/d)}[relu(w.x) relu(w.y)] (the balanced
    initialisation of note 002)."""
    norms, theta = pairwise_angles(X, Y)
    if degree == 0:
        return (np.pi - theta) / (2 * np.pi)
    if degree == 1:
        d = np.shape(X)[-1] if sphere else 1
        return norms * (np.sin(theta) + (np.pi - theta) * np.cos(theta)) / (2 * np.pi * d)
    raise ValueError(f"arc-cosine kernels of degree 0 and 1 only, not {degree}")


def relu_ntk(X: np.ndarray, Y: np.ndarray | None = None) -> np.ndarray:
    """The NTK of the first layer of a two-layer ReLU network (output weights +-1, not trained):
    H*(x, y) = x . y E_{w ~ N(0, I)}[relu'(w.x) relu'(w.y)] = x . y (pi - theta) / (2 pi), between the
    rows of X and of Y (default X; rows nonzero, or a zero row gives a zero row). Between test and
    training points it is K_te in a kernel predictor K_te H*^{-1} y."""
    X = np.asarray(X, float)
    _, theta = pairwise_angles(X, Y)
    return _inner(X, Y) * (np.pi - theta) / (2 * np.pi)


def ntk_limit(X: np.ndarray, Y: np.ndarray | None = None, sphere: bool = False) -> np.ndarray:
    """The infinite-width NTK of a two-layer ReLU network with both layers trained (Jacot et al.,
    depth 2): Theta(x, y) = k_1(x, y) + k_0(x, y) x . y for output weights of variance 1 and first-layer
    weights w ~ N(0, I) (``sphere``: the balanced law N(0, I_d/d), see :func:`arccos`). Batched over
    leading axes."""
    X = np.asarray(X, float)
    Y = None if Y is None else np.asarray(Y, float)
    return arccos(X, Y, 1, sphere) + arccos(X, Y, 0) * _inner(X, Y)


def empirical_ntk(A: np.ndarray, b: np.ndarray, X: np.ndarray, act=relu, der=relu_prime, mean: bool = True) -> np.ndarray:
    """The empirical NTK of f(x) = m^{-1/2} sum_j b_j act(a_j . x) (NTK parametrisation, both layers
    trained, no biases): Theta(x, x') = (1/m) sum_j [act(a_j.x) act(a_j.x') + b_j^2 act'(a_j.x) act'(a_j.x') x.x'].
    A of shape (..., m, d), b (..., m), X (n, d); returns (..., n, n). ``act``, ``der``: the activation
    and its derivative (default ReLU). ``mean=False``: the sum without 1/m, the Gram matrix of the
    gradients of sum_j b_j act(a_j . x) in (b, A)."""
    pre = A @ np.asarray(X, float).T                              # (..., m, n)
    first = np.einsum("...jn,...jk->...nk", act(pre), act(pre))
    dd = der(pre)
    second = np.einsum("...j,...jn,...jk->...nk", b**2, dd, dd) * (X @ X.T)
    return (first + second) / A.shape[-2] if mean else first + second


def active(W: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The activation pattern 1{w_r . x_i >= 0} (the convention of relu'(0) = 1), shape (..., m, n)."""
    return (inner_products(W, X) >= 0).astype(float)


def finite_width_gram(W: np.ndarray, X: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    """H_ij = (1/m) x_i . x_j sum_r a_r^2 1{w_r . x_i >= 0} 1{w_r . x_j >= 0} for W of shape
    (..., m, d): the Gram matrix of the gradients of f = (1/sqrt m) sum_r a_r relu(w_r . x) in w."""
    act = active(W, X)
    if a is not None and not np.all(np.abs(a) == 1):
        act = act * np.abs(a)[..., None]
        return (X @ X.T) * np.einsum("...ri,...rj->...ij", act, act) / W.shape[-2]
    return (X @ X.T) * pattern_counts(act) / W.shape[-2]


def pattern_counts(act: np.ndarray) -> np.ndarray:
    """sum_r act_ri act_rj for 0/1 patterns of shape (..., m, n), as one (batched) matrix product: the
    counts are integers, exact in float64 in any summation order, so this equals the einsum it
    replaces bit for bit (BLAS instead of einsum's loops: several times faster)."""
    return np.matmul(np.swapaxes(act, -1, -2), act)


def monte_carlo_relu_ntk(X: np.ndarray, samples: int, rng: np.random.Generator, batch: int = 2048) -> np.ndarray:
    """Monte Carlo estimate of H*_ij = x_i . x_j Pr_{w ~ N(0, I)}[w . x_i >= 0, w . x_j >= 0] from
    ``samples`` draws of w, streamed in batches of ``batch`` (memory ~ batch * (d + n) floats whatever
    the sample count). Per batch: the projections in float64 (so every sign is float64's), then the
    pattern counts as one float32 GEMM — 0/1 entries and integer sums below 2^24, so exact, at twice
    float64's speed — accumulated in float64."""
    n, d = X.shape
    if batch >= 2**24:
        raise ValueError("batch must be below 2^24 for the float32 counts to be exact")
    counts = np.zeros((n, n))
    proj = np.empty((batch, n))
    act = np.empty((batch, n), dtype=np.float32)
    XT = np.ascontiguousarray(X.T)
    done = 0
    while done < samples:
        b = min(batch, samples - done)
        W = rng.standard_normal((b, d))
        np.matmul(W, XT, out=proj[:b])
        np.greater_equal(proj[:b], 0.0, out=act[:b], casting="unsafe")
        counts += pattern_counts(act[:b])
        done += b
    return (X @ X.T) * counts / samples


def random_network_counts(rng: np.random.Generator, networks: int, m: int, X: np.ndarray,
                          batch_floats: int = 2**21) -> np.ndarray:
    """Pattern counts sum_r 1{w_r . x_i > 0} 1{w_r . x_j > 0}, shape (networks, n, n), of ``networks``
    independent first layers of width m with w_r ~ N(0, I): the Gram matrices of the Jacobians without
    the factor x_i . x_j. The draws are those of ``rng.standard_normal((networks, m, d))``, made a few
    networks at a time (about ``batch_floats`` numbers), so memory stays bounded whatever the count;
    the counts are float32 GEMMs of 0/1 patterns (exact: integer sums below 2^24)."""
    n, d = X.shape
    if m >= 2**24:
        raise ValueError("m must be below 2^24 for the float32 counts to be exact")
    chunk = max(1, batch_floats // (m * max(d, n)))
    out = np.empty((networks, n, n))
    XT = np.ascontiguousarray(X.T)
    proj = np.empty((chunk, m, n))
    act = np.empty((chunk, m, n), dtype=np.float32)
    for start in range(0, networks, chunk):
        b = min(chunk, networks - start)
        np.matmul(rng.standard_normal((b, m, d)), XT, out=proj[:b])
        np.greater(proj[:b], 0.0, out=act[:b], casting="unsafe")
        out[start:start + b] = pattern_counts(act[:b])
    return out


# ---------------------------------------------------------------------------------------------
# many two-layer networks of several widths, trained in one ODE solve
# ---------------------------------------------------------------------------------------------

def _frozen(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class WidthBatch:
    """Instances k = 0..I-1 of f_k(x) = (1/sqrt m_k) sum_r a_r relu(w_r . x), first layer trained on
    (X, y_k) by the gradient flow of (1/2n) sum_i (u_i - y_i)^2, i.e. du/dt = -(1/n) H(t) (u - y).

    All neurons of all instances are stacked in one array W of shape (N, d) (instance k owns the rows
    ``starts[k] : starts[k] + sizes[k]``), so instances of different widths share one integration.
    """
    W0: np.ndarray       # (N, d) initial first-layer weights
    a: np.ndarray        # (N,) fixed output weights
    sizes: np.ndarray    # (I,) widths
    X: np.ndarray        # (n, d) training inputs
    y: np.ndarray        # (I, n) labels per instance

    @staticmethod
    def coupled(rng: np.random.Generator, widths, seeds: int, X: np.ndarray) -> "WidthBatch":
        """Instances for every (seed, width), seed-major, at the note's initialisation w ~ N(0, I),
        a ~ Unif{-1, 1}. Common random numbers: width m of a seed uses the first m neurons of one draw
        of the largest width, so a fit across widths sees the width alone. Labels are 0 until set."""
        widths = np.asarray(widths, int)
        top = int(widths.max())
        base_w = rng.standard_normal((seeds, top, X.shape[1]))
        base_a = rng.choice([-1.0, 1.0], size=(seeds, top))
        prefix = np.concatenate([np.arange(m) for m in widths])         # neurons of every width of a seed
        W0 = base_w[:, prefix].reshape(-1, X.shape[1])
        a = base_a[:, prefix].reshape(-1)
        sizes = np.tile(widths, seeds)
        return WidthBatch(W0, a, sizes, X, np.zeros((len(sizes), X.shape[0])))

    def with_labels(self, y: np.ndarray) -> "WidthBatch":
        return WidthBatch(self.W0, self.a, self.sizes, self.X, np.broadcast_to(y, self.y.shape).copy())

    # -- bookkeeping ------------------------------------------------------------------------------
    # computed once per batch (the velocity reads them at every step of the flow), read-only
    @functools.cached_property
    def starts(self) -> np.ndarray:
        return _frozen(np.concatenate([[0], np.cumsum(self.sizes)[:-1]]).astype(int))

    @functools.cached_property
    def owner(self) -> np.ndarray:
        """The instance of every neuron, shape (N,)."""
        return _frozen(np.repeat(np.arange(len(self.sizes)), self.sizes))

    @functools.cached_property
    def weight(self) -> np.ndarray:
        """a_r / sqrt(m) per neuron."""
        return _frozen(self.a / np.sqrt(self.sizes[self.owner]))

    def per_instance(self, values: np.ndarray, axis: int = -2, reduce=np.add) -> np.ndarray:
        """Reduce per-neuron values over each instance's neurons; ``axis`` is the neuron axis."""
        return reduce.reduceat(values, self.starts, axis=axis)

    # -- the network ------------------------------------------------------------------------------
    def outputs(self, W: np.ndarray, X: np.ndarray | None = None) -> np.ndarray:
        """u_k(x) for W of shape (..., N, d): shape (..., I, n) (inputs X, by default the training set)."""
        return self.per_instance(self.weight[:, None] * np.maximum(inner_products(W, self.X if X is None else X), 0.0))

    def velocity(self, W: np.ndarray, work: tuple | None = None) -> np.ndarray:
        """dw_r/dt = -(1/n) (a_r / sqrt m) sum_i (u_i - y_i) 1{w_r . x_i >= 0} x_i for W of shape
        (..., N, d) (leading axes: times, say); same shape. ``work``: three arrays of shape (..., N, n)
        for the intermediate values, which :meth:`flow` allocates once for all its steps (fresh arrays of
        a million numbers at every step cost page faults: about half the velocity's time)."""
        z, outputs, coef = (None, None, None) if work is None else work
        z = inner_products(W, self.X, out=z)
        weight = self.weight[:, None]
        outputs = np.maximum(z, 0.0, out=outputs)
        outputs *= weight                       # the same operations as written out, in place: no temporaries
        coef = np.take(self.per_instance(outputs) - self.y, self.owner, axis=-2, out=coef,
                       mode="clip")             # the residual, per neuron (owner is in range: "clip" writes directly)
        coef *= weight
        coef *= z >= 0
        np.negative(coef, out=coef)
        coef /= self.X.shape[0]
        return coef @ self.X

    def gram(self, W: np.ndarray) -> np.ndarray:
        """H(W) per instance, shape (..., I, n, n)."""
        act = active(W, self.X) * np.abs(self.a)[:, None]
        outer = act[..., :, None] * act[..., None, :]
        counts = self.per_instance(outer.reshape(outer.shape[:-2] + (-1,)))
        n = self.X.shape[0]
        return (self.X @ self.X.T) * counts.reshape(counts.shape[:-1] + (n, n)) / self.sizes[:, None, None]

    def flow(self, t: np.ndarray, precise: bool = False, rtol: float = 1e-3) -> np.ndarray:
        """The gradient flow at the times ``t``: W of shape (T, N, d).

        The state integrated is the displacement W - W0 (it starts at 0), so the tolerances are
        relative to how far the weights move, the small quantity the checks measure. The velocity
        jumps where a neuron's activation pattern changes, and an adaptive step shrinks at every such
        kink; tolerances are therefore set for the accuracy a check needs (RK45 at ``rtol``, ten times
        tighter when ``precise``), not at round-off, which would cost thousands of steps per change.
        """
        rtol = rtol / 10 if precise else rtol
        W = np.empty(self.W0.shape)
        work = tuple(np.empty((len(self.W0), len(self.X))) for _ in range(3))
        moved = batched_flow(lambda _, s: self.velocity(np.add(self.W0, s, out=W), work), np.zeros(self.W0.shape), t,
                             tolerances=(rtol, rtol * 1e-3))                 # (N, T, d), starting at 0
        return self.W0 + np.ascontiguousarray(np.swapaxes(moved, 0, 1))
