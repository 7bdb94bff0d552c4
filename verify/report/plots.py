"""Rendering plot data (:mod:`verify.core.plotdata`, made by checks) to deterministic SVG files."""
from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from ..core.plotdata import KINDS, PlotError, label


# ---------------------------------------------------------------------------------------------
# drawing (in reports)
# ---------------------------------------------------------------------------------------------

SIDE_COLORS = ("#1f5fa8", "#c0392b")     # lhs, rhs
RC = {"svg.hashsalt": "verify", "svg.fonttype": "none", "font.size": 8, "font.family": "DejaVu Sans",
      "axes.titlesize": 9, "legend.fontsize": 7, "path.simplify": True, "figure.dpi": 72,
      "text.parse_math": False}    # labels are data: a "$" in a plugin's label is text, not TeX


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


def _log_scale_helps(*arrays: np.ndarray) -> bool:
    """A log axis when all values are positive and span more than three decades."""
    a = np.concatenate([np.ravel(x) for x in arrays])
    a = a[np.isfinite(a)]
    return a.size > 1 and bool(np.all(a > 0)) and a.max() / a.min() > 1e3


def _trajectory(ax, plot):
    x, lhs, rhs = _floats(plot, "x"), _floats(plot, "lhs"), _floats(plot, "rhs")
    if not (x.size == lhs.size == rhs.size) or x.size == 0:
        raise PlotError("trajectory needs x, lhs and rhs of one non-zero length")
    ax.plot(x, lhs, color=SIDE_COLORS[0], lw=1.2, label=label(f"lhs: {plot.get('lhs_label', 'lhs')}"))
    ax.plot(x, rhs, color=SIDE_COLORS[1], lw=1.2, ls="--", label=label(f"rhs: {plot.get('rhs_label', 'rhs')}"))
    if _log_scale_helps(lhs, rhs):
        ax.set_yscale("log")
    ax.set_xlabel(label(plot.get("x_label", "x")))


def _loglog(ax, plot):
    x, q = _floats(plot, "x"), _floats(plot, "q")
    slope, claimed = _float(plot, "slope"), _float(plot, "claimed_slope")
    ok = np.isfinite(x) & np.isfinite(q) & (x > 0) & (q > 0)
    if x.size != q.size or ok.sum() < 2:
        raise PlotError("loglog needs x and q of one length with at least two positive points")
    lx, lq = np.log(x[ok]), np.log(q[ok])
    grid = np.linspace(lx.min(), lx.max(), 2)
    ax.loglog(x[ok], q[ok], "o", color=SIDE_COLORS[0], ms=4, label="simulated (mean)")
    for s, style, name in ((slope, "-", "fitted"), (claimed, ":", "claimed")):
        ax.plot(np.exp(grid), np.exp(lq.mean() + s * (grid - lx.mean())), style, color="#444" if name == "fitted"
                else SIDE_COLORS[1], lw=1.2, label=f"{name} slope {s:.3f}")
    ax.set_xlabel(label(plot.get("x_label", "x")))


def _estimate(ax, plot):
    est, low, high, target = (_floats(plot, k) for k in ("estimate", "low", "high", "target"))
    if not (est.size == low.size == high.size == target.size) or est.size == 0:
        raise PlotError("estimate needs estimate, low, high and target of one non-zero length")
    i = np.arange(est.size)
    ax.errorbar(i, est, yerr=np.abs(np.vstack([est - low, high - est])), fmt="o", color=SIDE_COLORS[0], ms=4,
                capsize=3, label=label(plot.get("estimate_label", "estimate, confidence interval")))
    ax.plot(i, target, "x", color=SIDE_COLORS[1], ms=7, mew=1.5, label=label(plot.get("target_label", "closed form")))
    ax.set_xticks(i)
    names = plot.get("labels")
    ax.set_xticklabels([label(n, 12) for n in names] if isinstance(names, list) and len(names) == est.size
                       else [str(k) for k in i])
    ax.set_xlim(-0.6, est.size - 0.4)


