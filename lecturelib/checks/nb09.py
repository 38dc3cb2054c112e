"""Self-checks for notebook 09, hidden-state types side by side."""
from __future__ import annotations

import numpy as np

from .. import compare, gru, lstm, rnn, seqclass
from ._core import FAIL, PASS, TODO, blank, call_student, report, untouched_or_not_callable


def reference_n_params(model, D, H, K, tau=3):
    """Parameters of the four many-to-one models of lecturelib.compare, output layer V, c included."""
    out = K * H + K
    cell = {"dnn": H * tau * D + H, "rnn": H * H + H * D + H,
            "lstm": 4 * (H * H + H * D + H), "gru": 3 * (H * H + H * D + H)}
    return cell[model] + out


_SIZES = [(1, 16, 2, 3), (3, 10, 4, 3), (2, 5, 3, 6)]

# Library functions that would count (or build the weights to count) for the student.
_LIBRARY_COUNTS = {"compare.count_params": compare.count_params, "seqclass.count_params": seqclass.count_params,
                   "compare.init_model": compare.init_model, "compare.dnn_init": compare.dnn_init,
                   "seqclass.init_model": seqclass.init_model, "rnn.init_params": rnn.init_params,
                   "lstm.init_params": lstm.init_params, "gru.init_params": gru.init_params}


# The catch-all hint: one pointer for the first model whose count is off, never the whole formula.
_POINTER = {
    "dnn": "Go through row (a) of the table of section 2: which arrays does the DNN have, and how many numbers "
           "does each hold? The output layer comes on top.",
    "rnn": "Go through row (b) of the table of section 2: list the arrays of the block with their shapes, add up "
           "their sizes, then add the output layer.",
    "lstm": "Go through row (c) of the table of section 2: how many blocks does the LSTM have, and how many numbers "
            "are in one block? The output layer comes on top.",
    "gru": "Go through row (d) of the table of section 2: how many blocks does the GRU have, and how many numbers "
           "are in one block? The output layer comes on top.",
}


def check_n_params(fn):
    """Exercise 1: fn(model, D, H, K, tau) -> number of parameters, output layer included."""
    title = "Exercise 1 (count the parameters)"
    if (verdict := untouched_or_not_callable(title, fn, "a function n_params(model, D, H, K, tau)")) is not None:
        return verdict
    for D, H, K, tau in _SIZES:
        for model in ("dnn", "rnn", "lstm", "gru"):
            call = call_student(title, fn, model, D, H, K, tau, signature="a function n_params(model, D, H, K, tau)",
                                on_error=f"(called as n_params({model!r}, D={D}, H={H}, K={K}, tau={tau}))",
                                watch=_LIBRARY_COUNTS)
            if call.verdict is not None:
                return call.verdict
            if call.used:
                return report(title, FAIL, f"your function calls {', '.join(sorted(call.used))}, so the library "
                                           "counts for you. Write the count from the shapes of the weights (the "
                                           "table of section 2); use compare.count_params outside n_params, to "
                                           "check your result.")
            got = call.value
            want = reference_n_params(model, D, H, K, tau)
            try:
                got = float(got)
            except (TypeError, ValueError):
                return report(title, FAIL, f"return a whole number, got {type(got).__name__} for {model!r}.")
            if got == want:
                continue
            where = f"n_params({model!r}, D={D}, H={H}, K={K}, tau={tau}) = {got:g}, expected another number. "
            cell = want - (K * H + K)
            if got == cell:
                return report(title, FAIL, where + "Include the output layer V (K x H) and c (K,): every model has it.")
            blocks = {"dnn": 1, "rnn": 1, "lstm": 4, "gru": 3}[model]
            if got in (want - blocks * H, want - (blocks - 1) * H, want - K) and got != want:
                return report(title, FAIL, where + "Count the biases: b (H,) in every block (each gate and the "
                                                   "candidate has its own) and c (K,) at the output.")
            if model == "lstm" and got == reference_n_params("gru", D, H, K, tau):
                return report(title, FAIL, where + "The LSTM has four blocks (gates i, f, o and candidate g), "
                                                   "the GRU three (z, r and candidate n).")
            if model == "gru" and got == reference_n_params("lstm", D, H, K, tau):
                return report(title, FAIL, where + "The GRU has three blocks (z, r and candidate n), not four.")
            if model == "dnn" and got == H * D + H + K * H + K:
                return report(title, FAIL, where + "The DNN's U reads the whole window: tau inputs of size D, "
                                                   "so U is H x (tau D).")
            if model == "dnn" and got == reference_n_params("rnn", D, H, K, tau):
                return report(title, FAIL, where + "The DNN has no recurrent W: its hidden layer reads only the window.")
            return report(title, FAIL, where + _POINTER[model])
    return report(title, PASS, "the parameters of a recurrent cell do not depend on T, the DNN's grow with tau")


WINDOW_TAU, WINDOW_MAX_T = 5, 12


def reference_solvable_lengths(tau=WINDOW_TAU, max_T=WINDOW_MAX_T):
    """The lengths T of the first-input task whose x_1 lies inside a window of the last tau inputs."""
    return [T for T in range(1, max_T + 1) if T <= tau]


