"""Kernel and rich regimes: implicit-bias potentials, constrained minimisers and flows.

The diagonal ("squared") parametrisation beta = w_+^D - w_-^D is the model on which the kernel and rich
regimes are stated in closed form (Woodworth et al. 2020; Gunasekar et al. 2017; Arora et al. 2019), and
the lazy-training scaling results (Chizat et al. 2018) are about the same gradient flows. This module
holds that mathematics once, batched over a leading axis of independent instances, so that claims check
a theorem by computing both of its sides *independently*:

* the gradient flows themselves (the diagonal network of any depth, the squared parametrisation in
  log coordinates for tiny initialisations, deep matrix factorisation), integrated with one batched ODE
  solve per check (implicit steppers: these flows turn stiff as they converge);
* the potentials q, Q_alpha, h_D, q_D, Q^D_alpha (closed forms, NumPy and SymPy) and the
  parameter-space potential R_alpha (from its definition, and in Lagrange form);
* constrained minimisers: of a separable potential under X beta = y (batched damped Newton on the
  convex dual), of the l1 norm (one block-diagonal linear programme for all instances, HiGHS) and of
  the l2 norm (pseudo-inverse);
* the change of a smooth two-layer network's NTK in training (the kernels themselves are in
  :mod:`verify.maths.kernels`) and Barron's random construction of n-term step networks.

Conventions: X has shape (S, N, d) (N observations of dimension d per instance), y (S, N); the loss of
the diagonal network is the note's L(w) = sum_n (<beta_w, x_n> - y_n)^2 (no 1/2).
"""
from __future__ import annotations


import numpy as np
import sympy as sp

from .flows import batched_flow
from .kernels import empirical_ntk

# ---------------------------------------------------------------------------------------------
# potentials (NumPy and SymPy)
# ---------------------------------------------------------------------------------------------


def q(z):
    """q(z) = int_0^z arcsinh(u/2) du = 2 - sqrt(4 + z^2) + z arcsinh(z/2), the D = 2 implicit-bias
    potential. Written 2 - sqrt(4 + z^2) = -z^2 / (2 + sqrt(4 + z^2)) so small z keep full precision."""
    z = np.asarray(z, dtype=float)
    return -z**2 / (2 + np.sqrt(4 + z**2)) + z * np.arcsinh(z / 2)


def q_expr(z):
    """q as a SymPy expression in z (the note's closed form)."""
    return 2 - sp.sqrt(4 + z**2) + z * sp.asinh(z / 2)


def q_potential(beta, alpha, w0=None):
    """Q_{alpha, w0}(beta) = sum_i alpha^2 w0_i^2 q(beta_i / (alpha^2 w0_i^2)) over the last axis."""
    beta = np.asarray(beta, dtype=float)
    a = np.asarray(alpha, dtype=float)[..., None] ** 2 * (1.0 if w0 is None else np.asarray(w0, float) ** 2)
    return (a * q(beta / a)).sum(-1)


def _p(D):
    """The exponent D/(D - 2) of h_D."""
    return D / (D - 2)


def h_depth(z, D):
    """h_D(z) = (1 - z)^(-D/(D-2)) - (1 + z)^(-D/(D-2)) on (-1, 1): beta / alpha^D along the depth-D
    flow is h_D of a vector in the row space of X (so q_D' = h_D^{-1} is the potential's gradient)."""
    z = np.asarray(z, dtype=float)
    p = _p(D)
    # each term is O(z) with opposite signs for small z: written with expm1/log1p, no cancellation
    return np.expm1(-p * np.log1p(-z)) - np.expm1(-p * np.log1p(z))


def h_depth_prime(z, D):
    p = _p(D)
    return p * ((1 - z) ** (-p - 1) + (1 + z) ** (-p - 1))


def h_depth_antiderivative(z, D):
    """H_D(z) = int_0^z h_D = ((1 - z)^(1-p) + (1 + z)^(1-p) - 2) / (p - 1), p = D/(D-2): the convex
    conjugate of q_D (its derivative h_D is the inverse of q_D')."""
    z = np.asarray(z, dtype=float)
    p = _p(D)
    return (np.expm1((1 - p) * np.log1p(-z)) + np.expm1((1 - p) * np.log1p(z))) / (p - 1)


