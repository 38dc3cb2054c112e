"""lecturelib.widgets.lstm: the player runs the forward pass once and redraws on the slider."""
import matplotlib

matplotlib.use("Agg")
import numpy as np
import pytest

from lecturelib import lstm, seqclass
from lecturelib.widgets import lstm_gate_player


@pytest.fixture(scope="module")
def setup():
    rng = np.random.default_rng(0)
    model = seqclass.init_model("lstm", 1, 5, 2, rng=rng)  # includes V, c: the player ignores them
    x = rng.normal(size=(8, 1))
    return model, x, lstm_gate_player(x, model)


def test_cache_is_the_forward_pass(setup):
    model, x, box = setup
    h, _ = lstm.forward(x[None], None, {k: a for k, a in model.items() if k not in ("V", "c")})
    assert np.allclose(box.cache["h"], h)
    assert (box.slider.min, box.slider.max, box.slider.value) == (1, 8, 1)


def test_slider_redraws(setup):
    _, _, box = setup
    first, n = box.live.png, box.live.renders
    assert first.startswith(b"\x89PNG")
    box.slider.value = 6
    assert box.live.renders == n + 1 and box.live.png != first
    assert box.live.frame["t"] == 6


def test_bad_input(setup):
    model, x, _ = setup
    with pytest.raises(ValueError, match="x"):
        lstm_gate_player(np.zeros(5), model)
    with pytest.raises(TypeError, match="params"):
        lstm_gate_player(x, [1, 2])
    with pytest.raises(ValueError, match="units"):
        lstm_gate_player(x, model, units=[10])
