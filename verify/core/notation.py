"""Notation that notes use and SymPy lacks: norms, extreme eigenvalues, probabilities, bilinear forms,
Rayleigh quotients, ranks, the principal Lambert branch, ReLU.

Every notation function is a subclass of :class:`Notation` and carries all four of its aspects, in the
way SymPy's printers dispatch on the class:

* ``_latex``: how the note writes it;
* ``numpy``: its evaluation on arrays (numeric checks), vectors in the last axis and matrices in the
  last two; reductions keep their axes so that every array in a check broadcasts against every other;
* ``mpmath``: its evaluation on mpmath numbers and matrices (precise replays at 50 digits, ``evalf``);
* ``scalar_numpy``: its evaluation on float arrays in which vectors and matrices are scalars (the
  one-dimensional case, for symbolic checks' numeric screening); the array evaluation when not given;
* ``mp_array``: its evaluation on NumPy arrays of mpmath numbers (dtype object) with the same shapes
  as ``numpy`` (the numeric checks' 50-digit replay, :func:`mp_array_value`); derived from ``mpmath``
  entry by entry for an ``elementwise`` class, else from ``numpy`` in double precision when not given;
* ``interval``: its evaluation on mpmath intervals, vectors and matrices as ``mpmath.iv.matrix``
  (the certain signs of counterexample searches); none when not given;
* ``core_axes``: how many trailing axes of its arguments one value reads whole (0 for an elementwise
  function, 1 for a function of a vector, 2 where a matrix enters); a replay keeps them whole;
* ``_scaling_dim(analysis)``: how its value scales given how its arguments do (the scaling analysis of
  :mod:`verify.checks.scaling` dispatches on the class and passes itself).

The lambdify namespaces :data:`NUMPY`, :data:`MPMATH` and :data:`SCALAR_NUMPY` are derived from the
subclasses as they are defined (a plugin's own ``Notation`` subclass joins them too); nothing is listed
by hand but the evaluations of two SymPy functions that cannot carry their own (:func:`_sympy_function`).

The classes live in the engine's bottom layer rather than in :mod:`verify.maths` because the engine
(checks) needs them and may not import ``verify.maths``; ``verify.maths`` keeps NumPy/SciPy mathematics
only, and claims reach the notation through the public :mod:`verify.notation`.
"""
from __future__ import annotations

import mpmath as mp
import numpy as np
import sympy as sp
from sympy.printing.pycode import MpmathPrinter

# name printed by lambdify -> evaluation; filled by Notation.__init_subclass__, never by hand
NUMPY: dict = {}
MPMATH: dict = {}
MP_ARRAYS: dict = {}
INTERVAL: dict = {}
# Symbolic checks treat vector- and matrix-valued symbols as scalars (the one-dimensional case):
SCALAR_NUMPY: dict = {}


def _register(name: str, numpy=None, mpmath=None, scalar_numpy=None, mp_array=None, interval=None) -> None:
    for table, impl in ((NUMPY, numpy), (MPMATH, mpmath), (SCALAR_NUMPY, scalar_numpy or numpy),
                        (MP_ARRAYS, mp_array), (INTERVAL, interval)):
        if impl is not None:
            table[name] = impl


# ---------------------------------------------------------------------------------------------
# arrays of mpmath numbers: the 50-digit replay evaluates the same array expression as NumPy
# ---------------------------------------------------------------------------------------------

def mp_values(a):
    """``a`` (a float array, a number, an mpmath number) as an array of mpmath numbers (dtype object),
    floats taken exactly."""
    a = np.asarray(a, dtype=object)
    return np.vectorize(lambda v: v if isinstance(v, (mp.mpf, mp.mpc)) else mp.mpmathify(v), otypes=[object])(a)


def _plain(v):
    """A 0-d object array as its number."""
    return v.item() if isinstance(v, np.ndarray) and v.ndim == 0 else v


def elementwise(f):
    """``f`` of numbers applied entry by entry to arrays of mpmath numbers, broadcasting its arguments."""
    lifted = np.vectorize(f, otypes=[object])

    def apply(*args):
        return _plain(lifted(*args))
    apply.__name__ = getattr(f, "__name__", "elementwise")
    return apply


