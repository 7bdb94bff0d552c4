"""AtSizes freezes each side of a relation separately, each derivative at a point into a symbol named after
it: one derivative written with different dummies (``Subs(Derivative(h(_x), _x), _x, w)`` on one side,
``_y`` or SymPy's ``_xi_1`` on the other) must freeze to one symbol, or a true identity gets a false
counterexample; a false identity must still FAIL."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sympy as sp

from verify.checks.symbolic import AtSizes, _freeze
from verify.core.model import Context, Outcome, Statement

h = sp.Function("h")
w = sp.Symbol("w", real=True)
ROOT = Path(__file__).resolve().parents[2]


def test_one_derivative_with_different_dummies_freezes_to_one_symbol():
    x, y = sp.Dummy("x"), sp.Dummy("y")
    assert _freeze(sp.Subs(sp.Derivative(h(x), x), x, w))[0] == _freeze(sp.Subs(sp.Derivative(h(y), y), y, w))[0]
    assert _freeze(sp.Subs(sp.Derivative(h(x), x), x, w))[0] != _freeze(sp.Subs(sp.Derivative(h(y), y), y, 2 * w))[0]
    nested = [sp.Subs(sp.Derivative(h(a) * sp.Subs(sp.Derivative(h(b), b), b, a), a), a, w)
              for a, b in ((x, y), (sp.Dummy("u"), sp.Dummy("v")))]
    assert _freeze(nested[0])[0] == _freeze(nested[1])[0]


def _false(n):
    x, y = sp.Dummy("x"), sp.Dummy("y")
    return sp.Eq(n * sp.Subs(sp.Derivative(h(x), x), x, 2 * w), n * sp.Subs(sp.Derivative(h(y), y), y, 3 * w),
                 evaluate=False)


def test_at_sizes_fails_a_false_identity_between_derivatives():
    r = AtSizes(_false, sizes={"n": (3,)}).run(Statement(sp.Eq(w, w, evaluate=False)), Context(seed=0, claim_id="t"))
    assert r.outcome is Outcome.FAILS, r.summary


SCRIPT = """
import sympy as sp
from verify.checks.symbolic import AtSizes
from verify.core.model import Context, Outcome, Statement
h, w = sp.Function("h"), sp.Symbol("w", real=True)
def build(n):
    x, y = sp.Dummy("x"), sp.Dummy("y")
    return sp.Eq(n * w + sp.Subs(sp.Derivative(h(x), x), x, 2 * w), sp.Subs(sp.Derivative(h(y), y), y, 2 * w) + n * w,
                 evaluate=False)
r = AtSizes(build, sizes={"n": (3,)}).run(Statement(sp.Eq(w, w, evaluate=False)), Context(seed=0, claim_id="t"))
print(r.outcome.value, r.summary)
"""


def test_at_sizes_holds_on_one_derivative_written_with_different_dummies():
    # without SymPy's cache (which may hand back the first of two equal Subs and hide the defect), as when
    # the sides are built apart
    env = {**os.environ, "SYMPY_USE_CACHE": "no", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(Outcome.HOLDS.value), out.stdout


def test_freezing_every_atom_at_once_is_freezing_them_in_turn():
    """g'(2w) holds g inside: each atom is frozen where it is outermost, as when replaced one after another."""
    from sympy.core.function import AppliedUndef
    from verify.checks.symbolic import _freeze_in_turn
    x = sp.Dummy("x")
    g, t = sp.Function("g"), sp.Symbol("t", real=True)
    e = sp.Subs(sp.Derivative(h(x), x), x, 2 * h(w)) * h(w) + sp.Derivative(g(t), t) * g(t) + h(3 * w) ** 2
    atoms = sorted(e.atoms(sp.Derivative, sp.Subs, AppliedUndef),
                   key=lambda a: (-sp.count_ops(a) - len(a.atoms()), sp.default_sort_key(a)))
    at_once, in_turn = _freeze(e), _freeze_in_turn(e, atoms)
    assert sp.srepr(at_once[0]) == sp.srepr(in_turn[0]) and at_once[1] == in_turn[1]
    assert not at_once[0].atoms(sp.Derivative, sp.Subs, AppliedUndef)
