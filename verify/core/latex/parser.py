r"""The LaTeX front end: SymPy's Lark LaTeX grammar extended for ML-theory notation, and SymPy's
transformer subclassed to build the engine's notation classes.

The grammar is SymPy's ``latex.lark`` read from the installed package, with every ``"\command"`` literal
made to stop before a letter, followed by ``ml.lark`` (this folder), which extends and overrides its rules
(``%extend`` / ``%override``). :class:`MLTransformer` subclasses SymPy's ``TransformToSymPyExpr`` and adds
the new rules' callbacks. Parsing is Earley with SymPy's dynamic lexer; where the grammar admits two
readings, Lark keeps the one of higher rule priority (ties: the earlier rule), so a formula parses
deterministically, and the readings are fixed by these rules (tested in tests/engine/test_latex.py):

* a name followed by ``(`` is a function application, unless ``symbols`` declares the name as a plain
  symbol (then ``C(x + y)`` is ``C*(x + y)``); ``f^2(x)`` is ``f(x)**2`` and ``f^T(x)`` is ``f(x)^T``;
* ``^T`` and ``^\top`` are transposes, never the power ``T``; ``^{(L)}`` is a label, never a power;
* the body of ``\sum``/``\prod`` is one product (``\sum_i a_i + b`` is ``(\sum_i a_i) + b``); the body of
  ``\min``/``\max``/``\sup``/``\inf``/``\operatorname{argmin}`` runs to the next relation;
* a displayed line ``A = B \le C`` is a chain: each step is a relation of its two neighbours;
* a run of letters before ``(`` that names an operator (``sgn``, ``sign``, ``poly``, ``diag``, ``tr``, ``rank``,
  ...) or a function the note declares is that operator applied, never the product of its letters;
* ``f(x)^T`` is the transpose of the application; ``e^{-Ct}(x)`` is ``exp(-Ct) x`` unless the note declares
  ``e``; ``\arccos x_i^\top x_j`` applies to the product of factors that follows (not to a bracket's);
  ``h_1(x) \wedge h_2(x)`` of terms that are not relations is their meet (:class:`~.functions.Meet`).

Readings driven by the note's declared symbols (``symbols``), the undeclared reading unchanged:
``R^f``, ``\theta_t^f``, ``\beta^R`` are labels when the labelled name (``"R^f"``) is declared (a number's
power stays a power); ``\Delta w`` is one symbol when ``"\Delta w"`` is declared; ``D h(w)``, ``D^2 h(w)``,
``Dh(w)^T`` are the derivative of ``h`` (:class:`~.functions.Jacobian`) when ``h`` is a declared function and
``D`` is not a declared symbol.

Names: ``\hat{\mathcal{R}}_n`` is the symbol ``Rcalhat_n``, ``\sigma_{\min}`` is ``sigma_min``, ``f^*`` is
``f_star``, ``\mathbf{w}`` is ``wbold``, ``w'`` is ``wprime`` (SymPy's printer reads these modifiers back);
a subscript that is not a name, a number or a list of them is kept as written (``J_{\omega(0)}``).

A formula that does not parse raises :class:`LatexError` with the position and the offending token;
nothing is guessed.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import sympy as sp
from sympy.core.function import AppliedUndef

from ..notation import FrobNorm, LambdaMin, Norm, Prob, Rank, ReLU, W0
from . import functions as F

HERE = Path(__file__).resolve().parent


class LatexError(ValueError):
    """A formula that does not parse: ``position`` (0-based offset in the text given), ``token`` (the
    offending text there) and a message that quotes both."""

    def __init__(self, text: str, position: int, token: str, reason: str = ""):
        self.text, self.position, self.token, self.reason = text, position, token, reason
        where = f"at position {position}" if position < len(text) else "at the end"
        shown = repr(token) if token else "end of formula"
        context = text[max(0, position - 25):position] + "\u2038" + text[position:position + 25]
        message = f"cannot parse {where}: unexpected {shown}" + (f" ({reason})" if reason else "")
        super().__init__(f"{message}: ...{context}...")


# ---------------------------------------------------------------------------------------------
# the grammar
# ---------------------------------------------------------------------------------------------

_COMMAND_LITERAL = re.compile(r'"(\\\\[A-Za-z]+)"')


def _bounded(grammar: str) -> str:
    r"""Every ``"\word"`` literal as a regex that cannot be followed by a letter."""
    return _COMMAND_LITERAL.sub(lambda m: "/%s(?![a-zA-Z])/" % m.group(1), grammar)


def sympy_grammar_dir() -> Path:
    """SymPy's grammar folder (found without importing ``sympy.parsing.latex``, which builds SymPy's own
    parser)."""
    return Path(sp.__file__).resolve().parent / "parsing" / "latex" / "lark" / "grammar"


@functools.cache
def grammar_text() -> str:
    """SymPy's grammar (installed) followed by verify's extension, both with bounded commands."""
    base = (sympy_grammar_dir() / "latex.lark").read_text(encoding="utf-8")
    greek = (sympy_grammar_dir() / "greek_symbols.lark").read_text(encoding="utf-8")
    # SymPy imports GREEK_SYMBOL from greek_symbols.lark: inline that file, so that its literals are
    # bounded too and its letters (ALPHA, ...) can be named by the extension
    base = base.replace("%import .greek_symbols.GREEK_SYMBOL", greek)
    ext = (HERE / "ml.lark").read_text(encoding="utf-8")
    return _bounded(base) + "\n\n" + _bounded(ext)


# how the parser is built (part of :func:`grammar_digest`: a parse tree depends on them)
PARSER_OPTIONS = dict(parser="earley", start="latex_string", lexer="dynamic", ambiguity="resolve",
                      propagate_positions=True, maybe_placeholders=False, keep_all_tokens=True)


@functools.cache
def lark_parser():
    """The parser, built once per process, with the predictor of :mod:`.earley` (same trees, faster)."""
    import lark
    from .earley import install
    parser = lark.Lark(grammar_text(), source_path=str(sympy_grammar_dir()) + "/", **PARSER_OPTIONS)
    install(parser)
    return parser


# ---------------------------------------------------------------------------------------------
# what a formula parses to
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Parsed:
    """One formula as data. ``relations``: each step of its chain (``A = B \\le C`` gives two), an
    implication's premises and conclusion as ``sp.Implies``; ``expression``: the formula when it states
    no relation; ``hypotheses``: its quantifiers' domains and conditions (``\\forall x \\in S``, ``s.t.``
    unless the formula has one optimum, whose constraint it is, a trailing ``t \\ge 0``); ``bound``: the
    variables its quantifiers bind; ``definitions``: steps written ``:=``; ``continues``: the formula opens
    with a relation (it continues the previous display's chain)."""
    text: str
    relations: tuple = ()
    expression: Any = None
    hypotheses: tuple = ()
    bound: tuple = ()
    definitions: tuple = ()
    continues: bool = False
    tag: str | None = None
    remarks: tuple = ()

    @property
    def relation(self):
        """The formula as one SymPy object: its relation, the conjunction of its chain's steps, or its
        expression."""
        if not self.relations:
            return self.expression
        if len(self.relations) == 1:
            return self.relations[0]
        return sp.And(*self.relations, evaluate=False)


@dataclass
class _Chain:
    terms: list
    ops: list           # relation constructors, one per step
    defines: list = field(default_factory=list)
    leading: bool = False


@dataclass
class _Quantifier:
    kind: str
    bindings: list


_GREEK_RENAME = {"varepsilon": "epsilon", "vartheta": "theta", "varphi": "phi", "varrho": "rho",
                 "varsigma": "sigma"}
_DECORATION = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde",
               "widetilde": "tilde", "dot": "dot", "ddot": "ddot", "vec": "vec", "check": "check",
               "breve": "breve", "mathring": "mathring"}
