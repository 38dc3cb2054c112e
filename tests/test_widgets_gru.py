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


@pytest.mark.parametrize("cell,reset_after", [("gru", False), ("gru_reset_after", True)])
def test_first_input_toggle_switches_to_the_flipped_run(cell, reset_after):
    rng = np.random.default_rng(2)
    model = seqclass.init_model(cell, 1, 4, 2, rng=rng, update_bias=2.0)
    x = rng.normal(size=(6, 1))
    x[0, 0] = -1.0
    box = gru_gate_player(x, model, reset_after=reset_after, first_input_toggle=True)
    flipped = x.copy()
    flipped[0, 0] = 1.0
    h_flipped, _ = gru.forward(flipped[None], None, {k: a for k, a in model.items() if k not in ("V", "c")},
                               reset_after=reset_after)
    assert np.allclose(box.caches[1]["h"], h_flipped)
    assert [label for label, _ in box.first_input.options] == ["x\u2081 = -1", "x\u2081 = +1"]
    before, n = box.live.png, box.live.renders
    box.first_input.value = 1
    assert box.live.renders == n + 1 and box.live.png != before
    shown = dict(zip(box.live.frame["names"], box.live.frame["strips"]))
    assert np.allclose(shown["h"]["values"][:1], h_flipped[0, :1])  # t = 1: only step 1 shown, from the flipped run
    assert not np.allclose(shown["h"]["values"], box.cache["h"][0])
