"""lecturelib.drawing.first_input, drawn headless."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lecturelib.drawing import first_input as dfi


def test_gradient_by_length():
    ax = Figure().subplots()
    (line,) = dfi.draw_gradient_by_length(ax, [1, 2, 3], [1e-2, 1e-4, 1e-6])
    assert np.allclose(line.get_ydata(), [1e-2, 1e-4, 1e-6])
    assert ax.get_yscale() == "log"


def test_accuracy_by_length_mean_line():
    ax = Figure().subplots()
    acc = np.array([[1.0, 1.0], [0.5, 0.7]])
    arts = dfi.draw_accuracy_by_length(ax, [2, 20], acc)
    assert len(arts) == 3
    assert np.allclose(arts[-1].get_ydata(), [1.0, 0.6])


def test_clipping_runs_median_and_threshold():
    ax1, ax2 = Figure().subplots(1, 2)
    hists = [{"loss": np.array([1.0, 0.5]), "grad_norm": np.array([10.0, 1.0])},
             {"loss": np.array([3.0, 0.1]), "grad_norm": np.array([30.0, 3.0])},
             {"loss": np.array([2.0, 0.2]), "grad_norm": np.array([20.0, 2.0])}]
    arts = dfi.draw_clipping_runs(ax1, ax2, {"a": hists}, max_norm=1.0)
    assert len(arts) == 5  # 3 thin + median loss + median norm
    assert np.allclose(arts[3].get_ydata(), [2.0, 0.2])
    assert np.allclose(arts[4].get_ydata(), [20.0, 2.0])
    assert any(np.allclose(l.get_ydata(), [1.0, 1.0]) for l in ax2.get_lines())


def test_bad_input():
    ax = Figure().subplots()
    with pytest.raises(ValueError, match="grad_x1 must have one value per length"):
        dfi.draw_gradient_by_length(ax, [1, 2], [1.0])
    with pytest.raises(ValueError, match="grad_x1 must be > 0"):
        dfi.draw_gradient_by_length(ax, [1, 2], [1.0, 0.0])
    with pytest.raises(ValueError, match="accuracy must be"):
        dfi.draw_accuracy_by_length(ax, [1, 2], np.ones(2))
    with pytest.raises(ValueError, match="runs must be a non-empty dict"):
        dfi.draw_clipping_runs(ax, ax, {})
    with pytest.raises(ValueError, match="runs\\['x'\\]"):
        dfi.draw_clipping_runs(ax, ax, {"x": [{"loss": [1.0]}]})
    with pytest.raises(TypeError, match="ax_norm must be a matplotlib Axes"):
        dfi.draw_clipping_runs(ax, None, {"x": []})


def test_legends_sit_outside_the_axes():
    """The legends must not cover data: accuracy legend right of the axes, clipping legends below."""
    fig = Figure(figsize=(7, 3.2), layout="constrained")
    ax = fig.subplots()
    dfi.draw_accuracy_by_length(ax, [2, 40], np.array([[1.0, 1.0], [0.5, 0.6]]))
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    assert ax.get_legend().get_window_extent(renderer).x0 >= ax.get_window_extent(renderer).x1

    fig = Figure(figsize=(10, 3.4), layout="constrained")
    ax1, ax2 = fig.subplots(1, 2)
    hists = [{"loss": np.array([5.0, 1e-3]), "grad_norm": np.array([10.0, 1.0])}]
    dfi.draw_clipping_runs(ax1, ax2, {"a": hists}, max_norm=1.0)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    for a in (ax1, ax2):
        assert a.get_legend().get_window_extent(renderer).y1 <= a.get_window_extent(renderer).y0
    assert ax1.get_yscale() == "log"  # spikes above 2 and losses near 0 both stay in view
    assert any("gamma" in t.get_text() for t in ax2.get_legend().get_texts())


def test_accuracy_by_length_one_colour_and_threshold():
    ax = Figure().subplots()
    acc = np.array([[1.0, 1.0, 1.0], [0.5, 0.6, 1.0]])
    arts = dfi.draw_accuracy_by_length(ax, [2, 20], acc, one_colour=True, threshold=0.9)
    assert len(arts) == 5                                   # 3 runs + mean + threshold
    assert len({a.get_color() for a in arts[:3]}) == 1      # every run in one colour
    assert np.allclose(arts[3].get_ydata(), [1.0, 0.7])
    assert np.allclose(arts[4].get_ydata(), [0.9, 0.9])
    labels = [t.get_text() for t in ax.legend().get_texts()]
    assert labels[0] == "single runs (3)" and len(labels) == 3
    with pytest.raises(TypeError, match="threshold"):
        dfi.draw_accuracy_by_length(ax, [2, 20], acc, threshold="0.9")
