"""The long short-term memory (LSTM) cell and its back-propagation through time.

    i_t = sigma(U_i x_t + W_i h_{t-1} + b_i)      input gate
    f_t = sigma(U_f x_t + W_f h_{t-1} + b_f)      forget gate
    o_t = sigma(U_o x_t + W_o h_{t-1} + b_o)      output gate
    g_t = tanh(U_g x_t + W_g h_{t-1} + b_g)       candidate cell value
    c_t = f_t * c_{t-1} + i_t * g_t               cell state (the additive path)
    h_t = o_t * tanh(c_t)                         hidden state

Rows are examples, so ``U_i x_t`` reads ``x @ U_i.T`` in numpy. The state is the pair
(h, c). Shapes: x_t (N, D), h and c (N, H), every U_* (H, D), W_* (H, H), b_* (H,); a
sequence x is (N, T, D). One example as 1-D arrays, x_t (D,), h and c (H,), also works
in the step functions.

The sequence cache keeps every gate at every step so notebooks can plot them:
``cache["i"]``, ``cache["f"]``, ``cache["o"]``, ``cache["g"]``, ``cache["c"]`` and
``cache["h"]`` are (N, T, H) (slot t holds step t+1); ``cache["h0"]`` and ``cache["c0"]``
are the initial state (N, H); ``cache["tanh_c"]`` (N, T, H) keeps tanh(c_t) for the backward.
Sources: Hochreiter & Schmidhuber (1997); Gers, Schmidhuber & Cummins (2000) for the
forget gate; Goodfellow, Bengio & Courville, *Deep Learning* (2016), section 10.10.1.
"""
from __future__ import annotations

import numpy as np

from . import _layout
from . import _validate as v
from .activations import sigmoid

GATES = ("i", "f", "g", "o")


def param_shapes(input_size: int, hidden_size: int) -> dict:
    """Expected shape of every parameter, keyed like ``init_params``."""
    D, H = input_size, hidden_size
    shapes = {}
    for gate in GATES:
        shapes.update({f"U_{gate}": (H, D), f"W_{gate}": (H, H), f"b_{gate}": (H,)})
    return shapes


def init_params(input_size: int, hidden_size: int, *, rng: np.random.Generator) -> dict:
    """Every U_*, W_*, b_* drawn from U(-1/sqrt(H), 1/sqrt(H)) (PyTorch's default too)."""
    return v.uniform_init(input_size, hidden_size, param_shapes, rng)


def _checked_params(params):
    D, H = v.infer_sizes(params, w_key="W_i", u_key="U_i")
    return v.check_params(params, param_shapes(D, H)), D, H


def _unpack_state(state, name):
    """Split a state argument into its two parts; ``None`` stands for zeros."""
    if state is None:
        return None, None
    if not isinstance(state, (tuple, list)) or len(state) != 2:
        raise TypeError(f"{name} must be a pair (h, c) of arrays (or None for zeros), got {type(state).__name__}")
    return state[0], state[1]


def _gates(x, h, p):
    """The four gates from input x (N, D) and previous hidden state h (N, H)."""
    i = sigmoid(x @ p["U_i"].T + h @ p["W_i"].T + p["b_i"])
    f = sigmoid(x @ p["U_f"].T + h @ p["W_f"].T + p["b_f"])
    o = sigmoid(x @ p["U_o"].T + h @ p["W_o"].T + p["b_o"])
    g = np.tanh(x @ p["U_g"].T + h @ p["W_g"].T + p["b_g"])
    return i, f, o, g


