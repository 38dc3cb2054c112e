"""The nb04 self-checks: the reference passes, typical mistakes get their hint, blanks are not attempted."""
import numpy as np
import pytest

from lecturelib import rnn
from lecturelib.checks import nb04


def test_ex1_reference_values():
    # h_1 = tanh(U x_1 + b) = tanh([1, 0.75]); h_2 = tanh(W h_1 + U x_2 + b)
    ref = nb04.ex1_reference()
    np.testing.assert_allclose(ref[0], np.tanh([1.0, 0.75]))
    np.testing.assert_allclose(ref, [[0.7615942, 0.6351490], [-0.2490051, 0.3177736]], atol=1e-6)


def test_ex1_reference_passes_also_when_rounded(capsys):
    assert nb04.check_hidden_states(nb04.ex1_reference())
    assert nb04.check_hidden_states(np.round(nb04.ex1_reference(), 3))
    assert "PASS" in capsys.readouterr().out


@pytest.mark.parametrize("index, phrase", [(0, "pre-activations"), (1, "not the pre-activation"),
                                           (2, "transposes"), (4, "through W h_1"), (5, "bias b")])
def test_ex1_typical_mistakes_get_their_hint(capsys, index, phrase):
    wrong, _ = nb04._ex1_wrong_answers()[index]
    assert not nb04.check_hidden_states(wrong)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and phrase in out


def test_ex1_wrong_shape_and_blank(capsys):
    assert not nb04.check_hidden_states(np.zeros(4))
    assert "shape (2, 2)" in capsys.readouterr().out
    assert not nb04.check_hidden_states(None)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out
    assert not nb04.check_hidden_states("abc")
    assert "NOT YET" in capsys.readouterr().out


def test_ex2_reference_passes(capsys):
    def step(x_t, h_prev, W, U, b):
        return np.tanh(h_prev @ W.T + x_t @ U.T + b)

    assert nb04.check_rnn_step(step)
    assert capsys.readouterr().out.startswith("PASS")


@pytest.mark.parametrize("fn, phrase", [
    (lambda x, h, W, U, b: h @ W.T + x @ U.T + b, "pre-activation"),
    (lambda x, h, W, U, b: np.tanh(h @ W + x @ U.T + b), "transpose of W"),
    (lambda x, h, W, U, b: np.tanh(h @ W.T + x @ U.T), "bias"),
    (lambda x, h, W, U, b: np.tanh(x @ U.T + b), "recurrence"),
    (lambda x, h, W, U, b: np.tanh(h @ W.T + x @ U + b), "which way round"),
    (lambda x, h, W, U, b: np.maximum(h @ W.T + x @ U.T + b, 0), "not the ReLU"),
    (lambda x, h, W, U, b: np.tanh(h @ W.T + x @ U.T + b)[0], "shape"),
])
def test_ex2_typical_mistakes_get_their_hint(capsys, fn, phrase):
    assert not nb04.check_rnn_step(fn)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and phrase in out


def test_ex2_hints_do_not_print_the_solution(capsys):
    for fn in (lambda x, h, W, U, b: np.tanh(h @ W + x @ U.T + b),
               lambda x, h, W, U, b: np.tanh(2 * h @ W.T + x @ U.T + b)):  # the second: the catch-all
        assert not nb04.check_rnn_step(fn)
        out = capsys.readouterr().out
        assert out.startswith("NOT YET") and "h_prev @ W.T" not in out and "x_t @ U.T" not in out, out


def test_ex2_missing_return_and_library_call(capsys):
    def no_return(x_t, h_prev, W, U, b):
        np.tanh(h_prev @ W.T + x_t @ U.T + b)

    assert not nb04.check_rnn_step(no_return)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "returned None" in out

    def by_library(x_t, h_prev, W, U, b):
        return rnn.step_forward(x_t, h_prev, {"W": W, "U": U, "b": b})[0]

    assert not nb04.check_rnn_step(by_library)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "rnn.step_forward" in out and "yourself" in out


def test_ex2_placeholder_is_not_attempted(capsys):
    def step(x_t, h_prev, W, U, b):
        raise NotImplementedError

    assert not nb04.check_rnn_step(step)
    assert not nb04.check_rnn_step(None)
    out = capsys.readouterr().out
    assert out.count("NOT ATTEMPTED YET") == 2


def test_ex3_count(capsys):
    # D = 12, H = 6, K = 2: W 36 + U 72 + b 6 + V 12 + c 2 = 128
    assert nb04.check_param_count(128)
    assert "PASS" in capsys.readouterr().out
    assert not nb04.check_param_count(6 * 114 + 14)
    assert "shared across steps" in capsys.readouterr().out
    assert not nb04.check_param_count(120)
    assert "biases" in capsys.readouterr().out
    assert not nb04.check_param_count(114)
    assert "output layer" in capsys.readouterr().out
    assert not nb04.check_param_count(140)
    assert "no output recurrence" in capsys.readouterr().out
    assert not nb04.check_param_count(...)
    assert "NOT ATTEMPTED YET" in capsys.readouterr().out


def test_ex1_answer_rounded_to_two_decimals_is_called_close(capsys):
    ref = nb04.ex1_reference()
    rounded = np.round(ref, 2)
    assert np.abs(rounded - ref).max() > 2e-3  # outside the tolerance: this case needs its own hint
    assert not nb04.check_hidden_states(rounded)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "close" in out and "at least 3 decimals" in out
    assert "not right yet" not in out and "0.76" not in out  # not the misleading generic hint, no answer


def test_ex1_no_known_slip_is_close_to_the_answer(capsys):
    ref = nb04.ex1_reference()
    for wrong, hint in nb04._ex1_wrong_answers():
        assert np.abs(wrong - ref).max() > nb04.EX1_CLOSE
    far = ref + np.array([[0.0, 0.0], [0.05, 0.0]])  # h_2 off by 0.05: wrong, not rounded
    nb04.check_hidden_states(far)
    out = capsys.readouterr().out
    assert "close" not in out and "h_1 is right" in out
