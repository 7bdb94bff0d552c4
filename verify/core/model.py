"""The claim model: plain value objects for claims, statements, checks' results and verdicts.

A claim holds a statement *as written* in its note; checks decide whether it holds. Nothing in this
module decides anything: verdicts are computed from check results in :mod:`verify.core.verdict`.
"""
from __future__ import annotations

import enum
import hashlib
import functools
import re
import shlex
import dataclasses
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Protocol, runtime_checkable

import numpy as np
import sympy as sp

from . import text as _text
from .notetext import math_of


class Verdict(str, enum.Enum):
    PROVED = "proved"              # a symbolic derivation closes
    SUPPORTED = "supported"        # numeric evidence only, no counterexample at the stated confidence
    REFUTED = "refuted"            # counterexample or symbolic disproof of the statement as written
    GAP = "gap"                    # the written proof does not deliver the statement
    LOOSE = "loose"                # true, but the derivation gives a strictly better constant or rate
    INCONCLUSIVE = "inconclusive"
    ERROR = "error"


class Outcome(str, enum.Enum):
    """What one check says about one statement."""
    HOLDS = "holds"
    FAILS = "fails"          # the statement is false (counterexample or disproof)
    GAP = "gap"              # the derivation does not deliver the statement
    LOOSE = "loose"          # the derivation delivers strictly more than the statement
    UNDECIDED = "undecided"
    ERROR = "error"


class CheckKind(enum.StrEnum):
    """What kind of evidence a check gives (``str``-valued: JSON and text show the value)."""
    SYMBOLIC = "symbolic"      # a derivation: only symbolic checks can prove
    NUMERIC = "numeric"        # samples, searches, simulations: they support or refute
    SCALING = "scaling"        # the automatic scaling analysis (verify.checks.scaling): it can refute, never support
    WELLFORMED = "wellformed"  # the well-formedness analysis (verify.checks.wellformed): it can refute, never support

    @classmethod
    def of(cls, kind: str) -> "CheckKind | str":
        """``kind`` as a member when it names one; other kinds (a plugin's, the runner's) stay strings."""
        try:
            return cls(kind)
        except ValueError:
            return kind


SYMBOLIC, NUMERIC, SCALING, WELLFORMED = CheckKind.SYMBOLIC, CheckKind.NUMERIC, CheckKind.SCALING, CheckKind.WELLFORMED


class Target(enum.StrEnum):
    """Which statement of a claim is evaluated: the statement as written, or its correction."""
    STATEMENT = "statement"
    CORRECTION = "correction"


class MutationStatus(enum.StrEnum):
    """What a claim's checks made of one mutant of its statement (:mod:`verify.run.mutation`)."""
    KILLED = "killed"            # flagged: refuted, gap or loose
    SURVIVED = "survived"        # accepted, and not implied by the original
    WEAKER = "weaker"            # accepted, and SymPy proves the original implies it
    TRUE = "true"                # accepted, not implied, and proved by the claim's symbolic checks: no check can kill it
    EQUIVALENT = "equivalent"    # SymPy shows it is the original: not run
    ERROR = "error"              # a check could not run on it


@dataclass(frozen=True)
class Source:
    """Where a statement stands: the note's file name, its section, and a verbatim quote."""
    file: str
    section: str
    quote: str


def _substituted(expr, mapping, simultaneous: bool = False):
    """``expr.subs(mapping)`` (all at once when ``simultaneous``: readings, so that a product of matrices
    read into noncommuting symbols keeps its order); a relation that the substitution would decide
    (matrices read into a matrix equation make SymPy compare them) is rebuilt unevaluated, for the checks
    to decide."""
    new = expr.subs(mapping, simultaneous=simultaneous)
    if isinstance(new, sp.logic.boolalg.BooleanAtom) and isinstance(expr, sp.core.relational.Relational):
        return type(expr)(expr.lhs.subs(mapping, simultaneous=simultaneous),
                          expr.rhs.subs(mapping, simultaneous=simultaneous), evaluate=False)
    return new


