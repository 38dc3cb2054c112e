"""Self-checks for notebook 09, hidden-state types side by side."""
from __future__ import annotations

import itertools

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


# Exercise 3: the multiply-adds of reading one sequence and giving the answer. The sizes are the experiment's H, K
# and longest T, with D = 6 inputs per step rather than the task's 1. With D = 1, H(H + D) = H(H + 1): leaving out
# U x_t but counting the bias b would give the right count. With D = 6 no combination of two of the slips below does
# (tests/test_checks_nb09.py).
WORK_T, WORK_D, WORK_H, WORK_K = 20, 6, 16, 2
BLOCKS = {"rnn": 1, "lstm": 4, "gru": 3}   # W h_{t-1} + U x_t per step: the simple RNN's one, i, f, o, g and z, r, n
WORK_MODELS = ("rnn", "lstm", "gru")
# elementwise products per step, in units of H: f c, i g, o tanh(c) in the LSTM; r h, z h, (1 - z) n in the GRU
_POINTWISE = {"rnn": 0, "lstm": 3, "gru": 3}
_LONG = {"rnn": "the simple RNN", "lstm": "the LSTM", "gru": "the GRU"}


def reference_multiply_adds(model, T=WORK_T, D=WORK_D, H=WORK_H, K=WORK_K):
    """Products of a many-to-one model reading T steps: every step, each block's W h_{t-1} (H x H) and U x_t
    (H x D); at the end, once, V h_T (K x H). Biases and pointwise work are not counted."""
    return T * BLOCKS[model] * H * (H + D) + K * H


# The slips a wrong count can be explained by, each named in the hint (never the right count).
_SLIP_HINTS = {
    "one step": "you counted one step. Reading the sequence runs the cell once per input, and every step computes "
                "its products again: the weights are shared between the steps, the work is not.",
    "T - 1 steps": "you counted one step too few: h_1 needs W h_0 + U x_1 like every later step (h_0 is given, "
                   "h_1 is not).",
    "no W h_0": "you left out W h_0 at the first step. h_0 is zero here, but the first step is the same step as "
                "every later one and computes W h_{t-1} + U x_t all the same: count the products the cell computes.",
    "no U": "you left out U x_t: each block multiplies the input as well as the previous state.",
    "no W": "you left out W h_{t-1}: each block multiplies the previous state as well as the input, and that "
            "product is the recurrence.",
    "biases": "you counted the biases: adding b (in a block) or c (at the output) is an addition, not a product. "
              "Count only the products W h_{t-1}, U x_t and V h_T.",
    "output every step": "you counted the output layer at every step. It runs once, at the end: the model reads "
                         "only h_T (many-to-one).",
    "no output": "you left out the output layer: giving the answer costs products too, o = V h_T + c, once at the end.",
    "D = 1": f"you counted with D = 1, the task's single number per step; this exercise's inputs have D = {WORK_D} "
             "(or you left out U x_t and counted the bias b instead, which gives the same count).",
    "blocks": "you counted a different number of blocks: every gate and the candidate computes its own "
              "W h_{t-1} + U x_t (the table of section 2).",
    "pointwise": "you counted the elementwise products of the gates: the exercise counts only the matrix-vector "
                 "products W h_{t-1}, U x_t and V h_T, which are most of the work when H is large.",
    "biases or pointwise": "you counted work that is not a matrix-vector product: the biases (adding b is an "
                           "addition, not a product) or the elementwise products of the gates, which give the same "
                           "count here. Count only the products W h_{t-1}, U x_t and V h_T.",
    "params": "you counted the weights (exercise 1), not the work of reading a sequence. In a feed-forward network "
              "each weight takes part in one multiply-add per example, so the two counts agree; a recurrent cell "
              "uses the same W and U again at every step.",
}
_MEASURED_HINT = ("those look like times or ratios, such as the lines under the table, not counts. This exercise "
                  "asks how many multiply-adds each model computes to read the whole sequence and give its answer.")
_SWAPPED_HINT = "the LSTM's and the GRU's counts are swapped: which of the two cells has more blocks?"


