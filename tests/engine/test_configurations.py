"""Configuration search in the numeric checks (verify.checks.configurations): a planted violation at a
grid edge is found where one configuration misses it, an instance outside the setting raises, too few
configurations meeting the hypotheses is undecided, and a finite outcome space's probability is exact."""
from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from scipy import stats

from verify.checks.configurations import (WEIGHTS, Config, Configurations, Derived, Range, Setting,
                                          SettingViolation, binomial_outcomes)
from verify.checks.numeric import MonteCarlo, Probability, Simulation
from verify.checks import Derivation, Domain
from verify.core.model import Context, Outcome, Statement
from verify.core.notation import Prob

y, b, k, p, N, m = sp.symbols("y b k p N m", real=True)
delta = sp.Symbol("delta", positive=True)


@pytest.fixture
def ctx():
    return Context(seed=0, claim_id="test")


def edge_sim(ctx, precise, config):
    """y = 1 - k a^2 on a in [0, 1]: y >= -1/2 needs k <= 3/2; the grid's edge k = 2 violates it."""
    a = np.linspace(0, 1, 11)[:, None]
    return {"y": 1 - config["k"] * a**2, "k": np.full((1, 1), float(config["k"]))}


def test_search_finds_a_violation_at_a_grid_edge_that_one_configuration_misses(ctx):
    statement = Statement(sp.Ge(y, -sp.Rational(1, 2)))
    one = Simulation(lambda c, precise: edge_sim(c, precise, {"k": 0.5}))
    assert one.run(statement, ctx).outcome is Outcome.HOLDS
    searched = Simulation(edge_sim, configurations=Configurations(k=Range(0.5, 2.0, points=4)))
    r = searched.run(statement, ctx)
    assert r.outcome is Outcome.FAILS
    search = r.evidence["configuration_search"]
    assert search["worst_configuration"] == {"k": 2.0}
    assert search["configurations"] == 4 and search["worst_margin"] < 0
    assert [row["outcome"] for row in search["per_configuration"]] == ["holds", "holds", "holds", "fails"]
    assert search["region"]["k"].startswith("[0.5, 2]")


def test_an_instance_outside_the_setting_raises_never_a_counterexample(ctx):
    space = Configurations(k=[0.5, 3.0], constraints=(sp.Le(k, 2),))
    with pytest.raises(SettingViolation):
        space.grid()
    # a constraint on what the simulation returns is checked on its environment
    inside = Configurations(k=[0.5, 1.5], constraints=(sp.Ge(y, -10),))
    bad = Simulation(lambda c, precise, config: {"y": np.full((2, 1), -20.0)}, configurations=inside)
    with pytest.raises(SettingViolation):
        bad.run(Statement(sp.Ge(y, 0)), ctx)


def test_too_few_configurations_meeting_the_hypotheses_is_undecided(ctx):
    space = Configurations(k=[0.5, 0.7, 3.0, 4.0], minimum_valid=3)
    statement = Statement(sp.Ge(y, 0), assuming=[sp.Ge(k, 2)])      # holds only at k = 3, 4 (and fails there)
    r = Simulation(edge_sim, configurations=space).run(Statement(sp.Ge(10 + y, 0), assuming=[sp.Ge(k, 2)]), ctx)
    assert r.outcome is Outcome.UNDECIDED
    assert r.evidence["configuration_search"]["configurations_meeting_hypotheses"] == 2
    assert "too few" in r.summary
    # a failure among the few valid ones still refutes
    assert Simulation(edge_sim, configurations=space).run(statement, ctx).outcome is Outcome.FAILS


def coin_draws(ctx, trials, precise, config):
    """N ~ Bin(m, 1/2), every outcome with its exact probability; the event N >= m/4."""
    n_, w = binomial_outcomes(config["m"])
    one = np.ones((1, 1))
    return {"N": n_[:, None].astype(float), "m": config["m"] * one, "p": config["p"] * one, WEIGHTS: w}


