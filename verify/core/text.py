"""Text with math in it: how a check puts an expression or a number into its summary and keeps it structured.

A :class:`Text` is a ``str`` (its plain form: what the terminal, JUnit and ``in``/``startswith`` see) that
also carries its parts: strings and :class:`Math` segments. A :class:`Math` segment holds an
expression's LaTeX, printed by :func:`verify.core.model.latex` (notation classes print the note's way),
and its plain form, printed by :func:`plain` (SymPy's ``sstr``, floats rounded, ``a = b`` for an equation). Renderers choose: Markdown writes ``$latex$``
(:func:`markdown`), HTML MathML (``verify.report.html``), the terminal the plain form. ``results.json``
keeps the parts (:func:`to_json`, :func:`from_json`).

Checks build texts with :func:`say`: its arguments are joined; SymPy expressions become math, floats
become numbers to :data:`SIGNIFICANT` significant digits (:func:`num`), mappings of values (a
counterexample) become ``name = value`` assignments, lists of numbers ``[a, b]``, other texts keep their
parts; :func:`apart` prints two numbers a comparison sets apart with the digits it needs. A ``str`` operation
on a text (an f-string, ``%``, ``.format``) gives its plain form only: join texts with :func:`say` or
``+`` (``"check: " + text`` is a text).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable, Mapping

import numpy as np
import sympy as sp
from sympy.printing.str import StrPrinter

SIGNIFICANT = 4        # significant digits of every number a summary or finding prints

__all__ = ["SIGNIFICANT", "Math", "Text", "say", "math_of", "num", "apart", "plain", "assignments", "markdown", "to_json",
           "from_json", "parts_of"]


# ---------------------------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------------------------

def num(x, digits: int = SIGNIFICANT) -> str:
    """A number as findings print it: integers exactly, other reals to ``digits`` significant digits
    (``0.6667``, ``1.235e+05``), rationals as ``p/q``; anything else as ``str``."""
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, sp.Integer):
        return str(int(x))
    if isinstance(x, sp.Rational):
        return f"{x.p}/{x.q}"
    if isinstance(x, (float, np.floating, sp.Float)):
        v = float(x)
        if math.isnan(v) or math.isinf(v):
            return str(v)
        return format(v, f".{digits}g")
    return str(x)


def apart(a, b, digits: int = SIGNIFICANT) -> tuple[str, str]:
    """``a`` and ``b`` printed by :func:`num` at the fewest digits (at least ``digits``) that tell them
    apart, so a comparison such as "Pr = 0.49999 < 0.5" never prints as "0.5 < 0.5"."""
    for d in range(digits, 18):
        x, y = num(a, d), num(b, d)
        if x != y or a == b:
            return x, y
    return num(a, 17), num(b, 17)


def _num_latex(text: str) -> str:
    """LaTeX of a number printed by :func:`num`: ``1.235e+05`` -> ``1.235 \\cdot 10^{5}``."""
    m = re.fullmatch(r"(-?[\d.]+)e([+-]\d+)", text)
    if m is None:
        return r"\frac{%s}{%s}" % tuple(text.split("/")) if "/" in text else text
    exponent = int(m.group(2))
    return (m.group(1) + r" \cdot " if m.group(1) not in ("1", "-1") else m.group(1)[:-1]) + "10^{%d}" % exponent


# ---------------------------------------------------------------------------------------------
# the plain form of an expression
# ---------------------------------------------------------------------------------------------

class _PlainPrinter(StrPrinter):
    """SymPy's one-line string printer (``sstr``), floats to :data:`SIGNIFICANT` digits, an equation as
    ``a = b`` (not ``Eq(a, b)``)."""

    def _print_Float(self, expr):
        return num(expr)

    def _print_Equality(self, expr):
        return "%s = %s" % (self._print(expr.lhs), self._print(expr.rhs))


def plain(expr) -> str:
    """The plain (terminal) form of an expression: SymPy's ``sstr``, the form the evidence in
    ``results.json`` uses (so a reader can search for it there), with floats to :data:`SIGNIFICANT`
    significant digits, and equations written ``a = b``."""
    return _PlainPrinter({"order": None}).doprint(expr)


# ---------------------------------------------------------------------------------------------
# math segments and texts
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Math:
    """An expression in a text: its LaTeX (note's notation) and its plain form."""
    latex: str
    plain: str

    def to_json(self) -> dict:
        return {"latex": self.latex, "plain": self.plain}


def math_of(expr) -> Math:
    """The math segment of a SymPy expression or relation."""
    from .model import latex         # the engine's notation printer (model imports this module)
    if isinstance(expr, sp.Basic):   # floats in it to the stated precision
        floats = expr.atoms(sp.Float)
        if floats:
            with sp.evaluate(False):
                expr = expr.xreplace({f: sp.Float(num(f), SIGNIFICANT) for f in floats})
    return Math(latex(expr), plain(expr))


def _merge(parts: Iterable) -> tuple:
    """Adjacent strings joined, empty strings dropped."""
    out: list = []
    for p in parts:
        if isinstance(p, str):
            p = str(p)
            if not p:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += p
                continue
        out.append(p)
    return tuple(out)


class Text(str):
    """A ``str`` (the plain form) with parts: strings and :class:`Math` segments. Two texts are equal
    when their parts are; a text equals a ``str`` when it has no math and the strings are equal."""
    parts: tuple

    def __new__(cls, parts: Iterable = ()):
        parts = _merge(parts)
        self = super().__new__(cls, "".join(p if isinstance(p, str) else p.plain for p in parts))
        self.parts = parts
        return self

    @property
    def has_math(self) -> bool:
        return any(isinstance(p, Math) for p in self.parts)

    def __add__(self, other):
        if isinstance(other, str):
            return Text(self.parts + parts_of(other))
        return NotImplemented

    def __radd__(self, other):
        if isinstance(other, str):
            return Text(parts_of(other) + self.parts)
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, Text):
            return self.parts == other.parts
        if isinstance(other, str):
            return not self.has_math and str.__eq__(self, other)
        return NotImplemented

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = str.__hash__

    def __reduce__(self):
        return (Text, (self.parts,))

    def __repr__(self):
        return f"Text({self.parts!r})"

    def strip(self, chars=None):
        """The text without leading and trailing whitespace (math kept)."""
        parts = list(self.parts)
        if parts and isinstance(parts[0], str):
            parts[0] = parts[0].lstrip(chars)
        if parts and isinstance(parts[-1], str):
            parts[-1] = parts[-1].rstrip(chars)
        return Text(parts)

    def truncated(self, limit: int, ellipsis: str = "…") -> "Text":
        """At most about ``limit`` characters of plain text; a math segment is kept whole or dropped."""
        if len(self) <= limit:
            return self
        out, used = [], 0
        for p in self.parts:
            size = len(p) if isinstance(p, str) else len(p.plain)
            if used + size <= limit - 1:
                out.append(p)
                used += size
                continue
            if isinstance(p, str):
                out.append(p[: max(0, limit - 1 - used)].rstrip())
            break
        return Text(out + [ellipsis])


