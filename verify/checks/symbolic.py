"""Symbolic checks (SymPy, with mpmath for high-precision evaluation).

Every check reads the statement it is given, so the same check object decides a claim's statement,
its correction and any mutant. A check closes symbolically when SymPy decides; when SymPy cannot, it
falls back to evaluation at random points or to a counterexample search and says the evidence is weaker.
"""
from __future__ import annotations

import dataclasses
import itertools
import math
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Mapping

import mpmath as mp

import numpy as np
import sympy as sp
from sympy.matrices.exceptions import ShapeError
from sympy.core.function import AppliedUndef
from sympy.printing.pycode import MpmathPrinter

from ..core.model import NUMERIC, SYMBOLIC, CheckResult, Context, Outcome, Statement, sizes_text, validated_sizes
from ..core.notation import MPMATH, NUMPY
from ._common import DIGITS, inequality_sides, relation_sides, symbolic_memo, with_plot
from ._common import result as check_result
from ..core.plotdata import label, number, rounded
from ..core.text import say
from .enclosure import prove_nonnegative
from .search import (SearchStats, certain_sign, confirmed_negative, exact_rational, domains_for, find_counterexample,
                     high_precision, hypothesis_box, involved, replay_text, shown_value, shrink, valid_floor)


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

def _s(expr) -> str:
    return sp.sstr(expr)


def _kind_result(check, outcome, kind, summary, **evidence) -> CheckResult:
    return check_result(check, outcome, summary, kind, **evidence)


def _per_claim(function, expr):
    """``function(expr)`` memoized for the claim being run (:func:`symbolic_memo`): a statement and its
    correction, a claim's checks and a matrix's equal entries often carry out or simplify the same expression
    again (a limit costs SymPy seconds). SymPy compares a ``Subs`` or ``Lambda`` up to its bound variables,
    which a result prints: an expression with one is keyed by its full written form too."""
    written = sp.srepr(expr) if expr.has(sp.Subs, sp.Lambda) else None
    return symbolic_memo(_applied, function, expr, written)


def _applied(function, expr, written):
    return function(expr)


def _doit(expr):
    return expr.doit()


def _evaluate(expr):
    """Carry out unevaluated derivatives, integrals, limits and sums; a matrix entry by entry (:func:`_per_claim`)."""
    if not isinstance(expr, sp.Basic):
        return expr
    expr = sp.sympify(expr)
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(_evaluate)
    return _per_claim(_doit, expr)


def _bound_level(e) -> int:
    """How deeply ``Subs`` nest in ``e`` (0: none)."""
    return max([1 + _bound_level(a.expr) for a in e.atoms(sp.Subs)] + [0]) if isinstance(e, sp.Basic) else 0


_SUBS = sp.Function("Subs")      # a Subs written out, for naming: compared as written, not up to its dummies


def _canonical(e):
    """``e`` written with the bound variables of every ``Subs`` renamed canonically (by nesting level and
    position), for naming: one derivative written with different dummies (``_x``, ``_xi_1``) reads the
    same. (SymPy compares ``Subs`` up to their dummies but prints the dummies, and ``replace`` keeps an
    equal ``Subs``: each is rebuilt here as an undefined function of the same name.)"""
    if not isinstance(e, sp.Basic) or not e.has(sp.Subs):
        return e
    if isinstance(e, sp.Subs):
        level = _bound_level(e.expr) + 1
        names = {v: sp.Symbol(f"_b{level}_{k}") for k, v in enumerate(e.variables)}
        return _SUBS(_canonical(e.expr).xreplace(names), sp.Tuple(*names.values()),
                     sp.Tuple(*[_canonical(p) for p in e.point]))
    return e.func(*[_canonical(a) for a in e.args])


def _freeze(expr):
    """Replace applied undefined functions and their derivatives by symbols with the same assumptions,
    so the expression can be evaluated at points. Returns (expr, {symbol: original}). A symbol is named
    after its atom with bound variables renamed canonically (:func:`_canonical`): one derivative freezes to
    one symbol whatever dummies each side (frozen separately) writes it with."""
    # outermost first: g'(2a) is Subs(Derivative(g(x), x), x, 2a), and replacing the inner derivative
    # first would make g'(2a) and g'(3a) one symbol
    atoms = sorted(expr.atoms(sp.Derivative, sp.Subs, AppliedUndef),
                   key=lambda a: (-sp.count_ops(a) - len(a.atoms()), sp.default_sort_key(a)))
    if any(later.has(a) for i, a in enumerate(atoms) for later in atoms[i + 1:]):
        return _freeze_in_turn(expr, atoms)
    # each atom sorts before those inside it: replacing all at once, each where it is outermost, is
    # replacing them in turn, in one walk over the expression instead of two per atom
    outermost = _outermost(expr, set(atoms))
    mapping = {a: symbolic_memo(_frozen, a) for a in atoms if a in outermost}
    return expr.xreplace(mapping), {v: k for k, v in mapping.items()}


def _freeze_in_turn(expr, atoms):
    """:func:`_freeze` replacing the ``atoms`` one after the other, in their order, each where it is left."""
    mapping = {}
    for a in atoms:
        if a in mapping or not expr.has(a):
            continue
        mapping[a] = symbolic_memo(_frozen, a)
        expr = expr.xreplace({a: mapping[a]})
    return expr, {v: k for k, v in mapping.items()}


def _frozen(atom):
    """The symbol :func:`_freeze` puts for ``atom`` (the same for atoms SymPy finds equal: memoized for the
    claim, as each entry of a matrix and each side are frozen apart)."""
    assumptions = {k: True for k in ("positive", "nonnegative") if getattr(atom, f"is_{k}")}
    return sp.Symbol(f"{_s(_canonical(atom))}", real=True, **assumptions)


def _outermost(expr, targets: set) -> set:
    """The members of ``targets`` found in ``expr`` outside every other member found (what ``xreplace``
    replaces)."""
    found, stack = set(), [expr]
    while stack:
        e = stack.pop()
        if e in targets:
            found.add(e)
        elif isinstance(e, sp.Basic):
            stack.extend(e.args)
    return found


