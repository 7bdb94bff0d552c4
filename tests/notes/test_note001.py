"""Note 001 (gradient descent's global convergence): the note's errors are found by the checks (a dropped
-1/n and 1/2, the rate lambda_0 for 2 lambda_0, Hoeffding for every constant, the kernel predictor without
f(theta(0), .)), and the note's simulators reject a wrong rate or order (they are not checks that cannot fail).

Each claim's evaluations come from the session's one run of the built-in claims (``evaluated``,
tests/notes/conftest.py); quotes, ids and every verdict against its oracle are checked for all notes in
tests/notes/test_claims.py."""
from __future__ import annotations


import numpy as np
import sympy as sp

import claims.note001_gd_global_convergence as note
from tests.helpers import by_id
from verify.core.model import Context, Outcome, Statement, Verdict
from verify.checks.numeric import OrderFit, Simulation
from verify.checks.symbolic import Identity

BY_ID = by_id(note)


def check(evaluation, name):
    return next(c for c in evaluation.checks if c.check == name)


# ---------------------------------------------------------------------------------------------
# the note's claims
# ---------------------------------------------------------------------------------------------

def test_dropped_minus_one_over_n_is_found_at_a_point(evaluated):
    statement, correction = evaluated("gd.s3.bracket_form")
    r = statement.checks[0]
    assert r.outcome is Outcome.FAILS and r.kind == "numeric" and "counterexample" in r.evidence
    assert correction.checks[0].outcome is Outcome.HOLDS and correction.checks[0].kind == "symbolic"


def test_loss_without_one_half_doubles_the_dynamics(evaluated):
    """Along the flow of the written objective (1/n) sum (f - y)^2, du/dt = -(2/n) H (u - y) exactly."""
    doubled = Statement(sp.Eq(note.dudt, -2 * note.H_GEN * note.RES_GEN / note.N_DATA, evaluate=False))
    r = Identity(flow=note.gen_flow(note.OBJECTIVE_AS_WRITTEN)).run(doubled, Context(claim_id="t"))
    assert r.outcome is Outcome.HOLDS and r.kind == "symbolic"
    assert evaluated("gd.s5.objective")[0].checks[0].outcome is Outcome.FAILS


def test_gradient_with_a_sum_over_r_is_refuted_for_relu(evaluated):
    statement, correction = evaluated("gd.s5.gradient")
    assert statement.checks[0].outcome is Outcome.FAILS and "counterexample" in statement.checks[0].evidence
    # derived on a fixed-size instance (n = 2; m = 2; d = 2) and evaluated at n = m = d = 3: supported, its scope stated
    assert correction.verdict is Verdict.SUPPORTED
    assert correction.findings == ["scope: proved for n = 2; m = 2; d = 2; supported beyond (checked numerically at n = 3; m = 3; d = 3)"]
    assert correction.checks[1].kind == "numeric" and correction.checks[1].outcome is Outcome.HOLDS


def test_kernel_gram_is_proved_for_every_size(evaluated):
    statement, _ = evaluated("gd.s4.kernel_gram")
    assert statement.verdict is Verdict.PROVED and statement.findings == []


def test_theorem_rate_is_twice_the_stated_one(evaluated):
    """Grönwall on the proof's own inequality gives exp(-2 lambda_0 t/n); the flow with H = lambda_0 I (the
    extremal family of the configuration search) attains it, so exp(-3 lambda_0 t/n) fails in simulation while
    the corrected rate holds."""
    statement, correction = evaluated("gd.theorem3_1.rate")
    assert statement.verdict is Verdict.LOOSE
    assert "exp(-2*lambda_0*t/n)" in statement.checks[0].evidence["comparison_solution"]
    sim = Simulation(note.convergence_flows, name="flows", configurations=note.CONVERGENCE_SPACE)
    ctx = Context(claim_id="gd.theorem3_1", check_name="flows")
    assume = [sp.Ge(note.LambdaMin(note.H_t), note.lam0)]

    def bound(k):
        rel = sp.Le(note.Norm(note.u_t - note.y) ** 2 / 2, note.Norm(note.u_0 - note.y) ** 2 / 2 * sp.exp(-k * note.lam0 * note.t / note.n))
        return sim.run(Statement(rel, assuming=assume), ctx)

    tight = bound(2)
    assert tight.outcome is Outcome.HOLDS and tight.evidence["min_relative_margin"] < 1e-6
    too_fast = bound(3)
    assert too_fast.outcome is Outcome.FAILS and too_fast.evidence["relative_margin_precise"] < 0
    searched = tight.evidence["configuration_search"]["per_configuration"]
    assert {r["configuration"]["H"] for r in searched} == {"rotating", "extremal"}


