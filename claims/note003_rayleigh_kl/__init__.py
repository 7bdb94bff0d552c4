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
from verify import Claim, Correction, Statement, Verdict
from verify.checks import AtSizes, Derivation, Domain, Gronwall, Identity, Inequality, Probability, Simulation
from verify.notation import SuccEq
from verify.notation import LambdaMin, Prob, Quad, Rank, Rayleigh
from claims._sizes import along, canonical
from .setting import (A, C, D_t, G_L, G_ell, G_t, H_0, H_t, K, KL_SCALING, LEAST_SQUARES, LOGISTIC, L_0, L_sym, L_t,
                      NOTE, PHI0_LOG, SCALING, S_F, S_L, S_TH, delta, ell, eps, eta, f_star, f_theta, g, kappa, m,
                      mu, mu_sim, n, src, t, u, v, x)
from .ntk import DEFINITE_RHS, DEFINITE_SPACE, KAPPA_PL, PL_DERIVED, PROP_SPACE, RATE_GRONWALL, definite_pairs, prop_flows
from .desingularizer import (EXAMPLE_LOG_DERIVED, EXAMPLE_LOG_SPACE, EXAMPLE_RECIP_DERIVED, EXAMPLE_RECIP_SPACE, INV_LOG,
                             INV_RECIP, KL_SPACE, PHI_INV, PHI_LOG,
                             PHI_RECIP, exponential_instances, dphi_at, example_log_flows, example_recip_flows,
                             kl_flows, phi_at)
from .definite_ntk import NTK_SPACE, ntk_shapes
from .rayleigh import SYMMETRIC_SPACE, UNDERPARAMETERIZED_SPACE, symmetric_draws, underparameterized_flow
from .composition import COMPOSITION_SPACE, composition_points
from .logistic import (H_AT_ITS_INFIMUM, LOGISTIC_DERIVED, LOGISTIC_SPACE, PHI_CE, two_class_single_point,
                       logistic_flows)
from .two_layer import GRAM_SPACE, TWO_LAYER_SPACE, two_layer_init, two_layer_gram, two_layer_trials

# what the tests and the registry read from the package
__all__ = ["CLAIMS", "SYMBOLS", "STATED_IN_SYMPY", "A", "C", "H_t", "K", "L_0", "L_t", "NOTE", "SCALING", "eps", "exponential_instances", "f_star",
           "f_theta", "g", "kappa", "m", "mu", "mu_sim", "n", "t", "two_class_single_point", "two_layer_init",
           "underparameterized_flow", "x"]


# ---------------------------------------------------------------------------------------------
# symbolic stand-ins: undefined functions along a gradient flow
# ---------------------------------------------------------------------------------------------
_tt = sp.Symbol("t", real=True)
_BEYOND = {"n": (3,), "m": (4,)}          # n outputs, m parameters: the sizes beyond the derivations' n = 2, m = 3
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
_wn = sp.symbols("w1 w2", positive=True)       # the weights of a norm ||x||_V^2 = w1 x1^2 + w2 x2^2 of V = R^2

# softargmax with c classes (c = 3 for the derivation)
def _softargmax(c):
    u = sp.symbols(f"u1:{c + 1}", real=True)
    return [sp.exp(ui) / sum(sp.exp(uj) for uj in u) for ui in u]


_soft = _softargmax(3)



# the same families at other sizes, for AtSizes: n outputs, m parameters; d dimensions; k classes
class _Model:
    """F = (F_1, ..., F_n) of m parameters theta_j(t) (and as plain symbols), f*, L = ||F(theta) - f*||^2."""

    def __init__(self, n: int, m: int):
        th = [sp.Function(f"theta{i}")(_tt) for i in range(1, m + 1)]
        F = [sp.Function(f"F{i}") for i in range(1, n + 1)]
        fs = sp.symbols(f"fstar1:{n + 1}", real=True)
        Ft = [f(*th) for f in F]
        self.rt = sp.Matrix([Ft[i] - fs[i] for i in range(n)])
        self.Lt = (self.rt.T * self.rt)[0]
        self.DFt = sp.Matrix(n, m, lambda i, j: Ft[i].diff(th[j]))
        self.flow = {c: -self.Lt.diff(c) for c in th}
        self.ths = sp.symbols(f"theta1:{m + 1}", real=True)
        Fs = [f(*self.ths) for f in F]
        self.rs = sp.Matrix([Fs[i] - fs[i] for i in range(n)])
        self.DFs = sp.Matrix(n, m, lambda i, j: Fs[i].diff(self.ths[j]))
        fv = sp.symbols(f"f1:{n + 1}", real=True)
        ell = sp.Function("ell")
        self.ell_F = ell(*Fs)
        self.grad_ell = sp.Matrix([ell(*fv).diff(c) for c in fv]).subs(dict(zip(fv, Fs)))


