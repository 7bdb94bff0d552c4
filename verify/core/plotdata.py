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

from .rounding import PLOT_DIGITS, SERIES_RESOLUTION, round_to

MAX_POINTS = 200
DIGITS = PLOT_DIGITS                # significant digits of plot data (verify.core.rounding)
KINDS = ("trajectory", "loglog", "estimate", "counterexample")


class PlotError(ValueError):
    """Plot data that cannot be drawn (unknown kind, missing or malformed fields)."""


def rounded(values, resolution: int | None = None) -> list:
    """Values as a list of floats rounded to DIGITS significant digits; non-finite ones become None.
    With ``resolution`` (a power of ten, given by its exponent), to multiples of 10**resolution where
    that is coarser: a simulated series passes ``series_resolution(...)``, so values in its integration
    error (a decay far below its start, round-off around 0) are the same on every machine."""
    a = np.asarray(values, dtype=float).ravel()
    return [round_to(v, DIGITS, resolution) if math.isfinite(v) else None for v in a.tolist()]


def series_resolution(*series) -> int | None:
    """The resolution of simulated series plotted together, as the exponent of a power of ten: the one
    at or below :data:`SERIES_RESOLUTION` of their largest finite magnitude (None when they are all 0
    or non-finite)."""
    a = np.concatenate([np.asarray(s, dtype=float).ravel() for s in series])
    a = np.abs(a[np.isfinite(a)])
    top = float(a.max()) if a.size else 0.0
    return math.floor(math.log10(SERIES_RESOLUTION * top)) if top > 0 else None


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
