"""The unrolled graph with its gradient paths, and the curves of notebook 05 (BPTT).

draw_bptt_graph: x_t -> h_t -> o_t -> L_t for t = 1..T, h_0 on the left. Each loss L_s
sends its gradient down to h_s and then left along the chain h_s -> h_{s-1} -> ... -> h_0,
one coloured lane per loss, so the lanes arriving at h_t are exactly the terms of
dL/dh_t = dL_t/dh_t + (dh_{t+1}/dh_t)^T dL/dh_{t+1}. With ``truncation=k`` the lanes stop
at the window edges (the state still flows forward across them).
"""
from __future__ import annotations

import matplotlib.ticker as mticker
import numpy as np
from matplotlib.figure import Figure

from . import style

_ROW = {"x": -0.5, "h": 1.6, "o": 3.0, "L": 4.2}
_DX = 2.0  # distance between steps


def _node(ax, xy, text, color, *, lw=1.2, face="white"):
    return ax.text(*xy, text, ha="center", va="center", fontsize=12, zorder=5,
                   bbox=dict(boxstyle="round,pad=0.35", fc=face, ec=color, lw=lw))


def _arrow(ax, start, end, color, *, lw=1.2, ls="-", shrink=14, zorder=2, style_="-|>"):
    return ax.annotate("", xy=end, xytext=start, zorder=zorder,
                       arrowprops=dict(arrowstyle=style_, color=color, lw=lw, ls=ls,
                                       shrinkA=shrink, shrinkB=shrink))


