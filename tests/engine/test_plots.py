"""Plot data made by the checks, and its rendering: every kind draws, output is byte-identical."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import sympy as sp

from verify.core.model import Context, Statement
from verify.checks.numeric import MonteCarlo, OrderFit, Probability, Simulation
from verify.core.notation import Prob
from verify.checks.enumeration import MAX_POINTS
from verify.report.plots import PlotError, plot_files, render_svg
from verify.core.plotdata import rounded
from verify.checks.symbolic import Inequality

x, y, t, kappa = sp.symbols("x y t kappa", positive=True)
E, u = sp.symbols("E u", real=True)

PLOTS = {
    "trajectory": {"kind": "trajectory", "x": [0, 1, 2, 3], "lhs": [1, 0.5, 0.25, None], "rhs": [2, 1, 0.5, 0.25],
                   "x_label": "t", "lhs_label": "loss $x$", "rhs_label": "bound", "relation": "<="},
    "loglog": {"kind": "loglog", "x": [2, 4, 8, 16], "q": [1, 2.1, 3.9, 8.2], "slope": 1.0, "claimed_slope": 0.5,
               "x_label": "kappa"},
    "estimate": {"kind": "estimate", "estimate": [1.0, 2.0], "low": [0.9, 1.8], "high": [1.1, 2.2],
                 "target": [1.0, 2.5]},
    "counterexample": {"kind": "counterexample", "point": {"x": 1.0, "y": 2.0}, "lhs": 5.0, "rhs": 6.0,
                       "relation": ">=", "slice": {"variable": "x", "x": [0, 1, 2], "lhs": [4, 5, 8],
                                                   "rhs": [0, 6, 12]}},
}


@pytest.mark.parametrize("kind", sorted(PLOTS))
def test_every_kind_renders_an_svg_without_a_date(kind):
    svg = render_svg(PLOTS[kind])
    root = ET.fromstring(svg.encode())
    assert root.tag.endswith("svg")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg


@pytest.mark.parametrize("plot, message", [
    ({"kind": "pie"}, "unknown plot kind 'pie'"),
    ("not a dict", "unknown plot kind 'str'"),
    ({"kind": "trajectory", "x": [1, 2], "lhs": [1], "rhs": [1, 2]}, "one non-zero length"),
    ({"kind": "loglog", "x": [1, 2], "q": ["a", "b"], "slope": 1, "claimed_slope": 1}, "list of numbers"),
    ({"kind": "estimate", "estimate": [1]}, "needs 'low'"),
    ({"kind": "counterexample", "point": [1, 2], "lhs": 1, "rhs": 2}, "mapping"),
])
def test_bad_plot_data_is_a_clear_error(plot, message):
    with pytest.raises(PlotError, match=message):
        render_svg(plot)


def test_plot_files_collects_errors_instead_of_raising():
    files, errors = plot_files([("a/ok.svg", PLOTS["estimate"]), ("a/bad.svg", {"kind": "pie"})])
    assert list(files) == ["a/ok.svg"] and set(errors) == {"a/bad.svg"} and "pie" in errors["a/bad.svg"]


def test_many_plots_are_drawn_in_parallel_with_the_same_result():
    plots = [(f"p{i}.svg", {**PLOTS["estimate"], "target": [1.0, 2.0 + i]}) for i in range(30)] + [("bad.svg", {})]
    assert plot_files(plots, jobs=2) == plot_files(plots, jobs=1)


def test_rounded_keeps_four_significant_digits_and_nulls_non_finite():
    assert rounded([1 / 3, 123456789.0, np.nan, -np.inf, 0.0]) == [0.3333, 123500000.0, None, None, 0.0]


def test_a_series_is_rounded_once_to_its_resolution():
    """Detail below 1e-8 of a series' largest value is integration error: 0, whatever its last bits."""
    from verify.core.plotdata import series_resolution
    res = series_resolution([0.1, 1e-19], [0.5])
    assert res == -9
    assert rounded([0.1, 1e-19, -8.6e-19, 0.0820851], res) == [0.1, 0.0, 0.0, 0.08209]
    # one rounding: a value a hair either side of a four-digit tie does not land on the tie first
    assert rounded([0.0820849999999, 0.08208500000001], res) == [0.08208, 0.08209]


# ---------------------------------------------------------------------------------------------
# the checks' plot data
# ---------------------------------------------------------------------------------------------