def _gradient_at(n, m):
    M = _Model(n, m)
    return canonical(sp.Eq(sp.Matrix([(M.rs.T * M.rs)[0].diff(c) for c in M.ths]), 2 * M.DFs.T * M.rs, evaluate=False))


def _ntk_form_at(n, m):
    M = _Model(n, m)
    return along(sp.Eq(-sp.Derivative(M.Lt, _tt), 4 * (M.rt.T * M.DFt * M.DFt.T * M.rt)[0], evaluate=False), M.flow)


def _composition_at(n, m):
    M = _Model(n, m)
    return canonical(sp.Eq(sp.Matrix([M.ell_F.diff(c) for c in M.ths]), M.DFs.T * M.grad_ell, evaluate=False))


def _eigen_at(d):
    """A = V diag(lambda) V^T with V = (I - S)(I + S)^{-1} orthogonal (Cayley transform of a skew-symmetric S)."""
    S = sp.Matrix(d, d, lambda i, j: 0 if i == j else (1 if i < j else -1) * sp.Symbol(f"s{min(i, j) + 1}{max(i, j) + 1}", real=True))
    V = (sp.eye(d) - S) * (sp.eye(d) + S).inv()
    lam = sp.symbols(f"lambda1:{d + 1}", nonnegative=True)
    x = sp.Matrix(sp.symbols(f"x1:{d + 1}", real=True))
    A = V * sp.diag(*lam) * V.T
    cx = [(x.T * V[:, i])[0] for i in range(d)]
    return sp.Eq((x.T * A * x)[0] / (x.T * x)[0], sum(lam[i] * cx[i] ** 2 for i in range(d)) / sum(c**2 for c in cx),
                 evaluate=False)


def _simplex_sign_at(k):
    """-sum_i y_i log p_i >= 0 at p = (p_1, ..., p_{k-1}, 1 - p_1 - ... - p_{k-1}) in the simplex, y in R_+^k."""
    y = sp.symbols(f"y1:{k + 1}", positive=True)
    p = list(sp.symbols(f"p1:{k}", positive=True))
    last = 1 - sum(p)
    return Statement(sp.Ge(-sum(y[i] * sp.log(q) for i, q in enumerate([*p, last])), 0), assuming=[sp.Gt(last, 0)])


_y1, _y2, _f1p, _f2p = sp.symbols("y1 y2 f1 f2", positive=True)
_p1 = sp.Symbol("p1", positive=True)                    # a probability: a point of the simplex Delta_2 is (p1, 1 - p1)
_Phi_t = sp.Function("Phi")
_xw = sp.Symbol("x", real=True)

# the note's symbols, as its formulas spell them, for the statements parsed from its quotes
_Lcal, _H, _Fmap = sp.Function("Lcal"), sp.Function("H"), sp.Function("F")
_theta, _theta_t, _theta_0 = sp.symbols("theta theta_t theta_0", real=True)
SYMBOLS = {"mu": mu, "kappa": kappa, "epsilon": eps, "C": C, "t": t, "x": _xw, "m": m, "n": n, "delta": delta,
           "Lcal": _Lcal, "H": _H, "F": _Fmap, "theta": _theta, "theta_t": _theta_t, "theta_0": _theta_0}
# the loss along the flow, as the simulations give it
ALONG_FLOW = {_Lcal(_theta_t): L_t, _Lcal(_theta_0): L_0}
# the KL theorem: phi and phi^{-1} read as the power desingularizer family and its inverse; its quantifier t in R_+
# holds of the flow's time t (declared nonnegative), which the simulations sample
KL_THEOREM_QUOTE = r"\forall t \in \mathbb{R}_+, \quad \mathcal{L}(\theta_t) \leq \varphi^{-1} (\varphi(\mathcal{L}(\theta_0)) - \mu t)"
_kl = Statement.from_latex(KL_THEOREM_QUOTE, symbols=SYMBOLS)
KL_THEOREM_READ = {sp.Function("phi^-1"): PHI_INV, sp.Function("phi"): sp.Lambda(u, phi_at(u)), **ALONG_FLOW,
                   **{h: sp.true for h in _kl.assuming if isinstance(h, sp.Contains) and h.args[0] == t}}
