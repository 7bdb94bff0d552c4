"""Scaling (dimensional) analysis: every term of a statement must transform the same way under the
independent rescalings of its setting.

A note declares its scalings once (:class:`Scaling`): the independent scales of its setting (for
instance parameters W, model outputs Y, loss values G, time T, data X), each a positive SymPy symbol
with a description, and the scaling dimension of each symbol as a monomial in those scales
(``alpha: Y/W``, ``kappa: 1``, ``t: W**2/G``). Exponents may be symbolic (``Y**D``).

The analysis is what a physicist does with units: both sides of each relation, every term of a sum,
the arguments of ``Max``/``Min`` and the entries of a matrix must scale alike; the arguments of
``exp``, ``log``, ``arccos`` and other transcendental functions must be scale-free. A mismatch is a
:class:`Violation` naming the offending terms and the rescaling under which they part. Hypotheses
that are not scale-free (``Norm(x) = 1``, ``||x|| <= 1``, a threshold) pin a direction of rescaling, as
do scales a claim declares ``fixed``; a mismatch along pinned directions only is *absorbed* and reported as such.
Symbols with no declared dimension are reported, never guessed; the terms they touch go unchecked.

The notes' notation (:class:`verify.core.notation.Notation`) declares how it scales, class by class
(``_scaling_dim``): a norm or an extreme eigenvalue as its argument, x^T A y as the product x A y, a
Rayleigh quotient as its matrix (its directions need no dimension), a rank and a probability scale-free,
W_0 of a scale-free argument. A setting may still declare a function by name, which overrides its class.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.core.relational import Relational

from ..core.model import SCALING, CheckResult, Context, Outcome, Statement
from ..core.notation import Notation
from ..core.text import say

Dim = dict                   # scale name -> exponent (SymPy expression); {} is scale-free
ANY = None                   # unknown: an undeclared symbol, an O-term, or zero (matches anything)

# functions whose argument must be scale-free and whose value is scale-free
TRANSCENDENTAL = (sp.exp, sp.log, sp.sin, sp.cos, sp.tan, sp.cot, sp.sinh, sp.cosh, sp.tanh, sp.coth,
                  sp.asin, sp.acos, sp.atan, sp.asinh, sp.acosh, sp.atanh, sp.erf, sp.erfc, sp.gamma,
                  sp.loggamma, sp.LambertW, sp.floor, sp.ceiling, sp.factorial, sp.binomial)
# functions of any argument whose value is scale-free (they are homogeneous of degree zero)
SCALE_FREE_VALUE = (sp.sign, sp.Heaviside)
# functions whose value scales as their (single or first) argument
LIKE_ARGUMENT = (sp.Abs, sp.re, sp.im, sp.conjugate, sp.transpose, sp.adjoint)


def _monomial(value, scales: Mapping[str, sp.Symbol], owner: str) -> Dim:
    """A declared dimension (1, a monomial in the scale symbols, or a dict name -> exponent)."""
    if isinstance(value, Mapping):
        out = {str(k): sp.sympify(v) for k, v in value.items()}
    else:
        expr = sp.sympify(value)
        out = {}
        for base, exp in expr.as_powers_dict().items():
            if base == 1 or (base.is_number and base.is_positive):
                continue
            if not isinstance(base, sp.Symbol):
                raise ValueError(f"dimension of {owner} must be a monomial in the scales, got {value}")
            out[base.name] = out.get(base.name, 0) + exp
    for k in out:
        if k not in scales:
            raise ValueError(f"dimension of {owner} uses {k}, which is not a declared scale "
                             f"({', '.join(scales) or 'none declared'})")
    return _clean(out)


def _clean(d: Dim) -> Dim:
    return {k: sp.nsimplify(v) if isinstance(v, float) else v for k, v in sorted(d.items())
            if not _zero_exponent(v)}


def _zero_exponent(v) -> bool:
    """An exponent of a dimension that is zero, possibly only after simplification."""
    v = sp.sympify(v)
    return v == 0 if v.is_number else sp.simplify(v) == 0


def _key(k) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, sp.Symbol):
        return k.name
    if isinstance(k, type) and issubclass(k, sp.Function):     # an undefined function y, as y(t)
        return k.__name__
    if isinstance(k, AppliedUndef):
        return k.func.__name__
    raise TypeError(f"a scaling dimension is declared for a symbol, a function or a name, not {k!r}")


@dataclass(frozen=True)
class Scaling:
    """The independent scales of a note's setting and the scaling dimension of each symbol.

    ``scales`` maps each scale symbol to what it rescales; ``dims`` maps symbols (or undefined
    functions, or names) to monomials in the scales; ``fixed`` names scales pinned by the note's
    normalisation for the claims that use this declaration (see :meth:`fixing`)."""
    scales: Mapping
    dims: Mapping
    fixed: tuple = ()
    why_fixed: str = ""
    _scales: dict = field(init=False, repr=False, compare=False)
    _dims: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        scales = {}
        for s, what in dict(self.scales).items():
            if not isinstance(s, sp.Symbol):
                raise TypeError(f"scales are SymPy symbols, got {s!r}")
            scales[s.name] = str(what)
        object.__setattr__(self, "_scales", scales)
        object.__setattr__(self, "_dims", {_key(k): _monomial(v, scales, _key(k)) for k, v in dict(self.dims).items()})
        fixed = tuple(f.name if isinstance(f, sp.Symbol) else str(f) for f in self.fixed)
        for f in fixed:
            if f not in scales:
                raise ValueError(f"fixed scale {f} is not a declared scale ({', '.join(scales)})")
        object.__setattr__(self, "fixed", fixed)

    def fixing(self, *scales, why: str) -> "Scaling":
        """The same declaration with ``scales`` pinned (a normalisation such as unit-norm inputs)."""
        return replace(self, fixed=tuple(dict.fromkeys(self.fixed + tuple(scales))), why_fixed=why)

    def with_dims(self, dims: Mapping) -> "Scaling":
        """The same scales with more (or overriding) symbol dimensions, for one claim."""
        return replace(self, dims={**dict(self.dims), **dict(dims)})

    def describe(self, scale: str) -> str:
        return f"{scale} ({self._scales[scale]})"

    def dim_of(self, name: str):
        return self._dims.get(name, ANY)

    def declared(self, name: str) -> bool:
        return name in self._dims


# ---------------------------------------------------------------------------------------------
# the analysis
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Violation:
    """Two parts of a statement that scale differently (or a transcendental function of a scaled
    argument): ``first`` scales as ``first_dim``, ``second`` as ``second_dim``."""
    where: str
    first: str
    first_dim: str
    second: str
    second_dim: str
    breaks_under: str
    absorbed: str = ""

    def __str__(self) -> str:
        return str(self.said())

    def said(self):
        """The violation as a text, its expressions as math (``where``, ``first`` and ``second`` are
        texts made by :func:`verify.core.text.say` when the analysis records them)."""
        return say(self.where, ": ", self.first, f" scales as {self.first_dim} but ", self.second,
                   f" as {self.second_dim}; they part under {self.breaks_under}",
                   f" (absorbed: {self.absorbed})" if self.absorbed else "")


def dim_text(d) -> str:
    if d is ANY:
        return "?"
    if not d:
        return "1"
    return "*".join(k if v == 1 else f"{k}^{sp.sstr(v)}" for k, v in d.items())


def _sub(a: Dim, b: Dim) -> Dim:
    keys = sorted(set(a) | set(b))
    return _clean({k: sp.simplify(a.get(k, 0) - b.get(k, 0)) for k in keys})


def _add(a: Dim, b: Dim, times=1) -> Dim:
    keys = sorted(set(a) | set(b))
    return _clean({k: sp.expand(a.get(k, 0) + times * b.get(k, 0)) for k in keys})


class _Analysis:
    """One walk over one statement; collects violations, undeclared names and pinning hypotheses."""

    def __init__(self, scaling: Scaling, statement: Statement):
        self.scaling = scaling
        self.where = {_key(k): v for k, v in statement.where.items()}
        self.violations: list[tuple[Violation, Dim]] = []
        self.undeclared: set[str] = set()
        self.pins: list[tuple[str, Dim]] = []
        self._expanding: set[str] = set()
        self._context = "statement"

    # -- the dimension of an expression ---------------------------------------------------------
    def dim(self, e) -> Any:
        if isinstance(e, (int, float)) or (isinstance(e, sp.Basic) and e.is_number and not e.has(sp.Order)):
            return {}
        if isinstance(e, sp.MatrixBase):
            return self._alike(list(e), "entries of a matrix")
        if isinstance(e, sp.Order):
            return ANY
        if isinstance(e, sp.Symbol):
            return self._symbol(e.name)
        if isinstance(e, AppliedUndef):
            return self._symbol(e.func.__name__)
        if isinstance(e, sp.Add):
            return self._alike(e.args, "terms of a sum")
        if isinstance(e, sp.Mul):
            return self.product(*[self.dim(a) for a in e.args])
        if isinstance(e, sp.Pow):
            base, exp = e.args
            self._scale_free(exp, "exponent", e)
            d = self.dim(base)
            if d is ANY:
                return ANY
            return _clean({k: sp.expand(v * exp) for k, v in d.items()})
        if isinstance(e, (sp.Max, sp.Min)):
            return self._alike(e.args, f"arguments of {type(e).__name__}")
        if isinstance(e, sp.Piecewise):
            for _, cond in e.args:
                self.relation(cond)
            # a branch is compared where its condition holds: Eq(p, 0) puts p = 0 into it
            branches = [v.subs(cond.lhs, cond.rhs) if isinstance(cond, sp.Eq) and isinstance(cond.lhs, sp.Symbol)
                        else v for v, cond in e.args]
            return self._alike(branches, "branches of a piecewise expression")
        if isinstance(e, sp.Derivative):
            d = self.dim(e.expr)
            for var, k in e.variable_count:
                dv = self.dim(var)
                if d is ANY or dv is ANY:
                    return ANY
                d = _add(d, dv, times=-k)
            return d
        if isinstance(e, sp.Integral):
            d = self.dim(e.function)
            for lim in e.limits:
                dv = self.dim(lim[0])
                if len(lim) == 3:
                    self._alike([lim[0], lim[1], lim[2]], "variable and limits of an integral")
                if d is ANY or dv is ANY:
                    return ANY
                d = _add(d, dv)
            return d
        if isinstance(e, (sp.Sum, sp.Product)):
            return self.dim(e.function) if isinstance(e, sp.Sum) else self._scale_free(e.function, "factor", e)
        if isinstance(e, sp.Limit):
            return self.dim(e.args[0])
        if isinstance(e, sp.Subs):
            return self.dim(e.expr)
        if isinstance(e, (Relational, sp.logic.boolalg.Boolean)) and not isinstance(e, sp.Symbol):
            self.relation(e)
            return {}
        if isinstance(e, Notation):
            return self._notation(e)
        if isinstance(e, SCALE_FREE_VALUE):
            return {}
        if isinstance(e, TRANSCENDENTAL):
            for a in e.args:
                self._scale_free(a, f"argument of {type(e).__name__}", e)
            return {}
        if isinstance(e, LIKE_ARGUMENT):
            return self.dim(e.args[0])
        if isinstance(e, sp.Function):
            return self._notation(e)
        return ANY

    def _notation(self, e):
        """A function declared by name in the setting, else a :class:`~verify.core.notation.Notation`
        by its own rule (``_scaling_dim``), else undeclared."""
        name = type(e).__name__
        if self.scaling.declared(name):
            return self.scaling.dim_of(name)
        if isinstance(e, Notation):
            d = e._scaling_dim(self)
            if d is not NotImplemented:
                return d
        self.undeclared.add(f"{name}(...)")
        return ANY

    # -- what a notation's scaling rule uses (see verify.core.notation.Notation._scaling_dim) ------
    def product(self, *dims):
        """The dimension of a product of factors of dimensions ``dims`` (unknown if one is)."""
        if any(d is ANY for d in dims):
            return ANY
        out = {}
        for d in dims:
            out = _add(out, d)
        return out

    def scale_free(self, e, what: str, parent):
        """``e`` must be scale-free (a violation names it as the ``what`` of ``parent``)."""
        return self._scale_free(e, what, parent)

    def direction(self, e):
        """An argument the value is homogeneous of degree 0 in (a direction of a Rayleigh quotient, the
        matrix of a rank): its own scale does not matter, so a bare symbol needs no declared dimension;
        a compound one must still be consistent within itself."""
        if not isinstance(e, (sp.Symbol, AppliedUndef)):
            self.dim(e)

    def _symbol(self, name: str):
        expanding = name in self._expanding          # a definition that refers to itself: unknown there
        if self.scaling.declared(name):
            d = self.scaling.dim_of(name)
            if name in self.where and not expanding:     # a definition must agree with the declaration
                self._expanding.add(name)
                try:
                    self._compare(sp.Symbol(name), d, self.where[name], self.dim(self.where[name]), f"definition of {name}")
                finally:
                    self._expanding.discard(name)
            return d
        if name in self.where and not expanding:
            self._expanding.add(name)
            try:
                return self.dim(self.where[name])
            finally:
                self._expanding.discard(name)
        if not expanding:
            self.undeclared.add(name)
        return ANY

    def _alike(self, parts, what: str):
        known = [(p, d) for p in parts if (d := self.dim(p)) is not ANY and not _is_zero(p)]
        if not known:
            return ANY
        first, fd = known[0]
        for p, d in known[1:]:
            if self._compare(first, fd, p, d, what):
                break
        return fd

    def _scale_free(self, e, what: str, parent):
        d = self.dim(e)
        if d is not ANY and d:
            self._record(Violation(say(what, " of ", parent), say(e), dim_text(d), "a scale-free quantity", "1",
                                   self._breaks(d)), d)
        return {}

    def _compare(self, a, da, b, db, what: str) -> bool:
        """Record a violation when ``a`` and ``b`` scale differently; True if one was recorded."""
        if da is ANY or db is ANY:
            return False
        diff = _sub(da, db)
        if not diff:
            return False
        self._record(Violation(say(self._context, ": ", what), say(a), dim_text(da), say(b), dim_text(db),
                               self._breaks(diff)), diff)
        return True

    def _breaks(self, diff: Dim) -> str:
        return "; ".join(f"{self.scaling.describe(k)} -> c {k} (ratio c^{sp.sstr(v)})" for k, v in diff.items())

    def _record(self, v: Violation, diff: Dim):
        self.violations.append((v, diff))

    # -- relations --------------------------------------------------------------------------------
    def relation(self, r):
        if isinstance(r, Relational):
            lhs, rhs = r.lhs, r.rhs
            if _is_zero(lhs) or _is_zero(rhs):
                self.dim(lhs), self.dim(rhs)
                return
            self._compare(lhs, self.dim(lhs), rhs, self.dim(rhs), "the two sides")
        elif isinstance(r, (sp.And, sp.Or, sp.Not, sp.Implies, sp.Equivalent)):
            for a in r.args:
                self.relation(a)
        elif getattr(r, "compares_sides", False):
            # a relation SymPy has no class for (\lesssim, \sim, \to of the LaTeX front end): its sides compare
            self._compare(r.lhs, self.dim(r.lhs), r.rhs, self.dim(r.rhs), "the two sides")
        elif isinstance(r, sp.logic.boolalg.Boolean):
            return      # a predicate relating no two quantities (x in S, Contains): nothing to compare
        elif isinstance(r, sp.Basic):
            self.dim(r)

    def hypothesis(self, h, index: int):
        """A hypothesis that is not scale-free (``Norm(x) = 1``, ``||x|| <= 1``, a threshold) restricts
        the statement to instances that do not rescale freely: it pins the directions in which its
        sides part, and is reported. An implication with such a hypothesis can be true although its
        conclusion is not homogeneous (``||x|| <= 1`` gives ``||x||^2 <= ||x||``)."""
        self._context = f"hypothesis {index + 1}"
        for r in _relations_in(h):
            if _is_zero(r.lhs) or _is_zero(r.rhs):
                self.dim(r.lhs), self.dim(r.rhs)
                continue
            dl, dr = self.dim(r.lhs), self.dim(r.rhs)
            if dl is not ANY and dr is not ANY and _sub(dl, dr):
                self.pins.append((sp.sstr(r), _sub(dl, dr)))


def _relations_in(h) -> list:
    if isinstance(h, Relational):
        return [h]
    if isinstance(h, (sp.And, sp.Or)):
        return [r for a in h.args for r in _relations_in(a)]
    return []


def _is_zero(e) -> bool:
    """A term or side of a relation that is the number 0 (it has every dimension)."""
    return isinstance(e, sp.Basic) and e.is_zero is True


def _absorbed(diff: Dim, pins: list[Dim]) -> bool:
    """True when the mismatch ``diff`` lies in the span of the pinned directions."""
    if not pins:
        return False
    keys = sorted(set(diff).union(*pins))
    A = sp.Matrix([[p.get(k, 0) for k in keys] for p in pins]).T
    b = sp.Matrix([diff.get(k, 0) for k in keys])
    return A.rank(simplify=True) == A.row_join(b).rank(simplify=True)


@dataclass
class ScalingReport:
    violations: list[Violation]
    absorbed: list[Violation]
    undeclared: list[str]
    pins: list[str]

    def to_json(self) -> dict:
        return {"violations": [str(v) for v in self.violations], "absorbed": [str(v) for v in self.absorbed],
                "undeclared": self.undeclared, "pinned_by": self.pins}


def analyse(statement: Statement, scaling: Scaling) -> ScalingReport:
    """Scaling analysis of a statement (as written: definitions are checked, not substituted; readings of
    the note's notation, :attr:`Statement.readings`, are applied: the quantities they name are those
    the scaling table declares)."""
    statement = statement.as_checked()
    a = _Analysis(scaling, statement)
    for i, h in enumerate(statement.assuming):
        a.hypothesis(h, i)
    a._context = "conclusion"
    a.relation(statement.relation)
    pins = [d for _, d in a.pins] + [{f: sp.Integer(1)} for f in scaling.fixed]
    pin_text = [f"{h} (pins {dim_text(d)})" for h, d in a.pins] + \
               [f"{scaling.describe(f)} fixed: {scaling.why_fixed}" for f in scaling.fixed]
    violations, absorbed, seen = [], [], set()
    for v, diff in a.violations:
        if str(v) in seen:
            continue
        seen.add(str(v))
        if _absorbed(diff, pins):
            absorbed.append(replace(v, absorbed="; ".join(pin_text)))
        else:
            violations.append(v)
    return ScalingReport(violations, absorbed, sorted(a.undeclared), pin_text)


@dataclass(frozen=True)
class ScalingCheck:
    """The automatic check the runner adds to every claim that declares scalings."""
    scaling: Scaling
    name: str = SCALING
    kind: str = SCALING

    def run(self, statement: Statement, ctx: Context) -> CheckResult:
        r = analyse(statement, self.scaling)
        evidence = r.to_json()
        if r.violations:
            return CheckResult(self.name, self.kind, Outcome.FAILS,
                               say("not scale-consistent: ", r.violations[0].said(),
                                   f" (and {len(r.violations) - 1} more)" if len(r.violations) > 1 else ""), evidence)
        if r.undeclared:
            return CheckResult(self.name, self.kind, Outcome.UNDECIDED,
                               f"no scaling declared for {', '.join(r.undeclared)}; terms with them were not checked",
                               evidence)
        text = "every relation and sum scales consistently"
        if r.absorbed:
            text += f"; {len(r.absorbed)} mismatch(es) absorbed by the normalisation ({r.absorbed[0].absorbed})"
        return CheckResult(self.name, self.kind, Outcome.HOLDS, text, evidence)
