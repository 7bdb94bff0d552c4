"""Note 000: "Convergence of gradient flow under overparameterization" (lazy training).

One claim per checkable statement, in the note's order and with its symbols, each encoded as written.
The note writes the condition number kappa = nu/mu where the scale alpha belongs in several places and
n (samples) where m (width) belongs in the Gram-matrix remark and Lemma 3; the checks below find this
(the encodings keep the note's symbols), and each flagged claim carries a checked correction.

Conventions where the note is silent, stated once:
- Numeric instances of the theorem use f(w) = A w + (beta/2)(B w)^2 (a smooth model whose Jacobian is
  Lipschitz with a computable L, f(0) = 0 as under the symmetric initialisation) and the quadratic loss
  g(z) = 1/2 (z - f*)^T H (z - f*) whose Hessian H has extreme eigenvalues mu and nu.
- The Gram-matrix remark writes [J J^T]_ij = x_i.x_j sum_k sigma'(.)sigma'(.) with no c_k: that is the
  two-layer ReLU network with c_k = +-1, which we use (symmetric initialisation: neurons in pairs).
"""
from __future__ import annotations

import sympy as sp
from verify import Claim, Correction, Statement, Verdict
from verify.checks import (AtSizes, Derivation, Domain, Gronwall, Identity, Inequality, MonteCarlo, OrderFit, Probability,
                           Setting, Simulation, Untestable)
from verify.notation import LambdaMin, MatVec, MaxEntry, Norm, OpNorm, Prob, order_at
from verify.notation import Grad, SupOver
from claims._lazy_setting import (ALPHA_NEEDED, BOUND_CORRECTED, DISPLACEMENT_BOUND, FOLD_SPACE, FSTAR, KAPPA, LEMMA2_FACTOR, M,
                                  M_STATED, TAU0, THRESHOLD_CORRECTED, J0, L, alpha, f_0, f_star, f_t,
                                  SETTING_FACTS, THEOREM_SPACE, fold_flow, kappa, lam, mu, nu, sigma, t, theorem_flow)
from .setting import (C, G, GRAM_SCALING, JJt_w, J_0, K, LEMMA3_SCALING, NOTE, SCALING, delta, gbar_z, grad_g,
                      lam0, m, n, r0, s, s_w, src, tau0, w, w_0, w_t, wdot, z, z_0, z_star, z_t)
from .theorem import DISPLACEMENT_SPACE, GRADIENT_FLOW, INSTANCES, ball_flow, f_, fp, gp, tt_, w_, displacement
from .lemma1 import LEMMA1_SPACE, lemma1_samples
from .lemma2 import LEMMA2_SPACE, LOGCOSH_SPACE, lemma2_flow, logcosh_losses
from .remarks import GRAM_SPACE, RELU_SPACE, gram_average, relu_init
from .lemma3 import ENTRY_BOUND, FROB_BOUND, HOEFFDING, L3_SPACE, M_NEEDED, lemma3_draws

# what the tests and the registry read from the package
__all__ = ["CLAIMS", "SYMBOLS", "STATED_IN_SYMPY", "NOTE", "SCALING"]


# ---------------------------------------------------------------------------------------------
# claims, in the note's order
# ---------------------------------------------------------------------------------------------
_a = sp.Matrix(sp.symbols("a1:4", real=True))
_b = sp.Matrix(sp.symbols("b1:4", real=True))



def _chain_rule(n: int, flowed: bool = False):
    """d/dt g(z(t)) = -grad g^T Q grad g along z' = -Q grad g, for z in R^n (Q symmetric): the relation and the
    flow; ``flowed`` substitutes the flow into the left-hand side (for the numeric check at larger n)."""
    zs = [sp.Function(f"z{r}")(tt_) for r in range(1, n + 1)]
    Q = sp.Matrix(n, n, lambda a, b: sp.Symbol(f"q{min(a, b) + 1}{max(a, b) + 1}", real=True))
    g = sp.Function("g")(*zs)
    grad = sp.Matrix([g.diff(v) for v in zs])
    flow = dict(zip(zs, list(-Q * grad)))
    lhs = sp.Derivative(g, tt_)
    if flowed:
        lhs = lhs.doit().subs({sp.Derivative(z, tt_): f for z, f in flow.items()})
    return sp.Eq(lhs, -(grad.T * Q * grad)[0], evaluate=False), flow


_chain_rule_2, _zflow = _chain_rule(2)

# general forms, for every dimension: entrywise over symbolic indices (i and q summed; j and k free, in range by
# hypothesis), and matrix symbols
_dim, _rows, _cols = sp.symbols("d_v n p", integer=True, positive=True)
_i = sp.Symbol("i", integer=True)
_j, _k = sp.symbols("j k", integer=True, positive=True)
_vi, _zi, _ai, _bi = (sp.IndexedBase(name, real=True) for name in ("v", "z", "a", "b"))
_sq_general = sp.Sum((_vi[_i] - _zi[_i]) ** 2, (_i, 1, _dim))
_JM, _yM = sp.MatrixSymbol("J", _rows, _cols), sp.MatrixSymbol("y_0", _rows, 1)
_Ji, _omi, _yi = (sp.IndexedBase(name, real=True) for name in ("J", "omega", "y_0"))
_q = sp.Symbol("q", integer=True)
_Jw_i = sp.Sum(_Ji[_i, _q] * _omi[_q], (_q, 1, _cols))                  # (J omega)_i
_w0i, _yyi = sp.IndexedBase("omega_0", real=True), sp.IndexedBase("y", real=True)
_Tf_i = sp.Sum(_Ji[_i, _q] * (_omi[_q] - _w0i[_q]), (_q, 1, _cols))      # T_f(omega)_i = (J [omega - omega(0)])_i
_y0_i = _yyi[_i] + sp.Sum(_Ji[_i, _q] * _w0i[_q], (_q, 1, _cols))       # (y_0)_i = (y + J omega(0))_i
_obj_general = sp.Rational(1, 2) * sp.Sum((_Jw_i - _yi[_i]) ** 2, (_i, 1, _rows))
_normal_general = sp.Sum(_Ji[_i, _k] * _Jw_i, (_i, 1, _rows)) - sp.Sum(_Ji[_i, _k] * _yi[_i], (_i, 1, _rows))   # (J^T J omega - J^T y_0)_k


