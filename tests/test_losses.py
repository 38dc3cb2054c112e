"""Tests of lecturelib.losses: output layer, cross-entropies (many-to-many, many-to-one)."""
import math

import numpy as np
import pytest

from lecturelib import losses, rnn
from gradtools import max_err

TOL = 1e-7
N, T, H, K = 3, 4, 5, 6


# ------------------------------------------------------------------ values by hand
def test_cross_entropy_hand_value():
    o = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    loss, do = losses.cross_entropy(o, np.array([2, 0]))
    l0 = -(3.0 - math.log(math.e + math.e**2 + math.e**3))
    l1 = math.log(3.0)
    assert loss == pytest.approx((l0 + l1) / 2, abs=1e-15)
    p0 = [math.exp(k) / (math.e + math.e**2 + math.e**3) for k in (1, 2, 3)]
    np.testing.assert_allclose(do[0], [p0[0] / 2, p0[1] / 2, (p0[2] - 1) / 2], atol=1e-15)
    np.testing.assert_allclose(do[1], [(1 / 3 - 1) / 2, 1 / 6, 1 / 6], atol=1e-15)


def test_output_forward_hand_value():
    params = {"V": np.array([[1.0, -2.0], [0.5, 0.0]]), "c": np.array([0.1, -0.3])}
    o, _ = losses.output_forward(np.array([[0.3, 0.4]]), params)
    np.testing.assert_allclose(o, [[1.0 * 0.3 - 2.0 * 0.4 + 0.1, 0.5 * 0.3 - 0.3]], atol=1e-15)


def test_sequence_loss_is_sum_over_unmasked_steps(rng):
    o = rng.normal(size=(N, T, K))
    y = rng.integers(0, K, size=(N, T))
    mask = np.ones((N, T))
    mask[0, 2:] = 0
    mask[2, 0] = 0
    loss, do = losses.sequence_cross_entropy(o, y, mask)
    expected = 0.0
    for n in range(N):
        for t in range(T):
            if mask[n, t]:
                logits = o[n, t]
                expected += -(logits[y[n, t]] - math.log(sum(math.exp(v) for v in logits)))
    assert loss == pytest.approx(expected / N, rel=1e-13)
    assert np.all(do[0, 2:] == 0) and np.all(do[2, 0] == 0)
    full, _ = losses.sequence_cross_entropy(o, y)
    assert full > loss


def test_many_to_one_uses_only_last_step(rng):
    o = rng.normal(size=(N, T, K))
    y = rng.integers(0, K, size=N)
    loss, do = losses.many_to_one_cross_entropy(o, y)
    ref, do_last = losses.cross_entropy(o[:, -1], y)
    assert loss == ref
    np.testing.assert_array_equal(do[:, :-1], 0.0)
    np.testing.assert_array_equal(do[:, -1], do_last)
    o2 = o.copy()
    o2[:, :-1] += 10.0  # earlier logits do not matter
    assert losses.many_to_one_cross_entropy(o2, y)[0] == loss


def test_loss_is_a_mean_over_the_batch(rng):
    o = rng.normal(size=(N, T, K))
    y = rng.integers(0, K, size=(N, T))
    one, _ = losses.sequence_cross_entropy(o, y)
    two, _ = losses.sequence_cross_entropy(np.concatenate([o, o]), np.concatenate([y, y]))
    assert two == pytest.approx(one, rel=1e-14)


def test_perplexity_of_uniform_prediction_is_vocabulary_size():
    o = np.zeros((2, 3, K))
    y = np.zeros((2, 3), dtype=int)
    loss, _ = losses.sequence_cross_entropy(o, y)
    assert losses.perplexity(loss / 3) == pytest.approx(K, rel=1e-12)


# ------------------------------------------------------------------ gradients
def test_cross_entropy_gradcheck(rng):
    o = rng.normal(size=(N, K))
    y = rng.integers(0, K, size=N)
    _, do = losses.cross_entropy(o, y)
    err, errs = max_err(lambda: losses.cross_entropy(o, y)[0], {"o": o}, {"o": do})
    assert err < TOL, errs