def test_exact_finite_randomness_probability_agrees_with_the_binomial(ctx):
    statement = Statement(sp.Ge(Prob(sp.Ge(N, m / 4)), p))
    space = Configurations(m=[5, 9, 20], p=[0.5])
    r = Probability(coin_draws, configurations=space).run(statement, ctx)
    assert r.outcome is Outcome.HOLDS
    rows = {row["configuration"]["m"]: row["margin"] for row in r.evidence["configuration_search"]["per_configuration"]}
    for mm in (5, 9, 20):
        exact = 1 - stats.binom.cdf(math.ceil(mm / 4) - 1, mm, 0.5)
        assert rows[mm] == pytest.approx(exact - 0.5, abs=1e-14)
    # Lemma 11 on S^0 at m = 5: Pr[N >= 5/4] = 13/16 < 0.9 -- refuted exactly, at every seed
    tight = Probability(coin_draws, configurations=Configurations(m=[5], p=[0.9]))
    r = tight.run(statement, ctx)
    assert r.outcome is Outcome.FAILS and r.evidence["probability"] == pytest.approx(13 / 16, abs=1e-15)
    assert r.evidence["error_probability"] == 0.0


def test_an_event_no_simulated_quantity_enters_holds_or_fails_at_every_outcome(ctx):
    # Pr[m >= 3] over the outcomes of N ~ Bin(m, 1/2): the event is the same at every outcome
    space = Configurations(m=[5], p=[0.5])
    holds = Probability(coin_draws, configurations=space).run(Statement(sp.Ge(Prob(sp.Ge(m, 3)), p)), ctx)
    assert holds.outcome is Outcome.HOLDS and holds.evidence["probability"] == 1.0
    fails = Probability(coin_draws, configurations=space).run(Statement(sp.Ge(Prob(sp.Ge(m, 7)), p)), ctx)
    assert fails.outcome is Outcome.FAILS and fails.evidence["probability"] == 0.0


def test_exact_weights_must_be_a_probability_vector(ctx):
    def bad(c, trials, precise, config):
        return {"N": np.arange(3.0)[:, None], "m": np.ones((1, 1)), "p": np.full((1, 1), 0.5), WEIGHTS: np.full(3, 0.5)}
    with pytest.raises(SettingViolation):
        Probability(bad, configurations=Configurations(m=[1])).run(Statement(sp.Ge(Prob(sp.Ge(N, 0)), p)), ctx)


def test_sampled_configurations_share_the_confidence(ctx):
    """Bonferroni over the configurations: a sampled refutation holds at the budget's confidence overall."""
    def draws(c, trials, precise, config):
        rng = c.rng("coin", str(config["q"]))
        return {"b": (rng.uniform(size=(trials, 1)) < config["q"]).astype(float), "p": np.full((1, 1), 0.9)}
    space = Configurations(q=[0.95, 0.5])
    r = Probability(draws, configurations=space).run(Statement(sp.Ge(Prob(sp.Ge(b, 1)), p)), ctx)
    assert r.outcome is Outcome.FAILS
    assert r.evidence["configuration_search"]["worst_configuration"] == {"q": 0.5}
    assert r.evidence["configuration_search"]["confidence_per_configuration"] == pytest.approx(1 - 1e-3 / 2)


def test_derived_parameters_and_when(ctx):
    space = Configurations(d=[1, 2], n=[1, 2, 3], m=Derived(lambda c: [c["n"] * 10, c["n"] * 10 + 1], "10 n, + 1"),
                           when=lambda c: c["d"] > 1 or c["n"] <= 2)
    grid = space.grid()
    assert len(grid) == (2 + 3) * 2
    assert Config(d=1, n=2, m=20) in grid and all(not (c["d"] == 1 and c["n"] == 3) for c in grid)
    assert hash(Config(d=1, n=2, m=20)) == hash(Config(m=20, n=2, d=1))


def test_monte_carlo_searches_configurations(ctx):
    def sample(c, draws, fresh, config):
        rng = c.rng("mc", str(config["s"]), str(fresh))
        return {"y": rng.normal(config["s"], 1.0, (draws, 1)), "k": np.zeros((1, 1))}
    statement = Statement(sp.Eq(y, k, evaluate=False))
    assert MonteCarlo(sample, configurations=Configurations(s=[0.0])).run(statement, ctx).outcome is Outcome.HOLDS
    r = MonteCarlo(sample, configurations=Configurations(s=[0.0, 1.0])).run(statement, ctx)
    assert r.outcome is Outcome.FAILS and r.evidence["configuration_search"]["worst_configuration"] == {"s": 1.0}


