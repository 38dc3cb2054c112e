"""Self-checks for notebook 02 (parameter sharing and unrolling). They print, never raise."""
from __future__ import annotations

import numpy as np

from .. import rnn, sharing
from ._core import FAIL, PASS, call_student, check_value, report

__all__ = ["check_shared_count", "check_unshared_count", "check_receptive_field", "check_unroll3"]

D, H, TAU = 3, 5, 100


def check_shared_count(answer):
    """Exercise 1a: parameters of an RNN with D = 3, H = 5, unrolled over tau = 100 steps (45)."""
    full = H * H + H * D + H
    return check_value(
        "Exercise 1a (parameters of the shared RNN)", answer, full, rtol=0, atol=1e-9,
        hint="add up the sizes of W (H x H), U (H x D) and b (H) once.",
        hints={TAU * full: "the unrolled graph reuses the same W, U, b at every step: count them once, not tau times.",
               H * H + H * D: "you left out the bias b (H numbers).",
               H * D + H: "you left out W, the H x H hidden-to-hidden matrix.",
               H * H + H: "you left out U, the H x D input-to-hidden matrix.",
               H * H + 2 * H * D + H: "U is H x D, counted once."},
    )


def check_unshared_count(answer):
    """Exercise 1b: the same network with separate (W_t, U_t, b_t) for each of tau = 100 steps (4500)."""
    full = H * H + H * D + H
    return check_value(
        "Exercise 1b (parameters without sharing)", answer, TAU * full, rtol=0, atol=1e-9,
        hint="without sharing, every step t has its own W_t, U_t and b_t.",
        hints={full: "that is the shared count: here each of the tau steps has its own copy.",
               TAU * (H * H + H * D): "you left out the biases b_t (H numbers per step).",
               (TAU - 1) * full: "there are tau = 100 steps, t = 1..100, each with its own parameters."},
    )


def check_receptive_field(answer):
    """Exercise 2: how many inputs one output of 4 stacked causal convolutions with S = 3 sees (9)."""
    return check_value(
        "Exercise 2 (how far back 4 stacked convolutions see)", answer, 9, rtol=0, atol=1e-9,
        hint="each extra layer reaches S - 1 = 2 more steps into the past; the first layer sees S = 3 inputs.",
        hints={12: "neighbouring filters overlap: a new layer adds S - 1 = 2 inputs, not S = 3.",
               3: "that is one layer; with 4 layers each output sees through 4 filters in a row.",
               8: "count the output's own step too: layers * (S - 1) + 1.",
               81: "the reach grows additively with depth (layers * (S - 1) + 1), not by multiplying."},
    )


# library functions that run the whole loop over the steps: using one of them is not unrolling by hand
_LOOPS = {"rnn.forward": rnn.forward, "sharing.unshared_forward": sharing.unshared_forward}


def check_unroll3(unroll3):
    """Exercise 3: h_1, h_2, h_3 written out as three calls of rnn.step_forward, stacked to (N, 3, H).

    The right numbers are not enough: a function that lets ``rnn.forward`` (or another library
    loop) compute them is told to write the three steps itself.
    """
    title = "Exercise 3 (unroll three steps by hand)"
    rng = np.random.default_rng(123)
    params = rnn.init_params(2, 4, rng=rng)
    x = rng.normal(size=(2, 3, 2))
    h0 = rng.normal(size=(2, 4))
    want, _ = rnn.forward(x, h0, params)
    call = call_student(title, unroll3, x.copy(), h0.copy(), {k: a.copy() for k, a in params.items()}, signature="a function unroll3(x, h0, params)",
                        on_error="Use rnn.step_forward(x[:, t], h, params) three times.", watch=_LOOPS)
    if call.verdict is not None:
        return call.verdict
    if call.used:
        loop = sorted(call.used)[0]
        return report(title, FAIL, f"{loop} ran inside your unroll3, so the library did the unrolling for you. "
                                   "Write the three steps yourself: three calls of rnn.step_forward, each starting "
                                   "from the state the previous one returned.")
    try:
        got = np.asarray(call.value, dtype=float)
    except Exception:
        return report(title, FAIL, "return the three states stacked into one array of shape (N, 3, H), e.g. np.stack([h1, h2, h3], axis=1).")
    if got.shape == (3, 2, 4):
        return report(title, FAIL, "your array is (3, N, H); stack along axis=1 to get (N, 3, H), like rnn.forward.")
    if got.shape != want.shape:
        return report(title, FAIL, f"expected shape {want.shape} = (N, 3, H), got {got.shape}: stack h1, h2, h3 along axis=1.")
    if np.allclose(got, want):
        return report(title, PASS, "your hand-unrolled chain gives the same numbers as the loop in rnn.forward")
    no_chain = np.stack([rnn.step_forward(x[:, t], h0, params)[0] for t in range(3)], axis=1)
    if np.allclose(got, no_chain):
        return report(title, FAIL, "every step started from h0: feed h1 into step 2 and h2 into step 3.")
    return report(title, FAIL, "compute h1 = f(h0, x_1), h2 = f(h1, x_2), h3 = f(h2, x_3) with rnn.step_forward and x[:, t] (t = 0, 1, 2).")
