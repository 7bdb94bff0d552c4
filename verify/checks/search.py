"""Counterexample search with Hypothesis, confirmed at high precision before it is reported.

A candidate found in floating point is re-evaluated with exact inputs at 50 significant digits (mpmath,
through SymPy's ``evalf``); only candidates that survive count. Hypothesis then shrinks the example, and
the result carries the seed and values that replay it.
"""
from __future__ import annotations

import math
import random
import warnings
from dataclasses import dataclass
from typing import Callable, Mapping

import numpy as np
import sympy as sp
from hypothesis import HealthCheck, Phase, find, settings, strategies as st
from hypothesis.errors import NoSuchExample

from ._common import DIGITS
from ..core.notation import MPMATH, SCALAR_NUMPY


@dataclass(frozen=True)
class Domain:
    """Where a symbol's values are drawn from. ``log`` draws the exponent uniformly."""
    lo: float
    hi: float
    log: bool = False
    integer: bool = False

    def strategy(self) -> st.SearchStrategy:
        if self.integer:
            return st.integers(int(self.lo), int(self.hi))
        if self.log:
            lo, hi = self.lo, self.hi
            return st.floats(math.log10(lo), math.log10(hi)).map(lambda e: min(max(float(10.0**e), lo), hi))
        return st.floats(self.lo, self.hi, allow_nan=False, allow_infinity=False)

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        if self.integer:
            return rng.integers(int(self.lo), int(self.hi) + 1, size=size).astype(float)
        if self.log:
            return np.clip(10.0 ** rng.uniform(math.log10(self.lo), math.log10(self.hi), size=size), self.lo, self.hi)
        return rng.uniform(self.lo, self.hi, size=size)


def default_domain(symbol: sp.Symbol) -> Domain:
    """A domain read off the symbol's SymPy assumptions."""
    if symbol.is_integer:
        return Domain(1 if symbol.is_positive else (0 if symbol.is_nonnegative else -50), 50, integer=True)
    if symbol.is_positive:
        return Domain(1e-3, 1e3, log=True)
    if symbol.is_nonnegative:
        return Domain(0.0, 100.0)
    return Domain(-100.0, 100.0)


def domains_for(symbols, given: Mapping | None = None) -> dict:
    given = {str(k): v for k, v in (given or {}).items()}
    return {s: given.get(str(s)) or default_domain(s) for s in symbols}


