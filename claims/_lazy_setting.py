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
