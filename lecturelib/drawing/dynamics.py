"""Pictures of s_{0:tau}: the trajectory over t, the 2-D phase portrait, the logistic map's settling values.

Functions ``draw_*(ax, ...)`` draw into one Axes and return the artists they made;
``render_state(fig, states, t)`` lays out the frame the state-evolution player shows,
``render_logistic(fig, r, states, t)`` the frame of the logistic-map explorer. For fast
widget frames, ``move_state`` and ``move_logistic`` change the data of a frame drawn once
(with ``ghost=True``) instead of drawing it again.
"""
from __future__ import annotations

import numpy as np

from .. import _validate as v
from .style import CYCLE, OKABE_ITO

__all__ = ["draw_trajectory", "draw_phase", "draw_cobweb", "draw_bifurcation", "render_state", "render_logistic",
           "move_state", "move_logistic", "round_range"]

GHOST = "0.82"  # the whole run, drawn faintly behind the part up to t


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


_ROUND = (1.0, 1.5, 2.0, 3.0, 5.0, 7.5)  # times a power of ten: the half-widths round_range chooses from


def round_range(states, pad=0.08):
    """Symmetric limits (-L, L) holding every state with a margin ``pad`` (of L), L a round number
    (1, 1.5, 2, 3, 5 or 7.5 times a power of ten). A small change of the system keeps the same L, so
    the axes stay put and a growing or shrinking run shows as such."""
    s = v.as_float_array("states", states)
    need = float(np.max(np.abs(s))) / (1.0 - pad) if s.size else 0.0
    if not need > 0.0:
        return -1.0, 1.0
    power = 10.0 ** np.floor(np.log10(need))
    half = next((m * power for m in _ROUND + (10.0,) if m * power >= need * (1.0 - 1e-12)), 10.0 * power)
    return -float(half), float(half)


def draw_trajectory(ax, states, t=None, *, labels=None, title=None, ghost=False):
    """Each state component s_t[i] against t for steps 0..t; limits fixed by the whole run.

    states (tau + 1, S) or (tau + 1,); t the current step (default: the last); ``ghost=True``
    also draws the whole run faintly, so a change of the system shows before t reaches it.
    Returns the lines.
    """
    s, t = _states_and_t(states, t)
    S = s.shape[1]
    labels = list(labels) if labels is not None else ([r"$s_t$"] if S == 1 else [rf"$s_t[{i}]$" for i in range(S)])
    if len(labels) != S:
        raise ValueError(f"labels must have one entry per state component ({S}), got {len(labels)}")
    steps = np.arange(s.shape[0])
    artists = []
    if ghost:
        artists += ax.plot(steps, s, color=GHOST, lw=1.0, zorder=1)
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


def draw_phase(ax, states, t=None, *, labels=(r"$s_t[0]$", r"$s_t[1]$"), title=None, ghost=False):
    """The path (s_t[0], s_t[1]) for steps 0..t: start as a square, the current state as a dot.

    states (tau + 1, 2); ``ghost=True`` also draws the whole path faintly. Returns the artists.
    """
    s, t = _states_and_t(states, t)
    if s.shape[1] != 2:
        raise ValueError(f"states must have 2 components for a phase portrait, got shape {s.shape}")
    if ghost:
        ax.plot(s[:, 0], s[:, 1], color=GHOST, lw=1.0, zorder=1)
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


def render_state(fig, states, t=None, *, labels=None, title=None, ghost=False, round_limits=False):
    """The player's frame: trajectory (and, for 2-D states, the phase portrait beside it).

    ``round_limits=True``: the state axes span ``round_range(states)`` instead of the run's own range.
    """
    s, t = _states_and_t(states, t)
    if s.shape[1] == 2:
        ax1, ax2 = fig.subplots(1, 2, width_ratios=[1.7, 1])
        draw_trajectory(ax1, s, t, labels=labels, title=title, ghost=ghost)
        draw_phase(ax2, s, t, labels=labels if labels is not None else (r"$s_t[0]$", r"$s_t[1]$"), ghost=ghost)
        axes = [ax1, ax2]
    else:
        axes = [fig.subplots()]
        draw_trajectory(axes[0], s, t, labels=labels, title=title, ghost=ghost)
    if round_limits:
        _set_state_limits(axes, round_range(s))
    return axes


def _set_state_limits(axes, limits):
    axes[0].set_ylim(*limits)
    if len(axes) > 1:
        axes[1].set_xlim(*limits)
        axes[1].set_ylim(*limits)


