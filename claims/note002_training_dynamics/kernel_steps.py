"""Note 002, kernel regime: symbolic stand-ins of the network and the proof steps of Lemmas 11-12, Theorem 10 and the multi-layer section."""
from __future__ import annotations

import sympy as sp
from verify.notation import ReLU
from .setting import delta, lam, m, n, t
from .theorem8 import t_
from claims._sizes import along


# symbolic stand-ins of the network: n = 2 samples, one neuron (a; b in R^2); built by size so that
# AtSizes can evaluate the same families at larger sizes
def one_neuron(n: int, d: int):
    """f(x) = a relu(b.x) at n samples x_i in R^d: the flow (0.20) and -grad R_n, R_n = (1/2n) sum_i e_i^2."""
    a = sp.Symbol("a", real=True)
    bv = sp.symbols(f"b_1:{d + 1}", real=True)
    xs = sp.Matrix(n, d, lambda i, k: sp.Symbol(f"x_{i + 1}{k + 1}", real=True))
    ys = sp.symbols(f"y_1:{n + 1}", real=True)
    pre = [sum(bv[k] * xs[r, k] for k in range(d)) for r in range(n)]
    es = [a * ReLU(p) - ys[r] for r, p in enumerate(pre)]
    risk = sum(e**2 for e in es) / (2 * n)
    flow = sp.Matrix([-sum(es[r] * ReLU(pre[r]) for r in range(n))]
                     + [-sum(es[r] * a * sp.Heaviside(pre[r]) * xs[r, c] for r in range(n)) for c in range(d)])
    return flow, -sp.Matrix([sp.diff(risk, p) for p in [a, *bv]])


FLOW_020, NEG_GRAD = one_neuron(2, 2)


def gd_flow_at(n: int, d: int):
    """(0.20) with 1/n is the flow of R_n, at n samples in R^d."""
    flow, neg_grad = one_neuron(n, d)
    return sp.Eq(flow / n, neg_grad, evaluate=False)


# a generic model theta = (theta_1(t), theta_2(t)), n samples f_i = F_i(theta), the flow theta' = -grad R_n
class ErrorModel:
    """e_i = F_i(theta_1(t), ..., theta_p(t)) - y_i at n samples; grad F_i in the form SymPy's chain rule
    produces (the coefficients of theta_k'(t) in dF_i/dt); the flow theta' = -(1/n) sum_i e_i grad F_i."""

    def __init__(self, n: int, p: int):
        self.T = [sp.Function(f"theta_{k}")(t_) for k in range(1, p + 1)]
        self.F = [sp.Function(f"F_{i}") for i in range(1, n + 1)]
        ys = sp.symbols(f"y_1:{n + 1}", real=True)
        fv = [F(*self.T) for F in self.F]
        self.e = [fv[i] - ys[i] for i in range(n)]
        self.grad = [[sp.diff(F, t_).coeff(sp.Derivative(T, t_)) for T in self.T] for F in fv]
        self.flow = {self.T[k]: -sp.Rational(1, n) * sum(self.e[r] * self.grad[r][k] for r in range(n)) for k in range(p)}
        self.gram = [[sum(self.grad[r][c] * self.grad[q][c] for c in range(p)) for q in range(n)] for r in range(n)]
        self.n = n

    def error_dynamics(self, factor):
        """de_1/dt = -factor sum_q G_1q e_q"""
        return sp.Eq(sp.Derivative(self.e[0], t_), -factor * sum(self.gram[0][q] * self.e[q] for q in range(self.n)),
                     evaluate=False)


_GEN = ErrorModel(2, 2)
(_T1, _T2), (_F1, _F2) = _GEN.T, _GEN.F
_u1, _u2 = sp.symbols("u_1 u_2", real=True)
EV, FLOW_THETA, GRAM_GEN = _GEN.e, _GEN.flow, _GEN.gram
INSTANCES_F = {_F1: sp.Lambda((_u1, _u2), sp.sin(_u1) * _u2 + _u1**2), _F2: sp.Lambda((_u1, _u2), sp.exp(_u2 / 3) - _u1 * _u2)}


def error_dynamics_at(n: int):
    """de_1/dt = -(1/n) sum_q G_1q e_q along the 1/n flow, at n samples (two parameters), flow substituted."""
    model = ErrorModel(n, 2)
    return along(model.error_dynamics(sp.Rational(1, n)), model.flow)


# error dynamics e' = -G e (and e' = -m K_hat e)
mm, nn_ = sp.symbols("m n_", positive=True)


def errors(n: int):
    """e_1(t), ..., e_n(t) and a symmetric G (entries G_ij)"""
    e = sp.Matrix([sp.Function(f"e_{i}")(t_) for i in range(1, n + 1)])
    G = sp.Matrix(n, n, lambda a, b: sp.Symbol(f"G_{min(a, b) + 1}{max(a, b) + 1}", positive=True))
    return e, G


def energy_at(n: int):
    """(0.23) at n samples along e' = -G e"""
    e, G = errors(n)
    return along(sp.Eq(sp.Derivative((e.T * e)[0], t_), -2 * (e.T * G * e)[0], evaluate=False), dict(zip(e, list(-G * e))))


def lemma12_chain_at(n: int):
    """Lemma 12's chain at n entries along e' = -m K_hat e"""
    e, G = errors(n)
    return along(sp.Eq(sp.Derivative((e.T * e)[0], t_) / (2 * nn_), -(mm / nn_) * (e.T * G * e)[0], evaluate=False),
                 dict(zip(e, list(-mm * G * e))))


_E, GM = errors(2)
E1, E2 = _E
EVEC = sp.Matrix([E1, E2])
FLOW_E = dict(zip([E1, E2], list(-GM * EVEC)))
FLOW_EK = dict(zip([E1, E2], list(-mm * GM * EVEC)))      # e' = -m K_hat e (K_hat has entries G_ij here)


# Gram matrix of f = sum_j a_j relu(b_j.x), m neurons, n inputs in R^d
def two_layer_gram(n: int, m_: int, d: int):
    """J J^T and K_hat (times m) for f = sum_j a_j relu(b_j.x) at n inputs in R^d and m neurons."""
    a = sp.symbols(f"a_1:{m_ + 1}", real=True)
    B = sp.Matrix(m_, d, lambda j, k: sp.Symbol(f"b_{j + 1}{k + 1}", real=True))
    xs = sp.Matrix(n, d, lambda i, k: sp.Symbol(f"x_{i + 1}{k + 1}", real=True))
    pre = [[sum(B[j, k] * xs[i, k] for k in range(d)) for j in range(m_)] for i in range(n)]
    f = [sum(a[j] * ReLU(pre[i][j]) for j in range(m_)) for i in range(n)]
    J = sp.Matrix([[sp.diff(f[i], p) for p in list(a) + list(B)] for i in range(n)])
    khat = sp.Matrix(n, n, lambda i, q: sp.Rational(1, m_) * sum(
        ReLU(pre[i][j]) * ReLU(pre[q][j]) + a[j] ** 2 * sp.Heaviside(pre[i][j]) * sp.Heaviside(pre[q][j])
        * sum(xs[i, k] * xs[q, k] for k in range(d)) for j in range(m_)))
    return J, khat


def gram_at(n: int, m: int, d: int):
    J, khat = two_layer_gram(n, m, d)
    return sp.Eq(J * J.T, m * khat, evaluate=False)


J2, KHAT2 = two_layer_gram(2, 2, 2)

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
