"""Tests of lecturelib.gradcheck: the checker itself must tell right from wrong."""
import numpy as np
import pytest

from lecturelib import gradcheck


def test_numerical_gradient_of_known_functions():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    g = gradcheck.numerical_gradient(lambda: np.sum(x**3), x)
    np.testing.assert_allclose(g, 3 * x**2, rtol=1e-9)
    y = np.array([0.3, -0.7])
    g = gradcheck.numerical_gradient(lambda: np.sin(y[0]) * y[1], y)
    np.testing.assert_allclose(g, [np.cos(0.3) * -0.7, np.sin(0.3)], rtol=1e-9)


def test_numerical_gradient_restores_x():
    x = np.array([1.0, 2.0, 3.0])
    before = x.copy()
    gradcheck.numerical_gradient(lambda: np.sum(x**2), x)
    np.testing.assert_array_equal(x, before)


def test_rel_error_values():
    a = np.array([1.0, 2.0])
    assert gradcheck.rel_error(a, a) == 0.0
    assert gradcheck.rel_error(a, -a) == pytest.approx(1.0)
    assert gradcheck.rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert gradcheck.rel_error(a, a * (1 + 1e-9)) == pytest.approx(0.5e-9, rel=1e-3)


def test_check_grads_flags_a_wrong_gradient():
    w = np.array([0.5, -1.5])
    b = np.array([2.0])

    def loss():
        return np.sum(w**2) + 3 * b[0]

    good = gradcheck.check_grads(loss, {"w": w, "b": b}, {"w": 2 * w, "b": np.array([3.0])})
    assert max(good.values()) < 1e-9
    bad = gradcheck.check_grads(loss, {"w": w, "b": b}, {"w": w, "b": np.array([3.0])})  # missing factor 2
    assert bad["w"] > 0.1 and bad["b"] < 1e-9


def test_numerical_gradient_rejects_non_float64():
    with pytest.raises(TypeError, match="x must be a float64"):
        gradcheck.numerical_gradient(lambda: 0.0, np.array([1, 2]))
