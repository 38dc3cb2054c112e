"""Self-checks for notebook 08, the GRU.

Hints name the slip (z and 1 - z swapped, the reset gate or b_hn in the wrong place, the
textbook's sigmoid for the candidate, a bias counted twice) without printing the solution,
which stays in the folded answer.
"""
from __future__ import annotations

import numpy as np

from ._core import FAIL, PASS, TODO, _close, blank, check_value, report

_SIGMOID_HINT = ("the candidate uses tanh here, not the textbook's sigma (Goodfellow et al. squash it with a sigmoid, "
                 "section 1): it can be negative.")


def _sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


# Exercise 1: one update of one unit. The numbers keep every slip below apart from each other and
# from the answer (the sign slip and n + z h coincide when n = -2 h, as with n = 0.8, h = -0.4).
UPDATE = {"z": 0.3, "n": 0.9, "h_prev": -0.6}


def gru_update_slips(z, n, h) -> list:
    """Plausible wrong h_1 for exercise 1, each with the hint that names its slip."""
    return [
        (z * n + (1 - z) * h, "z and 1 - z are swapped: in this series (as in Cho et al. 2014 and PyTorch) z weighs "
                              "the OLD state h_{t-1}; Chung et al. (2014) write the swapped form."),
        ((1 - z) * n, "do not drop the kept part, the share of the old state h_0."),
        (n + z * h, "the candidate is scaled too: the two weights add up to 1."),
        ((1 - z) * n + h, "the old state is kept only in part: it is scaled by its gate too."),
        ((1 - z) * n - z * h, "check the sign of the kept part: h_0 is negative, and so is its share."),
    ]


def check_gru_update(answer):
    """Exercise 1: h_1 = (1 - z) n + z h_0 for the values in ``UPDATE``."""
    z, n, h = UPDATE["z"], UPDATE["n"], UPDATE["h_prev"]
    hints = dict(gru_update_slips(z, n, h))
    return check_value("Exercise 1 (one GRU update)", answer, (1 - z) * n + z * h, rtol=1e-3, atol=1e-4,
                       hints=hints, hint="h_1 is a weighted average of the candidate and the old state, with weights "
                                         "that add up to 1: the last line of the equations in section 1 says which one z "
                                         "weighs.")


# Exercise 2: both placements of the reset gate for two units (H = 2), one input (D = 1). With one
# unit, W_n (r h) = r (W_n h) and only b_hn could tell the placements apart; with two units and
# unequal reset gates they differ even with b_hn = 0 (section 2's point).
RESET = {"x": 1.0,
         "h_prev": np.array([0.5, -0.8]),
         "r": np.array([0.9, 0.2]),
         "U_n": np.array([0.4, -0.3]),  # U_n's one column: x is a single number
         "W_n": np.array([[1.0, 0.6], [-0.5, 1.2]]),
         "b_n": np.array([0.1, 0.2]),
         "b_hn": np.array([0.3, -0.2])}


def reset_values() -> dict:
    """The numbers of exercise 2 (copies): x a number; h_prev, r, U_n, b_n, b_hn (2,); W_n (2, 2)."""
    return {k: (a.copy() if isinstance(a, np.ndarray) else a) for k, a in RESET.items()}


def _candidates(x, h_prev, r, U_n, W_n, b_n, b_hn):
    before = np.tanh(U_n * x + W_n @ (r * h_prev) + b_n)  # Cho et al. 2014 (reset_after=False)
    after = np.tanh(U_n * x + b_n + r * (W_n @ h_prev + b_hn))  # PyTorch / cuDNN (reset_after=True)
    return before, after


def reset_after_without_b_hn(x, h_prev, r, U_n, W_n, b_n, b_hn):
    """The reset-after candidate with b_hn = 0: still not n_before when the entries of r differ."""
    return np.tanh(U_n * x + b_n + r * (W_n @ h_prev))


def reset_half_slips(x, h_prev, r, U_n, W_n, b_n, b_hn) -> dict:
    """Plausible wrong n_before and n_after of exercise 2: {"before": [(value, hint)], "after": [...]}."""
    before, after = _candidates(x, h_prev, r, U_n, W_n, b_n, b_hn)
    pre = U_n * x + b_n  # the input part, shared by both
    return {
        "before": [
            (np.tanh(pre + r * (W_n @ h_prev)),
             "n_before: r scales the product W_n h_{t-1} there, which is the other placement. In Cho et al.'s form "
             "r scales h_{t-1} first, and W_n reads the reset state."),
            (np.tanh(pre + W_n @ h_prev),
             "n_before: the reset gate is missing; r scales h_{t-1} before W_n sees it."),
            (np.tanh(pre + W_n @ (r * h_prev) + b_hn),
             "n_before: Cho et al.'s candidate has no b_hn; that bias belongs to the reset-after form only."),
            (np.tanh(pre + W_n.T @ (r * h_prev)),
             "n_before: W_n h is the matrix times the column h, `W_n @ h` in numpy; `h @ W_n` multiplies by the "
             "transpose."),
            (np.arctanh(before),
             "n_before is the pre-activation: the candidate passes through tanh."),
            (_sigmoid(np.arctanh(before)), "n_before: " + _SIGMOID_HINT),
        ],
        "after": [
            (reset_after_without_b_hn(x, h_prev, r, U_n, W_n, b_n, b_hn),
             "n_after: the reset-after candidate has one more bias, b_hn (section 2); it is missing."),
            (np.tanh(pre + r * (W_n @ h_prev) + b_hn),
             "n_after: b_hn sits inside the bracket that r multiplies, not outside it."),
            (np.tanh(pre + W_n @ (r * h_prev) + b_hn),
             "n_after: r scales h_{t-1} before the product there, which is Cho et al.'s placement. After the "
             "product, r scales the whole bracket W_n h_{t-1} + b_hn."),
            (np.tanh(pre + W_n @ (r * h_prev) + r * b_hn),
             "n_after: r scales h_{t-1} before the product there, which is Cho et al.'s placement. After the "
             "product, r scales the whole bracket W_n h_{t-1} + b_hn."),
            (np.tanh(pre + W_n @ h_prev + b_hn),
             "n_after: the reset gate is missing; r scales the whole recurrent bracket."),
            (np.tanh(pre + r * (W_n.T @ h_prev + b_hn)),
             "n_after: W_n h is the matrix times the column h, `W_n @ h` in numpy; `h @ W_n` multiplies by the "
             "transpose."),
            (np.arctanh(after),
             "n_after is the pre-activation: the candidate passes through tanh."),
            (_sigmoid(np.arctanh(after)), "n_after: " + _SIGMOID_HINT),
        ],
    }