def _reparametrize(expr, domains: Mapping):
    """Substitute x = lo + (hi - lo)/(1 + s), s > 0, for symbols declared on a finite interval,
    so SymPy's sign inference sees the interval."""
    subs = {}
    for sym, dom in domains.items():
        if dom is not None and not dom.integer and sym in expr.free_symbols and 0 <= dom.lo and dom.hi < float("inf"):
            s = sp.Symbol(f"_s_{sym}", positive=True)
            lo, hi = sp.nsimplify(dom.lo), sp.nsimplify(dom.hi)
            subs[sym] = lo + (hi - lo) / (1 + s)
    return expr.subs(subs) if subs else expr


def _use_bounds(expr, hypotheses):
    """Substitute ``x = b + s`` (s >= 0) for hypotheses ``x >= b`` (``x = b - s`` for ``x <= b``; s > 0
    for a strict one) on a symbol x, so that sign inference can use them. None when a hypothesis has
    another form."""
    for h in hypotheses:
        if not isinstance(h, (sp.GreaterThan, sp.StrictGreaterThan, sp.LessThan, sp.StrictLessThan)):
            return None
        x, b = (h.lhs, h.rhs) if isinstance(h.lhs, sp.Symbol) else (h.rhs, h.lhs)
        if not isinstance(x, sp.Symbol) or x in b.free_symbols:
            return None
        upper = isinstance(h, (sp.LessThan, sp.StrictLessThan)) == (x is h.lhs)
        sign = "positive" if isinstance(h, (sp.StrictGreaterThan, sp.StrictLessThan)) else "nonnegative"
        gap = sp.Dummy(f"gap_{x}", **{sign: True})
        expr = expr.subs(x, b - gap if upper else b + gap)
    return expr


def sign_nonnegative(expr, declared: Mapping | None = None, hypotheses=(), strict: bool = False,
                     simplified: bool = False):
    """True if SymPy proves ``expr >= 0`` (``> 0`` when ``strict``) under simple bound hypotheses,
    False if it proves the opposite everywhere, else None. The forms of ``expr`` are tried in turn
    (:func:`_sign_forms`), each made only when the ones before it decided nothing. ``simplified``:
    ``expr`` is what ``simplify`` returned, which is simplified again only if a hypothesis changed it."""
    if hypotheses:
        given, expr = expr, _use_bounds(expr, hypotheses)
        if expr is None:
            return None
        simplified = simplified and expr == given
    yes, no = ("is_positive", "is_nonpositive") if strict else ("is_nonnegative", "is_negative")
    if sp.count_ops(expr) > 80:          # simplification of large expressions costs more than it finds
        return True if getattr(expr, yes) else (False if getattr(expr, no) else None)
    for c in _sign_forms(expr, declared, simplified):
        if getattr(c, yes):
            return True
        if getattr(c, no):
            return False
    return None


def _sign_forms(expr, declared: Mapping | None, simplified: bool = False):
    """``expr``, then simplified (unless it is already), factored and with its logarithms expanded, then
    each of those with the symbols ``declared`` on a finite interval reparametrized (:func:`_reparametrize`),
    then the last two of these simplified and factored: the forms SymPy's sign inference reads best,
    cheapest first."""
    yield expr
    try:
        simp = expr if simplified else sp.simplify(expr)
        forms = [expr] + ([] if simplified else [simp]) + [sp.factor(simp), sp.expand_log(simp, force=True)]
    except Exception:
        forms = [expr]
    yield from forms[1:]
    if declared:
        reparametrized = [_reparametrize(c, declared) for c in forms]
        yield from reparametrized
        for c in reparametrized[-2:]:
            if sp.count_ops(c) <= 80:
                yield sp.factor(sp.simplify(c))


def _enclosure(*forms, hypotheses=(), strict: bool = False):
    """``(form, proof)`` for the first of ``forms`` (one margin written differently: interval arithmetic
    depends on the form) that interval arithmetic proves nonnegative on the statement's region; None."""
    for form in dict.fromkeys(forms):       # not frozen: an undefined function is real only if declared so
        proof = prove_nonnegative(_evaluate(form), [_evaluate(h) for h in hypotheses], strict)
        if proof is not None:
            return form, proof
    return None


def _search(check, ctx: Context, expr, hypotheses, domains, what: str, strict: bool = False):
    """Counterexample search for ``expr < 0`` (``<= 0`` when ``strict``) under the hypotheses;
    returns (values, evidence). The evidence says how many points met the hypotheses; ``too_few``
    in it (a reason) means the search saw fewer than :func:`valid_floor` of them and decides nothing."""
    frozen, _ = _freeze(expr)
    hyps, unrelated = involved(frozen, [_freeze(h)[0] for h in hypotheses])
    symbols = frozen.free_symbols.union(*[h.free_symbols for h in hyps])
    doms = hypothesis_box(domains_for(symbols, domains), hyps)
    seed = ctx.int_seed("search")
    stats = SearchStats()
    values = find_counterexample(symbols, doms, confirmed_negative(frozen, hyps, strict=strict), seed,
                                 ctx.budget.examples, stats)
    floor = valid_floor(ctx.budget.examples)
    evidence = {"search": "hypothesis", "examples": ctx.budget.examples, "search_seed": seed,
                "domains": {str(s): [d.lo, d.hi] for s, d in sorted(doms.items(), key=lambda kv: str(kv[0]))},
                "searched_for": what, **stats.to_json(), "valid_floor": floor}
    if unrelated:
        evidence["hypotheses_not_involved"] = [_s(h) for h in unrelated]
    if values is not None:
        _, how = certain_sign(frozen, values)
        exact = frozen.evalf(80, subs={k: exact_rational(v) for k, v in values.items()})
        at = sorted(values.items(), key=lambda kv: str(kv[0]))
        evidence["counterexample"] = {str(k): float(v) for k, v in at}
        if any(isinstance(shown_value(v), str) for _, v in at):      # a rational no float equals
            evidence["counterexample_exact"] = {str(k): str(shown_value(v)) for k, v in at}
        evidence.update(
                        value_at_80_digits=sp.sstr(sp.N(exact, 15)) if exact is not None else None,
                        sign_certified_by=how,
                        replay=replay_text(ctx.claim_id, ctx.seed, values))
    elif stats.valid < floor:
        evidence["too_few"] = (f"only {stats.valid} searched points met the hypotheses (at least {floor} needed)"
                               + (f"; at {stats.unevaluable} more that met them the statement has no finite real value"
                                  if stats.unevaluable else "")
                               + (f"; {stats.stopped}" if stats.stopped else ""))
    return values, evidence


