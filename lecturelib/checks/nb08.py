"""Self-checks for notebook 08, the GRU."""
from __future__ import annotations

import numpy as np

from ._core import FAIL, PASS, TODO, blank, check_value, report

# Exercise 1: one update of one unit.
UPDATE = {"z": 0.25, "n": 0.8, "h_prev": -0.4}


def check_gru_update(answer):
    """Exercise 1: h_1 = (1 - z) n + z h_0 for the values in ``UPDATE``."""
    z, n, h = UPDATE["z"], UPDATE["n"], UPDATE["h_prev"]
    hints = {z * n + (1 - z) * h: "in this series (and in PyTorch) z multiplies the OLD state h_{t-1}: "
                                  "h_t = (1 - z) * n + z * h_{t-1}, as Cho et al. (2014) write it (Chung et al. 2014 swap the roles of z and 1 - z).",
             (1 - z) * n: "do not drop the kept part z * h_{t-1}.",
             n + z * h: "the candidate is scaled by (1 - z), so the two weights add up to 1."}
    return check_value("Exercise 1 (one GRU update)", answer, (1 - z) * n + z * h, rtol=1e-3, atol=1e-4,
                       hints=hints, hint="h_1 = (1 - z) * n + z * h_0: a weighted average of the candidate and "
                                         "the old state.")


# Exercise 2: both placements of the reset gate for one unit, one input.
RESET = {"x": 1.0, "h_prev": 0.5, "r": 0.5, "U_n": 0.4, "W_n": 2.0, "b_n": 0.1, "b_hn": 0.3}


def reset_values() -> dict:
    """The numbers of exercise 2 (a copy)."""
    return dict(RESET)


def _candidates(x, h_prev, r, U_n, W_n, b_n, b_hn):
    before = np.tanh(U_n * x + W_n * (r * h_prev) + b_n)  # Cho et al. 2014 (reset_after=False)
    after = np.tanh(U_n * x + b_n + r * (W_n * h_prev + b_hn))  # PyTorch / cuDNN (reset_after=True)
    return before, after


def check_reset_placements(answer):
    """Exercise 2: (n_before, n_after), the candidate with the reset before and after W_n."""
    title = "Exercise 2 (two placements of the reset gate)"
    if blank(answer) or (isinstance(answer, (tuple, list)) and any(blank(a) for a in answer)):
        return report(title, TODO)
    s = RESET
    before, after = _candidates(**s)
    no_bhn = np.tanh(s["U_n"] * s["x"] + s["b_n"] + s["r"] * s["W_n"] * s["h_prev"])
    outside = np.tanh(s["U_n"] * s["x"] + s["b_n"] + s["r"] * s["W_n"] * s["h_prev"] + s["b_hn"])
    hints = {(after, before): "swapped: 'before' is Cho et al.'s tanh(U_n x + W_n (r h) + b_n).",
             (before, no_bhn): "the reset-after candidate has the extra bias b_hn, inside the product with r: "
                               "r * (W_n h + b_hn).",
             (before, outside): "b_hn sits inside the bracket that r multiplies: r * (W_n h + b_hn)."}
    return check_value(title, tuple(answer) if isinstance(answer, list) else answer, (before, after),
                       rtol=1e-3, atol=1e-4, hints=hints,
                       hint="before: tanh(U_n x + W_n (r h) + b_n); after: tanh(U_n x + b_n + r (W_n h + b_hn)).")


COUNT_D, COUNT_H = 10, 32


def param_counts(D=COUNT_D, H=COUNT_H) -> dict:
    """Cell parameters: the LSTM has four blocks, the GRU three, the reset-after GRU three plus b_hn."""
    block = H * D + H * H + H
    return {"lstm": 4 * block, "gru": 3 * block, "gru_reset_after": 3 * block + H}


def check_param_counts(answer):
    """Exercise 3: {"lstm": ..., "gru": ..., "gru_reset_after": ...} for D = 10, H = 32."""
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
    H = COUNT_H
    if got["lstm"] != want["lstm"]:
        return report(title, FAIL, "LSTM: four blocks (i, f, g, o), each U (H, D), W (H, H), b (H,).")
    if got["gru"] != want["gru"]:
        return report(title, FAIL, "GRU: three blocks (r, z, n), each U (H, D), W (H, H), b (H,).")
    if got["gru_reset_after"] == want["gru"]:
        return report(title, FAIL, f"the reset-after GRU has one more bias vector, b_hn, of H = {H} entries.")
    return report(title, FAIL, "reset after: the three blocks plus b_hn (H,).")
