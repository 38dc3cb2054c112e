"""Self-checks for notebook 05 (back-propagation through time)."""
from __future__ import annotations

import numpy as np

from .. import rnn
from ._core import FAIL, PASS, TODO, blank, report, untouched_or_not_callable


def _step_reference(dh, x, h_prev, h_t, W, U):
    da = dh * (1.0 - h_t**2)
    return da @ U, da @ W, da.T @ h_prev, da.T @ x, da.sum(axis=0)


def _step_case(seed=5):
    g = np.random.default_rng(seed)
    N, D, H = 3, 4, 5
    params = rnn.init_params(D, H, rng=g)
    x, h_prev, dh = g.normal(size=(N, D)), g.normal(size=(N, H)) * 0.5, g.normal(size=(N, H))
    h_t, _ = rnn.step_forward(x, h_prev, params)
    return dh, x, h_prev, h_t, params["W"], params["U"]


_NAMES = ("dx_t", "dh_prev", "dW", "dU", "db")


def check_step_backward(fn) -> object:
    """Exercise 1: fn(dh_t, x_t, h_prev, h_t, W, U) -> (dx_t, dh_prev, dW, dU, db)."""
    title = "Exercise 1 (backward of one step)"
    if (verdict := untouched_or_not_callable(title, fn)) is not None:
        return verdict
    case = _step_case()
    try:
        got = fn(*[a.copy() for a in case])
    except NotImplementedError:
        return report(title, TODO)
    except Exception as exc:
        return report(title, FAIL, f"your function raised {type(exc).__name__}: {exc}. "
                                   "Start from da = dh_t * (1 - h_t**2).")
    if blank(got):
        return report(title, TODO)
    if not isinstance(got, (tuple, list)) or len(got) != 5:
        return report(title, FAIL, "return the five arrays (dx_t, dh_prev, dW, dU, db) as a tuple.")
    want = _step_reference(*case)
    dh, x, h_prev, h_t, W, U = case
    for name, g, w in zip(_NAMES, got, want):
        g = np.asarray(g, dtype=float) if not isinstance(g, str) else None
        if g is None or g.shape != w.shape:
            shape = None if g is None else g.shape
            extra = " Rows are examples: dW = da.T @ h_prev is (H, H), dU = da.T @ x_t is (H, D)." if name in ("dW", "dU") else ""
            return report(title, FAIL, f"{name} has shape {shape}, expected {w.shape}.{extra}")
        if np.allclose(g, w, rtol=1e-6, atol=1e-9):
            continue
        no_tanh = _step_reference(dh / np.where(1 - h_t**2 == 0, 1, 1 - h_t**2), x, h_prev, h_t, W, U)
        if np.allclose(g, no_tanh[_NAMES.index(name)], rtol=1e-6, atol=1e-9):
            return report(title, FAIL, "you skipped the tanh: first da = dh_t * (1 - h_t**2), then use da everywhere.")
        da = dh * (1.0 - h_t**2)
        if name == "dh_prev" and np.allclose(g, da @ W.T, rtol=1e-6, atol=1e-9):
            return report(title, FAIL, "a_t = h_prev @ W.T + ..., so dh_prev = da @ W (not W.T).")
        if name in ("dW", "dU") and np.allclose(g, w.T, rtol=1e-6, atol=1e-9):
            return report(title, FAIL, f"{name} is transposed: the weight row i belongs to hidden unit i, so use da.T @ (input).")
        if name == "db" and np.allclose(g, da.mean(axis=0), rtol=1e-6, atol=1e-9):
            return report(title, FAIL, "db adds the gradients of all N rows (sum, not mean): the loss is already averaged.")
        return report(title, FAIL, f"{name} is not right yet. Write da = dh_t * (1 - h_t**2), then "
                                   "dx_t = da @ U, dh_prev = da @ W, dW = da.T @ h_prev, dU = da.T @ x_t, db = da.sum(0).")
    return report(title, PASS, "all five gradients match lecturelib.rnn.step_backward")