def test_sequence_cross_entropy_masked_gradcheck(rng):
    o = rng.normal(size=(N, T, K))
    y = rng.integers(0, K, size=(N, T))
    mask = (rng.random((N, T)) < 0.7).astype(float)
    mask[0, 0] = 1
    _, do = losses.sequence_cross_entropy(o, y, mask)
    err, errs = max_err(lambda: losses.sequence_cross_entropy(o, y, mask)[0], {"o": o}, {"o": do})
    assert err < TOL, errs


def test_many_to_one_gradcheck(rng):
    o = rng.normal(size=(N, T, K))
    y = rng.integers(0, K, size=N)
    _, do = losses.many_to_one_cross_entropy(o, y)
    err, errs = max_err(lambda: losses.many_to_one_cross_entropy(o, y)[0], {"o": o}, {"o": do})
    assert err < TOL, errs


@pytest.mark.parametrize("shape", [(N, H), (N, T, H)])
def test_output_backward_gradcheck(rng, shape):
    p = losses.init_output_params(H, K, rng=rng)
    h = rng.normal(size=shape)
    dout = rng.normal(size=shape[:-1] + (K,))
    _, cache = losses.output_forward(h, p)
    dh, grads = losses.output_backward(dout, cache)

    def loss():
        return np.sum(losses.output_forward(h, p)[0] * dout)

    err, errs = max_err(loss, {**p, "h": h}, {**grads, "h": dh})
    assert err < TOL, errs


@pytest.mark.parametrize("kind", ["many_to_many", "many_to_one"])
def test_rnn_output_loss_chain_gradcheck(rng, kind):
    """The whole pipeline x -> RNN -> output layer -> loss, checked end to end."""
    D = 3
    p_rnn = rnn.init_params(D, H, rng=rng)
    p_out = losses.init_output_params(H, K, rng=rng)
    x = rng.normal(size=(N, T, D))
    if kind == "many_to_many":
        y = rng.integers(0, K, size=(N, T))
        mask = np.ones((N, T))
        mask[1, -1] = 0

        def loss_of(o):
            return losses.sequence_cross_entropy(o, y, mask)
    else:
        y = rng.integers(0, K, size=N)

        def loss_of(o):
            return losses.many_to_one_cross_entropy(o, y)

    def loss():
        h, _ = rnn.forward(x, None, p_rnn)
        return loss_of(losses.output_forward(h, p_out)[0])[0]

    h, c_rnn = rnn.forward(x, None, p_rnn)
    o, c_out = losses.output_forward(h, p_out)
    _, do = loss_of(o)
    dh, g_out = losses.output_backward(do, c_out)
    dx, _, g_rnn = rnn.backward(dh, c_rnn)
    err, errs = max_err(loss, {**p_rnn, **p_out, "x": x}, {**g_rnn, **g_out, "x": dx})
    assert err < TOL, errs


def test_output_layer_equals_the_plain_per_step_version(rng):
    """One product over all N*T rows gives the numbers of o_t = V h_t + c step by step."""
    N, T, H, K = 3, 4, 5, 6
    params = losses.init_output_params(H, K, rng=rng)
    h, do = rng.normal(size=(N, T, H)), rng.normal(size=(N, T, K))
    o, cache = losses.output_forward(h, params)
    dh, grads = losses.output_backward(do, cache)
    for t in range(T):
        np.testing.assert_allclose(o[:, t], h[:, t] @ params["V"].T + params["c"], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(dh[:, t], do[:, t] @ params["V"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(grads["V"], sum(do[:, t].T @ h[:, t] for t in range(T)), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(grads["c"], do.sum(axis=(0, 1)), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("masked", [False, True])
def test_sequence_loss_equals_the_per_step_cross_entropy(rng, masked):
    N, T, K = 4, 5, 3
    o, y = rng.normal(size=(N, T, K)), rng.integers(0, K, size=(N, T))
    mask = (rng.random((N, T)) < 0.6).astype(float) if masked else np.ones((N, T))
    loss, do = losses.sequence_cross_entropy(o, y, mask if masked else None)
    want_loss, want_do = 0.0, np.zeros_like(o)
    for t in range(T):
        for n in range(N):
            if mask[n, t]:
                l_nt, d_nt = losses.cross_entropy(o[n:n + 1, t], y[n:n + 1, t])
                want_loss += l_nt / N
                want_do[n, t] = d_nt[0] / N
    assert abs(loss - want_loss) < 1e-12
    np.testing.assert_allclose(do, want_do, rtol=1e-12, atol=1e-15)
