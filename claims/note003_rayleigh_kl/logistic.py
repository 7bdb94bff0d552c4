"""Note 003, the logistic-regression teaser: the cross-entropy desingularizer, the bound derived from the note's lines and the flows."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.losses import LinearSoftmax, cross_entropy_desingularizer, cross_entropy_phi_numeric, loss_flow, separable_data
from verify.checks import Configurations, Derived, Domain
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


# "H(F(theta_t)) <= ...": separable datasets of few and more points (kappa = 1/N), and the two-class
# single-point family on which the KL inequality is an equality (the extremal data)
LOGISTIC_SPACE = Configurations(
    data=["separable", "two classes, one point"],
    N=Derived(lambda c: [2, 5] if c["data"] == "separable" else [1],
              "N = 2 and 5 points for separable data (c = 3 classes), 1 for the two-class single-point family"),
    constraints=(sp.Gt(sp.Symbol("C", real=True), 0),))      # phi(H(theta_0)) > 0 for these initialisations


def logistic_flows(ctx, precise, config):
    """Gradient flow of the mean cross-entropy of softargmax(theta x). config ``data`` = "separable":
    datasets of N = config ``N`` points, c = 3 classes, d = 3, separated with margin at least 0.5, from
    theta_0 = 0 (even instances) or a small random theta_0; "two classes, one point": the single-point
    datasets where the KL inequality and the KL bound are attained (kappa = 1). Time is rescaled by
    kappa^2 eps^2 so that every instance reaches kappa^2 eps^2 t = 40 (one ODE solve). C = phi(H(theta_0)),
    raised to 0 where a random theta_0 on two points gives phi(H(theta_0)) <= 0 (the note's C is positive;
    a larger C only weakens the bound)."""
    N_ = int(config["N"])
    rng = ctx.rng("logistic", f"data={config['data']} N={N_}")
    S = ctx.budget.samples
    if config["data"] == "separable":
        data, _, eps_v = separable_data(rng, S, N_, LOGISTIC_D, LOGISTIC_C, margin_floor=0.5)
        th0 = rng.normal(0.0, 0.05, (S, LOGISTIC_C, LOGISTIC_D)) * (np.arange(S) % 2 == 1)[:, None, None]
        kap = np.full(S, 1.0 / N_)
    else:
        data, th0, eps_v = two_class_single_point(rng, max(S // 2, 2))
        kap = np.ones(len(eps_v))
    speed = (kap * eps_v) ** 2
    Th = loss_flow(data.grad, th0, LOGISTIC_TIME, speed, precise)
    Hv, Gv = data.loss(Th), (data.grad(Th) ** 2).sum(axis=(-2, -1))
    return {"H_t": series(Hv), "H_0": series(Hv[:, :1]), "G_t": series(Gv), "kappa": col(kap),
            "epsilon": col(eps_v), "C": col(np.maximum(cross_entropy_phi_numeric(Hv[:, 0]), 0.0) + HAIR),
            "t": series(LOGISTIC_TIME[None, :] / speed[:, None])}
