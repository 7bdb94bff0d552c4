"""Note 002, kernel regime: the data, the initial kernels, Lemma 11 and the Hoeffding/union/Weyl steps."""
from __future__ import annotations

import math
import numpy as np
import sympy as sp
from verify.checks import (WEIGHTS, Configurations, Derived, binomial_outcomes)
from verify.checks import Config, remembered
from verify.maths.features import (empirical_kernel, sphere_points)
from verify.maths.kernels import arccos, empirical_ntk, ntk_limit
from verify.maths.models import relu
from .setting import config_text, delta, eps, lam, n, shared


# ---------------------------------------------------------------------------------------------
# Kernel regime: a two-layer ReLU network f = sum_j a_j relu(b_j.x) on n = 3 orthonormal inputs
# ---------------------------------------------------------------------------------------------
X3 = np.eye(3)
Y3 = np.array([1.0, -1.0, 0.5])
LAM3 = float(np.linalg.eigvalsh(arccos(X3, degree=1, sphere=True))[0])          # (1 - 1/pi)/6


# the kernel limits hold at every width and for any data on the sphere: the width's edge m = 1 and the circle
# (three equally spaced points) beside the note's orthonormal inputs
KERNEL_SPACE = Configurations(d=[2, 3], m=[1, 32])


def _kernel_data(d: int) -> np.ndarray:
    """n = 3 unit inputs in R^d: three equally spaced points of the circle (d = 2), e_1, e_2, e_3 (d = 3)."""
    return l11_data(d, 3)


INIT_KERNELS_AT = Config(d=3, m=32)      # the configuration of a direct call
def init_kernels(ctx, draws, fresh, config=INIT_KERNELS_AT):
    """K_hat(theta_0) = (1/m) sum_j relu(b_j.x_i) relu(b_j.x_i') at the initialisation a = 0, b_j ~ Unif(S^{d-1}),
    m = config["m"], on the inputs of :func:`_kernel_data` (d = config["d"]), against the closed-form kernel."""
    rng = ctx.rng("kernel", str(fresh), config_text(config))
    X = _kernel_data(int(config["d"]))
    B = sphere_points(rng, (draws, int(config["m"])), X.shape[1])
    return {"Kh": empirical_kernel(B, X), "K": arccos(X, degree=1, sphere=True)[None]}


BALANCED_GRAMS_AT = Config(d=3, m=32)      # the configuration of a direct call
def balanced_grams(ctx, draws, fresh, config=BALANCED_GRAMS_AT):
    """Gram matrices under a_j ~ N(0, 1/m), b_j ~ N(0, I_d/(m d)) (m = config["m"], inputs of :func:`_kernel_data`,
    d = config["d"]) against the stated limit."""
    rng = ctx.rng("balanced", str(fresh), config_text(config))
    X = _kernel_data(int(config["d"]))
    width, dd = int(config["m"]), X.shape[1]
    a = rng.standard_normal((draws, width)) / np.sqrt(width)
    B = rng.standard_normal((draws, width, dd)) / np.sqrt(width * dd)
    return {"G": empirical_ntk(B, a, X, mean=False), "K": ntk_limit(X, sphere=True)[None]}


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


# Hoeffding's bound for one entry ranges over widths m and deviations eps: on S^0 (d = 1, x_i = x_j = 1) the
# entry is K_hat = N/m with N ~ Bin(m, 1/2) and K = 1/2, a finite outcome space, so the probability is exact;
# the widths' edge m = 1, 2 and wide m = 20, 100; eps off the lattice k/(2m) of the deviations (no ties)
HF_SPACE = Configurations(m=[1, 2, 20, 100], epsilon=[0.115, 0.285, 0.445], constraints=(sp.Gt(eps, 0),))


HOEFFDING_DRAWS_AT = Config(m=1, epsilon=0.445)      # the configuration of a direct call
def hoeffding_draws(ctx, trials, precise, config=HOEFFDING_DRAWS_AT):
    """d = 1, x_i = x_j = 1, width m = config["m"], eps = config["epsilon"]: K_hat_ii = (1/m) #{b_s = +1}, every
    outcome N = 0..m with its exact binomial probability, and its deviation |K_hat_ii - 1/2| from K_ii."""
    m_ = int(config["m"])
    N, w = binomial_outcomes(m_)
    B = np.where(np.arange(m_)[None, :] < N[:, None], 1.0, -1.0)[..., None]      # outcome N: N signs +1
    Kh_ = empirical_kernel(B, np.ones((1, 1)))[:, 0, 0]
    return {"D_dev": np.abs(Kh_ - arccos(np.ones((1, 1)), degree=1, sphere=True)[0, 0])[:, None],
            "epsilon": np.full((1, 1), float(config["epsilon"])), "m": np.full((1, 1), float(m_)), WEIGHTS: w}


