"""The lazy-training setting that note 000 states and note 004 restates (its Theorem 2.4 is note 000's
theorem): the symbols both notes write, the quantities of note 000's proof, the theorem as note 000's
corrections state it, and its gradient-flow instances. Both notes import it (the registry loads no
``_``-prefixed module), so neither reads the other's names."""
from __future__ import annotations

import numpy as np
import sympy as sp

from verify import Statement
from verify.checks import Configurations, Range
from verify.maths import flows
from verify.maths.models import (QuadraticLoss, QuadraticModel, flow_velocity, model_gradient_flow, per_instance, sigma_min,
                                 spd_with_spectrum)
from verify.notation import Norm

# ---------------------------------------------------------------------------------------------
# symbols (scalars positive; vector-valued quantities of the simulations real)
# ---------------------------------------------------------------------------------------------
alpha, kappa, mu, nu, sigma, L, J0, lam = sp.symbols("alpha kappa mu nu sigma_min L J0 lambda", positive=True)
M = sp.Symbol("M", positive=True)
t = sp.Symbol("t", nonnegative=True)
f_t, f_0, f_star = sp.symbols("f_t f_0 f_star", real=True)

# facts of the setting every instance satisfies: the smallest singular value of J_{w(0)} is at most its norm,
# and a mu-strongly convex, nu-smooth loss has mu <= nu (kappa = nu/mu >= 1); searches draw inside them
SETTING_FACTS = (sp.Le(sigma, J0), sp.Le(mu, nu))

# ---------------------------------------------------------------------------------------------
# the theorem's definitions and the quantities of its proof, computed from the note's own lines
# ---------------------------------------------------------------------------------------------
KAPPA = {kappa: nu / mu}                       # the theorem's definition kappa = nu / mu
M_STATED = sigma**2 / (32 * kappa**sp.Rational(3, 2) * J0 * L)
M_PROVED = sigma**3 / (16 * kappa**sp.Rational(3, 2) * J0 * L)     # M as the proof derives it
TAU0 = sigma / (2 * L)

# "Sufficiently large alpha": the alpha at which 8 kappa^{3/2} ||J|| ||f*|| / (alpha sigma^2) reaches tau_0
FSTAR = Norm(f_star)
DISPLACEMENT_BOUND = 8 * kappa**sp.Rational(3, 2) / (alpha * sigma**2) * J0 * FSTAR


def positive_solution(equation, x):
    """The one positive x solving ``equation`` (solveset: SymPy's solve checks its solutions through
    sympy.physics.units, a tenth of a second of import for every run of a note-000 claim)."""
    (solution,) = [s for s in sp.solveset(equation, x, sp.S.Reals) if s.is_positive is not False]
    return solution


ALPHA_NEEDED = positive_solution(sp.Eq(DISPLACEMENT_BOUND, TAU0), alpha)

# Lemma 2's last step: solve mu/2 X^2 = e^{-2 mu lambda t} nu/2 X0^2 for X = ||z(t) - z*||
_X, _X0 = sp.symbols("X X0", positive=True)
LEMMA2_FACTOR = positive_solution(sp.Eq(mu / 2 * _X**2, sp.exp(-2 * mu * lam * t) * nu / 2 * _X0**2), _X) / _X0

# the theorem as the proof supports it (note 000's corrections of lazy.theorem.threshold and .bound)
THRESHOLD_CORRECTED = Statement(
    sp.Gt(alpha, FSTAR / M), where={M: M_PROVED})
BOUND_CORRECTED = Statement(
    sp.Le(Norm(alpha * f_t - f_star), sp.sqrt(kappa) * Norm(alpha * f_0 - f_star) * sp.exp(-mu * sigma**2 * t / 4)),
    assuming=[sp.Gt(alpha, FSTAR / M)], where={**KAPPA, M: M_PROVED})

# ---------------------------------------------------------------------------------------------
# the theorem's numeric instances
# ---------------------------------------------------------------------------------------------
N_OUT, P_PARAM = 3, 12


def theorem_setup(rng, batch, alpha_values, kappa_values, beta=1e-3, fstar_norm=0.1, aligned=None):
    """Random instances; where ``aligned``, f* lies along a common eigenvector of A A^T and H, so the
    path of the predictions is (nearly) straight: the instances where a misplaced kappa shows most."""
    model = QuadraticModel.random(rng, batch, N_OUT, P_PARAM, beta)
    H = spd_with_spectrum(rng, np.ones(batch), np.asarray(kappa_values, float), N_OUT)
    direction = rng.standard_normal((batch, N_OUT))
    if aligned is not None and np.any(aligned):
        A = model.A.copy()
        _, sv, Vt = np.linalg.svd(A[aligned], full_matrices=False)
        A[aligned] = sv[..., None] * Vt                                   # A A^T diagonal
        H[aligned] = np.eye(N_OUT) * np.linalg.eigvalsh(H[aligned])[:, None, :]   # H diagonal
        direction[aligned] = np.eye(N_OUT)[rng.integers(0, N_OUT, int(np.sum(aligned)))]
        model = QuadraticModel(A, model.B, model.beta)
    fstar = fstar_norm * direction / np.linalg.norm(direction, axis=1, keepdims=True)
    return model, QuadraticLoss(H, fstar), np.asarray(alpha_values, float)


