"""Drawings for the first-input memory task (lecturelib.first_input): the gradient that
reaches x_1, accuracy against the sequence length, and training runs with and without clipping."""
from __future__ import annotations

import numbers

import numpy as np

from . import style

C = style.OKABE_ITO


def _check_ax(ax, name="ax"):
    if not hasattr(ax, "plot"):
        raise TypeError(f"{name} must be a matplotlib Axes, got {type(ax).__name__}")


def _as_1d(name, values):
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array, got shape {arr.shape}")
    return arr


def draw_gradient_by_length(ax, lengths, grad_x1, *, title="the learning signal for the first input"):
    """mean |dL/dx_1| against the sequence length T, log y axis. Returns the artists."""
    _check_ax(ax)
    T = _as_1d("lengths", lengths)
    g = _as_1d("grad_x1", grad_x1)
    if g.shape != T.shape:
        raise ValueError(f"grad_x1 must have one value per length: {T.shape} lengths, got {g.shape}")
    if np.any(g <= 0):
        raise ValueError("grad_x1 must be > 0 (it is drawn on a log axis)")
    artists = ax.semilogy(T, g, marker=".", color=C["blue"])
    ax.set_xlabel("sequence length T")
    ax.set_ylabel(r"mean $|\partial L/\partial x_1|$")
    ax.set_title(title)
    ax.grid(True, axis="y", alpha=0.3)
    return artists


def draw_accuracy_by_length(ax, lengths, accuracy, *, title="simple RNN on the first-input task",
                            one_colour=False, threshold=None):
    """Test accuracy of each run (dots) and their mean (line) against T; chance at 0.5.

    Shapes: lengths (L,), accuracy (L, R) for R runs. ``one_colour``: draw every run's dots
    in one colour with a single legend entry (for many runs). ``threshold``: also draw the
    accuracy that counts as "learned" as a dotted line. Returns the artists.
    """
    _check_ax(ax)
    T = _as_1d("lengths", lengths)
    acc = np.asarray(accuracy, dtype=float)
    if acc.ndim != 2 or acc.shape[0] != T.size:
        raise ValueError(f"accuracy must be (L, R) with L = {T.size} lengths, got shape {acc.shape}")
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, numbers.Real)
                                  or not np.isfinite(threshold)):
        raise TypeError(f"threshold must be None or a finite number, got {threshold!r}")
    artists = []
    for r in range(acc.shape[1]):
        if one_colour:
            label = f"single runs ({acc.shape[1]})" if r == 0 else None
            artists += ax.plot(T, acc[:, r], marker="o", ls="none", alpha=0.35, color=C["blue"], label=label)
        else:
            artists += ax.plot(T, acc[:, r], marker="o", ls="none", alpha=0.7,
                               color=style.CYCLE[r % len(style.CYCLE)], label=f"run {r}")
    artists += ax.plot(T, acc.mean(axis=1), color=C["black"], label="mean")
    if threshold is not None:
        artists.append(ax.axhline(threshold, color=C["vermillion"], ls=":", lw=1.2,
                                  label=f"learned: accuracy $\\geq$ {threshold:g}"))
    ax.axhline(0.5, color="0.5", ls="--", lw=1)
    ax.text(T[0], 0.52, "chance", ha="left", va="bottom", color="0.4")
    ax.set_xticks(T)
    ax.set_ylim(0.3, 1.05)
    ax.set_xlabel("sequence length T")
    ax.set_ylabel("test accuracy")
    ax.set_title(title)
    ax.legend(fontsize=9, loc="center left", bbox_to_anchor=(1.01, 0.5))  # outside: never hides a point
    return artists


def draw_clipping_runs(ax_loss, ax_norm, runs: dict, *, max_norm=None):
    """Training loss and gradient norm per step for groups of runs, e.g. with and without clipping.

    ``runs`` maps a label to a list of histories from ``first_input.train`` (dicts with
    "loss" and "grad_norm"). Left: each run's loss (thin lines) and the median (thick), on a
    log scale so that spikes and the approach to 0 both stay visible. Right: the median
    global norm before clipping, log scale, with the clipping threshold ``max_norm`` (the
    gamma of the notebook). Legends sit below the axes, clear of the lines.
    """
    _check_ax(ax_loss, "ax_loss")
    _check_ax(ax_norm, "ax_norm")
    if not isinstance(runs, dict) or not runs:
        raise ValueError("runs must be a non-empty dict {label: list of training histories}")
    colors = [C["vermillion"], C["blue"], C["green"], C["orange"]]
    artists = []
    for i, (label, hists) in enumerate(runs.items()):
        try:
            loss = np.array([h["loss"] for h in hists], dtype=float)
            gnorm = np.array([h["grad_norm"] for h in hists], dtype=float)
        except (TypeError, KeyError, ValueError):
            raise ValueError(f"runs[{label!r}] must be a list of histories with 'loss' and 'grad_norm' "
                             "arrays of one length") from None
        if loss.ndim != 2 or loss.size == 0:
            raise ValueError(f"runs[{label!r}] must hold at least one history")
        col = colors[i % len(colors)]
        for run in loss:
            artists += ax_loss.semilogy(run, color=col, alpha=0.25, lw=0.8)
        artists += ax_loss.semilogy(np.median(loss, axis=0), color=col, lw=2.2, label=f"{label} (median)")
        artists += ax_norm.semilogy(np.median(gnorm, axis=0), color=col, lw=1.5, label=label)
    ax_loss.axhline(np.log(2), color="0.5", ls=":", lw=1, label="chance: ln 2")
    ax_loss.set_xlabel("SGD step")
    ax_loss.set_ylabel("training loss (log scale)")
    ax_loss.set_title("loss (thin lines: single runs)")
    legend_below = {"fontsize": 9, "loc": "upper center", "bbox_to_anchor": (0.5, -0.2), "ncols": 2,
                    "frameon": False}
    ax_loss.legend(**legend_below)
    if max_norm is not None:
        ax_norm.axhline(max_norm, color="0.5", ls="--", lw=1, label=rf"threshold $\gamma$ = {max_norm:g}")
    ax_norm.set_xlabel("SGD step")
    ax_norm.set_ylabel(r"$\|g\|$ before clipping (median)")
    ax_norm.set_title("global gradient norm")
    ax_norm.legend(**legend_below)
    return artists
