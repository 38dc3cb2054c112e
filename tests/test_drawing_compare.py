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
    assert ax.get_xscale() == "log" and "log scale" in ax.get_xlabel()  # a log axis is marked as one


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


GRADS = {"lengths": np.array([1, 2, 3, 4, 5]), "models": ("dnn", "rnn", "lstm"),
         "grad": {"dnn": np.array([0.1, 0.05, 0.02, 0.0, 0.0]), "rnn": np.array([1e-2, 1e-3, 1e-4, 1e-5, 1e-6]),
                  "lstm": np.array([1e-2, 9e-3, 8e-3, 7e-3, 6e-3])}}


def test_first_input_gradient_plot_leaves_zeros_out_and_marks_T():
    ax = Figure().subplots()
    draw.draw_first_input_gradient(ax, GRADS, T=4, tau=3)
    assert ax.get_yscale() == "log" and "log scale" in ax.get_ylabel()
    labelled = {ln.get_label(): ln for ln in ax.get_lines() if not ln.get_label().startswith("_")}
    assert list(labelled) == ["DNN (window):  0", "simple RNN:  1e-05", "LSTM:  7e-03"]  # values at T = 4
    assert np.isnan(labelled["DNN (window):  0"].get_ydata()[3:]).all()  # a zero has no place on a log axis
    assert any("exactly 0" in t.get_text() for t in ax.texts)
    assert 4 in [ln.get_xdata()[0] for ln in ax.get_lines() if ln.get_linestyle() == "-" and len(ln.get_xdata()) == 2]
    assert ax.get_legend().get_title().get_text() == "at $T = 4$"
    plain = Figure().subplots()
    draw.draw_first_input_gradient(plain, GRADS)
    assert [ln.get_label() for ln in plain.get_lines()] == ["DNN (window)", "simple RNN", "LSTM"]


def test_first_input_gradient_plot_bad_input():
    ax = Figure().subplots()
    with pytest.raises(TypeError, match="grads"):
        draw.draw_first_input_gradient(ax, {"lengths": [1]})
    with pytest.raises(ValueError, match="T must be one of"):
        draw.draw_first_input_gradient(ax, GRADS, T=9)
    with pytest.raises(ValueError, match="one value per length"):
        draw.draw_first_input_gradient(ax, {**GRADS, "grad": {**GRADS["grad"], "rnn": np.ones(2)}})
    with pytest.raises(TypeError, match="ax"):
        draw.draw_first_input_gradient("axes", GRADS)
