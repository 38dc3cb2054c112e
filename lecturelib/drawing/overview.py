"""The overview notebook's small demo: a sampled sequence x_t = sin(omega t) and its first steps."""
from __future__ import annotations

import numpy as np

from .style import OKABE_ITO


def sine_sequence(omega: float, tau: int = 40) -> np.ndarray:
    """x_t = sin(omega t) for t = 1..tau."""
    t = np.arange(1, tau + 1)
    return np.sin(omega * t)


def draw_sequence(ax, x, *, upto=None, title=None):
    """Stem plot of a sequence x_1..x_tau; steps after ``upto`` are drawn faint."""
    tau = len(x)
    t = np.arange(1, tau + 1)
    upto = tau if upto is None else upto
    seen = t <= upto
    artists = [
        ax.vlines(t[seen], 0, x[seen], color=OKABE_ITO["blue"], lw=2),
        ax.plot(t[seen], x[seen], "o", color=OKABE_ITO["blue"], ms=5)[0],
        ax.plot(t[~seen], x[~seen], "o", color="0.8", ms=4)[0],
    ]
    ax.axhline(0, color="0.5", lw=0.8)
    ax.set(xlabel="step t", ylabel="$x_t$", xlim=(0, tau + 1), ylim=(-1.15, 1.15))
    ax.set_title(title or f"$x_t = \\sin(\\omega t)$, steps 1..{upto} of {tau}")
    return artists
