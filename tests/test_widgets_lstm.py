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


def test_first_input_toggle_switches_to_the_flipped_run():
    rng = np.random.default_rng(1)
    model = seqclass.init_model("lstm", 1, 5, 2, rng=rng)
    x = rng.normal(size=(8, 1))
    x[0, 0] = 1.0
    box = lstm_gate_player(x, model, first_input_toggle=True)
    cell = {k: a for k, a in model.items() if k not in ("V", "c")}
    flipped = x.copy()
    flipped[0, 0] = -1.0
    h_given, _ = lstm.forward(x[None], None, cell)
    h_flipped, _ = lstm.forward(flipped[None], None, cell)
    assert np.allclose(box.cache["h"], h_given) and np.allclose(box.caches[1]["h"], h_flipped)
    assert [label for label, _ in box.first_input.options] == ["x\u2081 = +1", "x\u2081 = -1"]
    assert "ToggleButtons" in type(box.first_input).__name__
    box.slider.value = 8
    given_png, n = box.live.png, box.live.renders
    strips = {name: s["values"].copy() for name, s in zip(box.live.frame["names"], box.live.frame["strips"])}
    box.first_input.value = 1  # flip x_1: same layout, the other run's values
    assert box.live.renders == n + 1 and box.live.png != given_png
    frame = box.live.frame
    shown = dict(zip(frame["names"], frame["strips"]))
    assert np.allclose(shown["c"]["values"], box.caches[1]["c"][0])
    assert not np.allclose(shown["c"]["values"], strips["c"])
    assert np.allclose(shown[None]["values"][0], -1.0) and frame["t"] == 8
    assert "$x_1$ = -1" in frame["title"].get_text()
    # one colour scale for both runs: the c strip's range covers the larger of the two
    c_image = shown["c"]["image"]
    assert c_image.norm.vmax >= max(np.abs(box.caches[0]["c"]).max(), np.abs(box.caches[1]["c"]).max()) - 1e-12
    box.first_input.value = 0
    assert box.live.png == given_png  # back to the run as given, pixel for pixel


def test_first_input_toggle_bad_input():
    rng = np.random.default_rng(0)
    model = seqclass.init_model("lstm", 1, 3, 2, rng=rng)
    with pytest.raises(ValueError, match="first step"):
        lstm_gate_player(np.zeros((4, 1)), model, first_input_toggle=True)
    with pytest.raises(TypeError, match="first_input_toggle"):
        lstm_gate_player(np.ones((4, 1)), model, first_input_toggle="yes")


def test_title_says_step_1_at_the_first_step_and_steps_1_to_t_later():
    from lecturelib.drawing.gates import step_title

    assert step_title("gates, steps 1..{t}", 1) == "gates, step 1"
    assert step_title("gates, steps 1..{t}", 10) == "gates, steps 1..10"  # not "step 10"
    assert step_title("gates, steps 1..{t}", 11) == "gates, steps 1..11"
    rng = np.random.default_rng(1)
    model = seqclass.init_model("lstm", 1, 5, 2, rng=rng)
    x = rng.normal(size=(12, 1))
    x[0, 0] = 1.0
    for toggle in (False, True):
        box = lstm_gate_player(x, model, first_input_toggle=toggle)
        title = box.live.frame["title"]
        first = box.live.png
        suffix = ", $x_1$ = +1" if toggle else ""
        assert title.get_text() == "LSTM gates and states, step 1" + suffix
        box.slider.value = 2
        assert title.get_text() == "LSTM gates and states, steps 1..2" + suffix
        box.slider.value = 10
        assert title.get_text() == "LSTM gates and states, steps 1..10" + suffix
        box.slider.value = 1
        assert box.live.redraw_in_full() == first and title.get_text() == "LSTM gates and states, step 1" + suffix
        if toggle:
            box.first_input.value = 1  # the other run, still at step 1
            assert title.get_text() == "LSTM gates and states, step 1, $x_1$ = -1"
