"""Note 003: "Convergence beyond the over-parameterized regime using Rayleigh quotients" (Robin, Scaman,
Lelarge): Kurdyka-Łojasiewicz (KL) inequalities, Rayleigh quotients of the NTK, logistic regression.

One claim per checkable statement, in the note's order, with the note's symbols, each encoded as written.
The checks find that the logistic-regression bound log(1/W_0(exp(kappa^2 eps^2 t - C))) turns negative for
kappa^2 eps^2 t > 1 + C although the cross-entropy is positive (the KL route gives log(1 + 1/W_0(...))),
that the cross-entropy with Y = R_+^k is not a map into R_+, and that the proof of the proposition uses a
kappa it never defines (its previous line gives kappa = 4 mu). The scaling analysis (SCALING) finds the
cross-entropy's error by itself: log f_i(x) is not scale-free for f(x) in R_+^k; every other statement is
scale-consistent, the examples' KL constant mu = 1 and l's KL constant 1 being normalisations the note fixes.

Conventions where the note is silent, stated once:
- Gradient flows are d theta/dt = -grad L(theta); the norms of a Rayleigh quotient are the Euclidean norm
  induced by the inner product the eigenvectors are orthonormal for; "K >= mu" means K - mu I is PSD.
- Proposition: kappa is read as 4 mu (the constant of the line before it) from the rate on; instances are
  least squares ||F(theta) - f*||^2 on smooth models F(theta) = A theta + (beta/2)(B theta)^2 with more
  parameters than outputs, mu = the smallest lambda_min(K_{theta_t}) along the simulated trajectory.
- KL theorem: desingularizers phi_p(u) = u^p/p (p < 0) and phi_0 = log, so phi_0 = log and phi_{-1} = -1/u
  are the note's examples; instances are power losses (theta^T H theta)^{q/2} (p = 2/q - 1, KL constant
  q^2 lambda_min(H)) and exponential losses on separable data (p = -1, constant margin^2), with
  instances started on the extremal direction, where the bound is attained.
- Logistic regression: a finite dataset of N points with uniform weights and one-hot targets, separated
  with margin eps by a unit-Frobenius theta*; the isolation measure is kappa = 1/N (each point's mass);
  C = phi(H(theta_0)) for the cross-entropy desingularizer phi(u) = log(e^u - 1) - 1/(e^u - 1), which is
  positive for the initialisations used (theta_0 near 0 with c = 3 classes; two-class single-point
  datasets started with a wrong-side logit gap, where the KL inequality and the corrected bound are tight).
- Two-layer result: sigma = tanh, x = (s, 1) with s uniform on [-1, 1] (infinite support), f*(s) =
  sin(pi s), eps = 0.05, delta = 0.1, m = 6 neurons (18 parameters); the limit eta is bounded by
  L(theta_T) at T = 60 since L decreases along gradient flow.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from verify.maths.losses import (ExponentialLoss, LinearSoftmax, PowerLoss, TwoLayerTanh,
                           cross_entropy_desingularizer, cross_entropy_phi_numeric, least_squares_grad,
                           loss_flow, power_desingularizer, separable_data)
from verify import Claim, Correction, Source, Statement, Verdict
from verify.checks import Derivation, Domain, Gronwall, Identity, Inequality, Probability, Simulation
from verify.notation import LambdaMin, Norm, Prob, Quad, Rank, Rayleigh, W0
from verify.scaling import Scaling
from verify.maths.models import QuadraticModel, spd_with_spectrum

NOTE = "003_518f7136a2a82eb3.txt"


def src(section: str, quote: str) -> Source:
    return Source(NOTE, section, quote)


# ---------------------------------------------------------------------------------------------
# symbols
# ---------------------------------------------------------------------------------------------
mu, kappa, eps, C = sp.symbols("mu kappa epsilon C", positive=True)
t = sp.Symbol("t", nonnegative=True)
u = sp.Symbol("u", positive=True)
p = sp.Symbol("p", nonpositive=True)                     # desingularizer exponent (phi_p)
m, n = sp.symbols("m n", positive=True, integer=True)
delta = sp.Symbol("delta", positive=True)
mu_sim = sp.Symbol("mu", nonnegative=True)               # a simulated mu, whose positivity is a hypothesis
# values read from simulations (vectors and matrices come from arrays)
L_t, L_0, G_t, L_sym, D_t = sp.symbols("L_t L_0 G_t L D_t", nonnegative=True)
H_t, H_0 = sp.symbols("H_t H_0", nonnegative=True)
ell, G_ell, G_L = sp.symbols("ell G_ell G_L", nonnegative=True)
eta = sp.Symbol("eta", nonnegative=True)
f_theta, f_star, K, v, g, A, x = sp.symbols("f_theta f_star K v g A x", real=True)

# ---------------------------------------------------------------------------------------------
# scalings: the setting's independent rescalings and each symbol's dimension (verify.checks.scaling)
# ---------------------------------------------------------------------------------------------
# Parameters theta, model outputs f = F(theta) (and targets f*, Y's unit) and loss values L, l rescale
# independently for a generic loss; the gradient flow theta' = -grad L fixes time as [theta]^2/[L]. The NTK
# K = DF DF^T and any lower bound mu on it or on its Rayleigh quotients scale as [f]^2/[theta]^2; a KL
# constant (d phi_p(L) ||grad L||^2 >= mu, d phi_p(u) = u^{p-1}) as [L]^{p+1}/[theta]^2, phi_p(L) as [L]^p.
# Where the note's loss is least squares, l(f) = ||f - f*||^2 with no constant, loss values scale as [f]^2
# (LEAST_SQUARES). In the logistic section softargmax(theta x) needs theta x scale-free (theta ~ 1/[x]), the
# cross-entropy is in nats (scale-free), the margin eps of the unit-Frobenius theta* scales as [x], and time
# theta^2/H as [x]^-2 (LOGISTIC). Counts n, m, probabilities delta, the exponent p, logits are scale-free.
S_TH, S_F, S_L, S_X = (sp.Symbol(n, positive=True) for n in ("[theta]", "[f]", "[L]", "[x]"))


def _loss_dims(loss_unit):
    """Dimensions of the flow's quantities when loss values scale as ``loss_unit``."""
    return {t: S_TH**2 / loss_unit, "L": loss_unit, L_t: loss_unit, L_0: loss_unit, ell: loss_unit, eta: loss_unit,
            D_t: loss_unit**2 / S_TH**2, G_t: loss_unit**2 / S_TH**2, G_L: loss_unit**2 / S_TH**2,
            kappa: loss_unit / S_TH**2}                        # kappa: a rate, exp(-kappa t)


SCALING = Scaling(
    scales={S_TH: "parameters theta", S_F: "model outputs f_theta = F(theta) and targets f*",
            S_L: "loss values L, l", S_X: "inputs x (logistic regression)"},
    dims={**_loss_dims(S_L), G_ell: S_L**2 / S_F**2, mu: S_F**2 / S_TH**2, K: S_F**2 / S_TH**2,
          A: S_F**2 / S_TH**2,
          f_theta: S_F, f_star: S_F, "fstar1": S_F, "fstar2": S_F, "F1": S_F, "F2": S_F,
          "theta1": S_TH, "theta2": S_TH, "theta3": S_TH, "ell": S_L, "phi": S_L**p, "Phi": S_L**p,
          eps: S_L, C: 1, p: 1, m: 1, n: 1, delta: 1, x: 1, "u1": 1, "u2": 1, "u3": 1},
)   # v, g (directions inside a Rayleigh quotient) need no dimension: R(K; v, v) is homogeneous of degree 0
LEAST_SQUARES = SCALING.with_dims({**_loss_dims(S_F**2), kappa: S_F**2 / S_TH**2})
KL_SCALING = SCALING.with_dims({mu: S_L**(p + 1) / S_TH**2})
LOGISTIC = SCALING.with_dims({kappa: 1, eps: S_X, C: 1, H_t: 1, H_0: 1, t: S_X**-2})
PHI0_LOG = ("phi_0 = log takes the logarithm of a loss value, scale-free only once the loss unit is fixed (the "
            "theorem is invariant, log(cL) = log c + log L shifts phi(L_0) and phi(L_t) alike; this analysis cannot see it)")