def draw_cobweb(ax, r, states, t=None, *, title=None):
    """The logistic map's phase portrait: s_t against s_{t-1}, walked as a cobweb up to step t.

    The parabola is f(s) = r s (1 - s), the diagonal s_t = s_{t-1}; each step goes up (or down)
    to the parabola (the new state) and across to the diagonal (where it becomes the old one).
    A fixed point is where the parabola meets the diagonal. states (tau + 1,). Returns the artists.
    """
    if isinstance(r, bool) or not np.isscalar(r) or not 0.0 <= float(r) <= 4.0:
        raise ValueError(f"r must be a number in [0, 4], got {r!r}")
    s, t = _states_and_t(states, t)
    if s.shape[1] != 1:
        raise ValueError(f"states must be one number per step for a cobweb, got shape {s.shape}")
    s = s[:, 0]
    grid = np.linspace(0.0, 1.0, 201)
    (parabola,) = ax.plot(grid, float(r) * grid * (1.0 - grid), color=OKABE_ITO["black"], lw=1.2,
                          label=r"$s_t = r\,s_{t-1}(1 - s_{t-1})$")
    (diagonal,) = ax.plot([0, 1], [0, 1], color="0.6", lw=1.0, ls="--", label=r"$s_t = s_{t-1}$")
    # the cobweb: (s_0, s_0) -> (s_0, s_1) -> (s_1, s_1) -> (s_1, s_2) -> ... -> (s_{t-1}, s_t)
    if t == 0:
        xs, ys = s[:1], s[:1]
    else:
        xs, ys = np.repeat(s[:t], 2), np.repeat(s[: t + 1], 2)[1:-1]
    (web,) = ax.plot(xs, ys, color=OKABE_ITO["blue"], lw=1.0)
    (now,) = ax.plot(xs[-1:], ys[-1:], "o", color=OKABE_ITO["vermillion"], ms=7, mec="black", mew=0.8,
                     label=rf"$(s_{{{max(t - 1, 0)}}}, s_{{{t}}})$" if t else "$(s_0, s_0)$")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel(r"$s_{t-1}$")
    ax.set_ylabel(r"$s_t$")
    ax.set_title(title or r"$s_t$ against $s_{t-1}$ (cobweb)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False, handlelength=1.5)
    return [parabola, diagonal, web, now]


def render_logistic(fig, r, states, t=None):
    """The logistic-map explorer's frame: s_t over t (whole run faint) and the cobweb beside it."""
    s, t = _states_and_t(states, t)
    ax1, ax2 = fig.subplots(1, 2, width_ratios=[1.7, 1])
    draw_trajectory(ax1, s, t, title=f"r = {float(r):.2f}: trajectory up to t = {t}", ghost=True)
    ax1.set_ylim(0, 1)
    draw_cobweb(ax2, r, s, t)
    return [ax1, ax2]


def _move_trajectory(ax, s, t, title):
    """Update a draw_trajectory(..., ghost=True) picture in place (S ghost lines, then line, dot per component)."""
    S = s.shape[1]
    lines = ax.lines
    steps = np.arange(s.shape[0])
    for i in range(S):
        lines[i].set_data(steps, s[:, i])
        lines[S + 2 * i].set_data(steps[: t + 1], s[: t + 1, i])
        lines[S + 2 * i + 1].set_data([t], [s[t, i]])
    ax.set_title(title)


def move_state(axes, states, t=None, *, title=None, round_limits=False):
    """Redraw a render_state(..., ghost=True) frame for new states or a new step t, without a new layout
    (``round_limits`` as given to render_state)."""
    s, t = _states_and_t(states, t)
    _move_trajectory(axes[0], s, t, title or f"trajectory up to t = {t}")
    axes[0].set_ylim(*_padded_limits(s))
    if s.shape[1] == 2:
        ax = axes[1]
        ghost, path, start, now = ax.lines[:4]
        ghost.set_data(s[:, 0], s[:, 1])
        path.set_data(s[: t + 1, 0], s[: t + 1, 1])
        start.set_data([s[0, 0]], [s[0, 1]])
        now.set_data([s[t, 0]], [s[t, 1]])
        lo = min(_padded_limits(s[:, 0])[0], _padded_limits(s[:, 1])[0])
        hi = max(_padded_limits(s[:, 0])[1], _padded_limits(s[:, 1])[1])
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
        ax.get_legend().get_texts()[1].set_text(f"$s_{{{t}}}$")
    if round_limits:
        _set_state_limits(axes, round_range(s))
    return axes


def move_logistic(axes, r, states, t=None):
    """Redraw a render_logistic frame for a new r, new states or a new step t, without a new layout."""
    s, t = _states_and_t(states, t)
    _move_trajectory(axes[0], s, t, f"r = {float(r):.2f}: trajectory up to t = {t}")
    parabola, _, web, now = axes[1].lines[:4]
    grid = parabola.get_xdata()
    parabola.set_ydata(float(r) * grid * (1.0 - grid))
    x = s[:, 0]
    xs, ys = (x[:1], x[:1]) if t == 0 else (np.repeat(x[:t], 2), np.repeat(x[: t + 1], 2)[1:-1])
    web.set_data(xs, ys)
    now.set_data(xs[-1:], ys[-1:])
    axes[1].get_legend().get_texts()[2].set_text(rf"$(s_{{{t - 1}}}, s_{{{t}}})$" if t else "$(s_0, s_0)$")
    return axes