def _via_float(numpy_impl):
    """A function without an evaluation on mpmath arrays: its NumPy one on the values rounded to float64
    (double precision; the shapes agree with the fast evaluation)."""
    def apply(*args):
        out = numpy_impl(*(np.asarray(a, dtype=float) for a in args))
        return _plain(mp_values(out))
    return apply


def over_matrices(f, keep: int = 2):
    """A function of one matrix (an mpmath matrix in, a number out) over the last two axes of an array of
    mpmath numbers, the result keeping ``keep`` axes of length 1 (the batch axes in front)."""
    def apply(a):
        a = np.asarray(a, dtype=object)
        if a.ndim < 2:
            return f(mp.matrix([[v] for v in np.ravel(a)]) if a.ndim else a.item())
        out = np.empty(a.shape[:-2], dtype=object)
        for i in np.ndindex(out.shape):
            out[i] = f(mp.matrix(a[i].tolist()))
        return out.reshape(out.shape + (1,) * keep)
    return apply


def _mp_piecewise(*pairs):
    """Piecewise on arrays: the first branch whose condition holds, entry by entry. Branches come as
    functions and only a branch some entry takes is evaluated: a branch defined only where its condition
    holds (log(x) for x > 0, 1/(q - 1) for q != 1) is never evaluated elsewhere at a single instance."""
    conditions = [np.asarray(c, dtype=bool) for _, c in pairs]
    shape = np.broadcast_shapes(*(c.shape for c in conditions))
    done = np.zeros(shape, dtype=bool)
    taken = []
    for branch, c in zip((b for b, _ in pairs), conditions):
        take = np.broadcast_to(c, shape) & ~done
        if take.any():
            taken.append((np.asarray(branch(), dtype=object), take))
        done |= take
    if taken:
        shape = np.broadcast_shapes(shape, *(v.shape for v, _ in taken))
    out = np.full(shape, mp.nan, dtype=object)
    for v, take in taken:
        take = np.broadcast_to(take, shape)
        out[take] = np.broadcast_to(v, shape)[take]
    return _plain(out)


def _mp_extreme(pick):
    def apply(*args):
        return _plain(np.vectorize(lambda *v: pick(v), otypes=[object])(*args))
    return apply


# lambdify's mpmath printer names these functions; on arrays they apply entry by entry
MP_ARRAY_FUNCTIONS = {name: elementwise(getattr(mp, name)) for name in (
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "besseli", "besselj", "besselk", "bessely", "beta",
    "ceil", "cos", "cosh", "erf", "erfc", "exp", "expm1", "factorial", "floor", "frac", "gamma", "hypot", "log",
    "log10", "loggamma", "sign", "sin", "sinh", "sqrt", "tan", "tanh", "lambertw", "cot", "sec", "csc", "re", "im")}
MP_ARRAY_FUNCTIONS.update({name: elementwise(getattr(mp, target)) for name, target in
                           {"Abs": "fabs", "ceiling": "ceil", "ln": "log", "conjugate": "conj", "Ei": "ei", "Si": "si",
                            "Ci": "ci", "Shi": "shi", "Chi": "chi"}.items()})
MP_ARRAY_FUNCTIONS["LambertW"] = elementwise(lambda v: mp.re(mp.lambertw(v)))   # as NumPy's: the real principal branch
MP_ARRAY_FUNCTIONS.update(max=_mp_extreme(max), min=_mp_extreme(min), abs=elementwise(abs), piecewise_=_mp_piecewise,
                          heaviside_=elementwise(lambda x, h0: mp.mpf(0) if x < 0 else (mp.mpf(1) if x > 0 else h0)))


def _power(text: str, exp) -> str:
    """SymPy passes ``exp`` when the function is raised to a power."""
    return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)