_FONT_MODIFIER = {"mathcal": "cal", "mathbf": "bold", "boldsymbol": "bold", "bm": "bold", "mathfrak": "frak",
                  "mathscr": "scr"}
_PLAIN_FONTS = {"mathrm", "mathit", "text", "textrm", "textit", "operatorname", "operatorname*", "mathsf"}

# named functions written \operatorname{...} or \text{...}: the engine's classes where they exist
_NAMED = {"rank": Rank, "ReLU": ReLU, "relu": ReLU}

# relation symbols -> constructors
_RELATIONS = {
    "EQUAL": lambda a, b: sp.Eq(a, b, evaluate=False), "DEFINES": lambda a, b: sp.Eq(a, b, evaluate=False),
    "NOT_EQUAL": lambda a, b: sp.Ne(a, b, evaluate=False), "LT": lambda a, b: sp.Lt(a, b, evaluate=False),
    "LTE": lambda a, b: sp.Le(a, b, evaluate=False), "GT": lambda a, b: sp.Gt(a, b, evaluate=False),
    "GTE": lambda a, b: sp.Ge(a, b, evaluate=False),
    "REL_LESSSIM": F.Lesssim, "REL_GTRSIM": F.Gtrsim, "REL_SIM": F.Sim, "REL_ASYMP": F.Asymp, "REL_PROPTO": F.Propto,
    "REL_APPROX": F.Approx, "REL_LL": F.MuchLess, "REL_GG": F.MuchGreater, "REL_TO": F.Tends,
    "REL_SUCCEQ": F.SuccEq, "REL_PRECEQ": F.PrecEq, "REL_SUCC": F.Succ, "REL_PREC": F.Prec,
    "REL_EQUIV": F.Equiv, "REL_SUBSETEQ": F.SubsetEq, "REL_NOTIN": F.NotIn,
    "REL_IN": lambda a, b: member(a, b), "COLON": lambda a, b: F.In(a, b),
}


def member(x, s):
    """x \\in S: SymPy's ``Contains`` for a SymPy set, :class:`~.functions.In` otherwise."""
    if isinstance(s, sp.Set):
        return sp.Contains(x, s, evaluate=False)
    return F.In(x, s)


# ---------------------------------------------------------------------------------------------
# the transformer
# ---------------------------------------------------------------------------------------------