def test_hoeffding_fails_for_every_constant_and_the_correction_holds(evaluated):
    statement, correction = evaluated("gd.s5_1.hoeffding")
    own = [c for c in statement.checks if c.kind not in ("scaling", "wellformed")]   # the scaling check holds (|Z_i| <= 1 fixes [Z])
    assert [c.outcome for c in own] == [Outcome.FAILS] * 3
    assert all(c.evidence["interval"][1] < c.evidence["required_probability"] for c in own)
    assert sp.simplify(note.HOEFFDING_N - 2 * sp.log(2 / note.delta) / note.eps**2) == 0
    assert [c.outcome for c in correction.checks if c.kind != "wellformed"] == [Outcome.HOLDS, Outcome.HOLDS, Outcome.HOLDS]


def test_pattern_change_bound_fails_exactly_when_inputs_are_negatively_correlated():
    from verify.checks.numeric import relative_margin
    claim = BY_ID["gd.s5_2.pattern_change"]
    for config in note.PATTERN_SPACE.grid():
        env = note.pattern_configurations(Context(), False, config)
        margin = relative_margin(claim.statement.conclusion, env)[:, 0]
        negative = env["x_ij"][:, 0] < 0
        assert np.all(margin[~negative] >= 0) and np.any(margin[negative] < 0), config
        assert np.all(relative_margin(claim.correction.statement.conclusion, env) >= 0)


def test_frobenius_and_width_constants(evaluated):
    assert sp.simplify(note.FROB_FROM_ENTRIES - note.n * note.eps) == 0
    assert sp.simplify(note.WIDTH_NEEDED - 8 * note.n**6 * note.rho_res**2 / (sp.pi * note.lam0**2 * note.eps**2)) == 0
    assert sp.simplify(note.DISPLACEMENT_UNIFORM - sp.sqrt(note.n) * note.R0 / (sp.sqrt(note.m) * note.lam0)) == 0
    statement, correction = evaluated("gd.s5_2.width")
    assert statement.verdict is Verdict.REFUTED and correction.checks[0].evidence["constants"] == {"C": "8/pi"}
    # the written O admits small widths (n = 3, eps = 0.01), where H moves by far more than eps
    worst = statement.checks[0].evidence["configuration_search"]["worst_configuration"]
    assert worst["m"] <= 16


def test_kernel_predictor_misses_the_initial_output(evaluated):
    lhs, rhs = note.F_TE_LIMIT, (note.Kte * note.Hsym.inv() * note.ysym)[0]
    missing = note.f0 - (note.Kte * note.Hsym.inv() * note.u0sym)[0]
    assert sp.simplify(lhs - rhs - missing) == 0
    assert evaluated("gd.s5_3.kernel_predictor")[0].checks[0].outcome is Outcome.FAILS


def test_lazy_fit_rejects_a_wrong_rate():
    """The displacement simulation is not a check that cannot fail: claiming O(1/m) is refuted."""
    wrong = Statement(sp.Eq(note.D_sup, sp.O(1 / note.m, (note.m, sp.oo)), evaluate=False))
    r = OrderFit(note.lazy_displacement, name="displacement order in m", configurations=note.HORIZON_SPACE).run(
        wrong, Context(claim_id="gd.s5_2.lazy_scaling"))
    assert r.outcome is Outcome.FAILS and -0.6 < r.evidence["slope"] < -0.4