UB_N, UB_WIDTH = 8, 100
# the union bound ranges over data, widths and eps: n = 3 and 8 random points of the circle, and the sphere S^0
# (n = 1, 2: x = 1, -1), where the randomness is finite and the probability exact (there the union bound over
# entries is Hoeffding's two-sided bound itself, nearly attained); widths 25 and 100, eps chosen so that the stated
# bound 1 - n^2 e^{-2 m eps^2} is 0.9
UB_SPACE = Configurations(d=[1, 2], n=[1, 2, 3, UB_N], m=[25, UB_WIDTH], when=lambda c: (c["d"] == 1) == (c["n"] <= 2),
                          when_text="n <= 2 points on S^0, n = 3, 8 on the circle")


UNION_DRAWS_AT = Config(d=2, n=UB_N, m=UB_WIDTH)      # the configuration of a direct call
@remembered
def union_draws(ctx, trials, precise, config=UNION_DRAWS_AT):
    """n = config["n"] inputs (random points on the circle, d = 2; x = 1, -1 on S^0, d = 1), width m = config["m"],
    epsilon chosen so that 1 - n^2 e^{-2 m eps^2} = 0.9. On S^0 every outcome N = #{b_s = +1} = 0..m is returned
    with its exact binomial probability (K_hat = diag(N, m - N)/m, K = I/2)."""
    nn, m_ = int(config["n"]), int(config["m"])
    e_ = math.sqrt(math.log(10 * nn**2) / (2 * m_))
    one = np.ones((1, 1, 1))
    if int(config["d"]) == 1:
        X = l11_data(1, nn)
        N, w = binomial_outcomes(m_)
        B = np.where(np.arange(m_)[None, :] < N[:, None], 1.0, -1.0)[..., None]      # outcome N: N signs +1
        return {"Kh": empirical_kernel(B, X), "K": arccos(X, degree=1, sphere=True)[None], "epsilon": e_ * one,
                "n": nn * one, "m": m_ * one, WEIGHTS: w}
    salt = f"n={nn},m={m_}"                       # the circle's streams as before S^0 joined the search
    Xc = sphere_points(ctx.rng("union-data", salt), (nn,), 2)
    B = sphere_points(ctx.rng("union", str(precise), salt), (trials, m_), 2)
    return {"Kh": empirical_kernel(B, Xc), "K": arccos(Xc, degree=1, sphere=True)[None], "epsilon": e_ * one,
            "n": nn * one, "m": m_ * one}


# Weyl's inequality holds for any symmetric pair: the note's orthonormal inputs and a nearly collinear pair
# (lambda_n(K) near 0, the extreme conditioning), at widths 1..64; the width's edge m = 1 (a rank-one K_hat, which
# vanishes when b_1 misses every input: the largest deviations from K) with many draws
WEYL_SPACE = Configurations(data=["orthonormal", "close pair"])
WEYL_WIDTHS, WEYL_EDGE_DRAWS = (2, 4, 8, 16, 64), 64


def _close_pair() -> np.ndarray:
    return np.array([[1.0, 0.0, 0.0], [np.cos(0.05), np.sin(0.05), 0.0], [0.0, 0.0, 1.0]])


WEYL_SAMPLES_AT = Config(data="orthonormal")      # the configuration of a direct call
def weyl_samples(ctx, precise, config=WEYL_SAMPLES_AT):
    """Empirical kernels at widths 1..64 (large deviations included) against K, on the inputs config["data"]: per
    draw, WEYL_EDGE_DRAWS kernels of width 1 and one of each width in WEYL_WIDTHS."""
    rng = ctx.rng("weyl", config_text(config))
    S = shared(ctx, WEYL_SPACE, ctx.budget.samples, 2)
    X = X3 if config["data"] == "orthonormal" else _close_pair()
    Kh_ = np.stack([empirical_kernel(sphere_points(rng, (S, wd), 3), X) for wd in WEYL_WIDTHS], axis=1)
    edge = empirical_kernel(sphere_points(ctx.rng("weyl-edge", config_text(config)), (S * WEYL_EDGE_DRAWS, 1), 3), X)
    Kh_ = np.concatenate([edge.reshape(S, WEYL_EDGE_DRAWS, *edge.shape[1:]), Kh_], axis=1)
    return {"Kh": Kh_, "K": arccos(X, degree=1, sphere=True)[None, None]}


def _descent_direction(B0):
    """The unit direction (in Frobenius norm) of steepest descent of lambda_n(K_hat(B)) at B0: minus the gradient of
    v^T K_hat(B) v = (1/m) sum_j (v . relu(X b_j))^2, v the bottom eigenvector of K_hat(B0) (a perturbation that lowers
    lambda_n by nearly ||K_hat - K_hat_0||_F, where Weyl's step is tight)."""
    width = B0.shape[-2]
    v = np.linalg.eigh(empirical_kernel(B0, X3))[1][..., 0]                              # (S, n)
    pre = B0 @ X3.T                                                                      # (S, m, n)
    grad = (2 / width) * np.einsum("smn,sn->sm", relu(pre), v)[..., None] * \
        np.einsum("smn,sn,nd->smd", (pre > 0).astype(float), v, X3)
    size = np.linalg.norm(grad, axis=(-1, -2), keepdims=True)
    return -grad / np.where(size > 0, size, 1.0)


