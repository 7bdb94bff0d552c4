"""Notation the LaTeX front end produces where the engine has no class of its own (the engine's classes,
:mod:`verify.core.notation`, are used wherever they fit: ``Norm``, ``FrobNorm``, ``Prob``, ``Rank``,
``ReLU``, ``W0``, ``LambdaMin``).

Every class here prints back the note's way (``_latex``), so that ``verify.core.model.latex`` of a parsed
formula parses again to the same expression. They are :class:`~verify.core.notation.Notation` functions
without evaluations: the numeric checks cannot evaluate them (an expectation, a gradient of an unknown
function), and their scaling is undeclared, which the scaling analysis reports rather than guesses.

Relations a SymPy ``Relational`` cannot carry (``\\lesssim``, ``\\sim``, ``\\to``, membership) are
:class:`AsymptoticRelation` objects: Boolean functions of their two sides.
"""
from __future__ import annotations

import functools

import mpmath as mp
import numpy as np
import sympy as sp
from sympy.logic.boolalg import BooleanFunction

from ..notation import Notation


def _p(printer, e) -> str:
    return printer._print(e)


def _power(text: str, exp) -> str:
    return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)


def _condition(printer, cond) -> str:
    if isinstance(cond, sp.Tuple):
        return ", ".join(_condition(printer, c) for c in cond)
    return _p(printer, cond)


class _Unevaluated(Notation):
    """Notation no numeric check can evaluate without code (an expectation, a gradient of an unknown
    function, an optimum over a set, an order of growth)."""


def _p_norm_numpy(x, p):
    p = np.asarray(p, dtype=float)
    return np.sum(np.abs(x) ** p, axis=-1, keepdims=True) ** (1 / p)


class SubNorm(Notation):
    r"""A norm with a subscript the engine has no class for: \|x\|_1, \|X\|_*, \|f\|_{\mathcal{B}}. A
    numeric subscript p is the vector p-norm (last axis); a scalar's norm is its absolute value."""
    nargs = 2
    is_real = True
    is_nonnegative = True
    numpy = staticmethod(_p_norm_numpy)
    mpmath = staticmethod(lambda x, p: mp.norm(x if isinstance(x, mp.matrix) else mp.matrix([x]), p))
    scalar_numpy = staticmethod(lambda x, p: np.abs(x))

    @classmethod
    def eval(cls, x, sub):
        if x.is_number and sub.is_number:
            return sp.Abs(x)

    def _latex(self, printer, exp=None):
        x, sub = self.args
        return _power(r"\left\|%s\right\|_{%s}" % (_p(printer, x), _p(printer, sub)), exp)


class Inner(Notation):
    r"""An inner product \langle x, y \rangle (Euclidean: vectors in the last axis; of scalars, x y)."""
    nargs = 2
    numpy = staticmethod(lambda x, y: np.sum(np.asarray(x) * np.asarray(y), axis=-1, keepdims=True))
    mpmath = staticmethod(lambda x, y: (x.T * y)[0] if isinstance(x, mp.matrix) else x * y)
    scalar_numpy = staticmethod(lambda x, y: x * y)

    @classmethod
    def eval(cls, x, y):
        if x.is_number and y.is_number:
            return x * y

    def _latex(self, printer, exp=None):
        return _power(r"\left\langle %s, %s\right\rangle" % tuple(_p(printer, a) for a in self.args), exp)


class Expectation(_Unevaluated):
    r"""\mathbb{E}_{cond}[X]: the expectation of its first argument; the others are its subscript
    (the variable averaged over, or a distribution ``Distributed(x, D)``)."""

    def _latex(self, printer, exp=None):
        body, *conds = self.args
        sub = "_{%s}" % ", ".join(_condition(printer, c) for c in conds) if conds else ""
        return _power(r"\mathbb{E}%s\left[%s\right]" % (sub, _p(printer, body)), exp)


