"""The LSTM's gates over a sequence: heat strips of i, f, o, g, c, h for one example.

Reads the cache of ``lstm.forward`` (every gate kept per step, (N, T, H)); the strips
themselves are drawn by ``lecturelib.drawing.gates``.
"""
from __future__ import annotations

import numpy as np

from .gates import StripSpec, draw_gate_strips, update_gate_strips

__all__ = ["LSTM_ORDER", "lstm_strips", "draw_lstm_gates", "update_lstm_gates"]

# Row-major in two columns: gates (i, f, o) on the left, the values they act on (g, c, h) on the right.
LSTM_ORDER = ("i", "g", "f", "c", "o", "h")
LABELS = {"i": "input gate $i$ (sigmoid)", "f": "forget gate $f$ (sigmoid)", "o": "output gate $o$ (sigmoid)",
          "g": "candidate $g$ (tanh)", "c": "cell state $c$ (unbounded)", "h": "hidden state $h$"}


def _select(cache, key, example, units):
    arr = np.asarray(cache[key])
    if arr.ndim != 3:
        raise ValueError(f"cache[{key!r}] must be (N, T, H), got shape {arr.shape}")
    N, _, H = arr.shape
    if isinstance(example, bool) or not isinstance(example, (int, np.integer)) or not 0 <= example < N:
        raise ValueError(f"example must be an int in [0, {N}), got {example!r}")
    return arr[example] if units is None else arr[example][:, units]


def _check_units(units, H):
    if units is None:
        return None
    idx = np.asarray(units)
    if idx.ndim != 1 or idx.size == 0 or not np.issubdtype(idx.dtype, np.integer) or idx.min() < 0 or idx.max() >= H:
        raise ValueError(f"units must be a non-empty list of unit indices in [0, {H}), got {units!r}")
    return idx


def lstm_strips(cache, *, example: int = 0, units=None, scale_with=()):
    """({name: (T, H') values}, {name: StripSpec}) for i, f, o, g, c, h of one example.

    ``units``: indices of the hidden units to show (default all H). ``scale_with``: other
    caches of the same shape (e.g. the same sequence with another first input) whose cell
    states also set the colour range of c, so that pictures of both compare.
    """
    if not isinstance(cache, dict) or any(k not in cache for k in LSTM_ORDER):
        raise ValueError("cache must be the dict returned by lstm.forward (keys i, f, o, g, c, h)")
    units = _check_units(units, np.shape(cache["i"])[-1])
    strips = {k: _select(cache, k, example, units) for k in LSTM_ORDER}
    specs = {k: StripSpec.gate(LABELS[k]) for k in ("i", "f", "o")}
    specs["g"] = StripSpec.signed(LABELS["g"])
    specs["h"] = StripSpec.signed(LABELS["h"])
    if not isinstance(scale_with, (list, tuple)):
        raise TypeError(f"scale_with must be a list or tuple of lstm.forward caches, got {type(scale_with).__name__}")
    cells = [strips["c"]] + [_select(other, "c", example, units) for other in scale_with]
    specs["c"] = StripSpec.signed(LABELS["c"], np.concatenate(cells))  # the cell state is not bounded by 1
    return strips, specs


def draw_lstm_gates(fig, cache, t: int, *, example: int = 0, units=None, show_input: bool = True,
                    title: str = "LSTM gates and states, steps 1..{t}", scale_with=()):
    """Heat strips of the input x and i, f, o, g, c, h up to step t (column t framed).

    ``cache`` from ``lstm.forward``; ``title`` may contain ``{t}``; ``scale_with`` as in
    ``lstm_strips``. Returns the frame dict of ``gates.draw_gate_strips`` (pass it to
    ``update_lstm_gates``).
    """
    strips, specs = lstm_strips(cache, example=example, units=units, scale_with=scale_with)
    x = _select(cache, "x", example, None) if show_input else None
    return draw_gate_strips(fig, strips, specs, t, x=x, ncols=2, title=title)


def update_lstm_gates(frame, t: int):
    """Move a frame of ``draw_lstm_gates`` to step t."""
    return update_gate_strips(frame, t)