def _perturbed_kernels(rng, S, Kp, width, log_r=(-3, 0), Ka=0):
    """K_hat at B_0 + r u for Kp random directions u per draw of B_0 (r = 10^U(log_r)), and Ka steepest-descent
    directions of lambda_n (r on a log grid from 10^log_r[0] to 1)."""
    B0 = sphere_points(rng, (S, width), 3)
    r = 10.0 ** rng.uniform(*log_r, (S, Kp))
    B = B0[:, None] + r[..., None, None] * rng.standard_normal((S, Kp, width, 3)) / np.sqrt(width)
    if Ka:
        steps = np.geomspace(10.0 ** log_r[0], 1.0, Ka)[None, :, None, None, None]
        B = np.concatenate([B, B0[:, None] + steps[..., 0] * _descent_direction(B0)[:, None]], axis=1)
    return np.einsum("skmi,skmj->skij", relu(B @ X3.T), relu(B @ X3.T)) / width, empirical_kernel(B0, X3)[:, None]


# the neighbourhood's chain holds for every width: a narrow one (m = 6, where lambda_n(K_hat(theta_0)) falls near
# the hypothesis's lambda/2 and the bound lambda/4 is nearly attained) and a wide one (m = 200)
NB_SPACE = Configurations(m=[6, 200])


NEIGHBOURHOOD_SAMPLES_AT = Config(m=200)      # the configuration of a direct call
def neighbourhood_samples(ctx, precise, config=NEIGHBOURHOOD_SAMPLES_AT):
    """K_hat(theta) for B = B_0 + perturbations of many sizes around B_0 at width m = config["m"]: 24 random
    perturbations per draw of B_0 and 24 along the steepest descent of lambda_n(K_hat) (sizes up to 1: the
    hypothesis ||K_hat(theta) - K_hat(theta_0)||_F <= lambda/4 is reached along them); at m = 6 eight times as
    many draws (most miss the hypothesis lambda_n(K_hat(theta_0)) >= lambda/2) and random perturbations of sizes
    10^-2.5..10^-0.5."""
    m_ = int(config["m"])
    S, Kp = shared(ctx, NB_SPACE, ctx.budget.samples, 2), 24
    narrow = m_ < 20
    Kh_, Kh0_ = _perturbed_kernels(ctx.rng("neighbourhood", config_text(config)), 8 * S if narrow else S, Kp, m_,
                                   log_r=(-2.5, -0.5) if narrow else (-3, 0), Ka=Kp)
    return {"Kh": Kh_, "Kh0": Kh0_, "lambda": np.full((1, 1, 1, 1), LAM3)}


# the gradient bound ranges over networks and data: one sample point (where b_j aligned with it attains the
# corrected bound) and three, widths 1 and 4
RG_SPACE = Configurations(n=[1, 3], m=[1, 4])


RISK_GRADIENTS_AT = Config(n=1, m=4)      # the configuration of a direct call
@remembered
def risk_gradients(ctx, precise, config=RISK_GRADIENTS_AT):
    """||grad R_n||^2, ||theta||^2 and R_n at random theta = (a, B) of many sizes (||theta|| from about 0.05 to 10),
    n = config["n"] sample points, width m = config["m"]; in every other instance the b_j are positively aligned
    with the first sample point (the equality case of the corrected bound when n = 1)."""
    rng = ctx.rng("gradient-bound", config_text(config))
    nn, width = int(config["n"]), int(config["m"])
    S, Kp = shared(ctx, RG_SPACE, ctx.budget.samples, 2), 16
    Xs = sphere_points(rng, (S, nn), 3)
    ys = rng.uniform(-2, 2, (S, nn))
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
    ga = np.einsum("skmn,skn->skm", relu(pre), e) / nn
    gb = a[..., None] * np.einsum("skmn,skn,snd->skmd", (pre > 0).astype(float), e, Xs) / nn
    return {"gradsq": np.sum(ga**2, axis=-1) + np.sum(gb**2, axis=(-1, -2)),
            "thetasq": np.sum(a**2, axis=-1) + np.sum(B**2, axis=(-1, -2)),
            "R_theta": np.sum(e**2, axis=-1) / (2 * nn)}


def kernel_dataset(name: str):
    """(X, y, lambda_n(K)) of the kernel regime's data sets: the note's three orthonormal inputs in R^3, or three
    equally spaced points of the circle (a smaller lambda_n(K): slower, longer flows), labels (1, -1, 1/2)."""
    X = X3 if name == "orthonormal" else l11_data(2, 3)
    return X, Y3, float(np.linalg.eigvalsh(arccos(X, degree=1, sphere=True))[0])
