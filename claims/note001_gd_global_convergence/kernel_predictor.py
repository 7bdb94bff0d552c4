"""Note 001, Section 5.3 (neural nets as a kernel predictor): the limit of the trained predictor."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.kernels import WidthBatch, relu_ntk
from verify.checks import Configurations, Domain
from verify.maths.models import unit_vectors
from .setting import n
from .network import RTOL_FIT, fit_seeds, memoized, until


# ---------------------------------------------------------------------------------------------
# Section 5.3: the limit of the trained predictor under du/dt = -(1/n) H* (u - y),
# d f(X_te)/dt = -(1/n) K_te (u - y): integrate both from 0 to oo with u(oo) = y
# ---------------------------------------------------------------------------------------------
Hsym = sp.Matrix([[sp.Symbol("H11", positive=True), sp.Symbol("H12", real=True)],
                   [sp.Symbol("H12", real=True), sp.Symbol("H22", positive=True)]])
Kte = sp.Matrix([sp.symbols("K1 K2", real=True)])
ysym = sp.Matrix(sp.symbols("y1 y2", real=True))
u0sym = sp.Matrix(sp.symbols("u01 u02", real=True))
f0 = sp.Symbol("f0", real=True)
_Iint = sp.Matrix(sp.symbols("I1 I2", real=True))          # int_0^oo (u - y) dt
_I_SOLVED = sp.solve(list(ysym - u0sym + Hsym * _Iint / n), list(_Iint), dict=True)[0]
F_TE_LIMIT = (f0 - (Kte * _Iint)[0] / n).subs(_I_SOLVED)
KP_DOMAINS = {"H11": Domain(2, 3), "H22": Domain(2, 3), "H12": Domain(-1, 1)}


PREDICTOR_WIDTHS = (64, 128, 256, 512, 1024, 2048, 4096)
PREDICTOR_TIME = 40.0
# the limit is of trained networks (t -> oo), checked at the horizon T = 40 (residual below 1e-4). A search over
# T in [40, 80] finds the same error (the networks have converged) but splits the confidence over the horizons,
# which 6 seeds cannot afford at the quick budget: one configuration
PREDICTOR_SPACE = Configurations(T=[PREDICTOR_TIME])
_PREDICTOR_GRID = np.array([PREDICTOR_TIME])


def trained_predictor_error(corrected):
    """root mean square over 16 unit test points of f(theta(T), X_te) - P(X_te) against the width m, for networks
    trained to the horizon T of PREDICTOR_SPACE (the grid time at or below it) on n = 2 orthonormal inputs in
    R^3 (H* = I/2), labels y = u(0) - e_0; P = K_te H*^{-1} y as written, or f(theta(0), X_te) + K_te H*^{-1}
    (y - u(0)). The written predictor's error is O(1) at every width, so 4 seeds decide it (its refutation is
    replayed at a tighter tolerance); the corrected one's O(1/sqrt m) decay needs 6."""
    def simulate(ctx, variable, precise, config):
        if variable != "m":
            raise ValueError(f"the trained predictor is simulated in the width m, not {variable}")
        S = fit_seeds(ctx, 6 if corrected else 4)

        def build():
            rng = ctx.rng("trained predictor")
            X = np.eye(3)[:2]
            batch = WidthBatch.coupled(rng, PREDICTOR_WIDTHS, S, X)
            e0 = rng.uniform(-1.5, 1.5, (S, 1, 2))
            batch = batch.with_labels(batch.outputs(batch.W0) - np.repeat(e0, len(PREDICTOR_WIDTHS), axis=1).reshape(-1, 2))
            Xte = unit_vectors(rng, 16, 3)
            W = batch.flow(np.concatenate([[0.0], _PREDICTOR_GRID]), precise, rtol=RTOL_FIT)
            Hinv_K = np.linalg.solve(relu_ntk(X), relu_ntk(Xte, X).T)        # H*^{-1} K_te^T, (n, te)
            target = batch.y @ Hinv_K                                                          # (I, te)
            if corrected:
                target = batch.outputs(W[0], Xte) + (batch.y - batch.outputs(W[0])) @ Hinv_K
            return np.sqrt(((batch.outputs(W[1:], Xte) - target) ** 2).mean(axis=-1))         # (grid, I)

        err = memoized(ctx, precise, f"trained predictor {corrected}", build)
        err = err[np.flatnonzero(until(_PREDICTOR_GRID, config["T"]))[-1]]
        return np.array(PREDICTOR_WIDTHS, float), err.reshape(S, -1).T
    return simulate
