"""Self-checks for notebook 03 (the windowed DNN). Each prints a verdict and never raises."""
from __future__ import annotations

import numpy as np

from .. import window as _win
from ._core import check_function, check_value

__all__ = ["check_n_params", "check_concat_window"]


def check_n_params(answer, *, vocab_size: int, tau: int = 5, dim: int, hidden_size: int):
    """Exercise 1: the number of parameters of the windowed DNN for the given sizes."""
    K, T, D, H = vocab_size, tau, dim, hidden_size
    right = _win.n_params(K, T, D, H)
    hints = {
        right + (T - 1) * K * D: "there is only one embedding table E, shared by all slots: count K*D once, not tau times.",
        right - H - K: "you left out the biases: b has H entries and c has K.",
        K * D + H * D + H + K * H + K: "U multiplies the whole concatenated window, so it has tau*D columns, not D.",
        right - K * D: "the embedding table E (K rows of D numbers) is a parameter too: it is learned.",
        _win.n_params(K, 3, D, H): "this is the count for tau = 3; the question asks for tau = %d." % T,
    }
    return check_value(
        f"parameters for tau = {T}", answer, right, rtol=0, atol=0.5, hints=hints,
        hint="add up E (K x D), U (H x tau*D), b (H), V (K x H) and c (K).",
    )


def _cases():
    rng = np.random.default_rng(3)
    E = np.round(rng.normal(size=(6, 2)), 2)
    return [
        ((E, [1, 4, 2]), E[[1, 4, 2]].reshape(-1)),
        ((E, [5, 5, 0]), E[[5, 5, 0]].reshape(-1)),
        ((E, [0, 3, 1, 2]), E[[0, 3, 1, 2]].reshape(-1)),
    ]


def check_concat_window(fn):
    """Exercise 2: ``fn(E, window)`` must return [E[w_1]; ...; E[w_tau]] as one 1-D vector."""
    E, window = _cases()[0][0]
    try:
        got = None if fn is None or fn is Ellipsis else fn(E, window)
    except Exception:  # check_function reports exceptions (and NotImplementedError) itself
        got = None
    if got is not None and not isinstance(got, type(Ellipsis)):
        arr = np.asarray(got)
        if arr.shape == (3, 2):
            return check_value("concatenate one window", arr, E[window].reshape(-1), hint=(
                "you returned one row per word, shape (tau, D); flatten it into one vector of tau*D numbers "
                "(np.concatenate or .reshape(-1))."))
        if arr.shape == (6,) and np.allclose(arr, E[window[::-1]].reshape(-1)):
            return check_value("concatenate one window", arr, E[window].reshape(-1), hint=(
                "the order is reversed: slot 1 (the oldest word, window[0]) must come first."))
        if arr.shape == (6,) and np.allclose(arr, E[window].T.reshape(-1)):
            return check_value("concatenate one window", arr, E[window].reshape(-1), hint=(
                "the numbers are interleaved: put the whole embedding of word 1 first, then all of word 2, ..."))
    return check_function(
        "concatenate one window", fn, _cases(),
        hint="look up each word's row E[w] and join the rows end to end: np.concatenate([E[w] for w in window]).",
    )