def draw_bptt_graph(ax, T: int = 4, *, truncation=None, focus=None, show_forward=True):
    """Draw the unrolled RNN and the backward lanes from every L_s (s = 1..T) towards h_0.

    ``truncation`` (int k): windows of k steps; gradients stop at window edges.
    ``focus`` (int t in 1..T): mark h_t and say which lanes reach it.
    Returns a dict of artists: "nodes", "forward", "lanes" (one list per loss), "cuts".
    """
    if isinstance(T, bool) or not isinstance(T, (int, np.integer)) or T < 1 or T > 8:
        raise ValueError(f"T must be an int from 1 to 8 (the picture gets crowded), got {T!r}")
    if truncation is not None and (isinstance(truncation, bool) or not isinstance(truncation, (int, np.integer)) or truncation < 1):
        raise ValueError(f"truncation must be a positive int or None, got {truncation!r}")
    if focus is not None and (isinstance(focus, bool) or not isinstance(focus, (int, np.integer)) or not 1 <= focus <= T):
        raise ValueError(f"focus must be an int from 1 to T={T} or None, got {focus!r}")
    grey, fwd = "#9a9a9a", style.OKABE_ITO["black"]
    colors = [style.CYCLE[i % 6] for i in range(T)]
    out = {"nodes": [], "forward": [], "lanes": [], "cuts": []}
    col = lambda t: t * _DX  # noqa: E731

    # Window edges: gradients stop there; the state still flows forward.
    starts = {0} if truncation is None else set(range(0, T, truncation))
    cut_at = sorted(starts - {0})  # a cut between h_s and h_{s+1} for each s here

    out["nodes"].append(_node(ax, (col(0), _ROW["h"]), "$h_0$", fwd))
    for t in range(1, T + 1):
        for r, name in (("x", "x"), ("h", "h"), ("o", "o"), ("L", "L")):
            face = style.OKABE_ITO["yellow"] if (r == "h" and focus == t) else "white"
            out["nodes"].append(_node(ax, (col(t), _ROW[r]), f"${name}_{{{t}}}$", fwd, face=face,
                                      lw=2.2 if (r == "h" and focus == t) else 1.2))
        if show_forward:
            out["forward"] += [
                _arrow(ax, (col(t), _ROW["x"]), (col(t), _ROW["h"]), grey),
                _arrow(ax, (col(t), _ROW["h"]), (col(t), _ROW["o"]), grey),
                _arrow(ax, (col(t), _ROW["o"]), (col(t), _ROW["L"]), grey, shrink=12),
                _arrow(ax, (col(t - 1), _ROW["h"]), (col(t), _ROW["h"]), grey),
            ]
            if (t - 1) in cut_at:  # keep the W label clear of the dashed cut line
                ax.text(col(t) - _DX / 2 - 0.1, _ROW["h"] + 0.12, "$W$", ha="right", va="bottom", fontsize=10,
                        color="#555555")
            else:
                ax.text(col(t) - _DX / 2, _ROW["h"] + 0.12, "$W$", ha="center", va="bottom", fontsize=10,
                        color="#555555")
            ax.text(col(t) + 0.1, _ROW["x"] + 0.42, "$U$", ha="left", va="center", fontsize=10, color="#555555")
            ax.text(col(t) + 0.1, (_ROW["h"] + _ROW["o"]) / 2, "$V$", ha="left", va="center", fontsize=10, color="#555555")

    for s in cut_at:
        xc = col(s) + _DX / 2
        out["cuts"].append(ax.axvline(xc, color=style.OKABE_ITO["vermillion"], ls="--", lw=1.5, zorder=1))
        # the line's two meanings, one on each side of it
        ax.text(xc - 0.12, _ROW["L"] + 0.55, "gradient cut", ha="right", va="bottom", fontsize=11,
                color=style.OKABE_ITO["vermillion"])
        ax.text(xc + 0.12, _ROW["L"] + 0.55, "state carried \u2192", ha="left", va="bottom", fontsize=11,
                color="#333333")

    # One lane per loss L_s: down the column, then left under the h row.
    for s in range(1, T + 1):
        c = colors[s - 1]
        stop = max(w for w in starts if w < s)  # first state of L_s's window (h_stop is a constant)
        dx_lane = -0.28
        y_lane = _ROW["h"] - 0.45 - 0.14 * (s - 1)
        lane = [
            _arrow(ax, (col(s) + dx_lane, _ROW["L"]), (col(s) + dx_lane, y_lane), c, lw=1.8, shrink=10, zorder=3),
        ]
        # the lane passes through o_s (a dot) and is multiplied by V^T on its way down to h_s
        ax.scatter([col(s) + dx_lane], [_ROW["o"]], s=16, color=c, zorder=4)
        ax.text(col(s) + dx_lane - 0.08, (_ROW["h"] + _ROW["o"]) / 2, "$V^\\top$", ha="right", va="center",
                fontsize=10, color=c)
        x_end = col(stop) + (_DX / 2 + 0.1 if stop > 0 else 0.0)
        lane.append(_arrow(ax, (col(s) + dx_lane, y_lane), (x_end, y_lane), c, lw=1.8, shrink=0, zorder=3))
        # a dot under every h_t this lane reaches
        ts = np.arange(stop if stop == 0 else stop + 1, s + 1)
        lane.append(ax.scatter(col(ts), np.full(ts.size, y_lane), s=16, color=c, zorder=4))
        out["lanes"].append(lane)
        ax.text(col(s) + dx_lane - 0.08, _ROW["L"] + 0.05, f"$\\partial L_{{{s}}}$", ha="right", va="bottom",
                fontsize=9, color=c)

    if focus is not None:
        reaching = [s for s in range(focus, T + 1) if max(w for w in starts if w < s) < focus]
        names = ", ".join(f"$L_{{{s}}}$" for s in reaching)
        ax.text(col(T) + 0.6, _ROW["x"] - 0.75, f"gradients reaching $h_{{{focus}}}$: {names}",
                ha="right", va="top", fontsize=10,
                bbox=dict(boxstyle="round,pad=0.3", fc=style.OKABE_ITO["yellow"], ec="none", alpha=0.5))

    ax.text(-0.7, _ROW["x"] - 0.75, "grey: forward pass\ncoloured: gradient of each $L_s$ flowing back\n"
            "(through $o_s$ and $V^\\top$ down to $h_s$, then back along the chain)",
            ha="left", va="top", fontsize=9, color="#333333")
    ax.set_xlim(-0.8, col(T) + 0.8)
    ax.set_ylim(_ROW["x"] - 1.45, _ROW["L"] + 0.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return out


def draw_curves(ax, curves: dict, *, span: int = 1, ylabel: str = "", xlabel: str = "update",
                logy: bool = False, hline=None, hline_label=None):
    """Plot each ``label -> values`` curve (a trailing mean over ``span`` points if span > 1,
    with the raw values faint behind it). Returns the list of line artists."""
    from ..bptt import smooth

    if not isinstance(curves, dict) or not curves:
        raise ValueError("curves must be a non-empty dict of label -> list of numbers")
    lines = []
    for i, (label, values) in enumerate(curves.items()):
        vals = np.asarray(values, dtype=float)
        c = style.CYCLE[i % len(style.CYCLE)]
        if span > 1:
            ax.plot(vals, color=c, alpha=0.25, lw=0.8)
            lines += ax.plot(smooth(vals, span), color=c, lw=2, label=label)
        else:
            lines += ax.plot(vals, color=c, lw=2, label=label)
    if hline is not None:
        lines.append(ax.axhline(hline, color=style.OKABE_ITO["black"], ls="--", lw=1, label=hline_label))
    if logy:
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(mticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda val, _: f"{val:g}"))
        ax.yaxis.set_minor_formatter(mticker.NullFormatter())
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if len(curves) > 1 or hline_label:
        ax.legend(frameon=False)
    return lines


def draw_truncation_error(ax, ks, errors: dict):
    """||g_k - g|| / ||g|| (g: full BPTT gradient, g_k: truncated to k steps) against k,
    one line per model. Returns the line artists."""
    ks = np.asarray(ks, dtype=float)
    lines = []
    for i, (label, err) in enumerate(errors.items()):
        lines += ax.plot(ks, err, "o-", color=style.CYCLE[i % len(style.CYCLE)], lw=2, label=label)
    ax.set_xscale("log")
    ax.set_xticks(ks, [f"{k:g}" for k in ks])
    ax.xaxis.set_minor_locator(mticker.NullLocator())
    ax.set_xlabel("truncation length k (steps)")
    ax.set_ylabel("$\\|g_k - g\\| \\,/\\, \\|g\\|$\n($g$: full BPTT, $g_k$: cut at $k$)")
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False)
    return lines


def bptt_figure(T: int = 4, **kw) -> Figure:
    fig = Figure(figsize=(1.45 * T + 1.6, 4.6), layout="constrained")
    draw_bptt_graph(fig.add_subplot(), T, **kw)
    return fig


FIGURES = {
    "bptt-gradient-paths.png": lambda: bptt_figure(4, focus=2),
    "bptt-truncated.png": lambda: bptt_figure(6, truncation=3),
}