# ---------------------------------------------------------------------------------------------
# claims on trained networks and strongly convex flows
# ---------------------------------------------------------------------------------------------

def test_trained_networks_keep_their_initial_output(evaluated):
    """Against K_te (H*)^{-1} y the trained networks' error does not decay with m (refuted after a precise
    replay); against f(theta(0), X_te) + K_te (H*)^{-1} (y - u(0)) it decays like 1/sqrt(m)."""
    statement, correction = evaluated("gd.s5_3.trained_networks")
    r = statement.checks[0]
    assert r.outcome is Outcome.FAILS and r.evidence["replayed_precisely"]
    assert r.evidence["ratio_slope_interval"][0] > r.evidence["slack"] and abs(r.evidence["slope"]) < 0.2
    c = correction.checks[0]
    assert c.outcome is Outcome.HOLDS and c.evidence["slope"] < -0.35
    assert correction.verdict is Verdict.SUPPORTED


def test_strongly_convex_flow_rejects_a_too_fast_rate(evaluated):
    """The flows are not a check that cannot fail: claiming the rate e^{-5 mu t} is refuted."""
    claim = BY_ID["gd.s2.strongly_convex"]
    too_fast = Statement(sp.Le(note.Norm(note.th_t - note.th_s), note.Norm(note.th_0 - note.th_s) * sp.exp(-5 * note.mu * note.t)),
                         assuming=claim.statement.assuming)
    r = Simulation(note.strongly_convex_flows, name="flows", configurations=note.CONVEX_SPACE).run(
        too_fast, Context(claim_id="gd.s2.strongly_convex"))
    assert r.outcome is Outcome.FAILS
    assert evaluated("gd.s2.strongly_convex")[0].verdict is Verdict.SUPPORTED


def test_sign_change_fit_rejects_a_wrong_rate():
    """The sign-change fraction decays like 1/sqrt(m), not like 1/m."""
    wrong = Statement(sp.Eq(note.Fch, sp.O(1 / note.m, (note.m, sp.oo)), evaluate=False))
    r = OrderFit(note.sign_change_fraction, name="sign-change fraction in m", configurations=note.HORIZON_SPACE).run(
        wrong, Context(claim_id="gd.s5_2.sign_change_limit"))
    assert r.outcome is Outcome.FAILS and -0.7 < r.evidence["slope"] < -0.3


def test_displacement_with_the_notes_constant_fails_and_the_residual_constant_holds(evaluated):
    """C = the integrand at u(tau) = u(0) (the note's "u_i(tau) constant") is exceeded on trained networks with
    n = 3 inputs; C = ||u(0) - y||/sqrt(n) holds, and the correction's check still rejects a wrong order in m."""
    claim = BY_ID["gd.s5_2.displacement_linear"]
    statement, correction = evaluated(claim.id)
    assert statement.verdict is Verdict.REFUTED and statement.checks[0].outcome is Outcome.FAILS
    assert correction.verdict is Verdict.SUPPORTED
    check = claim.correction.checks[0]
    wrong = Statement(sp.Le(note.D_r, note.R0 * note.t / (sp.sqrt(note.n) * note.m)))
    assert check.run(wrong, Context(seed=0, claim_id=claim.id, check_name=check.name)).outcome is Outcome.FAILS


def test_displacement_bound_is_attained_with_identical_inputs_and_equal_residuals():
    """On n identical inputs with equal residuals the corrected R_0 t / sqrt(n m) is attained at small t: the check
    holds, and at widths below n a bound R_0 t / n (sqrt(n m) replaced by n) fails."""
    claim = BY_ID["gd.s5_2.displacement_linear"]
    check = claim.correction.checks[1]
    ctx = Context(seed=0, claim_id=claim.id, check_name=check.name)
    assert check.run(claim.correction.statement, ctx).outcome is Outcome.HOLDS
    narrower = Statement(sp.Le(note.D_r, note.R0 * note.t / note.n))
    assert check.run(narrower, ctx).outcome is Outcome.FAILS


