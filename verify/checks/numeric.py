"""Numeric checks: statements evaluated on vectorized simulations and random draws.

A numeric check gets arrays from a simulator (an *environment*: symbol name -> array, all arrays of
one rank so they broadcast; vectors in the last axis) and evaluates the statement's SymPy relation on
them. A violation is never reported from one floating-point run: the simulator is replayed with the
same seed in its precise mode and the flagged instance is re-evaluated with mpmath at 50 digits.
Probability statements are decided with exact (Clopper-Pearson) intervals at the budget's confidence.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Callable, Mapping

import mpmath as mp
import numpy as np
import sympy as sp

from ..core.model import NUMERIC, SYMBOLIC, CheckResult, Context, Outcome, Statement, validated_sizes
from ..core.notation import NUMPY, Notation, Prob, entry_sums, mp_array_function, mp_values
from ._common import DIGITS, lambdified, parameter_name, relation_sides, replay_for, symbolic_memo, with_plot
from ._common import result as check_result
from ..core.plotdata import label, number, rounded, sample_indices, series_resolution
from ..core.rounding import (EVIDENCE_DIGITS, MARGIN_RESOLUTION, margin_keys, numbers_text, plot_margins,
                             quantised_margin, round_to, worst_position)
from ..core.text import apart, say
from .configurations import Configurations, exact_outcomes, label as config_label, plain_config


# ---------------------------------------------------------------------------------------------
# evaluating relations on environments
# ---------------------------------------------------------------------------------------------

def _relations(rel):
    return list(rel.args) if isinstance(rel, sp.And) else [rel]


def _symbols(expr) -> list:
    return sorted(expr.free_symbols, key=str)


def _missing(expr, env):
    names = [str(s) for s in _symbols(expr) if str(s) not in env]
    if names:
        raise KeyError(f"the simulation provides no value for {', '.join(names)} (a symbol of {sp.sstr(expr)}); "
                       f"it provides {', '.join(sorted(map(str, env))) or 'nothing'}")


def array_value(expr, env: Mapping[str, np.ndarray]) -> np.ndarray:
    """``expr`` evaluated on the environment's arrays (float64); a ``Sum`` over a vector's entries as
    :class:`~verify.core.notation.SumEntries`."""
    expr = entry_sums(expr)
    _missing(expr, env)
    syms = _symbols(expr)
    f = lambdified(syms, expr, [NUMPY, "scipy", "numpy"], "array_value")
    with np.errstate(all="ignore"):
        return np.asarray(f(*[np.asarray(env[str(s)], dtype=float) for s in syms]), dtype=float)


ROUNDOFF = 1e-6   # differences below this fraction of an instance's largest value are integration error


def relative_margin(rel, env, floor=None) -> np.ndarray:
    """How much the relation holds by, relative to the size of its sides: >= 0 where it holds (for an
    equation, minus the relative difference). Sizes are floored at ``ROUNDOFF`` times the largest size
    the instance (axis 0) reaches, so quantities decayed into round-off never decide anything; ``floor``
    gives the quantities' natural magnitude where the sides alone cannot (``x = 0``)."""
    margins = []
    for r in _relations(rel):
        big, small, eq = relation_sides(r)
        b, s = array_value(big, env), array_value(small, env)
        size = np.abs(b) + np.abs(s)
        size, b, s = np.broadcast_arrays(size, b, s)
        finite = np.where(np.isfinite(size), size, 0.0)
        own = ROUNDOFF * finite.reshape(size.shape[0], -1).max(axis=1).reshape((-1,) + (1,) * (size.ndim - 1))
        scale = np.maximum(np.maximum(size, own), 1e-300 if floor is None else floor)
        margins.append(-np.abs(b - s) / scale if eq else (b - s) / scale)
    return np.minimum.reduce(np.broadcast_arrays(*margins)) if len(margins) > 1 else margins[0]


def holds_where(rel, env, rtol: float, atol_rel: float = 0.0) -> np.ndarray:
    """Boolean array: the relation holds up to ``rtol`` (relative to its sides' size)."""
    return relative_margin(rel, env) >= -rtol - atol_rel


def _over(ok: np.ndarray, shape: tuple, hypothesis) -> np.ndarray:
    """A hypothesis's truth array on the statement's ``shape``: where the statement has one value (extent
    1) and the hypothesis several (the entries of a vector equation ``X beta = y``), or a vector of another
    length, it must hold at all of them."""
    ok = np.asarray(ok, dtype=bool)
    offset = len(shape) - ok.ndim
    axes = tuple(d for d in range(ok.ndim) if d + offset < 0 or ok.shape[d] not in (1, shape[d + offset]))
    if axes:
        ok = ok.all(axis=axes, keepdims=True)
        if offset < 0:
            ok = ok.reshape(ok.shape[-offset:])
    try:
        return np.broadcast_to(ok, shape)
    except ValueError:
        raise ShapeError(f"the hypothesis {sp.sstr(hypothesis)} has values of shape {ok.shape}, which do not "
                         f"broadcast with the statement's {tuple(shape)}") from None


HYPOTHESIS_RTOL = 1e-9


def _hypotheses_hold(statement: Statement, env, shape, rtol: float = HYPOTHESIS_RTOL) -> np.ndarray:
    """Where every hypothesis holds (a hypothesis over a vector at every entry the statement's value reads);
    one that holds with equality is not lost to round-off: relative margins down to ``-rtol`` count as held
    (float64 round-off of the sides is near 1e-16 relative; 1e-9 leaves room for sums and products of many
    terms, and is far below any tolerance a statement is checked at)."""
    ok = np.ones(shape, dtype=bool)
    for h in statement.hypotheses:
        ok = ok & _over(relative_margin(h, env) >= -rtol, shape, h)
    return ok


hypotheses_hold = _hypotheses_hold      # public: the minimiser check decides the same instances


# ---------------------------------------------------------------------------------------------
# the shape convention
# ---------------------------------------------------------------------------------------------

class ShapeError(ValueError):
    """A simulation returned an array that does not follow the shape convention (see the README,
    "Shapes"): the message names the symbol, the expected and the actual shape."""


def _axis_name(d: int, ndim: int, core: int) -> str:
    if d == 0:
        return "the instance axis"
    if core and d == ndim - 1:
        return "the vector axis"
    if core >= 2 and d == ndim - 2:
        return "the matrix row axis (1 for a vector)"
    return "the time axis" if d == 1 else f"batch axis {d}"


def vector_arguments(expr) -> dict:
    """Symbols written where a notation expects a vector in a matrix context (``MatVec``'s second argument,
    a bilinear form's directions): name -> where."""
    out = {}
    for f in sp.sympify(expr).atoms(Notation):
        for k in getattr(type(f), "vector_args", ()):
            a = f.args[k]
            if isinstance(a, sp.Symbol):
                out.setdefault(str(a), f"argument {k + 1} of {type(f).__name__}")
    return out


def validate_shapes(exprs, env: Mapping, extra: tuple = ()) -> None:
    """Every array the expressions (and the entries ``extra``) read follows the convention: one number of
    axes for all (a plain number excepted), instance axis first, vector axis last (a matrix's in the last two,
    a vector in a matrix context as ``(..., 1, n)``), extents 1 or the common one; else :class:`ShapeError`
    naming the symbol, the expected and the actual shape."""
    exprs = [entry_sums(e) for e in exprs]
    # axes: instance, then time and batch axes, then the last core_axes (vector: last; matrix: last two)
    names = sorted({str(x) for e in exprs for x in e.free_symbols if str(x) in env} | {k for k in extra if k in env})
    shapes = {k: np.shape(env[k]) for k in names}
    arrays = {k: v for k, v in shapes.items() if len(v) > 0}
    if not arrays:
        return
    core = max([core_axes(e) for e in exprs] + [0])
    ndim = max(len(v) for v in arrays.values())
    ref = next(k for k in names if len(shapes[k]) == ndim)
    for k, v in arrays.items():
        if len(v) != ndim:
            raise ShapeError(f"{k}: expected an array with {ndim} axes like {ref} {shapes[ref]} (the instance axis first"
                             f"{', the vector axis last' if core else ''}), got shape {v}")
    common = []
    for d in range(ndim):
        if d >= ndim - core:              # vectors and matrices of different sizes meet in the core axes
            common.append(None)
            continue
        extents = {v[d] for v in arrays.values()} - {1}
        if len(extents) > 1:
            k = sorted((k for k, v in arrays.items() if v[d] != 1), key=lambda k: (arrays[k][d], k))[0]
            other = next(o for o, v in arrays.items() if v[d] not in (1, arrays[k][d]))
            raise ShapeError(f"{k}: shape {arrays[k]} does not broadcast with {other} {arrays[other]} along "
                             f"{_axis_name(d, ndim, core)} (axis {d}): expected extent 1 or {arrays[other][d]}")
        common.append(extents.pop() if extents else 1)
    if core >= 2:
        for e in exprs:
            for k, where in vector_arguments(e).items():
                v = shapes.get(k)
                if v and len(v) >= 2 and v[-2] != 1:
                    expected = tuple(common[:-2]) + (1, v[-1])       # the batch axes' common extents
                    raise ShapeError(f"{k}: a vector ({where}) is expected with shape (..., 1, n) such as {expected}, "
                                     f"got shape {v}")


