"""Tests of lecturelib.gru: both reset placements, hand-computed values, gradient checks."""
import math
import warnings

import numpy as np
import pytest

from lecturelib import gru
from gradtools import max_err

TOL = 1e-7
N, T, D, H = 3, 5, 4, 6
PLACEMENTS = [False, True]


def sig(a):
    return 1.0 / (1.0 + math.exp(-a))


SCALAR = {"r": (0.6, -0.9, 0.3), "z": (-0.5, 0.4, -0.2), "n": (1.1, 0.8, 0.1)}
B_HN = -0.35


def scalar_params(reset_after):
    p = {}
    for gate, (u, w, b) in SCALAR.items():
        p[f"U_{gate}"], p[f"W_{gate}"], p[f"b_{gate}"] = np.array([[u]]), np.array([[w]]), np.array([b])
    if reset_after:
        p["b_hn"] = np.array([B_HN])
    return p


def scalar_step(x, h, reset_after):
    (ur, wr, br), (uz, wz, bz), (un, wn, bn) = SCALAR["r"], SCALAR["z"], SCALAR["n"]
    r = sig(ur * x + wr * h + br)
    z = sig(uz * x + wz * h + bz)
    if reset_after:
        n = math.tanh(un * x + bn + r * (wn * h + B_HN))
    else:
        n = math.tanh(un * x + wn * (r * h) + bn)
    return (1 - z) * n + z * h, (r, z, n)


# ------------------------------------------------------------------ values by hand
@pytest.mark.parametrize("reset_after", PLACEMENTS)
def test_step_forward_matches_hand_computation(reset_after):
    h, cache = gru.step_forward(np.array([0.4]), np.array([-0.7]), scalar_params(reset_after), reset_after=reset_after)
    h_ref, (r, z, n) = scalar_step(0.4, -0.7, reset_after)
    assert h.shape == (1,)
    assert h[0] == pytest.approx(h_ref, abs=1e-15)
    for name, val in zip("rzn", (r, z, n)):
        assert cache[name][0, 0] == pytest.approx(val, abs=1e-15), name


@pytest.mark.parametrize("reset_after", PLACEMENTS)
def test_forward_matches_hand_computation_three_steps(reset_after):
    xs = [0.4, -1.3, 0.9]
    h, expected = -0.7, []
    for x in xs:
        h, _ = scalar_step(x, h, reset_after)
        expected.append(h)
    out, cache = gru.forward(np.array(xs).reshape(1, 3, 1), np.array([[-0.7]]), scalar_params(reset_after),
                             reset_after=reset_after)
    np.testing.assert_allclose(out[0, :, 0], expected, rtol=0, atol=1e-15)
    assert cache["reset_after"] is reset_after
    for k in ("r", "z", "n", "h"):
        assert cache[k].shape == (1, 3, 1)


# ------------------------------------------------------------------ the two placements
def test_placements_differ_when_reset_gate_is_not_one(rng):
    p = gru.init_params(D, H, rng=rng, reset_after=True)
    p["b_hn"] = np.zeros(H)
    p["b_r"] = np.full(H, -1.0)  # keeps r well below 1
    p_before = {k: v for k, v in p.items() if k != "b_hn"}
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    h_after, cache = gru.forward(x, h0, p, reset_after=True)
    h_before, _ = gru.forward(x, h0, p_before, reset_after=False)
    assert cache["r"].max() < 0.9
    assert np.abs(h_after - h_before).max() > 1e-2


def test_placements_agree_when_reset_gate_is_one(rng):
    p = gru.init_params(D, H, rng=rng, reset_after=True)
    p["b_r"] = np.full(H, 100.0)  # r = sigma(100) = 1 in float64
    p["b_hn"] = np.zeros(H)
    p_before = {k: v for k, v in p.items() if k != "b_hn"}
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    h_after, cache = gru.forward(x, h0, p, reset_after=True)
    h_before, _ = gru.forward(x, h0, p_before, reset_after=False)
    np.testing.assert_array_equal(cache["r"], 1.0)
    np.testing.assert_allclose(h_after, h_before, rtol=0, atol=1e-14)


