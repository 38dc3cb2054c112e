"""Step through one sequence and watch the GRU's reset gate r, update gate z, candidate n and state h."""
from __future__ import annotations

from .. import _validate as v
from .. import gru
from ..drawing.gru import draw_gru_gates, update_gru_gates
from ._gates import gate_player

__all__ = ["gru_gate_player"]


def gru_gate_player(x, params, *, reset_after: bool = False, units=None, interval_ms: int = 500):
    """Play / slider over the steps t = 1..T of one sequence x (T, D), h_0 = 0.

    ``params``: GRU parameters (extra keys such as V, c are ignored); ``reset_after`` picks the
    reset-gate placement as in ``gru.forward``. The box has ``.slider``, ``.play``, ``.live``
    and ``.cache`` (the ``gru.forward`` cache, N = 1).
    """
    xs = v.as_float_array("x", x, ndim=2)
    if xs.shape[0] == 0:
        raise ValueError("x must have at least one step, got T = 0")
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of GRU parameters, got {type(params).__name__}")
    cell = {k: a for k, a in params.items() if k[:2] in ("U_", "W_", "b_")}
    _, cache = gru.forward(xs[None], None, cell, reset_after=reset_after)

    def build(fig, t):
        return draw_gru_gates(fig, cache, t, units=units)

    def move(frame, t):
        update_gru_gates(frame, t)

    box = gate_player(build, move, xs.shape[0], interval_ms=interval_ms, figsize=(9.5, 5.0))
    box.cache = cache
    return box
