"""Plot *data*: the small JSON-able dict a check puts in ``CheckResult.plot``, and the helpers that make it.

Its ``kind`` says how the report draws it (:mod:`verify.report.plots` renders it to SVG):

* ``trajectory``: ``x``, ``lhs``, ``rhs`` (lists), ``x_label``, ``lhs_label``, ``rhs_label``, ``relation``
  — the two sides of a relation along one axis of one simulated instance (the worst);
* ``loglog``: ``x``, ``q`` (mean quantity per x), ``slope`` (fitted), ``claimed_slope``, ``x_label``;
* ``estimate``: ``estimate``, ``low``, ``high``, ``target`` (lists, one entry per estimated quantity),
  ``target_label`` — estimates with confidence intervals against the closed form;
* ``counterexample``: ``point`` (name -> value), ``lhs``, ``rhs``, ``relation``, and optionally
  ``slice`` = {``variable``, ``x``, ``lhs``, ``rhs``}: both sides along one variable through the point.

The data is downsampled (:data:`MAX_POINTS`) and rounded (:data:`DIGITS` significant digits) where it
is made, so reports stay small and byte-identical. Check processes never load matplotlib.
"""
from __future__ import annotations

import math
from typing import Iterable

import numpy as np

MAX_POINTS = 200
DIGITS = 6
KINDS = ("trajectory", "loglog", "estimate", "counterexample")


class PlotError(ValueError):
    """Plot data that cannot be drawn (unknown kind, missing or malformed fields)."""


def rounded(values) -> list:
    """Values as a list of floats rounded to DIGITS significant digits; non-finite ones become None."""
    a = np.asarray(values, dtype=float).ravel()
    return [float(f"{v:.{DIGITS}g}") if math.isfinite(v) else None for v in a.tolist()]


def number(value) -> float | None:
    [v] = rounded([value])
    return v


def sample_indices(n: int, keep: Iterable[int] = (), limit: int = MAX_POINTS) -> np.ndarray:
    """At most about ``limit`` evenly spaced indices into ``n`` points, always including ``keep``."""
    base = np.linspace(0, n - 1, min(n, limit)).round().astype(int) if n else np.zeros(0, int)
    extra = np.asarray([k for k in keep if 0 <= k < n], dtype=int)
    return np.unique(np.concatenate([base, extra]))


def label(text: str, limit: int = 60) -> str:
    """A one-line axis or legend label of at most ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
