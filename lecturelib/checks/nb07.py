"""Self-checks for notebook 07, the LSTM.

Hints name the slip (a missing tanh or one too many, a gate on the wrong term, a block left out,
losses that add instead of multiplying) without
printing the solution, which stays in the folded answer of each exercise.
"""
from __future__ import annotations

import numpy as np

from ._core import FAIL, PASS, TODO, _close, blank, check_value, report

# Exercise 1: one step of one unit with given gate values.
STEP = {"f": 0.9, "i": 0.5, "o": 0.8, "g": -0.6, "c_prev": 1.0}


SIGN_OF_G = ("check the sign of g: a tanh output can be negative, and this g is. The cell adds i * g with its "
             "sign, so a negative candidate pulls the cell down.")
TANH_ON_G = ("g is given as the candidate itself, already the output of its tanh: use the given values as they "
             "are, without a second tanh on g.")


def step_values() -> dict:
    """The gate values and c_0 of exercise 1 (a copy)."""
    return dict(STEP)


def _step(f, i, o, g, c_prev):
    c = f * c_prev + i * g
    return c, o * np.tanh(c)


def cell_step_slips(f, i, o, g, c_prev) -> list:
    """Plausible wrong (c_1, h_1) for exercise 1, each with the hint that names its slip."""
    c, h = _step(f, i, o, g, c_prev)
    c_no_i = f * c_prev + g
    c_swap = i * c_prev + f * g
    c_tanh_g = f * c_prev + i * np.tanh(g)  # g treated as a pre-activation and squashed once more
    c_sign = f * c_prev + i * abs(g)  # g's minus sign lost
    return [
        ((c, o * c), "the cell state passes through tanh before the output gate scales it."),
        ((c, np.tanh(o * c)), "the output gate multiplies the squashed cell state; it is not inside the tanh."),
        ((c, np.tanh(c)), "h_1 is what the output gate lets through: o scales it."),
        ((c, o * np.tanh(c_prev)), "h_1 shows the NEW cell state c_1, not the old one c_0."),
        ((h, c), "the order is swapped: answer (c_1, h_1), the cell state first."),
        ((c_no_i, o * np.tanh(c_no_i)), "the candidate g enters the cell scaled by the input gate i."),
        ((c_swap, o * np.tanh(c_swap)), "f and i are swapped: f scales the old cell c_0 (what to keep), "
                                        "i scales the candidate g (what to write)."),
        ((c_tanh_g, o * np.tanh(c_tanh_g)), TANH_ON_G),
        ((c_sign, o * np.tanh(c_sign)), SIGN_OF_G),
    ]


def check_cell_step(answer):
    """Exercise 1: (c_1, h_1) for the gate values of ``step_values()``."""
    title = "Exercise 1 (one LSTM step by hand)"
    if blank(answer) or (isinstance(answer, (tuple, list)) and any(blank(a) for a in answer)):
        return report(title, TODO)
    s = STEP
    c, h = _step(s["f"], s["i"], s["o"], s["g"], s["c_prev"])
    answer = tuple(answer) if isinstance(answer, list) else answer
    try:
        shape = np.shape(answer)
    except Exception:  # ragged: check_value below says it cannot compare
        shape = None
    if shape is not None and shape != (2,):  # say only that: whether c_1 is right cannot be read from it
        got = "a single value (shape ())" if shape == () else f"shape {shape}"
        return report(title, FAIL, f"answer with the pair (c_1, h_1), two numbers with the cell state first; "
                                   f"yours has {got}.")
    slips = cell_step_slips(s["f"], s["i"], s["o"], s["g"], s["c_prev"])
    hints = dict(slips)
    c_only = [(wrong[0], hint) for wrong, hint in slips if hint in (TANH_ON_G, SIGN_OF_G)]  # named by c_1 alone
    try:
        c_right = len(answer) == 2 and _close(answer[0], c, 1e-3, 1e-4)
        c_hint = next((hint for c_wrong, hint in c_only if len(answer) == 2 and _close(answer[0], c_wrong, 1e-3, 1e-4)),
                      None)
    except Exception:  # not a pair: check_value names the shape
        c_right, c_hint = False, None
    if c_hint:  # a slip in g (a second tanh, a lost sign), whatever went into h_1
        hint = c_hint
    elif c_right:
        hint = ("c_1 is right, h_1 is not yet: read the last line of the equations in section 1 "
                "(which gate, which nonlinearity, which cell state).")
    else:
        hint = ("c_1 is not right yet: the cell-state line of section 1 says which gate scales the old cell "
                "and which scales the candidate. Answer the pair (c_1, h_1).")
    return check_value(title, answer, (c, h), rtol=1e-3, atol=1e-4, hints=hints, hint=hint)


