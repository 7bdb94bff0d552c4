"""Note 001, Section 5.2 (Claim 2, training): the displacement, sign-pattern and width arguments."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.kernels import active
from verify.checks import Domain
from .setting import C, R0, eps, m, n, rho_res, t, tau
from .gradient_flow import RESIDUAL_RATE
from .network import HCHANGE_WIDTHS, LAZY_WIDTHS, RTOL_FIT, TRAIN_TIME, fit_seeds, inputs, lazy_batch


# ---------------------------------------------------------------------------------------------
# Section 5.2: the displacement and width arguments, from the note's own lines
# ---------------------------------------------------------------------------------------------
# "the integrand is a constant C": ||w_r(t) - w_r(0)|| <= C int_0^t 1/sqrt(m) dtau
DISPLACEMENT_NOTE = C * sp.integrate(1 / sp.sqrt(m), (tau, 0, t))
# with ||(1/n) sum_i (u_i - y_i) a_r x_i 1{.}|| <= ||u - y|| / sqrt(n) and the residual's rate
DISPLACEMENT_UNIFORM = sp.simplify(sp.integrate(RESIDUAL_RATE.subs(t, tau) / (sp.sqrt(m) * sp.sqrt(n)), (tau, 0, sp.oo)))
# the pattern-change chain: Pr[change] <= 2 Dw / sqrt(2 pi); |H_ij(t) - H_ij(0)| <= 2 of those;
# ||.||_F <= sum over the n^2 entries (the note's step); Dw from the uniform displacement, R0 = rho sqrt(n)
_ENTRY = 2 * (2 * DISPLACEMENT_UNIFORM / sp.sqrt(2 * sp.pi))
FROB_CHANGE = (n**2 * _ENTRY).subs(R0, rho_res * sp.sqrt(n))
WIDTH_NEEDED = sp.solve(sp.Eq(FROB_CHANGE, eps), m)[0]
# where the search looks: eps < 1, lambda_0 <= 1/2 (H*_ii = 1/2 for unit inputs), rho = O(1)
WIDTH_DOMAINS = {"m": Domain(1, 10**6, integer=True), "n": Domain(2, 100, integer=True), "epsilon": Domain(1e-3, 1, log=True),
                 "lambda_0": Domain(1e-3, 0.5, log=True), "rho": Domain(0.1, 10, log=True), "C": Domain(1e-3, 1e3, log=True)}


def normal_draws(ctx, trials, precise):
    """Z ~ N(0, 1), R = 1 (where the bound is not trivial and a sample can resolve it)."""
    return {"Z": ctx.rng("normal").standard_normal((trials, 1)), "R": np.ones((1, 1))}


def rotation_draws(ctx, draws, replay):
    """w^T x for w ~ N(0, I_5), x a unit vector: its characteristic function at s = 0.5, 1, 2."""
    rng = ctx.rng("rotation", str(replay))
    x = inputs(rng, 1, 5)[0]
    Z = (rng.standard_normal((draws, 5)) @ x)[:, None]
    return {"Z": Z, "s": np.array([[0.5, 1.0, 2.0]])}


def projection_draws(ctx, trials, precise):
    """w_r(0)^T x_i for w_r(0) ~ N(0, I_4) and a unit x_i, with Delta_w = 1."""
    rng = ctx.rng("projection")
    x = inputs(rng, 1, 4)[0]
    return {"Z": (rng.standard_normal((trials, 4)) @ x)[:, None], "Delta_w": np.ones((1, 1))}


def pattern_configurations(ctx, precise):
    """Exact enumeration: every activation pattern of m = 2 neurons on x_i, x_j at times 0 and t
    ({0, 1}^8), for x_i . x_j = -1/2 and 1/2."""
    bits = ((np.arange(256)[:, None] >> np.arange(8)) & 1).astype(float).reshape(256, 2, 4)
    At, Bt, A0, B0 = (bits[..., k] for k in range(4))       # 1{w_r(t) x_i >= 0}, ... per neuron
    rows = {"N_t": (At * Bt).sum(1), "N_0": (A0 * B0).sum(1), "F_i": np.abs(At - A0).sum(1), "F_j": np.abs(Bt - B0).sum(1)}
    xs = np.array([-0.5, 0.5])
    env = {k: np.tile(v, 2)[:, None] for k, v in rows.items()}
    env["x_ij"] = np.repeat(xs, 256)[:, None]
    env["m"] = np.full((1, 1), 2.0)
    return env


def lazy_displacement(ctx, variable, precise):
    """max_r sup_{t <= T} ||w_r(t) - w_r(0)|| against the width m."""
    if variable != "m":
        raise ValueError(f"the displacement is simulated in the width m, not {variable}")
    S = fit_seeds(ctx, 4)
    batch = lazy_batch(ctx.rng("lazy"), LAZY_WIDTHS, S)
    W = batch.flow(np.linspace(0.0, TRAIN_TIME, 21), precise, rtol=RTOL_FIT)
    sup = batch.per_instance(np.linalg.norm(W - W[:1], axis=-1).max(axis=0), axis=-1, reduce=np.maximum)
    return np.array(LAZY_WIDTHS, float), sup.reshape(S, -1).T


def gram_change(ctx, variable, precise):
    """sup_{t <= T} ||H(t) - H(0)||_F against the width m."""
    if variable != "m":
        raise ValueError(f"the Gram matrix change is simulated in the width m, not {variable}")
    S = fit_seeds(ctx, 12)          # 6 left the slope interval (half-width ~0.18) wider than the slack
    batch = lazy_batch(ctx.rng("gram change"), HCHANGE_WIDTHS, S)
    H = batch.gram(batch.flow(np.linspace(0.0, TRAIN_TIME, 21), precise, rtol=RTOL_FIT))
    change = np.linalg.norm(H - H[:1], axis=(-2, -1)).max(axis=0)
    return np.array(HCHANGE_WIDTHS, float), change.reshape(S, -1).T


def _single_width(ctx, precise, width=256):
    batch = lazy_batch(ctx.rng("width", str(width)), (width,), ctx.budget.samples)
    tt = np.linspace(0.0, TRAIN_TIME, 41)
    return batch, tt, batch.flow(tt, precise)


def displacement_bound(ctx, precise):
    """||w_r(t) - w_r(0)|| and C_v t / sqrt(m) with C_v = sqrt(m) max_{tau <= t} ||dw_r/dtau|| (on the
    time grid), for every neuron (leading axis) and time."""
    batch, tt, W = _single_width(ctx, precise)
    speed = np.linalg.norm(batch.velocity(W), axis=-1)                 # (T, N)
    m_ = batch.sizes[batch.owner].astype(float)
    return {"D_r": np.linalg.norm(W - W[:1], axis=-1).T[..., None], "C_v": (np.sqrt(m_) * np.maximum.accumulate(speed, axis=0)).T[..., None],
            "t": tt.reshape(1, -1, 1), "m": m_.reshape(-1, 1, 1)}


def uniform_displacement(ctx, precise):
    """sup_t max_r ||w_r(t) - w_r(0)|| against sqrt(n) ||u(0) - y|| / (sqrt(m) lambda_0), with lambda_0 the
    smallest eigenvalue of H(t) along the flow (Theorem 3.1's hypothesis as the flow realises it)."""
    batch, tt, W = _single_width(ctx, precise)
    sup = batch.per_instance(np.linalg.norm(W - W[:1], axis=-1).max(axis=0), axis=-1, reduce=np.maximum)
    lam = np.linalg.eigvalsh(batch.gram(W))[..., 0].min(axis=0)
    R = np.linalg.norm(batch.outputs(batch.W0) - batch.y, axis=-1)
    return {"Delta_w": sup[:, None], "R_0": R[:, None], "lambda_0": lam[:, None],
            "m": batch.sizes[:, None].astype(float), "n": np.full((1, 1), float(batch.X.shape[0]))}


def sign_flow(ctx, precise):
    """a = w_r(0)^T x_i, b = w_r(t)^T x_i for every neuron, time and input; Delta_w = max_r sup_t
    ||w_r(t) - w_r(0)|| of the neuron's network (the note's uniform Delta w)."""
    batch, tt, W = _single_width(ctx, precise)
    Z = W @ batch.X.T                                                     # (T, N, n)
    sup = batch.per_instance(np.linalg.norm(W - W[:1], axis=-1).max(axis=0), axis=-1, reduce=np.maximum)
    return {"a": np.moveaxis(Z[:1], 0, 1), "b": np.moveaxis(Z, 0, 1), "Delta_w": sup[batch.owner].reshape(-1, 1, 1)}


SIGN_WIDTHS = (64, 128, 256, 512, 1024, 2048)


def sign_change_fraction(ctx, variable, precise):
    """max_i sup_{t <= T} (1/m) sum_r 1{sgn(w_r(t)^T x_i) != sgn(w_r(0)^T x_i)} against the width m
    (signs in the note's convention 1{. >= 0})."""
    if variable != "m":
        raise ValueError(f"the sign changes are simulated in the width m, not {variable}")
    S = fit_seeds(ctx, 8)
    batch = lazy_batch(ctx.rng("sign changes"), SIGN_WIDTHS, S)
    act = active(batch.flow(np.linspace(0.0, TRAIN_TIME, 21), precise, rtol=RTOL_FIT), batch.X)   # (T, N, n)
    changes = batch.per_instance(np.abs(act - act[:1]))                                            # (T, I, n)
    frac = (changes / batch.sizes[:, None]).max(axis=(0, -1))
    return np.array(SIGN_WIDTHS, float), frac.reshape(S, -1).T
