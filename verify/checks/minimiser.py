"""A simulated limit is the minimiser of an objective subject to constraints (an implicit bias): the
statement ``Eq(limit, ArgMin(objective, variable, constraints))`` is decided instance by instance by
solving the minimisation with SciPy and comparing the limit's objective with the minimum found, within the
solver's optimality gap.

The solver: where the problem is an equality-constrained quadratic program (the objective quadratic and
the constraints affine in the variable, both tested numerically along random lines), its KKT system is
solved directly (least squares), and the gap is the KKT residual's bound on the objective; otherwise
``scipy.optimize.minimize`` (SLSQP) from the limit and from perturbed starts, and the gap is the spread of
the minima found (at least the solver's tolerance relative to the objective).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import numpy as np
import sympy as sp

from ..core.model import NUMERIC, CheckResult, Context, Outcome, Statement
from ..core.notation import NUMPY, ArgMin, entry_sums
from ..core.text import say
from ._common import relation_sides, replay_for
from ._common import result as check_result
from .numeric import array_value, core_axes, error_probability, hypotheses_hold, validate_shapes

SOLVER_TOL = 1e-12        # SLSQP's tolerance on the objective
QP_MAX_DIMENSION = 64     # the exact quadratic-program path up to this many coordinates


def _argmin_sides(rel):
    if isinstance(rel, sp.Equality):
        if isinstance(rel.rhs, ArgMin) and not isinstance(rel.lhs, ArgMin):
            return rel.lhs, rel.rhs
        if isinstance(rel.lhs, ArgMin) and not isinstance(rel.rhs, ArgMin):
            return rel.rhs, rel.lhs
    raise TypeError(f"a minimiser check needs a statement limit = ArgMin(objective, variable, constraints), got "
                    f"{sp.sstr(rel)}")


def _constraints(c) -> list:
    if c is sp.true or c is True:
        return []
    parts = list(c.args) if isinstance(c, sp.And) else [c]
    for r in parts:
        if not isinstance(r, (sp.Equality, sp.GreaterThan, sp.StrictGreaterThan, sp.LessThan, sp.StrictLessThan)):
            raise TypeError(f"a constraint of ArgMin must be an equation or inequality, got {sp.sstr(r)}")
    return parts


class _Problem:
    """The minimisation at one instance: the objective and the constraints as functions of the variable's
    coordinates (arrays of the instance with the variable as a (1, ..., 1, d) vector)."""

    def __init__(self, objective, variable, constraints, arrays: dict, ndim: int, d: int):
        self.shape = (1,) * (ndim - 1) + (d,)
        self.d = d
        syms = sorted((entry_sums(objective).free_symbols | set().union(*[r.free_symbols for r in constraints]))
                      - {variable}, key=str)
        modules = [NUMPY, "scipy", "numpy"]
        self.values = [arrays[str(s)] for s in syms]
        self.f = sp.lambdify([variable, *syms], entry_sums(objective), modules=modules)
        self.eq, self.ineq = [], []
        for r in constraints:
            big, small, eq = relation_sides(r)
            g = sp.lambdify([variable, *syms], [entry_sums(big), entry_sums(small)], modules=modules)
            (self.eq if eq else self.ineq).append(g)

    def objective(self, z) -> float:
        with np.errstate(all="ignore"):
            return float(np.sum(self.f(np.reshape(z, self.shape), *self.values)))

    def _parts(self, gs, z):
        out, sizes = [], []
        with np.errstate(all="ignore"):
            for g in gs:
                b, s = (np.ravel(np.asarray(v, dtype=float)) for v in g(np.reshape(z, self.shape), *self.values))
                b, s = np.broadcast_arrays(b, s)
                out.append(b - s)
                sizes.append(np.abs(b) + np.abs(s))
        return (np.concatenate(out) if out else np.zeros(0)), (np.concatenate(sizes) if sizes else np.zeros(0))

    def equalities(self, z):
        return self._parts(self.eq, z)[0]

    def inequalities(self, z):
        return self._parts(self.ineq, z)[0]

    def violation(self, z) -> float:
        """The largest violation of a constraint, relative to the size of its sides (at least 1e-300)."""
        e, es = self._parts(self.eq, z)
        i, is_ = self._parts(self.ineq, z)
        worst = 0.0
        if e.size:
            worst = max(worst, float(np.max(np.abs(e) / np.maximum(es, 1e-300))))
        if i.size:
            worst = max(worst, float(np.max(np.maximum(-i, 0.0) / np.maximum(is_, 1e-300))))
        return worst


def _quadratic(problem: _Problem, z0, rng) -> tuple | None:
    """(minimiser, gap) of an equality-constrained quadratic program from its KKT system, or None when the
    objective is not quadratic, a constraint not affine or an inequality is present (tested numerically)."""
    d = problem.d
    if problem.ineq or d > QP_MAX_DIMENSION:
        return None
    f = problem.objective
    scale = max(1.0, float(np.max(np.abs(z0))))
    e = np.eye(d) * scale
    f0 = f(np.zeros(d))
    fi = np.array([f(e[i]) for i in range(d)])
    fm = np.array([f(-e[i]) for i in range(d)])
    H = np.empty((d, d))
    for i in range(d):
        H[i, i] = (fi[i] + fm[i] - 2 * f0) / scale ** 2
        for j in range(i):
            H[i, j] = H[j, i] = (f(e[i] + e[j]) - fi[i] - fi[j] + f0) / scale ** 2
    c = (fi - fm) / (2 * scale)
    A = np.array([problem.equalities(e[i]) - problem.equalities(np.zeros(d)) for i in range(d)]).T / scale
    b = -problem.equalities(np.zeros(d))
    model = lambda z: f0 + c @ z + 0.5 * z @ H @ z                                  # noqa: E731
    for _ in range(3):                            # quadratic and affine along random points, to round-off
        z = rng.standard_normal(d) * scale
        if not np.isclose(f(z), model(z), rtol=1e-8, atol=1e-8 * max(abs(f0), abs(f(z)), 1.0)):
            return None
        if A.size and not np.allclose(problem.equalities(z), A @ z - b, rtol=1e-8, atol=1e-8 * scale):
            return None
    m = A.shape[0] if A.size else 0
    K = np.block([[H, A.T], [A, np.zeros((m, m))]]) if m else H
    rhs = np.concatenate([-c, b]) if m else -c
    sol = np.linalg.lstsq(K, rhs, rcond=None)[0]
    z = sol[:d]
    residual = float(np.linalg.norm(K @ sol - rhs))
    if np.linalg.eigvalsh(H + 1e-9 * np.abs(H).max() * np.eye(d) if np.abs(H).max() > 0 else H).min() < \
            -1e-8 * max(np.abs(H).max(), 1.0):
        return None                               # not convex: the KKT point need not be a minimum
    gap = residual * (1.0 + float(np.linalg.norm(z)) + float(np.linalg.norm(sol[d:])))
    return z, max(gap, 1e-12 * max(abs(model(z)), 1.0)), "KKT system of the quadratic program (least squares)"


def _slsqp(problem: _Problem, z0, rng, starts: int):
    from scipy.optimize import minimize

    cons = ([{"type": "eq", "fun": problem.equalities}] if problem.eq else []) + \
           ([{"type": "ineq", "fun": problem.inequalities}] if problem.ineq else [])
    found = []
    spread = max(float(np.linalg.norm(z0)), 1.0) / np.sqrt(len(z0))
    for k in range(starts):
        x0 = z0 if k == 0 else z0 + rng.standard_normal(len(z0)) * spread
        res = minimize(problem.objective, x0, method="SLSQP", constraints=cons,
                       options={"ftol": SOLVER_TOL, "maxiter": 500})
        if np.all(np.isfinite(res.x)) and problem.violation(res.x) <= 1e-8:
            found.append((problem.objective(res.x), res.x))
    if not found:
        return None
    values = [v for v, _ in found]
    best = min(found, key=lambda t: t[0])
    gap = max(max(values) - min(values), SOLVER_TOL * max(abs(best[0]), 1.0) * 10)
    return best[1], gap, f"SLSQP (scipy.optimize.minimize) from {starts} starts, {len(found)} feasible"


@dataclass
class LimitIsMinimiser:
    """``Eq(limit, ArgMin(objective, variable, constraints))``: at every simulated instance the limit (a vector,
    ``(..., 1, d)``) meets the constraints and its objective is the minimum, within the solver's optimality
    gap and ``rtol`` relative to the objective. ``simulate(ctx, precise)`` returns the environment (the
    limit's symbols and those of the objective and constraints but the variable); a failing instance is
    decided again on the precise simulation before it refutes."""
    simulate: Callable[[Context, bool], Mapping[str, np.ndarray]]
    name: str = "minimiser"
    rtol: float = 1e-6
    starts: int = 3
    kind: str = NUMERIC

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        limit_expr, argmin = _argmin_sides(statement.conclusion)
        objective, variable, constraint = argmin.args
        if not isinstance(variable, sp.Symbol):
            raise TypeError(f"the variable of ArgMin must be a symbol, got {sp.sstr(variable)}")
        constraints = _constraints(constraint)
        rows, env = self._decide(statement, ctx, limit_expr, objective, variable, constraints, precise=False)
        evidence = {"instances": len(rows), "replay": replay_for(ctx),
                    **error_probability(None, "deterministic given the seed; the minimum is the solver's, within "
                                              "its reported optimality gap")}
        valid = [r for r in rows if r["valid"]]
        evidence["hypotheses_held"] = len(valid)
        if not valid:
            return check_result(self, Outcome.UNDECIDED, "the hypotheses held at no simulated instance", **evidence)
        unsolved = [r for r in valid if r["minimum"] is None]
        bad = [r for r in valid if r["minimum"] is not None and (r["infeasible"] or r["excess"] > 0)]
        if bad:
            again, _ = self._decide(statement, ctx, limit_expr, objective, variable, constraints, precise=True)
            again = {tuple(r["instance"]): r for r in again}
            bad = [again[tuple(r["instance"])] for r in bad if tuple(r["instance"]) in again]
            bad = [r for r in bad if r["valid"] and r["minimum"] is not None and (r["infeasible"] or r["excess"] > 0)]
        solved = [r for r in valid if r["minimum"] is not None] or valid
        worst = max(solved, key=lambda r: (r.get("excess", 0.0), r.get("infeasible", False)))
        evidence["worst"] = bad[0] if bad else worst
        if bad:
            r = bad[0]
            if r["infeasible"]:
                return check_result(self, Outcome.FAILS,
                                    say(f"at instance {r['instance']} the limit violates the constraints by a relative ",
                                        r["violation"], " (replayed precisely)"), violations=len(bad), **evidence)
            return check_result(self, Outcome.FAILS,
                                say(f"at instance {r['instance']} the limit is no minimiser: objective ", r["objective_limit"],
                                    " > minimum ", r["minimum"], " + gap ", r["gap"], f" ({r['solver']}); distance ",
                                    r["distance"], " (replayed precisely)"), violations=len(bad), **evidence)
        if unsolved:
            return check_result(self, Outcome.UNDECIDED,
                                f"the solver found no feasible point at {len(unsolved)} of {len(valid)} instances",
                                **evidence)
        return check_result(self, Outcome.HOLDS,
                            say(f"the limit is the minimiser at all {len(valid)} instances: objective within the gap "
                                "(largest relative excess ", max(r["relative_excess"] for r in valid),
                                ", largest gap ", max(r["gap"] for r in valid), f"; {valid[0]['solver']})"), **evidence)

    def _decide(self, statement, ctx, limit_expr, objective, variable, constraints, precise: bool):
        env = self.simulate(ctx, precise)
        if str(variable) in env:
            raise ValueError(f"the simulation provides the minimisation variable {variable}: it is the solver's")
        validate_shapes([limit_expr, objective, *constraints, *statement.hypotheses], env)
        limit = array_value(limit_expr, env)
        if limit.ndim < 2:
            raise ValueError(f"the limit {sp.sstr(limit_expr)} must be a vector per instance, (..., 1, d); got shape "
                             f"{limit.shape}")
        batch, d = limit.shape[:-1], limit.shape[-1]
        valid = hypotheses_hold(statement, env, limit.shape).all(axis=-1)
        core = max(core_axes(objective), *[core_axes(r) for r in constraints], 1)
        rows = []
        for index in np.ndindex(batch):
            arrays = {}
            for k, a in env.items():
                a = np.asarray(a, dtype=float) if k != "_weights" else a
                if np.ndim(a) != limit.ndim:
                    continue
                sel = tuple(slice(None) if (a.shape[j] == 1 or j >= limit.ndim - core) else slice(i, i + 1)
                            for j, i in enumerate(index + (0,)))
                arrays[k] = a[sel]
            problem = _Problem(objective, variable, constraints, arrays, limit.ndim, d)
            z0 = np.asarray(limit[index], dtype=float)
            rng = ctx.rng("minimiser", ",".join(map(str, index)))
            row = {"instance": [int(i) for i in index], "valid": bool(valid[index])}
            if not row["valid"]:
                rows.append(row | {"minimum": None})
                continue
            solved = _quadratic(problem, z0, rng) or _slsqp(problem, z0, rng, self.starts)
            f_lim, violation = problem.objective(z0), problem.violation(z0)
            row.update(objective_limit=f_lim, violation=violation, infeasible=bool(violation > self.rtol))
            if solved is None:
                rows.append(row | {"minimum": None})
                continue
            z, gap, how = solved
            f_min = problem.objective(z)
            size = max(abs(f_lim), abs(f_min), 1e-300)
            row.update(minimum=f_min, gap=float(gap), solver=how,
                       relative_excess=(f_lim - f_min) / size,
                       excess=float((f_lim - f_min - gap) / size - self.rtol),
                       distance=float(np.linalg.norm(z0 - z) / max(np.linalg.norm(z), 1e-300)),
                       minimiser=[float(v) for v in z[:8]])
            rows.append(row)
        return rows, env