@dataclass(frozen=True)
class Statement:
    """A statement as data: a SymPy relation (the conclusion), its hypotheses and definitions.

    ``where`` maps defined symbols to their definitions (for instance kappa -> nu/mu); checks
    substitute them. ``latex`` is optional hand typesetting of the note's form: reports show it only
    labelled "typesetting (not checked)", beside the rendering of the checked relation (:meth:`to_latex`).
    """
    relation: Any
    assuming: tuple = ()
    where: Mapping = field(default_factory=dict)
    latex: str | None = None
    text: str | None = None          # the note's LaTeX the relation was parsed from (:meth:`from_latex`)

    def __post_init__(self):
        if isinstance(self.relation, (bool, sp.logic.boolalg.BooleanAtom)):
            raise TypeError(f"the relation evaluated to {self.relation} before any check ran; "
                            "build equations with sp.Eq(lhs, rhs, evaluate=False)")
        object.__setattr__(self, "assuming", tuple(self.assuming))
        object.__setattr__(self, "where", dict(self.where))

    def expanded(self, expr):
        """``expr`` with its readings substituted once (:attr:`readings`) and the definitions of symbols
        repeatedly (so definitions may nest; readings inside them are substituted after)."""
        readings = self.readings
        expr = self._read(expr)
        definitions = {k: v for k, v in self.where.items() if k not in readings}
        before = expr
        for _ in range(5):
            new = _substituted(expr, definitions) if definitions else expr
            if new == expr:
                break
            expr = new
        return self._read(expr) if readings and expr != before else expr

    @property
    def conclusion(self):
        return self.expanded(self.relation)

    @property
    def readings(self) -> dict:
        """The definitions whose left side is not a (commutative) symbol: how the note's notation is read as
        the quantities checks evaluate (``f(omega(t)) -> f_t``, the simulated predictions; a matrix
        declared noncommutative -> its explicit entries), for a statement parsed from the note's LaTeX."""
        return {k: v for k, v in self.where.items() if not (isinstance(k, sp.Symbol) and k.is_commutative)}

    @property
    def _matrix_readings(self) -> bool:
        """Readings that put matrices in place of noncommuting symbols are substituted all at once (one
        after the other, a matrix multiplies the next symbol as a scalar would, and the order is lost)."""
        return any(isinstance(v, (sp.MatrixBase, sp.MatrixExpr)) or
                   (isinstance(v, sp.Derivative) and isinstance(v.expr, sp.MatrixBase)) for v in self.readings.values())

    def _read(self, expr):
        """``expr`` with the readings applied (all at once when they put matrices in)."""
        readings = self.readings
        return _substituted(sp.sympify(expr), readings, self._matrix_readings) if readings else sp.sympify(expr)

    def as_checked(self) -> "Statement":
        """The statement with its readings applied (relation and hypotheses in the quantities the checks
        evaluate) and its definitions of symbols kept: what a correction is compared with."""
        readings = self.readings
        if not readings:
            return self
        return Statement(self._read(self.relation), tuple(self._read(a) for a in self.assuming),
                         {k: v for k, v in self.where.items() if k not in readings}, self.latex, self.text)

    @property
    def hypotheses(self) -> tuple:
        """The hypotheses with definitions substituted; those SymPy already knows to be true (from the
        symbols' assumptions) are dropped, a hypothesis known to be false is an error."""
        out = []
        for a in self.assuming:
            h = self.expanded(a)
            if h is sp.false or h is False:
                raise ValueError(f"hypothesis {sp.sstr(a)} is false under the symbols' assumptions")
            if h is not sp.true and h is not True:
                out.append(h)
        return tuple(out)

    @classmethod
    def from_latex(cls, text: str, symbols=None, assuming=(), where=None, step: int | None = None) -> "Statement":
        r"""The statement a formula of the note states, parsed by the LaTeX front end
        (:mod:`verify.core.latex`): its relation (a chain ``A = B \le C`` is the conjunction of its steps),
        with the hypotheses it writes (``\forall x \in S``, ``\text{ s.t. }``, a trailing ``t \ge 0``) after
        ``assuming``. ``symbols`` declares the symbols once, with their assumptions (a mapping of names as
        the parser spells them, ``sigma_min``, ``Rcalhat_n``, to symbols or functions, or an iterable of
        them); the names of the text resolve to them. An implication ``A \Rightarrow B`` states B under
        the hypotheses A (each of A's conjuncts, after the others). A formula that does not parse raises
        :class:`verify.core.latex.LatexError` (position and token); one that states no relation is a
        ``ValueError``. ``step`` picks one step of a chain (0 the first)."""
        from .latex.display import parse_display
        result = parse_display(text, symbols)
        if result.error is not None:
            raise result.error
        if len(result.formulas) != 1:
            raise ValueError(f"{len(result.formulas)} formulas in {text!r}: give one")
        parsed = result.formulas[0]
        if not parsed.relations:
            raise ValueError(f"{text!r} states no relation (it is the expression {parsed.expression})")
        relation = parsed.relation if step is None else parsed.relations[step]
        premises = ()
        if isinstance(relation, sp.Implies):             # A => B: B under the hypotheses A
            premise, relation = relation.args
            premises = sorted(sp.And.make_args(premise), key=sp.default_sort_key)    # And keeps no order
        return cls(relation, assuming=tuple(assuming) + tuple(parsed.hypotheses) + tuple(premises),
                   where=dict(where or {}), text=text)

    @staticmethod
    def from_quote(symbols=None, assuming=(), where=None, formula: int | None = None,
                   step: int | None = None) -> "FromQuote":
        r"""The statement its claim's quote states: ``Claim(source=Source(..., quote), statement=
        Statement.from_quote(symbols=SYMBOLS))`` parses the quote with :meth:`from_latex` when the claim is
        built, so the formula is written once, in the note's words. A quote of prose with ``$...$`` formulas
        names one of them by ``formula`` (0 the first; needed when there are several); a quote without
        dollars is LaTeX as a whole (an excerpt of a display). ``where`` reads the note's notation as the
        quantities the checks evaluate (``{f(omega(t)): f_t}``); ``assuming`` and ``step`` as in
        :meth:`from_latex`. A quote that does not parse makes the claim an ``error`` (its ``problems``
        name the field and the parser's position and token)."""
        return FromQuote(symbols, tuple(assuming), dict(where or {}), formula, step)


    def to_latex(self) -> str:
        """LaTeX of the relation that is checked, with its hypotheses: ``(h_1, h_2) \\Rightarrow r``.
        The hand-written ``latex`` is typesetting, never this (reports label it "not checked")."""
        text = self.relation_latex()
        if self.assuming:
            text = r"\left(" + r",\ ".join(self.hypotheses_latex()) + r"\right) \Rightarrow " + text
        return text

    def relation_latex(self) -> str:
        """LaTeX of the checked relation (the conclusion as written, definitions not substituted)."""
        return latex(self.relation)

    def hypotheses_latex(self) -> tuple[str, ...]:
        """LaTeX of each hypothesis, as written."""
        return tuple(latex(a) for a in self.assuming)

    def definitions_latex(self) -> tuple[str, ...]:
        """LaTeX ``symbol = definition`` of each definition."""
        return tuple(f"{latex(k)} = {latex(v)}" for k, v in self.where.items())