def _sum_i(expr):
    return sp.Sum(expr, (_i, 1, _dim))


gbar = sp.Function("gbar", nonnegative=True)
G2, beta_ = sp.symbols("G2 beta", nonnegative=True)
xij, S_sum = sp.symbols("x_ij S", positive=True)

# the note's symbols, as its formulas spell them, for the statements parsed from its quotes
SYMBOLS = {"kappa": kappa, "alpha": alpha, "mu": mu, "nu": nu, "sigma_min": sigma, "t": t, "f_star": f_star, "L": L,
           "M": M, "lambda": lam, "z": z, "z_star": z_star, "gbar": gbar, "beta": beta_}
_f, _omega = sp.Function("f"), sp.Function("omega")
# the predictions along the flow, as the simulations give them
ALONG_FLOW = {_f(_omega(t)): f_t, _f(_omega(0)): f_0}
# Lemma 2 writes z both for a point (g(z), ||z - z*||) and for the flow's path z(t): its lines about the path
# are read with z a function of time, whose values the simulations give
_zpath = sp.Function("z")
PATH_SYMBOLS = {**SYMBOLS, "z": _zpath}
_g, _GAP = sp.Function("g"), sp.Symbol("gbar", positive=True)     # the loss, and its gap g(z(t)) - g(z*) at a time
D_SUP = sp.Symbol("D_sup", positive=True)            # sup_t ||omega(t) - omega(0)||, as the simulations give it


ALONG_PATH = {_zpath(t): z_t, _zpath(0): z_0}

# facts of the setting every instance satisfies (sigma_min(J_{w(0)}) <= ||J_{w(0)}||, mu <= nu): a search draws inside them
SETTING = SETTING_FACTS
# scales where the rate's factor e^{-mu sigma^2 t/4} has not underflowed, so a search inside SETTING finds the gap
RATE_DOMAINS = {**{str(v): Domain(0.1, 10, log=True) for v in (alpha, mu, nu, sigma, J0, L)},
                **{str(v): Domain(-10, 10) for v in (f_0, f_t, f_star)}, "t": Domain(0, 1)}

# the theorem's bound: the simulated flow, and the rate Lemma 2 gives
_BOUND_CHECKS = (
    Simulation(theorem_flow, name="gradient flow", configurations=THEOREM_SPACE),
    Setting(Derivation(name="rate from Lemma 2 (lambda = sigma_min^2/4)",
                       derived=sp.Le(Norm(alpha * f_t - f_star), LEMMA2_FACTOR.subs(lam, sigma**2 / 4) * Norm(alpha * f_0 - f_star)),
                       domains=RATE_DOMAINS), SETTING),
)

