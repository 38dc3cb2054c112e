"""The gated recurrent unit (GRU) and its back-propagation through time.

    r_t = sigma(U_r x_t + W_r h_{t-1} + b_r)                  reset gate
    z_t = sigma(U_z x_t + W_z h_{t-1} + b_z)                  update gate
    n_t = tanh(U_n x_t + W_n (r_t * h_{t-1}) + b_n)           candidate, reset_after=False
    n_t = tanh(U_n x_t + b_n + r_t * (W_n h_{t-1} + b_hn))    candidate, reset_after=True
    h_t = (1 - z_t) * n_t + z_t * h_{t-1}

``reset_after=False`` is the cell of Cho et al. (2014); ``reset_after=True`` applies the
reset gate after the recurrent product, as PyTorch and cuDNN do, and has one extra
parameter ``b_hn`` (H,). Rows are examples: ``U_r x_t`` reads ``x @ U_r.T``. Shapes:
x_t (N, D), h (N, H), every U_* (H, D), W_* (H, H), b_* (H,); a sequence x is (N, T, D).
One example as 1-D arrays, x_t (D,) and h (H,), also works in the step functions.

The sequence cache keeps the gates of every step for plotting: ``cache["r"]``,
``cache["z"]``, ``cache["n"]`` and ``cache["h"]`` are (N, T, H) (slot t holds step t+1),
``cache["h0"]`` is (N, H) and ``cache["reset_after"]`` records the placement used.
``cache["hn"]`` (N, T, H) is the recurrent input of the candidate: r_t * h_{t-1} when
reset_after=False, W_n h_{t-1} + b_hn (before the reset gate scales it) when True.
Sources: Cho et al. (2014); Chung et al. (2014); Goodfellow, Bengio & Courville,
*Deep Learning* (2016), section 10.10.2; the PyTorch ``torch.nn.GRU`` documentation.
"""
from __future__ import annotations

import numpy as np

from . import _layout
from . import _validate as v
from .activations import sigmoid

GATES = ("r", "z", "n")


def param_shapes(input_size: int, hidden_size: int, *, reset_after: bool = False) -> dict:
    """Expected shape of every parameter, keyed like ``init_params``."""
    D, H = input_size, hidden_size
    shapes = {}
    for gate in GATES:
        shapes.update({f"U_{gate}": (H, D), f"W_{gate}": (H, H), f"b_{gate}": (H,)})
    if reset_after:
        shapes["b_hn"] = (H,)
    return shapes


def _check_reset_after(reset_after) -> bool:
    if not isinstance(reset_after, (bool, np.bool_)):
        raise ValueError(f"reset_after must be True or False, got {reset_after!r}")
    return bool(reset_after)


def init_params(input_size: int, hidden_size: int, *, rng: np.random.Generator, reset_after: bool = False) -> dict:
    """Every U_*, W_*, b_* (and b_hn when reset_after=True) from U(-1/sqrt(H), 1/sqrt(H))."""
    reset_after = _check_reset_after(reset_after)
    return v.uniform_init(input_size, hidden_size, lambda D, H: param_shapes(D, H, reset_after=reset_after), rng)


def _checked_params(params, reset_after):
    reset_after = _check_reset_after(reset_after)
    D, H = v.infer_sizes(params, w_key="W_r", u_key="U_r")
    if reset_after and "b_hn" not in params:
        raise ValueError(
            "params has no 'b_hn', which reset_after=True needs; "
            "create the parameters with init_params(..., reset_after=True)")
    if not reset_after and "b_hn" in params:
        raise ValueError(
            "params has 'b_hn', which only reset_after=True uses; pass reset_after=True "
            "or create the parameters with init_params(..., reset_after=False)")
    return v.check_params(params, param_shapes(D, H, reset_after=reset_after)), D, H, reset_after


