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
    Same numbers as ``step_forward`` called T times (to float64 round-off), computed the
    way fast RNN code does: the input part U x_t + b of all steps in one product.
    """
    p, D, H = _checked_params(params)
    xs, h_init = v.sequence_inputs(x, h0, D, H)
    N, T, _ = xs.shape
    x_steps = np.ascontiguousarray(xs.transpose(1, 0, 2))  # (T, N, D): x_steps[t] is x_t
    hs = np.empty((T + 1, N, H))  # hs[t] = h_t, hs[0] = h_0; steps first, so hs[t] is one block
    hs[0] = h_init
    np.matmul(x_steps.reshape(T * N, D), p["U"].T, out=hs[1:].reshape(T * N, H))  # U x_t, every step at once
    hs[1:] += p["b"]
    _run(hs, p["W"])
    cache = {"x": x_steps.transpose(1, 0, 2), "h": hs.transpose(1, 0, 2), "params": p}
    return hs[1:].transpose(1, 0, 2).copy(), cache


def _run(hs, W):
    """The recurrence itself, in place: hs (T+1, N, H) holds h_0 in hs[0] and the input
    part U x_t + b in hs[t] for t >= 1; on return hs[t] = h_t = tanh(W h_{t-1} + U x_t + b).
    """
    W_T = np.ascontiguousarray(W.T)  # h @ W_T runs about twice as fast as h @ W.T (BLAS's small-matrix path)
    for t in range(hs.shape[0] - 1):  # the only loop: over steps, never over examples
        hs[t + 1] += hs[t] @ W_T  # a_t = W h_{t-1} + U x_t + b
        np.tanh(hs[t + 1], out=hs[t + 1])  # h_t = tanh(a_t), in place


def _backward_steps(dh, hs, W):
    """The backward loop: delta_t = dL/da_t for every step, and dL/dh_0.

    dh (T, N, H) is what reaches each h_t from above; hs (T+1, N, H) the states, hs[0] = h_0.
    """
    T, N, H = dh.shape
    da = np.empty((T, N, H))  # da[t] will hold delta_s; position t holds step s = t + 1
    dh_next = np.zeros((N, H))  # gradient arriving at h_s from step s + 1 (none after the last step)
    for t in reversed(range(T)):  # step s = t + 1, from the last back to the first
        da[t] = (1.0 - hs[t + 1] ** 2) * (dh[t] + dh_next)  # delta_s = tanh'(a_s) * (both terms that reach h_s)
        dh_next = da[t] @ W  # W^T delta_s: what reaches h_{s-1}
    return da, dh_next


def backward(dh, cache):
    """Back-propagation through time.

    ``dh`` (N, T, H) is the gradient of the loss with respect to each h_t coming from
    above (the outputs). The total gradient reaching h_t is that plus what flows back
    from h_{t+1}. Returns dx (N, T, D), dh0 (N, H) and grads summed over all steps.
    """
    xs, hs, p = cache["x"], cache["h"], cache["params"]
    N, T, D = xs.shape
    H = hs.shape[2]
    dh = v.upstream("dh", dh, (N, T, H))
    hs = hs.transpose(1, 0, 2)  # (T+1, N, H), steps first: hs[t] is h_t
    da, dh0 = _backward_steps(dh.transpose(1, 0, 2), hs, p["W"])  # da[t] = delta_{t+1}, (T, N, H)
    # Shared weights collect the sum over steps, sum_t delta_t h_{t-1}^T: one product over all T*N rows.
    da = da.reshape(T * N, H)
    h_prev = hs[:-1].reshape(T * N, H)  # h_{t-1} for t = 1..T
    x = xs.transpose(1, 0, 2).reshape(T * N, D)  # x_t for t = 1..T
    grads = {"W": da.T @ h_prev, "U": da.T @ x, "b": da.sum(axis=0)}
    dx = (da.reshape(T, N, H) @ p["U"]).transpose(1, 0, 2)  # dx[:, t] = U^T delta_{t+1}: (N, T, D), a steps-first view
    return dx, dh0, grads


def forward_ids(ids, h0, params):
    """``forward`` for one-hot inputs given by their ids, (N, T) ints in [0, D).

    U x_t with x_t = e_k is column k of U, so the input part is a lookup (an embedding),
    not a product with one-hot rows. Same numbers as ``forward(one_hot(ids, D), h0, params)``.
    Returns h (N, T, H) and a cache for ``backward_ids`` (``cache["ids"]`` instead of "x").
    """
    p, D, H = _checked_params(params)
    idx = v.as_int_array("ids", ids, ndim=2, low=0, high=D)
    N, T = idx.shape
    if h0 is None:
        h_init = np.zeros((N, H))
    else:
        h_init = v.as_float_array("h0", h0, ndim=2)
        v.check_shape("h0", h_init, (N, H))
    hs = np.empty((T + 1, N, H))
    hs[0] = h_init
    np.take(p["U"].T + p["b"], idx.T, axis=0, out=hs[1:], mode="clip")  # row k of U^T is U e_k: hs[t] = U x_t + b
    _run(hs, p["W"])
    cache = {"ids": idx, "h": hs.transpose(1, 0, 2), "params": p}
    return hs[1:].transpose(1, 0, 2).copy(), cache


def backward_ids(dh, cache):
    """``backward`` for a cache of ``forward_ids``: returns (None, dh0, grads).

    Ids have no gradient (dx is None); dU adds delta_t into the column of U that step t
    looked up, which is what ``delta_t x_t^T`` does for a one-hot x_t.
    """
    idx, hs, p = cache["ids"], cache["h"], cache["params"]
    N, T = idx.shape
    H = hs.shape[2]
    dh = v.upstream("dh", dh, (N, T, H))
    hs = hs.transpose(1, 0, 2)  # (T+1, N, H)
    da, dh0 = _backward_steps(dh.transpose(1, 0, 2), hs, p["W"])
    da = da.reshape(T * N, H)  # row t*N + n is delta_{t+1} of example n (position t holds step t + 1)
    dU_T = np.zeros(p["U"].shape[::-1])  # (D, H): row k collects delta_t of every step that read id k
    flat = idx.T.reshape(-1)
    order = np.argsort(flat, kind="stable")  # group equal ids, then add each group's rows at once
    sorted_ids = flat[order]
    first = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
    dU_T[sorted_ids[first]] = np.add.reduceat(da[order], first, axis=0)
    grads = {"W": da.T @ hs[:-1].reshape(T * N, H), "U": dU_T.T.copy(), "b": da.sum(axis=0)}
    return None, dh0, grads
