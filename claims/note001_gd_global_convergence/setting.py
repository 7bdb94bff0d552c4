"""Note 001's setting: the note, its symbols, SCALING and the scaling variants of its sections."""
from __future__ import annotations

import sympy as sp
from verify import Source
from verify.scaling import Scaling


NOTE = "001_0bf8060121747f88.txt"


def src(section: str, quote: str) -> Source:
    return Source(NOTE, section, quote)


# ---------------------------------------------------------------------------------------------
# symbols
# ---------------------------------------------------------------------------------------------
t = sp.Symbol("t", nonnegative=True)
tau = sp.Symbol("tau", nonnegative=True)
n, m = sp.symbols("n m", positive=True, integer=True)
lam0, eps, delta, C, K, R, Dw = sp.symbols("lambda_0 epsilon delta C K R Delta_w", positive=True)
R0, rho_res = sp.symbols("R_0 rho", positive=True)      # ||u(0) - y|| and ||u(0) - y|| / sqrt(n)
rho = sp.Symbol("rho", real=True)                         # x_i . x_j of unit inputs
# array-valued quantities of the simulations
u_t, u_0, y, H_t, Kmat = sp.symbols("u_t u_0 y H_t K", real=True)
Zbar, EZ, Hs, H0, Zs = sp.symbols("Zbar EZ Hstar H0 Z", real=True)
D_r, Cv, D_sup, dH = sp.symbols("D_r C_v D_sup dH", nonnegative=True)
dHs, Fch, E_kp, E_kc = sp.symbols("dHstar F_ch E_kp E_kc", nonnegative=True)   # order-fit quantities (see the claims)
L_1, L_2, N_J = sp.symbols("L_1 L_2 N_J", nonnegative=True)             # Section 2: two minimisers
L_mid = sp.Symbol("L_mid", nonnegative=True)                           # Section 5: the objective at a midpoint
th_1, th_2 = sp.symbols("theta_1 theta_2", real=True)
th_t, th_0, th_s, Hess = sp.symbols("theta_t theta_0 theta_s Hess", real=True)   # Section 2's strongly convex flows
mu = sp.Symbol("mu", positive=True)
x_ij, N_t, N_0, F_i, F_j = sp.symbols("x_ij N_t N_0 F_i F_j", real=True)
a_, b_ = sp.symbols("a b", real=True)                     # w_r(0)^T x_i and w_r(t)^T x_i
s_ = sp.Symbol("s", positive=True)

# ---------------------------------------------------------------------------------------------
# scalings: the setting's independent rescalings and each symbol's dimension (verify.checks.scaling)
# ---------------------------------------------------------------------------------------------
# Parameters theta, model outputs u (and labels y), loss values l and inputs x rescale independently in
# Sections 2-4 (SCALING). The flow theta' = -dL/dtheta makes time [theta]^2/[l]; the Gram matrix H_ij =
# <du_i/dtheta, du_j/dtheta> and lambda_0 scale as [u]^2/[theta]^2, a feature phi(x_i) = du_i/dtheta as
# [u]/[theta], l'(u, y) as [l]/[u]. With the quadratic loss (1/2)||u - y||^2 (Section 3 on, Theorem 3.1)
# loss values scale as [u]^2 (SQUARE), so time is [theta]^2/[u]^2 and C = (1/2)||u(0) - y||^2 as [u]^2.
# Section 5's network u = (1/sqrt m) sum_r a_r relu(w_r^T x) with a_r = +-1 is homogeneous: [u] = [w][x]
# (NETWORK), so H, H*, lambda_0, epsilon (a bound on entries or norms of H) scale as [x]^2, time as
# [x]^-2, w^T x as [w][x]. The note normalises ||x_i|| = 1 (Section 5.2, assumption 3) and w_r(0) ~
# N(0, I) (Section 5, Initialization): claims that use either declare it (UNIT_INPUTS, GAUSSIAN). Counts
# n, m, probabilities delta, absolute constants C are scale-free; a bounded variable |Z_i| <= 1 (Hoeffding)
# or a standard normal Z has its own unit [Z], pinned by that normalisation.
S_W, S_U, S_L, S_X, S_Z = (sp.Symbol(n_, positive=True) for n_ in ("[theta]", "[u]", "[l]", "[x]", "[Z]"))


