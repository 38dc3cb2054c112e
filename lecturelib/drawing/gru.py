"""The GRU's gates over a sequence: heat strips of r, z, n, h for one example.

Reads the cache of ``gru.forward`` (every gate kept per step, (N, T, H)); the strips are
drawn by ``lecturelib.drawing.gates``, the same code as the LSTM's.
"""
from __future__ import annotations

import numpy as np

from .gates import StripSpec, draw_gate_strips, update_gate_strips
from .lstm import _check_units, _select

__all__ = ["GRU_ORDER", "gru_strips", "draw_gru_gates", "update_gru_gates"]

# Row-major in two columns: the gates (r, z) on the left, candidate and state (n, h) on the right.
GRU_ORDER = ("r", "n", "z", "h")
LABELS = {"r": "reset gate $r$", "z": "update gate $z$", "n": "candidate $n$ (tanh)", "h": "hidden state $h$"}


def gru_strips(cache, *, example: int = 0, units=None):
    """({name: (T, H') values}, {name: StripSpec}) for r, z, n, h of one example."""
    if not isinstance(cache, dict) or any(k not in cache for k in GRU_ORDER):
        raise ValueError("cache must be the dict returned by gru.forward (keys r, z, n, h)")
    units = _check_units(units, np.shape(cache["r"])[-1])
    strips = {k: _select(cache, k, example, units) for k in GRU_ORDER}
    specs = {"r": StripSpec.gate(LABELS["r"]), "z": StripSpec.gate(LABELS["z"]),
             "n": StripSpec.signed(LABELS["n"]), "h": StripSpec.signed(LABELS["h"])}
    return strips, specs


def draw_gru_gates(fig, cache, t: int, *, example: int = 0, units=None, show_input: bool = True,
                   title: str = "GRU gates and state, steps 1..{t}", scale_with=()):
    """Heat strips of the input x and r, z, n, h up to step t (column t framed).

    ``cache`` from ``gru.forward``; returns the frame dict for ``update_gru_gates``.
    ``scale_with`` is accepted for the same call as ``draw_lstm_gates`` and changes nothing:
    every GRU strip has a fixed colour range (gates in (0, 1), n and h in (-1, 1)).
    """
    if not isinstance(scale_with, (list, tuple)):
        raise TypeError(f"scale_with must be a list or tuple of gru.forward caches, got {type(scale_with).__name__}")
    strips, specs = gru_strips(cache, example=example, units=units)
    x = _select(cache, "x", example, None) if show_input else None
    return draw_gate_strips(fig, strips, specs, t, x=x, ncols=2, title=title)


def update_gru_gates(frame, t: int):
    """Move a frame of ``draw_gru_gates`` to step t."""
    return update_gate_strips(frame, t)
