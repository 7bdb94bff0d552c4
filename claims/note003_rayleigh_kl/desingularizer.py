"""Note 003, Kurdyka's desingularizer (the KL theorem, its proof and the two examples): the desingularizers and the flows their claims simulate."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.losses import ExponentialLoss, PowerLoss, loss_flow, power_desingularizer
from verify.checks import Configurations, Range
from verify.maths.models import spd_with_spectrum
from .setting import HAIR, col, series, p, u
from .ntk import comparison_solution


# the desingularizer family and its inverse (SymPy solves the inverse branch by branch)
PHI, PHI_INV = power_desingularizer(u, p)
DPHI = sp.diff(PHI, u)                                    # d phi_p(u) = u^{p-1}


def phi_at(expr):
    return PHI.subs(u, expr)


def dphi_at(expr):
    return DPHI.subs(u, expr)


# the note's two examples, phi = log and phi(u) = -1/u, inverted by SymPy
_y, _w = sp.Symbol("y", positive=True), sp.Symbol("w", real=True)
PHI_LOG, PHI_RECIP = sp.log(u), -1 / u
INV_LOG = sp.Lambda(_w, sp.solve(sp.Eq(PHI_LOG.subs(u, _y), _w), _y)[0])
INV_RECIP = sp.Lambda(_w, sp.solve(sp.Eq(PHI_RECIP.subs(u, _y), _w), _y)[0])


EXAMPLE_LOG_DERIVED = comparison_solution(lambda Y: Y)            # ||grad L||^2 >= L
EXAMPLE_RECIP_DERIVED = comparison_solution(lambda Y: Y**2)       # ||grad L||^2 >= L^2


KL_TIME = np.linspace(0.0, 12.0, 241)


def _power_instances(rng, S, dim, q, lam_lo, cond=None):
    """Power losses with lambda_min(H) = lam_lo and lambda_max(H) = cond lam_lo (cond None: U(2, 5));
    odd instances start on the bottom eigenvector."""
    ratio = rng.uniform(2.0, 5.0, S) if cond is None else np.full(S, float(cond))
    H = spd_with_spectrum(rng, lam_lo, lam_lo * ratio, dim)
    th0 = rng.standard_normal((S, dim))
    bottom = np.linalg.eigh(H)[1][..., 0]
    th0[1::2] = bottom[1::2]
    th0 /= np.linalg.norm(th0, axis=1, keepdims=True)
    return PowerLoss(H, np.full(S, float(q))), th0


def exponential_instances(rng, S, dim, gamma):
    """z_i = gamma_i u + w_i with gamma_i >= gamma = the margin along the unit u; odd instances have
    all gamma_i = gamma, sum_i w_i = 0 and start on the line of u, where ||grad L|| = gamma L."""
    N = 5
    uu = rng.standard_normal((S, dim))
    uu /= np.linalg.norm(uu, axis=1, keepdims=True)
    Wp = rng.standard_normal((S, N, dim))
    Wp -= np.einsum("snd,sd->sn", Wp, uu)[..., None] * uu[:, None, :]          # orthogonal to u
    Wp[1::2] -= Wp[1::2].mean(axis=1, keepdims=True)
    gam = gamma[:, None] * (1 + rng.uniform(0, 1, (S, N)))
    gam[:, 0] = gamma
    gam[1::2] = gamma[1::2, None]
    loss = ExponentialLoss(gam[..., None] * uu[:, None, :] + Wp)
    th0 = rng.standard_normal((S, dim))
    th0[1::2] = uu[1::2] * rng.uniform(-1, 1, (len(th0[1::2]), 1))
    return loss, th0, loss.margin(uu)


def _kl_env(losses, grads, th0, mu_v, p_v, precise, tau=KL_TIME):
    """Flows of several loss families in one ODE solve, time rescaled by each instance's KL constant."""
    cuts = np.cumsum([0] + [len(t0) for t0 in th0])
    th0 = np.concatenate(th0)
    mu_v = np.concatenate(mu_v)

    def grad(th):
        return np.concatenate([gr(th[a:b]) for gr, a, b in zip(grads, cuts[:-1], cuts[1:])])

    Th = loss_flow(grad, th0, tau, mu_v, precise)
    Lv = np.concatenate([lo.value(Th[a:b]) for lo, a, b in zip(losses, cuts[:-1], cuts[1:])])
    Gv = (grad(Th) ** 2).sum(-1)
    return {"L_t": series(Lv), "L_0": series(Lv[:, :1]), "G_t": series(Gv), "mu": col(mu_v),
            "p": col(np.concatenate(p_v)), "t": series(tau[None, :] / mu_v[:, None])}


