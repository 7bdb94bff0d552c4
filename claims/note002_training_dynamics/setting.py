"""Note 002's setting: the note, its symbols, SCALING and the scaling variants of its sections."""
from __future__ import annotations

import math

import sympy as sp
from verify import Source
from verify.scaling import Scaling


NOTE = "002_8640b94a4c5a7cfa.txt"


def src(section: str, quote: str) -> Source:
    return Source(NOTE, section, quote)


def shared(ctx, space, total: int, floor: int = 1) -> int:
    """The instances (seeds, draws) each configuration of ``space`` simulates when ``total`` -- what one
    simulation had before the search -- is shared by every configuration the search decides at the
    budget (its grid, and the refinement's simulations): the search costs about what one configuration
    did, at least ``floor`` instances each."""
    return max(int(floor), math.ceil(total / max(space.decisions(ctx.budget), 1)))


def config_text(config) -> str:
    """A configuration as the salt of its random stream (its values, in the parameters' order)."""
    return ",".join(f"{k}={v}" for k, v in config.items())


# ---------------------------------------------------------------------------------------------
# symbols (scalars positive unless the note says otherwise)
# ---------------------------------------------------------------------------------------------
t, s = sp.symbols("t s", nonnegative=True)
C, L, G0, lam, delta, eps = sp.symbols("C L G_0 lambda delta epsilon", positive=True)
m, n, d, k = sp.symbols("m n d k", positive=True, integer=True)
i, j = sp.symbols("i j", integer=True)
# quantities the simulations provide (names = environment keys)
g_s, g_min, R_0, R_inf = sp.symbols("g_s g_min R_0 R_inf", real=True)
gap, dist0 = sp.symbols("gap dist0", nonnegative=True)     # an optimality gap (or sup |f - f~|) and ||theta* - theta_0||^2
D_t, D_0, gnorm = sp.symbols("D_t D_0 gnorm", real=True)
V, M2, S_F, B_x, F_size = sp.symbols("V M2 S_F B F_size", positive=True)
H2, G_theta = sp.symbols("H2 G_theta", positive=True)
lhs14, EG, G_t = sp.symbols("lhs14 EG G_t", real=True)
delta2, dist2 = sp.symbols("delta2 dist2", nonnegative=True)     # E_f ||theta_t^f - theta_0||^2, ||theta - theta_0||^2
G, K, Kh, Kh0 = sp.symbols("G K Kh Kh0", real=True)
D_dev = sp.Symbol("D_dev", real=True)
gradsq, thetasq, R_theta = sp.symbols("gradsq thetasq R_theta", nonnegative=True)   # squared norms, a square-loss risk
f_nn, f_rfm, f_rep, sk_lhs, sk_r1, sk_r2, sk_r3, sk_r4 = sp.symbols("f_nn f_rfm f_rep sk_lhs sk_r1 sk_r2 sk_r3 sk_r4",
                                                                     real=True)
Q = sp.Symbol("Q", positive=True)
R_t = sp.Symbol("R_t", real=True)

# points of the cubes {0,1}^d and {-1,1}^d, parity indices in {0,1}^d, and the halfspaces' w in N^d, b in N
x, v, vp, w = (sp.IndexedBase(name, integer=True) for name in ("x", "v", "vp", "w"))
b_ = sp.IndexedBase("b", integer=True)


# ---------------------------------------------------------------------------------------------
# scalings: the setting's independent rescalings and each symbol's dimension (verify.checks.scaling)
# ---------------------------------------------------------------------------------------------
# Parameters theta, model outputs (h, f, targets y), risk values R and inputs x rescale independently. The
# flow theta' = -grad R makes time [theta]^2/[R], a gradient norm [R]/[theta]; the PL constant of the slide
# (||grad R|| >= C (R - inf R), norm not squared) scales as 1/[theta], the usual one (||grad R||^2 >= mu (R -
# inf R)) as [R]/[theta]^2, a rate. Theorem 7's risk E_x (h - f)^2 has [R] = [h]^2 and an orthonormal class
# (<f_i, f_j> = delta_ij) fixes the outputs' unit (ORTHONORMAL); Theorem 8's hinge loss max(0, 1 - h f) with
# |h|, |f| <= 1 fixes outputs and risk (HINGE): G = E||grad h||^2 scales as [h]^2/[theta]^2, the Lipschitz
# constant L of grad h in mean square as [h]^2/[theta]^4. The kernel regime's 2LNN f = sum_j a_j relu(b_j^T x)
# is homogeneous: with a, b in [theta], f and y scale as [theta]^2 [x], the square loss as their square, time as
# [theta]^-2 [x]^-2, kernels k, K, K_hat, G, lambda_n(K) (and Hoeffding's epsilon on their entries) as
# [theta]^2 [x]^2 (KERNEL); b_j ~ Unif(S^{d-1}) (0.21) and inputs on the sphere fix both units where the
# proofs use them (Hoeffding for entries in [0, 1], ||theta_0|| = sqrt(m), |sigma(b^T x)| <= ||b||): KERNEL_UNIT.
# The hardness, parity and S_d sections live on {-1, 1}^d, {0, 1}^d with integer weights: scale-free
# (DISCRETE). Counts n, m, d, k, probabilities delta, absolute constants are scale-free.
S_TH, S_H, S_R, S_X = (sp.Symbol(n_, positive=True) for n_ in ("[theta]", "[h]", "[R]", "[x]"))


