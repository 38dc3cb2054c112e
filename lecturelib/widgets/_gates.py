"""Shared wiring of the gate players (LSTM, GRU): Play + step slider over a frame of heat strips."""
from __future__ import annotations

import ipywidgets as widgets

from .. import _validate as v
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


def cell_player(x, params, *, run, draw, update, kind: str, units, interval_ms: int, figsize):
    """Run a gated cell once over one sequence x (T, D) and wrap its cache in a gate player.

    ``run(xs (1, T, D), cell_params) -> cache``; ``draw(fig, cache, t, units=)`` builds a frame
    and ``update(frame, t)`` moves it. Keys of ``params`` other than U_*, W_*, b_* (an output
    layer's V, c) are ignored. The box also carries ``.cache``.
    """
    xs = v.as_float_array("x", x, ndim=2)
    if xs.shape[0] == 0:
        raise ValueError("x must have at least one step, got T = 0")
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of {kind} parameters, got {type(params).__name__}")
    cell = {k: a for k, a in params.items() if k[:2] in ("U_", "W_", "b_")}
    cache = run(xs[None], cell)
    box = gate_player(lambda fig, t: draw(fig, cache, t, units=units), update, xs.shape[0],
                      interval_ms=interval_ms, figsize=figsize)
    box.cache = cache
    return box
