"""The windowed DNN language model: a feed-forward network that remembers through a window.

    x_t = [e(w_{t-tau+1}); ...; e(w_t)]     concatenated embeddings, (tau * D,)
    h_t = tanh(U x_t + b)                   one hidden layer, (H,)
    o_t = V h_t + c,  yhat_t = softmax(o_t) distribution over the next word w_{t+1}, (K,)

The window of the lecture's figure has tau = 3 words. Slot j of the window (j = 1 is the
oldest word, j = tau the newest) meets its own block ``U[:, (j-1)D : jD]`` of the
input weights: the same word in another slot is multiplied by different numbers, which is
limitation (b) of the lecture. Only the embedding table ``E`` is shared by the slots
(``lecturelib.embedding``). With ``shared_slots=True`` (``init_params``, ``train``) the
blocks are tied, U_1 = ... = U_tau, the sharing over positions that an RNN has over its
steps: then U x_t = U_1 (e(w_1) + ... + e(w_tau)), which no longer depends on word order. Rows are examples: a batch of windows is X (N, tau) of ids.
Shapes: E (K, D), U (H, tau D), b (H,), V (K, H), c (K,); K is the vocabulary size.
Source: Bengio, Ducharme, Vincent & Jauvin (2003), "A neural probabilistic language model".
"""
from __future__ import annotations

import numpy as np

from . import _validate as v
from . import embedding, losses
from . import optim as _optim
from .activations import softmax


def n_params(vocab_size: int, tau: int, dim: int, hidden_size: int) -> int:
    """K D (table) + H tau D + H (hidden) + K H + K (output): grows linearly with tau."""
    K, T = v.check_positive_int("vocab_size", vocab_size), v.check_positive_int("tau", tau)
    D, H = v.check_positive_int("dim", dim), v.check_positive_int("hidden_size", hidden_size)
    return K * D + H * T * D + H + K * H + K


def _check_flag(name, value) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def init_params(vocab_size: int, tau: int, dim: int, hidden_size: int, *, rng: np.random.Generator,
                shared_slots: bool = False) -> dict:
    """E ~ N(0, 0.1^2); U, b, V, c ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)).

    ``shared_slots=True`` starts every block U_j as a copy of U_1 (the rng draws the same
    numbers either way, so E, b, V, c equal those of the untied model with the same rng).
    """
    K, T = v.check_positive_int("vocab_size", vocab_size), v.check_positive_int("tau", tau)
    D, H = v.check_positive_int("dim", dim), v.check_positive_int("hidden_size", hidden_size)
    rng = v.check_rng(rng)
    shared_slots = _check_flag("shared_slots", shared_slots)
    params = dict(embedding.init_params(K, D, rng=rng))
    bound = 1.0 / np.sqrt(T * D)
    params["U"] = rng.uniform(-bound, bound, (H, T * D))
    if shared_slots:
        params["U"] = np.tile(params["U"][:, :D], (1, T))  # U_1 = U_2 = ... = U_tau
    params["b"] = rng.uniform(-bound, bound, H)
    params.update(losses.init_output_params(H, K, rng=rng))
    return params


def sizes(params) -> tuple:
    """(K, tau, D, H) read from a parameter dict, which is checked on the way."""
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    for key in ("E", "U", "b", "V", "c"):
        if key not in params:
            raise ValueError(f"params is missing '{key}'; expected keys ['E', 'U', 'V', 'b', 'c']")
    E, U = np.shape(params["E"]), np.shape(params["U"])
    if len(E) != 2 or len(U) != 2:
        raise ValueError(f"params['E'] and params['U'] must be 2-D, got shapes {E} and {U}")
    (K, D), (H, TD) = E, U
    if TD % D:
        raise ValueError(f"params['U'] must have tau * D columns with D = {D}, got {TD}")
    return K, TD // D, D, H


def _checked(params):
    K, T, D, H = sizes(params)
    spec = {"E": (K, D), "U": (H, T * D), "b": (H,), "V": (K, H), "c": (K,)}
    return v.check_params(params, spec), K, T, D, H


