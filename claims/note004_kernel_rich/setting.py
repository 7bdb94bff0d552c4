"""Note 004's setting: the note, its symbols and the shared helpers (SCALING and its variants stand with CLAIMS in __init__)."""
from __future__ import annotations

import sympy as sp
from verify import Source


NOTE = "004_a0eff2e76da1eda5.txt"


def src(section: str, quote: str) -> Source:
    return Source(NOTE, section, quote)


# ---------------------------------------------------------------------------------------------
# symbols
# ---------------------------------------------------------------------------------------------
alpha, c, eps, lam = sp.symbols("alpha c epsilon lambda", positive=True)
D = sp.Symbol("D", positive=True, integer=True)
z = sp.Symbol("z", real=True)
zp = sp.Symbol("z", positive=True)                      # q is even: |z| -> oo is z -> oo
u = sp.Symbol("u", real=True)
e = sp.Symbol("e", positive=True)                        # small step w = w(t) + e h
d_sym = sp.Symbol("d", positive=True)
# vector-valued quantities of the simulations (values come from arrays)
beta_inf, beta_Q, beta_l1, beta_l2, x_inf, x_l1 = sp.symbols("beta_inf beta_Q beta_l1 beta_l2 x_inf x_l1", real=True)
N1_alpha, N1_star, N2sq_alpha, N2_star = sp.symbols("N1_alpha N1_star N2sq_alpha N2_star", positive=True)
Theta_m, Theta_inf, m_width = sp.symbols("Theta_m Theta_inf m", real=True)
rho_alpha, rho_bar = sp.symbols("rho_alpha rho_bar", real=True)
sigma_dot, sigma_r, g_uv, N_depth, imbalance = sp.symbols("sigma_dot sigma_r g_uv N imbalance", real=True)
# note 000's symbols (kappa, sigma, J0, L, mu, nu, t, f_t, f_0, f_star) come from the setting both notes share,
# so that its expressions compare term by term with ours
C0 = sp.Symbol("C_0", positive=True)

# the depth-D diagonal network (d = 2 symbolic coordinates)
w_p = sp.symbols("w_p1:3", real=True)
w_m = sp.symbols("w_m1:3", real=True)
x_v = sp.symbols("x1:3", real=True)


def f_diag(wp, wm, x, depth=D):
    """f(w, x) = <w_+^D - w_-^D, x>."""
    return sum((a**depth - b**depth) * xi for a, b, xi in zip(wp, wm, x))