def test_update_gate_one_keeps_state(rng):
    p = gru.init_params(D, H, rng=rng)
    p["b_z"] = np.full(H, 100.0)  # z = 1: h_t = h_{t-1}
    x, h0 = rng.normal(size=(N, 50, D)), rng.normal(size=(N, H))
    h, _ = gru.forward(x, h0, p)
    np.testing.assert_allclose(h[:, -1], h0, rtol=1e-14, atol=0)


# ------------------------------------------------------------------ gradients
@pytest.mark.parametrize("reset_after", PLACEMENTS)
def test_step_backward_gradcheck_batch(rng, reset_after):
    p = gru.init_params(D, H, rng=rng, reset_after=reset_after)
    x, h = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    dout = rng.normal(size=(N, H))
    _, cache = gru.step_forward(x, h, p, reset_after=reset_after)
    dx, dh, grads = gru.step_backward(dout, cache)
    assert list(grads) == list(p)

    def loss():
        return np.sum(gru.step_forward(x, h, p, reset_after=reset_after)[0] * dout)

    err, errs = max_err(loss, {**p, "x": x, "h": h}, {**grads, "x": dx, "h": dh})
    assert err < TOL, errs


@pytest.mark.parametrize("reset_after", PLACEMENTS)
def test_step_backward_gradcheck_single_example(rng, reset_after):
    p = gru.init_params(D, H, rng=rng, reset_after=reset_after)
    x, h = rng.normal(size=D), rng.normal(size=H)
    dout = rng.normal(size=H)
    _, cache = gru.step_forward(x, h, p, reset_after=reset_after)
    dx, dh, grads = gru.step_backward(dout, cache)
    assert dx.shape == (D,) and dh.shape == (H,)

    def loss():
        return np.sum(gru.step_forward(x, h, p, reset_after=reset_after)[0] * dout)

    err, errs = max_err(loss, {**p, "x": x, "h": h}, {**grads, "x": dx, "h": dh})
    assert err < TOL, errs


@pytest.mark.parametrize("reset_after", PLACEMENTS)
def test_backward_gradcheck_sequence(rng, reset_after):
    p = gru.init_params(D, H, rng=rng, reset_after=reset_after)
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    dout = rng.normal(size=(N, T, H))
    _, cache = gru.forward(x, h0, p, reset_after=reset_after)
    dx, dh0, grads = gru.backward(dout, cache)  # no keyword: the cache knows the placement

    def loss():
        return np.sum(gru.forward(x, h0, p, reset_after=reset_after)[0] * dout)

    err, errs = max_err(loss, {**p, "x": x, "h0": h0}, {**grads, "x": dx, "h0": dh0})
    assert err < TOL, errs


# ------------------------------------------------------------------ consistency
def test_init_params_keys_and_b_hn():
    p = gru.init_params(D, H, rng=np.random.default_rng(5))
    assert set(p) == {f"{w}_{g}" for g in "rzn" for w in "UWb"}
    q = gru.init_params(D, H, rng=np.random.default_rng(5), reset_after=True)
    assert set(q) == set(p) | {"b_hn"} and q["b_hn"].shape == (H,)
    assert {k: v.shape for k, v in q.items()} == gru.param_shapes(D, H, reset_after=True)
    assert all(np.abs(v).max() <= 1 / math.sqrt(H) for v in q.values())


@pytest.mark.parametrize("reset_after", PLACEMENTS)
def test_forward_equals_repeated_step_forward(rng, reset_after):
    p = gru.init_params(D, H, rng=rng, reset_after=reset_after)
    x = rng.normal(size=(N, T, D))
    h_seq, cache = gru.forward(x, None, p, reset_after=reset_after)
    h = np.zeros((N, H))
    for t in range(T):
        h, sc = gru.step_forward(x[:, t], h, p, reset_after=reset_after)
        np.testing.assert_allclose(h_seq[:, t], h, rtol=0, atol=1e-14)
        np.testing.assert_allclose(cache["z"][:, t], sc["z"], rtol=0, atol=1e-14)


