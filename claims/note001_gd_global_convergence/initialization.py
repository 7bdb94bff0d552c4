"""Note 001, Section 5.1 (Claim 1, initialization): Hoeffding's inequality and the concentration of H(0)."""
from __future__ import annotations

import math
import numpy as np
import sympy as sp
from verify.checks import WEIGHTS, Configurations, Derived, Range
from verify.checks import config_label as label
from scipy.special import gammaln
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


# Theorem 5.2 ranges over bounded variables |Z_i| <= 1, n, 0 < delta, eps < 1 and (its Omega) every constant C.
# Each check fixes C and searches n, eps and the smallest delta the hypothesis n >= C log(1/delta)/eps^2 admits,
# delta = exp(-n eps^2/C), on the extremal bounded law, Rademacher signs (the largest variance), whose finitely
# many outcomes let the probability be summed exactly
HOEFFDING_SETTING = (sp.Lt(delta, 1), sp.Le(sp.Abs(sp.Symbol("Zbar")), 1))
HOEFFDING_SPACE = Configurations(
    law=["rademacher"], n=[1, 8], epsilon=Range(0.1, 0.9),
    delta=Derived(lambda c: math.exp(-c["n"] * c["epsilon"] ** 2 / c["C"]),
                  "the smallest delta with n >= C log(1/delta)/eps^2: exp(-n eps^2/C)"),
    constraints=HOEFFDING_SETTING)
# the correction: every n and delta, Rademacher and biased signs (P[Z = 1] = 0.9) summed exactly down to
# delta = 1e-3, and sampled uniform means where the budget's trials resolve 1 - delta (delta = 0.05)
HOEFFDING_CORRECTED_SPACE = Configurations(
    law=["rademacher", "biased", "uniform"], n=[1, 8, 40], delta=[0.5, 0.05, 1e-3],
    constraints=HOEFFDING_SETTING,
    when=lambda c: (c["law"] != "uniform" or c["delta"] == 0.05) and (c["law"] == "uniform" or c["delta"] != 0.05),
    when_text="uniform (sampled) means at delta = 0.05 (the smallest the budget's trials resolve), exact laws at 0.5 and 1e-3")
_BIASED = 0.9


def bounded_means(C_value=None):
    """The mean of n i.i.d. variables |Z_i| <= 1 at one configuration (law, n, delta[, epsilon]), with
    E Z. ``law``: "rademacher" (Z = +-1 with probability 1/2) or "biased" (Z = 1 with probability 0.9, else
    -1): every outcome N = #{Z_i = 1} = 0..n is returned with its binomial probability (exact); "uniform"
    (Z ~ U(-1, 1)): ``trials`` sampled means. With ``C_value`` (the statement's constant C) the returned
    environment also names C and epsilon (the hypothesis n >= C log(1/delta)/eps^2)."""
    def simulate(ctx, trials, precise, config):
        nn, one = int(config["n"]), np.ones((1, 1))
        law = config["law"]
        env = {}
        if law == "uniform":
            Z = ctx.rng("uniform", label(config)).uniform(-1, 1, (trials, nn)).mean(axis=1, keepdims=True)
            mean = 0.0
        else:
            p = 0.5 if law == "rademacher" else _BIASED
            N = np.arange(nn + 1)
            env[WEIGHTS] = np.array([math.comb(nn, k) * p**k * (1 - p) ** (nn - k) for k in N])
            Z, mean = ((2.0 * N - nn) / nn)[:, None], 2 * p - 1
        env.update({"Zbar": Z, "EZ": mean * one, "delta": config["delta"] * one, "n": nn * one})
        if C_value is not None:
            env.update({"C": C_value * one, "epsilon": config["epsilon"] * one})
        return env
    return simulate


def hoeffding_space(C_value):
    """The statement's space at the constant C (a Derived rule reads C from the configuration)."""
    return Configurations(C=[C_value], **dict(HOEFFDING_SPACE.parameters), constraints=HOEFFDING_SPACE.constraints)


# the expectation is claimed for every pair of inputs (any norm): random inputs, and the extreme pairs -- the
# same direction at two norms, opposite directions, and directions 0.3 apart (closer ones make an event so rare
# that the draws may see none, and MonteCarlo takes a zero sample variance for certainty) -- on the line (d = 1)
# and in R^3
INDICATOR_SPACE = Configurations(d=[1, 3], inputs=["random", "extreme"])


