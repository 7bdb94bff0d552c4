"""Note 003, Kurdyka's desingularizer (the KL theorem, its proof and the two examples): the desingularizers and the flows their claims simulate."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.losses import ExponentialLoss, PowerLoss, loss_flow, power_desingularizer
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


def _power_instances(rng, S, dim, q, lam_lo):
    """Power losses with lambda_min(H) = lam_lo; odd instances start on the bottom eigenvector."""
    H = spd_with_spectrum(rng, lam_lo, lam_lo * rng.uniform(2.0, 5.0, S), dim)
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


def kl_flows(ctx, precise):
    """Power losses with q = 2 (phi = log) and q = 4 (phi = -2/sqrt(u)), and exponential losses
    (phi = -1/u), each with its KL constant mu on all of Theta."""
    rng = ctx.rng("kl")
    S, dim = ctx.budget.samples, 3
    quad, th_q = _power_instances(rng, S, dim, 2, rng.uniform(0.5, 1.0, S))
    quart, th_r = _power_instances(rng, S, dim, 4, rng.uniform(0.5, 1.0, S))
    expo, th_e, gam = exponential_instances(rng, S, dim, rng.uniform(0.5, 1.5, S))
    mus = [quad.kl_constant, quart.kl_constant, gam**2]
    return _kl_env([quad, quart, expo], [quad.grad, quart.grad, expo.grad], [th_q, th_r, th_e],
                   [mu_v * (1 - HAIR) for mu_v in mus], [quad.p, quart.p, np.full(S, -1.0)], precise)


def example_log_flows(ctx, precise):
    """Quadratic losses theta^T H theta with lambda_min(H) in [1/4, 1]: ||grad L||^2 >= 4 lambda_min L >= L
    (equality for lambda_min = 1/4 on the bottom eigenvector)."""
    rng = ctx.rng("example_log")
    S = ctx.budget.samples
    lam = np.where(np.arange(S) < S // 2, 0.25 * (1 + HAIR), rng.uniform(0.25, 1.0, S))
    quad, th0 = _power_instances(rng, S, 3, 2, lam)
    return _kl_env([quad], [quad.grad], [th0], [np.ones(S)], [np.zeros(S)], precise)


def example_recip_flows(ctx, precise):
    """Exponential losses with margin gamma in [1, 2]: ||grad L||^2 >= gamma^2 L^2 >= L^2."""
    rng = ctx.rng("example_recip")
    S = ctx.budget.samples
    gam = np.where(np.arange(S) < S // 2, 1.0 + HAIR, rng.uniform(1.0, 2.0, S))
    expo, th0, _ = exponential_instances(rng, S, 3, gam)
    return _kl_env([expo], [expo.grad], [th0], [np.ones(S)], [np.full(S, -1.0)], precise,
                   tau=np.linspace(0.0, 60.0, 241))
