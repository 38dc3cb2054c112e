"""Shared wiring of the gate players (LSTM, GRU): Play + step slider over a frame of heat strips."""
from __future__ import annotations

import ipywidgets as widgets

from ._base import LiveFigure, play_controls


def gate_player(build, move, T: int, *, interval_ms: int, figsize):
    """A VBox with Play + slider (steps 1..T) and the strips; ``.slider``, ``.play``, ``.live``."""
    live = LiveFigure(build, move=move, figsize=figsize, dpi=80)
    play, slider, controls = play_controls(T + 1, value=1, interval_ms=interval_ms)
    slider.min = play.min = 1  # steps are counted from 1, as in the equations
    slider.continuous_update = False  # a drag redraws once, on release

    def refresh(_=None):
        live.update(t=slider.value)

    slider.observe(refresh, names="value")
    refresh()
    box = widgets.VBox([controls, live.image])
    box.slider, box.play, box.live = slider, play, live
    return box
