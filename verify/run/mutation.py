"""Mutation testing of the checks: does a claim's own set of checks notice when its statement is
changed the way notes go wrong?

Mutants of a statement (as written, and of its correction) change its conclusion by one edit: swap two
symbols of the same kind at one place (kappa written for alpha, n for m), multiply or divide a numeric constant by 2,
raise or lower an exponent (a square root by 1/2, an integer power by 1), flip an inequality, drop a
term of a sum. Each mutant is run through the claim's own checks (the scaling analysis included) and is

* ``killed`` when the checks flag it (its verdict is refuted, gap or loose),
* ``weaker`` when it survived and SymPy proves the original implies it (a weaker bound: no check
  should fail it), ``equivalent`` when it is the original in another form,
* ``true`` when it survived, is not shown weaker, and one of the claim's own checks proves it as written,
  symbolically (:func:`proved_as_written`): a true statement no correct check can kill,
* ``error`` when a check could not run on it, and otherwise ``survived``, with a computed reason
  (:func:`survival_reason`).

The kill rate is killed / (killed + survived). It measures the checks on statements they accept
(proved or supported: mostly corrections); on a statement they already refute, nearly every mutant is
refuted too, so those are counted apart, and an accepted mutant of a refuted statement is listed: it is
a candidate correction, or a sign of a weak check. Statements the checks do not decide are skipped. Like the runner, each claim's mutants run in a forked
child; mutants are chosen deterministically (sorted, then a seeded sample when there are too many).
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

import numpy as np
import sympy as sp
from sympy.core.relational import Relational

from ..core.model import SYMBOLIC, Budget, Claim, Outcome, RunSettings, Statement, stable_hash
from .runner import all_checks, map_claims, run_checks
from ..checks._common import inequality_sides
from ..checks.enclosure import prove_nonnegative
from ..checks.symbolic import sign_nonnegative
from ..core.notation import Prob

FLAGS = (Outcome.FAILS, Outcome.GAP, Outcome.LOOSE)
FLIP = {sp.LessThan: sp.GreaterThan, sp.GreaterThan: sp.LessThan,
        sp.StrictLessThan: sp.StrictGreaterThan, sp.StrictGreaterThan: sp.StrictLessThan}
DEFAULT_LIMIT = 12


@dataclass(frozen=True)
class Mutant:
    """One edit of a statement's conclusion: the operator, what it changed, and the new statement."""
    operator: str
    change: str
    statement: Statement


# ---------------------------------------------------------------------------------------------
# generating mutants
# ---------------------------------------------------------------------------------------------

def _nodes(expr, path=()) -> Iterator[tuple[tuple, sp.Basic]]:
    """Every node with its path of argument indices, parents first; O-terms are not entered."""
    yield path, expr
    if isinstance(expr, (sp.Order, sp.MatrixBase)) or not isinstance(expr, sp.Basic):
        return
    for i, a in enumerate(expr.args):
        if isinstance(a, sp.Basic):
            yield from _nodes(a, path + (i,))


def _rebuild(node, args):
    if isinstance(node, Relational):
        return node.func(*args, evaluate=False)
    return node.func(*args)


def _replace_at(expr, path, new):
    if not path:
        return new
    args = list(expr.args)
    args[path[0]] = _replace_at(args[path[0]], path[1:], new)
    return _rebuild(expr, args)


def _parent(expr, path):
    node = expr
    for i in path[:-1]:
        node = node.args[i]
    return node


def _kind(s: sp.Symbol) -> tuple:
    return (s.is_integer, s.is_positive, s.is_nonnegative, s.is_real)


def _swaps(rel, symbols=()) -> Iterator[tuple[str, object]]:
    """One occurrence of a symbol written as another of the same kind (swapping them everywhere
    would only rename them)."""
    pool = sorted({s for s in symbols if isinstance(s, sp.Symbol)} | {s for s in rel.free_symbols
                  if isinstance(s, sp.Symbol)}, key=lambda s: s.name)
    for path, node in _nodes(rel):
        if not path or not isinstance(node, sp.Symbol) or node not in pool:
            continue
        for b in pool:
            if b != node and _kind(b) == _kind(node):
                try:
                    yield f"{b} written for {node}", _replace_at(rel, path, b)
                except Exception:
                    continue


