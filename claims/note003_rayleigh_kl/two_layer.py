"""Note 003, the two-layer network teaser: the trials and Gram matrices its claims use."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.checks import Configurations
from .setting import delta
from verify.maths.losses import (TwoLayerTanh,
                           loss_flow)


TWO_LAYER_WIDTH, TWO_LAYER_T, TWO_LAYER_EPS, TWO_LAYER_DELTA = 6, 60.0, 0.05, 0.1
TWO_LAYER = TwoLayerTanh.on(lambda s: np.sin(np.pi * s), nodes=12)


def two_layer_init(rng, trials, width=TWO_LAYER_WIDTH):
    """w_i ~ N(0, I_2), a_i ~ N(0, 1/m), m = ``width``."""
    W = rng.standard_normal((trials, width, 2))
    a = rng.standard_normal((trials, width, 1)) / np.sqrt(width)
    return np.concatenate([W, a], axis=-1)


# "Let eps > 0 and delta in (0, 1). There exists m ...": the statement is existential in m, so a search over
# eps, delta or targets at a fixed width would refute nothing; the space is the note's illustration, one
# configuration (the witness m = 6 for eps = 0.05, delta = 0.1)
TWO_LAYER_SPACE = Configurations(m=[TWO_LAYER_WIDTH], epsilon=[TWO_LAYER_EPS], delta=[TWO_LAYER_DELTA],
                                 constraints=(sp.Gt(delta, 0), sp.Lt(delta, 1)))


def two_layer_trials(ctx, trials, precise, config):
    """Independent initialisations, each followed by its gradient flow up to T (one ODE solve); eta is
    bounded by L(theta_T) because L decreases along the flow. The fast mode runs at rtol 1e-7: the event
    compares L(theta_T) with epsilon = 0.05, and the losses differ from rtol 1e-9's by 2e-9 at most
    (measured over 2000 trials; 2.4x fewer steps). The configuration is the note's illustration (m, eps,
    delta) = (6, 0.05, 0.1): m is the statement's existential witness."""
    rng = ctx.rng("two_layer")
    th0 = two_layer_init(rng, trials)
    Th = loss_flow(TWO_LAYER.grad, th0, np.array([0.0, TWO_LAYER_T]), np.ones(trials), precise,
                   tolerances=(1e-7, 1e-11))
    one = np.ones((1, 1))
    return {"eta": TWO_LAYER.loss(Th[:, -1])[:, None], "epsilon": float(config["epsilon"]) * one,
            "delta": float(config["delta"]) * one}


# "no over-parameterization here": widths from one neuron to the largest with 3m < 40 inputs
GRAM_SPACE = Configurations(m=[1, TWO_LAYER_WIDTH, 13])


def two_layer_gram(ctx, precise, config):
    """NTK Gram matrices of the two-layer network of width config ``m`` at initialisation on 40 inputs
    from the support of D (more inputs than the 3m parameters: m <= 13)."""
    width = int(config["m"])
    rng = ctx.rng("two_layer_gram", f"m={width}")
    S = ctx.budget.samples
    net = TwoLayerTanh.on(lambda s: np.sin(np.pi * s), nodes=40)
    J = net.jacobian(two_layer_init(rng, S, width))
    return {"K": J @ np.swapaxes(J, -1, -2), "m": np.full((S, 1, 1), float(width))}
