"""Note 000, the remarks (full rank, overparameterization): the ReLU initialisation and the averaged Gram matrices."""
from __future__ import annotations

import numpy as np
from verify.checks import Configurations
from verify.maths.models import TwoLayerReLU
from verify.maths.kernels import random_network_counts, relu_ntk

# "J_{w(0)} w(0) = 0 for ReLU": from one pair of neurons and inputs on the line up
RELU_SPACE = Configurations(width=[2, 64], d=[1, 5])


def relu_init(ctx, precise, config):
    """Two-layer ReLU networks at the symmetric initialisation (c = +-1, neurons in pairs) of width config
    ``width`` on 7 Gaussian inputs in R^d (config ``d``)."""
    width, dim = int(config["width"]), int(config["d"])
    rng = ctx.rng("relu", f"width={width} d={dim}")
    S, npts = ctx.budget.samples, 7
    X = rng.standard_normal((npts, dim))
    net = TwoLayerReLU.symmetric(rng, S, width, X)
    w0 = net.W.reshape(S, 1, -1)
    J = net.jac()
    return {"J_0": J, "w_0": w0, "f_0": net.f()[:, None, :],
            # ||J|| ||w(0)||; a network whose neurons are all inactive on the inputs (likely with one pair) has
            # J = 0 and J w(0) = 0 exactly: the floor makes its relative margin 0 rather than 0/0
            "scale": np.maximum(np.linalg.norm(J, ord=2, axis=(-2, -1)) * np.linalg.norm(w0, axis=(-2, -1)),
                                np.finfo(float).tiny)[:, None, None]}


# "(1/m) J J^T -> K": E[(1/m) J J^T] = K at every width, from one pair of neurons; generic inputs, and
# collinear ones on the line (x, -x, x/2: angles 0 and pi, where the arc-cosine kernel has its kinks)
GRAM_SPACE = Configurations(width=[2, 512], inputs=["generic", "collinear"])


def gram_average(ctx, draws, fresh, config):
    """(1/m) J J^T for many independent symmetric networks of width m = config ``width``, against K, on
    config ``inputs``: "generic" (three unit inputs in R^3 at angles of about 53 and 90 degrees) or
    "collinear" (x = 1, -1, 1/2 in R^1)."""
    width = int(config["width"])
    rng = ctx.rng("gram", str(fresh), f"width={width} inputs={config['inputs']}")
    if config["inputs"] == "collinear":
        X = np.array([[1.0], [-1.0], [0.5]])
    else:
        X = np.eye(3)[:2] @ np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.0, 0.0, 1.0]])
        X = np.vstack([X, [0.0, 0.6, 0.8]])
    G_ = 2.0 * (X @ X.T) * random_network_counts(rng, draws, width // 2, X)
    one = np.ones((1, 1, 1))
    return {"G": G_, "K": relu_ntk(X)[None], "m": width * one, "n": X.shape[0] * one}