def time_grid(model, loss, points=160, decay=14.0):
    """Uniform to the slowest instance's decay time (rounded up to two digits), refined over its first
    tenth: the same times on every machine."""
    return flows.time_grid(flows.horizon(decay / (loss.mu * sigma_min(model.A) ** 2 / 4).min()), points,
                           refined=(10, points))


# The corrected theorem's configurations: mu = nu (kappa = 1) to ill-conditioned losses, and alpha from
# the smallest the corrected hypothesis admits (alpha > ||f*||/M, M as the proof derives it) up
THEOREM_SPACE = Configurations(kappa=Range(1.0, 8.0, log=True), alpha_scale=Range(1.00001, 64.0, log=True),
                               constraints=SETTING_FACTS)


def theorem_flow(ctx, precise, config=None):
    """Gradient flow of g(alpha f(w))/alpha^2 from w(0) = 0 for random instances (every other instance
    aligned: f* along a common eigenvector of A A^T and H). Without ``config``: kappa in {1.5, 3, 6} and
    alpha in {0.5, 2, 8} mixed over ctx.budget.samples instances. With ``config``: kappa = nu/mu = config
    ``kappa`` (mu = 1) and alpha = config ``alpha_scale`` x ||f*||/M, M = sigma_min^3/(16 kappa^{3/2}
    ||J|| L) per instance, so alpha_scale -> 1 is the smallest alpha the corrected theorem admits, over
    max(samples/8, 2) instances (the search spends the budget on configurations), until every instance's
    bound e^{-mu sigma_min^2 t/4} is down to 1e-7 (beyond, the flow's values are at the ODE's accuracy)."""
    if config is None:
        rng = ctx.rng("instances")
        S = ctx.budget.samples
        a = rng.choice([0.5, 2.0, 8.0], S)
        kap = rng.choice([1.5, 3.0, 6.0], S)
    else:
        rng = ctx.rng("instances", f"kappa={config['kappa']:g} alpha_scale={config['alpha_scale']:g}")
        S = max(ctx.budget.samples // 8, 2)
        kap, a = np.full(S, float(config["kappa"])), np.ones(S)
    model, loss, a = theorem_setup(rng, S, a, kap, aligned=np.arange(S) % 2 == 0)
    sig, J0_, Lip = sigma_min(model.A), np.linalg.norm(model.A, ord=2, axis=(-2, -1)), model.lipschitz()
    if config is not None:
        kappa_ = loss.nu / loss.mu
        a = float(config["alpha_scale"]) * np.linalg.norm(loss.zstar, axis=-1) * 16 * kappa_**1.5 * J0_ * Lip / sig**3
    if config is None:
        tt = time_grid(model, loss)
    else:       # until every instance's bound has decayed seven decades: beyond, the flow is at the ODE's accuracy
        rate = loss.mu * sig**2 / 4
        tt = time_grid(model, loss, decay=np.log(1e7) * rate.min() / rate.max())
    W = model_gradient_flow(model, loss, a, np.zeros((S, P_PARAM)), tt, precise, stiff=config is not None and config["kappa"] > 8)
    F = model.f(W)
    return {
        "alpha": per_instance(a, 3), "kappa": per_instance(loss.nu / loss.mu, 3), "mu": per_instance(loss.mu, 3), "nu": per_instance(loss.nu, 3),
        "sigma_min": per_instance(sig, 3), "J0": per_instance(J0_, 3),
        "L": per_instance(Lip, 3), "t": tt.reshape(1, -1, 1),
        "f_t": F, "f_0": F[:, :1], "f_star": loss.zstar[:, None, :],
        "w_t": W, "w_0": W[:, :1], "wdot": flow_velocity(model, loss, a, W),
    }


# The corrected theorem at its extremal model: a fold. f_0(w) = sigma (v.w) - (L/2)(v.w)^2 along e_0 (the others
# linear, singular values 2..4 sigma: QuadraticModel.tight), f* = ||f*|| e_0 towards the fold: the model reaches at
# most sigma^2/(2L) there, so alpha below the reach 2 L ||f*|| / sigma^2 leaves f* out of reach and the flow stalls at
# the fold (sigma_min(J) -> 0). Scales sigma_min = 1/32, 1, 32 (a threshold on alpha is a product of powers of
# sigma_min, ||J|| and L: at both ends of the scale it is far from the reach unless its powers are right), kappa = 1
# and 4; alpha at half the reach (beyond which the hypothesis must
# exclude it) and at the proof's threshold ||f*||/M (M = sigma_min^3/(16 kappa^{3/2} ||J|| L)), where the bound is tightest
FOLD_SPACE = Configurations(sigma_min=[1 / 32, 1.0, 32.0], kappa=[1.0, 4.0], alpha=["half reach", "threshold"],
                            constraints=SETTING_FACTS)


_FOLD: dict = {}


def _fold_instances(ctx, config, S):
    """S fold models at one configuration (sigma_min, kappa, alpha), drawn from the configuration's own stream:
    L = 1, ||f*|| = 0.1, H diagonal with eigenvalues mu = 1 and nu = kappa (e_0's drawn among them)."""
    rng = ctx.rng("fold", f"sigma_min={config['sigma_min']:g} kappa={config['kappa']:g} alpha={config['alpha']}")
    model, _ = QuadraticModel.tight(rng, S, N_OUT, P_PARAM, float(config["sigma_min"]), 1.0)
    kap = float(config["kappa"])
    eig = np.concatenate([np.ones((S, 1)), 1.0 + (kap - 1.0) * rng.uniform(size=(S, N_OUT - 2)), np.full((S, 1), kap)], axis=1)
    eig = np.take_along_axis(eig, np.argsort(rng.random((S, N_OUT)), axis=1), axis=1)
    fstar = np.zeros((S, N_OUT))
    fstar[:, 0] = 0.1
    sig, J0_, Lip = sigma_min(model.A), np.linalg.norm(model.A, ord=2, axis=(-2, -1)), model.lipschitz()
    a = (Lip * 0.1 / sig**2 if config["alpha"] == "half reach"
         else 1.00001 * 16 * kap**1.5 * J0_ * Lip * 0.1 / sig**3)
    return model, eig, fstar, a


def _fold_batch(ctx, precise, config):
    """The flows of every configuration of FOLD_SPACE in one solve (max(samples/8, 2) instances each; in precise
    mode, a replay, ``config``'s alone), memoized per seed, claim, check, budget and mode: (configurations, instances
    per configuration, the per-instance arrays). Each instance is integrated in its own time unit 4/(mu sigma_min^2)
    until the bound e^{-mu sigma_min^2 t/4} is down to 1e-7."""
    grid = [dict(config)] if precise else [dict(c) for c in FOLD_SPACE.grid()]
    key = (ctx.seed, ctx.claim_id, ctx.check_key, ctx.budget.name, bool(precise), str(grid))
    if key not in _FOLD:
        _FOLD.clear()
        S = max(ctx.budget.samples // 8, 2)
        parts = [_fold_instances(ctx, c, S) for c in grid]               # over the configurations
        model = QuadraticModel(*(np.concatenate([getattr(p[0], f) for p in parts]) for f in ("A", "B", "beta")))
        eig, fstar, a = (np.concatenate([p[k] for p in parts]) for k in (1, 2, 3))
        loss = QuadraticLoss(eig[:, :, None] * np.eye(N_OUT), fstar)
        sig, J0_, Lip = sigma_min(model.A), np.linalg.norm(model.A, ord=2, axis=(-2, -1)), model.lipschitz()
        unit = 4 / (loss.mu * sig**2)                                  # each instance's time unit
        tau = flows.time_grid(flows.horizon(np.log(1e7)), 40, refined=(10, 40))
        W = flows.batched_flow(lambda _, w: unit[:, None] * flow_velocity(model, loss, a, w), np.zeros((len(a), P_PARAM)),
                               tau, precise, tolerances=(1e-7, 1e-10), stiff=not precise)
        F = model.f(W)
        _FOLD[key] = (grid, S, {
            "alpha": per_instance(a, 3), "kappa": per_instance(loss.nu / loss.mu, 3), "mu": per_instance(loss.mu, 3),
            "nu": per_instance(loss.nu, 3), "sigma_min": per_instance(sig, 3), "J0": per_instance(J0_, 3),
            "L": per_instance(Lip, 3), "t": unit[:, None, None] * tau[None, :, None], "f_t": F, "f_0": F[:, :1],
            "f_star": loss.zstar[:, None, :], "w_t": W, "w_0": W[:, :1]})
    return _FOLD[key]


def fold_flow(ctx, precise, config):
    """The instances of fold models (FOLD_SPACE) at one configuration (sigma_min, kappa, alpha), from the flow of
    every configuration at once (:func:`_fold_batch`): gradient flow of g(alpha f(w))/alpha^2 from w(0) = 0."""
    grid, S, env = _fold_batch(ctx, precise, config)
    k = grid.index(dict(config))
    return {name: v[k * S:(k + 1) * S] for name, v in env.items()}
