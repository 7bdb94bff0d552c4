"""Counterexample search with Hypothesis; a counterexample is reported only when its sign is certain.

Floating point only screens: a candidate counts when the sign of its margin is *certain* at its exact
inputs (floats taken exactly, rationals as rationals): from exact rational arithmetic when SymPy can
evaluate the expression exactly, else from mpmath interval arithmetic (``mpmath.iv``) at a precision
raised until the interval excludes 0, else from evaluations at rising precision whose sign and value
are stable relative to the size of the expression's terms. A candidate whose sign none of these
settles is discarded, and counted (``uncertain``), never reported.

Hypotheses are not folded into the predicate: the search draws inside the box that numeric bound
hypotheses (``x >= 2``, ``x <= 5``) cut from each symbol's domain, and every drawn point that does not
meet the hypotheses is rejected (``hypothesis.assume``) and not counted. The search reports how many
points met the hypotheses (:class:`SearchStats`); a caller is undecided below :func:`valid_floor`.
Counterexamples are shrunk toward simple values (small integers, then simple rationals, then short
decimals) before they are reported, and carry the seed and values that replay them.
"""
from __future__ import annotations

import contextlib
import functools
import math
import threading
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Mapping, NamedTuple

import mpmath
import numpy as np
import sympy as sp

from ._common import DIGITS
from ..core.notation import MPMATH, SCALAR_NUMPY
from .intervals import NoInterval, exact_value, interval


@dataclass(frozen=True)
class Domain:
    """Where a symbol's values are drawn from. ``log`` draws the exponent uniformly."""
    lo: float
    hi: float
    log: bool = False
    integer: bool = False

    def strategy(self):
        """The Hypothesis strategy drawing this domain's values."""
        from hypothesis import strategies as st     # imported on first search: a claim without one does not load it
        if self.integer:
            return st.integers(math.ceil(self.lo), math.floor(self.hi))
        if self.log:
            lo, hi = self.lo, self.hi
            return st.floats(math.log10(lo), math.log10(hi)).map(lambda e: min(max(float(10.0**e), lo), hi))
        return st.floats(self.lo, self.hi, allow_nan=False, allow_infinity=False)

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        if self.integer:
            return rng.integers(math.ceil(self.lo), math.floor(self.hi) + 1, size=size).astype(float)
        if self.log:
            return np.clip(10.0 ** rng.uniform(math.log10(self.lo), math.log10(self.hi), size=size), self.lo, self.hi)
        return rng.uniform(self.lo, self.hi, size=size)

    def around(self, rng: np.random.Generator, centres: np.ndarray, spread) -> np.ndarray:
        """One point near each of ``centres``: a normal step of ``spread`` (a number, or one per centre)
        times the domain's width (the width of its exponents, for a log domain), kept inside the domain."""
        if self.log:
            lo, hi = math.log10(self.lo), math.log10(self.hi)
            exponents = np.log10(centres) + rng.normal(0.0, spread * (hi - lo), centres.shape)
            return np.clip(10.0 ** np.clip(exponents, lo, hi), self.lo, self.hi)
        out = centres + rng.normal(0.0, spread * (self.hi - self.lo), centres.shape)
        if self.integer:
            return np.clip(np.round(out), math.ceil(self.lo), math.floor(self.hi))
        return np.clip(out, self.lo, self.hi)


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


class Bound(NamedTuple):
    """What a hypothesis ``x >= b`` / ``x <= b`` (either way round) says of the symbol x: its side
    (``'lo'`` or ``'hi'``), the number b as a float and as written, and whether it is strict."""
    symbol: sp.Symbol
    side: str
    value: float
    number: sp.Expr
    strict: bool


def numeric_bound(h) -> Bound | None:
    """The :class:`Bound` a hypothesis puts on one symbol by a real number b; None for any other
    hypothesis."""
    if not isinstance(h, (sp.GreaterThan, sp.StrictGreaterThan, sp.LessThan, sp.StrictLessThan)):
        return None
    lhs, rhs = h.lhs, h.rhs
    if isinstance(lhs, sp.Symbol) and rhs.is_number and rhs.is_real:
        x, b, upper = lhs, rhs, isinstance(h, (sp.LessThan, sp.StrictLessThan))
    elif isinstance(rhs, sp.Symbol) and lhs.is_number and lhs.is_real:
        x, b, upper = rhs, lhs, isinstance(h, (sp.GreaterThan, sp.StrictGreaterThan))
    else:
        return None
    try:
        value = float(b)
    except (TypeError, ValueError):
        return None
    strict = isinstance(h, (sp.StrictGreaterThan, sp.StrictLessThan))
    return Bound(x, "hi" if upper else "lo", value, b, strict) if math.isfinite(value) else None


