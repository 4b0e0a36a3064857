"""Charts of the report: ``matplotlib.figure.Figure`` objects, no pyplot, one visual style.

Every chart is drawn at the size it is printed (16 cm wide by default), so 9-point text
stays 9-point on paper; colours keep their meaning across the report (detractors red,
passives grey, promoters green, the study's own numbers navy) and survive greyscale
printing through contrast and labels, not colour alone. Numbers on charts are formatted
for the report's language (:class:`reports.numbers.NumberFormat`). No global state is
touched: no ``pyplot``, no ``rcParams`` changes; fonts and colours are passed explicitly.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

from reports.numbers import NumberFormat

CM = 1 / 2.54
FONT = "DejaVu Sans"  # ships with matplotlib and covers Cyrillic
BASE_SIZE = 8.5
NAVY = "#1F3A5F"
LIGHT_NAVY = "#8FA6C1"
RED = "#C0392B"
GREY = "#A7B0BB"
GREEN = "#2E8B57"
ORANGE = "#D68910"
TEXT = "#222222"
FAINT = "#DDDDDD"
QUADRANT_COLOURS = {
    "concentrate here": RED,
    "keep up the good work": GREEN,
    "low priority": GREY,
    "possible overkill": ORANGE,
}


def _figure(width_cm: float, height_cm: float) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    _style(ax)
    return fig, ax


def _style(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#666666")
        ax.spines[side].set_linewidth(0.6)
    ax.tick_params(labelsize=BASE_SIZE, colors=TEXT, width=0.6, length=3)
    for label in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        label.set_fontfamily(FONT)
    ax.set_axisbelow(True)


def _fonts(ax: Axes) -> None:
    """Apply the font to tick labels created after styling."""
    for label in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        label.set_fontfamily(FONT)
        label.set_fontsize(BASE_SIZE)
        label.set_color(TEXT)


def _label(ax: Axes, x: str | None = None, y: str | None = None) -> None:
    kw: dict[str, Any] = {"fontsize": BASE_SIZE, "fontfamily": FONT, "color": TEXT}
    if x:
        ax.set_xlabel(x, **kw)
    if y:
        ax.set_ylabel(y, **kw)


def _wrap(labels: Sequence[str], width: int = 32) -> list[str]:
    return ["\n".join(textwrap.wrap(str(s), width)) or str(s) for s in labels]


def _text(ax: Axes, x: float, y: float, s: str, **kw: Any) -> None:
    style: dict[str, Any] = {
        "fontsize": BASE_SIZE - 0.5,
        "fontfamily": FONT,
        "color": TEXT,
        "va": "center",
    }
    style.update(kw)
    ax.text(x, y, s, **style)


def to_png(fig: Figure, dpi: int = 200) -> bytes:
    """Render a figure to PNG bytes with the Agg canvas (no GUI, no pyplot)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


# ---------------------------------------------------------------------------------------
def nps_distribution(
    shares: Sequence[float], nf: NumberFormat, axis_label: str, share_label: str
) -> Figure:
    """Bars of the 0-10 answers (shares), coloured by NPS group, labelled with per cents."""
    fig, ax = _figure(16, 7)
    x = np.arange(11)
    colours = [RED] * 7 + [GREY] * 2 + [GREEN] * 2
    vals = np.asarray(shares, dtype=float)
    ax.bar(x, vals, color=colours, width=0.72, edgecolor="none")
    for xi, v in zip(x, vals, strict=True):
        _text(ax, float(xi), v + vals.max() * 0.02, nf.pct(v), ha="center", va="bottom")
    ax.set_xticks(x)
    ax.set_ylim(0, max(vals.max() * 1.18, 0.05))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: nf.pct(v)))
    ax.grid(axis="y", color=FAINT, linewidth=0.6)
    _label(ax, axis_label, share_label)
    _fonts(ax)
    return fig


