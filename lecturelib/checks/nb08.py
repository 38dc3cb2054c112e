"""Self-checks for notebook 08, the GRU.

Hints name the slip (z and 1 - z swapped, the reset gate or b_hn in the wrong place, a bias
counted twice) without printing the solution, which stays in the folded answer.
"""
from __future__ import annotations

import numpy as np

from ._core import FAIL, PASS, TODO, _close, blank, check_value, report

# Exercise 1: one update of one unit.
UPDATE = {"z": 0.25, "n": 0.8, "h_prev": -0.4}


def gru_update_slips(z, n, h) -> list:
    """Plausible wrong h_1 for exercise 1, each with the hint that names its slip."""
    return [
        (z * n + (1 - z) * h, "z and 1 - z are swapped: in this series (as in Cho et al. 2014 and PyTorch) z weighs "
                              "the OLD state h_{t-1}; Chung et al. (2014) write the swapped form."),
        ((1 - z) * n, "do not drop the kept part, the share of the old state h_0."),
        (n + z * h, "the candidate is scaled too: the two weights add up to 1."),
        ((1 - z) * n + h, "the old state is kept only in part: it is scaled by its gate too."),
    ]


def check_gru_update(answer):
    """Exercise 1: h_1 = (1 - z) n + z h_0 for the values in ``UPDATE``."""
    z, n, h = UPDATE["z"], UPDATE["n"], UPDATE["h_prev"]
    hints = dict(gru_update_slips(z, n, h))
    return check_value("Exercise 1 (one GRU update)", answer, (1 - z) * n + z * h, rtol=1e-3, atol=1e-4,
                       hints=hints, hint="h_1 is a weighted average of the candidate and the old state, with weights "
                                         "that add up to 1: the last line of section 1 says which one z weighs.")


# Exercise 2: both placements of the reset gate for one unit, one input.
RESET = {"x": 1.0, "h_prev": 0.5, "r": 0.5, "U_n": 0.4, "W_n": 2.0, "b_n": 0.1, "b_hn": 0.3}


def reset_values() -> dict:
    """The numbers of exercise 2 (a copy)."""
    return dict(RESET)


def _candidates(x, h_prev, r, U_n, W_n, b_n, b_hn):
    before = np.tanh(U_n * x + W_n * (r * h_prev) + b_n)  # Cho et al. 2014 (reset_after=False)
    after = np.tanh(U_n * x + b_n + r * (W_n * h_prev + b_hn))  # PyTorch / cuDNN (reset_after=True)
    return before, after


def reset_slips(x, h_prev, r, U_n, W_n, b_n, b_hn) -> list:
    """Plausible wrong (n_before, n_after) for exercise 2, each with the hint that names its slip."""
    before, after = _candidates(x, h_prev, r, U_n, W_n, b_n, b_hn)
    no_bhn = np.tanh(U_n * x + b_n + r * W_n * h_prev)
    outside = np.tanh(U_n * x + b_n + r * W_n * h_prev + b_hn)
    no_r_before = np.tanh(U_n * x + W_n * h_prev + b_n)
    no_r_after = np.tanh(U_n * x + b_n + W_n * h_prev + b_hn)
    pre_before, pre_after = np.arctanh(before), np.arctanh(after)
    return [
        ((after, before), "the two are swapped: answer (n_before, n_after), Cho et al.'s placement first."),
        ((before, no_bhn), "the reset-after candidate has one more bias, b_hn (section 2); it is missing."),
        ((before, outside), "b_hn sits inside the bracket that r multiplies, not outside it."),
        ((no_r_before, after), "the reset gate is missing in the reset-before candidate: r scales h_{t-1} "
                               "before W_n sees it."),
        ((before, no_r_after), "the reset gate is missing in the reset-after candidate: r scales the whole "
                               "recurrent bracket."),
        ((pre_before, pre_after), "those are the pre-activations: the candidate passes through tanh."),
    ]


# A hand answer this close to the right one (but outside the tolerance) was rounded, not wrong.
RESET_CLOSE = 1e-2


