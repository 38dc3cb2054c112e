"""Exercise self-checks used by the notebooks.

Each check prints one of three verdicts and never raises:
  PASS                 the answer is right;
  NOT YET + a hint     the answer is wrong in a way the hint targets;
  NOT ATTEMPTED YET    the placeholder (None, ..., or ``raise NotImplementedError``) is untouched.
A function exercise whose function returns None (no ``return``) gets NOT YET and says so
(``call_student``), since the placeholder body raises instead.

Per-notebook checks live in ``lecturelib.checks.nbXX`` and are built from the helpers here.
"""
from ._core import CheckResult, StudentCall, blank, call_student, check_function, check_value, report

__all__ = ["CheckResult", "StudentCall", "blank", "call_student", "check_function", "check_value", "report"]
