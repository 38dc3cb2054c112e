"""The direct (gated) paths of the LSTM and the GRU, and how much gradient they carry back.

    LSTM:  c_t = f_t * c_{t-1} + i_t * g_t     =>  along the cell path  dc_t/dc_{t-1} = diag(f_t)
    GRU:   h_t = z_t * h_{t-1} + (1 - z_t) * n_t  =>  along the copy path  dh_t/dh_{t-1} = diag(z_t)

Along such a path the Jacobian over a lag l is a product of diagonal matrices,
dc_T/dc_{T-l} = diag(f_T * f_{T-1} * ... * f_{T-l+1}), whose spectral norm is the largest
entry: max over units of the product of that unit's gates. No W and no tanh' appear, so a
gate held near 1 keeps the product near 1 (compare ``lecturelib.jacobians`` for the simple
RNN). These are the paths only: the full Jacobian also has terms through the gates'
dependence on h_{t-1}. Gates come from the caches of ``lstm.forward`` (``cache["f"]``) and
``gru.forward`` (``cache["z"]``), shapes (N, T, H).
Sources: Hochreiter & Schmidhuber (1997); Gers et al. (2000); Goodfellow, Bengio &
Courville, *Deep Learning* (2016), sections 10.10.1-10.10.2.
"""
from __future__ import annotations

import numpy as np

from . import _validate as v


def _check_gates(name, gates):
    g = v.as_float_array(name, gates, ndim=3)
    if g.shape[1] == 0 or g.shape[2] == 0:
        raise ValueError(f"{name} must have at least one step and one unit, got shape {g.shape}")
    if np.any(g < 0.0) or np.any(g > 1.0):
        raise ValueError(f"{name} must hold sigmoid gate values in [0, 1], got values outside")
    return g


def path_products(gates):
    """P[:, l, :] = gates_T * gates_{T-1} * ... * gates_{T-l+1} per unit, l = 0..T (P[:, 0] = 1).

    Shapes: gates (N, T, H), e.g. an LSTM's f or a GRU's z. Returns (N, T+1, H): the diagonal
    of the path Jacobian from step T back to step T-l.
    """
    g = _check_gates("gates", gates)
    N, T, H = g.shape
    out = np.ones((N, T + 1, H))
    for lag in range(1, T + 1):
        out[:, lag] = out[:, lag - 1] * g[:, T - lag]  # one more gate, going back in time
    return out


def path_norms(gates):
    """||diag(prod of gates over the last l steps)||_2 = max over units, for l = 0..T.

    Shapes: gates (N, T, H). Returns (N, T+1); column l is lag l (column 0 is 1).
    """
    return path_products(gates).max(axis=2)


def lstm_cell_path_norms(cache):
    """||dc_T/dc_{T-l}|| along the cell path, from an ``lstm.forward`` cache. Returns (N, T+1)."""
    if not isinstance(cache, dict) or "f" not in cache or "c" not in cache:
        raise ValueError("cache must be the dict returned by lstm.forward (with 'f' and 'c')")
    return path_norms(cache["f"])


def gru_copy_path_norms(cache):
    """||dh_T/dh_{T-l}|| along the copy path z * h_{t-1}, from a ``gru.forward`` cache. Returns (N, T+1)."""
    if not isinstance(cache, dict) or "z" not in cache or "r" not in cache:
        raise ValueError("cache must be the dict returned by gru.forward (with 'z' and 'r')")
    return path_norms(cache["z"])
