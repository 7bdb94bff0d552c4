"""Proof of a sign by interval enclosure: ``expr >= 0`` on a whole region, from mpmath's interval
arithmetic (outward rounding), by branch and bound.

The region is what the statement itself says, never a search domain: each symbol's declared
assumptions (positive, nonnegative, integer) cut by the hypotheses that bound one symbol by a number
(``lambda <= 1/2``, ``delta < 1``); other hypotheses are dropped, which only enlarges the region, so a
proof on it is a proof under them too. Ends may be infinite (mpmath's intervals carry ``inf``), and a
box that only touches a singularity at an end (``log delta`` on ``(0, 1)``) is enclosed by the
one-sided limit: the proof covers every point where the expression is defined.

A part interval arithmetic does not evaluate (a norm of a vector, an undefined function, a sum over
a symbolic range) stands for a number of its declared sign, independently at each occurrence: that
proves more than the statement asks, so it is sound. ``|k + c|`` with ``k`` integer-valued and ``c`` a
number is at least the distance from ``c`` to the integers (``|w^T x - b - 1/2| >= 1/2`` for integer
w, x, b).

Nothing here says a statement is false: a box where the enclosure is negative may lie outside the
hypotheses that were dropped. The counterexample search does that.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import mpmath
import sympy as sp

from .intervals import IV_FUNCTIONS, NoInterval, interval
from .search import numeric_bound

ENCLOSURE_BOXES = 64      # interval evaluations (boxes) one proof may use
ENCLOSURE_BITS = 64       # working precision of the intervals


@dataclass(frozen=True)
class Side:
    """One end of a symbol's range: a value (possibly infinite) and whether it is excluded."""
    value: float | Fraction
    open: bool = False


@dataclass
class Enclosure:
    """A proof: the region (symbol -> text), how many boxes it took."""
    region: dict
    boxes: int
    stand_ins: tuple = ()

    def to_json(self) -> dict:
        out = {"proof": "interval arithmetic (mpmath.iv, outward rounding) by branch and bound",
               "region": self.region, "boxes": self.boxes}
        if self.stand_ins:
            out["taken_as_any_number_of_their_range"] = list(self.stand_ins)
        return out


def _range_of(x) -> tuple[Side, Side] | None:
    """The range a symbol's (or a stand-in's) assumptions allow; None when it may be non-real."""
    if x.is_real is not True and x.is_integer is not True:
        return None
    lo, hi = Side(-math.inf, True), Side(math.inf, True)
    if x.is_positive:
        lo = Side(1) if x.is_integer else Side(0, True)
    elif x.is_nonnegative:
        lo = Side(0)
    if x.is_negative:
        hi = Side(-1) if x.is_integer else Side(0, True)
    elif x.is_nonpositive:
        hi = Side(0)
    return lo, hi


def integer_valued(e) -> bool:
    """``e`` takes integer values only: SymPy says so, or it is a sum, product or power with a
    nonnegative integer exponent of such parts (a ``Sum`` over integer terms, which SymPy leaves open)."""
    if e.is_integer:
        return True
    if isinstance(e, (sp.Add, sp.Mul)):
        return all(integer_valued(a) for a in e.args)
    if isinstance(e, sp.Pow):
        return integer_valued(e.base) and e.exp.is_integer is True and e.exp.is_nonnegative is True
    if isinstance(e, (sp.Sum, sp.Product)):
        # integer limits (a Sum up to a real x is x + 1 for a constant 1), and for a Product a range of
        # nonnegative length (SymPy's convention makes a reversed one a reciprocal)
        limits_ok = all(len(lim) == 3 and all(v.is_integer for v in lim) for lim in e.limits)
        if isinstance(e, sp.Product):
            limits_ok = limits_ok and all((lim[2] - lim[1] + 1).is_nonnegative is True for lim in e.limits)
        return limits_ok and integer_valued(e.function)
    return False


def _integral_offset(arg):
    """``c`` when ``arg = k + c`` with ``k`` integer-valued and ``c`` a rational; else None."""
    c, k = sp.sympify(arg).as_coeff_Add()
    if not c.is_Rational or c.is_integer or k == 0 or not integer_valued(k):
        return None
    return c


