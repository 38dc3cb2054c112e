"""Unrolled-graph players: step t lights up in the chain h_0 -> h_1 -> ... and h_t fills in the heat strip.

``unrolled_player`` replays given hidden states; ``unrolled_explorer`` runs the RNN itself,
shows the x_t values and has a slider that scales W, with the reach of a nudge to x_1.
Wiring only: the frames are ``lecturelib.drawing.unrolling.render_unrolled`` and
``render_unrolled_explorer``.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import _validate as v
from .. import rnn
from ..drawing.unrolling import render_unrolled, render_unrolled_explorer
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

    live = LiveFigure(lambda fig, t: render_unrolled_explorer(fig, xs, run["h"], run["change"], t, max_drawn=max_drawn),
                      figsize=(9.0, 5.0))

    def on_scale(change):
        rerun()
        live.update(t=int(slider.value))

    scale_s.observe(on_scale, names="value")
    slider.observe(lambda change: live.update(t=int(change["new"])), names="value")
    rerun()
    live.update(t=T)
    box = widgets.VBox([widgets.HBox([scale_s]), controls, live.image])
    box.slider, box.play, box.live, box.scale = slider, play, live, scale_s
    return box
