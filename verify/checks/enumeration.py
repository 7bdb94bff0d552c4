"""Exact checks by enumeration: statements over the Boolean cube, case splits, and Grönwall with an
initial value.

:class:`Enumeration` decides a statement that quantifies over x in {0,1}^d or {-1,1}^d (and over other
finitely many values) by evaluating it at *every* point at once, vectorized with NumPy. The evaluation
is exact whenever it can be: integers and rationals become :class:`fractions.Fraction` in object arrays,
so a failure is an exact counterexample and an enumeration that covers every free variable over its
whole domain is a proof. When the statement needs irrational functions (cos, sqrt, ...) the evaluation
falls back to float64 and a failing point is confirmed at 50 digits with SymPy before it counts.
Expectations over the uniform cube are written with :class:`CubeMean`.

:class:`CaseSplit` proves or refutes a statement in one real variable by a finite set of cases (for
instance z = 1/2 + s and z = -1/2 - s with s >= 0 for |z| >= 1/2) after checking, with SymPy's sets,
that the cases cover every value the statement's hypotheses allow.

:class:`InitialValueGronwall` is :class:`verify.checks.symbolic.Gronwall` with the initial value taken from the
statement's hypotheses (``Eq(y(0), value)``), for bounds that hold only from a given start.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping, Sequence

import numpy as np
import sympy as sp
from sympy.printing.pycode import PythonCodePrinter

from ..core.model import NUMERIC, SYMBOLIC, CheckResult, Context, Outcome, Statement
from ..core.text import say
from .search import high_precision
from ._common import inequality_sides, replay_for
from .symbolic import Gronwall

MAX_POINTS = 2_000_000
CUBES = {"01": (0, 1), "pm1": (-1, 1)}


# ---------------------------------------------------------------------------------------------
# notation: the mean over the uniform cube
# ---------------------------------------------------------------------------------------------

class CubeMean(sp.Function):
    r"""E_{x ~ Unif(V^n)}[expr] for an IndexedBase x with coordinates x[1], ..., x[n] and a tuple of
    values V (``(0, 1)`` or ``(-1, 1)``). With a concrete n, ``doit`` writes out the average over all
    |V|^n points (so SymPy-based checks can use it); :class:`Enumeration` evaluates it vectorized."""
    nargs = 4

    def doit(self, **hints):
        expr, x, n, values = self.args
        if hints.get("deep", True):
            expr = expr.doit(**hints)
        if not n.is_Integer:
            return self.func(expr, x, n, values)
        coords = [x[i] for i in range(1, int(n) + 1)]
        terms = [expr.xreplace(dict(zip(coords, point))) for point in itertools.product(values, repeat=int(n))]
        return sp.Add(*terms) / len(terms)

    def _latex(self, printer, exp=None):
        expr, x, n, values = self.args
        cube = r"\{0,1\}" if tuple(values) == (0, 1) else r"\{-1,1\}" if tuple(values) == (-1, 1) else printer._print(values)
        text = r"\mathbb{E}_{%s \sim \mathrm{Unif}(%s^{%s})}\left[%s\right]" % (
            printer._print(x), cube, printer._print(n), printer._print(expr))
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)


def cube_mean(expr, x, n, cube: str = "01") -> CubeMean:
    """E over x uniform on {0,1}^n (``cube="01"``) or {-1,1}^n (``"pm1"``)."""
    return CubeMean(expr, x, sp.sympify(n), sp.Tuple(*CUBES[cube]))


# ---------------------------------------------------------------------------------------------
# exact (Fraction) or float evaluation of expressions on arrays
# ---------------------------------------------------------------------------------------------

class Inexact(Exception):
    """The expression needs a function that exact arithmetic cannot evaluate."""


class _EnumPrinter(PythonCodePrinter):
    """Prints numbers and the piecewise functions of ReLU networks as calls into the evaluation
    namespace, so the same code runs exactly (Fractions) or in floating point."""

    def _print_Integer(self, e):
        return f"_Q({e.p}, 1)"

    def _print_Indexed(self, e):
        return "%s[%s]" % (self._print(e.base.label), ", ".join(str(int(i)) for i in e.indices))

    def _print_ReLU(self, e):
        return "_max(_Q(0, 1), %s)" % self._print(e.args[0])

    def _print_Rational(self, e):
        return f"_Q({e.p}, {e.q})"

    def _print_Half(self, e):
        return "_Q(1, 2)"

    def _print_NegativeOne(self, e):
        return "_Q(-1, 1)"

    def _print_One(self, e):
        return "_Q(1, 1)"

    def _print_Zero(self, e):
        return "_Q(0, 1)"

    def _print_Float(self, e):
        return f"_F({float(e)!r})"

    def _call(self, name, args):
        return "%s(%s)" % (name, ", ".join(self._print(a) for a in args))

    def _print_Max(self, e):
        return self._call("_max", e.args)

    def _print_Min(self, e):
        return self._call("_min", e.args)

    def _print_Abs(self, e):
        return self._call("_abs", e.args)

    def _print_sign(self, e):
        return self._call("_sign", e.args)

    def _print_Heaviside(self, e):
        args = e.args if len(e.args) == 2 else (e.args[0], sp.Rational(1, 2))
        return self._call("_heaviside", args)

    def _print_KroneckerDelta(self, e):
        return self._call("_kd", e.args)

    def _print_Pow(self, e):
        return self._call("_pow", e.args)

    def _print_Mod(self, e):
        return "(%s %% %s)" % (self._print(e.args[0]), self._print(e.args[1]))


def _bool(a):
    return np.asarray(a, dtype=bool)


def _namespace(exact: bool) -> dict:
    def fmax(*a):
        out = a[0]
        for b in a[1:]:
            out = np.where(_bool(np.asarray(b) > out), b, out)
        return out

    def fmin(*a):
        out = a[0]
        for b in a[1:]:
            out = np.where(_bool(np.asarray(b) < out), b, out)
        return out

    one, zero = (1, 0) if exact else (1.0, 0.0)

    def heaviside(x, at_zero):
        x = np.asarray(x)
        return np.where(_bool(x > 0), one, np.where(_bool(x == 0), at_zero, zero))

    def sign(x):
        x = np.asarray(x)
        return np.where(_bool(x > 0), one, np.where(_bool(x < 0), -one, zero))

    def kd(a, b):
        return np.where(_bool(np.asarray(a) == np.asarray(b)), one, zero)

    class _NoMath:
        def __getattr__(self, name):
            raise Inexact(f"math.{name} has no exact evaluation")

    def fl(v):
        if exact:
            raise Inexact("a floating-point constant")
        return v

    def power(b, e):
        # an array on the left (Fraction ** ndarray would fall back to float); negative integer
        # exponents need Fraction bases to stay exact
        if not exact:
            return np.power(np.asarray(b, dtype=float), e)
        b, e = np.asarray(b, dtype=object), np.asarray(e, dtype=object)
        if np.any(_bool(e < 0)):
            b = np.vectorize(lambda v: Fraction(v) if isinstance(v, (int, Fraction)) else v, otypes=[object])(b)
        return np.power(b, e)

    def rational(p, q):
        return (p if q == 1 else Fraction(p, q)) if exact else p / q

    return {"_Q": rational, "_F": fl, "_max": fmax, "_min": fmin, "_pow": power,
            "_abs": np.abs, "_sign": sign, "_heaviside": heaviside, "_kd": kd,
            "math": _NoMath() if exact else np}


def _is_exact(a) -> bool:
    a = np.asarray(a)
    if a.dtype != object:
        return a.dtype.kind in "biu"
    return all(isinstance(v, (Fraction, int, bool, np.bool_)) for v in a.ravel())


def _expand_sums(expr):
    """Write out sums and products with concrete integer limits (innermost first), without SymPy's
    automatic evaluation (which queries assumptions of every new node and costs more than the
    enumeration itself)."""
    with sp.evaluate(False):
        return _expand_sums_unevaluated(expr)


def _expand_sums_unevaluated(expr):
    def expand(e):
        (i, lo, hi), = e.limits if len(e.limits) == 1 else (None,)
        if not (lo.is_Integer and hi.is_Integer):
            return e
        terms = [e.function.xreplace({i: sp.Integer(k)}) for k in range(int(lo), int(hi) + 1)]
        return sp.Add(*terms) if isinstance(e, sp.Sum) else sp.Mul(*terms)
    for _ in range(4):
        new = expr.replace(lambda e: isinstance(e, (sp.Sum, sp.Product)) and len(e.limits) == 1, expand)
        if new == expr:
            break
        expr = new
    return expr


def _variables(expr) -> set:
    """The free variables of an expression: Indexed coordinates and plain symbols (not the bases, and
    not the coordinates a :class:`CubeMean` averages over)."""
    if isinstance(expr, CubeMean):
        inner, x, n, _ = expr.args
        return {v for v in _variables(inner) if not (isinstance(v, sp.Indexed) and v.base == x)} | _variables(n)
    if isinstance(expr, sp.Indexed):
        return {expr}.union(*[_variables(i) for i in expr.indices])
    if isinstance(expr, sp.Symbol):
        return {expr}
    return set().union(*[_variables(a) for a in expr.args]) if expr.args else set()


def _key(v) -> str:
    """Name under which a variable's values are given: the IndexedBase's name for x[i], else the symbol's."""
    return str(v.base.label) if isinstance(v, sp.Indexed) else str(v)


