"""Note 003, the problem with definite-NTK assumptions: the NTK's shapes and ranks."""
from __future__ import annotations

import numpy as np
from .setting import col


NTK_N, NTK_MAX_M = 5, 9


def ntk_shapes(ctx, precise):
    """DF(theta) in R^{n x m} for n = 5 and m = 1..9 (Gaussian; every third of rank at most 2),
    K = DF DF^T."""
    rng = ctx.rng("ntk")
    S = ctx.budget.samples
    ms = np.repeat(np.arange(1, NTK_MAX_M + 1), S)
    columns = (np.arange(NTK_MAX_M) < ms[:, None])[:, None, :]             # DF has m columns
    DF = rng.standard_normal((len(ms), NTK_N, NTK_MAX_M))
    low = rng.standard_normal((len(ms), NTK_N, 2)) @ rng.standard_normal((len(ms), 2, NTK_MAX_M))
    DF = np.where((np.arange(len(ms)) % 3 == 1)[:, None, None], low, DF) * columns
    Km = DF @ np.swapaxes(DF, -1, -2)
    one = np.ones((len(ms), 1, 1))
    return {"K": Km, "m": col(ms), "n": NTK_N * one, "mu": 0.05 * one}
