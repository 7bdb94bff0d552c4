"""Note 004: "Notes on Kernel and Rich Limits in Neural Network Training" (Woodworth et al. 2020;
Chizat, Oyallon and Bach 2018; Jacot et al. 2018; Gunasekar et al. 2017; Arora et al. 2019; Barron 1993).

One claim per checkable statement, in the note's order and with its symbols, each encoded as written;
every flagged claim carries a checked correction. The scaling analysis (SCALING) finds, with no computation,
that Barron's risk bound (1993b, Theorem 2) bounds E||f - f_hat|| by a squared error (lambda > 5b^2/3: the
bound is on the squared risk) and that the affine model of Section 1.2 counts alpha^D once too often. The mathematics (potentials, minimisers, flows) lives in
:mod:`verify.maths.regimes`; this module only states the note's claims and wires checks to simulations.

Every numeric check searches the configuration space its statement ranges over (verify.checks.Configurations;
the spaces stand beside their simulations in diagonal.py, lazy.py and ntk.py): data shapes and conditioning,
the edges of epsilon in (0, d), the smallest alpha a threshold admits, the loss's conditioning, horizons,
initialisation scales, depths and widths, and where a statement quantifies over models, the extremal ones
(note 000's Lemma 1 models at the Lipschitz limit; nearly parallel and antiparallel inputs for the NTK).

Conventions where the note is silent, stated once:
- Diagonal-network instances: X has N Gaussian rows in d dimensions with N < d (the note's N = 4, d = 8, and the
  smallest problem N = 1, d = 2; where searched, X's singular values respread to condition numbers up to 100),
  y = X beta* with a 2-sparse Gaussian beta* (nonnegative problems: a dense positive x*, so that y lies inside
  the cone A R_+^n and the flow converges linearly). The loss is the note's L(w) = sum_n (<beta_w, x_n> - y_n)^2.
- Limits of flow solutions as alpha -> 0 are computed on the flow's invariant curve: along the flow
  w_+(t) = alpha w0 exp(-4 X^T s(t)) exactly (s the integrated residual), so a limit that interpolates is
  the unique interpolant of the form beta_i = 2 alpha^2 w0_i^2 sinh((X^T nu)_i) (D = 2; alpha^D h_D for depth
  D; alpha exp for the squared parametrisation), found by Newton's method on the convex dual. Flows
  themselves are simulated (batched ODE in w) where the theorems equate their limits with minimisers.
- Symbolic encodings of the diagonal model use d = 2 or 3 coordinates; potentials that are even in beta
  (q(-z) = q(z)) are expanded for beta > 0, the other sign being the same expression.
- Chizat et al.'s scaling results are simulated on f(w) = A w + (b/2)(B w)^2 (verify.maths.models.QuadraticModel,
  h(w0) = 0 at w0 = 0) with the quadratic loss R(y) = 1/2 (y - y*)^T H (y - y*); the kappa formulas are
  checked on the one-dimensional model (norms of scalars), where norm homogeneity is the whole argument.
- Theorem 2.4 is compared term by term with note 000's main theorem (same result): the threshold is
  derived from note 000's own proof lines, extended by the triangle inequality to h(w0) != 0.
- Jacot et al.'s Theorem 1 is checked at depth L = 2 with ReLU, a, b ~ N(0, 1), NTK parametrisation and no
  biases, where Theta_oo is the arc-cosine kernel k1 + k0 x.x'.
- Jacot et al.'s Theorem 2 (Theta(t) -> Theta_oo uniformly on [0, T]) is checked on the part Theorem 1 leaves:
  sup_t ||Theta_t - Theta_0|| -> 0 with the width, at the O(m^{-1/2}) rate of the usual proofs, for two-layer
  tanh networks (Lipschitz, bounded second derivative, as the theorem assumes) trained on the square loss.
- Theorem 2.5's remark ("not in general a global minimiser") is an existence statement: it is shown on a
  model whose image has two branches through h(w0) = 0 (h(w) = (sin w, sin 2w)) with y* along the branch the
  flow does not start on.
- Arora et al.'s Theorem 3 is simulated with l(W) = 1/2 ||W - W*||_F^2, depths N = 2 and 4, 3 x 3 factors.
- Arora et al.'s Theorem 2 (as the note states it: commuting A_i, N >= 3, W_j(0) = alpha I, the alpha -> 0 limit
  is a minimum-nuclear-norm PSD solution) is checked at N = 3 with 3 x 3 factors and m = 1 or 2 measurements: the
  factors are simulated as full matrices at alpha = 1, and below it the limit is taken on the flow's invariant
  curve (checked against the simulated flow); the minimum nuclear norm comes from a linear programme (the
  pinching argument in commuting_depth_limits).
- Section 1.2's affine model f_K is compared with f's own first-order expansion at the initialisation (D = 2,
  arbitrary, possibly biased w(0)); its RKHS statement is checked as alpha -> oo for an unbiased random w0,
  where K_0's norm is a weighted l2 norm (not the plain one of w0 = 1).
- Chizat's Delta(Dh) bound is checked on a one-parameter model (p = 1), where operator norms are Euclidean.
- Where the note says "polynomially" (R_alpha's approach to ||beta||_1, the D = 3 rich limit), the claim is
  checked at the polynomial order the potential's own expansion gives (computed with SymPy below).
- Strict inequalities on nonnegative quantities (a gradient that does not vanish, a minimiser that is strict or
  unique) are stated in a form a numeric check can fail: a flag for a gradient at round-off of its natural size
  (critical = 0), the radius at which a sublevel set leaves the point (0 for a strict minimiser), the dimension of a
  set of minimisers (0 for a unique one).
- Theorem 2.5's hypotheses at their edge: models h(w) = g(P w) with P of orthonormal rows have rank Dh = rank P
  constant near w0 = 0, below p when P is not square (kr.theorem2_5.strict_minimiser).
- "Exponentially small alpha" (after Theorem 2) is a worst case over problems: the family X = (1, rho), y = s, on
  which the largest alpha giving a (1 + eps)-approximation of ||beta_l1||_1 has a closed form on the invariant curve.
- Depth-D ReLU networks (Section 1.8) are fully connected with a bias at every layer, every parameter scaled;
  Jacot et al.'s Theorem 2 outside its hypotheses is checked with the ReLU in kr.ntk.theorem2's setting.
- Barron's approximation theorems are existence statements; they are illustrated by the proof's own random
  construction (Maurey's argument, with step functions as the sigmoid): its average error over draws bounds
  the best network's. The estimation bound (1993b, Theorem 2) involves quantities no computation here can
  evaluate and is recorded as untestable.
"""
from __future__ import annotations

import numpy as np
import sympy as sp
from verify import Claim, Correction, Statement, Verdict
from verify.checks import AtSizes, Convergence, Derivation, Domain, Identity, Inequality, OrderFit, Simulation, Untestable
from verify.maths.regimes import (h_depth_expr,
                                  q_expr)
from claims._lazy_setting import (ALPHA_NEEDED, BOUND_CORRECTED, FSTAR, THRESHOLD_CORRECTED,
                                  J0, L, f_0, f_star, f_t, kappa, mu, nu, sigma, t)
from verify.notation import Norm, order_at
from verify.notation import SubNorm
from verify.scaling import Scaling
from claims._sizes import along
from .setting import (C0, D, N1_alpha, N1_star, N2_star, N2sq_alpha, NOTE, N_depth, Theta_inf, Theta_m, alpha,
                      beta_Q, beta_inf, beta_l1, beta_l2, c, d_sym, e, eps, f_diag, g_uv, imbalance, lam, m_width,
                      rho_alpha, rho_bar, sigma_dot, sigma_r, src, u, w_m, w_p, x_inf, x_l1, x_v, z, zp)
from .diagonal import (CURVE_DATA, DEPTH_SPACE, FLOW_DATA, LINEAR_SPACE, RICH_W0_SPACE, RKHS_SPACE, R_GAP_SPACE,
                       NEEDED_EPS, NEEDED_SPACE, THEOREM1_GENERAL_SPACE, THEOREM1_SPACE, alpha_needed, rich_alpha_needed,
                       rich_w0_sequence, THEOREM2_SPACE, THEOREM3_SPACE, config_regression, depth3_excess, depth_sequence, kernel_sequence,
                       linear_model_flow, r_gap, regression, rich_sequence, rkhs_sequence, theorem1_flow, theorem2_kernel,
                       theorem2_rich, theorem3_flow)
from .lazy import (LAZY_RANDOM_SPACE, LAZY_SPACE, LAZY_T_SPACE, LINEARISED_SPACE, RATES_SPACE, STRICT_SPACE, THEOREM24_SPACE,
                   lazy_quantity, linearised_minimisers, strict_minimiser, theorem24_flow, underparameterised_rates)
from .ntk import (ARORA2_SPACE, ARORA3_SPACE, BARRON_RADIUS_SPACE, BARRON_SPACE, DELTA_DH_SPACE, FIGURE_EIGHT_SPACE,
                  INIT_SADDLE_SPACE, NTK_PD_SPACE, NTK_RELU_TRAINING_SPACE, NTK_RELU_WIDTHS, RELU_HOMOGENEITY_SPACE, ntk_training_relu,
                  relu_homogeneity, NTK_TRAINING_SPACE, NTK_WIDTHS_SPACE, RELATIVE_CHANGE_SPACE,
                  SQUARED_SPACE, ZERO_SADDLE_SPACE, barron_instances, commuting_depth_limits, differential_change_steps,
                  figure_eight_limits, not_saddle_at_init, ntk_limit_spectrum, ntk_training, ntk_widths,
                  relative_change_steps, saddle_at_zero, singular_value_dynamics, squared_sequence)
from .steps import (C0_NEEDED, C0_STATED, DEPTH3_EXCESS_EXPONENT, KAPPA_CRITERION_DERIVED, KAPPA_H, Q_OVER_R_KERNEL,
                    Q_OVER_R_RICH, RATE_DERIVED, R_GAP_EXPONENT, Astar, H0, H1, H2, Lam, S_OF, U_, U_GF,
                    U_NOTE, Xu, grad_f, h_hom, h_local, lam_, s, to_static, tt_, w_, w0_, ystar_, kappa_of)

# what the tests and the registry read from the package
__all__ = ["CLAIMS", "SYMBOLS", "STATED_IN_SYMPY", "config_regression", "linearised_minimisers", "not_saddle_at_init", "rich_w0_sequence", "strict_minimiser", "NEEDED_EPS", "alpha_needed", "relu_homogeneity", "NTK_RELU_WIDTHS", "ntk_limit_spectrum", "figure_eight_limits",
           "Lam", "gradF_norm", "D2h_norm", "Dh_norm", "C0_NEEDED", "C0_STATED", "Delta_F", "F_0", "G_2", "K0_NORM", "L2_NORM", "NOTE", "SCALING",
           "W_deep", "_b3", "_f2", "_f_K_at", "_unit1", "_wt", "alpha", "beta_inf", "beta_l1", "beta_l2",
           "commuting_depth_limits", "depth_sequence", "differential_change_steps", "e", "eta", "regression",
           "relative_change_steps", "rkhs_sequence", "theorem2_rich"]


# ---------------------------------------------------------------------------------------------
# claims, in the note's order
# ---------------------------------------------------------------------------------------------
_h_vec = sp.symbols("h_p1:3 h_m1:3", real=True)
_wt = sp.symbols("wt_p1:3 wt_m1:3", real=True)
_f2 = lambda w: f_diag(w[:2], w[2:], x_v, 2)                       # noqa: E731  (the D = 2 model)
_grad_f2_at = lambda w: sp.Matrix([sp.diff(_f2(_wt), v) for v in _wt]).subs(dict(zip(_wt, w)))  # noqa: E731
_lin = sum(hv * gv for hv, gv in zip(_h_vec, _grad_f2_at(_wt)))

_phi0 = sp.Matrix(sp.symbols("phi1:5", real=True))
_wv = sp.Matrix(sp.symbols("v1:5", real=True))
_wv0 = sp.Matrix(sp.symbols("v0_1:5", real=True))
_f_K = alpha**D * sp.Symbol("f_0", real=True) + (_phi0.T * (_wv - _wv0))[0]

_x3, _xp3 = sp.symbols("x1:4", real=True), sp.symbols("xp1:4", real=True)
_W3 = sp.symbols("w_p1:4 w_m1:4", real=True)


def _grad3(x):
    f = f_diag(_W3[:3], _W3[3:], x, 2)
    return sp.Matrix([sp.diff(f, v) for v in _W3]).subs({v: alpha for v in _W3})


# the same families at other sizes, for AtSizes (d coordinates, p parameters, n rows of U)
def _diag(d):
    return (sp.symbols(f"w_p1:{d + 1}", real=True), sp.symbols(f"w_m1:{d + 1}", real=True),
            sp.symbols(f"x1:{d + 1}", real=True))


_DEPTHS = {"D": Domain(1, 6, integer=True)}


def _homogeneous_at(d):
    wp, wm, x = _diag(d)
    return sp.Eq(f_diag([lam * v for v in wp], [lam * v for v in wm], x), lam**D * f_diag(wp, wm, x), evaluate=False)


def _output_scaling_at(d):
    wp, wm, x = _diag(d)
    return sp.Eq(c * f_diag(wp, wm, x), f_diag([c ** (1 / D) * v for v in wp], [c ** (1 / D) * v for v in wm], x), evaluate=False)


def _first_order(lhs, rhs):
    """lhs = rhs + O(e^2): the values and the first derivatives in e agree at e = 0."""
    at0 = lambda z: sp.Matrix([z.subs(e, 0), sp.diff(z, e).subs(e, 0)])      # noqa: E731
    return sp.Eq(at0(lhs), at0(rhs), evaluate=False)


def _expansion_parts(d):
    """the D = 2 diagonal network at d coordinates: f(w), a direction h, w(t) and the linear term <h, grad f(w(t))>"""
    x = sp.symbols(f"x1:{d + 1}", real=True)
    h = sp.symbols(f"h_p1:{d + 1} h_m1:{d + 1}", real=True)
    wt = sp.symbols(f"wt_p1:{d + 1} wt_m1:{d + 1}", real=True)
    f = lambda w: f_diag(w[:d], w[d:], x, 2)                                # noqa: E731
    grad_at = lambda w: sp.Matrix([sp.diff(f(wt), v) for v in wt]).subs(dict(zip(wt, w)))  # noqa: E731
    return f, h, wt, grad_at


