"""A simple RNN whose previous output is fed back into the hidden state (output recurrence).

    a_t = W h_{t-1} + U x_t + R y_{t-1} + b        y_0 = 0 (no output before the first step)
    h_t = tanh(a_t)
    o_t = V h_t + c,    yhat_t = softmax(o_t)

Shapes: x (N, T, D), y (N, T) integer labels in [0, K), h (N, T, H); W (H, H), U (H, D),
R (H, K), b (H,), V (K, H), c (K,). ``y_{t-1}`` enters as a one-hot vector of length K.

Without R (the plain RNN) every output is conditionally independent of the others given the
inputs: p(y_1..y_T | x) = prod_t p(y_t | x_1..x_t). Feeding y_{t-1} back makes the model
p(y | x) = prod_t p(y_t | x_1..x_t, y_1..y_{t-1}), so it can keep its outputs consistent
with a choice it made earlier (Goodfellow et al. 2016, section 10.2.4, figure 10.10).

Training uses teacher forcing: the *true* previous label is fed back. Generation feeds back
the model's own previous output (a sample or the argmax).

Implementation: ``U x_t + R y_{t-1}`` is ``[U R] [x_t; y_{t-1}]``, so the recurrence is the
cell of ``lecturelib.rnn`` run on the input extended by the fed-back output, followed by
the output layer of ``lecturelib.losses``. A parameter dict without ``"R"`` is the plain RNN.
"""
from __future__ import annotations

import numpy as np

from . import _validate as v
from . import losses, rnn
from .activations import log_softmax, softmax

__all__ = [
    "param_shapes", "init_params", "has_recurrence", "shift_outputs", "forward", "backward",
    "loss_and_grads", "log_likelihood", "generate", "fit",
    "MEANINGS", "REGISTERS", "WORDS", "register_task", "is_consistent",
]


def param_shapes(input_size: int, hidden_size: int, output_size: int, *, recurrence: bool = True) -> dict:
    """Expected shape of every parameter; ``recurrence=False`` leaves out R (the plain RNN)."""
    D, H, K = input_size, hidden_size, output_size
    shapes = {"W": (H, H), "U": (H, D), "b": (H,), "V": (K, H), "c": (K,)}
    if recurrence:
        shapes["R"] = (H, K)
    return shapes


def init_params(input_size: int, hidden_size: int, output_size: int, *, rng: np.random.Generator,
                recurrence: bool = True) -> dict:
    """Uniform(-1/sqrt(H), 1/sqrt(H)) for every weight and bias, as in ``rnn.init_params``."""
    D = v.check_positive_int("input_size", input_size)
    H = v.check_positive_int("hidden_size", hidden_size)
    K = v.check_positive_int("output_size", output_size)
    if not isinstance(recurrence, bool):
        raise TypeError(f"recurrence must be True or False, got {type(recurrence).__name__}")
    rng = v.check_rng(rng)
    bound = 1.0 / np.sqrt(H)
    return {k: rng.uniform(-bound, bound, size=s)
            for k, s in param_shapes(D, H, K, recurrence=recurrence).items()}


def has_recurrence(params) -> bool:
    """True when ``params`` holds an output-to-hidden matrix R."""
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    return "R" in params


def _checked(params):
    """Validate params; return (params as float arrays, D, H, K)."""
    D, H = v.infer_sizes(params)
    if "V" not in params:
        raise ValueError("params is missing 'V'; expected keys " + str(sorted(param_shapes(D, H, 1))))
    V = np.asarray(params["V"])
    if V.ndim != 2:
        raise ValueError(f"params['V'] must be 2-D (K, H), got shape {V.shape}")
    K = V.shape[0]
    p = v.check_params(params, param_shapes(D, H, K, recurrence=has_recurrence(params)))
    return p, D, H, K


def _cell_params(p):
    """The rnn-cell view of the model: input weights [U R] when R is present."""
    U = np.concatenate([p["U"], p["R"]], axis=1) if "R" in p else p["U"]
    return {"W": p["W"], "U": U, "b": p["b"]}


def shift_outputs(y, output_size: int) -> np.ndarray:
    """One-hot of the previous label at every step: row t holds y_{t-1}, row 0 holds y_0 = 0.

    Shapes: y (N, T) ints in [0, K) -> (N, T, K).
    """
    K = v.check_positive_int("output_size", output_size)
    ys = v.as_int_array("y", y, ndim=2, low=0, high=K)
    N, T = ys.shape
    prev = np.zeros((N, T, K))
    if T > 1:
        n_idx, t_idx = np.meshgrid(np.arange(N), np.arange(1, T), indexing="ij")
        prev[n_idx, t_idx, ys[:, :-1]] = 1.0
    return prev


def forward(x, y, params, h0=None):
    """o_t = V tanh(W h_{t-1} + U x_t + R y_{t-1} + b) + c for t = 1..T, with teacher forcing.

    Shapes: x (N, T, D); y (N, T) the true labels, fed back one step late (ignored, and may
    be None, for the plain RNN); h0 (N, H) or None for zeros. Returns o (N, T, K) and a cache.
    """
    p, D, H, K = _checked(params)
    xs = v.as_float_array("x", x, ndim=3, allow_empty=True)
    if xs.shape[0] == 0 or xs.shape[1] == 0:
        raise ValueError(f"x must have at least one example and one step, got shape {xs.shape}")
    v.check_shape("x", xs, (None, None, D))
    N, T, _ = xs.shape
    if "R" in p:
        if y is None:
            raise ValueError("y must be given (N, T) for a model with an output recurrence R: "
                             "training feeds back the true previous label (teacher forcing)")
        ys = v.as_int_array("y", y, ndim=2, low=0, high=K)
        v.check_shape("y", ys, (N, T))
        inputs = np.concatenate([xs, shift_outputs(ys, K)], axis=2)  # (N, T, D + K)
    else:
        inputs = xs
    h, rnn_cache = rnn.forward(inputs, h0, _cell_params(p))  # (N, T, H)
    o, out_cache = losses.output_forward(h, {"V": p["V"], "c": p["c"]})  # (N, T, K)
    return o, {"rnn": rnn_cache, "out": out_cache, "D": D, "recurrence": "R" in p, "h": h}