def _point(evidence) -> dict:
    """A search's counterexample for a summary: exact rationals where the evidence keeps them."""
    return evidence.get("counterexample_exact") or evidence["counterexample"]


def _number(text):
    """A value the evidence keeps as text (``value_at_80_digits``), as a number when it is one."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return text


def _searched(evidence) -> str:
    """What a search that found nothing looked at, for a summary."""
    extra = f"; {evidence['uncertain_sign_discarded']} points of uncertain sign discarded" \
        if evidence.get("uncertain_sign_discarded") else ""
    return (f"{evidence['valid_points']} points meeting the hypotheses ({evidence['swept_valid']} swept, "
            f"{evidence['hypothesis_valid_examples']} Hypothesis examples){extra}")


def counterexample_plot(rel, values: Mapping, domains: Mapping, points: int = 60) -> dict:
    """Both sides of ``rel`` at a counterexample, and along its first variable through it (within the
    variable's domain), for the report's plot."""
    lhs, _ = _freeze(_evaluate(rel.lhs))
    rhs, _ = _freeze(_evaluate(rel.rhs))
    at = {s: v for s, v in sorted(values.items(), key=lambda kv: str(kv[0]))}
    plot = {"kind": "counterexample", "point": {str(k): number(v) for k, v in at.items()},
            "lhs": number(float(high_precision(lhs, at))), "rhs": number(float(high_precision(rhs, at))),
            "relation": {sp.LessThan: "<=", sp.StrictLessThan: "<", sp.GreaterThan: ">=",
                         sp.StrictGreaterThan: ">"}.get(type(rel), "?"),
            "lhs_label": label(_s(rel.lhs)), "rhs_label": label(_s(rel.rhs))}
    if not at:
        return plot
    var, v = next(iter(at.items()))
    dom = domains_for([var], domains)[var]
    if dom.integer:
        xs = np.arange(max(dom.lo, v - 10), min(dom.hi, v + 10) + 1, dtype=float)
    elif dom.log and v > 0:
        xs = np.geomspace(max(dom.lo, v / 10), min(dom.hi, v * 10), points)
    else:
        width = max(1.0, abs(v))
        xs = np.linspace(max(dom.lo, v - width), min(dom.hi, v + width), points)
    xs = np.union1d(xs, [v])
    others = [s for s in at if s is not var]
    f = sp.lambdify([var, *others], [lhs, rhs], modules=[NUMPY, "scipy", "numpy"])
    with np.errstate(all="ignore"):
        ls, rs = (np.broadcast_to(np.asarray(a, float), xs.shape) for a in f(xs, *[at[s] for s in others]))
    plot["slice"] = {"variable": str(var), "x": rounded(xs), "lhs": rounded(ls), "rhs": rounded(rs)}
    return plot


def _nonzero(expr, values, value=None) -> bool:
    """``expr`` differs from 0 at ``values`` beyond round-off, at 50 and again at 80 digits; ``value``: its
    value at 50 digits, when the caller has it."""
    floor = sp.Float(10) ** (-(DIGITS - 15))
    for digits in (DIGITS, 80):
        v = value if digits == DIGITS and value is not None else high_precision(expr, values, digits=digits)
        if v is None:
            return False
        terms = [high_precision(t, values, digits=digits) for t in sp.Add.make_args(expr)]
        scale = max([abs(t) for t in terms if t is not None and t is not True and t is not False] + [abs(v)])
        if not abs(v) > floor * scale:
            return False
    return True


def _real_values(exprs, values):
    """Each of ``exprs`` at ``values`` to 50 digits, or None as soon as one is not real."""
    out = []
    for e in exprs:
        v = high_precision(e, values)
        if v is None:
            return None
        out.append(v)
    return out


def _points(ctx: Context, symbols, domains, hypotheses, count: int):
    """Random points (exact rationals) in the symbols' domains at which every hypothesis holds."""
    doms = domains_for(symbols, domains)
    rng = ctx.rng("points")
    out, tries = [], 0
    symbols = sorted(symbols, key=str)
    while len(out) < count and tries < 50 * count:
        tries += 1
        values = {s: float(doms[s].sample(rng, 1)[0]) for s in symbols}
        if all(high_precision(h, values) is True for h in hypotheses):
            out.append(values)
    return out + _small_integer_points(out, symbols, doms, hypotheses, count)


def _small_integer_points(drawn, symbols, doms, hypotheses, count: int, values_each: int = 3):
    """Up to ``count`` points with the integer symbols at their smallest values (each of its domain's
    first ``values_each``, fewest total first): where indices coincide (``j = k``, ``j = d``) and
    dimensions are smallest, which random draws from 1..50 almost never reach, and where
    KroneckerDelta and index ranges change value. The other symbols keep the drawn points' values
    (no extra random draws: the random points stay the same)."""
    integers = [s for s in symbols if doms[s].integer]
    if not integers or not drawn:
        return []
    starts = [int(math.ceil(doms[s].lo)) for s in integers]
    combos = sorted(itertools.product(range(values_each), repeat=len(integers)), key=lambda c: (sum(c), c))
    out = []
    for combo in combos[:max(count * 8, 1)]:
        if len(out) >= count:
            break
        values = dict(drawn[len(out) % len(drawn)])
        values.update({s: float(lo + step) for s, lo, step in zip(integers, starts, combo)})
        if all(values[s] <= doms[s].hi for s in integers) and all(high_precision(h, values) is True for h in hypotheses):
            out.append(values)
    return out


# ---------------------------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _NotOrder:
    """lhs - rhs (its leading term) is not O(order): (lhs - rhs)/order tends to ``ratio``."""
    leading: object
    order: object
    ratio: object
    undecided: str = ""      # why SymPy could not decide, when it could not


@dataclass
class Identity:
    """``lhs = rhs``: derivatives, integrals, limits and sums are carried out first; an ``O(x^k)`` on
    the right-hand side makes it a series check. SymPy simplification to zero proves it; a nonzero
    number disproves it. Otherwise the difference is evaluated at random points at 50 digits, with
    ``instances`` (concrete functions for undefined ones) substituted: a nonzero value is a
    counterexample, agreement at every point is reported as weaker, numeric evidence.

    ``flow`` maps a function of time to its time derivative (a differential equation to differentiate
    along).

    ``sizes`` (every symbolic check has it) declares that the statement was encoded on instances of
    those sizes (``sp.Matrix(sp.symbols("v1:4"))`` is d = 3): a derivation that closes then proves
    those sizes only ("proved for d = 3"), and :mod:`verify.core.verdict` makes the claim ``supported``
    unless another check proves it in general.
    """
    name: str = "identity"
    instances: Mapping = field(default_factory=dict)
    flow: Mapping = field(default_factory=dict)
    domains: Mapping = field(default_factory=dict)
    kind: str = SYMBOLIC
    sizes: Mapping | None = None     # derived on instances of these sizes only ({"d": (2, 3)}): proves those sizes

    def __post_init__(self):
        self.sizes = validated_sizes(self, self.sizes)

    def difference(self, statement: Statement):
        rel = statement.conclusion
        if not isinstance(rel, sp.Equality):
            raise TypeError(f"identity check needs an equation, got {type(rel).__name__}")
        lhs, rhs = _evaluate(rel.lhs), rel.rhs
        order = rhs.getO() if isinstance(rhs, sp.Expr) else None
        if order is not None:
            rhs = rhs.removeO()
        rhs = _evaluate(rhs)
        for fn, deriv in self.flow.items():
            t = fn.args[0]
            lhs = lhs.subs(sp.Derivative(fn, t), deriv)
            rhs = rhs.subs(sp.Derivative(fn, t), deriv)
        try:
            diff = sp.Matrix(lhs) - sp.Matrix(rhs) if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase) \
                else lhs - rhs
        except ShapeError:          # matrices of two sizes: an ill-formed statement, not an undecided one
            raise
        except (TypeError, ValueError, AttributeError) as exc:
            # a matrix against a scalar, a set, a truth value: no difference to simplify
            return _NotOrder(None, None, None, say("lhs - rhs is not defined (", type(lhs).__name__, " and ",
                                                    type(rhs).__name__, f"): {str(exc).strip() or type(exc).__name__}"))
        if order is not None:
            # lhs - rhs = O(g) as x -> x0: the ratio (lhs - rhs)/g has a finite limit. Returned as 0
            # when it does, else as that (infinite or undefined) limit, which the check reports.
            x, x0 = order.variables[0], order.point[0]
            try:
                ratio = sp.limit(sp.simplify(diff / order.expr), x, x0)
            except (NotImplementedError, ValueError, TypeError) as exc:
                return _NotOrder(sp.simplify(diff), order.expr, None, f"SymPy could not take the limit: {exc}")
            if ratio.is_finite:
                return sp.Integer(0)
            if not ratio.has(sp.oo, -sp.oo, sp.zoo):   # oo * sign(...) is infinite wherever the sign is not 0
                return _NotOrder(sp.simplify(diff), order.expr, None, say("SymPy left the limit undecided: ", ratio))
            try:
                leading = sp.simplify(diff).as_leading_term(x) if x0 == 0 else sp.simplify(diff)
            except Exception:
                leading = sp.simplify(diff)
            return _NotOrder(leading, order.expr, ratio)
        return diff

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        if _same_sums(statement.conclusion, self.flow):
            return _kind_result(self, Outcome.HOLDS, SYMBOLIC, "SymPy simplifies lhs - rhs to 0", difference="0")
        diff = self.difference(statement)
        if isinstance(diff, _NotOrder) and diff.undecided:
            return _kind_result(self, Outcome.UNDECIDED, SYMBOLIC, diff.undecided,
                                difference=_s(diff.leading) if diff.leading is not None else None)
        if isinstance(diff, _NotOrder):
            return _kind_result(self, Outcome.FAILS, SYMBOLIC,
                           say("lhs - rhs ~ ", diff.leading, " is not O(", diff.order,
                               "): the ratio tends to ", diff.ratio),
                           difference=_s(diff.leading), ratio_limit=_s(diff.ratio))
        if isinstance(diff, sp.MatrixExpr):          # matrix symbols: general in their dimensions
            diff = diff.doit()
            if diff.is_ZeroMatrix:
                return _kind_result(self, Outcome.HOLDS, SYMBOLIC, "SymPy simplifies lhs - rhs to the zero matrix",
                                    difference="0")
        entries = list(diff) if isinstance(diff, sp.MatrixBase) else [diff]
        if all(sp.expand(e) == 0 for e in entries):         # most true identities: 15x cheaper than simplify
            return _kind_result(self, Outcome.HOLDS, SYMBOLIC, "SymPy simplifies lhs - rhs to 0", difference="0")
        simplified = [_per_claim(sp.simplify, e) for e in entries]
        if all(e == 0 for e in simplified):
            return _kind_result(self, Outcome.HOLDS, SYMBOLIC, "SymPy simplifies lhs - rhs to 0",
                           difference="0")
        if statement.hypotheses and any(e.has(sp.Piecewise) for e in simplified):
            # an entrywise identity over a symbolic index: Sum and KroneckerDelta leave cases on the index's
            # range (1 <= j <= d), which the hypotheses decide
            known = sp.And(*statement.hypotheses)
            refined = [sp.simplify(sp.refine(e, known)) if e.has(sp.Piecewise) else e for e in simplified]
            if all(e == 0 for e in refined):
                return _kind_result(self, Outcome.HOLDS, SYMBOLIC, "SymPy simplifies lhs - rhs to 0 under the hypotheses",
                                    difference="0")
        for e in simplified:
            if (e.is_number and e != 0) or e.is_zero is False:
                return _kind_result(self, Outcome.FAILS, SYMBOLIC,
                               say("lhs - rhs simplifies to ", e, ", which is nonzero"), difference=_s(e))
        return self._numeric(statement, ctx, simplified)

    def _numeric(self, statement, ctx, entries) -> CheckResult:
        concrete = []
        for e in entries:
            for fn, inst in self.instances.items():
                e = e.subs(fn, inst)
            e, _ = _freeze(_evaluate(e))
            concrete.append(e)
        hyps = [_freeze(h)[0] for h in statement.hypotheses]
        symbols = set().union(*[e.free_symbols for e in concrete])
        points = _points(ctx, symbols, self.domains, hyps, ctx.budget.points)
        evidence = {"difference": [_s(e) for e in entries][:4], "points": len(points), "digits": DIGITS,
                    "instances": {str(k): _s(v) for k, v in self.instances.items()}}
        if not points:
            return _kind_result(self, Outcome.UNDECIDED, NUMERIC,
                           "SymPy could not simplify lhs - rhs and no point satisfied the hypotheses", **evidence)
        doms = domains_for(symbols, self.domains)
        real_points = 0
        for values in points:
            at = _real_values(concrete, values)
            if at is None:
                continue
            real_points += 1
            for e, value in zip(concrete, at):
                if not _nonzero(e, values, value):
                    continue
                # shrink to simple values that still show the difference, under the hypotheses
                values = shrink(values, doms, lambda v: _nonzero(e, v) and all(high_precision(h, v) is True for h in hyps))
                again = high_precision(e, values, digits=80)
                shown = {str(k): float(x) for k, x in sorted(values.items(), key=lambda kv: str(kv[0]))}
                return _kind_result(self, Outcome.FAILS, NUMERIC,
                               say("lhs - rhs = ", float(again) if again.is_real else sp.N(again, 6), " at ", shown, " (80 digits)"),
                               counterexample=shown, value=sp.sstr(sp.N(again, 15)),
                               replay=replay_text(ctx.claim_id, ctx.seed, values), **evidence)
        if not real_points:
            return _kind_result(self, Outcome.UNDECIDED, NUMERIC,
                           "SymPy could not simplify lhs - rhs and it is not real at any sampled point", **evidence)
        evidence["points"] = real_points
        return _kind_result(self, Outcome.HOLDS, NUMERIC,
                       f"SymPy could not simplify lhs - rhs to 0; it vanishes at {real_points} random points "
                       f"to {DIGITS} digits (weaker evidence)", **evidence)


