"""Note 004 (kernel and rich regimes): the note's errors are found by the checks (the large-z expansion, the
prediction order, the q/r potentials, Gunasekar's dynamics, the affine model's alpha^d, the Delta(Dh) bound,
Barron's dropped square, the linearised flow's "unique" minimiser, the "strict" local minimiser after Theorem 2.5, the
ReLU networks' homogeneity with biases), and the Convergence check rejects a wrong limit on the note's own sequences.

Each claim's evaluations come from the session's one run of the built-in claims (``evaluated``,
tests/notes/conftest.py); quotes, ids and every verdict against its oracle are checked for all notes in
tests/notes/test_claims.py."""
from __future__ import annotations


import numpy as np
import sympy as sp

import claims.note004_kernel_rich as note
from tests.helpers import by_id
from verify.maths.kernels import arccos, empirical_ntk, ntk_limit  # noqa: F401
from verify.checks import convergence
from verify.maths import regimes as R
from verify.core.model import Budget, Context, Outcome, Statement, Verdict

BY_ID = by_id(note)


def check(evaluation, name):
    return next(c for c in evaluation.checks if c.check == name)


# ---------------------------------------------------------------------------------------------
# the note's claims
# ---------------------------------------------------------------------------------------------

def test_large_z_expansion_misses_linear_term(evaluated):
    statement, correction = evaluated("kr.q.large_z")
    assert statement.checks[0].outcome is Outcome.FAILS and statement.checks[0].evidence["ratio_limit"] == "-oo"
    assert correction.checks[0].outcome is Outcome.HOLDS


def test_theorem_2_2_prediction_order_is_one_over_alpha(evaluated):
    statement, correction = evaluated("kr.theorem2_2.predictions")
    lo, hi = statement.checks[0].evidence["slope_interval"]
    assert -2 + 0.15 < lo < -1 < hi < -0.5
    assert correction.checks[0].outcome is Outcome.HOLDS


def test_q_and_r_differ_by_two_in_the_kernel_limit_and_a_log_in_the_rich_limit(evaluated):
    statement, correction = evaluated("kr.remark_r.limits")
    assert statement.checks[0].outcome is Outcome.FAILS and "oo" in statement.checks[0].summary
    assert correction.checks[0].outcome is Outcome.HOLDS


def test_gunasekar_dynamics_sign_and_commutator_are_found(evaluated):
    x_stmt, x_corr = evaluated("kr.gunasekar.x_dynamics")
    u_stmt, u_corr = evaluated("kr.gunasekar.u_dynamics")
    assert x_stmt.checks[0].outcome is Outcome.FAILS and x_corr.checks[0].outcome is Outcome.HOLDS
    assert u_stmt.checks[0].outcome is Outcome.FAILS and "counterexample" in u_stmt.checks[0].evidence


def test_arora_formula_fails_only_without_balancedness(evaluated):
    statement, correction = evaluated("kr.arora.theorem3")
    sim = statement.checks[0]
    # the search stops at its first failing configuration: its precise margin is well beyond the tolerance
    assert sim.outcome is Outcome.FAILS and sim.evidence["relative_margin_precise"] < -10 * sim.evidence["rtol"]
    assert sim.evidence["instance"]["imbalance"] > 0          # the violation is at an unbalanced start
    assert correction.checks[0].outcome is Outcome.HOLDS and correction.checks[0].evidence["hypotheses_held"] > 0


def test_theorem_2_4_threshold_matches_the_proof_and_is_twice_note_000s_when_h0_vanishes(evaluated):
    threshold, _ = evaluated("kr.theorem2_4.threshold")
    assert threshold.verdict is Verdict.PROVED
    vs, corr = evaluated("kr.theorem2_4.threshold_vs_note000")
    assert vs.verdict is Verdict.LOOSE and "16" in vs.checks[0].summary
    assert corr.verdict is Verdict.PROVED
    assert sp.simplify(note.C0_NEEDED - note.C0_STATED) == 0


def test_theorem_2_4_bound_agrees_with_note_000_term_by_term(evaluated):
    statement, _ = evaluated("kr.theorem2_4.bound")
    names = [c.check for c in statement.checks]
    assert "note 000's corrected bound (lazy.theorem.bound)" in names
    assert all(c.outcome is Outcome.HOLDS for c in statement.checks)