class Notation(sp.Function):
    """A function of the notes' notation: prints, evaluates and scales itself (see the module docstring).

    A subclass sets the evaluations it has as staticmethods ``numpy``, ``mpmath``, ``scalar_numpy`` and
    defines ``_scaling_dim``; it is registered under its class name when defined."""
    numpy = None
    mpmath = None
    scalar_numpy = None
    mp_array = None
    interval = None
    elementwise = False      # a function of numbers applied entry by entry (its mp_array follows from mpmath)
    vector_args: tuple = ()  # the arguments that are vectors, (..., 1, n) beside a matrix (checked in simulations)
    core_axes = 2            # trailing axes of its arguments one value reads whole (0 when elementwise)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "elementwise" in cls.__dict__ and cls.elementwise and "core_axes" not in cls.__dict__:
            cls.core_axes = 0
        if not cls.__name__.startswith("_"):
            arrays = cls.mp_array
            if arrays is None and cls.elementwise and cls.mpmath is not None:
                arrays = elementwise(cls.mpmath)
            elif arrays is None and cls.numpy is not None:
                arrays = _via_float(cls.numpy)
            _register(cls.__name__, cls.numpy, cls.mpmath, cls.scalar_numpy, arrays, cls.interval)

    def _scaling_dim(self, analysis):
        """The scaling dimension of this value, from ``analysis`` (``dim``, ``product``, ``scale_free``,
        ``relation``, ``direction``); ``NotImplemented`` when the class declares none (reported as
        undeclared, never guessed)."""
        return NotImplemented

    def _eval_evalf(self, prec):
        """Numbers in, a Float out: the mpmath evaluation at the requested binary precision."""
        if self.mpmath is None or not all(all(e.is_number for e in a) if isinstance(a, sp.MatrixBase) else a.is_number
                                          for a in self.args):
            return None
        def value_of(a):
            if isinstance(a, sp.MatrixBase):       # a vector or matrix of numbers: an mpmath matrix
                return mp.matrix([[e._to_mpmath(prec + 20) for e in row] for row in a.tolist()])
            return a._to_mpmath(prec + 20)
        with mp.workprec(prec + 20):
            try:
                value = mp.mpmathify(self.mpmath(*(value_of(a) for a in self.args)))
            except (TypeError, ValueError, ZeroDivisionError):
                return None
        if not isinstance(value, mp.mpf):
            return None
        return sp.Float._new(value._mpf_, prec)


def _sympy_function(name: str, **evaluations) -> None:
    """Evaluations of a SymPy function under the name lambdify prints it with (SymPy's own classes
    cannot carry them)."""
    _register(name, **evaluations)


def lambertw(x, k=0):
    """SciPy's ``lambertw``, imported on first use (SciPy is loaded only by a claim that needs it)."""
    from scipy.special import lambertw as scipy_lambertw
    return scipy_lambertw(x, k)


# lambdify prints LambertW by name: the real principal branch on float arrays
_sympy_function("LambertW", numpy=lambda x: np.real(lambertw(x)))
# lambdify prints Abs as the builtin abs, which mpmath matrices lack: make it elementwise
_sympy_function("abs", mpmath=lambda a: a.apply(abs) if isinstance(a, mp.matrix) else abs(a))


class _MpArrayPrinter(MpmathPrinter):
    """lambdify's mpmath printer, with branches and logic that apply entry by entry on arrays."""

    def _print_Piecewise(self, expr):
        return "piecewise_(%s)" % ", ".join("(lambda: (%s), %s)" % (self._print(e), self._print(c)) for e, c in expr.args)

    def _print_Heaviside(self, expr):
        h0 = expr.args[1] if len(expr.args) > 1 else sp.S.Half
        return "heaviside_(%s, %s)" % (self._print(expr.args[0]), self._print(h0))

    def _print_And(self, expr):
        return "logical_and_(%s)" % ", ".join(self._print(a) for a in expr.args)

    def _print_Or(self, expr):
        return "logical_or_(%s)" % ", ".join(self._print(a) for a in expr.args)

    def _print_Not(self, expr):
        return "np_logical_not(%s)" % self._print(expr.args[0])


def _logical(op):
    def apply(*args):
        out = np.asarray(args[0], dtype=bool)
        for a in args[1:]:
            out = op(out, np.asarray(a, dtype=bool))
        return out
    return apply


