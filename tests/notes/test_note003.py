"""Note 003 (Rayleigh quotients and Kurdyka-Lojasiewicz): the note's errors are found by the checks (the
Lambert bound, the PL step, the cross-entropy range), every simulated instance satisfies its hypotheses, a
wrong constant or rate fails in simulation, and the note's instance generators (softmax data, KL losses,
two-layer tanh) match their gradients and constants.

Each claim's evaluations come from the session's one run of the built-in claims (``evaluated``,
tests/notes/conftest.py); quotes, ids and every verdict against its oracle are checked for all notes in
tests/notes/test_claims.py."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import sympy as sp

import claims.note003_rayleigh_kl as note
from tests.helpers import by_id
from verify.notation import Quad, Rank, Rayleigh, W0
from verify.maths.losses import (PowerLoss, TwoLayerTanh,
                           least_squares_grad,
                           multiclass_margin, separable_data, softargmax)
from verify.core.model import Context, Outcome, Statement, Verdict
from verify.maths.models import QuadraticModel
from verify.core.notation import LambdaMin, Norm
from verify.checks.numeric import Simulation, array_value
from verify.run.runner import run_checks

BY_ID = by_id(note)


def ctx(name="test") -> Context:
    return Context(seed=0, claim_id=name, check_name=name)


def check(claim_id, statement, checks=None, target="statement"):
    """Run a claim's checks (or ``checks``) on another statement, as the runner does."""
    claim = BY_ID[claim_id]
    return run_checks(statement, checks or claim.checks, 0, "quick", claim.id, target)


# ---------------------------------------------------------------------------------------------
# the note's claims
# ---------------------------------------------------------------------------------------------

def test_simulated_hypotheses_hold_where_the_math_says_they_do(evaluated):
    """The simulators build instances satisfying the hypotheses everywhere (equality cases included):
    a masked instance would hide a violation."""
    for claim_id in ("rq.prop.rate", "rq.kl.theorem", "rq.kl.example_log", "rq.kl.example_recip",
                     "rq.rayleigh.strictly"):
        flow = evaluated(claim_id)[0].checks[0]
        assert flow.evidence["hypotheses_held"] == flow.evidence["instances"], claim_id
    logistic = evaluated("rq.logistic.bound")[1].checks[0]
    assert logistic.evidence["hypotheses_held"] == logistic.evidence["instances"]


def test_lambert_bound_is_refuted_by_the_flow_and_by_the_range_of_the_cross_entropy(evaluated):
    statement, correction = evaluated("rq.logistic.bound")
    flow, rng_check, derivation, scaling, wellformed = statement.checks      # the note's SCALING adds the scaling analysis
    assert wellformed.check == "well-formedness" and wellformed.outcome is Outcome.HOLDS
    assert scaling.check == "scaling" and scaling.outcome is Outcome.HOLDS      # a wrong form, not a wrong unit
    assert flow.outcome is Outcome.FAILS and flow.evidence["relative_margin_precise"] < -0.5
    inst = flow.evidence["instance"]      # the replayed instance lies past kappa^2 eps^2 t = 1 + C
    assert inst["kappa"] ** 2 * inst["epsilon"] ** 2 * inst["t"] > 1 + inst["C"] and inst["H_t"] > 0
    assert rng_check.outcome is Outcome.FAILS and rng_check.evidence["counterexample"]["H_t"] == 0.0
    assert derivation.outcome is Outcome.GAP
    assert [c.outcome for c in correction.checks] == [Outcome.HOLDS] * 5
    # the corrected bound is attained (two classes, one point): its margin is round-off of the ODE
    assert abs(correction.checks[0].evidence["min_relative_margin"]) < 1e-6


def test_corrected_lambert_bound_with_a_smaller_constant_fails():
    """A bound 1% below log(1 + 1/W_0) fails on the instances where the KL bound is attained (the simulation
    check tolerates 0.1%: the fast ODE mode's accuracy)."""
    wrong = Statement(sp.Le(note.H_t, sp.log(1 + sp.Rational(99, 100) / W0(sp.exp(note.kappa**2 * note.eps**2 * note.t - note.C)))))
    sim = BY_ID["rq.logistic.bound"].correction.checks[0]
    result = check("rq.logistic.bound", wrong, (sim,), "correction").checks[0]
    assert result.outcome is Outcome.FAILS and result.evidence["relative_margin_precise"] < -1e-6