_AMBIGUOUS = {"biases", "pointwise"}


def _ways_to_count(model, T=WORK_T, D=WORK_D, H=WORK_H, K=WORK_K):
    """{count: slips} for the right count and plausible wrong ones; where two ways give the same count, the one
    with fewer slips is kept (the likelier explanation)."""
    ways = {}
    right_blocks = BLOCKS[model]
    options = (
        ((T, ()), (T - 1, ("T - 1 steps",)), (1, ("one step",))),                      # steps counted
        ((D, ()), (1, ("D = 1",))),                                                     # inputs per step
        (("both", ()), ("no U", ("no U",)), ("no W", ("no W",))),                       # products in a block
        ((0, ()), (1, ("no W h_0",))),                                                  # steps without W h_{t-1}
        ((0, 0, ()), (H, 0, ("biases",)), (H, K, ("biases",))),                         # biases added per block, at c
        (("once", ()), ("never", ("no output",)), ("every step", ("output every step",))),  # the output layer
        sorted({right_blocks, 1, 2, 3, 4, 5}),                                          # blocks per step
        ((0, ()), (_POINTWISE[model] * H, ("pointwise",))),                             # elementwise products
    )
    for (steps, s_slip), (d, d_slip), (kind, p_slip), (skip_w, w_slip), (bias, out_bias, b_slip), (out, o_slip), \
            blocks, (point, e_slip) in itertools.product(*options):
        if (d_slip and p_slip == ("no U",)) or (e_slip and not point):
            continue                                            # D does not matter without U; no pointwise work
        if w_slip and (kind == "no W" or steps != T):
            continue                                            # W h_0 can only be left out of a full count
        prod = {"both": H * (H + d), "no U": H * H, "no W": H * d}[kind]
        n_out = {"once": 1, "never": 0, "every step": steps}[out]
        k_slip = () if blocks == right_blocks else (f"blocks={blocks}",)
        slips = s_slip + d_slip + p_slip + w_slip + b_slip + o_slip + k_slip + e_slip
        count = steps * (blocks * (prod + bias) + point) - skip_w * blocks * H * H + n_out * (K * H + out_bias)
        if count not in ways or len(slips) < len(ways[count]):
            ways[count] = slips
        elif len(slips) == len(ways[count]) and _AMBIGUOUS == set(slips) ^ set(ways[count]):
            # the GRU's three biases and its three elementwise products per step: H each
            ways[count] = tuple("biases or pointwise" if x in _AMBIGUOUS else x for x in ways[count])
    params = right_blocks * H * (H + D + 1) + K * H + K      # counting each weight once, as for a DNN
    ways[params] = ("params",)
    ways[params - K] = ("params",)
    return ways


def _plain(slips):
    """slips with the GRU's ambiguous "biases or pointwise" read as "biases", to compare the slips of two models."""
    return None if slips is None else tuple("biases" if s == "biases or pointwise" else s for s in slips)


def _number(a):
    """a as a float, or None when it is not a number."""
    if isinstance(a, (bool, np.bool_, str)):
        return None
    try:
        x = float(a)
    except (TypeError, ValueError):
        return None
    return x if np.isfinite(x) else None


def _whole(x) -> bool:
    return abs(x - round(x)) <= 1e-6 * max(1.0, abs(x))


def check_multiply_adds(answer):
    """Exercise 3: {"rnn": ..., "lstm": ..., "gru": ...}, the multiply-adds each model computes to read a sequence
    of WORK_T steps (WORK_D inputs per step, WORK_H hidden units, WORK_K classes) and give its answer.

    A slip is named, never the right count; a count none of the known slips explains gets a question per step.
    """
    title = "Exercise 3 (the work of reading a sequence)"
    try:
        return _judge_multiply_adds(title, answer)
    except Exception as exc:  # never let a check crash the notebook
        return report(title, FAIL, f"could not judge your answer ({type(exc).__name__}: {exc}). Answer with a dict "
                                   '{"rnn": ..., "lstm": ..., "gru": ...} of numbers.')


