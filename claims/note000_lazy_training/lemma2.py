"""Note 000, Lemma 2 and its proof: the flows and the log-cosh losses."""
from __future__ import annotations

import numpy as np
from verify.maths.models import (QuadraticLoss, per_instance,
                           preconditioned_flow, spd_with_spectrum)


def lemma2_flow(ctx, precise):
    """z' = -Q(t) grad g(z) with g quadratic (extreme eigenvalues mu, nu) and lambda_min(Q(t)) >= lambda."""
    rng = ctx.rng("lemma2")
    S, dim = ctx.budget.samples, 4
    nu_v = rng.choice([2.0, 5.0, 20.0], S)
    lam_v = rng.choice([0.5, 1.0], S)
    loss = QuadraticLoss(spd_with_spectrum(rng, np.ones(S), nu_v, dim), rng.standard_normal((S, dim)))
    R0, R1 = rng.standard_normal((2, S, dim, dim))

    def Q(time):
        R = R0 * np.cos(3 * time) + R1 * np.sin(3 * time)
        return lam_v[:, None, None] * np.eye(dim) + R @ np.swapaxes(R, -1, -2)

    tt = np.linspace(0.0, 8.0, 120)
    Z = preconditioned_flow(Q, loss, rng.standard_normal((S, dim)) * 3, tt, precise)
    return {"z_t": Z, "z_0": Z[:, :1], "z_star": loss.zstar[:, None, :], "mu": per_instance(loss.mu, 3),
            "nu": per_instance(loss.nu, 3), "lambda": per_instance(lam_v, 3), "t": tt.reshape(1, -1, 1)}


def logcosh_losses(ctx, precise):
    """g(z) = mu/2 ||z||^2 + sum_k c_k log cosh(a_k . z): mu-strongly convex, nu-smooth with
    nu = mu + lambda_max(sum_k c_k a_k a_k^T), g(z*) = 0; shifted to a random minimiser z*, evaluated at random z."""
    rng = ctx.rng("logcosh")
    S, k, dim, terms = ctx.budget.samples, 64, 4, 6
    mu_v = rng.choice([0.1, 1.0, 3.0], S)
    A = rng.standard_normal((S, terms, dim))
    c = rng.uniform(0, 2, (S, terms))
    nu_v = mu_v + np.linalg.eigvalsh(np.einsum("bk,bki,bkj->bij", c, A, A))[:, -1]
    u = rng.standard_normal((S, k, dim))
    zz = u / np.linalg.norm(u, axis=-1, keepdims=True) * 10.0 ** rng.uniform(-3, 2, (S, k, 1))
    proj = np.einsum("bki,bji->bjk", A, zz)                                  # (S, k points, terms)
    logcosh = np.logaddexp(proj, -proj) - np.log(2.0)
    g = 0.5 * mu_v[:, None] * (zz**2).sum(-1) + (c[:, None, :] * logcosh).sum(-1)
    grad = mu_v[:, None, None] * zz + np.einsum("bjk,bki->bji", c[:, None, :] * np.tanh(proj), A)
    zstar = rng.standard_normal((S, 1, dim))                                  # g shifted: minimiser z*
    return {"z": zz + zstar, "z_star": zstar, "gbar_z": g[..., None], "grad_g": grad,
            "mu": per_instance(mu_v, 3), "nu": per_instance(nu_v, 3)}
