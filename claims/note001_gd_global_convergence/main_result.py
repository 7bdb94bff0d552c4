"""Note 001, Section 1 (the main result): the convergence time poly(log(1/eps), n, L), and the motivation's
"the optimization error goes to zero, indicating that these models generalize"."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import Configurations, Range
from verify.checks import config_label as label

# ---------------------------------------------------------------------------------------------
# Section 1: the time to reach loss eps, in the regime of the theorem (width poly(n) large), where the
# network's outputs follow du/dt = -(1/n) H* (u - y) (Section 5, Proposition 5.1)
# ---------------------------------------------------------------------------------------------
T_eps = sp.Symbol("T_epsilon", nonnegative=True)       # the first time the loss (1/2n)||u - y||^2 is <= eps
L_depth = sp.Symbol("L", positive=True, integer=True)  # the depth (two layers: L = 2)
C_poly, k_poly = sp.symbols("C_p k_p", positive=True)  # a polynomial's constant and degree
POLYNOMIALS = ((1, 1), (100, 2), (10**4, 3))           # (C_p, k_p): the polynomials C_p (log(1/eps) + n + L)^k_p tried
TIME_BISECTIONS = 200                                  # bisection steps on log t (each halves the bracket)

# the statement ranges over data sets (n unit inputs, labels y = O(1)), eps and the time: n = 2 and 4 inputs on an
# arc, consecutive ones theta apart (theta from 1e-6, nearly parallel, to 1: H*'s smallest eigenvalue ~ theta),
# labels of random signs and alternating ones (+1, -1, ...: for n = 2 the residual lies in H*'s bottom eigenvector,
# where the decay is slowest), of size s = 1 and 10 (y in {-s, s}^n: the initial loss is s^2/2, so eps reaches
# above 1), eps from 1e-1 s^2 to 1e-4 s^2 below the initial loss (configuration epsilon: eps / s^2)
TIME_SPACE = Configurations(
    n=[2, 4], theta=Range(1e-6, 1.0, log=True), epsilon=Range(1e-4, 0.1, log=True), labels=["alternating", "random"],
    scale=[1.0, 10.0])


def _arc_ntk(nn: int, theta: float) -> np.ndarray:
    """H* of n unit inputs x_k = (cos k theta, sin k theta): H*_kl = cos(phi)(pi - phi)/(2 pi) with phi = |k - l| theta
    taken exactly (no arccos of an inner product near 1, which loses the angle)."""
    phi = np.abs(np.subtract.outer(np.arange(nn), np.arange(nn))) * theta
    return np.cos(phi) * (np.pi - phi) / (2 * np.pi)


def convergence_times(ctx, precise, config):
    """The first time T the loss (1/2n)||u(t) - y||^2 falls to eps under du/dt = -(1/n) H* (u - y), at one
    configuration (n, theta, epsilon, labels, scale): n unit inputs on an arc, theta apart; u(0) = 0 (the limit of
    the symmetric initialisation's output, so the initial loss is (1/2n)||y||^2 = s^2/2), labels y in {-s, s}^n,
    s = config ``scale`` (random signs over the instances, or alternating), and eps = config ``epsilon`` x s^2. The loss is sum_j c_j^2 exp(-2 lambda_j t/n)/(2n) in H*'s eigenbasis,
    exactly; T by bisection on log t (the loss decreases in t; 200 halvings, ~1e-14 relative, from the bracket
    [0, the bound of the slowest eigenvalue], 1e-30 on the left). Returns T, eps, n, L = 2, H*, its smallest
    eigenvalue lambda_0 and R_0 = ||u(0) - y||."""
    rng = ctx.rng("times", label(config))
    scale = float(config["scale"])
    S, nn, eps_ = ctx.budget.samples, int(config["n"]), float(config["epsilon"]) * scale**2
    H = _arc_ntk(nn, float(config["theta"]))
    lam, V = np.linalg.eigh(H)
    if config["labels"] == "alternating":
        Y = np.broadcast_to(scale * (-1.0) ** np.arange(nn), (S, nn))
    else:
        Y = scale * rng.choice([-1.0, 1.0], (S, nn))
    c2 = (Y @ V) ** 2                                                     # (S, n): residual -y in the eigenbasis

    def loss(tt):                                                         # tt (S,)
        return (c2 * np.exp(-2.0 * lam[None] * tt[:, None] / nn)).sum(axis=1) / (2 * nn)

    hi = np.full(S, nn / (2 * lam[0]) * np.log(np.max(c2.sum(axis=1)) / (2 * nn * eps_)) + 1.0)
    lo = np.zeros(S)
    for _ in range(TIME_BISECTIONS if precise else TIME_BISECTIONS // 2):  # halvings of the bracket, all instances at once
        mid = np.where(lo > 0, np.sqrt(np.maximum(lo, 1e-30) * hi), hi / 2)
        above = loss(mid) > eps_
        lo, hi = np.where(above, mid, lo), np.where(above, hi, mid)
    one = np.ones((1, 1, 1))
    return {"T_epsilon": hi.reshape(-1, 1, 1), "epsilon": eps_ * one, "n": nn * one, "L": 2.0 * one,
            "Hstar": H[None], "lambda_0": lam[0] * one, "R_0": np.linalg.norm(Y, axis=1).reshape(-1, 1, 1)}


def polynomial_times(C_value, k_value):
    """convergence_times with the polynomial's constant C_p and degree k_p named."""
    def simulate(ctx, precise, config):
        env = convergence_times(ctx, precise, config)
        one = np.ones((1, 1, 1))
        return {**env, "C_p": C_value * one, "k_p": k_value * one}
    return simulate


# ---------------------------------------------------------------------------------------------
# The motivation: zero optimization error "indicating that these models do generalize quite well" ([1])
# ---------------------------------------------------------------------------------------------
R_test, R_null, L_train, L_start = sp.symbols("R_test R_null L_train L_start", nonnegative=True)
GEN_TEST = 256                   # fresh test points per instance
# the inference is claimed of the trained models whatever the data: n = 8 and 64 training points in R^3 and R^10,
# labels that are a function of the input (a teacher, y = sign(v . x)) and labels independent of it (random
# signs: the experiment of [1])
GENERALIZATION_SPACE = Configurations(n=[8, 64], d=[3, 10], labels=["teacher", "random"])


def _ntk(A, B):
    """The ReLU NTK x.x' (pi - arccos x.x')/(2 pi) of unit inputs, batched: A (S, a, d), B (S, b, d)."""
    c = np.clip(A @ np.swapaxes(B, -1, -2), -1.0, 1.0)
    return c * (np.pi - np.arccos(c)) / (2 * np.pi)


def trained_generalization(ctx, precise, config):
    """The network trained to t = oo in the regime of the note's theorem (width -> oo: du/dt = -(1/n) H* (u - y),
    u(0) = 0, so the trained predictor is f(x) = K(x, X) H*^{-1} y, Section 5.3 with f(theta(0), .) = 0), at one
    configuration (n, d, labels): n unit inputs in R^d, labels y = sign(v . x) (teacher, v ~ N(0, I)) or random
    signs; its training loss (1/2n)||f(X) - y||^2 (the optimization error, with L_start = 1/2 at t = 0), its test
    risk (mean square error on 256 fresh points labelled the same way) and the risk of the null predictor 0."""
    rng = ctx.rng("generalization", label(config))
    S, nn, dd = ctx.budget.samples, int(config["n"]), int(config["d"])

    def unit(k):
        Z = rng.standard_normal((S, k, dd))
        return Z / np.linalg.norm(Z, axis=-1, keepdims=True)

    X, Xt = unit(nn), unit(GEN_TEST)
    if config["labels"] == "teacher":
        v = rng.standard_normal((S, dd, 1))
        y, yt = np.where(X @ v >= 0, 1.0, -1.0)[..., 0], np.where(Xt @ v >= 0, 1.0, -1.0)[..., 0]
    else:
        y, yt = rng.choice([-1.0, 1.0], (S, nn)), rng.choice([-1.0, 1.0], (S, GEN_TEST))
    H = _ntk(X, X)
    alpha = np.linalg.solve(H, y[..., None])
    if precise:                                                          # one step of iterative refinement
        alpha = alpha + np.linalg.solve(H, y[..., None] - H @ alpha)
    train = (((H @ alpha)[..., 0] - y) ** 2).sum(-1) / (2 * nn)
    test = (((_ntk(Xt, X) @ alpha)[..., 0] - yt) ** 2).mean(-1)

    def col(z):
        return np.asarray(z, float).reshape(-1, 1)
    return {"R_test": col(test), "R_null": col((yt**2).mean(-1)), "L_train": col(train), "L_start": col((y**2).sum(-1) / (2 * nn))}