class ProbOver(_Unevaluated):
    r"""\Pr_{cond}[event]: a probability with a subscript (``Prob`` of the engine has none)."""
    nargs = 2

    def _latex(self, printer, exp=None):
        event, cond = self.args
        return _power(r"\Pr_{%s}\left[%s\right]" % (_condition(printer, cond), _p(printer, event)), exp)


class Indicator(_Unevaluated):
    r"""\mathbb{1}\{event\}."""

    def _latex(self, printer, exp=None):
        return _power(r"\mathbb{1}\left\{%s\right\}" % ", ".join(_p(printer, a) for a in self.args), exp)


class Entry(_Unevaluated):
    r"""[A]_{i,j}: an entry of a bracketed matrix expression (the index as written)."""
    nargs = 2

    def _latex(self, printer, exp=None):
        return _power(r"\left[%s\right]_{%s}" % tuple(_p(printer, a) for a in self.args), exp)


class Distributed(_Unevaluated):
    r"""x \sim D inside a subscript or an argument (the variable and its law)."""
    nargs = 2

    def _latex(self, printer, exp=None):
        return r"%s \sim %s" % tuple(_p(printer, a) for a in self.args)


class Grad(_Unevaluated):
    r"""\nabla_{w} f: the gradient of its first argument, with respect to the others when written."""
    head = r"\nabla"

    def _latex(self, printer, exp=None):
        body, *wrt = self.args
        sub = "_{%s}" % ", ".join(_p(printer, w) for w in wrt) if wrt else ""
        return _power(r"%s%s %s" % (self.head, sub, _p(printer, body)), exp)


class Hessian(Grad):
    r"""\nabla^2_{w} f."""
    head = r"\nabla^{2}"


class Transposed(Notation):
    r"""x^\top of a vector- or matrix-valued symbol (SymPy's ``Transpose`` needs matrix symbols): the last
    two axes swapped; a scalar is its own transpose."""
    nargs = 1
    numpy = staticmethod(lambda a: np.swapaxes(a, -1, -2) if np.ndim(a) >= 2 else a)
    mpmath = staticmethod(lambda a: a.T if isinstance(a, mp.matrix) else a)
    scalar_numpy = staticmethod(lambda a: a)

    @classmethod
    def eval(cls, x):
        if x.is_number:
            return x

    def _latex(self, printer, exp=None):
        x = self.args[0]
        inner = _p(printer, x)
        if not (x.is_Symbol or isinstance(x, sp.Function)):
            inner = r"\left(%s\right)" % inner
        return _power(r"%s^{\top}" % inner, exp)


class _Over(_Unevaluated):
    """An operator over a condition: min_{u} f(u), sup_{t >= 0} ...; the body first, the conditions after."""
    command = ""

    def _latex(self, printer, exp=None):
        body, *conds = self.args
        sub = "_{%s}" % ", ".join(_condition(printer, c) for c in conds) if conds else ""
        return _power(r"%s%s %s" % (self.command, sub, _p(printer, body)), exp)


class MinOver(_Over):
    command = r"\min"


class MaxOver(_Over):
    command = r"\max"


class SupOver(_Over):
    command = r"\sup"


class InfOver(_Over):
    command = r"\inf"


class ArgminOver(_Over):
    command = r"\operatorname{argmin}"


class ArgmaxOver(_Over):
    command = r"\operatorname{argmax}"


class SumOver(_Over):
    r"""\sum_{i} x_i or \sum_{i \in S} x_i: a sum whose range is not written as bounds."""
    command = r"\sum"


class ProdOver(_Over):
    command = r"\prod"


class IntegralOver(_Unevaluated):
    r"""\int_B g(x) \mu(dx): the integral of ``g`` (first argument) in the variable ``x`` (second) over the
    set ``B`` (third) against the measure ``\mu`` (fourth)."""
    nargs = 4

    def _latex(self, printer, exp=None):
        from sympy.printing.precedence import PRECEDENCE
        body, var, domain, measure = self.args
        return _power(r"\int_{%s} %s \, %s(d %s)" % (_p(printer, domain), printer.parenthesize(body, PRECEDENCE["Mul"]),
                                                    _p(printer, measure), _p(printer, var)), exp)


