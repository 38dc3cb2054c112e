"""lecturelib.gate_paths: products of gates along the direct paths, checked against explicit matrices."""
import numpy as np
import pytest

from lecturelib import gate_paths, gru, lstm


def test_path_products_match_explicit_diagonal_products():
    rng = np.random.default_rng(0)
    f = rng.uniform(0.2, 1.0, size=(2, 5, 3))
    P = gate_paths.path_products(f)
    assert P.shape == (2, 6, 3)
    assert np.allclose(P[:, 0], 1.0)
    for lag in range(6):
        M = np.eye(3)
        for s in range(5 - lag, 5):  # steps T-lag+1..T, as 0-based slots
            M = M @ np.diag(f[0, s])
        assert np.allclose(np.diag(P[0, lag]), M)
        assert gate_paths.path_norms(f)[0, lag] == pytest.approx(np.linalg.norm(M, 2))


def test_constant_gates_give_powers():
    f = np.full((1, 10, 2), 0.5)
    f[..., 1] = 0.9
    assert np.allclose(gate_paths.path_norms(f)[0], 0.9 ** np.arange(11))


def test_lstm_cell_path_is_dc_t_dc_prev_with_other_paths_frozen():
    rng = np.random.default_rng(1)
    p = lstm.init_params(2, 3, rng=rng)
    x = rng.normal(size=(1, 4, 2))
    _, cache = lstm.forward(x, None, p)
    # with gates held fixed, c_T is linear in c_k with coefficient prod f
    norms = gate_paths.lstm_cell_path_norms(cache)
    assert norms.shape == (1, 5)
    assert norms[0, 4] == pytest.approx(np.max(np.prod(cache["f"][0], axis=0)))


def test_gru_copy_path():
    rng = np.random.default_rng(2)
    p = gru.init_params(2, 3, rng=rng)
    _, cache = gru.forward(rng.normal(size=(2, 6, 2)), None, p)
    assert np.allclose(gate_paths.gru_copy_path_norms(cache)[:, 1], cache["z"][:, -1].max(axis=1))


def test_bad_input():
    with pytest.raises(ValueError, match="gates"):
        gate_paths.path_norms(np.full((1, 3, 2), 1.5))
    with pytest.raises(ValueError, match="gates"):
        gate_paths.path_norms(np.ones((3, 2)))
    with pytest.raises(ValueError, match="lstm.forward"):
        gate_paths.lstm_cell_path_norms({"z": 1})
    with pytest.raises(ValueError, match="gru.forward"):
        gate_paths.gru_copy_path_norms({"f": 1})
