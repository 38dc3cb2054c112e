"""The self-check core (lecturelib.checks): three verdicts, targeted hints, never raises.

Each test reads what a student would read (the printed line) and the returned result.
"""
import numpy as np
import pytest

from lecturelib.checks import CheckResult, blank, call_student, check_function, check_value, report


def verdict(capsys) -> str:
    out = capsys.readouterr().out
    assert out.count("\n") == 1, f"a check prints exactly one line, got {out!r}"
    return out.strip()


# ---------------------------------------------------------------- check_value

def test_value_right_answer_passes(capsys):
    result = check_value("Exercise 1", 42, 42, hint="count again")
    assert verdict(capsys) == "PASS - Exercise 1"
    assert bool(result) and result.status == "pass"


def test_value_array_within_tolerance_passes(capsys):
    expected = np.array([[0.1, 0.2], [0.3, 0.4]])
    assert check_value("arr", expected + 1e-12, expected, hint="h")
    assert verdict(capsys).startswith("PASS")


def test_value_wrong_answer_gets_the_general_hint(capsys):
    result = check_value("Exercise 1", 41, 42, hint="count the bias too")
    assert verdict(capsys) == "NOT YET - Exercise 1. Hint: count the bias too"
    assert not result and result.status == "fail"


def test_value_known_mistake_gets_its_targeted_hint(capsys):
    n_params, tau = 10, 6
    result = check_value(
        "params", tau * n_params, n_params, hint="general hint",
        hints={tau * n_params: "the parameters are shared: count them once"},
    )
    line = verdict(capsys)
    assert "the parameters are shared: count them once" in line
    assert "general hint" not in line
    assert not result


def test_value_wrong_shape_names_both_shapes(capsys):
    check_value("shape", np.zeros((3, 2)), np.zeros((2, 3)), hint="transpose?")
    line = verdict(capsys)
    assert line.startswith("NOT YET")
    assert "(3, 2)" in line and "(2, 3)" in line and "transpose?" in line


@pytest.mark.parametrize("placeholder", [None, ...])
def test_value_placeholder_is_not_attempted(capsys, placeholder):
    result = check_value("Exercise 2", placeholder, 3.0, hint="h")
    line = verdict(capsys)
    assert line.startswith("NOT ATTEMPTED YET - Exercise 2")
    assert not result and result.status == "not attempted"


@pytest.mark.parametrize("odd", ["forty-two", {"a": 1}, object(), [1, [2, 3]]])
def test_value_never_raises_on_odd_answers(capsys, odd):
    result = check_value("odd", odd, np.array([1.0, 2.0]), hint="give a number")
    assert verdict(capsys).startswith("NOT YET")
    assert not result


def test_value_nan_is_not_accepted(capsys):
    assert not check_value("nan", float("nan"), 1.0, hint="h")
    assert verdict(capsys).startswith("NOT YET")


# ------------------------------------------------------------- check_function

def square(x):
    return x * x


CASES = [((2.0,), 4.0), ((np.array([1.0, 3.0]),), np.array([1.0, 9.0]))]


def test_function_right_answer_passes(capsys):
    assert check_function("square", square, CASES, hint="multiply x by itself")
    assert verdict(capsys) == "PASS - square"


def test_function_wrong_answer_gets_the_hint(capsys):
    result = check_function("square", lambda x: 2 * x, CASES, hint="multiply x by itself")
    assert verdict(capsys) == "NOT YET - square. Hint: multiply x by itself"
    assert not result


def test_function_right_on_one_case_wrong_on_another_fails(capsys):
    # 2 * 2 == 2 ** 2, so the first case alone would let this through; the second catches it
    assert check_function("first only", lambda x: 2 * x, CASES[:1], hint="h")
    capsys.readouterr()
    assert not check_function("square", lambda x: 2 * x, CASES, hint="h")
    assert verdict(capsys).startswith("NOT YET")


def test_function_placeholder_body_is_not_attempted(capsys):
    def todo(x):
        raise NotImplementedError

    result = check_function("todo", todo, CASES, hint="h")
    assert verdict(capsys).startswith("NOT ATTEMPTED YET - todo")
    assert result.status == "not attempted"


@pytest.mark.parametrize("placeholder", [None, ...])
def test_function_blank_placeholder_is_not_attempted(capsys, placeholder):
    check_function("blank", placeholder, CASES, hint="h")
    assert verdict(capsys).startswith("NOT ATTEMPTED YET")


def test_function_returning_none_says_return_is_missing(capsys):
    def forgot_return(x):
        x * x  # computed, never returned

    result = check_function("returns None", forgot_return, CASES, hint="multiply x by itself")
    line = verdict(capsys)
    assert line.startswith("NOT YET - returns None")
    assert "returned None" in line and "forget `return`" in line
    assert "NOT ATTEMPTED" not in line and result.status == "fail"