def mp_array_function(symbols, expr):
    """``expr`` (or a list of expressions) as a function of ``symbols`` on arrays of mpmath numbers
    (:func:`mp_values`), with the shapes of the NumPy evaluation: elementwise functions entry by entry,
    notation by its ``mp_array``. Evaluate it inside ``mpmath.workdps``."""
    names = {**MP_ARRAY_FUNCTIONS, **MP_ARRAYS, "logical_and_": _logical(np.logical_and),
             "logical_or_": _logical(np.logical_or), "np_logical_not": np.logical_not}
    printer = _MpArrayPrinter({"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True,
                               "user_functions": {k: k for k in names}})
    return sp.lambdify(symbols, expr, modules=[names, "mpmath"], printer=printer, docstring_limit=0)


def _keep(a, axes):
    return np.expand_dims(a, axes)


def _mp_vec(v):
    return v if isinstance(v, mp.matrix) else mp.matrix([v])


def _iv_vec(v):
    return v if isinstance(v, mp.iv.matrix) else mp.iv.matrix([v])


def _iv_norm(v):
    """Euclidean (Frobenius) norm of an interval vector or matrix; |v| of one interval."""
    if not isinstance(v, mp.iv.matrix):
        return abs(v)
    total = mp.iv.mpf(0)
    for e in v:
        total += e ** 2
    return mp.iv.sqrt(total)


def _iv_max(parts):
    return mp.iv.mpf([max(p.a for p in parts), max(p.b for p in parts)])


# ---------------------------------------------------------------------------------------------
# reductions of a vector or a matrix
# ---------------------------------------------------------------------------------------------

class _Reduction(Notation):
    """A one-argument function of a vector or matrix; on a plain number it is its one-dimensional case.
    Its value scales as its argument."""
    nargs = 1
    template = "%s"

    @classmethod
    def eval(cls, x):
        if x.is_number:
            return cls.one_dimensional(x)

    @staticmethod
    def one_dimensional(x):
        return x

    def _latex(self, printer, exp=None):
        return _power(self.template % printer._print(self.args[0]), exp)

    def _scaling_dim(self, analysis):
        return analysis.dim(self.args[0])


class Norm(_Reduction):
    r"""Euclidean norm of a vector \|v\|_2 (absolute value of a scalar)."""
    is_nonnegative = True
    is_real = True
    template = r"\left\|%s\right\|_2"
    one_dimensional = staticmethod(sp.Abs)
    core_axes = 1
    numpy = staticmethod(lambda v: np.linalg.norm(v, axis=-1, keepdims=True))
    mpmath = staticmethod(lambda v: mp.norm(_mp_vec(v)))
    scalar_numpy = staticmethod(np.abs)
    mp_array = staticmethod(lambda v: MP_ARRAY_FUNCTIONS["sqrt"](np.sum(np.asarray(v, dtype=object) ** 2, axis=-1,
                                                                         keepdims=True)))
    interval = staticmethod(lambda v: _iv_norm(v))


class OpNorm(Norm):
    r"""Spectral norm \|A\|_2 of a matrix."""
    core_axes = 2
    numpy = staticmethod(lambda a: _keep(np.linalg.norm(a, ord=2, axis=(-2, -1)), (-2, -1)))
    mpmath = staticmethod(lambda a: mp.sqrt(max(mp.eigsy(a.T * a)[0])))
    mp_array = staticmethod(over_matrices(lambda a: mp.sqrt(max(mp.eigsy(a.T * a)[0]))))
    interval = None


class FrobNorm(Norm):
    r"""Frobenius norm \|A\|_F of a matrix."""
    template = r"\left\|%s\right\|_F"
    core_axes = 2
    numpy = staticmethod(lambda a: _keep(np.linalg.norm(a, ord="fro", axis=(-2, -1)), (-2, -1)))
    mpmath = staticmethod(lambda a: mp.mnorm(a, "f"))
    mp_array = staticmethod(lambda a: MP_ARRAY_FUNCTIONS["sqrt"](np.sum(np.asarray(a, dtype=object) ** 2,
                                                                         axis=(-2, -1), keepdims=True)))
    interval = staticmethod(lambda a: _iv_norm(a))


class LambdaMin(_Reduction):
    r"""Smallest eigenvalue of a symmetric matrix."""
    is_real = True
    template = r"\lambda_{\min}\left(%s\right)"
    numpy = staticmethod(lambda a: _keep(np.linalg.eigvalsh(a)[..., 0], (-2, -1)))
    mpmath = staticmethod(lambda a: min(mp.eigsy(a)[0]) if isinstance(a, mp.matrix) else a)    # a scalar: itself
    mp_array = staticmethod(over_matrices(lambda a: min(mp.eigsy(a)[0])))
    scalar_numpy = staticmethod(lambda a: a)


