"""Rendering plot data (:mod:`verify.core.plotdata`, made by checks) to deterministic SVG files."""
from __future__ import annotations

import functools
import hashlib
import io
import json
import multiprocessing
import os
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from ..core.plotdata import KINDS, PlotError, label, notation_label, series_resolution


# ---------------------------------------------------------------------------------------------
# drawing (in reports)
# ---------------------------------------------------------------------------------------------

SIDE_COLORS = ("#1f5fa8", "#c0392b")     # lhs, rhs
WORST_COLOR, FLOOR_COLOR, BAND_COLOR = "#111111", "#9e9e9e", "#ffcc80"
FIGSIZE = (6.4, 4.2)                     # inches; the pages show it PLOT_WIDTH x PLOT_HEIGHT pixels
PLOT_WIDTH, PLOT_HEIGHT = 640, 420
RC = {"svg.hashsalt": "verify", "svg.fonttype": "none", "font.size": 10, "font.family": "DejaVu Sans",
      "axes.titlesize": 10, "axes.labelsize": 10, "xtick.labelsize": 9, "ytick.labelsize": 9,
      "legend.fontsize": 9, "path.simplify": True, "figure.dpi": 72,
      "text.parse_math": False}    # labels are data: a "$" in a plugin's label is text, not TeX
WORST_LABEL = "worst point (smallest relative margin)"


def _floats(plot: Mapping, key: str) -> np.ndarray:
    if key not in plot:
        raise PlotError(f"plot of kind {plot.get('kind')!r} needs {key!r}")
    try:
        return np.array([np.nan if v is None else v for v in np.ravel(plot[key])], dtype=float)
    except (TypeError, ValueError):
        raise PlotError(f"plot field {key!r} must be a list of numbers") from None


def _float(plot: Mapping, key: str) -> float:
    a = _floats(plot, key)
    if a.size != 1:
        raise PlotError(f"plot field {key!r} must be one number")
    return float(a[0])


def _optional_float(plot: Mapping, key: str) -> float | None:
    v = plot.get(key)
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) and np.isfinite(v) else None


def _log_scale_helps(*arrays: np.ndarray) -> bool:
    """A log axis when all values are positive and span more than three decades."""
    a = np.concatenate([np.ravel(x) for x in arrays])
    a = a[np.isfinite(a)]
    return a.size > 1 and bool(np.all(a > 0)) and a.max() / a.min() > 1e3


def _text(value, limit: int = 60) -> str:
    """A label of plot data in the note's notation (plain text)."""
    return notation_label(str(value), limit)


def _side_names(plot: Mapping, limit: int = 48) -> tuple[str, str]:
    return _text(plot.get("lhs_label", "lhs"), limit), _text(plot.get("rhs_label", "rhs"), limit)


def _y_label_of_sides(plot: Mapping) -> str:
    """The quantity on the y axis of a two-sided plot: the left side and what the relation makes of the
    right one (its bound, or its other side), or the plot data's own ``y_label``."""
    if "y_label" in plot:
        return _text(plot["y_label"], 50)
    lhs = _text(plot.get("lhs_label", ""), 200)
    rel = plot.get("relation")
    other = "its bound" if rel in ("<=", "<", ">=", ">") else "the other side"
    if lhs and len(lhs) <= 24:
        return f"{lhs} and {other}"
    return lhs if lhs and len(lhs) <= 32 else "value of each side"


def gaps(lhs: np.ndarray, rhs: np.ndarray, relation) -> np.ndarray:
    """The relative margin of ``lhs relation rhs`` at each point, as the checks define it: (the side that
    should be larger − the other) / (|lhs| + |rhs|), negative where it fails; NaN where a side is missing."""
    diff = {"<=": rhs - lhs, "<": rhs - lhs, ">=": lhs - rhs, ">": lhs - rhs}.get(relation, -np.abs(lhs - rhs))
    scale = np.abs(lhs) + np.abs(rhs)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(scale > 0, diff / np.where(scale > 0, scale, 1.0), 0.0)


def _worst_index(plot: Mapping, values: np.ndarray) -> int | None:
    """The index of the worst point: the plot data's ``worst`` (an index), else the smallest finite value."""
    w = plot.get("worst")
    if isinstance(w, int) and not isinstance(w, bool) and 0 <= w < values.size:
        return w
    ok = np.isfinite(values)
    if not ok.any():
        return None
    return int(np.flatnonzero(ok)[np.argmin(values[ok])])