def h_depth_expr(z, D):
    """h_D as a SymPy expression."""
    p = sp.Rational(D, D - 2) if isinstance(D, int) else D / (D - 2)
    return (1 - z) ** -p - (1 + z) ** -p


def h_depth_inverse(y, D, iterations: int = 200):
    """h_D^{-1}(y), elementwise: h_D is odd and strictly increasing from (-1, 1) onto R, so bisection on
    |y| (vectorized, to 1e-16) finds the unique inverse."""
    y = np.asarray(y, dtype=float)
    target = np.abs(y)
    lo, hi = np.zeros_like(target), np.ones_like(target)
    for _ in range(iterations):                      # iterations of one bisection, not over samples
        mid = 0.5 * (lo + hi)
        above = h_depth(mid, D) > target
        hi, lo = np.where(above, mid, hi), np.where(above, lo, mid)
        if np.all(hi - lo <= 1e-17):
            break
    return np.sign(y) * 0.5 * (lo + hi)


def q_depth(y, D):
    """q_D(y) = int_0^y h_D^{-1}(u) du = y x - H_D(x) with x = h_D^{-1}(y) (integration by parts)."""
    y = np.asarray(y, dtype=float)
    x = h_depth_inverse(y, D)
    return y * x - h_depth_antiderivative(x, D)


def q_depth_potential(beta, alpha, D):
    """Q^D_alpha(beta) = alpha^D sum_i q_D(beta_i / alpha^D) over the last axis."""
    a = np.asarray(alpha, dtype=float)[..., None] ** D
    return (a * q_depth(np.asarray(beta, float) / a, D)).sum(-1)


def r_potential(beta, alpha, iterations: int = 120):
    """R_{alpha,1}(beta) = min_w ||w - alpha 1||^2 s.t. w_+^2 - w_-^2 = beta, per coordinate, computed
    directly from its definition: for b = |beta_i| the minimiser has w_- = v in [0, alpha] and
    w_+ = sqrt(b + v^2), so a vectorized golden-section search over v decides (no Lagrange multiplier,
    so it checks the parametric form independently)."""
    b = np.abs(np.asarray(beta, dtype=float))
    a = np.broadcast_to(np.asarray(alpha, dtype=float)[..., None], b.shape)

    def cost(v):
        return (np.sqrt(b + v**2) - a) ** 2 + (v - a) ** 2

    lo, hi = np.zeros_like(b), a.copy()
    g = (np.sqrt(5) - 1) / 2
    for _ in range(iterations):                      # golden-section iterations, vectorized over all
        m1, m2 = hi - g * (hi - lo), lo + g * (hi - lo)
        left = cost(m1) < cost(m2)
        hi, lo = np.where(left, m2, hi), np.where(left, lo, m1)
    return cost(0.5 * (lo + hi)).sum(-1)


def r_parametric():
    """R_{alpha,1} for one coordinate in Lagrange form, derived with SymPy from the stationarity of
    (u - alpha)^2 + (v - alpha)^2 - lambda (u^2 - v^2): returns (lambda, alpha, beta(lambda), R(lambda)),
    lambda in (-1, 1)."""
    u, v = sp.symbols("u v", real=True)
    lam = sp.Symbol("lambda", real=True)
    alpha = sp.Symbol("alpha", positive=True)
    (us, vs), = sp.linsolve([sp.diff((u - alpha) ** 2 + (v - alpha) ** 2 - lam * (u**2 - v**2), x) for x in (u, v)], [u, v])
    sol = {u: us, v: vs}
    beta = sp.factor(sp.together((u**2 - v**2).subs(sol)))
    R = sp.factor(sp.together(((u - alpha) ** 2 + (v - alpha) ** 2).subs(sol)))
    return lam, alpha, beta, R


# ---------------------------------------------------------------------------------------------
# constrained minimisers
# ---------------------------------------------------------------------------------------------

