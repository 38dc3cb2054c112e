"""Drag the dependency length T and see how much learning signal reaches x_1 in each of the four models."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import _validate as v
from .. import compare
from ..drawing.compare import NAMES, draw_first_input_gradient
from ._base import LiveFigure

__all__ = ["first_input_gradient_explorer"]


def first_input_gradient_explorer(*, rng: np.random.Generator, max_T: int = 40, keep_biases=(0.0, 1.0, 2.0),
                                  hidden_size: int = 16, n: int = 128, tau: int = compare.TAU):
    """Slider for the length T (1..max_T) and buttons for the gated cells' keep bias; redraws
    mean |dL/dx_1| of the four untrained models against T (``draw_first_input_gradient``).

    Everything is computed up front (``compare.first_input_gradients``, one sweep per keep
    bias, the same weights and sequences for each), so a move only redraws. The returned VBox
    has ``.slider`` (IntSlider), ``.keep`` (ToggleButtons), ``.live`` (LiveFigure),
    ``.sweeps`` ({keep bias: the precomputed dict}) and ``.ylim`` (the fixed gradient axis, whole decades).
    """
    rng = v.check_rng(rng)
    max_T = v.check_positive_int("max_T", max_T)
    if isinstance(keep_biases, str) or not np.ndim(keep_biases) == 1 or len(keep_biases) == 0:
        raise ValueError(f"keep_biases must be a non-empty list of numbers >= 0, got {keep_biases!r}")
    keeps = [v.check_positive_float("keep_biases", k, allow_zero=True) for k in keep_biases]
    lengths = np.arange(1, max_T + 1)
    seed = int(rng.integers(0, 2**63 - 1))  # every sweep: the same weights and the same sequences
    sweeps = {k: compare.first_input_gradients(lengths, rng=np.random.default_rng(seed), hidden_size=hidden_size,
                                               keep_bias=k, tau=tau, n=n) for k in keeps}
    positive = np.concatenate([g[g > 0] for s in sweeps.values() for g in s["grad"].values()])
    ylim = (10 ** np.floor(np.log10(positive.min())), 10 ** np.ceil(np.log10(positive.max())))

    slider = widgets.IntSlider(value=min(10, max_T), min=1, max=max_T, step=1, description="length T",
                               continuous_update=True, layout=widgets.Layout(width="420px"))
    keep = widgets.ToggleButtons(options=[(f"{k:g}", k) for k in keeps], value=keeps[-1],
                                 description="keep bias", style={"button_width": "48px"})
    def render(fig, T, k):
        ax = fig.subplots()
        # drawn at the length where every model still has a marker, then moved: the same artists, in
        # the same order, for every T
        grads = sweeps[k]["grad"]
        every = next((j for j in range(len(lengths)) if all(grads[m][j] > 0 for m in sweeps[k]["models"])), None)
        shown_at = int(lengths[every if every is not None else T - 1])
        draw_first_input_gradient(ax, sweeps[k], T=shown_at, tau=tau, ylim=ylim)
        models = sweeps[k]["models"]
        if every is None or len(ax.lines) != 2 * len(models) + 2:
            return {"ax": ax, "fixed": (T, k)}  # an unusual sweep: no moving, every frame drawn anew
        frame = {"ax": ax, "models": models, "curves": ax.lines[0:2 * len(models):2],
                 "markers": ax.lines[1:2 * len(models):2], "tau_line": ax.lines[-2], "t_line": ax.lines[-1]}
        move(frame, T, k)
        return frame

    def move(frame, T, k):
        if "fixed" in frame:  # no moving parts: draw the whole frame again
            live.fig.clear()
            live.frame = draw_first_input_gradient(live.fig.subplots(), sweeps[k], T=T, tau=tau, ylim=ylim)
            live.frame = {"ax": live.fig.axes[0], "fixed": (T, k)}
            live.invalidate_background()
            return live.frame
        ax, sweep, j = frame["ax"], sweeps[k], T - 1
        for m, curve, marker in zip(frame["models"], frame["curves"], frame["markers"]):
            g = np.asarray(sweep["grad"][m], dtype=float)
            curve.set_ydata(np.where(g > 0, g, np.nan))
            curve.set_label(NAMES[m] + (f":  {g[j]:.0e}" if g[j] > 0 else ":  0"))
            marker.set_data([lengths[j]], [g[j]])
            marker.set_visible(bool(g[j] > 0))
        frame["t_line"].set_xdata([lengths[j], lengths[j]])
        ax.get_legend().remove()  # its labels end with the values at T: made anew, as draw_first_input_gradient does
        ax.legend(loc="lower left", fontsize=10, title=f"at $T = {int(lengths[j])}$")
        return frame

    def moving(frame):
        if "fixed" in frame:
            return []
        return [*frame["curves"], *frame["markers"], frame["tau_line"], *frame["ax"].texts, frame["t_line"],
                frame["ax"].get_legend()]

    live = LiveFigure(render, move=move, animated=moving, figsize=(8.0, 3.6), dpi=80)

    def redraw(_change=None):
        live.update(T=int(slider.value), k=keep.value)

    slider.observe(redraw, names="value")
    keep.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HBox([slider, keep]), live.image])
    box.slider, box.keep, box.live, box.sweeps, box.ylim = slider, keep, live, sweeps, ylim
    return box
