"""Note 002, kernel regime: Theorems 10 and 13 as probabilities, the expansion (0.27), the tangent kernel and the remark after Lemma 11."""
from __future__ import annotations

import math
import numpy as np
import sympy as sp
from verify.checks import Configurations, Derived
from verify.checks import Config, remembered
from verify.maths.features import (empirical_kernel, flow_020, network, network_jacobian, sphere_points)
from verify.maths.kernels import arccos, empirical_ntk
from verify.maths.models import relu
from .setting import config_text, delta, lam, m, n, shared, t
from .kernel_lemmas import LAM3, X3, Y3
from .lazy_training import TEST_POINTS
from .kernel_steps import THM10_WIDTH


# Theorem 10 and Theorem 13 as probability statements (Clopper-Pearson), at affordable widths
T10_DELTA = 0.5
T10_WIDTH = math.ceil(float(THM10_WIDTH.subs({n: 3, delta: T10_DELTA, lam: LAM3})))      # 8329 neurons
_T10_WIDTH = sp.lambdify(delta, THM10_WIDTH.subs({n: 3, lam: LAM3}))


def _fewest_draws(ctx, space, delta_):
    """The fewest draws whose all-holding Clopper-Pearson lower bound (alpha/2)^(1/N) clears 1 - delta at the
    confidence each configuration is decided at (the budget's, Bonferroni-split over the configurations)."""
    alpha = (1 - ctx.budget.confidence) / len(space.grid(ctx.budget))
    return math.floor(math.log(alpha / 2) / math.log(1 - delta_)) + 1


# Theorem 10 ranges over delta and the widths its hypothesis admits: the smallest admissible width at delta = 1/2
# and at delta = 0.9 (the other edge; smaller delta needs 12000 neurons and more draws per trial: beyond the budget)
T10_SPACE = Configurations(
    delta=[T10_DELTA, 0.9], m=Derived(lambda c: math.ceil(_T10_WIDTH(c["delta"])),
                                      "smallest admissible ceil(10 n log(2n^2/delta)/lambda_n^2(K))"),
    constraints=(sp.Gt(delta, 0), sp.Lt(delta, 1)))


THEOREM10_DRAWS_AT = Config(delta=T10_DELTA, m=T10_WIDTH)      # the configuration of a direct call
def theorem10_draws(ctx, trials, precise, config=THEOREM10_DRAWS_AT):
    """Theorem 10 at the smallest width it admits: m = config["m"] = ceil(10 n log(2n^2/delta)/lambda_n^2(K)) for
    delta = config["delta"] (8329 neurons at delta = 1/2); a = 0, b_j ~ Unif(S^2), the data above, the flow (0.20)
    (fixed-step RK4 in the fast mode, step 0.4/(m lambda): the compared quantities differ by far more than its
    error, about 1%). Few trials, to stay within the time budget: the fewest independent initialisations whose
    all-holding Clopper-Pearson bound clears 1 - delta (12 at delta = 1/2, 4 at delta = 0.9, quick); R_n(theta(t))
    on 16 times up to 12/(m lambda), where the bound e^{-m lambda t} R_n(theta_0) has fallen to e^{-12} R_n(theta_0)."""
    width, delta_ = int(config["m"]), float(config["delta"])
    rng = ctx.rng("theorem10", config_text(config))
    draws = min(trials, _fewest_draws(ctx, T10_SPACE, delta_))
    B0 = sphere_points(rng, (draws, width), 3)
    tt = np.linspace(0.0, 12.0 / (width * LAM3), 16)
    a, B, _ = flow_020(np.zeros((draws, width)), B0, X3, Y3, tt, precise, substeps=2)
    R = np.sum((np.einsum("stm,stmn->stn", a, relu(B @ X3.T)) - Y3) ** 2, axis=-1) / (2 * 3)
    one = np.ones((1, 1))
    return {"R_t": R, "R_0": R[:, :1], "t": tt[None], "m": width * one, "n": 3 * one, "lambda": LAM3 * one,
            "delta": delta_ * one}


T13_WIDTH, T13_DELTA = 128, 0.1
# Theorem 13's bound at moderate widths (its width condition has an unnamed constant) and two confidence levels
T13_SPACE = Configurations(m=[64, T13_WIDTH], delta=[T13_DELTA, 0.5], constraints=(sp.Gt(delta, 0), sp.Lt(delta, 1)))


