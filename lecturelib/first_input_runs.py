"""Many independent training runs of the first-input task at once (notebook 06).

A claim such as "the simple RNN learns T = 10 in every run" or "clipping rescues most
exploding runs" is a statement about a *rate*, so it needs many seeds. Training them one
after another with ``first_input.train`` costs mostly Python overhead (the matrices are
tiny), so ``train_runs`` trains R runs side by side: every parameter gets a leading run
axis (W is (R, H, H)) and each step is one batched matrix product for all runs.

Run r is the same run as

    run_rng = np.random.default_rng(seeds[r])
    model = first_input.init_model(hidden_size, rng=run_rng, rho=rho)
    first_input.train(model, T, rng=run_rng, ...)

(same initial weights, same batches, same updates; the digits agree up to rounding, which
the tests check). The equations are those of ``lecturelib.rnn`` and ``lecturelib.losses``,
written once more with a run axis in front.
"""
from __future__ import annotations

import numbers

import numpy as np

from . import _validate as v
from . import first_input

KEYS = ("W", "U", "b", "V", "c")


def _check_seeds(seeds):
    if isinstance(seeds, (str, bytes, dict, set)) or seeds is None:
        raise TypeError(f"seeds must be a sequence of non-negative ints, got {type(seeds).__name__}")
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds must hold at least one seed, got an empty sequence")
    for s in seeds:
        if isinstance(s, bool) or not isinstance(s, numbers.Integral):
            raise TypeError(f"seeds must be ints, got {type(s).__name__}")
        if s < 0:
            raise ValueError(f"seeds must be non-negative, got {s}")
    return [int(s) for s in seeds]


def _forward(P, x):
    """x (R, N, T, 1) -> states hs (R, N, T+1, H) with h_0 = 0, and logits o (R, N, 2)."""
    R, N, T, _ = x.shape
    H = P["W"].shape[1]
    hs = np.zeros((R, N, T + 1, H))
    WT, UT, b = P["W"].transpose(0, 2, 1), P["U"].transpose(0, 2, 1), P["b"][:, None, :]
    for t in range(T):
        hs[:, :, t + 1] = np.tanh(hs[:, :, t] @ WT + x[:, :, t] @ UT + b)
    o = hs[:, :, -1] @ P["V"].transpose(0, 2, 1) + P["c"][:, None, :]
    return hs, o


def _loss_and_grads(P, x, y):
    """Mean cross-entropy per run (R,), gradients with a run axis, and dL/dx_1 (R, N)."""
    R, N, T, _ = x.shape
    hs, o = _forward(P, x)
    o = o - o.max(axis=2, keepdims=True)
    logp = o - np.log(np.exp(o).sum(axis=2, keepdims=True))
    loss = -np.take_along_axis(logp, y[:, :, None], axis=2)[..., 0].mean(axis=1)
    do = np.exp(logp)
    np.put_along_axis(do, y[:, :, None], np.take_along_axis(do, y[:, :, None], axis=2) - 1.0, axis=2)
    do /= N
    h_last = hs[:, :, -1]
    g = {"V": do.transpose(0, 2, 1) @ h_last, "c": do.sum(axis=1)}
    dh = do @ P["V"]  # (R, N, H): only h_T receives a gradient from the loss
    gW, gU, gb = np.zeros_like(P["W"]), np.zeros_like(P["U"]), np.zeros_like(P["b"])
    for t in reversed(range(T)):
        da = dh * (1.0 - hs[:, :, t + 1] ** 2)
        gW += da.transpose(0, 2, 1) @ hs[:, :, t]
        gU += da.transpose(0, 2, 1) @ x[:, :, t]
        gb += da.sum(axis=1)
        if t == 0:
            dx1 = (da @ P["U"])[..., 0]
        dh = da @ P["W"]
    g.update(W=gW, U=gU, b=gb)
    return loss, g, dx1


def train_runs(seeds, T: int, *, hidden_size: int, rho=None, steps: int = 200, batch: int = 32,
               lr: float = 0.01, clip=None, noise: float = 0.5, optimizer: str = "adam"):
    """Train one first-input model per seed, all at once; run r matches ``first_input.train``.

    Returns (models, hists): ``models[r]`` is a parameter dict like ``first_input.init_model``
    gives (usable with ``first_input.accuracy``), ``hists[r]`` a dict of per-step arrays
    "loss", "grad_norm" (global norm before clipping) and "grad_x1", as ``first_input.train``
    returns. ``clip``: None or the max global gradient norm of each run; ``optimizer``:
    "adam" (betas 0.9, 0.999, eps 1e-8, as ``optim.Adam``) or "sgd" (plain, no momentum).
    """
    seeds = _check_seeds(seeds)
    T = v.check_positive_int("T", T)
    H = v.check_positive_int("hidden_size", hidden_size)
    steps = v.check_positive_int("steps", steps)
    batch = v.check_positive_int("batch", batch)
    lr = v.check_positive_float("lr", lr)
    noise = v.check_positive_float("noise", noise, allow_zero=True)
    v.check_option("optimizer", optimizer, ("adam", "sgd"))
    if clip is not None:
        clip = v.check_positive_float("clip", clip)
    if rho is not None:
        rho = v.check_positive_float("rho", rho)
    rngs = [np.random.default_rng(s) for s in seeds]
    inits = [first_input.init_model(H, rng=r, rho=rho) for r in rngs]
    P = {k: np.stack([m[k] for m in inits]).astype(np.float64) for k in KEYS}
    R = len(seeds)
    hist = {name: np.empty((R, steps)) for name in ("loss", "grad_norm", "grad_x1")}
    if optimizer == "adam":
        m = {k: np.zeros_like(P[k]) for k in KEYS}
        s = {k: np.zeros_like(P[k]) for k in KEYS}
        beta1, beta2, eps = 0.9, 0.999, 1e-8
    x = np.empty((R, batch, T, 1))
    y = np.empty((R, batch), dtype=np.int64)
    for i in range(steps):
        for r, rng in enumerate(rngs):
            x[r], y[r] = first_input.make_data(batch, T, rng=rng, noise=noise)
        loss, g, dx1 = _loss_and_grads(P, x, y)
        norm = np.sqrt(sum(np.sum(g[k] ** 2, axis=tuple(range(1, g[k].ndim))) for k in KEYS))  # (R,)
        hist["loss"][:, i] = loss
        hist["grad_x1"][:, i] = np.mean(np.abs(dx1), axis=1)
        hist["grad_norm"][:, i] = norm
        if clip is not None:
            scale = np.where(norm > clip, clip / np.where(norm > 0, norm, 1.0), 1.0)
            for k in KEYS:
                g[k] = g[k] * scale.reshape((R,) + (1,) * (g[k].ndim - 1))
        for k in KEYS:
            if optimizer == "sgd":
                P[k] -= lr * g[k]
            else:
                m[k] = beta1 * m[k] + (1 - beta1) * g[k]
                s[k] = beta2 * s[k] + (1 - beta2) * g[k] * g[k]
                m_hat = m[k] / (1 - beta1 ** (i + 1))
                s_hat = s[k] / (1 - beta2 ** (i + 1))
                P[k] -= lr * m_hat / (np.sqrt(s_hat) + eps)
    models = [{k: P[k][r].copy() for k in KEYS} for r in range(R)]
    hists = [{name: arr[r].copy() for name, arr in hist.items()} for r in range(R)]
    return models, hists