def _same_sums(rel, flow) -> bool:
    """Whether the two sides of an equation with sums over a symbolic range are equal as written: SymPy
    combines sums with the same limits and their summands cancel. Carrying the sums out first tries to
    find each in closed form (Gosper's algorithm, hypergeometric terms), which can take seconds and is
    not needed to see that two sums of equal summands agree."""
    if not isinstance(rel, sp.Equality) or flow or not rel.has(sp.Sum) or rel.has(sp.Order):
        return False
    if not (isinstance(rel.lhs, sp.Expr) and isinstance(rel.rhs, sp.Expr)) or rel.has(sp.MatrixBase, sp.MatrixExpr):
        return False
    from sympy.simplify.simplify import sum_simplify
    try:
        return sp.expand(sum_simplify(rel.lhs - rel.rhs)) == 0
    except Exception:
        return False


@dataclass
class AtSizes:
    """A statement about every size, encoded at fixed sizes, evaluated numerically at other sizes.

    ``build(**size)`` returns the relation (an equation, possibly between matrices, or an inequality;
    or a :class:`Statement` with hypotheses) at one combination of ``sizes`` (``{"d": (5, 8)}``: at d = 5
    and at d = 8). Each is evaluated at the budget's random points (``domains`` as for :class:`Identity`)
    to 50 digits after derivatives and sums are carried out: a difference beyond round-off (or an
    inequality violated) fails, agreement everywhere holds as numeric evidence at those sizes.

    It checks the family ``build`` makes, never the statement it is given: it is the "supported beyond"
    of a derivation done at fixed sizes (a check with ``sizes``), and a correction needs its own.
    """
    build: Callable[..., Any]
    sizes: Mapping | None = None
    name: str = "at larger sizes"
    domains: Mapping = field(default_factory=dict)
    kind: str = NUMERIC
    # a function of the seed and budget only (fixed random points, 50 digits): its result may be cached
    # like a symbolic one, when ``build`` is a module-level function (its module's code is in the key)
    cacheable: ClassVar[bool] = True

    def __post_init__(self):
        self.sizes = validated_sizes(self, self.sizes)
        if self.sizes is None:
            raise ValueError(f"AtSizes {self.name!r}, field sizes: the sizes to evaluate at are required")

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        names = list(self.sizes)
        combos = sorted(itertools.product(*(self.sizes[n] for n in names)), key=lambda c: (sum(c), c))
        if ctx.budget.size_combinations:            # the smallest combinations at a small budget, all at larger ones
            combos = combos[:ctx.budget.size_combinations]
        evaluated = {n: tuple(sorted({c[i] for c in combos})) for i, n in enumerate(names)}
        result = self._run(ctx, names, combos)
        if evaluated != self.sizes:
            result.evidence["sizes_declared"] = {k: list(v) for k, v in self.sizes.items()}
            result = dataclasses.replace(result, summary=result.summary + say(
                f"; declared {sizes_text(self.sizes)}: every size at budget standard"))
        return result

    def _run(self, ctx: Context, names: list, combos: list) -> CheckResult:
        evaluated = {n: tuple(sorted({c[i] for c in combos})) for i, n in enumerate(names)}
        check = dataclasses.replace(self, sizes=evaluated)
        rows, points_used = [], 0
        for combo in combos:
            size = dict(zip(names, combo))
            built = self.build(**size)
            built = built if isinstance(built, Statement) else Statement(built)
            row = self._at(built, ctx, size)
            rows.append(row)
            points_used += row["points"]
            if row["outcome"] != Outcome.HOLDS.value:
                outcome = Outcome(row["outcome"])
                shown = ", ".join(f"{k} = {v}" for k, v in size.items())
                what = (f"differs from its other side by {row['worst']} at {row['at']} (50 digits)"
                        if outcome == Outcome.FAILS else row["why"])
                return _kind_result(check, outcome, NUMERIC, f"at {shown}: {what}", per_size=rows, digits=DIGITS)
        return _kind_result(check, Outcome.HOLDS, NUMERIC,
                            f"holds at {points_used} random points over {len(rows)} sizes, each to {DIGITS} digits",
                            per_size=rows, digits=DIGITS)

    def _at(self, built: Statement, ctx: Context, size: Mapping) -> dict:
        rel = built.conclusion
        big, small, eq = relation_sides(rel)
        big, small = _evaluate(big), _evaluate(small)
        if isinstance(big, sp.MatrixBase) or isinstance(small, sp.MatrixBase):
            pairs = list(zip(sp.Matrix(big), sp.Matrix(small)))
        else:
            pairs = [(big, small)]
        frozen = [(_freeze(b)[0], _freeze(s)[0]) for b, s in pairs]
        hyps = [_freeze(h)[0] for h in built.hypotheses]
        symbols = sorted(set().union(*[b.free_symbols | s.free_symbols for b, s in frozen]), key=str)
        points = _points(ctx, symbols, self.domains, hyps, ctx.budget.points) if symbols else [{}]
        row = {"size": dict(size), "points": len(points), "entries": len(frozen)}
        if not points:
            return {**row, "outcome": Outcome.UNDECIDED.value, "why": "no random point met the hypotheses"}
        f = sp.lambdify(symbols, [list(p) for p in frozen], modules=[MPMATH, "mpmath"], docstring_limit=0,
                        printer=MpmathPrinter({"fully_qualified_modules": False, "inline": True, "order": "none",
                                               "allow_unknown_functions": True, "user_functions": {k: k for k in MPMATH}}))
        worst = mp.mpf(0)
        with mp.workdps(DIGITS):
            for values in points:
                sides = f(*[mp.mpf(values[s]) for s in symbols])
                for b, s in sides:
                    if isinstance(b, mp.mpc) or isinstance(s, mp.mpc):
                        return {**row, "outcome": Outcome.UNDECIDED.value, "why": "a side is not real at a sampled point"}
                    scale = max(abs(b) + abs(s), mp.mpf(1))
                    gap = abs(b - s) / scale if eq else (s - b) / scale
                    if gap > mp.mpf(10) ** -(DIGITS - 15):
                        at = {str(k): float(v) for k, v in values.items()}
                        return {**row, "outcome": Outcome.FAILS.value, "worst": mp.nstr(gap, 6), "at": at}
                    worst = max(worst, gap)
        return {**row, "outcome": Outcome.HOLDS.value, "worst_relative_difference": float(worst)}