def _setting(out, loss, par=S_W):
    """Dimensions of the flow's quantities for outputs in ``out``, loss values in ``loss``."""
    time, gram = par**2 / loss, out**2 / par**2
    return {t: time, tau: time, "theta1": par, "theta2": par, "p1": par, "p2": par, "F1": out, "F2": out,
            "ell": loss, "x": out, "yy": out, "y1": out, "y2": out, "u1": out, "u2": out, u_t: out, u_0: out, y: out,
            "h11": gram, "h12": gram, "h22": gram, H_t: gram, lam0: gram, "V": out**2, "D": out**2 / time,
            "phi": out**2, "psi": out**2, "b1": out / par, "b2": out / par, "c1": out / par, "c2": out / par,
            "v1": out, "v2": out, th_t: par, th_0: par, th_s: par, mu: 1 / time, Hess: 1 / time,
            L_1: loss, L_2: loss, th_1: par, th_2: par, Kmat: gram, Zs: gram, Hs: gram, H0: gram, eps: gram,
            **{f"phi{i}{k}": out / par for i in (1, 2) for k in (1, 2, 3)},
            "H11": gram, "H12": gram, "H22": gram, "K1": gram, "K2": gram, "f0": out, "u01": out, "u02": out,
            dH: gram, dHs: gram, E_kp: out, E_kc: out, R0: out}


_COUNTS = {n: 1, m: 1, delta: 1, C: 1, N_J: 1, Fch: 1, N_t: 1, N_0: 1, F_i: 1, F_j: 1, "poly": 1}
_NET = {"a1": 1, "a2": 1, "sigma": S_W * S_X, "xi_1": S_W * S_X, "z": S_W * S_X,
        **{f"x{i}{k}": S_X for i in (1, 2) for k in (1, 2)}, **{f"w{r}{k}": S_W for r in (1, 2) for k in (1, 2)},
        rho: S_X**2, x_ij: S_X**2, D_r: S_W, Cv: S_W * S_X**2, D_sup: S_W, Dw: S_W, a_: S_W * S_X, b_: S_W * S_X,
        "dw1": S_W, "dw2": S_W, "x1": S_X, "x2": S_X, Zbar: S_Z, EZ: S_Z}
SCALING = Scaling(
    scales={S_W: "parameters theta (the weights w_r)", S_U: "model outputs u_i and labels y_i",
            S_L: "loss values l, L", S_X: "inputs x_i", S_Z: "a normalised random variable (|Z_i| <= 1, Z ~ N(0, 1))"},
    dims={**_COUNTS, **_setting(S_U, S_L)},
)   # K (a kernel value, H's dimension) and R stay with their section's meaning; see the claims' overrides
SQUARE = SCALING.with_dims(_setting(S_U, S_U**2))
NETWORK = SCALING.with_dims({**_setting(S_W * S_X, (S_W * S_X)**2), **_NET})
UNIT_INPUTS_WHY = "the note assumes ||x_i|| = 1 (Section 5.2, assumption 3)"
GAUSSIAN_WHY = ("w_r(0) ~ N(0, I) (Section 5, Initialization) and ||x_i|| = 1 (Section 5.2, assumption 3), so that "
                "w_r(0)^T x_i ~ N(0, 1): the bound is in the units of that standard normal")
UNIT_INPUTS = NETWORK.fixing(S_X, why=UNIT_INPUTS_WHY)
GAUSSIAN = NETWORK.fixing(S_W, S_X, why=GAUSSIAN_WHY)
STANDARD_NORMAL = NETWORK.with_dims({Zs: S_Z, R: S_Z}).fixing(S_Z, why="Z ~ N(0, 1) (the unit variance fixes Z's unit)")