THEOREM13_DRAWS_AT = Config(m=T13_WIDTH, delta=T13_DELTA)      # the configuration of a direct call
def theorem13_draws(ctx, trials, precise, config=THEOREM13_DRAWS_AT):
    """Theorem 13's bound at a moderate width m = config["m"] and delta = config["delta"]: the sup over t and 64
    points of the sphere of |f_m(x; a(t), B(t)) - f_m(x; a~(t), B_0)| for the fewest independent initialisations
    whose all-holding Clopper-Pearson bound clears 1 - delta (a = 0, b_j ~ Unif(S^2), flow (0.20), fixed-step RK4 in
    the fast mode). The stated width m >~ n^4 log(n^2/delta)/lambda_n^2(K) has an unnamed constant (with the
    constant 1 it is about 2.8e4 here), so m = 64, 128 are instances with a small constant: a labelled illustration
    of the bound, not of the width."""
    width, delta_ = int(config["m"]), float(config["delta"])
    rng = ctx.rng("theorem13", config_text(config))
    draws = min(trials, _fewest_draws(ctx, T13_SPACE, delta_) + 2)
    B0 = sphere_points(rng, (draws, width), 3)
    Xt = sphere_points(ctx.rng("theorem13-test"), (TEST_POINTS,), 3)
    tt = np.linspace(0.0, 12.0 / (width * LAM3), 20)
    a, B, _ = flow_020(np.zeros((draws, width)), B0, X3, Y3, tt, precise, substeps=2)
    ar, _, _ = flow_020(np.zeros((draws, width)), B0, X3, Y3, tt, precise, random_features=True, substeps=2)
    fn = network(a.reshape(-1, width), B.reshape(-1, width, 3), Xt).reshape(draws, len(tt), -1)   # streamed
    fr = np.einsum("stm,smp->stp", ar, relu(B0 @ Xt.T))
    one = np.ones((1,))
    return {"gap": np.abs(fn - fr).max(axis=(1, 2)), "m": width * one, "lambda": LAM3 * one,
            "delta": delta_ * one}


ML_WIDTH, ML_DELTA = 500, 0.1
# "if m is sufficiently large": the widths 500 and 2000
ML_SPACE = Configurations(m=[ML_WIDTH, 2000])


MULTILAYER_INIT_DRAWS_AT = Config(m=ML_WIDTH)      # the configuration of a direct call
@remembered
def multilayer_init_draws(ctx, trials, precise, config=MULTILAYER_INIT_DRAWS_AT):
    """G(theta_0) at a wide initialisation of the note's 2LNN (a = 0, b_j ~ Unif(S^2), m = config["m"], the data
    above), where G(theta_0) = m K_hat(theta_0) and the kernel matrix of the NTK is K of (0.25): the section's
    "general wide neural networks" include it, and its proof is "similar to the case of 2LNN"."""
    width = int(config["m"])
    rng = ctx.rng("multilayer-init", config_text(config))
    B = sphere_points(rng, (trials, width), 3)
    one = np.ones((1, 1, 1))
    return {"G": width * empirical_kernel(B, X3), "m": width * one, "lambda": LAM3 * one, "delta": ML_DELTA * one}

# Theorem 10's integral line: ||grad R_n|| <= ||theta|| sqrt(R_n) (as written), sqrt(R_n(theta(t))) <= e^{-m lambda t/4}
# sqrt(R_n(theta_0)) (Lemma 12) and R_n(theta_0) = ||y||^2/(2n) <= 1/2 (f(theta_0) = 0 since a(0) = 0; labels |y_i| <= 1)
M_th = sp.Symbol("M_theta", positive=True)          # max_{t in [0, t_0]} ||theta(t)||
INTEGRAL_DERIVED = M_th * sp.integrate(sp.exp(-m * lam * t / 4) * sp.sqrt(sp.Rational(1, 2)), (t, 0, sp.oo))

# (0.27): the remainder of the first-order expansion at theta_0 (initialisation (0.21), m = 64, 64 points of
# the sphere) along random unit directions, divided by ||theta - theta_0|| = epsilon
EXP_WIDTH = 64
Rem = sp.Symbol("Rem", nonnegative=True)


# (0.27) holds at any initialisation (0.21): widths 16 and 64, inputs on S^1 and S^2
EXP_SPACE = Configurations(m=[16, EXP_WIDTH], d=[2, 3])