def _sympy_submodule(name: str):
    """SymPy's module ``name`` (under ``sympy.parsing.latex``) loaded from its file without running the
    package's ``__init__``, which builds SymPy's own Lark parser (about 0.2 s at every start of a
    process that parses); registered under its own name, so a later ``import sympy.parsing.latex`` uses it."""
    import importlib.util
    import sys
    full = f"sympy.parsing.latex.{name}"
    if full in sys.modules:
        return sys.modules[full]
    path = Path(sp.__file__).resolve().parent / "parsing" / "latex" / (name.replace(".", "/") + ".py")
    spec = importlib.util.spec_from_file_location(full, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[full] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[full]
        raise
    return module


def _base_transformer():
    try:        # its only SymPy import is sympy.parsing.latex.errors: both load without the package
        _sympy_submodule("errors")
        return _sympy_submodule("lark.transformer").TransformToSymPyExpr
    except Exception:           # a SymPy laid out otherwise: the package, and its parser, after all
        from sympy.parsing.latex.lark.transformer import TransformToSymPyExpr
        return TransformToSymPyExpr


def _tok(x, *types) -> bool:
    from lark import Token
    return isinstance(x, Token) and (not types or x.type in types)


class _Name(str):
    """A symbol's name while it is being built (a ``str``): resolved to a Symbol or Function at use."""


@functools.cache
def _transformer_class():
    from lark import Tree, v_args

    base = _base_transformer()

    class MLTransformer(base):
        """SymPy's transformer with callbacks for verify's rules (see the module docstring)."""

        def __init__(self, text: str, symbols: Mapping[str, Any]):
            super().__init__(visit_tokens=True)
            self.text = text
            self.symbols = dict(symbols)
            self.made: dict[str, Any] = {}
            self.names: dict[Any, str] = {}
            # where an application (or its transpose) ends -> where it starts, and the operator word (sgn,
            # poly, a declared function's name) whose last letter it applies: read by adjacent_expressions
            self.app_start: dict[int, int] = {}
            self.words: dict[int, tuple] = {}
            self.products: dict[int, tuple] = {}    # where x(t) ends, x a declared symbol -> (x, t)

        # -- names --------------------------------------------------------------------------
        def resolve(self, name):
            if not isinstance(name, _Name):
                return name
            s = self.symbols.get(str(name))
            if s is None or _is_function(s):
                s = self.made.setdefault(str(name), sp.Symbol(str(name)))
            self.names.setdefault(s, str(name))
            return s

        def name_of(self, x) -> str:
            return str(x) if isinstance(x, _Name) else self.names.get(x, getattr(x, "name", str(x)))

        def function(self, name):
            s = self.symbols.get(str(name))
            if s is not None:
                return s
            if str(name) in F.ORDERS:
                return F.ORDERS[str(name)]
            if str(name) in _NAMED:
                return _NAMED[str(name)]
            return sp.Function(str(name))

        # SymPy turns these tokens into values as they are read; the rules here read them as tokens
        def GREEK_SYMBOL(self, tok):
            return tok

        def SYMBOL(self, tok):
            return tok

        def DIGIT(self, tok):
            return tok

        def letter(self, c):
            t = c[0]
            if t.type == "SYMBOL":
                return _Name(str(t))
            name = str(t)[1:]
            return _Name(_GREEK_RENAME.get(name, name))

        def fonted(self, c):
            font = str(c[0])[1:]
            inner = [x for x in c[1:] if not _tok(x, "L_BRACE", "R_BRACE")][0]
            if _tok(inner, "DIGIT"):
                return _Name("\\%s{%s}" % (font, inner))
            if font in _FONT_MODIFIER:
                return _Name(str(inner) + _FONT_MODIFIER[font])
            if font in _PLAIN_FONTS:
                return _Name(str(inner))
            return _Name("\\%s{%s}" % (font, _latex_name(str(inner))))     # \mathbb{S}, \mathsf{X}

        def decorated(self, c):
            deco = _DECORATION[str(c[0])[1:]]
            inner = [x for x in c[1:] if not _tok(x, "L_BRACE", "R_BRACE")][0]
            if _tok(inner, "DIGIT"):
                return _Name("\\%s{%s}" % (str(c[0])[1:], inner))
            return _Name(str(inner) + deco)

        @v_args(meta=True)
        def subscript(self, meta, c):
            items = [x for x in c if not _tok(x, "UNDERSCORE", "L_BRACE", "R_BRACE")]
            raw = re.sub(r"\s+", " ", self.text[meta.start_pos:meta.end_pos]).strip()
            raw = raw[1:].strip()
            if raw.startswith("{") and raw.endswith("}"):
                raw = raw[1:-1].strip()
            if len(items) == 1 and isinstance(items[0], list):
                items = items[0]
            parts = [_simple_sub(x) for x in items]
            if all(p is not None for p in parts):
                return ("sub", ",".join(parts), raw)
            return ("sub", None, raw)

        def sub_list(self, c):
            return [x for x in c if not _tok(x, "COMMA")]

        def primes(self, c):
            n = sum(len(str(x)) for x in c if _tok(x, "PRIMES"))
            n += sum(str(x).count("prime") for x in c if _tok(x, "PRIMES_VIA_CMD", "CMD_PRIME"))
            return ("primes", n)

        def star(self, c):
            return ("star", "+" if any(_tok(x, "ADD") for x in c) else True)

        def symbol(self, c):
            name = str(c[0])
            sub = None
            star = False
            for part in c[1:]:
                if part[0] == "primes":
                    name += "prime" * part[1]
                elif part[0] == "sub":
                    sub = part
                elif part[0] == "star":
                    star = part[1]
            if sub is not None:
                if sub[1] is not None:
                    name = f"{name}_{sub[1]}"
                else:
                    name = "%s_{%s}" % (_latex_name(name), sub[2])
            if name == "pi" and sub is None and not star:
                return sp.pi
            if star == "+":
                name = name + "^+"
            elif star:
                name = name + ("^*" if "_" in name else "_star")
            return self.resolve(_Name(name))

        def label_superscript(self, c):
            inner = [x for x in c if not _tok(x, "CARET", "L_BRACE", "R_BRACE", "L_PAREN", "R_PAREN")][0]
            return ("label", sp.latex(self.resolve(inner)))

        def labelled_symbol(self, c):
            name = self.name_of(c[0]) + "^(%s)" % c[1][1]
            if len(c) > 2 and isinstance(c[2], tuple) and c[2][0] == "sub":
                name += "_" + (c[2][1] if c[2][1] is not None else "{%s}" % c[2][2])
            return self.resolve(_Name(name))

        def symbol_with_label(self, c):
            return self.labelled_symbol(c)

        def superscript_labelled(self, c):
            sup = [x for x in c[1:] if not _tok(x, "CARET", "L_BRACE", "R_BRACE")][0]
            return self.resolve(_Name(f"{self.name_of(c[0])}^{self.name_of(sup)}"))

        def multi_letter_symbol(self, c):
            word = str(c[1]).strip("{} ")
            return self.resolve(_Name(word))

        def CMD_PI(self, tok):
            return sp.pi

        def set_symbol(self, c):
            t = str(c[0])
            if any(_tok(x, "ADD") for x in c):
                return sp.Interval(0, sp.oo)
            return {"R": sp.Reals, "N": sp.Naturals0, "Z": sp.Integers}[t.rstrip("}")[-1]]

        def indicator_symbol(self, c):
            return ("indicator",)

        def CMD_DOTS(self, tok):
            return sp.Symbol(r"\dots")

        def CMD_VDOTS(self, tok):
            return sp.Symbol(r"\vdots")

        def entry(self, c):
            sub = c[1]
            index = sp.Symbol(sub[1]) if sub[1] is not None else sp.Symbol(sub[2])
            return F.Entry(self._v(c[0]), index)

        def applied_fraction(self, c):
            frac, body = c[0], self._v(c[1])
            if isinstance(frac, tuple) and frac[0] == "derivative":
                return _derivative(body, frac[1])
            if isinstance(frac, tuple) or isinstance(body, tuple):
                raise _Refuse("a differential outside an integral or a derivative")
            return sp.Mul(frac, body)

        # -- values ---------------------------------------------------------------------------
        def transform(self, tree):
            out = super().transform(tree)
            return out

        def _v(self, x):
            if isinstance(x, _Name):
                return self.resolve(x)
            if _tok(x, "DIGIT"):
                return sp.Integer(str(x))
            if _tok(x, "SYMBOL"):
                return self.resolve(_Name(str(x)))
            return x

        def __default__(self, data, children, meta):
            return Tree(data, [self._v(ch) for ch in children], meta)

        # SymPy's callbacks receive resolved values: wrap the ones that see symbols
        def group_round_parentheses(self, c):
            return self._v(c[1])

        def group_square_brackets(self, c):
            return self._v(c[1])

        def group_curly_parentheses(self, c):
            return self._v(c[1])

        def group_literal_braces(self, c):
            return self._v(c[1])

        def add(self, c):
            return super().add([self._v(x) for x in c])

        def sub(self, c):
            return super().sub([self._v(x) for x in c])

        def mul(self, c):
            return super().mul([self._v(x) for x in c])

        def div(self, c):
            return super().div([self._v(x) for x in c])

        def superscript(self, c):
            base, sup = self._v(c[0]), self._v(c[2])
            if isinstance(base, tuple) or isinstance(sup, tuple):
                raise _Refuse("a superscript of a differential")
            if base == sp.Symbol("e") and "e" not in self.symbols:
                return sp.exp(sup)                 # e^{x}: Euler's number, unless the note declares e
            if isinstance(base, sp.Set):
                return sp.Symbol(r"%s^{%s}" % (sp.latex(base), sp.latex(sup)))
            if sup is sp.oo and isinstance(base, sp.Symbol):
                # beta^\infty, w_alpha^\infty: a label (the limit of a flow), never a power: the symbol
                # named "beta^\infty" (declared under that name, or a new one)
                return self.resolve(_Name(self.name_of(base) + r"^\infty"))
            if isinstance(base, sp.Symbol) and isinstance(sup, sp.Symbol):
                # R^f, theta_t^f, beta^R: a label when the note declares the labelled name ("R^f"), else
                # the power it reads as
                label = f"{self.name_of(base)}^{self.name_of(sup)}"
                if label in self.symbols:
                    return self.resolve(_Name(label))
            return sp.Pow(base, sup, evaluate=False) if isinstance(base, F.Notation) else sp.Pow(base, sup)

        def partial_differential(self, c):
            return ("partial", self._v(c[1]))

        def fraction(self, c):
            c = [self._v(x) for x in c]
            num, den = c[1], c[2]
            declared_d = self.symbols.get("d")
            if isinstance(declared_d, sp.Symbol) and not isinstance(num, tuple) and not isinstance(den, tuple):
                # d declared (a dimension, say): d X / d t is still the derivative of X in t
                var = den.args[1 - den.args.index(declared_d)] \
                    if isinstance(den, sp.Mul) and len(den.args) == 2 and declared_d in den.args else None
                if isinstance(var, sp.Symbol):
                    if num == declared_d:
                        return ("derivative", var)
                    if isinstance(num, sp.Mul) and declared_d in num.args:
                        return _derivative(sp.Mul(*[a for a in num.args if a != declared_d]), var)
            if isinstance(num, sp.Function) and type(num).__name__ == "d" and len(num.args) == 1:
                num = ("d", num.args[0])             # d(expression) / dt
            if isinstance(den, tuple) and den[0] == "d" and not isinstance(num, tuple) and num != sp.Symbol("d"):
                den = sp.Mul(sp.Symbol("d"), den[1])   # C / (d n): not a derivative
            if isinstance(den, tuple) and den[0] in ("d", "partial"):       # d / dt
                var = den[1]
                if num == sp.Symbol("d") or num == ("partial",):
                    return ("derivative", var)
                if isinstance(num, tuple) and num[0] in ("d", "partial"):
                    return _derivative(num[1], var)
                raise _Refuse("a derivative whose numerator is not d or d(expression)")
            if isinstance(num, tuple):
                if num[0] in ("d", "partial") and isinstance(den, tuple):
                    return _derivative(num[1], den[1])
                raise _Refuse("a differential in a fraction")
            return self._handle_division(num, den)

        @v_args(meta=True)
        def adjacent_expressions(self, meta, c):
            a, b = self._v(c[0]), self._v(c[1])
            if a == sp.Symbol("d") and not isinstance(b, tuple):
                return ("d", b)
            if a == ("partial",):
                return ("partial", b)
            if isinstance(a, tuple) and a[0] == "derivative":
                return _derivative(b, a[1])
            if isinstance(a, tuple) or isinstance(b, tuple):
                if isinstance(b, tuple) and b[0] == "d" and not isinstance(a, tuple):
                    return ("d-times", a, b[1])
                raise _Refuse("a differential outside an integral or a derivative")
            read = self._word(meta, a, b)
            if read is None:
                read = self._increment(meta, a, b)
            if read is None:
                read = self._jacobian(meta, a, b)
            return sp.Mul(a, b) if read is None else read

        def _without(self, a, letters):
            """``a`` without the factors ``letters`` (symbols), or None when it lacks one of them."""
            factors = list(a.args) if isinstance(a, sp.Mul) else [a]
            for x in letters:
                if x not in factors:
                    return None
                factors.remove(x)
            return sp.Mul(*factors)

        def _word(self, meta, a, b):
            """sgn(x), poly(d), a declared function's name written as a run of letters: the operator, not
            the product of its letters (recorded by ``applied`` where the run ends)."""
            found = self.words.get(meta.end_pos) if not meta.empty else None
            if found is None:
                return None
            letters, value = found
            rest = self._without(a, [self.resolve(_Name(x)) for x in letters])
            return None if rest is None else sp.Mul(rest, value)

        def _increment(self, meta, a, b):
            r"""\Delta w: one symbol when the note declares the name "\Delta w", else Delta*w. A declared
            \Delta w with a power, a subscript or a transpose (\Delta w^2, \Delta w_t) is refused: is it
            (\Delta w)^2 or \Delta (w^2)?"""
            if meta.empty:
                return None
            span = self.text[meta.start_pos:meta.end_pos]
            marked = re.search(r"\\Delta\s*([A-Za-z])\s*[\^_]", span)
            if marked is not None and r"\Delta " + marked.group(1) in self.symbols:
                raise _Refuse(r"\Delta %s with a superscript or subscript (write (\Delta %s)^2, or declare the name)"
                              % (marked.group(1), marked.group(1)))
            if not isinstance(b, sp.Symbol):
                return None
            m = re.search(r"\\Delta\s*([A-Za-z])\s*$", span)
            if m is None or self.resolve(_Name(m.group(1))) != b:
                return None
            declared = self.symbols.get(r"\Delta " + m.group(1))
            if declared is None or _is_function(declared):
                return None
            rest = self._without(a, [self.resolve(_Name("Delta"))])
            return None if rest is None else sp.Mul(rest, declared)

        def _jacobian(self, meta, a, b):
            """D h(w), D^2 h(w), D h(w)^T: the derivative of h at w when D is not a declared symbol and h is a
            declared function, written just before the application."""
            if meta.empty or "D" in self.symbols:
                return None
            start = self.app_start.get(meta.end_pos)
            if start is None:
                return None
            app = b.args[0] if isinstance(b, F.Transposed) else b
            if not isinstance(app, AppliedUndef) or not any(app.func is f for f in self.symbols.values()):
                return None
            m = re.search(r"(?<![A-Za-z\\_^])D\s*(\^\s*(\d|\{\s*(\d)\s*\}))?\s*$", self.text[:start])
            if m is None:
                return None
            order = int(m.group(2).strip("{} ")) if m.group(1) else 1
            D = self.resolve(_Name("D"))
            rest = self._without(a, [D ** order] if order > 1 else [D])
            if rest is None:
                return None
            value = F.Jacobian(app) if order == 1 else F.Jacobian(app, order)
            return sp.Mul(rest, F.Transposed(value) if isinstance(b, F.Transposed) else value)

        def number(self, c):
            return super().number(c)

        def square_root(self, c):
            return super().square_root([self._v(x) for x in c])

        def abs(self, c):
            return sp.Abs(self._v(c[1]))

        def vert_abs(self, c):
            return sp.Abs(self._v(c[1]))

        def exponential(self, c):
            return sp.exp(self._v(c[1]))

        def log(self, c):
            return super().log([self._v(x) for x in c])

        def factorial(self, c):
            return sp.factorial(self._v(c[0]))

        # -- norms, inner products, expectations, probabilities --------------------------------
        def norm(self, c):
            x = self._v(c[1])
            sub = c[3] if len(c) > 3 else None
            if sub is None or sub == 2:
                return Norm(x)
            if sub == sp.Symbol("F"):
                return FrobNorm(x)
            return F.SubNorm(x, sub)

        def norm_subscript(self, c):
            items = [x for x in c if not _tok(x, "UNDERSCORE", "L_BRACE", "R_BRACE")]
            x = items[0]
            if _tok(x, "DIGIT"):
                return sp.Integer(str(x))
            if _tok(x, "MUL", "CMD_ASTERISK"):
                return sp.Symbol("*")
            if _tok(x, "CMD_INFTY"):
                return sp.oo
            return self._v(x)

        def inner(self, c):
            return F.Inner(self._v(c[1]), self._v(c[3]))

        def subscript_condition(self, c):
            items = [_one_relation(self._v(x)) for x in c if not _tok(x, "UNDERSCORE", "L_BRACE", "R_BRACE", "COMMA")]
            return ("cond", items)

        def distributed(self, c):
            return F.Distributed(self._v(c[0]), self._v(c[2]))

        def expectation(self, c):
            conds = c[1][1] if len(c) > 2 else []
            return F.Expectation(self._v(c[-1]), *conds)

        def probability(self, c):
            cond = None
            rest = c[1:]
            if rest and isinstance(rest[0], tuple) and rest[0][0] == "cond":
                cond, rest = rest[0][1], rest[1:]
            body = [self._v(x) for x in rest if not _tok(x)]
            event = _one_relation(body[0])
            if cond:
                return F.ProbOver(event, sp.Tuple(*cond) if len(cond) > 1 else cond[0])
            return Prob(event)

        def indicator(self, c):
            if len(c) == 2 and isinstance(c[1], tuple):
                return F.Indicator(*c[1][1])
            events = [_one_relation(self._v(x)) for x in c[1:] if not _tok(x)]
            return F.Indicator(*events)

        # -- calculus ---------------------------------------------------------------------------
        def gradient(self, c):
            power, wrt, body = None, [], self._v(c[-1])
            for part in c[1:-1]:
                if isinstance(part, tuple) and part[0] == "gpow":
                    power = part[1]
                elif isinstance(part, tuple) and part[0] == "gsub":
                    wrt = part[1]
            if power == 2:
                return F.Hessian(body, *wrt)
            g = F.Grad(body, *wrt)
            return F.Transposed(g) if power == "T" else g

        def gradient_power(self, c):
            items = [x for x in c if not _tok(x, "CARET", "L_BRACE", "R_BRACE")]
            x = items[0]
            if _tok(x, "TRANSPOSE") or str(x) == "T":
                return ("gpow", "T")
            if _tok(x, "DIGIT") and str(x) in ("1", "2"):
                return ("gpow", int(str(x)))
            raise _Refuse(f"\\nabla^{x}")

        def gradient_subscript(self, c):
            items = [x for x in c if not _tok(x, "UNDERSCORE", "L_BRACE", "R_BRACE")]
            items = items[0] if isinstance(items[0], list) else items
            return ("gsub", [self._v(x) for x in items])

        def partial_derivative(self, c):
            items = [x for x in c if not _tok(x, "CMD_PARTIAL", "UNDERSCORE", "L_BRACE", "R_BRACE")]
            sub, body = items[0], self._v(items[-1])
            if isinstance(sub, tuple) and sub[0] == "sub":
                var = self.resolve(_Name(sub[1])) if sub[1] is not None else sp.Symbol(sub[2])
            else:
                var = self._v(sub)
            return _derivative(body, var)

        def CMD_PARTIAL(self, tok):
            return tok

        def measure_integral(self, c):
            items = [x for x in c if not _tok(x, "FUNC_INT", "UNDERSCORE", "L_BRACE", "R_BRACE")]
            domain, body, (_, measure, var) = self._v(items[0]), self._v(items[1]), items[2]
            if isinstance(body, tuple) or isinstance(domain, tuple):
                raise _Refuse("a differential inside a measure integral's integrand or domain")
            return F.IntegralOver(body, var, domain, measure)

        def joint_limit(self, c):
            items = [self._v(x) for x in c if not _tok(x)]
            *variables, point, body = items
            if any(isinstance(v, tuple) for v in items):
                raise _Refuse("a differential in a limit")
            return F.JointLimit(body, sp.Tuple(*variables), point)

        def measure_element(self, c):
            return ("measure", self._v(c[0]), self._v(c[3]))

        def differential(self, c):
            return self._v(c[1])

        # -- big operators and extrema -------------------------------------------------------------
        def range_start(self, c):
            items = [self._v(x) for x in c if not _tok(x, "COMMA", "EQUAL")]
            return ("range", items[:-1], items[-1])

        def operator_limits(self, c):
            lower, upper = None, None
            i = 0
            while i < len(c):
                x = c[i]
                if _tok(x, "UNDERSCORE"):
                    j = i + 1
                    if _tok(c[j], "L_BRACE"):
                        lower = [self._v(y) for y in c[j + 1:] if not _tok(y)]
                        k = next(k for k in range(j + 1, len(c)) if _tok(c[k], "R_BRACE"))
                        lower = [self._v(y) for y in c[j + 1:k] if not _tok(y, "COMMA")]
                        i = k + 1
                        continue
                    lower = [self._v(c[j])]
                    i = j + 1
                    continue
                if _tok(x, "CARET"):
                    j = i + 1
                    if _tok(c[j], "L_BRACE"):
                        upper = self._v(c[j + 1])
                        i = j + 3
                    else:
                        upper = self._v(c[j])
                        if _tok(upper, "DIGIT"):
                            upper = sp.Integer(str(upper))
                        i = j + 1
                    continue
                i += 1
            return ("limits", lower, upper)

        def big_operator(self, c):
            kind = c[0].type
            body = self._v(c[-1])
            if any(_tok(x, "SUB") for x in c):
                body = -body
                c = [x for x in c if not _tok(x, "SUB")]
            limits = c[1] if len(c) > 2 else ("limits", None, None)
            _, lower, upper = limits
            exact = sp.Sum if kind == "FUNC_SUM" else sp.Product
            over = F.SumOver if kind == "FUNC_SUM" else F.ProdOver
            if lower and len(lower) == 1 and isinstance(lower[0], tuple) and lower[0][0] == "range":
                _, variables, start = lower[0]
                if upper is None:
                    return over(body, *[sp.Ge(v, start) for v in variables])
                return exact(body, *[(v, start, upper) for v in variables])
            if upper is not None:
                raise _Refuse("an upper limit without a lower one")
            if not lower:
                return over(body)
            return over(body, *[_one_relation(x) for x in lower])

        def extremum(self, c):
            op = next(x for x in c if _tok(x, "FUNC_MIN", "FUNC_MAX", "FUNC_SUP", "FUNC_INF", "FUNC_ARGMIN",
                                         "FUNC_ARGMAX"))
            body = self._v(c[-1])
            conds = next((x[1] for x in c if isinstance(x, tuple) and x and x[0] == "cond"), None)
            if conds is None:
                conds = [self._v(x) for x in c[1:-1] if not _tok(x) and not isinstance(x, tuple)]
            cls = {"FUNC_MIN": F.MinOver, "FUNC_MAX": F.MaxOver, "FUNC_SUP": F.SupOver, "FUNC_INF": F.InfOver,
                   "FUNC_ARGMIN": F.ArgminOver, "FUNC_ARGMAX": F.ArgmaxOver}[op.type]
            return cls(body, *[_one_relation(x) for x in conds])

        def extremum_condition(self, c):
            return ("cond", [_one_relation(self._v(x)) for x in c if not _tok(x, "UNDERSCORE", "L_BRACE", "R_BRACE", "COMMA")])

        def plain_extremum(self, c):
            op = c[0].type
            args = [self._v(x) for x in c[1:] if not _tok(x)]
            if op in ("FUNC_MIN", "FUNC_MAX") and len(args) > 1:
                return (sp.Min if op == "FUNC_MIN" else sp.Max)(*args)
            cls = {"FUNC_MIN": F.MinOver, "FUNC_MAX": F.MaxOver, "FUNC_SUP": F.SupOver, "FUNC_INF": F.InfOver,
                   "FUNC_ARGMIN": F.ArgminOver, "FUNC_ARGMAX": F.ArgmaxOver}[op]
            if len(args) != 1:
                raise _Refuse("an argmin or a sup of a list")
            return cls(args[0])

        # -- applications, transposes -----------------------------------------------------------
        def arguments(self, c):
            return [self._v(x) for x in c if not _tok(x, "COMMA", "SEMICOLON")]

        @v_args(meta=True)
        def applied(self, meta, c):
            value = self._apply(c)
            if not meta.empty:
                self.app_start[meta.end_pos] = meta.start_pos
                name = self.name_of(c[0])
                declared = self.symbols.get(str(name))
                if declared is not None and not _is_function(declared):
                    args = next(x for x in c[1:] if isinstance(x, list))
                    if len(args) == 1:
                        self.products[meta.end_pos] = (declared, self._v(args[0]))
                run = re.search(r"(?<![A-Za-z\\_^])[A-Za-z]+$", self.text[:meta.start_pos])
                if run is not None and re.fullmatch(r"[A-Za-z]", name):
                    word = run.group() + name
                    op = self._operator(word)
                    if op is not None:
                        with contextlib.suppress(TypeError, ValueError):     # sgn(x, y): the letters after all
                            self.words[meta.end_pos] = (run.group(), op(*self._arguments_of(c)))
            return value

        def _operator(self, word):
            """The operator a run of letters names: a declared function, or a known operator (sgn, poly, ...)."""
            declared = self.symbols.get(word)
            if declared is not None:
                return declared if _is_function(declared) else None
            return _OPERATOR_WORDS[word]() if word in _OPERATOR_WORDS else None

        def _arguments_of(self, c):
            """An application's arguments (a \\cdot placeholder as the symbol \\cdot)."""
            args = next(x for x in c[1:] if isinstance(x, list))
            return [sp.Symbol(r"\cdot") if _tok(a, "CMD_CDOT") else a for a in args]

        def _euler_times(self, exponent, args):
            """e^{-Ct}(R_0 - R*), e^t(x): Euler's number's power times the bracket (the note does not declare e)."""
            if len(args) != 1:
                raise _Refuse("e^{...} followed by a list")
            return sp.Mul(sp.exp(exponent), args[0])

        def _apply(self, c):
            name = self.name_of(c[0])
            args = self._arguments_of(c)
            declared = self.symbols.get(str(name))
            power = re.fullmatch(r"e\^([A-Za-z]+)", str(name))
            if power and declared is None and "e" not in self.symbols:
                return self._euler_times(self.resolve(_Name(power.group(1))), args)
            if declared is not None and not _is_function(declared):
                if len(args) != 1:
                    raise _Refuse(f"{name} is declared a symbol, not a function of {len(args)} arguments")
                return sp.Mul(declared, args[0])
            f = self.function(name)
            if f is Rank or f is ReLU or f in F.ORDERS.values():
                if len(args) != 1:
                    raise _Refuse(f"{name} takes one argument")
            if str(name) == "lambda_min" and declared is None and len(args) == 1:
                return LambdaMin(args[0])
            if str(name) == "W_0" and declared is None and len(args) == 1:
                return W0(args[0])
            return f(*args)

        def powered_application(self, c):
            name = c[0]
            items = [x for x in c[1:] if not _tok(x, "CARET", "L_BRACE", "R_BRACE", "L_PAREN", "R_PAREN")]
            sup, args = items[0], items[1]
            if _tok(sup, "TRANSPOSE") or str(sup) == "T":
                return F.Transposed(self._apply([name, args]))
            if self.name_of(name) == "e" and "e" not in self.symbols:
                return self._euler_times(sp.Integer(str(sup)) if _tok(sup, "DIGIT") else self._v(sup), args)
            value = self._apply([name, args])
            if _tok(sup, "DIGIT"):
                sup = sp.Integer(str(sup))
            sup = self._v(sup)
            if sup == -1:
                return sp.Function(f"{self.name_of(name)}^-1")(*args)
            return sp.Pow(value, sup)

        def transposed(self, c):
            return F.Transposed(self._v(c[0]))

        @v_args(meta=True)
        def transposed_application(self, meta, c):
            value = self._v(c[0])
            if not meta.empty:
                self.app_start[meta.end_pos] = meta.start_pos
                head = self.text[meta.start_pos:meta.end_pos]
                end = meta.start_pos + len(head[:head.rfind("^")].rstrip())
                if end in self.products:          # x(t)^T, x a declared symbol: x times t's transpose
                    x, arg = self.products[end]
                    return sp.Mul(x, F.Transposed(arg))
            return F.Transposed(value)

        def argument_product(self, c):
            return sp.Mul(self._v(c[0]), self._v(c[1]))

        def starred(self, c):
            return sp.Symbol(r"\left(%s\right)^{*}" % sp.latex(self._v(c[0])))

        def set_literal(self, c):
            items = [self._v(x) for x in c if not _tok(x)]
            if any(_tok(x, "COLON") for x in c):
                return sp.Symbol(r"\{%s : %s\}" % (sp.latex(items[0]), sp.latex(_one_relation(items[1]))))
            caret = any(_tok(x, "CARET") for x in c)
            if caret:
                power = items[-1]
                power = sp.Integer(str(power)) if _tok(power, "DIGIT") else power
                return sp.Symbol(r"\{%s\}^{%s}" % (", ".join(sp.latex(i) for i in items[:-1]), sp.latex(power)))
            return sp.FiniteSet(*items)

        def interval(self, c):
            a, b = self._v(c[1]), self._v(c[3])
            left_open, right_open = str(c[0]) == "(", str(c[-1]) == ")"
            try:
                return sp.Interval(a, b, left_open, right_open)
            except (TypeError, ValueError):
                return sp.Tuple(a, b)

        def underbraced(self, c):
            return self._v(c[2])

        def composition(self, c):
            return sp.Function(r"\circ")(self._v(c[0]), self._v(c[2]))

        def mapsto(self, c):
            return F.MapsTo(self._v(c[0]), self._v(c[2]))

        def kronecker(self, c):
            a, b = self._v(c[0]), self._v(c[2])
            if _tok(c[1], "CMD_WEDGE"):
                a, b = _one_relation(a), _one_relation(b)
                kinds = {_truth_kind(a), _truth_kind(b)}
                if "term" not in kinds or not kinds <= {"term", "symbol"}:
                    return sp.And(a, b, evaluate=False)
                return F.Meet(*(a.args if isinstance(a, F.Meet) else (a,)), b)      # h_1(x) \wedge h_2(x)
            return sp.Function(r"\otimes")(a, b)

        def text_run(self, c):
            return ("text", " ".join(str(x) for x in c[1:]))

        # -- statements -------------------------------------------------------------------------
        def relation_symbol(self, c):
            x = c[0]
            if isinstance(x, tuple) and x[0] == "relop":
                return x
            return ("relop", x.type)

        def annotated_relation(self, c):
            rel = next((x for x in c if isinstance(x, tuple) and x[0] == "relop"), None)
            if rel is not None:
                return rel
            return ("relop", "REL_TO")                 # \xrightarrow{...}

        def chain(self, c):
            terms, ops = [self._v(c[0])], []
            for i in range(1, len(c), 2):
                ops.append(c[i][1])
                terms.append(self._v(c[i + 1]))
            return _Chain(terms, ops)

        def leading_chain(self, c):
            if _tok(c[0], "IMPLIES"):
                ch = c[1]
                ch.leading = True
                return ("implied", ch)
            terms, ops = [None], []
            for i in range(0, len(c), 2):
                ops.append(c[i][1])
                terms.append(self._v(c[i + 1]))
            return _Chain(terms, ops, leading=True)

        def clause(self, c):
            items = [x for x in c if not _tok(x, "L_PAREN", "R_PAREN")]
            return self._v(items[0])

        def formula(self, c):
            clauses = [x for x in c if not _tok(x)]
            kinds = [x.type for x in c if _tok(x)]
            return ("formula", clauses, kinds)

        def binding(self, c):
            return [self._v(x) for x in c if not _tok(x)]

        def domain_binding(self, c):
            return [self._v(x) for x in c if not _tok(x)]

        def quantifier(self, c):
            return _Quantifier(c[0].type, [x for x in c[1:] if not _tok(x)])

        def statement(self, c):
            return [x for x in c if not _tok(x)]

        def latex_string(self, c):
            return c[0]

    return MLTransformer


class _Refuse(Exception):
    """A construct that parses but that the front end will not read (the message says which)."""


# letter runs that name an operator when a bracket follows (sgn(x), poly(d)): what they read as
def _sign():
    return sp.sign


_OPERATOR_WORDS = {"sgn": _sign, "sign": _sign, "rank": lambda: Rank,
                   **{w: (lambda w=w: sp.Function(w)) for w in ("poly", "polylog", "diag", "tr", "dim", "span", "supp")}}


def _truth_kind(x) -> str:
    """What a side of \\wedge is: a "relation" (a Boolean other than a symbol), a "symbol" (either), a
    "number", or a "term" (a value: h_1(x), an indicator)."""
    if isinstance(x, sp.Symbol):
        return "symbol"
    if isinstance(x, sp.Number):
        return "number"
    return "relation" if isinstance(x, sp.logic.boolalg.Boolean) else "term"


def _is_function(s) -> bool:
    return isinstance(s, sp.FunctionClass) or (isinstance(s, type) and issubclass(s, sp.Function))


def _latex_name(name: str) -> str:
    return sp.latex(sp.Symbol(name))


def _simple_sub(x) -> str | None:
    """A subscript item that can be part of a symbol's name (a letter, a word, a number), or None."""
    if isinstance(x, _Name):
        return str(x) if re.fullmatch(r"[A-Za-z0-9]+", str(x)) else None
    if isinstance(x, sp.Symbol) and re.fullmatch(r"[A-Za-z0-9]+", x.name):
        return x.name
    if isinstance(x, sp.Integer):
        return str(x)
    from lark import Token
    if isinstance(x, Token):
        if x.type in ("FUNC_MIN", "FUNC_MAX", "FUNC_SUP", "FUNC_INF"):
            return str(x)[1:]
        if x.type in ("DIGIT", "WORD"):
            return str(x)
        if x.type == "BRACED_WORD":
            return str(x).strip("{} ").replace(" ", "")
    return None


def _derivative(body, var):
    try:
        return sp.Derivative(body, var)
    except (ValueError, TypeError):
        return F.DerivativeOf(body, var)


def _one_relation(x):
    if isinstance(x, _Chain):
        rels = _chain_relations(x)
        return rels[0] if len(rels) == 1 else sp.And(*rels, evaluate=False)
    return x


def _chain_relations(ch: _Chain) -> list:
    out = []
    for i, op in enumerate(ch.ops):
        a, b = ch.terms[i], ch.terms[i + 1]
        if a is None:
            continue
        out.append(_RELATIONS[op](a, b))
    return out


# ---------------------------------------------------------------------------------------------
# entry points
# ---------------------------------------------------------------------------------------------

def _symbol_table(symbols) -> dict:
    """``symbols`` (a mapping of names to symbols or functions, or an iterable of them) by name."""
    if symbols is None:
        return {}
    if isinstance(symbols, Mapping):
        return {str(k): v for k, v in symbols.items()}
    table = {}
    for s in symbols:
        name = getattr(s, "name", None) or getattr(s, "__name__", None)
        if name is None:
            raise TypeError(f"cannot declare {s!r}: neither a SymPy symbol nor a function")
        table[str(name)] = s
    return table


# ---------------------------------------------------------------------------------------------
# the parse trees: kept in this process, and on disk within tree_cache() or after use_tree_cache()
# ---------------------------------------------------------------------------------------------

_tree_cache: Path | None = None        # None: no cache


@contextlib.contextmanager
def tree_cache(folder: str | Path | None):
    """Within the block, parse trees (and syntax errors) are read from and written to ``folder``, keyed
    by the formula's text and :func:`grammar_digest` (None: no cache). A file that cannot be read is
    parsed again and rewritten."""
    global _tree_cache
    before, _tree_cache = _tree_cache, None if folder is None else Path(folder)
    try:
        yield
    finally:
        _tree_cache = before


def use_tree_cache(folder: str | Path | None) -> Path | None:
    """Keep parse trees in ``folder`` from now on in this process, outside any :func:`tree_cache` block too
    (None: no cache); returns the folder used before. ``Statement.from_latex`` then reads a formula's tree
    instead of parsing it when a previous process parsed it: ``use_tree_cache(parse_cache_folder())``
    (``verify.extract``) before importing claims built from the note's LaTeX."""
    global _tree_cache
    before, _tree_cache = _tree_cache, None if folder is None else Path(folder)
    return before


@functools.cache
def grammar_digest() -> str:
    """What a parse tree depends on: the grammar's text (SymPy's, read from the installed package, and
    verify's), the parser's options, and Lark's and SymPy's versions."""
    import lark
    options = json.dumps(PARSER_OPTIONS, sort_keys=True)
    return hashlib.sha256(f"{lark.__version__}\0{sp.__version__}\0{options}\0{grammar_text()}".encode()).hexdigest()


def _parse_or_error(text: str):
    """The parse tree of ``text``, or (position, token, reason) of its syntax error."""
    import lark
    try:
        return lark_parser().parse(text)
    except lark.exceptions.UnexpectedCharacters as e:
        pos = e.pos_in_stream
        return pos, re.match(r"\\[A-Za-z]+|.", text[pos:], re.S).group(), ""
    except lark.exceptions.UnexpectedEOF:
        return len(text.rstrip()), "", "the formula ends too early"
    except lark.exceptions.UnexpectedToken as e:
        return (e.token.start_pos if e.token.start_pos is not None else len(text)), str(e.token), ""


def _to_json(x):
    from lark import Token, Tree
    if isinstance(x, Token):
        return ["t", x.type, str(x), x.start_pos, x.end_pos]
    if isinstance(x, Tree):
        meta = None if x.meta.empty else [x.meta.start_pos, x.meta.end_pos]
        return ["r", str(x.data), meta, [_to_json(c) for c in x.children]]
    raise TypeError(f"not a parse tree node: {x!r}")


def _from_json(x):
    from lark import Token, Tree
    from lark.tree import Meta
    if x[0] == "t":
        return Token(x[1], x[2], start_pos=x[3], end_pos=x[4])
    meta = Meta()
    if x[2] is not None:
        meta.empty = False
        meta.start_pos, meta.end_pos = x[2]
    return Tree(x[1], [_from_json(c) for c in x[3]], meta)


class _Memo(OrderedDict):
    """A bounded in-process memo (least recently used entries go first)."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def lookup(self, key):
        value = self.get(key, _MISSING)
        if value is not _MISSING:
            with contextlib.suppress(KeyError):          # another thread may have dropped it meanwhile
                self.move_to_end(key)
        return value

    def keep(self, key, value):
        self[key] = value
        while len(self) > self.size:
            with contextlib.suppress(KeyError):
                self.popitem(last=False)
        return value


_MISSING = object()
_trees = _Memo(1024)           # text -> parse tree or (position, token, reason); about 100 kB a formula with
                               # its Parsed: 1024 holds the five notes (313 formulas) and every claim
_parsed = _Memo(1024)          # (text, symbols, offset, source, folder) -> Parsed or the LatexError's arguments


def clear_memo() -> None:
    """Forget the trees and formulas parsed in this process (the next parse of a text parses it, or reads
    it from :func:`tree_cache`'s folder)."""
    _trees.clear()
    _parsed.clear()


def _parse_once(text: str):
    """:func:`_parse_or_error`, once per text and process. A tree is never changed by the transformer
    (Lark's ``Transformer`` builds new values), so one tree serves every transform of its text."""
    tree = _trees.lookup(text)
    return _trees.keep(text, _parse_or_error(text)) if tree is _MISSING else tree


def parse_tree(text: str):
    """Lark's parse tree of ``text`` or the (position, token, reason) of its syntax error, from the
    cache when :func:`tree_cache` set one, else from this process's memo."""
    if _tree_cache is None:
        return _parse_once(text)
    key = hashlib.sha256(f"{grammar_digest()}\0{text}".encode()).hexdigest()
    path = _tree_cache / key[:2] / f"{key}.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry["text"] == text:
            return tuple(entry["error"]) if "error" in entry else _from_json(entry["tree"])
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        pass
    tree = _parse_once(text)
    entry = {"text": text, **({"error": list(tree)} if isinstance(tree, tuple) else {"tree": _to_json(tree)})}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entry), encoding="utf-8")
        os.replace(tmp, path)                           # atomic: a reader never sees half an entry
    except OSError:
        pass
    return tree


