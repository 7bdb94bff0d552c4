"""Note 003, Kurdyka-Lojasiewicz inequalities by composition: the points their claims sample."""
from __future__ import annotations

import numpy as np
from verify.checks import Configurations, Range
from verify.maths.models import QuadraticModel
from .setting import HAIR, col


# "L = l o F satisfies the KL inequality": under-parameterised shapes (K_theta singular) down to one
# parameter, linear to strongly curved models
COMPOSITION_SPACE = Configurations(
    n=[2, 4], params=[1, 3], beta=Range(0.0, 1.0),
    when=lambda c: c["params"] < c["n"], when_text="fewer parameters than outputs (K_theta singular)")


def composition_points(ctx, precise, config):
    """l o F at random theta for smooth models F(theta) = A theta + (beta/2)(B theta)^2: R^params -> R^n
    (config; fewer parameters than outputs, so K_theta is singular; beta = 0 is linear). Half the instances use l(f) = ||f - f*||^2/4 (KL with phi = log and constant exactly 1),
    half l(f) = exp(-w.f), ||w|| = 1 (KL with phi = -1/u, constant exactly 1), both scaled a HAIR so that
    the KL constant of l clears 1 after round-off; mu is the lower quartile of R(K_theta; grad l, grad l)
    over the points, so the Rayleigh hypothesis holds at three in four (with equality at one)."""
    nn, P_, beta_ = int(config["n"]), int(config["params"]), float(config["beta"])
    rng = ctx.rng("composition", f"n={nn} params={P_} beta={beta_:g}")
    S, k = ctx.budget.samples, 64
    model = QuadraticModel.random(rng, S, nn, P_, beta=beta_)
    th = rng.standard_normal((S, k, P_)) * 1.5
    f = model.f(th)                                                      # (S, k, n)
    J = model.jac(th)                                                    # (S, k, n, P)
    fstar = rng.standard_normal((S, 1, nn))
    w = rng.standard_normal((S, 1, nn))
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