def indicator_products(ctx, draws, replay, config):
    """x_i . x_j 1{w . x_i >= 0, w . x_j >= 0} for w ~ N(0, I_d) at one configuration (d, inputs): 4 random
    inputs of norms in [0.5, 2], or the extreme pairs x, 2x, -x/2 and (d > 1) a direction 0.3 from x at
    norm 3 (so -x/2 and it are 0.3 from antipodal)."""
    rng = ctx.rng("indicator", str(replay), label(config))
    dd = int(config["d"])
    if config["inputs"] == "random":
        X = inputs(rng, 4, dd, unit=False)
    else:
        x = inputs(rng, 1, dd)[0]
        rows = [x, 2 * x, -x / 2]
        if dd > 1:
            v = rng.standard_normal(dd)
            v -= (v @ x) * x
            rows.append(3 * (np.cos(0.3) * x + np.sin(0.3) * v / np.linalg.norm(v)))
        X = np.array(rows)
    act = (rng.standard_normal((draws, dd)) @ X.T >= 0).astype(float)
    return {"Z": (X @ X.T) * act[:, :, None] * act[:, None, :], "K": relu_ntk(X)[None]}


def _width(union):
    """Hoeffding's width for the m terms x_i.x_j 1{.} in [-1, 1]: per entry, as the note applies it
    (ceil(2 log(2/delta)/eps^2)), or with a union bound over the n^2 entries (``union``)."""
    def rule(c):
        level = c["delta"] / c["n"] ** 2 if union else c["delta"]
        return math.ceil(float(HOEFFDING_N.subs({delta: level, eps: c["epsilon"]})))
    return rule


WIDTH_PER_ENTRY = 2 * sp.log(2 / delta) / eps**2                   # HOEFFDING_N, in a form numpy evaluates
WIDTH_UNION = WIDTH_PER_ENTRY.subs(delta, delta / n**2)              # 2 log(2 n^2/delta)/eps^2
_ORTHOGONAL = (0.49, 0.95)        # (epsilon, delta) of the orthogonal inputs: the smallest per-entry width m = 7
_ONE_INPUT = (0.01, 0.95)         # (epsilon, delta) of one input (n = 1): the smallest eps, with the largest delta


def entry_space(union):
    """Every n, eps and delta, at the per-entry or the union-bound width: random unit inputs and clustered ones
    (within ~0.05 of one direction: every entry's indicator has variance near its largest, 1/4), sampled, with
    delta = 0.05 the smallest the budget's trials resolve; and the extremal inputs, n orthonormal ones (n = 5 and
    400, d = n), where the n diagonal entries H_ii(0) = Bin(m, 1/2)/m are independent and H_ij(0) = H*_ij = 0 off
    the diagonal, so the probability that every entry is within eps is exact, at the largest delta and eps the
    setting allows near the smallest width (eps = 0.49 < 1/2, delta = 0.95: m = 7 per entry); and the smallest
    size, n = 1 (one unit input, H_11(0) = Bin(m, 1/2)/m, exact), at the smallest eps and the largest delta
    (eps = 0.01, delta = 0.95), where the probability of leaving eps at Hoeffding's width no longer depends on eps:
    near 2 Phi(-2 sqrt(2 log(2/delta)))."""
    return Configurations(
        inputs=["random", "clustered", "orthogonal"], n=[1, 2, 5, 400], epsilon=[_ONE_INPUT[0], 0.1, 0.3, _ORTHOGONAL[0]],
        delta=[0.05, _ORTHOGONAL[1]],
        m=Derived(_width(union), "the union-bound width ceil(2 log(2 n^2/delta)/eps^2)" if union
                  else "the per-entry Hoeffding width ceil(2 log(2/delta)/eps^2)"),
        constraints=(sp.Lt(delta, 1), sp.Lt(eps, 1)),
        when=lambda c: (c["inputs"] == "orthogonal" and c["n"] >= 5 and (c["epsilon"], c["delta"]) == _ORTHOGONAL)
        or (c["inputs"] == "orthogonal" and c["n"] == 1 and (c["epsilon"], c["delta"]) == _ONE_INPUT)
        or (c["inputs"] != "orthogonal" and 2 <= c["n"] <= 5 and 0.1 <= c["epsilon"] <= 0.3 and c["delta"] == 0.05
            and (c["inputs"] == "random" or c["n"] == 5)),
        when_text="sampled inputs (random; clustered at n = 5) at n = 2, 5, eps = 0.1, 0.3, delta = 0.05; orthonormal "
                  "inputs at n = 5, 400, eps = 0.49, delta = 0.95, and one input (n = 1) at eps = 0.01, delta = 0.95 (exact)")


