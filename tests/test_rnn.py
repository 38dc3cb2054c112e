"""Tests of lecturelib.rnn: hand-computed values, gradient checks, batching."""
import math

import numpy as np
import pytest

from lecturelib import rnn
from gradtools import max_err

TOL = 1e-7
N, T, D, H = 3, 5, 4, 6


# ------------------------------------------------------------------ values by hand
def test_step_forward_matches_hand_computation_one_unit():
    params = {"W": np.array([[0.5]]), "U": np.array([[2.0]]), "b": np.array([-0.1])}
    h_t, _ = rnn.step_forward(np.array([0.3]), np.array([0.2]), params)
    assert h_t.shape == (1,)
    assert h_t[0] == pytest.approx(math.tanh(0.5 * 0.2 + 2.0 * 0.3 - 0.1), abs=1e-15)


def test_forward_matches_hand_computation_two_steps():
    params = {"W": np.array([[0.5]]), "U": np.array([[2.0]]), "b": np.array([-0.1])}
    x = np.array([[[0.3], [-1.0]]])  # N=1, T=2, D=1
    h, cache = rnn.forward(x, np.array([[0.2]]), params)
    h1 = math.tanh(0.5 * 0.2 + 2.0 * 0.3 - 0.1)
    h2 = math.tanh(0.5 * h1 + 2.0 * -1.0 - 0.1)
    np.testing.assert_allclose(h[0, :, 0], [h1, h2], rtol=0, atol=1e-15)
    assert cache["h"].shape == (1, 3, 1) and cache["h"][0, 0, 0] == 0.2


def test_step_forward_two_units_matrix_order():
    # W h uses rows of W: unit 0 reads W[0] . h. A transposed W would give other numbers.
    params = {"W": np.array([[0.0, 1.0], [0.0, 0.0]]), "U": np.zeros((2, 1)), "b": np.zeros(2)}
    h_t, _ = rnn.step_forward(np.array([0.0]), np.array([0.0, 0.5]), params)
    np.testing.assert_allclose(h_t, [math.tanh(0.5), 0.0], atol=1e-15)


# ------------------------------------------------------------------ init
def test_init_params_shapes_bound_and_determinism():
    p = rnn.init_params(D, H, rng=np.random.default_rng(1))
    assert {k: v.shape for k, v in p.items()} == rnn.param_shapes(D, H)
    assert all(np.abs(v).max() <= 1 / math.sqrt(H) for v in p.values())
    q = rnn.init_params(D, H, rng=np.random.default_rng(1))
    assert all(np.array_equal(p[k], q[k]) for k in p)


# ------------------------------------------------------------------ gradients
def test_step_backward_gradcheck_batch(rng):
    p = rnn.init_params(D, H, rng=rng)
    x, h = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    dout = rng.normal(size=(N, H))
    _, cache = rnn.step_forward(x, h, p)
    dx, dh, grads = rnn.step_backward(dout, cache)

    def loss():
        return np.sum(rnn.step_forward(x, h, p)[0] * dout)

    err, errs = max_err(loss, {**p, "x": x, "h": h}, {**grads, "x": dx, "h": dh})
    assert err < TOL, errs


def test_step_backward_gradcheck_single_example(rng):
    p = rnn.init_params(D, H, rng=rng)
    x, h = rng.normal(size=D), rng.normal(size=H)
    dout = rng.normal(size=H)
    _, cache = rnn.step_forward(x, h, p)
    dx, dh, grads = rnn.step_backward(dout, cache)
    assert dx.shape == (D,) and dh.shape == (H,)

    def loss():
        return np.sum(rnn.step_forward(x, h, p)[0] * dout)

    err, errs = max_err(loss, {**p, "x": x, "h": h}, {**grads, "x": dx, "h": dh})
    assert err < TOL, errs


def test_backward_gradcheck_sequence(rng):
    p = rnn.init_params(D, H, rng=rng)
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    dout = rng.normal(size=(N, T, H))
    _, cache = rnn.forward(x, h0, p)
    dx, dh0, grads = rnn.backward(dout, cache)
    assert set(grads) == set(p)

    def loss():
        return np.sum(rnn.forward(x, h0, p)[0] * dout)

    err, errs = max_err(loss, {**p, "x": x, "h0": h0}, {**grads, "x": dx, "h0": dh0})
    assert err < TOL, errs


# ------------------------------------------------------------------ consistency
def test_forward_equals_repeated_step_forward(rng):
    p = rnn.init_params(D, H, rng=rng)
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    h_seq, _ = rnn.forward(x, h0, p)
    h = h0
    for t in range(T):
        h, _ = rnn.step_forward(x[:, t], h, p)
        np.testing.assert_allclose(h_seq[:, t], h, rtol=0, atol=1e-14)


def test_forward_h0_none_means_zeros(rng):
    p = rnn.init_params(D, H, rng=rng)
    x = rng.normal(size=(N, T, D))
    np.testing.assert_array_equal(rnn.forward(x, None, p)[0], rnn.forward(x, np.zeros((N, H)), p)[0])


