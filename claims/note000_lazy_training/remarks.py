"""Note 000, the remarks (full rank, overparameterization): the ReLU initialisation and the averaged Gram matrices."""
from __future__ import annotations

import numpy as np
from verify.maths.models import TwoLayerReLU
from verify.maths.kernels import random_network_counts, relu_ntk


def relu_init(ctx, precise):
    """Two-layer ReLU networks at the symmetric initialisation (c = +-1, neurons in pairs)."""
    rng = ctx.rng("relu")
    S, width, dim, npts = ctx.budget.samples, 64, 5, 7
    X = rng.standard_normal((npts, dim))
    net = TwoLayerReLU.symmetric(rng, S, width, X)
    w0 = net.W.reshape(S, 1, -1)
    J = net.jac()
    return {"J_0": J, "w_0": w0, "f_0": net.f()[:, None, :],
            "scale": (np.linalg.norm(J, ord=2, axis=(-2, -1)) * np.linalg.norm(w0, axis=(-2, -1)))[:, None, None]}


def gram_average(ctx, draws, precise):
    """(1/m) J J^T for many independent symmetric networks of width m = 512, against K."""
    rng = ctx.rng("gram", str(precise))
    X = np.eye(3)[:2] @ np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.0, 0.0, 1.0]])
    X = np.vstack([X, [0.0, 0.6, 0.8]])
    width = 512
    G_ = 2.0 * (X @ X.T) * random_network_counts(rng, draws, width // 2, X)
    one = np.ones((1, 1, 1))
    return {"G": G_, "K": relu_ntk(X)[None], "m": width * one, "n": X.shape[0] * one}
