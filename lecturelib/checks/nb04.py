"""Self-checks for notebook 04 (the simple RNN, forward).

Exercise 1: compute h_1 and h_2 by hand for the numbers in ``EX1``.
Exercise 2: write one forward step with rows as examples.
Exercise 3: count the parameters of the many-to-one sentence model.
"""
from __future__ import annotations

import numpy as np

from .. import rnn
from ._core import FAIL, PASS, TODO, blank, call_student, check_value, report

__all__ = ["EX1", "ex1_reference", "check_hidden_states", "check_rnn_step", "check_param_count",
           "EX3_SIZES"]

# Small numbers that keep a hand computation short: D = 2 inputs, H = 2 hidden units, h_0 = 0.
EX1 = {
    "W": np.array([[0.5, -1.0], [1.0, 0.5]]),
    "U": np.array([[1.0, 0.0], [0.5, -1.0]]),
    "b": np.array([0.0, 0.25]),
    "x1": np.array([1.0, 0.0]),
    "x2": np.array([0.0, 1.0]),
}


def ex1_reference(numbers=None):
    """[h_1, h_2] for h_t = tanh(W h_{t-1} + U x_t + b), h_0 = 0. Shape (2, H)."""
    p = EX1 if numbers is None else numbers
    h1 = np.tanh(p["U"] @ p["x1"] + p["b"])
    h2 = np.tanh(p["W"] @ h1 + p["U"] @ p["x2"] + p["b"])
    return np.array([h1, h2])


def _ex1_wrong_answers():
    p = EX1
    a1 = p["U"] @ p["x1"] + p["b"]
    h1 = np.tanh(a1)
    no_tanh_h1 = a1
    no_tanh_h2 = p["W"] @ a1 + p["U"] @ p["x2"] + p["b"]
    h2_transposed = np.tanh(p["W"].T @ h1 + p["U"].T @ p["x2"] + p["b"])
    h1_transposed = np.tanh(p["U"].T @ p["x1"] + p["b"])
    h2_bothT = np.tanh(p["W"].T @ h1_transposed + p["U"].T @ p["x2"] + p["b"])
    h2_no_memory = np.tanh(p["U"] @ p["x2"] + p["b"])
    h1_no_b = np.tanh(p["U"] @ p["x1"])
    h2_no_b = np.tanh(p["W"] @ h1_no_b + p["U"] @ p["x2"])
    pre_h1 = np.array([h1, np.tanh(p["W"] @ a1 + p["U"] @ p["x2"] + p["b"])])
    return [
        (np.array([no_tanh_h1, no_tanh_h2]),
         "you have the pre-activations a_1, a_2: apply tanh to get h_t (and feed h_1, not a_1, into step 2)."),
        (pre_h1, "step 2 must use h_1 = tanh(a_1), not the pre-activation a_1."),
        (np.array([h1_transposed, h2_bothT]),
         "W and U multiply column vectors from the left: row j of U holds the weights into hidden unit j "
         "(U is (H, D)); you used the transposes."),
        (np.array([h1, h2_transposed]), "h_1 is right; in step 2 use W h_1 and U x_2 (not the transposes)."),
        (np.array([h1, h2_no_memory]), "h_1 is right, but h_2 also depends on h_1 through W h_1."),
        (np.array([h1_no_b, h2_no_b]), "do not forget the bias b at both steps."),
    ]


def check_hidden_states(answer):
    """Exercise 1: ``answer`` is [h_1, h_2] (shape (2, 2)) for the numbers in EX1."""
    title = "Exercise 1 (h_1 and h_2 by hand)"
    if blank(answer):
        return report(title, TODO)
    try:
        arr = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        return report(title, FAIL, "give a numpy array of numbers, np.array([h_1, h_2]).")
    if arr.shape != (2, 2):
        return report(title, FAIL, f"expected shape (2, 2): one row h_1, one row h_2; got {arr.shape}.")
    expected = ex1_reference()
    if np.allclose(arr, expected, atol=2e-3):
        return report(title, PASS, f"h_1 = {np.round(expected[0], 3)}, h_2 = {np.round(expected[1], 3)}")
    for wrong, hint in _ex1_wrong_answers():
        if np.allclose(arr, wrong, atol=2e-3):
            return report(title, FAIL, hint)
    if np.allclose(arr, expected, atol=EX1_CLOSE):
        return report(title, FAIL, "close: your numbers are within 0.01 of the right ones but rounded too much. "
                                   "Compute with numpy and keep at least 3 decimals.")
    if np.allclose(arr[0], expected[0], atol=2e-3):
        return report(title, FAIL, "h_1 is right; for h_2 compute a_2 = W h_1 + U x_2 + b, then tanh.")
    return report(title, FAIL, "h_1 is not right yet: with h_0 = 0 the term W h_0 drops out of a_1; "
                  "apply tanh to a_1, then build a_2 from h_1 (not a_1).")