CTX = Context(seed=0, claim_id="t.plot", check_name="c")


def flow(ctx, precise):
    tt = np.linspace(0, 5, 1000)[None, :]
    k = ctx.rng("k").uniform(1, 2, (6, 1))
    return {"t": tt, "kappa": k, "x": np.exp(-k * tt), "y": 2 * np.exp(-k * tt / 2)}


def test_simulation_plots_the_worst_instance_downsampled():
    r = Simulation(flow).run(Statement(sp.Le(x, y)), CTX)
    p = r.plot
    assert p["kind"] == "trajectory" and p["x_label"] == "t" and p["relation"] == "<="
    assert len(p["x"]) == len(p["lhs"]) == len(p["rhs"]) <= MAX_POINTS + 1
    assert p["x"][0] == 0.0 and p["x"][-1] == 5.0
    assert all(a <= b for a, b in zip(p["lhs"], p["rhs"]))
    assert json.loads(json.dumps(p)) == p


def test_a_violated_simulation_plots_the_violating_instance():
    r = Simulation(flow).run(Statement(sp.Ge(x, y)), CTX)
    assert r.outcome.value == "fails"
    assert r.plot["instance"] == r.evidence["index"]
    assert any(a < b for a, b in zip(r.plot["lhs"], r.plot["rhs"]))


def test_plot_data_failure_leaves_the_result_alone(monkeypatch):
    import verify.checks.numeric as numeric
    before = Simulation(flow).run(Statement(sp.Le(x, y)), CTX)

    def broken(*args):
        raise RuntimeError("plotting failed")
    monkeypatch.setattr(numeric, "trajectory_plot", broken)
    after = Simulation(flow).run(Statement(sp.Le(x, y)), CTX)
    assert after.plot is None and before.plot is not None
    assert (after.outcome, after.summary, after.evidence) == (before.outcome, before.summary, before.evidence)


def test_order_fit_plots_the_fitted_and_claimed_slopes():
    def sim(ctx, var, precise):
        xs = np.array([2.0, 4.0, 8.0, 16.0])
        return xs, np.outer(xs, np.ones(3))
    r = OrderFit(sim).run(Statement(sp.Eq(E, sp.O(kappa**2, (kappa, sp.oo)), evaluate=False)), CTX)
    p = r.plot
    assert p["kind"] == "loglog" and p["x"] == [2.0, 4.0, 8.0, 16.0] and p["x_label"] == "kappa"
    assert p["slope"] == pytest.approx(1.0, abs=1e-6) and p["claimed_slope"] == 2.0


def test_monte_carlo_and_probability_plot_estimates_with_intervals():
    def draws(ctx, n, replay):
        return {"u": ctx.rng("u", str(replay)).uniform(0, 1, (n, 1))}
    r = MonteCarlo(draws).run(Statement(sp.Eq(u, sp.Rational(1, 2))), CTX)
    p = r.plot
    assert p["kind"] == "estimate" and p["target"] == [0.5]
    assert p["low"][0] < p["estimate"][0] < p["high"][0]
    r = Probability(lambda ctx, n, precise: {"u": ctx.rng("p").uniform(0, 1, (n, 1))}).run(
        Statement(sp.Ge(Prob(sp.Le(u, 0.9)), sp.Rational(1, 2))), CTX)
    assert r.plot["kind"] == "estimate" and r.plot["target"] == [0.5] and r.plot["labels"] == ["Pr[event]"]


def test_a_refuted_inequality_plots_its_counterexample():
    a, b = sp.symbols("a b", real=True)
    r = Inequality().run(Statement(sp.Ge(a**2 + b**2, 3 * a * b)), CTX)
    p = r.plot
    assert r.outcome.value == "fails" and p["kind"] == "counterexample"
    assert p["point"] == r.evidence["counterexample"] and p["lhs"] < p["rhs"]
    assert p["slice"]["variable"] == "a" and p["point"]["a"] in p["slice"]["x"]
    render_svg(p)


