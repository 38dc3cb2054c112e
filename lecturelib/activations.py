"""Elementwise nonlinearities and the softmax, written to stay finite for any finite input.

sigmoid(x) = 1 / (1 + e^{-x});   tanh;   softmax(o)_k = e^{o_k} / sum_j e^{o_j}.
"""
from __future__ import annotations

import numpy as np


def sigmoid(x):
    """sigma(x) = 1 / (1 + exp(-x)), evaluated without overflow for large |x|."""
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def tanh(x):
    """tanh(x); numpy's is already stable."""
    return np.tanh(np.asarray(x, dtype=np.float64))


def log_softmax(o, axis=-1):
    """log softmax(o) along ``axis``, shifted by the max so exp never overflows."""
    o = np.asarray(o, dtype=np.float64)
    shifted = o - o.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax(o, axis=-1):
    """softmax(o) along ``axis``: non-negative, sums to one, finite for logits of any size."""
    return np.exp(log_softmax(o, axis=axis))
