"""Note 004, lazy training (Chizat, Oyallon and Bach): the simulations their claims use, and the
configuration spaces their checks search.

Chizat et al.'s results quantify over smooth models h with Lipschitz Dh and strongly convex losses R
(mu <= nu). The searches range over the loss's conditioning kappa = nu/mu (from 1 to 10) and over two
model families: random quadratic models h(w) = A w + (b/2)(B w)^2, and the extremal ones of note 000's
Lemma 1 (QuadraticModel.tight), on which sigma_min(Dh(w)) falls as fast as Lip(Dh) allows along one
direction, from sigma_min(Dh(w0)) = 0.3: the models at the Lipschitz limit, not only random ones."""
from __future__ import annotations

import numpy as np
import sympy as sp
from claims._lazy_setting import (N_OUT, P_PARAM, kappa as kappa_sym, mu, nu, sigma, J0, theorem_setup, time_grid)
from verify.checks import Configurations, Derived, Range
from verify.maths import flows
from verify.maths.models import (QuadraticLoss, QuadraticModel, flow_velocity, model_gradient_flow, per_instance,
                                 random_orthogonal, sigma_min, spd_with_spectrum)
from .diagonal import per_config, salt


# ---------------------------------------------------------------------------------------------
# simulations: lazy training (Chizat, Oyallon and Bach)
# ---------------------------------------------------------------------------------------------
LAZY_N, LAZY_P = 3, 12
LAZY_GRID = np.array([4.0, 8.0, 16.0, 32.0, 64.0])
FAMILIES = ["random", "tight"]
kappa_cfg = sp.Symbol("kappa", positive=True)
LAZY_SETTING = (sp.Ge(kappa_cfg, 1),)                    # kappa = nu/mu >= 1
LAZY_SPACE = Configurations(family=FAMILIES, kappa=Range(1.0, 3.0, log=True), constraints=LAZY_SETTING,
                            when=lambda c: c["family"] == "random" or c["kappa"] == 1.0,
                            when_text="the extremal models at kappa = 1 (the random ones over the range)")
# Theorem 2.4's O(log alpha/alpha^2): on the extremal models the flows are in the lazy regime only from
# alpha ~ 64 on, where log(alpha) changes by less than the order fit's slack resolves; whether the log factor
# is needed is therefore decided on the random models (the note's), over the loss's conditioning
LAZY_RANDOM_SPACE = Configurations(family=["random"], kappa=Range(1.0, 3.0, log=True), constraints=LAZY_SETTING)
LAZY_T_SPACE = Configurations(family=FAMILIES, T=Range(0.5, 8.0, log=True), constraints=LAZY_SETTING,
                              when=lambda c: c["family"] == "random" or c["T"] == 8.0,
                              when_text="the extremal models at T = 8 (the random ones over the range)")


