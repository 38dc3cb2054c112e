"""Tests of lecturelib.lstm: hand-computed values, gradient checks, the memory cell."""
import math
import warnings

import numpy as np
import pytest

from lecturelib import lstm
from gradtools import max_err

TOL = 1e-7
N, T, D, H = 3, 5, 4, 6


def sig(a):
    return 1.0 / (1.0 + math.exp(-a))


# One unit, one input: every gate is a scalar formula u*x + w*h + b.
SCALAR = {"i": (0.5, -0.3, 0.1), "f": (-0.4, 0.8, 0.2), "g": (1.2, 0.7, -0.3), "o": (0.9, -0.6, 0.05)}


def scalar_params():
    p = {}
    for gate, (u, w, b) in SCALAR.items():
        p[f"U_{gate}"], p[f"W_{gate}"], p[f"b_{gate}"] = np.array([[u]]), np.array([[w]]), np.array([b])
    return p


def scalar_step(x, h, c):
    pre = {k: u * x + w * h + b for k, (u, w, b) in SCALAR.items()}
    i, f, o, g = sig(pre["i"]), sig(pre["f"]), sig(pre["o"]), math.tanh(pre["g"])
    c_new = f * c + i * g
    return o * math.tanh(c_new), c_new, (i, f, o, g)


# ------------------------------------------------------------------ values by hand
def test_step_forward_matches_hand_computation():
    (h, c), cache = lstm.step_forward(np.array([0.7]), (np.array([-0.2]), np.array([0.4])), scalar_params())
    h_ref, c_ref, (i, f, o, g) = scalar_step(0.7, -0.2, 0.4)
    assert h.shape == (1,) and c.shape == (1,)
    assert h[0] == pytest.approx(h_ref, abs=1e-15)
    assert c[0] == pytest.approx(c_ref, abs=1e-15)
    for name, val in zip("ifog", (i, f, o, g)):
        assert cache[name][0, 0] == pytest.approx(val, abs=1e-15), name


def test_forward_matches_hand_computation_three_steps():
    xs = [0.7, -1.1, 0.25]
    h, c = -0.2, 0.4
    expected_h, expected_c = [], []
    for x in xs:
        h, c, _ = scalar_step(x, h, c)
        expected_h.append(h)
        expected_c.append(c)
    out, cache = lstm.forward(np.array(xs).reshape(1, 3, 1), (np.array([[-0.2]]), np.array([[0.4]])), scalar_params())
    np.testing.assert_allclose(out[0, :, 0], expected_h, rtol=0, atol=1e-15)
    np.testing.assert_allclose(cache["c"][0, :, 0], expected_c, rtol=0, atol=1e-15)


def test_cache_keeps_every_gate_per_step(rng):
    p = lstm.init_params(D, H, rng=rng)
    x = rng.normal(size=(N, T, D))
    h, cache = lstm.forward(x, None, p)
    for k in ("i", "f", "o", "g", "c", "h"):
        assert cache[k].shape == (N, T, H), k
    for k in ("i", "f", "o"):
        assert np.all((cache[k] > 0) & (cache[k] < 1)), k
    # gates at step t agree with a step-by-step run
    state = (np.zeros((N, H)), np.zeros((N, H)))
    for t in range(T):
        state, sc = lstm.step_forward(x[:, t], state, p)
        for k in ("i", "f", "o", "g", "c", "h"):
            np.testing.assert_allclose(cache[k][:, t], sc[k], rtol=0, atol=1e-14)
    np.testing.assert_array_equal(h, cache["h"])


# ------------------------------------------------------------------ the memory cell
def test_saturated_gates_carry_cell_state_unchanged_for_100_steps(rng):
    p = lstm.init_params(D, H, rng=rng)
    p["b_f"] = np.full(H, 100.0)  # forget gate = 1: keep everything
    p["b_i"] = np.full(H, -100.0)  # input gate = 0: write nothing
    p["W_o"] = np.zeros((H, H))  # so the gradient to c0 has a single path (along the cells)
    steps = 100
    x = rng.normal(size=(N, steps, D))
    c0 = rng.normal(size=(N, H))
    h, cache = lstm.forward(x, (rng.normal(size=(N, H)), c0), p)
    np.testing.assert_allclose(cache["c"][:, -1], c0, rtol=1e-14, atol=0)
    np.testing.assert_allclose(cache["c"][:, 50], c0, rtol=1e-14, atol=0)
    # and the gradient reaches c0 undiminished: only the last h_t receives a gradient
    dh = np.zeros_like(h)
    dh[:, -1] = 1.0
    _, (_, dc0), _ = lstm.backward(dh, cache)
    o_T, c_T = cache["o"][:, -1], cache["c"][:, -1]
    np.testing.assert_allclose(dc0, o_T * (1 - np.tanh(c_T) ** 2), rtol=1e-12)
    assert np.abs(dc0).min() > 1e-3