def hypothesis_box(domains: Mapping, hypotheses=()) -> dict:
    """The domains cut down to the box that numeric bound hypotheses allow (the hypotheses are still
    checked at every point: the box only stops the search from drawing points it must reject). A
    symbol whose domain misses the box entirely is drawn from the box itself (100 wide on an open side)."""
    bounds: dict = {}
    for h in hypotheses:
        b = numeric_bound(h)
        if b is None:
            continue
        x, side, v = b.symbol, b.side, b.value
        lo, hi = bounds.get(x, (-math.inf, math.inf))
        bounds[x] = (max(lo, v), hi) if side == "lo" else (lo, min(hi, v))
    out = dict(domains)
    for x, (lo, hi) in bounds.items():
        if x not in out:
            continue
        d = out[x]
        new_lo, new_hi = max(d.lo, lo), min(d.hi, hi)
        if new_lo > new_hi:                       # the declared domain misses the hypotheses
            new_lo = lo if math.isfinite(lo) else hi - 100.0
            new_hi = hi if math.isfinite(hi) else lo + 100.0
        if d.integer and math.ceil(new_lo) > math.floor(new_hi):
            continue                              # no integer in the box: leave it to the hypotheses
        log = d.log and new_lo > 0 and new_hi / new_lo > 100
        out[x] = Domain(new_lo, new_hi, log=log, integer=d.integer)
    return out


def involved(expr, hypotheses) -> tuple[list, list]:
    """The hypotheses that constrain ``expr``'s symbols, directly or through other hypotheses, and
    the others: hypotheses only on symbols ``expr`` does not depend on do not change where it is
    negative (they are taken to be satisfiable) and are left out of a search."""
    symbols = set(sp.sympify(expr).free_symbols)
    rest = list(hypotheses)
    chosen: list = []
    grew = True
    while grew:
        grew = False
        for h in list(rest):
            if h.free_symbols & symbols:
                chosen.append(h)
                rest.remove(h)
                symbols |= h.free_symbols
                grew = True
    return [h for h in hypotheses if h in chosen], rest


