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
# where the decay is slowest), eps from 1e-1 to 1e-4 below the initial loss 1/2
TIME_SPACE = Configurations(
    n=[2, 4], theta=Range(1e-6, 1.0, log=True), epsilon=Range(1e-4, 0.1, log=True), labels=["alternating", "random"])


def _arc_ntk(nn: int, theta: float) -> np.ndarray:
    """H* of n unit inputs x_k = (cos k theta, sin k theta): H*_kl = cos(phi)(pi - phi)/(2 pi) with phi = |k - l| theta
    taken exactly (no arccos of an inner product near 1, which loses the angle)."""
    phi = np.abs(np.subtract.outer(np.arange(nn), np.arange(nn))) * theta
    return np.cos(phi) * (np.pi - phi) / (2 * np.pi)


def convergence_times(ctx, precise, config):
    """The first time T the loss (1/2n)||u(t) - y||^2 falls to eps under du/dt = -(1/n) H* (u - y), at one
    configuration (n, theta, epsilon, labels): n unit inputs on an arc, theta apart; u(0) = 0 (the limit of the
    symmetric initialisation's output, so the initial loss is (1/2n)||y||^2 = 1/2), labels y in {-1, 1}^n (random
    signs over the instances, or alternating). The loss is sum_j c_j^2 exp(-2 lambda_j t/n)/(2n) in H*'s eigenbasis,
    exactly; T by bisection on log t (the loss decreases in t; 200 halvings, ~1e-14 relative, from the bracket
    [0, the bound of the slowest eigenvalue], 1e-30 on the left). Returns T, eps, n, L = 2, H*, its smallest
    eigenvalue lambda_0 and R_0 = ||u(0) - y||."""
    rng = ctx.rng("times", label(config))
    S, nn, eps_ = ctx.budget.samples, int(config["n"]), float(config["epsilon"])
    H = _arc_ntk(nn, float(config["theta"]))
    lam, V = np.linalg.eigh(H)
    if config["labels"] == "alternating":
        Y = np.broadcast_to((-1.0) ** np.arange(nn), (S, nn))
    else:
        Y = rng.choice([-1.0, 1.0], (S, nn))
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