def _gates(x, h, p, reset_after):
    """r, z, n and hn, the recurrent input of the candidate: r * h_{t-1} (reset before the product),
    or W_n h_{t-1} + b_hn before r scales it (reset after)."""
    r = sigmoid(x @ p["U_r"].T + h @ p["W_r"].T + p["b_r"])
    z = sigmoid(x @ p["U_z"].T + h @ p["W_z"].T + p["b_z"])
    if reset_after:
        hn = h @ p["W_n"].T + p["b_hn"]  # (N, H): reset applied after the product
        n = np.tanh(x @ p["U_n"].T + p["b_n"] + r * hn)
    else:
        hn = r * h  # (N, H): reset applied before the product
        n = np.tanh(x @ p["U_n"].T + hn @ p["W_n"].T + p["b_n"])
    return r, z, n, hn


def step_forward(x_t, h_prev, params, *, reset_after: bool = False):
    """h_t = (1 - z) * n + z * h_{t-1}, with r, z, n from x_t and h_{t-1}.

    Shapes: x_t (N, D), h_prev (N, H) (or (D,), (H,)). Returns h_t (N, H) and a cache
    holding x, h_prev, the gates r, z, n and which reset placement was used.
    """
    p, D, H, reset_after = _checked_params(params, reset_after)
    x, h, squeeze = v.step_inputs(x_t, h_prev, D, H)
    r, z, n, hn = _gates(x, h, p, reset_after)
    h_t = (1.0 - z) * n + z * h  # (N, H)
    cache = {"x": x, "h_prev": h, "r": r, "z": z, "n": n, "hn": hn, "h": h_t,
             "params": p, "reset_after": reset_after, "squeeze": squeeze}
    return (h_t[0] if squeeze else h_t), cache


def _step_backward(dh, x, h_prev, r, z, n, hn, p, reset_after):
    """Local derivatives of one step; dh is dL/dh_t (N, H)."""
    dh_prev = dh * z  # the direct path through z * h_{t-1}
    da_z = dh * (h_prev - n) * z * (1.0 - z)
    da_n = dh * (1.0 - z) * (1.0 - n**2)
    grads = {"U_n": da_n.T @ x, "b_n": da_n.sum(axis=0)}
    if reset_after:
        dhn = da_n * r  # dL/d(W_n h + b_hn)
        dr = da_n * hn
        grads["W_n"] = dhn.T @ h_prev
        grads["b_hn"] = dhn.sum(axis=0)
        dh_prev = dh_prev + dhn @ p["W_n"]
    else:
        drh = da_n @ p["W_n"]  # dL/d(r * h_{t-1})
        dr = drh * h_prev
        grads["W_n"] = da_n.T @ hn
        dh_prev = dh_prev + drh * r
    da_r = dr * r * (1.0 - r)
    for k, da in (("r", da_r), ("z", da_z)):
        grads[f"U_{k}"] = da.T @ x
        grads[f"W_{k}"] = da.T @ h_prev
        grads[f"b_{k}"] = da.sum(axis=0)
        dh_prev = dh_prev + da @ p[f"W_{k}"]
    dx = da_r @ p["U_r"] + da_z @ p["U_z"] + da_n @ p["U_n"]  # (N, D)
    return dx, dh_prev, {k: grads[k] for k in p}  # same key order as params


def step_backward(dh_t, cache):
    """Given dL/dh_t, return dL/dx_t, dL/dh_{t-1} and grads (same keys as params)."""
    h_t = cache["h"]
    shape = h_t.shape[1:] if cache["squeeze"] else h_t.shape
    dh = v.upstream("dh_t", dh_t, shape).reshape(h_t.shape)
    dx, dh_prev, grads = _step_backward(
        dh, cache["x"], cache["h_prev"], cache["r"], cache["z"], cache["n"], cache["hn"],
        cache["params"], cache["reset_after"])
    if cache["squeeze"]:
        return dx[0], dh_prev[0], grads
    return dx, dh_prev, grads


def _stack(p, keys):
    return np.concatenate([p[k] for k in keys])


def _sigmoid_inplace(a):
    """a <- 1 / (1 + exp(-a)) without a new array (exp may overflow to inf: sigma is then 0)."""
    np.negative(a, out=a)
    np.exp(a, out=a)
    a += 1.0
    np.reciprocal(a, out=a)