@dataclass(frozen=True)
class FromQuote:
    """A statement still to be parsed from its claim's quote (:meth:`Statement.from_quote`)."""
    symbols: Any = None
    assuming: tuple = ()
    where: Mapping = field(default_factory=dict)
    formula: int | None = None
    step: int | None = None

    def formulas(self, quote: str) -> list[str]:
        """The LaTeX formulas of a quote (:func:`verify.core.notetext.math_of`)."""
        return math_of(quote)

    def statement(self, quote: str) -> Statement:
        """The statement the quote states; ``ValueError`` (a :class:`~verify.core.latex.LatexError` for a
        syntax error) saying why there is none."""
        texts = self.formulas(quote)
        if self.formula is None and len(texts) != 1:
            raise ValueError(f"the quote has {len(texts)} formulas: say which one states the claim (formula=)")
        index = 0 if self.formula is None else self.formula
        if not 0 <= index < len(texts):
            raise ValueError(f"formula={index}, but the quote has {len(texts)} formulas")
        return Statement.from_latex(texts[index], symbols=self.symbols, assuming=self.assuming,
                                    where=self.where, step=self.step)


# subscripts that name an operator or a mark rather than an index: sigma_min -> \sigma_{\min}, f_star -> f^{*}
_SUBSCRIPT_WORDS = {"min": r"_{\min}", "max": r"_{\max}", "sup": r"_{\sup}", "star": r"^{*}"}


def _symbol_latex(name: str) -> str | None:
    """The note's way of writing a symbol name SymPy would print badly, or None for SymPy's way."""
    base, sep, sub = name.partition("_")
    if not sep or not base:
        return None
    if sub in _SUBSCRIPT_WORDS and "_" not in base:
        return sp.latex(sp.Symbol(base)) + _SUBSCRIPT_WORDS[sub]
    words = re.split(r"[ _]", sub)
    if len(words) > 1 and any(len(w) > 2 and w.isalpha() for w in words) and not re.search(r"[\\^{}]", name):
        return sp.latex(sp.Symbol(base)) + r"_{\text{%s}}" % " ".join(w for w in words if w)   # a phrase
    return None


MARK = r"\color{red}"      # how :func:`latex` marks a part (MathML: mstyle mathcolor; Markdown: MathJax)


