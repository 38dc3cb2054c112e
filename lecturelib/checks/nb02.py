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
        hint="start from one output and go down one layer at a time: count how many new past steps each "
             "filter of width S = 3 adds to what the layer above already sees.",
        hints={12: "neighbouring filters overlap: a new layer adds S - 1 = 2 inputs, not S = 3.",
               3: "that is one layer; with 4 layers each output sees through 4 filters in a row.",
               8: "one short: you counted the steps the layers reach back, but not the output's own step.",
               81: "the reach grows by adding with depth (each layer adds the same number of steps), "
                   "not by multiplying.",
               5: "if you counted non-zero outputs, look at your filter weights: with weights of both signs, "
                  "such as [1, -1, 0], contributions cancel and some outputs come out zero. Use positive weights."},
    )


# library functions that run the whole loop over the steps: using one of them is not unrolling by hand
_LOOPS = {"rnn.forward": rnn.forward, "sharing.unshared_forward": sharing.unshared_forward}


_UNPACK_HINT = ("rnn.step_forward returns a pair (h_t, cache): unpack it, h1, _ = rnn.step_forward(...), and pass "
                "on and stack only the states h_t.")


def _forgot_to_unpack(fn, args) -> bool:
    """True when ``fn(*args)`` fails and a whole (h_t, cache) pair of rnn.step_forward was used as a state.

    A profile hook watches the run: a pair passed back into rnn.step_forward as h_prev, or a pair
    still held by a local variable of ``fn`` (or returned by it) without its h_t taken out, means
    the student did not unpack. Only used when the run fails, so a working function is never
    told this. Never raises.
    """
    import inspect
    import sys

    step_code = rnn.step_forward.__code__
    fn_code = getattr(inspect.unwrap(fn), "__code__", None)
    pairs, seen = [], {"pair_as_state": False, "pair_kept": False}
    previous = sys.getprofile()

    def holds_pair(values):
        values = list(values)
        for v in values:
            for pair in pairs:
                if v is pair and not any(w is pair[0] for w in values):
                    return True
            if isinstance(v, (list, tuple)) and any(item is pair for item in v for pair in pairs):
                return True
        return False

    def hook(frame, event, arg):
        try:
            if frame.f_code is step_code:
                if event == "call" and isinstance(frame.f_locals.get("h_prev"), tuple):
                    seen["pair_as_state"] = True
                elif event == "return" and isinstance(arg, tuple):
                    pairs.append(arg)
            elif frame.f_code is fn_code and event == "return":
                seen["pair_kept"] = holds_pair(list(frame.f_locals.values()) + [arg])
        except Exception:
            pass
        if previous is not None:
            previous(frame, event, arg)

    failed = False
    sys.setprofile(hook)
    try:
        value = fn(*args)
        try:
            failed = np.asarray(value, dtype=float).ndim == 0
        except Exception:
            failed = True
    except Exception:
        failed = True
    finally:
        sys.setprofile(previous)
    return failed and (seen["pair_as_state"] or seen["pair_kept"])


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
    if callable(unroll3) and _forgot_to_unpack(unroll3, (x.copy(), h0.copy(), {k: a.copy() for k, a in params.items()})):
        return report(title, FAIL, _UNPACK_HINT)
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
        return report(title, FAIL, f"your function returned a {type(call.value).__name__} that is not an array of numbers: "
                                   "return one array of shape (N, 3, H), the states h_1, h_2, h_3 side by side along axis 1.")
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
