"""Tests for the notebook 03 self-checks: reference passes, typical mistakes get their hint."""
import numpy as np

from lecturelib import window as W
from lecturelib.checks import nb03

SIZES = dict(vocab_size=49, tau=5, dim=8, hidden_size=32)


def test_n_params_reference_passes(capsys):
    assert nb03.check_n_params(W.n_params(49, 5, 8, 32), **SIZES)
    assert capsys.readouterr().out.startswith("PASS")


def test_n_params_typical_mistakes(capsys):
    K, T, D, H = 49, 5, 8, 32
    nb03.check_n_params(T * K * D + H * T * D + H + K * H + K, **SIZES)
    assert "only one embedding table" in capsys.readouterr().out
    nb03.check_n_params(K * D + H * T * D + K * H, **SIZES)
    assert "biases" in capsys.readouterr().out
    nb03.check_n_params(W.n_params(K, 3, D, H), **SIZES)
    assert "tau = 3" in capsys.readouterr().out
    nb03.check_n_params(12345, **SIZES)
    assert capsys.readouterr().out.startswith("NOT YET")


def test_n_params_blank(capsys):
    assert not nb03.check_n_params(None, **SIZES)
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")


def test_concat_reference_passes(capsys):
    assert nb03.check_concat_window(lambda E, window: np.concatenate([E[w] for w in window]))
    assert capsys.readouterr().out.startswith("PASS")


def test_concat_typical_mistakes(capsys):
    nb03.check_concat_window(lambda E, window: E[window])
    assert "one row per word" in capsys.readouterr().out
    nb03.check_concat_window(lambda E, window: np.concatenate([E[w] for w in window[::-1]]))
    assert "order is reversed" in capsys.readouterr().out
    nb03.check_concat_window(lambda E, window: E[window].T.reshape(-1))
    assert "interleaved" in capsys.readouterr().out
    nb03.check_concat_window(lambda E, window: 1 / 0)
    out = capsys.readouterr().out
    assert out.startswith("NOT YET") and "ZeroDivisionError" in out


def test_concat_blank(capsys):
    def concat_window(E, window):
        raise NotImplementedError

    nb03.check_concat_window(concat_window)
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")
    nb03.check_concat_window(None)
    assert capsys.readouterr().out.startswith("NOT ATTEMPTED YET")