class _Evaluator:
    """Evaluates expressions at all points of a grid (arrays of one rank that broadcast, one per
    variable), writing each :class:`CubeMean` as a mean over a new last axis. Exact mode computes with
    Python integers and Fractions in object arrays (no overflow, no rounding)."""

    def __init__(self, grid: Mapping, exact: bool, rank: int = 1):
        self.grid = grid              # variable (Symbol or Indexed) -> array of rank ``rank``
        self.exact = exact
        self.rank = rank
        self.ns = _namespace(exact)

    def array(self, v):
        a = np.asarray(self.grid[v])
        if self.exact:
            if a.dtype.kind in "iub":
                return a.astype(object)
            return np.array([_exact_number(x) for x in a.ravel()], dtype=object).reshape(a.shape)
        return a.astype(float)

    def value(self, expr):
        means = list(expr.atoms(CubeMean))
        outer = {node: sp.Dummy("E") for node in means if not any(o != node and o.has(node) for o in means)}
        arrays = {h: self._mean(node) for node, h in outer.items()}
        if outer:
            expr = expr.xreplace(outer)
        variables = _variables(expr) - set(arrays)
        bases = sorted({v.base.label if isinstance(v, sp.Indexed) else v for v in variables}, key=str)
        args = []
        for base in bases:
            coords = [v for v in variables if isinstance(v, sp.Indexed) and v.base.label == base]
            args.append({_index(v): self.array(v) for v in coords} if coords else self.array(base))
        hs = list(arrays)
        f = sp.lambdify(bases + hs, expr, modules=[self.ns], printer=_EnumPrinter)
        try:
            with np.errstate(all="ignore"):
                out = f(*args, *[arrays[h] for h in hs])
        except (NameError, AttributeError):
            # a function the array namespace lacks (binomial, gamma, ...): SymPy, point by point
            return self._pointwise(expr, sorted(variables, key=sp.default_sort_key), arrays)
        except (ValueError, TypeError, ZeroDivisionError, OverflowError) as exc:
            if self.exact:
                raise Inexact(str(exc)) from exc
            raise
        return np.asarray(out, dtype=object if self.exact else float)

    def _pointwise(self, expr, variables, arrays):
        """SymPy evaluation at every point (slow: for small grids and functions NumPy lacks). Exact
        values stay exact; anything else is evaluated at 50 digits (float mode only)."""
        values = [np.asarray(self.grid[v]) for v in variables] + [np.asarray(a) for a in arrays.values()]
        shape = np.broadcast_shapes(*[np.shape(a) for a in values]) if values else ()
        cols = [np.broadcast_to(a, shape).ravel() for a in values]
        keys = list(variables) + list(arrays)
        out = []
        for point in zip(*cols) if cols else [()]:
            subs = {k: sp.nsimplify(_exact_number(x)) if not isinstance(x, Fraction) else sp.Rational(x.numerator, x.denominator)
                    for k, x in zip(keys, point)}
            val = expr.xreplace(subs).doit()
            if val.is_Rational:
                out.append(_exact_number(Fraction(int(val.p), int(val.q))) if self.exact else float(val))
            elif self.exact:
                raise Inexact(f"{sp.sstr(val)} is not rational")
            else:
                out.append(float(sp.N(val, 50)))
        return np.array(out, dtype=object if self.exact else float).reshape(shape)

    def _mean(self, node):
        expr, x, n, values = node.args
        if not n.is_Integer:
            raise ValueError(f"the dimension {n} of {node} is not a number: give it in ``dims``")
        coords = [x[i] for i in range(1, int(n) + 1)]
        pts = np.array(list(itertools.product([int(v) for v in values], repeat=int(n))), dtype=np.int64)
        grid = {v: np.asarray(a)[..., None] for v, a in self.grid.items()}
        shape = (1,) * self.rank + (pts.shape[0],)
        grid.update({c: pts[:, k].reshape(shape) for k, c in enumerate(coords)})
        vals = _Evaluator(grid, self.exact, self.rank + 1).value(_expand_sums(expr))
        full = np.broadcast_shapes(*[np.shape(a) for a in grid.values()], np.shape(vals))
        total = np.broadcast_to(vals, full).sum(axis=-1)
        return total / Fraction(pts.shape[0]) if self.exact else total / pts.shape[0]