def lazy_model(rng, S, family, n=LAZY_N, p=LAZY_P):
    """``family`` models with h(0) = 0: random quadratic models (b = 1), the extremal ones of note 000's
    Lemma 1 (sigma_min(A) = 0.3, Lip(Dh) = 1), or both ("mixed": the first half random)."""
    if family == "mixed":
        one, two = lazy_model(rng, S // 2, "random", n, p), lazy_model(rng, S - S // 2, "tight", n, p)
        return QuadraticModel(*(np.concatenate([getattr(one, k), getattr(two, k)]) for k in ("A", "B", "beta")))
    if family == "tight":
        return QuadraticModel.tight(rng, S, n, p, np.full(S, 0.3), np.ones(S))[0]
    return QuadraticModel.random(rng, S, n, p, 1.0)


def lazy_pairs(ctx, variable, precise, horizon=None, config=None):
    """The flow of F_alpha = R(alpha h)/alpha^2 and of its linearisation (b = 0) for alpha = 4 .. 64 on the
    same instances (common random numbers), for the configuration's model family (random, or Lemma 1's
    extremal models, whose linear regime starts later: alpha = 64 .. 1024 for them) and loss conditioning
    kappa (H with spectrum [1, kappa]), over [0, T] (T = ``horizon``, the configuration's T, or until
    convergence). Returns alpha, (||w - w0||, ||w - wbar||, ||alpha h - alpha hbar||) each sup over t,
    shaped (len(alpha), instances)."""
    if variable != "alpha":
        raise ValueError(f"lazy training is simulated in alpha, not {variable}")
    c = {"family": "random", "kappa": 2.0, **(config or {})}
    rng = ctx.rng("lazy", salt(c))
    # the extremal models leave the linear regime sooner: their sequence starts further out
    S, grid = per_config(ctx, 4), LAZY_GRID * (16.0 if c["family"] == "tight" else 1.0)
    K = len(grid)
    base = lazy_model(rng, S, c["family"])
    H = spd_with_spectrum(rng, np.ones(S), np.full(S, float(c["kappa"])), LAZY_N)
    ystar = rng.standard_normal((S, LAZY_N))
    ystar /= np.linalg.norm(ystar, axis=1, keepdims=True)
    model = QuadraticModel(np.tile(base.A, (2 * K, 1, 1)), np.tile(base.B, (2 * K, 1, 1)),
                           np.concatenate([np.tile(base.beta, K), np.zeros(K * S)]))
    loss = QuadraticLoss(np.tile(H, (2 * K, 1, 1)), np.tile(ystar, (2 * K, 1)))
    a = np.tile(np.repeat(grid, S), 2)
    T = c.get("T", horizon)
    T = T if T is not None else flows.horizon(14.0 / (sigma_min(base.A) ** 2 / 4).min())
    tt = flows.time_grid(T, 160, refined=(10, 80))        # the same times on every machine
    W = model_gradient_flow(model, loss, a, np.zeros((2 * K * S, LAZY_P)), tt, precise)
    Wn, Wl = W[:K * S], W[K * S:]
    F = a[:, None, None] * model.f(W)
    disp = np.linalg.norm(Wn, axis=-1).max(axis=1)
    par = np.linalg.norm(Wn - Wl, axis=-1).max(axis=1)
    pred = np.linalg.norm(F[:K * S] - F[K * S:], axis=-1).max(axis=1)
    return grid, [q.reshape(K, S) for q in (disp, par, pred)]


def lazy_quantity(which, horizon=None):
    """One of lazy_pairs' three quantities, as an OrderFit simulator ``simulate(ctx, variable, precise,
    config)``."""
    index = {"displacement": 0, "parameters": 1, "predictions": 2}[which]

    def simulate(ctx, variable, precise, config=None):
        grid, qs = lazy_pairs(ctx, variable, precise, horizon, config)
        return grid, qs[index]
    simulate.__name__ = f"lazy_{which}"
    simulate.__doc__ = (f"sup_t of the {which} distance of lazy_pairs (flows of F_alpha and its linearisation) "
                        f"at one configuration (model family, and kappa or T).")
    return simulate


def _threshold_factors(c):
    """alpha as a multiple of Theorem 2.4's threshold ||y*||/C0: its edge, 1 + 1e-6."""
    return [1.000001]


THEOREM24_SPACE = Configurations(
    family=FAMILIES, kappa=Range(1.5, 4.0, log=True),
    alpha_factor=Derived(_threshold_factors, "alpha / (||y*||/C0): the hypothesis' edge, 1 + 1e-6"),
    when=lambda c: c["family"] == "random" or c["kappa"] == 4.0,
    when_text="the extremal models at kappa = 4 (note 000's instances over the range)",
    constraints=(sp.Le(sigma, J0), sp.Le(mu, nu), sp.Ge(kappa_sym, 1)))


def theorem24_flow(ctx, precise, config=None):
    """Theorem 2.4's gradient flows from w(0) = 0 (h(w0) = 0 <= C0) on note 000's instances (random
    quadratic models with b = 1e-3, ||y*|| = 0.1, every other instance aligned with a common eigenvector of
    A A^T and H), or on the extremal models of Lemma 1 (the configuration's family), with H of condition
    number kappa, at alpha = alpha_factor x ||y*||/C0, C0 = sigma_min^3/(32 kappa^{3/2} ||Dh(w0)|| Lip(Dh))
    (1 + 1e-6: the smallest alpha the hypothesis admits). Kept while the stated bound is above 1e-7
    of its initial value: beyond seven decades of decay, the flow's values are at the ODE's accuracy (about
    1e-14 absolute), which the comparison cannot resolve."""
    c = {"family": "random", "kappa": 3.0, "alpha_factor": 8.0, **(config or {})}
    rng = ctx.rng("theorem24", salt(c))
    S = per_config(ctx, 4)
    model, loss, _ = theorem_setup(rng, S, np.ones(S), np.full(S, float(c["kappa"])), aligned=np.arange(S) % 2 == 0)
    if c["family"] == "tight":
        model = lazy_model(rng, S, "tight", N_OUT, P_PARAM)
    kap = loss.nu / loss.mu
    s_min, j0, lip = sigma_min(model.A), np.linalg.norm(model.A, ord=2, axis=(-2, -1)), model.lipschitz()
    C0 = s_min**3 / (32 * kap**1.5 * j0 * lip)
    a = c["alpha_factor"] * np.linalg.norm(loss.zstar, axis=-1) / C0
    tt = time_grid(model, loss)
    W = model_gradient_flow(model, loss, a, np.zeros((S, P_PARAM)), tt, precise)
    F = model.f(W)
    env = {"alpha": per_instance(a, 3), "kappa": per_instance(kap, 3), "mu": per_instance(loss.mu, 3),
           "nu": per_instance(loss.nu, 3), "sigma_min": per_instance(s_min, 3), "J0": per_instance(j0, 3),
           "L": per_instance(lip, 3), "t": tt.reshape(1, -1, 1), "f_t": F, "f_0": F[:, :1], "f_star": loss.zstar[:, None, :],
           "w_t": W, "w_0": W[:, :1], "wdot": flow_velocity(model, loss, a, W)}
    rate = (env["mu"] * env["sigma_min"] ** 2 / 4).ravel()
    T = env["t"].shape[1]
    keep = env["t"].ravel() <= (np.log(1e7) / rate).min()
    return {k: (v[:, keep] if v.ndim >= 2 and v.shape[1] == T else v) for k, v in env.items()}


n_out, p_par = sp.Symbol("n", positive=True, integer=True), sp.Symbol("p", positive=True, integer=True)
RATES_SPACE = Configurations(n=[2, 3], p=[1, 2], kappa=Range(1.0, 4.0, log=True),
                             constraints=(sp.Lt(p_par, n_out), sp.Ge(kappa_cfg, 1)),
                             when=lambda c: c["p"] == c["n"] - 1, when_text="rank Dh = p = n - 1 (underparameterised by one)")


def underparameterised_rates(ctx, precise, config=None):
    """Theorem 2.5 with rank Dh = p < n (the configuration's p parameters, n outputs; H with spectrum
    [1, kappa]): the local rate lambda_min(Hess F_alpha) at the flow's limit, for alpha = 4 .. 4096, against
    lambda_min(A^T H A)."""
    c = {"n": 3, "p": 2, "kappa": 3.0, **(config or {})}
    rng = ctx.rng("rates", salt(c))
    S, n, p = per_config(ctx, 4), int(c["n"]), int(c["p"])
    grid = 4.0 ** np.arange(1, 7)
    K = len(grid)
    # Dh(w0) = A with singular values in [0.5, 1.5]: every instance converges on a comparable time scale
    U, V = random_orthogonal(rng, S, n)[:, :, :p], random_orthogonal(rng, S, p)
    A = np.einsum("bip,bp,bjp->bij", U, rng.uniform(0.5, 1.5, (S, p)), V)
    base = QuadraticModel(A, rng.standard_normal((S, n, p)) / np.sqrt(p), np.ones(S))
    H = spd_with_spectrum(rng, np.ones(S), np.full(S, float(c["kappa"])), n)
    ystar = rng.standard_normal((S, n))
    model = QuadraticModel(np.tile(base.A, (K, 1, 1)), np.tile(base.B, (K, 1, 1)), np.ones(K * S))
    loss = QuadraticLoss(np.tile(H, (K, 1, 1)), np.tile(ystar, (K, 1)))
    a = np.repeat(grid, S)
    lin = np.linalg.eigvalsh(np.einsum("bni,bnm,bmj->bij", base.A, H, base.A))[:, 0]
    T = flows.horizon(40.0 / lin.min())
    W = model_gradient_flow(model, loss, a, np.zeros((K * S, p)), np.array([0.0, T / 2, T]), precise)[:, -1]

    def grad_hess(W):
        J = model.jac(W)
        resid = loss.grad(a[:, None] * model.f(W))                   # H (alpha h - y*)
        curvature = np.einsum("bn,bnp,bnq->bpq", resid, model.B, model.B)   # sum_k r_k b_k b_k^T (b = 1)
        return (np.einsum("bnp,bn->bp", J, resid) / a[:, None],
                np.einsum("bnp,bnm,bmq->bpq", J, loss.H, J) + curvature / a[:, None, None])

    for _ in range(8):            # Newton steps pin down the critical point the flow is converging to (4 left
                                  # one instance of seed 0 at a gradient of 2e-7: a few more converge quadratically)
        grad, hess = grad_hess(W)
        W = W - np.linalg.solve(hess, grad[..., None])[..., 0]
    grad, hess = grad_hess(W)
    if np.max(np.linalg.norm(grad, axis=-1)) > 1e-10:
        raise RuntimeError("the flow has not reached a critical point of F_alpha")
    rho = np.linalg.eigvalsh(hess)[:, 0]
    return {"alpha": grid[:, None] * np.ones((1, S)), "rho_alpha": rho.reshape(K, S),
            "rho_bar": np.broadcast_to(lin[None], (K, S))}


# ---------------------------------------------------------------------------------------------
# the linearised flow's limit (Section 2.3): the set of global minimisers of Fbar_alpha
# ---------------------------------------------------------------------------------------------
# Fbar_alpha(w) = R(alpha hbar(w))/alpha^2 with R(y) = 1/2 (y - y*)^T H (y - y*) and hbar(w) = Dh(w0)(w - w0)
# (h(w0) = 0): a convex quadratic with Hessian A^T H A (A = Dh(w0)), whose global minimisers form the affine
# set w* + ker A. The search runs over the number of parameters against outputs (p < n, p = n, and the
# overparameterised p > n the note treats next) and the loss's conditioning.
LINEARISED_SPACE = Configurations(n=[2, 3], p=[1, 2, 3, 5], kappa=Range(1.0, 4.0, log=True),
                                  constraints=(sp.Ge(kappa_cfg, 1),))


def linearised_minimisers(ctx, precise, config=None):
    """The gradient flow of Fbar_alpha (alpha = 8, w0 = 0, the linear model A w with singular values in
    [0.5, 1.5], H with spectrum [1, kappa], a random y*), in closed form; the dimension of Fbar_alpha's set of
    global minimisers (p - rank A^T H A), the distance of the flow to w* = w0 + (A^T H A)^+ A^T H y*/alpha
    (the global minimiser on w0 + ker A^perp, the one nearest w0) along time, and the rate the hyperspace's
    strong convexity gives (the smallest nonzero eigenvalue of A^T H A)."""
    c = {"n": 3, "p": 5, "kappa": 2.0, **(config or {})}
    rng = ctx.rng("linearised", salt(c))
    S, n, p = per_config(ctx, 4), int(c["n"]), int(c["p"])
    k = min(n, p)
    U, V = random_orthogonal(rng, S, n)[:, :, :k], random_orthogonal(rng, S, p)[:, :, :k]
    A = np.einsum("bik,bk,bjk->bij", U, rng.uniform(0.5, 1.5, (S, k)), V)
    H = spd_with_spectrum(rng, np.ones(S), np.full(S, float(c["kappa"])), n)
    ystar = rng.standard_normal((S, n))
    alpha = np.full(S, 8.0)
    G = np.einsum("bni,bnm,bmj->bij", A, H, A)                       # Hess Fbar_alpha
    ev = np.linalg.eigvalsh(G)
    tol = 1e-10 * ev[:, -1:]
    dim = (ev <= tol).sum(axis=-1)
    rate = np.where(ev > tol, ev, np.inf).min(axis=-1)
    wstar = np.einsum("bij,bj->bi", np.linalg.pinv(G, hermitian=True),
                      np.einsum("bni,bnm,bm->bi", A, H, ystar)) / alpha[:, None]
    # the flow w' = -(G w - c), c = A^T H y*/alpha, from w0 = 0, in closed form on G's eigenbasis (an eigenvalue 0
    # contributes t c_i: a drift along ker G, which c's component there would cause)
    tt = flows.time_grid(flows.horizon(12.0 / rate.min()), 40)
    lam, V = np.linalg.eigh(G)
    cv = np.einsum("bpi,bp->bi", V, np.einsum("bni,bnm,bm->bi", A, H, ystar) / alpha[:, None])
    lt = lam[:, None, :] * tt[None, :, None]
    gain = np.where(lam[:, None, :] > tol[:, None], -np.expm1(-lt) / np.where(lam > tol, lam, 1.0)[:, None, :],
                    tt[None, :, None])                                     # int_0^t exp(-lambda s) ds
    W = np.einsum("bpi,bti->btp", V, gain * cv[:, None, :])
    dist = np.linalg.norm(W - wstar[:, None], axis=-1)
    return {"argmin_dim": dim.astype(float), "dist_t": dist, "dist_0": dist[:, :1], "rate": rate[:, None],
            "t": tt[None, :]}


# ---------------------------------------------------------------------------------------------
# Theorem 2.5's limit: a strict local minimiser? (Section 2.3)
# ---------------------------------------------------------------------------------------------
# Theorem 2.5's hypotheses: F = R^n (separable), R strongly convex (quadratic, H with spectrum [1, kappa]),
# h(w0) = 0 and rank Dh(w) constant near w0. The models h(w) = g(P w), g(u) = A u + (1/2)(B u)^2 on R^r and P
# with orthonormal rows (r <= p), have rank Dh = r near w0 = 0 for every r: the search runs over r = p
# (Dh(w0) injective) and r < p (the rank constant but deficient, the hypothesis' edge), underparameterised
# (r < n) and not, at large alpha.
rank_cfg = sp.Symbol("r", positive=True, integer=True)
STRICT_SPACE = Configurations(n=[2, 3], p=[2, 3], r=[1, 2, 3], alpha=Range(32.0, 1024.0, log=True),
                              constraints=(sp.Le(rank_cfg, p_par), sp.Le(rank_cfg, n_out)),
                              when=lambda c: c["p"] - 1 <= c["r"] <= min(c["p"], c["n"]),
                              when_text="rank r = p (Dh(w0) injective) or p - 1 (deficient by one), r <= n")
STRICT_RADIUS = 1e-2


def strict_minimiser(ctx, precise, config=None):
    """The flow of F_alpha = R(alpha h)/alpha^2 from w0 = 0 (simulated in w; its limit refined by Newton's
    method in the coordinates u = P w, where F_alpha = G(u) has an invertible Hessian), then F_alpha on the
    sphere of radius 1e-2 around the limit w_oo, along +-e_i and +-(an orthonormal basis of ker P): the
    largest radius at which F_alpha(w_oo + r v) <= F_alpha(w_oo) + 1e-6 r^2 ||A^T H A|| (the sublevel set
    {F_alpha <= F_alpha(w_oo)} to the resolution of the simulation; a strict local minimiser has it reduced
    to w_oo, so the radius is 0), and rank Dh(w0) against p."""
    c = {"n": 3, "p": 3, "r": 2, "alpha": 64.0, **(config or {})}
    rng = ctx.rng("strict", salt(c))
    S, n, p, r = per_config(ctx, 4), int(c["n"]), int(c["p"]), int(c["r"])
    U, V = random_orthogonal(rng, S, n)[:, :, :r], random_orthogonal(rng, S, r)
    A0 = np.einsum("bik,bk,bjk->bij", U, rng.uniform(0.5, 1.5, (S, r)), V)
    B0 = rng.standard_normal((S, n, r)) / np.sqrt(r)
    Q = random_orthogonal(rng, S, p)
    P, K = np.swapaxes(Q[:, :, :r], 1, 2), Q[:, :, r:]                  # rows of P orthonormal; K spans ker P
    model = QuadraticModel(A0 @ P, B0 @ P, np.ones(S))
    H = spd_with_spectrum(rng, np.ones(S), np.full(S, 2.0), n)
    ystar = rng.standard_normal((S, n))
    loss = QuadraticLoss(H, ystar)
    a = np.full(S, float(c["alpha"]))
    G0 = np.einsum("bni,bnm,bmj->bij", A0, H, A0)
    # the flow over 3 of its time constants, then Newton's method (quadratic from there) to the limit it approaches
    T = flows.horizon(3.0 / np.linalg.eigvalsh(G0)[:, 0].min())
    # (loose tolerances: the flow only has to reach the basin Newton's method finishes in)
    W = model_gradient_flow(model, loss, a, np.zeros((S, p)), np.array([0.0, T]), precise, tolerances=(1e-4, 1e-8))[:, -1]
    small = QuadraticModel(A0, B0, np.ones(S))
    u = np.einsum("brp,bp->br", P, W)
    for _ in range(12):                # Newton in u = P w: the flow's limit to machine precision
        J = small.jac(u)
        resid = loss.grad(a[:, None] * small.f(u))
        grad = np.einsum("bnr,bn->br", J, resid) / a[:, None]
        hess = np.einsum("bnr,bnm,bmq->brq", J, H, J) + np.einsum("bn,bnr,bnq->brq", resid, B0, B0) / a[:, None, None]
        u = u - np.linalg.solve(hess, grad[..., None])[..., 0]
    if np.max(np.linalg.norm(grad, axis=-1)) > 1e-10:
        raise RuntimeError("the flow has not reached a critical point of F_alpha")
    w_lim = W - np.einsum("brp,br->bp", P, np.einsum("brp,bp->br", P, W)) + np.einsum("brp,br->bp", P, u)
    dirs = np.concatenate([np.broadcast_to(np.eye(p), (S, p, p)), np.swapaxes(K, 1, 2)], axis=1)
    dirs = np.concatenate([dirs, -dirs], axis=1)                          # (S, m, p) unit directions

    def F(w):
        return loss.value(per_instance(a, w.ndim) * model.f(w)) / per_instance(a, w.ndim - 1) ** 2

    rise = F(w_lim[:, None] + STRICT_RADIUS * dirs) - F(w_lim)[:, None]
    level = 1e-6 * STRICT_RADIUS**2 * np.linalg.eigvalsh(np.einsum("bni,bnm,bmj->bij", model.A, H, model.A))[:, -1]
    radius = np.where((rise <= level[:, None]).any(axis=1), STRICT_RADIUS, 0.0)
    rank = np.linalg.matrix_rank(model.jac(np.zeros((S, p))), tol=1e-10)
    return {"sublevel_radius": radius, "radius": np.full(S, STRICT_RADIUS), "rank": rank.astype(float),
            "p": np.full(S, float(p)), "alpha": a}
