"""Note 001: "Global convergence of gradient descent" (CSE 543 lecture 8/9, Simon Du; the NTK argument).

One claim per checkable statement, in the note's order and with its symbols, each encoded as written;
every flagged claim carries a checked correction.

Conventions where the note is silent, stated once:
- Generic identities (Sections 2-3) are checked with n = 2 data points and two parameters theta_1(t),
  theta_2(t); the model outputs u_i = F_i(theta) and the loss l(u, y) are undefined functions (concrete
  instances are substituted only where SymPy cannot decide and random points are used).
- The two-layer network of Section 5 is checked symbolically with m = 2 neurons, d = 2 and n = 2, and
  an undefined activation sigma whose derivative plays the indicator 1{w^T x >= 0} (sigma = ReLU in the
  numeric checks, with relu'(0) = 1 as the note's "\\ge 0" says).
- Section 5 writes the objective (1/n) sum (f - y)^2 without the 1/2 of Section 3's quadratic loss; that
  is flagged once (gd.s5.objective); every simulation uses Section 3's loss (1/2n) sum (u_i - y_i)^2, whose
  flow is the note's du/dt = -(1/n) H(t) (u - y).
- Simulated networks: unit inputs, a_r ~ Unif{-1, 1}, w_r ~ N(0, I) (the note's initialisation). For fits
  in the width m, labels are set to y = u(0) - e_0 with e_0 ~ U(-1.5, 1.5)^n common to every width of a
  seed (|y_i| = O(1), as the note assumes): the same initial residual at every width, so the fit sees
  the width alone.
- "m = O(...)" and "n = Omega(...)" are encoded as the inequalities they abbreviate, with an unnamed
  constant C; "Delta w = O(1/sqrt m)" as a bound K/sqrt(m) with K free of t (it is used for all t).
- The displacement step "if we assume u_i(tau) to be constant in [0, t], the integrand would be a constant C" is
  checked on the real flow with the note's C, the integrand with u held at u(0) (its value at tau = 0); the
  correction takes C = ||u(0) - y||/sqrt(n), valid for every t.
- The note never says that its inputs are distinct: the searches include equal inputs where a statement needs
  distinct ones (Sections 2 and 4), and the corrections add the hypothesis.
- Section 1's time poly(log(1/eps), n, L) is checked for two layers in the regime of the theorem (width -> oo,
  du/dt = -(1/n) H* (u - y)), the time being the flow's; the introduction's "generalize" on the predictor that
  flow trains, as a test risk below the null predictor's.
- Section 5.1's "|H_ij(0) - H*_ij| <= eps when m is large enough" is read at the width Hoeffding gives per entry
  (as the note applies it) for all entries at once (as the next step uses them); the union bound is the correction.
- Section 5.3's m -> oo statement is checked in the note's own limit dynamics du/dt = -(1/n) H* (u - y),
  with the test output following df(X_te)/dt = -(1/n) K_te (u - y), both integrated from 0 to oo;
  gd.s5_3.trained_networks checks it again on trained finite-width networks (order fit in m).
- Limits "-> 0 as m -> oo" (Proposition 5.1, the sign-change fraction, Section 5.3 on trained networks)
  are encoded, like gd.s5_2.h_limit, at the rate O(1/sqrt m) of the lazy-training argument.
- Section 2's "theta(t) -> theta*" for strongly convex losses is checked as the classical contraction
  ||theta(t) - theta*|| <= ||theta(0) - theta*|| e^{-mu t} on logistic-plus-ridge losses and on the extremal
  quadratics whose Hessian's smallest eigenvalue is mu (where the contraction is attained).
- Section 2's "no unique global minimizer" is checked constructively on Section 5's network at every width
  the hypothesis m > n admits, from the smallest (m = n + 1) to m = n^2 (m = poly(n)): two zero-loss
  parameter vectors at distance 1, computed by least squares and the null space of the features, and a
  Jacobian with a null space of positive dimension at the first.
- Numeric checks search the statement's configuration space (verify.checks.Configurations): the parameters
  its hypotheses range over, at their edges (the smallest width, delta and dimension the statement allows,
  extreme conditioning, long horizons), with extremal models beside random ones; each space is declared
  beside its simulator.
"""
from __future__ import annotations

import sympy as sp
from verify.maths.kernels import orthant_probability_integral, relu_ntk_entry
from verify import Claim, Correction, Statement, Verdict
from verify.checks import (AtSizes, Derivation, Domain, Gronwall, Identity, Inequality, MonteCarlo, OrderFit, Probability,
                           Simulation, Untestable)
from verify.notation import FrobNorm, LambdaMin, MaxEntry, Norm, Prob, Rank
from .setting import (C, Cv, D_r, D_sup, Dw, EZ, E_kc, E_kp, F_i, F_j, Fch, GAUSSIAN_WHY, H0, H_t, Hess, Hs, K, Kmat,
                      L_1, L_2, L_mid, NETWORK, NOTE, N_0, N_J, N_t, R, R0, SCALING, SQUARE, STANDARD_NORMAL, S_U, S_W, S_X,
                      S_Z, UNIT_INPUTS, Zbar, Zs, a_, b_, dH, dHs, delta, eps, lam0, m, mu, n, rho, rho_res, s_, src,
                      t, tau, th_0, th_1, th_2, th_s, th_t, u_0, u_t, x_ij, y)
from .gradient_flow import (CONVERGENCE_SPACE, CONVEX_SPACE, MIN_SPACE, ENERGY, GEN_BEYOND, Ds, GEN_DOMAINS,
                            GEN_INSTANCES, N_DATA, PHI_BOUND, THETA_FLOW, U_FLOW, V, Vs, H_GEN,
                            H_PSD, LP, Lp, b, c_, dudt, grad_u, lprime, p_, theta, u_,
                            up, v_, y_, convergence_flows, along, energy, generic_at, phi, psi, strongly_convex_flows,
                            zero_loss_pairs)
from .kernel_regression import DISTINCT, GRAM_SPACE, Jk, Phi_, gaussian_grams
from .network import (NONCONVEX_SPACE, midpoint_gaps, FULL_HORIZON, HORIZON_SPACE, TANGENT_SPACE, M_NET, NET_BEYOND, NET_DOMAINS, OBJECTIVE_AS_WRITTEN,
                      OBJECTIVE_HALF, RELU_INSTANCE, GRAD_LHS, H_NET,
                      INDICATOR, INNER, INNER_PM, RES_GEN, VEL_FLOW, VEL_STATED, gen_flow, grad_w,
                      stated_gradient, true_gradient, z_, network_at, ntk_deviation, tangent_grams)
from .initialization import (FROB_FROM_ENTRIES, GAUSS_DENSITY, HOEFFDING_N, HOEFFDING_RADIUS, frobenius_samples,
                             ENTRY_SPACE, ENTRY_UNION_SPACE, WIDTH_PER_ENTRY, WIDTH_UNION, FROBENIUS_SPACE, HOEFFDING_CORRECTED_SPACE, INDICATOR_SPACE, bounded_means, hoeffding_space, indicator_products, initial_grams)
from .training import (ANTI_EXACT_SPACE, ANTI_SAMPLED_SPACE, PATTERN_SPACE, PROJECTION_EXACT_SPACE, PROJECTION_SPACE, ROTATION_SPACE, TRAINED_SPACE,
                       normal_laws, DISPLACEMENT_NOTE, DISPLACEMENT_UNIFORM, WIDTH_NEEDED, displacement_bound, EXTREMAL_DISPLACEMENT_SPACE, extremal_displacement,
                       gram_change, lazy_displacement, normal_draws, pattern_configurations, projection_draws, projection_laws,
                       rotation_draws, sign_change_fraction, sign_flow, uniform_displacement, WIDTH_SPACE,
                       width_gram_change)
from .main_result import (GENERALIZATION_SPACE, L_start, L_train, R_null, R_test, trained_generalization, C_poly, L_depth, POLYNOMIALS, T_eps, TIME_SPACE, convergence_times, k_poly,
                          polynomial_times)
from .kernel_predictor import (PREDICTOR_SPACE, F_TE_LIMIT, KP_DOMAINS, kernel_predictor_at, kp_domains, Hsym, Kte, f0,
                               u0sym, ysym, trained_predictor_error)

# what the tests and the registry read from the package
__all__ = ["CLAIMS", "SYMBOLS", "STATED_IN_SYMPY", "Cv", "T_eps", "convergence_times", "midpoint_gaps", "NONCONVEX_SPACE", "WIDTH_PER_ENTRY", "WIDTH_UNION", "DISPLACEMENT_UNIFORM", "D_r", "D_sup", "FROB_FROM_ENTRIES", "F_TE_LIMIT", "Fch",
           "HOEFFDING_N", "H_GEN", "H_t", "Hsym", "Kte", "LambdaMin", "NETWORK", "NOTE", "N_DATA", "Norm",
           "OBJECTIVE_AS_WRITTEN", "R0", "RES_GEN", "SCALING", "WIDTH_NEEDED", "convergence_flows", "delta", "dudt",
           "eps", "f0", "gen_flow", "lam0", "lazy_displacement", "m", "mu", "n", "pattern_configurations", "rho_res",
           "sign_change_fraction", "strongly_convex_flows", "t", "th_0", "th_s", "th_t", "u0sym", "u_0", "u_t", "y",
           "ysym", "zero_loss_pairs"]


# ---------------------------------------------------------------------------------------------
# claims, in the note's order
# ---------------------------------------------------------------------------------------------
# the note's symbols, as its formulas spell them (``\lambda_0`` is ``lambda_0``), with their assumptions: the statements
# parsed from its quotes use them. The inputs x_i, x_j are vectors (no assumptions), declared so that ``x_j \left(...\right)``
# is a product, not an application; bold u, y, H and the notation of Section 5 are left to the parser.
SYMBOLS: dict = {"t": t, "tau": tau, "n": n, "m": m, "lambda_0": lam0, "epsilon": eps, "delta": delta, "C": C, "R": R,
                 "mu": mu, "Z": Zs, "L": L_depth, "x_i": sp.Symbol("x_i"), "x_j": sp.Symbol("x_j"),
                 r"\Delta w": Dw}                   # Section 5.2's Delta w: one quantity, not Delta times w