def _evaluable(expr) -> bool:
    if expr.is_Symbol or expr.is_Number or expr in (sp.pi, sp.E):
        return True
    if isinstance(expr, (sp.Add, sp.Mul, sp.Pow, sp.Abs, sp.Max, sp.Min)) or \
            (expr.func in IV_FUNCTIONS and len(expr.args) == 1):
        return all(_evaluable(a) for a in expr.args)
    return False


def stand_ins(expr):
    """``expr`` with every part interval arithmetic does not evaluate replaced by a Dummy of the
    part's sign (``|k + c|`` with k integer: a Dummy with its lower bound), the ranges of the
    Dummies and what each stands for: ``(expr', {dummy: (lo, hi)}, notes)``; None when such a part may
    be non-real."""
    ranges: dict = {}
    memo: dict = {}
    notes: list = []

    def walk(e):
        if e in memo:
            return memo[e]
        if e.is_Symbol or e.is_Number or e in (sp.pi, sp.E):
            out = e
        elif isinstance(e, sp.Abs) and not _evaluable(e.args[0]) and _integral_offset(e.args[0]) is not None:
            c = _integral_offset(e.args[0])
            gap = Fraction(int(c.p), int(c.q)) % 1
            dummy = sp.Dummy("abs", nonnegative=True)
            ranges[dummy] = (Side(min(gap, 1 - gap)), Side(math.inf, True))
            notes.append(f"{sp.sstr(e)} >= {_value(min(gap, 1 - gap))} (an integer plus {sp.sstr(c)})")
            out = dummy
        elif isinstance(e, (sp.Add, sp.Mul, sp.Pow, sp.Abs, sp.Max, sp.Min)) or \
                (e.func in IV_FUNCTIONS and len(e.args) == 1):
            out = e.func(*[walk(a) for a in e.args], evaluate=False)
        else:
            r = _range_of(e)
            if r is None:
                raise NoInterval(f"{type(e).__name__} may not be real")
            dummy = sp.Dummy(type(e).__name__, real=True)
            ranges[dummy] = r
            notes.append(f"{sp.sstr(e)} in {_text(*r, False)}")
            out = dummy
        memo[e] = out
        return out
    try:
        return walk(sp.sympify(expr)), ranges, tuple(notes)
    except NoInterval:
        return None


def region(symbols, hypotheses=()) -> dict | None:
    """symbol -> (lo, hi) Sides: the assumptions, cut by the hypotheses bounding a symbol by a number."""
    out = {}
    for s in symbols:
        r = _range_of(s)
        if r is None:
            return None
        out[s] = r
    for h in hypotheses:
        b = numeric_bound(h)
        if b is None or b.symbol not in out:
            continue
        x, side, strict = b.symbol, b.side, b.strict
        if b.number.is_Rational:
            v = Fraction(int(b.number.p), int(b.number.q))
        else:                                     # a float of an irrational bound, one step outward
            v = Fraction(math.nextafter(b.value, -math.inf if side == "lo" else math.inf))
        if x.is_integer:                          # n > 2 for an integer: n >= 3; n <= 5/2: n <= 2
            value = Fraction(math.ceil(v) if side == "lo" else math.floor(v))
            if strict and value == v:
                value += 1 if side == "lo" else -1
            strict = False
        else:
            value = v
        lo, hi = out[x]
        if side == "lo" and value >= lo.value:
            lo = Side(value, strict)
        elif side == "hi" and value <= hi.value:
            hi = Side(value, strict)
        out[x] = (lo, hi)
    return out


def _interval(lo: Side, hi: Side):
    """The closed interval over the two ends, rounded outward."""
    iv = mpmath.iv

    def end(v):
        if isinstance(v, float) and math.isinf(v):
            return iv.mpf([mpmath.inf, mpmath.inf]) if v > 0 else iv.mpf([-mpmath.inf, -mpmath.inf])
        f = Fraction(v)
        return iv.mpf(f.numerator) / iv.mpf(f.denominator)
    return iv.mpf([end(lo.value).a, end(hi.value).b])