# Exercise 2: the constant forget gate f that, with the input gate shut, halves the cell in HALF_STEPS steps.
HALF_STEPS = 50
HALF_TOL = 0.002   # accepted: |f^50 - 1/2| <= HALF_TOL (f to four decimals passes, three do not)


def half_life_gate(steps=HALF_STEPS) -> float:
    """The f with f**steps = 1/2: c_t = f c_{t-1} (i = 0) keeps half of c_0 after ``steps`` steps."""
    return 0.5 ** (1.0 / steps)


def half_life_slips(steps=HALF_STEPS) -> list:
    """Plausible wrong values of f for exercise 2, each with the hint that names its slip."""
    n = steps
    time_constant = (f"with your f the cell keeps about 1/e (0.37) of c_0 after {n} steps: {n} steps is then its "
                     "time constant, not the point where half is left.")
    return [
        (0.5 / n, f"you shared the half out over the {n} steps (0.5 / {n}). The forget gate does not subtract: "
                  f"each step multiplies the cell by f, so the {n} factors multiply up."),
        (1 - 0.5 / n, f"you took an equal amount off at each step (1 - 0.5/{n}), as if the losses added up. The forget "
                      f"gate multiplies the cell by f at every step, so the losses compound. (If instead you rounded "
                      f"the right f to two decimals: keep four.)"),
        (0.5, f"f = 0.5 halves the cell at every step; the half is to be reached after {n} steps."),
        (0.5 ** n, f"that is what f = 0.5 leaves after {n} steps. The question runs the other way: which f, applied at "
                   f"each of the {n} steps, leaves one half?"),
        (2 ** (1.0 / n), f"a forget gate above 1 makes the cell grow (and a sigmoid never gets there): your f doubles "
                         f"the cell over {n} steps."),
        (1 - 0.5 ** (1.0 / n), "this is the share the cell loses at each step, 1 - f; the forget gate is the share it "
                               "keeps."),
        (0.5 ** (1.0 / (n - 1)), f"one step short: from c_0 to c_{n} the forget gate acts at steps 1, 2, ..., {n}."),
        (0.5 ** (1.0 / (n + 1)), f"one step too many: from c_0 to c_{n} the forget gate acts at steps 1, 2, ..., {n}."),
        (1 - np.log(2) / n, f"close, but that is a linear approximation: with your f the cell keeps "
                            f"{(1 - np.log(2) / n) ** n:.4f} of c_0 after {n} steps. Solve for f exactly."),
        (1 - 1.0 / n, time_constant),
        (float(np.exp(-1.0 / n)), time_constant),
    ]


def _slip_matches(f, wrong) -> bool:
    # a slip computed in numpy, or typed with five decimals; tiny values relative to their size
    return abs(f - wrong) <= (1e-5 if wrong >= 1e-3 else 1e-2 * wrong)