def test_output_input_scaling_counterexample(evaluated):
    statement, correction = evaluated("kr.setup.output_input_scaling")
    assert "counterexample" in statement.checks[0].evidence
    # derived on a fixed-size instance (d = 2): its scope is stated and it is supported, not proved
    assert correction.verdict is Verdict.SUPPORTED
    assert correction.findings == ["scope: proved for d = 2; supported beyond (checked numerically at d = 3)"]


# ---------------------------------------------------------------------------------------------
# the Convergence check on the note's own sequences
# ---------------------------------------------------------------------------------------------

def test_convergence_refutes_a_wrong_limit_on_a_claims_own_sequence():
    """The depth-D minimisers tend to the l2 solution as alpha -> oo; against the l1 solution the
    distance settles (steps shrink like alpha^-4) and the check fails, replayed precisely."""
    grid = np.array([2.0, 4.0, 8.0, 16.0, 32.0])
    simulate = lambda ctx, precise: note.depth_sequence(ctx, grid)          # noqa: E731
    ctx = Context(claim_id="kr.theorem3.kernel_limit")
    to_l2 = Statement(sp.Eq(sp.Limit(note.beta_inf, note.alpha, sp.oo), note.beta_l2, evaluate=False))
    to_l1 = Statement(sp.Eq(sp.Limit(note.beta_inf, note.alpha, sp.oo), note.beta_l1, evaluate=False))
    assert convergence.Convergence(simulate, tol=1e-3).run(to_l2, ctx).outcome is Outcome.HOLDS
    wrong = convergence.Convergence(simulate, tol=1e-3).run(to_l1, ctx)
    assert wrong.outcome is Outcome.FAILS and wrong.evidence["settled_elsewhere"] > 0


# ---------------------------------------------------------------------------------------------
# the claims added for 1.3, 1.5, 2.1, Theorem 2.5's remark and Jacot et al.'s Theorem 2
# ---------------------------------------------------------------------------------------------


def test_zero_is_a_critical_point_so_the_not_a_saddle_check_fails_there(evaluated):
    # the remark's check must fail where the gradient vanishes (w = 0), and the Hessian there is diag(-4X^Ty, 4X^Ty)
    rng = np.random.default_rng(4)
    X, y = rng.standard_normal((1, 4, 8)), rng.standard_normal((1, 4))
    zero = np.zeros((1, 8))
    grad, hess = R.diagonal_loss_derivatives(X, y, zero, zero)
    assert np.all(grad == 0)
    xty = np.einsum("bnd,bn->bd", X, y)[0]
    assert np.allclose(np.diag(hess[0]), np.concatenate([-4 * xty, 4 * xty]))
    assert np.allclose(hess[0], np.diag(np.diag(hess[0])))
    statement, _ = evaluated("kr.generalisation.saddle_at_zero")
    assert statement.checks[0].outcome is Outcome.HOLDS


def test_kernel_norm_is_proportional_to_l2_but_not_to_l1(evaluated):
    assert sp.simplify(note.K0_NORM - note.L2_NORM * sp.sqrt(2) / (4 * note.alpha)) == 0
    l1 = sum(sp.Abs(v) for v in note._b3)
    assert sp.simplify(note.K0_NORM / l1 - (note.K0_NORM / l1).subs(note._unit1)) != 0
    statement, _ = evaluated("kr.linreg.kernel_norm_l2")
    assert statement.verdict is Verdict.PROVED


def test_relative_change_rejects_a_wrong_constant(evaluated):
    from verify.checks.convergence import Convergence
    good, _ = evaluated("kr.chizat.relative_change")
    assert good.checks[0].outcome is Outcome.HOLDS
    wrong = Statement(sp.Eq(sp.Limit(note.Delta_F / (2 * note.eta * note.G_2 / note.F_0), note.eta, 0), 1, evaluate=False))
    ctx = Context(claim_id="kr.chizat.relative_change")
    assert Convergence(note.relative_change_steps, tol=1e-3).run(wrong, ctx).outcome is Outcome.FAILS


def test_flow_limit_on_the_figure_eight_is_a_strictly_worse_local_minimum(evaluated):
    statement, _ = evaluated("kr.theorem2_5.not_global")
    assert statement.checks[0].outcome is Outcome.HOLDS
    env = note.figure_eight_limits(Context(claim_id="kr.theorem2_5.not_global"), False, {"c": 1.0, "noise": 0.1})
    assert np.all(env["F_lim"] - env["F_min"] > 0.5 * env["F_lim"]) and np.all(env["is_global"] == 0)
    # the check fails where the flow's limit is a global minimiser: y* = 0 = h(w0), where the flow stays at w0
    flagged = note.figure_eight_limits(Context(claim_id="kr.theorem2_5.not_global"), False, {"c": 0.0, "noise": 0.0})
    assert np.all(flagged["is_global"] == 1)


