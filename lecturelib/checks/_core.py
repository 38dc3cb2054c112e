"""Building blocks for the exercise checks (see the package docstring)."""
from __future__ import annotations

import inspect
import sys

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


class StudentCall:
    """What one call of a student's function gave.

    ``value``: what it returned (None if it could not be judged); ``verdict``: None when the
    function returned something to compare, otherwise the verdict already printed; ``used``:
    the names (keys of ``watch``) of the watched functions that ran during the call.
    """

    def __init__(self, value=None, verdict=None, used=frozenset()):
        self.value, self.verdict, self.used = value, verdict, frozenset(used)

    def __repr__(self):
        return f"StudentCall(verdict={self.verdict!r}, used={sorted(self.used)!r})"


def _code_of(fn):
    return getattr(inspect.unwrap(fn), "__code__", None)


def _run_watched(fn, args, watch):
    """fn(*args), noting which functions of ``watch`` (name -> function) ran during the call.

    A profile hook sees every Python function entered, so a watched function is noticed
    however it was reached: ``rnn.forward(...)``, an alias (``from lecturelib.rnn import
    forward``) or another library function that calls it.
    """
    codes = {_code_of(f): name for name, f in (watch or {}).items()}
    codes.pop(None, None)
    if not codes:
        return fn(*args), set()
    used = set()
    previous = sys.getprofile()

    def hook(frame, event, arg):
        if event == "call" and frame.f_code in codes:
            used.add(codes[frame.f_code])
        if previous is not None:
            previous(frame, event, arg)

    sys.setprofile(hook)
    try:
        value = fn(*args)
    finally:
        sys.setprofile(previous)
    return value, used


def call_student(title, fn, *args, signature="a function", on_error="", watch=None) -> StudentCall:
    """Call a student's function ``fn(*args)`` once and judge what cannot be compared.

    The verdict is printed and stored in ``.verdict`` when the function
    - is the blank placeholder (None, ...) or raises NotImplementedError: NOT ATTEMPTED YET;
    - is not callable: NOT YET, naming ``signature``;
    - raises another exception: NOT YET with its type and message, then ``on_error``;
    - returns None (a body without ``return``) or ``...``: NOT YET, saying so.
    Otherwise ``.verdict`` is None and ``.value`` holds the result for the caller to compare.
    ``watch`` maps names to functions whose use the caller wants to know about (a library
    function doing the work the exercise asks for); ``.used`` holds the ones that ran.
    """
    if (verdict := untouched_or_not_callable(title, fn, signature)) is not None:
        return StudentCall(verdict=verdict)
    try:
        value, used = _run_watched(fn, args, watch)
    except NotImplementedError:
        return StudentCall(verdict=report(title, TODO))
    except Exception as exc:  # never let a check crash the notebook
        detail = f"your function raised {type(exc).__name__}: {exc}." + (f" {on_error}" if on_error else "")
        return StudentCall(verdict=report(title, FAIL, detail))
    if value is None:
        return StudentCall(verdict=report(title, FAIL, "your function returned None: did you forget `return`? "
                                                       "End it with `return` and the result."))
    if value is Ellipsis:
        return StudentCall(verdict=report(title, FAIL, "your function returned `...`, the placeholder: "
                                                       "return your result instead."))
    return StudentCall(value=value, used=used)


def check_function(title, fn, cases, *, hint, rtol=1e-6, atol=1e-9) -> CheckResult:
    """Call ``fn(*args)`` for each ``(args, expected)`` in ``cases`` and compare.

    A function that raises NotImplementedError (the placeholder body) has not been
    attempted; any other exception, or a missing ``return``, is reported with the hint
    (see ``call_student``).
    """
    if blank(fn):
        return report(title, TODO)
    if not callable(fn):
        return report(title, FAIL, f"expected a function, got {type(fn).__name__}. {hint}")
    for args, expected in cases:
        call = call_student(title, fn, *args, on_error=hint)
        if call.verdict is not None:
            return call.verdict
        try:
            same = _close(call.value, expected, rtol, atol)
        except Exception:
            same = False
        if not same:
            return report(title, FAIL, hint)
    return report(title, PASS)