def test_an_unchanged_plot_of_the_previous_report_is_reused_and_a_changed_one_redrawn(tmp_path, monkeypatch):
    import verify.report.plots as plots
    first, _ = plot_files([("a.svg", PLOTS["loglog"]), ("b.svg", PLOTS["estimate"])])
    for path, svg in first.items():
        (tmp_path / path).write_text(svg)
    (tmp_path / "b.svg").write_text(first["b.svg"].replace("<svg", "<!-- edited --><svg", 1))
    drawn = []
    monkeypatch.setattr(plots, "_render_one", lambda p: (drawn.append(p), (render_svg(p), None))[1])
    changed = {**PLOTS["estimate"], "target": [1.0, 2.4]}
    again, _ = plot_files([("a.svg", PLOTS["loglog"]), ("b.svg", PLOTS["estimate"]), ("c.svg", changed)],
                          previous=tmp_path)
    assert again["a.svg"] == first["a.svg"]                          # reused, byte for byte
    assert "edited" in again["b.svg"]                                 # same key: reused as it is
    assert drawn == [changed]
    (tmp_path / "c.svg").write_text(first["b.svg"])                   # another plot's file: redrawn
    third, _ = plot_files([("c.svg", changed)], previous=tmp_path)
    assert third["c.svg"] == render_svg(changed) != first["b.svg"]


# ---------------------------------------------------------------------------------------------
# plots that can be read: ticks and labels on both axes, the note's notation, markers
# ---------------------------------------------------------------------------------------------

DECADES = {"kind": "trajectory", "x": list(range(40)), "lhs": [10.0 ** (-0.4 * k) for k in range(40)],
           "rhs": [2 * 10.0 ** (-0.4 * k) for k in range(40)], "x_label": "t", "relation": "<=",
           "lhs_label": "Norm(-f_star + f_t*nu/mu)", "rhs_label": "8*kappa**(3/2)*Norm(J)/(alpha*sigma_min**2)"}
READABLE = {**PLOTS, "decades": DECADES,
            "tiny": {**PLOTS["trajectory"], "lhs": [1e-17, 2e-17, 3e-17, 1e-17], "rhs": [2e-17, 0.0, 1e-17, 0.0]},
            "flat": {**PLOTS["trajectory"], "lhs": [1.0] * 4, "rhs": [1.0] * 4, "relation": "="},
            "bars": {k: v for k, v in PLOTS["counterexample"].items() if k != "slice"},
            "many": {"kind": "estimate", "estimate": [0.1 * k for k in range(12)], "low": [0.1 * k for k in range(12)],
                     "high": [0.1 * k for k in range(12)], "target": [0.0] * 12,
                     "labels": [f"d={k}, delta=0.1" for k in range(12)], "estimate_label": "margin (>= 0: holds)"},
            "band": {**PLOTS["trajectory"], "band": {"low": [0.5, 0.2, 0.1, 0.0], "high": [1.5, 1, 0.6, 0.3]}}}


@pytest.mark.parametrize("name", sorted(READABLE))
def test_every_plot_has_tick_labels_and_a_label_on_both_axes(name):
    from verify.report.plots import axis_texts
    texts = axis_texts(render_svg(READABLE[name]))
    assert len(texts["xticks"]) >= 2 and len(texts["yticks"]) >= 2, texts
    assert texts["xlabel"] and texts["ylabel"], texts


def test_a_log_axis_over_many_decades_gets_a_tick_every_few_decades():
    from verify.report.plots import axis_texts
    ticks = axis_texts(render_svg(DECADES))["yticks"]
    assert 4 <= len(ticks) <= 9 and "1" in ticks and all(t.startswith("1e-") for t in ticks if t != "1"), ticks


def test_labels_are_in_the_notes_notation_and_the_worst_point_and_floor_are_marked():
    svg = render_svg(DECADES)
    assert "‖-f* + f_t·ν/μ‖" in svg and "8·κ^(3/2)·‖J‖/(α·σ_min²)" in svg and "Norm(" not in svg
    assert "worst point" in svg and "numerical floor" in svg
    many = render_svg(READABLE["many"])
    assert "worst configuration" in many and "margin (≥ 0: holds)" in many and "δ=0.1" in many


def test_notation_label_prints_sympy_text_the_notes_way():
    from verify.core.plotdata import notation_label
    assert notation_label("Abs(x - y)**2 <= sqrt(m)*x**(-1)") == "|x - y|² ≤ √m·x⁻¹"
    assert notation_label("LambdaMin(H)*theta_beta + eta") == "λ_min(H)·θ_β + η"
    assert notation_label("beta_star") == "β*" and notation_label("kappa") == "κ"
