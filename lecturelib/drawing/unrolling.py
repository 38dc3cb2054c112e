"""The RNN drawn two ways: folded (one cell with a self-loop) and unrolled over tau steps.

    h_t = f(h_{t-1}, x_t; theta),   theta = (W, U, b) the same at every step

``draw_folded_rnn`` is the lecture's "recursive state representation": the loop carries
h_{t-1} back into the cell through a one-step delay (the black square, as in Goodfellow
et al. 2016, fig. 10.2). ``draw_unrolled_rnn`` writes the loop out as a chain
h_0 -> h_1 -> ... -> h_tau, every arrow labelled with the one shared W or U.
``draw_hidden_strip`` shows the values h_t as a heat strip (H rows, one column per step),
``draw_persistence`` how far a nudge to x_1 still moves each later h_t.
FIGURES: images/rnn-recurrence.png (folded = unrolled).
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, Rectangle
from matplotlib.path import Path
from matplotlib.ticker import MaxNLocator

from .. import _validate as v
from .style import DIVERGING_CMAP, OKABE_ITO

__all__ = ["draw_folded_rnn", "draw_unrolled_rnn", "draw_hidden_strip", "draw_persistence", "render_unrolled",
           "render_unrolled_explorer", "chain_title", "rnn_recurrence_figure", "FIGURES"]

X_COLOUR = OKABE_ITO["sky"]
H_COLOUR = OKABE_ITO["orange"]
PARAM_COLOUR = OKABE_ITO["blue"]
FUTURE = "0.92"
R = 0.32  # node radius (data units)


def _node(ax, xy, text, colour, *, lw=1.2, edge="black", fontsize=12, zorder=3):
    circ = Circle(xy, R, facecolor=colour, edgecolor=edge, lw=lw, zorder=zorder)
    ax.add_patch(circ)
    label = ax.text(*xy, text, ha="center", va="center", fontsize=fontsize, zorder=zorder + 1)
    return [circ, label]


def _arrow(ax, start, end, *, colour="black", lw=1.3, rad=0.0, shrink=R * 72 / 2):
    arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=13, color=colour, lw=lw,
                            connectionstyle=f"arc3,rad={rad}", shrinkA=0, shrinkB=0, zorder=2)
    ax.add_patch(arrow)
    return arrow


def _edge_points(a, b):
    """Points on the rims of circles centred at a and b, facing each other."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    d = (b - a) / np.linalg.norm(b - a)
    return a + R * d, b - R * d


def draw_folded_rnn(ax, *, origin=(0.0, 0.0), title=True):
    """The cell h with its self-loop (through a one-step delay, labelled W) and the input x_t (through U).

    Returns the artists. The picture spans about 2 x 3 data units around ``origin``.
    """
    ox, oy = origin
    h_xy, x_xy = (ox, oy + 1.4), (ox, oy)
    art = []
    art += _node(ax, h_xy, r"$h$", H_COLOUR, fontsize=14)
    art += _node(ax, x_xy, r"$x$", X_COLOUR, fontsize=14)
    a, b = _edge_points(x_xy, h_xy)
    art.append(_arrow(ax, a, b))
    art.append(ax.text(ox + 0.1, oy + 0.7, r"$U$", color=PARAM_COLOUR, fontsize=13, va="center"))
    # self-loop: leave at the right, swing up and round, come back in at the top (a cubic Bezier)
    hx, hy = h_xy
    loop_path = Path([(hx + R, hy), (hx + R + 1.1, hy + 0.1), (hx + 0.5, hy + 1.35), (hx + 0.08, hy + R)],
                     [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4])
    loop = FancyArrowPatch(path=loop_path, arrowstyle="-|>", mutation_scale=13, color="black", lw=1.3, zorder=2)
    ax.add_patch(loop)
    art.append(loop)
    delay = Rectangle((hx + 0.66, hy + 0.56), 0.14, 0.14, color="black", zorder=4)  # the one-step delay
    ax.add_patch(delay)
    art.append(delay)
    art.append(ax.text(hx + 0.95, hy + 0.75, r"$W$", color=PARAM_COLOUR, fontsize=13, va="center"))
    if title:
        art.append(ax.text(ox + 0.2, oy - 0.75, "folded (\u25a0 = one-step delay)", ha="center", fontsize=12, style="italic"))
    return art


