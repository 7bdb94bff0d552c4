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
from scipy.special import lambertw

# name printed by lambdify -> evaluation; filled by Notation.__init_subclass__, never by hand
NUMPY: dict = {}
MPMATH: dict = {}
# Symbolic checks treat vector- and matrix-valued symbols as scalars (the one-dimensional case):
SCALAR_NUMPY: dict = {}


def _register(name: str, numpy=None, mpmath=None, scalar_numpy=None) -> None:
    for table, impl in ((NUMPY, numpy), (MPMATH, mpmath), (SCALAR_NUMPY, scalar_numpy or numpy)):
        if impl is not None:
            table[name] = impl


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

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.__name__.startswith("_"):
            _register(cls.__name__, cls.numpy, cls.mpmath, cls.scalar_numpy)

    def _scaling_dim(self, analysis):
        """The scaling dimension of this value, from ``analysis`` (``dim``, ``product``, ``scale_free``,
        ``relation``, ``direction``); ``NotImplemented`` when the class declares none (reported as
        undeclared, never guessed)."""
        return NotImplemented

    def _eval_evalf(self, prec):
        """Numbers in, a Float out: the mpmath evaluation at the requested binary precision."""
        if self.mpmath is None or not all(a.is_number for a in self.args):
            return None
        with mp.workprec(prec + 20):
            try:
                value = mp.mpmathify(self.mpmath(*(a._to_mpmath(prec + 20) for a in self.args)))
            except (TypeError, ValueError, ZeroDivisionError):
                return None
        if not isinstance(value, mp.mpf):
            return None
        return sp.Float._new(value._mpf_, prec)


def _sympy_function(name: str, **evaluations) -> None:
    """Evaluations of a SymPy function under the name lambdify prints it with (SymPy's own classes
    cannot carry them)."""
    _register(name, **evaluations)


# lambdify prints LambertW by name: the real principal branch on float arrays
_sympy_function("LambertW", numpy=lambda x: np.real(lambertw(x)))
# lambdify prints Abs as the builtin abs, which mpmath matrices lack: make it elementwise
_sympy_function("abs", mpmath=lambda a: a.apply(abs) if isinstance(a, mp.matrix) else abs(a))


def _keep(a, axes):
    return np.expand_dims(a, axes)


def _mp_vec(v):
    return v if isinstance(v, mp.matrix) else mp.matrix([v])


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
    numpy = staticmethod(lambda v: np.linalg.norm(v, axis=-1, keepdims=True))
    mpmath = staticmethod(lambda v: mp.norm(_mp_vec(v)))
    scalar_numpy = staticmethod(np.abs)


class OpNorm(Norm):
    r"""Spectral norm \|A\|_2 of a matrix."""
    numpy = staticmethod(lambda a: _keep(np.linalg.norm(a, ord=2, axis=(-2, -1)), (-2, -1)))
    mpmath = staticmethod(lambda a: mp.sqrt(max(mp.eigsy(a.T * a)[0])))


class FrobNorm(Norm):
    r"""Frobenius norm \|A\|_F of a matrix."""
    template = r"\left\|%s\right\|_F"
    numpy = staticmethod(lambda a: _keep(np.linalg.norm(a, ord="fro", axis=(-2, -1)), (-2, -1)))
    mpmath = staticmethod(lambda a: mp.mnorm(a, "f"))


class LambdaMin(_Reduction):
    r"""Smallest eigenvalue of a symmetric matrix."""
    is_real = True
    template = r"\lambda_{\min}\left(%s\right)"
    numpy = staticmethod(lambda a: _keep(np.linalg.eigvalsh(a)[..., 0], (-2, -1)))
    mpmath = staticmethod(lambda a: min(mp.eigsy(a)[0]))
    scalar_numpy = staticmethod(lambda a: a)


class MaxEntry(_Reduction):
    r"""max_{i,j} of a matrix's entries: "simultaneously for all i, j"."""
    is_real = True
    template = r"\max_{i,j}\left[%s\right]_{ij}"
    numpy = staticmethod(lambda a: np.max(a, axis=(-2, -1), keepdims=True))
    mpmath = staticmethod(lambda a: max(a[i, j] for i in range(a.rows) for j in range(a.cols)))
    scalar_numpy = staticmethod(lambda a: a)


# ---------------------------------------------------------------------------------------------
# products, probabilities
# ---------------------------------------------------------------------------------------------

class MatVec(Notation):
    r"""A matrix applied to a vector, J w."""
    nargs = 2
    # J of shape (..., n, p) applied to w of shape (..., 1, p): the result keeps the rank, (..., 1, n)
    numpy = staticmethod(lambda J, w: np.einsum("...ij,...kj->...ki", J, w))
    mpmath = staticmethod(lambda J, w: J * _mp_vec(w))
    scalar_numpy = staticmethod(lambda J, w: J * w)

    @classmethod
    def eval(cls, J, w):
        if J.is_number and w.is_number:
            return J * w

    def _latex(self, printer, exp=None):
        return _power("%s %s" % (printer._print(self.args[0]), printer._print(self.args[1])), exp)

    def _scaling_dim(self, analysis):
        return analysis.product(*(analysis.dim(a) for a in self.args))


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


def _quad_mpmath(A, x, y):
    _directions(x, y)
    if not isinstance(A, mp.matrix):
        return A * x * y
    return (_mp_vec(x).T * A * _mp_vec(y))[0]


class Quad(Notation):
    r"""The bilinear form of a matrix, A(x, y) = x^T A y: A of shape (..., n, n), x and y of shape
    (..., 1, n); the result keeps the rank, (..., 1, 1). Scales as x A y."""
    nargs = 3
    is_real = True
    numpy = staticmethod(_quad_numpy)
    mpmath = staticmethod(_quad_mpmath)
    scalar_numpy = staticmethod(lambda A, x, y: A * x * y)

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
    is_real = True
    numpy = staticmethod(_rayleigh_numpy)
    mpmath = staticmethod(_rayleigh_mpmath)
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
