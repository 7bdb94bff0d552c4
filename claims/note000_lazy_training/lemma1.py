"""Note 000, Lemma 1: the samples its claims use."""
from __future__ import annotations

import numpy as np
from verify.checks import Configurations
from verify.maths.models import (QuadraticModel, per_instance,
                           sigma_min)
from claims._lazy_setting import SETTING_FACTS

# Lemma 1 (and its use ||w - w(0)|| < tau_0): Jacobians n x p from one output to a square one (p = n, the
# smallest p with full row rank) and a wide one
LEMMA1_SPACE = Configurations(outputs=[1, 3], params=[3, 12], constraints=SETTING_FACTS[:1])


def lemma1_samples(ctx, precise, config, matrices=False):
    """Points w around a random w(0), for random smooth models f: R^p -> R^n (config ``outputs`` n,
    ``params`` p) and for models on which Lemma 1's bound is attained (sigma_min falling at the rate L
    along one direction, sigma_min and L on both sides of 1: the extremal family).
    Three quarters lie inside the hypothesis' ball ||w - w(0)|| <= r_0 = sigma_min/(2L), with their mass near
    its boundary (radius r_0 U^{1/8}, the first four points exactly at r_0), where the bound is tight; the
    rest lie in (r_0, 2.5 r_0], where a weaker radius, constant or exponent than the note's is violated."""
    n_out, P_ = int(config["outputs"]), int(config["params"])
    rng = ctx.rng("lemma1", f"outputs={n_out} params={P_}")
    S, k = ctx.budget.samples, 64
    generic = QuadraticModel.random(rng, S, n_out, P_, beta=0.5)
    tight, v = QuadraticModel.tight(rng, S, n_out, P_, np.exp(rng.uniform(-1.5, 1.5, S)),
                                    np.exp(rng.uniform(-1.5, 1.5, S)))
    model = QuadraticModel(*(np.concatenate([getattr(generic, f), getattr(tight, f)]) for f in ("A", "B", "beta")))
    sig, Lip = sigma_min(model.A), model.lipschitz()
    J0 = np.linalg.norm(model.A, ord=2, axis=(-2, -1))
    inside = 3 * k // 4
    scale = np.concatenate([rng.uniform(0, 1, (2 * S, inside)) ** (1 / 8),
                            1 + 1.5 * rng.uniform(0, 1, (2 * S, k - inside)) ** (1 / 2)], axis=1)
    scale[:, :4] = 1.0
    radius = (sig / (2 * Lip))[:, None] * scale
    u = rng.standard_normal((2 * S, k, P_))
    u[S:, : k // 2] = v[:, None, :]                      # half the tight models' points along v
    pts = radius[..., None] * u / np.linalg.norm(u, axis=-1, keepdims=True)
    J = model.jac(pts)                                   # the model centred at w(0): J_w = model.jac(w - w(0))
    w0 = rng.standard_normal((2 * S, 1, P_))
    if matrices:
        return {"JJt_w": J @ np.swapaxes(J, -1, -2), "w": (w0 + pts)[:, :, None, :], "w_0": w0[:, :, None, :],
                "sigma_min": per_instance(sig, 4), "L": per_instance(Lip, 4), "J0": per_instance(J0, 4)}
    return {"s_w": sigma_min(J)[..., None], "w": w0 + pts, "w_0": w0, "sigma_min": per_instance(sig, 3), "L": per_instance(Lip, 3),
            "J0": per_instance(J0, 3)}