def backward(do, cache):
    """Given dL/do_t (N, T, K), return dL/dx (N, T, D), dL/dh0 (N, H) and grads (keys of params).

    The fed-back labels are data under teacher forcing, so no gradient flows into them;
    dR is the part of the rnn cell's input-weight gradient that multiplies y_{t-1}.
    """
    dh, out_grads = losses.output_backward(do, cache["out"])
    dinputs, dh0, cell_grads = rnn.backward(dh, cache["rnn"])
    D = cache["D"]
    grads = {"W": cell_grads["W"], "U": cell_grads["U"][:, :D], "b": cell_grads["b"],
             "V": out_grads["V"], "c": out_grads["c"]}
    if cache["recurrence"]:
        grads["R"] = cell_grads["U"][:, D:]
    return dinputs[:, :, :D], dh0, grads


def loss_and_grads(x, y, params, h0=None):
    """L = (1/N) sum_n sum_t -log p(y_t | x_1..x_t, y_1..y_{t-1}) and its gradients.

    Shapes: x (N, T, D), y (N, T). Returns (loss, grads).
    """
    o, cache = forward(x, y, params, h0)
    loss, do = losses.sequence_cross_entropy(o, y)
    _, _, grads = backward(do, cache)
    return loss, grads


def log_likelihood(x, y, params, h0=None) -> np.ndarray:
    """log p(y_1..y_T | x) of each sequence, summed over steps (teacher forcing). Shape (N,)."""
    o, _ = forward(x, y, params, h0)
    ys = v.as_int_array("y", y, ndim=2)
    logp = log_softmax(o)
    return np.take_along_axis(logp, ys[..., None], axis=2)[..., 0].sum(axis=1)


def generate(x, params, *, rng: np.random.Generator, mode: str = "sample", h0=None) -> np.ndarray:
    """Produce outputs for the inputs x, feeding back the model's *own* previous output.

    ``mode="sample"`` draws y_t ~ yhat_t; ``mode="argmax"`` takes the most likely class.
    Shapes: x (N, T, D) -> y (N, T) ints. The plain RNN (no R) ignores its past outputs.
    """
    p, D, H, K = _checked(params)
    v.check_option("mode", mode, {"sample", "argmax"})
    rng = v.check_rng(rng)
    xs, h = v.sequence_inputs(x, h0, D, H)
    N, T, _ = xs.shape
    cell = _cell_params(p)
    out = np.empty((N, T), dtype=np.int64)
    prev = np.zeros((N, K))  # y_0 = 0
    for t in range(T):
        x_t = np.concatenate([xs[:, t], prev], axis=1) if "R" in p else xs[:, t]
        h, _ = rnn.step_forward(x_t, h, cell)
        probs = softmax(h @ p["V"].T + p["c"])  # (N, K)
        if mode == "argmax":
            out[:, t] = probs.argmax(axis=1)
        else:
            u = rng.random((N, 1))
            out[:, t] = np.minimum((probs.cumsum(axis=1) < u).sum(axis=1), K - 1)
        prev = np.zeros((N, K))
        prev[np.arange(N), out[:, t]] = 1.0
    return out


def fit(x, y, params, *, steps: int = 300, lr: float = 0.05) -> list:
    """Full-batch Adam on ``loss_and_grads``; updates ``params`` in place, returns the losses."""
    from .optim import Adam

    steps = v.check_positive_int("steps", steps)
    opt = Adam(lr=lr)
    history = []
    for _ in range(steps):
        loss, grads = loss_and_grads(x, y, params)
        opt.step(params, grads)
        history.append(loss)
    return history


# --- A task where the outputs must agree with each other -------------------------------
# The input is a sequence of meanings; the output says each meaning in words, either all
# formally or all casually. Which register a sequence uses is a coin flip that the input
# does not reveal: the model has to pick one at the first word and then stick to it.

MEANINGS = ("greet", "thank", "agree", "leave")
REGISTERS = ("formal", "casual")
WORDS = ("hello", "thank you", "certainly", "goodbye",  # formal: word k says meaning k
         "hey", "thanks", "yep", "bye")  # casual: word 4 + k says meaning k


def register_task(n: int, length: int = 6, *, rng: np.random.Generator):
    """n sequences of ``length`` meanings (one-hot inputs) and their words in one register.

    Returns x (n, length, 4) one-hot meanings, y (n, length) word ids in [0, 8) and
    register (n,) with 0 = formal, 1 = casual. Word id = meaning + 4 * register.
    """
    n = v.check_positive_int("n", n)
    length = v.check_positive_int("length", length)
    rng = v.check_rng(rng)
    M = len(MEANINGS)
    meaning = rng.integers(0, M, size=(n, length))
    register = rng.integers(0, len(REGISTERS), size=n)
    x = np.eye(M)[meaning]  # (n, length, M)
    y = meaning + M * register[:, None]
    return x, y, register


def is_consistent(y) -> np.ndarray:
    """For each sequence of word ids (N, T): are all its words in the same register?"""
    ys = v.as_int_array("y", y, ndim=2, low=0, high=len(WORDS))
    reg = ys // len(MEANINGS)
    return np.all(reg == reg[:, :1], axis=1)
