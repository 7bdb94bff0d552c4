"""Note 003, the two-layer network teaser: the trials and Gram matrices its claims use."""
from __future__ import annotations

import numpy as np
from verify.maths.losses import (TwoLayerTanh,
                           loss_flow)


TWO_LAYER_WIDTH, TWO_LAYER_T, TWO_LAYER_EPS, TWO_LAYER_DELTA = 6, 60.0, 0.05, 0.1
TWO_LAYER = TwoLayerTanh.on(lambda s: np.sin(np.pi * s), nodes=12)


def two_layer_init(rng, trials):
    """w_i ~ N(0, I_2), a_i ~ N(0, 1/m)."""
    W = rng.standard_normal((trials, TWO_LAYER_WIDTH, 2))
    a = rng.standard_normal((trials, TWO_LAYER_WIDTH, 1)) / np.sqrt(TWO_LAYER_WIDTH)
    return np.concatenate([W, a], axis=-1)


def two_layer_trials(ctx, trials, precise):
    """Independent initialisations, each followed by its gradient flow up to T (one ODE solve); eta is
    bounded by L(theta_T) because L decreases along the flow. The fast mode runs at rtol 1e-7: the event
    compares L(theta_T) with epsilon = 0.05, and the losses differ from rtol 1e-9's by 2e-9 at most
    (measured over 2000 trials; 2.4x fewer steps)."""
    rng = ctx.rng("two_layer")
    th0 = two_layer_init(rng, trials)
    Th = loss_flow(TWO_LAYER.grad, th0, np.array([0.0, TWO_LAYER_T]), np.ones(trials), precise,
                   tolerances=(1e-7, 1e-11))
    one = np.ones((1, 1))
    return {"eta": TWO_LAYER.loss(Th[:, -1])[:, None], "epsilon": TWO_LAYER_EPS * one,
            "delta": TWO_LAYER_DELTA * one}


def two_layer_gram(ctx, precise):
    """NTK Gram matrices of the two-layer network at initialisation on 40 inputs from the support of D
    (more inputs than the 3m = 18 parameters)."""
    rng = ctx.rng("two_layer_gram")
    S = ctx.budget.samples
    net = TwoLayerTanh.on(lambda s: np.sin(np.pi * s), nodes=40)
    J = net.jacobian(two_layer_init(rng, S))
    return {"K": J @ np.swapaxes(J, -1, -2), "m": np.full((S, 1, 1), float(TWO_LAYER_WIDTH))}
