"""Self-checks for notebook 06, vanishing and exploding gradients."""
from __future__ import annotations

import contextlib
import inspect
import io

import numpy as np

from .. import jacobians, rnn
from ._core import FAIL, PASS, TODO, blank, call_student, report, untouched_or_not_callable

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
    """Exercise 1: {"A": "vanish" or "explode", ...} for ||W^m|| as the lag m grows."""
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
    # Each answer is one of two words: naming the wrong matrix would give its answer away, so the hint
    # says only that not all are right and how to decide each one.
    return report(title, FAIL, QUIZ_HINT)


QUIZ_HINT = ("not all three are right yet. Decide each matrix from its eigenvalues, not from the size of its "
             "entries: print np.abs(np.linalg.eigvals(quiz[name])) for each name and compare the largest modulus "
             "with 1 (a triangular matrix has its eigenvalues on the diagonal; complex eigenvalues count by their "
             "modulus |lambda|, not by their real part).")


def _reference_jacobian(h_t, W):
    return (1.0 - np.asarray(h_t) ** 2)[:, None] * np.asarray(W)


# The library functions that would do the work of exercises 2 and 3 for the student.
_LIBRARY_JACOBIANS = {f"jacobians.{name}": getattr(jacobians, name)
                      for name in ("step_jacobian", "step_jacobians", "jacobian_product", "jacobian_norms",
                                   "backward_jacobian", "finite_difference_jacobian")}


def _step_cases():
    rng = np.random.default_rng(6)
    return [(np.tanh(rng.normal(size=3)), rng.normal(size=(3, 3))),
            (np.tanh(rng.normal(size=4)), rng.normal(size=(4, 4)))]


def _step_jacobian_slip(got, h_t, W):
    """The hint for a wrong one-step Jacobian ``got``: the slip it matches, or a general pointer."""
    d = 1.0 - h_t**2
    if np.allclose(got, W * d[None, :]):
        return ("you scaled the columns of W: 1 - h_t[i]^2 belongs to output unit i, "
                "so it scales row i (diag(1 - h_t^2) on the left of W).")
    if np.allclose(got, d[:, None] * W.T) or np.allclose(got, W.T * d[None, :]):
        return ("no transpose here: entry [i, j] is d h_t[i] / d h_{t-1}[j] and "
                "a_t[i] = sum_j W[i, j] h_{t-1}[j].")
    if np.allclose(got, np.diag(d) * W):
        return ("only the diagonal is filled: `*` multiplies entry by entry, so np.diag(...) * W keeps "
                "W[i, i] alone. A matrix times a matrix needs `@`.")
    if np.allclose(got, (1.0 - np.tanh(h_t) ** 2)[:, None] * W):
        return ("h_t is already tanh(a_t): the derivative of tanh at a_t is 1 - h_t^2, "
                "without applying tanh once more.")
    if np.allclose(got, h_t[:, None] * W) or np.allclose(got, (1 - h_t)[:, None] * W):
        return "the derivative of tanh is 1 - tanh(a)^2 = 1 - h_t^2."
    if np.allclose(got, W):
        return ("this is the Jacobian of a *linear* step: h_t = tanh(a_t) adds the factor tanh'(a_t[i]) "
                "to every entry of row i.")
    if np.allclose(got, np.diag(d)):
        return ("this is d h_t / d a_t only: the chain rule continues through a_t = W h_{t-1} + U x_t + b, "
                "so W belongs in the product as well.")
    return ("not one of the usual slips. Work out one entry with the chain rule: d h_t[i] / d h_{t-1}[j] is "
            "tanh'(a_t[i]) (written with h_t) times d a_t[i] / d h_{t-1}[j] (one entry of W: which one?). "
            "Then check your function against finite differences on a 2 x 2 example.")


def _step_jacobian_verdict(fn, title):
    """(None, None) when ``fn`` computes every case of exercise 2 right, else (verdict, hint) where
    verdict is a CheckResult already printed (cannot be judged) or None with a hint to print."""
    for h_t, W in _step_cases():
        call = call_student(title, fn, h_t.copy(), W.copy(), signature="a function one_step_jacobian(h_t, W)",
                            watch=_LIBRARY_JACOBIANS)
        if call.verdict is not None:
            return call.verdict, None
        if call.used:
            return None, (f"your function calls {', '.join(sorted(call.used))}: the exercise is to write the "
                          "Jacobian yourself, with numpy only.")
        try:
            got = np.asarray(call.value, dtype=np.float64)
        except (TypeError, ValueError):
            return None, "return a numpy array of shape (H, H)."
        H = h_t.size
        if got.shape != (H, H):
            return None, f"for h_t of shape ({H},) the Jacobian is ({H}, {H}), you returned {got.shape}."
        if not np.allclose(got, _reference_jacobian(h_t, W)):
            return None, _step_jacobian_slip(got, h_t, W)
    return None, None


