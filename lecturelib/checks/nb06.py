"""Self-checks for notebook 06, vanishing and exploding gradients."""
from __future__ import annotations

import numpy as np

from ._core import FAIL, PASS, TODO, blank, report, untouched_or_not_callable

# Exercise 1: three recurrent matrices of a linear RNN h_t = W h_{t-1} + U x_t.
#   A: large entries, but triangular with eigenvalues 0.5, 0.5 (it grows for a while, then vanishes)
#   B: a rotation by 60 degrees scaled by 1.1: complex eigenvalues of modulus 1.1
#   C: small entries, eigenvalues 1.05 and 0.2
QUIZ_MATRICES = {
    "A": np.array([[0.5, 4.0], [0.0, 0.5]]),
    "B": 1.1 * np.array([[0.5, -np.sqrt(3) / 2], [np.sqrt(3) / 2, 0.5]]),
    "C": np.array([[1.05, 0.0], [0.3, 0.2]]),
}
QUIZ_ANSWER = {"A": "vanish", "B": "explode", "C": "explode"}


def quiz_matrices() -> dict:
    """Copies of the three matrices of exercise 1, {"A": W_A, "B": W_B, "C": W_C}."""
    return {k: W.copy() for k, W in QUIZ_MATRICES.items()}


def check_vanish_or_explode(answer):
    """Exercise 1: {"A": "vanish" or "explode", ...} for ||W^k|| as k grows."""
    title = "Exercise 1 (predict from the eigenvalues)"
    if blank(answer) or (isinstance(answer, dict) and all(blank(a) for a in answer.values())):
        return report(title, TODO)
    if not isinstance(answer, dict) or set(answer) != set(QUIZ_ANSWER):
        return report(title, FAIL, 'answer with a dict {"A": ..., "B": ..., "C": ...}, each "vanish" or "explode".')
    norm = {k: str(a).strip().lower() for k, a in answer.items()}
    bad = [k for k, a in norm.items() if a not in ("vanish", "explode")]
    if bad:
        return report(title, FAIL, f'each answer must be "vanish" or "explode"; check {bad}.')
    wrong = sorted(k for k in QUIZ_ANSWER if norm[k] != QUIZ_ANSWER[k])
    if not wrong:
        return report(title, PASS, "only the largest |eigenvalue| matters in the long run")
    if "A" in wrong:
        return report(title, FAIL, "A has a large entry, but look at its eigenvalues (the diagonal of a "
                                   "triangular matrix): ||A^k|| grows for a few steps and then decays like 0.5^k.")
    if "B" in wrong:
        return report(title, FAIL, "B's eigenvalues are complex: what counts is their modulus |lambda|, "
                                   "not their real part.")
    return report(title, FAIL, "C's entries are small, yet one eigenvalue is above 1 in modulus: "
                               "that one wins as k grows.")


def _reference_jacobian(h_t, W):
    return (1.0 - np.asarray(h_t) ** 2)[:, None] * np.asarray(W)


def check_step_jacobian(fn):
    """Exercise 2: fn(h_t, W) -> dh_t/dh_{t-1} (H, H) for one example, h_t (H,)."""
    title = "Exercise 2 (the Jacobian of one step)"
    if (verdict := untouched_or_not_callable(title, fn, "a function fn(h_t, W)")) is not None:
        return verdict
    rng = np.random.default_rng(6)
    cases = [(np.tanh(rng.normal(size=3)), rng.normal(size=(3, 3))),
             (np.tanh(rng.normal(size=4)), rng.normal(size=(4, 4)))]
    for h_t, W in cases:
        try:
            got = fn(h_t.copy(), W.copy())
        except NotImplementedError:
            return report(title, TODO)
        except Exception as exc:
            return report(title, FAIL, f"your function raised {type(exc).__name__}: {exc}.")
        if blank(got):
            return report(title, TODO)
        try:
            got = np.asarray(got, dtype=np.float64)
        except (TypeError, ValueError):
            return report(title, FAIL, "return a numpy array of shape (H, H).")
        H = h_t.size
        if got.shape != (H, H):
            return report(title, FAIL, f"for h_t of shape ({H},) the Jacobian is ({H}, {H}), you returned {got.shape}.")
        d = 1.0 - h_t**2
        if np.allclose(got, _reference_jacobian(h_t, W)):
            continue
        if np.allclose(got, W * d[None, :]):
            return report(title, FAIL, "you scaled the columns of W: 1 - h_t[i]^2 belongs to output unit i, "
                                       "so it scales row i (diag(1 - h_t^2) on the left of W).")
        if np.allclose(got, d[:, None] * W.T) or np.allclose(got, W.T * d[None, :]):
            return report(title, FAIL, "no transpose here: entry [i, j] is d h_t[i] / d h_{t-1}[j] and "
                                       "a_t[i] = sum_j W[i, j] h_{t-1}[j].")
        if np.allclose(got, np.asarray(h_t)[:, None] * W) or np.allclose(got, (1 - h_t)[:, None] * W):
            return report(title, FAIL, "the derivative of tanh is 1 - tanh(a)^2 = 1 - h_t^2.")
        return report(title, FAIL, "chain rule: h_t = tanh(a_t), a_t = W h_{t-1} + ..., so "
                                   "dh_t/dh_{t-1} = diag(1 - h_t^2) W.")
    return report(title, PASS)


STEPS_RHO, STEPS_TOL = 0.9, 1e-3


def steps_to_vanish(rho=STEPS_RHO, tol=STEPS_TOL) -> int:
    """Smallest lag k with rho^k < tol (the norm of W^k for W = rho times an orthogonal matrix)."""
    k = int(np.ceil(np.log(tol) / np.log(rho)))
    return k if rho**k < tol else k + 1


def check_steps_to_vanish(answer):
    """Exercise 3: the smallest k with ||W^k|| < 1e-3 when W = 0.9 Q, Q orthogonal."""
    title = "Exercise 3 (how far back does a signal reach?)"
    if blank(answer):
        return report(title, TODO)
    try:
        k = float(answer)
    except (TypeError, ValueError):
        return report(title, FAIL, f"answer with a whole number of steps, got {type(answer).__name__}.")
    want = steps_to_vanish()
    if k == want:
        return report(title, PASS, f"0.9^{want} = {STEPS_RHO ** want:.1e} < 1e-3 but 0.9^{want - 1} = "
                                   f"{STEPS_RHO ** (want - 1):.1e}")
    if k == want - 1 or abs(k - np.log(STEPS_TOL) / np.log(STEPS_RHO)) < 0.5:
        return report(title, FAIL, "close: round k up, to the first whole k with 0.9^k below 1e-3.")
    if k != int(k) or k <= 0:
        return report(title, FAIL, "a lag is a positive whole number of steps.")
    return report(title, FAIL, "an orthogonal Q keeps lengths, so ||W^k|| = 0.9^k: solve 0.9^k < 1e-3 "
                               "with logarithms, k > log(1e-3) / log(0.9).")