def _constants(rel) -> Iterator[tuple[str, object]]:
    for path, node in _nodes(rel):
        if not path or not isinstance(node, sp.Number) or node in (0, 1, -1):
            continue
        parent = _parent(rel, path)
        if isinstance(parent, sp.Pow) and path[-1] == 1:
            continue                                  # an exponent: see _exponents
        for factor, word in ((2, "times"), (sp.Rational(1, 2), "divided by")):
            yield f"constant {node} {word} 2", _replace_at(rel, path, node * factor)


def _exponents(rel) -> Iterator[tuple[str, object]]:
    for path, node in _nodes(rel):
        if isinstance(node, sp.Pow) and node.exp.is_Rational:
            e = node.exp
            step = 1 if e.is_integer else sp.Rational(1, 2)
            for new in (e + step, e - step):
                if new != 0:
                    yield f"exponent of {sp.sstr(node.base)}: {e} -> {new}", _replace_at(rel, path, sp.Pow(node.base, new))


def _flips(rel) -> Iterator[tuple[str, object]]:
    for path, node in _nodes(rel):
        if type(node) in FLIP:
            yield f"{type(node).__name__} flipped", _replace_at(rel, path, FLIP[type(node)](*node.args, evaluate=False))


def _drops(rel) -> Iterator[tuple[str, object]]:
    for path, node in _nodes(rel):
        if isinstance(node, sp.Add) and len(node.args) >= 2:
            for i, term in enumerate(node.args):
                rest = node.args[:i] + node.args[i + 1:]
                yield f"term {sp.sstr(term)} dropped", _replace_at(rel, path, sp.Add(*rest))


OPERATORS: dict[str, Callable] = {"swap": _swaps, "constant": _constants, "exponent": _exponents,
                                  "flip": _flips, "drop": _drops}


def _definitions_used(exprs, where: dict) -> set:
    """The defined names (symbols or applications) ``exprs`` use, directly or through other definitions."""
    frontier, used = list(exprs), set()
    while frontier:
        expr = sp.sympify(frontier.pop())
        for k in where:
            if k not in used and isinstance(expr, sp.Basic) and expr.has(k):
                used.add(k)
                frontier.append(where[k])
    return used


def _used_definitions(statement: Statement) -> set:
    """The definitions the relation or a hypothesis uses: a definition nothing uses is no part of what
    the statement says, and an edit of it no mutant."""
    return _definitions_used([statement.relation, *statement.hypotheses], statement.where)


def _circular(where: dict) -> bool:
    """Some definition uses, directly or through others, the name it defines."""
    return any(k in _definitions_used([v], where) for k, v in where.items())


def mutants(statement: Statement, limit: int | None = DEFAULT_LIMIT, salt: str = "") -> list[Mutant]:
    """The mutants of ``statement``'s conclusion and of its definitions (``where``), deduplicated,
    in a fixed order; at most ``limit`` (a sample seeded by ``salt``). A reading of the note's notation
    (``f(omega(t)) -> f_t``, :attr:`Statement.readings`) is how checks evaluate it, not part of what the
    note states: it is not mutated (:func:`mutate_statement` mutates the statement with its readings
    applied, :meth:`Statement.as_checked`)."""
    used = _used_definitions(statement)
    parts = [(None, statement.relation)] + [(k, v) for k, v in statement.where.items()
                                            if k not in statement.readings and k in used]
    symbols = set().union(*(sp.sympify(p).free_symbols for _, p in parts))
    seen = {sp.srepr(statement.relation)}
    out: list[Mutant] = []
    for name, op in OPERATORS.items():
        for key, part in parts:
            edits = op(part, symbols) if name == "swap" else op(part)
            while True:
                try:
                    change, new = next(edits)
                except StopIteration:
                    break
                except Exception:          # an expression SymPy cannot rebuild after this edit
                    continue
                if isinstance(new, (bool, sp.logic.boolalg.BooleanAtom)):
                    continue
                if key is None:
                    changed = {"relation": new}
                else:
                    changed = {"where": {**statement.where, key: new}}
                    change = f"in the definition of {key}: {change}"
                    if _circular(changed["where"]):          # gamma = f(gamma): no longer a definition
                        continue
                ident = sp.srepr(new) + ("" if key is None else f"@{key}")
                if ident in seen:
                    continue
                seen.add(ident)
                try:
                    out.append(Mutant(name, change, dataclasses.replace(statement, **changed)))
                except (TypeError, ValueError):
                    continue
    if limit is not None and len(out) > limit:
        out = _spread(out, limit, np.random.default_rng(stable_hash("mutants", salt)))
    return out


