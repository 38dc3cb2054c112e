"""Step through one sequence and watch the GRU's reset gate r, update gate z, candidate n and state h."""
from __future__ import annotations

from .. import gru
from ..drawing.gru import draw_gru_gates, gru_strips, update_gru_gates
from ..drawing.lstm import _select
from ._gates import cell_player

__all__ = ["gru_gate_player"]


def gru_gate_player(x, params, *, reset_after: bool = False, units=None, interval_ms: int = 500,
                    first_input_toggle: bool = False):
    """Play / slider over the steps t = 1..T of one sequence x (T, D), h_0 = 0.

    ``params``: GRU parameters (extra keys such as V, c are ignored); ``reset_after`` picks the
    reset-gate placement as in ``gru.forward``. The box has ``.slider``, ``.play``, ``.live``
    and ``.cache`` (the ``gru.forward`` cache, N = 1). ``first_input_toggle=True`` adds
    ToggleButtons ``.first_input`` that switch to the same sequence with x_1 negated
    (``.caches`` holds both runs).
    """
    def values(cache):
        return gru_strips(cache, units=units)[0], _select(cache, "x", 0, None)

    return cell_player(x, params, run=lambda xs, cell: gru.forward(xs, None, cell, reset_after=reset_after)[1],
                       draw=draw_gru_gates, update=update_gru_gates, values=values, kind="GRU", units=units,
                       interval_ms=interval_ms, figsize=(9.5, 5.0), first_input_toggle=first_input_toggle)
