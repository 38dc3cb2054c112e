"""Tests of lecturelib.output_recurrence: forward against an independent loop, gradients
against finite differences, teacher forcing, generation, the register task, bad input."""
import numpy as np
import pytest

from lecturelib import gradcheck, losses, rnn
from lecturelib import output_recurrence as orr
from lecturelib.activations import softmax

D, H, K, N, T = 3, 4, 5, 2, 4


@pytest.fixture
def setup():
    rng = np.random.default_rng(1)
    params = orr.init_params(D, H, K, rng=rng)
    x = rng.normal(size=(N, T, D))
    y = rng.integers(0, K, size=(N, T))
    return params, x, y


def reference_logits(x, y, p, h0=None):
    """Independent loop over examples and steps, straight from the equations."""
    out = np.zeros((x.shape[0], x.shape[1], p["V"].shape[0]))
    for n in range(x.shape[0]):
        h = np.zeros(p["W"].shape[0]) if h0 is None else h0[n]
        y_prev = np.zeros(p["V"].shape[0])
        for t in range(x.shape[1]):
            a = p["W"] @ h + p["U"] @ x[n, t] + p["b"]
            if "R" in p:
                a = a + p["R"] @ y_prev
            h = np.tanh(a)
            out[n, t] = p["V"] @ h + p["c"]
            y_prev = np.zeros(p["V"].shape[0])
            y_prev[y[n, t]] = 1.0
    return out


def test_param_shapes_and_init():
    shapes = orr.param_shapes(3, 4, 5)
    assert shapes == {"W": (4, 4), "U": (4, 3), "b": (4,), "V": (5, 4), "c": (5,), "R": (4, 5)}
    assert "R" not in orr.param_shapes(3, 4, 5, recurrence=False)
    p = orr.init_params(3, 4, 5, rng=np.random.default_rng(0))
    assert {k: a.shape for k, a in p.items()} == shapes
    assert max(np.abs(a).max() for a in p.values()) <= 0.5  # 1/sqrt(4)


def test_shift_outputs_puts_previous_label_one_step_late():
    prev = orr.shift_outputs([[2, 0, 1]], 3)
    expected = np.array([[[0, 0, 0], [0, 0, 1], [1, 0, 0]]], dtype=float)
    np.testing.assert_array_equal(prev, expected)


def test_forward_matches_reference_loop(setup):
    params, x, y = setup
    o, _ = orr.forward(x, y, params)
    np.testing.assert_allclose(o, reference_logits(x, y, params), atol=1e-12)


def test_forward_with_h0_matches_reference(setup):
    params, x, y = setup
    h0 = np.random.default_rng(3).normal(size=(N, H)) * 0.3
    o, _ = orr.forward(x, y, params, h0)
    np.testing.assert_allclose(o, reference_logits(x, y, params, h0), atol=1e-12)


def test_zero_R_gives_the_plain_rnn(setup):
    params, x, y = setup
    params["R"] = np.zeros((H, K))
    o, _ = orr.forward(x, y, params)
    h, _ = rnn.forward(x, None, {k: params[k] for k in ("W", "U", "b")})
    o_plain, _ = losses.output_forward(h, {"V": params["V"], "c": params["c"]})
    np.testing.assert_allclose(o, o_plain, atol=1e-12)
    plain = {k: a for k, a in params.items() if k != "R"}
    o2, _ = orr.forward(x, None, plain)
    np.testing.assert_allclose(o2, o_plain, atol=1e-12)


def test_teacher_forcing_changes_later_steps_only(setup):
    params, x, y = setup
    o1, _ = orr.forward(x, y, params)
    y2 = y.copy()
    y2[:, 1] = (y2[:, 1] + 1) % K
    o2, _ = orr.forward(x, y2, params)
    np.testing.assert_allclose(o1[:, :2], o2[:, :2], atol=1e-14)  # y_2 feeds h_3 first
    assert np.abs(o1[:, 2:] - o2[:, 2:]).max() > 1e-3


@pytest.mark.parametrize("recurrence", [True, False])
def test_gradients_match_finite_differences(recurrence):
    rng = np.random.default_rng(7)
    params = orr.init_params(D, H, K, rng=rng, recurrence=recurrence)
    for k in params:
        params[k] = params[k] * 2.0  # larger weights: a less linear, stricter test
    x = rng.normal(size=(N, T, D))
    y = rng.integers(0, K, size=(N, T))
    h0 = rng.normal(size=(N, H)) * 0.5
    proj = rng.normal(size=(N, T, K))  # a loss that weights every logit differently

    def loss():
        o, _ = orr.forward(x, y, params, h0)
        return float(np.sum(o * proj))

    o, cache = orr.forward(x, y, params, h0)
    dx, dh0, grads = orr.backward(proj, cache)
    assert set(grads) == set(params)
    errors = gradcheck.check_grads(loss, params, grads)
    errors["x"] = gradcheck.rel_error(dx, gradcheck.numerical_gradient(loss, x))
    errors["h0"] = gradcheck.rel_error(dh0, gradcheck.numerical_gradient(loss, h0))
    assert max(errors.values()) < 1e-7, errors


def test_loss_and_grads_match_finite_differences(setup):
    params, x, y = setup

    def loss():
        return losses.sequence_cross_entropy(orr.forward(x, y, params)[0], y)[0]

    value, grads = orr.loss_and_grads(x, y, params)
    assert value == pytest.approx(loss())
    errors = gradcheck.check_grads(loss, params, grads)
    assert max(errors.values()) < 1e-7, errors


