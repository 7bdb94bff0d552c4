"""The one near-tie rule by which checks choose a worst instance or configuration, and margins as plot
data (:mod:`verify.core.rounding`): values that differ in their last bits, as BLAS and the CPU decide
them, choose the same and draw the same."""
from __future__ import annotations

import math

import numpy as np

from verify.core.rounding import MARGIN_RESOLUTION, margin_keys, plot_margins, worst_position
from verify.checks.numeric import region_plot, worst_index


def test_margins_within_round_off_tie_and_the_first_wins():
    assert worst_position([0.3, -5.6e-17, 1e-16, -3e-16]) == 1
    assert worst_position([0.3, 1e-16, -5.6e-17]) == 1               # either order: the first
    assert worst_position([0.2, 0.2 + 1e-12, 0.2 - 1e-12]) == 0
    assert worst_position([0.2, 0.2 - 2 * MARGIN_RESOLUTION]) == 1    # a real difference still decides
    assert worst_position([math.inf, math.nan, 0.5]) == 2
    assert worst_index(np.array([[0.1, -1e-15], [1e-15, 0.1]])) == (0, 1)


def test_margin_keys_are_multiples_of_the_resolution():
    keys = margin_keys([0.0607643, 0.0607638, -9.1e-15, math.inf, math.nan])
    assert keys[0] == keys[1] == 60764 and keys[2] == 0 and keys[3] == keys[4] == math.inf


def test_plot_margins_draw_round_off_as_zero():
    assert plot_margins([-9.128e-15, -2.175e-13, 0.0607643, -0.25, math.inf]) == [0.0, 0.0, 0.06076, -0.25, None]
    assert plot_margins([0.5 * MARGIN_RESOLUTION - 1e-18, 3.4e-6]) == [0.0, 3e-6]


def test_region_plot_draws_the_same_for_margins_that_differ_in_their_last_bits():
    def rows(ms):
        return [{"configuration": {"k": i}, "margin": m, "valid": True, "outcome": "holds"} for i, m in enumerate(ms)]
    a = region_plot(rows([-5.551e-17, -9.331e-16, 0.25]), limit=2)
    b = region_plot(rows([-8.583e-31, -8.248e-16, 0.25]), limit=2)
    assert a == b and a["estimate"] == [0.0, 0.0]
