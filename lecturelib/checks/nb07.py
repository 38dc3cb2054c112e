"""Self-checks for notebook 07, the LSTM.

Hints name the slip (a missing tanh, a gate on the wrong term, a block left out) without
printing the solution, which stays in the folded answer of each exercise.
"""
from __future__ import annotations

import numpy as np

from ._core import FAIL, PASS, TODO, _close, blank, check_value, report

# Exercise 1: one step of one unit with given gate values.
STEP = {"f": 0.9, "i": 0.5, "o": 0.8, "g": -0.6, "c_prev": 1.0}


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
    return [
        ((c, o * c), "the cell state passes through tanh before the output gate scales it."),
        ((c, np.tanh(o * c)), "the output gate multiplies the squashed cell state; it is not inside the tanh."),
        ((c, np.tanh(c)), "h_1 is what the output gate lets through: o scales it."),
        ((c, o * np.tanh(c_prev)), "h_1 shows the NEW cell state c_1, not the old one c_0."),
        ((h, c), "the order is swapped: answer (c_1, h_1), the cell state first."),
        ((c_no_i, o * np.tanh(c_no_i)), "the candidate g enters the cell scaled by the input gate i."),
        ((c_swap, o * np.tanh(c_swap)), "f and i are swapped: f scales the old cell c_0 (what to keep), "
                                        "i scales the candidate g (what to write)."),
    ]


def check_cell_step(answer):
    """Exercise 1: (c_1, h_1) for the gate values of ``step_values()``."""
    title = "Exercise 1 (one LSTM step by hand)"
    if blank(answer) or (isinstance(answer, (tuple, list)) and any(blank(a) for a in answer)):
        return report(title, TODO)
    s = STEP
    c, h = _step(s["f"], s["i"], s["o"], s["g"], s["c_prev"])
    answer = tuple(answer) if isinstance(answer, list) else answer
    hints = dict(cell_step_slips(s["f"], s["i"], s["o"], s["g"], s["c_prev"]))
    try:
        c_right = len(answer) == 2 and _close(answer[0], c, 1e-3, 1e-4)
    except Exception:  # not a pair: check_value names the shape
        c_right = False
    if c_right:
        hint = ("c_1 is right, h_1 is not yet: read the last line of the equations in section 1 "
                "(which gate, which nonlinearity, which cell state).")
    else:
        hint = ("c_1 is not right yet: the cell-state line of section 1 says which gate scales the old cell "
                "and which scales the candidate. Answer the pair (c_1, h_1).")
    return check_value(title, answer, (c, h), rtol=1e-3, atol=1e-4, hints=hints, hint=hint)


def check_perfect_memory(answer):
    """Exercise 2: {"f": ..., "i": ...} that make c_t = c_{t-1} exactly, whatever g is."""
    title = "Exercise 2 (a cell that remembers perfectly)"
    if blank(answer) or (isinstance(answer, dict) and all(blank(a) for a in answer.values())):
        return report(title, TODO)
    if not isinstance(answer, dict) or set(answer) != {"f", "i"}:
        return report(title, FAIL, 'answer with a dict {"f": ..., "i": ...} of two numbers in [0, 1].')
    try:
        f, i = float(answer["f"]), float(answer["i"])
    except (TypeError, ValueError):
        return report(title, FAIL, "each gate value must be a number in [0, 1].")
    if not (0.0 <= f <= 1.0 and 0.0 <= i <= 1.0):
        return report(title, FAIL, "a gate is a sigmoid: its values lie between 0 and 1.")
    if f == 1.0 and i == 0.0:
        return report(title, PASS, "c_t = 1 * c_{t-1} + 0 * g: the cell is copied and dc_t/dc_{t-1} = 1")
    if f == 0.0:
        return report(title, FAIL, "f multiplies the old cell value: f = 0 erases it, it does not keep it.")
    if i != 0.0:
        return report(title, FAIL, "with i > 0 the candidate i * g is added every step and changes the cell.")
    return report(title, FAIL, "with f < 1 the old value shrinks by a factor f per step: after 50 steps f^50.")


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
