"""Tests for lecturelib.bptt: stream windows, truncated gradients, the training loop."""
import numpy as np
import pytest

from lecturelib import bptt, charlm, gradcheck, optim


def test_stream_windows_cut_rows_and_shift_targets():
    ids = np.arange(23)
    windows = bptt.stream_windows(ids, n_streams=2, truncation=4)
    # (23 - 1) // 2 = 11 steps per stream -> windows at 0 and 4 (the last 3 steps are dropped)
    assert len(windows) == 2
    x0, y0 = windows[0]
    np.testing.assert_array_equal(x0, [[0, 1, 2, 3], [11, 12, 13, 14]])
    np.testing.assert_array_equal(y0, x0 + 1)
    np.testing.assert_array_equal(windows[1][0], [[4, 5, 6, 7], [15, 16, 17, 18]])


def test_stream_windows_reject_bad_truncation():
    with pytest.raises(ValueError, match="truncation must be a positive int, got 0"):
        bptt.stream_windows(np.arange(20), 2, 0)
    with pytest.raises(ValueError, match="truncation must be at most the steps per stream"):
        bptt.stream_windows(np.arange(20), 2, 10)
    with pytest.raises(ValueError, match="n_streams must be a positive int"):
        bptt.stream_windows(np.arange(20), 0, 2)


def _problem(seed=0, K=5, H=4, N=2, T=12, w_scale=1.0):
    g = np.random.default_rng(seed)
    p = charlm.init_params(K, H, rng=g)
    p["W"] *= w_scale
    return p, g.integers(0, K, (N, T)), g.integers(0, K, (N, T))


def test_truncation_at_full_length_is_full_bptt_and_gradient_checked():
    p, x, y = _problem()
    loss_full, g_full, _ = charlm.loss_and_grads(p, x, y)
    loss, g = bptt.truncated_grads(p, x, y, truncation=12)
    assert loss == pytest.approx(loss_full)
    errors = gradcheck.check_grads(lambda: charlm.loss_and_grads(p, x, y)[0], p, g)
    assert max(errors.values()) < 1e-7


def test_truncated_gradient_equals_the_gradient_with_the_window_start_held_constant():
    p, x, y = _problem(w_scale=3.0)
    k = 4
    loss, g = bptt.truncated_grads(p, x, y, truncation=k)
    loss_full, _, _ = charlm.loss_and_grads(p, x, y)
    assert loss == pytest.approx(loss_full)  # the forward pass is not changed by truncation
    # independent reference: each window is a separate problem started from the carried (constant) state
    _, _, h_mid = charlm.loss_and_grads(p, x[:, :k], y[:, :k])
    _, _, h_mid2 = charlm.loss_and_grads(p, x[:, k : 2 * k], y[:, k : 2 * k], h_mid)

    def window_sum():
        return (charlm.loss_and_grads(p, x[:, :k], y[:, :k])[0]
                + charlm.loss_and_grads(p, x[:, k : 2 * k], y[:, k : 2 * k], h_mid)[0]
                + charlm.loss_and_grads(p, x[:, 2 * k :], y[:, 2 * k :], h_mid2)[0])

    errors = gradcheck.check_grads(window_sum, p, g)
    assert max(errors.values()) < 1e-7
    # and it is not the full gradient: W, U, b lose the cross-window terms, V, c do not
    _, g_full, _ = charlm.loss_and_grads(p, x, y)
    assert gradcheck.rel_error(g["W"], g_full["W"]) > 1e-3
    np.testing.assert_allclose(g["V"], g_full["V"], rtol=1e-12)


def test_truncated_grads_reject_bad_input():
    p, x, y = _problem()
    with pytest.raises(ValueError, match="truncation must be a positive int, got 0"):
        bptt.truncated_grads(p, x, y, truncation=0)
    with pytest.raises(ValueError, match="targets must have shape"):
        bptt.truncated_grads(p, x, y[:1], truncation=3)


def test_train_lowers_the_loss_calls_back_and_is_deterministic():
    text = "the ground there. in the ground. " * 8
    vocab = charlm.CharVocab.from_text(text)
    ids = vocab.encode(text)
    calls = []

    def run():
        p = charlm.init_params(vocab.size, 16, rng=np.random.default_rng(0))
        hist = bptt.train(p, ids, truncation=8, n_streams=4, epochs=15, optimizer=optim.Adam(lr=0.02),
                          max_norm=5.0, callback=lambda s, n, loss: calls.append((s, n, loss)))
        return p, hist

    p, hist = run()
    n_windows = len(bptt.stream_windows(ids, 4, 8))
    assert len(hist["loss"]) == len(hist["grad_norm"]) == 15 * n_windows
    assert [c[0] for c in calls] == list(range(1, 15 * n_windows + 1))
    assert all(c[1] == 15 * n_windows for c in calls)
    assert calls[-1][2] == pytest.approx(hist["loss"][-1])
    assert hist["loss"][0] == pytest.approx(np.log(vocab.size), abs=0.3)
    assert np.mean(hist["loss"][-5:]) < 0.5 * hist["loss"][0]
    p2, hist2 = run()
    assert hist2["loss"] == hist["loss"]
    np.testing.assert_array_equal(p2["W"], p["W"])


def test_train_clipping_caps_the_applied_step():
    text = "abcabcabdabcabcabd" * 4
    vocab = charlm.CharVocab.from_text(text)
    ids = vocab.encode(text)
    p0 = charlm.init_params(vocab.size, 6, rng=np.random.default_rng(1))
    p = {k: v.copy() for k, v in p0.items()}
    hist = bptt.train(p, ids, truncation=5, n_streams=2, epochs=1, optimizer=optim.SGD(lr=1.0), max_norm=1e-3)
    # the recorded norm is the one before clipping; the applied step has norm lr * max_norm per update
    assert hist["grad_norm"][0] > 1e-3
    step = np.sqrt(sum(np.sum((p[k] - p0[k]) ** 2) for k in p))
    assert step <= len(hist["loss"]) * 1e-3 + 1e-12


def test_train_rejects_bad_arguments():
    ids = np.arange(40) % 4
    p = charlm.init_params(4, 3, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="truncation must be a positive int, got 0"):
        bptt.train(p, ids, truncation=0, n_streams=2)
    with pytest.raises(ValueError, match="max_norm must be a finite number > 0"):
        bptt.train(p, ids, truncation=4, n_streams=2, max_norm=0.0)
    with pytest.raises(TypeError, match="callback must be callable"):
        bptt.train(p, ids, truncation=4, n_streams=2, callback="bar")
    with pytest.raises(TypeError, match="optimizer must have a step"):
        bptt.train(p, ids, truncation=4, n_streams=2, optimizer=0.1)
    with pytest.raises(ValueError, match="epochs must be a positive int"):
        bptt.train(p, ids, truncation=4, n_streams=2, epochs=0)


def test_smooth_is_a_trailing_mean():
    np.testing.assert_allclose(bptt.smooth([1.0, 3.0, 5.0, 7.0], span=2), [1.0, 2.0, 4.0, 6.0])
    with pytest.raises(ValueError, match="values must not be empty"):
        bptt.smooth([], span=2)