def step_forward(x_t, state, params):
    """c_t = f*c_{t-1} + i*g,  h_t = o*tanh(c_t)  (gates from x_t and h_{t-1}).

    Shapes: x_t (N, D), state = (h_prev (N, H), c_prev (N, H)) (or (D,), (H,), (H,)).
    ``state`` may be None, or either part None, for zeros.
    Returns (h_t, c_t) and a cache holding x, h_prev, c_prev and the gates i, f, o, g.
    """
    p, D, H = _checked_params(params)
    h_prev, c_prev = _unpack_state(state, "state")
    x1 = v.as_float_array("x_t", x_t, ndim=(1, 2))
    batch_shape = x1.shape[:-1] + (H,)
    if h_prev is None:
        h_prev = np.zeros(batch_shape)
    x, h, squeeze = v.step_inputs(x_t, h_prev, D, H)
    if c_prev is None:
        c = np.zeros_like(h)
    else:
        c = v.as_float_array("c_prev", c_prev, ndim=(1, 2))
        v.check_shape("c_prev", c, (H,) if squeeze else h.shape)  # same shape as h_prev
        c = c[None, :] if squeeze else c
    i, f, o, g = _gates(x, h, p)
    c_t = f * c + i * g  # (N, H)
    h_t = o * np.tanh(c_t)  # (N, H)
    cache = {"x": x, "h_prev": h, "c_prev": c, "i": i, "f": f, "o": o, "g": g,
             "c": c_t, "h": h_t, "params": p, "squeeze": squeeze}
    if squeeze:
        return (h_t[0], c_t[0]), cache
    return (h_t, c_t), cache


def _step_backward(dh, dc, x, h_prev, c_prev, i, f, o, g, c, p):
    """Local derivatives of one step. dh = dL/dh_t, dc = dL/dc_t from later steps (N, H)."""
    tc = np.tanh(c)
    dc = dc + dh * o * (1.0 - tc**2)  # h_t = o tanh(c_t) also depends on c_t
    da = {  # gradients at the gates' pre-activations
        "i": dc * g * i * (1.0 - i),
        "f": dc * c_prev * f * (1.0 - f),
        "o": dh * tc * o * (1.0 - o),
        "g": dc * i * (1.0 - g**2),
    }
    dc_prev = dc * f  # the additive path: scaled only by the forget gate
    dx = sum(da[k] @ p[f"U_{k}"] for k in GATES)  # (N, D)
    dh_prev = sum(da[k] @ p[f"W_{k}"] for k in GATES)  # (N, H)
    grads = {}
    for k in GATES:
        grads[f"U_{k}"] = da[k].T @ x
        grads[f"W_{k}"] = da[k].T @ h_prev
        grads[f"b_{k}"] = da[k].sum(axis=0)
    return dx, dh_prev, dc_prev, grads


def step_backward(d_state, cache):
    """Given (dL/dh_t, dL/dc_t), return dL/dx_t, (dL/dh_{t-1}, dL/dc_{t-1}) and grads.

    ``d_state`` is a pair (dh_t, dc_t) shaped like the returned (h_t, c_t); dc_t may be
    None (zero), and a bare array is read as dh_t with dc_t = 0.
    ``grads`` has the same keys as ``params``.
    """
    if isinstance(d_state, tuple):
        if len(d_state) != 2:
            raise TypeError(f"d_state must be a pair (dh_t, dc_t), got a tuple of length {len(d_state)}")
        dh_t, dc_t = d_state
    else:
        dh_t, dc_t = d_state, None
    h_t = cache["h"]
    shape = h_t.shape[1:] if cache["squeeze"] else h_t.shape
    dh = v.upstream("dh_t", dh_t, shape).reshape(h_t.shape)
    dc = np.zeros_like(h_t) if dc_t is None else v.upstream("dc_t", dc_t, shape).reshape(h_t.shape)
    dx, dh_prev, dc_prev, grads = _step_backward(
        dh, dc, cache["x"], cache["h_prev"], cache["c_prev"],
        cache["i"], cache["f"], cache["o"], cache["g"], cache["c"], cache["params"])
    if cache["squeeze"]:
        return dx[0], (dh_prev[0], dc_prev[0]), grads
    return dx, (dh_prev, dc_prev), grads


GATES_STACKED = ("i", "f", "o", "g")  # the three sigmoid gates first, then the tanh candidate


def _stack(p, names):
    """The per-gate parameters stacked in the order of GATES_STACKED: U (4H, D), W (4H, H), b (4H,)."""
    return tuple(np.concatenate([p[f"{name}_{k}"] for k in GATES_STACKED]) for name in names)


def _sigmoid_inplace(a):
    """a <- 1 / (1 + exp(-a)) without a new array (exp may overflow to inf: sigma is then 0)."""
    np.negative(a, out=a)
    np.exp(a, out=a)
    a += 1.0
    np.reciprocal(a, out=a)