def parts_of(value) -> tuple:
    """The parts of a text, or of a plain string."""
    return value.parts if isinstance(value, Text) else ((str(value),) if value != "" else ())


def assignments(values: Mapping, sep: str = ", ") -> Text:
    """``name = value`` for each entry of a mapping (a counterexample, a configuration), as math: the
    names as symbols, numbers to :data:`SIGNIFICANT` digits, in the mapping's order."""
    from .model import latex
    out: list = []
    for k, (name, v) in enumerate(values.items()):
        if k:
            out.append(sep)
        name = str(name)
        symbol = latex(sp.Symbol(name)) if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name) else r"\text{%s}" % name
        if isinstance(v, sp.Basic) and not v.is_Number:
            value = math_of(v)
            out.append(Math(f"{symbol} = {value.latex}", f"{name} = {value.plain}"))
            continue
        shown = num(v) if isinstance(v, (int, float, np.number, sp.Number, Fraction)) else str(v)
        if isinstance(v, str) and not re.fullmatch(r"-?\d+/\d+", v):    # "p/q": a rational kept exact as text
            try:
                shown = num(float(v))           # a number the evidence keeps as text
            except ValueError:
                pass
        out.append(Math(f"{symbol} = {_num_latex(shown)}", f"{name} = {shown}"))
    return Text(out)


def _listed(values) -> str:
    """A (nested) list of numbers, each to :data:`SIGNIFICANT` digits."""
    if isinstance(values, (list, tuple, np.ndarray)):
        return "[" + ", ".join(_listed(v) for v in values) + "]"
    return num(values) if isinstance(values, (int, float, np.number)) else str(values)


def say(*pieces: Any) -> Text:
    """A text from pieces: strings as they are, texts with their parts, SymPy objects as math, floats
    as numbers (:func:`num`), mappings as :func:`assignments`, anything else as ``str``."""
    out: list = []
    for p in pieces:
        if isinstance(p, str):
            out += parts_of(p)
        elif isinstance(p, Math):
            out.append(p)
        elif isinstance(p, (bool, np.bool_)):
            out.append(str(bool(p)))
        elif isinstance(p, sp.Basic):
            out.append(math_of(p))
        elif isinstance(p, (int, float, np.number, Fraction)):
            out.append(num(p))
        elif isinstance(p, Mapping):
            out += assignments(p).parts
        elif isinstance(p, (list, tuple)):
            out.append(_listed(p))
        else:
            out.append(str(p))
    return Text(out)


def markdown(text: str, escape=lambda s: s, math=lambda latex: latex) -> str:
    """A text for Markdown: strings through ``escape``, math as ``$latex$`` (through ``math``)."""
    return "".join(escape(p) if isinstance(p, str) else f"${math(p.latex)}$" for p in parts_of(text))


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------

def to_json(text: str):
    """A text in ``results.json``: a string when it has no math, else a list of parts (strings and
    ``{"latex", "plain"}`` objects)."""
    if isinstance(text, Text) and text.has_math:
        return [p if isinstance(p, str) else p.to_json() for p in text.parts]
    return str(text)


def from_json(value) -> str:
    """The inverse of :func:`to_json`."""
    if isinstance(value, str):
        return value
    return Text(p if isinstance(p, str) else Math(p["latex"], p["plain"]) for p in value)
