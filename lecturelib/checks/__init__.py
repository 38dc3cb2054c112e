"""Exercise self-checks used by the notebooks.

Each check prints one of three verdicts and never raises:
  PASS                 the answer is right;
  NOT YET + a hint     the answer is wrong in a way the hint targets;
  NOT ATTEMPTED YET    the placeholder (None, ..., or ``raise NotImplementedError``) is untouched.

Per-notebook checks live in ``lecturelib.checks.nbXX`` and are built from the helpers here.
"""
from ._core import CheckResult, blank, check_function, check_value, report

__all__ = ["CheckResult", "blank", "check_function", "check_value", "report"]