def _first_order_at(d):
    f, h, wt, grad_at = _expansion_parts(d)
    lin = sum(hv * gv for hv, gv in zip(h, grad_at(wt)))
    return _first_order(f([a + e * b for a, b in zip(wt, h)]), f(wt) + e * lin)


def _affine_bias_at(d):
    f, h, _, grad_at = _expansion_parts(d)
    u0 = sp.symbols(f"u_p1:{d + 1} u_m1:{d + 1}", real=True)
    lin = sum(hv * gv for hv, gv in zip(h, grad_at([alpha * v for v in u0])))
    return _first_order(f([alpha * a + e * b for a, b in zip(u0, h)]), alpha**2 * f(u0) + e * lin)


def _affine_tangent_at(p):
    phi0, v, v0 = (sp.Matrix(sp.symbols(f"{name}1:{p + 1}", real=True)) for name in ("phi", "v", "v0_"))
    f_K = alpha**D * sp.Symbol("f_0", real=True) + (phi0.T * (v - v0))[0]
    return sp.Eq(sp.Matrix([sp.diff(f_K, w) for w in v]), phi0, evaluate=False)


def _tangent_kernel_at(d):
    W = sp.symbols(f"w_p1:{d + 1} w_m1:{d + 1}", real=True)
    x, xp = sp.symbols(f"x1:{d + 1}", real=True), sp.symbols(f"xp1:{d + 1}", real=True)

    def grad(z):
        f = f_diag(W[:d], W[d:], z, 2)
        return sp.Matrix([sp.diff(f, v) for v in W]).subs({v: alpha for v in W})
    return sp.Eq((grad(x).T * grad(xp))[0], 8 * alpha**2 * sum(a * b for a, b in zip(x, xp)), evaluate=False)


def _factor(n):
    """Gunasekar et al. at an n x 1 factor U(t), one symmetric measurement A_1: U, A*(r), X = U U^T and, at a
    static U, the gradient of f(U) = ||A(U U^T) - y||^2 and the substitution U(t) -> U."""
    U = sp.Matrix(n, 1, [sp.Function(f"U{i}")(tt_) for i in range(1, n + 1)])
    A = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"a{min(i, j) + 1}{max(i, j) + 1}", real=True))
    y1 = sp.Symbol("y1", real=True)
    X = U * U.T
    astar = (sum(A.multiply_elementwise(X)) - y1) * A
    Us = sp.Matrix(n, 1, sp.symbols(f"u1:{n + 1}", real=True))
    grad = sp.Matrix(n, 1, [sp.diff((sum(A.multiply_elementwise(Us * Us.T)) - y1) ** 2, v) for v in Us])
    return U, astar, X, grad, dict(zip(list(U), list(Us)))


def _x_dynamics_at(n):
    U, astar, X, _, _ = _factor(n)
    return along(sp.Eq(sp.Derivative(X, tt_), -astar * X - X * astar, evaluate=False), dict(zip(list(U), list(-astar * U))))


def _u_dynamics_at(n):
    U, astar, _, grad, static = _factor(n)
    return sp.Ge(-sum(a * b for a, b in zip((-astar * U).subs(static), grad)), 0)


_beta1 = sp.Symbol("beta", positive=True)
_w01 = sp.Symbol("w_0", positive=True)
_Q1 = alpha**2 * _w01**2 * q_expr(_beta1 / (alpha**2 * _w01**2))
_hD_s = sp.Symbol("s", positive=True)                 # z = (s - 1)/(s + 1) runs over (-1, 1) as s > 0

# the RKHS norm of g(x) = <beta, x> under K0 (d = 3, w = alpha 1): phi_{w(0)}(x) = G x with G = [grad f(e_1) ...],
# and the least ||l||_2 with G^T l = beta is sqrt(beta^T (G^T G)^{-1} beta)
_G3 = sp.Matrix.hstack(*[_grad3([1 if j == i else 0 for j in range(3)]) for i in range(3)])
_b3 = sp.Matrix(sp.symbols("b1:4", real=True))
K0_NORM = sp.sqrt(sp.factor((_b3.T * (_G3.T * _G3).inv() * _b3)[0]))
L2_NORM = sp.sqrt(sum(v**2 for v in _b3))
_unit1 = {v: (1 if i == 0 else 0) for i, v in enumerate(_b3)}

# the image of F: the preimage w_+ = sqrt(max(beta, 0)), w_- = sqrt(max(-beta, 0)) of any beta (one coordinate)
_bz = sp.Symbol("beta", real=True)
_w_plus_of = sp.sqrt((sp.Abs(_bz) + _bz) / 2)
_w_minus_of = sp.sqrt((sp.Abs(_bz) - _bz) / 2)

# the affine model f_K of Section 1.2 at w = w(0) + e h (D = 2, d = 2), against f's own expansion there; the
# correction writes the initialisation as w(0) = alpha u (u the unscaled direction), where alpha^D f(u, x) = f(w(0), x)
_u0 = sp.symbols("u_p1:3 u_m1:3", real=True)
_f_K_at = alpha**2 * _f2(_wt) + e * _lin                                    # f_K(w(0) + e h) as the note writes it
_lin_scaled = sum(hv * gv for hv, gv in zip(_h_vec, _grad_f2_at([alpha * v for v in _u0])))
# Section 2.3's flows: p = 2 parameters, n = 2 outputs, a generic model h and loss R (undefined functions)
_wg, _w0g, _yg = sp.symbols("w1:3", real=True), sp.symbols("w0_1:3", real=True), sp.symbols("y1:3", real=True)
_hg = [sp.Function(f"h{i}")(*_wg) for i in (1, 2)]
_Rg = sp.Function("R")
_Jg = sp.Matrix([[sp.diff(hi, v) for v in _wg] for hi in _hg])
_hbar_g = [hi.subs(dict(zip(_wg, _w0g))) + sum(sp.diff(hi, v).subs(dict(zip(_wg, _w0g))) * (v - v0) for v, v0 in zip(_wg, _w0g))
           for hi in _hg]


def _grad_R_at(outputs):
    return sp.Matrix([sp.Derivative(_Rg(*_yg), yi) for yi in _yg]).subs(dict(zip(_yg, [alpha * o for o in outputs])))


NEG_GRAD_F_ALPHA = sp.Matrix([-sp.diff(_Rg(*[alpha * hi for hi in _hg]) / alpha**2, v) for v in _wg])
NEG_GRAD_FBAR_ALPHA = sp.Matrix([-sp.diff(_Rg(*[alpha * hi for hi in _hbar_g]) / alpha**2, v) for v in _wg])

W_deep, W_nuc, beta_K = sp.symbols("W_deep W_nuc beta_K", real=True)
Delta_Dh, gradF_norm, D2h_norm, Dh_norm, D2h_sup = sp.symbols("Delta_Dh gradF_norm D2h_norm Dh_norm D2h_sup", positive=True)

grad_norm = sp.Symbol("grad_norm", nonnegative=True)       # a norm
lambda_min, lambda_max = sp.symbols("lambda_min lambda_max", real=True)
Delta_F, F_0, G_2, eta = sp.symbols("Delta_F F_0 G_2 eta", positive=True)
F_lim, F_min = sp.symbols("F_lim F_min", real=True)
# Section 2.3's linearised flow and Theorem 2.5's limit: the dimension of Fbar_alpha's set of global minimisers, the
# flow's distance to the one nearest w0 (at t and at 0) and the hyperspace's rate; the radius at which the sublevel
# set {F_alpha <= F_alpha(w_oo)} reaches out of w_oo, and rank Dh(w0) against the number p of parameters
argmin_dim, sublevel_radius, rank_Dh, p_params = sp.symbols("argmin_dim sublevel_radius rank p", nonnegative=True)
dist_t, dist_0, lin_rate = sp.symbols("dist_t dist_0 rate", nonnegative=True)

# ---------------------------------------------------------------------------------------------
# scalings: the setting's independent rescalings and each symbol's dimension (verify.checks.scaling)
# ---------------------------------------------------------------------------------------------
# Parameters w, inputs x, model outputs h(w) (Chizat's), the loss argument (alpha h, targets y*) and loss
# values rescale independently. Woodworth et al.'s alpha is the scale of the initialisation w(0) = alpha w0
# with w0 = 1 (or a unit-free w0): alpha carries [w], w0 none; the D = 2 diagonal network's beta = w_+^2 -
# w_-^2 scales as [w]^2 (so Q_alpha = alpha^2 q(beta/alpha^2) is homogeneous and q's argument scale-free),
# its outputs <beta, x> as [w]^2 [x], a feature phi = grad_w f as [w]^(D-1) [x]. Chizat et al.'s alpha
# scales the output (alpha h is the loss argument): alpha ~ [y*]/[h] (CHIZAT), as in note 000, whose
# symbols keep their dimensions; the flow of F_alpha = R(alpha h)/alpha^2 takes time [w]^2 [y*]^2/([h]^2 [R]).
# Arora et al.'s product of N factors scales as [w]^N; Gunasekar et al.'s X = U U^T as [w]^2 (measurement
# matrices unit-free, y as [w]^2). Barron's errors are mean squared errors ([h]^2), C_f = int |omega|
# |F(d omega)| scales as [h]/[x], a radius r as [x]. Counts (n, N, m, d, D), probabilities, eps, the
# absolute constants c, C and the multipliers c, lambda, e of the setup's identities are scale-free.
S_W, S_X, S_H, S_Y, S_R = (sp.Symbol(n_, positive=True) for n_ in ("[w]", "[x]", "[h]", "[y*]", "[R]"))
T_FLOW = S_W**2 * S_Y**2 / (S_H**2 * S_R)           # time of the flow of F_alpha = R(alpha h)/alpha^2
SCALING = Scaling(
    scales={S_W: "parameters w (and the initialisation scale alpha of w(0) = alpha w0)", S_X: "inputs x",
            S_H: "model outputs h(w)", S_Y: "loss argument alpha h and targets y*", S_R: "loss values R, L, F"},
    dims={alpha: S_W, "w_0": 1, D: 1, c: 1, lam: 1, e: 1, d_sym: 1, eps: 1, z: 1, u: 1, "s": 1, "m": 1, "n": 1,
          "N": 1, "C": 1, "r_star": 1, "delta": 1, "relative_error": 1,
          **{f"w_{k}{i}": S_W for k in "pm" for i in (1, 2, 3)}, **{f"wt_{k}{i}": S_W for k in "pm" for i in (1, 2)},
          **{f"h_{k}{i}": S_W for k in "pm" for i in (1, 2)}, **{f"u_{k}{i}": 1 for k in "pm" for i in (1, 2)},
          **{f"x{i}": S_X for i in (1, 2, 3)}, **{f"xp{i}": S_X for i in (1, 2, 3)},
          **{f"phi{i}": S_W**(D - 1) * S_X for i in range(1, 5)}, **{f"b{i}": S_W**2 for i in (1, 2, 3)},
          "beta": S_W**2, beta_inf: S_W**2, beta_Q: S_W**2, beta_l1: S_W**2, beta_l2: S_W**2, "beta_K": S_W**2,
          "beta_R": S_W**2, x_inf: S_W**2, x_l1: S_W**2, N1_alpha: S_W**2, N1_star: S_W**2, N2sq_alpha: S_W**4,
          N2_star: S_W**2, "R_gap": S_W**2, "excess_l1": S_W**3, "grad_norm": S_R / S_W,
          # Chizat et al. (note 000's setting: its symbols keep note 000's dimensions)
          kappa: 1, mu: S_R / S_Y**2, nu: S_R / S_Y**2, sigma: S_H / S_W, J0: S_H / S_W, L: S_H / S_W**2,
          t: T_FLOW, "T": T_FLOW, "c_2": 1 / T_FLOW, "C_T": S_W * S_Y / S_H, "C_1": S_W * S_Y / S_H,
          f_t: S_H, f_0: S_H, f_star: S_Y, C0: S_H, "y_star": S_Y, "w": S_W, "h_0": S_H, "h_1": S_H / S_W,
          "h_2": S_H / S_W**2, "c_h": S_H / S_W**D, "Dh": S_H / S_W, "D2h": S_H / S_W**2, "r_0": S_H, "Lambda": 1,
          "D_T": S_W, "D_sup": S_W, "P_T": S_W, "P_sup": S_W, "F_T": S_Y, "F_sup": S_Y,
          "rho_alpha": S_R * S_H**2 / (S_Y**2 * S_W**2), "rho_bar": S_R * S_H**2 / (S_Y**2 * S_W**2),
          "F_lim": S_R * S_H**2 / S_Y**2, "F_min": S_R * S_H**2 / S_Y**2,
          # one gradient step on F = R(h) (Section 2.1): the step eta is a time
          "eta": S_W**2 / S_R, "F_0": S_R, "G_2": S_R**2 / S_W**2, "Delta_F": 1, "Delta_Dh": 1,
          "gradF_norm": S_R / S_W, "D2h_norm": S_H / S_W**2, "D2h_sup": S_H / S_W**2, "Dh_norm": S_H / S_W,
          # NTK (Jacot et al.), factorisations (Gunasekar et al., Arora et al.), particles, Barron
          "Theta_m": S_H**2 / S_W**2, "Theta_inf": S_H**2 / S_W**2, "Theta_change": S_H**2 / S_W**2,
          "U1": S_W, "U2": S_W, "u1": S_W, "u2": S_W, "a11": 1, "a12": 1, "a22": 1, "y1": S_W**2,
          "nuclear_hat": S_W**2, "nuclear_min": S_W**2,
          "W_deep": S_W**3, "W_nuc": S_W**3, "sigma_r": S_W**N_depth, "sigma_dot": S_W**(N_depth - 2) * S_R,
          "g_uv": S_R / S_W**N_depth, "imbalance": S_W**2, "J_mt": S_R, "J_star": S_R,
          "err_n": S_H**2, "C_f": S_H / S_X, "r": S_X, "risk": S_H, "risk_N": S_H, "gamma": 1,
          "argmin_dim": 1, "critical": 1, "singular": 1, "is_global": 1, "inv_log_alpha": 1,
          "f_net": S_H, "f_scaled": S_H, "bias_norm": S_W, "sublevel_radius": S_W, "rank": 1, "p": 1, "dist_t": S_W, "dist_0": S_W, "rate": 1 / T_FLOW},
)   # R_{n,N}, R_N (Barron's index of resolvability) are not defined in the note and stay undeclared
CHIZAT = SCALING.with_dims({alpha: S_Y / S_H, "w_0": S_W})      # alpha scales the output (Section 2)
# Theorem 2's rich threshold (a hypothesis) is not homogeneous in ||beta_l1||_1: its exp(-d/(eps ||beta_l1||_1))
# does not scale as alpha^2. A sufficient condition may be conservative at every scale, so it only pins [w]
# (reported); theorem2_rich tests it with ||beta_l1||_1 spread over six decades, where it holds.