def _index(v: sp.Indexed):
    idx = tuple(int(i) for i in v.indices)
    return idx[0] if len(idx) == 1 else idx


def _exact_number(x):
    x = x.item() if hasattr(x, "item") else x
    if isinstance(x, (int, Fraction)):
        return x
    if float(x).is_integer():
        return int(x)
    return Fraction(float(x))


def _relations(rel):
    return list(rel.args) if isinstance(rel, sp.And) else [rel]


def _holds(rel, ev: _Evaluator, tol: float):
    """Boolean array: where the relation holds (exactly, or within ``tol`` relative to the sides)."""
    if isinstance(rel, sp.And):
        out = None
        for r in rel.args:
            h = _holds(r, ev, tol)
            out = h if out is None else out & h
        return out
    if isinstance(rel, sp.Equality):
        big, small = ev.value(rel.lhs), ev.value(rel.rhs)
    else:
        big, small = inequality_sides(rel)
        big, small = ev.value(big), ev.value(small)
    big, small = np.broadcast_arrays(big, small)
    if ev.exact:
        if not (_is_exact(big) and _is_exact(small)):
            raise Inexact("a value is not a rational number")
        diff = big - small
        if isinstance(rel, sp.Equality):
            return _bool(diff == 0)
        strict = isinstance(rel, (sp.StrictLessThan, sp.StrictGreaterThan))
        return _bool(diff > 0) if strict else _bool(diff >= 0)
    big, small = big.astype(float), small.astype(float)
    scale = np.maximum(np.abs(big) + np.abs(small), 1.0)
    if isinstance(rel, sp.Equality):
        return np.abs(big - small) <= tol * scale
    return big - small >= -tol * scale


