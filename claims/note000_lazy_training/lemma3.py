"""Note 000, Lemma 3 and its proof: the data, the draws and the width derived from the note's own lines."""
from __future__ import annotations

import math
import numpy as np
import sympy as sp
from verify.maths.kernels import random_network_counts, relu_ntk
from .setting import delta, lam0, m, n


# Lemma 3: three orthonormal inputs (so K = I/2 and lambda_0 = 1/2), delta = 0.1, and the width the
# proof derives, m = 128 n^2 log(n/delta) / lambda_0^2.
L3_N, L3_D, L3_DELTA = 3, 3, 0.1


def lemma3_data(rng):
    q, _ = np.linalg.qr(rng.standard_normal((L3_D, L3_D)))
    X = q[:L3_N]
    K_ = relu_ntk(X)
    lam0_ = np.linalg.eigvalsh(K_)[0]
    needed = float(M_NEEDED.subs({n: L3_N, delta: L3_DELTA, lam0: lam0_}))
    width = 2 * math.ceil(needed / 2)
    return X, K_, lam0_, width


def lemma3_draws(ctx, trials, precise):
    """Gram matrices G = J J^T of symmetric two-layer ReLU networks (c = +-1) at the proof's width."""
    rng = ctx.rng("lemma3")
    X, K_, lam0_, width = lemma3_data(rng)
    G_ = 2.0 * (X @ X.T) * random_network_counts(rng, trials, width // 2, X)   # neurons come in identical pairs
    one = np.ones((1, 1, 1))
    return {"G": G_, "K": K_[None], "n": L3_N * one, "m": width * one, "delta": L3_DELTA * one,
            "lambda_0": lam0_ * one}


# Lemma 3: the width at which the Frobenius bound reaches (lambda_0/4)^2
FROB_BOUND = 8 * sp.log(n / delta) * n**2 / m
M_NEEDED = sp.solve(sp.Eq(FROB_BOUND, (lam0 / 4) ** 2), m)[0]
ENTRY_BOUND = 2 * sp.sqrt(sp.log(n**2 / delta)) / sp.sqrt(m)
# Hoeffding for one entry (m terms in [-1, 1]) and a union bound over n^2 entries
HOEFFDING = sp.sqrt(2 * sp.log(2 * n**2 / delta) / m)
