"""Note 004, the diagonal networks (Woodworth et al.): the simulations their claims use."""
from __future__ import annotations

import numpy as np
from verify.maths.regimes import (diagonal_flow, l1_minimiser, l2_minimiser, potential_minimiser, r_potential)
from verify.maths.flows import batched_flow


# ---------------------------------------------------------------------------------------------
# simulations: diagonal networks
# ---------------------------------------------------------------------------------------------
N_OBS, DIM, SPARSITY = 4, 8, 2


def regression(rng, batch, positive=False):
    """X (batch, N, d) Gaussian; y = X beta* with beta* 2-sparse Gaussian (or dense positive)."""
    X = rng.standard_normal((batch, N_OBS, DIM))
    if positive:
        star = rng.uniform(0.2, 1.0, (batch, DIM))
    else:
        star = np.zeros((batch, DIM))
        idx = np.argsort(rng.random((batch, DIM)), axis=1)[:, :SPARSITY]
        np.put_along_axis(star, idx, rng.standard_normal((batch, SPARSITY)), axis=1)
    return X, np.einsum("bnd,bd->bn", X, star)


def _flow_limit(X, y, alpha_values, depth, w0, precise, horizon):
    """beta at the end of the simulated flow; raises unless it interpolates (Theorem 1's hypothesis)."""
    tt = np.array([0.0, horizon / 2, horizon])
    beta = diagonal_flow(X, y, alpha_values, tt, D=depth, w0=w0, precise=precise)[:, -1]
    resid = np.linalg.norm(np.einsum("bnd,bd->bn", X, beta) - y, axis=-1) / np.linalg.norm(y, axis=-1)
    if resid.max() > 1e-8:
        raise RuntimeError(f"the flow has not converged by t = {horizon} (relative residual {resid.max():.2g})")
    return beta