@dataclass
class Inequality:
    """``lhs <= rhs`` (or ``>=``) under the statement's hypotheses, for all values in the symbols'
    domains. SymPy's sign inference proves it; otherwise a Hypothesis counterexample search, each
    candidate confirmed at 50 digits, refutes it or supports it."""
    name: str = "inequality"
    domains: Mapping = field(default_factory=dict)
    kind: str = SYMBOLIC
    sizes: Mapping | None = None     # derived on instances of these sizes only ({"d": (2, 3)}): proves those sizes

    def __post_init__(self):
        self.sizes = validated_sizes(self, self.sizes)

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        rel = statement.conclusion
        strict = isinstance(rel, (sp.StrictLessThan, sp.StrictGreaterThan))
        big, small = inequality_sides(rel)
        margin = sp.simplify(_evaluate(big) - _evaluate(small))
        declared = domains_for(margin.free_symbols, self.domains) if self.domains else {}
        declared = {s: d for s, d in declared.items() if str(s) in {str(k) for k in self.domains}}
        sign = sign_nonnegative(margin, declared, statement.hypotheses, strict, simplified=True)
        op = ">" if strict else ">="
        if sign is True:
            return _kind_result(self, Outcome.HOLDS, SYMBOLIC, say("SymPy proves ", (sp.Ge if op == ">=" else sp.Gt)(margin, 0, evaluate=False)),
                                margin=_s(margin))
        if sign is False:
            return _kind_result(self, Outcome.FAILS, SYMBOLIC, say("SymPy proves ", (sp.Ge if op == ">=" else sp.Gt)(margin, 0, evaluate=False),
                                    " false everywhere"),
                           margin=_s(margin))
        proved = _enclosure(margin, big - small, hypotheses=statement.hypotheses, strict=strict)
        if proved is not None:
            form, proof = proved
            where = ", ".join(f"{k} in {v}" for k, v in proof.region.items())
            return _kind_result(self, Outcome.HOLDS, SYMBOLIC,
                                say("interval arithmetic proves ", (sp.Ge if op == ">=" else sp.Gt)(form, 0, evaluate=False),
                                    f" on {where}" if where else " for all values",
                                    "".join(f"; {note}" for note in proof.stand_ins),
                                    f" ({proof.boxes} box{'es' if proof.boxes > 1 else ''})"),
                                margin=_s(form), **proof.to_json())
        instances = summed_instances(margin, statement.hypotheses, self.domains)
        if instances:
            return self._at_sizes(ctx, margin, instances, strict)
        values, evidence = _search(self, ctx, margin, statement.hypotheses, self.domains,
                                   f"big - small {'<=' if strict else '<'} 0", strict)
        evidence["margin"] = _s(margin)
        if values is not None:
            return with_plot(_kind_result(self, Outcome.FAILS, NUMERIC,
                              say("counterexample ", _point(evidence), ": big - small = ", _number(evidence["value_at_80_digits"])),
                              **evidence), lambda: counterexample_plot(rel, values, self.domains))
        if "too_few" in evidence:
            return _kind_result(self, Outcome.UNDECIDED, NUMERIC,
                                f"SymPy could not decide the sign and the search is too thin: {evidence['too_few']}",
                                **evidence)
        return _kind_result(self, Outcome.HOLDS, NUMERIC,
                       f"no counterexample among {_searched(evidence)} (SymPy could not decide the sign)",
                       **evidence)

    def _at_sizes(self, ctx: Context, margin, instances, strict: bool) -> CheckResult:
        """The counterexample search on each finite instance of a sum over a symbolic range: refuted at
        the first size with a counterexample, held when every size held, undecided when one is too thin."""
        searched, thin = [], []
        for sizes, m_k, hyps_k, doms_k in instances:
            shown = sizes_text({k: (v,) for k, v in sizes.items()})
            if not m_k.free_symbols:                   # a number at this size: its sign decides
                sign, how = certain_sign(m_k, {})
                if sign is None:
                    thin.append((shown, {"valid_points": 0, "too_few": f"its value {_s(m_k)} has no certain sign"}))
                elif sign < 0 or (strict and sign == 0):
                    return _kind_result(self, Outcome.FAILS, SYMBOLIC,
                                        say("at ", shown, " the summed range written out gives big - small = ", m_k),
                                        margin=_s(margin), sizes={str(k): v for k, v in sizes.items()},
                                        counterexample={str(k): v for k, v in sizes.items()}, sign_certified_by=how)
                else:
                    searched.append((shown, {"valid_points": "exact"}))
                continue
            values, ev = _search(self, ctx, m_k, hyps_k, doms_k, f"big - small {'<=' if strict else '<'} 0", strict)
            if values is not None:
                ev.update(margin=_s(margin), instance=_s(m_k), sizes={str(k): v for k, v in sizes.items()})
                for key in ("counterexample", "counterexample_exact"):
                    if key in ev:
                        ev[key] = {**{str(k): v for k, v in sizes.items()}, **ev[key]}
                return _kind_result(self, Outcome.FAILS, NUMERIC,
                                    say("counterexample ", _point(ev), " (the summed range written out): big - small = ",
                                        _number(ev["value_at_80_digits"])), **ev)
            (thin if "too_few" in ev else searched).append((shown, ev))
        evidence = {"margin": _s(margin), "search": "hypothesis, at each size of the summed range",
                    "sizes": [{"at": shown, "valid_points": ev["valid_points"], **({"too_few": ev["too_few"]} if "too_few" in ev else {})}
                              for shown, ev in searched + thin]}
        if thin:
            return _kind_result(self, Outcome.UNDECIDED, NUMERIC,
                                f"SymPy could not decide the sign; at {thin[0][0]} the search is too thin: {thin[0][1]['too_few']}",
                                **evidence)
        return _kind_result(self, Outcome.HOLDS, NUMERIC,
                            "no counterexample with the summed range written out at " +
                            "; ".join(f"{shown} ({ev['valid_points']} points)" if ev["valid_points"] != "exact" else
                                      f"{shown} (exactly)" for shown, ev in searched) +
                            " (SymPy could not decide the sign)", **evidence)


