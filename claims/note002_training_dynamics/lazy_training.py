"""Note 002, kernel regime: the lazy-training flows, the proof sketch and the representer."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.features import (empirical_kernel, flow_020, network, sphere_points)
from verify.checks import Configurations, remembered
from verify.checks import Config
from verify.maths.models import relu
from .kernel_lemmas import kernel_dataset
from .setting import config_text, shared


# ||theta_0||: the initialisation (0.21) has a_s(0) = 0 and ||b_s(0)|| = 1
s_ = sp.Symbol("s", integer=True, positive=True)
A0_S, NB0_S = sp.Integer(0), sp.Integer(1)          # a_s(0) and ||b_s(0)|| for every s

LAZY_WIDTHS = np.array([32, 64, 128, 256, 512])
TEST_POINTS = 64


# the lazy-training scalings in m hold for any fixed data set: the note's orthonormal inputs and three points of the
# circle (another lambda_n(K), hence another time scale 1/(m lambda_n(K)))
LAZY_SPACE = Configurations(data=["orthonormal", "circle"])


@remembered
def _lazy_flows(ctx, precise, widths, seeds, points=40, substeps=None, data="orthonormal", rfm=False):
    """Flow (0.20) of the network and, with ``rfm``, of its random-feature model (B frozen; otherwise None) from
    a = 0, b_j ~ Unif(S^{d-1}), for each width (common random numbers: the first m rows of one draw) on the data
    set ``data`` (:func:`kernel_dataset`); horizon 12/(m lambda_n(K)). ``substeps``: fixed-step RK4 in the fast
    mode (see :mod:`verify.maths.flows`). Integrated once per check (``remembered``): the quantities a statement
    and its correction read off them (the product theta^T theta_0 and the displacement, say) share the flows."""
    X, y, lam_ = kernel_dataset(data)
    dd = X.shape[1]
    rng = ctx.rng("lazy", data)
    Bfull = sphere_points(rng, (seeds, int(max(widths))), dd)
    Xt = sphere_points(ctx.rng("lazy-test", data), (TEST_POINTS,), dd)
    out = []
    for wd in widths:                      # one batched solve per width (the state sizes differ)
        B0 = Bfull[:, :wd]
        tt = np.linspace(0.0, 12.0 / (wd * lam_), points)
        # fast mode at rtol 1e-7: the fitted quantities (>= 1e-5 of the outputs' size) are far above it
        a, B, _ = flow_020(np.zeros((seeds, wd)), B0, X, y, tt, precise, rtol=1e-7, substeps=substeps)
        ar = (flow_020(np.zeros((seeds, wd)), B0, X, y, tt, precise, random_features=True, rtol=1e-7,
                       substeps=substeps)[0] if rfm else None)
        out.append((B0, a, B, ar, tt, Xt, X, y))
    return out


def lazy_quantity(what, widths=LAZY_WIDTHS, seeds_per_sample=0.5, substeps=None):
    SIMULATE_AT = Config(data="orthonormal")      # the configuration of a direct call
    def simulate(ctx, variable, precise, config=SIMULATE_AT):
        if variable != "m":
            raise ValueError(f"the lazy-training quantities are simulated in m, not {variable}")
        seeds = max(int(ctx.budget.samples * seeds_per_sample), 3)      # per data set: the fit needs them all
        rows = []
        for B0, a, B, ar, tt, Xt, X, y in _lazy_flows(ctx, precise, tuple(map(int, widths)), seeds, substeps=substeps, data=config["data"],
                                                      rfm=what == "gap"):
            if what == "gap":
                fn = network(a.reshape(-1, a.shape[-1]), B.reshape(-1, *B.shape[-2:]), Xt).reshape(a.shape[:2] + (-1,))
                fr = np.einsum("stm,smp->stp", ar, relu(B0 @ Xt.T))
                rows.append(np.abs(fn - fr).max(axis=(1, 2)))
            elif what == "b":
                rows.append(np.linalg.norm(B - B0[:, None], axis=-1).max(axis=(1, 2)))
            elif what == "a":                      # the time-scale remark: sup_t max_j |a_j(t)|
                rows.append(np.abs(a).max(axis=(1, 2)))
            elif what == "bdot":                   # sup_t max_j ||b_j'(t)||, b_j' = -sum_i e_i a_j relu'(b_j.x_i) x_i
                pre = B @ X.T                                                    # (S, T, m, n)
                e = np.einsum("stm,stmn->stn", a, relu(pre)) - y
                bdot = a[..., None] * np.einsum("stn,stmn,nd->stmd", e, (pre > 0).astype(float), X)
                rows.append(np.linalg.norm(bdot, axis=-1).max(axis=(1, 2)))
            elif what == "written":                # "||theta theta_0||" as written: the product theta^T theta_0, a(0) = 0
                rows.append(np.abs(np.einsum("stmd,smd->st", B, B0)).max(axis=1))
            else:
                sq = np.sum(a**2, axis=-1) + np.sum((B - B0[:, None]) ** 2, axis=(-1, -2))
                rows.append(np.sqrt(sq).max(axis=1) if what == "theta" else 0.5 * sq.max(axis=1))
        return np.asarray(widths, float), np.array(rows)
    simulate.__name__ = f"lazy_{what}"
    simulate.__doc__ = (f"The lazy-training quantity {what!r} at widths {', '.join(map(str, widths))} on the data set "
                        f"config['data'] (see _lazy_flows); the statement and its correction share one simulation.")
    return remembered(simulate)


# the proof sketch and the representer hold at every width and for any data: widths 16 and 64, both data sets
SKETCH_SPACE = Configurations(m=[16, 64], data=["orthonormal", "circle"])


@remembered
def _sketch_flow(ctx, precise, config):
    seeds = shared(ctx, SKETCH_SPACE, ctx.budget.samples, 2)
    return _lazy_flows(ctx, precise, (int(config["m"]),), seeds, points=30, data=config["data"])[0]


SKETCH_TERMS_AT = Config(m=64, data="orthonormal")      # the configuration of a direct call
def sketch_terms(ctx, precise, config=SKETCH_TERMS_AT, absolute=False):
    """The terms of Theorem 13's proof sketch along the flow (0.20), width m = config["m"], on the data set
    config["data"], at 64 test points (the statement's and the correction's terms from one flow)."""
    B0, a, B, _, _, Xt, _, _ = _sketch_flow(ctx, precise, config)
    dB = B - B0[:, None]
    act_t, act_0 = relu(B @ Xt.T), relu(B0 @ Xt.T)[:, None]
    coef = np.abs(a) if absolute else a
    half = 0.5 * (np.sum(a**2, axis=-1) + np.sum(dB**2, axis=(-1, -2)))
    return {"sk_lhs": np.abs(np.einsum("stm,stmp->stp", a, act_t - act_0)),
            "sk_r1": np.einsum("stm,stmp->stp", coef, np.abs(act_t - act_0)),
            "sk_r2": np.einsum("stm,stm->st", coef, np.linalg.norm(dB, axis=-1))[..., None],
            "sk_r3": half[..., None], "sk_r4": half[..., None]}


REPRESENTER_AT = Config(m=64, data="orthonormal")      # the configuration of a direct call
def representer(ctx, precise, config=REPRESENTER_AT):
    """The random-feature model's flow from a = 0 (width m = config["m"], data set config["data"]) with
    w_i(t) = -m int_0^t e_i: its predictions f(x; a(t), B_0) and sum_i w_i(t) k_m(x_i, x) at test points."""
    X, y, lam_ = kernel_dataset(config["data"])
    rng = ctx.rng("lemma14", config_text(config))
    S, width = shared(ctx, SKETCH_SPACE, ctx.budget.samples, 2), int(config["m"])
    B0 = sphere_points(rng, (S, width), X.shape[1])
    Xt = sphere_points(ctx.rng("lemma14-test", config_text(config)), (32,), X.shape[1])
    tt = np.linspace(0.0, 12.0 / (width * lam_), 30)
    a, _, E = flow_020(np.zeros((S, width)), B0, X, y, tt, precise, random_features=True, integrals=True)
    km = empirical_kernel(B0, X, Xt)                                        # (S, n, P)
    return {"f_rfm": np.einsum("stm,smp->stp", a, relu(B0 @ Xt.T)),
            "f_rep": np.einsum("sti,sip->stp", -width * E, km)}
