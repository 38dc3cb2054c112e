"""Drawings for the four-model comparison (lecturelib.compare): held-out accuracy against the
dependency length, one line per model, and the measured cost of one step next to the parameter count."""
from __future__ import annotations

import numpy as np

from . import style

C = style.OKABE_ITO
COLORS = {"dnn": C["black"], "rnn": C["blue"], "lstm": C["vermillion"], "gru": C["green"]}
MARKERS = {"dnn": "s", "rnn": "o", "lstm": "^", "gru": "D"}
NAMES = {"dnn": "DNN (window)", "rnn": "simple RNN", "lstm": "LSTM", "gru": "GRU"}


def _check_ax(ax, name="ax"):
    if not hasattr(ax, "plot"):
        raise TypeError(f"{name} must be a matplotlib Axes, got {type(ax).__name__}")


def _check_results(results, key):
    if not isinstance(results, dict) or key not in results or "models" not in results:
        raise TypeError(f"results must be the dict returned by compare.run_experiment (with '{key}')")
    unknown = [m for m in results["models"] if m not in NAMES]
    if unknown:
        raise ValueError(f"results['models'] holds unknown models {unknown}; expected some of {list(NAMES)}")


def dodge_factors(n_models: int, *, dodge: float = 0.03) -> np.ndarray:
    """Multiplicative x-offsets that spread ``n_models`` models around each length on a log axis:
    10 ** (dodge * (i - (n - 1) / 2)) for model i, so the models sit side by side (a "dodge"),
    centred on the true length. ``dodge`` is the gap between neighbours in decades (0: no offset)."""
    if isinstance(n_models, bool) or not isinstance(n_models, (int, np.integer)) or n_models < 1:
        raise ValueError(f"n_models must be a positive integer, got {n_models!r}")
    if isinstance(dodge, bool) or not isinstance(dodge, (int, float, np.number)) or not np.isfinite(dodge) \
            or dodge < 0:
        raise ValueError(f"dodge must be a finite number >= 0 (decades between neighbours), got {dodge!r}")
    return 10.0 ** (dodge * (np.arange(n_models) - (n_models - 1) / 2))


def draw_accuracy_by_length(ax, results, *, tau=None, dodge=0.03,
                            title="the first input, remembered over $T - 1$ steps"):
    """Mean held-out accuracy against the sequence length T, one line per model; single runs
    as faint dots when there are several; chance at 0.5; ``tau`` marks the DNN's window edge.
    The T axis is logarithmic (equal ratios, not equal steps, are equal distances), and its label says so.
    Each model is shifted sideways by ``dodge`` decades from its neighbour (``dodge_factors``),
    so markers at the same accuracy do not hide each other; the ticks stay at the true T.
    Returns the artists."""
    _check_ax(ax)
    _check_results(results, "accuracy")
    T = np.asarray(results["lengths"], dtype=float)
    shift = dodge_factors(len(results["models"]), dodge=dodge)
    artists = []
    for i, m in enumerate(results["models"]):
        acc = np.asarray(results["accuracy"][m], dtype=float)
        if acc.shape != T.shape:
            raise ValueError(f"results['accuracy']['{m}'] must have one value per length {T.shape}, got {acc.shape}")
        x = T * shift[i]
        artists += ax.plot(x, 100 * acc, marker=MARKERS[m], color=COLORS[m], lw=2, ms=7, label=NAMES[m])
        runs = results.get("accuracy_runs", {}).get(m)
        if runs is not None and np.shape(runs)[1] > 1:
            for r in range(np.shape(runs)[1]):
                artists += ax.plot(x, 100 * np.asarray(runs)[:, r], ls="none", marker=MARKERS[m],
                                   color=COLORS[m], alpha=0.45, ms=5, zorder=3)  # above the other lines
    artists.append(ax.axhline(50, color="0.5", ls="--", lw=1))
    # at the left end, where every model is far above chance (the short lengths), so no marker hides the word
    artists.append(ax.text(T[0] * shift[0], 52, "chance", ha="left", va="bottom", color="0.4", fontsize=10))
    if tau is not None:
        artists.append(ax.axvline(tau + 0.5, color=COLORS["dnn"], ls=":", lw=1.2))
        artists.append(ax.text(tau + 0.6, 80, f"DNN window\nends ($\\tau = {tau}$)", fontsize=9, color="0.25",
                               ha="left", va="bottom"))
    ax.set_xscale("log")
    ax.set_xticks(T)
    ax.set_xticklabels([str(int(t)) for t in T])
    ax.minorticks_off()
    ax.set_ylim(15, 105)
    ax.set_xlabel("sequence length $T$, log scale ($x_1$ must be kept for $T - 1$ steps)")
    ax.set_ylabel("held-out accuracy (%)")
    ax.set_title(title)
    ax.legend(loc="lower center", ncol=2, fontsize=10)
    ax.grid(True, axis="y", alpha=0.3)
    return artists