# "d phi_L(grad L . grad L) >= mu gives L(theta_t) <= phi^{-1}(phi(L(theta_0)) - mu t)": desingularizers
# phi_p from log (q = 2) to p = -3/4 (q = 8) and p = -1 (exponential losses), perfectly to badly conditioned
KL_SPACE = Configurations(q=[2, 8], cond=Range(1.0, 30.0, log=True))


def kl_flows(ctx, precise, config):
    """Power losses (theta^T H theta)^{q/2} (config ``q``: phi_p with p = 2/q - 1, phi = log at q = 2) with
    lambda_max(H)/lambda_min(H) = config ``cond``, and exponential losses on separable data (phi = -1/u),
    each with its KL constant mu on all of Theta; half the instances start on the extremal direction,
    where the bound is attained."""
    q, cond = int(config["q"]), float(config["cond"])
    rng = ctx.rng("kl", f"q={q} cond={cond:g}")
    S, dim = max(ctx.budget.samples // 2, 2), 3
    power, th_p = _power_instances(rng, S, dim, q, rng.uniform(0.5, 1.0, S), cond)
    expo, th_e, gam = exponential_instances(rng, S, dim, rng.uniform(0.5, 1.5, S))
    mus = [power.kl_constant, gam**2]
    return _kl_env([power, expo], [power.grad, expo.grad], [th_p, th_e],
                   [mu_v * (1 - HAIR) for mu_v in mus], [power.p, np.full(S, -1.0)], precise)


# "||grad L||^2 >= L": lambda_min(H) from the hypothesis' boundary 1/4 up, any conditioning
EXAMPLE_LOG_SPACE = Configurations(lam_min=Range(0.25, 1.0), cond=Range(1.0, 30.0, log=True))


def example_log_flows(ctx, precise, config):
    """Quadratic losses theta^T H theta with lambda_min(H) = config ``lam_min`` (>= 1/4) and
    lambda_max/lambda_min = config ``cond``: ||grad L||^2 >= 4 lambda_min L >= L (equality for lambda_min =
    1/4 on the bottom eigenvector, where odd instances start; lambda_min is taken a HAIR above the
    configuration's, so that the hypothesis survives round-off there)."""
    lam_min, cond = float(config["lam_min"]) * (1 + HAIR), float(config["cond"])
    rng = ctx.rng("example_log", f"lam_min={config['lam_min']:g} cond={cond:g}")
    S = ctx.budget.samples
    quad, th0 = _power_instances(rng, S, 3, 2, np.full(S, lam_min), cond)
    return _kl_env([quad], [quad.grad], [th0], [np.ones(S)], [np.zeros(S)], precise)


# "||grad L||^2 >= L^2": the margin gamma from the hypothesis' boundary 1 up
EXAMPLE_RECIP_SPACE = Configurations(gamma=Range(1.0, 2.0))


def example_recip_flows(ctx, precise, config):
    """Exponential losses with margin gamma = config ``gamma`` (>= 1): ||grad L||^2 >= gamma^2 L^2 >= L^2
    (odd instances on the extremal line, where ||grad L|| = gamma L; gamma a HAIR above the configuration's,
    so that the hypothesis survives round-off at gamma = 1)."""
    gamma = float(config["gamma"]) * (1 + HAIR)
    rng = ctx.rng("example_recip", f"gamma={config['gamma']:g}")
    S = ctx.budget.samples
    expo, th0, _ = exponential_instances(rng, S, 3, np.full(S, gamma))
    return _kl_env([expo], [expo.grad], [th0], [np.ones(S)], [np.full(S, -1.0)], precise,
                   tau=np.linspace(0.0, 60.0, 241))