# ---------------------------------------------------------------------------------------------
# the note's symbols, as its formulas spell them, for the statements parsed from its quotes
# ---------------------------------------------------------------------------------------------
# Chizat's y* is note 000's f* (the setting both notes share); the l1 and l2 minimisers beta_{l1}^*, beta_{l2}^*
# and the flow's limit beta_{alpha,w0}^oo (a label: w0 = 1, any w0, depth D) are the vectors the simulations
# compute; \operatorname{arcsinh} is SymPy's asinh.
SYMBOLS: dict = {"alpha": alpha, "kappa": kappa, "sigma_min": sigma, "t": t, "y_star": f_star, "C_0": C0,
                 "z": z, "u": u, "arcsinh": sp.asinh, "epsilon": eps, "lambda": lam, "c": c, "D": D, "d": d_sym,
                 r"\beta_{\ell_1}^*": beta_l1, r"\beta_{\ell_2}^*": beta_l2, r"\beta_{\alpha, \vec{1}}^\infty": beta_inf,
                 r"\beta_{\alpha, \mathbf{w}_0}^\infty": beta_inf, r"beta_alpha,D^\infty": beta_inf,
                 # superscript labels, never powers: the projection beta^R, the PSD cone S_+^d
                 r"\beta_{\alpha, \mathbf{w}_0}^R": sp.Symbol("beta_R", real=True), r"\mathcal{S}_{+}^d": sp.Symbol("S_+^d")}
# Theorem 2.4's m is the strong convexity of R (mu in note 000's setting); elsewhere the note's m counts hidden
# units, measurements or particles
THEOREM2_4_SYMBOLS = {**SYMBOLS, "m": mu}
_q = sp.Function("q")                                  # Theorem 1's potential, read as its closed form q_expr
# Gunasekar et al.'s matrices, declared noncommutative so that their products keep the quote's order
_X_t, _Xdot_t = sp.Symbol("X_t", commutative=False), sp.Symbol("Xdot_t", commutative=False)
_Acal_star = sp.Function("Acal_star", commutative=False)
GUNASEKAR_SYMBOLS = {**SYMBOLS, "X_t": _X_t, "Xdot_t": _Xdot_t, "Acal_star": _Acal_star}



def _quoted(quote: str, symbols=None) -> sp.Basic:
    """The relation a quote states, as the parser builds it: its parts are the keys of the claim's readings
    (never retyped)."""
    return Statement.from_latex(quote, symbols=SYMBOLS if symbols is None else symbols).relation


def _sup_order(quote: str, measured: sp.Symbol) -> Statement:
    """Theorems 2.2 and 2.4's sup_t ||...|| = O(.), parsed from the quote: the sup read as the quantity the flows
    measure, the O(.) at the limit alpha -> oo the theorems leave implicit."""
    relation = _quoted(quote)
    return Statement.from_quote(SYMBOLS, where={relation.lhs: measured,
                                                relation.rhs: sp.O(relation.rhs.args[0], (alpha, sp.oo))})


def _norm_in(expr: sp.Basic) -> sp.Basic:
    """The one norm of a parsed expression (||beta_l1^*||_1 in (1 + epsilon) ||beta_l1^*||_1)."""
    (norm,) = expr.atoms(Norm, SubNorm)
    return norm


def _applied(expr: sp.Basic) -> sp.Basic:
    """The one function application of a parsed expression (Barron's R_N(f), the index of resolvability)."""
    (applied,) = expr.atoms(sp.core.function.AppliedUndef)
    return applied


# Barron's symbols (Sections 7 and 8): counts, constants and the penalty lambda with their signs; the errors
# the simulations compute (err_n, a mean squared error) and the risks recorded as untestable (risk, risk_N)
BARRON_SYMBOLS = {**SYMBOLS, **{n_: sp.Symbol(n_, positive=True) for n_ in ("C", "C_f", "n", "N", "r", "gamma")}}
_err_n, _risk, _risk_N = (sp.Symbol(n_, nonnegative=True) for n_ in ("err_n", "risk", "risk_N"))
_R_nN, _R_N = (sp.Symbol(n_, positive=True) for n_ in ("R_nN", "R_N"))

_Q_T22_DISPLACEMENT = r"\sup_{t \in [0, T]} \|w_\alpha(t) - w_0\| = \mathcal{O}(1/\alpha)"
_Q_T22_PARAMETERS = r"\sup_{t \in [0, T]} \|w_\alpha(t) - \bar{w}_\alpha(t)\| = \mathcal{O}(1/\alpha^2)"
_Q_T22_PREDICTIONS = r"\sup_{t \in [0, T]} \|\alpha h(w_\alpha(t)) - \alpha \bar{h}(\bar{w}_\alpha(t))\| = \mathcal{O}(1/\alpha^2)"
_Q_T24_DISPLACEMENT = r"\sup_{t \geq 0} \|w_\alpha(t) - w_0\| = \mathcal{O}(1/\alpha)"
_Q_T24_PREDICTIONS = r"\sup_{t \geq 0} \|\alpha h(w_\alpha(t)) - \alpha \bar{h}(\bar{w}_\alpha(t))\| = \mathcal{O}(1/\alpha)"
_Q_T24_PARAMETERS = r"\sup_{t \geq 0} \|w_\alpha(t) - \bar{w}_\alpha(t)\| = \mathcal{O}(\log \alpha / \alpha^2)"
_Q_BARRON_A1 = r"\int_B (f(x) - f_n(x))^2 \mu(dx) \leq \frac{(2C)^2}{n}"
_Q_BARRON_A4 = r"\int_{B_r} (f(x) - f_n(x))^2 \mu(dx) \leq (2rC_f)^2/n"
_Q_BARRON_B1 = r"\|f - f_n\| \leq \frac{C_f}{\sqrt{n}}"
_Q_BARRON_B2 = r"\mathbb{E}\|f - \hat{f}_{n,N}\| \leq \gamma R_{n,N}(f) + \frac{2\gamma\lambda}{N}"
_Q_BARRON_B2_MC = r"\mathbb{E}\|f - \hat{f}_N\| \leq \gamma R_N(f) + \frac{2\gamma\lambda}{N}"
_Q_BARRON_B2_ORDER = r"\mathbb{E}\|f - \hat{f}_N\| \leq \mathcal{O}(R_N(f))"
_Q_T2_RICH = r"\implies \|\beta_{\alpha, \vec{1}}^\infty\|_1 \leq (1 + \epsilon) \|\beta_{\ell_1}^*\|_1"
_Q_T2_KERNEL = r"\implies \|\beta_{\alpha, \vec{1}}^\infty\|_2^2 \leq (1 + \epsilon) \|\beta_{\ell_2}^*\|_2^2"
# Theorems 1 and 3: the constrained argmin (s.t. X beta = y) read as the dual solution the simulations compute
_Q_T1_FLOW = r"\beta_{\alpha, \vec{1}}^\infty = \operatorname{argmin}_{\beta} Q_\alpha(\beta) \text{ s.t. } X\beta = \mathbf{y}"
_Q_T3_FLOW = r"\beta_{\alpha,D}^\infty = \operatorname{argmin}_{\beta} Q_\alpha^D(\beta) \text{ s.t. } X\beta = \mathbf{y}"


_h_of, _w_alpha, _w0_sym = sp.Function("h"), sp.Function("w_alpha"), sp.Symbol("w_0")
# the scaled model's predictions along the flow and at the initialisation, as the simulations give them
ALONG_FLOW = {_h_of(_w_alpha(t)): f_t, _h_of(_w0_sym): f_0}

