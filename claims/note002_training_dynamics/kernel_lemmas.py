"""Note 002, kernel regime: the data, the initial kernels, Lemma 11 and the Hoeffding/union/Weyl steps."""
from __future__ import annotations

import math
import numpy as np
import sympy as sp
from verify.checks import (WEIGHTS, Configurations, Derived, binomial_outcomes)
from verify.maths.features import (empirical_kernel, sphere_points)
from verify.maths.kernels import arccos, empirical_ntk, ntk_limit
from verify.maths.models import relu
from .setting import delta, lam, n


# ---------------------------------------------------------------------------------------------
# Kernel regime: a two-layer ReLU network f = sum_j a_j relu(b_j.x) on n = 3 orthonormal inputs
# ---------------------------------------------------------------------------------------------
X3 = np.eye(3)
Y3 = np.array([1.0, -1.0, 0.5])
LAM3 = float(np.linalg.eigvalsh(arccos(X3, degree=1, sphere=True))[0])          # (1 - 1/pi)/6


def init_kernels(ctx, draws, precise):
    """K_hat(theta_0) = (1/m) sum_j relu(b_j.x_i) relu(b_j.x_i') at the initialisation a = 0,
    b_j ~ Unif(S^2), m = 32, against the closed-form kernel (0.25)."""
    rng = ctx.rng("kernel", str(precise))
    B = sphere_points(rng, (draws, 32), 3)
    return {"Kh": empirical_kernel(B, X3), "K": arccos(X3, degree=1, sphere=True)[None]}


def balanced_grams(ctx, draws, precise):
    """Gram matrices under a_j ~ N(0, 1/m), b_j ~ N(0, I_d/(m d)), m = 32, against the stated limit."""
    rng = ctx.rng("balanced", str(precise))
    width = 32
    a = rng.standard_normal((draws, width)) / np.sqrt(width)
    B = rng.standard_normal((draws, width, 3)) / np.sqrt(width * 3)
    return {"G": empirical_ntk(B, a, X3, mean=False), "K": ntk_limit(X3, sphere=True)[None]}


def l11_data(d: int, n: int) -> np.ndarray:
    """n distinct unit inputs in R^d: +-1 on S^0 (n <= 2), equally spaced on the circle, e_1..e_n in R^3."""
    if d == 1:
        return np.array([[1.0], [-1.0]])[:n]
    if d == 2:
        a = 2 * np.pi * np.arange(n) / n
        return np.stack([np.cos(a), np.sin(a)], axis=-1)
    return np.eye(d)[:n]


def l11_lambda(c) -> float:
    return float(np.linalg.eigvalsh(arccos(l11_data(c["d"], c["n"]), degree=1, sphere=True))[0])


def _smallest_widths(needed):
    """The smallest admissible width, and on S^0 the next one too (there the failure probability is not
    monotone in m)."""
    def rule(c):
        w = math.ceil(needed(c["n"], c["delta"], l11_lambda(c)) - 1e-12)
        return [w, w + 1] if c["d"] == 1 else [w]
    return rule


L11_NEEDED_WIDTH = sp.lambdify((n, delta, lam), sp.log(n**2 / delta) / (2 * lam**2))
L11_CORRECTED_WIDTH = 2 * n**2 * sp.log(2 * n**2 / delta) / lam**2
L11_SETTING = (sp.Gt(delta, 0), sp.Lt(delta, 1), sp.Gt(lam, 0))       # delta in (0,1); lambda_n(K) > 0 is assumed
L11_SPACE = Configurations(
    d=[1, 2, 3], n=[1, 2, 3], delta=[0.5, 0.1, 0.05, 0.01, 1e-3],
    m=Derived(_smallest_widths(L11_NEEDED_WIDTH), "smallest admissible ceil(log(n^2/delta)/(2 lambda^2)) (and + 1 on S^0)"),
    constraints=L11_SETTING, when=lambda c: c["d"] > 1 or c["n"] <= 2, when_text="n <= 2 on S^0 (two points)",
    minimum_valid=10)
