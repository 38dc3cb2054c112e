"""lecturelib.jacobians against finite differences and against back-propagation (rnn.backward)."""
import numpy as np
import pytest

from lecturelib import gradcheck, jacobians as jb, rnn


@pytest.fixture
def setup():
    rng = np.random.default_rng(3)
    params = rnn.init_params(2, 4, rng=rng)
    params["W"] = jb.with_spectral_radius(params["W"], 1.3)
    x = rng.normal(size=(3, 6, 2))
    h0 = rng.uniform(-0.5, 0.5, size=(3, 4))
    h, _ = rnn.forward(x, h0, params)
    return params, x, h0, h


def test_step_jacobian_matches_finite_differences(setup):
    params, x, h0, h = setup
    J = jb.step_jacobian(h[0, 0], params["W"])  # dh_1/dh_0 for example 0

    def f(z):
        return rnn.step_forward(x[0, 0], z, params)[0]

    F = jb.finite_difference_jacobian(f, h0[0])
    assert gradcheck.rel_error(J, F) < 1e-7
    # rows scale, not columns: entry [i, j] = (1 - h_i^2) W[i, j]
    assert np.isclose(J[1, 2], (1 - h[0, 0, 1] ** 2) * params["W"][1, 2])


def test_step_jacobian_batch_and_row_convention(setup):
    params, _, _, h = setup
    J = jb.step_jacobian(h[:, 2], params["W"])
    assert J.shape == (3, 4, 4)
    g = np.arange(4.0)  # row vector dL/dh_t
    da = g * (1 - h[1, 2] ** 2)
    assert np.allclose(g @ J[1], da @ params["W"])  # what rnn._step_backward computes
    Js = jb.step_jacobians(h, params["W"])
    assert Js.shape == (3, 6, 4, 4) and np.allclose(Js[:, 2], J)


@pytest.mark.parametrize("t,k", [(6, 0), (5, 2), (3, 3), (4, 3)])
def test_jacobian_product_matches_backprop(setup, t, k):
    params, x, h0, h = setup
    P = jb.jacobian_product(h, params["W"], t, k)
    B = jb.backward_jacobian(x, params, t, k, h0=h0)
    assert gradcheck.rel_error(P, B) < 1e-12


def test_jacobian_product_matches_finite_differences(setup):
    params, x, h0, h = setup

    def f(z):  # h_5 as a function of h_2 for example 1
        return rnn.forward(x[1:2, 2:5], z[None], params)[0][0, -1]

    F = jb.finite_difference_jacobian(f, h[1, 1])
    P = jb.jacobian_product(h, params["W"], 5, 2)[1]
    assert gradcheck.rel_error(P, F) < 1e-7
    assert np.allclose(jb.jacobian_product(h, params["W"], 4, 4), np.eye(4))


def test_backprop_gradient_equals_row_vector_times_product(setup):
    params, x, h0, h = setup
    dh = np.zeros_like(h)
    g = np.array([0.3, -1.0, 0.5, 2.0])
    dh[:, -1] = g  # loss = g . h_T
    _, cache = rnn.forward(x, h0, params)
    _, dh0, _ = rnn.backward(dh, cache)
    P = jb.jacobian_product(h, params["W"], 6, 0)
    assert np.allclose(dh0, np.einsum("i,nij->nj", g, P))


def test_jacobian_norms_agree_with_products(setup):
    params, _, _, h = setup
    norms = jb.jacobian_norms(h, params["W"])
    assert norms.shape == (3, 7)
    assert np.allclose(norms[:, 0], 1.0)
    for lag in (1, 4, 6):
        P = jb.jacobian_product(h, params["W"], 6, 6 - lag)
        assert np.allclose(norms[:, lag], np.linalg.norm(P, 2, axis=(1, 2)))
    fro = jb.jacobian_norms(h, params["W"], ord="fro")
    assert np.allclose(fro[:, 0], 2.0)  # ||I_4||_F
    assert np.all(fro >= norms - 1e-12)


