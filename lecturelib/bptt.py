"""Truncated back-propagation through time and the training loop of the character model.

    forward:  h_t = tanh(W h_{t-1} + U x_t + b) runs over the whole text, window after window;
    backward: the gradient of the window's loss stops at the window's first state.

A long text is cut into N parallel streams (rows) and each stream into windows of k steps.
The state h at the end of one window is the h_0 of the next (the state is carried), but it
enters the next window as a constant, so no gradient flows across the cut (Williams & Peng
1990; Sutskever 2013, section 2.8). Memory and work per update grow with k, not with the
length of the text. Gradient clipping (lecturelib.optim.clip_grad_norm) is optional.

The loop reports progress through a plain callback, so it never imports a widget library.
"""
from __future__ import annotations

import numpy as np

from . import _validate as v
from . import charlm, optim


def stream_windows(ids, n_streams: int, truncation: int):
    """Cut ids into n_streams rows and then into windows of ``truncation`` steps.

    Row r reads the text from position r * S (S = (len(ids) - 1) // n_streams steps per row);
    targets are the inputs shifted by one character. Returns a list of (inputs, targets)
    pairs, each (N, k); a last window shorter than k is dropped.
    """
    seq = v.as_int_array("ids", ids, ndim=1, low=0)
    N = v.check_positive_int("n_streams", n_streams)
    k = v.check_positive_int("truncation", truncation)
    S = (seq.size - 1) // N  # steps per stream
    if S < k:
        raise ValueError(
            f"truncation must be at most the steps per stream, (len(ids) - 1) // n_streams = {S}, got {k}"
        )
    x = seq[: N * S].reshape(N, S)
    y = seq[1 : N * S + 1].reshape(N, S)
    return [(x[:, s : s + k], y[:, s : s + k]) for s in range(0, S - k + 1, k)]


def truncated_grads(params, inputs, targets, truncation: int, h0=None):
    """Gradient of L = sum_t L_t over a long (N, T) sequence, with BPTT cut every k steps.

    Each window starts from the state the previous one ended in (carried, not
    differentiated). With k >= T this is exactly full BPTT. Returns (L, grads).
    """
    x_ids = v.as_int_array("inputs", inputs, ndim=2, low=0)
    y_ids = v.as_int_array("targets", targets, ndim=2, low=0)
    v.check_shape("targets", y_ids, x_ids.shape)
    k = v.check_positive_int("truncation", truncation)
    total, grads, h = 0.0, None, h0
    for s in range(0, x_ids.shape[1], k):
        loss, g, h = charlm.loss_and_grads(params, x_ids[:, s : s + k], y_ids[:, s : s + k], h)
        total += loss
        grads = g if grads is None else {key: grads[key] + g[key] for key in grads}
    return total, grads


def train(params, ids, *, truncation: int = 25, n_streams: int = 16, epochs: int = 1,
          optimizer=None, max_norm=None, callback=None) -> dict:
    """Train params in place by truncated BPTT over ``epochs`` passes of the text ``ids``.

    Every update: forward over one window from the carried state, backward inside the
    window, gradients divided by k (a mean per character), optional clipping to the
    global norm ``max_norm``, one optimizer step. The state is reset to zeros at the
    start of every epoch. ``callback(step, total, loss)`` is called after each update.
    Returns a history dict of lists: "loss" (mean per character, before the update) and
    "grad_norm" (global norm before clipping).
    """
    windows = stream_windows(ids, n_streams, truncation)
    n_epochs = v.check_positive_int("epochs", epochs)
    if optimizer is None:
        optimizer = optim.Adam(lr=0.01)
    if not hasattr(optimizer, "step"):
        raise TypeError(f"optimizer must have a step(params, grads) method, got {type(optimizer).__name__}")
    if max_norm is not None:
        max_norm = v.check_positive_float("max_norm", max_norm)
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be callable as callback(step, total, loss), got {type(callback).__name__}")
    k = windows[0][0].shape[1]
    loss_and_grads = charlm.WindowedLossAndGrads(params, n_streams, k)  # charlm.loss_and_grads, checked once, arrays reused
    total = n_epochs * len(windows)
    history = {"loss": [], "grad_norm": []}
    step = 0
    for _ in range(n_epochs):
        h = None  # zeros: every epoch starts fresh
        for x_ids, y_ids in windows:
            loss, grads, h = loss_and_grads(x_ids, y_ids, h)  # h carried, not differentiated
            grads = {key: g / k for key, g in grads.items()}
            if max_norm is None:
                norm = optim.global_norm(grads)
            else:
                norm = optim.clip_grad_norm(grads, max_norm)
            optimizer.step(params, grads)
            step += 1
            history["loss"].append(loss / k)
            history["grad_norm"].append(norm)
            if callback is not None:
                callback(step, total, loss / k)
    return history


def smooth(values, span: int = 20) -> np.ndarray:
    """Trailing moving average over ``span`` points (shorter at the start), for noisy curves."""
    arr = v.as_float_array("values", values, ndim=1)
    n = v.check_positive_int("span", span)
    c = np.cumsum(np.insert(arr, 0, 0.0))
    idx = np.arange(1, arr.size + 1)
    lo = np.maximum(idx - n, 0)
    return (c[idx] - c[lo]) / (idx - lo)