def test_pattern_probability_is_checked_where_it_is_tight():
    """The projection's law in closed form is searched down to Delta_w = 1e-3 (margin ~ Delta_w^3): the bound holds
    there, and a bound with the density's constant halved (Delta_w / sqrt(2 pi)) fails."""
    claim = BY_ID["gd.s5_2.pattern_probability"]
    check = claim.checks[1]
    ctx = Context(seed=0, claim_id=claim.id, check_name=check.name)
    r = check.run(claim.statement, ctx)
    assert r.outcome is Outcome.HOLDS
    assert min(row["configuration"]["Delta_w"] for row in r.evidence["configuration_search"]["per_configuration"]) <= 1e-3
    rel = claim.statement.relation
    halved = Statement(sp.Ge(rel.lhs, 1 - note.Dw / sp.sqrt(2 * sp.pi)))
    assert check.run(halved, ctx).outcome is Outcome.FAILS


def test_entry_concentration_needs_the_union_bound(evaluated):
    """At the per-entry Hoeffding width the n = 400 orthonormal inputs' diagonal entries all stay within eps
    with probability p^400 < 1 - delta (exact); at the union-bound width every configuration holds."""
    statement, correction = evaluated("gd.s5_1.entry_concentration")
    r = statement.checks[0]
    assert r.outcome is Outcome.FAILS and r.evidence["exact"]
    assert correction.verdict is Verdict.SUPPORTED
    assert sp.simplify(note.WIDTH_PER_ENTRY - note.HOEFFDING_N) == 0


def test_entry_concentration_searches_one_input_at_the_smallest_eps():
    """The union-bound width is also searched at the smallest size, n = 1, and the smallest eps: there the exact
    probability of leaving eps (~0.015 at delta = 0.95) is below delta but above eps."""
    from verify.checks import WEIGHTS
    from claims.note001_gd_global_convergence.initialization import initial_grams
    ones = [c for c in note.ENTRY_UNION_SPACE.grid() if c["n"] == 1]
    assert ones and all(c["inputs"] == "orthogonal" for c in ones)
    env = initial_grams(Context(seed=0, claim_id="gd.s5_1.entry_concentration"), 1, False, ones[0])
    assert ones[0]["epsilon"] < env[WEIGHTS][1] < ones[0]["delta"]


def test_zero_loss_pairs_exist_only_when_over_parameterised():
    """Section 2's non-uniqueness is found by the computation at every width m > n, clustered inputs and S^0
    included; with fewer neurons than data (m = 3 < n = 4) the least-squares fit leaves a residual and the same
    check fails."""
    from verify.checks import Configurations
    from verify.checks.configurations import Config
    claim = BY_ID["gd.s2.no_unique_minimiser"]
    ctx = Context(seed=0, claim_id=claim.id)
    for config in note.MIN_SPACE.grid():
        env = note.zero_loss_pairs(ctx, False, config)
        if config["inputs"] == "duplicate":       # two equal inputs, different labels: no zero loss at any width
            assert np.all(env["L_1"] > 1e-8 * env["L_scale"]) and np.all(env["distinct"] == 0), config
            continue
        assert np.all(env["L_1"] <= 1e-20 + 1e-12 * env["L_scale"]) and np.all(env["N_J"] >= 1), config
    assert {(c["n"], c["m"]) for c in note.MIN_SPACE.grid()} >= {(1, 2), (2, 3), (4, 5), (4, 16)}
    env = note.zero_loss_pairs(ctx, False, Config(n=4, d=3, m=16, inputs="random"))
    assert np.all(env["L_1"] < 1e-20) and np.all(env["L_2"] < 1e-20)
    narrow = Configurations(n=[4], d=[3], m=[3], inputs=["random"])
    bare = Statement(claim.statement.relation)                     # drop m > n: the check itself must object
    r = Simulation(note.zero_loss_pairs, scale="L_scale", configurations=narrow).run(bare, ctx)
    assert r.outcome is Outcome.FAILS