def _counterexample(ax, plot):
    point = plot.get("point")
    if not isinstance(point, Mapping):
        raise PlotError("counterexample needs point: a mapping of names to values")
    lhs, rhs = _float(plot, "lhs"), _float(plot, "rhs")
    sl = plot.get("slice")
    if isinstance(sl, Mapping) and "variable" in sl:
        x, ls, rs = _floats(sl, "x"), _floats(sl, "lhs"), _floats(sl, "rhs")
        if not (x.size == ls.size == rs.size):
            raise PlotError("counterexample slice needs x, lhs and rhs of one length")
        ax.plot(x, ls, color=SIDE_COLORS[0], lw=1.2, label=label(f"lhs: {plot.get('lhs_label', 'lhs')}"))
        ax.plot(x, rs, color=SIDE_COLORS[1], lw=1.2, ls="--", label=label(f"rhs: {plot.get('rhs_label', 'rhs')}"))
        at = point.get(sl["variable"])
        if isinstance(at, (int, float)):
            ax.plot([at, at], [lhs, rhs], "o-", color="#000", ms=4, lw=0.8, label="counterexample")
        if _log_scale_helps(ls, rs, [lhs, rhs]):
            ax.set_yscale("log")
        ax.set_xlabel(label(str(sl["variable"])))
    else:
        ax.bar([0, 1], [lhs, rhs], color=SIDE_COLORS, width=0.5)
        ax.set_xticks([0, 1])
        ax.set_xticklabels([label(plot.get("lhs_label", "lhs"), 30), label(plot.get("rhs_label", "rhs"), 30)])


def caption(plot: Mapping) -> str:
    """What the plot shows, in words: the report prints it under the figure (drawing a title inside
    the figure would cost a quarter of its rendering time)."""
    if not isinstance(plot, Mapping):
        return ""
    kind, rel = plot.get("kind"), plot.get("relation", "?")
    if "title" in plot:
        return label(str(plot["title"]), 200)
    if kind == "trajectory":
        return label(f"lhs {rel} rhs along {plot.get('x_label', 'x')}, at the instance with the smallest margin", 200)
    if kind == "loglog":
        return "log-log fit: simulated quantity, fitted and claimed slopes"
    if kind == "estimate":
        return "estimate with confidence interval versus closed form"
    if kind == "counterexample" and isinstance(plot.get("point"), Mapping):
        where = ", ".join(f"{k} = {v:.4g}" if isinstance(v, (int, float)) else f"{k} = {v}"
                          for k, v in plot["point"].items())
        return label(f"counterexample: lhs {rel} rhs fails at {where}", 200)
    return str(kind)


DRAW = {"trajectory": _trajectory, "loglog": _loglog, "estimate": _estimate, "counterexample": _counterexample}


def render_svg(plot: Mapping) -> str:
    """The plot as SVG text, byte-identical for the same data (fixed hash salt, no date, text as text).
    Raises :class:`PlotError` for data it cannot draw."""
    if not isinstance(plot, Mapping) or plot.get("kind") not in DRAW:
        kind = plot.get("kind") if isinstance(plot, Mapping) else type(plot).__name__
        raise PlotError(f"unknown plot kind {kind!r}; known: {', '.join(KINDS)}")
    import matplotlib
    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedLocator, LogFormatter, LogLocator, MaxNLocator, NullLocator
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(5.0, 2.8))
        fig.subplots_adjust(left=0.12, right=0.98, bottom=0.15, top=0.96)
        ax = fig.add_subplot()
        DRAW[plot["kind"]](ax, plot)
        for axis in (ax.xaxis, ax.yaxis):         # few ticks, plain "1e-05" labels: mathtext is off (and slow)
            if axis.get_scale() == "log":
                axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0), numticks=7))
                axis.set_major_formatter(LogFormatter(labelOnlyBase=False))
            elif not isinstance(axis.get_major_locator(), FixedLocator):     # named ticks stay as they are
                axis.set_major_locator(MaxNLocator(6))
            axis.set_minor_locator(NullLocator())
        ax.grid(True, lw=0.3, alpha=0.5)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="best", frameon=False)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    head, sep, rest = buf.getvalue().partition("\n")
    return f"{head}{sep}<!-- {plot_key(plot)} -->\n{rest}"


RENDERER = "2"     # bump when drawing changes, so reused plots are redrawn


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
