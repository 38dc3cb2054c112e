"""Helpers shared by the gradient-checking tests."""
from lecturelib import gradcheck


def max_err(loss, arrays, analytic):
    """Largest relative error over the arrays, and all of them (for the failure message)."""
    errs = gradcheck.check_grads(loss, arrays, analytic)
    return max(errs.values()), errs
