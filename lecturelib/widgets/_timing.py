"""Frame timings of the widgets, measured in the kernel that shows them (used by ``tools/bench.py``).

A frame is what a student waits for after moving a control: the value changes, the widget's
observer redraws, and the PNG bytes are in ``live.image``. The yardstick is the *floor
frame*: one small constrained-layout figure with one line whose data changes, drawn through
the same ``LiveFigure`` PNG path as every widget. A widget frame is compared with the floor
measured in the same kernel, interleaved frame by frame, so a busy machine slows both alike.
Nothing here asserts a time: the numbers are printed.
"""
from __future__ import annotations

import time

import ipywidgets as widgets
import numpy as np

from ._base import LiveFigure

__all__ = ["floor_figure", "controls_of", "frame_times", "percentile", "widget_name"]


def widget_name(box) -> str:
    """The function that made a widget: ``live.name`` if set, else read from its render function."""
    live = box.live
    name = getattr(live, "name", None)
    if name:
        return name
    qualname = getattr(live.render, "__qualname__", "")
    return qualname.split(".")[0] if "<locals>" in qualname else type(box).__name__


def floor_figure() -> LiveFigure:
    """The floor frame: a small constrained-layout figure, one line whose data moves, nothing else."""
    x = np.linspace(0.0, 2.0 * np.pi, 200)

    def render(fig, phase):
        ax = fig.add_subplot()
        (line,) = ax.plot(x, np.sin(x + phase))
        ax.set_xlabel("x")
        ax.set_ylabel("sin(x + phase)")
        ax.set_ylim(-1.1, 1.1)
        return line

    def move(line, phase):
        line.set_ydata(np.sin(x + phase))

    live = LiveFigure(render, move=move, figsize=(6.0, 2.6), dpi=90, cache=False)
    live.update(phase=0.0)
    return live


def controls_of(box):
    """The controls a student moves: every slider, toggle and dropdown kept as an attribute of ``box``."""
    found = []
    for name, value in sorted(vars(box).items()):
        if name.startswith("_") or not isinstance(value, (widgets.widget_int._IntRange, widgets.widget_int._Int,
                                                            widgets.widget_float._Float,
                                                            widgets.widget_selection._Selection)):
            continue
        if isinstance(value, widgets.Play):
            continue  # Play drives the slider in the browser (jslink); the kernel sees the slider
        if isinstance(value, (widgets.IntSlider, widgets.FloatSlider, widgets.widget_selection._Selection)):
            found.append((name, value))
    return found


def _values(control, n):
    """Up to n values of a control, each different from the one before, walking its range or options."""
    if isinstance(control, widgets.widget_selection._Selection):
        values = list(control._options_values)
        if len(values) < 2:
            return []
        start = values.index(control.value) if control.value in values else -1
        ring = values[start + 1:] + values[:start + 1]  # every option once, the current one last
        return (ring * n)[:n]  # each move a change
    lo, hi, step = control.min, control.max, control.step
    count = int(round((hi - lo) / step)) + 1
    if count < 2:
        return []
    picks = np.unique(np.linspace(0, count - 1, min(count, n + 1)).round().astype(int))
    values = [lo + k * step for k in picks]
    if isinstance(control, widgets.IntSlider):
        values = [int(v) for v in values]
    else:
        values = [float(np.round(v, 10)) for v in values]
    values = [v for v in values if v != control.value]
    return values[:n]


def percentile(times, q):
    return float(np.percentile(np.asarray(times), q)) if len(times) else float("nan")


def frame_times(box, floor: LiveFigure | None = None, *, per_control: int = 12):
    """Move every control of ``box`` through its range; return a dict of timings in ms.

    ``frames``: drawn frames (the cache of ``box.live`` is emptied before each move, so
    every frame is drawn), ``floor``: floor frames interleaved with them, ``replay``: the
    same moves once more with the cache kept (a replayed Play sequence), ``controls``:
    the names of the controls moved. Every control is put back where it was.
    """
    live = box.live
    floor = floor or floor_figure()
    frames, floors, replay, names, by_control = [], [], [], [], {}
    play_linked = getattr(box, "play", None) is not None
    phase = 0.0
    for name, control in controls_of(box):
        values = _values(control, per_control)
        if not values:
            continue
        names.append(name)
        start = control.value
        for value in values:
            phase += 0.37
            t0 = time.perf_counter()
            floor.update(phase=phase)
            floors.append((time.perf_counter() - t0) * 1000)
            if hasattr(live, "clear_cache"):
                live.clear_cache()
            t0 = time.perf_counter()
            control.value = value
            ms = (time.perf_counter() - t0) * 1000
            frames.append(ms)
            by_control.setdefault(name, []).append(ms)
        control.value = start
        if play_linked and control is not box.slider:
            continue  # a replay is a Play sequence: the step slider's frames
        for value in values:  # the walk once more, untimed, to fill the cache ...
            control.value = value
        control.value = start
        for value in values:  # ... and replayed: every frame comes from the cache
            t0 = time.perf_counter()
            control.value = value
            replay.append((time.perf_counter() - t0) * 1000)
        control.value = start
    return {"frames": frames, "floor": floors, "replay": replay, "controls": names, "by_control": by_control}
