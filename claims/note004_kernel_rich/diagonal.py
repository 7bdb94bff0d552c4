"""Note 004, the diagonal networks (Woodworth et al.): the simulations their claims use, and the
configuration spaces their checks search (verify.checks.Configurations).

The statements range over the data: N observations in d dimensions with N < d (the underdetermined
problems whose interpolants the implicit bias chooses between), X of full row rank, y = X beta* != 0.
The spaces search the edges of that setting: the smallest problems (d = 2, N = 1, a single
observation), N = d - 1 (the interpolants form a line), and ill-conditioned X (condition numbers up to
100, where the interpolants' l1 and l2 solutions spread apart) beside the Gaussian data. Each
configuration draws its own instances from ctx.rng(salt, configuration), so a statement and its
correction see the same ones."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import Configurations, Derived, Range
from verify.maths.regimes import (diagonal_flow, l1_minimiser, l2_minimiser, potential_minimiser, r_potential)
from verify.maths import flows
from verify.maths.flows import batched_flow


# ---------------------------------------------------------------------------------------------
# simulations: diagonal networks
# ---------------------------------------------------------------------------------------------
N_OBS, DIM, SPARSITY = 4, 8, 2
N_sym, d_cfg, cond_sym = sp.Symbol("N", positive=True, integer=True), sp.Symbol("d", positive=True, integer=True), \
    sp.Symbol("cond", positive=True)
# the setting: underdetermined (N < d); X's condition number at least 1 where it is searched
DATA_SETTING = (sp.Lt(N_sym, d_cfg),)
DEFAULT_DATA = {"N": N_OBS, "d": DIM, "cond": 1.0}
EDGE_SHAPES = ((1, 2), (N_OBS, DIM))            # the smallest problem, and the note's


def _underdetermined(c) -> bool:
    return c["N"] < c["d"] and (c["N"] > 1 or c.get("cond", 1.0) == 1.0)


def _shapes(shapes):
    """``when``: the setting's combinations, and only the (N, d) in ``shapes`` (None: every one)."""
    return lambda c: _underdetermined(c) and (shapes is None or (c["N"], c["d"]) in shapes)


UNDERDETERMINED = ("N < d (underdetermined: the interpolants form an affine subspace); X's conditioning only "
                   "where N > 1 (one row has one singular value)")


def data_space(N=(1, N_OBS), d=(2, DIM), cond=None, constraints=(), shapes=None, **more) -> Configurations:
    """The diagonal-network data: N observations in d dimensions (N < d; only the pairs in ``shapes`` when
    given), and the condition number of X (a Range, geometric) where the check can afford it; ``more``
    parameters after them."""
    params = {"N": list(N), "d": list(d)}
    if cond is not None:
        params["cond"] = cond
        constraints = (sp.Ge(cond_sym, 1),) + tuple(constraints)
    text = UNDERDETERMINED + ("" if shapes is None else f"; (N, d) in {', '.join(map(str, shapes))}")
    return Configurations(constraints=DATA_SETTING + tuple(constraints), when=_shapes(shapes),
                          when_text=text, minimum_valid=2, **params, **more)


def config_of(config, default=DEFAULT_DATA) -> dict:
    """The configuration with the defaults (the note's original instances: N = 4, d = 8, Gaussian X)."""
    return {**default, **(config or {})}


def salt(config) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted(config.items()))