def _gate_block(cache, H):
    """The (T, 4H, N) array of gates (order i, f, o, g) behind the views in a cache of ``forward``;
    for a cache built some other way, a copy with the same content."""
    block = cache["i"].base
    if isinstance(block, np.ndarray) and block.ndim == 3 and block.shape[1] == 4 * H and all(
            cache[k].__array_interface__ == block[:, j * H:(j + 1) * H].transpose(2, 0, 1).__array_interface__
            for j, k in enumerate(GATES_STACKED)):
        return block
    return np.concatenate([cache[k].transpose(1, 2, 0) for k in GATES_STACKED], axis=1)


def forward(x, state0, params):
    """Run the LSTM over a sequence: c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t), t = 1..T.

    Shapes: x (N, T, D); state0 = (h0 (N, H), c0 (N, H)), or None (or a None part) for
    zeros. Returns h (N, T, H) and a cache with every gate and cell state, each (N, T, H).
    Same numbers as ``step_forward`` called T times (to float64 round-off), computed the
    way fast LSTM code does: the four gates stacked into one (4H, N) block whose columns
    are the examples (the lecture's column vectors), the input part of all steps before
    the loop, and one recurrent product per step.
    """
    p, D, H = _checked_params(params)
    h0, c0 = _unpack_state(state0, "state0")
    xs, h_init = v.sequence_inputs(x, h0, D, H, h_name="h0")
    _, c_init = v.sequence_inputs(xs, c0, D, H, h_name="c0")
    N, T, _ = xs.shape
    U, W, b = _stack(p, ("U", "W", "b"))  # rows: i, f, o, g
    x_cols = _layout.to_features_first(xs)  # (D, T, N): x_cols[:, t] holds x_t as columns
    gates = np.matmul(U, x_cols.transpose(1, 0, 2))  # (T, 4H, N): input part of every gate at every step
    gates += b[:, None]  # and the bias, in every column of every step
    h = np.empty((T + 1, H, N))  # h[t] = h_t as columns, h[0] = h_0
    c = np.empty((T + 1, H, N))  # c[t] = c_t as columns
    tanh_c = np.empty((T, H, N))  # tanh(c_t), kept for the backward pass
    h[0], c[0] = h_init.T, c_init.T
    Wh = np.empty((4 * H, N))  # W h_{t-1}, refilled at every step
    ig = np.empty((H, N))
    with np.errstate(over="ignore"):  # exp(-a) = inf for a << 0 gives sigma = 0, as it should
        for t in range(T):  # the only loop: over steps, never over examples
            a = gates[t]  # (4H, N): pre-activations of i, f, o, g, turned into the gates in place
            np.matmul(W, h[t], out=Wh)
            a += Wh
            _sigmoid_inplace(a[:3 * H])  # i, f, o
            np.tanh(a[3 * H:], out=a[3 * H:])  # g
            i, f, o, g = a[:H], a[H:2 * H], a[2 * H:3 * H], a[3 * H:]
            np.multiply(f, c[t], out=c[t + 1])  # c_t = f * c_{t-1} + i * g
            np.multiply(i, g, out=ig)
            c[t + 1] += ig
            np.tanh(c[t + 1], out=tanh_c[t])
            np.multiply(o, tanh_c[t], out=h[t + 1])  # h_t = o * tanh(c_t)
    by_gate = {k: gates[:, j * H:(j + 1) * H].transpose(2, 0, 1) for j, k in enumerate(GATES_STACKED)}
    cache = {"x": x_cols.transpose(2, 1, 0), "h0": h[0].T, "c0": c[0].T, "params": p, **by_gate,
             "c": c[1:].transpose(2, 0, 1), "h": h[1:].transpose(2, 0, 1), "tanh_c": tanh_c.transpose(2, 0, 1)}
    return _layout.to_rows(h[1:]), cache


