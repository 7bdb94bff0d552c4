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
def kernel_limit(k: int):
    """At k training points: H* (symmetric), K_te (1 x k), y, u(0), f(theta(0), X_te) and the limit of
    f(theta(t), X_te), int_0^oo (u - y) dt = I solved from u(oo) - u(0) = y - u(0) = -(1/n) H* I."""
    H = sp.Matrix(k, k, lambda a, b: sp.Symbol(f"H{min(a, b) + 1}{max(a, b) + 1}", **({"positive": True} if a == b else {"real": True})))
    K = sp.Matrix([sp.symbols(f"K1:{k + 1}", real=True)])
    yv, u0 = sp.Matrix(sp.symbols(f"y1:{k + 1}", real=True)), sp.Matrix([sp.Symbol(f"u0{i}", real=True) for i in range(1, k + 1)])
    f_0 = sp.Symbol("f0", real=True)
    integral = sp.Matrix(sp.symbols(f"I1:{k + 1}", real=True))          # int_0^oo (u - y) dt
    solved = sp.solve(list(yv - u0 + H * integral / n), list(integral), dict=True)[0]
    return H, K, yv, u0, f_0, (f_0 - (K * integral)[0] / n).subs(solved)


def kernel_predictor_at(k: int):
    """The corrected kernel predictor at k training points (AtSizes's family)."""
    H, K, yv, u0, f_0, limit = kernel_limit(k)
    return sp.Eq(limit, f_0 + (K * H.inv() * (yv - u0))[0], evaluate=False)


Hsym, Kte, ysym, u0sym, f0, F_TE_LIMIT = kernel_limit(2)


def kp_domains(k: int):
    """H*_ii in [2, 3] (k = 2) or [k, k + 1], H*_ij in [-1, 1]: diagonally dominant, so invertible"""
    return {f"H{a}{b}": Domain(max(2, k), max(2, k) + 1) if a == b else Domain(-1, 1)
            for a in range(1, k + 1) for b in range(a, k + 1)}


KP_DOMAINS = kp_domains(2)


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
