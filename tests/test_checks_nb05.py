"""The nb05 self-checks: the reference passes, typical mistakes get their hint, blanks are not attempted."""
import numpy as np
import pytest

from lecturelib import rnn
from lecturelib.checks import nb05


def reference_step_backward(dh_t, x_t, h_prev, h_t, W, U):
    da = dh_t * (1.0 - h_t**2)
    return da @ U, da @ W, da.T @ h_prev, da.T @ x_t, da.sum(axis=0)


def test_ex1_reference_passes_and_agrees_with_the_library(capsys):
    dh, x, h_prev, h_t, W, U = nb05._step_case()
    _, cache = rnn.step_forward(x, h_prev, {"W": W, "U": U, "b": np.zeros(W.shape[0])})
    # the case's h_t was computed with the real bias, so rebuild the cache around it
    cache["h"] = h_t
    dx_lib, dh_prev_lib, g = rnn.step_backward(dh, cache)
    ours = reference_step_backward(dh, x, h_prev, h_t, W, U)
    np.testing.assert_allclose(ours[0], dx_lib)
    np.testing.assert_allclose(ours[1], dh_prev_lib)
    np.testing.assert_allclose(ours[2], g["W"])
    assert nb05.check_step_backward(reference_step_backward)
    assert capsys.readouterr().out.startswith("PASS")


def _variant(kind):
    def fn(dh_t, x_t, h_prev, h_t, W, U):
        da = dh_t if kind == "no_tanh" else dh_t * (1.0 - h_t**2)
        dh_prev = da @ W.T if kind == "W.T" else da @ W
        dW = (da.T @ h_prev).T if kind == "dW.T" else da.T @ h_prev
        db = da.mean(axis=0) if kind == "mean" else da.sum(axis=0)
        return da @ U, dh_prev, dW, da.T @ x_t, db
    return fn


@pytest.mark.parametrize("kind, phrase", [("no_tanh", "skipped the tanh"), ("W.T", "not W.T"),
                                          ("dW.T", "transposed"), ("mean", "sum, not mean")])
def test_ex1_typical_mistakes_get_their_hint(capsys, kind, phrase):
    assert not nb05.check_step_backward(_variant(kind))
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and phrase in out


def test_ex1_blank_raising_and_bad_returns(capsys):
    def placeholder(*args):
        raise NotImplementedError

    assert not nb05.check_step_backward(placeholder)
    assert not nb05.check_step_backward(None)
    out = capsys.readouterr().out
    assert out.count("NOT ATTEMPTED YET") == 2
    assert not nb05.check_step_backward(lambda *a: (1, 2))
    assert "five arrays" in capsys.readouterr().out
    assert not nb05.check_step_backward(lambda *a: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out


def _ex2():
    _, params, h, dh = nb05.exercise2_setup()
    return params["W"], h, dh


def test_ex2_reference_passes_and_matches_rnn_backward(capsys):
    x, params, h, dh = nb05.exercise2_setup()
    W = params["W"]
    answer = dh[:, 1] + (dh[:, 2] * (1 - h[:, 2] ** 2)) @ W
    # independent: the total gradient at h_2 is what reaches h_1's pre-activation, undone through tanh'
    # easier: run rnn.backward on the last two steps only, starting from h_2 as h0
    _, cache = rnn.forward(x[:, 2:], h[:, 1], params)
    _, dh_at_h2_from_h3, _ = rnn.backward(dh[:, 2:], cache)
    np.testing.assert_allclose(answer, dh[:, 1] + dh_at_h2_from_h3)
    assert nb05.check_gradient_at_h2(answer)
    assert "PASS" in capsys.readouterr().out


@pytest.mark.parametrize("build, phrase", [
    (lambda W, h, dh: dh[:, 1], "only dL_2/dh_2"),
    (lambda W, h, dh: dh[:, 1] + dh[:, 2], "passes through tanh and W"),
    (lambda W, h, dh: dh[:, 1] + dh[:, 2] @ W, "forgot the tanh"),
    (lambda W, h, dh: dh[:, 1] + (dh[:, 2] * (1 - h[:, 2] ** 2)) @ W.T, "not @ W.T"),
    (lambda W, h, dh: (dh[:, 1] + (dh[:, 2] * (1 - h[:, 2] ** 2)) @ W) * (1 - h[:, 1] ** 2), "gradient at a_2"),
])
def test_ex2_typical_mistakes_get_their_hint(capsys, build, phrase):
    assert not nb05.check_gradient_at_h2(build(*_ex2()))
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and phrase in out


def test_ex2_blank_and_wrong_shape(capsys):
    assert not nb05.check_gradient_at_h2(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    assert not nb05.check_gradient_at_h2(np.zeros(5))
    assert "expected (2, 5)" in capsys.readouterr().out


def test_ex3_uniform_perplexity(capsys):
    assert nb05.check_uniform_perplexity(30, 30)
    assert "PASS" in capsys.readouterr().out
    assert not nb05.check_uniform_perplexity(np.log(30), 30)
    assert "perplexity is exp(loss)" in capsys.readouterr().out
    assert not nb05.check_uniform_perplexity(1 / 30, 30)
    assert "probability of each character" in capsys.readouterr().out
    assert not nb05.check_uniform_perplexity(..., 30)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    assert not nb05.check_uniform_perplexity("thirty", 30)
    assert "give one number" in capsys.readouterr().out
