"""lecturelib.widgets.gru: the player runs the chosen GRU variant once and redraws on the slider."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest

from lecturelib import gru, seqclass
from lecturelib.widgets import gru_gate_player


@pytest.mark.parametrize("cell,reset_after", [("gru", False), ("gru_reset_after", True)])
def test_player(cell, reset_after):
    rng = np.random.default_rng(0)
    model = seqclass.init_model(cell, 1, 4, 2, rng=rng)
    x = rng.normal(size=(6, 1))
    box = gru_gate_player(x, model, reset_after=reset_after)
    h, _ = gru.forward(x[None], None, {k: a for k, a in model.items() if k not in ("V", "c")},
                       reset_after=reset_after)
    assert np.allclose(box.cache["h"], h) and box.cache["reset_after"] is reset_after
    first, n = box.live.png, box.live.renders
    box.slider.value = 6
    assert box.live.renders == n + 1 and box.live.png != first and box.live.frame["t"] == 6


def test_bad_input():
    rng = np.random.default_rng(0)
    model = seqclass.init_model("gru", 1, 4, 2, rng=rng)
    with pytest.raises(ValueError, match="x"):
        gru_gate_player(np.zeros((0, 1)), model)
    with pytest.raises(TypeError, match="params"):
        gru_gate_player(np.zeros((3, 1)), None)
    with pytest.raises(ValueError, match="b_hn"):
        gru_gate_player(np.zeros((3, 1)), model, reset_after=True)  # plain GRU params, reset-after cell
