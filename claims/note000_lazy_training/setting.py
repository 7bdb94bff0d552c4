"""Note 000's setting: the note, its symbols, SCALING and the scaling variants of its sections (the setting it shares with note 004 is claims/_lazy_setting.py)."""
from __future__ import annotations

import sympy as sp
from verify import Source
from verify.scaling import Scaling
from claims._lazy_setting import (J0, L, alpha, f_0, f_star, f_t,
                                  kappa, lam, mu, nu, sigma, t)


NOTE = "000_5baba0c4d7f98ba5.txt"


def src(section: str, quote: str) -> Source:
    return Source(NOTE, section, quote)


# ---------------------------------------------------------------------------------------------
# symbols (scalars are positive unless the note says otherwise)
# ---------------------------------------------------------------------------------------------
# alpha, kappa, mu, nu, sigma (sigma_min), L, J0, lambda, M, t: the setting's (claims/_lazy_setting.py)
tau0, r0 = sp.symbols("tau_0 r_0", positive=True)
s = sp.Symbol("s", nonnegative=True)
n, m, d = sp.symbols("n m d", positive=True, integer=True)
delta, lam0, C = sp.symbols("delta lambda_0 C", positive=True)
# vector- and matrix-valued quantities of the simulations (values come from arrays)
w_t, w_0, wdot = sp.symbols("w_t w_0 wdot", real=True)         # f_t, f_0, f_star: the setting's
z_t, z_0, z_star, z, grad_g, gbar_z = sp.symbols("z_t z_0 z_star z grad_g gbar_z", real=True)
s_w, w, JJt_w, J_0 = sp.symbols("s_w w JJt_w J_0", real=True)
G, K = sp.symbols("G K", real=True)

# ---------------------------------------------------------------------------------------------
# scalings: the setting's independent rescalings and each symbol's dimension (verify.checks.scaling)
# ---------------------------------------------------------------------------------------------
W, Y, Z, E = sp.symbols("W Y Z E", positive=True)
T_FLOW = W**2 * Z**2 / (Y**2 * E)      # time, fixed by the flow omega' = -(1/alpha) J^T grad g(alpha f)
SCALING = Scaling(
    scales={W: "parameters omega", Y: "model outputs f(omega)", Z: "loss argument z = alpha f",
            E: "loss values g"},
    dims={alpha: Z / Y, kappa: 1, mu: E / Z**2, nu: E / Z**2, sigma: Y / W, J0: Y / W, J_0: Y / W,
          L: Y / W**2, tau0: W, r0: W, t: T_FLOW, s: T_FLOW, lam: Y**2 / W**2,
          n: 1, m: 1, d: 1, delta: 1, C: 1,
          f_t: Y, f_0: Y, f_star: Z, w_t: W, w_0: W, w: W, wdot: W / T_FLOW,
          z_t: Z, z_0: Z, z_star: Z, z: Z, grad_g: E / Z, gbar_z: E,
          # quantities named inside single claims
          "D_sup": W, "D_0": Z, "F": Z, JJt_w: Y**2 / W**2, s_w: Y / W, "beta": W, "gbar": E, "G2": E**2 / Z**2,
          "f": Y, "g": E, "omega": W, "x": Z, "z1": Z, "z2": Z, "q11": Y**2 / W**2, "q12": Y**2 / W**2,
          "q22": Y**2 / W**2},
)   # M is not declared: its dimension follows from its definition, which the corrections change
# The Gram-matrix remark and Lemma 3 are about the ReLU network with c_k = +-1, whose Jacobian rows
# are sigma'(.) x_i: the Gram matrix and its limit K scale like the inputs squared.
X_ = sp.Symbol("X", positive=True)
GRAM_SCALING = Scaling(
    scales={X_: "inputs x_i"},
    dims={G: X_**2, K: X_**2, lam0: X_**2, "x_ij": X_**2, "K_ij": X_**2, "S": 1, "F2": X_**4,
          n: 1, m: 1, d: 1, delta: 1, C: 1},
)
LEMMA3_SCALING = GRAM_SCALING.fixing(X_, why="Lemma 3 assumes ||x_i||_2 <= 1 (and |sigma'| <= 1): its "
                                         "Hoeffding constants are for entries in [-1, 1]")

# "Sufficiently large alpha" (ALPHA_NEEDED) and Lemma 2's last step (LEMMA2_FACTOR): see claims/_lazy_setting.py