def exercise2_setup():
    """A sequence of T = 3 steps: returns x (2, 3, 4), params, h (2, 3, 5) from rnn.forward,
    and dh (2, 3, 5): the gradient each loss L_t sends to its own h_t."""
    g = np.random.default_rng(7)
    params = rnn.init_params(4, 5, rng=g)
    x = g.normal(size=(2, 3, 4))
    h, _ = rnn.forward(x, None, params)
    dh = g.normal(size=(2, 3, 5))
    return x, params, h, dh


def check_gradient_at_h2(answer) -> object:
    """Exercise 2: the total dL/dh_2 (lecture numbering h_1, h_2, h_3 = h[:, 0], h[:, 1], h[:, 2])."""
    title = "Exercise 2 (the gradient reaching h_2)"
    if blank(answer):
        return report(title, TODO)
    _, params, h, dh = exercise2_setup()
    W = params["W"]
    from_h3 = (dh[:, 2] * (1 - h[:, 2] ** 2)) @ W
    expected = dh[:, 1] + from_h3
    wrong = [
        (dh[:, 1], "that is only dL_2/dh_2. h_2 also changes h_3 and so L_3: add the gradient flowing back from h_3."),
        (dh[:, 1] + dh[:, 2], "the path from h_3 back to h_2 passes through tanh and W: multiply dh_3 by (1 - h_3**2), then by W."),
        (dh[:, 1] + dh[:, 2] @ W, "you forgot the tanh on the way back: dh_3 * (1 - h_3**2) before @ W."),
        (dh[:, 1] + (dh[:, 2] * (1 - h[:, 2] ** 2)) @ W.T, "a_3 = h_2 @ W.T + ..., so going back is @ W, not @ W.T."),
        (expected * (1 - h[:, 1] ** 2), "that is the gradient at a_2 (after tanh'); the question asks for h_2 itself."),
        (dh[:, 0] + (dh[:, 1] * (1 - h[:, 1] ** 2)) @ W, "that is the gradient at h_1; h_2 is h[:, 1], fed by L_2 and L_3."),
    ]
    try:
        a = np.asarray(answer, dtype=float)
    except (TypeError, ValueError) as exc:
        return report(title, FAIL, f"could not read your answer as an array ({exc}).")
    if a.shape != expected.shape:
        return report(title, FAIL, f"your answer has shape {a.shape}, expected {expected.shape} (N, H).")
    if np.allclose(a, expected, rtol=1e-6, atol=1e-9):
        return report(title, PASS, "dL/dh_2 = dL_2/dh_2 + W^T-path from h_3")
    for w, hint in wrong:
        if np.allclose(a, w, rtol=1e-6, atol=1e-9):
            return report(title, FAIL, hint)
    return report(title, FAIL, "dL/dh_2 = dh[:, 1] + (dh[:, 2] * (1 - h[:, 2]**2)) @ W: what L_2 sends plus what comes back from h_3.")


def check_uniform_perplexity(answer, vocab_size: int) -> object:
    """Exercise 3: the perplexity of a model that gives every one of K characters 1/K."""
    title = "Exercise 3 (perplexity of a uniform guess)"
    if blank(answer):
        return report(title, TODO)
    try:
        a = float(answer)
    except (TypeError, ValueError):
        return report(title, FAIL, f"give one number, got {type(answer).__name__}.")
    K = float(vocab_size)
    if np.isclose(a, K, rtol=1e-6):
        return report(title, PASS, f"exp(log K) = K = {int(K)}: as unsure as a fair {int(K)}-sided die")
    if np.isclose(a, np.log(K), rtol=1e-6):
        return report(title, FAIL, "that is the loss per character, log K; perplexity is exp(loss).")
    if np.isclose(a, 1.0 / K, rtol=1e-6):
        return report(title, FAIL, "that is the probability of each character; perplexity is exp(-mean log p).")
    return report(title, FAIL, "every character has p = 1/K, so the loss is -log(1/K) = log K; perplexity = exp(loss).")


__all__ = ["check_step_backward", "exercise2_setup", "check_gradient_at_h2", "check_uniform_perplexity"]
