"""The damped Newton on a convex dual shared by :func:`verify.maths.regimes.potential_minimiser` and
:func:`verify.maths.regimes.depth_curve_interpolant`: interpolation where the constraint can be met, an
error naming the solver where it cannot."""
from __future__ import annotations

import numpy as np
import pytest

from verify.maths.regimes import depth_curve_interpolant, l1_minimiser, potential_minimiser


def test_both_solvers_interpolate():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((3, 2, 5))
    y = np.einsum("bnd,bd->bn", X, np.abs(rng.standard_normal((3, 5))))
    for beta in (potential_minimiser(X, y, np.full((3, 5), 0.5)), depth_curve_interpolant(X, y, np.full(3, 0.5), 3)):
        np.testing.assert_allclose(np.einsum("bnd,bd->bn", X, beta), y, atol=1e-9 * np.abs(y).max())
    # small scale: the potential's minimiser approaches the l1 one (the rich regime)
    l1 = np.abs(l1_minimiser(X, y)).sum(-1)
    np.testing.assert_allclose(np.abs(potential_minimiser(X, y, np.full((3, 5), 1e-12))).sum(-1), l1, rtol=1e-2)
    assert np.max(np.abs(potential_minimiser(X, y, np.full((3, 5), 10.0))).sum(-1) / l1) > 1.01   # large scale: not l1


def test_a_target_outside_the_range_is_an_error_naming_the_solver():
    A = np.array([[[1.0, 1.0]]])                      # x >= 0 cannot give A x = -1
    with pytest.raises(RuntimeError, match="depth-3 curve interpolant"):
        depth_curve_interpolant(A, np.array([[-1.0]]), np.ones(1), 3, iterations=50)
    with pytest.raises(RuntimeError, match="potential minimiser"):
        potential_minimiser(A, np.array([[-1.0]]), np.ones((1, 2)), nonnegative=True, iterations=50)