def floor_of(plot: Mapping, *series: np.ndarray) -> float | None:
    """The numerical floor of a two-sided plot: the plot data's ``floor``, else the resolution a
    simulated series is rounded to (1e-8 of its largest value, :func:`verify.core.plotdata.series_resolution`),
    below which values are round-off."""
    floor = _optional_float(plot, "floor")
    if floor is None:
        res = series_resolution(*[s[np.isfinite(s)] for s in series])
        floor = 10.0 ** res if res is not None else None
    return floor if floor and floor > 0 else None


def _shade_floor(ax, plot: Mapping, floor: float | None, *series: np.ndarray) -> None:
    """Shade |y| below the numerical floor, where the data reaches it and the shading can be seen."""
    if floor is None:
        return
    a = np.abs(np.concatenate([s[np.isfinite(s)] for s in series]))
    lo, hi = ax.get_ylim()
    log = ax.get_yscale() == "log"
    if a.size == 0 or a.min() > 100 * floor or (not log and floor < 0.004 * (hi - lo)):
        return
    ax.axhspan(lo if log else -floor, floor, color=FLOOR_COLOR, alpha=0.35, lw=0, zorder=0,
               label=_text(plot.get("floor_label", f"numerical floor (|value| < {_tick_text(floor, 2)}: round-off)"), 60))
    ax.set_ylim(lo, hi)


def _band(ax, plot: Mapping, x: np.ndarray) -> None:
    """The plot data's tolerance ``band`` ({"low", "high", "label"}, lists along x), shaded."""
    band = plot.get("band")
    if not isinstance(band, Mapping):
        return
    low, high = _floats(band, "low"), _floats(band, "high")
    if not (low.size == high.size == x.size):
        raise PlotError("band needs low and high of the length of x")
    ax.fill_between(x, low, high, color=BAND_COLOR, alpha=0.5, lw=0, zorder=0,
                    label=_text(band.get("label", "tolerance band"), 60))


def _mark_worst(ax, x: float, lhs: float, rhs: float) -> None:
    ax.plot([x, x], [lhs, rhs], "-", color=WORST_COLOR, lw=0.8, zorder=4)
    ax.plot([x, x], [lhs, rhs], "o", color=WORST_COLOR, ms=5, mfc="none", mew=1.3, zorder=5, label=WORST_LABEL)


def _trajectory(ax, plot):
    x, lhs, rhs = _floats(plot, "x"), _floats(plot, "lhs"), _floats(plot, "rhs")
    if not (x.size == lhs.size == rhs.size) or x.size == 0:
        raise PlotError("trajectory needs x, lhs and rhs of one non-zero length")
    floor = floor_of(plot, lhs, rhs)
    shown_l, shown_r = lhs, rhs
    if floor is not None and not _log_scale_helps(lhs, rhs):      # a decay to round-off: log axis, 0 drawn at the floor
        both = np.concatenate([lhs, rhs])
        both = both[np.isfinite(both)]
        if both.size and both.min() >= 0 and _log_scale_helps(both[both > floor], [floor]):
            shown_l, shown_r = np.maximum(lhs, floor), np.maximum(rhs, floor)
    lname, rname = _side_names(plot)
    ax.plot(x, shown_l, color=SIDE_COLORS[0], lw=1.4, label=f"left side: {lname}")
    ax.plot(x, shown_r, color=SIDE_COLORS[1], lw=1.4, ls="--", label=f"right side: {rname}")
    if _log_scale_helps(shown_l, shown_r):
        ax.set_yscale("log")
    _band(ax, plot, x)
    _shade_floor(ax, plot, floor, lhs, rhs)
    margin = gaps(lhs, rhs, plot.get("relation"))
    if floor is not None:            # both sides in the round-off: no margin to speak of
        margin = np.where(np.maximum(np.abs(lhs), np.abs(rhs)) > floor, margin, np.nan)
    k = _worst_index(plot, margin)
    if k is not None:
        _mark_worst(ax, x[k], shown_l[k], shown_r[k])
    ax.set_xlabel(_text(plot.get("x_label", "x")))
    ax.set_ylabel(_y_label_of_sides(plot))