def _check_windows(X, K, T):
    ids = v.as_int_array("X", X, ndim=(1, 2), low=0, high=K)
    if ids.ndim == 1:
        ids = ids[None, :]
    if ids.shape[1] != T:
        raise ValueError(f"X must hold windows of tau={T} token ids, shape (N, {T}), got {ids.shape}")
    return ids


def concat_window(E, X):
    """x = [e(w_1); ...; e(w_tau)]: E (K, D), X (N, tau) ids -> (N, tau D); one window (tau,) -> (tau D,).

    Slot j's embedding lands in columns (j-1) D ... j D - 1, oldest word first.
    """
    Em = v.as_float_array("E", E, ndim=2)
    ids = v.as_int_array("X", X, ndim=(1, 2), low=0, high=Em.shape[0])
    emb, _ = embedding.forward(ids, {"E": Em})  # (N, tau, D) or (tau, D)
    return emb.reshape(emb.shape[:-2] + (-1,))


def forward(X, params):
    """o = V tanh(U [e(w_1); ...; e(w_tau)] + b) + c for a batch of windows.

    Shapes: X (N, tau) ids (or one window (tau,)). Returns logits o (N, K) and a cache.
    """
    p, K, T, D, H = _checked(params)
    ids = _check_windows(X, K, T)
    emb, emb_cache = embedding.forward(ids, {"E": p["E"]})  # (N, tau, D)
    x = emb.reshape(len(ids), T * D)  # concatenation, (N, tau D)
    h = np.tanh(x @ p["U"].T + p["b"])  # (N, H)
    o = h @ p["V"].T + p["c"]  # (N, K)
    return o, {"emb_cache": emb_cache, "x": x, "h": h, "params": p, "T": T, "D": D}


def backward(do, cache):
    """Given dL/do (N, K), return {dE, dU, db, dV, dc} (same keys as params)."""
    p, x, h, T, D = cache["params"], cache["x"], cache["h"], cache["T"], cache["D"]
    do = v.upstream("do", do, (len(h), p["V"].shape[0]))
    dV, dc = do.T @ h, do.sum(axis=0)
    da = (do @ p["V"]) * (1.0 - h**2)  # back through tanh, (N, H)
    dU, db = da.T @ x, da.sum(axis=0)
    dx = da @ p["U"]  # (N, tau D)
    dE = embedding.backward(dx.reshape(len(h), T, D), cache["emb_cache"])["E"]  # undo the concatenation
    return {"E": dE, "U": dU, "b": db, "V": dV, "c": dc}


def loss_and_grads(params, X, y):
    """Mean cross-entropy of the next token y (N,) given windows X (N, tau), and its gradients."""
    o, cache = forward(X, params)
    loss, do = losses.cross_entropy(o, y)
    return loss, backward(do, cache)


def shared_slot_grads(grads, tau: int) -> dict:
    """The gradients of the tied model U_1 = ... = U_tau: every block of dU becomes the sum of
    the tau blocks, dU_shared = sum_j dL/dU_j (a shared weight collects the gradient of every
    place it is used, as an RNN's U does over steps). Returns a new dict; E, b, V, c unchanged.
    """
    if not isinstance(grads, dict) or "U" not in grads:
        raise TypeError(f"grads must be a dict with 'U' (H, tau D), got {type(grads).__name__}")
    T = v.check_positive_int("tau", tau)
    dU = v.as_float_array("grads['U']", grads["U"], ndim=2)
    if dU.shape[1] % T:
        raise ValueError(f"grads['U'] must have tau * D columns with tau = {T}, got shape {dU.shape}")
    D = dU.shape[1] // T
    total = sum(dU[:, j * D:(j + 1) * D] for j in range(T))  # (H, D)
    return {**grads, "U": np.tile(total, (1, T))}


def slots_are_shared(params) -> bool:
    """True when every block U_j equals U_1 exactly."""
    blocks = slot_blocks(params)
    return all(np.array_equal(b, blocks[0]) for b in blocks[1:])


def predict_proba(params, X):
    """yhat = softmax(o): (N, K), each row a distribution over the next token."""
    o, _ = forward(X, params)
    return softmax(o)