L11_CORRECTED_SPACE = Configurations(
    d=[1, 2, 3], n=[1, 2, 3], delta=[0.5, 0.1, 0.05, 0.01, 1e-3],
    m=Derived(_smallest_widths(sp.lambdify((n, delta, lam), L11_CORRECTED_WIDTH)),
              "smallest admissible ceil(2 n^2 log(2 n^2/delta)/lambda^2) (and + 1 on S^0)"),
    constraints=L11_SETTING, minimum_valid=10,
    # S^0 has two points; sampled configurations only where the budget's trials can resolve delta
    when=lambda c: (c["d"] > 1 or c["n"] <= 2) and (c["d"] == 1 or c["delta"] >= 0.1),
    when_text="n <= 2 on S^0 (two points); sampled (d >= 2) only at delta >= 0.1, which the budget's trials resolve")


def lemma11_draws(ctx, trials, precise, config):
    """G(theta_0) = m K_hat(theta_0) (a = 0, b_j ~ Unif(S^{d-1})) at one configuration (d, n, delta, m).
    On S^0 the randomness is finite: N = #{b_j = +1} ~ Bin(m, 1/2) and G = diag(N, m - N) (diag(N) for
    n = 1), so every outcome N = 0..m is returned with its exact probability."""
    dd, nn, m_ = config["d"], config["n"], config["m"]
    X = l11_data(dd, nn)
    lam_ = l11_lambda(config)
    if dd == 1:
        N, w = binomial_outcomes(m_)
        B = np.where(np.arange(m_)[None, :] < N[:, None], 1.0, -1.0)[..., None]      # outcome N: N signs +1
        G_ = m_ * empirical_kernel(B, X)
        extra = {WEIGHTS: w}
    else:
        rng = ctx.rng("lemma11", f"d={dd} n={nn} delta={config['delta']} m={m_}")
        G_ = m_ * empirical_kernel(sphere_points(rng, (trials, m_), dd), X)
        extra = {}
    one = np.ones((1, 1, 1))
    return {"G": G_, "lambda": lam_ * one, "m": m_ * one, "delta": config["delta"] * one, "n": nn * one, **extra}


HF_WIDTH, HF_EPS = 1, 0.45


def hoeffding_draws(ctx, trials, precise):
    """d = 1, x_i = x_j = 1, m = 1, epsilon = 0.45: K_hat_ii = relu(b)^2 with b = +-1 (so |K_hat - K| = 1/2)."""
    rng = ctx.rng("hoeffding")
    B = sphere_points(rng, (trials, HF_WIDTH), 1)
    Kh_ = empirical_kernel(B, np.ones((1, 1)))[:, 0, 0]
    return {"D_dev": np.abs(Kh_ - arccos(np.ones((1, 1)), degree=1, sphere=True)[0, 0])[:, None],
            "epsilon": np.full((1, 1), HF_EPS), "m": np.full((1, 1), float(HF_WIDTH))}


HW_WIDTH, HW_EPS = 20, 0.3


def hoeffding_wide_draws(ctx, trials, precise):
    """d = 1, x_i = x_j = 1, m = 20, epsilon = 0.3: K_hat_ii = (1/m) #{b_s = +1}, where 2 e^{-2 m eps^2} = 0.055 is
    not vacuous (at m = 1 the two-sided bound exceeds 1)."""
    B = sphere_points(ctx.rng("hoeffding-wide"), (trials, HW_WIDTH), 1)
    Kh_ = empirical_kernel(B, np.ones((1, 1)))[:, 0, 0]
    return {"D_dev": np.abs(Kh_ - arccos(np.ones((1, 1)), degree=1, sphere=True)[0, 0])[:, None],
            "epsilon": np.full((1, 1), HW_EPS), "m": np.full((1, 1), float(HW_WIDTH))}


UB_N, UB_WIDTH = 8, 100


def union_draws(ctx, trials, precise):
    """n = 8 points on the circle, m = 100, epsilon chosen so that 1 - n^2 e^{-2 m eps^2} = 0.9."""
    data_rng = ctx.rng("union-data")
    Xc = sphere_points(data_rng, (UB_N,), 2)
    rng = ctx.rng("union", str(precise))
    B = sphere_points(rng, (trials, UB_WIDTH), 2)
    e_ = math.sqrt(math.log(10 * UB_N**2) / (2 * UB_WIDTH))
    one = np.ones((1, 1, 1))
    return {"Kh": empirical_kernel(B, Xc), "K": arccos(Xc, degree=1, sphere=True)[None], "epsilon": e_ * one,
            "n": UB_N * one, "m": UB_WIDTH * one}