class MaxEntry(_Reduction):
    r"""max_{i,j} of a matrix's entries: "simultaneously for all i, j"."""
    is_real = True
    template = r"\max_{i,j}\left[%s\right]_{ij}"
    numpy = staticmethod(lambda a: np.max(a, axis=(-2, -1), keepdims=True))
    mpmath = staticmethod(lambda a: max(a[i, j] for i in range(a.rows) for j in range(a.cols))
                          if isinstance(a, mp.matrix) else a)
    mp_array = staticmethod(lambda a: np.max(np.asarray(a, dtype=object), axis=(-2, -1), keepdims=True))
    interval = staticmethod(lambda a: _iv_max(list(a) if isinstance(a, mp.iv.matrix) else [a]))
    scalar_numpy = staticmethod(lambda a: a)


# ---------------------------------------------------------------------------------------------
# products, probabilities
# ---------------------------------------------------------------------------------------------

class MatVec(Notation):
    r"""A matrix applied to a vector, J w."""
    nargs = 2
    vector_args = (1,)
    # J of shape (..., n, p) applied to w of shape (..., 1, p): the result keeps the rank, (..., 1, n)
    numpy = staticmethod(lambda J, w: np.einsum("...ij,...kj->...ki", J, w))
    mpmath = staticmethod(lambda J, w: J * _mp_vec(w))
    scalar_numpy = staticmethod(lambda J, w: J * w)
    mp_array = staticmethod(lambda J, w: np.einsum("...ij,...kj->...ki", np.asarray(J, dtype=object),
                                                   np.asarray(w, dtype=object)))
    interval = staticmethod(lambda J, w: J * w)

    @classmethod
    def eval(cls, J, w):
        if J.is_number and w.is_number:
            return J * w
        if isinstance(J, sp.MatrixBase) and isinstance(w, sp.MatrixBase):     # explicit entries: the product
            return J * (w if w.shape[0] == J.shape[1] else w.T)

    def _latex(self, printer, exp=None):
        return _power("%s %s" % (printer._print(self.args[0]), printer._print(self.args[1])), exp)

    def _scaling_dim(self, analysis):
        return analysis.product(*(analysis.dim(a) for a in self.args))


class SumEntries(_Reduction):
    r"""The sum of a vector's entries, \sum_i v_i (over the last axis); ``Sum(f(x[i]), (i, 1, d))`` over an
    ``IndexedBase`` x is evaluated as ``SumEntries(f(x))`` (:func:`entry_sums`), over all of x's entries.
    Scales as its argument."""
    template = r"\sum_i \left[%s\right]_i"
    core_axes = 1
    numpy = staticmethod(lambda v: np.sum(v, axis=-1, keepdims=True))
    mpmath = staticmethod(lambda v: mp.fsum(v) if isinstance(v, mp.matrix) else v)
    scalar_numpy = staticmethod(lambda v: v)
    mp_array = staticmethod(lambda v: np.sum(np.asarray(v, dtype=object), axis=-1, keepdims=True))
    interval = staticmethod(lambda v: sum(v, mp.iv.mpf(0)) if isinstance(v, mp.iv.matrix) else v)

    def _latex(self, printer, exp=None):
        return _power(self.template % printer._print(self.args[0]), exp)


def entry_sums(expr):
    """``expr`` with every ``Sum(f, (i, lo, hi))`` whose summand reads IndexedBases at the index ``i`` alone
    (``x[i]``) written as ``SumEntries(f)`` with ``x[i]`` -> the symbol ``x``: a sum over all the entries of
    the vectors (the simulation's arrays decide their length; the limits are not evaluated)."""
    expr = sp.sympify(expr)
    if not expr.has(sp.Sum):
        return expr

    def rewrite(e):
        if isinstance(e, sp.Sum) and len(e.limits) == 1:
            i = e.limits[0][0]
            body = rewrite(e.function)
            reads = body.atoms(sp.Indexed)
            if reads and all(r.indices == (i,) for r in reads if i in r.free_symbols) and \
                    i not in body.xreplace({r: sp.Symbol(str(r.base.label), real=True) for r in reads}).free_symbols:
                return SumEntries(body.xreplace({r: sp.Symbol(str(r.base.label), real=True) for r in reads
                                                 if r.indices == (i,)}))
            return e.func(body, *e.limits)
        if e.args and not e.is_Atom:
            return e.func(*(rewrite(a) for a in e.args))
        return e
    return rewrite(expr)