def latex(expr, mark: Iterable = ()) -> str:
    """LaTeX of a SymPy expression or relation as checked: SymPy's printer (notation classes print
    the note's way through their ``_latex``), with subscripts such as ``_min`` and ``_star`` and
    phrases in symbol names written as a note writes them. Each subexpression equal to one in ``mark``
    is printed ``{\\color{red}{...}}`` (a statement's parts that its correction changes). Unmarked, an
    expression is printed once per process (loading validates every statement's LaTeX; the report
    prints the same statements again)."""
    if mark == () and isinstance(expr, sp.Basic):
        try:
            return _plain_latex(expr)
        except TypeError:           # an unhashable part: printed each time
            pass
    return _latex(expr, mark)


@functools.lru_cache(maxsize=4096)
def _plain_latex(expr) -> str:
    return _latex(expr, ())


def _latex(expr, mark: Iterable) -> str:
    names = {}
    if isinstance(expr, sp.Basic):
        dummies = expr.atoms(sp.Dummy)
        if dummies:       # a Dummy sorts by a process-random index: print it as the symbol it shows
            with sp.evaluate(False):
                expr = expr.xreplace({d: sp.Symbol(d.name, **d.assumptions0) for d in dummies})
        for s in expr.atoms(sp.Symbol):
            shown = _symbol_latex(s.name)
            if shown is not None:
                names[s] = shown
    marked = set()
    for m in mark:               # a part printed in a denominator is printed as its reciprocal
        if isinstance(m, sp.Rational) and not m.is_Integer:
            marked |= {sp.Integer(abs(m.p)), sp.Integer(m.q)} - {sp.Integer(1)}
        elif isinstance(m, sp.Basic):
            marked.add(m)
            if isinstance(m, sp.Pow) and m.exp.is_negative:
                marked.add(1 / m)
    if not marked:
        return sp.latex(expr, symbol_names=names) if names else sp.latex(expr)
    from sympy.printing.latex import LatexPrinter

    class Marking(LatexPrinter):
        def _print(self, e, *args, **kwargs):
            text = super()._print(e, *args, **kwargs)
            return "{%s{%s}}" % (MARK, text) if isinstance(e, sp.Basic) and e in marked else text
    return Marking({"symbol_names": names} if names else {}).doprint(expr)


@dataclass(frozen=True)
class Budget:
    """Sample sizes and confidence for numeric checks."""
    name: str
    samples: int          # seeds / random instances per numeric check
    trials: int           # Monte Carlo trials for probability statements
    examples: int         # Hypothesis examples per counterexample search
    confidence: float     # confidence level of intervals used to refute or support
    points: int           # random points for numeric identity checks
    purpose: str = ""     # what the budget is for (README, "Performance, budgets, cache, Dask")
    search_points: int = 3     # grid points of a configuration space's continuous range (its two ends at 2)
    refine: int = 0            # simulations spent refining the worst configuration (Nelder-Mead); 0: none
    size_combinations: int = 0     # larger sizes an AtSizes check evaluates (the smallest first); 0: all

    @property
    def error_probability(self) -> float:
        """The error probability of a verdict decided by a confidence interval at this budget
        (Probability, MonteCarlo, OrderFit): 1 - confidence."""
        return round(1 - self.confidence, 12)

    @staticmethod
    def named(name: str) -> "Budget":
        try:
            return BUDGETS[name]
        except KeyError:
            raise ValueError(f"unknown budget {name!r}; choose one of {', '.join(BUDGETS)}") from None


BUDGETS = {
    "quick": Budget("quick", samples=8, trials=400, examples=150, confidence=0.999, points=6,
                    purpose="every run while writing notes and in CI (the command line's default)",
                    search_points=2, refine=0, size_combinations=1),
    "standard": Budget("standard", samples=32, trials=2000, examples=500, confidence=0.999, points=12,
                       purpose="a check of a finished note: 4-5x the samples, the same confidence",
                       search_points=3, refine=6),
    "thorough": Budget("thorough", samples=128, trials=10000, examples=2000, confidence=0.9999, points=30,
                       purpose="the sweeps run before publishing: 16-25x the samples, ten times smaller "
                               "error probability", search_points=5, refine=16),
}


