"""Note 001, Section 5 and Proposition 5.1: the two-layer network, its tangent kernel and the trained networks."""
from __future__ import annotations

import math
from functools import cached_property
import numpy as np
import sympy as sp
from verify.maths.kernels import WidthBatch, relu_ntk
from verify.checks import Configurations, Domain, Range
from verify.checks import config_label as label
from verify.maths.models import unit_vectors
from claims._sizes import canonical
from .gradient_flow import GEN, N_DATA, tt_, y_


# ---------------------------------------------------------------------------------------------
# Section 5: the two-layer network, undefined activation sigma; m = 2, d = 2, n = 2 for the derivations
# ---------------------------------------------------------------------------------------------
M_NET, D_NET = 2, 2
_sigma = sp.Function("sigma")
z_ = sp.Symbol("z", real=True)


def _sigma_prime(arg):
    return sp.Derivative(_sigma(z_), z_).subs(z_, arg)


def _ind(arg):
    return sp.Heaviside(arg, 1)          # 1{arg >= 0}


class Network:
    """u_i = (1/sqrt m) sum_r a_r sigma(w_r(t)^T x_i) at n inputs x_i in R^d and m neurons: the claims of
    Section 5 are built from it at n = m = d = 2 and again at larger sizes (``at_sizes``)."""

    def __init__(self, n: int, m: int, d: int):
        self.n, self.m, self.d = n, m, d
        self.a = sp.symbols(f"a1:{m + 1}", real=True)
        self.k = sp.symbols(f"k1:{m + 1}", integer=True)
        self.X = sp.Matrix(n, d, lambda i, k: sp.Symbol(f"x{i + 1}{k + 1}", real=True))     # rows x_i
        self.W = [[sp.Function(f"w{r + 1}{k + 1}")(tt_) for k in range(d)] for r in range(m)]
        self.wflat = [w for row in self.W for w in row]
        self.y = sp.symbols(f"y1:{n + 1}", real=True)
        self.u = [sum(self.a[r] * _sigma(self.pre(r, i)) for r in range(m)) / sp.sqrt(m) for i in range(n)]

    # the Jacobian and the Gram matrix are made when a relation uses them: at the larger sizes a relation
    # without them (the velocity, the indicator form) is built in half the time
    @cached_property
    def J(self):
        return sp.Matrix([[sp.diff(self.u[i], w) for w in self.wflat] for i in range(self.n)])

    @cached_property
    def H(self):
        return self.J * self.J.T

    def pre(self, r, i):
        return sum(self.W[r][k] * self.X[i, k] for k in range(self.d))

    def grad_w(self, i, r):
        """du_i/dw_r (the entries of the Jacobian J)"""
        return self.J[i, r * self.d:(r + 1) * self.d].T

    def stated_gradient(self, i, r):
        """The note's formula for du_i/dw_r, with its sum over r (the same for every r)."""
        return sum((self.a[s] * self.X[i, :].T * _sigma_prime(self.pre(s, i)) for s in range(self.m)),
                   sp.zeros(self.d, 1)) / sp.sqrt(self.m)

    def true_gradient(self, i, r):
        return self.a[r] * self.X[i, :].T * _sigma_prime(self.pre(r, i)) / sp.sqrt(self.m)

    def gradient_lhs(self):
        return sp.Matrix([list(self.grad_w(i, r)) for i in range(self.n) for r in range(self.m)])

    def gradient(self, formula):
        return sp.Matrix([list(formula(i, r)) for i in range(self.n) for r in range(self.m)])

    def inner(self):
        return sp.Matrix(self.n, self.n, lambda i, j: sum((self.true_gradient(i, r).T * self.true_gradient(j, r))[0]
                                                          for r in range(self.m)))

    def blocks(self):
        return sp.Matrix(self.n, self.n, lambda i, j: sum((self.grad_w(i, r).T * self.grad_w(j, r))[0] for r in range(self.m)))

    def inner_pm(self):
        """sum_r (1/m) <a_r x_i 1{.}, a_r x_j 1{.}> with a_r = (-1)^{k_r}"""
        sgn = [(-1) ** k for k in self.k]
        return sp.Matrix(self.n, self.n, lambda i, j: sum(
            (sgn[r] * self.X[i, :] * _ind(self.pre(r, i))).dot(sgn[r] * self.X[j, :] * _ind(self.pre(r, j)))
            for r in range(self.m)) / self.m)

    def indicator(self):
        return sp.Matrix(self.n, self.n, lambda i, j: self.X[i, :].dot(self.X[j, :]) * sum(
            _ind(self.pre(r, i)) * _ind(self.pre(r, j)) for r in range(self.m)) / self.m)

    def velocity_stated(self):
        """the note's integrand (1/sqrt m)(1/n) sum_i (u_i - y_i) a_r x_i sigma'(w_r^T x_i), for every r"""
        return sp.Matrix([sum((self.u[i] - self.y[i]) * self.a[r] * self.X[i, k] * _sigma_prime(self.pre(r, i))
                              for i in range(self.n)) / (sp.sqrt(self.m) * self.n)
                          for r in range(self.m) for k in range(self.d)])

    def velocity_flow(self):
        """the velocity of w_r under the (1/2n) sum (u - y)^2 flow"""
        objective = sum((self.u[i] - self.y[i]) ** 2 for i in range(self.n)) / (2 * self.n)
        return sp.Matrix([-sp.diff(objective, w) for w in self.wflat])


