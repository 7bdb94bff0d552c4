"""Note 000, the Theorem and its proof: the displacement flows and the function-space step."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import Configurations
from verify.maths.models import QuadraticLoss, QuadraticModel, model_gradient_flow
from claims._lazy_setting import P_PARAM, alpha, theorem_setup, time_grid


# sup_t ||w(t) - w(0)|| = O(1/.): the other scale held fixed small (1) and large (16)
DISPLACEMENT_SPACE = Configurations(other=[1.0, 16.0])


def displacement(ctx, variable, precise, config):
    """sup_t ||w(t) - w(0)|| as one of kappa or alpha grows over 2..32, the other held fixed at config
    ``other`` (alpha while kappa varies, kappa while alpha varies); the same random instances at every
    grid value (common random numbers), so the fitted slope is the scaling alone; max(samples/4, 2)
    instances per grid value. Condition numbers up to 32 in one batch make the flow stiff: integrated by
    implicit methods."""
    if variable not in ("kappa", "alpha"):
        raise ValueError(f"displacement is simulated in kappa or alpha, not {variable}")
    other = float(config["other"])
    S = max(ctx.budget.samples // 4, 2)
    grid = np.array([2.0, 4.0, 8.0, 16.0, 32.0])
    salt = f"{variable} other={other:g}"
    setups = [theorem_setup(ctx.rng("displacement", salt), S, *((np.full(S, other), np.full(S, v)) if variable == "kappa"
                                                                 else (np.full(S, v), np.full(S, other)))) for v in grid]
    model = QuadraticModel(*(np.concatenate([getattr(st[0], k) for st in setups]) for k in ("A", "B", "beta")))
    loss = QuadraticLoss(np.concatenate([st[1].H for st in setups]), np.concatenate([st[1].zstar for st in setups]))
    a = np.concatenate([st[2] for st in setups])
    tt = time_grid(model, loss, points=80)
    W = model_gradient_flow(model, loss, a, np.zeros((len(a), P_PARAM)), tt, precise, stiff=True)
    sup = np.linalg.norm(W - W[:, :1], axis=-1).max(axis=1)
    return grid, sup.reshape(len(grid), S)


# scalar stand-ins for the flow of the function-space step (n = md = 1, undefined f and g)
tt_ = sp.Symbol("t", real=True)
w_ = sp.Function("omega")(tt_)
f_, _g, _x = sp.Function("f"), sp.Function("g"), sp.Symbol("x")
fp = f_(_x).diff(_x).subs(_x, w_)


def gp(arg):
    return _g(_x).diff(_x).subs(_x, arg)


GRADIENT_FLOW = {w_: -(1 / alpha) * fp * gp(alpha * f_(w_))}
INSTANCES = {f_: sp.Lambda(_x, sp.sin(_x) + 2 * _x), _g: sp.Lambda(_x, sp.cosh(_x) + _x**2 / 2)}
