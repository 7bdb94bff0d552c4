"""Note 001, Section 4 (gradient flow for kernel regression): the linear model and the Gaussian Gram matrices."""
from __future__ import annotations

import numpy as np
import sympy as sp


# ---------------------------------------------------------------------------------------------
# Section 4: kernel regression u = Phi theta (n data points, p features)
# ---------------------------------------------------------------------------------------------
# matrix symbols: general in n (data points) and p (features); SymPy's matrix calculus gives
# d(Phi theta)/dtheta = Phi^T (gradient layout), so the Jacobian du/dtheta is its transpose
_n, _p = sp.symbols("n p", integer=True, positive=True)
Phi_ = sp.MatrixSymbol("Phi", _n, _p)
_theta = sp.MatrixSymbol("theta", _p, 1)
Jk = sp.diff(Phi_ * _theta, _theta).T


def gaussian_grams(ctx, precise):
    """Gaussian-kernel (universal) Gram matrices of 6 distinct random points in [-2, 2]^2."""
    P = ctx.rng("points").uniform(-2, 2, (ctx.budget.samples, 6, 2))
    sq = ((P[:, :, None, :] - P[:, None, :, :]) ** 2).sum(-1)
    return {"K": np.exp(-sq / 2)}
