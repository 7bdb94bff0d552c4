"""Note 001, Section 5 and Proposition 5.1: the two-layer network, its tangent kernel and the trained networks."""
from __future__ import annotations

import math
import numpy as np
import sympy as sp
from verify.maths.kernels import WidthBatch, relu_ntk
from verify.checks import Configurations, Domain, Range
from verify.checks.configurations import label
from verify.maths.models import unit_vectors
from .gradient_flow import N_DATA, theta, tt_, u_, y_


# ---------------------------------------------------------------------------------------------
# Section 5: the two-layer network, m = 2, d = 2, n = 2, undefined activation sigma
# ---------------------------------------------------------------------------------------------
M_NET, D_NET = 2, 2
_sigma = sp.Function("sigma")
z_ = sp.Symbol("z", real=True)
_a = sp.symbols("a1 a2", real=True)
_kk = sp.symbols("k1 k2", integer=True)
_X = sp.Matrix(2, 2, sp.symbols("x11 x12 x21 x22", real=True))     # rows x_i
_Wf = [[sp.Function(f"w{r}{k}")(tt_) for k in (1, 2)] for r in (1, 2)]
_wflat = [w for row in _Wf for w in row]


def _pre(r, i):
    return sum(_Wf[r][k] * _X[i, k] for k in range(D_NET))


def _sigma_prime(arg):
    return sp.Derivative(_sigma(z_), z_).subs(z_, arg)


_unet = [sum(_a[r] * _sigma(_pre(r, i)) for r in range(M_NET)) / sp.sqrt(M_NET) for i in range(2)]


def grad_w(i, r):
    return sp.Matrix([sp.diff(_unet[i], _Wf[r][k]) for k in range(D_NET)])


_J_NET = sp.Matrix([[sp.diff(_unet[i], w) for w in _wflat] for i in range(2)])
H_NET = _J_NET * _J_NET.T


# Section 5's objective as written, (1/n) sum (f - y)^2, and with Section 3's 1/2; the factor is the
# point, so the model is the generic u_i = F_i(theta) of Sections 2-3
RES_GEN = sp.Matrix([u_[i] - y_[i] for i in range(N_DATA)])
OBJECTIVE_AS_WRITTEN = sum((u_[i] - y_[i]) ** 2 for i in range(N_DATA)) / N_DATA
OBJECTIVE_HALF = sum((u_[i] - y_[i]) ** 2 for i in range(N_DATA)) / (2 * N_DATA)


def gen_flow(loss):
    return {th: -sp.diff(loss, th) for th in theta}


_OBJ_NET_HALF = sum((_unet[i] - y_[i]) ** 2 for i in range(2)) / (2 * 2)          # (1/2n) sum (u - y)^2
RELU_INSTANCE = {_sigma: sp.Lambda(z_, sp.Max(0, z_))}
NET_DOMAINS = {str(s): Domain(-2, 2) for s in (*_wflat, *_X, *_a, *y_)}


def stated_gradient(i, r):
    """The note's formula for du_i/dw_r, with its sum over r (the same for every r)."""
    return sum((_a[s] * _X[i, :].T * _sigma_prime(_pre(s, i)) for s in range(M_NET)), sp.zeros(D_NET, 1)) / sp.sqrt(M_NET)


def true_gradient(i, r):
    return _a[r] * _X[i, :].T * _sigma_prime(_pre(r, i)) / sp.sqrt(M_NET)


GRAD_LHS = sp.Matrix([list(grad_w(i, r)) for i in range(2) for r in range(M_NET)])
INNER = sp.Matrix(2, 2, lambda i, j: sum((true_gradient(i, r).T * true_gradient(j, r))[0] for r in range(M_NET)))


def _ind(arg):
    return sp.Heaviside(arg, 1)          # 1{arg >= 0}


_sgn = [(-1) ** k for k in _kk]          # a_r in {-1, 1}
INNER_PM = sp.Matrix(2, 2, lambda i, j: sum(
    (_sgn[r] * _X[i, :] * _ind(_pre(r, i))).dot(_sgn[r] * _X[j, :] * _ind(_pre(r, j))) for r in range(M_NET)) / M_NET)
INDICATOR = sp.Matrix(2, 2, lambda i, j: _X[i, :].dot(_X[j, :]) * sum(
    _ind(_pre(r, i)) * _ind(_pre(r, j)) for r in range(M_NET)) / M_NET)

# the velocity of w_r under the (1/2n) sum (u - y)^2 flow, against the note's integrand
VEL_STATED = sp.Matrix([sum((_unet[i] - y_[i]) * _a[r] * _X[i, k] * _sigma_prime(_pre(r, i)) for i in range(2))
                         / (sp.sqrt(M_NET) * 2) for r in range(M_NET) for k in range(D_NET)])
VEL_FLOW = sp.Matrix([-sp.diff(_OBJ_NET_HALF, w) for w in _wflat])


def inputs(rng, count=4, d=3, unit=True):
    X = rng.standard_normal((count, d))
    return X / np.linalg.norm(X, axis=1, keepdims=True) if unit else X * rng.uniform(0.5, 2.0, (count, 1))