def reset_slips(x, h_prev, r, U_n, W_n, b_n, b_hn) -> list:
    """Plausible wrong pairs (n_before, n_after) for exercise 2, each with the hint that names its slip."""
    v = dict(x=x, h_prev=h_prev, r=r, U_n=U_n, W_n=W_n, b_n=b_n, b_hn=b_hn)
    before, after = _candidates(**v)
    halves = reset_half_slips(**v)
    r_swapped_before, r_swapped_after = halves["before"][0][0], halves["after"][2][0]
    pairs = [
        ((after, before), "the two are swapped: answer (n_before, n_after), Cho et al.'s placement first."),
        ((r_swapped_before, r_swapped_after),
         "the placements are swapped: you put r after the product in n_before and before it in n_after. Cho et "
         "al. (n_before) reset h_{t-1} before W_n sees it; PyTorch (n_after) resets the product's result."),
        ((np.arctanh(before), np.arctanh(after)), "those are the pre-activations: the candidate passes through tanh."),
        ((_sigmoid(np.arctanh(before)), _sigmoid(np.arctanh(after))), _SIGMOID_HINT),
        ((halves["before"][3][0], halves["after"][5][0]),
         "W_n h is the matrix times the column h, `W_n @ h` in numpy; `h @ W_n` multiplies by the transpose."),
    ]
    # one half right, the other a known slip
    pairs += [((wrong, after), hint) for wrong, hint in halves["before"]]
    pairs += [((before, wrong), hint) for wrong, hint in halves["after"]]
    return pairs


# A hand answer this close to the right one (but outside the tolerance) was rounded, not wrong.
RESET_CLOSE = 1e-2
_RESET_RTOL, _RESET_ATOL = 1e-3, 6e-4  # any answer rounded to 3 decimals passes
_RESET_SHAPE = ("answer with a pair (n_before, n_after), each a vector of H = 2 numbers (the candidate of both "
                "units), e.g. (np.array([..., ...]), np.array([..., ...])).")


def _as_pair(answer):
    """The answer as a float array (2, 2), or None if it is not a pair of 2-vectors."""
    try:
        arr = np.asarray([np.asarray(a, dtype=np.float64) for a in answer])
    except Exception:
        return None
    return arr if arr.shape == (2, 2) else None


def check_reset_placements(answer):
    """Exercise 2: (n_before, n_after), the candidate of both units with the reset before and after W_n."""
    title = "Exercise 2 (two placements of the reset gate)"
    if blank(answer) or (isinstance(answer, (tuple, list)) and any(blank(a) for a in answer)):
        return report(title, TODO)
    got = _as_pair(answer)
    if got is None:
        return report(title, FAIL, _RESET_SHAPE)
    if not np.all(np.isfinite(got)):
        return report(title, FAIL, "your answer contains nan or inf: tanh gives a finite number between -1 and 1.")
    before, after = _candidates(**RESET)
    right = (_close(got[0], before, _RESET_RTOL, _RESET_ATOL), _close(got[1], after, _RESET_RTOL, _RESET_ATOL))
    if all(right):
        # the follow-up question (does b_hn = 0 make them equal?) is the student's to try: not answered here
        return report(title, PASS, "both placements are right; now try the exercise's last question (b_hn = 0)")
    for wrong, hint in reset_slips(**RESET):
        if _close(got, np.asarray(wrong), _RESET_RTOL, _RESET_ATOL):
            return report(title, FAIL, hint)
    if np.abs(got - np.array([before, after])).max() <= RESET_CLOSE:
        return report(title, FAIL, "close: your values are within 0.01 of the right ones but rounded too much. "
                                   "Compute with numpy and keep at least 3 decimals.")
    halves = reset_half_slips(**RESET)
    for k, name in ((0, "before"), (1, "after")):  # a known slip in one half, whatever the other half is
        if not right[k]:
            for wrong, hint in halves[name]:
                if _close(got[k], wrong, _RESET_RTOL, _RESET_ATOL):
                    return report(title, FAIL, hint)
    if right[0]:
        hint = ("n_before is right, n_after is not yet: in the second equation of section 2, where does r act "
                "and which bias sits inside the bracket?")
    elif right[1]:
        hint = "n_after is right, n_before is not yet: in Cho et al.'s form r scales h_{t-1} before W_n."
    else:
        hint = "neither value is right yet: work through the two equations of section 2 one term at a time."
    return report(title, FAIL, hint)


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