# the desingularizer family and its inverse (SymPy solves the inverse branch by branch)
PHI, PHI_INV = power_desingularizer(u, p)
DPHI = sp.diff(PHI, u)                                    # d phi_p(u) = u^{p-1}


def phi_at(expr):
    return PHI.subs(u, expr)


def dphi_at(expr):
    return DPHI.subs(u, expr)


# the note's two examples, phi = log and phi(u) = -1/u, inverted by SymPy
_y, _w = sp.Symbol("y", positive=True), sp.Symbol("w", real=True)
PHI_LOG, PHI_RECIP = sp.log(u), -1 / u
INV_LOG = sp.Lambda(_w, sp.solve(sp.Eq(PHI_LOG.subs(u, _y), _w), _y)[0])
INV_RECIP = sp.Lambda(_w, sp.solve(sp.Eq(PHI_RECIP.subs(u, _y), _w), _y)[0])

# cross-entropy desingularizer: phi'(u) = 1/(1 - e^{-u})^2, integrated by SymPy
PHI_CE = cross_entropy_desingularizer(u)

# ---------------------------------------------------------------------------------------------
# proof steps computed from the note's own lines (never typed-in results)
# ---------------------------------------------------------------------------------------------
RESIDUAL = Norm(f_theta - f_star)
DEFINITE_RHS = 4 * mu * RESIDUAL**2                       # "-dL/dt >= 4 mu ||f_theta - f*||^2"
# with l(f) = ||f - f*||^2, L = ||f_theta - f*||^2: the line before "Therefore" in terms of L
PL_DERIVED = sp.Ge(D_t, DEFINITE_RHS.subs(RESIDUAL**2, L_sym))
KAPPA_PL = {kappa: 4 * mu}


def comparison_solution(rate):
    """Solution of the comparison ODE Y' = -rate(Y), Y(0) = L_0 (Grönwall / integrating the KL bound)."""
    Y = sp.Function("Y")
    sol = sp.dsolve(sp.Eq(Y(t).diff(t), -rate(Y(t))), Y(t), ics={Y(0): L_0})
    sols = sol if isinstance(sol, list) else [sol]
    # the branch through Y(0) = L_0 > 0 that decreases
    return next(s.rhs for s in sols if sp.simplify(s.rhs.subs(t, 0) - L_0) == 0)


RATE_GRONWALL = comparison_solution(lambda Y: kappa * Y)          # from -dL/dt >= kappa L
EXAMPLE_LOG_DERIVED = comparison_solution(lambda Y: Y)            # ||grad L||^2 >= L
EXAMPLE_RECIP_DERIVED = comparison_solution(lambda Y: Y**2)       # ||grad L||^2 >= L^2


def _logistic_bound_derived():
    """Integrate the cross-entropy KL inequality d phi_H(||grad H||^2) >= kappa^2 eps^2 with the KL
    theorem: phi(H_t) <= phi(H_0) - kappa^2 eps^2 t =: -(kappa^2 eps^2 t - C), C = phi(H_0). Write
    phi in w = 1/(e^H - 1), solve phi = c for w (a Lambert function), then solve for H."""
    c = sp.Symbol("c", real=True)
    wpos, hpos = sp.Symbol("w", positive=True), sp.Symbol("h", positive=True)
    phi_w = sp.expand_log(sp.simplify(PHI_CE.subs(u, sp.log(1 + 1 / wpos))), force=True)
    w_of_c = sp.solve(sp.Eq(phi_w, c), wpos)[0]
    h_of_w = sp.solve(sp.Eq(wpos, 1 / (sp.exp(hpos) - 1)), hpos)[0]
    bound = h_of_w.subs(wpos, w_of_c).subs(c, C - kappa**2 * eps**2 * t)
    return sp.Le(H_t, bound.replace(sp.LambertW, W0))


LOGISTIC_DERIVED = _logistic_bound_derived()
# The cross-entropy of softargmax is positive: a bound below its infimum 0 fails for every flow.
H_AT_ITS_INFIMUM = {"H_t": Domain(0, 0)}
LOGISTIC_STATED = sp.log(1 / W0(sp.exp(kappa**2 * eps**2 * t - C)))

# ---------------------------------------------------------------------------------------------
# simulations
# ---------------------------------------------------------------------------------------------
# Equality cases are simulated on purpose. A constant taken a HAIR below (or above) its exact value
# still satisfies the hypothesis after round-off (hypotheses are evaluated without tolerance) and
# weakens the conclusion by a relative 1e-9 only.
HAIR = 1e-9



def _col(a, rank=3):
    return np.asarray(a, float).reshape((-1,) + (1,) * (rank - 1))


def _series(a):
    return np.asarray(a, float)[..., None]


P_OUT, P_PARAM = 3, 8


def prop_flows(ctx, precise):
    """Gradient flow of L = ||F(theta) - f*||^2 from theta_0 = 0 for smooth models with more parameters
    than outputs. Half the instances are linear (beta = 0) with f* on the bottom eigenvector of A A^T,
    where L(theta_t) = L(theta_0) e^{-4 mu t} exactly."""
    rng = ctx.rng("prop")
    S = ctx.budget.samples
    model = QuadraticModel.random(rng, S, P_OUT, P_PARAM, beta=np.where(np.arange(S) % 2 == 0, 0.0, 0.1))
    fstar = rng.standard_normal((S, P_OUT))
    fstar /= np.linalg.norm(fstar, axis=1, keepdims=True)
    lam, vec = np.linalg.eigh(model.A @ np.swapaxes(model.A, -1, -2))
    fstar[::2] = vec[::2, :, 0]
    speed = 4 * lam[:, 0]                                   # 4 lambda_min(K_{theta_0})
    tau = np.linspace(0.0, 12.0, 121)
    W = loss_flow(least_squares_grad(model, fstar), np.zeros((S, P_PARAM)), tau, speed, precise)
    J = model.jac(W)
    mu_traj = np.linalg.eigvalsh(J @ np.swapaxes(J, -1, -2))[..., 0].min(axis=1)
    L = ((model.f(W) - fstar[:, None, :]) ** 2).sum(-1)
    G = (least_squares_grad(model, fstar)(W) ** 2).sum(-1)
    return {"L_t": _series(L), "L_0": _series(L[:, :1]), "G_t": _series(G), "mu": _col(mu_traj),
            "t": _series(tau[None, :] / speed[:, None])}