class JointLimit(_Unevaluated):
    r"""\lim_{m, t \to \infty} X: the limit of ``X`` (first argument) as the variables (second, a tuple)
    tend together to the point (third). A sum is printed in parentheses, so that it reads back whole."""
    nargs = 3

    def _latex(self, printer, exp=None):
        body, variables, point = self.args
        inner = _p(printer, body)
        if isinstance(body, sp.Add):
            inner = r"\left(%s\right)" % inner
        names = ", ".join(_p(printer, v) for v in variables)
        return _power(r"\lim_{%s \to %s} %s" % (names, _p(printer, point), inner), exp)


class _Order(_Unevaluated):
    """Asymptotic notation O(x): an unevaluated function of its argument (SymPy's ``Order`` simplifies
    its argument and fixes a limit point, which the notes do not)."""
    nargs = 1
    command = ""

    def _latex(self, printer, exp=None):
        return _power(r"%s\left(%s\right)" % (self.command, _p(printer, self.args[0])), exp)


class BigO(_Order):
    command = "O"


class CalO(_Order):
    r"""\mathcal{O}(x), the same as O(x), written the note's way."""
    command = r"\mathcal{O}"


class SoftO(_Order):
    command = r"\tilde{O}"


class BigOmega(_Order):
    command = r"\Omega"


class BigTheta(_Order):
    command = r"\Theta"


class LittleO(_Order):
    command = "o"


def order_at(var, point=sp.oo):
    r"""The note's O(.) read at the limit point its formula leaves implicit: a function to declare for the
    name the parser gives it (``"O"``, ``"Ocal"`` for ``\mathcal{O}``) in a claim's symbols, so that
    ``O(1/\kappa)`` is SymPy's ``Order(1/kappa, (kappa, oo))``: ``Statement.from_quote({**SYMBOLS, "O":
    order_at(kappa)})``."""
    class OrderAt(sp.Function):
        nargs = 1

        @classmethod
        def eval(cls, x):
            return sp.O(x, (var, point))
    OrderAt.__name__ = f"OrderAt_{var}_{point}"
    return OrderAt


def unevaluated(expr) -> list[str]:
    """The names of the notation in ``expr`` that no numeric check evaluates without code."""
    if not isinstance(expr, sp.Basic):
        return []
    return sorted({type(a).__name__ for a in sp.preorder_traversal(expr) if isinstance(a, _Unevaluated)})


ORDERS = {"O": BigO, "Ocal": CalO, "Otilde": SoftO, "Omega": BigOmega, "Theta": BigTheta, "o": LittleO}


class DerivativeOf(_Unevaluated):
    r"""\frac{d}{dt} X or \partial_t X of an expression SymPy cannot differentiate as written (a norm of
    an unknown vector): unevaluated."""
    nargs = 2

    def _latex(self, printer, exp=None):
        body, var = self.args
        return _power(r"\frac{d}{d %s} %s" % (_p(printer, var), _p(printer, body)), exp)