def _loglog(ax, plot):
    x, q = _floats(plot, "x"), _floats(plot, "q")
    slope, claimed = _float(plot, "slope"), _float(plot, "claimed_slope")
    ok = np.isfinite(x) & np.isfinite(q) & (x > 0) & (q > 0)
    if x.size != q.size or ok.sum() < 2:
        raise PlotError("loglog needs x and q of one length with at least two positive points")
    lx, lq = np.log(x[ok]), np.log(q[ok])
    grid = np.linspace(lx.min(), lx.max(), 2)
    ax.loglog(x[ok], q[ok], "o", color=SIDE_COLORS[0], ms=5, label="simulated (mean)")
    for s, style, name in ((slope, "-", "fitted"), (claimed, ":", "claimed")):
        ax.plot(np.exp(grid), np.exp(lq.mean() + s * (grid - lx.mean())), style, color="#444" if name == "fitted"
                else SIDE_COLORS[1], lw=1.4, label=f"{name} slope {s:.3g}")
    ax.set_xlabel(_text(plot.get("x_label", "x")))
    title = str(plot.get("title", ""))
    order = title[title.index("O("):] if "O(" in title else ""
    ax.set_ylabel(_text(plot.get("y_label", f"simulated quantity{f' ({order})' if order else ''}"), 50))


def _estimate(ax, plot):
    est, low, high, target = (_floats(plot, k) for k in ("estimate", "low", "high", "target"))
    if not (est.size == low.size == high.size == target.size) or est.size == 0:
        raise PlotError("estimate needs estimate, low, high and target of one non-zero length")
    i = np.arange(est.size)
    what = str(plot.get("estimate_label", "estimate, confidence interval"))
    ax.errorbar(i, est, yerr=np.abs(np.vstack([est - low, high - est])), fmt="o", color=SIDE_COLORS[0], ms=5,
                capsize=3, label=_text(what))
    ax.plot(i, target, "x", color=SIDE_COLORS[1], ms=8, mew=1.6, label=_text(plot.get("target_label", "closed form")))
    margins = what.startswith("margin")
    if margins:
        lo, hi = ax.get_ylim()
        if lo < 0:
            ax.axhspan(lo, 0.0, color="#ef9a9a", alpha=0.3, lw=0, zorder=0, label="the statement fails below 0")
            ax.set_ylim(lo, hi)
        worst = _worst_index(plot, est)
    else:                              # farthest from the target in units of its interval
        half = np.maximum(np.abs(high - low) / 2, 1e-300)
        worst = _worst_index(plot, -np.abs(est - target) / half) if est.size > 1 else None
    if worst is not None:
        ax.plot([i[worst]], [est[worst]], "o", color=WORST_COLOR, ms=10, mfc="none", mew=1.3, zorder=5,
                label="worst configuration" if margins else "farthest from the target")
    ax.set_xticks(i)
    names = plot.get("labels")
    many = est.size > 6
    ax.set_xticklabels([_text(n, 16 if many else 24) for n in names] if isinstance(names, list)
                       and len(names) == est.size else [str(k) for k in i],
                       rotation=40 if many else 0, ha="right" if many else "center", fontsize=7 if many else None)
    ax.set_xlim(-0.6, est.size - 0.4)
    ax.set_xlabel(_text(plot.get("x_label", "configuration" if isinstance(names, list) and est.size > 1
                             else "estimated quantity" if est.size == 1 else "entry")))
    quantity = what.split(",")[0].split(" (")[0]
    ax.set_ylabel(_text(plot.get("y_label", "margin (≥ 0: holds)" if margins else quantity), 50))


def _counterexample(ax, plot):
    point = plot.get("point")
    if not isinstance(point, Mapping):
        raise PlotError("counterexample needs point: a mapping of names to values")
    lhs, rhs = _float(plot, "lhs"), _float(plot, "rhs")
    sl = plot.get("slice")
    lname, rname = _side_names(plot)
    if isinstance(sl, Mapping) and "variable" in sl:
        x, ls, rs = _floats(sl, "x"), _floats(sl, "lhs"), _floats(sl, "rhs")
        if not (x.size == ls.size == rs.size):
            raise PlotError("counterexample slice needs x, lhs and rhs of one length")
        ax.plot(x, ls, color=SIDE_COLORS[0], lw=1.4, label=f"left side: {lname}")
        ax.plot(x, rs, color=SIDE_COLORS[1], lw=1.4, ls="--", label=f"right side: {rname}")
        at = point.get(sl["variable"])
        if isinstance(at, (int, float)):
            ax.plot([at, at], [lhs, rhs], "o-", color=WORST_COLOR, ms=5, lw=0.8, label="counterexample")
        if _log_scale_helps(ls, rs, [lhs, rhs]):
            ax.set_yscale("log")
        ax.set_xlabel(_text(sl["variable"]))
        ax.set_ylabel(_y_label_of_sides(plot))
    else:
        ax.bar([0, 1], [lhs, rhs], color=SIDE_COLORS, width=0.5)
        ax.set_xticks([0, 1])
        ax.set_xticklabels([f"left: {_text(plot.get('lhs_label', 'lhs'), 30)}",
                            f"right: {_text(plot.get('rhs_label', 'rhs'), 30)}"])
        ax.set_xlabel("the two sides at the counterexample")
        ax.set_ylabel(_text(plot.get("y_label", "value"), 50))