def _spread(found: list[Mutant], limit: int, rng) -> list[Mutant]:
    """``limit`` mutants taken in turn from each operator (each operator's own in a seeded order),
    then restored to the order they were generated in."""
    groups = {}
    for i, mu in enumerate(found):
        groups.setdefault(mu.operator, []).append(i)
    queues = [list(rng.permutation(idx)) for idx in groups.values()]
    chosen = []
    while len(chosen) < limit:
        for q in queues:
            if q and len(chosen) < limit:
                chosen.append(int(q.pop(0)))
    return [found[i] for i in sorted(chosen)]


# ---------------------------------------------------------------------------------------------
# judging mutants
# ---------------------------------------------------------------------------------------------

def _nonnegative_form(rel):
    """``g`` with the relation saying ``g >= 0`` (or ``> 0``), or None for equations."""
    try:
        big, small = inequality_sides(rel)
    except TypeError:
        return None
    return big - small


SIMPLIFY_OPS = 120     # larger expressions are not rewritten at all: SymPy can take minutes on them
FULL_SIMPLIFY_OPS = 40  # sp.simplify (whose cost has no bound) only on expressions this small
SIGN_OPS = 80           # sign_nonnegative's own simplification cut-off
GROWTH = 4              # a rewrite that makes the expression this many times larger stops the rewriting
SMALL_OPS = 30          # sums, products, integrals and indexed symbols only in expressions this small

# Mutation statuses are decided by these operation budgets, never by a clock: the same statuses on
# every machine, in every thread. Sums, products, integrals and indexed symbols are left alone unless
# the expression is small (SymPy's simplification of sums over indexed symbols can run for minutes).
_OUT_OF_BUDGET = (sp.Sum, sp.Product, sp.Indexed, sp.Integral)


def _within_budget(expr, ops: int = SIMPLIFY_OPS) -> bool:
    try:
        size = sp.count_ops(expr)
        return size <= ops and (size <= SMALL_OPS or not expr.has(*_OUT_OF_BUDGET))
    except Exception:
        return False


_REWRITES = (sp.expand, sp.cancel, sp.factor_terms, lambda e: sp.expand_log(e, force=True), sp.powsimp,
             sp.radsimp, sp.expand)


def _simplifies_to_zero(expr) -> bool:
    """SymPy shows ``expr == 0`` within a fixed operation budget (False when it cannot): a fixed chain
    of rewrites, each stopped when it blows the expression up, then ``simplify`` on small expressions."""
    try:
        if expr == 0:
            return True
        if not _within_budget(expr):
            return False
        cap = GROWTH * sp.count_ops(expr) + 20
        current = expr
        for rewrite in _REWRITES:
            current = rewrite(current)
            if current == 0:
                return True
            if sp.count_ops(current) > cap or not _within_budget(current):
                break
        return _within_budget(expr, FULL_SIMPLIFY_OPS) and sp.simplify(expr) == 0
    except Exception:
        return False


def equivalent(original: Statement, mutant: Statement) -> bool:
    """The mutant is the original in another form: the same hypotheses, the same relation type, and
    the difference of the sides simplifies to 0."""
    a, b = original.conclusion, mutant.conclusion
    if type(a) is not type(b) or not isinstance(a, Relational) or original.hypotheses != mutant.hypotheses:
        return False
    try:
        difference = (a.lhs - a.rhs) - (b.lhs - b.rhs)
    except Exception:                      # O-terms, matrices against scalars: not shown equivalent
        return False
    return _simplifies_to_zero(difference)


