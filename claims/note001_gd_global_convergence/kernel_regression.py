"""Note 001, Section 4 (gradient flow for kernel regression): the linear model and the Gaussian Gram matrices."""
from __future__ import annotations

import numpy as np
import sympy as sp


# ---------------------------------------------------------------------------------------------
# Section 4: kernel regression u = Phi theta (n = 2, three features)
# ---------------------------------------------------------------------------------------------
Phi_ = sp.Matrix(2, 3, sp.symbols("phi11 phi12 phi13 phi21 phi22 phi23", real=True))
_th3 = sp.Matrix(sp.symbols("q1:4", real=True))
Jk = (Phi_ * _th3).jacobian(list(_th3))


def gaussian_grams(ctx, precise):
    """Gaussian-kernel (universal) Gram matrices of 6 distinct random points in [-2, 2]^2."""
    P = ctx.rng("points").uniform(-2, 2, (ctx.budget.samples, 6, 2))
    sq = ((P[:, :, None, :] - P[:, None, :, :]) ** 2).sum(-1)
    return {"K": np.exp(-sq / 2)}