@dataclass(frozen=True)
class RunSettings:
    """How claims are run: the seed, the budget (a name is looked up once, here), the time limit per
    claim in seconds (None: none) and the number of claims run at once."""
    seed: int = 0
    budget: Budget = BUDGETS["quick"]
    timeout: float | None = 300.0
    jobs: int = 1

    def __post_init__(self):
        if not isinstance(self.budget, Budget):
            object.__setattr__(self, "budget", Budget.named(str(self.budget)))
        if isinstance(self.seed, bool) or not isinstance(self.seed, (int, np.integer)):
            raise TypeError(f"RunSettings.seed must be an integer, got {self.seed!r}")
        object.__setattr__(self, "seed", int(self.seed))
        if self.jobs < 1:
            raise ValueError(f"RunSettings.jobs must be at least 1, got {self.jobs}")
        if self.timeout is not None and not self.timeout > 0:
            raise ValueError(f"RunSettings.timeout must be positive or None, got {self.timeout}")


def stable_hash(*parts: str) -> int:
    """A hash that is the same in every process (Python's ``hash`` of str is salted)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "little")


def check_key(check, position: int) -> str:
    """The stable key of a check within its claim, which keys its random streams: the check's own
    ``key`` attribute when it has one, else its position in the claim's check tuple (``#0``, ``#1``,
    ...). Never its display name, so renaming a check does not change its instances."""
    key = getattr(check, "key", None)
    return str(key) if key not in (None, "") else f"#{position}"


@dataclass(frozen=True)
class Context:
    """What a check needs to run reproducibly: the seed, the budget, and whom it runs for.

    Random streams (:meth:`rng`, :meth:`int_seed`) are keyed by the run seed, the claim id, the
    check's stable key (:func:`check_key`) and the caller's salt only: a statement and its correction
    see the same instances (common random numbers), and a check's display name and the target do not
    change them."""
    seed: int = 0
    budget: Budget = BUDGETS["quick"]
    claim_id: str = ""
    check_name: str = ""          # display only
    target: str = "statement"     # "statement" or "correction"; display only, never keys a stream
    check_key: str = ""           # see check_key(); the runner sets it

    def rng(self, *salt: str) -> np.random.Generator:
        """A generator seeded from the run seed, the claim, the check's key and ``salt``."""
        return np.random.default_rng([self.seed, stable_hash("rng", self.claim_id, self.check_key, *salt)])

    def int_seed(self, *salt: str) -> int:
        """An integer seed (for Hypothesis) from the run seed, the claim, the check's key and ``salt``."""
        return stable_hash(str(self.seed), self.claim_id, self.check_key, *salt) % (2**32)


# ---------------------------------------------------------------------------------------------
# the scope of a check: the sizes of the instances it ran on
# ---------------------------------------------------------------------------------------------

SIZES = "sizes"     # evidence key: the sizes (dimension name -> sizes) of the instances a check ran on


def validated_sizes(check, sizes) -> dict[str, tuple[int, ...]] | None:
    """A check's ``sizes`` field as ``{dimension name: (size, ...)}`` (sorted, each size once), or None
    for a check that is not limited to instances of fixed sizes. ``sizes`` maps each dimension's name (``"d"``,
    ``"n"``, or their SymPy symbols) to one positive integer or to a non-empty collection of them; anything else raises a
    ``ValueError`` naming the check and the field."""
    if sizes is None:
        return None
    where = f"{type(check).__name__} {getattr(check, 'name', '')!r}, field sizes"
    if not isinstance(sizes, Mapping) or not sizes:
        raise ValueError(f"{where}: expected a non-empty mapping of dimension names to sizes, got {sizes!r}")
    out = {}
    for name, values in sizes.items():
        name = str(name) if isinstance(name, sp.Symbol) else name         # a dimension's symbol or its name
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"{where}: dimension name {name!r} is not an identifier")
        values = (values,) if isinstance(values, (int, np.integer)) else values
        try:
            values = tuple(values)
        except TypeError:
            raise ValueError(f"{where}: sizes of {name!r} must be a positive integer or a collection of them, "
                             f"got {values!r}") from None
        if not values or any(isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1 for v in values):
            raise ValueError(f"{where}: sizes of {name!r} must be positive integers, got {values!r}")
        out[name] = tuple(sorted({int(v) for v in values}))
    return out


def sizes_text(sizes: Mapping) -> str:
    """``d = 2, 3; n = 2``: sizes as a reader reads them."""
    return "; ".join(f"{name} = {', '.join(str(v) for v in values)}" for name, values in sizes.items())


