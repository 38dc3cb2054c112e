"""Building blocks for the exercise checks (see the package docstring)."""
from __future__ import annotations

import numpy as np

PASS, FAIL, TODO = "pass", "fail", "not attempted"


class CheckResult:
    """What a check decided. Truthy when passed; shows nothing when left as a cell's value
    (the printed verdict is the output), so notebooks stay clean."""

    def __init__(self, status: str, message: str):
        self.status, self.message = status, message

    def __bool__(self):
        return self.status == PASS

    def __repr__(self):
        return f"CheckResult({self.status!r})"

    def _ipython_display_(self):  # the verdict was printed already
        pass


def report(title: str, status: str, detail: str = "") -> CheckResult:
    """Print the verdict for exercise ``title`` and return it."""
    if status == PASS:
        msg = f"PASS - {title}" + (f": {detail}" if detail else "")
    elif status == TODO:
        msg = f"NOT ATTEMPTED YET - {title}: replace the placeholder with your answer and run the cell again."
    else:
        msg = f"NOT YET - {title}. Hint: {detail}"
    print(msg)
    return CheckResult(status, msg)


def blank(answer) -> bool:
    """True for the untouched placeholders ``None`` and ``...``."""
    return answer is None or answer is Ellipsis


def _close(a, b, rtol, atol) -> bool:
    try:
        a_arr, b_arr = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    except (TypeError, ValueError):
        return a == b
    return a_arr.shape == b_arr.shape and bool(np.allclose(a_arr, b_arr, rtol=rtol, atol=atol))


def check_value(title, answer, expected, *, hint, rtol=1e-6, atol=1e-9, hints=None) -> CheckResult:
    """Compare a number or array with the expected one.

    ``hints`` maps a known wrong answer to the hint that explains that mistake, e.g.
    ``{tau * n_params: "the parameters are shared: count them once"}``.
    """
    if blank(answer):
        return report(title, TODO)
    try:
        if _close(answer, expected, rtol, atol):
            return report(title, PASS)
        for wrong, targeted in (hints or {}).items():
            if _close(answer, wrong, rtol, atol):
                return report(title, FAIL, targeted)
        got = np.shape(answer)
        want = np.shape(expected)
        if got != want:
            return report(title, FAIL, f"your answer has shape {got}, expected {want}. {hint}")
    except Exception as exc:  # never let a check crash the notebook
        return report(title, FAIL, f"could not compare your answer ({type(exc).__name__}: {exc}). {hint}")
    return report(title, FAIL, hint)


def untouched_or_not_callable(title, fn, signature="a function"):
    """The verdict for a function exercise that cannot be run at all, or None if ``fn`` is callable:
    NOT ATTEMPTED YET for the blank placeholder, NOT YET when it is not a function."""
    if blank(fn):
        return report(title, TODO)
    if not callable(fn):
        return report(title, FAIL, f"expected {signature}, got {type(fn).__name__}.")
    return None


def check_function(title, fn, cases, *, hint, rtol=1e-6, atol=1e-9) -> CheckResult:
    """Call ``fn(*args)`` for each ``(args, expected)`` in ``cases`` and compare.

    A function that raises NotImplementedError (the placeholder body) has not been
    attempted; any other exception is reported with its message and the hint.
    """
    if blank(fn):
        return report(title, TODO)
    if not callable(fn):
        return report(title, FAIL, f"expected a function, got {type(fn).__name__}. {hint}")
    for args, expected in cases:
        try:
            got = fn(*args)
        except NotImplementedError:
            return report(title, TODO)
        except Exception as exc:
            return report(title, FAIL, f"your function raised {type(exc).__name__}: {exc}. {hint}")
        if blank(got):
            return report(title, TODO)
        try:
            same = _close(got, expected, rtol, atol)
        except Exception:
            same = False
        if not same:
            return report(title, FAIL, hint)
    return report(title, PASS)
