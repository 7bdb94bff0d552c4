"""Note 003, the reminder on Rayleigh quotients: symmetric draws and an under-parameterised flow."""
from __future__ import annotations

import numpy as np
from verify.checks import Configurations, Range
from verify.maths.models import random_orthogonal, spd_with_spectrum
from .setting import col

# "R(A; x, x) is a convex combination of eigenvalues": every dimension from 1, every kind of spectrum
SYMMETRIC_SPACE = Configurations(
    d=[1, 2, 4], spectrum=["spread", "indefinite", "degenerate"],
    when=lambda c: c["d"] > 1 or c["spectrum"] != "indefinite",
    when_text="an indefinite spectrum needs d >= 2")


def symmetric_draws(ctx, precise, config):
    """Random symmetric forms A in dimension d (config ``d``) and directions x. ``spectrum``: "spread"
    (PSD, eigenvalues from lambda_min in [0, 1] up to lambda_min + U(0.5, 10)), "indefinite" (eigenvalues of
    both signs, -10..10), "degenerate" (a multiple of I: every Rayleigh quotient equals both bounds). The
    first quarter of the directions are the extreme eigenvectors, where a bound is attained."""
    dim, kind = int(config["d"]), config["spectrum"]
    rng = ctx.rng("symmetric", f"d={dim} spectrum={kind}")
    S, k = ctx.budget.samples, 32
    lo = rng.uniform(0.0, 1.0, S * k)
    if kind == "spread":
        hi = lo + rng.uniform(0.5, 10.0, S * k) if dim > 1 else lo
    elif kind == "indefinite":
        lo, hi = -rng.uniform(0.1, 10.0, S * k), rng.uniform(0.1, 10.0, S * k)
    else:
        hi = lo
    Am = spd_with_spectrum(rng, lo, hi, dim)
    x = rng.standard_normal((S * k, dim))
    vec = np.linalg.eigh(Am)[1]
    q = S * k // 4
    x[:q // 2] = vec[:q // 2, :, 0] * rng.uniform(0.5, 2.0, (q // 2, 1))              # bottom eigenvector
    x[q // 2:q] = vec[q // 2:q, :, -1] * rng.uniform(0.5, 2.0, (q - q // 2, 1))        # top eigenvector
    return {"A": Am.reshape(S, k, dim, dim), "x": x.reshape(S, k, 1, dim)}


# "Rayleigh bounds are strictly weaker": every under-parameterised shape m < n, at any conditioning of K
UNDERPARAMETERIZED_SPACE = Configurations(
    n=[2, 5], m=[1, 4], cond=Range(1.0, 1e4, log=True),
    when=lambda c: c["m"] < c["n"], when_text="m < n (under-parameterised: K = A A^T singular)")


def underparameterized_flow(ctx, precise, config):
    """Least squares on F(theta) = A theta with A in R^{n x m}, m < n (config ``n``, ``m``), f* = A theta*:
    K = A A^T is singular, yet along the flow the gradient grad l = 2(f_theta - f*) stays in range(A), so
    R(K; grad l, grad l) >= mu, the smallest nonzero eigenvalue of K. The nonzero eigenvalues of K span
    the ratio ``cond`` (geometric; cond = 1: all equal). Closed form in the eigenbasis of K; the flow runs
    to 6 / mu, where only the bottom component is left and the quotient meets mu."""
    nn, mm, cond = int(config["n"]), int(config["m"]), float(config["cond"])
    rng = ctx.rng("underparameterized", f"n={nn} m={mm} cond={cond:g}")
    S = ctx.budget.samples
    U = random_orthogonal(rng, S, nn)[:, :, :mm]
    V = random_orthogonal(rng, S, mm)
    s = rng.uniform(0.5, 2.0, (S, 1)) * np.geomspace(1.0, cond ** -0.5, mm)[None, :]      # singular values
    Am = np.einsum("snk,sk,smk->snm", U, s, V)
    Km = Am @ np.swapaxes(Am, -1, -2)
    lam, Uk = np.linalg.eigh(Km)
    lam_pos, U_pos = lam[:, -mm:], Uk[:, :, -mm:]                       # range(A) = top-m eigenvectors
    r0 = np.einsum("snm,sm->sn", Am, rng.standard_normal((S, mm)))        # A (theta_0 - theta*)
    coef = np.einsum("snk,sn->sk", U_pos, r0)
    tt = np.linspace(0.0, 6.0, 61) / lam_pos[:, :1]                        # (S, T)
    r_t = np.einsum("snk,stk->stn", U_pos, coef[:, None, :] * np.exp(-2 * lam_pos[:, None, :] * tt[..., None]))
    return {"K": Km[:, None], "g": 2 * r_t[:, :, None, :], "mu": col(lam_pos[:, 0], 4)}