SUM_SIZES = (1, 2, 3, 4)      # the sizes at which a sum over a symbolic range is written out


def summed_instances(expr, hypotheses, domains: Mapping) -> list:
    """``[(sizes, expr_k, hypotheses_k, domains_k)]``: ``expr`` with every integer symbol that bounds a
    ``Sum`` or ``Product`` set to each of :data:`SUM_SIZES` in turn and the sums written out, each
    entry ``x[i]`` of an indexed family a symbol ``x_i`` of the family's sign (and domain). Empty when
    no sum runs over a symbolic range."""
    loops = [a for a in sp.sympify(expr).atoms(sp.Sum, sp.Product)]
    ends = sorted({s for a in loops for lim in a.limits for s in sp.Tuple(*lim[1:]).free_symbols
                   if s.is_integer}, key=str)
    if not ends:
        return []
    out = []
    for size in SUM_SIZES:
        sizes = {s: size for s in ends}
        try:
            e_k = sp.sympify(expr).xreplace(sizes).doit()
            h_k = [sp.sympify(h).xreplace(sizes).doit() for h in hypotheses]
        except Exception:
            return []
        entries = sorted(e_k.atoms(sp.Indexed).union(*(h.atoms(sp.Indexed) for h in h_k if isinstance(h, sp.Basic))),
                         key=sp.default_sort_key)
        if any(not all(i.is_Integer for i in x.indices) for x in entries) or e_k.has(sp.Sum, sp.Product):
            return []
        named = {x: sp.Symbol(f"{x.base}_{'_'.join(str(i) for i in x.indices)}",
                              **{k: True for k in ("integer", "positive", "nonnegative", "real") if getattr(x, f"is_{k}")})
                 for x in entries}
        named = {x: (v if v.is_real else sp.Symbol(v.name, real=True)) for x, v in named.items()}
        given = {str(k): v for k, v in domains.items()}
        doms_k = {str(v): given[str(x.base)] for x, v in named.items() if str(x.base) in given}
        doms_k.update({k: v for k, v in given.items() if k not in {str(x.base) for x in entries}})
        h_k = [h.xreplace(named) for h in h_k if h is not sp.true]
        if any(h is sp.false for h in h_k):
            continue                           # no instance of this size meets the hypotheses
        out.append((sizes, e_k.xreplace(named), h_k, doms_k))
    return out