def test_batch_independence(rng):
    p = rnn.init_params(D, H, rng=rng)
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    h_batch, _ = rnn.forward(x, h0, p)
    for n in range(N):
        h_one, _ = rnn.forward(x[n:n + 1], h0[n:n + 1], p)
        np.testing.assert_allclose(h_batch[n], h_one[0], rtol=0, atol=1e-14)
    h1, _ = rnn.step_forward(x[:, 0], h0, p)
    for n in range(N):
        np.testing.assert_allclose(rnn.step_forward(x[n, 0], h0[n], p)[0], h1[n], rtol=0, atol=1e-14)


def test_backward_sums_gradients_over_examples(rng):
    p = rnn.init_params(D, H, rng=rng)
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    dout = rng.normal(size=(N, T, H))
    _, cache = rnn.forward(x, h0, p)
    _, _, grads = rnn.backward(dout, cache)
    total = {k: np.zeros_like(v) for k, v in p.items()}
    for n in range(N):
        _, c1 = rnn.forward(x[n:n + 1], h0[n:n + 1], p)
        _, _, g1 = rnn.backward(dout[n:n + 1], c1)
        for k in total:
            total[k] += g1[k]
    for k in p:
        np.testing.assert_allclose(grads[k], total[k], rtol=1e-12, atol=1e-14)


# ------------------------------------------------------------------ the fast sequence path against the step functions
def _by_steps(x, h0, params, dh, one_d=False):
    """forward/backward written as T calls of step_forward and step_backward (the slide's code)."""
    n, t_len, _ = x.shape
    h = np.zeros((n, params["W"].shape[0])) if h0 is None else h0
    if one_d:
        h = h[0]
    hs, caches = [], []
    for t in range(t_len):
        h, cache = rnn.step_forward(x[0, t] if one_d else x[:, t], h, params)
        hs.append(h)
        caches.append(cache)
    grads = {k: np.zeros_like(a) for k, a in params.items()}
    dx = np.zeros_like(x)
    dh_next = np.zeros_like(hs[0])
    for t in reversed(range(t_len)):
        dx_t, dh_next, g = rnn.step_backward((dh[0, t] if one_d else dh[:, t]) + dh_next, caches[t])
        dx[:, t] = dx_t
        for k in grads:
            grads[k] += g[k]
    h_all = np.stack(hs, axis=-2)
    return (h_all[None] if one_d else h_all), dx, (dh_next[None] if one_d else dh_next), grads


@pytest.mark.parametrize("with_h0", [False, True])
@pytest.mark.parametrize("one_d", [False, True])
def test_fast_sequence_path_equals_the_step_functions(rng, with_h0, one_d):
    n = 1 if one_d else N
    params = rnn.init_params(D, H, rng=rng)
    x, dh = rng.normal(size=(n, T, D)), rng.normal(size=(n, T, H))
    h0 = rng.normal(size=(n, H)) if with_h0 else None
    want_h, want_dx, want_dh0, want_grads = _by_steps(x, h0, params, dh, one_d)
    h, cache = rnn.forward(x, h0, params)
    dx, dh0, grads = rnn.backward(dh, cache)
    np.testing.assert_allclose(h, want_h, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(cache["h"][:, 1:], want_h, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(cache["h"][:, 0], np.zeros((n, H)) if h0 is None else h0, atol=0)
    np.testing.assert_allclose(dx, want_dx, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dh0, want_dh0, rtol=1e-12, atol=1e-14)
    assert list(grads) == list(params)
    for k in params:
        np.testing.assert_allclose(grads[k], want_grads[k], rtol=1e-12, atol=1e-14, err_msg=k)
    assert h.shape == (n, T, H) and dx.shape == (n, T, D) and dh0.shape == (n, H)


@pytest.mark.parametrize("with_h0", [False, True])
def test_ids_path_equals_one_hot_inputs(rng, with_h0):
    K = 7
    params = rnn.init_params(K, H, rng=rng)
    ids = rng.integers(0, K, size=(N, T))
    ids[0, :3] = 2  # one id seen several times collects every step's gradient
    x = np.eye(K)[ids]
    dh = rng.normal(size=(N, T, H))
    h0 = rng.normal(size=(N, H)) if with_h0 else None
    want_h, want_cache = rnn.forward(x, h0, params)
    _, want_dh0, want_grads = rnn.backward(dh, want_cache)
    h, cache = rnn.forward_ids(ids, h0, params)
    dx, dh0, grads = rnn.backward_ids(dh, cache)
    np.testing.assert_allclose(h, want_h, rtol=1e-12, atol=1e-14)
    assert dx is None
    np.testing.assert_allclose(dh0, want_dh0, rtol=1e-12, atol=1e-14)
    for k in params:
        np.testing.assert_allclose(grads[k], want_grads[k], rtol=1e-12, atol=1e-14, err_msg=k)


def test_ids_path_rejects_bad_ids_and_h0(rng):
    params = rnn.init_params(5, H, rng=rng)
    with pytest.raises(ValueError, match="ids"):
        rnn.forward_ids([[0, 5]], None, params)
    with pytest.raises(TypeError, match="ids"):
        rnn.forward_ids([[0.5, 1.0]], None, params)
    with pytest.raises(ValueError, match="h0"):
        rnn.forward_ids([[0, 1]], np.zeros((2, H)), params)