CLAIMS = [
    Claim(
        id="lazy.exercise.squared_distance",
        title="v -> ||v - z||^2 is strongly convex and smooth (Hessian 2I: mu = nu = 2)",
        source=src("Exercise", r"Verify that $\nu \mapsto \|\nu - z\|_2^2$ satisfies sc and smoothness assumptions"),
        # entrywise over symbolic indices j, k in 1..d (any dimension d), no longer on a 3-vector
        statement=Statement(sp.Eq(sp.Derivative(_sq_general, _vi[_j], _vi[_k]), 2 * sp.KroneckerDelta(_j, _k), evaluate=False),
                            assuming=[sp.Le(_j, _dim), sp.Le(_k, _dim)]),
        checks=(Identity(name="hessian, entrywise (j, k = 1..d)"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="lazy.theorem.threshold",
        title="Main theorem: the threshold kappa > ||f*||/M suffices for the proof",
        source=src("Theorem", r"If $\kappa > \frac{\|f^*\|}{M}$ for $M := \frac{\sigma_{\min}^2}{32\kappa^{3/2} \|J_{\omega(0)}\|_2 L}$"),
        statement=Statement.from_quote(SYMBOLS, where={M: M_STATED}, formula=0),
        checks=(Setting(Derivation(name="threshold the proof needs", derived=sp.Gt(alpha, ALPHA_NEEDED), sense="hypothesis"),
                        SETTING),),
        depends_on=("lazy.proof.large_alpha",),
        correction=Correction(
            THRESHOLD_CORRECTED,
            why="The proof needs 8 kappa^{3/2} ||J|| ||f*|| / (alpha sigma^2) < tau_0 = sigma/(2L): a condition on "
                "alpha, with sigma_min cubed and the constant 16. Replacing kappa by alpha alone keeps a gap for sigma_min < 1/2 "
                "(and is not scale-consistent: ||f*||/M with sigma_min squared scales like f*/omega, alpha like f*/f).",
            expected=Verdict.PROVED),
        expected=Verdict.REFUTED,      # not scale-consistent (kappa is scale-free, ||f*||/M is not); the proof needs more
    ),
    Claim(
        id="lazy.theorem.bound",
        title="Main theorem: linear convergence of the scaled predictions",
        source=src("Theorem", r"\|\kappa f(\omega(t)) - f^*\| \leq \sqrt{\kappa} \|\kappa f(\omega(0)) - f^*\|_2 \cdot e^{-\mu \sigma_{\min}^2 t/4}"),
        statement=Statement.from_quote(SYMBOLS, assuming=[sp.Gt(kappa, FSTAR / M)], where={**KAPPA, M: M_STATED, **ALONG_FLOW}),
        checks=_BOUND_CHECKS,
        depends_on=("lazy.lemma1", "lazy.lemma2"),
        correction=Correction(
            BOUND_CORRECTED,
            # and the fold models, where alpha below the reach stalls the flow: the threshold's edge in the model's scale
            checks=_BOUND_CHECKS + (Simulation(fold_flow, name="gradient flow on fold models (alpha at half the reach "
                                                               "and at the threshold)", configurations=FOLD_SPACE),),
            why="The flow is that of g(alpha f)/alpha^2, so alpha f(w(t)) is what converges to f*; the threshold "
                "is on alpha, with M as the proof derives it (see lazy.theorem.threshold).",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="lazy.theorem.displacement",
        title="Main theorem: sup_t ||w(t) - w(0)|| = O(1/kappa) as kappa -> oo",
        source=src("Theorem", r"\sup_{t \geq 0} \|\omega(t) - \omega(0)\|_2 = O(1/\kappa)"),
        # O(1/kappa) as kappa -> oo, the limit the theorem is about; the sup is the simulated displacement D_sup
        statement=Statement.from_quote({**SYMBOLS, "O": order_at(kappa, sp.oo)},
                                       where={SupOver(Norm(_omega(t) - _omega(0)), sp.Ge(t, 0, evaluate=False)): D_SUP}),
        checks=(OrderFit(displacement, name="displacement order", configurations=DISPLACEMENT_SPACE),),
        depends_on=("lazy.proof.integral",),
        correction=Correction(
            Statement(sp.Eq(sp.Symbol("D_sup", positive=True), sp.O(1 / alpha, (alpha, sp.oo)), evaluate=False)),
            why="The displacement bound 8 kappa^{3/2} ||J|| ||f*|| / (alpha sigma^2) decays in alpha, not kappa.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="lazy.theorem.width_log_n",
        title="Notes: the earlier analysis (with projection) required only m = O(log n) neurons",
        source=src("Theorem (notes)", r"But, we just required $m = O(\log(n))$ neurons rather than $\tilde{O}(n^2)$."),
        # "Previously, we needed projection ... But, we just required m = O(log n) neurons": the width of the earlier
        # analysis, set against the O~(n^2) this theorem needs for sigma_min > 0 (the Notes' first sentence)
        statement=Statement(sp.Ge(m, C * sp.log(n))),
        checks=(Untestable("the sentence is about an earlier analysis, with projection ('Previously, we needed projection "
                           "to keep ||w(t) - w(0)|| bounded'), that the note does not contain: its hypotheses (loss, data, "
                           "margin) and its conclusion are not given, so the width O(log n) it needed cannot be checked here. "
                           "It is no claim about this theorem, whose full-rank assumption needs md >= n (rank J <= md)"),),
        expected=Verdict.INCONCLUSIVE,
    ),
    Claim(
        id="lazy.proof.function_space",
        title="Proof: trajectory in function space",
        source=src("Proof", r"\frac{d}{dt} \kappa f(\omega(t)) = -J_{\omega(t)} J_{\omega(t)}^T \nabla_g(\kappa f(\omega(t)))"),
        statement=Statement(sp.Eq(sp.Derivative(kappa * f_(w_), tt_), -fp**2 * gp(kappa * f_(w_)), evaluate=False)),
        checks=(Identity(name="chain rule along the gradient flow", flow=GRADIENT_FLOW, instances=INSTANCES),),
        correction=Correction(
            Statement(sp.Eq(sp.Derivative(alpha * f_(w_), tt_), -fp**2 * gp(alpha * f_(w_)), evaluate=False)),
            why="Differentiating alpha f(w(t)) along w' = -(1/alpha) J^T grad g(alpha f) cancels the 1/alpha.",
            expected=Verdict.PROVED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="lazy.proof.tau0",
        title="Proof: ||w - w(0)|| < tau_0 implies J J^T >= sigma_min^2/4 I (Lemma 1's use)",
        source=src("Proof", r"\|\omega - \omega(0)\|_2 < \tau_0 \Rightarrow J_{\omega} J_{\omega}^T \geq \frac{\sigma_{\min}^2}{4} I"),
        statement=Statement(sp.Ge(LambdaMin(JJt_w), sigma**2 / 4), assuming=[sp.Lt(Norm(w - w_0), tau0)],
                            where={tau0: TAU0}),
        checks=(Simulation(lambda ctx, precise, config: lemma1_samples(ctx, precise, config, matrices=True),
                           name="random smooth models", configurations=LEMMA1_SPACE),),
        depends_on=("lazy.lemma1",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="lazy.proof.velocity",
        title="Proof: velocity bound ||w'|| <= (2 nu/alpha) ||J(0)|| ||kappa f - f*||",
        source=src("Proof", r"&\leq \frac{2\nu}{\alpha} \|J_{\omega(0)}\|_2 \cdot \|\kappa f(\omega(t)) - f^*\|_2"),
        statement=Statement(sp.Le(Norm(wdot), 2 * nu / alpha * J0 * Norm(kappa * f_t - f_star)),
                            assuming=[sp.Le(Norm(w_t - w_0), tau0)], where={tau0: TAU0, **KAPPA}),
        checks=(
            Simulation(theorem_flow, name="gradient flow", configurations=THEOREM_SPACE),
            Setting(Derivation(name="||J(t)|| <= ||J(0)|| + L tau_0 and nu-smoothness",
                               derived=sp.Le(Norm(wdot), nu / alpha * (J0 + L * TAU0) * Norm(alpha * f_t - f_star))),
                    SETTING),
        ),
        correction=Correction(
            Statement(sp.Le(Norm(wdot), 2 * nu / alpha * J0 * Norm(alpha * f_t - f_star)),
                      assuming=[sp.Le(Norm(w_t - w_0), tau0), sp.Le(sigma, J0)], where={tau0: TAU0, **KAPPA}),
            why="The gradient flow evaluates grad g at alpha f(w(t)), and grad g(f*) = 0.",
            expected=Verdict.LOOSE),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="lazy.proof.integral",
        title="Proof: integrating the velocity bound gives 8 kappa^{3/2} ||J|| ||.|| / (alpha sigma^2)",
        source=src("Proof", r"&\leq \frac{8\kappa^{3/2}}{\alpha \sigma_{\min}^2} \|J_{\omega(0)}\| \cdot \|\kappa f(\omega(0)) - f^*\|_2"),
        statement=Statement(
            sp.Le(sp.Integral(2 * nu / alpha * J0 * sp.sqrt(nu / mu) * sp.Symbol("D_0", positive=True)
                              * sp.exp(-mu * sigma**2 / 4 * s), (s, 0, t)),
                  8 * kappa**sp.Rational(3, 2) / (alpha * sigma**2) * J0 * sp.Symbol("D_0", positive=True)),
            where=KAPPA),
        checks=(Inequality(name="integral bound"),),
        depends_on=("lazy.proof.velocity", "lazy.lemma2"),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="lazy.proof.large_alpha",
        title="Proof: for sufficiently large alpha the displacement stays below tau_0",
        source=src("Proof", r"\text{Sufficiently large } \alpha \Rightarrow \frac{8\kappa^{3/2}}{\alpha \sigma_{\min}^2} \|J_{\omega(0)}\| \cdot \|f^*\| < \tau_0"),
        statement=Statement(sp.Lt(sp.Limit(DISPLACEMENT_BOUND.subs(FSTAR, sp.Symbol("F", positive=True)), alpha, sp.oo), tau0),
                            where={tau0: TAU0}),
        checks=(Inequality(name="limit in alpha"),),
        depends_on=("lazy.proof.integral",),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="lazy.proof.no_exit",
        title="Proof: for alpha beyond the proof's threshold the flow never leaves the ball of radius tau_0 (T = oo)",
        source=src("Proof", r"\Rightarrow T = \infty. \quad \blacksquare"),
        # T = inf{t : ||w(t) - w(0)|| > tau_0} = oo says ||w(t) - w(0)|| <= tau_0 for every t; the premise is the
        # line before: alpha large enough that 8 kappa^{3/2} ||J|| ||f*|| / (alpha sigma^2) < tau_0
        statement=Statement(sp.Le(Norm(w_t - w_0), tau0), assuming=[sp.Gt(alpha, ALPHA_NEEDED)],
                            where={tau0: TAU0, **KAPPA}),
        checks=(Simulation(ball_flow, name="gradient flow", configurations=THEOREM_SPACE),),
        depends_on=("lazy.proof.large_alpha",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="lazy.lemma1",
        title="Lemma 1: sigma_min(J_w) >= sigma_min(J_0) - L ||w - w(0)|| >= sigma_min/2",
        source=src("Lemma 1", r"\sigma_{\min}(J_\omega) \geq \sigma_{\min}(J_0) - L \cdot \|\omega - \omega(0)\| \geq \frac{\sigma_{\min}}{2}"),
        statement=Statement(sp.And(sp.Ge(s_w, sigma - L * Norm(w - w_0)), sp.Ge(sigma - L * Norm(w - w_0), sigma / 2)),
                            assuming=[sp.Le(Norm(w - w_0), r0)], where={r0: TAU0}),
        checks=(Simulation(lemma1_samples, name="random smooth models", configurations=LEMMA1_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="lazy.lemma1.expansion",
        title="Lemma 1 proof: ||(A + B)u||^2 = ||Au||^2 + 2 Au.Bu + ||Bu||^2",
        source=src("Lemma 1 (proof)", r"= \min_u \|Au\|^2 + 2Au^T Bu + \|Bu\|_2^2"),
        # entrywise over a symbolic index (a = Au, b = Bu in R^d, any d), no longer on 3-vectors
        statement=Statement(sp.Eq(_sum_i((_ai[_i] + _bi[_i]) ** 2),
                                  _sum_i(_ai[_i] ** 2) + 2 * _sum_i(_ai[_i] * _bi[_i]) + _sum_i(_bi[_i] ** 2), evaluate=False)),
        checks=(Identity(name="expansion over i = 1..d"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="lazy.lemma1.cauchy_schwarz",
        title="Lemma 1 proof: Cauchy-Schwarz step",
        source=src("Lemma 1 (proof)", r"\stackrel{\text{C.S.}}{\geq} \min_u \|Au\|^2 - 2\|Au\| \cdot \|Bu\| + \|Bu\|^2"),
        statement=Statement(sp.Ge((_a.T * _b)[0], -sp.sqrt((_a.T * _a)[0]) * sp.sqrt((_b.T * _b)[0]))),
        checks=(Inequality(name="Cauchy-Schwarz", domains={str(v): Domain(-10, 10) for v in list(_a) + list(_b)},
                           sizes={"d": 3}),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="lazy.lemma1.final",
        title="Lemma 1 proof: min_u (sigma_min - beta L)^2 ||u||^2 = sigma_min^2/4",
        source=src("Lemma 1 (proof)", r"\geq \min_u (\sigma_{\min} - \beta L)^2 \|u\|^2 \\ &= \frac{\sigma_{\min}^2}{4}"),
        statement=Statement(sp.Eq((sigma - beta_ * L) ** 2, sigma**2 / 4, evaluate=False), assuming=[sp.Le(beta_, sigma / (2 * L))]),
        checks=(Identity(name="last equality"),),
        correction=Correction(
            Statement(sp.Ge((sigma - beta_ * L) ** 2, sigma**2 / 4), assuming=[sp.Le(beta_, sigma / (2 * L))]),
            checks=(Inequality(name="last inequality"),),
            why="With beta = ||w - w(0)|| <= sigma_min/(2L) the last step is an inequality; equality holds only at beta = r_0.",
            expected=Verdict.PROVED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="lazy.lemma2",
        title="Lemma 2: ||z(t) - z*|| <= (nu/mu) ||z(0) - z*|| e^{-mu lambda t}",
        source=src("Lemma 2", r"\|z(t) - z^*\| \leq \frac{\nu}{\mu} \cdot \|z(0) - z^*\| \cdot e^{-\mu \lambda t}"),
        statement=Statement.from_quote(PATH_SYMBOLS, assuming=[sp.Ge(nu, mu)], where=ALONG_PATH),
        checks=(
            Simulation(lemma2_flow, name="preconditioned gradient flow", configurations=LEMMA2_SPACE),
            Derivation(name="the proof's last step", derived=sp.Le(Norm(z_t - z_star), LEMMA2_FACTOR * Norm(z_0 - z_star))),
        ),
        correction=Correction(
            Statement(sp.Le(Norm(z_t - z_star), sp.sqrt(nu / mu) * Norm(z_0 - z_star) * sp.exp(-mu * lam * t)),
                      assuming=[sp.Ge(nu, mu)]),
            why="Taking square roots in mu/2 ||z - z*||^2 <= e^{-2 mu lambda t} nu/2 ||z(0) - z*||^2 gives sqrt(nu/mu); "
                "the theorem's proof uses this sqrt(kappa).",
            expected=Verdict.SUPPORTED),
        expected=Verdict.LOOSE,
    ),
    Claim(
        id="lazy.lemma2.lojasiewicz",
        title="Lemma 2 proof: Lojasiewicz inequality g - g* <= ||grad g||^2 / (2 mu)",
        source=src("Lemma 2 (proof)", r"\bar{g}(z) := g(z) - g(z^*) \leq \frac{1}{2\mu} \cdot \|\nabla g(z)\|^2"),
        # the chain's second step (its first defines gbar(z) := g(z) - g(z*)), on the loss gap and the gradient the
        # simulations give
        statement=Statement.from_quote(SYMBOLS, where={_g(z) - _g(z_star): gbar_z, Grad(_g(z)): grad_g}, step=1),
        checks=(Simulation(logcosh_losses, name="strongly convex log-cosh and quadratic losses", configurations=LOGCOSH_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="lazy.lemma2.chain_rule",
        title="Lemma 2 proof: d/dt g(z(t)) = -grad g^T Q grad g",
        source=src("Lemma 2 (proof)", r"\frac{d}{dt} \bar{g}(z(t)) &\stackrel{\text{chain rule}}{=} -\nabla g^T(z(t)) Q(t) \nabla g(z(t))"),
        statement=Statement(_chain_rule_2),
        # derived for z in R^2 only (g an undefined function of n arguments has no general form in SymPy)
        checks=(Identity(name="chain rule along z' = -Q grad g (n = 2)", flow=_zflow, sizes={"n": 2}),
                AtSizes(lambda n: _chain_rule(n, flowed=True)[0], sizes={"n": (3, 5)}, name="chain rule at n = 3, 5")),
        expected=Verdict.SUPPORTED,     # was proved from the n = 2 instance alone; proved for n = 2, supported beyond
    ),
    Claim(
        id="lazy.lemma2.descent",
        title="Lemma 2 proof: -2 mu lambda [g - g*] = -gbar",
        source=src("Lemma 2 (proof)", r"&\leq -2\mu\lambda \cdot [g(z(t)) - g(z^*)] = -\bar{g}(z(t))"),
        # g(z(t)) - g(z*) and gbar(z(t)) are the loss gap at time t (gbar := g - g(z*)): one positive number
        statement=Statement.from_quote(PATH_SYMBOLS, where={_g(_zpath(t)) - _g(z_star): _GAP, gbar(_zpath(t)): _GAP}),
        checks=(Identity(name="last equality"),),
        correction=Correction(
            Statement(sp.Le(-lam * G2, -2 * mu * lam * sp.Symbol("gbar", positive=True)),
                      assuming=[sp.Le(sp.Symbol("gbar", positive=True), G2 / (2 * mu))]),
            checks=(Inequality(name="descent step"),),
            why="The chain ends at -2 mu lambda gbar, which is what the Gronwall step uses; '= -gbar' holds only when 2 mu lambda = 1.",
            expected=Verdict.PROVED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="lazy.lemma2.gronwall",
        title="Lemma 2 proof: Gronwall gives gbar(z(t)) <= gbar(z(0)) e^{-2 mu lambda t}",
        source=src("Lemma 2 (proof)", r"\bar{g}(z(t)) \leq \bar{g}(z(0)) \cdot e^{-2\mu\lambda t}"),
        # the loss gap along the path, gbar(z(t)), as a function of time (the comparison ODE's unknown)
        statement=Statement.from_quote(PATH_SYMBOLS, assuming=[sp.Le(sp.Derivative(gbar(t), t), -2 * mu * lam * gbar(t))],
                                       where={gbar(_zpath(t)): gbar(t), gbar(_zpath(0)): gbar(0)}),
        checks=(Gronwall(name="comparison ODE"),),
        depends_on=("lazy.lemma2.descent",),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="lazy.lemma2.sandwich",
        title="Lemma 2 proof: mu/2 ||z - z*||^2 <= gbar(z) <= nu/2 ||z - z*||^2",
        source=src("Lemma 2 (proof)", r"\frac{\mu}{2} \|z - z^*\|_2^2 \leq \bar{g}(z) \leq \frac{\nu}{2} \|z - z^*\|_2^2"),
        statement=Statement.from_quote(SYMBOLS, where={gbar(z): gbar_z}),
        checks=(Simulation(logcosh_losses, name="strongly convex log-cosh and quadratic losses", configurations=LOGCOSH_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="lazy.lemma2.combined",
        title="Lemma 2 proof: mu/2 ||z(t) - z*||^2 <= e^{-2 mu lambda t} nu/2 ||z(0) - z*||^2",
        source=src("Lemma 2 (proof)", r"\frac{\mu}{2} \|z(t) - z^*\|_2^2 \leq e^{-2\mu\lambda t} \cdot \frac{\nu}{2} \|z(0) - z^*\|_2^2"),
        statement=Statement.from_quote(PATH_SYMBOLS, where=ALONG_PATH),
        # tight on the bottom eigenvector with Q = lambda I and mu = nu (LEMMA2_SPACE's kappa = 1 edge)
        checks=(Simulation(lemma2_flow, name="preconditioned gradient flow", configurations=LEMMA2_SPACE),),
        depends_on=("lazy.lemma2.gronwall", "lazy.lemma2.sandwich"),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="lazy.lemma2.final",
        title="Lemma 2 proof: the final bound with factor nu/mu",
        source=src("Lemma 2 (proof)", r"\Rightarrow \|z(t) - z^*\| \leq e^{-\mu\lambda t} \cdot \frac{\nu}{\mu} \cdot \|z(0) - z^*\|"),
        statement=Statement.from_quote(PATH_SYMBOLS, assuming=[sp.Ge(nu, mu)], where=ALONG_PATH),
        checks=(Derivation(name="square root of the sandwich", derived=sp.Le(Norm(z_t - z_star), LEMMA2_FACTOR * Norm(z_0 - z_star))),),
        depends_on=("lazy.lemma2.gronwall", "lazy.lemma2.sandwich"),
        correction=Correction(
            Statement(sp.Le(Norm(z_t - z_star), sp.exp(-mu * lam * t) * sp.sqrt(nu / mu) * Norm(z_0 - z_star)),
                      assuming=[sp.Ge(nu, mu)]),
            why="The square root of nu/mu, as the previous line gives.",
            expected=Verdict.PROVED),
        expected=Verdict.LOOSE,
    ),
    Claim(
        id="lazy.remark1.objective",
        title="Full-rank remark: 1/2 ||T_f(w) - y||^2 = 1/2 ||J_{w(0)} w - y_0||^2 with y_0 = y + J_{w(0)} w(0)",
        source=src("Remark (full rank)", r"\min_{\omega \in \mathbb{R}^m} \frac{1}{2} \|T_f(\omega) - y\|_2^2 = \min_{\omega} \frac{1}{2} \|J_{\omega(0)} \omega - y_0\|_2^2"),
        # the two objectives agree at every omega (so do their minima), J of any shape n x p; the note's
        # omega in R^m is read as omega in R^p, p = md the columns of J
        statement=Statement(sp.Eq(sp.Rational(1, 2) * sp.Sum((_Tf_i - _yyi[_i]) ** 2, (_i, 1, _rows)),
                                  sp.Rational(1, 2) * sp.Sum((_Jw_i - _y0_i) ** 2, (_i, 1, _rows)), evaluate=False)),
        checks=(Identity(name="the two objectives, at every omega"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="lazy.remark1.relu_zero",
        title="Full-rank remark: J_{w(0)} w(0) = 0 for ReLU (symmetric initialisation)",
        source=src("Remark (full rank)", r"y_0 = y + \underbrace{J_{\omega(0)} \omega(0)}_{=0 \text{ for ReLU}}"),
        statement=Statement(sp.Eq(Norm(MatVec(J_0, w_0)), 0, evaluate=False)),
        checks=(Simulation(relu_init, name="symmetric two-layer ReLU networks", rtol=1e-12, scale="scale",
                           configurations=RELU_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="lazy.remark1.normal_equations",
        title="Full-rank remark: the normal equations (+)",
        source=src("Remark (full rank)", r"J_{\omega(0)}^T J_{\omega(0)} \omega = J_{\omega(0)}^T y_0. \quad (+)"),
        # entry k of the gradient, for J of any shape n x p (summed over symbolic indices), no longer 2 x 3
        statement=Statement(sp.Eq(sp.Derivative(_obj_general, _omi[_k]), _normal_general, evaluate=False),
                            assuming=[sp.Le(_k, _cols)]),
        checks=(Identity(name="gradient of the least-squares objective, entry k"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="lazy.remark1.pseudo_inverse",
        title="Full-rank remark: the pseudo-inverse interpolates, J J^+ y_0 = y_0",
        source=src("Remark (full rank)", r"\text{Choose } \hat{\omega} = J_{\omega(0)}^+ y_0. \text{ Then, } J_{\omega(0)} \hat{\omega} = \sum_i u_i u_i^T y_0 = y_0."),
        # matrix symbols: J of any shape n x p with J J^T invertible (full row rank), no longer 2 x 3
        statement=Statement(sp.Eq(sp.MatMul(_JM, _JM.T, sp.Inverse(sp.MatMul(_JM, _JM.T)), _yM, evaluate=False), _yM, evaluate=False)),
        checks=(Identity(name="full row rank pseudo-inverse"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="lazy.remark2.limit",
        title="Overparameterization remark: (1/n) [J J^T]_ij -> K_ij as n -> oo",
        source=src("Remark (overparameterization)", r"&\xrightarrow{n \rightarrow \infty} x_i^T x_j \mathbb{E}_{\omega_0 \sim N(0, I_d)} [\sigma'(\omega_0^T x_i) \sigma'(\omega_0^T x_j)]"),
        statement=Statement(sp.Eq(sp.Limit(xij * S_sum / n, n, sp.oo), sp.Symbol("K_ij", positive=True), evaluate=False)),
        checks=(Identity(name="limit"),),
        correction=Correction(
            Statement(sp.Eq(G / m, K, evaluate=False)),
            checks=(MonteCarlo(gram_average, name="Gram matrix against the arccos kernel", configurations=GRAM_SPACE),),
            why="The sum runs over the m neurons, so the average is over m and the limit is m -> oo (law of large numbers); "
                "with 1/n and n -> oo the expression tends to 0.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
        scaling=GRAM_SCALING,
    ),
    Claim(
        id="lazy.lemma3.width",
        title="Lemma 3: m = Omega(n^2/lambda_0^2 log(n/delta)) gives ||.||_2 <= lambda_0/4",
        source=src("Lemma 3", r"\text{if } m = \Omega\left(\frac{n^2}{\lambda_0^2} \log\left(\frac{n}{\delta}\right)\right)"),
        statement=Statement(sp.Ge(m, C * n**2 / lam0**2 * sp.log(n / delta))),
        checks=(Derivation(name="Frobenius bound <= (lambda_0/4)^2", derived=sp.Ge(m, M_NEEDED), constants=(C,)),),
        depends_on=("lazy.lemma3.frobenius",),
        expected=Verdict.PROVED,
        scaling=LEMMA3_SCALING,
    ),
    Claim(
        id="lazy.lemma3.spectral",
        title="Lemma 3: ||(1/n) J J^T - K||_2 <= lambda_0/4 w.p. >= 1 - delta",
        source=src("Lemma 3", r"\left\| \frac{1}{n} \mathcal{J}_{\omega(0)} \mathcal{J}_{\omega(0)}^T - K \right\|_2 \leq \frac{\lambda_0}{4}"),
        statement=Statement(sp.Ge(Prob(sp.Le(OpNorm(G / n - K), lam0 / 4)), 1 - delta)),
        checks=(Probability(lemma3_draws, name="symmetric ReLU networks at the proof's width", configurations=L3_SPACE),),
        depends_on=("lazy.lemma3.width",),
        correction=Correction(
            Statement(sp.Ge(Prob(sp.Le(OpNorm(G / m - K), lam0 / 4)), 1 - delta)),
            why="Normalise the Gram matrix by the width m, not the sample size n.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
        scaling=LEMMA3_SCALING,
    ),
    Claim(
        id="lazy.lemma3.eigenvalue",
        title="Lemma 3: lambda_min((1/n) J J^T) >= 3 lambda_0/4 w.p. >= 1 - delta",
        source=src("Lemma 3", r"\lambda_{\min}\left(\frac{1}{n} \mathcal{J}_{\omega(0)} \mathcal{J}_{\omega(0)}^T\right) \geq \frac{3\lambda_0}{4}"),
        statement=Statement(sp.Ge(Prob(sp.Ge(LambdaMin(G / n), 3 * lam0 / 4)), 1 - delta)),
        checks=(Probability(lemma3_draws, name="symmetric ReLU networks at the proof's width", configurations=L3_SPACE),),
        depends_on=("lazy.lemma3.spectral",),
        expected=Verdict.SUPPORTED,
        scaling=LEMMA3_SCALING,
    ),
    Claim(
        id="lazy.lemma3.entrywise",
        title="Lemma 3 proof: entrywise concentration, simultaneously w.p. >= 1 - delta",
        source=src("Lemma 3 (proof)", r"\left| \frac{1}{n} [\mathcal{J}_{\omega(0)} \mathcal{J}_{\omega(0)}^T]_{i,j} - K_{ij} \right| \leq \frac{2\sqrt{\log(n^2/\delta)}}{\sqrt{m}}"),
        statement=Statement(sp.Ge(Prob(sp.Le(MaxEntry(sp.Abs(G / n - K)), ENTRY_BOUND)), 1 - delta)),
        checks=(Probability(lemma3_draws, name="symmetric ReLU networks at the proof's width", configurations=L3_SPACE),),
        correction=Correction(
            Statement(sp.Ge(Prob(sp.Le(MaxEntry(sp.Abs(G / m - K)), ENTRY_BOUND)), 1 - delta)),
            checks=(Probability(lemma3_draws, name="symmetric ReLU networks at the proof's width", configurations=L3_SPACE),
                    Derivation(name="Hoeffding and a union bound",
                               derived=sp.Ge(Prob(sp.Le(MaxEntry(sp.Abs(G / m - K)), HOEFFDING)), 1 - delta),
                               domains={"delta": Domain(0, 1), "n": Domain(2, 50, integer=True)})),
            why="[J J^T]_ij is a sum over the m neurons: normalise by m. Hoeffding with a union bound over the n^2 "
                "entries then gives sqrt(2 log(2n^2/delta)/m), within the stated bound when n^2/delta >= 2.",
            expected=Verdict.LOOSE),
        expected=Verdict.REFUTED,
        scaling=LEMMA3_SCALING,
    ),
    Claim(
        id="lazy.lemma3.frobenius",
        title="Lemma 3 proof: ||.||_F^2 <= 8 log(n/delta) n^2 / m",
        source=src("Lemma 3 (proof)", r"\leq \frac{8 \log(n/\delta) n^2}{m}"),
        statement=Statement(sp.Le(sp.Symbol("F2", nonnegative=True), FROB_BOUND)),
        checks=(Derivation(name="n^2 entries, each within the entrywise bound",
                           derived=sp.Le(sp.Symbol("F2", nonnegative=True), n**2 * ENTRY_BOUND**2),
                           domains={"delta": Domain(0, 1)}),),
        depends_on=("lazy.lemma3.entrywise",),
        correction=Correction(
            Statement(sp.Le(sp.Symbol("F2", nonnegative=True), 4 * n**2 * sp.log(n**2 / delta) / m)),
            why="n^2 entries each at most 2 sqrt(log(n^2/delta)/m) give 4 n^2 log(n^2/delta)/m, which is at most "
                "8 n^2 log(n/delta)/m for delta <= 1 (and the Gram matrix is normalised by m).",
            expected=Verdict.PROVED),
        expected=Verdict.LOOSE,
        scaling=LEMMA3_SCALING,
    ),
]

# the claims still stated in SymPy although their quotes parse, and why (tests/notes/test_statements_from_quotes.py)
STATED_IN_SYMPY: dict[str, str] = {
    # the quote states no relation of its own
    "lazy.exercise.squared_distance": "the quote names the map nu -> ||nu - z||_2^2; the claim is its Hessian 2I (mu = nu = 2), "
                                      "entrywise over symbolic indices",
    "lazy.remark2.limit": "the quote continues a chain (-> x_i^T x_j E[...]); the claim is the limit it asserts, "
                          "lim (1/n) x_i^T x_j S = K_ij as n -> oo (S the sum over neurons)",
    # asymptotic notation: the checks need the limit or the constant the quote leaves implicit
    "lazy.theorem.width_log_n": "the quote's O(log n) is stated with its constant, m >= C log n (the claim is untestable)",
    "lazy.lemma3.width": "the quote is an Omega(.) statement; the derivation checks m >= C n^2 log(n/delta)/lambda_0^2 "
                         "with the explicit constant C",
    "lazy.proof.large_alpha": "the quote's 'sufficiently large alpha' is the limit alpha -> oo of the displacement bound "
                              "(the parser reads \\text{Sufficiently large} \\alpha as a premise alpha)",
    # the quote leaves the probability over the draw implicit
    "lazy.lemma3.spectral": "the statement is the probability over the draw that the quote leaves implicit: "
                            "Prob(||G/n - K||_2 <= lambda_0/4) >= 1 - delta, G the simulated Gram matrix J J^T",
    "lazy.lemma3.eigenvalue": "the statement is the probability over the draw that the quote leaves implicit: "
                              "Prob(lambda_min(G/n) >= 3 lambda_0/4) >= 1 - delta",
    "lazy.lemma3.entrywise": "the statement is the probability over the draw that the quote leaves implicit, for all "
                             "entries at once: Prob(max_ij |G_ij/n - K_ij| <= 2 sqrt(log(n^2/delta)/m)) >= 1 - delta",
    # the quote's matrices and operators are checked through a scalar the checks compute
    "lazy.proof.function_space": "the identity is checked for a one-parameter model (J J^T = f'(omega)^2, grad g = g'), "
                                 "where the quote's Jacobians and gradient have no size",
    "lazy.proof.tau0": "the quote's Loewner order J_omega J_omega^T >= sigma_min^2/4 I is checked as "
                       "lambda_min(J_omega J_omega^T) >= sigma_min^2/4 on the sampled Jacobians",
    "lazy.lemma1": "the parser reads sigma_min(J_omega) as the product sigma_min J_omega (sigma_min is also the "
                   "scalar sigma_min(J_0)); the checks evaluate s_w = sigma_min(J_omega)",
    "lazy.lemma1.final": "the chain's min_u is over unit vectors (its first line: min_{||u|| = 1}); the claim is its "
                         "value (sigma_min - beta L)^2 = sigma_min^2/4 (read from the quote, the whole left side would be "
                         "a reading that evaluates the min, not a name for a quantity the checks compute)",
    "lazy.lemma2.chain_rule": "the chain rule is derived for z in R^2 with g an undefined function of the two coordinates "
                              "(numerically at n = 3, 5); the quote's gradients have no size",
    "lazy.remark1.objective": "the two objectives are compared at every omega (so are their minima), entrywise over "
                              "symbolic indices; the quote compares the minima",
    "lazy.remark1.relu_zero": "the quote's claim is the underbrace J_{omega(0)} omega(0) = 0 for ReLU, which the parser "
                              "drops (it keeps y_0 = y + J_{omega(0)} omega(0))",
    "lazy.remark1.normal_equations": "the normal equations are checked as the zero of the objective's gradient, entry k, "
                                     "for J of any shape (symbolic indices)",
    "lazy.remark1.pseudo_inverse": "the claim is the last link J J^+ y_0 = y_0, with J^+ = J^T (J J^T)^{-1} for J of full "
                                   "row rank (matrix symbols); the quote's first formula defines omegahat",
    # the quote says what a quantity is; the claim is what it means
    "lazy.proof.no_exit": "the quote writes only T = oo; the claim is what it means, ||omega(t) - omega(0)|| <= tau_0 "
                          "for every t (T = inf{t : ||omega(t) - omega(0)|| > tau_0}), under the previous line's threshold",
}