# ---------------------------------------------------------------------------------------------
# the enumeration check
# ---------------------------------------------------------------------------------------------

@dataclass
class Enumeration:
    """The statement at every point of a finite grid, vectorized: ``cubes`` maps a variable's name (an
    IndexedBase's or a symbol's) to "01" or "pm1" (each coordinate ranges over that set), ``ranges`` maps
    names to explicit value tuples, ``dims`` maps dimension symbols (sum limits, cube sizes) to the
    values they are checked at; the statement is checked separately at each combination.

    Exact arithmetic is used when possible. ``complete`` says whether the ``ranges`` exhaust the
    variables' domains (a parameter in N truncated to {0..3} does not). The result is symbolic (a proof
    or an exact disproof) when the evaluation is exact and either it found a counterexample or every
    variable and dimension was enumerated over its whole domain; otherwise it is numeric evidence.
    """
    cubes: Mapping[str, str] = field(default_factory=dict)
    ranges: Mapping[str, Sequence] = field(default_factory=dict)
    dims: Mapping[str, Sequence[int]] = field(default_factory=dict)
    complete: bool = False
    name: str = "enumeration"
    tol: float = 1e-9
    kind: str = SYMBOLIC

    def _values(self, v):
        key = _key(v)
        if key in self.cubes:
            return CUBES[self.cubes[key]]
        if key in self.ranges:
            return tuple(self.ranges[key])
        raise KeyError(f"the enumeration gives no values for {v} (add {key!r} to cubes or ranges)")

    def _combinations(self):
        names = list(self.dims)
        for values in itertools.product(*[tuple(self.dims[k]) for k in names]):
            yield dict(zip(names, values))

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        checked, exact_all, total = [], True, 0
        for shown in self._combinations():
            rel = _expand_sums(_subs_by_name(statement.conclusion, shown))
            hyps = [_expand_sums(_subs_by_name(h, shown)) for h in statement.hypotheses]
            variables = sorted(set().union(_variables(rel), *[_variables(h) for h in hyps]), key=sp.default_sort_key)
            sizes = [len(self._values(v)) for v in variables]
            count = int(np.prod(sizes)) if sizes else 1
            if count > MAX_POINTS:
                raise ValueError(f"{count} points at {shown}: more than {MAX_POINTS}; choose smaller dims or ranges")
            idx = np.indices(sizes).reshape(len(sizes), -1) if sizes else np.zeros((0, 1), dtype=np.int64)
            grid = {v: np.asarray(self._values(v), dtype=np.int64 if _integral(self._values(v)) else float)[idx[k]]
                    for k, v in enumerate(variables)}
            for exact in (True, False):
                try:
                    ev = _Evaluator(grid, exact)
                    ok = np.broadcast_to(_holds(rel, ev, self.tol), (count,))
                    valid = np.ones(count, dtype=bool)
                    for h in hyps:
                        valid = valid & np.broadcast_to(_holds(h, ev, 0.0), (count,))
                    break
                except Inexact:
                    continue
            exact_all &= exact
            total += int(valid.sum())
            bad = np.flatnonzero(valid & ~ok)
            for i in bad[:20]:
                point = {v: grid[v][i] for v in variables}
                if not (exact or _confirmed(rel, point)):
                    continue
                shown_point = {str(v): _plain(x) for v, x in point.items()}
                where = ", ".join(f"{k}={v}" for k, v in shown.items())
                sides = _sides_at(rel, point)
                return CheckResult(
                    check=self.name, kind=SYMBOLIC if exact else NUMERIC, outcome=Outcome.FAILS,
                    summary=say("fails at ", shown_point, f" ({where})" if where else "", ": ",
                                _sides_said(rel, point), f" ({'exact' if exact else '50-digit'} evaluation; "
                                f"{len(bad)} of {int(valid.sum())} points fail)"),
                    evidence={"counterexample": shown_point, "dims": shown, "exact": exact, "sides": sides,
                              "failing_points": int(len(bad)), "points": int(valid.sum()), "replay": replay_for(ctx)})
            checked.append({"dims": shown, "points": int(valid.sum()), "exact": exact,
                            "unconfirmed_float_failures": int(len(bad))})
        proof = exact_all and not self.dims and (self.complete or not self.ranges)
        evidence = {"combinations": checked, "points": total, "exact": exact_all, "replay": replay_for(ctx)}
        if total == 0:
            return CheckResult(check=self.name, kind=NUMERIC, outcome=Outcome.UNDECIDED,
                               summary="the hypotheses held at no enumerated point", evidence=evidence)
        how = "exactly" if exact_all else f"in floating point (tolerance {self.tol:g})"
        dims = "; ".join(", ".join(f"{k}={v}" for k, v in c["dims"].items()) for c in checked if c["dims"])
        summary = f"holds at all {total} enumerated points, evaluated {how}" + (f" ({dims})" if dims else "")
        if not proof:
            summary += "; finitely many dimensions or truncated parameter ranges: numeric evidence"
        return CheckResult(check=self.name, kind=SYMBOLIC if proof else NUMERIC, outcome=Outcome.HOLDS,
                           summary=summary, evidence=evidence)


