"""Note 003, the problem with definite-NTK assumptions: the NTK's shapes and ranks."""
from __future__ import annotations

import numpy as np
from verify.checks import Configurations, Range
from .setting import col

# n outputs from 1 (every width m = 1..2n in one configuration), mu from the round-off scale to O(1)
NTK_SPACE = Configurations(n=[1, 2, 5], mu=Range(1e-6, 0.05, log=True))


def ntk_shapes(ctx, precise, config):
    """DF(theta) in R^{n x m} for n = config ``n`` and every m = 1..2n (Gaussian; every third of rank
    at most 2, every third ill-conditioned, its singular values spread over six decades), K = DF DF^T;
    ``mu`` is the lower bound of the definiteness hypothesis (its smallest value 1e-6 is far above the
    round-off eigenvalues, ~1e-15, of a singular K)."""
    nn, mu_ = int(config["n"]), float(config["mu"])
    rng = ctx.rng("ntk", f"n={nn}")
    S, top = ctx.budget.samples, 2 * nn
    ms = np.repeat(np.arange(1, top + 1), S)
    columns = (np.arange(top) < ms[:, None])[:, None, :]                    # DF has m columns
    DF = rng.standard_normal((len(ms), nn, top))
    low = rng.standard_normal((len(ms), nn, 2)) @ rng.standard_normal((len(ms), 2, top))
    spread = DF * np.geomspace(1.0, 1e-6, top)[None, None, :]
    kind = np.arange(len(ms)) % 3
    DF = np.where((kind == 1)[:, None, None], low, np.where((kind == 2)[:, None, None], spread, DF)) * columns
    Km = DF @ np.swapaxes(DF, -1, -2)
    one = np.ones((len(ms), 1, 1))
    return {"K": Km, "m": col(ms), "n": nn * one, "mu": mu_ * one}
