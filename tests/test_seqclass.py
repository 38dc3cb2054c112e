"""lecturelib.seqclass: gradients of every cell type, accuracy, training, init options, bad input."""
import numpy as np
import pytest

from lecturelib import first_input, gradcheck, gru, seqclass

N, T, D, H, K = 3, 4, 2, 3, 2


@pytest.mark.parametrize("cell", seqclass.CELLS)
def test_gradient_check_every_cell(cell):
    rng = np.random.default_rng(0)
    params = seqclass.init_model(cell, D, H, K, rng=rng)
    x = rng.normal(size=(N, T, D))
    y = np.array([0, 1, 1])
    loss, grads, dx = seqclass.loss_and_grads(cell, params, x, y)
    assert set(grads) == set(params)
    errs = gradcheck.check_grads(lambda: seqclass.loss_and_grads(cell, params, x, y)[0], params, grads, h=1e-5)
    assert max(errs.values()) < 1e-7, errs
    num_dx = gradcheck.numerical_gradient(lambda: seqclass.loss_and_grads(cell, params, x, y)[0], x, h=1e-5)
    assert gradcheck.rel_error(dx, num_dx) < 1e-7


def test_param_counts():
    rng = np.random.default_rng(0)
    out = H * K + K
    assert seqclass.count_params(seqclass.init_model("rnn", D, H, K, rng=rng)) == H * D + H * H + H + out
    assert seqclass.count_params(seqclass.init_model("lstm", D, H, K, rng=rng)) == 4 * (H * D + H * H + H) + out
    assert seqclass.count_params(seqclass.init_model("gru", D, H, K, rng=rng)) == 3 * (H * D + H * H + H) + out
    assert seqclass.count_params(seqclass.init_model("gru_reset_after", D, H, K, rng=rng)) == \
        3 * (H * D + H * H + H) + H + out


def test_accuracy_counts_argmax_hits():
    rng = np.random.default_rng(0)
    params = seqclass.init_model("rnn", D, H, K, rng=rng)
    x = rng.normal(size=(6, T, D))
    pred = np.argmax(seqclass.logits("rnn", params, x), axis=1)
    assert seqclass.accuracy("rnn", params, x, pred) == 1.0
    assert seqclass.accuracy("rnn", params, x, 1 - pred) == 0.0
    y = pred.copy()
    y[:2] = 1 - y[:2]
    assert seqclass.accuracy("rnn", params, x, y) == pytest.approx(4 / 6)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_fit_reduces_loss_on_a_short_memory_task(cell):
    rng = np.random.default_rng(0)
    params = seqclass.init_model(cell, 1, 8, 2, rng=rng)
    seen = []
    hist = seqclass.fit(cell, params, lambda: first_input.make_data(32, 3, rng=rng), steps=60, lr=0.02,
                        callback=lambda i, n, loss: seen.append(i))
    assert hist.shape == (60,) and seen == list(range(1, 61))
    assert hist[-10:].mean() < 0.5 * hist[:5].mean()


def test_fit_and_train_and_test_stop_once_the_recent_loss_is_low():
    rng = np.random.default_rng(0)
    params = seqclass.init_model("gru", 1, 8, 2, rng=rng)
    hist = seqclass.fit("gru", params, lambda: first_input.make_data(32, 3, rng=rng), steps=400, lr=0.02,
                        stop_below=0.1, window=5)
    assert len(hist) < 400 and hist[-5:].mean() < 0.1 and hist[-6:-1].mean() >= 0.1   # stopped at the first chance
    full, acc_full = seqclass.train_and_test("lstm", 5, 0, steps=150)
    short, acc_short = seqclass.train_and_test("lstm", 5, 0, steps=150, stop_below=0.05)
    assert acc_full >= 0.9 and acc_short >= 0.9                # both learned the short task
    assert not all(np.array_equal(full[k], short[k]) for k in full)   # the stopped run took fewer updates


def test_init_biases_defaults_and_options():
    p0 = seqclass.init_model("lstm", D, H, K, rng=np.random.default_rng(0), forget_bias=0.0)
    p1 = seqclass.init_model("lstm", D, H, K, rng=np.random.default_rng(0))
    assert np.allclose(p1["b_f"] - p0["b_f"], 1.0)  # default forget bias 1
    for cell in ("gru", "gru_reset_after"):
        g0 = seqclass.init_model(cell, D, H, K, rng=np.random.default_rng(0))
        g2 = seqclass.init_model(cell, D, H, K, rng=np.random.default_rng(0), update_bias=2.0)
        assert np.allclose(g2["b_z"] - g0["b_z"], 2.0)
        assert all(np.array_equal(g0[k], g2[k]) for k in g0 if k != "b_z")
        plain = gru.init_params(
            D, H, rng=np.random.default_rng(0), reset_after=(cell == "gru_reset_after"))
        assert np.array_equal(g0["b_z"], plain["b_z"])  # default update_bias keeps the plain init
    r = seqclass.init_model("rnn", D, H, K, rng=np.random.default_rng(0), update_bias=5.0, forget_bias=5.0)
    r0 = seqclass.init_model("rnn", D, H, K, rng=np.random.default_rng(0))
    assert all(np.array_equal(r[k], r0[k]) for k in r)


def test_bad_input():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="cell"):
        seqclass.init_model("cnn", D, H, K, rng=rng)
    with pytest.raises(ValueError, match="cell"):
        seqclass.fit("cnn", {}, lambda: None)
    with pytest.raises(ValueError, match="update_bias"):
        seqclass.init_model("gru", D, H, K, rng=rng, update_bias=float("nan"))
    with pytest.raises(ValueError, match="forget_bias"):
        seqclass.init_model("lstm", D, H, K, rng=rng, forget_bias="1")
    with pytest.raises(TypeError, match="rng"):
        seqclass.init_model("rnn", D, H, K, rng=0)
    params = seqclass.init_model("rnn", D, H, K, rng=rng)
    with pytest.raises(ValueError, match="output layer"):
        seqclass.logits("rnn", {k: a for k, a in params.items() if k != "V"}, np.zeros((1, T, D)))
    with pytest.raises(TypeError, match="params"):
        seqclass.count_params([1, 2])
    with pytest.raises(TypeError, match="make_batch"):
        seqclass.fit("rnn", params, make_batch=5)
    with pytest.raises(ValueError, match="y"):
        seqclass.accuracy("rnn", params, np.zeros((2, T, D)), np.array([0, 5]))
    with pytest.raises(ValueError):
        seqclass.logits("rnn", params, np.zeros((2, T, D + 1)))


def test_train_and_test_is_deterministic_and_learns_a_short_task():
    params_a, acc_a = seqclass.train_and_test("lstm", 3, seed=0, steps=150)
    params_b, acc_b = seqclass.train_and_test("lstm", 3, seed=0, steps=150)
    assert acc_a == acc_b and all(np.array_equal(params_a[k], params_b[k]) for k in params_a)
    assert acc_a > 0.9  # the first input is two steps back: easy
    params_c, acc_c = seqclass.train_and_test("lstm", 3, seed=1, steps=150)
    assert not np.array_equal(params_a["W_i"], params_c["W_i"])  # another seed, another run
    assert acc_c > 0.9


def test_train_and_test_passes_init_options_and_rejects_unknown_cells():
    params, _ = seqclass.train_and_test("gru", 2, seed=0, steps=1, update_bias=2.0)
    assert params["b_z"].mean() > 1.0  # default init is within +-1/sqrt(16); the bias adds 2
    with pytest.raises(ValueError, match="cell"):
        seqclass.train_and_test("cnn", 5, seed=0)
