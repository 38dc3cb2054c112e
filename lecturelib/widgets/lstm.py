"""Step through one sequence and watch the LSTM's gates i, f, o, the candidate g and the states c, h."""
from __future__ import annotations

from .. import _validate as v
from .. import lstm
from ..drawing.lstm import draw_lstm_gates, update_lstm_gates
from ._gates import gate_player

__all__ = ["lstm_gate_player"]


def lstm_gate_player(x, params, *, units=None, interval_ms: int = 500):
    """Play / slider over the steps t = 1..T of one sequence x (T, D), (h_0, c_0) = 0.

    ``params``: LSTM parameters (extra keys such as an output layer's V, c are ignored);
    ``units``: which hidden units to show (default all). The forward pass runs once; each
    frame shows x and i, f, o, g, c, h for steps 1..t with column t framed. The box has
    ``.slider``, ``.play``, ``.live`` and ``.cache`` (the ``lstm.forward`` cache, N = 1).
    """
    xs = v.as_float_array("x", x, ndim=2)
    if xs.shape[0] == 0:
        raise ValueError("x must have at least one step, got T = 0")
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of LSTM parameters, got {type(params).__name__}")
    cell = {k: a for k, a in params.items() if k[:2] in ("U_", "W_", "b_")}
    _, cache = lstm.forward(xs[None], None, cell)

    def build(fig, t):
        return draw_lstm_gates(fig, cache, t, units=units)

    def move(frame, t):
        update_lstm_gates(frame, t)

    box = gate_player(build, move, xs.shape[0], interval_ms=interval_ms, figsize=(9.0, 6.2))
    box.cache = cache
    return box