def test_log_likelihood_is_minus_the_summed_cross_entropy(setup):
    params, x, y = setup
    ll = orr.log_likelihood(x, y, params)
    assert ll.shape == (N,)
    o = reference_logits(x, y, params)
    p = softmax(o)
    expected = np.log(np.take_along_axis(p, y[..., None], axis=2)[..., 0]).sum(axis=1)
    np.testing.assert_allclose(ll, expected, atol=1e-12)
    loss, _ = orr.loss_and_grads(x, y, params)
    assert loss == pytest.approx(-ll.mean())


def test_generate_argmax_feeds_back_its_own_outputs(setup):
    params, x, _ = setup
    params["R"] = params["R"] * 5.0
    g = orr.generate(x, params, rng=np.random.default_rng(0), mode="argmax")
    # Under teacher forcing with its own outputs, argmax must reproduce the same sequence.
    o, _ = orr.forward(x, g, params)
    np.testing.assert_array_equal(o.argmax(axis=2), g)


def test_generate_sample_follows_the_distribution():
    # One step, no hidden influence: the sample frequencies must match softmax(c).
    params = {"W": np.zeros((1, 1)), "U": np.zeros((1, 1)), "b": np.zeros(1),
              "V": np.zeros((3, 1)), "c": np.log(np.array([0.2, 0.3, 0.5])), "R": np.zeros((1, 3))}
    g = orr.generate(np.zeros((20000, 1, 1)), params, rng=np.random.default_rng(0))
    freq = np.bincount(g[:, 0], minlength=3) / g.shape[0]
    np.testing.assert_allclose(freq, [0.2, 0.3, 0.5], atol=0.015)


def test_generate_is_deterministic_under_a_seed(setup):
    params, x, _ = setup
    a = orr.generate(x, params, rng=np.random.default_rng(5))
    b = orr.generate(x, params, rng=np.random.default_rng(5))
    np.testing.assert_array_equal(a, b)


def test_register_task_words_and_consistency():
    x, y, reg = orr.register_task(50, 6, rng=np.random.default_rng(0))
    assert x.shape == (50, 6, 4) and y.shape == (50, 6) and reg.shape == (50,)
    np.testing.assert_array_equal(y % 4, x.argmax(axis=2))  # the word says the meaning
    np.testing.assert_array_equal(y // 4, np.repeat(reg[:, None], 6, axis=1))
    assert orr.is_consistent(y).all()
    assert 0 < reg.mean() < 1
    assert orr.is_consistent([[0, 5, 2], [4, 5, 6], [0, 1, 2]]).tolist() == [False, True, True]
    assert orr.WORDS[4 + orr.MEANINGS.index("leave")] == "bye"


def test_training_the_recurrence_beats_the_plain_rnn():
    rng = np.random.default_rng(0)
    x, y, _ = orr.register_task(400, rng=rng)
    xt, yt, _ = orr.register_task(300, rng=rng)
    results = {}
    for rec in (False, True):
        p = orr.init_params(4, 8, 8, rng=rng, recurrence=rec)
        hist = orr.fit(x, y, p, steps=120, lr=0.05)
        assert hist[-1] < hist[0]
        g = orr.generate(xt, p, rng=rng)
        results[rec] = (orr.log_likelihood(xt, yt, p).mean(), orr.is_consistent(g).mean())
    # The plain RNN cannot beat 6 coin flips (-6 log 2 = -4.16); the R-model needs only one.
    assert results[False][0] < -4.0
    assert results[True][0] > -1.2
    assert results[False][1] < 0.2 and results[True][1] > 0.9


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda p, x, y: orr.forward(x, None, p), "y must be given"),
        (lambda p, x, y: orr.forward(x[0], y, p), "x must be 3-D"),
        (lambda p, x, y: orr.forward(x[:, :, :2], y, p), r"x must have shape \(\?, \?, 3\)"),
        (lambda p, x, y: orr.forward(x, y[:, :2], p), r"y must have shape \(2, 4\)"),
        (lambda p, x, y: orr.forward(x, y + K, p), r"y must lie in \[0, 5\)"),
        (lambda p, x, y: orr.forward(x[:, :0], y, p), "at least one example and one step"),
        (lambda p, x, y: orr.forward(x, y, {**p, "R": np.zeros((H, K + 1))}), r"params\['R'\] must have shape"),
        (lambda p, x, y: orr.forward(x, y, {**p, "Q": 1.0}), "unexpected keys"),
        (lambda p, x, y: orr.generate(x, p, rng=np.random.default_rng(0), mode="greedy"), "mode must be one of"),
        (lambda p, x, y: orr.backward(np.zeros((N, T, K + 1)), orr.forward(x, y, p)[1]), "do must have shape"),
        (lambda p, x, y: orr.fit(x, y, p, steps=0), "steps must be a positive int"),
        (lambda p, x, y: orr.shift_outputs([1, 2], 3), "y must be 2-D"),
    ],
)
def test_bad_input_raises_naming_the_argument(setup, call, match):
    params, x, y = setup
    with pytest.raises(ValueError, match=match):
        call(params, x, y)


def test_bad_types_raise_type_error(setup):
    params, x, y = setup
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        orr.generate(x, params, rng=0)
    with pytest.raises(TypeError, match="recurrence must be True or False"):
        orr.init_params(2, 2, 2, rng=np.random.default_rng(0), recurrence="yes")
    with pytest.raises(TypeError, match="params must be a dict"):
        orr.forward(x, y, [1, 2])
    with pytest.raises(ValueError, match="x must be finite"):
        orr.forward(np.full((N, T, D), np.nan), y, params)