ENTRY_SPACE = entry_space(False)
ENTRY_UNION_SPACE = entry_space(True)


def initial_grams(ctx, trials, precise, config):
    """H(0) of networks of width m (w_r ~ N(0, I_d)) against H*, at one configuration (inputs, n, eps, delta, m):
    n random unit inputs in R^3, or n clustered within ~0.05 of one direction (``trials`` sampled networks); or n
    orthonormal inputs in R^n, whose law is finite and exact: the event "every entry within eps" holds with
    probability p^n, p = Pr[|Bin(m, 1/2)/m - 1/2| <= eps], and is returned as its two outcomes (H(0) = H*, and
    H(0) = H* but for one diagonal entry off by its largest deviation) with their probabilities."""
    nn, mm = int(config["n"]), int(config["m"])
    one = np.ones((1, 1, 1))
    env = {"epsilon": config["epsilon"] * one, "delta": config["delta"] * one, "m": mm * one, "n": nn * one}
    if config["inputs"] == "orthogonal":
        k = np.arange(mm + 1)
        law = np.exp(gammaln(mm + 1) - gammaln(k + 1) - gammaln(mm - k + 1) - mm * np.log(2.0))
        dev = np.abs(k / mm - 0.5)
        p = float(law[dev <= config["epsilon"]].sum())
        Hs = np.eye(nn) / 2                                              # relu_ntk of orthonormal inputs
        off = Hs.copy()
        off[0, 0] += dev.max()
        env.update({"H0": np.stack([Hs, off]), "Hstar": Hs[None], WEIGHTS: np.array([p**nn, 1.0 - p**nn])})
        return env
    rng = ctx.rng("h0", label(config))
    X = inputs(rng, nn, 3)
    if config["inputs"] == "clustered":
        X = rng.standard_normal(3) + 0.05 * X
        X /= np.linalg.norm(X, axis=1, keepdims=True)
    env.update({"H0": finite_width_gram(rng.standard_normal((trials, mm, 3)), X), "Hstar": relu_ntk(X)[None]})
    return env


# the two steps hold for every n x n difference: n = 1 (one entry: equality) and 5, random unit inputs at width 64,
# and the extremal ones: n = 5 identical inputs at width 1 (every entry of H(0) - H* is +-1/2: ||.||_F = n eps,
# the corrected bound's equality)
FROBENIUS_SPACE = Configurations(n=[1, 5], m=[1, 64], inputs=["random", "identical"],
                                 when=lambda c: (c["inputs"] == "random" and c["m"] == 64)
                                 or (c["inputs"] == "identical" and c["n"] > 1 and c["m"] == 1),
                                 when_text="random inputs at width 64; identical ones (n >= 2) at width 1")


def frobenius_samples(ctx, precise, config):
    """H(0) - H* for networks of width m (w_r ~ N(0, I_4)) at one configuration (n, m, inputs): n random unit
    inputs, or n copies of one; epsilon = the largest entry of |H(0) - H*|."""
    rng = ctx.rng("frob", label(config))
    S, nn, mm = ctx.budget.samples * 8, int(config["n"]), int(config["m"])
    X = inputs(rng, nn, 4) if config["inputs"] == "random" else np.repeat(inputs(rng, 1, 4), nn, axis=0)
    D = finite_width_gram(rng.standard_normal((S, mm, 4)), X) - relu_ntk(X)[None]
    return {"Hstar": relu_ntk(X)[None], "H0": D + relu_ntk(X)[None],
            "epsilon": np.abs(D).max(axis=(-2, -1), keepdims=True), "n": nn * np.ones((1, 1, 1))}
