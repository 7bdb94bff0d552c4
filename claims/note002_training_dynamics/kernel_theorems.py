"""Note 002, kernel regime: Theorems 10 and 13 as probabilities, the expansion (0.27), the tangent kernel and the remark after Lemma 11."""
from __future__ import annotations

import math
import numpy as np
import sympy as sp
from verify.maths.features import (empirical_kernel, flow_020, network, network_jacobian, sphere_points)
from verify.maths.kernels import arccos, empirical_ntk
from verify.maths.models import relu
from .setting import delta, lam, m, n, t
from .kernel_lemmas import LAM3, X3, Y3
from .lazy_training import TEST_POINTS
from .kernel_steps import THM10_WIDTH


# Theorem 10 and Theorem 13 as probability statements (Clopper-Pearson), at affordable widths
T10_DELTA = 0.5
T10_WIDTH = math.ceil(float(THM10_WIDTH.subs({n: 3, delta: T10_DELTA, lam: LAM3})))      # 8329 neurons


def theorem10_draws(ctx, trials, precise):
    """Theorem 10 at the width it requires: delta = 1/2, so m = ceil(10 n log(2n^2/delta)/lambda_n^2(K)) = 8329
    neurons (delta = 0.1 would need about 12000); a = 0, b_j ~ Unif(S^2), the data above, the flow (0.20)
    (fixed-step RK4 in the fast mode, step 0.4/(m lambda): the compared quantities differ by far more than
    its error, about 1%). Few trials, to stay within the time budget: 12 independent initialisations (12 of 12
    holding give Pr >= 0.53 > 1/2 at confidence 0.999), or the fewest whose all-holding Clopper-Pearson bound
    (alpha/2)^(1/n) clears 1/2 at the budget's confidence (15 at 0.9999); R_n(theta(t)) on 16 times up to
    12/(m lambda), where the bound e^{-m lambda t} R_n(theta_0) has fallen to e^{-12} R_n(theta_0)."""
    rng = ctx.rng("theorem10")
    draws = min(trials, max(12, math.floor(math.log2(2 / (1 - ctx.budget.confidence))) + 1))
    B0 = sphere_points(rng, (draws, T10_WIDTH), 3)
    tt = np.linspace(0.0, 12.0 / (T10_WIDTH * LAM3), 16)
    a, B, _ = flow_020(np.zeros((draws, T10_WIDTH)), B0, X3, Y3, tt, precise, substeps=2)
    R = np.sum((np.einsum("stm,stmn->stn", a, relu(B @ X3.T)) - Y3) ** 2, axis=-1) / (2 * 3)
    one = np.ones((1, 1))
    return {"R_t": R, "R_0": R[:, :1], "t": tt[None], "m": T10_WIDTH * one, "n": 3 * one, "lambda": LAM3 * one,
            "delta": T10_DELTA * one}


T13_WIDTH, T13_DELTA = 128, 0.1