def test_scaling_analysis_declares_every_symbol_and_finds_no_mismatch():
    """Note 001's errors (dropped factors -1/n and 1/2, the rate lambda_0 for 2 lambda_0, a sum over r, f(theta(0), .)
    dropped) are all scale-consistent: the analysis must accept every statement and correction, with every symbol
    declared; the width condition needs the note's unit inputs, declared on that claim."""
    from verify.checks.scaling import analyse
    for claim in BY_ID.values():
        for statement in (claim.statement,) + ((claim.correction.statement,) if claim.correction else ()):
            report = analyse(statement, claim.scaling)
            assert not report.violations and not report.undeclared, (claim.id, report)
    # the width condition m = O(n^6/eps^2) is not scale-free (eps ~ [x]^2): it pins the inputs' unit, which the claim fixes
    unpinned = analyse(BY_ID["gd.s5_2.width"].statement, note.NETWORK)
    assert unpinned.violations or unpinned.pins
    assert any("[x]" in pin for pin in analyse(BY_ID["gd.s5_2.width"].statement, BY_ID["gd.s5_2.width"].scaling).pins)
    assert not analyse(BY_ID["gd.s5_2.cauchy_schwarz"].statement, note.NETWORK).violations


def test_delta_w_gap_says_its_conclusion_is_tested_by_the_fitted_displacement_order(evaluated):
    from verify.core.diagnosis import diagnose
    evaluated("gd.s5_2.delta_w")                    # runs the note's claims: the diagnosis needs them all
    proof = diagnose(evaluated.results[i] for i in BY_ID).claims["gd.s5_2.delta_w"].proof
    assert proof.conclusion == "tested and holding"
    assert "the conclusion is tested by gd.s5_2.lazy_scaling: holds (supported)" in proof.words


def test_nonconvexity_witness_is_not_found_for_the_convex_second_layer(evaluated):
    """The midpoint search finds a witness for the first layer at every configuration; training the output layer
    instead (a convex quadratic in a), the same search finds none, so the check can fail."""
    from functools import partial
    claim = BY_ID["gd.s5.nonconvex"]
    assert evaluated(claim.id)[0].verdict is Verdict.SUPPORTED
    second = Simulation(partial(note.midpoint_gaps, layer="second"), name="second layer", configurations=note.NONCONVEX_SPACE)
    assert second.run(claim.statement, Context(seed=0, claim_id=claim.id)).outcome is Outcome.FAILS


def test_convergence_time_grows_like_one_over_the_angle(evaluated):
    """Every polynomial of (log(1/eps), n, L) tried is exceeded at nearly parallel inputs; the corrected bound
    (n/2 lambda_0) log(||u(0) - y||^2/(2 n eps)) is attained (n = 2, alternating labels) and a bound with
    4 lambda_0 in place of 2 lambda_0 fails."""
    from verify.checks.configurations import Config
    claim = BY_ID["gd.s1.time"]
    statement, correction = evaluated(claim.id)
    assert [c.outcome for c in statement.checks if c.kind == "numeric"] == [Outcome.FAILS] * 3
    assert correction.verdict is Verdict.SUPPORTED
    env = note.convergence_times(Context(seed=0), False, Config(n=2, theta=1e-3, epsilon=1e-2, labels="alternating",
                                                               scale=1.0))
    lam = float(env["lambda_0"].ravel()[0])
    bound = 2 / (2 * lam) * np.log(2 / (2 * 2 * 1e-2))
    assert np.allclose(env["T_epsilon"].ravel(), bound, rtol=1e-9)
    fast = Statement(sp.Le(note.T_eps, note.n / (4 * note.lam0) * sp.log(note.R0**2 / (2 * note.n * note.eps))),
                     assuming=claim.correction.statement.assuming)
    r = claim.correction.checks[0].run(fast, Context(seed=0, claim_id=claim.id))
    assert r.outcome is Outcome.FAILS