EXPANSION_REMAINDER_AT = Config(m=EXP_WIDTH, d=3)      # the configuration of a direct call
def expansion_remainder(ctx, variable, precise, config=EXPANSION_REMAINDER_AT):
    """max_x |f(x; theta_0 + eps u) - f(x; theta_0) - eps <u, grad f(x; theta_0)>| / eps over unit u, at the
    initialisation (0.21) of width m = config["m"] on S^{d-1}, d = config["d"], eps = 1e-4..1e-1."""
    if variable != "epsilon":
        raise ValueError(f"the expansion remainder is simulated in epsilon, not {variable}")
    width, dd = int(config["m"]), int(config["d"])
    rng = ctx.rng("expansion", config_text(config))
    S = shared(ctx, EXP_SPACE, ctx.budget.samples, 2)
    B0 = sphere_points(rng, (S, width), dd)
    a0 = np.zeros((S, width))
    u = rng.standard_normal((S, width * (dd + 1)))
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    ua, uB = u[:, :width], u[:, width:].reshape(S, width, dd)
    Xt = sphere_points(ctx.rng("expansion-test", config_text(config)), (TEST_POINTS,), dd)
    J = network_jacobian(a0, B0, Xt)                                         # (S, P, m + d m)
    f0 = np.einsum("sm,smp->sp", a0, relu(B0 @ Xt.T))
    eps_grid = np.geomspace(1e-4, 1e-1, 7)[:, None, None, None]              # (E, 1, 1, 1): every eps at once
    f1 = np.einsum("esm,esmp->esp", a0 + eps_grid[..., 0] * ua, relu((B0 + eps_grid * uB) @ Xt.T))
    rem = f1 - f0 - eps_grid[..., 0] * np.einsum("spq,sq->sp", J, u)
    return eps_grid.ravel(), np.abs(rem).max(axis=2) / eps_grid[:, :, 0, 0]


# the tangent kernel as written, k_m(x, x') = <grad f_m(x; theta_0), grad f_m(x; theta_0)>, against the kernel of
# the linearised model (0.27), <grad f_m(x; theta_0), grad f_m(x'; theta_0)> (the Gram formula of the 2LNN)
TK_WIDTH, TK_POINTS = 32, 8
K_w, K_c, K_lin = sp.symbols("K_w K_c K_lin", real=True)


# the tangent kernel at the balanced initialisation: the width's edge m = 1 and m = 32, inputs on S^1 and S^2
TK_SPACE = Configurations(m=[1, TK_WIDTH], d=[2, 3])


TANGENT_KERNELS_AT = Config(m=TK_WIDTH, d=3)      # the configuration of a direct call
@remembered
def tangent_kernels(ctx, precise, config=TANGENT_KERNELS_AT):
    """At the balanced initialisation a_j ~ N(0, 1/m), b_j ~ N(0, I/(m d)) (m = config["m"]) and 8 points of
    S^{d-1} (d = config["d"]): the kernel as written (x' unused), the corrected one from the explicit Jacobian, and
    the Gram formula."""
    width, dd = int(config["m"]), int(config["d"])
    rng = ctx.rng("tangent", config_text(config))
    S = shared(ctx, TK_SPACE, ctx.budget.samples, 2)
    a = rng.standard_normal((S, width)) / np.sqrt(width)
    B = rng.standard_normal((S, width, dd)) / np.sqrt(width * dd)
    Xt = sphere_points(ctx.rng("tangent-points", config_text(config)), (TK_POINTS,), dd)
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


# the interlacing bound holds for any points: n = 50 and 200 uniform points of S^1 and S^2
PAIR_SPACE = Configurations(n=[50, int(RM_NS[-1])], d=[2, RM_D])


PAIR_INTERLACING_AT = Config(n=int(RM_NS[-1]), d=RM_D)      # the configuration of a direct call


def pair_interlacing(ctx, precise, config=PAIR_INTERLACING_AT):
    """K for n = config["n"] uniform points of S^{d-1} (d = config["d"]) and min_{i != j} (k(x_i, x_i) - k(x_i, x_j)),
    the smallest eigenvalue of the 2 x 2 principal submatrix of the closest pair (k(x, x) = 1/(2d) for every x,
    k >= 0)."""
    nn, dd = int(config["n"]), int(config["d"])
    rng = ctx.rng("remark-decay", str(nn), *([] if dd == RM_D else [f"d={dd}"]))
    Ks = _kernel_batch(sphere_points(rng, (shared(ctx, PAIR_SPACE, max(ctx.budget.samples, 6), 2), nn), dd))
    off = np.where(np.eye(nn, dtype=bool)[None], -np.inf, Ks)
    gap_ = np.diagonal(Ks, axis1=1, axis2=2)[:, 0] - off.max(axis=(1, 2))
    return {"Kmat": Ks, "pair_gap": gap_[:, None, None]}         # rank 3, like Kmat: each draw against its own gap