def test_ntk_change_during_training_shrinks_with_width_and_is_not_o_m_minus_2(evaluated):
    statement, _ = evaluated("kr.ntk.theorem2")
    lo, hi = statement.checks[0].evidence["slope_interval"]
    assert hi < -0.5 and lo > -2 + 0.15            # at least m^(-1/2), far from m^(-2)


def test_limiting_ntk_is_positive_definite_but_singular_on_repeated_inputs(evaluated):
    X = np.array([[[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]])
    assert np.linalg.eigvalsh(ntk_limit(X))[0, 0] < 1e-12
    rng = np.random.default_rng(5)
    Y = rng.standard_normal((3, 5, 3))
    assert np.allclose(ntk_limit(Y)[1], ntk_limit(Y[1]))
    statement, _ = evaluated("kr.ntk.limit_positive_definite")
    assert statement.checks[0].outcome is Outcome.HOLDS


# ---------------------------------------------------------------------------------------------
# the claims added for 1.2 (affine model, RKHS-nearest limit), 2.1 (Delta(Dh)) and Arora et al.'s Theorem 2
# ---------------------------------------------------------------------------------------------

def test_affine_model_counts_alpha_to_the_d_twice_unless_unbiased(evaluated):
    statement, correction = evaluated("kr.kernel.affine_model_bias")
    check_ = statement.checks[0]
    assert check_.outcome is Outcome.FAILS and "oo" in check_.evidence["ratio_limit"]
    assert correction.checks[0].outcome is Outcome.HOLDS
    # the mismatch is exactly (1 - alpha^2) f(w(0), x): it vanishes at alpha = 1 and for an unbiased w(0)
    gap = sp.expand(note._f2(note._wt) - note._f_K_at.subs(note.e, 0))
    assert sp.simplify(gap - (1 - note.alpha**2) * note._f2(note._wt)) == 0
    unbiased = dict(zip(note._wt[2:], note._wt[:2]))                     # w_- = w_+
    assert sp.simplify(gap.subs(unbiased)) == 0


def test_rkhs_limit_is_the_weighted_not_the_plain_l2_solution(evaluated):
    statement, _ = evaluated("kr.kernel.rkhs_nearest")
    assert statement.checks[0].outcome is Outcome.HOLDS and statement.checks[0].evidence["decay_exponent"] > 1
    ctx = Context(claim_id="kr.kernel.rkhs_nearest")
    env = note.rkhs_sequence(ctx, False)                  # the note's data (N = 4, d = 8, |w0| in [0.5, 1.5])
    _, X, y = note.config_regression(ctx, "rkhs", {"w0_min": 0.5}, env["beta_inf"].shape[1])
    l2 = np.broadcast_to(R.l2_minimiser(X, y)[None], env["beta_inf"].shape)
    assert np.abs(env["beta_K"][-1] - l2[-1]).max() > 0.05              # random w0: K_0's norm is not ||.||_2
    wrong = Statement(sp.Eq(sp.Limit(note.beta_inf, note.alpha, sp.oo), note.beta_l2, evaluate=False))
    sim = lambda c, precise: {**note.rkhs_sequence(c, precise), "beta_l2": l2}          # noqa: E731
    assert convergence.Convergence(sim, tol=1e-3).run(wrong, ctx).outcome is Outcome.FAILS


def test_delta_dh_bound_fails_at_every_step_size_and_holds_with_the_segment_supremum(evaluated):
    statement, correction = evaluated("kr.chizat.delta_dh")
    sim = statement.checks[0]
    assert sim.outcome is Outcome.FAILS and sim.evidence["relative_margin_precise"] < -1e-3
    assert correction.checks[0].outcome is Outcome.HOLDS
    env = note.differential_change_steps(Context(claim_id="kr.chizat.delta_dh", check_name=sim.check,
                                                 budget=Budget.named("standard")), False)
    ratio = env["Delta_Dh"] / (env["eta"] * env["gradF_norm"] * env["D2h_norm"] / env["Dh_norm"])
    assert np.all((ratio > 1 + 1e-3).any(axis=0))                       # violated at eta = 1e-1, 1e-2 and 1e-3
    assert np.all(np.abs(ratio - 1).max(axis=0)[1:] < np.abs(ratio - 1).max(axis=0)[:-1])   # first order in eta


def test_arora_theorem2_limit_is_the_trace_minimiser_and_a_wrong_limit_is_rejected(evaluated):
    statement, _ = evaluated("kr.arora.theorem2")
    conv = statement.checks[0]
    assert conv.outcome is Outcome.HOLDS and conv.evidence["decay_exponent"] > 1
    ctx = Context(claim_id="kr.arora.theorem2")
    env = note.commuting_depth_limits(ctx, False)
    assert np.all(np.linalg.eigvalsh(env["W_nuc"][0]) > -1e-9)           # the target is PSD
    # the limit of the flow at alpha = 1 (a point of the sequence, not its limit) must be rejected as the limit
    wrong_target = env["W_deep"][0]
    wrong = Statement(sp.Eq(sp.Limit(note.W_deep, note.alpha, 0), sp.Symbol("W_wrong"), evaluate=False))
    sim = lambda c, precise: {**note.commuting_depth_limits(c, precise),                 # noqa: E731
                              "W_wrong": np.broadcast_to(wrong_target[None], env["W_deep"].shape)}
    assert convergence.Convergence(sim, tol=1e-3).run(wrong, ctx).outcome is not Outcome.HOLDS


def test_scaling_analysis_finds_the_dropped_square_in_barrons_risk_bound(evaluated):
    """lambda > 5b^2/3 scales as the square of the outputs, E||f - f_hat|| as the outputs: the risk bound is on
    the squared L2 risk. The refutation comes from the scaling analysis alone (the bound is not computable)."""
    from verify.checks.scaling import analyse
    claim = BY_ID["kr.barron1993b.theorem2"]
    found = analyse(claim.statement, claim.scaling).violations
    assert found and "risk scales as [h]" in str(found[0]) and "[h]^2" in str(found[0])
    assert not analyse(claim.correction.statement, claim.scaling).violations
    statement, correction = evaluated(claim.id)
    assert statement.verdict == Verdict.REFUTED and correction.verdict == Verdict.INCONCLUSIVE
    assert [c.outcome for c in statement.checks if c.check == "scaling"] == [Outcome.FAILS]


def test_scaling_analysis_counts_alpha_to_the_d_once_too_often_in_the_affine_model():
    from verify.checks.scaling import analyse
    claim = BY_ID["kr.kernel.affine_model_bias"]
    assert any("[w]^4*[x]" in str(v) for v in analyse(claim.statement, claim.scaling).violations)
    assert not analyse(claim.correction.statement, claim.scaling).violations


def test_scaling_analysis_flags_only_the_notes_errors():
    """Every other statement and correction is scale-consistent (Theorem 2's inhomogeneous rich threshold, a
    hypothesis, pins [w]: it is reported, and its simulation spreads ||beta_l1||_1 over six decades, where it holds)."""
    from verify.checks.scaling import analyse
    flagged = {"kr.barron1993b.theorem2", "kr.barron1993b.theorem2_minimum_complexity", "kr.kernel.affine_model_bias"}
    for c in BY_ID.values():
        for st in [c.statement] + ([c.correction.statement] if c.correction else []):
            assert (st is c.statement and c.id in flagged) or not analyse(st, c.scaling).violations, c.id
    rich = BY_ID["kr.theorem2.rich"]
    pinned = analyse(rich.statement, rich.scaling)
    assert not pinned.violations and pinned.absorbed and "pins [w]" in pinned.pins[0]
    env = note.theorem2_rich(Context(seed=0, claim_id=rich.id, check_name="t"), False)
    n1 = env["N1_star"][:, 0]
    assert n1.max() / n1.min() > 1e4


def test_relative_change_check_kills_a_mutant_that_diverges():
    """Delta(F) / (eta^2 ||grad F||^2 / F) ~ 1/eta: the step's relative change is linear in eta, not quadratic."""
    claim = BY_ID["kr.chizat.relative_change"]
    wrong = Statement(sp.Eq(sp.Limit(note.Delta_F / (note.eta**2 * note.G_2 / note.F_0), note.eta, 0), 1, evaluate=False))
    result = claim.checks[0].run(wrong, Context(claim_id=claim.id, check_name=claim.checks[0].name))
    assert result.outcome is Outcome.FAILS and result.evidence["diverging"] > 0


# ---------------------------------------------------------------------------------------------
# the claims added from the coverage ledger (prose assertions of 1.6, 2.3 and 8.1)
# ---------------------------------------------------------------------------------------------

def test_strict_minimiser_fails_exactly_where_the_rank_is_deficient():
    """Theorem 2.5's limit is strict when Dh(w0) is injective and flat along ker P when rank Dh = r < p."""
    ctx = Context(claim_id="kr.theorem2_5.strict_minimiser")
    for r, flat in ((1, True), (2, False)):
        env = note.strict_minimiser(ctx, False, {"n": 2, "p": 2, "r": r, "alpha": 64.0})
        assert np.all((env["sublevel_radius"] > 0) == flat) and np.all(env["rank"] == r)


def test_strict_minimiser_is_refuted_and_its_correction_needs_the_rank_hypothesis(evaluated):
    statement, correction = evaluated("kr.theorem2_5.strict_minimiser")
    sim = statement.checks[0]
    assert sim.outcome is Outcome.FAILS
    assert correction.verdict is Verdict.SUPPORTED and correction.checks[0].evidence["hypotheses_held"] > 0


def test_linearised_minimiser_is_unique_only_without_a_kernel():
    """Fbar_alpha's minimisers form w* + ker Dh(w0): a point for p <= n, a (p - n)-dimensional set for p > n;
    the flow converges to the one nearest w0, and against another minimiser the correction's bound fails."""
    ctx = Context(claim_id="kr.lazy.linearised_minimiser")
    for n, p in ((3, 2), (2, 2), (2, 5)):
        env = note.linearised_minimisers(ctx, False, {"n": n, "p": p, "kappa": 2.0})
        assert np.all(env["argmin_dim"] == max(p - n, 0))
    env = note.linearised_minimisers(ctx, False, {"n": 2, "p": 5, "kappa": 2.0})
    ok = env["dist_t"] <= env["dist_0"] * np.exp(-env["rate"] * env["t"]) * (1 + 1e-6)
    assert ok.all()


def test_rich_limit_of_a_general_w0_rejects_the_weighted_l2_solution():
    """The alpha -> 0 sequence with random w0 tends to beta_l1; against the minimum-l2 interpolant it settles away."""
    from verify.maths.regimes import l2_minimiser
    ctx = Context(claim_id="kr.rich.w0_independent")
    config = {"N": 4, "d": 8, "cond": 1.0, "w0_min": 0.05}
    env = note.rich_w0_sequence(ctx, False, config)
    assert np.abs(env["beta_inf"][-1] - env["beta_l1"][-1]).max() < 1e-6
    _, X, y = note.config_regression(ctx, "rich w0", config, env["beta_inf"].shape[1])
    wrong = Statement(sp.Eq(sp.Limit(note.beta_inf, note.alpha, 0), note.beta_l2, evaluate=False))
    sim = lambda c, precise: {**note.rich_w0_sequence(c, precise, config),                   # noqa: E731
                              "beta_l2": np.broadcast_to(l2_minimiser(X, y)[None], env["beta_inf"].shape)}
    assert convergence.Convergence(sim, tol=0.05).run(wrong, ctx).outcome is Outcome.FAILS


def test_not_a_saddle_check_can_fail_at_a_critical_point():
    """At w0 = 0 (scale 0) the gradient vanishes: the simulation flags w as critical, so the claim's check fails there."""
    ctx = Context(claim_id="kr.linreg.init_not_saddle")
    config = {"N": 4, "d": 8, "cond": 1.0, "scale": 0.0, "w0_min": 0.5}
    assert np.all(note.not_saddle_at_init(ctx, False, config)["critical"] == 1)
    config = {**config, "scale": 1e-3, "w0_min": 1e-3}
    assert np.all(note.not_saddle_at_init(ctx, False, config)["critical"] == 0)


def test_lazy_criterion_rejects_a_criterion_the_estimates_do_not_give():
    """With ||grad F||^2/F in place of ||grad F||/F the two estimates no longer guarantee Delta(F) >> Delta(Dh)."""
    claim = BY_ID["kr.chizat.lazy_criterion"]
    st = claim.statement
    wrong = Statement(st.relation, assuming=[sp.Ge((note.gradF_norm**2 / note.F_0) / (note.D2h_norm / note.Dh_norm), note.Lam)],
                      where=st.where)
    result = claim.checks[0].run(wrong, Context(claim_id=claim.id, check_name=claim.checks[0].name))
    assert result.outcome is Outcome.FAILS


def test_velocity_identities_reject_a_wrong_power_of_alpha():
    """-grad F_alpha = -(1/alpha) Dh^T grad R(alpha h): with 1/alpha^2 in its place the identity check fails."""
    claim = BY_ID["kr.chizat.flow_velocity"]
    rel = claim.statement.relation
    wrong = Statement(sp.Eq(rel.lhs, rel.rhs / note.alpha, evaluate=False))
    result = claim.checks[0].run(wrong, Context(claim_id=claim.id, check_name=claim.checks[0].name))
    assert result.outcome is Outcome.FAILS


def test_exponentially_small_alpha_check_fails_on_a_polynomially_small_one():
    """alpha_needed = eps^3 (polynomial) gives 1/log(1/alpha) = 1/(3 log(1/eps)), not O(eps): the order fit fails.
    The closed form's alpha is the edge: at 0.9 of it the approximation holds, at 1.1 of it it does not."""
    claim = BY_ID["kr.theorem2.exponentially_small"]
    fit = claim.checks[0]
    poly = lambda ctx, var, precise, config=None: (note.NEEDED_EPS, (1 / (3 * np.log(1 / note.NEEDED_EPS)))[:, None])  # noqa: E731
    wrong = type(fit)(poly, rate_stated=False)
    assert wrong.run(claim.statement, Context(claim_id=claim.id, check_name=fit.name)).outcome is Outcome.FAILS
    eps, delta = 0.01, 0.1
    rho, log_inv = 1 - delta, float(note.alpha_needed(eps, delta))
    for factor, holds in ((0.9, True), (1.1, False)):
        a2 = (np.exp(-log_inv) * factor) ** 2
        lo, hi = 1e-9, 50.0
        for _ in range(200):            # nu with 2 alpha^2 (sinh nu + rho sinh(rho nu)) = 1 (X = (1, rho), y = 1)
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if 2 * a2 * (np.sinh(mid) + rho * np.sinh(rho * mid)) < 1 else (lo, mid)
        beta = 2 * a2 * np.sinh(np.array([lo, rho * lo]))
        assert (np.abs(beta).sum() <= 1 + eps) == holds


def test_relu_networks_are_homogeneous_exactly_when_bias_free():
    ctx = Context(claim_id="kr.depth.relu_homogeneous")
    for biases, exact in ((0, True), (1, False)):
        env = note.relu_homogeneity(ctx, False, {"D": 3, "width": 8, "lam": 3.0, "biases": biases})
        gap = np.abs(env["f_scaled"] - env["lambda"] ** env["D"] * env["f_net"]).max()
        assert (gap < 1e-9 * np.abs(env["f_scaled"]).max()) == exact


def test_relu_ntk_check_fails_on_a_kernel_that_does_not_settle():
    claim = BY_ID["kr.ntk.relu_training"]
    fit = claim.checks[0]
    flat = lambda ctx, var, precise, config=None: (note.NTK_RELU_WIDTHS.astype(float), np.ones((4, 3)) + 1e-3 * np.arange(3))  # noqa: E731
    wrong = type(fit)(flat, rate_stated=False)
    assert wrong.run(claim.statement, Context(claim_id=claim.id, check_name=fit.name)).outcome is Outcome.FAILS


def test_ntk_positive_definiteness_check_fails_on_parallel_inputs():
    """Parallel inputs x and 2x give proportional rows of Theta_oo (homogeneous in each input): singular, which the
    claim's statement flags; the nearly parallel inputs of its search stay far above round-off."""
    from verify.maths.kernels import ntk_limit
    X = np.array([[[1.0, 0.0, 0.0], [2.0, 0.0, 0.0], [0.0, 1.0, 0.0]]])
    ev = np.linalg.eigvalsh(ntk_limit(X))[0]
    assert ev[0] <= 1e-13 * ev[-1]
    ctx = Context(claim_id="kr.ntk.limit_positive_definite")
    env = note.ntk_limit_spectrum(ctx, False, {"dim": 2, "n": 12, "spread": 1e-3, "antipodal": False})
    assert np.all(env["singular"] == 0) and np.all(env["lambda_min"] > 1e-11 * env["lambda_max"])
