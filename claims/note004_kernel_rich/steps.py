"""Note 004, proof steps and derived quantities (computed, never typed in)."""
from __future__ import annotations

import sympy as sp
from verify.maths.regimes import (h_depth_expr,
                                  q_expr, r_parametric)
from claims._lazy_setting import (DISPLACEMENT_BOUND, FSTAR, LEMMA2_FACTOR, TAU0, J0, L, f_0, f_star, f_t, kappa, sigma)
from verify.notation import Norm
from .setting import D, alpha, lam


# ---------------------------------------------------------------------------------------------
# proof steps and derived quantities (computed, never typed in)
# ---------------------------------------------------------------------------------------------
# Chizat's kappa on the one-dimensional model: kappa_g(w0) = |g(w0) - y*| |g''(w0)| / g'(w0)^2
w_ = sp.Symbol("w", positive=True)
ystar_ = sp.Symbol("y_star", real=True)
_h = sp.Function("h")


def kappa_of(g, at):
    return sp.Abs(g.subs(w_, at) - ystar_) * sp.Abs(sp.diff(g, w_, 2).subs(w_, at)) / sp.diff(g, w_).subs(w_, at) ** 2


w0_ = sp.Symbol("w_0", positive=True)
H0, H1, H2 = sp.Symbol("h_0", real=True), sp.Symbol("h_1", positive=True), sp.Symbol("h_2", real=True)
# a generic smooth h near w0 through its value and first two derivatives there
h_local = H0 + H1 * (w_ - w0_) + H2 / 2 * (w_ - w0_) ** 2
_chom = sp.Symbol("c_h", positive=True)
h_hom = _chom * w_**D                                                  # the D-homogeneous one-dimensional model

# Chizat's criterion ||grad F||/F >> ||D^2 h||/||Dh|| with R(y) = 1/2 ||y - y*||^2 (F = r^2/2 at w0) and the
# note's approximation ||grad F|| ~ ||Dh|| r: the criterion's ratio is a constant multiple of 1/kappa_h
_D1, _D2, _res0, Lam = sp.symbols("Dh D2h r_0 Lambda", positive=True)      # ||Dh||, ||D^2 h||, ||h - y*||, the ">>" level
KAPPA_H = _res0 * _D2 / _D1**2
_CRIT_RATIO = ((_D1 * _res0) / (_res0**2 / 2)) / (_D2 / _D1)
KAPPA_CRITERION_DERIVED = sp.Ge(1 / KAPPA_H, Lam / sp.simplify(_CRIT_RATIO * KAPPA_H))

# Theorem 2.4's C0 from note 000's proof lines: the displacement bound 8 kappa^{3/2} ||J|| ||alpha h(w0) - y*||
# / (alpha sigma^2) must stay below tau_0 = sigma/(2L); with ||h(w0)|| <= C and ||y*|| < alpha C the triangle
# inequality gives ||alpha h(w0) - y*|| < 2 alpha C.
_C = sp.Symbol("C", positive=True)
C0_NEEDED = sp.solve(sp.Eq(DISPLACEMENT_BOUND.subs(FSTAR, 2 * alpha * _C), TAU0), _C)[0]
C0_STATED = sigma**3 / (32 * kappa**sp.Rational(3, 2) * J0 * L)

# Theorem 2.4's rate, from note 000's Lemma 2 with lambda = sigma_min^2/4 (its proof's step)
RATE_DERIVED = sp.Le(Norm(alpha * f_t - f_star), LEMMA2_FACTOR.subs(lam, sigma**2 / 4) * Norm(alpha * f_0 - f_star))

# R_{alpha,1} for one coordinate in Lagrange form (lambda in (0, 1) for beta > 0), and Q in the same terms
lam_, _alpha_r, BETA_R, R_OF_LAMBDA = r_parametric()
s = sp.Symbol("s", positive=True)                  # s = 1 - lambda -> 0 is alpha -> 0 at fixed beta > 0
S_OF = sp.factor((BETA_R / _alpha_r**2).subs(lam_, 1 - s))        # beta / alpha^2
_R_OF = sp.factor((R_OF_LAMBDA / _alpha_r**2).subs(lam_, 1 - s))   # R / alpha^2
_S_SMALL = sp.factor(BETA_R / _alpha_r**2)                            # in lambda -> 0 (alpha -> oo)
_R_SMALL = sp.factor(R_OF_LAMBDA / _alpha_r**2)
# (arcsinh written as a logarithm for the alpha -> 0 limit, where SymPy's limit is faster in that form)
Q_OVER_R_RICH = q_expr(S_OF).rewrite(sp.log) / (S_OF * sp.factor(_R_OF / S_OF))
Q_OVER_R_KERNEL = q_expr(_S_SMALL) / _R_SMALL
# the order of R - |beta| in alpha as alpha -> 0 (beta = 1): R - |beta| = r/s' - 1 and alpha = s'^(-1/2),
# s' = beta/alpha^2, both in powers of s -> 0: the ratio of their leading exponents
R_GAP_EXPONENT = (sp.simplify(1 - _R_OF / S_OF).as_leading_term(s).as_coeff_exponent(s)[1]
                  / (1 / sp.sqrt(S_OF)).as_leading_term(s).as_coeff_exponent(s)[1])

# The order of Q^3_alpha(beta) - ||beta||_1 as alpha -> 0: q_D(y) - y = y (x - 1) - H_D(x) with y = h_D(x) and
# x = 1 - eps -> 1; if q_D(y) - y ~ y^(e1/e2) then alpha^D (q_D(beta/alpha^D) - beta/alpha^D) ~ alpha^(D (1 - e1/e2))
_eps, _v = sp.Symbol("epsilon", positive=True), sp.Symbol("v", real=True)
_y3 = h_depth_expr(1 - _eps, 3)
_H3 = sp.integrate(h_depth_expr(_v, 3), (_v, 0, 1 - _eps))             # H_3(x) = int_0^x h_3
_e1 = sp.simplify(-_eps * _y3 - _H3).as_leading_term(_eps).as_coeff_exponent(_eps)[1]
_e2 = sp.simplify(_y3).as_leading_term(_eps).as_coeff_exponent(_eps)[1]
DEPTH3_EXCESS_EXPONENT = 3 * (1 - _e1 / _e2)

# Gunasekar et al.: a 2 x 1 factor U(t) (n = 2, d = 1), one symmetric measurement A_1, r = <A_1, U U^T> - y
tt_ = sp.Symbol("t", real=True)
U_ = sp.Matrix(2, 1, [sp.Function(f"U{i}")(tt_) for i in (1, 2)])
_a11, _a12, _a22, _y1 = sp.symbols("a11 a12 a22 y1", real=True)
_A1 = sp.Matrix([[_a11, _a12], [_a12, _a22]])
Xu = U_ * U_.T
_res = sum((_A1.multiply_elementwise(Xu))) - _y1
Astar = _res * _A1
U_NOTE = Astar * U_                                                    # the note's U' = A*(r) U
U_GF = -Astar * U_                                                     # descent (time rescaled by 4)
_Us = sp.Matrix(2, 1, sp.symbols("u1 u2", real=True))
_f_U = (sum(_A1.multiply_elementwise(_Us * _Us.T)) - _y1) ** 2            # f(U) = ||A(U U^T) - y||^2
grad_f = sp.Matrix(2, 1, [sp.diff(_f_U, v) for v in _Us])
to_static = dict(zip(list(U_), list(_Us)))
