"""Note 001, Section 5.1 (Claim 1, initialization): Hoeffding's inequality and the concentration of H(0)."""
from __future__ import annotations

import math
import numpy as np
import sympy as sp
from verify.maths.kernels import finite_width_gram, relu_ntk
from .setting import delta, eps, n
from .network import inputs, z_


# ---------------------------------------------------------------------------------------------
# Section 5.1: Hoeffding (two-sided, Z_i in [-1, 1]: Pr[|mean - E| >= s] <= 2 exp(-n s^2 / 2))
# ---------------------------------------------------------------------------------------------
_s_tail = sp.Symbol("s", positive=True)
HOEFFDING_RADIUS = [r for r in sp.solve(sp.Eq(2 * sp.exp(-n * _s_tail**2 / 2), delta), _s_tail) if r.is_positive is not False][0]
HOEFFDING_N = sp.solve(sp.Eq(HOEFFDING_RADIUS, eps), n)[0]          # 2 log(2/delta) / eps^2
_ii, _jj = sp.symbols("i j", positive=True, integer=True)
FROB_FROM_ENTRIES = sp.sqrt(sp.Sum(eps**2, (_ii, 1, n), (_jj, 1, n)).doit())    # sqrt(sum of n^2 entries^2)

GAUSS_DENSITY = sp.exp(-z_**2 / 2) / sp.sqrt(2 * sp.pi)


HOEFFDING_EPS = 0.9


def rademacher_means(C_value):
    """n = 1 Rademacher variable (|Z| <= 1, E Z = 0) at delta = exp(-0.9 eps^2 / C): then
    C log(1/delta) / eps^2 = 0.9 <= n, so the stated width condition holds, yet |Z| = 1 > eps."""
    def simulate(ctx, trials, precise):
        Z = ctx.rng("rademacher").choice([-1.0, 1.0], size=(trials, 1))
        dlt = math.exp(-0.9 * HOEFFDING_EPS**2 / C_value)
        one = np.ones((1, 1))
        return {"Zbar": Z, "EZ": 0 * one, "epsilon": HOEFFDING_EPS * one, "delta": dlt * one, "n": one, "C": C_value * one}
    return simulate


def hoeffding_draws(ctx, trials, precise):
    """Means of n = 40 variables uniform on [-1, 1] (E Z = 0), delta = 0.05."""
    Z = ctx.rng("uniform").uniform(-1, 1, (trials, 40)).mean(axis=1, keepdims=True)
    one = np.ones((1, 1))
    return {"Zbar": Z, "EZ": 0 * one, "delta": 0.05 * one, "n": 40 * one}


def indicator_products(ctx, draws, replay):
    """x_i . x_j 1{w . x_i >= 0, w . x_j >= 0} for w ~ N(0, I) (inputs of any norm)."""
    rng = ctx.rng("indicator", str(replay))
    X = inputs(rng, 4, 3, unit=False)
    act = (rng.standard_normal((draws, 3)) @ X.T >= 0).astype(float)
    return {"Z": (X @ X.T) * act[:, :, None] * act[:, None, :], "K": relu_ntk(X)[None]}


ENTRY_N, ENTRY_EPS, ENTRY_DELTA = 3, 0.1, 0.1


def entry_width():
    """Hoeffding for the m terms x_i.x_j 1{.} in [-1, 1], with a union bound over the n^2 entries."""
    return math.ceil(float(HOEFFDING_N.subs({delta: ENTRY_DELTA / ENTRY_N**2, eps: ENTRY_EPS})))


def initial_grams(ctx, trials, precise):
    """H(0) of networks at the width entry_width(), against H* (unit inputs)."""
    rng = ctx.rng("h0")
    X = inputs(rng, ENTRY_N, 3)
    width = entry_width()
    G = finite_width_gram(rng.standard_normal((trials, width, 3)), X)
    one = np.ones((1, 1, 1))
    return {"H0": G, "Hstar": relu_ntk(X)[None], "epsilon": ENTRY_EPS * one, "delta": ENTRY_DELTA * one}


def frobenius_samples(ctx, precise):
    """H(0) - H* for networks of width 64 at random unit inputs; epsilon = the largest entry."""
    rng = ctx.rng("frob")
    S, nn = ctx.budget.samples * 8, 5
    X = inputs(rng, nn, 4)
    D = finite_width_gram(rng.standard_normal((S, 64, 4)), X) - relu_ntk(X)[None]
    return {"Hstar": relu_ntk(X)[None], "H0": D + relu_ntk(X)[None],
            "epsilon": np.abs(D).max(axis=(-2, -1), keepdims=True), "n": nn * np.ones((1, 1, 1))}