@pytest.mark.parametrize("reset_after", PLACEMENTS)
def test_batch_independence(rng, reset_after):
    p = gru.init_params(D, H, rng=rng, reset_after=reset_after)
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    h_batch, _ = gru.forward(x, h0, p, reset_after=reset_after)
    h_step, _ = gru.step_forward(x[:, 0], h0, p, reset_after=reset_after)
    for n in range(N):
        h_one, _ = gru.forward(x[n:n + 1], h0[n:n + 1], p, reset_after=reset_after)
        np.testing.assert_allclose(h_batch[n], h_one[0], rtol=0, atol=1e-14)
        h1, _ = gru.step_forward(x[n, 0], h0[n], p, reset_after=reset_after)
        np.testing.assert_allclose(h1, h_step[n], rtol=0, atol=1e-14)


@pytest.mark.parametrize("reset_after", PLACEMENTS)
def test_huge_inputs_stay_finite_without_warnings(rng, reset_after):
    p = gru.init_params(D, H, rng=rng, reset_after=reset_after)
    x = 1e4 * rng.normal(size=(N, T, D))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h, cache = gru.forward(x, None, p, reset_after=reset_after)
        dx, _, grads = gru.backward(np.ones_like(h), cache)
    assert np.all(np.isfinite(h)) and np.all(np.isfinite(dx))
    assert all(np.all(np.isfinite(g)) for g in grads.values())
    assert np.all(np.abs(h) <= 1.0)


# ------------------------------------------------------------------ the fast sequence path against the step functions
def _by_steps(x, h0, params, dh, reset_after, one_d=False):
    """forward/backward written as T calls of step_forward and step_backward (the slide's code)."""
    n, t_len, _ = x.shape
    h = np.zeros((n, params["W_r"].shape[0])) if h0 is None else h0
    if one_d:
        h = h[0]
    caches = []
    for t in range(t_len):
        h, cache = gru.step_forward(x[0, t] if one_d else x[:, t], h, params, reset_after=reset_after)
        caches.append(cache)
    grads = {k: np.zeros_like(a) for k, a in params.items()}
    dx = np.zeros_like(x)
    dh_next = np.zeros_like(h)
    for t in reversed(range(t_len)):
        dx_t, dh_next, g = gru.step_backward((dh[0, t] if one_d else dh[:, t]) + dh_next, caches[t])
        dx[:, t] = dx_t
        for k in grads:
            grads[k] += g[k]
    gates = {k: np.stack([c[k] for c in caches], axis=1) for k in ("r", "z", "n", "hn", "h")}
    return gates, dx, (dh_next[None] if one_d else dh_next), grads


@pytest.mark.parametrize("reset_after", PLACEMENTS)
@pytest.mark.parametrize("with_h0", [False, True])
@pytest.mark.parametrize("one_d", [False, True])
def test_fast_sequence_path_equals_the_step_functions(rng, reset_after, with_h0, one_d):
    n = 1 if one_d else N
    params = gru.init_params(D, H, rng=rng, reset_after=reset_after)
    x, dh = rng.normal(size=(n, T, D)), rng.normal(size=(n, T, H))
    h0 = rng.normal(size=(n, H)) if with_h0 else None
    want, want_dx, want_dh0, want_grads = _by_steps(x, h0, params, dh, reset_after, one_d)
    h, cache = gru.forward(x, h0, params, reset_after=reset_after)
    dx, dh0, grads = gru.backward(dh, cache)
    np.testing.assert_allclose(h, want["h"], rtol=1e-12, atol=1e-14)
    assert cache["reset_after"] is reset_after
    for k in ("r", "z", "n", "hn", "h"):  # the cache a notebook plots
        assert cache[k].shape == (n, T, H)
        np.testing.assert_allclose(cache[k], want[k], rtol=1e-12, atol=1e-14, err_msg=k)
    np.testing.assert_allclose(dx, want_dx, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dh0, want_dh0, rtol=1e-12, atol=1e-14)
    assert list(grads) == list(params)
    for k in params:
        np.testing.assert_allclose(grads[k], want_grads[k], rtol=1e-12, atol=1e-14, err_msg=k)