def l2_minimiser(X, y):
    """argmin ||beta||_2 s.t. X beta = y: the pseudo-inverse solution, batched."""
    return np.einsum("bdn,bn->bd", np.linalg.pinv(X), y)


def l1_minimiser(X, y, nonnegative: bool = False):
    """argmin ||beta||_1 s.t. X beta = y (beta >= 0 if ``nonnegative``), every instance in ONE linear
    programme with block-diagonal constraints (HiGHS): beta = p - n with p, n >= 0."""
    from scipy import sparse                # imported here: a claim that never solves one does not pay for SciPy
    from scipy.optimize import linprog
    X, y = np.asarray(X, float), np.asarray(y, float)
    S, N, d = X.shape
    blocks = X if nonnegative else np.concatenate([X, -X], axis=-1)        # (S, N, width)
    width = blocks.shape[-1]
    b, n, j = np.meshgrid(np.arange(S), np.arange(N), np.arange(width), indexing="ij")
    A = sparse.csr_matrix((blocks.ravel(), ((b * N + n).ravel(), (b * width + j).ravel())), shape=(S * N, S * width))
    res = linprog(np.ones(S * width), A_eq=A, b_eq=y.ravel(), bounds=(0, None), method="highs",
                  options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10})
    if res.status != 0:
        raise RuntimeError(f"l1 linear programme failed: {res.message}")
    z = res.x.reshape(S, width)
    return z if nonnegative else z[:, :d] - z[:, d:]


def depth_curve_interpolant(A, y, alpha, depth: int, iterations: int = 200, tol: float = 1e-10):
    """The interpolant on the invariant curve of the nonnegative depth-N parametrisation x = w^N, w(0) = alpha 1
    (N >= 3), batched: gradient flow on 1/2 ||A x - y||^2 in w keeps w^(2-N) = alpha^(2-N) + A^T mu (from
    d(w^(2-N))/dt = N (N - 2) A^T (A x - y)), so x = u^(-p) with u = alpha^(2-N) + A^T mu > 0, p = N/(N - 2).
    Finds mu with A x(mu) = y by damped Newton on the convex dual sum_k u_k^(1-p)/(p - 1) + <mu, y> (gradient
    y - A x, Hessian A diag(p u^(-p-1)) A^T), with a vectorized backtracking search over 2^-k step sizes that
    keeps u > 0. A (S, m, n), y (S, m), alpha (S,). Raises if A x = y is not met."""
    A, y = np.asarray(A, float), np.asarray(y, float)
    S, _, n = A.shape
    p = depth / (depth - 2)
    base = np.asarray(alpha, float).reshape(S, 1) ** (2 - depth) * np.ones((S, n))

    def parts(mu):
        u = base + np.einsum("...mn,...m->...n", A, mu)
        inside = np.all(u > 0, axis=-1)
        uc = np.where(u > 0, u, 1.0)
        phi = np.where(inside, (uc ** (1 - p)).sum(-1) / (p - 1) + (mu * y).sum(-1), np.inf)
        return uc ** -p, uc, phi

    return _dual_newton(A, y, parts, f"depth-{depth} curve interpolant", iterations, tol, 60, decreasing=True,
                        curvature=lambda u: p * u ** (-p - 1))


def _sinh_scaled(z, log_a):
    """a 2 sinh(z), a 2 cosh(z) and a (2 cosh(z) - 2) = a 4 sinh(z/2)^2 for a = exp(log_a): accurate for
    small z (no cancellation) and without overflow for tiny a and large z."""
    az = np.abs(z)
    moderate = az < 30
    zm = np.where(moderate, z, 0.0)
    a = np.exp(log_a)
    big = np.exp(np.minimum(log_a + az, 700.0))
    small = np.exp(log_a - az)
    s = np.where(moderate, a * 2 * np.sinh(zm), np.sign(z) * (big - small))
    c = np.where(moderate, a * 2 * np.cosh(zm), big + small)
    excess = np.where(moderate, a * 4 * np.sinh(zm / 2) ** 2, big * (1 - np.exp(-az)) ** 2)
    return s, c, excess


