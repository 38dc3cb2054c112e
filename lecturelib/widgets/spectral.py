"""Drag the spectral radius of W and watch the gradient norms vanish or explode."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import _validate as v
from .. import jacobians, rnn
from ..drawing.spectral import draw_spectral_frame
from ..drawing.style import OKABE_ITO as C
from ._base import LiveFigure

__all__ = ["spectral_radius_explorer"]


def spectral_radius_explorer(*, rng: np.random.Generator, hidden_size: int = 32, T: int = 50,
                             n_examples: int = 8, rho_min: float = 0.5, rho_max: float = 2.0,
                             rho_step: float = 0.05):
    """Slider for the spectral radius rho of W; redraws eigenvalues and ||dh_T/dh_k|| against the lag.

    Every curve is computed once, up front, for the grid rho_min, rho_min + rho_step, ...,
    rho_max (``jacobians.radius_sweep``), so a slider move only redraws. The returned VBox
    has ``.slider`` (FloatSlider), ``.curves`` (ToggleButtons: both / linear / tanh),
    ``.live`` (LiveFigure) and ``.sweep`` (the precomputed dict).
    """
    rng = v.check_rng(rng)
    H = v.check_positive_int("hidden_size", hidden_size)
    T = v.check_positive_int("T", T)
    N = v.check_positive_int("n_examples", n_examples)
    rho_min = v.check_positive_float("rho_min", rho_min)
    rho_max = v.check_positive_float("rho_max", rho_max)
    rho_step = v.check_positive_float("rho_step", rho_step)
    if rho_max <= rho_min:
        raise ValueError(f"rho_max must be larger than rho_min, got {rho_min} and {rho_max}")
    n = int(round((rho_max - rho_min) / rho_step)) + 1
    rhos = np.round(rho_min + rho_step * np.arange(n), 6)

    params = rnn.init_params(1, H, rng=rng)
    W = jacobians.random_recurrent_weights(H, 1.0, rng=rng)
    x = rng.standard_normal((N, T, 1))
    sweep = jacobians.radius_sweep(W, x, params, rhos)

    start = int(np.argmin(np.abs(rhos - 1.0)))
    slider = widgets.FloatSlider(value=float(rhos[start]), min=float(rhos[0]), max=float(rhos[-1]),
                                 step=rho_step, description="radius ρ", readout_format=".2f",
                                 continuous_update=True, layout=widgets.Layout(width="420px"))
    curves = widgets.ToggleButtons(options=[("both", ("linear", "tanh")), ("linear", ("linear",)),
                                            ("tanh", ("tanh",))], value=("linear", "tanh"),
                                   description="curves", style={"button_width": "64px"})  # one row
    # Fixed margins instead of constrained layout, which would double the time of a redraw.
    margins = {"left": 0.08, "right": 0.98, "bottom": 0.13, "top": 0.92, "wspace": 0.25}
    theta = np.linspace(0, 2 * np.pi, 200)
    both = ("linear", "tanh")
    d = np.sqrt(0.5)

    def render(fig, index, show):
        # Both curves are always drawn (the hidden one invisible), so a toggle only moves data.
        ax_eig, ax_norm = draw_spectral_frame(fig, sweep, index, show=both, margins=margins)
        move((ax_eig, ax_norm), index, show)
        return ax_eig, ax_norm

    def move(axes, index, show):
        """Move the artists of ``draw_spectral_frame`` to radius rhos[index], showing the curves ``show``."""
        ax_eig, ax_norm = axes
        rho = float(sweep["rho"][index])
        lam = sweep["eigvals"] * rho
        r = float(np.max(np.abs(lam)))
        ring = C["vermillion"] if r > 1.0 else C["blue"]
        inside = np.abs(lam) <= 1.0
        ax_eig.lines[1].set_data(r * np.cos(theta), r * np.sin(theta))
        ax_eig.lines[1].set_color(ring)
        ax_eig.collections[0].set_offsets(np.c_[lam.real[inside], lam.imag[inside]])
        ax_eig.collections[1].set_offsets(np.c_[lam.real[~inside], lam.imag[~inside]])
        label = ax_eig.texts[1]
        label.set_text(f" ρ = {r:.2f}")
        label.set_position((r * d, -r * d - 0.05))
        label.set_color(ring)
        linear, tanh, power = ax_norm.lines[:3]
        linear.set_ydata(sweep["log10_linear"][index])
        tanh.set_ydata(sweep["log10_tanh"][index])
        power.set_ydata(sweep["lags"] * np.log10(rho))
        for line, name, text in ((linear, "linear", r"linear RNN: $\|W^{t-k}\|_2$"),
                                 (tanh, "tanh", "tanh RNN (average of log over inputs)")):
            line.set_visible(name in show)
            line.set_label(text if name in show else "_" + text)  # a hidden curve stays out of the legend
        verdict = "vanishing (ρ < 1)" if rho < 1 else ("exploding (ρ > 1)" if rho > 1 else "on the border (ρ = 1)")
        ax_norm.set_title(f"gradient flow back in time: {verdict}")
        if getattr(ax_norm, "_shown", None) != tuple(show):
            ax_norm.get_legend().remove()
            ax_norm.legend(fontsize=8, loc="upper left")
            ax_norm._shown = tuple(show)
        return axes

    def moving(axes):
        ax_eig, ax_norm = axes
        # with what a full draw puts over them: the unit circle, the |λ| = 1 label, the dashed line at 1
        return [*ax_eig.lines[:2], *ax_eig.collections, *ax_eig.texts, *ax_norm.lines[:4], ax_norm.title,
                ax_norm.get_legend()]

    live = LiveFigure(render, move=move, animated=moving, figsize=(9.5, 3.8), dpi=80,
                      layout=None)  # fixed margins: no layout pass

    def redraw(_change=None):
        index = int(np.argmin(np.abs(rhos - slider.value)))
        live.update(index=index, show=curves.value)

    slider.observe(redraw, names="value")
    curves.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HBox([slider, curves]), live.image])
    box.slider, box.curves, box.live, box.sweep = slider, curves, live, sweep
    return box