def parse_formula(text: str, symbols=None, *, offset: int = 0, source: str | None = None) -> Parsed:
    """One formula (a display's line, with its layout already taken off: see
    :func:`verify.core.latex.display.split_display`) as :class:`Parsed`. ``offset`` and ``source``
    place error positions in a larger text. A formula already parsed with the same symbols (and the same
    :func:`tree_cache` folder, so that each folder gets its entry) in this process is not parsed again:
    the same :class:`Parsed` is returned (it is immutable)."""
    table = _symbol_table(symbols)
    try:
        key = (text, tuple(sorted(table.items(), key=lambda kv: kv[0])), offset, source, _tree_cache)
        hash(key)
    except TypeError:                                  # a symbol that cannot be hashed: no memo
        return _parse_formula(text, table, offset, source)
    found = _parsed.lookup(key)
    if found is _MISSING:
        try:
            found = _parse_formula(text, table, offset, source)
        except LatexError as e:
            found = (e.text, e.position, e.token, e.reason)
        _parsed.keep(key, found)
    if isinstance(found, tuple):
        raise LatexError(*found)
    return found


def _parse_formula(text: str, table: dict, offset: int, source: str | None) -> Parsed:
    import lark
    source = text if source is None else source
    if not text.strip():
        raise LatexError(source, offset, "", "an empty formula")
    tree = parse_tree(text)
    if isinstance(tree, tuple):                       # (position, token, reason) of a syntax error
        pos, token, reason = tree
        raise LatexError(source, offset + pos, token, reason)
    transformer = _transformer_class()(text, table)
    try:
        items = transformer.transform(tree)
    except lark.exceptions.VisitError as e:
        orig = e.orig_exc
        meta = getattr(e.obj, "meta", None)
        pos = getattr(meta, "start_pos", 0) if meta is not None and not getattr(meta, "empty", True) else 0
        end = getattr(meta, "end_pos", pos) if meta is not None and not getattr(meta, "empty", True) else pos
        token = text[pos:end][:40]
        reason = str(orig) if isinstance(orig, _Refuse) else f"{type(orig).__name__}: {orig}"
        raise LatexError(source, offset + pos, token, reason) from None
    return _assemble(text, items, transformer)


