"""Note 003, the logistic-regression teaser: the cross-entropy desingularizer, the bound derived from the note's lines and the flows."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.losses import LinearSoftmax, cross_entropy_desingularizer, cross_entropy_phi_numeric, loss_flow, separable_data
from verify.checks import Domain
from verify.notation import W0
from .setting import C, HAIR, H_t, col, series, eps, kappa, t, u


# cross-entropy desingularizer: phi'(u) = 1/(1 - e^{-u})^2, integrated by SymPy
PHI_CE = cross_entropy_desingularizer(u)


def _logistic_bound_derived():
    """Integrate the cross-entropy KL inequality d phi_H(||grad H||^2) >= kappa^2 eps^2 with the KL
    theorem: phi(H_t) <= phi(H_0) - kappa^2 eps^2 t =: -(kappa^2 eps^2 t - C), C = phi(H_0). Write
    phi in w = 1/(e^H - 1), solve phi = c for w (a Lambert function), then solve for H."""
    c = sp.Symbol("c", real=True)
    wpos, hpos = sp.Symbol("w", positive=True), sp.Symbol("h", positive=True)
    phi_w = sp.expand_log(sp.simplify(PHI_CE.subs(u, sp.log(1 + 1 / wpos))), force=True)
    w_of_c = sp.solve(sp.Eq(phi_w, c), wpos)[0]
    h_of_w = sp.solve(sp.Eq(wpos, 1 / (sp.exp(hpos) - 1)), hpos)[0]
    bound = h_of_w.subs(wpos, w_of_c).subs(c, C - kappa**2 * eps**2 * t)
    return sp.Le(H_t, bound.replace(sp.LambertW, W0))


LOGISTIC_DERIVED = _logistic_bound_derived()
# The cross-entropy of softargmax is positive: a bound below its infimum 0 fails for every flow.
H_AT_ITS_INFIMUM = {"H_t": Domain(0, 0)}
LOGISTIC_STATED = sp.log(1 / W0(sp.exp(kappa**2 * eps**2 * t - C)))


LOGISTIC_N, LOGISTIC_C, LOGISTIC_D = 5, 3, 3
LOGISTIC_TIME = np.unique(np.concatenate([np.linspace(0.0, 40.0, 161), np.linspace(0.0, 2.0, 41)]))


def two_class_single_point(rng, S):
    """Two classes, one point x, label 0: the unit-Frobenius separator (x, -x)/(sqrt(2)||x||) has margin
    eps = sqrt(2)||x|| and ||grad H||_F^2 = 2 (1 - p_0)^2 ||x||^2 = eps^2 (1 - e^{-H})^2: the KL inequality
    holds with equality (kappa = 1/N = 1), so the KL bound is attained. theta_0 puts a logit gap -a on the
    point, H(theta_0) = log(1 + e^a) > 1.02, where phi(H(theta_0)) > 0."""
    X = rng.standard_normal((S, 1, LOGISTIC_D))
    norm2 = (X[:, 0] ** 2).sum(-1)
    gap = rng.uniform(0.8, 2.0, S)
    th0 = np.stack([-1.0, 1.0])[None, :, None] * (gap / (2 * norm2))[:, None, None] * X[:, 0][:, None, :]
    return LinearSoftmax(X, np.zeros((S, 1), dtype=int), 2), th0, np.sqrt(2 * norm2)


def logistic_flows(ctx, precise):
    """Gradient flow of the mean cross-entropy of softargmax(theta x): separable datasets (N = 5 points,
    c = 3 classes, d = 3) from theta_0 = 0 (even instances) or a small random theta_0, and two-class
    single-point datasets where the KL bound is attained. Time is rescaled by kappa^2 eps^2 so that every
    instance reaches kappa^2 eps^2 t = 40 (one ODE solve per dataset family)."""
    rng = ctx.rng("logistic")
    S = ctx.budget.samples
    data, _, eps3 = separable_data(rng, S, LOGISTIC_N, LOGISTIC_D, LOGISTIC_C, margin_floor=0.5)
    th3 = rng.normal(0.0, 0.05, (S, LOGISTIC_C, LOGISTIC_D)) * (np.arange(S) % 2 == 1)[:, None, None]
    data2, th2, eps2 = two_class_single_point(rng, max(S // 2, 2))
    kap = np.concatenate([np.full(S, 1.0 / LOGISTIC_N), np.ones(len(eps2))])
    eps_v = np.concatenate([eps3, eps2])
    speed = (kap * eps_v) ** 2
    H, G = [], []
    for d_, th0, sp_ in ((data, th3, speed[:S]), (data2, th2, speed[S:])):
        Th = loss_flow(d_.grad, th0, LOGISTIC_TIME, sp_, precise)
        H.append(d_.loss(Th))
        G.append((d_.grad(Th) ** 2).sum(axis=(-2, -1)))
    Hv, Gv = np.concatenate(H), np.concatenate(G)
    return {"H_t": series(Hv), "H_0": series(Hv[:, :1]), "G_t": series(Gv), "kappa": col(kap),
            "epsilon": col(eps_v), "C": col(cross_entropy_phi_numeric(Hv[:, 0]) + HAIR),
            "t": series(LOGISTIC_TIME[None, :] / speed[:, None])}