class ArgMin(Notation):
    r"""The minimiser of ``objective`` over the vector ``variable`` subject to ``constraints`` (a relation or
    ``And`` of relations, ``True`` for none): \operatorname{argmin}_{\beta : X\beta = y} Q(\beta). Not
    evaluated pointwise: :class:`verify.checks.LimitIsMinimiser` solves it (SciPy) where the statement
    says a simulated limit equals it. Scales as its variable."""
    nargs = 3

    def _latex(self, printer, exp=None):
        objective, variable, constraints = self.args
        under = printer._print(variable)
        if constraints is not sp.true:
            under += " : " + printer._print(constraints)
        return _power(r"\operatorname{argmin}_{%s} %s" % (under, printer._print(objective)), exp)

    def _scaling_dim(self, analysis):
        objective, variable, constraints = self.args
        analysis.dim(objective)
        analysis.relation(constraints)
        return analysis.dim(variable)


class Prob(Notation):
    r"""Probability of an event (a relation over random quantities): scale-free, the event's relation
    checked. Not evaluated pointwise (the probability checks estimate it)."""
    nargs = 1

    def _latex(self, printer, exp=None):
        return _power(r"\Pr\left[%s\right]" % printer._print(self.args[0]), exp)

    def _scaling_dim(self, analysis):
        analysis.relation(self.args[0])
        return {}


# ---------------------------------------------------------------------------------------------
# bilinear forms, Rayleigh quotients and ranks (note 003)
# ---------------------------------------------------------------------------------------------

_MP_TYPES = (mp.mpf, mp.mpc, mp.matrix)


def _is_mp(*args) -> bool:
    return any(isinstance(a, _MP_TYPES) for a in args)


def _directions(x, y):
    """Quad's and Rayleigh's directions are vectors, (..., 1, n) arrays or mpmath rows or columns: a matrix
    written where a direction belongs (a swapped symbol) is an error, not a bilinear form of its rows."""
    for v in (x, y):
        shape = (v.rows, v.cols) if isinstance(v, mp.matrix) else np.shape(v)
        if len(shape) >= 2 and min(shape[-2:]) > 1:
            raise ValueError(f"a direction of a bilinear form must be a vector, got shape {tuple(shape)}")


def _quad_numpy(A, x, y):
    _directions(x, y)
    A, x, y = (np.asarray(v, dtype=float) for v in (A, x, y))
    return np.einsum("...ai,...ij,...aj->...a", x, A, y)[..., None]


def _quad_arrays(A, x, y):
    _directions(x, y)
    A, x, y = (np.asarray(v, dtype=object) for v in (A, x, y))
    return np.einsum("...ai,...ij,...aj->...a", x, A, y)[..., None]


def _iv_quad(A, x, y):
    if not isinstance(A, mp.iv.matrix):
        return A * x * y
    return (_iv_vec(x).T * A * _iv_vec(y))[0]


def _quad_mpmath(A, x, y):
    _directions(x, y)
    if not isinstance(A, mp.matrix):
        return A * x * y
    return (_mp_vec(x).T * A * _mp_vec(y))[0]


class Quad(Notation):
    r"""The bilinear form of a matrix, A(x, y) = x^T A y: A of shape (..., n, n), x and y of shape
    (..., 1, n); the result keeps the rank, (..., 1, 1). Scales as x A y."""
    nargs = 3
    vector_args = (1, 2)
    is_real = True
    numpy = staticmethod(_quad_numpy)
    mpmath = staticmethod(_quad_mpmath)
    scalar_numpy = staticmethod(lambda A, x, y: A * x * y)
    mp_array = staticmethod(lambda A, x, y: _quad_arrays(A, x, y))
    interval = staticmethod(lambda A, x, y: _iv_quad(A, x, y))

    @classmethod
    def eval(cls, A, x, y):
        if A.is_number and x.is_number and y.is_number:     # the one-dimensional case
            return A * x * y

    def _latex(self, printer, exp=None):
        A, x, y = (printer._print(a) for a in self.args)
        text = r"%s^T %s %s" % (x, A, y)
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)

    def _scaling_dim(self, analysis):
        return analysis.product(*(analysis.dim(a) for a in self.args))


