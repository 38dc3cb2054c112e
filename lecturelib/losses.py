"""Output layer and cross-entropy losses for sequences.

    o_t = V h_t + c                 logits,        V (K, H), c (K,)
    yhat_t = softmax(o_t)           distribution over K classes
    L = sum_t L_t,   L_t = -log yhat_t[y_t]     (Goodfellow et al. 2016, eqs. 10.8-10.14)

Many-to-many: a label at every step, optionally masked. Many-to-one: only o_tau and
L_tau enter the loss (the lecture's sentence classifier). Losses are summed over steps
and averaged over the N examples of a batch, so they do not grow with the batch size.
"""
from __future__ import annotations

import numpy as np

from . import _validate as v
from .activations import log_softmax


def init_output_params(hidden_size: int, output_size: int, *, rng: np.random.Generator) -> dict:
    """V (K, H), c (K,) from U(-1/sqrt(H), 1/sqrt(H))."""
    H = v.check_positive_int("hidden_size", hidden_size)
    K = v.check_positive_int("output_size", output_size)
    bound = 1.0 / np.sqrt(H)
    rng = v.check_rng(rng)
    return {"V": rng.uniform(-bound, bound, (K, H)), "c": rng.uniform(-bound, bound, K)}


def output_forward(h, params):
    """o = V h + c at every step. Shapes: h (N, T, H) or (N, H) -> o (..., K); cache."""
    if not isinstance(params, dict) or "V" not in params:
        raise ValueError("params must be a dict with 'V' (K, H) and 'c' (K,)")
    K, H = np.shape(params["V"]) if np.ndim(params["V"]) == 2 else (None, None)
    if K is None:
        raise ValueError(f"params['V'] must be 2-D (K, H), got shape {np.shape(params['V'])}")
    p = v.check_params(params, {"V": (K, H), "c": (K,)})
    hs = v.as_float_array("h", h, ndim=(2, 3))
    v.check_shape("h", hs, (None,) * (hs.ndim - 1) + (H,))
    o = hs.reshape(-1, H) @ np.ascontiguousarray(p["V"].T)  # every step of every example as one product
    o += p["c"]
    return o.reshape(hs.shape[:-1] + (K,)), {"h": hs, "params": p}


def output_backward(do, cache):
    """Given dL/do, return dL/dh and {dV, dc} (summed over batch and steps)."""
    hs, p = cache["h"], cache["params"]
    do = v.upstream("do", do, hs.shape[:-1] + (p["V"].shape[0],))
    flat_do = do.reshape(-1, do.shape[-1])  # (N*T, K): all steps as rows
    flat_h = hs.reshape(-1, hs.shape[-1])
    dh = (flat_do @ p["V"]).reshape(hs.shape)
    return dh, {"V": flat_do.T @ flat_h, "c": flat_do.sum(axis=0)}


def cross_entropy(o, y):
    """Mean over examples of -log softmax(o)[y]. Shapes: o (N, K), y (N,) ints.

    Returns (loss, do) with do = (softmax(o) - onehot(y)) / N.
    """
    o = v.as_float_array("o", o, ndim=2)
    y = v.as_int_array("y", y, ndim=1, low=0, high=o.shape[1])
    v.check_shape("y", y, (o.shape[0],))
    N = o.shape[0]
    logp = log_softmax(o)
    loss = -logp[np.arange(N), y].mean()
    do = np.exp(logp)  # softmax(o)
    do[np.arange(N), y] -= 1.0
    return float(loss), do / N


def sequence_cross_entropy(o, y, mask=None):
    """Many-to-many: L = (1/N) sum_n sum_t mask[n,t] * -log softmax(o[n,t])[y[n,t]].

    Shapes: o (N, T, K), y (N, T) ints, mask (N, T) of 0/1 (None: every step counts).
    Returns (loss, do) with do (N, T, K).
    """
    o = v.as_float_array("o", o, ndim=3)
    N, T, K = o.shape
    y = v.as_int_array("y", y, ndim=2, low=0, high=K)
    v.check_shape("y", y, (N, T))
    if mask is None:
        m = np.ones((N, T))
    else:
        m = v.as_float_array("mask", mask, ndim=2)
        v.check_shape("mask", m, (N, T))
        if not np.all((m == 0) | (m == 1)):
            raise ValueError("mask must contain only 0 and 1")
    rows, labels = np.arange(N * T), y.reshape(-1)  # row n*T + t of the flattened logits meets y[n, t]
    e = o.reshape(N * T, K) - o.reshape(N * T, K).max(axis=1, keepdims=True)  # shifted: exp never overflows
    picked = e[rows, labels]  # the shifted logit of the label
    np.exp(e, out=e)
    total = e.sum(axis=1)
    picked -= np.log(total)  # log softmax(o)[y], as activations.log_softmax computes it
    loss = -(picked * m.reshape(-1)).sum() / N
    do = e  # softmax(o) - onehot(y), built in the buffer of e
    do /= total[:, None]
    do[rows, labels] -= 1.0
    if mask is not None:
        do *= m.reshape(-1, 1)
    do /= N
    return float(loss), do.reshape(N, T, K)


def many_to_one_cross_entropy(o, y):
    """Many-to-one: only the last step's logits o[:, -1] meet the label y (N,).

    Shapes: o (N, T, K). Returns (loss, do) with do (N, T, K), zero before the last step.
    """
    o = v.as_float_array("o", o, ndim=3)
    loss, do_last = cross_entropy(o[:, -1], y)
    do = np.zeros_like(o)
    do[:, -1] = do_last
    return loss, do


def perplexity(mean_loss_per_token: float) -> float:
    """exp of the mean cross-entropy per token (in nats)."""
    return float(np.exp(mean_loss_per_token))
