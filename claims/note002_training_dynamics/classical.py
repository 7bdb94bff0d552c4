"""Note 002, classical results (Theorems 1-3): the flows their claims simulate and the PL conditions."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.features import (CoshWell, CosineLandscape, LogCoshConvex, gradient_flow)
from verify.checks import Configurations
from verify.checks import Config, remembered
from verify.maths.models import per_instance
from .setting import C, config_text, D_t, gnorm, shared


# ---------------------------------------------------------------------------------------------
# Classical results: Theorems 1-3
# ---------------------------------------------------------------------------------------------
P_DIM, K_TERMS = 3, 4
HUBER_WIDTH = 0.1          # the near-linear family's smoothing width w


def _near_linear(S, p, star):
    """The extremal objective of Theorems 1 and 2: R = w sum_k log cosh((theta_k - theta*_k)/w), w = 0.1,
    smooth, convex, inf R = 0 at theta*; its gradient has norm about sqrt(#{k: |theta_k - theta*_k| >> w})
    until the flow arrives, so ||grad R||^2 t and R(theta_0) - R(theta_t) nearly agree (the slowest descent the
    bounds allow)."""
    return LogCoshConvex(np.broadcast_to(np.eye(p) / HUBER_WIDTH, (S, p, p)).copy(), np.full((S, p), HUBER_WIDTH), star)


# Theorems 1 and 2 range over smooth objectives bounded below (convex for Theorem 2), starts and times:
# the dimension's edge p = 1, random landscapes and the near-linear extremal family
FLOW_SPACE = Configurations(p=[1, P_DIM], family=["random", "near-linear"])


NONCONVEX_FLOW_AT = Config(p=P_DIM, family="random")      # the configuration of a direct call
@remembered
def nonconvex_flow(ctx, precise, config=NONCONVEX_FLOW_AT):
    """Gradient flow on R = sum_k c_k (1 - cos(a_k.theta)) (inf R = 0; family "random") or on the near-linear
    extremal objective (:func:`_near_linear`) from random starts, in dimension p = config["p"]; the gradient norm
    at every time s (axis 2) against every horizon t (axis 1), and its running minimum. Objectives bounded below
    need not have inf R = 0: every other instance is its landscape lowered by R(theta_0)/2 (the same flow, inf R =
    -R(theta_0)/2 < 0, R(theta_0) halved)."""
    rng = ctx.rng("nonconvex", config_text(config))
    S, p = shared(ctx, FLOW_SPACE, ctx.budget.samples, 2), int(config["p"])
    if config["family"] == "near-linear":
        R = _near_linear(S, p, np.zeros((S, p)))
    else:
        R = CosineLandscape(rng.standard_normal((S, K_TERMS, p)), rng.uniform(0.5, 2.0, (S, K_TERMS)))
    tt = np.concatenate([[0.0], np.geomspace(1e-2, 40.0, 60)])
    TH = gradient_flow(R, 1.5 * rng.standard_normal((S, p)), tt, precise)
    gn = np.linalg.norm(R.grad(TH), axis=-1)                                  # (S, T)
    r0 = per_instance(R.value(TH[:, 0]), 3)
    level = np.where((np.arange(S) % 2 == 1)[:, None, None], -r0 / 2, 0.0)    # inf R of the lowered landscapes
    return {"t": tt[1:].reshape(1, -1, 1), "s": tt.reshape(1, 1, -1), "g_s": gn[:, None, :],
            "g_min": np.minimum.accumulate(gn, axis=1)[:, 1:, None], "R_0": r0 + level, "R_inf": level}


CONVEX_FLOW_AT = Config(p=P_DIM, family="random")      # the configuration of a direct call
def convex_flow(ctx, precise, config=CONVEX_FLOW_AT):
    """Gradient flow on convex log-cosh objectives with a known minimiser theta* (family "random": five random
    terms) or on the near-linear extremal objective, in dimension p = config["p"]."""
    rng = ctx.rng("convex", config_text(config))
    S, p = shared(ctx, FLOW_SPACE, ctx.budget.samples, 2), int(config["p"])
    star = rng.standard_normal((S, p))
    if config["family"] == "near-linear":
        R = _near_linear(S, p, star)
    else:
        R = LogCoshConvex(rng.standard_normal((S, 5, p)), rng.uniform(0.2, 3.0, (S, 5)), star)
    th0 = R.star + 4 * rng.standard_normal((S, p))
    tt = np.geomspace(1e-3, 100.0, 80)
    TH = gradient_flow(R, th0, np.concatenate([[0.0], tt]), precise)[:, 1:]
    return {"t": tt.reshape(1, -1), "gap": R.value(TH), "dist0": per_instance(np.sum((R.star - th0) ** 2, axis=1), 2)}


# Theorem 3 ranges over objectives meeting the PL condition: the wells' heights a (small a: slow decay for the
# slide's C), the dimension's edge p = 1, and starts near the minimum (where the usual PL rate is attained)
PL_SPACE = Configurations(p=[1, P_DIM], a=[0.05, 1.0], start=[0.1, 2.0])


PL_FLOW_AT = Config(p=P_DIM, a=0.05, start=2.0)      # the configuration of a direct call
def pl_flow(ctx, precise, config=PL_FLOW_AT, squared=False):
    """Gradient flow on cosh wells R = sum_i a_i (cosh(c_i theta_i) - 1) (a_i = config["a"] times U(1, 3),
    c_i ~ U(0.5, 2), p = config["p"] coordinates, starts U(-1, 1) config["start"]): C is the constant of the PL
    condition as the slide defines it (norm not squared) or, with ``squared``, of the usual one."""
    rng = ctx.rng("pl", config_text(config))
    S, p = shared(ctx, PL_SPACE, ctx.budget.samples, 1), int(config["p"])
    R = CoshWell(config["a"] * rng.uniform(1.0, 3.0, (S, p)), rng.uniform(0.5, 2.0, (S, p)))
    tt = np.linspace(0.0, 40.0, 161)
    TH = gradient_flow(R, config["start"] * rng.uniform(-1, 1, (S, p)), tt, precise)
    val = R.value(TH)
    const = R.pl_squared_constant if squared else R.pl_norm_constant
    return {"t": tt.reshape(1, -1), "D_t": val, "D_0": val[:, :1], "gnorm": np.linalg.norm(R.grad(TH), axis=-1),
            "C": per_instance(const, 2), "mu": per_instance(R.pl_squared_constant, 2)}


R_fn = sp.Function("R", nonnegative=True)          # R_n(theta_t) - inf R_n along the flow
PL_SLIDE = sp.Ge(gnorm, C * D_t)
mu_pl = sp.Symbol("mu", positive=True)             # the constant of the usual (squared) PL condition
PL_SQUARED = sp.Ge(gnorm**2, mu_pl * D_t)