def _infinite(v) -> bool:
    return isinstance(v, float) and math.isinf(v)


def _split(lo: Side, hi: Side, integer: bool):
    """Two halves of a range (for an infinite end, a finite piece and the rest); None when it is one
    integer or a single point."""
    a, b = lo.value, hi.value
    if a == b or (integer and not _infinite(a) and not _infinite(b) and b - a < 1):
        return None
    if _infinite(a) and _infinite(b):
        m = 0
    elif _infinite(b):
        m = (2 * a if a > 0 else a + 1) if a != 0 else 1
    elif _infinite(a):
        m = (2 * b if b < 0 else b - 1) if b != 0 else -1
    else:
        m = Fraction(a) + (Fraction(b) - Fraction(a)) / 2
    if integer:
        m = math.floor(m)
        if not _infinite(b) and m >= b:
            m = b - 1
        return (lo, Side(m)), (Side(m + 1), hi)
    return (lo, Side(m, False)), (Side(m, False), hi)


def _value(x) -> str:
    if isinstance(x, float) and math.isinf(x):
        return "oo" if x > 0 else "-oo"
    f = Fraction(x)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def _text(lo: Side, hi: Side, integer: bool) -> str:
    v = _value
    if integer:
        a, b = (None if math.isinf(x.value) else v(x.value) for x in (lo, hi))
        return (f"the integers from {a} to {b}" if a is not None and b is not None else
                f"the integers from {a}" if a is not None else f"the integers up to {b}" if b is not None else "the integers")
    return f"{'(' if lo.open else '['}{v(lo.value)}, {v(hi.value)}{')' if hi.open else ']'}"


def prove_nonnegative(expr, hypotheses=(), strict: bool = False, boxes: int = ENCLOSURE_BOXES) -> Enclosure | None:
    """An :class:`Enclosure` when interval arithmetic proves ``expr >= 0`` (``> 0`` when ``strict``) on
    the region the symbols' assumptions and the numeric bound hypotheses allow; None otherwise."""
    expr = sp.sympify(expr)
    if not isinstance(expr, sp.Expr) or expr.has(sp.oo, -sp.oo, sp.zoo, sp.nan, sp.I):
        return None
    replaced = stand_ins(expr)
    if replaced is None:
        return None
    body, extra, notes = replaced
    symbols = sorted(body.free_symbols - set(extra), key=str)
    ranges = region(symbols, hypotheses)
    if ranges is None:
        return None
    if len({str(x) for x in symbols}) < len(symbols):
        return None                                # two symbols of one name: the region could not say which
    ranges.update(extra)
    if any(lo.value > hi.value or (lo.value == hi.value and (lo.open or hi.open)) for lo, hi in ranges.values()):
        return None                                # an empty region proves nothing worth saying
    order = sorted(ranges, key=str)
    integer = {s: bool(s.is_integer) for s in order}
    iv = mpmath.iv
    old = iv.prec
    iv.prec = ENCLOSURE_BITS
    try:
        stack, used, turn = [dict(ranges)], 0, 0
        while stack:
            if used >= boxes:
                return None
            box = stack.pop()
            used += 1
            try:
                r = interval(body, {s: _interval(*box[s]) for s in order}, region=True)
            except (NoInterval, ZeroDivisionError, ValueError, ArithmeticError, TypeError):   # OverflowError too
                r = None
            if r is not None and not (mpmath.isnan(r.a) or mpmath.isnan(r.b)) and (r.a > 0 or (r.a >= 0 and not strict)):
                continue
            for k in range(len(order)):               # split the next symbol in turn that can be split
                s = order[(turn + k) % len(order)]
                try:
                    halves = _split(*box[s], integer[s])
                except OverflowError:                 # ends beyond the floats: no proof
                    return None
                if halves is not None:
                    turn = (turn + k + 1) % len(order)
                    stack += [{**box, s: halves[1]}, {**box, s: halves[0]}]
                    break
            else:
                return None
        shown = {str(s): _text(*ranges[s], integer[s]) for s in order if s not in extra}
        return Enclosure(shown, used, notes)
    finally:
        iv.prec = old