NET = Network(N_DATA, M_NET, D_NET)
NET_BEYOND = {"n": (3,), "m": (3,), "d": (3,)}   # the sizes Section 5's identities are evaluated at beyond n = m = d = 2
_a, _kk, _X, _Wf, _wflat = NET.a, NET.k, NET.X, NET.W, NET.wflat
_unet, grad_w, H_NET = NET.u, NET.grad_w, NET.H
stated_gradient, true_gradient = NET.stated_gradient, NET.true_gradient


def network_at(build):
    """AtSizes's builder for a relation ``build(network)`` of Section 5's network at n, m, d. The network's
    relations are written out (its derivatives taken by ``diff``, sigma' written at a point as a ``Subs``):
    there is nothing to carry out before naming each derivative canonically, and carrying out each Subs
    again would cost more than the rest of the check."""
    return lambda n, m, d: canonical(build(Network(n, m, d)))


# Section 5's objective as written, (1/n) sum (f - y)^2, and with Section 3's 1/2; the factor is the
# point, so the model is the generic u_i = F_i(theta) of Sections 2-3
RES_GEN = GEN.res
OBJECTIVE_AS_WRITTEN = GEN.square_loss(1)
OBJECTIVE_HALF = GEN.square_loss(sp.Rational(1, 2))
gen_flow = GEN.gradient_flow

RELU_INSTANCE = {_sigma: sp.Lambda(z_, sp.Max(0, z_))}
NET_DOMAINS = {str(s): Domain(-2, 2) for s in (*_wflat, *_X, *_a, *y_)}
GRAD_LHS = NET.gradient_lhs()
INNER = NET.inner()
INNER_PM = NET.inner_pm()
INDICATOR = NET.indicator()
VEL_STATED = NET.velocity_stated()
VEL_FLOW = NET.velocity_flow()


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


# -- Section 5: the first-layer problem is nonconvex -------------------------------------------
NONCONVEX_DIRECTIONS = 16        # random directions V tried per instance; the best one is the witness
# "still nonconvex" is a property of the problem (some data and initialisation make the objective nonconvex): at
# every n, width m (one neuron included) and dimension d (d = 1: inputs +-1), the search looks for a witness
# among random instances -- labels y ~ U(-1, 1)^n, a_r ~ Unif{-1, 1}, unit inputs
NONCONVEX_SPACE = Configurations(n=[1, 3], m=[1, 2, 8], d=[1, 3], when=lambda c: c["d"] > 1 or c["n"] <= 2,
                                 when_text="n <= 2 distinct inputs on S^0 (d = 1)")


def midpoint_gaps(ctx, precise, config, layer="first"):
    """A witness that the objective (1/n) sum_i (f(x_i) - y_i)^2 is not convex in the first layer W (``layer =
    "first"``; ``"second"`` trains a instead, where it is a convex quadratic), at one configuration (n, m, d): for
    ctx.budget.samples random instances and 16 random directions V each, W_1 = s V and W_2 = -s V with the s that
    maximises L(0) - (L(W_1) + L(W_2))/2 for that V (f(sV) = s f(V) for s > 0); the objective is then evaluated
    at W_1, W_2 and their midpoint 0 from the network itself. Returns the instance with the largest gap L(mid) -
    (L_1 + L_2)/2 (the statement is existential: one witness per configuration)."""
    rng = ctx.rng("nonconvex", label(config))
    S, K, nn, mm, dd = ctx.budget.samples, NONCONVEX_DIRECTIONS, int(config["n"]), int(config["m"]), int(config["d"])
    X = np.broadcast_to(np.array([1.0, -1.0])[:nn, None], (S, nn, 1)) if dd == 1 else \
        (lambda Z: Z / np.linalg.norm(Z, axis=-1, keepdims=True))(rng.standard_normal((S, nn, dd)))
    y = rng.uniform(-1.0, 1.0, (S, 1, nn))
    a = rng.choice([-1.0, 1.0], (S, 1, mm))
    W0 = rng.standard_normal((S, 1, mm, dd))
    V = rng.standard_normal((S, K, mm, dd))
    if layer == "first":
        def f(W):                                                        # (S, K, m, d) -> (S, K, n)
            return np.einsum("skm,skmn->skn", np.broadcast_to(a, W.shape[:3]), np.maximum(W @ np.swapaxes(X, -1, -2)[:, None], 0.0)) / np.sqrt(mm)
        plus, minus = f(V), f(-V)
        s = np.einsum("skn,skn->sk", np.broadcast_to(y, plus.shape), plus + minus) / np.maximum(
            (plus**2).sum(-1) + (minus**2).sum(-1), 1e-300)
        s = np.maximum(s, 0.0)[..., None, None]
        W1, W2 = s * V, -s * V
        loss = [((f(W) - y) ** 2).mean(-1) for W in (W1, W2, (W1 + W2) / 2)]
    else:                                                                # a trained, first layer fixed at W0
        Phi = np.maximum(np.broadcast_to(W0, (S, 1, mm, dd)) @ np.swapaxes(X, -1, -2)[:, None], 0.0)[:, 0] / np.sqrt(mm)   # (S, m, n)
        A = rng.standard_normal((S, K, mm))

        def f(A_):
            return np.einsum("skm,smn->skn", A_, Phi)
        loss = [((f(A_) - y) ** 2).mean(-1) for A_ in (A, -A, 0 * A)]
    gap = loss[2] - (loss[0] + loss[1]) / 2                              # (S, K)
    best = np.unravel_index(np.argmax(gap), gap.shape)
    return {name: np.full((1, 1), float(v[best])) for name, v in zip(("L_1", "L_2", "L_mid"), loss)}