def high_precision(expr, values: Mapping, digits: int = DIGITS):
    """``expr`` at ``values`` (floats taken exactly, rationals exact) to ``digits`` significant digits;
    None if not real."""
    subs = {s: exact_rational(v) if isinstance(v, (Fraction, sp.Rational)) else
            sp.Float(v, digits + 10) if not float(v).is_integer() else sp.Integer(int(v)) for s, v in values.items()}
    val = sp.sympify(expr).xreplace(subs)
    if val.is_Boolean:
        return bool(val)
    val = val.doit()
    if val.is_Boolean:          # a hypothesis decided by doit (a sum or a limit carried out)
        return bool(val)
    val = val.evalf(digits)
    if val.is_Boolean:
        return bool(val)
    if not val.is_number or val.has(sp.I) or val in (sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    return val


# ---------------------------------------------------------------------------------------------
# certain signs
# ---------------------------------------------------------------------------------------------

INTERVAL_BITS = (64, 256, 1024, 4096, 16384)     # interval precisions tried in turn
STABLE_DIGITS = (30, 60, 120, 240, 480, 960, 1920)  # decimal precisions of the last resort


def exact_rational(v) -> sp.Rational:
    """A value as an exact SymPy rational (a float's binary value)."""
    f = exact_value(v)
    return sp.Rational(f.numerator, f.denominator)


def _interval_sign(expr, values: Mapping):
    """(sign, precision in bits) from interval arithmetic, sign None when no precision settles it;
    raises NoInterval when the expression cannot be evaluated on intervals."""
    iv = mpmath.iv
    old = iv.prec
    try:
        for bits in INTERVAL_BITS:
            iv.prec = bits
            try:
                r = interval(expr, values)
            except (ZeroDivisionError, ValueError, ArithmeticError) as exc:
                raise NoInterval(str(exc)) from None
            a, b = r.a, r.b
            if not (mpmath.isfinite(a) and mpmath.isfinite(b)):
                if a > 0:
                    return 1, bits
                if b < 0:
                    return -1, bits
                continue
            if a > 0:
                return 1, bits
            if b < 0:
                return -1, bits
            if a == 0 and b == 0:
                return 0, bits
        return None, INTERVAL_BITS[-1]
    finally:
        iv.prec = old


def _stable_sign(expr, exact: Mapping):
    """(sign, digits) from evaluations at rising precision: accepted when two successive precisions
    agree in sign and to 6 digits, and the value is far above that precision's round-off relative to
    the largest term of the expression; (None, digits) otherwise."""
    terms = sp.Add.make_args(expr)
    previous = None
    for digits in STABLE_DIGITS:
        try:
            v = expr.evalf(digits, subs=exact)
            sizes = [abs(t.evalf(digits, subs=exact)) for t in terms]
        except Exception:
            return None, digits
        if not v.is_number or not v.is_real or not v.is_finite or \
                not all(s.is_number and s.is_real and s.is_finite for s in sizes):
            return None, digits
        size = max(sizes + [abs(v)])
        clear = abs(v) > size * sp.Float(10) ** (-(digits - 10))
        if clear and previous is not None and (v > 0) == (previous > 0) and abs(v - previous) <= abs(v) * 1e-6:
            return (1 if v > 0 else -1), digits
        previous = v if clear else None
    return None, STABLE_DIGITS[-1]


def certain_sign(expr, values: Mapping) -> tuple[int | None, str]:
    """The sign of ``expr`` at ``values`` (exact inputs) when it is certain, and how it was made
    certain: ``(1 | 0 | -1, how)``, or ``(None, why)`` when nothing settles it (or it is not real).

    Exact rational arithmetic for rational functions, else interval arithmetic, else evaluation at
    rising precision; values are never substituted into SymPy's automatic evaluation (a rational
    raised to a huge power would take forever)."""
    expr = sp.sympify(expr)
    exact = {s: exact_rational(v) for s, v in values.items()}
    symbols = sorted(expr.free_symbols, key=str)
    if all(s in exact for s in symbols) and expr.is_rational_function(*symbols) and _small_powers(expr):
        try:
            val = expr.xreplace(exact)
        except Exception as exc:                # division by 0
            return None, f"not evaluable: {type(exc).__name__}"
        if val.is_Rational:
            return (1 if val.is_positive else -1 if val.is_negative else 0), "exact"
        if val.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return None, "not real"
    try:
        sign, bits = _interval_sign(expr, values)
        if sign is not None:
            return sign, f"interval arithmetic at {bits} bits"
    except NoInterval:
        pass
    sign, digits = _stable_sign(expr, exact)
    if sign is not None:
        return sign, f"stable at {digits} digits"
    return None, "sign not certain at any precision tried"


def _small_powers(expr, limit: int = 64) -> bool:
    """Every integer power in ``expr`` is at most ``limit`` (exact arithmetic stays cheap)."""
    return all(not p.exp.is_Integer or abs(int(p.exp)) <= limit for p in expr.atoms(sp.Pow))


def certainly_true(relation, values: Mapping) -> bool:
    """The hypothesis ``relation`` is certainly true at ``values``."""
    rel = sp.sympify(relation)
    if isinstance(rel, (sp.GreaterThan, sp.StrictGreaterThan, sp.LessThan, sp.StrictLessThan)):
        big, small = (rel.lhs, rel.rhs) if isinstance(rel, (sp.GreaterThan, sp.StrictGreaterThan)) else (rel.rhs, rel.lhs)
        sign, _ = certain_sign(big - small, values)
        strict = isinstance(rel, (sp.StrictGreaterThan, sp.StrictLessThan))
        return sign is not None and (sign > 0 if strict else sign >= 0)
    try:
        val = rel.xreplace({s: exact_rational(v) for s, v in values.items()})
    except Exception:
        return False
    if val.is_Boolean:
        return bool(val)
    return high_precision(relation, values) is True


# ---------------------------------------------------------------------------------------------
# the search
# ---------------------------------------------------------------------------------------------

VALID_FLOOR = 0.2      # a search is undecided when fewer than this share of its examples met the hypotheses


def valid_floor(examples: int) -> int:
    """The fewest points meeting the hypotheses that a search needs before it may report no
    counterexample (a share of the budget's Hypothesis examples)."""
    return max(10, int(VALID_FLOOR * examples))


@dataclass
class SearchStats:
    """What a search looked at: points drawn and how many met the hypotheses, per stage, the points
    discarded because the sign of their margin could not be made certain, and why Hypothesis stopped
    early (a failed health check, unsatisfiable hypotheses)."""
    swept: int = 0
    swept_valid: int = 0
    examples: int = 0          # Hypothesis examples that met the hypotheses
    uncertain: int = 0
    unevaluable: int = 0       # points meeting the hypotheses where the statement has no finite real value
    stopped: str = ""
    notes: list = field(default_factory=list)

    @property
    def valid(self) -> int:
        return self.swept_valid + self.examples

    def to_json(self) -> dict:
        out = {"swept": self.swept, "swept_valid": self.swept_valid, "hypothesis_valid_examples": self.examples,
               "valid_points": self.valid, "uncertain_sign_discarded": self.uncertain}
        if self.unevaluable:
            out["not_evaluable"] = self.unevaluable
        if self.stopped:
            out["hypothesis_stopped"] = self.stopped
        return out


def find_counterexample(symbols, domains: Mapping, violated: Callable[[dict], bool], seed: int,
                        examples: int, stats: SearchStats | None = None) -> dict | None:
    """Search for values with ``violated(values)`` true; None when none is found.

    A vectorized random sweep (when ``violated`` offers ``batch``) looks at many points at once; then
    Hypothesis searches the edges of the domains, rejecting points where ``violated.valid`` (the
    hypotheses) is false. The example found is shrunk to simple values. ``violated`` must itself make
    a candidate's sign certain (see :func:`confirmed_negative`). ``stats`` receives the counts.
    """
    stats = stats if stats is not None else SearchStats()
    symbols = sorted(symbols, key=str)
    if not symbols:
        return {} if violated({}) else None
    pairs = ordered_pairs(getattr(violated, "hypotheses", ()), {s: domains[s] for s in symbols})
    found = _sweep(symbols, domains, violated, seed, examples, stats, pairs) if hasattr(violated, "batch") else None
    if found is None:
        found = _hypothesis(symbols, domains, violated, seed, examples, stats, pairs)
    stats.uncertain = getattr(violated, "uncertain", [0])[0]
    stats.unevaluable = getattr(violated, "unevaluable", [0])[0]
    return None if found is None else shrink(found, domains, violated)


ORDERINGS = (sp.LessThan, sp.StrictLessThan, sp.GreaterThan, sp.StrictGreaterThan)


def ordered_pairs(hypotheses, domains: Mapping) -> list[tuple[sp.Symbol, sp.Symbol]]:
    """The pairs ``(x, y)`` of searched symbols on one domain that a hypothesis orders, ``x <= y`` (or
    ``x < y``): the searches draw such a pair as two values of the domain, sorted, so that every draw
    meets that hypothesis and the pair still covers its whole region, the edge ``x = y`` included.
    (The setting's sigma_min <= ||J(0)|| and mu <= nu rejected half of the draws each, and a search
    drew four times the points it counted.) A symbol is in one pair at most; every hypothesis,
    these included, is still checked at every point."""
    pairs, paired = [], set()
    for h in hypotheses:
        if not isinstance(h, ORDERINGS):
            continue
        small, big = (h.lhs, h.rhs) if isinstance(h, (sp.LessThan, sp.StrictLessThan)) else (h.rhs, h.lhs)
        if (isinstance(small, sp.Symbol) and isinstance(big, sp.Symbol) and small != big
                and not {small, big} & paired and small in domains and domains.get(big) == domains[small]):
            pairs.append((small, big))
            paired |= {small, big}
    return pairs


def _sorted_pairs(arrays: dict, pairs) -> dict:
    """``arrays`` with each ordered pair's two arrays sorted elementwise (see :func:`ordered_pairs`)."""
    for small, big in pairs:
        arrays[small], arrays[big] = np.minimum(arrays[small], arrays[big]), np.maximum(arrays[small], arrays[big])
    return arrays


def _quiet(fn, *args) -> bool:
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return bool(fn(*args))
    except (ZeroDivisionError, OverflowError, ValueError, TypeError, ArithmeticError):
        return False


def _safe(violated, values) -> bool:
    return _quiet(violated, values)


def _sweep(symbols, domains, violated, seed, examples, stats: SearchStats, pairs=(), confirm: int = 20):
    """A vectorized random sweep of the domains (``pairs`` drawn in order, :func:`ordered_pairs`); where
    the hypotheses hold on less than a tenth of it, a second sweep of as many points around the points
    where they hold (:data:`NEAR_SPREADS`), so that a narrow region the hypotheses allow is searched by
    more than the few points that fell into it."""
    rng = np.random.default_rng(seed)
    size = 100 * examples
    arrays = _sorted_pairs({s: domains[s].sample(rng, size) for s in symbols}, pairs)
    for second in (False, True):
        screened = _screen(violated, arrays, size)
        if screened is None:       # a function NumPy cannot vectorize: Hypothesis searches point by point
            return None
        bad, valid = screened
        stats.swept += size
        stats.swept_valid += int(np.count_nonzero(valid))
        found = _confirm(symbols, arrays, bad, violated, confirm)
        held = np.flatnonzero(valid)
        if found is not None or second or not 0 < len(held) < size // 10:
            return found
        centres = rng.choice(held, size=size)
        spread = np.repeat(NEAR_SPREADS, -(-size // len(NEAR_SPREADS)))[:size]
        arrays = _sorted_pairs({s: domains[s].around(rng, arrays[s][centres], spread) for s in symbols}, pairs)


# the second sweep's steps, as fractions of each domain's width: a third of its points at each scale
NEAR_SPREADS = (0.1, 0.01, 0.001)


def _screen(violated, arrays, size):
    """``violated.batch`` on the arrays: (violated, hypotheses hold), or None when it cannot vectorize."""
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            screened = violated.batch(arrays)
    except Exception:
        return None
    return screened if isinstance(screened, tuple) else (screened, np.ones(size, bool))


def _confirm(symbols, arrays, bad, violated, confirm: int):
    """The first of (at most ``confirm``) screened points that ``violated`` confirms, or None."""
    for i in np.flatnonzero(bad)[:confirm]:
        values = {s: float(arrays[s][i]) for s in symbols}
        if _safe(violated, values):
            return values
    return None


def _quiet_margin(margin, values):
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m = float(margin(values))
    except Exception:
        return None
    return m if math.isfinite(m) else None


class _Found(Exception):
    def __init__(self, values):
        super().__init__("counterexample")
        self.values = values


@functools.cache
def _local_constants_provider():
    """Hypothesis's provider module, whose draws mix in "local constants" (hypothesis >= 6.131,
    private); None where it is absent (nothing to pin)."""
    try:
        from hypothesis.internal.conjecture import providers
        providers._get_local_constants, providers.CONSTANTS_CACHE, providers.Constants  # noqa: B018
    except (ImportError, AttributeError):
        return None
    return providers


_CONSTANTS_LOCK = threading.RLock()


def _simple_values() -> tuple[list[int], list[float]]:
    """Small integers, simple fractions and powers of ten, both signs: the values a hand-made
    counterexample uses (and those a counterexample is shrunk toward, :func:`shrink`)."""
    ints = list(range(-10, 11)) + [s * 10**k for k in (2, 3) for s in (1, -1)]
    fracs = {Fraction(p, q) for q in (1, 2, 3, 4, 5, 8, 10, 20, 50, 100) for p in range(0, 2 * q + 1)}
    floats = {float(f) for f in fracs} | {10.0**k for k in range(-6, 7)} | {float(i) for i in ints}
    floats |= {-f for f in floats}
    return sorted(set(ints)), sorted(floats)


SIMPLE_CONSTANTS = _simple_values()


def _simple_constants():
    """:data:`SIMPLE_CONSTANTS` as Hypothesis's constants (a fresh object: Hypothesis may extend it)."""
    ints, floats = SIMPLE_CONSTANTS
    return _local_constants_provider().Constants(integers=set(ints), floats=set(floats))


@contextlib.contextmanager
def _no_local_constants():
    """While Hypothesis searches, its "local constants" (the numbers it mixes into a few of its draws,
    otherwise read from the source of every module loaded in the process from outside site-packages:
    this package, the notes' claims, a plugin) are :data:`SIMPLE_CONSTANTS`. Read from the process, they
    depended on which claims and modules it had loaded (a forked local worker, a Dask worker, ``verify
    all``) and on the source's every number, so the same seed drew other examples there and found a
    counterexample in one and not another. Hypothesis's own constants stay."""
    _providers = _local_constants_provider()
    if _providers is None:
        yield
        return
    with _CONSTANTS_LOCK:
        saved = _providers._get_local_constants
        _providers._get_local_constants = _simple_constants
        _providers.CONSTANTS_CACHE.cache.clear()     # permitted constants computed with the local ones
        try:
            yield
        finally:
            _providers._get_local_constants = saved
            _providers.CONSTANTS_CACHE.cache.clear()


def _hypothesis(symbols, domains, violated, seed, examples, stats: SearchStats, pairs=()):
    from hypothesis import HealthCheck, Phase, Verbosity, assume, given, seed as hypothesis_seed, settings, target
    from hypothesis import strategies as st
    from hypothesis.errors import FailedHealthCheck, Unsatisfiable
    paired = {s for pair in pairs for s in pair}
    draws = {str(s): domains[s].strategy() for s in symbols if s not in paired}
    for small, big in pairs:        # two values of the domain, sorted (:func:`ordered_pairs`)
        draws[f"{small} <= {big}"] = st.tuples(domains[small].strategy(), domains[small].strategy()).map(sorted)
    strategy = st.fixed_dictionaries(draws)
    by_name = {str(s): s for s in symbols}
    valid = getattr(violated, "valid", None)
    margin = getattr(violated, "margin", None)
    counted = {"valid": 0}

    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate, Phase.target, Phase.shrink],
              suppress_health_check=[HealthCheck.too_slow], verbosity=Verbosity.quiet,
              report_multiple_bugs=False, print_blob=False)
    @hypothesis_seed(seed)
    @given(strategy)
    def search(drawn):
        values = {by_name[k]: v for k, v in drawn.items() if k in by_name}
        for small, big in pairs:
            values[small], values[big] = drawn[f"{small} <= {big}"]
        if valid is not None:
            assume(_quiet(valid, values))
        counted["valid"] += 1
        if margin is not None:                    # steer generation toward small margins (Phase.target)
            m = _quiet_margin(margin, values)
            if m is not None:
                target(-m, label="margin")
        if _safe(violated, values):
            raise _Found(values)

    try:
        with _no_local_constants():
            search()
    except _Found as found:
        return found.values
    except Unsatisfiable as exc:
        stats.stopped = f"hypotheses unsatisfiable in the search domain ({type(exc).__name__})"
    except FailedHealthCheck as exc:
        stats.stopped = f"health check failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
    finally:
        stats.examples += counted["valid"]
    return None


def _simpler(v, dom: Domain) -> list:
    """Candidate replacements for v, simplest first: small integers, simple rationals near v, then
    one to three significant digits and the power of ten below."""
    v = exact_value(v)
    fv = float(v)
    ints = [0] + [s * k for k in range(1, 11) for s in (1, -1)]
    out = [Fraction(i) for i in ints if abs(i) <= 2 * abs(fv) + 1]
    out += [Fraction(round(fv))] + [v.limit_denominator(d) for d in (2, 3, 4, 5, 6, 8, 10, 12)]
    if fv != 0 and math.isfinite(fv):
        exp10 = math.floor(math.log10(abs(fv)))
        out += [Fraction(f"{fv:.{k}g}") for k in (1, 2, 3, 4, 5, 6)] + [Fraction(10) ** exp10 * (1 if fv > 0 else -1)]
    keep = []
    for c in dict.fromkeys(out):
        if c != v and dom.lo <= c <= dom.hi and (not dom.integer or c.denominator == 1):
            keep.append(c)
    return keep


def _plain(c: Fraction):
    """A shrunk value as a float when that is exact (integers, dyadic rationals), else the Fraction."""
    f = float(c)
    return f if Fraction(f) == c else c


def shrink(values: dict, domains: Mapping, violated) -> dict:
    """Greedy, deterministic shrinking: replace each value by a simpler one while still violated."""
    values = dict(values)
    for _ in range(3):
        changed = False
        for s in sorted(values, key=str):
            for c in _simpler(values[s], domains[s]):
                trial = {**values, s: _plain(c)}
                if _safe(violated, trial):
                    values, changed = trial, True
                    break
        if not changed:
            break
    return values


def shown_value(v):
    """A counterexample value for the evidence: a float, or ``"p/q"`` for a rational no float equals."""
    return f"{v.numerator}/{v.denominator}" if isinstance(v, Fraction) else float(v)


def confirmed_negative(expr, hypotheses=(), tol: float = 1e-9, strict: bool = False):
    """A predicate on values: ``expr < 0`` (``expr <= 0`` when ``strict``: a strict inequality also
    fails where its two sides are equal) with every hypothesis true, each sign certain (see
    :func:`certain_sign`). Floating point, with a tolerance relative to the size of expr's terms, only
    screens. ``predicate.valid`` tells whether the hypotheses hold (in floating point: it is what a
    search counts and rejects by), ``predicate.uncertain[0]`` counts the candidates discarded because
    their sign could not be made certain. A point counts as meeting the hypotheses only where ``expr``
    evaluates to a finite real number (an unevaluated sum, a logarithm of a negative number: not
    searched)."""
    expr = sp.sympify(expr)
    symbols = sorted(expr.free_symbols | set().union(*[h.free_symbols for h in hypotheses]), key=str)
    modules = [MPMATH, "mpmath"]
    fast = sp.lambdify(symbols, expr, modules=modules)
    hyp_fast = [sp.lambdify(symbols, h, modules=modules) for h in hypotheses]
    terms = sp.lambdify(symbols, [sp.Abs(t) for t in sp.Add.make_args(expr)], modules=modules)

    vector = sp.lambdify(symbols, [expr, *hypotheses], modules=[SCALAR_NUMPY, "scipy", "numpy"])

    def batch(arrays: dict):
        """Float screening of many points at once: (candidates, points meeting the hypotheses);
        candidates are only to be confirmed one by one."""
        shape = next(iter(arrays.values())).shape
        out = vector(*[arrays[s] for s in symbols])
        value, hyps = np.asarray(out[0], float), out[1:]
        ok = np.ones(shape, bool)
        for h in hyps:
            ok = ok & np.asarray(h, bool)
        ok = np.broadcast_to(ok, shape)
        finite = np.broadcast_to(np.isfinite(value), shape)
        violated.unevaluable[0] += int(np.count_nonzero(ok & ~finite))
        ok = ok & finite
        bad = (value <= 0 if strict else value < 0) & ok
        return np.broadcast_to(bad, shape), ok

    def valid(values: dict) -> bool:
        """The point meets the hypotheses and the statement can be evaluated there (a finite real
        margin): a point where either cannot be evaluated is rejected, never counted as searched."""
        args = [float(values[s]) for s in symbols]
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if not all(bool(h(*args)) for h in hyp_fast):
                    return False
        except Exception:
            return False
        try:
            real = _real(at(args)[0])
        except Exception:
            real = False
        violated.unevaluable[0] += not real
        return real

    last: dict = {}

    def at(args: list) -> tuple:
        """expr and the size of its largest term at a point, evaluated once per point (a search asks
        whether the point is valid, steers by its margin, then tests it)."""
        key = tuple(args)
        if last.get("key") != key:
            value = fast(*args)
            size = max([float(abs(t)) for t in terms(*args) if _real(t)] + [0.0])
            last.clear()
            last.update(key=key, value=value, size=size)
        return last["value"], last["size"]

    def violated(values: dict) -> bool:
        args = [float(values[s]) for s in symbols]
        v, size = at(args)
        if not _real(v) or v >= (tol * size if strict else -tol * size):
            return False
        if not all(bool(h(*args)) for h in hyp_fast):
            return False
        sign, _ = certain_sign(expr, values)
        if sign is None:
            violated.uncertain[0] += 1
            return False
        if not (sign <= 0 if strict else sign < 0):
            return False
        return all(certainly_true(h, values) for h in hypotheses)

    def margin(values: dict) -> float:
        """expr in floating point relative to the size of its terms (what the search steers by)."""
        value, size = at([float(values[s]) for s in symbols])
        return float(value) / size if size > 0 else float(value)

    violated.batch = batch
    violated.valid = valid
    violated.hypotheses = tuple(hypotheses)
    violated.margin = margin
    violated.uncertain = [0]
    violated.unevaluable = [0]
    return violated


def _real(v) -> bool:
    try:
        return math.isfinite(float(v))
    except (TypeError, ValueError):
        return False


def replay_text(claim_id: str, seed: int, values: Mapping) -> str:
    shown = ", ".join(f"{k} = {float(v)!r}" for k, v in sorted(values.items(), key=lambda kv: str(kv[0])))
    return f"python -m verify run {claim_id} --seed {seed}   # counterexample: {shown}"
