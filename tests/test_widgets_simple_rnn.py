"""The stepping widget: computes h_t and yhat_t once, redraws when the slider moves."""
import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lecturelib import losses, rnn  # noqa: E402
from lecturelib.activations import softmax  # noqa: E402
from lecturelib.widgets import rnn_stepper  # noqa: E402


@pytest.fixture
def model():
    rng = np.random.default_rng(0)
    params = rnn.init_params(5, 3, rng=rng)
    out = losses.init_output_params(3, 2, rng=rng)
    x = np.eye(5)[[0, 1, 2, 3]]
    return x, ["a", "b", "c", "d"], params, out


def test_states_match_the_library(model):
    x, tokens, params, out = model
    box = rnn_stepper(x, tokens, params, out, ["yes", "no"])
    h, _ = rnn.forward(x[None], None, params)
    o, _ = losses.output_forward(h, out)
    np.testing.assert_allclose(box.h, h[0])
    np.testing.assert_allclose(box.yhat, softmax(o[0]))


def test_slider_redraws_and_counts_from_one(model):
    x, tokens, params, out = model
    box = rnn_stepper(x, tokens, params, out, ["yes", "no"], mark_last=True)
    assert (box.slider.min, box.slider.max, box.slider.value) == (1, 4, 4)
    assert box.live.renders == 1
    first = box.live.png
    assert first[:4] == b"\x89PNG"
    box.slider.value = 1
    assert box.live.renders == 2 and box.live.png != first
    assert "1 of 4" in box.live.frame["axes"][0].get_title()
    box.slider.value = 4  # back to the first frame: the same picture
    assert box.live.png == first


def test_bad_input(model):
    x, tokens, params, out = model
    with pytest.raises(ValueError, match="x must be one sequence"):
        rnn_stepper(x[None], tokens, params, out, ["yes", "no"])
    with pytest.raises(ValueError, match="tokens must have one entry per step"):
        rnn_stepper(x, tokens[:2], params, out, ["yes", "no"])
    with pytest.raises(ValueError, match="class_names must have 2 entries"):
        rnn_stepper(x, tokens, params, out, ["yes"])
