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
    assert list(ax.get_xticks()) == [2, 5, 10]  # ticks at the true lengths, whatever the dodge
    assert any(r"($\tau = 3$)" in t.get_text() for t in ax.texts)
    assert "$x_1$" in ax.get_xlabel() and "$T - 1$" in ax.get_xlabel()


def test_models_are_dodged_sideways_so_equal_markers_do_not_overlap():
    ax = Figure().subplots()
    draw.draw_accuracy_by_length(ax, RESULTS, dodge=0.05)
    lines = ax.get_lines()
    labelled = [ln for ln in lines if not ln.get_label().startswith("_")]
    x = np.array([ln.get_xdata() for ln in labelled])  # (models, lengths)
    # three models, neighbours 0.05 decades apart, centred on the true length
    assert np.allclose(np.log10(x / [2, 5, 10]), [[-0.05], [0.0], [0.05]])
    # the faint single runs of a model sit at its own dodged positions (here: the rnn's 100% run at T = 10
    # is not at the lstm's x, where the lstm's mean also reads 100%)
    rnn_runs = [ln for ln in lines if ln.get_label().startswith("_") and ln.get_color() == labelled[1].get_color()
                and ln.get_linestyle() == "None"]
    assert len(rnn_runs) == 2
    assert all(np.allclose(ln.get_xdata(), x[1]) for ln in rnn_runs)
    assert not np.allclose(x[1], x[2])
    flat = Figure().subplots()
    draw.draw_accuracy_by_length(flat, RESULTS, dodge=0)
    assert all(list(ln.get_xdata()) == [2, 5, 10] for ln in flat.get_lines()[:3])


def test_dodge_factors():
    assert np.allclose(draw.dodge_factors(1), [1.0])
    assert np.allclose(np.log10(draw.dodge_factors(4, dodge=0.02)), [-0.03, -0.01, 0.01, 0.03])
    with pytest.raises(ValueError, match="n_models"):
        draw.dodge_factors(0)
    with pytest.raises(ValueError, match="dodge"):
        draw.dodge_factors(3, dodge=-0.1)


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
