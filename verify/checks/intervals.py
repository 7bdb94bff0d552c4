"""Interval arithmetic on SymPy expressions (``mpmath.iv``, outward rounding): at exact points, where
it certifies the sign of a counterexample's margin (:mod:`verify.checks.search`), and on boxes, where
it proves a sign on a whole region (:mod:`verify.checks.enclosure`)."""
from __future__ import annotations

from fractions import Fraction
from typing import Mapping

import mpmath
import numpy as np
import sympy as sp

from ..core.notation import INTERVAL, Notation


def exact_value(v) -> Fraction:
    """A value as an exact rational: a float is taken exactly (its binary value)."""
    if isinstance(v, Fraction):
        return v
    if isinstance(v, sp.Rational):
        return Fraction(int(v.p), int(v.q))
    if isinstance(v, (int, np.integer)):
        return Fraction(int(v))
    return Fraction(float(v))


class NoInterval(Exception):
    """The expression has a part mpmath's interval arithmetic does not evaluate rigorously."""


IV_FUNCTIONS = {sp.exp: "exp", sp.log: "log", sp.sin: "sin", sp.cos: "cos", sp.tan: "tan",
                sp.gamma: "gamma", sp.loggamma: "loggamma", sp.factorial: "factorial"}


def interval(expr, values: Mapping, region: bool = False):
    """``expr`` as an mpmath interval at the current ``mpmath.iv.prec`` (outward rounding). ``values``
    are exact points, or with ``region`` intervals (``mpmath.iv.mpf``) too: then an interval that
    only touches a singularity at an end (``1/x``, ``log x`` on ``[0, 1]``) gives its one-sided limit, an
    enclosure of the values where the expression is defined."""
    iv = mpmath.iv

    def ev(e):
        return interval(e, values, region)
    if expr.is_Symbol:
        if expr not in values:
            raise NoInterval(f"no value for {expr}")
        v = values[expr]
        if region and isinstance(v, _IVMPF):
            return v
        f = exact_value(v)
        return iv.mpf(f.numerator) / iv.mpf(f.denominator)
    if expr.is_Rational:
        return iv.mpf(int(expr.p)) / iv.mpf(int(expr.q))
    if expr.is_Float:
        r = sp.Rational(expr)               # the Float's exact binary value
        return iv.mpf(int(r.p)) / iv.mpf(int(r.q))
    if expr is sp.pi:
        return iv.pi
    if expr is sp.E:
        return iv.e
    if isinstance(expr, sp.Add):
        out = iv.mpf(0)
        for a in expr.args:
            out = out + ev(a)
        return out
    if isinstance(expr, sp.Mul):
        out = iv.mpf(1)
        for a in expr.args:
            out = out * ev(a)
        return out
    if isinstance(expr, sp.Pow):
        base, e = expr.args
        b = ev(base)
        touches = region and b.a == 0 < b.b          # [0, b]: the limit at 0 where the power is defined
        if e.is_Integer:
            if e < 0 and b.a <= 0 <= b.b and not (touches or (region and b.a < 0 == b.b)):
                raise NoInterval("division by an interval containing 0")
            return b ** int(e)
        if e == sp.Rational(1, 2):
            if b.a < 0:
                raise NoInterval("square root of an interval reaching below 0")
            return iv.sqrt(b)
        if touches and e.is_number:
            ee = ev(e)
            top = iv.exp(ee * iv.log(iv.mpf(b.b)))
            if ee.a > 0:
                return iv.mpf([0, top.b])
            if ee.b < 0:
                return iv.mpf([top.a, mpmath.inf])
            raise NoInterval("power of an interval touching 0 with an exponent of unknown sign")
        if b.a <= 0:
            raise NoInterval("non-integer power of an interval reaching 0 or below")
        return iv.exp(ev(e) * iv.log(b))
    if isinstance(expr, sp.Abs):
        return abs(ev(expr.args[0]))
    if isinstance(expr, (sp.Max, sp.Min)):
        parts = [ev(a) for a in expr.args]
        pick = max if isinstance(expr, sp.Max) else min
        return iv.mpf([pick(p.a for p in parts), pick(p.b for p in parts)])
    if expr.func in IV_FUNCTIONS and len(expr.args) == 1:
        arg = ev(expr.args[0])
        if expr.func is sp.log and (arg.a < 0 or (arg.a == 0 and not (region and arg.b > 0))):
            raise NoInterval("logarithm of an interval reaching 0 or below")
        if expr.func in (sp.gamma, sp.loggamma, sp.factorial) and arg.a <= 0:
            raise NoInterval(f"{expr.func.__name__} of an interval reaching 0 or below")
        return getattr(iv, IV_FUNCTIONS[expr.func])(arg)
    if isinstance(expr, Notation) and type(expr).__name__ in INTERVAL:     # vectors and matrices as iv.matrix
        value = _notation(expr, values, region)
        if isinstance(value, iv.matrix):
            raise NoInterval(f"{type(expr).__name__} is a vector, not a number")
        return value
    raise NoInterval(f"{type(expr).__name__} has no interval evaluation")


_IVMPF = type(mpmath.iv.mpf(0))


def _notation(expr, values: Mapping, region: bool = False):
    """A notation function on intervals, its vector and matrix arguments as ``mpmath.iv.matrix``."""
    iv = mpmath.iv

    def arg(a):
        if isinstance(a, sp.MatrixBase):
            return iv.matrix([[interval(e, values, region) for e in row] for row in a.tolist()])
        if isinstance(a, Notation) and type(a).__name__ in INTERVAL:
            return _notation(a, values, region)
        return interval(a, values, region)
    return INTERVAL[type(expr).__name__](*(arg(a) for a in expr.args))