def _shift_positive_integers(expr):
    """``expr`` with every positive integer symbol n written 1 + n' (n' a nonnegative integer), so
    that sign inference sees n >= 1 (``12 k - 1 > 0``, ``1/n - 1/n**2 >= 0``)."""
    subs = {s: 1 + sp.Dummy(f"{s}_1", integer=True, nonnegative=True)
            for s in expr.free_symbols if isinstance(s, sp.Symbol) and s.is_integer and s.is_positive}
    return expr.xreplace(subs) if subs else None


def _proves_nonnegative(g, hypotheses=(), strict: bool = False) -> bool:
    """sign_nonnegative within the operation budget (again with positive integers shifted to 1 + n'):
    expressions beyond it, or with hypotheses beyond it, are not proved."""
    if not _within_budget(g, SIGN_OPS) or not all(_within_budget(h, SIGN_OPS) for h in hypotheses):
        return False
    shifted = _shift_positive_integers(g)
    for candidate in (g,) if shifted is None else (g, shifted):
        try:
            if sign_nonnegative(candidate, hypotheses=hypotheses, strict=strict) is True:
                return True
        except Exception:
            continue
    try:
        return prove_nonnegative(g, hypotheses, strict) is not None
    except Exception:
        return False


# the sign of d(outer)/d(inner) for functions increasing on their domain
_INCREASING = (sp.exp, sp.asinh, sp.atan, sp.tanh, sp.erf)     # and log on the positive numbers
MONOTONE_DEPTH = 12


def _edit(a, b, depth: int = 0):
    """The path (argument indices) to the one place where ``a`` and ``b`` differ, and the two
    subexpressions there: the deepest node below which exactly one argument differs."""
    path = []
    while depth < MONOTONE_DEPTH and type(a) is type(b) and len(a.args) == len(b.args) and a.args and a != b:
        differ = [i for i, (x, y) in enumerate(zip(a.args, b.args)) if x != y]
        if len(differ) != 1:
            break
        path.append(differ[0])
        a, b = a.args[differ[0]], b.args[differ[0]]
        depth += 1
    return path, a, b


def _positive(expr, hypotheses) -> bool:
    return expr.is_positive is True or _proves_nonnegative(expr, hypotheses, strict=True)


def _direction(expr, other, path, hypotheses) -> int:
    """+1 when ``expr`` increases with the subexpression at ``path`` (every other argument held
    fixed) on the way to ``other`` (``expr`` edited below ``path``), -1 when it decreases, 0 when
    SymPy cannot tell: sums, products with factors of known sign, powers with constant exponents of
    bases positive in both, increasing functions, a binomial coefficient's upper integer."""
    sign = 1
    node = expr
    for i in path:
        child, other = node.args[i], other.args[i]
        if isinstance(node, sp.Add):
            pass
        elif isinstance(node, sp.Mul):
            rest = sp.Mul(*(a for j, a in enumerate(node.args) if j != i))
            if _proves_nonnegative(rest, hypotheses):          # non-decreasing is enough
                pass
            elif _proves_nonnegative(-rest, hypotheses):
                sign = -sign
            else:
                return 0
        elif isinstance(node, sp.Pow) and i == 0 and node.exp.is_number and node.exp.is_real:
            if not (_positive(child, hypotheses) and _positive(other, hypotheses)):
                return 0
            if node.exp.is_negative:
                sign = -sign
        elif isinstance(node, sp.Pow) and i == 1:
            base = node.base
            if _proves_nonnegative(base - 1, hypotheses):
                pass
            elif _positive(base, hypotheses) and _proves_nonnegative(1 - base, hypotheses):
                sign = -sign
            else:
                return 0
        elif isinstance(node, sp.log):
            if not (_positive(child, hypotheses) and _positive(other, hypotheses)):
                return 0             # increasing on the positive numbers only
        elif isinstance(node, _INCREASING):
            if not (child.is_extended_real and other.is_extended_real):
                return 0
        elif isinstance(node, sp.binomial) and i == 0:
            # C(n, k) grows with the integer n once n >= k >= 0 (C(n + 1, k) = C(n, k) (n + 1)/(n + 1 - k))
            k = node.args[1]
            if not all(x.is_integer for x in (child, other, k)) or not \
                    all(_proves_nonnegative(x, hypotheses) for x in (k, child - k, other - k)):
                return 0
        else:
            return 0
        node = child
    return sign


