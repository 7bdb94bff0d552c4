"""Note 000, the Theorem and its proof: the displacement flows and the function-space step."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.models import QuadraticLoss, QuadraticModel, model_gradient_flow
from claims._lazy_setting import P_PARAM, alpha, theorem_setup, time_grid


def displacement(ctx, variable, precise):
    """sup_t ||w(t) - w(0)|| as one of kappa or alpha grows, the other held fixed; the same random
    instances at every grid value (common random numbers), so the fitted slope is the scaling alone.
    Condition numbers up to 32 in one batch make the flow stiff: integrated by implicit methods."""
    if variable not in ("kappa", "alpha"):
        raise ValueError(f"displacement is simulated in kappa or alpha, not {variable}")
    S = max(ctx.budget.samples // 2, 3)
    grid = np.array([2.0, 4.0, 8.0, 16.0, 32.0])
    setups = [theorem_setup(ctx.rng("displacement"), S, *((np.ones(S), np.full(S, v)) if variable == "kappa"
                                                           else (np.full(S, v), np.full(S, 2.0)))) for v in grid]
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