def _rayleigh_numpy(A, x, y):
    q = _quad_numpy(A, x, y)
    nx = np.linalg.norm(np.asarray(x, float), axis=-1, keepdims=True)
    ny = np.linalg.norm(np.asarray(y, float), axis=-1, keepdims=True)
    return q / (nx * ny)


def _rayleigh_mpmath(A, x, y):
    return _quad_mpmath(A, x, y) / (mp.norm(_mp_vec(x)) * mp.norm(_mp_vec(y)))


class Rayleigh(Notation):
    r"""The Rayleigh quotient R(A; x, y) = A(x, y) / (||x|| ||y||) of a bilinear form given by a matrix,
    with Euclidean norms (the norm induced by the inner product the eigenvectors are orthonormal for).
    Scales as A: homogeneous of degree 0 in each direction, which needs no dimension of its own."""
    nargs = 3
    vector_args = (1, 2)
    is_real = True
    numpy = staticmethod(_rayleigh_numpy)
    mpmath = staticmethod(_rayleigh_mpmath)
    mp_array = staticmethod(lambda A, x, y: _quad_arrays(A, x, y) / (Norm.mp_array(x) * Norm.mp_array(y)))
    interval = staticmethod(lambda A, x, y: _iv_quad(A, x, y) / (_iv_norm(x) * _iv_norm(y)))
    scalar_numpy = staticmethod(lambda A, x, y: A * x * y / (np.abs(x) * np.abs(y)))

    def _latex(self, printer, exp=None):
        A, x, y = (printer._print(a) for a in self.args)
        text = r"\mathcal{R}\left(%s; %s, %s\right)" % (A, x, y)
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)

    def _scaling_dim(self, analysis):
        analysis.direction(self.args[1])
        analysis.direction(self.args[2])
        return analysis.dim(self.args[0])


# The data of a replay come from float64 arrays: singular values below this fraction of the largest
# are round-off of exact zeros.
RANK_RTOL = 1e-10


def _rank_numpy(A):
    A = np.asarray(A, dtype=float)
    sv = np.linalg.svd(A, compute_uv=False)
    top = sv.max(axis=-1, keepdims=True)
    rank = (sv > RANK_RTOL * np.maximum(top, 1e-300)).sum(axis=-1) * (top[..., 0] > 0)
    return rank.astype(float)[..., None, None]


def _rank_mpmath(A):
    if not isinstance(A, mp.matrix):
        return mp.mpf(0 if A == 0 else 1)
    sv = mp.svd_r(A, compute_uv=False)
    top = max(abs(s) for s in sv)
    return mp.mpf(sum(1 for s in sv if abs(s) > RANK_RTOL * top)) if top > 0 else mp.mpf(0)


class Rank(Notation):
    r"""Rank of a matrix (last two axes), counting singular values above ``RANK_RTOL`` times the largest.
    Scale-free; its argument needs no dimension of its own."""
    nargs = 1
    is_integer = True
    is_nonnegative = True
    numpy = staticmethod(_rank_numpy)
    mpmath = staticmethod(_rank_mpmath)
    mp_array = staticmethod(over_matrices(_rank_mpmath))
    scalar_numpy = staticmethod(lambda A: (np.asarray(A) != 0).astype(float))

    def _latex(self, printer, exp=None):
        text = r"\operatorname{rank}\left(%s\right)" % printer._print(self.args[0])
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)

    def _scaling_dim(self, analysis):
        analysis.direction(self.args[0])
        return {}


# ---------------------------------------------------------------------------------------------
# the principal Lambert branch (note 003)
# ---------------------------------------------------------------------------------------------