def _pick(a: np.ndarray, index: tuple, shape: tuple):
    """The part of ``a`` that enters the relation at ``index`` of the margin array (of ``shape``):
    one entry along axes the relation keeps, the whole axis along axes it reduces (a norm's vector, a
    matrix), as mpmath values."""
    a = np.asarray(a, dtype=float)
    sel = tuple(slice(None) if (shape[d] == 1 and a.shape[d] > 1) else (i if a.shape[d] > 1 else 0)
                for d, i in enumerate(index))
    part = a[sel]
    if part.ndim == 0:
        return mp.mpf(float(part))
    if part.ndim == 1:
        return mp.matrix([mp.mpf(float(v)) for v in part])
    return mp.matrix([[mp.mpf(float(v)) for v in row] for row in part.reshape(part.shape[0], -1)])


def core_axes(expr) -> int:
    """The trailing axes one value of ``expr`` reads whole: the largest ``core_axes`` of the notation in it
    (0 when every function in it is elementwise)."""
    return max([int(type(f).core_axes) for f in entry_sums(expr).atoms(Notation)] + [0])


def _instance(a, index: tuple, shape: tuple, core: int) -> np.ndarray:
    """The part of ``a`` that the value at ``index`` of the margin array (of ``shape``) reads, every axis
    kept (length 1 where one entry is taken): the whole of the last ``core`` axes and of the axes the
    relation reduces, one entry along the others; as an array of mpmath numbers."""
    a = np.asarray(a, dtype=float)
    offset = len(shape) - a.ndim                   # arrays broadcast from the right
    sel = []
    for d in range(a.ndim):
        m = d + offset
        whole = a.shape[d] == 1 or m < 0 or m >= len(shape) - core or shape[m] == 1
        sel.append(slice(None) if whole else slice(index[m], index[m] + 1))
    return mp_values(a[tuple(sel)])


def _entry(v, index: tuple, shape: tuple):
    """The value at ``index`` of the margin array from an evaluated side (aligned from the right)."""
    v = np.asarray(v, dtype=object)
    offset = len(shape) - v.ndim
    return v[tuple(index[d + offset] if v.shape[d] > 1 else 0 for d in range(v.ndim))]


@functools.lru_cache(maxsize=256)
def _mp_function(symbols: tuple, expr):
    return mp_array_function(list(symbols), expr)


def mp_array_value(expr, env: Mapping[str, np.ndarray], index: tuple, shape: tuple):
    """``expr`` at ``index`` of a margin array of ``shape``, evaluated on arrays of mpmath numbers at the
    current precision exactly as :func:`array_value` evaluates it on floats (elementwise functions entry by
    entry, notation by its ``mp_array``), from the part of each array that value reads."""
    expr = entry_sums(expr)
    _missing(expr, env)
    syms = _symbols(expr)
    core = core_axes(expr)
    value = _mp_function(tuple(syms), expr)(*[_instance(env[str(x)], index, shape, core) for x in syms])
    return mp.mpmathify(_entry(value, index, shape))


def precise_margin(rel, env, index: tuple, shape: tuple, floor=None) -> float:
    """The relation's margin at one instance, evaluated with mpmath at 50 digits (sizes floored as in
    :func:`relative_margin`) on the same arrays and shapes as the fast evaluation."""
    with mp.workdps(DIGITS):
        worst = None
        for r in _relations(rel):
            big, small, eq = relation_sides(r)
            size = np.abs(array_value(big, env)) + np.abs(array_value(small, env))
            row = size[min(index[0], size.shape[0] - 1)]
            own = ROUNDOFF * float(np.max(np.where(np.isfinite(row), row, 0.0)))
            b, s = mp_array_value(big, env, index, shape), mp_array_value(small, env, index, shape)
            scale = max(abs(b) + abs(s), own, mp.mpf(10) ** -300 if floor is None else _pick(floor, index, shape))
            m = -abs(b - s) / scale if eq else (b - s) / scale
            worst = m if worst is None else min(worst, m)
        return float(worst)


def worst_index(margins: np.ndarray) -> tuple:
    """The index of the smallest margin (``inf`` where none counts). Margins within round-off of each
    other tie (compared at :data:`~verify.core.rounding.MARGIN_RESOLUTION`) and the first in C order
    wins, so the instance reported does not depend on their last bits, which BLAS and the CPU decide."""
    margins = np.asarray(margins, dtype=float)
    return tuple(int(i) for i in np.unravel_index(worst_position(margins), margins.shape))


def _describe(env, index, shape, limit: int = 8) -> dict:
    """Scalar parameters of the flagged instance, for the report."""
    out = {}
    for k in sorted(env):
        a = np.asarray(env[k], dtype=float)
        if a.ndim != len(index):
            continue
        v = _pick(a, index, shape)
        if isinstance(v, mp.matrix):
            if v.rows * v.cols <= limit:
                values = [float(x) for x in v]
                res = series_resolution(values)         # entries at round-off of the largest: 0
                out[k] = [round_to(x, EVIDENCE_DIGITS, res) for x in values]
        else:
            out[k] = float(v)
    return out


def error_probability(value: float | None, meaning: str) -> dict:
    """Evidence entries stating the error probability a numeric verdict carries at the budget (None:
    not bounded), and what it bounds."""
    return {"error_probability": value, "error_probability_meaning": meaning}


SIMULATION_ERROR = ("deterministic given the seed: a violation found is replayed at 50 digits; "
                    "the probability of missing a violation is not bounded")


def _relation_text(rel) -> str:
    return {sp.LessThan: "<=", sp.StrictLessThan: "<", sp.GreaterThan: ">=", sp.StrictGreaterThan: ">",
            sp.Equality: "="}.get(type(rel), "?")


def trajectory_plot(rel, env, margin: np.ndarray, index: tuple | None, floor=None) -> dict | None:
    """Both sides of the relation along the time axis (axis 1; else the instance axis) of the instance
    at ``index`` of the margin array (None: the instance with the smallest margin); ``floor``, the
    quantities' natural magnitude (the check's ``scale``), sets with the sides the series' resolution."""
    margin = np.asarray(margin, dtype=float)
    if margin.ndim == 0 or margin.size == 0:
        return None
    if index is None:
        index = worst_index(np.where(np.isfinite(margin), margin, np.inf))
    relations = _relations(rel)
    if len(relations) > 1:         # the conjunct that is worst at the instance
        at = [float(np.broadcast_to(relative_margin(r, env), margin.shape)[index]) for r in relations]
        rel = relations[worst_position(at)]
    lhs = np.broadcast_to(array_value(rel.lhs, env), margin.shape)
    rhs = np.broadcast_to(array_value(rel.rhs, env), margin.shape)
    axis = 1 if margin.ndim >= 2 and margin.shape[1] > 1 else 0
    sel = tuple(slice(None) if d == axis else i for d, i in enumerate(index))
    n = margin.shape[axis]
    x, x_label = np.arange(n, dtype=float), "time step" if axis == 1 else "instance"
    t = np.asarray(env.get("t", []), dtype=float)
    if axis == 1 and t.ndim == margin.ndim and t.shape[1] == n and t.size == n:
        x, x_label = t.ravel(), "t"
    keep = sample_indices(n, [index[axis]])
    sizes = [lhs[sel], rhs[sel]] + ([np.broadcast_to(floor, margin.shape)[sel]] if floor is not None else [])
    res = series_resolution(*sizes)        # detail below 1e-8 of the larger side is integration error
    return {"kind": "trajectory", "x": rounded(x[keep]), "lhs": rounded(lhs[sel][keep], res),
            "rhs": rounded(rhs[sel][keep], res),
            "x_label": x_label, "lhs_label": label(sp.sstr(rel.lhs)), "rhs_label": label(sp.sstr(rel.rhs)),
            "relation": _relation_text(rel), "instance": [int(i) for i in index]}


