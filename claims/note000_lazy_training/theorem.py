"""Note 000, the Theorem and its proof: the displacement flows and the function-space step."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import Configurations
from verify.maths.models import QuadraticLoss, QuadraticModel, model_gradient_flow, per_instance, sigma_min
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


def ball_flow(ctx, precise, config):
    """The corrected theorem's instances at config ``kappa`` and ``alpha_scale`` (theorem_flow's: alpha =
    alpha_scale x ||f*||/M, M = sigma_min^3/(16 kappa^{3/2} ||J|| L), so alpha_scale -> 1 is the threshold the
    proof's last lines need; every other instance aligned), integrated until every instance's bound
    e^{-mu sigma_min^2 t/4} is down to e^{-8}: the displacement still to come is then below e^{-8} of the
    proof's bound 8 kappa^{3/2} ||J|| ||f*|| / (alpha sigma_min^2) < tau_0. max(samples/8, 2) instances.
    The initialisation w(0) is anywhere (the statement places it nowhere): each model is translated to a
    random w(0), at a distance from the origin spread over two decades around tau_0 (the model f(w - w(0))
    has the same flow, shifted)."""
    rng = ctx.rng("ball", f"kappa={config['kappa']:g} alpha_scale={config['alpha_scale']:g}")
    S = max(ctx.budget.samples // 8, 2)
    model, loss, _ = theorem_setup(rng, S, np.ones(S), np.full(S, float(config["kappa"])), aligned=np.arange(S) % 2 == 0)
    sig, J0_, Lip = sigma_min(model.A), np.linalg.norm(model.A, ord=2, axis=(-2, -1)), model.lipschitz()
    kappa_ = loss.nu / loss.mu
    a = float(config["alpha_scale"]) * np.linalg.norm(loss.zstar, axis=-1) * 16 * kappa_**1.5 * J0_ * Lip / sig**3
    tt = time_grid(model, loss, points=80, decay=8.0)
    W = model_gradient_flow(model, loss, a, np.zeros((S, P_PARAM)), tt, precise)
    u = rng.standard_normal((S, P_PARAM))
    w0 = (sig / (2 * Lip) * np.exp(rng.uniform(-np.log(10), np.log(10), S)))[:, None] * u / np.linalg.norm(u, axis=-1, keepdims=True)
    W = W + w0[:, None, :]
    return {"alpha": per_instance(a, 3), "kappa": per_instance(kappa_, 3), "mu": per_instance(loss.mu, 3),
            "nu": per_instance(loss.nu, 3), "sigma_min": per_instance(sig, 3), "J0": per_instance(J0_, 3),
            "L": per_instance(Lip, 3), "t": tt.reshape(1, -1, 1), "f_star": loss.zstar[:, None, :],
            "w_t": W, "w_0": W[:, :1]}
