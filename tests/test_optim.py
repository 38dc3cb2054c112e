"""Tests of lecturelib.optim: one or two steps by hand, minimising a quadratic, clipping."""
import math

import numpy as np
import pytest

from lecturelib import optim


def test_sgd_one_step():
    params = {"w": np.array([1.0, -2.0])}
    optim.SGD(lr=0.1).step(params, {"w": np.array([0.5, -4.0])})
    np.testing.assert_allclose(params["w"], [1.0 - 0.05, -2.0 + 0.4], atol=1e-15)


def test_sgd_momentum_two_steps():
    params = {"w": np.array([1.0])}
    opt = optim.SGD(lr=0.1, momentum=0.9)
    opt.step(params, {"w": np.array([2.0])})  # v1 = -0.1*2 = -0.2
    assert params["w"][0] == pytest.approx(0.8, abs=1e-15)
    opt.step(params, {"w": np.array([1.0])})  # v2 = 0.9*(-0.2) - 0.1*1 = -0.28
    assert params["w"][0] == pytest.approx(0.8 - 0.28, abs=1e-15)


def test_adagrad_two_steps():
    params = {"w": np.array([0.0])}
    opt = optim.Adagrad(lr=0.5, eps=1e-8)
    opt.step(params, {"w": np.array([2.0])})  # G = 4
    assert params["w"][0] == pytest.approx(-0.5 * 2.0 / (2.0 + 1e-8), abs=1e-15)
    opt.step(params, {"w": np.array([-1.0])})  # G = 5
    expected = -0.5 * 2.0 / (2.0 + 1e-8) + 0.5 * 1.0 / (math.sqrt(5.0) + 1e-8)
    assert params["w"][0] == pytest.approx(expected, abs=1e-15)


def test_adam_two_steps():
    b1, b2, lr, eps = 0.9, 0.999, 0.01, 1e-8
    params = {"w": np.array([1.0])}
    opt = optim.Adam(lr=lr, beta1=b1, beta2=b2, eps=eps)
    g1, g2 = 3.0, -1.0
    opt.step(params, {"w": np.array([g1])})
    # step 1: m_hat = g1, s_hat = g1^2, so the move is lr * g1 / (|g1| + eps), about lr
    w1 = 1.0 - lr * g1 / (abs(g1) + eps)
    assert params["w"][0] == pytest.approx(w1, abs=1e-15)
    opt.step(params, {"w": np.array([g2])})
    m = b1 * (1 - b1) * g1 + (1 - b1) * g2
    s = b2 * (1 - b2) * g1**2 + (1 - b2) * g2**2
    m_hat, s_hat = m / (1 - b1**2), s / (1 - b2**2)
    assert params["w"][0] == pytest.approx(w1 - lr * m_hat / (math.sqrt(s_hat) + eps), abs=1e-15)


@pytest.mark.parametrize(
    "make, steps",
    [
        (lambda: optim.SGD(lr=0.1), 300),
        (lambda: optim.SGD(lr=0.05, momentum=0.9), 300),
        (lambda: optim.Adam(lr=0.05), 2000),
        (lambda: optim.Adagrad(lr=0.5), 2000),
    ],
    ids=["sgd", "momentum", "adam", "adagrad"],
)
def test_minimises_a_quadratic(make, steps):
    # f(w) = 1/2 (w - a)^T A (w - a), minimum at a
    A = np.array([[3.0, 0.5], [0.5, 1.0]])
    a = np.array([1.5, -2.0])
    params = {"w": np.zeros(2), "b": np.array([[4.0]])}  # b: f = (b - 1)^2, minimum at 1
    opt = make()
    start = 0.5 * a @ A @ a + 9.0
    for _ in range(steps):
        w = params["w"]
        opt.step(params, {"w": A @ (w - a), "b": 2 * (params["b"] - 1.0)})
    final = 0.5 * (params["w"] - a) @ A @ (params["w"] - a) + float((params["b"][0, 0] - 1.0) ** 2)
    assert final < 1e-6 * start
    np.testing.assert_allclose(params["w"], a, atol=1e-3)
    np.testing.assert_allclose(params["b"], [[1.0]], atol=1e-3)


def test_step_updates_in_place():
    w = np.array([1.0, 2.0])
    params = {"w": w}
    optim.SGD(lr=1.0).step(params, {"w": np.array([1.0, 1.0])})
    assert params["w"] is w
    np.testing.assert_array_equal(w, [0.0, 1.0])


def test_global_norm():
    assert optim.global_norm({"a": np.array([3.0]), "b": np.array([[4.0, 0.0]])}) == pytest.approx(5.0)


