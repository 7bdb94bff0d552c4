"""The configuration space of a numeric statement, searched exhaustively for its worst margin.

A statement such as Lemma 11 ("for any delta in (0,1), if m >= log(n^2/delta)/(2 lambda^2) ...") ranges
over dimensions, sample sizes, confidence levels and widths. One benign configuration proves nothing:
a :class:`Configurations` declares the named parameters with the values (small discrete grids) or
ranges (boundaries included) the hypotheses allow, parameters derived from earlier ones (the smallest
admissible width), which combinations exist at all (``when``), and the setting's constraints -- facts
every instance of the setting satisfies (sigma_min(J) <= ||J||, mu <= nu, delta in (0,1)). A numeric
check given configurations evaluates the statement at every grid point (the simulator receives the
configuration) and reports the region searched, the worst configuration and its margin, and how many
configurations met the hypotheses.

An instance outside the setting's constraints is a bug of the simulator or of the grid, never a
counterexample: :meth:`Configurations.validate` raises :class:`SettingViolation`.

:class:`Setting` carries the same constraints to a check that draws its own instances (a symbolic
check's counterexample search): they join the statement's hypotheses for that check only, so the
search draws inside the setting, and a counterexample it reports is validated against them.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import sympy as sp

from ..core.model import CheckResult, Context, Statement
from ._common import lambdified, relation_sides

WEIGHTS = "_weights"      # environment entry: axis 0 enumerates a finite outcome space with these probabilities


class SettingViolation(ValueError):
    """An instance outside the setting's constraints reached a check: a bug, not a counterexample."""


@dataclass(frozen=True)
class Range:
    """A continuous parameter searched at its two boundaries and interior grid points (geometric when
    ``log``; rounded to integers when ``integer``): ``points`` of them, or the budget's
    ``search_points`` when ``points`` is None (the two ends at ``quick``). At budgets with ``refine``,
    the worst configuration is then refined inside the range (:func:`search`)."""
    lo: float
    hi: float
    points: int | None = None
    log: bool = False
    integer: bool = False

    def __post_init__(self):
        if not self.lo <= self.hi:
            raise ValueError(f"Range: lo = {self.lo!r} is above hi = {self.hi!r}")
        if self.log and self.lo <= 0:
            raise ValueError(f"Range: a geometric range needs lo > 0, got {self.lo!r}")

    def values(self, points: int | None = None) -> list:
        n = self.points if self.points is not None else (points if points is not None else 3)
        if self.lo == self.hi:
            return [self.cast(self.lo)]
        if n < 2:
            n = 2
        grid = np.geomspace(self.lo, self.hi, n) if self.log else np.linspace(self.lo, self.hi, n)
        grid[0], grid[-1] = self.lo, self.hi
        return list(dict.fromkeys(self.cast(v) for v in grid))

    def at(self, u: float):
        """The value at position ``u`` in [0, 1] of the range (geometric when ``log``)."""
        u = min(max(float(u), 0.0), 1.0)
        v = self.lo * (self.hi / self.lo) ** u if self.log else self.lo + u * (self.hi - self.lo)
        return self.cast(v)

    def position(self, v) -> float:
        if self.hi == self.lo:
            return 0.0
        return math.log(v / self.lo) / math.log(self.hi / self.lo) if self.log else (v - self.lo) / (self.hi - self.lo)

    def cast(self, v):
        return int(round(float(v))) if self.integer else float(f"{float(v):.6g}")

    def describe(self) -> str:
        n = "budget's" if self.points is None else str(self.points)
        kind = ", geometric" if self.log else ""
        return f"[{self.lo:g}, {self.hi:g}] ({n} points{kind}{', integers' if self.integer else ''}, ends included)"


@dataclass(frozen=True)
class Derived:
    """A parameter computed from the earlier ones: ``rule(config)`` gives one value or a list of values
    (for instance the smallest admissible width and twice it). ``text`` says what it is."""
    rule: Callable[[Mapping[str, Any]], Any]
    text: str

    def values(self, config: Mapping[str, Any]) -> list:
        v = self.rule(config)
        return list(v) if isinstance(v, (list, tuple)) else [v]


