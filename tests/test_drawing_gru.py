"""lecturelib.drawing.gru: the strips are the cache's r, z, n, h; frames update."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest
from matplotlib.figure import Figure

from lecturelib import gru
from lecturelib.drawing import gru as gru_drawing


@pytest.fixture(scope="module", params=[False, True])
def cache(request):
    rng = np.random.default_rng(0)
    p = gru.init_params(2, 3, rng=rng, reset_after=request.param)
    _, cache = gru.forward(rng.normal(size=(2, 5, 2)), None, p, reset_after=request.param)
    return cache


def test_strips_are_the_cache(cache):
    strips, specs = gru_drawing.gru_strips(cache, example=1)
    assert list(strips) == list(gru_drawing.GRU_ORDER)
    assert np.array_equal(strips["z"], cache["z"][1]) and np.array_equal(strips["n"], cache["n"][1])
    assert (specs["r"].vmin, specs["r"].vmax) == (0.0, 1.0)
    assert (specs["h"].vmin, specs["h"].vmax) == (-1.0, 1.0)


def test_draw_and_update(cache):
    fig = Figure(layout="constrained")
    frame = gru_drawing.draw_gru_gates(fig, cache, 2)
    assert len(frame["strips"]) == 6  # input over both columns + r, n, z, h
    titles = " ".join(ax.get_title(loc="left") for ax in fig.axes)
    for word in ("reset gate", "update gate", "candidate", "hidden state"):
        assert word in titles
    gru_drawing.update_gru_gates(frame, 5)
    z_img = frame["strips"][4]["image"].get_array()  # row-major: x, x, r, n, z, h
    assert np.allclose(z_img.data, cache["z"][0].T) and not z_img.mask.any()
    frame2 = gru_drawing.draw_gru_gates(Figure(), cache, 1, show_input=False, units=[1])
    assert len(frame2["strips"]) == 4 and frame2["strips"][0]["values"].shape == (5, 1)


def test_bad_input(cache):
    with pytest.raises(ValueError, match="gru.forward"):
        gru_drawing.gru_strips({"f": 1})
    with pytest.raises(ValueError, match="units"):
        gru_drawing.gru_strips(cache, units=[])
    with pytest.raises(ValueError, match="t must be"):
        gru_drawing.draw_gru_gates(Figure(), cache, 6)