@dataclass
class CheckResult:
    """One check's result: its outcome, a one-line summary, JSON-able evidence, and how to replay it.

    ``summary`` is a ``str`` or a :class:`verify.core.text.Text` (built with ``verify.core.text.say``),
    which keeps the expressions in it as math for the reports; ``to_json`` keeps them too."""
    check: str
    kind: str
    outcome: Outcome
    summary: str
    evidence: dict = field(default_factory=dict)
    plot: dict | None = None

    @property
    def sizes(self) -> dict[str, tuple[int, ...]] | None:
        """The sizes of the instances the check ran on (None: not limited to fixed sizes)."""
        sizes = self.evidence.get(SIZES) if isinstance(self.evidence, Mapping) else None
        return {k: tuple(v) for k, v in sizes.items()} if sizes else None

    def to_json(self) -> dict:
        out = {"check": self.check, "kind": str(self.kind), "outcome": self.outcome.value,
               "summary": _text.to_json(self.summary), "evidence": self.evidence}
        if self.plot is not None:
            out["plot"] = self.plot
        return out

    @staticmethod
    def from_json(d: Mapping) -> "CheckResult":
        """The inverse of :meth:`to_json` (for JSON-safe evidence, as results crossing processes have)."""
        return CheckResult(check=d["check"], kind=CheckKind.of(d["kind"]), outcome=Outcome(d["outcome"]),
                           summary=_text.from_json(d["summary"]), evidence=d["evidence"], plot=d.get("plot"))


# control characters: C0 but tab and newline, DEL, C1, and Unicode's line and paragraph separators. In a
# report they could fake a line (a newline in a title) or drive the terminal (escape codes).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")     # CONTROL, and tab and newline


def escape_controls(text: str) -> str:
    """``text`` with each control character (:data:`CONTROL`: NUL, escape codes...) written as ``\\xNN``
    or ``\\uNNNN``; tab and newline stay."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}",
                       text)


class InvalidResult(ValueError):
    """A check returned a result with a field of the wrong type or value."""

    def __init__(self, field: str, message: str):
        super().__init__(f"field {field}: {message}")
        self.field = field


def _escaped(value):
    """``value`` with :func:`escape_controls` applied to every string in it (the same object when no
    string changes)."""
    if isinstance(value, str):
        return escape_controls(value)
    if isinstance(value, dict):
        items = [(_escaped(k), _escaped(v)) for k, v in value.items()]
        if all(k2 is k and v2 is v for (k2, v2), (k, v) in zip(items, value.items())):
            return value
        return dict(items)
    if isinstance(value, (list, tuple)):
        items = [_escaped(v) for v in value]
        return value if all(a is b for a, b in zip(items, value)) else type(value)(items)
    return value


def validated_result(result) -> "CheckResult":
    """A check's result as the runner accepts it, or :class:`InvalidResult` naming the bad field:
    ``check`` and ``kind`` non-empty strings, ``outcome`` an :class:`Outcome` (or its value), ``summary``
    a string, ``evidence`` a dict whose values can be made JSON (:func:`verify.core.jsonsafe.jsonable`)
    with ``error_probability``, if present, a number in [0, 1] or None, and ``plot`` a dict or None.
    Control characters in its strings are escaped (:func:`escape_controls`)."""
    from .jsonsafe import jsonable
    if not isinstance(result, CheckResult):
        raise InvalidResult("result", f"run returned {type(result).__name__}, not a CheckResult")
    for name in ("check", "kind"):
        value = getattr(result, name)
        if not isinstance(value, str) or not value.strip():
            raise InvalidResult(name, f"must be a non-empty string, got {value!r}")
    outcome = result.outcome
    if not isinstance(outcome, Outcome):
        try:
            outcome = Outcome(outcome)
        except (ValueError, TypeError):
            raise InvalidResult("outcome", f"must be one of {', '.join(o.value for o in Outcome)}, "
                                           f"got {outcome!r}") from None
    if not isinstance(result.summary, str):
        raise InvalidResult("summary", f"must be a string, got {type(result.summary).__name__}")
    if not isinstance(result.evidence, dict):
        raise InvalidResult("evidence", f"must be a dict, got {type(result.evidence).__name__}")
    if "error_probability" in result.evidence:
        p = result.evidence["error_probability"]
        if p is not None and (isinstance(p, (bool, np.bool_)) or not isinstance(p, (int, float, np.integer, np.floating))
                              or not 0 <= float(p) <= 1):
            raise InvalidResult("evidence.error_probability", f"must be a number in [0, 1] or None, got {p!r}")
    if result.plot is not None and not isinstance(result.plot, dict):
        raise InvalidResult("plot", f"must be a dict or None, got {type(result.plot).__name__}")
    for name in ("evidence", "plot"):
        try:
            jsonable(getattr(result, name))
        except Exception as exc:
            raise InvalidResult(name, f"cannot be made JSON: {type(exc).__name__}: {exc}") from None
    return CheckResult(check=escape_controls(LINE_BREAKING.sub(" ", result.check)),
                       kind=CheckKind.of(escape_controls(result.kind)), outcome=outcome,
                       summary=escape_controls(result.summary), evidence=_escaped(result.evidence),
                       plot=_escaped(result.plot))


@runtime_checkable
class Check(Protocol):
    """A check decides a statement. ``run`` receives the statement, so the same check serves a
    claim's statement, its correction, and any mutant of either."""
    name: str
    kind: str

    def run(self, statement: Statement, ctx: Context) -> CheckResult: ...