def check_step_jacobian(fn):
    """Exercise 2: fn(h_t, W) -> dh_t/dh_{t-1} (H, H) for one example, h_t (H,).

    Hints name the slip (columns for rows, a transpose, tanh applied twice, ...) without
    printing the formula, which stays in the folded answer.
    """
    title = "Exercise 2 (the Jacobian of one step)"
    verdict, hint = _step_jacobian_verdict(fn, title)
    if verdict is not None:
        return verdict
    if hint is not None:
        return report(title, FAIL, hint)
    return report(title, PASS)


# Exercise 3: the product of Jacobians from the student's own one-step Jacobian.
PRODUCT_CASES = ((5, 1), (6, 0), (3, 3))  # (t, k): lag 4, the whole chain from h_0, no step at all


def product_case():
    """One example's states of a small tanh RNN, (h, W): h (T, H) = (6, 3) with h[s - 1] = h_s, W (3, 3)."""
    rng = np.random.default_rng(60)
    params = rnn.init_params(1, 3, rng=rng)
    params["W"] = jacobians.with_spectral_radius(params["W"], 1.3)
    h, _ = rnn.forward(rng.normal(size=(1, 6, 1)), None, params)
    return h[0], params["W"]


def _product(h, W, factors):
    """factors: the step numbers s of J_s = diag(1 - h_s^2) W, multiplied left to right."""
    P = np.eye(W.shape[0])
    for s in factors:
        P = P @ _reference_jacobian(h[s - 1], W)
    return P


def _product_slip(got, h, W, t, k):
    """The hint for a wrong dh_t/dh_k, ``got``."""
    H = W.shape[0]
    later_first = range(t, k, -1)
    if t == k:
        return ("with no step between them h_t is h_k itself, so dh_t/dh_k is the identity "
                "(start the product from np.eye(H)).")
    if np.allclose(got, _product(h, W, range(k + 1, t + 1))):
        return ("right factors, wrong order: the chain rule puts the later step on the left, "
                "J_t J_{t-1} ... J_{k+1}.")
    if np.allclose(got, _product(h, W, later_first).T):
        return ("this is the transpose, the book's column convention: here entry [i, j] is "
                "d h_t[i] / d h_k[j] (rows belong to the later state, section 1).")
    if t + 1 <= len(h) and np.allclose(got, _product(h, W, range(t + 1, k + 1, -1))):
        return "step s's Jacobian is built from h_s, which is h[s - 1] in the array (h[0] is h_1)."
    if k >= 1 and np.allclose(got, _product(h, W, range(t, k - 1, -1))):
        return "one factor too many: from h_k to h_t there are t - k steps, J_t down to J_{k+1} (not J_k)."
    if np.allclose(got, _product(h, W, range(t, k + 1, -1))):
        return "one factor too few: from h_k to h_t there are t - k steps, J_t down to J_{k+1}."
    if np.allclose(got, np.linalg.matrix_power(_reference_jacobian(h[t - 1], W), t - k)):
        return "every step has its own factor 1 - h_s^2: build J_s from h_s for each step, not from h_t every time."
    elementwise = np.ones((H, H))
    for s in later_first:
        elementwise = elementwise * _reference_jacobian(h[s - 1], W)
    if np.allclose(got, elementwise):
        return "`*` multiplies entry by entry: the chain rule multiplies the Jacobians as matrices, with `@`."
    if np.allclose(got, np.linalg.matrix_power(W, t - k)):
        return "this is W^(t-k), the linear RNN's product: the tanh factors 1 - h_s^2 of every step are missing."
    return ("start from the identity and multiply one step's Jacobian at a time, from step t back to step k + 1, "
            "each from its own state (h[s - 1] is h_s), later steps on the left.")


def _is_placeholder(fn, args) -> bool:
    """True when ``fn(*args)`` raises NotImplementedError from its own body (the untouched
    placeholder), not from a function it calls (such as an unfinished one_step_jacobian)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            fn(*args)
    except NotImplementedError as exc:
        tb, last = exc.__traceback__, None
        while tb is not None:
            last, tb = tb.tb_frame.f_code, tb.tb_next
        return last is getattr(inspect.unwrap(fn), "__code__", None)
    except Exception:  # judged later, by call_student
        return False
    return False


_NO_STEP = ("With no step in between there is no factor to multiply, yet dh_t/dh_t has a value: h_t is h_t "
            "itself, so it is the identity. Give the product that value before any factor joins it.")


def _returns_none(fn, args) -> bool:
    """True when ``fn(*args)`` returns None (quietly, without raising)."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return fn(*args) is None
    except Exception:  # judged later, by call_student
        return False