def _grows(old, new, hypotheses) -> bool:
    """SymPy proves ``new >= old``: their difference, or for two powers of one base their exponents
    (a base >= 1 grows with its exponent, a base in (0, 1] shrinks)."""
    if isinstance(old, sp.Pow) and isinstance(new, sp.Pow) and old.base == new.base:
        up = new.exp - old.exp
        if _proves_nonnegative(old.base - 1, hypotheses) and _proves_nonnegative(up, hypotheses):
            return True
        if _positive(old.base, hypotheses) and _proves_nonnegative(1 - old.base, hypotheses) and \
                _proves_nonnegative(-up, hypotheses):
            return True
    try:
        return _proves_nonnegative(new - old, hypotheses)
    except Exception:
        return False


def _monotone_implies(stronger, weaker_rel, hypotheses) -> bool:
    """``g >= 0`` implies ``g' >= 0`` when g' is g with one subexpression u replaced by u' and g
    increases with u where u' >= u (decreases where u' <= u): the sign of the edit and the direction
    of its context are proved separately, which SymPy manages where the difference g' - g defeats it."""
    g, g2 = _nonnegative_form(stronger), _nonnegative_form(weaker_rel)
    if g is None or g2 is None or (isinstance(weaker_rel, _STRICT) and not isinstance(stronger, _STRICT)):
        return False
    path, old, new = _edit(g, g2)
    if old == new or not isinstance(old, sp.Expr) or not isinstance(new, sp.Expr):
        return False
    direction = _direction(g, g2, path, hypotheses)
    if direction == 1:
        return _grows(old, new, hypotheses)
    if direction == -1:
        return _grows(new, old, hypotheses)
    return False


_STRICT = (sp.StrictLessThan, sp.StrictGreaterThan)
_INEQUALITIES = (sp.LessThan, sp.StrictLessThan, sp.GreaterThan, sp.StrictGreaterThan)
CHAIN_DEPTH = 3         # relations chained (a <= b <= c <= d) to imply a mutant's conjunct
CHAIN_PAIRS = 24        # at most this many chained relations are compared with a conjunct


def _probability_bound(rel):
    """``(event, bound, lower)`` of ``Pr[event] >= bound`` (lower) or ``Pr[event] <= bound``; None
    for any other relation."""
    if not isinstance(rel, _INEQUALITIES):
        return None
    big, small = inequality_sides(rel)
    if isinstance(big, Prob) and not small.has(Prob):
        return big.args[0], small, True
    if isinstance(small, Prob) and not big.has(Prob):
        return small.args[0], big, False
    return None


def _implies_probability(stronger, weaker_rel, hypotheses) -> bool:
    """``Pr[E] >= p`` implies ``Pr[E'] >= p'`` when E implies E' and p >= p' (upper bounds the
    other way round: E' implies E and p <= p'). Strict bounds are not compared."""
    a, b = _probability_bound(stronger), _probability_bound(weaker_rel)
    if a is None or b is None or a[2] != b[2] or isinstance(stronger, _STRICT) or isinstance(weaker_rel, _STRICT):
        return False
    (e, p, lower), (e2, p2, _) = a, b
    if not (_relation_implies(e, e2, hypotheses) if lower else _relation_implies(e2, e, hypotheses)):
        return False
    if p == p2:
        return True
    x = sp.Dummy("probability", real=True)        # x >= p implies x >= p2 exactly when p >= p2
    return _relation_implies(sp.Ge(x, p), sp.Ge(x, p2), hypotheses) if lower else \
        _relation_implies(sp.Le(x, p), sp.Le(x, p2), hypotheses)


