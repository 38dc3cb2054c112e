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


def _garden_windows(n_streams=8, truncation=10):
    text = charlm.load_corpus()
    vocab = charlm.CharVocab.from_text(text)
    return vocab, bptt.stream_windows(vocab.encode(text), n_streams, truncation)


def test_window_grads_fast_path_matches_loss_and_grads_window_after_window():
    vocab, windows = _garden_windows()
    p = charlm.init_params(vocab.size, 12, rng=np.random.default_rng(3))
    fast = charlm.WindowedLossAndGrads(p, 8, 10)
    h_plain = h_fast = None
    for x, y in windows[:6]:
        assert fast._fast(x, y, h_fast)
        loss, grads, h_plain = charlm.loss_and_grads(p, x, y, h_plain)
        loss_f, grads_f, h_fast = fast(x, y, h_fast)
        assert loss_f == pytest.approx(loss, rel=1e-13)
        assert list(grads_f) == list(grads)
        for key in grads:
            np.testing.assert_allclose(grads_f[key], grads[key], rtol=1e-11, atol=1e-15)
        np.testing.assert_allclose(h_fast, h_plain, rtol=1e-12, atol=1e-15)
        h_plain = h_fast  # carry the same state on
        for key in p:  # a small update, as the optimizer makes, which the fast path must see
            p[key] -= 0.1 * grads[key]


def test_window_grads_falls_back_to_loss_and_grads_and_its_errors():
    vocab, windows = _garden_windows()
    x, y = windows[0]
    p = charlm.init_params(vocab.size, 5, rng=np.random.default_rng(0))
    fast = charlm.WindowedLossAndGrads(p, 8, 10)
    bad = x.copy()
    bad[2, 3] = vocab.size
    assert not fast._fast(bad, y, None)
    with pytest.raises(ValueError, match=r"inputs must lie in \[0, 30\)"):
        fast(bad, y, None)
    p["W"] = p["W"].astype(np.float32)  # replaced by an array the fast path does not take: plain path, same numbers
    assert not fast._fast(x, y, None)
    loss, grads, h = fast(x, y, None)
    loss2, grads2, h2 = charlm.loss_and_grads(p, x, y, None)
    assert loss == loss2 and np.array_equal(h, h2) and all(np.array_equal(grads[k], grads2[k]) for k in grads)
    p["W"] = np.full((5, 5), np.nan)
    with pytest.raises(ValueError, match=r"params\['W'\] must be finite"):
        fast(x, y, None)
    with pytest.raises(ValueError, match="params must have exactly the keys"):
        charlm.WindowedLossAndGrads({"W": p["W"]}, 8, 10)(x, y, None)


def test_train_takes_the_same_steps_as_loss_and_grads_would(monkeypatch):
    vocab, _ = _garden_windows()
    ids = vocab.encode(charlm.load_corpus())

    def run():
        p = charlm.init_params(vocab.size, 12, rng=np.random.default_rng(4))
        hist = bptt.train(p, ids, truncation=10, n_streams=8, epochs=2, optimizer=optim.Adagrad(lr=0.1), max_norm=1.0)
        return p, hist

    p_fast, hist_fast = run()
    def plain(params, n_streams, truncation):
        return lambda x, y, h: charlm.loss_and_grads(params, x, y, h)

    monkeypatch.setattr(charlm, "WindowedLossAndGrads", plain)
    p_plain, hist_plain = run()
    np.testing.assert_allclose(hist_fast["loss"], hist_plain["loss"], rtol=1e-10)
    np.testing.assert_allclose(hist_fast["grad_norm"], hist_plain["grad_norm"], rtol=1e-10)
    for key in p_plain:
        np.testing.assert_allclose(p_fast[key], p_plain[key], rtol=1e-9, atol=1e-12)
