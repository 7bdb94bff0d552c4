"""Plumbing every check shares, written once: the sides of a relation, a result, its plot, the replay
command, and the working precision of high-precision re-checks."""
from __future__ import annotations

from typing import Callable

import sympy as sp

from ..core.model import NUMERIC, CheckResult, Context, replay_command

DIGITS = 50          # decimal digits of every high-precision re-check (mpmath)


def relation_sides(rel) -> tuple:
    """``(big, small, equality)`` of a relation: it says big >= small (or big == small)."""
    if isinstance(rel, (sp.LessThan, sp.StrictLessThan)):
        return rel.rhs, rel.lhs, False
    if isinstance(rel, (sp.GreaterThan, sp.StrictGreaterThan)):
        return rel.lhs, rel.rhs, False
    if isinstance(rel, sp.Equality):
        return rel.lhs, rel.rhs, True
    raise TypeError(f"cannot evaluate {type(rel).__name__} numerically: {sp.sstr(rel)}")


def inequality_sides(rel) -> tuple:
    """``(big, small)`` of an inequality: the relation says big >= small."""
    if isinstance(rel, (sp.LessThan, sp.StrictLessThan, sp.GreaterThan, sp.StrictGreaterThan)):
        return relation_sides(rel)[:2]
    raise TypeError(f"expected an inequality, got {type(rel).__name__}: {sp.sstr(rel)}")


def result(check, outcome, summary: str, kind: str = NUMERIC, **evidence) -> CheckResult:
    """A check's result named after the check."""
    return CheckResult(check=check.name, kind=kind, outcome=outcome, summary=summary, evidence=evidence)


def with_plot(result: CheckResult, make: Callable[[], dict | None]) -> CheckResult:
    """``result`` with plot data from ``make``; plot data is decoration, so a failure to make it is
    ignored and never changes the outcome or the evidence."""
    try:
        result.plot = make()
    except Exception:
        result.plot = None
    return result


def replay_for(ctx: Context) -> str:
    """The command that reruns the claim this check belongs to, exactly."""
    return replay_command(ctx.claim_id, ctx.seed, ctx.budget)