def _parsed(quote: str, formula: int | None = None, step: int | None = None, symbols=None):
    """The relation ``quote`` states as the parser reads it (with SYMBOLS): the keys of a claim's readings are
    taken from it, never retyped, so that they are the expressions the claim's own parse contains."""
    return Statement.from_quote(symbols or SYMBOLS, formula=formula, step=step).statement(quote).relation


# Theorem 3.1's proof: phi(t) = (1/2)||u(t) - y||^2 and psi(t) = e^{lambda_0 t/n} phi(t), the quantities the comparison
# ODEs evaluate, read from the quotes' left sides; C is each bound's value at t = 0.
_Q_MONOTONE = r"\left(\exp\left(\frac{\lambda_0 t}{n}\right)\frac{1}{2}\|\boldsymbol{u}(t)-\boldsymbol{y}\|^2\right) \leq C"
_Q_RATE = r"\left(\frac{1}{2}\|\boldsymbol{u}(t) - \boldsymbol{y}\|^2\right) \le C \exp\left(\frac{-\lambda_0 t}{n}\right)"
_PSI_READ = {_parsed(_Q_MONOTONE).lhs: psi(t), C: psi(0)}
_PHI_READ = {_parsed(_Q_RATE).lhs: phi(t), C: phi(0)}
# Section 5.2: the displacement ||w_r(t) - w_r(0)|| of every neuron at every time (D_r), the integrand's constant C at
# tau = 0 (C_v, declared as the quote's C), the integral int_0^t (1/sqrt m) dtau read as its value t/sqrt(m)
_Q_DISPLACEMENT = r"||w_r(t) - w_r(0)||_2 \le C \int_0^t \frac{1}{\sqrt{m}} d\tau \le \frac{Ct}{\sqrt{m}}"
_DISPLACEMENT_SYMBOLS = {**SYMBOLS, "C": Cv}
_DISPLACEMENT_INTEGRAL = next(a for a in _parsed(_Q_DISPLACEMENT, step=1, symbols=_DISPLACEMENT_SYMBOLS).lhs.args
                              if isinstance(a, sp.Integral))
_DISPLACEMENT_READ = {_parsed(_Q_DISPLACEMENT, step=0, symbols=_DISPLACEMENT_SYMBOLS).lhs: D_r,
                      _DISPLACEMENT_INTEGRAL: _DISPLACEMENT_INTEGRAL.doit()}
# Section 5.2: ||H(t) - H(0)||_F <= eps for every t, read at the worst time of the trained networks (dH, the sup over
# the horizon the simulation computes): the bound holds for every t exactly when it holds for that sup
_Q_WIDTH = (r"if $m = \mathcal{O}(\frac{n^6}{\epsilon^2})$, then we get "
            r"$\|\boldsymbol{H}(t) - \boldsymbol{H}(0)\|_F \leq \epsilon$")
_WIDTH_READ = {_parsed(_Q_WIDTH, formula=1).lhs: dH}

_dw, _xv = sp.symbols("dw1:3", real=True), sp.symbols("x1:3", real=True)
_hk = sp.symbols("h1:3", nonnegative=True)                        # interval lengths of a piecewise-constant velocity
_vk = sp.symbols("v11 v12 v21 v22", real=True)
_vpieces = [_vk[0:2], _vk[2:4]]
_E = sp.exp(lam0 * t / n)
# du/dt = -(1/n) H l'(u, y) along the gradient flow, at larger sizes (gd.s3.dynamics and gd.s3.bracket_form's correction)
_DYNAMICS_BEYOND = AtSizes(generic_at(lambda g: g.dynamics(), lambda g: g.flow), sizes=GEN_BEYOND,
                           name="chain rule along the gradient flow at n = 3, p = 4")