def theorem13_draws(ctx, trials, precise):
    """Theorem 13's bound at a moderate width, m = 128, delta = 0.1: the sup over t and 64 points of the sphere of
    |f_m(x; a(t), B(t)) - f_m(x; a~(t), B_0)| for trials/5 independent initialisations (a = 0, b_j ~ Unif(S^2),
    flow (0.20), fixed-step RK4 in the fast mode). The stated width m >~ n^4 log(n^2/delta)/lambda_n^2(K) has an
    unnamed constant (with the constant 1 it is about 2.8e4 here), so m = 128 is an instance with a small
    constant: a labelled illustration of the bound, not of the width."""
    rng = ctx.rng("theorem13")
    draws = max(trials // 5, 1)
    B0 = sphere_points(rng, (draws, T13_WIDTH), 3)
    Xt = sphere_points(ctx.rng("theorem13-test"), (TEST_POINTS,), 3)
    tt = np.linspace(0.0, 12.0 / (T13_WIDTH * LAM3), 20)
    a, B, _ = flow_020(np.zeros((draws, T13_WIDTH)), B0, X3, Y3, tt, precise, substeps=2)
    ar, _, _ = flow_020(np.zeros((draws, T13_WIDTH)), B0, X3, Y3, tt, precise, random_features=True, substeps=2)
    fn = network(a.reshape(-1, T13_WIDTH), B.reshape(-1, T13_WIDTH, 3), Xt).reshape(draws, len(tt), -1)   # streamed
    fr = np.einsum("stm,smp->stp", ar, relu(B0 @ Xt.T))
    one = np.ones((1,))
    return {"gap": np.abs(fn - fr).max(axis=(1, 2)), "m": T13_WIDTH * one, "lambda": LAM3 * one,
            "delta": T13_DELTA * one}



ML_WIDTH, ML_DELTA = 500, 0.1


def multilayer_init_draws(ctx, trials, precise):
    """G(theta_0) at a wide initialisation of the note's 2LNN (a = 0, b_j ~ Unif(S^2), m = 500, the data above),
    where G(theta_0) = m K_hat(theta_0) and the kernel matrix of the NTK is K of (0.25): the section's
    "general wide neural networks" include it, and its proof is "similar to the case of 2LNN"."""
    rng = ctx.rng("multilayer-init")
    B = sphere_points(rng, (trials, ML_WIDTH), 3)
    one = np.ones((1, 1, 1))
    return {"G": ML_WIDTH * empirical_kernel(B, X3), "m": ML_WIDTH * one, "lambda": LAM3 * one, "delta": ML_DELTA * one}

# Theorem 10's integral line: ||grad R_n|| <= ||theta|| sqrt(R_n) (as written), sqrt(R_n(theta(t))) <= e^{-m lambda t/4}
# sqrt(R_n(theta_0)) (Lemma 12) and R_n(theta_0) = ||y||^2/(2n) <= 1/2 (f(theta_0) = 0 since a(0) = 0; labels |y_i| <= 1)
M_th = sp.Symbol("M_theta", positive=True)          # max_{t in [0, t_0]} ||theta(t)||
INTEGRAL_DERIVED = M_th * sp.integrate(sp.exp(-m * lam * t / 4) * sp.sqrt(sp.Rational(1, 2)), (t, 0, sp.oo))

# (0.27): the remainder of the first-order expansion at theta_0 (initialisation (0.21), m = 64, 64 points of
# the sphere) along random unit directions, divided by ||theta - theta_0|| = epsilon
EXP_WIDTH = 64
Rem = sp.Symbol("Rem", nonnegative=True)


def expansion_remainder(ctx, variable, precise):
    """max_x |f(x; theta_0 + eps u) - f(x; theta_0) - eps <u, grad f(x; theta_0)>| / eps over unit u."""
    if variable != "epsilon":
        raise ValueError(f"the expansion remainder is simulated in epsilon, not {variable}")
    rng = ctx.rng("expansion")
    S = ctx.budget.samples
    B0 = sphere_points(rng, (S, EXP_WIDTH), 3)
    a0 = np.zeros((S, EXP_WIDTH))
    u = rng.standard_normal((S, EXP_WIDTH * 4))
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    ua, uB = u[:, :EXP_WIDTH], u[:, EXP_WIDTH:].reshape(S, EXP_WIDTH, 3)
    Xt = sphere_points(ctx.rng("expansion-test"), (TEST_POINTS,), 3)
    J = network_jacobian(a0, B0, Xt)                                         # (S, P, m + 3m)
    f0 = np.einsum("sm,smp->sp", a0, relu(B0 @ Xt.T))
    eps_grid = np.geomspace(1e-4, 1e-1, 7)
    rows = []
    for e_ in eps_grid:
        f1 = np.einsum("sm,smp->sp", a0 + e_ * ua, relu((B0 + e_ * uB) @ Xt.T))
        rem = f1 - f0 - e_ * np.einsum("spq,sq->sp", J, u)
        rows.append(np.abs(rem).max(axis=1) / e_)
    return eps_grid, np.array(rows)


# the tangent kernel as written, k_m(x, x') = <grad f_m(x; theta_0), grad f_m(x; theta_0)>, against the kernel of
# the linearised model (0.27), <grad f_m(x; theta_0), grad f_m(x'; theta_0)> (the Gram formula of the 2LNN)
TK_WIDTH, TK_POINTS = 32, 8
K_w, K_c, K_lin = sp.symbols("K_w K_c K_lin", real=True)


def tangent_kernels(ctx, precise):
    """At the balanced initialisation a_j ~ N(0, 1/m), b_j ~ N(0, I/(m d)) (m = 32) and 8 points of the sphere:
    the kernel as written (x' unused), the corrected one from the explicit Jacobian, and the Gram formula."""
    rng = ctx.rng("tangent")
    S = ctx.budget.samples
    a = rng.standard_normal((S, TK_WIDTH)) / np.sqrt(TK_WIDTH)
    B = rng.standard_normal((S, TK_WIDTH, 3)) / np.sqrt(TK_WIDTH * 3)
    Xt = sphere_points(ctx.rng("tangent-points"), (TK_POINTS,), 3)
    J = network_jacobian(a, B, Xt)                                           # (S, P, p)
    sq = np.sum(J**2, axis=-1)
    return {"K_w": np.broadcast_to(sq[:, :, None], (S, TK_POINTS, TK_POINTS)).copy(),
            "K_c": np.einsum("sip,sjp->sij", J, J), "K_lin": empirical_ntk(B, a, Xt, mean=False)}

# Remark after Lemma 11: lambda_n(K) >= C_d / n^{1/d} for x_i ~ Unif(S^{d-1}), measured at d = 3 (kernel (0.25))
RM_D, RM_NS = 3, np.array([25, 50, 100, 200])
Kmat, pair_gap = sp.symbols("Kmat pair_gap", real=True)


def _remark_kernels(ctx, n_pts):
    rng = ctx.rng("remark-decay", str(n_pts))
    return _kernel_batch(sphere_points(rng, (max(ctx.budget.samples, 6), n_pts), RM_D))


def _kernel_batch(Xs):
    return arccos(Xs, degree=1, sphere=True)


def inverse_lambda_n(ctx, variable, precise):
    """1/lambda_n(K) for n points drawn from Unif(S^2), n = 25..200 (exact kernel (0.25), no width involved)."""
    if variable != "n":
        raise ValueError(f"the kernel's smallest eigenvalue is simulated in n, not {variable}")
    rows = [1.0 / np.linalg.eigvalsh(_remark_kernels(ctx, int(nn)))[:, 0] for nn in RM_NS]
    return RM_NS.astype(float), np.array(rows)


def pair_interlacing(ctx, precise):
    """K for the draws at n = 200 and min_{i != j} (k(x_i, x_i) - k(x_i, x_j)), the smallest eigenvalue of the
    2 x 2 principal submatrix of the closest pair (k(x, x) = 1/(2d) for every x, k >= 0)."""
    nn = int(RM_NS[-1])
    Ks = _remark_kernels(ctx, nn)
    off = np.where(np.eye(nn, dtype=bool)[None], -np.inf, Ks)
    gap_ = np.diagonal(Ks, axis1=1, axis2=2)[:, 0] - off.max(axis=(1, 2))
    return {"Kmat": Ks, "pair_gap": gap_[:, None, None]}         # rank 3, like Kmat: each draw against its own gap