def _relation_implies(stronger, weaker_rel, hypotheses=()) -> bool:
    """SymPy proves ``stronger => weaker_rel`` for two relations (no conjunctions): the same relation,
    an always-true one, an equation read as two inequalities, probability bounds, or two inequalities
    ``g' >= 0`` and ``g >= 0`` with ``g' - g >= 0`` proved, or ``g' - c g >= 0`` for c in :data:`SCALES`
    (strictness of the weaker one needs a strict proof)."""
    if stronger == weaker_rel or _always(weaker_rel):
        return True
    if isinstance(stronger, sp.Eq) and isinstance(weaker_rel, sp.Eq):
        return {stronger.lhs, stronger.rhs} == {weaker_rel.lhs, weaker_rel.rhs}
    if isinstance(stronger, sp.Eq) and isinstance(weaker_rel, _INEQUALITIES):
        if not all(isinstance(x, sp.Expr) for x in stronger.args):
            return False
        return any(_relation_implies(half, weaker_rel, hypotheses)
                   for half in (sp.Ge(stronger.lhs, stronger.rhs, evaluate=False),
                                sp.Le(stronger.lhs, stronger.rhs, evaluate=False)))
    if _probability_bound(stronger) is not None or _probability_bound(weaker_rel) is not None:
        return _implies_probability(stronger, weaker_rel, hypotheses)
    g_strong, g_weak = _nonnegative_form(stronger), _nonnegative_form(weaker_rel)
    if g_strong is None or g_weak is None:
        return False
    strict = isinstance(weaker_rel, _STRICT) and not isinstance(stronger, _STRICT)
    try:
        difference = g_weak - g_strong
    except Exception:
        return False
    if any(_proves_nonnegative(difference, hyp, strict) for hyp in ((), hypotheses)):   # without hypotheses first
        return True
    if _monotone_implies(stronger, weaker_rel, hypotheses):
        return True
    # g' = c g + (g' - c g) for a number c > 0: g >= 0 and g' - c g >= 0 give g' >= 0 (a bound doubled
    # or halved with the quantity it bounds nonnegative: T <= A implies T <= 2 A when T >= 0)
    return any(_proves_nonnegative(g_weak - c * g_strong, hyp, strict) for c in SCALES for hyp in ((), hypotheses))


SCALES = (sp.Integer(2), sp.Rational(1, 2))     # the factors of the scaled implication (the mutants' own)


def _conjuncts(rel) -> tuple:
    return tuple(rel.args) if isinstance(rel, sp.And) else (rel,)


def _chains(relations) -> list[tuple]:
    """``(small, big, strict)`` for every chain ``a <= b <= c`` of two or more of ``relations``
    (inequalities, and equations read both ways; sides matched structurally), up to CHAIN_DEPTH
    links and CHAIN_PAIRS chains, in a fixed order."""
    links = []
    for r in relations:
        if isinstance(r, _INEQUALITIES) and _probability_bound(r) is None:
            big, small = inequality_sides(r)
            links.append((small, big, isinstance(r, _STRICT)))
        elif isinstance(r, sp.Eq) and all(isinstance(x, sp.Expr) for x in r.args):
            links += [(r.lhs, r.rhs, False), (r.rhs, r.lhs, False)]
    chains, frontier = [], links
    for _ in range(CHAIN_DEPTH - 1):
        grown = []
        for a, b, s in frontier:
            for c, d, t in links:
                if b == c and a != d and not any((a, d) == x[:2] for x in chains + grown):
                    grown.append((a, d, s or t))
        chains += grown
        frontier = grown
        if len(chains) >= CHAIN_PAIRS:
            break
    return chains[:CHAIN_PAIRS]


