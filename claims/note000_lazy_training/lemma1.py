"""Note 000, Lemma 1: the samples its claims use."""
from __future__ import annotations

import numpy as np
from verify.maths.models import (QuadraticModel, per_instance,
                           sigma_min)
from claims._lazy_setting import N_OUT, P_PARAM


def lemma1_samples(ctx, precise, matrices=False):
    """Points w around a random w(0), for random smooth models and for models on which Lemma 1's bound
    is attained (sigma_min falling at the rate L along one direction, sigma_min and L on both sides of 1).
    Three quarters lie inside the hypothesis' ball ||w - w(0)|| <= r_0 = sigma_min/(2L), with their mass near
    its boundary (radius r_0 U^{1/8}, the first four points exactly at r_0), where the bound is tight; the
    rest lie in (r_0, 2.5 r_0], where a weaker radius, constant or exponent than the note's is violated."""
    rng = ctx.rng("lemma1")
    S, k = ctx.budget.samples, 64
    generic = QuadraticModel.random(rng, S, N_OUT, P_PARAM, beta=0.5)
    tight, v = QuadraticModel.tight(rng, S, N_OUT, P_PARAM, np.exp(rng.uniform(-1.5, 1.5, S)),
                                    np.exp(rng.uniform(-1.5, 1.5, S)))
    model = QuadraticModel(*(np.concatenate([getattr(generic, f), getattr(tight, f)]) for f in ("A", "B", "beta")))
    sig, Lip = sigma_min(model.A), model.lipschitz()
    inside = 3 * k // 4
    scale = np.concatenate([rng.uniform(0, 1, (2 * S, inside)) ** (1 / 8),
                            1 + 1.5 * rng.uniform(0, 1, (2 * S, k - inside)) ** (1 / 2)], axis=1)
    scale[:, :4] = 1.0
    radius = (sig / (2 * Lip))[:, None] * scale
    u = rng.standard_normal((2 * S, k, P_PARAM))
    u[S:, : k // 2] = v[:, None, :]                      # half the tight models' points along v
    pts = radius[..., None] * u / np.linalg.norm(u, axis=-1, keepdims=True)
    J = model.jac(pts)                                   # the model centred at w(0): J_w = model.jac(w - w(0))
    w0 = rng.standard_normal((2 * S, 1, P_PARAM))
    if matrices:
        return {"JJt_w": J @ np.swapaxes(J, -1, -2), "w": (w0 + pts)[:, :, None, :], "w_0": w0[:, :, None, :],
                "sigma_min": per_instance(sig, 4), "L": per_instance(Lip, 4)}
    return {"s_w": sigma_min(J)[..., None], "w": w0 + pts, "w_0": w0, "sigma_min": per_instance(sig, 3), "L": per_instance(Lip, 3)}