def _judge_multiply_adds(title, answer):
    if blank(answer) or (isinstance(answer, dict) and answer and all(blank(a) for a in answer.values())):
        return report(title, TODO)
    if not isinstance(answer, dict):
        return report(title, FAIL, 'answer with a dict {"rnn": ..., "lstm": ..., "gru": ...}, one count per model.')
    keys = {str(k).strip().lower(): a for k, a in answer.items()}
    missing = [m for m in WORK_MODELS if m not in keys]
    if missing:
        return report(title, FAIL, f"your dict has no {', '.join(repr(m) for m in missing)}: give one count for "
                                   f'each of "rnn", "lstm" and "gru".')
    extra = sorted(set(keys) - set(WORK_MODELS))
    if extra:
        return report(title, FAIL, f"unexpected key {', '.join(repr(k) for k in extra)}: the exercise asks for "
                                   'the three recurrent models only, "rnn", "lstm" and "gru".')
    if any(blank(keys[m]) for m in WORK_MODELS):
        return report(title, FAIL, "give all three counts, the simple RNN's, the LSTM's and the GRU's.")
    got = {m: _number(keys[m]) for m in WORK_MODELS}
    if any(g is None for g in got.values()):
        bad = next(m for m in WORK_MODELS if got[m] is None)
        return report(title, FAIL, f"each count must be a number; for {bad!r} you gave {type(keys[bad]).__name__}.")
    if not all(g > 0 for g in got.values()):
        return report(title, FAIL, "each count must be a positive number of multiply-adds.")
    want = {m: reference_multiply_adds(m) for m in WORK_MODELS}
    if all(abs(got[m] - want[m]) <= 1e-6 * want[m] for m in WORK_MODELS):
        return report(title, PASS, "every gate and candidate is one block of products per step, reading the "
                                   "sequence repeats the step T times, and the output layer is paid once. The measured "
                                   "times under the table need not follow these ratios at H = 16 (see the reference "
                                   "solution)")
    if not all(_whole(g) for g in got.values()):
        return report(title, FAIL, _MEASURED_HINT)
    slips = {}
    for m in WORK_MODELS:
        n = round(got[m])
        slips[m] = () if n == want[m] else _ways_to_count(m).get(n)   # None: no known slip explains it
    wrong = [m for m in WORK_MODELS if slips[m] != ()]
    if all(slips[m] is None for m in wrong) and max(got.values()) <= 100:
        return report(title, FAIL, _MEASURED_HINT)
    hints = []
    lstm_blocks = next((s for s in slips["lstm"] or () if s.startswith("blocks=")), None)
    gru_blocks = next((s for s in slips["gru"] or () if s.startswith("blocks=")), None)
    swapped = lstm_blocks == f"blocks={BLOCKS['gru']}" and gru_blocks == f"blocks={BLOCKS['lstm']}"
    if swapped:
        hints.append(_SWAPPED_HINT)
    first = wrong[0]
    if slips[first] is None:
        hints.append(f"your count for {_LONG[first]} is off. Work out one step first: which matrix-vector products "
                     "does it compute, and how many multiply-adds is each? Then: how many steps are there, and how "
                     "often does the output layer run?")
    else:
        rest = [s for s in slips[first] if not (swapped and s.startswith("blocks="))]
        if rest:
            same = all(_plain(slips[m]) == _plain(slips[first]) for m in WORK_MODELS)
            hints.append("all three counts have the same slip." if same else f"your count for {_LONG[first]} is off.")
        for slip in rest:
            if slip.startswith("blocks=") and first == "rnn":
                hints.append("you counted more than one block: the simple RNN has no gates, its step is "
                             "W h_{t-1} + U x_t and a tanh.")
            elif slip.startswith("blocks="):
                hints.append(_SLIP_HINTS["blocks"])
            else:
                hints.append(_SLIP_HINTS[slip])
    return report(title, FAIL, " ".join(h if i == 0 else h[0].upper() + h[1:] for i, h in enumerate(hints)))
