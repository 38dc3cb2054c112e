import numpy as np
import pytest

from lecturelib import rnn, sharing


def test_param_counts():
    assert sharing.rnn_param_count(3, 5) == 45
    assert sharing.unshared_param_count(3, 5, 100) == 4500
    params = rnn.init_params(3, 5, rng=np.random.default_rng(0))
    assert sum(p.size for p in params.values()) == sharing.rnn_param_count(3, 5)


def test_unshared_forward_equals_rnn_when_all_steps_share():
    rng = np.random.default_rng(0)
    p = rnn.init_params(2, 3, rng=rng)
    x = rng.normal(size=(4, 5, 2))
    np.testing.assert_allclose(sharing.unshared_forward(x, None, [p] * 5), rnn.forward(x, None, p)[0])


def test_unshared_forward_uses_step_specific_params_and_rejects_other_lengths():
    rng = np.random.default_rng(1)
    ps = sharing.init_unshared_params(2, 3, 4, rng=rng)
    assert len(ps) == 4 and not np.allclose(ps[0]["W"], ps[1]["W"])
    x = rng.normal(size=(1, 4, 2))
    h = sharing.unshared_forward(x, None, ps)
    h2_expected, _ = rnn.step_forward(x[:, 1], h[:, 0], ps[1])
    np.testing.assert_allclose(h[:, 1], h2_expected)
    with pytest.raises(ValueError, match="x has T=5 steps but params_per_step holds 4"):
        sharing.unshared_forward(rng.normal(size=(1, 5, 2)), None, ps)


def test_causal_conv1d_values():
    np.testing.assert_allclose(sharing.causal_conv1d([1.0, 2.0, 3.0, 4.0], [1.0, 10.0]), [1, 12, 23, 34])
    y = sharing.causal_conv1d(np.array([[1.0, 0, 0, 0], [0, 1.0, 0, 0]]), [1.0, 2.0, 3.0], b_conv=0.5)
    np.testing.assert_allclose(y, [[1.5, 2.5, 3.5, 0.5], [0.5, 1.5, 2.5, 3.5]])


def test_conv_matches_numpy_convolve():
    rng = np.random.default_rng(2)
    x, w = rng.normal(size=20), rng.normal(size=4)
    np.testing.assert_allclose(sharing.causal_conv1d(x, w), np.convolve(x, w)[:20])


def test_dependency_conv_is_banded_rnn_is_lower_triangular():
    dc = sharing.conv_dependency([1.0, 1.0, 1.0], 6)
    expected = np.tril(np.ones((6, 6), bool)) & ~np.tril(np.ones((6, 6), bool), -3)
    np.testing.assert_array_equal(dc, expected)
    p = rnn.init_params(1, 4, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(sharing.rnn_dependency(p, 6), np.tril(np.ones((6, 6), bool)))


def test_receptive_field():
    assert sharing.conv_receptive_field(3) == 3
    assert sharing.conv_receptive_field(3, 4) == 9
    # check against stacking the convolution itself
    x = np.zeros(20)
    x[0] = 1.0
    y = x
    for _ in range(4):
        y = sharing.causal_conv1d(y, [1.0, 1.0, 1.0])
    assert int(np.count_nonzero(y)) == 9


def test_bad_inputs():
    with pytest.raises(ValueError, match="w must be 1-D"):
        sharing.causal_conv1d([1.0, 2.0], [[1.0]])
    with pytest.raises(ValueError, match="x must be finite"):
        sharing.causal_conv1d([1.0, np.nan], [1.0])
    with pytest.raises(ValueError, match="b_conv must be a finite number"):
        sharing.causal_conv1d([1.0, 2.0], [1.0], b_conv=np.inf)
    with pytest.raises(ValueError, match="input_size 1"):
        sharing.rnn_dependency(rnn.init_params(2, 3, rng=np.random.default_rng(0)), 4)
    with pytest.raises(ValueError, match="kernel_size must be a positive int"):
        sharing.conv_receptive_field(0)
