"""Unrolled-graph player: step t lights up in the chain h_0 -> h_1 -> ... and h_t fills in the heat strip.

Wiring only: the frame is ``lecturelib.drawing.unrolling.render_unrolled``.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import _validate as v
from ..drawing.unrolling import render_unrolled
from ._base import LiveFigure, play_controls

__all__ = ["unrolled_player"]


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
