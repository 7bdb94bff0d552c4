"""Note 002, parities, the hat-function network and S_d: path norms and the S_d Gram matrices."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import Configurations
from verify.checks.configurations import Config
from verify.notation import hat_sym
from verify.maths.features import (compositions_up_to, path_norm, torus_cosine_gram)
from .setting import d, i, j, v, x


# ---------------------------------------------------------------------------------------------
# Parities, the hat-function network and S_d
# ---------------------------------------------------------------------------------------------
VX = sp.Sum(v[i] * x[i], (i, 1, d))
HAT_NET = sp.Sum((-1) ** j * hat_sym(VX - j), (j, 0, d))
# its path norm, neuron by neuron (inner weights 2v with ||2v||_1 = 2d at worst, biases 1 - 2i, -2i, -1 - 2i)
_ip = sp.Symbol("i", positive=True, integer=True)


def _hat_path_norm(idx):
    return path_norm([(1, 2 * d, 1 - 2 * idx), (2, 2 * d, -2 * idx), (1, 2 * d, -1 - 2 * idx)])


PATH_NORM_PARITY = sp.simplify(_hat_path_norm(0) + sp.summation(_hat_path_norm(_ip), (_ip, 1, d)))
C_PARITY = PATH_NORM_PARITY.subs(d, 1)          # the constant exhibited for "C d^2": the value at d = 1
P_par = sp.Symbol("P_par", positive=True)
_sw = sp.Symbol("s", integer=True, nonnegative=True)
S_D_SIZE = sp.simplify(sp.summation(sp.binomial(_sw + d - 1, d - 1), (_sw, 0, d)))   # #{w in N^d: sum w <= d}
S_size = sp.Symbol("S_d_size", positive=True)


# (0.6): cos(t) = 1 - int_0^T cos(s) relu(t - s) ds on [0, T], T = 2 pi d (t = w.x with w in N^d, sum w <= d,
# x in [0, 2 pi]^d): a continuous two-layer ReLU network with neurons relu(w.x - s) (||(w, -s)||_1 <= d + s) and
# output weights -cos(s) ds, plus the output bias 1. Its path norm is 1 + int_0^T |cos s| (d + s) ds, computed
# half-period by half-period (s = k pi + u, |cos s| = |cos u|).
_u0 = sp.Symbol("u", nonnegative=True)
_kk = sp.Symbol("k", integer=True, nonnegative=True)
_HALF = (sp.integrate(sp.cos(_u0) * (d + _kk * sp.pi + _u0), (_u0, 0, sp.pi / 2))
         - sp.integrate(sp.cos(_u0) * (d + _kk * sp.pi + _u0), (_u0, sp.pi / 2, sp.pi)))
PATH_NORM_COS = sp.simplify(1 + sp.summation(_HALF, (_kk, 0, 2 * d - 1)))
C_COS = PATH_NORM_COS.subs(d, 1)                 # the constant exhibited for "<~ d^2": the value at d = 1
P_cos = sp.Symbol("P_cos", positive=True)


# S_d is stated for every d: the Gram matrix is computed exactly at d = 1..3 (d = 1 is the edge: {1, cos x};
# d = 4, 17^4 grid points, would cost 0.2 s per run)
SD_SPACE = Configurations(d=[1, 2, 3])


SD_GRAM_AT = Config(d=3)      # the configuration of a direct call
def sd_gram(ctx, precise, config=SD_GRAM_AT, normalised=False):
    """Gram matrix of S_d = {cos(w.x): w in N^d, sum w <= d} under Unif([0, 2 pi]^d), d = config["d"] (exact
    grid quadrature); ``normalised``: sqrt(2) cos(w.x) for w != 0."""
    dd = int(config["d"])
    W = compositions_up_to(dd, dd)
    if normalised:
        W = W[W.sum(axis=1) > 0]
    Gm = torus_cosine_gram(W) * (2.0 if normalised else 1.0)
    return {"G": Gm[None], "I": np.eye(len(W))[None], "unit": np.ones((1, 1, 1))}