def check_solvable_lengths(answer):
    """Exercise 2: the lengths T in 1..12 a window of tau = 5 can solve, as a list of ints."""
    title = "Exercise 2 (where the window reaches)"
    if blank(answer):
        return report(title, TODO)
    try:
        got = sorted({int(a) for a in answer})
    except (TypeError, ValueError):
        return report(title, FAIL, "answer with a list of whole numbers, e.g. [1, 2].")
    want = reference_solvable_lengths()
    if got == want:
        return report(title, PASS, f"x_1 is in the window exactly when T <= tau = {WINDOW_TAU}")
    if got == want[:-1]:
        return report(title, FAIL, f"off by one: at T = {WINDOW_TAU} the window holds x_1, ..., x_{WINDOW_TAU}, "
                                   "so x_1 is still inside.")
    if got == list(range(1, 4)):
        return report(title, FAIL, f"the window in this exercise is tau = {WINDOW_TAU}, not 3.")
    if got == want + [WINDOW_TAU + 1]:
        return report(title, FAIL, f"at T = {WINDOW_TAU + 1} the window holds x_2, ..., x_{WINDOW_TAU + 1}: x_1 has left it.")
    if got and got[-1] == WINDOW_MAX_T:
        return report(title, FAIL, "a DNN has no state: an input outside its window cannot influence the output, "
                                   "however long it trains.")
    return report(title, FAIL, "the label is the sign of x_1; the window holds the last tau inputs x_{T-tau+1}, ..., x_T. "
                               "For which T is x_1 among them?")


COST_RATIO = {"lstm": 4, "gru": 3}  # blocks per step: i, f, o, g and z, r, n


def _whole(a) -> bool:
    return bool(np.isclose(a, round(a), rtol=0, atol=1e-6))


def check_cost_ratio(answer):
    """Exercise 3: {"lstm": ratio, "gru": ratio} of a cell's multiply-adds per step to the simple RNN's.

    The hints never state the block counts (the answer): a slip is named, the counting is left to the student.
    """
    title = "Exercise 3 (the cost of a gate)"
    if blank(answer) or (isinstance(answer, dict) and all(blank(a) for a in answer.values())):
        return report(title, TODO)
    if not isinstance(answer, dict) or set(answer) != {"lstm", "gru"}:
        return report(title, FAIL, 'answer with a dict {"lstm": ..., "gru": ...}.')
    if any(blank(a) for a in answer.values()):
        return report(title, FAIL, "give both ratios, the LSTM's and the GRU's.")
    try:
        got = {k: float(a) for k, a in answer.items()}
    except (TypeError, ValueError):
        return report(title, FAIL, "each ratio must be a number.")
    if not all(np.isfinite(a) and a > 0 for a in got.values()):
        return report(title, FAIL, "each ratio must be a positive number: a cost per step against the simple RNN's.")
    lstm_, gru_ = got["lstm"], got["gru"]
    want = COST_RATIO
    if np.isclose(lstm_, want["lstm"]) and np.isclose(gru_, want["gru"]):
        return report(title, PASS, "these count multiply-adds. At H = 16 the measured times need not follow them, "
                                   "not even in order (see the GRU/LSTM line under the table): the pointwise gate "
                                   "work, Python overhead per call and the GRU's two products in a row take time too")
    if np.isclose(lstm_, 1):
        return report(title, FAIL, "both ratios are against the simple RNN's step, H(H + D) multiply-adds, not "
                                   "against the LSTM's.")
    if max(lstm_, gru_) > 20:
        return report(title, FAIL, "answer with ratios, the cost of a step divided by the simple RNN's H(H + D), "
                                   "not with the number of multiply-adds itself.")
    if not (_whole(lstm_) and _whole(gru_)):
        return report(title, FAIL, "those look like measured times, such as the ratios printed under the table. "
                                   "This exercise asks for a count: how many multiply-adds does one step do, "
                                   "against the simple RNN's H(H + D)? Ignore the pointwise work.")
    if np.isclose(lstm_, want["gru"]) and np.isclose(gru_, want["lstm"]):
        return report(title, FAIL, "the two are swapped: which of the cells has more gates?")
    if np.isclose(lstm_, want["lstm"] - 1) and np.isclose(gru_, want["gru"] - 1):
        return report(title, FAIL, "you counted the gates only: the candidate (g in the LSTM, n in the GRU) has "
                                   "its own W and U as well.")
    if np.isclose(lstm_, gru_):
        return report(title, FAIL, "the two cells do not compute the same number of blocks: list the gates and the "
                                   "candidate of each (section 2) and count them separately.")
    if np.isclose(lstm_, want["lstm"]):
        extra = " Its candidate n is a block too." if np.isclose(gru_, want["gru"] - 1) else ""
        return report(title, FAIL, "the LSTM's ratio is right; count the GRU's blocks again: every gate and the "
                                   "candidate computes its own W h + U x." + extra)
    if np.isclose(gru_, want["gru"]):
        extra = " Its candidate g is a block too." if np.isclose(lstm_, want["lstm"] - 1) else ""
        return report(title, FAIL, "the GRU's ratio is right; count the LSTM's blocks again: every gate and the "
                                   "candidate computes its own W h + U x." + extra)
    return report(title, FAIL, "a block W h + U x costs H(H + D) multiply-adds; the simple RNN computes one block "
                               "per step. How many does each gated cell compute?")