def high_precision(expr, values: Mapping, digits: int = DIGITS):
    """``expr`` at ``values`` (floats taken exactly) to ``digits`` significant digits; None if not real."""
    subs = {s: sp.Float(v, digits + 10) if not float(v).is_integer() else sp.Integer(int(v)) for s, v in values.items()}
    val = sp.sympify(expr).xreplace(subs)
    if val.is_Boolean:
        return bool(val)
    val = val.doit().evalf(digits)
    if val.is_Boolean:
        return bool(val)
    if not val.is_number or val.has(sp.I) or val in (sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    return val


def find_counterexample(symbols, domains: Mapping, violated: Callable[[dict], bool], seed: int,
                        examples: int) -> dict | None:
    """Search for values with ``violated(values)`` true; None when none is found.

    A vectorized random sweep (when ``violated`` offers ``batch``) looks at many points at once; then
    Hypothesis searches the edges of the domains. The example found is shrunk to simple values.
    ``violated`` must itself confirm a candidate at high precision (see :func:`confirmed_negative`).
    """
    symbols = sorted(symbols, key=str)
    if not symbols:
        return {} if violated({}) else None
    found = _sweep(symbols, domains, violated, seed, examples) if hasattr(violated, "batch") else None
    if found is None:
        found = _hypothesis(symbols, domains, violated, seed, examples)
    return None if found is None else shrink(found, domains, violated)


def _safe(violated, values) -> bool:
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return bool(violated(values))
    except (ZeroDivisionError, OverflowError, ValueError, TypeError, ArithmeticError):
        return False


def _sweep(symbols, domains, violated, seed, examples, confirm: int = 20):
    rng = np.random.default_rng(seed)
    size = 100 * examples
    arrays = {s: domains[s].sample(rng, size) for s in symbols}
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            candidates = np.flatnonzero(violated.batch(arrays))
    except Exception:          # a function NumPy cannot vectorize: Hypothesis searches point by point
        return None
    for i in candidates[:confirm]:
        values = {s: float(arrays[s][i]) for s in symbols}
        if _safe(violated, values):
            return values
    return None


def _hypothesis(symbols, domains, violated, seed, examples):
    strategy = st.fixed_dictionaries({str(s): domains[s].strategy() for s in symbols})
    by_name = {str(s): s for s in symbols}
    try:
        found = find(strategy, lambda drawn: _safe(violated, {by_name[k]: v for k, v in drawn.items()}),
                     random=random.Random(seed),
                     settings=settings(max_examples=examples, database=None, deadline=None,
                                       phases=[Phase.generate, Phase.shrink],
                                       suppress_health_check=list(HealthCheck)))
    except NoSuchExample:
        return None
    return {by_name[k]: v for k, v in found.items()}


def _simpler(v: float, dom: Domain):
    """Candidate replacements for v, simplest first: integers, one to three significant digits."""
    out = []
    if v != 0:
        exp10 = math.floor(math.log10(abs(v)))
        out += [float(round(v))] + [float(f"{v:.{k}g}") for k in (1, 2, 3)] + [math.copysign(10.0**exp10, v)]
    return [c for c in dict.fromkeys(out) if c != v and dom.lo <= c <= dom.hi and (not dom.integer or c.is_integer())]


def shrink(values: dict, domains: Mapping, violated) -> dict:
    """Greedy, deterministic shrinking: replace each value by a simpler one while still violated."""
    values = dict(values)
    for _ in range(3):
        changed = False
        for s in sorted(values, key=str):
            for c in _simpler(values[s], domains[s]):
                trial = {**values, s: c}
                if _safe(violated, trial):
                    values, changed = trial, True
                    break
        if not changed:
            break
    return values


def confirmed_negative(expr, hypotheses=(), tol: float = 1e-9, strict: bool = False):
    """A predicate on values: ``expr < 0`` beyond round-off (``expr <= 0`` when ``strict``: a strict
    inequality also fails where its two sides are equal), with every hypothesis true, confirmed at 50
    digits. Tolerances are relative to the size of expr's terms; floating point only screens."""
    symbols = sorted(sp.sympify(expr).free_symbols | set().union(*[h.free_symbols for h in hypotheses]), key=str)
    modules = [MPMATH, "mpmath"]
    fast = sp.lambdify(symbols, expr, modules=modules)
    hyp_fast = [sp.lambdify(symbols, h, modules=modules) for h in hypotheses]
    terms = sp.lambdify(symbols, [sp.Abs(t) for t in sp.Add.make_args(sp.sympify(expr))], modules=modules)

    vector = sp.lambdify(symbols, [expr, *hypotheses], modules=[SCALAR_NUMPY, "scipy", "numpy"])

    def batch(arrays: dict) -> np.ndarray:
        """Float screening of many points at once: candidates only, to be confirmed one by one."""
        out = vector(*[arrays[s] for s in symbols])
        value, hyps = np.asarray(out[0], float), out[1:]
        ok = value <= 0 if strict else value < 0
        for h in hyps:
            ok = ok & np.asarray(h, bool)
        return np.broadcast_to(ok, next(iter(arrays.values())).shape)

    def violated(values: dict) -> bool:
        args = [values[s] for s in symbols]
        v = fast(*args)
        size = max([float(abs(t)) for t in terms(*args) if _real(t)] + [0.0])
        if not _real(v) or v >= (tol * size if strict else -tol * size):
            return False
        if not all(bool(h(*args)) for h in hyp_fast):
            return False
        exact = high_precision(expr, values)
        if exact is None:
            return False
        exact_size = max([abs(high_precision(t, values) or 0) for t in sp.Add.make_args(sp.sympify(expr))] + [abs(exact)])
        floor = sp.Float(10) ** (-(DIGITS - 15)) * exact_size
        if not (exact <= floor if strict else exact < -floor):
            return False
        return all(high_precision(h, values) is True for h in hypotheses)

    violated.batch = batch
    return violated


def _real(v) -> bool:
    try:
        return math.isfinite(float(v))
    except (TypeError, ValueError):
        return False


def replay_text(claim_id: str, seed: int, values: Mapping) -> str:
    shown = ", ".join(f"{k} = {float(v)!r}" for k, v in sorted(values.items(), key=lambda kv: str(kv[0])))
    return f"python -m verify run {claim_id} --seed {seed}   # counterexample: {shown}"
