"""Note 002, Theorem 7: gradients for an orthonormal class (and the hinge gradients)."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import (Configurations, cube_mean)
from verify.checks import Config, remembered
from verify.maths.features import (TanhNet,
                             parity_matrix, cube)
from verify.maths.models import per_instance
from .setting import config_text, shared, x


# ---------------------------------------------------------------------------------------------
# Theorem 7: gradients for an orthonormal class
# ---------------------------------------------------------------------------------------------
T7_D, T7_WIDTH = 4, 3
# Theorem 7 and the hinge step range over models and orthonormal classes: the cube's dimension (its edge d = 2
# and the note's d = 4), random tanh networks, the extremal model h = sum_v c_v f_v(x), whose gradient
# (f_v(x))_v lies in the span of the class, so Bessel's inequality (0.10) is an equality (Parseval), and the
# other extreme h = c 1(x = 0), whose gradient has the same inner product 2^-d with every parity: the variance
# over the class vanishes
T7_SPACE = Configurations(d=[2, T7_D], model=["tanh", "parities", "point"])


def _parity_features(S, d):
    """grad_c h(x) = (f_v(x))_v for h = sum_v c_v f_v: shape (S, 2^d, 2^d)."""
    return np.broadcast_to(parity_matrix(d).T, (S, 2**d, 2**d))


def _point_features(S, X):
    """grad_c h(x) = 1(x = 0) for h = c 1(x = 0): shape (S, 2^d, 1)."""
    return np.broadcast_to(np.all(X == 0, axis=1).astype(float)[None, :, None], (S, X.shape[0], 1))


ORTHONORMAL_GRADIENTS_AT = Config(d=T7_D, model="tanh")      # the configuration of a direct call
@remembered
def orthonormal_gradients(ctx, precise, config=ORTHONORMAL_GRADIENTS_AT):
    """Square-loss gradients grad R^f = 2 E_x[(h - f) grad h] on {0,1}^d (d = config["d"]) for every parity f,
    of random tanh networks (model "tanh", width 3), of h = sum_v c_v f_v with random c (model "parities") or of
    h = c 1(x = 0) with random c (model "point"); even instances take the whole parity class, odd ones a random
    half of it."""
    rng = ctx.rng("t7", config_text(config))
    S, dd = shared(ctx, T7_SPACE, ctx.budget.samples, 2), int(config["d"])
    X = cube(dd).astype(float)
    P = parity_matrix(dd)                                                     # (F, N)
    if config["model"] == "parities":
        c = rng.standard_normal((S, P.shape[0]))
        h, gh = c @ P, _parity_features(S, dd)
    elif config["model"] == "point":
        gh = _point_features(S, X)
        h = rng.standard_normal((S, 1)) * gh[..., 0]
    else:
        net = TanhNet.random(rng, S, T7_WIDTH, dd)
        h, gh = net.value(X), net.grad(X)                                     # (S, N), (S, N, p)
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


HINGE_GRADIENTS_AT = Config(d=T7_D, model="tanh")      # the configuration of a direct call
def hinge_gradients(ctx, precise, config=HINGE_GRADIENTS_AT):
    """Hinge-loss gradients of h = tanh(u) (|h| < 1) for all 2^d parities on {0,1}^d (d = config["d"]), u a random
    tanh network (model "tanh"), u = sum_v c_v f_v with small c (model "parities": grad h = (1 - h^2) f_v, nearly in
    the span of the class, where Bessel's step is nearly an equality) or u = c 1(x = 0) (model "point")."""
    rng = ctx.rng("hinge", config_text(config))
    S, dd = shared(ctx, T7_SPACE, ctx.budget.samples, 2), int(config["d"])
    X = cube(dd).astype(float)
    P = parity_matrix(dd)
    if config["model"] == "parities":
        u = (0.1 * rng.standard_normal((S, P.shape[0]))) @ P
        gu = _parity_features(S, dd)
    elif config["model"] == "point":
        gu = _point_features(S, X)
        u = rng.standard_normal((S, 1)) * gu[..., 0]
    else:
        net = TanhNet.random(rng, S, T7_WIDTH, dd, scale=2.0)
        u, gu = net.value(X), net.grad(X)
    h = np.tanh(u)
    gh = (1 - h**2)[..., None] * gu
    active = (1 - h[:, None, :] * P[None]) > 0                               # hinge is active
    grads = -np.einsum("fn,sfn,snp->sfp", P, active, gh) / X.shape[0]
    inner = np.einsum("fn,snp->sfp", P, gh) / X.shape[0]
    return {"H2": per_instance(np.mean(np.sum(grads**2, axis=-1), axis=1), 2),
            "S_F": per_instance(np.sum(np.sum(inner**2, axis=-1), axis=1) / P.shape[0], 2),
            "G_theta": per_instance(np.mean(np.sum(gh**2, axis=-1), axis=1), 2), "d": np.full((1, 1), float(dd))}


# (0.9): the expectation under the uniform P on a class of |F| = N functions
NF = sp.Symbol("N_F", positive=True, integer=True)
fi = sp.Symbol("f", integer=True, positive=True)
XF = sp.IndexedBase("X")
PU = sp.Symbol("P_f", positive=True)

h_ = sp.Function("h")
f = sp.Function("f")
th_ = sp.Symbol("theta", real=True)
RISK_F = cube_mean((h_(x[1], th_) - f(x[1])) ** 2, x, 1)
