"""Shared wiring of the gate players (LSTM, GRU): Play + step slider over a frame of heat strips,
and optionally a toggle between the sequence as given and the same sequence with its first
input negated (the two values of the first-input task's bit)."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import _validate as v
from ..drawing.gates import set_gate_strip_values, step_title
from ._base import LiveFigure, play_controls


def strip_artists(frame):
    """What a move changes in a frame of ``draw_gate_strips``: the images, the frames around step t
    and the title; the spines are redrawn over the images, as a full draw puts them."""
    artists = [frame["title"]]
    for strip in frame["strips"]:
        artists += [strip["image"], strip["frame"], *strip["ax"].spines.values()]
    return artists


def gate_player(build, move, T: int, *, interval_ms: int, figsize, extra_controls=(), before_refresh=None,
                state=None):
    """A VBox with Play + slider (steps 1..T) and the strips; ``.slider``, ``.play``, ``.live``.

    ``extra_controls``: widgets shown after the slider; ``before_refresh(frame)`` runs before
    every redraw once the frame exists (to swap data into it); ``state()`` gives the values of
    the extra controls (a dict), which key the cached frames with the step.
    """
    state = state or dict
    live = LiveFigure(lambda fig, t, **_: build(fig, t), move=lambda frame, t, **_: move(frame, t),
                      animated=strip_artists, figsize=figsize, dpi=80)
    play, slider, controls = play_controls(T + 1, value=1, interval_ms=interval_ms)
    slider.min = play.min = 1  # steps are counted from 1, as in the equations
    slider.continuous_update = False  # a drag redraws once, on release

    def refresh(_=None):
        if before_refresh is not None and live.frame is not None:
            before_refresh(live.frame)
        live.update(t=slider.value, **state())

    slider.observe(refresh, names="value")
    refresh()
    if extra_controls:
        controls = widgets.HBox([*controls.children, *extra_controls])
    box = widgets.VBox([controls, live.image])
    box.slider, box.play, box.live, box.refresh = slider, play, live, refresh
    return box


def _first_input_labels(x0):
    """Toggle labels for x_1 as given and negated: the value itself for D = 1."""
    if x0.size == 1:
        return f"x\u2081 = {x0[0]:+g}", f"x\u2081 = {-x0[0]:+g}"
    return "x\u2081 as given", "x\u2081 negated"


def cell_player(x, params, *, run, draw, update, values, kind: str, units, interval_ms: int, figsize,
                first_input_toggle: bool = False):
    """Run a gated cell once over one sequence x (T, D) and wrap its cache in a gate player.

    ``run(xs (1, T, D), cell_params) -> cache``; ``draw(fig, cache, t, units=, scale_with=)`` builds a
    frame, ``update(frame, t)`` moves it and ``values(cache) -> ({name: (T, H') values}, x (T, D))``
    gives the data of a frame. Keys of ``params`` other than U_*, W_*, b_* (an output layer's V, c)
    are ignored. The box carries ``.cache`` (the run on x as given).

    With ``first_input_toggle`` the cell also runs on x with its first step negated (every later
    input the same) and ToggleButtons ``.first_input`` (value 0: as given, 1: negated) switch the
    strips between the two runs, drawn on one colour scale; ``.caches`` holds both caches.
    """
    xs = v.as_float_array("x", x, ndim=2)
    if xs.shape[0] == 0:
        raise ValueError("x must have at least one step, got T = 0")
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of {kind} parameters, got {type(params).__name__}")
    if not isinstance(first_input_toggle, bool):
        raise TypeError(f"first_input_toggle must be True or False, got {type(first_input_toggle).__name__}")
    cell = {k: a for k, a in params.items() if k[:2] in ("U_", "W_", "b_")}
    cache = run(xs[None], cell)
    if not first_input_toggle:
        box = gate_player(lambda fig, t: draw(fig, cache, t, units=units), update, xs.shape[0],
                          interval_ms=interval_ms, figsize=figsize)
        box.cache = cache
        box.live.name = f"{kind.lower()}_gate_player"
        return box

    if not np.any(xs[0]):
        raise ValueError("x must have a non-zero first step for first_input_toggle: negating 0 changes nothing")
    flipped = xs.copy()
    flipped[0] = -flipped[0]
    caches = (cache, run(flipped[None], cell))
    labels = _first_input_labels(xs[0])
    toggle = widgets.ToggleButtons(options=[(labels[0], 0), (labels[1], 1)], value=0, description="first input",
                                   style={"button_width": "72px"})
    titles = {}

    def build(fig, t):
        frame = draw(fig, caches[toggle.value], t, units=units, scale_with=[caches[1 - toggle.value]])
        base = frame["title_fmt"] or ""
        titles.update({k: f"{base}, {lab.replace('x' + chr(0x2081), '$x_1$')}" for k, lab in enumerate(labels)})
        frame["title_fmt"] = titles[toggle.value]
        frame["title"].set_text(step_title(frame["title_fmt"], t))
        return frame

    def swap(frame):
        strips, x_values = values(caches[toggle.value])
        set_gate_strip_values(frame, strips, x=x_values)
        frame["title_fmt"] = titles[toggle.value]

    box = gate_player(build, update, xs.shape[0], interval_ms=interval_ms, figsize=figsize,
                      extra_controls=(toggle,), before_refresh=swap, state=lambda: {"first_input": toggle.value})
    toggle.observe(box.refresh, names="value")
    box.cache, box.caches, box.first_input = cache, caches, toggle
    box.live.name = f"{kind.lower()}_gate_player"
    return box
