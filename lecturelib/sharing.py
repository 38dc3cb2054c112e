"""Parameter sharing: the RNN's over all steps, a 1-D convolution's over its filter span.

    RNN (shared):        h_t = tanh(W h_{t-1} + U x_t + b)        one (W, U, b) for every t
    no sharing:          h_t = tanh(W_t h_{t-1} + U_t x_t + b_t)  a new (W_t, U_t, b_t) per step
    causal convolution:  y_t = sum_{k=0}^{S-1} w_k x_{t-k} + b_conv   one filter w slid along t

The RNN's parameter count does not depend on tau; the unshared model's grows like tau
and it cannot even run on a sequence longer than the one it was built for. The
convolution shares w too, but y_t sees only the last S inputs (S - 1 more per extra layer
when stacked). S is the filter length (K is reserved for the number of classes) and b_conv
its bias (c is the output bias of the RNN).
numpy only. Source: Goodfellow, Bengio & Courville, *Deep Learning* (2016), sec. 9.2, 10.2.
"""
from __future__ import annotations

import numpy as np

from . import _validate as v

__all__ = [
    "rnn_param_count", "unshared_param_count", "init_unshared_params", "unshared_forward",
    "causal_conv1d", "conv_receptive_field", "conv_dependency", "rnn_dependency",
]


def rnn_param_count(input_size: int, hidden_size: int) -> int:
    """|theta| = H*H + H*D + H for W (H, H), U (H, D), b (H,): the same for every tau."""
    D = v.check_positive_int("input_size", input_size)
    H = v.check_positive_int("hidden_size", hidden_size)
    return H * H + H * D + H


def unshared_param_count(input_size: int, hidden_size: int, steps: int) -> int:
    """tau * (H*H + H*D + H): a separate (W_t, U_t, b_t) for each of the tau steps."""
    return v.check_positive_int("steps", steps) * rnn_param_count(input_size, hidden_size)


def init_unshared_params(input_size: int, hidden_size: int, steps: int, *, rng) -> list:
    """A list of ``steps`` parameter dicts {W (H, H), U (H, D), b (H,)}, one per step."""
    from . import rnn

    tau = v.check_positive_int("steps", steps)
    rng = v.check_rng(rng)
    return [rnn.init_params(input_size, hidden_size, rng=rng) for _ in range(tau)]


def unshared_forward(x, h0, params_per_step):
    """h_t = tanh(W_t h_{t-1} + U_t x_t + b_t), t = 1..T, with step t using params_per_step[t-1].

    Shapes: x (N, T, D), h0 (N, H) or None. Returns h (N, T, H). Raises if T differs from
    the number of parameter sets: this model only exists for one sequence length.
    """
    from . import rnn

    if not isinstance(params_per_step, (list, tuple)) or len(params_per_step) == 0:
        raise TypeError(f"params_per_step must be a non-empty list of parameter dicts, got {type(params_per_step).__name__}")
    D, H = v.infer_sizes(params_per_step[0], name="params_per_step[0]")
    xs, h = v.sequence_inputs(x, h0, D, H)
    T = xs.shape[1]
    if T != len(params_per_step):
        raise ValueError(
            f"x has T={T} steps but params_per_step holds {len(params_per_step)} parameter sets: "
            "a model without sharing only works for the length it was built for"
        )
    out = np.empty((xs.shape[0], T, H))
    for t in range(T):
        h, _ = rnn.step_forward(xs[:, t], h, params_per_step[t])
        out[:, t] = h
    return out


def causal_conv1d(x, w, b_conv=0.0):
    """y_t = sum_{k=0}^{S-1} w_k x_{t-k} + b_conv, with x_t = 0 before the start (t - k < 1).

    Shapes: x (T,) or (N, T), w (S,), b_conv a number. Returns y with the shape of x:
    output t sees inputs t-S+1..t only.
    """
    xs = v.as_float_array("x", x, ndim=(1, 2))
    w = v.as_float_array("w", w, ndim=1)
    if isinstance(b_conv, bool) or not np.isscalar(b_conv) or not np.isfinite(b_conv):
        raise ValueError(f"b_conv must be a finite number (the bias), got {b_conv!r}")
    squeeze = xs.ndim == 1
    x2 = xs[None, :] if squeeze else xs  # (N, T)
    N, T = x2.shape
    S = w.size
    padded = np.concatenate([np.zeros((N, S - 1)), x2], axis=1)  # (N, S-1+T)
    y = np.full((N, T), float(b_conv))
    for k in range(S):  # the same S weights at every position: sharing over the filter span
        y += w[k] * padded[:, S - 1 - k : S - 1 - k + T]
    return y[0] if squeeze else y


def conv_receptive_field(kernel_size: int, layers: int = 1) -> int:
    """How many consecutive inputs one output of ``layers`` stacked causal convolutions sees: L (S - 1) + 1."""
    S = v.check_positive_int("kernel_size", kernel_size)
    L = v.check_positive_int("layers", layers)
    return L * (S - 1) + 1


def _dependency(fn, T, name):
    """D[t, s] = True when output t changes if input s is nudged (found by perturbing each input).

    ``fn`` maps an input sequence (T,) to outputs (T,) or (T, H).
    """
    T = v.check_positive_int(name, T)
    base = np.asarray(fn(np.zeros(T))).reshape(T, -1)
    dep = np.zeros((T, T), dtype=bool)
    for s in range(T):
        x = np.zeros(T)
        x[s] = 1.0
        change = np.abs(np.asarray(fn(x)).reshape(T, -1) - base)
        dep[:, s] = change.max(axis=1) > 1e-12
    return dep


def conv_dependency(w, steps: int):
    """Boolean (T, T) matrix: entry [t, s] says whether y_t depends on x_s for ``causal_conv1d`` with filter w."""
    w = v.as_float_array("w", w, ndim=1)
    return _dependency(lambda x: causal_conv1d(x, w), steps, "steps")


def rnn_dependency(params, steps: int):
    """Boolean (T, T) matrix: entry [t, s] says whether h_t depends on x_s for a 1-input RNN.

    ``params`` is an RNN parameter dict with D = 1. Found by perturbation, like ``conv_dependency``.
    """
    from . import rnn

    D, H = v.infer_sizes(params)
    if D != 1:
        raise ValueError(f"params must belong to an RNN with input_size 1, got U of shape {np.shape(params['U'])}")
    return _dependency(lambda x: rnn.forward(x[None, :, None], None, params)[0][0], steps, "steps")