# the kinds of error a flagged claim can have (verify.core.diagnosis computes them; a claim may declare one)
KINDS = ("notation", "symbol", "constant", "rate", "hypothesis", "false", "proof", "loose")


@dataclass(frozen=True)
class Correction:
    """A corrected statement, why it differs, and the checks it must pass (the claim's by default)."""
    statement: Statement
    why: str
    checks: tuple | None = None
    expected: Verdict | None = None


def _kind_problem(claim: "Claim", kind) -> str | None:
    if kind is not None and kind not in KINDS:
        return f"{kind!r} is not one of {', '.join(KINDS)}"
    return None


def _kind_why_problem(claim: "Claim", why) -> str | None:
    if claim.kind is not None and not (why if isinstance(why, str) else "").strip():
        return "a declared kind needs its reason"
    if claim.kind is None and why is not None:
        return "given without a declared kind"
    if why is not None and (not isinstance(why, str) or LINE_BREAKING.search(why)):
        return "must be one line of text: no newline, tab or other control character"
    return None


CLAIM_ID = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*")       # a whole claim id (fullmatch): no newline, no "/"


def _because_of_problem(claim: "Claim", other) -> str | None:
    if other is not None and (not isinstance(other, str) or not CLAIM_ID.fullmatch(other) or other == claim.id):
        return f"must be the id of another claim, got {other!r}"
    return None


def _tested_by_problem(claim: "Claim", others) -> str | None:
    if not isinstance(others, tuple):
        return f"must be a claim id or a tuple of them, got {type(others).__name__}"
    bad = [o for o in others if not isinstance(o, str) or not CLAIM_ID.fullmatch(o)]
    if bad:
        return f"{bad[0]!r} is not a claim id"
    if claim.id in others:
        return "a claim's own checks test its conclusion already"
    return None


def validated(default=None, *, valid) -> Any:
    """A claim's field with its validator beside its type (as attrs' ``validator=``): ``valid(claim, value)``
    says what is wrong with the value, or None. A bad value never raises (a plugin module building its
    ``CLAIMS`` must not fail for one claim's value): :class:`Claim` records it in ``problems``, and the
    runner makes that claim, and only it, an ``error`` verdict naming plugin, claim and field."""
    return field(default=default, metadata={"valid": valid})


@dataclass(frozen=True)
class Claim:
    """One checkable statement of a note.

    ``problems`` lists the fields whose values their validators refuse, as ``(field, message)``: a claim
    with problems is never run, it gets an ``error`` verdict (:func:`verify.run.runner.run_claims`). (The
    registry refuses, as a plugin error, a claim that could not even be shown in a report: a bad id,
    title, source, statement or checks, :func:`verify.run.registry.validate_claim`.)"""
    id: str
    title: str
    source: Source
    statement: Statement
    checks: tuple
    depends_on: tuple = ()
    correction: Correction | None = None
    expected: Verdict | None = None      # test oracle only; never used to compute the verdict
    scaling: Any = None                  # a verify.checks.scaling.Scaling; the module's SCALING when None
    # the kind of its error, declared where it cannot be computed (KINDS) ...
    kind: str | None = validated(valid=_kind_problem)
    kind_why: str | None = validated(valid=_kind_why_problem)       # ... with the reason (required with ``kind``)
    # the id of the claim whose error this claim inherits (one root cause)
    because_of: str | None = validated(valid=_because_of_problem)
    # ids of claims that test this claim's conclusion (at an instance, say)
    tested_by: tuple = validated((), valid=_tested_by_problem)
    problems: tuple[tuple[str, str], ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self):
        parse_problems = []
        if isinstance(self.statement, FromQuote):
            try:
                parsed = self.statement.statement(self.source.quote if isinstance(self.source, Source) else "")
            except (ValueError, IndexError) as e:     # a LatexError is a ValueError
                parse_problems.append(("statement", f"the quote does not state it: {e}"))
                parsed = Statement(sp.Symbol("unparsed_quote"))
            object.__setattr__(self, "statement", parsed)
        for name in ("checks", "depends_on"):
            value = getattr(self, name)
            if isinstance(value, (list, tuple)):        # anything else: the registry names the field
                object.__setattr__(self, name, tuple(value))
        object.__setattr__(self, "tested_by", (self.tested_by,) if isinstance(self.tested_by, str)
                           else tuple(self.tested_by) if isinstance(self.tested_by, (list, tuple)) else self.tested_by)
        problems = []
        for f in dataclasses.fields(self):
            valid = f.metadata.get("valid")
            message = valid(self, getattr(self, f.name)) if valid is not None else None
            if message is not None:
                problems.append((f.name, message))
        object.__setattr__(self, "problems", tuple(parse_problems + problems))

    def problem_text(self, plugin: str = "") -> str:
        """The problems as one message naming the plugin (when given), the claim and each field."""
        where = f"plugin {plugin}: " if plugin else ""
        return "; ".join(f"{where}claim {self.id}, field {name}: {message}" for name, message in self.problems)

    @property
    def note(self) -> str:
        return self.source.file