def potential_minimiser(X, y, scale, D: int = 2, log_scale=None, nonnegative: bool = False,
                        iterations: int = 400, tol: float = 1e-10):
    """argmin_beta sum_i a_i q_D(beta_i / a_i) s.t. X beta = y, batched, for D = 2 (q) or D >= 3 (q_D).

    Solved through the convex dual min_nu sum_i a_i q_D*((X^T nu)_i) - <nu, y>, whose stationarity is
    X beta = y with beta_i = a_i (q_D')^{-1}((X^T nu)_i): for D = 2, (q')^{-1} = 2 sinh and q* = 2 cosh - 2;
    for D >= 3, (q_D')^{-1} = h_D and q_D* = H_D on (-1, 1). Damped Newton with a vectorized Armijo
    search over 2^-k step sizes (k = 0..200, so the first steps from a tiny alpha are found too).
    ``scale`` a_i (alpha^2 w0_i^2 for D = 2, alpha^D otherwise) of shape (S, d), or its logarithm
    ``log_scale`` for initialisations far below floating-point range. ``nonnegative`` (D = 2): the
    squared parametrisation x = u^2 of Gunasekar et al., whose flow stays on x = a exp(X^T nu), i.e. the
    potential sum_i x_i log(x_i / a_i) - x_i with conjugate a (exp - 1). Raises if X beta = y is not met.
    """
    X, y = np.asarray(X, float), np.asarray(y, float)
    S, N, d = X.shape
    log_a = np.log(np.broadcast_to(scale, (S, d))) if log_scale is None else np.broadcast_to(log_scale, (S, d))

    def parts(nu):
        z = np.einsum("...nd,...n->...d", X, nu)
        if D == 2 and nonnegative:
            beta = np.exp(np.minimum(log_a + z, 700.0))
            curv = beta
            phi = (np.exp(log_a) * np.expm1(np.minimum(z, 700.0 - log_a))).sum(-1)
        elif D == 2:
            beta, curv, excess = _sinh_scaled(z, log_a)
            phi = excess.sum(-1)
        else:
            a = np.exp(log_a)
            inside = np.all(np.abs(z) < 1, axis=-1)
            zc = np.where(np.abs(z) < 1, z, 0.0)
            beta, curv = a * h_depth(zc, D), a * h_depth_prime(zc, D)
            phi = np.where(inside, (a * h_depth_antiderivative(zc, D)).sum(-1), np.inf)
        return beta, curv, phi - (nu * y).sum(-1)

    # a trust region on z = X^T nu: from a tiny alpha the first Newton steps would overflow
    return _dual_newton(X, y, parts, "potential minimiser", iterations, tol, 200, cap=10.0 + 0.25 * np.abs(log_a).max(-1))