def test_setting_keeps_a_search_inside_the_constraints(ctx):
    """y <= s does not give y <= x unless s <= x: without the setting the search reports s > x; with the
    fact s <= x among the hypotheses there is no gap."""
    x, s_, yy = sp.symbols("x s y", positive=True)
    statement = Statement(sp.Le(yy, x))
    check = Derivation(name="d", derived=sp.Le(yy, s_), domains={str(v): Domain(0.1, 10) for v in (x, s_, yy)})
    plain = check.run(statement, ctx)
    assert plain.outcome is Outcome.GAP
    inside = Setting(check, (sp.Le(s_, x),)).run(statement, ctx)
    assert inside.outcome is not Outcome.GAP and inside.evidence["setting_constraints"] == ["s <= x"]


def test_setting_raises_on_a_counterexample_outside_it(ctx):
    x, s_ = sp.symbols("x s", positive=True)

    class Reports:
        name, kind = "fake", "numeric"

        def run(self, statement, ctx):
            from verify.core.model import CheckResult
            return CheckResult("fake", "numeric", Outcome.GAP, "gap", {"counterexample": {"x": 1.0, "s": 5.0}})
    with pytest.raises(SettingViolation):
        Setting(Reports(), (sp.Le(s_, x),)).run(Statement(sp.Le(s_, x)), ctx)


# ---------------------------------------------------------------------------------------------
# budgets, refinement, order fits and limits over configurations
# ---------------------------------------------------------------------------------------------

def _at(budget):
    from verify.core.model import BUDGETS
    return Context(seed=0, claim_id="test", budget=BUDGETS[budget])


def test_a_range_is_searched_at_its_ends_at_quick_and_finer_at_larger_budgets():
    from verify.core.model import BUDGETS
    space = Configurations(k=Range(0.0, 1.0), m=Range(1, 9, integer=True))
    assert [c["k"] for c in space.grid(BUDGETS["quick"])][::2] == [0.0, 1.0]
    assert len(space.grid(BUDGETS["quick"])) == 4
    assert sorted({c["m"] for c in space.grid(BUDGETS["thorough"])}) == [1, 3, 5, 7, 9]
    assert Range(0.5, 2.0, points=4).values(2) == [0.5, 1.0, 1.5, 2.0]      # declared points win
    with pytest.raises(ValueError):
        Range(2.0, 1.0)
    with pytest.raises(ValueError):
        Range(0.0, 1.0, log=True)


def ridge_sim(ctx, precise, config):
    """y = 1 - 40 (k - 0.6)^2 ... >= 0 fails only near k = 0.6, which no grid point of [0, 1] hits."""
    a = np.linspace(0, 1, 5)[:, None]
    return {"y": 0.2 + 40 * (config["k"] - 0.6) ** 2 + 0 * a, "k": np.full((1, 1), float(config["k"]))}


def test_refinement_finds_an_interior_violation_the_grid_misses():
    statement = Statement(sp.Ge(y, 0.21))
    check = Simulation(ridge_sim, configurations=Configurations(k=Range(0.0, 1.0)))
    quick = check.run(statement, _at("quick"))
    assert quick.outcome is Outcome.HOLDS                          # the ends only: k = 0, 1
    standard = check.run(statement, _at("standard"))
    search = standard.evidence["configuration_search"]
    assert standard.outcome is Outcome.FAILS, standard.summary
    assert any(row.get("refined") for row in search["per_configuration"])
    assert search["refined_from"] == {"k": 0.5}
    assert abs(search["worst_configuration"]["k"] - 0.6) < 0.05
    # refinement stays inside the range and within its budget
    ks = [row["configuration"]["k"] for row in search["per_configuration"]]
    assert all(0.0 <= v <= 1.0 for v in ks) and len(ks) <= 3 + 6


def power_sim(ctx, variable, precise, config):
    """Q = x^-a: O(x^-1/2) holds for a >= 1/2 (loose for a = 1), fails for a = 1/4."""
    xs = np.geomspace(10, 1000, 6)
    rng = ctx.rng("power", str(config["a"]))
    return xs, xs[:, None] ** -config["a"] * np.exp(rng.normal(0, 0.01, (6, 4)))


