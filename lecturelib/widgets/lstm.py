"""Step through one sequence and watch the LSTM's gates i, f, o, the candidate g and the states c, h."""
from __future__ import annotations

from .. import lstm
from ..drawing.lstm import _select, draw_lstm_gates, lstm_strips, update_lstm_gates
from ._gates import cell_player

__all__ = ["lstm_gate_player"]


def lstm_gate_player(x, params, *, units=None, interval_ms: int = 500, first_input_toggle: bool = False):
    """Play / slider over the steps t = 1..T of one sequence x (T, D), (h_0, c_0) = 0.

    ``params``: LSTM parameters (extra keys such as an output layer's V, c are ignored);
    ``units``: which hidden units to show (default all). The forward pass runs once; each
    frame shows x and i, f, o, g, c, h for steps 1..t with column t framed. The box has
    ``.slider``, ``.play``, ``.live`` and ``.cache`` (the ``lstm.forward`` cache, N = 1).
    ``first_input_toggle=True`` adds ToggleButtons ``.first_input`` that switch to the same
    sequence with x_1 negated (``.caches`` holds both runs; one colour scale for both).
    """
    def values(cache):
        return lstm_strips(cache, units=units)[0], _select(cache, "x", 0, None)

    return cell_player(x, params, run=lambda xs, cell: lstm.forward(xs, None, cell)[1],
                       draw=draw_lstm_gates, update=update_lstm_gates, values=values, kind="LSTM", units=units,
                       interval_ms=interval_ms, figsize=(9.0, 6.2), first_input_toggle=first_input_toggle)