def _dual_newton(M, y, parts, name: str, iterations: int, tol: float, halvings: int, decreasing: bool = False,
                 curvature=lambda c: c, cap=None):
    """Damped Newton on a convex dual, batched: the dual variable nu (S, N) of the constraint M x = y
    (M of shape (S, N, n)), with the primal point x(nu) and the dual objective phi(nu) from
    ``parts(nu) = (x, c, phi)`` (for stacked nu of shape (..., S, N) too) and the Hessian
    M diag(curvature(c)) M^T; the dual's gradient is M x - y (``decreasing``: x decreases along M^T nu,
    and the gradient is y - M x). Steps 2^-k, k = 0..``halvings``, searched all at once: the first with
    Armijo decrease of phi, or, near the optimum, where phi's decrease drops below round-off, the first
    halving the residual. ``cap``: a trust region of size cap per instance on M^T (step). Returns x where
    |M x - y| <= tol |y| for every instance; raises if that is not met in ``iterations`` steps, or when
    a Newton direction is not finite (y outside the primal's range: the dual has no minimum)."""
    S, N = M.shape[0], M.shape[1]
    nu = np.zeros((S, N))
    steps = 2.0 ** -np.arange(0, halvings + 1)
    ynorm = np.linalg.norm(y, axis=-1)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for _ in range(iterations):                   # Newton iterations (all instances at once)
            x, c, phi = parts(nu)
            g = y - np.einsum("bnd,bd->bn", M, x) if decreasing else np.einsum("bnd,bd->bn", M, x) - y
            if np.all(np.linalg.norm(g, axis=-1) <= tol * ynorm):
                return x
            H = np.einsum("bnd,bd,bmd->bnm", M, curvature(c), M)
            H = H + (1e-13 * np.trace(H, axis1=-2, axis2=-1)[:, None, None] + 1e-300) * np.eye(N)
            direction = -np.linalg.solve(H, g[..., None])[..., 0]
            if not np.all(np.isfinite(direction)):
                break
            if cap is not None:
                dz = np.abs(np.einsum("bnd,bn->bd", M, direction)).max(-1)
                direction *= np.minimum(1.0, cap / np.maximum(dz, 1e-300))[:, None]
            slope = (g * direction).sum(-1)
            xs, _, phis = parts(nu[None] + steps[:, None, None] * direction[None])
            ok = phis <= phi[None] + 1e-4 * steps[:, None] * slope[None]
            residual = np.linalg.norm(np.einsum("bnd,kbd->kbn", M, xs) - y[None], axis=-1)
            ok |= np.isfinite(phis) & (residual <= 0.5 * np.linalg.norm(g, axis=-1)[None])
            nu = nu + np.where(ok.any(0), steps[ok.argmax(0)], 0.0)[:, None] * direction
            if not np.all(np.isfinite(nu)):
                raise RuntimeError(f"{name}: non-finite dual iterate")
        x, _, _ = parts(nu)
    worst = float(np.max(np.linalg.norm(np.einsum("bnd,bd->bn", M, x) - y, axis=-1) / ynorm))
    raise RuntimeError(f"{name} did not converge: relative residual {worst:.3g}")


# ---------------------------------------------------------------------------------------------
# flows
# ---------------------------------------------------------------------------------------------

MAX_STIFF_DIM = 256        # largest ODE system (instances x parameters) one implicit (LSODA) solve gets


def diagonal_velocity(X, y, state, D: int = 2):
    """Gradient of L(w) = sum_n (<w_+^D - w_-^D, x_n> - y_n)^2, negated: the velocity of the flow."""
    d = X.shape[-1]
    wp, wm = state[..., :d], state[..., d:]
    r = np.einsum("bnd,b...d->b...n", X, wp**D - wm**D) - y.reshape(y.shape[:1] + (1,) * (state.ndim - 2) + y.shape[1:])
    g = 2 * np.einsum("bnd,b...n->b...d", X, r)
    return np.concatenate([-D * wp ** (D - 1) * g, D * wm ** (D - 1) * g], axis=-1)


def diagonal_jacobian(X, y, state, D: int = 2):
    """Per-instance Jacobian (S, 2d, 2d) of :func:`diagonal_velocity` (for the implicit integrator)."""
    d = X.shape[-1]
    wp, wm = state[..., :d], state[..., d:]
    r = np.einsum("bnd,bd->bn", X, wp**D - wm**D) - y
    g = 2 * np.einsum("bnd,bn->bd", X, r)
    G = 2 * np.einsum("bni,bnj->bij", X, X)                          # dg/dbeta
    dp, dm = D * wp ** (D - 1), D * wm ** (D - 1)                     # dbeta/dw_+, -dbeta/dw_-
    J = np.empty(state.shape + (2 * d,))
    J[:, :d, :d] = -dp[:, :, None] * G * dp[:, None, :] - np.eye(d) * (D * (D - 1) * wp ** (D - 2) * g)[:, :, None]
    J[:, :d, d:] = dp[:, :, None] * G * dm[:, None, :]
    J[:, d:, :d] = dm[:, :, None] * G * dp[:, None, :]
    J[:, d:, d:] = -dm[:, :, None] * G * dm[:, None, :] + np.eye(d) * (D * (D - 1) * wm ** (D - 2) * g)[:, :, None]
    return J