def definite_pairs(ctx, precise):
    """Random PSD matrices K and vectors f_theta - f* (f* random), with mu drawn around lambda_min(K) so that the
    hypothesis K >= mu holds at about half the draws; the first four draws of each instance are equality
    cases (the vector on the bottom eigenvector, mu a HAIR below lambda_min)."""
    rng = ctx.rng("definite")
    S, k, dim = ctx.budget.samples, 32, 4
    lo = rng.uniform(0.1, 1.0, (S * k,))
    Km = spd_with_spectrum(rng, lo, lo * rng.uniform(1.5, 10.0, S * k), dim).reshape(S, k, dim, dim)
    muv = (lo * rng.uniform(0.5, 1.5, S * k)).reshape(S, k, 1, 1)
    r = rng.standard_normal((S, k, 1, dim))
    bottom = np.linalg.eigh(Km[:, :4])[1][..., 0]                          # (S, 4, dim)
    r[:, :4, 0] = bottom * rng.uniform(0.5, 2.0, (S, 4, 1))
    muv[:, :4] = np.linalg.eigvalsh(Km[:, :4])[..., :1, None] * (1 - HAIR)
    fstar = rng.standard_normal((S, 1, 1, dim))             # f* != 0: a statement that drops it is not the same
    return {"K": Km, "f_theta": fstar + r, "f_star": fstar, "mu": muv, "v": r}


KL_TIME = np.linspace(0.0, 12.0, 241)


def _power_instances(rng, S, dim, q, lam_lo):
    """Power losses with lambda_min(H) = lam_lo; odd instances start on the bottom eigenvector."""
    H = spd_with_spectrum(rng, lam_lo, lam_lo * rng.uniform(2.0, 5.0, S), dim)
    th0 = rng.standard_normal((S, dim))
    bottom = np.linalg.eigh(H)[1][..., 0]
    th0[1::2] = bottom[1::2]
    th0 /= np.linalg.norm(th0, axis=1, keepdims=True)
    return PowerLoss(H, np.full(S, float(q))), th0


def _exponential_instances(rng, S, dim, gamma):
    """z_i = gamma_i u + w_i with gamma_i >= gamma = the margin along the unit u; odd instances have
    all gamma_i = gamma, sum_i w_i = 0 and start on the line of u, where ||grad L|| = gamma L."""
    N = 5
    uu = rng.standard_normal((S, dim))
    uu /= np.linalg.norm(uu, axis=1, keepdims=True)
    Wp = rng.standard_normal((S, N, dim))
    Wp -= np.einsum("snd,sd->sn", Wp, uu)[..., None] * uu[:, None, :]          # orthogonal to u
    Wp[1::2] -= Wp[1::2].mean(axis=1, keepdims=True)
    gam = gamma[:, None] * (1 + rng.uniform(0, 1, (S, N)))
    gam[:, 0] = gamma
    gam[1::2] = gamma[1::2, None]
    loss = ExponentialLoss(gam[..., None] * uu[:, None, :] + Wp)
    th0 = rng.standard_normal((S, dim))
    th0[1::2] = uu[1::2] * rng.uniform(-1, 1, (len(th0[1::2]), 1))
    return loss, th0, loss.margin(uu)


def _kl_env(losses, grads, th0, mu_v, p_v, precise, tau=KL_TIME):
    """Flows of several loss families in one ODE solve, time rescaled by each instance's KL constant."""
    cuts = np.cumsum([0] + [len(t0) for t0 in th0])
    th0 = np.concatenate(th0)
    mu_v = np.concatenate(mu_v)

    def grad(th):
        return np.concatenate([gr(th[a:b]) for gr, a, b in zip(grads, cuts[:-1], cuts[1:])])

    Th = loss_flow(grad, th0, tau, mu_v, precise)
    Lv = np.concatenate([lo.value(Th[a:b]) for lo, a, b in zip(losses, cuts[:-1], cuts[1:])])
    Gv = (grad(Th) ** 2).sum(-1)
    return {"L_t": _series(Lv), "L_0": _series(Lv[:, :1]), "G_t": _series(Gv), "mu": _col(mu_v),
            "p": _col(np.concatenate(p_v)), "t": _series(tau[None, :] / mu_v[:, None])}


def kl_flows(ctx, precise):
    """Power losses with q = 2 (phi = log) and q = 4 (phi = -2/sqrt(u)), and exponential losses
    (phi = -1/u), each with its KL constant mu on all of Theta."""
    rng = ctx.rng("kl")
    S, dim = ctx.budget.samples, 3
    quad, th_q = _power_instances(rng, S, dim, 2, rng.uniform(0.5, 1.0, S))
    quart, th_r = _power_instances(rng, S, dim, 4, rng.uniform(0.5, 1.0, S))
    expo, th_e, gam = _exponential_instances(rng, S, dim, rng.uniform(0.5, 1.5, S))
    mus = [quad.kl_constant, quart.kl_constant, gam**2]
    return _kl_env([quad, quart, expo], [quad.grad, quart.grad, expo.grad], [th_q, th_r, th_e],
                   [mu_v * (1 - HAIR) for mu_v in mus], [quad.p, quart.p, np.full(S, -1.0)], precise)