def _assemble(text, items, transformer) -> Parsed:
    hypotheses, bound = [], []
    relations, definitions = [], []
    expression, continues = None, False
    for item in items:
        if isinstance(item, _Quantifier):
            for binding in item.bindings:
                var = binding[0]
                vars_ = list(var.args) if isinstance(var, sp.Tuple) else [var]
                bound.extend(vars_)
                if len(binding) == 2:
                    hypotheses.extend(member(v, binding[1]) for v in vars_)
            continue
        _, clauses, kinds = item
        parts = []
        for cl in clauses:
            implied = isinstance(cl, tuple) and cl and cl[0] == "implied"
            if implied:
                cl = cl[1]
                continues = True
            if isinstance(cl, _Chain):
                if cl.leading and cl.terms[0] is None:
                    continues = True
                rels = _chain_relations(cl)
                definitions.extend(r for r, op in zip(rels, [o for i, o in enumerate(cl.ops)
                                                             if cl.terms[i] is not None]) if op == "DEFINES")
                parts.append(rels)
            else:
                cl = transformer.resolve(cl)
                if isinstance(cl, tuple):
                    raise LatexError(text, 0, text[:20], "a differential outside an integral or a derivative")
                parts.append(cl)
        if "IMPLIES" in kinds or "IFF" in kinds:
            conj = [p[0] if isinstance(p, list) and len(p) == 1 else
                    (sp.And(*p, evaluate=False) if isinstance(p, list) else p) for p in parts]
            if "IFF" in kinds:
                relations.append(sp.Equivalent(*conj, evaluate=False))
            else:
                rel = conj[-1]
                for premise in reversed(conj[:-1]):
                    rel = sp.Implies(premise, rel, evaluate=False)
                relations.append(rel)
        else:
            p = parts[0]
            if isinstance(p, list):
                relations.extend(p)
            else:
                expression = p
    return Parsed(text=text, relations=tuple(relations), expression=expression, hypotheses=tuple(hypotheses),
                  bound=tuple(bound), definitions=tuple(definitions), continues=continues)