def _relation_holds(rel, values: Mapping[str, np.ndarray], rtol: float) -> np.ndarray:
    """Where ``rel`` holds at the values (arrays broadcast), up to ``rtol`` of its sides' size."""
    big, small, eq = relation_sides(rel)
    syms = sorted(sp.sympify(big).free_symbols | sp.sympify(small).free_symbols, key=str)
    missing = [str(s) for s in syms if str(s) not in values]
    if missing:
        raise SettingViolation(f"the setting's constraint {sp.sstr(rel)} names {', '.join(missing)}, which "
                               f"neither the configuration nor the simulation provides")
    f = lambdified(syms, [big, small], "numpy", "relation_holds")
    with np.errstate(all="ignore"):
        b, s = (np.asarray(x, dtype=float) for x in f(*[np.asarray(values[str(x)], dtype=float) for x in syms]))
    size = np.abs(b) + np.abs(s)
    if eq:
        return np.abs(b - s) <= rtol * size
    ok = b - s >= -rtol * size
    if isinstance(rel, (sp.StrictLessThan, sp.StrictGreaterThan)):
        ok = ok & (b != s)
    return ok


@dataclass(frozen=True)
class Configurations:
    """Named parameters (in order) with their values: a sequence (every value is searched), a
    :class:`Range` (its ends and a small grid) or a :class:`Derived` rule of the earlier parameters.
    ``when(config)`` says which combinations exist (n distinct points on S^0 need n <= 2); the setting's
    ``constraints`` (SymPy relations over configuration and environment names) must hold at every
    instance. Fewer than ``minimum_valid`` configurations meeting the statement's hypotheses leave the
    check undecided."""
    parameters: Mapping[str, Any]
    constraints: tuple = ()
    when: Callable[[Mapping[str, Any]], bool] | None = None
    minimum_valid: int = 1
    rtol: float = 1e-12
    when_text: str = ""         # what ``when`` excludes, for the report

    def __init__(self, constraints: Sequence = (), when=None, minimum_valid: int = 1, rtol: float = 1e-12,
                 when_text: str = "", **parameters):
        if not parameters:
            raise ValueError("a configuration space needs at least one parameter")
        object.__setattr__(self, "parameters", dict(parameters))
        object.__setattr__(self, "constraints", known_constraints(constraints))
        object.__setattr__(self, "when", when)
        object.__setattr__(self, "minimum_valid", int(minimum_valid))
        object.__setattr__(self, "rtol", float(rtol))
        object.__setattr__(self, "when_text", when_text)

    def grid(self, budget=None) -> list[dict]:
        """Every configuration, in a fixed order (the parameters' order, values as declared; a
        :class:`Range` at the budget's ``search_points``)."""
        points = None if budget is None else budget.search_points
        configs: list[dict] = [{}]
        for name, spec in self.parameters.items():
            nxt = []
            for c in configs:
                if isinstance(spec, Derived):
                    values = spec.values(c)
                elif isinstance(spec, Range):
                    values = spec.values(points)
                else:
                    values = list(spec)
                nxt += [{**c, name: v} for v in values]
            configs = nxt
        out = [Config(c) for c in configs if self.when is None or self.when(c)]
        for c in out:
            self.validate(c)
        return out

    def refinements(self, budget) -> int:
        """How many simulations the search may spend refining at ``budget`` (none without a continuous range)."""
        return budget.refine if self.ranges() else 0

    def decisions(self, budget) -> int:
        """How many configurations the search may decide at ``budget``: its grid and its refinements (a
        Bonferroni split's denominator; what a simulator sharing its samples divides them by)."""
        return len(self.grid(budget)) + self.refinements(budget)

    def ranges(self) -> dict:
        """The continuous parameters (a :class:`Range` with distinct ends), which refinement moves."""
        return {k: v for k, v in self.parameters.items() if isinstance(v, Range) and v.lo != v.hi}

    def moved(self, config: Mapping[str, Any], position: Mapping[str, float]) -> "Config | None":
        """``config`` with its ranges moved to ``position`` (each in [0, 1]) and the parameters derived
        after them recomputed (their first value); None where ``when`` excludes it."""
        out: dict = {}
        for name, spec in self.parameters.items():
            if name in position and isinstance(spec, Range):
                out[name] = spec.at(position[name])
            elif isinstance(spec, Derived):
                out[name] = spec.values(out)[0]
            else:
                out[name] = config[name]
        if self.when is not None and not self.when(out):
            return None
        c = Config(out)
        self.validate(c)
        return c

    def region(self) -> dict:
        """The region searched, for the report: each parameter's values or rule."""
        out = {}
        for name, spec in self.parameters.items():
            if isinstance(spec, Derived):
                out[name] = spec.text
            elif isinstance(spec, Range):
                out[name] = spec.describe()
            else:
                out[name] = [_plain(v) for v in spec]
        if self.when_text:
            out["only"] = self.when_text
        return out

    def at(self, simulate: Callable, config: Mapping[str, Any]) -> Callable:
        """``simulate`` at one configuration (passed as its last argument), every environment it returns
        validated against the setting (:meth:`validate`; an order fit's ``(x, Q)`` pair names no
        symbols, and only its configuration is validated)."""
        def simulate_at(*args):
            def validated():
                env = simulate(*args, config)
                self.validate(config, env if isinstance(env, Mapping) else None)
                return env
            return _recalled(_memo_key(simulate, args, config), validated)
        return simulate_at

    def validate(self, config: Mapping[str, Any], env: Mapping[str, np.ndarray] | None = None) -> None:
        """Raise :class:`SettingViolation` unless every constraint holds at every instance of ``env``
        (the simulation at ``config``; without it, at the configuration alone)."""
        values = {k: np.asarray(v, dtype=float) for k, v in config.items() if _numeric(v)}
        if env is not None:
            values.update({k: np.asarray(v, dtype=float) for k, v in env.items() if k != WEIGHTS})
        for rel in self.constraints:
            names = {str(s) for s in sp.sympify(rel).free_symbols}
            if env is None and not names <= set(values):
                continue                      # names the simulation provides: checked on its environment
            ok = _relation_holds(rel, values, self.rtol)
            if not np.all(ok):
                raise SettingViolation(f"configuration {label(config)}: the setting's constraint {sp.sstr(rel)} "
                                       f"fails at {int(np.size(ok) - np.count_nonzero(ok))} instance(s) -- an instance "
                                       f"outside the setting is a bug of the simulator or the grid, not a counterexample")


