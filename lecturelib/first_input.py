"""A memory task whose answer depends only on the first input, and a simple RNN trained on it.

    x_1 = +1 or -1 (the bit to remember), x_2..x_T ~ N(0, noise^2) (distractors),
    y = 1 if x_1 > 0 else 0;   h_t = tanh(W h_{t-1} + U x_t + b),  o = V h_T + c,  L = -log softmax(o)[y]

Only the last state is read (many-to-one), so the learning signal for remembering x_1
has to travel back through all T-1 later steps: the product of Jacobians of
``lecturelib.jacobians`` decides whether it arrives. Training uses the library's
``rnn``, ``losses`` and ``optim`` (Adam, optional global-norm clipping).
"""
from __future__ import annotations

import numpy as np

from . import _validate as v
from . import losses, optim, rnn
from .jacobians import with_spectral_radius


def make_data(n: int, T: int, *, rng: np.random.Generator, noise: float = 0.5):
    """x (N, T, 1) with x[:, 0] = +-1 and noise after it; y (N,) = 1 where x[:, 0] > 0."""
    N = v.check_positive_int("n", n)
    T = v.check_positive_int("T", T)
    rng = v.check_rng(rng)
    noise = v.check_positive_float("noise", noise, allow_zero=True)
    y = rng.integers(0, 2, size=N)
    x = noise * rng.standard_normal((N, T, 1))
    x[:, 0, 0] = 2.0 * y - 1.0
    return x, y


def init_model(hidden_size: int, *, rng: np.random.Generator, rho=None) -> dict:
    """Parameters W, U, b (rnn.init_params with D = 1) and V, c (K = 2 classes).

    ``rho``: if given, W is rescaled to that spectral radius (the default init gives about 0.5 to 0.8 for H = 8).
    """
    rng = v.check_rng(rng)
    params = rnn.init_params(1, hidden_size, rng=rng)
    params.update(losses.init_output_params(hidden_size, 2, rng=rng))
    if rho is not None:
        params["W"] = with_spectral_radius(params["W"], rho)
    return params


def _split(params):
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    missing = [k for k in ("W", "U", "b", "V", "c") if k not in params]
    if missing:
        raise ValueError(f"params is missing {missing}; expected keys ['U', 'V', 'W', 'b', 'c']")
    return {k: params[k] for k in ("W", "U", "b")}, {k: params[k] for k in ("V", "c")}


def loss_and_grads(params, x, y):
    """Forward and backward for the many-to-one loss.

    Returns (loss, grads, dx): grads has the keys of ``params``; dx (N, T, 1) is dL/dx,
    whose slot 0 is the gradient that reaches the first input.
    """
    cell, out = _split(params)
    h, cache = rnn.forward(x, None, cell)  # (N, T, H)
    o, ocache = losses.output_forward(h[:, -1], out)  # (N, 2): only o_T is read
    loss, do = losses.cross_entropy(o, y)
    dh_last, grads = losses.output_backward(do, ocache)
    dh = np.zeros_like(h)
    dh[:, -1] = dh_last
    dx, _, cell_grads = rnn.backward(dh, cache)
    grads.update(cell_grads)
    return loss, grads, dx


def gradient_by_length(params, lengths, *, rng: np.random.Generator, n: int = 256, noise: float = 0.5):
    """Mean |dL/dx_1| over n fresh sequences, for each sequence length T in ``lengths``. Returns (L,)."""
    rng = v.check_rng(rng)
    lengths = v.as_int_array("lengths", lengths, ndim=1, low=1)
    out = np.empty(lengths.size)
    for i, T in enumerate(lengths):
        x, y = make_data(n, int(T), rng=rng, noise=noise)
        _, _, dx = loss_and_grads(params, x, y)
        out[i] = np.mean(np.abs(dx[:, 0, 0]))
    return out


def accuracy(params, x, y) -> float:
    """Fraction of sequences whose argmax_k o_T[k] equals y."""
    cell, out = _split(params)
    h, _ = rnn.forward(x, None, cell)
    o, _ = losses.output_forward(h[:, -1], out)
    y = v.as_int_array("y", y, ndim=1, low=0, high=2)
    return float(np.mean(np.argmax(o, axis=1) == y))


def train(params, T: int, *, rng: np.random.Generator, steps: int = 200, batch: int = 32,
          lr: float = 0.01, clip=None, noise: float = 0.5, optimizer: str = "adam"):
    """Train ``params`` in place on fresh batches of the task of length T.

    ``clip``: None, or the max global gradient norm for ``optim.clip_grad_norm``.
    ``optimizer``: "adam" or "sgd". Returns a dict of per-step arrays: "loss",
    "grad_norm" (global norm before clipping) and "grad_x1" (mean |dL/dx_1| over the batch).
    """
    rng = v.check_rng(rng)
    steps = v.check_positive_int("steps", steps)
    batch = v.check_positive_int("batch", batch)
    v.check_option("optimizer", optimizer, ("adam", "sgd"))
    if clip is not None:
        clip = v.check_positive_float("clip", clip)
    _split(params)
    opt = optim.Adam(lr=lr) if optimizer == "adam" else optim.SGD(lr=lr)
    hist = {"loss": np.empty(steps), "grad_norm": np.empty(steps), "grad_x1": np.empty(steps)}
    for i in range(steps):
        x, y = make_data(batch, T, rng=rng, noise=noise)
        loss, grads, dx = loss_and_grads(params, x, y)
        hist["loss"][i] = loss
        hist["grad_x1"][i] = float(np.mean(np.abs(dx[:, 0, 0])))
        hist["grad_norm"][i] = optim.clip_grad_norm(grads, clip) if clip else optim.global_norm(grads)
        opt.step(params, grads)
    return hist