def draw_unrolled_rnn(ax, steps, *, highlight=None, first=1, origin=(0.0, 0.0), dx=1.25, title=True, x_values=None):
    """h_{first-1} -> h_first -> ... with x_t feeding h_t; every W and U is the same shared matrix.

    ``steps`` nodes are drawn, for t = first .. first + steps - 1 (first = 1: the start,
    h_0). ``highlight`` = t lights up step t and greys the steps after it; None shows all
    alike. ``x_values`` (one number per step of the whole sequence, x_t = x_values[t - 1])
    writes the value of each drawn x_t under its node. Returns the artists.
    """
    n = v.check_positive_int("steps", steps)
    first = v.check_positive_int("first", first)
    last = first + n - 1
    if x_values is not None:
        x_values = v.as_float_array("x_values", x_values, ndim=1)
        if x_values.size < last:
            raise ValueError(f"x_values must hold a value for every drawn step (at least {last}), got {x_values.size}")
    if highlight is not None and (isinstance(highlight, bool) or not isinstance(highlight, (int, np.integer))
                                  or not first - 1 <= highlight <= last):
        raise ValueError(f"highlight must be None or an int in [{first - 1}, {last}] (a drawn step), got {highlight!r}")
    ox, oy = origin
    art = []
    h_y, x_y = oy + 1.4, oy
    pos = lambda t: ox + (t - first + 1) * dx  # noqa: E731
    art += _node(ax, (pos(first - 1), h_y), rf"$h_{{{first - 1}}}$", H_COLOUR)
    for t in range(first, last + 1):
        future = highlight is not None and t > highlight
        current = highlight is not None and t == highlight
        edge, lw = (OKABE_ITO["vermillion"], 3.0) if current else ("black", 1.2)
        art += _node(ax, (pos(t), h_y), rf"$h_{{{t}}}$", FUTURE if future else H_COLOUR, edge=edge, lw=lw)
        art += _node(ax, (pos(t), x_y), rf"$x_{{{t}}}$", FUTURE if future else X_COLOUR, edge=edge, lw=lw)
        arrow_colour, text_colour = ("0.7", "0.6") if future else ("black", PARAM_COLOUR)
        a, b = _edge_points((pos(t - 1), h_y), (pos(t), h_y))
        art.append(_arrow(ax, a, b, colour=arrow_colour))
        art.append(ax.text((pos(t - 1) + pos(t)) / 2, h_y + 0.14, r"$W$", ha="center", va="bottom",
                           color=text_colour, fontsize=11))
        a, b = _edge_points((pos(t), x_y), (pos(t), h_y))
        art.append(_arrow(ax, a, b, colour=arrow_colour))
        art.append(ax.text(pos(t) + 0.08, (x_y + h_y) / 2, r"$U$", va="center", color=text_colour, fontsize=11))
        if x_values is not None:
            art.append(ax.text(pos(t), x_y - R - 0.08, f"{x_values[t - 1]:+.2f}", ha="center", va="top",
                               color="0.55" if future else "black", fontsize=10))
    if title:
        art.append(ax.text((pos(first - 1) + pos(last)) / 2, oy - 0.75,
                           rf"unrolled over $\tau = {n}$ steps (same $W, U, b$ at every step)",
                           ha="center", fontsize=12, style="italic"))
    return art


def draw_hidden_strip(ax, h, t=None, *, title=None):
    """The hidden states as a heat strip: row i, column t is h_t[i] (steps 1..T, units 1..H); columns after t are blank.

    h (T, H). Colours: diverging map over [-1, 1] (tanh range). Returns the image.
    """
    hs = v.as_float_array("h", h, ndim=2)
    T, H = hs.shape
    if t is None:
        t = T
    _check_step(t, T)
    shown = np.ma.masked_array(np.zeros((H, T)), mask=np.ones((H, T), dtype=bool))  # masked_all holds garbage under the mask
    shown[:, :t] = hs[:t].T
    img = ax.imshow(shown, cmap=DIVERGING_CMAP, vmin=-1, vmax=1, aspect="auto",
                    extent=(0.5, T + 0.5, H + 0.5, 0.5), interpolation="nearest")
    ax.set_facecolor(FUTURE)
    if t >= 1:
        ax.add_patch(Rectangle((t - 0.5, 0.5), 1, H, fill=False, edgecolor=OKABE_ITO["vermillion"], lw=2.5, clip_on=False))
    ax.set_xlabel("step t")
    ax.set_ylabel("unit i of $h_t$ (1..H)")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=12, integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=8, integer=True))
    ax.set_title(title or (f"hidden state values $h_t$, computed up to t = {t}"))
    return img


def _check_step(t, T):
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 0 <= t <= T:
        raise ValueError(f"t must be an int in [0, {T}] (0 = nothing computed yet), got {t!r}")


def chain_title(t):
    """The title of the chain at step t: h_t's equation (t = 0: only h_0 exists)."""
    return (rf"step t = {t}: $h_{{{t}}} = \tanh(W h_{{{t - 1}}} + U x_{{{t}}} + b)$" if t
            else "t = 0: only the initial state $h_0$ exists")


def _draw_chain_window(ax, T, t, max_drawn, *, bottom, x_values=None):
    """The unrolled chain around step t (at most ``max_drawn`` steps, t kept in view), titled with h_t's equation."""
    n = min(T, max_drawn)
    first = min(max(t - n + 2, 1), T - n + 1)  # window of n steps that keeps t in view
    draw_unrolled_rnn(ax, n, highlight=t, first=first, title=False, x_values=x_values)
    ax.set_xlim(-0.6, n * 1.25 + 0.6)
    ax.set_ylim(bottom, 2.0)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(chain_title(t))