def test_pl_step_gap_is_kappa_above_4mu_and_kappa_4mu_closes_it(evaluated):
    statement, correction = evaluated("rq.prop.pl")
    ce = statement.checks[0].evidence["counterexample"]
    assert ce["kappa"] > 4 * ce["mu"]
    assert correction.checks[0].outcome is Outcome.HOLDS


def test_cross_entropy_counterexample_has_a_prediction_above_one(evaluated):
    statement, _ = evaluated("rq.setup.cross_entropy_range")
    ce = statement.checks[0].evidence["counterexample"]
    assert max(ce["f1"], ce["f2"]) > 1


@pytest.mark.parametrize("claim_id, wrong", [
    # the rate with kappa doubled fails on the linear instances where L = L_0 e^{-4 mu t}
    ("rq.prop.rate", lambda s: replace(s, relation=sp.Le(note.L_t, note.L_0 * sp.exp(-2 * note.kappa * note.t)))),
    # the KL theorem with 2 mu fails where the bound is attained (replayed through the mpmath Piecewise)
    ("rq.kl.theorem", lambda s: replace(s, relation=s.relation.subs(note.mu, 2 * note.mu))),
    ("rq.kl.example_log", lambda s: replace(s, relation=sp.Le(note.L_t, note.L_0 * sp.exp(-2 * note.t)))),
    ("rq.kl.example_recip", lambda s: replace(s, relation=sp.Le(note.L_t, 1 / (1 / note.L_0 + 2 * note.t)))),
    ("rq.prop.definite_bound", lambda s: replace(s, relation=sp.Ge(s.relation.lhs, 1.01 * s.relation.rhs))),
    ("rq.rayleigh.weaker", lambda s: replace(s, relation=sp.Ge(s.relation.lhs, 1.01 * note.mu))),
    ("rq.rayleigh.strictly", lambda s: replace(s, relation=sp.Ge(Rayleigh(note.K, note.g, note.g), 1.01 * note.mu_sim))),
    ("rq.composition.theorem", lambda s: replace(s, relation=sp.Ge(s.relation.lhs, 1.01 * note.mu))),
    ("rq.ntk.rank", lambda s: replace(s, relation=sp.Le(Rank(note.K), note.m - 1))),
    ("rq.ntk.definite_needs_overparam", lambda s: replace(s, relation=sp.Ge(note.m, note.n + 1))),
    # the Gram matrix on 40 inputs is not of full rank 40 (no definite NTK)
    ("rq.two_layer.underparameterized", lambda s: replace(s, relation=sp.Ge(Rank(note.K), 40))),
    ("rq.rayleigh.convex_combination", lambda s: replace(s, relation=sp.Ge(Rayleigh(note.A, note.x, note.x), -LambdaMin(-note.A)))),
])
def test_a_wrong_constant_or_rate_fails_in_simulation(claim_id, wrong):
    claim = BY_ID[claim_id]
    sims = tuple(c for c in claim.checks if isinstance(c, Simulation))
    result = check(claim_id, wrong(claim.statement), sims).checks[0]
    assert result.outcome is Outcome.FAILS, result.summary


def test_wrong_symbolic_steps_fail():
    stated = BY_ID["rq.prop.ntk_form"].statement
    twice = replace(stated, relation=sp.Eq(stated.relation.lhs, 2 * stated.relation.rhs, evaluate=False))
    assert check("rq.prop.ntk_form", twice).verdict is Verdict.REFUTED
    grad = BY_ID["rq.prop.gradient"].statement
    half = replace(grad, relation=sp.Eq(grad.relation.lhs, grad.relation.rhs / 2, evaluate=False))
    assert check("rq.prop.gradient", half).verdict is Verdict.REFUTED
    rq = BY_ID["rq.rayleigh.eigen_formula"].correction
    unnormalised = replace(rq.statement, relation=sp.Eq(rq.statement.relation.lhs,
                                                        rq.statement.relation.rhs * (note._x.T * note._x)[0], evaluate=False))
    assert check("rq.rayleigh.eigen_formula", unnormalised, rq.checks[:1], "correction").verdict is Verdict.REFUTED
    integ = BY_ID["rq.kl.proof_integrate"].statement
    fast = replace(integ, relation=sp.Le(integ.relation.lhs, integ.relation.rhs - note.mu * note.t))
    assert check("rq.kl.proof_integrate", fast).verdict is Verdict.GAP