# A hand answer this close to the right one (but outside the tolerance 2e-3) was rounded, not wrong.
EX1_CLOSE = 1e-2


def _step_cases():
    rng = np.random.default_rng(404)
    N, D, H = 3, 2, 4  # D != H and N != both, so a wrong transpose cannot go unnoticed
    x = rng.normal(size=(N, D))
    h = rng.uniform(-1, 1, size=(N, H))
    W = rng.normal(size=(H, H)) * 0.5
    U = rng.normal(size=(H, D))
    b = rng.normal(size=H) * 0.1
    return x, h, W, U, b


def check_rnn_step(fn):
    """Exercise 2: ``fn(x_t, h_prev, W, U, b)`` returns h_t (N, H) for a batch of rows.

    Hints name the slip (a transpose, a missing term, the wrong non-linearity) without
    printing the solution, which stays in the folded answer.
    """
    title = "Exercise 2 (one forward step)"
    x, h, W, U, b = _step_cases()
    call = call_student(title, fn, x.copy(), h.copy(), W.copy(), U.copy(), b.copy(),
                        on_error="With rows as examples x_t is (N, D), h_prev is (N, H), U is (H, D) and "
                                 "W is (H, H): check which way round each product goes.",
                        watch={"rnn.step_forward": rnn.step_forward, "rnn.forward": rnn.forward})
    if call.verdict is not None:
        return call.verdict
    if call.used:
        return report(title, FAIL, f"your function calls {', '.join(sorted(call.used))}: the point is to write "
                                   "the step yourself with numpy.")
    try:
        got = np.asarray(call.value, dtype=np.float64)
    except (TypeError, ValueError):
        return report(title, FAIL, "return a numpy array h_t of shape (N, H).")
    expected = np.tanh(h @ W.T + x @ U.T + b)
    if got.shape != expected.shape:
        return report(title, FAIL, f"h_t should have shape (N, H) = {expected.shape}, got {got.shape}.")
    if np.allclose(got, expected, atol=1e-8):
        return report(title, PASS)
    variants = {
        "no_tanh": h @ W.T + x @ U.T + b,
        "W_not_T": np.tanh(h @ W + x @ U.T + b),
        "no_b": np.tanh(h @ W.T + x @ U.T),
        "no_W": np.tanh(x @ U.T + b),
        "sigmoid": 1 / (1 + np.exp(-(h @ W.T + x @ U.T + b))),
        "relu": np.maximum(h @ W.T + x @ U.T + b, 0.0),
    }
    hints = {
        "no_tanh": "you return the pre-activation a_t; the state is h_t = tanh(a_t).",
        "W_not_T": "with rows as examples, W h_{t-1} is the product of h_prev with the transpose of W "
                   "(W is not symmetric, so the order matters).",
        "no_b": "add the bias b.",
        "no_W": "the previous state h_prev must enter through W: that is the recurrence.",
        "sigmoid": "the simple RNN of the lecture uses tanh, not the sigmoid.",
        "relu": "the simple RNN of the lecture uses tanh, not the ReLU.",
    }
    for key, wrong in variants.items():
        if np.allclose(got, wrong, atol=1e-8):
            return report(title, FAIL, hints[key])
    return report(title, FAIL, "not yet: compare your code with h_t = tanh(W h_{t-1} + U x_t + b) term by term; "
                               "with rows as examples each matrix-vector product turns around (section 1).")


# The many-to-one sentence model of the notebook: 12 words one-hot, 6 hidden units, 2 classes, tau = 6.
EX3_SIZES = {"D": 12, "H": 6, "K": 2, "tau": 6}


def check_param_count(answer, sizes=None):
    """Exercise 3: number of trainable numbers in W, U, b, V, c (independent of tau)."""
    s = EX3_SIZES if sizes is None else sizes
    D, H, K, tau = s["D"], s["H"], s["K"], s["tau"]
    rnn_part = H * H + H * D + H
    out_part = K * H + K
    expected = rnn_part + out_part
    hints = {
        tau * rnn_part + out_part: "the parameters are shared across steps: W, U and b are counted once, not tau times.",
        tau * expected: "the parameters are shared across steps: count W, U, b, V, c once.",
        H * H + H * D + K * H: "include the biases b (H numbers) and c (K numbers).",
        rnn_part: "include the output layer V (K x H) and c (K): many-to-one still needs o_tau = V h_tau + c.",
        H * H + H * D + H + K * H: "include the output bias c (K numbers).",
        expected + H * K: "this model has no output recurrence: R belongs to section 4's second model, not to the "
                          "sentence model.",
    }
    return check_value("Exercise 3 (parameter count)", answer, expected,
                       hint="count W (H x H), U (H x D), b (H), V (K x H) and c (K), once each.",
                       hints=hints, rtol=0, atol=0.5)
