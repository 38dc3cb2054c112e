"""Wiring shared by the widgets: a figure shown as a PNG image, and Play + slider controls.

A widget keeps one matplotlib ``Figure`` (not pyplot, so nothing is displayed twice),
redraws it on every change and puts the PNG bytes into an ``ipywidgets.Image``. That
works the same in JupyterLab, under nbval and in headless tests (``live.png`` holds the
bytes of the last frame, ``live.renders`` counts frames).

Two ways to redraw:
- ``LiveFigure(render)``: every frame clears the figure and calls ``render(fig, **state)``;
  simple, and fine for light figures.
- ``LiveFigure(render, move=move)``: the first frame calls ``render(fig, **state)``, which
  returns a handle (e.g. a dict of artists); the layout is then solved once and frozen,
  and later frames only call ``move(handle, **state)`` to change data. Use this when a
  frame has many axes or labels: re-laying out text is most of a redraw's cost.
"""
from __future__ import annotations

import io

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image


class LiveFigure:
    """A figure redrawn from widget state and shown as ``self.image`` (see the module docstring)."""

    def __init__(self, render, *, move=None, figsize=(8.0, 3.0), dpi=90, layout="constrained"):
        self.render, self.move = render, move
        self.dpi = dpi
        self.fig = Figure(figsize=figsize, dpi=dpi, layout=layout)
        self.canvas = FigureCanvasAgg(self.fig)
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
        self.frame = None  # what ``render`` returned, when frames are moved rather than rebuilt
        self.png = b""
        self.renders = 0

    def update(self, **state) -> bytes:
        if self.move is None:
            self.fig.clear()
            self.frame = self.render(self.fig, **state)
        elif self.frame is None:
            self.frame = self.render(self.fig, **state)
            if self.fig.get_layout_engine() is not None:
                self.fig.draw_without_rendering()  # solve the layout once ...
                self.fig.set_layout_engine("none")  # ... and keep it for every later frame
        else:
            self.move(self.frame, **state)
        self.png = self._encode()
        self.image.value = self.png
        self.renders += 1
        return self.png

    def _encode(self) -> bytes:
        """One Agg draw, then a fast PNG encoding (``savefig`` would draw twice)."""
        self.fig.set_dpi(self.dpi)
        self.canvas.draw()
        buf = io.BytesIO()
        Image.fromarray(np.asarray(self.canvas.buffer_rgba())).save(buf, format="png", compress_level=1)
        return buf.getvalue()


def play_controls(n_steps: int, *, value: int = 0, interval_ms: int = 400, description: str = "step t"):
    """A Play button linked to an integer slider over 0..n_steps-1; returns (play, slider, box).

    The link runs in the browser (``jslink``), so playing is smooth; the kernel sees the
    slider's value and redraws through the widget's observer.
    """
    slider = widgets.IntSlider(
        value=value, min=0, max=max(n_steps - 1, 0), step=1, description=description,
        continuous_update=True, layout=widgets.Layout(width="420px"),
    )
    play = widgets.Play(value=value, min=0, max=max(n_steps - 1, 0), step=1, interval=interval_ms, description="play")
    widgets.jslink((play, "value"), (slider, "value"))
    return play, slider, widgets.HBox([play, slider])