def _w0_numpy(x):
    """SciPy's double-precision branch 0 on float arrays (the screening pass); NaN below -1/e."""
    a = np.asarray(x, dtype=float)
    with np.errstate(invalid="ignore"):
        out = np.where(a >= -np.exp(-1.0), lambertw(np.where(a >= -np.exp(-1.0), a, 0.0)).real, np.nan)
    out = np.where(np.isposinf(a), np.inf, out)
    return out if out.ndim else float(out)


def _w0_mpmath(x):
    """Principal branch at mpmath's working precision; NaN off the real domain x >= -1/e."""
    x = mp.mpmathify(x)
    if x < -mp.exp(-1):
        return mp.nan
    value = mp.lambertw(x)
    return mp.re(value) if isinstance(value, mp.mpc) else value


class W0(Notation, sp.LambertW):
    r"""The principal branch W_0 of the Lambert function, W_0(x) e^{W_0(x)} = x for x >= -1/e.

    Evaluated with mpmath (``mp.lambertw``) at the working precision in replays (50 digits) and in
    ``evalf``, and with SciPy's double-precision branch on float arrays (the screening pass), so
    statements written with W_0 run in every check. Positive exactly for positive arguments; its
    argument and value are scale-free."""
    numpy = staticmethod(_w0_numpy)
    mpmath = staticmethod(_w0_mpmath)
    elementwise = True

    def _eval_is_positive(self):
        x = self.args[0]
        if x.is_positive:
            return True
        if x.is_nonpositive:
            return False
        return None

    def _eval_is_nonnegative(self):
        x = self.args[0]
        if x.is_nonnegative:
            return True
        if x.is_negative:
            return False
        return None

    def _latex(self, printer, exp=None):
        text = r"W_0\left(%s\right)" % printer._print(self.args[0])
        return text if exp is None else r"W_0^{%s}\left(%s\right)" % (exp, printer._print(self.args[0]))

    def _scaling_dim(self, analysis):
        for a in self.args:
            analysis.scale_free(a, f"argument of {type(self).__name__}", self)
        return {}


# ---------------------------------------------------------------------------------------------
# ReLU (note 002)
# ---------------------------------------------------------------------------------------------

def _relu_mpmath(z):
    if isinstance(z, mp.matrix):
        return z.apply(lambda v: max(v, 0))
    return max(mp.mpmathify(z), 0)


class ReLU(Notation):
    r"""sigma(z) = max(0, z) as an unevaluated SymPy function: unlike ``Max(0, z)`` it does not query
    the assumptions of large arguments on construction (which makes written-out network expressions
    slow), yet it evaluates on numbers and on arguments of known sign, differentiates to a Heaviside,
    and rewrites to ``(z + |z|)/2`` (for limits) or ``Max``. Positively homogeneous: scales as z."""
    nargs = 1
    numpy = staticmethod(lambda z: np.maximum(z, 0.0))
    mpmath = staticmethod(_relu_mpmath)
    elementwise = True
    interval = staticmethod(lambda z: mp.iv.mpf([max(z.a, 0), max(z.b, 0)]))

    @classmethod
    def eval(cls, z):
        if z.is_number:
            return sp.Max(0, z)
        if z.is_nonnegative:
            return z
        if z.is_nonpositive:
            return sp.Integer(0)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_nonnegative(self):
        return True if self.args[0].is_real else None

    def fdiff(self, argindex=1):
        return sp.Heaviside(self.args[0])

    def _eval_rewrite_as_Abs(self, z, **kwargs):
        return (z + sp.Abs(z)) / 2

    def _eval_rewrite_as_Max(self, z, **kwargs):
        return sp.Max(0, z)

    def _latex(self, printer, exp=None):
        text = r"\operatorname{ReLU}\left(%s\right)" % printer._print(self.args[0])
        return text if exp is None else r"%s^{%s}" % (text, exp)

    def _scaling_dim(self, analysis):
        return analysis.dim(self.args[0])


def relu_sym(z):
    """ReLU as a SymPy expression (:class:`ReLU`)."""
    return ReLU(z)


def hat_sym(z):
    """The hat function sigma(2z + 1) - 2 sigma(2z) + sigma(2z - 1): 1 at z = 0, 0 for |z| >= 1/2."""
    return relu_sym(2 * z + 1) - 2 * relu_sym(2 * z) + relu_sym(2 * z - 1)