def example_log_flows(ctx, precise):
    """Quadratic losses theta^T H theta with lambda_min(H) in [1/4, 1]: ||grad L||^2 >= 4 lambda_min L >= L
    (equality for lambda_min = 1/4 on the bottom eigenvector)."""
    rng = ctx.rng("example_log")
    S = ctx.budget.samples
    lam = np.where(np.arange(S) < S // 2, 0.25 * (1 + HAIR), rng.uniform(0.25, 1.0, S))
    quad, th0 = _power_instances(rng, S, 3, 2, lam)
    return _kl_env([quad], [quad.grad], [th0], [np.ones(S)], [np.zeros(S)], precise)


def example_recip_flows(ctx, precise):
    """Exponential losses with margin gamma in [1, 2]: ||grad L||^2 >= gamma^2 L^2 >= L^2."""
    rng = ctx.rng("example_recip")
    S = ctx.budget.samples
    gam = np.where(np.arange(S) < S // 2, 1.0 + HAIR, rng.uniform(1.0, 2.0, S))
    expo, th0, _ = _exponential_instances(rng, S, 3, gam)
    return _kl_env([expo], [expo.grad], [th0], [np.ones(S)], [np.full(S, -1.0)], precise,
                   tau=np.linspace(0.0, 60.0, 241))


NTK_N, NTK_MAX_M = 5, 9


def ntk_shapes(ctx, precise):
    """DF(theta) in R^{n x m} for n = 5 and m = 1..9 (Gaussian; every third of rank at most 2),
    K = DF DF^T."""
    rng = ctx.rng("ntk")
    S = ctx.budget.samples
    ms = np.repeat(np.arange(1, NTK_MAX_M + 1), S)
    columns = (np.arange(NTK_MAX_M) < ms[:, None])[:, None, :]             # DF has m columns
    DF = rng.standard_normal((len(ms), NTK_N, NTK_MAX_M))
    low = rng.standard_normal((len(ms), NTK_N, 2)) @ rng.standard_normal((len(ms), 2, NTK_MAX_M))
    DF = np.where((np.arange(len(ms)) % 3 == 1)[:, None, None], low, DF) * columns
    Km = DF @ np.swapaxes(DF, -1, -2)
    one = np.ones((len(ms), 1, 1))
    return {"K": Km, "m": _col(ms), "n": NTK_N * one, "mu": 0.05 * one}


def symmetric_draws(ctx, precise):
    """Random symmetric PSD matrices (d = 4, spread spectra) and directions."""
    rng = ctx.rng("symmetric")
    S, k, dim = ctx.budget.samples, 32, 4
    lo = rng.uniform(0.0, 1.0, S * k)
    Am = spd_with_spectrum(rng, lo, lo + rng.uniform(0.5, 10.0, S * k), dim).reshape(S, k, dim, dim)
    return {"A": Am, "x": rng.standard_normal((S, k, 1, dim))}


def underparameterized_flow(ctx, precise):
    """Least squares on F(theta) = A theta with A in R^{n x m}, m = 2 < n = 5, f* = A theta*: K = A A^T is
    singular, yet along the flow the gradient grad l = 2(f_theta - f*) stays in range(A), so
    R(K; grad l, grad l) >= the smallest nonzero eigenvalue of K. Closed form in the eigenbasis of K."""
    rng = ctx.rng("underparameterized")
    S, nn, mm = ctx.budget.samples, 5, 2
    Am = rng.standard_normal((S, nn, mm))
    Km = Am @ np.swapaxes(Am, -1, -2)
    lam, U = np.linalg.eigh(Km)
    lam_pos, U_pos = lam[:, -mm:], U[:, :, -mm:]                         # range(A) = top-m eigenvectors
    r0 = np.einsum("snm,sm->sn", Am, rng.standard_normal((S, mm)))        # A (theta_0 - theta*)
    coef = np.einsum("snk,sn->sk", U_pos, r0)
    tt = np.linspace(0.0, 6.0, 61) / lam_pos[:, :1]                        # (S, T)
    r_t = np.einsum("snk,stk->stn", U_pos, coef[:, None, :] * np.exp(-2 * lam_pos[:, None, :] * tt[..., None]))
    return {"K": Km[:, None], "g": 2 * r_t[:, :, None, :], "mu": _col(lam_pos[:, 0], 4)}


COMP_OUT, COMP_PARAM = 4, 3


def composition_points(ctx, precise):
    """l o F at random theta for smooth models F: R^3 -> R^4 (fewer parameters than outputs, so K_theta
    is singular). Half the instances use l(f) = ||f - f*||^2/4 (KL with phi = log and constant exactly 1),
    half l(f) = exp(-w.f), ||w|| = 1 (KL with phi = -1/u, constant exactly 1), both scaled a HAIR so that
    the KL constant of l clears 1 after round-off; mu is the lower quartile of R(K_theta; grad l, grad l)
    over the points, so the Rayleigh hypothesis holds at three in four (with equality at one)."""
    rng = ctx.rng("composition")
    S, k = ctx.budget.samples, 64
    model = QuadraticModel.random(rng, S, COMP_OUT, COMP_PARAM, beta=0.5)
    th = rng.standard_normal((S, k, COMP_PARAM)) * 1.5
    f = model.f(th)                                                      # (S, k, n)
    J = model.jac(th)                                                    # (S, k, n, P)
    fstar = rng.standard_normal((S, 1, COMP_OUT))
    w = rng.standard_normal((S, 1, COMP_OUT))
    w *= (1 + HAIR) / np.linalg.norm(w, axis=-1, keepdims=True)
    c = (1 + HAIR) / 4
    square = (np.arange(S) % 2 == 0)[:, None, None]
    ell_v = np.where(square[..., 0], c * ((f - fstar) ** 2).sum(-1), np.exp(-(w * f).sum(-1)))
    grad = np.where(square, 2 * c * (f - fstar), -w * ell_v[..., None])
    Km = J @ np.swapaxes(J, -1, -2)
    GL = (np.einsum("sknp,skn->skp", J, grad) ** 2).sum(-1)
    ray = np.einsum("ski,skij,skj->sk", grad, Km, grad) / (grad**2).sum(-1)
    return {"L": ell_v[..., None, None], "ell": ell_v[..., None, None], "G_L": GL[..., None, None],
            "G_ell": (grad**2).sum(-1)[..., None, None], "K": Km, "g": grad[:, :, None, :],
            "mu": _col(np.quantile(ray, 0.25, axis=1, method="lower"), 4),
            "p": _col(np.where(square[:, 0, 0], 0.0, -1.0), 4)}


LOGISTIC_N, LOGISTIC_C, LOGISTIC_D = 5, 3, 3
LOGISTIC_TIME = np.unique(np.concatenate([np.linspace(0.0, 40.0, 161), np.linspace(0.0, 2.0, 41)]))


def _two_class_single_point(rng, S):
    """Two classes, one point x, label 0: the unit-Frobenius separator (x, -x)/(sqrt(2)||x||) has margin
    eps = sqrt(2)||x|| and ||grad H||_F^2 = 2 (1 - p_0)^2 ||x||^2 = eps^2 (1 - e^{-H})^2: the KL inequality
    holds with equality (kappa = 1/N = 1), so the KL bound is attained. theta_0 puts a logit gap -a on the
    point, H(theta_0) = log(1 + e^a) > 1.02, where phi(H(theta_0)) > 0."""
    X = rng.standard_normal((S, 1, LOGISTIC_D))
    norm2 = (X[:, 0] ** 2).sum(-1)
    gap = rng.uniform(0.8, 2.0, S)
    th0 = np.stack([-1.0, 1.0])[None, :, None] * (gap / (2 * norm2))[:, None, None] * X[:, 0][:, None, :]
    return LinearSoftmax(X, np.zeros((S, 1), dtype=int), 2), th0, np.sqrt(2 * norm2)


def logistic_flows(ctx, precise):
    """Gradient flow of the mean cross-entropy of softargmax(theta x): separable datasets (N = 5 points,
    c = 3 classes, d = 3) from theta_0 = 0 (even instances) or a small random theta_0, and two-class
    single-point datasets where the KL bound is attained. Time is rescaled by kappa^2 eps^2 so that every
    instance reaches kappa^2 eps^2 t = 40 (one ODE solve per dataset family)."""
    rng = ctx.rng("logistic")
    S = ctx.budget.samples
    data, _, eps3 = separable_data(rng, S, LOGISTIC_N, LOGISTIC_D, LOGISTIC_C, margin_floor=0.5)
    th3 = rng.normal(0.0, 0.05, (S, LOGISTIC_C, LOGISTIC_D)) * (np.arange(S) % 2 == 1)[:, None, None]
    data2, th2, eps2 = _two_class_single_point(rng, max(S // 2, 2))
    kap = np.concatenate([np.full(S, 1.0 / LOGISTIC_N), np.ones(len(eps2))])
    eps_v = np.concatenate([eps3, eps2])
    speed = (kap * eps_v) ** 2
    H, G = [], []
    for d_, th0, sp_ in ((data, th3, speed[:S]), (data2, th2, speed[S:])):
        Th = loss_flow(d_.grad, th0, LOGISTIC_TIME, sp_, precise)
        H.append(d_.loss(Th))
        G.append((d_.grad(Th) ** 2).sum(axis=(-2, -1)))
    Hv, Gv = np.concatenate(H), np.concatenate(G)
    return {"H_t": _series(Hv), "H_0": _series(Hv[:, :1]), "G_t": _series(Gv), "kappa": _col(kap),
            "epsilon": _col(eps_v), "C": _col(cross_entropy_phi_numeric(Hv[:, 0]) + HAIR),
            "t": _series(LOGISTIC_TIME[None, :] / speed[:, None])}


TWO_LAYER_WIDTH, TWO_LAYER_T, TWO_LAYER_EPS, TWO_LAYER_DELTA = 6, 60.0, 0.05, 0.1
TWO_LAYER = TwoLayerTanh.on(lambda s: np.sin(np.pi * s), nodes=12)


def _two_layer_init(rng, trials):
    """w_i ~ N(0, I_2), a_i ~ N(0, 1/m)."""
    W = rng.standard_normal((trials, TWO_LAYER_WIDTH, 2))
    a = rng.standard_normal((trials, TWO_LAYER_WIDTH, 1)) / np.sqrt(TWO_LAYER_WIDTH)
    return np.concatenate([W, a], axis=-1)


def two_layer_trials(ctx, trials, precise):
    """Independent initialisations, each followed by its gradient flow up to T (one ODE solve); eta is
    bounded by L(theta_T) because L decreases along the flow. The fast mode runs at rtol 1e-7: the event
    compares L(theta_T) with epsilon = 0.05, and the losses differ from rtol 1e-9's by 2e-9 at most
    (measured over 2000 trials; 2.4x fewer steps)."""
    rng = ctx.rng("two_layer")
    th0 = _two_layer_init(rng, trials)
    Th = loss_flow(TWO_LAYER.grad, th0, np.array([0.0, TWO_LAYER_T]), np.ones(trials), precise,
                   tolerances=(1e-7, 1e-11))
    one = np.ones((1, 1))
    return {"eta": TWO_LAYER.loss(Th[:, -1])[:, None], "epsilon": TWO_LAYER_EPS * one,
            "delta": TWO_LAYER_DELTA * one}


def two_layer_gram(ctx, precise):
    """NTK Gram matrices of the two-layer network at initialisation on 40 inputs from the support of D
    (more inputs than the 3m = 18 parameters)."""
    rng = ctx.rng("two_layer_gram")
    S = ctx.budget.samples
    net = TwoLayerTanh.on(lambda s: np.sin(np.pi * s), nodes=40)
    J = net.jacobian(_two_layer_init(rng, S))
    return {"K": J @ np.swapaxes(J, -1, -2), "m": np.full((S, 1, 1), float(TWO_LAYER_WIDTH))}


# ---------------------------------------------------------------------------------------------
# symbolic stand-ins: undefined functions along a gradient flow
# ---------------------------------------------------------------------------------------------
_tt = sp.Symbol("t", real=True)
_th = [sp.Function(f"theta{i}")(_tt) for i in (1, 2, 3)]
_F = [sp.Function(f"F{i}") for i in (1, 2)]
_fs = sp.symbols("fstar1 fstar2", real=True)

# Prop (n = 2 outputs, m = 3 parameters): L = ||F(theta) - f*||^2 along theta' = -grad L
_Ft = [F(*_th) for F in _F]
_rt = sp.Matrix([_Ft[i] - _fs[i] for i in range(2)])
_Lt = (_rt.T * _rt)[0]
_gradt = sp.Matrix([_Lt.diff(c) for c in _th])
_DFt = sp.Matrix(2, 3, lambda i, j: _Ft[i].diff(_th[j]))
_FLOW3 = {c: -_gradt[j] for j, c in enumerate(_th)}

# generic L of two parameters along its gradient flow
_Lg = sp.Function("L")(*_th[:2])
_gradg = sp.Matrix([_Lg.diff(c) for c in _th[:2]])
_FLOW2 = {c: -_gradg[j] for j, c in enumerate(_th[:2])}
_phi = sp.Function("phi")
_z = sp.Symbol("z", real=True)

# static parameters for the chain rule of L = l o F (and the Prop's gradient)
_ths = sp.symbols("theta1:4", real=True)
_Fs = [F(*_ths) for F in _F]
_rs = sp.Matrix([_Fs[i] - _fs[i] for i in range(2)])
_DFs = sp.Matrix(2, 3, lambda i, j: _Fs[i].diff(_ths[j]))
_ell = sp.Function("ell")
_f1, _f2 = sp.symbols("f1 f2", real=True)
_grad_ell = sp.Matrix([_ell(_f1, _f2).diff(c) for c in (_f1, _f2)]).subs({_f1: _Fs[0], _f2: _Fs[1]})

# Rayleigh quotient of a symmetric 2x2 form with orthonormal eigenvectors (Cayley parametrisation)
_a = sp.Symbol("a", real=True)
_V = sp.Matrix([[1 - _a**2, -2 * _a], [2 * _a, 1 - _a**2]]) / (1 + _a**2)
_lam = sp.symbols("lambda1 lambda2", nonnegative=True)
_x = sp.Matrix(sp.symbols("x1 x2", real=True))
_Amat = _V * sp.diag(*_lam) * _V.T
_cx = [(_x.T * _V[:, i])[0] for i in range(2)]

# softargmax with c = 3 classes
_U = sp.symbols("u1:4", real=True)
_soft = [sp.exp(ui) / sum(sp.exp(uj) for uj in _U) for ui in _U]

_y1, _y2, _f1p, _f2p = sp.symbols("y1 y2 f1 f2", positive=True)
_p1 = sp.Symbol("p1", positive=True)                    # a probability: a point of the simplex Delta_2 is (p1, 1 - p1)
_Phi_t = sp.Function("Phi")
_xw = sp.Symbol("x", real=True)

# ---------------------------------------------------------------------------------------------
# claims, in the note's order
# ---------------------------------------------------------------------------------------------
CLAIMS = [
    Claim(
        id="rq.setup.cross_entropy_range",
        title="Setup: the cross-entropy on Y = R_+^k is a loss into R_+",
        source=src("Context", r"Cross entropy ($\mathcal{Y} = \mathbb{R}_+^k$): $\ell : f \mapsto \mathbb{E}_{(x,y) \sim \mathcal{D}} [-\sum_i y_i \log(f_i(x))]$"),
        statement=Statement(sp.Ge(-_y1 * sp.log(_f1p) - _y2 * sp.log(_f2p), 0),
                            latex=r"f(x), y \in \mathbb{R}_+^2 \Rightarrow -\sum_i y_i \log f_i(x) \geq 0 \quad (\ell : \mathcal{Y}^{\mathcal{X}} \to \mathbb{R}_+)"),
        checks=(Inequality(name="sign over R_+^2", domains={"y1": Domain(0, 2), "y2": Domain(0, 2),
                                                             "f1": Domain(1e-3, 10), "f2": Domain(1e-3, 10)}),),
        correction=Correction(
            Statement(sp.Ge(-_y1 * sp.log(_p1) - _y2 * sp.log(1 - _p1), 0),
                      latex=r"f(x) = (p_1, 1 - p_1) \in \Delta_2,\ y \in \mathbb{R}_+^2 \Rightarrow -\sum_i y_i \log f_i(x) \geq 0"),
            checks=(Inequality(name="sign over the simplex", domains={"y1": Domain(0, 2), "y2": Domain(0, 2),
                                                                       "p1": Domain(0, 1)}),),
            why="With f(x) anywhere in R_+^k, -sum_i y_i log f_i(x) < 0 as soon as f_i(x) > 1 where y_i > 0, and it is "
                "unbounded below, so l(f) = 0 is not the optimum; predictions in the simplex (as the logistic "
                "section uses, Delta_c) make it nonnegative. The scaling analysis finds the same error without a counterexample: "
                "log f_i(x) is not scale-free for f(x) in R_+^k (rescaling f by c shifts the loss by -(sum_i y_i) log c, "
                "so its sign depends on the unit of f), while a probability p_1 has no unit.",
            expected=Verdict.PROVED),
        scaling=SCALING.with_dims({_y1: S_F, _y2: S_F, _f1p: S_F, _f2p: S_F, _p1: 1}),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="rq.prop.converges",
        title="Prop: K_{theta_t} >= mu > 0 for all t gives L(theta_t) -> 0 (via the proof's bound L(theta_0) e^{-kappa t})",
        source=src("Previously: infinite-width NTK", r"Prop: If $\exists \mu \in \mathbb{R}_+^*$, $\forall t \in \mathbb{R}_+$, $K_{\theta_t} \succeq \mu$, then $\mathcal{L}(\theta_t) \xrightarrow{t \rightarrow +\infty} 0$"),
        statement=Statement(sp.Eq(sp.Limit(L_0 * sp.exp(-kappa * t), t, sp.oo), 0, evaluate=False), where=KAPPA_PL,
                            latex=r"0 \leq \mathcal{L}(\theta_t) \leq \mathcal{L}(\theta_0) e^{-\kappa t},\ \kappa = 4\mu > 0 \Rightarrow \lim_{t\to\infty} \mathcal{L}(\theta_t) = 0"),
        checks=(Identity(name="limit of the proof's bound"),),
        depends_on=("rq.prop.rate",),
        scaling=LEAST_SQUARES,
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.prop.flow_derivative",
        title="Prop proof: -d/dt L(theta) = grad L . grad L along the gradient flow",
        source=src("Previously: infinite-width NTK", r"-\partial_t \mathcal{L}(\theta) = -\nabla \mathcal{L}_\theta \cdot \partial_t \theta = \nabla \mathcal{L}_\theta \cdot \nabla \mathcal{L}_\theta"),
        statement=Statement(sp.Eq(-sp.Derivative(_Lg, _tt), (_gradg.T * _gradg)[0], evaluate=False),
                            latex=r"-\partial_t \mathcal{L}(\theta) = -\nabla \mathcal{L}_\theta \cdot \partial_t \theta = \nabla \mathcal{L}_\theta \cdot \nabla \mathcal{L}_\theta \quad (m = 2)"),
        checks=(Identity(name="chain rule along theta' = -grad L", flow=_FLOW2),),
        scaling=LEAST_SQUARES,
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.prop.gradient",
        title="Prop proof: grad L = 2 DF(theta)^T (f_theta - f*)",
        source=src("Previously: infinite-width NTK", r"\nabla \mathcal{L}_\theta = 2 \cdot DF(\theta)^T (f_\theta - f^*)"),
        statement=Statement(sp.Eq(sp.Matrix([(_rs.T * _rs)[0].diff(c) for c in _ths]), 2 * _DFs.T * _rs, evaluate=False),
                            latex=r"\nabla_\theta \|F(\theta) - f^*\|_2^2 = 2 \cdot DF(\theta)^T (f_\theta - f^*) \quad (n = 2,\ m = 3)"),
        checks=(Identity(name="gradient of the least-squares loss"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.prop.ntk_form",
        title="Prop proof: -d/dt L = 4 (f_theta - f*)^T K_theta (f_theta - f*)",
        source=src("Previously: infinite-width NTK", r"-\partial_t \mathcal{L}(\theta) = 4(f_\theta - f^*)^T K_\theta (f_\theta - f^*)"),
        statement=Statement(sp.Eq(-sp.Derivative(_Lt, _tt), 4 * (_rt.T * _DFt * _DFt.T * _rt)[0], evaluate=False),
                            latex=r"-\partial_t \mathcal{L}(\theta) = 4(f_\theta - f^*)^T DF(\theta) DF(\theta)^T (f_\theta - f^*) \quad (n = 2,\ m = 3)"),
        checks=(Identity(name="chain rule along theta' = -grad L", flow=_FLOW3),),
        depends_on=("rq.prop.flow_derivative", "rq.prop.gradient"),
        scaling=LEAST_SQUARES,
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.prop.definite_bound",
        title="Prop proof: K_theta >= mu gives 4 (f - f*)^T K (f - f*) >= 4 mu ||f - f*||^2",
        source=src("Previously: infinite-width NTK", r"\geq 4\mu \|f_\theta - f^*\|_2^2"),
        statement=Statement(sp.Ge(4 * Quad(K, f_theta - f_star, f_theta - f_star), DEFINITE_RHS),
                            assuming=[sp.Ge(LambdaMin(K), mu)]),
        checks=(Simulation(definite_pairs, name="random PSD matrices"),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.prop.pl",
        title="Prop proof: therefore -d/dt L >= kappa L (kappa never defined)",
        source=src("Previously: infinite-width NTK", r"Therefore $-\partial_t \mathcal{L}(\theta) \geq \kappa \mathcal{L}(\theta)$"),
        statement=Statement(sp.Ge(D_t, kappa * L_sym),
                            latex=r"-\partial_t \mathcal{L}(\theta) \geq \kappa \mathcal{L}(\theta) \quad (\kappa \text{ not defined})"),
        checks=(Derivation(name="the line before, with L = ||f_theta - f*||^2", derived=PL_DERIVED),),
        depends_on=("rq.prop.definite_bound",),
        correction=Correction(
            Statement(sp.Ge(D_t, kappa * L_sym), where=KAPPA_PL,
                      latex=r"-\partial_t \mathcal{L}(\theta) \geq \kappa \mathcal{L}(\theta),\ \kappa := 4\mu"),
            why="kappa appears here for the first time; the previous line gives -dL/dt >= 4 mu ||f_theta - f*||^2 = 4 mu L, "
                "so the step holds for kappa <= 4 mu and the proof's rate is with kappa = 4 mu.",
            expected=Verdict.PROVED),
        scaling=LEAST_SQUARES,
        expected=Verdict.GAP,
    ),
    Claim(
        id="rq.prop.rate",
        title="Prop proof: L(theta_t) <= L(theta_0) e^{-kappa t} (kappa = 4 mu)",
        source=src("Previously: infinite-width NTK", r"thus $\mathcal{L}(\theta_t) \leq \mathcal{L}(\theta_0) e^{-\kappa t}$"),
        statement=Statement(sp.Le(L_t, L_0 * sp.exp(-kappa * t)), assuming=[sp.Gt(mu_sim, 0)], where=KAPPA_PL,
                            latex=r"\mathcal{L}(\theta_t) \leq \mathcal{L}(\theta_0) e^{-\kappa t},\ \kappa = 4\mu,\ \mu = \inf_t \lambda_{\min}(K_{\theta_t}) > 0"),
        checks=(Simulation(prop_flows, name="least-squares gradient flow"),
                Derivation(name="Gronwall on -dL/dt >= kappa L", derived=sp.Le(L_t, RATE_GRONWALL))),
        depends_on=("rq.prop.pl",),
        scaling=LEAST_SQUARES,
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.kl.theorem",
        title="KL theorem: d phi_L(grad L . grad L) >= mu on U gives L(theta_t) <= phi^{-1}(phi(L(theta_0)) - mu t)",
        source=src("Kurdyka's desingularizer", r"\forall t \in \mathbb{R}_+, \quad \mathcal{L}(\theta_t) \leq \varphi^{-1} (\varphi(\mathcal{L}(\theta_0)) - \mu t)"),
        statement=Statement(sp.Le(L_t, PHI_INV(phi_at(L_0) - mu * t)), assuming=[sp.Ge(dphi_at(L_t) * G_t, mu)],
                            latex=r"\left(\forall \theta \in \mathcal{U},\ d\varphi_{\mathcal{L}(\theta)}(\nabla \mathcal{L}_\theta \cdot \nabla \mathcal{L}_\theta) \geq \mu\right) \Rightarrow \mathcal{L}(\theta_t) \leq \varphi^{-1}(\varphi(\mathcal{L}(\theta_0)) - \mu t),\ \varphi = \varphi_p"),
        checks=(Simulation(kl_flows, name="gradient flows of power and exponential losses"),),
        depends_on=("rq.kl.proof_chain_rule", "rq.kl.proof_integrate"),
        scaling=KL_SCALING,
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.kl.example_log",
        title="KL example: ||grad L||^2 >= L (phi = log) gives L(theta_t) <= L(theta_0) e^{-t}",
        source=src("Kurdyka's desingularizer", r"Ex: $\|\nabla \mathcal{L}\|_2^2 \geq \mathcal{L}$ for $\varphi = \log$"),
        statement=Statement(sp.Le(L_t, INV_LOG(PHI_LOG.subs(u, L_0) - t)), assuming=[sp.Ge(G_t, L_t)],
                            latex=r"\|\nabla \mathcal{L}\|_2^2 \geq \mathcal{L} \Rightarrow \mathcal{L}(\theta_t) \leq \exp(\log \mathcal{L}(\theta_0) - t)"),
        checks=(Simulation(example_log_flows, name="gradient flows of quadratic losses"),
                Derivation(name="comparison ODE L' = -L", derived=sp.Le(L_t, EXAMPLE_LOG_DERIVED))),
        depends_on=("rq.kl.theorem",),
        scaling=SCALING.fixing(S_TH, S_L, why="the example normalises the KL constant to mu = 1 (||grad L||^2 >= L, Section \"Kurdyka's desingularizer\"), which fixes the time unit [theta]^2/[L]"),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.kl.example_recip",
        title="KL example: ||grad L||^2 >= L^2 (phi = -1/u) gives L(theta_t) <= 1/(1/L(theta_0) + t)",
        source=src("Kurdyka's desingularizer", r"or $\|\nabla \mathcal{L}\|_2^2 \geq \mathcal{L}^2$ for $\varphi(u) = -1/u$"),
        statement=Statement(sp.Le(L_t, INV_RECIP(PHI_RECIP.subs(u, L_0) - t)), assuming=[sp.Ge(G_t, L_t**2)],
                            latex=r"\|\nabla \mathcal{L}\|_2^2 \geq \mathcal{L}^2 \Rightarrow \mathcal{L}(\theta_t) \leq \frac{-1}{-1/\mathcal{L}(\theta_0) - t}"),
        checks=(Simulation(example_recip_flows, name="gradient flows of exponential losses"),
                Derivation(name="comparison ODE L' = -L^2", derived=sp.Le(L_t, EXAMPLE_RECIP_DERIVED))),
        depends_on=("rq.kl.theorem",),
        scaling=SCALING.fixing(S_TH, why="the example normalises the KL constant to mu = 1 (||grad L||^2 >= L^2 for phi(u) = -1/u, Section \"Kurdyka's desingularizer\"), a constant in units of 1/[theta]^2: the parameter unit is fixed"),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.kl.proof_chain_rule",
        title="KL proof: -d/dt (phi o L) = d phi_{L(theta)} grad L . grad L along the flow",
        source=src("Kurdyka's desingularizer (proof)", r"-\partial_t(\varphi \circ \mathcal{L}) = -d(\varphi \circ \mathcal{L})_\theta \partial_t \theta = d\varphi_{\mathcal{L}(\theta)} \nabla \mathcal{L}_\theta \cdot \nabla \mathcal{L}_\theta \geq \mu"),
        statement=Statement(sp.Eq(-sp.Derivative(_phi(_Lg), _tt), _phi(_z).diff(_z).subs(_z, _Lg) * (_gradg.T * _gradg)[0],
                                  evaluate=False),
                            latex=r"-\partial_t(\varphi \circ \mathcal{L}) = d\varphi_{\mathcal{L}(\theta)} \nabla \mathcal{L}_\theta \cdot \nabla \mathcal{L}_\theta \quad (m = 2)"),
        checks=(Identity(name="chain rule along theta' = -grad L", flow=_FLOW2),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.kl.proof_integrate",
        title="KL proof: integrating -d/dt (phi o L) >= mu on [0, t] gives phi(L(theta_t)) <= phi(L(theta_0)) - mu t",
        source=src("Kurdyka's desingularizer (proof)", r"Then integrate on the interval $I = [0, t]$"),
        statement=Statement(sp.Le(_Phi_t(t), _Phi_t(0) - mu * t), assuming=[sp.Le(sp.Derivative(_Phi_t(t), t), -mu)],
                            latex=r"\partial_t (\varphi \circ \mathcal{L})(\theta_t) \leq -\mu \Rightarrow \varphi(\mathcal{L}(\theta_t)) \leq \varphi(\mathcal{L}(\theta_0)) - \mu t"),
        checks=(Gronwall(name="comparison ODE"),),
        depends_on=("rq.kl.proof_chain_rule",),
        scaling=KL_SCALING,
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.ntk.rank",
        title="K_theta = DF(theta) DF(theta)^T in R^{n x n} has rank <= m",
        source=src("The problem with definite-NTK assumptions", r"K_\theta = DF(\theta) DF(\theta)^T \in \mathbb{R}^{n \times n} \text{ has rank } \leq m"),
        statement=Statement(sp.Le(Rank(K), m)),
        checks=(Simulation(ntk_shapes, name="random Jacobians, n = 5, m = 1..9"),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.ntk.definite_needs_overparam",
        title="Definite NTK implies overparameterization: K_theta >= mu > 0 => m >= n",
        source=src("The problem with definite-NTK assumptions", r"(K_\theta \succeq \mu > 0) \Rightarrow (m \geq n)"),
        statement=Statement(sp.Ge(m, n), assuming=[sp.Ge(LambdaMin(K), mu)]),
        checks=(Simulation(ntk_shapes, name="random Jacobians, n = 5, m = 1..9"),),
        depends_on=("rq.ntk.rank",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.rayleigh.eigen_formula",
        title="Rayleigh quotient of a symmetric form in its orthonormal eigenbasis",
        source=src("Reminder: Rayleigh quotients", r"\mathcal{R}(A; x, x) = \frac{\sum_i \lambda_i \langle x, v_i \rangle^2}{\sum_i \langle x, v_i \rangle^2}"),
        statement=Statement(sp.Eq((_x.T * _Amat * _x)[0] / (_x.T * _x)[0],
                                  (_lam[0] * _cx[0] ** 2 + _lam[1] * _cx[1] ** 2) / (_cx[0] ** 2 + _cx[1] ** 2), evaluate=False),
                            latex=r"\frac{A(x, x)}{\|x\|^2} = \frac{\sum_i \lambda_i \langle x, v_i \rangle^2}{\sum_i \langle x, v_i \rangle^2},\ A = \sum_i \lambda_i v_i v_i^T \quad (d = 2)"),
        checks=(Identity(name="eigen-expansion (Cayley-parametrised eigenbasis)"),),
        scaling=SCALING.with_dims({_a: 1, _lam[0]: S_F**2 / S_TH**2, _lam[1]: S_F**2 / S_TH**2, _x[0]: S_F, _x[1]: S_F}),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.rayleigh.convex_combination",
        title="Convex combination of eigenvalues: lambda_min(A) <= R(A; x, x) <= lambda_max(A)",
        source=src("Reminder: Rayleigh quotients", r"Convex combination of eigenvalues!"),
        statement=Statement(sp.And(sp.Ge(Rayleigh(A, x, x), LambdaMin(A)), sp.Le(Rayleigh(A, x, x), -LambdaMin(-A))),
                            latex=r"\lambda_{\min}(A) \leq \mathcal{R}(A; x, x) \leq \lambda_{\max}(A)"),
        checks=(Simulation(symmetric_draws, name="random symmetric forms, d = 4"),),
        depends_on=("rq.rayleigh.eigen_formula",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.rayleigh.weaker",
        title="Rayleigh bounds are weaker than definiteness: K >= mu gives R(K; v, v) >= mu in every direction",
        source=src("Reminder: Rayleigh quotients", r"Rayleigh bounds are strictly weaker than positive-definiteness."),
        statement=Statement(sp.Ge(Rayleigh(K, v, v), mu), assuming=[sp.Ge(LambdaMin(K), mu)]),
        checks=(Simulation(definite_pairs, name="random PSD matrices"),),
        depends_on=("rq.rayleigh.convex_combination",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.rayleigh.strictly",
        title="... strictly: an underparameterized flow keeps R(K; grad l, grad l) >= mu > 0 while lambda_min(K) = 0 < mu",
        source=src("Reminder: Rayleigh quotients", r"Rayleigh bounds are strictly weaker than positive-definiteness."),
        statement=Statement(sp.And(sp.Ge(Rayleigh(K, g, g), mu_sim), sp.Lt(LambdaMin(K), mu_sim)), assuming=[sp.Gt(mu_sim, 0)],
                            latex=r"\mathcal{R}(K; \nabla \ell, \nabla \ell) \geq \mu > 0 \text{ along the flow, while } \lambda_{\min}(K) < \mu \quad (m = 2 < n = 5)"),
        checks=(Simulation(underparameterized_flow, name="linear least squares, m = 2 < n = 5"),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.composition.theorem",
        title="KL by composition: l KL (constant 1) and R(K_theta; grad l, grad l) >= mu give L = l o F KL with constant mu",
        source=src("Kurdyka-Łojasiewicz inequalities by composition", r"Then $\mathcal{L} = (\ell \circ F) : \Theta \rightarrow \mathbb{R}_+$ satisfies the KL inequality"),
        statement=Statement(sp.Ge(dphi_at(L_sym) * G_L, mu),
                            assuming=[sp.Ge(dphi_at(ell) * G_ell, 1), sp.Ge(Rayleigh(K, g, g), mu)],
                            latex=r"\left(d\varphi_{\ell(f)}(\nabla \ell_f \cdot \nabla \ell_f) \geq 1,\ \mathcal{R}(K_\theta; \nabla \ell_{F(\theta)}, \nabla \ell_{F(\theta)}) \geq \mu\right) \Rightarrow d\varphi_{\mathcal{L}(\theta)}(\nabla \mathcal{L}_\theta \cdot \nabla \mathcal{L}_\theta) \geq \mu"),
        checks=(Simulation(composition_points, name="smooth models R^3 -> R^4 under two KL losses"),),
        depends_on=("rq.composition.chain_rule", "rq.rayleigh.weaker"),
        scaling=SCALING.fixing(S_F, S_L, why="l is normalised to KL constant 1 (Section \"Kurdyka-Lojasiewicz inequalities by composition\": d phi_l(f)(grad l . grad l) >= 1), which ties [f] to [L]^((p+1)/2); and " + PHI0_LOG),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.composition.chain_rule",
        title="Composition proof: grad L_theta = DF(theta)^T grad l_{F(theta)}",
        source=src("Kurdyka-Łojasiewicz inequalities by composition", r"chain rule $\nabla \mathcal{L}_\theta = DF(\theta)^T \nabla \ell_{F(\theta)}$"),
        statement=Statement(sp.Eq(sp.Matrix([_ell(*_Fs).diff(c) for c in _ths]), _DFs.T * _grad_ell, evaluate=False),
                            latex=r"\nabla_\theta\, \ell(F(\theta)) = DF(\theta)^T \nabla \ell_{F(\theta)} \quad (n = 2,\ m = 3)"),
        checks=(Identity(name="chain rule"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.logistic.simplex",
        title="Logistic regression: softargmax(theta x) lies in Delta_c (its entries sum to 1)",
        source=src("Result teaser: logistic regression", r"Logistic¹ regression with linear models: $F : \mathbb{R}^{c \times d} \rightarrow (\mathcal{X} \rightarrow \Delta_c)$"),
        statement=Statement(sp.Eq(sum(_soft), 1, evaluate=False),
                            latex=r"\sum_{i \in [3]} \operatorname{softargmax}(u)_i = 1"),
        checks=(Identity(name="normalisation"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.logistic.bound",
        title="Logistic regression: H(F(theta_t)) <= log(1 / W_0(exp(kappa^2 eps^2 t - C)))",
        source=src("Result teaser: logistic regression", r"H(F(\theta_t)) \leq \log \left(\frac{1}{W_0(\exp(\kappa^2 \varepsilon^2 t - C))} \right)"),
        statement=Statement(sp.Le(H_t, LOGISTIC_STATED)),
        checks=(Simulation(logistic_flows, name="gradient flow of the cross-entropy"),
                Inequality(name="range of the cross-entropy (H >= 0)", domains=H_AT_ITS_INFIMUM),
                Derivation(name="KL with the cross-entropy desingularizer", derived=LOGISTIC_DERIVED)),
        depends_on=("rq.kl.theorem", "rq.composition.theorem"),
        correction=Correction(
            Statement(sp.Le(H_t, LOGISTIC_DERIVED.rhs), assuming=[sp.Ge(C, PHI_CE.subs(u, H_0))],
                      latex=r"H(F(\theta_t)) \leq \log\left(1 + \frac{1}{W_0(\exp(\kappa^2 \varepsilon^2 t - C))}\right),\ C \geq \varphi(H(F(\theta_0))),\ \varphi(u) = \log(e^u - 1) - \frac{1}{e^u - 1}"),
            checks=(Simulation(logistic_flows, name="gradient flow of the cross-entropy"),
                    Inequality(name="range of the cross-entropy (H >= 0)", domains=H_AT_ITS_INFIMUM),
                    Derivation(name="KL with the cross-entropy desingularizer", derived=LOGISTIC_DERIVED)),
            why="The bound as written is negative once kappa^2 eps^2 t > 1 + C (W_0(e) = 1), for every C, while the "
                "cross-entropy of softargmax is positive. With ||grad H|| >= kappa eps (1 - e^{-H}) the KL theorem "
                "with phi'(u) = 1/(1 - e^{-u})^2 gives log(1 + 1/W_0(exp(kappa^2 eps^2 t - C))), C = phi(H(theta_0)).",
            expected=Verdict.SUPPORTED),
        scaling=LOGISTIC,
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="rq.logistic.lambert",
        title="Lambert function: W_0(x) exp(W_0(x)) = x",
        source=src("Result teaser: logistic regression", r"W_0 is the Lambert function $W_0(x) \exp(W_0(x)) = x$"),
        statement=Statement(sp.Eq(W0(_xw) * sp.exp(W0(_xw)), _xw, evaluate=False)),
        checks=(Identity(name="defining equation (mpmath at 50 digits)", domains={"x": Domain(-float(np.exp(-1.0)), 1e3)}),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.two_layer.convergence",
        title="Two-layer networks: for some m, w.p. 1 - delta the flow's loss tends to eta < eps (illustration)",
        source=src("Result teaser: two-layer networks", r"\mathcal{L}(\theta_t) \xrightarrow{t \rightarrow +\infty} \eta < \varepsilon"),
        statement=Statement(sp.Ge(Prob(sp.Lt(eta, eps)), 1 - delta),
                            latex=r"\Pr_{\theta_0}\left[\lim_{t\to\infty} \mathcal{L}(\theta_t) = \eta < \varepsilon\right] \geq 1 - \delta \quad (m = 6,\ \varepsilon = 0.05,\ \delta = 0.1)"),
        checks=(Probability(two_layer_trials, name="tanh networks, sin(pi s) on [-1, 1], m = 6"),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.two_layer.underparameterized",
        title="Two-layer networks: infinite support, no over-parameterization (the NTK Gram on 40 inputs has rank <= 3m = 18)",
        source=src("Result teaser: two-layer networks", r"Even if \mathcal{D} has infinite support: no over-parameterization here."),
        statement=Statement(sp.Le(Rank(K), 3 * m),
                            latex=r"\operatorname{rank}\left(DF(\theta) DF(\theta)^T\right) \leq m(d + 1) = 3m < 40 \text{ inputs}"),
        checks=(Simulation(two_layer_gram, name="tanh networks at initialisation, m = 6"),),
        depends_on=("rq.ntk.rank",),
        expected=Verdict.SUPPORTED,
    ),
]
