"""A limit along a simulated sequence: :class:`Convergence`, which refutes only a sequence that has
visibly settled elsewhere."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import sympy as sp

from ..core.model import NUMERIC, CheckResult, Context, Outcome, Statement
from ..core.text import say
from ._common import replay_for
from .configurations import Configurations
from .numeric import array_value, loglog_fit, search


def _convergence_margin(ev: dict) -> float:
    """How close the sequence ends to its limit: the tolerance minus the mean last distance, relative."""
    return float((ev["tol"] - ev["last_mean_distance"]) / ev["tol"])


def _limit_parts(rel):
    """(variable, point, expression, value) of ``Eq(Limit(expr, x, x0), value)``."""
    if not isinstance(rel, sp.Equality):
        raise TypeError("convergence check needs Eq(Limit(expr, x, x0), value)")
    lim, value = (rel.lhs, rel.rhs) if isinstance(rel.lhs, sp.Limit) else (rel.rhs, rel.lhs)
    if not isinstance(lim, sp.Limit):
        raise TypeError("convergence check needs Eq(Limit(expr, x, x0), value)")
    expr, x, x0 = lim.args[0], lim.args[1], lim.args[2]
    return x, x0, expr, value


@dataclass
class Convergence:
    """``lim_{x -> x0} E = V`` (written ``Eq(Limit(E, x, x0), V)``) along a simulated sequence.

    ``simulate(ctx, precise)`` returns an environment whose arrays have a leading axis over the values
    of x (the entry named like x, approaching x0, best geometrically spaced) and a second axis over
    independent instances. The distance of an instance is max |E - V| / max (|E| + |V|) over its
    entries; it is fitted as C x^p (x -> 0) or C x^-p (x -> oo), one intercept per instance, leaving
    out distances already at round-off (below ``floor``).

    Holds when the mean last distance is below ``tol`` and the distance decays: the exponent p is
    positive at the budget's confidence (lower end above ``min_rate``), or every instance's distance
    fell at least tenfold along the sequence (deterministic sequences whose instances decay at
    different rates fit one exponent poorly). Fails only when an instance's E has
    visibly settled away from V: its last three steps shrink geometrically (ratios below 1/2 and not
    growing) or have stopped, and the geometric tail they leave, with a factor 2 to spare, cannot close
    the remaining distance (above ``tol``), or when it visibly diverges: |E - V| at least doubled at each
    of the last three steps and the distance is above ``tol`` (no sequence with the limit V grows away
    from it geometrically as x -> x0), both confirmed in a precise replay. A slowly converging sequence
    (x^0.01, 1/log(1/x)) has step ratios near 1, or growing, and stays undecided: it is never mistaken
    for a wrong limit.
    """
    simulate: Callable[[Context, bool], dict]
    name: str = "convergence"
    tol: float = 1e-2
    min_rate: float = 0.05
    floor: float = 1e-10
    kind: str = NUMERIC
    configurations: Configurations | None = None    # each decided; simulate(ctx, precise, config)

    def _distance(self, rel, ctx, simulate, precise):
        x, x0, expr, value = _limit_parts(rel)
        env = simulate(ctx, precise)
        E, V = np.broadcast_arrays(array_value(expr, env), array_value(value, env))
        K, S = E.shape[0], E.shape[1]
        size = np.maximum((np.abs(E) + np.abs(V)).reshape(K, S, -1).max(axis=-1), 1e-300)
        dist = np.abs(E - V).reshape(K, S, -1).max(axis=-1) / size
        steps = np.abs(np.diff(E, axis=0)).reshape(K - 1, S, -1).max(axis=-1) / size[1:]
        xs = np.asarray(env[str(x)], float).reshape(K, -1)[:, 0]
        gap = np.abs(E - V).reshape(K, S, -1).max(axis=-1)
        return x, x0, xs, dist, steps, gap

    def _decide(self, ctx, x0, xs, dist, steps, gap=None):
        valid = np.isfinite(dist) & (dist > self.floor)
        slope, lo, hi = loglog_fit(xs, np.where(valid, dist, 1.0), ctx.budget.confidence, valid)
        sign = 1.0 if x0 == 0 else -1.0                       # decay exponent p = sign * slope
        p, p_lo, p_hi = sign * slope, min(sign * lo, sign * hi), max(sign * lo, sign * hi)
        last = float(np.mean(dist[-1]))
        converged = not valid[-1].any()                      # every instance at round-off already
        # settled elsewhere: the last three step ratios are below 1/2 and not growing (a geometric tail;
        # sub-geometric decay such as 1/log shows growing ratios), and twice that tail cannot close the gap
        with np.errstate(all="ignore"):
            ratios = steps[1:] / np.where(steps[:-1] > 0, steps[:-1], np.inf)
        if len(ratios) >= 3:
            last3 = ratios[-3:]
            geometric = np.all(last3 < 0.5, axis=0) & np.all(last3[1:] <= 1.1 * last3[:-1], axis=0)
            ratio = last3.max(axis=0)
        else:
            geometric, ratio = np.zeros(dist.shape[1], bool), np.ones(dist.shape[1])
        tail = np.where(geometric, steps[-1] * ratio / (1 - np.minimum(ratio, 0.5)), np.inf)
        settled = (dist[-1] > self.tol) & (dist[-1] > 2 * tail) & (steps[-1] > self.floor) | \
                  ((dist[-1] > self.tol) & (steps[-1] <= self.floor) & (steps[-2] <= self.floor))
        shrunk = bool(np.all(dist[-1] <= 0.1 * dist[0]))      # every instance's distance fell tenfold
        diverging = np.zeros(dist.shape[1], bool)
        if gap is not None and len(gap) >= 4:                  # |E - V| doubled (at least) at each of the last three steps
            with np.errstate(all="ignore"):
                growth = gap[-3:] / np.where(gap[-4:-1] > 0, gap[-4:-1], np.inf)
            diverging = np.all(growth >= 2.0, axis=0) & (dist[-1] > self.tol) & np.all(np.isfinite(gap[-4:]), axis=0)
        if (p_lo > self.min_rate or converged or shrunk) and last <= self.tol:
            outcome = Outcome.HOLDS
        elif settled.any() or diverging.any():
            outcome = Outcome.FAILS
        else:
            outcome = Outcome.UNDECIDED
        return outcome, {"instances": int(dist.shape[1]), "decay_exponent": p, "decay_interval": [p_lo, p_hi], "last_mean_distance": last,
                         "settled_elsewhere": int(settled.sum()), "diverging": int(diverging.sum()),
                         "every_instance_tenfold_closer": shrunk,
                         "distance_mean": [float(v) for v in dist.mean(axis=1)],
                         "distance_max": [float(v) for v in dist.max(axis=1)], "x": [float(v) for v in xs],
                         "tol": self.tol, "min_rate": self.min_rate, "floor": self.floor,
                         "confidence": ctx.budget.confidence,
                         "replay": replay_for(ctx)}

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        if self.configurations is not None:
            result, _ = search(self, ctx, self.simulate, lambda simulate, k: (self._run(statement, ctx, simulate), None),
                               "instances", _convergence_margin)
            return result
        return self._run(statement, ctx, self.simulate)

    def _run(self, statement: Statement, ctx: Context, simulate) -> CheckResult:
        rel = statement.conclusion
        x, x0, xs, dist, steps, gap = self._distance(rel, ctx, simulate, False)
        outcome, evidence = self._decide(ctx, x0, xs, dist, steps, gap)
        if outcome is Outcome.FAILS:
            _, _, xs2, dist2, steps2, gap2 = self._distance(rel, ctx, simulate, True)
            outcome, evidence = self._decide(ctx, x0, xs2, dist2, steps2, gap2)
            evidence["replayed_precisely"] = True
        lo, hi = evidence["decay_interval"]
        verb = {Outcome.HOLDS: "decays", Outcome.FAILS: "grows geometrically (|E - V| doubles each step)" if evidence["diverging"] and not evidence["settled_elsewhere"]
                else "settles away from zero",
                Outcome.UNDECIDED: "is undecided"}[outcome]
        summary = say(f"relative distance to the limit {verb} as ", x, " -> ", sp.sympify(x0), ": exponent ",
                      evidence["decay_exponent"], " [", lo, ", ", hi, "], mean last distance ",
                      evidence["last_mean_distance"], " (tol ", self.tol, ")")
        return CheckResult(check=self.name, kind=NUMERIC, outcome=outcome, summary=summary, evidence=evidence)