def test_order_fit_over_configurations_fails_at_one_and_is_loose_only_when_loose_at_all(ctx):
    from verify.checks.numeric import OrderFit
    xx, Q = sp.symbols("x Q", positive=True)
    statement = Statement(sp.Eq(Q, sp.O(xx ** -sp.Rational(1, 2), (xx, sp.oo)), evaluate=False))
    r = OrderFit(power_sim, configurations=Configurations(a=[1.0, 0.5, 0.25])).run(statement, ctx)
    assert r.outcome is Outcome.FAILS and r.evidence["configuration_search"]["worst_configuration"] == {"a": 0.25}
    assert OrderFit(power_sim, configurations=Configurations(a=[1.0, 0.5])).run(statement, ctx).outcome is Outcome.HOLDS
    assert OrderFit(power_sim, configurations=Configurations(a=[1.0, 2.0])).run(statement, ctx).outcome is Outcome.LOOSE


def test_convergence_over_configurations_fails_where_one_configuration_settles_elsewhere(ctx):
    from verify.checks.convergence import Convergence
    h, E = sp.symbols("h E", positive=True)

    def seq(ctx, precise, config):
        hs = np.geomspace(1, 1e-6, 12)[:, None, None] * np.ones((1, 3, 1))
        return {"h": hs, "E": 1 + config["c"] + hs}
    statement = Statement(sp.Eq(sp.Limit(E, h, 0), 1))
    assert Convergence(seq, configurations=Configurations(c=[0.0])).run(statement, ctx).outcome is Outcome.HOLDS
    r = Convergence(seq, configurations=Configurations(c=[0.0, 0.5])).run(statement, ctx)
    assert r.outcome is Outcome.FAILS and r.evidence["configuration_search"]["worst_configuration"] == {"c": 0.5}


def test_a_search_that_holds_plots_the_margin_over_the_region(ctx):
    r = Simulation(edge_sim, configurations=Configurations(k=[1.2, 1.5, 1.7])).run(Statement(sp.Ge(y, -1)), ctx)
    assert r.outcome is Outcome.HOLDS
    assert r.plot["kind"] == "estimate" and len(r.plot["estimate"]) == 3 and r.plot["target"] == [0.0] * 3
    assert r.plot["estimate"][0] > r.plot["estimate"][-1]        # k = 1.7 comes closest to y = -1
    failing = Simulation(edge_sim, configurations=Configurations(k=[0.5, 2.0])).run(Statement(sp.Ge(y, -0.5)), ctx)
    assert failing.outcome is Outcome.FAILS and failing.plot["kind"] == "trajectory"     # the counterexample's instance


def test_a_search_stops_at_its_first_failing_configuration_and_says_so(ctx):
    r = Simulation(edge_sim, configurations=Configurations(k=[2.0, 0.5, 1.0])).run(Statement(sp.Ge(y, -sp.Rational(1, 2))), ctx)
    search = r.evidence["configuration_search"]
    assert r.outcome is Outcome.FAILS and search["configurations"] == 1
    assert search["stopped_at_first_failure"] is True and search["grid_configurations"] == 3
    assert "stops at the first failing one of its 3" in r.summary


def test_remembered_computes_once_per_check_and_returns_copies():
    """A statement's quantity and its correction's, read off one simulation: the same run seed, claim, check
    key, budget and arguments compute once; another check, other arguments or the next claim compute again;
    a caller writing into the result changes no other caller's."""
    import dataclasses
    from verify.checks import remembered
    from verify.checks.configurations import forget_simulations
    calls = []

    @remembered
    def flows(ctx, widths, data="a"):
        calls.append((ctx.check_key, widths, data))
        return [(np.full(3, float(w)), None) for w in widths]

    forget_simulations()
    first = Context(seed=0, claim_id="c", check_key="0")
    once = flows(first, (1, 2), data="b")
    once[0][0][:] = -1.0                                     # the caller's copy only
    again = flows(dataclasses.replace(first), (1, 2), data="b")
    assert len(calls) == 1 and again[0][0].tolist() == [1.0, 1.0, 1.0]
    flows(Context(seed=0, claim_id="c", check_key="1"), (1, 2), data="b")
    flows(first, (1, 2), data="a")
    flows(first, [1, 2])                                     # unhashable arguments: computed, not remembered
    flows(first, [1, 2])
    assert len(calls) == 5
    forget_simulations()
    flows(first, (1, 2), data="b")
    assert len(calls) == 6
