"""Many-to-one sequence classification with any of the three recurrent cells.

    h_{1:T} = cell.forward(x, h_0 = 0)          cell in {rnn, lstm, gru, gru (reset after)}
    o = V h_T + c,   L = -log softmax(o)[y]     (only the last state is read)

One model dict holds the cell's parameters and the output layer's ``V``, ``c``, so an
optimiser updates everything with ``params[k] -= ...``. Used to compare the cells on
memory tasks (a task whose label depends on an input many steps back).
"""
from __future__ import annotations

import numpy as np

from . import _validate as v
from . import gru, losses, lstm, optim, rnn

CELLS = ("rnn", "lstm", "gru", "gru_reset_after")
_OUT = ("V", "c")


def _module(cell: str):
    v.check_option("cell", cell, CELLS)
    return {"rnn": rnn, "lstm": lstm, "gru": gru, "gru_reset_after": gru}[cell]


def init_model(cell: str, input_size: int, hidden_size: int, n_classes: int, *,
               rng: np.random.Generator, forget_bias: float = 1.0, update_bias: float = 0.0) -> dict:
    """Cell parameters plus V (K, H), c (K,). LSTM forget-gate biases start at ``forget_bias``
    (a common choice that lets the cell remember from the first update). GRU update-gate
    biases b_z are shifted by ``update_bias`` (0 keeps the plain init; a positive value makes
    z = sigma(...) start near 1, so h_t starts close to a copy of h_{t-1}). Each bias only
    touches its own cell: ``forget_bias`` is ignored by the GRUs, ``update_bias`` by the LSTM."""
    mod = _module(cell)
    rng = v.check_rng(rng)
    for name, val in (("forget_bias", forget_bias), ("update_bias", update_bias)):
        if isinstance(val, bool) or not isinstance(val, (int, float, np.integer, np.floating)) or not np.isfinite(val):
            raise ValueError(f"{name} must be a finite number, got {val!r}")
    if cell == "gru_reset_after":
        params = gru.init_params(input_size, hidden_size, rng=rng, reset_after=True)
    else:
        params = mod.init_params(input_size, hidden_size, rng=rng)
    if cell == "lstm":
        params["b_f"] = params["b_f"] + float(forget_bias)
    if cell in ("gru", "gru_reset_after"):
        params["b_z"] = params["b_z"] + float(update_bias)
    params.update(losses.init_output_params(hidden_size, n_classes, rng=rng))
    return params


def count_params(params) -> int:
    """Total number of scalar parameters in a model dict."""
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    return int(sum(np.size(p) for p in params.values()))


def _split(cell, params):
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    missing = [k for k in _OUT if k not in params]
    if missing:
        raise ValueError(f"params is missing the output layer {missing}")
    return {k: a for k, a in params.items() if k not in _OUT}, {k: params[k] for k in _OUT}


def _run(cell, cell_params, x):
    mod = _module(cell)
    if cell == "rnn":
        return mod.forward(x, None, cell_params)
    if cell == "lstm":
        return mod.forward(x, None, cell_params)
    return mod.forward(x, None, cell_params, reset_after=(cell == "gru_reset_after"))


def logits(cell: str, params, x) -> np.ndarray:
    """o = V h_T + c for each sequence. Shapes: x (N, T, D) -> (N, K)."""
    cp, out = _split(cell, params)
    h, _ = _run(cell, cp, x)
    return losses.output_forward(h[:, -1], out)[0]


def loss_and_grads(cell: str, params, x, y):
    """Cross-entropy of the last step's logits and its gradient for every parameter.

    Returns (loss, grads, dx); grads has the keys of ``params``, dx is (N, T, D).
    """
    cp, out = _split(cell, params)
    h, cache = _run(cell, cp, x)  # (N, T, H)
    o, ocache = losses.output_forward(h[:, -1], out)  # (N, K)
    loss, do = losses.cross_entropy(o, y)
    dh_last, grads = losses.output_backward(do, ocache)
    dh = np.zeros_like(h)
    dh[:, -1] = dh_last
    dx, _, cell_grads = _module(cell).backward(dh, cache)
    grads.update(cell_grads)
    return loss, grads, dx


def accuracy(cell: str, params, x, y) -> float:
    """Fraction of sequences whose argmax logit is the label."""
    o = logits(cell, params, x)
    y = v.as_int_array("y", y, ndim=1, low=0, high=o.shape[1])
    return float(np.mean(np.argmax(o, axis=1) == y))


def fit(cell: str, params, make_batch, *, steps: int = 300, lr: float = 0.01, clip=1.0, callback=None,
        stop_below=None, window: int = 10):
    """Train ``params`` in place with Adam on batches from ``make_batch()`` -> (x, y).

    ``clip``: max global gradient norm (None for no clipping). ``callback(step, steps, loss)``
    is called after every update (e.g. a progress bar). ``stop_below``: stop once the mean loss
    of the last ``window`` updates is below it (None: all ``steps``). Returns the losses, one
    per update.
    """
    _module(cell)
    def step_loss(p, x, y):
        return loss_and_grads(cell, p, x, y)[:2]

    return optim.fit(params, step_loss, make_batch, steps=steps, lr=lr, clip=clip, callback=callback,
                     stop_below=stop_below, window=window)


def train_and_test(cell: str, T: int, seed: int, *, steps: int = 300, hidden_size: int = 16,
                   noise: float = 1.0, n_test: int = 500, test_seed: int = 100, stop_below=None, **init):
    """One run of the first-input memory task (``lecturelib.first_input``) at length T.

    A model (D = 1, K = 2) is initialised and trained from ``default_rng(seed)`` (300 Adam
    updates on batches of 32, clipping at 1), then scored on ``n_test`` fresh sequences
    drawn from ``default_rng(test_seed)``, the same test set for every model. ``init``
    goes to ``init_model`` (e.g. ``forget_bias=``, ``update_bias=``). ``stop_below``: stop
    training once the mean loss of the last 10 batches is below it (None: all ``steps``).
    Returns (params, held-out accuracy).
    """
    from . import first_input

    run_rng = np.random.default_rng(seed)
    params = init_model(cell, 1, hidden_size, 2, rng=run_rng, **init)
    fit(cell, params, lambda: first_input.make_data(32, T, rng=run_rng, noise=noise), steps=steps, lr=0.01, clip=1.0,
        stop_below=stop_below)
    x_test, y_test = first_input.make_data(n_test, T, rng=np.random.default_rng(test_seed), noise=noise)
    return params, accuracy(cell, params, x_test, y_test)
