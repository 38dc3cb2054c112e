"""The overview notebook's widget check: two sliders that redraw a small sequence plot."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..drawing.overview import draw_sequence, sine_sequence
from ._base import LiveFigure

__all__ = ["sequence_demo"]


def sequence_demo(tau: int = 40):
    """Sliders for the frequency omega and the step t; the plot shows x_1..x_t."""

    t = np.arange(1, tau + 1)

    def render(fig, omega, upto):
        ax = fig.add_subplot()
        draw_sequence(ax, sine_sequence(omega, tau), upto=upto)
        return ax

    def move(ax, omega, upto):  # the same artists as draw_sequence, with new data
        x, seen = sine_sequence(omega, tau), t <= upto
        stems, dots, rest = ax.collections[0], ax.lines[0], ax.lines[1]
        stems.set_segments([[(k, 0.0), (k, xk)] for k, xk in zip(t[seen], x[seen])])
        dots.set_data(t[seen], x[seen])
        rest.set_data(t[~seen], x[~seen])
        ax.set_title(f"$x_t = \\sin(\\omega t)$, steps 1..{upto} of {tau}")

    def moving(ax):
        return [*ax.collections, *ax.lines, ax.title]  # the zero line too: it is drawn over the stems

    live = LiveFigure(render, move=move, animated=moving, figsize=(7.0, 2.6))
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