def _implies(stronger, weaker_rel, hypotheses=()) -> bool:
    """SymPy proves ``stronger => weaker_rel``, where either may be a conjunction: every conjunct of
    the weaker one holds on its own, or follows from one conjunct of the stronger one or from a chain
    of them (``a <= b`` and ``b <= c`` give ``a <= c``)."""
    strong = _conjuncts(stronger)
    chained = None
    for w in _conjuncts(weaker_rel):
        if any(_relation_implies(s, w, hypotheses) for s in strong):
            continue
        if chained is None:
            chained = _chains(strong) if len(strong) > 1 else []
        if any(_relation_implies(sp.Lt(a, b, evaluate=False) if strict else sp.Le(a, b, evaluate=False), w, hypotheses)
               for a, b, strict in chained):
            continue
        return False
    return True


def _always(rel) -> bool:
    """SymPy proves the relation on its own (``n >= n``, ``Eq(b, b)``; a conjunction conjunct by conjunct)."""
    if isinstance(rel, sp.And):
        return all(_always(r) for r in rel.args)
    if isinstance(rel, sp.Eq):
        return _simplifies_to_zero(rel.lhs - rel.rhs)
    if _probability_bound(rel) is not None:
        return False
    g = _nonnegative_form(rel)
    return g is not None and _proves_nonnegative(g, strict=isinstance(rel, _STRICT))


def weaker(original: Statement, mutant: Statement) -> bool:
    """SymPy proves that the original implies the mutant: the mutant is always true, or its
    conclusion follows from the original's and each of its hypotheses implies the original's (False
    when SymPy fails on the expressions: nothing is proved)."""
    try:
        return _weaker(original, mutant)
    except Exception:
        return False


def _weaker(original: Statement, mutant: Statement) -> bool:
    if _always(mutant.conclusion):
        return True
    h0, h1 = original.hypotheses, mutant.hypotheses
    if len(h0) != len(h1) or not all(_implies(b, a) for a, b in zip(h0, h1)):
        return False
    return _implies(original.conclusion, mutant.conclusion, h0)


SURVIVAL_REASONS = {
    "undecided": "the checks do not decide the mutant (inconclusive): no instance or proof settles it",
    "stronger": "SymPy proves the mutant implies the original: a stronger statement that held on every instance "
                "the checks searched (the original holds there with room, or the checks do not reach where it is tight)",
    "unrelated": "neither implies the other as far as SymPy proves, and every instance the checks searched "
                 "satisfies the mutant",
}


def _statement_provers() -> tuple:
    from ..checks.numeric import OrderFit
    from ..checks.symbolic import Identity, Inequality
    return Identity, Inequality, OrderFit


def proved_as_written(result, checks) -> bool:
    """The checks accept the statement they ran on (proved or supported) and one of them proves it by
    a symbolic proof of the statement as written: an engine check that reads the statement itself (an
    identity or series simplified to 0, an inequality's sign from SymPy or from interval arithmetic on
    the statement's region, an explicit order) holds symbolically. Other checks holding numerically
    beside it do not weaken that proof. A proof through a hand-written derivation, or by a check
    defined outside the engine, does not count."""
    if result.verdict.value not in ("proved", "supported"):
        return False
    provers = {c.name for c in checks if isinstance(c, _statement_provers())}
    return any(r.check in provers and r.kind == SYMBOLIC and r.outcome == Outcome.HOLDS for r in result.checks)


def survival_reason(original: Statement, mutant: Statement, verdict: str) -> str:
    """Why a mutant survived, computed: the checks left it undecided, or it is stronger than the
    original (SymPy proves mutant => original), or neither (a key of SURVIVAL_REASONS)."""
    if verdict in UNDECIDED_VERDICTS:
        return "undecided"
    try:
        return "stronger" if _weaker(mutant, original) else "unrelated"
    except Exception:
        return "unrelated"


def _memoized(check):
    """The check with its simulation memoized: mutants of one statement share the simulated
    instances, so only the statement's evaluation is repeated."""
    fields = {f.name for f in dataclasses.fields(check)} if dataclasses.is_dataclass(check) else set()
    changes = {}
    for name in ("simulate", "sample"):
        if name in fields and callable(getattr(check, name)):
            changes[name] = functools.lru_cache(maxsize=None)(getattr(check, name))
    return dataclasses.replace(check, **changes) if changes else check