def check_half_life(answer):
    """Exercise 2: the constant forget gate f for which c_50 = c_0 / 2 when the input gate is shut."""
    title = "Exercise 2 (how long does a forget gate hold a memory?)"
    if blank(answer):
        return report(title, TODO)
    try:
        arr = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        return report(title, FAIL, f"answer with one number, the forget gate f; got {type(answer).__name__}.")
    if arr.size != 1:
        return report(title, FAIL, f"answer with one number, the forget gate f; yours has shape {arr.shape}.")
    f, n = float(arr.reshape(())), HALF_STEPS
    if not np.isfinite(f):
        return report(title, FAIL, "answer with a finite number between 0 and 1.")
    kept = f**n if f > 0 else 0.0
    if abs(kept - 0.5) <= HALF_TOL:
        exact = abs(f - half_life_gate()) < 1e-9
        note = "" if exact else f" (rounded: your f keeps {kept:.4f} of c_0, close enough)"
        return report(title, PASS, f"with i = 0 the cell keeps f^{n} of c_0 after {n} steps{note}")
    for wrong, hint in half_life_slips():
        if _slip_matches(f, wrong):
            return report(title, FAIL, hint)
    if f == 1.0:
        return report(title, FAIL, "f = 1 keeps all of c_0, the perfect memory of the first check in section 1; "
                                   f"here half should be left after {n} steps.")
    if not 0.0 < f < 1.0:
        return report(title, FAIL, "a forget gate is a sigmoid: it lies strictly between 0 and 1.")
    if abs(kept - 0.5) <= 0.03:
        return report(title, FAIL, f"close: your f keeps {kept:.4f} of c_0 after {n} steps. Keep more digits "
                                   "(at least four decimals).")
    return report(title, FAIL, f"your f keeps {kept:.3g} of c_0 after {n} steps. Write c_{n} in terms of c_0 and f "
                               "when i = 0 (a product of forget gates, section 2), then choose f so that it is c_0 / 2.")


COUNT_D, COUNT_H = 10, 32


def lstm_param_count(D=COUNT_D, H=COUNT_H) -> int:
    """4 (H D + H H + H): four blocks (i, f, g, o) of U (H, D), W (H, H), b (H,)."""
    return 4 * (H * D + H * H + H)


def param_count_slips(D=COUNT_D, H=COUNT_H) -> dict:
    """Plausible wrong counts for exercise 3, each with the hint that names its slip."""
    return {
        4 * (H * D + H * H): "each of the four blocks also has a bias vector b_*.",
        H * D + H * H + H: "that is one block; the LSTM has four: i, f, g and o.",
        3 * (H * D + H * H + H): "three blocks is the GRU; the LSTM has i, f, g and o.",
        4 * (H * D + D * D + H): "W_* maps h_{t-1} to the H units: look at its shape again.",
        4 * (H * D + H): "each block also has a recurrent matrix W_*, which reads h_{t-1}.",
        4 * (H * H + H): "each block also has an input matrix U_*, which reads x_t.",
        4 * (H * D + H * H + H) + 2 * H: "the states h and c are computed, not learned: count only U_*, W_*, b_*.",
        4 * (H * D + H * H + 2 * H): "one bias vector per block in this series (PyTorch keeps two, which add up; "
                                     "notebook 08 shows why).",
    }


def check_param_count(answer):
    """Exercise 3: parameters of an LSTM cell with D = 10 inputs and H = 32 units (no output layer)."""
    D, H = COUNT_D, COUNT_H
    title = "Exercise 3 (count the parameters)"
    try:
        right = not blank(answer) and _close(answer, lstm_param_count(D, H), 1e-6, 1e-9)
    except Exception:  # check_value below names what is wrong with the answer
        right = False
    if right:
        # the library call that confirms the count is shown only now: before, it would give the answer away
        return report(title, PASS, f"now confirm it with the library: sum(a.size for a in "
                                   f"lstm.init_params({D}, {H}, rng=rng).values()) gives the same number")
    return check_value(title, answer, lstm_param_count(D, H),
                       hints=param_count_slips(D, H),
                       hint="list the arrays of one gate block with their shapes (section 1), count their numbers, "
                            "then count the blocks.")
