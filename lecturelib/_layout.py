"""Moving a batch of sequences between the two layouts the recurrent cells use.

The public functions take and return rows, ``(N, T, ...)``: example n, step t. Inside the
loops the fast sequence code keeps each step's examples as the columns of one matrix,
``(T, ..., N)``, as in the lecture's ``W h_{t-1} + U x_t + b``: then a step's gates are
whole blocks of memory. numpy's copy of such a three-axis transpose is slow for large
arrays, so these copy one step at a time (one small 2-D transpose each).
"""
from __future__ import annotations

import numpy as np


def to_columns(rows: np.ndarray) -> np.ndarray:
    """(N, T, K) -> (T, K, N), a new contiguous array: out[t] = rows[:, t].T."""
    N, T, K = rows.shape
    out = np.empty((T, K, N))
    for t in range(T):
        out[t] = rows[:, t].T
    return out


def to_rows(cols: np.ndarray) -> np.ndarray:
    """(T, K, N) -> (N, T, K), a new contiguous array: out[:, t] = cols[t].T."""
    T, K, N = cols.shape
    out = np.empty((N, T, K))
    for t in range(T):
        out[:, t] = cols[t].T
    return out


def to_features_first(rows: np.ndarray) -> np.ndarray:
    """(N, T, K) -> (K, T, N), a new contiguous array: out[:, t] = rows[:, t].T.

    In this layout ``out.reshape(K, T * N)`` holds every step's columns side by side,
    which is what one product over all steps (a weight gradient) needs.
    """
    N, T, K = rows.shape
    out = np.empty((K, T, N))
    for t in range(T):
        out[:, t] = rows[:, t].T
    return out

