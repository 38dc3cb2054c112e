"""State-evolution player: Play + step slider over s_{0:tau}, trajectory and phase portrait.

Wiring only: the frame is ``lecturelib.drawing.dynamics.render_state``.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import _validate as v
from ..drawing.dynamics import render_state
from ._base import LiveFigure, play_controls

__all__ = ["state_player"]


def state_player(states, *, labels=None, title=None, interval_ms=150, start=0):
    """Step or play through s_0 .. s_tau. states (tau + 1, S) or (tau + 1,).

    Returns a VBox with attributes ``slider``, ``play`` and ``live`` (``live.png`` is the
    last frame drawn); moving the slider redraws.
    """
    s = v.as_float_array("states", states, ndim=(1, 2))
    n = s.shape[0]
    if isinstance(start, bool) or not isinstance(start, (int, np.integer)) or not 0 <= start < n:
        raise ValueError(f"start must be an int in [0, {n - 1}], got {start!r}")
    figsize = (9.0, 3.4) if s.ndim == 2 and s.shape[1] == 2 else (8.0, 3.2)
    live = LiveFigure(lambda fig, t: render_state(fig, s, t, labels=labels, title=title), figsize=figsize)
    play, slider, controls = play_controls(n, value=int(start), interval_ms=interval_ms)
    slider.observe(lambda change: live.update(t=int(change["new"])), names="value")
    live.update(t=int(start))
    box = widgets.VBox([controls, live.image])
    box.slider, box.play, box.live = slider, play, live
    return box