def test_forget_gate_zero_erases_memory(rng):
    p = lstm.init_params(D, H, rng=rng)
    p["b_f"] = np.full(H, -100.0)
    x, h0 = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    (_, c_a), cache = lstm.step_forward(x, (h0, np.full((N, H), 5.0)), p)
    (_, c_b), _ = lstm.step_forward(x, (h0, np.full((N, H), -5.0)), p)
    np.testing.assert_allclose(c_a, c_b, atol=1e-30)
    np.testing.assert_allclose(c_a, cache["i"] * cache["g"], atol=1e-30)


# ------------------------------------------------------------------ gradients
def test_step_backward_gradcheck_batch(rng):
    p = lstm.init_params(D, H, rng=rng)
    x, h, c = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    dh_up, dc_up = rng.normal(size=(N, H)), rng.normal(size=(N, H))
    _, cache = lstm.step_forward(x, (h, c), p)
    dx, (dh, dc), grads = lstm.step_backward((dh_up, dc_up), cache)

    def loss():
        (h_t, c_t), _ = lstm.step_forward(x, (h, c), p)
        return np.sum(h_t * dh_up) + np.sum(c_t * dc_up)

    err, errs = max_err(loss, {**p, "x": x, "h": h, "c": c}, {**grads, "x": dx, "h": dh, "c": dc})
    assert err < TOL, errs


def test_step_backward_gradcheck_single_example(rng):
    p = lstm.init_params(D, H, rng=rng)
    x, h, c = rng.normal(size=D), rng.normal(size=H), rng.normal(size=H)
    dh_up, dc_up = rng.normal(size=H), rng.normal(size=H)
    _, cache = lstm.step_forward(x, (h, c), p)
    dx, (dh, dc), grads = lstm.step_backward((dh_up, dc_up), cache)
    assert dx.shape == (D,) and dh.shape == (H,) and dc.shape == (H,)

    def loss():
        (h_t, c_t), _ = lstm.step_forward(x, (h, c), p)
        return np.sum(h_t * dh_up) + np.sum(c_t * dc_up)

    err, errs = max_err(loss, {**p, "x": x, "h": h, "c": c}, {**grads, "x": dx, "h": dh, "c": dc})
    assert err < TOL, errs


def test_step_backward_bare_dh_means_zero_dc(rng):
    p = lstm.init_params(D, H, rng=rng)
    _, cache = lstm.step_forward(rng.normal(size=(N, D)), (rng.normal(size=(N, H)),) * 2, p)
    dh_up = rng.normal(size=(N, H))
    a = lstm.step_backward(dh_up, cache)
    b = lstm.step_backward((dh_up, np.zeros((N, H))), cache)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1][1], b[1][1])


def test_backward_gradcheck_sequence(rng):
    p = lstm.init_params(D, H, rng=rng)
    x, h0, c0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    dout = rng.normal(size=(N, T, H))
    _, cache = lstm.forward(x, (h0, c0), p)
    dx, (dh0, dc0), grads = lstm.backward(dout, cache)
    assert list(grads) == list(p)

    def loss():
        return np.sum(lstm.forward(x, (h0, c0), p)[0] * dout)

    err, errs = max_err(loss, {**p, "x": x, "h0": h0, "c0": c0}, {**grads, "x": dx, "h0": dh0, "c0": dc0})
    assert err < TOL, errs


# ------------------------------------------------------------------ consistency
def test_init_params_keys_shapes_and_determinism():
    p = lstm.init_params(D, H, rng=np.random.default_rng(3))
    expected = {f"{w}_{g}" for g in "ifgo" for w in "UWb"}
    assert set(p) == expected
    assert {k: v.shape for k, v in p.items()} == lstm.param_shapes(D, H)
    assert p["U_i"].shape == (H, D) and p["W_o"].shape == (H, H) and p["b_f"].shape == (H,)
    q = lstm.init_params(D, H, rng=np.random.default_rng(3))
    assert all(np.array_equal(p[k], q[k]) for k in p)


