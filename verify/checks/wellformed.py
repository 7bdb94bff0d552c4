"""Well-formedness of a statement as written: its variables, its codomains and its indices.

The check reads the SymPy structure of the statement (conclusion and hypotheses, definitions substituted)
and reports each *finding* with what it found:

* ``unused-bound`` -- a sum or product binds an index its body does not use (the body is not a number:
  ``sum_{i=1}^n 1`` counts, ``sum_{i=1}^n a`` with ``a`` free of ``i`` is a slip);
* ``free-and-bound`` -- a variable bound by a sum or product also occurs free (``sum_i a_i + b_i``): the
  free occurrence should be bound;
* ``codomain`` -- the two sides of an equation take values in different codomains: a sign (+-1) against an
  indicator ({0, 1}), a truth value against a number;
* ``index`` -- one indexed symbol used with different numbers of indices (``x[i]`` and ``x[i, j]``);
* ``contradiction`` -- a strict inequality of the conclusion (alone or in a conjunction) compares an
  expression with itself (``F > F``): false whatever its value.

A finding is a fact about the written form, not a verdict on the mathematics: the outcome is ``fails``
only when the statement is certainly ill-formed (an index inconsistency, a truth value equated with a
number, an expression strictly compared with itself), and ``holds`` otherwise, with the findings in the evidence. Like the scaling analysis, the check
takes part in a verdict only when it fails (:mod:`verify.core.verdict`); its findings make a flagged claim's
kind ``notation`` (:mod:`verify.core.diagnosis`).
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.core.relational import Relational
from sympy.logic.boolalg import Boolean, BooleanFunction

from ..core.model import WELLFORMED, CheckResult, Context, Outcome, Statement
from ..core.text import say

SIGN, INDICATOR, TRUTH = "sign", "indicator", "truth value"
_BINDERS = (sp.Sum, sp.Product)


@dataclass(frozen=True)
class Finding:
    """One thing the check found: its kind (``unused-bound``, ``free-and-bound``, ``codomain``,
    ``index``),
    a sentence (a text with its expressions as math; plain in the evidence), and whether it makes the
    statement certainly ill-formed."""
    kind: str
    message: str
    certain: bool = False

    def to_json(self) -> dict:
        return {"kind": self.kind, "message": str(self.message), "certain": self.certain}


def _atoms(exprs, types) -> list:
    out = []
    for e in exprs:
        if isinstance(e, sp.Basic):
            out.extend(e.atoms(*types))
    return out


def _sorted(items) -> list:
    return sorted(items, key=sp.default_sort_key)


def _unused_bound(exprs) -> list[Finding]:
    """Sums and products whose body does not use their index. (Integrals are left alone: a polar
    integral over an angle of a radial function is no slip; so are limits: a symbol standing for a
    simulated quantity depends on the limit variable without showing it.)"""
    found = []
    for node in _sorted(set(_atoms(exprs, _BINDERS))):
        body = node.function
        if body.is_number:                      # sum_{i=1}^n 1 = n: a count, not a slip
            continue
        for lim in node.limits:
            var = lim[0]
            if var not in body.free_symbols:
                found.append(Finding("unused-bound", say(f"{type(node).__name__.lower()} over ", var, " of ", body,
                                                         ", which does not depend on ", var)))
    return found


def _free_and_bound(exprs) -> list[Finding]:
    """A variable bound by a sum or product and also free elsewhere in the statement: the free
    occurrence should most likely be inside the binder (``sum_i a_i + b_i``)."""
    bound = {lim[0] for node in _atoms(exprs, _BINDERS) for lim in node.limits}
    free = set().union(*(_symbols(e) for e in exprs)) if exprs else set()
    return [Finding("free-and-bound", say(v, " is bound by a sum or product and also occurs free in the statement"))
            for v in _sorted(bound & free)]


def _symbols(expr) -> set:
    """The free symbols, with an applied undefined function y(t) counted by its name (y)."""
    if not isinstance(expr, sp.Basic):
        return set()
    out = set(expr.free_symbols)
    out.update(sp.Symbol(f.func.__name__) for f in expr.atoms(sp.core.function.AppliedUndef))
    return out


def codomain(expr):
    """The codomain type of ``expr``: ``sign`` (values in {-1, 0, 1}, both -1 and 1 possible),
    ``indicator`` (values in {0, 1}, or {0, 1/2, 1} for a Heaviside step), ``truth value``, or None."""
    values = _values(expr)
    if values == TRUTH:
        return TRUTH
    if values is None:
        return None
    if values <= {-1, 0, 1} and {-1, 1} <= values:
        return SIGN
    if values <= {0, sp.Rational(1, 2), 1} and 1 in values and 0 in values:
        return INDICATOR
    return None


def _values(expr):
    """The finite set of values ``expr`` can take, TRUTH for a truth value, or None when not finite/known."""
    if isinstance(expr, (Relational, BooleanFunction)) or (isinstance(expr, Boolean) and not isinstance(expr, sp.Expr)):
        return TRUTH
    if not isinstance(expr, (sp.Expr, sp.Piecewise)):
        return None
    if isinstance(expr, sp.Expr) and expr.is_number:
        return {expr} if expr.is_rational else None
    if isinstance(expr, sp.sign):
        return {-1, 0, 1} if expr.args[0].is_nonzero is not True else {-1, 1}
    if isinstance(expr, sp.Heaviside):
        at_zero = expr.args[1] if len(expr.args) > 1 else sp.Rational(1, 2)
        return {sp.Integer(0), sp.Integer(1), sp.sympify(at_zero)}
    if isinstance(expr, sp.KroneckerDelta):
        return {sp.Integer(0), sp.Integer(1)}
    if isinstance(expr, sp.Piecewise):
        branches = [_values(value) for value, _ in expr.args]
        if all(v == TRUTH for v in branches):
            return TRUTH
        if any(v is None or v == TRUTH for v in branches):
            return None
        return set().union(*branches)
    if isinstance(expr, sp.Product) and len(expr.limits) == 1:
        v = _values(expr.function)
        return v if v is not None and v != TRUTH and v <= {0, 1} else None
    if isinstance(expr, (sp.Add, sp.Mul)):
        parts = [_values(a) for a in expr.args]
        if any(p is None or p == TRUTH for p in parts) or len(parts) > 4:
            return None
        combine = (lambda a, b: a + b) if isinstance(expr, sp.Add) else (lambda a, b: a * b)
        out = {sp.Integer(0) if isinstance(expr, sp.Add) else sp.Integer(1)}
        for p in parts:
            out = {combine(a, b) for a in out for b in p}
            if len(out) > 16:
                return None
        return out
    return None


def _relations(expr) -> list:
    """The relations in ``expr``: itself, or those joined by And/Or."""
    if isinstance(expr, Relational):
        return [expr]
    if isinstance(expr, (sp.And, sp.Or)):
        return [r for a in expr.args for r in _relations(a)]
    return []


def _codomains(exprs) -> list[Finding]:
    found = []
    for rel in (r for e in exprs for r in _relations(e)):
        if not isinstance(rel, (sp.Eq, sp.Ne)):
            continue
        a, b = codomain(rel.lhs), codomain(rel.rhs)
        if a is not None and b is not None and a != b:
            certain = TRUTH in (a, b)
            found.append(Finding("codomain", say(rel.lhs, f" ({_article(a)} {a}) is compared with ", rel.rhs,
                                                 f" ({_article(b)} {b})"), certain))
    return found


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _indices(exprs) -> list[Finding]:
    ranks: dict = {}
    for node in _atoms(exprs, (sp.Indexed,)):
        ranks.setdefault(node.base.label, set()).add(len(node.indices))
    return [Finding("index", say(label, f" is used with {' and '.join(map(str, sorted(r)))} indices"), True)
            for label, r in sorted(ranks.items(), key=lambda kv: str(kv[0])) if len(r) > 1]


def _conjuncts(expr) -> list:
    if isinstance(expr, sp.And):
        return [r for a in expr.args for r in _conjuncts(a)]
    return [expr]


def _contradictions(conclusion) -> list[Finding]:
    """Strict inequalities between identical sides among the conclusion's conjuncts (not under Or)."""
    strict = (sp.StrictLessThan, sp.StrictGreaterThan)
    return [Finding("contradiction", say(rel.lhs, " is compared strictly with itself: false whatever its value"), True)
            for rel in _conjuncts(conclusion) if isinstance(rel, strict) and rel.lhs == rel.rhs]


def findings(statement: Statement) -> list[Finding]:
    """Every finding of the well-formedness analysis on ``statement``."""
    conclusion = statement.conclusion
    hypotheses = [statement.expanded(a) for a in statement.assuming]
    hypotheses = [h for h in hypotheses if h is not sp.true and h is not True]
    exprs = [conclusion, *hypotheses]
    return (_unused_bound(exprs) + _free_and_bound(exprs) + _codomains(exprs) + _indices(exprs)
            + _contradictions(conclusion))


@dataclass(frozen=True)
class WellFormed:
    """The well-formedness analysis as a check (added to every claim by the runner)."""
    name: str = "well-formedness"
    kind: str = WELLFORMED

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        found = findings(statement)
        certain = [f for f in found if f.certain]
        outcome = Outcome.FAILS if certain else Outcome.HOLDS
        if not found:
            summary = "bound indices used, none also free, codomains of compared sides and index ranks consistent"
        else:
            summary = say(*(piece for k, f in enumerate(found) for piece in ("; " if k else "", f"{f.kind}: ", f.message)))
        return CheckResult(self.name, self.kind, outcome, summary, {"findings": [f.to_json() for f in found]})
