"""Self-checks for notebook 05 (back-propagation through time)."""
from __future__ import annotations

import numpy as np

from .. import rnn
from ._core import FAIL, PASS, TODO, blank, call_student, report


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
    """Exercise 1: fn(dh_t, x_t, h_prev, h_t, W, U) -> (dx_t, dh_prev, dW, dU, db).

    Hints name the slip (the tanh factor at the wrong step, a transpose, a mean for a sum)
    without printing the solution, which stays in the folded answer.
    """
    title = "Exercise 1 (backward of one step)"
    case = _step_case()
    call = call_student(title, fn, *[a.copy() for a in case],
                        on_error="Check the shape of every product: rows are examples (section 3).",
                        watch={"rnn.step_backward": rnn.step_backward, "rnn.backward": rnn.backward,
                               "rnn._step_backward": rnn._step_backward})
    if call.verdict is not None:
        return call.verdict
    if call.used:
        return report(title, FAIL, f"your function calls {', '.join(sorted(call.used))}: write the five "
                                   "gradients yourself with numpy, from the equations of section 3.")
    got = call.value
    if not isinstance(got, (tuple, list)) or len(got) != 5:
        return report(title, FAIL, "return the five arrays (dx_t, dh_prev, dW, dU, db) as a tuple.")
    want = _step_reference(*case)
    dh, x, h_prev, h_t, W, U = case
    no_tanh = _step_reference(dh / np.where(1 - h_t**2 == 0, 1, 1 - h_t**2), x, h_prev, h_t, W, U)
    wrong_step = _step_reference(dh, x, h_prev, h_prev, W, U)  # tanh' taken at h_prev instead of h_t
    da = dh * (1.0 - h_t**2)
    for i, (name, g, w) in enumerate(zip(_NAMES, got, want)):
        try:
            g = np.asarray(g, dtype=float)
        except (TypeError, ValueError):
            return report(title, FAIL, f"{name} is not an array of numbers.")
        if g.shape != w.shape:
            extra = " dW has the shape of W and dU the shape of U." if name in ("dW", "dU") else ""
            return report(title, FAIL, f"{name} has shape {g.shape}, expected {w.shape}.{extra}")
        if np.allclose(g, w, rtol=1e-6, atol=1e-9):
            continue
        if np.allclose(g, no_tanh[i], rtol=1e-6, atol=1e-9):
            return report(title, FAIL, "you skipped the tanh: every gradient must first pass through "
                                       "tanh'(a_t), which section 3 writes with the state of this step.")
        if np.allclose(g, wrong_step[i], rtol=1e-6, atol=1e-9):
            return report(title, FAIL, "the tanh derivative is taken at the wrong step: this step computed "
                                       "h_t = tanh(a_t), so tanh'(a_t) is written with h_t, not h_prev.")
        if name == "dh_prev" and np.allclose(g, da @ W.T, rtol=1e-6, atol=1e-9):
            return report(title, FAIL, "dh_prev is transposed: with rows as examples a_t contains h_prev @ W.T, "
                                       "so going back multiplies by W itself, not by W.T.")
        if name in ("dW", "dU") and g.shape == w.T.shape and np.allclose(g, w.T, rtol=1e-6, atol=1e-9):
            return report(title, FAIL, f"{name} is transposed: row i of the weight matrix belongs to hidden unit i.")
        if name == "db" and np.allclose(g, da.mean(axis=0), rtol=1e-6, atol=1e-9):
            return report(title, FAIL, "db adds the gradients of all N rows (sum, not mean): the loss is already averaged.")
        return report(title, FAIL, f"{name} is not right yet ({_WHERE[name]}). Work from delta_t, the gradient "
                                   "at a_t (section 3), and remember that with rows as examples each "
                                   "column-vector formula turns around.")
    return report(title, PASS, "all five gradients match lecturelib.rnn.step_backward")


