"""lecturelib.drawing.compare: the accuracy-by-length plot and the cost bars, drawn headless."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from lecturelib.drawing import compare as draw

RESULTS = {"lengths": np.array([2, 5, 10]), "models": ("dnn", "rnn", "lstm"), "runs": 2,
           "accuracy": {"dnn": np.array([1.0, 0.5, 0.5]), "rnn": np.array([1.0, 1.0, 0.75]),
                        "lstm": np.array([1.0, 1.0, 1.0])},
           "accuracy_runs": {"dnn": np.array([[1, 1], [0.5, 0.5], [0.5, 0.5]]),
                             "rnn": np.array([[1, 1], [1, 1], [1, 0.5]]), "lstm": np.ones((3, 2))},
           "params": {"dnn": 98, "rnn": 322, "lstm": 1186},
           "time_per_step": {"dnn": np.array([1e-5] * 3), "rnn": np.array([2e-5] * 3), "lstm": np.array([9e-5] * 3)}}


def test_accuracy_plot_has_one_line_per_model_in_percent():
    ax = Figure().subplots()
    draw.draw_accuracy_by_length(ax, RESULTS, tau=3)
    labelled = [ln for ln in ax.get_lines() if not ln.get_label().startswith("_")]
    assert [ln.get_label() for ln in labelled] == ["DNN (window)", "simple RNN", "LSTM"]
    assert np.allclose(labelled[1].get_ydata(), [100, 100, 75])
    assert list(labelled[0].get_xdata()) == [2, 5, 10]


def test_cost_bars_are_microseconds_with_parameter_labels():
    ax = Figure().subplots()
    draw.draw_cost(ax, RESULTS)
    heights = [p.get_height() for p in ax.patches]
    assert np.allclose(heights, [10, 20, 90])
    assert "1186 params" in [t.get_text() for t in ax.texts]


def test_bad_input():
    ax = Figure().subplots()
    with pytest.raises(TypeError, match="ax"):
        draw.draw_accuracy_by_length("axes", RESULTS)
    with pytest.raises(TypeError, match="results"):
        draw.draw_cost(ax, {"models": ("rnn",)})
    with pytest.raises(ValueError, match="unknown"):
        draw.draw_accuracy_by_length(ax, {**RESULTS, "models": ("cnn",)})
    with pytest.raises(ValueError, match="one value per length"):
        draw.draw_accuracy_by_length(ax, {**RESULTS, "accuracy": {**RESULTS["accuracy"], "dnn": np.ones(2)}})
