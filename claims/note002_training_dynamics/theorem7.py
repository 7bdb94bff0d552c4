"""Note 002, Theorem 7: gradients for an orthonormal class (and the hinge gradients)."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import (cube_mean)
from verify.maths.features import (TanhNet,
                             parity_matrix, cube)
from verify.maths.models import per_instance
from .setting import x


# ---------------------------------------------------------------------------------------------
# Theorem 7: gradients for an orthonormal class
# ---------------------------------------------------------------------------------------------
T7_D, T7_WIDTH = 4, 3


def orthonormal_gradients(ctx, precise):
    """Square-loss gradients grad R^f = 2 E_x[(h - f) grad h] of random tanh networks on {0,1}^4 for
    every parity f; even instances take the whole parity class, odd ones a random half of it."""
    rng = ctx.rng("t7")
    S = ctx.budget.samples
    X = cube(T7_D).astype(float)
    P = parity_matrix(T7_D)                                                   # (F, N)
    net = TanhNet.random(rng, S, T7_WIDTH, T7_D)
    h, gh = net.value(X), net.grad(X)                                         # (S, N), (S, N, p)
    member = np.ones((S, P.shape[0]))
    half = np.argsort(rng.uniform(size=(S, P.shape[0])), axis=1) < P.shape[0] // 2
    member[1::2] = half[1::2]
    size = member.sum(axis=1)
    inner = np.einsum("fn,snp->sfp", P, gh) / X.shape[0]                      # <f, grad h>
    C_theta = np.einsum("sn,snp->sp", h, gh) / X.shape[0]
    grads = 2 * (C_theta[:, None, :] - inner)                                 # grad R^f, all f
    g_mean = np.einsum("sf,sfp->sp", member, grads) / size[:, None]
    var = np.einsum("sf,sf->s", member, np.sum((grads - g_mean[:, None]) ** 2, axis=-1)) / size
    second = np.einsum("sf,sf->s", member, np.sum(inner**2, axis=-1)) / size
    bound = np.mean(np.sum(gh**2, axis=-1), axis=1)
    return {"V": per_instance(var, 2), "M2": per_instance(second, 2), "S_F": per_instance(second, 2), "B": per_instance(bound, 2),
            "F_size": per_instance(size, 2)}


def hinge_gradients(ctx, precise):
    """Hinge-loss gradients of h = tanh(net) (|h| < 1) for all 2^d parities on {0,1}^4."""
    rng = ctx.rng("hinge")
    S = ctx.budget.samples
    X = cube(T7_D).astype(float)
    P = parity_matrix(T7_D)
    net = TanhNet.random(rng, S, T7_WIDTH, T7_D, scale=2.0)
    u = net.value(X)
    h = np.tanh(u)
    gh = (1 - h**2)[..., None] * net.grad(X)
    active = (1 - h[:, None, :] * P[None]) > 0                               # hinge is active
    grads = -np.einsum("fn,sfn,snp->sfp", P, active, gh) / X.shape[0]
    inner = np.einsum("fn,snp->sfp", P, gh) / X.shape[0]
    return {"H2": per_instance(np.mean(np.sum(grads**2, axis=-1), axis=1), 2),
            "S_F": per_instance(np.sum(np.sum(inner**2, axis=-1), axis=1) / P.shape[0], 2),
            "G_theta": per_instance(np.mean(np.sum(gh**2, axis=-1), axis=1), 2), "d": np.full((1, 1), float(T7_D))}


# (0.9): the expectation under the uniform P on a class of |F| = N functions
NF = sp.Symbol("N_F", positive=True, integer=True)
fi = sp.Symbol("f", integer=True, positive=True)
XF = sp.IndexedBase("X")
PU = sp.Symbol("P_f", positive=True)

h_ = sp.Function("h")
f = sp.Function("f")
th_ = sp.Symbol("theta", real=True)
RISK_F = cube_mean((h_(x[1], th_) - f(x[1])) ** 2, x, 1)