def evaluate(params, X, y) -> dict:
    """{"loss": mean cross-entropy (nats), "perplexity": exp(loss), "accuracy": fraction with argmax = y}."""
    o, _ = forward(X, params)
    loss, _ = losses.cross_entropy(o, y)
    acc = float(np.mean(np.argmax(o, axis=1) == np.asarray(y)))
    return {"loss": loss, "perplexity": losses.perplexity(loss), "accuracy": acc}


def train(params, X, y, *, steps: int = 300, lr: float = 0.01, batch_size=None, rng=None, optimizer=None,
          shared_slots: bool = False) -> list:
    """Fit ``params`` in place with Adam (or the given ``lecturelib.optim`` optimiser).

    ``batch_size=None`` uses all windows at every step (deterministic, no ``rng`` needed);
    otherwise each step draws a mini-batch with ``rng``. ``shared_slots=True`` trains the
    tied model: ``params`` must start with equal blocks (``init_params(..., shared_slots=True)``)
    and every update uses ``shared_slot_grads``, so the blocks stay equal. Returns the loss
    of every step.
    """
    steps = v.check_positive_int("steps", steps)
    shared_slots = _check_flag("shared_slots", shared_slots)
    _, K, T, _, _ = _checked(params)
    if shared_slots and not slots_are_shared(params):
        raise ValueError("params['U'] must have equal blocks U_1 = ... = U_tau when shared_slots=True; "
                         "start from init_params(..., shared_slots=True)")
    Xs = _check_windows(X, K, T)
    ys = v.as_int_array("y", y, ndim=1, low=0, high=K)
    v.check_shape("y", ys, (len(Xs),))
    if batch_size is not None:
        batch_size = v.check_positive_int("batch_size", batch_size)
        rng = v.check_rng(rng)
    opt = optimizer if optimizer is not None else _optim.Adam(lr=lr)
    history = []
    for _ in range(steps):
        if batch_size is None:
            xb, yb = Xs, ys
        else:
            idx = rng.integers(0, len(Xs), size=batch_size)
            xb, yb = Xs[idx], ys[idx]
        loss, grads = loss_and_grads(params, xb, yb)
        if shared_slots:
            grads = shared_slot_grads(grads, T)
        opt.step(params, grads)
        history.append(loss)
    return history


def slot_blocks(params) -> list:
    """The tau blocks of U, one per window slot: [U_1, ..., U_tau], each (H, D)."""
    p, _, T, D, _ = _checked(params)
    return [p["U"][:, j * D:(j + 1) * D] for j in range(T)]


def slot_contribution(params, token_id: int) -> np.ndarray:
    """What one word adds to the hidden pre-activation in each slot: rows U_j e(w), (tau, H).

    A model with weights shared over positions (an RNN) would give the same row for
    every slot; the window gives tau unrelated rows.
    """
    p, K, T, D, _ = _checked(params)
    if isinstance(token_id, bool) or not isinstance(token_id, (int, np.integer)) or not 0 <= token_id < K:
        raise ValueError(f"token_id must be an int in [0, {K}), got {token_id!r}")
    e = p["E"][int(token_id)]
    return np.stack([blk @ e for blk in slot_blocks(p)])


def top_next_words(params, itos, window_ids, k: int = 5):
    """The k most probable next tokens after one window: (list of k tokens, probs (k,)).

    ``itos`` maps ids to tokens (``Vocab.itos``); ties keep the smaller id first.
    """
    k = v.check_positive_int("k", k)
    probs = predict_proba(params, np.asarray(window_ids)[None, :] if np.ndim(window_ids) == 1 else window_ids)
    if probs.shape[0] != 1:
        raise ValueError(f"window_ids must be one window (tau,), got shape {np.shape(window_ids)}")
    if len(itos) != probs.shape[1]:
        raise ValueError(f"itos must name all {probs.shape[1]} tokens of the model, got {len(itos)}")
    order = np.argsort(-probs[0], kind="stable")[:k]
    return [itos[i] for i in order], probs[0, order]
