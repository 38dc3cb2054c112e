"""The overview notebook's widget check: two sliders that redraw a small sequence plot."""
from __future__ import annotations

import ipywidgets as widgets

from ..drawing.overview import draw_sequence, sine_sequence
from ._base import LiveFigure

__all__ = ["sequence_demo"]


def sequence_demo(tau: int = 40):
    """Sliders for the frequency omega and the step t; the plot shows x_1..x_t."""

    def render(fig, omega, upto):
        draw_sequence(fig.add_subplot(), sine_sequence(omega, tau), upto=upto)

    live = LiveFigure(render, figsize=(7.0, 2.6))
    omega = widgets.FloatSlider(value=0.3, min=0.05, max=1.5, step=0.05, description="omega")
    step = widgets.IntSlider(value=tau, min=1, max=tau, description="step t")

    def refresh(_=None):
        live.update(omega=omega.value, upto=step.value)

    omega.observe(refresh, names="value")
    step.observe(refresh, names="value")
    refresh()
    box = widgets.VBox([widgets.HBox([omega, step]), live.image])
    box.omega, box.slider, box.live = omega, step, live
    return box
