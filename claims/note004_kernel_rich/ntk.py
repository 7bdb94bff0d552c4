"""Note 004, the NTK and matrix factorisation: the simulations their claims use."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import Configurations, Range
from verify.maths.regimes import (balanced_factors, barron_cosine_errors, chain, depth_curve_interpolant,
                                  diagonal_loss_derivatives, factor_velocities, factorisation_flow, l1_minimiser,
                                  ntk_training_change)
from verify.maths.kernels import empirical_ntk, ntk_limit
from verify.maths.flows import batched_flow
from verify.maths.models import (random_orthogonal)
from .diagonal import (CURVE_DATA, DEFAULT_DATA, config_of, config_regression, data_space, per_config, rich_sequence_, salt)
from .lazy import LAZY_N, LAZY_P


# ---------------------------------------------------------------------------------------------
# simulations: NTK, matrix factorisation
# ---------------------------------------------------------------------------------------------

NTK_WIDTHS_SPACE = Configurations(dim=[1, 3, 10], n=[4])


def ntk_widths(ctx, precise, config=None):
    """Empirical NTKs of independent two-layer ReLU networks at widths 16 .. 16384 against Theta_oo, on n
    Gaussian inputs in dimension ``dim`` (dim = 1: every pair parallel or antiparallel, the kernel's kinks)."""
    c = {"dim": 3, "n": 4, **(config or {})}
    rng = ctx.rng("ntk", salt(c))
    S, dim = per_config(ctx, 2), int(c["dim"])
    X = rng.standard_normal((int(c["n"]), dim))
    widths = 4 ** np.arange(2, 8)
    thetas = [empirical_ntk(rng.standard_normal((S, m, dim)), rng.standard_normal((S, m)), X) for m in widths]
    return {"m": widths[:, None, None, None] * np.ones((1, S, 1, 1)), "Theta_m": np.stack(thetas),
            "Theta_inf": np.broadcast_to(ntk_limit(X), (len(widths), S) + (X.shape[0],) * 2)}


SQUARED_SPACE = CURVE_DATA


def squared_sequence(ctx, precise, config=None):
    """Gunasekar et al.'s Corollary 2: interpolating limits of the flow on ||A x(u) - y||^2, x = u^2,
    from x(0) = alpha 1, on the flow's invariant curve x = alpha exp(A^T nu), as alpha -> 0; A is the
    configuration's (N x d, condition number cond) and y = A x* with x* > 0 (y inside the cone A R_+^d)."""
    a, x, l1 = rich_sequence_(ctx, 10.0 ** -np.array([1.0, 2, 4, 8, 16, 32, 64]), config, nonnegative=True)
    return {"alpha": a, "x_inf": x, "x_l1": l1}


ARORA2_MEASUREMENTS = 2
m_meas = sp.Symbol("m", positive=True, integer=True)
ARORA2_SPACE = Configurations(m=[1, 2], constraints=(sp.Lt(m_meas, 3),))      # fewer measurements than d = 3: l(W) = 0 is a subspace


def commuting_depth_limits(ctx, precise, config=None):
    """Arora et al.'s Theorem 2: depth N = 3 factorisations W = W_3 W_2 W_1 of 3 x 3 matrices, W_j(0) = alpha I,
    under gradient flow on l(W) = 1/2 sum_i (y_i - <A_i, W>)^2 with m commuting symmetric measurements
    A_i = U diag(a_i) U^T (U random orthogonal) and y = A(W*) for a positive definite W* = U diag(x*) U^T.

    The limits W_deep,oo(alpha): for alpha = 1 by simulating all N factors as full matrices until they
    interpolate; for alpha = 0.5 .. 0.002 (where leaving the saddle at 0 takes a time of order 1/alpha)
    on the flow's invariant curve: the factors stay equal and commute with the A_i, so W = U diag(x) U^T with
    x = (alpha^(2-N) + a^T mu)^(-N/(N-2)) (verify.maths.regimes.depth_curve_interpolant). The curve is checked
    against the simulated flows at alpha = 1 (an error is raised if they differ; a flow still moving at
    t = 1050, which happens at budget thorough, takes the limit the curve gives and the converged flows confirm).

    The minimum-nuclear-norm PSD solution is computed independently: on PSD matrices ||W||_* = tr W, and
    <A_i, W> and tr W depend only on the diagonal of U^T W U, which is nonnegative for W PSD (the pinched
    matrix U diag(diag(U^T W U)) U^T is PSD with the same measurements), so the minimum is U diag(x) U^T with
    x the nonnegative minimum-l1 solution of a x = y (a linear programme).

    The configuration: the number m of measurements, m = 1 (the most underdetermined problem) or 2."""
    c = {"m": ARORA2_MEASUREMENTS, **(config or {})}
    rng = ctx.rng("arora_theorem2", salt(c))
    S, d, m, N = per_config(ctx, 4), ARORA_DIM, int(c["m"]), ARORA_DEPTH
    flown, curve = np.array([1.0]), np.array([0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002])
    U = random_orthogonal(rng, S, d)
    a = rng.standard_normal((S, m, d))
    A = np.einsum("bij,bmj,bkj->bmik", U, a, U)
    y = np.einsum("bmd,bd->bm", a, rng.uniform(0.2, 1.0, (S, d)))
    W_min = np.einsum("bij,bj,bkj->bik", U, l1_minimiser(a, y, nonnegative=True), U)
    K = len(flown)
    AA, yy = np.tile(A, (K, 1, 1, 1)), np.tile(y, (K, 1))

    def grad_l(W):
        return -np.einsum("bm,bmij->bij", yy - np.einsum("bmij,bij->bm", AA, W), AA)

    factors = [np.repeat(flown, S)[:, None, None] * np.eye(d)] * N
    T = 0.0
    for _ in range(3):        # 150 time units, then more for slow instances (at budget standard, 1 of 32 needed 300;
        # a direction whose limit is 0 converges like a power of t at depth 3, so a few need far more)
        span = 150.0 / flown.min() * (1 if T == 0 else 2)
        factors = [w[:, -1] for w in factorisation_flow(factors, grad_l, np.array([0.0, span / 2, span]), precise)]
        T += span
        W_flow = chain(factors)
        resid = np.linalg.norm(np.einsum("bmij,bij->bm", AA, W_flow) - yy, axis=-1) / np.linalg.norm(yy, axis=-1)
        if resid.max() <= 1e-8:
            break
    converged = resid <= 1e-8
    if converged.mean() < 0.5:
        raise RuntimeError(f"the factorisation flows have not converged by t = {T:g} "
                           f"({int((~converged).sum())} of {len(resid)} above relative residual 1e-8)")
    grid = np.concatenate([flown, curve])
    G = len(grid)
    x = depth_curve_interpolant(np.tile(a, (G, 1, 1)), np.tile(y, (G, 1)), np.repeat(grid, S), N)
    W_curve = np.einsum("bij,kbj,blj->kbil", U, x.reshape(G, S, d), U)
    first = W_curve[:K].reshape(K * S, d, d)
    gap = np.abs(first - W_flow)[converged].max() / np.abs(W_flow[converged]).max()
    if gap > 1e-6:
        raise RuntimeError(f"the invariant curve does not reproduce the simulated flows (relative gap {gap:.2g})")
    # the converged flows are the limits at alpha = 1; an instance still moving gets the curve's limit,
    # which the converged ones have just confirmed
    W = np.concatenate([np.where(converged[:, None, None], W_flow, first).reshape(K, S, d, d), W_curve[K:]])
    return {"alpha": grid[:, None, None, None] * np.ones((1, S, 1, 1)), "W_deep": W,
            "W_nuc": np.broadcast_to(W_min[None], (G, S, d, d))}


ARORA_DEPTH, ARORA_DIM = 3, 3


N_sym = sp.Symbol("N", positive=True, integer=True)
ARORA3_SPACE = Configurations(N=[2, 4], init=Range(0.1, 1.0, log=True), constraints=(sp.Ge(N_sym, 2),))


def singular_value_dynamics(ctx, precise, config=None):
    """Deep matrix factorisation W = W_N ... W_1 (3 x 3 factors, depth N) under gradient flow on
    1/2 ||W - W*||_F^2, from balanced (first half) and unbalanced (second half) initialisations at scale
    ``init`` (a small scale starts near the origin, where (sigma^2)^(1 - 1/N) is steepest): d sigma_r/dt
    = u_r^T W' v_r from the flow's own velocity at the simulated states, against the theorem's right-hand
    side at the same times; differences are measured against each instance's largest |d sigma/dt| (a slow
    singular value is not held to a finer absolute accuracy than the fast ones)."""
    c = {"N": ARORA_DEPTH, "init": 1.0, **(config or {})}
    rng = ctx.rng("arora", salt(c))
    S, d, N, scale = per_config(ctx, 4), ARORA_DIM, int(c["N"]), float(c["init"])
    half = S // 2
    bal = balanced_factors(rng, half, d, N, scale)
    unbal = [scale * (rng.standard_normal((S - half, d, d)) * 0.8 + np.eye(d)) for _ in range(N)]
    Ws0 = [np.concatenate([b, u_]) for b, u_ in zip(bal, unbal)]
    W0 = chain(Ws0)
    target = W0 + 0.7 * rng.standard_normal((S, d, d))
    times = np.linspace(0.05, 0.5, 10)
    tt = np.concatenate([[0.0], times])
    Ws = [w[:, 1:] for w in factorisation_flow(Ws0, lambda W: W - target, tt, precise)]     # (S, T, d, d) each
    W = chain(Ws)
    Uu, sv, Vt = np.linalg.svd(W)
    grad = W - target[:, None]
    # d sigma_r/dt = u_r^T W' v_r with W' = sum_j W_N .. W_{j+1} W_j' W_{j-1} .. W_1 and W_j' the flow's
    # velocities at the simulated state: exact, where central differences of the product (step 1e-3) carried
    # an error of order h^2 times W's third derivative that reached the tolerance at depth 4; unlike
    # differences of sorted singular values, this stays accurate when two singular values come close
    vel = factor_velocities(Ws, grad)
    eye = np.broadcast_to(np.eye(d), W.shape)
    wdot = sum((chain(Ws[j + 1:]) if j + 1 < N else eye) @ vel[j] @ (chain(Ws[:j]) if j > 0 else eye)
               for j in range(N))                                   # over the depth
    guv = np.einsum("btir,btij,btrj->btr", Uu, grad, Vt)
    imb = [np.abs(np.swapaxes(Ws0[j + 1], -1, -2) @ Ws0[j + 1] - Ws0[j] @ np.swapaxes(Ws0[j], -1, -2)).max(axis=(-2, -1))
           for j in range(N - 1)]
    sdot = np.einsum("btir,btij,btrj->btr", Uu, wdot, Vt)
    return {"sigma_dot": sdot, "sigma_r": sv, "g_uv": guv, "scale": np.abs(sdot).max(axis=(1, 2), keepdims=True), "N": np.full((1, 1, 1), float(N)),
            "imbalance": np.max(imb, axis=0)[:, None, None] * np.ones((1, 1, 1))}


BARRON_SPACE = Configurations(a=Range(1.0, 30.0, log=True))
BARRON_RADIUS_SPACE = Configurations(a=Range(1.0, 30.0, log=True), r=Range(0.5, 2.0, log=True))
BARRON_SIZES = 4 ** np.arange(5)


def barron_instances(ctx, radius: bool, config=None):
    """f(x) = cos(a x) (C_f = |a|) at the configuration's frequency a in [1, 30], mu uniform on [-r, r]
    (r = 1, or the configuration's r in [0.5, 2]), and network sizes n = 1 .. 256: the average squared
    error of Barron's random step networks (each instance an independent average over 200 draws)."""
    c = {"a": 3.0, "r": 1.0, **(config or {})}
    rng = ctx.rng("barron", str(radius), salt(c))
    S = per_config(ctx, 8, least=1)
    a, r = np.full(S, float(c["a"])), np.full(S, float(c["r"]) if radius else 1.0)
    n = BARRON_SIZES
    err = barron_cosine_errors(rng, a, r, n, draws=200)
    return {"err_n": err, "n": np.broadcast_to(n[None].astype(float), err.shape), "C": (a * r)[:, None] * np.ones((1, len(n))),
            "C_f": a[:, None] * np.ones((1, len(n))), "r": r[:, None] * np.ones((1, len(n)))}


y_norm = sp.Symbol("y_norm", nonnegative=True)
INIT_SADDLE_SPACE = data_space(N=(1, 4), d=(2, 8), scale=Range(1e-3, 1e3, log=True), w0_min=Range(1e-3, 0.5, log=True),
                               constraints=(sp.Gt(y_norm, 0),))


def not_saddle_at_init(ctx, precise, config=None):
    """The diagonal network's loss at w_+ = w_- = alpha w0 (alpha = ``scale``, w0 entries of modulus in
    [w0_min, 1.5] with random signs: w0_min -> 0 is the edge of "no zero entry") on the configuration's
    data (y != 0, checked): the gradient's norm there (a critical point would have it zero)."""
    c = config_of(config, {**DEFAULT_DATA, "scale": 1.0, "w0_min": 0.5})
    S = per_config(ctx, 2)
    rng, X, y = config_regression(ctx, "init_saddle", c, S)
    d = X.shape[-1]
    w0 = c["scale"] * rng.uniform(c["w0_min"], 1.5, (S, d)) * rng.choice([-1.0, 1.0], (S, d))
    grad, _ = diagonal_loss_derivatives(X, y, w0, w0)
    grad_norm = np.linalg.norm(grad, axis=-1)
    # the gradient's natural size, 4 ||w||_oo ||X||_2 ||y|| (its entries are 4 w_i (X^T y)_i at F(w) = 0): a
    # gradient at round-off of it is zero to the simulation's resolution, and w a critical point
    natural = 4 * np.abs(w0).max(axis=-1) * np.linalg.norm(X, ord=2, axis=(-2, -1)) * np.linalg.norm(y, axis=-1)
    return {"grad_norm": grad_norm, "critical": (grad_norm <= 1e-12 * natural).astype(float),
            "y_norm": np.linalg.norm(y, axis=-1)}


ZERO_SADDLE_SPACE = data_space(N=(1, 4), d=(2, 8), cond=Range(1.0, 1e3, log=True), constraints=(sp.Gt(y_norm, 0),))


def saddle_at_zero(ctx, precise, config=None):
    """The diagonal network's loss at w = 0 on the configuration's data (y != 0, checked): gradient norm
    and extreme Hessian eigenvalues."""
    S = per_config(ctx, 2)
    _, X, y = config_regression(ctx, "zero_saddle", config, S)
    zero = np.zeros((S, X.shape[-1]))
    grad, hess = diagonal_loss_derivatives(X, y, zero, zero)
    ev = np.linalg.eigvalsh(hess)
    return {"grad_norm": np.linalg.norm(grad, axis=-1), "lambda_min": ev[:, 0], "lambda_max": ev[:, -1],
            "y_norm": np.linalg.norm(y, axis=-1)}


RELATIVE_CHANGE_SPACE = Configurations(p=[1, LAZY_P], n=[1, LAZY_N], curvature=Range(0.1, 10.0, log=True))


def relative_change_steps(ctx, precise, config=None):
    """Chizat's relative change of the objective for one gradient step w1 = w0 - eta grad F(w0), on
    F(w) = 1/2 ||h(w) - y*||^2 with h(w) = A w + (b/2)(B w)^2 (n outputs, p parameters, b = ``curvature``:
    a strongly curved model is the edge where the first-order regime starts at smaller eta) from a random
    w0 (F(w0) > 0, grad F(w0) != 0), against eta ||grad F(w0)||^2 / F(w0), for eta = 1e-2 .. 1e-8 (a strongly
    curved model reaches the first-order regime late; the difference F(w1) - F(w0) is computed from the
    step's change of the residual, without cancellation)."""
    c = {"p": LAZY_P, "n": LAZY_N, "curvature": 1.0, **(config or {})}
    rng = ctx.rng("delta_F", salt(c))
    S, n, p, b = per_config(ctx, 2), int(c["n"]), int(c["p"]), float(c["curvature"])
    A = rng.standard_normal((S, n, p)) / np.sqrt(p)
    B = rng.standard_normal((S, n, p)) / np.sqrt(p)
    ystar, w0 = rng.standard_normal((S, n)), rng.standard_normal((S, p))
    h = lambda w: np.einsum("snp,sp->sn", A, w) + 0.5 * b * np.einsum("snp,sp->sn", B, w) ** 2      # noqa: E731
    F = lambda w: 0.5 * np.sum((h(w) - ystar) ** 2, axis=-1)                                       # noqa: E731
    J = A + b * np.einsum("snp,sp->sn", B, w0)[..., None] * B
    g = np.einsum("snp,sn->sp", J, h(w0) - ystar)
    grid = 10.0 ** -np.arange(2.0, 9.0)
    F0, G2 = F(w0), np.sum(g**2, axis=-1)
    # F(w1) - F(w0) = (1/2) sum d (2 r0 + d), d = h(w1) - h(w0) = -eta A g - (eta b/2) (B g)(2 B w0 - eta B g):
    # no difference of nearly equal numbers, so small steps keep their digits (F(w1) - F(w0) itself loses
    # them as eta -> 0 and reads as a limit missed)
    eta = grid[:, None, None]                                                       # (K, 1, 1) over (S, n)
    Ag, Bg, Bw0 = (np.einsum("snp,sp->sn", M, v) for M, v in ((A, g), (B, g), (B, w0)))
    d = -eta * Ag - 0.5 * eta * b * Bg * (2 * Bw0 - eta * Bg)
    r0 = h(w0) - ystar
    delta = np.abs(0.5 * np.sum(d * (2 * r0 + d), axis=-1)) / F0
    K = len(grid)
    return {"eta": grid[:, None] * np.ones((1, S)), "Delta_F": delta, "F_0": np.broadcast_to(F0, (K, S)),
            "G_2": np.broadcast_to(G2, (K, S))}


DELTA_DH_SPACE = Configurations(frequency=Range(0.5, 8.0, log=True), n=[1, 3])


def differential_change_steps(ctx, precise, config=None):
    """Chizat's relative change of the differential for one gradient step w1 = w0 - eta F'(w0) on
    F(w) = 1/2 ||h(w) - y*||^2 with a smooth one-parameter model h(w) = (sin(c_k w + b_k))_{k <= n} (p = 1, so
    Dh(w) and D^2 h(w) are vectors and their operator norms Euclidean norms), c_k uniform in
    [frequency/4, frequency] (a high frequency: D^2 h large against Dh, the edge of the model family), for
    eta = 1e-1 .. 1e-3: the relative change ||Dh(w1) - Dh(w0)|| / ||Dh(w0)||, the note's bound's factors at
    w0, and the largest ||D^2 h|| on the segment [w0, w1]: its maximum over a grid (401 to 4001 points,
    c_max |w1 - w0| / (points - 1) <= 1e-2 where that suffices), plus the grid's worst miss, (largest
    ||D^3 h||) x half the spacing, so the mean-value inequality's constant is bounded above, never missed."""
    cf = {"frequency": 2.0, "n": 3, **(config or {})}
    rng = ctx.rng("delta_Dh", salt(cf))
    S, n, top = 4 * per_config(ctx, 4), int(cf["n"]), float(cf["frequency"])
    c_, b_ = rng.uniform(top / 4, top, (S, 1, n)), rng.uniform(0.0, 2 * np.pi, (S, 1, n))
    ystar, w0 = rng.standard_normal((S, 1, n)), rng.standard_normal((S, 1, 1))
    grid = 10.0 ** -np.arange(1.0, 4.0)
    h = lambda w: np.sin(c_ * w + b_)                      # noqa: E731  (w broadcast against the outputs)
    dh = lambda w: c_ * np.cos(c_ * w + b_)                # noqa: E731
    d2h = lambda w: -c_**2 * np.sin(c_ * w + b_)           # noqa: E731
    gF = np.sum((h(w0) - ystar) * dh(w0), axis=-1, keepdims=True)            # F'(w0), (S, 1, 1)
    w1 = w0 - grid[None, :, None] * gF                                       # (S, K, 1)
    span = float(top * np.abs(w1 - w0).max())
    points = int(min(max(401, np.ceil(span / 1e-2) + 1), 4001))
    s_ = np.linspace(0.0, 1.0, points)
    seg = w0[..., None] + s_[None, None, :, None] * (w1 - w0)[..., None]                     # (S, K, P, 1)
    on_grid = np.linalg.norm(-c_[:, :, None] ** 2 * np.sin(c_[:, :, None] * seg + b_[:, :, None]), axis=-1).max(axis=-1)
    miss = np.linalg.norm(c_[..., 0, :] ** 3, axis=-1)[:, None] * np.abs(w1 - w0)[..., 0] / (2 * (points - 1))
    K = len(grid)
    return {"Delta_Dh": np.linalg.norm(dh(w1) - dh(w0), axis=-1) / np.linalg.norm(dh(w0), axis=-1),
            "eta": grid[None] * np.ones((S, 1)), "gradF_norm": np.abs(gF[..., 0]) * np.ones((1, K)),
            "D2h_norm": np.linalg.norm(d2h(w0), axis=-1) * np.ones((1, K)),
            "Dh_norm": np.linalg.norm(dh(w0), axis=-1) * np.ones((1, K)), "D2h_sup": on_grid + miss}


FIGURE_EIGHT_SPACE = Configurations(c=Range(0.5, 2.0, log=True), noise=[0.0, 0.1])


def figure_eight_limits(ctx, precise, config=None):
    """Theorem 2.5's setting with p = 1, n = 2: h(w) = (sin w, sin 2w) (h(0) = 0, Dh(0) = (1, 2) of constant
    rank), R(y) = 1/2 ||y - y*||^2, y* = c (-1, 2) + noise (c and the noise's size from the configuration),
    which lies along the other branch of the curve through 0 (at w = pi). The flow of F_alpha from w0 = 0
    for alpha = 8 .. 128, F_alpha at its limit, the least F_alpha over a grid of w in [0, 2 pi) (an upper
    bound on inf F_alpha, attained at a grid point), and whether the limit is a global minimiser."""
    cf = {"c": 1.0, "noise": 0.1, **(config or {})}
    rng = ctx.rng("figure_eight", salt(cf))
    S, grid = per_config(ctx, 2) if cf["noise"] > 0 else 1, np.array([8.0, 16.0, 32.0, 64.0, 128.0])
    K = len(grid)
    ystar = cf["c"] * np.array([-1.0, 2.0]) + cf["noise"] * rng.standard_normal((S, 2))
    a = np.repeat(grid, S)
    ys = np.tile(ystar, (K, 1))

    def h(w):
        return np.stack([np.sin(w), np.sin(2 * w)], axis=-1)

    def rhs(_, w):
        dh = np.stack([np.cos(w[:, 0]), 2 * np.cos(2 * w[:, 0])], axis=-1)
        return -(np.sum(dh * (a[:, None] * h(w[:, 0]) - ys), axis=-1) / a)[:, None]

    W = batched_flow(rhs, np.zeros((K * S, 1)), np.array([0.0, 20.0, 40.0]), precise)[:, :, 0]
    if np.abs(W[:, -1] - W[:, -2]).max() > 1e-6:
        raise RuntimeError("the flow has not converged by t = 40")
    F_alpha = lambda w: 0.5 * np.sum((a[:, None, None] * h(w) - ys[:, None]) ** 2, axis=-1) / a[:, None] ** 2  # noqa: E731
    lim = F_alpha(W[:, -1:])[:, 0]
    ws = np.linspace(0.0, 2 * np.pi, 20001)[None] * np.ones((K * S, 1))
    best = F_alpha(ws).min(axis=1)
    # a global minimiser to the grid's resolution: F_alpha at the limit no more than 1e-6 of its size above the grid's
    # least value (a limit at the global minimum sits at or below it, the grid's least value being an upper bound)
    is_global = (lim - best <= 1e-6 * np.maximum(np.abs(lim), np.abs(best))).astype(float)
    return {"F_lim": lim.reshape(K, S), "F_min": best.reshape(K, S), "is_global": is_global.reshape(K, S),
            "alpha": a.reshape(K, S)}


NTK_TRAINING_SPACE = Configurations(T=[2.0, 10.0])
NTK_TRAINING_WIDTHS = 4 ** np.arange(3, 7)


def ntk_training(ctx, variable, precise, config=None, widths=NTK_TRAINING_WIDTHS):
    """Jacot et al.'s Theorem 2 on two-layer tanh networks (Lipschitz, bounded second derivative) in the
    NTK parametrisation, a, b ~ N(0, 1): gradient descent with step 0.1 up to the configuration's horizon T
    (the theorem's "uniformly on [0, T]" for every T: a long horizon is its edge) on 1/2 sum (f(x_i) - y_i)^2
    (n = 4 inputs on the sphere, y ~ N(0, 1)), for widths m = 64 .. 4096; returns sup_t ||Theta_t - Theta_0||_F,
    shaped (widths, seeds), the same data for a seed at every width."""
    if variable != "m":
        raise ValueError(f"the NTK is simulated in the width m, not {variable}")
    c = {"T": 5.0, **(config or {})}
    rng = ctx.rng("ntk_training", salt(c))
    S, T = per_config(ctx, 2), float(c["T"])
    steps = int(round(10 * T))
    X = rng.standard_normal((4, 3))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    y = rng.standard_normal((S, 4))
    widths = np.asarray(widths)
    act = {} if c.get("activation", "tanh") == "tanh" else {"act": lambda z: np.maximum(z, 0.0), "der": lambda z: (z > 0).astype(float)}
    change = [ntk_training_change(rng.standard_normal((S, m, 3)), rng.standard_normal((S, m)), X, y,
                                  T=T, steps=steps, every=max(steps // 10, 1), **act) for m in widths]   # one solve per width
    return widths.astype(float), np.stack(change)


# Jacot et al.'s Theorem 2 outside its differentiability hypothesis: the ReLU (Lipschitz, not differentiable at 0)
NTK_RELU_WIDTHS = 32 * 4 ** np.arange(4)
NTK_RELU_TRAINING_SPACE = Configurations(T=[2.0, 5.0], activation=["relu"])


def ntk_training_relu(ctx, variable, precise, config=None):
    """ntk_training with the ReLU in place of tanh (the same horizons, data and step; widths 32 .. 2048)."""
    return ntk_training(ctx, variable, precise, {"activation": "relu", **(config or {})}, widths=NTK_RELU_WIDTHS)


min_sine = sp.Symbol("min_sine", nonnegative=True)
NTK_PD_SPACE = Configurations(dim=[2, 3], n=[2, 6, 12], spread=Range(1e-3, 1.0, log=True),
                              antipodal=[False, True], constraints=(sp.Gt(min_sine, 0),))   # distinct, non-parallel inputs


def ntk_limit_spectrum(ctx, precise, config=None):
    """Theta_oo (ReLU, depth 2: k1 + k0 x.x') on n distinct, pairwise non-parallel inputs in dimension
    ``dim``: its smallest eigenvalue, against the size of its largest, and whether it is singular to the
    eigensolver's resolution. The adversarial family: the inputs
    are Gaussian directions pulled to within an angle of about ``spread`` of one axis (nearly parallel;
    spread = 1 is the random design), and with ``antipodal`` every other input is also reflected through
    the origin (nearly antiparallel pairs, where ReLU's kernel loses its even part), with random norms in
    [0.5, 2] (the kernel is homogeneous in each input's norm). Instances that are parallel to float
    precision are redrawn away by construction (angles of at least about 1e-3 spread)."""
    c = {"dim": 3, "n": 6, "spread": 1.0, "antipodal": False, **(config or {})}
    rng = ctx.rng("ntk_pd", salt(c))
    S, n, d = per_config(ctx, 4), int(c["n"]), int(c["dim"])
    U = rng.standard_normal((S, n, d))
    U /= np.linalg.norm(U, axis=-1, keepdims=True)
    axis = np.zeros(d)
    axis[0] = 1.0
    X = axis + c["spread"] * U                                   # within about spread of the axis
    if c["antipodal"]:
        X[:, 1::2] *= -1.0
    X *= rng.uniform(0.5, 2.0, (S, n, 1))
    cos = np.abs(np.einsum("bid,bjd->bij", X, X)) / np.einsum("bi,bj->bij", *(2 * [np.linalg.norm(X, axis=-1)]))
    sines = np.sqrt(np.clip(1 - cos[:, ~np.eye(n, dtype=bool)] ** 2, 0.0, None))
    ev = np.linalg.eigvalsh(ntk_limit(X))
    # positive definite to the resolution of the eigensolver: lambda_min above 1e-13 lambda_max (round-off is about
    # n 1e-16 lambda_max; the nearly parallel inputs of the search reach about 1e-9, parallel ones 1e-16)
    singular = (ev[:, 0] <= 1e-13 * ev[:, -1]).astype(float)
    return {"lambda_min": ev[:, 0], "lambda_max": ev[:, -1], "singular": singular, "min_sine": sines.min(axis=-1)}


# ---------------------------------------------------------------------------------------------
# Section 1.8: depth-D ReLU networks and D-homogeneity
# ---------------------------------------------------------------------------------------------
# The statement ranges over depth-D ReLU networks x -> W_D relu(... relu(W_1 x + b_1) ...) + b_D: the search runs
# over the depth, the width (1: the narrowest; 8), the scale lambda and whether the network has biases (a network
# without them is the 'linear, but not affine' case of Section 2.2).
RELU_HOMOGENEITY_SPACE = Configurations(D=[2, 3, 4], width=[1, 8], lam=Range(0.1, 10.0, log=True), biases=[0, 1])


def relu_homogeneity(ctx, precise, config=None):
    """f(lambda theta, x) against lambda^D f(theta, x) for random depth-D ReLU networks (input dimension 3,
    Gaussian weights and, with ``biases``, Gaussian biases at every layer; all parameters scaled by lambda) at 16
    Gaussian inputs, and the norm of the biases."""
    c = {"D": 3, "width": 8, "lam": 2.0, "biases": 1, **(config or {})}
    rng = ctx.rng("relu_homogeneity", salt(c))
    S, depth, m, lam = per_config(ctx, 8), int(c["D"]), int(c["width"]), float(c["lam"])
    dims = [3] + [m] * (depth - 1) + [1]
    Ws = [rng.standard_normal((S, dims[k + 1], dims[k])) / np.sqrt(dims[k]) for k in range(depth)]
    bs = [float(c["biases"]) * rng.standard_normal((S, dims[k + 1])) for k in range(depth)]
    x = rng.standard_normal((S, 16, 3))

    def net(scale):
        h = x
        for k in range(depth):
            h = np.einsum("bij,bnj->bni", scale * Ws[k], h) + scale * bs[k][:, None, :]
            if k < depth - 1:
                h = np.maximum(h, 0.0)
        return h[..., 0]

    return {"f_scaled": net(lam), "f_net": net(1.0), "lambda": np.full((S, 1), lam), "D": np.full((S, 1), float(depth)),
            "bias_norm": np.sqrt(sum((b**2).sum(-1) for b in bs))[:, None]}