# Where each gradient comes from, for the catch-all hint (the formula itself stays in the folded answer).
_WHERE = {
    "dx_t": "x_t enters a_t through U",
    "dh_prev": "h_prev enters a_t through W",
    "dW": "W multiplies h_prev, and the rows of the batch add up",
    "dU": "U multiplies x_t, and the rows of the batch add up",
    "db": "b is added to a_t in every row",
}


def exercise2_setup():
    """A sequence of T = 3 steps: returns x (2, 3, 4), params, h (2, 3, 5) from rnn.forward,
    and dh (2, 3, 5): the gradient each loss L_t sends to its own h_t."""
    g = np.random.default_rng(7)
    params = rnn.init_params(4, 5, rng=g)
    x = g.normal(size=(2, 3, 4))
    h, _ = rnn.forward(x, None, params)
    dh = g.normal(size=(2, 3, 5))
    return x, params, h, dh


def _ex2_wrong_answers(W, h, dh):
    """(a wrong dL/dh_2, the hint naming that slip), for the slips a student makes most."""
    d2, d3, h2, h3 = dh[:, 1], dh[:, 2], h[:, 1], h[:, 2]
    right = d2 + (d3 * (1 - h3**2)) @ W
    wrong_step = ("the tanh derivative is taken at the wrong step (the slip section 3 warns about): the path "
                  "from h_3 back to h_2 goes through h_3 = tanh(a_3), so the factor is written with h_3, not h_2.")
    return [
        (d2, "that is only what L_2 sends to h_2 directly. h_2 also feeds h_3, so the later loss L_3 "
             "reaches it too: add what comes back from h_3."),
        ((d3 * (1 - h3**2)) @ W, "that is only what comes back from h_3; add what L_2 sends to h_2 directly."),
        (d2 + d3, "you added h_3's gradient as it stands; on the way back to h_2 it passes through h_3's tanh "
                  "and through W."),
        (d2 + d3 @ W, "the path from h_3 back to h_2 passes through h_3's tanh as well as through W: "
                      "the tanh derivative is missing."),
        (d2 + d3 * (1 - h3**2), "the path from a_3 back to h_2 passes through W: a_3 depends on h_2 only via W h_2."),
        (d2 + (d3 * (1 - h2**2)) @ W, wrong_step),
        (d2 + (d3 @ W) * (1 - h2**2), wrong_step),
        (d2 + (d3 * (1 - h3**2)) @ W.T, "with rows as examples a_3 contains h_2 @ W.T, so going back multiplies "
                                        "by W itself, not by W.T."),
        (right * (1 - h2**2), "that is one stage too far: the gradient at a_2 (after tanh'); the question asks "
                              "for h_2 itself."),
        (dh[:, 0] + (d2 * (1 - h2**2)) @ W, "that is the gradient at h_1; h_2 is h[:, 1], fed by L_2 and L_3."),
        (d3, "that is the gradient at h_3 (h[:, 2], the last state); h_2 is h[:, 1]."),
    ]


def check_gradient_at_h2(answer) -> object:
    """Exercise 2: the total dL/dh_2 (lecture numbering h_1, h_2, h_3 = h[:, 0], h[:, 1], h[:, 2]).

    Each known slip gets a hint that names it; none prints the solution (it is in the folded answer).
    """
    title = "Exercise 2 (the gradient reaching h_2)"
    if blank(answer):
        return report(title, TODO)
    _, params, h, dh = exercise2_setup()
    W = params["W"]
    expected = dh[:, 1] + (dh[:, 2] * (1 - h[:, 2] ** 2)) @ W
    try:
        a = np.asarray(answer, dtype=float)
    except (TypeError, ValueError) as exc:
        return report(title, FAIL, f"could not read your answer as an array ({exc}).")
    if a.shape != expected.shape:
        return report(title, FAIL, f"your answer has shape {a.shape}, expected {expected.shape} (N, H).")
    if np.allclose(a, expected, rtol=1e-6, atol=1e-9):
        return report(title, PASS, "dL/dh_2 = dL_2/dh_2 + W^T-path from h_3")
    for w, hint in _ex2_wrong_answers(W, h, dh):
        if np.allclose(a, w, rtol=1e-6, atol=1e-9):
            return report(title, FAIL, hint)
    return report(title, FAIL, "dL/dh_2 has two parts: what L_2 sends to h_2 directly, and what comes back from "
                               "h_3. Check each part against the recursion of section 3, and the indices "
                               "(h_1, h_2, h_3 are h[:, 0], h[:, 1], h[:, 2]).")


