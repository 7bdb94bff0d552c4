"""Note 003, Kurdyka-Lojasiewicz inequalities by composition: the points their claims sample."""
from __future__ import annotations

import numpy as np
from verify.maths.models import QuadraticModel
from .setting import HAIR, col


COMP_OUT, COMP_PARAM = 4, 3


def composition_points(ctx, precise):
    """l o F at random theta for smooth models F: R^3 -> R^4 (fewer parameters than outputs, so K_theta
    is singular). Half the instances use l(f) = ||f - f*||^2/4 (KL with phi = log and constant exactly 1),
    half l(f) = exp(-w.f), ||w|| = 1 (KL with phi = -1/u, constant exactly 1), both scaled a HAIR so that
    the KL constant of l clears 1 after round-off; mu is the lower quartile of R(K_theta; grad l, grad l)
    over the points, so the Rayleigh hypothesis holds at three in four (with equality at one)."""
    rng = ctx.rng("composition")
    S, k = ctx.budget.samples, 64
    model = QuadraticModel.random(rng, S, COMP_OUT, COMP_PARAM, beta=0.5)
    th = rng.standard_normal((S, k, COMP_PARAM)) * 1.5
    f = model.f(th)                                                      # (S, k, n)
    J = model.jac(th)                                                    # (S, k, n, P)
    fstar = rng.standard_normal((S, 1, COMP_OUT))
    w = rng.standard_normal((S, 1, COMP_OUT))
    w *= (1 + HAIR) / np.linalg.norm(w, axis=-1, keepdims=True)
    c = (1 + HAIR) / 4
    square = (np.arange(S) % 2 == 0)[:, None, None]
    ell_v = np.where(square[..., 0], c * ((f - fstar) ** 2).sum(-1), np.exp(-(w * f).sum(-1)))
    grad = np.where(square, 2 * c * (f - fstar), -w * ell_v[..., None])
    Km = J @ np.swapaxes(J, -1, -2)
    GL = (np.einsum("sknp,skn->skp", J, grad) ** 2).sum(-1)
    ray = np.einsum("ski,skij,skj->sk", grad, Km, grad) / (grad**2).sum(-1)
    return {"L": ell_v[..., None, None], "ell": ell_v[..., None, None], "G_L": GL[..., None, None],
            "G_ell": (grad**2).sum(-1)[..., None, None], "K": Km, "g": grad[:, :, None, :],
            "mu": col(np.quantile(ray, 0.25, axis=1, method="lower"), 4),
            "p": col(np.where(square[:, 0, 0], 0.0, -1.0), 4)}
