"""Plumbing every check shares, written once: the sides of a relation, a result, its plot, the replay
command, and the working precision of high-precision re-checks."""
from __future__ import annotations

from typing import Callable

import sympy as sp

from ..core.model import NUMERIC, SIZES, SYMBOLIC, CheckResult, Context, Outcome, replay_command, sizes_text

DIGITS = 50          # decimal digits of every high-precision re-check (mpmath)


def parameter_name(key) -> str | None:
    """The name a check's parameter mapping gives for ``key``: a string, or a SymPy symbol, IndexedBase,
    indexed entry (its base's name) or undefined function; None for anything else."""
    if isinstance(key, str):
        return key
    if isinstance(key, sp.Indexed):
        return str(key.base.label)
    if isinstance(key, (sp.Symbol, sp.IndexedBase, sp.Dummy)):
        return str(key)
    if isinstance(key, type) and issubclass(key, sp.Function) or isinstance(key, sp.core.function.AppliedUndef):
        return getattr(key, "__name__", None) or key.func.__name__
    return None


def by_name(check, field: str, mapping) -> dict:
    """A check's parameter mapping keyed by names (:func:`parameter_name`: SymPy symbols and their names
    alike); a key that is neither, or two keys of one name, raise a ``ValueError`` naming the check, the
    field and what was expected."""
    where = f"{type(check).__name__} {getattr(check, 'name', '')!r}, field {field}"
    if mapping is None:
        return {}
    if not hasattr(mapping, "items"):
        raise ValueError(f"{where}: expected a mapping of names or SymPy symbols to values, got {mapping!r}")
    out: dict = {}
    for key, value in mapping.items():
        name = parameter_name(key)
        if name is None:
            raise ValueError(f"{where}: key {key!r} is neither a name nor a SymPy symbol")
        if name in out:
            raise ValueError(f"{where}: {name!r} is given twice (as a name and as a symbol)")
        out[name] = value
    return out


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
    """A check's result named after the check. A check with ``sizes`` (it ran on instances of those
    sizes only) gets them in its evidence and its summary: ``proved for d = 2, 3`` for a derivation that
    closes, ``at d = 5, 8`` otherwise (:func:`scope_words`)."""
    sizes = getattr(check, "sizes", None)
    if sizes:
        words = scope_words(kind, outcome, sizes)
        evidence[SIZES] = {k: list(v) for k, v in sizes.items()}
        evidence["scope"] = words
        if words not in summary:
            summary = f"{summary} ({words})"
    return CheckResult(check=check.name, kind=kind, outcome=outcome, summary=summary, evidence=evidence)


def scope_words(kind: str, outcome, sizes) -> str:
    """What a result on instances of fixed ``sizes`` covers: a symbolic derivation that closes is
    ``proved for d = 2, 3`` (only), any other result holds or fails ``at d = 2, 3``."""
    text = sizes_text(sizes)
    return f"proved for {text} only" if kind == SYMBOLIC and outcome == Outcome.HOLDS else f"at {text}"


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


_SYMBOLIC: dict = {}


def symbolic_memo(function: Callable, *args):
    """``function(*args)`` for SymPy arguments, memoized for the claim being run (the runner empties the
    memo before each claim, :func:`forget_symbolic`): a claim that asks again (a check deciding every
    configuration of a search on one statement) gets the first answer. A repeat leaves the process as the
    computation would: SymPy's Dummy counter advances by as many Dummies as the computation made, so
    later Dummies are numbered as without the memo. Unhashable arguments: no memo."""
    from sympy.core.symbol import Dummy
    key = (function, args)
    try:
        hit = _SYMBOLIC.get(key)
    except TypeError:
        return function(*args)
    if hit is not None:
        value, dummies = hit
        Dummy._count += dummies
        return value
    before = Dummy._count
    value = function(*args)
    _SYMBOLIC[key] = (value, Dummy._count - before)
    return value


def forget_symbolic() -> None:
    """Empty :func:`symbolic_memo`'s memo (the runner does so before each claim)."""
    _SYMBOLIC.clear()


_LAMBDIFIED: dict = {}
_LAMBDIFIED_LIMIT = 2048


def lambdified(symbols, expr, modules, tag: str) -> Callable:
    """``sp.lambdify(symbols, expr, modules=modules)``, memoized in this process by the symbols, the
    expression (structural equality: equal expressions print the same code) and ``tag``, which names the
    modules (a caller passes the same modules with the same tag). A simulation's relations are evaluated
    at every configuration of a search: generating and compiling their code once saves that work."""
    key = (tag, tuple(symbols), tuple(expr) if isinstance(expr, list) else expr)
    try:
        f = _LAMBDIFIED.get(key)
    except TypeError:                  # an unhashable expression: no memo
        return sp.lambdify(symbols, expr, modules=modules)
    if f is None:
        if len(_LAMBDIFIED) >= _LAMBDIFIED_LIMIT:
            _LAMBDIFIED.clear()
        f = _LAMBDIFIED[key] = sp.lambdify(symbols, expr, modules=modules)
    return f