# Simulations already run in this process, keyed by the simulator, what keys its random streams (run
# seed, budget, claim, check key: not the target, so a statement and its correction draw the same
# instances) and its arguments: a correction checked with the statement's simulator and configurations
# reuses the statement's simulations instead of integrating the same flows again. A simulator is a
# deterministic function of these (its randomness comes from ``ctx.rng``); entries are copies, so a
# caller that changes an array in place changes no other caller's. Emptied at each claim
# (:func:`forget_simulations`).
_SIMULATED: dict = {}
_SIMULATED_LIMIT = 512


def forget_simulations() -> None:
    """Empty the memo of simulations (the runner does so before each claim)."""
    _SIMULATED.clear()


def remembered(simulate: Callable) -> Callable:
    """``simulate(ctx, ...)`` computed once per check of the claim being run: called again with the same
    run seed, budget, claim, check key and arguments (a statement's quantity and its correction's read off
    the same flows, say), it returns a copy of the first result. ``simulate`` must be a deterministic
    function of these (its randomness from ``ctx.rng``) returning plain containers of arrays and scalars;
    the arguments must be hashable (else nothing is remembered). The memo of the simulations of
    :class:`Configurations`, emptied before each claim."""
    @functools.wraps(simulate)
    def recalled(ctx: Context, *args, **kwargs):
        key = _memo_key(simulate, (ctx, args, tuple(sorted(kwargs.items()))), {})
        return _recalled(key, lambda: simulate(ctx, *args, **kwargs))
    return recalled


def _recalled(key, compute: Callable[[], Any]):
    """``compute()``, or a copy of what it gave for ``key`` earlier in this claim (None: no memo)."""
    if key is not None and key in _SIMULATED:
        return _copied(_SIMULATED[key])
    value = compute()
    if key is not None and _memoizable(value):
        if len(_SIMULATED) >= _SIMULATED_LIMIT:
            _SIMULATED.clear()
        _SIMULATED[key] = _copied(value)
    return value


def _memo_key(simulate, args: tuple, config) -> tuple | None:
    if not args or not isinstance(args[0], Context):
        return None
    ctx, rest = args[0], args[1:]
    try:
        key = (simulate, ctx.seed, repr(ctx.budget), ctx.claim_id, ctx.check_key, rest,
               tuple(sorted((k, _plain(v)) for k, v in config.items())))
        hash(key)
    except TypeError:
        return None
    return key


