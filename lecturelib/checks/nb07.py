"""Self-checks for notebook 07, the LSTM."""
from __future__ import annotations

import numpy as np

from ._core import FAIL, PASS, TODO, blank, check_value, report

# Exercise 1: one step of one unit with given gate values.
STEP = {"f": 0.9, "i": 0.5, "o": 0.8, "g": -0.6, "c_prev": 1.0}


def step_values() -> dict:
    """The gate values and c_0 of exercise 1 (a copy)."""
    return dict(STEP)


def _step(f, i, o, g, c_prev):
    c = f * c_prev + i * g
    return c, o * np.tanh(c)


def check_cell_step(answer):
    """Exercise 1: (c_1, h_1) for the gate values of ``step_values()``."""
    title = "Exercise 1 (one LSTM step by hand)"
    if blank(answer) or (isinstance(answer, (tuple, list)) and any(blank(a) for a in answer)):
        return report(title, TODO)
    s = STEP
    c, h = _step(s["f"], s["i"], s["o"], s["g"], s["c_prev"])
    c_no_i = s["f"] * s["c_prev"] + s["g"]
    c_swap = s["i"] * s["c_prev"] + s["f"] * s["g"]
    hints = {
        (c, s["o"] * c): "h_1 = o * tanh(c_1): the cell state passes through tanh before the output gate scales it.",
        (c, np.tanh(s["o"] * c)): "the output gate multiplies tanh(c_1); it is not inside the tanh.",
        (c_no_i, s["o"] * np.tanh(c_no_i)): "the candidate g enters the cell scaled by the input gate: + i * g.",
        (c_swap, s["o"] * np.tanh(c_swap)): "f scales the old cell c_0 (what to keep), i scales the candidate g.",
    }
    return check_value(title, tuple(answer) if isinstance(answer, list) else answer, (c, h), rtol=1e-3, atol=1e-4,
                       hints=hints, hint="c_1 = f * c_0 + i * g, then h_1 = o * tanh(c_1). Answer (c_1, h_1).")


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


def check_param_count(answer):
    """Exercise 3: parameters of an LSTM cell with D = 10 inputs and H = 32 units (no output layer)."""
    D, H = COUNT_D, COUNT_H
    hints = {
        4 * (H * D + H * H): "each of the four blocks also has a bias vector b_* of H entries.",
        H * D + H * H + H: "that is one block; the LSTM has four: i, f, g and o.",
        3 * (H * D + H * H + H): "three blocks is the GRU; the LSTM has i, f, g and o.",
        4 * (H * D + D * D + H): "W_* maps h_{t-1} (H entries) to H units: it is (H, H).",
        4 * (H * D + H * H + H) + 2 * H: "the cell state c is a state, not a parameter: count only U_*, W_*, b_*.",
    }
    return check_value("Exercise 3 (count the parameters)", answer, lstm_param_count(D, H), hints=hints,
                       hint="each gate block has U (H, D), W (H, H) and b (H,); there are four blocks.")
