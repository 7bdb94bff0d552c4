"""Note 000, Lemma 3 and its proof: the data, the draws and the width derived from the note's own lines."""
from __future__ import annotations

import math
import numpy as np
import sympy as sp
from verify.checks import WEIGHTS, Configurations, Derived, binomial_outcomes
from verify.maths.kernels import random_network_counts, relu_ntk
from claims._lazy_setting import positive_solution
from .setting import delta, lam0, m, n


# Lemma 3 at the width the proof derives, m = 128 n^2 log(n/delta) / lambda_0^2 (rounded up to even: the
# neurons come in pairs), over delta down to 1e-3 and two datasets: the two points of S^0 (d = 1, x = +-1),
# where the randomness is finite and the probability is summed exactly, and three orthonormal inputs in R^3
# (K = I/2, lambda_0 = 1/2), sampled only where the budget's trials resolve delta.
L3_DATA = {"S^0": np.array([[1.0], [-1.0]]), "orthonormal": None}


def lemma3_data(rng, data):
    """The inputs, K, lambda_0 for config ``data``: the two points of S^0, or a random orthonormal triple."""
    if data == "S^0":
        X = L3_DATA["S^0"]
    else:
        q, _ = np.linalg.qr(rng.standard_normal((3, 3)))
        X = q[:3]
    K_ = relu_ntk(X)
    return X, K_, float(np.linalg.eigvalsh(K_)[0])


def _proofs_width(c):
    """The width the proof derives, rounded up to even (the lambda_0 of the data's kernel, 1/2 for both)."""
    n_ = 2 if c["data"] == "S^0" else 3
    needed = float(M_NEEDED.subs({n: n_, delta: c["delta"], lam0: 0.5}))
    return 2 * math.ceil(needed / 2 - 1e-12)


L3_SPACE = Configurations(
    data=["S^0", "orthonormal"], delta=[0.5, 0.1, 1e-3],
    m=Derived(_proofs_width, "the proof's width 128 n^2 log(n/delta) / lambda_0^2, rounded up to even"),
    constraints=(sp.Lt(delta, 1),),
    when=lambda c: c["data"] == "S^0" or c["delta"] >= 0.1,
    when_text="sampled (orthonormal inputs) only at delta >= 0.1, which the budget's trials resolve")


def lemma3_draws(ctx, trials, precise, config):
    """Gram matrices G = J J^T of symmetric two-layer ReLU networks (c = +-1, neurons in identical pairs)
    at the proof's width m (config), for config ``data``. On S^0 the randomness is finite: N = #{pairs with
    w > 0} ~ Bin(m/2, 1/2) and G = 2 diag(N, m/2 - N), so every outcome is returned with its exact
    probability. Orthonormal inputs are sampled (half the budget's trials: the event holds in all or none
    of them, and half already decides at the Bonferroni-split confidence)."""
    width, dlt = int(config["m"]), float(config["delta"])
    rng = ctx.rng("lemma3", f"data={config['data']} delta={dlt:g}")
    X, K_, lam0_ = lemma3_data(rng, config["data"])
    if config["data"] == "S^0":
        N, w = binomial_outcomes(width // 2)
        counts = np.zeros((len(N), 2, 2))
        counts[:, 0, 0], counts[:, 1, 1] = N, width // 2 - N
        extra = {WEIGHTS: w}
    else:
        counts = random_network_counts(rng, max(trials // 2, 1), width // 2, X)
        extra = {}
    G_ = 2.0 * (X @ X.T) * counts
    one = np.ones((1, 1, 1))
    return {"G": G_, "K": K_[None], "n": X.shape[0] * one, "m": width * one, "delta": dlt * one,
            "lambda_0": lam0_ * one, **extra}


# Lemma 3: the width at which the Frobenius bound reaches (lambda_0/4)^2
FROB_BOUND = 8 * sp.log(n / delta) * n**2 / m
M_NEEDED = positive_solution(sp.Eq(FROB_BOUND, (lam0 / 4) ** 2), m)
ENTRY_BOUND = 2 * sp.sqrt(sp.log(n**2 / delta)) / sp.sqrt(m)
# Hoeffding for one entry (m terms in [-1, 1]) and a union bound over n^2 entries
HOEFFDING = sp.sqrt(2 * sp.log(2 * n**2 / delta) / m)