del _kl

# ---------------------------------------------------------------------------------------------
# claims, in the note's order
# ---------------------------------------------------------------------------------------------
CLAIMS = [
    Claim(
        id="rq.setup.cross_entropy_range",
        title="Setup: the cross-entropy on Y = R_+^k is a loss into R_+",
        source=src("Context", r"Cross entropy ($\mathcal{Y} = \mathbb{R}_+^k$): $\ell : f \mapsto \mathbb{E}_{(x,y) \sim \mathcal{D}} [-\sum_i y_i \log(f_i(x))]$"),
        statement=Statement(sp.Ge(-_y1 * sp.log(_f1p) - _y2 * sp.log(_f2p), 0)),
        checks=(Inequality(sizes={"k": 2}, name="sign over R_+^2", domains={"y1": Domain(0, 2), "y2": Domain(0, 2),
                                                             "f1": Domain(1e-3, 10), "f2": Domain(1e-3, 10)}),),
        correction=Correction(
            Statement(sp.Ge(-_y1 * sp.log(_p1) - _y2 * sp.log(1 - _p1), 0), assuming=[sp.Lt(_p1, 1)]),   # (p1, 1 - p1) in the simplex
            checks=(Inequality(sizes={"k": 2}, name="sign over the simplex", domains={"y1": Domain(0, 2), "y2": Domain(0, 2),
                                                                       "p1": Domain(0, 1)}),
                    AtSizes(_simplex_sign_at, sizes={"k": (3, 4)}, name="sign over the simplex at k = 3, 4",
                            domains={**{f"y{i}": Domain(0, 2) for i in range(1, 5)}, **{f"p{i}": Domain(0, 1) for i in range(1, 4)}})),
            why="With f(x) anywhere in R_+^k, -sum_i y_i log f_i(x) < 0 as soon as f_i(x) > 1 where y_i > 0, and it is "
                "unbounded below, so l(f) = 0 is not the optimum; predictions in the simplex (as the logistic "
                "section uses, Delta_c) make it nonnegative. The scaling analysis finds the same error without a counterexample: "
                "log f_i(x) is not scale-free for f(x) in R_+^k (rescaling f by c shifts the loss by -(sum_i y_i) log c, "
                "so its sign depends on the unit of f), while a probability p_1 has no unit.",
            expected=Verdict.SUPPORTED),  # proved for k = 2; supported beyond (checked numerically at k = 3, 4)
        scaling=SCALING.with_dims({_y1: S_F, _y2: S_F, _f1p: S_F, _f2p: S_F, _p1: 1}),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="rq.prop.converges",
        title="Prop: K_{theta_t} >= mu > 0 for all t gives L(theta_t) -> 0 (via the proof's bound L(theta_0) e^{-kappa t})",
        source=src("Previously: infinite-width NTK", r"Prop: If $\exists \mu \in \mathbb{R}_+^*$, $\forall t \in \mathbb{R}_+$, $K_{\theta_t} \succeq \mu$, then $\mathcal{L}(\theta_t) \xrightarrow{t \rightarrow +\infty} 0$"),
        statement=Statement(sp.Eq(sp.Limit(L_0 * sp.exp(-kappa * t), t, sp.oo), 0, evaluate=False), where=KAPPA_PL),
        checks=(Identity(name="limit of the proof's bound"),),
        depends_on=("rq.prop.rate",),
        scaling=LEAST_SQUARES,
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.prop.flow_derivative",
        title="Prop proof: -d/dt L(theta) = grad L . grad L along the gradient flow",
        source=src("Previously: infinite-width NTK", r"-\partial_t \mathcal{L}(\theta) = -\nabla \mathcal{L}_\theta \cdot \partial_t \theta = \nabla \mathcal{L}_\theta \cdot \nabla \mathcal{L}_\theta"),
        statement=Statement(sp.Eq(-sp.Derivative(_Lg, _tt), (_gradg.T * _gradg)[0], evaluate=False)),
        checks=(Identity(name="chain rule along theta' = -grad L", flow=_FLOW2),),
        scaling=LEAST_SQUARES,
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.prop.gradient",
        title="Prop proof: grad L = 2 DF(theta)^T (f_theta - f*)",
        source=src("Previously: infinite-width NTK", r"\nabla \mathcal{L}_\theta = 2 \cdot DF(\theta)^T (f_\theta - f^*)"),
        statement=Statement(sp.Eq(sp.Matrix([(_rs.T * _rs)[0].diff(c) for c in _ths]), 2 * _DFs.T * _rs, evaluate=False)),
        checks=(Identity(sizes={"n": 2, "m": 3}, name="gradient of the least-squares loss"),
                AtSizes(_gradient_at, sizes=_BEYOND, name="gradient of the least-squares loss at n = 3, m = 4")),
        expected=Verdict.SUPPORTED,  # proved for n = 2, m = 3; supported beyond (checked numerically at n = 3, m = 4)
    ),
    Claim(
        id="rq.prop.ntk_form",
        title="Prop proof: -d/dt L = 4 (f_theta - f*)^T K_theta (f_theta - f*)",
        source=src("Previously: infinite-width NTK", r"-\partial_t \mathcal{L}(\theta) = 4(f_\theta - f^*)^T K_\theta (f_\theta - f^*)"),
        statement=Statement(sp.Eq(-sp.Derivative(_Lt, _tt), 4 * (_rt.T * _DFt * _DFt.T * _rt)[0], evaluate=False)),
        checks=(Identity(sizes={"n": 2, "m": 3}, name="chain rule along theta' = -grad L", flow=_FLOW3),
                AtSizes(_ntk_form_at, sizes=_BEYOND, name="chain rule along theta' = -grad L at n = 3, m = 4")),
        depends_on=("rq.prop.flow_derivative", "rq.prop.gradient"),
        scaling=LEAST_SQUARES,
        expected=Verdict.SUPPORTED,  # proved for n = 2, m = 3; supported beyond (checked numerically at n = 3, m = 4)
    ),
    Claim(
        id="rq.prop.definite_bound",
        title="Prop proof: K_theta >= mu gives 4 (f - f*)^T K (f - f*) >= 4 mu ||f - f*||^2",
        source=src("Previously: infinite-width NTK", r"\geq 4\mu \|f_\theta - f^*\|_2^2"),
        statement=Statement(sp.Ge(4 * Quad(K, f_theta - f_star, f_theta - f_star), DEFINITE_RHS),
                            assuming=[sp.Ge(LambdaMin(K), mu)]),
        checks=(Simulation(definite_pairs, name="random PSD matrices", configurations=DEFINITE_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.prop.pl",
        title="Prop proof: therefore -d/dt L >= kappa L (kappa never defined)",
        source=src("Previously: infinite-width NTK", r"Therefore $-\partial_t \mathcal{L}(\theta) \geq \kappa \mathcal{L}(\theta)$"),
        # -d/dt L(theta) and L(theta) along the flow, as the line before gives them (D_t, L)
        statement=Statement.from_quote(SYMBOLS, where={sp.Derivative(_Lcal(_theta), t, evaluate=False): -D_t,
                                                       _Lcal(_theta): L_sym}),
        checks=(Derivation(name="the line before, with L = ||f_theta - f*||^2", derived=PL_DERIVED),),
        depends_on=("rq.prop.definite_bound",),
        correction=Correction(
            Statement(sp.Ge(D_t, kappa * L_sym), where=KAPPA_PL),
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
        statement=Statement.from_quote(SYMBOLS, assuming=[sp.Gt(mu_sim, 0)], where={**KAPPA_PL, **ALONG_FLOW}),
        checks=(Simulation(prop_flows, name="least-squares gradient flow", configurations=PROP_SPACE),
                Derivation(name="Gronwall on -dL/dt >= kappa L", derived=sp.Le(L_t, RATE_GRONWALL))),
        depends_on=("rq.prop.pl",),
        scaling=LEAST_SQUARES,
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.kl.theorem",
        title="KL theorem: d phi_L(grad L . grad L) >= mu on U gives L(theta_t) <= phi^{-1}(phi(L(theta_0)) - mu t)",
        source=src("Kurdyka's desingularizer", KL_THEOREM_QUOTE),
        statement=Statement.from_quote(SYMBOLS, assuming=[sp.Ge(dphi_at(L_t) * G_t, mu)], where=KL_THEOREM_READ),
        checks=(Simulation(kl_flows, name="gradient flows of power and exponential losses", configurations=KL_SPACE),),
        depends_on=("rq.kl.proof_chain_rule", "rq.kl.proof_integrate"),
        scaling=KL_SCALING,
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.kl.example_log",
        title="KL example: ||grad L||^2 >= L (phi = log) gives L(theta_t) <= L(theta_0) e^{-t}",
        source=src("Kurdyka's desingularizer", r"Ex: $\|\nabla \mathcal{L}\|_2^2 \geq \mathcal{L}$ for $\varphi = \log$"),
        statement=Statement(sp.Le(L_t, INV_LOG(PHI_LOG.subs(u, L_0) - t)), assuming=[sp.Ge(G_t, L_t)]),
        checks=(Simulation(example_log_flows, name="gradient flows of quadratic losses", configurations=EXAMPLE_LOG_SPACE),
                Derivation(name="comparison ODE L' = -L", derived=sp.Le(L_t, EXAMPLE_LOG_DERIVED))),
        depends_on=("rq.kl.theorem",),
        scaling=SCALING.fixing(S_TH, S_L, why="the example normalises the KL constant to mu = 1 (||grad L||^2 >= L, Section \"Kurdyka's desingularizer\"), which fixes the time unit [theta]^2/[L]"),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.kl.example_recip",
        title="KL example: ||grad L||^2 >= L^2 (phi = -1/u) gives L(theta_t) <= 1/(1/L(theta_0) + t)",
        source=src("Kurdyka's desingularizer", r"or $\|\nabla \mathcal{L}\|_2^2 \geq \mathcal{L}^2$ for $\varphi(u) = -1/u$"),
        statement=Statement(sp.Le(L_t, INV_RECIP(PHI_RECIP.subs(u, L_0) - t)), assuming=[sp.Ge(G_t, L_t**2)]),
        checks=(Simulation(example_recip_flows, name="gradient flows of exponential losses",
                           configurations=EXAMPLE_RECIP_SPACE),
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
                                  evaluate=False)),
        checks=(Identity(name="chain rule along theta' = -grad L", flow=_FLOW2),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rq.kl.proof_integrate",
        title="KL proof: integrating -d/dt (phi o L) >= mu on [0, t] gives phi(L(theta_t)) <= phi(L(theta_0)) - mu t",
        source=src("Kurdyka's desingularizer (proof)", r"Then integrate on the interval $I = [0, t]$"),
        statement=Statement(sp.Le(_Phi_t(t), _Phi_t(0) - mu * t), assuming=[sp.Le(sp.Derivative(_Phi_t(t), t), -mu)]),
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
        checks=(Simulation(ntk_shapes, name="random Jacobians, n outputs, m = 1..2n", configurations=NTK_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.ntk.definite_needs_overparam",
        title="Definite NTK implies overparameterization: K_theta >= mu > 0 => m >= n",
        source=src("The problem with definite-NTK assumptions", r"(K_\theta \succeq \mu > 0) \Rightarrow (m \geq n)"),
        # the implication states m >= n under its premise; the Loewner order K_theta >= mu (I) is read as
        # lambda_min(K) >= mu on the simulated K = DF DF^T
        statement=Statement.from_quote({**SYMBOLS, "K_theta": K}, where={SuccEq(K, mu): sp.Ge(LambdaMin(K), mu)}),
        checks=(Simulation(ntk_shapes, name="random Jacobians, n outputs, m = 1..2n", configurations=NTK_SPACE),),
        depends_on=("rq.ntk.rank",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.rayleigh.eigen_formula",
        title="Rayleigh quotient of a symmetric form in its orthonormal eigenbasis, for the norm of the normed space V",
        source=src("Reminder: Rayleigh quotients", r"\mathcal{R}(A; x, x) = \frac{\sum_i \lambda_i \langle x, v_i \rangle^2}{\sum_i \langle x, v_i \rangle^2}"),
        # the note's R(A; x, x) = A(x, x) / ||x||_V^2 for (V, ||.||_V) any normed space, the v_i orthonormal for an
        # inner product <.,.> on V: here ||x||_V^2 = w_1 x_1^2 + w_2 x_2^2 (a norm of R^2 for w_1, w_2 > 0)
        statement=Statement(sp.Eq((_x.T * _Amat * _x)[0] / (_wn[0] * _x[0] ** 2 + _wn[1] * _x[1] ** 2),
                                  (_lam[0] * _cx[0] ** 2 + _lam[1] * _cx[1] ** 2) / (_cx[0] ** 2 + _cx[1] ** 2), evaluate=False)),
        checks=(Identity(sizes={"d": 2}, name="eigen-expansion, for a norm of V"),),
        correction=Correction(
            Statement(sp.Eq((_x.T * _Amat * _x)[0] / (_x.T * _x)[0],
                            (_lam[0] * _cx[0] ** 2 + _lam[1] * _cx[1] ** 2) / (_cx[0] ** 2 + _cx[1] ** 2), evaluate=False)),
            checks=(Identity(sizes={"d": 2}, name="eigen-expansion (Cayley-parametrised eigenbasis)"),
                    AtSizes(_eigen_at, sizes={"d": (3, 4)}, name="eigen-expansion at d = 3, 4 (Cayley transform of a skew matrix)")),
            why="The denominator sum_i <x, v_i>^2 is <x, x> (Parseval in the orthonormal eigenbasis), which is ||x||_V^2 only when "
                "the norm of V is the one induced by the inner product <.,.>; the note takes (V, ||.||_V) any normed space. "
                "With ||x||_V induced by <.,.> the formula holds (and the quotient is a convex combination of the eigenvalues).",
            expected=Verdict.SUPPORTED),  # proved for d = 2; supported beyond (checked numerically at d = 3, 4)
        kind="hypothesis",
        kind_why="the formula needs the norm of V to be the one induced by the inner product the eigenvectors are "
                 "orthonormal for, a hypothesis the note does not state; the correction adds it (the engine sees a "
                 "changed denominator, not a changed hypothesis)",
        scaling=SCALING.with_dims({_a: 1, _lam[0]: S_F**2 / S_TH**2, _lam[1]: S_F**2 / S_TH**2, _x[0]: S_F, _x[1]: S_F,
                                   _wn[0]: 1, _wn[1]: 1}),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="rq.rayleigh.convex_combination",
        title="Convex combination of eigenvalues: lambda_min(A) <= R(A; x, x) <= lambda_max(A)",
        source=src("Reminder: Rayleigh quotients", r"Convex combination of eigenvalues!"),
        statement=Statement(sp.And(sp.Ge(Rayleigh(A, x, x), LambdaMin(A)), sp.Le(Rayleigh(A, x, x), -LambdaMin(-A)))),
        checks=(Simulation(symmetric_draws, name="random symmetric forms", configurations=SYMMETRIC_SPACE),),
        depends_on=("rq.rayleigh.eigen_formula",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.rayleigh.weaker",
        title="Rayleigh bounds are weaker than definiteness: K >= mu gives R(K; v, v) >= mu in every direction",
        source=src("Reminder: Rayleigh quotients", r"Rayleigh bounds are strictly weaker than positive-definiteness."),
        statement=Statement(sp.Ge(Rayleigh(K, v, v), mu), assuming=[sp.Ge(LambdaMin(K), mu)]),
        checks=(Simulation(definite_pairs, name="random PSD matrices", configurations=DEFINITE_SPACE),),
        depends_on=("rq.rayleigh.convex_combination",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.rayleigh.strictly",
        title="... strictly: an underparameterized flow keeps R(K; grad l, grad l) >= mu > 0 while lambda_min(K) = 0 < mu",
        source=src("Reminder: Rayleigh quotients", r"Rayleigh bounds are strictly weaker than positive-definiteness."),
        statement=Statement(sp.And(sp.Ge(Rayleigh(K, g, g), mu_sim), sp.Lt(LambdaMin(K), mu_sim)), assuming=[sp.Gt(mu_sim, 0)]),
        checks=(Simulation(underparameterized_flow, name="linear least squares, m < n", configurations=UNDERPARAMETERIZED_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.composition.theorem",
        title="KL by composition: l KL (constant 1) and R(K_theta; grad l, grad l) >= mu give L = l o F KL with constant mu",
        source=src("Kurdyka-Łojasiewicz inequalities by composition", r"Then $\mathcal{L} = (\ell \circ F) : \Theta \rightarrow \mathbb{R}_+$ satisfies the KL inequality"),
        statement=Statement(sp.Ge(dphi_at(L_sym) * G_L, mu),
                            assuming=[sp.Ge(dphi_at(ell) * G_ell, 1), sp.Ge(Rayleigh(K, g, g), mu)]),
        checks=(Simulation(composition_points, name="smooth models R^m -> R^n (m < n) under two KL losses",
                           configurations=COMPOSITION_SPACE),),
        depends_on=("rq.composition.chain_rule", "rq.rayleigh.weaker"),
        scaling=SCALING.fixing(S_F, S_L, why="l is normalised to KL constant 1 (Section \"Kurdyka-Lojasiewicz inequalities by composition\": d phi_l(f)(grad l . grad l) >= 1), which ties [f] to [L]^((p+1)/2); and " + PHI0_LOG),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.composition.chain_rule",
        title="Composition proof: grad L_theta = DF(theta)^T grad l_{F(theta)}",
        source=src("Kurdyka-Łojasiewicz inequalities by composition", r"chain rule $\nabla \mathcal{L}_\theta = DF(\theta)^T \nabla \ell_{F(\theta)}$"),
        statement=Statement(sp.Eq(sp.Matrix([_ell(*_Fs).diff(c) for c in _ths]), _DFs.T * _grad_ell, evaluate=False)),
        checks=(Identity(sizes={"n": 2, "m": 3}, name="chain rule"),
                AtSizes(_composition_at, sizes=_BEYOND, name="chain rule at n = 3, m = 4")),
        expected=Verdict.SUPPORTED,  # proved for n = 2, m = 3; supported beyond (checked numerically at n = 3, m = 4)
    ),
    Claim(
        id="rq.logistic.simplex",
        title="Logistic regression: softargmax(theta x) lies in Delta_c (its entries sum to 1)",
        source=src("Result teaser: logistic regression", r"Logistic¹ regression with linear models: $F : \mathbb{R}^{c \times d} \rightarrow (\mathcal{X} \rightarrow \Delta_c)$"),
        statement=Statement(sp.Eq(sum(_soft), 1, evaluate=False)),
        checks=(Identity(sizes={"c": 3}, name="normalisation"),
                AtSizes(lambda c: sp.Eq(sum(_softargmax(c)), 1, evaluate=False), sizes={"c": (4, 10)},
                        name="normalisation at c = 4, 10")),
        expected=Verdict.SUPPORTED,  # proved for c = 3; supported beyond (checked numerically at c = 4, 10)
    ),
    Claim(
        id="rq.logistic.bound",
        title="Logistic regression: H(F(theta_t)) <= log(1 / W_0(exp(kappa^2 eps^2 t - C)))",
        source=src("Result teaser: logistic regression", r"H(F(\theta_t)) \leq \log \left(\frac{1}{W_0(\exp(\kappa^2 \varepsilon^2 t - C))} \right)"),
        # the cross-entropy of the flow's predictions, as the simulations give it
        statement=Statement.from_quote(SYMBOLS, where={_H(_Fmap(_theta_t)): H_t}),
        checks=(Simulation(logistic_flows, name="gradient flow of the cross-entropy", configurations=LOGISTIC_SPACE),
                Inequality(name="range of the cross-entropy (H >= 0)", domains=H_AT_ITS_INFIMUM),
                Derivation(name="KL with the cross-entropy desingularizer", derived=LOGISTIC_DERIVED)),
        depends_on=("rq.kl.theorem", "rq.composition.theorem"),
        correction=Correction(
            Statement(sp.Le(H_t, LOGISTIC_DERIVED.rhs), assuming=[sp.Ge(C, PHI_CE.subs(u, H_0))]),
            checks=(Simulation(logistic_flows, name="gradient flow of the cross-entropy", configurations=LOGISTIC_SPACE),
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
        statement=Statement.from_quote(SYMBOLS),
        checks=(Identity(name="defining equation (mpmath at 50 digits)", domains={"x": Domain(-float(np.exp(-1.0)), 1e3)}),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.two_layer.convergence",
        title="Two-layer networks: for some m, w.p. 1 - delta the flow's loss tends to eta < eps (illustration)",
        source=src("Result teaser: two-layer networks", r"\mathcal{L}(\theta_t) \xrightarrow{t \rightarrow +\infty} \eta < \varepsilon"),
        statement=Statement(sp.Ge(Prob(sp.Lt(eta, eps)), 1 - delta)),
        checks=(Probability(two_layer_trials, name="tanh networks, sin(pi s) on [-1, 1], m = 6", configurations=TWO_LAYER_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rq.two_layer.underparameterized",
        title="Two-layer networks: infinite support, no over-parameterization (the NTK Gram on 40 inputs has rank <= 3m = 18)",
        source=src("Result teaser: two-layer networks", r"Even if \mathcal{D} has infinite support: no over-parameterization here."),
        statement=Statement(sp.Le(Rank(K), 3 * m)),
        checks=(Simulation(two_layer_gram, name="tanh networks at initialisation, m = 1..13", configurations=GRAM_SPACE),),
        depends_on=("rq.ntk.rank",),
        expected=Verdict.SUPPORTED,
    ),
]


# the claims still stated in SymPy although their quotes parse, and why (tests/notes/test_statements_from_quotes.py)
STATED_IN_SYMPY: dict[str, str] = {
    # the quote defines or assumes; the claim is what follows
    "rq.setup.cross_entropy_range": "the quote defines the loss l(f) = E[-sum_i y_i log f_i(x)] on Y = R_+^k; the claim is "
                                    "that it maps into R_+, -y_1 log f_1 - y_2 log f_2 >= 0 (k = 2)",
    "rq.kl.example_log": "the quote is the example's hypothesis ||grad L||^2 >= L; the claim is the bound "
                         "L(theta_t) <= L(theta_0) e^{-t} the KL theorem gives from it with phi = log",
    "rq.kl.example_recip": "the quote is the example's hypothesis ||grad L||^2 >= L^2; the claim is the bound "
                           "L(theta_t) <= 1/(1/L(theta_0) + t) the KL theorem gives from it with phi(u) = -1/u",
    "rq.kl.proof_integrate": "the quote names the interval I = [0, t]; the claim is the integrated inequality "
                             "phi(L(theta_t)) <= phi(L(theta_0)) - mu t, from -d/dt phi(L(theta_t)) >= mu",
    "rq.composition.theorem": "the quote says in words that L = l o F 'satisfies the KL inequality'; the claim is that "
                              "inequality, d phi_L(grad L . grad L) >= mu, under l's (constant 1) and the Rayleigh bound",
    "rq.prop.converges": "the quote's limit L(theta_t) -> 0 is checked through the proof's bound: "
                         "lim_{t -> oo} L(theta_0) e^{-kappa t} = 0, kappa = 4 mu (the bound is rq.prop.rate)",
    # the quote's hypothesis, or the probability it leaves implicit, is part of its relation here
    "rq.two_layer.convergence": "the statement is the probability over the initialisation that the quote leaves implicit: "
                                "Prob(eta < eps) >= 1 - delta, eta the limit of the loss along the flow",
    # checked at explicit sizes: the quote's vectors, matrices and sums have no size
    "rq.prop.flow_derivative": "the chain is checked for L an undefined function of two parameters along theta' = -grad L, "
                               "its two links at once (-dL/dt = grad L . grad L)",
    "rq.prop.gradient": "checked for n = 2 outputs and m = 3 parameters with F undefined (numerically at n = 3, m = 4); "
                        "the quote parses with DF(theta)^T the transposed Jacobian of F, but as a product of commuting "
                        "scalars (the entrywise identity needs F's components, which the quote's symbols do not name)",
    "rq.prop.ntk_form": "checked for n = 2, m = 3 along theta' = -grad L, with K_theta = DF DF^T written out "
                        "(numerically at n = 3, m = 4)",
    "rq.composition.chain_rule": "checked for n = 2, m = 3 with l and F undefined (numerically at n = 3, m = 4); the quote "
                                 "parses with DF(theta)^T the transposed Jacobian of F, as a product of commuting scalars",
    "rq.rayleigh.eigen_formula": "checked for d = 2 with an explicit orthonormal eigenbasis (Cayley parametrisation) and a "
                                 "norm of V with weights w_1, w_2 (the note's any normed space); the quote's sums have no size",
    "rq.ntk.rank": "the quote's 'has rank <= m' is text; the claim is rank(K_theta) <= m on simulated Jacobians (the quote's "
                   "DF(theta) DF(theta)^T parses as the Jacobian of F times its transpose)",
    "rq.kl.proof_chain_rule": "the parser cannot read the differential d phi_{L(theta)}; the chain rule is checked for L "
                              "an undefined function of two parameters along theta' = -grad L",
    "rq.logistic.simplex": "the quote is F's type, R^{c x d} -> (X -> Delta_c); the claim is what it says of softargmax, "
                           "that its entries sum to 1 (c = 3, numerically at c = 4, 10)",
    # prose
    "rq.two_layer.underparameterized": "the quote is prose (its one backslash, \\mathcal{D}, makes it look like a "
                                       "formula); the claim is the Gram matrix's rank, rank(K) <= 3m",
}