def kernel_sequence(ctx, precise):
    """The flow's limit beta_alpha (w0 = 1) for alpha = 1 .. 16 against the minimum-l2 interpolant."""
    rng = ctx.rng("kernel")
    S, grid = max(ctx.budget.samples // 2, 3), np.array([1.0, 2.0, 4.0, 8.0, 16.0])
    X, y = regression(rng, S)
    K = len(grid)
    # one batched solve per grid value: instances with the same alpha share a time scale
    beta = np.stack([_flow_limit(X, y, np.full(S, a), 2, None, precise, 40.0) for a in grid])
    return {"alpha": grid[:, None, None] * np.ones((1, S, 1)), "beta_inf": beta,
            "beta_l2": np.broadcast_to(l2_minimiser(X, y)[None], (K, S, DIM))}


def rkhs_sequence(ctx, precise):
    """Section 1.2's kernel regime with an unbiased initialisation w_+(0) = w_-(0) = alpha w0 (random w0
    with no zero entry, F(alpha w0) = 0): the flow's limit beta_alpha for alpha = 1 .. 16 against the
    minimum-RKHS-norm interpolant of K_{w(0)}, computed independently from the linearised model: the
    least-norm l with <l, phi_{w(0)}(x_n)> = y_n (the pseudo-inverse of the N x 2d feature matrix), and
    the function it represents, beta = J l with J = d beta/dw at w(0)."""
    rng = ctx.rng("rkhs")
    S, grid = max(ctx.budget.samples // 2, 3), np.array([1.0, 2.0, 4.0, 8.0, 16.0])
    X, y = regression(rng, S)
    w0 = rng.uniform(0.5, 1.5, (S, DIM)) * rng.choice([-1.0, 1.0], (S, DIM))
    beta = np.stack([_flow_limit(X, y, np.full(S, a), 2, w0, precise, 40.0 / a**2 + 40.0) for a in grid])
    mins = []
    for a in grid:                                   # over the grid (the feature map scales with alpha)
        J = np.concatenate([2 * a * w0, -2 * a * w0], axis=-1)            # d beta_i / d(w_+, w_-)_i, diagonal blocks
        Phi = np.concatenate([X, X], axis=-1) * J[:, None, :]           # phi_{w(0)}(x_n) = J^T x_n, (S, N, 2d)
        ell = np.einsum("bpn,bn->bp", np.linalg.pinv(Phi), y)            # least ||l||_2 with Phi l = y
        mins.append(J[:, :DIM] * ell[:, :DIM] + J[:, DIM:] * ell[:, DIM:])
    return {"alpha": grid[:, None, None] * np.ones((1, S, 1)), "beta_inf": beta, "beta_K": np.stack(mins)}


def rich_sequence_(ctx, grid, nonnegative=False, depth=2):
    """Interpolating limits on the flow's invariant curve as alpha -> 0, and the l1 solution."""
    rng = ctx.rng("rich", str(depth))
    S = ctx.budget.samples
    X, y = regression(rng, S, positive=nonnegative)
    K = len(grid)
    XX, yy = np.tile(X, (K, 1, 1)), np.tile(y, (K, 1))
    # the scale a of the curve beta = a link(X^T nu): alpha^2 (signed, w0 = 1), alpha (x(0) = alpha 1), alpha^D
    power = 1 if nonnegative else depth
    log_scale = np.repeat(power * np.log(grid), S)[:, None] * np.ones((1, DIM))
    beta = potential_minimiser(XX, yy, None, D=depth, log_scale=log_scale, nonnegative=nonnegative)
    return (grid[:, None, None] * np.ones((1, S, 1)), beta.reshape(K, S, DIM),
            np.broadcast_to(l1_minimiser(X, y, nonnegative)[None], (K, S, DIM)))


def rich_sequence(ctx, precise):
    a, beta, l1 = rich_sequence_(ctx, 10.0 ** -np.array([1.0, 2, 4, 8, 16, 32]))
    return {"alpha": a, "beta_inf": beta, "beta_l1": l1}


def theorem1_flow(ctx, precise, general=False):
    """Flow limits (w0 = 1, or random w0 with no zero entry) against argmin Q_{alpha,w0} s.t. X beta = y."""
    rng = ctx.rng("theorem1", str(general))
    S = ctx.budget.samples
    X, y = regression(rng, S)
    a = rng.choice([0.5, 1.0, 2.0], S)
    w0 = rng.uniform(0.5, 1.5, (S, DIM)) * rng.choice([-1.0, 1.0], (S, DIM)) if general else None
    beta = _flow_limit(X, y, a, 2, w0, precise, 60.0)
    scale = a[:, None] ** 2 * (np.ones((S, DIM)) if w0 is None else w0**2)
    return {"beta_inf": beta, "beta_Q": potential_minimiser(X, y, scale), "alpha": a[:, None]}


EPS_GRID = np.array([0.25, 0.5, 1.0, 2.0, 4.0])


def theorem2_rich(ctx, precise):
    """At alpha = the stated threshold and at a tenth of it, for eps in (0, d): the l1 norm of
    beta_alpha = argmin Q_alpha (Theorem 1) against (1 + eps) ||beta_l1||_1. The threshold is not homogeneous
    in ||beta_l1||_1 (the scaling analysis), so y is rescaled by factors over six decades: the condition is
    tested at every scale of the problem, not only at ||beta_l1||_1 of order 1."""
    rng = ctx.rng("theorem2")
    S = ctx.budget.samples * len(EPS_GRID)
    X, y = regression(rng, S)
    y = y * 10.0 ** rng.uniform(-3.0, 3.0, (S, 1))
    e_ = np.tile(EPS_GRID, ctx.budget.samples)
    n1 = np.abs(l1_minimiser(X, y)).sum(-1)
    log_thr = np.minimum(-(2 + e_) / (2 * e_) * np.log(2 * (1 + e_) * n1), -DIM / (e_ * n1))
    log_a = log_thr[:, None] + np.log([1.0 - 1e-9, 0.1])[None]                # (S, 2): at and below it
    XX, yy = np.repeat(X, 2, axis=0), np.repeat(y, 2, axis=0)
    beta = potential_minimiser(XX, yy, None, log_scale=np.repeat(2 * log_a.reshape(-1, 1), DIM, axis=1))
    return {"N1_alpha": np.abs(beta).sum(-1).reshape(S, 2), "N1_star": n1[:, None] * np.ones((1, 2)),
            "alpha": np.exp(log_a), "epsilon": e_[:, None] * np.ones((1, 2)), "d": np.full((S, 2), float(DIM))}


def theorem2_kernel(ctx, precise):
    """At alpha = the stated threshold and at ten times it: ||beta_alpha||_2^2 against (1 + eps) ||beta_l2||^2."""
    rng = ctx.rng("theorem2")
    S = ctx.budget.samples * len(EPS_GRID)
    X, y = regression(rng, S)
    e_ = np.tile(EPS_GRID, ctx.budget.samples)
    n2 = np.linalg.norm(l2_minimiser(X, y), axis=-1)
    a = np.sqrt(2 * (1 + e_) * (1 + 2 / e_) * n2)[:, None] * np.array([1.0 + 1e-9, 10.0])[None]
    beta = potential_minimiser(np.repeat(X, 2, axis=0), np.repeat(y, 2, axis=0), np.repeat(a.reshape(-1, 1) ** 2, DIM, axis=1))
    return {"N2sq_alpha": (beta**2).sum(-1).reshape(S, 2), "N2_star": n2[:, None] * np.ones((1, 2)), "alpha": a,
            "epsilon": e_[:, None] * np.ones((1, 2)), "d": np.full((S, 2), float(DIM))}


def r_gap(ctx, variable, precise):
    """R_{alpha,1}(beta) - ||beta||_1 for alpha -> 0 (common beta across alpha), R from its definition."""
    rng = ctx.rng("r_gap")
    S, grid = ctx.budget.samples, np.array([1e-4, 3e-4, 1e-3, 3e-3, 1e-2])
    beta = rng.standard_normal((S, 3)) * rng.uniform(0.5, 2.0, (S, 1))
    R_ = r_potential(np.broadcast_to(beta[None], (len(grid), S, 3)), grid[:, None] * np.ones((1, S)))
    return grid, np.abs(R_ - np.abs(beta).sum(-1)[None])


def linear_model_flow(ctx, precise):
    """f(w, x) = <w, x>: the gradient flow of L(w) = ||X w - y||^2 from alpha w0 against
    beta^R = argmin ||w - alpha w0|| s.t. X w = y = alpha w0 + X^+ (y - X alpha w0)."""
    rng = ctx.rng("linear")
    S = ctx.budget.samples
    X, y = regression(rng, S)
    start = rng.choice([0.5, 1.0, 2.0], S)[:, None] * rng.uniform(0.5, 1.5, (S, DIM)) * rng.choice([-1.0, 1.0], (S, DIM))
    rate = np.linalg.eigvalsh(np.einsum("bnd,bmd->bnm", X, X))[:, 0].min()
    T = 40.0 / rate
    W = batched_flow(lambda _, w: -2 * np.einsum("bnd,bn->bd", X, np.einsum("bnd,bd->bn", X, w) - y), start,
                     np.array([0.0, T / 2, T]), precise)[:, -1]
    projection = start + np.einsum("bdn,bn->bd", np.linalg.pinv(X), y - np.einsum("bnd,bd->bn", X, start))
    return {"beta_inf": W, "beta_R": projection}


def depth3_excess(ctx, variable, precise):
    """||beta_{alpha,3}||_1 - ||beta_l1||_1 for alpha = 0.3 .. 0.003 (minimisers of Q^3_alpha, Theorem 3)."""
    rng = ctx.rng("depth3")
    S, grid = ctx.budget.samples, np.array([0.3, 0.1, 0.03, 0.01, 0.003])
    X, y = regression(rng, S)
    K = len(grid)
    scale = np.repeat(grid**3, S)[:, None] * np.ones((1, DIM))
    beta = potential_minimiser(np.tile(X, (K, 1, 1)), np.tile(y, (K, 1)), scale, D=3).reshape(K, S, DIM)
    return grid, np.abs(beta).sum(-1) - np.abs(l1_minimiser(X, y)).sum(-1)[None]


def theorem3_flow(ctx, precise):
    """Depth D = 3 and 4 flows from w_+ = w_- = alpha 1 against argmin Q^D_alpha s.t. X beta = y."""
    rng = ctx.rng("theorem3")
    S = ctx.budget.samples
    X, y = regression(rng, S)
    a = rng.choice([0.5, 1.0, 2.0], S)
    half = S // 2
    betas, mins = [], []
    for depth, sl in ((3, slice(0, half)), (4, slice(half, S))):        # the two depths, not samples
        betas.append(_flow_limit(X[sl], y[sl], a[sl], depth, None, precise, 400.0))
        mins.append(potential_minimiser(X[sl], y[sl], np.repeat(a[sl, None] ** depth, DIM, axis=1), D=depth))
    return {"beta_inf": np.concatenate(betas), "beta_Q": np.concatenate(mins), "alpha": a[:, None]}


def depth_sequence(ctx, grid):
    """argmin Q^D_alpha (Theorem 3) for D = 3 and 4 along grid, with the l1 and l2 solutions."""
    rng = ctx.rng("depth")
    S = ctx.budget.samples
    X, y = regression(rng, S)
    K, half = len(grid), S // 2
    out = []
    for depth, sl in ((3, slice(0, half)), (4, slice(half, S))):        # the two depths
        n = sl.stop - sl.start
        scale = np.repeat(grid**depth, n)[:, None] * np.ones((1, DIM))
        out.append(potential_minimiser(np.tile(X[sl], (K, 1, 1)), np.tile(y[sl], (K, 1)), scale, D=depth).reshape(K, n, DIM))
    return {"alpha": grid[:, None, None] * np.ones((1, S, 1)), "beta_inf": np.concatenate(out, axis=1),
            "beta_l1": np.broadcast_to(l1_minimiser(X, y)[None], (K, S, DIM)),
            "beta_l2": np.broadcast_to(l2_minimiser(X, y)[None], (K, S, DIM))}