# the expectation is claimed at every width (the limit is of a constant sequence): m = 1 (one neuron), 2 and 8;
# random unit inputs, and the extreme ones -- two equal, two opposite, two 0.3 apart -- in R^3
TANGENT_SPACE = Configurations(m=[1, 2, 8], inputs=["random", "extreme"])


def tangent_grams(ctx, draws, replay, config):
    """<df(x_i)/dw, df(x_j)/dw> of networks of width m at initialisation, at one configuration (m, inputs), the
    gradient taken by central differences of f itself (not by the note's formula); 4 unit inputs in R^3,
    random, or x, x, -x and a direction 0.3 from x."""
    rng = ctx.rng("tangent", str(replay), label(config))
    width, d, h = int(config["m"]), 3, 1e-6
    X = inputs(rng, 4, d)
    if config["inputs"] == "extreme":
        x, v = X[0], X[1] - (X[1] @ X[0]) * X[0]
        X = np.array([x, x, -x, np.cos(0.3) * x + np.sin(0.3) * v / np.linalg.norm(v)])
    W = rng.standard_normal((draws, width, d))
    a = rng.choice([-1.0, 1.0], (draws, width))
    E = np.eye(width * d).reshape(width * d, width, d) * h

    def f(Wp):                                              # (..., m, d) -> (..., n)
        return np.einsum("bm,b...mn->b...n", a, np.maximum(Wp @ X.T, 0.0)) / math.sqrt(width)

    J = (f(W[:, None] + E) - f(W[:, None] - E)) / (2 * h)   # (draws, m d, n)
    return {"Z": np.einsum("bpi,bpj->bij", J, J), "K": relu_ntk(X)[None]}


# -- trained two-layer networks ---------------------------------------------------------------
LAZY_WIDTHS = (64, 128, 256, 512, 1024)
HCHANGE_WIDTHS = (64, 128, 256, 512, 1024, 2048)
TRAIN_TIME = 20.0
RTOL_FIT = 1e-2


# the width fits hold at every training horizon ("we train till time t"): sup over t <= T for T from 3/4 of the
# horizon to TRAIN_TIME, every T read off one flow to TRAIN_TIME (memoized per check: common random numbers)
HORIZON_SPACE = Configurations(T=Range(0.75 * TRAIN_TIME, TRAIN_TIME))
# the deviation from H* is fitted at the full horizon only: its slope interval (6 seeds: +-0.14) cannot afford the
# confidence split over two horizons at the quick budget
FULL_HORIZON = Configurations(T=[TRAIN_TIME])
_SWEEPS: dict = {}


def memoized(ctx, precise, tag, build):
    """``build()``, once per seed, claim, check, budget, ``tag`` and mode: the configurations of one check
    read their horizons off the same trained networks."""
    key = (ctx.seed, ctx.claim_id, ctx.check_key, ctx.budget.name, tag, bool(precise))
    if key not in _SWEEPS:
        if len(_SWEEPS) >= 4:
            _SWEEPS.clear()
        _SWEEPS[key] = build()
    return _SWEEPS[key]


def until(tt, T):
    """The times of the grid ``tt`` up to the horizon T."""
    return np.asarray(tt) <= float(T) + 1e-9


def fit_seeds(ctx, quick):
    """Seeds of an order fit: ``quick`` at the quick budget, more at larger budgets (capped: the ODE's
    steps grow with the number of pattern changes in the whole batch)."""
    return min(max(quick * ctx.budget.samples // 8, 3), 3 * quick)


def lazy_batch(rng, widths, seeds, n_in=3, d=4):
    """Networks of every width per seed, labels y = u(0) - e_0 with e_0 common to a seed's widths."""
    X = unit_vectors(rng, n_in, d)
    batch = WidthBatch.coupled(rng, widths, seeds, X)
    e0 = rng.uniform(-1.5, 1.5, (seeds, 1, n_in))
    return batch.with_labels(batch.outputs(batch.W0) - np.repeat(e0, len(widths), axis=1).reshape(-1, n_in))


# -- Proposition 5.1, the sign-change fraction, Section 5.3 on trained networks ----------------
PROP_WIDTHS = (64, 128, 256, 512, 1024, 2048)


def ntk_deviation(ctx, variable, precise, config):
    """sup_{t <= T} ||H(t) - H*||_F against the width m (n = 6 unit inputs in R^4: more entries, a
    steadier norm), at one horizon T (the flow to TRAIN_TIME on a grid of 4)."""
    if variable != "m":
        raise ValueError(f"the deviation from H* is simulated in the width m, not {variable}")
    S = fit_seeds(ctx, 4)
    tt = np.linspace(0.0, TRAIN_TIME, 6)

    def build():
        batch = lazy_batch(ctx.rng("ntk deviation"), PROP_WIDTHS, S, n_in=6, d=4)
        H = batch.gram(batch.flow(tt, precise, rtol=RTOL_FIT))
        return np.linalg.norm(H - relu_ntk(batch.X), axis=(-2, -1))          # (T, I)

    dev = memoized(ctx, precise, "ntk deviation", build)[until(tt, config["T"])].max(axis=0)
    return np.array(PROP_WIDTHS, float), dev.reshape(S, -1).T