def forward(x, h0, params, *, reset_after: bool = False):
    """Run the GRU over a sequence: h_t = (1 - z_t) * n_t + z_t * h_{t-1}, t = 1..T.

    Shapes: x (N, T, D), h0 (N, H) or None for zeros. Returns h (N, T, H) and a cache
    with the gates r, z, n of every step, each (N, T, H).
    Same numbers as ``step_forward`` called T times (to float64 round-off), computed the
    way fast GRU code does: the three gates stacked into one (3H, N) block whose columns
    are the examples (the lecture's column vectors), the input part of all steps before
    the loop, the recurrent parts of r and z (and of n when reset_after) in one product.
    """
    p, D, H, reset_after = _checked_params(params, reset_after)
    xs, h_init = v.sequence_inputs(x, h0, D, H)
    N, T, _ = xs.shape
    U, b = _stack(p, ("U_r", "U_z", "U_n")), _stack(p, ("b_r", "b_z", "b_n"))  # (3H, D), (3H,)
    W_rz, W_all = _stack(p, ("W_r", "W_z")), _stack(p, ("W_r", "W_z", "W_n"))  # (2H, H), (3H, H)
    x_cols = _layout.to_columns(xs)  # (T, D, N): x_cols[t] holds x_t as columns
    gates = U @ x_cols + b[:, None]  # (T, 3H, N): input part of every gate at every step
    h = np.empty((T + 1, H, N))  # h[t] = h_t as columns, h[0] = h_0
    hn = np.empty((T, H, N))  # the recurrent input of the candidate (see the module docstring)
    h[0] = h_init.T
    with np.errstate(over="ignore"):  # exp(-a) = inf for a << 0 gives sigma = 0, as it should
        for t in range(T):  # the only loop: over steps, never over examples
            a = gates[t]  # (3H, N): pre-activations of r, z, n, turned into the gates in place
            r, z, n = a[:H], a[H:2 * H], a[2 * H:]
            if reset_after:
                hW = W_all @ h[t]  # (3H, N): all three recurrent parts in one product
                a[:2 * H] += hW[:2 * H]
                _sigmoid_inplace(a[:2 * H])  # r, z
                np.add(hW[2 * H:], p["b_hn"][:, None], out=hn[t])  # W_n h_{t-1} + b_hn
                n += r * hn[t]
            else:
                a[:2 * H] += W_rz @ h[t]
                _sigmoid_inplace(a[:2 * H])  # r, z
                np.multiply(r, h[t], out=hn[t])  # r * h_{t-1}
                n += p["W_n"] @ hn[t]
            np.tanh(n, out=n)
            np.multiply(z, h[t], out=h[t + 1])  # h_t = (1 - z) * n + z * h_{t-1}
            h[t + 1] += (1.0 - z) * n
    by_gate = {k: gates[:, j * H:(j + 1) * H].transpose(2, 0, 1) for j, k in enumerate(GATES)}
    cache = {"x": x_cols.transpose(2, 0, 1), "h0": h[0].T, "params": p, "reset_after": reset_after,
             **by_gate, "hn": hn.transpose(2, 0, 1), "h": h[1:].transpose(2, 0, 1)}
    return _layout.to_rows(h[1:]), cache