def per_config(ctx, share: int = 2, least: int = 2) -> int:
    """Instances per configuration: the budget's samples shared by about ``share`` configurations."""
    return max(ctx.budget.samples // share, least)


def regression(rng, batch, positive=False, N=N_OBS, d=DIM, cond=1.0):
    """X (batch, N, d) Gaussian, its singular values respread geometrically over [s_max/cond, s_max] when
    cond > 1; y = X beta* with beta* sparse Gaussian (min(2, d) entries), or dense positive."""
    X = rng.standard_normal((batch, N, d))
    if cond > 1:
        U, s, Vt = np.linalg.svd(X, full_matrices=False)
        X = np.einsum("bnk,bk,bkd->bnd", U, s[:, :1] * np.geomspace(1.0, 1.0 / cond, s.shape[1])[None], Vt)
    if positive:
        star = rng.uniform(0.2, 1.0, (batch, d))
    else:
        star = np.zeros((batch, d))
        k = min(SPARSITY, d)
        idx = np.argsort(rng.random((batch, d)), axis=1)[:, :k]
        np.put_along_axis(star, idx, rng.standard_normal((batch, k)), axis=1)
    return X, np.einsum("bnd,bd->bn", X, star)


def config_regression(ctx, name, config, batch, positive=False):
    """(rng, X, y) for one configuration: the stream keyed by the salt and the configuration."""
    c = config_of(config)
    rng = ctx.rng(name, salt(c))
    X, y = regression(rng, batch, positive, int(c["N"]), int(c["d"]), float(c["cond"]))
    return rng, X, y


def _flow_limit(X, y, alpha_values, depth, w0, precise, horizon):
    """beta at the end of the simulated flow; raises unless it interpolates (Theorem 1's hypothesis).
    The horizon is stretched by 1/lambda_min(X X^T) where that is below 1 (small or ill-conditioned X)."""
    slow = np.linalg.eigvalsh(np.einsum("bnd,bmd->bnm", X, X))[:, 0].min()
    horizon = flows.horizon(horizon * max(1.0, 1.0 / slow))           # the same number on every machine
    tt = np.array([0.0, horizon / 2, horizon])
    beta = diagonal_flow(X, y, alpha_values, tt, D=depth, w0=w0, precise=precise)[:, -1]
    resid = np.linalg.norm(np.einsum("bnd,bd->bn", X, beta) - y, axis=-1) / np.linalg.norm(y, axis=-1)
    if resid.max() > 1e-8:
        raise RuntimeError(f"the flow has not converged by t = {horizon:g} (relative residual {resid.max():.2g})")
    return beta


KERNEL_GRID = np.array([1.0, 2.0, 4.0, 8.0, 16.0])
FLOW_DATA = data_space(N=(1, N_OBS), d=(2, DIM))


def kernel_sequence(ctx, precise, config=None):
    """The flow's limit beta_alpha (w0 = 1) for alpha = 1 .. 16 against the minimum-l2 interpolant, on
    the configuration's data (N observations in d dimensions)."""
    S = per_config(ctx, 3)
    _, X, y = config_regression(ctx, "kernel", config, S)
    K = len(KERNEL_GRID)
    # one batched solve per grid value: instances with the same alpha share a time scale
    beta = np.stack([_flow_limit(X, y, np.full(S, a), 2, None, precise, 40.0) for a in KERNEL_GRID])
    return {"alpha": KERNEL_GRID[:, None, None] * np.ones((1, S, 1)), "beta_inf": beta,
            "beta_l2": np.broadcast_to(l2_minimiser(X, y)[None], (K, S, X.shape[-1]))}


RKHS_SPACE = data_space(shapes=EDGE_SHAPES, w0_min=Range(0.05, 0.5, log=True))


def rkhs_sequence(ctx, precise, config=None):
    """Section 1.2's kernel regime with an unbiased initialisation w_+(0) = w_-(0) = alpha w0 (random w0
    with entries of modulus in [w0_min, 1.5] and random signs, F(alpha w0) = 0; w0_min -> 0 is the edge of
    "no zero entry"): the flow's limit beta_alpha for alpha = (1 .. 16)/(2 w0_min) (the scale at which the
    smallest coordinate is as lazy as the others) against the minimum-RKHS-norm interpolant of K_{w(0)},
    computed independently from the linearised model: the least-norm l with <l, phi_{w(0)}(x_n)> = y_n (the
    pseudo-inverse of the N x 2d feature matrix), and the function it represents, beta = J l with
    J = d beta/dw at w(0)."""
    c = config_of(config, {**DEFAULT_DATA, "w0_min": 0.5})
    S = per_config(ctx, 3)
    rng, X, y = config_regression(ctx, "rkhs", c, S)
    d = X.shape[-1]
    w0 = rng.uniform(c["w0_min"], 1.5, (S, d)) * rng.choice([-1.0, 1.0], (S, d))
    grid = KERNEL_GRID / (2 * c["w0_min"])
    beta = np.stack([_flow_limit(X, y, np.full(S, a), 2, w0, precise, 40.0 / a**2 + 40.0 / (a * c["w0_min"]) ** 2)
                     for a in grid])
    mins = []
    for a in grid:                                   # over the grid (the feature map scales with alpha)
        J = np.concatenate([2 * a * w0, -2 * a * w0], axis=-1)            # d beta_i / d(w_+, w_-)_i, diagonal blocks
        Phi = np.concatenate([X, X], axis=-1) * J[:, None, :]           # phi_{w(0)}(x_n) = J^T x_n, (S, N, 2d)
        ell = np.einsum("bpn,bn->bp", np.linalg.pinv(Phi), y)            # least ||l||_2 with Phi l = y
        mins.append(J[:, :d] * ell[:, :d] + J[:, d:] * ell[:, d:])
    return {"alpha": grid[:, None, None] * np.ones((1, S, 1)), "beta_inf": beta, "beta_K": np.stack(mins)}


CURVE_DATA = data_space(shapes=EDGE_SHAPES, cond=Range(1.0, 100.0, log=True))


def rich_sequence_(ctx, grid, config=None, nonnegative=False, depth=2):
    """Interpolating limits on the flow's invariant curve as alpha -> 0, and the l1 solution."""
    c = config_of(config)
    S = per_config(ctx, 4)
    _, X, y = config_regression(ctx, f"rich{depth}", c, S, positive=nonnegative)
    K, d = len(grid), X.shape[-1]
    XX, yy = np.tile(X, (K, 1, 1)), np.tile(y, (K, 1))
    # the scale a of the curve beta = a link(X^T nu): alpha^2 (signed, w0 = 1), alpha (x(0) = alpha 1), alpha^D
    power = 1 if nonnegative else depth
    log_scale = np.repeat(power * np.log(grid), S)[:, None] * np.ones((1, d))
    beta = potential_minimiser(XX, yy, None, D=depth, log_scale=log_scale, nonnegative=nonnegative)
    return (grid[:, None, None] * np.ones((1, S, 1)), beta.reshape(K, S, d),
            np.broadcast_to(l1_minimiser(X, y, nonnegative)[None], (K, S, d)))


def rich_sequence(ctx, precise, config=None):
    """Section 1.3's rich limit on the configuration's data: the invariant curve's interpolants for
    alpha = 1e-1 .. 1e-256 against the minimum-l1 interpolant (the approach is logarithmic in alpha for the
    slowest instances: the sequence runs far)."""
    a, beta, l1 = rich_sequence_(ctx, 10.0 ** -np.array([1.0, 2, 4, 8, 16, 32, 64, 128, 256]), config)
    return {"alpha": a, "beta_inf": beta, "beta_l1": l1}


# Section 1.6: the rich limit does not depend on w0 -- random w0 whose smallest entry (in modulus) runs down to
# 0.05 (the edge of "no zero entries", where log(1/(alpha^2 w0_i^2)) separates from log(1/alpha^2) the most)
RICH_W0_SPACE = data_space(shapes=EDGE_SHAPES, cond=Range(1.0, 100.0, log=True), w0_min=Range(0.05, 0.5, log=True))


def rich_w0_sequence(ctx, precise, config=None):
    """Section 1.6's rich limit for a general initialisation: the invariant curve's interpolants
    beta_i = 2 alpha^2 w0_i^2 sinh((X^T nu)_i) (Theorem 1's minimisers of Q_{alpha,w0}) for alpha = 1e-1, 1e-4,
    1e-16, 1e-64, 1e-256, with w0 of entries of modulus in [w0_min, 1.5] and random signs, against the minimum-l1
    interpolant (which does not involve w0)."""
    c = config_of(config, {**DEFAULT_DATA, "w0_min": 0.5})
    S = per_config(ctx, 4)
    rng, X, y = config_regression(ctx, "rich w0", c, S)
    grid = 10.0 ** -np.array([1.0, 4, 16, 64, 256])
    K, d = len(grid), X.shape[-1]
    w0 = rng.uniform(c["w0_min"], 1.5, (S, d)) * rng.choice([-1.0, 1.0], (S, d))
    XX, yy = np.tile(X, (K, 1, 1)), np.tile(y, (K, 1))
    log_scale = (2 * np.log(grid))[:, None, None] + 2 * np.log(np.abs(w0))[None]
    beta = potential_minimiser(XX, yy, None, D=2, log_scale=log_scale.reshape(K * S, d))
    return {"alpha": grid[:, None, None] * np.ones((1, S, 1)), "beta_inf": beta.reshape(K, S, d),
            "beta_l1": np.broadcast_to(l1_minimiser(X, y)[None], (K, S, d))}


THEOREM1_SPACE = data_space(N=(1, N_OBS), d=(DIM,), alpha=Range(0.25, 4.0, log=True))
THEOREM1_GENERAL_SPACE = data_space(N=(N_OBS,), d=(DIM,), alpha=Range(0.25, 4.0, log=True),
                                    w0_min=Range(0.1, 0.5, log=True))


def theorem1_flow(ctx, precise, config=None, general=False):
    """Flow limits at the configuration's alpha (w0 = 1, or random w0 with entries of modulus in
    [w0_min, 1.5] and random signs) against argmin Q_{alpha,w0} s.t. X beta = y."""
    c = config_of(config, {**DEFAULT_DATA, "alpha": 1.0, "w0_min": 0.5})
    S = per_config(ctx, 2)
    rng, X, y = config_regression(ctx, f"theorem1 {general}", c, S)
    d = X.shape[-1]
    a = np.full(S, float(c["alpha"]))
    w0 = rng.uniform(c["w0_min"], 1.5, (S, d)) * rng.choice([-1.0, 1.0], (S, d)) if general else None
    beta = _flow_limit(X, y, a, 2, w0, precise, 60.0 / min(1.0, c["alpha"] * (c["w0_min"] if general else 1.0)) ** 2)
    scale = a[:, None] ** 2 * (np.ones((S, d)) if w0 is None else w0**2)
    return {"beta_inf": beta, "beta_Q": potential_minimiser(X, y, scale), "alpha": a[:, None]}


def _epsilon(c):
    return float(f"{c['eps_frac'] * c['d']:.6g}")


eps_sym = sp.Symbol("epsilon", positive=True)
# Theorem 2's epsilon ranges over (0, d): from 0.02 d to its edge 0.95 d (geometric)
THEOREM2_SPACE = data_space(N=(1, N_OBS), d=(2, DIM), eps_frac=Range(0.02, 0.95, log=True),
                            epsilon=Derived(_epsilon, "eps_frac * d"), constraints=(sp.Lt(eps_sym, d_cfg),))
SCALES = 4          # rescalings of y per instance, over six decades


def _theorem2_data(ctx, config):
    c = config_of(config, {**DEFAULT_DATA, "eps_frac": 0.25, "epsilon": 2.0})
    S = per_config(ctx, 4)
    rng, X, y = config_regression(ctx, "theorem2", c, S)
    # y rescaled by factors over six decades: the thresholds are not homogeneous in ||beta||
    X, y = np.repeat(X, SCALES, axis=0), np.repeat(y, SCALES, axis=0) * 10.0 ** rng.uniform(-3.0, 3.0, (S * SCALES, 1))
    return X, y, float(c["epsilon"]), X.shape[-1]


def theorem2_rich(ctx, precise, config=None):
    """At alpha = the stated threshold and at a tenth of it, for the configuration's eps in (0, d) and
    data: the l1 norm of beta_alpha = argmin Q_alpha (Theorem 1) against (1 + eps) ||beta_l1||_1. The
    threshold is not homogeneous in ||beta_l1||_1 (the scaling analysis), so y is rescaled by factors over
    six decades: the condition is tested at every scale of the problem, not only at ||beta_l1||_1 of order 1."""
    X, y, e_, d = _theorem2_data(ctx, config)
    S = X.shape[0]
    n1 = np.abs(l1_minimiser(X, y)).sum(-1)
    log_thr = np.minimum(-(2 + e_) / (2 * e_) * np.log(2 * (1 + e_) * n1), -d / (e_ * n1))
    log_a = log_thr[:, None] + np.log([1.0 - 1e-9, 0.1])[None]                # (S, 2): at and below it
    XX, yy = np.repeat(X, 2, axis=0), np.repeat(y, 2, axis=0)
    beta = potential_minimiser(XX, yy, None, log_scale=np.repeat(2 * log_a.reshape(-1, 1), d, axis=1))
    return {"N1_alpha": np.abs(beta).sum(-1).reshape(S, 2), "N1_star": n1[:, None] * np.ones((1, 2)),
            "alpha": np.exp(log_a), "epsilon": np.full((S, 2), e_), "d": np.full((S, 2), float(d))}


def theorem2_kernel(ctx, precise, config=None):
    """At alpha = the stated threshold and at ten times it, for the configuration's eps in (0, d) and data:
    ||beta_alpha||_2^2 against (1 + eps) ||beta_l2||^2 (y rescaled over six decades, as for the rich side)."""
    X, y, e_, d = _theorem2_data(ctx, config)
    S = X.shape[0]
    n2 = np.linalg.norm(l2_minimiser(X, y), axis=-1)
    a = np.sqrt(2 * (1 + e_) * (1 + 2 / e_) * n2)[:, None] * np.array([1.0 + 1e-9, 10.0])[None]
    beta = potential_minimiser(np.repeat(X, 2, axis=0), np.repeat(y, 2, axis=0), np.repeat(a.reshape(-1, 1) ** 2, d, axis=1))
    return {"N2sq_alpha": (beta**2).sum(-1).reshape(S, 2), "N2_star": n2[:, None] * np.ones((1, 2)), "alpha": a,
            "epsilon": np.full((S, 2), e_), "d": np.full((S, 2), float(d))}


R_GAP_GRID = np.array([1e-4, 3e-4, 1e-3, 3e-3, 1e-2])
R_GAP_SPACE = Configurations(size=Range(0.1, 10.0, log=True), coordinates=[1, 3])


def r_gap(ctx, variable, precise, config=None):
    """R_{alpha,1}(beta) - ||beta||_1 for alpha -> 0 (common beta across alpha), R from its definition;
    beta has ``coordinates`` entries of modulus ``size`` times uniform in [0.5, 2] (random signs): small
    |beta| is the edge where alpha^2 is last to be small against it."""
    c = {"size": 1.0, "coordinates": 3, **(config or {})}
    rng = ctx.rng("r_gap", salt(c))
    S, k = ctx.budget.samples, int(c["coordinates"])
    beta = c["size"] * rng.uniform(0.5, 2.0, (S, k)) * rng.choice([-1.0, 1.0], (S, k))
    R_ = r_potential(np.broadcast_to(beta[None], (len(R_GAP_GRID), S, k)), R_GAP_GRID[:, None] * np.ones((1, S)))
    return R_GAP_GRID, np.abs(R_ - np.abs(beta).sum(-1)[None])


LINEAR_SPACE = data_space(shapes=EDGE_SHAPES, cond=Range(1.0, 30.0, log=True))


def linear_model_flow(ctx, precise, config=None):
    """f(w, x) = <w, x>: the gradient flow of L(w) = ||X w - y||^2 from alpha w0 (alpha = ``scale``, w0
    entries of modulus in [0.5, 1.5], random signs) against beta^R = argmin ||w - alpha w0|| s.t. X w = y
    = alpha w0 + X^+ (y - X alpha w0); ill-conditioned X (cond) is the slow, stiff edge (an implicit
    solver with the exact Jacobian -2 X^T X)."""
    c = config_of(config, {**DEFAULT_DATA, "scale": 1.0})       # the linear flow is scale-free: alpha = 1
    S = per_config(ctx, 2)
    rng, X, y = config_regression(ctx, "linear", c, S)
    d = X.shape[-1]
    start = c["scale"] * rng.uniform(0.5, 1.5, (S, d)) * rng.choice([-1.0, 1.0], (S, d))
    rate = np.linalg.eigvalsh(np.einsum("bnd,bmd->bnm", X, X))[:, 0].min()
    T = flows.horizon(40.0 / rate)
    hess = 2 * np.einsum("bnd,bne->bde", X, X)                          # the (constant) Jacobian is -hess
    W = batched_flow(lambda _, w: -2 * np.einsum("bnd,bn->bd", X, np.einsum("bnd,bd->bn", X, w) - y), start,
                     np.array([0.0, T / 2, T]), precise, stiff=True, jac=lambda w: -hess)[:, -1]
    projection = start + np.einsum("bdn,bn->bd", np.linalg.pinv(X), y - np.einsum("bnd,bd->bn", X, start))
    return {"beta_inf": W, "beta_R": projection}


DEPTH3_GRID = np.array([0.3, 0.1, 0.03, 0.01, 0.003])


def depth3_excess(ctx, variable, precise, config=None):
    """||beta_{alpha,3}||_1 - ||beta_l1||_1 for alpha = 0.3 .. 0.003 (minimisers of Q^3_alpha, Theorem 3)
    on the configuration's data."""
    S = per_config(ctx, 2)
    _, X, y = config_regression(ctx, "depth3", config, S)
    K, d = len(DEPTH3_GRID), X.shape[-1]
    scale = np.repeat(DEPTH3_GRID**3, S)[:, None] * np.ones((1, d))
    beta = potential_minimiser(np.tile(X, (K, 1, 1)), np.tile(y, (K, 1)), scale, D=3).reshape(K, S, d)
    return DEPTH3_GRID, np.abs(beta).sum(-1) - np.abs(l1_minimiser(X, y)).sum(-1)[None]


THEOREM3_SPACE = Configurations(D=[3, 4], alpha=Range(0.5, 2.0, log=True))


def theorem3_flow(ctx, precise, config=None):
    """Depth-D flows (D = 3 or 4) from w_+ = w_- = alpha 1 against argmin Q^D_alpha s.t. X beta = y."""
    c = {"D": 3, "alpha": 1.0, **(config or {})}
    S = per_config(ctx, 2)
    _, X, y = config_regression(ctx, "theorem3", c, S)
    a, depth = np.full(S, float(c["alpha"])), int(c["D"])
    beta = _flow_limit(X, y, a, depth, None, precise, 400.0 / min(1.0, c["alpha"]) ** depth)
    return {"beta_inf": beta, "beta_Q": potential_minimiser(X, y, np.repeat(a[:, None] ** depth, X.shape[-1], axis=1), D=depth),
            "alpha": a[:, None]}


DEPTH_SPACE = data_space(shapes=EDGE_SHAPES, cond=Range(1.0, 100.0, log=True), D=[3, 4])


def depth_sequence(ctx, grid, config=None):
    """argmin Q^D_alpha (Theorem 3) at depth D along grid, on the configuration's data, with the l1 and l2
    solutions."""
    c = config_of(config, {**DEFAULT_DATA, "D": 3})
    S = per_config(ctx, 4)
    _, X, y = config_regression(ctx, "depth", c, S)
    K, d, depth = len(grid), X.shape[-1], int(c["D"])
    scale = np.repeat(grid**depth, S)[:, None] * np.ones((1, d))
    beta = potential_minimiser(np.tile(X, (K, 1, 1)), np.tile(y, (K, 1)), scale, D=depth).reshape(K, S, d)
    return {"alpha": grid[:, None, None] * np.ones((1, S, 1)), "beta_inf": beta,
            "beta_l1": np.broadcast_to(l1_minimiser(X, y)[None], (K, S, d)),
            "beta_l2": np.broadcast_to(l2_minimiser(X, y)[None], (K, S, d))}


# ---------------------------------------------------------------------------------------------
# Section 1.4: the alpha needed for a (1 + eps)-approximation of ||beta_l1||_1, in the worst case over problems
# ---------------------------------------------------------------------------------------------
# On X = (1, rho), y = s (N = 1, d = 2, rho = 1 - delta in (0, 1)) the l1 solution is (s, 0) and the minimiser of
# Q_alpha is beta = 2 alpha^2 sinh(nu (1, rho)): ||beta_alpha||_1 = s + delta beta_2. The largest alpha with
# ||beta_alpha||_1 <= (1 + eps) s has beta_2 = eps s/delta exactly (beta_2 grows with alpha, from 0 at alpha -> 0
# to s rho/(1 + rho^2) at alpha -> oo), i.e. sinh(nu)/sinh(rho nu) = (1 - rho b)/b with b = eps/delta, and then
# alpha^2 = s b/(2 sinh(rho nu)). The alpha needed by the worst problem is the least of these over rho.
NEEDED_EPS = 0.004 * 2.0 ** -np.arange(6)
NEEDED_SPACE = Configurations(scale=Range(0.01, 100.0, log=True))


def _log_sinh(x):
    return x + np.log1p(-np.exp(-2 * x)) - np.log(2.0)


def alpha_needed(eps, delta, scale=1.0):
    """log(1/alpha) of the largest alpha with ||beta_alpha||_1 <= (1 + eps) ||beta_l1||_1 on X = (1, 1 - delta),
    y = scale (arrays broadcast; -oo where every alpha works)."""
    eps, delta = np.broadcast_arrays(np.asarray(eps, float), np.asarray(delta, float))
    rho, b = 1.0 - delta, eps / delta
    works = b >= rho / (1 + rho**2)                      # beta_2 never exceeds eps s/delta: any alpha
    target = np.log(np.where(works, 2.0, (1 - rho * b) / np.where(works, 1.0, b)))
    lo, hi = np.full(eps.shape, 1e-12), np.full(eps.shape, 1e6)
    for _ in range(80):                                   # bisection (geometric) on log sinh(nu) - log sinh(rho nu), increasing
        mid = np.sqrt(lo * hi)
        f = _log_sinh(mid) - _log_sinh(rho * mid) - target
        lo, hi = np.where(f < 0, mid, lo), np.where(f < 0, hi, mid)
    nu = np.sqrt(lo * hi)
    log_inv_alpha = 0.5 * (np.log(2.0) + _log_sinh(rho * nu) - np.log(scale * b))
    return np.where(works, -np.inf, log_inv_alpha)


def rich_alpha_needed(ctx, variable, precise, config=None):
    """The alpha the worst problem of the family needs for ||beta_alpha||_1 <= (1 + eps)||beta_l1||_1, for
    eps = 0.004 .. 0.000125 (delta over 2000 geometric values in [1e-7, 0.99]), as 1/log(1/alpha_needed(eps))
    (an alpha needed of exp(-c/eps) makes it linear in eps; a polynomial one, like 1/log(1/eps), flat)."""
    if variable != "epsilon":
        raise ValueError(f"the alpha needed is computed in epsilon, not {variable}")
    c = {"scale": 1.0, **(config or {})}
    delta = np.geomspace(1e-7, 0.99, 2000)
    worst = alpha_needed(NEEDED_EPS[:, None], delta[None, :], float(c["scale"])).max(axis=1)
    return NEEDED_EPS, (1.0 / worst)[:, None]
