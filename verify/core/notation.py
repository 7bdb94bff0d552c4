"""Notation that notes use and SymPy lacks: norms, extreme eigenvalues, probabilities.

Each is a SymPy function that prints as the note writes it and evaluates on arrays (numeric checks)
with vectors in the last axis and matrices in the last two; reductions keep their axes so that every
array in a check broadcasts against every other.
"""
from __future__ import annotations

import mpmath as mp
import numpy as np
import sympy as sp
from scipy.special import lambertw


def _power(text: str, exp) -> str:
    """SymPy passes ``exp`` when the function is raised to a power."""
    return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)


class _Reduction(sp.Function):
    """A one-argument function of a vector or matrix; on a plain number it is its one-dimensional case."""
    nargs = 1
    template = "%s"

    @classmethod
    def eval(cls, x):
        if x.is_number:
            return cls.scalar(x)

    @staticmethod
    def scalar(x):
        return x

    def _latex(self, printer, exp=None):
        return _power(self.template % printer._print(self.args[0]), exp)


class Norm(_Reduction):
    r"""Euclidean norm of a vector \|v\|_2 (absolute value of a scalar)."""
    is_nonnegative = True
    is_real = True
    template = r"\left\|%s\right\|_2"
    scalar = staticmethod(sp.Abs)


class OpNorm(Norm):
    r"""Spectral norm \|A\|_2 of a matrix."""


class FrobNorm(Norm):
    r"""Frobenius norm \|A\|_F of a matrix."""
    template = r"\left\|%s\right\|_F"


class LambdaMin(_Reduction):
    r"""Smallest eigenvalue of a symmetric matrix."""
    is_real = True
    template = r"\lambda_{\min}\left(%s\right)"


class MaxEntry(_Reduction):
    r"""max_{i,j} of a matrix's entries: "simultaneously for all i, j"."""
    is_real = True
    template = r"\max_{i,j}\left[%s\right]_{ij}"


class MatVec(sp.Function):
    r"""A matrix applied to a vector, J w."""
    nargs = 2

    @classmethod
    def eval(cls, J, w):
        if J.is_number and w.is_number:
            return J * w

    def _latex(self, printer, exp=None):
        return _power("%s %s" % (printer._print(self.args[0]), printer._print(self.args[1])), exp)


class Prob(sp.Function):
    r"""Probability of an event (a relation over random quantities)."""
    nargs = 1

    def _latex(self, printer, exp=None):
        return _power(r"\Pr\left[%s\right]" % printer._print(self.args[0]), exp)


def _keep(a, axes):
    return np.expand_dims(a, axes)


NUMPY = {
    "Norm": lambda v: np.linalg.norm(v, axis=-1, keepdims=True),
    "OpNorm": lambda a: _keep(np.linalg.norm(a, ord=2, axis=(-2, -1)), (-2, -1)),
    "FrobNorm": lambda a: _keep(np.linalg.norm(a, ord="fro", axis=(-2, -1)), (-2, -1)),
    "LambdaMin": lambda a: _keep(np.linalg.eigvalsh(a)[..., 0], (-2, -1)),
    "MaxEntry": lambda a: np.max(a, axis=(-2, -1), keepdims=True),
    # J of shape (..., n, p) applied to w of shape (..., 1, p): the result keeps the rank, (..., 1, n)
    "MatVec": lambda J, w: np.einsum("...ij,...kj->...ki", J, w),
    "LambertW": lambda x: np.real(lambertw(x)),
}


def _mp_vec(v):
    return v if isinstance(v, mp.matrix) else mp.matrix([v])


MPMATH = {
    "Norm": lambda v: mp.norm(_mp_vec(v)),
    "OpNorm": lambda a: mp.sqrt(max(mp.eigsy(a.T * a)[0])),
    "FrobNorm": lambda a: mp.mnorm(a, "f"),
    "LambdaMin": lambda a: min(mp.eigsy(a)[0]),
    "MaxEntry": lambda a: max(a[i, j] for i in range(a.rows) for j in range(a.cols)),
    "MatVec": lambda J, w: J * _mp_vec(w),
    # lambdify prints Abs as the builtin abs, which mpmath matrices lack: make it elementwise
    "abs": lambda a: a.apply(abs) if isinstance(a, mp.matrix) else abs(a),
}


# Symbolic checks treat vector- and matrix-valued symbols as scalars (the one-dimensional case):
SCALAR_NUMPY = {"Norm": np.abs, "OpNorm": np.abs, "FrobNorm": np.abs, "LambdaMin": lambda a: a,
                "MaxEntry": lambda a: a, "MatVec": lambda J, w: J * w, "LambertW": NUMPY["LambertW"]}