CLAIMS = [
    Claim(
        id="kr.setup.output_input_scaling",
        title="D-homogeneous models: scaling the output by c equals scaling the input by c^(1/D)",
        source=src("1.1 Problem Setup", r"scaling the output by a factor of $c > 0$, which is the focus of [3], is equivalent to scaling the input by a factor of $c^{1/D}$"),
        statement=Statement(sp.Eq(c * f_diag(w_p, w_m, x_v), f_diag(w_p, w_m, [c ** (1 / D) * v for v in x_v]), evaluate=False)),
        checks=(Identity(sizes={"d": 2}, name="depth-D diagonal network"),),
        correction=Correction(
            Statement(sp.Eq(c * f_diag(w_p, w_m, x_v), f_diag([c ** (1 / D) * v for v in w_p], [c ** (1 / D) * v for v in w_m], x_v), evaluate=False)),
            why="D-homogeneity is in the parameters, F(c w) = c^D F(w): scaling the output by c is scaling the parameters "
                "(the initialisation) by c^(1/D). The input enters linearly, so scaling it by c^(1/D) scales the output by c^(1/D) only.",
            checks=(Identity(sizes={"d": 2}, name="depth-D diagonal network"),
                    AtSizes(_output_scaling_at, sizes={"d": (3, 5)}, domains=_DEPTHS, name="depth-D diagonal network at d = 3, 5")),
            expected=Verdict.SUPPORTED),  # proved for d = 2; supported beyond (checked numerically at d = 3, 5)
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.kernel.first_order",
        title="Kernel regime: first-order expansion of f around w(t)",
        source=src("1.2 Kernel Regime", r"f(\mathbf{w} - \mathbf{w}(t), \mathbf{x}) + \langle \mathbf{w} - \mathbf{w}(t), \phi_{\mathbf{w}(t)}(\mathbf{x}) \rangle"),
        statement=Statement(
            sp.Eq(_f2([a + e * b for a, b in zip(_wt, _h_vec)]), _f2([e * b for b in _h_vec]) + e * _lin + sp.O(e**2), evaluate=False)),
        checks=(Identity(sizes={"d": 2}, name="expansion for the diagonal network (d = 2)"),),
        correction=Correction(
            Statement(sp.Eq(_f2([a + e * b for a, b in zip(_wt, _h_vec)]), _f2(_wt) + e * _lin + sp.O(e**2), evaluate=False)),
            checks=(Identity(sizes={"d": 2}, name="expansion for the diagonal network (d = 2)"),
                    AtSizes(_first_order_at, sizes={"d": (3, 5)}, name="value and first derivative in e at d = 3, 5")),
            why="The expansion is around w(t): its zeroth-order term is f(w(t), x), not f(w - w(t), x).",
            expected=Verdict.SUPPORTED),  # proved for d = 2; supported beyond (checked numerically at d = 3, 5)
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.kernel.affine_model_bias",
        title="Kernel regime: f_K = alpha^D f(w(0), x) + <phi_{w(0)}(x), w - w(0)> is f's first-order model at initialisation",
        source=src("1.2 Kernel Regime", r"f_K(\mathbf{w}, \mathbf{x}) = \alpha^D f(\mathbf{w}(0), \mathbf{x}) + \langle \phi_{\mathbf{w}(0)}(\mathbf{x}), \mathbf{w} - \mathbf{w}(0) \rangle"),
        statement=Statement(
            sp.Eq(_f2([a + e * b for a, b in zip(_wt, _h_vec)]), _f_K_at + sp.O(e**2), evaluate=False)),
        checks=(Identity(sizes={"d": 2}, name="f against f_K near w(0) (diagonal network, w(0) arbitrary)"),),
        correction=Correction(
            Statement(sp.Eq(_f2([alpha * a + e * b for a, b in zip(_u0, _h_vec)]), alpha**2 * _f2(_u0) + e * _lin_scaled + sp.O(e**2), evaluate=False)),
            why="The bias of the tangent model at the initialisation w(0) is f(w(0), x); the factor alpha^D belongs to the "
                "unscaled direction: f(w(0), x) = f(alpha w_0, x) = alpha^D f(w_0, x). As written the bias is counted with "
                "alpha^D once too often (or, reading w(0) as the unscaled direction, the linear term must be "
                "<phi_{alpha w_0}(x), w - alpha w_0>); the two agree only for an unbiased initialisation, f(w_0, x) = 0. "
                "The scaling analysis shows it without expanding f: with alpha the scale of w(0) (w_0 = 1 unit-free), "
                "alpha^D f(w(0), x) scales as [w]^(2D) [x] while f(w, x) and the linear term scale as [w]^D [x].",
            checks=(Identity(sizes={"d": 2}, name="f against f_K near w(0) (diagonal network, w(0) arbitrary)"),
                    AtSizes(_affine_bias_at, sizes={"d": (3, 5)}, name="value and first derivative in e at d = 3, 5")),
            expected=Verdict.SUPPORTED),  # proved for d = 2; supported beyond (checked numerically at d = 3, 5)
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.kernel.affine_tangent_kernel",
        title="Kernel regime: the affine model's feature map is constant, grad f_K = phi_{w(0)}",
        source=src("1.2 Kernel Regime", r"\phi_{\mathbf{w}(t)}(\mathbf{x}) = \nabla_{\mathbf{w}(t)} f_K(\mathbf{w}, \mathbf{x}) = \phi_{\mathbf{w}(0)}(\mathbf{x})"),
        statement=Statement(sp.Eq(sp.Matrix([sp.diff(_f_K, v) for v in _wv]), _phi0, evaluate=False)),
        checks=(Identity(sizes={"p": 4}, name="gradient of the affine model"),
                AtSizes(_affine_tangent_at, sizes={"p": (6, 10)}, domains=_DEPTHS, name="gradient of the affine model at p = 6, 10")),
        expected=Verdict.SUPPORTED,  # proved for p = 4; supported beyond (checked numerically at p = 6, 10)
    ),
    Claim(
        id="kr.kernel.rkhs_nearest",
        title="Kernel regime: the flow reaches the interpolant nearest to F(w_0) in K_0's RKHS norm",
        source=src("1.2 Kernel Regime", r"F(\mathbf{w}_\alpha^\infty) = \operatorname{argmin}_h \|h - F(\mathbf{w}_0)\|_{K_0}"),
        statement=Statement(sp.Eq(sp.Limit(beta_inf, alpha, sp.oo), beta_K, evaluate=False)),
        checks=(Convergence(rkhs_sequence, name="simulated flows (random w0) against the pseudo-inverse of the linearised model", tol=1e-3,
                            floor=1e-8, configurations=RKHS_SPACE),),     # floor: the flows' accuracy, below it no rate
        depends_on=("kr.kernel.affine_tangent_kernel",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.linreg.init_not_saddle",
        title="Remark (1): at w_+ = w_- = alpha w0 the model vanishes without this being a saddle point of L",
        source=src("1.3 Example: Linear Regression", r"the model vanishes at initialization $F(\alpha \mathbf{w}) = 0$ without this being a saddle point of the objective"),
        statement=Statement(sp.Le(sp.Symbol("critical", nonnegative=True), 0)),
        checks=(Simulation(not_saddle_at_init, name="gradient of L at w_+ = w_- = alpha w0 (Gaussian data, N < d)",
                           configurations=INIT_SADDLE_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.linreg.image_all_functionals",
        title="Remark (2): the image of F(w) = w_+^2 - w_-^2 is all of X* = R^d",
        source=src("1.3 Example: Linear Regression", r"(2) the image of $F(\mathbf{w})$ is all linear functionals i.e. $\operatorname{img}(F(\mathbf{w})) = \mathcal{X}^*$"),
        statement=Statement(sp.Eq(_w_plus_of**2 - _w_minus_of**2, _bz, evaluate=False)),
        checks=(Identity(name="an explicit preimage of every beta"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.linreg.tangent_kernel",
        title="Tangent kernel of the diagonal network at w+ = w- = alpha 1 is 8 alpha^2 <x, x'>",
        source=src("1.3 Example: Linear Regression", r"K_{\mathbf{w}(0)}(\mathbf{x}, \mathbf{x}') = 8\alpha^2 \langle \mathbf{x}, \mathbf{x}' \rangle"),
        statement=Statement(sp.Eq((_grad3(_x3).T * _grad3(_xp3))[0], 8 * alpha**2 * sum(a * b for a, b in zip(_x3, _xp3)), evaluate=False)),
        checks=(Identity(sizes={"d": 3}, name="gradients at initialisation"),
                AtSizes(_tangent_kernel_at, sizes={"d": (4, 6)}, name="gradients at initialisation at d = 4, 6")),
        expected=Verdict.SUPPORTED,  # proved for d = 3; supported beyond (checked numerically at d = 4, 6)
    ),
    Claim(
        id="kr.linreg.kernel_norm_l2",
        title="With K0 = 8 alpha^2 <x, x'>, the RKHS norm of x -> <beta, x> is proportional to ||beta||_2",
        source=src("1.3 Example: Linear Regression", r"That is, we have $\|\beta\|_{K_0} \propto \|\beta\|_2$"),
        statement=Statement(sp.Eq(K0_NORM / L2_NORM, (K0_NORM / L2_NORM).subs(_unit1), evaluate=False)),
        checks=(Identity(name="minimum-norm l from the feature map at alpha 1"),),
        depends_on=("kr.linreg.tangent_kernel",),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.linreg.kernel_limit",
        title="Kernel regime: the flow's solution tends to the minimum-l2 interpolant as alpha -> oo",
        source=src("1.3 Example: Linear Regression", r"And so in the kernel regime, $\beta_{\alpha, \vec{1}}^\infty$ is equal to the minimum ℓ_2 solution"),
        statement=Statement(sp.Eq(sp.Limit(beta_inf, alpha, sp.oo), beta_l2, evaluate=False)),
        checks=(Convergence(kernel_sequence, name="simulated flows against the pseudo-inverse", tol=1e-3, floor=1e-8,
                            configurations=FLOW_DATA),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.linreg.rich_limit",
        title="Rich limit (credited to Gunasekar et al.'s Corollary 2): beta_alpha -> minimum-l1 interpolant as alpha -> 0",
        source=src("1.3 Example: Linear Regression", r"[4] proves in Corollary 2 that $\lim_{\alpha \rightarrow 0} \beta_{\alpha, \vec{1}}^\infty = \beta_{\ell_1}^*"),
        statement=Statement(sp.Eq(sp.Limit(beta_inf, alpha, 0), beta_l1, evaluate=False)),
        checks=(Convergence(rich_sequence, name="flow limits (invariant curve) against the linear programme", tol=0.05,
                            configurations=CURVE_DATA),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem1.flow_limit",
        title="Theorem 1 (w0 = 1): the flow's interpolating limit minimises Q_alpha subject to X beta = y",
        source=src("1.4 Interpolation Between the Rich and Kernel Regimes", _Q_T1_FLOW),
        statement=Statement.from_quote(SYMBOLS, where={_quoted(_Q_T1_FLOW).rhs: beta_Q}),
        checks=(Simulation(theorem1_flow, name="simulated flow against the dual solution", rtol=1e-6,
                           configurations=THEOREM1_SPACE),),
        depends_on=("kr.theorem1.q_closed_form",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem1.q_closed_form",
        title="Theorem 1: q(z) = int_0^z arcsinh(u/2) du = 2 - sqrt(4 + z^2) + z arcsinh(z/2)",
        source=src("1.4 Interpolation Between the Rich and Kernel Regimes", r"q(z) = \int_0^z \operatorname{arcsinh}\left(\frac{u}{2}\right) du = 2 - \sqrt{4 + z^2} + z \operatorname{arcsinh}\left(\frac{z}{2}\right)"),
        statement=Statement.from_quote(SYMBOLS, step=1),     # the chain's first step defines q; its second is checked
        checks=(Identity(name="integral"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.theorem2.rich",
        title="Theorem 2: alpha below the stated threshold gives ||beta_alpha||_1 <= (1 + eps) ||beta_l1||_1",
        source=src("1.4 Interpolation Between the Rich and Kernel Regimes", _Q_T2_RICH),
        # the l1 norms read as the simulated N1_alpha = ||beta_{alpha,1}^oo||_1 and N1_star = ||beta_l1^*||_1
        statement=Statement.from_quote(SYMBOLS, where={_quoted(_Q_T2_RICH).lhs: N1_alpha, _norm_in(_quoted(_Q_T2_RICH).rhs): N1_star},
                            assuming=[sp.Lt(eps, d_sym),
                                      sp.Le(alpha, sp.Min((2 * (1 + eps) * N1_star) ** (-(2 + eps) / (2 * eps)), sp.exp(-d_sym / (eps * N1_star))))]),
        checks=(Simulation(theorem2_rich, name="minimisers of Q_alpha at the threshold", rtol=1e-9, configurations=THEOREM2_SPACE),),
        depends_on=("kr.theorem1.flow_limit",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem2.kernel",
        title="Theorem 2: alpha above the stated threshold gives ||beta_alpha||_2^2 <= (1 + eps) ||beta_l2||_2^2",
        source=src("1.4 Interpolation Between the Rich and Kernel Regimes", _Q_T2_KERNEL),
        # the norms read as the simulated N2sq_alpha = ||beta_{alpha,1}^oo||_2^2 and N2_star = ||beta_l2^*||_2
        statement=Statement.from_quote(SYMBOLS, where={_quoted(_Q_T2_KERNEL).lhs: N2sq_alpha, _norm_in(_quoted(_Q_T2_KERNEL).rhs): N2_star},
                            assuming=[sp.Lt(eps, d_sym), sp.Ge(alpha, sp.sqrt(2 * (1 + eps) * (1 + 2 / eps) * N2_star))]),
        checks=(Simulation(theorem2_kernel, name="minimisers of Q_alpha at the threshold", rtol=1e-9, configurations=THEOREM2_SPACE),),
        depends_on=("kr.theorem1.flow_limit",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem2.exponentially_small",
        title="After Theorem 2: approximating ||beta_l1||_1 needs an exponentially small alpha (in the worst case, alpha = exp(-Omega(1/eps)))",
        source=src("1.4 Interpolation Between the Rich and Kernel Regimes", r"one must have *exponentially small* α to approximate $\beta_{\ell_1}^*$"),
        statement=Statement(sp.Eq(sp.Symbol("inv_log_alpha", positive=True), sp.O(eps, (eps, 0)), evaluate=False)),
        checks=(OrderFit(rich_alpha_needed, name="the alpha the worst problem needs (closed form on the invariant curve)", rate_stated=False,
                         configurations=NEEDED_SPACE),),
        depends_on=("kr.theorem1.flow_limit",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.generalisation.sample_complexity",
        title="Rich limit: N = Omega(r* log d) samples suffice for beta_l1 to generalise; the kernel limit needs N = Omega(d)",
        source=src("1.5 The Relation of Kernel and Rich Limits to Model Generalization", r"in the rich limit, $N = \Omega(r^* \log d)$ training points suffices for $\beta_{\ell_1}^*$ to “generalize well”; in the kernel limit, though, good generalization requires $N = \Omega(d)$"),
        statement=Statement(sp.Ge(sp.Symbol("N", positive=True), sp.Symbol("c", positive=True) * sp.Symbol("r_star", positive=True) * sp.log(d_sym))),
        checks=(Untestable("both halves are asymptotic sample-complexity statements whose constants (the c in Omega(r* log d) "
                           "and Omega(d)) and whose success criterion (the test error that counts as generalising well, "
                           "with noise variance 0.01) the note does not give; any finite simulation fixes a constant and a "
                           "threshold of its own, so it can illustrate the scaling but not confirm or refute the statement "
                           "as written"),),
        expected=Verdict.INCONCLUSIVE,
    ),
    Claim(
        id="kr.generalisation.saddle_at_zero",
        title="As w(0) -> 0 the flow starts at a saddle point of L: zero gradient, Hessian eigenvalues of both signs",
        source=src("1.5 The Relation of Kernel and Rich Limits to Model Generalization", r"as $w(0) \rightarrow \vec{0}$, we reach a saddle point of the objective function"),
        statement=Statement(sp.And(sp.Le(grad_norm, 0), sp.Lt(lambda_min, 0), sp.Gt(lambda_max, 0))),
        checks=(Simulation(saddle_at_zero, name="gradient and Hessian of L at w = 0 (Gaussian data, N < d)",
                           configurations=ZERO_SADDLE_SPACE),),
        scaling=SCALING.with_dims({lambda_min: S_R / S_W**2, lambda_max: S_R / S_W**2}),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem1_general.flow_limit",
        title="Theorem 1 (any w0 without zero entries): the flow's limit minimises Q_{alpha,w0} subject to X beta = y",
        source=src("1.6 Reconsidering w0", r"\beta_{\alpha, \mathbf{w}_0}^\infty = \underset{\beta}{\operatorname{argmin}} Q_{\alpha, \mathbf{w}_0}(\beta)"),
        statement=Statement(sp.Eq(beta_inf, beta_Q, evaluate=False)),
        checks=(Simulation(lambda ctx, precise, config: theorem1_flow(ctx, precise, config, general=True),
                           name="simulated flow (random w0) against the dual solution", rtol=1e-6,
                           configurations=THEOREM1_GENERAL_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.q.small_z",
        title="q(z) = z^2/4 + O(z^4) for small z",
        source=src("1.6 Reconsidering w0", r"q(z) = \frac{z^2}{4} + \mathcal{O}(z^4)"),
        statement=Statement.from_quote({**SYMBOLS, "Ocal": order_at(z, 0)}, where={_q(z): q_expr(z)}),
        checks=(Identity(name="series at 0"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.q_alpha.kernel_expansion",
        title="Q_{alpha,w0}(beta) = sum beta_i^2/(4 alpha^2 w0_i^2) + O(alpha^-6) as alpha -> oo",
        source=src("1.6 Reconsidering w0", r"Q_{\alpha, \mathbf{w}_0}(\beta) = \sum_{i=1}^d \frac{\beta_i^2}{4\alpha^2 \mathbf{w}_{0,i}^2} + \mathcal{O}(\alpha^{-6})"),
        statement=Statement(sp.Eq(_Q1, _beta1**2 / (4 * alpha**2 * _w01**2) + sp.O(alpha**-6, (alpha, sp.oo)), evaluate=False)),
        checks=(Identity(name="expansion at alpha -> oo"),),
        depends_on=("kr.q.small_z",),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.q.large_z",
        title="q(z) = |z| log|z| + O(1/|z|) for large |z|",
        source=src("1.6 Reconsidering w0", r"q(z) = |z| \log |z| + \mathcal{O}(1/|z|)"),
        # q is even: |z| -> oo is z -> oo, z > 0
        statement=Statement.from_quote({**SYMBOLS, "z": zp, "Ocal": order_at(zp, sp.oo)}, where={_q(zp): q_expr(zp)}),
        checks=(Identity(name="expansion at |z| -> oo"),),
        correction=Correction(
            Statement(sp.Eq(q_expr(zp), zp * sp.log(zp) - zp + 2 + sp.O(1 / zp, (zp, sp.oo)), evaluate=False)),
            why="z arcsinh(z/2) = z log z + 1/z + ..., sqrt(4 + z^2) = z + 2/z + ...: q(z) = z log z - z + 2 - 1/z + ...; "
                "the terms -|z| + 2 are missing (the limit below survives: they contribute O(1) to Q/log(1/alpha^2)).",
            expected=Verdict.PROVED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.q_alpha.rich_expansion",
        title="Q_{alpha,w0}(beta)/log(1/alpha^2) = ||beta||_1 + O(1/log(1/alpha^2)) as alpha -> 0",
        source=src("1.6 Reconsidering w0", r"\frac{1}{\log(1/\alpha^2)} Q_{\alpha, \mathbf{w}_0}(\beta) = \sum_{i=1}^d |\beta_i| + \mathcal{O}(1/\log(1/\alpha^2))"),
        statement=Statement(sp.Eq(_Q1 / sp.log(1 / alpha**2), _beta1 + sp.O(1 / sp.log(1 / alpha**2), (alpha, 0)), evaluate=False)),
        checks=(Identity(name="expansion at alpha -> 0"),),
        scaling=SCALING.fixing(S_W, why="log(1/alpha^2) takes the logarithm of the initialisation scale; in an expansion as alpha -> 0 a change of unit shifts it by a constant, which the O(1/log(1/alpha^2)) term absorbs (log(|beta|/alpha^2) = log(1/alpha^2) + O(1)); this analysis cannot see that, so [w] is held fixed"),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.rich.w0_independent",
        title="Section 1.6: the initialisation's shape w0 does not affect the rich limit (lim_{alpha -> 0} beta_{alpha,w0} = beta_l1 for any w0)",
        source=src("1.6 Reconsidering w0", r"the specific initialization \mathbf{w}_0 *does* affect the implicit bias in optimization under the kernel regime, but *not* in the rich limit"),
        statement=Statement(sp.Eq(sp.Limit(beta_inf, alpha, 0), beta_l1, evaluate=False)),
        checks=(Convergence(rich_w0_sequence, name="minimisers of Q_{alpha,w0} (random w0) against the linear programme", tol=0.05,
                            configurations=RICH_W0_SPACE),),
        depends_on=("kr.theorem1_general.flow_limit", "kr.q_alpha.rich_expansion"),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.remark_r.linear_model",
        title="For the linear model f(w, x) = <w, x>, the flow's limit is the interpolant nearest alpha w0 (beta^R)",
        source=src("1.7 Implicit Bias and Weights", r"for the least-squares model $f(\mathbf{w}, \mathbf{x}) = \langle \mathbf{w}, \mathbf{x} \rangle$, we indeed have $\beta_{\alpha, \mathbf{w}_0}^\infty = \beta_{\alpha, \mathbf{w}_0}^R$"),
        statement=Statement.from_quote(SYMBOLS, formula=1),
        checks=(Simulation(linear_model_flow, name="gradient flow of the linear model against the projection", rtol=1e-6,
                           configurations=LINEAR_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.remark_r.limits",
        title="Q_{alpha,1}(beta) = R_{alpha,1}(beta) for alpha -> 0 and alpha -> oo",
        source=src("1.7 Implicit Bias and Weights", r"we have $Q_{\alpha, \vec{1}}(\beta) = R_{\alpha, \vec{1}}(\beta)$ for $\alpha \rightarrow 0$ and $\alpha \rightarrow \infty$"),
        statement=Statement(sp.Eq(sp.Matrix([sp.Limit(Q_OVER_R_RICH, s, 0), sp.Limit(Q_OVER_R_KERNEL, lam_, 0)]), sp.Matrix([1, 1]), evaluate=False)),
        checks=(Identity(name="limits of Q/R along R's Lagrange parametrisation"),),
        correction=Correction(
            Statement(sp.Eq(sp.Matrix([sp.Limit(Q_OVER_R_RICH / sp.log(S_OF), s, 0), sp.Limit(Q_OVER_R_KERNEL, lam_, 0)]), sp.Matrix([1, 2]), evaluate=False)),
            why="Q and R only agree up to a rescaling that depends on the regime: R -> ||beta||_1 while Q ~ log(1/alpha^2) ||beta||_1 "
                "as alpha -> 0, and Q ~ ||beta||^2/(4 alpha^2) = 2 R as alpha -> oo. Both still select the same limits "
                "(l1 and l2), which is what the remark means; and the ratio runs from 2 to oo, so they are not rescalings of each other.",
            expected=Verdict.PROVED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.remark_r.polynomial",
        title="R_{alpha,1}(beta) approaches ||beta||_1 polynomially in alpha",
        source=src("1.7 Implicit Bias and Weights", r"$R_{\alpha, \vec{1}}(\beta)$ approaches the rich limit $\|\beta\|_1$ polynomially in α"),
        statement=Statement(sp.Eq(sp.Symbol("R_gap", positive=True), sp.O(alpha**R_GAP_EXPONENT, (alpha, 0)), evaluate=False)),
        checks=(OrderFit(r_gap, name="R from its definition (golden-section search)", configurations=R_GAP_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.depth.relu_homogeneous",
        title="Section 1.8: a depth-D ReLU neural network is D-homogeneous, f(lambda theta, x) = lambda^D f(theta, x)",
        source=src("1.8 Higher Order Models", r"(ex. a depth- D ReLU neural network is D -homogeneous)"),
        statement=Statement(sp.Eq(sp.Symbol("f_scaled", real=True), lam**D * sp.Symbol("f_net", real=True), evaluate=False)),
        checks=(Simulation(relu_homogeneity, name="random depth-D ReLU networks, every parameter scaled by lambda", rtol=1e-9,
                           configurations=RELU_HOMOGENEITY_SPACE),),
        correction=Correction(
            Statement(sp.Eq(sp.Symbol("f_scaled", real=True), lam**D * sp.Symbol("f_net", real=True), evaluate=False),
                      assuming=[sp.Le(sp.Symbol("bias_norm", nonnegative=True), 0)]),
            checks=(Simulation(relu_homogeneity, name="random depth-D ReLU networks, every parameter scaled by lambda", rtol=1e-9,
                               configurations=RELU_HOMOGENEITY_SPACE),),
            why="relu is positively 1-homogeneous, so each bias-free layer contributes one factor lambda; a bias b_k scaled by "
                "lambda enters layer k with degree 1 while the layer's input has degree k - 1, so a network with biases is "
                "not homogeneous (its output bias alone has degree 1). The homogeneous networks are the bias-free ones, the "
                "'linear, but not affine' operators of Section 2.2.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.theorem3.flow_limit",
        title="Theorem 3 (D = 3, 4): the depth-D flow's limit minimises Q^D_alpha subject to X beta = y",
        source=src("1.8 Higher Order Models", _Q_T3_FLOW),
        statement=Statement.from_quote(SYMBOLS, where={_quoted(_Q_T3_FLOW).rhs: beta_Q}),
        checks=(Simulation(theorem3_flow, name="simulated depth-D flows against the dual solution", rtol=1e-6,
                           configurations=THEOREM3_SPACE),),
        depends_on=("kr.theorem3.h_increasing",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem3.h_increasing",
        title="Theorem 3: h_D is strictly increasing on (-1, 1), so its inverse is unique",
        source=src("1.8 Higher Order Models", r"the unique inverse of $h_D(z) = (1-z)^{-\frac{D}{D-2}} - (1+z)^{-\frac{D}{D-2}}$ on $[-1, 1]$"),
        statement=Statement(sp.Gt(sp.diff(h_depth_expr(z, D), z).subs(z, (_hD_s - 1) / (_hD_s + 1)), 0), assuming=[sp.Ge(D, 3)]),
        checks=(Inequality(name="sign of h_D'"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.theorem3.rich_limit",
        title="Theorem 3 (D = 3, 4): beta_{alpha,D} -> minimum-l1 interpolant as alpha -> 0",
        source=src("1.8 Higher Order Models", r"\lim_{\alpha \rightarrow 0} \beta_{\alpha,D}^\infty = \beta_{\ell_1}^*"),
        statement=Statement.from_quote(SYMBOLS),
        checks=(Convergence(lambda ctx, precise, config: depth_sequence(ctx, np.array([0.5, 0.25, 0.1, 0.05, 0.025, 0.01]), config),
                            name="minimisers of Q^D_alpha against the linear programme", tol=0.05,
                            configurations=DEPTH_SPACE),),
        depends_on=("kr.theorem3.flow_limit",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem3.kernel_limit",
        title="Theorem 3 (D = 3, 4): beta_{alpha,D} -> minimum-l2 interpolant as alpha -> oo",
        source=src("1.8 Higher Order Models", r"\lim_{\alpha \rightarrow \infty} \beta_{\alpha,D}^\infty = \beta_{\ell_2}^*"),
        statement=Statement.from_quote(SYMBOLS),
        checks=(Convergence(lambda ctx, precise, config: depth_sequence(ctx, np.array([2.0, 4.0, 8.0, 16.0, 32.0]), config),
                            name="minimisers of Q^D_alpha against the pseudo-inverse", tol=1e-3,
                            configurations=DEPTH_SPACE),),
        depends_on=("kr.theorem3.flow_limit",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.depth.polynomial_alpha",
        title="At D = 3 a polynomially small alpha approximates ||beta_l1||_1: the excess is O(alpha^(D-2))",
        source=src("1.8 Higher Order Models", r"Even at $D = 3$, the scale of α needed to approximate $\|\beta_{\ell_1}^*\|_1$ is polynomial rather than exponential in the case of $D = 2$"),
        statement=Statement(sp.Eq(sp.Symbol("excess_l1", positive=True), sp.O(alpha**DEPTH3_EXCESS_EXPONENT, (alpha, 0)), evaluate=False)),
        checks=(OrderFit(depth3_excess, name="minimisers of Q^3_alpha against the linear programme", rate_stated=False,
                         configurations=CURVE_DATA),),
        depends_on=("kr.theorem3.flow_limit",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.chizat.relative_change",
        title="Chizat: for a small step, Delta(F) = |F(w1) - F(w0)|/F(w0) ~ eta ||grad F(w0)||^2 / F(w0)",
        source=src("2.1 Lazy Training", r"\Delta(F) := \frac{|F(w_1) - F(w_0)|}{F(w_0)} \approx \eta \frac{\|\nabla F(w_0)\|^2}{F(w_0)}"),
        statement=Statement(sp.Eq(sp.Limit(Delta_F / (eta * G_2 / F_0), eta, 0), 1, evaluate=False)),
        checks=(Convergence(relative_change_steps, name="one gradient step on F = ||h - y*||^2/2, h(w) = Aw + b(Bw)^2/2", tol=1e-3,
                            configurations=RELATIVE_CHANGE_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.chizat.delta_dh",
        title="Chizat: Delta(Dh) = ||Dh(w1) - Dh(w0)||/||Dh(w0)|| <= eta ||grad F(w0)|| ||D^2 h(w0)|| / ||Dh(w0)||",
        source=src("2.1 Lazy Training", r"\Delta(Dh) := \frac{\|Dh(w_1) - Dh(w_0)\|}{\|Dh(w_0)\|} \leq \eta \frac{\|\nabla F(w_0)\| \cdot \|D^2 h(w_0)\|}{\|Dh(w_0)\|}"),
        statement=Statement(sp.Le(Delta_Dh, eta * gradF_norm * D2h_norm / Dh_norm)),
        checks=(Simulation(differential_change_steps, name="one gradient step on F = ||h - y*||^2/2, h(w) = (sin(c_k w + b_k))_k",
                           configurations=DELTA_DH_SPACE),),
        correction=Correction(
            Statement(sp.Le(Delta_Dh, eta * gradF_norm * D2h_sup / Dh_norm)),
            why="Dh(w1) - Dh(w0) = int_0^1 D^2 h(w0 + s(w1 - w0))[w1 - w0] ds: the bound holds with the supremum of ||D^2 h|| "
                "over the step (mean-value inequality), and with ||D^2 h(w0)|| only to first order in eta. Where ||D^2 h|| "
                "grows along the step, the stated bound fails for every eta > 0, however small (the ratio tends to 1 from above).",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.chizat.lazy_criterion",
        title="Chizat: with the two estimates, Delta(F)/Delta(Dh) >= (||grad F||/F)/(||D^2 h||/||Dh||), so the criterion guarantees Delta(F) >> Delta(Dh)",
        source=src("2.1 Lazy Training", r"\frac{\|\nabla F(w_0)\|}{F(w_0)} \gg \frac{\|D^2 h(w_0)\|}{\|Dh(w_0)\|}"),
        statement=Statement(sp.Ge(Delta_F / Delta_Dh, Lam), assuming=[sp.Ge((gradF_norm / F_0) / (D2h_norm / Dh_norm), Lam)],
                            where={Delta_F: eta * gradF_norm**2 / F_0, Delta_Dh: eta * gradF_norm * D2h_norm / Dh_norm}),
        checks=(Inequality(name="ratio of the two estimates"),),
        depends_on=("kr.chizat.relative_change", "kr.chizat.delta_dh"),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.chizat.kappa_criterion",
        title="Chizat: for the square loss the laziness criterion is kappa_h(w0) << 1",
        source=src("2.1 Lazy Training", r"\kappa_h(w_0) := \|h(w_0) - y^*\| \frac{\|D^2 h(w_0)\|}{\|Dh(w_0)\|^2} \ll 1"),
        statement=Statement(sp.Ge(1 / KAPPA_H, sp.Symbol("C", positive=True) * Lam)),
        checks=(Derivation(name="criterion with F = ||h - y*||^2/2 and ||grad F|| ~ ||Dh|| ||h - y*||",
                           derived=KAPPA_CRITERION_DERIVED, constants=(sp.Symbol("C", positive=True),)),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.chizat.kappa_scaled_output",
        title="Chizat: kappa_{alpha h}(w0) = (1/alpha) ||alpha h(w0) - y*|| ||D^2 h|| / ||Dh||^2",
        source=src("2.2 Scaling the Output", r"\kappa_{\alpha h}(w_0) = \frac{1}{\alpha} \|\alpha h(w_0) - y^*\| \frac{\|D^2 h(w_0)\|}{\|Dh(w_0)\|^2}"),
        statement=Statement(sp.Eq(kappa_of(alpha * h_local, w0_),
                                  sp.Abs(alpha * H0 - ystar_) / alpha * sp.Abs(H2) / H1**2, evaluate=False)),
        checks=(Identity(name="kappa of the scaled model"),),
        scaling=CHIZAT,
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.chizat.homogeneous_init",
        title="Chizat: for D-homogeneous models, scaling w0 by lambda scales the output by lambda^D",
        source=src("2.2 Scaling the Output", r"For D -homogeneous models, multiplying the initialization w_0 by a factor of λ is equivalent to scaling the output by λ^D"),
        statement=Statement(sp.Eq(f_diag([lam * v for v in w_p], [lam * v for v in w_m], x_v), lam**D * f_diag(w_p, w_m, x_v), evaluate=False)),
        checks=(Identity(sizes={"d": 2}, name="depth-D diagonal network"),
                AtSizes(_homogeneous_at, sizes={"d": (3, 5)}, domains=_DEPTHS, name="depth-D diagonal network at d = 3, 5")),
        expected=Verdict.SUPPORTED,  # proved for d = 2; supported beyond (checked numerically at d = 3, 5)
    ),
    Claim(
        id="kr.chizat.kappa_scaled_init",
        title="Chizat: for D-homogeneous h, kappa_h(lambda w0) = (1/lambda^D) ||lambda^D h(w0) - y*|| ||D^2 h|| / ||Dh||^2",
        source=src("2.2 Scaling the Output", r"\kappa_h(\lambda w_0) = \frac{1}{\lambda^D} \|\lambda^D h(w_0) - y^*\| \frac{\|D^2 h(w_0)\|}{\|Dh(w_0)\|^2}"),
        statement=Statement(sp.Eq(kappa_of(h_hom, lam * w0_),
                                  sp.Abs(lam**D * h_hom.subs(w_, w0_) - ystar_) / lam**D * sp.Abs(sp.diff(h_hom, w_, 2).subs(w_, w0_))
                                  / sp.diff(h_hom, w_).subs(w_, w0_) ** 2, evaluate=False)),
        checks=(Identity(name="kappa at the scaled initialisation"),),
        scaling=CHIZAT.with_dims({"y_star": S_H}),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.chizat.flow_velocity",
        title="Chizat: -grad F_alpha(w) = -(1/alpha) Dh(w)^T grad R(alpha h(w))",
        source=src("2.3 Lazy Training and the Scaled Model", r"w'_\alpha(t) = -\nabla F_\alpha(w_\alpha(t)) = -\frac{1}{\alpha} Dh(w_\alpha(t))^T \nabla R(\alpha h(w_\alpha(t)))"),
        statement=Statement(sp.Eq(NEG_GRAD_F_ALPHA, -(_Jg.T * _grad_R_at(_hg)) / alpha, evaluate=False)),
        checks=(Identity(sizes={"p": 2}, name="chain rule for the scaled objective"),),
        scaling=CHIZAT,
        expected=Verdict.SUPPORTED,  # proved for p = 2 (generic h and R: undefined functions); other p not checked
    ),
    Claim(
        id="kr.chizat.linearised_velocity",
        title="Chizat: -grad Fbar_alpha(w) = -(1/alpha) Dh(w0)^T grad R(alpha hbar(w))",
        source=src("2.3 Lazy Training and the Scaled Model", r"\bar{w}'_\alpha(t) = -\nabla \bar{F}_\alpha(\bar{w}_\alpha(t)) = -\frac{1}{\alpha} Dh(w_0)^T \nabla R(\alpha \bar{h}(\bar{w}_\alpha(t)))"),
        statement=Statement(sp.Eq(NEG_GRAD_FBAR_ALPHA, -(_Jg.subs(dict(zip(_wg, _w0g))).T * _grad_R_at(_hbar_g)) / alpha, evaluate=False)),
        checks=(Identity(sizes={"p": 2}, name="chain rule for the linearised objective"),),
        scaling=CHIZAT,
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem2_2.displacement",
        title="Theorem 2.2: sup_{t <= T} ||w_alpha(t) - w0|| = O(1/alpha)",
        source=src("2.3 Lazy Training and the Scaled Model", _Q_T22_DISPLACEMENT),
        statement=_sup_order(_Q_T22_DISPLACEMENT, sp.Symbol("D_T", positive=True)),
        checks=(OrderFit(lazy_quantity("displacement"), name="gradient flows of F_alpha (T in [0.5, 8])", configurations=LAZY_T_SPACE),),
        scaling=CHIZAT,
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem2_2.parameters",
        title="Theorem 2.2: sup_{t <= T} ||w_alpha(t) - wbar_alpha(t)|| = O(1/alpha^2)",
        source=src("2.3 Lazy Training and the Scaled Model", _Q_T22_PARAMETERS),
        statement=_sup_order(_Q_T22_PARAMETERS, sp.Symbol("P_T", positive=True)),
        checks=(OrderFit(lazy_quantity("parameters"), name="flows of F_alpha and its linearisation (T in [0.5, 8])",
                         configurations=LAZY_T_SPACE),),
        scaling=CHIZAT,
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem2_2.predictions",
        title="Theorem 2.2: sup_{t <= T} ||alpha h(w_alpha(t)) - alpha hbar(wbar_alpha(t))|| = O(1/alpha^2)",
        source=src("2.3 Lazy Training and the Scaled Model", _Q_T22_PREDICTIONS),
        statement=_sup_order(_Q_T22_PREDICTIONS, sp.Symbol("F_T", positive=True)),
        checks=(OrderFit(lazy_quantity("predictions"), name="flows of F_alpha and its linearisation (T in [0.5, 8])",
                         configurations=LAZY_T_SPACE),),
        correction=Correction(
            Statement(sp.Eq(sp.Symbol("F_T", positive=True), sp.O(1 / alpha, (alpha, sp.oo)), evaluate=False)),
            why="alpha h(w) - alpha hbar(w) is alpha times a second-order Taylor remainder, alpha O(||w - w0||^2) = "
                "alpha O(1/alpha^2) = O(1/alpha), as in Chizat et al.'s Theorem 2.2 (and note 004's own Theorem 2.4).",
            expected=Verdict.SUPPORTED),
        scaling=CHIZAT,
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.theorem2_2.exponential_in_t",
        title="Theorem 2.2: its constants depend exponentially on the time horizon T",
        source=src("2.3 Lazy Training and the Scaled Model", r"The constants in Theorem 2.2 depend *exponentially on the time horizon T*"),
        statement=Statement(sp.Le(sp.Symbol("C_T", positive=True), sp.Symbol("C_1", positive=True) * sp.exp(sp.Symbol("c_2", positive=True) * sp.Symbol("T", positive=True)))),
        checks=(Untestable("the sentence is about the constants of the proof's bounds (a Gronwall argument in Chizat et al.), "
                           "which the note does not state; a simulation measures the quantities themselves, whose growth in "
                           "T depends on the model and loss (for a strongly convex R they stay bounded uniformly in t, "
                           "Theorem 2.4, kr.theorem2_4.*), so no computation of them can show what the proof's constants are"),),
        depends_on=("kr.theorem2_2.displacement",),
        scaling=CHIZAT,
        expected=Verdict.INCONCLUSIVE,
    ),
    Claim(
        id="kr.lazy.linearised_minimiser",
        title="Section 2.3: the linearised flow converges linearly to the unique global minimiser of Fbar_alpha",
        source=src("2.3 Lazy Training and the Scaled Model", r"Therefore, $(\bar{w}_\alpha(t))_{t \geq 0}$ converges linearly to the unique global minimizer of \bar{F}_α"),
        statement=Statement(sp.Le(argmin_dim, 0)),
        checks=(Simulation(linearised_minimisers, name="Fbar_alpha's minimisers (linear models, p against n)",
                           configurations=LINEARISED_SPACE),),
        correction=Correction(
            Statement(sp.Le(dist_t, dist_0 * sp.exp(-lin_rate * t))),
            checks=(Simulation(linearised_minimisers, name="the linearised flow against the minimiser on the hyperspace",
                               configurations=LINEARISED_SPACE),),
            why="Fbar_alpha is constant along ker Dh(w0), so its global minimisers form the affine set w* + ker Dh(w0): unique only "
                "when Dh(w0) is injective (p <= rank), never in the overparameterised case the note treats next. The flow stays "
                "in w0 + ker Dh(w0)^perp, where Fbar_alpha is strongly convex, and converges linearly to the unique global "
                "minimiser in that hyperspace (the one nearest w0), at the rate of the smallest nonzero eigenvalue of "
                "Dh(w0)^T H Dh(w0).",
            expected=Verdict.SUPPORTED),
        scaling=CHIZAT,
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.theorem2_4.threshold",
        title="Theorem 2.4: C0 = sigma_min^3/(32 kappa^{3/2} ||Dh(w0)|| Lip(Dh)) is what the proof needs",
        source=src("2.3 Lazy Training and the Scaled Model", r"C_0 := \sigma_{\min}^3 / (32\kappa^{3/2} \|Dh(w_0)\| \text{Lip}(Dh))"),
        statement=Statement(sp.Le(C0, C0_STATED)),
        checks=(Derivation(name="note 000's displacement bound with ||alpha h(w0) - y*|| < 2 alpha C0",
                           derived=sp.Le(C0, C0_NEEDED), sense="hypothesis"),),
        depends_on=("lazy.theorem.threshold", "lazy.proof.large_alpha"),
        scaling=CHIZAT,
        expected=Verdict.PROVED,
    ),
    Claim(
        id="kr.theorem2_4.threshold_vs_note000",
        title="Theorem 2.4 against note 000's main theorem: the threshold alpha > ||y*||/C0 when h(w0) = 0",
        source=src("2.3 Lazy Training and the Scaled Model", r"If $\alpha > \|y^*\| / C_0$"),
        statement=Statement.from_quote(SYMBOLS, where={C0: C0_STATED}),
        checks=(Derivation(name="note 000's corrected threshold (lazy.theorem.threshold)",
                           derived=THRESHOLD_CORRECTED.conclusion, sense="hypothesis"),),
        depends_on=("lazy.theorem.threshold", "kr.theorem2_4.threshold"),
        correction=Correction(
            Statement(sp.Gt(alpha, ALPHA_NEEDED)),
            why="With h(w0) = 0, ||alpha h(w0) - y*|| = ||y*||, and note 000's proof needs only alpha > 16 kappa^{3/2} ||Dh|| Lip ||y*|| / "
                "sigma_min^3 (note 000's corrected threshold). Note 004's 32 is what ||h(w0)|| up to C0 costs "
                "(kr.theorem2_4.threshold), so the notes agree once note 000's kappa/alpha mix-up and sigma_min^2 are corrected; "
                "note 000 as written (kappa > ||f*||/M with sigma_min^2) is not supported.",
            expected=Verdict.PROVED),
        scaling=CHIZAT,
        expected=Verdict.LOOSE,
    ),
    Claim(
        id="kr.theorem2_4.bound",
        title="Theorem 2.4: ||alpha h(w_alpha(t)) - y*|| <= sqrt(kappa) ||alpha h(w0) - y*|| exp(-m sigma_min^2 t/4)",
        source=src("2.3 Lazy Training and the Scaled Model", r"\|\alpha h(w_\alpha(t)) - y^*\| \leq \sqrt{\kappa} \|\alpha h(w_0) - y^*\| \exp(-m\sigma_{\min}^2 t/4)"),
        statement=Statement.from_quote(THEOREM2_4_SYMBOLS, assuming=[sp.Le(Norm(f_0), C0), sp.Gt(alpha, FSTAR / C0)],
                                       where={kappa: nu / mu, C0: C0_STATED, **ALONG_FLOW}),
        checks=(
            Simulation(theorem24_flow, name="gradient flow (note 000's instances and Lemma 1's extremal models, alpha from the threshold)",
                       configurations=THEOREM24_SPACE),
            Derivation(name="rate from note 000's Lemma 2 (lambda = sigma_min^2/4)", derived=RATE_DERIVED),
            Derivation(name="note 000's corrected bound (lazy.theorem.bound)", derived=BOUND_CORRECTED.conclusion),
        ),
        depends_on=("lazy.theorem.bound", "kr.theorem2_4.threshold"),
        scaling=CHIZAT,
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem2_4.displacement",
        title="Theorem 2.4: sup_{t >= 0} ||w_alpha(t) - w0|| = O(1/alpha)",
        source=src("2.3 Lazy Training and the Scaled Model", _Q_T24_DISPLACEMENT),
        statement=_sup_order(_Q_T24_DISPLACEMENT, sp.Symbol("D_sup", positive=True)),
        checks=(OrderFit(lazy_quantity("displacement"), name="gradient flows of F_alpha until convergence", configurations=LAZY_SPACE),),
        depends_on=("lazy.theorem.displacement",),
        scaling=CHIZAT,
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem2_4.predictions",
        title="Theorem 2.4: sup_{t >= 0} ||alpha h(w_alpha(t)) - alpha hbar(wbar_alpha(t))|| = O(1/alpha)",
        source=src("2.3 Lazy Training and the Scaled Model", _Q_T24_PREDICTIONS),
        statement=_sup_order(_Q_T24_PREDICTIONS, sp.Symbol("F_sup", positive=True)),
        checks=(OrderFit(lazy_quantity("predictions"), name="flows of F_alpha and its linearisation until convergence",
                         configurations=LAZY_SPACE),),
        scaling=CHIZAT,
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem2_4.parameters",
        title="Theorem 2.4: sup_{t >= 0} ||w_alpha(t) - wbar_alpha(t)|| = O(log alpha / alpha^2)",
        source=src("2.3 Lazy Training and the Scaled Model", _Q_T24_PARAMETERS),
        statement=_sup_order(_Q_T24_PARAMETERS, sp.Symbol("P_sup", positive=True)),
        checks=(OrderFit(lazy_quantity("parameters"), name="flows of F_alpha and its linearisation until convergence",
                         configurations=LAZY_RANDOM_SPACE),),
        scaling=CHIZAT,
        correction=Correction(
            Statement(sp.Eq(sp.Symbol("P_sup", positive=True), sp.O(1 / alpha**2, (alpha, sp.oo)), evaluate=False)),
            why="On these instances the distance decays like alpha^-2 without the log factor (fitted exponent -2.00): "
                "the theorem's log(alpha) is a worst-case factor of the proof, not seen in the measured order.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.LOOSE,
    ),
    Claim(
        id="kr.theorem2_5.rate",
        title="Theorem 2.5: for large alpha the flow converges geometrically, at a rate asymptotically independent of alpha",
        source=src("2.3 Lazy Training and the Scaled Model", r"the gradient flow converges at a geometric rate (asymptotically independent of α) to a local minimum of F_α"),
        statement=Statement(sp.Eq(sp.Limit(rho_alpha, alpha, sp.oo), rho_bar, evaluate=False)),
        checks=(Convergence(underparameterised_rates, name="local rates at the flows' limits (p < n)", tol=1e-2,
                            configurations=RATES_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.theorem2_5.strict_minimiser",
        title="After Theorem 2.5: for sufficiently large alpha, lim_t w_alpha(t) is a strict local minimiser of F_alpha",
        source=src("2.3 Lazy Training and the Scaled Model", r"And so we have that, for sufficiently large α , $\lim_{t \rightarrow \infty} w_\alpha(t)$ is a strict local minimizer"),
        statement=Statement(sp.Le(sublevel_radius, 0)),
        checks=(Simulation(strict_minimiser, name="sublevel set of F_alpha around the flow's limit (constant-rank models h = g(P w))",
                           configurations=STRICT_SPACE),),
        correction=Correction(
            Statement(sp.Le(sublevel_radius, 0), assuming=[sp.Ge(rank_Dh, p_params)]),
            checks=(Simulation(strict_minimiser, name="sublevel set of F_alpha around the flow's limit (constant-rank models h = g(P w))",
                               configurations=STRICT_SPACE),),
            why="Theorem 2.5 gives a local minimum, not a strict one: with rank Dh constant and below p near w0, h is constant "
                "along the (p - rank)-dimensional fibres of a submersion (here h(w) = g(P w), constant along ker P), so F_alpha is "
                "flat along them and no local minimiser is strict. The limit is strict when Dh(w0) is injective (rank = p), "
                "where the Hessian of F_alpha at the limit tends to Dh(w0)^T H Dh(w0), positive definite (kr.theorem2_5.rate).",
            expected=Verdict.SUPPORTED),
        depends_on=("kr.theorem2_5.rate",),
        scaling=CHIZAT,
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.theorem2_5.not_global",
        title="Theorem 2.5 remark: the flow's limit is in general not a global minimiser of F_alpha",
        source=src("2.3 Lazy Training and the Scaled Model", r"It is not in general, though, a global minimizer of F_α because the image of $Dh(w_0)$ need not contain the global minimizer of R"),
        statement=Statement(sp.Le(sp.Symbol("is_global", nonnegative=True), 0)),
        checks=(Simulation(figure_eight_limits, name="flows of F_alpha on a figure-eight model against a grid search",
                           configurations=FIGURE_EIGHT_SPACE),),
        depends_on=("kr.theorem2_5.rate",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.ntk.relu_training",
        title="Jacot et al. outside their hypotheses: with the ReLU (not twice differentiable) the NTK still stays constant during training as the width grows",
        source=src("3 Neural Tangent Kernel: Convergence and Generalization in Neural Networks, Jacot, Gabriel, and Hongler 2018",
                   r"it is reassuring that the result holds true outside of the differentiability assumptions"),
        statement=Statement(sp.Eq(sp.Symbol("Theta_change", positive=True), sp.O(m_width ** sp.Rational(-1, 4), (m_width, sp.oo)), evaluate=False)),
        checks=(OrderFit(ntk_training_relu, name="kernel change along gradient descent (ReLU), widths 32 .. 2048", rate_stated=False,
                         configurations=NTK_RELU_TRAINING_SPACE),),
        depends_on=("kr.ntk.theorem2",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.ntk.theorem1",
        title="Jacot et al., Theorem 1: the NTK at initialisation converges to a deterministic kernel as width -> oo",
        source=src("3.2 Key Results", r"the NTK $\Theta^{(L)}$ converges in probability to a deterministic limiting kernel"),
        statement=Statement(sp.Eq(sp.Limit(Theta_m, m_width, sp.oo), Theta_inf, evaluate=False)),
        checks=(Convergence(ntk_widths, name="empirical NTKs against the arc-cosine kernel", tol=0.05, configurations=NTK_WIDTHS_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.ntk.theorem2",
        title="Jacot et al., Theorem 2: the NTK stays constant during training as the width grows",
        source=src("3.2 Key Results", r"as $n_1, \dots, n_{L-1} \rightarrow \infty$ we have, uniformly for $t \in [0, T]$"),
        statement=Statement(sp.Eq(sp.Symbol("Theta_change", positive=True), sp.O(m_width ** sp.Rational(-1, 2), (m_width, sp.oo)), evaluate=False)),
        checks=(OrderFit(ntk_training, name="kernel change along gradient descent, widths 64 .. 4096", rate_stated=False,
                         configurations=NTK_TRAINING_SPACE),),
        depends_on=("kr.ntk.theorem1",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.ntk.limit_positive_definite",
        title="Jacot et al.: the limiting NTK Theta_oo is positive definite (on distinct inputs)",
        source=src("3.2 Key Results", r"the limiting NTK Θ_{∞} is positive definite if the span of the derivatives"),
        statement=Statement(sp.Le(sp.Symbol("singular", nonnegative=True), 0)),
        checks=(Simulation(ntk_limit_spectrum, name="spectrum of the arc-cosine NTK on Gaussian and nearly (anti)parallel inputs",
                           configurations=NTK_PD_SPACE),),
        depends_on=("kr.ntk.theorem1",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.gunasekar.empirical_small_error",
        title="Gunasekar et al.'s experiments: with d > m/n, small initialisation and small steps, the relative error stays small",
        source=src("4.2 Underdetermined Problems and Gradient Descent", r"for $d > m/n$ with initialization U_0 close to zero and small stepsize, they still achieve small relative error"),
        statement=Statement(sp.Le(sp.Symbol("relative_error", nonnegative=True), sp.Symbol("delta", positive=True))),
        checks=(Untestable("an empirical observation on Gunasekar et al.'s own experiments: the note gives neither the "
                           "measurement distribution, the ground truth's rank and size, the number of measurements, nor what "
                           "relative error counts as small, so no computation here can reproduce the observation as stated"),),
        expected=Verdict.INCONCLUSIVE,
    ),
    Claim(
        id="kr.gunasekar.conjecture",
        title="Gunasekar et al.'s conjecture: the alpha -> 0 limit of flows from alpha X_init is a minimum-nuclear-norm solution",
        source=src("4.3 Key Findings and Results", r"For any full rank X_{init} , if $\hat{X} = \lim_{\alpha \rightarrow 0} X_\infty(\alpha X_{\text{init}})$ exists"),
        statement=Statement(sp.Eq(sp.Symbol("nuclear_hat", nonnegative=True), sp.Symbol("nuclear_min", nonnegative=True))),
        checks=(Untestable("the conjecture quantifies over every full-rank X_init and every measurement operator A (non-commuting "
                           "A_i included) and concerns a double limit, first t -> oo and then alpha -> 0, in which the time "
                           "to leave the saddle at X = 0 grows like log(1/alpha) without bound; a finite simulation reaches "
                           "neither limit, so it can neither confirm the conjecture nor, from a finite alpha, refute it "
                           "(its commuting case is checked as Corollary 2, kr.gunasekar.corollary2)"),),
        expected=Verdict.INCONCLUSIVE,
    ),
    Claim(
        id="kr.gunasekar.x_dynamics",
        title="Gunasekar et al.: X' = A*(r) X - X A*(r) along the flow U' = A*(A(U U^T) - y) U",
        source=src("4.3 Key Findings and Results", r"\dot{X}_t = \mathcal{A}^*(r_t)X_t - X_t\mathcal{A}^*(r_t)"),
        # X_t and A^*(r_t) are matrices (declared noncommutative: the products keep their order), read as the
        # explicit X = U U^T (U an n x 1 factor, n = 2) and the symmetric A^*(r) of the check
        statement=Statement.from_quote(GUNASEKAR_SYMBOLS, where={_X_t: Xu, _Xdot_t: sp.Derivative(Xu, tt_),
                                                                 _Acal_star(sp.Symbol("r_t")): Astar}),
        checks=(Identity(sizes={"n": 2}, name="X = U U^T along the note's U-dynamics", flow=dict(zip(list(U_), list(U_NOTE)))),),
        correction=Correction(
            Statement(sp.Eq(sp.Derivative(Xu, tt_), -Astar * Xu - Xu * Astar, evaluate=False)),
            checks=(Identity(sizes={"n": 2}, name="X = U U^T along the descent dynamics", flow=dict(zip(list(U_), list(U_GF)))),
                    AtSizes(_x_dynamics_at, sizes={"n": (3, 4)}, name="X = U U^T along the descent dynamics at n = 3, 4")),
            why="d/dt (U U^T) = U' U^T + U U'^T is an anticommutator, and gradient descent has a minus sign: "
                "X' = -A*(r) X - X A*(r) along U' = -A*(r) U (the flow of ||A(U U^T) - y||^2 with time rescaled by 4).",
            expected=Verdict.SUPPORTED),  # proved for n = 2; supported beyond (checked numerically at n = 3, 4)
        scaling=SCALING.with_dims({t: S_W**-2}),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.gunasekar.u_dynamics",
        title="Gunasekar et al.: U' = A*(A(U U^T) - y) U is the gradient flow on U (a descent direction)",
        source=src("4.3 Key Findings and Results", r"\dot{U}_t = \mathcal{A}^*(\mathcal{A}(U_t U_t^T) - y) U_t"),
        statement=Statement(sp.Ge(-sum(a * b for a, b in zip(U_NOTE.subs(to_static), grad_f)), 0)),
        checks=(Inequality(sizes={"n": 2}, name="the note's velocity against the negative gradient"),),
        correction=Correction(
            Statement(sp.Ge(-sum(a * b for a, b in zip(U_GF.subs(to_static), grad_f)), 0)),
            checks=(Inequality(sizes={"n": 2}, name="the note's velocity against the negative gradient"),
                    AtSizes(_u_dynamics_at, sizes={"n": (3, 4)}, name="descent velocity against the negative gradient at n = 3, 4")),
            why="-grad f(U) = -4 A*(r) U: the gradient flow moves against A*(r) U (the note's sign gives gradient ascent).",
            expected=Verdict.SUPPORTED),  # proved for n = 2; supported beyond (checked numerically at n = 3, 4)
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.gunasekar.corollary2",
        title="Gunasekar et al., Corollary 2: lim_{alpha -> 0} x_oo(alpha 1) is the minimum-l1 nonnegative interpolant",
        source=src("4.3 Key Findings and Results", r"If $\lim_{\alpha \rightarrow 0} x_\infty(\alpha \mathbf{1})$ exists and $A\hat{x} = y$"),
        statement=Statement(sp.Eq(sp.Limit(x_inf, alpha, 0), x_l1, evaluate=False)),
        checks=(Convergence(squared_sequence, name="flow limits (invariant curve) against the linear programme", tol=0.05,
                            configurations=SQUARED_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.arora.theorem2",
        title="Arora et al., Theorem 2: with commuting A_i and N >= 3, lim_{alpha -> 0} of the depth-N flow from W_j(0) = alpha I is a minimum-nuclear-norm PSD solution",
        source=src("5.3 Key Findings and Results", r"then it holds that $\bar{W}_{deep} \in \operatorname{argmin}_{W \in \mathcal{S}_+^d, l(W)=0} \|W\|_*$"),
        statement=Statement(sp.Eq(sp.Limit(W_deep, alpha, 0), W_nuc, evaluate=False)),
        checks=(Convergence(commuting_depth_limits, name="depth-3 factorisation flows (full matrices; invariant curve below alpha = 1) against the trace-minimising LP", tol=1e-3,
                            configurations=ARORA2_SPACE),),
        depends_on=("kr.gunasekar.corollary2",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.arora.theorem3",
        title="Arora et al., Theorem 3: d sigma_r/dt = -N (sigma_r^2)^{1-1/N} <grad l(W), u_r v_r^T>",
        source=src("5.3 Key Findings and Results", r"\dot{\sigma}_r(t) = -N(\sigma_r^2(t))^{1-1/N} \cdot \langle \nabla l(W(t)), u_r(t), v_r^T(t) \rangle"),
        statement=Statement(sp.Eq(sigma_dot, -N_depth * (sigma_r**2) ** (1 - 1 / N_depth) * g_uv, evaluate=False)),
        checks=(Simulation(singular_value_dynamics, name="singular values along deep factorisation flows (the flow's own velocity)", rtol=1e-4,
                           scale="scale", configurations=ARORA3_SPACE),),
        correction=Correction(
            Statement(sp.Eq(sigma_dot, -N_depth * (sigma_r**2) ** (1 - 1 / N_depth) * g_uv, evaluate=False),
                      assuming=[sp.Le(imbalance, 0)]),
            why="Arora et al. assume the factors are balanced at initialisation (W_{j+1}^T W_{j+1} = W_j W_j^T, as for "
                "W_j(0) = alpha I); without it the product's singular values do not follow this formula.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.chizat_bach.many_particle_limit",
        title="Chizat and Bach: lim_{m, t -> oo} J(mu_{m,t}) = J* for suitably initialised particle gradient flows",
        source=src("6.2 Particle Gradient Descent", r"\lim_{m, t \rightarrow \infty} J(\mu_{m,t}) = J^*"),
        statement=Statement(sp.Eq(sp.Limit(sp.Symbol("J_mt", real=True), m_width, sp.oo), sp.Symbol("J_star", real=True), evaluate=False)),
        checks=(Untestable("J* is the minimum of J over all signed measures on the parameter space, an infinite-dimensional "
                           "problem with no closed form for the note's unspecified phi, R and G; and the theorem holds only "
                           "under hypotheses (homogeneity or boundary conditions on phi, an initialisation whose support "
                           "separates, convergence of the Wasserstein flow) that a finite-m, finite-t simulation cannot "
                           "certify, so no computation here can compare J(mu_{m,t}) with J*"),),
        expected=Verdict.INCONCLUSIVE,
    ),
    Claim(
        id="kr.barron1993a.theorem1",
        title="Barron (1993), Theorem 1: some n-term sigmoidal network has int_B (f - f_n)^2 dmu <= (2C)^2/n",
        source=src("7.1 Main Results", _Q_BARRON_A1),
        # the integral is the mean squared error the simulation computes
        statement=Statement.from_quote(BARRON_SYMBOLS, where={_quoted(_Q_BARRON_A1, BARRON_SYMBOLS).lhs: _err_n}),
        checks=(Simulation(lambda ctx, precise, config: barron_instances(ctx, False, config),
                           name="Barron's random step networks (average over draws)", configurations=BARRON_SPACE),),
        scaling=SCALING.with_dims({"C": S_H}),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.barron1993a.theorem4",
        title="Barron (1993), Theorem 4: on the ball of radius r, the error is at most (2 r C_f)^2/n",
        source=src("7.1 Main Results", _Q_BARRON_A4),
        statement=Statement.from_quote(BARRON_SYMBOLS, where={_quoted(_Q_BARRON_A4, BARRON_SYMBOLS).lhs: _err_n}),
        checks=(Simulation(lambda ctx, precise, config: barron_instances(ctx, True, config), name="Barron's random step networks on [-r, r]",
                           configurations=BARRON_RADIUS_SPACE),),
        depends_on=("kr.barron1993a.theorem1",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.barron1993b.theorem1",
        title="Barron (1993b), Theorem 1: on [-1, 1]^d some n-term network has ||f - f_n|| <= C_f/sqrt(n)",
        source=src("8.1 Main Results", _Q_BARRON_B1),
        # the L2 norm is the root of the mean squared error the simulation computes
        statement=Statement.from_quote(BARRON_SYMBOLS, where={_quoted(_Q_BARRON_B1, BARRON_SYMBOLS).lhs: sp.sqrt(_err_n)}),
        checks=(Simulation(lambda ctx, precise, config: barron_instances(ctx, False, config),
                           name="Barron's random step networks (average over draws)", configurations=BARRON_SPACE),),
        scaling=SCALING.fixing(S_X, why="the domain is [-1, 1]^d (Section 8.1, Theorem 1), where |omega . x| <= |omega|_1: the input unit is fixed"),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="kr.barron1993b.theorem2",
        title="Barron (1993b), Theorem 2: risk bound of the complexity-penalised least-squares network",
        source=src("8.1 Main Results", _Q_BARRON_B2),
        # the expected risk and the index of resolvability R_{n,N}(f) are recorded as the symbols risk and R_nN
        statement=Statement.from_quote(BARRON_SYMBOLS, where={_quoted(_Q_BARRON_B2, BARRON_SYMBOLS).lhs: _risk,
                                                              _applied(_quoted(_Q_BARRON_B2, BARRON_SYMBOLS).rhs): _R_nN}),
        checks=(Untestable("the bound is on the expected risk of the penalised least-squares estimator over all networks of "
                           "each size (a global non-convex fit) against the index of resolvability R_{n,N}(f), itself a "
                           "minimum over all networks; neither side can be computed here, so no simulation can test it"),),
        correction=Correction(
            Statement(sp.Le(sp.Symbol("risk_sq", nonnegative=True), sp.Symbol("gamma", positive=True) * sp.Symbol("R_nN", positive=True)
                            + 2 * sp.Symbol("gamma", positive=True) * sp.Symbol("lambda", positive=True) / sp.Symbol("N", positive=True))),
            why="The scaling analysis finds the bound inconsistent without any computation: lambda > 5b^2/3 with b the length of the "
                "interval holding Y and the candidate functions, so 2 gamma lambda/N scales as the square of the outputs (gamma "
                "= (3 lambda + b^2)/(3 lambda - 5 b^2) is scale-free), while E||f - f_hat|| scales as the outputs: rescaling f, "
                "Y and b by c multiplies the left side by c and the right by c^2, so the bound fails at small enough c. Barron's "
                "bound is on the squared L2 risk E||f - f_hat_{n,N}||^2 (as its index of resolvability, approximation error "
                "plus lambda times complexity over N, is a squared error); the corrected statement is still not computable here.",
            expected=Verdict.INCONCLUSIVE),
        scaling=SCALING.with_dims({"lambda": S_H**2, "risk_sq": S_H**2}),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.barron1993b.theorem2_minimum_complexity",
        title="Barron (1993b), Theorem 2: risk bound of the minimum complexity estimator, E||f - f_N|| <= gamma R_N(f) + 2 gamma lambda/N",
        source=src("8.1 Main Results", _Q_BARRON_B2_MC),
        # the expected risk and the index of resolvability R_N(f) are recorded as the symbols risk_N and R_N
        statement=Statement.from_quote(BARRON_SYMBOLS, where={_quoted(_Q_BARRON_B2_MC, BARRON_SYMBOLS).lhs: _risk_N,
                                                              _applied(_quoted(_Q_BARRON_B2_MC, BARRON_SYMBOLS).rhs): _R_N}),
        checks=(Untestable("the bound is on the expected risk of the minimum complexity estimator (a global non-convex fit over "
                           "networks of every size, n chosen from the data) against the index of resolvability R_N(f), a "
                           "minimum over all sizes and networks; neither side can be computed here"),),
        correction=Correction(
            Statement(sp.Le(sp.Symbol("risk_N_sq", nonnegative=True), sp.Symbol("gamma", positive=True) * sp.Symbol("R_N", positive=True)
                            + 2 * sp.Symbol("gamma", positive=True) * sp.Symbol("lambda", positive=True) / sp.Symbol("N", positive=True))),
            why="The same dimensional inconsistency as the bound for hat f_{n,N} (kr.barron1993b.theorem2): 2 gamma lambda/N "
                "scales as the square of the outputs (lambda > 5b^2/3) while E||f - hat f_N|| scales as the outputs, so the bound "
                "fails after rescaling f, Y and b by a small enough c; Barron's bound is on the squared L2 risk. The corrected "
                "statement is still not computable here.",
            expected=Verdict.INCONCLUSIVE),
        scaling=SCALING.with_dims({"lambda": S_H**2, "risk_N_sq": S_H**2}),
        depends_on=("kr.barron1993b.theorem2",),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="kr.barron1993b.order_of_resolvability",
        title="Barron (1993b), Theorem 2: E||f - f_N|| <= O(R_N(f)) for the minimum complexity estimator",
        source=src("8.1 Main Results", _Q_BARRON_B2_ORDER),
        # the expected risk recorded as risk_N, the O(.) with its constant C made explicit, C R_N
        statement=Statement.from_quote(BARRON_SYMBOLS, where={_quoted(_Q_BARRON_B2_ORDER, BARRON_SYMBOLS).lhs: _risk_N,
                                                              _quoted(_Q_BARRON_B2_ORDER, BARRON_SYMBOLS).rhs:
                                                                  BARRON_SYMBOLS["C"] * _R_N}),
        checks=(Untestable("R_N(f), the index of resolvability, is not defined in the note (it is a minimum over all network "
                           "sizes and parameters of approximation error plus complexity penalty), and the left side is the "
                           "expected risk of the minimum complexity estimator, a global fit over all networks of all sizes; "
                           "neither side can be computed here (the step from the bound gamma R_N + 2 gamma lambda/N to "
                           "O(R_N) also needs R_N >= c lambda/N, a property of R_N's definition)"),),
        depends_on=("kr.barron1993b.theorem2",),
        expected=Verdict.INCONCLUSIVE,
    ),
]

# the claims still stated in SymPy although their quotes parse, and why (tests/notes/test_statements_from_quotes.py)
# Claims whose quote parses faithfully read the note's notation as the quantities the checks evaluate (a sup
# over the flow as D_T, an integral as err_n, an O(.) at alpha -> oo, the l1 norm of the flow's limit as
# N1_alpha): they are parsed from their quotes. Those left here either check another relation than the quote's
# formula, or their quote parses to something the note does not say: a constraint the quote stops before, D h(w)
# read as the product of D (declared: the depth) and h(w), matrices read as commuting scalars. A reading would only
# hide such a misreading, so their statements are in SymPy.
STATED_IN_SYMPY: dict[str, str] = {
    "kr.linreg.kernel_norm_l2": "the quote's \\propto names no constant; the claim checks the ratio ||beta||_{K_0} / ||beta||_2 is the "
                                "same for every beta (its value at beta = e_1), with the RKHS norm's minimum-norm l written out",
    # the quote's formulas are an ingredient or a side condition; the claim is the sentence around them
    "kr.setup.output_input_scaling": "the quote's formulas are the factor c > 0 and the input's factor c^{1/D}; the equivalence is "
                                     "prose, stated as c f(w, x) = f(w, c^{1/D} x) on the depth-D diagonal network at d = 2",
    "kr.linreg.init_not_saddle": "the quote's formula F(alpha w) = 0 is the model vanishing; the claim is the prose 'without this being "
                                 "a saddle point', checked as L's gradient there not vanishing (the flag critical, 1 for a gradient at "
                                 "round-off of its natural size, is 0)",
    "kr.linreg.image_all_functionals": "img(F(w)) = X* is checked through an explicit preimage of every beta (one coordinate): "
                                       "w_+^2 - w_-^2 = beta with w_+ = sqrt(max(beta, 0)), w_- = sqrt(max(-beta, 0))",
    "kr.generalisation.saddle_at_zero": "the quote's formula is the limit w(0) -> 0; 'we reach a saddle point' is prose, stated as "
                                        "a zero gradient and Hessian eigenvalues of both signs at w = 0",
    "kr.theorem3.h_increasing": "the quote defines h_D; the claim is that its inverse on [-1, 1] is unique, checked as h_D' > 0 on "
                                "(-1, 1) (z = (s - 1)/(s + 1), s > 0) for D >= 3",
    "kr.depth.polynomial_alpha": "the quote's formulas are D = 3 and D = 2; 'polynomial rather than exponential' is prose, stated "
                                 "as the l1 excess being O(alpha^(D-2)) at D = 3 (the order its potential's expansion gives)",
    "kr.theorem2_4.threshold": "the quote defines C_0 (:=); the claim is that the proof works with it, stated as C_0 <= the "
                               "quoted value and compared with the largest C_0 note 000's displacement bound allows (the quote's Dh(w_0) and "
                               "Lip(Dh) also parse as products with D, the note's declared depth)",
    "kr.ntk.theorem2": "the quote's formula is the horizon t in [0, T] of 'uniformly for t in [0, T]'; the claim (the kernel "
                       "stays constant as the widths grow) is checked at the O(m^{-1/2}) rate of the usual proofs",
    "kr.gunasekar.empirical_small_error": "the quote's formula d > m/n is the experiments' regime; the claim is the observed small "
                                          "relative error, recorded (untestable) as relative_error <= delta",
    "kr.gunasekar.corollary2": "the quote's relation A x_hat = y is Corollary 2's hypothesis; its conclusion (x_hat the minimum-l1 "
                               "nonnegative interpolant) is checked as lim_{alpha -> 0} x_inf = x_l1",
    "kr.kernel.affine_model_bias": "the quote defines f_K; the claim is that f_K is f's first-order model at w(0), checked as "
                                   "f(w(0) + e h) = f_K(w(0) + e h) + O(e^2) on the D = 2 diagonal network at d = 2",
    # the quote parses to something the note does not say: a constraint the quote stops before (a reading would
    # hide it)
    "kr.kernel.rkhs_nearest": "the quote stops before the argmin's constraint ('s.t. $h(X) = y$', a formula of its own), so "
                              "argmin_h ||h - F(w_0)||_{K_0} parses unconstrained (F(w_0) itself), and the equality is the kernel "
                              "regime's, alpha -> oo, which the quote leaves implicit; the statement is the flows' limit as alpha -> oo against the pseudo-inverse "
                              "of the linearised model (lim beta_inf = beta_K), the K_0-nearest interpolant",
    "kr.theorem1_general.flow_limit": "the quote stops before the display's constraint 's.t. X beta = y', so argmin_beta "
                                      "Q_{alpha,w0}(beta) parses unconstrained (its minimiser is 0; with the constraint, it "
                                      "would be the argmin's, as in kr.theorem1.flow_limit); the statement is the "
                                      "simulated flow's limit (any w0) against the dual solution of argmin Q_{alpha,w0} s.t. "
                                      "X beta = y (beta_inf = beta_Q)",
    # the checked relation is another than the quote's
    "kr.arora.theorem2": "the quote states membership of Wbar_deep in the argmin set over the PSD cone S_+^d "
                         "(a declared label); the statement is the equality lim_{alpha -> 0} W_deep = W_nuc of the depth-3 flows' "
                         "limit with the trace-minimising linear programme's solution",
    "kr.chizat_bach.many_particle_limit": "the quote's joint limit m, t -> oo of J(mu_{m,t}) is recorded (untestable) as "
                                          "another limit, the limit in the width m of the quantity J_mt",
    # the checked relation is the quote's at a size the symbolic check can expand
    "kr.kernel.affine_tangent_kernel": "the quote's chain phi_{w(t)} = grad f_K = phi_{w(0)} is checked as grad_v f_K = phi_0 for "
                                       "the affine model with p = 4 coordinates (the gradient of an explicit linear function)",
    "kr.linreg.tangent_kernel": "K_{w(0)}(x, x') = 8 alpha^2 <x, x'> is checked with the kernel written out as grad f(x) . "
                                "grad f(x') of the diagonal network at w_+ = w_- = alpha 1, d = 3 coordinates",
    "kr.q_alpha.kernel_expansion": "checked at one coordinate (d = 1), Q and the sum being separable: "
                                   "alpha^2 w0^2 q(beta/(alpha^2 w0^2)) = beta^2/(4 alpha^2 w0^2) + O(alpha^-6) as alpha -> oo",
    "kr.q_alpha.rich_expansion": "checked at one coordinate (d = 1) with beta > 0, Q and the sum being separable: "
                                 "Q_{alpha,w0}(beta)/log(1/alpha^2) = beta + O(1/log(1/alpha^2)) as alpha -> 0",
    "kr.chizat.kappa_scaled_output": "checked on the one-dimensional model through h's value and derivatives at w_0 (h_0, h_1, "
                                     "h_2); the quote's Dh(w_0) and D^2 h(w_0) parse as products with D (the "
                                     "note declares D, the depth: the derivative reading needs D undeclared)",
    "kr.chizat.kappa_scaled_init": "checked on the one-dimensional D-homogeneous model h(w) = c_h w^D, with Dh and D^2 h its "
                                   "derivatives; the quote's Dh(w_0) and D^2 h(w_0) parse as products with D (the "
                                     "note declares D, the depth: the derivative reading needs D undeclared)",
    "kr.chizat.flow_velocity": "the chain rule is checked for p = 2 parameters with h and R undefined functions (the Jacobian "
                               "written out); the quote's Dh(w)^T parses as D times h(w)'s transpose (the note "
                               "declares D, the depth: the derivative reading needs D undeclared)",
    "kr.chizat.linearised_velocity": "the chain rule is checked for p = 2 parameters with h and R undefined functions (hbar the "
                                     "explicit linearisation); the quote's Dh(w_0)^T parses as D times h(w_0)'s "
                                     "transpose (the note declares D, the depth: the derivative reading needs D undeclared)",
    "kr.gunasekar.u_dynamics": "the quote defines the dynamics; the claim is that they are the gradient flow, checked as the "
                               "velocity's inner product with -grad f(U) being >= 0 (n = 2)",
    # an approximate or asymptotic relation stated with the limit or the constant it leaves implicit
    "kr.chizat.relative_change": "the quote's approximation 'for a small step' is checked as the ratio of Delta(F) to "
                                 "eta ||grad F(w0)||^2/F(w0) tending to 1 as eta -> 0",
    "kr.chizat.delta_dh": "the quote's Dh(w_0) and D^2 h(w_0) parse as products with D, the note's declared depth (Delta(D h), ||D^2 h(w_0)||); the "
                          "statement is on the norms the one-step simulation measures (Delta_Dh, ||grad F(w0)||, "
                          "||D^2 h(w0)||, ||Dh(w0)||)",
    "kr.chizat.lazy_criterion": "the quote is the criterion ||grad F||/F >> ||D^2 h||/||Dh||; the claim is what it guarantees "
                                "with the two estimates: Delta(F)/Delta(Dh) >= Lambda when the criterion's ratio is >= Lambda (the quote's "
                                "Dh(w_0) and D^2 h(w_0) also parse as products with D, the note's declared depth)",
    "kr.chizat.kappa_criterion": "the quote's kappa_h(w0) << 1 is checked as 1/kappa_h >= C Lambda, derived from the criterion "
                                 "with F = ||h - y*||^2/2 (Lambda the level of >>, C an absolute constant; the quote's Dh(w_0) and "
                                 "D^2 h(w_0) also parse as products with D, the note's declared depth)",
    "kr.remark_r.limits": "'Q = R for alpha -> 0 and alpha -> oo' is checked as the limits of Q/R along R's Lagrange "
                          "parametrisation (one coordinate) being 1",
    "kr.generalisation.sample_complexity": "the quote's N = Omega(r* log d) is a lower bound written with =; it is recorded "
                                           "(untestable) with its constant made explicit, N >= c r* log d (a reading of "
                                           "Omega(.) would keep the =)",
}
