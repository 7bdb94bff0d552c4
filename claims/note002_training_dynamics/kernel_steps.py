"""Note 002, kernel regime: symbolic stand-ins of the network and the proof steps of Lemmas 11-12, Theorem 10 and the multi-layer section."""
from __future__ import annotations

import sympy as sp
from verify.notation import ReLU
from .setting import delta, lam, m, n, t
from .theorem8 import t_


# symbolic stand-ins of the network: n = 2 samples, one neuron (a; b in R^2)
_av, _b1, _b2 = sp.symbols("a b_1 b_2", real=True)
_xs = sp.Matrix(2, 2, sp.symbols("x_11 x_12 x_21 x_22", real=True))
_ys = sp.symbols("y_1 y_2", real=True)
_pre = [_b1 * _xs[r, 0] + _b2 * _xs[r, 1] for r in range(2)]
_fs = [_av * ReLU(p) for p in _pre]
_es = [_fs[r] - _ys[r] for r in range(2)]
_RISK = sum(e**2 for e in _es) / (2 * 2)
_PARAMS = [_av, _b1, _b2]
FLOW_020 = sp.Matrix([-sum(_es[r] * ReLU(_pre[r]) for r in range(2))]
                      + [-sum(_es[r] * _av * sp.Heaviside(_pre[r]) * _xs[r, c] for r in range(2)) for c in range(2)])
NEG_GRAD = -sp.Matrix([sp.diff(_RISK, p) for p in _PARAMS])

# a generic model theta = (theta_1(t), theta_2(t)), two samples f_i = F_i(theta), the flow theta' = -grad R_n
_T1, _T2 = sp.Function("theta_1")(t_), sp.Function("theta_2")(t_)
_F1, _F2 = sp.Function("F_1"), sp.Function("F_2")
_u1, _u2 = sp.symbols("u_1 u_2", real=True)


_FV = [_F1(_T1, _T2), _F2(_T1, _T2)]
EV = [_FV[0] - _ys[0], _FV[1] - _ys[1]]
# grad F_i(theta(t)) in the form SymPy's chain rule produces: the coefficients of theta_k'(t) in dF_i/dt
_GR = [[sp.diff(F, t_).coeff(sp.Derivative(T, t_)) for T in (_T1, _T2)] for F in _FV]
FLOW_THETA = {_T1: -sp.Rational(1, 2) * sum(EV[r] * _GR[r][0] for r in range(2)),
               _T2: -sp.Rational(1, 2) * sum(EV[r] * _GR[r][1] for r in range(2))}
GRAM_GEN = [[sum(_GR[r][c] * _GR[q][c] for c in range(2)) for q in range(2)] for r in range(2)]
INSTANCES_F = {_F1: sp.Lambda((_u1, _u2), sp.sin(_u1) * _u2 + _u1**2), _F2: sp.Lambda((_u1, _u2), sp.exp(_u2 / 3) - _u1 * _u2)}

# error dynamics e' = -G e for n = 2
E1, E2 = sp.Function("e_1")(t_), sp.Function("e_2")(t_)
_g11, _g12, _g22, mm, nn_ = sp.symbols("G_11 G_12 G_22 m n_", positive=True)
GM = sp.Matrix([[_g11, _g12], [_g12, _g22]])
EVEC = sp.Matrix([E1, E2])
FLOW_E = dict(zip([E1, E2], list(-GM * EVEC)))
FLOW_EK = dict(zip([E1, E2], list(-mm * GM * EVEC)))      # e' = -m K_hat e (K_hat has entries G_ij here)

# Gram matrix of f = sum_j a_j relu(b_j.x), m = 2 neurons, n = 2 inputs in R^2
_a2 = sp.symbols("a_1 a_2", real=True)
_B2 = sp.Matrix(2, 2, sp.symbols("b_11 b_12 b_21 b_22", real=True))
_pre2 = [[_B2[jj, 0] * _xs[ii, 0] + _B2[jj, 1] * _xs[ii, 1] for jj in range(2)] for ii in range(2)]
_f2 = [sum(_a2[jj] * ReLU(_pre2[ii][jj]) for jj in range(2)) for ii in range(2)]
_P2 = list(_a2) + list(_B2)
J2 = sp.Matrix([[sp.diff(_f2[ii], p) for p in _P2] for ii in range(2)])
KHAT2 = sp.Matrix(2, 2, lambda ii, qq: sp.Rational(1, 2) * sum(
    ReLU(_pre2[ii][jj]) * ReLU(_pre2[qq][jj]) + _a2[jj] ** 2 * sp.Heaviside(_pre2[ii][jj]) * sp.Heaviside(_pre2[qq][jj])
    * (_xs[ii, 0] * _xs[qq, 0] + _xs[ii, 1] * _xs[qq, 1]) for jj in range(2)))