def check_reset_placements(answer):
    """Exercise 2: (n_before, n_after), the candidate with the reset before and after W_n."""
    title = "Exercise 2 (two placements of the reset gate)"
    if blank(answer) or (isinstance(answer, (tuple, list)) and any(blank(a) for a in answer)):
        return report(title, TODO)
    before, after = _candidates(**RESET)
    answer = tuple(answer) if isinstance(answer, list) else answer
    try:
        pair = len(answer) == 2
        right = (pair and _close(answer[0], before, 1e-3, 1e-4), pair and _close(answer[1], after, 1e-3, 1e-4))
    except Exception:  # not a pair: check_value names the shape
        right = (False, False)
    try:
        close = pair and all(abs(float(a) - e) <= RESET_CLOSE for a, e in zip(answer, (before, after)))
    except Exception:
        close = False
    slip_match = any(_close(answer, wrong, 1e-3, 1e-4) for wrong, _ in reset_slips(**RESET)) if pair else False
    if close and not all(right) and not slip_match:
        return report(title, FAIL, "close: your values are within 0.01 of the right ones but rounded too much. "
                                   "Compute with numpy and keep at least 3 decimals.")
    if right[0]:
        hint = ("n_before is right, n_after is not yet: in the second equation of section 2, where does r act "
                "and which bias sits inside the bracket?")
    elif right[1]:
        hint = "n_after is right, n_before is not yet: in Cho et al.'s form r scales h_{t-1} before W_n."
    else:
        hint = "neither value is right yet: work through the two equations of section 2 one term at a time."
    return check_value(title, answer, (before, after), rtol=1e-3, atol=1e-4,
                       hints=dict(reset_slips(**RESET)), hint=hint)


# Sizes of exercise 3: not among the sizes of the parameter table in section 3, which would print the answer.
COUNT_D, COUNT_H = 20, 64


def param_counts(D=COUNT_D, H=COUNT_H) -> dict:
    """Cell parameters: the LSTM has four blocks, the GRU three, the reset-after GRU three plus b_hn."""
    block = H * D + H * H + H
    return {"lstm": 4 * block, "gru": 3 * block, "gru_reset_after": 3 * block + H}


_CELL_NAME = {"lstm": "the LSTM", "gru": "the GRU (reset before)", "gru_reset_after": "the reset-after GRU"}
_GATES = {"lstm": 4, "gru": 3, "gru_reset_after": 3}


def param_count_slips(key, D=COUNT_D, H=COUNT_H) -> dict:
    """Plausible wrong counts for one cell of exercise 3, each with the hint that names its slip."""
    block, n = H * D + H * H + H, _GATES[key]
    slips = {
        n * (H * D + H * H): f"{_CELL_NAME[key]}: every block also has a bias vector.",
        n * (H * D + D * D + H): f"{_CELL_NAME[key]}: W_* maps h_{{t-1}} to the H units; look at its shape again.",
        n * (block + H): f"{_CELL_NAME[key]}: that is PyTorch's count, with two bias vectors per block; they "
                         "add up, so this series keeps one (section 3).",
    }
    if key == "lstm":
        slips[3 * block] = "the LSTM has four blocks (i, f, g, o), not three."
    else:
        slips[4 * block] = f"{_CELL_NAME[key]} has three blocks (r, z, n), not four."
        slips[2 * block] = f"{_CELL_NAME[key]}: the candidate n is a block too, with its own U_n, W_n, b_n."
    if key == "gru_reset_after":
        slips[3 * block] = f"the reset-after GRU has one more bias vector, b_hn, of H = {H} entries."
        slips[3 * block + 2 * H] = "b_hn is one vector of H entries, not two."
    return {wrong: hint for wrong, hint in slips.items() if wrong != param_counts(D, H)[key]}


def check_param_counts(answer):
    """Exercise 3: {"lstm": ..., "gru": ..., "gru_reset_after": ...} for D = COUNT_D, H = COUNT_H."""
    title = "Exercise 3 (parameters: LSTM against GRU)"
    if blank(answer) or (isinstance(answer, dict) and all(blank(a) for a in answer.values())):
        return report(title, TODO)
    want = param_counts()
    if not isinstance(answer, dict) or set(answer) != set(want):
        return report(title, FAIL, 'answer with a dict {"lstm": ..., "gru": ..., "gru_reset_after": ...}.')
    try:
        got = {k: float(a) for k, a in answer.items()}
    except (TypeError, ValueError):
        return report(title, FAIL, "each count must be a whole number.")
    if got == want:
        return report(title, PASS, f"the GRU has {want['gru'] / want['lstm']:.0%} of the LSTM's parameters")
    for key in want:  # the first wrong count, with its slip named if we know it
        if got[key] == want[key]:
            continue
        hint = param_count_slips(key).get(got[key])
        if hint is None:
            hint = (f"{_CELL_NAME[key]} is not right yet: count the numbers of one block from the shapes of "
                    "section 3, then the blocks" + (", then the extra bias." if key == "gru_reset_after" else "."))
        return report(title, FAIL, hint)
    return report(title, FAIL, "compare each count with the block sizes of section 3.")  # unreachable
