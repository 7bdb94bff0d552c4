"""Every check's parameters accept SymPy symbols or their names; a wrong parameter is an error saying what
was expected and where."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verify.checks import Enumeration, Identity, Simulation
from verify.core.model import Context, Outcome, Statement

d, k = sp.symbols("d k", integer=True, positive=True)
x = sp.IndexedBase("x")
i = sp.Symbol("i", integer=True)
# sum_i x_i^2 = d on {-1, 1}^d (true); = d - 1 (false)
TRUE = Statement(sp.Eq(sp.Sum(x[i] ** 2, (i, 1, d)), d))
FALSE = Statement(sp.Eq(sp.Sum(x[i] ** 2, (i, 1, d)), d - 1))


@pytest.mark.parametrize("keys", ["names", "symbols"])
def test_enumeration_takes_symbols_or_names(ctx, keys):
    key = (lambda v: str(v)) if keys == "names" else (lambda v: v)
    check = Enumeration(cubes={key(x): "pm1"}, dims={key(d): (1, 2, 3)})
    assert check.run(TRUE, ctx).outcome is Outcome.HOLDS
    assert check.run(FALSE, ctx).outcome is Outcome.FAILS                  # must fail


@pytest.mark.parametrize("kwargs, message", [
    ({"dims": {d: "3"}}, r"Enumeration 'enumeration', field dims: 'd' maps to '3', expected a size or a tuple of sizes"),
    ({"cubes": {x: "+-1"}}, r"field cubes: 'x' maps to '\+-1', expected one of '01', 'pm1'"),
    ({"dims": {d: 2, "d": 3}}, r"field dims: 'd' is given twice"),
    ({"dims": {3: 2}}, r"field dims: key 3 is neither a name nor a SymPy symbol"),
    ({"ranges": {k: 5}}, r"field ranges: 'k' maps to 5, expected a non-empty tuple of values"),
])
def test_enumeration_parameters_are_checked_where_they_are_given(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Enumeration(**kwargs)


def test_a_variable_without_values_is_named_with_what_was_given(ctx):
    with pytest.raises(KeyError, match=r"no values for the variable x\[1\] .* add 'x' \(or its symbol\) to cubes or "
                                       r"ranges, or to dims if it is a dimension \(given: d\)"):
        Enumeration(dims={d: 2}).run(TRUE, ctx)


def test_sizes_and_scale_take_symbols():
    assert Identity(sizes={d: 3}).sizes == {"d": (3,)} == Identity(sizes={"d": 3}).sizes
    s = sp.Symbol("s", positive=True)
    q = sp.Symbol("q", real=True)

    def sim(ctx, precise):
        return {"q": np.array([1e-12, 1.0]).reshape(2, 1), "s": np.ones((2, 1))}
    check = Simulation(sim, scale=s)
    assert check.scale == "s"
    assert check.run(Statement(sp.Le(q, 1)), Context(claim_id="t")).outcome is Outcome.HOLDS
    with pytest.raises(ValueError, match="field scale: expected the name or SymPy symbol"):
        Simulation(sim, scale=3)
    with pytest.raises(KeyError, match="field scale: the simulation provides no entry 'r'; it provides q, s"):
        Simulation(sim, scale="r").run(Statement(sp.Le(q, 1)), Context(claim_id="t"))
    with pytest.raises(KeyError, match=r"no value for p \(a symbol of .*\); it provides q, s"):
        Simulation(sim).run(Statement(sp.Le(q, sp.Symbol("p"))), Context(claim_id="t"))
