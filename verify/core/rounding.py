"""Numbers as the reports state them, so that a report depends only on the seed, the budget and the
package versions, not on the machine.

Floating-point results differ in their last bits between machines: BLAS picks other kernels for
another CPU (``OPENBLAS_CORETYPE``) and sums in another order on more threads, NumPy's own loops use
the CPU's vector extensions, and an adaptive ODE solver's step sequence follows those bits (its values
at the evaluation grid then differ at the level of its tolerance). None of that may reach a report:

* every float of a check's evidence and plot data is rounded to :data:`EVIDENCE_DIGITS` significant
  digits (:func:`rounded`), once, when the report document is built;
* a *margin* (an evidence entry named in :data:`MARGIN_KEYS`: how much a relation holds by, relative to
  the size of its sides, or a configuration's margin) is first rounded to :data:`MARGIN_RESOLUTION`
  absolute: below 1e-6 of the sides' size, round-off and integration error decide its value (the
  numeric checks treat differences below it as integration error, ``ROUNDOFF``); round-off margins
  (-3.9e-16, 5e-10) are reported as 0; a relative distance to a limit (:data:`DISTANCE_KEYS`) likewise
  to :data:`DISTANCE_RESOLUTION`, the convergence check's round-off floor; a fitted exponent or its
  interval (:data:`FIT_KEYS`) has :data:`FIT_DIGITS` significant digits;
* plot data has :data:`PLOT_DIGITS` significant digits, and a simulated series (both sides of a
  relation along a trajectory, with the check's natural scale) is first rounded to
  :data:`SERIES_RESOLUTION` of its largest value (:func:`verify.core.plotdata.series_resolution`), as
  is a vector describing a flagged instance: finer detail is round-off and integration error;
* texts (summaries, findings) print numbers with 3 or 4 significant digits where they are written,
  margins through :func:`margin_text`; a float printed whole (``repr``, ``0.16666666666666666``) is
  rounded to :data:`EVIDENCE_DIGITS` digits when the document is built (:func:`rounded_text`).

Verdicts, and the worst instance or configuration a check reports, are decided before any rounding
(near-ties between margins broken deterministically: margins compared at :data:`MARGIN_RESOLUTION`, the
first in order wins, :func:`margin_keys` and :func:`worst_position`), so rounding never changes one.
Margins in plot data (the margin at each configuration a search decided) are rounded to their resolution
too (:func:`plot_margins`), once. Rounding is idempotent: a report read back from ``results.json`` rounds to itself.
"""
from __future__ import annotations

import math
import re

import numpy as np

__all__ = ["round_to", "EVIDENCE_DIGITS", "PLOT_DIGITS", "SERIES_RESOLUTION", "TEXT_DIGITS", "MARGIN_RESOLUTION", "MARGIN_KEYS", "DISTANCE_RESOLUTION",
           "DISTANCE_KEYS", "FIT_DIGITS", "FIT_KEYS", "significant",
           "quantised_margin", "margin_keys", "worst_position", "plot_margins", "margin_text", "numbers_text", "rounded", "rounded_text"]

EVIDENCE_DIGITS = 6          # significant digits of every float in results.json
PLOT_DIGITS = 4              # significant digits of plot data
SERIES_RESOLUTION = 1e-8     # of a simulated series' (or vector's) largest magnitude
TEXT_DIGITS = 4              # at most this many in the numbers of a summary or finding (most print 3)
MARGIN_RESOLUTION = 1e-6     # relative margins are reported as multiples of this
_MARGIN_DECIMALS = 6         # = -log10(MARGIN_RESOLUTION)
MARGIN_KEYS = frozenset({"margin", "worst_margin", "relative_margin", "relative_margin_precise",
                         "min_relative_margin", "min_relative_margin_precise"})
DISTANCE_RESOLUTION = 1e-10  # relative distances to a limit (Convergence's default floor)
_DISTANCE_DECIMALS = 10
DISTANCE_KEYS = frozenset({"distance_mean", "distance_max", "last_mean_distance"})
FIT_DIGITS = 4               # fitted exponents and their intervals
FIT_KEYS = frozenset({"slope", "slope_interval", "ratio_slope", "ratio_slope_interval", "decay_exponent",
                      "decay_interval"})


def significant(x: float, digits: int = EVIDENCE_DIGITS) -> float:
    """``x`` rounded to ``digits`` significant digits (correctly rounded decimal; -0.0 becomes 0.0;
    non-finite values unchanged)."""
    if not math.isfinite(x):
        return x
    return float(f"{x:.{digits}g}") + 0.0


