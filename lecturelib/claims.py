"""Claims a notebook makes about a training result, checked where they are made.

A training run's exact digits depend on the machine: every CPU gets its own BLAS kernel,
kernels round differently, and a run on a knife-edge lands elsewhere. A notebook therefore
prints such digits without having them compared verbatim, and states the conclusion it
draws from them as a claim that must hold on any machine:

    claims.check("the LSTM learns T = 20 in every run", np.all(acc_lstm >= 0.9),
                 evidence=f"accuracies {acc_lstm}")

prints ``claim holds: the LSTM learns T = 20 in every run`` or raises ``ClaimError`` with
the statement and the evidence, so a machine on which the conclusion fails fails the test
(nbval reports the exception) instead of showing prose that contradicts the output.
"""
from __future__ import annotations

import numpy as np

from . import _validate as v


class ClaimError(AssertionError):
    """A conclusion the notebook draws does not hold for this run."""


def check(statement: str, holds, *, evidence: str = "") -> None:
    """Print ``claim holds: <statement>`` if ``holds`` is true; raise ClaimError otherwise.

    ``holds`` must be a single bool (a numpy bool is fine), not an array: write
    ``np.all(...)`` or ``np.any(...)`` to say which one you mean. ``evidence`` (the run's
    numbers) goes into the error message only.
    """
    if not isinstance(statement, str):
        raise TypeError(f"statement must be a str, got {type(statement).__name__}")
    if not statement.strip():
        raise ValueError("statement must be a non-empty sentence, got an empty string")
    if not isinstance(holds, (bool, np.bool_)):
        raise TypeError(f"holds must be a bool (use np.all or np.any on arrays), got {type(holds).__name__}")
    if not isinstance(evidence, str):
        raise TypeError(f"evidence must be a str, got {type(evidence).__name__}")
    if not holds:
        detail = f" ({evidence})" if evidence else ""
        raise ClaimError(f"claim does not hold on this machine: {statement}{detail}")
    print(f"claim holds: {statement}")


def count(values, threshold: float) -> int:
    """How many of ``values`` (accuracies of several runs, say) are at least ``threshold``."""
    arr = v.as_float_array("values", values)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float, np.integer, np.floating)) \
            or not np.isfinite(threshold):
        raise TypeError(f"threshold must be a finite number, got {threshold!r}")
    return int(np.sum(arr >= threshold))


def k_of_n(values, threshold: float) -> str:
    """``"k of n"``: how many of the n runs in ``values`` reached ``threshold``."""
    return f"{count(values, threshold)} of {np.size(values)}"