def test_rayleigh_formula_needs_the_norm_induced_by_the_inner_product(evaluated):
    """The eigen-expansion of R(A; x, x) holds for the norm induced by <.,.> (the correction), not for any norm
    of the normed space V (the note's words): a weighted norm breaks it, and the kind says so."""
    statement, correction = evaluated("rq.rayleigh.eigen_formula")
    ce = statement.checks[0].evidence["counterexample"]
    assert statement.verdict is Verdict.REFUTED and (ce["w1"], ce["w2"]) != (1, 1)
    assert correction.verdict is Verdict.SUPPORTED
    assert BY_ID["rq.rayleigh.eigen_formula"].kind == "hypothesis"


# ---------------------------------------------------------------------------------------------
# the note's instance generators against finite differences and their constants
# ---------------------------------------------------------------------------------------------


def _fd_grad(f, th, h=1e-6):
    """Central finite differences of a batched scalar function over the trailing axes of th."""
    flat = th.reshape(th.shape[0], -1)
    out = np.zeros_like(flat)
    for j in range(flat.shape[1]):            # a test-only loop over coordinates
        e = np.zeros_like(flat)
        e[:, j] = h
        out[:, j] = (f((flat + e).reshape(th.shape)) - f((flat - e).reshape(th.shape))) / (2 * h)
    return out.reshape(th.shape)


def test_linear_softmax_gradient_margin_and_kl_inequality():
    rng = np.random.default_rng(2)
    data, star, eps_v = separable_data(rng, 4, 5, 3, 3, margin_floor=0.5)
    assert np.allclose(multiclass_margin(star, data), eps_v) and np.all(eps_v >= 0.5)
    th = rng.standard_normal((4, 3, 3))
    assert np.allclose(data.grad(th), _fd_grad(data.loss, th), atol=1e-7)
    assert np.allclose(softargmax(data.logits(th)).sum(-1), 1.0)
    thetas = rng.standard_normal((4, 50, 3, 3)) * 3
    H, G = data.loss(thetas), (data.grad(thetas) ** 2).sum(axis=(-2, -1))
    kl = (eps_v[:, None] / 5) ** 2 * (1 - np.exp(-H)) ** 2
    assert np.all(G >= kl)
    # the two-class single-point datasets attain it: a constant 1% larger fails
    data2, th0, eps2 = note.two_class_single_point(rng, 3)
    H2, G2 = data2.loss(th0), (data2.grad(th0) ** 2).sum(axis=(-2, -1))
    assert np.allclose(G2, eps2**2 * (1 - np.exp(-H2)) ** 2)
    assert np.all(G2 < 1.01 * eps2**2 * (1 - np.exp(-H2)) ** 2)


def test_kl_losses_gradients_and_constants():
    rng = np.random.default_rng(3)
    H = np.einsum("sij,skj->sik", *(2 * [rng.standard_normal((2, 3, 3))])) + np.eye(3)
    for q in (2.0, 4.0):
        loss = PowerLoss(H, np.full(2, q))
        th = rng.standard_normal((2, 3))
        assert np.allclose(loss.grad(th), _fd_grad(loss.value, th), rtol=1e-6)
        pts = rng.standard_normal((2, 40, 3))
        ratio = loss.value(pts) ** (loss.p[:, None] - 1) * (loss.grad(pts) ** 2).sum(-1)
        assert np.all(ratio >= loss.kl_constant[:, None] * (1 - 1e-12))
        bottom = np.linalg.eigh(H)[1][..., 0][:, None, :]
        tight = loss.value(bottom) ** (loss.p[:, None] - 1) * (loss.grad(bottom) ** 2).sum(-1)
        assert np.allclose(tight, loss.kl_constant[:, None])
        assert not np.all(tight >= 1.01 * loss.kl_constant[:, None])   # a larger constant must fail
    expo, th0, gam = note.exponential_instances(rng, 4, 3, np.full(4, 0.7))
    assert np.allclose(expo.grad(th0), _fd_grad(expo.value, th0), rtol=1e-6)
    pts = rng.standard_normal((4, 40, 3))
    assert np.all((expo.grad(pts) ** 2).sum(-1) >= gam[:, None] ** 2 * expo.value(pts) ** 2 * (1 - 1e-12))
    on_line = (expo.grad(th0) ** 2).sum(-1) / expo.value(th0) ** 2
    assert np.allclose(on_line[1::2], gam[1::2] ** 2)


