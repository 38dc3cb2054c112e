"""Unrolled-graph players: step t lights up in the chain h_0 -> h_1 -> ... and h_t fills in the heat strip.

``unrolled_player`` replays given hidden states; ``unrolled_explorer`` runs the RNN itself,
shows the x_t values and has a slider that scales W, with the reach of a nudge to x_1.
Wiring only: the frames are ``lecturelib.drawing.unrolling.render_unrolled`` and
``render_unrolled_explorer``.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from matplotlib.patches import Rectangle

from .. import _validate as v
from .. import rnn
from ..drawing.style import OKABE_ITO
from ..drawing.unrolling import (FUTURE, H_COLOUR, PARAM_COLOUR, X_COLOUR, chain_title, render_unrolled,
                                 render_unrolled_explorer)
from ._base import LiveFigure, play_controls

__all__ = ["unrolled_player", "unrolled_explorer", "nudge_reach"]


def unrolled_player(h, *, interval_ms=500, start=0, max_drawn=8):
    """Step or play through t = 0..T for hidden states h (T, H) (one sequence, e.g. ``rnn.forward(...)[0][0]``).

    Returns a VBox with attributes ``slider``, ``play`` and ``live``.
    """
    hs = v.as_float_array("h", h, ndim=2)
    T = hs.shape[0]
    if isinstance(start, bool) or not isinstance(start, (int, np.integer)) or not 0 <= start <= T:
        raise ValueError(f"start must be an int in [0, {T}], got {start!r}")
    live = LiveFigure(lambda fig, t: render_unrolled(fig, hs, t, max_drawn=max_drawn), figsize=(9.0, 4.4))
    play, slider, controls = play_controls(T + 1, value=int(start), interval_ms=interval_ms)
    slider.observe(lambda change: live.update(t=int(change["new"])), names="value")
    live.update(t=int(start))
    box = widgets.VBox([controls, live.image])
    box.slider, box.play, box.live = slider, play, live
    return box


def nudge_reach(x, params, *, scale=1.0, nudge=0.5):
    """Run the RNN on one sequence x (T,) (D = 1) with W scaled by ``scale``, and again with x_1 + nudge.

    Returns h (T, H) and the change ||h'_t - h_t|| (T,).
    """
    xs = v.as_float_array("x", x, ndim=1)
    for name, value in (("scale", scale), ("nudge", nudge)):
        if isinstance(value, bool) or not np.isscalar(value) or not np.isfinite(value):
            raise ValueError(f"{name} must be a finite number, got {value!r}")
    p = dict(params)
    p["W"] = float(scale) * np.asarray(params["W"], dtype=float)
    h, _ = rnn.forward(xs[None, :, None], None, p)
    x_nudged = xs.copy()
    x_nudged[0] += float(nudge)
    h_nudged, _ = rnn.forward(x_nudged[None, :, None], None, p)
    return h[0], np.linalg.norm(h_nudged[0] - h[0], axis=1)


def _move_chain(ax, n, first, highlight, x_values):
    """Give the chain that ``draw_unrolled_rnn(ax, n, ..., x_values=...)`` drew the labels and colours it
    would have for ``first`` and ``highlight`` (the same artists: the positions do not depend on them)."""
    patches, texts = ax.patches, ax.texts
    texts[0].set_text(rf"$h_{{{first - 1}}}$")
    for k in range(n):
        t = first + k
        future, current = t > highlight, t == highlight
        edge, lw = (OKABE_ITO["vermillion"], 3.0) if current else ("black", 1.2)
        h_node, x_node, w_arrow, u_arrow = patches[1 + 4 * k:5 + 4 * k]
        h_text, x_text, w_text, u_text, value = texts[1 + 5 * k:6 + 5 * k]
        for node, colour in ((h_node, H_COLOUR), (x_node, X_COLOUR)):
            node.set_facecolor(FUTURE if future else colour)
            node.set_edgecolor(edge)
            node.set_linewidth(lw)
        h_text.set_text(rf"$h_{{{t}}}$")
        x_text.set_text(rf"$x_{{{t}}}$")
        arrow_colour, text_colour = ("0.7", "0.6") if future else ("black", PARAM_COLOUR)
        for arrow in (w_arrow, u_arrow):
            arrow.set_color(arrow_colour)
        for text in (w_text, u_text):
            text.set_color(text_colour)
        value.set_text(f"{x_values[t - 1]:+.2f}")
        value.set_color("0.55" if future else "black")


def unrolled_explorer(x, params, *, scale=1.0, nudge=0.5, interval_ms=500, max_drawn=8):
    """Step through an RNN (D = 1) on the sequence x (T,), with the x_t values on the chain and a
    slider that scales W: the heat strip of h_t and the reach of a nudge to x_1 follow.

    Returns a VBox with ``slider`` (the step), ``play``, ``scale`` and ``live``.
    """
    xs = v.as_float_array("x", x, ndim=1)
    if np.asarray(params.get("U")).shape[1:] != (1,):
        raise ValueError(f"params must be an RNN with input size D = 1 (U of shape (H, 1)), got U of shape "
                         f"{np.asarray(params.get('U')).shape}")
    if isinstance(scale, bool) or not np.isscalar(scale) or not 0.0 <= float(scale) <= 2.0:
        raise ValueError(f"scale must be a number in [0, 2], got {scale!r}")
    T = xs.size
    scale_s = widgets.FloatSlider(value=float(scale), min=0.0, max=2.0, step=0.1, description="scale of W",
                                  readout_format=".1f", continuous_update=True, layout=widgets.Layout(width="360px"))
    play, slider, controls = play_controls(T + 1, value=T, interval_ms=interval_ms)
    run = {}

    def rerun():
        run["h"], run["change"] = nudge_reach(xs, params, scale=scale_s.value, nudge=nudge)

    n = min(T, max_drawn)

    def render(fig, t):
        top, strip, right = render_unrolled_explorer(fig, xs, run["h"], run["change"], t, max_drawn=max_drawn)
        if not strip.patches:  # t = 0: no column framed yet
            strip.add_patch(Rectangle((0.5, 0.5), 1, run["h"].shape[1], fill=False, edgecolor=OKABE_ITO["vermillion"],
                                      lw=2.5, clip_on=False, visible=False))
        if len(right.lines) < 2:  # no marker yet (t = 0, or nothing left of the nudge at t)
            right.semilogy([1], [1.0], "o", ms=8, mfc="none", mec="black", mew=1.5, visible=False)
        frame = {"top": top, "strip": strip, "right": right}
        move(frame, t)
        return frame

    def move(frame, t):
        """The chain drawn anew (its window of steps slides), the strip and the reach moved in place."""
        top, strip, right = frame["top"], frame["strip"], frame["right"]
        h, change = run["h"], run["change"]
        frame["t"] = t
        first = min(max(t - n + 2, 1), T - n + 1)
        _move_chain(top, n, first, t, xs)
        top.set_title(chain_title(t))
        H = h.shape[1]
        shown = np.ma.masked_array(np.zeros((H, T)), mask=np.ones((H, T), dtype=bool))
        shown[:, :t] = h[:t].T
        strip.images[0].set_data(shown)
        strip.patches[0].set_x(t - 0.5)
        strip.patches[0].set_visible(t >= 1)
        strip.set_title(f"$h_t$ up to t = {t}")
        curve, marker = right.lines[:2]
        curve.set_ydata(np.where(change > 0, change, np.nan))
        marker.set_visible(bool(t >= 1 and change[t - 1] > 0))
        if t >= 1:
            marker.set_data([t], [change[t - 1]])
        steps = np.arange(1, T + 1)
        last = int(steps[change > 0][-1]) if np.any(change > 0) else 0
        right.title.set_text(f"after a nudge to $x_1$: {change[-1]:.1e} left at t = {T}" if last == T
                             else f"after a nudge to $x_1$: exactly 0 after t = {last}")
        return frame

    def moving(frame):
        strip, right = frame["strip"], frame["right"]
        return [*strip.images, *strip.patches, *strip.spines.values(), strip.title, *right.lines[:2],
                *right.spines.values(), right.title]

    def chain(frame):  # the chain changes with the step only: a scale move leaves it where it is
        top = frame["top"]
        return frame["t"], [*top.patches, *top.texts, top.title]

    live = LiveFigure(render, move=move, animated=moving, semistatic=chain, figsize=(9.0, 5.0))

    def on_scale(change):
        rerun()
        live.clear_cache()  # the frames of the old run are stale
        live.update(t=int(slider.value))

    scale_s.observe(on_scale, names="value")
    slider.observe(lambda change: live.update(t=int(change["new"])), names="value")
    rerun()
    live.update(t=T)
    # every step's labels parsed once now (about 0.3 s), so that no slider move waits for mathtext
    top, strip = live.frame["top"], live.frame["strip"]
    live.parse_ahead(top.texts[0], [rf"$h_{{{t}}}$" for t in range(T + 1)] + [rf"$x_{{{t}}}$" for t in range(1, T + 1)])
    live.parse_ahead(top.title, [chain_title(t) for t in range(T + 1)])
    live.parse_ahead(strip.title, [f"$h_t$ up to t = {t}" for t in range(T + 1)])
    box = widgets.VBox([widgets.HBox([scale_s]), controls, live.image])
    box.slider, box.play, box.live, box.scale = slider, play, live, scale_s
    return box