def _common_side(stated, derived):
    """Rewrite two inequalities with a common side X as ('upper'|'lower', X, a_stated, a_derived),
    meaning X <= a or X >= a; None when they share no side."""
    def norm(rel):
        if isinstance(rel, (sp.LessThan, sp.StrictLessThan)):
            return [("upper", rel.lhs, rel.rhs), ("lower", rel.rhs, rel.lhs)]
        if isinstance(rel, (sp.GreaterThan, sp.StrictGreaterThan)):
            return [("lower", rel.lhs, rel.rhs), ("upper", rel.rhs, rel.lhs)]
        raise TypeError(f"expected an inequality, got {_s(rel)}")
    for kind_s, x_s, a_s in norm(stated):
        for kind_d, x_d, a_d in norm(derived):
            if kind_s == kind_d and sp.simplify(x_s - x_d) == 0:
                return kind_s, x_s, a_s, a_d
    return None


@dataclass
class Derivation:
    """Compares the statement with what its proof derives (a relation ``derived`` sharing one side
    with the statement, computed from the proof's steps).

    ``sense="conclusion"``: the derived bound must imply the stated one; ``sense="hypothesis"``: the
    stated hypothesis must imply the condition the proof needs. Equal: holds (symbolic). Implied with
    room to spare: loose, and the finding states the better bound. Not implied somewhere: gap, with the
    values where it breaks. ``constants`` are the unnamed constants of an O/Omega statement: it holds
    when a constant value makes the two equal.
    """
    derived: object = None
    sense: str = "conclusion"
    constants: tuple = ()
    domains: Mapping = field(default_factory=dict)
    name: str = "derivation"
    kind: str = SYMBOLIC
    sizes: Mapping | None = None     # derived on instances of these sizes only ({"d": (2, 3)}): proves those sizes

    def __post_init__(self):
        self.sizes = validated_sizes(self, self.sizes)

    def derived_relation(self, statement: Statement):
        return statement.expanded(self.derived)

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        stated = statement.conclusion
        derived = self.derived_relation(statement)
        return compare_relations(self, ctx, stated, derived, statement.hypotheses, self.sense, self.constants,
                                 self.domains)


def _unwrap_probability(stated, derived):
    """Pr[A] >= p against Pr[B] >= p (the same level p) compares the events A and B."""
    from ..core.notation import Prob
    both = [isinstance(r, (sp.GreaterThan, sp.StrictGreaterThan)) and isinstance(r.lhs, Prob) for r in (stated, derived)]
    if all(both) and sp.simplify(stated.rhs - derived.rhs) == 0:
        return stated.lhs.args[0], derived.lhs.args[0]
    return stated, derived