def draw_cost(ax, results, *, title="cost of one step (batch of 32)"):
    """Median measured time per step (microseconds) as bars, each labelled with the model's
    parameter count. Returns the artists."""
    _check_ax(ax)
    _check_results(results, "time_per_step")
    models = list(results["models"])
    us = [1e6 * float(np.median(results["time_per_step"][m])) for m in models]
    bars = ax.bar(range(len(models)), us, color=[COLORS[m] for m in models], width=0.6)
    artists = list(bars)
    for i, m in enumerate(models):
        artists.append(ax.text(i, us[i], f"{results['params'][m]} params", ha="center", va="bottom", fontsize=9.5))
    ax.set_xticks(range(len(models)))
    ax.set_xticklabels([NAMES[m] for m in models])
    ax.set_ylim(0, 1.2 * max(us))
    ax.set_ylabel("time per step (µs, forward + backward)")
    ax.set_title(title)
    return artists


def draw_first_input_gradient(ax, grads, *, T=None, tau=None, ylim=None,
                              title=r"the learning signal that reaches $x_1$, before training"):
    """Mean |dL/dx_1| of each untrained model against the length T (log scale for the gradient,
    linear in T, so that a geometric decay is a straight line).

    ``grads`` is the dict of ``compare.first_input_gradients``. A zero (the DNN once x_1 has
    left its window) cannot sit on a log axis: those points are left out and a note says so.
    ``T`` marks one length: a vertical line, a marker per model, and each legend entry ends
    with the model's value there. ``tau`` marks the DNN's window edge. Returns the artists.
    """
    _check_ax(ax)
    if not isinstance(grads, dict) or not {"lengths", "models", "grad"} <= set(grads):
        raise TypeError("grads must be the dict returned by compare.first_input_gradients")
    lengths = np.asarray(grads["lengths"], dtype=float)
    unknown = [m for m in grads["models"] if m not in NAMES]
    if unknown:
        raise ValueError(f"grads['models'] holds unknown models {unknown}; expected some of {list(NAMES)}")
    j = None
    if T is not None:
        hits = np.flatnonzero(lengths == T)
        if hits.size == 0:
            raise ValueError(f"T must be one of the lengths {lengths.astype(int).tolist()}, got {T!r}")
        j = int(hits[0])
    artists = []
    for m in grads["models"]:
        g = np.asarray(grads["grad"][m], dtype=float)
        if g.shape != lengths.shape:
            raise ValueError(f"grads['grad']['{m}'] must have one value per length {lengths.shape}, got {g.shape}")
        shown = np.where(g > 0, g, np.nan)  # zeros are left out of the log axis
        label = NAMES[m]
        if j is not None:
            label += f":  {g[j]:.0e}" if g[j] > 0 else ":  0"
        artists += ax.plot(lengths, shown, color=COLORS[m], lw=2, label=label)
        if j is not None and g[j] > 0:
            artists += ax.plot([lengths[j]], [g[j]], marker=MARKERS[m], color=COLORS[m], ms=8, ls="none")
    ax.set_yscale("log")
    if ylim is not None:
        ax.set_ylim(*ylim)
    if tau is not None:
        artists.append(ax.axvline(tau + 0.5, color=COLORS["dnn"], ls=":", lw=1.2))
        artists.append(ax.text(tau + 0.7, 0.97, f"DNN: exactly 0 for $T > \\tau = {tau}$", fontsize=9,
                               color="0.25", ha="left", va="top", transform=ax.get_xaxis_transform()))
    if j is not None:
        artists.append(ax.axvline(lengths[j], color="0.5", lw=1))
    ax.set_xlim(lengths[0] - 0.5, lengths[-1] + 0.5)
    ax.set_xlabel("sequence length $T$")
    ax.set_ylabel(r"mean $|\partial L / \partial x_1|$ (log scale)")
    ax.set_title(title)
    ax.legend(loc="lower left", fontsize=10, title=None if j is None else f"at $T = {int(lengths[j])}$")
    ax.grid(True, which="major", alpha=0.3)
    return artists
