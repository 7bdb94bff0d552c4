"""Note 002, classical results (Theorems 1-3): the flows their claims simulate and the PL conditions."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.features import (CoshWell, CosineLandscape, LogCoshConvex, gradient_flow)
from verify.maths.models import per_instance
from .setting import C, D_t, gnorm


# ---------------------------------------------------------------------------------------------
# Classical results: Theorems 1-3
# ---------------------------------------------------------------------------------------------
P_DIM, K_TERMS = 3, 4


def nonconvex_flow(ctx, precise):
    """Gradient flow on R = sum_k c_k (1 - cos(a_k.theta)) (inf R = 0) from random starts; the gradient
    norm at every time s (axis 2) against every horizon t (axis 1), and its running minimum."""
    rng = ctx.rng("nonconvex")
    S = ctx.budget.samples
    R = CosineLandscape(rng.standard_normal((S, K_TERMS, P_DIM)), rng.uniform(0.5, 2.0, (S, K_TERMS)))
    tt = np.concatenate([[0.0], np.geomspace(1e-2, 40.0, 60)])
    TH = gradient_flow(R, 1.5 * rng.standard_normal((S, P_DIM)), tt, precise)
    gn = np.linalg.norm(R.grad(TH), axis=-1)                                  # (S, T)
    return {"t": tt[1:].reshape(1, -1, 1), "s": tt.reshape(1, 1, -1), "g_s": gn[:, None, :],
            "g_min": np.minimum.accumulate(gn, axis=1)[:, 1:, None], "R_0": per_instance(R.value(TH[:, 0]), 3),
            "R_inf": np.zeros((1, 1, 1))}


def convex_flow(ctx, precise):
    """Gradient flow on convex log-cosh objectives with a known minimiser theta*."""
    rng = ctx.rng("convex")
    S = ctx.budget.samples
    R = LogCoshConvex(rng.standard_normal((S, 5, P_DIM)), rng.uniform(0.2, 3.0, (S, 5)), rng.standard_normal((S, P_DIM)))
    th0 = R.star + 4 * rng.standard_normal((S, P_DIM))
    tt = np.geomspace(1e-3, 100.0, 80)
    TH = gradient_flow(R, th0, np.concatenate([[0.0], tt]), precise)[:, 1:]
    return {"t": tt.reshape(1, -1), "gap": R.value(TH), "dist0": per_instance(np.sum((R.star - th0) ** 2, axis=1), 2)}


def pl_flow(ctx, precise, squared=False):
    """Gradient flow on cosh wells R = sum_i a_i (cosh(c_i theta_i) - 1): C is the constant of the PL
    condition as the slide defines it (norm not squared) or, with ``squared``, of the usual one."""
    rng = ctx.rng("pl")
    S = ctx.budget.samples
    R = CoshWell(rng.choice([0.05, 0.1, 0.3], (S, P_DIM)), rng.uniform(0.5, 2.0, (S, P_DIM)))
    tt = np.linspace(0.0, 40.0, 161)
    TH = gradient_flow(R, rng.uniform(-2, 2, (S, P_DIM)), tt, precise)
    val = R.value(TH)
    const = R.pl_squared_constant if squared else R.pl_norm_constant
    return {"t": tt.reshape(1, -1), "D_t": val, "D_0": val[:, :1], "gnorm": np.linalg.norm(R.grad(TH), axis=-1),
            "C": per_instance(const, 2), "mu": per_instance(R.pl_squared_constant, 2)}


R_fn = sp.Function("R", nonnegative=True)          # R_n(theta_t) - inf R_n along the flow
PL_SLIDE = sp.Ge(gnorm, C * D_t)
mu_pl = sp.Symbol("mu", positive=True)             # the constant of the usual (squared) PL condition
PL_SQUARED = sp.Ge(gnorm**2, mu_pl * D_t)