def backward(dh, cache):
    """Back-propagation through time for the GRU (the placement is read from the cache).

    ``dh`` (N, T, H) is dL/dh_t from above. Returns dx (N, T, D), dh0 (N, H) and grads
    (same keys as params) summed over all steps.
    Same numbers as ``step_backward`` over the steps (to float64 round-off): the loop
    (examples as columns) collects the gradients at the pre-activations of every step
    with one stacked recurrent product per step, and the weight gradients are single
    products over all steps after it.
    """
    xs, p, reset_after = cache["x"], cache["params"], cache["reset_after"]
    N, T, D = xs.shape
    H = cache["h0"].shape[1]
    dh = v.upstream("dh", dh, (N, T, H))
    dh = _layout.to_columns(dh)  # (T, H, N): dh[t] holds dL/dh_t as columns
    r, z, n, hn, h = (cache[k].transpose(1, 2, 0) for k in ("r", "z", "n", "hn", "h"))
    h_prev = np.empty((T, H, N))  # h_{t-1} for t = 1..T
    h_prev[0], h_prev[1:] = cache["h0"].T, h[:-1]
    # da[t] holds, for r, z, n, the gradient at what the recurrent weights produce: the
    # pre-activations of r and z, and for n either a_n (reset before) or W_n h + b_hn (after).
    da = np.empty((T, 3 * H, N))
    da_n = np.empty((T, H, N)) if reset_after else da[:, 2 * H:]  # gradient at n's pre-activation
    W_rz, W_all = _stack(p, ("W_r", "W_z")), _stack(p, ("W_r", "W_z", "W_n"))
    W_rz_T, W_all_T, W_n_T = (np.ascontiguousarray(w.T) for w in (W_rz, W_all, p["W_n"]))
    # The local derivatives of _step_backward do not depend on the gradient flowing back, so they are
    # computed for every step at once, before the loop; the loop multiplies in what arrives at h_t.
    dz_local = (h_prev - n) * z * (1.0 - z)  # d(h_t)/d(a_z): h_t = (1 - z) * n + z * h_{t-1}
    dn_local = (1.0 - z) * (1.0 - n * n)  # d(h_t)/d(a_n), through the candidate's tanh
    dr_local = (hn if reset_after else h_prev) * r * (1.0 - r)  # what r multiplies, times sigma'(a_r)
    dh_t = np.empty((H, N))  # dL/dh_t: from above plus from step t+1
    dh_next = np.zeros((H, N))  # dL/dh_t arriving from step t+1
    tmp = np.empty((H, N))
    for t in reversed(range(T)):  # the recurrence of the gradient: dh flows back one step
        np.add(dh[t], dh_next, out=dh_t)
        np.multiply(dh_t, dz_local[t], out=da[t, H:2 * H])  # update gate
        np.multiply(dh_t, dn_local[t], out=da_n[t])  # candidate
        if reset_after:
            np.multiply(da_n[t], dr_local[t], out=da[t, :H])  # reset gate
            np.multiply(da_n[t], r[t], out=da[t, 2 * H:])  # dL/d(W_n h_{t-1} + b_hn)
            np.matmul(W_all_T, da[t], out=dh_next)  # the three recurrent paths in one product
        else:
            drh = W_n_T @ da_n[t]  # dL/d(r * h_{t-1})
            np.multiply(drh, dr_local[t], out=da[t, :H])  # reset gate
            np.matmul(W_rz_T, da[t, :2 * H], out=dh_next)  # the recurrent paths of r and z
            drh *= r[t]  # the path through r * h_{t-1}
            dh_next += drh
        np.multiply(dh_t, z[t], out=tmp)  # the copy path: z * h_{t-1}
        dh_next += tmp
    # Weight gradients, sum_t da_t h_{t-1}^T and so on: one product each, all steps' columns side by side.
    cols = T * N
    da = da.transpose(1, 0, 2).reshape(3 * H, cols)
    da_n = da_n.transpose(1, 0, 2).reshape(H, cols)
    x = xs.transpose(2, 1, 0).reshape(D, cols)
    h_prev = h_prev.transpose(1, 0, 2).reshape(H, cols)
    dU_rz = da[:2 * H] @ x.T  # (2H, D)
    dW_rz = da[:2 * H] @ h_prev.T  # (2H, H)
    grads = {"U_r": dU_rz[:H], "U_z": dU_rz[H:], "U_n": da_n @ x.T,
             "W_r": dW_rz[:H], "W_z": dW_rz[H:],
             "b_r": da[:H].sum(axis=1), "b_z": da[H:2 * H].sum(axis=1), "b_n": da_n.sum(axis=1)}
    if reset_after:
        grads["W_n"] = da[2 * H:] @ h_prev.T
        grads["b_hn"] = da[2 * H:].sum(axis=1)
        dx = _stack(p, ("U_r", "U_z")).T @ da[:2 * H] + p["U_n"].T @ da_n
    else:
        grads["W_n"] = da_n @ hn.transpose(1, 0, 2).reshape(H, cols).T
        dx = _stack(p, ("U_r", "U_z", "U_n")).T @ da
    dx = dx.reshape(D, T, N).transpose(1, 0, 2)  # (T, D, N)
    return _layout.to_rows(dx), dh_next.T.copy(), {k: grads[k] for k in p}