def round_to(x: float, digits: int, exponent: int | None = None) -> float:
    """``x`` rounded once to ``digits`` significant digits or, when coarser, to a multiple of
    10**``exponent``: one rounding, never two in a row (a value snapped to a fine grid first would land
    exactly on the coarse grid's ties, which its last bits then decide)."""
    if not math.isfinite(x) or x == 0:
        return x + 0.0 if math.isfinite(x) else x
    step = math.floor(math.log10(abs(x))) - digits + 1
    if exponent is None or exponent <= step:
        return significant(x, digits)
    return float(f"{round(x / 10.0 ** exponent)}e{exponent}") + 0.0


def quantised_margin(x: float) -> float:
    """A relative margin rounded to :data:`MARGIN_RESOLUTION` (or to significant digits, when coarser):
    the value reports state, and the key on which near-equal margins tie."""
    return round_to(x, EVIDENCE_DIGITS, -_MARGIN_DECIMALS)


def margin_keys(margins) -> np.ndarray:
    """The keys on which margins are compared when a check chooses its worst instance or configuration:
    the margins as multiples of :data:`MARGIN_RESOLUTION` (``inf`` stays ``inf``, NaN becomes ``inf``).
    Margins within round-off of each other get one key, so a choice among them does not follow their
    last bits, which BLAS and the CPU decide; ties go to the first in order (:func:`worst_position`)."""
    a = np.asarray(margins, dtype=float)
    return np.where(np.isnan(a), np.inf, np.round(a / MARGIN_RESOLUTION))


def worst_position(margins) -> int:
    """The position (flat, C order) of the smallest margin by :func:`margin_keys`: the first on a tie.
    Raises ValueError on no margins."""
    keys = margin_keys(margins).ravel()
    if keys.size == 0:
        raise ValueError("worst_position: no margins")
    return int(np.argmin(keys))          # argmin returns the first of equal minima


def plot_margins(values) -> list:
    """Margins as plot data: each rounded once to :data:`MARGIN_RESOLUTION` (or to :data:`PLOT_DIGITS`
    significant digits, when coarser); non-finite ones become None. A margin at round-off (-5.6e-17,
    -9.1e-15) is drawn as 0 on every machine."""
    a = np.asarray(values, dtype=float).ravel()
    return [round_to(v, PLOT_DIGITS, -_MARGIN_DECIMALS) if math.isfinite(v) else None for v in a.tolist()]


def margin_text(x: float) -> str:
    """A relative margin for a text: quantised, 3 significant digits."""
    return f"{quantised_margin(float(x)):.3g}"


def numbers_text(values, digits: int = TEXT_DIGITS) -> str:
    """A list of numbers for a text, ``[0.5031, -0.02567]``: each to ``digits`` significant digits."""
    return "[" + ", ".join(f"{float(v):.{digits}g}" for v in values) + "]"


# a decimal number with a fraction part (and maybe an exponent), not part of a name or a dotted version
_FLOAT = re.compile(r"(?<![\w.])(-?)(\d+\.\d+(?:[eE][-+]?\d+)?)(?![\w.])")


def _shorter(match: re.Match) -> str:
    sign, text = match.group(1), match.group(2)
    mantissa = text.lower().split("e")[0].replace(".", "").lstrip("0")
    if len(mantissa.rstrip("0")) <= EVIDENCE_DIGITS:
        return match.group(0)                   # already short: left as written
    return sign + repr(significant(float(text)))


def rounded_text(text: str) -> str:
    """``text`` with every decimal number of more than :data:`EVIDENCE_DIGITS` significant digits
    rounded to that many (``0.16666666666666666`` -> ``0.166667``); shorter ones are left as written.
    A text with math (:class:`verify.core.text.Text`) keeps its math segments, its words rounded."""
    from .text import Math, Text
    if isinstance(text, Text) and text.has_math:
        return Text(tuple(p if isinstance(p, Math) else _FLOAT.sub(_shorter, p) for p in text.parts))
    return _FLOAT.sub(_shorter, text)


def rounded(value, key: str | None = None):
    """A JSON value (dicts, lists, str, int, float, bool, None) with every float rounded as reports
    state it: margins and distances (entries named in :data:`MARGIN_KEYS`, :data:`DISTANCE_KEYS`, or
    lists under such a name) to their resolution, fitted exponents to :data:`FIT_DIGITS`, every other
    float to :data:`EVIDENCE_DIGITS` significant digits, long decimals in strings shortened."""
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        if key in MARGIN_KEYS:
            return quantised_margin(value)
        if key in DISTANCE_KEYS:
            return round_to(value, EVIDENCE_DIGITS, -_DISTANCE_DECIMALS)
        return significant(value, FIT_DIGITS if key in FIT_KEYS else EVIDENCE_DIGITS)
    if isinstance(value, str):
        return rounded_text(value)
    if isinstance(value, dict):
        return {k: rounded(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(v, key) for v in value]
    return value