def intervals(
    labels: Sequence[str],
    values: Sequence[float],
    lows: Sequence[float],
    highs: Sequence[float],
    nf: NumberFormat,
    axis_label: str,
    *,
    signed: bool = False,
    reference: float | None = None,
    reference_label: str | None = None,
    limits: tuple[float, float] | None = None,
    annotations: Sequence[str] | None = None,
) -> Figure:
    """A dot-and-whisker chart: one row per group, the estimate and its interval."""
    n = len(labels)
    fig, ax = _figure(16, 1.6 + 0.75 * n)
    y = np.arange(n)[::-1]
    vals = np.asarray(values, dtype=float)
    lo, hi = np.asarray(lows, dtype=float), np.asarray(highs, dtype=float)
    ok = np.isfinite(vals)
    ax.hlines(y[ok], lo[ok], hi[ok], color=LIGHT_NAVY, linewidth=3.2)
    ax.plot(vals[ok], y[ok], "o", color=NAVY, markersize=6.5)
    fmt = nf.signed if signed else nf.num
    for yi, v, h, note in zip(y, vals, hi, annotations or [""] * n, strict=True):
        if np.isfinite(v):
            _text(ax, (h if np.isfinite(h) else v), yi + 0.3, f"{fmt(v)}", ha="center")
        if note:
            _text(ax, 1.0, yi, note, ha="left", color="#555555", transform=ax.get_yaxis_transform())
    if reference is not None:
        ax.axvline(reference, color=NAVY, linewidth=0.8, linestyle="--")
        if reference_label:
            _text(ax, reference, n - 0.35, reference_label, ha="center", color=NAVY)
    ax.set_yticks(y, _wrap(labels, 28))
    if limits:
        ax.set_xlim(*limits)
    ax.set_ylim(-0.7, n - 0.2)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt(v)))
    ax.grid(axis="x", color=FAINT, linewidth=0.6)
    _label(ax, axis_label)
    _fonts(ax)
    return fig


def aspect_bars(
    labels: Sequence[str],
    means: Sequence[float],
    lows: Sequence[float],
    highs: Sequence[float],
    nf: NumberFormat,
    axis_label: str,
) -> Figure:
    """Horizontal bars of 0-100 satisfaction per aspect with their intervals."""
    n = len(labels)
    fig, ax = _figure(16, 1.4 + 0.7 * n)
    y = np.arange(n)[::-1]
    m = np.asarray(means, dtype=float)
    err = np.vstack([m - np.asarray(lows, dtype=float), np.asarray(highs, dtype=float) - m])
    ax.barh(y, m, color=NAVY, height=0.6)
    ax.errorbar(m, y, xerr=err, fmt="none", ecolor="#555555", elinewidth=0.9, capsize=2.5)
    for yi, v, h in zip(y, m, np.asarray(highs, dtype=float), strict=True):
        _text(ax, (h if np.isfinite(h) else v) + 1.5, yi, nf.num(v), ha="left")
    ax.set_yticks(y, _wrap(labels))
    ax.set_xlim(0, 108)
    ax.xaxis.set_major_locator(MultipleLocator(20))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: nf.num(v) if v <= 100 else ""))
    ax.grid(axis="x", color=FAINT, linewidth=0.6)
    _label(ax, axis_label)
    _fonts(ax)
    return fig


def dumbbell(
    labels: Sequence[str],
    first: Sequence[float],
    second: Sequence[float],
    nf: NumberFormat,
    first_label: str,
    second_label: str,
    axis_label: str,
) -> Figure:
    """Two values per aspect on one 0-100 axis (satisfaction vs importance, segment vs all)."""
    n = len(labels)
    fig, ax = _figure(16, 1.8 + 0.7 * n)
    y = np.arange(n)[::-1]
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    ax.hlines(y, np.fmin(a, b), np.fmax(a, b), color=FAINT, linewidth=2.5)
    ax.plot(a, y, "o", color=NAVY, markersize=7, label=first_label)
    ax.plot(b, y, "D", color=ORANGE, markersize=6, label=second_label)
    for yi, va, vb in zip(y, a, b, strict=True):
        if np.isfinite(va):
            _text(ax, va, yi + 0.32, nf.num(va), ha="center", color=NAVY)
        if np.isfinite(vb):
            _text(ax, vb, yi - 0.34, nf.num(vb), ha="center", color="#8A5A00")
    ax.set_yticks(y, _wrap(labels))
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.8, n - 0.2)
    ax.xaxis.set_major_locator(MultipleLocator(20))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: nf.num(v)))
    ax.grid(axis="x", color=FAINT, linewidth=0.6)
    legend = ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=2,
        frameon=False,
        prop={"family": FONT, "size": BASE_SIZE},
    )
    legend.set_in_layout(True)
    _label(ax, axis_label)
    _fonts(ax)
    return fig


