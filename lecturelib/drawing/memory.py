"""Plots for the cell comparisons on memory tasks: accuracy against the sequence length for
several cells, and Jacobian-path norms against the lag on a log scale."""
from __future__ import annotations

import numpy as np

from . import style

__all__ = ["draw_accuracy_by_cell", "draw_path_norms"]

MARKERS = ("o", "s", "^", "D", "v", "P")
# Line colours in order: no two of the first five are alike (the series' cycle has orange then vermillion).
COLORS = tuple(style.OKABE_ITO[k] for k in ("blue", "orange", "green", "purple", "sky", "vermillion", "black"))


def _check_ax(ax):
    if not hasattr(ax, "plot"):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")


def draw_accuracy_by_cell(ax, lengths, results: dict, *, title="first-input task: test accuracy"):
    """One line per cell: mean test accuracy against T; each run as a faint marker; chance at 0.5.

    Shapes: lengths (L,); results = {label: accuracy (L, R)} (R runs each). Returns the artists.
    """
    _check_ax(ax)
    T = np.asarray(lengths, dtype=float)
    if T.ndim != 1 or T.size == 0:
        raise ValueError(f"lengths must be a non-empty 1-D array, got shape {T.shape}")
    if not isinstance(results, dict) or not results:
        raise ValueError("results must be a non-empty dict {label: accuracy (L, R)}")
    artists = []
    for k, (label, acc) in enumerate(results.items()):
        acc = np.asarray(acc, dtype=float)
        if acc.ndim != 2 or acc.shape[0] != T.size:
            raise ValueError(f"results[{label!r}] must be (L, R) with L = {T.size} lengths, got shape {acc.shape}")
        color, marker = COLORS[k % len(COLORS)], MARKERS[k % len(MARKERS)]
        for r in range(acc.shape[1]):
            artists += ax.plot(T, acc[:, r], marker=marker, ls="none", alpha=0.35, color=color, ms=5)
        artists += ax.plot(T, acc.mean(axis=1), marker=marker, color=color, lw=2, label=label)
    ax.axhline(0.5, color="0.5", ls="--", lw=1)
    ax.text(T[0], 0.52, "chance", ha="left", va="bottom", color="0.4", fontsize=9)
    ax.set_xticks(T)
    ax.set_ylim(0.3, 1.05)
    ax.set_xlabel("sequence length $T$")
    ax.set_ylabel("test accuracy")
    ax.set_title(title)
    ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)  # outside: never over data
    ax.grid(True, axis="y", alpha=0.3)
    return artists


def draw_path_norms(ax, lags, curves: dict, *, ylim=(1e-12, 10.0), title=None,
                    ylabel=r"Jacobian norm, step $T$ back to $T - l$"):
    """Several curves {label: log10 norms (T+1,)} against the lag l, drawn on a log y axis."""
    _check_ax(ax)
    lags = np.asarray(lags, dtype=float)
    if not isinstance(curves, dict) or not curves:
        raise ValueError("curves must be a non-empty dict {label: log10 norms}")
    artists = []
    for k, (label, y) in enumerate(curves.items()):
        y = np.asarray(y, dtype=float)
        if y.shape != lags.shape or not np.all(np.isfinite(y)):
            raise ValueError(f"curves[{label!r}] must be finite with the shape of lags {lags.shape}, got {y.shape}")
        artists += ax.semilogy(lags, 10.0**y, label=label, lw=2, color=style.CYCLE[k % len(style.CYCLE)],
                               ls=("-", "--", "-.", ":")[k % 4])
    ax.set_ylim(*ylim)
    ax.set_xlim(0, lags.max())
    ax.set_xlabel(r"lag $l$ (steps back from $T$)")
    ax.set_ylabel(ylabel)
    ax.grid(True, axis="y", alpha=0.3)
    ax.legend(fontsize=9, loc="lower left")
    if title:
        ax.set_title(title)
    return artists
