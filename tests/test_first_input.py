"""lecturelib.first_input: data, gradients (checked by finite differences), training."""
import numpy as np
import pytest

from lecturelib import first_input as fi
from lecturelib import gradcheck


def test_make_data_label_is_sign_of_first_input():
    x, y = fi.make_data(50, 7, rng=np.random.default_rng(0), noise=0.5)
    assert x.shape == (50, 7, 1) and y.shape == (50,)
    assert np.array_equal(x[:, 0, 0], 2.0 * y - 1.0)
    assert 0 < y.sum() < 50


def test_loss_and_grads_gradcheck():
    rng = np.random.default_rng(1)
    params = fi.init_model(3, rng=rng, rho=1.2)
    x, y = fi.make_data(4, 5, rng=rng)
    loss, grads, dx = fi.loss_and_grads(params, x, y)

    def f():
        return fi.loss_and_grads(params, x, y)[0]

    errs = gradcheck.check_grads(f, params, grads)
    assert max(errs.values()) < 1e-7, errs
    num_dx = gradcheck.numerical_gradient(f, x)
    assert gradcheck.rel_error(dx, num_dx) < 1e-7


def test_gradient_by_length_matches_loss_and_grads_and_decays():
    params = fi.init_model(6, rng=np.random.default_rng(0))
    g = fi.gradient_by_length(params, [3, 30], rng=np.random.default_rng(5), n=64, noise=1.0)
    rng = np.random.default_rng(5)
    x, y = fi.make_data(64, 3, rng=rng, noise=1.0)
    assert np.isclose(g[0], np.mean(np.abs(fi.loss_and_grads(params, x, y)[2][:, 0, 0])))
    assert g[1] < 1e-3 * g[0]  # default init: rho(W) < 1, the signal vanishes
    with pytest.raises(ValueError, match="lengths"):
        fi.gradient_by_length(params, [0, 3], rng=rng)


def test_init_model_radius_and_training_learns_short_sequences():
    rng = np.random.default_rng(0)
    params = fi.init_model(8, rng=rng, rho=0.9)
    assert np.isclose(np.max(np.abs(np.linalg.eigvals(params["W"]))), 0.9)
    hist = fi.train(params, 3, rng=rng, steps=150, lr=0.02, noise=1.0)
    assert hist["loss"].shape == (150,)
    x, y = fi.make_data(200, 3, rng=np.random.default_rng(9), noise=1.0)
    assert fi.accuracy(params, x, y) > 0.95
    assert hist["loss"][-10:].mean() < hist["loss"][:10].mean()


def test_clipping_bounds_the_step():
    rng = np.random.default_rng(0)
    params = fi.init_model(8, rng=rng, rho=3.0)
    before = {k: val.copy() for k, val in params.items()}
    hist = fi.train(params, 20, rng=rng, steps=1, lr=1.0, clip=0.5, optimizer="sgd")
    step = np.sqrt(sum(np.sum((params[k] - before[k]) ** 2) for k in params))
    assert hist["grad_norm"][0] > 0.5  # the norm is reported before clipping
    assert np.isclose(step, 0.5)  # lr * max_norm


def test_bad_input():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="T must be a positive int"):
        fi.make_data(3, 0, rng=rng)
    with pytest.raises(ValueError, match="noise"):
        fi.make_data(3, 2, rng=rng, noise=-1.0)
    with pytest.raises(ValueError, match="optimizer must be one of"):
        fi.train(fi.init_model(2, rng=rng), 3, rng=rng, optimizer="rmsprop")
    with pytest.raises(ValueError, match="params is missing"):
        fi.loss_and_grads({"W": np.eye(2)}, *fi.make_data(2, 2, rng=rng))
    with pytest.raises(ValueError, match="clip"):
        fi.train(fi.init_model(2, rng=rng), 3, rng=rng, clip=0.0)
