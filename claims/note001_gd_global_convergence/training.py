"""Note 001, Section 5.2 (Claim 2, training): the displacement, sign-pattern and width arguments."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify.maths.kernels import WidthBatch, active
from verify.checks import WEIGHTS, Configurations, Domain, Range
from verify.checks import config_label as label
from .setting import C, R0, eps, m, n, rho_res, t, tau
from .gradient_flow import RESIDUAL_RATE
from .network import HCHANGE_WIDTHS, LAZY_WIDTHS, RTOL_FIT, TRAIN_TIME, fit_seeds, inputs, lazy_batch, memoized, until


# ---------------------------------------------------------------------------------------------
# Section 5.2: the displacement and width arguments, from the note's own lines
# ---------------------------------------------------------------------------------------------
# "the integrand is a constant C": ||w_r(t) - w_r(0)|| <= C int_0^t 1/sqrt(m) dtau
DISPLACEMENT_NOTE = C * sp.integrate(1 / sp.sqrt(m), (tau, 0, t))
# with ||(1/n) sum_i (u_i - y_i) a_r x_i 1{.}|| <= ||u - y|| / sqrt(n) and the residual's rate
DISPLACEMENT_UNIFORM = sp.simplify(sp.integrate(RESIDUAL_RATE.subs(t, tau) / (sp.sqrt(m) * sp.sqrt(n)), (tau, 0, sp.oo)))
# the pattern-change chain: Pr[change] <= 2 Dw / sqrt(2 pi); |H_ij(t) - H_ij(0)| <= 2 of those;
# ||.||_F <= sum over the n^2 entries (the note's step); Dw from the uniform displacement, R0 = rho sqrt(n)
_ENTRY = 2 * (2 * DISPLACEMENT_UNIFORM / sp.sqrt(2 * sp.pi))
FROB_CHANGE = (n**2 * _ENTRY).subs(R0, rho_res * sp.sqrt(n))
WIDTH_NEEDED = sp.solve(sp.Eq(FROB_CHANGE, eps), m)[0]
# where the search looks: eps < 1, lambda_0 <= 1/2 (H*_ii = 1/2 for unit inputs), rho = O(1)
WIDTH_DOMAINS = {"m": Domain(1, 10**6, integer=True), "n": Domain(2, 100, integer=True), "epsilon": Domain(1e-3, 1, log=True),
                 "lambda_0": Domain(1e-3, 0.5, log=True), "rho": Domain(0.1, 10, log=True), "C": Domain(1e-3, 1e3, log=True)}


# the bound is claimed for Z ~ N(0, I) (any dimension d; |Z| its norm) and every R > 0: R from 1e-3 (where the
# margin 2R/sqrt(2 pi) - Pr(|Z| < R) ~ R^3/(3 sqrt(2 pi)) is smallest) to sqrt(2 pi)/2 (beyond it the bound
# exceeds 1). The law of the event's indicator is known in closed form (Pr(|Z|^2 < R^2) = P(d/2, R^2/2), the
# regularised incomplete gamma function): two outcomes, summed exactly
ANTI_EXACT_SPACE = Configurations(d=[1, 2, 5], R=Range(1e-3, 1.2533, log=True))
# and sampled draws of Z where the budget's trials resolve the margin at every seed (R >= 1.1)
ANTI_SAMPLED_SPACE = Configurations(d=[1, 5], R=Range(1.1, 1.25))


def normal_laws(ctx, trials, precise, config):
    """The event |Z| >= R for Z ~ N(0, I_d) at one configuration (d, R), as its two outcomes |Z| = 0 (the event
    fails) and |Z| = 2R (it holds) with their exact probabilities P(d/2, R^2/2) and 1 - P(d/2, R^2/2)."""
    from scipy.special import gammainc, gammaincc
    R = float(config["R"])
    p_in = float(gammainc(config["d"] / 2, R * R / 2))
    return {"Z": np.array([[0.0], [2 * R]]), "R": np.full((1, 1), R),
            WEIGHTS: np.array([p_in, float(gammaincc(config["d"] / 2, R * R / 2))])}


def normal_draws(ctx, trials, precise, config):
    """|Z| for Z ~ N(0, I_d), ``trials`` draws, at one configuration (d, R)."""
    Z = ctx.rng("normal", label(config)).standard_normal((trials, int(config["d"])))
    return {"Z": np.linalg.norm(Z, axis=1, keepdims=True), "R": np.full((1, 1), float(config["R"]))}


# rotational symmetry is claimed for every unit x and every d: d = 1 (x = +-1), 2, 5, 50; x random, a
# coordinate axis, and the diagonal (1, ..., 1)/sqrt(d) (its projection sums all coordinates)
ROTATION_SPACE = Configurations(d=[1, 2, 5, 50], x=["random", "axis", "diagonal"],
                                constraints=(sp.Eq(sp.Symbol("x_norm"), 1),),
                                when=lambda c: c["d"] > 1 or c["x"] == "random", when_text="d = 1: x = +-1")


def _direction(rng, dd, kind):
    if kind == "axis":
        return np.eye(dd)[rng.integers(dd)]
    if kind == "diagonal":
        return np.ones(dd) / np.sqrt(dd)
    return inputs(rng, 1, dd)[0]


def rotation_draws(ctx, draws, replay, config):
    """w^T x for w ~ N(0, I_d) and a unit vector x at one configuration (d, x): its characteristic function
    at s = 0.5, 1, 2."""
    rng = ctx.rng("rotation", str(replay), label(config))
    x = _direction(rng, int(config["d"]), config["x"])
    Z = (rng.standard_normal((draws, x.size)) @ x)[:, None]
    return {"Z": Z, "s": np.array([[0.5, 1.0, 2.0]]), "x_norm": np.full((1, 1), np.linalg.norm(x))}


# w_r(0)^T x_i for every d and unit x_i (random, axis, diagonal) and Delta_w where the budget's trials resolve
# the margin at every seed (Delta_w >= 1.1; gd.s5_2.anti_concentration decides small R exactly)
PROJECTION_SPACE = Configurations(d=[1, 4, 50], x=["random", "diagonal"], Delta_w=Range(1.1, 1.25),
                                  constraints=(sp.Eq(sp.Symbol("x_norm"), 1),),
                                  when=lambda c: c["d"] > 1 or c["x"] == "random", when_text="d = 1: x = +-1")


# and where the bound is tight, Delta_w -> 0 (margin ~ Delta_w^3/(3 sqrt(2 pi))), which no budget of draws resolves:
# for a unit x, w^T x ~ N(0, 1) whatever d (gd.s5_2.rotational), whose law is known in closed form
PROJECTION_EXACT_SPACE = Configurations(Delta_w=Range(1e-3, 1.2533, log=True), constraints=(sp.Eq(sp.Symbol("x_norm"), 1),))


def projection_laws(ctx, trials, precise, config):
    """The event |w^T x| >= Delta_w for w ~ N(0, I_d) and a unit x (w^T x ~ N(0, 1) for every d), at one
    configuration (Delta_w), as its two outcomes w^T x = 0 (the event fails) and 2 Delta_w (it holds) with their
    exact probabilities erf(Delta_w/sqrt 2) and erfc(Delta_w/sqrt 2)."""
    from scipy.special import erf, erfc
    D = float(config["Delta_w"])
    return {"Z": np.array([[0.0], [2 * D]]), "Delta_w": np.full((1, 1), D), "x_norm": np.ones((1, 1)),
            WEIGHTS: np.array([float(erf(D / np.sqrt(2))), float(erfc(D / np.sqrt(2)))])}


def projection_draws(ctx, trials, precise, config):
    """w_r(0)^T x_i for w_r(0) ~ N(0, I_d) and a unit x_i at one configuration (d, x, Delta_w)."""
    rng = ctx.rng("projection", label(config))
    x = _direction(rng, int(config["d"]), config["x"])
    return {"Z": (rng.standard_normal((trials, x.size)) @ x)[:, None], "Delta_w": np.full((1, 1), float(config["Delta_w"])),
            "x_norm": np.full((1, 1), np.linalg.norm(x))}


# every pattern of m neurons (m = 1, 2, 3), each at x_i . x_j in {-1, -1/2, 0, 1/2, 1} (the instances of one
# configuration); at x_i . x_j = 1 (x_i = x_j) the two inputs' indicators agree, at -1 both are active only on
# the hyperplane w . x_i = 0 (the note's >= 0 allows it)
PATTERN_SPACE = Configurations(m=[1, 2, 3],
                               constraints=(sp.Le(sp.Abs(sp.Symbol("x_ij")), 1), sp.Le(sp.Symbol("N_t"), m),
                                            sp.Le(sp.Symbol("F_i"), m), sp.Le(sp.Symbol("F_j"), m)))
PATTERN_INNER = (-1.0, -0.5, 0.0, 0.5, 1.0)


def pattern_configurations(ctx, precise, config):
    """Exact enumeration at one width m: every activation pattern of m neurons on x_i, x_j at times 0 and t
    ({0, 1}^{4m}) that unit inputs with x_i . x_j = x_ij admit, for x_ij = -1, -1/2, 0, 1/2, 1 (at x_ij = 1 the
    indicators at x_i and x_j agree)."""
    mm = int(config["m"])
    k = 4 * mm
    bits = ((np.arange(2**k)[:, None] >> np.arange(k)) & 1).astype(float).reshape(-1, mm, 4)
    At, Bt, A0, B0 = (bits[..., j] for j in range(4))       # 1{w_r(t) x_i >= 0}, ... per neuron
    rows = {"N_t": (At * Bt).sum(1), "N_0": (A0 * B0).sum(1), "F_i": np.abs(At - A0).sum(1), "F_j": np.abs(Bt - B0).sum(1)}
    equal = np.all((At == Bt) & (A0 == B0), axis=1)         # the patterns x_i = x_j admits
    env = {key: np.concatenate([v if x < 1 else v[equal] for x in PATTERN_INNER])[:, None] for key, v in rows.items()}
    env["x_ij"] = np.concatenate([np.full(len(At) if x < 1 else int(equal.sum()), x) for x in PATTERN_INNER])[:, None]
    env["m"] = np.full((1, 1), float(mm))
    return env


_FIT_TIMES = np.linspace(0.0, TRAIN_TIME, 21)


def pairs(q):
    """The mean over consecutive pairs of seeds (rows) of a quantity that is exactly 0 for a network that
    keeps every activation pattern (a seed with a small initial residual, a short horizon), which a log-log
    fit cannot take: the mean of two is 0 only if both are, and has the same order in m."""
    return (q[0::2] + q[1::2]) / 2 if len(q) % 2 == 0 else q


def lazy_displacement(ctx, variable, precise, config):
    """max_r sup_{t <= T} ||w_r(t) - w_r(0)|| against the width m, at one horizon T of HORIZON_SPACE."""
    if variable != "m":
        raise ValueError(f"the displacement is simulated in the width m, not {variable}")
    S = fit_seeds(ctx, 4)

    def build():
        batch = lazy_batch(ctx.rng("lazy"), LAZY_WIDTHS, S)
        W = batch.flow(_FIT_TIMES, precise, rtol=RTOL_FIT)
        return batch.per_instance(np.linalg.norm(W - W[:1], axis=-1), axis=-1, reduce=np.maximum)   # (T, I)

    sup = memoized(ctx, precise, "lazy", build)[until(_FIT_TIMES, config["T"])].max(axis=0)
    return np.array(LAZY_WIDTHS, float), sup.reshape(S, -1).T


def gram_change(ctx, variable, precise, config):
    """sup_{t <= T} ||H(t) - H(0)||_F against the width m, at one horizon T of HORIZON_SPACE, averaged over
    pairs of seeds (:func:`pairs`: a network that keeps every activation pattern up to T has H(t) = H(0))."""
    if variable != "m":
        raise ValueError(f"the Gram matrix change is simulated in the width m, not {variable}")
    S = fit_seeds(ctx, 16)          # 8 pairs; 6 (or 12 seeds unpaired) left the slope interval wider than the slack

    def build():
        batch = lazy_batch(ctx.rng("gram change"), HCHANGE_WIDTHS, S)
        H = batch.gram(batch.flow(_FIT_TIMES, precise, rtol=RTOL_FIT))
        return np.linalg.norm(H - H[:1], axis=(-2, -1))                                          # (T, I)

    change = memoized(ctx, precise, "gram change", build)[until(_FIT_TIMES, config["T"])].max(axis=0)
    return np.array(HCHANGE_WIDTHS, float), pairs(change.reshape(S, -1)).T


# the trained-network steps hold for every width, n and time: n = 1 (where the uniform displacement bound is
# nearly attained: one residual, decaying at the rate lambda_min(H)) and 3 unit inputs in R^4, widths 16 and 256
TRAINED_SPACE = Configurations(n=[1, 3], m=[16, 256])
TRAINED_WIDTHS = (16, 256)
_TRAINED: dict = {}


def _trained(ctx, precise, config):
    """(batch, times, W, neurons, instances) for the configuration (n, m): networks of both TRAINED_WIDTHS per
    seed, coupled (the width-16 network is the first 16 neurons of the width-256 one) and trained in one flow to
    TRAIN_TIME (41 times), which the configurations of one check share (memoized per seed, claim, check and n);
    ``neurons`` and ``instances`` select the width m."""
    key = (ctx.seed, ctx.claim_id, ctx.check_key, ctx.budget.name, int(config["n"]), bool(precise))
    if key not in _TRAINED:
        if len(_TRAINED) >= 4:
            _TRAINED.clear()
        batch = lazy_batch(ctx.rng("width", f"n={config['n']}"), TRAINED_WIDTHS, ctx.budget.samples, n_in=int(config["n"]))
        tt = np.linspace(0.0, TRAIN_TIME, 41)
        _TRAINED[key] = (batch, tt, batch.flow(tt, precise))
    batch, tt, W = _TRAINED[key]
    instances = batch.sizes == int(config["m"])
    return batch, tt, W, instances[batch.owner], instances


def displacement_bound(ctx, precise, config):
    """||w_r(t) - w_r(0)|| for every neuron (leading axis) and time, at one configuration (n, m) of TRAINED_SPACE,
    with the note's constant C_v = ||(1/n) sum_i (u_i - y_i) a_r x_i 1{w_r^T x_i >= 0}||, the integrand without its
    1/sqrt(m) at u_i(tau) held at u_i(0) ("if we assume u_i(tau) to be constant in [0, t], the integrand would be a
    constant C"), i.e. sqrt(m) ||dw_r/dtau|| at tau = 0; and R_0 = ||u(0) - y|| and n for the correction's constant
    ||u(0) - y|| / sqrt(n)."""
    batch, tt, W, keep, _ = _trained(ctx, precise, config)
    speed0 = np.linalg.norm(batch.velocity(W[:1]), axis=-1)[0, keep]        # (N,)
    m_ = batch.sizes[batch.owner][keep].astype(float)
    R = np.linalg.norm(batch.outputs(batch.W0) - batch.y, axis=-1)[batch.owner][keep]
    return {"D_r": np.linalg.norm(W - W[:1], axis=-1)[:, keep].T[..., None],
            "C_v": (np.sqrt(m_) * speed0).reshape(-1, 1, 1), "R_0": R.reshape(-1, 1, 1),
            "t": tt.reshape(1, -1, 1), "m": m_.reshape(-1, 1, 1), "n": np.full((1, 1, 1), float(batch.X.shape[0]))}


# the corrected displacement bound R_0 t / sqrt(n m) where it is attained: n identical unit inputs with equal
# residuals (the integrand's bound ||u - y|| / sqrt(n) is an equality) at small t (the residual has not decayed),
# at widths below n (m = 1, 2 < n = 4) as well as above it (m = 8)
EXTREMAL_DISPLACEMENT_SPACE = Configurations(n=[4], m=[1, 2, 8])
EXTREMAL_WIDTHS = (1, 2, 8)


def extremal_displacement(ctx, precise, config):
    """||w_r(t) - w_r(0)|| for every neuron and time t in [0, 1] (41 times) at one configuration (n, m) of
    EXTREMAL_DISPLACEMENT_SPACE: n copies of one unit input in R^4, labels y = u(0) - e with e equal on every input
    (e ~ +-U(0.5, 1.5) per seed), widths of EXTREMAL_WIDTHS coupled and trained in one flow (displacement tolerance
    1e-6); with R_0 = ||u(0) - y||, n and m for the corrected bound."""
    nn = int(config["n"])
    key = (ctx.seed, ctx.claim_id, ctx.check_key, ctx.budget.name, "extremal", nn, bool(precise))
    if key not in _TRAINED:
        if len(_TRAINED) >= 4:
            _TRAINED.clear()
        rng = ctx.rng("extremal displacement", f"n={nn}")
        S = ctx.budget.samples
        X = np.repeat(inputs(rng, 1, 4), nn, axis=0)
        e = rng.choice([-1.0, 1.0], (S, 1, 1)) * rng.uniform(0.5, 1.5, (S, 1, 1))
        batch = WidthBatch.coupled(rng, EXTREMAL_WIDTHS, S, X)
        batch = batch.with_labels(batch.outputs(batch.W0) - np.repeat(np.broadcast_to(e, (S, 1, nn)), len(EXTREMAL_WIDTHS),
                                                                      axis=1).reshape(-1, nn))
        tt = np.linspace(0.0, 1.0, 41)
        _TRAINED[key] = (batch, tt, batch.flow(tt, precise, rtol=1e-6))
    batch, tt, W = _TRAINED[key]
    keep = (batch.sizes == int(config["m"]))[batch.owner]
    R = np.linalg.norm(batch.outputs(batch.W0) - batch.y, axis=-1)[batch.owner][keep]
    return {"D_r": np.linalg.norm(W - W[:1], axis=-1)[:, keep].T[..., None], "R_0": R.reshape(-1, 1, 1),
            "t": tt.reshape(1, -1, 1), "m": batch.sizes[batch.owner][keep].astype(float).reshape(-1, 1, 1),
            "n": np.full((1, 1, 1), float(nn))}


def uniform_displacement(ctx, precise, config):
    """sup_t max_r ||w_r(t) - w_r(0)|| against sqrt(n) ||u(0) - y|| / (sqrt(m) lambda_0), with lambda_0 the
    smallest eigenvalue of H(t) along the flow (Theorem 3.1's hypothesis as the flow realises it), at one
    configuration (n, m) of TRAINED_SPACE. A network whose H(t) is singular at a time of the grid (lambda_min
    below 1e-9: at width 16 an input can lose every active neuron) does not meet the hypothesis lambda_0 > 0 and
    is left out."""
    batch, tt, W, _, pick = _trained(ctx, precise, config)
    lam = np.linalg.eigvalsh(batch.gram(W))[..., 0].min(axis=0)
    pick = pick & (lam > 1e-9)
    lam = lam[pick]
    sup = batch.per_instance(np.linalg.norm(W - W[:1], axis=-1).max(axis=0), axis=-1, reduce=np.maximum)[pick]
    R = np.linalg.norm(batch.outputs(batch.W0) - batch.y, axis=-1)[pick]
    return {"Delta_w": sup[:, None], "R_0": R[:, None], "lambda_0": lam[:, None],
            "m": batch.sizes[pick][:, None].astype(float), "n": np.full((1, 1), float(batch.X.shape[0]))}


def sign_flow(ctx, precise, config):
    """a = w_r(0)^T x_i, b = w_r(t)^T x_i for every neuron, time and input; Delta_w = max_r sup_t
    ||w_r(t) - w_r(0)|| of the neuron's network (the note's uniform Delta w), at one configuration (n, m) of
    TRAINED_SPACE."""
    batch, tt, W, keep, _ = _trained(ctx, precise, config)
    Z = W[:, keep] @ batch.X.T                                            # (T, N_m, n)
    sup = batch.per_instance(np.linalg.norm(W - W[:1], axis=-1).max(axis=0), axis=-1, reduce=np.maximum)
    return {"a": np.moveaxis(Z[:1], 0, 1), "b": np.moveaxis(Z, 0, 1), "Delta_w": sup[batch.owner][keep].reshape(-1, 1, 1)}


SIGN_WIDTHS = (64, 128, 256, 512, 1024, 2048)


def sign_change_fraction(ctx, variable, precise, config):
    """max_i sup_{t <= T} (1/m) sum_r 1{sgn(w_r(t)^T x_i) != sgn(w_r(0)^T x_i)} against the width m (signs in
    the note's convention 1{. >= 0}), at one horizon T of HORIZON_SPACE, averaged over pairs of seeds
    (:func:`pairs`)."""
    if variable != "m":
        raise ValueError(f"the sign changes are simulated in the width m, not {variable}")
    S = fit_seeds(ctx, 12)          # 6 pairs: 4 left the slope interval wider than the slack at some seeds

    def build():
        batch = lazy_batch(ctx.rng("sign changes"), SIGN_WIDTHS, S)
        act = active(batch.flow(_FIT_TIMES, precise, rtol=RTOL_FIT), batch.X)                   # (T, N, n)
        changes = batch.per_instance(np.abs(act - act[:1]))                                      # (T, I, n)
        return (changes / batch.sizes[:, None]).max(axis=-1)                                     # (T, I)

    frac = memoized(ctx, precise, "sign changes", build)[until(_FIT_TIMES, config["T"])].max(axis=0)
    return np.array(SIGN_WIDTHS, float), pairs(frac.reshape(S, -1)).T


# the width condition as written, m <= C n^6/eps^2, admits every width up to that bound, whatever the O's constant C:
# C = 1e-3, 1 and 1e3, widths 4 and 16, n = 3 and 1, eps from 0.01 to 0.5 (the statement's conclusion is
# ||H(t) - H(0)||_F <= eps over the training horizon); one trained flow per n serves every configuration
WIDTH_SPACE = Configurations(C=[1e-3, 1.0, 1e3], n=[3, 1], m=[4, 16], epsilon=Range(0.01, 0.5, log=True))
WIDTH_WIDTHS = (4, 16)


def width_gram_change(ctx, precise, config):
    """sup_{t <= TRAIN_TIME} ||H(t) - H(0)||_F of trained networks (unit inputs in R^4, labels y = u(0) - e_0, widths
    4 and 16 coupled, trained together to TRAIN_TIME, memoized per n) at one configuration (C, n, m, epsilon) of
    WIDTH_SPACE, with eps, n, m and the O's constant C named (the hypothesis m <= C n^6/eps^2)."""
    nn = int(config["n"])

    def build():
        batch = lazy_batch(ctx.rng("width", f"n={nn}"), WIDTH_WIDTHS, ctx.budget.samples, n_in=nn)
        H = batch.gram(batch.flow(_FIT_TIMES, precise, rtol=RTOL_FIT))
        return batch.sizes, np.linalg.norm(H - H[:1], axis=(-2, -1)).max(axis=0)          # (I,)

    sizes, change = memoized(ctx, precise, f"width n={nn}", build)
    one = np.ones((1, 1))
    return {"dH": change[sizes == int(config["m"])][:, None], "epsilon": float(config["epsilon"]) * one,
            "m": float(config["m"]) * one, "n": nn * one, "C": float(config["C"]) * one}