def weyl_samples(ctx, precise):
    """Empirical kernels at widths 2..64 (large deviations included) against K."""
    rng = ctx.rng("weyl")
    S = ctx.budget.samples
    Kh_ = np.stack([empirical_kernel(sphere_points(rng, (S, wd), 3), X3) for wd in (2, 4, 8, 16, 64)], axis=1)
    return {"Kh": Kh_, "K": arccos(X3, degree=1, sphere=True)[None, None]}


def _perturbed_kernels(rng, S, Kp, width, log_r=(-3, 0)):
    B0 = sphere_points(rng, (S, width), 3)
    r = 10.0 ** rng.uniform(*log_r, (S, Kp))
    B = B0[:, None] + r[..., None, None] * rng.standard_normal((S, Kp, width, 3)) / np.sqrt(width)
    return np.einsum("skmi,skmj->skij", relu(B @ X3.T), relu(B @ X3.T)) / width, empirical_kernel(B0, X3)[:, None]


def neighbourhood_samples(ctx, precise):
    """K_hat(theta) for B = B_0 + perturbations of many sizes around B_0 (m = 200), and around narrow
    initialisations (m = 6, 8 draws per seed), where lambda_n(K_hat(theta_0)) falls near the hypothesis's
    lambda/2 and the chain's bound lambda/4 is nearly attained."""
    rng = ctx.rng("neighbourhood")
    S, Kp = ctx.budget.samples, 24
    Kh_, Kh0_ = _perturbed_kernels(rng, S, Kp, 200)
    Kn, Kn0 = _perturbed_kernels(ctx.rng("neighbourhood", "narrow"), 8 * S, Kp, 6, log_r=(-2.5, -0.5))
    return {"Kh": np.concatenate([Kh_, Kn]), "Kh0": np.concatenate([Kh0_, Kn0]), "lambda": np.full((1, 1, 1, 1), LAM3)}


def risk_gradients(ctx, precise):
    """||grad R_n||^2, ||theta||^2 and R_n at random theta = (a, B) of many sizes (||theta|| from about 0.05
    to 10); every other instance has a single sample point (n = 1, stored twice) with the b_j positively
    aligned with it."""
    rng = ctx.rng("gradient-bound")
    S, Kp, width = ctx.budget.samples, 16, 4
    Xs = sphere_points(rng, (S, 2), 3)
    Xs[::2, 1] = Xs[::2, 0]
    ys = rng.uniform(-2, 2, (S, 2))
    ys[::2, 1] = ys[::2, 0]
    a = rng.standard_normal((S, Kp, width))
    B = rng.standard_normal((S, Kp, width, 3))
    B[::2] = np.abs(rng.standard_normal((S // 2 + S % 2, Kp, width, 1))) * Xs[::2, None, None, 0, :]
    # every other draw rescales theta by 10^U(-2, 0.5): the bound is not homogeneous in theta, and at
    # ||theta||^2 < 1/2 a bound that forgets the factor ||theta||^2 fails
    scale = np.ones((S, Kp))
    scale[:, 1::2] = 10.0 ** rng.uniform(-2.0, 0.5, (S, Kp // 2))
    a, B = a * scale[..., None], B * scale[..., None, None]
    pre = np.einsum("skmd,snd->skmn", B, Xs)
    e = np.einsum("skm,skmn->skn", a, relu(pre)) - ys[:, None]
    nn = Xs.shape[1]
    ga = np.einsum("skmn,skn->skm", relu(pre), e) / nn
    gb = a[..., None] * np.einsum("skmn,skn,snd->skmd", (pre > 0).astype(float), e, Xs) / nn
    return {"gradsq": np.sum(ga**2, axis=-1) + np.sum(gb**2, axis=(-1, -2)),
            "thetasq": np.sum(a**2, axis=-1) + np.sum(B**2, axis=(-1, -2)),
            "R_theta": np.sum(e**2, axis=-1) / (2 * nn)}
