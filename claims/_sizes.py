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
    velocities = {sp.Derivative(fn, fn.args[0]): deriv for fn, deriv in flow.items()}
    sides = []
    for side in (relation.lhs, relation.rhs):
        side = side.doit()
        if _only_velocities(side, velocities):
            side = side.xreplace(velocities)
        else:
            for old, new in velocities.items():
                side = side.subs(old, new)
        sides.append(canonical(side.doit()))
    return sp.Eq(*sides, evaluate=False)


def _only_velocities(side, velocities) -> bool:
    """Whether substituting the flow into ``side`` is replacing each velocity where it is written, at once:
    every derivative of a flowing function is a first time derivative, and no velocity is written in terms
    of another. Then it gives what ``subs`` one velocity after the other gives (which also rewrites a higher
    derivative), with one walk over the side instead of one per velocity."""
    flowing = {d.expr for d in velocities}
    return (all(d in velocities for d in side.atoms(sp.Derivative) if d.expr in flowing)
            and not any(v.has(*velocities) for v in velocities.values()))
