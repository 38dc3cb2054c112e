"""Tests of lecturelib.activations: values and numerical stability."""
import math
import warnings

import numpy as np
import pytest

from lecturelib.activations import log_softmax, sigmoid, softmax, tanh


def test_sigmoid_values():
    x = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    np.testing.assert_allclose(sigmoid(x), [1 / (1 + math.exp(-v)) for v in x], rtol=1e-15)
    assert sigmoid(0.0) == 0.5
    np.testing.assert_allclose(sigmoid(-x), 1 - sigmoid(x), atol=1e-15)


def test_sigmoid_extreme_inputs_are_finite_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(np.array([-1e4, -800.0, 800.0, 1e4]))
    assert np.all(np.isfinite(s))
    assert s[0] == 0.0 and s[-1] == 1.0
    assert 0.0 <= s[1] < 1e-300 and s[2] == 1.0


def test_softmax_values():
    o = np.array([1.0, 2.0, 3.0])
    z = math.e + math.e**2 + math.e**3
    np.testing.assert_allclose(softmax(o), [math.e / z, math.e**2 / z, math.e**3 / z], rtol=1e-15)
    np.testing.assert_allclose(log_softmax(o), np.log(softmax(o)), rtol=1e-14)


def test_softmax_of_huge_logits_is_finite_without_warnings():
    o = np.array([[1e4, 1e4 + 1.0, 1e4 - 2.0], [-1e4, 0.0, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = softmax(o)
        lp = log_softmax(o)
    assert np.all(np.isfinite(p)) and np.all(np.isfinite(lp))
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(p[0], softmax(np.array([0.0, 1.0, -2.0])), rtol=1e-12)  # shift invariance
    assert lp[1, 0] == pytest.approx(-2e4, rel=1e-12)


def test_softmax_axis():
    o = np.array([[1.0, 5.0], [2.0, 0.0]])
    np.testing.assert_allclose(softmax(o, axis=0).sum(axis=0), [1.0, 1.0])
    assert softmax(o, axis=0)[1, 0] == pytest.approx(1 / (1 + math.exp(-1)), rel=1e-14)


def test_tanh_matches_math():
    x = np.array([-20.0, -1.0, 0.0, 0.3])
    np.testing.assert_allclose(tanh(x), [math.tanh(v) for v in x], rtol=1e-15)
