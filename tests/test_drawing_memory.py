"""lecturelib.drawing.memory: accuracy per cell and path norms draw the given numbers."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest
from matplotlib.figure import Figure

from lecturelib.drawing import memory


def test_accuracy_by_cell_draws_means_and_runs():
    ax = Figure().add_subplot()
    acc = {"RNN": np.array([[1.0, 0.9], [0.5, 0.6]]), "LSTM": np.array([[1.0, 1.0], [1.0, 0.8]])}
    memory.draw_accuracy_by_cell(ax, [10, 20], acc)
    means = {l.get_label(): l.get_ydata() for l in ax.get_lines() if not l.get_label().startswith("_")}
    assert np.allclose(means["RNN"], [0.95, 0.55]) and np.allclose(means["LSTM"], [1.0, 0.9])
    assert len(ax.get_lines()) == 2 * 3 + 1  # per cell: 2 runs + mean; plus the chance line
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["RNN", "LSTM"]


def test_path_norms_draws_powers_of_ten():
    ax = Figure().add_subplot()
    lags = np.arange(4)
    memory.draw_path_norms(ax, lags, {"a": np.array([0.0, -1.0, -2.0, -3.0])})
    assert np.allclose(ax.get_lines()[0].get_ydata(), [1, 0.1, 0.01, 0.001])
    assert ax.get_yscale() == "log"


def test_bad_input():
    ax = Figure().add_subplot()
    with pytest.raises(ValueError, match="results"):
        memory.draw_accuracy_by_cell(ax, [1, 2], {})
    with pytest.raises(ValueError, match="RNN"):
        memory.draw_accuracy_by_cell(ax, [1, 2], {"RNN": np.zeros((3, 2))})
    with pytest.raises(ValueError, match="curves"):
        memory.draw_path_norms(ax, np.arange(3), {"a": np.zeros(4)})
    with pytest.raises(TypeError, match="ax"):
        memory.draw_path_norms(None, np.arange(3), {"a": np.zeros(3)})
