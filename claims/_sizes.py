"""Helpers for the families that ``AtSizes`` evaluates at larger sizes than a claim's derivation.

AtSizes freezes each undefined function, and each derivative of one, into a symbol named after it; the
two sides of a relation are frozen separately. SymPy writes the same derivative at a point as
``Subs(Derivative(sigma(z), z), z, a)`` on one side and with another dummy (``_xi_1``) on the other, which
would become two symbols: :func:`canonical` writes each such derivative once, as an undefined function
of the point named after the derivative with a fixed dummy.
"""
from __future__ import annotations

import sympy as sp

_DUMMY = sp.Symbol("_v")


def _named(subs: sp.Subs):
    dummies = {v: sp.Symbol(f"_v{k}") for k, v in enumerate(subs.variables)} if len(subs.variables) > 1 else {subs.variables[0]: _DUMMY}
    return sp.Function(f"[{sp.sstr(subs.expr.xreplace(dummies))}]")(*subs.point)


def canonical(expr):
    """``expr`` (or the sides of a relation) with every ``Subs`` written in one canonical form."""
    if isinstance(expr, sp.Equality):
        return sp.Eq(canonical(expr.lhs), canonical(expr.rhs), evaluate=False)
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(canonical)
    return expr.replace(lambda e: isinstance(e, sp.Subs), _named)


def along(relation, flow):
    """The relation with derivatives carried out and the flow (function -> its time derivative) substituted
    on both sides, as the Identity check does, in canonical form: the family AtSizes evaluates."""
    sides = []
    for side in (relation.lhs, relation.rhs):
        side = side.doit()
        for fn, deriv in flow.items():
            side = side.subs(sp.Derivative(fn, fn.args[0]), deriv)
        sides.append(canonical(side.doit()))
    return sp.Eq(*sides, evaluate=False)