def _subs_by_name(expr, values: Mapping):
    if not values:
        return expr
    repl = {s: sp.Integer(values[str(s)]) for s in expr.free_symbols if str(s) in values}
    with sp.evaluate(False):
        return _replace(expr, repl)


def _replay(ctx: Context) -> str:
    return f"python -m verify run {ctx.claim_id} --seed {ctx.seed} --budget {ctx.budget.name}"


def _integral(values) -> bool:
    return all(float(v).is_integer() for v in values)


def _plain(x):
    x = float(x)
    return int(x) if x.is_integer() else x


def _point_subs(rel, point):
    subs = {v: (sp.Integer(int(x)) if float(x).is_integer() else sp.nsimplify(float(x))) for v, x in point.items()}
    return rel.xreplace(subs).doit()


def _sides_at(rel, point) -> str:
    """Both sides of (each part of) the relation at a point, exactly where possible."""
    return str(_sides_said(rel, point))


def _sides_said(rel, point):
    """:func:`_sides_at` as a text with the values as math."""
    parts = []
    for k, r in enumerate(_relations(rel)):
        lhs, rhs = _point_subs(r.lhs, point), _point_subs(r.rhs, point)
        parts += ["; " if k else "", "lhs = ", lhs, ", rhs = ", rhs]
    return say(*parts)


def _confirmed(rel, point) -> bool:
    """A float failure confirmed at 50 digits with SymPy."""
    for r in _relations(rel):
        if isinstance(r, sp.Equality):
            v = high_precision(_point_subs(r.lhs - r.rhs, point), {})
            if v is not None and abs(v) > sp.Float(10) ** -30:
                return True
        else:
            big, small = inequality_sides(r)
            v = high_precision(_point_subs(big - small, point), {})
            if v is not None and v < -sp.Float(10) ** -30:
                return True
    return False