@dataclass
class Evaluation:
    """Verdict and check results for one statement (as written, or corrected). A finding is a ``str`` or
    a :class:`verify.core.text.Text` (math kept)."""
    verdict: Verdict
    checks: list[CheckResult]
    findings: list[str]

    def to_json(self) -> dict:
        return {"verdict": self.verdict.value, "findings": [_text.to_json(f) for f in self.findings],
                "checks": [c.to_json() for c in self.checks]}

    @staticmethod
    def from_json(d: Mapping) -> "Evaluation":
        """The inverse of :meth:`to_json`."""
        return Evaluation(Verdict(d["verdict"]), [CheckResult.from_json(c) for c in d["checks"]],
                          [_text.from_json(f) for f in d["findings"]])


@dataclass
class ClaimResult:
    claim: Claim
    statement: Evaluation
    correction: Evaluation | None = None
    error: str | None = None
    plugin: str = ""
    # verify.core.diagnosis.Analysis: the kind of its error and its marked relations, computed where the
    # claim ran (None: computed when the report is built)
    analysis: Any = field(default=None, compare=False)

    @property
    def verdict(self) -> Verdict:
        return self.statement.verdict

    @property
    def matches_expected(self) -> bool:
        ok = self.claim.expected is None or self.claim.expected == self.verdict
        c = self.claim.correction
        if ok and c is not None and c.expected is not None and self.correction is not None:
            ok = c.expected == self.correction.verdict
        return ok


# ---------------------------------------------------------------------------------------------
# plugins, progress and the replay command: vocabulary shared by the runner and the reports
# ---------------------------------------------------------------------------------------------

RUNNER = "runner"     # check name and kind of the runner's synthetic result for a claim that could not run
BUILTIN_PACKAGE = "claims"
ENTRY_POINT_PREFIX = "entry point "


@dataclass(frozen=True)
class PluginError:
    """Why a plugin, or one claim of it, was not loaded. ``claim`` and ``field`` are None when the
    whole plugin failed."""
    plugin: str
    claim: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.plugin
        if self.claim is not None:
            where += f": claim {self.claim}"
        if self.field is not None:
            where += f", field {self.field}"
        return f"{where}: {self.message}"

    def to_json(self) -> dict:
        return {"plugin": self.plugin, "claim": self.claim, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class Progress:
    """One finished claim, for progress display."""
    done: int
    total: int
    claim_id: str
    verdict: Verdict
    expected: Verdict | None
    correction: Verdict | None
    correction_expected: Verdict | None
    seconds: float
    error: str | None = None


def plugin_replay_args(plugin: str) -> list[str]:
    """Command-line arguments that load ``plugin`` again: ``--plugin PATH`` for a plugin file,
    nothing for built-in and installed plugins (they are always loaded)."""
    if plugin.startswith(ENTRY_POINT_PREFIX) or plugin.startswith(BUILTIN_PACKAGE + ".") or not plugin:
        return []
    return ["--plugin", plugin]


def replay_command(claim_id: str, seed: int, budget: "Budget | str", plugin: str = "") -> str:
    """The command that reruns one claim exactly (the one replay string: reports and checks use it)."""
    name = budget.name if isinstance(budget, Budget) else str(budget)
    args = ["python", "-m", "verify", "run", claim_id, "--seed", str(seed), "--budget", name]
    return " ".join(shlex.quote(a) for a in args + plugin_replay_args(plugin))
