"""Step a trained simple RNN through a sentence: h_t as a heat strip, yhat_t at every step."""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import losses, rnn
from ..activations import softmax
from ..drawing.simple_rnn import draw_rnn_step, update_rnn_step
from ._base import LiveFigure, play_controls

__all__ = ["rnn_stepper"]


def rnn_stepper(x, tokens, params, out_params, class_names, *, target=None, mark_last=False, interval_ms=700):
    """Play / slider over the steps t = 1..T of one sequence x (T, D), h_0 = 0.

    ``mark_last`` frames yhat_tau (a many-to-one model). Every frame shows h_1..h_t, yhat_1..yhat_t = softmax(V h_t + c) and yhat_t as bars.
    The box has ``.slider`` (the step t, 1..T), ``.play``, ``.live`` (the figure),
    and ``.h`` (T, H), ``.yhat`` (T, K) computed once up front.
    """
    xs = np.asarray(x, dtype=np.float64)
    if xs.ndim != 2:
        raise ValueError(f"x must be one sequence of shape (T, D), got shape {xs.shape}")
    if len(tokens) != xs.shape[0]:
        raise ValueError(f"tokens must have one entry per step (T = {xs.shape[0]}), got {len(tokens)}")
    h, _ = rnn.forward(xs[None], None, params)  # (1, T, H)
    o, _ = losses.output_forward(h, out_params)  # (1, T, K)
    h, yhat = h[0], softmax(o[0])
    if yhat.shape[1] != len(class_names):
        raise ValueError(f"class_names must have {yhat.shape[1]} entries (K), got {len(class_names)}")

    def build(fig, t):
        return draw_rnn_step(fig, h, yhat, tokens, class_names, t, target=target, mark_last=mark_last)

    live = LiveFigure(build, move=update_rnn_step, figsize=(9.0, 4.2))
    T = len(tokens)
    play, slider, controls = play_controls(T + 1, value=T, interval_ms=interval_ms)
    slider.min = play.min = 1  # steps are counted from 1, as in the equations

    def refresh(_=None):
        live.update(t=slider.value)

    slider.observe(refresh, names="value")
    refresh()
    box = widgets.VBox([controls, live.image])
    box.slider, box.play, box.live, box.h, box.yhat = slider, play, live, h, yhat
    return box
