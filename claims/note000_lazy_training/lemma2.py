"""Note 000, Lemma 2 and its proof: the flows and the log-cosh losses."""
from __future__ import annotations

import numpy as np
from verify.checks import Configurations, Range
from claims._lazy_setting import SETTING_FACTS
from verify.maths.models import (QuadraticLoss, per_instance,
                           preconditioned_flow, spd_with_spectrum)


# Lemma 2: mu = nu (kappa = 1) to ill-conditioned losses; a rotating preconditioner above lambda I, and
# Q = lambda I exactly, the hypothesis' boundary, started on the bottom eigenvector (the rate is attained)
LEMMA2_SPACE = Configurations(kappa=Range(1.0, 20.0, log=True), Q=["rotating", "lambda I"],
                              constraints=SETTING_FACTS[1:])


def lemma2_flow(ctx, precise, config):
    """z' = -Q(t) grad g(z) with g quadratic, extreme Hessian eigenvalues mu = 1 and nu = config ``kappa``,
    and lambda_min(Q(t)) >= lambda (lambda = 0.5 or 1). config ``Q`` = "rotating": Q(t) = lambda I + R(t)
    R(t)^T with R rotating, from random z(0); "lambda I": Q = lambda I exactly (the hypothesis' boundary),
    closed form, odd instances started on the bottom eigenvector where ||z(t) - z*|| = ||z(0) - z*||
    e^{-mu lambda t}. Time runs to 8."""
    kap = float(config["kappa"])
    rng = ctx.rng("lemma2", f"kappa={kap:g} Q={config['Q']}")
    S, dim = ctx.budget.samples, 4
    lam_v = rng.choice([0.5, 1.0], S)
    loss = QuadraticLoss(spd_with_spectrum(rng, np.ones(S), np.full(S, kap), dim), rng.standard_normal((S, dim)))
    tt = np.linspace(0.0, 8.0, 120)
    z0 = rng.standard_normal((S, dim)) * 3
    if config["Q"] == "lambda I":
        h, U = np.linalg.eigh(loss.H)
        z0[1::2] = loss.zstar[1::2] + 3 * U[1::2, :, 0]
        c0 = np.einsum("bij,bi->bj", U, z0 - loss.zstar)
        Z = loss.zstar[:, None, :] + np.einsum("bij,btj->bti", U, c0[:, None, :] * np.exp(
            -lam_v[:, None, None] * h[:, None, :] * tt[None, :, None]))
    else:
        R0, R1 = rng.standard_normal((2, S, dim, dim))

        def Q(time):
            R = R0 * np.cos(3 * time) + R1 * np.sin(3 * time)
            return lam_v[:, None, None] * np.eye(dim) + R @ np.swapaxes(R, -1, -2)

        Z = preconditioned_flow(Q, loss, z0, tt, precise)
    return {"z_t": Z, "z_0": Z[:, :1], "z_star": loss.zstar[:, None, :], "mu": per_instance(loss.mu, 3),
            "nu": per_instance(loss.nu, 3), "lambda": per_instance(lam_v, 3), "t": tt.reshape(1, -1, 1)}


# Lemma 2's proof (Lojasiewicz, sandwich): mu from 0.01 to 10; log-cosh losses, and quadratic ones, on
# which both inequalities are equalities along the extreme eigenvectors (the extremal family)
LOGCOSH_SPACE = Configurations(mu=Range(0.01, 10.0, log=True), g=["log-cosh", "quadratic"],
                               constraints=SETTING_FACTS[1:])


def logcosh_losses(ctx, precise, config):
    """g(z) = mu/2 ||z||^2 + sum_k c_k log cosh(a_k . z) (config ``g`` = "log-cosh") or g(z) = 1/2 z^T H z
    with the extreme eigenvalues of H mu and 1 + 10 mu ("quadratic"): mu-strongly convex (mu = config
    ``mu``), nu-smooth with nu = mu + lambda_max(sum_k c_k a_k a_k^T), resp. lambda_max(H), g(z*) = 0;
    shifted to a random minimiser z*, evaluated at random z of norms 1e-3 .. 1e2, a quarter of them on
    the extreme eigenvectors of H (where the quadratic's Lojasiewicz and sandwich bounds are equalities)."""
    mu_ = float(config["mu"])
    rng = ctx.rng("logcosh", f"mu={mu_:g} g={config['g']}")
    S, k, dim, terms = ctx.budget.samples, 64, 4, 6
    mu_v = np.full(S, mu_)
    A = rng.standard_normal((S, terms, dim))
    c = rng.uniform(0, 2, (S, terms))
    if config["g"] == "quadratic":
        H = spd_with_spectrum(rng, mu_v, 1.0 + 10 * mu_v, dim)
        c = np.zeros((S, terms))
    else:
        H = mu_v[:, None, None] * np.eye(dim)
    nu_v = np.linalg.eigvalsh(H + np.einsum("bk,bki,bkj->bij", c, A, A))[:, -1]
    u = rng.standard_normal((S, k, dim))
    vec = np.linalg.eigh(H)[1]
    u[:, : k // 8] = vec[:, None, :, 0]                                       # bottom and top eigenvectors
    u[:, k // 8: k // 4] = vec[:, None, :, -1]
    zz = u / np.linalg.norm(u, axis=-1, keepdims=True) * 10.0 ** rng.uniform(-3, 2, (S, k, 1))
    proj = np.einsum("bki,bji->bjk", A, zz)                                  # (S, k points, terms)
    logcosh = np.logaddexp(proj, -proj) - np.log(2.0)
    g = 0.5 * np.einsum("bji,bil,bjl->bj", zz, H, zz) + (c[:, None, :] * logcosh).sum(-1)
    grad = np.einsum("bil,bjl->bji", H, zz) + np.einsum("bjk,bki->bji", c[:, None, :] * np.tanh(proj), A)
    zstar = rng.standard_normal((S, 1, dim))                                  # g shifted: minimiser z*
    return {"z": zz + zstar, "z_star": zstar, "gbar_z": g[..., None], "grad_g": grad,
            "mu": per_instance(mu_v, 3), "nu": per_instance(nu_v, 3)}
