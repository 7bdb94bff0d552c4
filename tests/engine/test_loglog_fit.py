"""The one log-log fit, :func:`verify.checks.numeric.loglog_fit`, with and without a mask of valid points."""
from __future__ import annotations

import numpy as np
import pytest

from verify.checks.numeric import loglog_fit


def test_mask_leaves_out_points_at_round_off():
    x = np.array([1.0, 10.0, 100.0, 1000.0])
    y = np.outer(x**-0.5, [1.0, 3.0])
    y[-1, 0] = 1e-16                                      # a distance already at round-off
    valid = np.ones_like(y, dtype=bool)
    valid[-1, 0] = False
    slope, lo, hi = loglog_fit(x, y, 0.999, valid)
    assert slope == pytest.approx(-0.5) and lo <= -0.5 <= hi
    slope_all, lo_all, hi_all = loglog_fit(x, y, 0.999)   # must fail: the round-off point bends the fit
    assert not lo_all <= -0.5 <= hi_all or abs(slope_all + 0.5) > 0.5


def test_all_valid_mask_agrees_with_the_unmasked_fit():
    rng = np.random.default_rng(4)
    x = np.geomspace(1.0, 1e4, 9)
    y = np.exp(rng.normal(0, 0.1, (9, 5))) * x[:, None] ** 1.5 * rng.uniform(1, 3, 5)
    np.testing.assert_allclose(loglog_fit(x, y, 0.99, np.ones(y.shape, bool)), loglog_fit(x, y, 0.99), rtol=1e-12)


def test_an_instance_with_one_valid_point_is_left_out():
    x = np.array([1.0, 2.0, 4.0, 8.0])
    y = np.stack([x**2.0, x**-7.0], axis=1)
    valid = np.ones(y.shape, bool)
    valid[1:, 1] = False                                  # the second instance keeps one point: no slope
    assert loglog_fit(x, y, 0.99, valid)[0] == pytest.approx(2.0)
    assert loglog_fit(x, y, 0.99)[0] != pytest.approx(2.0)
    slope, lo, hi = loglog_fit(x, y, 0.99, np.zeros(y.shape, bool))
    assert np.isnan(slope) and lo == -np.inf and hi == np.inf