def backward(dh, cache):
    """Back-propagation through time for the LSTM.

    ``dh`` (N, T, H) is dL/dh_t from above (the outputs); the gradients flowing back
    through h_{t+1} and c_{t+1} are added inside. Returns dx (N, T, D), (dh0, dc0) each
    (N, H), and grads (same keys as params) summed over all steps.
    Same numbers as ``step_backward`` over the steps (to float64 round-off): the loop
    (examples as columns) collects the gradients at the pre-activations of every step
    with one stacked recurrent product per step, and the weight gradients are single
    products over all steps after it.
    """
    xs, p = cache["x"], cache["params"]
    N, T, D = xs.shape
    H = cache["h0"].shape[1]
    dh = v.upstream("dh", dh, (N, T, H))
    dh = _layout.to_columns(dh)  # (T, H, N): dh[t] holds dL/dh_t as columns
    gates = _gate_block(cache, H)  # (T, 4H, N): gates[t] holds i, f, o, g of step t as columns
    c, tc = cache["c"].transpose(1, 2, 0), cache["tanh_c"].transpose(1, 2, 0)  # (T, H, N)
    c_prev = np.empty((T, H, N))  # c_{t-1} for t = 1..T
    c_prev[0], c_prev[1:] = cache["c0"].T, c[:-1]
    U, W = _stack(p, ("U", "W"))
    W_T = np.ascontiguousarray(W.T)  # (H, 4H)
    # The local derivatives of _step_backward do not depend on the gradient flowing back, so they are
    # computed for every step at once, before the loop: da starts as d(c_t)/d(a_i), d(c_t)/d(a_f),
    # d(h_t)/d(a_o), d(c_t)/d(a_g), and the loop only multiplies in the gradient arriving at c_t or h_t.
    da = np.multiply(gates, gates)  # (T, 4H, N), gates in the order i, f, o, g
    np.subtract(gates[:, :3 * H], da[:, :3 * H], out=da[:, :3 * H])  # sigma' = s - s^2 (i, f, o)
    np.subtract(1.0, da[:, 3 * H:], out=da[:, 3 * H:])  # tanh' = 1 - g^2
    da[:, :H] *= gates[:, 3 * H:]  # times what each gate multiplies: c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t)
    da[:, H:2 * H] *= c_prev
    da[:, 2 * H:3 * H] *= tc
    da[:, 3 * H:] *= gates[:, :H]
    o_dtanh = np.subtract(1.0, tc * tc)  # d(h_t)/d(c_t) = o * (1 - tanh(c_t)^2), every step
    o_dtanh *= gates[:, 2 * H:3 * H]
    f = gates[:, H:2 * H]  # (T, H, N)
    dh_t = np.empty((H, N))  # dL/dh_t: from above plus from step t+1
    dh_next = np.zeros((H, N))  # dL/dh_t arriving from step t+1
    dc = np.zeros((H, N))  # dL/dc_t
    tmp = np.empty((H, N))
    for t in reversed(range(T)):  # the recurrence of the gradient: dc and dh flow back one step
        np.add(dh[t], dh_next, out=dh_t)
        np.multiply(dh_t, o_dtanh[t], out=tmp)  # dL/dc_t += dh_t * o * (1 - tanh(c_t)^2): the path through h_t
        dc += tmp
        d = da[t]  # (4H, N)
        d[:2 * H].reshape(2, H, N)[...] *= dc  # times the gradient arriving there: dc for i, f and g, dh_t for o
        d[2 * H:3 * H] *= dh_t
        d[3 * H:] *= dc
        np.matmul(W_T, d, out=dh_next)  # (H, N): the four gates' recurrent paths in one product
        dc *= f[t]  # the additive path: what reaches c_{t-1} is scaled only by the forget gate
    dx = np.empty((N, T, D))
    np.matmul(da.transpose(0, 2, 1), U, out=dx.transpose(1, 0, 2))  # dx[:, t] = da_t^T U, written in place
    # Weight gradients, sum_t da_t h_{t-1}^T and so on: one product each, all steps' columns side by side.
    da = da.transpose(1, 0, 2).reshape(4 * H, T * N)
    h_prev = np.empty((H, T, N))  # h_{t-1} as columns, t = 1..T
    h_prev[:, 0], h_prev[:, 1:] = cache["h0"].T, cache["h"][:, :-1].transpose(2, 1, 0)
    dW = da @ h_prev.reshape(H, T * N).T  # (4H, H)
    dU = da @ xs.transpose(2, 1, 0).reshape(D, T * N).T  # (4H, D); no copy: the cache keeps x features first
    db = da.sum(axis=1)
    grads = {}
    for j, k in enumerate(GATES_STACKED):
        rows = slice(j * H, (j + 1) * H)
        grads.update({f"U_{k}": dU[rows], f"W_{k}": dW[rows], f"b_{k}": db[rows]})
    return dx, (dh_next.T.copy(), dc.T.copy()), {k: grads[k] for k in p}
