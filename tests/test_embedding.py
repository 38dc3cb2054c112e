"""Tests of lecturelib.embedding: lookup, scatter-add backward, gradient check."""
import numpy as np

from lecturelib import embedding, gradcheck


def test_init_shape_scale_and_determinism():
    p = embedding.init_params(50, 8, rng=np.random.default_rng(0), scale=0.1)
    assert p["E"].shape == (50, 8)
    assert 0.05 < p["E"].std() < 0.15
    q = embedding.init_params(50, 8, rng=np.random.default_rng(0), scale=0.1)
    np.testing.assert_array_equal(p["E"], q["E"])


def test_forward_picks_rows():
    E = np.arange(12.0).reshape(4, 3)
    out, _ = embedding.forward(np.array([[3, 0], [1, 1]]), {"E": E})
    assert out.shape == (2, 2, 3)
    np.testing.assert_array_equal(out[0, 0], [9.0, 10.0, 11.0])
    np.testing.assert_array_equal(out[1, 1], [3.0, 4.0, 5.0])


def test_backward_accumulates_repeated_ids():
    E = np.zeros((4, 2))
    ids = np.array([[1, 1, 3]])
    _, cache = embedding.forward(ids, {"E": E})
    dout = np.array([[[1.0, 2.0], [10.0, 20.0], [0.5, 0.5]]])
    dE = embedding.backward(dout, cache)["E"]
    np.testing.assert_array_equal(dE, [[0, 0], [11.0, 22.0], [0, 0], [0.5, 0.5]])


def test_backward_gradcheck(rng):
    p = embedding.init_params(7, 4, rng=rng)
    ids = rng.integers(0, 7, size=(3, 5))
    dout = rng.normal(size=(3, 5, 4))
    _, cache = embedding.forward(ids, p)
    grads = embedding.backward(dout, cache)

    def loss():
        return np.sum(embedding.forward(ids, p)[0] * dout)

    errs = gradcheck.check_grads(loss, p, grads)
    assert errs["E"] < 1e-7


def test_backward_is_the_scatter_add_of_np_add_at_bit_for_bit(rng):
    # the fast bincount path must add the same numbers in the same order as np.add.at
    p = embedding.init_params(6, 5, rng=rng)
    ids = rng.integers(0, 4, size=(7, 9))  # ids 4 and 5 never occur: their rows stay zero
    dout = rng.normal(size=(7, 9, 5)) * 10.0 ** rng.integers(-8, 8, size=(7, 9, 1))
    _, cache = embedding.forward(ids, p)
    want = np.zeros((6, 5))
    np.add.at(want, ids.reshape(-1), dout.reshape(-1, 5))
    got = embedding.backward(dout, cache)["E"]
    assert got.shape == (6, 5) and got.dtype == np.float64
    np.testing.assert_array_equal(got, want)