def test_clip_grad_norm_returns_pre_clip_norm_and_scales():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[0.0, 4.0]])}
    norm = optim.clip_grad_norm(grads, max_norm=1.0)
    assert norm == pytest.approx(5.0, abs=1e-15)
    assert optim.global_norm(grads) == pytest.approx(1.0, abs=1e-15)
    np.testing.assert_allclose(grads["a"], [0.6, 0.0], atol=1e-15)  # direction kept
    np.testing.assert_allclose(grads["b"], [[0.0, 0.8]], atol=1e-15)


def test_clip_grad_norm_leaves_small_gradients_alone():
    grads = {"a": np.array([0.3, 0.4])}
    norm = optim.clip_grad_norm(grads, max_norm=1.0)
    assert norm == pytest.approx(0.5)
    np.testing.assert_array_equal(grads["a"], [0.3, 0.4])


def test_fit_minimises_a_quadratic_and_reports_progress():
    target = np.array([1.0, -2.0])
    params = {"w": np.zeros(2)}

    def loss_and_grads(p, x, y):
        d = p["w"] - target
        return float(d @ d), {"w": 2 * d}

    calls = []
    losses = optim.fit(params, loss_and_grads, lambda: (None, None), steps=400, lr=0.05, clip=None,
                       callback=lambda step, total, loss: calls.append((step, total)))
    assert losses.shape == (400,) and losses[0] == pytest.approx(5.0)
    assert losses[-1] < 1e-3 and np.allclose(params["w"], target, atol=0.05)
    assert calls[0] == (1, 400) and calls[-1] == (400, 400)


def test_fit_clips_before_the_update():
    params = {"w": np.zeros(1)}
    seen = []

    def loss_and_grads(p, x, y):
        grads = {"w": np.array([100.0])}
        seen.append(grads)
        return 0.0, grads

    optim.fit(params, loss_and_grads, lambda: (None, None), steps=1, lr=0.1, clip=1.0)
    assert seen[0]["w"][0] == pytest.approx(1.0)  # clipped in place to the max norm


@pytest.mark.parametrize("kwargs, match", [
    ({"steps": 0}, "steps"),
    ({"clip": -1.0}, "clip"),
])
def test_fit_rejects_bad_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        optim.fit({"w": np.zeros(1)}, lambda p, x, y: (0.0, {"w": np.zeros(1)}), lambda: (None, None), **kwargs)


def test_fit_rejects_non_callables():
    with pytest.raises(TypeError, match="make_batch"):
        optim.fit({"w": np.zeros(1)}, lambda p, x, y: (0.0, {"w": np.zeros(1)}), [1, 2])


def test_fit_stops_early_once_the_recent_mean_loss_is_low():
    params = {"w": np.zeros(1)}

    def loss_and_grads(p, x, y):
        d = p["w"] - 1.0
        return float(d @ d), {"w": 2 * d}

    losses = optim.fit(params, loss_and_grads, lambda: (None, None), steps=500, lr=0.1, clip=None,
                       stop_below=1e-2, window=3)
    n = len(losses)
    assert 3 <= n < 500 and np.mean(losses[-3:]) < 1e-2
    assert all(np.mean(losses[i - 3:i]) >= 1e-2 for i in range(3, n))  # no earlier window was that low
    with pytest.raises(TypeError, match="callback"):
        optim.fit({"w": np.zeros(1)}, loss_and_grads, lambda: (None, None), steps=2, callback="bar")


def test_fit_checks_the_gradients_once_and_then_updates_as_step_does():
    rng = np.random.default_rng(0)
    targets = [rng.normal(size=3) for _ in range(20)]
    batches = iter(targets)

    def loss_and_grads(p, x, y):
        d = p["w"] - x
        return float(d @ d), {"w": 2 * d}

    fitted = {"w": np.zeros(3)}
    optim.fit(fitted, loss_and_grads, lambda: (next(batches), None), steps=20, lr=0.1, clip=0.5)
    by_hand, opt = {"w": np.zeros(3)}, optim.Adam(lr=0.1)       # the same updates through the checked public calls
    for x in targets:
        _, grads = loss_and_grads(by_hand, x, None)
        optim.clip_grad_norm(grads, 0.5)
        opt.step(by_hand, grads)
    assert np.array_equal(fitted["w"], by_hand["w"])             # bit for bit
    with pytest.raises(ValueError, match="grads"):               # a wrong gradient is still named, at the first update
        optim.fit({"w": np.zeros(3)}, lambda p, x, y: (0.0, {"w": np.zeros(2)}), lambda: (None, None), steps=3)
