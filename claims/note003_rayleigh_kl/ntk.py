"""Note 003, "Previously: infinite-width NTK" (the Proposition): its proof steps and the flows its claims simulate."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.losses import (least_squares_grad,
                           loss_flow)
from verify.notation import Norm
from verify.maths.models import QuadraticModel, spd_with_spectrum
from verify.checks import Configurations, Range
from .setting import D_t, HAIR, L_0, L_sym, col, series, f_star, f_theta, kappa, mu, t


# ---------------------------------------------------------------------------------------------
# proof steps computed from the note's own lines (never typed-in results)
# ---------------------------------------------------------------------------------------------
RESIDUAL = Norm(f_theta - f_star)
DEFINITE_RHS = 4 * mu * RESIDUAL**2                       # "-dL/dt >= 4 mu ||f_theta - f*||^2"
# with l(f) = ||f - f*||^2, L = ||f_theta - f*||^2: the line before "Therefore" in terms of L
PL_DERIVED = sp.Ge(D_t, DEFINITE_RHS.subs(RESIDUAL**2, L_sym))
KAPPA_PL = {kappa: 4 * mu}


def comparison_solution(rate):
    """Solution of the comparison ODE Y' = -rate(Y), Y(0) = L_0 (Grönwall / integrating the KL bound)."""
    Y = sp.Function("Y")
    sol = sp.dsolve(sp.Eq(Y(t).diff(t), -rate(Y(t))), Y(t), ics={Y(0): L_0})
    sols = sol if isinstance(sol, list) else [sol]
    # the branch through Y(0) = L_0 > 0 that decreases
    return next(s.rhs for s in sols if sp.simplify(s.rhs.subs(t, 0) - L_0) == 0)


RATE_GRONWALL = comparison_solution(lambda Y: kappa * Y)          # from -dL/dt >= kappa L


P_OUT = 3

# "If K_{theta_t} >= mu > 0 for all t": from twice as many parameters as outputs to four times as many,
# nearly linear to strongly curved models; half the instances are linear, where the rate is attained
PROP_SPACE = Configurations(params=[6, 12], beta=Range(0.1, 0.5, log=True))


def prop_flows(ctx, precise, config):
    """Gradient flow of L = ||F(theta) - f*||^2 from theta_0 = 0 for smooth models F(theta) = A theta +
    (beta/2)(B theta)^2 with n = 3 outputs and config ``params`` >= n parameters; half the instances are
    linear (beta = 0) with f* on the bottom eigenvector of A A^T, where L(theta_t) = L(theta_0) e^{-4 mu t}
    exactly, the other half have curvature config ``beta``. mu = the smallest lambda_min(K_{theta_t}) along
    the trajectory; time runs to 6 / (4 lambda_min(K_{theta_0})) (the bound down to e^{-6})."""
    P_, beta_ = int(config["params"]), float(config["beta"])
    rng = ctx.rng("prop", f"params={P_} beta={beta_:g}")
    S = ctx.budget.samples
    model = QuadraticModel.random(rng, S, P_OUT, P_, beta=np.where(np.arange(S) % 2 == 0, 0.0, beta_))
    fstar = rng.standard_normal((S, P_OUT))
    fstar /= np.linalg.norm(fstar, axis=1, keepdims=True)
    lam, vec = np.linalg.eigh(model.A @ np.swapaxes(model.A, -1, -2))
    fstar[::2] = vec[::2, :, 0]
    speed = 4 * lam[:, 0]                                   # 4 lambda_min(K_{theta_0})
    tau = np.linspace(0.0, 6.0, 61)
    W = loss_flow(least_squares_grad(model, fstar), np.zeros((S, P_)), tau, speed, precise)
    J = model.jac(W)
    mu_traj = np.linalg.eigvalsh(J @ np.swapaxes(J, -1, -2))[..., 0].min(axis=1)
    L = ((model.f(W) - fstar[:, None, :]) ** 2).sum(-1)
    G = (least_squares_grad(model, fstar)(W) ** 2).sum(-1)
    return {"L_t": series(L), "L_0": series(L[:, :1]), "G_t": series(G), "mu": col(mu_traj),
            "t": series(tau[None, :] / speed[:, None])}


# "K >= mu gives 4 r^T K r >= 4 mu ||r||^2": every dimension from 1, conditioning up to 1e6
DEFINITE_SPACE = Configurations(d=[1, 4], cond=Range(1.5, 1e6, log=True),
                                when=lambda c: c["d"] > 1 or c["cond"] == 1.5,
                                when_text="one conditioning at d = 1 (a 1 x 1 K has a single eigenvalue)")


def definite_pairs(ctx, precise, config):
    """Random PSD matrices K in dimension config ``d`` with lambda_max/lambda_min = config ``cond`` (1 at
    d = 1), and vectors f_theta - f* (f* random), with mu drawn around lambda_min(K) so that the hypothesis
    K >= mu holds at about half the draws; the first four draws of each instance are equality cases (the
    vector on the bottom eigenvector, mu a HAIR below lambda_min)."""
    dim, cond = int(config["d"]), float(config["cond"])
    rng = ctx.rng("definite", f"d={dim} cond={cond:g}")
    S, k = ctx.budget.samples, 32
    lo = rng.uniform(0.1, 1.0, (S * k,))
    Km = spd_with_spectrum(rng, lo, lo * (cond if dim > 1 else 1.0), dim).reshape(S, k, dim, dim)
    muv = (lo * rng.uniform(0.5, 1.5, S * k)).reshape(S, k, 1, 1)
    r = rng.standard_normal((S, k, 1, dim))
    bottom = np.linalg.eigh(Km[:, :4])[1][..., 0]                          # (S, 4, dim)
    r[:, :4, 0] = bottom * rng.uniform(0.5, 2.0, (S, 4, 1))
    muv[:, :4] = np.linalg.eigvalsh(Km[:, :4])[..., :1, None] * (1 - HAIR)
    fstar = rng.standard_normal((S, 1, 1, dim))             # f* != 0: a statement that drops it is not the same
    return {"K": Km, "f_theta": fstar + r, "f_star": fstar, "mu": muv, "v": r}