class Jacobian(_Unevaluated):
    r"""D h(w), D^2 h(w): the derivative (Jacobian, differential) of the function h at the point w, as notes
    write it without a backslash: its first argument is the application h(w), its second the order (1 when
    not given). Numeric checks do not evaluate it (h is unknown where the note writes it); ``doit`` gives
    SymPy's derivative, which evaluates once h is replaced by an expression: h'(w) for one argument, the row
    of partial derivatives for several."""
    nargs = (1, 2)

    @property
    def order(self) -> int:
        return int(self.args[1]) if len(self.args) > 1 else 1

    def _latex(self, printer, exp=None):
        head = "D" if self.order == 1 else "D^{%d}" % self.order
        body = self.args[0]
        if isinstance(body, sp.core.function.AppliedUndef):     # h\left(w\right), as the note writes it
            name = _p(printer, sp.Symbol(body.func.__name__))
            text = r"%s %s\left(%s\right)" % (head, name, ", ".join(_p(printer, a) for a in body.args))
        else:
            text = r"%s %s" % (head, _p(printer, body))
        return _power(text, exp)

    def doit(self, **hints):
        """SymPy's derivative of h at w (``Subs(Derivative(h(x), x), x, w)``, which evaluates when h is
        replaced by an expression); the row of partial derivatives when h has several arguments."""
        body = self.args[0]
        if not isinstance(body, sp.core.function.AppliedUndef):
            return self
        point = body.args
        xs = sp.symbols(f"x0:{len(point)}", cls=sp.Dummy)
        if len(point) == 1:
            return sp.Subs(sp.Derivative(body.func(xs[0]), (xs[0], self.order)), xs[0], point[0]).doit(**hints)
        if self.order != 1:
            return self
        return sp.Matrix([[sp.Subs(sp.Derivative(body.func(*xs), x), xs, point).doit(**hints) for x in xs]])


class Meet(Notation):
    r"""a \wedge b of terms that are not relations (h_1(x) \wedge h_2(x), indicators, steps): their meet, the
    minimum, which for {0,1}-valued terms is the logical and (and their product)."""
    elementwise = True
    numpy = staticmethod(lambda *a: functools.reduce(np.minimum, a))
    mpmath = staticmethod(lambda *a: min(a))

    @classmethod
    def eval(cls, *args):
        if args and all(a.is_number and a.is_real for a in args):
            return sp.Min(*args)

    def _latex(self, printer, exp=None):
        return _power(r" \wedge ".join(_p(printer, a) for a in self.args), exp)


class In(BooleanFunction):
    r"""x \in S where S is not a SymPy set (\mathbb{R}^d, \mathcal{U}, [c])."""
    nargs = 2

    def _latex(self, printer):
        return r"%s \in %s" % tuple(_p(printer, a) for a in self.args)


class AsymptoticRelation(BooleanFunction):
    """A relation between two expressions that SymPy has no class for (``\\lesssim``, ``\\sim``, ``\\to``,
    ``\\succeq``...). ``lhs`` and ``rhs`` as for SymPy's relations."""
    nargs = 2
    command = ""
    compares_sides = True       # the scaling analysis compares lhs and rhs, as for SymPy's relations

    @property
    def lhs(self):
        return self.args[0]

    @property
    def rhs(self):
        return self.args[1]

    def _latex(self, printer):
        return r"%s %s %s" % (_p(printer, self.lhs), self.command, _p(printer, self.rhs))


class Lesssim(AsymptoticRelation):
    command = r"\lesssim"


class Gtrsim(AsymptoticRelation):
    command = r"\gtrsim"


class Asymp(AsymptoticRelation):
    command = r"\asymp"


class Sim(AsymptoticRelation):
    command = r"\sim"


class Propto(AsymptoticRelation):
    command = r"\propto"


class Approx(AsymptoticRelation):
    command = r"\approx"


class MuchLess(AsymptoticRelation):
    command = r"\ll"


class MuchGreater(AsymptoticRelation):
    command = r"\gg"


class Tends(AsymptoticRelation):
    command = r"\to"


class SuccEq(AsymptoticRelation):
    command = r"\succeq"


class PrecEq(AsymptoticRelation):
    command = r"\preceq"


class Succ(AsymptoticRelation):
    command = r"\succ"


class Prec(AsymptoticRelation):
    command = r"\prec"


class Equiv(AsymptoticRelation):
    command = r"\equiv"


class SubsetEq(AsymptoticRelation):
    command = r"\subseteq"


class NotIn(AsymptoticRelation):
    command = r"\notin"


class MapsTo(BooleanFunction):
    r"""x \mapsto expr: a function's rule (its two sides have no common dimension)."""
    nargs = 2

    def _latex(self, printer):
        return r"%s \mapsto %s" % tuple(_p(printer, a) for a in self.args)
