"""Plot *data*: the small JSON-able dict a check puts in ``CheckResult.plot``, and the helpers that make it.

Its ``kind`` says how the report draws it (:mod:`verify.report.plots` renders it to SVG):

* ``trajectory``: ``x``, ``lhs``, ``rhs`` (lists), ``x_label``, ``lhs_label``, ``rhs_label``, ``relation``
  — the two sides of a relation along one axis of one simulated instance (the worst);
* ``loglog``: ``x``, ``q`` (mean quantity per x), ``slope`` (fitted), ``claimed_slope``, ``x_label``;
* ``estimate``: ``estimate``, ``low``, ``high``, ``target`` (lists, one entry per estimated quantity),
  ``target_label`` — estimates with confidence intervals against the closed form;
* ``counterexample``: ``point`` (name -> value), ``lhs``, ``rhs``, ``relation``, and optionally
  ``slice`` = {``variable``, ``x``, ``lhs``, ``rhs``}: both sides along one variable through the point.

Optional fields any kind may carry, which the report draws: ``y_label`` (the quantity on the y axis;
otherwise one is made from the sides' labels or the estimate's), ``worst`` (the index of the worst point
or entry; otherwise the smallest relative margin of the data), ``floor`` with ``floor_label`` (a
numerical floor, shaded; a trajectory's default is the resolution its series were rounded to) and, for a
trajectory, ``band`` = {``low``, ``high``, ``label``} (a tolerance band along ``x``, shaded). Labels are
plain text: the report prints SymPy's ``sstr`` in the note's notation (:func:`notation_label`).

The data is downsampled (:data:`MAX_POINTS`) and rounded (:data:`DIGITS` significant digits) where it
is made, so reports stay small and byte-identical. Check processes never load matplotlib.
"""
from __future__ import annotations

import math
import re
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


# ---------------------------------------------------------------------------------------------
# labels in the note's notation (plain text: plot labels are text in the SVG, not math)
# ---------------------------------------------------------------------------------------------

GREEK = {name: chr(code) for name, code in (
    ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3B5), ("zeta", 0x3B6),
    ("eta", 0x3B7), ("theta", 0x3B8), ("iota", 0x3B9), ("kappa", 0x3BA), ("lambda", 0x3BB), ("lamda", 0x3BB),
    ("mu", 0x3BC), ("nu", 0x3BD), ("xi", 0x3BE), ("pi", 0x3C0), ("rho", 0x3C1), ("sigma", 0x3C3), ("tau", 0x3C4),
    ("upsilon", 0x3C5), ("phi", 0x3C6), ("chi", 0x3C7), ("psi", 0x3C8), ("omega", 0x3C9), ("Gamma", 0x393),
    ("Delta", 0x394), ("Theta", 0x398), ("Lambda", 0x39B), ("Xi", 0x39E), ("Pi", 0x3A0), ("Sigma", 0x3A3),
    ("Phi", 0x3A6), ("Psi", 0x3A8), ("Omega", 0x3A9))}
_GREEK = re.compile(r"(?<![A-Za-z])(%s)(?![a-z])" % "|".join(sorted(GREEK, key=len, reverse=True)))
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
# function name -> (opening, closing) text around its arguments
_BRACKETS = {"Norm": ("‖", "‖"), "OpNorm": ("‖", "‖_op"), "FrobNorm": ("‖", "‖_F"), "Abs": ("|", "|"),
             "Prob": ("Pr[", "]"), "LambdaMin": ("λ_min(", ")"), "sqrt": ("√(", ")"), "conjugate": ("conj(", ")")}
_CALL = re.compile(r"(?<![A-Za-z0-9_])(%s)\(" % "|".join(sorted(_BRACKETS, key=len, reverse=True)))


def _closing(text: str, start: int) -> int:
    """The index of the parenthesis closing the one just before ``start`` (len(text) if unbalanced)."""
    depth = 1
    for k in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            return k
    return len(text)


def _brackets(text: str) -> str:
    out, last = [], 0
    while (m := _CALL.search(text, last)) is not None:
        end = _closing(text, m.end())
        inner = _brackets(text[m.end():end])
        opening, closing = _BRACKETS[m.group(1)]
        if m.group(1) == "sqrt" and re.fullmatch(r"[\w.]+", inner):
            opening, closing = "√", ""
        out += [text[last:m.start()], opening, inner, closing]
        last = end + 1
    out.append(text[last:])
    return "".join(out)


def _power(m: re.Match) -> str:
    exp = m.group(1).strip("()")
    if re.fullmatch(r"-?\d+", exp):
        return exp.translate(_SUPERSCRIPT)
    return "^" + m.group(1)


def notation_label(text: str, limit: int = 60) -> str:
    """A label in the note's notation as plain text: SymPy's ``sstr`` of an expression (the form plot
    data carries) with Greek letters (``kappa`` -> κ, ``sigma_min`` -> σ_min), norms and absolute values
    as bars (``Norm(x)`` -> ‖x‖), square roots, integer powers as superscripts (``x**2`` -> x²), ``*`` as
    a centred dot, ``_star`` as ``*``, ``<=`` as ≤; then :func:`label` (one line, at most ``limit``)."""
    text = " ".join(str(text).split())
    text = _brackets(text)
    text = re.sub(r"\*\*(\((?:[^()]|\([^()]*\))*\)|-?[\w.]+)", _power, text)
    text = re.sub(r"\s*\*\s*", "·", text)
    text = text.replace("_star", "*").replace("<=", "≤").replace(">=", "≥").replace("!=", "≠")
    text = re.sub(r"(?<![A-Za-z_])oo(?![A-Za-z_])", "∞", text)
    text = _GREEK.sub(lambda m: GREEK[m.group(1)], text)
    return label(text, limit)