def diagonal_flow(X, y, alpha, t, D: int = 2, w0=None, precise: bool = False):
    """Gradient flow of the depth-D diagonal network from w_+(0) = w_-(0) = alpha w0 (w0 = 1 by
    default), integrated directly in the parameters w (one batched ODE). Returns beta(t), (S, T, d)."""
    X, y = np.asarray(X, float), np.asarray(y, float)
    S, _, d = X.shape
    start = np.asarray(alpha, float).reshape(S, 1) * (np.ones((S, d)) if w0 is None else np.asarray(w0, float))
    state0 = np.concatenate([start, start], -1)
    chunk = max(1, MAX_STIFF_DIM // (2 * d))
    # the implicit solver's linear algebra grows with the cube of the system: large batches in blocks
    W = np.concatenate([batched_flow(lambda _, w, b=slice(i, i + chunk): diagonal_velocity(X[b], y[b], w, D), state0[i:i + chunk],
                                     np.asarray(t, float), precise, stiff="lsoda",
                                     jac=lambda w, b=slice(i, i + chunk): diagonal_jacobian(X[b], y[b], w, D))
                        for i in range(0, S, chunk)])
    return W[..., :d] ** D - W[..., d:] ** D


def squared_flow(A, y, log_alpha, t, precise: bool = False):
    """Gradient flow on ||A x(u) - y||^2 with x(u)_i = u_i^2 from x(0) = alpha 1, in log coordinates.

    Along the flow u_i' = -4 u_i (A^T r)_i, so log x(t) = log alpha - 8 A^T s(t) with s' = r = A x - y:
    an ODE in s (m dimensions) that stays accurate for initialisations like alpha = 1e-12, where the
    parameters themselves would underflow the tolerances. Returns x(t), (S, T, n)."""
    A, y = np.asarray(A, float), np.asarray(y, float)
    la = np.asarray(log_alpha, float).reshape(-1, 1)

    def x_of(s):
        return np.exp(np.minimum(la.reshape(la.shape[:1] + (1,) * (s.ndim - 1)) - 8 * np.einsum("bmn,b...m->b...n", A, s), 700))

    def rhs(_, s):
        return np.einsum("bmn,bn->bm", A, x_of(s)) - y

    s = batched_flow(rhs, np.zeros(y.shape), np.asarray(t, float), precise, stiff="lsoda")
    return x_of(s)


def chain(mats):
    """The product M_k ... M_1 of a list [M_1, ..., M_k] of batched matrices (identity if empty)."""
    out = None
    for m in mats:                                   # over the depth, not over samples
        out = m if out is None else m @ out
    return out


def factor_velocities(Ws, grad):
    """W_j' = -(W_N ... W_{j+1})^T grad (W_{j-1} ... W_1)^T for every factor: gradient flow of
    l(W_N ... W_1) when ``grad`` is grad l at the product."""
    N = len(Ws)
    eye = np.broadcast_to(np.eye(Ws[0].shape[-1]), Ws[0].shape)
    out = []
    for j in range(N):                               # over the depth
        left = chain(Ws[j + 1:]) if j + 1 < N else eye
        right = chain(Ws[:j]) if j > 0 else eye
        out.append(-np.swapaxes(left, -1, -2) @ grad @ np.swapaxes(right, -1, -2))
    return out


def factorisation_flow(Ws0, grad_l, t, precise: bool = False):
    """Gradient flow of a deep matrix factorisation W = W_N ... W_1 (square d x d factors, batched):
    Ws0 is a list of N arrays (S, d, d); grad_l(W) the loss gradient at the product. Returns the list of
    factors over time, each (S, T, d, d)."""
    N, (S, d, _) = len(Ws0), Ws0[0].shape

    def rhs(_, state):
        Ws = [state[:, j * d * d:(j + 1) * d * d].reshape(S, d, d) for j in range(N)]
        return np.concatenate([v.reshape(S, -1) for v in factor_velocities(Ws, grad_l(chain(Ws)))], axis=1)

    state = batched_flow(rhs, np.concatenate([W.reshape(S, -1) for W in Ws0], axis=1), np.asarray(t, float), precise)
    T = state.shape[1]
    return [state[..., j * d * d:(j + 1) * d * d].reshape(S, T, d, d) for j in range(N)]


def balanced_factors(rng: np.random.Generator, batch: int, d: int, depth: int, scale: float = 1.0):
    """Factors W_j = P_j diag(s) P_{j-1}^T with signed permutation matrices P_j: balanced
    (W_{j+1}^T W_{j+1} = W_j W_j^T) exactly in floating point, while the product is not diagonal."""
    s = scale * rng.uniform(0.5, 1.5, (batch, d))
    perms = []
    for _ in range(depth + 1):                       # over the depth
        P = np.zeros((batch, d, d))
        idx = np.argsort(rng.random((batch, d)), axis=1)
        np.put_along_axis(P, idx[..., None], 1.0, axis=2)
        perms.append(P * rng.choice([-1.0, 1.0], (batch, d, 1)))
    return [perms[j + 1] @ (s[..., None] * np.swapaxes(perms[j], -1, -2)) for j in range(depth)]


# ---------------------------------------------------------------------------------------------
# Barron's approximation bounds: the probabilistic (Maurey) construction with step sigmoids
# ---------------------------------------------------------------------------------------------

def barron_cosine_errors(rng, a, r, n, draws: int, grid: int = 801):
    """Mean squared L2(mu) error over ``draws`` random n-term step networks approximating f(x) = cos(a x)
    on [-r, r] with mu uniform, by Barron's construction: g = f - f(0) = int g'(t) step_t dt (steps
    1{x > t} for t > 0, 1{x < t} for t < 0, total variation V = int |g'| <= 2 a r), thresholds drawn from
    |g'|/V and f_n = f(0) + (V/n) sum_k sign_k step_k, so sum |c_k| = V and c_0 = f(0). The average
    error over draws bounds the best n-term network's from above: it shows how the existence proof
    attains the bound. ``a``, ``r`` of shape (S,), ``n`` integer array (K,); returns (S, K).
    """
    a, r, n = np.asarray(a, float), np.asarray(r, float), np.asarray(n, int)
    S, K = len(a), len(n)
    u = np.linspace(-1.0, 1.0, grid)                            # x = r u, mu uniform on [-r, r]
    fine = np.linspace(-1.0, 1.0, 8 * grid + 1)                 # for the threshold density
    dens = np.abs(a[:, None] * np.sin(a[:, None] * r[:, None] * fine[None]))     # |g'(r u)|, (S, F)
    cdf = np.concatenate([np.zeros((S, 1)), np.cumsum((dens[:, 1:] + dens[:, :-1]) / 2, axis=1)], axis=1)
    V = cdf[:, -1] * r * (fine[1] - fine[0])                    # int |g'(t)| dt over [-r, r]
    g = np.cos(a[:, None] * r[:, None] * u[None]) - 1.0         # (S, G)
    out = np.empty((S, K))
    for j, m in enumerate(n):                                   # over the network sizes
        thr = inverse_cdf(cdf / cdf[:, -1:], fine, rng.random((S, draws, m)))        # (S, draws, m)
        sign = np.where(thr > 0, -1.0, 1.0) * np.sign(np.sin(a[:, None, None] * r[:, None, None] * thr))
        # f_n - f(0) on the grid through step counts: +sign from the threshold up (t > 0), or up to it (t < 0)
        jumps = np.zeros((S, draws, grid + 1))
        up = thr > 0
        at = np.where(up, np.searchsorted(u, thr, side="right"), np.searchsorted(u, thr, side="left"))
        b, dd = np.meshgrid(np.arange(S), np.arange(draws), indexing="ij")
        b, dd = np.broadcast_to(b[..., None], thr.shape), np.broadcast_to(dd[..., None], thr.shape)
        np.add.at(jumps, (b, dd, at), np.where(up, sign, -sign))
        np.add.at(jumps, (b[..., 0], dd[..., 0], 0), np.where(up, 0.0, sign).sum(-1))
        fn = (V[:, None, None] / m) * np.cumsum(jumps, axis=-1)[..., :grid]
        err = (fn - g[:, None]) ** 2
        out[:, j] = ((err[..., 1:] + err[..., :-1]) / 2).mean(-1).mean(-1)   # mu-average, then over draws
    return out


def inverse_cdf(cdf, points, uniforms):
    """Inverse-CDF sampling from tabulated CDFs, one per row, vectorized over rows and draws (rows are
    offset by their index so that one searchsorted serves all of them)."""
    S, F = cdf.shape
    flat = uniforms.reshape(S, -1)
    offset = 2.0 * np.arange(S)[:, None]
    pos = np.searchsorted((cdf + offset).ravel(), (flat + offset).ravel()).reshape(flat.shape) - F * np.arange(S)[:, None]
    pos = np.clip(pos, 1, F - 1)
    lo, hi = np.take_along_axis(cdf, pos - 1, axis=1), np.take_along_axis(cdf, pos, axis=1)
    w = np.where(hi > lo, (flat - lo) / np.where(hi > lo, hi - lo, 1.0), 0.5)
    return (points[pos - 1] + w * (points[pos] - points[pos - 1])).reshape(uniforms.shape)


# ---------------------------------------------------------------------------------------------
# derivatives of the diagonal network's loss; smooth two-layer networks in training (NTK)
# ---------------------------------------------------------------------------------------------

def diagonal_loss_derivatives(X, y, w_plus, w_minus):
    """Gradient and Hessian of L(w) = sum_n (<w_+^2 - w_-^2, x_n> - y_n)^2 in w = (w_+, w_-) (D = 2):
    grad = 2 sum_n r_n g_n, Hess = 2 sum_n (g_n g_n^T + r_n diag(2 x_n, -2 x_n)), g_n = (2 w_+ x_n, -2 w_- x_n).
    X (..., N, d), y (..., N), w_plus and w_minus (..., d); returns (..., 2d) and (..., 2d, 2d)."""
    r = np.einsum("...nd,...d->...n", X, w_plus**2 - w_minus**2) - y
    g = np.concatenate([2 * w_plus[..., None, :] * X, -2 * w_minus[..., None, :] * X], axis=-1)   # (..., N, 2d)
    grad = 2 * np.einsum("...n,...nk->...k", r, g)
    curv = 2 * np.einsum("...n,...nk->...k", r, np.concatenate([2 * X, -2 * X], axis=-1))
    hess = 2 * np.einsum("...nk,...nl->...kl", g, g) + curv[..., :, None] * np.eye(curv.shape[-1])
    return grad, hess


def ntk_training_change(A, b, X, y, T: float, steps: int, every: int,
                        act=np.tanh, der=lambda z: 1.0 / np.cosh(z) ** 2):
    """Gradient descent with step T/steps (a discretised gradient flow) on 1/2 sum_i (f(x_i) - y_i)^2 for
    f = m^{-1/2} sum_j b_j act(a_j . x): sup over the recorded times (every ``every`` steps) of the
    Frobenius norm ||Theta_t - Theta_0||. A (..., m, d), b (..., m), X (n, d), y (..., n)."""
    A, b = A.copy(), b.copy()
    m = A.shape[-2]
    dt = T / steps
    theta0 = empirical_ntk(A, b, X, act, der)
    change = np.zeros(theta0.shape[:-2])
    for k in range(1, steps + 1):
        pre = A @ X.T                                                   # (..., m, n)
        r = np.einsum("...j,...jn->...n", b, act(pre)) / np.sqrt(m) - y
        gb = np.einsum("...n,...jn->...j", r, act(pre)) / np.sqrt(m)
        gA = np.einsum("...n,...j,...jn,nd->...jd", r, b, der(pre), X) / np.sqrt(m)
        A -= dt * gA
        b -= dt * gb
        if k % every == 0:
            diff = empirical_ntk(A, b, X, act, der) - theta0
            change = np.maximum(change, np.linalg.norm(diff, axis=(-2, -1)))
    return change