CLAIMS = [
    Claim(
        id="gd.intro.generalization",
        kind="false", kind_why="A non sequitur: an optimization error going to zero does not indicate generalization, and the "
                 "cited paper [1] shows the opposite (networks fit random labels exactly, at chance on test data). The "
                 "correction keeps what holds, the optimization error going to zero, for any labels.",
        scaling=NETWORK.with_dims({R_test: (S_W * S_X)**2, R_null: (S_W * S_X)**2, L_train: (S_W * S_X)**2,
                                   L_start: (S_W * S_X)**2}),
        title="Introduction: the optimization error goes to zero, indicating that the models generalize ([1])",
        source=src("Introduction", r"in practice we find that the optimization error does go to zero while training, indicating that "
                                   r"these models do generalize quite well and reach the global minima.[1]"),
        statement=Statement(sp.Lt(R_test, R_null), assuming=[sp.Le(L_train, sp.Rational(1, 10**12) * L_start)]),
        checks=(Simulation(trained_generalization, name="trained predictors, teacher and random labels",
                           configurations=GENERALIZATION_SPACE),),
        correction=Correction(
            Statement(sp.Le(L_train, sp.Rational(1, 10**12) * L_start)),
            checks=(Simulation(trained_generalization, name="trained predictors, teacher and random labels",
                               configurations=GENERALIZATION_SPACE),),
            why="The trained network interpolates random labels as well as a teacher's (the optimization error is 0 in both "
                "cases), but on random labels its test risk is above that of predicting 0 (1.1 to 2.5 against 1): the "
                "experiment of [1]. That the optimization error goes to zero is what the note proves; generalization "
                "needs labels that depend on the input and an argument of its own.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.theorem1_1",
        title="Theorem 1.1: poly(n) width and GD find an approximate global minimum in polynomial time",
        source=src("1 Main Result", r"If the width of each layer is poly(n) where n is the number of data."),
        statement=Statement(sp.Ge(m, sp.Function("poly")(n))),
        checks=(Untestable("a theorem about deep networks of depth L from the cited papers, with unspecified "
                           "polynomials and 'a particular scaling'; the cited papers also assume data with no two parallel "
                           "inputs (lambda_0 > 0, a separation delta), on which their polynomials depend, and hold with "
                           "probability 1 - delta over the initialisation: hypotheses the statement omits. The two-layer "
                           "case is checked in Section 5, its time bound in gd.s1.time"),),
        expected=Verdict.INCONCLUSIVE,
    ),
    Claim(
        id="gd.s1.time",
        kind="hypothesis", kind_why="The cited theorems (Du et al. '18 for two layers; Allen-Zhu et al. '18, Zou and Gu '19 for "
                 "depth L) assume data with no two parallel inputs (lambda_0 = lambda_min(H*) > 0; a separation delta), hold with "
                 "probability 1 - delta over the initialisation, and their widths and times are polynomial in 1/lambda_0 (1/delta) "
                 "too. The note's poly(log(1/eps), n, L) drops that hypothesis and that variable; the correction restores both.",
        scaling=NETWORK.with_dims({T_eps: S_X**-2, eps: (S_W * S_X)**2, R0: S_W * S_X, L_depth: 1, C_poly: 1, k_poly: 1})
                       .fixing(S_W, S_X, why="unit inputs, w_r ~ N(0, I) and labels +-1 fix the units of time and loss: "
                                             "the polynomial's arguments are numbers"),
        title="Section 1: GD reaches |f(w) - f(w*)| <= eps in time poly(log(1/eps), n, L) (two layers, the NTK regime)",
        source=src("1 Main Result", r"If gradient descent approximates the global minimum w^* as follows: $|f(w) - f(w^*)| \le \epsilon$, "
                                    r"then the convergence time would of the form $poly(\log(\frac{1}{\epsilon}), n, L)$."),
        statement=Statement(sp.Le(T_eps, C_poly * (sp.log(1 / eps) + n + L_depth) ** k_poly)),
        checks=tuple(Simulation(polynomial_times(c, k), name=f"times of the kernel flow on arcs of inputs, C_p = {c}, k_p = {k}",
                                rtol=1e-6, configurations=TIME_SPACE) for c, k in POLYNOMIALS),
        depends_on=("gd.theorem1_1",),
        correction=Correction(
            # below the initial loss R_0^2/(2n) (at or above it T_eps = 0 and the logarithm is not positive)
            Statement(sp.Le(T_eps, n / (2 * lam0) * sp.log(R0**2 / (2 * n * eps))),
                      assuming=[sp.Ge(LambdaMin(Hs), lam0), sp.Lt(eps, R0**2 / (2 * n))]),
            checks=(Simulation(convergence_times, name="times of the kernel flow on arcs of inputs", rtol=1e-6,
                               configurations=TIME_SPACE),),
            why="At fixed n, eps and L the time is not bounded: two unit inputs theta apart have lambda_min(H*) ~ theta/(2 pi), "
                "and labels of opposite signs put the residual in that eigendirection, so the loss e^{-2 lambda_0 t/n}/2 takes "
                "a time ~ 1/theta (5e7 at theta = 1e-6), above any fixed polynomial of (log(1/eps), n, L). With "
                "lambda_min(H*) >= lambda_0 > 0 (the cited papers' data assumption) the loss is at most "
                "(1/2n)||u(0) - y||^2 e^{-2 lambda_0 t/n}, equal for those labels: the time is polynomial in 1/lambda_0 too "
                "(for eps below the initial loss R_0^2/(2n); at or above it T_eps = 0).",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s2.loss_gradient",
        title="Section 2: dL/dtheta = (1/n) sum_i l'(u_i, y_i) du_i/dtheta",
        source=src("2 Gradient Flow", r"\frac{\partial \mathcal{L}(\theta)}{\partial \theta} = \frac{1}{n} \sum_{i=1}^{n} \ell'(u_i(t), y_i) \cdot \frac{\partial u_i(t)}{\partial \theta}"),
        statement=Statement(sp.Eq(sp.Matrix([Lp.diff(p) for p in p_]),
                                  sp.Matrix([sum(lprime(up[i], y_[i]) * up[i].diff(p) for i in range(N_DATA)) / N_DATA for p in p_]),
                                  evaluate=False)),
        checks=(Identity(sizes={"n": 2, "p": 2}, name="chain rule"),
                AtSizes(generic_at(lambda g: g.loss_gradient()), sizes=GEN_BEYOND, name="chain rule at n = 3, p = 4")),
        expected=Verdict.SUPPORTED,  # proved for n = p = 2; supported beyond (checked numerically at n = 3, p = 4)
    ),
    Claim(
        id="gd.s2.strongly_convex",
        title="Section 2: for a strongly convex loss the gradient flow converges to the unique minimiser theta*",
        source=src("2 Gradient Flow", r"by classical theory we know that there exists a unique global minimum θ^* s.t. $\theta(t) \to \theta^*$"),
        statement=Statement(sp.Le(Norm(th_t - th_s), Norm(th_0 - th_s) * sp.exp(-mu * t)), assuming=[sp.Ge(LambdaMin(Hess), mu)]),
        checks=(Simulation(strongly_convex_flows, name="logistic-plus-ridge and extremal quadratic losses in R^3",
                           configurations=CONVEX_SPACE),),
        depends_on=("gd.s2.loss_gradient",),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s2.no_unique_minimiser",
        scaling=NETWORK.with_dims({DISTINCT: 1}).fixing(S_W, why="the pair is built for Section 5's network at w_r ~ N(0, I), a_r = O(1) ""(its initialisation fixes the parameters' unit); the note says only theta_1 != theta_2, encoded as a distance >= 1 in that unit"),
        title="Section 2: an over-parameterised network (m = poly(n)) has many zero-loss parameters: no unique global minimiser",
        source=src("2 Gradient Flow", r"many combinations of parameters can give a training loss of zero i.e. there is no unique global minimizer"),
        statement=Statement(sp.And(sp.Eq(L_1, 0, evaluate=False), sp.Eq(L_2, 0, evaluate=False), sp.Ge(Norm(th_1 - th_2), 1), sp.Ge(N_J, 1)),
                            assuming=[sp.Gt(m, n)]),
        checks=(Simulation(zero_loss_pairs, name="interpolating two-layer ReLU networks, m > n", scale="L_scale",
                           configurations=MIN_SPACE),),
        correction=Correction(
            Statement(sp.And(sp.Eq(L_1, 0, evaluate=False), sp.Eq(L_2, 0, evaluate=False), sp.Ge(Norm(th_1 - th_2), 1), sp.Ge(N_J, 1)),
                      assuming=[sp.Gt(m, n), sp.Eq(DISTINCT, 1)]),
            why="Two equal inputs with different labels leave every parameter a positive loss, at every width: zero training "
                "loss needs pairwise distinct inputs (for this bias-free ReLU network, non-parallel ones; unit inputs are "
                "parallel only when equal), the data assumption of the cited results.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s3.chain_rule",
        title="Section 3: du_i/dt = <du_i/dtheta, -(1/n) sum_j l'(u_j, y_j) du_j/dtheta>",
        source=src("3 Dynamics of the prediction function", r"= \left\langle \frac{\partial u_i(t)}{\partial \theta}, -\frac{1}{n} \sum_{j=1}^n \ell'(u_j(t), y_j) \cdot \frac{\partial u_j(t)}{\partial \theta(t)} \right\rangle"),
        statement=Statement(sp.Eq(dudt, sp.Matrix([(grad_u(i).T * (-sum((lprime(u_[j], y_[j]) * grad_u(j) for j in range(N_DATA)), sp.zeros(2, 1)) / N_DATA))[0]
                                                     for i in range(N_DATA)]), evaluate=False)),
        checks=(Identity(sizes={"n": 2, "p": 2}, name="chain rule along the gradient flow", flow=THETA_FLOW, instances=GEN_INSTANCES, domains=GEN_DOMAINS),
                AtSizes(generic_at(lambda g: g.chain_rule(), lambda g: g.flow), sizes=GEN_BEYOND,
                        name="chain rule along the gradient flow at n = 3, p = 4")),
        depends_on=("gd.s2.loss_gradient",),
        expected=Verdict.SUPPORTED,  # proved for n = p = 2; supported beyond (checked numerically at n = 3, p = 4)
    ),
    Claim(
        id="gd.s3.bracket_form",
        title="Section 3: du_i/dt = [l'(u_1, y_1), ..., l'(u_n, y_n)] . [<du_i/dtheta, du_1/dtheta>, ...]",
        source=src("3 Dynamics of the prediction function", r"= \left[\ell'(u_1(t), y_1), \dots, \ell'(u_n(t), y_n) \right] \cdot"),
        statement=Statement(sp.Eq(dudt, H_GEN * LP, evaluate=False)),
        checks=(Identity(sizes={"n": 2, "p": 2}, name="chain rule along the gradient flow", flow=THETA_FLOW, instances=GEN_INSTANCES, domains=GEN_DOMAINS),),
        depends_on=("gd.s3.chain_rule",),
        correction=Correction(
            Statement(sp.Eq(dudt, -H_GEN * LP / N_DATA, evaluate=False)),
            checks=(Identity(sizes={"n": 2, "p": 2}, name="chain rule along the gradient flow", flow=THETA_FLOW, instances=GEN_INSTANCES, domains=GEN_DOMAINS),
                    _DYNAMICS_BEYOND),
            why="The factor -1/n of the previous line is dropped when the inner product is rewritten as a product of two vectors.",
            expected=Verdict.SUPPORTED),  # proved for n = p = 2; supported beyond (checked numerically at n = 3, p = 4)
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s3.dynamics",
        title="Section 3: du/dt = -(1/n) H(t) l'(u(t), y)",
        source=src("3 Dynamics of the prediction function", r"\frac{d\boldsymbol{u}(t)}{dt} = -\frac{1}{n}\boldsymbol{H}(t)\boldsymbol{\ell}'(\boldsymbol{u}(t),\boldsymbol{y})"),
        statement=Statement(sp.Eq(dudt, -H_GEN * LP / N_DATA, evaluate=False)),
        checks=(Identity(sizes={"n": 2, "p": 2}, name="chain rule along the gradient flow", flow=THETA_FLOW, instances=GEN_INSTANCES, domains=GEN_DOMAINS),
                _DYNAMICS_BEYOND),
        expected=Verdict.SUPPORTED,  # proved for n = p = 2; supported beyond (checked numerically at n = 3, p = 4)
    ),
    Claim(
        id="gd.s3.square_loss",
        scaling=SQUARE,
        title="Section 3: for l = (1/2)||u - y||^2, du/dt = -(1/n) H(t) (u - y)",
        source=src("3 Dynamics of the prediction function", r"\frac{d\boldsymbol{u}(t)}{dt} = -\frac{1}{n}\boldsymbol{H}(t)(\boldsymbol{u}(t) - \boldsymbol{y})"),
        statement=Statement(sp.Eq(dudt, -H_GEN * sp.Matrix([u_[i] - y_[i] for i in range(N_DATA)]) / N_DATA, evaluate=False)),
        checks=(Identity(sizes={"n": 2, "p": 2}, name="chain rule along the square-loss flow",
                         flow={th: -sp.diff(sum((u_[i] - y_[i]) ** 2 / 2 for i in range(N_DATA)) / N_DATA, th) for th in theta}),
                AtSizes(generic_at(lambda g: g.residual_dynamics(), lambda g: g.gradient_flow(g.square_loss())),
                        sizes=GEN_BEYOND, name="chain rule along the square-loss flow at n = 3, p = 4")),
        depends_on=("gd.s3.dynamics",),
        expected=Verdict.SUPPORTED,  # proved for n = p = 2; supported beyond (checked numerically at n = 3, p = 4)
    ),
    Claim(
        id="gd.theorem3_1",
        scaling=SQUARE,
        title="Theorem 3.1: lambda_min(H(t)) >= lambda_0 gives global convergence, (1/2)||u - y||^2 <= C e^{-lambda_0 t/n}",
        source=src("Theorem 3.1", r"If $\exists \lambda_0 > 0 \ \forall t \ s.t. \ \lambda_{min}(\boldsymbol{H}(t)) \geq \lambda_0$, then we get global convergence for gradient flow."),
        statement=Statement(sp.Le(Norm(u_t - y) ** 2 / 2, Norm(u_0 - y) ** 2 / 2 * sp.exp(-lam0 * t / n)),
                            assuming=[sp.Ge(LambdaMin(H_t), lam0)]),
        checks=(Simulation(convergence_flows, name="flows with time-varying and extremal H(t)", configurations=CONVERGENCE_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.theorem3_1.energy",
        scaling=SQUARE,
        title="Theorem 3.1 proof: d/dt (1/2)||u - y||^2 = -(1/n) (u - y)^T H (u - y)",
        source=src("Theorem 3.1 (proof)", r"= -\frac{1}{n}(\boldsymbol{u}(t)-\boldsymbol{y})^{\top}\boldsymbol{H}(t)(\boldsymbol{u}(t)-\boldsymbol{y})"),
        statement=Statement(ENERGY),
        checks=(Identity(sizes={"n": 2}, name="along du/dt = -(1/n) H (u - y)", flow=U_FLOW),
                AtSizes(lambda n: along(*energy(n)[:2]), sizes={"n": (3, 5)}, name="along du/dt = -(1/n) H (u - y) at n = 3, 5")),
        depends_on=("gd.s3.square_loss",),
        expected=Verdict.SUPPORTED,  # proved for n = 2; supported beyond (checked numerically at n = 3, 5)
    ),
    Claim(
        id="gd.theorem3_1.lambda_min",
        scaling=SQUARE,
        title="Theorem 3.1 proof: -(1/n) v^T H v <= -(lambda_0/n) ||v||^2 when lambda_min(H) >= lambda_0",
        source=src("Theorem 3.1 (proof)", r"\leq -\frac{\lambda_{0}}{n}\|\boldsymbol{u}(t)-\boldsymbol{y}\|^{2}"),
        statement=Statement(sp.Le(-(v_.T * H_PSD * v_)[0] / n, -lam0 / n * (v_.T * v_)[0])),
        checks=(Inequality(name="Rayleigh bound", domains={str(s): Domain(-10, 10) for s in (*v_, *b, *c_)}),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.theorem3_1.product_rule",
        scaling=SQUARE,
        title="Theorem 3.1 proof: d/dt (e^{lambda_0 t/n} (1/2) V) = (lambda_0/2n) e^{.} V + e^{.} d(V/2)/dt",
        source=src("Theorem 3.1 (proof)", r"= \frac{\lambda_0}{2n} \exp\left(\frac{\lambda_0 t}{n}\right) \|\boldsymbol{u}(t) - \boldsymbol{y}\|^2 + \frac{d\left(\frac{1}{2} \|\boldsymbol{u}(t) - \boldsymbol{y}\|^2\right)}{dt} \exp\left(\frac{\lambda_0 t}{n}\right)"),
        statement=Statement(sp.Eq(sp.Derivative(_E * V(t) / 2, t), lam0 / (2 * n) * _E * V(t) + sp.Derivative(V(t) / 2, t) * _E, evaluate=False)),
        checks=(Identity(name="product rule"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="gd.theorem3_1.product_bound",
        scaling=SQUARE,
        title="Theorem 3.1 proof: the derivative is <= e^{lambda_0 t/n} V (lambda_0/2n - lambda_0/n)",
        source=src("Theorem 3.1 (proof)", r"\leq \exp\left(\frac{\lambda_0 t}{n}\right) \|\boldsymbol{u}(t) - \boldsymbol{y}\|^2 \left(\frac{\lambda_0}{2n} - \frac{\lambda_0}{n}\right)"),
        statement=Statement(sp.Le(lam0 / (2 * n) * _E * Vs + Ds * _E, _E * Vs * (lam0 / (2 * n) - lam0 / n)),
                            assuming=[sp.Le(Ds, -lam0 / n * Vs)]),
        checks=(Inequality(name="the first display's bound"),),
        depends_on=("gd.theorem3_1.lambda_min", "gd.theorem3_1.product_rule"),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="gd.theorem3_1.negative",
        scaling=SQUARE,
        title="Theorem 3.1 proof: e^{lambda_0 t/n} V (lambda_0/2n - lambda_0/n) < 0",
        source=src("Theorem 3.1 (proof)", r"\left(\frac{\lambda_0}{2n} - \frac{\lambda_0}{n}\right) < 0"),
        statement=Statement.from_quote(SYMBOLS),
        checks=(Inequality(name="sign"),),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="gd.theorem3_1.monotone",
        scaling=SQUARE.with_dims({C: S_U**2}),
        title="Theorem 3.1 proof: a decreasing e^{lambda_0 t/n} (1/2)||u - y||^2 stays below its value C at t = 0",
        source=src("Theorem 3.1 (proof)", _Q_MONOTONE),
        statement=Statement.from_quote(SYMBOLS, assuming=[sp.Le(sp.Derivative(psi(t), t), 0)], where=_PSI_READ),
        checks=(Gronwall(name="comparison ODE"),),
        depends_on=("gd.theorem3_1.negative",),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="gd.theorem3_1.rate",
        scaling=SQUARE.with_dims({C: S_U**2}),
        title="Theorem 3.1 proof: (1/2)||u(t) - y||^2 <= C exp(-lambda_0 t/n)",
        source=src("Theorem 3.1 (proof)", _Q_RATE),
        statement=Statement.from_quote(SYMBOLS, assuming=[sp.Le(sp.Derivative(phi(t), t), PHI_BOUND)], where=_PHI_READ),
        checks=(Gronwall(name="comparison ODE of the first display"),),
        depends_on=("gd.theorem3_1.lambda_min", "gd.theorem3_1.monotone"),
        correction=Correction(
            Statement(sp.Le(phi(t), phi(0) * sp.exp(-2 * lam0 * t / n)), assuming=[sp.Le(sp.Derivative(phi(t), t), PHI_BOUND)]),
            why="The first display gives d(phi)/dt <= -(2 lambda_0/n) phi for phi = (1/2)||u - y||^2; the integrating factor "
                "e^{2 lambda_0 t/n} (not e^{lambda_0 t/n}) gives the rate 2 lambda_0/n, which is attained when H = lambda_0 I.",
            expected=Verdict.PROVED),
        expected=Verdict.LOOSE,
    ),
    Claim(
        id="gd.theorem3_1.limit",
        scaling=SQUARE.with_dims({C: S_U**2}),
        title="Theorem 3.1: the loss bound tends to 0 (linear convergence)",
        source=src("Theorem 3.1 (proof)", r"As $t \to \infty$, the loss converges linearly to 0 with $\boldsymbol{u}(t) \to \boldsymbol{y}$."),
        statement=Statement(sp.Eq(sp.Limit(C * sp.exp(-lam0 * t / n), t, sp.oo), 0, evaluate=False)),
        checks=(Identity(name="limit"),),
        depends_on=("gd.theorem3_1.rate",),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="gd.s4.kernel_gram",
        title="Section 4: for u_i = phi(x_i)^T theta, H_ij = <phi(x_i), phi(x_j)> = K(x_i, x_j)",
        source=src("4 Gradient Flow for Kernel Regression", r"H_{i,j}(t) = \left\langle \frac{\partial u_i(t)}{\partial \theta(t)}, \frac{\partial u_j(t)}{\partial \theta(t)} \right\rangle = \left\langle \phi(x_i), \phi(x_j) \right\rangle = K(x_i, x_j)"),
        statement=Statement(sp.Eq(Jk * Jk.T, Phi_ * Phi_.T, evaluate=False)),
        checks=(Identity(name="Jacobian Gram matrix (matrix symbols, any n and p)"),),
        expected=Verdict.PROVED,     # general: Phi an n x p matrix symbol
    ),
    Claim(
        id="gd.s4.universal",
        scaling=SCALING.with_dims({DISTINCT: 1}),
        title="Section 4: a universal kernel's Gram matrix is positive definite (lambda_0 > 0)",
        source=src("4 Gradient Flow for Kernel Regression", r"Also, in general, if the kernel is universal, the result holds and hence we get global convergence."),
        statement=Statement(sp.Eq(Rank(Kmat), n)),
        checks=(Simulation(gaussian_grams, name="Gaussian-kernel Gram matrices, random, duplicated and equally spaced points",
                           configurations=GRAM_SPACE),),
        correction=Correction(
            Statement(sp.Eq(Rank(Kmat), n), assuming=[sp.Eq(DISTINCT, 1)]),
            why="A universal kernel's Gram matrix is positive definite on distinct points only: two equal inputs give two "
                "equal rows (rank n - 1, lambda_min = 0), and with different labels no predictor fits both, so there is no "
                "global convergence to zero loss. The cited results assume distinct (non-parallel) inputs.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s5.nonconvex",
        scaling=NETWORK.with_dims({L_mid: (S_W * S_X)**2}),
        title="Section 5: with only the first layer trained the objective is still nonconvex",
        source=src("5 Gradient Flow for Neural Networks", r"The problem still continues to be nonconvex despite this assumption."),
        statement=Statement(sp.Gt(L_mid, (L_1 + L_2) / 2)),
        checks=(Simulation(midpoint_gaps, name="midpoint convexity of the first-layer objective, W_2 = -W_1",
                           configurations=NONCONVEX_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5.objective",
        kind="constant", kind_why="The written objective (1/n) sum (f - y)^2 lacks the factor 1/2: the correction changes the objective "
                 "the flow is simulated from (to 1/(2n)), not the relation.",
        scaling=SQUARE,
        title="Section 5: the objective (1/n) sum (f - y)^2 and du/dt = -(1/n) H(t) (u - y)",
        source=src("5 Gradient Flow for Neural Networks", r"\min_{w_1,\dots,w_m} \frac{1}{n} \sum_{i=1}^n f(x_i, \boldsymbol{a}, \boldsymbol{w}) - y_i)^2"),
        statement=Statement(sp.Eq(dudt, -H_GEN * RES_GEN / N_DATA, evaluate=False)),
        checks=(Identity(sizes={"n": 2, "p": 2}, name="chain rule along the written objective's flow", flow=gen_flow(OBJECTIVE_AS_WRITTEN),
                         instances=GEN_INSTANCES, domains=GEN_DOMAINS),),
        correction=Correction(
            Statement(sp.Eq(dudt, -H_GEN * RES_GEN / N_DATA, evaluate=False)),
            checks=(Identity(sizes={"n": 2, "p": 2}, name="chain rule along the 1/(2n) objective's flow", flow=gen_flow(OBJECTIVE_HALF)),
                    AtSizes(generic_at(lambda g: g.residual_dynamics(), lambda g: g.gradient_flow(g.square_loss())),
                            sizes=GEN_BEYOND, name="chain rule along the 1/(2n) objective's flow at n = 3, p = 4")),
            why="The written objective (1/n) sum (f - y)^2 lacks Section 3's 1/2 and its flow is du/dt = -(2/n) H (u - y); "
                "with (1/2n) sum (f - y)^2 the stated dynamics hold (the misplaced parenthesis is a typo).",
            expected=Verdict.SUPPORTED),  # proved for n = p = 2; supported beyond (checked numerically at n = 3, p = 4)
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s5.ntk_definition",
        scaling=NETWORK,
        title="Section 5: H* = lim_m E <df(x_i)/dw, df(x_j)/dw> (the expectation is the same at every width)",
        source=src("5 Gradient Flow for Neural Networks", r"H_{i,j}^* = \lim_{m \to \infty} \mathbb{E}_{w \sim \boldsymbol{D}_{init}} \left\langle \frac{\partial f(x_i, a, w)}{\partial w(t)}, \frac{\partial f(x_j, a, w)}{\partial w(t)} \right\rangle"),
        statement=Statement(sp.Eq(Zs, Kmat, evaluate=False)),
        checks=(MonteCarlo(tangent_grams, name="finite-difference gradients at widths 1 to 8", configurations=TANGENT_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5.h_blocks",
        scaling=NETWORK,
        title="Section 5: H_ij(t) = sum_r <du_i/dw_r, du_j/dw_r>",
        source=src("5 Gradient Flow for Neural Networks", r"= \sum_{r=1}^m \left\langle \frac{\partial u_i(t)}{\partial w_r(t)}, \frac{\partial u_j(t)}{\partial w_r(t)} \right\rangle"),
        statement=Statement(sp.Eq(H_NET, sp.Matrix(2, 2, lambda i, j: sum((grad_w(i, r).T * grad_w(j, r))[0] for r in range(M_NET))), evaluate=False)),
        checks=(Identity(sizes={"n": 2, "m": 2, "d": 2}, name="blocks of the Jacobian"),
                AtSizes(network_at(lambda net: sp.Eq(net.H, net.blocks(), evaluate=False)), sizes=NET_BEYOND,
                        name="blocks of the Jacobian at n = m = d = 3")),
        expected=Verdict.SUPPORTED,  # proved for n = m = d = 2; supported beyond (checked numerically at n = m = d = 3)
    ),
    Claim(
        id="gd.s5.gradient",
        scaling=NETWORK,
        title="Section 5: du_i/dw_r = (1/sqrt m) sum_{r=1}^m a_r x_i 1{w_r^T x_i >= 0}",
        source=src("5 Gradient Flow for Neural Networks", r"\frac{\partial u_i(t)}{\partial w_r(t)} = \frac{1}{\sqrt{m}} \sum_{r=1}^m a_r x_i \mathbb{1}\{w_r(t)^\top x_i \ge 0\}"),
        statement=Statement(sp.Eq(GRAD_LHS, sp.Matrix([list(stated_gradient(i, r)) for i in range(2) for r in range(M_NET)]), evaluate=False)),
        checks=(Identity(sizes={"n": 2, "m": 2, "d": 2}, name="derivative of the network (ReLU at random points)", instances=RELU_INSTANCE, domains=NET_DOMAINS),),
        correction=Correction(
            Statement(sp.Eq(GRAD_LHS, sp.Matrix([list(true_gradient(i, r)) for i in range(2) for r in range(M_NET)]), evaluate=False)),
            checks=(Identity(sizes={"n": 2, "m": 2, "d": 2}, name="derivative of the network (ReLU at random points)", instances=RELU_INSTANCE, domains=NET_DOMAINS),
                    AtSizes(network_at(lambda net: sp.Eq(net.gradient_lhs(), net.gradient(net.true_gradient), evaluate=False)),
                            sizes=NET_BEYOND, name="derivative of the network at n = m = d = 3")),
            why="w_r enters only the r-th neuron: the derivative has no sum over r (as the next line, which uses "
                "a_r x_i 1{w_r^T x_i >= 0} / sqrt(m), assumes).",
            expected=Verdict.SUPPORTED),  # proved for n = m = d = 2; supported beyond (checked numerically at n = m = d = 3)
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s5.h_inner",
        scaling=NETWORK,
        title="Section 5: H_ij(t) = sum_r (1/m) <a_r x_i 1{.}, a_r x_j 1{.}>",
        source=src("5 Gradient Flow for Neural Networks", r"\therefore H_{i,j}(t) = \sum_{r=1}^m \frac{1}{m} \left\langle a_r x_i \mathbb{1}\{w_r(t)^\top x_i \ge 0\}, a_r x_j \mathbb{1}\{w_r(t)^\top x_j \ge 0\} \right\rangle"),
        statement=Statement(sp.Eq(H_NET, INNER, evaluate=False)),
        checks=(Identity(sizes={"n": 2, "m": 2, "d": 2}, name="Jacobian Gram matrix"),
                AtSizes(network_at(lambda net: sp.Eq(net.H, net.inner(), evaluate=False)), sizes=NET_BEYOND,
                        name="Jacobian Gram matrix at n = m = d = 3")),
        depends_on=("gd.s5.gradient", "gd.s5.h_blocks"),
        expected=Verdict.SUPPORTED,  # proved for n = m = d = 2; supported beyond (checked numerically at n = m = d = 3)
    ),
    Claim(
        id="gd.s5.h_indicator",
        scaling=NETWORK,
        title="Section 5: H_ij(t) = (1/m) x_i^T x_j sum_r 1{w_r^T x_i >= 0, w_r^T x_j >= 0} (a_r = +-1)",
        source=src("5 Gradient Flow for Neural Networks", r"= \frac{1}{m} x_i^\top x_j \sum_{r=1}^m \mathbb{1}\{w_r(t)^\top x_i \ge 0, w_r(t)^\top x_j \ge 0\}"),
        statement=Statement(sp.Eq(INNER_PM, INDICATOR, evaluate=False)),
        checks=(Identity(sizes={"n": 2, "m": 2, "d": 2}, name="a_r^2 = 1"),
                AtSizes(network_at(lambda net: sp.Eq(net.inner_pm(), net.indicator(), evaluate=False)), sizes=NET_BEYOND,
                        name="a_r^2 = 1 at n = m = d = 3")),
        depends_on=("gd.s5.h_inner",),
        expected=Verdict.SUPPORTED,  # proved for n = m = d = 2; supported beyond (checked numerically at n = m = d = 3)
    ),
    Claim(
        id="gd.proposition5_1",
        scaling=NETWORK,
        title="Proposition 5.1: H(t) ~ H* for the two-layer network, sup_t ||H(t) - H*||_F = O(1/sqrt m)",
        source=src("Proposition 5.1", r"Proposition 5.1. $H(t) \approx H^*$ in the case of the 2 layer neural network."),
        statement=Statement(sp.Eq(dHs, sp.O(1 / sp.sqrt(m), (m, sp.oo)), evaluate=False)),
        checks=(OrderFit(ntk_deviation, name="deviation from the NTK in m", configurations=FULL_HORIZON),),
        depends_on=("gd.s5.h_indicator", "gd.s5_2.ntk_closed_form"),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5_1.hoeffding",
        scaling=NETWORK.with_dims({eps: S_Z}).fixing(S_Z, why="Theorem 5.2 is for |Z_i| <= 1"),
        title="Theorem 5.2 (Hoeffding): n = Omega(log(1/delta)/eps^2) gives |mean - E| <= eps w.p. 1 - delta",
        source=src("5.1 Claim 1: Initialization", r"If $n = \Omega\left(\frac{\log(1/\delta)}{\epsilon^2}\right)$ where $0 < \delta, \epsilon < 1$, then with probability $(1 - \delta)$"),
        statement=Statement(sp.Ge(Prob(sp.Le(sp.Abs(Zbar - EZ), eps)), 1 - delta), assuming=[sp.Ge(n, C * sp.log(1 / delta) / eps**2)]),
        checks=tuple(Probability(bounded_means(c), name=f"bounded means at C = {c}, the smallest delta = exp(-n eps^2/C)",
                                 configurations=hoeffding_space(c)) for c in (1, 4, 16)),
        correction=Correction(
            Statement(sp.Ge(Prob(sp.Le(sp.Abs(Zbar - EZ), HOEFFDING_RADIUS)), 1 - delta)),
            checks=(Probability(bounded_means(), name="means of Rademacher, biased-sign and uniform variables",
                                configurations=HOEFFDING_CORRECTED_SPACE),
                    Derivation(name="Hoeffding's tail 2 exp(-n s^2/2) = delta",
                               derived=sp.Ge(Prob(sp.Le(sp.Abs(Zbar - EZ), HOEFFDING_RADIUS)), 1 - delta))),
            why="For any constant C, delta close to 1 makes C log(1/delta)/eps^2 < 1, so n = 1 is allowed and a single "
                "Rademacher variable (|Z| = 1 > eps) fails the bound. Hoeffding's two-sided tail for Z in [-1, 1] needs "
                "n >= 2 log(2/delta)/eps^2 (the stated form holds with C = 4 for delta <= 1/2).",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s5_1.ntk_expectation",
        scaling=NETWORK,
        title="Section 5.1: H*_ij = E_{w ~ N(0, I)} x_i^T x_j 1{w^T x_i >= 0, w^T x_j >= 0}",
        source=src("5.1 Claim 1: Initialization", r"H_{i,j}^* = \mathbb{E}_{w \sim \mathbb{N}(0,I)} x_i^\top x_j \mathbb{1}\{w^\top x_i \ge 0, w^\top x_j \ge 0\}"),
        statement=Statement(sp.Eq(Zs, Kmat, evaluate=False)),
        checks=(MonteCarlo(indicator_products, name="indicator products against the closed form",
                           configurations=INDICATOR_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5_1.entry_concentration",
        scaling=NETWORK.fixing(S_X, why="Theorem 5.2 (|Z_i| <= 1) applied to the terms x_i^T x_j 1{.} needs |x_i^T x_j| <= 1: "
                                        "unit inputs (Section 5.2, assumption 3)"),
        title="Section 5.1: at Hoeffding's per-entry width, |H_ij(0) - H*_ij| <= eps for the entries (all of them, as the next step uses)",
        source=src("5.1 Claim 1: Initialization", r"So, when *m* is large enough, we get $|H_{i,j}(0) - H_{i,j}^*| \le \epsilon$."),
        statement=Statement(sp.Ge(Prob(sp.Le(MaxEntry(sp.Abs(H0 - Hs)), eps)), 1 - delta), assuming=[sp.Ge(m, WIDTH_PER_ENTRY)]),
        checks=(Probability(initial_grams, name="H(0) at the per-entry Hoeffding width", configurations=ENTRY_SPACE),),
        depends_on=("gd.s5_1.hoeffding", "gd.s5_1.ntk_expectation"),
        correction=Correction(
            Statement(sp.Ge(Prob(sp.Le(MaxEntry(sp.Abs(H0 - Hs)), eps)), 1 - delta), assuming=[sp.Ge(m, WIDTH_UNION)]),
            checks=(Probability(initial_grams, name="H(0) at the Hoeffding width with a union bound", configurations=ENTRY_UNION_SPACE),),
            why="Hoeffding applied to one entry bounds that entry with probability 1 - delta; the next step (the Frobenius "
                "norm) needs all n^2 entries at once, which per-entry Hoeffding gives only with probability 1 - n^2 delta. "
                "With n orthonormal inputs the diagonal entries are independent and each leaves [1/2 - eps, 1/2 + eps] with "
                "probability ~1/64 at the per-entry width (eps = 0.49, delta = 0.95, m = 7): all 400 stay within eps with "
                "probability 0.002 < 0.05. A union bound over the n^2 entries (delta/n^2 per entry) gives the width.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s5_1.frobenius",
        scaling=NETWORK,
        title="Section 5.1: ||H* - H(0)||_F <= sum_ij |H_ij(0) - H*_ij| <= n^2 eps",
        source=src("5.1 Claim 1: Initialization", r"\therefore ||\mathbf{H}^* - \mathbf{H}(0)||_F \le \sum_{i,j} |H_{i,j}(0) - H_{i,j}^*| \le n^2 \epsilon"),
        statement=Statement(sp.Le(FrobNorm(Hs - H0), n**2 * eps), assuming=[sp.Le(MaxEntry(sp.Abs(Hs - H0)), eps)]),
        checks=(Simulation(frobenius_samples, name="initial Gram matrices, random and identical inputs", configurations=FROBENIUS_SPACE),
                Derivation(name="sqrt of the sum of n^2 squared entries", derived=sp.Le(FrobNorm(Hs - H0), FROB_FROM_ENTRIES))),
        depends_on=("gd.s5_1.entry_concentration",),
        correction=Correction(
            Statement(sp.Le(FrobNorm(Hs - H0), n * eps), assuming=[sp.Le(MaxEntry(sp.Abs(Hs - H0)), eps)]),
            why="||A||_F = sqrt(sum_ij A_ij^2) <= sqrt(n^2 eps^2) = n eps; bounding it by the sum of |entries| loses a factor n.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.LOOSE,
    ),
    Claim(
        id="gd.s5_2.ntk_closed_form",
        scaling=NETWORK.with_dims({"r": S_W, "phi": 1}).fixing(S_W, S_X, why=GAUSSIAN_WHY),
        title="Section 5.2: for unit inputs H*_ij = x_i^T x_j (pi - arccos x_i^T x_j) / (2 pi)",
        source=src("5.2 Claim 2: Training", r"$H_{i,j}^* = x_i^\top x_j \left(\frac{\pi - \arccos x_i^\top x_j}{2\pi}\right)$"),
        statement=Statement(sp.Eq(rho * orthant_probability_integral(rho), relu_ntk_entry(rho), evaluate=False)),
        checks=(Identity(name="Gaussian integral over the wedge (polar coordinates)", domains={"rho": Domain(-1, 1)}),),
        depends_on=("gd.s5_1.ntk_expectation",),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="gd.s5_2.lazy_scaling",
        scaling=NETWORK,
        title="Section 5.2 (lazy training): max_r sup_t ||w_r(t) - w_r(0)|| = O(1/sqrt m)",
        source=src("5.2 Claim 2: Training", r"Every weight vector only moves a little bit, and this change scales with $\frac{1}{\sqrt{m}}$."),
        statement=Statement(sp.Eq(D_sup, sp.O(1 / sp.sqrt(m), (m, sp.oo)), evaluate=False)),
        checks=(OrderFit(lazy_displacement, name="displacement order in m", configurations=HORIZON_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5_2.path_length",
        scaling=NETWORK.with_dims({str(h): S_X**-2 for h in _hk} | {str(v): S_W * S_X**2 for v in _vk}),
        title="Section 5.2: ||w_r(t) - w_r(0)|| = ||int_0^t dw_r/dtau dtau|| <= int_0^t ||dw_r/dtau|| dtau",
        source=src("5.2 Claim 2: Training", r"\|w_{r}(t) - w_{r}(0)\|_{2} = \left\| \int_{0}^{t} \frac{dw_{r}(\tau)}{d\tau} d\tau \right\| \leq \int_{0}^{t} \left\| \frac{dw_{r}(\tau)}{d\tau} \right\| d\tau"),
        statement=Statement(sp.Le(sp.sqrt(sum(sum(h * v[k] for h, v in zip(_hk, _vpieces)) ** 2 for k in range(2))),
                                  sum(h * sp.sqrt(v[0]**2 + v[1]**2) for h, v in zip(_hk, _vpieces)))),
        checks=(Inequality(name="triangle inequality for a piecewise-constant velocity",
                           domains={**{str(h): Domain(0, 5) for h in _hk}, **{str(v): Domain(-10, 10) for v in _vk}}),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5_2.velocity",
        scaling=NETWORK,
        title="Section 5.2: ||dw_r/dtau|| = ||(1/sqrt m)(1/n) sum_i (u_i - y_i) a_r x_i 1{w_r^T x_i >= 0}||",
        source=src("5.2 Claim 2: Training", r"= \int_{0}^{t} \left\| \frac{1}{\sqrt{m}} \frac{1}{n} \sum_{i=1}^{n} (u_{i}(\tau) - y_{i}) a_{r} x_{i} \mathbb{1}\{w_{r}^{\top} x_{i} \geq 0\} \right\| d\tau"),
        statement=Statement(sp.Eq(VEL_FLOW, -VEL_STATED, evaluate=False)),
        checks=(Identity(sizes={"n": 2, "m": 2, "d": 2}, name="gradient of (1/2n) sum (u - y)^2"),
                AtSizes(network_at(lambda net: sp.Eq(net.velocity_flow(), -net.velocity_stated(), evaluate=False)),
                        sizes=NET_BEYOND, name="gradient of (1/2n) sum (u - y)^2 at n = m = d = 3")),
        depends_on=("gd.s5.gradient",),
        expected=Verdict.SUPPORTED,  # proved for n = m = d = 2; supported beyond (checked numerically at n = m = d = 3)
    ),
    Claim(
        id="gd.s5_2.displacement_linear",
        kind="hypothesis", kind_why="The step assumes u_i(tau) constant on [0, t] (so that the integrand is the constant C); "
                 "along the flow u(tau) moves to y and the activation patterns change, so the integrand at tau = 0 does "
                 "not bound it. The correction bounds the integrand by ||u(0) - y||/sqrt(n), which needs no such assumption.",
        scaling=UNIT_INPUTS,
        title="Section 5.2: ||w_r(t) - w_r(0)|| <= C int_0^t (1/sqrt m) dtau <= Ct/sqrt(m), C the integrand at u(tau) = u(0)",
        source=src("5.2 Claim 2: Training", _Q_DISPLACEMENT),
        statement=Statement.from_quote(_DISPLACEMENT_SYMBOLS, where=_DISPLACEMENT_READ),
        checks=(Simulation(displacement_bound, name="trained networks of widths 16 and 256, n = 1 and 3", rtol=1e-6,
                           configurations=TRAINED_SPACE),),
        depends_on=("gd.s5_2.velocity",),
        correction=Correction(
            Statement(sp.Le(D_r, R0 * t / sp.sqrt(n * m))),
            checks=(Simulation(displacement_bound, name="trained networks of widths 16 and 256, n = 1 and 3", rtol=1e-6,
                               configurations=TRAINED_SPACE),
                    Simulation(extremal_displacement, name="identical inputs with equal residuals, widths 1, 2 and 8, n = 4",
                               rtol=1e-6, configurations=EXTREMAL_DISPLACEMENT_SPACE)),
            why="u(tau) is not constant: the residual rotates and the patterns change, and a neuron's integrand can grow "
                "above its value at tau = 0 (n = 3: the displacement exceeds C t/sqrt(m) by up to ~50%). With ||x_i|| = 1 "
                "and |a_r| = 1 the integrand is at most (1/n) sum_i |u_i - y_i| <= ||u(tau) - y||/sqrt(n) <= ||u(0) - y||/sqrt(n) "
                "(the residual's norm does not increase: d||u - y||^2/dt = -(2/n)(u - y)^T H (u - y) <= 0), a constant C "
                "valid for every t.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s5_2.pattern_change",
        scaling=NETWORK,
        title="Section 5.2: H_ij(t) - H_ij(0) <= (1/m) x_i^T x_j (#changes at x_i + #changes at x_j)",
        source=src("5.2 Claim 2: Training", r"&\le \frac{1}{m} x_i^\top x_j \sum_{r=1}^m \mathbb{1}\{sgn(w_r(t)^\top x_i) \ne sgn(w_r(0)^\top x_i)\} \\ &+ \frac{1}{m} x_i^\top x_j \sum_{r=1}^m \mathbb{1}\{sgn(w_r(t)^\top x_j) \ne sgn(w_r(0)^\top x_j)\}"),
        statement=Statement(sp.Le(x_ij * (N_t - N_0) / m, x_ij * F_i / m + x_ij * F_j / m)),
        checks=(Simulation(pattern_configurations, name="every pattern of m <= 3 neurons, x_i.x_j in [-1, 1] (exact enumeration)",
                           configurations=PATTERN_SPACE),),
        depends_on=("gd.s5.h_indicator",),
        correction=Correction(
            Statement(sp.Le(sp.Abs(x_ij * (N_t - N_0) / m), sp.Abs(x_ij) * F_i / m + sp.Abs(x_ij) * F_j / m)),
            why="Multiplying |1_r(t) - 1_r(0)| <= 1{change at x_i} + 1{change at x_j} by x_i^T x_j reverses the inequality "
                "when x_i^T x_j < 0 (a neuron leaving the joint pattern then raises H_ij); bound the absolute value with |x_i^T x_j|.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s5_2.anti_concentration",
        scaling=STANDARD_NORMAL,
        title="Section 5.2: Gaussian anti-concentration P(|Z| < R) <= 2R/sqrt(2 pi)",
        source=src("5.2 Claim 2: Training", r"\mathcal{P}_{Z \sim \mathcal{N}(0,I)}(|Z| < R) \le \frac{2R}{\sqrt{2\pi}}"),
        statement=Statement(sp.Ge(Prob(sp.Ge(sp.Abs(Zs), R)), 1 - 2 * R / sp.sqrt(2 * sp.pi))),
        checks=(Derivation(name="the density is at most 1/sqrt(2 pi)",
                           derived=sp.Ge(Prob(sp.Ge(sp.Abs(Zs), R)), 1 - sp.Integral(GAUSS_DENSITY.subs(z_, 0), (z_, -R, R)))),
                Probability(normal_laws, name="Pr(|Z| < R) in closed form, Z ~ N(0, I_d)", configurations=ANTI_EXACT_SPACE),
                Probability(normal_draws, name="standard normal draws, Z ~ N(0, I_d)", configurations=ANTI_SAMPLED_SPACE)),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5_2.rotational",
        scaling=NETWORK.with_dims({Zs: S_W * S_X, s_: 1 / (S_W * S_X)}).fixing(S_W, S_X, why=GAUSSIAN_WHY),
        title="Section 5.2: w^T x_i ~ N(0, 1) for w ~ N(0, I) and ||x_i|| = 1",
        source=src("5.2 Claim 2: Training", r"then by rotational symmetry, we have $w_r(0)^\top x_i \sim \mathcal{N}(0, 1)$ where $||x_i||_2 = 1$."),
        statement=Statement(sp.Eq(sp.cos(s_ * Zs), sp.exp(-s_**2 / 2), evaluate=False)),
        checks=(MonteCarlo(rotation_draws, name="characteristic function of w^T x", configurations=ROTATION_SPACE),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5_2.delta_w",
        scaling=UNIT_INPUTS.with_dims({K: S_W}),
        title="Section 5.2: Delta w = O(1/sqrt m) from the lazy-training bound (uniform in t)",
        source=src("5.2 Claim 2: Training", r"then we know that $\Delta w \to 0$ as $m \to \infty$ because $\Delta w = \mathcal{O}(\frac{1}{\sqrt{m}})$ (from the lazy training regime)."),
        statement=Statement(sp.Le(Dw, K / sp.sqrt(m))),
        checks=(Derivation(name="the lazy-training bound C t / sqrt(m)", derived=sp.Le(Dw, DISPLACEMENT_NOTE)),),
        depends_on=("gd.s5_2.displacement_linear",),
        tested_by=("gd.s5_2.lazy_scaling",),           # max_r sup_t ||w_r(t) - w_r(0)|| = O(1/sqrt m), fitted
        correction=Correction(
            Statement(sp.Le(Dw, sp.sqrt(n) * R0 / (sp.sqrt(m) * lam0))),
            checks=(Derivation(name="integral of ||u(tau) - y|| / sqrt(nm) with ||u - y|| <= R_0 e^{-lambda_0 tau/n}",
                               derived=sp.Le(Dw, DISPLACEMENT_UNIFORM)),
                    Simulation(uniform_displacement, name="trained networks of widths 16 and 256, n = 1 and 3",
                               configurations=TRAINED_SPACE)),
            why="C t/sqrt(m) grows with t, so it gives no Delta w for the extension to t -> oo. The velocity is at most "
                "||u - y|| / sqrt(nm) and ||u(t) - y|| <= ||u(0) - y|| e^{-lambda_0 t/n} (Theorem 3.1), whose integral is finite.",
            expected=Verdict.SUPPORTED),
        expected=Verdict.GAP,
    ),
    Claim(
        id="gd.s5_2.sign_preserved",
        scaling=UNIT_INPUTS,
        title="Section 5.2: |w_r(0)^T x_i| >= Delta w keeps the sign of w_r(t)^T x_i",
        source=src("5.2 Claim 2: Training", r"Suppose $|w_r(0)^{\top} x_i| \ge \Delta w$, then we can say $sgn(w_r(t)^{\top} x_i) = sgn(w_r(0)^{\top} x_i)$"),
        statement=Statement(sp.Ge(a_ * b_, 0), assuming=[sp.Le(sp.Abs(b_ - a_), Dw), sp.Le(Dw, sp.Abs(a_))]),
        checks=(Inequality(name="sign of the product", domains={"a": Domain(-10, 10), "b": Domain(-10, 10), "Delta_w": Domain(1e-3, 10, log=True)}),
                Simulation(sign_flow, name="trained networks of widths 16 and 256, n = 1 and 3", configurations=TRAINED_SPACE)),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5_2.cauchy_schwarz",
        scaling=NETWORK,
        title="Section 5.2: |w_r(t)^T x_i - w_r(0)^T x_i| <= ||x_i|| ||w_r(t) - w_r(0)||",
        source=src("5.2 Claim 2: Training", r"|w_r(t)^{\top} x_i) - w_r(0)^{\top} x_i| \le ||x_i||_2 ||w_r(t) - w_r(0)||_2"),
        statement=Statement(sp.Le(sp.Abs(sum(p * q for p, q in zip(_dw, _xv))), sp.sqrt(sum(q**2 for q in _xv)) * sp.sqrt(sum(p**2 for p in _dw)))),
        checks=(Inequality(name="Cauchy-Schwarz", domains={str(v): Domain(-10, 10) for v in (*_dw, *_xv)}),),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5_2.pattern_probability",
        scaling=NETWORK.with_dims({Zs: S_W * S_X}).fixing(S_W, S_X, why=GAUSSIAN_WHY),
        title="Section 5.2: P(|w_r(0)^T x_i| < Delta w) <= 2 Delta w / sqrt(2 pi)",
        source=src("5.2 Claim 2: Training", r"\mathcal{P}(|w_r(0)^\top x_i| < \Delta w) \le \frac{2\Delta w}{\sqrt{2\pi}}"),
        statement=Statement(sp.Ge(Prob(sp.Ge(sp.Abs(Zs), Dw)), 1 - 2 * Dw / sp.sqrt(2 * sp.pi))),
        checks=(Probability(projection_draws, name="projections of N(0, I_d) on a unit vector", configurations=PROJECTION_SPACE),
                Probability(projection_laws, name="Pr(|w^T x| < Delta_w) in closed form, w^T x ~ N(0, 1)",
                            configurations=PROJECTION_EXACT_SPACE)),
        depends_on=("gd.s5_2.anti_concentration", "gd.s5_2.rotational"),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5_2.sign_change_limit",
        scaling=NETWORK,
        title="Section 5.2: the fraction of neurons whose sign at x_i changes, (1/m) sum_r 1{sgn changes}, is O(1/sqrt m) -> 0",
        source=src("5.2 Claim 2: Training", r"hence $\frac{1}{m} \sum_{r=1}^{m} \mathbb{1}\{sgn(w_r(t)^\top x_i) \neq sgn(w_r(0)^\top x_i)\} \to 0 \text{ as } m \to \infty$"),
        statement=Statement(sp.Eq(Fch, sp.O(1 / sp.sqrt(m), (m, sp.oo)), evaluate=False)),
        checks=(OrderFit(sign_change_fraction, name="sign-change fraction in m", configurations=HORIZON_SPACE),),
        depends_on=("gd.s5_2.pattern_probability", "gd.s5_2.delta_w"),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5_2.h_limit",
        scaling=NETWORK,
        title="Section 5.2: H(t) -> H(0) as m -> oo, at the rate O(1/sqrt m) of the argument",
        source=src("5.2 Claim 2: Training", r"This means that $H_{i,j}(t) \to H_{i,j}(0)$ as $m \to \infty$."),
        statement=Statement(sp.Eq(dH, sp.O(1 / sp.sqrt(m), (m, sp.oo)), evaluate=False)),
        checks=(OrderFit(gram_change, name="Gram matrix change in m", configurations=HORIZON_SPACE),),
        depends_on=("gd.s5_2.pattern_probability", "gd.s5_2.delta_w"),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="gd.s5_2.width",
        kind="hypothesis", kind_why="m = O(n^6/eps^2) is an upper bound on the width, which admits small widths where H moves "
                 "by more than eps; the argument needs a lower bound, which also depends on lambda_0 and ||u(0) - y||.",
        scaling=NETWORK.with_dims({rho_res: S_W * S_X}).fixing(S_W, S_X, why=GAUSSIAN_WHY),
        title="Section 5.2: m = O(n^6/eps^2) gives ||H(t) - H(0)||_F <= eps",
        source=src("5.2 Claim 2: Training", _Q_WIDTH),
        statement=Statement.from_quote(SYMBOLS, assuming=[sp.Le(m, C * n**6 / eps**2)], formula=1, where=_WIDTH_READ),
        checks=(Simulation(width_gram_change, name="trained networks of widths 4 and 16, n = 3 and 1, C = 1e-3, 1, 1e3",
                           configurations=WIDTH_SPACE),),
        depends_on=("gd.s5_2.pattern_probability", "gd.s5_2.delta_w"),
        correction=Correction(
            Statement(sp.Ge(m, C * n**6 * rho_res**2 / (lam0**2 * eps**2))),
            checks=(Derivation(name="width the pattern-change chain needs", derived=sp.Ge(m, WIDTH_NEEDED), constants=(C,)),),
            why="An upper bound on m cannot make H(t) close to H(0): the width must be at least of that order (Omega). "
                "The chain (Delta w <= sqrt(n)||u(0) - y||/(sqrt(m) lambda_0), Pr[change] <= 2 Delta w/sqrt(2 pi), "
                "|H_ij(t) - H_ij(0)| <= 2 of those, ||.||_F <= n^2 max entry) needs m >= 8 n^6 rho^2/(pi lambda_0^2 eps^2): "
                "the dependence on lambda_0 cannot be dropped (with ||.||_F <= n max entry, n^4 suffices).",
            expected=Verdict.PROVED),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s5_3.kernel_predictor",
        kind="hypothesis", kind_why="K_te (H*)^{-1} y is the limit only when the network's output at initialisation vanishes "
                 "(f(theta(0), .) = 0), a hypothesis the note omits; the correction keeps the initial output.",
        scaling=NETWORK,
        title="Section 5.3: as m -> oo the trained network predicts K_te (H*)^{-1} y",
        source=src("5.3 Neural Nets as a Kernel Predictor", r"the predictor $f(\theta, X_{te})$ is equivalent to a kernel predictor $K_{te}(\mathbf{H}^*)^{-1}\mathbf{y}$"),
        statement=Statement(sp.Eq(F_TE_LIMIT, (Kte * Hsym.inv() * ysym)[0], evaluate=False)),
        checks=(Identity(sizes={"n": 2}, name="limit of the kernel dynamics (integrated from 0 to oo)", domains=KP_DOMAINS),),
        correction=Correction(
            Statement(sp.Eq(F_TE_LIMIT, f0 + (Kte * Hsym.inv() * (ysym - u0sym))[0], evaluate=False)),
            checks=(Identity(sizes={"n": 2}, name="limit of the kernel dynamics (integrated from 0 to oo)", domains=KP_DOMAINS),
                    AtSizes(lambda n: kernel_predictor_at(n), sizes={"n": (3, 4)}, domains=kp_domains(4),
                            name="limit of the kernel dynamics at n = 3, 4")),
            why="The network's output at initialisation does not vanish as m -> oo (f(theta(0), x) is O(1), a Gaussian "
                "process): it stays in the limit, which is the kernel predictor only for f(theta(0), .) = 0.",
            expected=Verdict.SUPPORTED),  # proved for n = 2; supported beyond (checked numerically at n = 3, 4)
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="gd.s5_3.trained_networks",
        because_of="gd.s5_3.kernel_predictor",
        scaling=NETWORK,
        title="Section 5.3 on trained networks: |f(theta(T), X_te) - K_te (H*)^{-1} y| -> 0 as m -> oo",
        source=src("5.3 Neural Nets as a Kernel Predictor", r"the predictor $f(\theta, X_{te})$ is equivalent to a kernel predictor $K_{te}(\mathbf{H}^*)^{-1}\mathbf{y}$"),
        statement=Statement(sp.Eq(E_kp, sp.O(1 / sp.sqrt(m), (m, sp.oo)), evaluate=False)),
        checks=(OrderFit(trained_predictor_error(False), name="trained networks against the written kernel predictor",
                         configurations=PREDICTOR_SPACE),),
        depends_on=("gd.s5_3.kernel_predictor", "gd.proposition5_1"),
        correction=Correction(
            Statement(sp.Eq(E_kc, sp.O(1 / sp.sqrt(m), (m, sp.oo)), evaluate=False)),
            checks=(OrderFit(trained_predictor_error(True), name="trained networks against the corrected kernel predictor",
                             configurations=PREDICTOR_SPACE),),
            why="The trained network keeps its O(1) output at initialisation: its error against K_te (H*)^{-1} y stays "
                "O(1) at every width, while against f(theta(0), X_te) + K_te (H*)^{-1} (y - u(0)) it decays like 1/sqrt(m).",
            expected=Verdict.SUPPORTED),
        expected=Verdict.REFUTED,
    ),
]

# the claims still stated in SymPy although their quotes parse, and why (tests/notes/test_statements_from_quotes.py)
# The shared obstacles: declared noncommutative, bold u, y, H and x_i^T x_j, w^T x_i keep their order, but the
# model's matrices substituted into the parse evaluate the equation, and an expectation stands opposite the side the
# Monte Carlo check samples; a sum over a
# symbolic n or m, checked at n = m = 2; limits in m ("-> 0", "~") checked at the rate O(1/sqrt m) of the lazy-training
# argument, which the quote does not write.
STATED_IN_SYMPY: dict[str, str] = {
    # the quote's formulas are not the statement checked: a definition, a hypothesis, a limit in words
    "gd.s1.time": "the quote's |f(w) - f(w*)| <= eps defines T_eps and poly(log(1/eps), n, L) is an unspecified polynomial (no "
                  "relation): the statement bounds T_eps by the family C_p (log(1/eps) + n + L)^k_p the simulations search",
    "gd.s2.strongly_convex": "the quote's theta(t) -> theta* is checked as the classical contraction ||theta(t) - theta*|| <= "
                             "||theta(0) - theta*|| e^{-mu t} under lambda_min(Hess) >= mu, a stronger statement than the "
                             "limit (which is not evaluable on finite flows)",
    "gd.theorem3_1.limit": "the quote says in words that the loss converges linearly to 0 (its formulas are t -> oo and u(t) -> y); "
                           "the statement is the limit of the proof's bound, lim_{t -> oo} C e^{-lambda_0 t/n} = 0",
    "gd.s5_1.hoeffding": "the quote's formula n = Omega(log(1/delta)/eps^2) is the hypothesis, encoded with the constant C; the "
                         "conclusion Pr(|Zbar - E Z| <= eps) >= 1 - delta is its 'with probability (1 - delta)' in words",
    "gd.s5_1.entry_concentration": "the quote's |H_ij(0) - H*_ij| <= eps holds over the draw at a width left to 'large enough': the "
                                   "statement is Pr(max_ij |H(0) - H*|_ij <= eps) >= 1 - delta at Hoeffding's per-entry width",
    "gd.s5_2.sign_preserved": "the quote's hypothesis |w_r(0)^T x_i| >= Delta w and conclusion sgn(.) = sgn(.) are two formulas "
                              "(each parses as written: Delta w declared, sgn the sign): the claim is their implication, sign "
                              "agreement as a b >= 0 for a = w_r(0)^T x_i, b = w_r(t)^T x_i, |b - a| <= Delta w",
    # O(.), ~ and -> statements, encoded with the rate or the constant the note's argument gives
    "gd.proposition5_1": "the quote's H(t) \\approx H* (parsed as Approx(H(t), H*)) states no rate; the claim is sup_t ||H(t) - "
                         "H*||_F = O(1/sqrt m), the lazy-training rate the order fit in m checks",
    "gd.s5_2.delta_w": "the quote's Delta w = O(1/sqrt m) (parsed as Delta_w = CalO(1/sqrt(m))), used for every t, is checked "
                       "as Delta w <= K/sqrt(m) with K free of t",
    "gd.s5_2.sign_change_limit": "the quote's '-> 0 as m -> oo' (parsed as Tends(.., 0) under m -> oo, sgn the sign) is "
                                 "checked at the rate O(1/sqrt m) of the lazy-training argument (the order fit of the "
                                 "sign-change fraction in m)",
    "gd.s5_2.h_limit": "the quote's H_ij(t) -> H_ij(0) as m -> oo is checked at the rate O(1/sqrt m) of the argument, the order "
                       "fit of ||H(t) - H(0)|| in m",
    # distributions and expectations, checked through a closed form or by sampling
    "gd.s5.ntk_definition": "the quote's limit in m of an expectation is checked by Monte Carlo at widths 1 to 8 without the limit "
                            "(the expectation is the same at every width): Gram entries of finite-difference gradients (Z) "
                            "against the closed form K",
    "gd.s5_1.ntk_expectation": "with x_i, x_j, w declared noncommutative the quote parses in order (H*_ij = E_w Transposed(x_i) "
                               "x_j 1{Transposed(w) x_i >= 0, ...}), but the Monte Carlo check samples its left side: the "
                               "statement is Z = K, sampled indicator products (Z) against the closed form K, the quote's sides "
                               "swapped, which no reading does",
    "gd.s5_2.ntk_closed_form": "the quote parses as written (H*_ij = x_i^T x_j (pi - arccos(x_i^T x_j))/(2 pi)), but the check is "
                               "Section 5.1's expectation as a Gaussian integral over the wedge (polar coordinates) against the "
                               "closed form, at rho = x_i^T x_j of unit inputs (x_i^T x_j is a factor of a product, which no "
                               "reading replaces by rho)",
    "gd.s5_2.rotational": "the quote's w_r(0)^T x_i ~ N(0, 1) (parsed Sim(.), in order with w_r, x_i declared noncommutative) is "
                          "a law, not a relation: "
                          "it is checked through its characteristic function E cos(s Z) = e^{-s^2/2}",
    "gd.s5_2.anti_concentration": "the check derives Pr(|Z| >= R) >= 1 - int_{-R}^{R} (density at 0), the complement of the "
                                  "quote's P_{Z ~ N(0, I)}(|Z| < R) <= 2R/sqrt(2 pi) (whose law is the simulators')",
    "gd.s5_2.pattern_probability": "the quote parses as written (P(|w_r(0)^T x_i| < Delta w) <= 2 Delta w/sqrt(2 pi)); the "
                                   "claim is its complement, Pr(|Z| >= Delta w) >= 1 - 2 Delta w/sqrt(2 pi) for Z = w_r(0)^T x_i "
                                   "~ N(0, 1) (the rotational step)",
    # vectors and matrices of the generic model and of the network, checked at fixed sizes
    "gd.s2.loss_gradient": "the quote's sum over i = 1..n of indexed u_i(t) is checked as the vector identity dL/dp_k at n = p = 2 "
                           "(and at n = 3, p = 4): a symbolic sum is not read as its n = 2 instance",
    "gd.s3.dynamics": "checked as the vector identity at n = p = 2 on the generic model; declared noncommutative, bold u, H, l' "
                      "keep their order (-(1/n) H(t) l'(u(t), y)), but reading them as the model's 2 x 2 matrices needs the "
                      "size n = 2 and the substitution evaluates the equation",
    "gd.s3.square_loss": "checked as the vector identity at n = p = 2 on the generic model; declared noncommutative, bold u, y, H "
                         "keep their order (-(1/n) H(t)(u(t) - y)), but reading them as the model's matrices needs the size "
                         "n = 2 and the substitution evaluates the equation",
    "gd.s4.kernel_gram": "the quote's chain is entrywise (H_ij = <du_i/dtheta, du_j/dtheta> = <phi(x_i), phi(x_j)> = K(x_i, x_j)); "
                         "the check is the matrix identity J J^T = Phi Phi^T for u = Phi theta, Phi an n x p matrix symbol",
    "gd.s5.gradient": "checked at n = m = d = 2, entrywise for every du_i/dw_r with the note's sum over r; the quote's sum over a "
                      "symbolic m of an indexed w_r(t) is not read as that instance",
    "gd.s5.h_inner": "checked as the 2 x 2 matrix H at n = m = d = 2 with the note's sum over r; the quote's entry H_ij(t) with a sum "
                     "over a symbolic m is not read as that instance",
    "gd.s5_2.path_length": "the quote's integrals of an unspecified velocity are checked as the triangle inequality for a "
                           "piecewise-constant velocity in R^2 (two pieces), the finite form of ||int v|| <= int ||v||",
    "gd.s5_1.frobenius": "the quote's chain ||H* - H(0)||_F <= sum_ij |.| <= n^2 eps is checked by its two ends (no step of it "
                         "is), under max_ij |H*_ij - H_ij(0)| <= eps as the previous step gives",
    # quotes that do not parse, or do not state the relation checked
    "gd.s3.bracket_form": "the quote is the first half of a product split over two lines ([l'(u_1, y_1), ..., l'(u_n, y_n)] .), "
                          "and the parser does not read \\dots in a list; the check is the n = p = 2 vector identity",
    "gd.theorem3_1": "the quote's formula is the hypothesis (exists lambda_0 > 0 for all t, lambda_min(H(t)) >= lambda_0) and its "
                     "conclusion is prose ('global convergence'), encoded as the rate of the proof",
    "gd.s5.objective": "the quote is the objective (with a stray parenthesis, so it does not parse); the claim checks the dynamics "
                       "du/dt = -(1/n) H(t)(u - y) along that objective's flow",
    "gd.s5_2.cauchy_schwarz": "the quote has a stray parenthesis (|w_r(t)^T x_i) - w_r(0)^T x_i|), so it does not parse; the check "
                              "is Cauchy-Schwarz for Delta w, x in R^2",
}