# ---------------------------------------------------------------------------------------------
# case splits
# ---------------------------------------------------------------------------------------------

def _replace(rel, mapping):
    """``xreplace`` that keeps relations unevaluated (an equation true at the case is still checked)."""
    if isinstance(rel, sp.And):
        return sp.And(*[_replace(r, mapping) for r in rel.args], evaluate=False)
    if isinstance(rel, sp.Rel):
        return rel.func(rel.lhs.xreplace(mapping), rel.rhs.xreplace(mapping), evaluate=False)
    return rel.xreplace(mapping)


def _domain_of(sym) -> sp.Set:
    if sym.is_positive:
        return sp.Interval.open(0, sp.oo)
    if sym.is_nonnegative:
        return sp.Interval(0, sp.oo)
    if sym.is_negative:
        return sp.Interval.open(-sp.oo, 0)
    if sym.is_nonpositive:
        return sp.Interval(-sp.oo, 0)
    return sp.S.Reals


@dataclass
class CaseSplit:
    """``variable`` is replaced in turn by each case (an expression in fresh symbols whose assumptions
    give their ranges, or a number); the inner ``check`` runs on every case. Before that, SymPy's sets
    confirm that the cases' images cover every real value the statement's hypotheses on ``variable``
    allow, so a proof on all cases is a proof of the statement. Fails if any case fails."""
    variable: sp.Symbol = None
    cases: Sequence = ()
    check: object = None
    name: str = "case split"
    kind: str = SYMBOLIC

    def covered(self, statement: Statement):
        """(needed set, covered set) on the real line."""
        own = [h for h in statement.hypotheses if self.variable in h.free_symbols]
        need = sp.S.Reals
        for h in own:
            need = need.intersect(sp.solveset(h, self.variable, sp.S.Reals))
        cover = sp.S.EmptySet
        for c in self.cases:
            c = sp.sympify(c)
            free = sorted(c.free_symbols, key=str)
            if not free:
                cover = cover.union(sp.FiniteSet(c))
            elif len(free) == 1:
                cover = cover.union(sp.imageset(sp.Lambda(free[0], c), _domain_of(free[0])))
            else:
                raise ValueError(f"a case must have at most one fresh symbol: {c}")
        return need, cover

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        need, cover = self.covered(statement)
        missing = sp.Complement(need, cover)
        if missing != sp.S.EmptySet:
            return CheckResult(check=self.name, kind=SYMBOLIC, outcome=Outcome.UNDECIDED,
                               summary=say("the cases do not cover ", missing),
                               evidence={"needed": sp.sstr(need), "covered": sp.sstr(cover)})
        results = []
        for c in self.cases:
            c = sp.sympify(c)
            sub = Statement(_replace(statement.conclusion, {self.variable: c}),
                            [h.xreplace({self.variable: c}) for h in statement.hypotheses
                             if self.variable not in h.free_symbols])
            results.append((c, self.check.run(sub, ctx)))
        evidence = {"needed": sp.sstr(need), "covered": sp.sstr(cover),
                    "cases": [{"case": f"{self.variable} = {sp.sstr(c)}", "outcome": r.outcome.value,
                               "summary": r.summary} for c, r in results]}
        kind = SYMBOLIC if all(r.kind == SYMBOLIC for _, r in results) else NUMERIC
        for c, r in results:
            if r.outcome in (Outcome.FAILS, Outcome.ERROR, Outcome.GAP, Outcome.UNDECIDED):
                return CheckResult(check=self.name, kind=r.kind, outcome=r.outcome,
                                   summary=say("case ", sp.Eq(self.variable, c, evaluate=False), ": ", r.summary),
                                   evidence=evidence)
        return CheckResult(check=self.name, kind=kind, outcome=Outcome.HOLDS,
                           summary=say(f"holds in all {len(results)} cases, which cover ", need),
                           evidence=evidence)


# ---------------------------------------------------------------------------------------------
# Grönwall with an initial value
# ---------------------------------------------------------------------------------------------

@dataclass
class InitialValueGronwall(Gronwall):
    """Grönwall comparison from a given start ``Eq(y(0), y0)`` among the hypotheses (required)."""
    name: str = "gronwall from y(0)"
    require_start: bool = True


__all__ = ["CubeMean", "cube_mean", "Enumeration", "CaseSplit", "InitialValueGronwall", "Inexact", "MAX_POINTS"]