def test_function_returning_the_ellipsis_is_named(capsys):
    assert not check_function("dots", lambda x: ..., CASES, hint="h")
    line = verdict(capsys)
    assert line.startswith("NOT YET") and "returned `...`" in line
@pytest.mark.parametrize("exc", [ValueError("bad shape"), ZeroDivisionError("division by zero"),
                                 IndexError("index 5 is out of bounds")])
def test_function_that_raises_is_reported_not_raised(capsys, exc):
    def broken(x):
        raise exc

    result = check_function("broken", broken, CASES, hint="look at the shapes")
    line = verdict(capsys)
    assert line.startswith("NOT YET - broken")
    assert type(exc).__name__ in line and str(exc) in line and "look at the shapes" in line
    assert not result


def test_function_returning_wrong_type_is_reported_not_raised(capsys):
    assert not check_function("typed", lambda x: "four", CASES, hint="return a number")
    assert verdict(capsys).startswith("NOT YET")


def test_function_not_callable_is_reported(capsys):
    assert not check_function("not callable", 3, CASES, hint="define a function")
    line = verdict(capsys)
    assert line.startswith("NOT YET") and "int" in line


# ----------------------------------------------------------- report and result

def test_report_formats_the_three_verdicts(capsys):
    report("t", "pass", "well done")
    report("t", "fail", "try again")
    report("t", "not attempted")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "PASS - t: well done"
    assert lines[1] == "NOT YET - t. Hint: try again"
    assert lines[2].startswith("NOT ATTEMPTED YET - t")


def test_result_shows_nothing_when_left_as_cell_value():
    # the printed verdict is the output; the returned object adds nothing to the cell
    result = CheckResult("pass", "PASS - x")
    assert result._ipython_display_() is None
    assert repr(result) == "CheckResult('pass')"


def test_blank_recognises_only_the_placeholders():
    assert blank(None) and blank(...)
    assert not blank(0) and not blank("") and not blank(np.zeros(0))


def test_untouched_or_not_callable(capsys):
    from lecturelib.checks._core import untouched_or_not_callable

    assert untouched_or_not_callable("Ex", None).status == "not attempted"
    verdict = untouched_or_not_callable("Ex", 3, "a function f(x)")
    assert verdict.status == "fail" and "expected a function f(x), got int" in capsys.readouterr().out
    assert untouched_or_not_callable("Ex", len) is None


# ------------------------------------------------------------- call_student

def test_call_student_returns_the_value_and_prints_nothing(capsys):
    call = call_student("Ex", square, 3.0)
    assert call.verdict is None and call.value == 9.0 and call.used == frozenset()
    assert capsys.readouterr().out == ""


def test_call_student_verdicts_for_what_cannot_be_compared(capsys):
    def todo(x):
        raise NotImplementedError

    def no_return(x):
        y = x * x  # noqa: F841

    assert call_student("Ex", None, 1.0).verdict.status == "not attempted"
    assert call_student("Ex", todo, 1.0).verdict.status == "not attempted"
    capsys.readouterr()
    assert call_student("Ex", 3, 1.0, signature="a function f(x)").verdict.status == "fail"
    assert "expected a function f(x), got int" in verdict(capsys)
    assert call_student("Ex", no_return, 1.0).verdict.status == "fail"
    assert "your function returned None: did you forget `return`?" in verdict(capsys)
    assert call_student("Ex", lambda x: 1 / 0, 1.0, on_error="divide by x - 1").verdict.status == "fail"
    line = verdict(capsys)
    assert "ZeroDivisionError" in line and line.endswith("divide by x - 1")


def _helper(x):
    return x + 1


def _calls_helper_by_alias(x):
    helper = _helper
    return helper(x)


def _calls_helper_indirectly(x):
    return _calls_helper_by_alias(x)


def test_call_student_notices_a_watched_function_however_it_is_reached(capsys):
    watch = {"helper": _helper}
    assert call_student("Ex", lambda x: x + 1, 1, watch=watch).used == frozenset()
    assert call_student("Ex", lambda x: _helper(x), 1, watch=watch).used == {"helper"}
    assert call_student("Ex", _calls_helper_by_alias, 1, watch=watch).used == {"helper"}
    call = call_student("Ex", _calls_helper_indirectly, 1, watch=watch)
    assert call.used == {"helper"} and call.value == 2
    assert capsys.readouterr().out == ""


def test_call_student_restores_the_previous_profile_hook():
    import sys

    seen = []

    def outer(frame, event, arg):
        seen.append(event)

    sys.setprofile(outer)
    try:
        call_student("Ex", lambda x: _helper(x), 1, watch={"helper": _helper})
        assert sys.getprofile() is outer
    finally:
        sys.setprofile(None)
    assert "call" in seen  # the hook that was there before kept receiving events during the call


def test_call_student_restores_the_hook_when_the_function_raises(capsys):
    import sys

    call_student("Ex", lambda x: 1 / 0, 1, watch={"helper": _helper})
    assert sys.getprofile() is None
