"""Wiring shared by the widgets: a figure shown as a PNG image, and Play + slider controls.

A widget keeps one matplotlib ``Figure`` (not pyplot, so nothing is displayed twice),
redraws it on every change and puts the PNG bytes into an ``ipywidgets.Image``. That
works the same in JupyterLab, under nbval and in headless tests (``live.png`` holds the
bytes of the last frame, ``live.renders`` counts frames).
"""
from __future__ import annotations

import io

import ipywidgets as widgets
from matplotlib.figure import Figure


class LiveFigure:
    """A figure redrawn by ``render(fig, **state)`` and shown as ``self.image``."""

    def __init__(self, render, *, figsize=(8.0, 3.0), dpi=90):
        self.render = render
        self.dpi = dpi
        self.fig = Figure(figsize=figsize, layout="constrained")
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
        self.png = b""
        self.renders = 0

    def update(self, **state) -> bytes:
        self.fig.clear()
        self.render(self.fig, **state)
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=self.dpi)
        self.png = buf.getvalue()
        self.image.value = self.png
        self.renders += 1
        return self.png


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