def render_unrolled(fig, h, t=None, *, max_drawn=8):
    """The unrolled-graph player's frame: the chain with step t lit (top), the heat strip of h (bottom).

    h (T, H); t in 0..T. A long sequence is drawn as a window of ``max_drawn`` steps around t.
    """
    hs = v.as_float_array("h", h, ndim=2)
    T = hs.shape[0]
    if t is None:
        t = T
    _check_step(t, T)
    # fixed axes positions: no layout engine to run on every frame of the player (it dominated the redraw time)
    fig.set_layout_engine("none")
    top = fig.add_axes((0.01, 0.45, 0.98, 0.47))
    bottom = fig.add_axes((0.07, 0.11, 0.83, 0.27))
    cax = fig.add_axes((0.915, 0.11, 0.015, 0.27))
    _draw_chain_window(top, T, t, max_drawn, bottom=-0.5)
    img = draw_hidden_strip(bottom, hs, t)
    fig.colorbar(img, cax=cax, label="value")
    return [top, bottom]


def draw_persistence(ax, change, t=None, *, floor=1e-17, title=None):
    """How far a nudge to x_1 still moves h_t: ||h'_t - h_t|| for t = 1..T on a log scale.

    change (T,), non-negative; exact zeros (the change fell below float64's resolution, or
    W is zero) are left out. The current step t is marked. Returns the artists.
    """
    c = v.as_float_array("change", change, ndim=1)
    if np.any(c < 0):
        raise ValueError("change must be non-negative (a norm), got a negative entry")
    T = c.size
    if t is None:
        t = T
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 0 <= t <= T:
        raise ValueError(f"t must be an int in [0, {T}], got {t!r}")
    steps = np.arange(1, T + 1)
    shown = np.where(c > 0, c, np.nan)
    (curve,) = ax.semilogy(steps, shown, "o-", ms=3, lw=1.2, color=OKABE_ITO["vermillion"])
    art = [curve]
    if t >= 1 and c[t - 1] > 0:
        art += ax.semilogy([t], [c[t - 1]], "o", ms=8, mfc="none", mec="black", mew=1.5)
    ax.set_xlim(0.5, T + 0.5)
    ax.set_ylim(floor, 10.0)
    ax.set_xlabel("step t")
    ax.set_ylabel(r"$\|h'_t - h_t\|$")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True))
    last = int(steps[c > 0][-1]) if np.any(c > 0) else 0
    ax.set_title(title or (f"after a nudge to $x_1$: {c[-1]:.1e} left at t = {T}" if last == T
                           else f"after a nudge to $x_1$: exactly 0 after t = {last}"), fontsize=11)
    return art


def render_unrolled_explorer(fig, x, h, change, t=None, *, max_drawn=8):
    """The unrolled explorer's frame: the chain with step t lit and the x_t values (top), the heat
    strip of h (bottom left) and how far a nudge to x_1 reaches (bottom right).

    x (T,) one number per step, h (T, H), change (T,).
    """
    hs = v.as_float_array("h", h, ndim=2)
    T = hs.shape[0]
    xs = v.as_float_array("x", x, ndim=1)
    v.check_shape("x", xs, (T,))
    if t is None:
        t = T
    _check_step(t, T)
    fig.set_layout_engine("none")  # fixed positions: no layout solved on every frame
    top = fig.add_axes((0.01, 0.47, 0.98, 0.45))
    strip = fig.add_axes((0.06, 0.1, 0.42, 0.27))
    cax = fig.add_axes((0.49, 0.1, 0.012, 0.27))
    right = fig.add_axes((0.64, 0.1, 0.34, 0.27))
    _draw_chain_window(top, T, t, max_drawn, bottom=-0.75, x_values=xs)
    img = draw_hidden_strip(strip, hs, t, title=f"$h_t$ up to t = {t}")
    fig.colorbar(img, cax=cax)
    draw_persistence(right, change, t)
    return [top, strip, right]


def rnn_recurrence_figure():
    """images/rnn-recurrence.png: the folded cell, an 'unfold' arrow, the chain over tau = 4 steps (no more, no ellipsis)."""
    fig = Figure(figsize=(10, 3.4), layout="constrained")
    ax = fig.subplots()
    draw_folded_rnn(ax, origin=(0.0, 0.0))
    ax.annotate("", xy=(2.65, 0.9), xytext=(1.55, 0.9),
                arrowprops=dict(arrowstyle="-|>", lw=2.2, color="black", mutation_scale=18))
    ax.text(2.1, 1.08, "unfold", ha="center", fontsize=12)
    draw_unrolled_rnn(ax, 4, origin=(3.3, 0.0))
    ax.set_xlim(-0.8, 3.3 + 4 * 1.25 + 0.6)
    ax.set_ylim(-1.0, 2.6)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.suptitle(r"Recursive state representation: $h_t = f(h_{t-1}, x_t;\ \theta)$, $\theta = (W, U, b)$ shared by all steps",
                 fontsize=13)
    return fig


FIGURES = {"rnn-recurrence.png": rnn_recurrence_figure}