def test_linear_norms_follow_spectral_radius():
    rng = np.random.default_rng(0)
    # W = rho Q with Q orthogonal: ||W^k|| = rho^k exactly
    Q, _ = np.linalg.qr(rng.normal(size=(5, 5)))
    norms = jb.linear_jacobian_norms(0.9 * Q, 30)
    assert np.allclose(norms, 0.9 ** np.arange(31))
    W = jb.random_recurrent_weights(20, 1.2, rng=rng)
    assert np.isclose(jb.spectral_radius(W), 1.2)
    n = jb.linear_jacobian_norms(W, 200)
    assert np.isclose(n[200] ** (1 / 200), 1.2, rtol=0.05)  # Gelfand: ||W^k||^(1/k) -> rho


def test_spectral_radius_complex_and_rescale():
    R = np.array([[0.0, -2.0], [2.0, 0.0]])  # eigenvalues +-2i
    assert np.isclose(jb.spectral_radius(R), 2.0)
    assert np.isclose(jb.spectral_radius(jb.with_spectral_radius(R, 0.5)), 0.5)


def test_radius_sweep_shapes_and_values():
    rng = np.random.default_rng(1)
    params = rnn.init_params(1, 6, rng=rng)
    W = jb.random_recurrent_weights(6, 1.0, rng=rng)
    x = rng.normal(size=(2, 10, 1))
    sw = jb.radius_sweep(W, x, params, [0.5, 1.5])
    assert sw["log10_linear"].shape == (2, 11) and sw["log10_tanh"].shape == (2, 11)
    assert np.allclose(sw["log10_linear"][0], np.log10(jb.linear_jacobian_norms(0.5 * W, 10)))
    h, _ = rnn.forward(x, None, {**params, "W": 1.5 * W})
    assert np.allclose(sw["log10_tanh"][1], np.log10(jb.jacobian_norms(h, 1.5 * W)).mean(0))
    assert np.isclose(np.max(np.abs(sw["eigvals"])), 1.0)
    # tanh never makes the product larger than the linear one at the start (factors 1 - h^2 <= 1)
    assert sw["log10_tanh"][0, 1] <= sw["log10_linear"][0, 1] + 1e-12


def test_bad_input_names_the_argument(setup):
    params, x, h0, h = setup
    with pytest.raises(ValueError, match="W must be square"):
        jb.step_jacobian(h[0, 0], np.ones((4, 3)))
    with pytest.raises(ValueError, match="h_t"):
        jb.step_jacobian(np.ones(3), params["W"])
    with pytest.raises(ValueError, match="h must hold tanh states"):
        jb.jacobian_norms(h * 3, params["W"])
    with pytest.raises(ValueError, match="h must be 3-D"):
        jb.jacobian_norms(h[0], params["W"])
    with pytest.raises(ValueError, match="0 <= k <= t"):
        jb.jacobian_product(h, params["W"], 2, 3)
    with pytest.raises(TypeError, match="t must be an int"):
        jb.jacobian_product(h, params["W"], 2.0, 1)
    with pytest.raises(ValueError, match="ord must be one of"):
        jb.jacobian_norms(h, params["W"], ord=1)
    with pytest.raises(ValueError, match="W must be finite"):
        jb.spectral_radius(np.array([[np.nan, 0], [0, 1.0]]))
    with pytest.raises(ValueError, match="rho"):
        jb.with_spectral_radius(params["W"], -1.0)
    with pytest.raises(ValueError, match="spectral radius 0"):
        jb.with_spectral_radius(np.array([[0.0, 1.0], [0.0, 0.0]]), 1.0)
    with pytest.raises(TypeError, match="rng"):
        jb.random_recurrent_weights(4, 1.0, rng=0)
    with pytest.raises(ValueError, match="T must be a positive int"):
        jb.linear_jacobian_norms(params["W"], 0)
    with pytest.raises(ValueError, match="rhos must all be > 0"):
        jb.radius_sweep(params["W"], x, params, [0.0, 1.0])
    with pytest.raises(TypeError, match="f must be a callable"):
        jb.finite_difference_jacobian(3, np.ones(2))
