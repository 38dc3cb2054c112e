"""Optimisers that update a dict of parameter arrays in place from a dict of gradients.

    SGD with momentum:  v <- mu v - lr g;          theta <- theta + v
    Adagrad:            G <- G + g^2;              theta <- theta - lr g / (sqrt(G) + eps)
    Adam:               m, s moving averages of g, g^2 with bias correction (Kingma & Ba 2015)

and global-norm gradient clipping (Pascanu et al. 2013), which rescales all gradients
together when their joint norm exceeds a threshold and reports the norm before clipping.
"""
from __future__ import annotations

import numbers

import numpy as np

from . import _validate as v


def _unit_interval(name, value) -> float:
    """A number in [0, 1) (momentum, beta1, beta2); raise naming ``name`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number in [0, 1), got {type(value).__name__}")
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return float(value)


def _check_pair(params, grads):
    for name, d in (("params", params), ("grads", grads)):
        if not isinstance(d, dict):
            raise TypeError(f"{name} must be a dict of arrays, got {type(d).__name__}")
    if set(params) != set(grads):
        raise ValueError(f"grads must have the same keys as params: params has {sorted(params)}, grads has {sorted(grads)}")
    for k in params:
        g = v.as_float_array(f"grads['{k}']", grads[k], allow_empty=True)
        if g.shape != np.shape(params[k]):
            raise ValueError(f"grads['{k}'] must have shape {np.shape(params[k])} like params['{k}'], got {g.shape}")


class _Optimizer:
    def __init__(self, lr):
        self.lr = v.check_positive_float("lr", lr)
        self.state = {}

    def step(self, params, grads):
        """Update every ``params[k]`` in place using ``grads[k]``."""
        _check_pair(params, grads)
        self._update(params, grads)

    def _update(self, params, grads):
        for k in params:
            params[k] -= self._delta(k, np.asarray(grads[k], dtype=np.float64))


class SGD(_Optimizer):
    """Stochastic gradient descent with (heavy-ball) momentum ``momentum`` in [0, 1)."""

    def __init__(self, lr=0.1, momentum=0.0):
        super().__init__(lr)
        self.momentum = _unit_interval("momentum", momentum)

    def _delta(self, k, g):
        vel = self.state.get(k, np.zeros_like(g))
        vel = self.momentum * vel + self.lr * g
        self.state[k] = vel
        return vel


class Adagrad(_Optimizer):
    """Per-coordinate steps shrinking with the accumulated squared gradient."""

    def __init__(self, lr=0.1, eps=1e-8):
        super().__init__(lr)
        self.eps = v.check_positive_float("eps", eps)

    def _delta(self, k, g):
        G = self.state.setdefault(k, np.zeros_like(g))
        G += g * g  # the running sum of squares, updated in place
        step = np.sqrt(G)
        step += self.eps
        return np.divide(self.lr * g, step, out=step)  # lr g / (sqrt(G) + eps), in the buffer of the sqrt


class Adam(_Optimizer):
    """Adam with bias-corrected first and second moments."""

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1, self.beta2 = _unit_interval("beta1", beta1), _unit_interval("beta2", beta2)
        self.eps = v.check_positive_float("eps", eps)
        self.t = {}

    def _delta(self, k, g):
        m, s = self.state.get(k, (np.zeros_like(g), np.zeros_like(g)))
        m = self.beta1 * m + (1 - self.beta1) * g
        s = self.beta2 * s + (1 - self.beta2) * g * g
        self.state[k] = (m, s)
        t = self.t[k] = self.t.get(k, 0) + 1
        m_hat = m / (1 - self.beta1**t)
        s_hat = s / (1 - self.beta2**t)
        return self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


def global_norm(grads) -> float:
    """sqrt of the sum of squares of every entry of every gradient."""
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be a dict of arrays, got {type(grads).__name__}")
    return float(np.sqrt(sum(float(np.sum(np.square(g))) for g in grads.values())))


def clip_grad_norm(grads, max_norm) -> float:
    """Scale all gradients by max_norm / norm when their global norm exceeds max_norm.

    Works in place and returns the global norm measured *before* clipping.
    """
    max_norm = v.check_positive_float("max_norm", max_norm)
    for k, g in (grads.items() if isinstance(grads, dict) else ()):
        v.as_float_array(f"grads['{k}']", g, allow_empty=True)
    norm = global_norm(grads)
    if norm > max_norm:
        scale = max_norm / norm
        for k in grads:
            grads[k] = np.asarray(grads[k], dtype=np.float64) * scale
    return norm


def fit(params, loss_and_grads, make_batch, *, steps: int = 300, lr: float = 0.01, clip=1.0, callback=None,
        stop_below=None, window: int = 10):
    """Train ``params`` in place with Adam: for each step, ``x, y = make_batch()``,
    ``loss, grads = loss_and_grads(params, x, y)``, clip the global norm at ``clip``
    (None: no clipping), update. ``callback(step, steps, loss)`` runs after every update
    (e.g. a progress bar). ``stop_below``: stop early once the mean loss of the last ``window``
    updates is below it (None: always ``steps`` updates). Returns the losses, one per update made.
    """
    steps = v.check_positive_int("steps", steps)
    for name, fn in (("loss_and_grads", loss_and_grads), ("make_batch", make_batch)):
        if not callable(fn):
            raise TypeError(f"{name} must be a function, got {type(fn).__name__}")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be a function callback(step, steps, loss), got {type(callback).__name__}")
    if clip is not None:
        clip = v.check_positive_float("clip", clip)
    if stop_below is not None:
        stop_below = v.check_positive_float("stop_below", stop_below)
    window = v.check_positive_int("window", window)
    opt = Adam(lr=lr)
    history = np.empty(steps)
    for i in range(steps):
        x, y = make_batch()
        loss, grads = loss_and_grads(params, x, y)
        if i == 0:  # the gradients' keys, shapes and values, checked once: every update comes from the same function
            _check_pair(params, grads)
        if clip is not None:
            clip_grad_norm(grads, clip)
        opt._update(params, grads)
        history[i] = loss
        if callback is not None:
            callback(i + 1, steps, loss)
        if stop_below is not None and i + 1 >= window and np.mean(history[i + 1 - window:i + 1]) < stop_below:
            return history[:i + 1]
    return history
