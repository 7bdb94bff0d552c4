"""Note 003, the reminder on Rayleigh quotients: symmetric draws and an under-parameterised flow."""
from __future__ import annotations

import numpy as np
from verify.maths.models import spd_with_spectrum
from .setting import col


def symmetric_draws(ctx, precise):
    """Random symmetric PSD matrices (d = 4, spread spectra) and directions."""
    rng = ctx.rng("symmetric")
    S, k, dim = ctx.budget.samples, 32, 4
    lo = rng.uniform(0.0, 1.0, S * k)
    Am = spd_with_spectrum(rng, lo, lo + rng.uniform(0.5, 10.0, S * k), dim).reshape(S, k, dim, dim)
    return {"A": Am, "x": rng.standard_normal((S, k, 1, dim))}


def underparameterized_flow(ctx, precise):
    """Least squares on F(theta) = A theta with A in R^{n x m}, m = 2 < n = 5, f* = A theta*: K = A A^T is
    singular, yet along the flow the gradient grad l = 2(f_theta - f*) stays in range(A), so
    R(K; grad l, grad l) >= the smallest nonzero eigenvalue of K. Closed form in the eigenbasis of K."""
    rng = ctx.rng("underparameterized")
    S, nn, mm = ctx.budget.samples, 5, 2
    Am = rng.standard_normal((S, nn, mm))
    Km = Am @ np.swapaxes(Am, -1, -2)
    lam, U = np.linalg.eigh(Km)
    lam_pos, U_pos = lam[:, -mm:], U[:, :, -mm:]                         # range(A) = top-m eigenvectors
    r0 = np.einsum("snm,sm->sn", Am, rng.standard_normal((S, mm)))        # A (theta_0 - theta*)
    coef = np.einsum("snk,sn->sk", U_pos, r0)
    tt = np.linspace(0.0, 6.0, 61) / lam_pos[:, :1]                        # (S, T)
    r_t = np.einsum("snk,stk->stn", U_pos, coef[:, None, :] * np.exp(-2 * lam_pos[:, None, :] * tt[..., None]))
    return {"K": Km[:, None], "g": 2 * r_t[:, :, None, :], "mu": col(lam_pos[:, 0], 4)}