def _text(statement: Statement) -> str:
    text = sp.sstr(statement.relation)
    if statement.where:
        text += " where " + ", ".join(f"{k} = {sp.sstr(v)}" for k, v in statement.where.items())
    return text


UNDECIDED_VERDICTS = ("inconclusive", "error")
FLAGGED_VERDICTS = ("refuted", "gap", "loose")


def mutate_statement(claim: Claim, target: str, seed: int, budget: Budget, limit: int | None) -> dict:
    """Run the claim's checks on the original and on each mutant of one of its statements. Nothing
    is judged when the checks do not decide the original (inconclusive or error)."""
    # readings applied (Statement.as_checked): an edit inside the note's notation that a reading names
    # (a sup, a norm of a simulated path) would leave a statement no check can evaluate
    statement = (claim.statement if target == "statement" else claim.correction.statement).as_checked()
    checks = tuple(_memoized(c) for c in all_checks(claim, target))
    original = run_checks(statement, checks, seed, budget, claim.id, target)
    out = {"target": target, "verdict": original.verdict.value, "mutants": []}
    if original.verdict.value in UNDECIDED_VERDICTS:
        out["skipped"] = f"the checks do not decide the original ({original.verdict.value})"
        return out
    for m in mutants(statement, limit, salt=f"{claim.id}/{target}/{seed}"):
        row = {"operator": m.operator, "change": m.change, "mutant": _text(m.statement)}
        if equivalent(statement, m.statement):
            out["mutants"].append({**row, "status": "equivalent"})
            continue
        result = run_checks(m.statement, checks, seed, budget, claim.id, target)
        killers = [r.check for r in result.checks if r.outcome in FLAGS]
        if result.verdict.value in FLAGGED_VERDICTS:
            status = "killed"
        elif result.verdict.value == "error":
            status = "error"
        elif weaker(statement, m.statement):
            status = "weaker"
        elif proved_as_written(result, checks):
            status = "true"
        else:
            status = "survived"
        judged = {**row, "status": status, "verdict": result.verdict.value, "killed_by": killers}
        if status == "survived":
            judged["reason"] = survival_reason(statement, m.statement, result.verdict.value)
        out["mutants"].append(judged)
    return out


def mutate_claim(claim: Claim, seed: int, budget: Budget, limit: int | None = DEFAULT_LIMIT) -> dict:
    targets = ["statement"] + (["correction"] if claim.correction is not None else [])
    return {"targets": [mutate_statement(claim, t, seed, budget, limit) for t in targets]}


# ---------------------------------------------------------------------------------------------
# many claims
# ---------------------------------------------------------------------------------------------

def mutate_work(claim: Claim, settings: RunSettings, limit: int | None = DEFAULT_LIMIT) -> dict:
    """The work of a mutation run (:func:`mutate_claim` under the run's settings), for the executors."""
    return mutate_claim(claim, settings.seed, settings.budget, limit)


MUTATION_SETTINGS = RunSettings(timeout=600.0)     # mutants take longer than a claim: ten minutes each


def run_mutation(claims: Sequence[Claim], settings: RunSettings = MUTATION_SETTINGS, *,
                 limit: int | None = DEFAULT_LIMIT, progress: Callable[[str, dict], None] | None = None,
                 executor=None) -> list[dict]:
    """Mutation results per claim (in the claims' order): each claim's mutants in a forked child, or
    as a task of ``executor`` (:mod:`verify.run.executors`, e.g. Dask) with the same results."""
    out: list[dict | None] = [None] * len(claims)

    def finished(index: int, payload: dict, seconds: float, done: int) -> None:
        out[index] = {"id": claims[index].id, **payload}
        if progress is not None:
            progress(claims[index].id, out[index])

    work = functools.partial(mutate_work, limit=limit)
    if executor is None:
        map_claims(claims, work, settings, finished)
    else:
        executor.map(claims, work, settings, finished)
    return out