def check_jacobian_product(fn, step_fn):
    """Exercise 3: fn(h, W, t, k) -> dh_t/dh_k (H, H), built from the student's ``step_fn``
    (exercise 2's one_step_jacobian); h (T, H) holds one example's states, h[s - 1] = h_s."""
    title = "Exercise 3 (the product of Jacobians)"
    if (verdict := untouched_or_not_callable(title, fn, "a function jacobian_from_steps(h, W, t, k)")) is not None:
        return verdict
    h, W = product_case()
    if _is_placeholder(fn, (h.copy(), W.copy(), *PRODUCT_CASES[0])):
        return report(title, TODO)
    if blank(step_fn) or not callable(step_fn):
        return report(title, FAIL, "this exercise builds on exercise 2: define one_step_jacobian there first.")
    with contextlib.redirect_stdout(io.StringIO()):  # judge exercise 2 quietly
        step_verdict, step_hint = _step_jacobian_verdict(step_fn, "Exercise 2")
    if step_verdict is not None or step_hint is not None:
        return report(title, FAIL, "this exercise builds on exercise 2, and one_step_jacobian does not pass its "
                                   "check yet: run the check of exercise 2 and fix it first.")
    for t, k in PRODUCT_CASES:
        if t == k and _returns_none(fn, (h.copy(), W.copy(), t, k)):
            # it returned arrays for the cases with steps: a `return` is there, the product just never started
            return report(title, FAIL, f"for (t, k) = ({t}, {k}) your function returned None, though it returns "
                                       "arrays when steps lie in between. " + _NO_STEP)
        call = call_student(title, fn, h.copy(), W.copy(), t, k, signature="a function jacobian_from_steps(h, W, t, k)",
                            on_error=(f"(called with t = k = {t}.) " + _NO_STEP if t == k else
                                      f"(called with t = {t}, k = {k} and h of shape {h.shape}: h[s - 1] is h_s, "
                                      "so steps t down to k + 1 use h[t - 1] down to h[k].)"),
                            watch={**_LIBRARY_JACOBIANS, "one_step_jacobian": step_fn})
        if call.verdict is not None:
            return call.verdict
        library = sorted(call.used - {"one_step_jacobian"})
        if library:
            return report(title, FAIL, f"your function calls {', '.join(library)}: build the product yourself, "
                                       "from your one_step_jacobian.")
        try:
            got = np.asarray(call.value, dtype=np.float64)
        except (TypeError, ValueError):
            return report(title, FAIL, "return a numpy array of shape (H, H).")
        H = W.shape[0]
        where = f"for t = {t}, k = {k}: "
        if got.shape != (H, H):
            return report(title, FAIL, where + f"dh_t/dh_k is ({H}, {H}) for one example, you returned {got.shape}.")
        if not np.allclose(got, _product(h, W, range(t, k, -1))):
            return report(title, FAIL, where + _product_slip(got, h, W, t, k))
        if t > k and "one_step_jacobian" not in call.used:
            return report(title, FAIL, "right numbers, but your one_step_jacobian never ran: build each factor "
                                       "with it, so the product rests on your own exercise 2.")
    return report(title, PASS, "the same numbers as jacobians.jacobian_product, built from your own one-step Jacobian")


STEPS_RHO, STEPS_TOL = 0.9, 1e-3


def steps_to_vanish(rho=STEPS_RHO, tol=STEPS_TOL) -> int:
    """Smallest lag m with rho^m < tol (the norm of W^m for W = rho times an orthogonal matrix)."""
    m = int(np.ceil(np.log(tol) / np.log(rho)))
    return m if rho**m < tol else m + 1


def check_steps_to_vanish(answer):
    """Exercise 4: the smallest lag m with ||W^m|| < 1e-3 when W = 0.9 Q, Q orthogonal."""
    title = "Exercise 4 (how far back does a signal reach?)"
    if blank(answer):
        return report(title, TODO)
    try:
        m = float(answer)
    except (TypeError, ValueError):
        return report(title, FAIL, f"answer with a whole number of steps, got {type(answer).__name__}.")
    want = steps_to_vanish()
    if m == want:
        return report(title, PASS, f"0.9^{want} = {STEPS_RHO ** want:.1e} < 1e-3 but 0.9^{want - 1} = "
                                   f"{STEPS_RHO ** (want - 1):.1e}")
    if m == want - 1 or abs(m - np.log(STEPS_TOL) / np.log(STEPS_RHO)) < 0.5:
        return report(title, FAIL, "close: round m up, to the first whole m with 0.9^m below 1e-3.")
    if m != int(m) or m <= 0:
        return report(title, FAIL, "a lag is a positive whole number of steps.")
    return report(title, FAIL, "an orthogonal Q keeps lengths, so ||W^m|| = 0.9^m for W = 0.9 Q: find the "
                               "first whole m for which that is below 1e-3.")