def driver_bars(
    labels: Sequence[str],
    shares: Sequence[float],
    lows: Sequence[float],
    highs: Sequence[float],
    nf: NumberFormat,
    axis_label: str,
) -> Figure:
    """Relative importance (share of explained variance) with bootstrap intervals."""
    n = len(labels)
    fig, ax = _figure(16, 1.4 + 0.7 * n)
    y = np.arange(n)[::-1]
    s = np.asarray(shares, dtype=float)
    lo, hi = np.asarray(lows, dtype=float), np.asarray(highs, dtype=float)
    ax.barh(y, s, color=NAVY, height=0.6)
    ok = np.isfinite(lo) & np.isfinite(hi)
    err = np.vstack([np.clip(s - lo, 0, None), np.clip(hi - s, 0, None)])
    ax.errorbar(
        s[ok], y[ok], xerr=err[:, ok], fmt="none", ecolor="#555555", elinewidth=0.9, capsize=2.5
    )
    top = float(np.nanmax(np.where(ok, hi, s))) if n else 1.0
    for yi, v, h in zip(y, s, np.where(ok, hi, s), strict=True):
        _text(ax, h + top * 0.02, yi, nf.pct(v), ha="left")
    ax.set_yticks(y, _wrap(labels))
    ax.set_xlim(0, top * 1.15 + 1e-9)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: nf.pct(v)))
    ax.grid(axis="x", color=FAINT, linewidth=0.6)
    _label(ax, axis_label)
    _fonts(ax)
    return fig


def ipa_matrix(
    labels: Sequence[str],
    importance: Sequence[float],
    performance: Sequence[float],
    quadrants: Sequence[str],
    quadrant_names: dict[str, str],
    importance_cut: float,
    performance_cut: float,
    nf: NumberFormat,
    importance_label: str,
    performance_label: str,
) -> Figure:
    """Importance-performance matrix: aspects as points, quadrants cut at the means."""
    fig, ax = _figure(16, 11)
    imp = np.asarray(importance, dtype=float)
    perf = np.asarray(performance, dtype=float)
    # At least a few points of satisfaction and a few per cent of importance on the axes, so
    # near-equal aspects do not look far apart.
    pad_x = max(np.ptp(perf) * 0.25, 2.0)
    pad_y = max(np.ptp(imp) * 0.25, 0.02)
    x0, x1 = perf.min() - pad_x, perf.max() + pad_x
    y0, y1 = max(0.0, imp.min() - pad_y), imp.max() + pad_y
    # room at the bottom for the two lower quadrant names, under the lowest labels
    y0 -= (y1 - y0) * 0.12
    ax.axvline(performance_cut, color="#777777", linewidth=0.8, linestyle="--")
    ax.axhline(importance_cut, color="#777777", linewidth=0.8, linestyle="--")
    corners = {  # the upper names sit above the plot, the lower ones in the reserved band
        "concentrate here": (0.0, 1.01, "left", "bottom"),
        "keep up the good work": (1.0, 1.01, "right", "bottom"),
        "low priority": (0.01, 0.02, "left", "bottom"),
        "possible overkill": (0.99, 0.02, "right", "bottom"),
    }
    for q, (cx, cy, ha, va) in corners.items():
        _text(
            ax,
            cx,
            cy,
            quadrant_names[q],
            ha=ha,
            va=va,
            color=QUADRANT_COLOURS[q],
            fontweight="bold",
            transform=ax.transAxes,
        )
    # Points carry short labels (their fix-first numbers; the table under the chart names
    # them), set beside the marker and nudged apart when two points nearly coincide.
    placed: list[tuple[float, float]] = []
    dx, dy = (x1 - x0), (y1 - y0)
    for lab, xi, yi, q in sorted(
        zip(labels, perf, imp, quadrants, strict=True), key=lambda r: (-r[2], r[1])
    ):
        ax.plot(xi, yi, "o", color=QUADRANT_COLOURS.get(q, NAVY), markersize=9)
        ly = yi
        while any(abs(ly - py) < dy * 0.045 and abs(xi - px) < dx * 0.06 for px, py in placed):
            ly -= dy * 0.05
        placed.append((xi, ly))
        _text(ax, xi + dx * 0.012, ly, lab, ha="left", va="center", fontweight="bold")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    decimals = 1 if x1 - x0 < 8 else 0  # ticks one point apart would repeat as integers
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: nf.num(v, decimals)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: nf.pct(v) if v >= 0 else ""))
    _label(ax, performance_label, importance_label)
    _fonts(ax)
    return fig


