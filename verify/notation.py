"""Notation that notes use and SymPy lacks: norms, extreme eigenvalues, probabilities.

Each is a SymPy function that prints as the note writes it and evaluates on arrays (numeric checks)
with vectors in the last axis and matrices in the last two; reductions keep their axes so that every
array in a check broadcasts against every other.
"""
from __future__ import annotations

import mpmath as mp
import numpy as np
import sympy as sp


class Norm(sp.Function):
    r"""Euclidean norm of a vector \|v\|_2 (absolute value of a scalar)."""
    nargs = 1
    is_nonnegative = True
    is_real = True

    def _latex(self, printer):
        return r"\left\|%s\right\|_2" % printer._print(self.args[0])


class OpNorm(sp.Function):
    r"""Spectral norm \|A\|_2 of a matrix."""
    nargs = 1
    is_nonnegative = True
    is_real = True

    def _latex(self, printer):
        return r"\left\|%s\right\|_2" % printer._print(self.args[0])


class FrobNorm(sp.Function):
    r"""Frobenius norm \|A\|_F of a matrix."""
    nargs = 1
    is_nonnegative = True
    is_real = True

    def _latex(self, printer):
        return r"\left\|%s\right\|_F" % printer._print(self.args[0])


class LambdaMin(sp.Function):
    r"""Smallest eigenvalue of a symmetric matrix."""
    nargs = 1
    is_real = True

    def _latex(self, printer):
        return r"\lambda_{\min}\left(%s\right)" % printer._print(self.args[0])


class MaxEntry(sp.Function):
    r"""max_{i,j} of a matrix's entries: "simultaneously for all i, j"."""
    nargs = 1
    is_real = True

    def _latex(self, printer):
        return r"\max_{i,j}\left[%s\right]_{ij}" % printer._print(self.args[0])


class Prob(sp.Function):
    r"""Probability of an event (a relation over random quantities)."""
    nargs = 1

    def _latex(self, printer):
        return r"\Pr\left[%s\right]" % printer._print(self.args[0])


def _keep(a, axes):
    return np.expand_dims(a, axes)


NUMPY = {
    "Norm": lambda v: np.linalg.norm(v, axis=-1, keepdims=True),
    "OpNorm": lambda a: _keep(np.linalg.norm(a, ord=2, axis=(-2, -1)), (-2, -1)),
    "FrobNorm": lambda a: _keep(np.linalg.norm(a, ord="fro", axis=(-2, -1)), (-2, -1)),
    "LambdaMin": lambda a: _keep(np.linalg.eigvalsh(a)[..., 0], (-2, -1)),
    "MaxEntry": lambda a: np.max(a, axis=(-2, -1), keepdims=True),
}


def _mp_vec(v):
    return v if isinstance(v, mp.matrix) else mp.matrix([v])


MPMATH = {
    "Norm": lambda v: mp.norm(_mp_vec(v)),
    "OpNorm": lambda a: mp.sqrt(max(mp.eigsy(a.T * a)[0])),
    "FrobNorm": lambda a: mp.mnorm(a, "f"),
    "LambdaMin": lambda a: min(mp.eigsy(a)[0]),
    "MaxEntry": lambda a: max(a[i, j] for i in range(a.rows) for j in range(a.cols)),
}
