"""Note 001, Section 4 (gradient flow for kernel regression): the linear model and the Gaussian Gram matrices."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import Configurations, Derived
from verify.checks import config_label as label


# ---------------------------------------------------------------------------------------------
# Section 4: kernel regression u = Phi theta (n data points, p features)
# ---------------------------------------------------------------------------------------------
# matrix symbols: general in n (data points) and p (features); SymPy's matrix calculus gives
# d(Phi theta)/dtheta = Phi^T (gradient layout), so the Jacobian du/dtheta is its transpose
_n, _p = sp.symbols("n p", integer=True, positive=True)
Phi_ = sp.MatrixSymbol("Phi", _n, _p)
_theta = sp.MatrixSymbol("theta", _p, 1)
Jk = sp.diff(Phi_ * _theta, _theta).T


# the note states it for any inputs; distinct points are the hypothesis its correction adds: n points in R^2, random
# (uniform in [-2, 2]^2), random with the last one a copy of the first (two equal inputs: the rows of K coincide), or
# the extremal arrangement for a given separation, n equally spaced points on a line (the Gram matrix's smallest
# eigenvalue decays fastest there) at the smallest spacing h whose lambda_min double precision still resolves
# (above ~1e-8; closer points are distinct too, but their lambda_min is below round-off) and at h = 1
_H_RESOLVED = {2: 0.01, 6: 0.2, 12: 0.45}
DISTINCT = sp.Symbol("distinct", nonnegative=True)     # 1 when the n points are pairwise distinct, else 0
GRAM_SPACE = Configurations(
    points=["random", "duplicate", "line"], n=[2, 6, 12],
    h=Derived(lambda c: [_H_RESOLVED[c["n"]], 1.0] if c["points"] == "line" else [0.0],
              "line: the smallest spacing whose lambda_min double precision resolves, and 1; random: unused (0)"),
    when=lambda c: c["points"] == "line" or c["n"] <= 6, when_text="random points: n <= 6 (12 uniform points "
    "come closer than double precision resolves)")


def gaussian_grams(ctx, precise, config):
    """Gaussian-kernel (universal) Gram matrices exp(-|x_i - x_j|^2 / 2) at one configuration (points, n, h): n
    random points in [-2, 2]^2 (ctx.budget.samples draws), the same with the last point a copy of the first, or n
    points on a line with spacing h (a random direction and offset per instance in R^2: the kernel is translation
    and rotation invariant, so these are the same matrix up to round-off). gap is the smallest distance between
    two points, distinct 1 when the points are pairwise distinct (else 0)."""
    rng = ctx.rng("points", label(config))
    S, nn = ctx.budget.samples, int(config["n"])
    if config["points"] == "line":
        u = rng.standard_normal((S, 1, 2))
        P = rng.uniform(-2, 2, (S, 1, 2)) + config["h"] * np.arange(nn)[None, :, None] * u / np.linalg.norm(u, axis=-1, keepdims=True)
    else:
        P = rng.uniform(-2, 2, (S, nn, 2))
        if config["points"] == "duplicate":
            P[:, -1] = P[:, 0]
    sq = ((P[:, :, None, :] - P[:, None, :, :]) ** 2).sum(-1)
    gap = np.sqrt(sq + np.where(np.eye(nn, dtype=bool), np.inf, 0.0)).min(axis=(-2, -1))
    return {"K": np.exp(-sq / 2), "gap": gap.reshape(-1, 1, 1), "distinct": (gap > 0).astype(float).reshape(-1, 1, 1),
            "n": np.full((1, 1, 1), float(nn))}