def _relation(x, bound, kind: str):
    """``x <= bound`` (``kind`` upper) or ``x >= bound``, as written (not evaluated)."""
    return (sp.Le if kind == "upper" else sp.Ge)(x, bound, evaluate=False)


def compare_relations(check, ctx, stated, derived, hypotheses, sense, constants=(), domains=None):
    domains = domains or {}
    evidence = {"stated": _s(stated), "derived": _s(derived), "sense": sense}
    stated, derived = _unwrap_probability(stated, derived)
    shared = _common_side(stated, derived)
    if shared is None:
        # no common side: search for a point where the implication breaks
        premise, goal = (derived, stated) if sense == "conclusion" else (stated, derived)
        big, small = inequality_sides(goal)
        values, ev = _search(check, ctx, big - small, list(hypotheses) + [premise], domains,
                             f"{_s(premise)} true but {_s(goal)} false")
        evidence.update(ev)
        if values is not None:
            return _kind_result(check, Outcome.GAP, NUMERIC,
                           say(premise, " does not imply ", goal, ": counterexample ", _point(ev)), **evidence)
        if "too_few" in ev:
            return _kind_result(check, Outcome.UNDECIDED, NUMERIC,
                                say("whether ", premise, " implies ", goal, ": the search is too thin: ", ev["too_few"]),
                                **evidence)
        return _kind_result(check, Outcome.HOLDS, NUMERIC,
                       say(premise, " implies ", goal, " at every one of ", _searched(ev)),
                       **evidence)
    kind, x, a_s, a_d = shared
    # P => Q for X <= a: a_P <= a_Q; for X >= a: a_P >= a_Q
    a_p, a_q = (a_d, a_s) if sense == "conclusion" else (a_s, a_d)
    need = sp.simplify(_evaluate(a_q - a_p) if kind == "upper" else _evaluate(a_p - a_q))
    evidence["required_nonnegative"] = _s(need)
    if constants:
        sol = sp.solve(sp.Eq(a_s, a_d), list(constants), dict=True)
        good = [s for s in sol if all(not v.free_symbols and v.is_positive for v in s.values())]
        if good:
            shown = {str(k): _s(v) for k, v in good[0].items()}
            return _kind_result(check, Outcome.HOLDS, SYMBOLIC, say("the derivation gives the stated form with ", good[0]),
                           constants=shown, **evidence)
        return _kind_result(check, Outcome.GAP, SYMBOLIC,
                       say("no constant makes ", a_s, " match the derived ", a_d), **evidence)
    if need == 0:
        return _kind_result(check, Outcome.HOLDS, SYMBOLIC, "the derivation gives exactly the stated relation", **evidence)
    declared = {s: d for s, d in domains_for(need.free_symbols, domains).items() if str(s) in {str(k) for k in domains}}
    frozen, _ = _freeze(need)
    sign = sign_nonnegative(frozen, declared, [_freeze(h)[0] for h in hypotheses])
    better = say("the derivation gives ", _relation(x, a_d, kind))
    if sign is True:
        what = "stronger than needed" if sense == "hypothesis" else "weaker than derived"
        return _kind_result(check, Outcome.LOOSE, SYMBOLIC, say("stated relation is ", what, ": ", better), **evidence)
    if sign is False:
        return _kind_result(check, Outcome.GAP, SYMBOLIC, say("the proof does not deliver the statement: ", better), **evidence)
    values, ev = _search(check, ctx, need, hypotheses, domains, "derived relation fails to imply the stated one")
    evidence.update(ev)
    if values is not None:
        return _kind_result(check, Outcome.GAP, NUMERIC,
                       say("the proof does not deliver the statement at ", _point(ev), ": ", better), **evidence)
    if "too_few" in ev:
        return _kind_result(check, Outcome.UNDECIDED, NUMERIC,
                            say("the search for where the derived relation fails to imply the stated one is too thin: ",
                                ev["too_few"], "; ", better), **evidence)
    return _kind_result(check, Outcome.LOOSE, NUMERIC,
                   say("no point where the derived relation fails to imply the stated one; ", better), **evidence)


@dataclass
class Gronwall:
    """Grönwall comparison: the statement bounds ``y(t)``; its hypotheses contain the differential
    inequality ``y'(t) <= F(t, y)`` and, optionally, the start ``Eq(y(0), y0)``. The comparison ODE
    ``Y' = F(t, Y)``, ``Y(0) = y0`` (or ``y(0)`` itself) is solved with ``dsolve`` and its solution compared
    with the stated bound as a :class:`Derivation`. ``require_start`` makes a missing start an error."""
    name: str = "gronwall"
    domains: Mapping = field(default_factory=dict)
    require_start: bool = False
    kind: str = SYMBOLIC
    sizes: Mapping | None = None     # derived on instances of these sizes only ({"d": (2, 3)}): proves those sizes

    def __post_init__(self):
        self.sizes = validated_sizes(self, self.sizes)

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        stated = statement.conclusion
        ineqs = [h for h in statement.hypotheses if h.has(sp.Derivative) and not isinstance(h, sp.Equality)]
        if not ineqs:
            raise ValueError("Grönwall check needs a differential inequality among the statement's hypotheses")
        h = ineqs[0]
        big, small = inequality_sides(h)
        deriv = small if isinstance(small, sp.Derivative) else big
        rhs = big if deriv is small else small
        y = deriv.expr
        t = deriv.variables[0]
        starts = [x for x in statement.hypotheses if isinstance(x, sp.Equality) and x.lhs == y.subs(t, 0)]
        if self.require_start and not starts:
            raise ValueError("no initial value Eq(y(0), value) among the hypotheses")
        if starts:
            sol = sp.dsolve(sp.Eq(deriv, rhs), y, ics={y.subs(t, 0): starts[0].rhs})
            comparison = sp.simplify(sol.rhs)
        else:
            y0 = sp.Dummy("y0")
            sol = sp.dsolve(sp.Eq(deriv, rhs), y, ics={y.subs(t, 0): y0})
            comparison = sol.rhs.subs(y0, y.subs(t, 0))
        derived = sp.Le(y, comparison) if deriv is small else sp.Ge(y, comparison)
        others = [x for x in statement.hypotheses if x is not h and x not in starts]
        res = compare_relations(self, ctx, stated, derived, others, "conclusion", (), self.domains)
        res.evidence["comparison_solution"] = _s(comparison)
        return res
