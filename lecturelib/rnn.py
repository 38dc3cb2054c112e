"""The simple (Elman) recurrent cell and its back-propagation through time.

    a_t = W h_{t-1} + U x_t + b          (lecture / Goodfellow et al. 2016, eq. 10.8)
    h_t = tanh(a_t)

Rows are examples, so in numpy the first line reads ``a = h_prev @ W.T + x @ U.T + b``.
Shapes: x_t (N, D), h (N, H), W (H, H), U (H, D), b (H,); a sequence x is (N, T, D).
One example as 1-D arrays, x_t (D,) and h (H,), also works in the step functions.
Sources: Goodfellow, Bengio & Courville, *Deep Learning* (2016), section 10.2.
"""
from __future__ import annotations

import numpy as np

from . import _validate as v


def param_shapes(input_size: int, hidden_size: int) -> dict:
    """Expected shape of every parameter, keyed like ``init_params``."""
    D, H = input_size, hidden_size
    return {"W": (H, H), "U": (H, D), "b": (H,)}


def init_params(input_size: int, hidden_size: int, *, rng: np.random.Generator) -> dict:
    """W, U, b drawn from U(-1/sqrt(H), 1/sqrt(H)) (the usual default, also PyTorch's)."""
    return v.uniform_init(input_size, hidden_size, param_shapes, rng)


def _checked_params(params):
    D, H = v.infer_sizes(params)
    return v.check_params(params, param_shapes(D, H)), D, H


def step_forward(x_t, h_prev, params):
    """h_t = tanh(W h_{t-1} + U x_t + b).

    Shapes: x_t (N, D), h_prev (N, H) (or (D,), (H,)). Returns h_t (N, H) and a cache.
    """
    p, D, H = _checked_params(params)
    x, h, squeeze = v.step_inputs(x_t, h_prev, D, H)
    h_t = np.tanh(h @ p["W"].T + x @ p["U"].T + p["b"])  # (N, H)
    cache = {"x": x, "h_prev": h, "h": h_t, "params": p, "squeeze": squeeze}
    return (h_t[0] if squeeze else h_t), cache


def _step_backward(dh, x, h_prev, h_t, p):
    """Local derivatives of one step; dh is dL/dh_t (N, H)."""
    da = dh * (1.0 - h_t**2)  # tanh'(a) = 1 - tanh(a)^2
    dx = da @ p["U"]  # (N, D)
    dh_prev = da @ p["W"]  # (N, H)
    grads = {"W": da.T @ h_prev, "U": da.T @ x, "b": da.sum(axis=0)}
    return dx, dh_prev, grads


def step_backward(dh_t, cache):
    """Given dL/dh_t, return dL/dx_t, dL/dh_{t-1} and {dW, dU, db} for this one step."""
    x, h_prev, h_t, p = cache["x"], cache["h_prev"], cache["h"], cache["params"]
    shape = h_t.shape[1:] if cache["squeeze"] else h_t.shape
    dh = v.upstream("dh_t", dh_t, shape).reshape(h_t.shape)
    dx, dh_prev, grads = _step_backward(dh, x, h_prev, h_t, p)
    if cache["squeeze"]:
        return dx[0], dh_prev[0], grads
    return dx, dh_prev, grads


def forward(x, h0, params):
    """Run the cell over a whole sequence: h_t = tanh(W h_{t-1} + U x_t + b), t = 1..T.

    Shapes: x (N, T, D), h0 (N, H) or None for zeros. Returns h (N, T, H) and a cache
    holding every state (``cache["h"]`` is (N, T+1, H) with h_0 in slot 0).
    """
    p, D, H = _checked_params(params)
    xs, h_init = v.sequence_inputs(x, h0, D, H)
    N, T, _ = xs.shape
    hs = np.empty((N, T + 1, H))
    hs[:, 0] = h_init
    for t in range(T):  # the only loop: over steps, never over examples
        hs[:, t + 1] = np.tanh(hs[:, t] @ p["W"].T + xs[:, t] @ p["U"].T + p["b"])
    return hs[:, 1:].copy(), {"x": xs, "h": hs, "params": p}


def backward(dh, cache):
    """Back-propagation through time.

    ``dh`` (N, T, H) is the gradient of the loss with respect to each h_t coming from
    above (the outputs). The total gradient reaching h_t is that plus what flows back
    from h_{t+1}. Returns dx (N, T, D), dh0 (N, H) and grads summed over all steps.
    """
    xs, hs, p = cache["x"], cache["h"], cache["params"]
    N, T, _ = xs.shape
    dh = v.upstream("dh", dh, (N, T, hs.shape[2]))
    dx = np.empty_like(xs)
    grads = {k: np.zeros_like(val) for k, val in p.items()}
    dh_next = np.zeros_like(hs[:, 0])  # gradient arriving at h_t from step t+1
    for t in reversed(range(T)):
        dx[:, t], dh_next, g = _step_backward(dh[:, t] + dh_next, xs[:, t], hs[:, t], hs[:, t + 1], p)
        for k in grads:
            grads[k] += g[k]  # shared weights: their gradient is the sum over steps
    return dx, dh_next, grads
