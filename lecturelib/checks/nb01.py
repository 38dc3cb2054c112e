"""Self-checks for notebook 01 (sequences and dynamical systems). They print, never raise."""
from __future__ import annotations

import numpy as np

from ._core import FAIL, PASS, call_student, check_value, report

__all__ = ["check_switching_system", "check_fixed_point", "check_state_size", "SWITCH_T", "R_BEFORE", "R_AFTER"]

SWITCH_T, R_BEFORE, R_AFTER = 50, 2.8, 3.7


def _reference_switch(t, s_prev, a_t, theta):
    r = R_BEFORE if t < SWITCH_T else R_AFTER
    return r * s_prev * (1.0 - s_prev)


def check_switching_system(f_switch):
    """Exercise 1: f_t is the logistic map with r = 2.8 for t < 50 and r = 3.7 from t = 50 on."""
    title = "Exercise 1 (parameters that switch at t = 50)"
    s = np.array([0.3])
    got = {}
    for t in (1, 49, 50, 51, 200):
        call = call_student(title, f_switch, t, s.copy(), None, None, signature="a function f_switch(t, s_prev, a_t, theta)",
                            on_error=f"(The check called f_switch({t}, s_prev, None, None).)")
        if call.verdict is not None:
            return call.verdict
        try:
            got[t] = float(np.asarray(call.value, dtype=float).reshape(-1)[0])
        except Exception:
            return report(title, FAIL, f"f_switch must return the new state (an array like s_prev), got {type(call.value).__name__}.")
    want = {t: float(_reference_switch(t, s, None, None)[0]) for t in got}
    before, after = R_BEFORE * 0.3 * 0.7, R_AFTER * 0.3 * 0.7
    if all(np.isclose(got[t], want[t]) for t in got):
        return report(title, PASS, "r = 2.8 up to t = 49, r = 3.7 from t = 50 on")
    if np.isclose(got[50], before) and np.isclose(got[51], after):
        return report(title, FAIL, "at t = 50 your system still uses the old rate: the new one starts AT t = 50 (t >= 50), not after it.")
    if np.isclose(got[49], after) and np.isclose(got[1], before):
        return report(title, FAIL, "at t = 49 your system already uses the new rate: switch when t >= 50, not t >= 49.")
    if np.isclose(got[1], after) and np.isclose(got[200], before):
        return report(title, FAIL, "the two rates are swapped: r = 2.8 comes first (t < 50), r = 3.7 after.")
    if len({round(x, 9) for x in got.values()}) == 1:
        return report(title, FAIL, "your f_switch gives the same result at every t: let the rate r depend on the argument t.")
    return report(title, FAIL, "f_t(s) should be r_t * s * (1 - s) with r_t = 2.8 for t < 50 and 3.7 for t >= 50.")


def check_fixed_point(answer):
    """Exercise 2: the non-zero fixed point of the logistic map for r = 2.5 (s* = 1 - 1/r = 0.6)."""
    return check_value(
        "Exercise 2 (the fixed point for r = 2.5)", answer, 0.6, rtol=0, atol=2e-3,
        hint="a fixed point satisfies s = r s (1 - s); divide by s (s is not 0) and solve for s, "
             "or run dynamics.logistic_map(2.5, 0.2, 200) and read the value it settles at.",
        hints={0.0: "s = 0 is a fixed point too, but the question asks for the non-zero one (where the orbit settles).",
               0.4: "that is 1/r, a step on the way rather than s itself: check which quantity the last line "
                    "of your algebra solves for."},
    )


def check_state_size(answer):
    """Exercise 3: the growing memory with s_0 of 1 entry and 3 readings per step has 1 + 3*10 = 31 entries at t = 10."""
    return check_value(
        "Exercise 3 (size of a growing state)", answer, 31, rtol=0, atol=1e-9,
        hint="each step appends a_t to the state: dim s_t = dim s_{t-1} + dim a_t, starting from dim s_0 = 1.",
        hints={30: "do not forget the single entry that s_0 already has.",
               11: "each a_t has 3 entries, so each step adds 3, not 1.",
               3: "the state keeps every past input; it does not get replaced by a_t.",
               33: "count 10 transitions (t = 1..10), starting from s_0 with 1 entry."},
    )