def test_none_state_means_zeros(rng):
    p = lstm.init_params(D, H, rng=rng)
    x = rng.normal(size=(N, T, D))
    zeros = np.zeros((N, H))
    ref = lstm.forward(x, (zeros, zeros), p)[0]
    np.testing.assert_array_equal(lstm.forward(x, None, p)[0], ref)
    np.testing.assert_array_equal(lstm.forward(x, (None, None), p)[0], ref)
    (h1, c1), _ = lstm.step_forward(x[:, 0], None, p)
    (h2, c2), _ = lstm.step_forward(x[:, 0], (zeros, zeros), p)
    np.testing.assert_array_equal(h1, h2)
    np.testing.assert_array_equal(c1, c2)


def test_batch_independence(rng):
    p = lstm.init_params(D, H, rng=rng)
    x, h0, c0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    h_batch, _ = lstm.forward(x, (h0, c0), p)
    (hs, cs), _ = lstm.step_forward(x[:, 0], (h0, c0), p)
    for n in range(N):
        h_one, _ = lstm.forward(x[n:n + 1], (h0[n:n + 1], c0[n:n + 1]), p)
        np.testing.assert_allclose(h_batch[n], h_one[0], rtol=0, atol=1e-14)
        (h1, c1), _ = lstm.step_forward(x[n, 0], (h0[n], c0[n]), p)
        np.testing.assert_allclose(h1, hs[n], rtol=0, atol=1e-14)
        np.testing.assert_allclose(c1, cs[n], rtol=0, atol=1e-14)


def test_huge_inputs_stay_finite_without_warnings(rng):
    p = lstm.init_params(D, H, rng=rng)
    x = 1e4 * rng.normal(size=(N, T, D))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h, cache = lstm.forward(x, None, p)
        dx, _, grads = lstm.backward(np.ones_like(h), cache)
    assert np.all(np.isfinite(h)) and np.all(np.isfinite(dx))
    assert all(np.all(np.isfinite(g)) for g in grads.values())
    assert np.all(np.abs(h) <= 1.0)


# ------------------------------------------------------------------ the fast sequence path against the step functions
def _by_steps(x, state0, params, dh, one_d=False):
    """forward/backward written as T calls of step_forward and step_backward (the slide's code)."""
    n, t_len, _ = x.shape
    state = state0 if not one_d or state0 is None else (state0[0][0], state0[1][0])
    steps = []
    for t in range(t_len):
        state, cache = lstm.step_forward(x[0, t] if one_d else x[:, t], state, params)
        steps.append((state, cache))
    grads = {k: np.zeros_like(a) for k, a in params.items()}
    dx = np.zeros_like(x)
    dh_next, dc_next = np.zeros_like(steps[0][0][0]), np.zeros_like(steps[0][0][0])
    for t in reversed(range(t_len)):
        dx_t, (dh_next, dc_next), g = lstm.step_backward(
            ((dh[0, t] if one_d else dh[:, t]) + dh_next, dc_next), steps[t][1])
        dx[:, t] = dx_t
        for k in grads:
            grads[k] += g[k]
    gates = {k: np.stack([c[k] for _, c in steps], axis=1) for k in ("i", "f", "o", "g", "c", "h")}  # caches are 2-D
    d_state0 = (dh_next[None], dc_next[None]) if one_d else (dh_next, dc_next)
    return gates, dx, d_state0, grads


@pytest.mark.parametrize("with_state0", [False, True])
@pytest.mark.parametrize("one_d", [False, True])
def test_fast_sequence_path_equals_the_step_functions(rng, with_state0, one_d):
    n = 1 if one_d else N
    params = lstm.init_params(D, H, rng=rng)
    x, dh = rng.normal(size=(n, T, D)), rng.normal(size=(n, T, H))
    state0 = (rng.normal(size=(n, H)), rng.normal(size=(n, H))) if with_state0 else None
    want, want_dx, (want_dh0, want_dc0), want_grads = _by_steps(x, state0, params, dh, one_d)
    h, cache = lstm.forward(x, state0, params)
    dx, (dh0, dc0), grads = lstm.backward(dh, cache)
    np.testing.assert_allclose(h, want["h"], rtol=1e-12, atol=1e-14)
    for k in ("i", "f", "o", "g", "c", "h"):  # the cache a notebook plots
        assert cache[k].shape == (n, T, H)
        np.testing.assert_allclose(cache[k], want[k], rtol=1e-12, atol=1e-14, err_msg=k)
    np.testing.assert_allclose(dx, want_dx, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dh0, want_dh0, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(dc0, want_dc0, rtol=1e-12, atol=1e-14)
    assert list(grads) == list(params)
    for k in params:
        np.testing.assert_allclose(grads[k], want_grads[k], rtol=1e-12, atol=1e-14, err_msg=k)