def test_least_squares_gradient_and_two_layer_network():
    rng = np.random.default_rng(4)
    model = QuadraticModel.random(rng, 2, 3, 5, beta=0.3)
    fstar = rng.standard_normal((2, 3))
    th = rng.standard_normal((2, 5))
    fd = _fd_grad(lambda w: ((model.f(w) - fstar) ** 2).sum(-1), th)
    assert np.allclose(least_squares_grad(model, fstar)(th), fd, rtol=1e-6)
    assert not np.allclose(least_squares_grad(model, fstar)(th) / 2, fd, rtol=1e-3)      # DF^T r alone fails
    net = TwoLayerTanh.on(lambda s: np.sin(np.pi * s), nodes=12)
    theta = note.two_layer_init(rng, 3)
    assert np.allclose(net.grad(theta), _fd_grad(net.loss, theta), atol=1e-7)
    J = net.jacobian(theta)
    col = np.zeros_like(theta)
    col[:, 2, 0] = 1e-6
    assert np.allclose(J[:, :, 6], (net.predict(theta + col) - net.predict(theta - col)) / 2e-6, atol=1e-8)
    # the quadrature is the expectation over s ~ U[-1, 1]: more nodes change nothing
    finer = TwoLayerTanh.on(lambda s: np.sin(np.pi * s), nodes=40)
    assert np.allclose(net.loss(theta), finer.loss(theta), rtol=1e-9)
    assert abs(TwoLayerTanh.on(lambda s: np.sin(np.pi * s), nodes=2).loss(theta) - finer.loss(theta)).max() > 1e-3


def test_underparameterized_flow_keeps_the_gradient_in_the_range():
    """At every configuration of the search (m < n, any conditioning): n - m null directions, the gradient
    stays in range(A), and its Rayleigh quotient stays above the smallest nonzero eigenvalue."""
    from claims.note003_rayleigh_kl.rayleigh import UNDERPARAMETERIZED_SPACE
    for config in UNDERPARAMETERIZED_SPACE.grid(Context().budget):
        env = note.underparameterized_flow(ctx("rq.rayleigh.strictly"), False, config)
        K, g, nulls = env["K"], env["g"], config["n"] - config["m"]
        lam, U = np.linalg.eigh(K[:, 0])
        null = U[:, :, :nulls]
        assert np.allclose(lam[:, :nulls], 0, atol=1e-10), config
        assert np.abs(np.einsum("snk,stan->stk", null, g)).max() < 1e-12 * np.abs(g).max(), config
        r = array_value(Rayleigh(sp.Symbol("K"), sp.Symbol("g"), sp.Symbol("g")), env)
        assert np.all(r >= env["mu"] * (1 - 1e-9)), config      # round-off ~ eps * cond (cond up to 1e4)
        assert np.all(array_value(Norm(sp.Symbol("g")), env) > 0), config


def test_scaling_analysis_finds_the_cross_entropy_on_r_plus_k_without_a_counterexample(evaluated):
    """log f_i(x) is not scale-free for f(x) in R_+^k (the loss's sign depends on the unit of f); the
    corrected statement, with a probability p_1, is scale-consistent; the note's normalisations absorb the rest."""
    from verify.checks.scaling import analyse
    claim = BY_ID["rq.setup.cross_entropy_range"]
    found = analyse(claim.statement, claim.scaling).violations
    assert found and all("argument of log" in str(v) for v in found)
    assert not analyse(claim.correction.statement, claim.scaling).violations
    statement, _ = evaluated(claim.id)
    assert next(c for c in statement.checks if c.check == "scaling").outcome == Outcome.FAILS
    for c in BY_ID.values():             # every other statement and correction of the note is scale-consistent
        for st in [c.statement] + ([c.correction.statement] if c.correction else []):
            assert c.id == claim.id or not analyse(st, c.scaling).violations, c.id
    # the examples' KL constant mu = 1 fixes a scale: the hypothesis ||grad L||^2 >= L^2 pins it by itself
    example = BY_ID["rq.kl.example_recip"]
    bare = analyse(example.statement, replace(example.scaling, fixed=()))
    assert not bare.violations and bare.absorbed and "G_t >= L_t**2" in bare.pins[0]
    assert analyse(example.statement, example.scaling).absorbed


def test_definite_bound_instances_have_a_nonzero_target_and_directions_must_be_vectors():
    """With f* = 0 a statement that drops f* would pass unnoticed; a matrix written for a direction is an error."""
    claim = BY_ID["rq.prop.definite_bound"]
    dropped = Statement(sp.Ge(4 * Quad(note.K, note.f_theta, note.f_theta - note.f_star),
                              4 * note.mu * Norm(note.f_theta - note.f_star) ** 2), assuming=claim.statement.assuming)
    assert check(claim.id, dropped).verdict == Verdict.REFUTED
    with pytest.raises(ValueError, match="must be a vector"):
        Rayleigh.numpy(np.eye(3), np.eye(3), np.ones((1, 3)))