def _copied(value):
    """A copy of a simulation's output: its arrays copied, containers rebuilt."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if type(value) is dict:
        return {k: _copied(v) for k, v in value.items()}
    if type(value) is tuple:
        return tuple(_copied(v) for v in value)
    if type(value) is list:
        return [_copied(v) for v in value]
    return value


def _memoizable(value) -> bool:
    """Whether :func:`_copied` copies every mutable part of ``value`` (plain containers of arrays and
    immutable scalars)."""
    if type(value) in (dict, tuple, list):
        return all(_memoizable(v) for v in (value.values() if type(value) is dict else value))
    return isinstance(value, (np.ndarray, int, float, complex, str, bool, type(None), np.generic))


class Config(dict):
    """One configuration: a mapping of parameter names to values, hashable (simulators may be memoized)
    and immutable by convention."""

    def __hash__(self):
        return hash(tuple(sorted((k, _plain(v)) for k, v in self.items())))

    def __setitem__(self, key, value):
        raise TypeError("a configuration is immutable")


def known_constraints(constraints) -> tuple:
    """The constraints SymPy does not already know to be true from the symbols' assumptions (delta > 0
    for a positive delta); one known to be false is an error."""
    out = []
    for rel in constraints:
        if rel is sp.false or rel is False:
            raise ValueError("a setting constraint is false under the symbols' assumptions")
        if rel is not sp.true and rel is not True:
            out.append(rel)
    return tuple(out)


def _numeric(v) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)


def _plain(v):
    if isinstance(v, (np.integer, int)) and not isinstance(v, bool):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return float(v)
    return str(v)


def plain_config(config: Mapping[str, Any]) -> dict:
    return {k: _plain(v) for k, v in config.items()}


def label(config: Mapping[str, Any]) -> str:
    return "(" + ", ".join(f"{k}={v:g}" if _numeric(v) else f"{k}={v}" for k, v in config.items()) + ")"


def exact_outcomes(env: Mapping[str, np.ndarray]) -> np.ndarray | None:
    """The outcome probabilities of an environment that enumerates a finite outcome space (axis 0),
    checked to be a probability vector; None for sampled draws."""
    if WEIGHTS not in env:
        return None
    w = np.asarray(env[WEIGHTS], dtype=float).reshape(-1)
    if np.any(w < 0) or not math.isclose(math.fsum(w), 1.0, rel_tol=0, abs_tol=1e-12):
        raise SettingViolation(f"the outcome probabilities sum to {math.fsum(w)!r}, not 1")
    return w


EXACT_BINOMIALS = 2000     # up to this m, integer binomials; beyond, SciPy's pmf (they take seconds at m ~ 8000)


def binomial_outcomes(m: int) -> tuple[np.ndarray, np.ndarray]:
    """N = 0..m and P[Bin(m, 1/2) = N] to double precision: integer binomials over 2^m (correctly
    rounded) up to m = :data:`EXACT_BINOMIALS`, SciPy's ``binom.pmf`` (Loader's saddle-point algorithm,
    relative error ~1e-15) beyond, normalised to sum to 1."""
    N = np.arange(m + 1)
    if m <= EXACT_BINOMIALS:
        return N, np.array([math.comb(m, k) / 2**m for k in range(m + 1)], dtype=float)
    from scipy import stats
    w = stats.binom.pmf(N, m, 0.5)
    return N, w / math.fsum(w)


# ---------------------------------------------------------------------------------------------
# the setting's constraints for a check that draws its own instances
# ---------------------------------------------------------------------------------------------

@dataclass
class Setting:
    """Run ``check`` with the setting's ``constraints`` among the statement's hypotheses: facts every
    instance of the setting satisfies (so the statement means the same), which keep a counterexample
    search inside the setting. A counterexample reported outside them raises :class:`SettingViolation`."""
    check: Any
    constraints: tuple = ()
    name: str = field(init=False)
    kind: str = field(init=False)

    def __post_init__(self):
        self.constraints = known_constraints(self.constraints)
        self.name, self.kind = self.check.name, self.check.kind

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        within = Statement(statement.relation, assuming=tuple(statement.assuming) + self.constraints,
                           where=statement.where, latex=statement.latex)
        result = self.check.run(within, ctx)
        values = result.evidence.get("counterexample")
        if isinstance(values, Mapping) and values:
            point = {str(k): float(v) for k, v in values.items()}
            for rel in self.constraints:
                rel = statement.expanded(rel)
                names = {str(s) for s in rel.free_symbols}
                if names <= set(point) and not np.all(_relation_holds(rel, point, 1e-12)):
                    raise SettingViolation(f"{self.name}: the counterexample {point} violates the setting's "
                                           f"constraint {sp.sstr(rel)}")
        result.evidence["setting_constraints"] = [sp.sstr(r) for r in self.constraints]
        return result