def caption(plot: Mapping) -> str:
    """What the plot shows, in words: the report prints it under the figure (drawing a title inside
    the figure would cost a quarter of its rendering time)."""
    if not isinstance(plot, Mapping):
        return ""
    kind, rel = plot.get("kind"), _text(plot.get("relation", "?"))
    if "title" in plot:
        text = _text(plot["title"], 200)
    elif kind == "trajectory":
        text = f"left side {rel} right side along {_text(plot.get('x_label', 'x'))}, at the instance with the smallest margin"
    elif kind == "loglog":
        text = "log-log fit: simulated quantity, fitted and claimed slopes"
    elif kind == "estimate":
        text = "estimate with confidence interval versus closed form"
    elif kind == "counterexample" and isinstance(plot.get("point"), Mapping):
        where = ", ".join(f"{_text(k)} = {v:.4g}" if isinstance(v, (int, float)) else f"{_text(k)} = {v}"
                          for k, v in plot["point"].items())
        text = f"counterexample: left side {rel} right side fails at {where}"
    else:
        return str(kind)
    if kind == "trajectory":
        text += "; the ring marks the point of smallest relative margin"
    return label(text, 300)


DRAW = {"trajectory": _trajectory, "loglog": _loglog, "estimate": _estimate, "counterexample": _counterexample}


@functools.cache
def _plain_formatter():
    """The class of tick labels as plain numbers (``0.25``, ``1e-5``) with just the digits that tell
    neighbouring ticks apart (matplotlib is imported only when a plot is drawn)."""
    from matplotlib.ticker import Formatter

    class Plain(Formatter):
        def __call__(self, x, pos=None):
            return _tick_text(x, 3)

        def format_ticks(self, values):
            powers = [np.log10(abs(v)) for v in values if v]
            if len(powers) > 2 and all(p == round(p) for p in powers) and max(powers) - min(powers) > 3:
                return ["0" if not v else ("-" if v < 0 else "") + {0: "1", 1: "10"}.get(e := round(np.log10(abs(v))), f"1e{e}")
                        for v in values]
            for digits in range(3, 12):
                texts = [_tick_text(v, digits) for v in values]
                if len(set(texts)) == len(texts):
                    return texts
            return [repr(float(v)) for v in values]
    return Plain


def _tick_text(v: float, digits: int) -> str:
    if v == 0 or abs(v) < 1e-300:
        return "0"
    text = format(float(v), f".{digits}g")
    return text.replace("e-0", "e-").replace("e+0", "e").replace("e+", "e")


def _ticks_inside(axis, lo: float, hi: float) -> int:
    return sum(lo - 1e-12 * abs(lo) <= t <= hi + 1e-12 * abs(hi) for t in axis.get_major_locator()())


def _set_ticks(ax) -> None:
    """Major ticks with labels on both axes, always: a log axis over many decades gets one tick every
    few decades; an axis left with fewer than two ticks in view gets two at its ends."""
    from matplotlib.ticker import FixedLocator, LogLocator, MaxNLocator, NullLocator
    for axis, limits in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
        lo, hi = sorted(limits)
        named = isinstance(axis.get_major_locator(), FixedLocator)      # named ticks stay as they are
        if named:
            pass
        elif axis.get_scale() == "log":
            decades = np.log10(hi / lo) if lo > 0 else 0
            subs = (1.0,) if decades > 2 else (1.0, 2.0, 5.0)
            axis.set_major_locator(LogLocator(base=10, subs=subs, numticks=8))
        else:
            axis.set_major_locator(MaxNLocator(6))
        if not named and _ticks_inside(axis, lo, hi) < 2:
            ends = np.geomspace(lo, hi, 3) if axis.get_scale() == "log" and lo > 0 else np.linspace(lo, hi, 3)
            axis.set_major_locator(FixedLocator([float(f"{v:.2g}") for v in ends]))
        if not named:
            axis.set_major_formatter(_plain_formatter()())
        axis.set_minor_locator(NullLocator())