# Lemma 11's width: epsilon = lambda/2 and n^2 e^{-2 m eps^2} = delta
L11_NEEDED = sp.expand_log(sp.solve(sp.Eq(n**2 * sp.exp(-2 * m * (lam / 2) ** 2), delta), m)[0], force=True)

# Lemma 12: dR/dt = (1/2n) d||e||^2/dt = -(m/n) e^T K_hat e <= -(m/n)(lambda/4)||e||^2 with ||e||^2 = 2n R
Rt = sp.Function("R", nonnegative=True)
LEMMA12_RATE = sp.simplify(-(m / n) * (lam / 4) * (2 * n))                 # dR/dt <= LEMMA12_RATE * R
LEMMA12_DERIVED = sp.dsolve(sp.Eq(sp.Derivative(Rt(t), t), LEMMA12_RATE * Rt(t)), Rt(t), ics={Rt(0): Rt(0)}).rhs

# Theorem 10's proof: gamma <= (gamma + sqrt m)/(m lambda), solved for gamma, leading order in m
gam = sp.Symbol("gamma", positive=True)
_GAMMA_SOL = sp.solve(sp.Eq(gam, (gam + sp.sqrt(m)) / (m * lam)), gam)[0]
GAMMA_DERIVED = sp.limit(_GAMMA_SOL * sp.sqrt(m), m, sp.oo) / sp.sqrt(m)
# kernel perturbation from 1-Lipschitz sigma: |relu(b'.x)relu(b'.y) - relu(b.x)relu(b.y)| <= D(2 + D), D = ||b'-b||,
# sum_s D_s <= sqrt(m) Gamma, sum_s D_s^2 <= Gamma^2 (Gamma = ||theta(t) - theta_0||); n^2 entries
Gam, Dn = sp.symbols("Gamma D", nonnegative=True)
_PER_NEURON = sp.expand(Dn * (2 + Dn))
_ENTRY = (_PER_NEURON.coeff(Dn, 1) * sp.sqrt(m) * Gam + _PER_NEURON.coeff(Dn, 2) * Gam**2) / m
KERNEL_DERIVED = n**2 * _ENTRY**2
F2K = sp.Symbol("F2_K", nonnegative=True)           # ||K_hat(theta(t)) - K_hat(theta_0)||_F^2
# Theorem 10's width; lambda_n(K) <= K_ii = E[relu(b.x_i)^2] = 1/(2d) <= 1/2 for unit x_i (b uniform on the sphere)
THM10_WIDTH = 10 * n * sp.log(2 * n**2 / delta) / lam**2
# the width the note's own bound needs: (n^2/m^2)(gamma + gamma^2) <= (lambda/8)^2 at gamma = 1
WIDTH_NEEDED = [r for r in sp.solve(sp.Eq(n**2 / m**2 * (1 + 1), (lam / 8) ** 2), m) if r.is_positive][0]


# Multi-layer section: (0.28) with lambda_n(G) >= m lambda_n(K)/2 on the ball gives d||e||^2/dt <= -m lambda ||e||^2,
# hence R_n(theta(t)) <= e^{-m lambda t} R_n(theta_0) (R_n = ||e||^2/(2n))
c_ml = sp.Symbol("c", positive=True)
_SQ_ML = sp.Function("E2", nonnegative=True)
ML_E2 = sp.dsolve(sp.Eq(sp.Derivative(_SQ_ML(t), t), -2 * (m * lam / 2) * _SQ_ML(t)), _SQ_ML(t), ics={_SQ_ML(0): 2 * n * Rt(0)}).rhs
ML_RATE_DERIVED = sp.simplify(ML_E2 / (2 * n))
