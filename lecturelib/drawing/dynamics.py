"""Pictures of s_{0:tau}: the trajectory over t, the 2-D phase portrait, the logistic map's settling values.

Functions ``draw_*(ax, ...)`` draw into one Axes and return the artists they made;
``render_state(fig, states, t)`` lays out the frame the state-evolution player shows.
"""
from __future__ import annotations

import numpy as np

from .. import _validate as v
from .style import CYCLE, OKABE_ITO

__all__ = ["draw_trajectory", "draw_phase", "draw_bifurcation", "render_state"]


def _states_and_t(states, t):
    s = v.as_float_array("states", states, ndim=(1, 2))
    if s.ndim == 1:
        s = s[:, None]  # (tau + 1, 1)
    last = s.shape[0] - 1
    if t is None:
        t = last
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 0 <= t <= last:
        raise ValueError(f"t must be an int in [0, {last}] (a step of states), got {t!r}")
    return s, int(t)


def _padded_limits(values, pad=0.08):
    lo, hi = float(np.min(values)), float(np.max(values))
    span = hi - lo if hi > lo else 1.0
    return lo - pad * span, hi + pad * span


def draw_trajectory(ax, states, t=None, *, labels=None, title=None):
    """Each state component s_t[i] against t for steps 0..t; limits fixed by the whole run.

    states (tau + 1, S) or (tau + 1,); t the current step (default: the last). Returns the lines.
    """
    s, t = _states_and_t(states, t)
    S = s.shape[1]
    labels = list(labels) if labels is not None else ([r"$s_t$"] if S == 1 else [rf"$s_t[{i}]$" for i in range(S)])
    if len(labels) != S:
        raise ValueError(f"labels must have one entry per state component ({S}), got {len(labels)}")
    steps = np.arange(s.shape[0])
    artists = []
    for i in range(S):
        colour = CYCLE[i % len(CYCLE)]
        (line,) = ax.plot(steps[: t + 1], s[: t + 1, i], color=colour, lw=1.6, label=labels[i])
        (dot,) = ax.plot([t], [s[t, i]], "o", color=colour, ms=7, mec="black", mew=0.8)
        artists += [line, dot]
    ax.set_xlim(-0.5, s.shape[0] - 0.5)
    ax.set_ylim(*_padded_limits(s))
    ax.set_xlabel("step t")
    ax.set_ylabel("state value")
    ax.set_title(title or f"trajectory up to t = {t}")
    if S > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    return artists


def draw_phase(ax, states, t=None, *, labels=(r"$s_t[0]$", r"$s_t[1]$"), title=None):
    """The path (s_t[0], s_t[1]) for steps 0..t: start as a square, the current state as a dot.

    states (tau + 1, 2). Returns the artists.
    """
    s, t = _states_and_t(states, t)
    if s.shape[1] != 2:
        raise ValueError(f"states must have 2 components for a phase portrait, got shape {s.shape}")
    (path,) = ax.plot(s[: t + 1, 0], s[: t + 1, 1], color=OKABE_ITO["blue"], lw=1.2)
    (start,) = ax.plot(s[0, 0], s[0, 1], "s", color=OKABE_ITO["green"], ms=7, label="$s_0$")
    (now,) = ax.plot(s[t, 0], s[t, 1], "o", color=OKABE_ITO["vermillion"], ms=8, mec="black", mew=0.8, label=f"$s_{{{t}}}$")
    lo = min(_padded_limits(s[:, 0])[0], _padded_limits(s[:, 1])[0])
    hi = max(_padded_limits(s[:, 0])[1], _padded_limits(s[:, 1])[1])
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal", adjustable="box")
    ax.axhline(0, color="0.8", lw=0.8, zorder=0)
    ax.axvline(0, color="0.8", lw=0.8, zorder=0)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_title(title or "phase portrait")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False, handlelength=1)
    return [path, start, now]


def draw_bifurcation(ax, r_values, tails, *, title="logistic map: where $s_t$ settles"):
    """One dot per (r, settled s_t): a single value = fixed point, 2, 4 = cycles, a smear = chaos.

    r_values (R,), tails (R, K) from ``dynamics.logistic_tails``. Returns the scatter.
    """
    r = v.as_float_array("r_values", r_values, ndim=1)
    tl = v.as_float_array("tails", tails, ndim=2)
    v.check_shape("tails", tl, (r.size, None))
    rr = np.repeat(r, tl.shape[1])
    dots = ax.scatter(rr, tl.ravel(), s=0.3, color=OKABE_ITO["black"], alpha=0.5, linewidths=0, rasterized=True)
    ax.set_xlim(r.min(), r.max())
    ax.set_ylim(0, 1)
    ax.set_xlabel("growth rate r")
    ax.set_ylabel(r"settled values of $s_t$")
    ax.set_title(title)
    return dots


def render_state(fig, states, t=None, *, labels=None, title=None):
    """The player's frame: trajectory (and, for 2-D states, the phase portrait beside it)."""
    s, t = _states_and_t(states, t)
    if s.shape[1] == 2:
        ax1, ax2 = fig.subplots(1, 2, width_ratios=[1.7, 1])
        draw_trajectory(ax1, s, t, labels=labels, title=title)
        draw_phase(ax2, s, t, labels=labels if labels is not None else (r"$s_t[0]$", r"$s_t[1]$"))
        return [ax1, ax2]
    ax = fig.subplots()
    draw_trajectory(ax, s, t, labels=labels, title=title)
    return [ax]