# Exercise 3: on half the characters the right one gets probability 1, on the other half 1/9.
HALF_SURE_P = 1.0 / 9.0


def _ex3_wrong_answers():
    """(a wrong perplexity, the hint naming that slip), for the slips a student makes most."""
    p = HALF_SURE_P
    loss_unsure = -np.log(p)  # log 9, the loss of one character of the unsure half
    mean_loss = 0.5 * loss_unsure  # log 3
    return [
        ((1.0 + 1.0 / p) / 2, "you averaged the two perplexities (1 and 9). Perplexity is exp of the mean "
                              "*loss*: average the losses of the two halves first, then take exp."),
        (1.0 / ((1.0 + p) / 2), "you averaged the probabilities. Perplexity works with the losses -log p: "
                                "average those, then take exp."),
        ((0.0 + 1.0 / p) / 2, "a character the model is sure of has loss 0, but perplexity 1 (exp 0), not 0; "
                              "and perplexity is exp of the mean loss, not the mean of perplexities."),
        (mean_loss, "that is the mean loss per character (in nats); perplexity is exp of it."),
        (loss_unsure, "that is the loss of one character of the unsure half; the sure half counts too "
                      "(its loss is 0), and perplexity is exp of the mean loss."),
        (1.0 / p, "that is the perplexity on the unsure half alone; the characters the model is sure of "
                  "count too (their loss is 0)."),
        (np.exp(-mean_loss), "that is exp(-mean loss), the typical probability of the right character; "
                             "perplexity is exp(+mean loss), its inverse."),
        ((1.0 + p) / 2, "that is the mean probability of the right character; perplexity is exp of the mean "
                        "loss -log p."),
        (mean_loss / np.log(2), "that is the mean loss in bits (log base 2); perplexity is exp of the mean "
                                "loss in nats (or 2 to the power of the loss in bits)."),
    ]


def check_half_sure_perplexity(answer) -> object:
    """Exercise 3: perplexity when the right character gets p = 1 on half the text and 1/9 on the rest.

    The answer is exp(mean(0, log 9)) = 3. Known slips (averaging perplexities or probabilities,
    forgetting the exp, leaving out the sure half) get a hint that names them.
    """
    title = "Exercise 3 (perplexity of a model that is sure half the time)"
    if blank(answer):
        return report(title, TODO)
    if isinstance(answer, bool):
        return report(title, FAIL, "give one number, not True or False.")
    try:
        a = float(answer)
    except (TypeError, ValueError):
        return report(title, FAIL, f"give one number, got {type(answer).__name__}.")
    expected = float(np.exp(0.5 * -np.log(HALF_SURE_P)))  # 3
    if np.isclose(a, expected, rtol=1e-6):
        return report(title, PASS, "exp of the mean loss, (0 + log 9) / 2 = log 3: as unsure, on average, as a "
                                   "choice among 3 equally likely characters")
    if np.isclose(a, expected, rtol=2e-2):
        return report(title, FAIL, "close, but not exact: work it out without rounding the logarithms.")
    for wrong, hint in _ex3_wrong_answers():
        if np.isclose(a, wrong, rtol=1e-2):
            return report(title, FAIL, hint)
    return report(title, FAIL, "perplexity = exp(mean loss per character). Find the loss -log p of one "
                               "character in each half, average over the whole text, then take exp.")


__all__ = ["check_step_backward", "exercise2_setup", "check_gradient_at_h2", "check_half_sure_perplexity"]
