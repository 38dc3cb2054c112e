"""Shared wiring of the gate players (LSTM, GRU): Play + step slider over a frame of heat strips."""
from __future__ import annotations

import io

import ipywidgets as widgets

from ._base import LiveFigure, play_controls


class StripFigure(LiveFigure):
    """A LiveFigure that lays its frame out once (``build``) and then only moves it (``move``)."""

    def __init__(self, build, move, **kw):
        super().__init__(render=None, **kw)
        self.build, self.move, self.frame = build, move, None

    def update(self, **state) -> bytes:
        if self.frame is None:
            self.frame = self.build(self.fig, **state)
            self.fig.draw_without_rendering()  # solve the constrained layout once ...
            self.fig.set_layout_engine("none")  # ... and keep it for every later frame
        else:
            self.move(self.frame, **state)
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=self.dpi)
        self.png = buf.getvalue()
        self.image.value = self.png
        self.renders += 1
        return self.png


def gate_player(build, move, T: int, *, interval_ms: int, figsize):
    """A VBox with Play + slider (steps 1..T) and the strips; ``.slider``, ``.play``, ``.live``."""
    live = StripFigure(build, move, figsize=figsize, dpi=80)
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
