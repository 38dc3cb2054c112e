"""A progress bar for the numpy training loops, fed by their ``callback(step, total, loss)``.

The loop (e.g. lecturelib.bptt.train) knows nothing about widgets: it calls a plain
function after every update, and this module turns those calls into a moving bar.
"""
from __future__ import annotations

import ipywidgets as widgets

from .. import _validate as v

__all__ = ["progress_bar"]


def progress_bar(total: int, *, description: str = "training", every: int = 10):
    """An IntProgress bar over ``total`` updates and a label with the latest loss.

    Returns the container; ``box.callback(step, total, loss)`` moves it (redrawn every
    ``every`` steps and at the last one), ``box.bar`` and ``box.label`` are its parts.
    """
    total = v.check_positive_int("total", total)
    every = v.check_positive_int("every", every)
    bar = widgets.IntProgress(value=0, min=0, max=total, description=description,
                              bar_style="info", layout=widgets.Layout(width="420px"))
    label = widgets.Label(value=f"0 / {total}")
    box = widgets.HBox([bar, label])

    def callback(step, total_steps, loss):
        if step % every == 0 or step >= total_steps:
            bar.value = min(int(step), total)
            label.value = f"{step} / {total_steps}   loss {loss:.2f}"
            if step >= total_steps:
                bar.bar_style = "success"

    box.bar, box.label, box.callback = bar, label, callback
    return box