def _flow(par, out, risk):
    """Dimensions of the flow's quantities for parameters ``par``, outputs ``out``, risk values ``risk``."""
    time, gram = par**2 / risk, out**2 / par**2
    return {t: time, s: time, "R": risk, R_0: risk, R_inf: risk, R_t: risk, g_s: risk / par, g_min: risk / par,
            gap: risk, dist0: par**2, D_t: risk, D_0: risk, gnorm: risk / par, "mu": risk / par**2,
            # Theorems 7-8: a parametric model h(x; theta) and targets f
            "h": out, "f": out, "theta": par, V: gram * out**2, M2: gram * out**2, S_F: gram * out**2, B_x: gram,
            H2: risk**2 / par**2, G_theta: gram, G0: gram, G_t: gram, EG: gram, L: gram / par**2,
            delta2: par**2, dist2: par**2, lhs14: par**2 / time, "R_1": risk, "R_2": risk, "theta_0": par,
            "theta_1": par, "theta_2": par, "C_1": par**2, "C_2": out / par**2, "D_min": par,
            # the kernel regime (outputs, risk and parameters as the 2LNN ties them)
            "F_1": out, "F_2": out, "y_1": out, "y_2": out, "e_1": out, "e_2": out, "f_rfm": out, "f_rep": out,
            "Rem": out, "a": par, "a_1": par, "a_2": par, **{f"b_{r}{k_}": par for r in (1, 2) for k_ in (1, 2)},
            "b_1": par, "b_2": par, "gradsq": risk**2 / par**2, "thetasq": par**2, "R_theta": risk, "M_theta": par,
            "Gamma": par, "gamma": par, "sk_r2": par**2, "sk_r3": par**2, "sk_r4": par**2, "sk_lhs": out, "sk_r1": out}


def _kernel_values(unit):
    return {G: unit, K: unit, Kh: unit, Kh0: unit, lam: unit, eps: unit, D_dev: unit, "Kmat": unit, "pair_gap": unit,
            "K_w": unit, "K_c": unit, "K_lin": unit, "G_11": unit, "G_12": unit, "G_22": unit, "F2_K": unit**2}


_SCALE_FREE = {m: 1, n: 1, d: 1, k: 1, i: 1, j: 1, delta: 1, C: 1, "n_": 1, "c": 1, "p": 1, "q": 1, "F_size": 1, "N_F": 1, Q: 1,
               "H_K_not_efficiently_learnable": 1, "G_not_efficiently_learnable": 1, "F_phi_has_exp_d_orthonormal_subset": 1,
               "Barron_lower_bound": 1}
SCALING = Scaling(
    scales={S_TH: "parameters theta (a, B)", S_H: "model outputs h, f_m and targets f, y", S_R: "risk values R",
            S_X: "inputs x"},
    dims={**_SCALE_FREE, **_flow(S_TH, S_H, S_R), **_kernel_values(S_H**2 / S_TH**2),
          **{f"x_{r}{k_}": S_X for r in (1, 2) for k_ in (1, 2)}},
)
ORTHONORMAL = SCALING.with_dims(_flow(S_TH, S_H, S_H**2)).fixing(
    S_H, why="F is an orthonormal class, <f_i, f_j> = E_x f_i f_j = delta_ij (Definition 6): the targets' unit is fixed, "
             "and with it the model's (R^f = E_x (h - f)^2)")
HINGE_WHY = ("Theorem 8 assumes sup_x |h(x; theta)| <= 1 for the hinge risk E_x max(0, 1 - h f) with |f| <= 1 (Setup, "
             "(0.11)): the outputs' and the risk's units are fixed")
HINGE = SCALING.fixing(S_H, S_R, why=HINGE_WHY)
KERNEL = SCALING.with_dims({**_flow(S_TH, S_TH**2 * S_X, S_TH**4 * S_X**2), **_kernel_values(S_TH**2 * S_X**2)})
KERNEL_UNIT_WHY = ("the initialisation (0.21) draws b_j ~ Unif(S^{d-1}) and the inputs lie on the sphere (Theorem 13: x in "
                   "S^{d-1}): the proofs use ||b_j(0)|| = 1, ||x_i|| = 1 (Hoeffding for entries sigma(b^T x_i) sigma(b^T x_j) "
                   "in [0, 1], ||theta_0|| = sqrt(m), |sigma(b^T x)| <= ||b||)")
KERNEL_UNIT = KERNEL.fixing(S_TH, S_X, why=KERNEL_UNIT_WHY)
PL_SLIDE_SCALING = SCALING.with_dims({C: 1 / S_TH})     # ||grad R|| >= C (R - inf R): C ~ [R]/[theta] / [R]
DISCRETE = SCALING.with_dims({"a": 1, "t": 1, "z": 1, "ReLU": 1, "CubeMean": 1, "KroneckerDelta": 1, "S_W": 1, "S_B": 1,
                              "P_g": 1, "P_par": 1, "P_cos": 1, "S_d_size": 1, C: 1, G: 1, "I": 1})
