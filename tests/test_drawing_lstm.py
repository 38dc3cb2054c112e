"""lecturelib.drawing.lstm: the strips are the cache's gates for the chosen example and units."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest
from matplotlib.figure import Figure

from lecturelib import lstm
from lecturelib.drawing import lstm as lstm_drawing


@pytest.fixture(scope="module")
def cache():
    rng = np.random.default_rng(0)
    p = lstm.init_params(1, 4, rng=rng)
    _, cache = lstm.forward(rng.normal(size=(2, 7, 1)), None, p)
    return cache


def test_strips_are_the_cache(cache):
    strips, specs = lstm_drawing.lstm_strips(cache, example=1, units=[0, 2])
    assert list(strips) == list(lstm_drawing.LSTM_ORDER)
    assert np.array_equal(strips["f"], cache["f"][1][:, [0, 2]])
    assert specs["f"].vmin == 0 and specs["f"].vmax == 1
    assert specs["c"].vmax >= np.abs(strips["c"]).max() and specs["c"].vmin == -specs["c"].vmax


def test_draw_and_update(cache):
    fig = Figure(layout="constrained")
    frame = lstm_drawing.draw_lstm_gates(fig, cache, 3)
    assert len(frame["strips"]) == 8  # two input strips + six quantities
    titles = " ".join(ax.get_title(loc="left") for ax in fig.axes)
    for word in ("input gate", "forget gate", "output gate", "candidate", "cell state", "hidden state"):
        assert word in titles
    assert frame["title"].get_text().endswith("1..3")
    lstm_drawing.update_lstm_gates(frame, 7)
    assert frame["title"].get_text().endswith("1..7")
    f_img = frame["strips"][4]["image"].get_array()  # row-major order: x, x, i, g, f, ...
    assert np.allclose(f_img.data, cache["f"][0].T) and not f_img.mask.any()


def test_bad_input(cache):
    with pytest.raises(ValueError, match="lstm.forward"):
        lstm_drawing.lstm_strips({"h": 1})
    with pytest.raises(ValueError, match="example"):
        lstm_drawing.lstm_strips(cache, example=5)
    with pytest.raises(ValueError, match="units"):
        lstm_drawing.lstm_strips(cache, units=[9])
    with pytest.raises(ValueError, match="t must be"):
        lstm_drawing.draw_lstm_gates(Figure(), cache, 0)


def test_scale_with_widens_the_cell_colour_range():
    import numpy as np
    from lecturelib import lstm
    from lecturelib.drawing.lstm import lstm_strips
    rng = np.random.default_rng(0)
    p = lstm.init_params(1, 3, rng=rng)
    x = rng.normal(size=(1, 6, 1))
    _, small = lstm.forward(0.01 * x, None, p)
    _, big = lstm.forward(x, None, {**p, "b_i": p["b_i"] + 5.0, "b_f": p["b_f"] + 5.0})
    alone = lstm_strips(small)[1]["c"]
    both = lstm_strips(small, scale_with=[big])[1]["c"]
    assert both.vmax == pytest.approx(max(1.0, np.abs(big["c"]).max())) and both.vmax > alone.vmax
    with pytest.raises(TypeError, match="scale_with"):
        lstm_strips(small, scale_with=big)
