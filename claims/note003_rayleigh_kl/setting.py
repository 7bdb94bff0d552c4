"""Note 003's setting: the note, its symbols, SCALING and the scaling variants of its sections, and the simulations' shared helpers."""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify import Source
from verify.scaling import Scaling


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



# Equality cases are simulated on purpose. A constant taken a HAIR below (or above) its exact value
# still satisfies the hypothesis after round-off (hypotheses are evaluated without tolerance) and
# weakens the conclusion by a relative 1e-9 only.
HAIR = 1e-9



def col(a, rank=3):
    return np.asarray(a, float).reshape((-1,) + (1,) * (rank - 1))


def series(a):
    return np.asarray(a, float)[..., None]