# ---------------------------------------------------------------------------------------------
# checks
# ---------------------------------------------------------------------------------------------

STRICT_TIES = 64    # near-ties of a strict inequality re-checked for exact equality of its sides, at most


def _strict(r) -> bool:
    return isinstance(r, (sp.StrictLessThan, sp.StrictGreaterThan))


def _residue(big, small, env, index: tuple, shape: tuple, digits: int):
    """``|big - small|`` at one instance evaluated at ``digits`` digits, relative to the terms: the larger
    of the sides and of the values the instance reads (0 when the sides are exactly equal)."""
    with mp.workdps(digits):
        b, s = mp_array_value(big, env, index, shape), mp_array_value(small, env, index, shape)
        d = abs(b - s)
        if d == 0:
            return mp.mpf(0)
        core = max(core_axes(big), core_axes(small))
        inputs = [abs(x) for e in (big, small) for y in _symbols(entry_sums(e))
                  for x in np.ravel(_instance(env[str(y)], index, shape, core))]
        return d / max([abs(b), abs(s)] + inputs)


def sides_exactly_equal(r, env, index: tuple, shape: tuple, digits: int = DIGITS) -> dict | None:
    """Evidence that the sides of the relation ``r`` are exactly equal at one instance (None if not
    certain). The instance is the environment's values, taken as exact; the sides are evaluated at
    ``digits`` and at twice as many. They are equal when the difference is exactly zero at both
    precisions, or when it is round-off at both: below ``10^-(digits-5)`` of the terms (the larger side or
    input value) at ``digits``, below ``10^-(2 digits-5)`` at twice the digits, and shrinking with the
    precision (by at least ``10^-(digits/2)``), as round-off does and a true difference does not. A
    difference seen at one precision only (zero at ``digits``, not at twice) is not certain: not equal.
    A true difference below ``10^-(2 digits-5)`` of the terms would be taken for equality (100 digits:
    far below anything float64 inputs resolve)."""
    big, small, _ = relation_sides(r)
    low = _residue(big, small, env, index, shape, digits)
    high = _residue(big, small, env, index, shape, 2 * digits)
    exact = low == 0 and high == 0
    roundoff = (low <= mp.mpf(10) ** -(digits - 5) and high <= mp.mpf(10) ** -(2 * digits - 5)
                and high <= low * mp.mpf(10) ** -(digits // 2))
    if not (exact or roundoff):
        return None
    return {"relation": sp.sstr(r), "index": [int(i) for i in index], "digits": [digits, 2 * digits],
            "relative_difference": [float(low), float(high)],
            "rule": "equal: the difference is exactly zero at both precisions" if exact else
                    f"equal: the difference is round-off at both precisions (below 1e-{digits - 5} and "
                    f"1e-{2 * digits - 5} of the terms, shrinking with the precision)"}


def strict_ties(rel, env, valid: np.ndarray, shape: tuple, rtol: float, floor=None, limit: int = STRICT_TIES) -> list:
    """The instances where a strict conjunct of ``rel`` is a near-tie (relative margin within ``rtol`` of 0,
    counted as holding): ``(conjunct, index)`` pairs, closest first (exact float ties first; equal margins
    in C order), at most ``limit``."""
    out = []
    for r in _relations(rel):
        if not _strict(r):
            continue
        m = np.broadcast_to(relative_margin(r, env, floor), shape)
        near = valid & np.isfinite(m) & (np.abs(m) <= rtol)
        key = np.where(near, np.abs(m), np.inf).ravel()
        for flat in np.argsort(key, kind="stable")[:min(int(near.sum()), limit)]:
            out.append((float(key[flat]), len(out), r, tuple(int(i) for i in np.unravel_index(flat, shape))))
    out.sort(key=lambda e: (e[0], e[1]))
    return [(r, index) for _, _, r, index in out[:limit]]


@dataclass
class Simulation:
    """The statement must hold at every simulated instance (every seed, sample and time) where its
    hypotheses hold. ``simulate(ctx, precise)`` returns the environment; ``precise=True`` asks for
    the same instances computed more accurately (tighter ODE tolerances), used to replay a violation.
    """
    simulate: Callable[[Context, bool], Mapping[str, np.ndarray]]
    name: str = "simulation"
    rtol: float = 1e-3     # relative to the sides, or to ROUNDOFF x the instance's largest value: the fast ODE mode is accurate to ~1e-9 of that
    scale: str | None = None     # an environment entry (name or symbol) giving the quantities' natural magnitude
    kind: str = NUMERIC
    configurations: Configurations | None = None    # searched exhaustively; simulate(ctx, precise, config)
    sizes: Mapping | None = None     # the sizes of the simulated instances ({"d": (5, 8)}), stated in the result

    def __post_init__(self):
        self.sizes = validated_sizes(self, self.sizes)
        if self.scale is not None and not isinstance(self.scale, str):
            name = parameter_name(self.scale)
            if name is None:
                raise ValueError(f"Simulation {self.name!r}, field scale: expected the name or SymPy symbol of an entry "
                                 f"of the simulated environment, got {self.scale!r}")
            self.scale = name

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        if self.configurations is not None:
            result, plot = self._search(statement, ctx)
        else:
            result, plot = self._run(statement, ctx, self.simulate)
        return with_plot(result, plot)

    def _search(self, statement: Statement, ctx: Context):
        """Every configuration, each decided as one simulation; the worst one reported."""
        return search(self, ctx, self.simulate, lambda simulate, k: self._run(statement, ctx, simulate),
                      "hypotheses_held", _simulation_margin)

    def _run(self, statement: Statement, ctx: Context, simulate):
        """(result, a function making its plot data)."""
        rel = statement.conclusion
        env = simulate(ctx, False)
        if self.scale is not None and self.scale not in env:
            raise KeyError(f"Simulation {self.name!r}, field scale: the simulation provides no entry {self.scale!r}; "
                           f"it provides {', '.join(sorted(map(str, env)))}")
        validate_shapes([rel, *statement.hypotheses], env, (self.scale,) if self.scale else ())
        margin = relative_margin(rel, env, None if self.scale is None else env[self.scale])
        valid = _hypotheses_hold(statement, env, margin.shape)
        floor = None if self.scale is None else env[self.scale]
        plot = lambda: trajectory_plot(rel, env, np.where(valid, margin, np.nan), None, floor)     # noqa: E731
        evidence = {"instances": int(valid.size), "hypotheses_held": int(valid.sum()),
                    "rtol": self.rtol, "replay": replay_for(ctx), **error_probability(None, SIMULATION_ERROR)}
        if not valid.any():
            return check_result(self, Outcome.UNDECIDED,
                           f"the hypotheses held at none of the {valid.size} simulated instances", **evidence), lambda: None
        bad = valid & (margin < -self.rtol)
        undecidable = valid & ~np.isfinite(margin)
        evidence["min_relative_margin"] = float(np.min(np.where(valid & ~undecidable, margin, np.inf)))
        if undecidable.any() and not bad.any():
            return check_result(self, Outcome.UNDECIDED,
                           f"the simulation produced non-finite values at {int(undecidable.sum())} instances",
                           non_finite=int(undecidable.sum()), **evidence), plot
        if not bad.any():
            ties = strict_ties(rel, env, valid, margin.shape, self.rtol, floor)
            equal = self._strict_equality(statement, ctx, simulate(ctx, True), ties, margin.shape, evidence) \
                if ties else None
            if equal is not None:
                return equal
            return check_result(self, Outcome.HOLDS,
                           say(f"holds at all {int(valid.sum())} simulated instances (smallest relative margin ",
                               quantised_margin(evidence["min_relative_margin"]), ")"), **evidence), plot
        index = worst_index(np.where(bad, margin, np.inf))
        precise_env = simulate(ctx, True)
        validate_shapes([rel, *statement.hypotheses], precise_env, (self.scale,) if self.scale else ())
        again = precise_margin(rel, precise_env, index, margin.shape,
                               None if self.scale is None else precise_env[self.scale])
        still = _hypotheses_hold(statement, precise_env, margin.shape)[index]
        evidence.update(violations=int(bad.sum()), index=[int(i) for i in index],
                        relative_margin=float(margin[index]), relative_margin_precise=again,
                        instance=_describe(precise_env, index, margin.shape))
        if still and again < -self.rtol:
            shown = {k: v for k, v in evidence["instance"].items() if isinstance(v, float)}
            return check_result(self, Outcome.FAILS,
                           say(f"violated at {int(bad.sum())} of {int(valid.sum())} instances; worst (", shown,
                               "): relative margin ", quantised_margin(again), " (replayed precisely, 50 digits)"),
                           **evidence), \
                lambda: trajectory_plot(rel, precise_env, margin, index,
                                        None if self.scale is None else precise_env[self.scale])
        precise_margins = relative_margin(rel, precise_env, None if self.scale is None else precise_env[self.scale])
        precise_valid = _hypotheses_hold(statement, precise_env, margin.shape)
        if not (precise_valid & ~(precise_margins >= -self.rtol)).any():
            # the precise simulation (every instance, tighter integration) has no violation: the fast
            # mode's were integration error, and the statement holds where it was simulated
            evidence["min_relative_margin_precise"] = float(np.min(np.where(precise_valid, precise_margins, np.inf)))
            precise_floor = None if self.scale is None else precise_env[self.scale]
            ties = strict_ties(rel, precise_env, precise_valid, margin.shape, self.rtol, precise_floor)
            equal = self._strict_equality(statement, ctx, precise_env, ties, margin.shape, evidence) if ties else None
            if equal is not None:
                return equal
            return check_result(self, Outcome.HOLDS,
                           say(f"holds at all {int(precise_valid.sum())} simulated instances in the precise replay "
                               f"(the fast integration's {int(bad.sum())} violation(s) were its own error; worst "
                               "replayed margin ", quantised_margin(again), ")"), **evidence), plot
        return check_result(self, Outcome.UNDECIDED,
                       say(f"a violation at {evidence['index']} did not survive the precise replay (margin ",
                           quantised_margin(again), "): round-off, not a counterexample"), **evidence), plot

    def _strict_equality(self, statement: Statement, ctx: Context, precise_env, ties: list, shape: tuple,
                         evidence: dict):
        """A strict inequality's near-ties (counted as holding) replayed: where the precise environment's
        instance meets the hypotheses and the sides are exactly equal there (:func:`sides_exactly_equal`),
        the strict inequality is certainly violated: (a failing result, its plot); else None."""
        rel = statement.conclusion
        validate_shapes([rel, *statement.hypotheses], precise_env, (self.scale,) if self.scale else ())
        valid = _hypotheses_hold(statement, precise_env, shape)
        for h in statement.hypotheses:        # a strict hypothesis at a near-tie does not make the instance valid
            for hr in filter(_strict, _relations(h)):
                valid = valid & _over(relative_margin(hr, precise_env) > HYPOTHESIS_RTOL, shape, hr)
        floor = None if self.scale is None else precise_env[self.scale]
        for r, index in ties:
            if not valid[index]:
                continue
            equal = sides_exactly_equal(r, precise_env, index, shape)
            if equal is None:
                continue
            evidence.update(violations=1, index=[int(i) for i in index], relative_margin_precise=0.0,
                            strict_ties_checked=len(ties), strict_equality=equal,
                            instance=_describe(precise_env, index, shape))
            shown = {k: v for k, v in evidence["instance"].items() if isinstance(v, float)}
            margin = np.broadcast_to(relative_margin(rel, precise_env, floor), shape)
            return check_result(self, Outcome.FAILS,
                                say(f"the strict inequality {sp.sstr(r)} is violated at ", shown,
                                    f": its sides are exactly equal (at {DIGITS} and {2 * DIGITS} digits, "
                                    "replayed precisely)"), **evidence), \
                lambda: trajectory_plot(r, precise_env, margin, index, floor)
        evidence["strict_ties_checked"] = len(ties)
        return None


def _simulation_margin(ev: dict) -> float:
    """A configuration's worst margin: the precise replay's where a violation was replayed."""
    for key in ("relative_margin_precise", "min_relative_margin_precise", "min_relative_margin"):
        if key in ev and ev[key] is not None and np.isfinite(ev[key]):
            return float(ev[key])
    return float("inf")


class _Found(Exception):
    """Raised inside the refinement once a configuration fails: the search stops there."""


def search(check, ctx: Context, simulate: Callable, run: Callable, valid_key: str,
           margin_of: Callable[[dict], float], extra: Callable[[list, int], dict] | None = None):
    """A check's configuration search: ``run(simulate_at_config, K)`` decides one configuration (K is
    the number of configurations the search may decide, for a Bonferroni correction). Every grid point
    of ``check.configurations`` at the budget is decided in order, up to the first that fails (a
    confirmed counterexample settles the statement; the evidence says the search stopped); then, at a
    budget with ``refine`` and a space
    with continuous ranges, the worst configuration that met the hypotheses is refined by Nelder-Mead
    over the ranges (at most ``refine`` more simulations, each inside the setting), stopping at the
    first failing one. One result with the region, the worst configuration and every configuration
    decided (:func:`_combine`)."""
    from scipy.optimize import minimize

    space: Configurations = check.configurations
    grid = space.grid(ctx.budget)
    ranges = space.ranges()
    budget = space.refinements(ctx.budget)
    total = len(grid) + budget
    runs: list = []
    decided: dict = {}

    def decide(config):
        if config not in decided:
            result, plot = run(space.at(simulate, config), total)
            decided[config] = len(runs)
            runs.append((config, result, plot))
        return runs[decided[config]][1]

    for config in grid:           # in the grid's fixed order, up to the first configuration that fails
        if decide(config).outcome is Outcome.FAILS:
            break
    refined_from = None
    if budget and not any(r.outcome is Outcome.FAILS for _, r, _ in runs):
        valid = [i for i, (_, r, _) in enumerate(runs)
                 if int(r.evidence.get(valid_key, 0) or 0) > 0 and math.isfinite(margin_of(r.evidence))]
        if valid:          # the worst valid configuration, near-ties to the first (as every worst choice)
            start = runs[valid[worst_position([margin_of(runs[i][1].evidence) for i in valid])]][0]
            refined_from = plain_config(start)
            names = list(ranges)
            x0 = np.array([ranges[k].position(start[k]) for k in names], dtype=float)
            spent = [0]

            def objective(u):
                config = space.moved(start, dict(zip(names, np.clip(u, 0.0, 1.0))))
                if config is None:
                    return 1e9
                if config not in decided:
                    if spent[0] >= budget:
                        return 1e9
                    spent[0] += 1
                r = decide(config)
                if r.outcome is Outcome.FAILS:
                    raise _Found
                if int(r.evidence.get(valid_key, 0) or 0) == 0:
                    return 1e9
                # compared at the margins' resolution: the path does not follow their last bits
                return float(margin_keys(margin_of(r.evidence))) * MARGIN_RESOLUTION

            step = np.where(x0 > 0.5, -0.25, 0.25)
            simplex = np.vstack([x0] + [x0 + step[j] * np.eye(len(names))[j] for j in range(len(names))])
            try:
                minimize(objective, x0, method="Nelder-Mead",
                         options={"maxfev": budget + len(names) + 1, "initial_simplex": simplex})
            except _Found:
                pass
    more = extra(runs, total) if extra else {}
    if len(runs) < len(grid):
        more.update(stopped_at_first_failure=True, grid_configurations=len(grid))
    if refined_from is not None:
        more.update(refined_from=refined_from, refined_configurations=len(runs) - len(grid))
    result, plot = _combine(check, space, runs, valid_key, margin_of, more, grid=len(grid))
    if result.outcome is not Outcome.FAILS and len(runs) > 1:     # a failure shows its instance; else the region
        rows = result.evidence["configuration_search"]["per_configuration"]
        plot = lambda: region_plot(rows)                           # noqa: E731
    return result, plot


def region_plot(rows: list, limit: int = 40) -> dict | None:
    """The margin at each configuration searched (the ``limit`` smallest, in search order): how close
    the statement came to failing over the region."""
    shown = [r for r in rows if r["valid"] and math.isfinite(r["margin"])]
    if not shown:
        return None
    if len(shown) > limit:          # the smallest by the margins' ties key, near-ties in search order
        keys = margin_keys([r["margin"] for r in shown])
        keep = sorted(range(len(shown)), key=lambda i: (keys[i], i))[:limit]
        shown = [shown[i] for i in sorted(keep)]
    margins = plot_margins([r["margin"] for r in shown])
    return {"kind": "estimate", "estimate": margins, "low": margins, "high": margins,
            "target": [0.0] * len(shown), "labels": [label(config_label(r["configuration"]), 40) for r in shown],
            "estimate_label": "margin (>= 0: the statement holds there)", "target_label": "0: the statement's boundary",
            "title": "the margin at each configuration searched" + (" (refined ones included)"
                                                                    if any(r.get("refined") for r in shown) else "")}


def _combine(check, space: Configurations, runs: list, valid_key: str, margin_of: Callable[[dict], float],
             extra: dict | None = None, grid: int | None = None):
    """One result from the results at every configuration: fails where one configuration fails (the
    worst reported), undecided when fewer than ``space.minimum_valid`` configurations met the
    hypotheses or one was undecided, loose when every one met was loose, else holds; with the region
    searched and the worst margin. Configurations after the first ``grid`` came from refinement."""
    rows = []
    for i, (config, result, _) in enumerate(runs):
        ev = result.evidence
        rows.append({"configuration": plain_config(config), "outcome": result.outcome.value,
                     "margin": margin_of(ev), "valid": int(ev.get(valid_key, 0) or 0) > 0,
                     **({"refined": True} if grid is not None and i >= grid else {})})
    valid = [r for r in rows if r["valid"]]
    failing = [i for i, (_, r, _) in enumerate(runs) if r.outcome is Outcome.FAILS]
    settled = (Outcome.HOLDS.value, Outcome.LOOSE.value)
    undecided = [i for i, r in enumerate(rows) if r["valid"] and r["outcome"] not in settled]
    loose = [i for i, r in enumerate(rows) if r["valid"] and r["outcome"] == Outcome.LOOSE.value]
    decided = [i for i, r in enumerate(rows) if r["valid"]]
    pool = failing or decided or list(range(len(runs)))
    worst = pool[worst_position([rows[i]["margin"] for i in pool])] if pool else None   # near-ties: the first
    search = {"region": space.region(), "constraints": [sp.sstr(c) for c in space.constraints],
              "configurations": len(runs), "configurations_meeting_hypotheses": len(valid),
              "minimum_valid": space.minimum_valid, "per_configuration": rows, **(extra or {})}
    if worst is not None:
        search.update(worst_configuration=rows[worst]["configuration"], worst_margin=rows[worst]["margin"])
    evidence = {"configuration_search": search}
    where = (f"{len(runs)} configurations of {', '.join(space.parameters)} "
             f"({len(valid)} meeting the hypotheses"
             + (f"; the search stops at the first failing one of its {extra['grid_configurations']}"
                if extra and extra.get("stopped_at_first_failure") else "") + ")")
    if worst is not None:
        evidence.update(runs[worst][1].evidence)
        evidence["configuration_search"] = search
    plot = runs[worst][2] if worst is not None else (lambda: None)
    if failing:
        r = runs[worst][1]
        return check_result(check, Outcome.FAILS,
                            say(f"fails at {len(failing)} of {where}; worst {config_label(runs[worst][0])}: ", r.summary),
                            **evidence), plot
    if len(valid) < space.minimum_valid:
        return check_result(check, Outcome.UNDECIDED,
                            f"too few configurations met the hypotheses: {len(valid)} of {len(runs)} "
                            f"(at least {space.minimum_valid} needed)", **evidence), plot
    if undecided:
        i = undecided[0]
        return check_result(check, Outcome.UNDECIDED,
                            say(f"undecided at {len(undecided)} of {where}; first {config_label(runs[i][0])}: ",
                                runs[i][1].summary), **evidence), plot
    if loose and len(loose) == len(decided):
        i = loose[worst_position([rows[j]["margin"] for j in loose])]
        return check_result(check, Outcome.LOOSE,
                            say(f"loose at all {where}; tightest {config_label(runs[i][0])}: ", runs[i][1].summary),
                            **evidence), plot
    return check_result(check, Outcome.HOLDS,
                        say(f"holds at all {where}; worst {config_label(runs[worst][0])}: ", runs[worst][1].summary),
                        **evidence), plot


def loglog_fit(x: np.ndarray, y: np.ndarray, confidence: float, valid: np.ndarray | None = None):
    """Slope of log y against log x with one intercept per instance (column of y: the same instance at
    every x), and its two-sided t-interval at ``confidence``. Returns (slope, low, high).

    ``valid`` (optional, y's shape): fit only those points (a distance already at round-off carries no
    rate); an instance with fewer than two of them is left out, and with no instance left the slope is
    NaN with an infinite interval. Without it every instance shares one centring of log x."""
    lx = np.log(np.asarray(x, dtype=float))[:, None]
    if valid is None:
        ly = np.log(np.asarray(y, dtype=float).reshape(len(lx), -1))
        dx = np.broadcast_to(lx - lx.mean(), ly.shape)
        dy = ly - ly.mean(axis=0, keepdims=True)
        dof, kept = ly.size - ly.shape[1] - 1, None
    else:
        lx = np.broadcast_to(lx, y.shape)
        ly = np.log(np.where(valid, y, 1.0))
        keep = valid.sum(0) >= 2                         # an instance needs two points for a slope
        w = valid.astype(float) * keep
        mx = (w * lx).sum(0) / np.maximum(w.sum(0), 1)
        my = (w * ly).sum(0) / np.maximum(w.sum(0), 1)
        kept = w > 0
        dx, dy = (lx - mx) * kept, (ly - my) * kept
        dof = int(w.sum() - keep.sum() - 1)
    sxx = (dx**2).sum()
    if sxx == 0:
        return float("nan"), float("-inf"), float("inf")
    slope = float((dx * dy).sum() / sxx)
    dof = max(dof, 1)
    resid = dy - slope * dx if kept is None else (dy - slope * dx) * kept
    stderr = float(np.sqrt((resid**2).sum() / dof / sxx))
    from scipy import stats          # imported when needed: scipy.stats takes ~1 s to import
    half = float(stats.t.ppf(0.5 + confidence / 2, dof)) * stderr
    return slope, slope - half, slope + half


@dataclass
class OrderFit:
    """``Q = O(g(x))`` as ``x -> oo`` (or ``-> 0``): the log-log slope of simulated Q against x, with its
    confidence interval, compared with g's exponent. ``simulate(ctx, variable, precise)`` varies the
    statement's own variable and returns ``(x, Q)`` with Q of shape (len(x), seeds).

    ``stated`` is the note's order symbol: ``"O"`` (an upper bound: a fitted order better than g's beyond
    the confidence interval and the slack makes the statement ``loose``), ``"~"`` or ``"Theta"`` (the order
    itself: a fitted order other than g's, better or worse, refutes it). ``rate_stated=False`` says the note
    states no rate (only that Q tends to 0, or is polynomial) and g is the rate the encoding demands as
    evidence: a better fitted order then says nothing about the note and is not ``loose``."""
    simulate: Callable[[Context, str, bool], tuple]
    name: str = "order fit"
    slack: float = 0.15
    kind: str = NUMERIC
    stated: str = "O"
    rate_stated: bool = True
    configurations: Configurations | None = None    # each fitted; simulate(ctx, variable, precise, config)

    def __post_init__(self):
        if self.stated not in ("O", "~", "Theta"):
            raise ValueError(f"order fit {self.name!r}, field stated: {self.stated!r} is not one of 'O', '~', 'Theta'")
        if not self.rate_stated and self.stated != "O":
            raise ValueError(f"order fit {self.name!r}, field rate_stated: a {self.stated} statement states its rate")

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        rel = statement.conclusion
        order = rel.rhs if isinstance(rel.rhs, sp.Order) else rel.rhs.getO()
        if order is None:
            raise TypeError("order fit needs a statement of the form Q = O(g(x))")
        x, point = order.variables[0], order.point[0]
        quantity = rel.lhs
        if x in quantity.free_symbols:
            return self._explicit(quantity, order, x, point)
        if not isinstance(quantity, sp.Symbol):
            raise TypeError(f"order fit simulates the quantity on the left-hand side, which must be one symbol "
                            f"(or an explicit function of {x}), not {sp.sstr(quantity)}")
        claimed = float(sp.limit(sp.log(order.expr) / sp.log(x), x, point))
        if self.configurations is not None:
            result, plot = search(self, ctx, self.simulate,
                                  lambda simulate, k: self._decide(ctx, simulate, x, point, claimed, order,
                                                                   _bonferroni(ctx, k)),
                                  "seeds_per_x", _order_margin)
            return with_plot(result, plot)
        return with_plot(*self._decide(ctx, self.simulate, x, point, claimed, order, ctx.budget.confidence))

    def _decide(self, ctx, simulate, x, point, claimed, order, confidence):
        """(result, its plot) of the fit with ``simulate`` at ``confidence``; a failure is replayed precisely."""
        outcome, evidence = self._fit(ctx, simulate, str(x), point, claimed, False, order, confidence)
        if outcome is Outcome.FAILS:
            outcome, evidence = self._fit(ctx, simulate, str(x), point, claimed, True, order, confidence)
            evidence["replayed_precisely"] = True
            if outcome is not Outcome.FAILS:
                outcome = Outcome.UNDECIDED
        lo, hi = evidence["slope_interval"]
        summary = say("fitted exponent ", evidence["slope"], " [", lo, ", ", hi, "] in ", x, " as ", x, " -> ", point,
                      "; claimed ", claimed, f" ({self.stated})" if self.stated != "O" else "")
        if evidence.get("better_than_claimed") and outcome in (Outcome.LOOSE, Outcome.FAILS):
            summary += say(": the fitted order is better than claimed (", x ** sp.Float(evidence["slope"]), ")")
        return check_result(self, outcome, summary, **evidence), lambda: loglog_plot(evidence, order)

    def _explicit(self, quantity, order, x, point) -> CheckResult:
        """A left-hand side that is an explicit function of the variable is no simulated quantity: its
        order is decided by the limit of |Q/g| (SymPy)."""
        ratio = sp.limit(sp.Abs(quantity / order.expr), x, point)
        finite = ratio.is_finite
        outcome = Outcome.HOLDS if finite else (Outcome.FAILS if finite is False else Outcome.UNDECIDED)
        return CheckResult(self.name, SYMBOLIC, outcome,
                           say(quantity, " is an explicit function of ", x, ": |Q/g| -> ", ratio, " as ", x, " -> ",
                               point), {"limit": sp.sstr(ratio)})

    def _fit(self, ctx, simulate, var, point, claimed, precise, order, confidence):
        """Decide on the slope of log(Q/g): an O(g) statement holds when Q/g does not grow (towards the
        limit point); a log factor in g is thereby accounted for exactly, not folded into a power."""
        xs, ys = simulate(ctx, var, precise)
        ys = np.asarray(ys, dtype=float).reshape(len(xs), -1)
        g = np.asarray(sp.lambdify(order.variables[0], order.expr, modules="numpy")(np.asarray(xs, float)), float)
        slope, lo, hi = loglog_fit(xs, ys, confidence)
        r_slope, r_lo, r_hi = loglog_fit(xs, ys / np.abs(np.broadcast_to(g, (len(xs),)))[:, None], confidence)
        if point == sp.oo:        # Q <= C g(x) for large x: Q/g does not grow
            outcome = Outcome.FAILS if r_lo > self.slack else (
                Outcome.HOLDS if r_hi <= self.slack else Outcome.UNDECIDED)
            better = r_hi < -self.slack          # Q/g decays: Q is of a better order than g
        else:                     # Q <= C g(x) for small x: Q/g does not grow as x decreases
            outcome = Outcome.FAILS if r_hi < -self.slack else (
                Outcome.HOLDS if r_lo >= -self.slack else Outcome.UNDECIDED)
            better = r_lo > self.slack
        if better and outcome is Outcome.HOLDS and self.rate_stated:  # an upper bound with room: loose; ~, Theta: refuted
            outcome = Outcome.LOOSE if self.stated == "O" else Outcome.FAILS
        evidence = {"variable": var, "towards_infinity": bool(point == sp.oo),
                    "x": [float(v) for v in xs], "mean_quantity": [float(v) for v in ys.mean(axis=1)],
                    "seeds_per_x": int(ys.shape[1]), "slope": slope, "slope_interval": [lo, hi],
                    "ratio_slope": r_slope, "ratio_slope_interval": [r_lo, r_hi],
                    "claimed_exponent": claimed, "slack": self.slack, "confidence": confidence,
                    **({"stated": self.stated} if self.stated != "O" else {}),
                    **({"better_than_claimed": True} if better else {}),
                    "replay": replay_for(ctx),
                    **error_probability(round(1 - confidence, 12),
                                        "the slope's t-interval misses the true log-log slope (Gaussian residuals "
                                        "assumed); whether the sweep's range shows the asymptotic rate is not bounded")}
        return outcome, evidence


def _order_margin(ev: dict) -> float:
    """How far the fit is from refuting: the slack minus the growth of Q/g towards the limit point
    (the end of its interval nearest to refuting)."""
    lo, hi = ev["ratio_slope_interval"]
    return float(ev["slack"] - lo) if ev.get("towards_infinity", True) else float(hi + ev["slack"])


def loglog_plot(evidence: dict, order) -> dict:
    """The mean simulated quantity against the varied variable, with the fitted and the claimed slope."""
    return {"kind": "loglog", "x": rounded(evidence["x"]), "q": rounded(evidence["mean_quantity"]),
            "slope": number(evidence["slope"]), "claimed_slope": number(evidence["claimed_exponent"]),
            "x_label": evidence["variable"], "title": label(f"log-log fit: claimed O({sp.sstr(order.expr)})", 80)}


def clopper_pearson(k: int, n: int, confidence: float) -> tuple[float, float]:
    """Exact two-sided binomial interval for a success probability."""
    a = 1 - confidence
    from scipy import stats
    lo = 0.0 if k == 0 else float(stats.beta.ppf(a / 2, k, n - k + 1))
    hi = 1.0 if k == n else float(stats.beta.ppf(1 - a / 2, k + 1, n - k))
    return lo, hi


def probability_plot(ev: dict) -> dict | None:
    """The event's frequency with its exact interval (the replay's, when there was one) against the
    required probability."""
    k, n = ev.get("replay_event_held", ev["event_held"]), ev["trials"]
    if not n:
        return None
    lo, hi = ev.get("replay_interval", ev["interval"])
    return {"kind": "estimate", "estimate": rounded([k / n]), "low": rounded([lo]), "high": rounded([hi]),
            "target": rounded([ev["required_probability"]]), "labels": ["Pr[event]"],
            "estimate_label": f"frequency, {ev['confidence']:g} interval", "target_label": "required probability",
            "title": "event frequency versus the stated probability"}


def estimate_plot(ev: dict, limit: int = 40) -> dict:
    """Monte Carlo estimates with their confidence intervals (the replay's, when there was one) against
    the closed form, at most ``limit`` entries."""
    ev = ev.get("replay_with_4x_draws", ev)
    est, se = np.asarray(ev["estimate"][:limit], float), np.asarray(ev["standard_error"][:limit], float)
    half = ev["critical_z"] * se
    return {"kind": "estimate", "estimate": rounded(est), "low": rounded(est - half), "high": rounded(est + half),
            "target": rounded(ev["target"][:limit]), "target_label": "closed form",
            "estimate_label": f"estimate, {ev['confidence']:g} interval ({ev['draws']} draws)",
            "title": "Monte Carlo estimate versus the closed form"}


@dataclass
class Probability:
    """``Pr[event] >= p`` (written ``Ge(Prob(event), p)``) or ``Pr[event] <= p`` (``Le(Prob(event), p)``): the
    event is evaluated on ``trials`` independent draws (axis 0 of every array; an event over several entries
    must hold at all of them). A lower bound is refuted only when the Clopper-Pearson upper end at the
    budget's confidence is below ``p`` after a precise replay in which near-ties count for the statement (as
    held), and supported when the lower end is at least ``p``; an upper bound is refuted only when the lower
    end is above ``p`` after a precise replay in which near-ties count as not held, and supported when the
    upper end is at most ``p``. A strict part of the event (``x < eps``) whose sides are exactly equal in a
    trial (:func:`sides_exactly_equal`) does not hold there, whichever the bound.

    A simulation whose randomness is finite returns every outcome (axis 0) with its probability in the
    entry :data:`~verify.checks.configurations.WEIGHTS`: the probability is then computed exactly.
    With ``configurations`` the simulator is ``simulate(ctx, trials, precise, config)``, every
    configuration is decided, and the sampled ones at confidence 1 - (1 - c)/K (Bonferroni over the K
    configurations), so the check's error probability stays 1 - c."""
    simulate: Callable[[Context, int, bool], Mapping[str, np.ndarray]]
    name: str = "probability"
    rtol: float = 1e-9
    kind: str = NUMERIC
    configurations: Configurations | None = None

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        if self.configurations is not None:
            result, plot = self._search(statement, ctx)
            return with_plot(result, plot)
        result = self._run(statement, ctx, self.simulate, ctx.budget.confidence)
        return with_plot(result, lambda: probability_plot(result.evidence))

    def _search(self, statement: Statement, ctx: Context):
        def run(simulate, k):
            return self._run(statement, ctx, simulate, _bonferroni(ctx, k)), None

        decided: list = []

        def extra(runs, k):
            decided.extend(runs)
            return {"confidence_per_configuration": _bonferroni(ctx, k),
                    "exact_configurations": sum(bool(r.evidence.get("exact")) for _, r, _ in runs)}

        result, _ = search(self, ctx, self.simulate, run, "trials", _probability_margin, extra)
        return result, lambda: configurations_probability_plot(decided)

    def _run(self, statement: Statement, ctx: Context, simulate, confidence: float) -> CheckResult:
        event, level, upper = symbolic_memo(probability_bound, statement.conclusion)     # once per search
        # the event as written (equality to round-off holds); a replay counts near-ties for the statement: as
        # held for a lower bound, as not held for an upper one unless 50 digits say they hold
        sign = -1 if upper else 1
        trials = ctx.budget.trials
        k, n, p, exact = self._count(statement, event, level, ctx, simulate, trials, precise=False, tie=-self.rtol)
        if exact is not None:
            return self._exact(statement, event, level, ctx, simulate, trials, exact, n, p, upper)
        lo, hi = clopper_pearson(k, n, confidence)
        evidence = {"trials": n, "event_held": k, "required_probability": p, **({"bound": "upper"} if upper else {}),
                    "interval": [lo, hi], "confidence": confidence, "replay": replay_for(ctx),
                    **error_probability(round(1 - confidence, 12),
                                        "the exact Clopper-Pearson interval misses the event's probability")}
        if n == 0:
            return check_result(self, Outcome.UNDECIDED, "the hypotheses held in no trial", **evidence)
        short, settled = (lo > p, hi <= p) if upper else (hi < p, lo >= p)
        if short:
            k2, n2, _, _ = self._count(statement, event, level, ctx, simulate, trials, precise=True, tie=-sign * 1e-6,
                                       settle=upper)
            lo2, hi2 = clopper_pearson(k2, n2, confidence)
            evidence.update(replay_event_held=k2, replay_interval=[lo2, hi2])
            if (lo2 > p) if upper else (hi2 < p):
                bound = ("Pr >= ", " > ".join(apart(lo2, p))) if upper else ("Pr <= ", " < ".join(apart(hi2, p)))
                return check_result(self, Outcome.FAILS,
                                    say(f"event held in {k2}/{n2} trials: ", *bound, " at confidence ", confidence),
                                    **evidence)
            what = "excess" if upper else "shortfall"
            return check_result(self, Outcome.UNDECIDED, f"the {what} did not survive the precise replay", **evidence)
        if settled:
            bound = ("Pr <= ", " <= ".join(apart(hi, p))) if upper else ("Pr >= ", " >= ".join(apart(lo, p)))
            return check_result(self, Outcome.HOLDS,
                                say(f"event held in {k}/{n} trials: ", *bound, " at confidence ", confidence), **evidence)
        return check_result(self, Outcome.UNDECIDED,
                       say(f"event held in {k}/{n} trials: interval [", lo, ", ", hi, "] contains ", p), **evidence)

    def _exact(self, statement, event, level, ctx, simulate, trials, prob, n, p, upper=False) -> CheckResult:
        """A finite outcome space: Pr[event] summed exactly; a shortfall (an excess, for an upper bound) must
        survive the precise replay (near-ties counting for the statement) and exceed round-off."""
        sign = -1 if upper else 1
        evidence = {"exact": True, "outcomes": n, "trials": n, "probability": prob, "required_probability": p,
                    **({"bound": "upper"} if upper else {}),
                    "event_held": None, "interval": [prob, prob], "confidence": 1.0, "replay": replay_for(ctx),
                    **error_probability(0.0, "none: the probability is summed over every outcome")}
        if n == 0:
            return check_result(self, Outcome.UNDECIDED, "the hypotheses held at no outcome", **evidence)
        wrong = (lambda v: v > p + 1e-12) if upper else (lambda v: v < p - 1e-12)
        if wrong(prob):
            _, _, _, again = self._count(statement, event, level, ctx, simulate, trials, precise=True,
                                         tie=-sign * 1e-6, settle=upper)
            evidence["replay_probability"] = again
            if again is not None and wrong(again):
                return check_result(self, Outcome.FAILS,
                                    say("Pr = ", (" > " if upper else " < ").join(apart(again, p)),
                                        f", exactly (summed over all {n} outcomes)"), **evidence)
            what = "excess" if upper else "shortfall"
            return check_result(self, Outcome.UNDECIDED, f"the {what} did not survive the precise replay", **evidence)
        return check_result(self, Outcome.HOLDS,
                            say("Pr = ", (" <= " if upper else " >= ").join(apart(prob, p)),
                                f", exactly (summed over all {n} outcomes)"), **evidence)

    def _count(self, statement, event, level, ctx, simulate, trials, precise, tie, settle: bool = False):
        """(event held, hypotheses held, required probability, exact probability or None). With ``settle``,
        entries within ``tie`` of the event's boundary are decided at 50 digits (:func:`precise_margin`) when
        there are at most :data:`SETTLED_TIES` of them, and count as not held otherwise."""
        env = simulate(ctx, trials, precise)
        validate_shapes([event, level, *statement.hypotheses], env)
        margin = relative_margin(event, env)
        weights = exact_outcomes(env)
        outcomes = weights.size if weights is not None else trials
        if np.ndim(margin) == 0 or (margin.shape[0] == 1 and outcomes > 1):
            # an event no simulated quantity enters (a mutant, a constant bound): the same at every outcome
            margin = np.broadcast_to(margin, (outcomes,) + np.shape(margin)[1:])
        held = margin >= tie
        if settle:
            near = np.argwhere(np.abs(margin) < abs(tie))
            if len(near) <= SETTLED_TIES:
                held = held.copy()
                for index in map(tuple, near):
                    held[index] = precise_margin(event, env, index, margin.shape) >= 0
        # a strict part of the event whose sides are exactly equal (50 and 100 digits) certainly does not hold
        ties = strict_ties(event, env, held, margin.shape, self.rtol, limit=EVENT_TIES)
        if ties:
            held = held.copy()
            for r, index in ties:
                if held[index] and sides_exactly_equal(r, env, index, margin.shape) is not None:
                    held[index] = False
        holds = held.reshape(margin.shape[0], -1).all(axis=1)
        valid = _hypotheses_hold(statement, env, margin.shape).reshape(margin.shape[0], -1).all(axis=1)
        p = np.unique(array_value(level, env))
        if p.size != 1:
            raise ValueError("the required probability must be the same in every trial")
        if weights is None:
            return int((holds & valid).sum()), int(valid.sum()), float(p[0]), None
        if weights.size != holds.size:
            raise ValueError(f"{weights.size} outcome probabilities for {holds.size} outcomes")
        if not valid.any():
            return 0, 0, float(p[0]), None
        if not valid.all():
            raise ValueError("the hypotheses must hold at every outcome of an enumerated configuration or at none")
        return int(holds.sum()), int(holds.size), float(p[0]), math.fsum(weights[holds])


EVENT_TIES = 4096     # near-ties of a strict event's parts checked for exact equality of the sides, at most
SETTLED_TIES = 64      # near-ties of an upper bound's replay decided at 50 digits, at most


def probability_bound(rel) -> tuple:
    """(event, p, upper) of a probability statement: ``Pr[event] >= p`` (or ``>``, or ``p <= Pr[event]``) is a
    lower bound, ``Pr[event] <= p`` (or ``<``, or ``p >= Pr[event]``) an upper one; a relation affine in one
    probability (``1 - Pr[A] >= 1 - delta``) is solved for it, its coefficient's sign deciding the side."""
    lower_types, upper_types = (sp.GreaterThan, sp.StrictGreaterThan), (sp.LessThan, sp.StrictLessThan)
    if isinstance(rel, lower_types + upper_types):
        big, small, _ = relation_sides(rel)
        expr = big - small                                       # the statement: expr >= 0
        probs = expr.atoms(Prob)
        if len(probs) == 1:
            P = probs.pop()
            t = sp.Dummy("t")
            linear = expr.xreplace({P: t})
            a = sp.diff(linear, t)
            if not a.has(t) and (a.is_positive or a.is_negative):
                level = sp.simplify(-linear.xreplace({t: 0}) / a)
                return P.args[0], level, bool(a.is_negative)
    raise TypeError(f"a probability check needs a statement Pr[event] >= p or Pr[event] <= p (Ge or Le of Prob(event) "
                    f"and a number, or a relation affine in one Prob with a coefficient of known sign), got {sp.sstr(rel)}")


def _bonferroni(ctx: Context, k: int) -> float:
    """The confidence of each of ``k`` decisions that keeps the search's error probability at the budget's."""
    return 1 - (1 - ctx.budget.confidence) / max(k, 1)


def _probability_margin(ev: dict) -> float:
    """Pr[event] - p (p - Pr[event] for an upper bound): exact, or the frequency's (the replay's when there
    was one)."""
    if not ev.get("trials"):
        return float("inf")
    sign = -1.0 if ev.get("bound") == "upper" else 1.0
    if ev.get("exact"):
        return sign * float(ev.get("replay_probability", ev["probability"]) - ev["required_probability"])
    k = ev.get("replay_event_held", ev["event_held"])
    return sign * float(k / ev["trials"] - ev["required_probability"])


def configurations_probability_plot(runs: list, limit: int = 40) -> dict | None:
    """Per configuration: the event's probability (exact, or the frequency with its interval) against
    the required probability."""
    rows = [(cfg, r.evidence) for cfg, r, _ in runs if r.evidence.get("trials")][:limit]
    if not rows:
        return None
    est, lo, hi, target = [], [], [], []
    for _, ev in rows:
        if ev.get("exact"):
            v = ev.get("replay_probability", ev["probability"])
            est.append(v), lo.append(v), hi.append(v)
        else:
            k = ev.get("replay_event_held", ev["event_held"])
            a, b = ev.get("replay_interval", ev["interval"])
            est.append(k / ev["trials"]), lo.append(a), hi.append(b)
        target.append(ev["required_probability"])
    return {"kind": "estimate", "estimate": rounded(est), "low": rounded(lo), "high": rounded(hi),
            "target": rounded(target), "labels": [label(config_label(c), 40) for c, _ in rows],
            "estimate_label": "Pr[event] (exact, or frequency with its interval)", "target_label": "required probability",
            "title": "event probability versus the stated probability, per configuration"}


@dataclass
class MonteCarlo:
    """``E = value``: the mean of sampled ``E`` (axis 0) must agree with the statement's right-hand side
    within a confidence interval (Bonferroni over entries). A disagreement is replayed with fresh,
    four times as many draws before it refutes. With ``configurations`` the sampler is
    ``sample(ctx, draws, fresh, config)`` and the Bonferroni correction also covers the configurations."""
    sample: Callable[[Context, int, bool], Mapping[str, np.ndarray]]
    name: str = "monte carlo"
    kind: str = NUMERIC
    configurations: Configurations | None = None

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        if self.configurations is not None:
            result, _ = search(self, ctx, self.sample, lambda sample, k: (self._run(statement, ctx, sample, k), None),
                               "draws", _monte_carlo_margin)
            worst = result.evidence
            return with_plot(result, lambda: estimate_plot(worst))
        result = self._run(statement, ctx, self.sample, 1)
        return with_plot(result, lambda: estimate_plot(result.evidence))

    def _run(self, statement: Statement, ctx: Context, sample, configurations: int) -> CheckResult:
        rel = statement.conclusion
        if not isinstance(rel, sp.Equality):
            raise TypeError("Monte Carlo check needs an equation E = value")
        ok, evidence = self._compare(rel, ctx, sample, ctx.budget.trials, False, configurations)
        if ok:
            return check_result(self, Outcome.HOLDS,
                           say("estimate ", numbers_text(evidence["estimate"][:3]), " agrees with ",
                               numbers_text(evidence["target"][:3]), " (max |z| = ", evidence["max_abs_z"], ")"),
                           **evidence)
        ok2, ev2 = self._compare(rel, ctx, sample, 4 * ctx.budget.trials, True, configurations)
        evidence["replay_with_4x_draws"] = ev2
        if ok2:
            return check_result(self, Outcome.UNDECIDED, "a disagreement did not survive the replay with more draws",
                           **evidence)
        return check_result(self, Outcome.FAILS,
                       say("estimate ", numbers_text(ev2["estimate"][:3]), " differs from ", numbers_text(ev2["target"][:3]),
                           " (max |z| = ", " > ".join(apart(ev2["max_abs_z"], ev2["critical_z"])), ")"), **evidence)

    def _compare(self, rel, ctx, sample, draws, fresh, configurations: int = 1):
        env = sample(ctx, draws, fresh)
        validate_shapes([rel], env)
        samples = array_value(rel.lhs, env)
        target = np.broadcast_to(array_value(rel.rhs, env), samples.shape)[0]
        mean = samples.mean(axis=0)
        se = samples.std(axis=0, ddof=1) / np.sqrt(samples.shape[0])
        entries = max(mean.size, 1) * configurations
        from scipy import stats
        z_crit = float(stats.norm.ppf(1 - (1 - ctx.budget.confidence) / (2 * entries)))
        with np.errstate(all="ignore"):
            z = np.where(se > 0, np.abs(mean - target) / np.where(se > 0, se, 1), np.where(np.isclose(mean, target), 0, np.inf))
        evidence = {"draws": int(samples.shape[0]), "estimate": [float(v) for v in np.ravel(mean)],
                    "standard_error": [float(v) for v in np.ravel(se)],
                    "target": [float(v) for v in np.ravel(target)], "max_abs_z": float(np.max(z)),
                    "critical_z": z_crit, "confidence": ctx.budget.confidence, "replay": replay_for(ctx),
                    **error_probability(ctx.budget.error_probability,
                                        "a Bonferroni interval over the entries misses the mean (normal "
                                        "approximation): a false disagreement, before the replay with 4x fresh "
                                        "draws; an agreement's probability of missing a difference is not bounded")}
        return bool(np.all(z <= z_crit)), evidence


def _monte_carlo_margin(ev: dict) -> float:
    """How far inside its interval the worst entry is: critical z minus the largest |z| (the replay's)."""
    ev = ev.get("replay_with_4x_draws", ev)
    return float(ev["critical_z"] - ev["max_abs_z"])