def count_bars(
    labels: Sequence[str], shares: Sequence[float], nf: NumberFormat, axis_label: str
) -> Figure:
    """Horizontal bars of shares (themes, options), largest first."""
    n = len(labels)
    fig, ax = _figure(16, 1.4 + 0.6 * n)
    y = np.arange(n)[::-1]
    s = np.asarray(shares, dtype=float)
    ax.barh(y, s, color=NAVY, height=0.6)
    top = float(np.nanmax(s)) if n else 1.0
    for yi, v in zip(y, s, strict=True):
        _text(ax, v + top * 0.015, yi, nf.pct(v), ha="left")
    ax.set_yticks(y, _wrap(labels))
    ax.set_xlim(0, top * 1.15 + 1e-9)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: nf.pct(v)))
    ax.grid(axis="x", color=FAINT, linewidth=0.6)
    _label(ax, axis_label)
    _fonts(ax)
    return fig


def forest(
    labels: Sequence[str],
    values: Sequence[float],
    lows: Sequence[float],
    highs: Sequence[float],
    significant: Sequence[bool],
    nf: NumberFormat,
    axis_label: str,
) -> Figure:
    """Forest plot of differences from zero: one row per group, estimate and interval.

    A difference that survives the report's correction is drawn green above zero and red
    below it; the others navy, so the eye stops only where the report makes a claim.
    """
    n = len(labels)
    fig, ax = _figure(16, 1.6 + 0.7 * n)
    y = np.arange(n)[::-1]
    vals = np.asarray(values, dtype=float)
    lo, hi = np.asarray(lows, dtype=float), np.asarray(highs, dtype=float)
    ax.axvline(0.0, color="#666666", linewidth=0.8)
    for yi, v, a, b, sig in zip(y, vals, lo, hi, significant, strict=True):
        if not np.isfinite(v):
            continue
        colour = (GREEN if v > 0 else RED) if sig else NAVY
        if np.isfinite(a) and np.isfinite(b):
            ax.hlines(yi, a, b, color=colour, alpha=0.45, linewidth=3.2)
        ax.plot([v], [yi], "o" if sig else "D", color=colour, markersize=6 if sig else 5)
        _text(ax, v, yi + 0.32, nf.signed(v), ha="center")
    finite = np.concatenate([vals[np.isfinite(vals)], lo[np.isfinite(lo)], hi[np.isfinite(hi)]])
    reach = max(10.0, float(np.abs(finite).max()) * 1.1) if finite.size else 10.0
    ax.set_xlim(-reach, reach)
    ax.set_yticks(y, _wrap(labels, 28))
    ax.set_ylim(-0.7, n - 0.2)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: nf.signed(v)))
    ax.grid(axis="x", color=FAINT, linewidth=0.6)
    _label(ax, axis_label)
    _fonts(ax)
    return fig


__all__ = [
    "aspect_bars",
    "count_bars",
    "driver_bars",
    "dumbbell",
    "forest",
    "intervals",
    "ipa_matrix",
    "nps_distribution",
    "to_png",
]