def render_svg(plot: Mapping) -> str:
    """The plot as SVG text, byte-identical for the same data (fixed hash salt, no date, text as text):
    ticks and labels on both axes, the legend above the axes. Raises :class:`PlotError` for data it
    cannot draw."""
    if not isinstance(plot, Mapping) or plot.get("kind") not in DRAW:
        kind = plot.get("kind") if isinstance(plot, Mapping) else type(plot).__name__
        raise PlotError(f"unknown plot kind {kind!r}; known: {', '.join(KINDS)}")
    import matplotlib
    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=FIGSIZE)
        ax = fig.add_subplot()
        DRAW[plot["kind"]](ax, plot)
        _set_ticks(ax)
        ax.grid(True, lw=0.3, alpha=0.5)
        handles, labels = ax.get_legend_handles_labels()
        height = FIGSIZE[1] * 72                        # points
        rows = len(labels) if any(len(t) > 38 for t in labels) else (len(labels) + 1) // 2
        top = 1 - (10 + 14 * rows) / height if labels else 0.95
        rotated = any(t.get_rotation() for t in ax.get_xticklabels())
        fig.subplots_adjust(left=0.13, right=0.98, bottom=0.30 if rotated else 0.16, top=max(top, 0.45))
        if labels:
            ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.0, 1.01), frameon=False,
                      ncol=1 if rows == len(labels) else 2, borderaxespad=0.2, handlelength=2.2)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    head, sep, rest = buf.getvalue().partition("\n")
    return f"{head}{sep}<!-- {plot_key(plot)} -->\n{rest}"


RENDERER = "3"     # bump when drawing changes, so reused plots are redrawn


def plot_key(plot: Mapping) -> str:
    """Identifies a rendering: the plot data, this module's drawing and matplotlib's version. Written
    into the SVG, so an unchanged plot in the previous report is reused instead of drawn again."""
    import matplotlib
    text = json.dumps(plot, sort_keys=True, ensure_ascii=True, default=str)
    digest = hashlib.sha256(f"{RENDERER}\x1f{matplotlib.__version__}\x1f{text}".encode()).hexdigest()
    return f"verify plot {digest[:32]}"


def _render_one(plot) -> tuple[str | None, str | None]:
    """(svg, None) or (None, error message): plugin data must never fail the report."""
    try:
        return render_svg(plot), None
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"


PARALLEL_FROM = 24     # fewer plots than this are drawn in this process (forking costs more)


def _previous(folder: Path | None, path: str, plot) -> str | None:
    """The SVG at ``folder/path`` if it was drawn from the same data by the same code, else None."""
    if folder is None:
        return None
    try:
        with open(folder / path, encoding="utf-8") as f:
            head = f.read(512)
            if f"<!-- {plot_key(plot)} -->" not in head:
                return None
            return head + f.read()
    except (OSError, UnicodeDecodeError, TypeError, ValueError):
        return None


def plot_files(plots: Sequence[tuple[str, Mapping]], jobs: int | None = None,
               previous: Path | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Render ``(path, plot data)`` pairs: (svg text by path, error message by path). A plot whose
    identical rendering is already at ``previous/path`` is reused; many plots are drawn by ``jobs``
    forked processes (default: the number of CPUs). The output depends on neither."""
    files: dict[str, str] = {}
    todo = []
    for path, plot in plots:
        old = _previous(previous, path, plot)
        if old is not None:
            files[path] = old
        else:
            todo.append((path, plot))
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) // PARALLEL_FROM))
    data = [p for _, p in todo]
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            drawn = pool.map(_render_one, data, chunksize=8)
    else:
        drawn = [_render_one(p) for p in data]
    files.update({path: svg for (path, _), (svg, _err) in zip(todo, drawn) if svg is not None})
    errors = {path: err for (path, _), (_svg, err) in zip(todo, drawn) if err is not None}
    return {path: files[path] for path, _ in plots if path in files}, errors


def axis_texts(svg: str) -> dict[str, list[str]]:
    """The texts of a rendered plot's axes: ``xticks``, ``yticks`` (tick labels in view) and ``xlabel``,
    ``ylabel`` (empty lists when missing), read back from the SVG (the tests check every plot has them)."""
    import xml.etree.ElementTree as ET
    root = ET.fromstring(svg.encode())
    ns = "{http://www.w3.org/2000/svg}"
    out: dict[str, list[str]] = {"xticks": [], "yticks": [], "xlabel": [], "ylabel": []}
    for axis, name in (("matplotlib.axis_1", "x"), ("matplotlib.axis_2", "y")):
        group = next((g for g in root.iter(f"{ns}g") if g.get("id") == axis), None)
        if group is None:
            continue
        for child in group:
            texts = ["".join(t.itertext()).strip() for t in child.iter(f"{ns}text")]
            texts = [t for t in texts if t]
            if (child.get("id") or "").startswith(f"{name}tick_"):
                out[f"{name}ticks"] += texts
            else:
                out[f"{name}label"] += texts
    return out
